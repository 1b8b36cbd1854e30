//! Two treaties' articles paired by their text, where the corpus declares no counterparts:
//! each article with its best counterpart, in order where the treaties follow each other;
//! then articles moved out of order, and the parts of an article split or merged in the
//! other treaty.

use hashbrown::HashMap;

use super::words::{Bag, Counted};
use super::{Place, both};
use crate::model::Corpus;

/// The least score for two articles to be paired in order: the cosine of their words, with
/// the evidence of an equal heading and an equal label added.
const PAIRED_FROM: f32 = 0.25;

/// The least score for an article left over to be paired out of order: moved, or part of
/// an article split or merged in the other treaty.
const JOINED_FROM: f32 = 0.4;

/// What an equal heading (folded) adds to a score, and an equal label.
const SAME_HEADING: f32 = 0.15;
const SAME_LABEL: f32 = 0.05;

/// Below this many clauses in all, no word is left out as common to half of them.
const FEW_CLAUSES: f32 = 16.0;

/// Above this many pairs of articles to score, none is paired by text (two treaties of
/// 4,000 articles each).
const MOST_PAIRS: usize = 16_000_000;

/// The clauses of `right` that answer to the clauses of `left`, by their text: pairs of
/// positions in the two lists, in order of `left` (a position of either may stand in more
/// than one pair: an article split in two, or two merged in one).
pub fn pairs(corpus: &Corpus, counted: &Counted, left: &[Place], right: &[Place]) -> Vec<(usize, usize)> {
    let (n, m) = (left.len(), right.len());
    if n == 0 || m == 0 || n.saturating_mul(m) > MOST_PAIRS {
        return Vec::new();
    }
    let score = scores(corpus, counted, left, right);
    let at = |i: usize, j: usize| score[i * m + j];
    // best[i][j]: the most score pairing left[i..] with right[j..] in order.
    let mut best = vec![0.0f32; (n + 1) * (m + 1)];
    let cell = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let paired = if at(i, j) >= PAIRED_FROM { at(i, j) + best[cell(i + 1, j + 1)] } else { f32::MIN };
            best[cell(i, j)] = paired.max(best[cell(i + 1, j)]).max(best[cell(i, j + 1)]);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if at(i, j) >= PAIRED_FROM && best[cell(i, j)] == at(i, j) + best[cell(i + 1, j + 1)] {
            pairs.push((i, j));
            (i, j) = (i + 1, j + 1);
        } else if best[cell(i, j)] == best[cell(i + 1, j)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    // What is left over on either side joins its best counterpart, wherever it stands.
    let (mut held_left, mut held_right) = (vec![false; n], vec![false; m]);
    for &(i, j) in &pairs {
        (held_left[i], held_right[j]) = (true, true);
    }
    let mut joined = Vec::new();
    for j in (0..m).filter(|&j| !held_right[j]) {
        let best = (0..n).max_by(|&a, &b| at(a, j).total_cmp(&at(b, j)));
        joined.extend(best.filter(|&i| at(i, j) >= JOINED_FROM).map(|i| (i, j)));
    }
    for i in (0..n).filter(|&i| !held_left[i]) {
        let best = (0..m).max_by(|&a, &b| at(i, a).total_cmp(&at(i, b)));
        joined.extend(best.filter(|&j| at(i, j) >= JOINED_FROM).map(|j| (i, j)));
    }
    pairs.extend(joined);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// For each clause of `left` and each of `right` (row by row), how alike they are: the
/// cosine of their TF-IDF vectors over the words of both lists, plus the evidence of their
/// headings and labels. Found through the lists of each word's clauses on the right, so
/// that only the words two clauses share are counted. The rows are scored half on each of
/// two threads.
fn scores(corpus: &Corpus, counted: &Counted, left: &[Place], right: &[Place]) -> Vec<f32> {
    let nothing = Bag::default();
    let clause = |place: &Place| counted.clause(place).unwrap_or(&nothing);
    let (left_words, right_words): (Vec<&Bag>, Vec<&Bag>) =
        (left.iter().map(clause).collect(), right.iter().map(clause).collect());
    // Each word a number, and in how many clauses it stands.
    let mut ids: HashMap<u64, u32> = HashMap::default();
    ids.reserve(left_words.iter().chain(&right_words).map(|b| b.words.len()).max().unwrap_or(0) * 8);
    let mut df: Vec<u32> = Vec::new();
    let mut bags: Vec<Vec<(u32, f32)>> = left_words
        .iter()
        .chain(&right_words)
        .map(|bag| {
            bag.words
                .iter()
                .map(|&(hash, count)| {
                    let next = ids.len() as u32;
                    let id = *ids.entry(hash).or_insert(next);
                    if id == next {
                        df.push(0);
                    }
                    df[id as usize] += 1;
                    (id, count as f32)
                })
                .collect()
        })
        .collect();
    let all = bags.len() as f32;
    // A word in half the clauses or more weighs little, and would cost the most to count:
    // it is left out, once there are enough clauses for that to say anything.
    let common = |w: u32| all >= FEW_CLAUSES && 2 * df[w as usize] as usize >= all as usize;
    let weight: Vec<f32> = df.iter().map(|&d| (all / d as f32).ln()).collect();
    for bag in &mut bags {
        bag.retain(|&(w, _)| !common(w));
        for (w, x) in bag.iter_mut() {
            *x *= weight[*w as usize];
        }
        let norm = bag.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            bag.iter_mut().for_each(|(_, x)| *x /= norm);
        }
    }
    let (lefts, rights) = bags.split_at(left.len());
    let m = right.len();
    let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::new(); ids.len()];
    for (j, bag) in rights.iter().enumerate() {
        for &(w, x) in bag.iter().filter(|(_, x)| *x > 0.0) {
            lists[w as usize].push((j as u32, x));
        }
    }
    let mut score = vec![0.0f32; left.len() * m];
    let score_rows = |rows: &mut [f32], lefts: &[Vec<(u32, f32)>]| {
        for (row, bag) in rows.chunks_mut(m.max(1)).zip(lefts) {
            for &(w, x) in bag {
                for &(j, y) in &lists[w as usize] {
                    row[j as usize] += x * y;
                }
            }
        }
    };
    let half = left.len() / 2;
    let (first, second) = score.split_at_mut(half * m);
    both(|| score_rows(first, &lefts[..half]), || score_rows(second, &lefts[half..]));
    add_evidence(corpus, left, right, &mut score);
    score
}

