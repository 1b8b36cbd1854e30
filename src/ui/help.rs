//! The help overlay: every key, read from the same table as the key handler (its rows laid
//! out by [`crate::app::help`]).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::app::{Role, help};

pub struct Help<'a> {
    pub scroll: usize,
    /// The marks set, a line each.
    pub marks: &'a [String],
    pub theme: &'a Theme,
}

/// A row of the help, styled: a mode's title as a heading, keys as a pane's title.
fn line(row: help::HelpRow, t: &Theme) -> Line<'static> {
    let lead = if row.heading { t.role(Role::Heading, false) } else { t.pane_title };
    Line::from(vec![Span::styled(row.lead, lead), Span::raw(row.text)])
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let (width, rows, height) = help::geometry(area, self.marks);
        let lines: Vec<Line> = rows.into_iter().map(|row| line(row, t)).collect();
        let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
        let visible = height.saturating_sub(2) as usize;
        let scroll = self.scroll.min(lines.len().saturating_sub(visible));
        let more = if lines.len() > visible { format!(" {}/{}", scroll + visible, lines.len()) } else { String::new() };
        let inner = super::popup(popup, buf, "Keys", &format!("Esc or q closes{more}"), t);
        for (i, line) in lines.into_iter().skip(scroll).take(visible).enumerate() {
            line.render(super::row(inner, i), buf);
        }
    }
}
