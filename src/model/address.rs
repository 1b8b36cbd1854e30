//! Addresses of places in a corpus, as `--open`, search results and citations write them:
//! `molotov`, `treaty#3` (the article labelled 3), `tpp#30.8`, `tpp#25-bis`,
//! `treaty#preamble`, `treaty#annex1`, `tpp#chapter-30` (the first article of chapter 30),
//! and, where a label repeats across divisions, the divisions' labels before it:
//! `code#II/3/1` (article 1 of chapter 3 of part II).

use crate::model::{ClauseLabel, Corpus, Entry};

/// The address of `part` of entry `entry` (part 0 is the entry itself), if the corpus has
/// that entry.
pub fn of(corpus: &Corpus, entry: usize, part: usize) -> Option<String> {
    let entry = corpus.entries.get(entry)?;
    Some(match suffix(entry, part) {
        Some(suffix) => format!("{}#{suffix}", entry.id),
        None => entry.id.to_string(),
    })
}

/// The address of a page that exists, as [`of`] gives it; empty for one that does not.
pub fn format(corpus: &Corpus, entry: usize, part: usize) -> String {
    of(corpus, entry, part).unwrap_or_default()
}

/// A label as addresses compare it: case, spaces, hyphens and underscores alike.
pub fn key(label: &str) -> String {
    label.trim().chars().map(|c| if matches!(c, ' ' | '_') { '-' } else { c.to_ascii_lowercase() }).collect()
}

/// The labels of the divisions that hold clause `k`, the outermost first, joined by `/`.
fn divisions(entry: &Entry, k: usize) -> String {
    entry.chapters_of(k).iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join("/")
}

/// The key of each article's label, by clause.
fn article_keys(entry: &Entry) -> impl Iterator<Item = (usize, String)> + '_ {
    entry.clauses.iter().enumerate().filter_map(|(k, c)| match &c.label {
        ClauseLabel::Article(label) => Some((k, key(label))),
        _ => None,
    })
}

/// What follows the `#` for `part` of `entry`: "3", "30.8", "II/3/1", "preamble", "annex1".
fn suffix(entry: &Entry, part: usize) -> Option<String> {
    let clause = entry.part(part)?;
    Some(match &clause.label {
        ClauseLabel::Preamble => "preamble".to_string(),
        ClauseLabel::Article(label) => {
            let own = key(label);
            let shared = article_keys(entry).filter(|(_, k)| *k == own).count() > 1;
            article_suffix(entry, part - 1, label, shared)
        }
        ClauseLabel::Annex(_) => {
            let nth = entry.clauses[..part].iter().filter(|c| matches!(c.label, ClauseLabel::Annex(_))).count();
            format!("annex{nth}")
        }
    })
}

/// The address of clause `k`, an article labelled `label`: the label, after the labels of
/// its divisions when it is `shared` with another article.
fn article_suffix(entry: &Entry, k: usize, label: &str, shared: bool) -> String {
    let divisions = if shared { divisions(entry, k) } else { String::new() };
    if divisions.is_empty() { label.to_string() } else { format!("{divisions}/{label}") }
}

/// What follows the `#` for each part of `entry`, in order (part 1 first), as [`of`] writes
/// them; found together, in time linear in the parts.
pub fn suffixes(entry: &Entry) -> Vec<String> {
    let keys: Vec<Option<String>> = entry
        .clauses
        .iter()
        .map(|c| match &c.label {
            ClauseLabel::Article(label) => Some(key(label)),
            _ => None,
        })
        .collect();
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::with_capacity(keys.len());
    for own in keys.iter().flatten() {
        *counts.entry(own).or_default() += 1;
    }
    let mut annexes = 0;
    let clauses = entry.clauses.iter().enumerate();
    clauses
        .map(|(k, clause)| match &clause.label {
            ClauseLabel::Preamble => "preamble".to_string(),
            ClauseLabel::Article(label) => {
                let shared = keys[k].as_deref().and_then(|own| counts.get(own)).is_some_and(|&n| n > 1);
                article_suffix(entry, k, label, shared)
            }
            ClauseLabel::Annex(_) => {
                annexes += 1;
                format!("annex{annexes}")
            }
        })
        .collect()
}

/// What follows the `#` for division `chapter` of `entry`: `chapter-30`, or with the
/// labels of the divisions that hold it where its own label repeats (`chapter-I/1`).
pub fn chapter_suffix(entry: &Entry, chapter: usize) -> Option<String> {
    let own = key(&entry.chapters.get(chapter)?.label);
    let shared = entry.chapters.iter().filter(|c| key(&c.label) == own).count() > 1;
    Some(division_suffix(entry, chapter, shared))
}

/// What follows the `#` for each division of `entry`, in order, as [`chapter_suffix`] gives
/// them; found together, in time linear in the divisions.
pub fn chapter_suffixes(entry: &Entry) -> Vec<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let keys: Vec<String> = entry.chapters.iter().map(|c| key(&c.label)).collect();
    for own in &keys {
        *counts.entry(own.clone()).or_default() += 1;
    }
    keys.iter().enumerate().map(|(c, own)| division_suffix(entry, c, counts[own] > 1)).collect()
}

/// `chapter-` and division `chapter`'s label, after those of the divisions that hold it when
/// its label is `shared` with another.
fn division_suffix(entry: &Entry, chapter: usize, shared: bool) -> String {
    let Some(own) = entry.chapters.get(chapter) else { return String::new() };
    if !shared {
        return format!("chapter-{}", own.label);
    }
    format!("chapter-{}", labels_of(entry, chapter).join("/"))
}

