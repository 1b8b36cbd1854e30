//! The explorer's colours and emphasis, in one place.

use ratatui::style::{Color, Modifier, Style};

use crate::corpus::Kind;

pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const STATUS: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const BORDER: Style = Style::new().fg(Color::DarkGray);

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
