//! Driving the explorer as a reader would, on a test terminal.

#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use treaty_tui::app::{Action, App, ByHand, action_for};
use treaty_tui::read::load::bundled;
use treaty_tui::ui;

pub struct Explorer {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
    /// The work done aside, handed over as the event loop hands it over.
    pub aside: ByHand,
}

impl Explorer {
    /// The explorer on the bundled corpus, in a terminal of this size.
    pub fn new(width: u16, height: u16) -> Self {
        let mut app = App::new(bundled().expect("the bundled corpus loads"));
        app.update(Action::Resize(width, height));
        Self { app, terminal: Terminal::new(TestBackend::new(width, height)).unwrap(), aside: ByHand::new(None) }
    }

    /// The explorer on `corpus`, in a terminal of this size.
    pub fn on(corpus: treaty_tui::model::Corpus, width: u16, height: u16) -> Self {
        let mut app = App::new(corpus);
        app.update(Action::Resize(width, height));
        Self { app, terminal: Terminal::new(TestBackend::new(width, height)).unwrap(), aside: ByHand::new(None) }
    }

    pub fn press_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> &mut Self {
        if let Some(action) = action_for(self.app.mode(), KeyEvent::new(code, modifiers)) {
            self.app.update(action);
        }
        self
    }

    pub fn press(&mut self, code: KeyCode) -> &mut Self {
        self.press_with(code, KeyModifiers::NONE)
    }

    /// Types each character of `keys` as a key press.
    pub fn keys(&mut self, keys: &str) -> &mut Self {
        for c in keys.chars() {
            let modifiers = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            self.press_with(KeyCode::Char(c), modifiers);
        }
        self
    }

    pub fn action(&mut self, action: Action) -> &mut Self {
        self.app.update(action);
        self
    }

    /// What the event loop does between keys: starts the work the explorer waits for, and
    /// hands over what is done.
    pub fn between_keys(&mut self) {
        self.aside.between_keys(&mut self.app);
    }

    /// Hands the work done aside over until the explorer waits for none.
    pub fn settle(&mut self) {
        self.aside.settle(&mut self.app);
    }

    /// What the reader sees: the screen's text, line by line.
    pub fn screen(&mut self) -> String {
        self.terminal.draw(|frame| ui::draw(frame, &self.app, &ui::theme::COLOUR)).unwrap();
        rows(self.terminal.backend().buffer()).join("\n")
    }

    /// What the reader sees, with how it is drawn: each row of text followed by a row of
    /// the same length that gives each character's style by a letter, and what each letter
    /// stands for ([`styled`]).
    pub fn styled_screen(&mut self, theme: &ui::theme::Theme) -> String {
        self.terminal.draw(|frame| ui::draw(frame, &self.app, theme)).unwrap();
        styled(self.terminal.backend().buffer())
    }

    /// The style of the cell `skip` characters into `text` where it first stands on screen.
    #[allow(dead_code)]
    pub fn style_at(&mut self, text: &str, skip: usize) -> Option<ratatui::style::Style> {
        self.screen();
        let buffer = self.terminal.backend().buffer();
        let (y, line) = rows(buffer).into_iter().enumerate().find(|(_, l)| l.contains(text))?;
        let before = &line[..line.find(text)?];
        let x = unicode_width::UnicodeWidthStr::width(before) + skip;
        Some(buffer[(x as u16, y as u16)].style())
    }

    /// The id of the open entry.
    pub fn open_id(&self) -> &str {
        &self.app.corpus().entries[self.app.spot().page.entry].id
    }

    /// Moves down the list with `j` until the row of entry `id` is selected.
    pub fn select_entry(&mut self, id: &str) -> &mut Self {
        let target = self.app.corpus().find(id).expect("the id exists");
        for _ in 0..=self.app.list_len() {
            if self.app.row(self.app.list().view().selected) == Some(treaty_tui::app::ListRow::Entry(target)) {
                return self;
            }
            self.keys("j");
        }
        panic!("{id} is not in the list");
    }

    /// Selects links with the right arrow until the selected one leads to `id`.
    pub fn select_link_to(&mut self, id: &str) -> &mut Self {
        let target = self.app.corpus().find(id).expect("the id exists");
        for _ in 0..200 {
            if self.app.spot().link.and_then(|l| self.app.document().target(l)) == Some(target) {
                return self;
            }
            self.press(KeyCode::Right);
        }
        panic!("no link to {id} on the page");
    }
}

/// `buffer` as text and styles: each row as `t │text`, then `s │` and a letter for the
/// style of each of its characters (`.` for none), the letters named at the end by their
/// colours and modifiers, in the order they first appear.
pub fn styled(buffer: &Buffer) -> String {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut named: Vec<ratatui::style::Style> = Vec::new();
    let mut out = String::new();
    for (y, text) in rows(buffer).into_iter().enumerate() {
        let mut codes = String::new();
        let (mut x, mut shown) = (0u16, 0);
        while x < buffer.area.width && shown < text.chars().count() {
            let cell = &buffer[(x, y as u16)];
            let style = cell.style();
            let plain = style.fg.is_none_or(|c| c == ratatui::style::Color::Reset)
                && style.bg.is_none_or(|c| c == ratatui::style::Color::Reset)
                && style.add_modifier.is_empty();
            let code = if plain {
                '.'
            } else {
                let k = named.iter().position(|s| *s == style).unwrap_or_else(|| {
                    named.push(style);
                    named.len() - 1
                });
                LETTERS.chars().nth(k).unwrap_or('?')
            };
            for _ in cell.symbol().chars() {
                codes.push(code);
                shown += 1;
            }
            x += unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
        }
        out.push_str(&format!("t │{text}\ns │{codes}\n"));
    }
    for (k, style) in named.iter().enumerate() {
        let mut parts = Vec::new();
        if let Some(fg) = style.fg {
            parts.push(format!("fg {fg:?}"));
        }
        if let Some(bg) = style.bg {
            parts.push(format!("bg {bg:?}"));
        }
        if !style.add_modifier.is_empty() {
            parts.push(format!("{:?}", style.add_modifier));
        }
        out.push_str(&format!("{}: {}\n", LETTERS.chars().nth(k).unwrap_or('?'), parts.join(", ")));
    }
    out
}

/// The text of each row of `buffer`, the cells a wide character covers passed over.
pub fn rows(buffer: &Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..buffer.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            }
            line.trim_end().to_string()
        })
        .collect()
}

const MARGIN: u16 = 3;
const SENTINEL: &str = "¤";

/// Renders the explorer as a `width`×`height` screen inside a larger buffer and checks
/// that every cell around it is untouched and that no cell holds a character that could act
/// on a terminal (or a tab).
pub fn render_inside(app: &App, width: u16, height: u16) {
    let outer = Rect::new(0, 0, width + 2 * MARGIN, height + 2 * MARGIN);
    let mut buf = Buffer::filled(outer, ratatui::buffer::Cell::new(SENTINEL));
    let screen = Rect::new(MARGIN, MARGIN, width, height);
    ui::render(screen, &mut buf, app, &ui::theme::COLOUR);
    for y in 0..outer.height {
        for x in 0..outer.width {
            if !screen.contains(ratatui::layout::Position::new(x, y)) {
                assert_eq!(buf[(x, y)].symbol(), SENTINEL, "drew at ({x}, {y}) outside {width}×{height}");
            }
            let symbol = buf[(x, y)].symbol();
            assert!(
                !symbol.chars().any(|c| treaty_tui::text::is_hostile(c) || c == '\t'),
                "a control character reached the screen at ({x}, {y}): {symbol:?}"
            );
        }
    }
}
