//! The words of a paragraph as a comparison counts them: folded and hashed, each with how
//! often it occurs; how much two paragraphs, or a paragraph and a run of several, share;
//! and the paragraphs of whole treaties counted once for every comparison of them.

use hashbrown::HashMap;

use super::Place;
use crate::model::Corpus;

/// A paragraph's words, folded and hashed: each word once, in order of its hash, with how
/// often it occurs.
#[derive(Debug, Default)]
pub struct Bag {
    pub words: Vec<(u64, u32)>,
    /// How many words in all.
    pub len: u32,
}

impl Bag {
    pub fn new(text: &str) -> Self {
        let mut hashes = Vec::new();
        crate::search::fold::fold_words(text, &mut String::new(), |word, _| {
            hashes.push(xxhash_rust::xxh3::xxh3_64(word.as_bytes()));
        });
        hashes.sort_unstable();
        let mut words: Vec<(u64, u32)> = Vec::with_capacity(hashes.len());
        for hash in &hashes {
            match words.last_mut() {
                Some((last, count)) if last == hash => *count += 1,
                _ => words.push((*hash, 1)),
            }
        }
        Self { words, len: hashes.len() as u32 }
    }

    /// The share of the words of both that they have in common (Dice, counting repeats).
    pub fn share(&self, other: &Bag) -> f64 {
        let (mut a, mut b, mut common) = (0, 0, 0u32);
        while a < self.words.len() && b < other.words.len() {
            let ((x, p), (y, q)) = (self.words[a], other.words[b]);
            match x.cmp(&y) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => {
                    common += p.min(q);
                    (a, b) = (a + 1, b + 1);
                }
            }
        }
        dice(common, self.len + other.len)
    }
}

/// Twice the words in common over the words of both, 1 for two empty sides.
pub fn dice(common: u32, all: u32) -> f64 {
    if all == 0 { 1.0 } else { f64::from(2 * common) / f64::from(all) }
}

/// A run of paragraphs growing beside one paragraph of the other side: how many of that
/// paragraph's words the run holds so far, found a paragraph at a time (the same share as
/// that of the paragraphs' words put in one bag, without making it).
#[derive(Default)]
pub struct Run {
    /// The paragraph's words and how many of each the run has not yet matched.
    words: Vec<(u64, u32)>,
    len: u32,
    common: u32,
    run_len: u32,
}

impl Run {
    pub fn start(&mut self, one: &Bag) {
        self.words.clear();
        self.words.extend_from_slice(&one.words);
        (self.len, self.common, self.run_len) = (one.len, 0, 0);
    }

    /// Adds `bag` to the run: the share of words the paragraph and the run now have in common.
    pub fn add(&mut self, bag: &Bag) -> f64 {
        let (mut a, mut b) = (0, 0);
        while a < self.words.len() && b < bag.words.len() {
            let (x, y) = (self.words[a].0, bag.words[b].0);
            match x.cmp(&y) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => {
                    let matched = self.words[a].1.min(bag.words[b].1);
                    self.words[a].1 -= matched;
                    self.common += matched;
                    (a, b) = (a + 1, b + 1);
                }
            }
        }
        self.run_len += bag.len;
        dice(self.common, self.len + self.run_len)
    }
}

impl Bag {
    /// The words of `bags` together, as one bag: each merged in turn.
    pub fn of_all<'b>(bags: impl IntoIterator<Item = &'b Bag>) -> Bag {
        bags.into_iter().fold(Bag::default(), |all, bag| all.merged(bag))
    }

    /// The words of both, as one bag.
    fn merged(&self, other: &Bag) -> Bag {
        let (a, b) = (&self.words, &other.words);
        let mut words = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => (words.push(a[i]), i += 1).1,
                std::cmp::Ordering::Greater => (words.push(b[j]), j += 1).1,
                std::cmp::Ordering::Equal => {
                    words.push((a[i].0, a[i].1 + b[j].1));
                    (i, j) = (i + 1, j + 1);
                }
            }
        }
        words.extend_from_slice(&a[i..]);
        words.extend_from_slice(&b[j..]);
        Bag { words, len: self.len + other.len }
    }
}

/// The words of every paragraph of some treaties' parts, counted once (half of the parts
/// on each of two threads).
#[derive(Default)]
pub struct Counted {
    /// Each part's paragraphs, and the words of the whole part.
    of: HashMap<Place, (Vec<Bag>, Bag)>,
}

impl Counted {
    /// The paragraphs of every part of `entries`.
    pub fn new(corpus: &Corpus, entries: &[usize]) -> Self {
        let places: Vec<Place> = entries
            .iter()
            .flat_map(|&e| (1..=corpus.entries.get(e).map_or(0, |entry| entry.clauses.len())).map(move |p| (e, p)))
            .collect();
        let count = |places: &[Place]| -> Vec<(Place, (Vec<Bag>, Bag))> {
            let paragraphs = |place: &Place| super::paragraphs(corpus, std::slice::from_ref(place));
            let counted = |place: &Place| {
                let bags: Vec<Bag> = paragraphs(place).iter().map(|p| Bag::new(p)).collect();
                let whole = Bag::of_all(&bags);
                (*place, (bags, whole))
            };
            places.iter().map(counted).collect()
        };
        let (first, second) = places.split_at(places.len() / 2);
        let (mut counted, later) = super::both(|| count(first), || count(second));
        counted.extend(later);
        Self { of: counted.into_iter().collect() }
    }

    /// The counted paragraphs of `places`, one after the other (none for a place not counted).
    pub fn paragraphs(&self, places: &[Place]) -> Vec<&Bag> {
        places.iter().filter_map(|place| self.of.get(place)).flat_map(|(bags, _)| bags).collect()
    }

    /// The words of the whole of `place` (none for a place not counted).
    pub fn clause(&self, place: &Place) -> Option<&Bag> {
        self.of.get(place).map(|(_, whole)| whole)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::diff::BREAK;

    proptest::proptest! {
        /// A run's share, found a paragraph at a time, is the share of the paragraph with
        /// the run's paragraphs put in one.
        #[test]
        fn a_run_shares_what_its_paragraphs_put_together_share(
            one in "[a-dé Ж]{0,30}",
            run in proptest::collection::vec("[a-dé Ж]{0,30}", 1..6),
        ) {
            let mut growing = Run::default();
            growing.start(&Bag::new(&one));
            for k in 1..=run.len() {
                let share = growing.add(&Bag::new(&run[k - 1]));
                let whole = Bag::new(&one).share(&Bag::new(&run[..k].join(BREAK)));
                proptest::prop_assert_eq!(share, whole);
            }
        }
    }

    #[test]
    fn a_clause_counts_the_words_of_all_its_paragraphs() {
        let corpus = crate::read::load_str(include_str!("../../tests/fixtures/valid/template_pair.ron")).unwrap();
        let counted = Counted::new(&corpus, &[0, 1]);
        for place in [(0, 1), (0, 3), (1, 2)] {
            let whole = super::super::paragraphs(&corpus, &[place]).join(BREAK);
            assert_eq!(counted.clause(&place).map(|c| &c.words), Some(&Bag::new(&whole).words));
        }
        assert!(counted.paragraphs(&[(5, 1)]).is_empty() && counted.clause(&(5, 1)).is_none());
    }
}
