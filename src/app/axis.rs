//! The timeline's time axis: the days a strip shows, the column of each date, the tick
//! labels that fit, and the events that share a column.

use std::ops::Range;

use crate::model::date::Day;
use crate::text::wrap::width as text_width;

/// The narrowest window, in days: zooming in stops at two weeks.
pub const MIN_SPAN: i64 = 14;

/// The days shown: `start` up to, not including, `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: i64,
    pub end: i64,
}

impl Window {
    /// Everything from day `first` to day `last`, with a little room on each side.
    pub fn fit(first: i64, last: i64) -> Self {
        let span = (last - first + 1).max(MIN_SPAN);
        let room = span / 50 + 1;
        Self { start: first - room, end: first + span + room }
    }

    pub fn span(&self) -> i64 {
        (self.end - self.start).max(1)
    }

    /// The column of `day` in a strip `width` columns wide; outside `0..width` when the
    /// day is outside the window. Never decreases as the day grows.
    pub fn column(&self, day: i64, width: u16) -> i64 {
        ((day - self.start) as i128 * width as i128).div_euclid(self.span() as i128) as i64
    }

    /// The first day that column `column` stands for.
    pub fn day_at(&self, column: u16, width: u16) -> i64 {
        self.start + (column as u128 * self.span() as u128).div_ceil(width.max(1) as u128) as i64
    }

    /// Twice as close (or, with `out`, twice as far), keeping `around` where it is on the
    /// strip; never narrower than [`MIN_SPAN`] nor wider than `widest`.
    pub fn zoom(&self, around: i64, out: bool, widest: Window) -> Self {
        let span = if out { self.span() * 2 } else { self.span() / 2 };
        let span = span.clamp(MIN_SPAN, widest.span().max(MIN_SPAN));
        let offset = ((around - self.start) as i128 * span as i128 / self.span() as i128) as i64;
        let start = around - offset;
        Self { start, end: start + span }
    }

    /// Moved by a quarter of its width, later or (`back`) earlier.
    pub fn pan(&self, back: bool) -> Self {
        let shift = (self.span() / 4).max(1) * if back { -1 } else { 1 };
        Self { start: self.start + shift, end: self.end + shift }
    }

    /// Moved as little as needed for `day` to be shown, with a tenth of the width to spare.
    pub fn reveal(&self, day: i64) -> Self {
        let room = self.span() / 10;
        if day < self.start + room {
            let start = day - room;
            Self { start, end: start + self.span() }
        } else if day >= self.end - room {
            let end = day + room + 1;
            Self { start: end - self.span(), end }
        } else {
            *self
        }
    }

    pub fn contains(&self, day: i64) -> bool {
        (self.start..self.end).contains(&day)
    }
}

/// The tick labels for `window` on a strip `width` wide: (column, label), never
/// overlapping, never cut, at the finest unit whose labels fit.
pub fn ticks(window: Window, width: u16) -> Vec<(u16, String)> {
    // The coarsest unit when none is coarse enough: a span of a hundred thousand years still
    // shows the labels that fit.
    let unit = UNITS
        .iter()
        .find(|u| {
            let columns = u.days as i128 * width as i128 / window.span() as i128;
            columns >= u.label_width as i128 + 2
        })
        .unwrap_or(&UNITS[UNITS.len() - 1]);
    let mut out = Vec::new();
    let mut free = 0;
    let mut tick = unit.first_at_or_after(window.start);
    // Day ticks name their year on the first label of each year, so that every zoom says
    // which year it shows.
    let mut year_named = None;
    while tick < window.end {
        let column = window.column(tick, width);
        let day = Day::from_ordinal(tick);
        let mut label = unit.label(day);
        let with_year = matches!(unit.kind, Stride::Days(_)) && year_named != Some(day.year);
        if with_year {
            label = format!("{label} {}", year_name(day.year));
        }
        let w = text_width(&label) as i64;
        if column >= free && column + w <= width as i64 {
            out.push((column as u16, label));
            free = column + w + 1;
            if with_year {
                year_named = Some(day.year);
            }
        }
        let next = unit.next(tick);
        if next <= tick {
            break;
        }
        tick = next;
    }
    out
}

/// A step between ticks.
struct Unit {
    kind: Stride,
    /// About how many days a step is, for choosing the unit.
    days: i64,
    label_width: usize,
}

#[derive(Clone, Copy)]
enum Stride {
    Days(i64),
    Months(i32),
    Years(i32),
}

const fn unit(kind: Stride, days: i64, label_width: usize) -> Unit {
    Unit { kind, days, label_width }
}

