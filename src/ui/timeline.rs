//! The timeline strip: events on a time axis, spans drawn as bars, uncertain dates marked,
//! events that share a column counted, the selected one spelled out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::pane_block;
use super::theme::Theme;
use crate::app::axis;
use crate::app::{App, Pane, Timeline, strip};
use crate::model::{Corpus, Event};
use crate::text::sanitize;
use crate::text::wrap::wrap;

pub struct Strip<'a> {
    app: &'a App,
    theme: &'a Theme,
    corpus: &'a Corpus,
    timeline: &'a Timeline,
}

impl<'a> Strip<'a> {
    pub fn new(app: &'a App, theme: &'a Theme) -> Self {
        Self { app, theme, corpus: app.corpus(), timeline: app.timeline() }
    }

    /// The event at `position` in date order, if there is one.
    fn event(&self, position: usize) -> Option<&'a Event> {
        self.corpus.events.get(*self.corpus.chronology.get(position)?)
    }
}

impl Widget for Strip<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let count = self.corpus.chronology.len();
        let inner_width = area.width.saturating_sub(2);
        let line = strip::line(self.timeline, inner_width);
        let shared = line
            .marks
            .iter()
            .map(|(c, ..)| c)
            .find(|c| c.members.contains(&self.timeline.selected()) && c.members.len() > 1);
        let title = match (count, shared) {
            (0, _) => " Timeline ".to_string(),
            (_, None) => format!(" Timeline {}/{count} ", self.timeline.selected() + 1),
            (_, Some(c)) => format!(
                " Timeline {}/{count} · {} of {} here ",
                self.timeline.selected() + 1,
                self.timeline.selected() - c.members.start + 1,
                c.members.len()
            ),
        };
        let block = pane_block(Line::styled(title, t.pane_title), area, Pane::Timeline, self.app, t);
        let inner = block.inner(area);
        block.render(area, buf);
        if count == 0 || inner.height == 0 || inner.width == 0 {
            Line::styled("no dated events", t.dim).render(inner, buf);
            return;
        }
        let row = |y: u16| super::row(inner, y as usize);
        let mut y = 0;
        if inner.height >= 2 {
            self.axis(&line, row(0), buf);
            y = 1;
        }
        if inner.height >= 4 {
            for (column, label) in axis::ticks(self.timeline.window(), inner.width) {
                buf.set_string(inner.x + column, inner.y + 1, label, t.dim);
            }
            y = 2;
        }
        let Some(selected) = self.event(self.timeline.selected()) else { return };
        Line::from(vec![
            Span::styled(selected.when.to_string(), t.event_marked),
            Span::raw(" · "),
            Span::styled(sanitize(&selected.title), t.pane_title),
        ])
        .render(row(y), buf);
        // The event's text, and on a line of its own what it concerns, which is never lost
        // to a long text: the text's last line that fits ends in "…" instead. With one line
        // only, the two share it, cut with "…".
        let mut text = sanitize(&selected.text.plain);
        let concerns: Vec<&str> = selected.concerns.iter().map(|&e| self.corpus.entries[e].title.as_str()).collect();
        let mut concerns = (!concerns.is_empty()).then(|| format!("concerns: {}", sanitize(&concerns.join(", "))));
        let (width, rest) = (inner.width as usize, inner.height.saturating_sub(y + 1) as usize);
        if rest == 1
            && let Some(concerns) = concerns.take()
        {
            text = if text.is_empty() { concerns } else { format!("{text} — {concerns}") };
        }
        let text_rows = rest - usize::from(concerns.is_some() && rest >= 2);
        let mut lines: Vec<String> =
            wrap(&[(text.as_str(), ())], width).into_iter().map(|l| l.into_iter().map(|(t, ())| t).collect()).collect();
        if lines.len() > text_rows {
            lines.truncate(text_rows);
            if let Some(last) = lines.last_mut() {
                *last = crate::text::wrap::ellipsis(&format!("{last}…"), width);
            }
        }
        let shown = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            Line::styled(line, t.dim).render(row(y + 1 + i as u16), buf);
        }
        if let Some(concerns) = concerns.filter(|_| shown < rest) {
            Line::styled(crate::text::wrap::ellipsis(&concerns, width), t.dim).render(row(y + 1 + shown as u16), buf);
        }
    }
}

