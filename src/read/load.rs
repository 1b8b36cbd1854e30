//! Loading a corpus: read, decode, parse with `ron`, check, and turn every problem into a
//! located [`Diagnostic`].

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;

pub(crate) use super::format::options;
use super::format::{CorpusDoc, EntryDoc, EventDoc};
use super::skeleton::{self, Body, Node, ScanError, Step};
use super::source;
pub use super::source::LoadError;
use super::stream;
use super::validate::{self, Finding, Report, Texts};
use crate::model::Corpus;
use crate::read::diagnostic::{Diagnostic, LineStarts, ProblemCounts, Problems, SHOWN};

/// The corpus bundled into the binary: the Soviet–Latvian Mutual Assistance Treaty of 1939.
pub const BUNDLED: &str = include_str!("../../assets/treaty.ron");

/// The name the bundled corpus goes by in messages.
pub const BUNDLED_NAME: &str = "<bundled treaty.ron>";

/// Reads, checks and builds the corpus in the file at `path`. A file is read in pieces,
/// so that its text and the corpus are never in memory together; should the corpus have
/// problems, the whole file is read to point at them.
pub fn load_file(path: &Path) -> Result<Corpus, LoadError> {
    read_file(path, Texts::Kept)
}

/// How much a valid corpus holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    pub entries: usize,
    /// Preambles, articles and annexes.
    pub clauses: usize,
    pub events: usize,
}

impl Counts {
    pub fn of(corpus: &Corpus) -> Self {
        Self {
            entries: corpus.entries.len(),
            clauses: corpus.entries.iter().map(|e| e.clauses.len()).sum(),
            events: corpus.events.len(),
        }
    }
}

/// Checks the corpus file at `path` as [`load_file`] does, with the same problems found,
/// and gives how much it holds: each text is let go of once checked, so that the check
/// holds little more than the file as parsed.
pub fn check_file(path: &Path) -> Result<Counts, LoadError> {
    read_file(path, Texts::Shed).map(|corpus| Counts::of(&corpus))
}

fn read_file(path: &Path, texts: Texts) -> Result<Corpus, LoadError> {
    let Some(doc) = source::open_file(path).and_then(stream::parse) else {
        let text = source::decode(source::read(path).map_err(LoadError::Read)?)?;
        return build(&text, texts).map_err(|diagnostics| LoadError::Invalid { text, diagnostics });
    };
    let (corpus, report) = validate::validate(doc, texts);
    if report.is_empty() {
        return Ok(corpus);
    }
    let text = source::decode(source::read(path).map_err(LoadError::Read)?)?;
    let diagnostics = locate_all(&text, report);
    Err(LoadError::Invalid { text, diagnostics })
}

/// The bundled corpus, which a test keeps valid.
pub fn bundled() -> Result<Corpus, LoadError> {
    load_str(BUNDLED).map_err(|diagnostics| LoadError::Invalid { text: BUNDLED.into(), diagnostics })
}

/// Checks and builds the corpus written in `text`, or gives every problem found, in file order.
pub fn load_str(text: &str) -> Result<Corpus, Problems> {
    build(text, Texts::Kept)
}

/// The corpus document in the file at `path`, unchecked, for it to be gathered with others;
/// or what keeps it from being read, located.
pub fn read_doc(path: &Path) -> Result<CorpusDoc, LoadError> {
    if let Some(doc) = source::open_file(path).and_then(stream::parse) {
        return Ok(doc);
    }
    let text = source::decode(source::read(path).map_err(LoadError::Read)?)?;
    parse(&text).map_err(|diagnostics| LoadError::Invalid { text, diagnostics })
}

/// The corpus document written in `text`, unchecked; or what keeps it from being read.
pub fn read_doc_str(text: &str) -> Result<CorpusDoc, Problems> {
    match stream::parse(text.as_bytes()) {
        Some(doc) => Ok(doc),
        None => parse(text),
    }
}

/// The corpus made from `doc`, written by a program rather than read from a file, checked as
/// a file is; `None` when it has a problem (found, and located, by loading it written out).
pub fn from_doc(doc: CorpusDoc) -> Option<Corpus> {
    let (corpus, report) = validate::validate(doc, Texts::Kept);
    report.is_empty().then_some(corpus)
}

fn build(text: &str, texts: Texts) -> Result<Corpus, Problems> {
    let doc = match stream::parse(text.as_bytes()) {
        Some(doc) => doc,
        None => parse(text)?,
    };
    let (corpus, report) = validate::validate(doc, texts);
    if report.is_empty() { Ok(corpus) } else { Err(locate_all(text, report)) }
}

