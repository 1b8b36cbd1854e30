//! Marks: places the reader names with a letter (`m` and the letter) and returns to (`'`
//! and the letter), kept for the corpus from one run to the next; `''` returns to the place
//! before the last jump, as in less and vim.

use std::collections::BTreeMap;

use super::{App, Marking, Overlay, Page, Spot};
pub use crate::keep::state::MarkedSpot;
use crate::model::address;
use crate::text::sanitize;

/// The marks set, by their letters. Only this module changes them.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    set: BTreeMap<char, MarkedSpot>,
}

impl Marks {
    /// The marks kept from an earlier run; any key that is not a letter is left out.
    pub fn restored(set: BTreeMap<char, MarkedSpot>) -> Self {
        Self { set: set.into_iter().filter(|(letter, _)| letter.is_ascii_alphabetic()).collect() }
    }

    /// The marks set, by their letters, to keep for the next run.
    pub fn saved(&self) -> &BTreeMap<char, MarkedSpot> {
        &self.set
    }
}

impl App {
    /// The marks set.
    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    /// `m` or `'`: the next key names the mark.
    pub(super) fn start_marking(&mut self, marking: Marking) {
        self.overlay = Some(Overlay::Marking(marking));
        self.notice = Some(match marking {
            Marking::Set => "mark: a letter names this place (Esc: none)".into(),
            Marking::Return => "return to: the mark's letter, or ' for the place before the last jump".into(),
        });
    }

    /// The marks set, as the help lists them: the letter, the address, and what it names.
    pub fn marks_listed(&self) -> Vec<String> {
        let named = |open: &str| {
            let (entry, part) = address::parse(&self.corpus, open).ok()?;
            let entry = self.corpus.entries.get(entry)?;
            Some(match entry.part(part) {
                Some(_) => format!("{} › {}", entry.title, entry.location(part)),
                None => entry.title.to_string(),
            })
        };
        // The address as the state file gave it: shown only through the filter.
        let line = |(letter, mark): (&char, &MarkedSpot)| match named(&mark.open) {
            Some(name) => format!("{letter}  {}  {}", sanitize(&mark.open), sanitize(&name)),
            None => format!("{letter}  {}  (no longer in the corpus)", sanitize(&mark.open)),
        };
        self.marks.set.iter().map(line).collect()
    }

    /// What the key after `m` or `'` is waited for to do, while it is.
    pub(super) fn marking(&self) -> Option<Marking> {
        match self.overlay {
            Some(Overlay::Marking(marking)) => Some(marking),
            _ => None,
        }
    }

    /// The key after `m` or `'`.
    pub(super) fn mark_key(&mut self, marking: Marking, key: char) {
        self.overlay = None;
        match (marking, key) {
            (Marking::Set, letter) if letter.is_ascii_alphabetic() => {
                let spot = self.reader.spot();
                let Some(open) = address::of(&self.corpus, spot.page.entry, spot.page.part) else {
                    self.notice = Some("nothing here to mark".into());
                    return;
                };
                self.notice = Some(format!("mark {letter}: {open}"));
                self.marks.set.insert(letter, MarkedSpot { open, scroll: spot.scroll });
            }
            (Marking::Return, '\'' | '`') => match self.reader.before_jump() {
                Some(spot) => self.jump(spot),
                None => self.notice = Some("no jump yet to return from".into()),
            },
            (Marking::Return, letter) if letter.is_ascii_alphabetic() => {
                let Some(mark) = self.marks.set.get(&letter) else {
                    self.notice = Some(format!("no mark {letter}: m and a letter set one"));
                    return;
                };
                match address::parse(&self.corpus, &mark.open) {
                    Ok((entry, part)) => {
                        self.jump(Spot { page: Page { entry, part }, scroll: mark.scroll, link: None })
                    }
                    Err(_) => self.notice = Some(format!("mark {letter}: {} is no longer in the corpus", mark.open)),
                }
            }
            _ => self.notice = Some("marks are letters, a to z and A to Z".into()),
        }
    }

    /// Goes to `spot` as a jump: the place left goes into the history.
    fn jump(&mut self, spot: Spot) {
        if spot.page != self.reader.spot().page {
            self.reader.visit(spot.page);
        }
        self.go(spot);
    }
}
