//! `App::update`, action by action: what is open, selected and focused afterwards.

mod common;

use common::Explorer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Modifier;
use treaty_tui::app::{Action, Motion, Overlay, Pane};
use treaty_tui::model::address::parse as target;

fn id(e: &Explorer, entry: usize) -> String {
    e.app.corpus().entries[entry].id.to_string()
}

#[test]
fn enter_in_the_list_opens_the_selected_entry_and_marks_it() {
    let mut e = Explorer::new(120, 40);
    e.select_entry("molotov").press(KeyCode::Enter);
    assert_eq!(e.open_id(), "molotov");
    assert_eq!(e.app.focus(), Pane::Detail);
    // Its title in the list is marked as the open entry's, by style alone.
    let title = e.style_at("person  Vyacheslav Molotov", 8).unwrap();
    assert!(title.add_modifier.contains(Modifier::BOLD), "{title:?}");
    let other = e.style_at("person  Karl Selter", 8).unwrap();
    assert!(!other.add_modifier.contains(Modifier::BOLD), "{other:?}");
    assert!(!e.screen().contains('▸'));
}

#[test]
fn history_goes_back_and_forward_and_a_new_visit_drops_the_forward_part() {
    let mut e = Explorer::new(120, 40);
    e.press(KeyCode::Enter).select_link_to("munters").press(KeyCode::Enter);
    e.select_link_to("molotov").press(KeyCode::Enter);
    assert_eq!(e.open_id(), "molotov");
    e.press(KeyCode::Backspace);
    assert_eq!(e.open_id(), "munters");
    e.press_with(KeyCode::Left, KeyModifiers::ALT);
    assert_eq!(e.open_id(), "treaty");
    e.press_with(KeyCode::Right, KeyModifiers::ALT);
    assert_eq!(e.open_id(), "munters");
    e.select_link_to("latvia").press(KeyCode::Enter);
    assert_eq!(e.open_id(), "latvia");
    e.press_with(KeyCode::Right, KeyModifiers::ALT);
    assert_eq!(e.open_id(), "latvia", "going somewhere new from the middle dropped the forward pages");
    e.press(KeyCode::Backspace).press(KeyCode::Backspace);
    assert_eq!(e.open_id(), "treaty");
    e.press(KeyCode::Backspace);
    assert_eq!(e.open_id(), "treaty", "nothing before the first page");
}

#[test]
fn focus_cycles_with_tab_and_jumps_with_digits() {
    let mut e = Explorer::new(120, 40);
    assert_eq!(e.app.focus(), Pane::List);
    e.press(KeyCode::Tab);
    assert_eq!(e.app.focus(), Pane::Detail);
    e.press(KeyCode::Tab);
    assert_eq!(e.app.focus(), Pane::Timeline);
    e.press(KeyCode::Tab);
    assert_eq!(e.app.focus(), Pane::List);
    e.press(KeyCode::BackTab);
    assert_eq!(e.app.focus(), Pane::Timeline);
    e.keys("2");
    assert_eq!(e.app.focus(), Pane::Detail);
    e.keys("1");
    assert_eq!(e.app.focus(), Pane::List);
    assert!(e.screen().contains(" ENTRIES "));
}

#[test]
fn every_part_of_the_treaty_is_reachable_by_keyboard() {
    let mut e = Explorer::new(120, 40);
    e.press(KeyCode::Enter);
    let mut seen = Vec::new();
    for _ in 0..12 {
        let screen = e.screen();
        let status = screen.lines().last().unwrap().to_string();
        seen.push(status);
        e.keys("]");
    }
    for part in ["Preamble", "Article 1", "Article 6", "Confidential protocol"] {
        assert!(seen.iter().any(|s| s.contains(&format!("› {part}"))), "{part} not reached: {seen:#?}");
    }
    assert_eq!(e.app.spot().page.part, 8, "] stops at the last part");
    let screen = e.screen();
    assert!(screen.contains("The ceiling is best attested as 25,000"), "{screen}");
    e.keys("[[[[[[[[[[");
    assert_eq!(e.app.spot().page.part, 0);
}

