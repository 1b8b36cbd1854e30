//! What is kept between runs, as the binary meets it: a planted file in the state directory
//! is refused, the log a user turns on says why, and a good one is made in its place.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A corpus large enough to be kept (4 MB and more), last changed an hour ago, in a
/// directory of its own with a state directory beside it.
fn large_corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.ron");
    std::fs::write(&file, treaty_tui::synth::corpus(7, 2500)).unwrap();
    assert!(std::fs::metadata(&file).unwrap().len() >= treaty_tui::keep::copy::KEEP_FROM);
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&file).unwrap().set_modified(an_hour_ago).unwrap();
    (dir, file)
}

/// Where the files kept for `file` are, without their extension.
fn kept(dir: &Path, file: &Path) -> PathBuf {
    let source = std::fs::canonicalize(file).unwrap().display().to_string();
    dir.join("state").join("treaty-tui").join(treaty_tui::keep::state::file_stem(&source))
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
        .args(args)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("TREATY_TUI_LOG", dir.join("log"))
        .output()
        .expect("the binary runs")
}

/// A sparse file of `len` bytes whose last bytes claim a header of all but a few of them.
fn planted(path: &Path, len: u64) {
    use std::io::{Seek, SeekFrom, Write};
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut file = std::fs::File::create(path).unwrap();
    file.set_len(len).unwrap();
    file.seek(SeekFrom::Start(len - 24)).unwrap();
    file.write_all(&(len - 25).to_le_bytes()).unwrap();
    file.write_all(b"treaty-tui cache").unwrap();
}

#[test]
fn a_planted_kept_file_of_16_gib_is_refused_said_in_the_log_and_made_again() {
    let (dir, file) = large_corpus();
    let stem = kept(dir.path(), &file);
    for kind in ["corpus", "index"] {
        planted(&stem.with_extension(kind), 16 << 30);
    }
    let out = run(dir.path(), &["search", "treaty", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!out.stdout.is_empty(), "the hits are printed");
    let log = std::fs::read_to_string(dir.path().join("log")).expect("the log is written");
    for kind in ["corpus", "index"] {
        let refused = format!(
            "{} refused: it is 17179869184 bytes, more than anything kept for a corpus file",
            stem.with_extension(kind).display()
        );
        assert!(log.contains(&refused), "{kind}: {log}");
        let len = std::fs::metadata(stem.with_extension(kind)).unwrap().len();
        assert!(len < 1 << 30, "{kind}: a good file is kept in its place ({len} bytes)");
    }
    // The next run reads what was kept, and says so.
    std::fs::remove_file(dir.path().join("log")).unwrap();
    let again = run(dir.path(), &["search", "treaty", file.to_str().unwrap()]);
    assert_eq!(again.stdout, out.stdout, "the same hits from what was kept");
    let log = std::fs::read_to_string(dir.path().join("log")).unwrap();
    assert!(!log.contains("refused"), "{log}");
}

#[test]
fn a_log_that_cannot_be_written_is_a_warning_and_the_work_goes_on() {
    let out = Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
        .args(["search", "liepaja"])
        .env("TREATY_TUI_LOG", "/nonexistent/directory/log")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("treaty-tui: warning: cannot write the log to /nonexistent/directory/log ("),
        "{stderr}"
    );
}
