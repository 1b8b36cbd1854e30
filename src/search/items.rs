//! The items a search finds (entries, treaties' parts, events), their fields, and how a hit
//! is named and shown in a list of results.

use std::borrow::Cow;

use super::{Field, Hit, Item, Matcher, Snippet, snippet};
use crate::model::{Corpus, Kind};

/// The fields an item has, in order.
pub(super) fn fields(corpus: &Corpus, item: Item) -> impl Iterator<Item = Field> + use<> {
    type Numbered = (usize, fn(u32) -> Field);
    // The first field; aliases or texts; the summary or an event's text; bodies; sources
    // or notes; and whether a signature line ends them.
    let (first, many, middle, bodies, last, signed): (Field, Numbered, Option<Field>, usize, Numbered, bool) =
        match item {
            Item::Entry(e) => {
                let entry = &corpus.entries[e];
                let sources = entry.sources.len() + entry.published.len();
                let (aliases, body) = (entry.aliases.len(), entry.body.len());
                (
                    Field::Title,
                    (aliases, Field::Alias),
                    Some(Field::Summary),
                    body,
                    (sources, Field::Source),
                    entry.signing.is_some(),
                )
            }
            Item::Clause(e, part) => {
                let clause = &corpus.entries[e].clauses[part - 1];
                (Field::Heading, (clause.text.len(), Field::Text), None, 0, (clause.notes.len(), Field::Note), false)
            }
            Item::Event(_) => {
                (Field::EventTitle, (0, Field::Alias), Some(Field::EventText), 0, (0, Field::Note), false)
            }
        };
    std::iter::once(first)
        .chain((0..many.0 as u32).map(many.1))
        .chain(middle)
        .chain((0..bodies as u32).map(Field::Body))
        .chain((0..last.0 as u32).map(last.1))
        .chain(signed.then_some(Field::Signature))
}

/// The original text of `field` of `item`.
pub fn field_text(corpus: &Corpus, item: Item, field: Field) -> Cow<'_, str> {
    let entry = |e: usize| &corpus.entries[e];
    match (item, field) {
        (Item::Entry(e), Field::Title) => Cow::Borrowed(&entry(e).title),
        (Item::Entry(e), Field::Alias(k)) => Cow::Borrowed(&entry(e).aliases[k as usize]),
        (Item::Entry(e), Field::Summary) => Cow::Borrowed(&entry(e).summary.plain),
        (Item::Entry(e), Field::Body(p)) => Cow::Borrowed(&entry(e).body[p as usize].plain),
        (Item::Entry(e), Field::Source(k)) => {
            let (entry, k) = (entry(e), k as usize);
            Cow::Borrowed(entry.sources.get(k).unwrap_or_else(|| &entry.published[k - entry.sources.len()]))
        }
        (Item::Entry(e), Field::Signature) => Cow::Owned(corpus.signature_line(e).unwrap_or_default()),
        (Item::Clause(e, part), field) => {
            let clause = &entry(e).clauses[part - 1];
            match field {
                Field::Text(p) => Cow::Borrowed(&clause.text[p as usize].plain),
                Field::Note(p) => Cow::Borrowed(&clause.notes[p as usize].plain),
                _ => {
                    // The divisions that open with this clause are found by their names too.
                    let opened = entry(e).chapters.iter().filter(|c| c.clauses.start as usize == part - 1);
                    let mut heading: Vec<String> = opened.map(|c| format!("{} {}", c.name(), c.title)).collect();
                    heading.push(clause.label.to_string());
                    if !clause.heading.is_empty() {
                        heading.push(clause.heading.to_string());
                    }
                    Cow::Owned(heading.join(" "))
                }
            }
        }
        (Item::Event(v), Field::EventTitle) => Cow::Borrowed(&corpus.events[v].title),
        (Item::Event(v), _) => Cow::Borrowed(&corpus.events[v].text.plain),
        (Item::Entry(e), _) => Cow::Borrowed(&entry(e).title),
    }
}

/// Where a hit matched, as the results list says it: "title", "alias", "article 3"…
pub fn describe_where(corpus: &Corpus, hit: &Hit) -> String {
    let address = match hit.item {
        Item::Clause(e, part) => crate::model::address::format(corpus, e, part),
        _ => String::new(),
    };
    place(corpus, hit, &address)
}

/// Where `hit` matched, given the address of its item.
fn place(corpus: &Corpus, hit: &Hit, address: &str) -> String {
    match (hit.item, hit.field) {
        (Item::Clause(e, part), _) => {
            // By its label, and by its divisions too where the label is not the treaty's only one.
            let entry = &corpus.entries[e];
            let own = entry.clauses[part - 1].label.to_string().to_lowercase();
            let shared = address.contains('/');
            match shared {
                true => {
                    let mut names: Vec<String> =
                        entry.chapters_of(part - 1).iter().map(|c| c.name().to_lowercase()).collect();
                    names.push(own);
                    names.join(" › ")
                }
                false => own,
            }
        }
        (Item::Event(_), _) => "event".into(),
        (_, Field::Title) => "title".into(),
        (_, Field::Alias(_)) => "alias".into(),
        (_, Field::Summary) => "summary".into(),
        (_, Field::Source(_)) => "sources".into(),
        (_, Field::Signature) => "signed".into(),
        _ => "body".into(),
    }
}

/// A hit as a results list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The entry's kind; [`Kind::Event`] for an event of the timeline.
    pub kind: Kind,
    pub title: String,
    /// The address to open: `treaty#3`; for an event, `event#N` (its place in the corpus).
    pub id: String,
    pub place: String,
    pub snippet: Snippet,
}

/// How `hit` reads in a list `width` cells wide, the words `matcher` matched marked.
pub fn show(corpus: &Corpus, hit: &Hit, matcher: &Matcher, width: usize) -> Shown {
    Lister::new(corpus).show(hit, matcher, width)
}

/// Shows hits one after another, finding the addresses of a treaty's parts once for all its
/// hits (a long treaty's addresses take time linear in its parts to find).
pub struct Lister<'a> {
    corpus: &'a Corpus,
    /// The address suffixes of the parts of the treaties shown so far.
    suffixes: rustc_hash::FxHashMap<usize, Vec<String>>,
}

impl<'a> Lister<'a> {
    pub fn new(corpus: &'a Corpus) -> Self {
        Self { corpus, suffixes: Default::default() }
    }

    /// How `hit` reads in a list `width` cells wide, the words `matcher` matched marked.
    pub fn show(&mut self, hit: &Hit, matcher: &Matcher, width: usize) -> Shown {
        let corpus = self.corpus;
        let text = field_text(corpus, hit.item, hit.field);
        let snippet = snippet(&text, &matcher.marks(&text), width);
        match hit.item {
            Item::Entry(e) | Item::Clause(e, _) => {
                let entry = &corpus.entries[e];
                let id = match hit.item {
                    Item::Clause(_, part) => {
                        let suffixes = self.suffixes.entry(e).or_insert_with(|| crate::model::address::suffixes(entry));
                        format!("{}#{}", entry.id, suffixes.get(part - 1).map_or("", String::as_str))
                    }
                    _ => entry.id.to_string(),
                };
                Shown {
                    kind: entry.kind.clone(),
                    title: entry.title.to_string(),
                    place: place(corpus, hit, &id),
                    id,
                    snippet,
                }
            }
            Item::Event(v) => Shown {
                kind: Kind::Event,
                title: corpus.events[v].title.to_string(),
                id: format!("event#{}", v + 1),
                place: format!("event, {}", corpus.events[v].when),
                snippet,
            },
        }
    }
}
