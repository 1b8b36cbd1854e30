//! The detail view: the open page's document, scrolled, with its position shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{pane_block, theme};
use crate::app::{App, Document, Pane, Place, Role};

pub struct Detail<'a> {
    app: &'a App,
    doc: &'a Document,
    place: Place,
}

impl<'a> Detail<'a> {
    pub fn new(app: &'a App) -> Self {
        Self {
            app,
            doc: &app.doc,
            place: app.place,
        }
    }
}

impl Widget for Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let total = self.doc.lines.len();
        let height = area.height.saturating_sub(2) as usize;
        let shown = self.place.scroll.min(total)..(self.place.scroll + height).min(total);
        let position = if total <= height {
            String::new()
        } else {
            format!(" {}–{} of {total} ", shown.start + 1, shown.end)
        };
        let block = pane_block(Line::styled(" Detail ", theme::PANE_TITLE), Pane::Detail, self.app)
            .title_bottom(Line::styled(position, theme::DIM).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        for (row, line) in self.doc.lines[shown].iter().enumerate() {
            let spans: Vec<Span> = line
                .iter()
                .map(|(text, role)| {
                    let selected = match role {
                        Role::Link(n) => self.place.link == Some(*n),
                        Role::Tab(k) => self.place.page.part == *k,
                        _ => false,
                    };
                    Span::styled(text.as_str(), theme::role(*role, selected))
                })
                .collect();
            Line::from(spans).render(
                Rect {
                    y: inner.y + row as u16,
                    height: 1,
                    ..inner
                },
                buf,
            );
        }
    }
}
