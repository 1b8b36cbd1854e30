//! Drawing the explorer: one small view per pane, each borrowing what it shows.

pub mod cells;
mod cite;
mod compare;
mod detail;
mod goto;
mod help;
mod list;
mod popup;
mod search;
mod status;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::app::layout;
use crate::app::{App, Overlay, Pane};
use crate::model::Kind;
use theme::Theme;

/// Draws the whole explorer for `app` on the frame, in `theme`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    render(frame.area(), frame.buffer_mut(), app, theme);
}

/// Draws the explorer into `area` of `buf`, and nowhere else; every cell then passes the
/// last gate ([`cells::guard`]) on its way to the terminal.
pub fn render(area: Rect, buf: &mut Buffer, app: &App, theme: &Theme) {
    let area = area.intersection(buf.area);
    panes(area, buf, app, theme, Hidden::Skipped);
    cells::guard(buf, area);
}

/// A part of the screen drawn on its own, for measuring what each costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenPart {
    List,
    Detail,
    /// The timeline strip, its axis and the selected event's caption.
    Strip,
    Status,
}

/// Draws only `part` of the explorer for `app`, where it stands on a screen of `area`;
/// whether it shows at that size.
pub fn render_part(part: ScreenPart, area: Rect, buf: &mut Buffer, app: &App, theme: &Theme) -> bool {
    let Some(areas) = app.layout_in(area) else { return false };
    match part {
        ScreenPart::List => areas.list.map(|a| list::EntryList::new(app, theme).render(a, buf)).is_some(),
        ScreenPart::Detail => areas.detail.map(|a| detail::Detail::new(app, theme).render(a, buf)).is_some(),
        ScreenPart::Strip => areas.timeline.map(|a| timeline::Strip::new(app, theme).render(a, buf)).is_some(),
        ScreenPart::Status => {
            status::Status::new(app, theme).render(areas.status, buf);
            true
        }
    }
}

/// What becomes of a pane a popup covers whole.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hidden {
    /// It is not laid out: a frame costs what the screen shows.
    Skipped,
    /// It is drawn, and drawn over (for the test that skipping changes nothing shown).
    #[cfg(test)]
    Drawn,
}

