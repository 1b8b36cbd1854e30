//! What the tests of kept files share: a corpus file to keep, and a check that damage is
//! never trusted.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::model::Corpus;
use crate::read::load_str;

/// A directory of its own for each test, and in it a corpus file last changed an hour ago.
pub fn setup(entries: usize) -> (tempfile::TempDir, PathBuf, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corpus.ron");
    let text = crate::synth::corpus(5, entries);
    fs::write(&file, &text).unwrap();
    settle(&file);
    (dir, file, load_str(&text).unwrap())
}

pub fn settle(file: &Path) {
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    File::options().write(true).open(file).unwrap().set_modified(an_hour_ago).unwrap();
}

/// Checks that what `load` reads back is used when it is `whole`, and never when a byte
/// of it is changed, when it is cut short, or when it is something else.
pub fn never_used_when_damaged<T>(whole: &[u8], load: impl Fn(&[u8]) -> Option<T>) {
    assert!(load(whole).is_some());
    for at in [0, whole.len() / 3, whole.len() / 2, whole.len() - 30, whole.len() - 1] {
        let mut bytes = whole.to_vec();
        bytes[at] ^= 0x20;
        assert!(load(&bytes).is_none(), "a byte changed at {at}");
    }
    for len in [0, 10, 24, whole.len() / 2, whole.len() - 1] {
        assert!(load(&whole[..len]).is_none(), "cut at {len}");
    }
    assert!(load(&[0xff; 4096]).is_none());
}

/// A small corpus with something of every kind, whose kept bytes are pinned.
pub fn pinned() -> Corpus {
    load_str(
        r#"Corpus(title: "T", description: "See [[b]].", sources: ["S"], entries: [
            Entry(id: "a", title: "A", kind: Other("x"), aliases: ["Ā"], summary: "About [[b|B]].",
                body: ["One.", "Two."], start: "1939-10-05", end: "1940", sources: ["P"], published: ["Q"],
                preamble: ["Pre."], articles: [Article(number: 1, heading: "H", text: ["Art."], notes: ["N"], links: ["b"], anchor: "art_1")],
                annexes: [Annex(title: "Protocol", text: ["Secret."])]),
            Entry(id: "b", title: "B", kind: Treaty, summary: "Back to [[a]].", language: "lv",
                signed_at: "Moscow", parties: ["a"], signatories: ["p"],
                chapters: [Chapter(label: "I", title: "One", articles: [Article(label: "1.1", text: ["(a) An item.", "  (i) Deeper."])],
                    chapters: [Chapter(label: "A", division: "Section", articles: [Article(label: "1.2", text: ["X."])])])]),
            Entry(id: "c", title: "C", kind: Treaty, summary: "The same in Spanish.", language: "es", translation_of: "b"),
            Entry(id: "p", title: "P", kind: Person, summary: "A signatory."),
        ], events: [
            Event(date: "summer 1940", end: "1941-01", approximate: true, title: "E", text: "On [[a]].", concerns: ["a", "b"]),
            Event(date: "1939-10", title: "F", concerns: ["b"]),
        ])"#,
    )
    .unwrap()
}
