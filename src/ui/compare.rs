//! The comparison view: the article and its counterparts in other treaties, a column each
//! (one at a time below 80 columns), over everything but the status line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::popup;
use super::theme::Theme;
use crate::app::{Comparing, Mark, compared_rows, compared_widths};
use crate::model::Corpus;
use crate::text::sanitize;

pub struct Comparison<'a> {
    pub corpus: &'a Corpus,
    pub comparing: &'a Comparing,
    pub theme: &'a Theme,
}

impl Comparison<'_> {
    fn style(&self, mark: Mark) -> Style {
        let t = self.theme;
        match mark {
            Mark::Plain => Style::new(),
            Mark::Head => t.heading,
            Mark::Inserted => t.inserted,
            Mark::Deleted => t.deleted,
            Mark::Note => t.note,
        }
    }
}

impl Widget for Comparison<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let c = self.comparing;
        let columns = c.columns.len() + 1;
        let (widths, one) = compared_widths(area.width, columns);
        let entry = self.corpus.entries.get(c.base.0);
        let part = entry.and_then(|e| e.part(c.base.1)).map(|clause| clause.full_name()).unwrap_or_default();
        let treaty = entry.map_or(String::new(), |e| sanitize(&e.title));
        let title = match one {
            true => format!("Column {} of {columns} · {part} · {treaty}", c.shown + 1),
            false => format!("Compare {part} · {treaty}"),
        };
        let title = crate::text::wrap::ellipsis(&title, usize::from(area.width.saturating_sub(4)));
        let footer = match one {
            true => "Tab column · ] [ article · t treaties · Esc",
            false => "] [ article · t treaties · y copy · Esc",
        };
        let inner = popup(area, buf, &title, footer, self.theme);
        let rows = compared_rows(self.corpus, c, &widths, one);
        let height = usize::from(inner.height);
        let scroll = c.scroll.min(rows.len().saturating_sub(height));
        // The rules between columns run the whole height.
        let mut x = inner.x;
        for &width in widths.iter().take(widths.len().saturating_sub(1)) {
            x += width as u16;
            for y in inner.y..inner.y + inner.height {
                Line::styled(" │ ", self.theme.border).render(Rect::new(x, y, 3, 1), buf);
            }
            x += 3;
        }
        for (i, row) in rows.iter().skip(scroll).take(height).enumerate() {
            let mut x = inner.x;
            let y = inner.y + i as u16;
            for (k, (cell, &width)) in row.iter().zip(&widths).enumerate() {
                if k > 0 {
                    x += 3;
                }
                let spans: Vec<Span> =
                    cell.iter().map(|(text, mark)| Span::styled(sanitize(text), self.style(*mark))).collect();
                let room = (inner.x + inner.width).saturating_sub(x).min(width as u16);
                Line::from(spans).render(Rect::new(x, y, room, 1), buf);
                x += width as u16;
            }
        }
    }
}
