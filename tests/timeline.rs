//! The timeline strip as a time axis: zoom, pan, clusters, the "as of" filter, and the
//! marks that tie it to the list and the page.

mod common;

use common::Explorer;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use treaty_tui::app::{Action, Overlay, Pane};

/// The explorer at `width` columns with the timeline focused on the treaty's signing, the
/// whole timeline in view (`0`), reached from the first event.
fn at_signing(width: u16) -> Explorer {
    let mut e = Explorer::new(width, 40);
    e.keys("3").press(KeyCode::Home).keys("0");
    let position = e
        .app
        .corpus()
        .chronology
        .iter()
        .position(|&v| e.app.corpus().events[v].title.starts_with("Soviet–Latvian pact signed"))
        .unwrap();
    for _ in 0..position {
        e.press(KeyCode::Right);
    }
    e
}

fn strip(e: &mut Explorer) -> String {
    let screen = e.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines.iter().rposition(|l| l.contains(" Timeline ")).unwrap();
    lines[top..top + 6].join("\n")
}

fn selected_title(e: &Explorer) -> String {
    e.app.corpus().events[e.app.corpus().chronology[e.app.timeline().selected()]].title.to_string()
}

#[test]
fn strip_snapshots_at_three_widths_and_three_zoom_levels() {
    for width in [40, 80, 160] {
        let mut e = at_signing(width);
        for (zoom, presses) in [("whole", 0), ("closer", 4), ("closest", 4)] {
            for _ in 0..presses {
                e.keys("+");
            }
            insta::assert_snapshot!(format!("strip_{width}_{zoom}"), strip(&mut e));
        }
    }
}

#[test]
fn tick_labels_go_from_years_to_months_to_days() {
    let mut e = at_signing(160);
    assert!(strip(&mut e).contains("1930"));
    e.keys("++++");
    let s = strip(&mut e);
    assert!(s.contains("Oct 1939") || s.contains("Jan 1940"), "{s}");
    e.keys("++++");
    let s = strip(&mut e);
    assert!(s.contains("5 Oct") || s.contains("6 Oct"), "{s}");
    e.keys("0");
    assert_eq!(e.app.timeline().window(), e.app.timeline().whole(), "0 fits the whole corpus");
}

#[test]
fn the_selected_event_reads_as_a_person_writes_it() {
    let mut e = at_signing(120);
    assert!(strip(&mut e).contains("5 October 1939 · Soviet–Latvian pact signed in Moscow"));
    e.press(KeyCode::End);
    assert!(strip(&mut e).contains("8 January 1998 · Russian foreign ministry: “no occupation, no annexation”"));
    e.press(KeyCode::Left);
    assert!(strip(&mut e).contains("August 1994 · Last troops under Moscow's command leave the Baltic states"));
    e.keys("hhhh");
    assert!(strip(&mut e).contains("1957 · Molotov removed from the Presidium"));
    let summer = e
        .app
        .corpus()
        .chronology
        .iter()
        .position(|&v| e.app.corpus().events[v].when.to_string() == "summer 1940")
        .unwrap();
    e.press(KeyCode::Home);
    for _ in 0..summer {
        e.press(KeyCode::Right);
    }
    assert!(strip(&mut e).contains("summer 1940 · Occupation and annexation of the Baltic states"));
}

#[test]
fn events_in_one_column_are_counted_and_stepped_through() {
    let mut e = at_signing(40);
    let s = strip(&mut e);
    assert!(s.contains("here"), "the signing shares its column at this zoom:\n{s}");
    let before = selected_title(&e);
    e.press(KeyCode::Right);
    assert_ne!(selected_title(&e), before, "Right steps to the next member");
}

#[test]
fn pan_moves_the_view_and_keeps_the_selection() {
    let mut e = at_signing(80);
    e.keys("++");
    let (selected, window) = (e.app.timeline().selected(), e.app.timeline().window());
    e.press_with(KeyCode::Right, KeyModifiers::SHIFT);
    assert_eq!(e.app.timeline().selected(), selected);
    assert!(e.app.timeline().window().start > window.start);
    e.press_with(KeyCode::Left, KeyModifiers::SHIFT).press_with(KeyCode::Left, KeyModifiers::SHIFT);
    assert!(e.app.timeline().window().start < window.start);
    e.press(KeyCode::Right);
    let day = e.app.timeline().days()[e.app.timeline().selected()].0;
    assert!(e.app.timeline().window().contains(day), "moving the selection brings it back into view");
}

