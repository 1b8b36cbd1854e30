//! The corpus as the explorer holds it: entries with their clauses, and the timeline, every
//! link resolved. It knows nothing of files, checking, searching or drawing.

pub mod address;
pub mod date;
mod edition;
pub(crate) mod ids;
pub mod iso;
mod lists;
mod utf8;

use hashbrown::HashTable;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

pub use date::{Date, When};
pub use edition::{Series, Wording};
pub use lists::Lists;

/// A short string: an id, a title, a heading, a citation. One of up to 24 bytes is held
/// in place, without an allocation of its own (a corpus holds hundreds of thousands).
pub type Name = compact_str::CompactString;

/// A whole corpus as the explorer reads it. Made only by [`Corpus::new`], from parts whose
/// indexes are sound (a checked file, or a kept copy found sound).
#[derive(Debug)]
pub struct Corpus {
    pub title: Name,
    pub description: Text,
    pub sources: Vec<Name>,
    /// What the clause texts are, for every entry that does not say.
    pub text: Option<Wording>,
    pub entries: Vec<Entry>,
    /// In the order written; [`Corpus::chronology`] orders them by date.
    pub events: Vec<Event>,
    /// For each entry, the entries whose text links to it, in corpus order.
    pub linked_from: Lists,
    /// Every event's index, by start date; events on the same day stay in corpus order.
    pub chronology: Vec<usize>,
    /// For each entry, the events that concern it, by date.
    pub events_of: Lists,
    /// Entry numbers, found by the hash of their ids.
    by_id: HashTable<usize>,
    /// Each entry's addresses, made the first time one is asked for.
    addresses: Box<[OnceLock<Box<address::Addresses>>]>,
}

/// The parts of a corpus, as a reader has them.
pub struct Parts {
    pub title: Name,
    pub description: Text,
    pub sources: Vec<Name>,
    pub text: Option<Wording>,
    pub entries: Vec<Entry>,
    pub events: Vec<Event>,
    pub linked_from: Lists,
    pub chronology: Vec<usize>,
    pub events_of: Lists,
}

impl Corpus {
    /// Entry `entry`'s signature line, as runs of words, each naming the entry it links to
    /// if it does: "Signed in Moscow on 5 October 1939 by Vilhelms Munters (Latvia) and
    /// Vyacheslav Molotov (Soviet Union)". Signatories stand with the parties in the same
    /// order when there are as many of each; otherwise the parties follow ("between…").
    pub fn signature(&self, entry: usize) -> Option<Vec<(String, Option<usize>)>> {
        let entry = self.entries.get(entry)?;
        let signing = entry.signing.as_deref()?;
        let title = |e: usize| (self.entries.get(e).map_or_else(String::new, |e| e.title.to_string()), Some(e));
        let mut runs: Vec<(String, Option<usize>)> = vec![("Signed".into(), None)];
        let plain = |text: String| (text, None);
        if let Some(at) = &signing.at {
            runs.push(plain(format!(" in {at}")));
        }
        if let Some(dates) = entry.dates {
            runs.push(plain(format!(" on {}", dates.start)));
        }
        /// ", " between names and " and " before the last.
        fn joined(names: Vec<Vec<(String, Option<usize>)>>) -> Vec<(String, Option<usize>)> {
            let count = names.len();
            let mut runs = Vec::new();
            for (i, name) in names.into_iter().enumerate() {
                if i > 0 {
                    runs.push((if i + 1 == count { " and " } else { ", " }.to_string(), None));
                }
                runs.extend(name);
            }
            runs
        }
        let (parties, signatories) = (&signing.parties, &signing.signatories);
        if !signatories.is_empty() && parties.len() == signatories.len() {
            runs.push(plain(" by ".into()));
            let pairs = signatories.iter().zip(parties.iter());
            runs.extend(joined(
                pairs.map(|(&s, &p)| vec![title(s), plain(" (".into()), title(p), plain(")".into())]).collect(),
            ));
        } else {
            if !signatories.is_empty() {
                runs.push(plain(" by ".into()));
                runs.extend(joined(signatories.iter().map(|&s| vec![title(s)]).collect()));
            }
            if !parties.is_empty() {
                runs.push(plain(if parties.len() == 1 { " for " } else { " between " }.into()));
                runs.extend(joined(parties.iter().map(|&p| vec![title(p)]).collect()));
            }
        }
        Some(runs)
    }

