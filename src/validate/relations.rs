//! Rules across the archive: ids are unique, relations name RFCs that exist, supersession
//! is symmetric, acyclic, and only ever by a decision that was taken.

use std::collections::{BTreeMap, BTreeSet};

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Field, Rfc, RfcId, StatusRole};
use crate::source::{Span, Spanned};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    duplicates(cx, out);
    let cycles = find_cycles(&supersession_edges(cx));
    // A relation that closes a cycle is reported as the cycle only: asking for its other
    // side too would send the author round the loop (write `superseded-by: 2` in RFC 1,
    // then be asked to answer it in RFC 2, ...).
    let in_cycle: BTreeSet<(RfcId, RfcId)> = cycles
        .iter()
        .flat_map(|c| (0..c.len()).map(|i| (c[i], c[(i + 1) % c.len()])))
        .collect();
    for rfc in &cx.archive.rfcs {
        let Some(front) = &rfc.front else { continue };
        references(cx, rfc, out);
        let Some(id) = rfc.id else { continue };
        for old in &front.supersedes {
            if !in_cycle.contains(&(id, old.value)) {
                supersedes_agrees(cx, rfc, id, old, out);
            }
        }
        if let Some(new) = &front.superseded_by {
            superseded_by_agrees(cx, rfc, id, new, in_cycle.contains(&(new.value, id)), out);
        }
    }
    report_cycles(cx, cycles, out);
}

fn duplicates(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut ids: Vec<_> = cx.ids.iter().filter(|(_, v)| v.len() > 1).collect();
    ids.sort();
    let max = cx.ids.keys().map(|id| id.0).max().unwrap_or(0);
    // Numbers that are dates (log4brains' `20201016-…`) are shared by the records of a
    // day: a "free number" after the last would be a wrong date, or no date at all.
    let dated = cx
        .ids
        .keys()
        .all(|id| crate::model::date_of_number(id.0).is_some());
    // Each file to renumber gets a number of its own: one for all would make a new clash
    // of those who follow the advice. A clash of k files needs k - 1.
    let mut next = max + 1;
    // Days offered already, so that two clashes are not sent to one day.
    let mut offered: BTreeSet<u32> = BTreeSet::new();
    for (id, indexes) in ids {
        let count = indexes.len() as u32 - 1;
        let free: Vec<String> = if dated {
            free_days(cx, *id, count, &mut offered)
        } else {
            let free = (next..next + count)
                .map(|n| cx.schema.file_name.number(RfcId(n)))
                .collect();
            next += count;
            free
        };
        for &i in indexes {
            let rfc = &cx.archive.rfcs[i];
            let source = cx.source(rfc);
            let others: Vec<&str> = indexes
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| cx.source(&cx.archive.rfcs[j]).rel.as_str())
                .collect();
            let span = id_span(rfc);
            let mut d = Diagnostic::new(
                Code::DuplicateId,
                source,
                span,
                format!("{} is also used by {}", cx.name(*id), others.join(", ")),
            )
            .help(match (dated, free.as_slice()) {
                (true, [day]) => format!(
                    "the numbers here are dates, which records of one day share: allow it \
                     with `duplicate-id = \"allow\"` under `[rfc.lints]` in book.toml, or \
                     give one of the files the next free day, {day}: rename the file{}, and \
                     update links to it",
                    numbered_elsewhere(rfc, *id)
                ),
                (true, days) => format!(
                    "the numbers here are dates, which records of one day share: allow it \
                     with `duplicate-id = \"allow\"` under `[rfc.lints]` in book.toml, or \
                     give all but one of these {} files a free day each, {}: rename the \
                     files{}, and update links to them",
                    indexes.len(),
                    days.join(", "),
                    numbered_elsewhere(rfc, *id)
                ),
                (false, [one]) => format!(
                    "give one of the files a free number, {one}: rename the file{}, and \
                     update links to it",
                    numbered_elsewhere(rfc, *id)
                ),
                (false, many) => format!(
                    "give all but one of these {} files a free number each, {}: rename the \
                     files{}, and update links to them",
                    indexes.len(),
                    many.join(", "),
                    numbered_elsewhere(rfc, *id)
                ),
            });
            for &j in indexes.iter().filter(|&&j| j != i) {
                let other = &cx.archive.rfcs[j];
                d = d.note(
                    cx.source(other),
                    id_span(other),
                    "the other file with this id",
                );
            }
            out.push(d);
        }
    }
}

