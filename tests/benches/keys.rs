//! What a key costs as the reader feels it: the real binary in a pseudo-terminal (200×50),
//! from the key written to the last byte of the frame that shows its result, for keys typed
//! into `/` (a ten-letter word, two words; the hits grouped and not), list moves, a filter typed into `f` and the
//! list sorted with `s`, `]` and Tab, on 100,000 generated
//! entries with 200,000 events and on a generated collection of 450 treaties; the CPU a key
//! that changes nothing costs; and the bundled corpus's first frame against `less` on its text
//! export, every byte until the screen is quiet. Prints p50, p99 and max.
//! `cargo bench --bench keys` (the corpora are generated and kept first: a few minutes);
//! `cargo bench --bench keys -- first-frame` runs the first-frame comparison alone, `-- search`
//! the keys typed into `/` alone (grouped, then a row per hit).

#![cfg(unix)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

#[path = "common/kept.rs"]
mod kept;

/// How long the output must stay still for a frame to be taken as complete.
const QUIET: Duration = Duration::from_millis(15);

const SIZE: (u16, u16) = (200, 50);

fn main() {
    let dir = std::env::temp_dir().join("treaty-tui-keys-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let searches_only = std::env::args().any(|arg| arg == "search");
    if !searches_only {
        first_frame_against_less(&dir);
    }
    if std::env::args().any(|arg| arg == "first-frame") {
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    for (name, text, open) in [
        (
            "100,000 generated entries, 200,000 events",
            treaty_tui::synth::corpus_with_events(1, 100_000, 200_000),
            "e50000",
        ),
        ("450 generated treaties", treaty_tui::synth::treaties(1, 450), "e0"),
    ] {
        let stem: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
        let (file, state) = (dir.join(format!("{stem}.ron")), dir.join(format!("{stem}-state")));
        kept::keep(&file, &state, &text);
        drop(text);
        keys(name, &file, &state, open, searches_only);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A program running in a pseudo-terminal, its output parsed as it comes, with when the
/// last byte came and how many have.
struct Running {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<(vt100::Parser, usize, Instant)>>,
    stop: Arc<AtomicBool>,
    started: Instant,
    _master: Box<dyn MasterPty + Send>,
}

impl Running {
    fn spawn(command: CommandBuilder) -> Self {
        let (cols, rows) = SIZE;
        let pair = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        let started = Instant::now();
        let child = pair.slave.spawn_command(command).expect("it starts");
        let mut reader = pair.master.try_clone_reader().unwrap();
        let parser =
            vt100::Parser::new(std::num::NonZero::new(rows).unwrap(), std::num::NonZero::new(cols).unwrap(), 0);
        let screen = Arc::new(Mutex::new((parser, 0, started)));
        let stop = Arc::new(AtomicBool::new(false));
        let (sink, stopped) = (Arc::clone(&screen), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while !stopped.load(Ordering::Relaxed) {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        // When the bytes came, not when they were parsed.
                        let came = Instant::now();
                        let mut screen = sink.lock().unwrap();
                        screen.0.process(&buf[..n]);
                        screen.1 += n;
                        screen.2 = came;
                    }
                }
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Self { child, writer, screen, stop, started, _master: pair.master }
    }

    fn explorer(file: Option<&Path>, state: &Path, open: Option<&str>) -> Self {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_treaty-tui"));
        command.args(file);
        if let Some(open) = open {
            command.args(["--open", open]);
        }
        command.env("TERM", "xterm-256color");
        command.env("XDG_STATE_HOME", state);
        Self::spawn(command)
    }

    /// Waits until output has come since `before` bytes, the screen shows `done`, and then
    /// nothing more for [`QUIET`]; when the last byte came.
    fn settled(&self, before: usize, done: &dyn Fn(&vt100::Screen) -> bool) -> Instant {
        let until = Instant::now() + Duration::from_secs(120);
        loop {
            {
                let screen = self.screen.lock().unwrap();
                // The screen is read only once the output is still: reading it on every
                // wait would take the CPU the explorer is measured on, and hold up the parser.
                if screen.1 > before && screen.2.elapsed() >= QUIET && done(screen.0.screen()) {
                    return screen.2;
                }
                assert!(Instant::now() < until, "never settled:\n{}", screen.0.screen().contents());
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// From `bytes` written to the last byte of the frame that shows `done`.
    fn key(&mut self, bytes: &[u8], done: &dyn Fn(&vt100::Screen) -> bool) -> Duration {
        let before = self.screen.lock().unwrap().1;
        let start = Instant::now();
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        self.settled(before, done).saturating_duration_since(start)
    }

    /// `bytes` written, and the screen left to settle, unmeasured.
    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(QUIET * 4);
    }

    /// The CPU the process has used, from `/proc`.
    fn cpu(&self) -> Duration {
        let pid = self.child.process_id().unwrap();
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        let fields: Vec<&str> = stat.rsplit(')').next().unwrap().split_whitespace().collect();
        let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
        // SAFETY: sysconf only reads a setting of the system.
        let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
        Duration::from_micros(ticks * 1_000_000 / per_second)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The status line.
fn status(screen: &vt100::Screen) -> String {
    screen.contents().lines().last().unwrap_or("").to_string()
}

/// Whether the prompt shows `typed` and its hits (or none), no search still under way.
fn answered(typed: String) -> impl Fn(&vt100::Screen) -> bool {
    move |screen| {
        let line = status(screen);
        line.starts_with(&format!("/{typed}▏")) && !line.contains("searching…")
    }
}

/// p50, p99 and max of `times`, in milliseconds.
fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
    format!("{:>4} keys  p50 {:6.2} ms  p99 {:6.2} ms  max {:6.2} ms", times.len(), at(0.5), at(0.99), at(1.0))
}

fn keys(name: &str, file: &Path, state: &Path, open: &str, searches_only: bool) {
    println!("\n{name}");
    let mut running = Running::explorer(Some(file), state, Some(open));
    running.settled(0, &|s| s.contents().contains("Entries "));
    // The index is read aside: a first search waits for it, unmeasured.
    running.send(b"/x");
    running.settled(0, &answered("x".into()));
    running.send(b"\x1b");
    let mut typed_word = Vec::new();
    let mut two_words = Vec::new();
    for _ in 0..10 {
        for (word, times) in [("assistance", &mut typed_word), ("government assistance", &mut two_words)] {
            running.send(b"/");
            for k in 1..=word.len() {
                let key = &word.as_bytes()[k - 1..k];
                times.push(running.key(key, &answered(word[..k].to_string())));
            }
            running.send(b"\x1b");
        }
    }
    println!("  typed into /, a ten-letter word   {}", summary(&mut typed_word));
    println!("  typed into /, two words           {}", summary(&mut two_words));
    // The same words with the hits a row each (Ctrl-G), to tell the grouping's cost apart.
    running.send(b"/\x07\x1b");
    let mut flat = Vec::new();
    for _ in 0..10 {
        for word in ["assistance", "government assistance"] {
            running.send(b"/");
            for k in 1..=word.len() {
                flat.push(running.key(&word.as_bytes()[k - 1..k], &answered(word[..k].to_string())));
            }
            running.send(b"\x1b");
        }
    }
    running.send(b"/\x07\x1b");
    println!("  typed into /, both, hits ungrouped {}", summary(&mut flat));
    if searches_only {
        return;
    }
    running.send(b"1");
    let moves: Vec<Duration> = (0..200).map(|_| running.key(b"j", &|_| true)).collect();
    println!("  list move (j)                     {}", summary(&mut moves.clone()));
    // The list filtered as it is typed, then sorted: each key through every entry.
    let filter = "kind:treaty year:1990..2000";
    let mut filtering = Vec::new();
    for _ in 0..5 {
        running.send(b"f\x15");
        for k in 1..=filter.len() {
            let typed = filter[..k].to_string();
            let shown = move |screen: &vt100::Screen| {
                let line = status(screen);
                line.starts_with(&format!("f {typed}▏")) && (line.contains(" entries") || line.contains(':'))
            };
            filtering.push(running.key(&filter.as_bytes()[k - 1..k], &shown));
        }
        running.send(b"\r");
    }
    println!("  typed into f, a filter of 27      {}", summary(&mut filtering));
    let mut sorting = Vec::new();
    for _ in 0..10 {
        for said in ["by title", "by date", "by length", ""] {
            let sorted = move |screen: &vt100::Screen| {
                let title = screen.contents().lines().next().unwrap_or("").to_string();
                if said.is_empty() { !title.contains(" by ") } else { title.contains(said) }
            };
            sorting.push(running.key(b"s", &sorted));
        }
    }
    println!("  s, the list in its next order     {}", summary(&mut sorting));
    running.send(b"2");
    let mut clauses: Vec<Duration> = (0..100).map(|_| running.key(b"]", &|_| true)).collect();
    println!("  next article (])                  {}", summary(&mut clauses));
    let mut tabs: Vec<Duration> = (0..60).map(|_| running.key(b"\t", &|_| true)).collect();
    println!("  Tab                               {}", summary(&mut tabs));
    // A key bound to nothing: the CPU it costs, averaged over many.
    let before = running.cpu();
    for _ in 0..500 {
        running.writer.write_all(b"\x1b[20~").unwrap();
        running.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(2));
    }
    std::thread::sleep(QUIET * 4);
    let spent = running.cpu().saturating_sub(before);
    println!(
        "  a key that changes nothing        {:.3} ms of CPU a key (500 keys)",
        spent.as_secs_f64() * 1000.0 / 500.0
    );
}

/// The bundled corpus's first frame, against `less` showing its text export, each run in
/// turn: from the launch to the last byte before the screen is quiet.
fn first_frame_against_less(dir: &Path) {
    let text = dir.join("bundled.txt");
    let export = std::process::Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
        .args(["export", "--format", "text"])
        .output()
        .unwrap();
    std::fs::write(&text, export.stdout).unwrap();
    let state = dir.join("bundled-state");
    let (mut ours, mut theirs, mut bytes) = (Vec::new(), Vec::new(), (0, 0));
    for _ in 0..20 {
        let explorer = Running::explorer(None, &state, None);
        let last = explorer.settled(0, &|s| s.contents().contains("Entries 1/"));
        ours.push(last - explorer.started);
        bytes.0 = explorer.screen.lock().unwrap().1;
        let mut command = CommandBuilder::new("less");
        command.arg(&text);
        command.env("TERM", "xterm-256color");
        let less = Running::spawn(command);
        let last = less.settled(0, &|s| !s.contents().trim().is_empty());
        theirs.push(last - less.started);
        bytes.1 = less.screen.lock().unwrap().1;
    }
    println!("\nthe bundled corpus's first frame, launch to the last byte before quiet (20 launches each, in turn)");
    println!("  treaty-tui  {}  ({} bytes)", summary(&mut ours), bytes.0);
    println!("  less        {}  ({} bytes)", summary(&mut theirs), bytes.1);
    println!("  median ratio {:.2}", ours[ours.len() / 2].as_secs_f64() / theirs[theirs.len() / 2].as_secs_f64());
}
