//! Decision records a team kept before rfcbook, in a folder of their own
//! (`ADR/ADR021-use-auth0.md`, `doc/adr/0001-….md`, `EIPS/eip-20.md`): found, so that
//! `init` writes the book.toml that reads them as they are written, and `check` without
//! a book.toml can say that one would (rfcs/0032).

use std::collections::BTreeMap;
use std::path::Path;

use crate::archive::Archive;
use crate::config::Config;
use crate::diagnostic::Code;
use crate::model::{Field, FrontMatter, SectionKind, StatusRole};

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
    pub others: Vec<(String, usize)>,
    /// Files of the folder that are not records: templates (`ADRXXX-template.md`,
    /// `adr-template.md`), a copy to start from, and a site generator's `index.md`.
    not_records: Vec<String>,
}

/// What a book.toml for these records would require, measured on them.
pub(super) struct Usual {
    pub sections: Vec<SectionKind>,
    pub fields: Vec<Field>,
    /// Required by default, and written by fewer than half of the records.
    pub dropped: Vec<String>,
    /// `[rfc.required-by-status]`, when most records of a status lack a field it asks for
    /// (MADR's accepted records give no `decided` date).
    by_status: Option<String>,
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
    /// naming, and of the required sections and fields those that most of them write.
    /// A requirement nearly every record misses is the archive's format, not a problem
    /// of each record: it would bury the few real problems under one error per file.
    pub(super) fn book_toml(&self, root: &Path, base: &str) -> (String, Usual) {
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
        let config =
            |text: &str| Config::parse(root, &root.join(crate::config::CONFIG_FILE), text).ok();
        // Their names for fields and sections first, then what most of them have.
        if let Some((line, roles)) = config(&text).and_then(|c| statuses(&c)) {
            text = text
                .replacen(DEFAULT_STATUSES, &line, 1)
                .replace(ROLES_EXAMPLE, "");
            text.push_str(&roles);
        }
        if let Some(names) = config(&text).and_then(|c| names(&c)) {
            // A table of lints is written: the commented example of one would be a second.
            if names.contains("[rfc.lints]") {
                text = text.replace(LINTS_EXAMPLE, "");
            }
            text.push_str(&names);
        }
        let Some(usual) = config(&text).and_then(|c| usual(&c)) else {
            return (
                text,
                Usual {
                    sections: SectionKind::ALL.to_vec(),
                    fields: Vec::new(),
                    dropped: Vec::new(),
                    by_status: None,
                },
            );
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
        text = text.replacen(
            "required-sections = [\"problem\", \"approach\", \"alternatives\", \"rationale\"]",
            &required,
            1,
        );
        if let Some(table) = &usual.by_status {
            text.push_str(table);
        }
        (text, usual)
    }
}

/// init's book.toml's `statuses` line.
const DEFAULT_STATUSES: &str = "statuses = [\"draft\", \"proposed\", \"accepted\", \"rejected\", \
                                \"superseded\", \"deprecated\", \"withdrawn\"]";

/// The example of `[rfc.status-roles]` in init's book.toml, commented out.
const ROLES_EXAMPLE: &str = "\n# Statuses named like these defaults mean what they say. If you rename one, say what it\n\
     # means (draft, proposed, accepted, rejected, superseded, deprecated or withdrawn), e.g.:\n\
     # [rfc.status-roles]\n# approved = \"accepted\"\n";

/// Other tools' names for fields, which `check` does not ask for when the field is not
/// required.
const OTHER_KEYS: [(&str, Field); 3] = [
    ("discussions-to", Field::Discussion),
    ("discussion-url", Field::Discussion),
    ("pull-request", Field::Discussion),
];

/// The example of `[rfc.lints]` in init's book.toml, commented out.
const LINTS_EXAMPLE: &str = "\n# Lower or raise a rule by name or code, e.g.:\n# [rfc.lints]\n\
                             # unknown-rfc-mention = \"allow\"\n";

/// Other templates' names for the canonical sections, in lower case: MADR's, the Rust
/// RFCs', the EIPs', Tyree and Akerman's. Only a name most records use as a section of
/// their own becomes an alias.
const OTHER_HEADINGS: [(SectionKind, &str); 9] = [
    (SectionKind::Problem, "context and problem statement"),
    (SectionKind::Problem, "issue"),
    (SectionKind::Problem, "background"),
    (SectionKind::Approach, "decision outcome"),
    (SectionKind::Approach, "specification"),
    (SectionKind::Approach, "detailed design"),
    (SectionKind::Approach, "reference-level explanation"),
    (SectionKind::Alternatives, "pros and cons of the options"),
    (SectionKind::Rationale, "justification"),
];

/// The numbered records of an archive read with `config`.
fn records(config: &Config) -> Option<(Archive, Vec<usize>)> {
    let archive = Archive::load_for_report(config).ok()?;
    let numbered: Vec<usize> = (0..archive.rfcs.len())
        .filter(|&i| archive.rfcs[i].id.is_some())
        .collect();
    (!numbered.is_empty()).then_some((archive, numbered))
}

/// The names these records give required fields and sections that rfcbook does not
/// know by default (`date:` for `created`, `## Decision Outcome` for the approach), when
/// most of them use the name, as book.toml tables to append.
fn names(config: &Config) -> Option<String> {
    let (archive, numbered) = records(config)?;
    let most = |n: usize| n * 2 >= numbered.len();
    let mut keys: BTreeMap<&str, (Field, usize)> = BTreeMap::new();
    let mut headings: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    for &i in &numbered {
        let rfc = &archive.rfcs[i];
        for (field, key) in rfc.front.iter().flat_map(|f| &f.near_misses) {
            keys.entry(key.value.as_str()).or_insert((*field, 0)).1 += 1;
        }
        let mut seen = std::collections::BTreeSet::new();
        for heading in rfc.body.iter().flat_map(|b| &b.headings) {
            let lower = heading.text.trim().to_lowercase();
            if heading.level == 2 && seen.insert(lower.clone()) {
                headings.entry(lower).or_insert((0, &heading.text)).0 += 1;
            }
        }
    }
    // Keys rfcbook does not know, by how many records write them.
    let mut unknown: BTreeMap<&str, usize> = BTreeMap::new();
    for key in reported(&archive, Code::UnknownKey, "unknown front-matter key `") {
        *unknown.entry(key).or_default() += 1;
    }
    // Other tools' names for a field no record is asked for (the EIPs' `discussions-to`).
    for (key, field) in OTHER_KEYS {
        if let Some(n) = unknown.remove(key) {
            keys.insert(key, (field, n));
        }
    }
    let mut out = String::new();
    let mut aliased: Vec<Field> = Vec::new();
    let mut keyed: Vec<(&str, usize, Field)> =
        keys.into_iter().map(|(k, (f, n))| (k, n, f)).collect();
    keyed.sort_by_key(|&(k, n, _)| (std::cmp::Reverse(n), k));
    for (key, n, field) in keyed {
        if most(n) && !aliased.contains(&field) {
            aliased.push(field);
            if out.is_empty() {
                out.push_str("\n# The names the records give these fields.\n[rfc.key-aliases]\n");
            }
            out.push_str(&format!(
                "{} = {}\n",
                toml_key(key),
                toml_string(field.key())
            ));
        }
    }
    let sections = &config.rfc.sections;
    for kind in config.rfc.required_sections.iter().copied() {
        let have = numbered
            .iter()
            .filter(|&&i| {
                archive.rfcs[i]
                    .body
                    .as_ref()
                    .is_some_and(|b| b.has_section(kind))
            })
            .count();
        // Each name a good share of the records use, when together with the section's
        // own names most records have one (the Rust RFCs moved from "Detailed design" to
        // "Reference-level explanation").
        let found: Vec<&(usize, &str)> = OTHER_HEADINGS
            .iter()
            .filter(|(k, _)| *k == kind)
            .filter_map(|(_, name)| headings.get(*name))
            .filter(|(n, written)| {
                *n * 10 >= numbered.len() && sections.classify(written).is_empty()
            })
            .collect();
        let more: usize = found.iter().map(|(n, _)| n).sum();
        if !found.is_empty() && most(have + more) {
            let aliases: Vec<String> = sections
                .aliases(kind)
                .iter()
                .map(String::as_str)
                .chain(found.iter().map(|(_, written)| written.trim()))
                .map(toml_string)
                .collect();
            out.push_str(&format!(
                "\n[rfc.sections.{}]\naliases = [{}]\n",
                kind.name(),
                aliases.join(", ")
            ));
        }
    }
    // Numbers that are dates (log4brains' `20201016-…`): two records of a day share one,
    // and the slug tells them apart.
    let dated = numbered.iter().all(|&i| {
        archive.rfcs[i]
            .id
            .is_some_and(|id| crate::model::date_of_number(id.0).is_some())
    });
    let mut lints = Vec::new();
    if dated && archive.ids().values().any(|files| files.len() > 1) {
        lints.push(
            "# The numbers are dates: records of one day share one.\nduplicate-id = \"allow\"\n"
                .to_string(),
        );
    }
    // Keys most records write that mean nothing to rfcbook (a site generator's
    // `nav_order`, the EIPs' `category`) are the archive's own: one warning per record
    // each would hide the rest. A misspelt required field is still reported (RFC0105).
    let own: Vec<String> = unknown
        .into_iter()
        .filter(|&(_, n)| most(n))
        .map(|(k, _)| format!("`{k}`"))
        .collect();
    if !own.is_empty() {
        lints.push(format!(
            "# Keys of the records' own ({}): not reported.\nunknown-key = \"allow\"\n",
            own.join(", ")
        ));
    }
    if !lints.is_empty() {
        out.push_str(&format!(
            "\n# Lower or raise a rule by name or code, e.g. `unknown-rfc-mention = \"allow\"`.\n\
             [rfc.lints]\n{}",
            lints.concat()
        ));
    }
    (!out.is_empty()).then_some(out)
}

/// What the archive's `code` diagnostics name: the text in backticks after `opening`
/// (`unknown status \`Final\``), as reading the records reported it.
fn reported<'a>(
    archive: &'a Archive,
    code: Code,
    opening: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    archive
        .diagnostics
        .iter()
        .filter(move |d| d.code == code)
        .filter_map(move |d| d.message.strip_prefix(opening)?.strip_suffix('`'))
}

