//! Synthetic corpora for benchmarks and scale tests, deterministic from a seed, valid, and
//! shaped like real ones: prose drawn from a vocabulary of sixty thousand words by Zipf's
//! law, Latvian, Polish, Estonian and Cyrillic names, treaties from a few articles to a
//! thousand in sixty chapters with every label style, list items, signature blocks and
//! versions in other languages, dated events, links between entries.

mod treaty;
mod words;

use std::fmt::Write;

use treaty::Shape;
pub use words::{EARLIER_SIZE, SIZE as VOCABULARY_SIZE, with_vocabulary};
use words::{Random, mix, vocabulary};
const NAMES: &[&str] = &[
    "Rīga",
    "Liepāja",
    "Ventspils",
    "Daugavpils",
    "Jelgava",
    "Kārlis",
    "Vilhelms",
    "Jānis",
    "Ērika",
    "Kuldīga",
    "Gdańsk",
    "Kraków",
    "Łódź",
    "Wrocław",
    "Poznań",
    "Józef",
    "Stanisław",
    "Wojciech",
    "Małgorzata",
    "Tallinn",
    "Tartu",
    "Pärnu",
    "Vilnius",
    "Kaunas",
    "Klaipėda",
    "Москва",
    "Ленинград",
    "Вячеслав",
    "Иосиф",
    "Пётр",
    "Geneva",
    "Helsinki",
    "Turku",
];

const KINDS: &[&str] = &["Person", "State", "Place", "Event", "Concept", "Organisation"];

/// The languages of versions.
const LANGUAGES: &[&str] = &["en", "fr", "es", "ru", "lv", "pl", "de"];

/// What entry `i` of a mixed corpus of `entries` entries is: one in ten a treaty, and the
/// entry in the middle of a corpus of 2,000 or more the longest treaty.
fn kind_of(seed: u64, i: usize, entries: usize) -> &'static str {
    if entries >= 2000 && i == entries / 2 {
        return "Treaty";
    }
    let h = mix(seed ^ 0x4B1D, i as u64);
    if h.is_multiple_of(10) { "Treaty" } else { KINDS[(h / 10 % KINDS.len() as u64) as usize] }
}

/// Whether treaty `i` is a version in another language of treaty `i - 1` (an odd `i` only,
/// so that an original is never itself a version).
fn is_version(seed: u64, i: usize, entries: usize) -> bool {
    !i.is_multiple_of(2)
        && kind_of(seed, i - 1, entries) == "Treaty"
        && kind_of(seed, i, entries) == "Treaty"
        && !(entries >= 2000 && (i == entries / 2 || i - 1 == entries / 2))
        && mix(seed ^ 0x7A25, i as u64).is_multiple_of(2)
}

/// A valid corpus of `entries` entries of every kind (and about half as many events), the
/// same for the same `seed`. One in ten is a treaty: most of 3 to 30 articles, one in seven
/// of 30 to 120 in chapters, and, in a corpus of 2,000 entries or more, one of 1,000 articles
/// in 60 chapters grouped in parts.
pub fn corpus(seed: u64, entries: usize) -> String {
    corpus_with_events(seed, entries, entries / 2)
}

/// [`corpus`] with `events` events rather than half as many as entries (the first of them
/// the same).
pub fn corpus_with_events(seed: u64, entries: usize, events: usize) -> String {
    let mut out = String::with_capacity(entries * 1500 + events * 200);
    out.push_str(
        "Corpus(\n    title: \"Synthetic corpus\",\n    description: \"Generated for benchmarks.\",\n    entries: [\n",
    );
    for i in 0..entries {
        entry(seed, &mut out, i, entries);
    }
    out.push_str("    ],\n    events: [\n");
    let mut r = Random(mix(seed, u64::MAX));
    for _ in 0..events {
        event(&mut r, &mut out, entries);
    }
    out.push_str("    ],\n)\n");
    out
}

/// A corpus of `treaties` treaties shaped as a real collection of trade agreements is: a
/// median of about 41 articles, a mean of about 89, the longest over 500, in chapters when
/// long, about 175 words an article; with 20 states and 40 people (20 of whom sign them).
pub fn treaties(seed: u64, treaties: usize) -> String {
    let mut out = String::with_capacity(treaties * 140_000);
    out.push_str("Corpus(\n    title: \"Synthetic treaty collection\",\n    entries: [\n");
    for i in 0..treaties {
        let mut r = Random(mix(seed, i as u64));
        // A log-normal count: median 41, mean 89.
        let articles = (41.0 * (1.245 * r.normal()).exp()).round().clamp(3.0, 1200.0) as usize;
        let shape = Shape::new(&mut Random(mix(seed ^ 0x5A4E, i as u64)), articles);
        let _ = writeln!(out, "Entry(id: \"e{i}\", title: \"{}\", kind: Treaty,", title(&mut r));
        let _ = writeln!(out, " summary: \"{}\",", prose(&mut r, 20, 0));
        let _ = writeln!(out, " start: \"{}\",", date(&mut r));
        signature(&mut r, &mut out, |r, kind| {
            Some(format!("{}{}", if kind == "State" { "s" } else { "p" }, r.within(0..20)))
        });
        shape.write(&mut r, &mut out, 175, treaties);
        out.push_str("),\n");
    }
    for s in 0..20 {
        let _ = writeln!(
            out,
            "Entry(id: \"s{s}\", title: \"{}\", kind: State, summary: \"A state.\"),",
            NAMES[s % NAMES.len()]
        );
    }
    for p in 0..40 {
        let _ = writeln!(
            out,
            "Entry(id: \"p{p}\", title: \"{} {p}\", kind: Person, summary: \"A signatory.\"),",
            NAMES[p % NAMES.len()]
        );
    }
    out.push_str("    ],\n)\n");
    out
}

