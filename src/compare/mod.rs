//! Clauses side by side: which articles of other treaties answer to an article (the
//! parallels a corpus declares, read both ways), and how two articles, or two treaties,
//! differ paragraph by paragraph and word by word.

pub mod align;
pub mod diff;
pub mod similar;
pub mod words;

use hashbrown::HashMap;

use crate::model::{ClauseLabel, Corpus, address};
use words::Counted;

/// A clause of the corpus: its entry's number and its part (1 for the entry's first clause).
pub type Place = (usize, usize);

/// Every declared parallel of a corpus, both ways.
#[derive(Debug, Default)]
pub struct Parallels {
    of: HashMap<Place, Vec<Place>>,
}

impl Parallels {
    /// The parallels `corpus` declares, each also read from the clause it names.
    pub fn new(corpus: &Corpus) -> Self {
        let mut of: HashMap<Place, Vec<Place>> = HashMap::default();
        // Each treaty named finds the part by its addresses, made once for the corpus.
        let find = |written: &str| address::resolve(corpus, written).ok();
        for (e, entry) in corpus.entries.iter().enumerate() {
            for (k, clause) in entry.clauses.iter().enumerate() {
                for written in clause.parallels.iter() {
                    let Some(other) = find(written) else { continue };
                    let here = (e, k + 1);
                    if other.1 > 0 && other.0 != e {
                        of.entry(here).or_default().push(other);
                        of.entry(other).or_default().push(here);
                    }
                }
            }
        }
        for places in of.values_mut() {
            places.sort_unstable();
            places.dedup();
        }
        Self { of }
    }

    /// The counterparts of `place` in other treaties, in corpus order.
    pub fn of(&self, place: Place) -> &[Place] {
        self.of.get(&place).map_or(&[], Vec::as_slice)
    }

    /// The counterparts of `place` in entry `entry`.
    pub fn within(&self, place: Place, entry: usize) -> Vec<Place> {
        self.of(place).iter().copied().filter(|p| p.0 == entry).collect()
    }

    /// The treaties that hold a counterpart of any part of entry `entry`, in corpus order.
    pub fn treaties_of(&self, corpus: &Corpus, entry: usize) -> Vec<usize> {
        let parts = corpus.entries.get(entry).map_or(0, |e| e.clauses.len());
        let mut all: Vec<usize> = (1..=parts).flat_map(|part| self.treaties((entry, part))).collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The treaties that hold a counterpart of `place`, in corpus order.
    pub fn treaties(&self, place: Place) -> Vec<usize> {
        let mut entries: Vec<usize> = self.of(place).iter().map(|p| p.0).collect();
        entries.dedup();
        entries
    }
}

/// The paragraphs of `places`, one after the other, as plain text.
pub fn paragraphs<'c>(corpus: &'c Corpus, places: &[Place]) -> Vec<&'c str> {
    places
        .iter()
        .filter_map(|&(e, part)| corpus.entries.get(e)?.part(part))
        .flat_map(|clause| clause.text.iter().map(|t| &*t.plain))
        .collect()
}

/// Sets the clauses `left` beside the clauses `right`.
pub fn clauses(corpus: &Corpus, left: &[Place], right: &[Place]) -> diff::Aligned {
    diff::align(&paragraphs(corpus, left), &paragraphs(corpus, right))
}

/// [`clauses`], with the words of their paragraphs counted already.
fn clauses_counted(corpus: &Corpus, counted: &Counted, left: &[Place], right: &[Place]) -> diff::Aligned {
    let (texts_left, texts_right) = (paragraphs(corpus, left), paragraphs(corpus, right));
    let (bags_left, bags_right) = (counted.paragraphs(left), counted.paragraphs(right));
    if bags_left.len() == texts_left.len() && bags_right.len() == texts_right.len() {
        diff::align_counted(&texts_left, &texts_right, &bags_left, &bags_right)
    } else {
        diff::align(&texts_left, &texts_right)
    }
}

