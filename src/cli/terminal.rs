//! The terminal session: raw mode, the alternate screen, mouse capture and bracketed paste,
//! put back on every way out (quit, error, panic on any thread, SIGTERM, SIGHUP, SIGINT, a
//! terminal gone away) and around a suspension with Ctrl-Z; and the loop that feeds it input.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Once};
use std::thread::JoinHandle;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event as TermEvent,
    KeyCode, KeyEventKind,
};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};

use crate::app::{Action, App, Aside, Event, action_for};
use crate::cli::watch::Watch;
use crate::model::Corpus;
use crate::read::load::LoadError;
use crate::ui;

/// Options for the session.
#[derive(Debug)]
pub struct Options {
    /// Capture the mouse (clicks and the wheel) instead of leaving it to the terminal.
    pub mouse: bool,
    /// How the views look: in colour, or without (`NO_COLOR`).
    pub theme: &'static crate::ui::theme::Theme,
    /// Read this corpus file again whenever it changes.
    pub watch: Option<std::path::PathBuf>,
    /// Where the search index of the corpus is kept, for a corpus large enough, and the
    /// kept index being read and held to the corpus (see [`crate::app::fit_early`]).
    pub kept: Option<(crate::keep::copy::Cache, Option<crate::app::Early>)>,
    /// Said on the status line once the first frame is drawn.
    pub notice: Option<String>,
}

/// The terminal in the explorer's modes; dropping it puts the terminal back.
struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
    options: Options,
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
fn enter(options: &Options) -> io::Result<()> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen, cursor::Hide, EnableBracketedPaste)?;
    if options.mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    Ok(())
}

impl Session {
    fn enter(options: Options) -> io::Result<Self> {
        install_panic_hook();
        install_abort_handler();
        install_signal_handlers();
        let restore = Restore;
        enter(&options)?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(Self { terminal, options, _restore: restore })
    }

    /// Ctrl-Z: puts the terminal back and stops the process as a shell expects; when the
    /// shell resumes it (or when there is no job control, at once) the modes come back and
    /// the whole screen is drawn again.
    #[cfg(unix)]
    fn suspend(&mut self) -> io::Result<()> {
        restore();
        // SAFETY: raising a signal on the current process has no memory effects.
        unsafe {
            libc::raise(libc::SIGTSTP);
        }
        enter(&self.options)?;
        // Resizing to the current size clears the screen and the diff buffers, so the next
        // frame is drawn whole (`Terminal::clear` would query the cursor, which waits).
        let size = self.terminal.size()?;
        self.terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
    }

    #[cfg(not(unix))]
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
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

/// The signal that asked the explorer to end, for the loop to take in as an event (0 for
/// none), and whether the loop has taken it.
static SIGNALLED: AtomicI32 = AtomicI32::new(0);
static TAKEN: AtomicBool = AtomicBool::new(false);

/// How long the loop has to take in a signal before the process ends without it.
const GRACE: Duration = Duration::from_secs(2);

/// SIGTERM, SIGHUP and SIGINT reach the loop as an event, so that the explorer ends as on
/// `q` (the reading place kept) with exit code 128 + the signal's number. The loop is woken
/// by a SIGWINCH (which the terminal's event source listens for); should it not take the
/// signal within [`GRACE`], the terminal is restored and the process ends here. A second
/// signal ends it at once.
#[cfg(unix)]
fn install_signal_handlers() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let signalled = Arc::new(AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            let _ = signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&signalled));
            let _ = signal_hook::flag::register(signal, Arc::clone(&signalled));
        }
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else { return };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                SIGNALLED.store(signal, Ordering::SeqCst);
                // SAFETY: sending a signal to this very process has no memory effects.
                unsafe {
                    libc::kill(libc::getpid(), libc::SIGWINCH);
                }
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

/// The signal waiting to be taken in, if any.
fn signalled() -> Option<i32> {
    let signal = SIGNALLED.swap(0, Ordering::SeqCst);
    (signal != 0).then(|| {
        TAKEN.store(true, Ordering::SeqCst);
        signal
    })
}

#[cfg(not(unix))]
fn install_signal_handlers() {}

