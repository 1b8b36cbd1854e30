//! A synthetic corpus for benchmarks and scale tests: deterministic from a seed, valid, and
//! shaped like real ones (Latvian, Polish and Cyrillic names, ~80-word bodies, treaties of
//! 5–20 articles, dated events, links between entries).

use std::fmt::Write;

/// A small, fast, deterministic generator (SplitMix64).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `range`.
    fn within(&mut self, range: std::ops::Range<usize>) -> usize {
        range.start + (self.next() % (range.end - range.start).max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.within(0..words.len())]
    }
}

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

const WORDS: &[&str] = &[
    "treaty",
    "agreement",
    "protocol",
    "article",
    "border",
    "frontier",
    "minister",
    "government",
    "republic",
    "signed",
    "ratified",
    "garrison",
    "naval",
    "base",
    "airfield",
    "delegation",
    "negotiations",
    "sovereignty",
    "independence",
    "mutual",
    "assistance",
    "alliance",
    "coalition",
    "territory",
    "commission",
    "parliament",
    "president",
    "ultimatum",
    "neutrality",
    "occupation",
    "annexation",
    "exchange",
    "ratifications",
    "conference",
    "declaration",
    "boundary",
    "договор",
    "граница",
    "протокол",
    "pakts",
    "līgums",
    "robeža",
    "umowa",
    "granica",
    "traktat",
    "the",
    "of",
    "and",
    "in",
    "to",
    "a",
    "with",
    "by",
    "for",
    "on",
    "was",
    "were",
    "its",
    "their",
    "under",
    "after",
    "before",
    "between",
];

const KINDS: &[&str] = &["Person", "State", "Place", "Event", "Concept", "Organisation"];

/// A valid corpus of `entries` entries (and about half as many events), the same for the
/// same `seed`.
pub fn corpus(seed: u64, entries: usize) -> String {
    let mut r = Random(seed);
    let mut out = String::with_capacity(entries * 900);
    out.push_str(
        "Corpus(\n    title: \"Synthetic corpus\",\n    description: \"Generated for benchmarks.\",\n    entries: [\n",
    );
    for i in 0..entries {
        entry(&mut r, &mut out, i, entries);
    }
    out.push_str("    ],\n    events: [\n");
    for _ in 0..entries / 2 {
        event(&mut r, &mut out, entries);
    }
    out.push_str("    ],\n)\n");
    out
}

fn title(r: &mut Random) -> String {
    let words = r.within(2..5);
    let mut title = r.pick(NAMES).to_string();
    for _ in 1..words {
        title.push(' ');
        title.push_str(if r.within(0..3) == 0 { r.pick(NAMES) } else { r.pick(WORDS) });
    }
    title
}

/// A sentence-like paragraph of `words` words, with links to other entries now and then.
fn paragraph(r: &mut Random, words: usize, entries: usize) -> String {
    let mut text = String::new();
    for w in 0..words {
        if w > 0 {
            text.push(' ');
        }
        if r.within(0..25) == 0 && entries > 0 {
            let target = r.within(0..entries);
            let _ = write!(text, "[[e{target}|{}]]", r.pick(NAMES));
        } else {
            text.push_str(if r.within(0..6) == 0 { r.pick(NAMES) } else { r.pick(WORDS) });
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

fn entry(r: &mut Random, out: &mut String, i: usize, entries: usize) {
    let treaty = r.within(0..10) == 0;
    let kind = if treaty { "Treaty" } else { r.pick(KINDS) };
    let _ = writeln!(out, "Entry(id: \"e{i}\", title: \"{}\", kind: {kind},", title(r));
    let aliases: Vec<String> = (0..r.within(0..3)).map(|_| title(r)).collect();
    if !aliases.is_empty() {
        let _ = writeln!(out, " aliases: [\"{}\"],", aliases.join("\", \""));
    }
    let _ = writeln!(out, " summary: \"{}\",", paragraph(r, 12, 0));
    out.push_str(" body: [\n");
    let paragraphs = r.within(2..5);
    for _ in 0..paragraphs {
        let _ = writeln!(out, "  \"{}\",", paragraph(r, 80 / paragraphs, entries));
    }
    out.push_str(" ],\n");
    if treaty {
        out.push_str(" articles: [\n");
        for n in 1..=r.within(5..21) {
            let heading = title(r);
            let words = r.within(8..25);
            let text = paragraph(r, words, entries);
            let _ = writeln!(out, " Article(number: {n}, heading: \"{heading}\", text: [\"{text}\"]),");
        }
        out.push_str(" ],\n");
    }
    out.push_str("),\n");
}

fn event(r: &mut Random, out: &mut String, entries: usize) {
    let concerns: Vec<String> = (0..r.within(1..4)).map(|_| format!("\"e{}\"", r.within(0..entries))).collect();
    let _ = writeln!(
        out,
        "Event(date: \"{}\", title: \"{}\", text: \"{}\", concerns: [{}]),",
        date(r),
        title(r),
        paragraph(r, 15, entries),
        concerns.join(", ")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
