//! The explorer's state: what is open, selected and focused. [`App::update`] changes it;
//! the views in [`crate::ui`] only read it.

mod action;
mod aside;
pub mod axis;
mod cite;
mod compare;
mod document;
mod event;
mod goto;
pub mod help;
mod history;
mod keymap;
pub mod layout;
mod list;
mod outline;
mod reload;
mod requests;
mod search;
pub mod strip;
mod timeline;
mod update;

pub use action::{Action, Cursor, Motion, Pane};
pub use aside::{Aside, ByHand, Early, Notify, Wanted, fit_early, read_early};
pub use compare::{
    Column, Comparing, Mark, Overview, OverviewRow, SIDE_BY_SIDE_FROM, SimilarList, rows as compared_rows,
    widths as compared_widths,
};
pub use document::{Document, Page, Role};
pub use event::Event;
pub use goto::{Choice, GO_TO_MAX, GoTo};
pub use keymap::{Binding, KEYMAP, Key, Mode, action_for, key_name};
pub use list::Row;
pub use outline::{Item, Outline};
pub use requests::{Asked, Requests, Seen};
pub use search::{LastSearch, SearchBox, Searching};
pub use timeline::Timeline;

use crate::model::Corpus;
use history::History;
use layout::Areas;
use ratatui::layout::Rect;

/// Every place of one treaty that the "go to" prompt offers, shared by each prompt on it.
type Places = std::sync::Arc<[Choice]>;

/// Where the reader is on a page: the page, how far it is scrolled, which link is selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub page: Page,
    /// The first line of the document shown.
    pub scroll: usize,
    /// The selected link, as an index into the document's links.
    pub link: Option<usize>,
}

/// A window over the panes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
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
}

/// A scrolled list: the selected row and the first row shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scrolled {
    pub selected: usize,
    pub offset: usize,
}

impl Scrolled {
    /// The rows `offset..offset + rows`, clipped to `len`.
    pub fn visible(&self, rows: usize, len: usize) -> std::ops::Range<usize> {
        self.offset.min(len)..(self.offset + rows).min(len)
    }
}

/// Everything the explorer shows, and nothing about how it is drawn.
#[derive(Debug)]
pub struct App {
    /// Shared with the thread that prepares the search.
    pub corpus: std::sync::Arc<Corpus>,
    pub focus: Pane,
    /// The article list: a position among its rows (see [`App::row`]).
    pub list: Scrolled,
    /// The entries the list shows, in corpus order: all of them, or those "as of" the
    /// selected event.
    pub rows: Vec<usize>,
    /// Whether the list shows only the entries with an event on or before the selected one.
    pub as_of: bool,
    rows_key: Option<(bool, usize)>,
    /// The open treaty's contents, shown in the list beneath its row.
    pub outline: Outline,
    /// The places of the treaty the "go to" prompt was last opened on, and for which
    /// version of the corpus and which entry.
    places: Option<((u64, usize), Places)>,
    /// The version of the corpus and the entry the contents are of.
    outline_for: Option<(u64, usize)>,
    /// The open page.
    pub place: Place,
    /// Where the reader was before moving through the list showed the entries it passed
    /// (which are not history): the place that Enter, going into the entry shown, leaves.
    previewed_from: Option<Place>,
    /// The open page laid out at the detail view's width; kept in step by `update`.
    pub doc: Document,
    doc_key: Option<(Page, usize)>,
    /// What comparing works out once and keeps, and the comparison open, laid out.
    comparisons: compare::Comparisons,
    pub history: History<Place>,
    pub timeline: Timeline,
    pub overlay: Option<Overlay>,
    /// The search: its index, the queries gone to, the last search.
    searching: Searching,
    /// Which version of the corpus this is (raised at each reload): work done aside for an
    /// earlier one is dropped when it comes back.
    pub generation: u64,
    /// A message for the status line, until the next key.
    pub notice: Option<String>,
    /// What the reader asked of the terminal (suspend, redraw, copy), for the event loop.
    requests: Requests,
    /// The problems of the corpus file as last read, while the last good version is shown.
    pub problems: Option<String>,
    /// The terminal's size in columns and rows.
    pub size: (u16, u16),
    /// The widest row of the entries list, in cells.
    widest: u16,
    pub quit: bool,
    /// The signal that ended the explorer, if one did.
    pub signal: Option<i32>,
}

