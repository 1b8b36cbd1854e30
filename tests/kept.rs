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

#[path = "common/planted.rs"]
mod planted;
use planted::planted;

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

#[cfg(unix)]
#[path = "common/pty.rs"]
mod harness;

/// The explorer meeting what is kept, in a pseudo-terminal.
#[cfg(unix)]
mod in_the_explorer {
    use std::path::{Path, PathBuf};

    use portable_pty::{CommandBuilder, native_pty_system};

    use super::harness::{Pty, eventually, size};
    use super::{kept, large_corpus, planted};

    /// The explorer on `file` at 100×30, its state in `dir`, run by `sh -c` after `setup`
    /// (a shell command: `ulimit -f 64`), its first screen drawn.
    fn explorer(dir: &Path, file: &Path, setup: &str) -> Pty {
        let pair = native_pty_system().openpty(size(100, 30)).unwrap();
        let mut command = CommandBuilder::new("sh");
        command.args(["-c", &format!("{setup}\nexec \"$0\" \"$@\""), env!("CARGO_BIN_EXE_treaty-tui")]);
        command.arg(file);
        command.env("XDG_STATE_HOME", dir.join("state"));
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        let pty = Pty::start(pair, command, 100, 30);
        pty.wait_for("Entries 1/");
        pty
    }

    /// The files in the state directory whose names end so.
    fn state_files(dir: &Path, ending: &str) -> Vec<PathBuf> {
        let Ok(listing) = std::fs::read_dir(dir.join("state").join("treaty-tui")) else { return Vec::new() };
        let paths = listing.flatten().map(|e| e.path());
        paths.filter(|p| p.to_string_lossy().ends_with(ending)).collect()
    }

    #[test]
    fn under_a_file_size_limit_nothing_is_kept_nothing_is_left_and_the_terminal_comes_back() {
        let (dir, file) = large_corpus();
        let mut pty = explorer(dir.path(), &file, "ulimit -f 64");
        pty.send("/treaty");
        pty.wait_for("hits");
        pty.send("\x1b");
        pty.settled_screen();
        pty.send("q");
        assert_eq!(pty.exit_code(), 0, "{}", pty.screen());
        pty.assert_restored();
        assert!(pty.screen().contains("cannot keep a copy of the corpus"), "the warning is said:\n{}", pty.screen());
        assert!(pty.screen().contains("File too large"), "{}", pty.screen());
        assert_eq!(state_files(dir.path(), ".tmp"), Vec::<PathBuf>::new(), "no part-written file is left");
        assert_eq!(state_files(dir.path(), ".corpus"), Vec::<PathBuf>::new());
    }

    #[test]
    fn planted_kept_files_of_16_gib_are_refused_and_the_explorer_reads_and_searches_as_ever() {
        let (dir, file) = large_corpus();
        let stem = kept(dir.path(), &file);
        for kind in ["corpus", "index", "shown", "similar"] {
            planted(&stem.with_extension(kind), 16 << 30);
        }
        let mut pty = explorer(dir.path(), &file, ":");
        pty.send("/treaty");
        pty.wait_for("hits");
        // The index is made and kept aside, in a while.
        for kind in ["corpus", "index"] {
            let made = eventually(|| std::fs::metadata(stem.with_extension(kind)).unwrap().len() < 1 << 30);
            assert!(made, "{kind}: a good one is kept in its place");
        }
        pty.send("\x1b");
        pty.settled_screen();
        pty.send("q");
        assert_eq!(pty.exit_code(), 0, "{}", pty.screen());
        pty.assert_restored();
    }

    #[test]
    fn quitting_or_a_signal_while_the_index_is_kept_leaves_no_temporary_file() {
        for way in ["q", "SIGTERM", "SIGHUP", "SIGINT"] {
            let (dir, file) = large_corpus();
            let mut pty = explorer(dir.path(), &file, ":");
            let writing = eventually(|| !state_files(dir.path(), ".tmp").is_empty());
            assert!(writing, "{way}: the index is written aside");
            match way {
                "q" => pty.send("q"),
                "SIGTERM" => pty.signal(libc::SIGTERM),
                "SIGHUP" => pty.signal(libc::SIGHUP),
                _ => pty.signal(libc::SIGINT),
            }
            pty.exit_code();
            pty.assert_restored();
            assert_eq!(state_files(dir.path(), ".tmp"), Vec::<PathBuf>::new(), "{way}");
        }
    }

