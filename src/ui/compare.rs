//! The comparison view: the article and its counterparts in other treaties, a column each
//! (one at a time below 80 columns), over everything but the status line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::popup;
use super::theme::Theme;
use crate::app::{Comparing, Mark, Overview, SimilarList, compared_rows, compared_widths};
use crate::compare::Place;
use crate::model::Corpus;
use crate::text::sanitize;
use crate::text::wrap::WrappedLine;

pub struct Comparison<'a> {
    pub corpus: &'a Corpus,
    pub comparing: &'a Comparing,
    /// Its rows, when laid out already for this width (otherwise laid out here).
    pub laid_out: Option<&'a [Vec<WrappedLine<Mark>>]>,
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

impl Comparison<'_> {
    /// The articles most like the one compared, best first, with their scores.
    fn similar(&self, list: &SimilarList, inner: Rect, buf: &mut Buffer) {
        let Some(hits) = &list.hits else {
            let line = "reading every article of the corpus to find those most like this one…";
            Line::styled(line, self.theme.note).render(Rect { height: 1, ..inner }, buf);
            return;
        };
        if hits.is_empty() {
            Line::styled("no article of another entry shares a word with this one", self.theme.note)
                .render(Rect { height: 1, ..inner }, buf);
            return;
        }
        let height = usize::from(inner.height);
        let offset = list.selected.saturating_sub(height.saturating_sub(1));
        for (i, &((e, part), score)) in hits.iter().enumerate().skip(offset).take(height) {
            let y = inner.y + (i - offset) as u16;
            let entry = self.corpus.entries.get(e);
            let name = entry.and_then(|en| en.part(part)).map_or(String::new(), |cl| cl.full_name());
            let title = entry.map_or(String::new(), |en| sanitize(&en.title));
            let text = format!("{score:.2}  {}  {title}", sanitize(&name));
            let style = if i == list.selected { self.theme.selected } else { Style::new() };
            let text = crate::text::wrap::ellipsis(&text, usize::from(inner.width));
            Line::styled(text, style).render(Rect::new(inner.x, y, inner.width, 1), buf);
        }
    }

    /// The overview: a row for each article, a column for each treaty.
    fn overview(&self, overview: &Overview, inner: Rect, buf: &mut Buffer) {
        let c = self.comparing;
        let treaties: Vec<usize> = std::iter::once(c.base.0).chain(c.columns.iter().map(|col| col.entry)).collect();
        let count = treaties.len() as u16;
        let width = inner.width.saturating_sub(3 * count.saturating_sub(1)) / count.max(1);
        let label = |(e, part): Place| -> String {
            self.corpus.entries.get(e).and_then(|entry| entry.part(part)).map_or(String::new(), |cl| cl.full_name())
        };
        let short = |(e, part): Place| -> String {
            self.corpus
                .entries
                .get(e)
                .and_then(|entry| entry.part(part))
                .map_or(String::new(), |cl| cl.label.to_string())
        };
        let cell = |x: u16, y: u16, text: &str, style: Style, buf: &mut Buffer| {
            let text = crate::text::wrap::ellipsis(&sanitize(text), usize::from(width));
            Line::styled(text, style).render(Rect::new(x, y, width, 1), buf);
        };
        let column_x = |k: u16| inner.x + k * (width + 3);
        for (k, &e) in treaties.iter().enumerate() {
            let title = self.corpus.entries.get(e).map_or("", |entry| entry.title.as_str());
            cell(column_x(k as u16), inner.y, title, self.theme.heading, buf);
        }
        let height = usize::from(inner.height.saturating_sub(1));
        let offset = overview.selected.saturating_sub(height.saturating_sub(1));
        for (i, row) in overview.rows.iter().enumerate().skip(offset).take(height) {
            let y = inner.y + 1 + (i - offset) as u16;
            let style = if i == overview.selected { self.theme.selected } else { Style::new() };
            if i == overview.selected {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            }
            let base = row.base.map_or("—".to_string(), label);
            cell(column_x(0), y, &base, style, buf);
            for (k, found) in row.cells.iter().enumerate() {
                let mut text = if found.places.is_empty() {
                    "—".to_string()
                } else {
                    found.places.iter().map(|&p| short(p)).collect::<Vec<_>>().join(" + ")
                };
                if let Some(same) = found.same {
                    text.push_str(&format!(" · {}%", same / 10));
                }
                if found.by_text {
                    text.push_str(" by their words");
                }
                cell(column_x(k as u16 + 1), y, &text, style, buf);
            }
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
        // The frame, its title cut to fit.
        let frame = |title: String, footer: &str, buf: &mut Buffer| {
            let title = crate::text::wrap::ellipsis(&title, usize::from(area.width.saturating_sub(4)));
            popup(area, buf, &title, footer, self.theme)
        };
        if let Some(list) = &c.similar {
            let inner = frame(format!("Most like {part} · {treaty}"), "↑↓ article · Enter compare · s back · Esc", buf);
            return self.similar(list, inner, buf);
        }
        if let Some(overview) = &c.overview {
            let inner = frame(format!("Overview · {treaty}"), "↑↓ article · Enter compare · o back · Esc", buf);
            return self.overview(overview, inner, buf);
        }
        let inner = if one {
            frame(
                format!("Column {} of {columns} · {part} · {treaty}", c.shown + 1),
                "Tab column · ] [ article · t treaties · Esc",
                buf,
            )
        } else {
            frame(format!("Compare {part} · {treaty}"), "] [ article · t treaties · y copy · Esc", buf)
        };
        let laid_out_here;
        let rows = match self.laid_out {
            Some(rows) => rows,
            None => {
                laid_out_here = compared_rows(self.corpus, c, &widths, one);
                laid_out_here.as_slice()
            }
        };
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
