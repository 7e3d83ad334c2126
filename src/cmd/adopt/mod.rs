//! Decision records a team kept before rfcbook, in a folder of their own
//! (`ADR/ADR021-use-auth0.md`, `doc/adr/0001-….md`, `EIPS/eip-20.md`): found, so that
//! `init` writes the book.toml that reads them as they are written, and `check` without
//! a book.toml can say that one would (rfcs/0032).

use std::path::Path;

mod find;
mod learn;

use crate::config::Config;
use crate::model::{Field, SectionKind};

pub(super) use find::find;
use learn::{link_names, names, records, statuses, usual};

/// Numbered Markdown files in one folder, named alike. An archive that read an empty
/// `rfcs/` beside them checked one example and passed, every real record unseen.
pub(super) struct Records {
    /// From the archive root, with `/`; `.` for the root itself.
    pub folder: String,
    pub count: usize,
    /// The text before the number that most of them share (`ADR`, `eip-`), and the
    /// fewest digits written.
    prefix: String,
    digits: usize,
    /// What separates a slug from the number (`ADR021-use-auth0.md`, `0001_foo.md`);
    /// `None` without a slug (`eip-20.md`).
    separator: Option<char>,
    /// Whether most of them say what they are in their body, not in front matter
    /// (adr-tools, Nygard, log4brains: rfcs/0019).
    in_body: bool,
    /// Other folders of records, with their counts, fewer than these: named, so that a
    /// team that keeps two series learns that one of them is not read.
    others: Vec<(String, usize)>,
    /// The team's template in the folder (`ADRXXX-template.md`, `adr-template.md`), by
    /// name: `rfcbook new` fills it, and `check` knows its prompts (rfcs/0033).
    template: Option<String>,
    /// Files of the folder that are not records: other templates, a copy to start from,
    /// and a site generator's `index.md`.
    not_records: Vec<String>,
}

/// What a book.toml for these records would require, measured on them.
struct Usual {
    sections: Vec<SectionKind>,
    fields: Vec<Field>,
    /// Required by default, and written by fewer than half of the records.
    dropped: Vec<String>,
    /// Required by default, and marked optional in the team's template.
    optional: Vec<String>,
    /// `[rfc.required-by-status]`, when most records of a status lack a field it asks for
    /// (MADR's accepted records give no `decided` date).
    by_status: Option<String>,
    /// The archive's name for an accepted record, when hardly any record writes a status:
    /// such an archive keeps the decisions taken (the Rust RFCs keep only merged ones),
    /// and without it every record was "unknown" (rfcs/0030).
    default_status: Option<String>,
}

impl Records {
    /// The `[rfc]` settings that read these records, as book.toml writes them; empty when
    /// rfcbook's defaults do.
    fn rfc_settings(&self) -> Vec<String> {
        let mut rfc = Vec::new();
        if !(self.prefix.is_empty() && self.digits == 4 && self.separator == Some('-')) {
            let slug = self
                .separator
                .map_or(String::new(), |c| format!("{c}{{slug}}"));
            rfc.push(format!(
                "file-name = {}",
                toml_string(&format!("{}{{id}}{slug}.md", self.prefix))
            ));
            rfc.push(format!("id-digits = {}", self.digits));
        }
        if self.in_body {
            rfc.push("body-metadata = true".to_string());
        }
        if let Some(template) = &self.template {
            let path = if self.folder == "." {
                template.clone()
            } else {
                format!("{}/{template}", self.folder)
            };
            rfc.push(format!("template = {}", toml_string(&path)));
        }
        if !self.not_records.is_empty() {
            let names: Vec<String> = self.not_records.iter().map(|t| toml_string(t)).collect();
            rfc.push(format!("exclude = [{}]", names.join(", ")));
        }
        rfc
    }

