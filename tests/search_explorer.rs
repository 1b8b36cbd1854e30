//! Searching in the explorer: typing `/`, a query and Enter, and what the reader sees.

mod common;

use common::Explorer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use treaty_tui::app::{Overlay, Pane};

/// Whether the screen shows `word` marked as a search match (on the yellow of the theme)
/// somewhere.
fn marked(e: &mut Explorer, word: &str) -> bool {
    let screen = e.screen();
    let buffer = e.terminal.backend().buffer();
    screen.lines().enumerate().any(|(row, line)| {
        line.match_indices(word).any(|(at, _)| {
            let column = line[..at].chars().count() as u16;
            buffer[(column, row as u16)].bg == ratatui::style::Color::Yellow
        })
    })
}

#[test]
fn orzel_lands_on_the_orzel_incident() {
    let mut e = Explorer::new(120, 40);
    e.keys("/orzel");
    let screen = e.screen();
    assert!(screen.contains("▶event   Orzeł incident · 1939  title"), "{screen}");
    assert!(screen.contains("/orzel"), "{screen}");
    e.press(KeyCode::Enter);
    assert_eq!(e.open_id(), "orzel-incident");
    assert_eq!(e.app.focus(), Pane::Detail);
    assert!(marked(&mut e, "Orzeł"), "the match is highlighted:\n{}", e.screen());
}

#[test]
fn liepaja_lands_on_article_3_with_the_line_in_view_and_marked() {
    let mut e = Explorer::new(80, 24);
    e.keys("/liepaja");
    let screen = e.screen();
    assert!(screen.contains("article 3"), "{screen}");
    e.press(KeyCode::Down).press(KeyCode::Enter);
    assert_eq!(e.open_id(), "treaty");
    assert_eq!(e.app.spot().page.part, 4, "Article 3 is selected");
    let screen = e.screen();
    assert!(screen.contains("Article 3 — Bases") && screen.contains("Liepāja (Libau)"), "{screen}");
    assert!(marked(&mut e, "Liepāja (Libau)"));
    assert!(screen.lines().last().unwrap().contains("hit 2 of 5"), "{screen}");
}

#[test]
fn an_event_hit_selects_the_event_on_the_timeline() {
    let mut e = Explorer::new(120, 40);
    e.keys("/first soviet warships").press(KeyCode::Enter);
    assert_eq!(e.app.focus(), Pane::Timeline);
    let screen = e.screen();
    assert!(screen.contains("23 October 1939 · First Soviet warships at Liepāja"), "{screen}");
    assert_eq!(e.open_id(), "liepaja");
}

#[test]
fn esc_restores_exactly_the_view_from_before() {
    let mut e = Explorer::new(100, 30);
    e.press(KeyCode::Enter).keys("]]").press(KeyCode::Down).press(KeyCode::Right);
    let (place, focus, list) = (e.app.spot(), e.app.focus(), e.app.list().view());
    let timeline = (e.app.timeline().selected(), e.app.timeline().window());
    let before = e.screen();
    e.keys("/molotov").press(KeyCode::Down).press(KeyCode::Esc);
    assert_eq!((e.app.spot(), e.app.focus(), e.app.list().view()), (place, focus, list));
    assert_eq!((e.app.timeline().selected(), e.app.timeline().window()), timeline);
    assert_eq!(e.screen(), before);
}

#[test]
fn n_and_shift_n_step_through_the_hits_and_wrap_with_a_notice() {
    let mut e = Explorer::new(120, 40);
    e.keys("/liepaja").press(KeyCode::Enter);
    assert_eq!(e.open_id(), "liepaja");
    assert!(e.screen().contains("hit 1 of 5"));
    e.keys("n");
    assert_eq!((e.open_id(), e.app.spot().page.part), ("treaty", 4));
    assert!(e.screen().contains("hit 2 of 5"));
    e.keys("N").keys("N");
    let screen = e.screen();
    assert!(screen.contains("hit 5 of 5"), "{screen}");
    assert!(screen.contains("search reached the start; back to the last hit"), "{screen}");
    assert_eq!(e.open_id(), "latvia", "the last row's hit, the fifth");
    e.keys("n").keys("n").keys("n");
    assert_eq!((e.open_id(), e.app.spot().page.part), ("treaty", 0), "after article 3, the treaty's own text");
    assert!(e.screen().contains("hit 3 of 5"), "hits step in the order the rows show them, entry by entry");
    e.keys("n").keys("n");
    assert_eq!(e.open_id(), "latvia");
    e.keys("n");
    assert!(e.screen().contains("search reached the end; back to the first hit"));
    assert_eq!(e.open_id(), "liepaja");
    e.keys("j");
    assert!(!e.screen().contains("search reached"), "the notice lasts until the next key");
}

