//! Work done on threads of their own, so that keys never wait for it: preparing the search
//! index (read back from where it was kept, or built and then kept), and searching a large
//! one. The event loop starts what the explorer waits for and hands back what is done as
//! events; the explorer's state is not touched here.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use super::{App, Event};
use crate::keep::copy::Cache;
use crate::model::Corpus;
use crate::search::{self, Index, Scope};

/// The work under way.
#[derive(Debug, Default)]
pub struct Aside {
    indexing: Option<(u64, JoinHandle<Indexed>)>,
    searching: Option<Job>,
    /// Where the index of the corpus first opened (generation 0) is kept.
    kept: Option<Arc<Cache>>,
    /// That index being read since before the corpus was, and held to it.
    reading: Option<Early>,
    /// An index built being kept, after it was handed over (waited for when the explorer
    /// ends, once the terminal is restored).
    keeping: Option<JoinHandle<()>>,
    /// The index of similar clauses being built, for the corpus of a generation.
    similar: Option<(u64, JoinHandle<crate::compare::similar::Similar>)>,
}

/// Where to keep an index built, the corpus it was built for, and whether the index itself
/// is still to be kept (or only what `search` shows of its hits).
type Keep = (Arc<Cache>, Arc<Corpus>, bool);

/// An index prepared, and where to keep it if it was built.
type Indexed = (Index, Option<Keep>);

/// What a search gives: its hits, or nothing if it was stopped.
pub type Found = Option<search::Found>;

/// A search running on a thread of its own; told to stop when it is dropped, as its query
/// has changed or the prompt has closed.
#[derive(Debug)]
struct Job {
    generation: u64,
    query: String,
    scope: Scope,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<Found>>,
}

