//! The terminal session: raw mode, the alternate screen, mouse capture and bracketed paste,
//! put back on every way out (quit, error, panic on any thread, SIGTERM, SIGHUP, SIGINT, a
//! terminal gone away) and around a suspension with Ctrl-Z; and the loop that feeds it input.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Once};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};

use crate::app::{App, Aside, Input};
use crate::cli::compact::Compact;
pub use crate::cli::event_loop::Ended;
use crate::cli::event_loop::{self, Message, Screen, Watching};

/// Options for the session.
#[derive(Debug)]
pub struct Options {
    /// Capture the mouse (clicks and the wheel) instead of leaving it to the terminal.
    pub mouse: bool,
    /// How the views look: in colour, or without (`NO_COLOR`).
    pub theme: &'static crate::ui::theme::Theme,
    /// Read these files again as one corpus whenever one of them changes.
    pub watch: Option<Vec<std::path::PathBuf>>,
    /// Where the search index of the corpus is kept, for a corpus large enough, and the
    /// kept index being read and held to the corpus (see [`crate::app::fit_early`]).
    pub kept: Option<(crate::keep::copy::Cache, Option<crate::app::EarlyIndex>)>,
    /// Said on the status line once the first frame is drawn.
    pub notice: Option<String>,
    /// The terminal made ready while the corpus was read ([`prepare`]).
    pub prepared: Option<Prepared>,
}

/// The terminal drawn on, through a buffer as large as a frame, so that a frame leaves in
/// one write rather than in many of the standard output's line buffer.
type Drawn = Terminal<Compact<BufWriter<Stdout>>>;

/// The terminal being made ready to draw on, by a thread of its own.
#[derive(Debug)]
pub struct Prepared(std::thread::JoinHandle<io::Result<Drawn>>);

/// Starts making the terminal ready to draw on (its size asked, a frame's two screens of
/// cells made: 0.6 ms at 200×50), while the corpus is read. Nothing is written to it.
pub fn prepare() -> Prepared {
    Prepared(std::thread::spawn(|| Terminal::new(Compact::new(BufWriter::with_capacity(1 << 18, io::stdout())))))
}

/// The terminal in the explorer's modes; dropping it puts the terminal back.
struct Session {
    /// Never dropped: ratatui shows the cursor as its terminal is dropped and, should the
    /// terminal be gone (its window closed), reports the failure with `eprintln!`, which
    /// panics when stderr is that terminal, before the reading place is saved. [`restore`]
    /// shows the cursor instead; everything drawn is flushed as it is drawn; the session
    /// lasts as long as the process.
    terminal: std::mem::ManuallyDrop<Drawn>,
    mouse: bool,
    theme: &'static crate::ui::theme::Theme,
    _restore: Restore,
}

/// Restores the terminal when dropped, whatever happened since it was made.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

/// Sets the explorer's modes.
fn enter(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen, cursor::Hide, EnableBracketedPaste)?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    Ok(())
}

impl Session {
    /// The terminal in the explorer's modes, put back on every way out; signals that end
    /// the explorer are sent to the loop on `sender`.
    fn enter(options: &mut Options, sender: &Sender<Message>) -> io::Result<Self> {
        install_panic_hook();
        install_abort_handler();
        install_signal_handlers(sender);
        let restore = Restore;
        enter(options.mouse)?;
        let prepared = options.prepared.take().and_then(|Prepared(making)| making.join().ok());
        let terminal = match prepared {
            Some(made) => made?,
            None => Terminal::new(Compact::new(BufWriter::with_capacity(1 << 18, io::stdout())))?,
        };
        let terminal = std::mem::ManuallyDrop::new(terminal);
        Ok(Self { terminal, mouse: options.mouse, theme: options.theme, _restore: restore })
    }
}

impl Screen for Session {
    fn draw(&mut self, app: &App) -> io::Result<()> {
        self.terminal.draw(|frame| crate::ui::draw(frame, app, self.theme)).map(drop)
    }

    /// Whatever else wrote to the terminal is cleared, and every cell drawn again: a blank
    /// frame first, so that the next writes every cell that is not blank (ratatui's own
    /// `clear` asks the terminal where its cursor is, which a slow or silent terminal may
    /// never answer).
    fn clear(&mut self) -> io::Result<()> {
        use ratatui::backend::Backend;
        self.terminal.backend_mut().clear_region(ratatui::backend::ClearType::All)?;
        self.terminal.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area())).map(drop)
    }

    /// Ctrl-Z: puts the terminal back and stops the process as a shell expects; when the
    /// shell resumes it (or when there is no job control, at once) the modes come back and
    /// the whole screen is drawn again.
    fn suspend(&mut self) -> io::Result<(u16, u16)> {
        #[cfg(unix)]
        {
            restore();
            // Should the signal not be raised, the modes come back at once, as without job control.
            let _ = signal_hook::low_level::raise(libc::SIGTSTP);
            enter(self.mouse)?;
        }
        // Resizing to the current size clears the screen and the diff buffers, so the next
        // frame is drawn whole (`Terminal::clear` would query the cursor, which waits).
        let size = self.terminal.size()?;
        self.terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        Ok((size.width, size.height))
    }

    /// Through the terminal (OSC 52), which works over SSH too.
    fn copy(&mut self, text: &str) -> io::Result<()> {
        execute!(io::stdout(), crossterm::clipboard::CopyToClipboard::to_clipboard_from(text))
    }
}

