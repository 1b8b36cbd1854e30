//! The timeline strip: the corpus's events in date order, the selected one spelled out, the
//! open entry's events marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{pane_block, theme};
use crate::app::{App, Pane, Scrolled};
use crate::corpus::{Corpus, Event};
use crate::text::sanitize;
use crate::wrap::wrap;

/// Columns given to each event on the strip.
pub const CELL: usize = 3;

pub struct Strip<'a> {
    app: &'a App,
    corpus: &'a Corpus,
    view: Scrolled,
    /// The events that concern the open entry.
    marked: &'a [usize],
}

impl<'a> Strip<'a> {
    pub fn new(app: &'a App) -> Self {
        let marked = app.corpus.events_of.get(app.place.page.entry).map_or(&[][..], Vec::as_slice);
        Self { app, corpus: &app.corpus, view: app.timeline, marked }
    }

    fn event(&self, position: usize) -> &'a Event {
        &self.corpus.events[self.corpus.chronology[position]]
    }
}

impl Widget for Strip<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let count = self.corpus.chronology.len();
        let title = match count {
            0 => " Timeline ".to_string(),
            _ => format!(" Timeline {}/{count} ", self.view.selected + 1),
        };
        let block = pane_block(Line::styled(title, theme::PANE_TITLE), Pane::Timeline, self.app);
        let inner = block.inner(area);
        block.render(area, buf);
        if count == 0 || inner.height == 0 {
            Line::styled("no dated events", theme::DIM).render(inner, buf);
            return;
        }
        let row = |y: u16| Rect { y: inner.y + y, height: 1, ..inner };
        let mut y = 0;
        if inner.height >= 2 {
            self.markers(row(0), buf);
            y = 1;
        }
        if inner.height >= 4 {
            self.years(row(1), buf);
            y = 2;
        }
        let selected = self.event(self.view.selected);
        Line::from(vec![
            Span::styled(selected.when.to_string(), theme::EVENT_MARKED),
            Span::raw(" · "),
            Span::styled(sanitize(&selected.title), theme::PANE_TITLE),
        ])
        .render(row(y), buf);
        let mut text = sanitize(&selected.text.plain);
        let concerns: Vec<&str> = selected.concerns.iter().map(|&e| self.corpus.entries[e].title.as_str()).collect();
        if !concerns.is_empty() {
            text = format!(
                "{text}{}concerns: {}",
                if text.is_empty() { "" } else { " — " },
                sanitize(&concerns.join(", "))
            );
        }
        let rest = inner.height.saturating_sub(y + 1);
        for (i, line) in wrap(&[(text.as_str(), ())], inner.width as usize).into_iter().take(rest as usize).enumerate()
        {
            let line: String = line.into_iter().map(|(t, ())| t).collect();
            Line::styled(line, theme::DIM).render(row(y + 1 + i as u16), buf);
        }
    }
}

impl Strip<'_> {
    /// One mark per event on a line: the selected one, the open entry's, the others.
    fn markers(&self, area: Rect, buf: &mut Buffer) {
        let capacity = (area.width as usize / CELL).max(1);
        let mut spans = Vec::new();
        for position in self.view.visible(capacity, self.corpus.chronology.len()) {
            let index = self.corpus.chronology[position];
            let (mark, style) = if position == self.view.selected {
                ("●", theme::EVENT_SELECTED)
            } else if self.marked.contains(&index) {
                ("◆", theme::EVENT_MARKED)
            } else {
                ("•", theme::EVENT)
            };
            spans.push(Span::styled(mark, style));
            spans.push(Span::styled("─".repeat(CELL - 1), theme::DIM));
        }
        Line::from(spans).render(area, buf);
    }

    /// The year under the first event of each year, where it fits.
    fn years(&self, area: Rect, buf: &mut Buffer) {
        let capacity = (area.width as usize / CELL).max(1);
        let mut free_from = 0;
        let mut last_year = None;
        for (i, position) in self.view.visible(capacity, self.corpus.chronology.len()).enumerate() {
            let year = self.event(position).when.start.first.year;
            let x = i * CELL;
            if last_year != Some(year) && x >= free_from {
                let label = year.to_string();
                let width = label.len() as u16;
                if x as u16 + width <= area.width {
                    buf.set_string(area.x + x as u16, area.y, &label, theme::DIM);
                    free_from = x + label.len() + 1;
                }
            }
            last_year = Some(year);
        }
    }
}
