//! Reading a corpus file into text: bounded, UTF-8 checked, a byte-order mark and CRLF accepted.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::time::Duration;

use super::files;
use crate::read::diagnostic::{Diagnostic, Problems};

/// The largest corpus file read, in bytes (256 MiB): room for a whole treaty series,
/// and a bound that keeps `/dev/zero` or an endless pipe from exhausting memory.
pub const SIZE_CAP: u64 = 256 * 1024 * 1024;

/// How long a pipe or a device may stay silent before it is given up on (10 seconds): a
/// named pipe with no writer, or one whose writer sends nothing, would otherwise hold the
/// reader for ever.
pub const SILENCE: Duration = Duration::from_secs(10);

/// Why a file could not be read at all (as opposed to read and found invalid).
#[derive(Debug)]
pub enum ReadError {
    Missing,
    Directory,
    TooLarge {
        size: Option<u64>,
    },
    /// A pipe or device sent nothing for this long.
    Silent(Duration),
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing => f.write_str("no such file; check the path, or leave it out to use the bundled corpus"),
            Self::Directory => f.write_str("it is a directory; name a corpus file (.ron) inside it"),
            Self::TooLarge { size: Some(size) } => write!(
                f,
                "it is {} MiB, over the {} MiB limit for a corpus file; split its entries into several .ron files and open them together (all named, or the directory holding them)",
                size.div_ceil(1024 * 1024),
                SIZE_CAP / (1024 * 1024)
            ),
            Self::TooLarge { size: None } => write!(
                f,
                "it holds more than the {} MiB limit for a corpus file; split its entries into several .ron files and open them together (all named, or the directory holding them)",
                SIZE_CAP / (1024 * 1024)
            ),
            Self::Silent(wait) => write!(
                f,
                "nothing came from it for {} seconds (a pipe with no writer, or a writer that sends nothing); \
                 write the corpus to a file and name that",
                wait.as_secs()
            ),
            Self::Io(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                f.write_str("permission denied; check the file's permissions")
            }
            Self::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Reads at most [`SIZE_CAP`] bytes of `path`, refusing directories and anything larger; a
/// pipe, a device or a file that says it is empty, silent for [`SILENCE`], is given up on.
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_capped(path, SIZE_CAP, SILENCE)
}

/// The file at `path` opened for reading in pieces, if it is a regular file under the
/// cap; anything else is read whole by [`read`], which says what is wrong.
pub fn open_file(path: &Path) -> Option<File> {
    let file = files::open_regular(path).ok()?;
    (1..=SIZE_CAP).contains(&file.metadata().ok()?.len()).then_some(file)
}

fn read_capped(path: &Path, cap: u64, silence: Duration) -> Result<Vec<u8>, ReadError> {
    let file = files::open_without_waiting(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => ReadError::Missing,
        _ => ReadError::Io(e),
    })?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if meta.is_file() && meta.len() > cap {
        return Err(ReadError::TooLarge { size: Some(meta.len()) });
    }
    // A file that says it holds nothing may be one whose reads wait for the kernel
    // (`/proc/kmsg`): it is read as a pipe is, and given up on when it stays silent.
    let regular = meta.is_file() && meta.len() > 0;
    let mut bytes = Vec::with_capacity(if regular { meta.len() as usize } else { 8192 });
    if regular {
        files::blocking(&file);
        (&file).take(cap + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    } else {
        read_waiting(&file, &mut bytes, cap, silence)?;
    }
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { size: None });
    }
    Ok(bytes)
}

/// Reads a pipe or device opened without blocking to its end (or past `cap`), waiting at
/// most `silence` for each piece. Nothing is read before data or an end is announced: a
/// pipe that no writer has opened reads as ended, though it has only not yet begun.
#[cfg(unix)]
fn read_waiting(file: &File, bytes: &mut Vec<u8>, cap: u64, silence: Duration) -> Result<(), ReadError> {
    use std::os::unix::io::AsRawFd;
    let mut chunk = vec![0; 1 << 16];
    let wait = libc::c_int::try_from(silence.as_millis()).unwrap_or(libc::c_int::MAX);
    loop {
        let mut ready = libc::pollfd { fd: file.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: `ready` is one valid pollfd for the duration of the call.
        let polled = unsafe { libc::poll(&mut ready, 1, wait) };
        match polled {
            0 => return Err(ReadError::Silent(silence)),
            n if n < 0 => match io::Error::last_os_error() {
                e if e.kind() == io::ErrorKind::Interrupted => continue,
                e => return Err(ReadError::Io(e)),
            },
            _ => {}
        }
        match (&*file).read(&mut chunk) {
            Ok(0) => return Ok(()),
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                if bytes.len() as u64 > cap {
                    return Ok(());
                }
            }
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted) => {}
            Err(e) => return Err(ReadError::Io(e)),
        }
    }
}

#[cfg(not(unix))]
fn read_waiting(file: &File, bytes: &mut Vec<u8>, cap: u64, _silence: Duration) -> Result<(), ReadError> {
    file.take(cap + 1).read_to_end(bytes).map(drop).map_err(ReadError::Io)
}