/// What an equal heading and an equal label add to the score of each pair of clauses that
/// has them: the clauses of `right` found by their heading and label, not each pair read.
fn add_evidence(corpus: &Corpus, left: &[Place], right: &[Place], score: &mut [f32]) {
    let clause = |&(e, p): &Place| corpus.entries.get(e).and_then(|entry| entry.part(p));
    let fold = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    let folded = |place: &Place| -> (String, String) {
        clause(place).map_or_else(Default::default, |c| (fold(&c.heading), fold(&c.label.to_string())))
    };
    let mut by_heading: HashMap<String, Vec<usize>> = HashMap::default();
    let mut by_label: HashMap<String, Vec<usize>> = HashMap::default();
    for (j, place) in right.iter().enumerate() {
        let (heading, label) = folded(place);
        if !heading.is_empty() {
            by_heading.entry(heading).or_default().push(j);
        }
        by_label.entry(label).or_default().push(j);
    }
    let m = right.len();
    for (i, place) in left.iter().enumerate() {
        let (heading, label) = folded(place);
        for &j in by_heading.get(&heading).into_iter().flatten() {
            score[i * m + j] += SAME_HEADING;
        }
        for &j in by_label.get(&label).into_iter().flatten() {
            score[i * m + j] += SAME_LABEL;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two treaties written from one plan (see the file).
    const PLAN: &str = include_str!("../../tests/fixtures/valid/template_pair.ron");

    #[test]
    fn renumbered_reordered_split_and_merged_articles_find_their_counterparts() {
        let corpus = crate::read::load_str(PLAN).unwrap();
        let left: Vec<Place> = (1..=6).map(|p| (0, p)).collect();
        let right: Vec<Place> = (1..=7).map(|p| (1, p)).collect();
        let found = pairs(&corpus, &Counted::new(&corpus, &[0, 1]), &left, &right);
        // a1 (objectives) and a2 (definitions) swapped; a3 split in b12 and b13; a4 beside b14;
        // a5 and a6 merged in b15; b16 answers to nothing.
        assert_eq!(found, [(0, 1), (1, 0), (2, 2), (2, 3), (3, 4), (4, 5), (5, 5)]);
    }

    #[test]
    fn articles_with_nothing_in_common_are_not_paired() {
        let corpus = crate::read::load_str(PLAN).unwrap();
        let counted = Counted::new(&corpus, &[0, 1]);
        assert!(pairs(&corpus, &counted, &[(0, 4)], &[(1, 7)]).is_empty());
        assert!(pairs(&corpus, &counted, &[], &[(1, 7)]).is_empty());
    }
}
