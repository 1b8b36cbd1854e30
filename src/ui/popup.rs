//! Small windows over the page: the peek at a linked entry, and the choice among the
//! entries an event concerns.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{badge, row};
use crate::app::{App, Role};
use crate::model::Entry;
use crate::text::sanitize;
use crate::text::wrap::wrap;

/// The linked entry's title, kind and summary, over the page.
pub struct Peek<'a> {
    entry: Option<&'a Entry>,
    theme: &'a Theme,
}

impl<'a> Peek<'a> {
    pub fn new(app: &'a App, target: usize, theme: &'a Theme) -> Self {
        Self { entry: app.corpus().entries.get(target), theme }
    }
}

impl Widget for Peek<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let Some(entry) = self.entry else { return };
        let width = area.width.saturating_sub(4).min(60);
        let text_width = width.saturating_sub(2) as usize;
        let meta = entry.kind_and_dates();
        let mut lines: Vec<Line> = Vec::new();
        for (text, role) in [
            (sanitize(&entry.title), Role::Title),
            (meta, Role::Meta),
            (String::new(), Role::Text),
            (sanitize(&entry.summary.plain), Role::Summary),
        ] {
            for line in wrap(&[(text.as_str(), role)], text_width) {
                lines.push(Line::from(
                    line.into_iter().map(|(text, r)| Span::styled(text, t.role(r, false))).collect::<Vec<_>>(),
                ));
            }
        }
        let height = (lines.len() as u16 + 2).min(area.height);
        let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
        let inner = super::popup(popup, buf, "Peek", "Enter opens · Esc or q closes", t);
        for (i, line) in lines.into_iter().take(inner.height as usize).enumerate() {
            line.render(row(inner, i), buf);
        }
    }
}

/// The entries an event concerns, to choose the one to open.
pub struct Choose<'a> {
    pub corpus: &'a crate::model::Corpus,
    pub options: &'a [usize],
    pub selected: usize,
    pub theme: &'a Theme,
}

impl Widget for Choose<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let lines: Vec<Line> = self
            .options
            .iter()
            .enumerate()
            .filter_map(|(i, &e)| Some((i, self.corpus.entries.get(e)?)))
            .map(|(i, entry)| {
                let line = Line::from(vec![badge(&entry.kind, t), Span::raw(sanitize(&entry.title))]);
                if i == self.selected { line.style(t.selected) } else { line }
            })
            .collect();
        let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
        let width = (widest + 2).max(24).min(area.width);
        let height = (lines.len() as u16 + 2).min(area.height);
        let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
        let inner = super::popup(popup, buf, "Open which?", "Enter opens · Esc or q closes", t);
        let first = self.selected.saturating_sub((inner.height as usize).saturating_sub(1));
        for (i, line) in lines.into_iter().skip(first).take(inner.height as usize).enumerate() {
            line.render(row(inner, i), buf);
        }
    }
}
