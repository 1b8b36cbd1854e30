//! A checked corpus kept in the state directory, so that a large corpus opens at once the
//! next time, and its search index beside it, so that the first search needs no index
//! built. Each is used only while the file is exactly as it was when it was read, and only
//! once every piece of it is found whole and sound; otherwise the file is read again and
//! the index built again.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::chunks::{self, hash};
use super::files;
use crate::model::{Corpus, Entry, Event, Lists, Name, Parts, Text, Wording};
use crate::read::files::open_regular;
use crate::text;

/// Files smaller than this read about as fast as a cache would, and are not kept.
pub const KEEP_FROM: u64 = 4 << 20;

/// What stands for the file of the corpus built into the binary, in what is kept for it.
const BUNDLED_SOURCE: &str = "<bundled>";

/// What a cache made only to build an index through a file stands for ([`Cache::scratch`]).
const SCRATCH_SOURCE: &str = "<scratch>";

/// Raised whenever the layout of what is kept changes: `the_layout_is_pinned` tells when.
const FORMAT: u32 = 9;

/// How the files kept for a corpus end: its copy, its search index, the text its hits show.
const KINDS: [&str; 4] = [".corpus", ".index", ".shown", ".similar"];

/// The last bytes of every cache file.
const MAGIC: &[u8; 16] = b"treaty-tui cache";

/// Entries to a piece: pieces are checked and decoded one at a time, two threads at once,
/// and pieces this small share the work out evenly between them.
const PIECE: usize = 250;
/// The most bytes of text a piece holds, but for one entry longer than that.
const PIECE_TEXT: usize = 256 << 10;

/// How long a file must have been left alone to be kept: a second change within the same
/// tick of the file system's clock could otherwise go unseen.
const SETTLED: Duration = Duration::from_secs(2);

/// The file a cache was made from, as it was: any change to it changes one of these. For a
/// directory of files, its own, but with the length of all its files, the latest time one
/// was modified, and a hash of every file's name and stamp: a file edited, added, removed or
/// renamed changes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    device: u64,
    inode: u64,
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    files: u64,
}

impl Stamp {
    /// The stamp of the files (or directories of files) `sources` together, and when one of
    /// them, or a file within, was last modified: for one, its own; for several, their
    /// lengths summed, the latest times, and a hash of every path and its stamp.
    fn of_all(sources: &[PathBuf]) -> Option<(Self, SystemTime)> {
        let [first, rest @ ..] = sources else { return None };
        if rest.is_empty() {
            return Self::of(first);
        }
        let (mut all, mut latest) = (Vec::new(), SystemTime::UNIX_EPOCH);
        let mut stamp = Self { device: 0, inode: 0, len: 0, modified: (0, 0), changed: (0, 0), files: 0 };
        for source in sources {
            let (of, modified) = Self::of(source)?;
            latest = latest.max(modified);
            stamp.len += of.len;
            stamp.modified = stamp.modified.max(of.modified);
            stamp.changed = stamp.changed.max(of.changed);
            of.record(source.as_os_str().as_encoded_bytes(), &mut all);
            // A directory's own hash of the files within it.
            all.extend_from_slice(&of.files.to_le_bytes());
        }
        stamp.files = hash(&all);
        Some((stamp, latest))
    }

    /// The stamp of the regular file (or directory of files) at `file`, and when it, or a
    /// file within, was last modified.
    fn of(file: &Path) -> Option<(Self, SystemTime)> {
        let meta = fs::metadata(file).ok()?;
        if meta.is_dir() {
            return Self::of_directory(file, &meta);
        }
        meta.is_file().then_some((Self::from(&meta), meta.modified().ok()?))
    }

    /// The stamp of directory `dir` and the files `import` reads in it.
    fn of_directory(dir: &Path, meta: &fs::Metadata) -> Option<(Self, SystemTime)> {
        let mut stamp = Self::from(meta);
        let mut latest = meta.modified().ok()?;
        let mut all = Vec::new();
        stamp.len = 0;
        for file in crate::import::within(dir).ok()? {
            let meta = fs::metadata(&file).ok()?;
            let of = Self::from(&meta);
            stamp.len += of.len;
            latest = latest.max(meta.modified().ok()?);
            stamp.modified = stamp.modified.max(of.modified);
            of.record(file.file_name()?.as_encoded_bytes(), &mut all);
        }
        stamp.files = hash(&all);
        Some((stamp, latest))
    }

    /// Writes `name` and this stamp into `all`, the bytes hashed for a set of files: the
    /// name, a NUL, then the file's identity, length and times.
    fn record(&self, name: &[u8], all: &mut Vec<u8>) {
        all.extend_from_slice(name);
        all.push(0);
        for n in [self.device, self.inode, self.len] {
            all.extend_from_slice(&n.to_le_bytes());
        }
        for n in [self.modified.0, self.modified.1, self.changed.0, self.changed.1] {
            all.extend_from_slice(&n.to_le_bytes());
        }
    }

