//! `treaty-tui compare`: an article beside its counterparts in other treaties, or a treaty
//! beside another article by article, as text (differences marked `[-deleted-]` and
//! `{+inserted+}`), a Markdown table, or JSON with the aligned paragraphs and word runs.

use std::fmt::Write;

use serde::Serialize;
use serde_json::json;

use crate::compare::diff::{Aligned, BREAK, Op, WordCounts};
use crate::compare::{self, Parallels, Place};
use crate::model::{Corpus, address};
use crate::text::{echo, sanitize};

/// What `compare` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Paragraphs with `[-deleted-]` and `{+inserted+}` words
    Text,
    /// A table of the paragraphs side by side, deletions struck through, insertions bold
    Markdown,
    /// The aligned paragraphs and their word runs
    Json,
}

/// One comparison: clauses beside clauses, and how they line up.
pub struct Pair {
    pub left: Vec<Place>,
    pub right: Vec<Place>,
    pub aligned: Aligned,
    /// Paired by their words, the corpus declaring no counterpart.
    pub by_text: bool,
}

/// Why nothing could be compared: an address that leads nowhere (an error), or one with
/// no counterpart.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    Wrong(String),
    Alone(String),
}

/// The comparisons `addresses` ask for. The first address is the one compared: an article
/// (beside the others given, or else its counterparts, one treaty at a time) or a treaty
/// (beside the others given, or else every treaty its articles have counterparts in,
/// article by article).
pub fn pairs(corpus: &Corpus, addresses: &[String]) -> Result<Vec<Vec<Pair>>, Refused> {
    let places: Vec<Place> =
        addresses.iter().map(|a| address::parse(corpus, a)).collect::<Result<_, _>>().map_err(Refused::Wrong)?;
    let Some((&first, others)) = places.split_first() else {
        return Err(Refused::Wrong("name an article or a treaty to compare".into()));
    };
    let parallels = Parallels::new(corpus);
    let name = |place: Place| address::format(corpus, place.0, place.1);
    if first.1 == 0 {
        let entry = &corpus.entries[first.0];
        if entry.clauses.is_empty() {
            return Err(Refused::Wrong(format!("`{}` has no articles to compare", entry.id)));
        }
        let treaties: Vec<usize> = if others.is_empty() {
            parallels.treaties_of(corpus, first.0)
        } else {
            others.iter().map(|p| p.0).collect()
        };
        if treaties.is_empty() {
            return Err(Refused::Alone(format!("no article of `{}` has a counterpart in another treaty", entry.id)));
        }
        let pairs: Vec<Vec<Pair>> = treaties
            .iter()
            .map(|&other| {
                compare::treaties_aligned(corpus, &parallels, first.0, other)
                    .into_iter()
                    .map(|(row, aligned)| {
                        let aligned = aligned.unwrap_or_else(|| compare::clauses(corpus, &row.left, &row.right));
                        Pair { left: row.left, right: row.right, aligned, by_text: row.by_text }
                    })
                    .collect()
            })
            .collect();
        // A treaty none of whose parts answers to one of the other's is no comparison, as an
        // article without a counterpart is none.
        let alone = |group: &Vec<Pair>| !group.iter().any(|pair| !pair.left.is_empty() && !pair.right.is_empty());
        if let Some(k) = pairs.iter().position(alone) {
            let treaty = &corpus.entries[treaties[k]].id;
            return Err(Refused::Alone(format!("no part of `{}` has a counterpart in `{treaty}`", entry.id)));
        }
        return Ok(pairs);
    }
    // Beside a treaty named, its counterparts the corpus declares, or else those the two
    // treaties set side by side by their words give it.
    let sides: Vec<(Vec<Place>, bool)> = if others.is_empty() {
        parallels.treaties(first).into_iter().map(|e| (parallels.within(first, e), false)).collect()
    } else {
        others
            .iter()
            .map(|&other| match other.1 {
                0 => compare::counterparts(&parallels, first, other.0, || {
                    compare::treaties(corpus, &parallels, first.0, other.0).into()
                }),
                _ => (vec![other], false),
            })
            .collect()
    };
    if let Some(empty) = sides.iter().position(|(places, _)| places.is_empty()) {
        let treaty = &corpus.entries[others[empty].0].id;
        return Err(Refused::Alone(format!("`{}` has no counterpart in `{treaty}`", name(first))));
    }
    if sides.is_empty() {
        return Err(Refused::Alone(format!("`{}` has no counterpart in another treaty", name(first))));
    }
    Ok(sides
        .into_iter()
        .map(|(right, by_text)| {
            let aligned = compare::clauses(corpus, &[first], &right);
            vec![Pair { left: vec![first], right, aligned, by_text }]
        })
        .collect())
}

/// How many articles `compare --similar` lists.
pub const MOST_LIKE: usize = 10;

