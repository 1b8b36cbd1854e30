//! The article list: every entry with its kind, the open one marked; only visible rows are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::pane_block;
use super::theme::Theme;
use crate::app::{App, Pane, Scrolled};
use crate::model::Entry;
use crate::text::sanitize;

pub struct EntryList<'a> {
    app: &'a App,
    theme: &'a Theme,
    entries: &'a [Entry],
    rows: &'a [usize],
    view: Scrolled,
    open: usize,
    /// The entries that the selected event concerns.
    concerned: &'a [usize],
}

impl<'a> EntryList<'a> {
    pub fn new(app: &'a App, theme: &'a Theme) -> Self {
        let event = app.corpus.chronology.get(app.timeline.selected).map(|&e| &app.corpus.events[e]);
        Self {
            app,
            theme,
            entries: &app.corpus.entries,
            rows: &app.rows,
            view: app.list,
            open: app.place.page.entry,
            concerned: event.map_or(&[][..], |e| &e.concerns),
        }
    }
}

impl Widget for EntryList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let count = self.rows.len();
        let title = match (count, self.app.as_of) {
            (0, _) => " Entries ".to_string(),
            (_, false) => format!(" Entries {}/{count} ", self.view.selected + 1),
            (_, true) => format!(" Entries {}/{count} as of the event ", self.view.selected + 1),
        };
        let block = pane_block(Line::styled(title, t.pane_title), Pane::List, self.app, t);
        let inner = block.inner(area);
        block.render(area, buf);
        if count == 0 {
            let empty = if self.app.as_of { "no entry has an event this early" } else { "no entries" };
            Line::styled(empty, t.dim).render(inner, buf);
            return;
        }
        let focused = self.app.focus == Pane::List;
        for (row, position) in self.view.visible(inner.height as usize, count).enumerate() {
            let Some((i, entry)) = self.rows.get(position).and_then(|&i| Some((i, self.entries.get(i)?))) else {
                continue;
            };
            let mark = if i == self.open {
                Span::styled("▸", t.open_mark)
            } else if self.concerned.contains(&i) {
                Span::styled("◆", t.event_marked)
            } else {
                Span::raw(" ")
            };
            let badge = Span::styled(format!("{:<7.7} ", entry.kind.name()), t.kind(&entry.kind));
            let mut line = Line::from(vec![mark, badge, Span::raw(sanitize(&entry.title))]);
            if position == self.view.selected {
                line = line.style(if focused {
                    t.selected
                } else {
                    t.selected.remove_modifier(Modifier::REVERSED).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                });
            }
            line.render(Rect { y: inner.y + row as u16, height: 1, ..inner }, buf);
        }
    }
}
