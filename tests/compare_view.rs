//! The comparison view (`c`): an article beside its counterparts, stepped together, one
//! column at a time when narrow, readable without colour, and left where it was stepped.

mod common;

use common::Explorer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use treaty_tui::app::Overlay;
use treaty_tui::ui;

fn comparing(width: u16, height: u16, address: &str) -> Explorer {
    let mut e = Explorer::new(width, height);
    let (entry, part) = treaty_tui::model::address::parse(&e.app.corpus, address).unwrap();
    e.app.start_at(entry, part);
    e.keys("c");
    assert!(matches!(e.app.overlay, Some(Overlay::Compare(_))), "c opens the comparison");
    e
}

#[test]
fn comparison_snapshots() {
    for (width, height) in [(80, 24), (160, 40)] {
        let mut e = comparing(width, height, "treaty#4");
        insta::assert_snapshot!(format!("compare_article_4_{width}x{height}"), e.screen());
    }
    let mut narrow = comparing(60, 20, "treaty#4");
    narrow.press(KeyCode::Tab);
    insta::assert_snapshot!("compare_article_4_60x20_second_column", narrow.screen());
}

#[test]
fn the_columns_say_how_much_differs_and_mark_the_words() {
    let mut e = comparing(160, 40, "treaty#4");
    let screen = e.screen();
    assert!(screen.contains("treaty#4 · Article 4 — No hostile alliances"), "{screen}");
    assert!(screen.contains("soviet-estonian-treaty#4 · 85% the same words; 2"), "{screen}");
    assert!(screen.contains("soviet-lithuanian-treaty#VI · 75% the same words"), "{screen}");
    // In colour, words put in are underlined and green; words left out struck through.
    let inserted = e.style_at("conclude make", "conclude ".len()).unwrap();
    assert!(inserted.add_modifier.contains(Modifier::UNDERLINED) && inserted.fg == Some(Color::Green), "{inserted:?}");
    let deleted = e.style_at("conclude make", 0).unwrap();
    assert!(deleted.add_modifier.contains(Modifier::CROSSED_OUT), "{deleted:?}");
}

#[test]
fn without_colour_the_differences_still_show() {
    let mut e = comparing(160, 40, "treaty#4");
    e.terminal.draw(|frame| ui::draw(frame, &e.app, &ui::theme::MONO)).unwrap();
    let buffer = e.terminal.backend().buffer().clone();
    let rows = common::rows(&buffer);
    let (y, line) = rows.iter().enumerate().find(|(_, l)| l.contains("conclude make")).unwrap();
    let x = unicode_width::UnicodeWidthStr::width(&line[..line.find("conclude make").unwrap()]) as u16;
    let (deleted, inserted) = (buffer[(x, y as u16)].style(), buffer[(x + 9, y as u16)].style());
    assert!(deleted.add_modifier.contains(Modifier::REVERSED), "deleted words in reverse video: {deleted:?}");
    assert!(inserted.add_modifier.contains(Modifier::UNDERLINED), "inserted words underlined: {inserted:?}");
    for style in [deleted, inserted] {
        let plain = |c: Option<Color>| matches!(c, None | Some(Color::Reset));
        assert!(plain(style.fg) && plain(style.bg), "no colour: {style:?}");
    }
}

#[test]
fn brackets_step_every_column_and_leaving_opens_the_article_reached() {
    let mut e = comparing(160, 40, "treaty#5");
    e.keys("]");
    let screen = e.screen();
    assert!(screen.contains("Compare Article 6 — Ratification and term"), "{screen}");
    assert!(screen.contains("soviet-estonian-treaty#6 · "), "{screen}");
    assert!(
        screen.contains("soviet-lithuanian-treaty#VIII +") && screen.contains("soviet-lithuanian-treaty#IX · "),
        "{screen}"
    );
    e.keys("]");
    assert!(e.screen().contains("soviet-estonian-treaty#annex1"), "the protocols too");
    e.keys("]");
    assert_eq!(e.app.notice.as_deref(), Some("the treaty's last part"));
    e.keys("[[");
    e.press(KeyCode::Esc);
    assert!(e.app.overlay.is_none());
    assert_eq!((e.open_id(), e.app.place.page.part), ("treaty", 6), "the article last compared is open");
}