    #[cfg(unix)]
    fn from(meta: &fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self {
            device: meta.dev(),
            inode: meta.ino(),
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
            files: 0,
        }
    }

    /// Where the file's identity and change time are not known, its size and its times.
    #[cfg(not(unix))]
    fn from(meta: &fs::Metadata) -> Self {
        let nanos = |time: io::Result<SystemTime>| {
            time.ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (i64::try_from(d.as_secs()).unwrap_or(i64::MAX), i64::from(d.subsec_nanos())))
        };
        Self {
            device: 0,
            inode: 0,
            len: meta.len(),
            modified: nanos(meta.modified()),
            changed: nanos(meta.created()),
            files: 0,
        }
    }
}

/// What a cache file holds at its end, before its length and the magic bytes.
#[derive(Serialize, Deserialize)]
pub(super) struct Header {
    format: u32,
    version: String,
    /// The corpus file's full path; for several files opened as one corpus, each one's,
    /// separated by NUL (which no path holds).
    source: String,
    stamp: Stamp,
    pub entries: usize,
    /// The corpus apart from its entries, then the entries, [`PIECE`] at a time.
    pub pieces: Vec<Piece>,
}

/// Where a piece stands in the file, and its hash.
#[derive(Serialize, Deserialize)]
pub(super) struct Piece {
    pub offset: u64,
    pub len: u64,
    pub hash: u64,
    /// How many entries it holds (none for the rest of the corpus, or for an index): how
    /// much room reading them back makes.
    pub entries: u64,
}

/// The corpus apart from its entries, as it is written, borrowed from the corpus. Postcard
/// writes a struct's fields in order as it would a tuple's, so the order is the layout.
#[derive(Serialize)]
struct HeadWritten<'a> {
    title: &'a Name,
    description: &'a Text,
    sources: &'a [Name],
    text: Option<Wording>,
    events: &'a [Event],
    chronology: &'a [usize],
    events_of: &'a Lists,
}

/// The corpus apart from its entries, as it is read back.
#[derive(Deserialize)]
struct HeadRead {
    title: Name,
    description: Text,
    sources: Vec<Name>,
    text: Option<Wording>,
    events: Vec<Event>,
    chronology: Vec<usize>,
    events_of: Vec<Vec<usize>>,
}

/// A run of entries, and the entries that link to each of them, as it is written.
#[derive(Serialize)]
struct EntriesWritten<'a> {
    entries: &'a [Entry],
    linked_from: Vec<&'a [usize]>,
}

/// A run of entries, and the entries that link to each of them, as it is read back.
#[derive(Deserialize)]
struct EntriesRead {
    entries: Vec<Entry>,
    linked_from: Vec<Vec<usize>>,
}

/// The cache kept for one corpus file, or for several files opened as one corpus.
#[derive(Clone, Debug)]
pub struct Cache {
    pub(super) path: PathBuf,
    /// The files (or directories) the corpus is read from, in their order, by their full
    /// paths.
    sources: Vec<PathBuf>,
    stamp: Stamp,
    /// Whether the file had been left alone long enough to be kept.
    pub(super) settled: bool,
}

impl Cache {
    /// The cache for the corpus read from `files` together (a corpus file, published texts,
    /// directories of them, in this order), if they are large enough to be worth one and the
    /// platform has a state directory. They are looked at now, before they are read. What
    /// runs that ended before they were done left in the state directory is removed first,
    /// once a process.
    pub fn for_files(files: &[PathBuf]) -> Option<Self> {
        let sources: Vec<PathBuf> = files.iter().map(fs::canonicalize).collect::<io::Result<_>>().ok()?;
        let name = format!("{}.corpus", crate::keep::state::file_stem(&named(&sources)));
        let dir = crate::keep::state::dir()?;
        static SWEPT: std::sync::Once = std::sync::Once::new();
        SWEPT.call_once(|| files::sweep(&dir));
        let cache = Self::at_all(dir.join(name), &sources)?;
        (cache.stamp.len >= KEEP_FROM).then_some(cache)
    }

    /// The cache for the corpus built into the binary, whose text is `text`: it is kept too,
    /// although small, so that the explorer opens on it without reading and checking it
    /// again (a third of its first frame); for this text only.
    pub fn for_bundled(text: &str) -> Option<Self> {
        let dir = crate::keep::state::dir()?;
        static SWEPT: std::sync::Once = std::sync::Once::new();
        SWEPT.call_once(|| files::sweep(&dir));
        Some(Self::bundled_at(dir.join(format!("{}.corpus", crate::keep::state::file_stem("bundled"))), text))
    }

