//! One search engine for the explorer and the `search` command: every query word must match
//! some text of an item (an entry, a treaty's clause, an event), accent- and case-blind;
//! titles and aliases forgive typos; hits are ranked by where and how well they matched.

pub mod fold;
mod haystack;
mod snippet;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use memchr::memmem;

use crate::model::{Corpus, Kind};
use haystack::{Blocks, Found, Haystack, Needle};
pub use snippet::{Snippet, snippet};

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
    /// Titles first, then aliases, summaries, clause and event text, and bodies last.
    pub fn rank(self) -> u8 {
        match self {
            Self::Title => 0,
            Self::Alias(_) => 1,
            Self::Summary => 2,
            Self::Heading | Self::Text(_) | Self::Note(_) | Self::EventTitle | Self::EventText => 3,
            Self::Body(_) | Self::Source(_) | Self::Signature => 4,
        }
    }

    /// Titles and aliases forgive typos; other text matches only as written.
    fn fuzzy(self) -> bool {
        matches!(self, Self::Title | Self::Alias(_))
    }
}

/// A search result: the item, the text that matched worst (which decides the rank), and
/// how well the query matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub item: Item,
    pub field: Field,
    pub rank: u8,
    /// Lower is closer: a whole word beats a word's start, which beats the inside of a
    /// word, which beats a typo.
    pub quality: u8,
}

/// How much of each item a search reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Titles and aliases only.
    Names,
    /// Everything.
    All,
}

/// A corpus's text, folded once, for searching on every keystroke.
#[derive(Debug)]
pub struct Index {
    items: Vec<Slot>,
    spans: Vec<Span>,
    /// Titles and aliases, folded.
    names: Haystack,
    /// Every other text, folded and packed.
    texts: Haystack,
    /// The distinct words of titles and aliases, for matching with typos.
    words: Vec<Word>,
    word_ids: std::collections::HashMap<Box<str>, u32>,
}

/// An item in 8 bytes: (entry, part), part 0 being the entry itself, or (EVENT, event).
#[derive(Clone, Copy, Debug)]
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
#[derive(Debug)]
struct Span {
    item: u32,
    /// The field: its kind in the top 4 bits, its number below.
    field: u32,
}

impl Span {
    const NUMBER: u32 = (1 << 28) - 1;

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

    fn field(&self) -> Field {
        let n = self.field & Self::NUMBER;
        match self.field >> 28 {
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

    fn rank(&self) -> u8 {
        self.field().rank()
    }
}

/// Where the words of earlier searches were found in the text beyond names. A word that
/// holds one of them can be only where it was, so that as a word is typed letter by letter
/// each search reads only the blocks where the last one found something. It holds for the
/// index that made it, and only that one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trail {
    /// Folded words and the blocks they were found in, the latest first.
    words: Vec<(String, Blocks)>,
}

/// How many words a trail keeps.
const TRAIL: usize = 16;

impl Trail {
    /// The fewest blocks folded `word` can be in, if a word it holds was looked for.
    fn within(&self, word: &str) -> Option<&Blocks> {
        let holds = self.words.iter().filter(|(seen, _)| word.contains(seen.as_str()));
        holds.map(|(_, blocks)| blocks).min_by_key(|blocks| blocks.count())
    }

