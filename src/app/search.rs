//! The search prompt in the explorer: typing runs the query, Enter goes to a hit, `n` and
//! `N` step through the hits of the last search.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use super::action::{Motion, Pane};
use super::{App, Overlay};
use crate::search::{self, Hit, Item, Scope, Trail};

/// A search running on a thread of its own; told to stop when it is dropped, as its query
/// has changed or the prompt has closed.
#[derive(Debug)]
pub struct Job {
    query: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<Searched>>,
}

/// What a search gives: its hits and the trail it adds to, or nothing if it was stopped.
type Searched = Option<(Vec<Hit>, Trail)>;

impl Job {
    /// Searches `index` for `query`, reading only where `trail` says its words can be.
    fn start(index: Arc<search::Index>, query: String, trail: Trail) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let (asked, told) = (query.clone(), Arc::clone(&stop));
        let thread = std::thread::spawn(move || index.search_along(&asked, Scope::All, &told, &trail));
        Self { query, stop, thread: Some(thread) }
    }

    fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Waits for its hits, and the trail it adds to: none if it was stopped.
    fn hits(mut self) -> Searched {
        self.thread.take()?.join().ok().flatten()
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The open search prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchBox {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// Whether the hits are still those of an earlier query, this one's being searched for.
    pub pending: bool,
    /// Whether the last edit would have made the query longer than a query may be, and
    /// was cut to [`search::QUERY_MAX`] characters.
    pub cut: bool,
    /// Which earlier query is shown, counting back from the latest, while recalling.
    recall: Option<usize>,
}

/// The last search gone to, for `n` and `N`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastSearch {
    pub query: String,
    pub hits: Vec<Hit>,
    pub at: usize,
}

impl App {
    /// Starts folding the corpus for search on a thread of its own, so that a large
    /// corpus is ready to search without the keys ever waiting for it.
    pub fn prepare_search(&mut self) {
        if self.index.is_none() && self.indexing.is_none() {
            let corpus = std::sync::Arc::clone(&self.corpus);
            self.indexing = Some(std::thread::spawn(move || search::Index::new(&corpus)));
        }
    }

    /// Whether the index is ready: taken from its thread once that has finished, or made
    /// here when no thread was started.
    fn index_ready(&mut self) -> bool {
        if self.index.is_some() {
            return true;
        }
        match self.indexing.take() {
            Some(job) if !job.is_finished() => {
                self.indexing = Some(job);
                false
            }
            Some(job) => {
                self.index = job.join().ok().map(std::sync::Arc::new);
                self.index.is_some()
            }
            None => {
                self.index = Some(std::sync::Arc::new(search::Index::new(&self.corpus)));
                true
            }
        }
    }

    /// Opens the prompt.
    pub(super) fn open_search(&mut self) {
        self.index_ready();
        self.overlay = Some(Overlay::Search(SearchBox {
            query: String::new(),
            hits: Vec::new(),
            selected: 0,
            pending: false,
            cut: false,
            recall: None,
        }));
    }

    /// Changes the query with `edit` and runs it again.
    pub(super) fn edit_query(&mut self, edit: impl FnOnce(&mut String)) {
        let Some(Overlay::Search(search)) = &mut self.overlay else { return };
        edit(&mut search.query);
        search.cut = search::cut_query(&mut search.query);
        search.recall = None;
        self.run_query();
    }

    /// Searches for the query: at once in a small index; in a large one, or one still being
    /// prepared, between keys (see [`App::between_keys`]), the earlier hits shown meanwhile.
    fn run_query(&mut self) {
        let Some(Overlay::Search(search)) = &mut self.overlay else { return };
        search.pending = true;
        if let Some(job) = &self.searching
            && job.query != search.query
        {
            // Its hits would be thrown away: it stops at the next block it would read.
            job.stop.store(true, Ordering::Relaxed);
        }
        let small = self.indexing.is_none() && self.index.as_ref().is_none_or(|i| i.size() < self.search_aside_from);
        if small && self.index_ready() {
            self.take_hits(None);
        }
    }

    /// Puts `hits` (or, with none, those of a search made here and now) in the prompt.
    fn take_hits(&mut self, hits: Option<Vec<Hit>>) {
        let (Some(Overlay::Search(search)), Some(index)) = (&mut self.overlay, &self.index) else { return };
        search.hits = hits.unwrap_or_else(|| index.search(&search.query));
        search.selected = 0;
        search.pending = false;
    }

