//! The whole corpus written out for other tools: plain text, Markdown, or JSON of a stable,
//! documented shape. Links survive in each; no control character passes through.

use std::fmt::Write;

use serde_json::{Value, json};

use crate::corpus::date::Precision;
use crate::corpus::{Clause, Corpus, Entry, Event, Name, Text};
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

/// `corpus` in `format`.
pub fn export(corpus: &Corpus, format: Format) -> String {
    match format {
        Format::Text => text(corpus),
        Format::Markdown => markdown(corpus),
        Format::Json => serde_json::to_string_pretty(&json(corpus)).unwrap_or_default() + "\n",
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

fn dates(entry: &Entry) -> String {
    entry.dates.map(|d| format!(" · {d}")).unwrap_or_default()
}

fn text(corpus: &Corpus) -> String {
    let mut out = String::new();
    let title = sanitize(&corpus.title);
    let _ = writeln!(out, "{title}\n{}\n", "=".repeat(title.chars().count()));
    if !corpus.description.plain.is_empty() {
        let _ = writeln!(out, "{}\n", linked(corpus, &corpus.description, false));
    }
    for entry in &corpus.entries {
        let _ = writeln!(out, "{} [{}]\n{}{}", sanitize(&entry.title), entry.id, entry.kind.name(), dates(entry));
        if !entry.aliases.is_empty() {
            let _ = writeln!(out, "also: {}", sanitize(&entry.aliases.join(" · ")));
        }
        let _ = writeln!(out, "\n{}", linked(corpus, &entry.summary, false));
        for paragraph in &entry.body {
            let _ = writeln!(out, "\n{}", linked(corpus, paragraph, false));
        }
        for clause in &entry.clauses {
            let _ = writeln!(out, "\n{}", clause_heading(clause));
            for paragraph in &clause.text {
                let _ = writeln!(out, "{}", linked(corpus, paragraph, false));
            }
            for note in &clause.notes {
                let _ = writeln!(out, "Note: {}", linked(corpus, note, false));
            }
        }
        for (heading, items) in [("Published in", &entry.published), ("Sources", &entry.sources)] {
            if !items.is_empty() {
                let _ = writeln!(out, "\n{heading}:");
                for item in items {
                    let _ = writeln!(out, "- {}", sanitize(item));
                }
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "Timeline\n--------\n");
    for &e in &corpus.chronology {
        let event = &corpus.events[e];
        let _ = write!(out, "{} — {}", event.when, sanitize(&event.title));
        if !event.text.plain.is_empty() {
            let _ = write!(out, ": {}", linked(corpus, &event.text, false));
        }
        let _ = writeln!(out, "{}", concerns(corpus, event, false));
    }
    out
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

fn markdown(corpus: &Corpus) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_markdown(&sanitize(&corpus.title)));
    if !corpus.description.plain.is_empty() {
        let _ = writeln!(out, "{}\n", linked(corpus, &corpus.description, true));
    }
    for entry in &corpus.entries {
        let _ = writeln!(out, "<a id=\"{}\"></a>\n", entry.id);
        let _ = writeln!(out, "## {}\n", escape_markdown(&sanitize(&entry.title)));
        let _ = writeln!(out, "*{}{}*\n", entry.kind.name(), escape_markdown(&dates(entry)));
        if !entry.aliases.is_empty() {
            let _ = writeln!(out, "Also: {}\n", escape_markdown(&sanitize(&entry.aliases.join(" · "))));
        }
        let _ = writeln!(out, "> {}\n", linked(corpus, &entry.summary, true));
        for paragraph in &entry.body {
            let _ = writeln!(out, "{}\n", linked(corpus, paragraph, true));
        }
        for clause in &entry.clauses {
            let _ = writeln!(out, "### {}\n", escape_markdown(&clause_heading(clause)));
            for paragraph in &clause.text {
                let _ = writeln!(out, "{}\n", linked(corpus, paragraph, true));
            }
            for note in &clause.notes {
                let _ = writeln!(out, "*Note:* {}\n", linked(corpus, note, true));
            }
        }
        for (heading, items) in [("Published in", &entry.published), ("Sources", &entry.sources)] {
            if !items.is_empty() {
                let _ = writeln!(out, "**{heading}:**\n");
                for item in items {
                    let _ = writeln!(out, "- {}", escape_markdown(&sanitize(item)));
                }
                out.push('\n');
            }
        }
    }
    let _ = writeln!(out, "## Timeline\n");
    for &e in &corpus.chronology {
        let event = &corpus.events[e];
        let _ = write!(out, "- **{}** — {}", event.when, escape_markdown(&sanitize(&event.title)));
        if !event.text.plain.is_empty() {
            let _ = write!(out, ": {}", linked(corpus, &event.text, true));
        }
        let _ = writeln!(out, "{}", concerns(corpus, event, true));
    }
    out
}

/// A text as JSON: the words, and each link's character range and the entry's id.
fn text_json(corpus: &Corpus, text: &Text) -> Value {
    let chars = |byte: usize| text.plain.get(..byte).map_or(0, |s| s.chars().count());
    let links: Vec<Value> = text
        .links
        .iter()
        .map(|l| json!({"start": chars(l.range().start), "end": chars(l.range().end), "id": corpus.entries[l.target()].id}))
        .collect();
    json!({"text": sanitize(&text.plain), "links": links})
}

fn json(corpus: &Corpus) -> Value {
    let ids = |targets: &[usize]| targets.iter().map(|&t| corpus.entries[t].id.clone()).collect::<Vec<_>>();
    let clean = |items: &[Name]| items.iter().map(|s| sanitize(s)).collect::<Vec<_>>();
    let entries: Vec<Value> = corpus
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
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
                "kind": e.kind.name(),
                "aliases": clean(&e.aliases),
                "summary": text_json(corpus, &e.summary),
                "body": e.body.iter().map(|t| text_json(corpus, t)).collect::<Vec<_>>(),
                "dates": e.dates.map(|d| d.to_string()),
                "sources": clean(&e.sources),
                "published": clean(&e.published),
                "clauses": clauses,
                "linked_from": ids(&corpus.linked_from[i]),
            })
        })
        .collect();
    let events: Vec<Value> = corpus
        .chronology
        .iter()
        .map(|&v| {
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
        })
        .collect();
    json!({
        "format": "treaty-tui export 1",
        "title": sanitize(&corpus.title),
        "description": text_json(corpus, &corpus.description),
        "sources": clean(&corpus.sources),
        "entries": entries,
        "events": events,
    })
}

/// A day as ISO 8601: "1939-10-05".
fn iso(day: crate::corpus::date::Day) -> String {
    format!("{:04}-{:02}-{:02}", day.year, day.month, day.day)
}
