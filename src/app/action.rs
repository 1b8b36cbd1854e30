//! What a reader can ask the explorer to do, independent of the key or click that asked.

/// The three panes that can hold the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    List,
    Detail,
    Timeline,
}

/// A movement within the focused pane: through the list, the text, or the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    Prev,
    Next,
    PagePrev,
    PageNext,
    /// Half a page back (Ctrl-U, as in less and vim).
    HalfPrev,
    /// Half a page on (Ctrl-D).
    HalfNext,
    First,
    Last,
}

/// Where the search prompt's cursor moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cursor {
    Left,
    Right,
    Home,
    End,
}

/// What a key after `m` or `'` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marking {
    /// `m`: the next letter names the place being read.
    Set,
    /// `'`: the next letter returns to its mark; `'` to the place before the last jump.
    Return,
}

/// A request from the reader. [`crate::app::App::update`] applies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Leave the explorer.
    Quit,
    /// Wait for a letter, to set a mark or return to one (`m`, `'`).
    Mark(Marking),
    /// Hide the timeline strip, or show it again (`T`).
    ToggleStrip,
    /// Hand the terminal back to the shell and stop, until resumed (Ctrl-Z). The event
    /// loop carries it out; the state does not change.
    Suspend,
    /// Clear the terminal and draw everything again (Ctrl-L), for when something else has
    /// written over the screen. The event loop carries it out; the state does not change.
    Redraw,
    /// Give the focus to the next pane (list, detail, timeline, and round).
    FocusNext,
    /// Give the focus to the previous pane.
    FocusPrev,
    /// Give the focus to this pane.
    Focus(Pane),
    /// Move within the focused pane: the list's selection, the detail's scroll position,
    /// or the timeline's selected event.
    Move(Motion),
    /// Open what is selected: the list's entry, the detail's link, the timeline's event's
    /// entry, the peeked entry, or the chosen search hit.
    Open,
    /// Select the next link in the detail view.
    NextLink,
    /// Select the previous link in the detail view.
    PrevLink,
    /// Show the next part of a treaty: its overview, preamble, articles and annexes.
    NextClause,
    /// Show the previous part of a treaty.
    PrevClause,
    /// Show the first part of the treaty's next division (part, chapter, section).
    NextChapter,
    /// Show the first part of the division the part shown is in, or of the one before.
    PrevChapter,
    /// Open the selected division of the treaty's contents in the list, or step into it.
    Unfold,
    /// Close the selected division, or go to the one that holds the selection.
    Fold,
    /// Open the prompt that goes to an article of the open treaty by its label.
    GoTo,
    /// Complete the label in the "go to" prompt to the selected choice.
    Complete,
    /// In the search prompt: search only the open entry, or the whole corpus again.
    Scope,
    /// Open the list's filter prompt (`f`): words of a title, `kind:`, `party:`, `year:`,
    /// `lang:`.
    Filter,
    /// List the entries in the next order: the corpus's, by title, date, length, or hits of
    /// the last search (`s`).
    Sort,
    /// In the search prompt: the results a row per entry with its best hit, or a row per
    /// hit (Ctrl-G).
    Group,
    /// Show the same part in the entry's next version in another language.
    NextVersion,
    /// Show the selected link's entry in a popup without leaving the page.
    Peek,
    /// Go back to the previous page in the history.
    Back,
    /// Go forward again after going back.
    Forward,
    /// Copy a citation of the selection to the clipboard.
    Cite,
    /// Set the open article beside its counterparts in other treaties.
    Compare,
    /// In the comparison: one treaty beside the article after another, then all again.
    Beside,
    /// In a comparison too narrow for its columns side by side: show the next column.
    NextColumn,
    /// In the comparison: the whole treaty's articles beside their counterparts, or back.
    Overview,
    /// In the comparison: the articles most like this one anywhere in the corpus, or back.
    Similar,
    /// In the comparison: mark the words inserted and left out, or show each article unmarked.
    Marks,
    /// Show every key.
    Help,
    /// Open the search prompt.
    Search,
    /// Go to the next hit of the last search, wrapping around.
    NextHit,
    /// Go to the previous hit of the last search, wrapping around.
    PrevHit,
    /// Close the open overlay or prompt.
    Close,
    /// Type a character into the prompt, where its cursor stands.
    Type(char),
    /// Delete the prompt's character before the cursor.
    Erase,
    /// Delete the prompt's word before the cursor (Ctrl-W, Alt-Backspace).
    EraseWord,
    /// Delete all the prompt holds before the cursor (Ctrl-U).
    EraseToStart,
    /// Move the search prompt's cursor (←, →, Home, End).
    Cursor(Cursor),
    /// Show the timeline at twice the detail, around the selected event.
    ZoomIn,
    /// Show the timeline at half the detail.
    ZoomOut,
    /// Show the whole timeline.
    Fit,
    /// Move the timeline's view earlier, keeping the selection.
    PanBack,
    /// Move the timeline's view later, keeping the selection.
    PanForward,
    /// Limit the list to the entries with an event on or before the selected event, or
    /// show them all again.
    AsOf,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A mouse click at this column and row.
    Click(u16, u16),
    /// The mouse wheel turned at this column and row; `true` for down.
    Wheel(u16, u16, bool),
    /// Open entry `entry` at `part` (0 for the overview) without adding to the history, with
    /// the focus on the detail view: where the explorer starts (`--open`, or the place kept
    /// from the last run).
    Start { entry: usize, part: usize },
    /// Open entry `entry` at `part`, leaving the current page in the history.
    Visit { entry: usize, part: usize },
}

impl Motion {
    /// `at` moved by this motion within `0..=last`, a page being `page` steps.
    pub(super) fn step(self, at: usize, page: usize, last: usize) -> usize {
        let page = page.max(1);
        match self {
            Motion::Prev => at.saturating_sub(1),
            Motion::Next => at.saturating_add(1),
            Motion::PagePrev => at.saturating_sub(page),
            Motion::PageNext => at.saturating_add(page),
            Motion::HalfPrev => at.saturating_sub(page.div_ceil(2)),
            Motion::HalfNext => at.saturating_add(page.div_ceil(2)),
            Motion::First => 0,
            Motion::Last => last,
        }
        .min(last)
    }
}