    /// This trail with `words` added, found in `found`.
    fn and(&self, words: &[&str], found: Vec<Blocks>) -> Self {
        let mut next: Vec<(String, Blocks)> = words.iter().map(|w| w.to_string()).zip(found).collect();
        next.extend(self.words.iter().filter(|(seen, _)| !words.contains(&seen.as_str())).cloned());
        next.truncate(TRAIL);
        Self { words: next }
    }
}

#[derive(Debug)]
struct Word {
    text: Box<str>,
    chars: u8,
    /// The title and alias fields the word appears in.
    spans: Vec<u32>,
}

/// From this many bytes of folded text, a search takes long enough (some milliseconds) for
/// the explorer to run it between keys rather than within one.
pub const ASIDE_FROM: usize = 32 << 20;

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

/// How many typos a query word of `chars` characters may have in a title or alias.
fn typos_allowed(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

impl Index {
    /// Folds the whole corpus.
    pub fn new(corpus: &Corpus) -> Self {
        let mut index = Index {
            items: Vec::new(),
            spans: Vec::new(),
            names: Haystack::new(false),
            texts: Haystack::new(true),
            words: Vec::new(),
            word_ids: Default::default(),
        };
        let mut folded = String::new();
        for (e, entry) in corpus.entries.iter().enumerate() {
            index.item(corpus, Item::Entry(e), &mut folded);
            for part in 1..=entry.clauses.len() {
                index.item(corpus, Item::Clause(e, part), &mut folded);
            }
        }
        for v in 0..corpus.events.len() {
            index.item(corpus, Item::Event(v), &mut folded);
        }
        index.names.finish();
        index.texts.finish();
        index
    }

    /// Adds the fields of `item`, folding each into `folded` on the way.
    fn item(&mut self, corpus: &Corpus, item: Item, folded: &mut String) {
        let number = self.items.len() as u32;
        self.items.push(Slot::from(item));
        for field in fields(corpus, item) {
            let span = self.spans.len() as u32;
            self.spans.push(Span::new(number, field));
            folded.clear();
            for c in field_text(corpus, item, field).chars() {
                fold::fold_char(if c == '\n' { ' ' } else { c }, folded);
            }
            if !field.fuzzy() {
                self.texts.push(folded, span);
                continue;
            }
            self.names.push(folded, span);
            for (_, word) in words(folded) {
                let id = *self.word_ids.entry(word.into()).or_insert_with(|| {
                    let chars = word.chars().count().min(255) as u8;
                    self.words.push(Word { text: word.into(), chars, spans: Vec::new() });
                    self.words.len() as u32 - 1
                });
                let spans = &mut self.words[id as usize].spans;
                if spans.last() != Some(&span) {
                    spans.push(span);
                }
            }
        }
    }

    /// How many bytes of folded text a search reads at most.
    pub fn size(&self) -> usize {
        self.names.len() + self.texts.len()
    }

    /// Every item that matches every word of `query`, best first; ties in corpus order.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_in(query, Scope::All)
    }

    /// Like [`Index::search`], reading only what `scope` covers.
    pub fn search_in(&self, query: &str, scope: Scope) -> Vec<Hit> {
        self.search_until(query, scope, &AtomicBool::new(false)).unwrap_or_default()
    }

    /// Like [`Index::search_in`], given up (`None`) as soon as it can once `stop` is set:
    /// for a search whose query has changed while it ran.
    pub fn search_until(&self, query: &str, scope: Scope, stop: &AtomicBool) -> Option<Vec<Hit>> {
        self.search_along(query, scope, stop, &Trail::default()).map(|(hits, _)| hits)
    }

    /// Like [`Index::search_until`], reading only where `trail` (made by earlier searches of
    /// this index) says the query's words can be; with the hits, the trail with this
    /// search's words added.
    pub fn search_along(
        &self,
        query: &str,
        scope: Scope,
        stop: &AtomicBool,
        trail: &Trail,
    ) -> Option<(Vec<Hit>, Trail)> {
        let folded = fold::fold(query);
        let words: Vec<&str> = folded.split_whitespace().collect();
        if words.is_empty() {
            return Some((Vec::new(), trail.clone()));
        }
        // A letter or two says little: until a word has three, only names are read.
        let scope = if words.iter().all(|w| w.chars().count() < FULL_TEXT_FROM) { Scope::Names } else { scope };
        // The text beyond names is read once for all the words, a block at a time.
        let (mut in_texts, trail) = match scope {
            Scope::Names => (vec![Vec::new(); words.len()], trail.clone()),
            Scope::All => {
                let needles: Vec<Needle> = words
                    .iter()
                    .map(|w| Needle { finder: memmem::Finder::new(w.as_bytes()), within: trail.within(w) })
                    .collect();
                let (found, seen) = self.texts.matches(&needles, &self.spans, stop);
                (found, trail.and(&words, seen))
            }
        };
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        // Per item: (rank, summed quality, span of the worst-ranked word), or nothing yet.
        let mut all: Vec<Option<(u8, u8, u32)>> = Vec::new();
        for (n, word) in words.iter().enumerate() {
            let best = self.best_per_item(word, scope, std::mem::take(&mut in_texts[n]));
            if n == 0 {
                all = best;
                continue;
            }
            for (acc, best) in all.iter_mut().zip(best) {
                *acc = match (*acc, best) {
                    (Some((r, q, s)), Some((r2, q2, s2))) => {
                        let (rank, span) = if r2 > r { (r2, s2) } else { (r, s) };
                        Some((rank, q.saturating_add(q2), span))
                    }
                    _ => None,
                };
            }
        }
        // Ordered by (rank, quality), ties in corpus order: the items are counted into their
        // (rank, quality) buckets and then placed, in one pass each, already in corpus order.
        let bucket = |rank: u8, quality: u8| usize::from(rank.min(7)) << 8 | usize::from(quality);
        let mut starts = vec![0usize; 8 << 8];
        for &(rank, quality, _) in all.iter().flatten() {
            starts[bucket(rank, quality)] += 1;
        }
        let mut total = 0;
        for start in &mut starts {
            (*start, total) = (total, total + *start);
        }
        let mut order = vec![0usize; total];
        for (i, &(rank, quality, _)) in all.iter().enumerate().filter_map(|(i, found)| Some((i, found.as_ref()?))) {
            let at = &mut starts[bucket(rank, quality)];
            order[*at] = i;
            *at += 1;
        }
        let hits = order
            .into_iter()
            .map(|i| {
                let (rank, quality, span) = all[i].expect("placed only if found");
                Hit { item: self.items[i].into(), field: self.spans[span as usize].field(), rank, quality }
            })
            .collect();
        Some((hits, trail))
    }

    /// For each item, the best match of one folded query word: (rank, quality, span), given
    /// its matches in the text beyond names.
    fn best_per_item(&self, word: &str, scope: Scope, in_texts: Vec<Found>) -> Vec<Option<(u8, u8, u32)>> {
        let mut best: Vec<Option<(u8, u8, u32)>> = vec![None; self.items.len()];
        let mut take = |(item, rank, quality, span): Found| {
            let slot = &mut best[item as usize];
            if slot.is_none_or(|b| (rank, quality) < (b.0, b.1)) {
                *slot = Some((rank, quality, span));
            }
        };
        let spans = &self.spans;
        let found = |span: u32, quality: u8| {
            let s = &spans[span as usize];
            (s.item, s.rank(), quality, span)
        };
        let chars = word.chars().count();
        if chars < FULL_TEXT_FROM && scope == Scope::Names {
            // A letter or two: the names whose words start with them.
            for w in self.words.iter().filter(|w| w.text.starts_with(word)) {
                let quality = if w.text.len() == word.len() { 0 } else { 1 };
                for &span in &w.spans {
                    take(found(span, quality));
                }
            }
            return best;
        }
        let needle = [Needle { finder: memmem::Finder::new(word.as_bytes()), within: None }];
        let (in_names, _) = self.names.matches(&needle, spans, &AtomicBool::new(false));
        in_names.into_iter().flatten().chain(in_texts).for_each(&mut take);
        let allowed = typos_allowed(chars);
        if allowed > 0 {
            // A typo seldom falls on both of the first two letters.
            let mut head = word.chars();
            let (first, second) = (head.next(), head.next());
            for w in &self.words {
                let mut w_head = w.text.chars();
                let (w_first, w_second) = (w_head.next(), w_head.next());
                if (w.chars as usize + allowed) < chars || (first != w_first && second != w_second) {
                    continue;
                }
                let distance = typo_distance(word, &w.text);
                if distance > 0 && distance <= allowed {
                    for &span in &w.spans {
                        take(found(span, 3 + distance as u8));
                    }
                }
            }
        }
        best
    }
}

/// The typos between a query word and a word of a title: the edit distance to the word,
/// or to its start as long as the query (so that a word being typed matches too).
fn typo_distance(query: &str, word: &str) -> usize {
    let whole = strsim::damerau_levenshtein(query, word);
    let chars = query.chars().count();
    let start: String = word.chars().take(chars).collect();
    whole.min(strsim::damerau_levenshtein(query, &start))
}

/// The words of `text` (runs of letters and digits), with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    text.char_indices().chain(std::iter::once((text.len(), ' '))).filter_map(move |(i, c)| {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            None
        } else {
            start.take().map(|s| (s, &text[s..i]))
        }
    })
}

