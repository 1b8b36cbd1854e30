//! The JSON export: the corpus seen through borrowed views that `serde_json` writes straight
//! to the output in its pretty layout, an entry, a clause and a link at a time, so that
//! neither a treaty of a thousand articles nor a text of a million links is ever held as a
//! tree of values or copied to be indented.

use std::fmt::Write;

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use super::Selection;
use crate::model::address::Addresses;
use crate::model::iso;
use crate::model::{Chapter, ClauseLabel, Corpus, Entry, Event, Name, Text, Wording};
use crate::text::sanitize;

/// What the JSON export calls its shape (see assets/FORMAT.md).
pub const FORMAT: &str = "treaty-tui export 2";

/// Writes `corpus` as JSON to `out`. The keys of each object stand in alphabetical order,
/// as the pretty printer orders those of a `serde_json` value.
pub(super) fn json(corpus: &Corpus, chosen: &Selection, out: &mut impl Write) -> std::fmt::Result {
    let entries: Vec<usize> = chosen.entries(corpus).collect();
    let events: Vec<&Event> =
        corpus.chronology.iter().map(|&k| &corpus.events[k]).filter(|e| chosen.holds_event(e)).collect();
    let whole = Whole {
        description: TextOut::new(corpus, &corpus.description),
        entries: Each(entries.len(), |i| entry(corpus, chosen, entries[i])),
        events: Each(events.len(), |k| EventOut::new(corpus, events[k])),
        format: FORMAT,
        sources: clean(&corpus.sources),
        text_is: corpus.text.map(Wording::word),
        title: sanitize(&corpus.title),
    };
    let mut writer = Utf8Writer::new(out);
    serde_json::to_writer_pretty(&mut writer, &whole).map_err(|_| std::fmt::Error)?;
    std::io::Write::flush(&mut writer).map_err(|_| std::fmt::Error)?;
    writeln!(writer.out)
}

#[derive(Serialize)]
struct Whole<'a, E, V> {
    description: TextOut<'a>,
    entries: E,
    events: V,
    format: &'static str,
    sources: Vec<String>,
    /// What the clause texts are (original, translation, summary), for every entry whose
    /// own `text_is` is null.
    text_is: Option<&'static str>,
    title: String,
}

/// A list of `self.0` items, each made by `self.1` only when it is written.
struct Each<F>(usize, F);

impl<T: Serialize, F: Fn(usize) -> T> Serialize for Each<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0))?;
        for i in 0..self.0 {
            seq.serialize_element(&(self.1)(i))?;
        }
        seq.end()
    }
}

/// A text: the words, and each link's character range and the entry's id.
#[derive(Serialize)]
struct TextOut<'a> {
    links: Links<'a>,
    text: String,
}

impl<'a> TextOut<'a> {
    fn new(corpus: &'a Corpus, text: &'a Text) -> Self {
        Self { links: Links(corpus, text), text: sanitize(&text.plain) }
    }
}

/// The texts `texts`, each as [`TextOut`].
fn texts<'a>(corpus: &'a Corpus, texts: &'a [Text]) -> Each<impl Fn(usize) -> TextOut<'a>> {
    Each(texts.len(), move |k| TextOut::new(corpus, &texts[k]))
}

/// A text's links, each written as it is reached.
struct Links<'a>(&'a Corpus, &'a Text);

#[derive(Serialize)]
struct LinkOut<'a> {
    end: usize,
    id: &'a str,
    start: usize,
}

impl Serialize for Links<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Self(corpus, text) = *self;
        let mut seq = serializer.serialize_seq(Some(text.links.len()))?;
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
        for link in &text.links {
            let (start, end) = (chars_to(link.range().start), chars_to(link.range().end));
            seq.serialize_element(&LinkOut { end, id: &corpus.entries[link.target()].id, start })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct EntryOut<'a, B, C> {
    aliases: Vec<String>,
    body: B,
    chapters: Vec<ChapterOut>,
    clauses: C,
    dates: Option<String>,
    id: &'a str,
    /// The day it entered into force, as ISO 8601 gives it to the precision known.
    in_force: Option<String>,
    kind: String,
    language: Option<String>,
    linked_from: Vec<&'a str>,
    published: Vec<String>,
    series: Option<SeriesOut>,
    signing: Option<SigningOut<'a>>,
    sources: Vec<String>,
    summary: TextOut<'a>,
    /// What its clause texts are, where the entry itself says.
    text_is: Option<&'static str>,
    title: String,
    translation_of: Option<&'a str>,
}