/// `count` days after `id`'s that no record's number is and no other clash was offered,
/// as the archive writes them.
fn free_days(cx: &Context<'_>, id: RfcId, count: u32, offered: &mut BTreeSet<u32>) -> Vec<String> {
    let mut days = Vec::new();
    let Some(mut date) = crate::model::date_of_number(id.0) else {
        return days;
    };
    while (days.len() as u32) < count {
        let Ok(next) = date.tomorrow() else { break };
        date = next;
        let n = crate::model::number_of_date(date);
        if !cx.ids.contains_key(&RfcId(n)) && offered.insert(n) {
            days.push(cx.schema.file_name.number(RfcId(n)));
        }
    }
    days
}

/// Where else a file writes its number, to change with the file name: an `id:`, and a
/// heading that starts with it (`# 2. Use MySQL`, `# ADR002: …`), which would otherwise
/// disagree with the new name.
fn numbered_elsewhere(rfc: &Rfc, id: RfcId) -> String {
    let mut places = Vec::new();
    if rfc.front.as_ref().is_some_and(|f| f.id.is_some()) {
        places.push("its `id:`".to_string());
    }
    if let Some(h1) = rfc.body.as_ref().and_then(|b| b.h1.as_ref())
        && crate::parse::body_metadata::heading_number(&h1.value).is_some_and(|(n, _)| n == id.0)
    {
        places.push(format!("the number in its heading (`# {}`)", h1.value));
    }
    match places.as_slice() {
        [] => String::new(),
        [one] => format!(" and {one}"),
        [first, second] => format!(", {first} and {second}"),
        _ => format!(", {}", places.join(", ")),
    }
}

fn id_span(rfc: &Rfc) -> Span {
    rfc.front
        .as_ref()
        .and_then(|f| f.id.as_ref().map(|i| i.span))
        .unwrap_or_default()
}

fn references(cx: &Context<'_>, rfc: &Rfc, out: &mut Vec<Diagnostic>) {
    let Some(front) = &rfc.front else { return };
    let source = cx.source(rfc);
    let lists = [
        (Field::Supersedes, front.supersedes.as_slice()),
        (Field::Related, front.related.as_slice()),
        (Field::SupersededBy, front.superseded_by.as_slice()),
    ];
    for (field, ids) in lists {
        for target in ids.iter().filter(|t| !cx.exists(t.value)) {
            out.push(
                Diagnostic::new(
                    Code::UnknownReference,
                    source,
                    target.span,
                    format!(
                        "`{}` names {}, which does not exist",
                        field.key(),
                        cx.name(target.value)
                    ),
                )
                .help(
                    if field == Field::SupersededBy && status_needs(cx, rfc, field) {
                        // Removing it alone breaks the status's own requirement (RFC0111).
                        format!(
                            "correct the number to the RFC that replaced this one; if none did, \
                         remove `superseded-by` and set the status back (`{}`, say)",
                            accepted(cx)
                        )
                    } else {
                        "correct the number, or remove it if that RFC was never written".to_string()
                    },
                ),
            );
        }
    }
}

/// Whether `rfc`'s status requires `field` (`[rfc.required-by-status]`).
fn status_needs(cx: &Context<'_>, rfc: &Rfc, field: Field) -> bool {
    rfc.front
        .as_ref()
        .and_then(|f| f.status.as_ref())
        .and_then(|s| cx.schema.required_by_status.get(&s.value))
        .is_some_and(|fields| fields.contains(&field))
}

