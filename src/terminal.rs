//! Where output goes: colour decisions, printing that tolerates a closed pipe
//! (`rfcbook list | head`), and the shape of fatal errors on stderr.

use std::io::{IsTerminal, Write};

use crate::cli::ColorChoice;
use crate::error::{Displayed, Error};

#[derive(Debug, Clone, Copy)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}

/// `--color`, then the NO_COLOR / CLICOLOR_FORCE conventions, then whether it is a terminal.
pub(crate) fn color_enabled(choice: ColorChoice, stream: Stream) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                return false;
            }
            if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                return true;
            }
            let tty = match stream {
                Stream::Stdout => std::io::stdout().is_terminal(),
                Stream::Stderr => std::io::stderr().is_terminal(),
            };
            tty && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// Writes to stdout; a reader that went away (a closed pipe) is not an error.
pub(crate) fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io(
            "write to",
            std::path::Path::new("standard output"),
            e,
        )),
    }
}

pub(crate) fn eprint_error(e: &Error, color: bool) {
    let cwd = std::env::current_dir().unwrap_or_default();
    if let Some(text) = crate::diagnostic::stop::human(e, color, &cwd) {
        let _ = writeln!(std::io::stderr(), "{text}");
        return;
    }
    let text = Displayed(e).to_string();
    let text = if color {
        // Bold red "error[...]", like rustc.
        match text.split_once(':') {
            Some((head, rest)) => format!("\x1b[1;31m{head}\x1b[0m:{rest}"),
            None => text,
        }
    } else {
        text
    };
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Text from the archive as a terminal may show it. A title, a path or a snippet is
/// anyone's text: an escape sequence in it could retitle the window, clear the screen or
/// hide lines, and a bidirectional override reorders what follows it. Control characters
/// become visible symbols (`␛`, as the diagnostics' renderer shows them; a tab a space),
/// the overrides U+FFFD.
pub(crate) fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    fn unsafe_char(c: char) -> bool {
        c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if unsafe_char(c) => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// [`clean`], line by line: for a text of several lines (a template error with its source
/// line and caret), whose line breaks are its own and whose other characters may be
/// anyone's.
pub(crate) fn clean_lines(text: &str) -> String {
    text.split('\n').map(clean).collect::<Vec<_>>().join("\n")
}

/// How many columns `text` takes on a terminal (CJK characters two, combining marks none).
pub(crate) fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` padded with spaces to `columns` on a terminal, for tables.
pub(crate) fn pad(text: &str, columns: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        columns.saturating_sub(width(text)),
    ));
    out
}

/// "1 file", "2 files": a count with its noun, in summaries.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Progress and summaries for people, on stderr, unless `--quiet`.
pub(crate) fn note(quiet: bool, text: &str) {
    if !quiet {
        let _ = writeln!(std::io::stderr(), "{text}");
    }
}

/// A problem that does not stop the command and is not an RFC's (a theme file that is
/// not used), on stderr, even with `--quiet`.
pub(crate) fn warning(text: &str, color: bool) {
    let head = if color {
        "\x1b[1;33mwarning\x1b[0m"
    } else {
        "warning"
    };
    let _ = writeln!(std::io::stderr(), "{head}: {text}");
}

/// With `RFCBOOK_TIMINGS=1`, how long a stage took, on stderr: the first tool to reach for
/// when a build or check is slow. Where the system tells (Linux), the line also gives the
/// peak memory and the CPU time used so far: memory a process touches for the first time
/// is much of a large build's cost, and CPU time beside wall time shows whether a stage
/// kept every core busy.
pub(crate) fn timing(stage: &str, started: std::time::Instant) {
    if std::env::var_os("RFCBOOK_TIMINGS").is_some() {
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let usage = match (peak_memory_mb(), cpu_ms()) {
            (Some(memory), Some(cpu)) => format!(" (peak memory {memory} MB, CPU {cpu} ms)"),
            _ => String::new(),
        };
        let _ = writeln!(std::io::stderr(), "timing: {stage}: {ms:.1} ms{usage}");
    }
}

/// With `RFCBOOK_TIMINGS=1`, a count that explains a stage's time, on stderr.
pub(crate) fn timing_count(what: &str, count: usize) {
    if std::env::var_os("RFCBOOK_TIMINGS").is_some() {
        let _ = writeln!(std::io::stderr(), "timing: {what}: {count}");
    }
}

/// The process's peak resident memory (`VmHWM` in /proc/self/status).
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    Some(
        kb.trim()
            .trim_end_matches("kB")
            .trim()
            .parse::<u64>()
            .ok()?
            / 1024,
    )
}

/// User and system CPU time of the process so far (fields 14 and 15 of /proc/self/stat,
/// in clock ticks, which are 10 ms on Linux).
fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name, field 2, is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks * 10)
}
