//! Folded text for scanning: fields one after another, each ended by a line feed, in blocks
//! of whole fields; a packed haystack keeps each block LZ4-compressed and unpacks it only
//! while it is read, which about halves the memory the text of a search index takes.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use memchr::memmem::Finder;

use super::Span;

/// About how much folded text one block holds: small enough to stay in a core's cache
/// while every query word is looked for in it (a longer field is a block of its own).
const BLOCK: usize = 64 << 10;

/// From this size, a haystack is read in two halves at once.
pub const PARALLEL_FROM: usize = 8 << 20;

/// The best match of a word in one item: (item, rank, quality, span).
pub type Found = (u32, u8, u8, u32);

/// A query word to look for, and the blocks to look in (`None` for all).
pub struct Needle<'a> {
    pub finder: Finder<'a>,
    pub within: Option<&'a Blocks>,
}

/// Some of the blocks of a haystack, by number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Blocks(Vec<u64>);

impl Blocks {
    /// None of `count` blocks.
    pub fn new(count: usize) -> Self {
        Self(vec![0; count.div_ceil(64)])
    }

    fn insert(&mut self, block: usize) {
        self.0[block / 64] |= 1 << (block % 64);
    }

    pub fn contains(&self, block: usize) -> bool {
        self.0.get(block / 64).is_some_and(|bits| bits & (1 << (block % 64)) != 0)
    }

    fn add(&mut self, other: &Blocks) {
        for (bits, more) in self.0.iter_mut().zip(&other.0) {
            *bits |= more;
        }
    }

    /// How many blocks it holds.
    pub fn count(&self) -> usize {
        self.0.iter().map(|bits| bits.count_ones() as usize).sum()
    }
}

#[derive(Debug, Default)]
pub struct Haystack {
    packed: bool,
    blocks: Vec<Block>,
    /// Folded fields not yet sealed into a block, and the first of them.
    open: String,
    open_first: usize,
    /// (start in the whole folded text, span) for each field, in order.
    starts: Vec<(u32, u32)>,
    len: usize,
}

#[derive(Debug)]
struct Block {
    /// The block's folded text, packed or as it is.
    bytes: Box<[u8]>,
    /// How long it is unpacked.
    len: usize,
    /// Its fields, as places in `starts`.
    fields: Range<usize>,
}

impl Haystack {
    /// An empty haystack that packs its blocks (`packed`) or keeps them as they are.
    pub fn new(packed: bool) -> Self {
        Self { packed, ..Self::default() }
    }

    /// Adds one folded field (holding no line feed) of `span`.
    pub fn push(&mut self, folded: &str, span: u32) {
        self.starts.push((self.len as u32, span));
        self.open.push_str(folded);
        self.open.push('\n');
        self.len += folded.len() + 1;
        if self.open.len() >= BLOCK {
            self.seal();
        }
    }

    /// Seals the last fields into a block; call once all are pushed.
    pub fn finish(&mut self) {
        self.seal();
        self.open = String::new();
        self.blocks.shrink_to_fit();
        self.starts.shrink_to_fit();
    }

    fn seal(&mut self) {
        if self.open.is_empty() {
            return;
        }
        let text = self.open.as_bytes();
        let bytes = if self.packed { lz4_flex::block::compress(text) } else { text.to_vec() };
        let fields = self.open_first..self.starts.len();
        self.blocks.push(Block { bytes: bytes.into_boxed_slice(), len: text.len(), fields });
        self.open.clear();
        self.open_first = self.starts.len();
    }

    /// How many bytes of folded text it holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// How many blocks it is kept in.
    #[cfg(test)]
    pub fn blocks(&self) -> usize {
        self.blocks.len()
    }

    /// How many bytes it takes in memory, packed.
    #[cfg(test)]
    pub fn held(&self) -> usize {
        self.blocks.iter().map(|b| b.bytes.len()).sum::<usize>() + self.starts.len() * size_of::<(u32, u32)>()
    }

