//! The terminal session: raw mode, the alternate screen and mouse capture, restored on
//! every way out (return, error or panic); and the loop that feeds it input.

use std::io::{self, Stdout, Write};
use std::sync::Once;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};

use crate::app::{Action, App, action_for};
use crate::ui;

/// Options for the session.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Capture the mouse (clicks and the wheel) instead of leaving it to the terminal.
    pub mouse: bool,
}

/// The terminal in the explorer's modes; dropping it puts the terminal back.
struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
    _restore: Restore,
}

/// Restores the terminal when dropped, whatever happened since it was made.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

impl Session {
    fn enter(options: Options) -> io::Result<Self> {
        install_panic_hook();
        enable_raw_mode()?;
        let restore = Restore;
        let mut stdout = io::stdout();
        execute!(stdout, EnterAlternateScreen, cursor::Hide)?;
        if options.mouse {
            execute!(stdout, EnableMouseCapture)?;
        }
        let terminal = Terminal::new(CrosstermBackend::new(stdout))?;
        Ok(Self { terminal, _restore: restore })
    }
}

/// Puts the terminal back as it was: every mode the session may have set is unset, which
/// is harmless for those it did not set.
fn restore() {
    let mut stdout = io::stdout();
    let _ = execute!(stdout, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

/// Restores the terminal before a panic's message is printed, so it is readable.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Runs the explorer until the reader quits.
pub fn run(mut app: App, options: Options) -> io::Result<()> {
    let mut session = Session::enter(options)?;
    let size = session.terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    session.terminal.draw(|frame| ui::draw(frame, &app))?;
    // Blocks until input arrives: no input, no work, no drawing.
    while !app.quit {
        let Some(action) = action_of(event::read()?, &app) else {
            continue;
        };
        if app.update(action) && !app.quit {
            session.terminal.draw(|frame| ui::draw(frame, &app))?;
        }
    }
    Ok(())
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