    /// Entry `entry`'s signature line as plain text (see [`Corpus::signature`]).
    pub fn signature_line(&self, entry: usize) -> Option<String> {
        Some(self.signature(entry)?.into_iter().map(|(words, _)| words).collect())
    }

    /// The versions of entry `entry` in other languages, with itself: the original first,
    /// then its translations in corpus order; none when it has no other.
    pub fn versions(&self, entry: usize) -> Vec<usize> {
        let Some(e) = self.entries.get(entry) else { return Vec::new() };
        let original = e.translation_of.unwrap_or(entry);
        let translations = self.linked_from.get(original).unwrap_or_default().iter().copied();
        let mut versions: Vec<usize> =
            translations.filter(|&t| self.entries.get(t).is_some_and(|t| t.translation_of == Some(original))).collect();
        if versions.is_empty() {
            return versions;
        }
        versions.insert(0, original);
        versions.dedup();
        versions
    }

    /// The corpus made of `parts`, its entries found by their ids.
    pub fn new(parts: Parts) -> Self {
        let Parts { title, description, sources, text, entries, events, linked_from, chronology, events_of } = parts;
        let by_id = ids::table(entries.len(), |i| &entries[i].id);
        let addresses = entries.iter().map(|_| OnceLock::new()).collect();
        Self {
            title,
            description,
            sources,
            text,
            entries,
            events,
            linked_from,
            chronology,
            events_of,
            by_id,
            addresses,
        }
    }

    /// The addresses of entry `entry`'s parts, made in time linear in its parts the first
    /// time they are asked for, and kept.
    pub fn addresses(&self, entry: usize) -> Option<&address::Addresses> {
        let made = self.addresses.get(entry)?.get_or_init(|| Box::new(address::Addresses::new(&self.entries[entry])));
        Some(made)
    }

    /// What entry `entry`'s clause texts are: as the entry says, else as the corpus says;
    /// none for an entry without clauses.
    pub fn wording(&self, entry: usize) -> Option<Wording> {
        let e = self.entries.get(entry)?;
        if e.clauses.is_empty() { None } else { e.text.or(self.text) }
    }

    /// The index of the entry with `id`.
    pub fn find(&self, id: &str) -> Option<usize> {
        ids::find(&self.by_id, &self.entries, id)
    }
}

/// One article of the encyclopedia: a treaty, a person, a state, an event…
#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub id: Name,
    pub title: Name,
    pub kind: Kind,
    pub aliases: Box<[Name]>,
    /// One line: the glossary blurb.
    pub summary: Text,
    pub body: Box<[Text]>,
    /// The span the entry covers: a life, a state's existence, a war.
    pub dates: Option<When>,
    /// For a treaty, the day it entered into force.
    pub in_force: Option<Date>,
    pub sources: Box<[Name]>,
    /// Where a treaty's text was published, as a citation.
    pub published: Box<[Name]>,
    /// The treaty series that printed it, by volume and page.
    pub series: Option<Box<Series>>,
    /// What its clause texts are, where the entry says (else the corpus's [`Corpus::text`]).
    pub text: Option<Wording>,
    /// A treaty's preamble, articles (those of its chapters in their places) and annexes,
    /// in that order.
    pub clauses: Box<[Clause]>,
    /// A treaty's divisions (parts, chapters, sections), in the order they open.
    pub chapters: Box<[Chapter]>,
    /// Where, by whom and for whom a treaty was signed.
    pub signing: Option<Box<Signing>>,
    /// The language of the entry's text (`"es"`), where the corpus says.
    pub language: Option<Name>,
    /// The entry this one is a version of, in another language.
    pub translation_of: Option<usize>,
    /// The addresses of their own that the published text gives its articles (Akoma Ntoso
    /// `eId`s), in order, each with the article's place among the clauses.
    pub anchors: Box<[(Name, u32)]>,
}

/// A division of a treaty: a part, a chapter, a section.
#[derive(Debug, Serialize, Deserialize)]
pub struct Chapter {
    pub label: Name,
    pub title: Name,
    /// What the treaty calls it: "Chapter", "Part", "Section".
    pub division: Name,
    /// The division it stands in, by its place among the entry's chapters.
    pub parent: Option<u32>,
    /// The entry's clauses it holds, those of its own divisions included.
    pub clauses: Range<u32>,
}

impl Chapter {
    /// "Chapter 30".
    pub fn name(&self) -> String {
        format!("{} {}", self.division, self.label)
    }

