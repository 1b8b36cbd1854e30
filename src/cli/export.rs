//! The whole corpus written out for other tools: plain text, Markdown, or JSON of a stable,
//! documented shape. Links survive in each; no control character passes through.

use std::fmt::Write;

use serde_json::{Value, json};

use crate::model::date::Precision;
use crate::model::{Clause, Corpus, Entry, Event, Name, Text};
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

/// Backslashes before the characters Markdown would read as markup.
fn escape_markdown(s: &str) -> String {
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
    for entry in &corpus.entries {
        writeln!(out, "{} [{}]\n{}", sanitize(&entry.title), entry.id, sanitize(&entry.kind_and_dates()))?;
        if !entry.aliases.is_empty() {
            writeln!(out, "also: {}", sanitize(&entry.aliases.join(" · ")))?;
        }
        writeln!(out, "\n{}", linked(corpus, &entry.summary, false))?;
        for paragraph in &entry.body {
            writeln!(out, "\n{}", linked(corpus, paragraph, false))?;
        }
        for clause in &entry.clauses {
            writeln!(out, "\n{}", clause_heading(clause))?;
            for paragraph in &clause.text {
                writeln!(out, "{}", linked(corpus, paragraph, false))?;
            }
            for note in &clause.notes {
                writeln!(out, "Note: {}", linked(corpus, note, false))?;
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
    match clause.heading.as_str() {
        "" => sanitize(&clause.label.to_string()),
        heading => sanitize(&format!("{} — {heading}", clause.label)),
    }
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
    for entry in &corpus.entries {
        writeln!(out, "<a id=\"{}\"></a>\n", entry.id)?;
        writeln!(out, "## {}\n", escape_markdown(&sanitize(&entry.title)))?;
        writeln!(out, "*{}*\n", escape_markdown(&sanitize(&entry.kind_and_dates())))?;
        if !entry.aliases.is_empty() {
            writeln!(out, "Also: {}\n", escape_markdown(&sanitize(&entry.aliases.join(" · "))))?;
        }
        writeln!(out, "> {}\n", linked(corpus, &entry.summary, true))?;
        for paragraph in &entry.body {
            writeln!(out, "{}\n", linked(corpus, paragraph, true))?;
        }
        for clause in &entry.clauses {
            writeln!(out, "### {}\n", escape_markdown(&clause_heading(clause)))?;
            for paragraph in &clause.text {
                writeln!(out, "{}\n", linked(corpus, paragraph, true))?;
            }
            for note in &clause.notes {
                writeln!(out, "*Note:* {}\n", linked(corpus, note, true))?;
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
    let ids = |targets: &[usize]| targets.iter().map(|&t| corpus.entries[t].id.clone()).collect::<Vec<_>>();
    let clean = |items: &[Name]| items.iter().map(|s| sanitize(s)).collect::<Vec<_>>();
    let entry = |(i, e): (usize, &Entry)| {
        let clauses: Vec<Value> = e
            .clauses
            .iter()
            .map(|c| {
                json!({
                    "label": sanitize(&c.label.to_string()),
                    "heading": sanitize(&c.heading),
                    "text": c.text.iter().map(|t| text_json(corpus, t)).collect::<Vec<_>>(),
                    "notes": c.notes.iter().map(|t| text_json(corpus, t)).collect::<Vec<_>>(),
                    "links": ids(&c.links),
                })
            })
            .collect();
        json!({
            "id": e.id,
            "title": sanitize(&e.title),
            "kind": sanitize(e.kind.name()),
            "aliases": clean(&e.aliases),
            "summary": text_json(corpus, &e.summary),
            "body": e.body.iter().map(|t| text_json(corpus, t)).collect::<Vec<_>>(),
            "dates": e.dates.map(|d| d.to_string()),
            "sources": clean(&e.sources),
            "published": clean(&e.published),
            "clauses": clauses,
            "linked_from": ids(&corpus.linked_from[i]),
        })
    };
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
            "concerns": ids(&event.concerns),
        })
    };
    writeln!(out, "{{")?;
    writeln!(out, "  \"description\": {},", pretty(&text_json(corpus, &corpus.description)))?;
    list(out, "entries", corpus.entries.iter().enumerate().map(entry))?;
    list(out, "events", corpus.chronology.iter().map(event))?;
    writeln!(out, "  \"format\": \"treaty-tui export 1\",")?;
    writeln!(out, "  \"sources\": {},", pretty(&json!(clean(&corpus.sources))))?;
    writeln!(out, "  \"title\": {}", pretty(&json!(sanitize(&corpus.title))))?;
    writeln!(out, "}}")
}

/// `"key": [ ... ],` with each of `items` pretty-printed in turn.
fn list(out: &mut impl Write, key: &str, items: impl Iterator<Item = Value>) -> std::fmt::Result {
    write!(out, "  \"{key}\": [")?;
    let mut empty = true;
    for item in items {
        write!(out, "{}\n    {}", if empty { "" } else { "," }, pretty(&item).replace('\n', "\n  "))?;
        empty = false;
    }
    writeln!(out, "{}],", if empty { "" } else { "\n  " })
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
