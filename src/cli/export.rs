//! The whole corpus written out for other tools: plain text, Markdown, JSON of a stable,
//! documented shape, or a table a row per clause (CSV, JSON Lines). Links survive in the
//! first three; no control character passes through any.

use std::fmt::Write;

mod json;
mod select;
mod table;

pub use json::FORMAT;
pub use select::Selection;
pub use table::{COLUMNS, EVENT_COLUMNS};

use crate::model::{Chapter, Clause, Corpus, Entry, Event, Text};
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
    /// CSV, a row per clause of every treaty (preamble, article, annex), with a header row
    Csv,
    /// JSON Lines, an object per clause of every treaty, with the CSV's columns as keys
    Jsonl,
}

/// What a table's rows are: the clauses of the treaties, or the events of the timeline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Rows {
    /// A row per clause of every treaty
    #[default]
    Clauses,
    /// A row per event of the timeline, in date order
    Events,
}

/// Writes the timeline of `corpus` as a table, CSV or (`csv` false) JSON Lines: the events
/// that concern an entry of `chosen`.
pub fn write_events(corpus: &Corpus, chosen: &Selection, csv: bool, out: &mut impl Write) -> std::fmt::Result {
    table::events(corpus, chosen, csv, out)
}

/// `corpus` in `format`, whole.
pub fn export(corpus: &Corpus, format: Format) -> String {
    let mut out = String::new();
    let _ = write(corpus, &Selection::all(), format, &mut out);
    out
}

/// Writes what is `chosen` of `corpus` in `format` to `out` an entry at a time, so that no
/// more than one entry's output is held at once, however large the corpus.
pub fn write(corpus: &Corpus, chosen: &Selection, format: Format, out: &mut impl Write) -> std::fmt::Result {
    match format {
        Format::Text => text(corpus, chosen, out),
        Format::Markdown => markdown(corpus, chosen, out),
        Format::Json => json::json(corpus, chosen, out),
        Format::Csv => table::table(corpus, chosen, true, out),
        Format::Jsonl => table::table(corpus, chosen, false, out),
    }
}

/// How the exports write a link: "Vilhelms Munters [munters]" in text; in Markdown a link
/// to the entry's anchor when the entry is exported too, else its words alone, so that no
/// link of a selection leads nowhere.
#[derive(Clone, Copy)]
enum Links<'a> {
    Text,
    Markdown(&'a Selection),
}

impl Links<'_> {
    /// `words`, escaped for Markdown where they are to be read as Markdown.
    fn escape(self, words: &str) -> String {
        match self {
            Self::Text => sanitize(words),
            Self::Markdown(_) => escape_markdown(&sanitize(words)),
        }
    }

    /// `words` that name entry `target`, if any, written as a link is.
    fn link(self, corpus: &Corpus, words: &str, target: Option<usize>) -> String {
        let Some(entry) = target.and_then(|t| corpus.entries.get(t)) else { return self.escape(words) };
        match self {
            Self::Text => format!("{} [{}]", self.escape(words), entry.id),
            Self::Markdown(chosen) if target.is_some_and(|t| chosen.holds_entry(t)) => {
                format!("[{}](#{})", self.escape(words), entry.id)
            }
            Self::Markdown(_) => self.escape(words),
        }
    }
}

