//! Work done on threads of their own, so that keys never wait for it: preparing the search
//! index (read back from where it was kept, or built and then kept), searching a large one,
//! and making the index of similar clauses. Each piece of work, when done, is sent to the
//! event loop as an event, on the channel every source of events feeds; the explorer's
//! state is not touched here.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread::JoinHandle;

use super::{App, Input};
use crate::keep::copy::Cache;
use crate::model::Corpus;
use crate::search::{self, Index, Scope};

/// How work done aside reaches the event loop: an event sent on its channel.
pub type Notify = Arc<dyn Fn(Input) + Send + Sync>;

/// The work under way "aside": on threads of its own, off the thread that answers keys,
/// each piece for one version of the corpus and handed back as an [`Input`].
pub struct Aside {
    notify: Notify,
    /// The corpus whose index is being prepared (by its generation), and what it was prepared
    /// by: each once it has handed its index over, then keeps it (waited for when the
    /// explorer ends, so that the next start finds it kept).
    indexing: Option<u64>,
    preparing: Vec<(JoinHandle<()>, Arc<AtomicBool>)>,
    searching: Option<Job>,
    /// The thread searches are made on, started with the first.
    searcher: Option<Sender<Task>>,
    /// Where the index of the corpus first opened (generation 0) is kept.
    kept: Option<Arc<Cache>>,
    /// That index being read since before the corpus was, and held to it.
    reading: Option<EarlyIndex>,
    /// The corpus whose index of similar clauses is being made, by its generation.
    similar: Option<u64>,
}

/// What is still to be kept of an index built, once it has been handed over.
struct ToKeep {
    /// Where it is kept.
    cache: Arc<Cache>,
    /// The corpus it was built for.
    corpus: Arc<Corpus>,
    /// Whether the index itself is still to be kept, or only what `search` shows of its hits
    /// (the index having been built where it is kept).
    whole: bool,
}

/// An index prepared, and what is still to be kept of it, if it was built.
struct Indexed {
    index: Index,
    keep: Option<ToKeep>,
}

/// What a search gives: its hits, or nothing if it was stopped.
pub type SearchOutcome = Option<search::Found>;

/// A search under way on the searching thread; told to stop when it is dropped, as its
/// query has changed or the prompt has closed.
struct Job {
    generation: u64,
    query: String,
    scope: Scope,
    stop: Arc<AtomicBool>,
}

/// A search for the searching thread to make.
struct Task {
    generation: u64,
    index: Arc<Index>,
    query: String,
    scope: Scope,
    stop: Arc<AtomicBool>,
}

impl Job {
    /// Asks the searching thread (started if there is none, or again if it has gone) to
    /// search `index` for `query` in `scope`, and send what it found (or, told to stop,
    /// nothing) through `notify`.
    fn start(
        searcher: &mut Option<Sender<Task>>,
        notify: &Notify,
        generation: u64,
        index: Arc<Index>,
        query: String,
        scope: Scope,
    ) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let mut task = Task { generation, index, query: query.clone(), scope, stop: Arc::clone(&stop) };
        for _ in 0..2 {
            let sender = searcher.get_or_insert_with(|| start_searcher(notify));
            match sender.send(task) {
                Ok(()) => break,
                Err(std::sync::mpsc::SendError(back)) => (*searcher, task) = (None, back),
            }
        }
        Self { generation, query, scope, stop }
    }
}

/// The thread that searches, one search after another, each sent on `tasks`, until the
/// sender is dropped: one thread for all, waiting for the next, as a thread started for
/// each search took a millisecond to begin (200×50, 100,000 entries, two cores).
fn start_searcher(notify: &Notify) -> Sender<Task> {
    let (sender, tasks) = std::sync::mpsc::channel::<Task>();
    let notify = Arc::clone(notify);
    std::thread::spawn(move || {
        for Task { generation, index, query, scope, stop } in tasks {
            let found = index.search_until(&query, scope, &stop);
            notify(Input::Searched { generation, query, scope, found });
        }
    });
    sender
}

impl Drop for Job {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Aside {
    /// Work aside whose results `notify` sends on; it reads the search index of the corpus
    /// first opened from `cache` when it is kept there, and keeps it there once built.
    pub fn keeping(cache: Option<Cache>, notify: Notify) -> Self {
        Self::reading(cache.map(|cache| (cache, None)), notify)
    }

