//! Which key does what: one table, read by the key handler (and by the help screen).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Action;

/// A key binding: the key, its modifiers and the action.
pub struct Binding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
}

const fn key(code: KeyCode, action: Action) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::NONE,
        action,
    }
}

/// Every key the explorer knows.
pub const KEYMAP: &[Binding] = &[
    key(KeyCode::Up, Action::Up),
    key(KeyCode::Char('k'), Action::Up),
    key(KeyCode::Down, Action::Down),
    key(KeyCode::Char('j'), Action::Down),
    key(KeyCode::PageUp, Action::PageUp),
    key(KeyCode::PageDown, Action::PageDown),
    key(KeyCode::Home, Action::First),
    key(KeyCode::Char('g'), Action::First),
    key(KeyCode::End, Action::Last),
    key(KeyCode::Char('G'), Action::Last),
    key(KeyCode::Char('q'), Action::Quit),
    Binding {
        code: KeyCode::Char('c'),
        modifiers: KeyModifiers::CONTROL,
        action: Action::Quit,
    },
];

/// The action bound to `key`, if any. Shift is ignored for characters, whose case says it.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    let modifiers = match key.code {
        KeyCode::Char(_) => key.modifiers - KeyModifiers::SHIFT,
        _ => key.modifiers,
    };
    KEYMAP
        .iter()
        .find(|b| b.code == key.code && b.modifiers == modifiers)
        .map(|b| b.action)
}
