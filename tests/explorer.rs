//! The explorer driven by keys on a test terminal: what a reader sees after each key.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use treaty_tui::app::{Action, App, action_for};
use treaty_tui::corpus::load::bundled;
use treaty_tui::ui;

fn explorer(width: u16, height: u16) -> (App, Terminal<TestBackend>) {
    let mut app = App::new(bundled().expect("the bundled corpus loads"));
    app.update(Action::Resize(width, height));
    (app, Terminal::new(TestBackend::new(width, height)).unwrap())
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = action_for(KeyEvent::new(code, modifiers)) {
        app.update(action);
    }
}

fn screen(app: &App, terminal: &mut Terminal<TestBackend>) -> String {
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_explorer_opens_on_the_list_of_entries() {
    let (app, mut terminal) = explorer(100, 30);
    insta::assert_snapshot!(screen(&app, &mut terminal));
}

#[test]
fn arrows_and_vim_keys_move_the_selection_and_the_detail_follows() {
    let (mut app, mut terminal) = explorer(100, 30);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(app.corpus.entries[app.selected].id, "molotov");
    let shown = screen(&app, &mut terminal);
    assert!(shown.contains("Vyacheslav Molotov"), "{shown}");
    assert!(shown.contains("3/28"), "{shown}");
    press(&mut app, KeyCode::Char('k'), KeyModifiers::NONE);
    assert_eq!(app.corpus.entries[app.selected].id, "munters");
}

#[test]
fn the_list_scrolls_to_keep_the_selection_in_view() {
    let (mut app, mut terminal) = explorer(80, 12);
    press(&mut app, KeyCode::Char('G'), KeyModifiers::SHIFT);
    let shown = screen(&app, &mut terminal);
    assert!(shown.contains("Ventspils"), "{shown}");
    assert!(!shown.contains("Vilhelms Munters"), "{shown}");
    press(&mut app, KeyCode::Home, KeyModifiers::NONE);
    let shown = screen(&app, &mut terminal);
    assert!(shown.contains("Vilhelms Munters"), "{shown}");
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(app.selected, 9, "a page is the list's visible rows");
}

#[test]
fn q_and_ctrl_c_quit() {
    let (mut app, _) = explorer(80, 24);
    press(&mut app, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(app.quit);
    let (mut app, _) = explorer(80, 24);
    press(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.quit);
}

#[test]
fn no_size_panics() {
    let (mut app, _) = explorer(1, 1);
    for (width, height) in [(0, 0), (1, 1), (2, 3), (10, 2), (500, 200), (40, 5), (79, 24)] {
        app.update(Action::Resize(width, height));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        press(&mut app, KeyCode::End, KeyModifiers::NONE);
        screen(&app, &mut terminal);
        press(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
        screen(&app, &mut terminal);
    }
}
