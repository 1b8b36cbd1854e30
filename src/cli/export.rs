//! The whole corpus written out for other tools: plain text, Markdown, or JSON of a stable,
//! documented shape. Links survive in each; no control character passes through.

use std::fmt::Write;

use serde_json::{Value, json};

use crate::model::date::Precision;
use crate::model::{Chapter, Clause, ClauseLabel, Corpus, Entry, Event, Name, Text};
use crate::text::sanitize;

/// The formats `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text, for reading and grepping; a link reads "words [id]"
    Text,
    /// Markdown with headings, the articles and the timeline; links go to anchors
    Markdown,
    /// JSON of the shape documented in assets/FORMAT.md
    Json,
}

/// `corpus` in `format`, whole.
pub fn export(corpus: &Corpus, format: Format) -> String {
    let mut out = String::new();
    let _ = write(corpus, format, &mut out);
    out
}

/// Writes `corpus` in `format` to `out` an entry at a time, so that no more than one entry's
/// output is held at once, however large the corpus.
pub fn write(corpus: &Corpus, format: Format, out: &mut impl Write) -> std::fmt::Result {
    match format {
        Format::Text => text(corpus, out),
        Format::Markdown => markdown(corpus, out),
        Format::Json => json(corpus, out),
    }
}

/// Text with each link followed by its entry's id: "Vilhelms Munters [munters]", or with
/// `markdown`, a Markdown link to the entry's anchor.
fn linked(corpus: &Corpus, text: &Text, markdown: bool) -> String {
    let escape = |s: &str| if markdown { escape_markdown(&sanitize(s)) } else { sanitize(s) };
    let mut out = String::new();
    for (words, target) in text.runs() {
        match target.map(|t| &corpus.entries[t].id) {
            Some(id) if markdown => {
                let _ = write!(out, "[{}](#{id})", escape(words));
            }
            Some(id) => {
                let _ = write!(out, "{} [{id}]", escape(words));
            }
            None => out.push_str(&escape(words)),
        }
    }
    out.replace('\n', " ")
}

/// A list item's own marker kept as text in a Markdown list: "1." and "-" escaped, so that
/// they do not start a list of their own.
fn literal_marker(item: &str) -> String {
    let (marker, rest) = item.split_once(' ').unwrap_or((item, ""));
    let marker = match marker.strip_suffix('.') {
        Some(number) if number.chars().all(|c| c.is_ascii_digit() || c == '.') => format!("{number}\\."),
        _ if matches!(marker, "-" | "*" | "+") => format!("\\{marker}"),
        _ => marker.to_string(),
    };
    format!("{marker} {rest}")
}

