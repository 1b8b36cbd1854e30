//! Problems found in a corpus, and how they are shown: `path:line:column`, the line, a marker, a fix.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::text;

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

/// Line starts of a text, to turn byte offsets into 1-based lines and columns.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { text, starts }
    }

    /// The 0-based line index holding byte `offset`.
    fn index(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset);
        let line = self.index(offset);
        let column = self.text[self.starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The byte offset of 1-based `line` and `column` (in characters), clamped to the text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let line_len = rest.find('\n').unwrap_or(rest.len());
        start + rest[..line_len].char_indices().nth(column.saturating_sub(1)).map_or(line_len, |(i, _)| i)
    }

    /// The byte range of the whole lines that `span` touches, without the final newline.
    fn around(&self, span: &Range<usize>) -> Range<usize> {
        let first = self.index(span.start);
        let last = self.index(span.end.saturating_sub(1).max(span.start));
        let end = self.starts.get(last + 1).map_or(self.text.len(), |&s| s - 1);
        self.starts[first]..end.max(self.starts[first])
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Renders `diagnostics` about the file `path` whose text is `text`, in the style of
/// rustc: colour only when `color` is set. Hostile characters in the file, the path or a
/// message are shown by their visible forms and never written raw.
pub fn render(path: &str, text: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let lines = Lines::new(text);
    let path = text::sanitize(path);
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for diagnostic in diagnostics {
        let message = text::sanitize(&diagnostic.message);
        let mut group = Level::ERROR.primary_title(&message).element(snippet(
            &lines,
            &path,
            &diagnostic.span,
            AnnotationKind::Primary,
            &diagnostic.label,
        ));
        if let Some((span, label)) = &diagnostic.context {
            group = group.element(snippet(&lines, &path, span, AnnotationKind::Context, label));
        }
        let help = diagnostic.help.as_deref().map(text::sanitize);
        let report: Vec<Group> = match &help {
            Some(help) => vec![group, Group::with_title(Level::HELP.secondary_title(help.as_str()))],
            None => vec![group],
        };
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    let count = diagnostics.len();
    out.push_str(&format!(
        "{}: {path} has {count} problem{}\n",
        if color { "\x1b[1;31merror\x1b[0m" } else { "error" },
        if count == 1 { "" } else { "s" }
    ));
    out
}

/// A snippet of the lines under `span` in the file `path`, with hostile characters made
/// visible (one character for one, so columns stay true) and the span moved to match.
fn snippet<'a>(
    lines: &Lines<'_>,
    path: &str,
    span: &Range<usize>,
    kind: AnnotationKind,
    label: &str,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let around = lines.around(span);
    let (first_line, _) = lines.position(around.start);
    let source = &lines.text[around.clone()];
    let start = floor_char_boundary(lines.text, span.start).clamp(around.start, around.end) - around.start;
    let end = floor_char_boundary(lines.text, span.end).clamp(around.start + start, around.end) - around.start;
    let (shown, mapped) = visible_with_offsets(source, [start, end]);
    Snippet::source(shown)
        .line_start(first_line)
        .path(path.to_owned())
        .annotation(kind.span(mapped[0]..mapped[1]).label(text::sanitize(label)))
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
