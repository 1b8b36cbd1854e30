//! Reading a corpus in pieces: each entry and event is parsed as soon as it is whole, a
//! batch at a time in two threads, so that the file's text is never in memory all at once.
//!
//! Only a corpus written the plain way is read like this. Anything unexpected (an error,
//! an attribute, a field it does not know, a read that fails) gives `None`, and the whole
//! text is then read the ordinary way, which reports exactly what is wrong.

use std::io::Read;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::{Scope, ScopedJoinHandle};

use serde::de::DeserializeOwned;

use super::format::{Batches, CorpusDoc, options};
use super::skeleton::Scanner;
use super::source::SIZE_CAP;
use crate::model::Name;

/// How much is read at a time.
const READ: usize = 1 << 20;

/// How many bytes of entries or events are parsed together.
const BATCH: usize = 4 << 20;

/// How far past where it stops the scanner may have looked: a failure further from the
/// end of what has been read is not for want of more.
const LOOKAHEAD: usize = 16;

/// Below this many bytes, a batch is parsed without a second thread.
const SPLIT_FROM: usize = 256 << 10;

/// The corpus written in what `reader` gives, or `None` to read it the ordinary way.
pub fn parse(reader: impl Read) -> Option<CorpusDoc> {
    parse_within(reader, READ, SIZE_CAP)
}

/// [`parse`], reading at least `chunk` bytes at a time.
#[cfg(test)]
fn parse_by(reader: impl Read, chunk: usize) -> Option<CorpusDoc> {
    parse_within(reader, chunk, SIZE_CAP)
}

/// [`parse_by`], given up on once more than `cap` bytes are read.
fn parse_within(reader: impl Read, chunk: usize, cap: u64) -> Option<CorpusDoc> {
    let mut stream = Stream {
        reader,
        chunk,
        cap,
        buf: Vec::new(),
        pos: 0,
        checked: 0,
        eof: false,
        read: 0,
        pending: Vec::new(),
        spare: Vec::new(),
    };
    while stream.buf.len() < 3 && !stream.eof {
        stream.fill()?;
    }
    if stream.buf.starts_with(b"\xEF\xBB\xBF") {
        (stream.pos, stream.checked) = (3, 3);
    }
    stream.attempt(|s| {
        s.ws()?;
        let start = s.i;
        s.word();
        matches!(s.since(start), b"" | b"Corpus").then_some(())?;
        (s.peek()? == b'(').then(|| s.i += 1)
    })?;
    let mut doc = CorpusDoc {
        title: Name::default(),
        description: String::new(),
        sources: Vec::new(),
        text: None,
        entries: Batches::default(),
        events: Batches::default(),
    };
    let mut title = None;
    let mut seen: Vec<Vec<u8>> = Vec::new();
    loop {
        let (_, name) = stream.attempt(|s| {
            s.ws()?;
            if s.peek()? == b')' {
                s.i += 1;
                return Some(None);
            }
            let start = s.i;
            s.word();
            let name = s.since(start).to_vec();
            s.ws()?;
            (s.peek()? == b':' && !name.is_empty()).then(|| s.i += 1)?;
            Some(Some(name))
        })?;
        let Some(name) = name else { break };
        if seen.contains(&name) {
            return None;
        }
        match name.as_slice() {
            b"title" => title = Some(stream.value()?),
            b"description" => doc.description = stream.value()?,
            b"sources" => doc.sources = stream.value()?,
            b"text" => doc.text = stream.value()?,
            b"entries" => stream.list(&mut doc.entries)?,
            b"events" => stream.list(&mut doc.events)?,
            _ => return None,
        }
        seen.push(name);
        let (_, more) = stream.attempt(|s| {
            s.ws()?;
            let more = match s.peek()? {
                b',' => true,
                b')' => false,
                _ => return None,
            };
            s.i += 1;
            Some(more)
        })?;
        if !more {
            break;
        }
    }
    stream.attempt(|s| s.ws())?;
    (stream.eof && stream.pos == stream.buf.len()).then_some(())?;
    stream.settle()?;
    doc.title = title?;
    Some(doc)
}

/// Entries or events to parse, which two threads share out one at a time.
struct Batch {
    bytes: Vec<u8>,
    /// Where each item stands in `bytes`.
    items: Vec<Range<usize>>,
    /// The first item not yet taken.
    next: AtomicUsize,
}

