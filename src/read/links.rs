//! Inline links as corpora write them: `[[id]]` or `[[id|the words shown]]`; `\[[` is a
//! literal `[[`.

use std::ops::Range;

/// A run of written text: plain words, or a link to the entry with id `target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextRun<'a> {
    Plain(&'a str),
    Link {
        target: &'a str,
        label: Option<&'a str>,
        /// Where the whole `[[...]]` stands in the written text.
        at: Range<usize>,
    },
    /// `\[[`, which stands for a literal `[[`: where it stands in the written text.
    Literal(Range<usize>),
}

/// A malformed link: what is wrong and where it stands in the written text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkError {
    pub message: &'static str,
    pub at: Range<usize>,
    pub help: &'static str,
}

/// Splits `text` into plain runs and links, or says what is wrong with the first bad link.
pub fn parse(text: &str) -> Result<Vec<TextRun<'_>>, LinkError> {
    let mut parts = Vec::new();
    let mut rest = 0;
    // Two bytes alike: a search for the first byte, then a look at the next.
    let find = |from: usize, pattern: &[u8; 2]| {
        let bytes = text.as_bytes();
        memchr::memchr_iter(pattern[0], &bytes[from..])
            .map(|i| from + i)
            .find(|&i| bytes.get(i + 1) == Some(&pattern[1]))
    };
    while let Some(open) = find(rest, b"[[") {
        if open > rest && text.as_bytes()[open - 1] == b'\\' {
            if open - 1 > rest {
                parts.push(TextRun::Plain(&text[rest..open - 1]));
            }
            parts.push(TextRun::Literal(open - 1..open + 2));
            rest = open + 2;
            continue;
        }
        if open > rest {
            parts.push(TextRun::Plain(&text[rest..open]));
        }
        let inner_start = open + 2;
        let Some(close) = find(inner_start, b"]]") else {
            return Err(LinkError {
                message: "this link is not closed",
                at: open..open + 2,
                help: "end the link with `]]`, as in [[liepaja|Liepāja]]",
            });
        };
        let inner = &text[inner_start..close];
        if let Some(nested) = inner.as_bytes().windows(2).position(|pair| pair == b"[[") {
            return Err(LinkError {
                message: "a link starts inside another link",
                at: inner_start + nested..inner_start + nested + 2,
                help: "close the first link with `]]` before starting the next",
            });
        }
        let (target, label) = match memchr::memchr(b'|', inner.as_bytes()) {
            Some(bar) => (inner[..bar].trim(), Some(&inner[bar + 1..])),
            None => (inner.trim(), None),
        };
        if target.is_empty() {
            return Err(LinkError {
                message: "this link names no entry",
                at: open..close + 2,
                help: "write the id of the entry to link to, as in [[molotov]] or [[molotov|Molotov]]",
            });
        }
        if label.is_some_and(|l| l.trim().is_empty()) {
            return Err(LinkError {
                message: "this link has an empty label",
                at: open..close + 2,
                help: "write the words to show after `|`, or drop the `|` to show the entry's title",
            });
        }
        parts.push(TextRun::Link { target, label, at: open..close + 2 });
        rest = close + 2;
    }
    if rest < text.len() {
        parts.push(TextRun::Plain(&text[rest..]));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_with_and_without_labels() {
        let parts = parse("Signed by [[munters]] and [[molotov|Molotov]].").unwrap();
        assert_eq!(
            parts,
            [
                TextRun::Plain("Signed by "),
                TextRun::Link { target: "munters", label: None, at: 10..21 },
                TextRun::Plain(" and "),
                TextRun::Link { target: "molotov", label: Some("Molotov"), at: 26..45 },
                TextRun::Plain("."),
            ]
        );
    }

    #[test]
    fn malformed_links_are_located() {
        assert_eq!(parse("see [[riga").unwrap_err().at, 4..6);
        assert_eq!(parse("a [[|x]] b").unwrap_err().message, "this link names no entry");
        assert_eq!(parse("a [[x|]] b").unwrap_err().message, "this link has an empty label");
        assert_eq!(parse("[[a [[b]]").unwrap_err().at, 4..6);
        assert_eq!(parse("plain ] [ text").unwrap(), [TextRun::Plain("plain ] [ text")]);
    }

    #[test]
    fn a_backslash_makes_double_brackets_literal() {
        assert_eq!(
            parse(r"wiki \[[not a link]] but [[a]]").unwrap(),
            [
                TextRun::Plain("wiki "),
                TextRun::Literal(5..8),
                TextRun::Plain("not a link]] but "),
                TextRun::Link { target: "a", label: None, at: 25..30 }
            ]
        );
        assert_eq!(parse(r"\[[").unwrap(), [TextRun::Literal(0..3)]);
    }
}