    /// Like [`Aside::keeping`], the index being read already and held to the corpus by
    /// `reading` (see [`read_early`] and [`fit_early`]).
    pub fn reading(kept: Option<(Cache, Option<EarlyIndex>)>, notify: Notify) -> Self {
        let (kept, reading) = kept.map_or((None, None), |(cache, reading)| (Some(Arc::new(cache)), reading));
        Self {
            notify,
            indexing: None,
            preparing: Vec::new(),
            searching: None,
            searcher: None,
            kept,
            reading,
            similar: None,
        }
    }

    /// Starts the work `app` waits for and that is not under way; a search no longer wanted
    /// is told to stop (it gives up at the next block of text it would read).
    pub fn follow(&mut self, app: &App) {
        let wanted = app.wanted();
        if let Some(corpus) = wanted.index
            && self.indexing != Some(wanted.generation)
        {
            let (generation, first) = (wanted.generation, wanted.generation == 0);
            let kept = self.kept.as_ref().filter(|_| first).map(Arc::clone);
            let reading = self.reading.take().filter(|_| first);
            let (handed, notify) = (Arc::new(AtomicBool::new(false)), Arc::clone(&self.notify));
            let told = Arc::clone(&handed);
            // The names the list's filter looks in and the order of titles too, on a short
            // thread of their own, so that the first `f` or `s` does not wait for them.
            let (named, for_names) = (Arc::clone(&self.notify), Arc::clone(&corpus));
            std::thread::spawn(move || {
                let names = super::filter::names(&for_names);
                let titles = super::filter::title_ranks(&names);
                named(Input::Named { generation, names, titles })
            });
            let thread = std::thread::spawn(move || {
                let Indexed { index, keep } = index(corpus, kept, reading);
                let index = Arc::new(index);
                notify(Input::Indexed { generation, index: Arc::clone(&index) });
                told.store(true, Ordering::SeqCst);
                // An index that cannot be kept is built again next time.
                if let Some(ToKeep { cache, corpus, whole }) = keep {
                    if whole {
                        drop(cache.save_index(&index, &corpus))
                    } else {
                        drop(cache.keep_shown(&index, &corpus))
                    }
                }
            });
            self.indexing = Some(generation);
            self.preparing.retain(|(thread, _)| !thread.is_finished());
            self.preparing.push((thread, handed));
        }
        let current = |job: &Job| {
            wanted.search.as_ref().is_some_and(|(query, scope, _)| {
                job.generation == wanted.generation && &job.query == query && job.scope == *scope
            })
        };
        if self.searching.as_ref().is_some_and(|job| !current(job)) {
            self.searching = None;
        }
        if self.searching.is_none()
            && let Some((query, scope, index)) = wanted.search
        {
            self.searching = Some(Job::start(&mut self.searcher, &self.notify, wanted.generation, index, query, scope));
        }
        if let Some(corpus) = wanted.similar
            && self.similar != Some(wanted.generation)
        {
            // Read back where the corpus first opened is kept, or made and kept there.
            let generation = wanted.generation;
            let kept = self.kept.as_ref().filter(|_| generation == 0).map(Arc::clone);
            let notify = Arc::clone(&self.notify);
            std::thread::spawn(move || {
                let similar = match kept.as_ref().and_then(|cache| cache.load_similar(&corpus)) {
                    Some(similar) => similar,
                    None => {
                        let similar = crate::compare::similar::Similar::new(&corpus);
                        // Not kept, it is made again next time.
                        if let Some(cache) = kept {
                            let _ = cache.save_similar(&similar, &corpus);
                        }
                        similar
                    }
                };
                notify(Input::Similar { generation, similar: Arc::new(similar) });
            });
            self.similar = Some(generation);
        }
    }
}

/// Work aside whose results wait on a channel of their own until they are asked for: the
/// explorer driven without its event loop, by the tests and the benchmarks.
pub struct ByHand {
    pub aside: Aside,
    done: std::sync::mpsc::Receiver<Input>,
}

impl ByHand {
    /// Work aside as [`Aside::reading`] makes it.
    pub fn new(kept: Option<(Cache, Option<EarlyIndex>)>) -> Self {
        let (sender, done) = std::sync::mpsc::channel();
        let notify: Notify = Arc::new(move |event| drop(sender.send(event)));
        Self { aside: Aside::reading(kept, notify), done }
    }

    /// What the event loop does between keys: starts the work `app` waits for, and hands
    /// over what has come back meanwhile.
    pub fn between_keys(&mut self, app: &mut App) {
        self.aside.follow(app);
        for event in self.done.try_iter() {
            app.update(event);
        }
        self.aside.follow(app);
    }

