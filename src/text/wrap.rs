//! Wrapping styled text to a width measured in terminal cells, keeping graphemes whole.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One wrapped line: runs of text, each with the role its words had.
pub type WrappedLine<R> = Vec<(String, R)>;

/// The display width of `text` in terminal cells.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` in at most `width` cells: whole if it fits, otherwise cut between graphemes and
/// ended with `…`, so that a reader sees that something is missing.
pub fn ellipsis(text: &str, width: usize) -> String {
    if self::width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    // No space before the mark: "Article 3…", not "Article 3 …".
    let (kept, _) = fit_start(text, width - 1);
    format!("{}…", kept.trim_end())
}

/// The longest start of `text` in whole graphemes at most `room` cells wide, and its width:
/// where a cut ended with `…` falls.
pub fn fit_start(text: &str, room: usize) -> (&str, usize) {
    let mut used = 0;
    for (at, grapheme) in text.grapheme_indices(true) {
        let w = UnicodeWidthStr::width(grapheme);
        if used + w > room {
            return (&text[..at], used);
        }
        used += w;
    }
    (text, used)
}

/// Wraps `runs` (text with a role each) into lines at most `width` cells wide. Lines break
/// at spaces where they can; a word wider than a line (a long URL, a sentence of CJK) is
/// broken between graphemes. A `\n` in the text always breaks the line. Spaces at a break
/// are dropped. A width of 0 yields no lines.
pub fn wrap<R: Copy + PartialEq>(runs: &[(&str, R)], width: usize) -> Vec<WrappedLine<R>> {
    let mut wrapper = Wrapper::new(width);
    for &(text, role) in runs {
        wrapper.feed(text, role, usize::MAX);
    }
    wrapper.end();
    wrapper.done
}

/// Wrapping done a piece at a time: text is fed until enough lines are done, and the rest
/// fed later, with the same lines as a whole wrapping would give. So a paragraph of a
/// hundred megabytes is wrapped only as far as it is read.
#[derive(Debug)]
pub struct Wrapper<R> {
    width: usize,
    /// The lines done, and where each began (in bytes fed since the start).
    pub done: Vec<WrappedLine<R>>,
    pub starts: Vec<usize>,
    line: WrappedLine<R>,
    line_start: usize,
    used: usize,
    /// A space is owed before the next word, in this role.
    space: Option<R>,
    word: Vec<(String, R)>,
    word_width: usize,
    word_start: usize,
    /// The word in hand was wider than a line and is being placed as it comes.
    spilling: bool,
    /// Lines done since the paragraph began.
    paragraph: usize,
    /// Bytes fed since the start.
    fed: usize,
    /// The cells the paragraph's first line and its later lines start in, and the role
    /// of those blank cells (a list item's hanging indent).
    hang: (usize, usize, Option<R>),
}

impl<R: Copy + PartialEq> Wrapper<R> {
    pub fn new(width: usize) -> Self {
        Self {
            width,
            done: Vec::new(),
            starts: Vec::new(),
            line: Vec::new(),
            line_start: 0,
            used: 0,
            space: None,
            word: Vec::new(),
            word_width: 0,
            word_start: 0,
            spilling: false,
            paragraph: 0,
            fed: 0,
            hang: (0, 0, None),
        }
    }

    /// Starts the paragraph about to be fed `first` cells in and its later lines `rest`
    /// cells in, those cells in `role`: a list item's hanging indent. An indent takes at
    /// most half the width; [`Wrapper::end`] ends it.
    pub fn hang(&mut self, first: usize, rest: usize, role: R) {
        let most = self.width / 2;
        self.hang = (first.min(most), rest.min(most), Some(role));
    }

    /// The cells the line being filled has for text, after its indent.
    fn room(&self) -> usize {
        let (first, rest, _) = self.hang;
        self.width - if self.paragraph == 0 { first } else { rest }
    }

    /// Wraps `text` in `role` until `enough` lines are done in all, or the text is used up:
    /// how many bytes were taken (up to a grapheme's end). Nothing is laid out at a width of 0.
    pub fn feed(&mut self, text: &str, role: R, enough: usize) -> usize {
        if self.width == 0 {
            self.fed += text.len();
            return text.len();
        }
        for (at, grapheme) in text.grapheme_indices(true) {
            if self.done.len() >= enough {
                self.fed += at;
                return at;
            }
            let here = self.fed + at;
            match grapheme {
                "\n" | "\r\n" => {
                    self.end_word();
                    self.break_line(here + grapheme.len());
                    self.space = None;
                }
                " " | "\t" => {
                    self.end_word();
                    if self.used > 0 && self.space.is_none() {
                        self.space = Some(role);
                    }
                }
                g => {
                    if self.word.is_empty() {
                        self.word_start = here;
                    }
                    self.word_width += UnicodeWidthStr::width(g);
                    push(&mut self.word, g, role);
                    if self.word_width > self.room() {
                        // No line could hold the word: it is placed as it comes.
                        self.spill();
                    }
                }
            }
        }
        self.fed += text.len();
        text.len()
    }

    /// Ends a paragraph: its last line is done (an empty paragraph is one empty line).
    pub fn end(&mut self) {
        if self.width == 0 {
            return;
        }
        self.end_word();
        if !self.line.is_empty() || self.paragraph == 0 {
            self.break_line(self.fed);
        }
        self.paragraph = 0;
        self.space = None;
        self.hang = (0, 0, None);
    }

    /// Starts a new line; the next begins at byte `next` of what was fed.
    fn break_line(&mut self, next: usize) {
        let mut line = std::mem::take(&mut self.line);
        let indent = self.width - self.room();
        if let (Some(role), true, 1..) = (self.hang.2, !line.is_empty(), indent) {
            line.insert(0, (" ".repeat(indent), role));
        }
        self.done.push(line);
        self.starts.push(self.line_start);
        self.line_start = next;
        self.paragraph += 1;
        self.used = 0;
    }

