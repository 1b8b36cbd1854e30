//! The search prompt in the explorer: typing runs the query, Enter goes to a hit, `n` and
//! `N` step through the hits of the last search.

use std::sync::Arc;

use super::action::{Motion, Pane};
use super::aside::Wanted;
use super::{App, Overlay};
use crate::search::{self, Found, Groups, Hit, Index, Item, Matcher, Scope};

/// The open search prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchBox {
    pub query: String,
    /// Where the cursor stands: how many characters of the query follow it.
    pub after: usize,
    /// Where it searches: the whole corpus, or the entry open when the prompt was opened.
    pub scope: Scope,
    /// The hits, best first.
    pub hits: Vec<Hit>,
    /// The hits grouped by entry.
    pub groups: Groups,
    /// Whether the results show a row per entry (with its best hit), or a row per hit.
    pub grouped: bool,
    /// The entry's group opened to show all its hits, in grouped results.
    pub open: Option<usize>,
    /// What marks the words the hits matched.
    pub matcher: Matcher,
    /// The selected row of the results (see [`SearchBox::row`]).
    pub selected: usize,
    /// Whether the hits are still those of an earlier query, this one's being searched for.
    pub pending: bool,
    /// Whether the last edit would have made the query longer than a query may be, and
    /// was cut to [`search::QUERY_MAX`] characters.
    pub cut: bool,
    /// Which earlier query is shown, counting back from the latest, while recalling.
    recall: Option<usize>,
    /// Whether Enter was pressed while the index was still being prepared: the chosen hit
    /// is gone to as soon as it is ready.
    go_when_ready: bool,
}

impl SearchBox {
    /// Where the cursor stands in the query, in bytes.
    pub fn cursor(&self) -> usize {
        let chars = self.query.chars().count();
        self.query.char_indices().nth(chars.saturating_sub(self.after)).map_or(self.query.len(), |(at, _)| at)
    }
}

/// The last search gone to, for `n` and `N`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastSearch {
    pub query: String,
    pub hits: Vec<Hit>,
    pub matcher: Matcher,
    pub at: usize,
}

/// The search's room in the explorer's state: the index of the corpus, where searches run,
/// the queries gone to in this run, and the last search with what it marks.
#[derive(Debug)]
pub struct Searching {
    /// The corpus folded for search: prepared aside when the explorer starts (see
    /// [`App::prepare_search`]), or at the first search.
    index: Option<Arc<Index>>,
    /// Whether the index is prepared aside (by the loop's [`super::Aside`]) whenever it is
    /// missing, rather than here at the first search.
    prepares_aside: bool,
    /// From this many bytes of folded text, searches run between keys, not within them.
    aside_from: usize,
    /// The queries gone to in this run, oldest first.
    queries: Vec<String>,
    /// The last search gone to, for `n` and `N`.
    last: Option<LastSearch>,
    /// What marks the words of the last search gone to in the detail view.
    highlight: Option<Matcher>,
    /// Whether results are grouped by entry (Ctrl-G in the prompt switches), kept from one
    /// search to the next.
    grouped: bool,
}

impl Default for Searching {
    fn default() -> Self {
        Self {
            index: None,
            prepares_aside: false,
            aside_from: search::ASIDE_FROM,
            queries: Vec::new(),
            last: None,
            highlight: None,
            grouped: true,
        }
    }
}

impl Searching {
    /// The index of the corpus, once it is ready.
    pub fn index(&self) -> Option<&Arc<Index>> {
        self.index.as_ref()
    }

    /// The queries gone to in this run (and those restored from the last), oldest first.
    pub fn queries(&self) -> &[String] {
        &self.queries
    }

    /// The last search gone to.
    pub fn last(&self) -> Option<&LastSearch> {
        self.last.as_ref()
    }

    /// What marks the words of the last search gone to.
    pub fn highlight(&self) -> Option<&Matcher> {
        self.highlight.as_ref()
    }

    /// The index is prepared aside whenever it is missing.
    pub(super) fn prepare_aside(&mut self) {
        self.prepares_aside = true;
    }

    /// The queries of an earlier run, to recall.
    pub(super) fn restore(&mut self, queries: Vec<String>) {
        self.queries = queries;
    }

    /// Esc on the page: the last search and its marks let go.
    pub(super) fn forget_last(&mut self) {
        (self.highlight, self.last) = (None, None);
    }

    /// Another corpus: its index is prepared anew, and the last search was of the old one.
    pub(super) fn forget_corpus(&mut self) {
        (self.index, self.last) = (None, None);
    }
}

