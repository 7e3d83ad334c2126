//! The `rfcbook` binary: all behaviour lives in the library.

fn main() -> std::process::ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // A panic is a bug; say so in the same shape as every other error.
        eprintln!(
            "error[RFC9901]: internal error: {info}\n  = help: this is a bug in rfcbook: please report it with the command you ran"
        );
    }));
    rfcbook::run()
}
