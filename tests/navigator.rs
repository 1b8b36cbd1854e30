//! Reading long treaties at 80×24: a generated treaty of 1,000 articles in 60 chapters, and
//! real treaty structures. After every `]`, `}`, jump and `--open`, the selected article's
//! text is on screen.

mod common;

use common::{Explorer, rows};
use ratatui::crossterm::event::KeyCode;
use treaty_tui::app::{Action, ContentsRow, ListRow, Pane};
use treaty_tui::model::{ClauseLabel, Corpus, address};
use treaty_tui::read::load::{load_file, load_str};

/// The detail pane's inside at 80×24: columns 25 to 78, rows 1 to 15.
fn detail(e: &mut Explorer) -> String {
    e.screen();
    let rows = rows(e.terminal.backend().buffer());
    let inside = |row: &String| row.chars().skip(25).take(54).collect::<String>().trim_end().to_string();
    rows[1..16].iter().map(inside).collect::<Vec<_>>().join("\n")
}

/// Whether the detail view shows part `part` of the open treaty: its heading and the first
/// words of its text.
fn shows_part(e: &mut Explorer, part: usize) -> Result<(), String> {
    let entry = &e.app.corpus().entries[e.app.spot().page.entry];
    let clause = entry.part(part).unwrap();
    let heading: String = clause.full_name().chars().take(40).collect();
    let heading = heading.split(' ').take(3).collect::<Vec<_>>().join(" ");
    let first_word = clause.text[0].plain.split(' ').next().unwrap().to_string();
    let shown = detail(e);
    if shown.contains(&heading) && shown.contains(&first_word) {
        Ok(())
    } else {
        Err(format!("part {part} ({heading:?}, {first_word:?}) is not on screen:\n{}", e.screen()))
    }
}

/// The generated corpus whose middle entry is a treaty of 1,000 articles in 60 chapters.
fn long() -> (Corpus, usize) {
    let corpus = load_str(&treaty_tui::synth::corpus(5, 2000)).unwrap();
    let longest = corpus.find("e1000").unwrap();
    let articles =
        corpus.entries[longest].clauses.iter().filter(|c| matches!(c.label, ClauseLabel::Article(_))).count();
    assert_eq!(articles, 1000);
    (corpus, longest)
}

#[test]
fn every_article_of_a_thousand_is_on_screen_after_bracket() {
    let (corpus, longest) = long();
    let parts = corpus.entries[longest].clauses.len();
    let mut e = Explorer::on(corpus, 80, 24);
    e.action(Action::Start { entry: longest, part: 0 });
    for part in 1..=parts {
        e.keys("]");
        assert_eq!(e.app.spot().page.part, part);
        shows_part(&mut e, part).unwrap();
        // The list shows the part's row, selected, in the treaty's contents.
        assert!(
            matches!(e.app.row(e.app.list().view().selected), Some(ListRow::Contents(ContentsRow::Part { part: p, .. })) if p == part)
        );
        let rows = e.app.pane_inner(treaty_tui::app::Pane::List).height as usize;
        let (at, top) = (e.app.list().view().selected, e.app.list().view().offset);
        assert!((top..top + rows).contains(&at), "row {at} of the list in view from {top}");
    }
    e.keys("]");
    assert_eq!(e.app.spot().page.part, parts, "] stops at the last part");
    for part in (1..parts).rev().step_by(97) {
        e.action(Action::Start { entry: longest, part: part + 1 });
        e.keys("[");
        shows_part(&mut e, part).unwrap();
    }
}

#[test]
fn every_chapter_is_reached_with_braces_and_its_text_shown() {
    let (corpus, longest) = long();
    let mut e = Explorer::on(corpus, 80, 24);
    e.action(Action::Start { entry: longest, part: 0 });
    let mut seen = Vec::new();
    loop {
        let before = e.app.spot().page.part;
        e.keys("}");
        if e.app.spot().page.part == before {
            break;
        }
        let part = e.app.spot().page.part;
        shows_part(&mut e, part).unwrap();
        let corpus = std::sync::Arc::clone(e.app.corpus());
        let chapter =
            corpus.entries[longest].chapters_of(part - 1).into_iter().find(|c| c.division == "Chapter").unwrap();
        assert_eq!(chapter.clauses.start as usize, part - 1, "a chapter's first article");
        assert!(detail(&mut e).contains(&format!("Chapter {}", chapter.label)), "{}", e.screen());
        seen.push(chapter.label.to_string());
        // Only the parts of the chapter being read are open: the list stays short.
        assert!(e.app.list_len() < 2000 + 60 + 60, "{}", e.app.list_len());
    }
    assert_eq!(seen.len(), 60, "{seen:?}");
    assert!(e.screen().contains("no chapter after this one"));
    // { goes back to the start of this chapter from inside it, then to the one before.
    e.keys("]]{");
    let start = e.app.spot().page.part;
    e.keys("{");
    assert!(e.app.spot().page.part < start);
    let part = e.app.spot().page.part;
    shows_part(&mut e, part).unwrap();
}

