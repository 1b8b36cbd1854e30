//! The search index and how it ranks. Every field of every item is cut into folded words;
//! names (titles, aliases) and all other text have an inverted index each. A query's words
//! are looked up in the vocabulary: as typed, the last one also as a prefix, and a word that
//! matches nothing as typed within [`typos_allowed`] typos. Every hit matches every word.
//!
//! Hits rank by how they are [`Named`](super::Named), then by score: first the items whose title or an alias holds every
//! clause of the query (the treaty named by the words before its
//! articles), then those whose heading does, then the rest.
//!
//! The score is BM25 over fields: for each query word and each field it matched in,
//! `idf × weight × tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen))`, times 1 for a word as
//! typed, 0.5 for a longer word it starts, 0.4 or 0.25 for one or two typos; `idf` is
//! `ln(1 + (N − n + ½)/(n + ½))` for a word in `n` of `N` fields (rare words weigh more), the
//! field weights are [`Field::weight`], `k1` = 1.2 and `b` = 0.75 (a match in a short name
//! counts more than in a long one; a paragraph shorter than most counts as one of the usual
//! length). A treaty's part of fewer than [`FRAGMENT`] words of text is lowered by its share
//! of that, so that whole articles come before fragments. The best hits of a query of
//! several words are then raised by how near its words stand in one field: × 3 side by
//! side, × 2 one word apart, × (1 + 2/(1 + n)) n words apart. Ties keep corpus order.

use std::sync::atomic::{AtomicBool, Ordering};

use fst::Automaton;
use fst::automaton::{Levenshtein, Str};
use serde::{Deserialize, Serialize};

use super::finishing::{self, Finishing, PostingsRun};
use super::postings::{Builder, Postings};
use super::query;
use super::tally::{Adding, Fields, Ranking, Tally};
use super::{Bytes, FULL_TEXT_FROM, Field, Hit, Item, Matcher, Slot, Span, Table, fold, items, typos_allowed};
use crate::model::Corpus;

/// How many runs of bytes an index is kept in (see [`Index::runs`]).
pub const RUNS: usize = 9;

/// Into how many parts [`Index::write`] gathers the postings of a corpus, writing out each
/// but the last before gathering the next.
pub const SPILLED: usize = 3;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A treaty's part whose text holds fewer words than this is a fragment (see
/// [`Index::lower_fragments`]): a line of a list, a definition's first line, "Repealed.".
const FRAGMENT: u32 = 8;
/// How many of the best hits are looked at for fragments.
const FRAGMENTS_RANKED: usize = 1000;
/// How much a longer word that a query word starts counts, against the word as typed.
const PREFIX: f32 = 0.5;
/// The longest query word, in characters, forgiven typos.
const TYPO_MAX: usize = 40;

/// A corpus's words and where they are, for searching on every keystroke.
#[derive(Debug, Serialize, Deserialize)]
pub struct Index {
    #[serde(skip)]
    pub(super) items: Table<Slot>,
    #[serde(skip)]
    pub(super) spans: Table<Span>,
    /// How many words each field has.
    #[serde(skip)]
    pub(super) lens: Table<u32>,
    /// How many words a field of each kind has on average.
    average: Vec<f32>,
    /// The number of each entry's item, then the number of items of entries.
    entries: Vec<u32>,
    pub(super) names: Postings,
    pub(super) texts: Postings,
    /// A tally kept from one search to the next: searches run on threads of their own, and
    /// a fresh one would be megabytes asked of the system, and faulted in, on every key.
    #[serde(skip)]
    spare: std::sync::Mutex<Option<Tally>>,
}

/// What a search looks through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Scope {
    /// The whole corpus.
    #[default]
    Corpus,
    /// One entry and its parts.
    Entry(usize),
}

/// What a search found: its hits, best first, and which words of the corpus it matched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub matcher: Matcher,
}

/// A query word's words in the corpus: (in names?, word number, how much a match counts).
pub(super) type Terms = Vec<(bool, u32, f32)>;

