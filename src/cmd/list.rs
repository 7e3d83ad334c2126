//! `rfcbook list`: one line per RFC, or JSON in the shape of the site's `rfcs.json`.

use std::process::ExitCode;

use serde::Serialize;

use crate::archive::Archive;
use crate::cli::{Args, ListArgs, ListFormat};
use crate::config::Config;
use crate::error::Result;
use crate::model::{Rfc, RfcId, SectionKind, Status};
use crate::terminal;

/// One RFC as `list --format json` shows it (CONTRACT §6 `rfcs.json`, plus `file`).
#[derive(Serialize)]
struct Entry<'a> {
    id: Option<RfcId>,
    /// As the site titles it: `title`, else the `#` heading, else the file name's words.
    title: String,
    /// As the site shows it: "unknown" for an RFC without a known status.
    status: &'a str,
    authors: Vec<&'a str>,
    created: Option<String>,
    decided: Option<String>,
    tags: Vec<&'a str>,
    supersedes: Vec<RfcId>,
    superseded_by: Option<RfcId>,
    related: Vec<RfcId>,
    file: &'a str,
    sections: Sections,
    /// The table's first column: the number, or in a series its label (`ADR025`), as
    /// pages and messages name the record.
    #[serde(skip)]
    shown: String,
}

#[derive(Serialize)]
struct Sections {
    problem: bool,
    approach: bool,
    alternatives: bool,
    rationale: bool,
}

pub(super) fn run(args: &Args, list: &ListArgs) -> Result<ExitCode> {
    let config = super::load_config(args)?;
    let statuses = list
        .statuses
        .iter()
        .map(|s| config.rfc.statuses.parse_asked(s))
        .collect::<Result<Vec<_>>>()?;
    // Tags match in any case, as everywhere (`crate::tags`).
    let tags: Vec<String> = list.tags.iter().map(|t| crate::tags::key(t)).collect();
    let archive = Archive::load(&config)?;
    let mut rfcs: Vec<&Rfc> = archive
        .rfcs
        .iter()
        .filter(|r| keep(r, &statuses, &tags))
        .collect();
    rfcs.sort_by_key(|r| (r.id.is_none(), r.id, r.file));
    let entries: Vec<Entry<'_>> = rfcs.iter().map(|r| entry(&config, &archive, r)).collect();
    let text = match list.format {
        ListFormat::Json => {
            let mut json = serde_json::to_string_pretty(&entries).unwrap_or_default();
            json.push('\n');
            json
        }
        ListFormat::Table => table(&entries),
    };
    terminal::print(&text)?;
    if entries.is_empty() && list.format == ListFormat::Table {
        let why = if archive.rfcs.is_empty() {
            // The archive's own folder (no book.toml, no rfcs/) is named in full, not "/".
            match config.src.strip_prefix(&config.root) {
                Ok(src) if !src.as_os_str().is_empty() => {
                    format!("no RFCs in {}/", src.display())
                }
                _ => format!(
                    "no RFCs in {}; `rfcbook init` starts an archive there",
                    config.src.display()
                ),
            }
        } else {
            format!(
                "none of the {} matches the filters ({})",
                terminal::plural(archive.rfcs.len(), "RFC"),
                super::filters_named(&list.statuses, &list.tags, &[])
            )
        };
        terminal::note(args.quiet, &format!("note: {}", terminal::clean(&why)));
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether `rfc` has one of `statuses` and one of `tags` (given as [`crate::tags::key`]s),
/// each when any is given.
fn keep(rfc: &Rfc, statuses: &[Option<Status>], tags: &[String]) -> bool {
    let front = rfc.front.as_ref();
    let status = front.and_then(|f| f.status.as_ref()).map(|s| s.value);
    let status_ok = statuses.is_empty() || statuses.contains(&status);
    let tag_ok = tags.is_empty()
        || front.is_some_and(|f| {
            f.tags
                .iter()
                .any(|t| tags.contains(&crate::tags::key(&t.value)))
        });
    status_ok && tag_ok
}

fn entry<'a>(config: &'a Config, archive: &'a Archive, rfc: &'a Rfc) -> Entry<'a> {
    let front = rfc.front.as_ref();
    let has = |kind| rfc.body.as_ref().is_some_and(|b| b.has_section(kind));
    Entry {
        id: rfc.id,
        title: crate::index::document::title(archive, rfc, &config.rfc),
        status: config
            .rfc
            .statuses
            .shown(front.and_then(|f| f.status.as_ref()).map(|s| s.value)),
        authors: front.map_or(Vec::new(), |f| {
            f.authors.iter().map(|a| a.value.as_str()).collect()
        }),
        created: front
            .and_then(|f| f.created.as_ref())
            .map(|d| d.value.to_string()),
        decided: front
            .and_then(|f| f.decided.as_ref())
            .map(|d| d.value.to_string()),
        tags: front.map_or(Vec::new(), |f| {
            f.tags.iter().map(|t| t.value.as_str()).collect()
        }),
        supersedes: front.map_or(Vec::new(), |f| {
            f.supersedes.iter().map(|s| s.value).collect()
        }),
        superseded_by: front
            .and_then(|f| f.superseded_by.as_ref())
            .map(|s| s.value),
        related: front.map_or(Vec::new(), |f| f.related.iter().map(|s| s.value).collect()),
        file: &archive.source(rfc).rel,
        shown: rfc.id.map_or_else(
            || "-".to_string(),
            |i| {
                config
                    .rfc
                    .file_name
                    .listed(i)
                    .unwrap_or_else(|| i.to_string())
            },
        ),
        sections: Sections {
            problem: has(SectionKind::Problem),
            approach: has(SectionKind::Approach),
            alternatives: has(SectionKind::Alternatives),
            rationale: has(SectionKind::Rationale),
        },
    }
}

fn table(entries: &[Entry<'_>]) -> String {
    use terminal::{clean, pad, width};
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|e| {
            [
                e.shown.clone(),
                clean(e.status).into_owned(),
                e.created.as_deref().unwrap_or("-").to_string(),
                clean(&e.title).into_owned(),
            ]
        })
        .collect();
    let column = |at: usize, least: usize| {
        rows.iter()
            .map(|r| width(&r[at]))
            .max()
            .unwrap_or(0)
            .max(least)
    };
    let (id_width, status_width) = (column(0, 5), column(1, 6));
    let line = |id: &str, status: &str, created: &str, title: &str| {
        format!(
            "{}{id}  {}  {}  {title}\n",
            " ".repeat(id_width.saturating_sub(width(id))),
            pad(status, status_width),
            pad(created, 10)
        )
    };
    let mut out = line("ID", "STATUS", "CREATED", "TITLE");
    for [id, status, created, title] in &rows {
        out.push_str(&line(id, status, created, title));
    }
    out
}