#[test]
fn long_text_scrolls_and_shows_where_it_is() {
    let mut e = Explorer::new(80, 24);
    e.press(KeyCode::Enter);
    assert!(e.screen().contains("1–15 of 100"), "{}", e.screen());
    e.press(KeyCode::Down).press(KeyCode::PageDown);
    assert_eq!(e.app.spot().scroll, 15);
    e.press(KeyCode::End);
    let screen = e.screen();
    assert!(screen.contains("86–100 of 100"), "{screen}");
    assert!(screen.contains("Linked from"), "the end of the page shows its backlinks:\n{screen}");
    e.press(KeyCode::Home);
    assert_eq!(e.app.spot().scroll, 0);
}

#[test]
fn selecting_a_link_scrolls_it_into_view() {
    let mut e = Explorer::new(80, 24);
    e.press(KeyCode::Enter).select_link_to("liepaja");
    let link = e.app.spot().link.unwrap();
    let line = e.app.document().links[link].line;
    assert!(line >= e.app.spot().scroll && line < e.app.spot().scroll + e.app.detail_height());
    e.press(KeyCode::Left);
    assert_eq!(e.app.spot().link, Some(link - 1));
    e.press(KeyCode::Esc);
    assert_eq!(e.app.spot().link, None, "Esc clears the selected link");
}

#[test]
fn the_timeline_moves_between_events_and_opens_what_they_concern() {
    let mut e = Explorer::new(120, 40);
    e.keys("3");
    assert_eq!(e.app.focus(), Pane::Timeline);
    let signing = "5 October 1939 · Soviet–Latvian pact signed in Moscow";
    for _ in 0..50 {
        if e.screen().contains(signing) {
            break;
        }
        e.press(KeyCode::Right);
    }
    assert!(e.screen().contains(signing), "{}", e.screen());
    let events = treaty_tui::read::load::bundled().unwrap().events.len();
    assert!(e.screen().contains(&format!("Timeline 21/{events}")), "{}", e.screen());
    e.press(KeyCode::Enter).press(KeyCode::Enter);
    assert_eq!(e.open_id(), "treaty", "the first of the entries the signing concerns");
    e.press(KeyCode::Left);
    assert!(e.screen().contains("4 October 1939 · Estonian pact ratified"));
    e.press(KeyCode::Enter).press(KeyCode::Enter);
    assert_eq!(e.open_id(), "soviet-estonian-treaty");
    e.press(KeyCode::End);
    assert!(e.screen().contains("8 January 1998 · Russian foreign ministry"), "{}", e.screen());
    e.press(KeyCode::Home);
    assert_eq!(e.app.timeline().selected(), 0);
}

#[test]
fn slash_opens_a_prompt_that_keeps_letters_and_esc_leaves() {
    let mut e = Explorer::new(80, 24);
    e.keys("/orzel q1?");
    assert!(matches!(&e.app.overlay(), Some(Overlay::Search(s)) if s.query == "orzel q1?"));
    e.press(KeyCode::Backspace);
    assert!(matches!(&e.app.overlay(), Some(Overlay::Search(s)) if s.query == "orzel q1"));
    e.press(KeyCode::Esc);
    assert_eq!(e.app.overlay(), None);
    assert!(!e.app.quitting());
}

#[test]
fn peek_and_enter_opens_the_peeked_entry() {
    let mut e = Explorer::new(120, 40);
    e.press(KeyCode::Enter).select_link_to("munters").keys("p");
    assert_eq!(e.app.overlay(), Some(&Overlay::Peek { target: e.app.corpus().find("munters").unwrap() }));
    e.press(KeyCode::Enter);
    assert_eq!(e.open_id(), "munters");
    assert_eq!(e.app.overlay(), None);
}

#[test]
fn q_closes_the_help_and_a_peek_and_quits_only_outside_them() {
    let mut e = Explorer::new(80, 24);
    e.keys("?");
    assert!(e.screen().contains("Esc or q closes"), "the footer says how to close it");
    e.keys("q");
    assert_eq!(e.app.overlay(), None);
    assert!(!e.app.quitting(), "q in the help closes the help");
    e.press(KeyCode::Enter).select_link_to("munters").keys("p");
    assert!(matches!(e.app.overlay(), Some(Overlay::Peek { .. })));
    assert!(e.screen().contains("Esc or q closes"));
    e.keys("q");
    assert_eq!(e.app.overlay(), None);
    assert!(!e.app.quitting(), "q in a peek closes the peek");
    e.keys("q");
    assert!(e.app.quitting(), "outside every overlay q quits");
}

