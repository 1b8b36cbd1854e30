//! A list of numbers for each entry, all held in two allocations rather than one each.

use std::ops::Index;

use serde::{Serialize, Serializer};

/// A list of numbers for each entry of a corpus: the entries that link to it, or the events
/// that concern it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lists {
    /// Where each list ends in `items`.
    ends: Vec<u32>,
    items: Vec<usize>,
}

impl Lists {
    /// How many lists there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// List `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&[usize]> {
        let end = *self.ends.get(i)? as usize;
        let start = i.checked_sub(1).map_or(0, |before| self.ends[before] as usize);
        self.items.get(start..end)
    }

    /// Every list, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[usize]> + '_ {
        (0..self.len()).map(|i| &self[i])
    }
}

impl Index<usize> for Lists {
    type Output = [usize];

    /// List `i`; like a vector, it panics past the end.
    fn index(&self, i: usize) -> &[usize] {
        self.get(i).unwrap_or_else(|| panic!("list {i} of {}", self.len()))
    }
}

/// Written as a sequence of sequences, as the vectors it is made from would be.
impl Serialize for Lists {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl From<Vec<Vec<usize>>> for Lists {
    fn from(lists: Vec<Vec<usize>>) -> Self {
        let mut items = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        let mut ends = Vec::with_capacity(lists.len());
        for list in lists {
            items.extend(list);
            ends.push(items.len() as u32);
        }
        Self { ends, items }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_back_as_they_were_given() {
        let given = vec![vec![3, 1], vec![], vec![7], vec![], vec![0, 2, 4]];
        let lists = Lists::from(given.clone());
        assert_eq!(lists.len(), 5);
        assert_eq!(lists.iter().map(<[usize]>::to_vec).collect::<Vec<_>>(), given);
        assert_eq!((&lists[0], &lists[1], lists.get(4)), (&[3, 1][..], &[][..], Some(&[0, 2, 4][..])));
        assert_eq!(lists.get(5), None);
        assert!(Lists::from(Vec::new()).is_empty());
        let written = postcard::to_stdvec(&lists).unwrap();
        assert_eq!(written, postcard::to_stdvec(&given).unwrap(), "written as the vectors would be");
    }
}
