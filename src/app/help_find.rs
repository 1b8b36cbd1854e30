//! `/` in the help, as in less and man: the rows holding what is typed, the first brought to
//! the top as it is typed, `n` and `N` to the next and the one before.

use super::help::{self, HelpFind};
use super::{App, Overlay};

impl App {
    /// `/` in the help: a new search of it.
    pub(super) fn find_in_help(&mut self) {
        if let Some(Overlay::Help { find, .. }) = &mut self.overlay {
            *find = HelpFind { typed: String::new(), typing: true, row: None };
        }
    }

    /// Changes what is looked for in the help with `edit`, and shows the first row that
    /// holds it.
    pub(super) fn edit_help_find(&mut self, edit: impl FnOnce(&mut String)) {
        let Some(Overlay::Help { find, .. }) = &mut self.overlay else { return };
        edit(&mut find.typed);
        self.step_help_find(None);
    }

    /// Enter: the search kept, its rows marked; Esc while typing: no search after all.
    pub(super) fn end_help_find(&mut self, keep: bool) {
        if let Some(Overlay::Help { find, .. }) = &mut self.overlay {
            find.typing = false;
            if !keep {
                find.typed.clear();
            }
        }
    }

    /// Whether the help is being searched, the search still typed.
    pub(super) fn typing_in_help(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::Help { find, .. }) if find.typing)
    }

    /// Scrolls the help to the first row holding what is looked for: from the top (`None`),
    /// or after the row at the top (`Some(true)`, `n`) or before it (`Some(false)`, `N`),
    /// round the end (the help's foot says when no row holds it).
    pub(super) fn step_help_find(&mut self, forward: Option<bool>) {
        let screen = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let marks = self.marks_listed();
        let (_, rows, _) = help::geometry(screen, &marks);
        let last = help::max_scroll(screen, &marks);
        let Some(Overlay::Help { scroll, find }) = &mut self.overlay else { return };
        if find.typed.is_empty() {
            return;
        }
        let holding: Vec<usize> = (0..rows.len()).filter(|&r| help::holds(&rows[r], &find.typed)).collect();
        let at = find.row.unwrap_or((*scroll).min(last));
        let found = match forward {
            None => holding.first(),
            Some(true) => holding.iter().find(|&&r| r > at).or(holding.first()),
            Some(false) => holding.iter().rev().find(|&&r| r < at).or(holding.last()),
        };
        if let Some(&row) = found {
            (*scroll, find.row) = (row.min(last), Some(row));
        }
    }
}
