//! The real binary launched in a pseudo-terminal on 100,000 generated entries, its kept copy
//! and kept index in its state directory: from the launch to the first frame, and on to the
//! hits of the first key typed as soon as that frame shows; and on 450 generated treaties as
//! a directory of ToTA files and as one corpus file, each from its kept copy; and `cite` and
//! `export` run to their end on those 450 treaties. `cargo bench --bench launch`.

#![cfg(unix)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use divan::Bencher;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

#[path = "common/kept.rs"]
mod kept;

fn main() {
    divan::main();
    let _ = std::fs::remove_dir_all(bench_dir());
}

fn bench_dir() -> PathBuf {
    std::env::temp_dir().join("treaty-tui-launch-bench")
}

/// The corpus file, last changed an hour ago, and a state directory in which `search` has
/// kept its copy and its index.
static KEPT: LazyLock<(PathBuf, PathBuf)> = LazyLock::new(|| {
    let dir = bench_dir();
    let (file, state) = (dir.join("corpus.ron"), dir.join("state"));
    kept::keep(&file, &state, &treaty_tui::synth::corpus(1, 100_000));
    (file, state)
});

/// 450 generated treaties (about 55 MB) as a directory of ToTA files, and the same corpus
/// imported into one corpus file, each kept by `search` in a state directory of its own.
static TOTA: LazyLock<[(PathBuf, PathBuf); 2]> = LazyLock::new(|| {
    let dir = bench_dir();
    let (texts, file) = (dir.join("tota"), dir.join("tota.ron"));
    let written = std::process::Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
        .args(["generate", "450", "--treaties", "--as", "tota"])
        .arg(&texts)
        .status()
        .unwrap();
    assert!(written.success());
    let imported = std::process::Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
        .arg("import")
        .arg(&texts)
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let kept = [(texts, dir.join("tota-state")), (file, dir.join("ron-state"))];
    for (path, state) in &kept {
        kept::keep_as_it_is(path, state);
    }
    kept
});

/// The explorer running in a pseudo-terminal of 120×40, its screen read as it is drawn; quit
/// and waited for when dropped.
struct Launched {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Launched {
    fn spawn((file, state): &(PathBuf, PathBuf)) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 })
            .expect("a pty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_treaty-tui"));
        command.arg(file);
        command.env("TERM", "xterm-256color");
        command.env("XDG_STATE_HOME", state);
        let child = pair.slave.spawn_command(command).expect("the binary starts");
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (rows, cols) = (std::num::NonZero::new(40).unwrap(), std::num::NonZero::new(120).unwrap());
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let stop = Arc::new(AtomicBool::new(false));
        let (sink, stopped) = (Arc::clone(&screen), Arc::clone(&stop));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while !stopped.load(Ordering::Relaxed) {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().unwrap().process(&buf[..n]),
                }
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Self { child, writer, screen, stop, reader: Some(reader), _master: pair.master }
    }

    /// Waits, looking every millisecond, until the screen passes `ready`.
    fn wait_for(&self, ready: impl Fn(&vt100::Screen) -> bool) {
        let until = Instant::now() + Duration::from_secs(60);
        while !ready(self.screen.lock().unwrap().screen()) {
            assert!(Instant::now() < until, "{}", self.screen.lock().unwrap().screen().contents());
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

impl Drop for Launched {
    fn drop(&mut self) {
        // Escape alone (with `q` at once it would be read as Alt+Q), then `q`.
        for key in [&b"\x1b"[..], b"q"] {
            let _ = self.writer.write_all(key);
            let _ = self.writer.flush();
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.wait();
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.reader.take().map(std::thread::JoinHandle::join);
    }
}

/// Whether the list of entries is drawn.
fn drawn(screen: &vt100::Screen) -> bool {
    screen.contents().contains("Entries 1/")
}

/// Whether the status line counts the hits of a search.
fn answered(screen: &vt100::Screen) -> bool {
    screen.contents().lines().last().is_some_and(|status| status.contains(" of "))
}

/// From the launch to the first frame, or on to the hits of `/s` typed when it shows.
#[divan::bench(args = ["first frame", "first key"], sample_count = 10, sample_size = 1)]
fn launch_to(bencher: Bencher, what: &str) {
    let kept = &*KEPT;
    bencher.bench(|| {
        let launched = Launched::spawn(kept);
        launched.wait_for(drawn);
        if what == "first key" {
            let mut launched = launched;
            launched.writer.write_all(b"/s").unwrap();
            launched.writer.flush().unwrap();
            launched.wait_for(answered);
            return launched;
        }
        launched
    });
}

/// From the launch to the first frame on 450 treaties kept: read as a directory of ToTA files,
/// or as the same corpus in one file.
#[divan::bench(args = ["directory of ToTA files", "one corpus file"], sample_count = 10, sample_size = 1)]
fn first_frame_of_450_treaties_kept(bencher: Bencher, what: &str) {
    let kept = &TOTA[usize::from(what == "one corpus file")];
    bencher.bench(|| {
        let launched = Launched::spawn(kept);
        launched.wait_for(drawn);
        launched
    });
}

/// The commands on the 450 treaties kept as one corpus file, run to their end with their
/// output sent nowhere: `cite` of one treaty (reading the kept copy, and a line written);
/// `export` of that treaty alone as CSV; and of every treaty as CSV.
#[divan::bench(
    args = ["cite one treaty", "export one treaty as csv", "export every treaty as csv"],
    sample_count = 10,
    sample_size = 1
)]
fn commands_on_450_treaties_kept(bencher: Bencher, what: &str) {
    let (file, state) = &TOTA[1];
    let file = file.to_str().unwrap();
    let args: &[&str] = match what {
        "cite one treaty" => &["cite", "e10", "--file", file],
        "export one treaty as csv" => &["export", file, "e10", "--format", "csv"],
        _ => &["export", file, "--format", "csv"],
    };
    bencher.bench(|| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
            .args(args)
            .env("XDG_STATE_HOME", state)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    });
}
