//! One module per subcommand; each wires the stages together and returns an exit status.

mod adopt;
mod build;
mod check;
mod explain;
mod init;
mod list;
mod new;
mod search;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Args, Command};
use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::model::Date;

pub(crate) fn dispatch(args: &Args) -> Result<ExitCode> {
    match &args.command {
        Command::Init(a) => init::run(args, a),
        Command::New(a) => new::run(args, a),
        Command::Check(a) => check::run(args, a),
        Command::Build(a) => build::run(args, a),
        Command::Search(a) => search::run(args, a),
        Command::Serve(a) => serve::run(args, a),
        Command::List(a) => list::run(args, a),
        Command::Explain(a) => explain::run(args, a),
    }
}

fn current_dir() -> Result<PathBuf> {
    std::env::current_dir().map_err(|e| Error::io("read", std::path::Path::new("."), e))
}

/// Writes a file that must not exist yet (`init`, `new`): created exclusively, so that
/// nothing is ever written over a file, nor through a link, even a dangling one, that
/// appeared after the command looked.
fn write_new(path: &std::path::Path, text: &str, help: &str) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::AlreadyExists {
                path: path.to_path_buf(),
                help: help.into(),
            });
        }
        Err(e) => return Err(Error::io("write", path, e)),
    };
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io("write", path, e))
}

/// Finds the archive root and loads its configuration.
fn load_config(args: &Args) -> Result<Config> {
    let cwd = current_dir()?;
    let explicit = args.root.as_ref().map(|r| cwd.join(r));
    if let Some(root) = &explicit
        && !root.is_dir()
    {
        return Err(Error::usage(
            format!(
                "--root {} is not a folder",
                crate::terminal::clean(&root.display().to_string())
            ),
            "give the folder that holds book.toml",
        ));
    }
    let root = config::find_root(&cwd, explicit.as_deref());
    Config::load(&root)
}

/// Today's date. `RFCBOOK_TODAY=YYYY-MM-DD` pins it, so that staleness checks in CI and in
/// tests give the same answer on any day.
fn today() -> Result<Date> {
    match std::env::var("RFCBOOK_TODAY") {
        Ok(text) => crate::parse::parse_date(&text).map_err(|reason| {
            Error::usage(
                format!("RFCBOOK_TODAY={text} is not a date: {reason}"),
                "set RFCBOOK_TODAY to a date written YYYY-MM-DD, or unset it",
            )
        }),
        Err(_) => Ok(jiff::ZonedDateTime::now().date()),
    }
}

/// Filters as a message names them (`status draft, tag db`), when they left nothing.
fn filters_named(statuses: &[String], tags: &[String], authors: &[String]) -> String {
    let named = |kind: &str, values: &[String]| -> Vec<String> {
        values.iter().map(|v| format!("{kind} {v}")).collect()
    };
    [
        named("status", statuses),
        named("tag", tags),
        named("author", authors),
    ]
    .concat()
    .join(", ")
}

/// Nothing to check or build is most often the wrong folder: says where rfcbook looked,
/// and how to start an archive or `verb` another.
fn note_no_rfcs(config: &Config, quiet: bool, verb: &str) -> Result<()> {
    if quiet {
        return Ok(());
    }
    let cwd = current_dir()?;
    let src = config.src.strip_prefix(&cwd).unwrap_or(&config.src);
    let src = if src.as_os_str().is_empty() {
        Path::new(".")
    } else {
        src
    };
    crate::terminal::note(
        false,
        &format!(
            "note: no RFC files (*.md) in {}; `rfcbook init` starts an archive, `--root DIR` {verb} another",
            crate::terminal::clean(&src.display().to_string())
        ),
    );
    Ok(())
}

/// Whether the command waits for the desktop's opener to hand the address on: `build`
/// ends right after, and would not live to say that it failed; `serve` goes on serving.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opener {
    Wait,
    Aside,
}

/// Opens `url` (or a file's path) with the desktop's opener; where there is none, says so
/// and goes on.
fn open_in_browser(url: &str, opener: Opener) {
    let (program, leading): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let started = std::process::Command::new(program)
        .args(leading)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let mut child = match started {
        Ok(child) => child,
        Err(e) => {
            crate::terminal::note(
                false,
                &format!("warning: cannot open a browser ({program}: {e}); open {url} yourself"),
            );
            return;
        }
    };
    // The opener hands the address on and ends; one that fails (xdg-open with no browser
    // set up, on a server) says so by its exit status.
    let url = url.to_string();
    let mut wait = move || {
        if let Ok(status) = child.wait()
            && !status.success()
        {
            crate::terminal::note(
                false,
                &format!(
                    "warning: cannot open a browser ({program} failed: {status}); open {url} yourself"
                ),
            );
        }
    };
    match opener {
        Opener::Wait => wait(),
        Opener::Aside => {
            std::thread::spawn(wait);
        }
    }
}
