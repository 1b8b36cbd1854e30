//! treaty-tui: a terminal explorer for historical treaties, their people and their timeline.

pub mod address;
pub mod allocator;
pub mod app;
pub mod axis;
pub mod cli;
pub mod corpus;
pub mod diagnostic;
pub mod export;
pub mod files;
#[doc(hidden)]
pub mod fuzz;
pub mod search;
pub mod state;
pub mod synth;
pub mod terminal;
pub mod text;
pub mod ui;
pub mod watch;
pub mod wrap;
