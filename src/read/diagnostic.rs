//! Problems found in a corpus, and how they are shown: `path:line:column`, the line, a marker, a fix.

use std::cell::Cell;
use std::ops::{Deref, Range};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::text;

/// How many problems of a file are shown in full; the rest are counted by kind. Past this
/// many, a reader fixes what is shown and checks again, and the work stays in proportion
/// to the file however many problems it holds.
pub const SHOWN: usize = 100;

/// Every problem found in a file: the first [`SHOWN`] in full, in file order, and how many
/// more of each kind ("unknown ids").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    pub shown: Vec<Diagnostic>,
    pub more: ProblemCounts,
}

impl Deref for Problems {
    type Target = [Diagnostic];
    fn deref(&self) -> &[Diagnostic] {
        &self.shown
    }
}

impl From<Vec<Diagnostic>> for Problems {
    fn from(shown: Vec<Diagnostic>) -> Self {
        Self { shown, more: ProblemCounts::default() }
    }
}

/// Problems counted by kind, each kind a plural noun ("unknown ids"), in the order first met.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProblemCounts(pub Vec<(&'static str, usize)>);

impl ProblemCounts {
    pub fn add(&mut self, kind: &'static str, count: usize) {
        match self.0.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += count,
            None if count > 0 => self.0.push((kind, count)),
            None => {}
        }
    }

    pub fn extend(&mut self, other: ProblemCounts) {
        for (kind, count) in other.0 {
            self.add(kind, count);
        }
    }

    pub fn total(&self) -> usize {
        self.0.iter().map(|(_, n)| n).sum()
    }
}

pub use crate::text::thousands;

/// One problem in a corpus file, located by a byte range of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub message: String,
    pub span: Range<usize>,
    pub label: String,
    pub help: Option<String>,
    /// Another place that explains this one, such as the first use of a duplicated id.
    pub context: Option<(Range<usize>, String)>,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        Self { message: message.into(), span, label: String::new(), help: None, context: None }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn context(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.context = Some((span, label.into()));
        self
    }
}

/// Line starts of a text, to turn byte offsets into 1-based lines and columns. Positions
/// asked for in file order are counted on from the last, so that many on one long line
/// cost one walk along it.
pub struct LineStarts<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last position found: its byte offset and its column.
    last: Cell<(usize, usize)>,
}

impl<'a> LineStarts<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect();
        Self { text, starts, last: Cell::new((0, 1)) }
    }

    /// The 0-based line index holding byte `offset`.
    fn index(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset);
        let line = self.index(offset);
        let start = self.starts[line];
        let (last, last_column) = self.last.get();
        let (from, column) = if last >= start && last <= offset { (last, last_column) } else { (start, 1) };
        let column = column + chars(&self.text.as_bytes()[from..offset]);
        self.last.set((offset, column));
        (line + 1, column)
    }

    /// The byte offset of 1-based `line` and `column` (in characters), clamped to the line.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let end = self.starts.get(line).map_or(self.text.len(), |&next| next - 1);
        let (last, last_column) = self.last.get();
        let column = column.max(1);
        let (mut at, mut counted) =
            if last >= start && last <= end && last_column <= column { (last, last_column) } else { (start, 1) };
        let bytes = self.text.as_bytes();
        while counted < column && at < end {
            at += 1;
            while at < end && (bytes[at] & 0xc0) == 0x80 {
                at += 1;
            }
            counted += 1;
        }
        self.last.set((at, counted));
        at
    }

    /// The byte range of the whole lines that `span` touches, without the final newline.
    fn around(&self, span: &Range<usize>) -> Range<usize> {
        let first = self.index(span.start);
        let last = self.index(span.end.saturating_sub(1).max(span.start));
        let end = self.starts.get(last + 1).map_or(self.text.len(), |&s| s - 1);
        self.starts[first]..end.max(self.starts[first])
    }
}