impl Index {
    /// Reads the whole corpus.
    pub fn new(corpus: &Corpus) -> Self {
        let mut index = Self::tables(corpus);
        let (names, texts, lens) = index.gather(corpus, 0..index.spans.len());
        index.set_lens(lens);
        (index.names, index.texts) =
            (finishing::finish(names.map(PostingsRun::from)), finishing::finish(texts.map(PostingsRun::from)));
        index
    }

    /// Reads the whole corpus as [`Index::new`] does, writing its runs to `out` as they are
    /// put together, in the order of [`Index::runs`], `end` called after each: so that the
    /// postings need not be held twice, gathered and put together, as [`Index::new`] holds
    /// them for a moment. The fields are gathered a [`SPILLED`]th at a time, and the
    /// postings of each but the last written out to files `spill` makes before the next is
    /// gathered, so that no more than that part of what is gathered is held at once. What it gives is the index apart from its runs,
    /// serialized (a kept index's head); the index itself is what is read back.
    pub fn write<W: std::io::Write>(
        corpus: &Corpus,
        out: &mut W,
        mut end: impl FnMut(&mut W) -> std::io::Result<()>,
        mut spill: impl FnMut() -> std::io::Result<std::fs::File>,
    ) -> std::io::Result<Vec<u8>> {
        let mut index = Self::tables(corpus);
        let all = index.spans.len();
        let (mut names, mut texts) = (Vec::with_capacity(2 * SPILLED), Vec::with_capacity(2 * SPILLED));
        let mut lens = Vec::with_capacity(all);
        for k in 0..SPILLED {
            let (gathered_names, gathered_texts, more) =
                index.gather(corpus, all * k / SPILLED..all * (k + 1) / SPILLED);
            lens.extend(more);
            let last = k + 1 == SPILLED;
            for (parts, builders) in [(&mut names, gathered_names), (&mut texts, gathered_texts)] {
                for builder in builders {
                    parts.push(if last { builder.into() } else { PostingsRun::spill(builder, &mut spill)? });
                }
            }
        }
        index.set_lens(lens);
        for run in [
            bytemuck::cast_slice(&index.items[..]),
            bytemuck::cast_slice(&index.spans[..]),
            bytemuck::cast_slice(&index.lens[..]),
        ] {
            out.write_all(run)?;
            end(out)?;
        }
        let mut finish = |parts: Vec<PostingsRun>| -> std::io::Result<Postings> {
            let parts: [PostingsRun; 2 * SPILLED] =
                parts.try_into().map_err(|_| std::io::Error::other("parts lost"))?;
            let mut finishing = Finishing::new(parts);
            out.write_all(finishing.vocabulary())?;
            end(out)?;
            finishing.write_fields(out)?;
            end(out)?;
            finishing.write_places(out)?;
            end(out)?;
            Ok(finishing.postings())
        };
        (index.names, index.texts) = (finish(names)?, finish(texts)?);
        postcard::to_stdvec(&index).map_err(std::io::Error::other)
    }

    /// The index of `corpus` with its items and fields listed, nothing yet gathered.
    fn tables(corpus: &Corpus) -> Self {
        let (mut slots, mut spans) = (Vec::new(), Vec::new());
        let mut entries = Vec::with_capacity(corpus.entries.len() + 1);
        let mut item = |slots: &mut Vec<Slot>, item: Item| {
            let number = slots.len() as u32;
            slots.push(Slot::from(item));
            spans.extend(items::fields(corpus, item).map(|field| Span::new(number, field)));
        };
        for (e, entry) in corpus.entries.iter().enumerate() {
            entries.push(slots.len() as u32);
            item(&mut slots, Item::Entry(e));
            for part in 1..=entry.clauses.len() {
                item(&mut slots, Item::Clause(e, part));
            }
        }
        entries.push(slots.len() as u32);
        for v in 0..corpus.events.len() {
            item(&mut slots, Item::Event(v));
        }
        Index {
            items: slots.into(),
            spans: spans.into(),
            lens: Table::default(),
            average: Vec::new(),
            entries,
            names: finishing::finish([Builder::default().into()]),
            texts: finishing::finish([Builder::default().into()]),
            spare: Default::default(),
        }
    }

