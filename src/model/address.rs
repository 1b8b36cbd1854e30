//! Addresses of places in a corpus, as `--open`, search results and citations write them:
//! `molotov`, `treaty#3` (the article labelled 3), `tpp#30.8`, `tpp#25-bis`,
//! `treaty#preamble`, `treaty#annex1`, `tpp#chapter-30` (the first article of chapter 30),
//! and, where a label repeats across divisions, the divisions' labels before it:
//! `code#II/3/1` (article 1 of chapter 3 of part II).

mod table;

pub use table::{Addresses, Reached, alike, folded};

use crate::model::{Corpus, Entry};
use crate::text::{echo, thousands};

/// The address of `part` of entry `entry` (part 0 is the entry itself), if the corpus has
/// that entry.
pub fn of(corpus: &Corpus, entry: usize, part: usize) -> Option<String> {
    let addresses = corpus.addresses(entry)?;
    let entry = &corpus.entries[entry];
    Some(match addresses.suffix(entry, part) {
        Some(suffix) => format!("{}#{suffix}", entry.id),
        None => entry.id.to_string(),
    })
}

/// What follows the `#` in the address of `part` of entry `entry`: none for the entry itself.
pub fn suffix(corpus: &Corpus, entry: usize, part: usize) -> Option<String> {
    corpus.addresses(entry)?.suffix(&corpus.entries[entry], part)
}

/// The address of `part` (what follows the `#`) in entry `entry`, written whole.
pub fn within(corpus: &Corpus, entry: usize, part: &str) -> String {
    corpus.entries.get(entry).map_or_else(String::new, |e| format!("{}#{part}", e.id))
}

/// The address of a page that exists, as [`of`] gives it; empty for one that does not.
pub fn format(corpus: &Corpus, entry: usize, part: usize) -> String {
    of(corpus, entry, part).unwrap_or_default()
}

/// A label as addresses compare it: case, spaces, hyphens and underscores alike.
pub fn key(label: &str) -> String {
    table::folded(label).collect()
}

/// What follows the `#` for each part of `entry`, in order (part 1 first), as [`of`] writes
/// them; found together, in time linear in the parts.
pub fn suffixes(entry: &Entry) -> Vec<String> {
    let addresses = Addresses::new(entry);
    (1..=entry.clauses.len()).filter_map(|part| addresses.suffix(entry, part)).collect()
}

/// What follows the `#` for division `chapter` of `entry`: `chapter-30`, or with the
/// labels of the divisions that hold it where its own label repeats (`chapter-I/1`).
pub fn chapter_suffix(entry: &Entry, chapter: usize) -> Option<String> {
    Addresses::new(entry).chapter_suffix(entry, chapter)
}

/// What follows the `#` for each division of `entry`, in order, as [`chapter_suffix`] gives
/// them; found together, in time linear in the divisions.
pub fn chapter_suffixes(entry: &Entry) -> Vec<String> {
    let addresses = Addresses::new(entry);
    (0..entry.chapters.len()).filter_map(|c| addresses.chapter_suffix(entry, c)).collect()
}

/// Why an address leads nowhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nowhere {
    /// No entry has its id.
    Entry,
    /// The entry, which has no part so called.
    Part(usize),
    /// The entry, of which it names several parts.
    Several(usize),
}

/// The entry and part that `spec` names, found in a few steps however long the entry (its
/// addresses are made once, the first time one is asked for).
pub fn resolve(corpus: &Corpus, spec: &str) -> Result<(usize, usize), Nowhere> {
    let (id, part) = spec.split_once('#').map_or((spec, None), |(id, part)| (id, Some(part)));
    let index = corpus.find(id).ok_or(Nowhere::Entry)?;
    let Some(part) = part else { return Ok((index, 0)) };
    match find(corpus, index, part) {
        Reached::One(found) => Ok((index, found)),
        Reached::Nothing => Err(Nowhere::Part(index)),
        Reached::Several => Err(Nowhere::Several(index)),
    }
}

