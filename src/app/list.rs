//! The list's rows: the entries, with the open treaty's contents beneath its row, and how
//! moving among them shows what they name.

use super::action::{Motion, Pane};
use super::filter::{self, Filter, Order};
use super::outline::{ContentsRow, Outline};
use super::{App, Page};
use crate::model::Corpus;

/// The list's own state: the entries it shows, in what order, through what filter, the
/// selected row and how far it is scrolled. Only the code of this module changes it.
#[derive(Debug)]
pub struct Listing {
    view: Scrolled,
    /// The entries listed, in `order`: all of them, or those "as of" the selected event,
    /// that pass `filter`.
    entries: Vec<usize>,
    /// Each entry's position among those listed (`u32::MAX` for one not listed).
    positions: Vec<u32>,
    filter: Filter,
    order: Order,
    /// Each entry's hits in the last search gone to, for [`Order::Hits`].
    hits: Vec<u32>,
    /// Each entry's folded title and aliases, and its place in the order of titles: made
    /// the first time a filter or an order asks for them, once per corpus.
    names: Option<Names>,
    /// Raised whenever the filter, the order or the hits change, so that the entries are
    /// listed anew.
    asked: u64,
    /// The entry selected when a filter (as it was typed) left it out: selected again
    /// when it passes again, unless the reader has moved since.
    left_out: Option<usize>,
    /// The event (a position in the chronology) the list shows only the entries with an
    /// event on or before, if it does: the event selected when `a` was pressed, following
    /// the selection as the reader moves it on the strip, but not as a search hit does.
    as_of: Option<usize>,
    /// What `entries` were made for: they are made again only when that changes.
    made_for: Option<MadeFor>,
    /// The widest row, in cells.
    widest: u16,
}

/// What the entries listed depend on: "as of" on or off, and if on, the selected event;
/// and how many times the filter, the order or the hits were changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct MadeFor {
    as_of: bool,
    event: usize,
    asked: u64,
}

/// Each entry's folded title and aliases, and (once sorted by title) its place among the
/// titles.
#[derive(Debug)]
struct Names {
    folded: Vec<String>,
    titles: Option<Vec<u32>>,
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

    /// Moves `offset` as little as possible to keep `selected` among `rows` visible rows,
    /// and both within `len`.
    fn keep_in_view(&mut self, len: usize, rows: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(len.saturating_sub(rows));
    }
}

impl Listing {
    /// Every entry of `corpus`, the first selected.
    pub(super) fn new(corpus: &Corpus) -> Self {
        Self {
            view: Scrolled::default(),
            entries: (0..corpus.entries.len()).collect(),
            positions: (0..corpus.entries.len() as u32).collect(),
            filter: Filter::default(),
            order: Order::default(),
            hits: Vec::new(),
            names: None,
            asked: 0,
            left_out: None,
            as_of: None,
            made_for: None,
            widest: widest(corpus),
        }
    }

    /// The selected row and the first row shown.
    pub fn view(&self) -> Scrolled {
        self.view
    }

    /// The entries listed, in the order the list shows them.
    pub fn entries(&self) -> &[usize] {
        &self.entries
    }

    /// The position of entry `entry` among those listed, if it is listed.
    pub fn position(&self, entry: usize) -> Option<usize> {
        self.positions.get(entry).filter(|&&p| p != u32::MAX).map(|&p| p as usize)
    }

    /// The filter applied.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// The order the entries are listed in.
    pub fn order(&self) -> Order {
        self.order
    }

    /// The list's entries through `filter` from now on.
    pub(super) fn set_filter(&mut self, filter: Filter) {
        if filter != self.filter {
            self.filter = filter;
            self.asked += 1;
        }
    }

    /// For how many entries the names a filter looks in are made, if they are.
    pub fn names_made(&self) -> Option<usize> {
        self.names.as_ref().map(|n| n.folded.len())
    }

    /// Each entry's folded names and place among the titles, made aside, unless they were
    /// made here already.
    pub(super) fn take_names(&mut self, folded: Vec<String>, titles: Vec<u32>) {
        if self.names.is_none() {
            self.names = Some(Names { folded, titles: Some(titles) });
        }
    }