fn panes(area: Rect, buf: &mut Buffer, app: &App, theme: &Theme, hidden: Hidden) {
    let Some(areas) = app.layout_in(Rect { x: 0, y: 0, ..area }) else {
        return too_small(area, buf);
    };
    let shift = |r: Rect| Rect { x: r.x + area.x, y: r.y + area.y, ..r };
    let above = shift(Rect { height: areas.status.y, ..Rect::new(0, 0, area.width, area.height) });
    // The popup drawn over the panes, which clears what it covers.
    let covered = match &app.overlay() {
        Some(Overlay::Search(open)) => Some(search::Results { corpus: app.corpus(), search: open, theme }.area(above)),
        Some(Overlay::GoTo(go)) => Some(goto::Choices { go, entry: None, theme }.area(above)),
        Some(Overlay::Compare(_)) => Some(above),
        _ => None,
    };
    let shown = |pane: Rect| hidden != Hidden::Skipped || covered.is_none_or(|c| c.intersection(pane) != pane);
    if let Some(list) = areas.list.map(shift).filter(|&a| shown(a)) {
        list::EntryList::new(app, theme).render(list, buf);
    }
    if let Some(detail) = areas.detail.map(shift).filter(|&a| shown(a)) {
        detail::Detail::new(app, theme).render(detail, buf);
    }
    if let Some(strip) = areas.timeline.map(shift).filter(|&a| shown(a)) {
        timeline::Strip::new(app, theme).render(strip, buf);
    }
    // A prompt takes the status line's place.
    let prompting = matches!(
        app.overlay(),
        Some(Overlay::Search(_) | Overlay::GoTo(_) | Overlay::GoToDate(_) | Overlay::Filter(_))
    );
    if hidden != Hidden::Skipped || !prompting {
        status::Status::new(app, theme).render(shift(areas.status), buf);
    }
    if let Some(problems) = &app.problems()
        && app.overlay().is_none()
    {
        let lines: Vec<&str> = problems.lines().collect();
        let height = (lines.len() as u16 + 2).min(areas.status.y / 2).max(3.min(areas.status.y));
        let panel = Rect { x: 0, y: areas.status.y - height, width: area.width, height };
        let inner =
            popup(shift(panel), buf, "The file has problems: the last good version is shown", "Esc hides", theme);
        for (i, line) in lines.iter().take(inner.height as usize).enumerate() {
            Line::raw(*line).render(row(inner, i), buf);
        }
    }
    match &app.overlay() {
        Some(Overlay::Help { scroll, find }) => {
            help::Help { scroll: *scroll, find, marks: &app.marks_listed(), theme }.render(area, buf)
        }
        Some(Overlay::Peek { target }) => popup::Peek::new(app, *target, theme).render(area, buf),
        Some(Overlay::Choose { options, selected }) => {
            popup::Choose { corpus: app.corpus(), options, selected: *selected, theme }.render(area, buf)
        }
        Some(Overlay::Search(open)) => {
            search::Results { corpus: app.corpus(), search: open, theme }.render(above, buf);
            search::SearchPrompt { search: open, theme }.render(shift(areas.status), buf);
        }
        Some(Overlay::GoTo(go)) => {
            goto::Choices { go, entry: app.corpus().entries.get(go.entry), theme }.render(above, buf);
            goto::GoToPrompt { go, theme }.render(shift(areas.status), buf);
        }
        Some(Overlay::Compare(comparing)) => {
            let laid_out = app.laid_out_rows(above.width);
            compare::Comparison { corpus: app.corpus(), comparing, laid_out, theme }.render(above, buf);
        }
        Some(Overlay::GoToDate(date)) => goto::DatePrompt { date, theme }.render(shift(areas.status), buf),
        Some(Overlay::Filter(filter)) => {
            let (shown, total) = (app.list().entries().len(), app.corpus().entries.len());
            list::FilterPrompt { filter, shown, total, theme }.render(shift(areas.status), buf)
        }
        Some(Overlay::Cite(citing)) => cite::CitePopup { citing, theme }.render(area, buf),
        // The status line asks for the letter.
        Some(Overlay::Marking(_)) | None => {}
    }
}

/// An entry's kind as the lists show it: seven cells and a space, in the kind's colour; a
/// long kind by a short form that is a whole word ("org", "doc"), or cut with "…".
fn badge(kind: &Kind, t: &Theme) -> Span<'static> {
    let name = match kind {
        Kind::Organisation => "org",
        Kind::Document => "doc",
        other => other.name(),
    };
    let name = crate::text::wrap::ellipsis(&crate::text::sanitize(name), 7);
    let pad = 7usize.saturating_sub(crate::text::wrap::width(&name));
    Span::styled(format!("{name}{} ", " ".repeat(pad)), t.kind(kind))
}

/// `line` in at most `width` cells: whole when it fits, otherwise cut where it must be and
/// ended with "…" in the style of what was cut. Nothing a pane shows is cut without a mark.
fn fitted(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width || width == 0 {
        return line;
    }
    let (style, alignment) = (line.style, line.alignment);
    let mut spans = Vec::new();
    // Room is left for the "…" all along.
    let mut room = width - 1;
    for span in line.spans {
        let (kept, used) = crate::text::wrap::fit_start(&span.content, room);
        if kept.len() < span.content.len() {
            spans.push(Span::styled(format!("{kept}…"), span.style));
            break;
        }
        room -= used;
        spans.push(span);
    }
    let mut line = Line::from(spans).style(style);
    line.alignment = alignment;
    line
}

/// What a prompt line shows.
struct PromptLine<'a> {
    sigil: &'static str,
    typed: &'a str,
    /// Where the cursor stands, a byte of `typed`.
    cursor: usize,
    /// Dim on the right: how many hits or choices.
    count: &'a str,
}