    /// The cache in the file at `path` for the corpus built into the binary, whose text is
    /// `text`: it stands for the file, its length and its hash for the file's stamp.
    fn bundled_at(path: PathBuf, text: &str) -> Self {
        let modified = (hash(text.as_bytes()) as i64, 0);
        let stamp = Stamp { device: 0, inode: 0, len: text.len() as u64, modified, changed: (0, 0), files: 0 };
        Self { path, sources: vec![PathBuf::from(BUNDLED_SOURCE)], stamp, settled: true }
    }

    /// A cache in the file at `path` standing for no corpus file: for building an index
    /// through a file when nothing is kept ([`Cache::build_index_aside`]).
    pub(super) fn scratch(path: PathBuf) -> Self {
        // No bound on what it holds, which this process has just written.
        let stamp = Stamp { device: 0, inode: 0, len: u64::MAX, modified: (0, 0), changed: (0, 0), files: 0 };
        Self { path, sources: vec![PathBuf::from(SCRATCH_SOURCE)], stamp, settled: true }
    }

    /// The cache in the file at `path` for the corpus file at `source`, whatever its size.
    pub fn at(path: PathBuf, source: &Path) -> Option<Self> {
        Self::at_all(path, std::slice::from_ref(&source.to_path_buf()))
    }

    /// The cache in the file at `path` for the corpus read from `sources` together, whatever
    /// their size.
    pub fn at_all(path: PathBuf, sources: &[PathBuf]) -> Option<Self> {
        let sources: Vec<PathBuf> = sources.iter().map(fs::canonicalize).collect::<io::Result<_>>().ok()?;
        let (stamp, modified) = Stamp::of_all(&sources)?;
        let settled = age(modified) >= SETTLED;
        Some(Self { path, sources, stamp, settled })
    }

    /// The corpus kept for the file as it is, or `None`: when nothing is kept, when what is
    /// kept is for another state of the file or another version of treaty-tui, or when any
    /// piece of it is not whole and sound.
    pub fn load(&self) -> Option<Corpus> {
        let started = std::time::Instant::now();
        let (mut file, header) = self.open_kept(&self.path, FORMAT)?;
        let corpus = self.read_corpus(&mut file, &header);
        match &corpus {
            Some(_) => log::debug!("{} read in {:.3} s", self.path.display(), started.elapsed().as_secs_f64()),
            None => log::warn!(
                "{} refused: a piece of it is damaged or does not hold together; the corpus is read from its file",
                self.path.display()
            ),
        }
        corpus
    }

    /// The corpus whose pieces `header` finds in `file`.
    fn read_corpus(&self, file: &mut File, header: &Header) -> Option<Corpus> {
        let (head, pieces) = header.pieces.split_first()?;
        let HeadRead { title, description, sources, text, events, chronology, events_of } =
            decode(file, head, &mut Vec::new())?;
        let count = header.entries;
        let EntriesRead { entries, linked_from } = self.read_entries(pieces, count)?;
        if entries.len() != count || !whole_head(count, &description, &events, &chronology, &events_of) {
            return None;
        }
        let (linked_from, events_of) = (linked_from.into(), events_of.into());
        Some(Corpus::new(Parts {
            title,
            description,
            sources,
            text,
            entries,
            events,
            linked_from,
            chronology,
            events_of,
        }))
    }

    /// How many entries the kept corpus has, if one is kept for the file as it is.
    pub fn entries(&self) -> Option<usize> {
        self.open_kept(&self.path, FORMAT).map(|(_, header)| header.entries)
    }

