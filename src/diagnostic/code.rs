//! The registry of diagnostic codes: the one table that gives each problem rfcbook can
//! find in an archive its stable code, its name, its default severity and its long
//! explanation (`rfcbook explain`). Codes are never renumbered or reused (rfcs/0002).

use std::fmt;

/// How serious a diagnostic is once configuration has been applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What `[rfc.lints]` may set a rule to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $name:literal, $severity:ident, $summary:literal; )*) => {
        /// Every problem `check` can report, one variant per rule.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable code, e.g. `RFC0110`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// The rule's kebab-case name, e.g. `unknown-status`, usable in `[rfc.lints]`.
            pub fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            /// One line saying what the rule checks, for `explain` and `list` of codes.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }

            /// The long explanation with an example and the fix.
            pub fn explanation(self) -> &'static str {
                match self {
                    $( Code::$variant => include_str!(concat!("explain/", $code, ".md")), )*
                }
            }
        }
    };
}

codes! {
    EmptyFile = "RFC0001", "empty-file", Error, "The file is empty.";
    InvalidUtf8 = "RFC0002", "invalid-utf8", Error, "The file is not valid UTF-8.";
    FileTooLarge = "RFC0003", "file-too-large", Error, "The file is larger than `max-file-size`.";
    UnreadableFile = "RFC0004", "unreadable-file", Error, "The file or folder could not be read.";
    BadFileName = "RFC0005", "bad-file-name", Error, "The file name is not `NNNN-slug.md`.";
    MergeConflict = "RFC0006", "merge-conflict", Error, "The file still holds git's merge-conflict markers.";
    MissingFrontMatter = "RFC0101", "missing-front-matter", Error, "The file does not start with a `---` front-matter block.";
    UnterminatedFrontMatter = "RFC0102", "unterminated-front-matter", Error, "The front-matter block has no closing `---`.";
    YamlSyntax = "RFC0103", "yaml-syntax", Error, "The front matter is not valid YAML.";
    FrontMatterNotMapping = "RFC0104", "front-matter-not-mapping", Error, "The front matter is not a mapping of keys to values.";
    MissingField = "RFC0105", "missing-field", Error, "A required front-matter field is missing.";
    EmptyField = "RFC0106", "empty-field", Error, "A required front-matter field, or an entry of a list, is empty.";
    WrongType = "RFC0107", "wrong-type", Error, "A front-matter value has the wrong type.";
    UnknownKey = "RFC0108", "unknown-key", Warning, "A front-matter key is not one rfcbook knows.";
    InvalidDate = "RFC0109", "invalid-date", Error, "A date is not a real date written YYYY-MM-DD.";
    UnknownStatus = "RFC0110", "unknown-status", Error, "The status is not one of the configured statuses.";
    StatusRequiresField = "RFC0111", "status-requires-field", Error, "The status requires a field that is missing.";
    DecidedBeforeCreated = "RFC0112", "decided-before-created", Error, "`decided` is earlier than `created`.";
    IdMismatch = "RFC0113", "id-mismatch", Error, "`id` differs from the number in the file name.";
    InvalidUrl = "RFC0114", "invalid-url", Error, "`discussion` is not a valid http(s) URL.";
    DuplicateField = "RFC0115", "duplicate-field", Error, "A field is given twice, under its name and an alias.";
    DateInFuture = "RFC0116", "date-in-future", Warning, "`created`, `decided` or `updated` is after today.";
    DateBefore1970 = "RFC0117", "date-before-1970", Warning, "A date is before 1970, almost always a mistyped year.";
    DuplicateId = "RFC0201", "duplicate-id", Error, "Two files have the same RFC number.";
    UnknownReference = "RFC0202", "unknown-reference", Error, "A relation names an RFC that does not exist.";
    AsymmetricSupersession = "RFC0203", "asymmetric-supersession", Error, "`supersedes` and `superseded-by` do not agree.";
    SupersessionCycle = "RFC0204", "supersession-cycle", Error, "RFCs supersede each other in a cycle.";
    SupersededByUndecided = "RFC0205", "superseded-by-undecided", Error, "An RFC is superseded by one that was never accepted.";
    TagCase = "RFC0206", "tag-case", Warning, "A tag is written in another case than elsewhere in the archive.";
    MissingSection = "RFC0301", "missing-section", Error, "A required section is missing.";
    EmptySection = "RFC0302", "empty-section", Error, "A required section has no content.";
    DuplicateSection = "RFC0303", "duplicate-section", Error, "A section appears twice.";
    TitleMismatch = "RFC0304", "title-mismatch", Warning, "The `# heading` differs from `title`.";
    BrokenLink = "RFC0305", "broken-link", Error, "A relative link points at a file that does not exist.";
    BrokenAnchor = "RFC0306", "broken-anchor", Error, "A link points at a heading that does not exist.";
    UnknownRfcMention = "RFC0307", "unknown-rfc-mention", Warning, "The text mentions an RFC number that does not exist.";
    StaleProposal = "RFC0308", "stale-proposal", Warning, "A proposed RFC has waited longer than `stale-after-days`.";
    ReviewOverdue = "RFC0309", "review-overdue", Warning, "The `review-by` date has passed.";
    UnsafeHtml = "RFC0310", "unsafe-html", Warning, "Raw HTML that would run code; it is removed from the site.";
    TemplateText = "RFC0311", "template-text", Warning, "A section still starts with the template's placeholder text.";
    ImageWithoutAlt = "RFC0312", "image-without-alt", Warning, "An image has no alternative text.";
}

impl Code {
    /// Looks a code up by its code (`RFC0110`, any case, or just `110`) or its name.
    pub fn lookup(text: &str) -> Option<Code> {
        let text = text.trim();
        let upper = text.to_ascii_uppercase();
        let digits = upper.strip_prefix("RFC").unwrap_or(&upper);
        let number: Option<u32> = digits.parse().ok();
        Code::ALL.iter().copied().find(|c| {
            c.name() == text
                || c.as_str() == upper
                || number.is_some_and(|n| c.as_str()[3..].parse::<u32>() == Ok(n))
        })
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for c in Code::ALL {
            assert!(codes.insert(c.as_str()), "duplicate code {c}");
            assert!(names.insert(c.name()), "duplicate name {}", c.name());
            assert!(c.as_str().starts_with("RFC") && c.as_str().len() == 7);
            assert!(c.explanation().contains(c.as_str()), "{c} explain text");
        }
    }

    #[test]
    fn lookup_accepts_code_number_and_name() {
        assert_eq!(Code::lookup("RFC0110"), Some(Code::UnknownStatus));
        assert_eq!(Code::lookup("rfc0110"), Some(Code::UnknownStatus));
        assert_eq!(Code::lookup("110"), Some(Code::UnknownStatus));
        assert_eq!(Code::lookup("unknown-status"), Some(Code::UnknownStatus));
        assert_eq!(Code::lookup("RFC9999"), None);
    }
}
