//! Which key does what, in one table: the key handler reads it, and so does the help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Cursor, Marking, Motion, Pane};

/// Where the keys are read: a pane with the focus, or an overlay over everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Keys that work in every pane.
    Everywhere,
    List,
    Detail,
    Timeline,
    Help,
    Peek,
    Prompt,
    /// The "go to" prompt.
    GoTo,
    Choose,
    /// The comparison of an article with its counterparts.
    Compare,
    /// Waiting for a mark's letter, after `m` or `'`.
    Marking,
    /// The citation popup (`y`).
    Cite,
}

impl Mode {
    /// The heading of this mode's keys in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Self::Everywhere => "Everywhere",
            Self::List => "Entries list",
            Self::Detail => "Detail view",
            Self::Timeline => "Timeline",
            Self::Help => "This help",
            Self::Peek => "Peek popup",
            Self::Prompt => "Search prompt",
            Self::GoTo => "Go-to prompt (:)",
            Self::Choose => "Choosing an entry",
            Self::Compare => "Comparison (c)",
            Self::Marking => "A mark's letter (after m or ')",
            Self::Cite => "Citation popup (y)",
        }
    }
}

/// A key with its modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
}

const fn alt(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::ALT }
}

const fn shift(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::SHIFT }
}

/// Keys bound to one action in one mode, with the words the help overlay shows.
pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    /// A word or two for the status line, for the few keys that matter in this mode; empty
    /// for the others.
    pub hint: &'static str,
}

const fn bind(mode: Mode, keys: &'static [Key], action: Action, help: &'static str, hint: &'static str) -> Binding {
    Binding { mode, keys, action, help, hint }
}

use KeyCode::{BackTab, Backspace, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up};
use Mode::{Choose, Compare, Detail, Everywhere, GoTo, Help, List, Peek, Prompt, Timeline};

/// The keys of [`Mode::Marking`].
const MARKING: Mode = Mode::Marking;
use Motion::{First, HalfNext, HalfPrev, Last, Next, PageNext, PagePrev, Prev};