/// The treaty series that printed a treaty.
#[derive(Serialize)]
struct SeriesOut {
    name: String,
    page: Option<u32>,
    volume: Option<u32>,
}

/// Entry `i`, its texts and its clauses `chosen` made as they are written.
fn entry<'a>(corpus: &'a Corpus, chosen: &Selection, i: usize) -> EntryOut<'a, impl Serialize, impl Serialize> {
    let e = &corpus.entries[i];
    let parts: Vec<usize> = chosen.clauses(i, e).map(|(k, _)| k).collect();
    // Made for this entry alone, and let go once it is written.
    let addresses = Addresses::new(e);
    let mut anchors: Vec<Option<&str>> = vec![None; if e.anchors.is_empty() { 0 } else { e.clauses.len() }];
    for (anchor, k) in e.anchors.iter() {
        if let Some(slot) = anchors.get_mut(*k as usize) {
            *slot = Some(anchor.as_str());
        }
    }
    EntryOut {
        aliases: clean(&e.aliases),
        body: texts(corpus, &e.body),
        chapters: e.chapters.iter().map(ChapterOut::new).collect(),
        clauses: Each(parts.len(), move |j| {
            let k = parts[j];
            let address = addresses.suffix(e, k + 1).unwrap_or_default();
            clause(corpus, e, k, address, anchors.get(k).copied().flatten())
        }),
        dates: e.dates.map(|d| d.to_string()),
        id: &e.id,
        in_force: e.in_force.map(iso::date),
        kind: sanitize(e.kind.name()),
        language: e.language.as_deref().map(sanitize),
        linked_from: ids(corpus, &corpus.linked_from[i]),
        published: clean(&e.published),
        series: e.series.as_deref().map(|s| SeriesOut { name: sanitize(&s.name), page: s.page, volume: s.volume }),
        signing: e.signing.as_deref().map(|s| SigningOut {
            at: s.at.as_deref().map(sanitize),
            parties: ids(corpus, &s.parties),
            signatories: ids(corpus, &s.signatories),
        }),
        sources: clean(&e.sources),
        summary: TextOut::new(corpus, &e.summary),
        text_is: e.text.map(Wording::word),
        title: sanitize(&e.title),
        translation_of: e.translation_of.map(|t| corpus.entries[t].id.as_str()),
    }
}

#[derive(Serialize)]
struct ChapterOut {
    clause_count: usize,
    division: String,
    first_clause: u32,
    label: String,
    parent: Option<u32>,
    title: String,
}

impl ChapterOut {
    fn new(c: &Chapter) -> Self {
        Self {
            clause_count: c.clauses.len(),
            division: sanitize(&c.division),
            first_clause: c.clauses.start,
            label: sanitize(&c.label),
            parent: c.parent,
            title: sanitize(&c.title),
        }
    }
}

#[derive(Serialize)]
struct SigningOut<'a> {
    at: Option<String>,
    parties: Vec<&'a str>,
    signatories: Vec<&'a str>,
}

#[derive(Serialize)]
struct ClauseOut<'a, T> {
    address: String,
    anchor: Option<String>,
    chapter: Option<u32>,
    heading: String,
    kind: &'static str,
    label: Option<String>,
    levels: Vec<u8>,
    links: Vec<&'a str>,
    name: String,
    notes: T,
    parallels: Vec<String>,
    /// Its place among the treaty's parts, from 1 (the entry's overview being 0), as the
    /// chapters' `first_clause` counts from 0.
    part: usize,
    text: T,
}

