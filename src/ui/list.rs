//! The article list: every entry with its kind, the open one marked; only visible rows are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{pane_block, theme};
use crate::app::{App, Pane, Scrolled};
use crate::corpus::Entry;
use crate::text::sanitize;

pub struct EntryList<'a> {
    app: &'a App,
    entries: &'a [Entry],
    view: Scrolled,
    open: usize,
}

impl<'a> EntryList<'a> {
    pub fn new(app: &'a App) -> Self {
        Self { app, entries: &app.corpus.entries, view: app.list, open: app.place.page.entry }
    }
}

impl Widget for EntryList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let count = self.entries.len();
        let title = match count {
            0 => " Entries ".to_string(),
            _ => format!(" Entries {}/{count} ", self.view.selected + 1),
        };
        let block = pane_block(Line::styled(title, theme::PANE_TITLE), Pane::List, self.app);
        let inner = block.inner(area);
        block.render(area, buf);
        if count == 0 {
            Line::styled("no entries", theme::DIM).render(inner, buf);
            return;
        }
        let focused = self.app.focus == Pane::List;
        for (row, i) in self.view.visible(inner.height as usize, count).enumerate() {
            let entry = &self.entries[i];
            let mark = if i == self.open { Span::styled("▸", theme::OPEN_MARK) } else { Span::raw(" ") };
            let badge = Span::styled(format!("{:<7.7} ", entry.kind.name()), theme::kind(&entry.kind));
            let mut line = Line::from(vec![mark, badge, Span::raw(sanitize(&entry.title))]);
            if i == self.view.selected {
                line = line.style(if focused {
                    theme::SELECTED
                } else {
                    theme::SELECTED
                        .remove_modifier(Modifier::REVERSED)
                        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                });
            }
            line.render(Rect { y: inner.y + row as u16, height: 1, ..inner }, buf);
        }
    }
}
