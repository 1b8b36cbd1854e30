//! Folding text for matching: lower case, no accents, a few letters spelled out, so that
//! `orzel` meets "Orzeł" and "Orzeł" meets "Orzel"; with a way back to the original text.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Letters that carry no separable accent, folded by hand (Unicode decomposes "ā" but not
/// "ł"; lower-casing alone leaves them apart from the plain letter).
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ø' | 'Ø' => "o",
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        'ı' | 'İ' => "i",
        'ħ' | 'Ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        'ŋ' | 'Ŋ' => "n",
        'ĸ' => "k",
        // Dashes and quotes as a reader types them.
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-",
        '‘' | '’' | '‛' | 'ʼ' => "'",
        '“' | '”' | '„' | '«' | '»' => "\"",
        _ => return None,
    })
}

/// Appends the folded form of `c` to `out`.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(if c.is_ascii_whitespace() { ' ' } else { c.to_ascii_lowercase() });
        return;
    }
    match common(c) {
        Some(folding) => out.push_str(&folding.text),
        None => fold_rare(c, out),
    }
}

/// How a character folds, worked out once.
struct Folding {
    text: Box<str>,
    /// Whether every character of `text` is a letter or digit.
    word: bool,
}

/// Where the characters folded once begin and end: U+0080 to U+07FF hold Latin letters
/// with accents, Greek and Cyrillic, whose folding is most of the work of folding text.
const COMMON: std::ops::Range<u32> = 0x80..0x800;

/// How `c` folds, when it is one of the [`COMMON`] characters.
fn common(c: char) -> Option<&'static Folding> {
    let at = (c as u32).checked_sub(COMMON.start)?;
    foldings().get(at as usize)
}

/// How each of the [`COMMON`] characters folds, in order.
fn foldings() -> &'static [Folding] {
    static TABLE: std::sync::LazyLock<Vec<Folding>> = std::sync::LazyLock::new(|| {
        COMMON
            .filter_map(char::from_u32)
            .map(|c| {
                let mut text = String::new();
                fold_rare(c, &mut text);
                let word = !text.is_empty() && text.chars().all(char::is_alphanumeric);
                Folding { text: text.into(), word }
            })
            .collect()
    });
    &TABLE
}

/// The character of `text` at byte `at` (a character boundary, not ASCII), how it folds
/// when it is one of the [`COMMON`] characters, and its length: those are two bytes long,
/// and read here without decoding the character in general.
fn common_at<'t>(text: &str, at: usize, table: &'t [Folding]) -> Option<(char, Option<&'t Folding>, usize)> {
    let bytes = text.as_bytes();
    if let (Some(&lead @ 0xc2..=0xdf), Some(&next)) = (bytes.get(at), bytes.get(at + 1)) {
        let code = (u32::from(lead & 0x1f) << 6) | u32::from(next & 0x3f);
        let c = char::from_u32(code)?;
        return Some((c, table.get((code - COMMON.start) as usize), 2));
    }
    let c = text[at..].chars().next()?;
    Some((c, common(c), c.len_utf8()))
}

/// Appends the folded form of `c`, a character beyond ASCII, to `out`.
fn fold_rare(c: char, out: &mut String) {
    if let Some(s) = special(c) {
        return out.push_str(s);
    }
    if c.is_whitespace() {
        return out.push(' ');
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                if !is_combining_mark(l) {
                    out.push(l);
                }
            }
        }
    });
}

/// `text` folded.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Calls `each` with the words of `text` folded (runs of letters and digits), as
/// [`crate::search::words`] would find them in [`fold`]`(text)`, with `word` to hold each,
/// and the byte range of `text` each came from.
pub fn fold_words(text: &str, word: &mut String, mut each: impl FnMut(&str, std::ops::Range<usize>)) {
    fold_words_where(
        text,
        word,
        |_| true,
        |w, range| {
            each(w, range);
            true
        },
    );
}

