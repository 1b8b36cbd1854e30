//! Reading the corpus again after its file changed, driven through `App::reload`: the
//! reader keeps their place, and a broken file never costs them the last good version.

mod common;

use common::Explorer;
use ratatui::crossterm::event::KeyCode;
use treaty_tui::model::Corpus;
use treaty_tui::read::load::{BUNDLED, LoadError, load_str};

/// How many entries the bundled corpus has.
fn bundled_entries() -> usize {
    load(BUNDLED).expect("the bundled corpus loads").entries.len()
}

fn load(text: &str) -> Result<Corpus, LoadError> {
    load_str(text).map_err(|diagnostics| LoadError::Invalid { text: text.into(), diagnostics })
}

/// The explorer on the treaty's Article 3, scrolled a little.
fn on_article_3() -> Explorer {
    let mut e = Explorer::new(100, 30);
    e.press(KeyCode::Enter).keys("]]]]").press(KeyCode::Down);
    e
}

#[test]
fn an_edit_shows_at_once_and_the_place_is_kept() {
    let mut e = on_article_3();
    let place = e.app.spot();
    e.app.reload(load(&BUNDLED.replace("at a reasonable rent", "at a fair rent")), "treaty.ron");
    assert_eq!(e.app.spot().page, place.page);
    assert_eq!(e.app.spot().scroll, place.scroll);
    let screen = e.screen();
    assert!(screen.contains("at a fair rent") && screen.contains("Article 3 — Bases"), "{screen}");
}

