//! The table that finds an entry by its id without looking into the entries themselves.

use std::hash::BuildHasher;

use hashbrown::DefaultHashBuilder;
use hashbrown::HashTable;
use hashbrown::hash_table::Entry as Slot;

use super::Entry;

/// The hash by which an id is found: seeded afresh for each process, so that no corpus can
/// be written whose ids all land on one hash.
pub fn hash(id: &str) -> u64 {
    static STATE: std::sync::OnceLock<DefaultHashBuilder> = std::sync::OnceLock::new();
    STATE.get_or_init(DefaultHashBuilder::default).hash_one(id)
}

/// The table a corpus finds its entries by, for `count` entries whose ids `id` gives: the
/// number of the first entry with each id, by the id's hash (see [`find`]).
pub fn table<'a>(count: usize, id: impl Fn(usize) -> &'a str) -> HashTable<usize> {
    let mut table = HashTable::with_capacity(count);
    for i in 0..count {
        let key = id(i);
        if let Slot::Vacant(slot) = table.entry(hash(key), |&j| id(j) == key, |&j| hash(id(j))) {
            slot.insert(i);
        }
    }
    table
}

/// The entry with `id` among `entries`, through a table made by [`table`] for them.
pub fn find(table: &HashTable<usize>, entries: &[Entry], id: &str) -> Option<usize> {
    table.find(hash(id), |&i| entries.get(i).is_some_and(|e| e.id == id)).copied()
}