#[test]
fn selecting_an_event_marks_the_entries_it_concerns() {
    let mut e = at_signing(120);
    let screen = e.screen();
    for title in ["Vilhelms Munters", "Vyacheslav Molotov", "Latvia", "Soviet Union"] {
        assert!(
            screen.contains(&format!("◆person  {title}")) || screen.contains(&format!("◆state   {title}")),
            "{title} unmarked:\n{screen}"
        );
    }
    assert!(screen.contains("◆treaty  Soviet–Latvian"), "the open entry is marked too");
    assert!(!screen.contains("◆person  Karl Selter"));
}

#[test]
fn opening_an_entry_selects_its_event_at_its_date() {
    let mut e = Explorer::new(120, 40);
    e.keys("3++++++");
    // An entry none of whose events is the one selected, and whose events are out of view.
    let corpus = e.app.corpus().clone();
    let selected = corpus.chronology[e.app.timeline().selected()];
    let position_of = |v: usize| corpus.chronology.iter().position(|&c| c == v).unwrap();
    let day_of = |e: &Explorer, v: usize| e.app.timeline().days()[position_of(v)].0;
    let open = e.app.spot().page.entry;
    let entry = (0..corpus.entries.len())
        .find(|&k| {
            let events = &corpus.events_of[k];
            k != open
                && !events.is_empty()
                && !events.contains(&selected)
                && events.iter().all(|&v| !e.app.timeline().window().contains(day_of(&e, v)))
        })
        .expect("an entry with events out of view");
    e.app.visit(entry, 0);
    let now = corpus.chronology[e.app.timeline().selected()];
    assert!(corpus.events_of[entry].contains(&now), "one of its events is selected");
    let day = day_of(&e, now);
    assert!(e.app.timeline().window().contains(day), "and in view");
    let caption = e.screen();
    assert!(caption.contains(&corpus.events[now].title.to_string()), "the caption is of it:\n{caption}");
    // Opening another page of the same entry, or an entry the selected event concerns,
    // leaves the selection where the reader put it.
    e.keys("3l");
    let moved = e.app.timeline().selected();
    let concerned = corpus.events[corpus.chronology[moved]].concerns.first().copied();
    if let Some(other) = concerned {
        e.app.visit(other, 0);
        assert_eq!(e.app.timeline().selected(), moved);
    }
}

#[test]
fn opening_the_treaty_selects_its_signing_not_its_earliest_event() {
    let mut e = Explorer::new(120, 40);
    let treaty = e.app.corpus().find("treaty").unwrap();
    e.app.visit(e.app.corpus().find("liepaja").unwrap(), 0);
    e.keys("3").press(KeyCode::End);
    let last = e.app.corpus().chronology[e.app.timeline().selected()];
    assert!(!e.app.corpus().events_of[treaty].contains(&last), "the last event is not the treaty's");
    e.app.visit(treaty, 0);
    assert_eq!(selected_date(&e), "5 October 1939", "{}", selected_title(&e));
}

#[test]
fn enter_on_an_event_about_several_entries_asks_which() {
    let mut e = at_signing(120);
    e.press(KeyCode::Enter);
    let Some(Overlay::Choose { options, .. }) = &e.app.overlay() else { panic!("no choice offered") };
    assert_eq!(options.len(), 5);
    let screen = e.screen();
    assert!(screen.contains("Open which?") && screen.contains("Vilhelms Munters"), "{screen}");
    e.keys("q");
    assert!(e.app.overlay().is_none() && !e.app.quitting(), "q closes the choice and does not quit");
    e.press(KeyCode::Enter);
    assert!(e.screen().contains("Esc or q closes"));
    e.press(KeyCode::Down).press(KeyCode::Enter);
    assert_eq!(e.open_id(), "munters");
    while selected_title(&e) != "Germany invades Poland" {
        e.press(KeyCode::Left);
    }
    e.press(KeyCode::Enter);
    assert_eq!(e.app.overlay(), None, "an event about one entry opens it at once");
    assert_eq!(e.open_id(), "poland");
}

#[test]
fn a_search_hit_on_an_event_does_not_move_as_of_unasked() {
    let mut e = at_signing(120);
    e.keys("a");
    let listed = e.app.list().entries().to_vec();
    e.keys("/ultimatum");
    e.settle();
    let Some(Overlay::Search(search)) = e.app.overlay() else { panic!("the prompt is open") };
    let event = search.hits.iter().position(|h| matches!(h.item, treaty_tui::search::Item::Event(_)));
    let event = event.expect("an event hit");
    for _ in 0..event {
        e.press(KeyCode::Down);
    }
    e.press(KeyCode::Enter);
    let title = selected_title(&e);
    assert!(title.to_lowercase().contains("ultimatum"), "the hit's event is selected: {title}");
    assert_eq!(e.app.list().entries(), listed, "the list is still as of the signing");
    assert!(e.screen().contains("as of 5 October 1939"), "{}", e.screen());
    // Moving on the strip moves it, as it always has.
    e.keys("3").press(KeyCode::Right);
    assert_ne!(e.app.list().entries(), listed);
    assert!(!e.screen().contains("as of 5 October 1939"));
}

