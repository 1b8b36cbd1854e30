//! The fuzz targets' seed corpora, replayed: each seed loads, checks and renders, or damages
//! a kept file and reads it back, as the fuzzer would run it.

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

#[test]
fn every_seed_of_the_kept_files_corpus() {
    let mut seeds = 0;
    for entry in std::fs::read_dir("tests/fuzz/corpus/kept_files").unwrap() {
        let path = entry.unwrap().path();
        treaty_tui::fuzz::kept_files(&std::fs::read(&path).unwrap());
        seeds += 1;
    }
    assert!(seeds >= 8, "the seed corpus is there: {seeds}");
}