    /// `s`: the next order (by the hits of the last search only after one, each entry's
    /// `hits` counted).
    pub(super) fn next_order(&mut self, hits: Option<Vec<u32>>) {
        self.order = self.order.next(hits.is_some());
        self.searched(hits.unwrap_or_default());
    }

    /// A search was gone to whose hits each entry has `hits` of: the list follows them when
    /// it is ordered by them.
    pub(super) fn searched(&mut self, hits: Vec<u32>) {
        self.hits = hits;
        self.asked += 1;
    }

    /// Whether only the entries with an event on or before an event are listed.
    pub fn as_of(&self) -> bool {
        self.as_of.is_some()
    }

    /// The event (a position in the chronology) the list is "as of", if it is.
    pub fn as_of_event(&self) -> Option<usize> {
        self.as_of
    }

    /// The widest row, in cells.
    pub fn widest(&self) -> u16 {
        self.widest
    }

    /// Turns "as of" on, at the event at chronology `selected`, or off.
    pub(super) fn toggle_as_of(&mut self, selected: usize) {
        self.as_of = if self.as_of.is_some() { None } else { Some(selected) };
    }

    /// The reader moved the selection on the strip to `selected`: "as of" follows it.
    pub(super) fn follow_event(&mut self, selected: usize) {
        if self.as_of.is_some() {
            self.as_of = Some(selected);
        }
    }

    /// The list of another corpus, whose timeline has `selected` selected: its entries are
    /// listed anew ("as of" that event, if it was on), the selection kept.
    pub(super) fn corpus_replaced(&mut self, corpus: &Corpus, selected: usize) {
        (self.made_for, self.names, self.hits) = (None, None, Vec::new());
        self.follow_event(selected);
        self.widest = widest(corpus);
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

/// A row of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListRow {
    Entry(usize),
    /// A row of the open treaty's contents.
    Contents(ContentsRow),
}

impl App {
    /// The list: the entries it shows, the selected row and how far it is scrolled.
    pub fn list(&self) -> &Listing {
        &self.list
    }

    /// Makes the entries listed again when "as of" was turned on or off or moved to another
    /// event, or the filter or the order changed, and keeps the selection in range and in
    /// view.
    pub(super) fn sync_list(&mut self) {
        let list = &self.list;
        let made_for = MadeFor { as_of: list.as_of.is_some(), event: list.as_of.unwrap_or(0), asked: list.asked };
        if self.list.made_for != Some(made_for) {
            let selected = self.list.left_out.take().or(self.selected_entry());
            let mut entries = match self.list.as_of {
                Some(event) => self.timeline.as_of(event),
                None => (0..self.corpus.entries.len()).collect(),
            };
            let list = &mut self.list;
            let corpus = &self.corpus;
            if !list.filter.is_empty() || list.order == Order::Title {
                let names = list.names.get_or_insert_with(|| Names { folded: filter::names(corpus), titles: None });
                if !list.filter.is_empty() {
                    list.filter.retain(corpus, &names.folded, &mut entries);
                }
                if list.order == Order::Title && names.titles.is_none() {
                    names.titles = Some(filter::title_ranks(&names.folded));
                }
            }
            let titles = list.names.as_ref().and_then(|n| n.titles.as_deref()).unwrap_or_default();
            filter::sort(&mut entries, corpus, list.order, titles, &list.hits);
            list.positions.clear();
            list.positions.resize(corpus.entries.len(), u32::MAX);
            for (at, &e) in entries.iter().enumerate() {
                list.positions[e] = at as u32;
            }
            list.entries = entries;
            list.made_for = Some(made_for);
            list.left_out = selected.filter(|&e| list.position(e).is_none());
            self.select_entry(selected);
        }
        let rows = self.pane_inner(Pane::List).height as usize;
        let len = self.list_len();
        self.list.view.keep_in_view(len, rows);
    }