/// What this archive calls a superseded RFC's status (rfcs/0011), if it has one.
fn superseded_name<'a>(cx: &Context<'a>) -> Option<&'a str> {
    cx.schema.statuses.with_role(StatusRole::Superseded).next()
}

/// The archive's own name for an accepted RFC (rfcs/0011), for helps that say to set it.
fn accepted<'a>(cx: &Context<'a>) -> &'a str {
    cx.schema
        .statuses
        .with_role(StatusRole::Accepted)
        .next()
        .unwrap_or("accepted")
}

fn role(cx: &Context<'_>, rfc: &Rfc) -> Option<StatusRole> {
    cx.schema.statuses.role_of(rfc)
}

/// Of `candidates`, the files numbered as `relation` of `rfc` says, the one its link
/// names (`[x](20201029-superseder.md)`): where records share a number, the number alone
/// does not say which (rfcs/0032).
fn named<'a>(
    cx: &Context<'_>,
    rfc: &Rfc,
    relation: &Spanned<RfcId>,
    candidates: &[&'a Rfc],
) -> Option<&'a Rfc> {
    if candidates.len() < 2 {
        return None;
    }
    let name = rfc.front.as_ref()?.linked_file(relation.span)?;
    candidates
        .iter()
        .copied()
        .find(|c| cx.source(c).rel.rsplit('/').next() == Some(name))
}

/// `id` supersedes `old`: `old` must say `superseded-by: id`.
fn supersedes_agrees(
    cx: &Context<'_>,
    rfc: &Rfc,
    id: RfcId,
    old: &Spanned<RfcId>,
    out: &mut Vec<Diagnostic>,
) {
    // Of several files with the number (`duplicate-id` allowed), the one that answers.
    let candidates: Vec<&Rfc> = cx.all(old.value).filter(|t| t.front.is_some()).collect();
    let answers = |t: &Rfc| {
        t.front
            .as_ref()
            .and_then(|f| f.superseded_by.as_ref())
            .map(|s| s.value)
            == Some(id)
    };
    // The file the relation's link names, when several have the number: only its answer
    // counts.
    let named = named(cx, rfc, old, &candidates);
    let answered = match named {
        Some(target) => answers(target),
        None => candidates.iter().any(|t| answers(t)),
    };
    if old.value == id || answered {
        return;
    }
    let Some(target) = named.or(candidates.first().copied()) else {
        return;
    };
    let back = target
        .front
        .as_ref()
        .and_then(|f| f.superseded_by.as_ref())
        .map(|s| s.value);
    let found = match back {
        Some(other) => format!("says it is superseded by {}", cx.name(other)),
        None => "does not say `superseded-by`".to_string(),
    };
    out.push(
        Diagnostic::new(
            Code::AsymmetricSupersession,
            cx.source(rfc),
            old.span,
            format!(
                "{} supersedes {}, but {} {found}",
                cx.name(id),
                cx.name(old.value),
                cx.name(old.value)
            ),
        )
        .help(
            if let Some(help) = not_decided_yet(cx, rfc, id, old.value) {
                help
            } else if listed(target) {
                format!(
                    "in `{}`, make the `- Status:` line under the title read `- Status: {}`",
                    cx.source(target).rel,
                    body_line(cx, "superseded by", target, rfc)
                )
            } else if in_body(target) {
                format!(
                    "in `{}`, make the first line of `## Status` read `{}`",
                    cx.source(target).rel,
                    body_line(cx, "Superseded by", target, rfc)
                )
            } else {
                match superseded_name(cx) {
                    Some(status) => format!(
                        "in `{}`, set `status: {status}`{} and `superseded-by: {id}`",
                        cx.source(target).rel,
                        owed_with(cx, status, target, Some(rfc))
                    ),
                    None => format!("in `{}`, set `superseded-by: {id}`", cx.source(target).rel),
                }
            },
        ),
    );
}

