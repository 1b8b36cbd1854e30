//! Addresses of places in a corpus, as `--open`, search results and citations write them:
//! `molotov`, `treaty#3` (article 3), `treaty#preamble`, `treaty#annex1`.

use crate::model::{ClauseLabel, Corpus};

/// The address of `part` of entry `entry` (part 0 is the entry itself), if the corpus has
/// that entry.
pub fn of(corpus: &Corpus, entry: usize, part: usize) -> Option<String> {
    let id = &corpus.entries.get(entry)?.id;
    Some(match suffix(corpus, entry, part) {
        Some(suffix) => format!("{id}#{suffix}"),
        None => id.to_string(),
    })
}

/// The address of a page that exists, as [`of`] gives it; empty for one that does not.
pub fn format(corpus: &Corpus, entry: usize, part: usize) -> String {
    of(corpus, entry, part).unwrap_or_default()
}

/// What follows the `#` for `part` of `entry`: "3", "preamble", "annex1".
fn suffix(corpus: &Corpus, entry: usize, part: usize) -> Option<String> {
    let clauses = &corpus.entries.get(entry)?.clauses;
    let clause = corpus.entries.get(entry)?.part(part)?;
    Some(match &clause.label {
        ClauseLabel::Preamble => "preamble".to_string(),
        ClauseLabel::Article(n) => n.to_string(),
        ClauseLabel::Annex(_) => {
            let nth = clauses[..part].iter().filter(|c| matches!(c.label, ClauseLabel::Annex(_))).count();
            format!("annex{nth}")
        }
    })
}

/// The entry and part that `spec` names, or a message naming the closest ids or the parts
/// there are.
pub fn parse(corpus: &Corpus, spec: &str) -> Result<(usize, usize), String> {
    let (id, part) = spec.split_once('#').map_or((spec, None), |(id, part)| (id, Some(part)));
    let Some(entry) = corpus.find(id) else {
        let mut near: Vec<(usize, &str)> =
            corpus.entries.iter().map(|e| (strsim::levenshtein(&e.id, id), e.id.as_str())).collect();
        near.sort();
        let names: Vec<String> = near.iter().take(3).map(|(_, id)| format!("`{id}`")).collect();
        return Err(match names.is_empty() {
            true => format!("no entry has the id `{id}`; this corpus has no entries"),
            false => format!("no entry has the id `{id}`; the closest are {}", names.join(", ")),
        });
    };
    let Some(part) = part else { return Ok((entry, 0)) };
    let clauses = corpus.entries.get(entry).map_or(0, |e| e.clauses.len());
    let parts: Vec<String> = (1..=clauses).filter_map(|p| suffix(corpus, entry, p)).collect();
    match parts.iter().position(|p| p == part) {
        Some(k) => Ok((entry, k + 1)),
        None if parts.is_empty() => Err(format!("`{id}` has no articles; open it as `{id}`")),
        None => Err(format!("`{id}` has no part `{part}`; it has: {}", parts.join(", "))),
    }
}