/// A row of the comparison of two treaties: the clauses of one and their counterparts in
/// the other (either side empty where a clause has none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreatyRow {
    pub left: Vec<Place>,
    pub right: Vec<Place>,
    /// Paired by their words, the corpus declaring no counterpart of the row's clause.
    pub by_text: bool,
}

/// The clauses of treaty `left` beside their counterparts in treaty `right` (the two
/// preambles beside each other), in the order of `left`: the counterparts the corpus
/// declares, and for the clauses it declares none of, those their text finds
/// ([`align::pairs`]); the clauses of `right` that answer to none of `left` each on a row
/// of their own, after the row of the clause they follow.
pub fn treaties(corpus: &Corpus, parallels: &Parallels, left: usize, right: usize) -> Vec<TreatyRow> {
    treaties_counted(corpus, parallels, &Counted::new(corpus, &[left, right]), left, right)
}

/// The counterparts of `place` in treaty `entry`: those the corpus declares, or else those
/// the rows of the two treaties side by side give it (`rows`, from [`treaties`], made
/// when first asked for); and whether they were found by their words.
pub fn counterparts(
    parallels: &Parallels,
    place: Place,
    entry: usize,
    rows: impl FnOnce() -> std::sync::Arc<[TreatyRow]>,
) -> (Vec<Place>, bool) {
    let declared = parallels.within(place, entry);
    if !declared.is_empty() {
        return (declared, false);
    }
    let rows = rows();
    let row = rows.iter().find(|r| r.left.first() == Some(&place) && r.right.iter().all(|p| p.0 == entry));
    row.map_or((Vec::new(), false), |r| (r.right.clone(), r.by_text))
}

/// [`treaties`], with the words of the two treaties' paragraphs counted already.
fn treaties_counted(
    corpus: &Corpus,
    parallels: &Parallels,
    counted: &Counted,
    left: usize,
    right: usize,
) -> Vec<TreatyRow> {
    let parts = |e: usize| 1..=corpus.entries.get(e).map_or(0, |entry| entry.clauses.len());
    let preamble = |e: usize| {
        let entry = corpus.entries.get(e)?;
        entry.clauses.iter().position(|c| c.label == ClauseLabel::Preamble).map(|k| (e, k + 1))
    };
    let preambles = (preamble(left), preamble(right));
    let rows = parts(left).map(|part| {
        let mut there = parallels.within((left, part), right);
        // Two preambles answer to each other unless the corpus says otherwise.
        if there.is_empty() && preambles.0 == Some((left, part)) {
            there.extend(preambles.1);
        }
        TreatyRow { left: vec![(left, part)], right: there, by_text: false }
    });
    let mut rows: Vec<TreatyRow> = rows.collect();
    // What the corpus pairs with nothing, paired by its text where it can be.
    let mut held = vec![false; *parts(right).end() + 1];
    for &(_, p) in rows.iter().flat_map(|r| &r.right) {
        held[p] = true;
    }
    let unpaired: Vec<usize> = (0..rows.len()).filter(|&k| rows[k].right.is_empty()).collect();
    let lone: Vec<Place> = parts(right).filter(|&p| !held[p]).map(|p| (right, p)).collect();
    let mine: Vec<Place> = unpaired.iter().map(|&k| rows[k].left[0]).collect();
    for (i, j) in align::pairs(corpus, counted, &mine, &lone) {
        rows[unpaired[i]].right.push(lone[j]);
        rows[unpaired[i]].by_text = true;
    }
    with_lone_clauses(rows, right, *parts(right).end())
}

