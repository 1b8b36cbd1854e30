//! The real binary in a real pseudo-terminal: keys typed, the screen read back, and after
//! every way out, the terminal's modes checked.

#![cfg(unix)]

use std::time::Duration;

use portable_pty::{CommandBuilder, native_pty_system};

#[path = "common/pty.rs"]
mod harness;

use harness::*;

#[test]
fn start_navigate_search_and_quit() {
    let mut pty = explorer(&[]);
    assert!(pty.terminal().screen().alternate_screen());
    pty.send("j");
    pty.wait_for("Contents 1/8");
    pty.send("/orzel");
    pty.wait_for("Orzeł incident · 1939  title");
    pty.send("\r");
    pty.wait_for("The incident took place at the beginning");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn the_list_filters_sorts_and_groups_hits_in_the_binary() {
    let mut pty = explorer(&[]);
    pty.send("fkind:person\r");
    pty.wait_for("of 37 · “kind:person”");
    pty.send("s");
    pty.wait_for("1/10 of 37 · by title");
    pty.send("/liepaja");
    pty.wait_for("2 hits · best: article 3");
    pty.send("\x07");
    pty.wait_for("a row per hit · Ctrl-G by entry");
    pty.send("\x1b");
    pty.wait_for(" ENTRIES ");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn shift_tab_as_a_terminal_sends_it_focuses_the_previous_pane() {
    let mut pty = explorer(&[]);
    pty.send("\t");
    pty.wait_for(" DETAIL ");
    // What terminals send for Shift-Tab.
    pty.send("\x1b[Z");
    pty.wait_for(" ENTRIES ");
    pty.send("\x1b[Z");
    pty.wait_for(" TIMELINE ");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn ctrl_l_clears_what_others_wrote_and_draws_everything_again() {
    let mut pty = explorer(&[]);
    let before = pty.settled_screen();
    pty.scribble("\x1b[5;10HSOMETHING ELSE WROTE THIS\x1b[12;3Hand this");
    assert!(pty.screen().contains("SOMETHING ELSE WROTE THIS"));
    pty.send("\x0c");
    assert!(eventually(|| pty.screen() == before), "not drawn again:\n{}", pty.screen());
    // In the search prompt too, where letters are text.
    pty.send("/");
    pty.wait_for("/▏");
    pty.scribble("\x1b[3;3HGARBAGE");
    pty.send("\x0c");
    assert!(eventually(|| !pty.screen().contains("GARBAGE")), "{}", pty.screen());
    pty.send("\x1b");
    pty.wait_for(" ENTRIES ");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn ctrl_c_quits() {
    let mut pty = explorer(&[]);
    pty.send("\x03");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn signals_restore_the_terminal_and_exit_with_128_plus_the_signal() {
    for signal in [libc::SIGTERM, libc::SIGHUP, libc::SIGINT] {
        let mut pty = explorer(&[]);
        pty.signal(signal);
        assert_eq!(pty.exit_code(), 128 + signal as u32, "signal {signal}");
        pty.assert_restored();
    }
}

#[test]
fn a_panic_restores_the_terminal_and_shows_its_message() {
    for how in ["main", "thread"] {
        let mut pty = explorer(&[("TREATY_TUI_TEST_PANIC", how)]);
        pty.send("\x1b[24~");
        assert_eq!(pty.exit_code(), 101, "a panic on the {how} thread");
        pty.assert_restored();
        assert!(pty.screen().contains("a test panic"), "the message is readable:\n{}", pty.screen());
    }
}

#[test]
fn an_abort_restores_the_terminal() {
    let mut pty = explorer(&[("TREATY_TUI_TEST_PANIC", "abort")]);
    pty.send("\x1b[24~");
    let ended = pty.exit_status();
    assert!(ended.signal().is_some(), "ended by the abort's signal: {ended:?}");
    pty.assert_restored();
}

#[test]
fn the_terminal_going_away_ends_the_process() {
    let mut pty = explorer(&[]);
    pty.close();
    assert!(eventually(|| pty.child.try_wait().unwrap().is_some()), "the process outlived its terminal");
}

#[test]
fn resizing_through_tiny_sizes_and_back() {
    let mut pty = explorer(&[]);
    for (cols, rows) in [(1, 1), (80, 1), (2, 3), (120, 40)] {
        pty.resize(cols, rows);
        pty.settled_output();
    }
    pty.wait_for(&opened());
    let screen = pty.screen();
    assert!(screen.lines().count() >= 39 && screen.contains("Timeline"), "{screen}");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn a_paste_into_the_prompt_is_text_not_keys() {
    let mut pty = explorer(&[]);
    pty.send("/");
    pty.wait_for("type to search");
    pty.send("\x1b[200~q\x1b[201~");
    pty.wait_for("/q");
    pty.send("\x1b[200~liep\x07aja\x1b[201~");
    pty.wait_for("/qliepaja");
    pty.send("\x1b");
    assert!(eventually(|| !pty.screen().contains("/qliepaja")), "Esc closes the prompt");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0, "the pasted q did not quit; the typed one did");
    pty.assert_restored();
}

#[test]
fn no_color_means_no_colour_and_marks_that_still_show() {
    let mut pty = explorer(&[("NO_COLOR", "1")]);
    pty.send("/liepaja");
    pty.wait_for("Liepāja  title");
    let bytes = String::from_utf8_lossy(&pty.bytes()).into_owned();
    for (at, _) in bytes.match_indices("\x1b[") {
        let sequence: String = bytes[at + 2..].chars().take_while(|c| c.is_ascii_digit() || *c == ';').collect();
        if !bytes[at + 2 + sequence.len()..].starts_with('m') {
            continue; // not a graphic rendition
        }
        for code in sequence.split(';').filter_map(|p| p.parse::<u32>().ok()) {
            let colour = matches!(code, 30..=38 | 40..=48 | 90..=97 | 100..=107);
            assert!(!colour, "a colour was written: \\x1b[{sequence}m");
        }
    }
    let terminal = pty.terminal();
    let screen = terminal.screen();
    let (row, _) = screen.contents().lines().enumerate().find(|(_, l)| l.contains("▶place")).expect("the chosen hit");
    assert!(screen.cell(row as u16, 2).unwrap().inverse(), "the chosen hit is in reverse video");
    pty.send("\r");
    pty.wait_for("hit 1 of 5");
    let terminal = pty.terminal();
    let screen = terminal.screen();
    let (row, line) = screen
        .contents()
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("place   Liepāja") && !l.contains("▶"))
        .map(|(r, l)| (r, l.to_string()))
        .unwrap();
    // The open entry's title is bold, as it is in colour (where it is yellow too).
    let column = line.chars().position(|c| c == 'L').unwrap() as u16;
    assert!(screen.cell(row as u16, column).unwrap().bold(), "{line}");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn ctrl_z_without_job_control_is_harmless() {
    let mut pty = explorer(&[]);
    pty.send("\x1a");
    pty.settled_output();
    pty.send("j");
    pty.wait_for("Contents 1/8");
    assert!(pty.terminal().screen().alternate_screen());
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn ctrl_z_stops_under_a_shell_and_fg_brings_it_back() {
    let pair = native_pty_system().openpty(size(100, 30)).unwrap();
    let mut shell = CommandBuilder::new("bash");
    shell.args(["--norc", "--noprofile", "-i"]);
    shell.env("PS1", "READY$ ");
    let home = state_home("shell");
    shell.env("XDG_STATE_HOME", &*home);
    shell.env("TERM", "xterm-256color");
    shell.env_remove("NO_COLOR");
    let mut pty = Pty::start(pair, shell, 100, 30);
    pty.wait_for("READY$");
    pty.send(&format!("{}\r", env!("CARGO_BIN_EXE_treaty-tui")));
    pty.wait_for(&opened());
    pty.send("j");
    pty.wait_for("Contents 1/8");
    pty.send("\x1a");
    pty.wait_for("Stopped");
    let terminal = pty.terminal();
    assert!(!terminal.screen().alternate_screen(), "the shell has its screen back");
    assert!(!terminal.screen().hide_cursor(), "with its cursor");
    pty.send("fg\r");
    pty.wait_for("Contents 1/8");
    assert!(pty.terminal().screen().alternate_screen(), "the explorer is back, redrawn");
    pty.send("q");
    pty.wait_for("READY$ ");
    pty.send("exit\r");
    pty.exit_code();
}

#[test]
fn idle_means_no_output_and_almost_no_cpu() {
    let mut pty = explorer(&[]);
    pty.settled_output();
    let pid = pty.child.process_id().unwrap();
    let cpu = || -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        let fields: Vec<&str> = stat.rsplit(')').next().unwrap().split_whitespace().collect();
        fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
    };
    let (bytes, ticks) = (pty.bytes().len(), cpu());
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(pty.bytes().len(), bytes, "nothing is drawn without input");
    let used = cpu() - ticks;
    assert!(used < 30, "{used} ticks of CPU in three idle seconds: a busy loop?");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn a_citation_reaches_the_clipboard_through_the_terminal() {
    let mut pty = explorer(&[]);
    pty.send("\r]]]]");
    pty.wait_for("Article 3 — Bases");
    pty.send("y");
    pty.wait_for("Enter copies");
    pty.send("\r");
    pty.wait_for("copied the citation");
    let bytes = String::from_utf8_lossy(&pty.bytes()).into_owned();
    let start = bytes.find("\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    // Ended by the string terminator (ESC and a backslash) or, as some write it, BEL.
    let encoded = &bytes[start..start + bytes[start..].find(['\x1b', '\x07']).expect("the sequence ends")];
    use base64::Engine;
    let decoded = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(encoded).unwrap()).unwrap();
    assert!(decoded.ends_with("treaty-tui: treaty#3"), "{decoded}");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn the_reading_place_and_searches_come_back_next_time() {
    let home = state_home("back");
    let env = [("XDG_STATE_HOME", home.to_str().unwrap())];
    let mut pty = explorer(&env);
    pty.send("/orzel\r");
    pty.wait_for("The incident took place");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    let mut pty = Pty::spawn(&[], &env, 100, 30);
    pty.wait_for("The incident took place");
    pty.send("/");
    pty.wait_for("type to search");
    pty.send("\x1b[A");
    pty.wait_for("/orzel");
    pty.send("\x1b");
    assert!(eventually(|| !pty.screen().contains("/orzel")), "Esc closes the prompt");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);

    // --no-state neither restores nor saves.
    let mut pty = Pty::spawn(&["--no-state"], &env, 100, 30);
    pty.wait_for(&opened());
    assert!(!pty.screen().contains("The incident took place"));
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);

    // A corrupt file is ignored with a warning.
    let saved = std::fs::read_dir(home.join("treaty-tui")).unwrap().map(|f| f.unwrap().path());
    let file = saved.into_iter().find(|p| p.extension().is_some_and(|e| e == "json")).expect("the saved state");
    std::fs::write(&file, "{ broken").unwrap();
    let mut pty = Pty::spawn(&[], &env, 100, 30);
    pty.wait_for(&opened());
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    let screen = pty.screen();
    assert!(screen.contains("treaty-tui: warning:") && screen.contains("is not a saved state"), "{screen}");
}

/// A mark set in one run is there in the next, for the same corpus.
#[test]
fn marks_last_from_one_run_to_the_next() {
    let home = state_home("marks");
    let env = [("XDG_STATE_HOME", home.to_str().unwrap())];
    let mut pty = explorer(&env);
    pty.send("/orzel\r");
    pty.wait_for("The incident took place");
    pty.send("mo");
    pty.wait_for("mark o: orzel-incident");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    // The next run opens where the reader left off; another page, then back to the mark.
    let mut pty = Pty::spawn(&["--open", "treaty#3"], &env, 100, 30);
    pty.wait_for("Article 3");
    assert!(!pty.screen().contains("The incident took place"));
    pty.send("'o");
    pty.wait_for("The incident took place");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
}

/// A large corpus is kept in the state directory once read, and read afresh once its file
/// changes: what is shown is never what the file used to say.
#[test]
fn a_large_corpus_is_kept_for_next_time_and_never_shown_stale() {
    let home = state_home("kept");
    let env = [("XDG_STATE_HOME", home.to_str().unwrap())];
    let file = home.join("large.ron");
    let write = |text: &str| {
        std::fs::write(&file, text).unwrap();
        let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options().write(true).open(&file).unwrap().set_modified(an_hour_ago).unwrap();
    };
    let text = treaty_tui::synth::corpus(7, 3500);
    assert!(text.len() as u64 >= treaty_tui::keep::copy::KEEP_FROM);
    write(&text);
    let kept = || -> Vec<std::path::PathBuf> {
        let Ok(listing) = std::fs::read_dir(home.join("treaty-tui")) else { return Vec::new() };
        listing.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "corpus")).collect()
    };
    let run = |args: &[&str], shows: &str| {
        let mut pty = Pty::spawn(args, &env, 100, 30);
        pty.wait_for("Entries 1/3,500");
        pty.wait_for(shows);
        let screen = pty.settled_screen();
        pty.send("q");
        assert_eq!(pty.exit_code(), 0);
        screen
    };
    let path = file.to_str().unwrap();
    let title = |text: &str| text.split("title: \"").nth(2).unwrap().split('"').next().unwrap().to_string();
    let first = title(&text);

    run(&["--no-state", path], &first);
    assert!(kept().is_empty(), "--no-state keeps nothing");
    run(&[path], &first);
    assert_eq!(kept().len(), 1, "kept after the first reading");
    let from_copy = run(&[path], &first);
    std::fs::remove_file(&kept()[0]).unwrap();
    assert_eq!(from_copy, run(&[path], &first), "the kept copy shows what the file does");

    write(&text.replacen(&first, "A title changed since", 1));
    run(&[path], "A title changed since");
    assert_eq!(kept().len(), 1, "the copy is replaced, not added to");
}

#[test]
fn watch_reads_the_file_again_after_writes_renames_and_breakage() {
    let dir = state_home("watch");
    let file = dir.join("corpus.ron");
    let original = std::fs::read_to_string("assets/treaty.ron").unwrap();
    std::fs::write(&file, &original).unwrap();
    let mut pty = Pty::spawn(&["--watch", file.to_str().unwrap()], &[], 100, 30);
    pty.wait_for(&opened());
    // Written in place.
    std::fs::write(&file, original.replace("title: \"Vilhelms Munters\"", "title: \"Munters EDIT\"")).unwrap();
    pty.wait_for("Munters EDIT");
    // Saved as an editor does: a new file renamed over the old.
    let temporary = dir.join(".corpus.ron.swp");
    std::fs::write(&temporary, original.replace("title: \"Karl Selter\"", "title: \"Selter RENAMED\"")).unwrap();
    std::fs::rename(&temporary, &file).unwrap();
    pty.wait_for("Selter RENAMED");
    // Broken: the last good version stays, with the problems shown.
    std::fs::write(&file, original.replace("kind: Person,", "kind: Persn,")).unwrap();
    pty.wait_for("The file has problems");
    assert!(pty.screen().contains("Selter RENAMED"), "the last good version is still shown");
    std::fs::write(&file, &original).unwrap();
    pty.wait_for("Karl Selter ");
    assert!(eventually(|| !pty.screen().contains("The file has problems")), "fixing the file clears the panel");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
}

/// A watched directory of published texts (an Akoma Ntoso file among them) is read again when
/// a file within it is edited, added or broken, as a watched file is.
#[test]
fn watch_reads_a_directory_again_when_a_file_within_it_changes() {
    let dir = state_home("watch-dir").join("texts");
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = std::fs::read_to_string("tests/fixtures/import/convention.xml").unwrap();
    std::fs::write(dir.join("convention.xml"), &fixture).unwrap();
    let mut pty = Pty::spawn(&["--no-state", "--watch", dir.to_str().unwrap()], &[], 100, 30);
    pty.wait_for("Convention on the Grey River Basin");
    std::fs::write(dir.join("convention.xml"), fixture.replace("Grey River", "Blue River")).unwrap();
    pty.wait_for("Convention on the Blue River Basin");
    std::fs::copy("tests/fixtures/import/pact.txt", dir.join("pact.txt")).unwrap();
    pty.wait_for("Entries 1/6");
    // Broken: the last good version stays, with the problem shown.
    std::fs::write(dir.join("convention.xml"), "<akomaNtoso><act>\n<body></act>").unwrap();
    pty.wait_for("The file has problems");
    assert!(pty.screen().contains("Blue River"), "the last good version is still shown");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

fn mkfifo(path: &std::path::Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `name` is a valid C string for the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

/// Named pipes where the state file and kept copies go (one with no writer could hold a
/// reader for ever) are passed over with a warning; `q` quits at once, and the reading
/// place is saved in a file put in the pipe's place.
#[test]
fn pipes_in_the_state_directory_never_hold_the_explorer() {
    let home = state_home("pipes");
    let env = [("XDG_STATE_HOME", home.to_str().unwrap())];
    let file = home.join("large.ron");
    let text = treaty_tui::synth::corpus(7, 3500);
    std::fs::write(&file, &text).unwrap();
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&file).unwrap().set_modified(an_hour_ago).unwrap();
    let key = std::fs::canonicalize(&file).unwrap().display().to_string();
    let stem = treaty_tui::keep::state::file_stem(&key);
    let state = home.join("treaty-tui");
    std::fs::create_dir_all(&state).unwrap();
    mkfifo(&state.join(format!("{stem}.json")));
    mkfifo(&state.join(format!("{stem}.corpus")));
    mkfifo(&state.join("stray.corpus"));
    let corpus = treaty_tui::read::load::load_str(&text).unwrap();
    let (id, title) = (corpus.entries[5].id.to_string(), corpus.entries[5].title.to_string());
    let path = file.to_str().unwrap();

    let mut pty = Pty::spawn(&["--open", &id, path], &env, 100, 30);
    pty.wait_for(&title);
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    let screen = pty.screen();
    assert!(
        screen.contains(&format!("{stem}.json: it is a named pipe, not a regular file; starting afresh")),
        "{screen}"
    );

    // The pipes in place of the state and the copy are now files, and the place comes back.
    assert!(std::fs::symlink_metadata(state.join(format!("{stem}.json"))).unwrap().is_file());
    assert!(std::fs::symlink_metadata(state.join(format!("{stem}.corpus"))).unwrap().is_file());
    let mut pty = Pty::spawn(&[path], &env, 100, 30);
    pty.wait_for(&title);
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    assert!(!pty.screen().contains("warning"), "{}", pty.screen());
}

/// A watched file replaced by a link to a pipe whose writer stays open and silent: reading
/// it goes on aside, the keys keep working, the last good version stays, and `q` quits.
#[test]
fn a_watched_file_that_stalls_never_holds_the_keys() {
    let dir = state_home("stall");
    let file = dir.join("corpus.ron");
    std::fs::write(&file, std::fs::read_to_string("assets/treaty.ron").unwrap()).unwrap();
    let mut pty = Pty::spawn(&["--watch", file.to_str().unwrap()], &[], 100, 30);
    pty.wait_for(&opened());
    let fifo = dir.join("pipe");
    mkfifo(&fifo);
    // Opened for reading and writing, the pipe has a writer that never writes.
    let _writer = std::fs::OpenOptions::new().read(true).write(true).open(&fifo).unwrap();
    let link = dir.join("link");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    std::fs::rename(&link, &file).unwrap();
    // The change is noticed and the reading has begun once the explorer holds the pipe open.
    let pid = pty.child.process_id().unwrap();
    let holds_the_pipe = || {
        std::fs::read_dir(format!("/proc/{pid}/fd"))
            .is_ok_and(|fds| fds.flatten().any(|fd| std::fs::read_link(fd.path()).is_ok_and(|to| to == fifo)))
    };
    assert!(eventually(holds_the_pipe), "the explorer never began reading the changed file");
    pty.send("j");
    pty.wait_for("Contents 1/8");
    pty.send("j");
    pty.wait_for("Contents 2/8");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
}

/// The explorer opened on the Orzeł incident in a state directory of its own, ended by
/// `end`, and opened again: it comes back to the incident.
fn the_place_survives(name: &str, end: impl FnOnce(&mut Pty)) {
    let home = state_home(name);
    let env = [("XDG_STATE_HOME", home.to_str().unwrap())];
    let mut pty = explorer(&env);
    pty.send("/orzel\r");
    pty.wait_for("The incident took place");
    end(&mut pty);
    let mut pty = Pty::spawn(&[], &env, 100, 30);
    pty.wait_for("The incident took place");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
}

/// A signal ends the explorer as `q` does, through its loop: the reading place is kept for
/// the next run, and the exit code is still 128 + the signal's number.
#[test]
fn a_signal_keeps_the_reading_place() {
    for signal in [libc::SIGTERM, libc::SIGHUP] {
        the_place_survives("signalled", |pty| {
            pty.signal(signal);
            assert_eq!(pty.exit_code(), 128 + signal as u32);
            pty.assert_restored();
        });
    }
}

/// The terminal closed under the explorer (its window or tmux pane closed): the reading place
/// is kept all the same.
#[test]
fn a_closed_terminal_keeps_the_reading_place() {
    the_place_survives("closed", |pty| {
        pty.close();
        assert!(eventually(|| pty.child.try_wait().unwrap().is_some()), "the process outlived its terminal");
        let status = pty.child.try_wait().unwrap().unwrap();
        // Ended by the hangup or by the terminal failing, whichever the loop takes in first;
        // never by a panic (101) that would lose the place.
        assert!([128 + libc::SIGHUP as u32, 1].contains(&status.exit_code()), "{status:?}");
    });
}

/// Watching a corpus saved with no entries, and then whole again: no page of the empty one
/// is looked up, and the full one comes back.
#[test]
fn a_watched_corpus_emptied_and_filled_again() {
    let dir = state_home("emptied");
    let file = dir.join("corpus.ron");
    let original = std::fs::read_to_string("assets/treaty.ron").unwrap();
    std::fs::write(&file, &original).unwrap();
    let mut pty = Pty::spawn(&["--watch", file.to_str().unwrap()], &[], 100, 30);
    pty.wait_for(&opened());
    pty.send("\r");
    std::fs::write(&file, r#"Corpus(title: "Emptied", entries: [])"#).unwrap();
    pty.wait_for("no entries");
    std::fs::write(&file, &original).unwrap();
    pty.wait_for(&opened());
    pty.send("1j");
    pty.wait_for("Contents 1/8");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

/// `--open` at a chapter of a treaty of 1,000 articles, at 80×24: the chapter's first article
/// is on screen, and `:` then `]` go on from there.
#[test]
fn open_at_a_chapter_of_a_long_treaty() {
    let dir = state_home("long");
    let file = dir.join("long.ron");
    let text = treaty_tui::synth::corpus(5, 2000);
    std::fs::write(&file, &text).unwrap();
    let corpus = treaty_tui::read::load::load_str(&text).unwrap();
    let (entry, part) = treaty_tui::model::address::parse(&corpus, "e1000#chapter-30").unwrap();
    let next = corpus.entries[entry].clauses[part].label.to_string();
    let shown = corpus.entries[entry].clauses[part - 1].label.to_string();
    let mut pty = Pty::spawn(&["--no-state", "--open", "e1000#chapter-30", file.to_str().unwrap()], &[], 80, 24);
    // The treaty named, then the article; the chapter heads the page.
    pty.wait_for(&format!("› {shown}"));
    pty.wait_for("Chapter 30 — ");
    let screen = pty.settled_screen();
    let row = format!("Art. {} ", shown.trim_start_matches("Article "));
    assert!(screen.contains(&row), "the article is in the contents:\n{screen}");
    pty.send("]");
    pty.wait_for(&format!("{next} "));
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn a_dumb_terminal_is_told_why_and_an_unknown_one_is_drawn_without_colour() {
    for dumb in ["dumb", ""] {
        let mut pty = Pty::spawn(&[], &[("TERM", dumb)], 100, 30);
        assert_eq!(pty.exit_code(), 2, "TERM={dumb:?}");
        pty.assert_restored();
        let screen = pty.screen();
        assert!(screen.contains("treaty-tui: the terminal cannot place text where it goes"), "{screen}");
        assert!(!String::from_utf8_lossy(&pty.bytes()).contains("\x1b[?1049h"), "the alternate screen never entered");
    }
    let dir = state_home("terminfo");
    std::fs::create_dir_all(dir.join("x")).unwrap();
    std::fs::write(dir.join("x").join("xterm-256color"), b"described").unwrap();
    // At least one directory of descriptions, whatever the system keeps.
    let env = [("TERMINFO", dir.to_str().unwrap()), ("TERM", "vt100x")];
    let mut pty = Pty::spawn(&[], &env, 100, 30);
    pty.wait_for("TERM=vt100x is unknown here: drawn without colour");
    let bytes = String::from_utf8_lossy(&pty.bytes()).into_owned();
    assert!(!bytes.contains("\x1b[38;5") && !bytes.contains("\x1b[33m"), "no colour is written");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn a_directory_of_published_texts_opens_in_the_explorer() {
    let home = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", home.path().to_str().unwrap())];
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");
    let mut pty = Pty::spawn(&["--no-state", dir], &env, 100, 30);
    pty.wait_for("Free Trade Agreement between Aland and Borduria");
    // The last treaty, read from plain text: its articles as the text divided them, and
    // where it was signed as its final clauses said.
    pty.send("G");
    pty.send("\r");
    pty.wait_for("Art. 3 bis");
    pty.wait_for("Signed in Moscow on 5 October 1939");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

/// Several files named open as one corpus: watched, an edit of any of them is read again;
/// the reading place is kept for those files together.
#[test]
fn several_files_named_open_as_one_corpus_watched_and_remembered() {
    let home = state_home("several");
    let env = [("XDG_STATE_HOME", home.to_str().unwrap())];
    let texts = home.join("texts");
    std::fs::create_dir_all(&texts).unwrap();
    let (convention, pact) = (texts.join("convention.xml"), texts.join("pact.txt"));
    std::fs::copy("tests/fixtures/import/convention.xml", &convention).unwrap();
    std::fs::copy("tests/fixtures/import/pact.txt", &pact).unwrap();
    let files = [convention.to_str().unwrap(), pact.to_str().unwrap()];
    let mut pty = Pty::spawn(&["--watch", files[0], files[1], "--open", "pact#3"], &env, 100, 30);
    pty.wait_for("at Liepāja");
    assert!(pty.screen().contains("treaty  Convention on the"), "both files in one list");
    let text = std::fs::read_to_string(&pact).unwrap();
    std::fs::write(&pact, text.replace("at Liepāja", "at the port of Liepāja")).unwrap();
    pty.wait_for("at the port of Liepāja");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
    // Opened again, the same files: back on the same article.
    let mut pty = Pty::spawn(&files, &env, 100, 30);
    pty.wait_for("at the port of Liepāja");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
}
