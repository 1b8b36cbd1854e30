//! The entries list: every entry with its kind, the open one's title marked; only visible rows are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{badge, pane_block, row};
use crate::app::{App, ContentsRow, FilterBox, ListRow, Page, Pane, Scrolled};
use crate::model::{ClauseLabel, Entry};
use crate::read::diagnostic::thousands;
use crate::text::sanitize;

pub struct EntryList<'a> {
    app: &'a App,
    theme: &'a Theme,
    entries: &'a [Entry],
    view: Scrolled,
    open: Page,
    /// The entries that the selected event concerns.
    concerned: &'a [usize],
}

/// The width from which the list has a column for each entry's kind (at 80 columns it has
/// 22 cells, and the titles take them all).
const KINDS_FROM: u16 = 26;

impl<'a> EntryList<'a> {
    pub fn new(app: &'a App, theme: &'a Theme) -> Self {
        let event = app.corpus().chronology.get(app.timeline().selected()).map(|&e| &app.corpus().events[e]);
        Self {
            app,
            theme,
            entries: &app.corpus().entries,
            view: app.list().view(),
            open: app.spot().page,
            concerned: event.map_or(&[][..], |e| &e.concerns),
        }
    }

    /// " Entries 3/40 ", or " Contents 5/12 " on a row of the open treaty's contents; then
    /// what narrows or orders the list, and of how many entries it shows its count.
    fn title(&self) -> String {
        let app = self.app;
        let list = app.list();
        let count = list.entries().len();
        let mut applied: Vec<String> = Vec::new();
        // What the narrowest title cuts last comes first.
        if !list.order().said().is_empty() {
            applied.push(list.order().said().into());
        }
        if list.as_of() {
            applied.push("as of the event".into());
        }
        if !list.filter().text.is_empty() {
            applied.push(format!("“{}”", sanitize(&list.filter().text)));
        }
        let total = app.corpus().entries.len();
        // With something applied, the count says of how many, and "Entries" gives way to it.
        let (name, applied) = match (applied.is_empty(), count == total) {
            (true, _) => ("Entries ", String::new()),
            (false, true) => ("", format!("· {} ", applied.join(" · "))),
            (false, false) => ("", format!("of {} · {} ", thousands(total), applied.join(" · "))),
        };
        match app.row(self.view.selected) {
            _ if count == 0 => format!(" {name}0 {applied}"),
            Some(ListRow::Contents(_)) => {
                let at = app.contents_row(self.view.selected).unwrap_or(0);
                format!(" Contents {}/{} {applied}", at + 1, app.outline().rows().len())
            }
            _ => {
                let at = app.selected_entry().and_then(|e| app.list().position(e)).unwrap_or(0);
                format!(" {name}{}/{} {applied}", thousands(at + 1), thousands(count))
            }
        }
    }

    /// An entry's row: the open one marked, and those the selected event concerns.
    /// In a list narrower than [`KINDS_FROM`] the title takes the kind's column (the detail
    /// view says the kind).
    fn entry_row(&self, index: usize, width: u16) -> Option<Line<'a>> {
        let t = self.theme;
        let entry = self.entries.get(index)?;
        let mark = if self.concerned.contains(&index) { Span::styled("◆", t.event_marked) } else { Span::raw(" ") };
        let kinds = width >= KINDS_FROM;
        // The open entry's title stands out; nothing beside it that could pass for a cursor.
        let style = if index == self.open.entry { t.open_mark } else { ratatui::style::Style::new() };
        let title = Span::styled(sanitize(&entry.title), style);
        Some(Line::from(if kinds { vec![mark, badge(&entry.kind, t), title] } else { vec![mark, title] }))
    }

    /// A row of the open treaty's contents, indented by its depth: a division with `+` when
    /// closed and `−` when open, or a part by its label and heading; the part shown (or the
    /// closed division that holds it) marked.
    fn contents_row(&self, item: ContentsRow) -> Option<Line<'a>> {
        let t = self.theme;
        let entry = self.entries.get(self.open.entry)?;
        let shown = self.open.part.checked_sub(1);
        let indent = " ".repeat(2 * item.depth() as usize + 1);
        let (here, spans) = match item {
            ContentsRow::Chapter { chapter, .. } => {
                let c = entry.chapters.get(chapter as usize)?;
                let open = self.app.outline().is_open(chapter);
                let here = !open && shown.is_some_and(|k| c.clauses.contains(&(k as u32)));
                let fold = if open { "− " } else { "+ " };
                let mut spans = vec![Span::raw(fold), Span::styled(sanitize(&c.name()), t.division)];
                if !c.title.is_empty() {
                    spans.push(Span::raw(format!(" {}", sanitize(&c.title))));
                }
                (here, spans)
            }
            ContentsRow::Part { part, .. } => {
                let clause = entry.part(part)?;
                let label = match &clause.label {
                    ClauseLabel::Article(label) => format!("Art. {label}"),
                    other => other.to_string(),
                };
                let mut spans = vec![Span::styled(sanitize(&label), t.pane_title)];
                if !clause.heading.is_empty() {
                    spans.push(Span::raw(format!(" {}", sanitize(&clause.heading))));
                }
                (part == self.open.part, spans)
            }
        };
        let mut line = vec![Span::raw(" "), Span::raw(indent)];
        line.extend(spans.into_iter().map(|span| if here { span.patch_style(t.open_mark) } else { span }));
        Some(Line::from(line))
    }
}