/// The statuses these records write that `config` does not know, used by two records or
/// more (or by any, in an archive of fewer than ten), with the meaning each most likely
/// has: as the `statuses` line and the `[rfc.status-roles]` table that keep them.
fn statuses(config: &Config) -> Option<(String, String)> {
    let (archive, numbered) = records(config)?;
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    for word in reported(&archive, Code::UnknownStatus, "unknown status `") {
        let word = word.trim().to_lowercase();
        if !word.is_empty() {
            *unknown.entry(word).or_default() += 1;
        }
    }
    let enough = |n: usize| n >= 2 || numbered.len() < 10;
    let added: Vec<(String, Option<StatusRole>)> = unknown
        .into_iter()
        .filter(|&(_, n)| enough(n))
        .map(|(word, _)| {
            let role = StatusRole::of_word(&word);
            (word, role)
        })
        .collect();
    if added.is_empty() {
        return None;
    }
    let names: Vec<String> = config
        .rfc
        .statuses
        .names()
        .map(str::to_string)
        .chain(added.iter().map(|(w, _)| w.clone()))
        .map(|n| toml_string(&n))
        .collect();
    let line = format!("statuses = [{}]", names.join(", "));
    let mut roles = String::from(
        "\n# What the statuses the records write mean (draft, proposed, accepted, rejected,\n\
         # superseded, deprecated or withdrawn): rfcbook's reading of their words; correct\n\
         # it where your process means otherwise.\n[rfc.status-roles]\n",
    );
    let mut without = Vec::new();
    for (word, role) in &added {
        match role {
            Some(role) => roles.push_str(&format!("{} = \"{}\"\n", toml_key(word), role.name())),
            None => without.push(format!("`{word}`")),
        }
    }
    if !without.is_empty() {
        roles.push_str(&format!(
            "# {} {} nothing rfcbook knows: add a line for each, e.g. `{} = \"withdrawn\"`.\n",
            without.join(", "),
            if without.len() == 1 { "means" } else { "mean" },
            toml_key(without[0].trim_matches('`'))
        ));
    }
    Some((line, roles))
}