#[test]
fn jumping_by_label_and_opening_at_an_address_show_the_article() {
    let (corpus, longest) = long();
    let entry = &corpus.entries[longest];
    let labelled: Vec<(usize, String)> = entry
        .clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.label, ClauseLabel::Article(_)))
        .map(|(k, _)| (k + 1, address::suffixes(entry)[k].clone()))
        .collect();
    let chapter_30 = entry
        .chapters
        .iter()
        .position(|c| c.division == "Chapter" && c.label == "30")
        .map(|c| (entry.chapters[c].clauses.start as usize + 1, address::chapter_suffix(entry, c).unwrap()));
    let mut e = Explorer::on(corpus, 80, 24);
    e.action(Action::Start { entry: longest, part: 0 });
    for (part, label) in labelled.iter().step_by(37) {
        e.keys(":").keys(label).press(KeyCode::Enter);
        assert_eq!(e.app.spot().page.part, *part, "{label}");
        assert_eq!(e.app.focus(), Pane::Detail);
        shows_part(&mut e, *part).unwrap();
    }
    // --open takes the same addresses, as the citations write them.
    for (part, suffix) in labelled.iter().step_by(101).cloned().chain(chapter_30) {
        let mut fresh = Explorer::on(load_str(&treaty_tui::synth::corpus(5, 2000)).unwrap(), 80, 24);
        let (entry, at) = address::parse(fresh.app.corpus(), &format!("e1000#{suffix}")).unwrap();
        assert_eq!((entry, at), (longest, part), "{suffix}");
        fresh.action(Action::Start { entry, part: at });
        shows_part(&mut fresh, part).unwrap();
    }
}

fn structures() -> Explorer {
    let corpus = load_file(std::path::Path::new("tests/fixtures/valid/real_structures.ron")).unwrap();
    Explorer::on(corpus, 80, 24)
}

#[test]
fn chapters_open_and_close_in_the_list() {
    let mut e = structures();
    let screen = e.screen();
    assert!(screen.contains("║  + Chapter 1 Initial"), "closed at first:\n{screen}");
    assert!(screen.contains("║  + Chapter 30 Final"), "{screen}");
    e.keys("j");
    assert_eq!(e.app.spot().page.part, 1, "a chapter's row shows its first article");
    assert!(detail(&mut e).contains("Article 1.1 — Establishment of a Free Trade Area"));
    e.press(KeyCode::Right);
    assert!(e.screen().contains("║  − Chapter 1 Initial"), "→ opens:\n{}", e.screen());
    assert!(e.screen().contains("+ Section A Initi…"), "{}", e.screen());
    e.press(KeyCode::Right).press(KeyCode::Right).press(KeyCode::Right).press(KeyCode::Down);
    assert_eq!(e.app.spot().page.part, 2, "moving through the contents reads them");
    assert!(e.screen().contains("Art. 1.2 Relati…"), "{}", e.screen());
    assert!(detail(&mut e).contains("Article 1.2 — Relation to Other"));
    e.press(KeyCode::Left);
    assert!(
        matches!(
            e.app.row(e.app.list().view().selected),
            Some(ListRow::Contents(ContentsRow::Chapter { chapter: 1, .. }))
        ),
        "← goes up"
    );
    e.press(KeyCode::Left);
    assert!(e.screen().contains("+ Section A Initi…"), "← again closes:\n{}", e.screen());
    e.press(KeyCode::Enter);
    assert!(e.screen().contains("− Section A Initi…"), "Enter opens and closes too");
    e.keys("gh");
    assert!(!e.screen().contains("Chapter 1 Initial"), "← on the treaty hides its contents");
    e.keys("l");
    assert!(e.screen().contains("Chapter 1 Initial"), "→ shows them again");
}

