//! What a corpus tells once all of it is read: which entries link to each entry, the
//! events in date order, and the events that concern each entry.

use super::{Corpus, Text};

impl Corpus {
    /// Fills the derived lists; called once, when the corpus is built.
    pub(super) fn index(&mut self) {
        let n = self.entries.len();
        let mut linked_from = vec![Vec::new(); n];
        for (from, entry) in self.entries.iter().enumerate() {
            let texts = std::iter::once(&entry.summary)
                .chain(&entry.body)
                .chain(entry.clauses.iter().flat_map(|c| c.text.iter().chain(&c.notes)));
            let targets = texts
                .flat_map(|t: &Text| t.links.iter().map(|l| l.target))
                .chain(entry.clauses.iter().flat_map(|c| c.links.iter().copied()));
            for target in targets {
                let sources: &mut Vec<usize> = &mut linked_from[target];
                if target != from && sources.last() != Some(&from) {
                    sources.push(from);
                }
            }
        }
        let mut chronology: Vec<usize> = (0..self.events.len()).collect();
        chronology.sort_by_key(|&i| self.events[i].when.start.first);
        let mut events_of = vec![Vec::new(); n];
        for &event in &chronology {
            for &entry in &self.events[event].concerns {
                if events_of[entry].last() != Some(&event) {
                    events_of[entry].push(event);
                }
            }
        }
        self.linked_from = linked_from;
        self.chronology = chronology;
        self.events_of = events_of;
    }
}