/// [`fold_words`] until `each` returns false, passing over without folding them the words
/// whose first folded character is not `wanted`.
pub fn fold_words_where(
    text: &str,
    word: &mut String,
    wanted: impl Fn(char) -> bool,
    mut each: impl FnMut(&str, std::ops::Range<usize>) -> bool,
) {
    let mut rare = String::new();
    let table = foldings();
    word.clear();
    let mut reading = Reading { word, start: 0, end: 0, passing: false };
    // Byte by byte where text is ASCII, as most is.
    let bytes = text.as_bytes();
    let mut next = 0;
    while let Some(&b) = bytes.get(next) {
        let at = next;
        if b.is_ascii() {
            next += 1;
            if b.is_ascii_alphanumeric() {
                // The whole run of ASCII letters and digits at once.
                let rest = &bytes[next..];
                next += rest.iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(rest.len());
                reading.add(char::from(b.to_ascii_lowercase()), at..next, &wanted, |word| {
                    let from = word.len();
                    word.push_str(&text[at..next]);
                    word[from..].make_ascii_lowercase();
                });
            } else if !reading.end(&mut each) {
                return;
            }
            continue;
        }
        let Some((c, common, len)) = common_at(text, at, table) else { break };
        next += len;
        let folded = match common {
            Some(folding) if folding.word => {
                let first = folding.text.chars().next().unwrap_or_default();
                reading.add(first, at..next, &wanted, |word| word.push_str(&folding.text));
                continue;
            }
            Some(folding) => &*folding.text,
            None => {
                rare.clear();
                fold_rare(c, &mut rare);
                rare.as_str()
            }
        };
        for f in folded.chars() {
            if f.is_alphanumeric() {
                reading.add(f, at..next, &wanted, |word| word.push(f));
            } else if !reading.end(&mut each) {
                return;
            }
        }
    }
    reading.end(&mut each);
}

/// The word [`fold_words_where`] is reading: where in the text it started and ends so
/// far, and whether it is passed over.
struct Reading<'w> {
    word: &'w mut String,
    start: usize,
    end: usize,
    passing: bool,
}

impl Reading<'_> {
    /// Adds to the word what `push` adds, folded from the bytes `from` of the text, its
    /// first character `first`: a word whose first character is not `wanted` is passed over.
    fn add(
        &mut self,
        first: char,
        from: std::ops::Range<usize>,
        wanted: impl Fn(char) -> bool,
        push: impl FnOnce(&mut String),
    ) {
        if self.word.is_empty() && !self.passing {
            self.passing = !wanted(first);
            self.start = from.start;
        }
        if !self.passing {
            push(self.word);
            self.end = from.end;
        }
    }

    /// Ends the word, if there is one, giving it to `each`; whether to go on.
    fn end(&mut self, each: &mut impl FnMut(&str, std::ops::Range<usize>) -> bool) -> bool {
        self.passing = false;
        if self.word.is_empty() {
            return true;
        }
        let go_on = each(self.word, self.start..self.end);
        self.word.clear();
        go_on
    }
}

/// `text` folded, with the way back: for each byte of the folded text, the byte offset in
/// `text` of the character it came from.
pub struct Folded<'a> {
    pub original: &'a str,
    pub text: String,
    from: Vec<u32>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut from = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            fold_char(c, &mut text);
            from.resize(text.len(), at as u32);
        }
        Self { original, text, from }
    }

    /// The range of the original text that the folded range `range` came from: from the
    /// start of its first character to the end of its last, and of any combining marks
    /// after it, so that an accent is never cut from its letter.
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if range.is_empty() || range.end > self.from.len() {
            return 0..0;
        }
        let start = self.from[range.start] as usize;
        let last = self.from[range.end - 1] as usize;
        let mut end = last + self.original[last..].chars().next().map_or(0, char::len_utf8);
        for c in self.original[end..].chars() {
            if !is_combining_mark(c) {
                break;
            }
            end += c.len_utf8();
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folding_table() {
        for (written, folded) in [
            ("Orzeł", "orzel"),
            ("ORZEŁ", "orzel"),
            ("Kārlis Ulmanis", "karlis ulmanis"),
            ("LIEPĀJA", "liepaja"),
            ("Urbšys", "urbsys"),
            ("Žemaitija", "zemaitija"),
            ("Masļenki", "maslenki"),
            ("Grudziński", "grudzinski"),
            ("Łódź", "lodz"),
            ("Straße", "strasse"),
            ("İstanbul", "istanbul"),
            ("Ærø", "aero"),
            ("Soviet–Latvian", "soviet-latvian"),
            ("people’s", "people's"),
            ("Пакт о ВЗАИМОПОМОЩИ", "пакт о взаимопомощи"),
            ("Ἀθῆναι", "αθηναι"),
            ("e\u{301}te\u{301}", "ete"),
            ("条約", "条約"),
            ("a\tb\u{a0}c", "a b c"),
        ] {
            assert_eq!(fold(written), folded, "{written}");
        }
    }

    #[test]
    fn folded_ranges_lead_back_to_whole_characters() {
        let folded = Folded::new("Straße Orzeł e\u{301}!");
        let at = folded.text.find("ss").unwrap();
        assert_eq!(&folded.original[folded.original_range(at..at + 2)], "ß");
        let at = folded.text.find("orzel").unwrap();
        assert_eq!(&folded.original[folded.original_range(at..at + 5)], "Orzeł");
        let at = folded.text.rfind('e').unwrap();
        assert_eq!(&folded.original[folded.original_range(at..at + 1)], "e\u{301}", "the accent stays with its letter");
    }
}
