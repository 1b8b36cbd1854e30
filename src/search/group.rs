//! Hits grouped by entry: a treaty's own hit and its articles' together, in the order of
//! each entry's best hit, so that a query matching 274 articles of 149 agreements reads as
//! 149 rows; an event of the timeline stands alone.

use super::{Hit, Item};

/// The hits of a search grouped by entry: `order` holds the hits' numbers (in the ranked
/// list) group after group, each group's best first; group `g` is `order[starts[g]..starts[g
/// + 1]]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Groups {
    order: Vec<u32>,
    starts: Vec<u32>,
}

impl Groups {
    /// `hits`, ranked best first, grouped by the entries of a corpus of `entries` entries.
    /// Linear in the hits: each entry's group is found in a table, not a search.
    pub fn of(hits: &[Hit], entries: usize) -> Self {
        const NONE: u32 = u32::MAX;
        let mut group_of_entry = vec![NONE; entries];
        let mut group = Vec::with_capacity(hits.len());
        let mut sizes: Vec<u32> = Vec::new();
        for hit in hits {
            let slot = match hit.item {
                Item::Entry(e) | Item::Clause(e, _) => group_of_entry.get_mut(e),
                Item::Event(_) => None,
            };
            let g = match slot {
                Some(g) if *g != NONE => *g,
                other => {
                    let new = sizes.len() as u32;
                    if let Some(g) = other {
                        *g = new;
                    }
                    sizes.push(0);
                    new
                }
            };
            sizes[g as usize] += 1;
            group.push(g);
        }
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        let mut at = 0;
        starts.push(0);
        for size in &sizes {
            at += size;
            starts.push(at);
        }
        // Each hit to the next place of its group, in rank order.
        let mut next: Vec<u32> = starts[..sizes.len()].to_vec();
        let mut order = vec![0; hits.len()];
        for (i, &g) in group.iter().enumerate() {
            order[next[g as usize] as usize] = i as u32;
            next[g as usize] += 1;
        }
        Self { order, starts }
    }

    /// How many groups.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The hits of group `g`, best first (their numbers in the ranked list).
    pub fn members(&self, g: usize) -> &[u32] {
        match (self.starts.get(g), self.starts.get(g + 1)) {
            (Some(&from), Some(&to)) => &self.order[from as usize..to as usize],
            _ => &[],
        }
    }

    /// Every hit's number, group after group.
    pub fn order(&self) -> &[u32] {
        &self.order
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Field, Named};

    fn hit(item: Item) -> Hit {
        Hit { item, field: Field::Title, score: 1, typo: false, named: Named::Not, span: 0 }
    }

    #[test]
    fn hits_gather_under_their_entry_in_the_order_of_each_entrys_best() {
        let hits = [
            hit(Item::Clause(4, 2)),
            hit(Item::Entry(1)),
            hit(Item::Event(0)),
            hit(Item::Clause(4, 7)),
            hit(Item::Clause(1, 3)),
            hit(Item::Entry(4)),
            hit(Item::Event(5)),
        ];
        let groups = Groups::of(&hits, 6);
        assert_eq!(groups.len(), 4);
        assert_eq!(groups.members(0), [0, 3, 5], "entry 4: its best article, the next, the entry");
        assert_eq!(groups.members(1), [1, 4]);
        assert_eq!(groups.members(2), [2], "an event alone");
        assert_eq!(groups.members(3), [6]);
        assert_eq!(groups.order(), [0, 3, 5, 1, 4, 2, 6]);
        assert!(groups.members(4).is_empty());
        assert!(Groups::of(&[], 6).is_empty());
    }

    #[test]
    fn a_hit_of_an_entry_past_the_corpus_stands_alone_rather_than_panics() {
        let groups = Groups::of(&[hit(Item::Entry(9)), hit(Item::Clause(9, 1))], 2);
        assert_eq!(groups.len(), 2);
    }
}