/// The corpus as written in `text`, or what keeps it from being read.
fn parse(text: &str) -> Result<CorpusDoc, Problems> {
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::new("the file is empty", 0..0)
                .label("expected a corpus here")
                .help("a corpus file holds one `Corpus(title: \"...\", entries: [...], events: [...])`; see the corpus format in assets/FORMAT.md"),
        ]
        .into());
    }
    options().from_str(text).map_err(|error| parse_errors(text, &LineStarts::new(text), error))
}

/// The checker's findings located in `text`: the first [`SHOWN`] in file order, the others
/// counted.
fn locate_all(text: &str, report: Report) -> Problems {
    let root = skeleton::scan(text).ok();
    let Report { findings, mut more } = report;
    let mut located: Vec<(Diagnostic, &'static str)> =
        findings.into_iter().map(|f| (f.kind, locate(text, root.as_ref(), f))).map(|(k, d)| (d, k)).collect();
    located.sort_by_key(|(d, _)| (d.span.start, d.span.end));
    for (_, kind) in located.drain(SHOWN.min(located.len())..) {
        more.add(kind, 1);
    }
    Problems { shown: located.into_iter().map(|(d, _)| d).collect(), more }
}

/// The parse errors `ron` can find: the first one in the file, and then the first in each
/// entry and event, each read on its own, so that one mistake does not hide the next. Past
/// [`SHOWN`], items are still read to count their errors, but not located.
fn parse_errors(text: &str, lines: &LineStarts, error: ron::error::SpannedError) -> Problems {
    let mut diagnostics = vec![from_ron(text, lines, &error, 0)];
    let mut more = ProblemCounts::default();
    let mut each =
        |items: &[Node], reparse: fn(&str, &LineStarts, &Node) -> Option<Diagnostic>, fails: fn(&str) -> bool| {
            for item in items {
                let item_text = &text[item.span.clone()];
                if diagnostics.len() < SHOWN + 1 {
                    diagnostics.extend(reparse(text, lines, item));
                } else if fails(item_text) {
                    more.add("syntax errors", 1);
                }
            }
        };
    match skeleton::scan(text) {
        Ok(Node { body: Body::Fields(fields), .. }) => {
            for (name, value) in &fields {
                let Body::Items(items) = &value.body else { continue };
                match &text[name.clone()] {
                    "entries" => each(items, reparse::<EntryDoc>, |t| options().from_str::<EntryDoc>(t).is_err()),
                    "events" => each(items, reparse::<EventDoc>, |t| options().from_str::<EventDoc>(t).is_err()),
                    _ => {}
                }
            }
        }
        Err(ScanError::TooDeep(at)) => diagnostics.push(
            Diagnostic::new(format!("the brackets nest more than {} levels deep", skeleton::MAX_DEPTH), at..at + 1)
                .label("too deep")
                .help("a corpus needs only a few levels of brackets: look for brackets opened by mistake"),
        ),
        _ => {}
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    diagnostics.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    for _ in diagnostics.drain(SHOWN.min(diagnostics.len())..) {
        more.add("syntax errors", 1);
    }
    Problems { shown: diagnostics, more }
}

/// The error in one list item, read on its own, located in the whole file.
fn reparse<T: DeserializeOwned>(text: &str, lines: &LineStarts, item: &Node) -> Option<Diagnostic> {
    let error = options().from_str::<T>(&text[item.span.clone()]).err()?;
    Some(from_ron(text, lines, &error, item.span.start))
}

/// A `ron` error at a position counted from byte `base` of `text`, in the project's words.
fn from_ron(text: &str, lines: &LineStarts, error: &ron::error::SpannedError, base: usize) -> Diagnostic {
    let (base_line, base_col) = lines.position(base);
    let offset = |p: ron::error::Position| {
        let (line, col) =
            if p.line <= 1 { (base_line, base_col + p.col.saturating_sub(1)) } else { (base_line + p.line - 1, p.col) };
        lines.offset(line, col)
    };
    let start = offset(error.span.start);
    let end = offset(error.span.end).max(start);
    let span = if end > start { start..end } else { start..next_char(text, start) };
    if matches!(
        error.code,
        ron::Error::ExpectedComma
            | ron::Error::ExpectedMapColon
            | ron::Error::UnexpectedChar(_)
            | ron::Error::ExpectedStructLikeEnd
            | ron::Error::ExpectedArrayEnd
            | ron::Error::TrailingCharacters
            | ron::Error::ExpectedIdentifier
    ) && let Some(runaway) = runaway(text, span.start)
    {
        return runaway;
    }
    let Explained { message, label, help } = explain(&error.code, text, &span);
    Diagnostic::new(message, span).label(label).help(help)
}

/// A text whose closing quote was left out runs on into what follows it, and `ron` fails
/// only later, where the next quote has closed it: when the text just before `at` holds a
/// line break or what looks like the next field (`, title:`), the quote is taken to be
/// missing where that begins.
fn runaway(text: &str, at: usize) -> Option<Diagnostic> {
    let before = text[..at].trim_end();
    let close = before.len().checked_sub(1).filter(|&q| before.as_bytes()[q] == b'"')?;
    let bytes = text.as_bytes();
    let open = (0..close)
        .rev()
        .find(|&i| bytes[i] == b'"' && bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 0)?;
    let content = &text[open + 1..close];
    let field = field_start(content);
    let line = content.find('\n');
    let end = open
        + 1
        + match (field, line) {
            (Some(f), Some(l)) => f.min(l),
            (f, l) => f.or(l)?,
        };
    let rest: String = text[end..close].chars().take(24).collect::<String>().replace('\n', " ");
    Some(
        Diagnostic::new("a closing quote seems to be missing", end..next_char(text, end))
            .label("the text seems to end here")
            .context(open..open + 1, "the text opened here runs on")
            .help(format!("close the text with `\"` before `{}`", rest.trim_end())),
    )
}

/// Where `content` holds what looks like the start of a field (`, title:`), if it does.
fn field_start(content: &str) -> Option<usize> {
    let bytes = content.as_bytes();
    bytes.iter().enumerate().filter(|&(_, &b)| b == b',' || b == b'(').find_map(|(i, _)| {
        let rest = content[i + 1..].trim_start();
        let name = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_').len();
        (name > 0 && rest[name..].trim_start().starts_with(':')).then_some(i)
    })
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

/// What a `ron` error means to someone writing a corpus.
struct Explained {
    /// What is wrong.
    message: String,
    /// Said at the place it is wrong.
    label: String,
    /// How to put it right.
    help: String,
}

impl From<(String, String, String)> for Explained {
    /// Message, label and help, in that order (as each case of [`explain`] writes them).
    fn from((message, label, help): (String, String, String)) -> Self {
        Self { message, label, help }
    }
}

/// What a `ron` error means to someone writing a corpus: message, label and fix.
fn explain(code: &ron::Error, text: &str, span: &Range<usize>) -> Explained {
    Explained::from(explained(code, text, span))
}

/// Each case of [`explain`], as message, label and help.
fn explained(code: &ron::Error, text: &str, span: &Range<usize>) -> (String, String, String) {
    use ron::Error as E;
    let format_help = "see the corpus format in assets/FORMAT.md".to_string();
    let outer =
        |outer: &Option<String>| outer.as_deref().map_or_else(|| "the corpus".to_string(), |o| format!("`{o}`"));
    match code {
        E::MissingStructField { field, outer: o } => (
            format!("missing field `{field}` in {}", outer(o)),
            format!("`{field}` is needed before this closing bracket"),
            format!("add `{field}: ...,` to {}; {format_help}", outer(o)),
        ),
        E::NoSuchStructField { expected, found, outer: o } => {
            let nearest = expected
                .iter()
                .min_by_key(|e| strsim::levenshtein(e, found))
                .filter(|e| strsim::levenshtein(e, found) <= 3);
            let list = expected.join(", ");
            (
                format!("unknown field `{found}` in {}", outer(o)),
                "unknown field".into(),
                match nearest {
                    Some(near) => format!("did you mean `{near}`? The fields of {} are: {list}", outer(o)),
                    None => format!("the fields of {} are: {list}", outer(o)),
                },
            )
        }
        E::DuplicateStructField { field, outer: o } => (
            format!("the field `{field}` appears twice in {}", outer(o)),
            "given again here".into(),
            "keep one of the two".into(),
        ),
        E::NoSuchEnumVariant { expected, found, outer: o } => {
            let kind = o.as_deref() == Some("Kind");
            (
                if kind {
                    format!("unknown kind `{found}`")
                } else {
                    format!("unknown variant `{found}` in {}", outer(o))
                },
                "unknown".into(),
                if kind {
                    let known: Vec<&str> =
                        expected.iter().copied().filter(|k| !matches!(*k, "Other" | "Organization")).collect();
                    format!(
                        "use one of {}, or `Other(\"{}\")` for any other kind",
                        known.join(", "),
                        found.to_lowercase()
                    )
                } else {
                    format!("use one of: {}", expected.join(", "))
                },
            )
        }
        E::InvalidValueForType { expected, found } => {
            (format!("expected {expected}, found {found}"), "wrong type".into(), TYPES_HELP.into())
        }
        E::ExpectedInteger => expected("a whole number, such as 3", text, span),
        E::ExpectedFloat => expected("a number", text, span),
        E::ExpectedBoolean => expected("true or false", text, span),
        E::ExpectedArray => expected("a list in square brackets", text, span),
        E::ExpectedString | E::ExpectedStringEnd => expected("text in double quotes", text, span),
        E::ExpectedStructLike => expected("a structure in round brackets", text, span),
        E::ExpectedNamedStructLike(name) => expected(&format!("`{name}(...)`"), text, span),
        E::ExpectedMap => expected("a map in curly brackets", text, span),
        E::ExpectedOption => expected("a value or `None`", text, span),
        E::ExpectedIdentifier => expected("a name, such as `State`", text, span),
        E::ExpectedDifferentStructName { expected, found } => (
            format!("expected `{expected}(...)`, found `{found}(...)`"),
            "wrong name".into(),
            format!("write `{expected}(` here, or leave the name out and write just `(`"),
        ),
        E::ExceededRecursionLimit => (
            format!("the brackets nest more than {} levels deep", skeleton::MAX_DEPTH),
            "too deep".into(),
            "a corpus needs only a few levels of brackets: look for brackets opened by mistake".into(),
        ),
        E::Eof => (
            "the file ends before the corpus is complete".into(),
            "ends here".into(),
            "close every `(`, `[` and `\"` that is still open".into(),
        ),
        E::ExpectedComma => (
            "expected a comma or a closing bracket".into(),
            "expected `,` here".into(),
            "separate fields and list items with commas".into(),
        ),
        E::ExpectedMapColon => (
            "expected a colon after the field name".into(),
            "expected `:`".into(),
            "write fields as `name: value`".into(),
        ),
        E::UnexpectedChar(c) => {
            (format!("unexpected character {}", shown(*c)), "not expected here".into(), format_help)
        }
        E::TrailingCharacters => (
            "there is more text after the end of the corpus".into(),
            "after the corpus's closing bracket".into(),
            "a file holds one `Corpus(...)`; remove what follows it, or check for a bracket closed too early".into(),
        ),
        E::UnclosedBlockComment => {
            ("a `/*` comment is never closed".into(), "opened here".into(), "close it with `*/`".into())
        }
        E::IntegerOutOfBounds => (
            format!(
                "this number is too large: numbers here go up to {}",
                crate::read::diagnostic::thousands(u32::MAX as usize)
            ),
            "too large".into(),
            "check the number against the treaty's text".into(),
        ),
        E::InvalidEscape(what) => {
            (format!("invalid escape in text: {what}"), "here".into(), "a backslash in text is written \\\\".into())
        }
        other => (format!("{other}"), "here".into(), format_help),
    }
}

const TYPES_HELP: &str =
    "text goes in double quotes, lists in square brackets, numbers and true or false without quotes";

/// "expected `wanted`, found …", naming what stands at `span` in `text`.
fn expected(wanted: &str, text: &str, span: &Range<usize>) -> (String, String, String) {
    let found = match text[span.start..].trim_start().chars().next() {
        Some('"') => "text",
        Some('[') => "a list",
        Some('(') => "a structure",
        Some('{') => "a map",
        Some(c) if c.is_ascii_digit() || c == '-' => "a number",
        Some(c) if c.is_alphabetic() || c == '_' => "a name",
        Some(_) => "something else",
        None => "the end of the file",
    };
    (format!("expected {wanted}, found {found}"), "wrong type".into(), TYPES_HELP.into())
}

/// A character as it can be shown in a message: quoted, or by code point when invisible.
fn shown(c: char) -> String {
    if crate::text::is_hostile(c) || c.is_whitespace() { crate::text::describe(c) } else { format!("`{c}`") }
}

/// A finding located in `text` through the document's tree.
fn locate(text: &str, root: Option<&Node>, finding: Finding) -> Diagnostic {
    let span_of = |path: &[Step], within: Option<Range<usize>>| -> Range<usize> {
        let Some(root) = root else { return 0..0 };
        let (node, found) = root.find(text, path);
        match (found, within, &node.body) {
            (true, Some(within), Body::Leaf) => {
                let lit = &text[node.span.clone()];
                let start = node.span.start + skeleton::literal_offset(lit, within.start);
                let end = node.span.start + skeleton::literal_offset(lit, within.end);
                start..end.max(start)
            }
            (true, None, Body::Leaf) => node.span.clone(),
            _ => node.head.clone(),
        }
    };
    let span = span_of(&finding.path, finding.within);
    let mut diagnostic = Diagnostic::new(finding.message, span).label(finding.label);
    diagnostic.help = finding.help;
    if let Some((path, label)) = finding.context {
        diagnostic = diagnostic.context(span_of(&path, None), label);
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_with_a_mistake_is_reported_as_a_small_one_is() {
        let text = crate::synth::corpus(3, 4000).replacen("kind: Person", "kind: Persn", 1);
        let diagnostics = load_str(&text).unwrap_err();
        assert_eq!(diagnostics[0].message, "unknown kind `Persn`");
        let line = text[..diagnostics[0].span.start].lines().count();
        assert!(text.lines().nth(line - 1).unwrap().contains("Persn"));
    }
}
