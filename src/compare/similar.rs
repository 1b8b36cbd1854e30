//! "Similar clauses": the articles and annexes of a corpus most like a given one, by the
//! cosine of their TF-IDF vectors over folded words (a word weighs its count in the clause
//! times ln(N / the clauses it occurs in)), found through an inverted index so that a query
//! reads only the lists of its own words.

use hashbrown::HashMap;

use super::Place;
use crate::model::Corpus;

/// Numbers (of words, or of clauses), each with a weight.
pub type Weighted = Vec<(u32, f32)>;

/// Every article and annex of a corpus as a weighted bag of words.
#[derive(Debug, Default, PartialEq)]
pub struct Similar {
    /// Each clause indexed, by number.
    places: Vec<Place>,
    /// Per word (by number): the clauses it occurs in, with its weight there (each
    /// clause's weights scaled to length 1).
    lists: Vec<Vec<(u32, f32)>>,
    /// Per clause: its words and their weights.
    vectors: Vec<Vec<(u32, f32)>>,
}

impl Similar {
    /// The index of every article and annex of `corpus`'s treaties.
    pub fn new(corpus: &Corpus) -> Self {
        let mut similar = Similar::default();
        // Word → its number.
        let mut words: HashMap<u64, u32> = HashMap::default();
        let mut counts: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut word = String::new();
        for (e, entry) in corpus.entries.iter().enumerate() {
            for (k, clause) in entry.clauses.iter().enumerate() {
                if clause.label == crate::model::ClauseLabel::Preamble {
                    continue;
                }
                let mut bag: HashMap<u32, u32> = HashMap::default();
                for text in clause.text.iter() {
                    crate::search::fold::fold_words(&text.plain, &mut word, |w, _| {
                        let next = words.len() as u32;
                        let n = *words.entry(xxhash_rust::xxh3::xxh3_64(w.as_bytes())).or_insert(next);
                        *bag.entry(n).or_default() += 1;
                    });
                }
                let mut bag: Vec<(u32, u32)> = bag.into_iter().collect();
                bag.sort_unstable();
                similar.places.push((e, k + 1));
                counts.push(bag);
            }
        }
        let mut df = vec![0u32; words.len()];
        for bag in &counts {
            for &(w, _) in bag {
                df[w as usize] += 1;
            }
        }
        let n = counts.len() as f32;
        similar.lists = vec![Vec::new(); words.len()];
        for (c, bag) in counts.into_iter().enumerate() {
            let mut vector: Vec<(u32, f32)> =
                bag.into_iter().map(|(w, tf)| (w, tf as f32 * (n / df[w as usize] as f32).ln())).collect();
            let norm = vector.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                vector.iter_mut().for_each(|(_, x)| *x /= norm);
            }
            for &(w, x) in &vector {
                if x > 0.0 {
                    similar.lists[w as usize].push((c as u32, x));
                }
            }
            similar.vectors.push(vector);
        }
        similar
    }

    /// Whether it can be the index of `corpus` and its parts fit together: for an index
    /// read back from disk, before it is trusted.
    pub fn is_index_of(&self, corpus: &Corpus) -> bool {
        let indexed = corpus.entries.iter().enumerate().flat_map(|(e, entry)| {
            entry
                .clauses
                .iter()
                .enumerate()
                .filter(|(_, c)| c.label != crate::model::ClauseLabel::Preamble)
                .map(move |(k, _)| (e, k + 1))
        });
        let (clauses, words) = (self.places.len(), self.lists.len());
        self.places.iter().copied().eq(indexed)
            && self.vectors.len() == clauses
            && self.lists.iter().flatten().all(|&(c, x)| (c as usize) < clauses && x.is_finite())
            && self.vectors.iter().flatten().all(|&(w, x)| (w as usize) < words && x.is_finite())
    }

    /// How many clauses are indexed.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The `most` clauses of other entries most like `place`, best first, with the cosine
    /// of their vectors (from 0 to 1); none for a clause not indexed (a preamble).
    pub fn like(&self, place: Place, most: usize) -> Vec<(Place, f32)> {
        // The places are in corpus order (and found so in a kept index by `fits`).
        let Ok(c) = self.places.binary_search(&place) else { return Vec::new() };
        let mut scores = Scores::new(self.places.len());
        for &(w, x) in &self.vectors[c] {
            scores.add(x, &self.lists[w as usize]);
        }
        scores
            .best(&self.places, place.0, most)
            .into_iter()
            .map(|(c, score)| (self.places[c as usize], score))
            .collect()
    }

    /// Its parts: each clause's place, each word's list, each clause's vector.
    pub fn parts(&self) -> (&[Place], &[Weighted], &[Weighted]) {
        (&self.places, &self.lists, &self.vectors)
    }

    /// The index of these parts, as [`Similar::parts`] gives them.
    pub fn from_parts(places: Vec<Place>, lists: Vec<Weighted>, vectors: Vec<Weighted>) -> Self {
        Self { places, lists, vectors }
    }
}

