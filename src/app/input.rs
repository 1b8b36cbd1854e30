//! Everything that reaches the explorer, from the reader or from work done aside: the one
//! way in to its state ([`super::App::update`]).

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use super::Action;
use super::aside::SearchOutcome;
use crate::model::Corpus;
use crate::read::LoadError;
use crate::search::Index;

/// One thing that happened. Keys, the mouse and the terminal's size come from the terminal;
/// the rest from work done on threads of its own ([`super::Aside`], the file watch) and from
/// the command line at the start.
#[derive(Debug)]
pub enum Input {
    /// An action, as a key or a click asks for one (see the key table).
    Do(Action),
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// The terminal's new size, in columns and rows.
    Resize(u16, u16),
    /// Text pasted into the terminal: typed into the search prompt, never read as keys.
    Paste(String),
    /// The corpus file, read again after it changed; `name` is how messages call it.
    Reloaded {
        loaded: Box<Result<Corpus, LoadError>>,
        name: String,
    },
    /// The search index, prepared aside for the corpus of `generation`.
    Indexed {
        generation: u64,
        index: std::sync::Arc<Index>,
    },
    /// Each entry's folded names, for the list's filter, and its place in the order of
    /// titles, made aside for the corpus of `generation`.
    Named {
        generation: u64,
        names: Vec<String>,
        titles: Vec<u32>,
    },
    /// A search run aside for the corpus of `generation`: its query and scope, and its hits
    /// (nothing if it was told to stop).
    Searched {
        generation: u64,
        query: String,
        scope: crate::search::Scope,
        found: SearchOutcome,
    },
    /// The index of similar clauses, built aside for the corpus of `generation`.
    Similar {
        generation: u64,
        similar: std::sync::Arc<crate::compare::similar::Similar>,
    },
    /// Prepare the search index aside (the loop asks once the first frame is drawn).
    PrepareSearch,
    /// What was kept from an earlier run: the searches made, the marks set, and where to
    /// start.
    Restored {
        queries: Vec<String>,
        marks: std::collections::BTreeMap<char, super::MarkedSpot>,
        start: Option<(usize, usize)>,
    },
    /// A signal asking the explorer to end (SIGTERM, SIGHUP, SIGINT), by its number.
    Signal(i32),
    /// A message for the status line, until the next key (the file watcher could not start).
    Notice(String),
}

impl From<Action> for Input {
    fn from(action: Action) -> Self {
        Self::Do(action)
    }
}