/// Backslashes before the characters Markdown would read as markup.
pub(super) fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn text(corpus: &Corpus, out: &mut impl Write) -> std::fmt::Result {
    let title = sanitize(&corpus.title);
    writeln!(out, "{title}\n{}\n", "=".repeat(title.chars().count()))?;
    if !corpus.description.plain.is_empty() {
        writeln!(out, "{}\n", linked(corpus, &corpus.description, false))?;
    }
    for (index, entry) in corpus.entries.iter().enumerate() {
        writeln!(out, "{} [{}]\n{}", sanitize(&entry.title), entry.id, sanitize(&entry.kind_and_dates()))?;
        if !entry.aliases.is_empty() {
            writeln!(out, "also: {}", sanitize(&entry.aliases.join(" · ")))?;
        }
        for line in about(corpus, index, false) {
            writeln!(out, "{line}")?;
        }
        writeln!(out, "\n{}", linked(corpus, &entry.summary, false))?;
        for paragraph in &entry.body {
            writeln!(out, "\n{}", linked(corpus, paragraph, false))?;
        }
        for (k, clause) in entry.clauses.iter().enumerate() {
            for chapter in opening(entry, k) {
                let name = sanitize(&chapter.full_name());
                writeln!(out, "\n{name}\n{}", "-".repeat(name.chars().count()))?;
            }
            writeln!(out, "\n{}", clause_heading(clause))?;
            for (j, paragraph) in clause.text.iter().enumerate() {
                // A list item stands two spaces in a level.
                let indent = "  ".repeat(clause.level(j) as usize);
                writeln!(out, "{indent}{}", linked(corpus, paragraph, false))?;
            }
            for note in &clause.notes {
                writeln!(out, "Note: {}", linked(corpus, note, false))?;
            }
            if !clause.parallels.is_empty() {
                writeln!(
                    out,
                    "Parallels: {}",
                    clause.parallels.iter().map(|p| sanitize(p)).collect::<Vec<_>>().join(", ")
                )?;
            }
        }
        for (heading, items) in [("Published in", &entry.published), ("Sources", &entry.sources)] {
            if !items.is_empty() {
                writeln!(out, "\n{heading}:")?;
                for item in items {
                    writeln!(out, "- {}", sanitize(item))?;
                }
            }
        }
        writeln!(out)?;
    }
    writeln!(out, "Timeline\n--------\n")?;
    for &e in &corpus.chronology {
        let event = &corpus.events[e];
        write!(out, "{} — {}", event.when, sanitize(&event.title))?;
        if !event.text.plain.is_empty() {
            write!(out, ": {}", linked(corpus, &event.text, false))?;
        }
        writeln!(out, "{}", concerns(corpus, event, false))?;
    }
    Ok(())
}

fn clause_heading(clause: &Clause) -> String {
    sanitize(&clause.full_name())
}

/// The divisions that open at clause `k` of `entry`, the outermost first.
fn opening(entry: &Entry, k: usize) -> impl Iterator<Item = &Chapter> {
    entry.chapters_of(k).into_iter().filter(move |c| c.clauses.start as usize == k)
}

/// The lines under entry `index`'s title besides its kind and dates: its language and versions,
/// its signature; with `markdown`, links to the entries they name.
fn about(corpus: &Corpus, index: usize, markdown: bool) -> Vec<String> {
    let entry = &corpus.entries[index];
    let name = |e: usize| {
        let other = &corpus.entries[e];
        match markdown {
            true => format!("[{}](#{})", escape_markdown(&sanitize(&other.title)), other.id),
            false => format!("{} [{}]", sanitize(&other.title), other.id),
        }
    };
    let mut lines = Vec::new();
    if let Some(language) = &entry.language {
        lines.push(format!("language: {}", sanitize(language)));
    }
    let versions: Vec<String> = corpus.versions(index).into_iter().filter(|&v| v != index).map(name).collect();
    if !versions.is_empty() {
        lines.push(format!("other versions: {}", versions.join(", ")));
    }
    if let Some(signature) = corpus.signature(index) {
        let words = signature.into_iter().map(|(words, target)| match (target, markdown) {
            (Some(t), true) => format!("[{}](#{})", escape_markdown(&sanitize(&words)), corpus.entries[t].id),
            (_, true) => escape_markdown(&sanitize(&words)),
            (_, false) => sanitize(&words),
        });
        lines.push(words.collect());
    }
    lines
}

fn concerns(corpus: &Corpus, event: &Event, markdown: bool) -> String {
    if event.concerns.is_empty() {
        return String::new();
    }
    let ids: Vec<String> = event
        .concerns
        .iter()
        .map(|&c| {
            let entry = &corpus.entries[c];
            if markdown {
                format!("[{}](#{})", escape_markdown(&sanitize(&entry.title)), entry.id)
            } else {
                entry.id.to_string()
            }
        })
        .collect();
    format!(" ({})", ids.join(", "))
}

