//! The command line: which corpus to open, the `check` command, and exit codes.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::App;
use crate::corpus::load::{self, BUNDLED_NAME, LoadError};
use crate::corpus::{ClauseLabel, Corpus};
use crate::{diagnostic, terminal, text};

/// A terminal explorer for historical treaties, their people and their timeline.
///
/// With no FILE, opens the bundled corpus: the Soviet–Latvian Mutual Assistance Treaty of
/// 5 October 1939.
#[derive(Debug, Parser)]
#[command(name = "treaty-tui", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A corpus file (RON) to explore instead of the bundled one
    pub file: Option<PathBuf>,
    /// Start with this entry open: an id such as `molotov`, or `treaty#3` for a treaty's
    /// article 3 (also `#preamble`, and `#annex1` for its first annex)
    #[arg(long, value_name = "ID")]
    pub open: Option<String>,
    /// Leave the mouse to the terminal (for its own text selection) instead of capturing it
    #[arg(long)]
    pub no_mouse: bool,
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
        None => explore(&cli),
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

fn explore(cli: &Cli) -> ExitCode {
    let corpus = match open(cli.file.as_deref()) {
        Ok(corpus) => corpus,
        Err(code) => return code,
    };
    let start = match cli.open.as_deref().map(|spec| target(&corpus, spec)).transpose() {
        Ok(start) => start,
        Err(message) => {
            eprintln!("treaty-tui: {}", text::sanitize(&message));
            return ExitCode::from(UNREADABLE);
        }
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "treaty-tui: the explorer needs a terminal on standard input and output; to read or check a corpus without one, use `treaty-tui check [FILE]`"
        );
        return ExitCode::from(UNREADABLE);
    }
    let mut app = App::new(corpus);
    if let Some((entry, part)) = start {
        app.start_at(entry, part);
    }
    match terminal::run(app, terminal::Options { mouse: !cli.no_mouse }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("treaty-tui: the terminal failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The entry and part that `--open` names: `ID`, `ID#3` (article 3), `ID#preamble`, or
/// `ID#annex1`; or a message naming the closest ids.
pub fn target(corpus: &Corpus, spec: &str) -> Result<(usize, usize), String> {
    let (id, part) = spec.split_once('#').map_or((spec, None), |(id, part)| (id, Some(part)));
    let Some(entry) = corpus.find(id) else {
        let mut near: Vec<(usize, &str)> = corpus
            .entries
            .iter()
            .map(|e| (strsim::levenshtein(&e.id, id), e.id.as_str()))
            .collect();
        near.sort();
        let names: Vec<String> = near.iter().take(3).map(|(_, id)| format!("`{id}`")).collect();
        return Err(match names.is_empty() {
            true => format!("no entry has the id `{id}`; this corpus has no entries"),
            false => format!("no entry has the id `{id}`; the closest are {}", names.join(", ")),
        });
    };
    let clauses = &corpus.entries[entry].clauses;
    let Some(part) = part else { return Ok((entry, 0)) };
    let wanted = |label: &ClauseLabel| match (label, part) {
        (ClauseLabel::Preamble, "preamble") => true,
        (ClauseLabel::Article(n), part) => part.parse() == Ok(*n),
        _ => false,
    };
    let annex = part.strip_prefix("annex").and_then(|n| n.parse::<usize>().ok());
    let found = match annex {
        Some(n) => clauses
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.label, ClauseLabel::Annex(_)))
            .nth(n.wrapping_sub(1))
            .map(|(k, _)| k),
        None => clauses.iter().position(|c| wanted(&c.label)),
    };
    let parts: Vec<String> = clauses
        .iter()
        .scan(0, |annexes, c| {
            Some(match &c.label {
                ClauseLabel::Preamble => "preamble".to_string(),
                ClauseLabel::Article(n) => n.to_string(),
                ClauseLabel::Annex(_) => {
                    *annexes += 1;
                    format!("annex{annexes}")
                }
            })
        })
        .collect();
    match found {
        Some(k) => Ok((entry, k + 1)),
        None if parts.is_empty() => Err(format!("`{id}` has no articles; open it as `{id}`")),
        None => Err(format!("`{id}` has no part `{part}`; it has: {}", parts.join(", "))),
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