/// The clauses (by their place, from 0) that `spec` names: every clause of an entry named
/// alone, those a division holds, or the one clause of an article, preamble or annex; or a
/// message saying why it leads nowhere, as [`parse`] gives it.
pub fn clauses(corpus: &Corpus, spec: &str) -> Result<(usize, std::ops::Range<usize>), String> {
    let (entry, part) = parse(corpus, spec)?;
    let e = &corpus.entries[entry];
    if part == 0 {
        return Ok((entry, 0..e.clauses.len()));
    }
    let named = spec.split_once('#').map_or("", |(_, part)| part);
    let division = corpus.addresses(entry).and_then(|a| a.division(e, named));
    match division.and_then(|c| e.chapters.get(c)) {
        Some(chapter) => Ok((entry, chapter.clauses.start as usize..chapter.clauses.end as usize)),
        None => Ok((entry, part - 1..part)),
    }
}

/// The part of entry `entry` that `part` (what follows the `#`) names, as written or as a
/// reader types it (see [`typed`]), or by the anchor the published text gives an article
/// (an Akoma Ntoso `eId`).
pub fn find(corpus: &Corpus, entry: usize, part: &str) -> Reached {
    let Some(addresses) = corpus.addresses(entry) else { return Reached::Nothing };
    let entry = &corpus.entries[entry];
    let found = match addresses.find(entry, part) {
        Reached::Nothing => match typed(part) {
            Some(label) => addresses.find(entry, &label),
            None => Reached::Nothing,
        },
        found => found,
    };
    match found {
        Reached::Nothing => entry.anchored(part.trim()).map_or(Reached::Nothing, |k| Reached::One(k + 1)),
        found => found,
    }
}

/// A part as a reader types it, written as an address writes it: "Article 30.8", "art.
/// 30.8" and "Art 30.8" as `30.8`, "Annex 2" as `annex2` ("Chapter 30" and "preamble" are
/// read as they are); none when it is written so already.
pub fn typed(part: &str) -> Option<String> {
    let key = key(part);
    for word in ["article-", "art.-", "art-", "art."] {
        if let Some(label) = key.strip_prefix(word).map(|rest| rest.trim_start_matches('-')).filter(|l| !l.is_empty()) {
            return Some(label.to_string());
        }
    }
    let annex = key.strip_prefix("annex-").filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    annex.map(|n| format!("annex{n}"))
}

/// The entry and part that `spec` names, or a message naming the closest ids, or a few of
/// the parts there are.
pub fn parse(corpus: &Corpus, spec: &str) -> Result<(usize, usize), String> {
    resolve(corpus, spec).map_err(|why| explain(corpus, spec, why))
}

/// How many names a message lists at most.
const FEW: usize = 5;