/// The other fields that `status` requires and `target` lacks, as a part of a help that
/// asks to set that status (", `decided: 2026-03-20`"): a help that named only the status
/// sent the author on to RFC0111. A date is the decision's of `by`, the RFC that made
/// `target` so, when it has one.
fn owed_with(cx: &Context<'_>, status: &str, target: &Rfc, by: Option<&Rfc>) -> String {
    let (Some(status), Some(front)) = (cx.schema.statuses.parse(status), target.front.as_ref())
    else {
        return String::new();
    };
    let decided = by
        .and_then(|by| by.front.as_ref())
        .and_then(|f| f.decided.as_ref())
        .map_or_else(|| "YYYY-MM-DD".to_string(), |d| d.value.to_string());
    cx.schema
        .required_by_status
        .get(&status)
        .into_iter()
        .flatten()
        .filter(|&&field| field != Field::SupersededBy && !front.has_value(field))
        .map(|&field| match field {
            Field::Decided => format!(", `decided: {decided}`"),
            other => format!(", `{}:` ({})", other.key(), other.expected()),
        })
        .collect()
}

/// The help for an RFC that supersedes another before it is decided: the other side
/// cannot be written yet (`RFC0205` forbids being superseded by a proposal), so the
/// usual help would send the author back and forth between the two errors.
fn not_decided_yet(cx: &Context<'_>, rfc: &Rfc, id: RfcId, old: RfcId) -> Option<String> {
    let role = role(cx, rfc)?;
    let status = rfc.front.as_ref()?.status.as_ref()?;
    let name = cx.schema.statuses.name(status.value);
    let (this, other) = (cx.name(id), cx.name(old));
    match role {
        StatusRole::Draft | StatusRole::Proposed => {
            let meanwhile = if in_body(rfc) {
                format!("until then name {other} as related, not superseded")
            } else {
                format!(
                    "until then write `related: [{}]` here instead of `supersedes`",
                    old.0
                )
            };
            Some(format!(
                "{this} is `{name}`, and an RFC is superseded only once its replacement is \
                 accepted: {meanwhile}, and leave {other} as it is; when {this} is accepted, \
                 say it supersedes {other} again and mark {other} superseded by it"
            ))
        }
        StatusRole::Rejected | StatusRole::Withdrawn => Some(format!(
            "{this} is `{name}`, so it supersedes nothing: remove {} from `supersedes`",
            old.0
        )),
        _ => None,
    }
}

/// Whether `rfc` says what it is in its body, as adr-tools writes it (rfcs/0019): help
/// then names a line of the body, not a front-matter key.
fn in_body(rfc: &Rfc) -> bool {
    rfc.front.as_ref().is_some_and(|f| f.in_body)
}

/// Whether `rfc` lists its facts under its title (`- Status: accepted`), as log4brains
/// writes them: help then names such a line, not a `## Status` section it does not have.
fn listed(rfc: &Rfc) -> bool {
    rfc.front.as_ref().is_some_and(|f| f.in_body && f.listed)
}

/// A relation line for the body of `from` that links `to`, as adr-tools writes one:
/// `Supersedes [Use MySQL](ADR002-use-mysql.md)`.
fn body_line(cx: &Context<'_>, words: &str, from: &Rfc, to: &Rfc) -> String {
    let to_rel = cx.source(to).rel.as_str();
    let from_dir = cx.source(from).rel.rsplit_once('/').map_or("", |(d, _)| d);
    let link = match to_rel.rsplit_once('/') {
        Some((dir, name)) if dir == from_dir => name.to_string(),
        None if from_dir.is_empty() => to_rel.to_string(),
        _ => format!("/{to_rel}"),
    };
    let title = to
        .front
        .as_ref()
        .and_then(|f| f.title.as_ref())
        .map_or_else(|| link.clone(), |t| t.value.clone());
    format!("{words} [{title}]({link})")
}

