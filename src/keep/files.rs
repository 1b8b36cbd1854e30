//! Files in the state directory, which anyone who can write there may have replaced: written
//! through a temporary file of a name no one could have planted, then renamed into place;
//! and the temporary files of a process that ended before it was done, removed.
//! (They are read through [`crate::read::files`], which reads only regular files.)

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// The temporary files (and directories) this process is writing, removed by [`abandon`]
/// should it end first.
static WRITING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file or directory on the list of those being written, for as long as this
/// is held.
pub(super) struct Writing(PathBuf);

impl Writing {
    pub(super) fn new(path: &Path) -> Self {
        WRITING.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(path.to_path_buf());
        Self(path.to_path_buf())
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).retain(|p| *p != self.0);
    }
}

/// Removes the temporary files this process is still writing (a search index being built
/// aside when the reader quits), and the directories it is writing in the system's temporary
/// directory: for a process about to end without waiting for them.
pub fn abandon() {
    remove(std::mem::take(&mut *WRITING.lock().unwrap_or_else(|poisoned| poisoned.into_inner())));
}

/// Removes each of `writing`: a directory with all it holds (never through a link).
fn remove(writing: Vec<PathBuf>) {
    for path in writing {
        let directory = fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_dir());
        match if directory { fs::remove_dir_all(&path) } else { fs::remove_file(&path) } {
            Ok(()) => log::debug!("{} removed: it was still being written at the end", path.display()),
            Err(e) => log::debug!("{} not removed: {e}", path.display()),
        }
    }
}

/// How long a temporary file whose writer cannot be told by its lock (a file system without
/// locks) must go untouched to be taken as abandoned.
const ABANDONED: Duration = Duration::from_secs(3600);

/// Removes the temporary files in `dir` that a process ended before it was done with
/// (killed, or out of power): those named as [`replace`] names them that no live process
/// holds locked. Only regular files are looked into.
pub fn sweep(dir: &Path) {
    let Ok(listing) = fs::read_dir(dir) else { return };
    for path in listing.flatten().map(|entry| entry.path()) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temporary = name.ends_with(".tmp")
            && [".corpus.", ".index.", ".shown.", ".similar.", ".json."].iter().any(|kind| name.contains(kind));
        let regular = fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_file());
        if !temporary || !regular {
            continue;
        }
        let Ok(file) = File::open(&path) else { continue };
        let abandoned = match file.try_lock() {
            Ok(()) => true,
            Err(fs::TryLockError::WouldBlock) => false,
            Err(fs::TryLockError::Error(_)) => file
                .metadata()
                .and_then(|meta| meta.modified())
                .is_ok_and(|time| time.elapsed().is_ok_and(|age| age > ABANDONED)),
        };
        if abandoned && fs::remove_file(&path).is_ok() {
            log::info!("{} removed: a run that ended before it was done left it", path.display());
        }
    }
}

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
    // Locked while it is written, so that another run's sweep passes it over; on the list,
    // so that this one removes it should it end first.
    let _ = temporary.as_file().try_lock();
    let _writing = Writing::new(temporary.path());
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

    #[test]
    fn what_was_being_written_is_removed_a_directory_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (scratch, file) = (dir.path().join("scratch"), dir.path().join("c.index.1.tmp"));
        fs::create_dir(&scratch).unwrap();
        fs::write(scratch.join("index.index"), "half").unwrap();
        fs::write(&file, "half").unwrap();
        fs::write(dir.path().join("kept"), "whole").unwrap();
        remove(vec![scratch.clone(), file.clone()]);
        assert!(!scratch.exists() && !file.exists());
        assert!(dir.path().join("kept").exists(), "nothing else");
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
