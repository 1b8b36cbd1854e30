//! The article list: every entry with its kind, the open one marked; only visible rows are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{badge, pane_block, row};
use crate::app::{App, Pane, Scrolled};
use crate::model::Entry;
use crate::text::sanitize;

pub struct EntryList<'a> {
    app: &'a App,
    theme: &'a Theme,
    entries: &'a [Entry],
    rows: &'a [usize],
    view: Scrolled,
    open: usize,
    /// The entries that the selected event concerns.
    concerned: &'a [usize],
}

impl<'a> EntryList<'a> {
    pub fn new(app: &'a App, theme: &'a Theme) -> Self {
        let event = app.corpus.chronology.get(app.timeline.selected).map(|&e| &app.corpus.events[e]);
        Self {
            app,
            theme,
            entries: &app.corpus.entries,
            rows: &app.rows,
            view: app.list,
            open: app.place.page.entry,
            concerned: event.map_or(&[][..], |e| &e.concerns),
        }
    }
}

impl Widget for EntryList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let count = self.rows.len();
        let title = match (count, self.app.as_of) {
            (0, _) => " Entries ".to_string(),
            (_, false) => format!(" Entries {}/{count} ", self.view.selected + 1),
            (_, true) => format!(" Entries {}/{count} as of the event ", self.view.selected + 1),
        };
        let block = pane_block(Line::styled(title, t.pane_title), Pane::List, self.app, t);
        let inner = block.inner(area);
        block.render(area, buf);
        if count == 0 {
            let empty = if self.app.as_of { "no entry has an event this early" } else { "no entries" };
            Line::styled(empty, t.dim).render(inner, buf);
            return;
        }
        let focused = self.app.focus == Pane::List;
        for (i, position) in self.view.visible(inner.height as usize, count).enumerate() {
            let Some((index, entry)) = self.rows.get(position).and_then(|&e| Some((e, self.entries.get(e)?))) else {
                continue;
            };
            let mark = if index == self.open {
                Span::styled("▸", t.open_mark)
            } else if self.concerned.contains(&index) {
                Span::styled("◆", t.event_marked)
            } else {
                Span::raw(" ")
            };
            let mut line = Line::from(vec![mark, badge(&entry.kind, t), Span::raw(sanitize(&entry.title))]);
            if position == self.view.selected {
                line = line.style(if focused {
                    t.selected
                } else {
                    t.selected.remove_modifier(Modifier::REVERSED).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                });
            }
            line.render(row(inner, i), buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier, Style};

    use super::*;
    use crate::app::Action;
    use crate::ui::theme::COLOUR;

    /// The list as drawn, styles and all: a doubled frame when focused, the open entry's
    /// mark, each kind in its colour, and the selected row in reverse video.
    #[test]
    fn the_list_marks_the_selection_the_open_entry_and_the_kinds() {
        let corpus = crate::read::load_str(
            r#"Corpus(title: "T", entries: [
                Entry(id: "a", title: "Rīga", kind: Place, summary: "s"),
                Entry(id: "b", title: "Munters", kind: Person, summary: "s"),
            ])"#,
        )
        .unwrap();
        let mut app = App::new(corpus);
        app.update(Action::Resize(80, 24));
        app.update(Action::Move(crate::app::Motion::Next));
        let area = Rect::new(0, 0, 24, 4);
        let mut buf = Buffer::empty(area);
        EntryList::new(&app, &COLOUR).render(area, &mut buf);
        let mut expected = Buffer::with_lines([
            "╔ Entries 2/2 ═════════╗",
            "║▸place   Rīga         ║",
            "║ person  Munters      ║",
            "╚══════════════════════╝",
        ]);
        expected.set_style(area, Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD));
        let inside = Style::new().fg(Color::Reset).remove_modifier(Modifier::BOLD);
        expected.set_style(Rect::new(1, 1, 22, 2), inside);
        expected.set_style(Rect::new(1, 1, 1, 1), Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD));
        expected.set_style(Rect::new(2, 1, 8, 1), Style::new().fg(Color::LightGreen));
        expected.set_style(Rect::new(2, 2, 8, 1), Style::new().fg(Color::Cyan));
        expected.set_style(Rect::new(1, 2, 22, 1), Style::new().add_modifier(Modifier::REVERSED));
        assert_eq!(buf, expected);
    }
}
