//! Checking stays in proportion to the file, whatever it holds: doubling a pathological
//! input (thousands of problems on one line, thousands of links in one paragraph, a line
//! of a megabyte, a published text whose every article has one number) at most doubles the
//! work, counted as the allocations and bytes allocated while the corpus is read (or
//! imported), checked and its problems rendered. Counted, not timed: the same on a busy
//! machine as on a quiet one.

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

/// The counts are of the whole process: one test counts at a time.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn doubling_a_pathological_input_at_most_doubles_the_work() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (small, large) = (inputs(2500), inputs(5000));
    for ((name, small), (_, large)) in small.iter().zip(&large) {
        assert!(load_str(small).is_err() || name.starts_with("links"), "{name}: the input has problems");
        // Once to settle what is made once and kept (the thread pools, the tables).
        work(small);
        at_most_doubled(name, work(small), work(large));
    }
}

/// That twice the input took at most about twice the allocations and bytes (`small` and
/// `large`, as counted for each).
fn at_most_doubled(name: &str, (small_calls, small_bytes): (usize, usize), (large_calls, large_bytes): (usize, usize)) {
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

/// Allocations and bytes allocated while `f` runs.
fn counted(f: impl FnOnce()) -> (usize, usize) {
    let (calls, bytes) = (ALLOCATIONS.load(Relaxed), BYTES.load(Relaxed));
    f();
    (ALLOCATIONS.load(Relaxed) - calls, BYTES.load(Relaxed) - bytes)
}

/// A treaty `id` of `n` articles labelled 1, 2, 3…, article `i` naming `parallel(i)`.
fn treaty(id: &str, n: usize, parallel: impl Fn(usize) -> Option<String>) -> String {
    let articles: Vec<String> = (1..=n)
        .map(|i| {
            let named = parallel(i).map_or_else(String::new, |p| format!(r#", parallels: ["{p}"]"#));
            format!(r#"Article(label: "{i}", text: ["The parties agree on article {i}."]{named})"#)
        })
        .collect();
    format!(
        r#"Entry(id: "{id}", title: "Treaty {id}", kind: Treaty, summary: "s", articles: [{}])"#,
        articles.join(",")
    )
}

fn corpus_of(entries: &[String]) -> String {
    format!(r#"Corpus(title: "T", entries: [{}])"#, entries.join(","))
}

/// A piece of work, and what it is.
type Shape = (&'static str, Box<dyn Fn()>);

/// What was quadratic in a treaty's size, each run for `n`: the work it does.
fn shapes(n: usize) -> Vec<Shape> {
    use treaty_tui::cli::{compare, export};
    use treaty_tui::model::address::parse;
    let none = |_| None;
    let one = load_str(&corpus_of(&[treaty("t", n, none)])).unwrap();
    let chapters: Vec<String> =
        (0..n).map(|c| format!(r#"Chapter(label: "{c}", articles: [Article(label: "1", text: ["a"])])"#)).collect();
    let chapters = load_str(&format!(
        r#"Corpus(title: "T", entries: [Entry(id: "t", title: "T", kind: Treaty, summary: "s", chapters: [{}])])"#,
        chapters.join(",")
    ))
    .unwrap();
    let indexed = load_str(&format!(
        r#"Corpus(title: "T", entries: [Entry(id: "t", title: "T", kind: Treaty, summary: "s", chapters: [{}])])"#,
        (0..n)
            .map(|c| format!(
                r#"Chapter(label: "{c}", articles: [Article(label: "1", text: ["Article of chapter {c}."])])"#
            ))
            .collect::<Vec<_>>()
            .join(",")
    ))
    .unwrap();
    let paired = corpus_of(&[treaty("ta", n, |i| Some(format!("tb#{i}"))), treaty("tb", n, none)]);
    let nowhere = corpus_of(&[treaty("ta", n, |i| (i <= n / 2).then(|| format!("tb#x{i}"))), treaty("tb", n, none)]);
    let paired_corpus = load_str(&paired).unwrap();
    let versions: Vec<String> =
        std::iter::once(r#"Entry(id: "o", title: "O", kind: Treaty, summary: "s", language: "en")"#.into())
            .chain((0..n).map(|v| {
                format!(
                    r#"Entry(id: "v{v}", title: "V", kind: Treaty, summary: "s", language: "de", translation_of: "o")"#
                )
            }))
            .collect();
    let versions = load_str(&corpus_of(&versions)).unwrap();
    let links = corpus(&"[[a]] ".repeat(20 * n), "");
    let links = load_str(&links).unwrap();
    vec![
        ("an address that leads nowhere", Box::new(move || drop(parse(&one, "t#nope")))),
        ("a label every chapter has", Box::new(move || drop(parse(&chapters, "t#1")))),
        (
            "the search index of a treaty of many chapters",
            Box::new(move || drop(treaty_tui::search::Index::new(&indexed))),
        ),
        ("a parallel on every article, checked", Box::new(move || drop(load_str(&paired)))),
        (
            "parallels to labels that do not exist, checked and shown",
            Box::new(move || match load_str(&nowhere) {
                Ok(_) => panic!("the parallels lead nowhere"),
                Err(problems) => drop(render("corpus.ron", &nowhere, &problems, false)),
            }),
        ),
        (
            "two treaties compared article by article",
            Box::new(move || {
                let pairs = compare::pairs(&paired_corpus, &["ta".into(), "tb".into()]).unwrap();
                let mut out = String::new();
                compare::write(&paired_corpus, &pairs, compare::Format::Text, &mut out).unwrap();
            }),
        ),
        (
            "a treaty in many languages, exported as text",
            Box::new(move || drop(export::export(&versions, export::Format::Text))),
        ),
        (
            "a text of many links, exported as JSON",
            Box::new(move || drop(export::export(&links, export::Format::Json))),
        ),
    ]
}

#[test]
fn doubling_a_treaty_at_most_doubles_the_work_of_its_addresses_parallels_and_exports() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // Once on corpora of their own, to settle what the process makes once (the thread
    // pools); each treaty's addresses are made again for the corpora measured.
    for (_, settle) in shapes(2000) {
        settle();
    }
    let (small, large) = (shapes(2000), shapes(4000));
    for ((name, small), (_, large)) in small.iter().zip(&large) {
        at_most_doubled(name, counted(small), counted(large));
    }
}

#[path = "common/planted.rs"]
mod planted;
use planted::planted;

#[test]
fn a_planted_kept_file_that_claims_gigabytes_is_refused_before_memory_is_asked_for_it() {
    use treaty_tui::keep::copy::Cache;
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("corpus.ron");
    let text = treaty_tui::synth::corpus(5, 300);
    std::fs::write(&source, &text).unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&source).unwrap().set_modified(an_hour_ago).unwrap();
    let corpus = load_str(&text).unwrap();
    let cache = Cache::at(dir.path().join("kept.corpus"), &source).unwrap();
    for len in [30 << 20, 1 << 30, 16 << 30] {
        for kind in ["corpus", "index", "shown", "similar"] {
            planted(&dir.path().join(format!("kept.{kind}")), len);
        }
        let (_, bytes) = counted(|| {
            assert!(cache.load().is_none(), "{len}: the copy");
            assert!(cache.load_index(&corpus).is_none(), "{len}: the index");
            assert!(cache.open_shown((1, 1), 0).is_none(), "{len}: the text of hits");
            assert!(cache.load_similar(&corpus).is_none(), "{len}: the similar clauses");
        });
        assert!(bytes < 1 << 20, "a file of {len} bytes had {bytes} bytes asked for it");
    }
}

/// Published texts of `n` provisions in the shapes that cost most to read: every article
/// numbered alike (each made unique), chapters without numbers, and the same in plain text
/// and Akoma Ntoso.
fn published(n: usize) -> Vec<(&'static str, &'static str, String)> {
    let tota = |chapters: &str, articles: &str| {
        format!(
            "<treaty><meta><name>T</name></meta><body>{}</body></treaty>",
            chapters.repeat(n / 2).replace("{a}", &articles.repeat(2))
        )
    };
    vec![
        ("ToTA: every article numbered 1", "xml", tota("<chapter number=\"1\">{a}</chapter>", "<article number=\"1\">Words.</article>")),
        ("ToTA: chapters without numbers", "xml", tota("<chapter>{a}</chapter>", "<article>Words.</article>")),
        ("text: every article labelled 1", "txt", format!("Title\n\n{}", "Article 1\n\nWords.\n\n(a) an item;\n\n".repeat(n))),
        (
            "Akoma Ntoso: every article numbered 1",
            "xml",
            format!(
                "<akomaNtoso><act><body>{}</body></act></akomaNtoso>",
                "<article><num>Article 1</num><paragraph><num>1.</num><content><p>Words.</p></content></paragraph></article>"
                    .repeat(n)
            ),
        ),
    ]
}

#[test]
fn doubling_a_published_text_at_most_doubles_the_work_of_importing_it() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let import = |name: &str, ext: &str, text: &str| {
        let file = dir.path().join(format!("t.{ext}"));
        std::fs::write(&file, text).unwrap();
        counted(|| {
            let (corpus, _) = treaty_tui::import::import(std::slice::from_ref(&file), None, None).expect(name);
            assert!(treaty_tui::read::load::from_doc(corpus).is_some(), "{name}: the corpus checks");
        })
    };
    for ((name, ext, small), (_, _, large)) in published(1000).iter().zip(published(2000)) {
        import(name, ext, small);
        at_most_doubled(name, import(name, ext, small), import(name, ext, &large));
    }
}
