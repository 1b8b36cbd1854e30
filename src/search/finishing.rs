//! Putting postings gathered in parts together: the parts held in memory, or written out
//! to files of their own while the rest is gathered (so that building a large index holds
//! only part of what it gathers) and read back in the order of their words.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use fst::Map;

use super::postings::{Builder, Gathered, Postings, push_varint, varint};

/// The postings gathered for a run of fields.
pub struct PostingsRun {
    /// Each word and its number.
    words: Vec<(Box<str>, u32)>,
    /// Per word, while they are held: its last field, how many it occurs in, its fields
    /// and its places.
    gathered: Vec<Gathered>,
    spilled: Option<Spilled>,
}

/// A part's fields and places written out, each word's after the word before it in order.
struct Spilled {
    /// Per word, by number: what [`Gathered`] holds but the bytes, and how many bytes its
    /// fields and its places take.
    words: Vec<Written>,
    fields: BufReader<File>,
    places: BufReader<File>,
}

struct Written {
    last: u32,
    count: u32,
    fields: u64,
    places: u64,
}

impl From<Builder> for PostingsRun {
    fn from(builder: Builder) -> Self {
        Self { words: builder.numbers.into_iter().collect(), gathered: builder.words, spilled: None }
    }
}

impl PostingsRun {
    /// What `builder` gathered, written out to two files `file` makes (read back from their
    /// start), its words numbered anew in order; only their lengths are held.
    pub fn spill(builder: Builder, mut file: impl FnMut() -> io::Result<File>) -> io::Result<Self> {
        let Builder { numbers, words: mut gathered, .. } = builder;
        let mut words: Vec<(Box<str>, u32)> = numbers.into_iter().collect();
        words.sort_unstable();
        let (mut fields, mut places) = (BufWriter::new(file()?), BufWriter::new(file()?));
        let mut written = Vec::with_capacity(words.len());
        for (new, (_, n)) in words.iter_mut().enumerate() {
            let word = std::mem::take(&mut gathered[*n as usize]);
            fields.write_all(&word.fields)?;
            places.write_all(&word.places)?;
            let (last, count) = (word.last, word.count);
            written.push(Written { last, count, fields: word.fields.len() as u64, places: word.places.len() as u64 });
            *n = new as u32;
        }
        drop(gathered);
        let back = |out: BufWriter<File>| -> io::Result<BufReader<File>> {
            let mut file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.seek(SeekFrom::Start(0))?;
            Ok(BufReader::with_capacity(1 << 16, file))
        };
        let spilled = Spilled { words: written, fields: back(fields)?, places: back(places)? };
        Ok(Self { words, gathered: Vec::new(), spilled: Some(spilled) })
    }

    /// How many bytes the fields and the places of its words take.
    fn sizes(&self) -> (usize, usize) {
        match &self.spilled {
            Some(spilled) => {
                spilled.words.iter().fold((0, 0), |(f, p), w| (f + w.fields as usize, p + w.places as usize))
            }
            None => {
                (self.gathered.iter().map(|w| w.fields.len()).sum(), self.gathered.iter().map(|w| w.places.len()).sum())
            }
        }
    }

    /// Word `n`'s fields, into `into`; given up by a part held, read by one written out
    /// (whose words must be asked for in the order of their numbers).
    fn take_fields(&mut self, n: u32, into: &mut Vec<u8>) -> io::Result<()> {
        match &mut self.spilled {
            None => *into = std::mem::take(&mut self.gathered[n as usize].fields),
            Some(spilled) => read(&mut spilled.fields, spilled.words[n as usize].fields, into)?,
        }
        Ok(())
    }

    /// Word `n`'s places, as [`PostingsRun::take_fields`] gives its fields.
    fn take_places(&mut self, n: u32, into: &mut Vec<u8>) -> io::Result<()> {
        match &mut self.spilled {
            None => *into = std::mem::take(&mut self.gathered[n as usize].places),
            Some(spilled) => read(&mut spilled.places, spilled.words[n as usize].places, into)?,
        }
        Ok(())
    }

