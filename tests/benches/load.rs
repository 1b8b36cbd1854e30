//! Loading and the explorer's work at scale: load and validate, the first frame, rendering
//! the busiest screen, following a link and back, opening the longest entry, reading the
//! longest treaty, and a collection of 450 treaties from its file.
//! `cargo bench --bench load`.

use std::sync::LazyLock;

use divan::Bencher;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use treaty_tui::app::{Action, App, Motion, Pane};
use treaty_tui::keep::copy::Cache;
use treaty_tui::read::load::{BUNDLED, load_file, load_str};

fn main() {
    divan::main();
    let _ = std::fs::remove_dir_all(bench_dir());
}

/// Where the benchmarks keep a corpus file and its kept copy while they run.
fn bench_dir() -> std::path::PathBuf {
    std::env::temp_dir().join("treaty-tui-bench")
}

static TEN_THOUSAND: LazyLock<String> = LazyLock::new(|| treaty_tui::synth::corpus(1, 10_000));
static HUNDRED_THOUSAND: LazyLock<String> = LazyLock::new(|| treaty_tui::synth::corpus(1, 100_000));

fn text(size: &str) -> &'static str {
    match size {
        "bundled" => BUNDLED,
        "10k" => &TEN_THOUSAND,
        _ => &HUNDRED_THOUSAND,
    }
}

#[divan::bench(args = ["bundled", "10k", "100k"], sample_count = 5)]
fn load_and_validate(bencher: Bencher, size: &str) {
    let text = text(size);
    // The corpus is returned, so that freeing it is not timed.
    bencher.bench(|| load_str(text).expect("valid"));
}

/// From the corpus's text to the first frame drawn at 200×50.
#[divan::bench(args = ["bundled", "10k", "100k"], sample_count = 5)]
fn first_frame(bencher: Bencher, size: &str) {
    let text = text(size);
    bencher.bench(|| {
        let mut app = App::new(load_str(text).expect("valid"));
        app.update(Action::Resize(200, 50));
        let mut buf = Buffer::empty(Rect::new(0, 0, 200, 50));
        treaty_tui::ui::render(buf.area, &mut buf, &app, &treaty_tui::ui::theme::COLOUR);
        // Returned, so that freeing it is not timed (the explorer never frees it).
        (app, buf)
    });
}

static BUNDLED_APP: LazyLock<App> = LazyLock::new(|| app(BUNDLED));
static LARGE_APP: LazyLock<App> = LazyLock::new(|| app(&HUNDRED_THOUSAND));

fn app(text: &str) -> App {
    let mut app = App::new(load_str(text).expect("valid"));
    app.update(Action::Resize(200, 50));
    app
}

fn app_for(size: &str) -> &'static App {
    if size == "bundled" { &BUNDLED_APP } else { &LARGE_APP }
}

/// The busiest screen: the treaty with its tabs, the list, the timeline, at 200×50.
#[divan::bench(args = ["bundled", "100k"])]
fn render_200_by_50(bencher: Bencher, size: &str) {
    let app = app_for(size);
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 50));
    bencher.bench_local(|| treaty_tui::ui::render(buf.area, &mut buf, app, &treaty_tui::ui::theme::COLOUR));
}

/// One key handled and the screen redrawn: the list moves down.
#[divan::bench(args = ["bundled", "100k"])]
fn keystroke_and_redraw(bencher: Bencher, size: &str) {
    let mut app = app(if size == "bundled" { BUNDLED } else { &HUNDRED_THOUSAND });
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 50));
    bencher.bench_local(|| {
        app.update(Action::Move(Motion::Next));
        treaty_tui::ui::render(buf.area, &mut buf, &app, &treaty_tui::ui::theme::COLOUR);
    });
}

/// Following a link and going back, with both screens drawn.
#[divan::bench(args = ["bundled", "100k"])]
fn follow_a_link_and_back(bencher: Bencher, size: &str) {
    let mut app = app(if size == "bundled" { BUNDLED } else { &HUNDRED_THOUSAND });
    app.update(Action::Focus(Pane::Detail));
    app.update(Action::NextLink);
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 50));
    bencher.bench_local(|| {
        app.update(Action::Open);
        treaty_tui::ui::render(buf.area, &mut buf, &app, &treaty_tui::ui::theme::COLOUR);
        app.update(Action::Back);
        treaty_tui::ui::render(buf.area, &mut buf, &app, &treaty_tui::ui::theme::COLOUR);
    });
}