impl App {
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
            rows: (0..corpus.entries.len()).collect(),
            corpus,
            focus: Pane::List,
            list: Scrolled::default(),
            as_of: false,
            rows_key: None,
            outline: Outline::default(),
            places: None,
            outline_for: None,
            place: Place { page: Page { entry: 0, part: 0 }, scroll: 0, link: None },
            previewed_from: None,
            doc: Document::default(),
            doc_key: None,
            comparisons: compare::Comparisons::default(),
            history: History::default(),
            timeline,
            overlay: None,
            searching: Searching::default(),
            generation: 0,
            notice: None,
            requests: Requests::default(),
            problems: None,
            size,
            widest: 0,
            quit: false,
            signal: None,
        };
        app.widest = widest(&app.corpus);
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
        self.go(Place { page: Page { entry, part }, scroll: 0, link: None });
    }

    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.focus) {
            (Some(Overlay::Help { .. }), _) => Mode::Help,
            (Some(Overlay::Peek { .. }), _) => Mode::Peek,
            (Some(Overlay::Search(_)), _) => Mode::Prompt,
            (Some(Overlay::GoTo(_)), _) => Mode::GoTo,
            (Some(Overlay::Choose { .. }), _) => Mode::Choose,
            (Some(Overlay::Compare(_)), _) => Mode::Compare,
            (None, Pane::List) => Mode::List,
            (None, Pane::Detail) => Mode::Detail,
            (None, Pane::Timeline) => Mode::Timeline,
        }
    }

    /// The widest row of the entries list, in cells.
    pub fn widest(&self) -> u16 {
        self.widest
    }

    /// The layout of the terminal as it is now.
    pub fn areas(&self) -> Option<Areas> {
        layout::areas(Rect::new(0, 0, self.size.0, self.size.1), self.focus, self.widest)
    }

    /// The inside of `pane` as it is (or would be, when focused) at this size.
    pub fn pane_inner(&self, pane: Pane) -> Rect {
        let shown = self.areas().and_then(|a| a.of(pane));
        let area =
            shown.or_else(|| layout::areas(Rect::new(0, 0, self.size.0, self.size.1), pane, self.widest)?.of(pane));
        area.map(layout::inner).unwrap_or_default()
    }

    /// Rebuilds the document when the page or the width changed, and keeps every scroll
    /// position and selection in range.
    pub(super) fn sync(&mut self) {
        let width = layout::text_area(self.pane_inner(Pane::Detail)).width as usize;
        let key = (self.place.page, width);
        if self.doc_key != Some(key) {
            let old = std::mem::replace(&mut self.doc, Document::build(&self.corpus, self.place.page, width));
            if self.doc_key.is_some_and(|(page, _)| page == self.place.page) {
                // Re-wrapped at a new width: the text at the top of the view stays there.
                self.place.scroll = old.start(self.place.scroll).map_or(0, |at| self.doc.line_at(&self.corpus, at));
            }
            self.doc_key = Some(key);
        }
        // The page is laid out as far as it is shown, and a line beyond (so that the end of
        // the page is known when it is in view).
        let height = self.detail_height();
        self.doc.reach(&self.corpus, self.place.scroll.saturating_add(height + 1));
        self.place.scroll = self.place.scroll.min(self.max_scroll());
        self.place.link = self.place.link.filter(|&l| l < self.doc.links.len());
        if self.outline_for != Some((self.generation, self.place.page.entry)) {
            self.reveal_page();
        }
        self.timeline.mark(&self.corpus, self.generation, self.place.page.entry);
        // The whole list is made again only when "as of" is turned on or off, not as the
        // selected event moves (which changes only what "as of" lets through).
        let rows_key = (self.as_of, if self.as_of { self.timeline.selected } else { 0 });
        if self.rows_key != Some(rows_key) {
            let selected = self.selected_entry();
            self.rows = if self.as_of { self.timeline.as_of() } else { (0..self.corpus.entries.len()).collect() };
            self.rows_key = Some(rows_key);
            self.select_entry(selected);
        }
        let rows = self.pane_inner(Pane::List).height as usize;
        let len = self.list_len();
        keep_in_view(&mut self.list, len, rows);
        self.lay_out_comparison();
    }

    /// Shows `place`: the list's selection moves to its entry (or to its part, in the
    /// treaty's contents), and the timeline brings the entry's first event into view.
    pub(super) fn go(&mut self, place: Place) {
        self.place = place;
        self.previewed_from = None;
        let entry = place.page.entry;
        self.reveal_page();
        if let Some(&first) = self.corpus.events_of.get(entry).and_then(|events| events.first()) {
            self.timeline.reveal_event(first);
        }
        self.sync();
    }

    /// The events that share the selected event's mark on the strip, when others do:
    /// positions in the chronology.
    pub fn cluster(&self) -> Option<std::ops::Range<usize>> {
        let width = self.pane_inner(Pane::Timeline).width;
        let clusters = axis::clusters(self.timeline.window, width, &self.timeline.starts);
        axis::shared(&clusters, self.timeline.selected).map(|c| c.members.clone())
    }

    /// The detail view's height in lines.
    pub fn detail_height(&self) -> usize {
        self.pane_inner(Pane::Detail).height as usize
    }

    /// The furthest the detail view can scroll, as far as the page is laid out (which, for
    /// a page not laid out to its end, is beyond the view).
    fn max_scroll(&self) -> usize {
        self.doc.lines().len().saturating_sub(self.detail_height())
    }
}

