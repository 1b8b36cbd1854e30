//! Every entry's id and title packed together, for checking the links of a corpus being read.

use hashbrown::HashTable;
use hashbrown::hash_table::Entry as Slot;

use crate::model::Name;
use crate::model::ids::hash;

/// Many strings in one allocation, by number.
#[derive(Debug, Default)]
pub struct Packed {
    text: String,
    ends: Vec<usize>,
}

impl Packed {
    pub fn with_capacity(strings: usize) -> Self {
        Self { text: String::new(), ends: Vec::with_capacity(strings) }
    }

    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    /// String `i`; empty past the end.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).copied().unwrap_or(self.text.len()) };
        self.text.get(start..self.ends.get(i).copied().unwrap_or(start)).unwrap_or("")
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.get(i))
    }
}

/// The entries' ids, each found by a table that holds it with its entry's number.
#[derive(Debug, Default)]
pub struct Ids {
    pub names: Packed,
    /// Each id (the first time it is given) and its entry: an id of up to 24 bytes is held
    /// in place, so that finding one reads the table alone, where a table of numbers would
    /// have every lookup read two more places (a link is checked this way 400,000 times in
    /// a corpus of 100,000 entries).
    keys: HashTable<(Name, u32)>,
}

impl Ids {
    /// Room for `count` ids, none given yet.
    pub fn with_capacity(count: usize) -> Self {
        Self { names: Packed::with_capacity(count), keys: HashTable::with_capacity(count) }
    }

    /// Adds the next entry's id: `None`, or the entry that had it first.
    pub fn push(&mut self, id: &str) -> Option<usize> {
        let i = self.names.ends.len();
        self.names.push(id);
        match self.keys.entry(hash(id), |(key, _)| key == id, |(key, _)| hash(key)) {
            Slot::Occupied(first) => Some(first.get().1 as usize),
            Slot::Vacant(slot) => {
                slot.insert((Name::from(id), i as u32));
                None
            }
        }
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.keys.find(hash(id), |(key, _)| key == id).map(|&(_, i)| i as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_and_repeats_named() {
        let mut ids = Ids::default();
        assert_eq!(ids.push("riga"), None);
        assert_eq!(ids.push(""), None);
        assert_eq!(ids.push("liepaja"), None);
        assert_eq!(ids.push("riga"), Some(0));
        assert_eq!(ids.find("liepaja"), Some(2));
        assert_eq!(ids.find(""), Some(1));
        assert_eq!(ids.find("rig"), None);
        assert_eq!(ids.names.iter().collect::<Vec<_>>(), ["riga", "", "liepaja", "riga"]);
        assert_eq!(ids.names.get(9), "");
        let table = crate::model::ids::table(4, |i| ids.names.get(i));
        assert_eq!(table.len(), 3);
        for (id, first) in [("riga", 0), ("", 1), ("liepaja", 2)] {
            assert_eq!(table.find(hash(id), |&i| ids.names.get(i) == id), Some(&first));
        }
    }
}
