//! Opening files that may not be what they seem (a named pipe, a device, a link to one):
//! only regular files are read whole, nothing waits on a pipe that no one writes to, and
//! reading stops at a cap.

use std::fs::{self, File};
use std::io::{self, Read};
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
    // A file that says it holds nothing is taken at its word: nothing is read from it (a
    // link to `/proc/kmsg`, whose reads wait for the kernel, cannot hold the explorer).
    if file.metadata()?.len() == 0 {
        return Ok(Vec::new());
    }
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

/// Makes a named pipe at `path`, for the tests of what must not wait on one.
#[cfg(all(test, unix))]
pub(crate) fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `name` is a valid C string for the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

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
        mkfifo(&fifo);
        // No writer ever comes: reading it must not wait for one.
        assert_eq!(read_regular(&fifo, 10).unwrap_err().to_string(), "it is a named pipe, not a regular file");
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert_eq!(read_regular(&link, 10).unwrap_err().to_string(), "it is a device, not a regular file");
    }
}
