//! Corpora that are hard to lay out, and text that could attack a terminal: the explorer
//! shows them at every size without a panic, and no control character reaches the screen.

mod common;

use std::path::Path;

use common::render_inside;
use treaty_tui::app::{Action, App, Overlay, Pane};
use treaty_tui::corpus::Link;
use treaty_tui::corpus::load::{bundled, load_file};

fn app(name: &str) -> App {
    let corpus = load_file(Path::new(&format!("tests/fixtures/hostile/{name}.ron")))
        .unwrap_or_else(|e| panic!("{name} does not load: {e:?}"));
    App::new(corpus)
}

/// Every entry, in every pane, at every size up to `max`, and a few large ones.
fn sweep(app: &mut App, max: (u16, u16)) {
    let entries = app.corpus.entries.len().max(1);
    for height in 0..=max.1 {
        for width in 0..=max.0 {
            app.update(Action::Resize(width, height));
            for entry in 0..entries {
                if entry < app.corpus.entries.len() {
                    app.start_at(entry, 0);
                }
                render_inside(app, width, height);
            }
            for pane in [Pane::List, Pane::Timeline] {
                app.update(Action::Focus(pane));
                render_inside(app, width, height);
            }
        }
    }
    for (width, height) in [(120, 40), (200, 50), (500, 200)] {
        app.update(Action::Resize(width, height));
        for entry in 0..app.corpus.entries.len() {
            app.start_at(entry, 0);
            app.update(Action::Move(treaty_tui::app::Motion::Last));
            render_inside(app, width, height);
        }
    }
}

#[test]
fn hard_text_at_every_size() {
    let mut app = app("hostile");
    assert_eq!(app.corpus.entries.len(), 7);
    sweep(&mut app, (40, 12));
}

#[test]
fn the_megabyte_paragraph_and_500_links_can_be_read_and_followed() {
    let mut app = app("hostile");
    app.update(Action::Resize(100, 30));
    app.start_at(app.corpus.find("links").unwrap(), 0);
    assert_eq!(app.doc.links.len(), 500);
    for _ in 0..500 {
        app.update(Action::NextLink);
    }
    assert_eq!(app.place.link, Some(499), "every link can be reached");
    app.update(Action::Open);
    assert_eq!(app.corpus.entries[app.place.page.entry].id, "emoji", "link 499 leads to target 499 mod 6");
    app.start_at(app.corpus.find("megabyte").unwrap(), 0);
    app.update(Action::Focus(Pane::Detail));
    app.update(Action::Move(treaty_tui::app::Motion::Last));
    assert!(app.place.scroll > 1000, "a long page scrolls to its end");
    render_inside(&app, 100, 30);
    app.update(Action::Search);
    for c in "liepaja".chars() {
        app.update(Action::Type(c));
    }
    assert!(matches!(&app.overlay, Some(Overlay::Search(s)) if !s.hits.is_empty()));
    render_inside(&app, 100, 30);
}

#[test]
fn an_empty_corpus_and_a_corpus_of_one() {
    for name in ["empty", "one_entry"] {
        let mut app = app(name);
        sweep(&mut app, (30, 10));
        for action in [Action::Open, Action::NextLink, Action::NextClause, Action::Peek, Action::Back, Action::AsOf] {
            for pane in [Pane::List, Pane::Detail, Pane::Timeline] {
                app.update(Action::Focus(pane));
                app.update(action);
                app.update(Action::Move(treaty_tui::app::Motion::Last));
                render_inside(&app, 80, 24);
            }
        }
        app.update(Action::Search);
        app.update(Action::Type('x'));
        app.update(Action::Open);
        render_inside(&app, 80, 24);
    }
}

#[test]
fn control_characters_that_slip_past_the_checks_never_reach_the_screen() {
    let mut corpus = bundled().unwrap();
    let poison = "\x1b[2J\x1b]0;owned\x07\u{9b}31m\u{202e}\t\r\x7f\nnext line";
    for entry in &mut corpus.entries {
        entry.title.push_str(poison);
        entry.summary.plain = format!("{}{poison}", entry.summary.plain).into();
        entry.aliases = entry.aliases.iter().cloned().chain([poison.into()]).collect();
        for paragraph in &mut entry.body {
            paragraph.plain = format!("{poison}{}", paragraph.plain).into();
            for link in &mut paragraph.links {
                *link = Link::new(link.range().start + poison.len()..link.range().end + poison.len(), link.target());
            }
        }
    }
    for event in &mut corpus.events {
        event.title.push_str(poison);
        event.text.plain = format!("{}{poison}", event.text.plain).into();
    }
    let mut app = App::new(corpus);
    for (width, height) in [(120, 40), (80, 24), (40, 12)] {
        app.update(Action::Resize(width, height));
        for entry in 0..app.corpus.entries.len() {
            app.start_at(entry, 0);
            render_inside(&app, width, height);
            app.update(Action::NextLink);
            app.update(Action::Peek);
            render_inside(&app, width, height);
            app.update(Action::Close);
        }
        app.update(Action::Focus(Pane::Timeline));
        render_inside(&app, width, height);
        app.update(Action::Search);
        for c in "latvia".chars() {
            app.update(Action::Type(c));
        }
        render_inside(&app, width, height);
        app.update(Action::Close);
    }
}
