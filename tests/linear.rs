//! Checking stays in proportion to the file, whatever it holds: doubling a pathological
//! input (thousands of problems on one line, thousands of links in one paragraph, a line
//! of a megabyte) at most doubles the work, counted as the allocations and bytes allocated
//! while the corpus is read, checked and its problems rendered. Counted, not timed: the
//! same on a busy machine as on a quiet one.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use treaty_tui::read::diagnostic::render;
use treaty_tui::read::load::load_str;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Allocations and bytes allocated to read, check and render the problems of `text`.
fn work(text: &str) -> (usize, usize) {
    let (calls, bytes) = (ALLOCATIONS.load(Relaxed), BYTES.load(Relaxed));
    match load_str(text) {
        Ok(corpus) => drop(corpus),
        Err(problems) => drop(render("corpus.ron", text, &problems, false)),
    }
    (ALLOCATIONS.load(Relaxed) - calls, BYTES.load(Relaxed) - bytes)
}

fn corpus(summary: &str, entries: &str) -> String {
    format!(
        r#"Corpus(title: "T", entries: [Entry(id: "a", title: "A place with a long name", kind: Place, summary: "{summary}"), {entries}])"#
    )
}

/// Each input, written for `n`: its problems and links on one line.
fn inputs(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("unknown links on one line", corpus(&(0..n).map(|i| format!("[[x{i}]] ")).collect::<String>(), "")),
        ("raw escapes on one line", corpus(&"a\\u{1b}[31m ".repeat(n), "")),
        ("line breaks in a one-line field", corpus(&"a\\n".repeat(n), "")),
        ("links in one paragraph", corpus(&"[[a]] and [[a|here]] ".repeat(n), "")),
        (
            "near-miss ids, each compared with every id",
            corpus(
                "s",
                &(0..n)
                    .map(|i| format!(r#"Entry(id: "e{i}", title: "E", kind: Place, summary: "[[e{i}x]]"),"#))
                    .collect::<String>(),
            ),
        ),
        (
            "entries that do not parse, on one line",
            corpus(
                "s",
                &(0..n)
                    .map(|i| format!(r#"Entry(id: "e{i}", title: "E", kind: Persn, summary: "s"),"#))
                    .collect::<String>(),
            ),
        ),
        ("repeated ids", corpus("s", &r#"Entry(id: "a", title: "E", kind: Place, summary: "s"),"#.repeat(n))),
        ("a long line with a problem at its end", corpus(&format!("{} [[nowhere]]", "word ".repeat(40 * n)), "")),
    ]
}

#[test]
fn doubling_a_pathological_input_at_most_doubles_the_work() {
    let (small, large) = (inputs(2500), inputs(5000));
    for ((name, small), (_, large)) in small.iter().zip(&large) {
        assert!(load_str(small).is_err() || name.starts_with("links"), "{name}: the input has problems");
        // Once to settle what is made once and kept (the thread pools, the tables).
        work(small);
        let (small_calls, small_bytes) = work(small);
        let (large_calls, large_bytes) = work(large);
        let ratio = |a: usize, b: usize| b as f64 / a.max(1) as f64;
        let (calls, bytes) = (ratio(small_calls, large_calls), ratio(small_bytes, large_bytes));
        println!(
            "{name}: {small_calls} → {large_calls} allocations ({calls:.2}×), {small_bytes} → {large_bytes} bytes ({bytes:.2}×)"
        );
        assert!(
            calls <= 2.5 && bytes <= 2.5,
            "{name}: twice the input took {calls:.2}× the allocations and {bytes:.2}× the bytes"
        );
    }
}
