//! The help overlay: every key, read from the same table as the key handler (its rows laid
//! out by [`crate::app::help`]).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::app::{Role, help};

pub struct Help<'a> {
    pub scroll: usize,
    /// What `/` looks for: marked where it stands.
    pub find: &'a help::HelpFind,
    /// The marks set, a line each.
    pub marks: &'a [String],
    pub theme: &'a Theme,
}

/// A row of the help, styled: a mode's title as a heading, keys as a pane's title, and
/// where `typed` stands marked.
fn line(row: help::HelpRow, typed: &str, t: &Theme) -> Line<'static> {
    let lead = if row.heading { t.role(Role::Heading, false) } else { t.pane_title };
    let mut spans = marked(&row.lead, typed, lead, t);
    spans.extend(marked(&row.text, typed, Style::new(), t));
    Line::from(spans)
}

/// `text` in `style`, where `typed` stands in it marked.
fn marked(text: &str, typed: &str, style: Style, t: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for found in help::found_in(text, typed) {
        spans.push(Span::styled(text[at..found.start].to_string(), style));
        spans.push(Span::styled(text[found.clone()].to_string(), t.matched));
        at = found.end;
    }
    spans.push(Span::styled(text[at..].to_string(), style));
    spans
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let (width, rows, height) = help::geometry(area, self.marks);
        let typed = self.find.typed.as_str();
        let nowhere = !typed.is_empty() && !rows.iter().any(|row| help::holds(row, typed));
        let lines: Vec<Line> = rows.into_iter().map(|row| line(row, typed, t)).collect();
        let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
        let visible = height.saturating_sub(2) as usize;
        let scroll = self.scroll.min(lines.len().saturating_sub(visible));
        let more = if lines.len() > visible { format!(" {}/{}", scroll + visible, lines.len()) } else { String::new() };
        let footer = match (self.find.typing, typed.is_empty()) {
            (true, _) if nowhere => format!("/{}▏ no row holds it", crate::text::sanitize(typed)),
            (true, _) => format!("/{}▏ Enter keeps · Esc drops", crate::text::sanitize(typed)),
            (false, true) => format!("/ finds · Esc or q closes{more}"),
            (false, false) => format!("n N: “{}” · Esc or q closes{more}", crate::text::sanitize(typed)),
        };
        let inner = super::popup(popup, buf, "Keys", &footer, t);
        for (i, line) in lines.into_iter().skip(scroll).take(visible).enumerate() {
            line.render(super::row(inner, i), buf);
        }
    }
}
