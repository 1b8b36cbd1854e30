//! The reader's place and searches, kept between runs, for each corpus, in the platform's
//! state directory (`$XDG_STATE_HOME/treaty-tui` on Linux).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::files;
use crate::read::files::read_regular;

/// What is kept: where the reader was, the searches they made, and the places they marked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The open page, as an address (`treaty#3`).
    #[serde(default)]
    pub open: Option<String>,
    /// The search history, oldest first.
    #[serde(default)]
    pub queries: Vec<String>,
    /// The marks set, by their letters.
    #[serde(default)]
    pub marks: std::collections::BTreeMap<char, MarkedSpot>,
}

/// A place the reader marked with a letter, by address so that it outlives a corpus read
/// again: the page, and how far it was scrolled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkedSpot {
    /// The page, as an address (`treaty#3`).
    pub open: String,
    /// The first line shown.
    #[serde(default)]
    pub scroll: usize,
}

/// How many searches are kept.
const QUERIES_KEPT: usize = 50;

/// The largest state file read (4 MB): fifty searches of the longest kind and an address
/// take a fraction of it, so anything larger was not written by treaty-tui.
const SIZE_CAP: u64 = 4 << 20;

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
    /// or understood (a pipe, a device, a file too large) is an error to warn about. A
    /// search longer than a query may be is cut to the length the prompt takes.
    pub fn load(&self) -> Result<Saved, String> {
        let mut saved: Saved = match read_regular(&self.path, SIZE_CAP) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| format!("{} is not a saved state ({e})", self.path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Saved::default()),
            Err(e) => return Err(format!("cannot read {}: {e}", self.path.display())),
        };
        let excess = saved.queries.len().saturating_sub(QUERIES_KEPT);
        saved.queries.drain(..excess);
        for query in &mut saved.queries {
            crate::search::cut_query(query);
        }
        Ok(saved)
    }

    /// Saves `saved`, replacing the file whole so that a crash never leaves half of it.
    pub fn save(&self, saved: &Saved) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("cannot save the reading place to {}: {e}", self.path.display());
        let mut saved = saved.clone();
        let excess = saved.queries.len().saturating_sub(QUERIES_KEPT);
        saved.queries.drain(..excess);
        let json = serde_json::to_vec_pretty(&saved).map_err(|e| e.to_string())?;
        files::replace(&self.path, |out| out.write_all(&json)).map_err(fail)
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

    fn scratch() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("state").join("state.json"));
        (dir, store)
    }

    #[test]
    fn saved_state_comes_back() {
        let (_dir, store) = scratch();
        assert_eq!(store.load(), Ok(Saved::default()), "nothing saved is no error");
        let marks = [
            ('a', MarkedSpot { open: "treaty#3".into(), scroll: 4 }),
            ('Z', MarkedSpot { open: "liepaja".into(), scroll: 0 }),
        ];
        let saved = Saved {
            open: Some("treaty#3".into()),
            queries: vec!["orzel".into(), "liepaja".into()],
            marks: marks.into_iter().collect(),
        };
        store.save(&saved).unwrap();
        assert_eq!(store.load(), Ok(saved));
    }

    #[test]
    fn a_state_file_from_before_marks_reads_with_none() {
        let (_dir, store) = scratch();
        store.save(&Saved::default()).unwrap();
        std::fs::write(store.path(), r#"{"open": "treaty#3", "queries": ["orzel"]}"#).unwrap();
        let saved = store.load().unwrap();
        assert_eq!((saved.open.as_deref(), saved.marks.len()), (Some("treaty#3"), 0));
    }

    #[test]
    fn only_the_latest_searches_are_kept() {
        let (_dir, store) = scratch();
        let queries: Vec<String> = (0..80).map(|i| format!("q{i}")).collect();
        store.save(&Saved { open: None, queries, ..Saved::default() }).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.queries.len(), QUERIES_KEPT);
        assert_eq!(loaded.queries.last().unwrap(), "q79");
    }

    #[test]
    fn a_search_saved_too_long_comes_back_cut_to_what_the_prompt_takes() {
        let (_dir, store) = scratch();
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        let long = "ā".repeat(3 * crate::search::QUERY_MAX);
        let many: Vec<String> = (0..500).map(|i| format!("q{i}")).collect();
        let json = serde_json::json!({ "open": null, "queries": [long] }).to_string();
        std::fs::write(store.path(), json).unwrap();
        assert_eq!(store.load().unwrap().queries, ["ā".repeat(crate::search::QUERY_MAX)]);
        std::fs::write(store.path(), serde_json::json!({ "queries": many }).to_string()).unwrap();
        assert_eq!(store.load().unwrap().queries.len(), QUERIES_KEPT, "a file written by hand is held to the count");
    }

    #[test]
    fn a_corrupt_file_is_an_error_to_warn_about() {
        let (_dir, store) = scratch();
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        std::fs::write(store.path(), b"{not json").unwrap();
        let error = store.load().unwrap_err();
        assert!(error.contains("is not a saved state"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_or_a_device_in_place_of_the_file_is_a_warning_at_once() {
        let (_dir, store) = scratch();
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        crate::read::files::mkfifo(store.path());
        let error = store.load().unwrap_err();
        assert!(error.ends_with("state.json: it is a named pipe, not a regular file"), "{error}");
        std::fs::remove_file(store.path()).unwrap();
        std::os::unix::fs::symlink("/dev/zero", store.path()).unwrap();
        let error = store.load().unwrap_err();
        assert!(error.ends_with("state.json: it is a device, not a regular file"), "{error}");
        // Saving puts a file in place of the link, and writes nothing through it.
        store.save(&Saved::default()).unwrap();
        assert_eq!(store.load(), Ok(Saved::default()));
    }

    #[cfg(unix)]
    #[test]
    fn saving_never_writes_through_a_planted_link() {
        let (dir, store) = scratch();
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, store.path().with_extension("json.tmp")).unwrap();
        store.save(&Saved { open: Some("treaty#3".into()), ..Saved::default() }).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(std::fs::symlink_metadata(store.path()).unwrap().is_file(), "the state is a file, not a link");
        assert_eq!(store.load().unwrap().open.as_deref(), Some("treaty#3"));
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