    /// Work done between keys: takes the hits of a search that has finished, and starts the
    /// one the prompt is waiting for once the index is ready. Whether the screen changed.
    pub fn between_keys(&mut self) -> bool {
        let mut changed = false;
        if self.searching.as_ref().is_some_and(Job::is_finished)
            && let Some(job) = self.searching.take()
            && let Some(Overlay::Search(search)) = &self.overlay
            && search.query == job.query
            && let Some((hits, trail)) = job.hits()
        {
            self.trail = trail;
            self.take_hits(Some(hits));
            changed = true;
        }
        let Some(Overlay::Search(search)) = &self.overlay else {
            self.searching = None;
            return changed;
        };
        if search.pending && self.searching.is_none() && self.indexing.as_ref().is_none_or(|job| job.is_finished()) {
            let query = search.query.clone();
            if self.index_ready()
                && let Some(index) = &self.index
            {
                self.searching = Some(Job::start(Arc::clone(index), query, self.trail.clone()));
            }
        }
        changed
    }

    /// Whether [`App::between_keys`] has work under way and should be called again soon.
    pub fn busy(&self) -> bool {
        self.searching.is_some() || matches!(&self.overlay, Some(Overlay::Search(search)) if search.pending)
    }

    /// Waits for the hits of the query in the prompt, for choosing one: false if the index
    /// is still being prepared.
    fn settle_search(&mut self) -> bool {
        let Some(Overlay::Search(search)) = &self.overlay else { return false };
        if !search.pending {
            return true;
        }
        let query = search.query.clone();
        if let Some(job) = self.searching.take()
            && job.query == query
            && let Some((hits, trail)) = job.hits()
        {
            self.trail = trail;
            self.take_hits(Some(hits));
            return true;
        }
        if self.indexing.as_ref().is_some_and(|job| !job.is_finished()) || !self.index_ready() {
            return false;
        }
        self.take_hits(None);
        true
    }

