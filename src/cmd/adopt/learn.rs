//! What the records write, measured: the names they give fields and sections, their
//! statuses, and the sections and fields most of them have.

use std::collections::BTreeMap;

use super::{Usual, toml_string};
use crate::archive::Archive;
use crate::config::Config;
use crate::config::toml_key;
use crate::diagnostic::Code;
use crate::model::{Field, FrontMatter, SectionKind, StatusRole};

/// Other tools' names for fields, which `check` does not ask for when the field is not
/// required.
const OTHER_KEYS: [(&str, Field); 3] = [
    ("discussions-to", Field::Discussion),
    ("discussion-url", Field::Discussion),
    ("pull-request", Field::Discussion),
];

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
pub(super) fn records(config: &Config) -> Option<(Archive, Vec<usize>)> {
    let archive = Archive::load_for_report(config).ok()?;
    let numbered: Vec<usize> = (0..archive.rfcs.len())
        .filter(|&i| archive.rfcs[i].id.is_some())
        .collect();
    (!numbered.is_empty()).then_some((archive, numbered))
}

/// The keys of a team's template that `new` fills, as they are written there, and the
/// fields they are.
const TEMPLATE_KEYS: [(&str, Field); 3] = [
    ("date", Field::Created),
    ("decision-makers", Field::Authors),
    ("deciders", Field::Authors),
];