/// A prompt on the bottom line: `sigil`, what is `typed` with the cursor where `cursor`
/// (a byte of `typed`) says, the cursor kept in view when it is long (with as much before
/// it as fits, and after it up to half the room), and `count` dim on the right.
fn prompt_line(area: Rect, buf: &mut Buffer, prompt: PromptLine, t: &Theme) {
    let PromptLine { sigil, typed, cursor, count } = prompt;
    Clear.render(area, buf);
    let count_width = (crate::text::wrap::width(count) as u16).min(area.width / 2);
    let room = area.width.saturating_sub(count_width + 2) as usize;
    let cursor = (0..=cursor.min(typed.len())).rev().find(|&at| typed.is_char_boundary(at)).unwrap_or(0);
    let (before, after) = (crate::text::sanitize(&typed[..cursor]), crate::text::sanitize(&typed[cursor..]));
    let cell = |c: &char| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
    let after_room = crate::text::wrap::width(&after).min(room / 2);
    let mut width = 0;
    let mut kept: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| {
            width += cell(c);
            width <= room - after_room
        })
        .collect();
    kept.reverse();
    let before: String = kept.into_iter().collect();
    let mut left = room - crate::text::wrap::width(&before);
    let after: String = after
        .chars()
        .take_while(|c| {
            let fits = cell(c) <= left;
            left = left.saturating_sub(cell(c));
            fits
        })
        .collect();
    Line::from(vec![Span::styled(sigil, t.prompt), Span::raw(before), Span::styled("▏", t.prompt), Span::raw(after)])
        .render(area, buf);
    // Cut with a mark, as everything shown is, when more than its closing space is cut.
    let count = if crate::text::wrap::width(count.trim_end()) <= count_width as usize {
        count.to_string()
    } else {
        crate::text::wrap::ellipsis(count, count_width as usize)
    };
    Line::styled(count, t.dim)
        .render(Rect { x: area.right().saturating_sub(count_width), width: count_width, ..area }, buf);
}

/// Where part `part` of `entry` stands, in at most `room` cells, the treaty always named
/// first: "Treaty › Chapter 30 › Article 30.8 — Final Provisions"; without the chapters when
/// that does not fit; then with the article's heading cut; then with the title cut so that
/// the article's label stays whole. The entry's title alone for its overview. Sanitized.
fn named_place(entry: &crate::model::Entry, part: usize, room: usize) -> String {
    use crate::text::{sanitize, wrap};
    let title = sanitize(&entry.title);
    let Some(clause) = entry.part(part) else { return wrap::ellipsis(&title, room) };
    let full = format!("{title} › {}", sanitize(&entry.location(part)));
    if wrap::width(&full) <= room {
        return full;
    }
    let label = sanitize(&clause.label.to_string());
    let plain = format!("{title} › {}", sanitize(&clause.full_name()));
    let title_room = room.saturating_sub(wrap::width(&label) + 3);
    if wrap::width(&title) > title_room && title_room >= 8 {
        return format!("{} › {label}", wrap::ellipsis(&title, title_room));
    }
    wrap::ellipsis(&plain, room)
}

/// Row `row` of `area`, one line high.
fn row(area: Rect, row: usize) -> Rect {
    Rect { y: area.y.saturating_add(row as u16), height: 1, ..area }
}

/// A pane's frame in `area`: double and bright when it has the focus, with its title (cut
/// with "…" when it is wider than the frame).
fn pane_block<'a>(title: Line<'a>, area: Rect, pane: Pane, app: &App, t: &Theme) -> Block<'a> {
    let block = Block::bordered().title(fitted(title, area.width.saturating_sub(2) as usize));
    if app.focus() == pane && app.overlay().is_none() {
        block.border_type(theme::FOCUS_BORDER_TYPE).border_style(t.focus_border)
    } else {
        block.border_style(t.border)
    }
}

