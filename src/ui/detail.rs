//! The detail view: the selected entry's title, kind, summary and body.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::theme;
use crate::app::App;
use crate::corpus::Entry;
use crate::text::sanitize;

pub struct Detail<'a> {
    entry: Option<&'a Entry>,
}

impl<'a> Detail<'a> {
    pub fn new(app: &'a App) -> Self {
        Self {
            entry: app.corpus.entries.get(app.selected),
        }
    }
}

impl Widget for Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered().border_style(theme::BORDER);
        let Some(entry) = self.entry else {
            Paragraph::new("This corpus has no entries.")
                .block(block)
                .render(area, buf);
            return;
        };
        let mut lines = vec![
            Line::from(Span::styled(sanitize(&entry.title), theme::TITLE)),
            Line::from(Span::styled(entry.kind.name().to_string(), theme::kind(&entry.kind))),
            Line::default(),
            Line::from(sanitize(&entry.summary.plain)),
        ];
        for paragraph in &entry.body {
            lines.push(Line::default());
            lines.push(Line::from(sanitize(&paragraph.plain)));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block)
            .render(area, buf);
    }
}
