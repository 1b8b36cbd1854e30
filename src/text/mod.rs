//! Which characters may reach a terminal, and how the others are shown instead; and text
//! wrapped by its width in terminal cells.

pub mod wrap;

/// Whether `c` could change the terminal's state or reorder what it shows:
/// C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
/// Line feed and tab are not included: callers decide how to lay them out.
pub fn is_hostile(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A quick test on the bytes of `s`: false means `s` holds no hostile character; true means
/// it may (a lead byte of one was seen), and the characters must be looked at.
pub fn may_be_hostile(s: &str) -> bool {
    // C0 controls and DEL are single bytes; C1 controls start with 0xC2, and the
    // bidirectional controls with 0xE2.
    let suspicious = |b: u8| (b < 0x20 && b != b'\t' && b != b'\n') | (b == 0x7f) | (b == 0xc2) | (b == 0xe2);
    // Whole chunks without an early exit, which the compiler turns into vector code.
    s.as_bytes().chunks(64).any(|chunk| chunk.iter().fold(false, |seen, &b| seen | suspicious(b)))
}

/// Whether `s` holds a hostile character: the single-byte ones looked for in whole chunks,
/// then only the characters that start with a lead byte of the others looked at (so text
/// full of dashes, ellipses and quotation marks is as quick as plain ASCII).
pub fn has_hostile(s: &str) -> bool {
    let b = s.as_bytes();
    let control = |x: u8| (x < 0x20 && x != b'\t' && x != b'\n') | (x == 0x7f);
    // Whole chunks without an early exit, which the compiler turns into vector code.
    if b.chunks(64).any(|chunk| chunk.iter().fold(false, |seen, &x| seen | control(x))) {
        return true;
    }
    memchr::memchr2_iter(0xc2, 0xe2, b).any(|i| match b[i] {
        // U+0080 to U+009F.
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        // U+202A to U+202E, U+2066 to U+2069.
        _ => matches!((b.get(i + 1), b.get(i + 2)), (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))),
    })
}

/// A short name for a hostile character, for messages.
pub fn describe(c: char) -> String {
    let name = match c {
        '\0' => "null",
        '\x07' => "bell",
        '\x08' => "backspace",
        '\x0b' => "vertical tab",
        '\x0c' => "form feed",
        '\r' => "carriage return",
        '\x1b' => "escape",
        '\x7f' => "delete",
        '\u{9b}' => "C1 control sequence introducer",
        '\u{9d}' => "C1 operating system command",
        '\u{80}'..='\u{9f}' => "C1 control",
        '\u{202a}'..='\u{202e}' => "bidirectional override",
        '\u{2066}'..='\u{2069}' => "bidirectional isolate",
        _ => "control character",
    };
    format!("U+{:04X} ({name})", c as u32)
}

/// How a hostile character is drawn: its Unicode control picture where one exists,
/// otherwise its code point in angle brackets.
pub fn visible(c: char) -> String {
    match picture(c) {
        '\u{fffd}' => format!("<U+{:04X}>", c as u32),
        p => p.into(),
    }
}

/// One visible character standing for a hostile one: its Unicode control picture where one
/// exists, otherwise the replacement character.
pub fn picture(c: char) -> char {
    match c {
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\x7f' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `s` with every hostile character replaced by its visible form, and tabs by spaces.
pub fn sanitize(s: &str) -> String {
    if !has_hostile(s) && memchr::memchr(b'\t', s.as_bytes()).is_none() {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push_str("    "),
            c if is_hostile(c) => out.push_str(&visible(c)),
            c => out.push(c),
        }
    }
    out
}

/// `s` with every hostile character replaced by its visible form; tabs and line breaks,
/// which the output formats lay out with, are kept.
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    if !has_hostile(s) {
        return s.into();
    }
    s.chars().map(|c| if is_hostile(c) { visible(c) } else { c.to_string() }).collect::<String>().into()
}

