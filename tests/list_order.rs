//! The list's `f` filter and `s` order, pressed as a reader would: on a small collection
//! written for it, on the bundled corpus, and what the list's title says.

mod common;

use common::Explorer;
use ratatui::crossterm::event::KeyCode;
use treaty_tui::app::{Order, Overlay};
use treaty_tui::read::load::load_str;

/// Five agreements, two states, a person: dates, languages, parties and lengths that differ.
fn collection(width: u16, height: u16) -> Explorer {
    let corpus = load_str(
        r#"Corpus(title: "Trade", entries: [
            Entry(id: "chile", title: "Chile", kind: State, summary: "s"),
            Entry(id: "peru", title: "Peru", kind: State, summary: "s"),
            Entry(id: "cp", title: "Chile–Peru Free Trade Agreement", kind: Treaty, summary: "s",
                  start: "2006-08-22", language: "en", parties: ["chile", "peru"],
                  articles: [Article(text: ["a"]), Article(text: ["b"]), Article(text: ["c"])]),
            Entry(id: "cp-es", title: "Chile–Peru Free Trade Agreement", kind: Treaty, summary: "s",
                  start: "2006-08-22", language: "es", translation_of: "cp", parties: ["chile", "peru"],
                  articles: [Article(text: ["a"]), Article(text: ["b"]), Article(text: ["c"])]),
            Entry(id: "big", title: "Andean Accord", kind: Treaty, summary: "A long one on tariffs.",
                  start: "1994-01-01", language: "es", parties: ["peru"],
                  articles: [Article(text: ["a"]), Article(text: ["b"]), Article(text: ["c"]), Article(text: ["d"]), Article(text: ["tariffs"])]),
            Entry(id: "small", title: "Zonal Protocol", kind: Treaty, summary: "s", start: "1999-05-05",
                  language: "en", parties: ["chile"], articles: [Article(text: ["tariffs and tariffs"])]),
            Entry(id: "negotiator", title: "Ana Negotiator", kind: Person, summary: "Spoke on tariffs.", start: "1950"),
        ])"#,
    )
    .unwrap_or_else(|d| panic!("{d:?}"));
    Explorer::on(corpus, width, height)
}

fn listed(e: &Explorer) -> Vec<String> {
    e.app.list().entries().iter().map(|&i| e.app.corpus().entries[i].id.to_string()).collect()
}

fn title_line(e: &mut Explorer) -> String {
    e.screen().lines().next().unwrap().to_string()
}

#[test]
fn f_filters_as_it_is_typed_and_the_title_says_what_shows_of_how_many() {
    let mut e = collection(100, 30);
    e.keys("f");
    assert!(e.screen().lines().last().unwrap().contains("kind:treaty"), "the prompt says what it takes");
    e.keys("kind:treaty");
    assert_eq!(listed(&e), ["cp", "cp-es", "big", "small"], "the list follows each key");
    e.keys(" party:peru");
    assert_eq!(listed(&e), ["cp", "cp-es", "big"]);
    assert!(e.screen().lines().last().unwrap().contains("3 of 7 entries"), "{}", e.screen());
    e.keys(" year:2000..2010");
    assert_eq!(listed(&e), ["cp", "cp-es"]);
    e.keys(" lang:es").press(KeyCode::Enter);
    assert_eq!(listed(&e), ["cp-es"]);
    assert!(e.app.overlay().is_none(), "Enter keeps the filter and closes the prompt");
    let title = title_line(&mut e);
    assert!(title.contains("╔ 1/1 of 7 · “kind:treaty"), "the title cut where the list ends: {title}");
    let mut wide = collection(200, 40);
    wide.keys("fkind:treaty lang:es").press(KeyCode::Enter).keys("ss");
    let title = title_line(&mut wide);
    assert!(title.contains("╔ 1/2 of 7 · by date · “kind:treaty lang"), "{title}");
    wide.keys("f");
    let prompt = wide.screen().lines().last().unwrap().to_string();
    assert!(
        prompt.starts_with("f kind:treaty lang:es▏") && prompt.contains("2 of 7 entries"),
        "the whole filter: {prompt}"
    );
}

