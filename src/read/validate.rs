//! Checking a written corpus and building the [`Corpus`]: every problem found in one pass,
//! each located by its path in the document.

use std::ops::Range;

mod treaty;

pub use treaty::is_list_item;

/// Whether `tag` is a language tag (`"es"`, `"en-GB"`): two or three letters, then parts of
/// up to eight letters or digits after hyphens.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

use super::derived;
use super::diagnostic::{ProblemCounts, SHOWN};
use super::format::{CorpusDoc, EntryDoc, EventDoc};
use super::ids::{Ids, Packed};
use super::links::{self, TextRun};
use super::skeleton::Step::{self, Field, Index};
use super::strings;
use crate::model::date::{Date, When};
use crate::model::{Clause, ClauseLabel, Corpus, Entry, Event, Kind, Link, Name, Parts, Series, Text};
use crate::text;

/// A problem, located by the path of the value at fault and, within a string value, the
/// byte range of the characters at fault.
#[derive(Debug)]
pub struct Finding {
    pub path: Vec<Step>,
    pub within: Option<Range<usize>>,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub context: Option<(Vec<Step>, String)>,
    /// What it is counted as once more than [`SHOWN`] problems are found: "unknown ids".
    pub kind: &'static str,
}

impl Finding {
    fn new(path: &[Step], message: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            path: path.to_vec(),
            within: None,
            message: message.into(),
            label: label.into(),
            help: None,
            context: None,
            kind: "other problems",
        }
    }

    fn kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }

    fn within(mut self, range: Range<usize>) -> Self {
        self.within = Some(range);
        self
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Up to this many links, a text's links are put in place in the text itself.
const IN_PLACE: usize = 8;

/// From this many entries, checking is split across two threads.
const PARALLEL_FROM: usize = 2000;

/// The second part's entries are made in pieces of this many (a few megabytes, each mapped
/// on its own and given back once moved), so that the whole part is never held twice.
const PIECE: usize = 8192;

/// The problems found: the first [`SHOWN`] whole, the others only counted, so that a file
/// of a million problems costs no more to check than one of a hundred of that size.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub more: ProblemCounts,
}

impl Report {
    fn push(&mut self, finding: Finding) {
        if self.room() {
            self.findings.push(finding);
        } else {
            self.more.add(finding.kind, 1);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.findings.is_empty() && self.more.total() == 0
    }

    /// Whether another problem would be shown whole (and is worth a suggestion).
    fn room(&self) -> bool {
        self.findings.len() < SHOWN
    }

    fn extend(&mut self, other: Report) {
        self.findings.extend(other.findings);
        self.more.extend(other.more);
    }
}

/// What becomes of the texts once checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Texts {
    /// Kept in the corpus built.
    Kept,
    /// Let go of: the corpus built holds its entries, clauses and events, their ids,
    /// titles and labels, and no text (nor the links within it), for a check that only
    /// reports; every check of the texts is made all the same.
    Shed,
}

