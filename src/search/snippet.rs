//! One line of a matched text, cut around the first match, with the matches marked.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use super::Matcher;
use super::fold::fold_words_where;
use crate::text::{is_hostile, visible};

/// A line of text and the byte ranges in it to highlight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

/// At most `width` cells of `text` around `marks[0]`, on one line, with "…" where text was
/// cut; `marks` are byte ranges of `text` on character boundaries.
pub fn snippet(text: &str, marks: &[Range<usize>], width: usize) -> Snippet {
    let first = marks.first().map_or(0, |m| m.start);
    build(text, window(text, first, width), marks)
}

/// [`snippet`] of `text` around the first word `matcher` matches, the words it matches
/// marked: beyond the first, only as much of `text` as the snippet shows is searched.
pub fn matched_snippet(text: &str, matcher: &Matcher, width: usize) -> Snippet {
    let may_start = |c| matcher.may_start(c);
    let Some(first) = matcher.first_mark(text) else { return build(text, window(text, 0, width), &[]) };
    let shown = window(text, first.start, width);
    // The words that start in the window, whole: a word never holds an ASCII character
    // other than a letter or digit. The first match starts a word, so the words from
    // there are the words of the whole text.
    // (A window too narrow for any character ends before the match starts.)
    let end = shown.end.max(first.start);
    let tail = &text.as_bytes()[end..];
    let reach = end + tail.iter().position(|b| b.is_ascii() && !b.is_ascii_alphanumeric()).unwrap_or(tail.len());
    let mut marks: Vec<Range<usize>> = Vec::new();
    fold_words_where(&text[first.start..reach], &mut String::new(), may_start, |word, range| {
        let range = range.start + first.start..range.end + first.start;
        if matcher.how(word).is_some() && marks.last().is_none_or(|last| last.end <= range.start) {
            marks.push(range);
        }
        true
    });
    build(text, shown, &marks)
}

/// The text of [`matched_snippet`] alone, without finding the matches after the first.
pub fn matched_text(text: &str, matcher: &Matcher, width: usize) -> String {
    let first = matcher.first_mark(text).map_or(0, |m| m.start);
    build(text, window(text, first, width), &[]).text
}

/// The bytes of `text` that a snippet `width` cells wide around a match at byte `first`
/// shows.
fn window(text: &str, first: usize, width: usize) -> Range<usize> {
    // Start a few words before the first match, so that it has some context.
    let lead = width / 4;
    let mut start = first;
    let mut cells = 0;
    while let Some(c) = char_before(text, start) {
        cells += char_cells(c);
        if cells > lead {
            break;
        }
        start -= c.len_utf8();
    }
    if start > 0 {
        // Prefer to start at a word.
        if let Some(space) = text[start..first].find(' ') {
            start += space + 1;
        }
    }
    let mut used = usize::from(start > 0);
    let mut end = start;
    while let Some(c) = char_at(text, end) {
        let w = cells_of(c);
        if used + w + 1 > width {
            break;
        }
        used += w;
        end += c.len_utf8();
    }
    start..end
}

/// The character of `text` at byte `at`, a character boundary; quick for ASCII.
fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text[at..].chars().next(),
    }
}

/// The character of `text` before byte `at`, a character boundary; quick for ASCII.
fn char_before(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at.checked_sub(1)?)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text[..at].chars().next_back(),
    }
}

/// The snippet of the bytes `window` of `text`, `marks` (byte ranges of `text`) marked.
fn build(text: &str, window: Range<usize>, marks: &[Range<usize>]) -> Snippet {
    let mut out = String::with_capacity(window.len() + 8);
    let mut out_marks = Vec::new();
    if window.start > 0 {
        out.push('…');
    }
    // The window is shown a run at a time, cut where a mark starts or ends.
    let mut cuts: Vec<usize> =
        marks.iter().flat_map(|m| [m.start, m.end]).filter(|&at| window.start < at && at < window.end).collect();
    cuts.push(window.end);
    cuts.sort_unstable();
    cuts.dedup();
    let mut open: Option<usize> = None;
    let mut at = window.start;
    for cut in cuts {
        if cut == at {
            continue;
        }
        if marks.iter().any(|m| m.start == at) {
            open = Some(out.len());
        }
        let run = &text[at..cut];
        if run.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            out.push_str(run);
        } else {
            run.chars().for_each(|c| push_shown(c, &mut out));
        }
        at = cut;
        if marks.iter().any(|m| m.end == at)
            && let Some(from) = open.take()
        {
            out_marks.push(from..out.len());
        }
    }
    if let Some(from) = open {
        out_marks.push(from..out.len());
    }
    if window.end < text.len() {
        out.push('…');
    }
    Snippet { text: out, marks: out_marks }
}

/// Appends `c` as a snippet shows it: a line break or tab as a space, a character that
/// could act on a terminal in its visible form.
fn push_shown(c: char, out: &mut String) {
    match c {
        '\n' | '\t' | '\r' => out.push(' '),
        c if is_hostile(c) => out.push_str(&visible(c)),
        c => out.push(c),
    }
}

/// The cells `c` takes in a snippet.
fn cells_of(c: char) -> usize {
    match c {
        ' '..='~' | '\n' | '\t' | '\r' => 1,
        c if is_hostile(c) => visible(c).chars().map(char_cells).sum(),
        c => char_cells(c),
    }
}

/// The cells `c` takes on a terminal (none for a control character); quick for ASCII.
fn char_cells(c: char) -> usize {
    match c {
        ' '..='~' => 1,
        c => c.width().unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_around_the_first_match_and_marks_it() {
        let text = "Latvia grants the Soviet Union the right to naval bases at Liepāja (Libau) and Ventspils.";
        let at = text.find("Liepāja").unwrap();
        let s = snippet(text, std::slice::from_ref(&(at..at + "Liepāja".len())), 40);
        assert_eq!(s.text, "…bases at Liepāja (Libau) and Ventspils…");
        assert_eq!(&s.text[s.marks[0].clone()], "Liepāja");
    }

    #[test]
    fn short_text_is_whole() {
        let s = snippet("Orzeł incident", std::slice::from_ref(&(0..6)), 40);
        assert_eq!(s.text, "Orzeł incident");
        assert_eq!(&s.text[s.marks[0].clone()], "Orzeł");
    }

    #[test]
    fn a_window_too_narrow_for_any_character_is_empty_not_a_panic() {
        // Before the match, a control character (of no width before it is made visible).
        let (text, matcher) = ("one\u{1b}word three", Matcher::of("word"));
        for width in 0..4 {
            assert_eq!(matched_snippet(text, &matcher, width), snippet(text, &matcher.marks(text), width), "{width}");
        }
    }

    #[test]
    fn the_text_alone_is_the_text_of_the_snippet() {
        let text = "Latvia grants the Soviet Union the right to naval bases at Liepāja (Libau) and Ventspils, bases of the fleet.";
        for (query, width) in [("bases", 40), ("liepaja ventspils", 30), ("fleet", 20), ("absent", 25), ("bases", 0)] {
            let matcher = Matcher::of(query);
            assert_eq!(matched_text(text, &matcher, width), matched_snippet(text, &matcher, width).text, "{query}");
        }
    }

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(snippet("a\nb", &[], 10).text, "a b");
    }
}
