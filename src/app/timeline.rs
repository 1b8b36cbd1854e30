//! The timeline's state: the selected event, the days shown, what "as of" lets through, and
//! the indexes by date the strip is drawn from (the spans, and the events marked).

use crate::app::EntryVersion;
use crate::app::axis::{self, Window, first};
use crate::model::Corpus;

/// The strip at the bottom: which event is selected and which days are in view.
#[derive(Debug)]
pub struct Timeline {
    /// Each event's first and last day, by position in the chronology.
    days: Vec<(i64, i64)>,
    /// Each event's first day, by position in the chronology (ascending).
    starts: Vec<i64>,
    /// For each event (by its index in the corpus), its position in the chronology.
    position_of: Vec<usize>,
    /// For each entry, the first day of the earliest event that concerns it.
    first_day_of: Vec<Option<i64>>,
    /// Whether each event's date is uncertain, by position in the chronology.
    uncertain: Vec<bool>,
    /// The events that last more than a day, for the strip's bars.
    spans: Spans,
    /// The events that concern the open entry, for the strip's marks.
    marked: Marked,
    /// The selected event, as a position in the chronology.
    selected: usize,
    /// The days shown.
    window: Window,
    /// The window that fits every event.
    whole: Window,
}

/// The year the strip opens on, where the events are densest.
const OPENING: i64 = 365;

/// Where the strip opens: on the year (a little more, for a margin) that holds the most
/// events, the first of them selected, so that a corpus about one autumn opens on that
/// autumn rather than on the decades its other events spread over; on every event when they
/// span two years or less, or when no year holds a quarter of them (and at least three).
/// `starts` are the events' first days, in order.
fn densest(starts: &[i64], whole: Window) -> (usize, Window) {
    if starts.is_empty() || whole.end - whole.start <= 2 * OPENING {
        return (0, whole);
    }
    let (mut best, mut most, mut last) = (0, 0, 0);
    for (i, &start) in starts.iter().enumerate() {
        let count = starts[i..].partition_point(|&s| s < start + OPENING);
        if count > most {
            (best, most, last) = (i, count, i + count - 1);
        }
    }
    if most < 3 || most * 4 < starts.len() {
        return (0, whole);
    }
    let (from, to) = (starts[best], starts[last].max(starts[best] + OPENING / 2));
    let margin = (to - from) / 10 + 15;
    let window = Window { start: (from - margin).max(whole.start), end: (to + margin).min(whole.end) };
    (best, window)
}

impl Timeline {
    pub fn new(corpus: &Corpus) -> Self {
        let days: Vec<(i64, i64)> = corpus
            .chronology
            .iter()
            .map(|&e| {
                let when = corpus.events[e].when;
                (when.start.first.ordinal(), when.last().ordinal())
            })
            .collect();
        let mut position_of = vec![0; corpus.events.len()];
        for (position, &event) in corpus.chronology.iter().enumerate() {
            position_of[event] = position;
        }
        let first_day_of =
            corpus.events_of.iter().map(|events| events.first().map(|&e| days[position_of[e]].0)).collect();
        let first = days.iter().map(|d| d.0).min().unwrap_or(0);
        let last = days.iter().map(|d| d.1).max().unwrap_or(0);
        let whole = Window::fit(first, last);
        let starts: Vec<i64> = days.iter().map(|d| d.0).collect();
        let (selected, window) = densest(&starts, whole);
        let uncertain = corpus.chronology.iter().map(|&e| corpus.events[e].when.approximate).collect();
        let spans = Spans::new(days.iter().copied());
        let marked = Marked::default();
        Self { days, starts, position_of, first_day_of, uncertain, spans, marked, selected, window, whole }
    }

    /// A timeline of events whose first and last days and uncertainty are `days` (in date
    /// order), the events at `marked` concerning the open entry: for the tests of the strip.
    #[cfg(test)]
    pub fn of_days(days: Vec<(i64, i64, bool)>, marked: Vec<usize>) -> Self {
        let uncertain = days.iter().map(|d| d.2).collect();
        let days: Vec<(i64, i64)> = days.into_iter().map(|(start, last, _)| (start, last)).collect();
        let starts: Vec<i64> = days.iter().map(|d| d.0).collect();
        let whole = Window::fit(starts.first().copied().unwrap_or(0), days.iter().map(|d| d.1).max().unwrap_or(0));
        let (spans, marked) =
            (Spans::new(days.iter().copied()), Marked::new(EntryVersion { generation: 0, entry: 0 }, marked, &days));
        let position_of = (0..days.len()).collect();
        Self {
            days,
            starts,
            position_of,
            first_day_of: Vec::new(),
            uncertain,
            spans,
            marked,
            selected: 0,
            window: whole,
            whole,
        }
    }

