//! A corpus read again after its file changed: the reader keeps their place; a broken file
//! leaves the last good version in view, with its problems in a panel.

use std::sync::Arc;

use super::{App, Place, Timeline};
use crate::model::Corpus;
use crate::model::address;
use crate::read::diagnostic;
use crate::read::load::LoadError;
use crate::text::sanitize;

impl App {
    /// Takes in the result of reading the corpus file `name` again.
    pub fn reload(&mut self, loaded: Result<Corpus, LoadError>, name: &str) {
        self.update(super::Event::Reloaded { loaded: Box::new(loaded), name: name.into() });
    }

    pub(super) fn reload_corpus(&mut self, loaded: Result<Corpus, LoadError>, name: &str) {
        match loaded {
            Ok(corpus) => {
                self.problems = None;
                self.replace_corpus(corpus);
            }
            Err(LoadError::Invalid { text, diagnostics }) => {
                self.problems = Some(diagnostic::render(name, &text, &diagnostics, false));
            }
            Err(LoadError::Read(e)) => self.problems = Some(format!("error: cannot read {}: {e}", sanitize(name))),
        }
    }

    /// Puts `corpus` in place of the current one, keeping the open page, scroll position,
    /// selected event and history where they still exist, or the nearest place.
    fn replace_corpus(&mut self, corpus: Corpus) {
        let old = Arc::clone(&self.corpus);
        // Where each place stood, by address: none for a place in a corpus without entries.
        let address_of = |place: &Place| address::of(&old, place.page.entry, place.page.part);
        let event_of =
            |position: usize| old.chronology.get(position).map(|&e| (old.events[e].title.clone(), old.events[e].when));
        let selected_event = event_of(self.timeline.selected);
        let open = address_of(&self.place);
        let history = std::mem::take(&mut self.history);
        let window = self.timeline.window;
        self.corpus = Arc::new(corpus);
        self.widest = super::widest(&self.corpus);
        self.comparisons.forget_corpus();
        if matches!(self.overlay, Some(super::Overlay::Compare(_))) {
            self.overlay = None;
        }
        let new = Arc::clone(&self.corpus);
        let place_for = |old_place: &Place, address: Option<String>| -> Place {
            let page = match address.and_then(|address| address::parse(&new, &address).ok()) {
                Some((entry, part)) => super::Page { entry, part },
                // The entry is gone: stay at the same position in the list.
                None => super::Page { entry: old_place.page.entry.min(new.entries.len().saturating_sub(1)), part: 0 },
            };
            Place { page, scroll: old_place.scroll, link: None }
        };
        self.history = history.map(|place| place_for(&place, address_of(&place)));
        self.timeline = Timeline::new(&new);
        self.timeline.window = window;
        if let Some((title, when)) = selected_event {
            let found = new.chronology.iter().position(|&e| new.events[e].title == title && new.events[e].when == when);
            let nearest = new.chronology.iter().position(|&e| new.events[e].when.start.first >= when.start.first);
            self.timeline.selected = found.or(nearest).unwrap_or(0).min(new.chronology.len().saturating_sub(1));
        }
        // The work done aside for the corpus before is dropped when it comes back; the index
        // is prepared anew.
        self.generation += 1;
        self.searching.forget_corpus();
        self.overlay = None;
        self.rows_key = None;
        self.doc_key = None;
        let place = place_for(&self.place, open);
        self.go(place);
    }
}