/// Text with each link written as `links` writes it.
fn linked(corpus: &Corpus, text: &Text, links: Links<'_>) -> String {
    let mut out = String::new();
    for (words, target) in text.runs() {
        out.push_str(&links.link(corpus, words, target));
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

fn text(corpus: &Corpus, chosen: &Selection, out: &mut impl Write) -> std::fmt::Result {
    let mut versions = Versions::default();
    let title = sanitize(&corpus.title);
    writeln!(out, "{title}\n{}\n", "=".repeat(title.chars().count()))?;
    if !corpus.description.plain.is_empty() {
        writeln!(out, "{}\n", linked(corpus, &corpus.description, Links::Text))?;
    }
    for index in chosen.entries(corpus) {
        let entry = &corpus.entries[index];
        writeln!(out, "{} [{}]\n{}", sanitize(&entry.title), entry.id, sanitize(&entry.kind_and_dates()))?;
        if !entry.aliases.is_empty() {
            writeln!(out, "also: {}", sanitize(&entry.aliases.join(" · ")))?;
        }
        for line in about(corpus, index, &mut versions, Links::Text) {
            writeln!(out, "{line}")?;
        }
        if let Some(wording) = corpus.wording(index) {
            writeln!(out, "{}", wording.of_clauses())?;
        }
        writeln!(out, "\n{}", linked(corpus, &entry.summary, Links::Text))?;
        // An article or a chapter chosen alone comes without the entry's article about it.
        let body = if chosen.whole(index, entry) { &entry.body[..] } else { &[] };
        for paragraph in body {
            writeln!(out, "\n{}", linked(corpus, paragraph, Links::Text))?;
        }
        for (k, first) in chosen.clauses(index, entry) {
            let clause = &entry.clauses[k];
            for chapter in opening(entry, k, first) {
                let name = sanitize(&chapter.full_name());
                writeln!(out, "\n{name}\n{}", "-".repeat(name.chars().count()))?;
            }
            writeln!(out, "\n{}", clause_heading(clause))?;
            for (j, paragraph) in clause.text.iter().enumerate() {
                // A list item stands two spaces in a level.
                let indent = "  ".repeat(clause.level(j) as usize);
                writeln!(out, "{indent}{}", linked(corpus, paragraph, Links::Text))?;
            }
            for note in &clause.notes {
                writeln!(out, "Note: {}", linked(corpus, note, Links::Text))?;
            }
            if !clause.parallels.is_empty() {
                writeln!(
                    out,
                    "Parallels: {}",
                    clause.parallels.iter().map(|p| sanitize(p)).collect::<Vec<_>>().join(", ")
                )?;
            }
        }
        let published = entry.publications();
        for (heading, items) in [("Published in", &published[..]), ("Sources", &entry.sources)] {
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
    for event in corpus.chronology.iter().map(|&e| &corpus.events[e]).filter(|e| chosen.holds_event(e)) {
        write!(out, "{} — {}", event.when, sanitize(&event.title))?;
        if !event.text.plain.is_empty() {
            write!(out, ": {}", linked(corpus, &event.text, Links::Text))?;
        }
        writeln!(out, "{}", concerns(corpus, event, Links::Text))?;
    }
    Ok(())
}

fn clause_heading(clause: &Clause) -> String {
    sanitize(&clause.full_name())
}

/// The divisions that open at clause `k` of `entry`, the outermost first; every division it
/// stands in when it is the `first` of those written.
fn opening(entry: &Entry, k: usize, first: bool) -> impl Iterator<Item = &Chapter> {
    entry.chapters_of(k).into_iter().filter(move |c| first || c.clauses.start as usize == k)
}

/// How many of the other versions a translation names; its original names them all.
const VERSIONS_NAMED: usize = 8;

/// Each original's versions, found once for the whole export: a treaty in ten thousand
/// languages is not read again for each of them.
#[derive(Default)]
struct Versions(hashbrown::HashMap<usize, Vec<usize>>);

impl Versions {
    /// The versions of entry `index` (itself among them), none when it has no other.
    fn of(&mut self, corpus: &Corpus, index: usize) -> &[usize] {
        let original = corpus.entries[index].translation_of.unwrap_or(index);
        self.0.entry(original).or_insert_with(|| corpus.versions(original))
    }
}

/// The lines under entry `index`'s title besides its kind and dates: its language and versions,
/// its signature; each entry they name written as `links` writes it.
fn about(corpus: &Corpus, index: usize, versions: &mut Versions, links: Links<'_>) -> Vec<String> {
    let entry = &corpus.entries[index];
    let name = |e: usize| links.link(corpus, &corpus.entries[e].title, Some(e));
    let mut lines = Vec::new();
    if let Some(language) = &entry.language {
        lines.push(format!("language: {}", sanitize(language)));
    }
    let all = versions.of(corpus, index);
    let others = || all.iter().copied().filter(|&v| v != index);
    let count = all.len().saturating_sub(1);
    // A translation names a few of many versions, and where they are all named; so that the
    // export grows with the corpus, not with the square of its versions.
    let named = match entry.translation_of {
        Some(original) if count > VERSIONS_NAMED => {
            let few: Vec<String> = others().take(VERSIONS_NAMED).map(name).collect();
            let more = crate::text::thousands(count - VERSIONS_NAMED);
            format!("{}, and {more} more (all under {})", few.join(", "), name(original))
        }
        _ => others().map(name).collect::<Vec<_>>().join(", "),
    };
    if !named.is_empty() {
        lines.push(format!("other versions: {named}"));
    }
    if let Some(signature) = corpus.signature(index) {
        // The signature line names its people and states by their titles alone in text.
        let words = signature.into_iter().map(|(words, target)| match links {
            Links::Text => sanitize(&words),
            Links::Markdown(_) => links.link(corpus, &words, target),
        });
        lines.push(words.collect());
    }
    lines
}

/// The entries `event` concerns: by their ids in text, as links in Markdown.
fn concerns(corpus: &Corpus, event: &Event, links: Links<'_>) -> String {
    if event.concerns.is_empty() {
        return String::new();
    }
    let ids: Vec<String> = event
        .concerns
        .iter()
        .map(|&c| match links {
            Links::Text => corpus.entries[c].id.to_string(),
            Links::Markdown(_) => links.link(corpus, &corpus.entries[c].title, Some(c)),
        })
        .collect();
    format!(" ({})", ids.join(", "))
}

fn markdown(corpus: &Corpus, chosen: &Selection, out: &mut impl Write) -> std::fmt::Result {
    let links = Links::Markdown(chosen);
    let mut versions = Versions::default();
    writeln!(out, "# {}\n", escape_markdown(&sanitize(&corpus.title)))?;
    if !corpus.description.plain.is_empty() {
        writeln!(out, "{}\n", linked(corpus, &corpus.description, links))?;
    }
    for index in chosen.entries(corpus) {
        let entry = &corpus.entries[index];
        writeln!(out, "<a id=\"{}\"></a>\n", entry.id)?;
        writeln!(out, "## {}\n", escape_markdown(&sanitize(&entry.title)))?;
        writeln!(out, "*{}*\n", escape_markdown(&sanitize(&entry.kind_and_dates())))?;
        if !entry.aliases.is_empty() {
            writeln!(out, "Also: {}\n", escape_markdown(&sanitize(&entry.aliases.join(" · "))))?;
        }
        for line in about(corpus, index, &mut versions, links) {
            writeln!(out, "{line}\n")?;
        }
        if let Some(wording) = corpus.wording(index) {
            writeln!(out, "*{}*\n", escape_markdown(wording.of_clauses()))?;
        }
        writeln!(out, "> {}\n", linked(corpus, &entry.summary, links))?;
        let body = if chosen.whole(index, entry) { &entry.body[..] } else { &[] };
        for paragraph in body {
            writeln!(out, "{}\n", linked(corpus, paragraph, links))?;
        }
        for (k, first) in chosen.clauses(index, entry) {
            let clause = &entry.clauses[k];
            // Divisions a heading level each below the entry's, the clause below them.
            let depth = entry.chapters_of(k).len();
            for (d, chapter) in opening(entry, k, first).enumerate() {
                let level = "#".repeat((3 + depth - opening(entry, k, first).count() + d).min(6));
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
                        writeln!(out, "{}\n", linked(corpus, paragraph, links))?;
                    }
                    level => {
                        listing = true;
                        let indent = "  ".repeat(level as usize - 1);
                        writeln!(out, "{indent}- {}", literal_marker(&linked(corpus, paragraph, links)))?;
                    }
                }
            }
            if listing {
                writeln!(out)?;
            }
            for note in &clause.notes {
                writeln!(out, "*Note:* {}\n", linked(corpus, note, links))?;
            }
            if !clause.parallels.is_empty() {
                let named: Vec<String> = clause.parallels.iter().map(|p| format!("`{}`", sanitize(p))).collect();
                writeln!(out, "*Parallels:* {}\n", named.join(", "))?;
            }
        }
        let published = entry.publications();
        for (heading, items) in [("Published in", &published[..]), ("Sources", &entry.sources)] {
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
    for event in corpus.chronology.iter().map(|&e| &corpus.events[e]).filter(|e| chosen.holds_event(e)) {
        write!(out, "- **{}** — {}", event.when, escape_markdown(&sanitize(&event.title)))?;
        if !event.text.plain.is_empty() {
            write!(out, ": {}", linked(corpus, &event.text, links))?;
        }
        writeln!(out, "{}", concerns(corpus, event, links))?;
    }
    Ok(())
}