/// The most events a date typed into the search finds (a year of a large timeline could
/// hold thousands).
const DATED_SHOWN: usize = 500;

impl App {
    /// What the search holds: its index, the queries gone to, the last search.
    pub fn searching(&self) -> &Searching {
        &self.searching
    }

    /// From `bytes` of folded text on, searches run between keys rather than within them
    /// ([`search::ASIDE_FROM`] unless set): 0 runs every search aside, as a large corpus's.
    pub fn search_aside_from(&mut self, bytes: usize) {
        self.searching.aside_from = bytes;
    }

    /// Asks for the corpus to be folded for search aside, so that a large corpus is ready to
    /// search without the keys ever waiting for it (the loop's [`super::Aside`] does it).
    pub fn prepare_search(&mut self) {
        self.update(super::Input::PrepareSearch);
    }

    /// What the explorer waits for from work done aside: the index, while it is wanted and
    /// missing; a search, while the prompt waits for the hits of a query in a large index.
    pub fn wanted(&self) -> Wanted {
        let index = (self.searching.prepares_aside && self.searching.index.is_none()).then(|| Arc::clone(&self.corpus));
        let search = match (&self.overlay, &self.searching.index) {
            (Some(Overlay::Search(search)), Some(index)) if search.pending && !self.small(index) => {
                Some((search.query.clone(), search.scope, Arc::clone(index)))
            }
            _ => None,
        };
        Wanted { generation: self.generation, index, search, similar: self.similar_wanted() }
    }

    /// Whether `index` is small enough to be searched within a key.
    fn small(&self, index: &Index) -> bool {
        index.size() < self.searching.aside_from
    }

    /// Whether the index is ready: made here and now when it is not being prepared aside.
    fn index_ready(&mut self) -> bool {
        if self.searching.index.is_none() && !self.searching.prepares_aside {
            self.searching.index = Some(Arc::new(Index::new(&self.corpus)));
        }
        self.searching.index.is_some()
    }

    /// Whether the explorer waits for work done aside: the search index, the index of
    /// similar clauses, the hits of the query in the prompt.
    pub fn waits(&self) -> bool {
        let wanted = self.wanted();
        self.busy() || wanted.index.is_some() || wanted.search.is_some() || wanted.similar.is_some()
    }

