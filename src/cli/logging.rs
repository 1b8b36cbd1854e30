//! The log a user can turn on to see why something kept was used, refused or made again:
//! `TREATY_TUI_LOG=FILE` appends a line for each such decision to FILE (never to the
//! terminal, which the explorer draws on), with the seconds since the program started.

use std::fs::OpenOptions;
use std::io::Write;
use std::time::Instant;

/// The variable that names the log file.
pub const VARIABLE: &str = "TREATY_TUI_LOG";

/// Turns the log on when [`VARIABLE`] names a file; says on standard error, before any
/// screen is drawn, when that file cannot be opened.
pub fn init() {
    let Some(path) = std::env::var_os(VARIABLE).filter(|p| !p.is_empty()) else { return };
    let file = match OpenOptions::new().create(true).append(true).open(&path) {
        Ok(file) => file,
        Err(e) => {
            let shown = crate::text::echo(&path.to_string_lossy());
            eprintln!("treaty-tui: warning: cannot write the log to {shown} ({e}); going on without it");
            return;
        }
    };
    let started = Instant::now();
    let _ = env_logger::Builder::new()
        .filter_module("treaty_tui", log::LevelFilter::Debug)
        .target(env_logger::Target::Pipe(Box::new(file)))
        .format(move |out, record| {
            let at = started.elapsed().as_secs_f64();
            let area = record.target().strip_prefix("treaty_tui::").unwrap_or(record.target());
            writeln!(out, "[{at:8.3}s] {:<5} {area}: {}", record.level(), record.args())
        })
        .try_init();
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| crate::text::echo(&a.to_string_lossy())).collect();
    log::info!("treaty-tui {} started: {}", env!("CARGO_PKG_VERSION"), args.join(" "));
}