/// Why a corpus could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read at all.
    Read(ReadError),
    /// The file was read, and these are its problems; `text` is what they point into.
    Invalid { text: String, diagnostics: Problems },
}

/// Turns the bytes of a corpus file into text: drops a UTF-8 byte-order mark and turns CRLF
/// line endings into LF (which keeps every line and column where it was).
/// Invalid UTF-8 is a diagnostic at the first bad byte, pointing into the text as far as it
/// could be decoded.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let bad = e.as_bytes()[at];
            let diagnostic = Diagnostic::new(
                format!("the file is not valid UTF-8: byte 0x{bad:02X} cannot start or continue a character"),
                at..at + '\u{fffd}'.len_utf8(),
            )
            .label("invalid byte here")
            .help("save the file as UTF-8 (most editors offer it under \"Save with encoding\")");
            return Err(LoadError::Invalid { text: shown, diagnostics: vec![diagnostic].into() });
        }
    };
    Ok(if text.contains("\r\n") { text.replace("\r\n", "\n") } else { text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = decode(b"\xEF\xBB\xBFCorpus(\r\n  title: \"x\",\r\n)".to_vec()).unwrap();
        assert_eq!(text, "Corpus(\n  title: \"x\",\n)");
    }

    #[test]
    fn invalid_utf8_points_at_the_first_bad_byte() {
        let Err(LoadError::Invalid { text, diagnostics }) = decode(b"ab\ncd\xFFe".to_vec()) else { panic!("accepted") };
        assert_eq!(diagnostics[0].span, 5..8);
        assert_eq!(&text[5..8], "\u{fffd}");
    }

    const WAIT: Duration = Duration::from_millis(200);

    #[test]
    fn reading_is_capped() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("corpus.ron");
        std::fs::write(&file, [b'x'; 100]).unwrap();
        assert!(matches!(read_capped(&file, 99, WAIT), Err(ReadError::TooLarge { size: Some(100) })));
        assert_eq!(read_capped(&file, 100, WAIT).unwrap().len(), 100);
        assert!(matches!(read_capped(dir.path(), 100, WAIT), Err(ReadError::Directory)));
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_stops_at_the_cap() {
        assert!(matches!(read_capped(Path::new("/dev/zero"), 1000, WAIT), Err(ReadError::TooLarge { size: None })));
    }

    #[test]
    fn an_empty_file_is_read_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("corpus.ron");
        std::fs::write(&file, b"").unwrap();
        assert_eq!(read_capped(&file, 100, Duration::from_secs(600)).unwrap(), b"");
        assert!(open_file(&file).is_none(), "read the ordinary way, which says it is empty");
    }

    /// `/proc/kmsg` says it holds nothing, and a read of it waits for the kernel to say
    /// something: read as a pipe, it is given up on. (Only where this process may read it:
    /// as root, on Linux.)
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_whose_reads_wait_is_given_up_on_when_it_stays_silent() {
        let kmsg = Path::new("/proc/kmsg");
        if files::open_without_waiting(kmsg).is_err() {
            eprintln!("/proc/kmsg cannot be read here: not tried");
            return;
        }
        assert!(open_file(kmsg).is_none(), "not read in pieces, which would wait");
        match read_capped(kmsg, 1 << 20, WAIT) {
            Err(ReadError::Silent(_)) => {}
            other => panic!("{other:?}"),
        }
    }

    #[cfg(unix)]
    fn mkfifo(dir: &Path) -> std::path::PathBuf {
        let fifo = dir.join("corpus.ron");
        files::mkfifo(&fifo);
        fifo
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_with_no_writer_cannot_be_read_rather_than_being_empty() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = mkfifo(dir.path());
        let error = read_capped(&fifo, 1000, WAIT).unwrap_err();
        assert!(matches!(error, ReadError::Silent(WAIT)), "{error:?}");
        assert!(error.to_string().starts_with("nothing came from it for 0 seconds"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_read_to_its_end_and_a_silent_writer_is_given_up_on() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let fifo = mkfifo(dir.path());
        // A writer that pauses between its writes, well within the silence allowed (which
        // costs nothing here: the read ends when the writer closes the pipe).
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut pipe = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
                pipe.write_all(b"Corpus(").unwrap();
                std::thread::sleep(WAIT / 4);
                pipe.write_all(b"title: \"T\")").unwrap();
            })
        };
        assert_eq!(read_capped(&fifo, 1000, WAIT * 50).unwrap(), b"Corpus(title: \"T\")");
        writer.join().unwrap();
        // A writer that opens the pipe, sends a little and then nothing, holding it open
        // until the reader has given up, however long that takes.
        let (given_up, told) = std::sync::mpsc::channel::<()>();
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut pipe = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
                pipe.write_all(b"Corpus(").unwrap();
                let _ = told.recv();
            })
        };
        assert!(matches!(read_capped(&fifo, 1000, WAIT), Err(ReadError::Silent(_))));
        given_up.send(()).unwrap();
        writer.join().unwrap();
    }
}