#[test]
fn the_paging_keys_of_less_and_vim_page_the_text_the_list_and_the_help() {
    let mut e = Explorer::new(80, 24);
    let ctrl = |e: &mut Explorer, c: char| {
        e.press_with(KeyCode::Char(c), KeyModifiers::CONTROL);
    };
    // The text: a long entry's page.
    e.keys("1").select_entry("latvia").press(KeyCode::Enter).keys("2");
    let page = e.app.detail_height() - 1;
    e.keys(" ");
    assert_eq!(e.app.spot().scroll, page, "Space: a page down");
    e.keys("b");
    assert_eq!(e.app.spot().scroll, 0, "b: a page up");
    ctrl(&mut e, 'd');
    assert_eq!(e.app.spot().scroll, page.div_ceil(2), "Ctrl-D: half a page");
    ctrl(&mut e, 'u');
    assert_eq!(e.app.spot().scroll, 0);
    ctrl(&mut e, 'f');
    assert_eq!(e.app.spot().scroll, page, "Ctrl-F: a page");
    ctrl(&mut e, 'b');
    assert_eq!(e.app.spot().scroll, 0);
    // The list.
    e.keys("1g");
    let rows = e.app.pane_inner(Pane::List).height as usize;
    e.keys(" ");
    assert_eq!(e.app.list().view().selected, rows);
    ctrl(&mut e, 'u');
    assert_eq!(e.app.list().view().selected, rows - rows.div_ceil(2));
    e.keys("b");
    assert_eq!(e.app.list().view().selected, 0);
    // The help: a page, its end, its start.
    e.keys("?");
    e.keys(" ");
    let Some(&Overlay::Help { scroll, .. }) = e.app.overlay() else { panic!("help closed") };
    assert!(scroll > 0);
    e.keys("G");
    let Some(&Overlay::Help { scroll: end, .. }) = e.app.overlay() else { panic!("help closed") };
    assert!(end > scroll);
    ctrl(&mut e, 'u');
    assert!(matches!(e.app.overlay(), Some(Overlay::Help { scroll, .. }) if *scroll < end));
    e.keys("g");
    assert!(matches!(e.app.overlay(), Some(Overlay::Help { scroll: 0, .. })));
    e.press(KeyCode::End);
    assert!(matches!(e.app.overlay(), Some(Overlay::Help { scroll, .. }) if *scroll == end));
    e.keys("q");
    // The timeline: j and k step as → and ←.
    e.keys("3");
    let at = e.app.timeline().selected();
    e.keys("j");
    assert_eq!(e.app.timeline().selected(), at + 1);
    e.keys("k");
    assert_eq!(e.app.timeline().selected(), at);
}

#[test]
fn the_help_scrolls_no_further_than_its_end() {
    let mut e = Explorer::new(40, 12);
    e.keys("?");
    for _ in 0..500 {
        e.press(KeyCode::Down);
    }
    let Some(&Overlay::Help { scroll, .. }) = e.app.overlay() else { panic!("help closed") };
    e.press(KeyCode::Up);
    let up = matches!(e.app.overlay(), Some(Overlay::Help { scroll: now, .. }) if *now == scroll - 1);
    assert!(up, "one key up moves up at once");
}