impl Batch {
    /// Parses the items not yet taken, one at a time, until none is left: each with its
    /// number, in order. On an error the others stop too.
    fn parse<T: DeserializeOwned>(&self) -> Option<Vec<(usize, T)>> {
        let mut parsed = Vec::new();
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = self.items.get(i) else { return Some(parsed) };
            let text = self.bytes.get(item.clone()).and_then(|bytes| simdutf8::basic::from_utf8(bytes).ok());
            match text.and_then(|text| options().from_str(text).ok()) {
                Some(value) => parsed.push((i, value)),
                None => {
                    self.next.store(self.items.len(), Ordering::Relaxed);
                    return None;
                }
            }
        }
    }
}

/// A batch being parsed, and the second thread parsing it, if any.
type Parsing<'scope, T> = (Arc<Batch>, Option<ScopedJoinHandle<'scope, Option<Vec<(usize, T)>>>>);

/// Helps parse the batch, waits for the second thread, and puts the items at the end of
/// `out` in order, as a batch of their own; the batch's text, let go of, becomes the `spare`
/// buffer to read the next into.
fn finish<T: DeserializeOwned>(
    parsing: Option<Parsing<'_, T>>,
    out: &mut Batches<T>,
    spare: &mut Vec<u8>,
) -> Option<()> {
    let Some((batch, other)) = parsing else { return Some(()) };
    let mine = batch.parse();
    let theirs = match other {
        Some(other) => other.join().ok()??,
        None => Vec::new(),
    };
    let mut items = Vec::with_capacity(batch.items.len());
    if let Ok(batch) = Arc::try_unwrap(batch) {
        *spare = batch.bytes;
    }
    let (mut mine, mut theirs) = (mine?.into_iter().peekable(), theirs.into_iter().peekable());
    loop {
        let next = match (mine.peek(), theirs.peek()) {
            (Some((i, _)), Some((j, _))) if j < i => theirs.next(),
            (Some(_), _) => mine.next(),
            (None, _) => theirs.next(),
        };
        let Some((_, value)) = next else {
            out.push(items);
            return Some(());
        };
        items.push(value);
    }
}

struct Stream<R> {
    reader: R,
    /// The least read at a time.
    chunk: usize,
    /// The most read in all (the size cap): a file written to as fast as it is read stops
    /// there, not on its end.
    cap: u64,
    /// What has been read and not yet let go of.
    buf: Vec<u8>,
    /// How far the document has been followed in `buf`.
    pos: usize,
    /// Where the bytes not yet known to be UTF-8 start in `buf`.
    checked: usize,
    eof: bool,
    /// Bytes read in all, against the size cap.
    read: u64,
    /// The entries or events found but not yet parsed, as ranges of `buf`.
    pending: Vec<Range<usize>>,
    /// The text of a batch already parsed, kept to read into again (a fresh buffer for
    /// every batch would have the system hand over and zero its pages every time).
    spare: Vec<u8>,
}

impl<R: Read> Stream<R> {
    /// Runs `step` from where the document has got; on success moves past what it read and
    /// gives the offset it started from. A step that runs into the end of what has been
    /// read is run again once more has been read.
    fn attempt<T>(&mut self, step: impl Fn(&mut Scanner) -> Option<T>) -> Option<(usize, T)> {
        loop {
            let mut scanner = Scanner::new(&self.buf[self.pos..]);
            let found = step(&mut scanner);
            match found {
                Some(value) if self.eof || !scanner.near_end(0) => {
                    let start = self.pos;
                    self.pos += scanner.i;
                    return Some((start, value));
                }
                None if self.eof || !scanner.near_end(LOOKAHEAD) => return None,
                _ => self.fill()?,
            }
        }
    }

    /// One value, such as the corpus's title, read there and then.
    fn value<T: DeserializeOwned>(&mut self) -> Option<T> {
        let (start, range) = self.attempt(|s| {
            s.ws()?;
            let from = s.i;
            s.value()?;
            Some(from..s.i)
        })?;
        let text = std::str::from_utf8(&self.buf[start + range.start..start + range.end]).ok()?;
        options().from_str(text).ok()
    }

    /// A list of entries or events, parsed a batch at a time: while this thread reads the
    /// next batch, a second parses the last, and this one helps it finish.
    fn list<T: DeserializeOwned + Send>(&mut self, out: &mut Batches<T>) -> Option<()> {
        self.attempt(|s| {
            s.ws()?;
            (s.peek()? == b'[').then(|| s.i += 1)
        })?;
        std::thread::scope(|scope| {
            let mut parsing = None;
            let mut size = 0;
            let read = loop {
                let Some((start, item)) = self.attempt(|s| {
                    s.ws()?;
                    if s.peek()? == b']' {
                        s.i += 1;
                        return Some(None);
                    }
                    let from = s.i;
                    s.value()?;
                    let to = s.i;
                    s.ws()?;
                    match s.peek()? {
                        b',' => s.i += 1,
                        b']' => {}
                        _ => return None,
                    }
                    Some(Some(from..to))
                }) else {
                    break None;
                };
                let Some(item) = item else { break Some(()) };
                size += item.len();
                self.pending.push(start + item.start..start + item.end);
                if size >= BATCH {
                    let Some(()) = self.hand_over(scope, &mut parsing, out) else { break None };
                    size = 0;
                }
            };
            let read = read.and_then(|()| self.hand_over(scope, &mut parsing, out));
            let parsed = finish(parsing, out, &mut Vec::new());
            read.and(parsed)
        })
    }