#[test]
fn t_chooses_the_treaties_beside_it_and_tab_the_column_when_narrow() {
    let mut e = comparing(160, 40, "treaty#2");
    e.keys("t");
    let screen = e.screen();
    assert!(
        screen.contains("soviet-estonian-treaty#2") && !screen.contains("soviet-lithuanian-treaty#III"),
        "{screen}"
    );
    e.keys("t");
    let screen = e.screen();
    assert!(
        !screen.contains("soviet-estonian-treaty#2") && screen.contains("soviet-lithuanian-treaty#III"),
        "{screen}"
    );
    e.keys("t");
    let screen = e.screen();
    assert!(
        screen.contains("soviet-estonian-treaty#2") && screen.contains("soviet-lithuanian-treaty#III"),
        "all again"
    );

    let mut narrow = comparing(70, 20, "treaty#2");
    let first = narrow.screen();
    assert!(first.contains("Column 1 of 3") && first.contains("treaty#2 · Article 2"), "{first}");
    assert!(!first.contains("soviet-estonian-treaty#2"), "one column below 80 cells:\n{first}");
    narrow.press(KeyCode::Tab);
    assert!(narrow.screen().contains("soviet-estonian-treaty#2 · "));
    narrow.press(KeyCode::Tab).press(KeyCode::Tab);
    assert!(narrow.screen().contains("Column 1 of 3"), "Tab comes round again");
}

#[test]
fn y_copies_the_articles_compared_with_their_citations() {
    let mut e = comparing(160, 40, "treaty#4");
    e.keys("y");
    let copied = e.app.clipboard.clone().expect("copied");
    assert!(copied.contains("Neither party will conclude an alliance"), "{copied}");
    assert!(
        copied.contains("treaty-tui: treaty#4") && copied.contains("treaty-tui: soviet-estonian-treaty#4"),
        "{copied}"
    );
    assert!(copied.contains("treaty-tui: soviet-lithuanian-treaty#VI"), "{copied}");
}

#[test]
fn an_article_without_counterparts_says_so() {
    let mut e = Explorer::new(120, 40);
    e.select_entry("molotov").press(KeyCode::Enter).keys("c");
    assert!(e.app.overlay.is_none());
    assert_eq!(e.app.notice.as_deref(), Some("nothing to compare: open a treaty's article first"));
    let mut e = comparing(200, 40, "soviet-lithuanian-treaty#I");
    let screen = e.screen();
    assert!(
        screen.contains("treaty · no counterpart") && screen.contains("Mutual Assistance Treaty has no counterpart of"),
        "{screen}"
    );
    // Scrolling never runs past the end, whatever is pressed.
    e.keys("GGjjjj");
    let scroll = match &e.app.overlay {
        Some(Overlay::Compare(c)) => c.scroll,
        _ => unreachable!(),
    };
    assert_eq!(scroll, 0, "all of it fits");
}

#[test]
fn the_overview_lists_each_treaty_s_articles_aligned_with_how_much_is_the_same() {
    let mut e = comparing(120, 30, "treaty#5");
    e.keys("o");
    let screen = e.screen();
    insta::assert_snapshot!("compare_overview_120x30", screen);
    let row = |start: &str| -> String {
        screen
            .lines()
            .find(|l| l.trim_start_matches('│').starts_with(start))
            .unwrap_or_else(|| panic!("{start}\n{screen}"))
            .to_string()
    };
    assert!(row("Article 4 — No hostile alliances").contains("Article 4 · 85%"), "{screen}");
    assert!(row("Article 4 — No hostile alliances").contains("Article VI · 75%"), "{screen}");
    // The Lithuanian articles that answer to none of the Latvian ones, on rows of their own.
    let own: Vec<&str> = screen.lines().filter(|l| l.trim_start_matches('│').starts_with('—')).collect();
    assert_eq!(own.len(), 2, "{screen}");
    assert!(own[0].contains("Article I ") && own[1].contains("Article V "), "{own:?}");
    // The open article is selected; Enter compares the one selected.
    match &e.app.overlay {
        Some(Overlay::Compare(c)) => {
            assert_eq!(c.overview.as_ref().unwrap().rows[c.overview.as_ref().unwrap().selected].base, Some(c.base))
        }
        _ => unreachable!(),
    }
    e.keys("k").press(KeyCode::Enter);
    assert!(e.screen().contains("Compare Article 4 — No hostile alliances"));
    // On a row of the other treaty's own, Enter says why it compares nothing.
    e.keys("o").keys("k").press(KeyCode::Enter);
    assert_eq!(e.app.notice.as_deref(), Some("this article answers to none of the open treaty's"));
}

#[test]
fn the_comparison_and_its_overview_draw_at_every_size() {
    let mut e = comparing(80, 24, "treaty#6");
    for overview in [false, true] {
        if overview {
            e.keys("o");
        }
        for width in 0..=90 {
            for height in 0..=24 {
                e.app.update(treaty_tui::app::Action::Resize(width, height));
                e.terminal.backend_mut().resize(width, height);
                e.keys("Gj");
                e.screen();
            }
        }
    }
}

