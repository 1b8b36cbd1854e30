//! The last gate between the views and the terminal: every cell of a frame holds text that
//! cannot act on a terminal, at a width every terminal agrees on, whatever field it came
//! from; a grapheme whose width terminals dispute is drawn as a stand-in.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_normalization::UnicodeNormalization;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text;

/// Makes every cell of `area` in `buf` safe to send to a terminal. A stand-in of several
/// glyphs is spread over the cells the grapheme was laid out in, one glyph a cell, as
/// ratatui expects (a terminal clears a wide glyph whole, but not two narrow ones).
pub fn guard(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let Some(glyphs) = stand_in(buf[(x, y)].symbol()) else {
                x += 1;
                continue;
            };
            for glyph in glyphs {
                if x < area.right() {
                    buf[(x, y)].set_symbol(&glyph);
                }
                x += glyph.width().max(1) as u16;
            }
        }
    }
}

/// What to draw in place of `symbol` (one grapheme, as ratatui keeps it in a cell), or
/// `None` when it is safe as it is: glyphs that together take exactly the cells ratatui
/// laid the grapheme out in, spaces making up the width of a narrower stand-in.
pub fn stand_in(symbol: &str) -> Option<Vec<String>> {
    if symbol.len() == 1 && !symbol.as_bytes()[0].is_ascii_control() || agreed(symbol) {
        return None;
    }
    let reserved = laid_out(symbol);
    let composed: String = if symbol.chars().any(|c| matches!(c, '\u{1100}'..='\u{11ff}' | '\u{ff9e}' | '\u{ff9f}')) {
        // Conjoining jamo and halfwidth sound marks have composed forms that every terminal
        // draws alike.
        symbol.nfkc().collect()
    } else {
        symbol.into()
    };
    let mut glyphs: Vec<String> = Vec::new();
    let mut width = 0;
    for c in composed.chars() {
        let (shown, w) = match c {
            // A regional indicator stands for its letter: a flag reads as "LV".
            '\u{1f1e6}'..='\u{1f1ff}' => (char::from(b'A' + (c as u32 - 0x1f1e6) as u8), 1),
            '\u{2028}' | '\u{2029}' => (' ', 1),
            '\u{fffd}' => ('?', 1),
            // A skin tone means something only on the base before it, and a terminal may
            // or may not join the two.
            '\u{1f3fb}'..='\u{1f3ff}' if !glyphs.is_empty() => continue,
            // A control picture where there is one (C0, DEL), otherwise a question mark.
            c if text::is_hostile(c) => (Some(text::picture(c)).filter(|&p| p != '\u{fffd}').unwrap_or('?'), 1),
            // Vowels and finals that did not compose into a syllable: some terminals join
            // them to what stands before, others draw them apart.
            c if invisible(c) || matches!(c, '\u{1160}'..='\u{11ff}') => continue,
            c => match c.width() {
                Some(w) if w > 0 => (c, w),
                // A mark combines with the base before it, if one was kept.
                _ => {
                    if let Some(glyph) = glyphs.last_mut() {
                        glyph.push(c);
                    }
                    continue;
                }
            },
        };
        // Each base its own glyph, as far as they fit: the rest of a ZWJ sequence or a
        // modifier does not, and the first stands for the whole.
        if width + w > reserved {
            break;
        }
        glyphs.push(shown.into());
        width += w;
    }
    if glyphs.is_empty() {
        glyphs.push(if reserved > 0 { "?" } else { " " }.into());
        width = 1;
    }
    glyphs.extend(std::iter::repeat_n(" ".to_string(), reserved.saturating_sub(width)));
    (glyphs.len() != 1 || glyphs[0] != symbol).then_some(glyphs)
}

/// How many cells ratatui lays `symbol` out in (its own measure, which counts halfwidth
/// sound marks as cells of their own).
fn laid_out(symbol: &str) -> usize {
    let marks = symbol.chars().filter(|c| matches!(c, '\u{ff9e}' | '\u{ff9f}')).count();
    if symbol.len() == 1 { 1 } else { symbol.width() + marks }
}

