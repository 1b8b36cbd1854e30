//! What the timeline strip's axis line shows at a width: a bar wherever a span of days
//! runs, a mark wherever events stand, each as strong as the nearest of its events is to the
//! reader (selected, or about the open entry). Found through indexes of the events by date
//! made once, in steps bounded by the strip's width, not by how many events there are.

use super::axis::{self, Cluster, Window};
use super::timeline::Timeline;

/// What stands for the events of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    /// One event of a day: `●`.
    Day,
    /// One event over a span of days: `■`.
    Span,
    /// One event of an uncertain date: `~`.
    Uncertain,
    /// From two to nine events: their number.
    Count(u8),
    /// Ten or more: `+`.
    Many,
}

impl Symbol {
    pub fn text(self) -> String {
        match self {
            Self::Day => "●".into(),
            Self::Span => "■".into(),
            Self::Uncertain => "~".into(),
            Self::Count(n) => n.to_string(),
            Self::Many => "+".into(),
        }
    }
}

/// The axis line of a strip: for each column, the strength of the strongest span over it
/// plus one (0 where none runs), and the marks, each with its events and its strength (2
/// when the selected event is among them, 1 when one concerns the open entry, else 0).
#[derive(Debug, PartialEq, Eq)]
pub struct Line {
    pub bars: Vec<u8>,
    pub marks: Vec<(Cluster, Symbol, u8)>,
}

/// The axis line of `timeline`'s window on a strip `width` columns wide.
pub fn line(timeline: &Timeline, width: u16) -> Line {
    let window = timeline.window();
    let bars = (0..width).map(|column| bar(timeline, window, column, width)).collect();
    let clusters = axis::clusters(window, width, timeline.starts());
    let marks = clusters
        .into_iter()
        .map(|cluster| {
            let symbol = match cluster.members.len() {
                1 => {
                    axis::visit();
                    let (start, last) = timeline.days()[cluster.members.start];
                    if timeline.approximate(cluster.members.start) {
                        Symbol::Uncertain
                    } else if last > start {
                        Symbol::Span
                    } else {
                        Symbol::Day
                    }
                }
                n @ 2..=9 => Symbol::Count(n as u8),
                _ => Symbol::Many,
            };
            let strength = if cluster.members.contains(&timeline.selected()) {
                2
            } else {
                u8::from(timeline.marked().any_in(&cluster.members))
            };
            (cluster, symbol, strength)
        })
        .collect();
    Line { bars, marks }
}

/// The bar over `column`: the strength of the strongest span that covers it, plus one.
fn bar(timeline: &Timeline, window: Window, column: u16, width: u16) -> u8 {
    let (from, before) = (window.day_at(column, width), window.day_at(column + 1, width));
    let selected = timeline.days().get(timeline.selected()).filter(|&&(start, last)| last > start);
    if selected.is_some_and(|&(start, last)| start < before && last >= from) {
        3
    } else if timeline.marked().spans.cover(from, before) {
        2
    } else {
        u8::from(timeline.spans().cover(from, before))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::Day;

    fn day(year: i32, month: u8, d: u8) -> i64 {
        Day { year, month, day: d }.ordinal()
    }

    /// The axis line as the strip drew it before these indexes: every event looked at, a
    /// bar painted column by column for each span.
    fn looked_at_one_by_one(timeline: &Timeline, width: u16) -> Line {
        let window = timeline.window();
        let strength = |p: usize| {
            if p == timeline.selected() { 2 } else { u8::from(timeline.marked().positions.contains(&p)) }
        };
        let mut bars = vec![0u8; width as usize];
        for (p, &(start, last)) in timeline.days().iter().enumerate() {
            if last <= start || last < window.start || start >= window.end {
                continue;
            }
            let from = window.column(start, width).max(0) as usize;
            let to = window.column(last, width).min(width as i64 - 1) as usize;
            for bar in &mut bars[from..=to] {
                *bar = (*bar).max(strength(p) + 1);
            }
        }
        let clusters = axis::clusters(window, width, timeline.starts());
        let marks = clusters
            .into_iter()
            .map(|c| {
                let symbol = match c.members.len() {
                    1 if timeline.approximate(c.members.start) => Symbol::Uncertain,
                    1 if timeline.days()[c.members.start].1 > timeline.days()[c.members.start].0 => Symbol::Span,
                    1 => Symbol::Day,
                    n @ 2..=9 => Symbol::Count(n as u8),
                    _ => Symbol::Many,
                };
                let strongest = c.members.clone().map(strength).max().unwrap_or(0);
                (c, symbol, strongest)
            })
            .collect();
        Line { bars, marks }
    }

    /// `count` events over `years` years from 1900, one in three a span of up to a year, one
    /// in seven uncertain; every fifth concerning the open entry.
    fn timeline(count: usize, years: i64) -> Timeline {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut days: Vec<(i64, i64, bool)> = (0..count)
            .map(|_| {
                let start = day(1900, 1, 1) + (next() % (years as u64 * 365)) as i64;
                let last = if next() % 3 == 0 { start + (next() % 365) as i64 } else { start };
                (start, last, next() % 7 == 0)
            })
            .collect();
        days.sort();
        let marked: Vec<usize> = (0..count).step_by(5).collect();
        Timeline::of_days(days, marked)
    }

    #[test]
    fn the_line_found_by_halving_is_the_line_found_event_by_event() {
        let mut timeline = timeline(3000, 80);
        for width in [1, 7, 60, 200] {
            for zoom in 0..12 {
                for selected in [0, 1234, 2999] {
                    timeline.set(selected, timeline.window());
                    assert_eq!(line(&timeline, width), looked_at_one_by_one(&timeline, width), "{width} {zoom}");
                }
                timeline.set(timeline.selected(), timeline.window().zoom(day(1939, 10, 5), false, timeline.whole()));
            }
            timeline.set(timeline.selected(), timeline.whole().pan(true));
        }
    }

    /// How many events (and entries of the indexes) laying out the line reads.
    fn visits(timeline: &Timeline, width: u16) -> usize {
        axis::VISITS.with(|v| v.set(0));
        line(timeline, width);
        axis::VISITS.with(|v| v.get())
    }

    #[test]
    fn the_line_reads_a_few_events_a_column_however_many_there_are() {
        for (count, years) in [(100_000, 100), (200_000, 100), (200_000, 3)] {
            let mut timeline = timeline(count, years);
            for zoom in 0..8 {
                let read = visits(&timeline, 200);
                // Four halvings a column at most (two for its bars, two for its mark), each
                // of some 18 steps.
                assert!(read <= 200 * 4 * 20, "{count} events over {years} years, zoom {zoom}: {read} read");
                timeline.set(timeline.selected(), timeline.window().zoom(day(1950, 6, 1), false, timeline.whole()));
            }
        }
        // Twice the events: not twice the reading.
        let (fewer, more) = (visits(&timeline(100_000, 100), 200), visits(&timeline(200_000, 100), 200));
        println!("{fewer} read for 100,000 events, {more} for 200,000");
        assert!(more <= fewer + fewer / 4, "{fewer} read for 100,000 events, {more} for 200,000");
    }
}
