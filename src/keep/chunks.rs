//! Long runs of bytes in a kept file, hashed a chunk at a time, so that a reader can read
//! and check only the chunks it wants (`search` reads the postings of a query's words and
//! the text of its hits, not a whole index).

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

/// Bytes to a chunk of a run read into memory.
pub const CHUNK: usize = 16 << 10;

/// The hash every kept file checks its pieces and chunks by: XXH3, which reads memory about
/// as fast as it can be read.
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The hash of each chunk of `bytes`, `chunk` bytes to a chunk.
pub fn hashes(bytes: &[u8], chunk: usize) -> Vec<u64> {
    bytes.chunks(chunk).map(hash).collect()
}

/// What stands for a run checked a chunk at a time where a file's table of pieces has the
/// hash of each: the hash of its chunks' hashes.
pub fn seal(hashes: &[u64]) -> u64 {
    let bytes: Vec<u8> = hashes.iter().flat_map(|h| h.to_le_bytes()).collect();
    hash(&bytes)
}

/// `len` zero bytes, or `None` where the system will not give that many: a length read from
/// a kept file is never allowed to end the process. The zeros are pages the system gives
/// only when they are written.
pub fn zeroed(len: usize) -> Option<Vec<u8>> {
    if len == 0 {
        return Some(Vec::new());
    }
    let layout = std::alloc::Layout::array::<u8>(len).ok()?;
    // SAFETY: the layout is of `len` bytes, more than none; the pointer, when the allocation
    // succeeds, is of that layout from the global allocator, which `Vec` frees it with, and
    // its bytes are zeroed, so all `len` of them are initialised.
    unsafe {
        let pointer = std::alloc::alloc_zeroed(layout);
        (!pointer.is_null()).then(|| Vec::from_raw_parts(pointer, len, len))
    }
}

/// A run of bytes of a file, read where it is wanted: every chunk read is checked against
/// its hash, and the chunks never wanted are never read (nor take memory: the run starts
/// as zeroed pages the system gives only when written).
pub struct Chunked {
    offset: u64,
    bytes: Vec<u8>,
    hashes: Vec<u64>,
    read: Vec<bool>,
}

impl Chunked {
    /// The run of `len` bytes at `offset`, chunked as `hashes` says; `None` when they do not
    /// fit together.
    pub fn new(offset: u64, len: u64, hashes: Vec<u64>) -> Option<Self> {
        let len = usize::try_from(len).ok()?;
        (hashes.len() == len.div_ceil(CHUNK)).then_some(())?;
        Some(Self { offset, bytes: zeroed(len)?, read: vec![false; hashes.len()], hashes })
    }

    /// Reads the chunks `ranges` reach that are not yet read; whether every range lies
    /// within the run and every chunk read is whole and sound. Neighbouring chunks are read
    /// at once.
    pub fn want(&mut self, file: &mut File, ranges: impl IntoIterator<Item = Range<usize>>) -> bool {
        let mut chunks = Vec::new();
        for range in ranges {
            if range.start > range.end || range.end > self.bytes.len() {
                return false;
            }
            if range.start < range.end {
                chunks.extend(range.start / CHUNK..=(range.end - 1) / CHUNK);
            }
        }
        chunks.sort_unstable();
        chunks.dedup();
        chunks.retain(|&k| !self.read[k]);
        for group in chunks.chunk_by(|a, b| a + 1 == *b) {
            let (first, last) = (group[0], group[group.len() - 1]);
            let bytes = first * CHUNK..((last + 1) * CHUNK).min(self.bytes.len());
            if read_at(file, &mut self.bytes[bytes.clone()], self.offset + bytes.start as u64).is_err() {
                return false;
            }
            for k in first..=last {
                let chunk = &self.bytes[k * CHUNK..((k + 1) * CHUNK).min(self.bytes.len())];
                if hash(chunk) != self.hashes[k] {
                    return false;
                }
                self.read[k] = true;
            }
        }
        true
    }