fn markdown(corpus: &Corpus, out: &mut impl Write) -> std::fmt::Result {
    writeln!(out, "# {}\n", escape_markdown(&sanitize(&corpus.title)))?;
    if !corpus.description.plain.is_empty() {
        writeln!(out, "{}\n", linked(corpus, &corpus.description, true))?;
    }
    for (index, entry) in corpus.entries.iter().enumerate() {
        writeln!(out, "<a id=\"{}\"></a>\n", entry.id)?;
        writeln!(out, "## {}\n", escape_markdown(&sanitize(&entry.title)))?;
        writeln!(out, "*{}*\n", escape_markdown(&sanitize(&entry.kind_and_dates())))?;
        if !entry.aliases.is_empty() {
            writeln!(out, "Also: {}\n", escape_markdown(&sanitize(&entry.aliases.join(" · "))))?;
        }
        for line in about(corpus, index, true) {
            writeln!(out, "{line}\n")?;
        }
        writeln!(out, "> {}\n", linked(corpus, &entry.summary, true))?;
        for paragraph in &entry.body {
            writeln!(out, "{}\n", linked(corpus, paragraph, true))?;
        }
        for (k, clause) in entry.clauses.iter().enumerate() {
            // Divisions a heading level each below the entry's, the clause below them.
            let depth = entry.chapters_of(k).len();
            for (d, chapter) in opening(entry, k).enumerate() {
                let level = "#".repeat((3 + depth - opening(entry, k).count() + d).min(6));
                writeln!(out, "{level} {}\n", escape_markdown(&sanitize(&chapter.full_name())))?;
            }
            writeln!(out, "{} {}\n", "#".repeat((3 + depth).min(6)), escape_markdown(&clause_heading(clause)))?;
            let mut listing = false;
            for (j, paragraph) in clause.text.iter().enumerate() {
                // A list item is a Markdown list item, its own marker kept as written.
                match clause.level(j) {
                    0 => {
                        if listing {
                            writeln!(out)?;
                        }
                        listing = false;
                        writeln!(out, "{}\n", linked(corpus, paragraph, true))?;
                    }
                    level => {
                        listing = true;
                        let indent = "  ".repeat(level as usize - 1);
                        writeln!(out, "{indent}- {}", literal_marker(&linked(corpus, paragraph, true)))?;
                    }
                }
            }
            if listing {
                writeln!(out)?;
            }
            for note in &clause.notes {
                writeln!(out, "*Note:* {}\n", linked(corpus, note, true))?;
            }
            if !clause.parallels.is_empty() {
                let named: Vec<String> = clause.parallels.iter().map(|p| format!("`{}`", sanitize(p))).collect();
                writeln!(out, "*Parallels:* {}\n", named.join(", "))?;
            }
        }
        for (heading, items) in [("Published in", &entry.published), ("Sources", &entry.sources)] {
            if !items.is_empty() {
                writeln!(out, "**{heading}:**\n")?;
                for item in items {
                    writeln!(out, "- {}", escape_markdown(&sanitize(item)))?;
                }
                writeln!(out)?;
            }
        }
    }
    writeln!(out, "## Timeline\n")?;
    for &e in &corpus.chronology {
        let event = &corpus.events[e];
        write!(out, "- **{}** — {}", event.when, escape_markdown(&sanitize(&event.title)))?;
        if !event.text.plain.is_empty() {
            write!(out, ": {}", linked(corpus, &event.text, true))?;
        }
        writeln!(out, "{}", concerns(corpus, event, true))?;
    }
    Ok(())
}

/// A text as JSON: the words, and each link's character range and the entry's id.
fn text_json(corpus: &Corpus, text: &Text) -> Value {
    // Characters counted on from link to link (they come in order): once along the text.
    let (mut byte, mut chars) = (0, 0);
    let mut chars_to = |to: usize| {
        let to = to.min(text.plain.len());
        if to >= byte {
            chars += text.plain.get(byte..to).map_or(0, |s| s.chars().count());
            byte = to;
        }
        chars
    };
    let links: Vec<Value> = text
        .links
        .iter()
        .map(|l| {
            let (start, end) = (chars_to(l.range().start), chars_to(l.range().end));
            json!({"start": start, "end": end, "id": corpus.entries[l.target()].id})
        })
        .collect();
    json!({"text": sanitize(&text.plain), "links": links})
}