#[test]
fn n_before_any_search_says_how_to_search() {
    let mut e = Explorer::new(120, 40);
    e.keys("n");
    assert!(e.screen().contains("no search yet: press / to search"));
}

#[test]
fn up_and_down_in_an_empty_prompt_recall_earlier_queries() {
    let mut e = Explorer::new(120, 40);
    e.keys("/orzel").press(KeyCode::Enter).keys("/liepaja").press(KeyCode::Enter).keys("/");
    e.press(KeyCode::Up);
    assert!(matches!(&e.app.overlay(), Some(Overlay::Search(s)) if s.query == "liepaja"));
    e.press(KeyCode::Up);
    assert!(matches!(&e.app.overlay(), Some(Overlay::Search(s)) if s.query == "orzel" && !s.hits.is_empty()));
    e.press(KeyCode::Up);
    assert!(matches!(&e.app.overlay(), Some(Overlay::Search(s)) if s.query == "orzel"), "stops at the oldest");
    e.press(KeyCode::Down).press(KeyCode::Down);
    assert!(matches!(&e.app.overlay(), Some(Overlay::Search(s)) if s.query.is_empty()));
    e.keys("x");
    e.press(KeyCode::Up);
    assert!(
        matches!(&e.app.overlay(), Some(Overlay::Search(s)) if s.query == "x"),
        "Up chooses among hits once typing"
    );
}

#[test]
fn enter_without_hits_keeps_the_prompt_open() {
    let mut e = Explorer::new(120, 40);
    e.keys("/xyzzy").press(KeyCode::Enter);
    assert!(matches!(e.app.overlay(), Some(Overlay::Search(_))));
    let screen = e.screen();
    assert!(screen.contains("no hits"), "{screen}");
}

#[test]
fn search_snapshots() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut e = Explorer::new(w, h);
        e.keys("/liepaja");
        insta::assert_snapshot!(format!("search_results_{w}x{h}"), e.screen());
        e.press(KeyCode::Down).press(KeyCode::Enter);
        insta::assert_snapshot!(format!("search_article_3_{w}x{h}"), e.screen());
    }
}

#[test]
fn the_search_prepared_on_its_own_thread_is_used_once_ready() {
    let mut e = Explorer::new(100, 30);
    e.app.prepare_search();
    // Keys never wait for the index; between keys, the loop takes it once ready and searches.
    e.keys("/orzel");
    between_keys(&mut e);
    assert!(e.app.searching().index().is_some());
    assert!(matches!(&e.app.overlay(), Some(Overlay::Search(s)) if !s.hits.is_empty()), "{}", e.screen());
    e.press(KeyCode::Backspace);
    assert!(!e.app.busy(), "once the index is here, a small one is searched within the key");
}

/// Lets the searches under way finish, as the event loop does between keys.
fn between_keys(e: &mut Explorer) {
    e.settle();
}