    /// Word `n`'s last field (one more than its number) and how many fields it occurs in.
    fn seen(&self, n: u32) -> (u32, u32) {
        match &self.spilled {
            None => (self.gathered[n as usize].last, self.gathered[n as usize].count),
            Some(spilled) => (spilled.words[n as usize].last, spilled.words[n as usize].count),
        }
    }
}

fn read(from: &mut BufReader<File>, len: u64, into: &mut Vec<u8>) -> io::Result<()> {
    into.resize(usize::try_from(len).map_err(io::Error::other)?, 0);
    from.read_exact(into)
}

/// The postings gathered by `parts` held in memory, each of whose fields come after those
/// of the part before (parts of the corpus gathered at once), the words in order.
pub fn finish<const N: usize>(parts: [PostingsRun; N]) -> Postings {
    // Put together in runs of exactly their size: the index of a large corpus is large.
    let (fields, places) = parts.iter().map(PostingsRun::sizes).fold((0, 0), |(f, p), (g, q)| (f + g, p + q));
    let (mut fields, mut places) = (Vec::with_capacity(fields), Vec::with_capacity(places));
    let mut finishing = Finishing::new(parts);
    finishing.write_fields(&mut fields).expect("a part held and a vector take every byte");
    finishing.write_places(&mut places).expect("a part held and a vector take every byte");
    finishing.postings().with(fields.into(), places.into())
}

/// The postings gathered by parts, being written out: the fields of every word in order,
/// then the places (each part's given up as it is written), and last what finds them. The
/// parts are put together as they are written, never in memory.
pub struct Finishing<const N: usize> {
    /// Every word, in order, with its number in each part that has it.
    order: Vec<(Box<str>, [Option<u32>; N])>,
    parts: [PostingsRun; N],
    /// Folded word → its number.
    words: Map<Vec<u8>>,
    /// Where each word's fields end, and its places.
    ends: Vec<(u64, u64)>,
}

impl<const N: usize> Finishing<N> {
    /// The words of `parts`, each of whose fields come after those of the part before, in
    /// order.
    pub fn new(mut parts: [PostingsRun; N]) -> Self {
        // Each part's words in order, merged: a word in several parts is held once.
        let mut lists: Vec<_> = (parts.iter_mut())
            .map(|part| {
                let mut words = std::mem::take(&mut part.words);
                words.sort_unstable();
                words.into_iter().peekable()
            })
            .collect();
        let mut order: Vec<(Box<str>, [Option<u32>; N])> = Vec::new();
        while let Some(k) =
            (lists.iter_mut().enumerate()).filter_map(|(k, list)| Some((&list.peek()?.0, k))).min().map(|(_, k)| k)
        {
            let Some((word, n)) = lists[k].next() else { break };
            let mut numbers = [None; N];
            numbers[k] = Some(n);
            for (j, list) in lists.iter_mut().enumerate().skip(k + 1) {
                numbers[j] = list.next_if(|(other, _)| *other == word).map(|(_, m)| m);
            }
            order.push((word, numbers));
        }
        let mut map = fst::MapBuilder::memory();
        for (new, (word, _)) in order.iter().enumerate() {
            map.insert(word.as_bytes(), new as u64).expect("words are inserted once each, in order");
        }
        let words = Map::new(map.into_inner().expect("an fst in memory")).expect("an fst just built");
        Finishing { ends: Vec::with_capacity(order.len()), order, parts, words }
    }

    /// Its vocabulary, as [`Postings::runs`] gives it.
    pub fn vocabulary(&self) -> &[u8] {
        self.words.as_fst().as_bytes()
    }

    /// Writes the fields of every word, in order, to `out`: each part's after the part
    /// before, its first field counted from the last of the part before.
    pub fn write_fields(&mut self, out: &mut impl Write) -> io::Result<()> {
        let mut at = 0;
        let (mut first, mut fields) = (Vec::new(), Vec::new());
        for (_, numbers) in &self.order {
            // One more than the last field written, 0 before the first.
            let mut last = 0;
            for (part, n) in self.parts.iter_mut().zip(numbers) {
                let Some(n) = *n else { continue };
                part.take_fields(n, &mut fields)?;
                let mut read = 0;
                // A part's first field is written after "no field"; here it follows `last`.
                let Some(delta) = varint(&fields, &mut read) else { continue };
                first.clear();
                push_varint(&mut first, delta - last);
                out.write_all(&first)?;
                out.write_all(&fields[read..])?;
                at += (first.len() + fields.len() - read) as u64;
                last = part.seen(n).0;
            }
            self.ends.push((at, 0));
        }
        Ok(())
    }