/// Why `spec` leads nowhere, for a person: what was not found, and the ids or parts that
/// come closest to it, or a few of those there are. Linear in the entries or the parts.
pub fn explain(corpus: &Corpus, spec: &str, why: Nowhere) -> String {
    let (id, part) = spec.split_once('#').map_or((spec, ""), |(id, part)| (id, part));
    let (shown_id, shown_part) = (echo(id), echo(part));
    match why {
        Nowhere::Entry => {
            let names = closest(corpus.entries.iter().map(|e| e.id.as_str()), id);
            match (corpus.entries.len(), names.is_empty()) {
                (0, _) => format!("no entry has the id `{shown_id}`; this corpus has no entries"),
                (_, true) => format!("no entry has the id `{shown_id}`"),
                (_, false) => format!("no entry has the id `{shown_id}`; did you mean {}?", either(&names)),
            }
        }
        Nowhere::Part(e) => {
            let entry = &corpus.entries[e];
            let Some(addresses) = corpus.addresses(e) else { return String::new() };
            let parts: Vec<String> = (1..=entry.clauses.len()).filter_map(|p| addresses.suffix(entry, p)).collect();
            if parts.is_empty() {
                return format!("`{shown_id}` has no articles; open it as `{shown_id}`");
            }
            let near = closest(parts.iter().map(String::as_str), part);
            let count = parts.len();
            let listed: Vec<String> = parts.iter().take(FEW + 3).map(|p| echo(p)).collect();
            match (near.is_empty(), count) {
                (_, n) if n <= FEW + 3 => {
                    format!("`{shown_id}` has no part `{shown_part}`; it has: {}", listed.join(", "))
                }
                (false, _) => format!(
                    "`{shown_id}` has no part `{shown_part}`; did you mean {}? (it has {})",
                    either(&near),
                    parts_count(count)
                ),
                (true, n) => format!(
                    "`{shown_id}` has no part `{shown_part}`; it has: {}, and {} more",
                    listed[..FEW].join(", "),
                    thousands(n - FEW)
                ),
            }
        }
        Nowhere::Several(e) => {
            let entry = &corpus.entries[e];
            let Some(addresses) = corpus.addresses(e) else { return String::new() };
            let (ways, count) = addresses.several(entry, part, 3);
            let ways: Vec<String> = ways.iter().map(|way| format!("`{}#{}`", echo(&entry.id), echo(way))).collect();
            let what = if key(part).starts_with("chapter-") { "divisions" } else { "articles" };
            let more = if count > ways.len() {
                format!(", and {} more", thousands(count - ways.len()))
            } else {
                String::new()
            };
            format!("`{shown_part}` names several {what} of `{shown_id}`: write one of {}{more}", ways.join(", "))
        }
    }
}

/// "`a`", "`a` or `b`", "`a`, `b` or `c`".
fn either(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [first @ .., last] => format!("{} or {last}", first.join(", ")),
    }
}

