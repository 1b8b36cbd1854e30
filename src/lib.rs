//! treaty-tui: a terminal explorer for historical treaties, their people and their timeline.
//!
//! The layers, from the bottom: `text` (what may reach a terminal, and wrapping by width),
//! `synth` (the generator of corpora for benchmarks and tests), `model` (the corpus as the
//! explorer holds it), `read` (a corpus file read and checked), `import` (treaties as they
//! are published read into a corpus), `search`, `compare` (clauses side by side), `cite`
//! (citations in the formats reference managers read), `keep`
//! (what is kept between runs), `app` (the explorer's state and how input changes it), `ui`
//! (the views, which only read the state), `cli` (the commands and the terminal loop), and
//! `fuzz` (the fuzz target's body). Each may use those below it, never those above
//! (`tests/layers.rs`).

// `if` says a choice between two; a `match` on a boolean is one written the long way.
#![warn(clippy::match_bool)]

pub mod app;
pub mod cite;
pub mod cli;
pub mod compare;
#[doc(hidden)]
pub mod fuzz;
pub mod import;
pub mod keep;
pub mod model;
pub mod read;
pub mod search;
pub mod synth;
pub mod text;
pub mod ui;
