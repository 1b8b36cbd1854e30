//! The article list: every entry with a badge for its kind; only the visible rows are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::theme;
use crate::app::App;
use crate::corpus::Entry;
use crate::text::sanitize;

pub struct EntryList<'a> {
    entries: &'a [Entry],
    selected: usize,
    offset: usize,
}

impl<'a> EntryList<'a> {
    pub fn new(app: &'a App) -> Self {
        Self {
            entries: &app.corpus.entries,
            selected: app.selected,
            offset: app.list_offset,
        }
    }
}

impl Widget for EntryList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered().title(" Entries ").border_style(theme::BORDER);
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = self
            .entries
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(inner.height as usize);
        for (row, (i, entry)) in rows.enumerate() {
            let badge = Span::styled(format!("{:<7.7} ", entry.kind.name()), theme::kind(&entry.kind));
            let mut line = Line::from(vec![badge, Span::raw(sanitize(&entry.title))]);
            if i == self.selected {
                line = line.style(theme::SELECTED);
            }
            let row_area = Rect {
                y: inner.y + row as u16,
                height: 1,
                ..inner
            };
            line.render(row_area, buf);
        }
    }
}
