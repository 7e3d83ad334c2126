//! Diagnostics are data: a code, a severity, a place and two sentences. Rules create them;
//! the renderers in this module's children turn a [`Report`] into human, JSON or GitHub
//! output at the edge, so every format says the same thing (rfcs/0002).

mod code;
mod github;
mod human;
mod json;
pub mod stop;

pub use code::{Code, Level, Severity};

use crate::source::{Location, SourceFile, Span};

/// The source line a diagnostic points into, kept with the diagnostic so that rendering
/// needs no access to the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub line: usize,
    pub text: String,
    /// Byte range of the marked text within `text`; never empty.
    pub mark: std::ops::Range<usize>,
}

/// A second place that helps explain the first (the other file of a duplicate id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub file: String,
    pub location: Location,
    pub text: String,
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Relative to the archive root, `/` separators.
    pub file: String,
    pub location: Location,
    pub message: String,
    pub help: String,
    pub snippet: Option<Snippet>,
    pub notes: Vec<Note>,
    /// What the diagnostic names, as the file wrote it (the unknown key, the unknown
    /// status): for a program that acts on it, such as `init` learning an archive's own
    /// words (rfcs/0032), which must not depend on the message's wording. Not shown.
    pub subject: Option<String>,
}

impl Diagnostic {
    /// A diagnostic pointing at `span` in `source`, with the code's default severity.
    pub fn new(code: Code, source: &SourceFile, span: Span, message: impl Into<String>) -> Self {
        let location = source.location(span.start);
        Diagnostic {
            code,
            severity: code.default_severity(),
            file: source.rel.clone(),
            location,
            message: message.into(),
            help: String::new(),
            snippet: snippet(source, span, location),
            notes: Vec::new(),
            subject: None,
        }
    }

    /// A diagnostic about a whole file whose text could not be had (unreadable, empty,
    /// not UTF-8): it points at a position but shows no source line.
    pub fn at_file(code: Code, rel: &str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            file: rel.to_string(),
            location,
            message: message.into(),
            help: String::new(),
            snippet: None,
            notes: Vec::new(),
            subject: None,
        }
    }

    /// Records what the diagnostic names: see [`Diagnostic::subject`].
    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    pub fn note(mut self, source: &SourceFile, span: Span, text: impl Into<String>) -> Self {
        self.notes.push(Note {
            file: source.rel.clone(),
            location: source.location(span.start),
            text: text.into(),
        });
        self
    }

    fn sort_key(&self) -> (&str, Location, Code) {
        (&self.file, self.location, self.code)
    }
}

/// Paths in the order people count: `eip-2.md` before `eip-10.md`, as `list` orders RFCs
/// by number (zero-padded names, the common case, sort as they did by text).
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    fn runs(text: &str) -> impl Iterator<Item = (bool, &str)> {
        let mut rest = text;
        std::iter::from_fn(move || {
            let first = rest.chars().next()?;
            let digit = first.is_ascii_digit();
            let end = rest
                .find(|c: char| c.is_ascii_digit() != digit)
                .unwrap_or(rest.len());
            let (run, tail) = rest.split_at(end);
            rest = tail;
            Some((digit, run))
        })
    }
    let (mut x, mut y) = (runs(a), runs(b));
    loop {
        match (x.next(), y.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some((true, m)), Some((true, n))) => {
                let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                let order = m.len().cmp(&n.len()).then_with(|| m.cmp(n));
                if order.is_ne() {
                    return order;
                }
            }
            (Some((_, m)), Some((_, n))) => {
                if m != n {
                    return m.cmp(n);
                }
            }
        }
    }
}

/// The most of a source line a snippet keeps, in bytes, around what it marks: a line of
/// hundreds of kilobytes (a generated paragraph) was copied whole into every diagnostic on
/// it, a hundred thousand times for a hundred thousand mentions.
const SNIPPET_WIDTH: usize = 240;

fn snippet(source: &SourceFile, span: Span, location: Location) -> Option<Snippet> {
    let line = source.line_at(span.start);
    let text = &source.text()[line.start..line.end];
    let start = span.start.clamp(line.start, line.end) - line.start;
    let mut end = span.end.clamp(line.start, line.end) - line.start;
    if end <= start {
        // Point at one character, or just past the end of the line for a missing value.
        end = text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
    }
    if text.len() <= SNIPPET_WIDTH {
        return Some(Snippet {
            line: location.line,
            text: text.to_string(),
            mark: start..end,
        });
    }
    // A window of the line around the mark (itself cut to the window), `…` where cut.
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(start.saturating_sub(SNIPPET_WIDTH / 4));
    let to = floor((from + SNIPPET_WIDTH).min(text.len()));
    let end = floor(end.min(to)).max(start.min(to));
    let before = if from > 0 { "…" } else { "" };
    let after = if to < text.len() { "…" } else { "" };
    Some(Snippet {
        line: location.line,
        text: format!("{before}{}{after}", &text[from..to]),
        mark: before.len() + start - from..before.len() + end - from,
    })
}

/// Counts shown in every format's summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// Everything `check` found, sorted by file and position so output is deterministic.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    /// Warnings counted but not in `diagnostics`: a refused build shows only its errors,
    /// and its summary must still say how many warnings `check` would show.
    pub withheld_warnings: usize,
}

