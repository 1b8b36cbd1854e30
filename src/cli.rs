//! The command line: which corpus to open, the `check` command, and exit codes.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::corpus::Corpus;
use crate::corpus::load::{self, BUNDLED_NAME, LoadError};
use crate::{app, diagnostic, text};

/// A terminal explorer for historical treaties, their people and their timeline.
///
/// With no FILE, opens the bundled corpus: the Soviet–Latvian Mutual Assistance Treaty of
/// 5 October 1939.
#[derive(Debug, Parser)]
#[command(name = "treaty-tui", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A corpus file (RON) to explore instead of the bundled one
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a corpus file and report every problem in it.
    ///
    /// Exits 0 when the corpus is valid, 1 when it has problems, 2 when it cannot be read.
    Check {
        /// The corpus file to check; the bundled corpus when left out
        file: Option<PathBuf>,
    },
}

/// Exit codes: 1 for an invalid corpus, 2 for a file that cannot be read or a wrong call.
const INVALID: u8 = 1;
const UNREADABLE: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { file }) => check(file.as_deref()),
        None => explore(cli.file.as_deref()),
    }
}

fn check(file: Option<&Path>) -> ExitCode {
    match open(file) {
        Ok(corpus) => {
            let articles: usize = corpus.entries.iter().map(|e| e.clauses.len()).sum();
            println!(
                "{}: valid: {} entries, {} clauses, {} events",
                text::sanitize(&name(file)),
                corpus.entries.len(),
                articles,
                corpus.events.len()
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn explore(file: Option<&Path>) -> ExitCode {
    let corpus = match open(file) {
        Ok(corpus) => corpus,
        Err(code) => return code,
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "treaty-tui: the explorer needs a terminal on standard input and output; to read or check a corpus without one, use `treaty-tui check [FILE]`"
        );
        return ExitCode::from(UNREADABLE);
    }
    match app::run(corpus) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("treaty-tui: the terminal failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn name(file: Option<&Path>) -> String {
    file.map_or_else(|| BUNDLED_NAME.to_string(), |f| f.display().to_string())
}

/// Loads `file` (or the bundled corpus), printing its problems on stderr and giving the
/// exit code for them when it cannot be used.
fn open(file: Option<&Path>) -> Result<Corpus, ExitCode> {
    let loaded = match file {
        Some(path) => load::load_file(path),
        None => load::bundled(),
    };
    let name = name(file);
    let mut stderr = std::io::stderr().lock();
    match loaded {
        Ok(corpus) => Ok(corpus),
        Err(LoadError::Read(e)) => {
            let _ = writeln!(stderr, "error: cannot read {}: {e}", text::sanitize(&name));
            Err(ExitCode::from(UNREADABLE))
        }
        Err(LoadError::Invalid { text, diagnostics }) => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let _ = stderr.write_all(diagnostic::render(&name, &text, &diagnostics, color).as_bytes());
            Err(ExitCode::from(INVALID))
        }
    }
}