    /// Moves the list's selection by `motion`, and shows what it names.
    pub(super) fn move_in_list(&mut self, motion: Motion) {
        let page = self.pane_inner(Pane::List).height as usize;
        let last = self.list_len().saturating_sub(1);
        self.list.view.selected = motion.step(self.list.view.selected, page, last);
        self.list.left_out = None;
        self.preview();
    }

    /// A click on the list's `y`th visible row: it is selected (a division's row opened or
    /// closed), and what it names is shown.
    pub(super) fn click_list(&mut self, y: usize) {
        let row = self.list.view.offset + y;
        if let Some(clicked) = self.row(row) {
            self.list.view.selected = row;
            if let ListRow::Contents(ContentsRow::Chapter { chapter, .. }) = clicked {
                self.set_open(chapter, !self.outline.is_open(chapter));
            }
            self.preview();
        }
    }

    /// The list's selected row.
    pub(super) fn selected_row(&self) -> Option<ListRow> {
        self.row(self.list.view.selected)
    }

    /// The position among the entries listed of the row the contents stand beneath, when
    /// they are shown.
    fn contents_after(&self) -> Option<usize> {
        let entry = self.outline.entry()?;
        if self.outline.rows().is_empty() {
            return None;
        }
        self.list.position(entry)
    }

    /// How many rows the list has.
    pub fn list_len(&self) -> usize {
        self.list.entries.len() + self.contents_after().map_or(0, |_| self.outline.rows().len())
    }

    /// The list's row at `position`.
    pub fn row(&self, position: usize) -> Option<ListRow> {
        let contents = self.outline.rows();
        match (self.contents_row(position), self.contents_after()) {
            (Some(k), _) => Some(ListRow::Contents(contents[k])),
            (None, Some(at)) if position > at => {
                self.list.entries.get(position - contents.len()).map(|&e| ListRow::Entry(e))
            }
            _ => self.list.entries.get(position).map(|&e| ListRow::Entry(e)),
        }
    }

    /// Which row of the open treaty's contents the list's row at `position` is, if it is one.
    pub fn contents_row(&self, position: usize) -> Option<usize> {
        let at = self.contents_after()?;
        position.checked_sub(at + 1).filter(|&k| k < self.outline.rows().len())
    }

    /// The entry selected in the list (the open treaty, for a row of its contents).
    pub fn selected_entry(&self) -> Option<usize> {
        match self.row(self.list.view.selected)? {
            ListRow::Entry(entry) => Some(entry),
            ListRow::Contents(_) => self.outline.entry(),
        }
    }

    /// The page the list's selection names: an entry, or a part of the open treaty (a
    /// division's first part for a division's row).
    pub fn selected_page(&self) -> Option<Page> {
        let entry = self.selected_entry()?;
        let part = match self.row(self.list.view.selected)? {
            ListRow::Entry(_) => 0,
            ListRow::Contents(ContentsRow::Part { part, .. }) => part,
            ListRow::Contents(ContentsRow::Chapter { chapter, .. }) => {
                let chapter = self.corpus.entries.get(entry)?.chapters.get(chapter as usize)?;
                chapter.clauses.start as usize + 1
            }
        };
        Some(Page { entry, part })
    }

    /// The list position of entry `entry`'s row, if it is listed.
    fn position_of(&self, entry: usize) -> Option<usize> {
        let at = self.list.position(entry)?;
        Some(match self.contents_after() {
            Some(after) if at > after => at + self.outline.rows().len(),
            _ => at,
        })
    }

    /// Moves the list's selection to `entry`, where the list shows it.
    pub(super) fn select_entry(&mut self, entry: Option<usize>) {
        if let Some(position) = entry.and_then(|e| self.position_of(e)) {
            self.list.view.selected = position;
        }
    }

    /// Makes the contents those of the open entry, when they are not (another entry was
    /// opened, or the corpus was read again): every division closed.
    pub(super) fn keep_outline(&mut self) {
        let open = self.open_entry();
        if self.outline_for != Some(open) {
            let entry = open.entry;
            self.outline = self.corpus.entries.get(entry).map_or_else(Outline::default, |e| Outline::of(entry, e));
            self.outline_for = Some(open);
        }
    }

