//! Where each part of a RON document stands: a tree of byte ranges, built only to point
//! diagnostics at the field, list item or character at fault.
//!
//! The `ron` crate decides what is valid; this scanner only has to find its way through
//! text that `ron` has already read (or nearly so), and gives up, returning `None`, on
//! anything it does not follow.

use std::ops::Range;

/// Nesting deeper than this is refused, as `ron` refuses it, before the stack is at risk.
pub const MAX_DEPTH: usize = 128;

/// One value of the document.
#[derive(Debug)]
pub struct Node {
    /// The whole value, from its first to its last character.
    pub span: Range<usize>,
    /// The part to underline when the value as a whole is meant: a struct's name and
    /// opening bracket, or the whole of a short value.
    pub head: Range<usize>,
    pub body: Body,
}

#[derive(Debug)]
pub enum Body {
    Leaf,
    /// A struct's fields: the name's range and the value.
    Fields(Vec<(Range<usize>, Node)>),
    /// A list's items, a tuple's members, or a map's values.
    Items(Vec<Node>),
}

/// A step from a value into one of its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Field(&'static str),
    Index(usize),
}

/// Why the scanner stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum ScanError {
    /// Brackets nest deeper than [`MAX_DEPTH`]; the offset of the first bracket too deep.
    TooDeep(usize),
    /// The text is not RON that the scanner can follow.
    Lost,
}

/// Builds the tree of `text`, or says why it cannot.
pub fn scan(text: &str) -> Result<Node, ScanError> {
    let mut scanner = Scanner { keep: usize::MAX, strict: false, ..Scanner::new(text.as_bytes()) };
    let node = (|| {
        scanner.attributes()?;
        let node = scanner.value()?;
        scanner.ws()?;
        (scanner.i == scanner.s.len()).then_some(node)
    })();
    match (node, scanner.too_deep) {
        (_, Some(at)) => Err(ScanError::TooDeep(at)),
        (Some(node), None) => Ok(node),
        (None, None) => Err(ScanError::Lost),
    }
}

impl Node {
    /// The deepest node along `path` (stopping where the path leaves the tree), and
    /// whether the whole path was found. `Some(x)` wrappers are looked through.
    pub fn find(&self, text: &str, path: &[Step]) -> (&Node, bool) {
        let mut node = self.unwrap_some(text);
        for step in path {
            let next = match (&node.body, step) {
                (Body::Fields(fields), Step::Field(name)) => {
                    fields.iter().find(|(n, _)| text[n.clone()].trim_start_matches("r#") == *name).map(|(_, v)| v)
                }
                (Body::Items(items), Step::Index(i)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(next) => node = next.unwrap_some(text),
                None => return (node, false),
            }
        }
        (node, true)
    }

    fn unwrap_some<'n>(&'n self, text: &str) -> &'n Node {
        match &self.body {
            Body::Items(items) if items.len() == 1 && text[self.head.clone()].starts_with("Some") => &items[0],
            _ => self,
        }
    }
}

/// A walk through a document's bytes, one value at a time.
pub struct Scanner<'a> {
    s: &'a [u8],
    /// How far the walk has got.
    pub i: usize,
    depth: usize,
    /// The deepest level whose values keep their parts.
    keep: usize,
    too_deep: Option<usize>,
    /// Whether only the white space `ron` itself accepts is passed over; otherwise any,
    /// so that diagnostics can find their way past a stray no-break space.
    strict: bool,
}

impl<'a> Scanner<'a> {
    /// A walk from the start of `bytes` that keeps no parts of the values it passes.
    pub fn new(s: &'a [u8]) -> Self {
        Scanner { s, i: 0, depth: 0, keep: 0, too_deep: None, strict: true }
    }

    /// Whether the walk has got within `within` bytes of the end of its bytes.
    pub fn near_end(&self, within: usize) -> bool {
        self.i + within >= self.s.len()
    }