    /// The kept file at `path`, in layout `format`, and its header: only a regular file no
    /// larger than one kept for this corpus could be (checked before anything of it is
    /// read), that ends in a header, written by this version for the corpus file as it
    /// still is. Why any other is refused goes to the log.
    pub(super) fn open_kept(&self, path: &Path, format: u32) -> Option<(File, Header)> {
        let shown = path.display();
        let mut file = match open_regular(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                log::debug!("nothing is kept at {shown}");
                return None;
            }
            Err(e) => {
                log::warn!("{shown} passed over: {e}");
                return None;
            }
        };
        let (len, most) = (file.metadata().ok()?.len(), most(self.stamp.len));
        if len > most {
            let source = self.stamp.len;
            log::warn!(
                "{shown} refused: it is {len} bytes, more than anything kept for a corpus file of {source} bytes could be ({most}); it is made again"
            );
            return None;
        }
        let Some(header) = header(&mut file) else {
            log::warn!("{shown} refused: it does not end in a header treaty-tui wrote; it is made again");
            return None;
        };
        if let Some(why) = self.not_ours(&header, format) {
            log::info!("{shown} refused: {why}; it is made again");
            return None;
        }
        log::debug!("{shown} is kept for this corpus as it is: reading it");
        Some((file, header))
    }

    /// The entries of `pieces`, in order, read and decoded on two threads (each half into
    /// one vector, room for all made in the first, so that no entry is moved twice), each
    /// piece found sound among `count` entries.
    fn read_entries(&self, pieces: &[Piece], count: usize) -> Option<EntriesRead> {
        let read = |pieces: &[Piece], room: usize| -> Option<EntriesRead> {
            let (mut file, mut buffer) = (open_regular(&self.path).ok()?, Vec::new());
            let (mut entries, mut linked_from) = (Vec::new(), Vec::new());
            entries.try_reserve_exact(room).ok()?;
            linked_from.try_reserve_exact(room).ok()?;
            for piece in pieces {
                let EntriesRead { entries: more, linked_from: linked } = decode(&mut file, piece, &mut buffer)?;
                if more.len() != linked.len() || !holds_together(&more, &linked, count) {
                    return None;
                }
                entries.extend(more);
                linked_from.extend(linked);
            }
            Some(EntriesRead { entries, linked_from })
        };
        // A corpus of a few pieces is read here: a thread would cost more than it saves.
        let (first, second) = pieces.split_at(if pieces.len() < 4 { pieces.len() } else { pieces.len() / 2 });
        // No more room than the entries the pieces say they hold, nor than their bytes could
        // (an entry takes more than a dozen bytes kept).
        let bytes: u64 = pieces.iter().map(|piece| piece.len).fold(0, u64::saturating_add);
        let room = count.min(usize::try_from(bytes / 12).unwrap_or(usize::MAX));
        let later = second.iter().map(|piece| piece.entries as usize).fold(0, usize::saturating_add).min(room);
        let (first, second) = if second.is_empty() {
            (read(first, room), Some(EntriesRead { entries: Vec::new(), linked_from: Vec::new() }))
        } else {
            std::thread::scope(|scope| {
                let other = scope.spawn(|| read(second, later));
                (read(first, room), other.join().ok().flatten())
            })
        };
        let (mut all, more) = (first?, second?);
        all.entries.extend(more.entries);
        all.linked_from.extend(more.linked_from);
        Some(all)
    }

    /// Why `header` is not that of a file kept by this version in layout `format` for the
    /// corpus file as it was when this cache was made and as it still is, if it is not.
    fn not_ours(&self, header: &Header, format: u32) -> Option<String> {
        let stands_for_no_file = [BUNDLED_SOURCE, SCRATCH_SOURCE].iter().any(|s| self.sources == [PathBuf::from(s)]);
        let current = if stands_for_no_file {
            Some(self.stamp.clone())
        } else {
            Stamp::of_all(&self.sources).map(|(stamp, _)| stamp)
        };
        let version = env!("CARGO_PKG_VERSION");
        if header.format != format {
            Some(format!("it is in layout {}, and this version reads layout {format}", header.format))
        } else if header.version != version {
            Some(format!("treaty-tui {} wrote it, and this is {version}", text::echo(&header.version)))
        } else if header.source != named(&self.sources) {
            Some(format!("it was kept for {}", text::echo(&header.source.replace('\0', ", "))))
        } else if header.stamp != self.stamp || current.as_ref() != Some(&self.stamp) {
            Some("the corpus file has changed since it was kept".into())
        } else {
            None
        }
    }

    /// Keeps `corpus`, which was read from the file as it was when this cache was made
    /// (a file changed within the last moments is left to be kept next time). The cache is
    /// written whole under another name and then put in place; caches of files that are
    /// gone are removed.
    pub fn save(&self, corpus: &Corpus) -> Result<(), String> {
        if !self.settled {
            return Ok(());
        }
        let fail = |e: io::Error| format!("cannot keep a copy of the corpus in {}: {e}", self.path.display());
        // Two explorers keeping the same corpus at once each write a file of their own.
        let pieces = pieces(corpus);
        files::replace(&self.path, |out| self.write_pieces(out, pieces, FORMAT, corpus.entries.len())).map_err(fail)?;
        self.prune();
        Ok(())
    }

    /// Writes `pieces`, then the header that finds them, in layout `format`.
    pub(super) fn write_pieces(
        &self,
        out: &mut impl Write,
        pieces: impl Iterator<Item = (postcard::Result<impl AsRef<[u8]>>, u64)>,
        format: u32,
        entries: usize,
    ) -> io::Result<()> {
        let mut table: Vec<Piece> = Vec::new();
        for (bytes, entries) in pieces {
            let bytes = bytes.map_err(io::Error::other)?;
            let bytes = bytes.as_ref();
            let offset = table.last().map_or(0, |p| p.offset + p.len);
            table.push(Piece { offset, len: bytes.len() as u64, hash: hash(bytes), entries });
            out.write_all(bytes)?;
        }
        self.write_header(out, table, format, entries)
    }

    /// Writes the header that finds the pieces of `table`, written before it, in layout
    /// `format`.
    pub(super) fn write_header(
        &self,
        out: &mut impl Write,
        table: Vec<Piece>,
        format: u32,
        entries: usize,
    ) -> io::Result<()> {
        let header = Header {
            format,
            version: env!("CARGO_PKG_VERSION").into(),
            source: named(&self.sources),
            stamp: self.stamp.clone(),
            entries,
            pieces: table,
        };
        let header = postcard::to_stdvec(&header).map_err(io::Error::other)?;
        out.write_all(&header)?;
        out.write_all(&(header.len() as u64).to_le_bytes())?;
        out.write_all(MAGIC)
    }

    /// Removes the other caches and indexes beside these whose corpus files are gone, and
    /// what runs that ended before they were done left ([`files::sweep`]). Only regular
    /// files are looked into (a pipe named like a cache is passed over).
    fn prune(&self) {
        let Some(dir) = self.path.parent() else { return };
        let Ok(listing) = fs::read_dir(dir) else { return };
        for path in listing.flatten().map(|entry| entry.path()) {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let Ok(meta) = fs::symlink_metadata(&path) else { continue };
            let ours = [self.path.clone(), self.index_path(), self.shown_path(), self.similar_path()];
            let remove = !ours.contains(&path) && meta.is_file() && KINDS.iter().any(|kind| name.ends_with(kind)) && {
                let header = open_regular(&path).ok().and_then(|mut file| header(&mut file));
                header.is_some_and(|header| {
                    header.source != BUNDLED_SOURCE && !header.source.split('\0').all(|p| Path::new(p).exists())
                })
            };
            if remove {
                let _ = fs::remove_file(&path);
            }
        }
        files::sweep(dir);
    }
}

