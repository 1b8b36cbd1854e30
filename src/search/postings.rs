//! An inverted index of folded words: the distinct words in an fst (for exact, prefix and
//! typo lookups by automaton), and for each word the fields it occurs in, how often, and
//! where, packed as variable-length integers.

use fst::{Automaton, IntoStreamer, Map, Streamer};
use hashbrown::HashMap;
use serde::{Deserialize, Serialize};

use super::Bytes;

/// The words of some fields and where they occur. Serialized without its three runs of
/// bytes (the fst, `fields` and `places`), which are kept apart as they are (see
/// [`Postings::runs`]), so that reading them back copies nothing.
#[derive(Debug, Serialize, Deserialize)]
pub struct Postings {
    /// Folded word → its number.
    #[serde(skip)]
    words: Map<Vec<u8>>,
    /// Where each word's fields start in `fields`, and where its places start in `places`
    /// (one more than there are words).
    starts: Vec<(u64, u64)>,
    /// How many fields each word occurs in.
    counts: Vec<u32>,
    /// Per word, per field it occurs in: the field's number (less the one before) and how
    /// often the word occurs in it.
    #[serde(skip)]
    fields: Bytes,
    /// Per word, per field: the length in bytes of what follows, then the word's places in
    /// the field (each less the one before).
    #[serde(skip)]
    places: Bytes,
}

/// One word's occurrences in one field.
#[derive(Clone, Copy, Debug)]
pub struct Posting<'a> {
    pub span: u32,
    places: &'a [u8],
}

impl Posting<'_> {
    /// Where in the field (by word, from 0) the word occurs.
    pub fn places(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        let mut last = 0u32;
        std::iter::from_fn(move || {
            let delta = varint(self.places, &mut at)?;
            last = last.wrapping_add(delta);
            Some(last)
        })
    }
}

impl Postings {
    /// The postings of `words`: by number, how many fields each occurs in and where its
    /// postings start (and, last, end); their runs of fields and places are to come
    /// ([`Postings::with`]).
    pub(super) fn new(words: Map<Vec<u8>>, counts: Vec<u32>, starts: Vec<(u64, u64)>) -> Self {
        Self { words, starts, counts, fields: Bytes::default(), places: Bytes::default() }
    }

    /// With `fields` and `places` as its runs of fields and places.
    pub(super) fn with(mut self, fields: Bytes, places: Bytes) -> Self {
        (self.fields, self.places) = (fields, places);
        self
    }

    /// Its runs of bytes: the fst of its words, the fields, the places.
    pub fn runs(&self) -> [&[u8]; 3] {
        [self.words.as_fst().as_bytes(), &self.fields, &self.places]
    }

    /// Takes back its runs of bytes, as [`Postings::runs`] gave them; whether they are an fst
    /// and runs of bytes (what they hold is checked by [`Postings::sound`]).
    pub fn set_runs(&mut self, [words, fields, places]: [Vec<u8>; 3]) -> bool {
        let Ok(words) = Map::new(words) else { return false };
        (self.words, self.fields, self.places) = (words, fields.into(), places.into());
        true
    }

    /// Takes runs of fields and places in place of those it has; whether they are as long
    /// (and so hold together as [`Postings::sound`] found those).
    pub fn set_postings(&mut self, fields: Bytes, places: Bytes) -> bool {
        let fits = fields.len() == self.fields.len() && places.len() == self.places.len();
        if fits {
            (self.fields, self.places) = (fields, places);
        }
        fits
    }

    /// How many distinct words there are.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether its fields and places lie in a mapped file.
    #[cfg(test)]
    pub fn mapped(&self) -> bool {
        self.fields.is_mapped() && self.places.is_mapped()
    }

    /// How many bytes the occurrences take.
    pub fn bytes(&self) -> usize {
        self.fields.len() + self.places.len() + self.words.as_fst().as_bytes().len()
    }

    /// The number of folded `word`, if it occurs.
    pub fn get(&self, word: &str) -> Option<u32> {
        self.words.get(word).filter(|&n| n < self.counts.len() as u64).map(|n| n as u32)
    }

    /// The words the automaton accepts, with their numbers, in order.
    pub fn matching<A: Automaton>(&self, automaton: A) -> Vec<(String, u32)> {
        let mut found = Vec::new();
        let mut stream = self.words.search(automaton).into_stream();
        while let Some((word, n)) = stream.next() {
            // A number past the words (of a damaged index) names none of them.
            if n < self.counts.len() as u64 {
                found.push((String::from_utf8_lossy(word).into_owned(), n as u32));
            }
        }
        found
    }

    /// How many fields word `n` occurs in.
    pub fn count(&self, n: u32) -> u32 {
        self.counts[n as usize]
    }