/// The JSON export, written an entry and an event at a time, in the layout (and the key
/// order) of `serde_json`'s pretty printer.
fn json(corpus: &Corpus, out: &mut impl Write) -> std::fmt::Result {
    let event = |&v: &usize| {
        let event = &corpus.events[v];
        let when = event.when;
        json!({
            "date": iso(when.start.first),
            "end": when.end.map(|end| iso(end.last())),
            "last_day": iso(when.last()),
            "precision": match when.start.precision {
                Precision::Day => "day",
                Precision::Month => "month",
                Precision::Season(_) => "season",
                Precision::Year => "year",
            },
            "approximate": when.approximate,
            "when": when.to_string(),
            "title": sanitize(&event.title),
            "text": text_json(corpus, &event.text),
            "concerns": ids(corpus, &event.concerns),
        })
    };
    writeln!(out, "{{")?;
    writeln!(out, "  \"description\": {},", pretty(&text_json(corpus, &corpus.description)))?;
    list(out, "  ", "entries", corpus.entries.len(), |out, i| entry_json(corpus, i, out))?;
    writeln!(out, ",")?;
    let events = &corpus.chronology;
    list(out, "  ", "events", events.len(), |out, i| {
        write!(out, "{}", pretty(&event(&events[i])).replace('\n', "\n  "))
    })?;
    writeln!(out, ",")?;
    writeln!(out, "  \"format\": \"{FORMAT}\",")?;
    writeln!(out, "  \"sources\": {},", pretty(&json!(clean(&corpus.sources))))?;
    writeln!(out, "  \"title\": {}", pretty(&json!(sanitize(&corpus.title))))?;
    writeln!(out, "}}")
}

/// What the JSON export calls its shape (see assets/FORMAT.md).
pub const FORMAT: &str = "treaty-tui export 2";

fn ids(corpus: &Corpus, targets: &[usize]) -> Vec<Name> {
    targets.iter().map(|&t| corpus.entries[t].id.clone()).collect()
}

fn clean(items: &[Name]) -> Vec<String> {
    items.iter().map(|s| sanitize(s)).collect()
}

