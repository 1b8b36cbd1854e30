//! What each part of the screen costs to draw, at 200×50, on a generated corpus of 1,000
//! entries with 2,000 events and one of 100,000 entries with 200,000 events: the list, the
//! open entry, the timeline strip over the whole span (every event within it) and zoomed in
//! on one, and the status line. A part that costs what the screen shows costs the same at
//! both sizes. Beside them, a key that moves the timeline's selection while the list shows
//! only the entries as of the selected event, which makes the list again. `cargo bench --bench panes` (the large corpus takes some seconds to make).

use std::sync::{LazyLock, Mutex};

use divan::Bencher;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use treaty_tui::app::{Action, App, Motion, Pane};
use treaty_tui::read::load::load_str;
use treaty_tui::ui::{self, ScreenPart};

fn main() {
    divan::main();
}

const SCREEN: Rect = Rect { x: 0, y: 0, width: 200, height: 50 };

/// The explorer over `entries` generated entries with twice as many events, at 200×50, the
/// middle entry open at its first article, the timeline's last event selected, and the
/// timeline zoomed in `zoom` times around it (0: the whole span shown).
fn explorer(entries: usize, zoom: usize) -> App {
    let corpus = load_str(&treaty_tui::synth::corpus_with_events(1, entries, 2 * entries)).expect("it loads");
    let mut app = App::new(corpus);
    app.update(Action::Resize(SCREEN.width, SCREEN.height));
    app.update(Action::Start { entry: entries / 2, part: 1 });
    app.update(Action::Focus(Pane::Timeline));
    app.update(Action::Move(Motion::Last));
    app.update(Action::Fit);
    for _ in 0..zoom {
        app.update(Action::ZoomIn);
    }
    app
}

static SMALL: LazyLock<App> = LazyLock::new(|| explorer(1_000, 0));
static LARGE: LazyLock<App> = LazyLock::new(|| explorer(100_000, 0));
static LARGE_ZOOMED: LazyLock<App> = LazyLock::new(|| explorer(100_000, 12));

const PARTS: [ScreenPart; 4] = [ScreenPart::List, ScreenPart::Detail, ScreenPart::Strip, ScreenPart::Status];

fn draw(bencher: Bencher, app: &App, part: ScreenPart) {
    let mut buf = Buffer::empty(SCREEN);
    let theme = &ui::theme::COLOUR;
    assert!(ui::render_part(part, SCREEN, &mut buf, app, theme), "{part:?} shows at 200×50");
    bencher.bench_local(|| {
        buf.reset();
        ui::render_part(part, SCREEN, &mut buf, app, theme)
    });
}

#[divan::bench(args = PARTS)]
fn entries_1000(bencher: Bencher, part: ScreenPart) {
    draw(bencher, &SMALL, part);
}

#[divan::bench(args = PARTS)]
fn entries_100000(bencher: Bencher, part: ScreenPart) {
    draw(bencher, &LARGE, part);
}

#[divan::bench]
fn entries_100000_strip_zoomed_in(bencher: Bencher) {
    draw(bencher, &LARGE_ZOOMED, ScreenPart::Strip);
}

/// The list "as of" the selected event, and the selection moved back and forth: each
/// move makes the list again (one pass over the entries).
#[divan::bench(args = [1_000, 100_000])]
fn as_of_event_moved(bencher: Bencher, entries: usize) {
    let app = Mutex::new(explorer(entries, 0));
    app.lock().unwrap().update(Action::AsOf);
    let mut forward = false;
    bencher.bench_local(|| {
        forward = !forward;
        app.lock().unwrap().update(Action::Move(if forward { Motion::Prev } else { Motion::Next }))
    });
}
