//! Watching a corpus file: its directory is watched, so that an editor that saves by
//! renaming a new file over the old one is seen too, and bursts of writes coalesce.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long the file must stay unchanged before it is read again.
pub const QUIET: Duration = Duration::from_millis(150);

/// A watch on one file.
pub struct Watch {
    _watcher: RecommendedWatcher,
    /// When the file last changed, if it has since it was last read.
    changed: Arc<Mutex<Option<Instant>>>,
}

impl Watch {
    pub fn new(file: &Path) -> notify::Result<Self> {
        let file = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        let name = file.file_name().map(|n| n.to_os_string());
        let dir: PathBuf = file.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let changed = Arc::new(Mutex::new(None));
        let mark = Arc::clone(&changed);
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if event.kind.is_access() {
                return;
            }
            if event.paths.iter().any(|p| p.file_name().map(|n| n.to_os_string()) == name)
                && let Ok(mut changed) = mark.lock()
            {
                *changed = Some(Instant::now());
            }
        })?;
        watcher.watch(&dir, RecursiveMode::NonRecursive)?;
        Ok(Self { _watcher: watcher, changed })
    }

    /// Whether the file changed and has been quiet for [`QUIET`] since; a yes is given once.
    pub fn settled(&self) -> bool {
        let Ok(mut changed) = self.changed.lock() else { return false };
        match *changed {
            Some(at) if Instant::now().saturating_duration_since(at) >= QUIET => {
                *changed = None;
                true
            }
            _ => false,
        }
    }
}