/// The fields an item has, in order.
fn fields(corpus: &Corpus, item: Item) -> Vec<Field> {
    match item {
        Item::Entry(e) => {
            let entry = &corpus.entries[e];
            let mut fields = vec![Field::Title];
            fields.extend((0..entry.aliases.len() as u32).map(Field::Alias));
            fields.push(Field::Summary);
            fields.extend((0..entry.body.len() as u32).map(Field::Body));
            fields.extend((0..(entry.sources.len() + entry.published.len()) as u32).map(Field::Source));
            if entry.signing.is_some() {
                fields.push(Field::Signature);
            }
            fields
        }
        Item::Clause(e, part) => {
            let clause = &corpus.entries[e].clauses[part - 1];
            let mut fields = vec![Field::Heading];
            fields.extend((0..clause.text.len() as u32).map(Field::Text));
            fields.extend((0..clause.notes.len() as u32).map(Field::Note));
            fields
        }
        Item::Event(_) => vec![Field::EventTitle, Field::EventText],
    }
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
    match (hit.item, hit.field) {
        (Item::Clause(e, part), _) => {
            // By its label, and by its divisions too where the label is not the treaty's only one.
            let entry = &corpus.entries[e];
            let own = entry.clauses[part - 1].label.to_string().to_lowercase();
            let shared = crate::model::address::of(corpus, e, part).is_some_and(|a| a.contains('/'));
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

/// The ranges of `text` that the words of `query` match, as in [`Index::search`]: each
/// occurrence of a word, and in titles and aliases (`fuzzy`) a word within the typos
/// allowed. Sorted, not overlapping, and on character boundaries of `text`.
pub fn highlights(text: &str, query: &str, fuzzy: bool) -> Vec<Range<usize>> {
    let folded = fold::Folded::new(text);
    let query = fold::fold(query);
    let mut ranges = Vec::new();
    for word in query.split_whitespace() {
        let before = ranges.len();
        for at in memmem::find_iter(folded.text.as_bytes(), word.as_bytes()) {
            ranges.push(folded.original_range(at..at + word.len()));
        }
        let allowed = typos_allowed(word.chars().count());
        if fuzzy && ranges.len() == before && allowed > 0 {
            for (at, w) in words(&folded.text) {
                if typo_distance(word, w) <= allowed {
                    ranges.push(folded.original_range(at..at + w.len()));
                }
            }
        }
    }
    ranges.retain(|r| !r.is_empty());
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
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

/// How `hit` of `query` reads in a list `width` cells wide.
pub fn show(corpus: &Corpus, hit: &Hit, query: &str, width: usize) -> Shown {
    let text = field_text(corpus, hit.item, hit.field);
    let marks = highlights(&text, query, hit.field.fuzzy());
    let snippet = snippet(&text, &marks, width);
    let place = describe_where(corpus, hit);
    match hit.item {
        Item::Entry(e) | Item::Clause(e, _) => {
            let part = if let Item::Clause(_, part) = hit.item { part } else { 0 };
            let entry = &corpus.entries[e];
            Shown {
                kind: entry.kind.clone(),
                title: entry.title.to_string(),
                id: crate::model::address::format(corpus, e, part),
                place,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_in_an_article_is_named_by_its_label_and_its_chapters_where_the_label_repeats() {
        let corpus = crate::read::load::load_str(
            r#"Corpus(title: "T", entries: [Entry(id: "code", title: "A code", kind: Treaty, summary: "s", chapters: [
                Chapter(label: "I", articles: [Article(label: "1", text: ["alpha"])]),
                Chapter(label: "II", articles: [Article(label: "1", text: ["beta"]), Article(label: "25 bis", text: ["gamma"])]),
            ])])"#,
        )
        .unwrap();
        let index = Index::new(&corpus);
        let place = |query: &str| describe_where(&corpus, &index.search(query)[0]);
        assert_eq!(place("beta"), "chapter ii › article 1");
        assert_eq!(place("gamma"), "article 25 bis");
    }

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
            assert_eq!((span.item, span.field(), span.rank()), (42, field, field.rank()));
        }
        assert_eq!(size_of::<Span>() + size_of::<Slot>(), 16);
    }

    #[test]
    fn a_stopped_search_gives_nothing_rather_than_too_little() {
        let corpus = crate::read::load::bundled().unwrap();
        let index = Index::new(&corpus);
        assert_eq!(index.search_until("treaty", Scope::All, &AtomicBool::new(true)), None);
        let whole = index.search_until("treaty", Scope::All, &AtomicBool::new(false));
        assert_eq!(whole.as_deref(), Some(&index.search("treaty")[..]));
        assert!(whole.is_some_and(|hits| hits.len() > 5));
    }

    #[test]
    fn typing_a_word_reads_only_where_its_start_was_found_and_finds_the_same() {
        let mut corpus = crate::read::load::load_str(&crate::synth::corpus(2, 8000)).unwrap();
        for (entry, text) in [(10, "The Zanzibar protocol."), (7000, "Of Zanzibar, and sovereignty.")] {
            corpus.entries[entry].summary = crate::model::Text { plain: text.into(), links: Box::default() };
        }
        let index = Index::new(&corpus);
        let go = AtomicBool::new(false);
        let mut trail = Trail::default();
        for typed in
            ["z", "za", "zan", "zanz", "zanzib", "zanzibar", "zanzibar pro", "zanzibar protocol", "sovereignty"]
        {
            let (hits, next) = index.search_along(typed, Scope::All, &go, &trail).unwrap();
            assert_eq!(hits, index.search(typed), "{typed}");
            trail = next;
        }
        let (hits, _) = index.search_along("zanzibar sovereignty", Scope::All, &go, &trail).unwrap();
        assert_eq!(hits, index.search("zanzibar sovereignty"));
        assert!(hits.iter().any(|hit| hit.item == Item::Entry(7000)), "{hits:?}");
        let zanzibar = trail.within("zanzibar").expect("zanzibar was looked for");
        assert!(
            zanzibar.count() <= 2 && index.texts.blocks() > 100,
            "{} of {}",
            zanzibar.count(),
            index.texts.blocks()
        );
        assert!(trail.within("ribbentrop").is_none(), "a word that holds none looked for is read everywhere");
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let found: Vec<(usize, &str)> = words("soviet-latvian pact, 1939 (art. 3)").collect();
        assert_eq!(found, [(0, "soviet"), (7, "latvian"), (15, "pact"), (21, "1939"), (27, "art"), (32, "3")]);
        assert_eq!(words("пакт о взаимопомощи").map(|(_, w)| w).collect::<Vec<_>>(), ["пакт", "о", "взаимопомощи"]);
        assert_eq!(words("").count(), 0);
    }

    #[test]
    fn typos_are_counted_against_the_word_and_its_start() {
        assert_eq!(typo_distance("molotv", "molotov"), 1);
        assert_eq!(typo_distance("libua", "libau"), 1);
        assert_eq!(typo_distance("sovereig", "sovereignty"), 0);
        assert_eq!(typos_allowed(3), 0);
        assert_eq!(typos_allowed(6), 1);
        assert_eq!(typos_allowed(7), 2);
    }
}