/// A large corpus is searched between keys: the prompt says so, the hits come, and only
/// those of the query as last typed are shown.
#[test]
fn a_large_corpus_is_searched_between_keys() {
    let mut e = Explorer::new(120, 40);
    e.app.search_aside_from(0);
    e.keys("/orze");
    assert!(e.screen().contains("/orze▏") && e.screen().contains("searching…"), "{}", e.screen());
    between_keys(&mut e);
    e.keys("l");
    assert!(e.screen().contains("searching…"));
    between_keys(&mut e);
    let screen = e.screen();
    assert!(screen.contains("▶event   Orzeł incident · 1939  title") && !screen.contains("searching…"), "{screen}");

    // Keys typed faster than searches finish: the hits are those of the whole query.
    e.press(KeyCode::Esc).keys("/liep");
    e.between_keys();
    e.keys("aja");
    between_keys(&mut e);
    let Some(Overlay::Search(search)) = &e.app.overlay() else { panic!("the prompt is open") };
    let expected = treaty_tui::search::Index::new(e.app.corpus()).search("liepaja");
    assert_eq!((search.query.as_str(), &search.hits), ("liepaja", &expected.hits));

    // Enter waits for the hits of what was typed: "soviet bases" leads to Article 3, where
    // "soviet" alone would lead to the Soviet Union.
    e.press(KeyCode::Esc).keys("/soviet");
    between_keys(&mut e);
    e.keys(" bases").press(KeyCode::Enter);
    assert_eq!(e.open_id(), "treaty");
    assert_eq!(e.app.spot().page.part, 4, "Article 3, on the bases, is opened");
    assert!(!e.app.busy());
}

/// A page pasted into the prompt by mistake is cut to the longest query, and the prompt
/// says so; typing past it adds nothing. The words kept are still searched.
#[test]
fn a_megabyte_pasted_into_the_prompt_is_cut_to_a_query_and_says_so() {
    let mut e = Explorer::new(120, 40);
    e.keys("/");
    let page = "liepaja ".repeat(130_000);
    assert!(e.app.paste(&page));
    let Some(Overlay::Search(search)) = &e.app.overlay() else { panic!("the prompt is open") };
    assert_eq!(search.query.chars().count(), treaty_tui::search::QUERY_MAX);
    assert!(search.query.starts_with("liepaja liepaja"));
    let screen = e.screen();
    assert!(screen.contains("cut to 2,000 characters ·"), "{screen}");
    e.keys("x");
    let Some(Overlay::Search(search)) = &e.app.overlay() else { panic!("the prompt is open") };
    assert_eq!(search.query.chars().count(), treaty_tui::search::QUERY_MAX, "typing past the end adds nothing");
    e.press(KeyCode::Backspace);
    let screen = e.screen();
    assert!(!screen.contains("cut to"), "an edit within the limit clears the note: {screen}");
}

/// Tab in the prompt keeps the search to the open entry and back; the prompt says which,
/// and a hit matched with a typo says so with "≈".
#[test]
fn tab_keeps_the_search_to_the_open_entry_and_typos_are_marked() {
    let mut e = Explorer::new(120, 40);
    e.select_entry("treaty").press(KeyCode::Enter);
    e.keys("/soviet");
    let everywhere = e.screen();
    assert!(everywhere.lines().last().unwrap().ends_with("· everywhere"), "{everywhere}");
    assert!(everywhere.contains("Soviet Union"), "{everywhere}");
    let Some(Overlay::Search(search)) = &e.app.overlay() else { panic!("the prompt is open") };
    let all = search.hits.len();
    e.press(KeyCode::Tab);
    let within = e.screen();
    assert!(within.lines().last().unwrap().ends_with("· this entry"), "{within}");
    let Some(Overlay::Search(search)) = &e.app.overlay() else { panic!("the prompt is open") };
    assert!(search.hits.len() < all && !search.hits.is_empty());
    let treaty = e.app.corpus().find("treaty").unwrap();
    assert!(search.hits.iter().all(|hit| match hit.item {
        treaty_tui::search::Item::Entry(entry) | treaty_tui::search::Item::Clause(entry, _) => entry == treaty,
        treaty_tui::search::Item::Event(_) => false,
    }));
    e.press(KeyCode::Tab);
    assert!(e.screen().lines().last().unwrap().ends_with("· everywhere"));
    e.press(KeyCode::Esc).keys("/grudzinsky");
    let screen = e.screen();
    assert!(screen.contains("Orzeł incident · 1939  ≈ body"), "{screen}");
}