/// The articles most like the one `addresses` names (the only address), best first, found
/// in the index of similar clauses that `similar` gives (asked for once the address is
/// known to lead to an article).
pub fn like(
    corpus: &Corpus,
    addresses: &[String],
    similar: impl FnOnce() -> crate::compare::similar::Similar,
) -> Result<Vec<(Place, f32)>, Refused> {
    let [written] = addresses else {
        return Err(Refused::Wrong("--similar takes one address, of an article".into()));
    };
    let place = address::parse(corpus, written).map_err(Refused::Wrong)?;
    if place.1 == 0 {
        return Err(Refused::Wrong(format!("`{}` is a whole entry: name one of its articles", echo(written))));
    }
    let found = similar().like(place, MOST_LIKE);
    if found.is_empty() {
        Err(Refused::Alone(format!("no article of another entry shares a word with `{}`", echo(written))))
    } else {
        Ok(found)
    }
}

/// Writes the articles `found` with their scores: a line each (score, address, title), a
/// Markdown table, or JSON.
pub fn write_like(corpus: &Corpus, found: &[(Place, f32)], format: Format, out: &mut impl Write) -> std::fmt::Result {
    let rows: Vec<(f32, String, String)> =
        found.iter().map(|&((e, p), score)| (score, address::format(corpus, e, p), title(corpus, (e, p)))).collect();
    write_like_rows(&rows, format, out)
}

/// Writes articles found like one, each as its score, address and title.
pub fn write_like_rows(rows: &[(f32, String, String)], format: Format, out: &mut impl Write) -> std::fmt::Result {
    let rows = rows.iter().map(|(score, at, title)| (*score, sanitize(at), sanitize(title)));
    match format {
        Format::Text => rows.into_iter().try_for_each(|(score, at, title)| writeln!(out, "{score:.3}\t{at}\t{title}")),
        Format::Markdown => {
            use super::export::escape_markdown as escape;
            writeln!(out, "| score | address | article |\n|---|---|---|")?;
            rows.into_iter().try_for_each(|(score, at, title)| {
                writeln!(out, "| {score:.3} | {} | {} |", escape(&at), escape(&title))
            })
        }
        Format::Json => {
            let list: Vec<serde_json::Value> = rows
                .map(|(score, at, title)| json!({"address": at, "title": title, "score": (f64::from(score) * 1000.0).round() / 1000.0}))
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json!({"format": "treaty-tui similar 1", "similar": list}))
                    .unwrap_or_default()
            )
        }
    }
}

/// Writes the comparisons `groups` (one group for each treaty compared) as `format` says.
pub fn write(corpus: &Corpus, groups: &[Vec<Pair>], format: Format, out: &mut impl Write) -> std::fmt::Result {
    match format {
        Format::Text => text(corpus, groups, out),
        Format::Markdown => markdown(corpus, groups, out),
        Format::Json => writeln!(out, "{}", json(corpus, groups)),
    }
}

/// `treaty#3`, `soviet-lithuanian-treaty#VIII + soviet-lithuanian-treaty#IX`, or "nothing".
fn names(corpus: &Corpus, places: &[Place]) -> String {
    match places {
        [] => "nothing".into(),
        _ => places.iter().map(|&(e, p)| address::format(corpus, e, p)).collect::<Vec<_>>().join(" + "),
    }
}

/// "Soviet–Latvian Mutual Assistance Treaty, Article 3 — Bases".
fn title(corpus: &Corpus, (e, part): Place) -> String {
    let Some(entry) = corpus.entries.get(e) else { return String::new() };
    match entry.part(part) {
        Some(clause) => format!("{}, {}", entry.title, clause.full_name()),
        None => entry.title.to_string(),
    }
}

/// " (paired by their words)" after a pair the corpus declares no parallel for.
fn found(pair: &Pair) -> &'static str {
    if pair.by_text { " (paired by their words)" } else { "" }
}

/// The tally of several comparisons together.
fn total(pairs: &[Pair]) -> WordCounts {
    pairs.iter().fold(WordCounts::default(), |sum, p| WordCounts {
        same: sum.same + p.aligned.tally.same,
        gone: sum.gone + p.aligned.tally.gone,
        new: sum.new + p.aligned.tally.new,
    })
}

