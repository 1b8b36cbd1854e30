//! One search engine for the explorer and the `search` command: every query word must match
//! a word of an item (an entry, a treaty's clause, an event), accent- and case-blind, the
//! word being typed as a prefix, and with typos when it matches no word as typed; hits are
//! ranked by relevance (see [`index`]).

mod bytes;
mod finishing;
pub mod fold;
mod group;
pub mod index;
mod items;
mod near;
mod postings;
mod query;
mod snippet;
mod tally;

pub use bytes::{Bytes, Table};
pub use group::Groups;
pub use index::{Found, Index, RUNS, Scope};
pub use items::{Label, Lister, ShownHit, describe_where, field_text, show};
pub use query::{CLAUSES, How, Matcher, QueryTerm, parse, words};
pub use snippet::{Snippet, matched_snippet, matched_text, snippet};

/// What a hit leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    Entry(usize),
    /// A treaty's part: the entry, and the part (1 for its first clause).
    Clause(usize, usize),
    Event(usize),
}

/// Which text of an item matched (numbers count from 0 within the item, kept small as the
/// index holds one for every field of the corpus).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Alias(u32),
    Summary,
    Body(u32),
    /// A source or a publication of the entry.
    Source(u32),
    /// A clause's label and heading ("Article 3 Bases").
    Heading,
    Text(u32),
    Note(u32),
    EventTitle,
    EventText,
    /// A treaty's signature line: where, by whom and for whom it was signed.
    Signature,
}

impl Field {
    /// How much a match in this field counts: title 5, alias and a part's heading 4,
    /// summary 3, a part's text and events 2, bodies, sources and signatures 1.
    pub fn weight(self) -> f32 {
        match self {
            Self::Title => 5.0,
            Self::Alias(_) | Self::Heading => 4.0,
            Self::Summary => 3.0,
            Self::Text(_) | Self::Note(_) | Self::EventTitle | Self::EventText => 2.0,
            Self::Body(_) | Self::Source(_) | Self::Signature => 1.0,
        }
    }

    /// Whether it names its item: titles and aliases, searched from the first letter typed.
    pub fn is_name(self) -> bool {
        matches!(self, Self::Title | Self::Alias(_))
    }
}

/// Whether an item's name holds every word of a query: such items rank first, those whose
/// title or an alias does, then those whose heading does (or heading and title together),
/// whatever they score (the treaty named by the words comes before its articles, an
/// article headed by them before one that mentions them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Named {
    Title = 0,
    Heading = 1,
    Not = 2,
}

/// A search result: the item, the field that matched best (for its snippet), and how well.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub item: Item,
    pub field: Field,
    /// The relevance score, in thousandths: higher is better.
    pub score: u32,
    /// Whether a query word matched only with typos.
    pub typo: bool,
    /// Whether its name holds every word, which ranks it before those that score more.
    pub named: Named,
    /// The number of the field among the fields of the index that found it.
    pub span: u32,
}

impl Hit {
    /// The relevance score.
    pub fn relevance(&self) -> f64 {
        f64::from(self.score) / 1000.0
    }
}

/// An item in 8 bytes: (entry, part), part 0 being the entry itself, or (EVENT, event).
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
struct Slot(u32, u32);

impl Slot {
    const EVENT: u32 = u32::MAX;
}

impl From<Item> for Slot {
    fn from(item: Item) -> Self {
        match item {
            Item::Entry(e) => Slot(e as u32, 0),
            Item::Clause(e, part) => Slot(e as u32, part as u32),
            Item::Event(v) => Slot(Slot::EVENT, v as u32),
        }
    }
}

impl From<Slot> for Item {
    fn from(Slot(e, part): Slot) -> Self {
        match (e, part) {
            (Slot::EVENT, v) => Item::Event(v as usize),
            (e, 0) => Item::Entry(e as usize),
            (e, part) => Item::Clause(e as usize, part as usize),
        }
    }
}

/// One field of one item, in 8 bytes (the index holds one for every field of the corpus).
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
struct Span {
    item: u32,
    /// The field: its kind in the top 4 bits, its number below.
    field: u32,
}

impl Span {
    const NUMBER: u32 = (1 << 28) - 1;
    /// How many kinds of field there are.
    const KINDS: usize = 11;

    fn new(item: u32, field: Field) -> Self {
        let (kind, n) = match field {
            Field::Title => (0, 0),
            Field::Alias(n) => (1, n),
            Field::Summary => (2, 0),
            Field::Body(n) => (3, n),
            Field::Source(n) => (4, n),
            Field::Heading => (5, 0),
            Field::Text(n) => (6, n),
            Field::Note(n) => (7, n),
            Field::EventTitle => (8, 0),
            Field::EventText => (9, 0),
            Field::Signature => (10, 0),
        };
        Self { item, field: kind << 28 | n.min(Self::NUMBER) }
    }

    fn kind(&self) -> usize {
        (self.field >> 28) as usize
    }

    fn field(&self) -> Field {
        let n = self.field & Self::NUMBER;
        match self.kind() {
            0 => Field::Title,
            1 => Field::Alias(n),
            2 => Field::Summary,
            3 => Field::Body(n),
            4 => Field::Source(n),
            5 => Field::Heading,
            6 => Field::Text(n),
            7 => Field::Note(n),
            8 => Field::EventTitle,
            9 => Field::EventText,
            _ => Field::Signature,
        }
    }
}

/// From this many bytes of postings, a search takes long enough (some milliseconds) for the
/// explorer to run it between keys rather than within one.
pub const ASIDE_FROM: usize = 8 << 20;

/// How many characters a query word needs before text other than names is searched.
pub const FULL_TEXT_FROM: usize = 3;

/// The longest query, in characters: the prompt takes no more, longer saved searches are
/// cut to it, and `search` refuses a longer one. Ample for a quoted sentence, and a bound
/// on the work a pasted page could cause.
pub const QUERY_MAX: usize = 2000;

/// Cuts `query` to [`QUERY_MAX`] characters; whether it was longer.
pub fn cut_query(query: &mut String) -> bool {
    match query.char_indices().nth(QUERY_MAX) {
        Some((end, _)) => {
            query.truncate(end);
            true
        }
        None => false,
    }
}

/// How many typos a query word of `chars` characters may have.
pub fn typos_allowed(chars: usize) -> u32 {
    match chars {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

/// The byte ranges of `text` holding words that `query` matches as written (no typos).
pub fn highlights(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    Matcher::of(query).marks(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_and_fields_are_kept_small_and_read_back_as_they_were() {
        for item in [Item::Entry(0), Item::Entry(99_999), Item::Clause(7, 1), Item::Clause(99_999, 21), Item::Event(0)]
        {
            assert_eq!(Item::from(Slot::from(item)), item);
        }
        let fields = [Field::Title, Field::Summary, Field::Heading, Field::EventTitle, Field::EventText];
        let numbered = [Field::Alias, Field::Body, Field::Source, Field::Text, Field::Note];
        let all = fields.into_iter().chain(numbered.iter().flat_map(|f| [f(0), f(1), f(Span::NUMBER)]));
        for field in all {
            let span = Span::new(42, field);
            assert_eq!((span.item, span.field()), (42, field));
            assert!(span.kind() < Span::KINDS);
        }
        assert_eq!(size_of::<Span>() + size_of::<Slot>(), 16);
    }

    #[test]
    fn typos_allowed_grow_with_the_word() {
        assert_eq!([3, 4, 6, 7, 20].map(typos_allowed), [0, 1, 1, 2, 2]);
    }
}