impl Job {
    fn start(generation: u64, index: Arc<Index>, query: String, scope: Scope) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let (asked, told) = (query.clone(), Arc::clone(&stop));
        let thread = std::thread::spawn(move || index.search_until(&asked, scope, &told));
        Self { generation, query, scope, stop, thread: Some(thread) }
    }

    fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(JoinHandle::is_finished)
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Aside {
    /// Work aside that reads the search index of the corpus first opened from `cache` when
    /// it is kept there, and keeps it there once built.
    pub fn keeping(cache: Option<Cache>) -> Self {
        Self::reading(cache.map(|cache| (cache, None)))
    }

    /// Like [`Aside::keeping`], the index being read already and held to the corpus by
    /// `reading` (see [`read_early`] and [`fit_early`]).
    pub fn reading(kept: Option<(Cache, Option<Early>)>) -> Self {
        let (kept, reading) = kept.map_or((None, None), |(cache, reading)| (Some(Arc::new(cache)), reading));
        Self { indexing: None, searching: None, kept, reading, keeping: None, similar: None }
    }

    /// Starts the work `app` waits for; a search no longer wanted is told to stop (it gives
    /// up at the next block of text it would read).
    pub fn follow(&mut self, app: &App) {
        let wanted = app.wanted();
        if let Some(corpus) = wanted.index
            && self.indexing.as_ref().is_none_or(|(generation, _)| *generation != wanted.generation)
        {
            let first = wanted.generation == 0;
            let kept = self.kept.as_ref().filter(|_| first).map(Arc::clone);
            let reading = self.reading.take().filter(|_| first);
            self.indexing = Some((wanted.generation, std::thread::spawn(move || index(corpus, kept, reading))));
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
            self.searching = Some(Job::start(wanted.generation, index, query, scope));
        }
        if let Some(corpus) = wanted.similar
            && self.similar.as_ref().is_none_or(|(generation, _)| *generation != wanted.generation)
        {
            // Read back where the corpus first opened is kept, or made and kept there.
            let kept = self.kept.as_ref().filter(|_| wanted.generation == 0).map(Arc::clone);
            let build = std::thread::spawn(move || {
                if let Some(similar) = kept.as_ref().and_then(|cache| cache.load_similar(&corpus)) {
                    return similar;
                }
                let similar = crate::compare::similar::Similar::new(&corpus);
                // Not kept, it is made again next time.
                if let Some(cache) = kept {
                    let _ = cache.save_similar(&similar, &corpus);
                }
                similar
            });
            self.similar = Some((wanted.generation, build));
        }
    }

    /// Whether work is under way (the loop then looks up from the keys every few
    /// milliseconds to hand it over as soon as it is done).
    pub fn busy(&self) -> bool {
        self.indexing.is_some() || self.searching.is_some() || self.similar.is_some()
    }

    /// The work that has finished since last asked, as events.
    pub fn done(&mut self) -> Vec<Event> {
        let mut done = Vec::new();
        if self.indexing.as_ref().is_some_and(|(_, thread)| thread.is_finished())
            && let Some((generation, thread)) = self.indexing.take()
        {
            let (index, keep) = thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let index = Arc::new(index);
            if let Some((cache, corpus, whole)) = keep {
                let index = Arc::clone(&index);
                // An index that cannot be kept is built again next time.
                let keeping = std::thread::spawn(move || match whole {
                    true => drop(cache.save_index(&index, &corpus)),
                    false => drop(cache.keep_shown(&index, &corpus)),
                });
                self.keeping.replace(keeping).map(JoinHandle::join);
            }
            done.push(Event::Indexed { generation, index });
        }
        if self.similar.as_ref().is_some_and(|(_, thread)| thread.is_finished())
            && let Some((generation, thread)) = self.similar.take()
        {
            let similar = thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            done.push(Event::Similar { generation, similar: Arc::new(similar) });
        }
        if self.searching.as_ref().is_some_and(Job::is_finished)
            && let Some(mut job) = self.searching.take()
        {
            let found = job.thread.take().and_then(|thread| thread.join().ok()).flatten();
            let (query, scope) = (std::mem::take(&mut job.query), job.scope);
            done.push(Event::Searched { generation: job.generation, query, scope, found });
        }
        done
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
pub struct Early(JoinHandle<Option<Index>>);

/// Holds the index `reading` reads to `corpus` (the corpus first opened) on a thread of its
/// own, as soon as the corpus is read: while the explorer lays out its first frame, rather
/// than after.
pub fn fit_early(reading: JoinHandle<Option<Index>>, corpus: Arc<Corpus>) -> Early {
    Early(std::thread::spawn(move || reading.join().ok().flatten().filter(|index| index.fits(&corpus))))
}

/// The index of `corpus`: as `reading` read it from `kept` (and found it fits) or read back
/// from there now, or built (where it is kept, when it can be), with what is still to be
/// kept once it has been handed over.
fn index(corpus: Arc<Corpus>, kept: Option<Arc<Cache>>, reading: Option<Early>) -> Indexed {
    let (index, keep) = found_or_built(corpus, kept, reading);
    index.prepare();
    (index, keep)
}

/// The index of `corpus`, as [`index`] gives it, not yet prepared for searching.
fn found_or_built(corpus: Arc<Corpus>, kept: Option<Arc<Cache>>, reading: Option<Early>) -> Indexed {
    let read = match reading {
        Some(Early(fitting)) => fitting.join().ok().flatten(),
        None => kept.as_ref().and_then(|cache| cache.load_index(&corpus)),
    };
    if let Some(index) = read {
        return (index, None);
    }
    // Built where it is kept, and read back, it holds its postings once while it is built.
    if let Some(index) = kept.as_ref().and_then(|cache| cache.build_index(&corpus)) {
        return (index, kept.map(|cache| (cache, corpus, false)));
    }
    (Index::new(&corpus), kept.map(|cache| (cache, corpus, true)))
}

impl Drop for Aside {
    fn drop(&mut self) {
        if let Some(keeping) = self.keeping.take() {
            let _ = keeping.join();
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

    /// Hands the work done over to the explorer until it waits for none.
    fn settle(app: &mut App, aside: &mut Aside) {
        while app.busy() || aside.busy() {
            aside.follow(app);
            for event in aside.done() {
                app.update(event);
            }
            std::thread::yield_now();
        }
    }

    /// The index the explorer makes aside for `corpus`, keeping it in `cache`.
    fn indexed(corpus: Corpus, cache: &Cache) -> App {
        let mut app = App::new(corpus);
        app.prepare_search();
        let mut aside = Aside::keeping(Some(cache.clone()));
        aside.follow(&app);
        settle(&mut app, &mut aside);
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
        assert!(app.index.is_some() && dir.path().join("c.index").exists(), "built and kept");
        // An index kept for a corpus of the same shape but another word: found only if the
        // kept index is what the explorer searches.
        let mut planted = load();
        planted.entries[7].summary = crate::model::Text { plain: "Zanzibarx.".into(), links: Box::default() };
        cache.save_index(&Index::new(&planted), &planted).unwrap();
        let app = indexed(load(), &cache);
        let hits = app.index.as_ref().unwrap().search("zanzibarx").hits;
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
            let mut aside = Aside::reading(Some((cache.clone(), Some(fitted))));
            aside.follow(&app);
            settle(&mut app, &mut aside);
            app.index.as_ref().expect("indexed").search("zanzibarx").hits.len()
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
            let mut aside = Aside::keeping(Some(cache.clone()));
            aside.follow(&app);
            settle(&mut app, &mut aside);
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
        assert!(app.index.is_none() && matches!(app.overlay, Some(Overlay::Search(_))), "still waiting");
        assert!(app.notice.as_deref().is_some_and(|n| n.contains("opens when it is ready")));
        let mut aside = Aside::default();
        aside.follow(&app);
        settle(&mut app, &mut aside);
        assert!(app.overlay.is_none(), "the prompt closed on its way to the hit");
        assert_eq!(app.corpus.entries[app.place.page.entry].id.as_str(), "orzel-incident");
        assert_eq!(app.notice, None);
    }

    #[test]
    fn a_search_whose_query_has_changed_is_told_to_stop() {
        let mut app = App::new(crate::read::bundled().expect("the bundled corpus loads"));
        app.search_aside_from = 0;
        app.update(Action::Search);
        for c in "liep".chars() {
            app.update(Action::Type(c));
        }
        let mut aside = Aside::default();
        aside.follow(&app);
        let stop = Arc::clone(&aside.searching.as_ref().expect("a search under way").stop);
        assert!(!stop.load(Ordering::Relaxed));
        app.update(Action::Type('a'));
        aside.follow(&app);
        assert!(stop.load(Ordering::Relaxed), "the search for \"liep\" is told to stop");
        // Its hits are not shown; those of the query as it now stands are.
        settle(&mut app, &mut aside);
        let Some(Overlay::Search(search)) = &app.overlay else { panic!("the prompt is open") };
        let expected = app.index.as_ref().expect("the index is ready").search("liepa");
        assert_eq!((search.query.as_str(), &search.hits), ("liepa", &expected.hits));
    }

    /// Work on a corpus since replaced (a file read again) is dropped when it comes back.
    #[test]
    fn work_for_an_earlier_corpus_is_dropped() {
        let mut app = App::new(crate::read::bundled().expect("the bundled corpus loads"));
        app.search_aside_from = 0;
        app.prepare_search();
        let mut aside = Aside::default();
        aside.follow(&app);
        assert!(aside.busy(), "the index is prepared aside");
        app.reload(crate::read::bundled(), "treaty.ron");
        while aside.indexing.as_ref().is_some_and(|(generation, _)| *generation < app.generation) {
            for event in aside.done() {
                app.update(event);
            }
            std::thread::yield_now();
        }
        assert!(app.index.is_none(), "an index of the corpus before is not taken");
        aside.follow(&app);
        settle(&mut app, &mut aside);
        assert!(app.index.is_some(), "the corpus as it now stands is prepared");
    }
}
