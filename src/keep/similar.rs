//! The index of similar clauses kept beside the kept copy of a corpus, so that a large
//! corpus's similar clauses are ready without being worked out again: read whole by the
//! explorer, or by `compare --similar` only as far as one question needs (the clause's
//! words, their lists, and the addresses and titles of what it finds), without the corpus.

use std::fs::File;
use std::io::{self, Write};
use std::path::PathBuf;

use super::chunks::{self, Chunked};
use super::copy::{Cache, decode};
use crate::compare::Place;
use crate::compare::similar::{Scores, Similar};
use crate::model::{Corpus, address};

/// Raised whenever the layout of a kept index of similar clauses changes.
const SIMILAR_FORMAT: u32 = 2;

/// The runs of a kept index, in order: each clause's place (two u32), where each clause's
/// vector starts (u32, one more than the clauses), the vectors (u32 word, f32 weight),
/// where each word's list starts (u32, one more than the words), the lists (u32 clause,
/// f32 weight), where each clause's address and title start (u32), the addresses and
/// titles (an address, a tab, a title), and the clauses in the order of their addresses
/// (u32).
const RUNS: usize = 8;
const PLACES: usize = 0;
const VECTOR_STARTS: usize = 1;
const VECTORS: usize = 2;
const LIST_STARTS: usize = 3;
const LISTS: usize = 4;
const SHOWN_STARTS: usize = 5;
const SHOWN: usize = 6;
const BY_ADDRESS: usize = 7;

/// A kept index of similar clauses, read a chunk at a time where a question needs it.
pub struct KeptSimilar {
    file: File,
    runs: Vec<Chunked>,
    clauses: usize,
    words: usize,
}

impl Cache {
    /// Where the index of similar clauses is kept: beside the corpus, named alike.
    pub(super) fn similar_path(&self) -> PathBuf {
        self.path.with_extension("similar")
    }

    /// The index of similar clauses kept for `corpus`, read whole, under the conditions of
    /// [`Cache::load`], and only when it holds together and is the index of `corpus`.
    pub fn load_similar(&self, corpus: &Corpus) -> Option<Similar> {
        let path = self.similar_path();
        let similar = self.open_similar().and_then(KeptSimilar::whole).filter(|similar| similar.is_index_of(corpus));
        match &similar {
            Some(_) => log::debug!("{} read", path.display()),
            None if path.exists() => log::warn!(
                "{} refused: it is damaged or not the index of this corpus; it is made again",
                path.display()
            ),
            None => {}
        }
        similar
    }

    /// The kept index of similar clauses with nothing but its table read, for a question
    /// that reads only what it needs; `None` under the conditions of [`Cache::load`], or
    /// when its table does not hold together.
    pub fn open_similar(&self) -> Option<KeptSimilar> {
        let path = self.similar_path();
        let (mut file, header) = self.open_kept(&path, SIMILAR_FORMAT)?;
        let [head, table, runs @ ..] = header.pieces.as_slice() else { return None };
        let (clauses, words): (usize, usize) = decode(&mut file, head, &mut Vec::new())?;
        let hashes: Vec<Vec<u64>> = decode(&mut file, table, &mut Vec::new())?;
        let sealed = runs.len() == RUNS
            && hashes.len() == RUNS
            && runs.iter().zip(&hashes).all(|(run, hashes)| run.hash == chunks::seal(hashes));
        if !sealed {
            log::warn!("{} refused: its table does not hold together; it is made again", path.display());
            return None;
        }
        let runs: Vec<Chunked> = runs
            .iter()
            .zip(hashes)
            .map(|(run, hashes)| Chunked::new(run.offset, run.len, hashes))
            .collect::<Option<_>>()?;
        // Each run as long as the counts say it is.
        let lens = [clauses * 8, (clauses + 1) * 4, usize::MAX, (words + 1) * 4, usize::MAX, (clauses + 1) * 4];
        let fits = runs.iter().zip(lens).all(|(run, len)| len == usize::MAX || run.bytes().len() == len)
            && runs[BY_ADDRESS].bytes().len() == clauses * 4;
        fits.then_some(KeptSimilar { file, runs, clauses, words })
    }