/// Puts the terminal back as it was: every mode the session may have set is unset, which
/// is harmless for those it did not set.
fn restore() {
    let mut stdout = io::stdout();
    let _ = execute!(stdout, DisableBracketedPaste, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

/// A panic on any thread restores the terminal, prints its message on the normal screen,
/// and ends the process (exit code 101), as a panic on the main thread would.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
            crate::keep::files::abandon();
            std::process::exit(101);
        }));
    });
}

/// The terminal's settings before the session made it raw, for a process that aborts to
/// put back from its signal handler, where nothing may lock or allocate.
#[cfg(unix)]
static COOKED: std::sync::OnceLock<libc::termios> = std::sync::OnceLock::new();

/// An abort (an allocation the system refused, say) ends the process at once, without
/// unwinding: its handler puts the terminal back as [`restore`] would, with nothing but
/// writes of fixed bytes and the settings kept before the session began, and the abort
/// goes on.
#[cfg(unix)]
fn install_abort_handler() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: a zeroed termios is a valid output buffer for tcgetattr.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: tcgetattr only writes the settings of the terminal on standard input.
        if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut termios) } == 0 {
            let _ = COOKED.set(termios);
        }
        // SAFETY: the handler calls only write(2) and tcsetattr(3), both async-signal-safe,
        // on fixed bytes and settings made before it could run.
        let _ = unsafe { signal_hook::low_level::register(libc::SIGABRT, restore_in_handler) };
    });
}

#[cfg(not(unix))]
fn install_abort_handler() {}

/// What [`restore`] does, from a signal handler: bracketed paste, mouse capture and the
/// alternate screen left, the cursor shown, the terminal's settings put back.
#[cfg(unix)]
fn restore_in_handler() {
    const MODES_OFF: &[u8] = b"\x1b[?2004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";
    // SAFETY: writes fixed bytes to standard output and sets the terminal's settings to
    // those read before the session; both calls are async-signal-safe.
    unsafe {
        libc::write(libc::STDOUT_FILENO, MODES_OFF.as_ptr().cast(), MODES_OFF.len());
        if let Some(termios) = COOKED.get() {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, termios);
        }
    }
}

/// Whether the loop has taken in a signal it was sent.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// How long the loop has to take in a signal before the process ends without it.
const GRACE: Duration = Duration::from_secs(2);

/// SIGTERM, SIGHUP and SIGINT reach the loop as an event on `sender`, so that the explorer
/// ends as on `q` (the reading place kept) with exit code 128 + the signal's number; should
/// the loop not take the signal within [`GRACE`], the terminal is restored and the process
/// ends here. A second signal ends it at once.
#[cfg(unix)]
fn install_signal_handlers(sender: &Sender<Message>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let signalled = Arc::new(AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            let _ = signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&signalled));
            let _ = signal_hook::flag::register(signal, Arc::clone(&signalled));
        }
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else { return };
        let sender = sender.clone();
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _ = sender.send(Message::Explorer(Input::Signal(signal)));
                std::thread::sleep(GRACE);
                if !TAKEN.load(Ordering::SeqCst) {
                    restore();
                    crate::keep::files::abandon();
                    std::process::exit(128 + signal);
                }
            }
        });
    });
}

#[cfg(not(unix))]
fn install_signal_handlers(_: &Sender<Message>) {}

/// Runs the explorer in the terminal until the reader quits or the terminal fails, and
/// gives back how it ended (an error only when the terminal could not be set up at all). A thread reads the terminal and sends what it reads on the loop's channel, as the
/// work done aside, the file watch and signals send theirs.
pub fn run(mut app: App, mut options: Options) -> io::Result<event_loop::Ended> {
    let (sender, messages) = mpsc::channel();
    let (watch, unwatched) = match options.watch.as_deref().map(|paths| Watching::start(paths, &sender)) {
        Some(Ok(watching)) => (Some(watching), None),
        Some(Err(message)) => (None, Some(message)),
        None => (None, None),
    };
    let mut session = Session::enter(&mut options, &sender)?;
    let size = session.terminal.size()?;
    app.update(Input::Resize(size.width, size.height));
    if let Some(notice) = unwatched.or(options.notice.take()) {
        app.update(Input::Notice(notice));
    }
    let reader = sender.clone();
    std::thread::spawn(move || {
        loop {
            let message = match event::read() {
                Ok(input) => Message::Terminal(input),
                Err(error) => Message::Gone(error),
            };
            let gone = matches!(message, Message::Gone(_));
            if reader.send(message).is_err() || gone {
                break;
            }
        }
    });
    app.update(Input::PrepareSearch);
    let mut aside = Aside::reading(options.kept.take(), event_loop::notify(&sender));
    let ended = event_loop::run(&mut session, app, &messages, &mut aside, watch);
    if ended.app.signal().is_some() {
        TAKEN.store(true, Ordering::SeqCst);
    }
    drop(session);
    Ok(ended)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watcher_that_cannot_start_is_said_and_not_an_error() {
        let (sender, _) = std::sync::mpsc::channel();
        let Err(message) = Watching::start(&["/nonexistent/directory/corpus.ron".into()], &sender) else {
            panic!("a watch on nothing started")
        };
        assert!(message.starts_with("not watching the file: the file watcher could not start ("), "{message}");
    }
}