/// The query as the prompt holds it, and the prompt line as drawn.
fn prompt(e: &mut Explorer) -> (String, String) {
    let Some(Overlay::Search(search)) = &e.app.overlay() else { panic!("the prompt is closed") };
    let query = search.query.clone();
    (query, e.screen().lines().last().unwrap().trim_end().to_string())
}

#[test]
fn the_prompt_edits_where_its_cursor_stands_as_readline_does() {
    use ratatui::crossterm::event::KeyModifiers;
    let mut e = Explorer::new(80, 24);
    let ctrl = |e: &mut Explorer, c: char| {
        e.press_with(KeyCode::Char(c), KeyModifiers::CONTROL);
    };
    e.keys("/liepja");
    e.press(KeyCode::Left).press(KeyCode::Left).keys("a");
    let (query, line) = prompt(&mut e);
    assert_eq!(query, "liepaja");
    assert!(line.starts_with("/liepa▏ja"), "{line}");
    assert!(e.screen().contains("Liepāja"), "the query runs as it is edited");
    e.press(KeyCode::Home).keys("x");
    assert_eq!(prompt(&mut e).0, "xliepaja");
    e.press(KeyCode::Right).press(KeyCode::Left).press(KeyCode::Backspace);
    assert_eq!(prompt(&mut e).0, "liepaja", "Backspace deletes before the cursor");
    e.press(KeyCode::End).keys(" soviet latvia");
    ctrl(&mut e, 'w');
    assert_eq!(prompt(&mut e).0, "liepaja soviet ");
    e.press_with(KeyCode::Backspace, KeyModifiers::ALT);
    assert_eq!(prompt(&mut e).0, "liepaja ");
    ctrl(&mut e, 'a');
    ctrl(&mut e, 'e');
    e.press(KeyCode::Left).press(KeyCode::Left).press(KeyCode::Left);
    ctrl(&mut e, 'u');
    let (query, line) = prompt(&mut e);
    assert_eq!(query, "ja ", "Ctrl-U deletes all before the cursor");
    assert!(line.starts_with("/▏ja"), "{line}");
    ctrl(&mut e, 'e');
    ctrl(&mut e, 'u');
    assert_eq!(prompt(&mut e).0, "");
    // A word after a space of more than one byte (a no-break space, as pasted text has).
    e.keys("rīga\u{a0}liepāja");
    ctrl(&mut e, 'w');
    assert_eq!(prompt(&mut e).0, "rīga\u{a0}");
}

#[test]
fn the_hit_counter_shows_only_while_the_reader_is_on_the_hit() {
    let mut e = Explorer::new(80, 24);
    e.keys("/liepaja").press(KeyCode::Enter);
    let status = |e: &mut Explorer| e.screen().lines().last().unwrap().to_string();
    assert!(status(&mut e).contains("hit 1 of 5"));
    e.keys("n");
    assert!(status(&mut e).contains("hit 2 of 5"));
    // Back on the first hit's page, the second hit is the last gone to: no counter.
    e.press(KeyCode::Backspace);
    assert_eq!(e.open_id(), "liepaja");
    assert!(!status(&mut e).contains("hit "), "away from the hit: {}", status(&mut e));
    e.press_with(KeyCode::Right, ratatui::crossterm::event::KeyModifiers::ALT);
    assert!(status(&mut e).contains("hit 2 of 5"), "back on it");
    e.keys("n");
    assert!(status(&mut e).contains("hit 3 of 5"), "n steps on from it");
}