    /// Hands the work over, as it comes back, until `app` waits for none; fails after two
    /// minutes rather than wait for ever on work that never ends or keeps starting more.
    pub fn settle(&mut self, app: &mut App) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        loop {
            self.aside.follow(app);
            if !app.waits() {
                return;
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let event = self.done.recv_timeout(left).expect("the work aside is done within two minutes");
            app.update(event);
        }
    }
}

/// Starts reading the search index kept in `cache`, to be held to the corpus once the
/// corpus is read ([`fit_early`]): for a large corpus opened from its kept copy, whose index
/// is then ready about as soon as the corpus is.
pub fn read_early(cache: &Cache) -> JoinHandle<Option<Index>> {
    let cache = cache.clone();
    std::thread::spawn(move || cache.read_index())
}

/// A kept index read early, once it is found to fit the corpus first opened (`None` when
/// it could not be read, or does not fit).
#[derive(Debug)]
pub struct EarlyIndex(JoinHandle<Option<Index>>);

/// Holds the index `reading` reads to `corpus` (the corpus first opened) on a thread of its
/// own, as soon as the corpus is read: while the explorer lays out its first frame, rather
/// than after.
pub fn fit_early(reading: JoinHandle<Option<Index>>, corpus: Arc<Corpus>) -> EarlyIndex {
    EarlyIndex(std::thread::spawn(move || reading.join().ok().flatten().filter(|index| index.is_index_of(&corpus))))
}

/// The index of `corpus`: as `reading` read it from `kept` (and found it fits) or read back
/// from there now, or built (where it is kept, when it can be), with what is still to be
/// kept once it has been handed over.
fn index(corpus: Arc<Corpus>, kept: Option<Arc<Cache>>, reading: Option<EarlyIndex>) -> Indexed {
    let indexed = found_or_built(corpus, kept, reading);
    indexed.index.prepare();
    indexed
}

/// The index of `corpus`, as [`index`] gives it, not yet prepared for searching.
fn found_or_built(corpus: Arc<Corpus>, kept: Option<Arc<Cache>>, reading: Option<EarlyIndex>) -> Indexed {
    let read = match reading {
        Some(EarlyIndex(fitting)) => fitting.join().ok().flatten(),
        None => kept.as_ref().and_then(|cache| cache.load_index(&corpus)),
    };
    if let Some(index) = read {
        return Indexed { index, keep: None };
    }
    // Built where it is kept, and read back, it holds its postings once while it is built.
    if let Some(index) = kept.as_ref().and_then(|cache| cache.build_index(&corpus)) {
        return Indexed { index, keep: kept.map(|cache| ToKeep { cache, corpus, whole: false }) };
    }
    // With nothing kept, a large one is made through a file all the same, for its memory.
    let items = corpus.entries.iter().map(|e| 1 + e.clauses.len()).sum::<usize>() + corpus.events.len();
    let aside = (items >= ASIDE_FROM_ITEMS).then(|| Cache::build_index_aside(&corpus)).flatten();
    let index = aside.unwrap_or_else(|| Index::new(&corpus));
    Indexed { index, keep: kept.map(|cache| ToKeep { cache, corpus, whole: true }) }
}

/// From how many items (entries, their parts and events) an index made when nothing is
/// kept is made through a file: about a corpus file of 10 MB.
const ASIDE_FROM_ITEMS: usize = 50_000;

impl Drop for Aside {
    /// Waits for the indexes handed over and being kept; not for one still being made.
    fn drop(&mut self) {
        for (thread, handed) in self.preparing.drain(..) {
            if handed.load(Ordering::SeqCst) {
                let _ = thread.join();
            }
        }
    }
}

/// What the explorer waits for from work done aside, as [`App::wanted`] tells it.
pub struct Wanted {
    /// Which corpus the work is for.
    pub generation: u64,
    /// The corpus to prepare the search index of.
    pub index: Option<Arc<crate::model::Corpus>>,
    /// The query to search for, where, and the index to search.
    pub search: Option<(String, Scope, Arc<search::Index>)>,
    /// The corpus to build the index of similar clauses of.
    pub similar: Option<Arc<crate::model::Corpus>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Overlay};

    /// The index the explorer makes aside for `corpus`, keeping it in `cache`.
    fn indexed(corpus: Corpus, cache: &Cache) -> App {
        let mut app = App::new(corpus);
        app.prepare_search();
        ByHand::new(Some((cache.clone(), None))).settle(&mut app);
        app
    }