/// `id` is superseded by `new`: `new` must list `id` in `supersedes`, `id` must have the
/// superseded status, and `new` must be a decision that was taken.
fn superseded_by_agrees(
    cx: &Context<'_>,
    rfc: &Rfc,
    id: RfcId,
    new: &Spanned<RfcId>,
    closes_cycle: bool,
    out: &mut Vec<Diagnostic>,
) {
    let source = cx.source(rfc);
    if role(cx, rfc).is_some_and(|r| r != StatusRole::Superseded) {
        let status = rfc.front.as_ref().and_then(|f| f.status.as_ref());
        let name = status.map_or("", |s| cx.schema.statuses.name(s.value));
        out.push(
            Diagnostic::new(
                Code::AsymmetricSupersession,
                source,
                new.span,
                format!(
                    "`superseded-by: {}` is set, but the status is `{name}`",
                    new.value
                ),
            )
            .help(match superseded_name(cx) {
                Some(status) => format!(
                    "set `status: {status}`{}, or remove `superseded-by` if the RFC still stands",
                    owed_with(cx, status, rfc, cx.all(new.value).next())
                ),
                None => "no status has the `superseded` role: name one in `[rfc.status-roles]`, \
                         or remove `superseded-by` if the RFC still stands"
                    .to_string(),
            }),
        );
    }
    // Of several files with the number (`duplicate-id` allowed), the one that lists this
    // RFC is its successor; when none does, the first is named.
    let lists = |t: &Rfc| {
        t.front
            .as_ref()
            .is_some_and(|f| f.supersedes.iter().any(|s| s.value == id))
    };
    let candidates: Vec<&Rfc> = cx.all(new.value).collect();
    // The file the link names, when several have the number (log4brains' dates).
    let named = named(cx, rfc, new, &candidates);
    let listing = match named {
        Some(target) => lists(target).then_some(target),
        None => candidates.iter().copied().find(|t| lists(t)),
    };
    let Some(target) = listing.or(named).or(candidates.first().copied()) else {
        return;
    };
    if listing.is_none() && new.value != id && !closes_cycle {
        out.push(
            Diagnostic::new(
                Code::AsymmetricSupersession,
                source,
                new.span,
                if candidates.len() > 1 && named.is_none() {
                    let files: Vec<&str> =
                        candidates.iter().map(|c| cx.source(c).rel.as_str()).collect();
                    format!(
                        "{} says it is superseded by {}, but none of the files numbered {} lists it in `supersedes` ({})",
                        cx.name(id),
                        cx.name(new.value),
                        new.value,
                        files.join(", ")
                    )
                } else {
                    format!(
                        "{} says it is superseded by {}, but {} does not list it in `supersedes`",
                        cx.name(id),
                        cx.name(new.value),
                        cx.name(new.value)
                    )
                },
            )
            .help(if listed(target) {
                format!(
                    "in `{}`, add a line `- {}` to the facts listed under the title",
                    cx.source(target).rel,
                    body_line(cx, "Supersedes:", target, rfc)
                )
            } else if in_body(target) {
                format!(
                    "in `{}`, add a line `{}` to `## Status`, after its first line (the status)",
                    cx.source(target).rel,
                    body_line(cx, "Supersedes", target, rfc)
                )
            } else {
                format!("in `{}`, add {id} to `supersedes`", cx.source(target).rel)
            }),
        );
    }
    let undecided = matches!(
        role(cx, target),
        Some(
            StatusRole::Draft | StatusRole::Proposed | StatusRole::Rejected | StatusRole::Withdrawn
        )
    );
    if undecided {
        let status = target.front.as_ref().and_then(|f| f.status.as_ref());
        let name = status.map_or("", |s| cx.schema.statuses.name(s.value));
        let accepted = accepted(cx);
        let (this, other) = (cx.name(id), cx.name(new.value));
        let help = if matches!(
            role(cx, target),
            Some(StatusRole::Rejected | StatusRole::Withdrawn)
        ) {
            format!(
                "{other} is `{name}`, so {this} still stands: give it back its status \
                 (`{accepted}`) and remove `superseded-by`, and remove {} from the \
                 `supersedes` of {other}",
                id.0
            )
        } else {
            format!(
                "an RFC is superseded only once its replacement is `{accepted}`: until {other} \
                 is, give {this} back its status (`{accepted}`) and remove `superseded-by`; \
                 {other} names it in `related` meanwhile"
            )
        };
        out.push(
            Diagnostic::new(
                Code::SupersededByUndecided,
                source,
                new.span,
                format!("{this} is superseded by {other}, which is `{name}`, not `{accepted}`"),
            )
            .help(help),
        );
    }
}