#[test]
fn as_of_limits_the_list_and_walks_with_the_timeline() {
    let mut e = at_signing(120);
    e.keys("a");
    assert!(e.app.list().as_of());
    let listed = |e: &Explorer| {
        e.app.list().entries().iter().map(|&i| e.app.corpus().entries[i].id.to_string()).collect::<Vec<_>>()
    };
    let now = listed(&e);
    assert!(now.contains(&"treaty".to_string()) && now.contains(&"selter".to_string()));
    assert!(!now.contains(&"winter-war".to_string()) && !now.contains(&"occupation-of-latvia".to_string()), "{now:?}");
    let screen = e.screen();
    assert!(screen.contains("as of 5 October 1939"), "the status line says a filter is on:\n{screen}");
    assert!(!screen.contains("Winter War  "), "{screen}");
    e.press(KeyCode::End);
    let with_events = e.app.corpus().events_of.iter().filter(|events| !events.is_empty()).count();
    assert_eq!(listed(&e).len(), with_events, "by the last event, every entry that has events");
    assert!(with_events < e.app.corpus().entries.len(), "some entries have no events: {with_events}");
    e.press(KeyCode::Home);
    assert_eq!(listed(&e), ["treaty", "latvia"], "the first event: the 1920 peace treaty");
    e.keys("a");
    assert_eq!(listed(&e).len(), e.app.corpus().entries.len());
    assert!(!e.screen().contains("as of"));
}

#[test]
fn the_mouse_selects_the_nearest_event_and_the_wheel_zooms() {
    let mut e = Explorer::new(120, 40);
    // The whole timeline in view.
    e.keys("30");
    let screen = e.screen();
    let row = screen.lines().position(|l| l.contains(" Timeline ")).unwrap() as u16 + 1;
    let last_column = 118;
    e.action(Action::Click(last_column, row));
    assert_eq!(e.app.focus(), Pane::Timeline);
    assert_eq!(
        selected_title(&e),
        "Russian foreign ministry: “no occupation, no annexation”",
        "the nearest to the right end"
    );
    let span = e.app.timeline().window().span();
    e.action(Action::Wheel(60, row, false));
    assert!(e.app.timeline().window().span() < span, "the wheel up zooms in");
    e.action(Action::Wheel(60, row, true));
    assert!(e.app.timeline().window().span() >= span - 1);
}

#[test]
fn the_strip_draws_nothing_outside_itself() {
    let e = at_signing(80);
    for width in 0..=80 {
        for height in 0..=8 {
            let mut buf = Buffer::empty(Rect::new(0, 0, 90, 10));
            ratatui::widgets::Widget::render(
                treaty_tui::ui::timeline::Strip::new(&e.app, &treaty_tui::ui::theme::COLOUR),
                Rect::new(2, 1, width, height),
                &mut buf,
            );
            for y in 0..10 {
                for x in 0..90 {
                    if !(2..2 + width).contains(&x) || !(1..1 + height).contains(&y) {
                        assert_eq!(buf[(x, y)].symbol(), " ", "drew at ({x}, {y}) for {width}×{height}");
                    }
                }
            }
        }
    }
}

#[test]
fn uncertain_dates_and_spans_are_drawn_honestly() {
    let corpus = treaty_tui::read::load::load_str(
        r#"Corpus(title: "t", entries: [Entry(id: "a", title: "A", kind: Event, summary: "s")], events: [
            Event(date: "1934", approximate: true, title: "Roughly then", concerns: ["a"]),
            Event(date: "1950-06-01", title: "A day", concerns: ["a"]),
            Event(date: "summer 1970", title: "A season", concerns: ["a"]),
        ])"#,
    )
    .unwrap();
    let mut app = treaty_tui::app::App::new(corpus);
    app.update(Action::Resize(80, 24));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| treaty_tui::ui::draw(f, &app, &treaty_tui::ui::theme::COLOUR)).unwrap();
    let screen: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains("c. 1934 · Roughly then"), "the selected uncertain date reads c. 1934");
    let axis_row: String = screen.chars().skip_while(|&c| c != '┈').take(78).collect();
    assert_eq!(axis_row.matches('~').count(), 1, "{axis_row}");
    assert_eq!(axis_row.matches('●').count(), 1, "{axis_row}");
    assert_eq!(axis_row.matches('■').count(), 1, "{axis_row}");
}

