//! The explorer's looks as data: one [`Theme`] in colour and one without (for `NO_COLOR`).
//! Every mark that matters (focus, selection, links, search hits) carries a modifier as
//! well as a colour, so the colourless theme keeps them visible.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::app::Role;
use crate::model::Kind;

/// The focused pane's frame is doubled, in any theme.
pub const FOCUS_BORDER_TYPE: BorderType = BorderType::Double;

/// Every style the views use.
#[derive(Debug)]
pub struct Theme {
    pub border: Style,
    pub focus_border: Style,
    pub pane_title: Style,
    pub selected: Style,
    /// The list's selection when the list does not have the focus.
    pub selected_unfocused: Style,
    pub open_mark: Style,
    pub dim: Style,
    pub status: Style,
    pub status_pane: Style,
    pub event: Style,
    pub event_marked: Style,
    pub event_selected: Style,
    pub popup_border: Style,
    pub prompt: Style,
    /// Text that matched the search.
    pub matched: Style,
    pub notice: Style,
    pub title: Style,
    pub meta: Style,
    pub summary: Style,
    pub heading: Style,
    pub note: Style,
    pub link: Style,
    pub link_selected: Style,
    /// A treaty's divisions: their headings in the detail view and their rows in the list.
    pub division: Style,
    /// Words a compared text has that the article it is set beside does not.
    pub inserted: Style,
    /// Words of the article compared that a text set beside it does not have.
    pub deleted: Style,
    /// Whether kinds get their own colours.
    colour_kinds: bool,
}

const BOLD: Modifier = Modifier::BOLD;
const REVERSED: Modifier = Modifier::REVERSED;

pub const COLOUR: Theme = Theme {
    border: Style::new().fg(Color::DarkGray),
    focus_border: Style::new().fg(Color::Cyan).add_modifier(BOLD),
    pane_title: Style::new().add_modifier(BOLD),
    selected: Style::new().add_modifier(REVERSED),
    selected_unfocused: Style::new().add_modifier(BOLD.union(Modifier::UNDERLINED)),
    open_mark: Style::new().fg(Color::Yellow).add_modifier(BOLD),
    dim: Style::new().fg(Color::DarkGray),
    status: Style::new().bg(Color::DarkGray).fg(Color::White),
    status_pane: Style::new().bg(Color::Cyan).fg(Color::Black).add_modifier(BOLD),
    event: Style::new().fg(Color::Gray),
    event_marked: Style::new().fg(Color::Yellow).add_modifier(BOLD),
    event_selected: Style::new().add_modifier(REVERSED.union(BOLD)),
    popup_border: Style::new().fg(Color::Yellow),
    prompt: Style::new().add_modifier(BOLD),
    matched: Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(BOLD),
    notice: Style::new().fg(Color::Yellow).add_modifier(BOLD),
    title: Style::new().fg(Color::White).add_modifier(BOLD),
    meta: Style::new().fg(Color::DarkGray),
    summary: Style::new().add_modifier(Modifier::ITALIC),
    heading: Style::new().fg(Color::Yellow).add_modifier(BOLD),
    note: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
    link: Style::new().fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
    link_selected: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(BOLD),
    division: Style::new().fg(Color::LightYellow).add_modifier(BOLD),
    inserted: Style::new().fg(Color::Green).add_modifier(Modifier::UNDERLINED),
    deleted: Style::new().fg(Color::Red).add_modifier(Modifier::CROSSED_OUT),
    colour_kinds: true,
};

/// For `NO_COLOR`: no colour at all; reverse video, bold and underline carry the marks.
pub const MONO: Theme = Theme {
    border: Style::new(),
    focus_border: Style::new().add_modifier(BOLD),
    pane_title: Style::new().add_modifier(BOLD),
    selected: Style::new().add_modifier(REVERSED),
    selected_unfocused: Style::new().add_modifier(BOLD.union(Modifier::UNDERLINED)),
    open_mark: Style::new().add_modifier(BOLD),
    dim: Style::new(),
    status: Style::new().add_modifier(REVERSED),
    status_pane: Style::new().add_modifier(BOLD),
    event: Style::new(),
    event_marked: Style::new().add_modifier(BOLD),
    event_selected: Style::new().add_modifier(REVERSED.union(BOLD)),
    popup_border: Style::new().add_modifier(BOLD),
    prompt: Style::new().add_modifier(BOLD),
    matched: Style::new().add_modifier(REVERSED.union(BOLD)),
    notice: Style::new().add_modifier(BOLD),
    title: Style::new().add_modifier(BOLD),
    meta: Style::new(),
    summary: Style::new().add_modifier(Modifier::ITALIC),
    heading: Style::new().add_modifier(BOLD),
    note: Style::new().add_modifier(Modifier::ITALIC),
    link: Style::new().add_modifier(Modifier::UNDERLINED),
    link_selected: Style::new().add_modifier(REVERSED.union(Modifier::UNDERLINED)),
    division: Style::new().add_modifier(BOLD),
    inserted: Style::new().add_modifier(Modifier::UNDERLINED),
    deleted: Style::new().add_modifier(REVERSED.union(Modifier::CROSSED_OUT)),
    colour_kinds: false,
};

/// Whether `NO_COLOR` asks for no colour: set to anything but nothing (no-color.org). The
/// one place it is read, for the explorer and for the messages of `check`.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

/// The colourless theme when `NO_COLOR` asks for it.
pub fn from_env() -> &'static Theme {
    if no_color() { &MONO } else { &COLOUR }
}

impl Theme {
    /// The style of a run of the detail view, given whether it is the selected link.
    pub fn role(&self, role: Role, selected: bool) -> Style {
        match role {
            Role::Title => self.title,
            Role::Meta => self.meta,
            Role::Summary => self.summary,
            Role::Heading => self.heading,
            Role::Text => Style::new(),
            Role::Note => self.note,
            Role::Link(_) if selected => self.link_selected,
            Role::Link(_) => self.link,
            Role::Division => self.division,
        }
    }

    /// The badge colour of an entry's kind.
    pub fn kind(&self, kind: &Kind) -> Style {
        if !self.colour_kinds {
            return Style::new();
        }
        let color = match kind {
            Kind::Treaty => Color::Yellow,
            Kind::Person => Color::Cyan,
            Kind::State => Color::Green,
            Kind::Organisation => Color::Blue,
            Kind::Event => Color::Magenta,
            Kind::Concept | Kind::Document => Color::LightBlue,
            Kind::Place => Color::LightGreen,
            Kind::Other(_) => Color::Gray,
        };
        Style::new().fg(color)
    }
}