#[test]
fn the_place_follows_its_entry_when_entries_move() {
    let mut e = on_article_3();
    e.select_link_to("liepaja").press(KeyCode::Enter);
    assert_eq!(e.open_id(), "liepaja");
    let new_first = r#"Entry(id: "aaa", title: "A new first entry", kind: Concept, summary: "Added at the top."),
        Entry(
            id: "treaty","#;
    e.app.reload(load(&BUNDLED.replacen("Entry(\n            id: \"treaty\",", new_first, 1)), "treaty.ron");
    assert_eq!(e.open_id(), "liepaja", "the same entry, though it moved down the list");
    e.press(KeyCode::Backspace);
    assert_eq!(e.open_id(), "treaty", "the history followed too");
    assert_eq!(e.app.spot().page.part, 4, "back on Article 3");
}

#[test]
fn a_broken_file_keeps_the_last_good_version_and_shows_its_problems_until_fixed() {
    let mut e = on_article_3();
    let broken = BUNDLED.replace("kind: Person,", "kind: Persn,");
    e.app.reload(load(&broken), "treaty.ron");
    let screen = e.screen();
    assert!(screen.contains("The file has problems"), "{screen}");
    assert!(screen.contains("unknown kind `Persn`") && screen.contains("--> treaty.ron:"), "{screen}");
    assert!(screen.contains("Article 3 — Bases"), "the last good version stays");
    e.app.reload(load(BUNDLED), "treaty.ron");
    assert!(!e.screen().contains("The file has problems"), "fixing the file clears the panel");
    e.app.reload(load(&broken), "treaty.ron");
    e.press(KeyCode::Esc);
    assert!(!e.screen().contains("The file has problems"), "Esc hides the panel");
}

#[test]
fn a_removed_entry_leaves_the_reader_nearby() {
    let mut e = Explorer::new(100, 30);
    e.select_entry("molotov").press(KeyCode::Enter);
    assert_eq!(e.open_id(), "molotov");
    let start = BUNDLED.find("        Entry(\n            id: \"molotov\"").unwrap();
    let end = start + BUNDLED[start..].find("        Entry(\n            id: \"selter\"").unwrap();
    let without = format!("{}{}", &BUNDLED[..start], &BUNDLED[end..])
        .replace("[[molotov|", "[[stalin|")
        .replace("\"molotov\"", "\"stalin\"");
    e.app.reload(load(&without), "treaty.ron");
    assert_eq!(e.app.corpus().entries.len(), bundled_entries() - 1);
    assert_eq!(e.open_id(), "selter", "the entry that took its place in the list");
    e.screen();
}

/// `corpus` without the entry `id` (links to it pointed at `instead`).
fn without(corpus: &str, id: &str, instead: &str) -> String {
    let start = corpus.find(&format!("        Entry(\n            id: \"{id}\"")).unwrap();
    let next = corpus[start + 10..].find("        Entry(\n").map(|n| start + 10 + n).expect("not the last entry");
    format!("{}{}", &corpus[..start], &corpus[next..])
        .replace(&format!("[[{id}|"), &format!("[[{instead}|"))
        .replace(&format!("[[{id}]]"), &format!("[[{instead}]]"))
        .replace(&format!("\"{id}\""), &format!("\"{instead}\""))
}

const EMPTY: &str = r#"Corpus(title: "An empty corpus")"#;

/// Every pane and overlay, drawn and driven, so that any index left pointing nowhere shows.
fn drive(e: &mut Explorer) {
    for key in [KeyCode::Down, KeyCode::Enter, KeyCode::Right, KeyCode::Char(' '), KeyCode::Esc, KeyCode::Tab] {
        e.press(key);
        e.screen();
    }
    e.keys("]y?").press(KeyCode::Esc).keys("3").press(KeyCode::Right).press(KeyCode::Enter).press(KeyCode::Esc);
    e.keys("a").press(KeyCode::Backspace).keys("/a").press(KeyCode::Enter);
    e.screen();
}

#[test]
fn an_empty_corpus_then_a_full_one() {
    let mut e = Explorer::new(100, 30);
    e.app.reload(load(EMPTY), "treaty.ron");
    assert!(e.app.corpus().entries.is_empty());
    assert!(e.screen().contains("no entries"), "{}", e.screen());
    drive(&mut e);
    e.app.reload(load(BUNDLED), "treaty.ron");
    assert_eq!(e.app.corpus().entries.len(), bundled_entries());
    drive(&mut e);
    e.app.reload(load(EMPTY), "treaty.ron");
    drive(&mut e);
    e.app.reload(load(BUNDLED), "treaty.ron");
    let title = e.screen().lines().next().unwrap().to_string();
    assert!(title.contains(&format!(" of {} · as of the eve", bundled_entries())), "{title}");
}

#[test]
fn an_entry_removed_while_open_selected_on_the_timeline_peeked_and_in_the_history() {
    let mut e = Explorer::new(100, 30);
    // In the history: the treaty, then Munters, then Molotov open.
    e.press(KeyCode::Enter);
    e.select_link_to("munters").press(KeyCode::Enter);
    e.select_link_to("molotov").press(KeyCode::Enter);
    assert_eq!(e.open_id(), "molotov");
    // The last event selected on the timeline, and a link peeked at.
    e.keys("3").press(KeyCode::End).keys("2");
    assert_eq!(e.app.timeline().selected(), e.app.corpus().chronology.len() - 1);
    e.select_link_to("molotov-ribbentrop-pact").keys("p");
    assert!(matches!(e.app.overlay(), Some(treaty_tui::app::Overlay::Peek { .. })));
    let mut entries = bundled_entries();
    let mut text = BUNDLED.to_string();
    for (id, instead) in [("molotov-ribbentrop-pact", "stalin"), ("molotov", "stalin"), ("munters", "ulmanis")] {
        text = without(&text, id, instead);
        e.app.reload(load(&text), "treaty.ron");
        entries -= 1;
        assert!(e.app.problems().is_none(), "{:?}", e.app.problems());
        assert_eq!(e.app.corpus().entries.len(), entries);
        e.screen();
        drive(&mut e);
    }
    for _ in 0..5 {
        e.press(KeyCode::Backspace);
        e.screen();
    }
    assert_eq!(e.open_id(), "treaty", "back through a history whose entries are gone");
}
