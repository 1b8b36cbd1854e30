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

/// A table of the index (its items, fields, or lengths): its own, or a run of a kept file
/// mapped into memory, found when it was made to be a whole number of well-aligned values.
#[derive(Debug)]
pub enum Table<T> {
    Own(Vec<T>),
    Mapped(Bytes, std::marker::PhantomData<T>),
}

impl<T: bytemuck::Pod> Table<T> {
    /// `bytes` as a table; `None` when they are not a whole number of values, or not aligned
    /// for them.
    pub fn mapped(bytes: Bytes) -> Option<Self> {
        bytemuck::try_cast_slice::<u8, T>(&bytes).ok()?;
        Some(Self::Mapped(bytes, std::marker::PhantomData))
    }

    /// Whether it lies in a mapped file rather than in memory of its own.
    #[cfg(test)]
    pub fn is_mapped(&self) -> bool {
        matches!(self, Self::Mapped(..))
    }
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Self::Own(Vec::new())
    }
}

impl<T> From<Vec<T>> for Table<T> {
    fn from(values: Vec<T>) -> Self {
        Self::Own(values)
    }
}

impl<T: bytemuck::Pod> Deref for Table<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Self::Own(values) => values,
            // Found to cast when it was made; the mapping does not move.
            Self::Mapped(bytes, _) => bytemuck::try_cast_slice(bytes).unwrap_or_default(),
        }
    }
}
