//! Search speed: a 10-letter word typed one key at a time, and whole queries of other
//! shapes (a rare word, a common one, two words, a typo, a phrase), over the bundled corpus
//! and a generated corpus of 100,000 entries; and in the explorer, from a key to its hits.
//! `cargo bench --bench search`.

use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use divan::Bencher;
use treaty_tui::app::{Action, App, ByHand, Input};
use treaty_tui::keep::copy::Cache;
use treaty_tui::model::Corpus;
use treaty_tui::read::load::{bundled, load_str};
use treaty_tui::search::Index;

fn main() {
    // The allocator set as the explorer sets it, so that searches on threads of their own
    // ask the system for their memory as they do there.
    treaty_tui::cli::allocator::configure();
    divan::main();
}

/// The query, typed a letter at a time: each benchmark runs one of its prefixes.
const QUERY: &str = "sovereignt";
const KEYSTROKES: [usize; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/// Whole queries: a rare word, a common one, two words, a word with a typo, a phrase.
const QUERIES: [&str; 6] =
    ["zanzibar", "territory", "sovereignty garrison", "sovreignty", "\"of the\"", "\"sovereignty of\""];

static BUNDLED: LazyLock<(Corpus, Index)> = LazyLock::new(|| {
    let corpus = bundled().expect("the bundled corpus loads");
    let index = Index::new(&corpus);
    (corpus, index)
});

static LARGE: LazyLock<(Corpus, Index)> = LazyLock::new(|| {
    let corpus = load_str(&treaty_tui::synth::corpus(1, 100_000)).expect("the synthetic corpus loads");
    let index = Index::new(&corpus);
    (corpus, index)
});

/// The same corpus's index as the explorer reads it when it is kept: built into its file
/// in a state directory of its own, and read back with its postings mapped.
static KEPT: LazyLock<(tempfile::TempDir, Index)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a directory for the corpus and its kept index");
    let file = dir.path().join("large.ron");
    std::fs::write(&file, treaty_tui::synth::corpus(1, 100_000)).expect("the corpus is written");
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    let opened = std::fs::File::options().write(true).open(&file).expect("the corpus is there");
    opened.set_modified(an_hour_ago).expect("left alone long enough to be kept");
    let cache = Cache::at(dir.path().join("large.corpus"), &file).expect("a place to keep it");
    let index = cache.build_index(&LARGE.0).expect("built where it is kept and read back");
    index.prepare();
    (dir, index)
});

#[divan::bench(args = KEYSTROKES)]
fn bundled_keystroke(bencher: Bencher, letters: usize) {
    let index = &BUNDLED.1;
    bencher.bench(|| index.search(&QUERY[..letters]));
}

#[divan::bench(args = KEYSTROKES, sample_count = 20)]
fn large_keystroke(bencher: Bencher, letters: usize) {
    let index = &LARGE.1;
    bencher.bench(|| index.search(&QUERY[..letters]));
}

/// The keys benchmark's corpus (100,000 entries with 200,000 events, in memory): each prefix
/// of the two words it types into `/`, as the search alone answers it.
static WITH_EVENTS: LazyLock<Index> = LazyLock::new(|| {
    let corpus = load_str(&treaty_tui::synth::corpus_with_events(1, 100_000, 200_000)).expect("it loads");
    let index = Index::new(&corpus);
    index.prepare();
    index
});

const TWO_WORDS: &str = "government assistance";

#[divan::bench(args = 1..=TWO_WORDS.len(), sample_count = 20)]
fn with_events_two_words(bencher: Bencher, letters: usize) {
    let index = &*WITH_EVENTS;
    bencher.bench(|| index.search(&TWO_WORDS[..letters]));
}

/// As [`large_keystroke`], the index's postings mapped from where it is kept; the first
/// run of each prefix reads its postings' pages for the first time.
#[divan::bench(args = KEYSTROKES, sample_count = 20)]
fn large_keystroke_kept(bencher: Bencher, letters: usize) {
    let index = &KEPT.1;
    bencher.bench(|| index.search(&QUERY[..letters]));
}

#[divan::bench(args = QUERIES, sample_count = 20)]
fn large_query(bencher: Bencher, query: &str) {
    let index = &LARGE.1;
    bencher.bench(|| index.search(query));
}

#[divan::bench(sample_count = 5)]
fn large_index_build(bencher: Bencher) {
    let corpus = &LARGE.0;
    bencher.bench(|| Index::new(corpus));
}

/// The explorer over a generated corpus of 100,000 entries, its index ready, the search
/// prompt open, and its work aside.
static EXPLORER: LazyLock<Mutex<(App, ByHand)>> = LazyLock::new(|| {
    let corpus = load_str(&treaty_tui::synth::corpus(1, 100_000)).expect("the synthetic corpus loads");
    let index = Arc::new(Index::new(&corpus));
    // As the explorer's work aside prepares it before handing it over.
    index.prepare();
    let mut app = App::new(corpus);
    app.update(Action::Resize(200, 50));
    app.prepare_search();
    app.update(Input::Indexed { generation: 0, index });
    app.update(Action::Search);
    Mutex::new((app, ByHand::new(None)))
});

/// Hands the work done aside over to the explorer, as it comes back, until it waits for none.
fn settle(app: &mut App, aside: &mut ByHand) {
    aside.settle(app);
}

/// In the explorer, from the last key of a prefix of the query to its hits taken in, ready
/// to be drawn: how long "searching…" can show. A search large enough runs aside, and the
/// loop takes it in as soon as it is sent back.
#[divan::bench(args = KEYSTROKES, sample_count = 30, sample_size = 1)]
fn large_keystroke_in_explorer(bencher: Bencher, letters: usize) {
    bencher
        .with_inputs(|| {
            let mut explorer = EXPLORER.lock().unwrap();
            let (app, aside) = &mut *explorer;
            for _ in 0..QUERY.len() {
                app.update(Action::Erase);
            }
            for c in QUERY[..letters - 1].chars() {
                app.update(Action::Type(c));
            }
            settle(app, aside);
        })
        .bench_local_values(|()| {
            let mut explorer = EXPLORER.lock().unwrap();
            let (app, aside) = &mut *explorer;
            app.update(Action::Type(QUERY.as_bytes()[letters - 1] as char));
            settle(app, aside);
        });
}