    /// Takes how many words each field has, and the average of each kind of field.
    fn set_lens(&mut self, lens: Vec<u32>) {
        self.lens = lens.into();
        let mut sums = vec![(0f64, 0usize); Span::KINDS];
        for (span, &len) in self.spans.iter().zip(self.lens.iter()) {
            let sum = &mut sums[span.kind()];
            *sum = (sum.0 + f64::from(len), sum.1 + 1);
        }
        self.average =
            sums.into_iter().map(|(sum, n)| if n == 0 { 1.0 } else { (sum / n as f64).max(1.0) as f32 }).collect();
    }

    /// The words of fields `spans`, gathered in two halves at once: in names, in other
    /// text, and how many words each field has.
    fn gather(&self, corpus: &Corpus, spans: std::ops::Range<usize>) -> ([Builder; 2], [Builder; 2], Vec<u32>) {
        let half = spans.start + spans.len() / 2;
        let ((names, texts, mut lens), (later_names, later_texts, later_lens)) = std::thread::scope(|scope| {
            let later = scope.spawn(|| self.gather_one(corpus, half..spans.end));
            (
                self.gather_one(corpus, spans.start..half),
                later.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            )
        });
        lens.extend(later_lens);
        ([names, later_names], [texts, later_texts], lens)
    }

    /// The words of fields `spans`, folded, in names and in other text, and how many
    /// words each field has.
    fn gather_one(&self, corpus: &Corpus, spans: std::ops::Range<usize>) -> (Builder, Builder, Vec<u32>) {
        let (mut names, mut texts) = (Builder::default(), Builder::default());
        let mut lens = Vec::with_capacity(spans.len());
        let mut word = String::new();
        for span in spans {
            let s = &self.spans[span];
            let (item, field) = (Item::from(self.items[s.item as usize]), s.field());
            let builder = if field.is_name() { &mut names } else { &mut texts };
            fold::fold_words(&items::field_text(corpus, item, field), &mut word, |w, _| builder.word(w));
            lens.push(builder.end(span as u32));
        }
        (names, texts, lens)
    }

    /// Whether it can be the index of `corpus` and its parts fit together: for an index
    /// read back from disk, before it is trusted. Every item is where the corpus has it,
    /// with exactly the fields the corpus gives it, so that no hit can point past the text.
    pub fn is_index_of(&self, corpus: &Corpus) -> bool {
        let (count, events) = (corpus.entries.len(), corpus.events.len());
        let shaped = self.entries.len() == count + 1 && self.items.len() == self.first_event() + events;
        if !shaped || !self.holds_together() {
            return false;
        }
        let clauses_fit = (0..count).all(|e| self.entry_items(e).len() == 1 + corpus.entries[e].clauses.len());
        if !clauses_fit {
            return false;
        }
        // Each item's fields, in order, as the corpus has them: each half on a thread.
        let half = self.items.len() / 2;
        let split = self.spans.partition_point(|s| (s.item as usize) < half);
        std::thread::scope(|scope| {
            let later = scope.spawn(|| self.fields_fit(corpus, half..self.items.len(), split));
            self.fields_fit(corpus, 0..half, 0) && later.join().unwrap_or(false)
        })
    }

    /// Whether the fields of `items`, from field `at` on, are exactly those the corpus gives
    /// them, in order, and the last item's are the last of the range's.
    fn fields_fit(&self, corpus: &Corpus, items: std::ops::Range<usize>, mut at: usize) -> bool {
        let end = items.end;
        for i in items {
            let from = at;
            while self.spans.get(at).is_some_and(|s| s.item as usize == i) {
                at += 1;
            }
            if !self.spans[from..at].iter().map(Span::field).eq(items::fields(corpus, Item::from(self.items[i]))) {
                return false;
            }
        }
        at == self.spans.partition_point(|s| (s.item as usize) < end)
    }