/// Clears `area` for a popup and frames it with `title` and a `footer` of keys; gives the
/// inside.
fn popup(area: Rect, buf: &mut Buffer, title: &str, footer: &str, t: &Theme) -> Rect {
    Clear.render(area, buf);
    let mut block =
        Block::bordered().border_style(t.popup_border).title(Line::styled(format!(" {title} "), t.pane_title));
    if !footer.is_empty() {
        block = block.title_bottom(Line::styled(format!(" {footer} "), t.dim).right_aligned());
    }
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let message = format!("terminal too small: need {}×{}", layout::MIN_WIDTH, layout::MIN_HEIGHT);
    let words: Vec<&str> = message.split(": ").collect();
    let lines: Vec<String> = if (message.len() as u16) <= area.width {
        vec![message.clone()]
    } else {
        vec![format!("{}:", words[0]), words[1].to_string()]
    };
    let [_, middle, _] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(lines.len() as u16),
        Constraint::Fill(1),
    ]));
    for (i, line) in lines.iter().enumerate() {
        Line::from(line.as_str()).centered().render(row(middle, i).intersection(area), buf);
    }
}

#[cfg(test)]
mod fitting {
    use ratatui::style::{Color, Style};

    use super::*;

    #[test]
    fn what_is_cut_ends_in_an_ellipsis_in_the_style_of_what_was_cut() {
        let red = Style::new().fg(Color::Red);
        let line = Line::from(vec![Span::raw("treaty  "), Span::styled("Soviet–Latvian Mutual", red)]);
        let cut = fitted(line.clone(), 16);
        assert_eq!(cut.to_string(), "treaty  Soviet–…");
        assert_eq!(cut.width(), 16);
        assert_eq!(cut.spans.last().unwrap().style, red);
        assert_eq!(fitted(line.clone(), 29).to_string(), line.to_string(), "whole when it fits");
        assert_eq!(fitted(Line::raw("Пакт о взаимопомощи"), 6).to_string(), "Пакт …");
        assert_eq!(fitted(Line::raw("漢字漢字"), 4).to_string(), "漢…", "never half a wide character");
    }

    #[test]
    fn kinds_show_as_whole_words_or_cut_with_a_mark() {
        let t = &theme::COLOUR;
        let shown = |kind: Kind| badge(&kind, t).content.to_string();
        assert_eq!(shown(Kind::Organisation), "org     ");
        assert_eq!(shown(Kind::Document), "doc     ");
        assert_eq!(shown(Kind::Treaty), "treaty  ");
        assert_eq!(shown(Kind::Concept), "concept ");
        assert_eq!(shown(Kind::Other("PyPI package".into())), "PyPI p… ");
        assert_eq!(shown(Kind::Other("battle".into())), "battle  ");
    }
}

#[cfg(test)]
mod covered {
    use super::*;
    use crate::app::{Action, axis};

    /// The screen `app` shows at `width`×`height`, with panes under a popup skipped or drawn;
    /// and how many events the strip read for it.
    fn screen(app: &App, (width, height): (u16, u16), hidden: Hidden) -> (Buffer, usize) {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        axis::VISITS.with(|v| v.set(0));
        panes(area, &mut buf, app, &theme::COLOUR, hidden);
        (buf, axis::VISITS.with(|v| v.get()))
    }

    #[test]
    fn a_pane_a_popup_covers_whole_is_not_laid_out_and_nothing_shown_changes() {
        let mut app = App::new(crate::read::load::bundled().unwrap());
        let size = (120, 40);
        app.update(Action::Resize(size.0, size.1));
        let (_, read) = screen(&app, size, Hidden::Skipped);
        assert!(read > 0, "the strip is laid out when it shows");
        app.update(Action::Search);
        for c in "the".chars() {
            app.update(Action::Type(c));
        }
        let (skipped, read) = screen(&app, size, Hidden::Skipped);
        assert_eq!(read, 0, "the strip under the hits is not laid out");
        assert_eq!(skipped, screen(&app, size, Hidden::Drawn).0, "and the screen is the same");
        // A query with one hit: the hits cover less, and the panes they leave show.
        for _ in 0..3 {
            app.update(Action::Erase);
        }
        for c in "orzel".chars() {
            app.update(Action::Type(c));
        }
        let (skipped, _) = screen(&app, size, Hidden::Skipped);
        assert_eq!(skipped, screen(&app, size, Hidden::Drawn).0);
        app.update(Action::Close);
        app.update(Action::GoTo);
        let (skipped, _) = screen(&app, size, Hidden::Skipped);
        assert_eq!(skipped, screen(&app, size, Hidden::Drawn).0, "the go-to prompt");
    }
}
