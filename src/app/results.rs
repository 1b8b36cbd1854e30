//! The rows of the search's results: a row per entry (its best hit, and how many it has)
//! with one entry opened to show the rest, or a row per hit.

use super::search::SearchBox;
use crate::search::{Groups, Hit};

/// A row of the results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResultRow {
    /// The hit it shows (its number in the ranked list).
    pub hit: usize,
    /// For an entry's row in the grouped results: how many hits it has, and whether it is
    /// opened to show them.
    pub group: Option<(usize, bool)>,
    /// Whether it is one of an opened entry's other hits.
    pub member: bool,
}

impl SearchBox {
    /// How many rows the results have.
    pub fn rows(&self) -> usize {
        if !self.grouped {
            return self.hits.len();
        }
        self.groups.len() + self.open.map_or(0, |g| self.groups.members(g).len().saturating_sub(1))
    }

    /// Row `r` of the results.
    pub fn row(&self, r: usize) -> Option<ResultRow> {
        if !self.grouped {
            return (r < self.hits.len()).then_some(ResultRow { hit: r, group: None, member: false });
        }
        let head = |g: usize| {
            let members = self.groups.members(g);
            let &best = members.first()?;
            Some(ResultRow { hit: best as usize, group: Some((members.len(), self.open == Some(g))), member: false })
        };
        match self.open {
            Some(open) if r > open => {
                let members = self.groups.members(open);
                match members.get(r - open) {
                    Some(&hit) => Some(ResultRow { hit: hit as usize, group: None, member: true }),
                    None => head(r + 1 - members.len()),
                }
            }
            _ => head(r),
        }
    }

    /// The hit of the selected row.
    pub fn chosen(&self) -> Option<Hit> {
        self.row(self.selected).and_then(|row| self.hits.get(row.hit).copied())
    }

    /// The group whose row is selected, or whose hit is, in grouped results.
    fn selected_group(&self) -> Option<usize> {
        if !self.grouped {
            return None;
        }
        match self.open {
            Some(open) if self.selected > open => {
                let extra = self.groups.members(open).len().saturating_sub(1);
                Some(if self.selected <= open + extra { open } else { self.selected - extra })
            }
            _ => Some(self.selected),
        }
    }

    /// → at the end of the query: opens the selected entry's row to show all its hits, or
    /// closes it again (the selection back on its row). Whether anything changed.
    pub(super) fn open_or_close(&mut self) -> bool {
        let Some(g) = self.selected_group() else { return false };
        if self.open == Some(g) {
            self.open = None;
            self.selected = g;
            return true;
        }
        if self.groups.members(g).len() < 2 {
            return false;
        }
        self.open = Some(g);
        self.selected = g;
        true
    }

    /// Ctrl-G: the results grouped by entry, or one row per hit; the hit selected stays so.
    pub(super) fn switch_grouping(&mut self) {
        let chosen = self.row(self.selected).map(|row| row.hit);
        self.grouped = !self.grouped;
        self.open = None;
        self.selected = match (chosen, self.grouped) {
            (None, _) => 0,
            (Some(hit), false) => hit,
            (Some(hit), true) => {
                let hit = hit as u32;
                // The group holding the hit, opened if the hit is not its best.
                let found = (0..self.groups.len())
                    .find_map(|g| self.groups.members(g).iter().position(|&h| h == hit).map(|k| (g, k)));
                match found {
                    Some((g, 0)) => g,
                    Some((g, k)) => {
                        self.open = Some(g);
                        g + k
                    }
                    None => 0,
                }
            }
        };
    }

    /// The hits in the order the results show them (group after group, when grouped), and
    /// where the selected one stands among them: for `n` and `N` after going to it.
    pub fn in_order(&self) -> (Vec<Hit>, usize) {
        let chosen = self.row(self.selected).map_or(0, |row| row.hit);
        if !self.grouped {
            return (self.hits.clone(), chosen);
        }
        let order = self.groups.order();
        let hits = order.iter().filter_map(|&h| self.hits.get(h as usize).copied()).collect();
        (hits, order.iter().position(|&h| h as usize == chosen).unwrap_or(0))
    }

    /// Takes new hits, grouped for a corpus of `entries` entries; the first row selected.
    pub(super) fn take(&mut self, hits: Vec<Hit>, entries: usize) {
        self.groups = Groups::of(&hits, entries);
        self.hits = hits;
        (self.selected, self.open) = (0, None);
    }
}
