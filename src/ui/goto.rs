//! The "go to" prompt on the bottom line, and the places it can go to above it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::row;
use super::theme::Theme;
use crate::app::{DateBox, GoTo};
use crate::model::Entry;
use crate::text::{sanitize, wrap};

/// The most choices shown at once.
const SHOWN: usize = 10;

/// `:` and the label typed, with how many places match on the right.
pub struct GoToPrompt<'a> {
    pub go: &'a GoTo,
    pub theme: &'a Theme,
}

impl Widget for GoToPrompt<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let count = match self.go.matches.len() {
            0 => " no match ".to_string(),
            1 => " 1 place ".to_string(),
            n => format!(" {} of {n} ", self.go.selected + 1),
        };
        let prompt =
            super::PromptLine { sigil: ":", typed: &self.go.typed, cursor: self.go.typed.len(), count: &count };
        super::prompt_line(area, buf, prompt, self.theme);
    }
}

/// `:` in the timeline and the date typed, with what it reads as (or what is wrong with it)
/// on the right.
pub struct DatePrompt<'a> {
    pub date: &'a DateBox,
    pub theme: &'a Theme,
}

impl Widget for DatePrompt<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let typed = &self.date.typed;
        let count = match (&self.date.problem, self.date.date()) {
            (Some(problem), _) => format!(" {problem} "),
            (None, Some(date)) => format!(" the first event from {date} "),
            (None, None) if typed.is_empty() => " a date: 16 June 1940, June 1940, 1940 ".into(),
            (None, None) => " not a date yet ".into(),
        };
        let prompt = super::PromptLine { sigil: ":", typed, cursor: typed.len(), count: &count };
        super::prompt_line(area, buf, prompt, self.theme);
    }
}

/// The places that match: label, then where it stands; the selected one marked. A problem
/// with the last Enter is said on the first row.
pub struct Choices<'a> {
    pub go: &'a GoTo,
    /// The treaty the places are of.
    pub entry: Option<&'a Entry>,
    pub theme: &'a Theme,
}

impl Choices<'_> {
    /// Where the choices stand over `area`: at its foot, as high as they need and it allows.
    pub fn area(&self, area: Rect) -> Rect {
        let listed = self.go.matches.len().min(SHOWN);
        let rows = (listed.max(1) + usize::from(self.go.problem.is_some())) as u16;
        let height = (rows + 2).min(area.height);
        Rect { y: area.bottom().saturating_sub(height), height, ..area }
    }
}

impl Widget for Choices<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let go = self.go;
        let problem = go.problem.as_ref().map(|p| sanitize(p));
        let popup = self.area(area);
        let inner = super::popup(popup, buf, "Go to", "Tab completes · Enter goes", t);
        if inner.height == 0 {
            return;
        }
        let mut y = 0;
        if let Some(problem) = problem {
            Line::styled(problem, t.notice).render(row(inner, y), buf);
            y += 1;
        }
        if go.matches.is_empty() {
            let hint = "type a label (30.8, IV, 25 bis), chapter 30, or words of a heading";
            Line::styled(hint, t.dim).render(row(inner, y), buf);
            return;
        }
        let capacity = (inner.height as usize).saturating_sub(y).max(1);
        let first = go.selected.saturating_sub(capacity - 1);
        let width = (0..go.matches.len())
            .skip(first)
            .take(capacity)
            .filter_map(|n| go.choice(n))
            .map(|c| wrap::width(&c.label))
            .max();
        let label_width = width.unwrap_or(0).min(inner.width as usize / 3);
        for (line, n) in (first..go.matches.len()).take(capacity).enumerate() {
            let Some(choice) = go.choice(n) else { continue };
            let label = wrap::ellipsis(&sanitize(&choice.label), label_width);
            let pad = " ".repeat(label_width.saturating_sub(wrap::width(&label)));
            let mut shown = Line::from(vec![
                Span::raw(if n == go.selected { "▶ " } else { "  " }),
                Span::styled(format!("{label}{pad}  "), t.pane_title),
                Span::raw(self.entry.map(|e| choice.name(e)).unwrap_or_default()),
            ]);
            if n == go.selected {
                shown = shown.style(t.selected);
            }
            shown.render(row(inner, y + line), buf);
        }
    }
}