/// Opening the entry with the longest body, drawn.
#[divan::bench(args = ["bundled", "100k"])]
fn open_the_longest_entry(bencher: Bencher, size: &str) {
    let mut app = app(if size == "bundled" { BUNDLED } else { &HUNDRED_THOUSAND });
    let longest = (0..app.corpus().entries.len())
        .max_by_key(|&e| app.corpus().entries[e].body.iter().map(|p| p.plain.len()).sum::<usize>())
        .unwrap();
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 50));
    bencher.bench_local(|| {
        app.start_at(longest, 0);
        treaty_tui::ui::render(buf.area, &mut buf, &app, &treaty_tui::ui::theme::COLOUR);
        app.start_at(0, 0);
    });
}

/// The 100,000-entry corpus with its longest treaty (1,000 articles in 60 chapters) open at
/// its overview, at 200×50.
static LONG_TREATY: LazyLock<std::sync::Mutex<(App, usize)>> = LazyLock::new(|| {
    let app = app(&HUNDRED_THOUSAND);
    let longest = (0..app.corpus().entries.len()).max_by_key(|&e| app.corpus().entries[e].clauses.len()).unwrap();
    std::sync::Mutex::new((app, longest))
});

/// Reading the longest treaty of the 100,000-entry corpus at 200×50, each with its redraw:
/// opening it; `]` to the next article; `}` to the next chapter; `:` and a label and Enter
/// (the first time in a treaty, when its places are gathered, and after).
#[divan::bench(args = ["open", "next article", "next chapter", "jump by label", "first jump by label"])]
fn the_longest_treaty(bencher: Bencher, what: &str) {
    let mut guard = LONG_TREATY.lock().unwrap();
    let (app, longest) = &mut *guard;
    let longest = *longest;
    let parts = app.corpus().entries[longest].clauses.len();
    let labels = treaty_tui::model::address::suffixes(&app.corpus().entries[longest]);
    app.start_at(longest, 1);
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 50));
    let mut n = 0;
    let jump = |app: &mut App, n: usize| {
        app.update(Action::GoTo);
        for c in labels[(n * 389) % labels.len()].chars() {
            app.update(Action::Type(c));
        }
        app.update(Action::Open);
    };
    if what == "first jump by label" {
        // Before each jump, untimed, the prompt is opened on another treaty: nothing gathered
        // for this one is left to use.
        let other = usize::from(longest == 0);
        let app = std::cell::RefCell::new(app);
        return bencher
            .with_inputs(|| {
                let mut app = app.borrow_mut();
                let part = app.spot().page.part;
                app.start_at(other, 0);
                app.update(Action::GoTo);
                app.update(Action::Close);
                app.start_at(longest, part);
            })
            .bench_local_values(|()| {
                n += 1;
                let mut app = app.borrow_mut();
                jump(&mut app, n);
                treaty_tui::ui::render(buf.area, &mut buf, &app, &treaty_tui::ui::theme::COLOUR);
            });
    }
    bencher.bench_local(|| {
        n += 1;
        match what {
            "open" => {
                app.start_at(0, 0);
                app.start_at(longest, 0);
            }
            "next article" => {
                if app.spot().page.part == parts {
                    app.start_at(longest, 1);
                }
                app.update(Action::NextClause);
            }
            "next chapter" => {
                let before = app.spot().page.part;
                app.update(Action::NextChapter);
                if app.spot().page.part == before {
                    app.start_at(longest, 1);
                }
            }
            _ => jump(app, n),
        }
        treaty_tui::ui::render(buf.area, &mut buf, app, &treaty_tui::ui::theme::COLOUR);
    });
}

/// A collection of 450 treaties shaped as real trade agreements (36,000 articles, 61 MB),
/// as a file, and a kept copy of it.
static COLLECTION: LazyLock<(std::path::PathBuf, std::path::PathBuf)> =
    LazyLock::new(|| kept("treaties", &treaty_tui::synth::treaties(1, 450)));

/// From the file of 450 treaties to the first frame drawn at 200×50: read and checked
/// afresh, or from the kept copy.
#[divan::bench(args = ["afresh", "kept"], sample_count = 5)]
fn treaty_collection_first_frame(bencher: Bencher, way: &str) {
    first_frame_of(bencher, &COLLECTION, way);
}

/// `text` as the file `name`.ron last changed an hour ago, and a kept copy of it beside.
fn kept(name: &str, text: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = bench_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let (file, copy) = (dir.join(format!("{name}.ron")), dir.join(format!("{name}.corpus")));
    std::fs::write(&file, text).unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&file).unwrap().set_modified(an_hour_ago).unwrap();
    let corpus = load_file(&file).unwrap();
    let cache = Cache::at(copy.clone(), &file).unwrap();
    cache.save(&corpus).unwrap();
    cache.save_index(&treaty_tui::search::Index::new(&corpus), &corpus).unwrap();
    (file, copy)
}

