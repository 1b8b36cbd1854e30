//! The `treaty-tui` command.

// Loading a whole treaty series makes millions of small strings; mimalloc makes and frees
// them several times faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    treaty_tui::cli::main()
}