/// Every key the explorer knows. Within a mode the first match wins; a pane's own keys
/// come before the keys that work everywhere.
pub const KEYMAP: &[Binding] = &[
    bind(List, &[plain(Up), ch('k')], Action::Move(Prev), "select and show the previous entry", ""),
    bind(List, &[plain(Down), ch('j')], Action::Move(Next), "select and show the next entry", ""),
    bind(List, &[plain(PageUp), ctrl('b'), ch('b')], Action::Move(PagePrev), "move up a page", ""),
    bind(List, &[plain(PageDown), ctrl('f'), ch(' ')], Action::Move(PageNext), "move down a page", ""),
    bind(List, &[ctrl('u')], Action::Move(HalfPrev), "move up half a page", ""),
    bind(List, &[ctrl('d')], Action::Move(HalfNext), "move down half a page", ""),
    bind(List, &[plain(Home), ch('g')], Action::Move(First), "first entry", ""),
    bind(List, &[plain(End), ch('G')], Action::Move(Last), "last entry", ""),
    bind(List, &[plain(Enter)], Action::Open, "go into the entry or part shown; open or close a chapter", "open"),
    bind(List, &[plain(Right), ch('l')], Action::Unfold, "open a chapter, or a treaty's contents", ""),
    bind(List, &[plain(Left), ch('h')], Action::Fold, "close a chapter, or go to the one above", ""),
    bind(
        List,
        &[ch('f')],
        Action::Filter,
        "filter the list: words of a title, kind:treaty party:chile year:1990..2000 lang:es",
        "",
    ),
    bind(List, &[ch('s')], Action::Sort, "sort by title, date, length, hits of the last search, or as written", ""),
    bind(Detail, &[plain(Up), ch('k')], Action::Move(Prev), "scroll up", ""),
    bind(Detail, &[plain(Down), ch('j')], Action::Move(Next), "scroll down", ""),
    bind(Detail, &[plain(PageUp), ctrl('b'), ch('b')], Action::Move(PagePrev), "scroll up a page", ""),
    bind(Detail, &[plain(PageDown), ctrl('f'), ch(' ')], Action::Move(PageNext), "scroll down a page", ""),
    bind(Detail, &[ctrl('u')], Action::Move(HalfPrev), "scroll up half a page", ""),
    bind(Detail, &[ctrl('d')], Action::Move(HalfNext), "scroll down half a page", ""),
    bind(Detail, &[plain(Home), ch('g')], Action::Move(First), "go to the top", ""),
    bind(Detail, &[plain(End), ch('G')], Action::Move(Last), "go to the bottom", ""),
    bind(Detail, &[plain(Left), ch('h')], Action::PrevLink, "select the previous link", ""),
    bind(Detail, &[plain(Right), ch('l')], Action::NextLink, "select the next link", "link"),
    bind(Detail, &[plain(Enter)], Action::Open, "follow the selected link", "follow"),
    bind(Detail, &[ch('p')], Action::Peek, "peek at the selected link's entry", "peek"),
    bind(Timeline, &[plain(Left), ch('h'), ch('k')], Action::Move(Prev), "select the earlier event", ""),
    bind(Timeline, &[plain(Right), ch('l'), ch('j')], Action::Move(Next), "select the later event", "event"),
    bind(Timeline, &[plain(Home), ch('g')], Action::Move(First), "first event", ""),
    bind(Timeline, &[plain(End), ch('G')], Action::Move(Last), "last event", ""),
    bind(Timeline, &[plain(Enter)], Action::Open, "open the entry the event concerns", "open"),
    bind(
        Timeline,
        &[ch(':')],
        Action::GoTo,
        "the first event on or after a date: 16 June 1940, June 1940, 1940",
        "date",
    ),
    bind(Timeline, &[ch('+'), ch('=')], Action::ZoomIn, "zoom in around the selected event", "zoom"),
    bind(Timeline, &[ch('-')], Action::ZoomOut, "zoom out", ""),
    bind(Timeline, &[ch('0')], Action::Fit, "show the whole timeline", ""),
    bind(Timeline, &[shift(Left)], Action::PanBack, "look earlier, keeping the selection", ""),
    bind(Timeline, &[shift(Right)], Action::PanForward, "look later, keeping the selection", ""),
    bind(Choose, &[plain(Up), ch('k')], Action::Move(Prev), "previous entry", ""),
    bind(Choose, &[plain(Down), ch('j')], Action::Move(Next), "next entry", "choose"),
    bind(Choose, &[plain(Enter)], Action::Open, "open the entry", "open"),
    bind(Choose, &[plain(Esc), ch('q')], Action::Close, "close without opening", "close"),
    bind(Mode::Cite, &[plain(Up), ch('k')], Action::Move(Prev), "the format above", ""),
    bind(Mode::Cite, &[plain(Down), ch('j')], Action::Move(Next), "the format below", "format"),
    bind(Mode::Cite, &[plain(Enter), ch('y')], Action::Open, "copy the citation in that format", "copy"),
    bind(Mode::Cite, &[plain(Esc), ch('q')], Action::Close, "close without copying", "close"),
    bind(Help, &[plain(Up), ch('k')], Action::Move(Prev), "scroll up", ""),
    bind(Help, &[plain(Down), ch('j')], Action::Move(Next), "scroll down", ""),
    bind(Help, &[plain(PageUp), ctrl('b'), ch('b')], Action::Move(PagePrev), "scroll up a page", ""),
    bind(Help, &[plain(PageDown), ctrl('f'), ch(' ')], Action::Move(PageNext), "scroll down a page", ""),
    bind(Help, &[ctrl('u')], Action::Move(HalfPrev), "scroll up half a page", ""),
    bind(Help, &[ctrl('d')], Action::Move(HalfNext), "scroll down half a page", ""),
    bind(Help, &[plain(Home), ch('g')], Action::Move(First), "go to the top", ""),
    bind(Help, &[plain(End), ch('G')], Action::Move(Last), "go to the bottom", ""),
    bind(Help, &[ch('/')], Action::Search, "find words in the help (Enter keeps them, Esc drops them)", "find"),
    bind(Help, &[ch('n')], Action::NextHit, "the next row holding them", ""),
    bind(Help, &[ch('N')], Action::PrevHit, "the row before holding them", ""),
    bind(Help, &[plain(Esc), ch('q'), ch('?'), plain(F(1))], Action::Close, "close the help", "close"),
    bind(Compare, &[plain(Up), ch('k')], Action::Move(Prev), "scroll up", ""),
    bind(Compare, &[plain(Down), ch('j')], Action::Move(Next), "scroll down", ""),
    bind(Compare, &[plain(PageUp), ctrl('b'), ch('b')], Action::Move(PagePrev), "scroll up a page", ""),
    bind(Compare, &[plain(PageDown), ctrl('f'), ch(' ')], Action::Move(PageNext), "scroll down a page", ""),
    bind(Compare, &[ctrl('u')], Action::Move(HalfPrev), "scroll up half a page", ""),
    bind(Compare, &[ctrl('d')], Action::Move(HalfNext), "scroll down half a page", ""),
    bind(Compare, &[plain(Home), ch('g')], Action::Move(First), "go to the top", ""),
    bind(Compare, &[plain(End), ch('G')], Action::Move(Last), "go to the bottom", ""),
    bind(Compare, &[ch(']')], Action::NextClause, "every column to the next article", "article"),
    bind(Compare, &[ch('[')], Action::PrevClause, "every column to the previous article", ""),
    bind(Compare, &[ch('t')], Action::Beside, "one treaty beside the article after another, then all", "treaties"),
    bind(Compare, &[plain(Tab)], Action::NextColumn, "the next column, when only one fits", ""),
    bind(
        Compare,
        &[ch('o')],
        Action::Overview,
        "the whole treaty, article by article (again: the article)",
        "overview",
    ),
    bind(Compare, &[ch('s')], Action::Similar, "the articles most like this one, anywhere (again: back)", "similar"),
    bind(Compare, &[ch('d')], Action::Marks, "the words inserted and left out marked, or each article as written", ""),
    bind(
        Compare,
        &[plain(Enter)],
        Action::Open,
        "in the overview or the similar articles, compare the selected one",
        "",
    ),
    bind(Compare, &[ch('y')], Action::Cite, "copy the articles compared, with their citations", ""),
    bind(Compare, &[plain(Esc), ch('q'), ch('c')], Action::Close, "close the comparison", "close"),
    bind(MARKING, &[plain(Esc)], Action::Close, "no mark after all", "cancel"),
    bind(Peek, &[plain(Enter)], Action::Open, "open the entry", "open"),
    bind(Peek, &[plain(Esc), ch('q'), ch('p'), ch(' ')], Action::Close, "close the popup", "close"),
    bind(GoTo, &[plain(Enter)], Action::Open, "go to the article labelled so, or the selected one", "go"),
    bind(GoTo, &[plain(Tab)], Action::Complete, "complete the label", "complete"),
    bind(GoTo, &[plain(Up)], Action::Move(Prev), "previous choice", ""),
    bind(GoTo, &[plain(Down)], Action::Move(Next), "next choice", ""),
    bind(GoTo, &[plain(PageUp)], Action::Move(PagePrev), "up a page of choices", ""),
    bind(GoTo, &[plain(PageDown)], Action::Move(PageNext), "down a page of choices", ""),
    bind(GoTo, &[plain(Esc)], Action::Close, "leave the prompt", "leave"),
    bind(GoTo, &[plain(Backspace)], Action::Erase, "delete a character", ""),
    bind(GoTo, &[ctrl('w'), alt(Backspace)], Action::EraseWord, "delete a word", ""),
    bind(GoTo, &[ctrl('u')], Action::EraseToStart, "delete all that is typed", ""),
    bind(GoTo, &[ctrl('c')], Action::Quit, "quit", ""),
    bind(GoTo, &[ctrl('l')], Action::Redraw, "clear the screen and draw it again", ""),
    bind(Prompt, &[plain(Enter)], Action::Open, "go to the selected hit", "go"),
    bind(Prompt, &[plain(Up)], Action::Move(Prev), "previous hit; in an empty prompt, an earlier query", ""),
    bind(Prompt, &[plain(Down)], Action::Move(Next), "next hit; after recalling a query, a later one", "hit"),
    bind(Prompt, &[plain(PageUp)], Action::Move(PagePrev), "up a page of hits", ""),
    bind(Prompt, &[plain(PageDown)], Action::Move(PageNext), "down a page of hits", ""),
    bind(Prompt, &[plain(Tab)], Action::Scope, "search only the open entry, or the whole corpus again", "scope"),
    bind(Prompt, &[ctrl('g')], Action::Group, "the hits a row per entry, or a row per hit", "group"),
    bind(Prompt, &[plain(Esc)], Action::Close, "leave the search, back where you were", "leave"),
    bind(Prompt, &[plain(Backspace)], Action::Erase, "delete the character before the cursor", ""),
    bind(Prompt, &[ctrl('w'), alt(Backspace)], Action::EraseWord, "delete the word before the cursor", ""),
    bind(Prompt, &[ctrl('u')], Action::EraseToStart, "delete all before the cursor", ""),
    bind(Prompt, &[plain(Left)], Action::Cursor(Cursor::Left), "move the cursor left", ""),
    bind(
        Prompt,
        &[plain(Right)],
        Action::Cursor(Cursor::Right),
        "move the cursor right; at the end, open the entry's row to show all its hits (again: close)",
        "",
    ),
    bind(Prompt, &[plain(Home), ctrl('a')], Action::Cursor(Cursor::Home), "move the cursor to the start", ""),
    bind(Prompt, &[plain(End), ctrl('e')], Action::Cursor(Cursor::End), "move the cursor to the end", ""),
    bind(Prompt, &[ctrl('c')], Action::Quit, "quit", ""),
    bind(Prompt, &[ctrl('z')], Action::Suspend, "suspend to the shell (fg resumes)", ""),
    bind(Prompt, &[ctrl('l')], Action::Redraw, "clear the screen and draw it again", ""),
    bind(Everywhere, &[ch('q'), ctrl('c')], Action::Quit, "quit", "quit"),
    bind(Everywhere, &[ctrl('z')], Action::Suspend, "suspend to the shell (fg resumes)", ""),
    bind(Everywhere, &[ctrl('l')], Action::Redraw, "clear the screen and draw it again", ""),
    bind(Everywhere, &[plain(Tab)], Action::FocusNext, "focus the next pane", "pane"),
    bind(Everywhere, &[plain(BackTab)], Action::FocusPrev, "focus the previous pane", ""),
    bind(Everywhere, &[ch('1')], Action::Focus(Pane::List), "focus the entries list", ""),
    bind(Everywhere, &[ch('2')], Action::Focus(Pane::Detail), "focus the detail view", ""),
    bind(Everywhere, &[ch('3')], Action::Focus(Pane::Timeline), "focus the timeline", ""),
    bind(Everywhere, &[plain(Backspace), alt(Left)], Action::Back, "go back", ""),
    bind(Everywhere, &[alt(Right)], Action::Forward, "go forward", ""),
    bind(Everywhere, &[ch('/')], Action::Search, "search", ""),
    bind(Everywhere, &[ch(']')], Action::NextClause, "next article of the open treaty", ""),
    bind(Everywhere, &[ch('[')], Action::PrevClause, "previous article", ""),
    bind(Everywhere, &[ch('}')], Action::NextChapter, "next chapter (or part, section)", ""),
    bind(Everywhere, &[ch('{')], Action::PrevChapter, "this chapter's start, or the previous chapter", ""),
    bind(Everywhere, &[ch(':')], Action::GoTo, "go to an article by its label (30.8, IV, 25 bis)", ""),
    bind(Everywhere, &[ch('v')], Action::NextVersion, "the same article in the next language version", ""),
    bind(Everywhere, &[ch('y')], Action::Cite, "cite the selection: text, BibTeX, CSL-JSON, RIS", ""),
    bind(Everywhere, &[ch('c')], Action::Compare, "set the open article beside its counterparts in other treaties", ""),
    bind(
        Everywhere,
        &[ch('a')],
        Action::AsOf,
        "list only entries with an event up to the selected one (again: all)",
        "",
    ),
    bind(
        Everywhere,
        &[ch('T')],
        Action::ToggleStrip,
        "hide the timeline strip, or show it (3 still shows the timeline)",
        "",
    ),
    bind(Everywhere, &[ch('m')], Action::Mark(Marking::Set), "mark the place being read with a letter", ""),
    bind(
        Everywhere,
        &[ch('\'')],
        Action::Mark(Marking::Return),
        "return to a mark by its letter; '' to the place before the last jump",
        "",
    ),
    bind(Everywhere, &[ch('n')], Action::NextHit, "next hit of the last search", ""),
    bind(Everywhere, &[ch('N')], Action::PrevHit, "previous hit of the last search", ""),
    bind(Everywhere, &[ch('?'), plain(F(1))], Action::Help, "show this help", "help"),
    bind(Everywhere, &[plain(Esc)], Action::Close, "close a popup", ""),
];