    /// The bytes from `start` to where the walk has got.
    pub fn since(&self, start: usize) -> &'a [u8] {
        &self.s[start.min(self.i)..self.i]
    }

    pub fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn at(&self, lit: &[u8]) -> bool {
        self.s[self.i..].starts_with(lit)
    }

    /// Skips whitespace and comments (block comments nest, as in `ron`).
    pub fn ws(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => self.i += 1,
                Some(b'/') if self.at(b"//") => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.i += 1;
                    }
                }
                Some(b'/') if self.at(b"/*") => {
                    let mut level = 0usize;
                    loop {
                        if self.at(b"/*") {
                            level += 1;
                            self.i += 2;
                        } else if self.at(b"*/") {
                            level -= 1;
                            self.i += 2;
                            if level == 0 {
                                break;
                            }
                        } else {
                            self.peek()?;
                            self.i += 1;
                        }
                    }
                }
                Some(0x80..) if self.unicode_space() => {}
                _ => return Some(()),
            }
        }
    }

    /// Steps over one non-ASCII whitespace character, if one is next.
    fn unicode_space(&mut self) -> bool {
        let Some(c) = std::str::from_utf8(&self.s[self.i..self.s.len().min(self.i + 4)])
            .or_else(|e| std::str::from_utf8(&self.s[self.i..self.i + e.valid_up_to()]))
            .ok()
            .and_then(|s| s.chars().next())
        else {
            return false;
        };
        let space = match c {
            '\u{85}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' => true,
            _ => !self.strict && !c.is_ascii() && c.is_whitespace(),
        };
        if space {
            self.i += c.len_utf8();
        }
        space
    }

    /// Skips `#![enable(...)]` attributes at the top of the file.
    fn attributes(&mut self) -> Option<()> {
        loop {
            self.ws()?;
            if !self.at(b"#!") {
                return Some(());
            }
            while self.peek()? != b']' {
                self.i += 1;
            }
            self.i += 1;
        }
    }

    pub fn value(&mut self) -> Option<Node> {
        self.ws()?;
        let start = self.i;
        let leaf = |scanner: &Self| Node { span: start..scanner.i, head: start..scanner.i, body: Body::Leaf };
        match self.peek()? {
            b'"' => {
                self.string()?;
                Some(leaf(self))
            }
            b'r' | b'b' if self.raw_or_byte_string()? => Some(leaf(self)),
            b'\'' => {
                self.i += 1;
                if self.peek()? == b'\\' {
                    self.i += 2;
                }
                while self.peek()? != b'\'' {
                    self.i += 1;
                }
                self.i += 1;
                Some(leaf(self))
            }
            b'[' => self.group(start, b']'),
            b'{' => self.group(start, b'}'),
            b'(' => self.group(start, b')'),
            b if b == b'_' || b.is_ascii_alphabetic() || b >= 0x80 => {
                self.word();
                let end = self.i;
                self.ws()?;
                if self.peek() == Some(b'(') {
                    self.group(start, b')')
                } else {
                    self.i = end;
                    Some(leaf(self))
                }
            }
            _ => {
                while self.peek().is_some_and(|b| !b",)]}:/ \t\n\r".contains(&b)) {
                    self.i += 1;
                }
                (self.i > start).then(|| leaf(self))
            }
        }
    }

    /// An identifier (also `r#raw` ones), as far as it goes.
    pub fn word(&mut self) {
        if self.at(b"r#") {
            self.i += 2;
        }
        while self.peek().is_some_and(|b| b == b'_' || b.is_ascii_alphanumeric() || b >= 0x80) {
            self.i += 1;
        }
    }

    /// A quoted string, escapes skipped.
    fn string(&mut self) -> Option<()> {
        self.i += 1;
        loop {
            let Some(next) = memchr::memchr2(b'\\', b'"', self.s.get(self.i..)?) else {
                self.i = self.s.len();
                return None;
            };
            self.i += next;
            if self.s[self.i] == b'"' {
                self.i += 1;
                return Some(());
            }
            self.i += 2;
        }
    }

    /// A raw string `r#"..."#`, a byte string `b"..."` or `br"..."`; `Some(false)` if the
    /// `r` or `b` starts an identifier instead.
    fn raw_or_byte_string(&mut self) -> Option<bool> {
        let start = self.i;
        if self.at(b"b\"") {
            self.i += 1;
            self.string()?;
            return Some(true);
        }
        self.i += if self.at(b"br") {
            2
        } else if self.at(b"r") {
            1
        } else {
            return Some(false);
        };
        let hashes = self.s[self.i..].iter().take_while(|&&b| b == b'#').count();
        if self.s.get(self.i + hashes) != Some(&b'"') {
            self.i = start;
            return Some(false);
        }
        self.i += hashes + 1;
        let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
        while !self.at(&close) {
            self.peek()?;
            self.i += 1;
        }
        self.i += close.len();
        Some(true)
    }

    /// A bracketed group from `start` (which may hold a struct name) to `close`: a struct's
    /// fields when it opens with `name:`, otherwise items (a map's keys are skipped).
    fn group(&mut self, start: usize, close: u8) -> Option<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.too_deep = Some(self.i);
            return None;
        }
        self.i += 1;
        let head = start..self.i;
        let mut fields = Vec::new();
        let mut items = Vec::new();
        let keeping = self.depth <= self.keep;
        let is_struct = close == b')' && self.field_name_next()?;
        loop {
            self.ws()?;
            if self.peek()? == close {
                break;
            }
            if is_struct {
                let name_start = self.i;
                self.word();
                let name = name_start..self.i;
                self.ws()?;
                (self.peek()? == b':').then_some(())?;
                self.i += 1;
                let value = self.value()?;
                if keeping {
                    fields.push((name, value));
                }
            } else {
                let value = self.value()?;
                self.ws()?;
                if close == b'}' {
                    (self.peek()? == b':').then_some(())?;
                    self.i += 1;
                    let value = self.value()?;
                    if keeping {
                        items.push(value);
                    }
                } else if keeping {
                    items.push(value);
                }
            }
            self.ws()?;
            match self.peek()? {
                b',' => self.i += 1,
                b if b == close => {}
                _ => return None,
            }
        }
        self.i += 1;
        self.depth -= 1;
        let body = match (!keeping, is_struct) {
            (true, _) => Body::Leaf,
            (false, true) => Body::Fields(fields),
            (false, false) => Body::Items(items),
        };
        Some(Node { span: start..self.i, head, body })
    }

    /// Whether the group just opened starts with `name:` (a struct's first field).
    fn field_name_next(&mut self) -> Option<bool> {
        let save = self.i;
        self.ws()?;
        let before = self.i;
        self.word();
        let named = self.i > before && {
            self.ws()?;
            self.peek() == Some(b':') && self.s.get(self.i + 1) != Some(&b':')
        };
        self.i = save;
        Some(named)
    }
}

