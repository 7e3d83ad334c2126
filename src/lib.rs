//! rfcbook turns a folder of RFCs (Markdown with YAML front matter) into a validated
//! decision knowledge base.
//!
//! The pipeline reads: discover → parse → validate (→ index → render → write, to come).
//! [`run`] is the whole program; `main` only maps its result to the process exit code.

mod active;
mod archive;
mod cli;
mod cmd;
pub mod config;
pub mod diagnostic;
mod discover;
pub mod error;
mod index;
pub use index::panic_is_expected;
mod link;
pub mod model;
mod naming;
mod output;
pub mod parse;
mod render;
#[cfg(test)]
mod robustness;
mod serve;
mod source;
mod stamp;
mod suggest;
mod tags;
mod terminal;
mod validate;

use std::process::ExitCode;

use clap::Parser;

pub use archive::Archive;
pub use source::SourceFile;
pub use validate::run as validate;

/// Parses the command line, runs the command and returns the exit status (CONTRACT §4):
/// 0 success, 1 the archive has errors, 2 usage, config or environment error.
pub fn run() -> ExitCode {
    let args = match cli::Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            // clap prints help and version on stdout (exit 0), usage errors on stderr,
            // which get the usage code every other usage error has.
            if !e.use_stderr() {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            let text = e.render().to_string();
            let text = match text.strip_prefix("error:") {
                Some(rest) => format!("error[RFC9003]:{rest}"),
                None => text,
            };
            eprint!("{}", terminal::clean_lines(&text));
            return ExitCode::from(2);
        }
    };
    // Big stacks for the parallel parsers: deeply nested Markdown stays far from the limit.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(16 * 1024 * 1024)
        .build_global();
    match cmd::dispatch(&args) {
        Ok(code) => code,
        Err(e) => {
            let color = terminal::color_enabled(args.color, terminal::Stream::Stderr);
            terminal::eprint_error(&e, color);
            ExitCode::from(2)
        }
    }
}
