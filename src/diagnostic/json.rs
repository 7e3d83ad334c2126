//! `--format json`: one object on stdout, the shape pinned by CONTRACT §5.

use serde::Serialize;

use super::{Report, Summary};

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    help: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

pub(super) fn render(report: &Report) -> String {
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            code: d.code.as_str(),
            severity: d.severity.as_str(),
            file: &d.file,
            line: d.location.line,
            column: d.location.column,
            message: &d.message,
            help: &d.help,
        })
        .collect();
    let value = JsonReport {
        diagnostics,
        summary: report.summary(),
    };
    // Serialising plain strings and numbers cannot fail.
    let mut out = serde_json::to_string(&value).unwrap_or_default();
    out.push('\n');
    out
}