/// The widest row of the entries list of `corpus`: a mark, the kind and the title.
fn widest(corpus: &Corpus) -> u16 {
    // A title is never wider in cells than it is long in bytes (a character two cells wide
    // takes three or four), so only a title longer than the widest so far is measured.
    let title = corpus.entries.iter().fold(0, |widest, e| {
        if e.title.len() > widest { widest.max(crate::text::wrap::width(&e.title)) } else { widest }
    });
    (title + 9).min(u16::MAX as usize) as u16
}

/// Moves `offset` as little as possible to keep `selected` among `rows` visible rows, and
/// both within `len`.
fn keep_in_view(view: &mut Scrolled, len: usize, rows: usize) {
    view.selected = view.selected.min(len.saturating_sub(1));
    let rows = rows.max(1);
    if view.selected < view.offset {
        view.offset = view.selected;
    } else if view.selected >= view.offset + rows {
        view.offset = view.selected + 1 - rows;
    }
    view.offset = view.offset.min(len.saturating_sub(rows));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_as_wide_as_its_widest_title_though_shorter_ones_are_passed_over() {
        // The widest has fewer characters than a title before it has cells.
        let titles = ["ĀĀĀĀĀĀĀĀĀĀ", "Ulmanis", "abcdefghijkl", "条約条約条約条約条約条", "Пакт о взаимопомощи", "Rīga"];
        let entries: Vec<String> = titles
            .iter()
            .enumerate()
            .map(|(k, t)| format!(r#"Entry(id: "e{k}", title: "{t}", kind: Place, summary: "s")"#))
            .collect();
        let corpus =
            crate::read::load_str(&format!(r#"Corpus(title: "T", entries: [{}])"#, entries.join(", "))).unwrap();
        let every = titles.iter().map(|t| crate::text::wrap::width(t)).max().unwrap();
        assert_eq!(every, 22);
        assert_eq!(widest(&corpus), 22 + 9);
    }

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
