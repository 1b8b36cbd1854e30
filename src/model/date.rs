//! Historical dates as corpora write them: a day, a month, a season or a year.

use std::fmt;
use std::ops::Range;

/// A calendar day (proleptic Gregorian; year 0 is 1 BC). Orders chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// Days since 1 January 1970 (negative before), for measuring time between dates.
    pub fn ordinal(self) -> i64 {
        // Howard Hinnant's days-from-civil.
        let (m, d) = (i64::from(self.month.clamp(1, 12)), i64::from(self.day.max(1)));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `ordinal` days after 1 January 1970.
    pub fn from_ordinal(ordinal: i64) -> Self {
        let z = ordinal + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// The month's short name: "Oct".
    pub fn month_abbrev(self) -> &'static str {
        &MONTHS[(self.month as usize).clamp(1, 12) - 1][..3]
    }
}

/// A season of the northern hemisphere, as a span of three months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    /// December of the year written, and January and February of the next.
    Winter,
}

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Precision {
    Day,
    Month,
    Season(Season),
    Year,
}

/// A date as written in a corpus: its first day and how precise it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Date {
    pub first: Day,
    pub precision: Precision,
}

/// Why a written date was refused: a message, the part of the text at fault, and a fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub at: Range<usize>,
    pub help: String,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const FORMS: &str =
    "write a day as \"1939-10-05\", a month as \"1939-10\", a year as \"1939\", or a season as \"summer 1940\"";

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

