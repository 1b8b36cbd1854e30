//! Wrapping styled text to a width measured in terminal cells, keeping graphemes whole.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One wrapped line: runs of text, each with the role its words had.
pub type Line<R> = Vec<(String, R)>;

/// The display width of `text` in terminal cells.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Wraps `runs` (text with a role each) into lines at most `width` cells wide. Lines break
/// at spaces where they can; a word wider than a line (a long URL, a sentence of CJK) is
/// broken between graphemes. A `\n` in the text always breaks the line. Spaces at a break
/// are dropped. A width of 0 yields no lines.
pub fn wrap<R: Copy + PartialEq>(runs: &[(&str, R)], width: usize) -> Vec<Line<R>> {
    let mut out =
        Wrapper { width, lines: Vec::new(), line: Vec::new(), used: 0, space: None, word: Vec::new(), word_width: 0 };
    if width == 0 {
        return Vec::new();
    }
    for &(text, role) in runs {
        for grapheme in text.graphemes(true) {
            match grapheme {
                "\n" | "\r\n" => {
                    out.end_word();
                    out.break_line();
                    out.space = None;
                }
                " " | "\t" => {
                    out.end_word();
                    if out.used > 0 && out.space.is_none() {
                        out.space = Some(role);
                    }
                }
                g => {
                    out.word_width += UnicodeWidthStr::width(g);
                    push(&mut out.word, g, role);
                }
            }
        }
    }
    out.end_word();
    if !out.line.is_empty() || out.lines.is_empty() {
        out.lines.push(std::mem::take(&mut out.line));
    }
    out.lines
}

struct Wrapper<R> {
    width: usize,
    lines: Vec<Line<R>>,
    line: Line<R>,
    used: usize,
    /// A space is owed before the next word, in this role.
    space: Option<R>,
    word: Vec<(String, R)>,
    word_width: usize,
}

impl<R: Copy + PartialEq> Wrapper<R> {
    fn break_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
        self.used = 0;
    }

    /// Places the word gathered so far.
    fn end_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let word = std::mem::take(&mut self.word);
        let word_width = std::mem::replace(&mut self.word_width, 0);
        let space = usize::from(self.space.is_some() && self.used > 0);
        if self.used + space + word_width <= self.width {
            if let (Some(role), 1) = (self.space, space) {
                push(&mut self.line, " ", role);
            }
            self.used += space + word_width;
            self.space = None;
            for (text, role) in word {
                push(&mut self.line, &text, role);
            }
            return;
        }
        self.space = None;
        if self.used > 0 {
            self.break_line();
        }
        if word_width <= self.width {
            self.used = word_width;
            for (text, role) in word {
                push(&mut self.line, &text, role);
            }
            return;
        }
        // Wider than a whole line: break between graphemes.
        for (text, role) in word {
            for grapheme in text.graphemes(true) {
                let w = UnicodeWidthStr::width(grapheme);
                if self.used + w > self.width && self.used > 0 {
                    self.break_line();
                }
                push(&mut self.line, grapheme, role);
                self.used += w;
            }
        }
    }
}

/// Appends `text` to `line`, joining it to the last run when the role is the same.
fn push<R: PartialEq>(line: &mut Vec<(String, R)>, text: &str, role: R) {
    match line.last_mut() {
        Some((last, r)) if *r == role => last.push_str(text),
        _ => line.push((text.to_owned(), role)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str, width: usize) -> Vec<String> {
        wrap(&[(text, ())], width).into_iter().map(|l| l.into_iter().map(|(t, ())| t).collect()).collect()
    }

    #[test]
    fn words_wrap_at_spaces_by_display_width() {
        assert_eq!(plain("Kārlis Ulmanis signed nothing", 14), ["Kārlis Ulmanis", "signed nothing"]);
        assert_eq!(plain("Пакт о взаимопомощи", 10), ["Пакт о", "взаимопомо", "щи"]);
        assert_eq!(plain("条約条約条約", 5), ["条約", "条約", "条約"], "a wide character never straddles the edge");
    }

    #[test]
    fn line_breaks_and_spaces() {
        assert_eq!(plain("one\ntwo", 20), ["one", "two"]);
        assert_eq!(plain("  lead  and   gaps ", 40), ["lead and gaps"]);
        assert_eq!(plain("", 10), [""]);
        assert!(plain("anything", 0).is_empty());
    }

    #[test]
    fn graphemes_stay_whole() {
        let family = "👨‍👩‍👧";
        assert_eq!(plain(&format!("{family}{family}"), 3), [family, family]);
        assert_eq!(plain("e\u{301}e\u{301}", 1), ["e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn roles_follow_their_words_across_lines() {
        let lines = wrap(&[("see ", 0), ("Vyacheslav Molotov", 1), (" here", 0)], 14);
        assert_eq!(
            lines,
            [
                vec![("see ".to_string(), 0), ("Vyacheslav".to_string(), 1)],
                vec![("Molotov".to_string(), 1), (" here".to_string(), 0)]
            ]
        );
    }

    #[test]
    fn no_line_is_wider_than_asked() {
        let text = "Soviet–Latvian 条約 👨‍👩‍👧 Liepāja e\u{301} ".repeat(20);
        for width in 1..40 {
            for line in wrap(&[(text.as_str(), ())], width) {
                let w: usize = line.iter().map(|(t, ())| super::width(t)).sum();
                assert!(w <= width.max(2), "{w} > {width}");
            }
        }
    }
}
