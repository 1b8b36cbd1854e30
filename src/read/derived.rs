//! What a corpus tells once all of it is read: which entries link to each entry, the
//! events in date order, and the events that concern each entry.

use crate::model::Event;

/// For each of `entries` entries, the entries that link to it, in corpus order, from
/// (target, source) for every link, by source in corpus order: gathered as each entry is
/// checked, so that the entries need not all be walked again.
pub(super) fn linked_from(entries: usize, links: &[(usize, usize)]) -> Vec<Vec<usize>> {
    // Counted first, so that each list is made once, at its size.
    let mut counts = vec![0usize; entries];
    for &(target, from) in links {
        counts[target] += usize::from(target != from);
    }
    let mut linked_from: Vec<Vec<usize>> = counts.into_iter().map(Vec::with_capacity).collect();
    for &(target, from) in links {
        let sources: &mut Vec<usize> = &mut linked_from[target];
        if target != from && sources.last() != Some(&from) {
            sources.push(from);
        }
    }
    linked_from
}

/// The events in date order (events on the same day stay in corpus order), and for each
/// of `entries` entries the events that concern it, by date.
pub(super) fn chronology(events: &[Event], entries: usize) -> (Vec<usize>, Vec<Vec<usize>>) {
    let mut chronology: Vec<usize> = (0..events.len()).collect();
    chronology.sort_by_key(|&i| events[i].when.start.first);
    let mut events_of = vec![Vec::new(); entries];
    for &event in &chronology {
        for &entry in &events[event].concerns {
            if events_of[entry].last() != Some(&event) {
                events_of[entry].push(event);
            }
        }
    }
    (chronology, events_of)
}
