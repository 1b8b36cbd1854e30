//! The corpus as a table for R, pandas or a spreadsheet: a row per clause of every treaty
//! (its preamble, each article, each annex), or a row per event of the timeline, as CSV
//! (RFC 4180, a header row) or as JSON Lines (an object a line), written a piece at a time.

use std::fmt::Write;

use serde::Serialize;

use super::Selection;
use super::json::Utf8Writer;
use crate::cite::cite_at;
use crate::model::address::Addresses;
use crate::model::iso;
use crate::model::{ClauseLabel, Corpus, Entry, Wording};
use crate::text::sanitize;

/// One clause as a row. The field order is the CSV's column order; [`COLUMNS`] names them.
#[derive(Serialize)]
struct Row<'a, L> {
    corpus: String,
    entry: &'a str,
    title: String,
    kind: &'a str,
    language: Option<String>,
    translation_of: Option<&'a str>,
    /// The entry's start, for a treaty the day it was signed: as precise as the corpus
    /// gives it ("1939-10-05", "1939-10", "1939").
    signed: Option<String>,
    /// The day it entered into force, as precise as the corpus gives it.
    in_force: Option<String>,
    ended: Option<String>,
    /// How precise the dates are: day, month, season or year.
    precision: Option<&'static str>,
    approximate: Option<bool>,
    parties: L,
    signed_at: Option<String>,
    /// The treaty series that printed it, its volume and page.
    series: Option<String>,
    series_volume: Option<u32>,
    series_page: Option<u32>,
    /// The divisions the clause stands in, the outermost first: "Chapter 30 — Final
    /// Provisions".
    chapters: L,
    /// Their labels: "30".
    chapter_labels: L,
    /// The clause's place among the treaty's parts, from 1.
    part: usize,
    /// preamble, article or annex.
    part_kind: &'static str,
    /// The article's label as printed ("30.8", "25 bis"), or the annex's title.
    label: String,
    heading: String,
    address: String,
    citation: String,
    words: usize,
    /// What `text` is: original, translation or summary (not the treaty's words), where the
    /// corpus says.
    text_is: Option<&'static str>,
    text: L,
    parallels: L,
    notes: L,
}

/// The columns of the CSV, in order.
pub const COLUMNS: [&str; 29] = [
    "corpus",
    "entry",
    "title",
    "kind",
    "language",
    "translation_of",
    "signed",
    "in_force",
    "ended",
    "precision",
    "approximate",
    "parties",
    "signed_at",
    "series",
    "series_volume",
    "series_page",
    "chapters",
    "chapter_labels",
    "part",
    "part_kind",
    "label",
    "heading",
    "address",
    "citation",
    "words",
    "text_is",
    "text",
    "parallels",
    "notes",
];

/// One event of the timeline as a row, in date order. [`EVENT_COLUMNS`] names the columns.
#[derive(Serialize)]
struct EventRow<L> {
    corpus: String,
    /// Its first day, as precise as the corpus gives it ("1940-06-16", "1940-06", "1940").
    date: String,
    /// The end of a span ("1940-07-15" for 14–15 July 1940), as precise as the corpus gives it.
    end: Option<String>,
    precision: &'static str,
    approximate: bool,
    /// As the timeline shows it: "14–15 July 1940".
    when: String,
    title: String,
    text: String,
    /// The ids of the entries it concerns.
    concerns: L,
}

/// The columns of the events' CSV, in order.
pub const EVENT_COLUMNS: [&str; 9] =
    ["corpus", "date", "end", "precision", "approximate", "when", "title", "text", "concerns"];

/// Writes the timeline's events of `corpus` as CSV (`csv`) or JSON Lines, in date order.
pub(super) fn events(corpus: &Corpus, chosen: &Selection, csv: bool, out: &mut impl Write) -> std::fmt::Result {
    let mut rows = Rows::new(csv, &EVENT_COLUMNS, out)?;
    for event in corpus.chronology.iter().map(|&k| &corpus.events[k]).filter(|e| chosen.holds_event(e)) {
        let concerns = event.concerns.iter().filter_map(|&e| corpus.entries.get(e)).map(|e| e.id.to_string());
        let row = EventRow {
            corpus: sanitize(&corpus.title),
            date: iso::date(event.when.start),
            end: event.when.end.map(iso::date),
            precision: iso::precision(event.when.start.precision),
            approximate: event.when.approximate,
            when: event.when.to_string(),
            title: sanitize(&event.title),
            text: sanitize(&event.text.plain),
            concerns: List::new(concerns.collect(), csv, "; "),
        };
        rows.write(&row)?;
    }
    rows.finish()
}

/// A list in a row: an array in JSON Lines, joined in one CSV field.
#[derive(Serialize)]
#[serde(untagged)]
enum List {
    Joined(String),
    Each(Vec<String>),
}

impl List {
    fn new(items: Vec<String>, csv: bool, between: &str) -> Self {
        if csv { Self::Joined(items.join(between)) } else { Self::Each(items) }
    }
}