    /// Whether every chunk of the run in `file` is whole and sound, read a few at a time
    /// into `buffer` (which holds no more than that).
    pub fn check(&self, file: &File, buffer: &mut Vec<u8>) -> bool {
        const AT_ONCE: usize = 64;
        buffer.resize(AT_ONCE * CHUNK, 0);
        let mut at = 0;
        for hashes in self.hashes.chunks(AT_ONCE) {
            let len = (hashes.len() * CHUNK).min(self.bytes.len() - at);
            let read = &mut buffer[..len];
            if read_exact_at(file, read, self.offset + at as u64).is_err()
                || read.chunks(CHUNK).zip(hashes).any(|(chunk, &sum)| hash(chunk) != sum)
            {
                return false;
            }
            at += len;
        }
        true
    }

    /// Whether every chunk of the run, where it lies in `map` (its whole file, mapped into
    /// memory), is whole and sound.
    pub fn check_in(&self, map: &[u8]) -> bool {
        let run = self.span().and_then(|span| map.get(span));
        run.is_some_and(|run| {
            run.len() == self.bytes.len() && run.chunks(CHUNK).zip(&self.hashes).all(|(chunk, &sum)| hash(chunk) == sum)
        })
    }

    /// Where the run lies in its file; `None` when that is beyond what memory can address.
    pub fn span(&self) -> Option<Range<usize>> {
        let start = usize::try_from(self.offset).ok()?;
        Some(start..start.checked_add(self.bytes.len())?)
    }

    /// The run's bytes: as read where they were wanted, zero elsewhere.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The whole run, every chunk checked.
    pub fn whole(mut self, file: &mut File) -> Option<Vec<u8>> {
        let len = self.bytes.len();
        self.want(file, std::iter::once(0..len)).then_some(self.bytes)
    }
}

/// A run of bytes of a file mapped into memory, checked a chunk at a time as it is read,
/// for reading a little here and there of a large file.
pub struct Mapped {
    at: Range<usize>,
    chunk: usize,
    hashes: Vec<u64>,
    /// Which chunks were found sound (read by several threads at once).
    checked: Vec<AtomicBool>,
}

impl Mapped {
    /// The run at `at` of a mapped file, chunked as `hashes` says, `chunk` bytes to a chunk;
    /// `None` when they do not fit together.
    pub fn new(at: Range<usize>, chunk: usize, hashes: Vec<u64>) -> Option<Self> {
        (at.start <= at.end && hashes.len() == at.len().div_ceil(chunk)).then_some(())?;
        Some(Self { checked: hashes.iter().map(|_| AtomicBool::new(false)).collect(), at, chunk, hashes })
    }

    /// Bytes `range` of the run in the mapped file `map`, once every chunk they lie in is
    /// found sound; `None` when one is not, or the range is not within the run. What the
    /// file holds may change under the mapping: copy what is read before it is trusted.
    pub fn get<'m>(&self, map: &'m [u8], range: Range<usize>) -> Option<&'m [u8]> {
        let run = map.get(self.at.clone())?;
        let bytes = run.get(range.clone())?;
        if !range.is_empty() {
            for k in range.start / self.chunk..=(range.end - 1) / self.chunk {
                if !self.checked[k].load(Ordering::Relaxed) {
                    let chunk = run.get(k * self.chunk..((k + 1) * self.chunk).min(run.len()))?;
                    (hash(chunk) == self.hashes[k]).then_some(())?;
                    self.checked[k].store(true, Ordering::Relaxed);
                }
            }
        }
        Some(bytes)
    }
}

/// Writes what it is given on to `out`, hashing it a chunk at a time.
pub struct Hashing<'a, W: Write> {
    out: &'a mut W,
    size: usize,
    chunk: Vec<u8>,
    pub hashes: Vec<u64>,
    pub len: u64,
}

impl<'a, W: Write> Hashing<'a, W> {
    /// Writes on to `out`, `size` bytes to a chunk.
    pub fn new(out: &'a mut W, size: usize) -> Self {
        Self { out, size, chunk: Vec::with_capacity(size), hashes: Vec::new(), len: 0 }
    }

    /// The hashes of the chunks written, and how many bytes were.
    pub fn finish(mut self) -> (Vec<u64>, u64) {
        self.end_run()
    }

    /// The hashes of the chunks written since the last run ended, and how many bytes were;
    /// what is written next is hashed as another run.
    pub fn end_run(&mut self) -> (Vec<u64>, u64) {
        if !self.chunk.is_empty() {
            self.hashes.push(hash(&self.chunk));
            self.chunk.clear();
        }
        (std::mem::take(&mut self.hashes), std::mem::take(&mut self.len))
    }
}