/// The scores of the clauses like one, added up a word at a time: the same sums in the same
/// order whether the lists come from memory or, a few at a time, from a kept index.
pub struct Scores(Vec<f32>);

impl Scores {
    /// Scores for `clauses` clauses, all none yet.
    pub fn new(clauses: usize) -> Self {
        Self(vec![0.0; clauses])
    }

    /// Adds the weight `x` of one of the clause's words times its weight in each clause of
    /// its list.
    pub fn add(&mut self, x: f32, list: &[(u32, f32)]) {
        for &(other, y) in list {
            if let Some(sum) = self.0.get_mut(other as usize) {
                *sum += x * y;
            }
        }
    }

    /// The `most` best clauses of entries other than `entry` (`places` giving each clause's
    /// place), best first, and the earlier in the corpus of two alike.
    pub fn best(self, places: &[Place], entry: usize, most: usize) -> Vec<(u32, f32)> {
        let mut found: Vec<(u32, Place, f32)> = (self.0.into_iter().enumerate())
            .filter(|&(_, score)| score > 0.0)
            .filter_map(|(c, score)| Some((c as u32, *places.get(c)?, score.min(1.0))))
            .filter(|&(_, (e, _), _)| e != entry)
            .collect();
        let order = |a: &(u32, Place, f32), b: &(u32, Place, f32)| b.2.total_cmp(&a.2).then(a.1.cmp(&b.1));
        if found.len() > most && most > 0 {
            found.select_nth_unstable_by(most - 1, order);
        }
        found.truncate(most);
        found.sort_unstable_by(order);
        found.into_iter().map(|(c, _, score)| (c, score)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::load_str;

    /// Three small treaties written alike, each article in other words.
    const THREE: &str = r#"Corpus(title: "Three", entries: [
        Entry(id: "a", title: "A", kind: Treaty, summary: "A.", articles: [
            Article(text: ["Each party shall help the other with arms and troops if attacked by a great power."]),
            Article(text: ["Naval bases and airfields are leased at a fair rent on the coast."]),
            Article(text: ["This treaty enters into force on ratification and lasts ten years."]),
        ]),
        Entry(id: "b", title: "B", kind: Treaty, summary: "B.", articles: [
            Article(text: ["This pact lasts ten years and enters into force when ratified."]),
            Article(text: ["If a great power attacks, each party shall help the other with troops and arms."]),
            Article(text: ["The other party leases naval bases and airfields on the coast, at a fair rent."]),
        ]),
        Entry(id: "c", title: "C", kind: Place, summary: "Not a treaty."),
    ])"#;

    #[test]
    fn the_right_counterpart_comes_first() {
        let corpus = load_str(THREE).unwrap();
        let similar = Similar::new(&corpus);
        assert_eq!(similar.len(), 6);
        for (query, expected) in [((0, 1), (1, 2)), ((0, 2), (1, 3)), ((0, 3), (1, 1)), ((1, 1), (0, 3))] {
            let found = similar.like(query, 3);
            assert_eq!(found[0].0, expected, "{query:?}: {found:?}");
            assert!(found.get(1).is_none_or(|second| found[0].1 > second.1), "a clear first: {found:?}");
            assert!(found.iter().all(|(p, s)| p.0 != query.0 && (0.0..=1.0).contains(s)), "only other treaties");
        }
        assert!(similar.like((2, 0), 3).is_empty(), "nothing for what is not indexed");
    }
}