/// The labels of division `chapter` and of those that hold it, the outermost first.
fn labels_of(entry: &Entry, chapter: usize) -> Vec<&str> {
    let mut labels: Vec<&str> =
        entry.holding(Some(chapter as u32)).map(|c| entry.chapters[c as usize].label.as_str()).collect();
    labels.reverse();
    labels
}

/// The entry and part that `spec` names, or a message naming the closest ids or the parts
/// there are.
pub fn parse(corpus: &Corpus, spec: &str) -> Result<(usize, usize), String> {
    let (id, part) = spec.split_once('#').map_or((spec, None), |(id, part)| (id, Some(part)));
    let Some(index) = corpus.find(id) else {
        let mut near: Vec<(usize, &str)> =
            corpus.entries.iter().map(|e| (strsim::levenshtein(&e.id, id), e.id.as_str())).collect();
        near.sort();
        let names: Vec<String> = near.iter().take(3).map(|(_, id)| format!("`{id}`")).collect();
        return Err(match names.is_empty() {
            true => format!("no entry has the id `{id}`; this corpus has no entries"),
            false => format!("no entry has the id `{id}`; the closest are {}", names.join(", ")),
        });
    };
    let Some(part) = part else { return Ok((index, 0)) };
    let entry = &corpus.entries[index];
    if let Some(found) = find(entry, part)? {
        return Ok((index, found));
    }
    let parts: Vec<String> = (1..=entry.clauses.len()).filter_map(|p| suffix(entry, p)).collect();
    Err(match parts.len() {
        0 => format!("`{id}` has no articles; open it as `{id}`"),
        n if n <= 24 => format!("`{id}` has no part `{part}`; it has: {}", parts.join(", ")),
        n => format!("`{id}` has no part `{part}`; it has: {}, and {} more", parts[..20].join(", "), n - 20),
    })
}

/// The part of `entry` that `part` (what follows the `#`) names, if any; an error when it
/// names several.
pub fn find(entry: &Entry, part: &str) -> Result<Option<usize>, String> {
    let clause_part = |k: usize| Some(k + 1);
    if part == "preamble" {
        return Ok(entry.clauses.iter().position(|c| c.label == ClauseLabel::Preamble).and_then(clause_part));
    }
    if let Some(n) = part.strip_prefix("annex").and_then(|n| n.parse::<usize>().ok()) {
        let annexes = entry.clauses.iter().enumerate().filter(|(_, c)| matches!(c.label, ClauseLabel::Annex(_)));
        return Ok(annexes.map(|(k, _)| k).nth(n.wrapping_sub(1)).and_then(clause_part));
    }
    if let Some(path) = part.strip_prefix("chapter-") {
        let wanted = key(path);
        let matching: Vec<usize> = (0..entry.chapters.len())
            .filter(|&c| {
                let labels = labels_of(entry, c);
                key(&labels.join("/")) == wanted
                    || (!wanted.contains('/') && labels.last().map(|l| key(l)) == Some(wanted.clone()))
            })
            .collect();
        return match matching[..] {
            [] => Ok(None),
            [c] => Ok(entry.chapters.get(c).filter(|c| !c.clauses.is_empty()).map(|c| c.clauses.start as usize + 1)),
            _ => Err(format!(
                "`chapter-{path}` names several divisions: write their path, as in `chapter-{}`",
                labels_of(entry, matching[1]).join("/")
            )),
        };
    }
    let (divisions_wanted, label) = match part.rsplit_once('/') {
        Some((divisions, label)) => (Some(key(divisions)), key(label)),
        None => (None, key(part)),
    };
    let matching: Vec<usize> = article_keys(entry)
        .filter(|(k, own)| *own == label && divisions_wanted.as_ref().is_none_or(|d| key(&divisions(entry, *k)) == *d))
        .map(|(k, _)| k)
        .collect();
    match matching[..] {
        [] => Ok(None),
        [k] => Ok(Some(k + 1)),
        _ => {
            let ways: Vec<String> = matching
                .iter()
                .map(|&k| format!("`{}#{}`", entry.id, suffix(entry, k + 1).unwrap_or_default()))
                .collect();
            Err(format!("`{part}` names several articles of `{}`: write one of {}", entry.id, ways.join(", ")))
        }
    }
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
        assert_eq!(several, "`chapter-1` names several divisions: write their path, as in `chapter-II/1`");
        let missing = parse(&corpus, "code#99").unwrap_err();
        assert_eq!(missing, "`code` has no part `99`; it has: preamble, I/1/1, 25 bis, II/1/1, 30.8, annex1");
    }

    #[test]
    fn every_address_at_once_is_each_address_alone() {
        let corpus = corpus();
        let entry = &corpus.entries[0];
        let alone: Vec<String> = (1..=entry.clauses.len()).filter_map(|p| suffix(entry, p)).collect();
        assert_eq!(suffixes(entry), alone);
        let chapters: Vec<String> = (0..entry.chapters.len()).filter_map(|c| chapter_suffix(entry, c)).collect();
        assert_eq!(chapters, ["chapter-I", "chapter-I/1", "chapter-II", "chapter-II/1", "chapter-30"]);
        assert_eq!(chapter_suffixes(entry), chapters);
        for (c, address) in chapters.iter().enumerate() {
            let first = entry.chapters[c].clauses.start as usize + 1;
            assert_eq!(parse(&corpus, &format!("code#{address}")), Ok((0, first)), "{address}");
        }
    }
}
