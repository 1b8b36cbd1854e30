//! Scores per item as a search adds them up, one slot of 32 bytes an item, and the adding
//! itself done a batch of fields at a time: the fields' items and lengths are read for the
//! whole batch before any is added, so that the processor waits for many reads of memory at
//! once rather than for each in turn (at 100,000 entries these reads are most of a search).

use super::{Field, Named, Span};

/// How many fields are read together before their scores are added.
const BATCH: usize = 32;

/// One item's sums: what it scored, which clauses it matched and where, and its best field.
#[derive(Clone, Copy, Debug, Default, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
pub(super) struct Sum {
    pub score: f32,
    /// What its best field scored.
    pub best: f32,
    /// Its best field's number, one more (0 for none).
    pub span: u32,
    /// Its best field's kind and number, as [`Span`] holds them (kept here, where the hit is
    /// made from, rather than read again from the fields at random).
    pub field: u32,
    /// Which clauses it has matched.
    pub mask: u64,
    /// Which of the first [`NAMED`] clauses it matched in its title or an alias (low half),
    /// and in a clause's heading (high half).
    pub named: u32,
    /// Makes the slot 32 bytes, so that no slot straddles two lines of the cache.
    pad: u32,
}

/// How many clauses of a query are followed into titles and headings: enough for any title.
pub(super) const NAMED: usize = 16;

/// Where a field names its item, for ranking: an entry's own name, a part's heading, or
/// neither (an event's title, which tells what happened rather than naming a thing, is
/// ranked as text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Naming {
    Title,
    Heading,
    Text,
}

impl Naming {
    pub fn of(field: Field) -> Self {
        match field {
            Field::Title | Field::Alias(_) => Self::Title,
            Field::Heading => Self::Heading,
            _ => Self::Text,
        }
    }
}

impl Sum {
    /// Whether its title or a heading holds every clause of `all`.
    fn named(&self, all: u64) -> Named {
        let named = (all & ((1 << NAMED) - 1)) as u32;
        let (titled, headed) = (self.named & 0xffff, self.named >> 16);
        if all >> NAMED != 0 || named == 0 {
            Named::Not
        } else if titled & named == named {
            Named::Title
        } else if (titled | headed) & named == named {
            Named::Heading
        } else {
            Named::Not
        }
    }
}

/// Every item's sums, and which items a search reached. Its table starts as zeros (pages
/// the system gives only when they are written), and only the items reached are written.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub sums: Vec<Sum>,
    /// The items reached, in the order they were.
    pub touched: Vec<u32>,
}

/// An item a search found, as it is ranked: how it is named in the top two bits, its score's bits
/// (which order as the scores do, none being negative, and need not their sign bit)
/// inverted below, then its place among the items found in corpus order (see [`Ranking`]),
/// so that ranking is sorting numbers: named first, best first, ties in corpus order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Ranked(u64);

impl Ranked {
    const SCORE: u32 = (1 << 30) - 1;

    pub fn new(named: Named, score: f32, place: u32) -> Self {
        let bits = !(score.max(0.0).to_bits() >> 1) & Self::SCORE;
        Self((named as u64) << 62 | u64::from(bits) << 32 | u64::from(place))
    }

    pub fn named(self) -> Named {
        match self.0 >> 62 {
            0 => Named::Title,
            1 => Named::Heading,
            _ => Named::Not,
        }
    }

    /// Its score (to within one part in four million).
    pub fn score(self) -> f32 {
        f32::from_bits((!((self.0 >> 32) as u32) & Self::SCORE) << 1)
    }

    /// Its place among the items found, in corpus order: [`Ranking::found`]'s index.
    pub fn place(self) -> u32 {
        self.0 as u32
    }

    /// The same item, named as it was, its score times `by`.
    pub fn times(self, by: f32) -> Self {
        Self::new(self.named(), self.score() * by, self.place())
    }
}

/// An item that matched every clause, with its best field as its sums hold it: read from
/// the tally in corpus order, before the items are sorted, so that making the hits reads
/// nothing more of the tally at random.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Reached {
    pub item: u32,
    /// Its best field's number, one more (0 for none).
    pub span: u32,
    /// Its best field's kind and number, as [`Span`] holds them.
    pub field: u32,
}