const UNITS: &[Unit] = &[
    unit(Stride::Days(1), 1, 6),
    unit(Stride::Days(2), 2, 6),
    unit(Stride::Days(7), 7, 6),
    unit(Stride::Days(14), 14, 6),
    unit(Stride::Months(1), 30, 8),
    unit(Stride::Months(3), 91, 8),
    unit(Stride::Months(6), 182, 8),
    unit(Stride::Years(1), 365, 4),
    unit(Stride::Years(2), 730, 4),
    unit(Stride::Years(5), 1826, 4),
    unit(Stride::Years(10), 3652, 4),
    unit(Stride::Years(25), 9131, 4),
    unit(Stride::Years(50), 18262, 4),
    unit(Stride::Years(100), 36524, 5),
    unit(Stride::Years(250), 91310, 5),
    unit(Stride::Years(500), 182621, 5),
    unit(Stride::Years(1000), 365242, 5),
    unit(Stride::Years(2500), 913106, 7),
    unit(Stride::Years(5000), 1826212, 7),
    unit(Stride::Years(10000), 3652425, 8),
    unit(Stride::Years(25000), 9131062, 8),
    unit(Stride::Years(100000), 36524250, 9),
];

impl Unit {
    /// The first tick on or after `day`: a day, the first of a month, or of a year,
    /// aligned to the step.
    fn first_at_or_after(&self, day: i64) -> i64 {
        let d = Day::from_ordinal(day);
        match self.kind {
            Stride::Days(n) => day + (n - day.rem_euclid(n)) % n,
            Stride::Months(n) => {
                let mut month = d.year as i64 * 12 + (d.month as i64 - 1);
                if d.day > 1 {
                    month += 1;
                }
                month += (n as i64 - month.rem_euclid(n as i64)) % n as i64;
                month_start(month)
            }
            Stride::Years(n) => {
                let mut year = d.year as i64 + i64::from(d.month > 1 || d.day > 1);
                year += (n as i64 - year.rem_euclid(n as i64)) % n as i64;
                month_start(year * 12)
            }
        }
    }

    fn next(&self, tick: i64) -> i64 {
        let d = Day::from_ordinal(tick);
        match self.kind {
            Stride::Days(n) => tick + n,
            Stride::Months(n) => month_start(d.year as i64 * 12 + d.month as i64 - 1 + n as i64),
            Stride::Years(n) => month_start((d.year as i64 + n as i64) * 12),
        }
    }

    fn label(&self, day: Day) -> String {
        let year = year_name(day.year);
        match self.kind {
            Stride::Days(_) => format!("{} {}", day.day, day.month_abbrev()),
            Stride::Months(_) => format!("{} {year}", day.month_abbrev()),
            Stride::Years(_) => year,
        }
    }
}

/// How a tick names year `year`: "1939", "44 BC".
fn year_name(year: i32) -> String {
    if year > 0 { year.to_string() } else { format!("{} BC", 1 - year) }
}

/// The first day of month number `month` (years × 12 + month − 1).
fn month_start(month: i64) -> i64 {
    Day { year: month.div_euclid(12) as i32, month: (month.rem_euclid(12) + 1) as u8, day: 1 }.ordinal()
}

/// Events that fall in one column at the current zoom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    pub column: u16,
    /// Positions in the chronology (which is in date order, so members are consecutive).
    pub members: Range<usize>,
}

/// The cluster of `clusters` that holds event `position` along with others, if one does.
pub fn shared(clusters: &[Cluster], position: usize) -> Option<&Cluster> {
    clusters.iter().find(|c| c.members.contains(&position)).filter(|c| c.members.len() > 1)
}

/// The visible events of `starts` (each event's first day, in date order) grouped by
/// column; a cluster takes in the events of the column after its own as well.
pub fn clusters(window: Window, width: u16, starts: &[i64]) -> Vec<Cluster> {
    let last = first(starts, |&d| d >= window.end);
    let mut position = first(starts, |&d| d >= window.start);
    let mut out: Vec<Cluster> = Vec::new();
    // A jump per cluster rather than a step per event: a whole treaty series stays quick.
    while position < last {
        visit();
        let column = window.column(starts[position], width).clamp(0, width.saturating_sub(1) as i64) as u16;
        // Neighbouring columns join too, so that two counts never read as one number.
        let beyond = window.day_at(column.saturating_add(2), width).max(starts[position] + 1);
        let end = (position + first(&starts[position..last], |&d| d >= beyond)).max(position + 1);
        out.push(Cluster { column, members: position..end });
        position = end;
    }
    out
}

/// The place of the first of `sorted` for which `is_past` holds (it holds for all after it
/// once it does), found by halving.
pub fn first<T>(sorted: &[T], mut is_past: impl FnMut(&T) -> bool) -> usize {
    sorted.partition_point(|item| {
        visit();
        !is_past(item)
    })
}

