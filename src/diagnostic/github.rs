//! `--format github`: workflow commands that GitHub Actions turns into annotations on the
//! pull request's changed lines.

use super::{Report, Severity};

/// Every diagnostic as an annotation; `prefix` leads from the repository's top to the
/// archive (`docs/rfcs/`), or is empty.
pub(super) fn render(report: &Report, prefix: &str) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "::{kind} file={},line={},col={},title={}::{}\n",
            escape_property(&format!("{prefix}{}", d.file)),
            d.location.line,
            d.location.column,
            d.code.as_str(),
            escape_data(&d.message),
        ));
    }
    out
}

/// Escaping as the Actions runner expects it, or a `%` or newline would corrupt the line.
pub(super) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

pub(super) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
    }
}