    /// Whether the explorer waits for the hits of the query in the prompt.
    pub fn busy(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::Search(search)) if search.pending)
    }

    /// Opens the prompt.
    pub(super) fn open_search(&mut self) {
        self.overlay = Some(Overlay::Search(SearchBox {
            query: String::new(),
            after: 0,
            scope: Scope::Corpus,
            hits: Vec::new(),
            groups: Groups::default(),
            grouped: self.searching.grouped,
            open: None,
            matcher: Matcher::default(),
            selected: 0,
            pending: false,
            cut: false,
            recall: None,
            go_when_ready: false,
        }));
    }

    /// ←, →, Home and End in the search prompt; → at the end of the query opens the selected
    /// entry's row to show all its hits, or closes it.
    pub(super) fn move_cursor(&mut self, to: super::action::Cursor) {
        use super::action::Cursor;
        let Some(Overlay::Search(search)) = &mut self.overlay else { return };
        if to == Cursor::Right && search.after == 0 && !search.pending {
            search.open_or_close();
            return;
        }
        let chars = search.query.chars().count();
        search.after = match to {
            Cursor::Left => (search.after + 1).min(chars),
            Cursor::Right => search.after.saturating_sub(1),
            Cursor::Home => chars,
            Cursor::End => 0,
        };
    }

    /// Tab in the prompt: searches only the open entry, or the whole corpus again.
    pub(super) fn switch_scope(&mut self) {
        let open = self.reader.spot().page.entry;
        let Some(Overlay::Search(search)) = &mut self.overlay else { return };
        search.scope = match search.scope {
            Scope::Corpus => Scope::Entry(open),
            Scope::Entry(_) => Scope::Corpus,
        };
        self.run_query();
    }

    /// Ctrl-G in the prompt: the results a row per entry, or a row per hit.
    pub(super) fn switch_grouping(&mut self) {
        let Some(Overlay::Search(search)) = &mut self.overlay else { return };
        search.switch_grouping();
        self.searching.grouped = search.grouped;
    }

    /// Changes the query before the cursor with `edit` (what follows the cursor stays) and
    /// runs it again.
    pub(super) fn edit_query(&mut self, edit: impl FnOnce(&mut String)) {
        let Some(Overlay::Search(search)) = &mut self.overlay else { return };
        let split = search.cursor();
        let after = search.query.split_off(split);
        edit(&mut search.query);
        search.query.push_str(&after);
        search.go_when_ready = false;
        search.cut = search::cut_query(&mut search.query);
        search.after = search.after.min(search.query.chars().count());
        search.recall = None;
        self.run_query();
    }

    /// Searches for the query: at once in a small index; in a large one, or one still being
    /// prepared, aside (see [`App::wanted`]), the earlier hits shown meanwhile.
    fn run_query(&mut self) {
        let Some(Overlay::Search(search)) = &mut self.overlay else { return };
        search.pending = true;
        if self.index_ready()
            && let Some(index) = &self.searching.index
            && self.small(index)
        {
            self.take_hits(None);
        }
    }

    /// Puts `found` (or, with none, what a search made here and now finds) in the prompt.
    fn take_hits(&mut self, found: Option<Found>) {
        let (Some(Overlay::Search(search)), Some(index)) = (&mut self.overlay, &self.searching.index) else { return };
        let found = found.unwrap_or_else(|| index.search_in(&search.query, search.scope));
        let mut hits = found.hits;
        search.matcher = found.matcher;
        // A query that reads as a date ("16 June 1940", "June 1940") finds the events of that
        // day, month or year first, in their order.
        if search.scope == Scope::Corpus
            && let Some(date) = crate::model::date::Date::typed(&search.query)
        {
            let starts = self.timeline.starts();
            let (from, to) = (date.first.ordinal(), date.last().ordinal());
            let dated = starts.partition_point(|&s| s < from)..starts.partition_point(|&s| s <= to);
            let dated: Vec<Hit> = dated
                .take(DATED_SHOWN)
                .filter_map(|p| self.corpus.chronology.get(p))
                .map(|&v| Hit {
                    item: Item::Event(v),
                    field: search::Field::EventTitle,
                    score: u32::MAX,
                    typo: false,
                    named: search::Named::Not,
                    span: 0,
                })
                .collect();
            hits.retain(|hit| !dated.iter().any(|d| d.item == hit.item));
            hits.splice(0..0, dated);
        }
        search.take(hits, self.corpus.entries.len());
        search.pending = false;
    }

    /// The index prepared aside, if it is for this corpus; a query waiting for it in a small
    /// index is searched at once.
    /// Whether the screen changed: whether the prompt waited for it.
    pub(super) fn take_index(&mut self, generation: u64, index: Arc<Index>) -> bool {
        if generation != self.generation {
            return false;
        }
        self.searching.index = Some(index);
        let waited = self.busy();
        if waited {
            self.run_query();
        }
        if matches!(&self.overlay, Some(Overlay::Search(search)) if search.go_when_ready) {
            self.notice = None;
            self.choose_hit();
        }
        waited
    }

    /// The hits of a search run aside, if they are for this corpus and the query as it now
    /// stands (an earlier query's are dropped).
    /// Whether the screen changed: whether they were taken.
    pub(super) fn take_searched(
        &mut self,
        generation: u64,
        query: &str,
        scope: Scope,
        found: super::aside::SearchOutcome,
    ) -> bool {
        let current = matches!(&self.overlay, Some(Overlay::Search(search))
            if search.pending && search.query == query && search.scope == scope);
        if generation != self.generation || !current {
            return false;
        }
        let Some(found) = found else { return false };
        self.take_hits(Some(found));
        true
    }

    /// The hits of the query in the prompt, for choosing one: searched here and now if they
    /// are still to come; false while the index is being prepared.
    fn settle_search(&mut self) -> bool {
        if !self.busy() {
            return true;
        }
        if !self.index_ready() {
            return false;
        }
        self.take_hits(None);
        true
    }

    /// Pasted text: typed into the search prompt as text, never read as keys.
    pub fn paste(&mut self, text: &str) -> bool {
        self.update(super::Input::Paste(text.into()))
    }

    /// Pasted text into the prompt: control characters are dropped and line breaks become
    /// spaces. Ignored outside the prompt.
    pub(super) fn paste_text(&mut self, text: &str) -> bool {
        if !matches!(self.overlay, Some(Overlay::Search(_) | Overlay::GoTo(_) | Overlay::Filter(_))) {
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
        self.edit(|q| q.push_str(&clean));
        true
    }

    /// Changes what is typed in the open prompt, search or "go to", with `edit`.
    pub(super) fn edit(&mut self, edit: impl FnOnce(&mut String)) {
        match self.overlay {
            Some(Overlay::GoTo(_)) => self.edit_label(edit),
            Some(Overlay::GoToDate(_)) => self.edit_date(edit),
            Some(Overlay::Filter(_)) => self.edit_filter(edit),
            Some(Overlay::Help { .. }) => self.edit_help_find(edit),
            _ => self.edit_query(edit),
        }
    }

    /// Up and Down: through the hits, or through earlier queries in an empty prompt.
    pub(super) fn search_motion(&mut self, motion: Motion) {
        let Some(Overlay::Search(search)) = &mut self.overlay else { return };
        let recalling = search.recall.is_some() || search.query.is_empty();
        if recalling && matches!(motion, Motion::Prev | Motion::Next) && !self.searching.queries.is_empty() {
            let latest = self.searching.queries.len() - 1;
            search.recall = match (search.recall, motion) {
                (None, Motion::Prev) => Some(0),
                (Some(r), Motion::Prev) => Some((r + 1).min(latest)),
                (Some(0), _) | (None, _) => None,
                (Some(r), _) => Some(r - 1),
            };
            let recall = search.recall;
            search.query = recall.map(|r| self.searching.queries[latest - r].clone()).unwrap_or_default();
            search.after = 0;
            self.run_query();
            if let Some(Overlay::Search(search)) = &mut self.overlay {
                search.recall = recall;
            }
            return;
        }
        search.selected = motion.step(search.selected, 5, search.rows().saturating_sub(1));
    }

    /// Enter in the prompt: remembers the search and goes to the chosen hit.
    pub(super) fn choose_hit(&mut self) {
        if !self.settle_search() {
            if let Some(Overlay::Search(search)) = &mut self.overlay {
                search.go_when_ready = true;
            }
            self.notice = Some("preparing the search; the hit opens when it is ready".into());
            return;
        }
        let Some(Overlay::Search(search)) = &self.overlay else { return };
        let Some(hit) = search.chosen() else {
            self.notice = Some(format!("no hits for “{}”", search.query));
            return;
        };
        let (hits, at) = search.in_order();
        let (query, matcher) = (search.query.clone(), search.matcher.clone());
        if self.searching.queries.last() != Some(&query) {
            self.searching.queries.push(query.clone());
        }
        self.overlay = None;
        self.searching.highlight = Some(matcher.clone());
        self.searching.last = Some(LastSearch { query, hits, matcher, at });
        if self.list.order() == super::Order::Hits
            && let Some(hits) = self.hit_counts()
        {
            self.list.searched(hits);
        }
        self.go_to_hit(hit);
    }

    /// `n` and `N`: the next or previous hit of the last search, wrapping with a notice.
    pub(super) fn step_hit(&mut self, forward: bool) {
        let Some(last) = &mut self.searching.last else {
            self.notice = Some("no search yet: press / to search".into());
            return;
        };
        let count = last.hits.len();
        let (at, wrapped) = if forward {
            if last.at + 1 >= count { (0, true) } else { (last.at + 1, false) }
        } else if last.at == 0 {
            (count - 1, true)
        } else {
            (last.at - 1, false)
        };
        last.at = at;
        let hit = last.hits[at];
        self.searching.highlight = Some(last.matcher.clone());
        if wrapped {
            let end = if forward { "end" } else { "start" };
            let from = if forward { "first" } else { "last" };
            self.notice = Some(format!("search reached the {end}; back to the {from} hit"));
        }
        self.go_to_hit(hit);
    }

    /// Which hit of the last search the reader is on, and of how many: only while the page
    /// open (or, for an event, the event selected) is that hit's.
    pub fn on_hit(&self) -> Option<(usize, usize)> {
        let last = self.searching.last.as_ref()?;
        let hit = last.hits.get(last.at)?;
        let here = match hit.item {
            Item::Entry(e) => (self.reader.spot().page.entry, self.reader.spot().page.part) == (e, 0),
            Item::Clause(e, part) => (self.reader.spot().page.entry, self.reader.spot().page.part) == (e, part),
            Item::Event(v) => self.corpus.chronology.get(self.timeline.selected()) == Some(&v),
        };
        here.then_some((last.at, last.hits.len()))
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
        self.go_to(entry, part);
        self.scroll_to_highlight(hit);
    }

    /// Scrolls so that the first line with the query's words, in the part of the page that
    /// matched, is in view, a little below the top.
    fn scroll_to_highlight(&mut self, hit: Hit) {
        let Some(matcher) = &self.searching.highlight else { return };
        let in_body = matches!(
            (hit.item, hit.field),
            (Item::Entry(_), search::Field::Body(_) | search::Field::Source(_)) | (Item::Clause(..), _)
        );
        let height = self.detail_height();
        if self.reader.scroll_to_mark(&self.corpus, matcher, in_body, height) {
            self.sync();
        }
    }
}
