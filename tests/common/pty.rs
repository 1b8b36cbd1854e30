//! The real binary in a pseudo-terminal, for the tests that drive it: keys typed, the
//! screen read back through vt100, the terminal's modes checked after the process ends.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, SlavePty, native_pty_system};

/// How many times to look, 20 ms apart, for something that should happen at once: up to
/// 20 seconds, generous for busy machines. Nothing here measures speed.
pub const LOOKS: usize = 1000;

/// What the list's title says once the explorer has opened the bundled corpus.
pub fn opened() -> String {
    let bundled = treaty_tui::read::load::bundled().expect("the bundled corpus loads");
    format!("Entries 1/{}", bundled.entries.len())
}

/// Looks for `ready` up to [`LOOKS`] times; whether it came.
pub fn eventually(mut ready: impl FnMut() -> bool) -> bool {
    for _ in 0..LOOKS {
        if ready() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

pub struct Pty {
    /// Tells the reader thread to stop and let go of its end of the pty.
    pub stop: Arc<std::sync::atomic::AtomicBool>,
    pub reader: Option<std::thread::JoinHandle<()>>,
    pub master: Option<Box<dyn MasterPty + Send>>,
    pub _slave: Option<Box<dyn SlavePty + Send>>,
    pub child: Box<dyn Child + Send + Sync>,
    pub writer: Option<Box<dyn Write + Send>>,
    pub output: Arc<Mutex<Vec<u8>>>,
    pub size: (u16, u16),
    /// The state directory of a run that was given none, removed with it.
    pub _state: Option<Home>,
}

pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

impl Pty {
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let pair = native_pty_system().openpty(size(cols, rows)).expect("a pty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_treaty-tui"));
        command.args(args);
        command.env_remove("NO_COLOR");
        command.env("TERM", "xterm-256color");
        // A state directory of its own, so that no run restores another's place.
        let state = state_home("run");
        command.env("XDG_STATE_HOME", &*state);
        for (key, value) in env {
            command.env(key, value);
        }
        let mut pty = Self::start(pair, command, cols, rows);
        pty._state = Some(state);
        pty
    }

    pub fn start(pair: portable_pty::PtyPair, command: CommandBuilder, cols: u16, rows: u16) -> Self {
        let child = pair.slave.spawn_command(command).expect("the binary starts");
        let mut reader = pair.master.try_clone_reader().unwrap();
        // Non-blocking reads, so that the reader can be told to let go of the pty.
        let fd = pair.master.as_raw_fd().unwrap();
        // SAFETY: F_GETFL/F_SETFL on an open descriptor only change its flags.
        unsafe { libc::fcntl(fd, libc::F_SETFL, libc::fcntl(fd, libc::F_GETFL) | libc::O_NONBLOCK) };
        let output = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (sink, stopped) = (Arc::clone(&output), Arc::clone(&stop));
        let reader_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stopped.load(std::sync::atomic::Ordering::Relaxed) {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5))
                    }
                    Err(_) => break,
                }
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Self {
            stop,
            reader: Some(reader_thread),
            master: Some(pair.master),
            _slave: Some(pair.slave),
            child,
            writer: Some(writer),
            output,
            size: (cols, rows),
            _state: None,
        }
    }

    /// Closes the terminal under the program, as closing its window or tmux pane does: the
    /// reader lets go of its end before the rest is closed.
    pub fn close(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        self.writer = None;
        self.master = None;
        self._slave = None;
    }

    pub fn send(&mut self, bytes: &str) {
        let writer = self.writer.as_mut().unwrap();
        writer.write_all(bytes.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Writes `bytes` to the screen as another program writing to the terminal would.
    pub fn scribble(&self, bytes: &str) {
        self.output.lock().unwrap().extend_from_slice(bytes.as_bytes());
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// The terminal as the output so far leaves it.
    pub fn terminal(&self) -> vt100::Parser {
        let nonzero = |n: u16| std::num::NonZero::new(n.max(1)).unwrap();
        let mut parser = vt100::Parser::new(nonzero(self.size.1), nonzero(self.size.0), 0);
        parser.process(&self.bytes());
        parser
    }

    pub fn screen(&self) -> String {
        self.terminal().screen().contents()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        if !eventually(|| self.screen().contains(text)) {
            panic!("the screen never showed {text:?}:\n{}", self.screen());
        }
    }

    /// The screen once it has stopped changing: the same for five looks in a row.
    pub fn settled_screen(&self) -> String {
        let (mut last, mut same) = (self.screen(), 0);
        let settled = eventually(|| {
            let now = self.screen();
            same = if now == last { same + 1 } else { 0 };
            last = now;
            same >= 5
        });
        assert!(settled, "the screen never settled:\n{last}");
        last
    }

    /// Waits for the process to end, and gives its exit code (1 for a signal).
    pub fn exit_code(&mut self) -> u32 {
        self.exit_status().exit_code()
    }

    /// Waits for the process to end, and gives how it ended (a code, or a signal).
    pub fn exit_status(&mut self) -> portable_pty::ExitStatus {
        let mut status = None;
        if !eventually(|| {
            status = self.child.try_wait().unwrap();
            status.is_some()
        }) {
            panic!("the process did not end:\n{}", self.screen());
        }
        // The reader has caught the last bytes once they stop coming.
        self.settled_output();
        status.unwrap()
    }

    /// Waits until the output has stopped growing: the same length for five looks in a row.
    pub fn settled_output(&self) {
        let (mut last, mut same) = (self.bytes().len(), 0);
        let settled = eventually(|| {
            let now = self.bytes().len();
            same = if now == last { same + 1 } else { 0 };
            last = now;
            same >= 5
        });
        assert!(settled, "the output never stopped");
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master.as_ref().unwrap().resize(size(cols, rows)).unwrap();
        self.size = (cols, rows);
    }

    pub fn signal(&self, signal: i32) {
        let pid = self.child.process_id().expect("a pid") as i32;
        // SAFETY: sends a signal to our own child.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    }

    /// Line editing and echo are back on: the terminal is cooked again.
    pub fn cooked(&self) -> bool {
        let fd = self.master.as_ref().unwrap().as_raw_fd().expect("a descriptor");
        // SAFETY: a zeroed termios is a valid output buffer for tcgetattr.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut termios) }, 0);
        termios.c_lflag & libc::ICANON != 0 && termios.c_lflag & libc::ECHO != 0
    }

    /// After the process ended: every mode it set is unset.
    pub fn assert_restored(&self) {
        let terminal = self.terminal();
        let screen = terminal.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is hidden");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture is on");
        assert!(!screen.bracketed_paste(), "bracketed paste is on");
        assert!(self.cooked(), "the terminal is still raw");
    }
}

/// The explorer at 100×30, with its first screen drawn.
pub fn explorer(env: &[(&str, &str)]) -> Pty {
    let pty = Pty::spawn(&[], env, 100, 30);
    pty.wait_for(&opened());
    pty
}

/// A fresh directory for one test (for its state, its corpus files), removed when it ends.
pub struct Home(pub tempfile::TempDir);

impl std::ops::Deref for Home {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        self.0.path()
    }
}

pub fn state_home(name: &str) -> Home {
    Home(tempfile::Builder::new().prefix(&format!("treaty-tui-{name}-")).tempdir().unwrap())
}
