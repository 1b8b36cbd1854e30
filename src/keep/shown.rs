//! What `search` shows of its hits, kept beside the search index so that it need not read
//! the corpus: the text of every field and the label of every item, a record each. The
//! file is mapped into memory and only the records of the hits are read, each small chunk
//! read checked against its hash.

use std::io::{self, Write};
use std::ops::Range;
use std::path::PathBuf;

use memmap2::Mmap;
use serde::{Deserialize, Serialize};

use super::chunks::{self, Hashing, Mapped};
use super::copy::{Cache, Piece, decode};
use super::files;
use crate::model::Corpus;
use crate::search::{Hit, Index, Item, Label, Lister, field_text};

/// Raised whenever the layout changes: `the_layout_is_pinned` tells when.
const SHOWN_FORMAT: u32 = 2;

/// Bytes to a chunk: a hit reads a chunk or two, hardly more than its own text.
const CHUNK: usize = 1 << 10;

/// What the records are.
#[derive(Serialize, Deserialize)]
struct Head {
    /// The hash of the index (apart from its runs) they were kept with.
    index: u64,
    fields: u64,
    items: u64,
}

/// The kept records of one index, a field's text for each of its fields and then a label
/// for each of its items, and where each starts (8 bytes each, and where the last ends).
pub struct KeptRecords {
    map: Mmap,
    records: Mapped,
    starts: Mapped,
    fields: usize,
}

impl Cache {
    pub(super) fn shown_path(&self) -> PathBuf {
        self.path.with_extension("shown")
    }

    /// The records kept with an index of `counts` fields and items ([`Index::counts`]),
    /// whose head (apart from its runs) hashes to `head` ([`super::index::KeptIndex::head`]),
    /// none of them read yet; `None` when there are none, or when they were kept with
    /// another index, another state of the file or another version of treaty-tui.
    pub fn open_shown(&self, (fields, items): (usize, usize), head: u64) -> Option<KeptRecords> {
        let (mut file, header) = self.open_kept(&self.shown_path(), SHOWN_FORMAT)?;
        let [records, starts, hashes, kept] = header.pieces.as_slice() else { return None };
        let kept: Head = decode(&mut file, kept, &mut Vec::new())?;
        let count = fields.checked_add(items)?.checked_add(1)?;
        let fits = (kept.index, kept.fields, kept.items) == (head, fields as u64, items as u64)
            && starts.len == count as u64 * 8;
        fits.then_some(())?;
        // SAFETY: the file is one of ours in the state directory, written whole under
        // another name and renamed into place, never written where it stands; what is read
        // through the mapping is checked against its hashes and copied before it is decoded.
        let map = unsafe { Mmap::map(&file) }.ok()?;
        let range = |piece: &Piece| -> Option<Range<usize>> {
            let start = usize::try_from(piece.offset).ok()?;
            Some(start..start.checked_add(usize::try_from(piece.len).ok()?)?)
        };
        let table = map.get(range(hashes)?)?;
        (chunks::hash(table) == hashes.hash).then_some(())?;
        let table: Vec<u64> =
            table.chunks_exact(8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default())).collect();
        let (pieces_records, pieces_starts) = (records, starts);
        let (records, starts) = (range(records)?, range(starts)?);
        let split = records.len().div_ceil(CHUNK);
        let (for_records, for_starts) = (table.get(..split)?.to_vec(), table.get(split..)?.to_vec());
        let sealed =
            chunks::seal(&for_records) == pieces_records.hash && chunks::seal(&for_starts) == pieces_starts.hash;
        sealed.then_some(())?;
        let records = Mapped::new(records, CHUNK, for_records)?;
        let starts = Mapped::new(starts, CHUNK, for_starts)?;
        Some(KeptRecords { map, records, starts, fields })
    }

    /// Keeps beside `index`, kept itself and made for `corpus`, what `search` shows of each
    /// of its hits: for when what was kept is missing or damaged.
    pub fn keep_shown(&self, index: &Index, corpus: &Corpus) -> Result<(), String> {
        let head = postcard::to_stdvec(index).map_err(|e| format!("cannot keep the text of search hits: {e}"))?;
        self.save_shown(index, corpus, chunks::hash(&head))
    }

    /// Keeps beside `index`, made for `corpus`, what `search` shows of each of its hits:
    /// `head` is the hash of the index apart from its runs.
    pub(super) fn save_shown(&self, index: &Index, corpus: &Corpus, head: u64) -> Result<(), String> {
        let path = self.shown_path();
        let fail = |e: io::Error| format!("cannot keep the text of search hits in {}: {e}", path.display());
        let (fields, items) = index.counts();
        files::replace(&path, |out| {
            let mut starts: Vec<u8> = Vec::with_capacity((fields + items + 1) * 8);
            let mut records = Hashing::new(out, CHUNK);
            starts.extend_from_slice(&0u64.to_le_bytes());
            for (item, field) in index.fields() {
                records.write_all(field_text(corpus, item, field).as_bytes())?;
                starts.extend_from_slice(&records.len.to_le_bytes());
            }
            // A treaty's labels are made together, and forgotten with the treaty.
            let mut lister = (usize::MAX, Lister::new(corpus));
            for item in index.items() {
                let entry = match item {
                    Item::Entry(e) | Item::Clause(e, _) => e,
                    Item::Event(_) => usize::MAX,
                };
                if entry != lister.0 {
                    lister = (entry, Lister::new(corpus));
                }
                postcard::to_io(&lister.1.label(item), &mut records).map_err(io::Error::other)?;
                starts.extend_from_slice(&records.len.to_le_bytes());
            }
            let (mut table, len) = records.finish();
            out.write_all(&starts)?;
            let (records_seal, starts_hashes) = (chunks::seal(&table), chunks::hashes(&starts, CHUNK));
            let starts_seal = chunks::seal(&starts_hashes);
            table.extend(starts_hashes);
            let table: Vec<u8> = table.into_iter().flat_map(u64::to_le_bytes).collect();
            out.write_all(&table)?;
            let kept = Head { index: head, fields: fields as u64, items: items as u64 };
            let kept = postcard::to_stdvec(&kept).map_err(io::Error::other)?;
            out.write_all(&kept)?;
            let mut at = 0;
            let mut piece = |len: usize, hash: u64| {
                at += len as u64;
                Piece { offset: at - len as u64, len: len as u64, hash, entries: 0 }
            };
            let table = vec![
                // The records and where they start are checked a chunk at a time, by the
                // hashes of the table that follows them.
                piece(len as usize, records_seal),
                piece(starts.len(), starts_seal),
                piece(table.len(), chunks::hash(&table)),
                piece(kept.len(), chunks::hash(&kept)),
            ];
            self.write_header(out, table, SHOWN_FORMAT, corpus.entries.len())
        })
        .map_err(fail)
    }
}

