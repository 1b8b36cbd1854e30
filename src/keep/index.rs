//! The search index kept beside the kept copy of a corpus: read whole by the explorer, or,
//! by `search`, only as far as a query needs (its vocabularies and the postings of the
//! words it matches), every chunk read checked against its hash.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;

use memmap2::Mmap;

use super::chunks::{self, Chunked, Hashing, hash};
use super::copy::{Cache, Piece, decode};
use super::files;
use crate::model::Corpus;
use crate::search::{Bytes, Found, Index, RUNS};

/// Raised whenever the layout of a kept index changes: `the_layout_is_pinned` tells when.
pub(super) const INDEX_FORMAT: u32 = 4;

/// A kept index with its postings not yet read.
pub struct KeptIndex {
    file: File,
    /// The file mapped into memory, where the index's tables lie.
    map: Arc<Mmap>,
    index: Index,
    /// The runs of its postings, read where a search wants them.
    postings: [Chunked; 4],
    /// The hash of the index apart from its runs, which the text kept for its hits names.
    head: u64,
}

impl Cache {
    /// Where the search index is kept: beside the corpus, named alike.
    pub(super) fn index_path(&self) -> PathBuf {
        self.path.with_extension("index")
    }

    /// Whether a search index is kept for the file (as it is or was).
    pub fn keeps_index(&self) -> bool {
        self.index_path().is_file()
    }

    /// The search index kept for `corpus`, read from the file as it is, or `None`: under the
    /// same conditions as [`Cache::load`], and when the index does not fit the corpus.
    pub fn load_index(&self, corpus: &Corpus) -> Option<Index> {
        self.read_index().filter(|index| index.is_index_of(corpus))
    }

    /// The search index kept for the file, read whole from the file as it is, under the
    /// same conditions as [`Cache::load_index`] but not yet held to the corpus:
    /// [`Index::is_index_of`] must be, before it is searched. For reading it while the corpus is.
    /// Its postings are checked whole, a chunk at a time through a small buffer, and then
    /// mapped rather than read: what no search reads of them takes no memory.
    pub fn read_index(&self) -> Option<Index> {
        let KeptIndex { file, map, mut index, postings, .. } = self.open_index()?;
        let mut buffer = Vec::new();
        postings.iter().all(|run| run.check(&file, &mut buffer)).then_some(())?;
        drop(buffer);
        let mapped: Vec<Bytes> = postings.iter().map(|run| Bytes::mapped(&map, run.span()?)).collect::<Option<_>>()?;
        index.set_postings(mapped.try_into().ok()?).then_some(index)
    }

    /// The kept search index with all but its postings read, for a search that reads only
    /// what it needs; `None` under the conditions of [`Cache::load`], or when the index does
    /// not hold together ([`Index::sound`]).
    pub fn open_index(&self) -> Option<KeptIndex> {
        let (mut file, header) = self.open_kept(&self.index_path(), INDEX_FORMAT)?;
        let [head, hashes, runs @ ..] = header.pieces.as_slice() else { return None };
        let mut index: Index = decode(&mut file, head, &mut Vec::new())?;
        let hashes: Vec<Vec<u64>> = decode(&mut file, hashes, &mut Vec::new())?;
        let sealed = runs.len() == RUNS
            && hashes.len() == RUNS
            && runs.iter().zip(&hashes).all(|(run, hashes)| run.hash == chunks::seal(hashes));
        sealed.then_some(())?;
        let runs: Vec<Chunked> = runs
            .iter()
            .zip(hashes)
            .map(|(run, hashes)| Chunked::new(run.offset, run.len, hashes))
            .collect::<Option<_>>()?;
        // SAFETY: the file is one of ours in the state directory, written whole under
        // another name and renamed into place, never written where it stands; what is used
        // of it is checked against its hashes first (the tables just below, the postings
        // before they are read), and what its postings hold is checked as it is read (a
        // word's place past the index is passed over, a cut-off number ends the postings).
        let map = Arc::new(unsafe { Mmap::map(&file) }.ok()?);
        // The items, fields and lengths are used where they lie in the file, once every
        // chunk of them is found sound (on two threads: the largest, the fields, on one);
        // the vocabularies are read whole; the postings stand as zeros until wanted.
        let mut runs = runs.into_iter();
        let arrays: Vec<Chunked> = runs.by_ref().take(3).collect();
        let sound = std::thread::scope(|scope| {
            let other = scope.spawn(|| arrays[1].check_in(&map));
            let here = arrays[0].check_in(&map) && arrays[2].check_in(&map);
            other.join().unwrap_or(false) && here
        });
        let mapped: Vec<Bytes> = arrays.iter().map(|run| Bytes::mapped(&map, run.span()?)).collect::<Option<_>>()?;
        (sound && index.map_arrays(mapped.try_into().ok()?)).then_some(())?;
        let (mut words, mut postings) = (Vec::with_capacity(6), Vec::with_capacity(4));
        // The tables a search adds its scores up in are made ready while the vocabularies
        // are read.
        let read = std::thread::scope(|scope| {
            scope.spawn(|| index.prepare());
            for (k, run) in (3..).zip(runs) {
                if Index::postings_run(k) {
                    words.push(chunks::zeroed(run.bytes().len())?);
                    postings.push(run);
                } else {
                    words.push(run.whole(&mut file)?)
                }
            }
            Some(())
        });
        read?;
        if !index.set_words(words.try_into().ok()?) || !index.holds_together() {
            return None;
        }
        Some(KeptIndex { file, map, index, postings: postings.try_into().ok()?, head: head.hash })
    }

