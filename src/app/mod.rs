//! The explorer's state, the actions that change it, and the loop that ties them to the terminal.

mod action;
mod keymap;

use std::io;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

pub use action::Action;
pub use keymap::action_for;

use crate::corpus::Corpus;
use crate::ui;

/// Everything the explorer shows, and nothing about how it is drawn.
#[derive(Debug)]
pub struct App {
    pub corpus: Corpus,
    /// The entry highlighted in the article list.
    pub selected: usize,
    /// The first entry shown in the list.
    pub list_offset: usize,
    /// The terminal's size in columns and rows.
    pub size: (u16, u16),
    pub quit: bool,
}

impl App {
    pub fn new(corpus: Corpus) -> Self {
        Self {
            corpus,
            selected: 0,
            list_offset: 0,
            size: (80, 24),
            quit: false,
        }
    }
}

/// Runs the explorer on the terminal until the reader quits, restoring the terminal after.
pub fn run(corpus: Corpus) -> io::Result<()> {
    let mut app = App::new(corpus);
    ratatui::run(|terminal| event_loop(terminal, &mut app))
}

/// Blocks on input and redraws only when something changed.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    terminal.draw(|frame| ui::draw(frame, app))?;
    while !app.quit {
        let changed = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => action_for(key).is_some_and(|a| app.update(a)),
            Event::Resize(width, height) => app.update(Action::Resize(width, height)),
            _ => false,
        };
        if changed && !app.quit {
            terminal.draw(|frame| ui::draw(frame, app))?;
        }
    }
    Ok(())
}
