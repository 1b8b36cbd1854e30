//! The status line: which pane has the focus, where the reader is, and the keys that matter.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::app::{Action, App, KEYMAP, Mode, Pane, key_name};
use crate::text::sanitize;
use crate::text::wrap;

pub struct Status<'a> {
    app: &'a App,
    theme: &'a Theme,
}

impl<'a> Status<'a> {
    pub fn new(app: &'a App, theme: &'a Theme) -> Self {
        Self { app, theme }
    }
}

impl Status<'_> {
    /// What a mark on the strip that stands for several events is, and the keys that reach
    /// them: "34 events in 1939–1940: ← → step, + zooms".
    fn cluster(&self, members: std::ops::Range<usize>) -> String {
        let corpus = &self.app.corpus();
        let year = |position: usize| corpus.chronology.get(position).map(|&e| corpus.events[e].when.start.first.year);
        let (first, last) = (year(members.start).unwrap_or_default(), year(members.end - 1).unwrap_or_default());
        let years = if first == last { first.to_string() } else { format!("{first}–{last}") };
        let key = |action: Action| {
            KEYMAP
                .iter()
                .find(|b| b.mode == Mode::Timeline && b.action == action)
                .map_or(String::new(), |b| key_name(&b.keys[0]))
        };
        use crate::app::Motion::{Next, Prev};
        format!(
            "{} events in {years}: {} {} step, {} zooms",
            members.len(),
            key(Action::Move(Prev)),
            key(Action::Move(Next)),
            key(Action::ZoomIn)
        )
    }
}

/// The status line's key hints for `mode`, as many as fit in `room` cells: the mode's own
/// first, then help, quit and pane switching; shown in that order with help last. Keys for
/// links are named only on a page that has `links`.
pub fn hints(mode: Mode, room: usize, links: bool) -> String {
    let overlay = matches!(
        mode,
        Mode::Help | Mode::Peek | Mode::Prompt | Mode::GoTo | Mode::Choose | Mode::Compare | Mode::Marking
    );
    let about_links = |b: &&crate::app::Binding| {
        mode == Mode::Detail && matches!(b.action, Action::NextLink | Action::Open | Action::Peek)
    };
    let own = KEYMAP.iter().filter(|b| b.mode == mode).filter(|b| links || !about_links(b));
    let everywhere = KEYMAP.iter().filter(|b| b.mode == Mode::Everywhere && !overlay);
    let mut items: Vec<(bool, String)> = own
        .chain(everywhere)
        .filter(|b| !b.hint.is_empty())
        .map(|b| {
            // Arrow pairs read best together: "←→ link".
            let pair = KEYMAP.iter().find(|o| o.mode == b.mode && o.hint.is_empty() && is_pair(o.action, b.action));
            let first = pair.map(|o| key_name(&o.keys[0])).unwrap_or_default();
            (b.action == Action::Help, format!("{first}{} {}", key_name(&b.keys[0]), b.hint))
        })
        .collect();
    // Help stays while anything does; the rest is dropped from the end.
    let width = |items: &[(bool, String)]| items.iter().map(|(_, t)| wrap::width(t) + 3).sum::<usize>();
    while width(&items) > room + 3 && !items.is_empty() {
        let drop = items.iter().rposition(|(help, _)| !help).unwrap_or(items.len() - 1);
        items.remove(drop);
    }
    items.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" · ")
}

/// Whether `a` is the backward half of the pair whose forward half is `b`.
fn is_pair(a: Action, b: Action) -> bool {
    use crate::app::Motion;
    matches!(
        (a, b),
        (Action::PrevLink, Action::NextLink)
            | (Action::PrevClause, Action::NextClause)
            | (Action::Move(Motion::Prev), Action::Move(Motion::Next))
    )
}