    /// Makes a batch of the pending items and lets go of the text read so far. The batch
    /// before it is finished first (this thread helps) and its items go to `out`; then a
    /// second thread starts on this one, unless it is small enough to parse at once.
    fn hand_over<'scope, T: DeserializeOwned + Send + 'scope>(
        &mut self,
        scope: &'scope Scope<'scope, '_>,
        parsing: &mut Option<Parsing<'scope, T>>,
        out: &mut Batches<T>,
    ) -> Option<()> {
        let mut rest = std::mem::take(&mut self.spare);
        rest.clear();
        rest.extend_from_slice(&self.buf[self.pos..]);
        self.buf.truncate(self.pos);
        let bytes = std::mem::replace(&mut self.buf, rest);
        simdutf8::basic::from_utf8(&bytes[self.checked..]).ok()?;
        (self.pos, self.checked) = (0, 0);
        let batch = Arc::new(Batch { bytes, items: std::mem::take(&mut self.pending), next: AtomicUsize::new(0) });
        finish(parsing.take(), out, &mut self.spare)?;
        if batch.bytes.len() < SPLIT_FROM {
            return finish(Some((batch, None)), out, &mut self.spare);
        }
        let theirs = Arc::clone(&batch);
        *parsing = Some((batch, Some(scope.spawn(move || theirs.parse()))));
        Some(())
    }

    /// Checks that what has been followed is UTF-8 and lets go of it.
    fn settle(&mut self) -> Option<()> {
        simdutf8::basic::from_utf8(&self.buf[self.checked..self.pos]).ok()?;
        self.buf.drain(..self.pos);
        (self.pos, self.checked) = (0, 0);
        Some(())
    }