/// How a cache names the files its corpus is read from: each one's full path, separated by
/// NUL when there are several.
fn named(sources: &[PathBuf]) -> String {
    let shown: Vec<String> = sources.iter().map(|s| s.display().to_string()).collect();
    shown.join("\0")
}

/// The pieces `corpus` is kept in, encoded: the corpus apart from its entries, then the
/// entries, at most [`PIECE`] or [`PIECE_TEXT`] bytes of text at a time (so that a corpus of
/// a few hundred long treaties is read in as many pieces as one of many short entries).
fn pieces(corpus: &Corpus) -> impl Iterator<Item = (postcard::Result<Vec<u8>>, u64)> + '_ {
    let head = HeadWritten {
        title: &corpus.title,
        description: &corpus.description,
        sources: &corpus.sources,
        text: corpus.text,
        events: &corpus.events,
        chronology: &corpus.chronology,
        events_of: &corpus.events_of,
    };
    let mut runs = Vec::new();
    let (mut start, mut text) = (0, 0);
    for (i, entry) in corpus.entries.iter().enumerate() {
        text += entry.texts().map(|t| t.plain.len()).sum::<usize>();
        if i + 1 - start >= PIECE || text >= PIECE_TEXT {
            runs.push(start..i + 1);
            (start, text) = (i + 1, 0);
        }
    }
    if start < corpus.entries.len() {
        runs.push(start..corpus.entries.len());
    }
    let entries = runs.into_iter().map(|run| {
        let linked_from: Vec<&[usize]> = run.clone().map(|i| &corpus.linked_from[i]).collect();
        let written = EntriesWritten { entries: &corpus.entries[run.clone()], linked_from };
        (postcard::to_stdvec(&written), run.len() as u64)
    });
    std::iter::once((postcard::to_stdvec(&head), 0)).chain(entries)
}

/// Whether the corpus apart from its entries points only where it may, among `count`
/// entries.
fn whole_head(
    count: usize,
    description: &Text,
    events: &[Event],
    chronology: &[usize],
    events_of: &[Vec<usize>],
) -> bool {
    events_of.len() == count
        && chronology.len() == events.len()
        && chronology.iter().chain(events_of.iter().flatten()).all(|&event| event < events.len())
        && events.iter().all(|event| sound_text(&event.text, count) && event.concerns.iter().all(|&e| e < count))
        && sound_text(description, count)
}

/// How long ago `time` was; nothing for a time yet to come.
fn age(time: SystemTime) -> Duration {
    SystemTime::now().duration_since(time).unwrap_or_default()
}

/// The most bytes a header holds: a table of a few thousand pieces at most, for the largest
/// corpus that may be read.
const HEADER_MOST: u64 = 4 << 20;