/// Whether every terminal draws `symbol` as one glyph as wide as ratatui lays it out: one
/// base character of a width nobody disputes, then marks that combine with it. (A cell of
/// two bases is two glyphs to a terminal, and writing over the first leaves the second.)
fn agreed(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    let Some(first) = chars.next() else { return true };
    let width = first.width().unwrap_or(0);
    !disputed(first)
        && width > 0
        && chars.all(|c| !disputed(c) && !invisible(c) && c.width() == Some(0))
        && width == laid_out(symbol)
}

/// Characters whose width or effect terminals disagree on, wherever they stand.
fn disputed(c: char) -> bool {
    text::is_hostile(c)
        || matches!(
            c,
            '\u{1f1e6}'..='\u{1f1ff}' // regional indicators
                | '\u{2028}' | '\u{2029}' // line and paragraph separators
                | '\u{ff9e}' | '\u{ff9f}' // halfwidth sound marks
                | '\u{1160}'..='\u{11ff}' // conjoining jamo vowels and finals
                | '\u{fff9}'..='\u{fffb}' // interlinear annotation
                | '\u{fffd}' // drawn by some terminals, dropped by others
        )
}

/// Characters with no visible form of their own, which some terminals draw as a box or a
/// space: format characters, joiners, variation selectors, tags, the keycap mark.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{20e3}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
            | '\u{e0100}'..='\u{e01ef}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_terminals_agree_on_passes_untouched() {
        for symbol in ["a", "ā", "e\u{301}", "条", "😀", "Ж", "क\u{94d}", "각", "🏽"] {
            assert_eq!(stand_in(symbol), None, "{symbol:?}");
        }
    }

    #[test]
    fn disputed_graphemes_become_stand_ins_of_the_same_width() {
        let cases = [
            ("\u{1f1f1}\u{1f1fb}", "LV"),
            ("\u{1f1f1}", "L"),
            ("👨\u{200d}👩\u{200d}👧", "👨"),
            ("👋\u{1f3fd}", "👋"),
            ("a\u{1f3fd}", "a"),
            ("क\u{94d}षि", "क\u{94d}षि"),
            ("1\u{fe0f}\u{20e3}", "1 "),
            ("\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}", "🏴"),
            ("\u{2764}\u{fe0f}", "\u{2764} "),
            ("\u{2028}", " "),
            ("a\u{34f}", "a"),
            ("a\u{200d}", "a"),
            ("\u{fff9}", "?"),
            ("\u{fffd}", "?"),
            (" \u{1161}", " "),
            ("\u{1100}\u{1100}", "\u{1100}\u{1100}"),
            ("\u{1100}\u{1161}\u{11a8}", "각"),
            ("ｶﾞ", "ガ "),
            ("👋\u{1f3fd}\u{1f3fd}", "👋"),
            ("\u{202e}", " "),
        ];
        for (symbol, shown) in cases {
            let glyphs = stand_in(symbol).unwrap_or_else(|| panic!("{symbol:?} is disputed"));
            assert_eq!(glyphs.concat().trim_end(), shown.trim_end(), "{symbol:?}");
            let widths: usize = glyphs.iter().map(|g| g.width()).sum();
            assert_eq!(widths, laid_out(symbol).max(1), "{symbol:?} keeps its cells");
            for glyph in &glyphs {
                assert!(agreed(glyph), "{glyph:?} is agreed on");
            }
        }
    }

    #[test]
    fn nothing_that_acts_on_a_terminal_survives() {
        for symbol in ["\x1b", "\u{9b}", "a\u{202e}", "\u{7f}"] {
            let shown = stand_in(symbol).map_or_else(|| symbol.to_string(), |glyphs| glyphs.concat());
            assert!(!shown.chars().any(text::is_hostile), "{symbol:?} became {shown:?}");
            assert!(shown.chars().all(|c| !disputed(c)), "{symbol:?} became {shown:?}, itself disputed");
        }
        assert_eq!(stand_in("\x1b").unwrap(), ["\u{241b}"]);
        assert_eq!(stand_in("\u{9b}").unwrap(), ["?"]);
    }
}