impl KeptRecords {
    /// The label and the matched field's text of each of `hits` found by `index` (the index
    /// these were kept with); `None` when a record is damaged or not what it should be.
    #[cfg(test)]
    pub fn read(&self, index: &Index, hits: &[Hit]) -> Option<Vec<(Label, String)>> {
        let mut read = Vec::with_capacity(hits.len());
        self.each(index, hits, |_, label, text| {
            read.push((label.owned(), text.to_owned()));
            Some(())
        })?;
        Some(read)
    }

    /// Calls `each` with each of `hits` found by `index` (the index these were kept with),
    /// its label and the matched field's text, until it returns `None`; `None` when it
    /// does, or when a record is damaged or not what it should be.
    pub fn each(
        &self,
        index: &Index,
        hits: &[Hit],
        mut each: impl FnMut(&Hit, &Label<&str>, &str) -> Option<()>,
    ) -> Option<()> {
        let (mut item, mut text) = (Vec::new(), Vec::new());
        for hit in hits {
            self.record(index.item_number(hit.item)? + self.fields, &mut item)?;
            let label: Label<&str> = postcard::from_bytes(&item).ok()?;
            self.record(hit.span as usize, &mut text)?;
            each(hit, &label, simdutf8::basic::from_utf8(&text).ok()?)?;
        }
        Some(())
    }