/// The events a search's first hits are, by title.
fn event_hits(e: &Explorer) -> Vec<String> {
    let Some(Overlay::Search(search)) = e.app.overlay() else { panic!("the prompt is open") };
    let corpus = e.app.corpus();
    search
        .hits
        .iter()
        .map_while(|hit| match hit.item {
            treaty_tui::search::Item::Event(v) => Some(corpus.events[v].title.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_date_typed_as_people_write_it_finds_the_events_of_that_day_or_month_first() {
    let mut e = Explorer::new(120, 40);
    e.keys("/16 June 1940");
    e.settle();
    assert_eq!(
        event_hits(&e),
        ["Soviet ultimatum to Latvia", "Urbšys leaves the Lithuanian foreign ministry"],
        "the two events of that day, first"
    );
    assert!(e.screen().contains("Soviet ultimatum to Latvia"), "{}", e.screen());
    // Enter opens the first, as any hit.
    e.press(KeyCode::Enter);
    assert!(e.app.overlay().is_none());
    let mut e = Explorer::new(120, 40);
    e.keys("/june 1940");
    e.settle();
    let june = event_hits(&e);
    assert!(june.len() > 3 && june.contains(&"Soviet ultimatum to Latvia".to_string()), "{june:?}");
    // Not a date: words as ever.
    let mut e = Explorer::new(120, 40);
    e.keys("/june");
    e.settle();
    assert!(event_hits(&e).len() < june.len());
}

/// The hand-made collection of the ranking tests, in the explorer.
fn collection(width: u16, height: u16) -> Explorer {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ranking/collection.ron"));
    Explorer::on(treaty_tui::read::load::load_str(&text.unwrap()).unwrap(), width, height)
}

fn chosen(e: &Explorer) -> String {
    let Some(Overlay::Search(search)) = e.app.overlay() else { panic!("the prompt is closed") };
    let hit = search.chosen().expect("a hit is selected");
    treaty_tui::search::show(e.app.corpus(), &hit, &search.matcher, 80).id
}

#[test]
fn hits_come_a_row_per_entry_opened_with_right_and_flat_with_ctrl_g() {
    let mut e = collection(100, 30);
    e.keys("/geographical indications");
    let screen = e.screen();
    assert!(screen.contains("Agreement on Geographical Indications · 2012  title"), "{screen}");
    assert!(
        screen.contains("Free Trade Agreement between Aurelia and Borealis · 2016  4 hits · best: article 20.1"),
        "{screen}"
    );
    assert!(screen.contains("1 of 3 · 6 hits · everywhere"), "three entries, six hits: {screen}");
    e.press(KeyCode::Down).press(KeyCode::Right);
    let screen = e.screen();
    for place in ["article 20.2", "    summary", "article 1.2"] {
        assert!(screen.contains(place), "{place} under its entry: {screen}");
    }
    assert!(screen.contains("2 of 6 · 6 hits"), "its row stays selected, its five hits under it: {screen}");
    e.press(KeyCode::Down).press(KeyCode::Down);
    assert_eq!(chosen(&e), "fta", "the entry's third hit, its summary");
    e.press_with(KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert_eq!(chosen(&e), "fta", "a row per hit, the same hit selected");
    assert!(e.screen().contains("4 of 6 · everywhere"), "{}", e.screen());
    e.press_with(KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert_eq!(chosen(&e), "fta", "and back, its entry opened to show it");
    e.press(KeyCode::Right);
    assert_eq!(chosen(&e), "fta#20.1", "→ again closes the entry, its row selected");
    e.press(KeyCode::Enter);
    assert_eq!((e.open_id(), e.app.spot().page.part), ("fta", 3));
    e.keys("n");
    assert_eq!((e.open_id(), e.app.spot().page.part), ("fta", 4), "n goes on through the entry's hits");
}

#[test]
fn right_moves_the_cursor_until_it_stands_at_the_end_of_the_query() {
    let mut e = collection(100, 30);
    e.keys("/geographical").press(KeyCode::Left).press(KeyCode::Right);
    let Some(Overlay::Search(search)) = e.app.overlay() else { panic!() };
    assert_eq!((search.after, search.open), (0, None), "the cursor moved back to the end; nothing opened");
    e.press(KeyCode::Down).press(KeyCode::Right);
    let Some(Overlay::Search(search)) = e.app.overlay() else { panic!() };
    assert_eq!(search.open, Some(1));
    e.press(KeyCode::Up).press(KeyCode::Right);
    let Some(Overlay::Search(search)) = e.app.overlay() else { panic!() };
    assert_eq!(search.open, Some(1), "an entry of one hit has nothing to open");
}