    /// Keeps `index`, made for `corpus` as read from the file as it was when this cache was
    /// made, as [`Cache::save`] keeps the corpus: its runs of bytes as pieces of their own,
    /// after the rest, and each chunk of them hashed; and beside it what `search` shows of
    /// its hits.
    pub fn save_index(&self, index: &Index, corpus: &Corpus) -> Result<(), String> {
        if !self.settled {
            return Ok(());
        }
        let path = self.index_path();
        let fail = |e: io::Error| format!("cannot keep the search index in {}: {e}", path.display());
        let head = self
            .write_runs(&path, INDEX_FORMAT, corpus, |out, runs| {
                for run in index.runs() {
                    out.write_all(run)?;
                    runs.push(out.end_run());
                }
                postcard::to_stdvec(index).map_err(io::Error::other)
            })
            .map_err(fail)?;
        self.save_shown(index, corpus, head)
    }

    /// Writes an index of `corpus` at `path` in layout `format`: its runs, as `write` writes
    /// them (each ended with [`Hashing::end_run`], its chunks' hashes pushed to the list it
    /// is given), then its head (which `write` gives), then the table of the runs' chunk
    /// hashes, and the header that finds them all (head, table, runs); the head's hash.
    pub(super) fn write_runs(
        &self,
        path: &std::path::Path,
        format: u32,
        corpus: &Corpus,
        write: impl FnOnce(&mut Hashing<'_, BufWriter<&File>>, &mut Vec<(Vec<u64>, u64)>) -> io::Result<Vec<u8>>,
    ) -> io::Result<u64> {
        let mut head_hash = 0;
        files::replace(path, |out| {
            let mut hashing = Hashing::new(out, chunks::CHUNK);
            let mut runs: Vec<(Vec<u64>, u64)> = Vec::with_capacity(RUNS);
            let head = write(&mut hashing, &mut runs)?;
            drop(hashing);
            let hashes: Vec<&Vec<u64>> = runs.iter().map(|(hashes, _)| hashes).collect();
            let table = postcard::to_stdvec(&hashes).map_err(io::Error::other)?;
            out.write_all(&head)?;
            out.write_all(&table)?;
            // A run is checked a chunk at a time: its hash in the table is that of its chunks'.
            let mut at = 0;
            let mut run_pieces = Vec::with_capacity(RUNS);
            for (hashes, len) in &runs {
                run_pieces.push(Piece { offset: at, len: *len, hash: chunks::seal(hashes), entries: 0 });
                at += len;
            }
            head_hash = hash(&head);
            let head = Piece { offset: at, len: head.len() as u64, hash: head_hash, entries: 0 };
            let table = Piece { offset: at + head.len, len: table.len() as u64, hash: hash(&table), entries: 0 };
            let pieces = [head, table].into_iter().chain(run_pieces).collect();
            self.write_header(out, pieces, format, corpus.entries.len())
        })?;
        Ok(head_hash)
    }
}

impl Cache {
    /// Builds the index of `corpus` where it is kept, writing each of its runs as it is put
    /// together, and reads it back: so that building it holds the postings once rather than
    /// twice (gathered, and put together). `None` when it cannot be kept here (the file was
    /// changed just now, or cannot be written): it is then built in memory.
    pub fn build_index(&self, corpus: &Corpus) -> Option<Index> {
        if !self.settled {
            return None;
        }
        self.write_runs(&self.index_path(), INDEX_FORMAT, corpus, |out, runs| {
            Index::write(
                corpus,
                out,
                |out| {
                    runs.push(out.end_run());
                    Ok(())
                },
                || match self.path.parent() {
                    Some(dir) => tempfile::tempfile_in(dir),
                    None => tempfile::tempfile(),
                },
            )
        })
        .ok()?;
        // What the build gathered is given back to the system before the index is read.
        trim();
        self.load_index(corpus)
    }
}

impl Cache {
    /// The index of `corpus` built through a file of a directory of its own in the system's
    /// temporary directory, read back where it lies, and the file removed (what is mapped of
    /// it stays readable): so that a large index made when nothing is kept (`--no-state`, a
    /// corpus changed since it was opened) holds its postings once while it is made, as one
    /// made where it is kept does. `None` when no such file can be written.
    pub fn build_index_aside(corpus: &Corpus) -> Option<Index> {
        Self::build_index_in(&std::env::temp_dir(), corpus)
    }

