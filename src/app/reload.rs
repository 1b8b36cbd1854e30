//! A corpus read again after its file changed: the reader keeps their place; a broken file
//! leaves the last good version in view, with its problems in a panel.

use std::sync::Arc;

use super::{App, Spot, Timeline};
use crate::model::Corpus;
use crate::model::address;
use crate::read::diagnostic;
use crate::read::load::LoadError;
use crate::text::sanitize;

impl App {
    /// Takes in the result of reading the corpus file `name` again.
    pub fn reload(&mut self, loaded: Result<Corpus, LoadError>, name: &str) {
        self.update(super::Input::Reloaded { loaded: Box::new(loaded), name: name.into() });
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
        let address_of = |spot: &Spot| address::of(&old, spot.page.entry, spot.page.part);
        let event_of =
            |position: usize| old.chronology.get(position).map(|&e| (old.events[e].title.clone(), old.events[e].when));
        let selected_event = event_of(self.timeline.selected());
        let window = self.timeline.window();
        self.corpus = Arc::new(corpus);
        self.comparisons.forget_corpus();
        if matches!(self.overlay, Some(super::Overlay::Compare(_))) {
            self.overlay = None;
        }
        let new = Arc::clone(&self.corpus);
        let spot_for = |old_spot: &Spot| -> Spot {
            let address = address_of(old_spot);
            let page = match address.and_then(|address| address::parse(&new, &address).ok()) {
                Some((entry, part)) => super::Page { entry, part },
                // The entry is gone: stay at the same position in the list.
                None => super::Page { entry: old_spot.page.entry.min(new.entries.len().saturating_sub(1)), part: 0 },
            };
            Spot { page, scroll: old_spot.scroll, link: None }
        };
        let selected = selected_event.map(|(title, when)| {
            let found = new.chronology.iter().position(|&e| new.events[e].title == title && new.events[e].when == when);
            let nearest = new.chronology.iter().position(|&e| new.events[e].when.start.first >= when.start.first);
            found.or(nearest).unwrap_or(0)
        });
        self.timeline = Timeline::new(&new).seen_as(window, selected);
        self.list.corpus_replaced(&self.corpus, self.timeline.selected());
        // The work done aside for the corpus before is dropped when it comes back; the index
        // is prepared anew.
        self.generation += 1;
        self.searching.forget_corpus();
        self.overlay = None;
        self.reader.carry(spot_for);
        self.go(self.reader.spot());
    }
}