    /// For each word, the best match in each item that has one, in item order, and the
    /// blocks it was found in. A word is looked for only in the blocks it is given (where a
    /// word it holds was found before), or in all. A large haystack is read in two halves at
    /// once; a match cannot cross from one to the other, or from one block to the next, as
    /// query words hold no line feed. Once `stop` is set, no further block is read (what was
    /// found so far is given).
    pub fn matches(&self, words: &[Needle], spans: &[Span], stop: &AtomicBool) -> (Vec<Vec<Found>>, Vec<Blocks>) {
        let blocks = self.blocks.len();
        if self.len < PARALLEL_FROM {
            return self.scan(words, spans, 0..blocks, stop);
        }
        let half = self.blocks.partition_point(|b| (self.starts[b.fields.start].0 as usize) < self.len / 2);
        let (first, second) = std::thread::scope(|scope| {
            let other = scope.spawn(|| self.scan(words, spans, half..blocks, stop));
            (self.scan(words, spans, 0..half, stop), other.join())
        });
        let ((found, mut seen), (more, seen_too)) =
            (first, second.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        for (seen, too) in seen.iter_mut().zip(&seen_too) {
            seen.add(too);
        }
        (found.into_iter().zip(more).map(|(first, second)| join(first, second)).collect(), seen)
    }

    /// For each word, the best match in each item among `blocks`, in item order, and the
    /// blocks it was found in.
    pub fn scan(
        &self,
        words: &[Needle],
        spans: &[Span],
        blocks: Range<usize>,
        stop: &AtomicBool,
    ) -> (Vec<Vec<Found>>, Vec<Blocks>) {
        let mut found: Vec<Vec<Found>> = vec![Vec::new(); words.len()];
        let mut seen = vec![Blocks::new(self.blocks.len()); words.len()];
        let mut unpacked = Vec::new();
        for (number, block) in self.blocks.iter().enumerate().take(blocks.end).skip(blocks.start) {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let wanted = |word: &Needle| word.within.is_none_or(|within| within.contains(number));
            if !words.iter().any(wanted) {
                continue;
            }
            let text = self.unpack(block, &mut unpacked);
            let fields = block.fields.clone();
            let base = self.starts[fields.start].0 as usize;
            let start_of = |field: usize| self.starts.get(field).map_or(usize::MAX, |s| s.0 as usize - base);
            for ((word, found), seen) in words.iter().zip(&mut found).zip(&mut seen) {
                if !wanted(word) {
                    continue;
                }
                let finder = &word.finder;
                let len = finder.needle().len();
                // Matches come in order, so the field they fall in only moves forward.
                let mut field = fields.start;
                let mut matches = finder.find_iter(text).peekable();
                if matches.peek().is_some() {
                    seen.insert(number);
                }
                for at in matches {
                    while field + 1 < fields.end && start_of(field + 1) <= at {
                        field += 1;
                    }
                    let span = self.starts[field].1;
                    let (item, rank) = (spans[span as usize].item, spans[span as usize].rank());
                    let quality = closeness(text, at..at + len);
                    match found.last_mut() {
                        Some(best) if best.0 == item => {
                            if (rank, quality) < (best.1, best.2) {
                                *best = (item, rank, quality, span);
                            }
                        }
                        _ => found.push((item, rank, quality, span)),
                    }
                }
            }
        }
        (found, seen)
    }

    /// The folded text of `block`, unpacked into `buffer` if it is packed.
    fn unpack<'a>(&'a self, block: &'a Block, buffer: &'a mut Vec<u8>) -> &'a [u8] {
        if !self.packed {
            return &block.bytes;
        }
        buffer.resize(block.len, 0);
        let len = lz4_flex::block::decompress_into(&block.bytes, buffer).expect("a block packed here unpacks");
        &buffer[..len]
    }
}

/// The found of two halves joined: an item whose fields the halves share is given by both,
/// and the better stays, or the first.
fn join(mut first: Vec<Found>, second: Vec<Found>) -> Vec<Found> {
    let mut rest = second.into_iter().peekable();
    if let (Some(last), Some(next)) = (first.last_mut(), rest.peek())
        && last.0 == next.0
    {
        if (next.1, next.2) < (last.1, last.2) {
            *last = *next;
        }
        rest.next();
    }
    first.extend(rest);
    first
}

