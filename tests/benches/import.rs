//! `import` at scale, in process: 450 generated treaties (about 55 MB) written a file each as
//! ToTA's XML, Akoma Ntoso or plain text, read into one corpus, written out as RON and
//! checked as `treaty-tui import DIR -o FILE` does; against `check` of the same corpus as
//! one RON file. `cargo bench --bench import`.

use std::path::PathBuf;
use std::sync::LazyLock;

use divan::Bencher;
use treaty_tui::import::{self, Format};

fn main() {
    divan::main();
    let _ = std::fs::remove_dir_all(bench_dir());
}

fn bench_dir() -> PathBuf {
    std::env::temp_dir().join("treaty-tui-import-bench")
}

/// The generated treaties, a directory of files in each shape, and one corpus file.
static WRITTEN: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = bench_dir();
    let ron = treaty_tui::synth::treaties(1, 450);
    let corpus = treaty_tui::read::load_str(&ron).unwrap();
    for (shape, write) in [
        ("tota", import::write::tota as fn(&_, &_) -> String),
        ("akn", import::write::akn),
        ("text", |_, entry| import::write::text(entry)),
    ] {
        let into = dir.join(shape);
        std::fs::create_dir_all(&into).unwrap();
        for entry in corpus.entries.iter().filter(|e| e.kind == treaty_tui::model::Kind::Treaty) {
            let ext = if shape == "text" { "txt" } else { "xml" };
            std::fs::write(into.join(format!("{}.{ext}", entry.id)), write(&corpus, entry)).unwrap();
        }
    }
    std::fs::write(dir.join("corpus.ron"), ron).unwrap();
    dir
});

/// The directory of files in `shape` read, written out as RON and checked.
#[divan::bench(args = ["tota", "akn", "text"], sample_count = 5, sample_size = 1)]
fn import_450_treaties(bencher: Bencher, shape: &str) {
    let files = import::files(&[WRITTEN.join(shape)]).unwrap();
    let format = match shape {
        "tota" => Format::Tota,
        "akn" => Format::Akn,
        _ => Format::Text,
    };
    bencher.bench(|| {
        let (corpus, notes) = import::import(&files, Some(format), None).unwrap();
        import::write_ron_to(&corpus, std::io::sink()).unwrap();
        assert!(treaty_tui::read::load::from_doc(corpus).is_some());
        notes.len()
    });
}

/// `check` of the same treaties as one RON file.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn check_the_same_as_one_ron_file() -> treaty_tui::read::load::Counts {
    treaty_tui::read::load::check_file(&WRITTEN.join("corpus.ron")).unwrap()
}