/// The most bytes anything kept for a corpus file of `source` bytes could hold. What is kept
/// holds about as much as the file, or less (the copy 0.9 times a generated corpus's file,
/// its index 0.6 times, the text of its hits 1.0 times); a file claiming far more was not
/// written by treaty-tui (a sparse file can claim any length and take no room), and is
/// refused before any of it is read, so that no length read from it can ask for more
/// memory than the corpus itself takes.
fn most(source: u64) -> u64 {
    source.saturating_mul(8).saturating_add(32 << 20)
}

/// The header at the end of a cache file, if it is one.
pub(super) fn header(file: &mut File) -> Option<Header> {
    let len = file.metadata().ok()?.len();
    let mut tail = [0; 24];
    read_at(file, &mut tail, len.checked_sub(24)?)?;
    let (size, magic) = tail.split_at(8);
    (magic == MAGIC).then_some(())?;
    let size = u64::from_le_bytes(size.try_into().ok()?);
    (size <= HEADER_MOST).then_some(())?;
    let body = (len - 24).checked_sub(size)?;
    let mut bytes = chunks::zeroed(usize::try_from(size).ok()?)?;
    read_at(file, &mut bytes, body)?;
    let header: Header = postcard::from_bytes(&bytes).ok()?;
    header.pieces.iter().all(|p| p.offset.checked_add(p.len).is_some_and(|end| end <= body)).then_some(header)
}

/// The piece read into `buffer`, its hash checked, and decoded.
pub(super) fn decode<T: DeserializeOwned>(file: &mut File, piece: &Piece, buffer: &mut Vec<u8>) -> Option<T> {
    let len = usize::try_from(piece.len).ok()?;
    buffer.clear();
    buffer.try_reserve_exact(len).ok()?;
    buffer.resize(len, 0);
    read_at(file, buffer, piece.offset)?;
    (hash(buffer) == piece.hash).then_some(())?;
    postcard::from_bytes(buffer).ok()
}

fn read_at(file: &mut File, buffer: &mut [u8], offset: u64) -> Option<()> {
    chunks::read_at(file, buffer, offset).ok()
}

/// Whether every index in these entries points where it may, among `count` entries.
fn holds_together(entries: &[Entry], linked_from: &[Vec<usize>], count: usize) -> bool {
    entries.iter().all(|entry| {
        let (clauses, chapters) = (entry.clauses.len() as u32, entry.chapters.len() as u32);
        entry.texts().all(|text| sound_text(text, count))
            && entry.targets().all(|target| target < count)
            && entry.clauses.iter().all(|c| {
                c.chapter.is_none_or(|k| k < chapters) && (c.levels.is_empty() || c.levels.len() == c.text.len())
            })
            && entry.chapters.iter().enumerate().all(|(k, chapter)| {
                chapter.parent.is_none_or(|p| p < k as u32)
                    && chapter.clauses.start <= chapter.clauses.end
                    && chapter.clauses.end <= clauses
            })
    }) && linked_from.iter().flatten().all(|&source| source < count)
}