    /// [`Cache::build_index_aside`], its directory made in `parent`.
    fn build_index_in(parent: &std::path::Path, corpus: &Corpus) -> Option<Index> {
        let dir = tempfile::Builder::new().prefix("treaty-tui-").tempdir_in(parent).ok()?;
        // Removed whole should the process end while it is made.
        let _writing = super::files::Writing::new(dir.path());
        let index = Cache::scratch(dir.path().join("index.corpus")).build_index(corpus);
        match &index {
            Some(_) => log::debug!("search index made through {}, removed once read", dir.path().display()),
            None => log::warn!("search index could not be made through {}; made in memory", dir.path().display()),
        }
        index
    }
}

/// Gives the memory freed since it was last asked back to the system: glibc keeps the small
/// blocks of a build that is over, which would otherwise stay part of the explorer.
fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

impl KeptIndex {
    /// The hash of the index apart from its runs, which the text kept for its hits names.
    pub fn head(&self) -> u64 {
        self.head
    }

    /// How many fields and items the index has.
    pub fn counts(&self) -> (usize, usize) {
        self.index.counts()
    }

    /// Searches for `query` once the postings it needs are read: the index, now able to
    /// search for it, and what it found; `None` when a chunk it needs is damaged.
    pub fn search(mut self, query: &str) -> Option<(Index, Found)> {
        let wanted = self.index.reach(query).into_iter().enumerate().filter(|(k, _)| Index::postings_run(*k));
        let mut read = Vec::with_capacity(4);
        for (mut run, (_, wanted)) in self.postings.into_iter().zip(wanted) {
            run.want(&mut self.file, wanted).then_some(())?;
            read.push(run.into_bytes().into());
        }
        self.index.set_postings(read.try_into().ok()?).then_some(())?;
        let found = self.index.search(query);
        Some((self.index, found))
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::keep::copy::header;
    use crate::keep::testing::{never_used_when_damaged, pinned, settle, setup};
    use crate::read::load_str;

    #[test]
    fn a_kept_index_comes_back_and_finds_what_it_found() {
        let (dir, file, corpus) = setup(300);
        let cache = Cache::at(dir.path().join("c.corpus"), &file).unwrap();
        assert!(cache.load_index(&corpus).is_none() && cache.open_index().is_none(), "nothing kept yet");
        let index = Index::new(&corpus);
        cache.save_index(&index, &corpus).unwrap();
        assert!(dir.path().join("c.index").exists());
        let kept = Cache::at(dir.path().join("c.corpus"), &file).unwrap().load_index(&corpus).expect("kept");
        assert!(kept.mapped() && !index.mapped(), "a kept index's postings are mapped, not held");
        for query in ["sovereignty", "sov", "\"the contracting\"", "garrisn", "treaty protocol", "zzzq", ""] {
            assert_eq!(kept.search(query), index.search(query), "{query}");
            // Read only as far as the query needs, it finds the same.
            let (_, found) = cache.open_index().expect("kept").search(query).expect("sound");
            assert_eq!(found, index.search(query), "{query}");
        }
    }

    #[test]
    fn an_index_built_where_it_is_kept_is_the_index_built_in_memory() {
        let (dir, file, corpus) = setup(300);
        let cache = Cache::at(dir.path().join("c.corpus"), &file).unwrap();
        let built = cache.build_index(&corpus).expect("built and read back");
        let mut left: Vec<String> =
            fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left, ["c.index", "corpus.ron"], "what a build wrote out for a while is gone");
        let index = Index::new(&corpus);
        assert_eq!(built.runs(), index.runs());
        assert_eq!(postcard::to_stdvec(&built).unwrap(), postcard::to_stdvec(&index).unwrap());
        for query in ["sovereignty", "sov", "garrisn", "treaty protocol"] {
            assert_eq!(cache.load_index(&corpus).unwrap().search(query), index.search(query), "{query}");
        }
        // A file changed just now is not kept: the index is then built in memory.
        fs::write(&file, fs::read(&file).unwrap()).unwrap();
        assert!(Cache::at(dir.path().join("c.corpus"), &file).unwrap().build_index(&corpus).is_none());
    }