/// The first day of the selected event, as the corpus writes its date.
fn selected_date(e: &Explorer) -> String {
    e.app.corpus().events[e.app.corpus().chronology[e.app.timeline().selected()]].when.start.to_string()
}

#[test]
fn colon_in_the_timeline_goes_to_the_first_event_on_or_after_a_date_as_people_write_it() {
    // The Soviet note of 16 June 1940, reached from the first event in one prompt rather
    // than some thirty presses of →.
    for written in ["16 June 1940", "1940-06-16", "June 16, 1940", "16 jun 1940"] {
        let mut e = Explorer::new(120, 40);
        e.keys("3").press(KeyCode::Home);
        e.keys(":").keys(written);
        assert!(e.screen().contains("the first event from 16 June 1940"), "{written}: {}", e.screen());
        e.press(KeyCode::Enter);
        assert!(e.app.overlay().is_none(), "{written}: the prompt closes");
        assert_eq!(selected_date(&e), "16 June 1940", "{written}");
        assert!(e.screen().contains("Timeline"), "the strip shows the event");
    }
    // A month or a year: its first event, the day before it not being in it.
    let mut e = Explorer::new(120, 40);
    e.keys("3").keys(":June 1940").press(KeyCode::Enter);
    let june = e.app.timeline().selected();
    let first_day = |e: &Explorer, p: usize| e.app.timeline().starts()[p];
    let june_1 = treaty_tui::model::date::Day { year: 1940, month: 6, day: 1 }.ordinal();
    assert!(first_day(&e, june) >= june_1 && (june == 0 || first_day(&e, june - 1) < june_1));
    e.keys(":1940").press(KeyCode::Enter);
    let year = e.app.timeline().selected();
    let january_1 = treaty_tui::model::date::Day { year: 1940, month: 1, day: 1 }.ordinal();
    assert!(first_day(&e, year) >= january_1 && first_day(&e, year - 1) < january_1);
}

#[test]
fn a_date_not_read_or_after_every_event_is_said_and_the_prompt_stays() {
    let mut e = Explorer::new(120, 40);
    e.keys("3");
    let before = e.app.timeline().selected();
    e.keys(":16 Juni 1940").press(KeyCode::Enter);
    assert!(e.screen().contains("not a date: try 16 June 1940"), "{}", e.screen());
    assert_eq!(e.app.timeline().selected(), before);
    e.press(KeyCode::Esc);
    e.keys(":2500").press(KeyCode::Enter);
    assert!(e.screen().contains("no event on or after 2500"), "{}", e.screen());
    assert!(matches!(e.app.overlay(), Some(Overlay::GoToDate(_))));
    e.press(KeyCode::Esc);
    assert!(e.app.overlay().is_none());
    assert_eq!(e.app.timeline().selected(), before, "nothing moved");
    // Elsewhere `:` is still the article prompt.
    e.keys("2:");
    assert!(matches!(e.app.overlay(), Some(Overlay::GoTo(_)) | None), "not the date prompt");
}

#[test]
fn capital_t_hides_the_strip_and_shows_it_again() {
    let mut e = Explorer::new(80, 24);
    assert!(e.screen().contains(" Timeline "));
    let list_rows = |e: &mut Explorer| e.screen().lines().filter(|l| l.starts_with(['│', '║'])).count();
    let before = list_rows(&mut e);
    e.keys("T");
    let screen = e.screen();
    assert!(!screen.contains(" Timeline "), "hidden:\n{screen}");
    assert!(list_rows(&mut e) > before, "the panes take its rows");
    // The timeline can still be focused: it takes the panes' place.
    e.keys("3");
    assert!(e.screen().contains(" Timeline "), "{}", e.screen());
    e.keys("1T");
    assert!(e.screen().contains(" Timeline ") && list_rows(&mut e) == before, "shown again");
}

#[test]
fn the_status_line_keeps_its_parts_apart_when_the_room_runs_out() {
    // As of an event, on a mark that stands for several: both said, neither run into the
    // other.
    let mut e = at_signing(80);
    e.keys("a");
    for _ in 0..3 {
        e.keys("-");
    }
    let screen = e.screen();
    let status = screen.lines().last().unwrap();
    assert!(status.contains("as of 5 October 1939"), "{status}");
    let at = status.find(" events in ").expect("the mark's events are said");
    let before = status[..at].trim_end_matches(|c: char| c.is_ascii_digit());
    assert!(before.ends_with("  "), "apart: {status}");
}