#[test]
fn mouse_clicks_select_rows_follow_links_and_the_wheel_scrolls() {
    let mut e = Explorer::new(120, 40);
    let row_of = |e: &mut Explorer, text: &str| e.screen().lines().position(|l| l.contains(text)).unwrap() as u16;
    let molotov = row_of(&mut e, "person  Vyacheslav Molotov");
    e.action(Action::Click(5, molotov));
    assert_eq!(e.app.focus(), Pane::List);
    assert_eq!(id(&e, e.app.selected_entry().unwrap()), "molotov");
    // A click on a link in the detail view follows it.
    e.press(KeyCode::Enter).action(Action::Focus(Pane::Detail));
    let screen = e.screen();
    let (row, line) = screen.lines().enumerate().find(|(_, l)| l.contains("of Joseph Stalin")).unwrap();
    let column = line.find("Joseph Stalin").map(|b| line[..b].chars().count()).unwrap();
    e.action(Action::Click(column as u16 + 2, row as u16));
    assert_eq!(e.open_id(), "stalin");
    e.action(Action::Wheel(60, 10, true));
    assert_eq!(e.app.spot().scroll, 0, "a short page does not scroll");
    e.press(KeyCode::Backspace).press(KeyCode::Backspace);
    assert_eq!(e.open_id(), "treaty");
    e.action(Action::Wheel(60, 10, true));
    assert_eq!(e.app.spot().scroll, 3, "the wheel scrolls the pane under the pointer by three lines");
    e.action(Action::Move(Motion::First));
    assert_eq!(e.app.spot().scroll, 0);
    // A click on a row of the treaty's contents shows that part.
    let article_3 = row_of(&mut e, "Art. 3 Bases");
    e.action(Action::Click(5, article_3));
    assert_eq!(e.app.focus(), Pane::List);
    assert_eq!(e.app.spot().page.part, 4, "Article 3 is shown");
    assert!(e.screen().contains("┌ Soviet–Latvian Mutual Assistance Treaty › Article 3 — Bases"), "{}", e.screen());
}

/// On a wide terminal the text stands in its measure, centred: a click on a link there
/// follows the link under the pointer.
#[test]
fn a_click_on_a_link_of_centred_text_follows_it() {
    let mut e = Explorer::new(200, 60);
    let molotov = e.screen().lines().position(|l| l.contains("person  Vyacheslav Molotov")).unwrap() as u16;
    e.action(Action::Click(5, molotov)).press(KeyCode::Enter).action(Action::Focus(Pane::Detail));
    let screen = e.screen();
    let (row, line) = screen.lines().enumerate().find(|(_, l)| l.contains("of Joseph Stalin")).unwrap();
    let at = line.find("Joseph Stalin").map(|b| line[..b].chars().count()).unwrap();
    let pane = line.find('║').map(|b| line[..b].chars().count()).unwrap();
    assert!(at > pane + 10, "set in from the pane's edge: {line}");
    e.action(Action::Click(at as u16 + 2, row as u16));
    assert_eq!(e.open_id(), "stalin");
}

#[test]
fn open_names_an_entry_and_a_part() {
    let e = Explorer::new(80, 24);
    let corpus = e.app.corpus();
    assert_eq!(target(corpus, "molotov"), Ok((corpus.find("molotov").unwrap(), 0)));
    assert_eq!(target(corpus, "treaty#3"), Ok((0, 4)), "part 4: overview, preamble, articles 1 to 3");
    assert_eq!(target(corpus, "treaty#preamble"), Ok((0, 1)));
    assert_eq!(target(corpus, "treaty#annex1"), Ok((0, 8)));
    assert_eq!(
        target(corpus, "treaty#9"),
        Err("`treaty` has no part `9`; it has: preamble, 1, 2, 3, 4, 5, 6, annex1".into())
    );
    assert_eq!(target(corpus, "molotv"), Err("no entry has the id `molotv`; did you mean `molotov`?".into()));
    assert_eq!(target(corpus, "munters#1"), Err("`munters` has no articles; open it as `munters`".into()));
}