    /// Each event's first and last day, by position in the chronology.
    pub fn days(&self) -> &[(i64, i64)] {
        &self.days
    }

    /// Each event's first day, by position in the chronology (ascending).
    pub fn starts(&self) -> &[i64] {
        &self.starts
    }

    /// The events that last more than a day, for the strip's bars.
    pub fn spans(&self) -> &Spans {
        &self.spans
    }

    /// The events that concern the open entry, for the strip's marks.
    pub fn marked(&self) -> &Marked {
        &self.marked
    }

    /// The selected event, as a position in the chronology.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The days shown.
    pub fn window(&self) -> Window {
        self.window
    }

    /// The window that fits every event.
    pub fn whole(&self) -> Window {
        self.whole
    }

    /// This timeline showing `window`, with the event at `selected` selected (the last, if
    /// there are fewer), as another version of the corpus was seen.
    pub(super) fn seen_as(mut self, window: Window, selected: Option<usize>) -> Self {
        self.window = window;
        if let Some(selected) = selected {
            self.selected = selected.min(self.days.len().saturating_sub(1));
        }
        self
    }

    /// The days shown and the event selected as they were set, for the strip's own tests.
    #[cfg(test)]
    pub(super) fn set(&mut self, selected: usize, window: Window) {
        (self.selected, self.window) = (selected, window);
    }

    /// Whether the date of the event at chronology `position` is uncertain.
    pub fn approximate(&self, position: usize) -> bool {
        self.uncertain.get(position).copied().unwrap_or(false)
    }

    /// Marks the events that concern entry `entry` of the corpus of `generation`, unless they
    /// are marked already.
    pub(super) fn mark(&mut self, corpus: &Corpus, of: EntryVersion) {
        if self.marked.of == Some(of) {
            return;
        }
        let entry = of.entry;
        let events = corpus.events_of.get(entry).unwrap_or(&[]);
        // The events of an entry are listed by date, so their positions come in order.
        let positions = events.iter().filter_map(|&e| self.position_of.get(e).copied()).collect();
        self.marked = Marked::new(of, positions, &self.days);
    }

    /// Selects the event at chronology `position` and brings it into view.
    pub(super) fn select(&mut self, position: usize) {
        let Some(&(start, _)) = self.days.get(position) else { return };
        self.selected = position;
        if !self.window.contains(start) {
            self.window = self.window.reveal(start);
        }
    }

    /// Selects event `event` (by its index in the corpus).
    pub(super) fn select_event(&mut self, event: usize) {
        if let Some(&position) = self.position_of.get(event) {
            self.select(position);
        }
    }

    /// Brings event `event` (by its index in the corpus) into view without selecting it.
    pub(super) fn reveal_event(&mut self, event: usize) {
        if let Some(&(start, _)) = self.position_of.get(event).and_then(|&p| self.days.get(p))
            && !self.window.contains(start)
        {
            self.window = self.window.reveal(start);
        }
    }

    /// Zooms in or out around the selected event.
    pub(super) fn zoom(&mut self, out: bool) {
        let around = self.days.get(self.selected).map_or(self.window.start, |d| d.0);
        self.zoom_at(around, out);
    }

    pub(super) fn zoom_at(&mut self, day: i64, out: bool) {
        self.window = self.window.zoom(day, out, self.whole);
    }

    pub(super) fn pan(&mut self, back: bool) {
        self.window = self.window.pan(back);
    }

    pub(super) fn fit(&mut self) {
        self.window = self.whole;
    }

    /// The event nearest to column `column` of a strip `width` wide, if any is in view.
    /// Found by halving: the first event of the nearest column that holds any, the earlier
    /// of two as near.
    pub fn nearest(&self, column: u16, width: u16) -> Option<usize> {
        let window = self.window;
        let (shown, end) = (first(&self.starts, |&d| d >= window.start), first(&self.starts, |&d| d >= window.end));
        let column_of = |p: usize| window.column(self.starts[p], width);
        let at = shown + first(&self.starts[shown..end], |&d| d >= window.day_at(column, width));
        let after = (at < end).then(|| (column_of(at) - i64::from(column), at));
        let before = (at > shown).then(|| {
            let own = column_of(at - 1);
            (i64::from(column) - own, shown + first(&self.starts[shown..at], |&d| window.column(d, width) >= own))
        });
        match (before, after) {
            (Some(before), Some(after)) => Some(if before.0 <= after.0 { before.1 } else { after.1 }),
            (before, after) => before.or(after).map(|(_, position)| position),
        }
    }

    /// The entries that an event on or before the day of the event at chronology `position`
    /// concerns, in corpus order: the "as of" list.
    pub fn as_of(&self, position: usize) -> Vec<usize> {
        let Some(&(day, _)) = self.days.get(position) else { return Vec::new() };
        self.first_day_of
            .iter()
            .enumerate()
            .filter(|(_, first)| first.is_some_and(|f| f <= day))
            .map(|(e, _)| e)
            .collect()
    }
}