#[test]
fn s_lists_the_articles_most_like_this_one_and_enter_sets_one_beside_it() {
    // The Lithuanian article on Vilnius has no declared counterpart.
    let mut e = comparing(120, 30, "soviet-lithuanian-treaty#V");
    e.keys("s");
    // The index is built aside; the list says so until it is ready.
    let waiting = e.screen();
    let ready = |e: &Explorer| matches!(&e.app.overlay, Some(Overlay::Compare(c)) if c.similar.as_ref().is_some_and(|l| l.hits.is_some()));
    assert!(ready(&e) || waiting.contains("reading every article of the corpus"), "{waiting}");
    for _ in 0..2000 {
        e.between_keys();
        if ready(&e) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let screen = e.screen();
    assert!(screen.contains("Most like Article V — Consultation"), "{screen}");
    let hits = match &e.app.overlay {
        Some(Overlay::Compare(c)) => c.similar.as_ref().unwrap().hits.clone().unwrap(),
        _ => unreachable!(),
    };
    assert!(!hits.is_empty() && hits.windows(2).all(|w| w[0].1 >= w[1].1), "best first: {hits:?}");
    assert!(hits.iter().all(|((entry, _), _)| e.app.corpus.entries[*entry].id != "soviet-lithuanian-treaty"));
    e.keys("j").press(KeyCode::Enter);
    let second = treaty_tui::model::address::format(&e.app.corpus, hits[1].0.0, hits[1].0.1);
    let screen = e.screen();
    assert!(screen.contains(&format!("≈ {second} (similar)")), "the chosen article, marked as suggested:\n{screen}");
    // A second time, the index is ready at once.
    e.keys("s");
    assert!(ready(&e), "the index is kept for the corpus");
}

#[test]
fn where_no_counterpart_is_named_the_most_similar_articles_are_offered() {
    let corpus = treaty_tui::read::load_str(
        r#"Corpus(title: "Two", entries: [
            Entry(id: "a", title: "A", kind: Treaty, summary: "A.", articles: [
                Article(text: ["Each party shall help the other with arms and troops if attacked by a great power."]),
                Article(text: ["Naval bases and airfields are leased at a fair rent on the coast."]),
            ]),
            Entry(id: "b", title: "B", kind: Treaty, summary: "B.", articles: [
                Article(text: ["The other party leases naval bases and airfields on the coast, at a fair rent."]),
                Article(text: ["If a great power attacks, each party shall help the other with troops and arms."]),
            ]),
        ])"#,
    )
    .unwrap();
    let mut e = Explorer::on(corpus, 120, 30);
    e.app.start_at(0, 1);
    e.keys("c");
    assert_eq!(e.app.notice.as_deref(), Some("a names no counterparts: the articles most like this one"));
    for _ in 0..2000 {
        e.between_keys();
        if matches!(&e.app.overlay, Some(Overlay::Compare(c)) if c.similar.as_ref().is_some_and(|l| l.hits.is_some())) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(e.screen().contains("Article 2  B"), "{}", e.screen());
    e.press(KeyCode::Enter);
    let screen = e.screen();
    assert!(screen.contains("≈ b#2 (similar)"), "the suggestion, marked as one:\n{screen}");
}

#[test]
fn the_comparison_is_laid_out_once_for_what_it_shows_and_again_when_that_changes() {
    let mut e = comparing(160, 40, "treaty#4");
    let laid_out = |e: &Explorer| e.app.laid_out_rows(160).map(|rows| (rows.as_ptr(), rows.to_vec()));
    let (at, rows) = laid_out(&e).expect("laid out for the width shown");
    let Some(Overlay::Compare(c)) = &e.app.overlay else { panic!("open") };
    let (widths, one) = treaty_tui::app::compared_widths(160, c.columns.len() + 1);
    assert_eq!(rows, treaty_tui::app::compared_rows(&e.app.corpus, c, &widths, one), "as laid out afresh");
    assert!(e.app.laid_out_rows(120).is_none(), "not for another width");
    // Scrolling, and a frame drawn, lay nothing out again.
    e.press(KeyCode::Down).press(KeyCode::PageDown);
    e.screen();
    assert_eq!(laid_out(&e).unwrap().0, at, "the same rows, not laid out again");
    // The next article is laid out, and what is drawn is what a fresh layout gives.
    e.keys("]");
    let (_, next) = laid_out(&e).expect("laid out");
    assert_ne!(next, rows);
    let screen = e.screen();
    assert!(screen.contains("treaty#5"), "{screen}");
    e.app.update(treaty_tui::app::Action::Resize(120, 40));
    assert!(e.app.laid_out_rows(160).is_none() && e.app.laid_out_rows(120).is_some(), "laid out for the new width");
}
