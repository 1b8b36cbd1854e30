//! The help overlay: every key, read from the same table as the key handler.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::app::{Binding, KEYMAP, Mode, Role, key_name};
use crate::text::wrap::{width, wrap};

pub struct Help<'a> {
    pub scroll: usize,
    pub theme: &'a Theme,
}

const MODES: [Mode; 8] =
    [Mode::Everywhere, Mode::List, Mode::Detail, Mode::Timeline, Mode::Peek, Mode::Choose, Mode::Prompt, Mode::Help];

fn names(binding: &Binding) -> String {
    binding.keys.iter().map(key_name).collect::<Vec<_>>().join(" / ")
}

/// The overlay's lines at `room` cells wide: a heading per mode, then each binding's keys
/// and meaning, the meaning wrapped beside the keys or, when narrow, below them.
pub fn lines(room: usize, t: &Theme) -> Vec<Line<'static>> {
    let column = KEYMAP.iter().map(|b| width(&names(b))).max().unwrap_or(0) + 4;
    let beside = room >= column + 16;
    let text_width = if beside { room - column } else { room.saturating_sub(4) };
    let mut lines = Vec::new();
    for mode in MODES {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(mode.title(), t.role(Role::Heading, false)));
        for binding in KEYMAP.iter().filter(|b| b.mode == mode) {
            let keys = names(binding);
            let help = wrap(&[(binding.help, ())], text_width.max(1));
            let help = help.into_iter().map(|l| l.into_iter().map(|(t, ())| t).collect::<String>());
            if beside {
                for (i, text) in help.enumerate() {
                    let head = if i == 0 {
                        format!("  {keys}{}", " ".repeat(column - 2 - width(&keys)))
                    } else {
                        " ".repeat(column)
                    };
                    lines.push(Line::from(vec![Span::styled(head, t.pane_title), Span::raw(text)]));
                }
            } else {
                lines.push(Line::styled(format!("  {keys}"), t.pane_title));
                lines.extend(help.map(|text| Line::raw(format!("    {text}"))));
            }
        }
    }
    lines
}

/// The overlay's width, its lines at that width, and its height, in a screen of `area`.
fn geometry(area: Rect, t: &Theme) -> (u16, Vec<Line<'static>>, u16) {
    let widest = lines(usize::MAX / 2, t).iter().map(Line::width).max().unwrap_or(0) as u16;
    let width = (widest + 2).min(area.width);
    let lines = lines(width.saturating_sub(2) as usize, t);
    let height = (lines.len() as u16 + 2).min(area.height);
    (width, lines, height)
}

/// How far the help can scroll in a screen of `area`.
pub fn max_scroll(area: Rect) -> usize {
    let (_, lines, height) = geometry(area, &super::theme::COLOUR);
    lines.len().saturating_sub(height.saturating_sub(2) as usize)
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let (width, lines, height) = geometry(area, t);
        let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
        let visible = height.saturating_sub(2) as usize;
        let scroll = self.scroll.min(lines.len().saturating_sub(visible));
        let more = if lines.len() > visible { format!(" {}/{}", scroll + visible, lines.len()) } else { String::new() };
        let inner = super::popup(popup, buf, "Keys", &format!("Esc closes{more}"), t);
        for (row, line) in lines.into_iter().skip(scroll).take(visible).enumerate() {
            line.render(Rect { y: inner.y + row as u16, height: 1, ..inner }, buf);
        }
    }
}
