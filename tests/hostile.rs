//! Corpora that are hard to lay out, and text that could attack a terminal: the explorer
//! shows them at every size without a panic, and no control character reaches the screen.

mod common;

use std::path::Path;

use common::render_inside;
use treaty_tui::app::{Action, App, Overlay, Pane};
use treaty_tui::model::{Kind, Link};
use treaty_tui::read::load::{bundled, load_file};

fn app(name: &str) -> App {
    let corpus = load_file(Path::new(&format!("tests/fixtures/hostile/{name}.ron")))
        .unwrap_or_else(|e| panic!("{name} does not load: {e:?}"));
    App::new(corpus)
}

/// Every entry, in every pane, at every size up to `max`, and a few large ones.
fn sweep(app: &mut App, max: (u16, u16)) {
    let entries = app.corpus().entries.len().max(1);
    for height in 0..=max.1 {
        for width in 0..=max.0 {
            app.update(Action::Resize(width, height));
            for entry in 0..entries {
                if entry < app.corpus().entries.len() {
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
        for entry in 0..app.corpus().entries.len() {
            app.start_at(entry, 0);
            app.update(Action::Move(treaty_tui::app::Motion::Last));
            render_inside(app, width, height);
        }
    }
}

#[test]
fn hard_text_at_every_size() {
    let mut app = app("hostile");
    assert_eq!(app.corpus().entries.len(), 7);
    sweep(&mut app, (40, 12));
}

#[test]
fn the_megabyte_paragraph_and_500_links_can_be_read_and_followed() {
    let mut app = app("hostile");
    app.update(Action::Resize(100, 30));
    app.start_at(app.corpus().find("links").unwrap(), 0);
    assert_eq!(app.document().links.len(), 500);
    for _ in 0..500 {
        app.update(Action::NextLink);
    }
    assert_eq!(app.spot().link, Some(499), "every link can be reached");
    app.update(Action::Open);
    assert_eq!(app.corpus().entries[app.spot().page.entry].id, "emoji", "link 499 leads to target 499 mod 6");
    app.start_at(app.corpus().find("megabyte").unwrap(), 0);
    app.update(Action::Focus(Pane::Detail));
    app.update(Action::Move(treaty_tui::app::Motion::Last));
    assert!(app.spot().scroll > 1000, "a long page scrolls to its end");
    render_inside(&app, 100, 30);
    app.update(Action::Search);
    for c in "liepaja".chars() {
        app.update(Action::Type(c));
    }
    assert!(matches!(&app.overlay(), Some(Overlay::Search(s)) if !s.hits.is_empty()));
    render_inside(&app, 100, 30);
}

/// A paragraph of tens of megabytes is laid out only as far as it is read: the first frame
/// does not wait for its end, a resize keeps the text at the top of the view, and End lays
/// it out to the end. (Its cost at 100 MB is in the load benchmark.)
#[test]
fn a_paragraph_of_twenty_megabytes_is_laid_out_only_as_far_as_it_is_read() {
    let words: String = (0..2_500_000).map(|i| format!("w{i} ")).collect();
    assert!(words.len() > 20_000_000);
    let text = format!(
        r#"Corpus(title: "T", entries: [Entry(id: "long", title: "Long", kind: Place, summary: "One long paragraph.", body: ["{words}", "The very last paragraph."])])"#
    );
    let mut app = App::new(treaty_tui::read::load::load_str(&text).unwrap());
    app.update(Action::Resize(80, 24));
    app.start_at(0, 0);
    assert!(
        !app.document().is_complete() && app.document().lines().len() < 100,
        "{} lines laid out",
        app.document().lines().len()
    );
    let mut e = common::Explorer {
        app,
        terminal: ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap(),
        aside: treaty_tui::app::ByHand::new(None),
    };
    let screen = e.screen();
    assert!(screen.contains("w0 w1 w2"), "{screen}");
    assert!(screen.contains("1–15 of 16+ ╝"), "the count of lines says there are more: {screen}");
    e.app.update(Action::Focus(Pane::Detail));
    for _ in 0..40 {
        e.app.update(Action::Move(treaty_tui::app::Motion::PageNext));
    }
    let top = e.app.spot().scroll;
    let first_word = |e: &common::Explorer| -> String {
        let line = &e.app.document().lines()[e.app.spot().scroll];
        line.iter().map(|(t, _)| t.as_str()).collect::<String>().split(' ').next().unwrap().to_string()
    };
    let word = first_word(&e);
    assert!(top > 500 && word.starts_with('w'), "{top} {word}");
    e.app.update(Action::Resize(120, 40));
    assert!(!e.app.document().is_complete(), "a resize does not lay out the whole paragraph again");
    let line: String = e.app.document().lines()[e.app.spot().scroll].iter().map(|(t, _)| t.as_str()).collect();
    assert!(line.split(' ').any(|w| w == word), "{word:?} stays at the top: {line:?}");
    e.terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    e.app.update(Action::Move(treaty_tui::app::Motion::Last));
    assert!(e.app.document().is_complete());
    let screen = e.screen();
    assert!(screen.contains("w2499999") && screen.contains("The very last paragraph."), "{screen}");
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
        // An Other kind's name is drawn in the list's kind column and the detail view.
        entry.kind = Kind::Other(format!("{poison}kind"));
        entry.sources = entry.sources.iter().cloned().chain([poison.into()]).collect();
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
        for entry in 0..app.corpus().entries.len() {
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
