//! The `rfcbook` binary: all behaviour lives in the library.

use std::process::ExitCode;

/// A build allocates and frees millions of small strings across threads; mimalloc does that
/// with less contention and fewer page faults than the system allocator (rfcs/0013).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // A damaged cache that the library recovers from is no bug to report.
        if rfcbook::panic_is_expected() {
            return;
        }
        // A panic is a bug; say so in the same shape as every other error.
        eprintln!(
            "error[RFC9901]: internal error: {info}\n  = help: this is a bug in rfcbook: please report it with the command you ran"
        );
    }));
    // The hook has explained it; exit like every other failure that is not the archive's.
    std::panic::catch_unwind(rfcbook::run).unwrap_or(ExitCode::from(2))
}
