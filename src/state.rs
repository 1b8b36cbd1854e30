//! The reader's place and searches, kept between runs, for each corpus, in the platform's
//! state directory (`$XDG_STATE_HOME/treaty-tui` on Linux).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What is kept: where the reader was, and the searches they made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The open page, as an address (`treaty#3`).
    #[serde(default)]
    pub open: Option<String>,
    /// The search history, oldest first.
    #[serde(default)]
    pub queries: Vec<String>,
}

/// How many searches are kept.
const QUERIES_KEPT: usize = 50;

/// The file that keeps one corpus's state.
#[derive(Clone, Debug)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    /// The store for the corpus known as `key` (its file's full path, or "bundled"), in the
    /// platform's state directory; `None` where the platform has none.
    pub fn for_corpus(key: &str) -> Option<Self> {
        Some(Self::at(dir()?.join(format!("{}.json", file_stem(key)))))
    }

    /// A store in the file at `path`.
    pub fn at(path: PathBuf) -> Self {
        Self { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved state; nothing saved yet is the default, and a file that cannot be read
    /// or understood is an error to warn about.
    pub fn load(&self) -> Result<Saved, String> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| format!("{} is not a saved state ({e})", self.path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Saved::default()),
            Err(e) => Err(format!("cannot read {}: {e}", self.path.display())),
        }
    }

    /// Saves `saved`, replacing the file whole so that a crash never leaves half of it.
    pub fn save(&self, saved: &Saved) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("cannot save the reading place to {}: {e}", self.path.display());
        let mut saved = saved.clone();
        let excess = saved.queries.len().saturating_sub(QUERIES_KEPT);
        saved.queries.drain(..excess);
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let temporary = self.path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(&saved).map_err(|e| e.to_string())?;
        std::fs::write(&temporary, json).map_err(fail)?;
        std::fs::rename(&temporary, &self.path).map_err(fail)
    }
}

/// The platform's state directory for treaty-tui, if it has one.
pub fn dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "treaty-tui")?;
    Some(dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir()).to_path_buf())
}

/// The name, without extension, of the files kept for the corpus known as `key`.
pub fn file_stem(key: &str) -> String {
    format!("{:016x}", fnv1a(key.as_bytes()))
}

/// A hash that stays the same from one version to the next (FNV-1a), to name state files.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("treaty-tui-state-{}-{name}", std::process::id()))
    }

    #[test]
    fn saved_state_comes_back() {
        let store = Store::at(scratch("round").join("state.json"));
        assert_eq!(store.load(), Ok(Saved::default()), "nothing saved is no error");
        let saved = Saved { open: Some("treaty#3".into()), queries: vec!["orzel".into(), "liepaja".into()] };
        store.save(&saved).unwrap();
        assert_eq!(store.load(), Ok(saved));
        std::fs::remove_dir_all(scratch("round")).unwrap();
    }

    #[test]
    fn only_the_latest_searches_are_kept() {
        let store = Store::at(scratch("many").join("state.json"));
        let queries: Vec<String> = (0..80).map(|i| format!("q{i}")).collect();
        store.save(&Saved { open: None, queries }).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.queries.len(), QUERIES_KEPT);
        assert_eq!(loaded.queries.last().unwrap(), "q79");
        std::fs::remove_dir_all(scratch("many")).unwrap();
    }

    #[test]
    fn a_corrupt_file_is_an_error_to_warn_about() {
        let dir = scratch("corrupt");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("state.json"), b"{not json").unwrap();
        let error = Store::at(dir.join("state.json")).load().unwrap_err();
        assert!(error.contains("is not a saved state"), "{error}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_unwritable_place_is_an_error_to_warn_about() {
        // A directory inside a file cannot be made, not even by root.
        let error = Store::at(PathBuf::from("/dev/null/treaty-tui/state.json")).save(&Saved::default()).unwrap_err();
        assert!(error.starts_with("cannot save the reading place to /dev/null/treaty-tui/state.json"), "{error}");
    }

    #[test]
    fn each_corpus_has_its_own_file() {
        let a = Store::for_corpus("bundled").unwrap();
        let b = Store::for_corpus("/home/reader/other.ron").unwrap();
        assert_ne!(a.path(), b.path());
        assert_eq!(a.path(), Store::for_corpus("bundled").unwrap().path(), "the same corpus, the same file");
    }
}
