//! Citations of what the reader has selected, for `y` to copy.

use super::{App, Pane};
use crate::cite::cite;
use crate::model::address;
use crate::text::sanitize;

impl App {
    /// A citation of the selection: the open treaty part or entry, the event selected on
    /// the timeline, or the entry selected in the list; ending with the address that
    /// `--open` takes.
    pub fn citation(&self) -> Option<String> {
        let corpus = &self.corpus;
        let (entry, part) = match self.focus {
            Pane::List => self.selected_page().map(|p| (p.entry, p.part))?,
            // An event is cited as itself, with its date and the entries it concerns (by
            // their titles, and by the addresses `--open` takes).
            Pane::Timeline => {
                let event = &corpus.events[*corpus.chronology.get(self.timeline.selected())?];
                let mut cite = format!("{}, {}.", sanitize(&event.title), event.when);
                let concerns: Vec<usize> =
                    event.concerns.iter().copied().filter(|&e| e < corpus.entries.len()).collect();
                if !concerns.is_empty() {
                    let titles: Vec<String> = concerns.iter().map(|&e| sanitize(&corpus.entries[e].title)).collect();
                    let addresses: Vec<String> = concerns.iter().map(|&e| address::format(corpus, e, 0)).collect();
                    cite.push_str(&format!(" Concerns: {} (treaty-tui: {}).", titles.join(", "), addresses.join(", ")));
                }
                cite.push_str(&format!(" In: {}.", sanitize(&corpus.title)));
                return Some(cite);
            }
            Pane::Detail => (self.reader.spot().page.entry, self.reader.spot().page.part),
        };
        self.cite_part(entry, part)
    }

    /// The citation of part `part` of entry `entry` (0 for the entry itself).
    pub(super) fn cite_part(&self, entry: usize, part: usize) -> Option<String> {
        cite(&self.corpus, entry, part)
    }
}
