//! The terminal session: raw mode, the alternate screen, mouse capture and bracketed paste,
//! put back on every way out (quit, error, panic on any thread, SIGTERM, SIGHUP, SIGINT, a
//! terminal gone away) and around a suspension with Ctrl-Z; and the loop that feeds it input.

use std::io::{self, Stdout, Write};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Once};
use std::thread::JoinHandle;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, KeyCode,
    KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};

use crate::app::{Action, App, action_for};
use crate::cli::watch::Watch;
use crate::model::Corpus;
use crate::read::load::LoadError;
use crate::ui;

/// Options for the session.
#[derive(Clone, Debug)]
pub struct Options {
    /// Capture the mouse (clicks and the wheel) instead of leaving it to the terminal.
    pub mouse: bool,
    /// Read this corpus file again whenever it changes.
    pub watch: Option<std::path::PathBuf>,
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
            std::process::exit(101);
        }));
    });
}

/// SIGTERM, SIGHUP and SIGINT restore the terminal and exit with 128 + the signal's number;
/// a second one exits at once, should restoring hang.
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
                restore();
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn install_signal_handlers() {}

/// Runs the explorer until the reader quits, and gives back its final state.
pub fn run(mut app: App, options: Options) -> io::Result<App> {
    let (mut watch, unwatched) = match options.watch.as_deref().map(Watching::start) {
        Some(Ok(watching)) => (Some(watching), None),
        Some(Err(message)) => (None, Some(message)),
        None => (None, None),
    };
    let mut session = Session::enter(options)?;
    let size = session.terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    // Said until the first key.
    app.notice = unwatched;
    session.terminal.draw(|frame| ui::draw(frame, &app))?;
    app.prepare_search();
    // Blocks until input arrives: no input, no work, no drawing. While a search runs aside
    // the loop looks up from the keys every few milliseconds to show its hits as soon as
    // they come; while watching a file, ten times a second. A terminal that has gone away
    // makes `read` fail, which ends the loop.
    while !app.quit {
        let wait = if app.busy() {
            Some(Duration::from_millis(5))
        } else if watch.is_some() {
            Some(Duration::from_millis(100))
        } else {
            None
        };
        if let Some(wait) = wait
            && !event::poll(wait)?
        {
            let mut changed = app.between_keys();
            if let Some(watching) = &mut watch {
                changed |= watching.look(&mut app);
            }
            if changed {
                session.terminal.draw(|frame| ui::draw(frame, &app))?;
            }
            continue;
        }
        let event = event::read()?;
        debug_panic(&event);
        let changed = match event {
            Event::Paste(text) => app.paste(&text),
            event => match action_of(event, &app) {
                Some(Action::Suspend) => {
                    session.suspend()?;
                    let size = session.terminal.size()?;
                    app.update(Action::Resize(size.width, size.height))
                }
                Some(action) => app.update(action),
                None => false,
            },
        };
        if let Some(text) = app.clipboard.take() {
            copy(&text)?;
        }
        let changed = app.between_keys() || changed;
        if changed && !app.quit {
            session.terminal.draw(|frame| ui::draw(frame, &app))?;
        }
    }
    drop(session);
    Ok(app)
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

    /// Takes in a reading that has finished, and starts one when the file has changed:
    /// whether the screen changed.
    fn look(&mut self, app: &mut App) -> bool {
        self.again |= self.watch.settled();
        let mut changed = false;
        if self.reading.as_ref().is_some_and(JoinHandle::is_finished)
            && let Some(reading) = self.reading.take()
        {
            let name = self.path.display().to_string();
            match reading.join() {
                Ok(loaded) => app.reload(loaded, &name),
                Err(panic) => std::panic::resume_unwind(panic),
            }
            app.prepare_search();
            changed = true;
        }
        if self.again && self.reading.is_none() {
            self.again = false;
            let path = self.path.clone();
            self.reading = Some(std::thread::spawn(move || crate::read::load::load_file(&path)));
        }
        changed
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
/// another thread), so that the tests can prove a panic restores the terminal.
fn debug_panic(event: &Event) {
    if cfg!(debug_assertions)
        && let Event::Key(key) = event
        && key.code == KeyCode::F(12)
        && let Some(how) = std::env::var_os("TREATY_TUI_TEST_PANIC")
    {
        if how == "thread" {
            let _ = std::thread::spawn(|| panic!("a test panic on another thread")).join();
        }
        panic!("a test panic");
    }
}

/// The action a terminal event asks for, if any.
fn action_of(event: Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for(app.mode(), key),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(mouse.column, mouse.row)),
            MouseEventKind::ScrollDown => Some(Action::Wheel(mouse.column, mouse.row, true)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(mouse.column, mouse.row, false)),
            _ => None,
        },
        _ => None,
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