/// From a file to the first frame drawn at 200×50: read afresh, or from its kept copy.
fn first_frame_of(bencher: Bencher, (file, copy): &(std::path::PathBuf, std::path::PathBuf), way: &str) {
    bencher.bench(|| {
        let corpus = match way {
            "kept" => Cache::at(copy.clone(), file).unwrap().load().expect("kept"),
            _ => load_file(file).expect("valid"),
        };
        let mut app = App::new(corpus);
        app.update(Action::Resize(200, 50));
        let mut buf = Buffer::empty(Rect::new(0, 0, 200, 50));
        treaty_tui::ui::render(buf.area, &mut buf, &app, &treaty_tui::ui::theme::COLOUR);
        (app, buf)
    });
}

/// Only `ron`'s part of loading: the text read into the written structures.
#[divan::bench(args = ["10k"], sample_count = 5)]
fn parse_only(bencher: Bencher, size: &str) {
    let text = text(size);
    let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    bencher.bench(|| options.from_str::<treaty_tui::read::format::CorpusDoc>(text).expect("valid"));
}

/// The 100,000-entry corpus as a file last changed an hour ago, and a kept copy of it.
static KEPT: LazyLock<(std::path::PathBuf, std::path::PathBuf)> = LazyLock::new(|| kept("corpus", &HUNDRED_THOUSAND));

/// From the file to the first frame drawn at 200×50: read afresh, or from the kept copy.
#[divan::bench(args = ["afresh", "kept"], sample_count = 5)]
fn first_frame_from_file(bencher: Bencher, way: &str) {
    first_frame_of(bencher, &KEPT, way);
}

/// A corpus whose one entry holds a paragraph of 100 MB (and a small entry beside it).
/// From the kept copy and its kept index of 100,000 entries to the hits of the first key
/// typed in the search prompt, the first frame drawn on the way: what a reader waits for
/// after launch. As the explorer does, the kept index is read on a thread of its own while
/// the corpus is, and held to it once both are read. With `built`, the index is built
/// after the first frame instead.
#[divan::bench(args = ["kept", "built"], sample_count = 5)]
fn first_key_from_kept(bencher: Bencher, index: &str) {
    let (file, copy) = &*KEPT;
    bencher.bench(|| {
        let cache = Cache::at(copy.clone(), file).unwrap();
        let reading = (index == "kept").then(|| treaty_tui::app::read_early(&cache));
        let corpus = cache.load().expect("kept");
        let mut app = App::new(corpus);
        app.update(Action::Resize(200, 50));
        let mut buf = Buffer::empty(Rect::new(0, 0, 200, 50));
        treaty_tui::ui::render(buf.area, &mut buf, &app, &treaty_tui::ui::theme::COLOUR);
        let index = match reading {
            Some(reading) => reading.join().unwrap().filter(|index| index.is_index_of(app.corpus())).expect("kept"),
            None => treaty_tui::search::Index::new(app.corpus()),
        };
        let hits = index.search("s").hits.len();
        (app, index, hits)
    });
}

static PARAGRAPH: LazyLock<std::sync::Mutex<App>> = LazyLock::new(|| {
    let words: String = (0..11_000_000).map(|i| format!("w{i} ")).collect();
    let text = format!(
        r#"Corpus(title: "T", entries: [Entry(id: "long", title: "Long", kind: Place, summary: "s", body: ["{words}"]), Entry(id: "short", title: "Short", kind: Place, summary: "s")])"#
    );
    let mut app = App::new(load_str(&text).expect("valid"));
    app.update(Action::Resize(200, 50));
    std::sync::Mutex::new(app)
});

/// Opening the page of a 100 MB paragraph and drawing it at 200×50 (only what is drawn is
/// laid out); and a resize with it open, drawn.
#[divan::bench(args = ["open", "resize"])]
fn a_100_mb_paragraph(bencher: Bencher, what: &str) {
    let mut app = PARAGRAPH.lock().unwrap();
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 50));
    let mut wide = false;
    bencher.bench_local(|| {
        if what == "open" {
            app.start_at(1, 0);
            app.start_at(0, 0);
        } else {
            wide = !wide;
            app.update(if wide { Action::Resize(200, 50) } else { Action::Resize(160, 50) });
        }
        treaty_tui::ui::render(buf.area, &mut buf, &app, &treaty_tui::ui::theme::COLOUR);
    });
}