/// Builds the corpus from `doc`, with every problem found along the way.
pub fn validate(doc: CorpusDoc, texts: Texts) -> (Corpus, Report) {
    let mut report = Report::default();
    let by_id = ids(doc.entries.iter(), doc.entries.len(), &mut report);
    let mut titles = Packed::with_capacity(doc.entries.len());
    for entry in doc.entries.iter() {
        titles.push(&entry.title);
    }
    let kinds = doc.entries.iter().map(|e| e.kind.clone()).collect();
    let translations = doc.entries.iter().map(|e| e.translation_of.is_some()).collect();
    let known = Known { by_id, titles, kinds, translations };
    let mut check = Checker { report, ..Checker::new(&known, texts) };
    check.strings(&doc, &[], &["entries", "events"]);
    let title = check.line(&[Field("title")], doc.title, "the corpus");
    let description = check.text(&[Field("description")], doc.description);
    let sources = check.sources(&[Field("sources")], doc.sources);
    let text = doc.text;
    let mut report = check.report;
    // Large corpora are checked in two parts at once, the second with the events, and
    // the checks only read the ids and titles. Each part lets go of the entries as written a
    // batch at a time as it turns them into the corpus's, so that the two are not held whole
    // at once.
    let count = doc.entries.len();
    let parallel = count >= PARALLEL_FROM;
    let offset = if parallel { (count + doc.events.len() / 3) / 2 } else { count }.min(count);
    let (first, second) = split(doc.entries.into_batches(), offset);
    let known_ref = &known;
    let rest = move || {
        let mut check = Checker::new(known_ref, texts);
        // In pieces, each let go of once moved after the first part's entries.
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        for (i, e) in second.into_iter().flatten().enumerate() {
            if i % PIECE == 0 {
                entries.push(Vec::with_capacity(PIECE));
            }
            if let Some(piece) = entries.last_mut() {
                piece.push(check.entry(offset + i, e));
            }
        }
        let events = doc.events.into_batches().into_iter().flatten().enumerate().map(|(i, e)| check.event(i, e));
        let events: Vec<Event> = events.collect();
        let (chronology, events_of) = derived::chronology(&events, count);
        (entries, events, chronology, events_of, check)
    };
    let mut check = Checker::new(&known, texts);
    let first_part = |check: &mut Checker| -> Vec<Entry> {
        let mut entries = Vec::with_capacity(count);
        entries.extend(first.into_iter().flatten().enumerate().map(|(i, e)| check.entry(i, e)));
        entries
    };
    let (mut entries, (rest, events, chronology, events_of, other)) = if parallel {
        std::thread::scope(|scope| {
            let other = scope.spawn(rest);
            let entries = first_part(&mut check);
            (entries, other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    } else {
        (first_part(&mut check), rest())
    };
    report.extend(check.report);
    report.extend(other.report);
    for piece in rest {
        entries.extend(piece);
    }
    let mut links = check.links;
    links.extend(other.links);
    let linked_from = derived::linked_from(count, &links);
    let (linked_from, events_of) = (linked_from.into(), events_of.into());
    let corpus =
        Corpus::new(Parts { title, description, sources, text, entries, events, linked_from, chronology, events_of });
    for (path, address) in check.parallels.iter().chain(&other.parallels) {
        wrong_parallel(&corpus, path, address, &mut report);
    }
    (corpus, report)
}

/// The batches of entries as written, parted before entry `at`: the batch it falls in is
/// cut in two (a copy of the part after it, a batch at most).
fn split(mut batches: Vec<Vec<EntryDoc>>, at: usize) -> (Vec<Vec<EntryDoc>>, Vec<Vec<EntryDoc>>) {
    let mut before = 0;
    let mut whole = 0;
    while whole < batches.len() && before + batches[whole].len() <= at {
        before += batches[whole].len();
        whole += 1;
    }
    let mut after = batches.split_off(whole);
    if let Some(cut) = after.first_mut().filter(|_| at > before) {
        let tail = cut.split_off(at - before);
        batches.push(std::mem::replace(cut, tail));
    }
    (batches, after)
}

/// What is wrong with the parallel `address` written at `path`, if anything: it must lead
/// to an article or annex of another entry. Found through the addresses of each treaty made
/// once, and explained (which reads the whole treaty) only while problems are shown whole.
fn wrong_parallel(corpus: &Corpus, path: &[Step], address: &str, report: &mut Report) {
    let shown = text::echo(address);
    let (entry, part) = match crate::model::address::resolve(corpus, address) {
        Ok(found) => found,
        Err(why) => {
            let finding = Finding::new(path, format!("the parallel `{shown}` leads nowhere"), "no such article");
            let help = if report.room() { crate::model::address::explain(corpus, address, why) } else { String::new() };
            return report.push(finding.help(help).kind("parallels that lead nowhere"));
        }
    };
    let own = match path {
        [Field("entries"), Index(i), ..] => Some(*i),
        _ => None,
    };
    if part == 0 {
        let id = text::echo(&corpus.entries[entry].id);
        report.push(
            Finding::new(path, format!("the parallel `{shown}` is a whole entry"), "not an article")
                .help(format!("name one of its articles or annexes, as `{id}#1`")),
        );
    } else if own == Some(entry) {
        report.push(
            Finding::new(path, format!("the parallel `{shown}` is in the same treaty"), "same treaty")
                .help("parallels name the counterparts of an article in other treaties"),
        );
    }
}

/// What an article or annex is written with, apart from its label and heading.
pub(super) struct Body {
    pub text: Vec<String>,
    pub notes: Vec<String>,
    pub links: Vec<String>,
    pub parallels: Vec<String>,
}

struct Checker<'a> {
    report: Report,
    by_id: &'a Ids,
    titles: &'a Packed,
    /// Each entry's kind, by number.
    kinds: &'a [Kind],
    /// Whether each entry is a translation of another.
    translations: &'a [bool],
    /// (target, source) for every link of the entries checked, in their order.
    links: Vec<(usize, usize)>,
    /// Every parallel of the clauses checked, with where it is written.
    parallels: Vec<(Vec<Step>, Name)>,
    /// The anchors of the articles of the entry being checked: each with its article's place
    /// among the clauses, and where it is written.
    anchors: Vec<(Name, u32, Vec<Step>)>,
    /// Room for a link's words while they are put in place.
    scratch: String,
    texts: Texts,
}

/// What every entry's checks may look up about the others: ids, titles, kinds, and which
/// are translations.
struct Known {
    by_id: Ids,
    titles: Packed,
    kinds: Vec<Kind>,
    translations: Vec<bool>,
}

/// The words a link shows: written in the text (its label, or the unknown id itself), or
/// the linked entry's title.
enum Words {
    Written(Range<usize>),
    Title(usize),
}

/// Every entry's id, by which links find it; malformed and repeated ids are findings.
fn ids<'a>(entries: impl Iterator<Item = &'a EntryDoc>, count: usize, report: &mut Report) -> Ids {
    let mut by_id = Ids::with_capacity(count);
    for (i, entry) in entries.enumerate() {
        let path = [Field("entries"), Index(i), Field("id")];
        let id = &entry.id;
        if let Some((at, c)) = id
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_' | '+')))
        {
            let what = if c.is_ascii_uppercase() { "a capital letter" } else { "a character" };
            report.push(
                Finding::new(&path, format!("the id `{id}` has {what} that ids may not hold"), "not allowed in an id")
                    .kind("ids that are not slugs")
                    .within(at..at + c.len_utf8())
                    .help(format!(
                        "an id is a slug of lower-case ASCII letters, digits, hyphens, dots, underscores and plus signs, such as `{}`",
                        slug(id)
                    )),
            );
        } else if id.is_empty() {
            report.push(
                Finding::new(&path, "an entry has an empty id", "empty id")
                    .kind("ids that are not slugs")
                    .help("give the entry a short slug, such as `liepaja`"),
            );
        } else if id.starts_with('-') || id.ends_with('-') {
            report.push(
                Finding::new(&path, format!("the id `{id}` starts or ends with a hyphen"), "hyphen at the edge")
                    .kind("ids that are not slugs")
                    .help(format!("write it as `{}`", slug(id))),
            );
        }
        if let Some(first) = by_id.push(id) {
            let mut finding = Finding::new(&path, format!("the id `{id}` is used by two entries"), "used again here")
                .help("every entry needs its own id: rename one of them, and the links that mean it")
                .kind("repeated ids");
            finding.context = Some((vec![Field("entries"), Index(first), Field("id")], "first used here".into()));
            report.push(finding);
        }
    }
    by_id
}

impl<'a> Checker<'a> {
    fn new(known: &'a Known, texts: Texts) -> Self {
        let Known { by_id, titles, kinds, translations } = known;
        Self {
            report: Report::default(),
            by_id,
            titles,
            kinds,
            translations,
            links: Vec::new(),
            parallels: Vec::new(),
            anchors: Vec::new(),
            scratch: String::new(),
            texts,
        }
    }

    fn entry(&mut self, i: usize, doc: EntryDoc) -> Entry {
        self.strings(&doc, &[Field("entries"), Index(i)], &[]);
        let at = |field| [Field("entries"), Index(i), Field(field)];
        let at_item = |field, j| [Field("entries"), Index(i), Field(field), Index(j)];
        if let Kind::Other(name) = &doc.kind
            && name.trim().is_empty()
        {
            self.report.push(
                Finding::new(&[&at("kind")[..], &[Index(0)]].concat(), "an entry's kind has no name", "empty kind")
                    .help("name the kind, as in `Other(\"battle\")`, or use a listed kind such as `Treaty` or `Place`"),
            );
        }
        let title = self.line(&at("title"), doc.title, "an entry");
        let aliases = doc
            .aliases
            .into_iter()
            .enumerate()
            .map(|(j, alias)| self.line(&at_item("aliases", j), alias, "an alias"))
            .collect();
        if doc.summary.trim().is_empty() {
            self.report.push(
                Finding::new(&at("summary"), "an entry has an empty summary", "empty summary")
                    .help("write one line saying what the entry is: it is shown in lists and link previews"),
            );
        }
        let summary = self.text(&at("summary"), doc.summary);
        let body = doc.body.into_iter().enumerate().map(|(j, p)| self.text(&at_item("body", j), p)).collect();
        let dates = self.span(&[Field("entries"), Index(i)], doc.start.as_deref(), doc.end.as_deref(), false);
        let in_force = doc.in_force.and_then(|text| self.in_force(i, &text, dates));
        let sources = self.sources(&at("sources"), doc.sources);
        let published = self.sources(&at("published"), doc.published);
        let series = doc.series.map(|series| self.series(&at("series"), series));
        let written = treaty::Written {
            preamble: doc.preamble,
            articles: doc.articles,
            chapters: doc.chapters,
            annexes: doc.annexes,
        };
        let (clauses, chapters) = self.treaty(i, written);
        let anchors = self.anchors();
        let signing = self.signing(i, &doc.kind, doc.signed_at, doc.parties, doc.signatories);
        let language = doc.language.map(|tag| self.language(&at("language"), tag));
        let translation_of = doc.translation_of.and_then(|id| self.original(i, &id));
        let (sources, published, clauses, chapters) =
            (sources.into(), published.into(), clauses.into(), chapters.into());
        let entry = Entry {
            id: doc.id,
            title,
            kind: doc.kind,
            aliases,
            summary,
            body,
            dates,
            in_force,
            sources,
            published,
            series,
            text: doc.text,
            clauses,
            chapters,
            signing,
            language,
            translation_of,
            anchors,
        };
        self.links.extend(entry.targets().map(|target| (target, i)));
        entry
    }

    fn clause(&mut self, path: &[Step], label: ClauseLabel, heading: Name, body: Body) -> Clause {
        let Body { text, notes, links, parallels } = body;
        let within = |field, k| [path, &[Field(field), Index(k)]].concat();
        if text.is_empty() {
            self.report.push(
                Finding::new(&[path, &[Field("text")]].concat(), format!("{label} has no text"), "empty list")
                    .help("give the clause's substance as one or more paragraphs"),
            );
        }
        let (text, levels) = self.paragraphs(&[path, &[Field("text")]].concat(), text);
        let notes = notes.into_iter().enumerate().map(|(k, p)| self.text(&within("notes", k), p)).collect();
        let links =
            links.iter().enumerate().filter_map(|(k, id)| self.target(&within("links", k), id, 0..id.len())).collect();
        // Where a parallel leads is known only once every treaty is read: see `parallels`.
        let parallels: Box<[Name]> = parallels.into_iter().map(Name::from).collect();
        self.parallels.extend((0..parallels.len()).map(|k| (within("parallels", k), parallels[k].clone())));
        Clause { label, chapter: None, heading, text, levels, notes, links, parallels }
    }

    fn event(&mut self, i: usize, doc: EventDoc) -> Event {
        self.strings(&doc, &[Field("events"), Index(i)], &[]);
        let at = |field| [Field("events"), Index(i), Field(field)];
        let when = self.span(&[Field("events"), Index(i)], Some(&doc.date), doc.end.as_deref(), doc.approximate);
        let title = self.line(&at("title"), doc.title, "an event");
        let text = self.text(&at("text"), doc.text);
        let concerns = doc
            .concerns
            .iter()
            .enumerate()
            .filter_map(|(j, id)| {
                self.target(&[Field("events"), Index(i), Field("concerns"), Index(j)], id, 0..id.len())
            })
            .collect();
        let placeholder = Date::parse("1").expect("year 1 reads");
        let when = when.unwrap_or(When { start: placeholder, end: None, approximate: doc.approximate });
        Event { when, title, text, concerns }
    }

    /// Reads the dates of the entry or event at `path`: an event's start is its `date`
    /// field, an entry's its `start`.
    fn span(&mut self, path: &[Step], start: Option<&str>, end: Option<&str>, approximate: bool) -> Option<When> {
        let (noun, first) = match path.first() {
            Some(Field("events")) => ("event", "date"),
            _ => ("entry", "start"),
        };
        let start_at = [path, &[Field(first)]].concat();
        let end_at = [path, &[Field("end")]].concat();
        if start.is_none() && end.is_some() {
            self.report.push(
                Finding::new(&end_at, format!("an end date without a `{first}`"), "end without a start")
                    .help(format!("add `{first}: \"...\"` before it, or remove the end")),
            );
        }
        let start = start.and_then(|s| self.date(&start_at, s));
        let end = end.and_then(|s| self.date(&end_at, s));
        match (start, end) {
            (Some(start), Some(end)) if end.last() < start.first => {
                self.report.push(
                    Finding::new(
                        &end_at,
                        format!("the {noun} ends ({end}) before it begins ({start})"),
                        "ends before it begins",
                    )
                    .help(format!("swap the two dates, or correct the one that is wrong; `{first}` comes first")),
                );
                None
            }
            (Some(start), end) => Some(When { start, end, approximate }),
            (None, _) => None,
        }
    }

    /// The day entry `i` entered into force, `text`, read; said to be wrong where it comes
    /// before the entry's `start` (for a treaty, the day it was signed).
    fn in_force(&mut self, i: usize, text: &str, dates: Option<When>) -> Option<Date> {
        let path = [Field("entries"), Index(i), Field("in_force")];
        let date = self.date(&path, text)?;
        if let Some(start) = dates.map(|d| d.start).filter(|start| date.last() < start.first) {
            self.report.push(
                Finding::new(&path, format!("it enters into force ({date}) before it begins ({start})"), "before the start")
                    .help("a treaty enters into force on or after the day it was signed (`start`): correct the one that is wrong"),
            );
            return None;
        }
        Some(date)
    }

    fn date(&mut self, path: &[Step], text: &str) -> Option<Date> {
        match Date::parse(text) {
            Ok(date) => Some(date),
            Err(e) => {
                let finding = Finding::new(path, e.message, "not a date").within(e.at).help(e.help);
                self.report.push(finding.kind("dates that cannot be read"));
                None
            }
        }
    }

    /// `tag`, said to be no language tag where it is not one ([`is_language_tag`]).
    fn language(&mut self, path: &[Step], tag: Name) -> Name {
        if !is_language_tag(&tag) {
            self.report.push(
                Finding::new(path, format!("`{tag}` is not a language tag"), "not a language")
                    .help("write the language as a tag such as \"es\", \"lv\" or \"en-GB\""),
            );
        }
        tag
    }

    /// The entry that entry `i` is a version of: one that is itself no version of another.
    fn original(&mut self, i: usize, id: &str) -> Option<usize> {
        let path = [Field("entries"), Index(i), Field("translation_of")];
        let found = self.target(&path, id, 0..id.len())?;
        let problem = if found == i {
            Some("an entry is not a translation of itself")
        } else if self.translations.get(found).copied().unwrap_or(false) {
            Some("this names a translation, not the original")
        } else {
            None
        };
        if let Some(message) = problem {
            self.report.push(
                Finding::new(&path, message, "not the original")
                    .help("name the entry every version translates, so that all of them find one another"),
            );
            return None;
        }
        Some(found)
    }

    /// A one-line title that must not be empty; `what` names its owner for the message.
    fn line(&mut self, path: &[Step], value: Name, what: &str) -> Name {
        if value.trim().is_empty() {
            let field = match path.last() {
                Some(Field(name)) => *name,
                _ => "text",
            };
            self.report.push(
                Finding::new(path, format!("{what} has an empty {field}"), format!("empty {field}"))
                    .help(format!("write the {field}; it is what readers see in lists"))
                    .kind("empty fields"),
            );
        }
        value
    }

    /// A treaty series, named.
    fn series(&mut self, path: &[Step], series: Series) -> Box<Series> {
        let name = [path, &[Field("name")]].concat();
        Box::new(Series { name: self.line(&name, series.name, "a treaty series"), ..series })
    }

    fn sources(&mut self, path: &[Step], values: Vec<Name>) -> Vec<Name> {
        values
            .into_iter()
            .enumerate()
            .map(|(j, source)| self.line(&[path, &[Index(j)]].concat(), source, "a source list"))
            .collect()
    }

    /// Text that may hold links, with its links resolved. Text without links is kept as it
    /// is, not copied.
    fn text(&mut self, path: &[Step], value: String) -> Text {
        let parts = match links::parse(&value) {
            Ok(parts) if parts.iter().all(|p| matches!(p, TextRun::Plain(_))) => {
                return self.unlinked(value);
            }
            Ok(parts) => parts,
            Err(e) => {
                let finding = Finding::new(path, e.message, "here").within(e.at).help(e.help);
                self.report.push(finding.kind("malformed links"));
                return self.unlinked(value);
            }
        };
        // Each link's words take the place of its markup in the same string, the last link
        // first, so that the text is neither copied nor let go of piece by piece.
        let at_of = |words: &str| words.as_ptr() as usize - value.as_ptr() as usize;
        let mut edits = Vec::new();
        for part in parts {
            let (target, label, at) = match part {
                TextRun::Link { target, label, at } => (target, label, at),
                // `\[[` shows as `[[`, and links nowhere.
                TextRun::Literal(at) => {
                    edits.push((at.clone(), Words::Written(at.start + 1..at.end), None));
                    continue;
                }
                TextRun::Plain(_) => continue,
            };
            let inner = at.start + 2..at.start + 2 + target.len();
            let found = self.target(path, target, inner);
            let words = match (label, found) {
                (Some(label), _) => Words::Written(at_of(label)..at_of(label) + label.len()),
                (None, Some(found)) => Words::Title(found),
                (None, None) => Words::Written(at_of(target)..at_of(target) + target.len()),
            };
            edits.push((at, words, found));
        }
        if self.texts == Texts::Shed {
            return Text::default();
        }
        let mut plain = value;
        let mut links = Vec::with_capacity(edits.len());
        let mut shift = 0isize;
        for (at, words, found) in &edits {
            let len = match words {
                Words::Written(range) => range.len(),
                Words::Title(entry) => self.titles.get(*entry).len(),
            };
            let start = at.start.saturating_add_signed(-shift);
            if let Some(target) = *found {
                links.push(Link::new(start..start + len, target));
            }
            shift += at.len() as isize - len as isize;
        }
        if edits.len() <= IN_PLACE {
            // A few links: each put in place in the text itself, the last first, so that the
            // text is neither copied nor let go of piece by piece.
            for (at, words, _) in edits.into_iter().rev() {
                self.scratch.clear();
                self.scratch.push_str(match words {
                    Words::Written(range) => &plain[range],
                    Words::Title(entry) => self.titles.get(entry),
                });
                plain.replace_range(at, &self.scratch);
            }
        } else {
            // Many: one pass into a new text, as moving the rest of the text along for each
            // link would take time growing with their number times the text's length.
            let mut joined =
                String::with_capacity(links.last().map_or(plain.len(), |l| plain.len().max(l.range().end)));
            let mut rest = 0;
            for (at, words, _) in &edits {
                joined.push_str(&plain[rest..at.start]);
                joined.push_str(match words {
                    Words::Written(range) => &plain[range.clone()],
                    Words::Title(entry) => self.titles.get(*entry),
                });
                rest = at.end;
            }
            joined.push_str(&plain[rest..]);
            plain = joined;
        }
        Text { plain: plain.into_boxed_str(), links: links.into_boxed_slice() }
    }

    /// `value` as a text without links, or nothing when texts are shed.
    fn unlinked(&self, value: String) -> Text {
        match self.texts {
            Texts::Kept => Text { plain: value.into_boxed_str(), links: Box::default() },
            Texts::Shed => Text::default(),
        }
    }

    /// The entry that `id` names; `at` is where the id stands in the value at `path`.
    fn target(&mut self, path: &[Step], id: &str, at: Range<usize>) -> Option<usize> {
        const KIND: &str = "unknown ids";
        let found = self.by_id.find(id.trim());
        if found.is_none() && !self.report.room() {
            self.report.more.add(KIND, 1);
        } else if found.is_none() {
            // Ids are short: a long one is no near miss, and is not compared with each.
            let nearest = (id.len() <= 64)
                .then(|| {
                    let distances = self.by_id.names.iter().map(|known| (strsim::levenshtein(known, id), known));
                    distances.filter(|&(distance, known)| distance <= known.len().max(3) / 3).min()
                })
                .flatten();
            let help = match nearest {
                Some((_, known)) => format!("did you mean `{known}`?"),
                None => "link to the `id` of an entry in this corpus, or add an entry with this id".into(),
            };
            let finding = Finding::new(path, format!("no entry has the id `{id}`"), "unknown id");
            self.report.push(finding.within(at).help(help).kind(KIND));
        }
        found
    }

    /// Checks every string of `doc` (at `at`), whatever field it stands in, but the fields
    /// named in `skip`.
    fn strings<T: serde::Serialize>(&mut self, doc: &T, at: &[Step], skip: &[&str]) {
        strings::each(doc, at, skip, &mut |path, value| self.hostile(path, value));
    }

    /// Refuses characters that could act on a terminal, and line breaks where one line is due.
    fn hostile(&mut self, path: &[Step], value: &str) {
        let one_line = !strings::many_lines(path);
        if !(text::may_be_hostile(value) || one_line && value.contains('\n')) {
            return;
        }
        for (at, c) in value.char_indices() {
            let line_break = one_line && matches!(c, '\n' | '\u{2028}' | '\u{2029}');
            let kind = match (text::is_hostile(c), line_break) {
                (true, _) => "characters that could act on a terminal",
                (false, true) => "line breaks in one-line text",
                (false, false) => continue,
            };
            if !self.report.room() {
                self.report.more.add(kind, 1);
                continue;
            }
            let (message, help) = if text::is_hostile(c) {
                let sequence = c == '\x1b' && value[at + 1..].starts_with(['[', ']', 'P', '_', '^']);
                let what = if sequence { "an escape sequence" } else { "a control character" };
                let what = if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                    "a bidirectional control"
                } else {
                    what
                };
                (
                    format!("{what} in the text: {}", text::describe(c)),
                    "remove it: such characters can change how a terminal shows everything after them",
                )
            } else {
                let what = if c == '\n' { "a line break" } else { "a line separator" };
                (
                    format!("{what} where one line is expected"),
                    "keep this on one line: only paragraphs and notes run over several",
                )
            };
            let finding = Finding::new(path, message, "here").within(at..at + c.len_utf8()).help(help);
            self.report.push(finding.kind(kind));
        }
    }
}