/// The items a search found: each in corpus order, and their order of rank.
#[derive(Debug, Default)]
pub(super) struct Ranking {
    pub found: Vec<Reached>,
    /// Best first, each holding its place in `found`.
    pub ranked: Vec<Ranked>,
}

impl Ranking {
    /// The item ranked as `r`.
    pub fn item(&self, r: Ranked) -> u32 {
        self.found[r.place() as usize].item
    }

    /// The found item ranked as `r`.
    pub fn reached(&self, r: Ranked) -> Reached {
        self.found[r.place() as usize]
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

    /// Adds `score` for the clause `bit` in field `span` (`s`) to `item`, if it has matched
    /// the clauses `need` already.
    fn add(&mut self, item: u32, need: u64, bit: u64, span: u32, s: Span, score: f32) {
        let field = s.field();
        let Some(sum) = self.sums.get_mut(item as usize) else { return };
        if sum.mask & need != need {
            return;
        }
        if sum.mask == 0 {
            self.touched.push(item);
        }
        sum.mask |= bit;
        sum.score += score;
        let named = (bit & ((1 << NAMED) - 1)) as u32;
        match Naming::of(field) {
            Naming::Title => sum.named |= named,
            Naming::Heading => sum.named |= named << 16,
            Naming::Text => {}
        }
        if score > sum.best || sum.span == 0 {
            (sum.best, sum.span, sum.field) = (score.max(sum.best), span.wrapping_add(1), s.field);
        }
    }

    /// The items that matched every clause of `all`, named first, best first. Their sums
    /// are read once, in corpus order (an order the processor reads ahead in).
    pub fn ranked(&mut self, all: u64) -> Ranking {
        self.touched.sort_unstable();
        let sums = &self.sums;
        // Made once at their greatest size: grown as they filled, they were copied several times.
        let mut found = Vec::with_capacity(self.touched.len());
        let mut ranked = Vec::with_capacity(self.touched.len());
        for &item in &self.touched {
            let sum = &sums[item as usize];
            if sum.mask == all {
                ranked.push(Ranked::new(sum.named(all), sum.score, found.len() as u32));
                found.push(Reached { item, span: sum.span, field: sum.field });
            }
        }
        ranked.sort_unstable();
        Ranking { found, ranked }
    }
}

/// What one clause's matches add: each field's count of matches is weighed by `weight`
/// and the field's kind and length, for items within `range` that matched `need` already.
pub(super) struct Adding<'a> {
    pub weight: f32,
    pub need: u64,
    pub bit: u64,
    pub range: std::ops::Range<u32>,
    /// Set when the search is no longer wanted: the adding then stops at the next batch.
    pub stop: &'a std::sync::atomic::AtomicBool,
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
    pub(super) fn add(&self, tally: &mut Tally, fields: impl Iterator<Item = (u32, u32)>, adding: &Adding<'_>) {
        let (spans, lens) = (self.spans, self.lens);
        let mut fields = fields.peekable();
        let mut batch = [(0u32, 0u32); BATCH];
        let mut read = [(Span { item: u32::MAX, field: 0 }, 0u32); BATCH];
        while fields.peek().is_some() {
            if adding.stop.load(std::sync::atomic::Ordering::Relaxed) {
                return;
            }
            let mut n = 0;
            for (slot, field) in batch.iter_mut().zip(fields.by_ref()) {
                *slot = field;
                n += 1;
            }
            // The reads of the batch, independent of each other, all under way at once, and
            // the items' sums asked for as soon as the items are known.
            for (to, &(span, _)) in read.iter_mut().zip(&batch[..n]) {
                *to = match spans.get(span as usize) {
                    Some(&s) => (s, lens.get(span as usize).copied().unwrap_or(1)),
                    None => (Span { item: u32::MAX, field: 0 }, 1),
                };
                prefetch(&tally.sums, to.0.item);
            }
            for (&(span, count), &(s, len)) in batch[..n].iter().zip(&read[..n]) {
                if adding.range.contains(&s.item) {
                    let norm = (self.norm)(s, len, count);
                    tally.add(s.item, adding.need, adding.bit, span, s, adding.weight * norm);
                }
            }
        }
    }
}