/// The offset, within the written string literal `lit` (quotes included), of byte
/// `decoded` of the string's value: escapes are walked, raw strings are taken as written.
pub fn literal_offset(lit: &str, decoded: usize) -> usize {
    let bytes = lit.as_bytes();
    if let Some(raw) = lit.strip_prefix("br").or_else(|| lit.strip_prefix('r')) {
        let prefix = lit.len() - raw.len() + raw.bytes().take_while(|&b| b == b'#').count() + 1;
        return (prefix + decoded).min(lit.len());
    }
    let mut pos = usize::from(lit.starts_with('b')) + 1;
    let mut seen = 0;
    while seen < decoded && pos < bytes.len() {
        if bytes[pos] == b'\\' {
            let (len, width) = match bytes.get(pos + 1) {
                Some(b'u') => {
                    let close = lit[pos..].find('}').map_or(2, |c| c + 1);
                    let code = lit.get(pos + 3..pos + close - 1).and_then(|h| u32::from_str_radix(h, 16).ok());
                    (close, code.and_then(char::from_u32).map_or(1, char::len_utf8))
                }
                Some(b'x') => (4, 1),
                Some(b'\n') => {
                    let skipped = lit[pos + 1..].find(|c: char| !c.is_whitespace()).unwrap_or(0);
                    (1 + skipped, 0)
                }
                _ => (2, 1),
            };
            pos += len;
            seen += width;
        } else {
            let width = lit[pos..].chars().next().map_or(1, char::len_utf8);
            pos += width;
            seen += width;
        }
    }
    pos.min(lit.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r##"#![enable(implicit_some)]
// a comment with ( and "
Corpus(
    title: "A \"quoted\" title",
    entries: [
        Entry(id: "a", kind: Other("x"), end: Some("1940"), /* (nested /* */) */ body: [r#"raw "#],),
        (id: "b", map: {"k": 1, 2: (3, 4)}),
    ],
)
"##;

    fn at<'a>(path: &[Step]) -> &'a str {
        let root = scan(DOC).expect("scans");
        let (node, found) = root.find(DOC, path);
        assert!(found, "{path:?} not found");
        &DOC[node.span.clone()]
    }

    #[test]
    fn paths_lead_to_their_values() {
        use Step::*;
        assert_eq!(at(&[Field("title")]), r#""A \"quoted\" title""#);
        assert_eq!(at(&[Field("entries"), Index(0), Field("id")]), r#""a""#);
        assert_eq!(at(&[Field("entries"), Index(0), Field("kind")]), r#"Other("x")"#);
        assert_eq!(at(&[Field("entries"), Index(0), Field("end")]), r#""1940""#);
        assert_eq!(at(&[Field("entries"), Index(0), Field("body"), Index(0)]), r##"r#"raw "#"##);
        assert_eq!(at(&[Field("entries"), Index(1), Field("map"), Index(1)]), "(3, 4)");
    }

    #[test]
    fn a_missing_step_stops_at_the_deepest_node_found() {
        let root = scan(DOC).unwrap();
        let (node, found) = root.find(DOC, &[Step::Field("entries"), Step::Index(1), Step::Field("title")]);
        assert!(!found);
        assert_eq!(&DOC[node.head.clone()], "(");
    }

    #[test]
    fn a_walk_steps_over_whole_values_keeping_no_parts() {
        let entry = r##"Entry(id: "a", kind: Other("x"), body: [r#"raw "#]) , next"##;
        let mut scanner = Scanner::new(entry.as_bytes());
        let node = scanner.value().expect("one value");
        assert_eq!(scanner.since(0), br##"Entry(id: "a", kind: Other("x"), body: [r#"raw "#])"##);
        assert!(matches!(node.body, Body::Leaf));
        scanner.ws();
        assert_eq!(scanner.peek(), Some(b','));
        assert!(!scanner.near_end(5) && scanner.near_end(6));
    }

    #[test]
    fn a_walk_passes_only_the_white_space_ron_accepts() {
        let mut scanner = Scanner::new("\u{2028} \u{a0}x".as_bytes());
        scanner.ws();
        assert_eq!(scanner.peek(), Some(0xc2), "stops at the no-break space");
        assert_eq!(scan("(a: 1,\u{a0}b: 2)").map(|n| n.span), Ok(0..13), "diagnostics pass it");
    }

    #[test]
    fn what_it_cannot_follow_is_none() {
        for bad in ["(", "Corpus(title: )", "[1, 2", "\"open", "/* open", "(a: 1) trailing"] {
            assert_eq!(scan(bad).err(), Some(ScanError::Lost), "{bad:?}");
        }
        let deep = format!("(a: {})", "[".repeat(100_000));
        assert_eq!(scan(&deep).err(), Some(ScanError::TooDeep(4 + MAX_DEPTH - 1)));
    }

    #[test]
    fn string_offsets_walk_escapes() {
        assert_eq!(literal_offset(r#""abc""#, 2), 3);
        assert_eq!(literal_offset(r#""a\"c""#, 2), 4);
        assert_eq!(literal_offset(r#""a\u{1b}c""#, 1), 2);
        assert_eq!(literal_offset(r#""a\u{1b}c""#, 2), 8);
        assert_eq!(literal_offset(r##"r#"abc"#"##, 1), 4);
        assert_eq!(literal_offset(r#""ā\nb""#, 3), 5);
        assert_eq!(literal_offset(r#""x""#, 99), 3);
    }
}
