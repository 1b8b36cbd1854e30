//! The body of the fuzz target (`tests/fuzz`), kept here so that `cargo test` replays its
//! seed corpus: arbitrary bytes are loaded, checked and, when valid, shown and written out
//! as every command writes them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, App};
use crate::cli::export::{self, Format};
use crate::model::Corpus;
use crate::read::diagnostic;
use crate::read::format::CorpusDoc;
use crate::read::load::{LoadError, load_str, options};
use crate::read::source::decode;
use crate::text::Guard;
use crate::{cli, search, text, ui};

/// Loads `bytes` as a corpus file. Diagnostics must be free of control characters; a
/// valid corpus is rendered at a few sizes, every entry and part, without a panic.
pub fn load_render(bytes: &[u8]) {
    // What is read in pieces is read, and read the same, the ordinary way.
    if let Some(pieces) = crate::read::stream::parse(bytes) {
        let text = decode(bytes.to_vec()).unwrap_or_else(|_| panic!("read in pieces, but not UTF-8"));
        let whole = options().from_str::<CorpusDoc>(&text).expect("read in pieces, but refused whole");
        assert_eq!(format!("{pieces:?}"), format!("{whole:?}"), "read in pieces otherwise than whole");
    }
    let text = match decode(bytes.to_vec()) {
        Ok(text) => text,
        Err(LoadError::Invalid { text, diagnostics }) => return check_diagnostics(&text, &diagnostics),
        Err(LoadError::Read(_)) => unreachable!("decoding reads nothing"),
    };
    let corpus = match load_str(&text) {
        Ok(corpus) => corpus,
        Err(diagnostics) => return check_diagnostics(&text, &diagnostics),
    };
    outputs(&corpus);
    let mut app = App::new(corpus);
    for (width, height) in [(80, 24), (33, 9), (3, 2)] {
        app.update(Action::Resize(width, height));
        let area = Rect::new(0, 0, width, height);
        for entry in 0..app.corpus().entries.len().min(50) {
            for part in 0..=app.corpus().entries[entry].clauses.len().min(10) {
                app.start_at(entry, part);
                let mut buf = Buffer::empty(area);
                ui::render(area, &mut buf, &app, &ui::theme::COLOUR);
                let shown: String = buf.content().iter().map(|c| c.symbol()).collect();
                assert!(!shown.chars().any(text::is_hostile), "a control character reached the screen");
            }
        }
    }
}

/// What the commands print for `corpus`, written as they write it, through the gate on the
/// way out: no control character leaves the program, the JSON is JSON, and the lines of
/// `search` keep their four fields.
fn outputs(corpus: &Corpus) {
    let written = |write: &dyn Fn(&mut Guard<Vec<u8>>) -> std::fmt::Result| -> String {
        let mut out = Guard::new(Vec::new());
        write(&mut out).expect("written to memory");
        let bytes = out.into_inner();
        let printed = String::from_utf8(bytes).expect("output is UTF-8");
        assert!(!printed.chars().any(text::is_hostile), "a control character left the program: {printed:?}");
        printed
    };
    for format in [Format::Text, Format::Markdown, Format::Json, Format::Csv, Format::Jsonl] {
        let printed = written(&|out| export::write(corpus, &export::Selection::all(), format, out));
        match format {
            Format::Json => drop(serde_json::from_str::<serde_json::Value>(&printed).expect("the JSON export is JSON")),
            Format::Jsonl => {
                for line in printed.lines() {
                    serde_json::from_str::<serde_json::Value>(line).expect("a JSON Lines row is JSON");
                }
            }
            Format::Csv => {
                let mut rows = csv::Reader::from_reader(printed.as_bytes());
                let columns = rows.headers().expect("a header row").len();
                for row in rows.records() {
                    assert_eq!(row.expect("a CSV row reads back").len(), columns, "every row has every column");
                }
            }
            Format::Text | Format::Markdown => {}
        }
    }
    let events = written(&|out| export::write_events(corpus, &export::Selection::all(), true, out));
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_reader(events.as_bytes()).records().map(|row| row.expect("an event row reads")).collect();
    assert_eq!(rows.len(), corpus.events.len(), "a CSV row per event");
    let events = written(&|out| export::write_events(corpus, &export::Selection::all(), false, out));
    assert_eq!(events.lines().count(), corpus.events.len(), "a JSON line per event");
    let places: Vec<(usize, usize)> =
        (0..corpus.entries.len()).flat_map(|e| (0..=corpus.entries[e].clauses.len()).map(move |p| (e, p))).collect();
    for format in
        [crate::cite::Format::Text, crate::cite::Format::Bibtex, crate::cite::Format::CslJson, crate::cite::Format::Ris]
    {
        let cited = crate::cite::write(corpus, &places, format);
        assert!(!cited.chars().any(text::is_hostile), "a control character in a citation: {cited:?}");
        if format == crate::cite::Format::CslJson {
            serde_json::from_str::<serde_json::Value>(&cited).expect("CSL-JSON is JSON");
        }
    }
    let index = search::Index::new(corpus);
    let words = corpus.entries.first().map(|e| e.title.split_whitespace().next().unwrap_or("a").to_string());
    for query in [words.unwrap_or_default(), "a".into(), "the".into()] {
        let found = index.search(&query);
        let mut by_entry = found.clone();
        let counts = cli::best_of_each_entry(&mut by_entry, corpus.entries.len());
        for (found, counts) in [(&found, &Default::default()), (&by_entry, &counts)] {
            let text = cli::HitFormat { json: false, by_entry: !counts.is_empty() };
            for line in written(&|out| cli::write_hits(corpus, found, counts, text, out)).lines() {
                assert_eq!(line.matches('\t').count(), 3, "a search line has four fields: {line:?}");
            }
            let json = cli::HitFormat { json: true, ..text };
            for line in written(&|out| cli::write_hits(corpus, found, counts, json, out)).lines() {
                serde_json::from_str::<serde_json::Value>(line).expect("a search line is JSON");
            }
        }
    }
}