fn sound_text(text: &Text, count: usize) -> bool {
    text.links.iter().all(|link| link.target() < count && text.plain.get(link.range()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keep::testing::{never_used_when_damaged, pinned, settle, setup};
    use crate::model::Link;
    #[cfg(unix)]
    use crate::read::files::mkfifo;
    use crate::search::Index;

    fn shown(corpus: &Corpus) -> String {
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            corpus.title,
            corpus.description,
            corpus.sources,
            corpus.entries,
            corpus.events,
            corpus.linked_from,
            corpus.chronology,
            corpus.events_of
        )
    }

    #[test]
    fn a_kept_corpus_comes_back_as_it_was() {
        let (dir, file, corpus) = setup(5 * PIECE / 2);
        let dir = dir.path();
        let cache = Cache::at(dir.join("c.corpus"), &file).unwrap();
        assert!(cache.load().is_none(), "nothing kept yet");
        cache.save(&corpus).unwrap();
        let kept = Cache::at(dir.join("c.corpus"), &file).unwrap().load().expect("kept");
        assert_eq!(shown(&kept), shown(&corpus));
        for entry in &corpus.entries {
            assert_eq!(kept.find(&entry.id), corpus.find(&entry.id));
        }
    }

    #[test]
    fn a_changed_file_is_read_again() {
        let (dir, file, corpus) = setup(50);
        let dir = dir.path();
        let cache = Cache::at(dir.join("c.corpus"), &file).unwrap();
        cache.save(&corpus).unwrap();
        // The same words written again still make another file.
        fs::write(&file, fs::read(&file).unwrap()).unwrap();
        assert!(cache.load().is_none(), "changed since the cache was looked up");
        settle(&file);
        assert!(Cache::at(dir.join("c.corpus"), &file).unwrap().load().is_none(), "changed since it was kept");
    }

    #[test]
    fn a_directory_is_kept_while_every_file_in_it_is_as_it_was() {
        let (dir, file, corpus) = setup(50);
        let texts = dir.path().join("texts");
        fs::create_dir(&texts).unwrap();
        let within = texts.join("corpus.ron");
        fs::rename(&file, &within).unwrap();
        let settled = || {
            settle(&within);
            let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
            File::open(&texts).unwrap().set_modified(an_hour_ago).unwrap();
        };
        settled();
        let kept = dir.path().join("c.corpus");
        Cache::at(kept.clone(), &texts).unwrap().save(&corpus).unwrap();
        let load = || Cache::at(kept.clone(), &texts).unwrap().load();
        assert!(load().is_some(), "kept for the directory as it is");
        // A file within written again, the same words.
        fs::write(&within, fs::read(&within).unwrap()).unwrap();
        settled();
        assert!(load().is_none(), "a file within changed");
        Cache::at(kept.clone(), &texts).unwrap().save(&corpus).unwrap();
        assert!(load().is_some());
        // A file added that the directory's corpus reads.
        fs::write(texts.join("more.txt"), "Article 1\n\nMore.").unwrap();
        settled();
        assert!(load().is_none(), "a file added");
    }

    #[test]
    fn several_files_are_kept_together_while_each_is_as_it_was_and_in_that_order() {
        let (dir, file, corpus) = setup(50);
        let other = dir.path().join("other.txt");
        fs::write(&other, "Article 1\n\nMore.").unwrap();
        settle(&other);
        let (both, reversed) = ([file.clone(), other.clone()], [other.clone(), file.clone()]);
        let kept = dir.path().join("c.corpus");
        Cache::at_all(kept.clone(), &both).unwrap().save(&corpus).unwrap();
        let load = |sources: &[PathBuf]| Cache::at_all(kept.clone(), sources).unwrap().load();
        assert!(load(&both).is_some(), "kept for the two as they are");
        assert!(load(&reversed).is_none(), "the same files in another order make another corpus");
        assert!(load(std::slice::from_ref(&file)).is_none(), "nor is one of them the corpus");
        // The second written again, the same words.
        fs::write(&other, fs::read(&other).unwrap()).unwrap();
        settle(&other);
        assert!(load(&both).is_none(), "one of them changed");
        Cache::at_all(kept.clone(), &both).unwrap().save(&corpus).unwrap();
        assert!(load(&both).is_some());
        // One of them gone: nothing is kept for the two.
        fs::remove_file(&other).unwrap();
        assert!(Cache::at_all(kept, &both).is_none());
    }

    #[test]
    fn a_file_changed_just_now_is_not_kept_until_it_has_settled() {
        let (dir, file, corpus) = setup(50);
        let dir = dir.path();
        fs::write(&file, fs::read(&file).unwrap()).unwrap();
        Cache::at(dir.join("c.corpus"), &file).unwrap().save(&corpus).unwrap();
        assert!(!dir.join("c.corpus").exists());
    }

    #[test]
    fn a_damaged_cache_is_never_used() {
        let (dir, file, corpus) = setup(3 * PIECE);
        let dir = dir.path();
        let path = dir.join("c.corpus");
        Cache::at(path.clone(), &file).unwrap().save(&corpus).unwrap();
        let whole = fs::read(&path).unwrap();
        let load = |bytes: &[u8]| {
            fs::write(&path, bytes).unwrap();
            Cache::at(path.clone(), &file).unwrap().load()
        };
        never_used_when_damaged(&whole, load);
    }

    #[test]
    fn a_cache_that_points_nowhere_is_never_used() {
        let (dir, file, mut corpus) = setup(50);
        let dir = dir.path();
        let last = corpus.entries.len() - 1;
        corpus.entries[last].summary.links = [Link::new(0..1, last + 1)].into();
        let cache = Cache::at(dir.join("c.corpus"), &file).unwrap();
        cache.save(&corpus).unwrap();
        assert!(cache.load().is_none(), "a link to no entry");
        corpus.entries[last].summary.links = [Link::new(0..usize::MAX, 0)].into();
        cache.save(&corpus).unwrap();
        assert!(cache.load().is_none(), "a link beyond its text");
    }

    #[test]
    fn the_bundled_corpus_is_kept_for_its_own_text_and_never_taken_for_a_file_gone() {
        let (dir, file, corpus) = setup(20);
        let path = dir.path().join("bundled.corpus");
        let bundled = crate::read::load::bundled().unwrap();
        let cache = Cache::bundled_at(path.clone(), crate::read::load::BUNDLED);
        assert!(cache.load().is_none(), "nothing kept yet");
        cache.save(&bundled).unwrap();
        let kept = Cache::bundled_at(path.clone(), crate::read::load::BUNDLED).load().expect("kept");
        assert_eq!(shown(&kept), shown(&bundled));
        let edited = crate::read::load::BUNDLED.replacen("Molotov", "Molotow", 1);
        assert!(Cache::bundled_at(path.clone(), &edited).load().is_none(), "another text of it");
        // Another corpus kept beside it does not remove it as the copy of a file gone.
        Cache::at(dir.path().join("c.corpus"), &file).unwrap().save(&corpus).unwrap();
        assert!(path.exists());
    }

    #[test]
    fn caches_of_files_that_are_gone_are_removed() {
        let (dir, file, corpus) = setup(20);
        let dir = dir.path();
        let other = dir.join("other.ron");
        fs::copy(&file, &other).unwrap();
        settle(&other);
        let kept = Cache::at(dir.join("other.corpus"), &other).unwrap();
        kept.save(&corpus).unwrap();
        kept.save_index(&Index::new(&corpus), &corpus).unwrap();
        assert!(dir.join("other.index").exists() && dir.join("other.shown").exists());
        fs::write(dir.join("notes.corpus"), "not a cache").unwrap();
        let (abandoned, writing) = (dir.join("x.corpus.1.tmp"), dir.join("y.corpus.2.tmp"));
        fs::write(&abandoned, "half").unwrap();
        fs::write(&writing, "half").unwrap();
        // Another explorer writing it now holds it locked.
        let held = File::open(&writing).unwrap();
        held.lock().unwrap();
        fs::remove_file(&other).unwrap();
        Cache::at(dir.join("c.corpus"), &file).unwrap().save(&corpus).unwrap();
        assert!(!dir.join("other.corpus").exists());
        assert!(!dir.join("other.index").exists() && !dir.join("other.shown").exists(), "nor its index");
        assert!(!abandoned.exists(), "no live run holds it");
        assert!(writing.exists(), "another explorer is writing it now");
        assert!(dir.join("notes.corpus").exists(), "only caches are removed");
        assert!(dir.join("c.corpus").exists());
    }

    #[test]
    fn a_cache_that_cannot_be_written_says_where_and_why() {
        let (_dir, file, corpus) = setup(20);
        let error = Cache::at(PathBuf::from("/dev/null/c.corpus"), &file).unwrap().save(&corpus).unwrap_err();
        assert!(error.starts_with("cannot keep a copy of the corpus in /dev/null/c.corpus: "), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_or_a_device_in_place_of_a_kept_copy_is_passed_over_at_once() {
        let (dir, file, corpus) = setup(20);
        let dir = dir.path();
        // A pipe with no writer in place of the copy, and another named like a copy: neither
        // reading the copy nor pruning the others waits on them.
        mkfifo(&dir.join("c.corpus"));
        mkfifo(&dir.join("stray.corpus"));
        mkfifo(&dir.join("stray.corpus.x.tmp"));
        assert!(Cache::at(dir.join("c.corpus"), &file).unwrap().load().is_none());
        Cache::at(dir.join("other.corpus"), &file).unwrap().save(&corpus).unwrap();
        assert!(dir.join("stray.corpus").exists(), "what is not a regular file is left alone");
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero.corpus")).unwrap();
        assert!(Cache::at(dir.join("zero.corpus"), &file).unwrap().load().is_none());
        // Saving replaces the pipe with a copy that is then used.
        Cache::at(dir.join("c.corpus"), &file).unwrap().save(&corpus).unwrap();
        assert!(Cache::at(dir.join("c.corpus"), &file).unwrap().load().is_some());
    }

    #[cfg(unix)]
    #[test]
    fn keeping_a_copy_never_writes_through_a_planted_link() {
        let (dir, file, corpus) = setup(20);
        let dir = dir.path();
        let victim = dir.join("victim");
        fs::write(&victim, "precious").unwrap();
        for name in [format!("c.corpus.{}.tmp", std::process::id()), "c.corpus.tmp".into()] {
            std::os::unix::fs::symlink(&victim, dir.join(name)).unwrap();
        }
        Cache::at(dir.join("c.corpus"), &file).unwrap().save(&corpus).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(fs::symlink_metadata(dir.join("c.corpus")).unwrap().is_file());
        assert!(Cache::at(dir.join("c.corpus"), &file).unwrap().load().is_some());
    }

    /// The bytes kept for a small corpus. Should this fail, the layout of what is kept has
    /// changed: raise FORMAT, so that caches written before are not misread, and pin anew.
    #[test]
    fn the_layout_is_pinned() {
        let corpus = pinned();
        let bytes: Vec<u8> = pieces(&corpus).flat_map(|(bytes, _)| bytes.unwrap()).collect();
        assert_eq!((FORMAT, bytes.len(), crate::keep::state::fnv1a(&bytes)), (9, 431, 4473410531258472603));
    }
}