/// Entry `i`, one level into the entries, as the pretty printer writes it (keys in order),
/// its clauses made and written one at a time: a treaty of a thousand articles is never
/// held whole.
fn entry_json(corpus: &Corpus, i: usize, out: &mut impl Write) -> std::fmt::Result {
    let e = &corpus.entries[i];
    let id = |t: usize| corpus.entries[t].id.clone();
    let chapters: Vec<Value> = e
        .chapters
        .iter()
        .map(|c| {
            json!({
                "label": sanitize(&c.label),
                "title": sanitize(&c.title),
                "division": sanitize(&c.division),
                "parent": c.parent,
                "first_clause": c.clauses.start,
                "clause_count": c.clauses.len(),
            })
        })
        .collect();
    let signing = e.signing.as_deref().map(|s| {
        json!({
            "at": s.at.as_deref().map(sanitize),
            "parties": ids(corpus, &s.parties),
            "signatories": ids(corpus, &s.signatories),
        })
    });
    let fields = |keys: &[(&str, Value)], out: &mut dyn Write| -> std::fmt::Result {
        for (key, value) in keys {
            write!(out, "\n      \"{key}\": {},", pretty(value).replace('\n', "\n    "))?;
        }
        Ok(())
    };
    write!(out, "{{")?;
    let before = [
        ("aliases", json!(clean(&e.aliases))),
        ("body", json!(e.body.iter().map(|t| text_json(corpus, t)).collect::<Vec<_>>())),
        ("chapters", json!(chapters)),
    ];
    fields(&before, out)?;
    writeln!(out)?;
    let addresses = crate::model::address::suffixes(e);
    list(out, "      ", "clauses", e.clauses.len(), |out, k| {
        let c = &e.clauses[k];
        let (kind, label) = match &c.label {
            ClauseLabel::Preamble => ("preamble", None),
            ClauseLabel::Article(label) => ("article", Some(sanitize(label))),
            ClauseLabel::Annex(_) => ("annex", None),
        };
        let clause = json!({
            "kind": kind,
            "label": label,
            "name": sanitize(&c.label.to_string()),
            "address": format!("{}#{}", e.id, addresses.get(k).map_or("", String::as_str)),
            "chapter": c.chapter,
            "heading": sanitize(&c.heading),
            "text": c.text.iter().map(|t| text_json(corpus, t)).collect::<Vec<_>>(),
            "levels": (0..c.text.len()).map(|j| c.level(j)).collect::<Vec<_>>(),
            "notes": c.notes.iter().map(|t| text_json(corpus, t)).collect::<Vec<_>>(),
            "links": ids(corpus, &c.links),
            "parallels": c.parallels.iter().map(|p| sanitize(p)).collect::<Vec<_>>(),
        });
        write!(out, "{}", pretty(&clause).replace('\n', "\n      "))
    })?;
    write!(out, ",")?;
    let after = [
        ("dates", json!(e.dates.map(|d| d.to_string()))),
        ("id", json!(e.id)),
        ("kind", json!(sanitize(e.kind.name()))),
        ("language", json!(e.language.as_deref().map(sanitize))),
        ("linked_from", json!(ids(corpus, &corpus.linked_from[i]))),
        ("published", json!(clean(&e.published))),
        ("signing", json!(signing)),
        ("sources", json!(clean(&e.sources))),
        ("summary", text_json(corpus, &e.summary)),
        ("title", json!(sanitize(&e.title))),
    ];
    fields(&after, out)?;
    let translation_of = json!(e.translation_of.map(id));
    write!(out, "\n      \"translation_of\": {}\n    }}", pretty(&translation_of))
}

/// `"key": [ ... ]` at `pad`, with `count` items each written by `item` in turn (which
/// writes it indented to stand one level in), and no comma after.
fn list<W: Write>(
    out: &mut W,
    pad: &str,
    key: &str,
    count: usize,
    mut item: impl FnMut(&mut W, usize) -> std::fmt::Result,
) -> std::fmt::Result {
    write!(out, "{pad}\"{key}\": [")?;
    for i in 0..count {
        write!(out, "{}\n{pad}  ", if i == 0 { "" } else { "," })?;
        item(out, i)?;
    }
    write!(out, "{}]", if count == 0 { String::new() } else { format!("\n{pad}") })
}

/// `value` pretty-printed as it stands one level into the export's object.
fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default().replace('\n', "\n  ")
}

/// A day as ISO 8601: "1939-10-05"; a year before 0 or after 9999 with its sign and at
/// least four digits, as the standard's expanded form has it ("-0004-02-29").
fn iso(day: crate::model::date::Day) -> String {
    let year = match day.year {
        0..=9999 => format!("{:04}", day.year),
        year if year < 0 => format!("-{:04}", year.unsigned_abs()),
        year => format!("+{year}"),
    };
    format!("{year}-{:02}-{:02}", day.month, day.day)
}

#[cfg(test)]
mod tests {
    use super::iso;
    use crate::model::date::Day;

    #[test]
    fn days_are_written_as_iso_8601_also_before_the_common_era() {
        let day = |year, month, day| iso(Day { year, month, day });
        assert_eq!(day(1939, 10, 5), "1939-10-05");
        assert_eq!(day(44, 3, 15), "0044-03-15");
        assert_eq!(day(0, 1, 1), "0000-01-01");
        assert_eq!(day(-4, 2, 29), "-0004-02-29");
        assert_eq!(day(-43210, 1, 1), "-43210-01-01");
        assert_eq!(day(12000, 1, 1), "+12000-01-01");
    }
}
