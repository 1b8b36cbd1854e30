//! Files in the state directory, which anyone who can write there may have replaced: written
//! through a temporary file of a name no one could have planted, then renamed into place.
//! (They are read through [`crate::read::files`], which reads only regular files.)

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Replaces the file at `path` with what `write` writes, whole or not at all: into a new
/// file of a random name beside it (created exclusively, so that a link planted there is
/// never followed), which is then renamed over `path`. The temporary file's name is
/// `path`'s file name, a random part, and `.tmp`.
pub fn replace(path: &Path, write: impl FnOnce(&mut BufWriter<&File>) -> io::Result<()>) -> io::Result<()> {
    let started = std::time::Instant::now();
    let written = write_whole(path, write);
    match &written {
        Ok(()) => log::debug!("{} written in {:.3} s", path.display(), started.elapsed().as_secs_f64()),
        Err(e) => log::warn!("{} not written: {e}", path.display()),
    }
    written
}

fn write_whole(path: &Path, write: impl FnOnce(&mut BufWriter<&File>) -> io::Result<()>) -> io::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