    /// Keeps `similar`, made for `corpus` as read from the file as it was when this cache
    /// was made, as [`Cache::save`] keeps the corpus: each run a piece of its own, checked a
    /// chunk at a time, with each clause's address and title for answering without the corpus.
    pub fn save_similar(&self, similar: &Similar, corpus: &Corpus) -> Result<(), String> {
        if !self.settled {
            return Ok(());
        }
        let path = self.similar_path();
        let fail = |e: io::Error| format!("cannot keep the similar clauses in {}: {e}", path.display());
        let (places, lists, vectors) = similar.parts();
        let shown: Vec<String> = places
            .iter()
            .map(|&(e, part)| {
                let entry = &corpus.entries[e];
                let name = entry.part(part).map_or(String::new(), |clause| clause.full_name());
                format!("{}\t{}, {name}", address::format(corpus, e, part), entry.title)
            })
            .collect();
        let mut by_address: Vec<u32> = (0..places.len() as u32).collect();
        by_address.sort_by(|&a, &b| address_of(&shown[a as usize]).cmp(address_of(&shown[b as usize])));
        let too_many = |n: usize| u32::try_from(n).is_err();
        let postings: usize = lists.iter().map(Vec::len).sum();
        let weights: usize = vectors.iter().map(Vec::len).sum();
        let shown_bytes: usize = shown.iter().map(String::len).sum();
        if [places.len(), lists.len(), postings, weights, shown_bytes].into_iter().any(too_many) {
            log::info!("{} not kept: the index is too large for its layout", path.display());
            return Ok(());
        }
        self.write_runs(&path, SIMILAR_FORMAT, corpus, |out, runs| {
            // Each run made whole, written, and let go of before the next.
            let numbers =
                |numbers: &mut dyn Iterator<Item = u32>| numbers.flat_map(u32::to_le_bytes).collect::<Vec<u8>>();
            let pairs = |all: &[Vec<(u32, f32)>]| -> Vec<u8> {
                all.iter().flatten().flat_map(|&(n, x)| n.to_le_bytes().into_iter().chain(x.to_le_bytes())).collect()
            };
            let starts = |lens: &mut dyn Iterator<Item = usize>| {
                let mut at = 0u32;
                numbers(&mut std::iter::once(0).chain(lens.map(|len| {
                    at += len as u32;
                    at
                })))
            };
            let made: [&dyn Fn() -> Vec<u8>; RUNS] = [
                &|| numbers(&mut places.iter().flat_map(|&(e, p)| [e as u32, p as u32])),
                &|| starts(&mut vectors.iter().map(Vec::len)),
                &|| pairs(vectors),
                &|| starts(&mut lists.iter().map(Vec::len)),
                &|| pairs(lists),
                &|| starts(&mut shown.iter().map(String::len)),
                &|| shown.concat().into_bytes(),
                &|| numbers(&mut by_address.iter().copied()),
            ];
            for make in made {
                out.write_all(&make())?;
                runs.push(out.end_run());
            }
            postcard::to_stdvec(&(places.len(), lists.len())).map_err(io::Error::other)
        })
        .map(|_| ())
        .map_err(fail)
    }
}

/// The address in a clause's line of addresses and titles.
fn address_of(shown: &str) -> &str {
    shown.split('\t').next().unwrap_or_default()
}

impl KeptSimilar {
    /// Bytes `range` of run `run`, each chunk they lie in read and checked.
    fn get(&mut self, run: usize, range: std::ops::Range<usize>) -> Option<&[u8]> {
        let chunked = self.runs.get_mut(run)?;
        chunked.want(&mut self.file, std::iter::once(range.clone())).then_some(())?;
        chunked.bytes().get(range)
    }

    /// The `k`th little-endian u32 of run `run`.
    fn number(&mut self, run: usize, k: usize) -> Option<u32> {
        let bytes = self.get(run, k * 4..k * 4 + 4)?;
        Some(u32::from_le_bytes(bytes.try_into().ok()?))
    }

    /// Where the `k`th item of a run of starts begins and ends.
    fn span(&mut self, starts: usize, k: usize) -> Option<std::ops::Range<usize>> {
        let (start, end) = (self.number(starts, k)? as usize, self.number(starts, k + 1)? as usize);
        (start <= end).then_some(start..end)
    }

    /// The pairs (a number and a weight) of item `k` of a run of pairs.
    fn pairs(&mut self, starts: usize, run: usize, k: usize) -> Option<Vec<(u32, f32)>> {
        let span = self.span(starts, k)?;
        let bytes = self.get(run, span.start * 8..span.end * 8)?;
        let word = |b: &[u8]| -> [u8; 4] { b.try_into().unwrap_or_default() };
        Some(
            bytes
                .chunks_exact(8)
                .map(|p| (u32::from_le_bytes(word(&p[..4])), f32::from_le_bytes(word(&p[4..]))))
                .collect(),
        )
    }

    /// Clause `c`'s address and title.
    pub fn shown(&mut self, c: u32) -> Option<(String, String)> {
        let span = self.span(SHOWN_STARTS, c as usize)?;
        let text = std::str::from_utf8(self.get(SHOWN, span)?).ok()?;
        let (address, title) = text.split_once('\t')?;
        Some((address.to_string(), title.to_string()))
    }

