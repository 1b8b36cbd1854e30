//! Where a query's words stand: a phrase's words found in order by their places, and the
//! best hits raised by how near their words stand in one field.

use std::sync::atomic::{AtomicBool, Ordering};

use hashbrown::HashMap;

use super::Span;
use super::index::{Index, Terms};
use super::postings;
use super::tally::Ranking;

/// How many of the best hits are raised by how near their words stand.
const NEAR: usize = 100;

impl Index {
    /// The fields where the words of a phrase stand in order, next to each other, and how
    /// often they do: the words' postings are walked together, field by field in order, and
    /// places are compared only in fields that hold every word.
    pub(super) fn phrase(&self, words: &[Terms], stop: &AtomicBool) -> Option<Vec<(u32, u32)>> {
        // A word said twice ("of the … of the") is walked once.
        let mut distinct: Vec<&Terms> = Vec::new();
        let which: Vec<usize> = words
            .iter()
            .map(|terms| {
                distinct.iter().position(|d| *d == terms).unwrap_or_else(|| {
                    distinct.push(terms);
                    distinct.len() - 1
                })
            })
            .collect();
        let mut found = Vec::new();
        let mut places: Vec<Vec<u32>> = vec![Vec::new(); distinct.len()];
        let mut firsts = Vec::new();
        for in_names in [true, false] {
            let postings = self.postings(in_names);
            let mut walks: Vec<Walk> = distinct
                .iter()
                .map(|terms| Walk {
                    lists: terms.iter().filter(|t| t.0 == in_names).map(|t| postings.of(t.1).peekable()).collect(),
                })
                .collect();
            let mut from = 0;
            'fields: loop {
                // The first field at or after `from` that every word is in.
                let mut target = from;
                loop {
                    let mut agreed = true;
                    for walk in &mut walks {
                        match walk.seek(target) {
                            None => break 'fields,
                            Some(span) if span > target => (target, agreed) = (span, false),
                            Some(_) => {}
                        }
                    }
                    if agreed {
                        break;
                    }
                }
                if target % 4096 == 0 && stop.load(Ordering::Relaxed) {
                    return None;
                }
                for (walk, places) in walks.iter_mut().zip(&mut places) {
                    places.clear();
                    walk.places(target, places);
                    places.sort_unstable();
                }
                firsts.clone_from(&places[which[0]]);
                for (i, &w) in which.iter().enumerate().skip(1) {
                    if firsts.is_empty() {
                        break;
                    }
                    firsts.retain(|&s| places[w].binary_search(&s.saturating_add(i as u32)).is_ok());
                }
                if !firsts.is_empty() {
                    found.push((target, firsts.len() as u32));
                }
                match target.checked_add(1) {
                    Some(next) => from = next,
                    None => break,
                }
            }
        }
        Some(found)
    }

    /// Raises the best hits of a query of several clauses by how near its clauses stand
    /// in one field, and puts them in order again.
    pub(super) fn raise_near(&self, ranking: &mut Ranking, terms: &[Vec<Terms>]) {
        let clauses = terms.len();
        let top = ranking.ranked.len().min(NEAR);
        // The fields of the best hits, as runs of field numbers in order: an item's fields
        // are numbered one after another, so that a posting is known to be one of theirs
        // without reading which item its field belongs to.
        let spans: &[Span] = &self.spans;
        let mut runs: Vec<std::ops::Range<u32>> = ranking.ranked[..top]
            .iter()
            .map(|&r| {
                let item = ranking.item(r);
                let from = spans.partition_point(|s| s.item < item);
                let to = from + spans[from..].partition_point(|s| s.item <= item);
                from as u32..to as u32
            })
            .filter(|run| !run.is_empty())
            .collect();
        runs.sort_unstable_by_key(|run| run.start);
        // Per field of the best hits: per clause, where its first word stands.
        let mut places: HashMap<u32, Vec<Vec<u32>>> = HashMap::default();
        for (c, words) in terms.iter().enumerate() {
            for &(in_names, n, _) in &words[0] {
                let mut run = 0;
                for p in self.postings(in_names).of(n) {
                    while runs.get(run).is_some_and(|r| r.end <= p.span) {
                        run += 1;
                    }
                    let Some(r) = runs.get(run) else { break };
                    if r.contains(&p.span) {
                        let per_clause = places.entry(p.span).or_insert_with(|| vec![Vec::new(); clauses]);
                        per_clause[c].extend(p.places());
                    }
                }
            }
        }
        let mut nearest: HashMap<u32, u32> = HashMap::default();
        for (span, per_clause) in places {
            if let (Some(window), Some(s)) = (window(per_clause), spans.get(span as usize)) {
                let best = nearest.entry(s.item).or_insert(u32::MAX);
                *best = (*best).min(window);
            }
        }
        for k in 0..top {
            let r = ranking.ranked[k];
            if let Some(&window) = nearest.get(&ranking.item(r)) {
                let apart = window.saturating_sub(clauses as u32);
                ranking.ranked[k] = r.times(1.0 + 2.0 / (1.0 + apart as f32));
            }
        }
        ranking.ranked[..top].sort_unstable();
    }
}

/// One phrase word's postings in one part, walked field by field in order (the postings of
/// each of its words of the corpus, side by side).
struct Walk<'a> {
    lists: Vec<std::iter::Peekable<postings::Iter<'a>>>,
}

impl Walk<'_> {
    /// Passes over the fields before `span`; the first field left, if any.
    fn seek(&mut self, span: u32) -> Option<u32> {
        let mut first = None;
        for list in &mut self.lists {
            while list.next_if(|p| p.span < span).is_some() {}
            if let Some(p) = list.peek() {
                first = Some(first.map_or(p.span, |f: u32| f.min(p.span)));
            }
        }
        first
    }

    /// Adds the places in field `span` (where the walk stands) to `out`.
    fn places(&mut self, span: u32, out: &mut Vec<u32>) {
        for list in &mut self.lists {
            if let Some(p) = list.next_if(|p| p.span == span) {
                out.extend(p.places());
            }
        }
    }
}

/// The fewest words a run holding one place of each list spans, if every list has one.
fn window(mut lists: Vec<Vec<u32>>) -> Option<u32> {
    if lists.iter().any(Vec::is_empty) {
        return None;
    }
    for list in &mut lists {
        list.sort_unstable();
    }
    let mut at = vec![0usize; lists.len()];
    let mut best = u32::MAX;
    loop {
        let (low, high) = lists.iter().zip(&at).fold((u32::MAX, 0), |(lo, hi), (l, &a)| (lo.min(l[a]), hi.max(l[a])));
        best = best.min(high - low + 1);
        let lowest = (0..lists.len()).find(|&k| lists[k][at[k]] == low)?;
        at[lowest] += 1;
        if at[lowest] == lists[lowest].len() {
            return Some(best);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_narrowest_run_holding_each_word_is_measured() {
        assert_eq!(window(vec![vec![3], vec![4]]), Some(2));
        assert_eq!(window(vec![vec![1, 10], vec![7, 12], vec![11]]), Some(3));
        assert_eq!(window(vec![vec![1], vec![]]), None);
    }
}