impl Date {
    /// Reads `1939-10-05`, `1939-10`, `1939`, or `summer 1940` (also spring, autumn or fall,
    /// winter). A year may be negative for dates before the common era.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let trimmed = text.trim();
        let lead = text.len() - text.trim_start().len();
        let malformed = || DateError {
            message: format!("`{trimmed}` is not a date"),
            at: lead..lead + trimmed.len(),
            help: FORMS.into(),
        };
        if trimmed.len() != text.len() {
            let at = if lead > 0 { 0..lead } else { trimmed.len()..text.len() };
            return Err(DateError {
                message: format!("the date `{trimmed}` has spaces around it"),
                at,
                help: format!("write it without them: \"{trimmed}\""),
            });
        }
        if let Some((word, year)) = trimmed.split_once(' ') {
            let season = match word.to_ascii_lowercase().as_str() {
                "spring" => Season::Spring,
                "summer" => Season::Summer,
                "autumn" | "fall" => Season::Autumn,
                "winter" => Season::Winter,
                _ => return Err(malformed()),
            };
            if year.starts_with(char::is_whitespace) {
                let spaces = year.len() - year.trim_start().len();
                return Err(DateError {
                    message: format!("`{trimmed}` has more than one space between season and year"),
                    at: word.len()..word.len() + 1 + spaces,
                    help: format!("write one space: \"{word} {}\"", year.trim_start()),
                });
            }
            let year = parse_year(year).ok_or_else(malformed)?;
            let month = match season {
                Season::Spring => 3,
                Season::Summer => 6,
                Season::Autumn => 9,
                Season::Winter => 12,
            };
            return Ok(Self { first: Day { year, month, day: 1 }, precision: Precision::Season(season) });
        }
        let (sign, digits) = match trimmed.strip_prefix('-') {
            Some(rest) => (1, rest),
            None => (0, trimmed),
        };
        let parts: Vec<&str> = digits.split('-').collect();
        if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(malformed());
        }
        let year = parse_year(&trimmed[..sign + parts[0].len()]).ok_or_else(malformed)?;
        let part_at = |i: usize| {
            let start = lead + sign + parts[..i].iter().map(|p| p.len() + 1).sum::<usize>();
            start..start + parts[i].len()
        };
        if sign == 1 && year == 0 {
            return Err(DateError {
                message: format!("`{trimmed}` is not a year: there is no year -0"),
                at: 0..trimmed.len(),
                help: "years are counted astronomically: write \"0\" for 1 BC, \"-1\" for 2 BC".into(),
            });
        }
        if let Some(i) = (1..parts.len()).find(|&i| parts[i].len() != 2) {
            let (what, example) = if i == 1 { ("a month", "1939-01") } else { ("a day", "1939-01-05") };
            return Err(DateError {
                message: format!("`{trimmed}` is not a date: {what} is written with two digits"),
                at: part_at(i),
                help: format!("write months and days with two digits, as in \"{example}\""),
            });
        }
        let month = match parts.get(1) {
            None => {
                return Ok(Self { first: Day { year, month: 1, day: 1 }, precision: Precision::Year });
            }
            Some(m) if m.len() > 2 => return Err(malformed()),
            Some(m) => m.parse::<u8>().map_err(|_| malformed())?,
        };
        if !(1..=12).contains(&month) {
            return Err(DateError {
                message: format!("`{trimmed}` is not a date: there is no month {month}"),
                at: part_at(1),
                help: "months run from 01 (January) to 12 (December)".into(),
            });
        }
        let day = match parts.get(2) {
            None => {
                return Ok(Self { first: Day { year, month, day: 1 }, precision: Precision::Month });
            }
            Some(d) if d.len() > 2 => return Err(malformed()),
            Some(d) => d.parse::<u8>().map_err(|_| malformed())?,
        };
        if day == 0 {
            return Err(DateError {
                message: format!("`{trimmed}` is not a date: days are numbered from 01"),
                at: part_at(2),
                help: "if only the month is known, write it without a day (\"1939-10\")".into(),
            });
        }
        let last = days_in_month(year, month);
        if !(1..=last).contains(&day) {
            return Err(DateError {
                message: format!(
                    "`{trimmed}` is not a date: {} {} has {last} days",
                    MONTHS[month as usize - 1],
                    Year(year)
                ),
                at: part_at(2),
                help:
                    "check the day against the source; if only the month is known, write it without a day (\"1939-02\")"
                        .into(),
            });
        }
        Ok(Self { first: Day { year, month, day }, precision: Precision::Day })
    }

    /// A date as a reader types it to go to: the corpus's own forms ([`Date::parse`]), or
    /// in words, "16 June 1940", "June 16, 1940", "June 1940", "jun 1940" (a month by its
    /// English name or its first three letters, in any case). `None` for anything else, and
    /// for a day the month does not have.
    pub fn typed(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Ok(date) = Self::parse(text) {
            return Some(date);
        }
        let words: Vec<&str> = text.split([' ', ',', '.']).filter(|w| !w.is_empty()).collect();
        let month_of = |word: &str| {
            let word = word.to_lowercase();
            let known = |name: &&str| {
                let name = name.to_lowercase();
                word == name || (word.chars().count() >= 3 && name.starts_with(&word))
            };
            MONTHS.iter().position(known).map(|m| m as u8 + 1)
        };
        let number = |word: &str| word.parse::<u32>().ok().filter(|_| word.bytes().all(|b| b.is_ascii_digit()));
        let (day, month, year) = match words.as_slice() {
            [month, year] => (None, month_of(month)?, *year),
            [day, month, year] if number(day).is_some() => (number(day), month_of(month)?, *year),
            [month, day, year] => (Some(number(day)?), month_of(month)?, *year),
            _ => return None,
        };
        let year = parse_year(year)?;
        let Some(day) = day else {
            return Some(Self { first: Day { year, month, day: 1 }, precision: Precision::Month });
        };
        let day = u8::try_from(day).ok().filter(|&d| (1..=days_in_month(year, month)).contains(&d))?;
        Some(Self { first: Day { year, month, day }, precision: Precision::Day })
    }

    /// The last day this date covers.
    pub fn last(&self) -> Day {
        let Day { year, month, .. } = self.first;
        let (year, month) = match self.precision {
            Precision::Day => return self.first,
            Precision::Month => (year, month),
            Precision::Season(Season::Winter) => (year + 1, 2),
            Precision::Season(_) => (year, month + 2),
            Precision::Year => (year, 12),
        };
        Day { year, month, day: days_in_month(year, month) }
    }
}

