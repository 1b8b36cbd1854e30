//! The items a search finds (entries, treaties' parts, events), their fields, and how a hit
//! is named and shown in a list of results.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::snippet::matched_snippet;
use super::{Field, Hit, Item, Matcher, Snippet};
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
                    // The divisions stand in the order they open, so those that open here
                    // are found by halving rather than by reading every one.
                    let chapters = &entry(e).chapters;
                    let from = chapters.partition_point(|c| (c.clauses.start as usize) < part - 1);
                    let opened = chapters[from..].iter().take_while(|c| c.clauses.start as usize == part - 1);
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
    match hit.item {
        Item::Clause(e, part) => clause_place(corpus, e, part, &crate::model::address::format(corpus, e, part)),
        Item::Event(_) => "event".into(),
        Item::Entry(_) => entry_place(hit.field).into(),
    }
}

/// Where in a treaty its part `part` is, given the part's address: by its label, and by its
/// divisions too where the label is not the treaty's only one.
fn clause_place(corpus: &Corpus, e: usize, part: usize, address: &str) -> String {
    let entry = &corpus.entries[e];
    let own = entry.clauses[part - 1].label.to_string().to_lowercase();
    if address.contains('/') {
        let mut names: Vec<String> = entry.chapters_of(part - 1).iter().map(|c| c.name().to_lowercase()).collect();
        names.push(own);
        names.join(" › ")
    } else {
        own
    }
}

/// Which field of an entry matched.
fn entry_place(field: Field) -> &'static str {
    match field {
        Field::Title => "title",
        Field::Alias(_) => "alias",
        Field::Summary => "summary",
        Field::Source(_) => "sources",
        Field::Signature => "signed",
        _ => "body",
    }
}

/// A hit as a results list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownHit {
    /// The entry's kind; [`Kind::Event`] for an event of the timeline.
    pub kind: Kind,
    pub title: String,
    /// The address to open: `treaty#3`; for an event, `event#N` (its place in the corpus).
    pub id: String,
    pub place: String,
    pub snippet: Snippet,
}

/// How `hit` reads in a list `width` cells wide, the words `matcher` matched marked.
pub fn show(corpus: &Corpus, hit: &Hit, matcher: &Matcher, width: usize) -> ShownHit {
    Lister::new(corpus).show(hit, matcher, width)
}

/// Shows hits one after another, finding the addresses of a treaty's parts once for all its
/// hits (a long treaty's addresses take time linear in its parts to find).
pub struct Lister<'a> {
    corpus: &'a Corpus,
    /// The address suffixes of the parts of the treaties shown so far.
    suffixes: hashbrown::HashMap<usize, Vec<String>>,
}

impl<'a> Lister<'a> {
    pub fn new(corpus: &'a Corpus) -> Self {
        Self { corpus, suffixes: Default::default() }
    }

    /// How `hit` reads in a list `width` cells wide, the words `matcher` matched marked.
    pub fn show(&mut self, hit: &Hit, matcher: &Matcher, width: usize) -> ShownHit {
        let text = field_text(self.corpus, hit.item, hit.field);
        self.label(hit.item).show(hit, &text, matcher, width)
    }

    /// What `item` is named by in a list of results.
    pub fn label(&mut self, item: Item) -> Label {
        let corpus = self.corpus;
        match item {
            Item::Entry(e) | Item::Clause(e, _) => {
                let entry = &corpus.entries[e];
                let (id, place) = match item {
                    Item::Clause(_, part) => {
                        let suffixes = self.suffixes.entry(e).or_insert_with(|| crate::model::address::suffixes(entry));
                        let id = format!("{}#{}", entry.id, suffixes.get(part - 1).map_or("", String::as_str));
                        let place = clause_place(corpus, e, part, &id);
                        (id, Some(place))
                    }
                    _ => (entry.id.to_string(), None),
                };
                Label { kind: entry.kind.clone(), title: entry.title.to_string(), id, place }
            }
            Item::Event(v) => Label {
                kind: Kind::Event,
                title: corpus.events[v].title.to_string(),
                id: format!("event#{}", v + 1),
                place: Some(format!("event, {}", corpus.events[v].when)),
            },
        }
    }
}

/// What a results list names an item by, whichever of its fields matched: for `search` to
/// show hits without the corpus, it is kept beside the search index (and read back as
/// `Label<&str>`, borrowing what was read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label<S = String> {
    kind: Kind,
    title: S,
    id: S,
    /// Where in the entry, for a treaty's part or an event; for an entry, the field says.
    place: Option<S>,
}

impl<S: AsRef<str>> Label<S> {
    pub fn kind(&self) -> &Kind {
        &self.kind
    }

    pub fn title(&self) -> &str {
        self.title.as_ref()
    }

    pub fn id(&self) -> &str {
        self.id.as_ref()
    }

    /// Where in the item `hit` matched: "title", "article 3", "event, 1939-10-05"…
    pub fn place(&self, hit: &Hit) -> &str {
        self.place.as_ref().map_or_else(|| entry_place(hit.field), AsRef::as_ref)
    }

    /// The label as its own.
    #[cfg(test)]
    pub fn owned(&self) -> Label {
        Label {
            kind: self.kind.clone(),
            title: self.title().into(),
            id: self.id().into(),
            place: self.place.as_ref().map(|p| p.as_ref().into()),
        }
    }
}

impl Label {
    /// How `hit` on this item reads in a list `width` cells wide, `text` being the field that
    /// matched and the words `matcher` matched marked.
    pub fn show(self, hit: &Hit, text: &str, matcher: &Matcher, width: usize) -> ShownHit {
        let snippet = matched_snippet(text, matcher, width);
        let place = self.place.unwrap_or_else(|| entry_place(hit.field).into());
        ShownHit { kind: self.kind, title: self.title, id: self.id, place, snippet }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_is_found_by_the_names_of_every_division_that_opens_with_it_and_no_other() {
        let corpus = crate::read::load_str(
            r#"Corpus(title: "T", entries: [Entry(id: "t", title: "T", kind: Treaty, summary: "s", chapters: [
                Chapter(label: "I", title: "General", division: "Part", chapters: [
                    Chapter(label: "1", title: "Scope", chapters: [
                        Chapter(label: "A", title: "Terms", division: "Section", articles: [
                            Article(label: "1.1", heading: "Aim", text: ["a"]),
                            Article(label: "1.2", text: ["b"]),
                        ]),
                    ]),
                    Chapter(label: "2", title: "Trade", articles: [Article(label: "2.1", text: ["c"])]),
                ]),
            ])])"#,
        )
        .unwrap();
        let heading = |part| field_text(&corpus, Item::Clause(0, part), Field::Heading).into_owned();
        assert_eq!(heading(1), "Part I General Chapter 1 Scope Section A Terms Article 1.1 Aim");
        assert_eq!(heading(2), "Article 1.2");
        assert_eq!(heading(3), "Chapter 2 Trade Article 2.1");
    }
}
