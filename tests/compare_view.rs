//! The comparison view (`c`): an article beside its counterparts, stepped together, one
//! column at a time when narrow, readable without colour, and left where it was stepped.

mod common;

use common::Explorer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use treaty_tui::app::{Action, Overlay};
use treaty_tui::ui;

fn comparing(width: u16, height: u16, address: &str) -> Explorer {
    let mut e = Explorer::new(width, height);
    let (entry, part) = treaty_tui::model::address::parse(e.app.corpus(), address).unwrap();
    e.app.start_at(entry, part);
    e.keys("c");
    assert!(matches!(e.app.overlay(), Some(Overlay::Compare(_))), "c opens the comparison");
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
    // Article 5, whose Latvian text has a paragraph more than the Estonian, at the sizes
    // readers use most.
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let mut e = comparing(width, height, "treaty#5");
        insta::assert_snapshot!(format!("compare_article_5_{width}x{height}"), e.screen());
    }
}

#[test]
fn two_treaties_paired_by_their_words_snapshot() {
    let corpus = treaty_tui::read::load_str(include_str!("fixtures/valid/template_pair.ron")).unwrap();
    let mut e = Explorer::on(corpus, 120, 40);
    e.app.start_at(0, 2);
    e.keys("c");
    for _ in 0..2000 {
        e.between_keys();
        if matches!(&e.app.overlay(), Some(Overlay::Compare(c)) if c.similar.as_ref().is_some_and(|l| l.hits.is_some()))
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    // The most like Article 2 is B's Article 10; beside it, the next article goes on through
    // the two treaties set side by side: Article 3 split in two in B.
    e.press(KeyCode::Enter).keys("]");
    insta::assert_snapshot!("compare_paired_by_their_words_120x40", e.screen());
}

#[test]
fn the_columns_say_how_much_differs_and_mark_the_words() {
    let mut e = comparing(200, 40, "treaty#4");
    let screen = e.screen();
    // Each column is headed by its treaty's title and its article, not by addresses.
    assert!(screen.contains("Soviet–Latvian Mutual Assistance Treaty · Article 4 — No hostile"), "{screen}");
    assert!(screen.contains("Soviet–Estonian Mutual Assistance Treaty · Article 4 · 85% the"), "{screen}");
    assert!(screen.contains("Soviet–Lithuanian Mutual Assistance Treaty · Article VI · 75%"), "{screen}");
    assert!(!screen.contains("soviet-estonian-treaty#4"), "{screen}");
    // Each column reads as its article is written; in colour, the words a counterpart puts
    // in are underlined and green on it.
    let inserted = e.style_at("will make an alliance", "will ".len()).unwrap();
    assert!(inserted.add_modifier.contains(Modifier::UNDERLINED) && inserted.fg == Some(Color::Green), "{inserted:?}");
    assert!(!screen.contains("conclude make"), "no column holds another's words:\n{screen}");
    let kept = e.style_at("will conclude an", "will ".len()).unwrap();
    assert!(!kept.add_modifier.contains(Modifier::CROSSED_OUT), "beside two, the article unmarked: {kept:?}");
    // Beside one treaty, the article's words it leaves out are struck through on the article.
    e.keys("t");
    let deleted = e.style_at("will conclude an", "will ".len()).unwrap();
    assert!(deleted.add_modifier.contains(Modifier::CROSSED_OUT), "{deleted:?}");
    // `d` takes the marks off, and puts them back.
    e.keys("d");
    let plain = e.style_at("will conclude an", "will ".len()).unwrap();
    assert!(!plain.add_modifier.contains(Modifier::CROSSED_OUT), "{plain:?}");
    let plain = e.style_at("will make an alliance", "will ".len()).unwrap();
    assert!(!plain.add_modifier.contains(Modifier::UNDERLINED), "{plain:?}");
    e.keys("d");
    let deleted = e.style_at("will conclude an", "will ".len()).unwrap();
    assert!(deleted.add_modifier.contains(Modifier::CROSSED_OUT), "{deleted:?}");
}

/// The words of column `column` of laid-out rows, after its heading, as one string.
fn column_words(rows: &[Vec<treaty_tui::text::wrap::WrappedLine<treaty_tui::app::Mark>>], column: usize) -> String {
    let text: Vec<String> = rows
        .iter()
        .map(|row| row.get(column).map_or(String::new(), |line| line.iter().map(|(t, _)| t.as_str()).collect()))
        .collect();
    let from = text.iter().position(String::is_empty).unwrap_or(0);
    text[from..].join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn with_the_marks_on_or_off_each_column_is_exactly_its_article() {
    let e = Explorer::new(200, 40);
    let corpus = e.app.corpus();
    for treaty in ["treaty", "soviet-estonian-treaty", "soviet-lithuanian-treaty"] {
        let entry = corpus.find(treaty).unwrap();
        for part in 1..=corpus.entries[entry].clauses.len() {
            let mut e = comparing(200, 40, &treaty_tui::model::address::format(corpus, entry, part));
            for marks in [true, false] {
                if !marks {
                    e.app.update(Action::Marks);
                }
                let Some(Overlay::Compare(c)) = e.app.overlay() else { panic!("open") };
                assert_eq!(c.marks, marks, "m turns the marks off");
                let (widths, one) = treaty_tui::app::compared_widths(200, c.columns.len() + 1);
                let rows = treaty_tui::app::compared_rows(corpus, c, &widths, one);
                let words = |places: &[(usize, usize)]| {
                    let text = treaty_tui::compare::paragraphs(corpus, places).join(" ");
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                };
                let base = column_words(&rows, 0);
                assert!(base.starts_with(&words(&[c.base])), "{treaty} part {part}, marks {marks}: {base}");
                for (k, column) in c.columns.iter().enumerate().filter(|(_, c)| c.aligned.is_some()) {
                    let own = column_words(&rows, k + 1);
                    assert_eq!(own, words(&column.places), "{treaty} part {part} column {k}, marks {marks}");
                }
            }
        }
    }
}

#[test]
fn without_colour_the_differences_still_show() {
    let mut e = comparing(160, 40, "treaty#4");
    e.keys("t");
    e.terminal.draw(|frame| ui::draw(frame, &e.app, &ui::theme::MONO)).unwrap();
    let buffer = e.terminal.backend().buffer().clone();
    let rows = common::rows(&buffer);
    let at = |words: &str| {
        let (y, line) = rows.iter().enumerate().find(|(_, l)| l.contains(words)).unwrap();
        let x = unicode_width::UnicodeWidthStr::width(&line[..line.find(words).unwrap()]) as u16;
        (x + 5, y as u16)
    };
    let (deleted, inserted) = (buffer[at("will conclude")].style(), buffer[at("will make")].style());
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
    let beside = |e: &Explorer| -> Vec<Vec<String>> {
        let Some(Overlay::Compare(c)) = &e.app.overlay() else { panic!("open") };
        let format = |&(entry, part): &(usize, usize)| treaty_tui::model::address::format(e.app.corpus(), entry, part);
        c.columns.iter().map(|column| column.places.iter().map(format).collect()).collect()
    };
    assert_eq!(
        beside(&e),
        [vec!["soviet-estonian-treaty#6"], vec!["soviet-lithuanian-treaty#VIII", "soviet-lithuanian-treaty#IX"]]
    );
    assert!(screen.contains("Article VIII + Article IX"), "{screen}");
    e.keys("]");
    assert_eq!(beside(&e)[0], ["soviet-estonian-treaty#annex1"], "the protocols too");
    e.keys("]");
    assert_eq!(e.app.notice(), Some("the treaty's last part"));
    e.keys("[[");
    e.press(KeyCode::Esc);
    assert!(e.app.overlay().is_none());
    assert_eq!((e.open_id(), e.app.spot().page.part), ("treaty", 6), "the article last compared is open");
}

#[test]
fn t_chooses_the_treaties_beside_it_and_tab_the_column_when_narrow() {
    let mut e = comparing(160, 40, "treaty#2");
    e.keys("t");
    let (estonian, lithuanian) = ("Soviet–Estonian Mutual Assistance", "Soviet–Lithuanian Mutual Assistance");
    let screen = e.screen();
    assert!(screen.contains(estonian) && !screen.contains(lithuanian), "{screen}");
    e.keys("t");
    let screen = e.screen();
    assert!(!screen.contains(estonian) && screen.contains(lithuanian), "{screen}");
    e.keys("t");
    let screen = e.screen();
    assert!(screen.contains(estonian) && screen.contains(lithuanian), "all again");

    let mut narrow = comparing(70, 20, "treaty#2");
    let first = narrow.screen();
    assert!(
        first.contains("Column 1 of 3") && first.contains("Soviet–Latvian Mutual Assistance Treaty · Article 2"),
        "{first}"
    );
    assert!(!first.contains(estonian), "one column below 80 cells:\n{first}");
    narrow.press(KeyCode::Tab);
    assert!(narrow.screen().contains("Soviet–Estonian Mutual Assistance Treaty · Article 2 · "));
    narrow.press(KeyCode::Tab).press(KeyCode::Tab);
    assert!(narrow.screen().contains("Column 1 of 3"), "Tab comes round again");
}

#[test]
fn y_copies_the_articles_compared_with_their_citations() {
    let mut e = comparing(160, 40, "treaty#4");
    e.keys("y");
    let copied = e.app.requests().copied().map(String::from).expect("copied");
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
    assert!(e.app.overlay().is_none());
    assert_eq!(e.app.notice(), Some("nothing to compare: open a treaty's article first"));
    let mut e = comparing(200, 40, "soviet-lithuanian-treaty#I");
    let screen = e.screen();
    assert!(
        screen.contains("Soviet–Latvian Mutual Assistance Treaty · no counterpart")
            && screen.contains("Mutual Assistance Treaty has no counterpart of"),
        "{screen}"
    );
    // Scrolling never runs past the end, whatever is pressed.
    e.keys("GGjjjj");
    let scroll = match &e.app.overlay() {
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
    match &e.app.overlay() {
        Some(Overlay::Compare(c)) => {
            assert_eq!(c.overview.as_ref().unwrap().rows[c.overview.as_ref().unwrap().selected].base, Some(c.base))
        }
        _ => unreachable!(),
    }
    e.keys("k").press(KeyCode::Enter);
    assert!(e.screen().contains("Compare Article 4 — No hostile alliances"));
    // On a row of the other treaty's own, Enter says why it compares nothing.
    e.keys("o").keys("k").press(KeyCode::Enter);
    assert_eq!(e.app.notice(), Some("this article answers to none of the open treaty's"));
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
    let ready = |e: &Explorer| matches!(&e.app.overlay(), Some(Overlay::Compare(c)) if c.similar.as_ref().is_some_and(|l| l.hits.is_some()));
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
    let hits = match &e.app.overlay() {
        Some(Overlay::Compare(c)) => c.similar.as_ref().unwrap().hits.clone().unwrap(),
        _ => unreachable!(),
    };
    assert!(!hits.is_empty() && hits.windows(2).all(|w| w[0].1 >= w[1].1), "best first: {hits:?}");
    assert!(hits.iter().all(|((entry, _), _)| e.app.corpus().entries[*entry].id != "soviet-lithuanian-treaty"));
    e.keys("j").press(KeyCode::Enter);
    let Some(Overlay::Compare(c)) = &e.app.overlay() else { panic!("open") };
    assert!(c.columns.len() == 1 && c.columns[0].suggested && c.columns[0].places == [hits[1].0], "{:?}", c.columns);
    let screen = e.screen();
    let title = &e.app.corpus().entries[hits[1].0.0].title;
    assert!(screen.contains(&format!("≈ {title}")) && screen.contains("(similar)"), "marked as suggested:\n{screen}");
    // `]` says what became of the suggestion, which answers to another article only.
    e.keys("]");
    assert_eq!(
        e.app.notice(),
        Some("Article VI beside the counterparts named for it; s lists the articles most like it")
    );
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
                Article(text: ["Ratified in Moscow within ten days."]),
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
    assert_eq!(e.app.notice(), Some("a names no counterparts: the articles most like this one"));
    for _ in 0..2000 {
        e.between_keys();
        if matches!(&e.app.overlay(), Some(Overlay::Compare(c)) if c.similar.as_ref().is_some_and(|l| l.hits.is_some()))
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(e.screen().contains("Article 2  B"), "{}", e.screen());
    e.press(KeyCode::Enter);
    let screen = e.screen();
    assert!(screen.contains("≈ B · Article 2 (similar)"), "the suggestion, marked as one:\n{screen}");
    // Its treaty stays beside the article: the next article's counterpart there is found by
    // setting the two treaties side by side by their words (the articles are in the other order).
    e.keys("]");
    assert_eq!(
        e.app.notice(),
        Some("Article 2 beside Article 1, paired by their words; s lists the articles most like it")
    );
    let screen = e.screen();
    assert!(!screen.contains("(similar)"), "{screen}");
    assert!(screen.contains("B · Article 1 (paired by their words) · "), "{screen}");
    assert!(screen.contains("The other party leases naval bases"), "{screen}");
    // An article that answers to nothing there says so.
    e.keys("]");
    let screen = e.screen();
    assert!(
        screen.contains("B · no counterpart") && screen.contains("B has no counterpart of this article."),
        "{screen}"
    );
    // And back: the first article beside the second of B, as the overview pairs them too.
    e.keys("[[");
    assert!(e.screen().contains("B · Article 2 (paired by their words) · "), "{}", e.screen());
    e.keys("o");
    let overview = e.screen();
    let row = overview.lines().find(|l| l.trim_start_matches('│').starts_with("Article 1")).unwrap_or_default();
    assert!(row.contains("Article 2 · ") && row.contains("by their words"), "{overview}");
}

#[test]
fn the_comparison_is_laid_out_once_for_what_it_shows_and_again_when_that_changes() {
    let mut e = comparing(160, 40, "treaty#4");
    let laid_out = |e: &Explorer| e.app.laid_out_rows(160).map(|rows| (rows.as_ptr(), rows.to_vec()));
    let (at, rows) = laid_out(&e).expect("laid out for the width shown");
    let Some(Overlay::Compare(c)) = &e.app.overlay() else { panic!("open") };
    let (widths, one) = treaty_tui::app::compared_widths(160, c.columns.len() + 1);
    assert_eq!(rows, treaty_tui::app::compared_rows(e.app.corpus(), c, &widths, one), "as laid out afresh");
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
    assert!(screen.contains("Article 5 — Sovereignty"), "{screen}");
    e.app.update(treaty_tui::app::Action::Resize(120, 40));
    assert!(e.app.laid_out_rows(160).is_none() && e.app.laid_out_rows(120).is_some(), "laid out for the new width");
}