impl Strip<'_> {
    /// The axis line: spans as bars, then one mark per column that holds events: `●` for a
    /// day, `■` for a span, `~` for an uncertain date, or how many events share it.
    fn axis(&self, line: &strip::Line, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let window = self.timeline.window();
        let width = area.width;
        buf.set_string(area.x, area.y, "┈".repeat(width as usize), t.dim);
        let styles = [t.event, t.event_marked, t.event_selected];
        for (column, &bar) in line.bars.iter().enumerate() {
            if bar > 0 {
                buf.set_string(area.x + column as u16, area.y, "━", styles[usize::from(bar) - 1]);
            }
        }
        for (cluster, symbol, strength) in &line.marks {
            buf.set_string(area.x + cluster.column, area.y, symbol.text(), styles[usize::from(*strength)]);
        }
        // The selected event, when the strip looks elsewhere, is pointed to from the edge it
        // lies beyond.
        if let Some(&(first, last)) = self.timeline.days().get(self.timeline.selected()) {
            let beyond = match () {
                _ if last < window.start => Some((0, "◀")),
                _ if first >= window.end => Some((width.saturating_sub(1), "▶")),
                _ => None,
            };
            if let Some((column, arrow)) = beyond {
                buf.set_string(area.x + column, area.y, arrow, styles[2]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::ui::theme::COLOUR;

    /// The strip drawn `height` rows high, on the event "Latvian–Soviet Peace Treaty" of the
    /// bundled corpus (whose text is one sentence, and which concerns two entries).
    fn drawn(width: u16, height: u16) -> Vec<String> {
        let mut app = App::new(crate::read::load::bundled().unwrap());
        app.update(Action::Resize(width, 40));
        app.update(Action::Focus(crate::app::Pane::Timeline));
        app.update(Action::Move(crate::app::Motion::First));
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        Strip::new(&app, &COLOUR).render(area, &mut buf);
        // Inside the frame.
        (1..height - 1).map(|y| (1..width - 1).map(|x| buf[(x, y)].symbol()).collect::<String>()).collect()
    }

    /// The strip's axis, `width` wide, after `actions` on the bundled corpus with the
    /// timeline focused.
    fn axis_after(width: u16, actions: &[Action]) -> String {
        let mut app = App::new(crate::read::load::bundled().unwrap());
        app.update(Action::Resize(width, 40));
        app.update(Action::Focus(crate::app::Pane::Timeline));
        for &action in actions {
            app.update(action);
        }
        let area = Rect::new(0, 0, width, 6);
        let mut buf = Buffer::empty(area);
        Strip::new(&app, &COLOUR).render(area, &mut buf);
        (1..width - 1).map(|x| buf[(x, 1)].symbol()).collect()
    }

    #[test]
    fn a_selected_event_out_of_view_is_pointed_to_from_the_edge() {
        let shown = axis_after(60, &[]);
        assert!(!shown.contains('◀') && !shown.contains('▶'), "{shown}");
        let later = axis_after(60, &[Action::PanForward; 8]);
        assert!(later.starts_with('◀') && !later.contains('▶'), "{later}");
        let earlier = axis_after(60, &[Action::PanBack; 8]);
        assert!(earlier.ends_with('▶') && !earlier.contains('◀'), "{earlier}");
    }

    #[test]
    fn what_an_event_concerns_has_a_line_of_its_own_or_is_cut_with_a_mark() {
        let tall = drawn(60, 9);
        assert!(tall.iter().any(|l| l == "concerns: Latvia, Soviet–Latvian Mutual Assistance Treaty "), "{tall:#?}");
        assert!(tall.iter().any(|l| l.contains("The 1939 pact recalls this peace treaty in its")), "{tall:#?}");
        let narrow = drawn(40, 9);
        assert!(narrow.iter().any(|l| l.starts_with("concerns: Latvia,") && l.ends_with('…')), "{narrow:#?}");
        let short = drawn(60, 6);
        assert!(short[3].trim_end().ends_with('…'), "one line, cut with a mark: {short:#?}");
        assert!(short[3].contains("The 1939 pact recalls"), "{short:#?}");
    }
}