fn text(corpus: &Corpus, groups: &[Vec<Pair>], out: &mut impl Write) -> std::fmt::Result {
    for (g, pairs) in groups.iter().enumerate() {
        if g > 0 {
            writeln!(out)?;
        }
        if let [first, second, ..] = pairs.as_slice() {
            let (left, right) =
                (first.left.first().or(second.left.first()), first.right.first().or(second.right.first()));
            if let (Some(&(a, _)), Some(&(b, _))) = (left, right) {
                let (a, b) = (&corpus.entries[a], &corpus.entries[b]);
                writeln!(out, "{} beside {}: {}", a.id, b.id, total(pairs).summary())?;
                writeln!(out, "{}\n", "=".repeat(a.id.chars().count() + b.id.chars().count() + 8))?;
            }
        }
        for pair in pairs {
            let (left, right) = (names(corpus, &pair.left), names(corpus, &pair.right));
            match (pair.left.first(), pair.right.first()) {
                (Some(_), Some(_)) => {
                    writeln!(out, "{left} beside {right}{}: {}", found(pair), pair.aligned.tally.summary())?
                }
                (Some(&only), None) | (None, Some(&only)) => {
                    writeln!(out, "{} ({}): no counterpart", names(corpus, &[only]), title(corpus, only))?;
                    continue;
                }
                (None, None) => continue,
            }
            for row in &pair.aligned.rows {
                writeln!(out)?;
                let mut line = String::new();
                for op in &row.ops {
                    match op {
                        Op::Same(text) => line.push_str(text),
                        Op::Gone(text) => write!(line, "[-{text}-]")?,
                        Op::New(text) => write!(line, "{{+{text}+}}")?,
                    }
                }
                writeln!(out, "  {}", paragraphs(&line, "\n\n  ", sanitize))?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

fn markdown(corpus: &Corpus, groups: &[Vec<Pair>], out: &mut impl Write) -> std::fmt::Result {
    use super::export::escape_markdown as escape;
    for pairs in groups {
        for pair in pairs {
            let (left, right) = (names(corpus, &pair.left), names(corpus, &pair.right));
            writeln!(out, "### {} beside {}\n", escape(&sanitize(&left)), escape(&sanitize(&right)))?;
            if pair.left.is_empty() || pair.right.is_empty() {
                writeln!(out, "No counterpart.\n")?;
                continue;
            }
            writeln!(out, "{}{}\n", pair.aligned.tally.summary(), found(pair))?;
            writeln!(out, "| {} | {} |\n|---|---|", escape(&sanitize(&left)), escape(&sanitize(&right)))?;
            for row in &pair.aligned.rows {
                let (mut old, mut new) = (String::new(), String::new());
                for op in &row.ops {
                    match op {
                        Op::Same(text) => {
                            let text = paragraphs(text, "<br><br>", |p| escape(&sanitize(p)));
                            old.push_str(&text);
                            new.push_str(&text);
                        }
                        Op::Gone(text) => {
                            write!(old, "~~{}~~", paragraphs(text.trim(), "~~<br><br>~~", |p| escape(&sanitize(p))))?
                        }
                        Op::New(text) => {
                            write!(new, "**{}**", paragraphs(text.trim(), "**<br><br>**", |p| escape(&sanitize(p))))?
                        }
                    }
                }
                let cell = |s: &str, side: Option<usize>| if side.is_some() { s.to_string() } else { String::new() };
                writeln!(out, "| {} | {} |", cell(&old, row.left), cell(&new, row.right))?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// The JSON of `compare` ("treaty-tui compare 1"), its keys in alphabetical order.
#[derive(Serialize)]
struct JsonComparisons {
    comparisons: Vec<JsonComparison>,
    format: &'static str,
}

#[derive(Serialize)]
struct JsonComparison {
    by_text: bool,
    left: Vec<String>,
    right: Vec<String>,
    rows: Vec<JsonRow>,
    similarity: f64,
    words: JsonWords,
}

#[derive(Serialize)]
struct JsonWords {
    deleted: usize,
    inserted: usize,
    same: usize,
}

/// A row; a run of paragraphs paired with one of the other side says how many.
#[derive(Serialize)]
struct JsonRow {
    left: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    left_paragraphs: Option<usize>,
    ops: Vec<JsonOp>,
    right: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    right_paragraphs: Option<usize>,
}

#[derive(Serialize)]
struct JsonOp {
    op: &'static str,
    text: String,
}

fn json(corpus: &Corpus, groups: &[Vec<Pair>]) -> String {
    let addresses = |places: &[Place]| -> Vec<String> {
        places.iter().map(|&(e, p)| sanitize(&address::format(corpus, e, p))).collect()
    };
    let run = |n: usize| (n > 1).then_some(n);
    let comparisons = groups
        .iter()
        .flatten()
        .map(|pair| {
            let rows = pair
                .aligned
                .rows
                .iter()
                .map(|row| {
                    let ops = row
                        .ops
                        .iter()
                        .map(|op| {
                            let (op, text) = match op {
                                Op::Same(t) => ("same", t),
                                Op::Gone(t) => ("delete", t),
                                Op::New(t) => ("insert", t),
                            };
                            JsonOp { op, text: paragraphs(text, BREAK, sanitize) }
                        })
                        .collect();
                    JsonRow {
                        left: row.left,
                        left_paragraphs: run(row.left_run),
                        ops,
                        right: row.right,
                        right_paragraphs: run(row.right_run),
                    }
                })
                .collect();
            let tally = pair.aligned.tally;
            JsonComparison {
                by_text: pair.by_text,
                left: addresses(&pair.left),
                right: addresses(&pair.right),
                rows,
                similarity: (tally.similarity() * 1000.0).round() / 1000.0,
                words: JsonWords { deleted: tally.gone, inserted: tally.new, same: tally.same },
            }
        })
        .collect();
    serde_json::to_string_pretty(&JsonComparisons { comparisons, format: "treaty-tui compare 1" }).unwrap_or_default()
}

/// `text`, each of the paragraphs a row joins shown by `shown`, with `between` between them.
fn paragraphs(text: &str, between: &str, shown: impl Fn(&str) -> String) -> String {
    text.split(BREAK).map(shown).collect::<Vec<_>>().join(between)
}