/// The names these records give required fields and sections that rfcbook does not
/// know by default (`date:` for `created`, `## Decision Outcome` for the approach), when
/// most of them use the name, as book.toml tables to append.
pub(super) fn names(config: &Config, archive: &Archive, numbered: &[usize]) -> Option<String> {
    let most = |n: usize| n * 2 >= numbered.len();
    let mut keys: BTreeMap<&str, (Field, usize)> = BTreeMap::new();
    let mut headings: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    for &i in numbered {
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
    // The facts the team's template names in its own words, which `new` writes there
    // (MADR 4's commented-out `# date:` and `# decision-makers:`, rfcs/0033): read, even
    // before any record has them.
    let template = config
        .template
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok());
    let named = template
        .as_deref()
        .map(crate::cmd::new::front_keys)
        .unwrap_or_default();
    let templated = TEMPLATE_KEYS
        .into_iter()
        .filter(|(k, _)| named.iter().any(|n| n == k) && config.rfc.field_of(k).is_none());
    // Keys rfcbook does not know, by how many records write them.
    let mut unknown: BTreeMap<&str, usize> = BTreeMap::new();
    for key in reported(archive, Code::UnknownKey) {
        *unknown.entry(key).or_default() += 1;
    }
    // Other tools' names for a field no record is asked for (the EIPs' `discussions-to`).
    for (key, field) in OTHER_KEYS {
        if let Some(n) = unknown.remove(key) {
            keys.insert(key, (field, n));
        }
    }
    let mut keyed: Vec<(&str, usize, Field)> =
        keys.into_iter().map(|(k, (f, n))| (k, n, f)).collect();
    keyed.sort_by_key(|&(k, n, _)| (std::cmp::Reverse(n), k));
    // One name per field from the records; the template's names besides, as `new`
    // writes them there.
    let mut aliases: Vec<(&str, Field)> = Vec::new();
    for (key, n, field) in keyed {
        if most(n) && !aliases.iter().any(|&(_, f)| f == field) {
            aliases.push((key, field));
        }
    }
    for (key, field) in templated {
        if !aliases.iter().any(|&(k, _)| k == key) {
            aliases.push((key, field));
        }
    }
    let mut out = String::new();
    if !aliases.is_empty() {
        out.push_str("\n# The names the records give these fields.\n[rfc.key-aliases]\n");
        for (key, field) in aliases {
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

/// Another name the records' links give them (`[rfc] link-names`), as a line for `[rfc]`:
/// the ERCs moved out of the EIPs as `erc-20.md` and kept linking `./eip-20.md`, which
/// `check` reported thousands of times. Learned when three links or more name missing
/// files so, each with a number that a record has.
pub(super) fn link_names(config: &Config, archive: &Archive, numbered: &[usize]) -> Option<String> {
    use crate::link::{OnDisk, is_external, numbered_pattern, on_disk, percent_decode, resolve};
    let ids = archive.ids();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for &i in numbered {
        let rfc = &archive.rfcs[i];
        let Some(body) = &rfc.body else { continue };
        let from = &archive.source(rfc).rel;
        for link in &body.links {
            let path = link.dest.split(['#', '?']).next().unwrap_or("");
            if path.is_empty() || is_external(&link.dest) {
                continue;
            }
            let Some(target) = resolve(from, &percent_decode(path)) else {
                continue;
            };
            let name = target.rsplit('/').next().unwrap_or(&target);
            if !name.ends_with(".md") || config.rfc.file_name.id(name).is_some() {
                continue;
            }
            let pattern = numbered_pattern(name);
            // A series' name: letters and a separator before the number (`eip-`, `rfc_`),
            // `.md` after it; not `notes1.md`.
            let series = pattern.strip_suffix("{id}.md").is_some_and(|prefix| {
                prefix.len() > 1
                    && prefix.ends_with(['-', '_'])
                    && prefix[..prefix.len() - 1]
                        .chars()
                        .all(|c| c.is_ascii_alphabetic())
            });
            let named = series
                && crate::naming::FileNamePattern::parse(&pattern, 1)
                    .ok()
                    .and_then(|p| p.id(name))
                    .is_some_and(|id| ids.contains_key(&id));
            if named && on_disk(&config.root, &target) == OnDisk::Missing {
                *counts.entry(pattern).or_default() += 1;
            }
        }
    }
    let (pattern, n) = counts
        .into_iter()
        .max_by_key(|&(ref p, n)| (n, std::cmp::Reverse(p.clone())))?;
    (n >= 3).then(|| {
        format!(
            "# The records' links name them so too ({n} links, as `{}`).\nlink-names = [{}]",
            pattern.replace("{id}", "20"),
            toml_string(&pattern)
        )
    })
}

/// What the archive's `code` diagnostics name (the unknown key, the unknown status), as
/// reading the records recorded it: their subject, not their message's wording.
fn reported(archive: &Archive, code: Code) -> impl Iterator<Item = &str> {
    archive
        .diagnostics
        .iter()
        .filter(move |d| d.code == code)
        .filter_map(|d| d.subject.as_deref())
}

/// The statuses these records write that `config` does not know, used by two records or
/// more (or by any, in an archive of fewer than ten), with the meaning each most likely
/// has: as the `statuses` line and the `[rfc.status-roles]` table that keep them.
pub(super) fn statuses(
    config: &Config,
    archive: &Archive,
    numbered: &[usize],
) -> Option<(String, String)> {
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    for word in reported(archive, Code::UnknownStatus) {
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
         # superseded, deprecated, withdrawn or moved): rfcbook's reading of their words;\n\
         # correct it where your process means otherwise.\n[rfc.status-roles]\n",
    );
    let mut without = Vec::new();
    for (word, role) in &added {
        match role {
            // A status named like its role has it without a line.
            Some(role) if *word == role.name() => {}
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
/// What the team's template marks optional (`<!-- optional -->` on the line, as
/// log4brains writes `- Status: … <!-- optional -->`, or on the line before a heading,
/// as MADR writes `<!-- This is an optional element. Feel free to remove. -->`): the
/// canonical sections whose every heading in it is so marked, and the fields. The
/// template is the team's own word on what a record must have.
fn optional_in_template(config: &Config) -> (Vec<SectionKind>, Vec<Field>) {
    let Ok(text) = std::fs::read_to_string(config.template_path()) else {
        return (Vec::new(), Vec::new());
    };
    let optional = |line: &str| {
        line.split("<!--")
            .skip(1)
            .any(|comment| comment.to_lowercase().contains("optional"))
    };
    let mut kept: Vec<SectionKind> = Vec::new();
    let mut marked: Vec<SectionKind> = Vec::new();
    let mut fields = Vec::new();
    let mut before = "";
    for line in text.lines() {
        let trimmed = line.trim();
        let plain = trimmed.split("<!--").next().unwrap_or("").trim();
        if let Some(heading) = plain.strip_prefix("## ") {
            let said = optional(trimmed) || (before.starts_with("<!--") && optional(before));
            for &kind in config.rfc.sections.classify(heading.trim()) {
                if said {
                    marked.push(kind)
                } else {
                    kept.push(kind)
                }
            }
        } else if optional(trimmed)
            && let Some((label, _)) = plain.trim_start_matches(['-', '*', ' ']).split_once(':')
        {
            let label = label.trim().to_lowercase();
            let field = match label.as_str() {
                "date" | "start date" => Some(Field::Created),
                "deciders" | "decision-makers" => Some(Field::Authors),
                other => config.rfc.field_of(other),
            };
            fields.extend(field);
        }
        if !trimmed.is_empty() {
            before = trimmed;
        }
    }
    marked.retain(|kind| !kept.contains(kind));
    (marked, fields)
}

pub(super) fn usual(config: &Config) -> Option<Usual> {
    let (archive, numbered) = records(config)?;
    let (optional_sections, optional_fields) = optional_in_template(config);
    let mut optional = Vec::new();
    // Records that moved keep nothing but where they went (rfcs/0034): what the archive
    // writes is read off the others.
    let statuses = &config.rfc.statuses;
    let records: Vec<_> = numbered
        .iter()
        .map(|&i| &archive.rfcs[i])
        .filter(|r| statuses.role_of(r) != Some(StatusRole::Moved))
        .collect();
    let most = |n: usize| n * 2 >= records.len();
    // How many of the records write `field` (valid or not).
    let writing = |field: Field| {
        records
            .iter()
            .filter(|r| r.front.as_ref().is_some_and(|f| written(f, field)))
            .count()
    };
    let mut dropped = Vec::new();
    let sections = config
        .rfc
        .required_sections
        .iter()
        .copied()
        .filter(|&kind| {
            if optional_sections.contains(&kind) {
                optional.push(format!("`## {}`", config.rfc.sections.title(kind)));
                return false;
            }
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
            if optional_fields.contains(&field) {
                optional.push(format!("`{}`", field.key()));
                return false;
            }
            most(writing(field)) || {
                dropped.push(format!("`{}`", field.key()));
                false
            }
        })
        .collect();
    // What each status asks for, of the records that have it; a status no record has
    // yet asks for what most records write (MADR's records write no status and no
    // `decided`: the first one set to `accepted` was asked for a field the format has
    // not).
    let mut lines = Vec::new();
    let mut changed = false;
    // Per field, the statuses that no longer ask for it: said once per field.
    let mut unasked: Vec<(Field, Vec<&str>)> = Vec::new();
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
                // Which RFC replaced a superseded one is the status's meaning, not a
                // field the format may leave out.
                (if with.is_empty() {
                    field == Field::SupersededBy || most(writing(field))
                } else {
                    n * 2 >= with.len()
                }) || {
                    match unasked.iter_mut().find(|(f, _)| *f == field) {
                        Some((_, names)) => names.push(statuses.name(status)),
                        None => unasked.push((field, vec![statuses.name(status)])),
                    }
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
    for (field, names) in unasked {
        let when = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.concat(),
        };
        dropped.push(format!("`{}` when {when}", field.key()));
    }
    let by_status = changed.then(|| {
        format!(
            "\n# What a status asks for, as the records that have it are written (a status\n\
             # no record has yet asks for what most records write).\n\
             [rfc.required-by-status]\n{}",
            lines.concat()
        )
    });
    let default_status = (config.rfc.default_status.is_none()
        && writing(Field::Status) * 10 < records.len())
    .then(|| statuses.with_role(StatusRole::Accepted).next())
    .flatten()
    .map(str::to_string);
    Some(Usual {
        sections,
        fields,
        dropped,
        optional,
        by_status,
        default_status,
    })
}

/// Whether a record writes `field`, valid or not: a wrong value is a problem `check`
/// names, not a sign that the archive does without the field.
fn written(front: &FrontMatter, field: Field) -> bool {
    front.has_value(field) || front.key_span(field).is_some()
}