fn check_diagnostics(text: &str, diagnostics: &diagnostic::Problems) {
    assert!(!diagnostics.is_empty(), "an invalid corpus has a diagnostic");
    let shown = diagnostic::render("fuzz.ron", text, diagnostics, false);
    assert!(!shown.chars().any(text::is_hostile), "a control character in a diagnostic");
}

/// The four files kept for one small corpus, made once a process, for [`kept_files`] to
/// damage: a directory of their own, the corpus, and each file's bytes as written.
struct Kept {
    _dir: tempfile::TempDir,
    cache: crate::keep::copy::Cache,
    corpus: Corpus,
    /// The copy, the index, the text of hits and the similar clauses, as kept.
    files: [(std::path::PathBuf, Vec<u8>); 4],
}

impl Kept {
    fn new() -> Self {
        use crate::keep::copy::Cache;
        let dir = tempfile::tempdir().expect("a directory for the kept files");
        let source = dir.path().join("corpus.ron");
        let text = crate::synth::corpus(11, 40);
        std::fs::write(&source, &text).expect("the corpus written");
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let file = std::fs::File::options().write(true).open(&source).expect("the corpus opened");
        file.set_modified(an_hour_ago).expect("the corpus settled");
        let corpus = load_str(&text).expect("the generated corpus is valid");
        let path = dir.path().join("kept.corpus");
        let cache = Cache::at(path.clone(), &source).expect("a cache for the corpus");
        cache.save(&corpus).expect("the copy kept");
        cache.save_index(&search::Index::new(&corpus), &corpus).expect("the index kept");
        let similar = crate::compare::similar::Similar::new(&corpus);
        cache.save_similar(&similar, &corpus).expect("the similar clauses kept");
        let files = ["corpus", "index", "shown", "similar"].map(|kind| {
            let path = path.with_extension(kind);
            let bytes = std::fs::read(&path).expect("a kept file");
            (path, bytes)
        });
        Self { _dir: dir, cache, corpus, files }
    }
}

static KEPT: std::sync::OnceLock<std::sync::Mutex<Kept>> = std::sync::OnceLock::new();

/// Damages one of the files kept for a small corpus as `data` says, and reads it back as
/// every reader of it does: nothing may panic, ask for memory the file could not justify,
/// or give anything but what was kept. `data`'s first byte picks the file (the copy, the
/// index, the text of hits, the similar clauses); then, five bytes an edit, each a place
/// counted back from the file's end (so that the header and the lengths it holds are
/// reached first) and the byte to put there; a last byte left over cuts that many bytes off
/// the end.
pub fn kept_files(data: &[u8]) {
    let kept = KEPT.get_or_init(|| std::sync::Mutex::new(Kept::new()));
    let kept = kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let Some((&pick, edits)) = data.split_first() else { return };
    let (path, whole) = &kept.files[pick as usize % 4];
    let mut bytes = whole.clone();
    let mut edits = edits.chunks_exact(5);
    for edit in edits.by_ref() {
        let back = u32::from_le_bytes([edit[0], edit[1], edit[2], edit[3]]) as usize % bytes.len();
        let at = bytes.len() - 1 - back;
        bytes[at] = edit[4];
    }
    if let [cut] = edits.remainder() {
        bytes.truncate(bytes.len().saturating_sub(*cut as usize));
    }
    std::fs::write(path, &bytes).expect("the damaged file written");
    let (cache, corpus) = (&kept.cache, &kept.corpus);
    match pick % 4 {
        0 => {
            if let Some(read) = cache.load() {
                assert_eq!(read.entries.len(), corpus.entries.len(), "a copy read back is the copy kept");
            }
        }
        1 => {
            let _ = cache.load_index(corpus).map(|index| index.search("treaty"));
            let _ = cache.open_index().and_then(|index| index.search("the"));
        }
        2 => {
            let index = search::Index::new(corpus);
            let head = crate::keep::copy::Cache::open_index(cache).map(|kept| kept.head());
            if let Some(shown) = head.and_then(|head| cache.open_shown(index.counts(), head)) {
                let hits = index.search("the").hits;
                let _ = shown.each(&index, &hits, |_, _, text| (!text.chars().any(text::is_hostile)).then_some(()));
            }
        }
        _ => {
            let _ = cache.load_similar(corpus);
        }
    }
    // The next input damages the file as it was kept.
    std::fs::write(path, whole).expect("the kept file put back");
}