    /// Whether its parts fit together, whatever corpus it was made for: each entry's items
    /// in order, then the events, every field of an item after the item before, every field
    /// with its length, the postings within their runs. For an index read back from disk,
    /// before it is searched; [`Index::is_index_of`] also holds it to a corpus.
    pub fn holds_together(&self) -> bool {
        let shaped = self.entries.first() == Some(&0)
            && self.entries.windows(2).all(|w| w[0] < w[1])
            && self.first_event() <= self.items.len()
            && self.lens.len() == self.spans.len()
            && self.average.len() == Span::KINDS
            && self.spans.windows(2).all(|w| w[0].item <= w[1].item)
            && self.spans.last().is_none_or(|s| (s.item as usize) < self.items.len())
            && self.names.holds_together()
            && self.texts.holds_together();
        if !shaped {
            return false;
        }
        let slots_fit = (0..self.entries.len() - 1).all(|e| {
            self.entry_items(e).iter().enumerate().all(|(part, &Slot(x, p))| x as usize == e && p as usize == part)
        });
        let events = &self.items[self.first_event()..];
        slots_fit && events.iter().enumerate().all(|(v, &Slot(x, p))| x == Slot::EVENT && p as usize == v)
    }

    /// The number of the first event's item (the number of items of entries).
    fn first_event(&self) -> usize {
        self.entries.last().map_or(0, |&n| n as usize)
    }

    /// The items of entry `e` (of a sound index).
    fn entry_items(&self, e: usize) -> &[Slot] {
        &self.items[self.entries[e] as usize..self.entries[e + 1] as usize]
    }

    /// How many entries the corpus it was made for has.
    pub fn entry_count(&self) -> usize {
        self.entries.len().saturating_sub(1)
    }

    /// How many fields and how many items it knows.
    pub fn counts(&self) -> (usize, usize) {
        (self.spans.len(), self.items.len())
    }

