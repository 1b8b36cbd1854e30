//! What a corpus tells once all of it is read: which entries link to each entry, the
//! events in date order, and the events that concern each entry.

use super::{Corpus, Entry};

impl Entry {
    /// Every entry this one links to, inline or through a clause's links, in the order
    /// written (an entry linked twice is given twice).
    pub fn targets(&self) -> impl Iterator<Item = usize> + '_ {
        let texts = std::iter::once(&self.summary)
            .chain(&self.body)
            .chain(self.clauses.iter().flat_map(|c| c.text.iter().chain(&c.notes)));
        texts
            .flat_map(|t| t.links.iter().map(|l| l.target))
            .chain(self.clauses.iter().flat_map(|c| c.links.iter().copied()))
    }
}

impl Corpus {
    /// Fills the derived lists; called once, when the corpus is built. `links` holds
    /// (target, source) for every link, by source in corpus order: gathered as each entry
    /// is built, so that the entries need not all be walked again.
    pub(super) fn index(&mut self, links: &[(usize, usize)]) {
        let n = self.entries.len();
        let mut linked_from = vec![Vec::new(); n];
        for &(target, from) in links {
            let sources: &mut Vec<usize> = &mut linked_from[target];
            if target != from && sources.last() != Some(&from) {
                sources.push(from);
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