#[cfg(test)]
mod nearest {
    use super::*;

    /// The nearest event as it was found before: every event looked at.
    fn looked_at_one_by_one(timeline: &Timeline, column: u16, width: u16) -> Option<usize> {
        let shown = timeline.days.iter().enumerate().filter(|(_, d)| timeline.window.contains(d.0));
        shown.min_by_key(|(_, d)| (timeline.window.column(d.0, width) - column as i64).abs()).map(|(p, _)| p)
    }

    #[test]
    fn the_nearest_event_found_by_halving_is_the_one_found_event_by_event() {
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for round in 0..40 {
            let mut days: Vec<(i64, i64, bool)> =
                (0..next(60)).map(|_| next(3000) as i64).map(|d| (d, d, false)).collect();
            days.sort();
            let mut timeline = Timeline::of_days(days, Vec::new());
            for _ in 0..next(5) {
                timeline.window = timeline.window.zoom(next(3000) as i64, false, timeline.whole);
            }
            for width in [1, 9, 80] {
                for column in 0..width {
                    let expected = looked_at_one_by_one(&timeline, column, width);
                    assert_eq!(timeline.nearest(column, width), expected, "round {round}, column {column} of {width}");
                }
            }
        }
    }
}

#[cfg(test)]
mod opening {
    use super::*;

    #[test]
    fn the_strip_opens_where_the_events_are_densest_or_on_all_of_them() {
        let day = |year: i32, month: u8| crate::model::date::Day { year, month, day: 1 }.ordinal();
        let mut starts = vec![day(1920, 8), day(1930, 1)];
        starts.extend((1..=10).map(|m| day(1939, m)));
        starts.push(day(1989, 8));
        let whole = Window::fit(starts[0], *starts.last().unwrap());
        let (selected, window) = densest(&starts, whole);
        assert_eq!(selected, 2, "the first event of the densest year");
        assert!(window.contains(day(1939, 1)) && window.contains(day(1939, 10)) && !window.contains(day(1930, 1)));
        // Few events a year, or a short span: all of them.
        let sparse = [day(1934, 1), day(1950, 6), day(1970, 7)];
        let whole = Window::fit(sparse[0], sparse[2]);
        assert_eq!(densest(&sparse, whole), (0, whole));
        let short = [day(1939, 1), day(1939, 5), day(1940, 2), day(1940, 3)];
        let whole = Window::fit(short[0], short[3]);
        assert_eq!(densest(&short, whole), (0, whole));
    }
}

/// The spans (events whose last day is after their first) among some events in date order,
/// and how far the spans up to each reach: whether a span covers a stretch of days is
/// then found by halving.
#[derive(Debug, Default)]
pub struct Spans {
    /// Each span's first day, in order.
    starts: Vec<i64>,
    /// The latest last day of the spans up to each, and of it.
    reach: Vec<i64>,
}

impl Spans {
    /// The spans among events whose first and last days are `days`, in date order.
    pub fn new(days: impl Iterator<Item = (i64, i64)>) -> Self {
        let (mut starts, mut reach) = (Vec::new(), Vec::new());
        for (start, last) in days.filter(|&(start, last)| last > start) {
            starts.push(start);
            reach.push(reach.last().map_or(last, |&latest: &i64| latest.max(last)));
        }
        Self { starts, reach }
    }

    /// Whether a span that starts before day `before` lasts to day `from` or later.
    pub(super) fn cover(&self, from: i64, before: i64) -> bool {
        let k = first(&self.starts, |&start| start >= before);
        k > 0 && {
            axis::visit();
            self.reach[k - 1] >= from
        }
    }
}

/// The events that concern the open entry, as positions in the chronology, and the spans
/// among them; made again when another entry is opened.
#[derive(Debug, Default)]
pub struct Marked {
    /// Which entry of which version of the corpus they are of.
    pub of: Option<EntryVersion>,
    /// Their positions, in order.
    pub(super) positions: Vec<usize>,
    pub(super) spans: Spans,
}

impl Marked {
    /// The events at chronology `positions` (in order), whose days `days` gives by
    /// position, as those of entry `of`.
    pub fn new(of: EntryVersion, positions: Vec<usize>, days: &[(i64, i64)]) -> Self {
        let spans = Spans::new(positions.iter().filter_map(|&p| days.get(p).copied()));
        Self { of: Some(of), positions, spans }
    }

    /// Whether one of them stands among chronology positions `members`.
    pub(super) fn any_in(&self, members: &std::ops::Range<usize>) -> bool {
        let k = first(&self.positions, |&p| p >= members.start);
        k < self.positions.len() && {
            axis::visit();
            self.positions[k] < members.end
        }
    }
}
