//! Rules on one RFC's front matter as a whole: required fields, fields a status requires,
//! the order of dates and the id.

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Date, Field, FrontMatter, Rfc};
use crate::source::{SourceFile, Span, Spanned};

pub(super) fn check(cx: &Context<'_>, rfc: &Rfc, out: &mut Vec<Diagnostic>) {
    let Some(front) = &rfc.front else { return };
    let source = cx.source(rfc);
    let moved = cx.moved(rfc);
    for &field in &cx.schema.required_fields {
        if !moved || field == Field::Status {
            required(source, front, field, out);
        }
    }
    // An empty name or tag among others would be a nameless listing page of the site.
    for (field, entries) in [(Field::Authors, &front.authors), (Field::Tags, &front.tags)] {
        let mut empty = entries.iter().filter(|e| e.value.trim().is_empty());
        // One empty author is the required field's to report: there is no author.
        if (entries.len() > 1 || field == Field::Tags)
            && let Some(entry) = empty.next()
        {
            let key = field.key();
            out.push(
                Diagnostic::new(
                    Code::EmptyField,
                    source,
                    entry.span,
                    format!("`{key}` has an empty entry"),
                )
                .help(format!(
                    "remove the empty entry from `{key}`, or write it out"
                )),
            );
        }
    }
    status_requirements(cx, source, front, out);
    if let (Some(created), Some(decided)) = (&front.created, &front.decided)
        && decided.value < created.value
    {
        out.push(
            Diagnostic::new(
                Code::DecidedBeforeCreated,
                source,
                decided.span,
                format!(
                    "decided {} is before created {}",
                    decided.value, created.value
                ),
            )
            .help("a decision is made after the RFC is written: correct one of the two dates"),
        );
    }
    future_dates(cx, source, front, out);
    old_dates(source, front, out);
    let name = source.rel.rsplit('/').next().unwrap_or(&source.rel);
    if let (Some(id), Some(file_id)) = (&front.id, cx.schema.file_name.id(name))
        && id.value != file_id
    {
        out.push(
                Diagnostic::new(
                    Code::IdMismatch,
                    source,
                    id.span,
                    format!("`id: {}` differs from the file name's number {file_id}", id.value),
                )
                .help(format!(
                    "the file name decides the id: write `id: {file_id}`, remove `id`, or rename the file"
                )),
            );
    }
}

/// Dates of what has happened that are after today: a typo (2062 for 2026) that would put
/// the RFC at the top of the feed and the "recently decided" list for decades. A day of
/// grace: an author ahead of the CI machine's time zone writes tomorrow's date there.
/// `review-by` is meant to be in the future.
fn future_dates(
    cx: &Context<'_>,
    source: &SourceFile,
    front: &FrontMatter,
    out: &mut Vec<Diagnostic>,
) {
    // `review-by` is meant to be in the future.
    for (field, date) in dates(front).filter(|(f, _)| *f != Field::ReviewBy) {
        if crate::model::days_between(cx.today, date.value) > 1 {
            out.push(
                Diagnostic::new(
                    Code::DateInFuture,
                    source,
                    date.span,
                    format!(
                        "`{}: {}` is after today ({})",
                        field.key(),
                        date.value,
                        cx.today
                    ),
                )
                .help("write the date it happened: a mistyped year or month is the usual cause"),
            );
        }
    }
}

/// The front matter's dates that are there, with their fields.
fn dates(front: &FrontMatter) -> impl Iterator<Item = (Field, &Spanned<Date>)> {
    [
        (Field::Created, &front.created),
        (Field::Decided, &front.decided),
        (Field::Updated, &front.updated),
        (Field::ReviewBy, &front.review_by),
    ]
    .into_iter()
    .filter_map(|(field, date)| Some((field, date.as_ref()?)))
}

