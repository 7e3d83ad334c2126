//! rustc-style output: the message, `--> file:line:col`, the source line with a caret
//! under the problem, and the help line. Drawn by annotate-snippets, rustc's own renderer.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Report, Severity};

pub(super) fn render(report: &Report, color: bool, quiet: bool) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&render_diagnostic(d, color));
        out.push_str("\n\n");
    }
    if !quiet {
        out.push_str(&summary_line(report));
        out.push('\n');
    }
    out
}

pub(super) fn render_diagnostic(d: &Diagnostic, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    // The renderer shows control characters of the message and the source line, not of
    // the path: a file name is anyone's text too.
    let file = crate::terminal::clean(&d.file);
    let mut group = match &d.snippet {
        Some(s) => title.element(
            Snippet::source(s.text.as_str())
                .line_start(s.line)
                .path(file.as_ref())
                .annotation(AnnotationKind::Primary.span(s.mark.clone())),
        ),
        None => title.element(
            Origin::path(file.as_ref())
                .line(d.location.line)
                .char_column(d.location.column),
        ),
    };
    for note in &d.notes {
        group = group.element(Level::NOTE.message(format!(
            "{} ({}:{}:{})",
            note.text, note.file, note.location.line, note.location.column
        )));
    }
    if !d.help.is_empty() {
        group = group.element(Level::HELP.message(d.help.as_str()));
    }
    let report: [Group<'_>; 1] = [group];
    let rendered = renderer(color).render(&report).to_string();
    match &d.snippet {
        Some(_) => with_column(
            rendered,
            &format!("{file}:{}:", d.location.line),
            d.location.column,
        ),
        None => rendered,
    }
}

/// The `--> file:line:col` of `rendered` with the column of the diagnostic: the renderer
/// counts it in the snippet it is given, which for a long line is a window of it (`…`
/// where cut), and said column 62 of a line whose mark is at 266.
fn with_column(rendered: String, place: &str, column: usize) -> String {
    let Some(at) = rendered.find(place) else {
        return rendered;
    };
    let digits_at = at + place.len();
    let digits = rendered[digits_at..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let mut out = rendered;
    out.replace_range(digits_at..digits_at + digits, &column.to_string());
    out
}

fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

pub(super) fn summary_line(report: &Report) -> String {
    let s = report.summary();
    let files = crate::terminal::plural(s.files, "file");
    if s.errors == 0 && s.warnings == 0 {
        format!("checked {files}: no problems found")
    } else {
        let withheld = match report.withheld_warnings {
            0 => String::new(),
            _ => " (not shown here; `rfcbook check` shows them)".to_string(),
        };
        format!(
            "checked {files}: {}, {}{withheld}{}",
            crate::terminal::plural(s.errors, "error"),
            crate::terminal::plural(s.warnings, "warning"),
            by_rule(report)
        )
    }
}

/// From this many diagnostics on, the summary says how many each rule gave: an archive
/// brought in gives thousands (3,878 broken links of 3,929 errors), and which rule to fix
/// or to lower first is the question the scroll-back cannot answer.
const BY_RULE_FROM: usize = 10;

/// `\nby rule: 3878 RFC0305 broken-link, 51 RFC0105 missing-field`, most first; empty
/// below [`BY_RULE_FROM`] diagnostics.
fn by_rule(report: &Report) -> String {
    if report.diagnostics.len() < BY_RULE_FROM {
        return String::new();
    }
    let listed: Vec<String> = report
        .by_rule()
        .iter()
        .map(|(code, n)| format!("{n} {code} {}", code.name()))
        .collect();
    format!("\nby rule: {}", listed.join(", "))
}