/// "1 part", "40,000 parts".
fn parts_count(n: usize) -> String {
    format!("{} part{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// Up to three of `names` closest to `wanted` by their spelling, closest first, each
/// quoted; none that differ in more than a third of their characters. Linear in the names.
fn closest<'a>(names: impl Iterator<Item = &'a str>, wanted: &str) -> Vec<String> {
    // A name of more than a line is no near miss, and is not compared with each.
    if wanted.chars().count() > 64 {
        return Vec::new();
    }
    let length = wanted.chars().count();
    let mut best: Vec<(usize, &str)> = Vec::with_capacity(4);
    for name in names {
        let (own, far) = (name.chars().count(), |d: usize| best.len() == 3 && d >= best[2].0);
        // Two names differ in at least as many characters as their lengths do.
        let most = own.max(3) / 3;
        if own.abs_diff(length) > most || far(own.abs_diff(length)) {
            continue;
        }
        let distance = strsim::levenshtein(name, wanted);
        if distance > most || far(distance) {
            continue;
        }
        let at = best.partition_point(|&(d, _)| d <= distance);
        best.insert(at, (distance, name));
        best.truncate(3);
    }
    best.iter().map(|(_, name)| format!("`{}`", echo(name))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::load_str;

    fn corpus() -> Corpus {
        load_str(
            r#"Corpus(title: "T", entries: [Entry(id: "code", title: "A code", kind: Treaty, summary: "s",
                preamble: ["P."],
                chapters: [
                    Chapter(label: "I", division: "Part", chapters: [
                        Chapter(label: "1", articles: [Article(label: "1", text: ["a"]), Article(label: "25 bis", text: ["b"])]),
                    ]),
                    Chapter(label: "II", division: "Part", chapters: [
                        Chapter(label: "1", articles: [Article(label: "1", text: ["c"])]),
                        Chapter(label: "30", articles: [Article(label: "30.8", text: ["d"])]),
                    ]),
                ],
                annexes: [Annex(title: "Schedule", text: ["e"])])])"#,
        )
        .unwrap()
    }

    #[test]
    fn articles_are_addressed_by_label_and_by_divisions_where_labels_repeat() {
        let corpus = corpus();
        let addresses: Vec<String> = (0..=6).map(|p| format(&corpus, 0, p)).collect();
        assert_eq!(
            addresses,
            ["code", "code#preamble", "code#I/1/1", "code#25 bis", "code#II/1/1", "code#30.8", "code#annex1"]
        );
        for (part, address) in addresses.iter().enumerate() {
            assert_eq!(parse(&corpus, address), Ok((0, part)), "{address}");
        }
        assert_eq!(parse(&corpus, "code#25-bis"), Ok((0, 3)), "spaces and hyphens alike");
        assert_eq!(parse(&corpus, "code#25_BIS"), Ok((0, 3)));
        assert_eq!(parse(&corpus, "code#chapter-30"), Ok((0, 5)), "a chapter opens at its first article");
        assert_eq!(parse(&corpus, "code#chapter-II"), Ok((0, 4)));
        assert_eq!(parse(&corpus, "code#chapter-II/1"), Ok((0, 4)));
        let several = parse(&corpus, "code#1").unwrap_err();
        assert_eq!(several, "`1` names several articles of `code`: write one of `code#I/1/1`, `code#II/1/1`");
        let several = parse(&corpus, "code#chapter-1").unwrap_err();
        assert_eq!(
            several,
            "`chapter-1` names several divisions of `code`: write one of `code#chapter-I/1`, `code#chapter-II/1`"
        );
        let missing = parse(&corpus, "code#99").unwrap_err();
        assert_eq!(missing, "`code` has no part `99`; it has: preamble, I/1/1, 25 bis, II/1/1, 30.8, annex1");
    }

    #[test]
    fn every_address_at_once_is_each_address_alone() {
        let corpus = corpus();
        let entry = &corpus.entries[0];
        let alone: Vec<String> = (1..=entry.clauses.len()).filter_map(|p| suffix(&corpus, 0, p)).collect();
        assert_eq!(suffixes(entry), alone);
        let chapters: Vec<String> = (0..entry.chapters.len()).filter_map(|c| chapter_suffix(entry, c)).collect();
        assert_eq!(chapters, ["chapter-I", "chapter-I/1", "chapter-II", "chapter-II/1", "chapter-30"]);
        assert_eq!(chapter_suffixes(entry), chapters);
        for (c, address) in chapters.iter().enumerate() {
            let first = entry.chapters[c].clauses.start as usize + 1;
            assert_eq!(parse(&corpus, &format!("code#{address}")), Ok((0, first)), "{address}");
        }
    }

    /// A treaty of `n` articles labelled 1, 2, 3… in no division.
    fn long(n: usize) -> Corpus {
        let articles: Vec<String> = (1..=n).map(|i| format!(r#"Article(label: "{i}", text: ["a"])"#)).collect();
        load_str(&format!(
            r#"Corpus(title: "T", entries: [Entry(id: "t", title: "T", kind: Treaty, summary: "s", preamble: ["P."],
                articles: [{}])])"#,
            articles.join(",")
        ))
        .unwrap()
    }

    #[test]
    fn the_words_of_an_address_are_read_in_any_case_as_labels_are() {
        let corpus = corpus();
        assert_eq!(parse(&corpus, "code#PREAMBLE"), Ok((0, 1)));
        assert_eq!(parse(&corpus, "code#Annex1"), Ok((0, 6)));
        assert_eq!(parse(&corpus, "code#Chapter 30"), Ok((0, 5)));
        assert_eq!(parse(&corpus, "code#CHAPTER_II/1"), Ok((0, 4)));
        assert!(parse(&corpus, "code#annex2").is_err());
        assert!(parse(&corpus, "code#annex+1").is_err(), "an annex is named by its digits alone");
    }

    #[test]
    fn a_part_is_reached_as_a_reader_types_it() {
        let corpus = corpus();
        for typed in ["code#Article 30.8", "code#art. 30.8", "code#Art 30.8", "code#ARTICLE-30.8"] {
            assert_eq!(parse(&corpus, typed), Ok((0, 5)), "{typed}");
        }
        assert_eq!(parse(&corpus, "code#Article 25 bis"), Ok((0, 3)));
        assert_eq!(parse(&corpus, "code#Article II/1/1"), Ok((0, 4)));
        assert_eq!(parse(&corpus, "code#Annex 1"), Ok((0, 6)));
        assert_eq!(parse(&corpus, "code#Chapter II/1"), Ok((0, 4)));
        let missing = parse(&corpus, "code#Article 99").unwrap_err();
        assert!(missing.starts_with("`code` has no part `Article 99`"), "{missing}");
        assert!(parse(&corpus, "code#Article").is_err());
        assert!(parse(&corpus, "code#Annex 2").is_err());
    }

    #[test]
    fn an_article_outside_any_division_whose_label_repeats_inside_one_is_reached_from_the_top() {
        let corpus = load_str(
            r#"Corpus(title: "T", entries: [Entry(id: "t", title: "T", kind: Treaty, summary: "s",
                articles: [Article(label: "1", text: ["top"])],
                chapters: [Chapter(label: "1", articles: [Article(label: "1", text: ["inner"])])])])"#,
        )
        .unwrap();
        assert_eq!(format(&corpus, 0, 1), "t#/1");
        assert_eq!(format(&corpus, 0, 2), "t#1/1");
        assert_eq!(parse(&corpus, "t#/1"), Ok((0, 1)));
        assert_eq!(parse(&corpus, "t#1/1"), Ok((0, 2)));
        assert_eq!(parse(&corpus, "t#chapter-1"), Ok((0, 2)));
        assert!(parse(&corpus, "t#1").unwrap_err().contains("write one of `t#/1`, `t#1/1`"));
    }

    #[test]
    fn an_address_that_leads_nowhere_names_a_few_parts_or_the_closest() {
        let corpus = long(40);
        assert_eq!(
            parse(&corpus, "t#nope").unwrap_err(),
            "`t` has no part `nope`; it has: preamble, 1, 2, 3, 4, and 36 more"
        );
        assert_eq!(parse(&corpus, "t#400").unwrap_err(), "`t` has no part `400`; did you mean `40`? (it has 41 parts)");
        let pasted = format!("t#{}\nmore", "x".repeat(100_000));
        let message = parse(&corpus, &pasted).unwrap_err();
        assert!(message.len() < 300 && !message.contains('\n'), "cut and shown on one line: {message}");
        assert!(message.contains(&format!("`{}…`", "x".repeat(crate::text::ECHOED))), "{message}");
        let id = parse(&corpus, "nope\u{1b}[2J#1").unwrap_err();
        assert!(id.starts_with("no entry has the id `nope␛[2J`"), "{id}");
    }

    #[test]
    fn a_label_many_divisions_share_is_answered_with_a_few_of_its_addresses() {
        let chapters: Vec<String> = (0..500)
            .map(|c| format!(r#"Chapter(label: "{c}", articles: [Article(label: "1", text: ["a"])])"#))
            .collect();
        let corpus = load_str(&format!(
            r#"Corpus(title: "T", entries: [Entry(id: "t", title: "T", kind: Treaty, summary: "s", chapters: [{}])])"#,
            chapters.join(",")
        ))
        .unwrap();
        assert_eq!(
            parse(&corpus, "t#1").unwrap_err(),
            "`1` names several articles of `t`: write one of `t#0/1`, `t#1/1`, `t#2/1`, and 497 more"
        );
        assert_eq!(parse(&corpus, "t#499/1"), Ok((0, 500)));
        assert_eq!(parse(&corpus, "t#chapter-499"), Ok((0, 500)));
    }
}