    #[test]
    fn the_bundled_corpus_is_kept_by_the_explorer_and_read_back_the_next_time() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log");
        let run = || {
            let pair = native_pty_system().openpty(size(100, 30)).unwrap();
            let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_treaty-tui"));
            command.env("XDG_STATE_HOME", dir.path().join("state"));
            command.env("TREATY_TUI_LOG", &log);
            command.env("TERM", "xterm-256color");
            let mut pty = Pty::start(pair, command, 100, 30);
            pty.wait_for("Entries 1/");
            pty.send("q");
            assert_eq!(pty.exit_code(), 0);
            pty.assert_restored();
        };
        run();
        assert_eq!(state_files(dir.path(), ".corpus").len(), 1, "kept");
        assert!(state_files(dir.path(), ".index").is_empty(), "its index is made at once, and not kept");
        std::fs::remove_file(&log).unwrap();
        run();
        let said = std::fs::read_to_string(&log).unwrap();
        assert!(said.contains(".corpus read in"), "read back: {said}");
    }

    #[test]
    fn what_a_killed_run_left_is_removed_at_the_next_start_unless_a_live_run_holds_it() {
        let (dir, file) = large_corpus();
        let stem = kept(dir.path(), &file);
        let (left, held) = (stem.with_extension("index.x7Gq2a.tmp"), stem.with_extension("corpus.Lp3v8Z.tmp"));
        for path in [&left, &held] {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"part of a kept file").unwrap();
        }
        let holding = std::fs::File::open(&held).unwrap();
        holding.lock().unwrap();
        let mut pty = explorer(dir.path(), &file, ":");
        assert!(eventually(|| !left.exists()), "a file no run holds is removed");
        assert!(held.exists(), "a file a live run holds is left to it");
        pty.send("q");
        assert_eq!(pty.exit_code(), 0);
        pty.assert_restored();
    }
}

#[test]
fn compare_similar_reads_the_index_of_similar_clauses_the_explorer_keeps() {
    let (dir, file) = large_corpus();
    let corpus = treaty_tui::read::load_file(&file).unwrap();
    let treaty = corpus.entries.iter().position(|e| e.clauses.len() > 2).expect("a treaty");
    let article = treaty_tui::model::address::format(&corpus, treaty, 2);
    let args = ["compare", "--similar", &article, "--file", file.to_str().unwrap()];
    let first = run(dir.path(), &args);
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    let similar = kept(dir.path(), &file).with_extension("similar");
    assert!(similar.exists(), "kept where the explorer keeps it: {}", similar.display());
    assert!(kept(dir.path(), &file).with_extension("corpus").exists(), "with the corpus read afresh");
    // The next call answers from it alone, reading only what the question needs and not the
    // corpus, says so in the log, and finds the same articles.
    std::fs::remove_file(dir.path().join("log")).unwrap();
    let again = run(dir.path(), &args);
    assert_eq!(again.stdout, first.stdout);
    let log = std::fs::read_to_string(dir.path().join("log")).unwrap();
    assert!(log.contains("answered from the kept similar clauses alone"), "{log}");
    assert!(!log.contains(".corpus is kept for this corpus as it is"), "the corpus is not read: {log}");
    // An address written another way is read through the corpus, and the index read back whole.
    std::fs::remove_file(dir.path().join("log")).unwrap();
    let label = corpus.entries[treaty].part(2).unwrap().label.to_string();
    let typed = format!("{}#{label}", corpus.entries[treaty].id);
    assert_ne!(typed, article);
    let typed_args = ["compare", "--similar", &typed, "--file", file.to_str().unwrap()];
    let typed_out = run(dir.path(), &typed_args);
    assert_eq!(typed_out.stdout, first.stdout, "{}", String::from_utf8_lossy(&typed_out.stderr));
    let log = std::fs::read_to_string(dir.path().join("log")).unwrap();
    assert!(log.contains("is not an address the kept similar clauses name"), "{log}");
    assert!(log.contains(".corpus is kept for this corpus as it is"), "the corpus read: {log}");
    assert!(log.contains(&format!("{} read", similar.display())), "{log}");
}

#[test]
fn search_by_entry_prints_a_line_per_entry_alike_from_the_corpus_and_from_what_was_kept() {
    let (dir, file) = large_corpus();
    let path = file.to_str().unwrap();
    let flat = run(dir.path(), &["search", "treaty", path]);
    let fresh = run(dir.path(), &["search", "--by-entry", "treaty", path]);
    assert!(dir.path().join("state").join("treaty-tui").exists(), "the index was kept");
    let kept = run(dir.path(), &["search", "--by-entry", "treaty", path]);
    assert_eq!((fresh.status.code(), kept.status.code()), (Some(0), Some(0)));
    assert_eq!(kept.stdout, fresh.stdout, "the same lines from what was kept");
    let text = String::from_utf8(fresh.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // An entry's id, the address of its best hit cut at '#'; an event's whole address.
    fn entry(id: &str) -> &str {
        if id.starts_with("event#") { id } else { id.split('#').next().unwrap() }
    }
    let ids: Vec<&str> = lines.iter().map(|l| entry(l.split('\t').nth(1).unwrap())).collect();
    let mut distinct = ids.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), ids.len(), "one line per entry");
    let counted: usize =
        lines.iter().map(|l| l.split('\t').nth(2).unwrap().split(' ').next().unwrap().parse::<usize>().unwrap()).sum();
    assert_eq!(counted, String::from_utf8(flat.stdout).unwrap().lines().count(), "the counts add up to every hit");
    assert!(lines.iter().any(|l| l.split('\t').nth(2).unwrap().contains(" hits · best: ")), "{text}");
}