    /// The clause at `address`, written as the corpus's addresses are (`treaty#5`); `None`
    /// for any other way of writing it, which only the corpus can read.
    pub fn find(&mut self, address: &str) -> Option<u32> {
        let (mut low, mut high) = (0, self.clauses);
        while low < high {
            let middle = (low + high) / 2;
            let c = self.number(BY_ADDRESS, middle)?;
            let (at, _) = self.shown(c)?;
            match at.as_str().cmp(address) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(c),
            }
        }
        None
    }

    /// The `most` clauses of other entries most like clause `c`, best first, with their
    /// scores, as [`Similar::like`] finds them; `None` when what is read is not sound.
    pub fn like(&mut self, c: u32, most: usize) -> Option<Vec<(u32, f32)>> {
        let places = self.places()?;
        let entry = places.get(c as usize)?.0;
        let mut scores = Scores::new(self.clauses);
        for (w, x) in self.pairs(VECTOR_STARTS, VECTORS, c as usize)? {
            ((w as usize) < self.words).then_some(())?;
            scores.add(x, &self.pairs(LIST_STARTS, LISTS, w as usize)?);
        }
        Some(scores.best(&places, entry, most))
    }

    /// Every clause's place.
    fn places(&mut self) -> Option<Vec<Place>> {
        let bytes = self.get(PLACES, 0..self.clauses * 8)?;
        let word = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap_or_default()) as usize;
        Some(bytes.chunks_exact(8).map(|p| (word(&p[..4]), word(&p[4..]))).collect())
    }

    /// The whole index, every chunk read and checked.
    fn whole(mut self) -> Option<Similar> {
        let places = self.places()?;
        let (clauses, words) = (self.clauses, self.words);
        let mut each = |starts: usize, run: usize, count: usize| -> Option<Vec<Vec<(u32, f32)>>> {
            let len = self.runs.get(run)?.bytes().len();
            self.get(run, 0..len)?;
            (0..count).map(|k| self.pairs(starts, run, k)).collect()
        };
        let vectors = each(VECTOR_STARTS, VECTORS, clauses)?;
        let lists = each(LIST_STARTS, LISTS, words)?;
        Some(Similar::from_parts(places, lists, vectors))
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::keep::testing::{never_used_when_damaged, settle, setup};

    #[test]
    fn kept_similar_clauses_come_back_and_are_never_used_stale_or_damaged() {
        let (dir, file, corpus) = setup(300);
        let path = dir.path().join("c.corpus");
        let cache = Cache::at(path.clone(), &file).unwrap();
        assert!(cache.load_similar(&corpus).is_none(), "nothing kept yet");
        let similar = Similar::new(&corpus);
        cache.save_similar(&similar, &corpus).unwrap();
        let kept = Cache::at(path.clone(), &file).unwrap().load_similar(&corpus).expect("kept");
        assert_eq!(kept, similar, "read back whole as it was made");
        let some = (0..corpus.entries.len()).find(|&e| corpus.entries[e].clauses.len() > 1).unwrap();
        assert!(!similar.like((some, 2), 5).is_empty());
        let whole = fs::read(dir.path().join("c.similar")).unwrap();
        never_used_when_damaged(&whole, |bytes| {
            fs::write(dir.path().join("c.similar"), bytes).unwrap();
            Cache::at(path.clone(), &file).unwrap().load_similar(&corpus)
        });
        fs::write(dir.path().join("c.similar"), &whole).unwrap();
        let other = crate::read::load_str(&crate::synth::corpus(6, 300)).unwrap();
        assert!(cache.load_similar(&other).is_none(), "the index of another corpus");
        fs::write(&file, fs::read(&file).unwrap()).unwrap();
        settle(&file);
        assert!(Cache::at(path, &file).unwrap().load_similar(&corpus).is_none(), "the file changed");
    }

    #[test]
    fn a_question_read_from_the_kept_index_gets_what_the_whole_index_answers() {
        let (dir, file, corpus) = setup(300);
        let cache = Cache::at(dir.path().join("c.corpus"), &file).unwrap();
        let similar = Similar::new(&corpus);
        cache.save_similar(&similar, &corpus).unwrap();
        let mut kept = cache.open_similar().expect("kept");
        let (places, _, _) = similar.parts();
        for &(e, part) in places.iter().step_by(7) {
            let written = address::format(&corpus, e, part);
            let c = kept.find(&written).unwrap_or_else(|| panic!("{written} found"));
            let found: Vec<(String, f32)> =
                kept.like(c, 10).unwrap().into_iter().map(|(c, score)| (kept.shown(c).unwrap().0, score)).collect();
            let expected: Vec<(String, f32)> = similar
                .like((e, part), 10)
                .into_iter()
                .map(|((e, p), s)| (address::format(&corpus, e, p), s))
                .collect();
            assert_eq!(found, expected, "{written}");
            let (_, title) = kept.shown(c).unwrap();
            assert!(title.starts_with(corpus.entries[e].title.as_str()), "{title}");
        }
        assert_eq!(kept.find("no-such-treaty#1"), None);
        assert_eq!(kept.find(""), None);
    }
}