    /// "Chapter 30 — Final Provisions", or its name alone when it has no title.
    pub fn full_name(&self) -> String {
        match self.title.as_str() {
            "" => self.name(),
            title => format!("{} — {title}", self.name()),
        }
    }
}

/// Where, by whom and for whom a treaty was signed.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Signing {
    pub at: Option<Name>,
    /// The states (or organisations) that are party to it.
    pub parties: Box<[usize]>,
    /// The people who signed it, for the parties in the same order.
    pub signatories: Box<[usize]>,
}

/// A part of a treaty's text.
#[derive(Debug, Serialize, Deserialize)]
pub struct Clause {
    pub label: ClauseLabel,
    /// The innermost division it stands in, by its place among the entry's chapters.
    pub chapter: Option<u32>,
    pub heading: Name,
    pub text: Box<[Text]>,
    /// The list level of each paragraph of `text`, 0 for one that is no list item; empty when
    /// none is.
    pub levels: Box<[u8]>,
    /// Remarks on the clause, such as where sources disagree.
    pub notes: Box<[Text]>,
    /// Entries the clause concerns, besides those linked inline.
    pub links: Box<[usize]>,
    /// The addresses of its counterparts in other treaties (`soviet-estonian-treaty#3`),
    /// each found to lead to an article or annex when the corpus was read.
    pub parallels: Box<[Name]>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClauseLabel {
    Preamble,
    /// An article, by its label as printed: "3", "30.8", "IV", "25 bis".
    Article(Name),
    Annex(String),
}

/// "Preamble", "Article 30.8", or an annex's own title.
impl fmt::Display for ClauseLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Preamble => f.write_str("Preamble"),
            Self::Article(label) => write!(f, "Article {label}"),
            Self::Annex(title) => f.write_str(title),
        }
    }
}

impl Clause {
    /// The list level of paragraph `k` (0 for one that is no list item).
    pub fn level(&self, k: usize) -> u8 {
        self.levels.get(k).copied().unwrap_or(0)
    }

    /// "Article 30.8 — Final Provisions", or the label alone when there is no heading.
    pub fn full_name(&self) -> String {
        match self.heading.as_str() {
            "" => self.label.to_string(),
            heading => format!("{} — {heading}", self.label),
        }
    }
}

/// A dated event on the timeline.
#[derive(Debug, Serialize, Deserialize)]
pub struct Event {
    pub when: When,
    pub title: Name,
    pub text: Text,
    /// The entries the event concerns.
    pub concerns: Box<[usize]>,
}

/// Text with inline links resolved: the words a reader sees, and which of them link where.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    #[serde(deserialize_with = "utf8::boxed_str")]
    pub plain: Box<str>,
    pub links: Box<[Link]>,
}

impl Text {
    /// The text in runs: plain words (`None`) and linked words (the linked entry), in order.
    pub fn runs(&self) -> Vec<(&str, Option<usize>)> {
        let mut runs = Vec::with_capacity(self.links.len() * 2 + 1);
        let mut at = 0;
        for link in &self.links {
            let range = link.range();
            let (Some(before), Some(words)) = (self.plain.get(at..range.start), self.plain.get(range.clone())) else {
                continue;
            };
            if !before.is_empty() {
                runs.push((before, None));
            }
            runs.push((words, Some(link.target())));
            at = range.end;
        }
        match self.plain.get(at..) {
            Some(rest) if !rest.is_empty() => runs.push((rest, None)),
            _ => {}
        }
        runs
    }
}

/// Which words of a text link to which entry, in 12 bytes (a corpus holds hundreds of
/// thousands; a corpus file is far smaller than 4 GB).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    start: u32,
    end: u32,
    target: u32,
}

impl Link {
    /// Words at `range` of [`Text::plain`] linking to entry `target`.
    pub fn new(range: Range<usize>, target: usize) -> Self {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self { start: small(range.start), end: small(range.end), target: small(target) }
    }

    /// The linked words, as a byte range of [`Text::plain`].
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The index of the linked entry.
    pub fn target(&self) -> usize {
        self.target as usize
    }
}

/// What an entry is about. `Other("battle")` names any kind not listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Treaty,
    Person,
    State,
    #[serde(alias = "Organization")]
    Organisation,
    Event,
    Concept,
    Place,
    Document,
    Other(String),
}

impl Entry {
    /// Where it was published: its treaty series ("League of Nations Treaty Series, vol.
    /// 198, p. 385") first, then the rest as written.
    pub fn publications(&self) -> Vec<Name> {
        self.series.iter().map(|s| Name::from(s.to_string())).chain(self.published.iter().cloned()).collect()
    }