    /// Where word `n`'s postings lie in its runs of fields and places.
    pub fn reach(&self, n: u32) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        let (from, to) = (self.starts.get(n as usize), self.starts.get(n as usize + 1));
        let ((fields, places), (fields_end, places_end)) = from.zip(to).map_or(((0, 0), (0, 0)), |(a, b)| (*a, *b));
        (fields as usize..fields_end as usize, places as usize..places_end as usize)
    }

    /// The fields word `n` occurs in, in order.
    pub fn of(&self, n: u32) -> Iter<'_> {
        let (from, places_from) = self.starts[n as usize];
        let (to, places_to) = self.starts[n as usize + 1];
        Iter {
            fields: &self.fields[from as usize..to as usize],
            places: &self.places[places_from as usize..places_to as usize],
            at: 0,
            places_at: 0,
            // The first field is written as one more than its number, as if after field -1.
            span: u32::MAX,
        }
    }

    /// The fields word `n` is in, each with how often: its postings without their places,
    /// which are not read.
    pub fn fields_of(&self, n: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let (from, _) = self.starts[n as usize];
        let (to, _) = self.starts[n as usize + 1];
        let fields = &self.fields[from as usize..to as usize];
        let (mut at, mut span) = (0, u32::MAX);
        std::iter::from_fn(move || {
            span = span.wrapping_add(varint(fields, &mut at)?);
            Some((span, varint(fields, &mut at)?))
        })
    }

    /// Word `n`'s postings whole: each field, how often, and the places.
    #[cfg(test)]
    pub fn whole(&self, n: u32) -> Vec<(u32, u32, Vec<u32>)> {
        self.of(n).zip(self.fields_of(n)).map(|(p, (span, count))| (span, count, p.places().collect())).collect()
    }

    /// Whether its parts fit together: as many words as word counts, every word's postings
    /// within the bytes. For postings read back from disk, before they are trusted; what
    /// they hold is checked as it is read (a word's number past the words is no word, a
    /// field number beyond the index is passed over, a cut-off number ends the postings).
    pub fn holds_together(&self) -> bool {
        let words = self.counts.len();
        let ends_fit = self.starts.len() == words + 1
            && self.starts.first() == Some(&(0, 0))
            && self.starts.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1)
            && self.starts.last().is_some_and(|&(f, p)| f == self.fields.len() as u64 && p == self.places.len() as u64);
        ends_fit && self.words.len() == words
    }
}

/// The postings of one word, field by field.
pub struct Iter<'a> {
    fields: &'a [u8],
    places: &'a [u8],
    at: usize,
    places_at: usize,
    span: u32,
}

impl<'a> Iterator for Iter<'a> {
    type Item = Posting<'a>;

    fn next(&mut self) -> Option<Posting<'a>> {
        self.span = self.span.wrapping_add(varint(self.fields, &mut self.at)?);
        // How often it occurs, which the places say as well.
        varint(self.fields, &mut self.at)?;
        let len = varint(self.places, &mut self.places_at)? as usize;
        let own = self.places.get(self.places_at..self.places_at.checked_add(len)?)?;
        self.places_at += len;
        Some(Posting { span: self.span, places: own })
    }
}

/// Reads a variable-length integer at `at`, moving past it.
pub(super) fn varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u32::from(byte & 0x7F).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

pub(super) fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Makes room for `more` bytes in `bytes`, growing it by a quarter rather than doubling it:
/// a large corpus's postings are gathered in many vectors at once, whose unused room would
/// otherwise be as much as half again what they hold.
fn room(bytes: &mut Vec<u8>, more: usize) {
    if bytes.capacity() - bytes.len() < more {
        bytes.reserve_exact(more.max(bytes.len() / 4).max(16));
    }
}

/// Postings being gathered, field by field in order.
#[derive(Default)]
pub struct Builder {
    pub(super) numbers: HashMap<Box<str>, u32>,
    pub(super) words: Vec<Gathered>,
    /// The field being added: its words' numbers and places.
    scratch: Vec<(u32, u32)>,
}

#[derive(Default)]
pub(super) struct Gathered {
    /// One more than the last field added.
    pub(super) last: u32,
    pub(super) count: u32,
    pub(super) fields: Vec<u8>,
    pub(super) places: Vec<u8>,
}

