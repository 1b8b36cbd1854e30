//! The backend frames are written through: what crossterm's backend writes, in fewer bytes
//! (the cursor moved by the shortest sequence that gets it there, and each change of style
//! said in one sequence), so that a frame reaches a slow link or a busy terminal sooner.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::{cursor, queue, terminal};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// A terminal reached through `W`, which is written to as a VT100-style terminal (xterm and
/// its kin) reads: absolute and relative cursor moves, carriage return and line feed, and
/// SGR for colours and attributes.
#[derive(Debug)]
pub struct Compact<W: Write> {
    writer: W,
    /// The size to report, for a terminal that is not the process's own (tests); the
    /// process's terminal is asked when `None`.
    size: Option<Size>,
    /// The width the process's terminal last gave: ratatui asks for the size before each
    /// frame, and the frame's drawing reads it here rather than asking again.
    width: std::cell::Cell<Option<u16>>,
}

impl<W: Write> Compact<W> {
    /// Writes to the process's terminal through `writer`.
    pub const fn new(writer: W) -> Self {
        Self { writer, size: None, width: std::cell::Cell::new(None) }
    }

    /// Writes to a terminal of `size` through `writer`.
    #[cfg(test)]
    pub const fn sized(writer: W, size: Size) -> Self {
        Self { writer, size: Some(size), width: std::cell::Cell::new(None) }
    }

    #[cfg(test)]
    pub const fn writer(&self) -> &W {
        &self.writer
    }
}

/// The style the terminal draws with, as far as the cells say it.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    const PLAIN: Self = Self { fg: Color::Reset, bg: Color::Reset, modifier: Modifier::empty() };
}

