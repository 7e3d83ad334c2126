//! Validation: every rule runs on every RFC, the results are collected, and only then does
//! configuration decide what is an error, a warning or silent (`[rfc.lints]`).

mod body;
mod fields;
mod links;
mod relations;
mod tags;

use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::archive::Archive;
use crate::config::{Config, RfcSchema};
use crate::diagnostic::{Diagnostic, Level, Severity};
use crate::model::{Date, Rfc, RfcId, StatusRole};
use crate::source::SourceFile;

/// What every rule may look at.
pub(crate) struct Context<'a> {
    pub root: &'a Path,
    pub archive: &'a Archive,
    pub schema: &'a RfcSchema,
    pub ids: FxHashMap<RfcId, Vec<usize>>,
    pub today: Date,
    /// RFC index by source path relative to the root, for resolving links.
    pub by_path: FxHashMap<&'a str, usize>,
}

impl Context<'_> {
    pub(crate) fn source(&self, rfc: &Rfc) -> &SourceFile {
        self.archive.source(rfc)
    }

    /// An RFC as messages name it: `RFC 19`, or `ADR019` in an archive of ADRs.
    pub(crate) fn name(&self, id: RfcId) -> String {
        self.schema.file_name.mention(id)
    }

    /// Whether `rfc` only says where it moved (rfcs/0034): it owes none of the fields and
    /// sections of a record, which are kept where it went.
    pub(crate) fn moved(&self, rfc: &Rfc) -> bool {
        self.schema.statuses.role_of(rfc) == Some(StatusRole::Moved)
    }

    pub(crate) fn exists(&self, id: RfcId) -> bool {
        self.ids.contains_key(&id)
    }

    pub(crate) fn rfc(&self, id: RfcId) -> Option<&Rfc> {
        self.archive.unique(&self.ids, id)
    }

    /// Every RFC numbered `id`: more than one when the number is taken twice, which an
    /// archive may allow (`duplicate-id`, log4brains' dates).
    pub(crate) fn all(&self, id: RfcId) -> impl Iterator<Item = &Rfc> {
        self.ids
            .get(&id)
            .into_iter()
            .flatten()
            .map(|&i| &self.archive.rfcs[i])
    }
}

/// Runs every rule and applies the configured levels.
pub fn run(archive: &Archive, config: &Config, today: Date) -> Vec<Diagnostic> {
    let schema = &config.rfc;
    let started = std::time::Instant::now();
    let by_path = archive
        .rfcs
        .iter()
        .enumerate()
        .map(|(i, r)| (archive.source(r).rel.as_str(), i))
        .collect();
    let cx = Context {
        root: &config.root,
        archive,
        schema,
        ids: archive.ids(),
        today,
        by_path,
    };
    crate::terminal::timing("validate: maps", started);
    let started = std::time::Instant::now();
    let mut found: Vec<Diagnostic> = archive
        .rfcs
        .par_iter()
        .flat_map_iter(|rfc| {
            let mut out = Vec::new();
            fields::check(&cx, rfc, &mut out);
            body::check(&cx, rfc, &mut out);
            links::check(&cx, rfc, &mut out);
            out
        })
        .collect();
    crate::terminal::timing("validate: per-file rules", started);
    let started = std::time::Instant::now();
    relations::check(&cx, &mut found);
    tags::check(&cx, &mut found);
    crate::terminal::timing("validate: relations", started);
    found.extend(archive.diagnostics.iter().cloned());
    apply_levels(found, schema)
}

fn apply_levels(found: Vec<Diagnostic>, schema: &RfcSchema) -> Vec<Diagnostic> {
    found
        .into_iter()
        .filter_map(|mut d| {
            match schema.lints.level(d.code) {
                Some(Level::Allow) => return None,
                Some(Level::Warn) => d.severity = Severity::Warning,
                Some(Level::Deny) => d.severity = Severity::Error,
                None => {}
            }
            Some(d)
        })
        .collect()
}
