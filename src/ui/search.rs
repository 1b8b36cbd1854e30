//! The search prompt on the bottom line and its results above it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{badge, row};
use crate::app::SearchBox;
use crate::model::Corpus;
use crate::search::{self, Scope, Snippet};
use crate::text::sanitize;

/// `/` and the query, with the count of hits and where they are searched for on the right.
pub struct SearchPrompt<'a> {
    pub search: &'a SearchBox,
    pub theme: &'a Theme,
}

impl Widget for SearchPrompt<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let scope = match self.search.scope {
            Scope::Corpus => "everywhere",
            Scope::Entry(_) => "this entry",
        };
        let count = match (self.search.query.is_empty(), self.search.hits.len()) {
            (true, _) => format!(" {scope} "),
            (false, _) if self.search.pending => format!(" searching… · {scope} "),
            (false, 0) => format!(" no hits · {scope} "),
            (false, n) => format!(" {} of {n} · {scope} ", self.search.selected + 1),
        };
        let count = if self.search.cut {
            format!(" cut to {} characters ·{count}", crate::read::diagnostic::thousands(search::QUERY_MAX))
        } else {
            count
        };
        let prompt =
            super::PromptLine { sigil: "/", typed: &self.search.query, cursor: self.search.cursor(), count: &count };
        super::prompt_line(area, buf, prompt, self.theme);
    }
}

/// The hits of the query: kind, title, where it matched, and a snippet with the match marked.
pub struct Results<'a> {
    pub corpus: &'a Corpus,
    pub search: &'a SearchBox,
    pub theme: &'a Theme,
}

impl Results<'_> {
    /// Where the hits stand over `area`: at its foot, as high as they need and it allows.
    pub fn area(&self, area: Rect) -> Rect {
        let hits = self.search.hits.len();
        let rows_wanted = if hits == 0 { 1 } else { hits.saturating_mul(2) };
        let height = (rows_wanted.saturating_add(2)).min(usize::from(area.height)) as u16;
        Rect { y: area.bottom().saturating_sub(height), height, ..area }
    }
}

impl Widget for Results<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let hits = &self.search.hits;
        let popup = self.area(area);
        let inner = super::popup(popup, buf, "Search", "", t);
        if inner.height == 0 {
            return;
        }
        if hits.is_empty() {
            let message = if self.search.query.is_empty() {
                "type to search titles, aliases, text and events · ↑ an earlier search · Tab: only this entry"
            } else {
                "no hits: every word must appear (accents and case do not matter; Tab: where)"
            };
            Line::styled(message, t.dim).render(inner, buf);
            return;
        }
        let capacity = (inner.height as usize / 2).max(1);
        let first = self.search.selected.saturating_sub(capacity - 1);
        // Hits in one long treaty find its parts' addresses once for the frame.
        let mut lister = search::Lister::new(self.corpus);
        for (line, (i, hit)) in hits.iter().enumerate().skip(first).take(capacity).enumerate() {
            let shown = lister.show(hit, &self.search.matcher, inner.width.saturating_sub(4) as usize);
            let y = 2 * line;
            let selected = i == self.search.selected;
            let head = Line::from(vec![
                Span::raw(if selected { "▶" } else { " " }),
                badge(&shown.kind, t),
                Span::styled(sanitize(&shown.title), t.pane_title),
                Span::styled(format!("  {}{}", if hit.typo { "≈ " } else { "" }, shown.place), t.dim),
            ]);
            let head = if selected { head.style(t.selected) } else { head };
            head.render(row(inner, y), buf);
            if y + 1 < inner.height as usize {
                let mut spans = vec![Span::raw("    ")];
                spans.extend(marked(&shown.snippet, Style::new(), t.matched));
                Line::from(spans).render(row(inner, y + 1), buf);
            }
        }
    }
}

/// A snippet's text as spans, its marks in `mark` and the rest in `plain`.
pub fn marked(snippet: &Snippet, plain: Style, mark: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for m in &snippet.marks {
        if m.start < at || m.end > snippet.text.len() {
            continue;
        }
        spans.push(Span::styled(snippet.text[at..m.start].to_string(), plain));
        spans.push(Span::styled(snippet.text[m.clone()].to_string(), mark));
        at = m.end;
    }
    spans.push(Span::styled(snippet.text[at..].to_string(), plain));
    spans
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier, Style};

    use super::*;
    use crate::app::{Action, App, Overlay};
    use crate::ui::theme::COLOUR;

    /// The prompt as drawn, styles and all: the slash and the cursor bold, the query plain,
    /// the count of hits dim on the right.
    #[test]
    fn the_prompt_shows_the_query_and_its_count() {
        let mut app = App::new(crate::read::bundled().unwrap());
        app.update(Action::Search);
        for c in "liepaja".chars() {
            app.update(Action::Type(c));
        }
        let Some(Overlay::Search(open)) = &app.overlay() else { panic!("the prompt is open") };
        let area = Rect::new(0, 0, 50, 1);
        let mut buf = Buffer::empty(area);
        SearchPrompt { search: open, theme: &COLOUR }.render(area, &mut buf);
        let count = format!(" 1 of {} · everywhere ", open.hits.len());
        let line = format!("/liepaja▏{}{count}", " ".repeat(50 - 9 - count.chars().count()));
        let mut expected = Buffer::with_lines([line.as_str()]);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        expected.set_style(Rect::new(0, 0, 1, 1), bold);
        expected.set_style(Rect::new(8, 0, 1, 1), bold);
        let at = 50 - count.chars().count() as u16;
        expected.set_style(Rect::new(at, 0, 50 - at, 1), Style::new().fg(Color::DarkGray));
        assert_eq!(buf, expected);
    }
}