impl Widget for EntryList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let block = pane_block(Line::styled(self.title(), t.pane_title), area, Pane::List, self.app, t);
        let inner = block.inner(area);
        block.render(area, buf);
        let count = self.app.list_len();
        if self.app.list().entries().is_empty() {
            let empty = if self.app.list().as_of() { "no entry has an event this early" } else { "no entries" };
            Line::styled(empty, t.dim).render(inner, buf);
            return;
        }
        let focused = self.app.focus() == Pane::List;
        for (i, position) in self.view.visible(inner.height as usize, count).enumerate() {
            let line = match self.app.row(position) {
                Some(ListRow::Entry(index)) => self.entry_row(index, inner.width),
                Some(ListRow::Contents(item)) => self.contents_row(item),
                None => None,
            };
            let Some(mut line) = line else { continue };
            if position == self.view.selected {
                line = line.style(if focused { t.selected } else { t.selected_unfocused });
            }
            super::fitted(line, inner.width as usize).render(row(inner, i), buf);
        }
    }
}

/// The filter prompt on the bottom line: what is typed, and on the right how many entries
/// pass of how many (or what is wrong with what is typed).
pub struct FilterPrompt<'a> {
    pub filter: &'a FilterBox,
    pub shown: usize,
    pub total: usize,
    pub theme: &'a Theme,
}

impl Widget for FilterPrompt<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let typed = &self.filter.typed;
        let count = match &self.filter.problem {
            Some(problem) => format!(" {problem} "),
            None if typed.trim().is_empty() => format!(" words of a title, {} ", crate::app::FILTER_KEYS),
            None => format!(" {} of {} entries ", thousands(self.shown), thousands(self.total)),
        };
        let prompt = super::PromptLine { sigil: "f ", typed, cursor: typed.len(), count: &count };
        super::prompt_line(area, buf, prompt, self.theme);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier, Style};

    use super::*;
    use crate::app::Action;
    use crate::ui::theme::COLOUR;

    /// The list as drawn, styles and all: a doubled frame when focused, the open entry's
    /// title marked, each kind in its colour, and the selected row in reverse video.
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
        let area = Rect::new(0, 0, 28, 4);
        let mut buf = Buffer::empty(area);
        EntryList::new(&app, &COLOUR).render(area, &mut buf);
        let mut expected = Buffer::with_lines([
            "╔ Entries 2/2 ═════════════╗",
            "║ place   Rīga             ║",
            "║ person  Munters          ║",
            "╚══════════════════════════╝",
        ]);
        expected.set_style(area, Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD));
        let inside = Style::new().fg(Color::Reset).remove_modifier(Modifier::BOLD);
        expected.set_style(Rect::new(1, 1, 26, 2), inside);
        expected.set_style(Rect::new(2, 1, 8, 1), Style::new().fg(Color::LightGreen));
        expected.set_style(Rect::new(2, 2, 8, 1), Style::new().fg(Color::Cyan));
        expected.set_style(Rect::new(1, 2, 26, 1), Style::new().add_modifier(Modifier::REVERSED));
        // Moved to, Munters is shown: its title marked as the open entry's, no glyph beside it.
        expected.set_style(Rect::new(10, 2, 7, 1), Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD));
        assert_eq!(buf, expected);
        // Narrower (a list of 22 cells, as at 80 columns), the titles take the kinds' room.
        let area = Rect::new(0, 0, 24, 4);
        let mut buf = Buffer::empty(area);
        EntryList::new(&app, &COLOUR).render(area, &mut buf);
        let rows: Vec<String> =
            (1..3).map(|y| (0..24).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>()).collect();
        assert_eq!(rows, ["║ Rīga                 ║", "║ Munters              ║"]);
    }
}
