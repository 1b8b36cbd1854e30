//! A run of bytes the search index holds: its own, or part of a kept file mapped into
//! memory, so that postings no search reads take no memory.

use std::ops::{Deref, Range};
use std::sync::Arc;

use memmap2::Mmap;

#[derive(Debug)]
pub enum Bytes {
    Own(Vec<u8>),
    Mapped(Arc<Mmap>, Range<usize>),
}

impl Bytes {
    /// Bytes `at` of the mapped file `map`; `None` when they are not within it.
    pub fn mapped(map: &Arc<Mmap>, at: Range<usize>) -> Option<Self> {
        map.get(at.clone())?;
        Some(Self::Mapped(Arc::clone(map), at))
    }
}

impl Bytes {
    /// Whether they lie in a mapped file rather than in memory of their own.
    #[cfg(test)]
    pub fn is_mapped(&self) -> bool {
        matches!(self, Self::Mapped(..))
    }
}

impl Default for Bytes {
    fn default() -> Self {
        Self::Own(Vec::new())
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self::Own(bytes)
    }
}

impl Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Self::Own(bytes) => bytes,
            Self::Mapped(map, at) => map.get(at.clone()).unwrap_or_default(),
        }
    }
}