fn parse_year(text: &str) -> Option<i32> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A year as a person writes it: `1939`, or `44 BC` for year -43.
struct Year(i32);

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 0 { write!(f, "{}", self.0) } else { write!(f, "{} BC", 1 - self.0) }
    }
}

/// "5 October 1939", "October 1939", "summer 1940", "1939".
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Day { year, month, day } = self.first;
        let month_name = MONTHS[(month as usize).clamp(1, 12) - 1];
        match self.precision {
            Precision::Day => write!(f, "{day} {month_name} {}", Year(year)),
            Precision::Month => write!(f, "{month_name} {}", Year(year)),
            Precision::Season(season) => {
                let name = match season {
                    Season::Spring => "spring",
                    Season::Summer => "summer",
                    Season::Autumn => "autumn",
                    Season::Winter => "winter",
                };
                write!(f, "{name} {}", Year(year))
            }
            Precision::Year => write!(f, "{}", Year(year)),
        }
    }
}

/// When something happened: a date, maybe an end date, maybe only approximately known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct When {
    pub start: Date,
    pub end: Option<Date>,
    pub approximate: bool,
}

impl When {
    pub fn last(&self) -> Day {
        self.end.map_or_else(|| self.start.last(), |end| end.last())
    }
}

/// "5 October 1939", "c. 1934", "14–15 July 1940", "17 September – 6 October 1939".
impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("c. ")?;
        }
        let Some(end) = self.end else {
            return write!(f, "{}", self.start);
        };
        let (a, b) = (self.start.first, end.first);
        match (self.start.precision, end.precision) {
            (Precision::Day, Precision::Day) if a.year == b.year && a.month == b.month => {
                write!(f, "{}–{end}", a.day)
            }
            (Precision::Day, Precision::Day) if a.year == b.year => {
                write!(f, "{} {} – {end}", a.day, MONTHS[a.month as usize - 1])
            }
            _ => write!(f, "{} – {end}", self.start),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn dates_typed_to_go_to_read_as_people_write_them() {
        let day = |y, m, d| Some(Date { first: Day { year: y, month: m, day: d }, precision: Precision::Day });
        let month = |y, m| Some(Date { first: Day { year: y, month: m, day: 1 }, precision: Precision::Month });
        for written in ["16 June 1940", "1940-06-16", "June 16, 1940", "16 jun 1940", "16. Juni 1940"] {
            let expected = if written.contains("Juni") { None } else { day(1940, 6, 16) };
            assert_eq!(Date::typed(written), expected, "{written}");
        }
        assert_eq!(Date::typed("June 1940"), month(1940, 6));
        assert_eq!(Date::typed("sept 1939"), month(1939, 9));
        assert_eq!(Date::typed(" 1940 "), Some(date("1940")));
        assert_eq!(Date::typed("summer 1940"), Some(date("summer 1940")));
        for nothing in ["", "June", "31 June 1940", "30 Ju 1940", "16 June", "tomorrow", "1940 June 16"] {
            assert_eq!(Date::typed(nothing), None, "{nothing:?}");
        }
    }

    #[test]
    fn day_ordinals_count_days_both_ways() {
        let day = |y, m, d| Day { year: y, month: m, day: d };
        assert_eq!(day(1970, 1, 1).ordinal(), 0);
        assert_eq!(day(1939, 10, 5).ordinal() - day(1939, 9, 28).ordinal(), 7);
        assert_eq!(day(1940, 3, 1).ordinal() - day(1940, 2, 28).ordinal(), 2, "1940 was a leap year");
        for ordinal in (-800_000..100_000).step_by(997) {
            assert_eq!(Day::from_ordinal(ordinal).ordinal(), ordinal);
        }
        assert_eq!(Day::from_ordinal(day(-43, 3, 15).ordinal()), day(-43, 3, 15));
    }

    #[test]
    fn each_precision_reads_and_reads_back() {
        assert_eq!(date("1939-10-05").to_string(), "5 October 1939");
        assert_eq!(date("1939-10").to_string(), "October 1939");
        assert_eq!(date("1939").to_string(), "1939");
        assert_eq!(date("summer 1940").to_string(), "summer 1940");
        assert_eq!(date("Fall 1939").to_string(), "autumn 1939");
        assert_eq!(date("-43-03-15").to_string(), "15 March 44 BC");
    }

    #[test]
    fn spans_cover_their_whole_range() {
        assert_eq!(date("1940-02").last(), Day { year: 1940, month: 2, day: 29 });
        assert_eq!(date("summer 1940").last(), Day { year: 1940, month: 8, day: 31 });
        assert_eq!(date("winter 1939").last(), Day { year: 1940, month: 2, day: 29 });
        assert_eq!(date("1939").last(), Day { year: 1939, month: 12, day: 31 });
        assert_eq!(date("1939-10-05").last(), date("1939-10-05").first);
    }

    #[test]
    fn impossible_dates_are_refused_at_the_faulty_part() {
        let e = Date::parse("1939-02-30").unwrap_err();
        assert_eq!(e.message, "`1939-02-30` is not a date: February 1939 has 28 days");
        assert_eq!(e.at, 8..10);
        let e = Date::parse("1939-13").unwrap_err();
        assert_eq!(e.message, "`1939-13` is not a date: there is no month 13");
        assert_eq!(e.at, 5..7);
        assert!(Date::parse("1900-02-29").is_err());
        assert!(Date::parse("2000-02-29").is_ok());
        for bad in ["", "5 Oct 1939", "1939-1-1-1", "1939--01", "x1939", "1939-001", "summer", "summer 19x"] {
            assert!(Date::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    /// Each loose way of writing a date is refused where it goes wrong, with the way to
    /// write it.
    #[test]
    fn loose_forms_are_refused_with_the_form_to_write() {
        let refused = |text: &str| Date::parse(text).unwrap_err();
        let e = refused(" 1939");
        assert_eq!(
            (e.message.as_str(), e.at, e.help.as_str()),
            ("the date `1939` has spaces around it", 0..1, "write it without them: \"1939\"")
        );
        assert_eq!(refused("1939 ").at, 4..5);
        let e = refused("1939-1-5");
        assert_eq!((e.message.as_str(), e.at), ("`1939-1-5` is not a date: a month is written with two digits", 5..6));
        assert_eq!(refused("1939-10-5").at, 8..9);
        let e = refused("-0");
        assert_eq!(e.message, "`-0` is not a year: there is no year -0");
        assert!(Date::parse("0").is_ok() && Date::parse("-1").is_ok());
        let e = refused("autumn  1939");
        assert_eq!(
            (e.message.as_str(), e.at, e.help.as_str()),
            (
                "`autumn  1939` has more than one space between season and year",
                6..8,
                "write one space: \"autumn 1939\""
            )
        );
        let e = refused("1939-10-00");
        assert_eq!((e.message.as_str(), e.at), ("`1939-10-00` is not a date: days are numbered from 01", 8..10));
        // Season names are read whatever their case (documented): a capital starts a sentence.
        assert_eq!(date("WINTER 1939"), date("winter 1939"));
    }

    #[test]
    fn ranges_read_as_a_person_writes_them() {
        let when = |s: &str, e: Option<&str>, approximate| When { start: date(s), end: e.map(date), approximate };
        assert_eq!(when("1940-07-14", Some("1940-07-15"), false).to_string(), "14–15 July 1940");
        assert_eq!(when("1939-09-17", Some("1939-10-06"), false).to_string(), "17 September – 6 October 1939");
        assert_eq!(when("1939-11-30", Some("1940-03-13"), false).to_string(), "30 November 1939 – 13 March 1940");
        assert_eq!(when("1934", None, true).to_string(), "c. 1934");
    }
}