/// Dates before 1970: a year mistyped `0025` or `1025` is a real date, and would put the
/// RFC's proposal at an age of 730,000 days on the home page and its decision two
/// thousand years before the others. No software decision record is that old; an
/// archive of older records turns the rule off.
fn old_dates(source: &SourceFile, front: &FrontMatter, out: &mut Vec<Diagnostic>) {
    for (field, date) in dates(front) {
        let year = date.value.year();
        if year >= 1970 {
            continue;
        }
        // `0025` is `2025` with its century lost: the full year can be proposed. Which
        // digit of `1025` or `0125` is wrong cannot be told.
        let help = match year {
            0..=99 => format!(
                "write the year in full: `{}: {:04}-{:02}-{:02}`, if that is the date it happened",
                field.key(),
                2000 + year,
                date.value.month(),
                date.value.day()
            ),
            _ => "write the date it happened: a mistyped year is the usual cause".into(),
        };
        out.push(
            Diagnostic::new(
                Code::DateBefore1970,
                source,
                date.span,
                format!(
                    "`{}: {}` is in the year {year}, before any decision record",
                    field.key(),
                    date.value
                ),
            )
            .help(help),
        );
    }
}

fn required(source: &SourceFile, front: &FrontMatter, field: Field, out: &mut Vec<Diagnostic>) {
    if front.has_value(field) {
        return;
    }
    let key = field.key();
    match front.key_span(field) {
        // Written but empty. A key with an invalid value was already reported as such;
        // only a truly empty one is reported here.
        // A record that keeps its facts in the body (rfcs/0019) is told of its own line:
        // `Date:`, not a `created` key it does not have.
        Some(span) if is_blank_value(source, span) && front.in_body => {
            let label = source.text().get(span.start..span.end).unwrap_or(key);
            if label.starts_with('#') {
                out.push(
                    Diagnostic::new(
                        Code::EmptyField,
                        source,
                        span,
                        format!("`{label}` is empty"),
                    )
                    .help(format!(
                        "write the status on the first line under `{label}` (e.g. `Accepted`)"
                    )),
                );
                return;
            }
            out.push(
                Diagnostic::new(
                    Code::EmptyField,
                    source,
                    span,
                    format!("`{label}:` is empty"),
                )
                .help(match field {
                    Field::Created | Field::Decided | Field::ReviewBy => {
                        format!("write the date after `{label}:`, as YYYY-MM-DD (e.g. 2026-03-01)")
                    }
                    _ => format!("write {} after `{label}:`", field.expected()),
                }),
            );
        }
        Some(span) if is_blank_value(source, span) => out.push(
            Diagnostic::new(Code::EmptyField, source, span, format!("`{key}` is empty"))
                .help(format!("give `{key}` a value: {}", field.expected())),
        ),
        Some(_) => {}
        // Given under a name rfcbook does not know (`author:`): said at that key.
        None if let Some((_, near)) = front.near_misses.iter().find(|(f, _)| *f == field) => {
            out.push(
                Diagnostic::new(
                    Code::MissingField,
                    source,
                    near.span,
                    format!(
                        "required field `{key}` is missing; `{}` is probably it",
                        near.value
                    ),
                )
                .help(format!(
                    "rename `{0}` to `{key}`, or keep it as another name for `{key}`: \
                     `[rfc.key-aliases] {0} = \"{key}\"` in book.toml",
                    near.value
                )),
            );
        }
        None => out.push(
            Diagnostic::new(
                Code::MissingField,
                source,
                closing_delimiter(front),
                format!("required field `{key}` is missing"),
            )
            .help(if front.in_body {
                in_body_help(field, front.listed)
                    .unwrap_or_else(|| not_in_body(field, "`[rfc] required-fields`"))
            } else {
                format!("add `{key}:` to the front matter: {}", field.expected())
            }),
        ),
    }
}