/// Asks the processor to read `sums[item]` into its cache, without waiting for it.
#[inline(always)]
fn prefetch(sums: &[Sum], item: u32) {
    #[cfg(target_arch = "x86_64")]
    if let Some(sum) = sums.get(item as usize) {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: a prefetch only hints at a read of memory the slice holds; it changes nothing.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(sum).cast::<i8>()) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (sums, item);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field of item 0 (which item does not matter to the tally's sums).
    fn at(field: Field) -> Span {
        Span::new(0, field)
    }

    #[test]
    fn an_item_keeps_its_best_field_and_adds_only_once_it_has_the_clauses_it_needs() {
        let mut tally = Tally::new(4);
        tally.add(2, 0, 1, 7, at(Field::Heading), 1.0);
        tally.add(2, 0, 1, 9, at(Field::Text(0)), 3.0);
        tally.add(2, 0, 1, 4, at(Field::Note(0)), 2.0);
        // Item 1 has not matched the first clause: the second adds nothing to it.
        tally.add(1, 1, 2, 3, at(Field::Title), 5.0);
        tally.add(2, 1, 2, 3, at(Field::Text(1)), 0.5);
        let ranking = tally.ranked(3);
        assert_eq!(ranking.ranked, [Ranked::new(Named::Not, 6.5, 0)]);
        assert_eq!(ranking.found, [Reached { item: 2, span: 10, field: at(Field::Text(0)).field }]);
        let sum = tally.sums[2];
        assert_eq!((sum.score, sum.span, Span { item: 2, field: sum.field }.field()), (6.5, 10, Field::Text(0)));
        assert_eq!(tally.touched, [2]);
        tally.clear();
        assert!(tally.sums.iter().all(|sum| sum.mask == 0 && sum.score == 0.0 && sum.span == 0 && sum.named == 0));
    }

    #[test]
    fn better_scores_rank_first_and_ties_keep_corpus_order() {
        let mut tally = Tally::new(10);
        for (item, score) in [(3, 1.0), (9, 2.5), (1, 1.0), (0, 0.25), (5, 7.0)] {
            tally.add(item, 0, 1, item, at(Field::Body(0)), score);
        }
        let ranking = tally.ranked(1);
        let order: Vec<(u32, f32)> = ranking.ranked.iter().map(|&r| (ranking.item(r), r.score())).collect();
        assert_eq!(order, [(5, 7.0), (9, 2.5), (1, 1.0), (3, 1.0), (0, 0.25)]);
    }

    #[test]
    fn an_item_named_by_every_clause_ranks_before_any_that_is_not() {
        let mut tally = Tally::new(6);
        // Item 0: both words in its title. Item 1: one in its title, one in its heading.
        // Item 2: both in its text, with a far better score. Item 3: an event, whose title
        // is ranked as text.
        for (item, field, bit, score) in [
            (0, Field::Title, 1, 1.0),
            (0, Field::Alias(0), 2, 1.0),
            (1, Field::Title, 1, 2.0),
            (1, Field::Heading, 2, 2.0),
            (2, Field::Text(0), 1, 50.0),
            (2, Field::Text(1), 2, 50.0),
            (3, Field::EventTitle, 1, 9.0),
            (3, Field::EventText, 2, 9.0),
        ] {
            tally.add(item, 0, bit, item, at(field), score);
        }
        let ranking = tally.ranked(3);
        let ranked = &ranking.ranked;
        let order: Vec<(u32, Named)> = ranked.iter().map(|&r| (ranking.item(r), r.named())).collect();
        assert_eq!(order, [(0, Named::Title), (1, Named::Heading), (2, Named::Not), (3, Named::Not)]);
        assert_eq!(ranked[2].times(0.5).score(), 50.0, "raised or lowered, it stays where its name puts it");
        assert_eq!(ranked[2].times(0.5).named(), Named::Not);
    }

    #[test]
    fn a_query_of_more_clauses_than_are_followed_into_names_is_ranked_by_score_alone() {
        let mut tally = Tally::new(2);
        let all = (1u64 << (NAMED + 1)) - 1;
        for c in 0..=NAMED {
            tally.add(0, 0, 1 << c, 0, at(Field::Title), 1.0);
            tally.add(1, 0, 1 << c, 1, at(Field::Body(0)), 2.0);
        }
        let ranking = tally.ranked(all);
        assert_eq!(ranking.ranked.iter().map(|&r| ranking.item(r)).collect::<Vec<_>>(), [1, 0]);
    }
}