#[cfg(test)]
thread_local! {
    /// How many events (and entries of the strip's indexes) have been read, for the tests
    /// that hold a frame's work to the strip's width.
    pub static VISITS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts one event read, in the tests.
#[inline(always)]
pub fn visit() {
    #[cfg(test)]
    VISITS.with(|visits| visits.set(visits.get() + 1));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> i64 {
        Day { year: y, month: m, day: d }.ordinal()
    }

    fn windows() -> Vec<Window> {
        let fit = Window::fit(day(1920, 8, 11), day(1989, 12, 31));
        let mut all = vec![fit];
        let mut w = fit;
        for _ in 0..14 {
            w = w.zoom(day(1939, 10, 5), false, fit);
            all.push(w);
        }
        all
    }

    #[test]
    fn date_to_column_never_goes_backwards_at_any_width_or_zoom() {
        let days: Vec<i64> = (day(1919, 1, 1)..day(1991, 1, 1)).step_by(3).collect();
        for window in windows() {
            for width in 10..=300 {
                let mut last = i64::MIN;
                for &d in &days {
                    let c = window.column(d, width);
                    assert!(c >= last, "width {width}, {window:?}: day {d} went back");
                    last = c;
                    if window.contains(d) {
                        assert!((0..width as i64).contains(&c));
                    }
                }
            }
        }
    }

    #[test]
    fn a_span_covers_every_column_between_its_ends() {
        let window = Window::fit(day(1939, 1, 1), day(1940, 12, 31));
        for width in [10, 80, 300] {
            let (a, b) = (window.column(day(1939, 11, 30), width), window.column(day(1940, 3, 13), width));
            let covered: Vec<i64> = (day(1939, 11, 30)..=day(1940, 3, 13)).map(|d| window.column(d, width)).collect();
            for c in a..=b {
                assert!(covered.contains(&c), "column {c} of {a}..={b} at width {width}");
            }
        }
    }

    #[test]
    fn zoom_keeps_the_focus_in_place_and_stays_within_limits() {
        let fit = Window::fit(day(1920, 1, 1), day(1990, 1, 1));
        let focus = day(1939, 10, 5);
        let closer = fit.zoom(focus, false, fit);
        assert_eq!(closer.span(), fit.span() / 2);
        assert!(closer.contains(focus));
        assert!((closer.zoom(focus, true, fit).span() - fit.span()).abs() <= 1, "out again is where it was");
        assert_eq!(fit.zoom(focus, true, fit).span(), fit.span(), "no further out than the whole corpus");
        let mut w = fit;
        for _ in 0..40 {
            w = w.zoom(focus, false, fit);
        }
        assert_eq!(w.span(), MIN_SPAN);
        assert!(w.contains(focus));
    }

    #[test]
    fn ticks_adapt_to_the_zoom_and_never_overlap() {
        let fit = Window::fit(day(1920, 8, 11), day(1989, 12, 31));
        let labels = |w: Window, width| ticks(w, width).into_iter().map(|(_, l)| l).collect::<Vec<_>>();
        assert_eq!(labels(fit, 80)[..3], ["1920", "1930", "1940"]);
        let months = Window { start: day(1939, 8, 1), end: day(1940, 9, 1) };
        assert!(labels(months, 120).contains(&"Oct 1939".to_string()), "{:?}", labels(months, 120));
        let days = Window { start: day(1939, 10, 1), end: day(1939, 10, 15) };
        assert!(labels(days, 120).contains(&"5 Oct".to_string()), "{:?}", labels(days, 120));
        // Day ticks name the year on the first label of each year.
        let days = labels(days, 120);
        assert!(days[0].ends_with(" 1939") && days[1..].iter().all(|l| !l.contains("1939")), "{days:?}");
        let new_year = labels(Window { start: day(1939, 12, 20), end: day(1940, 1, 12) }, 120);
        assert!(new_year[0].ends_with(" 1939"), "{new_year:?}");
        assert!(new_year.iter().any(|l| l.ends_with("Jan 1940")), "{new_year:?}");
        for window in windows() {
            for width in 10..=300 {
                let mut free = 0;
                for (column, label) in ticks(window, width) {
                    assert!(column >= free, "labels overlap at width {width}");
                    assert!(column as usize + text_width(&label) <= width as usize, "a label is cut");
                    free = column + text_width(&label) as u16;
                }
            }
        }
    }

    /// However long the span (ten thousand years, a million), the axis has labels.
    #[test]
    fn very_long_spans_still_have_labels() {
        for (from, to) in [(-5000, 5000), (1, 10001), (-500_000, 500_000), (-999_999, 999_999)] {
            let window = Window::fit(day(from, 1, 1), day(to, 12, 31));
            for width in 12..=300 {
                let labels = ticks(window, width);
                assert!(!labels.is_empty(), "{from} to {to} at width {width}: no label");
                let mut free = 0;
                for (column, label) in labels {
                    assert!(column >= free && column as usize + text_width(&label) <= width as usize, "{label}");
                    free = column + text_width(&label) as u16;
                }
            }
        }
    }

    #[test]
    fn clustering_loses_no_event() {
        let starts: Vec<i64> = (0..500).map(|i| day(1939, 1, 1) + i * i % 700).collect::<Vec<_>>();
        let mut starts = starts;
        starts.sort();
        for window in [Window::fit(starts[0], starts[499]), Window { start: day(1939, 3, 1), end: day(1939, 6, 1) }] {
            for width in [10, 40, 80, 160, 300] {
                let clusters = clusters(window, width, &starts);
                let counted: usize = clusters.iter().map(|c| c.members.len()).sum();
                let visible = starts.iter().filter(|&&d| window.contains(d)).count();
                assert_eq!(counted, visible);
                assert!(
                    clusters
                        .windows(2)
                        .all(|w| w[0].column + 1 < w[1].column && w[0].members.end == w[1].members.start)
                );
            }
        }
    }
}