/// Of the sections and fields `config` requires, those that at least half of its
/// numbered records have; `None` when it has no numbered record.
fn usual(config: &Config) -> Option<Usual> {
    let (archive, numbered) = records(config)?;
    let records: Vec<_> = numbered.iter().map(|&i| &archive.rfcs[i]).collect();
    let most = |n: usize| n * 2 >= records.len();
    let mut dropped = Vec::new();
    let sections = config
        .rfc
        .required_sections
        .iter()
        .copied()
        .filter(|&kind| {
            let n = records
                .iter()
                .filter(|r| r.body.as_ref().is_some_and(|b| b.has_section(kind)))
                .count();
            most(n) || {
                dropped.push(format!("`## {}`", config.rfc.sections.title(kind)));
                false
            }
        })
        .collect();
    let fields = config
        .rfc
        .required_fields
        .iter()
        .copied()
        .filter(|&field| {
            let n = records
                .iter()
                .filter(|r| r.front.as_ref().is_some_and(|f| written(f, field)))
                .count();
            most(n) || {
                dropped.push(format!("`{}`", field.key()));
                false
            }
        })
        .collect();
    // What each status asks for, of the records that have it; a status no record has
    // keeps what it asks for.
    let statuses = &config.rfc.statuses;
    let mut lines = Vec::new();
    let mut changed = false;
    for status in statuses.all() {
        let Some(asked) = config.rfc.required_by_status.get(&status) else {
            continue;
        };
        let with: Vec<_> = records
            .iter()
            .filter_map(|r| r.front.as_ref())
            .filter(|f| f.status.as_ref().is_some_and(|s| s.value == status))
            .collect();
        let kept: Vec<Field> = asked
            .iter()
            .copied()
            .filter(|&field| {
                let n = with.iter().filter(|f| written(f, field)).count();
                with.is_empty() || n * 2 >= with.len() || {
                    dropped.push(format!("`{}` when {}", field.key(), statuses.name(status)));
                    changed = true;
                    false
                }
            })
            .collect();
        let kept: Vec<String> = kept.iter().map(|f| toml_string(f.key())).collect();
        lines.push(format!(
            "{} = [{}]\n",
            toml_key(statuses.name(status)),
            kept.join(", ")
        ));
    }
    let by_status = changed.then(|| {
        format!(
            "\n# What a status asks for, as the records that have it are written (a status\n\
             # no record has yet asks for what it does by default).\n\
             [rfc.required-by-status]\n{}",
            lines.concat()
        )
    });
    Some(Usual {
        sections,
        fields,
        dropped,
        by_status,
    })
}