/// Clause `k` of entry `e`, whose part's address is `address`, with the anchor the
/// published text gives it.
fn clause<'a>(
    corpus: &'a Corpus,
    e: &'a Entry,
    k: usize,
    address: String,
    anchor: Option<&str>,
) -> ClauseOut<'a, impl Serialize> {
    let c = &e.clauses[k];
    let (kind, label) = match &c.label {
        ClauseLabel::Preamble => ("preamble", None),
        ClauseLabel::Article(label) => ("article", Some(sanitize(label))),
        ClauseLabel::Annex(_) => ("annex", None),
    };
    ClauseOut {
        address: format!("{}#{address}", e.id),
        anchor: anchor.map(sanitize),
        chapter: c.chapter,
        heading: sanitize(&c.heading),
        kind,
        label,
        levels: (0..c.text.len()).map(|j| c.level(j)).collect(),
        links: ids(corpus, &c.links),
        name: sanitize(&c.label.to_string()),
        notes: texts(corpus, &c.notes),
        parallels: c.parallels.iter().map(|p| sanitize(p)).collect(),
        part: k + 1,
        text: texts(corpus, &c.text),
    }
}

#[derive(Serialize)]
struct EventOut<'a> {
    approximate: bool,
    concerns: Vec<&'a str>,
    date: String,
    end: Option<String>,
    last_day: String,
    precision: &'static str,
    text: TextOut<'a>,
    title: String,
    when: String,
}

impl<'a> EventOut<'a> {
    fn new(corpus: &'a Corpus, event: &'a Event) -> Self {
        let when = event.when;
        EventOut {
            approximate: when.approximate,
            concerns: ids(corpus, &event.concerns),
            date: iso::day(when.start.first),
            end: when.end.map(|end| iso::day(end.last())),
            last_day: iso::day(when.last()),
            precision: iso::precision(when.start.precision),
            text: TextOut::new(corpus, &event.text),
            title: sanitize(&event.title),
            when: when.to_string(),
        }
    }
}

fn ids<'a>(corpus: &'a Corpus, targets: &[usize]) -> Vec<&'a str> {
    targets.iter().map(|&t| corpus.entries[t].id.as_str()).collect()
}

fn clean(items: &[Name]) -> Vec<String> {
    items.iter().map(|s| sanitize(s)).collect()
}

/// How many bytes [`Utf8Writer`] gathers before it passes them on.
const GATHERED: usize = 64 << 10;

/// The bytes `serde_json` writes (a few at a time), gathered and passed on to text output in
/// runs of whole characters, the bytes of a character split between two runs kept until it
/// is whole.
pub(super) struct Utf8Writer<'a, W: Write> {
    out: &'a mut W,
    pending: Vec<u8>,
}

impl<'a, W: Write> Utf8Writer<'a, W> {
    pub(super) fn new(out: &'a mut W) -> Self {
        Self { out, pending: Vec::with_capacity(GATHERED + 1024) }
    }

    /// Passes on every whole character gathered.
    fn pass_on(&mut self) -> std::io::Result<()> {
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            Err(error) if error.error_len().is_none() => error.valid_up_to(),
            Err(_) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8")),
        };
        let text = std::str::from_utf8(&self.pending[..whole]).unwrap_or_default();
        self.out.write_str(text).map_err(|_| std::io::Error::other("the output could not be written"))?;
        self.pending.drain(..whole);
        Ok(())
    }
}

impl<W: Write> std::io::Write for Utf8Writer<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= GATHERED {
            self.pass_on()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.pass_on()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_character_split_between_two_writes_is_passed_on_whole() {
        use std::io::Write as _;
        let mut out = String::new();
        let mut writer = super::Utf8Writer { out: &mut out, pending: Vec::new() };
        let bytes = "Ā→b".as_bytes();
        for byte in bytes.iter().cycle().take(bytes.len() * 20_000) {
            writer.write_all(&[*byte]).unwrap();
        }
        writer.flush().unwrap();
        assert_eq!(out, "Ā→b".repeat(20_000), "passed on in runs, every character whole");
    }
}
