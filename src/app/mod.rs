//! The explorer's state: what is open, selected and focused. [`App::update`] changes it;
//! the views in [`crate::ui`] only read it.

mod action;
mod aside;
pub mod axis;
pub mod cite;
mod compare;
mod document;
pub mod filter;
mod goto;
pub mod help;
mod help_find;
mod history;
mod input;
mod keymap;
pub mod layout;
mod list;
mod marks;
mod outline;
mod reader;
mod reload;
mod requests;
mod results;
mod search;
pub mod strip;
mod timeline;
mod update;
mod when;

pub use action::{Action, Cursor, Marking, Motion, Pane};
pub use aside::{Aside, ByHand, EarlyIndex, Notify, Wanted, fit_early, read_early};
pub use compare::{
    Column, Comparing, Mark, Overview, OverviewRow, SIDE_BY_SIDE_FROM, SimilarList, rows as compared_rows,
    widths as compared_widths,
};
pub use document::{Document, Page, Role};
pub use filter::{Filter, FilterBox, KEYS as FILTER_KEYS, Order};
pub use goto::{Choice, GO_TO_MAX, GoTo};
pub use input::Input;
pub use keymap::{Binding, KEYMAP, Key, Mode, action_for, key_name};
pub use list::{ListRow, Listing, Scrolled};
pub use marks::{MarkedSpot, Marks};
pub use outline::{ContentsRow, Outline};
pub use reader::{Reader, Spot};
pub use requests::{Asked, Requests, Seen};
pub use results::ResultRow;
pub use search::{LastSearch, SearchBox, Searching};
pub use timeline::Timeline;
pub use when::DateBox;

use crate::model::Corpus;
use layout::Areas;
use ratatui::layout::Rect;

/// An entry of one version of the corpus: what something kept for the open entry was made
/// for, and is made again when either changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntryVersion {
    /// Which version of the corpus ([`App`]'s generation, raised at each reload).
    pub generation: u64,
    pub entry: usize,
}

/// A window over the panes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
        /// What `/` looks for in the help.
        find: help::HelpFind,
    },
    /// The summary of the entry a link leads to.
    Peek {
        target: usize,
    },
    Search(SearchBox),
    /// The "go to" prompt, for an article of the open treaty by its label.
    GoTo(GoTo),
    /// The entries an event concerns, to choose which to open.
    Choose {
        options: Vec<usize>,
        selected: usize,
    },
    /// An article beside its counterparts in other treaties.
    Compare(Comparing),
    /// Waiting for the letter of a mark to set or return to.
    Marking(Marking),
    /// The timeline's "go to" prompt, for the first event on or after a date.
    GoToDate(DateBox),
    /// The list's filter prompt.
    Filter(FilterBox),
    /// The citation of the selection in every format, to copy one.
    Cite(cite::Citing),
}

/// Everything the explorer shows, and nothing about how it is drawn.
#[derive(Debug)]
pub struct App {
    /// Shared with the thread that prepares the search.
    corpus: std::sync::Arc<Corpus>,
    focus: Pane,
    /// The article list: a position among its rows (see [`App::row`]).
    list: Listing,
    /// The open treaty's contents, shown in the list beneath its row.
    outline: Outline,
    /// The places of the treaty the "go to" prompt was last opened on.
    places: Option<goto::Places>,
    /// The version of the corpus and the entry the contents are of.
    outline_for: Option<EntryVersion>,
    /// The open page, laid out at the detail view's width (kept in step by `update`), and
    /// the pages behind and ahead.
    reader: Reader,
    /// What comparing works out once and keeps, and the comparison open, laid out.
    comparisons: compare::Comparisons,
    timeline: Timeline,
    overlay: Option<Overlay>,
    /// The search: its index, the queries gone to, the last search.
    searching: Searching,
    /// The places the reader named with a letter.
    marks: Marks,
    /// Which version of the corpus this is (raised at each reload): work done aside for an
    /// earlier one is dropped when it comes back.
    generation: u64,
    /// A message for the status line, until the next key.
    notice: Option<String>,
    /// What the reader asked of the terminal (suspend, redraw, copy), for the event loop.
    requests: Requests,
    /// The problems of the corpus file as last read, while the last good version is shown.
    problems: Option<String>,
    /// The terminal's size in columns and rows.
    size: (u16, u16),
    /// Whether the timeline strip is hidden (`T`).
    strip_hidden: bool,
    quit: bool,
    /// The signal that ended the explorer, if one did.
    signal: Option<i32>,
}

