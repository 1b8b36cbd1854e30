//! A corpus kept as the explorer finds it kept, for the benchmarks that launch the binary.

use std::path::Path;
use std::time::Duration;

/// The corpus `text` written to `file`, last changed an hour ago (so that it is kept), and
/// `search` run on it with its state in `state`, where it keeps its copy and its index;
/// both are there once it returns.
pub fn keep(file: &Path, state: &Path, text: &str) {
    std::fs::write(file, text).unwrap();
    keep_as_it_is(file, state);
}

/// The corpus file, or directory of files, at `file` last changed an hour ago and kept as
/// [`keep`] keeps it.
#[allow(dead_code)]
pub fn keep_as_it_is(file: &Path, state: &Path) {
    std::fs::create_dir_all(state).unwrap();
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    let files: Vec<std::path::PathBuf> = if file.is_dir() {
        std::fs::read_dir(file).unwrap().map(|f| f.unwrap().path()).chain([file.to_path_buf()]).collect()
    } else {
        vec![file.to_path_buf()]
    };
    for path in files {
        std::fs::File::open(&path).unwrap().set_modified(an_hour_ago).unwrap();
    }
    let kept = std::process::Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
        .args(["search", "sovereignty"])
        .arg(file)
        .env("XDG_STATE_HOME", state)
        .output()
        .unwrap();
    assert!(kept.status.success(), "{}", String::from_utf8_lossy(&kept.stderr));
    let kinds: Vec<String> = std::fs::read_dir(state.join("treaty-tui"))
        .unwrap()
        .map(|f| f.unwrap().path().extension().unwrap_or_default().to_string_lossy().into_owned())
        .collect();
    assert!(kinds.contains(&"corpus".into()) && kinds.contains(&"index".into()), "{kinds:?}");
}