/// How many characters the UTF-8 `bytes` hold.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xc0) != 0x80).count()
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Renders `problems` of the file `path` whose text is `text`, in the style of rustc:
/// colour only when `color` is set. Hostile characters in the file, the path or a message
/// are shown by their visible forms and never written raw.
pub fn render(path: &str, text: &str, problems: &Problems, color: bool) -> String {
    let lines = LineStarts::new(text);
    let path = text::sanitize(path);
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for diagnostic in &problems.shown {
        let message = text::sanitize(&diagnostic.message);
        let primary = Excerpt::new(&lines, &diagnostic.span);
        let context = diagnostic.context.as_ref().map(|(span, label)| (Excerpt::new(&lines, span), label));
        let mut group = Level::ERROR.primary_title(&message).element(primary.snippet(
            &path,
            AnnotationKind::Primary,
            &diagnostic.label,
        ));
        if let Some((excerpt, label)) = &context {
            group = group.element(excerpt.snippet(&path, AnnotationKind::Context, label));
        }
        let help = diagnostic.help.as_deref().map(text::sanitize);
        let report: Vec<Group> = match &help {
            Some(help) => vec![group, Group::with_title(Level::HELP.secondary_title(help.as_str()))],
            None => vec![group],
        };
        let mut rendered = renderer.render(&report);
        // A long line is shown in part: the locations name its true column.
        for excerpt in std::iter::once(&primary).chain(context.as_ref().map(|(e, _)| e)) {
            rendered = excerpt.true_location(rendered, &path);
        }
        out.push_str(&rendered);
        out.push_str("\n\n");
    }
    let shown = problems.shown.len();
    let more = problems.more.total();
    let count = shown + more;
    let error = if color { "\x1b[1;31merror\x1b[0m" } else { "error" };
    out.push_str(&format!("{error}: {path} has {} problem{}", thousands(count), if count == 1 { "" } else { "s" }));
    if more > 0 {
        let kinds: Vec<String> =
            problems.more.0.iter().map(|(kind, n)| format!("{} {}", thousands(*n), text::sanitize(kind))).collect();
        out.push_str(&format!(
            "; {shown} are shown above, and {} more are not ({}): fix these and check again",
            thousands(more),
            kinds.join(", ")
        ));
    }
    out.push('\n');
    out
}

/// Lines longer than this (in bytes) are shown in part, around the place meant.
const LONG_LINE: usize = 1000;

/// How many characters of a long line are shown on either side of the place meant.
const AROUND: usize = 60;

/// The lines under a span, with hostile characters made visible (one character for one,
/// so columns stay true), and a long line cut to the part around the span.
struct Excerpt {
    source: String,
    span: Range<usize>,
    line: usize,
    /// The span's column in the whole line, and in `source`, when the line was cut.
    columns: Option<(usize, usize)>,
}

impl Excerpt {
    fn new(lines: &LineStarts<'_>, span: &Range<usize>) -> Self {
        let text = lines.text;
        let around = lines.around(span);
        let line = lines.index(around.start) + 1;
        let start = floor_char_boundary(text, span.start).clamp(around.start, around.end);
        let end = floor_char_boundary(text, span.end).clamp(start, around.end);
        if around.len() <= LONG_LINE || lines.index(around.start) != lines.index(around.end) {
            let (source, [start, end]) =
                visible_with_offsets(&text[around.clone()], [start - around.start, end - around.start]);
            return Self { source, span: start..end, line, columns: None };
        }
        // Whole characters before and after the span, and the span itself cut short.
        let back = |from: usize, n: usize| {
            text[around.start..from]
                .char_indices()
                .rev()
                .nth(n.saturating_sub(1))
                .map_or(around.start, |(i, _)| around.start + i)
        };
        let ahead =
            |from: usize, n: usize| text[from..around.end].char_indices().nth(n).map_or(around.end, |(i, _)| from + i);
        let first = back(start, AROUND);
        let end = end.min(ahead(start, AROUND));
        let last = ahead(end, AROUND);
        let (cut_before, cut_after) = (first > around.start, last < around.end);
        let (shown, [s, e]) = visible_with_offsets(&text[first..last], [start - first, end - first]);
        let lead = if cut_before { "…" } else { "" };
        let source = format!("{lead}{shown}{}", if cut_after { "…" } else { "" });
        let (_, column) = lines.position(start);
        let shown_column = shown[..s].chars().count() + lead.chars().count() + 1;
        Self { source, span: s + lead.len()..e + lead.len(), line, columns: Some((column, shown_column)) }
    }

    fn snippet<'a>(
        &'a self,
        path: &str,
        kind: AnnotationKind,
        label: &str,
    ) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
        Snippet::source(self.source.as_str())
            .line_start(self.line)
            .path(path.to_owned())
            .annotation(kind.span(self.span.clone()).label(text::sanitize(label)))
    }

    /// `rendered` with the location of a cut line's span put back to its column in the
    /// whole line.
    fn true_location(&self, rendered: String, path: &str) -> String {
        match self.columns {
            Some((column, shown)) if column != shown => rendered.replacen(
                &format!("{path}:{}:{shown}", self.line),
                &format!("{path}:{}:{column}", self.line),
                1,
            ),
            _ => rendered,
        }
    }
}

/// `source` with each hostile character replaced by one visible character, and `offsets`
/// into it moved to the same characters in the result.
fn visible_with_offsets<const N: usize>(source: &str, offsets: [usize; N]) -> (String, [usize; N]) {
    let mut shown = String::with_capacity(source.len());
    let mut mapped = offsets;
    for (i, c) in source.char_indices() {
        for (o, m) in offsets.iter().zip(mapped.iter_mut()) {
            if *o == i {
                *m = shown.len();
            }
        }
        shown.push(if text::is_hostile(c) { text::picture(c) } else { c });
    }
    for (o, m) in offsets.iter().zip(mapped.iter_mut()) {
        if *o >= source.len() {
            *m = shown.len();
        }
    }
    (shown, mapped)
}