    /// Every field of every item, in order (the numbering of [`Hit::span`]).
    pub fn fields(&self) -> impl Iterator<Item = (Item, Field)> + '_ {
        self.spans.iter().map(|s| (Item::from(self.items[s.item as usize]), s.field()))
    }

    /// Every item, in order (the numbering of [`Index::item_number`]).
    pub fn items(&self) -> impl Iterator<Item = Item> + '_ {
        self.items.iter().map(|&slot| Item::from(slot))
    }

    /// The number of `item` among its items, if it has it.
    pub fn item_number(&self, item: Item) -> Option<usize> {
        let n = match item {
            Item::Entry(e) => *self.entries.get(e)? as usize,
            Item::Clause(e, part) => *self.entries.get(e)? as usize + part,
            Item::Event(v) => self.first_event() + v,
        };
        (self.items.get(n).map(|&slot| Item::from(slot)) == Some(item)).then_some(n)
    }

    /// Its runs of bytes, kept apart from the rest when it is kept, so that reading them
    /// back decodes nothing: its items, fields and their lengths (in the machine's byte
    /// order), then those of its postings (see [`Postings::runs`]).
    pub fn runs(&self) -> [&[u8]; RUNS] {
        let ([a, b, c], [d, e, f]) = (self.names.runs(), self.texts.runs());
        let (items, spans, lens) = (
            bytemuck::cast_slice(&self.items[..]),
            bytemuck::cast_slice(&self.spans[..]),
            bytemuck::cast_slice(&self.lens[..]),
        );
        [items, spans, lens, a, b, c, d, e, f]
    }

    /// Takes its items, fields and their lengths (runs 0 to 2 of [`Index::runs`]) where they
    /// lie in a mapped file; whether they are whole numbers of what they hold, well aligned.
    pub fn map_arrays(&mut self, [items, spans, lens]: [Bytes; 3]) -> bool {
        match (Table::mapped(items), Table::mapped(spans), Table::mapped(lens)) {
            (Some(items), Some(spans), Some(lens)) => {
                (self.items, self.spans, self.lens) = (items, spans, lens);
                true
            }
            _ => false,
        }
    }

    /// Takes back the runs of its words (runs 3 to 8 of [`Index::runs`]); whether they are
    /// vocabularies and runs of bytes.
    pub fn set_words(&mut self, [a, b, c, d, e, f]: [Vec<u8>; 6]) -> bool {
        self.names.set_runs([a, b, c]) && self.texts.set_runs([d, e, f])
    }

    /// Takes the runs of its postings (runs 4, 5, 7 and 8 of [`Index::runs`]) in place of
    /// those it has; whether they are as long.
    pub fn set_postings(&mut self, [a, b, c, d]: [Bytes; 4]) -> bool {
        self.names.set_postings(a, b) && self.texts.set_postings(c, d)
    }

    /// Whether all its postings and tables lie in a mapped file (see [`Bytes`]).
    #[cfg(test)]
    pub fn mapped(&self) -> bool {
        self.tables_mapped() && [&self.names, &self.texts].iter().all(|postings| postings.mapped())
    }

    /// Whether its items, fields and lengths lie in a mapped file.
    #[cfg(test)]
    pub fn tables_mapped(&self) -> bool {
        self.items.is_mapped() && self.spans.is_mapped() && self.lens.is_mapped()
    }

    /// How many bytes of postings a search may read.
    pub fn size(&self) -> usize {
        self.names.bytes() + self.texts.bytes()
    }

    /// Makes ready the memory a search adds its scores up in (megabytes for a large corpus),
    /// so that the first search does not wait for the system to give it: for an index
    /// prepared on a thread of its own before it is handed over. Once is enough.
    pub fn prepare(&self) {
        let ready =
            self.spare.lock().is_ok_and(|spare| spare.as_ref().is_some_and(|t| t.sums.len() == self.items.len()));
        if ready {
            return;
        }
        let mut tally = Tally::new(self.items.len());
        tally.fault_in();
        if let Ok(mut spare) = self.spare.lock() {
            *spare = Some(tally);
        }
    }

    /// Every item that matches every word of `query`, best first.
    pub fn search(&self, query: &str) -> Found {
        self.search_in(query, Scope::Corpus)
    }

    /// Like [`Index::search`], within `scope`.
    pub fn search_in(&self, query: &str, scope: Scope) -> Found {
        self.search_until(query, scope, &AtomicBool::new(false)).unwrap_or_default()
    }

    /// Like [`Index::search_in`], given up (`None`) as soon as it can once `stop` is set:
    /// for a search whose query has changed while it ran.
    pub fn search_until(&self, query: &str, scope: Scope, stop: &AtomicBool) -> Option<Found> {
        let clauses = query::parse(query);
        let mut matcher = Matcher::new(&clauses);
        let Some((terms, typo)) = self.terms(&clauses, &mut matcher) else {
            return Some(Found { hits: Vec::new(), matcher });
        };
        let range = match scope {
            Scope::Corpus => 0..self.items.len() as u32,
            Scope::Entry(e) => match (self.entries.get(e), self.entries.get(e + 1)) {
                (Some(&from), Some(&to)) => from..to,
                _ => 0..0,
            },
        };
        let mut tally = LentTally::from(self);
        // The rarest clause first, so that the others add only to items it matched.
        let mut order: Vec<usize> = (0..clauses.len()).collect();
        order.sort_by_key(|&c| terms[c].iter().map(|t| self.cost(t)).min().unwrap_or(0));
        let fields = Fields { spans: &self.spans, lens: &self.lens, norm: |s, len, count| self.norm(s, len, count) };
        for (done, &c) in order.iter().enumerate() {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let need = order[..done].iter().fold(0u64, |m, &d| m | 1 << d);
            let adding = |weight| Adding { weight, need, bit: 1 << c, range: range.clone(), stop };
            if !clauses[c].phrase {
                for &(in_names, n, quality) in &terms[c][0] {
                    let postings = self.postings(in_names);
                    let weight = quality * self.idf(postings.count(n));
                    fields.add(&mut tally, postings.fields_of(n), &adding(weight));
                }
            } else {
                let idf: f32 = terms[c]
                    .iter()
                    .map(|t| t.iter().map(|&(i, n, _)| self.idf(self.postings(i).count(n))).fold(0.0, f32::max))
                    .sum();
                let quality = terms[c].iter().flatten().map(|t| t.2).fold(1.0, f32::min);
                let found = self.phrase(&terms[c], stop)?;
                fields.add(&mut tally, found.into_iter(), &adding(quality * idf));
            }
        }
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        let all = if clauses.len() >= 64 { u64::MAX } else { (1u64 << clauses.len()) - 1 };
        let mut ranking = tally.ranked(all);
        drop(tally);
        self.lower_fragments(&mut ranking);
        if clauses.len() > 1 {
            self.raise_near(&mut ranking, &terms);
        }
        let slots: &[Slot] = &self.items;
        let mut hits = Vec::with_capacity(ranking.ranked.len());
        hits.extend(ranking.ranked.iter().filter_map(|&r| {
            let found = ranking.reached(r);
            let slot = *slots.get(found.item as usize)?;
            let score = (r.score() * 1000.0).round().min(u32::MAX as f32) as u32;
            let field = Span { item: found.item, field: found.field }.field();
            Some(Hit { item: slot.into(), field, score, typo, named: r.named(), span: found.span.wrapping_sub(1) })
        }));
        Some(Found { hits, matcher })
    }

    /// The corpus's words each word of each clause matches, and whether any only with typos
    /// (which `matcher` is told of); `None` when a word matches nothing, or there are none.
    fn terms(&self, clauses: &[query::QueryTerm], matcher: &mut Matcher) -> Option<(Vec<Vec<Terms>>, bool)> {
        // A letter or two says little: until a word has three, only names are read; and
        // the word being typed, until it has three, is looked for in names only (after
        // "government", an "a" would otherwise match every word it starts in every text).
        let short = |w: &String| w.chars().count() < FULL_TEXT_FROM;
        let all_short = clauses.iter().flat_map(|c| &c.words).all(short);
        let mut typo = false;
        let mut terms: Vec<Vec<Terms>> = Vec::with_capacity(clauses.len());
        for clause in clauses {
            let mut per_word = Vec::with_capacity(clause.words.len());
            for (i, word) in clause.words.iter().enumerate() {
                let prefix = clause.prefix && i + 1 == clause.words.len();
                let names_only = all_short || (prefix && short(word));
                let mut found = self.lookup(word, prefix, names_only);
                if found.is_empty() {
                    let (fuzzy, words) = self.typos(word, prefix, names_only);
                    typo |= !fuzzy.is_empty();
                    matcher.add_typos(word, words);
                    found = fuzzy;
                }
                if found.is_empty() {
                    return None;
                }
                per_word.push(found);
            }
            terms.push(per_word);
        }
        (!clauses.is_empty()).then_some((terms, typo))
    }

    /// The bytes of each of its runs (as [`Index::runs`] gives them) that a search for
    /// `query` reads: all but the postings whole, and the postings of the words it matches.
    /// For an index whose postings are read only where a search wants them.
    pub fn reach(&self, query: &str) -> [Vec<std::ops::Range<usize>>; RUNS] {
        let clauses = query::parse(query);
        let mut reach: [Vec<std::ops::Range<usize>>; RUNS] = Default::default();
        for (k, run) in self.runs().into_iter().enumerate() {
            if !Self::postings_run(k) {
                reach[k].push(0..run.len());
            }
        }
        let Some((terms, _)) = self.terms(&clauses, &mut Matcher::new(&clauses)) else { return reach };
        for &(in_names, n, _) in terms.iter().flatten().flatten() {
            let (fields, places) = self.postings(in_names).reach(n);
            let first = if in_names { 4 } else { 7 };
            reach[first].push(fields);
            reach[first + 1].push(places);
        }
        reach
    }

    /// Whether run `k` (of [`Index::runs`]) holds postings, which a search reads only
    /// where it needs them.
    pub fn postings_run(k: usize) -> bool {
        matches!(k, 4 | 5 | 7 | 8)
    }

    pub(super) fn postings(&self, in_names: bool) -> &Postings {
        if in_names { &self.names } else { &self.texts }
    }

    /// The words folded `word` matches as typed (and, for the word being typed, the words
    /// it starts).
    fn lookup(&self, word: &str, prefix: bool, names_only: bool) -> Terms {
        let mut found = Vec::new();
        for in_names in [true, false] {
            if names_only && !in_names {
                continue;
            }
            let postings = self.postings(in_names);
            if !prefix {
                found.extend(postings.get(word).map(|n| (in_names, n, 1.0)))
            } else {
                for (w, n) in postings.matching(Str::new(word).starts_with()) {
                    found.push((in_names, n, if w == word { 1.0 } else { PREFIX }));
                }
            }
        }
        found
    }

    /// The words within typos of folded `word` (or of its start, for the word being
    /// typed), and those words with their typos.
    fn typos(&self, word: &str, prefix: bool, names_only: bool) -> (Terms, Vec<(String, u8)>) {
        let chars = word.chars().count();
        // No word is forgiven typos past this length: nothing real is that long, and the
        // automaton for a pasted page would take long to make.
        let allowed = if chars > TYPO_MAX { 0 } else { typos_allowed(chars) };
        let (mut terms, mut words) = (Vec::new(), Vec::new());
        if allowed == 0 {
            return (terms, words);
        }
        let Ok(automaton) = Levenshtein::new(word, allowed) else { return (terms, words) };
        for in_names in [true, false] {
            if names_only && !in_names {
                continue;
            }
            let postings = self.postings(in_names);
            let found =
                if prefix { postings.matching((&automaton).starts_with()) } else { postings.matching(&automaton) };
            for (w, n) in found {
                let typos = typo_distance(word, &w, prefix).min(allowed as usize) as u8;
                terms.push((in_names, n, if typos <= 1 { 0.4 } else { 0.25 }));
                words.push((w, typos));
            }
        }
        (terms, words)
    }

    /// How many fields the words of `terms` are in, together.
    fn cost(&self, terms: &Terms) -> u64 {
        terms.iter().map(|&(in_names, n, _)| u64::from(self.postings(in_names).count(n))).sum()
    }

    fn idf(&self, count: u32) -> f32 {
        let (n, count) = (self.spans.len() as f32, count as f32);
        (1.0 + (n - count + 0.5) / (count + 0.5)).ln()
    }

    /// The weight of `count` matches in field `s` of `len` words, for its kind and length:
    /// a name or a heading shorter than most of its kind counts more, a paragraph longer
    /// than most less, but a short paragraph no more than one of the usual length (a
    /// paragraph of one word is not the best place a word can stand).
    pub(super) fn norm(&self, s: Span, len: u32, count: u32) -> f32 {
        let average = self.average.get(s.kind()).copied().unwrap_or(1.0).max(1.0);
        let field = s.field();
        let (tf, mut len) = (count as f32, len as f32);
        if !field.is_name() && field != Field::Heading {
            len = len.max(average);
        }
        field.weight() * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / average))
    }

    /// Lowers the best hits that are fragments, a treaty's parts whose text holds fewer
    /// than [`FRAGMENT`] words, by their share of that, and puts them in order again: so
    /// that a whole article comes before a line of one (as "(b) geographical indications
    /// means:"). Only the best [`FRAGMENTS_RANKED`] are looked at, where a reader looks.
    fn lower_fragments(&self, ranking: &mut Ranking) {
        let top = ranking.ranked.len().min(FRAGMENTS_RANKED);
        let mut lowered = false;
        for k in 0..top {
            let r = ranking.ranked[k];
            let found = ranking.reached(r);
            let Some(&Slot(e, part)) = self.items.get(found.item as usize) else { continue };
            if e == Slot::EVENT || part == 0 {
                continue;
            }
            let Some(best) = found.span.checked_sub(1) else { continue };
            let words = self.text_words(found.item, best as usize);
            if words < FRAGMENT {
                ranking.ranked[k] = r.times(words.max(1) as f32 / FRAGMENT as f32);
                lowered = true;
            }
        }
        if lowered {
            ranking.ranked[..top].sort_unstable();
        }
    }

    /// How many words of text item `item` has, one of whose fields is field `at`.
    fn text_words(&self, item: u32, at: usize) -> u32 {
        let of_item = |s: &Span| s.item == item;
        let from = at - self.spans[..at].iter().rev().take_while(|s| of_item(s)).count();
        let to = at + self.spans[at..].iter().take_while(|s| of_item(s)).count();
        (from..to).filter(|&k| matches!(self.spans[k].field(), Field::Text(_))).map(|k| self.lens[k]).sum()
    }
}