/// A title: a name and a few words.
fn title(r: &mut Random) -> String {
    let words = r.within(2..5);
    let mut title = r.pick(NAMES).to_string();
    for _ in 1..words {
        title.push(' ');
        title.push_str(if r.within(0..3) == 0 { r.pick(NAMES) } else { vocabulary().word(r) });
    }
    title
}

/// A sentence-like paragraph of `words` words from the vocabulary and names, linking now and
/// then to one of `entries` entries.
fn prose(r: &mut Random, words: usize, entries: usize) -> String {
    let mut text = String::with_capacity(words * 8);
    for w in 0..words {
        if w > 0 {
            text.push(' ');
        }
        if r.within(0..25) == 0 && entries > 0 {
            let target = r.within(0..entries);
            let _ = write!(text, "[[e{target}|{}]]", r.pick(NAMES));
        } else {
            text.push_str(if r.within(0..12) == 0 { r.pick(NAMES) } else { vocabulary().word(r) });
        }
    }
    text.push('.');
    text
}

fn date(r: &mut Random) -> String {
    let year = r.within(1900..1991);
    match r.within(0..10) {
        0 => format!("{year}"),
        1 => format!("summer {year}"),
        2 | 3 => format!("{year}-{:02}", r.within(1..13)),
        _ => format!("{year}-{:02}-{:02}", r.within(1..13), r.within(1..29)),
    }
}

/// A signature block one time in five: a place, two parties and two signatories, whose ids
/// `id` finds by kind.
fn signature(r: &mut Random, out: &mut String, mut id: impl FnMut(&mut Random, &str) -> Option<String>) {
    if !r.chance(20) {
        return;
    }
    let (Some(a), Some(b), Some(c), Some(d)) = (id(r, "State"), id(r, "State"), id(r, "Person"), id(r, "Person"))
    else {
        return;
    };
    if a == b || c == d {
        return;
    }
    let place = r.pick(NAMES);
    let _ = writeln!(out, " signed_at: \"{place}\", parties: [\"{a}\", \"{b}\"], signatories: [\"{c}\", \"{d}\"],");
}

/// The id of an entry of kind `kind` near a random place of the corpus.
fn near(seed: u64, r: &mut Random, entries: usize, kind: &str) -> Option<String> {
    let from = r.within(0..entries);
    (from..entries.min(from + 200))
        .find(|&i| kind_of(seed, i, entries) == kind && !is_version(seed, i, entries))
        .map(|i| format!("e{i}"))
}

fn entry(seed: u64, out: &mut String, i: usize, entries: usize) {
    let mut r = Random(mix(seed, i as u64));
    let r = &mut r;
    let kind = kind_of(seed, i, entries);
    let _ = writeln!(out, "Entry(id: \"e{i}\", title: \"{}\", kind: {kind},", title(r));
    let aliases: Vec<String> = (0..r.within(0..3)).map(|_| title(r)).collect();
    if !aliases.is_empty() {
        let _ = writeln!(out, " aliases: [\"{}\"],", aliases.join("\", \""));
    }
    let _ = writeln!(out, " summary: \"{}\",", prose(r, 12, 0));
    out.push_str(" body: [\n");
    let paragraphs = r.within(2..5);
    for _ in 0..paragraphs {
        let _ = writeln!(out, "  \"{}\",", prose(r, 80 / paragraphs, entries));
    }
    out.push_str(" ],\n");
    if kind == "Treaty" {
        // A version in another language has the shape of the treaty before it.
        let version = is_version(seed, i, entries);
        let of = if version { i - 1 } else { i };
        let mut shaper = Random(mix(seed ^ 0x5A4E, of as u64));
        let articles = match () {
            _ if entries >= 2000 && of == entries / 2 => 1000,
            _ if shaper.chance(15) => shaper.within(30..121),
            _ => shaper.within(3..31),
        };
        let shape = if articles == 1000 { long_shape(&mut shaper) } else { Shape::new(&mut shaper, articles) };
        if version {
            let language = LANGUAGES[1 + (i % (LANGUAGES.len() - 1))];
            let _ = writeln!(out, " language: \"{language}\", translation_of: \"e{of}\",");
        } else if is_version(seed, i + 1, entries) {
            out.push_str(" language: \"en\",\n");
        }
        signature(r, out, |r, kind| near(seed, r, entries, kind));
        shape.write(r, out, 16, entries);
    }
    out.push_str("),\n");
}

