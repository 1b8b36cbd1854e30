//! The citation popup (`y`): the formats to copy, and the citation in the one chosen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::row;
use super::theme::Theme;
use crate::app::Role;
use crate::app::cite::Citing;
use crate::text::wrap::wrap;

/// The formats as a list, the chosen one marked, over the citation written in it.
pub struct CitePopup<'a> {
    pub citing: &'a Citing,
    pub theme: &'a Theme,
}

impl Widget for CitePopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let width = area.width.saturating_sub(4).min(80);
        let text_width = width.saturating_sub(2) as usize;
        let mut lines: Vec<Line> = Vec::new();
        for (i, (name, _)) in self.citing.formats.iter().enumerate() {
            let chosen = i == self.citing.selected;
            let line = Line::from(vec![Span::raw(if chosen { "▶ " } else { "  " }), Span::raw(*name)]);
            lines.push(if chosen { line.style(t.selected) } else { line });
        }
        lines.push(Line::raw(""));
        let (_, text) = &self.citing.formats[self.citing.selected.min(self.citing.formats.len() - 1)];
        for written in text.trim_end().lines() {
            // A line that fits is shown as written, its spaces kept ("TY  - GEN").
            if crate::text::wrap::width(written) <= text_width {
                lines.push(Line::styled(written.to_string(), t.role(Role::Text, false)));
                continue;
            }
            // A long line wraps under its own indent ("  note = {…").
            let words = written.trim_start();
            let indent = &written[..written.len() - words.len()];
            let indent = if indent.len() * 2 < text_width { indent } else { "" };
            for line in wrap(&[(words, Role::Text)], text_width - indent.len()) {
                let spans = line.into_iter().map(|(text, role)| Span::styled(text, t.role(role, false)));
                lines.push(Line::from(std::iter::once(Span::raw(indent.to_string())).chain(spans).collect::<Vec<_>>()));
            }
        }
        let height = (lines.len() as u16 + 2).min(area.height);
        let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
        let footer = if width >= 44 { "↑↓ format · Enter copies · Esc closes" } else { "Enter copies" };
        let inner = super::popup(popup, buf, "Cite", footer, t);
        // What does not fit is cut with a last line that says so.
        let room = inner.height as usize;
        let cut = lines.len() > room;
        for (i, line) in lines.into_iter().take(if cut { room.saturating_sub(1) } else { room }).enumerate() {
            line.render(row(inner, i), buf);
        }
        if cut && room > 0 {
            Line::styled("… (copy it to see it whole)", t.dim).render(row(inner, room - 1), buf);
        }
    }
}
