//! One line of a matched text, cut around the first match, with the matches marked.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::text::sanitize;

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
    // Start a few words before the first match, so that it has some context.
    let lead = width / 4;
    let mut start = first;
    let mut cells = 0;
    for (i, c) in text[..first].char_indices().rev() {
        cells += c.width().unwrap_or(0);
        if cells > lead {
            break;
        }
        start = i;
    }
    if start > 0 {
        // Prefer to start at a word.
        if let Some(space) = text[start..first].find(' ') {
            start += space + 1;
        }
    }
    let mut out = String::new();
    let mut out_marks = Vec::new();
    let mut used = 0;
    if start > 0 {
        out.push('…');
        used += 1;
    }
    let mut open: Option<usize> = None;
    let mut end = start;
    for (i, c) in text[start..].char_indices().map(|(i, c)| (i + start, c)) {
        let shown = match c {
            '\n' | '\t' | '\r' => " ".to_string(),
            c => sanitize(&c.to_string()),
        };
        let w: usize = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
        if used + w + 1 > width && i < text.len() {
            break;
        }
        if marks.iter().any(|m| m.start == i) {
            open = Some(out.len());
        }
        out.push_str(&shown);
        used += w;
        end = i + c.len_utf8();
        if marks.iter().any(|m| m.end == end)
            && let Some(from) = open.take()
        {
            out_marks.push(from..out.len());
        }
    }
    if let Some(from) = open {
        out_marks.push(from..out.len());
    }
    if end < text.len() {
        out.push('…');
    }
    Snippet { text: out, marks: out_marks }
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
    fn line_breaks_become_spaces() {
        assert_eq!(snippet("a\nb", &[], 10).text, "a b");
    }
}