#[test]
fn words_find_titles_and_a_filter_that_cannot_be_read_says_so_and_esc_undoes() {
    let mut e = collection(100, 30);
    e.keys("fchile").press(KeyCode::Enter);
    assert_eq!(listed(&e), ["chile", "cp", "cp-es"], "a word of the title, its start too");
    e.keys("f");
    e.press(KeyCode::Backspace).app.paste(" year:19x0");
    let prompt = e.screen().lines().last().unwrap().to_string();
    assert!(prompt.contains("not a year or years"), "{prompt}");
    assert_eq!(listed(&e), ["chile", "cp", "cp-es"], "the last filter that could be read stays");
    e.press(KeyCode::Enter);
    assert!(matches!(e.app.overlay(), Some(Overlay::Filter(_))), "Enter does not take what cannot be read");
    e.press(KeyCode::Esc);
    assert!(e.app.overlay().is_none());
    assert_eq!(listed(&e), ["chile", "cp", "cp-es"], "Esc: the filter from before the prompt opened");
    e.keys("f").press_with(KeyCode::Char('u'), ratatui::crossterm::event::KeyModifiers::CONTROL);
    e.press(KeyCode::Enter);
    assert_eq!(listed(&e).len(), 7, "an empty filter lists every entry");
    assert!(!title_line(&mut e).contains("of 7"), "{}", title_line(&mut e));
    e.keys("fzzz").press(KeyCode::Enter);
    assert!(title_line(&mut e).contains("╔ 0 of 7 · “zzz”"), "{}", title_line(&mut e));
    e.keys("jjkG");
}

#[test]
fn s_cycles_title_date_length_hits_and_back_to_the_corpus_order() {
    let mut e = collection(100, 30);
    let corpus_order = listed(&e);
    e.keys("s");
    assert_eq!(e.app.list().order(), Order::Title);
    assert_eq!(listed(&e)[..3], ["negotiator", "big", "chile"]);
    assert!(title_line(&mut e).contains("· by title"), "{}", title_line(&mut e));
    e.keys("s");
    assert_eq!(listed(&e), ["negotiator", "big", "small", "cp", "cp-es", "chile", "peru"], "undated last");
    e.keys("s");
    assert_eq!(listed(&e)[..2], ["big", "cp"], "the longest first");
    e.keys("s");
    assert_eq!(e.app.list().order(), Order::Corpus, "no search yet: no order by hits");
    assert_eq!(listed(&e), corpus_order);
    e.keys("/tariffs").press(KeyCode::Enter);
    e.keys("1").keys("ssss");
    assert_eq!(e.app.list().order(), Order::Hits);
    assert_eq!(listed(&e)[..3], ["big", "small", "negotiator"], "most hits first, ties as written");
    assert!(title_line(&mut e).contains("· by hits"));
}

#[test]
fn the_selection_stays_on_its_entry_through_a_filter_and_an_order() {
    let mut e = collection(100, 30);
    e.select_entry("small");
    e.keys("s");
    assert_eq!(e.app.selected_entry().map(|i| e.app.corpus().entries[i].id.to_string()).as_deref(), Some("small"));
    e.keys("fkind:treaty").press(KeyCode::Enter);
    // "k" alone let no entry through: the entry comes back selected once it passes again.
    assert_eq!(e.app.selected_entry().map(|i| e.app.corpus().entries[i].id.to_string()).as_deref(), Some("small"));
    let screen = e.screen();
    assert!(screen.contains("Zonal Protocol"), "{screen}");
}

#[test]
fn the_bundled_corpus_filters_by_kind_and_sorts_by_date() {
    let mut e = Explorer::new(80, 24);
    e.keys("fkind:person").press(KeyCode::Enter);
    let people = listed(&e);
    assert!(
        people.len() >= 5
            && people.iter().all(|id| {
                let i = e.app.corpus().find(id).unwrap();
                e.app.corpus().entries[i].kind == treaty_tui::model::Kind::Person
            })
    );
    e.keys("ss");
    let years: Vec<i32> = e
        .app
        .list()
        .entries()
        .iter()
        .filter_map(|&i| e.app.corpus().entries[i].dates.as_ref().map(|d| d.start.first.year))
        .collect();
    assert!(years.is_sorted() && !years.is_empty(), "{years:?}");
    let title = title_line(&mut e);
    assert!(title.contains("1/10 of 37 · by date"), "the order before the filter, at 80×24: {title}");
}
