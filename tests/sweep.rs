//! Every page at every small size: no panic, and nothing drawn outside the screen.

mod common;

use common::{Explorer, render_inside};
use treaty_tui::app::{Action, Overlay, Pane};

#[test]
fn every_entry_and_every_article_at_every_size_up_to_60_by_20() {
    let mut e = Explorer::new(60, 20);
    let pages: Vec<(usize, usize)> = e
        .app
        .corpus()
        .entries
        .iter()
        .enumerate()
        .flat_map(|(i, entry)| (0..=entry.clauses.len()).map(move |part| (i, part)))
        .collect();
    for height in 0..=20 {
        for width in 0..=60 {
            e.app.update(Action::Resize(width, height));
            for &(entry, part) in &pages {
                e.app.start_at(entry, part);
                render_inside(&e.app, width, height);
            }
            for pane in [Pane::List, Pane::Timeline] {
                e.app.update(Action::Focus(pane));
                render_inside(&e.app, width, height);
            }
            e.app.update(Action::Help);
            render_inside(&e.app, width, height);
            e.app.update(Action::Close);
            // A link's summary, opened where the link shows and then seen at this size.
            e.app.update(Action::Resize(80, 24));
            e.app.start_at(0, 0);
            e.app.update(Action::NextLink);
            e.app.update(Action::Peek);
            assert!(matches!(e.app.overlay(), Some(Overlay::Peek { .. })), "{:?}", e.app.notice());
            e.app.update(Action::Resize(width, height));
            render_inside(&e.app, width, height);
            e.app.update(Action::Close);
            e.app.update(Action::Search);
            for c in "baltic".chars() {
                e.app.update(Action::Type(c));
            }
            render_inside(&e.app, width, height);
            e.app.update(Action::Close);
        }
    }
}

#[test]
fn sizes_up_to_500_by_200() {
    let mut e = Explorer::new(80, 24);
    e.app.start_at(0, 4);
    for width in (0..=500).step_by(7).chain([500]) {
        for height in (0..=200).step_by(9).chain([200]) {
            e.app.update(Action::Resize(width, height));
            render_inside(&e.app, width, height);
        }
    }
}

#[test]
fn large_terminals_and_every_focus() {
    let mut e = Explorer::new(500, 200);
    for (width, height) in [(500, 200), (200, 50), (80, 24), (79, 24), (30, 8), (29, 8), (30, 7)] {
        e.app.update(Action::Resize(width, height));
        for pane in [Pane::List, Pane::Detail, Pane::Timeline] {
            e.app.update(Action::Focus(pane));
            render_inside(&e.app, width, height);
        }
    }
}

#[test]
fn a_screen_too_small_says_what_it_needs() {
    let mut e = Explorer::new(29, 10);
    let screen = e.screen();
    assert!(screen.contains("terminal too small:") && screen.contains("need 30×8"), "{screen}");
}
