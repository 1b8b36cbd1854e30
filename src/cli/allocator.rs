//! The settings of the system allocator, so that a large corpus does not leave the memory it
//! was read through held in holes.

/// Blocks from this size are mapped on their own and given back to the system when freed.
const MAPPED_FROM: usize = 1 << 20;

/// How many heaps threads allocate from: the explorer's work is shared between two threads
/// at a time, and glibc would otherwise give each new thread (reading, indexing, keeping,
/// searching) a heap of its own, each left with holes.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const HEAPS: libc::c_int = 2;

/// Fixes glibc's threshold for mapping a block on its own. Left to itself, glibc raises the
/// threshold each time such a block is freed (up to 32 MB), after which the vectors that
/// grow while a corpus is read come from the heap and leave holes there when they move
/// (100,000 entries read afresh: 15–20 MB held for nothing). It also keeps the threads to
/// [`HEAPS`] heaps: with one for each new thread, the explorer's peak on a first opening of
/// 100,000 entries was 26 MB higher, for no gain in speed. Call first, before any thread.
pub fn configure() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a setting of the allocator, and is called before any
    // other thread of the process exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MAPPED_FROM as libc::c_int);
        libc::mallopt(libc::M_ARENA_MAX, HEAPS);
    }
}

/// One heap more, for opening a kept copy while its kept index is read: three threads then
/// allocate at once (the copy's two readers and the index's), and with two heaps the second
/// reader shared a heap with the first on about half of all launches, each waiting on the
/// other's lock (100,000 entries first drawn at 0.60–0.63 s rather than 0.30–0.34 s). Not
/// for every opening: a corpus read afresh and indexed peaked 8–15 MB higher with three.
/// Call before any other thread.
pub fn widen() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: as in `configure`.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, HEAPS + 1);
    }
}
