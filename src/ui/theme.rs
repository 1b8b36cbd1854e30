//! The explorer's colours and emphasis, in one place. Every mark that matters (focus,
//! selection, links) also has a modifier, so it stays visible without colour.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::app::Role;
use crate::corpus::Kind;

pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const FOCUS_BORDER: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const FOCUS_BORDER_TYPE: BorderType = BorderType::Double;
pub const PANE_TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const OPEN_MARK: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const STATUS: Style = Style::new().bg(Color::DarkGray).fg(Color::White);
pub const STATUS_PANE: Style = Style::new().bg(Color::Cyan).fg(Color::Black).add_modifier(Modifier::BOLD);
pub const EVENT: Style = Style::new().fg(Color::Gray);
pub const EVENT_MARKED: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const EVENT_SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD));
pub const POPUP_BORDER: Style = Style::new().fg(Color::Yellow);
pub const PROMPT: Style = Style::new().add_modifier(Modifier::BOLD);
/// Text that matched the search: marked by more than colour.
pub const MATCH: Style = Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const NOTICE: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);

/// The style of a run of the detail view, given whether it is the selected link or tab.
pub fn role(role: Role, selected: bool) -> Style {
    match role {
        Role::Title => Style::new().add_modifier(Modifier::BOLD).fg(Color::White),
        Role::Meta => Style::new().fg(Color::DarkGray),
        Role::Summary => Style::new().add_modifier(Modifier::ITALIC),
        Role::Heading => Style::new().add_modifier(Modifier::BOLD).fg(Color::Yellow),
        Role::Text => Style::new(),
        Role::Note => Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
        Role::Link(_) if selected => Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::REVERSED),
        Role::Link(_) => Style::new().fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
        Role::Tab(_) if selected => Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
        Role::Tab(_) => Style::new().fg(Color::Cyan),
    }
}

/// The badge colour of a kind given by name, as search results name it.
pub fn kind_named(name: &str) -> Style {
    match name {
        "event" => kind(&Kind::Event),
        "treaty" => kind(&Kind::Treaty),
        "person" => kind(&Kind::Person),
        "state" => kind(&Kind::State),
        "organisation" => kind(&Kind::Organisation),
        "place" => kind(&Kind::Place),
        "concept" | "document" => kind(&Kind::Concept),
        _ => kind(&Kind::Other(String::new())),
    }
}

/// The badge colour of an entry's kind.
pub fn kind(kind: &Kind) -> Style {
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