    /// Writes the places of every word, in order, to `out`, after [`Finishing::write_fields`].
    pub fn write_places(&mut self, out: &mut impl Write) -> io::Result<()> {
        let mut at = 0;
        let mut places = Vec::new();
        for ((_, numbers), end) in self.order.iter().zip(&mut self.ends) {
            for (part, n) in self.parts.iter_mut().zip(numbers) {
                let Some(n) = *n else { continue };
                part.take_places(n, &mut places)?;
                out.write_all(&places)?;
                at += places.len() as u64;
            }
            end.1 = at;
        }
        Ok(())
    }

    /// The postings without their runs of fields and places (which were written out).
    pub fn postings(self) -> Postings {
        let mut starts = Vec::with_capacity(self.order.len() + 1);
        starts.push((0, 0));
        starts.extend(self.ends);
        let count = |numbers: &[Option<u32>; N]| -> u32 {
            self.parts.iter().zip(numbers).filter_map(|(part, n)| n.map(|n| part.seen(n).1)).sum()
        };
        let counts = self.order.iter().map(|(_, numbers)| count(numbers)).collect();
        Postings::new(self.words, counts, starts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Postings of `fields` gathered in four parts of consecutive fields, the first
    /// `spilled` of them written out.
    fn in_parts(fields: &[&str], spilled: usize) -> Postings {
        let mut builders: [Builder; 4] = Default::default();
        for (span, text) in fields.iter().enumerate() {
            builders[span * 4 / fields.len()].add(span as u32, text.split_whitespace());
        }
        let mut k = 0;
        let parts = builders.map(|builder| {
            k += 1;
            if k <= spilled { PostingsRun::spill(builder, tempfile::tempfile).unwrap() } else { builder.into() }
        });
        let mut finishing = Finishing::new(parts);
        let (mut fields, mut places) = (Vec::new(), Vec::new());
        finishing.write_fields(&mut fields).unwrap();
        finishing.write_places(&mut places).unwrap();
        finishing.postings().with(fields.into(), places.into())
    }

    #[test]
    fn parts_written_out_and_read_back_are_put_together_as_parts_held() {
        let fields = [
            "the pact of mutual assistance",
            "",
            "the pact the pact the pact",
            "bases and garrisons",
            "Žemaitija ir Vilnius",
            "the bases of the fleet",
            "a word found once: zanzibar",
            "pact",
        ];
        let mut whole = Builder::default();
        for (span, text) in fields.iter().enumerate() {
            whole.add(span as u32, text.split_whitespace());
        }
        let whole = finish([whole.into()]);
        let listed = |p: &Postings, word: &str| -> Vec<(u32, u32, Vec<u32>)> { p.whole(p.get(word).expect(word)) };
        for spilled in [0, 1, 2, 4] {
            let parts = in_parts(&fields, spilled);
            assert_eq!(parts.runs(), whole.runs(), "{spilled} written out");
            for word in ["the", "pact", "bases", "Vilnius", "zanzibar", "of"] {
                assert_eq!(listed(&parts, word), listed(&whole, word), "{word}, {spilled} written out");
            }
            assert_eq!(postcard::to_stdvec(&parts).unwrap(), postcard::to_stdvec(&whole).unwrap());
        }
        assert_eq!(listed(&whole, "pact"), [(0, 1, vec![1]), (2, 3, vec![1, 3, 5]), (7, 1, vec![0])]);
    }

    #[test]
    fn a_part_that_cannot_be_written_out_is_an_error_not_a_loss() {
        let mut builder = Builder::default();
        builder.add(0, ["pact"].into_iter());
        let refused = PostingsRun::spill(builder, || Err(io::Error::other("no room")));
        assert_eq!(refused.err().map(|e| e.to_string()).as_deref(), Some("no room"));
    }
}