    /// A generated corpus in a file left alone long enough to be kept, with where it is kept.
    fn kept_corpus() -> (tempfile::TempDir, String, Cache) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("corpus.ron");
        let text = crate::synth::corpus(8, 300);
        std::fs::write(&file, &text).unwrap();
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options().write(true).open(&file).unwrap().set_modified(an_hour_ago).unwrap();
        let cache = Cache::at(dir.path().join("c.corpus"), &file).unwrap();
        (dir, text, cache)
    }

    #[test]
    fn the_index_is_kept_once_built_and_read_back_rather_than_built_again() {
        let (dir, text, cache) = kept_corpus();
        let load = || crate::read::load_str(&text).unwrap();
        let app = indexed(load(), &cache);
        assert!(app.searching().index().is_some() && dir.path().join("c.index").exists(), "built and kept");
        // An index kept for a corpus of the same shape but another word: found only if the
        // kept index is what the explorer searches.
        let mut planted = load();
        planted.entries[7].summary = crate::model::Text { plain: "Zanzibarx.".into(), links: Box::default() };
        cache.save_index(&Index::new(&planted), &planted).unwrap();
        let app = indexed(load(), &cache);
        let hits = app.searching().index().unwrap().search("zanzibarx").hits;
        assert_eq!(hits.len(), 1, "the kept index was read, not built again");
    }

    #[test]
    fn an_index_read_early_is_searched_when_it_fits_the_corpus_and_built_anew_when_not() {
        let (_dir, text, cache) = kept_corpus();
        let load = || crate::read::load_str(&text).unwrap();
        // Kept for a corpus of the same shape but another word: found only if the kept
        // index is what the explorer searches.
        let mut planted = load();
        planted.entries[7].summary = crate::model::Text { plain: "Zanzibarx.".into(), links: Box::default() };
        cache.save_index(&Index::new(&planted), &planted).unwrap();
        let early = |corpus: Corpus| {
            let corpus = Arc::new(corpus);
            let fitted = fit_early(read_early(&cache), Arc::clone(&corpus));
            let mut app = App::new(corpus);
            app.prepare_search();
            ByHand::new(Some((cache.clone(), Some(fitted)))).settle(&mut app);
            app.searching().index().expect("indexed").search("zanzibarx").hits.len()
        };
        assert_eq!(early(load()), 1, "the index read early was searched");
        // A corpus it does not fit (an entry more): its own index is built instead.
        let mut grown = load();
        grown.entries.push(crate::read::load_str(&text).unwrap().entries.remove(0));
        grown.entries.last_mut().unwrap().id = "one-more".into();
        assert_eq!(early(grown), 0, "built anew, not the kept one");
    }

    #[test]
    fn similar_clauses_are_kept_once_made_and_read_back_rather_than_made_again() {
        let (dir, text, cache) = kept_corpus();
        let corpus = crate::read::load_str(&text).unwrap();
        let treaty = corpus.entries.iter().position(|e| e.clauses.len() > 1).unwrap();
        let listed = |cache: &Cache| {
            let mut app = App::new(crate::read::load_str(&text).unwrap());
            app.start_at(treaty, 2);
            app.update(Action::Compare);
            if !matches!(&app.overlay, Some(Overlay::Compare(c)) if c.similar.is_some()) {
                app.update(Action::Similar);
            }
            ByHand::new(Some((cache.clone(), None))).settle(&mut app);
            match &app.overlay {
                Some(Overlay::Compare(c)) => c.similar.as_ref().and_then(|l| l.hits.clone()).expect("listed"),
                _ => panic!("the comparison closed"),
            }
        };
        let made = listed(&cache);
        assert!(!made.is_empty() && dir.path().join("c.similar").exists(), "made and kept");
        let made_again = crate::compare::similar::Similar::new(&corpus);
        assert_eq!(cache.load_similar(&corpus).as_ref(), Some(&made_again), "what was kept is what was made");
        // Read back the next time, not made and written again: the kept file is untouched.
        let kept = dir.path().join("c.similar");
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options().write(true).open(&kept).unwrap().set_modified(an_hour_ago).unwrap();
        assert_eq!(listed(&cache), made, "read back, it lists the same");
        let modified = std::fs::metadata(&kept).unwrap().modified().unwrap();
        assert!(modified <= an_hour_ago + std::time::Duration::from_secs(1), "not written again");
    }

    #[test]
    fn enter_pressed_before_the_index_is_ready_goes_to_the_hit_once_it_is() {
        let mut app = App::new(crate::read::bundled().expect("the bundled corpus loads"));
        app.prepare_search();
        app.update(Action::Search);
        for c in "orzel".chars() {
            app.update(Action::Type(c));
        }
        app.update(Action::Open);
        assert!(app.searching().index().is_none() && matches!(app.overlay, Some(Overlay::Search(_))), "still waiting");
        assert!(app.notice.as_deref().is_some_and(|n| n.contains("opens when it is ready")));
        ByHand::new(None).settle(&mut app);
        assert!(app.overlay.is_none(), "the prompt closed on its way to the hit");
        assert_eq!(app.corpus.entries[app.spot().page.entry].id.as_str(), "orzel-incident");
        assert_eq!(app.notice, None);
    }

    #[test]
    fn a_search_whose_query_has_changed_is_told_to_stop() {
        let mut app = App::new(crate::read::bundled().expect("the bundled corpus loads"));
        app.search_aside_from(0);
        app.update(Action::Search);
        for c in "liep".chars() {
            app.update(Action::Type(c));
        }
        let mut by_hand = ByHand::new(None);
        by_hand.aside.follow(&app);
        let stop = Arc::clone(&by_hand.aside.searching.as_ref().expect("a search under way").stop);
        assert!(!stop.load(Ordering::Relaxed));
        app.update(Action::Type('a'));
        by_hand.aside.follow(&app);
        assert!(stop.load(Ordering::Relaxed), "the search for \"liep\" is told to stop");
        // Its hits are not shown; those of the query as it now stands are.
        by_hand.settle(&mut app);
        let Some(Overlay::Search(search)) = &app.overlay else { panic!("the prompt is open") };
        let expected = app.searching().index().expect("the index is ready").search("liepa");
        assert_eq!((search.query.as_str(), &search.hits), ("liepa", &expected.hits));
    }

    /// Searches are made one after another on one thread; if it has gone (ended in a
    /// panic), the next search starts another rather than leaving the prompt waiting.
    #[test]
    fn a_search_is_answered_though_the_searching_thread_has_gone() {
        let mut app = App::new(crate::read::bundled().expect("the bundled corpus loads"));
        app.search_aside_from(0);
        app.update(Action::Search);
        let mut by_hand = ByHand::new(None);
        let (gone, _) = std::sync::mpsc::channel();
        by_hand.aside.searcher = Some(gone);
        for c in "ulmanis".chars() {
            app.update(Action::Type(c));
        }
        by_hand.settle(&mut app);
        let Some(Overlay::Search(search)) = &app.overlay else { panic!("the prompt is open") };
        assert!(!search.pending && !search.hits.is_empty(), "the hits for \"ulmanis\" are shown");
    }

    /// The list's filter finds its names made aside: the first key typed into `f` does not
    /// make them.
    #[test]
    fn the_names_the_list_filters_on_are_made_aside() {
        let mut app = App::new(crate::read::bundled().expect("the bundled corpus loads"));
        app.prepare_search();
        let mut by_hand = ByHand::new(None);
        by_hand.aside.follow(&app);
        let named = loop {
            match by_hand.done.recv_timeout(std::time::Duration::from_secs(60)).expect("the names come") {
                named @ Input::Named { .. } => break named,
                other => drop(app.update(other)),
            }
        };
        assert!(app.list().names_made().is_none(), "nothing made them here");
        app.update(named);
        assert_eq!(app.list().names_made(), Some(app.corpus().entries.len()));
        app.update(Action::Filter);
        for c in "molotov".chars() {
            app.update(Action::Type(c));
        }
        let molotov = app.corpus().find("molotov").unwrap();
        assert!(app.list().entries().contains(&molotov) && app.list().entries().len() < 5, "the names filter");
    }

    /// Work on a corpus since replaced (a file read again) is dropped when it comes back.
    #[test]
    fn work_for_an_earlier_corpus_is_dropped() {
        let mut app = App::new(crate::read::bundled().expect("the bundled corpus loads"));
        app.search_aside_from(0);
        app.prepare_search();
        let mut by_hand = ByHand::new(None);
        by_hand.aside.follow(&app);
        assert_eq!(by_hand.aside.indexing, Some(0), "the index is prepared aside");
        app.reload(crate::read::bundled(), "treaty.ron");
        // The index of the corpus before comes back, and is not taken; nor are its names.
        let back = || by_hand.done.recv_timeout(std::time::Duration::from_secs(60)).expect("it comes back");
        let (mut earlier, mut names) = (None, None);
        while earlier.is_none() || names.is_none() {
            match back() {
                index @ Input::Indexed { generation: 0, .. } => earlier = Some(index),
                named @ Input::Named { generation: 0, .. } => names = Some(named),
                other => panic!("only the work for the corpus before: {other:?}"),
            }
        }
        app.update(names.unwrap());
        assert!(app.list().names_made().is_none(), "names of the corpus before are not taken");
        app.update(earlier.unwrap());
        assert!(app.searching().index().is_none(), "an index of the corpus before is not taken");
        by_hand.settle(&mut app);
        assert!(app.searching().index().is_some(), "the corpus as it now stands is prepared");
    }
}
