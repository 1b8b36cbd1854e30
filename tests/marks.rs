//! Marks through keys, as a less or vim reader sets and uses them: `m` and a letter, `'` and
//! the letter, `''` back to the place before the last jump.

mod common;

use common::Explorer;
use ratatui::crossterm::event::KeyCode;
use treaty_tui::app::{Action, Page, Pane};
use treaty_tui::model::address;

/// The page of `address` in the bundled corpus.
fn page(e: &Explorer, address: &str) -> Page {
    let (entry, part) = address::parse(e.app.corpus(), address).unwrap();
    Page { entry, part }
}

/// The explorer reading Article 3 of the Latvian treaty, in a terminal low enough that the
/// article scrolls.
fn reading_article_3() -> Explorer {
    let mut e = Explorer::new(80, 12);
    let Page { entry, part } = page(&e, "treaty#3");
    e.action(Action::Visit { entry, part });
    e.action(Action::Focus(Pane::Detail));
    e
}

#[test]
fn a_mark_set_returns_to_the_place_and_its_scroll_from_anywhere() {
    let mut e = reading_article_3();
    e.keys("j");
    let marked = e.app.spot();
    assert!(marked.scroll > 0, "scrolled a line first");
    e.keys("ma");
    assert_eq!(e.app.notice(), Some("mark a: treaty#3"));
    e.keys("/liepaja");
    e.press(KeyCode::Enter);
    assert_ne!(e.app.spot().page, marked.page, "a search hit elsewhere");
    e.keys("'a");
    assert_eq!(e.app.spot().page, marked.page);
    assert_eq!(e.app.spot().scroll, marked.scroll, "scrolled as it was marked");
    // The place left is in the history: Backspace goes back to it.
    e.press(KeyCode::Backspace);
    assert_eq!(e.open_id(), "liepaja");
}

#[test]
fn two_quotes_return_to_the_place_before_the_last_jump_and_back() {
    let mut e = reading_article_3();
    let before = e.app.spot().page;
    e.keys(":5");
    e.press(KeyCode::Enter);
    let after = e.app.spot().page;
    assert_eq!(after, page(&e, "treaty#5"), "`:5` went to Article 5");
    e.keys("''");
    assert_eq!(e.app.spot().page, before, "'' back to Article 3");
    e.keys("''");
    assert_eq!(e.app.spot().page, after, "and '' again to Article 5");
}

#[test]
fn an_unset_mark_a_key_that_is_no_letter_and_esc_each_say_or_do_nothing() {
    let mut e = reading_article_3();
    let here = e.app.spot();
    e.keys("'q");
    assert_eq!(e.app.notice(), Some("no mark q: m and a letter set one"));
    assert_eq!(e.app.spot(), here);
    e.keys("m1");
    assert_eq!(e.app.notice(), Some("marks are letters, a to z and A to Z"));
    e.keys("m");
    assert!(e.app.notice().is_some_and(|n| n.starts_with("mark: a letter")), "{:?}", e.app.notice());
    e.press(KeyCode::Esc);
    assert!(e.app.overlay().is_none() && e.app.marks().saved().is_empty(), "Esc sets none");
    // `q` after `m` names a mark; it does not quit.
    e.keys("mq");
    assert!(!e.app.quitting() && e.app.marks().saved().contains_key(&'q'));
    let fresh = Explorer::new(80, 12).app.spot();
    let mut e = Explorer::new(80, 12);
    e.keys("''");
    assert_eq!((e.app.notice(), e.app.spot()), (Some("no jump yet to return from"), fresh));
}

#[test]
fn the_help_lists_the_marks_set() {
    let mut e = reading_article_3();
    e.keys("mB");
    e.action(Action::Resize(120, 40));
    e.keys("?");
    let screen = e.screen();
    assert!(screen.contains("Marks set"), "{screen}");
    assert!(
        screen.contains("B  treaty#3  Soviet–Latvian Mutual Assistance Treaty › Article 3"),
        "the mark, its address and what it names:\n{screen}"
    );
    let mut fresh = Explorer::new(120, 40);
    fresh.keys("?");
    assert!(!fresh.screen().contains("Marks set"), "none set, none listed");
}

#[test]
fn a_mark_planted_in_the_state_file_reaches_the_screen_only_through_the_filter() {
    let mut e = Explorer::new(120, 40);
    let planted = treaty_tui::app::MarkedSpot { open: "treaty#3\u{1b}]52;c;aGk=\u{7}".into(), scroll: 0 };
    e.app.update(treaty_tui::app::Input::Restored {
        queries: Vec::new(),
        marks: [('x', planted)].into_iter().collect(),
        start: None,
    });
    e.keys("?");
    let screen = e.screen();
    assert!(screen.contains("x  treaty#3␛]52;c;aGk=␇  (no longer in the corpus)"), "{screen}");
}