/// The typos between a query word and a word of the corpus: the edit distance to the word,
/// or, for the word being typed, to its start as long as the query word.
fn typo_distance(query: &str, word: &str, prefix: bool) -> usize {
    let whole = strsim::levenshtein(query, word);
    if !prefix {
        return whole;
    }
    let start: String = word.chars().take(query.chars().count()).collect();
    whole.min(strsim::levenshtein(query, &start))
}

/// The index's spare tally lent to one search, or a new one when it is lent already (a
/// search told to stop may still be running); given back, cleared, when the search ends.
struct LentTally<'a> {
    index: &'a Index,
    tally: Tally,
}

impl<'a> LentTally<'a> {
    fn from(index: &'a Index) -> Self {
        let spare = index.spare.lock().ok().and_then(|mut spare| spare.take());
        let tally =
            spare.filter(|t| t.sums.len() == index.items.len()).unwrap_or_else(|| Tally::new(index.items.len()));
        LentTally { index, tally }
    }
}

impl std::ops::Deref for LentTally<'_> {
    type Target = Tally;

    fn deref(&self) -> &Tally {
        &self.tally
    }
}

impl std::ops::DerefMut for LentTally<'_> {
    fn deref_mut(&mut self) -> &mut Tally {
        &mut self.tally
    }
}

