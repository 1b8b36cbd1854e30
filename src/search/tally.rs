//! Scores per item as a search adds them up, one slot of 24 bytes an item, and the adding
//! itself done a batch of fields at a time: the fields' items and lengths are read for the
//! whole batch before any is added, so that the processor waits for many reads of memory at
//! once rather than for each in turn (at 100,000 entries these reads are most of a search).

use super::Span;

/// How many fields are read together before their scores are added.
const BATCH: usize = 32;

/// One item's sums: what it scored, which clauses it matched, and its best field.
#[derive(Clone, Copy, Debug, Default, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
pub(super) struct Sum {
    pub score: f32,
    /// What its best field scored.
    pub best: f32,
    /// Its best field's number, one more (0 for none).
    pub span: u32,
    /// Its best field's kind and number, as [`Span`] holds them.
    pub field: u32,
    /// Which clauses it has matched.
    pub mask: u64,
}

/// Every item's sums, and which items a search reached. Its table starts as zeros (pages
/// the system gives only when they are written), and only the items reached are written.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub sums: Vec<Sum>,
    /// The items reached, in the order they were.
    pub touched: Vec<u32>,
}

/// An item a search found, as it is ranked: its score's bits (which order as the scores
/// do, none being negative) inverted above its number, so that ranking is sorting numbers:
/// best first, ties in corpus order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Ranked(u64);

impl Ranked {
    pub fn new(score: f32, item: u32) -> Self {
        Self(u64::from(!score.to_bits()) << 32 | u64::from(item))
    }

    pub fn score(self) -> f32 {
        f32::from_bits(!((self.0 >> 32) as u32))
    }

    pub fn item(self) -> u32 {
        self.0 as u32
    }
}

impl Tally {
    pub fn new(items: usize) -> Self {
        Self { sums: bytemuck::zeroed_vec(items), touched: Vec::new() }
    }

    /// Writes every slot once, so that the system gives its pages now rather than during a
    /// search.
    pub fn fault_in(&mut self) {
        self.sums.fill(Sum::default());
    }

    /// Zero again, where a search wrote.
    pub fn clear(&mut self) {
        for &i in &self.touched {
            self.sums[i as usize] = Sum::default();
        }
        self.touched.clear();
    }

    /// Adds `score` for the clause `bit` in field `span` to `item`, if it has matched the
    /// clauses `need` already.
    fn add(&mut self, item: u32, need: u64, bit: u64, span: u32, field: u32, score: f32) {
        let Some(sum) = self.sums.get_mut(item as usize) else { return };
        if sum.mask & need != need {
            return;
        }
        if sum.mask == 0 {
            self.touched.push(item);
        }
        sum.mask |= bit;
        sum.score += score;
        if score > sum.best || sum.span == 0 {
            (sum.best, sum.span, sum.field) = (score.max(sum.best), span.wrapping_add(1), field);
        }
    }

    /// The items that matched every clause of `all`, best first.
    pub fn ranked(&mut self, all: u64) -> Vec<Ranked> {
        let sums = &self.sums;
        // Made once at its greatest size: grown as it filled, it was copied several times.
        let mut ranked = Vec::with_capacity(self.touched.len());
        ranked.extend(
            (self.touched.iter())
                .filter(|&&i| sums[i as usize].mask == all)
                .map(|&i| Ranked::new(sums[i as usize].score, i)),
        );
        ranked.sort_unstable();
        ranked
    }
}

/// What one clause's matches add: each field's count of matches is weighed by `weight`
/// and the field's kind and length, for items within `range` that matched `need` already.
pub(super) struct Adding {
    pub weight: f32,
    pub need: u64,
    pub bit: u64,
    pub range: std::ops::Range<u32>,
}

/// The fields of an index as [`add_fields`] reads them: each field's item and place, its
/// length in words, and the weight of a match given the field, its length and how often
/// the field matched.
pub(super) struct Fields<'a, N: Fn(Span, u32, u32) -> f32> {
    pub spans: &'a [Span],
    pub lens: &'a [u32],
    pub norm: N,
}

impl<N: Fn(Span, u32, u32) -> f32> Fields<'_, N> {
    /// Adds to `tally` the matches of `fields` (each a field's number and how often it
    /// matched, in any order), as `adding` says.
    pub(super) fn add(&self, tally: &mut Tally, fields: impl Iterator<Item = (u32, u32)>, adding: &Adding) {
        let (spans, lens) = (self.spans, self.lens);
        let mut fields = fields.peekable();
        let mut batch = [(0u32, 0u32); BATCH];
        let mut read = [(Span { item: u32::MAX, field: 0 }, 0f32); BATCH];
        while fields.peek().is_some() {
            let mut n = 0;
            for (slot, field) in batch.iter_mut().zip(fields.by_ref()) {
                *slot = field;
                n += 1;
            }
            // The reads of the batch, independent of each other, all under way at once.
            for (to, &(span, count)) in read.iter_mut().zip(&batch[..n]) {
                *to = match spans.get(span as usize) {
                    Some(&s) => (s, (self.norm)(s, lens.get(span as usize).copied().unwrap_or(1), count)),
                    None => (Span { item: u32::MAX, field: 0 }, 0.0),
                };
            }
            for (&(span, _), &(s, norm)) in batch[..n].iter().zip(&read[..n]) {
                if adding.range.contains(&s.item) {
                    tally.add(s.item, adding.need, adding.bit, span, s.field, adding.weight * norm);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_keeps_its_best_field_and_adds_only_once_it_has_the_clauses_it_needs() {
        let mut tally = Tally::new(4);
        tally.add(2, 0, 1, 7, 5, 1.0);
        tally.add(2, 0, 1, 9, 6, 3.0);
        tally.add(2, 0, 1, 4, 8, 2.0);
        // Item 1 has not matched the first clause: the second adds nothing to it.
        tally.add(1, 1, 2, 3, 0, 5.0);
        tally.add(2, 1, 2, 3, 0, 0.5);
        assert_eq!(tally.ranked(3), [Ranked::new(6.5, 2)]);
        let sum = tally.sums[2];
        assert_eq!((sum.score, sum.span, sum.field), (6.5, 10, 6));
        assert_eq!(tally.touched, [2]);
        tally.clear();
        assert!(tally.sums.iter().all(|sum| sum.mask == 0 && sum.score == 0.0 && sum.span == 0));
    }

    #[test]
    fn better_scores_rank_first_and_ties_keep_corpus_order() {
        let mut tally = Tally::new(10);
        for (item, score) in [(3, 1.0), (9, 2.5), (1, 1.0), (0, 0.25), (5, 7.0)] {
            tally.add(item, 0, 1, item, 0, score);
        }
        let ranked = tally.ranked(1);
        let order: Vec<(u32, f32)> = ranked.iter().map(|r| (r.item(), r.score())).collect();
        assert_eq!(order, [(5, 7.0), (9, 2.5), (1, 1.0), (3, 1.0), (0, 0.25)]);
    }
}