/// Writes `corpus` as CSV (`csv`) or JSON Lines, a row per clause, a row at a time.
pub(super) fn table(corpus: &Corpus, chosen: &Selection, csv: bool, out: &mut impl Write) -> std::fmt::Result {
    let mut rows = Rows::new(csv, &COLUMNS, out)?;
    for i in chosen.entries(corpus) {
        let entry = &corpus.entries[i];
        // Made for this entry alone and let go once its rows are written, not kept with the
        // corpus as the explorer keeps those it shows.
        let addresses = Addresses::new(entry);
        for (k, _) in chosen.clauses(i, entry) {
            let address = format!("{}#{}", entry.id, addresses.suffix(entry, k + 1).unwrap_or_default());
            rows.write(&row(corpus, i, entry, k, address, csv))?;
        }
    }
    rows.finish()
}

fn row<'a>(corpus: &'a Corpus, i: usize, entry: &'a Entry, k: usize, address: String, csv: bool) -> Row<'a, List> {
    let clause = &entry.clauses[k];
    let list = |items: Vec<String>, between: &str| List::new(items, csv, between);
    let paragraphs: Vec<String> = clause.text.iter().map(|t| sanitize(&t.plain)).collect();
    let words = paragraphs.iter().map(|p| p.split_whitespace().count()).sum();
    let chapters = entry.chapters_of(k);
    let parties = entry.signing.as_deref().map_or(&[][..], |s| &s.parties[..]);
    let (part_kind, label) = match &clause.label {
        ClauseLabel::Preamble => ("preamble", "Preamble".to_string()),
        ClauseLabel::Article(label) => ("article", sanitize(label)),
        ClauseLabel::Annex(title) => ("annex", sanitize(title)),
    };
    Row {
        corpus: sanitize(&corpus.title),
        entry: &entry.id,
        title: sanitize(&entry.title),
        kind: entry.kind.name(),
        language: entry.language.as_deref().map(sanitize),
        translation_of: entry.translation_of.and_then(|t| corpus.entries.get(t)).map(|t| t.id.as_str()),
        signed: entry.dates.map(|d| iso::date(d.start)),
        in_force: entry.in_force.map(iso::date),
        ended: entry.dates.and_then(|d| d.end).map(iso::date),
        precision: entry.dates.map(|d| iso::precision(d.start.precision)),
        approximate: entry.dates.map(|d| d.approximate),
        parties: list(parties.iter().filter_map(|&p| corpus.entries.get(p)).map(|p| p.id.to_string()).collect(), "; "),
        signed_at: entry.signing.as_deref().and_then(|s| s.at.as_deref()).map(sanitize),
        series: entry.series.as_deref().map(|s| sanitize(&s.name)),
        series_volume: entry.series.as_deref().and_then(|s| s.volume),
        series_page: entry.series.as_deref().and_then(|s| s.page),
        chapters: list(chapters.iter().map(|c| sanitize(&c.full_name())).collect(), " › "),
        chapter_labels: list(chapters.iter().map(|c| sanitize(&c.label)).collect(), "/"),
        part: k + 1,
        part_kind,
        label,
        heading: sanitize(&clause.heading),
        citation: cite_at(corpus, i, k + 1, &address).unwrap_or_default(),
        address,
        words,
        text_is: corpus.wording(i).map(Wording::word),
        text: list(paragraphs, "\n\n"),
        parallels: list(clause.parallels.iter().map(|p| sanitize(p)).collect(), "; "),
        notes: list(clause.notes.iter().map(|n| sanitize(&n.plain)).collect(), "\n\n"),
    }
}

/// Rows written one at a time, as CSV (RFC 4180 quoting, a header row, each record ending
/// in a line feed, which every reader of CSV takes: a carriage return is a control character
/// the output's gate would show rather than pass) or as JSON Lines, gathered into runs of
/// whole characters on their way out.
enum Rows<'o, W: Write> {
    Csv(Box<csv::Writer<Utf8Writer<'o, W>>>),
    Lines(Utf8Writer<'o, W>),
}

impl<'o, W: Write> Rows<'o, W> {
    /// Rows in CSV (`csv`) under a header row of `columns`, or in JSON Lines.
    fn new(csv: bool, columns: &[&str], out: &'o mut W) -> Result<Self, std::fmt::Error> {
        let out = Utf8Writer::new(out);
        if !csv {
            return Ok(Self::Lines(out));
        }
        let mut writer =
            csv::WriterBuilder::new().has_headers(false).terminator(csv::Terminator::Any(b'\n')).from_writer(out);
        writer.write_record(columns).map_err(|_| std::fmt::Error)?;
        Ok(Self::Csv(Box::new(writer)))
    }

    fn write(&mut self, row: &impl Serialize) -> std::fmt::Result {
        match self {
            Self::Csv(writer) => writer.serialize(row).map_err(|_| std::fmt::Error),
            Self::Lines(out) => {
                serde_json::to_writer(&mut *out, row).map_err(|_| std::fmt::Error)?;
                std::io::Write::write_all(out, b"\n").map_err(|_| std::fmt::Error)
            }
        }
    }

    /// Writes out what is gathered; the rows are not whole until this is done.
    fn finish(self) -> std::fmt::Result {
        let flushed = match self {
            Self::Csv(mut writer) => writer.flush(),
            Self::Lines(mut out) => std::io::Write::flush(&mut out),
        };
        flushed.map_err(|_| std::fmt::Error)
    }
}
