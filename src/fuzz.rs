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
        for entry in 0..app.corpus.entries.len().min(50) {
            for part in 0..=app.corpus.entries[entry].clauses.len().min(10) {
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
    for format in [Format::Text, Format::Markdown, Format::Json] {
        let printed = written(&|out| export::write(corpus, format, out));
        if format == Format::Json {
            serde_json::from_str::<serde_json::Value>(&printed).expect("the JSON export is JSON");
        }
    }
    let index = search::Index::new(corpus);
    let words = corpus.entries.first().map(|e| e.title.split_whitespace().next().unwrap_or("a").to_string());
    for query in [words.unwrap_or_default(), "a".into(), "the".into()] {
        let found = index.search(&query);
        for line in written(&|out| cli::write_hits(corpus, &found, false, out)).lines() {
            assert_eq!(line.matches('\t').count(), 3, "a search line has four fields: {line:?}");
        }
        for line in written(&|out| cli::write_hits(corpus, &found, true, out)).lines() {
            serde_json::from_str::<serde_json::Value>(line).expect("a search line is JSON");
        }
    }
}

fn check_diagnostics(text: &str, diagnostics: &diagnostic::Problems) {
    assert!(!diagnostics.is_empty(), "an invalid corpus has a diagnostic");
    let shown = diagnostic::render("fuzz.ron", text, diagnostics, false);
    assert!(!shown.chars().any(text::is_hostile), "a control character in a diagnostic");
}