#[test]
fn go_to_completes_labels_and_says_what_it_cannot_find() {
    let mut e = structures();
    e.keys(":30");
    let screen = e.screen();
    assert!(screen.contains(":30▏"), "{screen}");
    assert!(screen.contains("│▶ 30.1 ") && screen.contains("  Chapter 30 › Article 30.1 — Annexes"), "{screen}");
    e.keys(".");
    e.press(KeyCode::Down).press(KeyCode::Tab);
    assert!(e.screen().contains(":30.2▏"), "Tab completes the selected choice:\n{}", e.screen());
    e.press(KeyCode::Enter);
    assert_eq!(e.app.spot().page.part, 6);
    e.keys(":Article 30.8").press(KeyCode::Enter);
    assert_eq!(e.app.spot().page.part, 12, "\"Article 30.8\" is 30.8");
    e.keys(":chapter 1").press(KeyCode::Enter);
    assert_eq!(e.app.spot().page.part, 1);
    e.keys(":authentic").press(KeyCode::Enter);
    assert_eq!(e.app.spot().page.part, 12, "words of a heading find it");
    e.keys(":99.9").press(KeyCode::Enter);
    let screen = e.screen();
    assert!(screen.contains("no article is labelled `99.9`"), "{screen}");
    e.press(KeyCode::Esc);
    assert_eq!(e.app.overlay(), None);
    e.keys(":rome-statute#8 bis").press(KeyCode::Enter);
    assert_eq!(e.open_id(), "rome-statute");
    assert!(detail(&mut e).contains("Article 8 bis — Crime of aggression"), "{}", e.screen());
    e.keys(":us-constitution#IV").press(KeyCode::Enter);
    assert!(detail(&mut e).contains("Article IV"));
    e.keys(":iv").press(KeyCode::Enter);
    assert_eq!(e.app.spot().page.part, 4, "labels match in any case");
    let mut on_a_person = Explorer::new(80, 24);
    on_a_person.action(Action::Start { entry: 1, part: 0 }).keys(":");
    assert!(on_a_person.screen().contains("open a treaty first"));
}

#[test]
fn v_switches_to_the_same_article_in_another_language() {
    let mut e = structures();
    e.keys(":30.8").press(KeyCode::Enter);
    let screen = e.screen();
    assert!(screen.contains(" en · es (v) "), "the versions, below the text:\n{screen}");
    e.keys("v");
    assert_eq!(e.open_id(), "tpp-es");
    assert!(detail(&mut e).contains("Article 30.8 — Textos Auténticos"), "{}", e.screen());
    assert!(e.screen().contains("the version in es"));
    e.keys("v");
    assert_eq!((e.open_id(), e.app.spot().page.part), ("tpp", 12), "and back");
    e.keys(":1.1").press(KeyCode::Enter).keys("v");
    assert_eq!((e.open_id(), e.app.spot().page.part), ("tpp-es", 0));
    assert!(e.screen().contains("the version in es has no part `1.1`: its overview"), "{}", e.screen());
    e.press(KeyCode::Backspace);
    assert_eq!((e.open_id(), e.app.spot().page.part), ("tpp", 1), "Backspace comes back");
}

#[test]
fn citations_name_the_chapter_and_the_label() {
    let mut e = structures();
    e.keys(":30.8").press(KeyCode::Enter).keys("yy");
    assert_eq!(
        e.app.requests().copied(),
        Some(
            "“Trans-Pacific Partnership Agreement”, Chapter 30, Article 30.8 (Authentic Texts), 4 February 2016. In: Real treaty structures. treaty-tui: tpp#30.8"
        )
    );
    e.keys(":rome-statute#8 bis").press(KeyCode::Enter);
    let part = e.app.spot().page.part;
    assert_eq!(part, 10, "{}", e.screen());
    e.keys("yy");
    assert!(e.app.requests().copied().unwrap().starts_with(
        "“Rome Statute of the International Criminal Court”, Part 2, Article 8 bis (Crime of aggression)"
    ));
    // In the list, a row of the contents is cited as the part it names.
    e.keys("1");
    assert!(matches!(e.app.row(e.app.list().view().selected), Some(ListRow::Contents(_))));
    e.keys("yy");
    assert!(e.app.requests().copied().unwrap().contains("Article 8 bis"), "{:?}", e.app.requests().copied());
}

#[test]
fn the_status_line_and_the_detail_title_say_where_the_reader_is() {
    let mut e = structures();
    e.keys(":1.3").press(KeyCode::Enter);
    let screen = e.screen();
    // The treaty named first, the chapters dropped before it is (the page shows them).
    assert!(screen.contains("╔ Trans-Pacific Partnership Agreement › Article 1.3 —"), "{screen}");
    let status = screen.lines().last().unwrap();
    assert!(status.contains("Trans-Pacific Partnership Ag… › Article 1.3"), "the title cut, the label whole: {status}");
    let shown = detail(&mut e);
    assert!(
        shown.contains("Chapter 1 — Initial Provisions and General Definitions\nSection B — General Definitions"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "Placeholder: for this Agreement, unless otherwise set\nout:\n  (a) the first term means one thing;"
        ),
        "{shown}"
    );
    e.keys(":rome-statute#8").press(KeyCode::Enter);
    let shown = detail(&mut e);
    assert!(shown.contains("  2. Placeholder: war crimes are these:\n    (a) grave breaches of the conventions of 1949,\n        among them:\n      (i) wilful killing;"), "list items hang:\n{shown}");
}