/// How many characters of something a user wrote a message shows back (see [`echo`]).
pub const ECHOED: usize = 60;

/// Something a user wrote (an address, a query), as a message shows it back: every control
/// character, line breaks and tabs too, in its visible form, and cut after [`ECHOED`]
/// characters with an ellipsis, so that a pasted page reads as one short line.
pub fn echo(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(4 * ECHOED));
    for (n, c) in s.chars().enumerate() {
        if n == ECHOED {
            out.push('…');
            break;
        }
        match c {
            c if c.is_control() || is_hostile(c) => out.push_str(&visible(c)),
            c => out.push(c),
        }
    }
    out
}

/// `n` with a comma between thousands: 199,900.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The way out of the program for text: whatever writes to it, and whatever field of a
/// corpus the text came from, every character that could act on a terminal is replaced by
/// its visible form on the way through. The first error writing is kept.
pub struct Guard<W: std::io::Write> {
    inner: W,
    pub error: Option<std::io::Error>,
}

impl<W: std::io::Write> Guard<W> {
    pub fn new(inner: W) -> Self {
        Self { inner, error: None }
    }

    /// What was written to, once done with (for output kept in memory).
    pub fn into_inner(self) -> W {
        self.inner
    }

    /// Flushes what is held, and gives the first error met.
    pub fn finish(mut self) -> std::io::Result<()> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        self.inner.flush()
    }
}

impl<W: std::io::Write> std::fmt::Write for Guard<W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.error.is_some() {
            return Err(std::fmt::Error);
        }
        self.inner.write_all(shown(s).as_bytes()).map_err(|e| {
            self.error = Some(e);
            std::fmt::Error
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_characters_are_named_and_shown() {
        assert!(is_hostile('\x1b'));
        assert!(is_hostile('\u{9b}'));
        assert!(is_hostile('\u{202e}'));
        assert!(!is_hostile('\n'));
        assert!(!is_hostile('\t'));
        assert!(!is_hostile('ā'));
        assert_eq!(describe('\x1b'), "U+001B (escape)");
        assert_eq!(sanitize("a\x1b[31mb"), "a\u{241b}[31mb");
        assert_eq!(sanitize("x\u{9b}y"), "x<U+009B>y");
        assert_eq!(sanitize("\tz"), "    z");
        assert_eq!(sanitize("Liepāja"), "Liepāja");
        for s in ["a\x1bb", "x\u{9b}", "\u{202e}", "\u{2069}", "\r", "\x7f"] {
            assert!(may_be_hostile(s), "{s:?}");
        }
        assert!(!may_be_hostile("Kārlis Ulmanis\tand\nLiepāja, Пакт, 条約"));
    }

    proptest::proptest! {
        /// The quick test on bytes says what a look at every character would.
        #[test]
        fn hostile_text_is_told_by_its_bytes_as_by_its_characters(
            s in "(\\PC|[\u{0}-\u{ff}]|[\u{2000}-\u{206f}]|…|«|°|é){0,12}"
        ) {
            proptest::prop_assert_eq!(has_hostile(&s), s.chars().any(is_hostile), "{:?}", s);
        }
    }

    #[test]
    fn nothing_hostile_passes_the_guard_and_layout_is_kept() {
        use std::fmt::Write;
        let mut guard = Guard::new(Vec::new());
        write!(guard, "kind\tid\n\x1b]52;c;cm0gLXJmIH4K\x07 \u{9b}1m \u{202e}Liepāja\n").unwrap();
        let out = String::from_utf8(guard.inner.clone()).unwrap();
        assert_eq!(out, "kind\tid\n\u{241b}]52;c;cm0gLXJmIH4K\u{2407} <U+009B>1m <U+202E>Liepāja\n");
        assert!(guard.finish().is_ok());
        assert_eq!(shown("plain\ttext"), "plain\ttext");
    }
}
