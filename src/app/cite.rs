//! Citations of what the reader has selected: `y` opens them in every format, to copy one.

use super::{App, Overlay, Pane};
use crate::cite::{Format, cite, write};
use crate::model::address;
use crate::text::sanitize;

/// The citation popup: what is cited, in each format it can be written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citing {
    /// Each format's name and the citation written in it; the plain one first.
    pub formats: Vec<(&'static str, String)>,
    pub selected: usize,
}

/// Each format the popup offers, by the name it shows.
const FORMATS: [(&str, Format); 4] =
    [("Plain text", Format::Text), ("BibTeX", Format::Bibtex), ("CSL-JSON", Format::CslJson), ("RIS", Format::Ris)];

impl App {
    /// Opens the citation popup on the selection (see [`App::citation`]): an entry or one of
    /// its parts in every format, an event as plain text.
    pub(super) fn open_citing(&mut self) {
        let Some(plain) = self.citation() else {
            self.notice = Some("nothing selected to cite".into());
            return;
        };
        let mut formats = vec![(FORMATS[0].0, plain)];
        if let Some(place) = self.cited_place() {
            let written = FORMATS[1..].iter().map(|&(name, format)| (name, write(&self.corpus, &[place], format)));
            formats.extend(written);
        }
        self.overlay = Some(Overlay::Cite(Citing { formats, selected: 0 }));
    }

    /// Copies the format chosen in the citation popup, and closes it.
    pub(super) fn copy_citing(&mut self) {
        let Some(Overlay::Cite(citing)) = self.overlay.take() else { return };
        let Some((name, text)) = citing.formats.into_iter().nth(citing.selected) else { return };
        self.notice = Some(format!("copied the citation as {name}"));
        self.requests.copy(text.trim_end().to_string());
    }

    /// The entry and part the selection cites; none for an event.
    fn cited_place(&self) -> Option<(usize, usize)> {
        match self.focus {
            Pane::List => self.selected_page().map(|p| (p.entry, p.part)),
            Pane::Timeline => None,
            Pane::Detail => Some((self.reader.spot().page.entry, self.reader.spot().page.part)),
        }
    }

    /// A citation of the selection: the open treaty part or entry, the event selected on
    /// the timeline, or the entry selected in the list; ending with the address that
    /// `--open` takes.
    pub fn citation(&self) -> Option<String> {
        let corpus = &self.corpus;
        let (entry, part) = match self.focus {
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
            Pane::List | Pane::Detail => self.cited_place()?,
        };
        self.cite_part(entry, part)
    }

    /// The citation of part `part` of entry `entry` (0 for the entry itself).
    pub(super) fn cite_part(&self, entry: usize, part: usize) -> Option<String> {
        cite(&self.corpus, entry, part)
    }
}