    /// Shows the open page in the list: its treaty's contents open as far as its part, and
    /// the part's row (or the entry's) selected.
    pub(super) fn reveal_page(&mut self) {
        self.keep_outline();
        let Page { entry, part } = self.reader.spot().page;
        if let Some(e) = self.corpus.entries.get(entry)
            && part > 0
        {
            self.outline.reveal(e, part);
        }
        match (self.outline.row_of(part).filter(|_| part > 0), self.list.position(entry)) {
            (Some(k), Some(at)) => self.list.view.selected = at + 1 + k,
            _ => self.select_entry(Some(entry)),
        }
        // A row brought into view stands a third of the way down, so that what follows it
        // shows; an opened treaty's row stands at the top, with its contents beneath.
        let rows = (self.pane_inner(super::Pane::List).height as usize).max(1);
        let Scrolled { selected, offset } = self.list.view;
        let contents = self.outline.entry() == Some(entry) && !self.outline.rows().is_empty();
        if part == 0
            && contents
            && (selected < offset || selected + self.outline.rows().len().min(rows - 1) >= offset + rows)
        {
            self.list.view.offset = selected;
        } else if selected < offset || selected >= offset + rows {
            self.list.view.offset = selected.saturating_sub(rows / 3);
        }
    }

    /// Shows in the detail view what the list's selection names: moving through the
    /// contents reads the treaty, and moving through the entries shows each (its contents
    /// closed until → or Enter opens them), none of them added to the history.
    pub(super) fn preview(&mut self) {
        let Some(page) = self.selected_page() else { return };
        if page == self.reader.spot().page {
            return;
        }
        if self.reader.preview(page) {
            self.keep_outline();
            self.outline.show(false);
            self.select_entry(Some(page.entry));
        }
    }

    /// Enter on the list: the spot read before moving through the list goes into the
    /// history, as if the entry shown had been opened from there.
    pub(super) fn commit_preview(&mut self) {
        self.reader.commit_preview();
        self.outline.show(true);
    }

    /// ←: closes the selected division, or goes to the division (or treaty) that holds the
    /// selected row; on the open treaty's row, hides its contents.
    pub(super) fn fold(&mut self) {
        let at = self.list.view.selected;
        match self.row(at) {
            Some(ListRow::Contents(ContentsRow::Chapter { chapter, .. })) if self.outline.is_open(chapter) => {
                self.set_open(chapter, false);
            }
            Some(ListRow::Contents(_)) => {
                let (Some(after), Some(k)) = (self.contents_after(), self.contents_row(at)) else { return };
                self.list.view.selected = self.outline.parent(k).map_or(after, |p| after + 1 + p);
            }
            Some(ListRow::Entry(entry)) if self.outline.entry() == Some(entry) => self.outline.show(false),
            _ => {}
        }
        self.preview();
    }

    /// →: opens the selected division, or steps into an open one; on the open treaty's row,
    /// shows its contents; on another treaty's row, opens it.
    pub(super) fn unfold(&mut self) {
        match self.row(self.list.view.selected) {
            Some(ListRow::Contents(ContentsRow::Chapter { chapter, .. })) if !self.outline.is_open(chapter) => {
                self.set_open(chapter, true);
            }
            Some(ListRow::Contents(ContentsRow::Chapter { .. })) => self.list.view.selected += 1,
            Some(ListRow::Entry(entry)) if self.outline.entry() == Some(entry) => self.outline.show(true),
            Some(ListRow::Entry(entry)) if self.corpus.entries.get(entry).is_some_and(|e| !e.clauses.is_empty()) => {
                self.go_to(entry, 0);
            }
            _ => {}
        }
        self.preview();
    }

    /// Opens or closes division `chapter` of the open treaty.
    pub(super) fn set_open(&mut self, chapter: u32, open: bool) {
        if let Some(entry) = self.outline.entry().and_then(|e| self.corpus.entries.get(e)) {
            self.outline.set_open(entry, chapter, open);
        }
    }
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
}
