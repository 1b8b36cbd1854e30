//! The list's rows: the entries, with the open treaty's contents beneath its row, and how
//! moving among them shows what they name.

use super::outline::{Item, Outline};
use super::{App, Page, Place, Scrolled};

/// A row of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Entry(usize),
    /// A row of the open treaty's contents.
    Contents(Item),
}

impl App {
    /// The position among the entries listed of the row the contents stand beneath, when
    /// they are shown.
    fn contents_after(&self) -> Option<usize> {
        let entry = self.outline.entry?;
        if self.outline.rows().is_empty() {
            return None;
        }
        self.rows.binary_search(&entry).ok()
    }

    /// How many rows the list has.
    pub fn list_len(&self) -> usize {
        self.rows.len() + self.contents_after().map_or(0, |_| self.outline.rows().len())
    }

    /// The list's row at `position`.
    pub fn row(&self, position: usize) -> Option<Row> {
        let contents = self.outline.rows();
        match (self.contents_row(position), self.contents_after()) {
            (Some(k), _) => Some(Row::Contents(contents[k])),
            (None, Some(at)) if position > at => self.rows.get(position - contents.len()).map(|&e| Row::Entry(e)),
            _ => self.rows.get(position).map(|&e| Row::Entry(e)),
        }
    }

    /// Which row of the open treaty's contents the list's row at `position` is, if it is one.
    pub fn contents_row(&self, position: usize) -> Option<usize> {
        let at = self.contents_after()?;
        position.checked_sub(at + 1).filter(|&k| k < self.outline.rows().len())
    }

    /// The entry selected in the list (the open treaty, for a row of its contents).
    pub fn selected_entry(&self) -> Option<usize> {
        match self.row(self.list.selected)? {
            Row::Entry(entry) => Some(entry),
            Row::Contents(_) => self.outline.entry,
        }
    }

    /// The page the list's selection names: an entry, or a part of the open treaty (a
    /// division's first part for a division's row).
    pub fn selected_page(&self) -> Option<Page> {
        let entry = self.selected_entry()?;
        let part = match self.row(self.list.selected)? {
            Row::Entry(_) => 0,
            Row::Contents(Item::Part { part, .. }) => part,
            Row::Contents(Item::Chapter { chapter, .. }) => {
                let chapter = self.corpus.entries.get(entry)?.chapters.get(chapter as usize)?;
                chapter.clauses.start as usize + 1
            }
        };
        Some(Page { entry, part })
    }

    /// The list position of entry `entry`'s row, if it is listed.
    fn position_of(&self, entry: usize) -> Option<usize> {
        let at = self.rows.binary_search(&entry).ok()?;
        Some(match self.contents_after() {
            Some(after) if at > after => at + self.outline.rows().len(),
            _ => at,
        })
    }

    /// Moves the list's selection to `entry`, where the list shows it.
    pub(super) fn select_entry(&mut self, entry: Option<usize>) {
        if let Some(position) = entry.and_then(|e| self.position_of(e)) {
            self.list.selected = position;
        }
    }

    /// Makes the contents those of the open entry, when they are not (another entry was
    /// opened, or the corpus was read again): every division closed.
    pub(super) fn keep_outline(&mut self) {
        let entry = self.place.page.entry;
        if self.outline_for != Some((self.generation, entry)) {
            self.outline = self.corpus.entries.get(entry).map_or_else(Outline::default, |e| Outline::of(entry, e));
            self.outline_for = Some((self.generation, entry));
        }
    }

    /// Shows the open page in the list: its treaty's contents open as far as its part, and
    /// the part's row (or the entry's) selected.
    pub(super) fn reveal_page(&mut self) {
        self.keep_outline();
        let Page { entry, part } = self.place.page;
        if let Some(e) = self.corpus.entries.get(entry)
            && part > 0
        {
            self.outline.reveal(e, part);
        }
        match (self.outline.row_of(part).filter(|_| part > 0), self.rows.binary_search(&entry)) {
            (Some(k), Ok(at)) => self.list.selected = at + 1 + k,
            _ => self.select_entry(Some(entry)),
        }
        // A row brought into view stands a third of the way down, so that what follows it
        // shows; an opened treaty's row stands at the top, with its contents beneath.
        let rows = (self.pane_inner(super::Pane::List).height as usize).max(1);
        let Scrolled { selected, offset } = self.list;
        let contents = self.outline.entry == Some(entry) && !self.outline.rows().is_empty();
        if part == 0
            && contents
            && (selected < offset || selected + self.outline.rows().len().min(rows - 1) >= offset + rows)
        {
            self.list.offset = selected;
        } else if selected < offset || selected >= offset + rows {
            self.list.offset = selected.saturating_sub(rows / 3);
        }
    }

    /// Shows in the detail view what the list's selection names: moving through the
    /// contents reads the treaty, and moving through the entries shows each (its contents
    /// closed until → or Enter opens them), none of them added to the history.
    pub(super) fn preview(&mut self) {
        let Some(page) = self.selected_page() else { return };
        if page == self.place.page {
            return;
        }
        let other = page.entry != self.place.page.entry;
        if other {
            self.previewed_from.get_or_insert(self.place);
        }
        self.place = Place { page, scroll: 0, link: None };
        if other {
            self.keep_outline();
            self.outline.shown = false;
            self.select_entry(Some(page.entry));
        }
    }

    /// Enter on the list: the place shown before moving through the list goes into the
    /// history, as if the entry shown had been opened from there.
    pub(super) fn commit_preview(&mut self) {
        if let Some(from) = self.previewed_from.take()
            && from.page != self.place.page
        {
            self.history.visit(from);
        }
        self.outline.shown = true;
    }

    /// ←: closes the selected division, or goes to the division (or treaty) that holds the
    /// selected row; on the open treaty's row, hides its contents.
    pub(super) fn fold(&mut self) {
        let at = self.list.selected;
        match self.row(at) {
            Some(Row::Contents(Item::Chapter { chapter, .. })) if self.outline.is_open(chapter) => {
                self.set_open(chapter, false);
            }
            Some(Row::Contents(_)) => {
                let (Some(after), Some(k)) = (self.contents_after(), self.contents_row(at)) else { return };
                self.list.selected = self.outline.parent(k).map_or(after, |p| after + 1 + p);
            }
            Some(Row::Entry(entry)) if self.outline.entry == Some(entry) => self.outline.shown = false,
            _ => {}
        }
        self.preview();
    }

    /// →: opens the selected division, or steps into an open one; on the open treaty's row,
    /// shows its contents; on another treaty's row, opens it.
    pub(super) fn unfold(&mut self) {
        match self.row(self.list.selected) {
            Some(Row::Contents(Item::Chapter { chapter, .. })) if !self.outline.is_open(chapter) => {
                self.set_open(chapter, true);
            }
            Some(Row::Contents(Item::Chapter { .. })) => self.list.selected += 1,
            Some(Row::Entry(entry)) if self.outline.entry == Some(entry) => self.outline.shown = true,
            Some(Row::Entry(entry)) if self.corpus.entries.get(entry).is_some_and(|e| !e.clauses.is_empty()) => {
                self.go_to(entry, 0);
            }
            _ => {}
        }
        self.preview();
    }

    /// Opens or closes division `chapter` of the open treaty.
    pub(super) fn set_open(&mut self, chapter: u32, open: bool) {
        if let Some(entry) = self.outline.entry.and_then(|e| self.corpus.entries.get(e)) {
            self.outline.set_open(entry, chapter, open);
        }
    }
}