    /// Record `k`, copied out of the file into `out`.
    fn record(&self, k: usize, out: &mut Vec<u8>) -> Option<()> {
        let at = k.checked_mul(8)?;
        let bounds = self.starts.get(&self.map, at..at.checked_add(16)?)?;
        let bound = |b: &[u8]| usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok();
        let (start, end) = (bound(&bounds[..8])?, bound(&bounds[8..])?);
        out.clear();
        out.extend_from_slice(self.records.get(&self.map, start..end)?);
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use std::fs::{self, File};

    use super::*;
    use crate::keep::copy::header;
    use crate::keep::testing::{pinned, settle, setup};

    /// The corpus of `setup(300)`, its index kept, and the kept index opened.
    fn kept() -> (tempfile::TempDir, Cache, Corpus) {
        let (dir, file, corpus) = setup(300);
        let cache = Cache::at(dir.path().join("c.corpus"), &file).unwrap();
        cache.save_index(&Index::new(&corpus), &corpus).unwrap();
        (dir, cache, corpus)
    }

    /// What the corpus shows of `hits`.
    fn from_corpus(corpus: &Corpus, hits: &[Hit]) -> Vec<(Label, String)> {
        let mut lister = Lister::new(corpus);
        hits.iter().map(|hit| (lister.label(hit.item), field_text(corpus, hit.item, hit.field).into_owned())).collect()
    }

    #[test]
    fn hits_are_shown_from_what_was_kept_as_the_corpus_shows_them() {
        let (_dir, cache, corpus) = kept();
        let words: Vec<&str> = corpus.entries[10].summary.plain.split_whitespace().take(2).collect();
        let phrase = format!("\"{}\"", words.join(" "));
        for query in ["sovereignty", "garrison treaty", &phrase, "sovreignty", "protocol"] {
            let kept = cache.open_index().unwrap();
            let head = kept.head();
            let (index, found) = kept.search(query).unwrap();
            assert!(!found.hits.is_empty(), "{query}");
            let shown = cache.open_shown(index.counts(), head).expect("kept with the index");
            assert_eq!(shown.read(&index, &found.hits).unwrap(), from_corpus(&corpus, &found.hits), "{query}");
        }
    }

    #[test]
    fn a_damaged_record_is_never_trusted_and_the_others_are_read() {
        let (dir, cache, corpus) = kept();
        let path = dir.path().join("c.shown");
        let kept = cache.open_index().unwrap();
        let head = kept.head();
        let (index, found) = kept.search("sovereignty").unwrap();
        let (first, last) = (found.hits[0], *found.hits.last().unwrap());
        // Where the first hit's text is in the file.
        let header = header(&mut File::open(&path).unwrap()).unwrap();
        let mut bytes = fs::read(&path).unwrap();
        let at = header.pieces[1].offset as usize + first.span as usize * 8;
        let start = u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
        bytes[header.pieces[0].offset as usize + start] ^= 0x01;
        fs::write(&path, &bytes).unwrap();
        let shown = cache.open_shown(index.counts(), head).unwrap();
        assert_eq!(shown.read(&index, &[first]), None);
        assert_eq!(shown.read(&index, &[last]), Some(from_corpus(&corpus, &[last])));
    }

    #[test]
    fn records_kept_with_another_index_or_another_state_of_the_file_are_not_used() {
        let (dir, cache, _) = kept();
        let kept = cache.open_index().unwrap();
        let head = kept.head();
        let (index, _) = kept.search("treaty").unwrap();
        assert!(cache.open_shown(index.counts(), head).is_some());
        assert!(cache.open_shown(index.counts(), head ^ 1).is_none(), "another index");
        let mut planted = crate::read::load_str(&crate::synth::corpus(5, 300)).unwrap();
        planted.entries[3].summary.plain = "Another summary altogether.".into();
        let other = Index::new(&planted);
        let other_head = chunks::hash(&postcard::to_stdvec(&other).unwrap());
        assert!(cache.open_shown(other.counts(), other_head).is_none(), "kept with another index");
        let file = dir.path().join("corpus.ron");
        fs::write(&file, fs::read(&file).unwrap()).unwrap();
        settle(&file);
        let now = Cache::at(dir.path().join("c.corpus"), &file).unwrap();
        assert!(now.open_shown(index.counts(), head).is_none(), "the file changed");
    }

    /// The bytes kept of a small corpus's hits, all but the header (which names the
    /// file). Should this fail, the layout has changed: raise SHOWN_FORMAT, and pin anew.
    #[test]
    fn the_layout_is_pinned() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.ron");
        fs::write(&file, "").unwrap();
        settle(&file);
        let cache = Cache::at(dir.path().join("t.corpus"), &file).unwrap();
        let corpus = pinned();
        cache.save_shown(&Index::new(&corpus), &corpus, 7).unwrap();
        let bytes = fs::read(dir.path().join("t.shown")).unwrap();
        let header = u64::from_le_bytes(bytes[bytes.len() - 24..bytes.len() - 16].try_into().unwrap()) as usize;
        let body = &bytes[..bytes.len() - 24 - header];
        assert_eq!((SHOWN_FORMAT, body.len(), crate::keep::state::fnv1a(body)), (2, 791, 16108359032294159602));
    }
}