    /// The clause whose article the published text gives the anchor `anchor` (an Akoma
    /// Ntoso `eId`), by its place among the clauses.
    pub fn anchored(&self, anchor: &str) -> Option<usize> {
        let k = self.anchors.binary_search_by(|(name, _)| name.as_str().cmp(anchor)).ok()?;
        Some(self.anchors[k].1 as usize)
    }

    /// The clause shown as part `part` of the entry's page (part 0 is the overview, and has
    /// none; part 1 is its first clause).
    pub fn part(&self, part: usize) -> Option<&Clause> {
        self.clauses.get(part.checked_sub(1)?)
    }

    /// Division `chapter` and the divisions that hold it, the innermost first.
    pub fn holding(&self, chapter: Option<u32>) -> impl Iterator<Item = u32> + '_ {
        let known = move |c: &u32| (*c as usize) < self.chapters.len();
        // A division stands in one that opens before it, so the walk always ends.
        std::iter::successors(chapter.filter(known), move |&c| self.chapters[c as usize].parent.filter(|&p| p < c))
    }

    /// The divisions that hold clause `k`, the outermost first.
    pub fn chapters_of(&self, k: usize) -> Vec<&Chapter> {
        let mut path: Vec<&Chapter> =
            self.holding(self.clauses.get(k).and_then(|c| c.chapter)).map(|c| &self.chapters[c as usize]).collect();
        path.reverse();
        path
    }

    /// Where part `part` of the entry's page stands, as the status line says it: "Chapter 30
    /// › Article 30.8 — Final Provisions"; the entry's title for the overview.
    pub fn location(&self, part: usize) -> String {
        let Some(clause) = self.part(part) else { return self.title.to_string() };
        let mut names: Vec<String> = self.chapters_of(part - 1).iter().map(|c| c.name()).collect();
        names.push(clause.full_name());
        names.join(" › ")
    }

    /// What the entry is and when, as one line: "treaty · 5 October 1939".
    pub fn kind_and_dates(&self) -> String {
        let mut said = match self.dates {
            Some(dates) => format!("{} · {dates}", self.kind.name()),
            None => self.kind.name().to_string(),
        };
        if let Some(in_force) = self.in_force {
            said.push_str(&format!(" · in force {in_force}"));
        }
        said
    }

    /// Every text of the entry that may hold links: summary, body, and its clauses' text
    /// and notes.
    pub fn texts(&self) -> impl Iterator<Item = &Text> + '_ {
        std::iter::once(&self.summary)
            .chain(&self.body)
            .chain(self.clauses.iter().flat_map(|c| c.text.iter().chain(&c.notes)))
    }

    /// Every entry this one links to, inline, through a clause's links, its signature block
    /// or the version it translates, in the order written (an entry linked twice is given
    /// twice).
    pub fn targets(&self) -> impl Iterator<Item = usize> + '_ {
        let signing = self.signing.iter().flat_map(|s| s.parties.iter().chain(&s.signatories).copied());
        self.texts()
            .flat_map(|t| t.links.iter().map(Link::target))
            .chain(self.clauses.iter().flat_map(|c| c.links.iter().copied()))
            .chain(signing)
            .chain(self.translation_of)
    }
}

impl Kind {
    /// A short lower-case name: "treaty", "person", or an `Other` kind's own name.
    pub fn name(&self) -> &str {
        match self {
            Self::Treaty => "treaty",
            Self::Person => "person",
            Self::State => "state",
            Self::Organisation => "organisation",
            Self::Event => "event",
            Self::Concept => "concept",
            Self::Place => "place",
            Self::Document => "document",
            Self::Other(name) => name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A corpus of 100,000 entries holds hundreds of thousands of each: their sizes are what
    /// keep it near two and a half times its file (see the README's Speed section).
    #[test]
    fn the_pieces_a_corpus_holds_by_the_hundred_thousand_stay_small() {
        assert_eq!(size_of::<Link>(), 12);
        assert_eq!(size_of::<Text>(), 32);
        assert_eq!(size_of::<Name>(), 24);
        assert!(!Name::from("molotov").is_heap_allocated(), "an id of up to 24 bytes is held in place");
        let link = Link::new(3..9, 42);
        assert_eq!((link.range(), link.target()), (3..9, 42));
        assert_eq!(Link::new(0..usize::MAX, 0).range(), 0..u32::MAX as usize, "too far is kept too far, never wrapped");
    }
}
