//! The help overlay's rows, laid out from the key table: what the view draws, and what the
//! update needs to know how far the help can scroll.

use ratatui::layout::Rect;

use super::{Binding, KEYMAP, Mode, key_name};
use crate::text::wrap::{width, wrap};

/// The help's `/`, as in less: what is looked for, and whether it is still being typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelpFind {
    pub typed: String,
    pub typing: bool,
    /// The row found last, which `n` and `N` go on from (a row near the end cannot come
    /// to the top, so the scroll alone does not say which it is).
    pub row: Option<usize>,
}

/// Where `typed` stands in `text`, case aside (byte ranges; the help's text is ours, and
/// ASCII case folding keeps every byte where it was).
pub fn found_in(text: &str, typed: &str) -> Vec<std::ops::Range<usize>> {
    if typed.is_empty() {
        return Vec::new();
    }
    let (text, typed) = (text.to_ascii_lowercase(), typed.to_ascii_lowercase());
    text.match_indices(&typed).map(|(at, m)| at..at + m.len()).collect()
}

/// Whether row `row` holds `typed`.
pub fn holds(row: &HelpRow, typed: &str) -> bool {
    !found_in(&row.lead, typed).is_empty() || !found_in(&row.text, typed).is_empty()
}

/// One row of the help: a lead (a mode's title, or keys) and the text after it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelpRow {
    pub lead: String,
    /// Whether the lead is a mode's title rather than keys.
    pub heading: bool,
    pub text: String,
}

const MODES: [Mode; 12] = [
    Mode::Everywhere,
    Mode::List,
    Mode::Detail,
    Mode::Timeline,
    Mode::Peek,
    Mode::Choose,
    Mode::Prompt,
    Mode::GoTo,
    Mode::Compare,
    Mode::Marking,
    Mode::Cite,
    Mode::Help,
];

fn names(binding: &Binding) -> String {
    binding.keys.iter().map(key_name).collect::<Vec<_>>().join(" / ")
}

/// The rows at `room` cells wide: the marks set (`marks`, a line each), then a heading per
/// mode, then each binding's keys and meaning, the meaning wrapped beside the keys or, when
/// narrow, below them.
pub fn rows(room: usize, marks: &[String]) -> Vec<HelpRow> {
    let column = KEYMAP.iter().map(|b| width(&names(b))).max().unwrap_or(0) + 4;
    let beside = room >= column + 16;
    let text_width = if beside { room - column } else { room.saturating_sub(4) };
    let mut rows = Vec::new();
    if !marks.is_empty() {
        rows.push(HelpRow {
            lead: "Marks set ('m' sets one, ' and its letter returns)".into(),
            heading: true,
            text: String::new(),
        });
        for mark in marks {
            let text = crate::text::wrap::ellipsis(mark, room.saturating_sub(2));
            rows.push(HelpRow { lead: String::new(), heading: false, text: format!("  {text}") });
        }
    }
    for mode in MODES {
        if !rows.is_empty() {
            rows.push(HelpRow::default());
        }
        rows.push(HelpRow { lead: mode.title().into(), heading: true, text: String::new() });
        for binding in KEYMAP.iter().filter(|b| b.mode == mode) {
            let keys = names(binding);
            let help = wrap(&[(binding.help, ())], text_width.max(1));
            let help = help.into_iter().map(|l| l.into_iter().map(|(t, ())| t).collect::<String>());
            if beside {
                for (i, text) in help.enumerate() {
                    let lead = if i == 0 {
                        format!("  {keys}{}", " ".repeat(column - 2 - width(&keys)))
                    } else {
                        " ".repeat(column)
                    };
                    rows.push(HelpRow { lead, heading: false, text });
                }
            } else {
                rows.push(HelpRow { lead: format!("  {keys}"), heading: false, text: String::new() });
                rows.extend(help.map(|text| HelpRow {
                    lead: String::new(),
                    heading: false,
                    text: format!("    {text}"),
                }));
            }
        }
    }
    rows.push(HelpRow::default());
    rows.push(HelpRow { lead: "Mouse".into(), heading: true, text: String::new() });
    // As wide as the keys' lines at most: it is read, not looked up.
    let measure = room.min(column + KEYMAP.iter().map(|b| width(b.help)).max().unwrap_or(0));
    for line in wrap(&[(MOUSE, ())], measure.saturating_sub(4).max(1)) {
        let text = line.into_iter().map(|(t, ())| t).collect::<String>();
        rows.push(HelpRow { lead: String::new(), heading: false, text: format!("  {text}") });
    }
    rows
}

/// The key table as the README gives it, a Markdown table: a row per mode's title, then
/// a row per binding, its keys and what they do.
pub fn markdown() -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut table = String::from("| key | does |\n|---|---|\n");
    for mode in MODES {
        table.push_str(&format!("| **{}** | |\n", mode.title()));
        for binding in KEYMAP.iter().filter(|b| b.mode == mode) {
            let keys: Vec<String> = binding.keys.iter().map(|k| cell(&key_name(k))).collect();
            table.push_str(&format!("| {} | {} |\n", keys.join(", "), cell(binding.help)));
        }
    }
    table
}

/// What the mouse does, and how to select text with it captured.
const MOUSE: &str = "A click focuses a pane, selects a row or follows a link; the wheel scrolls, and over the \
    timeline zooms. To select text with the terminal's own selection, hold Shift while you drag (in \
    most terminals), or start with --no-mouse.";

/// The overlay in a screen of `area`, with the marks set (`marks`, as wide as the keys
/// leave room for): its width, its rows at that width, and its height.
pub fn geometry(area: Rect, marks: &[String]) -> (u16, Vec<HelpRow>, u16) {
    let widest = rows(usize::MAX / 2, &[]).iter().map(|r| width(&r.lead) + width(&r.text)).max().unwrap_or(0) as u16;
    let width = (widest + 2).min(area.width);
    let rows = rows(width.saturating_sub(2) as usize, marks);
    let height = (rows.len() as u16 + 2).min(area.height);
    (width, rows, height)
}

/// How far the help can scroll in a screen of `area`, with the marks set (`marks`).
pub fn max_scroll(area: Rect, marks: &[String]) -> usize {
    let (_, rows, height) = geometry(area, marks);
    rows.len().saturating_sub(height.saturating_sub(2) as usize)
}