#[test]
fn y_opens_the_citation_in_every_format_and_enter_copies_the_one_chosen() {
    let mut e = Explorer::new(120, 40);
    e.press(KeyCode::Enter).keys("]]]]y");
    assert_eq!(e.app.requests().copied(), None, "nothing is copied before a format is chosen");
    let screen = e.screen();
    for shown in ["Plain text", "BibTeX", "CSL-JSON", "RIS", "treaty-tui: treaty#3", "Summary in the corpus's words"] {
        assert!(screen.contains(shown), "{shown}:\n{screen}");
    }
    e.press(KeyCode::Enter);
    let cite = e.app.requests().copied().map(String::from).expect("a citation");
    assert_eq!(
        cite,
        "“Soviet–Latvian Mutual Assistance Treaty”, Article 3 (Bases), 5 October 1939. League of Nations Treaty Series, vol. 198, p. 385. Summary in the corpus's words, not the treaty's text. treaty-tui: treaty#3"
    );
    let status = e.screen().lines().last().unwrap().trim_end().to_string();
    assert!(status.contains("copied the citation as Plain text"), "{status}");
    assert_eq!(target(e.app.corpus(), "treaty#3"), Ok((0, 4)), "--open takes the citation's address");
    // j twice: CSL-JSON, copied as a JSON array of one item.
    e.keys("yjj").press(KeyCode::Enter);
    let json: serde_json::Value = serde_json::from_str(e.app.requests().copied().unwrap()).unwrap();
    assert_eq!((&json[0]["type"], &json[0]["id"]), (&"treaty".into(), &"treaty#3".into()));
    // Esc closes it without copying; k above the first format stays on it.
    e.keys("yjjjjj");
    assert!(e.screen().contains("ER  -"), "the last format, RIS, shown:\n{}", e.screen());
    e.press(KeyCode::Esc);
    assert!(!e.screen().contains("Enter copies"));
    e.keys("1").select_entry("molotov").keys("ykkk").press(KeyCode::Enter);
    assert!(
        e.app
            .requests()
            .copied()
            .unwrap()
            .starts_with("“Vyacheslav Molotov”, 9 March 1890 – 8 November 1986. In: Soviet–Latvian")
    );
    // An event is cited as itself, with the entries it concerns (the first event), in plain
    // text alone.
    e.keys("3").press(KeyCode::Home).keys("y");
    assert!(!e.screen().contains("BibTeX"), "{}", e.screen());
    e.keys("y");
    assert_eq!(
        e.app.requests().copied().map(String::from).unwrap(),
        "Latvian–Soviet Peace Treaty, 11 August 1920. Concerns: Latvia, Soviet–Latvian Mutual Assistance Treaty (treaty-tui: latvia, treaty). In: Soviet–Latvian Mutual Assistance Treaty (1939)."
    );
}

#[test]
fn a_key_with_nothing_to_do_says_why() {
    let mut e = Explorer::new(120, 40);
    let status = |e: &mut Explorer| e.screen().lines().last().unwrap().to_string();
    e.press(KeyCode::Backspace);
    assert!(status(&mut e).contains("no earlier page"), "{}", status(&mut e));
    e.press_with(KeyCode::Right, KeyModifiers::ALT);
    assert!(status(&mut e).contains("no later page"));
    // A person has no articles, and the last part of a treaty none after it.
    e.select_entry("molotov").press(KeyCode::Enter).keys("]");
    assert!(status(&mut e).contains("this entry has no articles"));
    e.keys("p");
    assert!(status(&mut e).contains("no link selected"), "{}", status(&mut e));
    e.keys("1g").select_entry("treaty").press(KeyCode::Enter).keys("[");
    assert!(status(&mut e).contains("before its first part"));
    for _ in 0..10 {
        e.keys("]");
    }
    assert!(status(&mut e).contains("this is the treaty's last part"));
    // Links: back past the first.
    e.keys("2").press(KeyCode::Home);
    for _ in 0..60 {
        e.press(KeyCode::Left);
    }
    assert_eq!(e.app.spot().link, Some(0));
    assert!(status(&mut e).contains("no link further back"), "{}", status(&mut e));
}

#[test]
fn the_help_ends_with_how_to_select_text_with_the_mouse_captured() {
    let mut e = Explorer::new(80, 24);
    e.keys("?G");
    let screen = e.screen();
    assert!(screen.contains("Mouse") && screen.contains("hold Shift while you drag"), "{screen}");
    assert!(screen.contains("--no-mouse"), "{screen}");
}

#[test]
fn the_status_line_names_link_keys_only_on_a_page_with_links() {
    let corpus = treaty_tui::read::load_str(
        r#"Corpus(title: "T", entries: [
            Entry(id: "a", title: "Rīga", kind: Place, summary: "A port; see [[b]]."),
            Entry(id: "b", title: "Munters", kind: Person, summary: "A minister, linked from Rīga."),
            Entry(id: "c", title: "Kaunas", kind: Place, summary: "A city no entry links, that links none."),
        ])"#,
    )
    .unwrap();
    let mut e = Explorer::on(corpus, 100, 24);
    let status = |e: &mut Explorer| e.screen().lines().last().unwrap().to_string();
    e.press(KeyCode::Enter).keys("2");
    assert!(status(&mut e).contains("link"), "{}", status(&mut e));
    e.keys("1").select_entry("c").press(KeyCode::Enter).keys("2");
    let line = status(&mut e);
    assert!(!line.contains("link") && !line.contains("peek") && !line.contains("follow"), "{line}");
    assert!(line.contains("? help"), "{line}");
}