impl Report {
    pub fn new(mut diagnostics: Vec<Diagnostic>, files: usize) -> Self {
        diagnostics.sort_by(|a, b| {
            natural(&a.file, &b.file).then_with(|| a.sort_key().cmp(&b.sort_key()))
        });
        diagnostics.dedup();
        Report {
            diagnostics,
            files,
            withheld_warnings: 0,
        }
    }

    /// The report without its warnings, which are still counted.
    pub fn errors_only(self) -> Self {
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = self
            .diagnostics
            .into_iter()
            .partition(|d| d.severity == Severity::Error);
        Report {
            diagnostics: errors,
            files: self.files,
            withheld_warnings: self.withheld_warnings + warnings.len(),
        }
    }

    /// How many diagnostics each rule gave, most first (by code when even): which rule to
    /// fix or lower first, in an archive brought in with thousands.
    pub fn by_rule(&self) -> Vec<(Code, usize)> {
        let mut counts: std::collections::BTreeMap<Code, usize> = Default::default();
        for d in &self.diagnostics {
            *counts.entry(d.code).or_default() += 1;
        }
        let mut counts: Vec<(Code, usize)> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts
    }

    pub fn summary(&self) -> Summary {
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Summary {
            files: self.files,
            errors,
            warnings: self.diagnostics.len() - errors + self.withheld_warnings,
        }
    }
}

/// The output formats of `check` (CONTRACT §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// Renders a report in `format`; `color` only affects the human format.
pub fn render(report: &Report, format: Format, color: bool, quiet: bool) -> String {
    match format {
        Format::Human => human::render(report, color, quiet),
        Format::Json => json::render(report),
        Format::Github => github::render(report, ""),
    }
}

/// `--format github` for the archive in `root`: GitHub places an annotation by its path
/// from the top of the repository it checked out (`GITHUB_WORKSPACE`), and an archive in
/// a subfolder (`docs/rfcs`) names its files from its own root.
pub fn render_github(report: &Report, root: &std::path::Path) -> String {
    github::render(report, &workspace_prefix(root))
}

/// The folder of the archive in `root` inside the repository GitHub Actions checked out
/// (`GITHUB_WORKSPACE`), with a `/` after it; empty when it is the top, or elsewhere.
pub(crate) fn workspace_prefix(root: &std::path::Path) -> String {
    std::env::var_os("GITHUB_WORKSPACE")
        .and_then(|workspace| {
            let workspace = std::fs::canonicalize(workspace).ok()?;
            let root = std::fs::canonicalize(root).ok()?;
            let rel = root.strip_prefix(&workspace).ok()?;
            (!rel.as_os_str().is_empty())
                .then(|| format!("{}/", crate::discover::relative(&workspace, &root)))
        })
        .unwrap_or_default()
}

/// `checked N files: …`, the last line of a human report; the log of `--format github`
/// gets it on stderr.
pub fn summary_line(report: &Report) -> String {
    human::summary_line(report)
}

/// Renders a single diagnostic for humans, used where one problem stops a command.
pub fn render_one(diagnostic: &Diagnostic, color: bool) -> String {
    human::render_diagnostic(diagnostic, color)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_in_the_order_people_count() {
        let mut files = vec![
            "EIPS/eip-100.md",
            "EIPS/eip-2.md",
            "EIPS/eip-10.md",
            "rfcs/0010-b.md",
            "rfcs/0002-a.md",
            "EIPS/eip-1.md",
            "a/x.md",
        ];
        files.sort_by(|a, b| natural(a, b));
        assert_eq!(
            files,
            [
                "EIPS/eip-1.md",
                "EIPS/eip-2.md",
                "EIPS/eip-10.md",
                "EIPS/eip-100.md",
                "a/x.md",
                "rfcs/0002-a.md",
                "rfcs/0010-b.md"
            ]
        );
    }

    fn snippet_of(text: &str, span: Span) -> Snippet {
        let source = SourceFile::new("rfcs/0001-a.md".into(), "x".into(), text.to_string());
        Diagnostic::new(Code::UnknownRfcMention, &source, span, "m")
            .snippet
            .unwrap()
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_mark() {
        let line = format!("{}RFC 99{}", "é ".repeat(500), " x".repeat(500));
        let at = line.find("RFC 99").unwrap();
        let s = snippet_of(&format!("# T\n{line}\n"), Span::new(4 + at, 4 + at + 6));
        assert_eq!(s.line, 2);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(s.text.len() <= SNIPPET_WIDTH + 2 * '…'.len_utf8());
        assert_eq!(&s.text[s.mark.clone()], "RFC 99");
        // A short line is kept whole.
        let s = snippet_of("See RFC 99.\n", Span::new(4, 10));
        assert_eq!(
            (s.text.as_str(), &s.text[s.mark.clone()]),
            ("See RFC 99.", "RFC 99")
        );
    }

    #[test]
    fn locations_come_from_the_line_table() {
        let source = SourceFile::new("a.md".into(), "x".into(), "ab\r\ncd\n\néf\n".into());
        let at = |offset| {
            let l = source.location(offset);
            (l.line, l.column)
        };
        assert_eq!(
            [at(0), at(1), at(4), at(7), at(8), at(10), at(99)],
            [(1, 1), (1, 2), (2, 1), (3, 1), (4, 1), (4, 2), (5, 1)]
        );
    }
}
