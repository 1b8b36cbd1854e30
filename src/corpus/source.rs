//! Reading a corpus file into text: bounded, UTF-8 checked, a byte-order mark and CRLF accepted.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use super::load::LoadError;
use crate::diagnostic::Diagnostic;

/// The largest corpus file read, in bytes (256 MiB): room for a whole treaty series,
/// and a bound that keeps `/dev/zero` or an endless pipe from exhausting memory.
pub const SIZE_CAP: u64 = 256 * 1024 * 1024;

/// Why a file could not be read at all (as opposed to read and found invalid).
#[derive(Debug)]
pub enum ReadError {
    Missing,
    Directory,
    TooLarge { size: Option<u64> },
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing => f.write_str("no such file; check the path, or leave it out to use the bundled corpus"),
            Self::Directory => f.write_str("it is a directory; name a corpus file (.ron) inside it"),
            Self::TooLarge { size: Some(size) } => write!(
                f,
                "it is {} MiB, over the {} MiB limit for a corpus; split it into several files",
                size.div_ceil(1024 * 1024),
                SIZE_CAP / (1024 * 1024)
            ),
            Self::TooLarge { size: None } => write!(
                f,
                "it holds more than the {} MiB limit for a corpus; split it into several files",
                SIZE_CAP / (1024 * 1024)
            ),
            Self::Io(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                f.write_str("permission denied; check the file's permissions")
            }
            Self::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Reads at most [`SIZE_CAP`] bytes of `path`, refusing directories and anything larger.
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_capped(path, SIZE_CAP)
}

/// The file at `path` opened for reading in pieces, if it is a regular file under the
/// cap; anything else is read whole by [`read`], which says what is wrong.
pub fn open_file(path: &Path) -> Option<File> {
    let meta = fs::metadata(path).ok()?;
    (meta.is_file() && meta.len() <= SIZE_CAP).then(|| File::open(path).ok())?
}

fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => ReadError::Missing,
        _ => ReadError::Io(e),
    })?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if meta.is_file() && meta.len() > cap {
        return Err(ReadError::TooLarge { size: Some(meta.len()) });
    }
    let file = open(path, meta.is_file()).map_err(ReadError::Io)?;
    let mut bytes = Vec::with_capacity(if meta.is_file() { meta.len() as usize } else { 8192 });
    file.take(cap + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { size: None });
    }
    Ok(bytes)
}

/// Opens `path` for reading. A FIFO or device is opened without blocking (so a pipe with
/// no writer cannot hang the open) and then switched back to blocking reads.
#[cfg(unix)]
fn open(path: &Path, regular: bool) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    if regular {
        return File::open(path);
    }
    let file = fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)?;
    // SAFETY: `fd` is open for the lifetime of `file`; F_GETFL/F_SETFL only change its flags.
    unsafe {
        let fd = file.as_raw_fd();
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
    Ok(file)
}

#[cfg(not(unix))]
fn open(path: &Path, _regular: bool) -> io::Result<File> {
    File::open(path)
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
            return Err(LoadError::Invalid { text: shown, diagnostics: vec![diagnostic] });
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

    #[test]
    fn reading_is_capped() {
        let dir = std::env::temp_dir().join(format!("treaty-tui-cap-{}", std::process::id()));
        fs::write(&dir, [b'x'; 100]).unwrap();
        assert!(matches!(read_capped(&dir, 99), Err(ReadError::TooLarge { size: Some(100) })));
        assert_eq!(read_capped(&dir, 100).unwrap().len(), 100);
        fs::remove_file(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_stops_at_the_cap() {
        assert!(matches!(read_capped(Path::new("/dev/zero"), 1000), Err(ReadError::TooLarge { size: None })));
    }
}