/// Supersession edges (new → old) from both `supersedes` and `superseded-by`, so a cycle
/// is found even when only one side of it is written.
fn supersession_edges(cx: &Context<'_>) -> BTreeMap<RfcId, BTreeSet<RfcId>> {
    let mut edges: BTreeMap<RfcId, BTreeSet<RfcId>> = BTreeMap::new();
    for rfc in &cx.archive.rfcs {
        let (Some(id), Some(front)) = (rfc.id, &rfc.front) else {
            continue;
        };
        // Two records of one day (log4brains' dates), one replacing the other by a link
        // to its file: no RFC replaces itself there, and numbers cannot tell them apart.
        let own = cx.source(rfc).rel.rsplit('/').next();
        let another = |r: &crate::source::Spanned<RfcId>| {
            r.value == id && front.linked_file(r.span).is_some_and(|f| Some(f) != own)
        };
        for old in front.supersedes.iter().filter(|o| !another(o)) {
            edges.entry(id).or_default().insert(old.value);
        }
        if let Some(new) = front.superseded_by.as_ref().filter(|n| !another(n)) {
            edges.entry(new.value).or_default().insert(id);
        }
    }
    edges
}

/// One diagnostic per cycle, at the relation to remove: the cycle starts at its smallest
/// number, the oldest RFC, and its first step is that RFC superseding a newer one. That
/// step may be written on either side (`supersedes: [2]` in RFC 1, `superseded-by: 1` in
/// RFC 2); the diagnostic points at one and its help names every place to change.
fn report_cycles(cx: &Context<'_>, cycles: BTreeSet<Vec<RfcId>>, out: &mut Vec<Diagnostic>) {
    for cycle in cycles {
        let first = cycle[0];
        let next = cycle.get(1).copied().unwrap_or(first);
        // Of several files with a number (`duplicate-id` allowed), the ones that write
        // this step.
        let lists = |r: &&Rfc| {
            r.front
                .as_ref()
                .and_then(|f| f.supersedes.iter().find(|s| s.value == next))
                .is_some()
        };
        let answers = |r: &&Rfc| {
            r.front
                .as_ref()
                .and_then(|f| f.superseded_by.as_ref())
                .is_some_and(|s| s.value == first)
        };
        let lister = cx.all(first).find(lists);
        let answerer = cx.all(next).find(answers);
        let span_of = |rfc: &Rfc, listed: bool| -> Span {
            let front = rfc.front.as_ref();
            let span = if listed {
                front.and_then(|f| f.supersedes.iter().find(|s| s.value == next))
            } else {
                front.and_then(|f| f.superseded_by.as_ref())
            };
            span.map(|s| s.span).unwrap_or_default()
        };
        let (at, span) = match (lister, answerer) {
            (Some(r), _) => (r, span_of(r, true)),
            (None, Some(r)) => (r, span_of(r, false)),
            (None, None) => continue,
        };
        let mut places = Vec::new();
        if let Some(r) = lister {
            let here = std::ptr::eq(r, at);
            places.push(if here {
                format!("remove {} from `supersedes` here", next.0)
            } else {
                format!(
                    "remove {} from `supersedes` in `{}`",
                    next.0,
                    cx.source(r).rel
                )
            });
        }
        // Without `superseded-by`, a superseded RFC is superseded by nothing (RFC0111):
        // it gets back the status it had.
        let accepted = accepted(cx);
        let restore = |r: &Rfc| {
            if role(cx, r) == Some(StatusRole::Superseded) {
                format!(" and set its status back (`{accepted}`)")
            } else {
                String::new()
            }
        };
        if let Some(r) = answerer
            && first != next
        {
            let here = std::ptr::eq(r, at);
            places.push(if here {
                format!("remove `superseded-by` here{}", restore(r))
            } else {
                format!(
                    "remove `superseded-by` in `{}`{}",
                    cx.source(r).rel,
                    restore(r)
                )
            });
        }
        let (message, help) = if first == next {
            let what = if lister.is_some() {
                "supersedes itself"
            } else {
                "says it is superseded by itself"
            };
            (
                format!("supersession cycle: {} {what}", cx.name(first)),
                format!(
                    "an RFC cannot replace itself: {}",
                    if lister.is_some() {
                        format!("remove {} from `supersedes`", first.0)
                    } else {
                        format!("remove `superseded-by`{}", restore(at))
                    }
                ),
            )
        } else {
            let chain: Vec<String> = cycle
                .iter()
                .chain(std::iter::once(&first))
                .map(|&id| cx.name(id))
                .collect();
            (
                format!("supersession cycle: {}", chain.join(" supersedes ")),
                format!(
                    "an RFC can only supersede older decisions, and {} is older than {}: {}",
                    cx.name(first),
                    cx.name(next),
                    places.join(", and ")
                ),
            )
        };
        out.push(Diagnostic::new(Code::SupersessionCycle, cx.source(at), span, message).help(help));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    Open,
    Done,
}

/// Depth-first search with an explicit stack (a chain of thousands of RFCs must not
/// exhaust the call stack), recording each cycle once, rotated to start at its smallest id.
fn find_cycles(edges: &BTreeMap<RfcId, BTreeSet<RfcId>>) -> BTreeSet<Vec<RfcId>> {
    let successors = |n: RfcId| -> Vec<RfcId> {
        edges
            .get(&n)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    };
    let mut state: BTreeMap<RfcId, Visit> = BTreeMap::new();
    let mut reported = BTreeSet::new();
    for &start in edges.keys() {
        if state.contains_key(&start) {
            continue;
        }
        state.insert(start, Visit::Open);
        let mut path = vec![start];
        let mut stack = vec![(successors(start), 0usize)];
        while let Some(top) = stack.last_mut() {
            let Some(&next) = top.0.get(top.1) else {
                stack.pop();
                if let Some(done) = path.pop() {
                    state.insert(done, Visit::Done);
                }
                continue;
            };
            top.1 += 1;
            match state.get(&next) {
                Some(Visit::Done) => {}
                Some(Visit::Open) => {
                    if let Some(pos) = path.iter().position(|&n| n == next) {
                        let mut cycle = path[pos..].to_vec();
                        let min = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                        cycle.rotate_left(min);
                        reported.insert(cycle);
                    }
                }
                None => {
                    state.insert(next, Visit::Open);
                    path.push(next);
                    stack.push((successors(next), 0));
                }
            }
        }
    }
    reported
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(pairs: &[(u32, u32)]) -> BTreeMap<RfcId, BTreeSet<RfcId>> {
        let mut g: BTreeMap<RfcId, BTreeSet<RfcId>> = BTreeMap::new();
        for &(a, b) in pairs {
            g.entry(RfcId(a)).or_default().insert(RfcId(b));
        }
        g
    }

    #[test]
    fn cycles_are_found_once_and_rotated() {
        let found = find_cycles(&graph(&[(3, 5), (5, 3), (1, 2)]));
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            vec![vec![RfcId(3), RfcId(5)]]
        );
        let self_loop = find_cycles(&graph(&[(4, 4)]));
        assert_eq!(self_loop.len(), 1);
    }

    #[test]
    fn long_chains_do_not_overflow() {
        let pairs: Vec<(u32, u32)> = (1..200_000).map(|i| (i + 1, i)).collect();
        assert!(find_cycles(&graph(&pairs)).is_empty());
    }
}