/// Where a field goes in an RFC that says what it is in its body (rfcs/0019).
/// `listed`: the file lists its facts under the title (`- Status: accepted`, as
/// log4brains writes them), so a missing one is asked for as such a line.
pub(super) fn in_body_help(field: Field, listed: bool) -> Option<String> {
    if listed {
        let line = match field {
            Field::Title => return Some("start the file with a `# Title` line".into()),
            Field::Status => "- Status: accepted",
            Field::Authors => "- Deciders: Name, Name",
            Field::Tags => "- Tags: one, two",
            Field::Created | Field::Decided => "- Date: YYYY-MM-DD",
            Field::Supersedes => "- Supersedes: [Title](file.md)",
            Field::SupersededBy => "- Status: superseded by [Title](file.md)",
            Field::Related => "- Amends: [Title](file.md)",
            Field::Discussion => "- RFC PR: [#42](https://git.example.com/acme/rfcs/pull/42)",
            _ => return in_body_help(field, false),
        };
        return Some(format!(
            "add a line `{line}` to the facts listed under the title"
        ));
    }
    Some(match field {
        Field::Title => "start the file with a `# Title` line".into(),
        Field::Status => "add a `## Status` section whose first line is the status, or a \
                          `- Status:` line under the title"
            .into(),
        Field::Authors => "add a `- Deciders: Name, Name` line under the title".into(),
        Field::Tags => "add a `- Tags: one, two` line under the title".into(),
        Field::Created | Field::Decided => "add a `Date: YYYY-MM-DD` line under the title".into(),
        // The pull request where it was discussed, as rust-lang/rfcs lists it.
        Field::Discussion => "add a `- RFC PR: [#42](https://git.example.com/acme/rfcs/pull/42)` \
                              line under the title"
            .into(),
        Field::Supersedes | Field::SupersededBy | Field::Related => format!(
            "add a line to `## Status`: `{}` and a link to the RFC",
            match field {
                Field::Supersedes => "Supersedes",
                Field::SupersededBy => "Superseded by",
                _ => "Amends",
            }
        ),
        _ => return None,
    })
}

/// What a record without front matter cannot say at all (`review-by`, `id`): front
/// matter can, or the configuration can stop asking for it where it does.
fn not_in_body(field: Field, asked_by: &str) -> String {
    format!(
        "an RFC without front matter says only its title, date, status, deciders, tags, \
         relations and discussion link: add front matter with `{}:`, or leave `{}` out of \
         {asked_by}",
        field.key(),
        field.key()
    )
}

/// Whether the value written after `key:` is empty (`""`, `[]`, nothing, or only blanks).
fn is_blank_value(source: &SourceFile, key_span: Span) -> bool {
    let line = source.line_at(key_span.start);
    let rest = source.text().get(key_span.end..line.end).unwrap_or("");
    let value = rest.trim_start_matches(':').trim();
    let value = value.split(" #").next().unwrap_or("").trim();
    // Quotes, brackets and commas around nothing but spaces (`"  "`, `["", " "]`) are as
    // empty as nothing.
    let marks = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '[' | ']' | ',');
    matches!(value, "~" | "null") || value.chars().all(marks)
}

/// Missing fields are reported at the closing `---`, where they would be added.
fn closing_delimiter(front: &FrontMatter) -> Span {
    Span::new(front.block.end.saturating_sub(3), front.block.end)
}

fn status_requirements(
    cx: &Context<'_>,
    source: &SourceFile,
    front: &FrontMatter,
    out: &mut Vec<Diagnostic>,
) {
    let Some(status) = &front.status else { return };
    if front.status_defaulted {
        return;
    }
    let Some(fields) = cx.schema.required_by_status.get(&status.value) else {
        return;
    };
    let name = cx.schema.statuses.name(status.value);
    for &field in fields {
        // Whether a key is blank is read from the text, so it is asked last: a build
        // has let the texts go, and reads a file again only to report on it.
        let written_but_invalid = || {
            front
                .key_span(field)
                .is_some_and(|span| !is_blank_value(source, span))
        };
        // In a body, one `Date:` line gives both dates: without it, the missing
        // `created` says what to add, once (both errors asked for the same line).
        let one_date_line = front.in_body
            && field == Field::Decided
            && front.created.is_none()
            && cx.schema.required_fields.contains(&Field::Created);
        if front.has_value(field)
            || cx.schema.required_fields.contains(&field)
            || one_date_line
            || written_but_invalid()
        {
            continue;
        }
        let key = field.key();
        out.push(
            Diagnostic::new(
                Code::StatusRequiresField,
                source,
                status.span,
                format!("status `{name}` requires `{key}`, which is missing"),
            )
            .help(if front.in_body {
                match in_body_help(field, front.listed) {
                    Some(help) => format!("{help}, or change the status"),
                    None => not_in_body(
                        field,
                        &format!("`[rfc.required-by-status] {name}`, or change the status"),
                    ),
                }
            } else {
                format!("add `{key}:` ({}) or change the status", field.expected())
            }),
        );
    }
}