/// `rows`, and on a row of its own each of the `count` clauses of treaty `right` that no row
/// holds, after the row holding the clause before it (a run of such clauses in order; a
/// later run after the same row goes before an earlier one). Placed in one pass, so that a
/// long treaty costs no more than its length.
fn with_lone_clauses(rows: Vec<TreatyRow>, right: usize, count: usize) -> Vec<TreatyRow> {
    // The first row that holds each clause of `right`.
    let mut row_of: Vec<Option<usize>> = vec![None; count + 1];
    for (k, row) in rows.iter().enumerate() {
        for &(_, p) in row.right.iter().filter(|&&(e, p)| e == right && p <= count) {
            row_of[p].get_or_insert(k);
        }
    }
    // The runs after each row, by the row's place plus one (0: before the first row).
    let mut runs: Vec<Vec<Vec<usize>>> = vec![Vec::new(); rows.len() + 1];
    let (mut after, mut running) = (0, false);
    for (part, held) in row_of.iter().enumerate().skip(1) {
        if let Some(k) = held {
            (after, running) = (k + 1, false);
            continue;
        }
        if !running {
            runs[after].push(Vec::new());
            running = true;
        }
        if let Some(run) = runs[after].last_mut() {
            run.push(part);
        }
    }
    let lone = |part: usize| TreatyRow { left: Vec::new(), right: vec![(right, part)], by_text: false };
    let mut placed = Vec::with_capacity(rows.len() + row_of.iter().skip(1).filter(|r| r.is_none()).count());
    let mut runs = runs.into_iter();
    placed.extend(runs.next().into_iter().flat_map(|r| r.into_iter().rev().flatten()).map(lone));
    for (row, after) in rows.into_iter().zip(runs) {
        placed.push(row);
        placed.extend(after.into_iter().rev().flatten().map(lone));
    }
    placed
}

/// The rows of [`treaties`], each with how its two sides line up (nothing for a row with one
/// side only). The rows are compared half on each of two threads.
pub fn treaties_aligned(
    corpus: &Corpus,
    parallels: &Parallels,
    left: usize,
    right: usize,
) -> Vec<(TreatyRow, Option<diff::Aligned>)> {
    let counted = Counted::new(corpus, &[left, right]);
    let rows = treaties_counted(corpus, parallels, &counted, left, right);
    let align = |rows: &[TreatyRow]| -> Vec<Option<diff::Aligned>> {
        let two_sided = |r: &TreatyRow| !r.left.is_empty() && !r.right.is_empty();
        rows.iter().map(|r| two_sided(r).then(|| clauses_counted(corpus, &counted, &r.left, &r.right))).collect()
    };
    let (first, second) = rows.split_at(rows.len() / 2);
    let (mut aligned, later) = both(|| align(first), || align(second));
    aligned.extend(later);
    rows.into_iter().zip(aligned).collect()
}

/// `a` and `b` done at once, `b` on a thread of its own.
fn both<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    std::thread::scope(|scope| {
        let later = scope.spawn(b);
        (a(), later.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The clauses no row holds put in as they were before: each inserted after the row
    /// holding the clause before it, one at a time (a row found, and rows moved, for each).
    fn inserted_one_by_one(mut rows: Vec<TreatyRow>, right: usize, count: usize) -> Vec<TreatyRow> {
        let held: Vec<bool> = (0..=count).map(|p| rows.iter().any(|r| r.right.contains(&(right, p)))).collect();
        let mut at = 0;
        for (part, &held) in held.iter().enumerate().skip(1) {
            if held {
                if let Some(k) = rows.iter().position(|r| r.right.contains(&(right, part))) {
                    at = k + 1;
                }
                continue;
            }
            rows.insert(at.min(rows.len()), TreatyRow { left: Vec::new(), right: vec![(right, part)], by_text: false });
            at += 1;
        }
        rows
    }

    proptest! {
        #[test]
        fn clauses_without_a_counterpart_are_placed_in_one_pass_as_they_were_one_by_one(
            counterparts in prop::collection::vec(prop::collection::vec(1..12usize, 0..3), 0..10),
            count in 0..12usize,
        ) {
            let rows: Vec<TreatyRow> = counterparts
                .iter()
                .enumerate()
                .map(|(k, there)| TreatyRow {
                    left: vec![(0, k + 1)],
                    right: there.iter().filter(|&&p| p <= count).map(|&p| (1, p)).collect(),
                    by_text: false,
                })
                .collect();
            prop_assert_eq!(with_lone_clauses(rows.clone(), 1, count), inserted_one_by_one(rows, 1, count));
        }
    }
}