impl Drop for LentTally<'_> {
    fn drop(&mut self) {
        let mut tally = std::mem::take(&mut self.tally);
        tally.clear();
        if let Ok(mut spare) = self.index.spare.lock() {
            *spare = Some(tally);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_counted_against_the_word_and_the_start_of_the_word_being_typed() {
        assert_eq!(typo_distance("molotv", "molotov", false), 1);
        assert_eq!(typo_distance("sovereig", "sovereignty", true), 0);
        assert_eq!(typo_distance("sovxreig", "sovereignty", true), 1);
        assert_eq!(typo_distance("sovxreig", "sovereignty", false), 4);
    }

    #[test]
    fn a_tally_kept_from_one_search_leaves_nothing_in_the_next() {
        let corpus = crate::read::load::bundled().unwrap();
        let index = Index::new(&corpus);
        let fresh = |query: &str| Index::new(&corpus).search(query);
        for query in ["treaty", "soviet latvia", "\"mutual assistance\"", "garrisn", "li", "treaty"] {
            assert_eq!(index.search(query), fresh(query), "{query}");
        }
        // A search while another has the spare tally gets one of its own.
        let lent = LentTally::from(&index);
        assert_eq!(index.search("latvia"), fresh("latvia"));
        drop(lent);
        assert_eq!(index.search("soviet"), fresh("soviet"));
    }

    #[test]
    fn a_stopped_search_gives_nothing_rather_than_too_little() {
        let corpus = crate::read::load::bundled().unwrap();
        let index = Index::new(&corpus);
        assert_eq!(index.search_until("treaty", Scope::Corpus, &AtomicBool::new(true)), None);
        let whole = index.search_until("treaty", Scope::Corpus, &AtomicBool::new(false));
        assert_eq!(whole.as_ref(), Some(&index.search("treaty")));
        assert!(whole.is_some_and(|found| found.hits.len() > 5));
    }
}