    /// Pasted text: typed into the search prompt as text, never read as keys; control
    /// characters are dropped and line breaks become spaces. Ignored outside the prompt.
    pub fn paste(&mut self, text: &str) -> bool {
        if !matches!(self.overlay, Some(Overlay::Search(_))) {
            return false;
        }
        // A page pasted by mistake is not folded and searched whole: what the prompt takes,
        // and one more to say that it was cut.
        let clean: String = text
            .chars()
            .map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c })
            .filter(|&c| !c.is_control() && !crate::text::is_hostile(c))
            .take(search::QUERY_MAX + 1)
            .collect();
        self.edit_query(|q| q.push_str(&clean));
        self.sync();
        true
    }

    /// Up and Down: through the hits, or through earlier queries in an empty prompt.
    pub(super) fn search_motion(&mut self, motion: Motion) {
        let Some(Overlay::Search(search)) = &mut self.overlay else { return };
        let recalling = search.recall.is_some() || search.query.is_empty();
        if recalling && matches!(motion, Motion::Prev | Motion::Next) && !self.queries.is_empty() {
            let latest = self.queries.len() - 1;
            search.recall = match (search.recall, motion) {
                (None, Motion::Prev) => Some(0),
                (Some(r), Motion::Prev) => Some((r + 1).min(latest)),
                (Some(0), _) | (None, _) => None,
                (Some(r), _) => Some(r - 1),
            };
            let recall = search.recall;
            search.query = recall.map(|r| self.queries[latest - r].clone()).unwrap_or_default();
            self.run_query();
            if let Some(Overlay::Search(search)) = &mut self.overlay {
                search.recall = recall;
            }
            return;
        }
        let last = search.hits.len().saturating_sub(1);
        search.selected = match motion {
            Motion::Prev => search.selected.saturating_sub(1),
            Motion::Next => (search.selected + 1).min(last),
            Motion::PagePrev => search.selected.saturating_sub(5),
            Motion::PageNext => (search.selected + 5).min(last),
            Motion::First => 0,
            Motion::Last => last,
        };
    }

    /// Enter in the prompt: remembers the search and goes to the chosen hit.
    pub(super) fn choose_hit(&mut self) {
        if !self.settle_search() {
            self.notice = Some("still preparing the search; press Enter again in a moment".into());
            return;
        }
        let Some(Overlay::Search(search)) = &self.overlay else { return };
        let Some(&hit) = search.hits.get(search.selected) else {
            self.notice = Some(format!("no hits for “{}”", search.query));
            return;
        };
        let search = search.clone();
        if self.queries.last() != Some(&search.query) {
            self.queries.push(search.query.clone());
        }
        self.overlay = None;
        self.highlight = Some(search.query.clone());
        self.last_search = Some(LastSearch { query: search.query, hits: search.hits, at: search.selected });
        self.go_to_hit(hit);
    }

    /// `n` and `N`: the next or previous hit of the last search, wrapping with a notice.
    pub(super) fn step_hit(&mut self, forward: bool) {
        let Some(last) = &mut self.last_search else {
            self.notice = Some("no search yet: press / to search".into());
            return;
        };
        let count = last.hits.len();
        let (at, wrapped) = match forward {
            true if last.at + 1 >= count => (0, true),
            true => (last.at + 1, false),
            false if last.at == 0 => (count - 1, true),
            false => (last.at - 1, false),
        };
        last.at = at;
        let hit = last.hits[at];
        self.highlight = Some(last.query.clone());
        if wrapped {
            let end = if forward { "end" } else { "start" };
            let from = if forward { "first" } else { "last" };
            self.notice = Some(format!("search reached the {end}; back to the {from} hit"));
        }
        self.go_to_hit(hit);
    }

    /// Opens the entry, part or event of `hit`, and scrolls the matched text into view.
    fn go_to_hit(&mut self, hit: Hit) {
        let (entry, part) = match hit.item {
            Item::Entry(e) => (e, 0),
            Item::Clause(e, part) => (e, part),
            Item::Event(v) => {
                self.timeline.select_event(v);
                self.focus = Pane::Timeline;
                match self.corpus.events[v].concerns.first() {
                    Some(&entry) => (entry, 0),
                    None => return self.sync(),
                }
            }
        };
        if !matches!(hit.item, Item::Event(_)) {
            self.focus = Pane::Detail;
        }
        self.visit(entry, part);
        self.scroll_to_part();
        self.scroll_to_highlight(hit);
    }

    /// Scrolls so that the first line with the query's words, in the part of the page that
    /// matched, is in view, a little below the top.
    fn scroll_to_highlight(&mut self, hit: Hit) {
        let Some(query) = &self.highlight else { return };
        let from = match (hit.item, hit.field) {
            (Item::Entry(_), search::Field::Body(_) | search::Field::Source(_)) => self.doc.body_line(&self.corpus),
            (Item::Clause(..), _) => self.doc.body_line(&self.corpus),
            _ => 0,
        };
        // Looked for in the page as far as it is laid out, and further as needed.
        let mut looked = from;
        let found = loop {
            let lines = self.doc.lines();
            let found = lines.iter().enumerate().skip(looked).find(|(_, line)| {
                let text: String = line.iter().map(|(t, _)| t.as_str()).collect();
                !search::highlights(&text, query, false).is_empty()
            });
            if let Some((line, _)) = found {
                break Some(line);
            }
            if self.doc.is_complete() {
                break None;
            }
            looked = looked.max(lines.len());
            self.doc.reach(&self.corpus, looked + 1024);
        };
        if let Some(line) = found {
            let height = self.detail_height().max(1);
            if line < self.place.scroll || line >= self.place.scroll + height {
                self.place.scroll = line.saturating_sub(height / 3);
            }
            self.sync();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_whose_query_has_changed_is_told_to_stop() {
        let mut app = App::new(crate::read::load::bundled().expect("the bundled corpus loads"));
        app.search_aside_from = 0;
        app.open_search();
        app.edit_query(|q| q.push_str("liep"));
        app.between_keys();
        let stop = Arc::clone(&app.searching.as_ref().expect("a search under way").stop);
        assert!(!stop.load(Ordering::Relaxed));
        app.edit_query(|q| q.push('a'));
        assert!(stop.load(Ordering::Relaxed), "the search for \"liep\" is told to stop");
        // Its hits are not shown; those of the query as it now stands are.
        while app.busy() {
            app.between_keys();
            std::thread::yield_now();
        }
        let Some(Overlay::Search(search)) = &app.overlay else { panic!("the prompt is open") };
        let expected = app.index.as_ref().expect("the index is ready").search("liepa");
        assert_eq!((search.query.as_str(), &search.hits), ("liepa", &expected));
    }
}
