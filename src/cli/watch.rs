//! Watching a corpus file: its directory is watched, so that an editor that saves by
//! renaming a new file over the old one is seen too, and bursts of writes coalesce. A file
//! reached through symbolic links is watched at every link on the way and at the file it
//! leads to, so that editing the file and pointing a link elsewhere are both seen.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long the file must stay unchanged before it is read again.
pub const QUIET: Duration = Duration::from_millis(150);

/// How many links are followed from the file as named.
const LINKS: usize = 16;

/// A watch on files (or directories of files and the files within them) read as one corpus.
pub struct Watch {
    watcher: RecommendedWatcher,
    files: Vec<PathBuf>,
    /// The paths whose change is a change of the corpus: each file as named, each link on the
    /// way, and the file they lead to.
    paths: Arc<Mutex<BTreeSet<PathBuf>>>,
    /// The directories watched for them.
    dirs: BTreeSet<PathBuf>,
}

impl Watch {
    /// Watches `files`, calling `changed` (from a thread of its own) each time one has
    /// changed and then they stayed unchanged for [`QUIET`]: a burst of writes is one change.
    pub fn new(files: &[PathBuf], changed: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let files = files.iter().map(|file| std::path::absolute(file).unwrap_or_else(|_| file.clone())).collect();
        let paths = Arc::new(Mutex::new(BTreeSet::new()));
        let (poke, pokes) = mpsc::channel::<()>();
        // Waits for a change, then for the quiet after it: no time passes unwatched.
        std::thread::spawn(move || {
            while pokes.recv().is_ok() {
                loop {
                    match pokes.recv_timeout(QUIET) {
                        Ok(()) => {}
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                changed();
            }
        });
        let seen = Arc::clone(&paths);
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if event.kind.is_access() {
                return;
            }
            // A change of the file, or of a file within it when it is a directory of files.
            let ours = |paths: &BTreeSet<PathBuf>, p: &PathBuf| {
                paths.contains(p) || p.parent().is_some_and(|dir| paths.contains(dir))
            };
            if seen.lock().is_ok_and(|paths| event.paths.iter().any(|p| ours(&paths, p))) {
                let _ = poke.send(());
            }
        })?;
        let mut watch = Self { watcher, files, paths, dirs: BTreeSet::new() };
        watch.follow()?;
        Ok(watch)
    }

    /// Watches each file as named, every link on the way and the file they lead to (as they
    /// are now), and stops watching directories no longer on the way: after a change, so
    /// that a link now pointing elsewhere is followed there.
    pub fn follow(&mut self) -> notify::Result<()> {
        let chain: Vec<PathBuf> = self.files.iter().flat_map(|file| chain(file)).collect();
        let mut dirs: BTreeSet<PathBuf> = chain.iter().filter_map(|p| p.parent().map(Path::to_path_buf)).collect();
        // A directory of files is watched within, too.
        dirs.extend(chain.iter().filter(|p| p.is_dir()).cloned());
        for dir in self.dirs.difference(&dirs) {
            let _ = self.watcher.unwatch(dir);
        }
        for dir in dirs.difference(&self.dirs) {
            self.watcher.watch(dir, RecursiveMode::NonRecursive)?;
        }
        self.dirs = dirs;
        if let Ok(mut paths) = self.paths.lock() {
            *paths = chain.into_iter().collect();
        }
        Ok(())
    }
}

/// `file`, then each path its symbolic links lead to, in turn, each with its directory's
/// links resolved (as notify reports them).
fn chain(file: &Path) -> Vec<PathBuf> {
    let mut chain = vec![resolved_dir(file)];
    let mut at = file.to_path_buf();
    for _ in 0..LINKS {
        let Ok(target) = std::fs::read_link(&at) else { break };
        at = match at.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
        chain.push(resolved_dir(&at));
    }
    if let Ok(real) = std::fs::canonicalize(file) {
        chain.push(real);
    }
    chain.sort();
    chain.dedup();
    chain
}

/// `path` with the links of its directory resolved, its own name kept.
fn resolved_dir(path: &Path) -> PathBuf {
    match (path.parent().and_then(|dir| std::fs::canonicalize(dir).ok()), path.file_name()) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A watch on `file`, and what it reports: a change, once it has stayed quiet.
    fn watched(file: &Path) -> (Watch, mpsc::Receiver<()>) {
        let (tell, told) = mpsc::channel();
        (
            Watch::new(&[file.to_path_buf()], move || {
                let _ = tell.send(());
            })
            .unwrap(),
            told,
        )
    }

    /// Waits (up to ten seconds, for busy machines) for the watch to report a change, and
    /// follows the links again as the explorer does.
    fn sees(watch: &mut Watch, told: &mpsc::Receiver<()>) -> bool {
        let seen = told.recv_timeout(Duration::from_secs(10)).is_ok();
        watch.follow().unwrap();
        seen
    }

    #[cfg(unix)]
    #[test]
    fn a_file_behind_links_is_seen_when_edited_and_when_a_link_points_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("real.ron"), "one").unwrap();
        std::fs::write(a.join("other.ron"), "two").unwrap();
        let link = b.join("link.ron");
        std::os::unix::fs::symlink("../a/real.ron", &link).unwrap();
        let (mut watch, told) = watched(&link);
        assert!(told.try_recv().is_err());
        // The file it leads to, edited in place.
        std::fs::write(a.join("real.ron"), "one, edited").unwrap();
        assert!(sees(&mut watch, &told), "an edit of the file the link leads to");
        // The link pointed at another file, which is then edited.
        let new_link = b.join("new-link");
        std::os::unix::fs::symlink("../a/other.ron", &new_link).unwrap();
        std::fs::rename(&new_link, &link).unwrap();
        assert!(sees(&mut watch, &told), "the link pointed elsewhere");
        std::fs::write(a.join("other.ron"), "two, edited").unwrap();
        assert!(sees(&mut watch, &told), "an edit of the file it now leads to");
        std::fs::write(a.join("real.ron"), "one, edited again").unwrap();
        assert!(told.recv_timeout(QUIET * 3).is_err(), "the file it no longer leads to is not the corpus");
    }

    #[test]
    fn a_burst_of_writes_is_one_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("corpus.ron");
        std::fs::write(&file, "one").unwrap();
        let (_watch, told) = watched(&file);
        for n in 0..20 {
            std::fs::write(&file, format!("write {n}")).unwrap();
        }
        assert!(told.recv_timeout(Duration::from_secs(10)).is_ok(), "the burst is seen");
        assert!(told.recv_timeout(QUIET * 3).is_err(), "once");
    }

    #[test]
    fn a_directory_is_seen_changed_when_a_file_within_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let texts = dir.path().join("texts");
        std::fs::create_dir_all(&texts).unwrap();
        std::fs::write(texts.join("a.xml"), "one").unwrap();
        let (mut watch, told) = watched(&texts);
        std::fs::write(texts.join("a.xml"), "one, edited").unwrap();
        assert!(sees(&mut watch, &told), "an edit of a file within");
        std::fs::write(texts.join("b.txt"), "new").unwrap();
        assert!(sees(&mut watch, &told), "a file added");
        std::fs::write(dir.path().join("beside.txt"), "not within").unwrap();
        assert!(told.recv_timeout(QUIET * 3).is_err(), "a file beside the directory is not the corpus");
    }

    #[test]
    fn a_watch_that_cannot_start_says_so() {
        assert!(Watch::new(&[PathBuf::from("/nonexistent/directory/corpus.ron")], || {}).is_err());
    }
}
