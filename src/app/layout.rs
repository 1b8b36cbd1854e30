//! Where each pane goes for a terminal size: one pure function, shared by the view and by
//! the update (for paging and mouse clicks).

use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::Pane;

/// Below this many columns or rows the explorer shows only a "too small" message.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this many columns the list and the detail view stand side by side; below it
/// only the focused one is shown.
pub const WIDE: u16 = 80;

/// The widest the text of the detail view is set, in columns: lines much longer are hard
/// to read, and a wide terminal gives the rest to the list and to a margin either side.
pub const MEASURE: u16 = 100;

/// The panes' areas; a pane not shown at this size has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    pub timeline: Option<Rect>,
    pub status: Rect,
}

impl Areas {
    /// The area of `pane`, if shown.
    pub fn of(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Detail => self.detail,
            Pane::Timeline => self.timeline,
        }
    }
}

/// The layout of a terminal `area` with `focus` on a pane, or `None` when it is too small;
/// `widest` is the widest row of the list, which it widens to where the terminal leaves
/// room beside a detail view of a full measure; `strip` whether the timeline strip is
/// shown beneath the panes (hidden, the timeline takes the panes' place when focused).
pub fn areas(area: Rect, focus: Pane, widest: u16, strip: bool) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [body, status] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]));
    let strip = match body.height {
        _ if !strip => 0,
        // A tall terminal gives the event's caption more lines.
        44.. => 8,
        22.. => 6,
        15.. => 5,
        _ => 0,
    };
    let [main, timeline] = body.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(strip)]));
    let timeline = (strip > 0).then_some(timeline);
    let mut areas = Areas { list: None, detail: None, timeline, status };
    if area.width >= WIDE {
        let room = area.width.saturating_sub(MEASURE + 2);
        let list_width = (area.width * 3 / 10).clamp(24, 40).max(widest.saturating_add(2).min(room));
        let [list, detail] = main.layout(&Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]));
        areas.list = Some(list);
        areas.detail = Some(detail);
        if timeline.is_none() && focus == Pane::Timeline {
            areas.timeline = Some(main);
            areas.list = None;
            areas.detail = None;
        }
        return Some(areas);
    }
    match focus {
        Pane::List => areas.list = Some(main),
        Pane::Detail => areas.detail = Some(main),
        Pane::Timeline if timeline.is_some() => areas.detail = Some(main),
        Pane::Timeline => areas.timeline = Some(main),
    }
    Some(areas)
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    area.inner(ratatui::layout::Margin::new(1, 1))
}

/// Where the detail view sets its text inside `inner`: all of it up to [`MEASURE`]
/// columns, centred beyond.
pub fn text_area(inner: Rect) -> Rect {
    let width = inner.width.min(MEASURE);
    Rect { x: inner.x + (inner.width - width) / 2, width, ..inner }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_show_every_pane() {
        let a = areas(Rect::new(0, 0, 100, 30), Pane::List, 60, true).unwrap();
        assert_eq!(a.list.unwrap().width, 30);
        assert_eq!(a.detail.unwrap().width, 70);
        assert_eq!(a.timeline.unwrap().height, 6);
        assert_eq!(a.status, Rect::new(0, 29, 100, 1));
    }

    #[test]
    fn narrow_terminals_show_the_focused_pane() {
        let a = areas(Rect::new(0, 0, 60, 24), Pane::Detail, 60, true).unwrap();
        assert!(a.list.is_none());
        assert_eq!(a.detail.unwrap().width, 60);
        let a = areas(Rect::new(0, 0, 40, 12), Pane::Timeline, 60, true).unwrap();
        assert_eq!(a.timeline.unwrap().height, 11);
    }

    #[test]
    fn large_terminals_widen_the_list_and_set_the_text_to_a_measure() {
        let a = areas(Rect::new(0, 0, 200, 60), Pane::List, 52, true).unwrap();
        assert_eq!(a.list.unwrap().width, 54, "as wide as its widest row");
        assert_eq!(a.timeline.unwrap().height, 8, "the strip grows");
        let text = text_area(inner(a.detail.unwrap()));
        assert_eq!((text.width, text.x), (MEASURE, 54 + 1 + (144 - MEASURE) / 2), "centred");
        let a = areas(Rect::new(0, 0, 200, 60), Pane::List, 120, true).unwrap();
        assert_eq!(a.list.unwrap().width, 98, "no wider than leaves the text its measure");
        assert_eq!(inner(a.detail.unwrap()).width, MEASURE);
        let a = areas(Rect::new(0, 0, 120, 40), Pane::List, 52, true).unwrap();
        assert_eq!(a.list.unwrap().width, 36, "at 120 columns as before");
        assert_eq!(text_area(inner(a.detail.unwrap())).width, 82);
    }

    #[test]
    fn a_hidden_strip_gives_its_rows_to_the_panes_and_its_place_when_focused() {
        let a = areas(Rect::new(0, 0, 80, 24), Pane::List, 30, false).unwrap();
        assert!(a.timeline.is_none());
        assert_eq!((a.list.unwrap().height, a.detail.unwrap().height), (23, 23));
        let a = areas(Rect::new(0, 0, 80, 24), Pane::Timeline, 30, false).unwrap();
        assert_eq!(a.timeline.unwrap().height, 23, "the timeline, when focused, in the panes' place");
    }

    #[test]
    fn tiny_terminals_have_no_layout() {
        assert!(areas(Rect::new(0, 0, 29, 30), Pane::List, 60, true).is_none());
        assert!(areas(Rect::new(0, 0, 100, 7), Pane::List, 60, true).is_none());
        assert!(areas(Rect::new(0, 0, 0, 0), Pane::List, 60, true).is_none());
    }
}
