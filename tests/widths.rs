//! Characters whose width terminals disagree on: drawn through the real terminal backend
//! into a terminal emulator (vt100), the screen it shows is the frame the explorer drew,
//! and no cell of an earlier page is left behind.

mod common;

use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use treaty_tui::app::{Action, App};
use treaty_tui::read::load::load_str;
use treaty_tui::ui;

/// Every kind of grapheme the width tables and terminals disagree on, each in a word.
const HARD: &[(&str, &str)] = &[
    ("lone regional indicators", "\u{1f1f1} \u{1f1fb}\u{1f1f1}\u{1f1fb}\u{1f1ea} x\u{1f1ea}y"),
    ("line and paragraph separators", "one\u{2028}two\u{2029}three"),
    ("zero-width space", "zero\u{200b}width\u{200b}space"),
    ("left-to-right and Arabic letter marks", "a\u{200e}b\u{200f}c\u{61c}d"),
    ("byte-order mark", "\u{feff}bom\u{feff}mid"),
    ("Mongolian vowel separator", "a\u{180e}b"),
    ("interlinear annotation", "a\u{fff9}b\u{fffa}c\u{fffb}d"),
    ("combining grapheme joiner", "a\u{34f}b\u{34f}"),
    ("lone skin tones", "\u{1f3fd} a\u{1f3fd} \u{1f3ff}\u{1f3fb}"),
    ("families", "👨\u{200d}👩\u{200d}👧 👩\u{200d}💻x"),
    ("keycaps", "1\u{fe0f}\u{20e3}2\u{20e3}#\u{fe0f}\u{20e3}"),
    ("tag flags", "\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}x"),
    ("Hangul jamo", "\u{1100}\u{1161}\u{11a8} \u{1100}\u{1100} \u{1161}x \u{11a8}y"),
    ("presentation selectors", "\u{2764}\u{fe0f} \u{2764}\u{fe0e} 😀\u{fe0e} a\u{fe0f}"),
    ("halfwidth sound marks", "ｶﾞｷﾟ"),
    ("soft hyphen and joiners", "soft\u{ad}hyphen a\u{200d}b a\u{200c}b a\u{2060}b"),
];

fn corpus() -> String {
    let mut entries = String::new();
    for (i, (title, text)) in HARD.iter().enumerate() {
        let body = format!("{} ", text.escape_unicode()).repeat(40);
        // Line separators belong in paragraphs only.
        let text = text.replace(['\u{2028}', '\u{2029}'], " ").escape_unicode().to_string();
        entries.push_str(&format!(
            "Entry(id: \"hard-{i}\", title: \"{title} {text}\", kind: Other(\"{text}\"), aliases: [\"{text}\"], \
             summary: \"{text} {text}\", body: [\"{body}\"]),\n",
        ));
    }
    format!(
        "Corpus(title: \"Widths\", entries: [{entries} Entry(id: \"plain\", title: \"Plain\", kind: Place, summary: \
         \"{}\", body: [\"{}\"])], events: [Event(date: \"1939\", title: \"E\", concerns: [\"hard-0\", \"plain\"])])",
        "plain words ".repeat(20),
        "and more plain words ".repeat(60)
    )
}

/// The rows as the explorer's frame holds them, and as the terminal emulator shows them.
fn rows(buffer: &Buffer, parser: &vt100::Parser) -> (Vec<String>, Vec<String>) {
    let (height, width) = parser.screen().size();
    let (height, width) = (height.get(), width.get());
    let drawn = common::rows(buffer);
    let mut shown = Vec::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            let cell = parser.screen().cell(y, x).expect("a cell");
            if !cell.is_wide_continuation() {
                line.push_str(if cell.has_contents() { cell.contents() } else { " " });
            }
        }
        shown.push(line.trim_end().to_string());
    }
    (drawn, shown)
}

/// What the backend writes, kept for the terminal emulator to read.
#[derive(Clone, Default)]
struct Written(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Written {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

impl std::io::Write for Written {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn every_grapheme_takes_the_cells_the_terminal_gives_it_and_nothing_stale_remains() {
    let text = corpus();
    for (width, height) in [(80u16, 24u16), (120, 40), (45, 14)] {
        let mut app = App::new(load_str(&text).expect("the corpus is valid"));
        app.update(Action::Resize(width, height));
        let written = Written::default();
        let backend = CrosstermBackend::new(written.clone());
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        let mut parser =
            vt100::Parser::new(std::num::NonZero::new(height).unwrap(), std::num::NonZero::new(width).unwrap(), 0);
        let plain = app.corpus().find("plain").unwrap();
        let mut pages: Vec<usize> = Vec::new();
        for entry in 0..HARD.len() {
            pages.extend([entry, plain]);
        }
        for entry in pages {
            app.start_at(entry, 0);
            let buffer = terminal.draw(|frame| ui::draw(frame, &app, &ui::theme::COLOUR)).unwrap().buffer.clone();
            parser.process(&written.take());
            let (drawn, shown) = rows(&buffer, &parser);
            assert_eq!(shown, drawn, "{width}×{height}, entry {entry} ({})", app.corpus().entries[entry].title);
        }
    }
}