impl App {
    /// The corpus shown.
    pub fn corpus(&self) -> &std::sync::Arc<Corpus> {
        &self.corpus
    }

    /// The pane the keys go to.
    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// The spot being read: the open page, how far it is scrolled, the link selected.
    pub fn spot(&self) -> Spot {
        self.reader.spot()
    }

    /// The open page laid out at the detail view's width.
    pub fn document(&self) -> &Document {
        self.reader.document()
    }

    /// The open treaty's contents, as the list shows them.
    pub fn outline(&self) -> &Outline {
        &self.outline
    }

    /// The timeline strip: its events, the selected one and the window shown.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The window open over the panes, if one is.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The message for the status line, until the next key.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The problems of the corpus file as last read, while the last good version is shown.
    pub fn problems(&self) -> Option<&str> {
        self.problems.as_deref()
    }

    /// The terminal's size in columns and rows.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Whether the reader has asked to leave (or a signal ended the explorer).
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// The signal that ended the explorer, if one did.
    pub fn signal(&self) -> Option<i32> {
        self.signal
    }

    /// What the reader asked of the terminal: the event loop does what is new.
    pub fn requests(&self) -> &Requests {
        &self.requests
    }

    /// The explorer on `corpus`, with its first entry open.
    pub fn new(corpus: impl Into<std::sync::Arc<Corpus>>) -> Self {
        Self::sized(corpus, (80, 24))
    }

    /// [`App::new`] on a terminal of `size` (columns, rows), laid out once for it: for a
    /// first frame that lays nothing out twice.
    pub fn sized(corpus: impl Into<std::sync::Arc<Corpus>>, size: (u16, u16)) -> Self {
        let corpus = corpus.into();
        let timeline = Timeline::new(&corpus);
        let mut app = Self {
            list: Listing::new(&corpus),
            corpus,
            focus: Pane::List,
            outline: Outline::default(),
            places: None,
            outline_for: None,
            reader: Reader::new(Page { entry: 0, part: 0 }),
            comparisons: compare::Comparisons::default(),
            timeline,
            overlay: None,
            searching: Searching::default(),
            marks: Marks::default(),
            generation: 0,
            notice: None,
            requests: Requests::default(),
            problems: None,
            size,
            strip_hidden: false,
            quit: false,
            signal: None,
        };
        app.sync();
        app
    }

    /// Opens entry `entry` at `part` (0 for the overview) without adding to the history,
    /// as when the explorer starts.
    pub fn start_at(&mut self, entry: usize, part: usize) {
        self.update(Action::Start { entry, part });
    }