impl Builder {
    /// Adds the field numbered `span` (higher than any added before), given its folded
    /// words in order; how many words it has.
    #[cfg(test)]
    pub fn add<'a>(&mut self, span: u32, words: impl Iterator<Item = &'a str>) -> u32 {
        for word in words {
            self.word(word);
        }
        self.end(span)
    }

    /// Adds folded `word` as the next word of the field being added.
    pub fn word(&mut self, word: &str) {
        let n = match self.numbers.get(word) {
            Some(&n) => n,
            None => {
                let n = self.words.len() as u32;
                self.numbers.insert(word.into(), n);
                self.words.push(Gathered::default());
                n
            }
        };
        let place = self.scratch.len() as u32;
        self.scratch.push((n, place));
    }

    /// Ends the field being added, numbered `span` (higher than any ended before); how many
    /// words it has.
    pub fn end(&mut self, span: u32) -> u32 {
        let len = self.scratch.len() as u32;
        self.scratch.sort_unstable();
        let mut i = 0;
        let mut own = Vec::new();
        while i < self.scratch.len() {
            let n = self.scratch[i].0;
            let end = i + self.scratch[i..].iter().take_while(|(m, _)| *m == n).count();
            let word = &mut self.words[n as usize];
            room(&mut word.fields, 10);
            push_varint(&mut word.fields, span + 1 - word.last);
            push_varint(&mut word.fields, (end - i) as u32);
            word.last = span + 1;
            word.count += 1;
            own.clear();
            let mut before = 0;
            for &(_, place) in &self.scratch[i..end] {
                push_varint(&mut own, place - before);
                before = place;
            }
            room(&mut word.places, own.len() + 5);
            push_varint(&mut word.places, own.len() as u32);
            word.places.extend_from_slice(&own);
            i = end;
        }
        self.scratch.clear();
        len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(fields: &[&str]) -> Postings {
        let mut builder = Builder::default();
        for (span, text) in fields.iter().enumerate() {
            builder.add(span as u32, text.split_whitespace());
        }
        super::super::finishing::finish([builder.into()])
    }

    /// Gathered postings hold little room they do not use: a large corpus's index is built
    /// next to the corpus, and its peak is the explorer's.
    #[test]
    fn gathered_postings_grow_by_a_quarter_not_by_doubling() {
        let mut builder = Builder::default();
        for span in 0..20_000 {
            let words = ["the", "treaty", "of", "mutual", "assistance"];
            builder.add(span, words.iter().cycle().skip(span as usize % 5).take(3 + span as usize % 7).copied());
        }
        for word in &builder.words {
            for bytes in [&word.fields, &word.places] {
                assert!(bytes.len() > 10_000, "{}", bytes.len());
                assert!(
                    bytes.capacity() <= bytes.len() + bytes.len() / 4 + 16,
                    "{} for {}",
                    bytes.capacity(),
                    bytes.len()
                );
            }
        }
    }

    #[test]
    fn each_word_knows_its_fields_how_often_and_where() {
        let postings = build(&["the pact of the states", "a pact", "", "states and the pact"]);
        let pact = postings.get("pact").unwrap();
        let found: Vec<(u32, u32, Vec<u32>)> = postings.whole(pact);
        assert_eq!(found, [(0, 1, vec![1]), (1, 1, vec![1]), (3, 1, vec![3])]);
        let the = postings.get("the").unwrap();
        let places: Vec<Vec<u32>> = postings.of(the).map(|p| p.places().collect()).collect();
        assert_eq!(places, [vec![0, 3], vec![2]]);
        assert_eq!(postings.count(the), 2);
        assert_eq!(postings.get("pacts"), None);
        assert!(postings.holds_together());
    }

    #[test]
    fn postings_gathered_in_two_halves_are_those_gathered_at_once() {
        let fields = ["a pact", "the pact of the states", "", "states and the pact", "a treaty", "pact pact"];
        let whole = build(&fields);
        let mut first = Builder::default();
        let mut later = Builder::default();
        for (span, text) in fields.iter().enumerate() {
            let builder = if span < 3 { &mut first } else { &mut later };
            builder.add(span as u32, text.split_whitespace());
        }
        let halves = super::super::finishing::finish([first.into(), later.into()]);
        assert_eq!(halves.len(), whole.len());
        for word in ["a", "pact", "the", "of", "states", "and", "treaty"] {
            let listed = |p: &Postings| -> Vec<(u32, u32, Vec<u32>)> { p.whole(p.get(word).unwrap()) };
            assert_eq!(listed(&halves), listed(&whole), "{word}");
            assert_eq!(halves.count(halves.get(word).unwrap()), whole.count(whole.get(word).unwrap()));
        }
    }

    #[test]
    fn words_are_found_by_prefix_in_order() {
        let postings = build(&["sovereign soviet sovereignty sow"]);
        let words: Vec<String> =
            postings.matching(fst::automaton::Str::new("sove").starts_with()).into_iter().map(|(w, _)| w).collect();
        assert_eq!(words, ["sovereign", "sovereignty"]);
    }

    #[test]
    fn large_numbers_survive_the_packing() {
        let mut builder = Builder::default();
        builder.add(5, ["x"].into_iter());
        builder.add(300_000, std::iter::repeat_n("x", 200).chain(["y"]));
        let postings = super::super::finishing::finish([builder.into()]);
        let x: Vec<(u32, u32)> = postings.fields_of(postings.get("x").unwrap()).collect();
        assert_eq!(x, [(5, 1), (300_000, 200)]);
        let y = postings.of(postings.get("y").unwrap()).next().unwrap();
        assert_eq!(y.places().collect::<Vec<_>>(), [200]);
        let bytes = postcard::to_stdvec(&postings).unwrap();
        let mut back: Postings = postcard::from_bytes(&bytes).unwrap();
        assert!(!back.holds_together(), "its runs are kept apart");
        assert!(back.set_runs(postings.runs().map(<[u8]>::to_vec)));
        assert!(back.holds_together());
        assert_eq!(back.fields_of(back.get("x").unwrap()).map(|(_, count)| count).collect::<Vec<_>>(), [1, 200]);
    }
}