/// The action for `key` in `mode`, if any. In the prompt, a character without Ctrl or
/// Alt is typed, whatever it is bound to elsewhere. Shift is ignored for characters,
/// whose case says it, and for Shift-Tab, which terminals send as a key of its own
/// (`ESC [ Z`) that crossterm reports with Shift held.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    let modifiers = match key.code {
        KeyCode::Char(_) | KeyCode::BackTab => key.modifiers - KeyModifiers::SHIFT,
        _ => key.modifiers,
    };
    let pressed = Key { code: key.code, modifiers };
    let find = |mode: Mode| KEYMAP.iter().find(|b| b.mode == mode && b.keys.contains(&pressed)).map(|b| b.action);
    match (mode, key.code) {
        (Mode::Prompt | Mode::GoTo | Mode::Marking, KeyCode::Char(c)) if modifiers.is_empty() => Some(Action::Type(c)),
        (Mode::Prompt | Mode::GoTo, _) => find(mode),
        (Mode::Help | Mode::Peek | Mode::Choose | Mode::Compare | Mode::Marking | Mode::Cite, _) => {
            find(mode).or_else(|| find(Mode::Everywhere).filter(|a| matches!(a, Action::Quit | Action::Redraw)))
        }
        _ => find(mode).or_else(|| find(Mode::Everywhere)),
    }
}

