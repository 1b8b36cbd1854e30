//! Random sequences of keys, pastes, clicks and resizes: after each, the explorer renders
//! without a panic and every selection and scroll position is in range.

mod common;

use common::render_inside;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use treaty_tui::app::{Action, App, Overlay, action_for};
use treaty_tui::read::load::bundled;

#[derive(Clone, Debug)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Resize(u16, u16),
    Click(u16, u16),
    Wheel(u16, u16, bool),
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        4 => prop::sample::select(vec!['j', 'k', 'h', 'l', 'g', 'G', 'n', 'N', 'a', 'q', '/', '?', '[', ']', '{', '}', ':', 'v', '+', '-', '0', ' ', '1', '2', '3', 'z', 'c', 'o', 't', 'y', 'ł', '.', '3']).prop_map(KeyCode::Char),
        4 => prop::sample::select(vec![
            KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::PageUp, KeyCode::PageDown,
            KeyCode::Home, KeyCode::End, KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab,
            KeyCode::Backspace, KeyCode::F(1), KeyCode::F(12),
        ]),
    ]
}

fn input() -> impl Strategy<Value = Input> {
    let modifiers =
        prop::sample::select(vec![KeyModifiers::NONE, KeyModifiers::SHIFT, KeyModifiers::CONTROL, KeyModifiers::ALT]);
    prop_oneof![
        12 => (key_code(), modifiers).prop_map(|(code, m)| Input::Key(code, m)),
        1 => "\\PC{0,12}".prop_map(Input::Paste),
        2 => (0u16..=300, 0u16..=100).prop_map(|(w, h)| Input::Resize(w, h)),
        1 => (0u16..120, 0u16..40).prop_map(|(x, y)| Input::Click(x, y)),
        1 => (0u16..120, 0u16..40, any::<bool>()).prop_map(|(x, y, d)| Input::Wheel(x, y, d)),
    ]
}

/// Every selection and scroll position points at something that exists.
fn check(app: &App) -> Result<(), TestCaseError> {
    prop_assert!(app.list().view().selected < app.list_len().max(1));
    prop_assert!(app.list().view().offset <= app.list().view().selected || app.list().entries().is_empty());
    // The contents in the list are the open treaty's.
    prop_assert!(app.outline().entry().is_none_or(|e| e == app.spot().page.entry));
    prop_assert!(app.timeline().selected() < app.corpus().chronology.len().max(1));
    prop_assert!(app.spot().page.entry < app.corpus().entries.len().max(1));
    let parts = app.corpus().entries.get(app.spot().page.entry).map_or(0, |e| e.clauses.len());
    prop_assert!(app.spot().page.part <= parts);
    prop_assert!(app.spot().scroll <= app.document().lines().len().saturating_sub(app.detail_height()));
    prop_assert!(app.spot().link.is_none_or(|l| l < app.document().links.len()));
    match &app.overlay() {
        Some(Overlay::Search(search)) => prop_assert!(search.selected < search.hits.len().max(1)),
        Some(Overlay::Choose { options, selected }) => prop_assert!(*selected < options.len()),
        Some(Overlay::GoTo(go)) => prop_assert!(go.selected < go.matches.len().max(1)),
        _ => {}
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_sequence_of_input_keeps_the_explorer_sound(
        inputs in prop::collection::vec(input(), 1..60),
        structures in any::<bool>(),
    ) {
        // The bundled corpus, or real treaty structures: chapters, sections, labels, versions.
        let corpus = if structures { treaty_tui::read::load::load_file(std::path::Path::new("tests/fixtures/valid/real_structures.ron")).unwrap() } else { bundled().unwrap() };
        let mut app = App::new(corpus);
        app.update(Action::Resize(100, 30));
        for input in inputs {
            match input {
                Input::Key(code, modifiers) => {
                    if let Some(action) = action_for(app.mode(), KeyEvent::new(code, modifiers)) {
                        app.update(action);
                    }
                }
                Input::Paste(text) => {
                    app.paste(&text);
                }
                Input::Resize(w, h) => {
                    app.update(Action::Resize(w, h));
                }
                Input::Click(x, y) => {
                    app.update(Action::Click(x, y));
                }
                Input::Wheel(x, y, down) => {
                    app.update(Action::Wheel(x, y, down));
                }
            }
            if app.quitting() {
                break;
            }
            check(&app)?;
            render_inside(&app, app.size().0, app.size().1);
        }
    }
}
