//! A synthetic corpus of 10,000 entries, end to end: loaded, searched, shown and navigated,
//! with results checked (not timed) so that nothing quadratic slips in unnoticed.

mod common;

use common::render_inside;
use treaty_tui::app::{Action, App, Motion, Pane};
use treaty_tui::read::load::load_str;
use treaty_tui::search::{Index, field_text, fold::fold};

#[test]
fn ten_thousand_entries() {
    let text = treaty_tui::synth::corpus(42, 10_000);
    let corpus = load_str(&text).unwrap_or_else(|d| panic!("{:?}", &d[..1]));
    assert_eq!(corpus.entries.len(), 10_000);
    assert_eq!(corpus.events.len(), 5_000);

    let index = Index::new(&corpus);
    let hits = index.search("sovereignty garrison").hits;
    assert!(hits.len() > 100, "{} hits", hits.len());
    for hit in hits.iter().take(200) {
        let text = fold(&field_text(&corpus, hit.item, hit.field));
        assert!(text.contains("sovereignty") || text.contains("garrison"), "a hit without its words");
    }
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score), "best first");

    let mut app = App::new(corpus);
    app.update(Action::Resize(200, 50));
    render_inside(&app, 200, 50);
    app.update(Action::Move(Motion::Last));
    render_inside(&app, 200, 50);
    assert_eq!(app.list().view().selected, 9_999);
    app.update(Action::Open);
    app.update(Action::NextLink);
    let before = app.spot().page.entry;
    app.update(Action::Open);
    assert_ne!(app.spot().page.entry, before, "a link was followed");
    app.update(Action::Back);
    assert_eq!(app.spot().page.entry, before);
    app.update(Action::Focus(Pane::Timeline));
    for _ in 0..5 {
        app.update(Action::ZoomIn);
        render_inside(&app, 200, 50);
    }
    app.update(Action::AsOf);
    render_inside(&app, 200, 50);
    assert!(app.list().entries().len() < 10_000 || app.timeline().selected() + 1 == app.corpus().chronology.len());
}