/// A suggested slug for `id`: lower case, runs of other characters as one hyphen.
fn slug(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+') {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() { "entry-1".into() } else { out.into() }
}

#[cfg(test)]
mod tests {
    use crate::read::load::load_str;

    #[test]
    fn batches_are_parted_before_the_entry_asked_for_in_order() {
        let entry = |i: usize| -> super::EntryDoc {
            let written = format!(r#"Entry(id: "e{i}", title: "T", kind: Place, summary: "s")"#);
            crate::read::load::options().from_str(&written).unwrap()
        };
        let ids = |part: &[Vec<super::EntryDoc>]| -> Vec<String> {
            part.iter().flatten().map(|e| e.id.to_string()).collect()
        };
        for at in 0..=6 {
            let batches = vec![(0..3).map(entry).collect(), (3..5).map(entry).collect(), vec![entry(5)]];
            let (first, second) = super::split(batches, at);
            let want: Vec<String> = (0..6).map(|i| format!("e{i}")).collect();
            assert_eq!(ids(&first), want[..at], "before {at}");
            assert_eq!(ids(&second), want[at..], "from {at}");
            assert!(first.iter().chain(&second).all(|batch| !batch.is_empty()), "no empty batch at {at}");
        }
    }

    /// Links put their words in place of their markup: a label, the linked entry's title
    /// (here longer than the markup), each range in the text as shown.
    #[test]
    fn links_show_their_words_where_they_stood() {
        let corpus = load_str(
            r#"Corpus(title: "T", entries: [
                Entry(id: "a", title: "Rīga, the capital of Latvia", kind: Place, summary: "[[b|Bē]] then [[a]] and [[b]]: ok."),
                Entry(id: "b", title: "Ā", kind: Place, summary: "Back to [[a|the city]]"),
            ])"#,
        )
        .unwrap();
        let summary = &corpus.entries[0].summary;
        assert_eq!(&*summary.plain, "Bē then Rīga, the capital of Latvia and Ā: ok.");
        let shown: Vec<(&str, usize)> = summary.links.iter().map(|l| (&summary.plain[l.range()], l.target())).collect();
        assert_eq!(shown, [("Bē", 1), ("Rīga, the capital of Latvia", 0), ("Ā", 1)]);
        let back = &corpus.entries[1].summary;
        assert_eq!((&*back.plain, back.links[0].range()), ("Back to the city", 8..16));
    }

    /// More links than are put in place one by one: the text is joined in one pass, with
    /// the same words and ranges.
    #[test]
    fn many_links_in_one_text_read_as_a_few_do() {
        let written: Vec<String> =
            (0..40).map(|i| if i % 3 == 0 { format!("[[b|w{i}]]") } else { "[[a]]".to_string() }).collect();
        let corpus = load_str(&format!(
            r#"Corpus(title: "T", entries: [
                Entry(id: "a", title: "Rīga, the capital of Latvia", kind: Place, summary: "x {} y"),
                Entry(id: "b", title: "B", kind: Place, summary: "b"),
            ])"#,
            written.join(" ")
        ))
        .unwrap();
        let summary = &corpus.entries[0].summary;
        let words: Vec<String> =
            (0..40).map(|i| if i % 3 == 0 { format!("w{i}") } else { "Rīga, the capital of Latvia".into() }).collect();
        assert_eq!(&*summary.plain, format!("x {} y", words.join(" ")));
        let linked: Vec<(&str, usize)> =
            summary.links.iter().map(|l| (&summary.plain[l.range()], l.target())).collect();
        let expected: Vec<(&str, usize)> =
            words.iter().enumerate().map(|(i, w)| (w.as_str(), usize::from(i % 3 == 0))).collect();
        assert_eq!(linked, expected);
    }
}
