//! No input may make the loader panic, and no diagnostic may carry a control character.

use proptest::prelude::*;
use treaty_tui::read::diagnostic::render;
use treaty_tui::read::load::{BUNDLED, LoadError, load_str};
use treaty_tui::read::source::decode;
use treaty_tui::text::is_hostile;

/// Loads `text` and, if it is invalid, renders its diagnostics, which must be clean.
fn load_and_render(text: &str) {
    if let Err(diagnostics) = load_str(text) {
        assert!(!diagnostics.is_empty());
        let shown = render("fuzz.ron", text, &diagnostics, false);
        assert!(!shown.chars().any(is_hostile), "a control character in:\n{shown}");
    }
}

fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Short strings rich in what the format treats specially.
fn tricky() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("[[".to_string()),
            Just("]]".to_string()),
            Just("|".to_string()),
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("\\u{1b}".to_string()),
            Just("\n".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just(",".to_string()),
            Just("latvia".to_string()),
            any::<char>().prop_map(String::from),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text(text in ".{0,400}") {
        load_and_render(&text);
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        match decode(bytes) {
            Ok(text) => load_and_render(&text),
            Err(LoadError::Invalid { text, diagnostics }) => {
                let shown = render("fuzz.ron", &text, &diagnostics, false);
                prop_assert!(!shown.chars().any(is_hostile));
            }
            Err(LoadError::Read(_)) => unreachable!("decoding reads nothing"),
        }
    }

    #[test]
    fn the_bundled_corpus_with_a_splice(at in 0..BUNDLED.len(), cut in 0usize..60, insert in tricky()) {
        let start = floor(BUNDLED, at);
        let end = floor(BUNDLED, start + cut);
        let text = format!("{}{insert}{}", &BUNDLED[..start], &BUNDLED[end..]);
        load_and_render(&text);
    }

    #[test]
    fn tricky_values_in_every_field(title in tricky(), summary in tricky(), date in tricky(), link in tricky()) {
        let text = format!(
            r#"Corpus(title: "{title}", entries: [Entry(id: "latvia", title: "{title}", kind: State, summary: "{summary} [[{link}]]", articles: [Article(number: 1, text: ["{summary}"])])], events: [Event(date: "{date}", end: "{date}", title: "{title}", concerns: ["{link}"])])"#
        );
        load_and_render(&text);
    }
}