/// How closely a match at `range` of `text` sits on word boundaries: 0 for a whole word,
/// 1 for a word's start, 2 for the inside of a word. `range` lies on character boundaries.
pub fn closeness(text: &[u8], range: Range<usize>) -> u8 {
    let before = char_before(text, range.start).is_none_or(|c| !c.is_alphanumeric());
    let after = char_after(text, range.end).is_none_or(|c| !c.is_alphanumeric());
    match (before, after) {
        (true, true) => 0,
        (true, false) => 1,
        _ => 2,
    }
}

/// The character that ends just before `at`.
fn char_before(text: &[u8], at: usize) -> Option<char> {
    let lead = (at.saturating_sub(4)..at).rev().find(|&i| text[i] & 0xC0 != 0x80)?;
    std::str::from_utf8(&text[lead..at]).ok()?.chars().next()
}

/// The character that starts at `at`.
fn char_after(text: &[u8], at: usize) -> Option<char> {
    let rest = &text[at.min(text.len())..(at + 4).min(text.len())];
    let valid = match std::str::from_utf8(rest) {
        Ok(valid) => valid,
        Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).ok()?,
    };
    valid.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Field, Index};

    /// Every match of `word` in `hay`, the plain way: (item, rank, quality, span) per item.
    fn plainly(index: &Index, hay: &Haystack, word: &str) -> Vec<Found> {
        let mut unpacked = Vec::new();
        let whole: Vec<u8> = hay.blocks.iter().flat_map(|b| hay.unpack(b, &mut unpacked).to_vec()).collect();
        assert_eq!(whole.len(), hay.len());
        let mut found: Vec<Found> = Vec::new();
        for at in memchr::memmem::find_iter(&whole, word.as_bytes()) {
            let field = hay.starts.partition_point(|s| s.0 as usize <= at) - 1;
            let span = hay.starts[field].1;
            let s = &index.spans[span as usize];
            let this = (s.item, s.rank(), closeness(&whole, at..at + word.len()), span);
            match found.last_mut() {
                Some(best) if best.0 == this.0 => {
                    if (this.1, this.2) < (best.1, best.2) {
                        *best = this;
                    }
                }
                _ => found.push(this),
            }
        }
        found
    }

    #[test]
    fn a_large_packed_haystack_gives_every_match_in_order_as_the_whole_text_does() {
        let corpus = crate::read::load::load_str(&crate::synth::corpus(2, 8000)).unwrap();
        let index = Index::new(&corpus);
        let hay = &index.texts;
        assert!(hay.len() >= PARALLEL_FROM, "read in halves: {}", hay.len());
        assert!(hay.blocks.len() > 50, "many blocks: {}", hay.blocks.len());
        assert!(hay.held() < hay.len() * 3 / 4, "packed: {} of {}", hay.held(), hay.len());
        let words = ["sovereignty", "ga", "riga", "ligums", "zzz", "граница"];
        fn needles<'a>(words: &[&'a str], within: &[Option<&'a Blocks>]) -> Vec<Needle<'a>> {
            words.iter().zip(within).map(|(w, &within)| Needle { finder: Finder::new(w.as_bytes()), within }).collect()
        }
        let anywhere = needles(&words, &[None; 6]);
        let go = AtomicBool::new(false);
        let (found, seen) = hay.matches(&anywhere, &index.spans, &go);
        let (in_one_pass, seen_in_one_pass) = hay.scan(&anywhere, &index.spans, 0..hay.blocks.len(), &go);
        assert_eq!(seen, seen_in_one_pass);
        for (n, word) in words.iter().enumerate() {
            let expected = plainly(&index, hay, word);
            assert_eq!(found[n], expected, "{word}");
            assert_eq!(in_one_pass[n], expected, "{word}");
            let unpacked = |b: &Block| hay.unpack(b, &mut Vec::new()).to_vec();
            let holding = hay
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| memchr::memmem::find(&unpacked(b), word.as_bytes()).is_some());
            assert!(holding.map(|(i, _)| i).eq((0..hay.blocks.len()).filter(|&i| seen[n].contains(i))), "{word}");
        }
        assert!(
            found[0].len() > 100 && found[4].is_empty() && found[5].len() > 100,
            "{:?}",
            found.iter().map(Vec::len).collect::<Vec<_>>()
        );
        assert_eq!(seen[4].count(), 0);
        // Looked for only where a word within it was found, a word is found all the same.
        let within = [Some(&seen[0]), None, Some(&seen[1]), None, None, Some(&seen[5])];
        let (narrowed, _) = hay.matches(&needles(&words, &within), &index.spans, &go);
        assert_eq!(narrowed, found);
        let (stopped, _) = hay.matches(&anywhere, &index.spans, &AtomicBool::new(true));
        assert!(stopped.iter().all(Vec::is_empty), "a stopped search reads no block");
    }

    #[test]
    fn only_the_blocks_a_word_is_given_are_read() {
        let spans: Vec<Span> = (0..4).map(|n| Span::new(n, Field::Body(0))).collect();
        let filler = " x".repeat(BLOCK / 2);
        let fields =
            [format!("the zanzibar treaty{filler}"), filler.clone(), format!("zanzibar again{filler}"), filler];
        let mut hay = Haystack::new(true);
        for (span, field) in fields.iter().enumerate() {
            hay.push(field, span as u32);
        }
        hay.finish();
        assert_eq!(hay.blocks.len(), 4);
        let go = AtomicBool::new(false);
        let (found, seen) = hay.matches(&[Needle { finder: Finder::new(b"zanz"), within: None }], &spans, &go);
        assert_eq!((found[0].len(), seen[0].count()), (2, 2));
        assert!(seen[0].contains(0) && seen[0].contains(2));
        // Given only the first block, the word is not found in the third.
        let mut first = Blocks::new(4);
        first.insert(0);
        let (found, _) = hay.matches(&[Needle { finder: Finder::new(b"zanzibar"), within: Some(&first) }], &spans, &go);
        assert_eq!(found[0], [(0, 4, 0, 0)]);
    }

    #[test]
    fn fields_longer_than_a_block_and_fields_on_block_edges_are_read_whole() {
        let spans: Vec<Span> = (0..6).map(|n| Span::new(n / 2, Field::Body(n))).collect();
        let long = "word ".repeat(BLOCK / 5 * 2) + "treaty";
        let edge = "x".repeat(BLOCK - 20) + " riga";
        let fields = [long.as_str(), "riga treaty", edge.as_str(), "latvia", "", "the treaty"];
        for packed in [true, false] {
            let mut hay = Haystack::new(packed);
            for (span, field) in fields.iter().enumerate() {
                hay.push(field, span as u32);
            }
            hay.finish();
            assert!(hay.blocks.len() >= 3, "{}", hay.blocks.len());
            assert_eq!(hay.len(), fields.iter().map(|f| f.len() + 1).sum::<usize>());
            let needles = ["treaty", "riga", "wo"].map(|w| Needle { finder: Finder::new(w.as_bytes()), within: None });
            let (found, _) = hay.matches(&needles, &spans, &AtomicBool::new(false));
            // "treaty": a whole word in item 0 (span 0 and 1) and item 2 (span 5).
            assert_eq!(found[0], [(0, 4, 0, 0), (2, 4, 0, 5)]);
            // "riga": item 0 (span 1, a whole word) and item 1 (span 2, at the very end of a block).
            assert_eq!(found[1], [(0, 4, 0, 1), (1, 4, 0, 2)]);
            // "wo": the start of a word, in item 0 only.
            assert_eq!(found[2], [(0, 4, 1, 0)]);
        }
    }

    #[test]
    fn closeness_of_whole_words_starts_and_insides() {
        assert_eq!(closeness(b"a base b", 2..6), 0);
        assert_eq!(closeness(b"baseline", 0..4), 1);
        assert_eq!(closeness(b"database", 4..8), 2);
        // Letters of more than one byte on either side count as letters.
        let text = "\u{10d}ela riga\u{17e} \u{436}riga".as_bytes();
        let at = |from: usize| from..from + 4;
        assert_eq!(closeness(text, at(6)), 1, "riga followed by ž");
        assert_eq!(closeness(text, at(15)), 2, "riga after ж");
        assert_eq!(closeness("\u{2014}riga\u{2014}".as_bytes(), 3..7), 0, "dashes are not letters");
    }
}