impl<W: Write> Backend for Compact<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let known = self.size.map(|size| size.width).or(self.width.get());
        let width = known.or_else(|| self.size().ok().map(|size| size.width)).unwrap_or(u16::MAX);
        let mut pen = Pen::PLAIN;
        // Where the terminal's cursor is known to be; unknown at first, after a symbol wider
        // than one column (a terminal may count its width otherwise) and after the last
        // column (where a terminal may have wrapped already, or may wait to).
        let mut at: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            if at != Some((x, y)) {
                move_to(&mut self.writer, at, (x, y))?;
            }
            let next = Pen { fg: cell.fg, bg: cell.bg, modifier: cell.modifier };
            if next != pen {
                restyle(&mut self.writer, pen, next)?;
                pen = next;
            }
            let symbol = cell.symbol();
            self.writer.write_all(symbol.as_bytes())?;
            at = (symbol.width() == 1 && x + 1 < width).then_some((x + 1, y));
        }
        if pen != Pen::PLAIN {
            self.writer.write_all(b"\x1b[0m")?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        queue!(self.writer, cursor::Hide)?;
        self.writer.flush()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        queue!(self.writer, cursor::Show)?;
        self.writer.flush()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        cursor::position().map(|(x, y)| Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        queue!(self.writer, cursor::MoveTo(x, y))?;
        self.writer.flush()
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let clear = match clear_type {
            ClearType::All => terminal::ClearType::All,
            ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
            ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
            ClearType::CurrentLine => terminal::ClearType::CurrentLine,
            ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
        };
        queue!(self.writer, terminal::Clear(clear))?;
        self.writer.flush()
    }

    fn size(&self) -> io::Result<Size> {
        match self.size {
            Some(size) => Ok(size),
            None => {
                let (width, height) = terminal::size()?;
                self.width.set(Some(width));
                Ok(Size { width, height })
            }
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size { width: size.columns, height: size.rows },
            pixels: Size { width: size.width, height: size.height },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Moves the cursor from `from` (where it is, when known) to `to` by the shortest of an
/// absolute move and a relative one: forward along the row, or a carriage return, line feeds
/// and forward to a row below.
fn move_to(out: &mut impl Write, from: Option<(u16, u16)>, (x, y): (u16, u16)) -> io::Result<()> {
    let mut absolute = io::Cursor::new([0u8; 16]);
    if x == 0 {
        write!(absolute, "\x1b[{}H", y + 1)?;
    } else {
        write!(absolute, "\x1b[{};{}H", y + 1, x + 1)?;
    }
    let mut relative = io::Cursor::new([0u8; 24]);
    match from {
        Some((cx, cy)) if cy == y && cx < x => forward(&mut relative, x - cx)?,
        Some((_, cy)) if cy < y => {
            relative.write_all(b"\r")?;
            match y - cy {
                down @ 1..=4 => relative.write_all(&b"\n\n\n\n"[..usize::from(down)])?,
                down => write!(relative, "\x1b[{down}B")?,
            }
            forward(&mut relative, x)?;
        }
        _ => return out.write_all(written(&absolute)),
    }
    let shortest = if relative.position() < absolute.position() { written(&relative) } else { written(&absolute) };
    out.write_all(shortest)
}

/// What was written to `cursor`.
fn written<const N: usize>(cursor: &io::Cursor<[u8; N]>) -> &[u8] {
    &cursor.get_ref()[..usize::try_from(cursor.position()).unwrap_or(N)]
}

/// Cursor forward `n` columns (none when `n` is 0).
fn forward(out: &mut impl Write, n: u16) -> io::Result<()> {
    match n {
        0 => Ok(()),
        1 => out.write_all(b"\x1b[C"),
        n => write!(out, "\x1b[{n}C"),
    }
}

/// The parameters of one SGR sequence, written as they come.
struct Sgr<'w, W: Write> {
    out: &'w mut W,
    first: bool,
}

impl<W: Write> Sgr<'_, W> {
    fn push(&mut self, parameter: impl std::fmt::Display) -> io::Result<()> {
        let lead = if std::mem::take(&mut self.first) { "\x1b[" } else { ";" };
        write!(self.out, "{lead}{parameter}")
    }

    /// `painted` as foreground (`base` 30) or background (40), as crossterm writes it: the
    /// sixteen named colours as indexes of the 256.
    fn colour(&mut self, painted: Color, base: u8) -> io::Result<()> {
        match painted {
            Color::Reset => self.push(base + 9),
            Color::Rgb(r, g, b) => self.push(format_args!("{};2;{r};{g};{b}", base + 8)),
            indexed => self.push(format_args!("{};5;{}", base + 8, index(indexed))),
        }
    }
}

/// The index in the 256 colours of a named or indexed colour.
const fn index(colour: Color) -> u8 {
    match colour {
        Color::Indexed(index) => index,
        Color::Reset | Color::Black | Color::Rgb(..) => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    }
}

/// The attributes each set and ended by a code of its own: the attribute, its code on, its
/// code off (bold and dim end together; blinking ends with one code for both).
const ATTRIBUTES: [(Modifier, u8, u8); 5] = [
    (Modifier::REVERSED, 7, 27),
    (Modifier::ITALIC, 3, 23),
    (Modifier::UNDERLINED, 4, 24),
    (Modifier::CROSSED_OUT, 9, 29),
    (Modifier::HIDDEN, 8, 28),
];

/// One SGR sequence taking the terminal's style from `from` to `to`: the attributes that
/// go, those that come, and the colours that change.
fn restyle(out: &mut impl Write, from: Pen, to: Pen) -> io::Result<()> {
    let mut sgr = Sgr { out, first: true };
    let (removed, added) = (from.modifier - to.modifier, to.modifier - from.modifier);
    for (modifier, _, off) in ATTRIBUTES {
        if removed.contains(modifier) {
            sgr.push(off)?;
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        sgr.push(25)?;
    }
    // Bold and dim end together (22), and the one that stays comes back.
    let intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if intensity {
        sgr.push(22)?;
    }
    let comes = if intensity { to.modifier } else { added };
    for (modifier, on) in [(Modifier::BOLD, 1), (Modifier::DIM, 2)] {
        if comes.contains(modifier) {
            sgr.push(on)?;
        }
    }
    let blinks = [(Modifier::SLOW_BLINK, 5), (Modifier::RAPID_BLINK, 6)];
    for (modifier, on) in ATTRIBUTES.map(|(modifier, on, _)| (modifier, on)).into_iter().chain(blinks) {
        if added.contains(modifier) {
            sgr.push(on)?;
        }
    }
    if from.fg != to.fg {
        sgr.colour(to.fg, 30)?;
    }
    if from.bg != to.bg {
        sgr.colour(to.bg, 40)?;
    }
    sgr.out.write_all(b"m")
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::CrosstermBackend;
    use ratatui::buffer::Buffer;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::{App, Input};

    fn bundled(size: (u16, u16)) -> App {
        let corpus = crate::read::load::bundled().expect("the bundled corpus loads");
        App::sized(std::sync::Arc::new(corpus), size)
    }

    fn press(app: &mut App, code: KeyCode) {
        app.update(Input::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// The colour vt100 reads for `painted` as crossterm's backend writes it.
    fn read_as(painted: Color) -> vt100::Color {
        match painted {
            Color::Reset => vt100::Color::Default,
            Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
            Color::Indexed(index) => vt100::Color::Idx(index),
            named => vt100::Color::Idx(index(named)),
        }
    }

    /// Every cell of `buffer` as the terminal that read `bytes` shows it: the same symbol,
    /// colours and attributes.
    fn assert_shows(parser: &vt100::Parser, buffer: &Buffer, frame: &str) {
        let screen = parser.screen();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                let want = &buffer[(x, y)];
                let Some(got) = screen.cell(y, x) else { panic!("{frame}: no cell at {x},{y}") };
                if got.is_wide_continuation() {
                    continue;
                }
                let symbol = if got.contents().is_empty() { " " } else { got.contents() };
                let at = format!("{frame}: cell {x},{y}");
                assert_eq!(symbol, want.symbol(), "{at}");
                assert_eq!(got.fgcolor(), read_as(want.fg), "{at} ({symbol})");
                assert_eq!(got.bgcolor(), read_as(want.bg), "{at} ({symbol})");
                assert_eq!(got.bold(), want.modifier.contains(Modifier::BOLD), "{at} bold");
                assert_eq!(got.dim(), want.modifier.contains(Modifier::DIM), "{at} dim");
                assert_eq!(got.italic(), want.modifier.contains(Modifier::ITALIC), "{at} italic");
                assert_eq!(got.underline(), want.modifier.contains(Modifier::UNDERLINED), "{at} underline");
                assert_eq!(got.inverse(), want.modifier.contains(Modifier::REVERSED), "{at} inverse");
            }
        }
    }

    #[test]
    fn every_frame_of_a_session_reaches_the_terminal_cell_for_cell() {
        for (width, height) in [(80, 24), (120, 40), (200, 60), (20, 5)] {
            let size = Size { width, height };
            let mut terminal = Terminal::new(Compact::sized(Vec::new(), size)).unwrap();
            let mut parser =
                vt100::Parser::new(std::num::NonZero::new(height).unwrap(), std::num::NonZero::new(width).unwrap(), 0);
            let mut app = bundled((width, height));
            let keys = [
                None,
                Some(KeyCode::Down),
                Some(KeyCode::Char('j')),
                Some(KeyCode::Char(']')),
                Some(KeyCode::Tab),
                Some(KeyCode::Char('/')),
                Some(KeyCode::Char('b')),
                Some(KeyCode::Char('a')),
                Some(KeyCode::Char('s')),
                Some(KeyCode::Esc),
                Some(KeyCode::Char('?')),
                Some(KeyCode::Esc),
                Some(KeyCode::Char('t')),
                Some(KeyCode::Right),
                Some(KeyCode::PageDown),
            ];
            for key in keys {
                if let Some(code) = key {
                    press(&mut app, code);
                }
                let theme = &crate::ui::theme::COLOUR;
                let drawn = terminal.draw(|frame| crate::ui::draw(frame, &app, theme)).unwrap().buffer.clone();
                parser.process(terminal.backend().writer());
                terminal.backend_mut().writer.clear();
                assert_shows(&parser, &drawn, &format!("{width}x{height} after {key:?}"));
            }
        }
    }

    #[test]
    fn wide_symbols_and_the_last_column_leave_the_next_cells_in_place() {
        let size = Size { width: 12, height: 3 };
        let mut terminal = Terminal::new(Compact::sized(Vec::new(), size)).unwrap();
        let mut parser = vt100::Parser::new(std::num::NonZero::new(3).unwrap(), std::num::NonZero::new(12).unwrap(), 0);
        for text in ["a日本 b  c ─x\n条約第一条です\n  z", "a日本  b c─y\nx条約第二条です\n z"] {
            let paragraph = ratatui::widgets::Paragraph::new(text).style(ratatui::style::Style::new().bold());
            let drawn = terminal.draw(|frame| frame.render_widget(paragraph, frame.area())).unwrap().buffer.clone();
            parser.process(terminal.backend().writer());
            terminal.backend_mut().writer.clear();
            assert_shows(&parser, &drawn, text);
        }
    }

    #[test]
    fn past_the_last_column_the_next_row_is_reached_by_an_absolute_move() {
        // Terminals differ there: most wait to wrap, some have wrapped already.
        let mut terminal = Terminal::new(Compact::sized(Vec::new(), Size { width: 4, height: 2 })).unwrap();
        terminal
            .draw(|frame| frame.render_widget(ratatui::widgets::Paragraph::new("abcd\nefgh"), frame.area()))
            .unwrap();
        let written = String::from_utf8(terminal.backend().writer().clone()).unwrap();
        assert!(written.contains("abcd\x1b[2Hefgh"), "{written:?}");
    }

    /// Counts the bytes written through it.
    #[derive(Clone, Default)]
    struct Counted(std::rc::Rc<std::cell::Cell<usize>>);

    impl Write for Counted {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.set(self.0.get() + bytes.len());
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_whole_frame_takes_a_fifth_fewer_bytes_than_crossterms_own() {
        let (width, height) = (200, 50);
        let app = bundled((width, height));
        let theme = &crate::ui::theme::COLOUR;
        let mut ours = Terminal::new(Compact::sized(Vec::new(), Size { width, height })).unwrap();
        ours.draw(|frame| crate::ui::draw(frame, &app, theme)).unwrap();
        let ours = ours.backend().writer().len();
        // Crossterm's backend asks the process's terminal for its size; drawn through a
        // fixed viewport instead.
        let options = ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, width, height)),
        };
        let counted = Counted::default();
        let mut theirs = Terminal::with_options(CrosstermBackend::new(counted.clone()), options).unwrap();
        theirs.draw(|frame| crate::ui::draw(frame, &app, theme)).unwrap();
        let theirs = counted.0.get();
        assert!(ours * 5 <= theirs * 4, "{ours} bytes against crossterm's {theirs}");
    }

    #[test]
    fn the_cursor_takes_the_shortest_way() {
        let moved = |from, to| {
            let mut out = Vec::new();
            move_to(&mut out, from, to).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(moved(None, (0, 4)), "\x1b[5H");
        assert_eq!(moved(None, (9, 4)), "\x1b[5;10H");
        assert_eq!(moved(Some((3, 4)), (4, 4)), "\x1b[C");
        assert_eq!(moved(Some((3, 4)), (30, 4)), "\x1b[27C");
        assert_eq!(moved(Some((70, 4)), (0, 5)), "\r\n");
        assert_eq!(moved(Some((70, 19)), (3, 20)), "\r\n\x1b[3C");
        assert_eq!(moved(Some((70, 4)), (2, 6)), "\x1b[7;3H", "a tie is absolute");
        assert_eq!(moved(Some((10, 4)), (70, 20)), "\x1b[21;71H");
        assert_eq!(moved(Some((10, 4)), (3, 4)), "\x1b[5;4H", "backwards is absolute");
        assert_eq!(moved(Some((10, 9)), (3, 4)), "\x1b[5;4H", "upwards is absolute");
    }

    #[test]
    fn a_change_of_style_is_one_sequence() {
        let styled = |from: Pen, to: Pen| {
            let mut out = Vec::new();
            restyle(&mut out, from, to).unwrap();
            String::from_utf8(out).unwrap()
        };
        let bold_cyan = Pen { fg: Color::Cyan, bg: Color::Reset, modifier: Modifier::BOLD };
        assert_eq!(styled(Pen::PLAIN, bold_cyan), "\x1b[1;38;5;6m");
        assert_eq!(styled(bold_cyan, Pen::PLAIN), "\x1b[22;39m");
        let dim_bold = Pen { modifier: Modifier::BOLD | Modifier::DIM, ..bold_cyan };
        assert_eq!(styled(dim_bold, bold_cyan), "\x1b[22;1m", "bold stays as dim goes");
        let on_grey = Pen { bg: Color::Indexed(236), ..Pen::PLAIN };
        assert_eq!(styled(Pen::PLAIN, on_grey), "\x1b[48;5;236m");
        let rgb = Pen { fg: Color::Rgb(1, 2, 3), modifier: Modifier::REVERSED | Modifier::UNDERLINED, ..on_grey };
        assert_eq!(styled(on_grey, rgb), "\x1b[7;4;38;2;1;2;3m");
        assert_eq!(styled(rgb, on_grey), "\x1b[27;24;39m");
    }
}
