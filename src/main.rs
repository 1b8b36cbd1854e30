//! The `treaty-tui` command.

fn main() -> std::process::ExitCode {
    treaty_tui::cli::main()
}
