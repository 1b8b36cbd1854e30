//! The search prompt on the bottom line and its results above it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{badge, row as row_area};
use crate::app::SearchBox;
use crate::model::Corpus;
use crate::read::diagnostic::thousands;
use crate::search::{self, Scope, Snippet};
use crate::text::sanitize;
use crate::text::wrap::{ellipsis, width};

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
        let search = self.search;
        let count = match (search.query.is_empty(), search.hits.len()) {
            (true, _) => format!(" {scope} "),
            (false, _) if search.pending => format!(" searching… · {scope} "),
            (false, 0) => format!(" no hits · {scope} "),
            (false, n) if search.grouped => {
                let (at, of) = (search.selected + 1, search.rows());
                let hits = if n == 1 { "1 hit".into() } else { format!("{} hits", thousands(n)) };
                format!(" {} of {} · {hits} · {scope} ", thousands(at), thousands(of))
            }
            (false, n) => format!(" {} of {} · {scope} ", thousands(search.selected + 1), thousands(n)),
        };
        let count = if self.search.cut {
            format!(" cut to {} characters ·{count}", thousands(search::QUERY_MAX))
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
        let rows = self.search.rows();
        let rows_wanted = if rows == 0 { 1 } else { rows.saturating_mul(2) };
        let height = (rows_wanted.saturating_add(2)).min(usize::from(area.height)) as u16;
        Rect { y: area.bottom().saturating_sub(height), height, ..area }
    }
}

impl Widget for Results<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let search = self.search;
        let popup = self.area(area);
        let footers: [&str; 2] = match (search.hits.is_empty(), search.grouped) {
            (true, _) => ["", ""],
            (false, true) => ["by entry · → all its hits · Ctrl-G a row per hit", "Ctrl-G a row per hit"],
            (false, false) => ["a row per hit · Ctrl-G by entry", "Ctrl-G by entry"],
        };
        let fits = |footer: &&str| width(footer) + 4 <= popup.width as usize;
        let footer = footers.into_iter().find(fits).unwrap_or_default();
        let inner = super::popup(popup, buf, "Search", footer, t);
        if inner.height == 0 {
            return;
        }
        if search.hits.is_empty() {
            let message = if search.query.is_empty() {
                "type to search titles, aliases, text and events · ↑ an earlier search · Tab: only this entry"
            } else {
                "no hits: every word must appear (accents and case do not matter; Tab: where)"
            };
            Line::styled(message, t.dim).render(inner, buf);
            return;
        }
        let capacity = (inner.height as usize / 2).max(1);
        let first = search.selected.saturating_sub(capacity - 1);
        // Hits in one long treaty find its parts' addresses once for the frame.
        let mut lister = search::Lister::new(self.corpus);
        let rows = (first..).map_while(|r| search.row(r).map(|row| (r, row)));
        for (line, (r, row)) in rows.take(capacity).enumerate() {
            let Some(hit) = search.hits.get(row.hit) else { break };
            let indent = if row.member { 4 } else { 0 };
            let shown = lister.show(hit, &search.matcher, (inner.width as usize).saturating_sub(4 + indent));
            let y = 2 * line;
            let selected = r == search.selected;
            let pointer = match (selected, row.group) {
                (true, _) => "▶",
                (false, Some((_, true))) => "▾",
                _ => " ",
            };
            let mut head = vec![Span::raw(pointer)];
            if row.member {
                head.push(Span::raw(" ".repeat(indent)));
                head.push(Span::styled(format!("{}{}", if hit.typo { "≈ " } else { "" }, shown.place), t.dim));
            } else {
                let told = told_apart(self.corpus, hit.item).map(|told| format!(" · {told}")).unwrap_or_default();
                let typo = if hit.typo { "≈ " } else { "" };
                let place = match row.group {
                    Some((n, _)) if n > 1 => format!("  {typo}{} hits · best: {}", thousands(n), shown.place),
                    _ => format!("  {typo}{}", shown.place),
                };
                // The title gives way first, so that where it matched stays in view.
                let room = (inner.width as usize).saturating_sub(9 + width(&told) + width(&place)).max(12);
                head.push(badge(&shown.kind, t));
                head.push(Span::styled(ellipsis(&sanitize(&shown.title), room), t.pane_title));
                head.push(Span::styled(told, t.dim));
                head.push(Span::styled(place, t.dim));
            }
            let head = Line::from(head);
            let head = if selected { head.style(t.selected) } else { head };
            head.render(row_area(inner, y), buf);
            if y + 1 < inner.height as usize {
                let mut spans = vec![Span::raw(" ".repeat(4 + indent))];
                spans.extend(marked(&shown.snippet, Style::new(), t.matched));
                Line::from(spans).render(row_area(inner, y + 1), buf);
            }
        }
    }
}

/// What tells an entry apart from another of the same title (the English and Spanish texts
/// of one agreement, two treaties of one name): its language and the year it begins, where
/// the corpus gives them.
fn told_apart(corpus: &Corpus, item: search::Item) -> Option<String> {
    let (search::Item::Entry(e) | search::Item::Clause(e, _)) = item else { return None };
    let entry = corpus.entries.get(e)?;
    let language = entry.language.as_deref().map(sanitize);
    let year = entry.dates.as_ref().map(|d| d.start.first.year.to_string());
    match (language, year) {
        (Some(l), Some(y)) => Some(format!("{l} · {y}")),
        (l, y) => l.or(y),
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
        let area = Rect::new(0, 0, 64, 1);
        let mut buf = Buffer::empty(area);
        SearchPrompt { search: open, theme: &COLOUR }.render(area, &mut buf);
        let count = format!(" 1 of {} · {} hits · everywhere ", open.rows(), open.hits.len());
        assert!(open.rows() < open.hits.len(), "the Latvian pact's articles share its row");
        let line = format!("/liepaja▏{}{count}", " ".repeat(64 - 9 - count.chars().count()));
        let mut expected = Buffer::with_lines([line.as_str()]);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        expected.set_style(Rect::new(0, 0, 1, 1), bold);
        expected.set_style(Rect::new(8, 0, 1, 1), bold);
        let at = 64 - count.chars().count() as u16;
        expected.set_style(Rect::new(at, 0, 64 - at, 1), Style::new().fg(Color::DarkGray));
        assert_eq!(buf, expected);
    }
}