/// How the help overlay and the status line name a key, with every modifier held: "↑",
/// "Shift-←", "Ctrl-C", "Alt-→", "Space".
pub fn key_name(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::CONTROL) => c.to_ascii_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    let mut prefix = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        prefix.push_str("Ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        prefix.push_str("Alt-");
    }
    // A character's case says whether Shift is held; Shift-Tab is named whole.
    if key.modifiers.contains(KeyModifiers::SHIFT) && !matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        prefix.push_str("Shift-");
    }
    prefix + &name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn a_panes_keys_come_before_the_global_ones() {
        assert_eq!(action_for(Mode::List, key(Down)), Some(Action::Move(Next)));
        assert_eq!(action_for(Mode::Timeline, key(Right)), Some(Action::Move(Next)));
        assert_eq!(action_for(Mode::Detail, key(Right)), Some(Action::NextLink));
        assert_eq!(action_for(Mode::Detail, key(KeyCode::Char('q'))), Some(Action::Quit));
        assert_eq!(action_for(Mode::List, KeyEvent::new(Left, KeyModifiers::ALT)), Some(Action::Back));
    }

    #[test]
    fn in_the_prompt_letters_are_letters() {
        assert_eq!(action_for(Mode::Prompt, key(KeyCode::Char('q'))), Some(Action::Type('q')));
        assert_eq!(action_for(Mode::Prompt, key(KeyCode::Char('/'))), Some(Action::Type('/')));
        assert_eq!(action_for(Mode::Prompt, key(Esc)), Some(Action::Close));
        assert_eq!(
            action_for(Mode::Prompt, KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn shift_tab_is_read_as_terminals_send_it_and_every_modifier_is_named() {
        // crossterm reports `ESC [ Z` as BackTab with Shift held.
        assert_eq!(action_for(Mode::List, KeyEvent::new(BackTab, KeyModifiers::SHIFT)), Some(Action::FocusPrev));
        assert_eq!(action_for(Mode::Timeline, key(BackTab)), Some(Action::FocusPrev));
        assert_eq!(key_name(&shift(Left)), "Shift-←");
        assert_eq!(key_name(&alt(Right)), "Alt-→");
        assert_eq!(key_name(&ctrl('c')), "Ctrl-C");
        assert_eq!(key_name(&plain(BackTab)), "Shift-Tab");
        assert_eq!(key_name(&ch('G')), "G");
    }

    #[test]
    fn q_closes_an_overlay_and_quits_only_outside_them() {
        for mode in [Mode::Help, Mode::Peek, Mode::Choose] {
            assert_eq!(action_for(mode, key(KeyCode::Char('q'))), Some(Action::Close), "{mode:?}");
            let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
            assert_eq!(action_for(mode, ctrl_c), Some(Action::Quit), "{mode:?}");
        }
        let ctrl_l = KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL);
        for mode in
            [Mode::List, Mode::Detail, Mode::Timeline, Mode::Help, Mode::Peek, Mode::Choose, Mode::Prompt, Mode::GoTo]
        {
            assert_eq!(action_for(mode, ctrl_l), Some(Action::Redraw), "Ctrl-L in {mode:?}");
        }
        assert_eq!(action_for(Mode::List, key(KeyCode::Char('q'))), Some(Action::Quit));
    }

    #[test]
    fn slash_belongs_to_search_alone() {
        let slash = Key { code: KeyCode::Char('/'), modifiers: KeyModifiers::NONE };
        let users: Vec<_> = KEYMAP.iter().filter(|b| b.keys.contains(&slash)).map(|b| (b.mode, b.action)).collect();
        assert_eq!(users, [(Mode::Help, Action::Search), (Mode::Everywhere, Action::Search)], "the help's own search");
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                if a.mode == b.mode {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{} is bound twice in {:?}", key_name(k), a.mode);
                    }
                }
            }
        }
    }
}
