//! An error that stops a command (RFC9xxx) in each output format. A bad `book.toml` is
//! shown as a diagnostic is, with its line and a caret; `--format json` and
//! `--format github` get it too, so that CI which reads them learns why nothing was
//! checked instead of finding an empty stdout (rfcs/0002).

use std::path::Path;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;

use super::Format;
use crate::error::Error;
use crate::terminal::{clean, clean_lines};

/// The error for people, on stderr: with the line of the file when it has a place in
/// one, which is read again here (it is small: a book.toml).
pub fn human(error: &Error, color: bool, cwd: &Path) -> Option<String> {
    let position = error.position()?;
    // Lossy: a book.toml that is not UTF-8 is shown where its bad byte is.
    let bytes = std::fs::read(&position.file).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let line = text.lines().nth(position.line.checked_sub(1)?)?;
    let start = line
        .char_indices()
        .nth(position.column.saturating_sub(1))
        .map_or(line.len(), |(at, _)| at);
    // A byte that is not UTF-8 (shown as U+FFFD) is marked alone.
    let width = match line[start..].chars().next() {
        Some('\u{fffd}') => '\u{fffd}'.len_utf8(),
        _ => token_length(&line[start..]),
    };
    let mark = start..start + width;
    // Anyone's text (a path, a value) is shown, not obeyed; a path is one line, a message
    // may have lines of its own.
    let file = clean(&shown_path(&position.file, cwd)).into_owned();
    let code = error.code();
    let message = clean_lines(&error.to_string());
    let help = clean_lines(&error.help());
    let group = Level::ERROR
        .primary_title(message.as_str())
        .id(code)
        .element(
            Snippet::source(line)
                .line_start(position.line)
                .path(file.as_str())
                .annotation(AnnotationKind::Primary.span(mark)),
        )
        .element(Level::HELP.message(help.as_str()));
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    Some(renderer.render(&[group]).to_string())
}

/// How far the caret reaches from where the error is: a quoted string whole, or a word
/// (a key, a number, `true`).
fn token_length(rest: &str) -> usize {
    if let Some(quoted) = rest.strip_prefix('"') {
        return quoted.find('"').map_or(rest.len(), |end| end + 2);
    }
    rest.find(|c: char| c.is_whitespace() || matches!(c, '=' | ',' | ']' | '}'))
        .unwrap_or(rest.len())
        .max(1)
        .min(rest.len())
}

#[derive(Serialize)]
struct JsonStop<'a> {
    code: &'static str,
    severity: &'static str,
    file: String,
    line: usize,
    column: usize,
    message: &'a str,
    help: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: [JsonStop<'a>; 1],
    summary: JsonSummary,
}

/// The error in a machine format, for stdout; `None` for human output, which stderr has.
/// It has the shape of every diagnostic (CONTRACT §5), so that a reader with a typed schema
/// reads it: `file` is relative to the archive root, or `.` (the archive itself) when the
/// error is about no file (a bad argument); `line` and `column` are 1 when it has no
/// place in the file.
pub fn machine(error: &Error, format: Format, root: &Path) -> Option<String> {
    // The line and column are of the file they are in: a missing source folder is told
    // at its `src =` line of book.toml, so book.toml is the file, not the folder.
    let named = error.position().map(|p| p.file.as_path()).or(error.file());
    let message = error.to_string();
    // A theme's mistake is in the user's theme file, at the template's line when tera
    // gives it; the path is as the user writes it, from the archive root.
    let in_theme = error.theme_place();
    let file = match (in_theme, named) {
        (Some(p), _) => p.file.to_string_lossy().into_owned(),
        (None, Some(path)) => shown_path(path, root),
        (None, None) => ".".to_string(),
    };
    let (line, column) = in_theme
        .or(error.position())
        .map_or((1, 1), |p| (p.line, p.column));
    let named = named.is_some() || in_theme.is_some();
    let help = error.help();
    match format {
        Format::Human => None,
        Format::Json => {
            let report = JsonReport {
                diagnostics: [JsonStop {
                    code: error.code(),
                    severity: "error",
                    file,
                    line,
                    column,
                    message: &message,
                    help: &help,
                }],
                summary: JsonSummary {
                    files: 0,
                    errors: 1,
                    warnings: 0,
                },
            };
            // Plain strings and numbers always serialise.
            let mut out = serde_json::to_string(&report).unwrap_or_default();
            out.push('\n');
            Some(out)
        }
        // As a diagnostic's annotation: the message alone, the help is on stderr. A file
        // is named from the top of the repository, as every annotation's is.
        Format::Github => Some(format!(
            "::error file={},line={line},col={column},title={}::{}\n",
            super::github::escape_property(&if named {
                format!("{}{file}", super::workspace_prefix(root))
            } else {
                file
            }),
            error.code(),
            super::github::escape_data(&message)
        )),
    }
}

/// A path as the user would write it: relative to `base` when under it, with `/`.
fn shown_path(path: &Path, base: &Path) -> String {
    match path.strip_prefix(base) {
        Ok(rel) if !rel.as_os_str().is_empty() => crate::discover::relative(base, path),
        _ => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_covers_a_key_a_quoted_value_or_a_word() {
        assert_eq!(token_length("titel = \"x\""), 5);
        assert_eq!(token_length("\"28\"\n"), 4);
        assert_eq!(token_length("\"open"), 5);
        assert_eq!(token_length("-3"), 2);
        assert_eq!(token_length(""), 0);
    }
}
