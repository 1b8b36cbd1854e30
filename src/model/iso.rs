//! Dates as ISO 8601 writes them, for exports and citations: to the day, or as precise as
//! the corpus gives them, with the word that names that precision.

use super::date::{Date, Day, Precision};

/// A day as ISO 8601: "1939-10-05"; a year before 0 or after 9999 with its sign and at
/// least four digits, as the standard's expanded form has it ("-0004-02-29").
pub fn day(day: Day) -> String {
    let year = match day.year {
        0..=9999 => format!("{:04}", day.year),
        year if year < 0 => format!("-{:04}", year.unsigned_abs()),
        year => format!("+{year}"),
    };
    format!("{year}-{:02}-{:02}", day.month, day.day)
}

/// A date as precise as it was given: "1939-10-05", "1939-10", "1939"; a season by its
/// first day (its [`precision`] says it is a season).
pub fn date(date: Date) -> String {
    let first = day(date.first);
    match date.precision {
        Precision::Day | Precision::Season(_) => first,
        Precision::Month => first[..first.len() - 3].to_string(),
        Precision::Year => first[..first.len() - 6].to_string(),
    }
}

/// How precise a date is, in a word: day, month, season or year.
pub fn precision(precision: Precision) -> &'static str {
    match precision {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Season(_) => "season",
        Precision::Year => "year",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_written_as_iso_8601_also_before_the_common_era() {
        let at = |year, month, d| day(Day { year, month, day: d });
        assert_eq!(at(1939, 10, 5), "1939-10-05");
        assert_eq!(at(44, 3, 15), "0044-03-15");
        assert_eq!(at(0, 1, 1), "0000-01-01");
        assert_eq!(at(-4, 2, 29), "-0004-02-29");
        assert_eq!(at(-43210, 1, 1), "-43210-01-01");
        assert_eq!(at(12000, 1, 1), "+12000-01-01");
    }

    #[test]
    fn a_date_is_as_precise_as_it_was_given() {
        let given = |text: &str| date(Date::parse(text).unwrap());
        assert_eq!(
            [given("1939-10-05"), given("1939-10"), given("1939"), given("-44")],
            ["1939-10-05", "1939-10", "1939", "-0044"]
        );
        assert_eq!(precision(Date::parse("summer 1940").unwrap().precision), "season");
    }
}