impl Widget for Status<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        buf.set_style(area, t.status);
        let pane = match self.app.focus() {
            Pane::List => " ENTRIES ",
            Pane::Detail => " DETAIL ",
            Pane::Timeline => " TIMELINE ",
        };
        let mut left = vec![Span::styled(pane, t.status_pane), Span::raw(" ")];
        // The hit counter, while the reader is on the hit.
        if let Some((at, count)) = self.app.on_hit() {
            left.push(Span::styled(format!("hit {} of {count}", at + 1), t.pane_title));
            left.push(Span::raw(" · "));
        }
        if let Some(&event) = self.app.list().as_of_event().and_then(|p| self.app.corpus().chronology.get(p)) {
            let when = self.app.corpus().events[event].when.start;
            left.push(Span::styled(format!("as of {when}"), t.pane_title));
            left.push(Span::raw(" · "));
        }
        // The place comes first; the hints take what it leaves, or, when that is less than a
        // quarter of the line, a third of it; the place then takes all the hints leave it,
        // cut with `…` if it must be.
        let width = area.width as usize;
        let used: usize = left.iter().map(|s| s.width()).sum();
        let page = self.app.spot().page;
        let entry = self.app.corpus().entries.get(page.entry);
        let location = |room: usize| entry.map(|entry| super::named_place(entry, page.part, room)).unwrap_or_default();
        let wanted = wrap::width(&location(usize::MAX));
        let left_over = width.saturating_sub(used + wanted + 2);
        let room = if left_over >= width / 4 { left_over } else { left_over.max(width / 3) };
        let (hints, style) = match &self.app.notice() {
            // A notice longer than the line (a long citation copied) ends in "…".
            Some(notice) => (wrap::ellipsis(&sanitize(notice), width.saturating_sub(used + 1)), t.notice),
            None => match (self.app.mode() == Mode::Timeline).then(|| self.app.cluster()).flatten() {
                // Said before the place: it is what the strip cannot say itself.
                Some(members) => (wrap::ellipsis(&self.cluster(members), room.max(width * 2 / 3)), t.status),
                None => (hints(self.app.mode(), room, !self.app.document().links.is_empty()), t.status),
            },
        };
        let hints_width = (wrap::width(&hints) as u16).min(area.width);
        left.push(Span::raw(location(width.saturating_sub(used + hints_width as usize + 2))));
        // The parts on the left read as parts: cut with "…" where the right-hand part begins,
        // two cells before it, never run into it.
        let room = area.width.saturating_sub(hints_width + 2);
        let left = super::fitted(Line::from(left), room as usize);
        let right = Rect { x: area.right() - hints_width, width: hints_width, ..area };
        left.render(Rect { width: room, ..area }, buf);
        Line::styled(hints, style).render(right, buf);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier, Style};

    use super::*;
    use crate::ui::theme::COLOUR;

    /// The status line as drawn, styles and all: the pane in its badge, the rest on the bar.
    #[test]
    fn the_status_line_marks_the_focused_pane() {
        let corpus = crate::read::load_str(
            r#"Corpus(title: "T", entries: [Entry(id: "a", title: "Rīga", kind: Place, summary: "s")])"#,
        )
        .unwrap();
        let mut app = App::new(corpus);
        app.update(Action::Resize(44, 24));
        let area = Rect::new(0, 0, 44, 1);
        let mut buf = Buffer::empty(area);
        Status::new(&app, &COLOUR).render(area, &mut buf);
        let mut expected = Buffer::with_lines([" ENTRIES  Rīga  Enter open · q quit · ? help"]);
        let bar = Style::new().bg(Color::DarkGray).fg(Color::White);
        expected.set_style(area, bar);
        expected.set_style(
            Rect::new(0, 0, 9, 1),
            Style::new().bg(Color::Cyan).fg(Color::Black).add_modifier(Modifier::BOLD),
        );
        assert_eq!(buf, expected);
    }

    /// The status line of `app`, `width` wide.
    fn status_of(app: &App, width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        Status::new(app, &COLOUR).render(area, &mut buf);
        (0..width).map(|x| buf[(x, 0)].symbol()).collect()
    }

    #[test]
    fn a_mark_for_several_events_is_explained_while_one_of_them_is_selected() {
        use crate::app::Motion;
        let mut app = App::new(crate::read::load::bundled().unwrap());
        app.update(Action::Resize(120, 30));
        app.update(Action::Focus(Pane::Timeline));
        app.update(Action::Fit);
        app.update(Action::Move(Motion::First));
        // The whole timeline shown, most events share a mark: the first of them selected.
        while app.cluster().is_none() && app.timeline().selected() + 1 < app.corpus().chronology.len() {
            app.update(Action::Move(Motion::Next));
        }
        let members = app.cluster().expect("a mark for several events");
        let line = status_of(&app, 120);
        let said = format!("{} events in 19", members.len());
        assert!(line.contains(&said) && line.contains(": ← → step, + zooms"), "{line}");
        // Zoomed in until it stands alone, the keys are hinted again.
        for _ in 0..40 {
            if app.cluster().is_some() {
                app.update(Action::ZoomIn);
            }
        }
        let alone = status_of(&app, 120);
        assert!(alone.contains("←→ event") && !alone.contains("events in"), "{alone}");
    }
}