    #[test]
    fn an_index_made_through_a_file_when_nothing_is_kept_leaves_nothing_and_finds_the_same() {
        let (_dir, _file, corpus) = setup(300);
        let temporary = tempfile::tempdir().unwrap();
        let made = Cache::build_index_in(temporary.path(), &corpus).expect("made through a file");
        assert!(made.mapped(), "read where it lies, its postings not held");
        assert_eq!(fs::read_dir(temporary.path()).unwrap().count(), 0, "its file and directory are gone");
        let index = Index::new(&corpus);
        for query in ["sovereignty", "sov", "garrisn", "treaty protocol", "\"the contracting\""] {
            assert_eq!(made.search(query), index.search(query), "{query}");
        }
        // Where no file can be made, nothing is made.
        assert!(Cache::build_index_in(&temporary.path().join("missing"), &corpus).is_none());
    }

    #[test]
    fn a_kept_index_is_stale_or_damaged_exactly_when_a_kept_copy_would_be() {
        let (dir, file, corpus) = setup(300);
        let path = dir.path().join("c.corpus");
        let cache = Cache::at(path.clone(), &file).unwrap();
        cache.save_index(&Index::new(&corpus), &corpus).unwrap();
        let index = dir.path().join("c.index");
        let whole = fs::read(&index).unwrap();
        let load = |bytes: &[u8]| {
            fs::write(&index, bytes).unwrap();
            Cache::at(path.clone(), &file).unwrap().load_index(&corpus)
        };
        never_used_when_damaged(&whole, load);
        fs::write(&index, &whole).unwrap();
        let other = load_str(&crate::synth::corpus(6, 300)).unwrap();
        assert!(cache.load_index(&other).is_none(), "the index of another corpus of as many entries");
        fs::write(&file, fs::read(&file).unwrap()).unwrap();
        settle(&file);
        assert!(Cache::at(path.clone(), &file).unwrap().load_index(&corpus).is_none(), "the file changed");
        assert!(Cache::at(path, &file).unwrap().open_index().is_none(), "nor read in part");
    }

    #[test]
    fn a_search_reads_only_the_postings_it_needs_and_trusts_no_damaged_one() {
        let (dir, file, corpus) = setup(300);
        let cache = Cache::at(dir.path().join("c.corpus"), &file).unwrap();
        let index = Index::new(&corpus);
        cache.save_index(&index, &corpus).unwrap();
        let path = dir.path().join("c.index");
        let whole = fs::read(&path).unwrap();
        let header = header(&mut File::open(&path).unwrap()).unwrap();
        // Where in the file the text postings of a word start (run 7: the fields of text).
        let fields = &header.pieces[2 + 7];
        let at = |word: &str| fields.offset as usize + index.reach(word)[7][0].start;
        let (damaged_word, other) = ("sovereignty", "garrison");
        assert!(at(damaged_word).abs_diff(at(other)) > 2 * chunks::CHUNK, "far apart");
        let mut damaged = whole.clone();
        damaged[at(damaged_word)] ^= 0x01;
        fs::write(&path, &damaged).unwrap();
        let open = || Cache::at(dir.path().join("c.corpus"), &file).unwrap().open_index().expect("the rest is sound");
        assert!(open().search(damaged_word).is_none(), "damage where the search reads is never trusted");
        let (_, found) = open().search(other).expect("read elsewhere");
        assert_eq!(found, index.search(other));
        assert!(cache.load_index(&corpus).is_none(), "read whole, it is refused");
    }

    #[test]
    fn damage_to_the_tables_a_kept_index_uses_where_they_lie_is_never_trusted() {
        let (dir, file, corpus) = setup(300);
        let cache = Cache::at(dir.path().join("c.corpus"), &file).unwrap();
        cache.save_index(&Index::new(&corpus), &corpus).unwrap();
        let path = dir.path().join("c.index");
        let whole = fs::read(&path).unwrap();
        let header = header(&mut File::open(&path).unwrap()).unwrap();
        assert!(cache.open_index().is_some_and(|kept| kept.index.tables_mapped()), "its tables lie in the file");
        // A field's length in words (run 2), which nothing but its hash could tell wrong.
        let lens = &header.pieces[2 + 2];
        let mut damaged = whole.clone();
        damaged[lens.offset as usize + 4 * 100] ^= 0x01;
        fs::write(&path, &damaged).unwrap();
        let cache = Cache::at(dir.path().join("c.corpus"), &file).unwrap();
        assert!(cache.open_index().is_none(), "read in part");
        assert!(cache.load_index(&corpus).is_none(), "read whole");
    }

    /// The bytes kept for a small corpus's index. Should this fail, the layout has changed:
    /// raise INDEX_FORMAT, so that indexes written before are not misread, and pin anew.
    #[test]
    fn the_layout_is_pinned() {
        let index = Index::new(&pinned());
        let mut bytes = postcard::to_stdvec(&index).unwrap();
        index.runs().into_iter().for_each(|run| bytes.extend_from_slice(run));
        assert_eq!((INDEX_FORMAT, bytes.len(), crate::keep::state::fnv1a(&bytes)), (4, 1180, 11395098549837310721));
    }
}