    fn open_at(&mut self, entry: usize, part: usize) {
        self.focus = Pane::Detail;
        self.go(Spot::top(Page { entry, part }));
    }

    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.focus) {
            (Some(Overlay::Help { find, .. }), _) if find.typing => Mode::GoTo,
            (Some(Overlay::Help { .. }), _) => Mode::Help,
            (Some(Overlay::Peek { .. }), _) => Mode::Peek,
            (Some(Overlay::Search(_)), _) => Mode::Prompt,
            (Some(Overlay::GoTo(_) | Overlay::GoToDate(_) | Overlay::Filter(_)), _) => Mode::GoTo,
            (Some(Overlay::Choose { .. }), _) => Mode::Choose,
            (Some(Overlay::Compare(_)), _) => Mode::Compare,
            (Some(Overlay::Marking(_)), _) => Mode::Marking,
            (Some(Overlay::Cite(_)), _) => Mode::Cite,
            (None, Pane::List) => Mode::List,
            (None, Pane::Detail) => Mode::Detail,
            (None, Pane::Timeline) => Mode::Timeline,
        }
    }

    /// The layout of the terminal as it is now.
    pub fn areas(&self) -> Option<Areas> {
        self.layout_in(Rect::new(0, 0, self.size.0, self.size.1))
    }

    /// The layout of the explorer drawn in `area`.
    pub fn layout_in(&self, area: Rect) -> Option<Areas> {
        layout::areas(area, self.focus, self.list.widest(), !self.strip_hidden)
    }

    /// Whether the timeline strip is hidden (`T`).
    pub fn strip_hidden(&self) -> bool {
        self.strip_hidden
    }

    /// The inside of `pane` as it is (or would be, when focused) at this size.
    pub fn pane_inner(&self, pane: Pane) -> Rect {
        let shown = self.areas().and_then(|a| a.of(pane));
        let area = shown.or_else(|| {
            let screen = Rect::new(0, 0, self.size.0, self.size.1);
            layout::areas(screen, pane, self.list.widest(), !self.strip_hidden)?.of(pane)
        });
        area.map(layout::inner).unwrap_or_default()
    }

    /// Rebuilds the document when the page or the width changed, and keeps every scroll
    /// position and selection in range.
    pub(super) fn sync(&mut self) {
        let width = layout::text_area(self.pane_inner(Pane::Detail)).width as usize;
        let height = self.detail_height();
        self.reader.lay_out(&self.corpus, width, height);
        if self.outline_for != Some(self.open_entry()) {
            self.reveal_page();
        }
        self.timeline.mark(&self.corpus, self.open_entry());
        self.sync_list();
        self.lay_out_comparison();
    }

    /// Shows `spot`: the list's selection moves to its entry (or to its part, in the
    /// treaty's contents), and the timeline brings the entry's first event into view.
    pub(super) fn go(&mut self, spot: Spot) {
        self.reader.go(spot);
        let entry = spot.page.entry;
        self.reveal_page();
        self.follow_on_the_strip(entry);
        self.sync();
    }

    /// The strip follows the reader to entry `entry`, unless the selected event is one of
    /// its own: its event at its own date (the first on or after the day it is dated from;
    /// else its first) is selected, so that the strip and its caption show the open entry's
    /// events. While the list is "as of" the selected event, which selecting would change
    /// unasked, the event is only brought into view.
    fn follow_on_the_strip(&mut self, entry: usize) {
        let Some(events) = self.corpus.events_of.get(entry).filter(|events| !events.is_empty()) else { return };
        let selected = self.corpus.chronology.get(self.timeline.selected()).copied();
        if selected.is_some_and(|v| events.contains(&v)) {
            return;
        }
        let from = self.corpus.entries.get(entry).and_then(|e| e.dates).map(|when| when.start.first.ordinal());
        let on_its_date = from.and_then(|from| {
            events.iter().copied().find(|&v| self.corpus.events[v].when.start.first.ordinal() >= from)
        });
        let event = on_its_date.unwrap_or(events[0]);
        if self.list.as_of() {
            self.timeline.reveal_event(event);
        } else {
            self.timeline.select_event(event);
        }
    }

    /// The events that share the selected event's mark on the strip, when others do:
    /// positions in the chronology.
    pub fn cluster(&self) -> Option<std::ops::Range<usize>> {
        let width = self.pane_inner(Pane::Timeline).width;
        let clusters = axis::clusters(self.timeline.window(), width, self.timeline.starts());
        axis::shared(&clusters, self.timeline.selected()).map(|c| c.members.clone())
    }

    /// The open entry, in this version of the corpus.
    fn open_entry(&self) -> EntryVersion {
        EntryVersion { generation: self.generation, entry: self.reader.spot().page.entry }
    }

    /// The detail view's height in lines.
    pub fn detail_height(&self) -> usize {
        self.pane_inner(Pane::Detail).height as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explorer_made_for_its_size_shows_what_one_resized_to_it_shows() {
        let screen = |app: &App| {
            let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 50)).unwrap();
            terminal.draw(|frame| crate::ui::draw(frame, app, &crate::ui::theme::COLOUR)).unwrap();
            terminal.backend().buffer().clone()
        };
        let corpus = std::sync::Arc::new(crate::read::load::bundled().unwrap());
        let mut resized = App::new(std::sync::Arc::clone(&corpus));
        resized.update(Action::Resize(200, 50));
        let sized = App::sized(std::sync::Arc::clone(&corpus), (200, 50));
        assert_eq!(screen(&sized), screen(&resized));
        assert_ne!(screen(&App::new(corpus)), screen(&resized), "one laid out for 80×24 shows otherwise");
    }
}