/// The longest treaty: 1,000 articles in 60 chapters.
fn long_shape(r: &mut Random) -> Shape {
    loop {
        let shape = Shape::new(r, 1000);
        if shape.chapters() == 60 {
            return shape;
        }
    }
}

fn event(r: &mut Random, out: &mut String, entries: usize) {
    let concerns: Vec<String> = (0..r.within(1..4)).map(|_| format!("\"e{}\"", r.within(0..entries))).collect();
    let _ = writeln!(
        out,
        "Event(date: \"{}\", title: \"{}\", text: \"{}\", concerns: [{}]),",
        date(r),
        title(r),
        prose(r, 15, entries),
        concerns.join(", ")
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClauseLabel;

    #[test]
    fn the_same_seed_gives_the_same_valid_corpus() {
        let a = corpus(7, 200);
        assert_eq!(a, corpus(7, 200));
        assert_ne!(a, corpus(8, 200));
        let loaded = crate::read::load::load_str(&a).unwrap_or_else(|d| panic!("{:?}", &d[..d.len().min(3)]));
        assert_eq!(loaded.entries.len(), 200);
        assert_eq!(loaded.events.len(), 100);
        assert!(loaded.entries.iter().any(|e| e.clauses.len() >= 5));
        let words: usize = loaded.entries.iter().flat_map(|e| &e.body).map(|p| p.plain.split(' ').count()).sum();
        assert!((60..=100).contains(&(words / 200)), "about 80 words a body: {}", words / 200);
    }

    /// A mixed corpus holds what real ones do: treaties in chapters, articles labelled in
    /// each style, list items, signature blocks, versions in other languages, and its
    /// longest treaty of 1,000 articles in 60 chapters.
    #[test]
    fn a_mixed_corpus_holds_every_shape_of_treaty() {
        let loaded =
            crate::read::load::load_str(&corpus(11, 4000)).unwrap_or_else(|d| panic!("{:?}", &d[..d.len().min(3)]));
        let treaties: Vec<_> = loaded.entries.iter().filter(|e| !e.clauses.is_empty()).collect();
        let longest = treaties.iter().max_by_key(|e| e.clauses.len()).unwrap();
        let articles =
            |e: &crate::model::Entry| e.clauses.iter().filter(|c| matches!(c.label, ClauseLabel::Article(_))).count();
        assert_eq!(articles(longest), 1000);
        assert_eq!(longest.chapters.iter().filter(|c| c.division == "Chapter").count(), 60);
        assert!(
            longest.chapters.iter().any(|c| c.division == "Part")
                && longest.chapters.iter().any(|c| c.division == "Section")
        );
        let labels: Vec<String> = treaties
            .iter()
            .flat_map(|e| e.clauses.iter())
            .filter_map(|c| match &c.label {
                ClauseLabel::Article(label) => Some(label.to_string()),
                _ => None,
            })
            .collect();
        for style in [
            |l: &str| l.ends_with(" bis"),
            |l: &str| l.contains('.'),
            |l: &str| l.contains('-'),
            |l: &str| l.chars().all(|c| "IVXLC".contains(c)) && l.len() > 1,
        ] {
            assert!(labels.iter().any(|l| style(l)), "a label style is missing");
        }
        assert!(treaties.iter().any(|e| e.clauses.iter().any(|c| c.levels.contains(&2))), "nested list items");
        assert!(treaties.iter().any(|e| e.signing.is_some()), "signature blocks");
        assert!(treaties.iter().any(|e| e.translation_of.is_some()), "versions in other languages");
    }

    /// The collection of treaties is shaped as the real one: a median near 41 articles, a
    /// mean near 89, the longest over 500.
    #[test]
    fn a_treaty_collection_is_shaped_as_a_real_one() {
        let loaded =
            crate::read::load::load_str(&treaties(1, 450)).unwrap_or_else(|d| panic!("{:?}", &d[..d.len().min(3)]));
        let mut counts: Vec<usize> =
            loaded.entries.iter().filter(|e| !e.clauses.is_empty()).map(|e| e.clauses.len()).collect();
        counts.sort_unstable();
        assert_eq!(counts.len(), 450);
        let (median, mean) = (counts[225], counts.iter().sum::<usize>() / counts.len());
        assert!((30..=55).contains(&median), "median {median}");
        assert!((65..=120).contains(&mean), "mean {mean}");
        assert!(counts[449] > 500, "longest {}", counts[449]);
    }
}