    /// Reads more: at least as much as is waiting, so that a long value is read in a
    /// few steps. The text followed so far is let go of first, unless items wait on it.
    fn fill(&mut self) -> Option<()> {
        if self.pending.is_empty() {
            self.settle()?;
        }
        // Never more than one byte past the cap, however much is waiting.
        let want = (self.chunk.max(self.buf.len() - self.pos) as u64).min(self.cap + 1 - self.read);
        let old = self.buf.len();
        let got = (&mut self.reader).take(want).read_to_end(&mut self.buf).ok()? as u64;
        self.read += got;
        if self.read > self.cap {
            return None;
        }
        self.eof = got < want;
        // CRLF is read as LF, as the ordinary way reads it; a CR at the very end waits
        // for what follows.
        let from = old.saturating_sub(1).max(self.pos);
        if memchr::memchr(b'\r', &self.buf[from..]).is_some() {
            let mut kept = from;
            for i in from..self.buf.len() {
                let byte = self.buf[i];
                if byte != b'\r' || self.buf.get(i + 1) != Some(&b'\n') {
                    self.buf[kept] = byte;
                    kept += 1;
                }
            }
            self.buf.truncate(kept);
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Option<CorpusDoc> {
        options().from_str(text).ok()
    }

    fn same(a: &Option<CorpusDoc>, b: &Option<CorpusDoc>) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    #[test]
    fn a_large_list_comes_in_batches_each_its_own_in_order() {
        let text = crate::synth::corpus(2, 6000);
        let doc = parse(text.as_bytes()).expect("read in pieces");
        let ids: Vec<String> = doc.entries.iter().map(|e| e.id.to_string()).collect();
        let batches = doc.entries.into_batches();
        assert!(batches.len() > 2, "{} batches", batches.len());
        assert_eq!(ids.len(), 6000);
        let whole: CorpusDoc = options().from_str(&text).unwrap();
        assert_eq!(ids, whole.entries.iter().map(|e| e.id.to_string()).collect::<Vec<_>>());
    }

    /// What reads a file that never ends (one written to faster than it is read) counts.
    struct Endless<'a>(&'a mut u64);

    impl Read for Endless<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(b' ');
            *self.0 += buf.len() as u64;
            Ok(buf.len())
        }
    }

    #[test]
    fn a_file_that_never_ends_is_given_up_on_at_the_cap() {
        let (mut read, start) = (0, b"Corpus(title: \"T\", entries: [");
        let cap = 64 * READ as u64;
        assert!(parse_within(start.chain(Endless(&mut read)), READ, cap).is_none());
        assert_eq!(read + start.len() as u64, cap + 1, "read to one byte past the cap, and no further");
    }

    #[test]
    fn reading_in_pieces_gives_what_reading_whole_gives() {
        let text = crate::synth::corpus(3, 7000);
        assert!(text.len() > 2 * BATCH, "several batches: {}", text.len());
        let pieces = parse(text.as_bytes());
        assert!(pieces.is_some(), "a generated corpus is read in pieces");
        assert!(same(&pieces, &whole(&text)));
    }

    /// Everything a plain corpus may hold, with CRLF line ends and a byte-order mark.
    const PLAIN: &str = "\u{feff}// a comment with ( and \"\r\nCorpus(\r\n  title: \"T\u{ea}te \\\"quoted\\\"\",\r\n  sources: [\"S\"],\r\n  entries: [\r\n    Entry(id: \"a\", title: \"Ā\", kind: Other(\"x\"), summary: \"line\", /* (nested /* ] */) */\r\n      body: [r#\"raw \"quote\"\"#, \"two\r\nlines\", \"\\u{101} and \\\\\"], end: Some(\"1940\"), start: \"1939\",),\r\n    (id: \"b\", title: \"B\", kind: Treaty, summary: \"s\", articles: [Article(number: 1, text: [\"t\"])]),\r\n  ],\r\n  events: [Event(date: \"1939-10-05\", title: \"E\", concerns: [\"a\"])],\r\n  description: \"\u{2028}d\",\u{2029}\r\n)\r\n";

    #[test]
    fn every_way_of_cutting_the_reads_gives_the_same_corpus() {
        let decoded = PLAIN.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let expected = whole(&decoded);
        assert!(expected.is_some(), "the ordinary way reads it");
        for chunk in 1..=64 {
            let pieces = parse_by(PLAIN.as_bytes(), chunk);
            assert!(pieces.is_some(), "read {chunk} bytes at a time");
            assert!(same(&pieces, &expected), "read {chunk} bytes at a time");
        }
    }

    #[test]
    fn anything_unexpected_is_left_to_the_ordinary_way() {
        let plain = "Corpus(title: \"T\", entries: [(id: \"a\", title: \"A\", kind: Person, summary: \"s\")])";
        assert!(parse(plain.as_bytes()).is_some());
        for (what, text) in [
            ("an attribute", format!("#![enable(implicit_some)]\n{plain}")),
            ("an unknown field", plain.replace("title: \"T\"", "titel: \"T\"")),
            ("a field twice", plain.replace("title: \"T\"", "title: \"T\", title: \"U\"")),
            ("no title", plain.replace("title: \"T\", ", "")),
            ("text after the end", format!("{plain} x")),
            ("a mistake in an entry", plain.replace("Person", "Persn")),
            ("a no-break space between tokens", plain.replace("entries:", "entries:\u{a0}")),
            ("another struct's name", plain.replace("Corpus(", "Korpus(")),
            ("an unclosed list", plain.trim_end_matches("])").to_string()),
            ("nothing at all", String::new()),
        ] {
            assert!(parse(text.as_bytes()).is_none(), "{what}");
        }
        let mut bad = plain.replace("entries: [", "entries: [/* \u{1} */").into_bytes();
        let at = bad.iter().position(|&b| b == 1).unwrap();
        bad[at] = 0xff;
        assert!(parse(&bad[..]).is_none(), "invalid UTF-8 in a comment");
    }

    /// Whatever is read in pieces is read, and read the same, the ordinary way: for every
    /// place in a plain corpus, with a byte or two taken out or something put in.
    #[test]
    fn pieces_never_accept_what_the_whole_refuses() {
        let mut accepted = 0;
        for at in 0..PLAIN.len() {
            for cut in 0..2 {
                for with in ["", ",", ")", "]", "\"", " ", "\u{a0}", "x:", "//", "\\", "\r"] {
                    let mut text = PLAIN.as_bytes().to_vec();
                    text.splice(at..(at + cut).min(text.len()), with.bytes());
                    let Some(pieces) = parse_by(&text[..], at % 7 + 1) else { continue };
                    accepted += 1;
                    let decoded = String::from_utf8(text).expect("accepted only if UTF-8");
                    let decoded = decoded.trim_start_matches('\u{feff}').replace("\r\n", "\n");
                    assert!(same(&Some(pieces), &whole(&decoded)), "{with:?} at {at} (cut {cut})");
                }
            }
        }
        assert!(accepted > 1000, "most changes inside text still read: {accepted}");
    }
}