/// Whether a record writes `field`, valid or not: a wrong value is a problem `check`
/// names, not a sign that the archive does without the field.
fn written(front: &FrontMatter, field: Field) -> bool {
    front.has_value(field) || front.key_span(field).is_some()
}

/// A TOML basic string: quoted, with what TOML escapes escaped.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A TOML key: bare when it can be, else quoted.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        key.to_string()
    } else {
        toml_string(key)
    }
}

/// The folder under `dir`, or `dir` itself (`.`), three levels at most, not hidden, not
/// `rfcs`, with the most numbered Markdown files, when it has two or more (or one, in a
/// folder named for records).
pub(super) fn find(dir: &Path) -> Option<Records> {
    let mut found: Vec<Records> = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .max_depth(3)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            let output = ["rfcs", "site", "target", "node_modules", "themes"];
            // The folder itself may be the records' (init or check run inside `doc/adr`).
            e.depth() == 0 || !(name.starts_with('.') || e.depth() == 1 && output.contains(&&*name))
        });
    for entry in walk
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_dir())
    {
        let Ok(read) = std::fs::read_dir(entry.path()) else {
            continue;
        };
        // Per way of naming (text before the number, slug or not): how many files, how
        // many start with front matter, and the fewest digits written (`eip-1.md`).
        let mut named: BTreeMap<(String, Option<char>), (usize, usize, usize)> = BTreeMap::new();
        let mut not_records = Vec::new();
        for file in read.filter_map(|f| f.ok()) {
            let name = file.file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".md") else {
                continue;
            };
            let prefix: String = stem.chars().take_while(|c| !c.is_ascii_digit()).collect();
            let number: String = stem[prefix.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let digits = number.len();
            // A template has no number of its own (`ADRXXX-template.md`, `0000-template.md`);
            // `template.md` is never read as an RFC. A record about templates
            // (`0012-adr-template-policy.md`) is a record. `index.md` is the page a site
            // generator makes of the folder (log4brains, MADR's Jekyll).
            let template = stem.to_ascii_lowercase().contains("template")
                && !stem.eq_ignore_ascii_case("template")
                && number.chars().all(|c| c == '0');
            if template || name == "index.md" {
                not_records.push(name.clone());
                continue;
            }
            let letters = prefix
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_');
            if digits > 0 && prefix.len() <= 8 && letters {
                let after = &stem[prefix.len() + digits..];
                let separator = after
                    .chars()
                    .next()
                    .filter(|c| after.len() > 1 && matches!(c, '-' | '_'));
                // Front matter opens the file, after a byte-order mark if there is one.
                let mut head = [0u8; 6];
                let read = std::fs::File::open(file.path())
                    .and_then(|mut f| std::io::Read::read(&mut f, &mut head));
                let head = read.map_or(&[][..], |n| &head[..n]);
                let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
                let entry = named.entry((prefix, separator)).or_insert((0, 0, digits));
                entry.0 += 1;
                entry.1 += usize::from(head.starts_with(b"---"));
                entry.2 = entry.2.min(digits);
            }
        }
        let Some(((prefix, separator), (count, fronted, digits))) =
            named.into_iter().max_by_key(|(_, (n, _, _))| *n)
        else {
            continue;
        };
        // One record is enough in a folder named for records: `adr init` writes just
        // `doc/adr/0001-record-architecture-decisions.md`.
        let folder_name = entry.file_name().to_string_lossy().to_ascii_lowercase();
        let records_folder = ["adr", "decision", "rfc"]
            .iter()
            .any(|word| folder_name.contains(word));
        let enough = count >= 2 || (count == 1 && separator.is_some() && records_folder);
        if enough {
            let folder = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let mut folder = folder.to_string_lossy().into_owned();
            if cfg!(windows) {
                folder = folder.replace('\\', "/");
            }
            if folder.is_empty() {
                folder = ".".to_string();
            }
            not_records.sort();
            found.push(Records {
                folder,
                count,
                prefix,
                digits,
                separator,
                in_body: fronted * 2 < count,
                not_records,
                others: Vec::new(),
            });
        }
    }
    // The most records; of as many, the first in file-name order.
    found.sort_by_key(|r| std::cmp::Reverse(r.count));
    let mut found = found.into_iter();
    let mut best = found.next()?;
    best.others = found.map(|r| (r.place(), r.count)).collect();
    best.not_records
        .extend(parts_folders(&dir.join(&best.folder)));
    Some(best)
}

/// Subfolders of the records' folder with Markdown files none of which is numbered: the
/// parts or translations of one record (the Rust RFCs' `3392-leadership-council/`), not
/// records, as `exclude` patterns (`3392-leadership-council/**`).
fn parts_folders(folder: &Path) -> Vec<String> {
    let Ok(read) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut parts: Vec<String> = read
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|sub| {
            let name = sub.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            let files: Vec<String> = walkdir::WalkDir::new(sub.path())
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_file())
                .map(|e| e.file_name().to_string_lossy().to_ascii_lowercase())
                .filter(|n| n.ends_with(".md"))
                .collect();
            let numbered = files.iter().any(|n| {
                let stem = n.trim_end_matches(".md");
                let digits = stem.trim_start_matches(|c: char| !c.is_ascii_digit());
                digits.starts_with(|c: char| c.is_ascii_digit()) && stem.len() - digits.len() <= 8
            });
            (!files.is_empty() && !numbered).then(|| format!("{name}/**"))
        })
        .collect();
    parts.sort();
    parts
}
