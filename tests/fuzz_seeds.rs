//! The fuzz target's seed corpus, replayed: each seed loads, checks and renders as the
//! fuzzer would run it.

#[test]
fn every_seed_of_the_fuzz_corpus() {
    let mut seeds = 0;
    for entry in std::fs::read_dir("tests/fuzz/corpus/load_render").unwrap() {
        let path = entry.unwrap().path();
        treaty_tui::fuzz::load_render(&std::fs::read(&path).unwrap());
        seeds += 1;
    }
    assert!(seeds >= 10, "the seed corpus is there: {seeds}");
}