/// Runs the explorer until the reader quits, and gives back its final state. Every source
/// of events (the terminal, the work done aside, the file watch, signals) feeds this one
/// loop, and [`App::update`] takes each in.
pub fn run(mut app: App, mut options: Options) -> io::Result<App> {
    let (mut watch, unwatched) = match options.watch.as_deref().map(Watching::start) {
        Some(Ok(watching)) => (Some(watching), options.notice.take()),
        Some(Err(message)) => (None, Some(message)),
        None => (None, options.notice.take()),
    };
    let theme = options.theme;
    let kept = options.kept.take();
    let mut session = Session::enter(options)?;
    let size = session.terminal.size()?;
    app.update(Event::Resize(size.width, size.height));
    session.terminal.draw(|frame| ui::draw(frame, &app, theme))?;
    if let Some(message) = unwatched {
        app.update(Event::Notice(message));
        session.terminal.draw(|frame| ui::draw(frame, &app, theme))?;
    }
    app.update(Event::PrepareSearch);
    let mut aside = Aside::reading(kept);
    let mut copied = app.copies;
    // Blocks until something happens: no input, no work, no drawing. While work is done
    // aside the loop looks up from the keys every few milliseconds to take it in as soon as
    // it is done; while watching a file, ten times a second. A terminal that has gone away
    // makes `read` fail, which ends the loop.
    while !app.quit {
        aside.follow(&app);
        let wait = if aside.busy() {
            Some(Duration::from_millis(5))
        } else if watch.is_some() {
            Some(Duration::from_millis(100))
        } else {
            None
        };
        let mut events = Vec::new();
        let mut repaint = false;
        if wait.is_none_or(|wait| event::poll(wait).unwrap_or(true)) {
            let input = event::read()?;
            debug_panic(&input);
            let action = match &input {
                TermEvent::Key(key) if key.kind != KeyEventKind::Release => action_for(app.mode(), *key),
                _ => None,
            };
            match action {
                Some(Action::Suspend) => {
                    session.suspend()?;
                    let size = session.terminal.size()?;
                    events.push(Event::Resize(size.width, size.height));
                }
                // Whatever else wrote to the terminal is cleared, and every cell drawn again:
                // a blank frame first, so that the next writes every cell that is not blank
                // (ratatui's own `clear` asks the terminal where its cursor is, which a slow
                // or silent terminal may never answer).
                Some(Action::Redraw) => {
                    use ratatui::backend::Backend;
                    session.terminal.backend_mut().clear_region(ratatui::backend::ClearType::All)?;
                    session.terminal.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area()))?;
                    repaint = true;
                }
                _ => events.extend(from_terminal(input)),
            }
        }
        events.extend(aside.done());
        if let Some(watching) = &mut watch {
            events.extend(watching.done());
        }
        events.extend(signalled().map(Event::Signal));
        let mut changed = false;
        for event in events {
            changed |= app.update(event);
        }
        if app.copies != copied
            && let Some(text) = &app.clipboard
        {
            copied = app.copies;
            copy(text)?;
        }
        if (changed || repaint) && !app.quit {
            session.terminal.draw(|frame| ui::draw(frame, &app, theme))?;
        }
    }
    drop(session);
    Ok(app)
}

/// What the terminal tells, as an event of the explorer.
fn from_terminal(input: TermEvent) -> Option<Event> {
    match input {
        TermEvent::Key(key) => Some(Event::Key(key)),
        TermEvent::Mouse(mouse) => Some(Event::Mouse(mouse)),
        TermEvent::Resize(width, height) => Some(Event::Resize(width, height)),
        TermEvent::Paste(text) => Some(Event::Paste(text)),
        TermEvent::FocusGained | TermEvent::FocusLost => None,
    }
}

/// A corpus file watched for changes, and read again on a thread of its own, so that a
/// large file or one that stalls (a link to a pipe) never holds the keys: the last good
/// version stays in view meanwhile.
struct Watching {
    path: std::path::PathBuf,
    watch: Watch,
    reading: Option<JoinHandle<Result<Corpus, LoadError>>>,
    /// The file changed again while it was being read.
    again: bool,
}

impl Watching {
    /// Watches `path`, or says why the watcher could not start (then the explorer carries on
    /// without it).
    fn start(path: &std::path::Path) -> Result<Self, String> {
        match Watch::new(path) {
            Ok(watch) => Ok(Self { path: path.to_path_buf(), watch, reading: None, again: false }),
            Err(e) => Err(format!("not watching the file: the file watcher could not start ({e})")),
        }
    }

    /// A reading that has finished, as an event; and a new one started when the file has
    /// changed since.
    fn done(&mut self) -> Option<Event> {
        self.again |= self.watch.settled();
        let mut done = None;
        if self.reading.as_ref().is_some_and(JoinHandle::is_finished)
            && let Some(reading) = self.reading.take()
        {
            let name = self.path.display().to_string();
            match reading.join() {
                Ok(loaded) => done = Some(Event::Reloaded { loaded: Box::new(loaded), name }),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        if self.again && self.reading.is_none() {
            self.again = false;
            let path = self.path.clone();
            self.reading = Some(std::thread::spawn(move || crate::read::load::load_file(&path)));
        }
        done
    }
}

/// Puts `text` on the clipboard through the terminal (OSC 52), which works over SSH too.
fn copy(text: &str) -> io::Result<()> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut stdout = io::stdout();
    write!(stdout, "\x1b]52;c;{encoded}\x07")?;
    stdout.flush()
}

/// In debug builds only, F12 panics when `TREATY_TUI_TEST_PANIC` is set (to `thread`, on
/// another thread; `abort` aborts instead), so that the tests can prove a panic or an abort
/// restores the terminal.
fn debug_panic(event: &TermEvent) {
    if cfg!(debug_assertions)
        && let TermEvent::Key(key) = event
        && key.code == KeyCode::F(12)
        && let Some(how) = std::env::var_os("TREATY_TUI_TEST_PANIC")
    {
        if how == "thread" {
            let _ = std::thread::spawn(|| panic!("a test panic on another thread")).join();
        }
        if how == "abort" {
            std::process::abort();
        }
        panic!("a test panic");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watcher_that_cannot_start_is_said_and_not_an_error() {
        let Err(message) = Watching::start(std::path::Path::new("/nonexistent/directory/corpus.ron")) else {
            panic!("a watch on nothing started")
        };
        assert!(message.starts_with("not watching the file: the file watcher could not start ("), "{message}");
    }
}
