//! What a reader can ask the explorer to do, and how each request changes its state.

use super::App;
use crate::ui;

/// A request from the reader, independent of the key that made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Select the previous entry in the list.
    Up,
    /// Select the next entry in the list.
    Down,
    /// Move the selection up by one screenful.
    PageUp,
    /// Move the selection down by one screenful.
    PageDown,
    /// Select the first entry.
    First,
    /// Select the last entry.
    Last,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Leave the explorer.
    Quit,
}

impl App {
    /// Applies `action`; returns whether anything visible changed.
    pub fn update(&mut self, action: Action) -> bool {
        let last = self.corpus.entries.len().saturating_sub(1);
        let page = ui::list_rows(self.size).max(1);
        let before = (self.selected, self.list_offset);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::First => 0,
            Action::Last => last,
            Action::Resize(width, height) => {
                self.size = (width, height);
                self.scroll_list();
                return true;
            }
            Action::Quit => {
                self.quit = true;
                return true;
            }
        };
        self.scroll_list();
        (self.selected, self.list_offset) != before
    }

    /// Scrolls the list as little as possible to keep the selection in view.
    fn scroll_list(&mut self) {
        let rows = ui::list_rows(self.size).max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
    }
}