/// Moving through the list shows each entry passed in the detail view, as yazi and lazygit
/// do, without adding it to the history; Enter goes into the entry shown, and Backspace
/// then returns to where the reader was before moving.
#[test]
fn moving_in_the_list_shows_each_entry_and_enter_goes_into_it() {
    let mut e = Explorer::new(120, 40);
    assert_eq!(e.open_id(), "treaty");
    let molotov = e.screen().lines().position(|l| l.contains("person  Vyacheslav Molotov")).unwrap() as u16;
    e.action(Action::Click(5, molotov));
    assert_eq!(e.open_id(), "molotov", "shown as soon as it is selected");
    assert_eq!(e.app.focus(), Pane::List, "the focus stays in the list");
    e.press(KeyCode::Down);
    let selected = e.app.selected_entry().unwrap();
    assert_eq!(e.app.spot().page.entry, selected, "the next entry is shown in its turn");
    let title = e.app.corpus().entries[selected].title.to_string();
    assert!(e.screen().contains(&format!("┌ {title} ─")), "the detail view names it: {}", e.screen());
    e.press(KeyCode::Backspace);
    assert_eq!(e.app.notice(), Some("no earlier page"), "what was passed is not history");
    e.press(KeyCode::Enter);
    assert_eq!(e.app.focus(), Pane::Detail, "Enter goes into the entry");
    assert_eq!(e.app.spot().page.entry, selected);
    e.press(KeyCode::Backspace);
    assert_eq!(e.open_id(), "treaty", "back to where the reader was before moving");
}

/// The help searched as less and man are: `/`, words, Enter; `n` and `N`; Esc while typing
/// drops the search, and the help stays open.
#[test]
fn slash_in_the_help_finds_a_key_and_n_goes_on_to_the_next_row_holding_it() {
    let mut e = Explorer::new(80, 24);
    let help_scroll = |e: &Explorer| match e.app.overlay() {
        Some(Overlay::Help { scroll, .. }) => *scroll,
        other => panic!("help closed: {other:?}"),
    };
    e.keys("?").keys("/scroll");
    let screen = e.screen();
    assert!(screen.contains("/scroll▏"), "what is typed shows at the foot: {screen}");
    let found = |e: &Explorer| match e.app.overlay() {
        Some(Overlay::Help { find, .. }) => find.row.expect("a row found"),
        other => panic!("help closed: {other:?}"),
    };
    // The row found on screen (the help's rows start on the screen's second line).
    let shown = |e: &mut Explorer| {
        let (row, scroll) = (found(e), help_scroll(e));
        e.screen().lines().nth(1 + row - scroll).unwrap().to_lowercase()
    };
    let first = found(&e);
    assert!(first > 0 && help_scroll(&e) > 0, "the first row holding it brought into view");
    assert!(shown(&mut e).contains("scroll"), "{}", e.screen());
    e.press(KeyCode::Enter);
    assert!(e.screen().contains("n N: “scroll”"), "{}", e.screen());
    e.keys("n");
    let next = found(&e);
    assert!(next > first, "n: the next row holding it ({first} then {next})");
    assert!(shown(&mut e).contains("scroll"), "{}", e.screen());
    e.keys("N");
    assert_eq!(found(&e), first, "N: the one before");
    e.keys("/zzzz");
    assert!(e.screen().contains("/zzzz▏ no row holds it"), "{}", e.screen());
    e.press(KeyCode::Esc);
    assert!(matches!(e.app.overlay(), Some(Overlay::Help { find, .. }) if find.typed.is_empty() && !find.typing));
    e.press(KeyCode::Esc);
    assert!(e.app.overlay().is_none(), "a second Esc closes the help");
}
