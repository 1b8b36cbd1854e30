//! The explorer driven by keys on a test terminal: what a reader sees after each key,
//! pinned by snapshots at three sizes.

mod common;

use common::Explorer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

const SIZES: [(u16, u16); 4] = [(200, 60), (120, 40), (80, 24), (40, 12)];

fn snapshot(name: &str, explorer: &mut Explorer) {
    let (w, h) = explorer.app.size();
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), explorer.screen());
}

#[test]
fn startup() {
    for (w, h) in SIZES {
        let mut e = Explorer::new(w, h);
        let screen = e.screen();
        assert!(screen.contains("Soviet–Latvian Mutual"), "{screen}");
        snapshot("startup", &mut e);
    }
    let screen = Explorer::new(120, 40).screen();
    // Nothing beside the open entry could pass for a cursor (its title is marked by style).
    assert!(screen.contains("║ treaty  Soviet–Latvian Mutual"), "{screen}");
    assert!(!screen.contains('▸'), "{screen}");
    let contents =
        [" treaty  Soviet–Latvian Mutual", "  Preamble", "  Art. 1 Mutual assistance", "  Art. 6 Ratification"];
    let rows: Vec<usize> =
        contents.iter().map(|row| screen.find(row).unwrap_or_else(|| panic!("{row}:\n{screen}"))).collect();
    assert!(rows.is_sorted(), "the open treaty's contents stand beneath it, in order:\n{screen}");
    assert!(screen.contains("Vilhelms Munters"), "the other entries follow");
    assert!(Explorer::new(120, 40).keys("G").screen().contains(" place   Ventspils"), "G reaches the last entry");
    // The strip opens on the year where the events are densest, its first event selected.
    let events = treaty_tui::read::load::bundled().unwrap().events.len();
    let strip = format!("Timeline 9/{events}");
    assert!(screen.contains(&strip) && screen.contains("23 August 1939 · Molotov–Ribbentrop Pact signed"), "{screen}");
    assert!(screen.contains("Oct 1939") && !screen.contains("1920"), "{screen}");
    assert!(screen.contains(" ENTRIES "), "the status line names the focused pane as its title does");
}

#[test]
fn the_treaty_with_article_3_selected() {
    for (w, h) in SIZES {
        let mut e = Explorer::new(w, h);
        e.press(KeyCode::Enter).keys("]]]]");
        let screen = e.screen();
        assert!(screen.contains("Article 3 — Bases"), "{screen}");
        if h >= 24 {
            assert!(screen.contains("Liepāja (Libau)"), "{screen}");
        }
        snapshot("article_3", &mut e);
    }
}

#[test]
fn following_the_link_to_molotov_and_coming_back() {
    for (w, h) in SIZES {
        let mut e = Explorer::new(w, h);
        e.press(KeyCode::Enter).select_link_to("molotov");
        let before = e.app.spot();
        e.press(KeyCode::Enter);
        assert_eq!(e.open_id(), "molotov");
        let screen = e.screen();
        assert!(screen.contains("Vyacheslav Molotov"), "{screen}");
        snapshot("molotov", &mut e);
        e.press(KeyCode::Backspace);
        assert_eq!(e.open_id(), "treaty");
        assert_eq!(e.app.spot(), before, "back returns to the same place, link selected");
        snapshot("back_from_molotov", &mut e);
    }
}

#[test]
fn the_help_overlay_lists_every_key() {
    for (w, h) in SIZES {
        let mut e = Explorer::new(w, h);
        e.keys("?");
        snapshot("help", &mut e);
    }
    let mut e = Explorer::new(120, 40);
    e.keys("?");
    let mut seen = e.screen();
    for _ in 0..5 {
        seen.push_str(&e.press(KeyCode::PageDown).screen());
    }
    for binding in treaty_tui::app::KEYMAP {
        assert!(seen.contains(binding.help), "help lacks {:?}:\n{seen}", binding.help);
    }
    e.press(KeyCode::Esc);
    assert!(!e.screen().contains(" Keys "), "Esc closes the help");
}

#[test]
fn the_peek_popup() {
    for (w, h) in SIZES {
        let mut e = Explorer::new(w, h);
        e.press(KeyCode::Enter).select_link_to("munters").keys("p");
        let screen = e.screen();
        assert!(screen.contains("Peek"), "{screen}");
        assert!(screen.contains("Latvia's foreign minister"), "{screen}");
        assert_eq!(e.open_id(), "treaty", "peeking does not leave the page");
        snapshot("peek", &mut e);
    }
}

/// `y` on Article 3: the whole citation and the formats; `j` shows it as BibTeX. At 40×12
/// the popup keeps its formats and cuts the citation, saying so.
#[test]
fn the_citation_popup() {
    for (w, h) in SIZES {
        let mut e = Explorer::new(w, h);
        e.press(KeyCode::Enter).keys("]]]]y");
        let screen = e.screen();
        assert!(screen.contains("▶ Plain text") && screen.contains("RIS"), "{screen}");
        if w >= 80 {
            assert!(screen.contains("treaty-tui: treaty#3"), "the whole citation:\n{screen}");
        }
        snapshot("cite", &mut e);
        e.keys("j");
        assert!(e.screen().contains("@misc{treaty-3,"), "{}", e.screen());
        snapshot("cite_bibtex", &mut e);
    }
}

#[test]
fn q_quits_but_is_a_letter_in_the_prompt() {
    let mut e = Explorer::new(80, 24);
    e.keys("/q");
    assert!(!e.app.quitting());
    assert!(e.screen().contains("/q"), "the prompt shows what was typed");
    e.press(KeyCode::Esc).keys("q");
    assert!(e.app.quitting());
    let mut e = Explorer::new(80, 24);
    e.press_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(e.app.quitting());
}

/// The README's key table is the key table: made from it, as the help is. Should this
/// fail after a change of keys, run the tests with `TREATY_TUI_WRITE_README=1` to write it.
#[test]
fn the_readme_key_table_is_the_key_table() {
    let (begin, end) =
        ("<!-- the key table, made from src/app/keymap.rs by tests/explorer.rs -->\n", "<!-- end of the key table -->");
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find(begin).expect("the README marks its key table") + begin.len();
    let stop = start + readme[start..].find(end).expect("and where it ends");
    let table = treaty_tui::app::help::markdown();
    if readme[start..stop] != table && std::env::var_os("TREATY_TUI_WRITE_README").is_some() {
        std::fs::write("README.md", format!("{}{table}{}", &readme[..start], &readme[stop..])).unwrap();
        return;
    }
    assert_eq!(readme[start..stop], table, "the README's key table is not the key table");
}
