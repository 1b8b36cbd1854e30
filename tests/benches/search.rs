//! Search speed: a 10-letter word typed one key at a time, and whole queries of other
//! shapes (a rare word, a common one, two words, a typo, a phrase), over the bundled corpus
//! and a generated corpus of 100,000 entries. `cargo bench --bench search`.

use std::sync::LazyLock;

use divan::Bencher;
use treaty_tui::model::Corpus;
use treaty_tui::read::load::{bundled, load_str};
use treaty_tui::search::Index;

fn main() {
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
