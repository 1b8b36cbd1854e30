//! `export` writes as it goes: while a corpus is written out in any format, the memory held
//! beyond the corpus itself stays that of one entry, not of the whole output (which is
//! larger than the file). Counted by the allocator, not measured from outside.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};

use treaty_tui::cli::export::{Format, Selection, write};
use treaty_tui::read::load::load_str;

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size() as isize, Relaxed) + layout.size() as isize;
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Counts what is written and keeps none of it, as a pipe to another program would.
struct Sink(usize);

impl std::fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

#[test]
fn writing_out_a_corpus_holds_no_more_than_an_entry_at_a_time() {
    let corpus = load_str(&treaty_tui::synth::corpus(3, 3000)).unwrap();
    for format in [Format::Text, Format::Markdown, Format::Json, Format::Csv, Format::Jsonl] {
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let mut sink = Sink(0);
        write(&corpus, &Selection::all(), format, &mut sink).unwrap();
        let held = PEAK.load(Relaxed) - before;
        println!("{format:?}: {} bytes written, at most {held} bytes held", sink.0);
        assert!(sink.0 > 2_000_000, "{format:?}: the output is large ({} bytes)", sink.0);
        assert!(held < (sink.0 / 20) as isize, "{format:?}: {held} bytes held while writing {} bytes", sink.0);
    }
}