    /// Places the word gathered so far.
    fn end_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        if self.spilling {
            self.spill();
            self.spilling = false;
            return;
        }
        let word = std::mem::take(&mut self.word);
        let word_width = std::mem::replace(&mut self.word_width, 0);
        let space = usize::from(self.space.is_some() && self.used > 0);
        if self.used + space + word_width <= self.room() {
            if let (Some(role), 1) = (self.space, space) {
                push(&mut self.line, " ", role);
            }
            if self.used == 0 {
                self.line_start = self.word_start;
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
            self.break_line(self.word_start);
        }
        self.line_start = self.word_start;
        self.used = word_width;
        for (text, role) in word {
            push(&mut self.line, &text, role);
        }
    }

    /// Places the word in hand grapheme by grapheme, breaking lines as they fill: a word
    /// wider than a line, which starts a line of its own.
    fn spill(&mut self) {
        if !self.spilling {
            self.spilling = true;
            self.space = None;
            if self.used > 0 {
                self.break_line(self.word_start);
            }
            self.line_start = self.word_start;
        }
        let mut at = self.word_start;
        for (text, role) in std::mem::take(&mut self.word) {
            for grapheme in text.graphemes(true) {
                let w = UnicodeWidthStr::width(grapheme);
                if self.used + w > self.room() && self.used > 0 {
                    self.break_line(at);
                }
                push(&mut self.line, grapheme, role);
                self.used += w;
                at += grapheme.len();
            }
        }
        self.word_width = 0;
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
    use proptest::strategy::Strategy;

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
    fn what_is_cut_ends_in_an_ellipsis() {
        assert_eq!(ellipsis("Article 3 — Bases", 20), "Article 3 — Bases");
        assert_eq!(ellipsis("Soviet–Latvian Mutual Assistance Treaty", 14), "Soviet–Latvia…");
        assert_eq!(ellipsis("条約条約", 5), "条約…");
        assert_eq!(ellipsis("abc", 0), "");
    }

    #[test]
    fn line_breaks_and_spaces() {
        assert_eq!(plain("one\ntwo", 20), ["one", "two"]);
        assert_eq!(plain("  lead  and   gaps ", 40), ["lead and gaps"]);
        assert_eq!(plain("", 10), [""]);
        assert!(plain("anything", 0).is_empty());
    }

    #[test]
    fn a_list_item_hangs_under_its_first_word() {
        let mut wrapper = Wrapper::new(24);
        wrapper.hang(2, 6, '_');
        wrapper.feed("(a) to consult each other on defence", 'x', usize::MAX);
        wrapper.end();
        wrapper.feed("and then plain text again after it", 'x', usize::MAX);
        wrapper.end();
        let lines: Vec<String> = wrapper.done.iter().map(|l| l.iter().map(|(t, _)| t.as_str()).collect()).collect();
        assert_eq!(lines, ["  (a) to consult each", "      other on defence", "and then plain text", "again after it"]);
        assert_eq!(wrapper.done[1][0], ("      ".to_string(), '_'), "the indent is in its own role");
        let mut narrow = Wrapper::new(8);
        narrow.hang(20, 20, '_');
        narrow.feed("an indent takes half the width at most", 'x', usize::MAX);
        narrow.end();
        assert!(narrow.done.iter().all(|l| l.iter().map(|(t, _)| width(t)).sum::<usize>() <= 8));
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

    proptest::proptest! {
        /// No text is wider in cells than it is long in bytes, whatever characters and
        /// sequences it holds (the list's widest title is found by that).
        #[test]
        fn no_text_is_wider_than_it_is_long(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "1\u{fe0f}\u{20e3}", "©\u{fe0f}", "👨\u{200d}👩\u{200d}👧", "🇱🇻", "条約", "ｶﾀｶﾅ",
                        "e\u{301}", "\u{1b}", "\r\n", "\u{200b}", "ल\u{94d}", "لا",
                    ]).prop_map(str::to_string),
                    proptest::prelude::any::<String>(),
                ],
                0..12,
            )
        ) {
            let text = pieces.concat();
            proptest::prop_assert!(width(&text) <= text.len(), "{:?}", text);
        }

        /// Fed a little at a time, as a long page is laid out while it is read, the wrapper
        /// gives the lines a whole wrapping gives, each starting where its text does.
        #[test]
        fn wrapping_in_pieces_gives_the_lines_of_wrapping_whole(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Liepāja", "条約条約", "e\u{301}", "👨\u{200d}👩\u{200d}👧", "\n", " ", "  ",
                    "supercalifragilisticexpialidocious", "Пакт", "\t", "x\u{1b}y",
                ]),
                0..60,
            ),
            width in 0usize..30,
            step in 1usize..5,
        ) {
            let text: String = words.concat();
            let whole = wrap(&[(text.as_str(), 0u8), ("tail end", 1)], width);
            let mut wrapper = Wrapper::new(width);
            let mut enough = 0;
            for (run, role) in [(text.as_str(), 0u8), ("tail end", 1)] {
                let mut at = 0;
                while at < run.len() {
                    enough += step;
                    at += wrapper.feed(&run[at..], role, enough);
                    proptest::prop_assert!(wrapper.done.len() <= enough.max(1) + 2 || at == run.len());
                }
            }
            wrapper.end();
            proptest::prop_assert_eq!(&wrapper.done, &whole);
            proptest::prop_assert_eq!(wrapper.starts.len(), whole.len());
            proptest::prop_assert!(wrapper.starts.windows(2).all(|w| w[0] <= w[1]), "{:?}", wrapper.starts);
        }
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