impl<W: Write> Write for Hashing<'_, W> {
    fn write(&mut self, mut bytes: &[u8]) -> io::Result<usize> {
        let written = bytes.len();
        self.out.write_all(bytes)?;
        self.len += written as u64;
        while !bytes.is_empty() {
            let take = (self.size - self.chunk.len()).min(bytes.len());
            self.chunk.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.chunk.len() == self.size {
                self.hashes.push(hash(&self.chunk));
                self.chunk.clear();
            }
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

pub fn read_at(file: &mut File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buffer)
}

/// Fills `buffer` from `file` at `offset` without moving the file's position, so that
/// several threads may read one file at once.
pub fn read_exact_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    #[cfg(unix)]
    return std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset);
    #[cfg(windows)]
    {
        let (mut buffer, mut offset) = (buffer, offset);
        while !buffer.is_empty() {
            match std::os::windows::fs::FileExt::seek_read(file, buffer, offset)? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => (buffer, offset) = (&mut buffer[n..], offset + n as u64),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(bytes: &[u8]) -> (tempfile::NamedTempFile, Vec<u64>) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        let mut hashing = Hashing::new(file.as_file_mut(), CHUNK);
        // Written in uneven pieces, hashed as if whole.
        for piece in bytes.chunks(7_001) {
            hashing.write_all(piece).unwrap();
        }
        let (written, len) = hashing.finish();
        assert_eq!((written.clone(), len), (hashes(bytes, CHUNK), bytes.len() as u64));
        (file, written)
    }

    #[test]
    fn only_the_chunks_wanted_are_read_and_each_is_checked() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let (file, hashes) = kept(&bytes);
        let mut run = Chunked::new(0, bytes.len() as u64, hashes.clone()).unwrap();
        let mut reader = file.reopen().unwrap();
        assert!(run.want(&mut reader, [100..200, CHUNK * 3 + 5..CHUNK * 4 + 5]));
        assert_eq!(&run.bytes()[100..200], &bytes[100..200]);
        assert_eq!(&run.bytes()[CHUNK * 3..CHUNK * 5], &bytes[CHUNK * 3..CHUNK * 5]);
        assert!(run.bytes()[CHUNK * 2..CHUNK * 3].iter().all(|&b| b == 0), "a chunk not wanted is not read");
        assert!(!run.want(&mut reader, Some(0..bytes.len() + 1)), "a range past the end is refused");
        assert_eq!(Chunked::new(0, bytes.len() as u64, hashes.clone()).unwrap().whole(&mut reader).unwrap(), bytes);
        assert!(Chunked::new(0, bytes.len() as u64, hashes[1..].to_vec()).is_none());

        // One byte changed: the chunk holding it is refused, the others are read.
        let mut damaged = bytes.clone();
        damaged[CHUNK * 2 + 9] ^= 1;
        let (file, _) = kept(&damaged);
        let mut reader = file.reopen().unwrap();
        let mut run = Chunked::new(0, bytes.len() as u64, hashes).unwrap();
        assert!(run.want(&mut reader, Some(0..CHUNK * 2)));
        assert!(!run.want(&mut reader, Some(CHUNK * 2..CHUNK * 2 + 1)));
    }

    #[test]
    fn a_mapped_run_is_checked_where_it_is_read() {
        let bytes: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let mut file = vec![7u8; 100];
        file.extend_from_slice(&bytes);
        let run = Mapped::new(100..100 + bytes.len(), 1024, hashes(&bytes, 1024)).unwrap();
        assert_eq!(run.get(&file, 1000..3000), Some(&bytes[1000..3000]));
        assert_eq!(run.get(&file, 0..0), Some(&[][..]));
        assert_eq!(run.get(&file, 9000..10_001), None, "past the end of the run");
        file[100 + 5000] ^= 1;
        assert_eq!(run.get(&file, 4096..4097), None, "the chunk holding a changed byte");
        assert_eq!(run.get(&file, 1500..1600), Some(&bytes[1500..1600]), "the others are read");
        assert_eq!(run.get(&file[..5000], 0..10), None, "a file cut short");
        assert!(Mapped::new(0..10_000, 1024, hashes(&bytes, 2048)).is_none());
    }
}
