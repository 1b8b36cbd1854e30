//! Drawing the explorer: the layout, and one small view per pane.

mod detail;
mod list;
mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::app::App;

/// The list pane's share of the width, and the width below which it is not drawn beside the detail.
const LIST_WIDTH: u16 = 32;

/// How many entry rows the list shows in a terminal of `size` (columns, rows).
pub fn list_rows(size: (u16, u16)) -> usize {
    let (_, list, _) = areas(Rect::new(0, 0, size.0, size.1));
    list.height.saturating_sub(2) as usize
}

/// Splits the screen into the list, the detail view and the status line.
fn areas(area: Rect) -> (Rect, Rect, Rect) {
    let [body, status] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]));
    let list_width = LIST_WIDTH.min(body.width / 2);
    let [list, detail] = body.layout(&Layout::horizontal([
        Constraint::Length(list_width),
        Constraint::Fill(1),
    ]));
    (status, list, detail)
}

/// Draws the whole explorer for `app`.
pub fn draw(frame: &mut Frame, app: &App) {
    let (status, list, detail) = areas(frame.area());
    frame.render_widget(list::EntryList::new(app), list);
    frame.render_widget(detail::Detail::new(app), detail);
    let keys = Line::from(vec![
        Span::raw(format!(" {}/{} ", app.selected + 1, app.corpus.entries.len())),
        Span::raw(" ↑↓ move · PgUp/PgDn page · g/G first/last · q quit"),
    ]);
    frame.render_widget(keys.style(theme::STATUS), status);
}
