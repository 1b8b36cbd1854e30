//! Files in the state directory, which anyone who can write there may have replaced: read
//! only when they are regular files, never waiting on a pipe, within a cap; written through
//! a temporary file of a name no one could have planted, then renamed into place.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

/// Opens `path` for reading if it is a regular file (a link to one is followed). A named
/// pipe, a device, a socket or a directory is refused at once, without waiting for a
/// writer; the error says what it is.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let file = open_without_waiting(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("it is {}, not a regular file", what(&meta))));
    }
    blocking(&file);
    Ok(file)
}

/// The whole of the regular file at `path`, if it holds at most `cap` bytes.
pub fn read_regular(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let mut bytes = Vec::with_capacity(file.metadata().map_or(0, |m| m.len().min(cap)) as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("it is larger than {}, more than it could rightly hold", megabytes(cap)),
        ));
    }
    Ok(bytes)
}

/// Replaces the file at `path` with what `write` writes, whole or not at all: into a new
/// file of a random name beside it (created exclusively, so that a link planted there is
/// never followed), which is then renamed over `path`. The temporary file's name is
/// `path`'s file name, a random part, and `.tmp`.
pub fn replace(path: &Path, write: impl FnOnce(&mut BufWriter<&File>) -> io::Result<()>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = tempfile::Builder::new().prefix(&format!("{name}.")).suffix(".tmp").tempfile_in(dir)?;
    let mut out = BufWriter::with_capacity(1 << 20, temporary.as_file());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// What a file that is not a regular one is, for messages.
fn what(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() { "a directory" } else { "something else" }
}

/// `bytes` as a whole number of megabytes (or kilobytes, below one), for messages.
pub fn megabytes(bytes: u64) -> String {
    if bytes >= 1 << 20 { format!("{} MB", bytes >> 20) } else { format!("{} kB", bytes.div_ceil(1 << 10)) }
}

/// Opens `path` for reading without waiting: a named pipe with no writer would otherwise
/// hold the open until one came.
#[cfg(unix)]
pub(crate) fn open_without_waiting(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
pub(crate) fn open_without_waiting(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Makes reads from `file` wait for data again.
#[cfg(unix)]
pub(crate) fn blocking(file: &File) {
    use std::os::unix::io::AsRawFd;
    // SAFETY: the descriptor is open for the lifetime of `file`; F_GETFL and F_SETFL only
    // change its flags.
    unsafe {
        let fd = file.as_raw_fd();
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
}

#[cfg(not(unix))]
pub(crate) fn blocking(_file: &File) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state.json");
        fs::write(&file, b"{}").unwrap();
        assert_eq!(read_regular(&file, 10).unwrap(), b"{}");
        let error = read_regular(dir.path(), 10).unwrap_err();
        assert_eq!(error.to_string(), "it is a directory, not a regular file");
        let error = read_regular(&file, 1).unwrap_err();
        assert_eq!(error.to_string(), "it is larger than 1 kB, more than it could rightly hold");
        assert_eq!(read_regular(&dir.path().join("none"), 10).unwrap_err().kind(), io::ErrorKind::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn pipes_and_devices_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: `name` is a valid C string for the call.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        // No writer ever comes: reading it must not wait for one.
        assert_eq!(read_regular(&fifo, 10).unwrap_err().to_string(), "it is a named pipe, not a regular file");
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert_eq!(read_regular(&link, 10).unwrap_err().to_string(), "it is a device, not a regular file");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_where_a_temporary_file_might_go_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim");
        fs::write(&target, b"precious").unwrap();
        let path = dir.path().join("state.json");
        // Links at every name a predictable writer could use.
        for name in ["state.json.tmp", "state.json.1.tmp", "state.tmp"] {
            std::os::unix::fs::symlink(&target, dir.path().join(name)).unwrap();
        }
        replace(&path, |out| out.write_all(b"new")).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"precious");
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert!(fs::symlink_metadata(&path).unwrap().is_file(), "the file is a file, not a link");
        // A link at the file itself is replaced, not followed.
        fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&target, &path).unwrap();
        replace(&path, |out| out.write_all(b"newer")).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"precious");
        assert_eq!(fs::read(&path).unwrap(), b"newer");
        let left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("state.json.") && n.len() > "state.json.1.tmp".len())
            .collect();
        assert!(left.is_empty(), "no temporary file is left behind: {left:?}");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept");
        fs::write(&path, b"old").unwrap();
        let error = replace(&path, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("the disk is full"))
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "the disk is full");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