    /// What `init` says when it leaves the records where they are: the archive it made
    /// reads `rfcs/`, which has RFCs of its own.
    pub(super) fn note(&self) -> String {
        let rfc = self.rfc_settings();
        let named = if rfc.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = rfc.iter().map(|s| format!("`{s}`")).collect();
            format!(", and {} under [rfc]", quoted.join(", "))
        };
        format!(
            "note: {} holds {}, and this archive reads rfcs/; to check and publish {} \
             instead, set in book.toml `src = {}` under [book]{named}, then run `rfcbook check`",
            self.place(),
            self.described(),
            if self.count == 1 { "it" } else { "them" },
            toml_string(&self.folder),
        )
    }

    /// Where the records are, for a sentence: `ADR/`, or `this folder`.
    pub(super) fn place(&self) -> String {
        if self.folder == "." {
            "this folder".to_string()
        } else {
            format!("{}/", self.folder)
        }
    }

    /// The other folders of records, as a line for `init` to print; empty without.
    pub(super) fn others_line(&self) -> String {
        if self.others.is_empty() {
            return String::new();
        }
        let named: Vec<String> = self
            .others
            .iter()
            .map(|(place, n)| format!("{place} ({n})"))
            .collect();
        format!(
            "\n  also numbered like records, and not read: {}; `src` in book.toml names the \
             folder to read",
            named.join(", ")
        )
    }

    /// The team's template, as a line for `init` to print; empty without.
    pub(super) fn template_line(&self) -> String {
        match &self.template {
            Some(name) => format!(
                "\n  `rfcbook new` writes new records from the team's template, {}{name}",
                if self.folder == "." {
                    String::new()
                } else {
                    format!("{}/", self.folder)
                }
            ),
            None => String::new(),
        }
    }

    /// "3 numbered Markdown files, which look like decision records".
    pub(super) fn described(&self) -> String {
        if self.count == 1 {
            "1 numbered Markdown file, which looks like a decision record".to_string()
        } else {
            format!(
                "{} numbered Markdown files, which look like decision records",
                self.count
            )
        }
    }

    /// `base` (init's book.toml) made to read these records: their folder, their way of
    /// naming, and of the required sections and fields those that most of them write;
    /// with the requirements left out, as `init` names them.
    /// A requirement nearly every record misses is the archive's format, not a problem
    /// of each record: it would bury the few real problems under one error per file.
    pub(super) fn book_toml(&self, root: &Path, base: &str) -> Learned {
        let mut text = base.replace(
            "src = \"rfcs\"",
            &format!("src = {}", toml_string(&self.folder)),
        );
        let settings: String = self
            .rfc_settings()
            .iter()
            .map(|s| s.clone() + "\n")
            .collect();
        text = text.replacen("[rfc]\n", &format!("[rfc]\n{settings}"), 1);
        // What is learned below is kept only if book.toml still reads: a team is never
        // handed a book.toml that `check` refuses.
        let plain = text.clone();
        let config =
            |text: &str| Config::parse(root, &root.join(crate::config::CONFIG_FILE), text).ok();
        // Their words for statuses, fields and sections first, read once; then, read
        // again with those words, what most of them have.
        if let Some(first) = config(&text)
            && let Some((archive, numbered)) = records(&first)
        {
            let names = names(&first, &archive, &numbered);
            if let Some(line) = link_names(&first, &archive, &numbered) {
                text = text.replacen("[rfc]\n", &format!("[rfc]\n{line}\n"), 1);
            }
            if let Some((line, roles)) = statuses(&first, &archive, &numbered) {
                text = text
                    .replacen(DEFAULT_STATUSES, &line, 1)
                    .replace(ROLES_EXAMPLE, "");
                text.push_str(&roles);
            }
            if let Some(names) = names {
                // A table of lints is written: the commented example of one would be a
                // second.
                if names.contains("[rfc.lints]") {
                    text = text.replace(LINTS_EXAMPLE, "");
                }
                text.push_str(&names);
            }
        }
        let Some(usual) = config(&text).and_then(|c| usual(&c)) else {
            return Learned::as_is(text);
        };
        let sections: Vec<String> = usual
            .sections
            .iter()
            .map(|k| toml_string(k.name()))
            .collect();
        let mut required = format!("required-sections = [{}]", sections.join(", "));
        if usual.fields != Config::default_for(root).rfc.required_fields {
            let fields: Vec<String> = usual.fields.iter().map(|f| toml_string(f.key())).collect();
            required = format!("required-fields = [{}]\n{required}", fields.join(", "));
        }
        if !usual.dropped.is_empty() {
            required = format!(
                "# As the records in {} are written: most have no {}, so {} not required.\n\
                 {required}",
                self.place(),
                usual.dropped.join(" or "),
                if usual.dropped.len() == 1 {
                    "it is"
                } else {
                    "they are"
                }
            );
        }
        if !usual.optional.is_empty() {
            required = format!(
                "# The team's template marks {} optional, so not required.\n{required}",
                usual.optional.join(" and ")
            );
        }
        if let Some(status) = &usual.default_status {
            required = format!(
                "{required}\n# Hardly any record here writes a status: one that does not is taken as {status}\n\
                 # (an archive that keeps only the decisions taken). Change it, or remove the line\n\
                 # to show such records as unknown.\ndefault-status = {}",
                toml_string(status)
            );
        }
        text = text.replacen(
            "required-sections = [\"problem\", \"approach\", \"alternatives\", \"rationale\"]",
            &required,
            1,
        );
        if let Some(table) = &usual.by_status {
            text.push_str(table);
        }
        if config(&text).is_none() {
            return Learned::as_is(plain);
        }
        Learned {
            text,
            dropped: usual.dropped,
            optional: usual.optional,
            default_status: usual.default_status,
        }
    }
}

/// The book.toml `init` writes for adopted records, and what it says of its choices.
pub(super) struct Learned {
    pub(super) text: String,
    /// Required by default, and left out as most records do without.
    pub(super) dropped: Vec<String>,
    /// Required by default, and left out as the team's template marks them optional.
    pub(super) optional: Vec<String>,
    /// The status a record that writes none is taken to have.
    pub(super) default_status: Option<String>,
}

impl Learned {
    fn as_is(text: String) -> Learned {
        Learned {
            text,
            dropped: Vec::new(),
            optional: Vec::new(),
            default_status: None,
        }
    }
}

/// init's book.toml's `statuses` line.
const DEFAULT_STATUSES: &str = "statuses = [\"draft\", \"proposed\", \"accepted\", \"rejected\", \
                                \"superseded\", \"deprecated\", \"withdrawn\"]";

/// The example of `[rfc.status-roles]` in init's book.toml, commented out.
const ROLES_EXAMPLE: &str = "\n# Statuses named like these defaults mean what they say. If you rename one, say what it\n\
     # means (draft, proposed, accepted, rejected, superseded, deprecated, withdrawn or moved),\n\
     # e.g.:\n\
     # [rfc.status-roles]\n# approved = \"accepted\"\n";

/// The example of `[rfc.lints]` in init's book.toml, commented out.
const LINTS_EXAMPLE: &str = "\n# Lower or raise a rule by name or code, e.g.:\n# [rfc.lints]\n\
                             # unknown-rfc-mention = \"allow\"\n";

/// A TOML basic string: quoted, with what TOML escapes escaped.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
