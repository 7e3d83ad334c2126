//! The "floor" that `rfcbook check` is benchmarked against.
//!
//! `rfcbook check` has to find the RFC files, read them and parse their
//! Markdown before it can validate anything, so the time this program takes
//! to do just that — on the same files, with the same parser, options and
//! thread pool — is a lower bound for `check`. `bench/run` reports `check`'s
//! time as a multiple of this floor, which is far more stable across machines
//! than absolute milliseconds.
//!
//! Usage: `parse_floor DIR`
//!
//! Walks `DIR` recursively (sorted by file name), then reads and parses every
//! `*.md` file in parallel with rayon, consuming every event of
//! `into_offset_iter()`. There is deliberately no front matter handling and no
//! validation. The event count is summed and printed, as
//! `files=N events=M bytes=B`, so the parsing work cannot be optimized away.

use std::{env, fs, path::PathBuf, process::ExitCode};

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use walkdir::WalkDir;

fn main() -> ExitCode {
    let mut args = env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: parse_floor DIR");
        return ExitCode::from(2);
    };
    match run(PathBuf::from(dir)) {
        Ok((files, events, bytes)) => {
            println!("files={files} events={events} bytes={bytes}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("parse_floor: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Returns `(files, events, bytes)` for every `*.md` file under `dir`.
fn run(dir: PathBuf) -> Result<(usize, usize, usize), String> {
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|ext| ext == "md") {
            files.push(entry.into_path());
        }
    }

    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;

    let (events, bytes) = files
        .par_iter()
        .map(|path| -> Result<(usize, usize), String> {
            let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let events = Parser::new_ext(&text, options).into_offset_iter().count();
            Ok((events, text.len()))
        })
        .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))?;

    Ok((files.len(), events, bytes))
}
