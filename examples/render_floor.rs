//! The "floor" that `rfcbook build` is benchmarked against.
//!
//! `rfcbook build` has to do at least what this program does for every RFC: it reads
//! each file, renders its Markdown to HTML and writes it. The time this program takes
//! to do just that — on the same files, with the same parser, options and thread pool
//! — is a lower bound for `build`. `bench/run` reports `build`'s time as a multiple of
//! this floor, which is far more stable across machines than absolute milliseconds.
//!
//! Usage: `render_floor SRC OUT`
//!
//! Walks `SRC` (an archive's `rfcs/` folder) recursively, sorted by file name, and
//! collects every `*.md` file except `README.md`, `SUMMARY.md` and `TEMPLATE.md` (any
//! case), which rfcbook does not publish as RFCs (`bench/run` lays out the same corpus
//! for mdBook, so `rfcs/SUMMARY.md` is there). It then creates `OUT` (removing whatever
//! was there before) and, in parallel with rayon, reads each file, renders it with
//! `pulldown_cmark::html::push_html` and writes the HTML to `OUT/<stem>.html`. There is
//! deliberately no front matter handling, no template, no index page and no
//! validation. It prints `files=N bytes_in=B bytes_out=H`.

use std::{env, ffi::OsString, fs, path::Path, path::PathBuf, process::ExitCode};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use walkdir::WalkDir;

/// Files in the source folder that rfcbook does not render as RFCs.
const NOT_RFCS: [&str; 3] = ["readme.md", "summary.md", "template.md"];

fn main() -> ExitCode {
    let args: Vec<OsString> = env::args_os().skip(1).collect();
    let [src, out] = args.as_slice() else {
        eprintln!("usage: render_floor SRC OUT");
        return ExitCode::from(2);
    };
    match run(Path::new(src), Path::new(out)) {
        Ok((files, bytes_in, bytes_out)) => {
            println!("files={files} bytes_in={bytes_in} bytes_out={bytes_out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("render_floor: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Returns `(files, bytes read, bytes written)`.
fn run(src: &Path, out: &Path) -> Result<(usize, usize, usize), String> {
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in WalkDir::new(src).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        let is_md = path.extension().is_some_and(|ext| ext == "md");
        let skipped =
            NOT_RFCS.contains(&entry.file_name().to_string_lossy().to_lowercase().as_str());
        if entry.file_type().is_file() && is_md && !skipped {
            files.push(entry.into_path());
        }
    }

    match fs::remove_dir_all(out) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{}: {e}", out.display())),
    }
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;

    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;

    let (bytes_in, bytes_out) = files
        .par_iter()
        .map(|path| -> Result<(usize, usize), String> {
            let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut html = String::with_capacity(text.len() * 3 / 2);
            html::push_html(&mut html, Parser::new_ext(&text, options));
            let mut name = path.file_stem().unwrap_or_default().to_os_string();
            name.push(".html");
            let target = out.join(name);
            fs::write(&target, &html).map_err(|e| format!("{}: {e}", target.display()))?;
            Ok((text.len(), html.len()))
        })
        .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))?;

    Ok((files.len(), bytes_in, bytes_out))
}
