//! What an export holds: the entries, and the clauses of each, that addresses, `--kind` and
//! `--where` choose; the whole corpus when nothing is chosen.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::app::filter::{Filter, names};
use crate::model::{Corpus, Entry, Event, address};

/// The entries and clauses an export writes.
#[derive(Debug, Default)]
pub struct Selection {
    /// Each entry chosen, in corpus order, with the clauses chosen (by place, from 0) as
    /// ranges in order that neither overlap nor touch; none when the whole corpus is.
    chosen: Option<BTreeMap<usize, Vec<Range<usize>>>>,
}

impl Selection {
    /// The whole corpus.
    pub fn all() -> Self {
        Self::default()
    }

    /// What `addresses` name (an entry whole, a division's clauses, an article), of the
    /// entries that `filter` lets through (`--where`, with `--kind` as `kind:`); every entry
    /// the filter lets through when no address is given. An address that leads nowhere is
    /// refused, with why.
    pub fn choose(corpus: &Corpus, addresses: &[String], filter: Option<&Filter>) -> Result<Self, String> {
        let filter = filter.filter(|f| !f.is_empty());
        if addresses.is_empty() && filter.is_none() {
            return Ok(Self::all());
        }
        let mut chosen: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
        if addresses.is_empty() {
            chosen.extend(
                corpus.entries.iter().enumerate().map(|(i, e)| (i, std::iter::once(0..e.clauses.len()).collect())),
            );
        }
        for spec in addresses {
            let (entry, clauses) = address::clauses(corpus, spec)?;
            chosen.entry(entry).or_default().push(clauses);
        }
        if let Some(filter) = filter {
            let mut kept: Vec<usize> = chosen.keys().copied().collect();
            filter.retain(corpus, &names(corpus), &mut kept);
            chosen.retain(|e, _| kept.binary_search(e).is_ok());
        }
        for ranges in chosen.values_mut() {
            *ranges = merged(std::mem::take(ranges));
        }
        Ok(Self { chosen: Some(chosen) })
    }

    /// The entries chosen, in corpus order.
    pub fn entries<'a>(&'a self, corpus: &'a Corpus) -> Box<dyn Iterator<Item = usize> + 'a> {
        match &self.chosen {
            None => Box::new(0..corpus.entries.len()),
            Some(chosen) => Box::new(chosen.keys().copied()),
        }
    }

    /// How many entries are chosen.
    pub fn count(&self, corpus: &Corpus) -> usize {
        self.chosen.as_ref().map_or(corpus.entries.len(), BTreeMap::len)
    }

    /// The clauses chosen of entry `index`, in order, each with whether it begins a run of
    /// those chosen (where the divisions it stands in are to be named).
    pub fn clauses<'a>(&'a self, index: usize, entry: &Entry) -> impl Iterator<Item = (usize, bool)> + 'a {
        let ranges: Vec<Range<usize>> = match &self.chosen {
            None => std::iter::once(0..entry.clauses.len()).collect(),
            Some(chosen) => chosen.get(&index).cloned().unwrap_or_default(),
        };
        let len = entry.clauses.len();
        ranges.into_iter().flat_map(move |r| (r.start.min(len)..r.end.min(len)).map(move |k| (k, k == r.start)))
    }

    /// Whether the whole of entry `index` is chosen, not some of its clauses alone.
    pub fn whole(&self, index: usize, entry: &Entry) -> bool {
        match &self.chosen {
            None => true,
            Some(chosen) => {
                chosen.get(&index).is_some_and(|r| matches!(&r[..], [only] if *only == (0..entry.clauses.len())))
            }
        }
    }

    /// Whether entry `index` is written (whole or in part).
    pub fn holds_entry(&self, index: usize) -> bool {
        self.chosen.as_ref().is_none_or(|chosen| chosen.contains_key(&index))
    }

    /// Whether `event` belongs in the export: every event of a whole corpus, and of a
    /// selection those that concern an entry chosen.
    pub fn holds_event(&self, event: &Event) -> bool {
        match &self.chosen {
            None => true,
            Some(chosen) => event.concerns.iter().any(|e| chosen.contains_key(e)),
        }
    }
}

/// `ranges` in order, those that overlap or touch made one.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_that_overlap_or_touch_are_one() {
        assert_eq!(merged(vec![4..5, 0..2, 1..3, 3..4, 7..9]), vec![0..5, 7..9]);
    }
}
