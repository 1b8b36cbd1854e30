//! The detail view: the open page's document, scrolled, with its position shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{pane_block, row};
use crate::app::{App, Document, Pane, Role, Spot};
use crate::search;
use crate::text::{sanitize, wrap};

pub struct Detail<'a> {
    app: &'a App,
    theme: &'a Theme,
    doc: &'a Document,
    spot: Spot,
    highlight: Option<&'a search::Matcher>,
}

impl<'a> Detail<'a> {
    pub fn new(app: &'a App, theme: &'a Theme) -> Self {
        Self { app, theme, doc: app.document(), spot: app.spot(), highlight: app.searching().highlight() }
    }
}

impl Widget for Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let lines = self.doc.lines();
        let total = lines.len();
        let height = area.height.saturating_sub(2) as usize;
        let shown = self.spot.scroll.min(total)..(self.spot.scroll + height).min(total);
        // A page not laid out to its end has more lines than are known yet.
        let more = if self.doc.is_complete() { "" } else { "+" };
        let position = if total <= height && more.is_empty() {
            String::new()
        } else {
            format!(" {}–{} of {total}{more} ", shown.start + 1, shown.end)
        };
        // Where the page stands ("Chapter 30 › Article 30.8 — Final Provisions"), and its
        // language versions below, the one shown marked.
        let room = area.width.saturating_sub(4) as usize;
        let title = self.location(room).map_or_else(|| " Detail ".to_string(), |place| format!(" {place} "));
        let block = pane_block(Line::styled(title, t.pane_title), area, Pane::Detail, self.app, t)
            .title_bottom(Line::styled(position, t.dim).right_aligned());
        let block = match self.versions() {
            Some(versions) => block.title_bottom(versions.left_aligned()),
            None => block,
        };
        let inner = crate::app::layout::text_area(block.inner(area));
        block.render(area, buf);
        for (i, line) in lines[shown].iter().enumerate() {
            let styled: Vec<(&str, Style)> = line
                .iter()
                .map(|(text, role)| {
                    let selected = matches!(role, Role::Link(n) if self.spot.link == Some(*n));
                    (text.as_str(), t.role(*role, selected))
                })
                .collect();
            let spans = match self.highlight {
                Some(matcher) => highlighted(&styled, matcher, t.matched),
                None => styled.into_iter().map(|(t, s)| Span::styled(t, s)).collect(),
            };
            Line::from(spans).render(row(inner, i), buf);
        }
    }
}

impl Detail<'_> {
    /// Where the open page stands, in at most `room` cells, the treaty named first (see
    /// [`super::named_place`]).
    fn location(&self, room: usize) -> Option<String> {
        let page = self.spot.page;
        let entry = self.app.corpus().entries.get(page.entry)?;
        Some(super::named_place(entry, page.part, room))
    }

    /// " en · ES · fr · v " for an entry with versions in other languages: the one shown in
    /// the selection's style.
    fn versions(&self) -> Option<Line<'static>> {
        let corpus = &self.app.corpus();
        let versions = &self.doc.versions;
        if versions.is_empty() {
            return None;
        }
        let t = self.theme;
        let mut spans = vec![Span::styled(" ", t.dim)];
        for (i, &v) in versions.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", t.dim));
            }
            let Some(e) = corpus.entries.get(v) else { continue };
            let name = sanitize(e.language.as_deref().unwrap_or(e.id.as_str()));
            let style = if v == self.spot.page.entry { t.selected } else { t.dim };
            spans.push(Span::styled(wrap::ellipsis(&name, 12), style));
        }
        spans.push(Span::styled(" (v) ", t.dim));
        Some(Line::from(spans))
    }
}

/// The runs of a line with the words `matcher` matches marked wherever they occur.
fn highlighted<'t>(runs: &[(&'t str, Style)], matcher: &search::Matcher, matched: Style) -> Vec<Span<'t>> {
    let text: String = runs.iter().map(|(t, _)| *t).collect();
    let marks = matcher.marks(&text);
    let mut spans = Vec::new();
    let mut at = 0;
    for &(run, style) in runs {
        let end = at + run.len();
        let mut cut = at;
        for m in marks.iter().filter(|m| m.start < end && m.end > at) {
            let (start, stop) = (m.start.max(at), m.end.min(end));
            if start > cut {
                spans.push(Span::styled(&run[cut - at..start - at], style));
            }
            spans.push(Span::styled(&run[start - at..stop - at], style.patch(matched)));
            cut = stop;
        }
        if cut < end {
            spans.push(Span::styled(&run[cut - at..], style));
        }
        at = end;
    }
    spans
}
