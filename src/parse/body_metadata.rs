//! What an RFC without front matter says about itself in its body, the way adr-tools and
//! Nygard-style ADRs write it (rfcs/0019), read when `[rfc] body-metadata = true`:
//!
//! ```text
//! # 3. Use PostgreSQL
//!
//! Date: 2024-03-28
//!
//! ## Status
//!
//! Accepted
//!
//! Supersedes [2. Use MySQL](0002-use-mysql.md)
//! ```
//!
//! The `#` heading is the title; `Date:` is when it was written, and the decision's date
//! once the status is past proposed; the first line of `## Status` starts with the status;
//! `Supersedes`, `Superseded by`, `Amends`, `Amended by`, `Clarifies` and `Clarified by`
//! lines there link the RFCs they name. log4brains and MADR 2 list the same facts under
//! the title instead (`- Status: accepted`, `- Date: …`, `- Deciders: …`, `- Tags: …`).
//! Read line by line: these files are written by a tool or copied from its template, and
//! their metadata never needs Markdown's subtleties.

use crate::config::RfcSchema;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Field, FrontMatter, RfcId, StatusRole};
use crate::source::{SourceFile, Span, Spanned};

/// The front matter the body stands for, if it says anything (a title, a date or a
/// status); problems with what it says go to `diags`.
pub(super) fn read(
    source: &SourceFile,
    schema: &RfcSchema,
    id: Option<RfcId>,
    diags: &mut Vec<Diagnostic>,
) -> Option<FrontMatter> {
    let text = source.text();
    let mut front = FrontMatter {
        in_body: true,
        ..FrontMatter::default()
    };
    let mut date: Option<Spanned<crate::model::Date>> = None;
    let mut in_status = false;
    let mut in_links = false;
    let mut status_read = false;
    // The `## Status` heading, to point at when nothing is written under it.
    let mut status_heading: Option<Span> = None;
    // Before the first `##` heading, where listed facts are read.
    let mut past_title_block = false;
    let mut seen_heading = false;
    let mut hidden = super::lines::Hidden::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        let at = start + (content.len() - trimmed.len());
        // Nothing inside a fenced code block or an HTML comment is metadata: not the
        // template's note `<!--` / `# Title: …` / `-->` above the title.
        if hidden.covers(content) {
            continue;
        }
        if let Some((level, heading)) = heading(trimmed) {
            let heading_at = at + (trimmed.len() - heading.len());
            // The title is the first heading, when it is a `#` one: a `#` deep in the
            // file is a section written one level up (rust-lang/rfcs 0401), and so is
            // a first one that names a section (`# Summary`, rust-lang/rfcs 3834).
            if level == 1
                && !seen_heading
                && !heading.is_empty()
                && !schema.sections.heads_a_part(heading)
            {
                let title = without_number(heading, id);
                // `# ADR029: Use GOV.UK Notify` in ADR028's file: one of them is wrong,
                // and the title showed both (`ADR028: ADR029: …`).
                // Only a number named as this archive names its records (`ADR029`,
                // `RFC 12`): a title may start with a year (`2024: …`).
                // The word itself (`RFCs 2024: …` is not `RFC 2024`); in an archive of
                // plain RFCs, with the archive's own zero-padding (`RFC 0012`), as
                // `# RFC 2119: …` is the IETF's.
                let word = schema.file_name.mention_word();
                let word = word.as_bytes();
                let head = heading.as_bytes();
                let named = head
                    .get(..word.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(word))
                    && head
                        .get(word.len())
                        .is_none_or(|b| !b.is_ascii_alphabetic())
                    && (schema.file_name.label_prefix() != "RFC "
                        || heading_number(heading).is_some_and(|(_, digits)| {
                            digits.len() >= schema.file_name.min_digits()
                                && heading[digits.clone()].starts_with('0')
                        }));
                if let (Some(id), Some((n, range)), true) = (id, heading_number(heading), named)
                    && n != id.0
                {
                    let number = &heading[range.clone()];
                    let at = heading_at + range.start;
                    diags.push(
                        Diagnostic::new(
                            Code::IdMismatch,
                            source,
                            Span::new(at, at + number.len()),
                            format!(
                                "the title's number {number} differs from the file name's number {}",
                                schema.file_name.digits(id)
                            ),
                        )
                        .help(format!(
                            "the file name decides the number: write `{}` in the title, or rename the file if this is {number}",
                            schema.file_name.mention(id)
                        )),
                    );
                }
                let title_at = heading_at + (heading.len() - title.len());
                front.title = Some(Spanned::new(
                    unescaped(title),
                    Span::new(title_at, title_at + title.len()),
                ));
            }
            seen_heading = true;
            in_status = level == 2 && heading.trim_end_matches(':').eq_ignore_ascii_case("status");
            in_links = level == 2 && heading.trim_end_matches(':').eq_ignore_ascii_case("links");
            if in_status && status_heading.is_none() {
                status_heading = Some(Span::new(at, heading_at + heading.len()));
            }
            // A `##` heading on the first line is a title written one level down (some
            // rust-lang/rfcs files), with the facts under it.
            past_title_block |= level == 2 && start > 0;
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        // log4brains and MADR 2 list the facts under the title: `- Status: accepted`.
        let listed = if past_title_block {
            None
        } else {
            trimmed
                .strip_prefix("- ")
                .or_else(|| trimmed.strip_prefix("* "))
                .map(|fact| fact.trim_start().trim_start_matches("**"))
        };
        let line_fact = listed.unwrap_or(trimmed);
        // `**Status**: x` reads as `Status: x`; positions stay those of the line.
        let unbolded = line_fact.replacen("**:", ":", 1);
        let fact = without_comment(&unbolded);
        let fact_at = at + (trimmed.len() - line_fact.len()) + (line_fact.len() - unbolded.len());
        if listed.is_some() {
            // A relation listed with the facts (`- Supersedes: [x](x.md)`): log4brains
            // writes only the superseded side, in its status; the other side goes here.
            if let Some((relation, rest)) = relation(fact)
                && rest.trim_start().starts_with(':')
            {
                let rest_at = fact_at + (fact.len() - rest.len());
                relate(&mut front, relation, rest, rest_at, schema);
                front.listed = true;
                continue;
            }
            if let Some(value) = strip_label(fact, "status") {
                front.listed = true;
                if !status_read {
                    status_read = true;
                    let value_at = fact_at + (fact.len() - value.len());
                    front.keys.push((Field::Status, Span::point(value_at)));
                    if let Some((Relation::SupersededBy, rest)) = relation(value) {
                        let rest_at = value_at + (value.len() - rest.len());
                        front.superseded_by = linked_ids(rest, schema, rest_at).into_iter().next();
                        front.linked.extend(named_files(rest, schema, rest_at));
                    }
                    front.status = status(source, schema, value, value_at, diags);
                }
                continue;
            }
            // rust-lang/rfcs: `- RFC PR: [rust-lang/rfcs#1](https://…/pull/1)`, where
            // the decision was discussed.
            if let Some(value) = strip_label(fact, "rfc pr") {
                let value_at = fact_at + (fact.len() - value.len());
                front.discussion = first_url(value, value_at).or(front.discussion.take());
                continue;
            }
            for (label, field) in [("deciders", Field::Authors), ("tags", Field::Tags)] {
                let Some(value) = strip_label(fact, label) else {
                    continue;
                };
                let value_at = fact_at + (fact.len() - value.len());
                let items = words_of(value, field == Field::Tags, value_at);
                match field {
                    Field::Authors => front.authors = items,
                    _ => front.tags = items,
                }
            }
        }
        // rust-lang/rfcs lists `- Start Date: 2014-03-11`.
        let dated = strip_label(fact, "date").map(|v| ("date", v)).or_else(|| {
            let value = listed.and_then(|_| strip_label(fact, "start date"))?;
            Some(("start date", value))
        });
        if date.is_none()
            && let Some((label, value)) = dated
        {
            // `Date: 2024-03-28 (updated in May)`: the date is the first word, in
            // parentheses or not (`Start Date: (2016-06-17)`).
            let whole = value.trim_end();
            let whole_at = fact_at + (fact.len() - value.len());
            let word = value.split_whitespace().next().unwrap_or("");
            let bare = word.trim_start_matches('(');
            let value_at = fact_at + (fact.len() - value.len()) + (word.len() - bare.len());
            let value = bare.strip_suffix(')').unwrap_or(bare);
            let span = Span::new(value_at, value_at + value.len());
            // Written, so never "missing" even when invalid (the value is reported).
            front
                .keys
                .push((Field::Created, Span::new(fact_at, fact_at + label.len())));
            match crate::parse::parse_date(value) {
                Ok(d) => date = Some(Spanned::new(d, span)),
                // `Date:` and nothing: an empty field (RFC0106), not also a bad date.
                Err(_) if value.is_empty() => {}
                Err(reason) => {
                    // The one date stands for the decision's too: written, only invalid,
                    // so a decided status does not also ask for a `Date:` line.
                    front
                        .keys
                        .push((Field::Decided, Span::new(fact_at, fact_at + label.len())));
                    // A date written in words (`23 July 2014`) is the whole value, not
                    // its first word.
                    let in_words = (value != whole)
                        .then(|| super::values::date_suggestion(whole))
                        .flatten();
                    // Nor is a template's prompt left in (`(fill me in with today's date,
                    // YYYY-MM-DD)`), which a first word without a digit would misquote.
                    let prompt = value != whole && !value.bytes().any(|b| b.is_ascii_digit());
                    let whole_span = Span::new(whole_at, whole_at + whole.len());
                    let (value, span, help) = match in_words {
                        Some(help) => (whole, whole_span, help),
                        None if prompt => (
                            whole,
                            whole_span,
                            "replace the template's prompt with the date, as YYYY-MM-DD \
                             (e.g. 2026-03-01)"
                                .to_string(),
                        ),
                        None => (value, span, super::values::date_help(value)),
                    };
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidDate,
                            source,
                            span,
                            format!(
                                "`{}: {value}` is not a valid date: {reason}",
                                &fact[..label.len()]
                            ),
                        )
                        .help(help),
                    );
                }
            }
            continue;
        }
        // log4brains lists the other side of a relation under `## Links`:
        // `- Supersedes [x](20200926-x.md)`. Nothing else there is a fact.
        if in_links {
            let item = trimmed
                .strip_prefix("- ")
                .or_else(|| trimmed.strip_prefix("* "));
            if let Some((relation, rest)) = item.and_then(relation) {
                let rest_at = at + (trimmed.len() - rest.len());
                relate(&mut front, relation, rest, rest_at, schema);
            }
            continue;
        }
        if !in_status {
            continue;
        }
        if let Some((relation, rest)) = relation(trimmed) {
            let rest_at = at + (trimmed.len() - rest.len());
            relate(&mut front, relation, rest, rest_at, schema);
        }
        if !status_read {
            status_read = true;
            front.keys.push((Field::Status, Span::point(at)));
            front.status = status(source, schema, trimmed, at, diags);
        }
    }
    // `## Status` with nothing under it: written, and empty (RFC0106 at the heading),
    // not missing.
    if let (false, Some(span)) = (status_read, status_heading) {
        front.keys.push((Field::Status, span));
    }
    if let Some(date) = date {
        let decided = front
            .status
            .as_ref()
            .and_then(|s| schema.statuses.role(s.value))
            .is_some_and(|r| !matches!(r, StatusRole::Draft | StatusRole::Proposed));
        if decided {
            front.decided = Some(date.clone());
        }
        front.created = Some(date);
    }
    // A fact written but invalid says something too (its discussion link stays).
    let says_something = front.title.is_some()
        || front.created.is_some()
        || status_read
        || front.discussion.is_some()
        || !front.keys.is_empty();
    says_something.then_some(front)
}

/// A heading's text as Markdown shows it: a backslash before punctuation escapes it
/// (`Use C\#`, `\*args\*`, as `rfcbook new` writes such a title), and shows the
/// punctuation alone.
fn unescaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a body's `# heading` says the title (`Use Redis`, `# RFC 2: Use Redis`,
/// `# 2. Use Redis`): compared as words, so that code and emphasis marks do not count.
/// A heading that says something else (`# Parameters` above an EIP's first part) is
/// text of the body, not its title.
pub(crate) fn same_title(heading: &str, title: &str, id: Option<RfcId>) -> bool {
    let title = plain(title);
    plain(heading) == title || plain(without_number(heading, id)) == title
}

/// A title's or heading's words, without what Markdown makes of them: the heading is
/// read as its text (`Use the foo crate`), while the title keeps what was typed (`Use the
/// \`foo\` crate`); both are compared without code and emphasis marks, escapes and tags.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '`' | '*' | '_' | '\\' => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// A title without the RFC's own number in front (`1. Record architecture decisions`,
/// `ADR021: Use Auth0`): the site shows the number beside every title already. A number
/// that is not the RFC's stays, as part of what the author wrote.
pub(crate) fn without_number(title: &str, id: Option<RfcId>) -> &str {
    let Some(id) = id else { return title };
    match numbered(title) {
        Some((n, _, rest)) if n == id.0 => rest,
        _ => title,
    }
}

/// The number a title starts with (`ADR029: …`, `2. …`) and where its digits are.
pub(crate) fn heading_number(title: &str) -> Option<(u32, std::ops::Range<usize>)> {
    numbered(title).map(|(n, digits, _)| (n, digits))
}

/// A title that starts with a number, a series' letters before it (at most five) and a
/// `.` or `:` and a space after it: the number, where its digits are, and the title after.
fn numbered(title: &str) -> Option<(u32, std::ops::Range<usize>, &str)> {
    let letters = title.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters > 5 {
        return None;
    }
    let rest = title[letters..].trim_start_matches([' ', '-']);
    let start = title.len() - rest.len();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (number, after) = rest.split_at(digits);
    let stripped = after
        .strip_prefix(['.', ':'])
        .filter(|t| t.starts_with(' '))
        .map(str::trim_start)
        .filter(|t| !t.is_empty())?;
    Some((number.parse().ok()?, start..start + digits, stripped))
}

/// The first http(s) URL in `text` (a Markdown link's target, or written bare), with its
/// place; `at` is where `text` starts in the source.
fn first_url(text: &str, at: usize) -> Option<Spanned<String>> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let url = text[start..]
        .split(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | ']'))
        .next()?;
    Some(Spanned::new(
        url.to_string(),
        Span::new(at + start, at + start + url.len()),
    ))
}

/// A line without a trailing HTML comment (`<!-- optional -->` in log4brains' template).
fn without_comment(line: &str) -> &str {
    line.split("<!--").next().unwrap_or(line).trim_end()
}

/// The names or tags of a listed fact: separated by commas (and, for tags, spaces), as
/// written, with their places; a template's `[…]` prompt is none.
fn words_of(value: &str, spaces_too: bool, at: usize) -> Vec<Spanned<String>> {
    if value.starts_with('[') {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut from = 0;
    for piece in value.split_inclusive(|c: char| c == ',' || (spaces_too && c == ' ')) {
        let item = piece.trim_end_matches([',', ' ']).trim();
        if !item.is_empty() {
            let item_at = at + from + (piece.len() - piece.trim_start().len());
            items.push(Spanned::new(
                item.to_string(),
                Span::new(item_at, item_at + item.len()),
            ));
        }
        from += piece.len();
    }
    items
}

/// `## Text` as (2, "Text").
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[level..];
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t']))).then(|| {
        // A closing run of `#` follows a space, as CommonMark reads it: `C#` and `C\#`
        // keep theirs.
        let text = rest.trim();
        let open = text.trim_end_matches('#');
        let closed = open.is_empty() || open.ends_with([' ', '\t']);
        (level, if closed { open.trim_end() } else { text })
    })
}

/// The value after `Label:` at the start of a line, in any case.
fn strip_label<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let head = line.get(..label.len())?;
    let rest = line[label.len()..].strip_prefix(':')?;
    head.eq_ignore_ascii_case(label).then(|| rest.trim())
}

/// Records a relation line's links (`rest`, at `rest_at` in the file): the RFCs they
/// name, and the files, which tell records that share a number apart.
fn relate(
    front: &mut FrontMatter,
    relation: Relation,
    rest: &str,
    rest_at: usize,
    schema: &RfcSchema,
) {
    let ids = linked_ids(rest, schema, rest_at);
    front.linked.extend(named_files(rest, schema, rest_at));
    match relation {
        Relation::Supersedes => front.supersedes.extend(ids),
        Relation::SupersededBy => front.superseded_by = ids.into_iter().next(),
        Relation::Related => front.related.extend(ids),
    }
}

enum Relation {
    Supersedes,
    SupersededBy,
    Related,
}

/// A line that states a relation, and the rest of it, where its links are.
fn relation(line: &str) -> Option<(Relation, &str)> {
    const WORDS: [(&str, Relation); 6] = [
        ("superseded by", Relation::SupersededBy),
        ("supersedes", Relation::Supersedes),
        ("amended by", Relation::Related),
        ("amends", Relation::Related),
        ("clarified by", Relation::Related),
        ("clarifies", Relation::Related),
    ];
    let line = line.trim_start_matches(['*', '_', '>', '`', ' ']);
    let lower = line.to_ascii_lowercase();
    WORDS.into_iter().find_map(|(words, relation)| {
        lower
            .starts_with(words)
            .then(|| (relation, &line[words.len()..]))
    })
}

/// The ids of the RFCs that `[text](NNNN-slug.md)` links in `text` lead to, from the
/// linked file names; without links, the numbers written as names (`ADR025`, `RFC 5`,
/// `12`): a `Superseded by ADR025` line, or MADR's `status: superseded by ADR-0123`,
/// names its successor even when nobody linked it. `at` is where `text` starts in the
/// source.
pub(super) fn linked_ids(text: &str, schema: &RfcSchema, at: usize) -> Vec<Spanned<RfcId>> {
    let linked = links_to_rfcs(text, schema, at);
    if !linked.is_empty() {
        return linked;
    }
    // A bare number counts only alone (`Superseded by 25`) or after a short name of the
    // series (`RFC 5`): in a sentence it may be a year or a count.
    let alone = text.split_whitespace().count() == 1;
    let mut ids = Vec::new();
    let mut from = 0;
    // Where the word before this one started, when it was a series' name (`RFC`).
    let mut series: Option<usize> = None;
    for word in text.split_inclusive(|c: char| c.is_whitespace() || c == ',') {
        let token = word
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | '(' | ')'));
        let start = at + from + word.find(token).unwrap_or(0);
        from += word.len();
        let digits = token.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-');
        let letters = token.len() - digits.len();
        let after_series = series.take();
        if digits.is_empty() {
            // `RFC`, `ADR`, `EIP-`: a series is named in capitals; `of 2019` is a year.
            let capitals = token.bytes().all(|b| b.is_ascii_uppercase() || b == b'-');
            series = ((1..=5).contains(&letters) && capitals).then_some(start);
            continue;
        }
        let named =
            (1..=5).contains(&letters) || (letters == 0 && (after_series.is_some() || alone));
        if named
            && digits.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = digits.parse()
        {
            let name_start = after_series.filter(|_| letters == 0).unwrap_or(start);
            ids.push(Spanned::new(
                RfcId(n),
                Span::new(name_start, start + token.len()),
            ));
        }
    }
    ids
}

/// The ids of the RFCs that `[text](NNNN-slug.md)` links in `text` lead to.
fn links_to_rfcs(text: &str, schema: &RfcSchema, at: usize) -> Vec<Spanned<RfcId>> {
    linked_files(text, schema, at)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// Where each link of `text` to an RFC file is, with the file's name, for
/// [`FrontMatter::linked`].
fn named_files(text: &str, schema: &RfcSchema, at: usize) -> Vec<(Span, String)> {
    linked_files(text, schema, at)
        .into_iter()
        .map(|(id, name)| (id.span, name))
        .collect()
}

/// The links of `text` to RFC files, each with the file's name: where numbers repeat
/// (log4brains' dates), the name says which record a relation means.
fn linked_files(text: &str, schema: &RfcSchema, at: usize) -> Vec<(Spanned<RfcId>, String)> {
    let mut ids = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("](") {
        let target_at = from + open + 2;
        let Some(close) = text[target_at..].find(')') else {
            break;
        };
        let target = &text[target_at..target_at + close];
        let name = target
            .split('#')
            .next()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("");
        if let Some(id) = schema.file_name.id(name) {
            let span = Span::new(at + target_at, at + target_at + close);
            ids.push((Spanned::new(id, span), name.to_string()));
        }
        from = target_at + close;
    }
    ids
}

/// The status the first line of `## Status` starts with: the longest configured status
/// that begins it as whole words (`Superseded by …` is superseded), in any case and
/// emphasis. A line that starts with none is an unknown status.
fn status(
    source: &SourceFile,
    schema: &RfcSchema,
    line: &str,
    at: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Spanned<crate::model::Status>> {
    // Quoted, emphasised or in code: `> Accepted`, `**Accepted**`, `` `Accepted` ``.
    let plain = line.trim_start_matches(['*', '_', '>', '`', ' ']);
    let at = at + (line.len() - plain.len());
    let lower = plain.to_lowercase();
    let found = schema
        .statuses
        .names()
        .filter(|name| {
            lower.starts_with(name)
                && !lower[name.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
        .max_by_key(|name| name.len());
    if let Some(name) = found {
        // A template's prompt (`Accepted or Rejected`) names a choice, not a status.
        let rest = lower[name.len()..].trim_start_matches(['*', '_', '`', ' ']);
        if let Some(other) = rest.strip_prefix("or ") {
            diags.push(
                Diagnostic::new(
                    Code::UnknownStatus,
                    source,
                    Span::new(at, at + plain.trim_end().len()),
                    format!(
                        "`{}` offers a choice of status, not a status",
                        plain.trim_end()
                    ),
                )
                .help(format!(
                    "keep the one that holds: `{name}` or `{}`",
                    other.trim_matches(['*', '_', '`', ' ', '.'])
                )),
            );
            return None;
        }
        let status = schema.statuses.parse(name)?;
        return Some(Spanned::new(status, Span::new(at, at + name.len())));
    }
    // A status of a few words (`In Review`, `Last Call`) is named whole; in a sentence,
    // its first word.
    let phrase = plain.trim_end().trim_end_matches(['*', '_', '`', '.']);
    let short = phrase.split_whitespace().count() <= 3
        && phrase
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
    let word = if short {
        phrase
    } else {
        plain
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or(plain)
    };
    let written = Spanned::new(word.to_string(), Span::new(at, at + word.len()));
    diags.push(super::values::unknown_status(source, &written, schema));
    None
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::config::Config;

    fn read_text(text: &str) -> (Option<FrontMatter>, Vec<Diagnostic>, SourceFile) {
        let config = Config::default_for(Path::new("/a"));
        let source = SourceFile::new("0003-x.md".into(), PathBuf::from("0003-x.md"), text.into());
        let mut diags = Vec::new();
        let front = read(&source, &config.rfc, Some(RfcId(3)), &mut diags);
        (front, diags, source)
    }

    fn shown(source: &SourceFile, span: Span) -> &str {
        &source.text()[span.start..span.end]
    }

    /// A title that names another record than its file (`# RFC 0005: …` in 0003) is an
    /// id mismatch where the number is written; its own number is left out of the title;
    /// a year is no record's number.
    #[test]
    fn a_title_numbered_otherwise_than_its_file_is_reported() {
        let (front, diags, _) = read_text("# RFC 0005: Use Redis\n\nDate: 2024-05-20\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, Code::IdMismatch);
        assert!(
            diags[0].message.contains("number 0005 differs"),
            "{}",
            diags[0].message
        );
        assert_eq!(front.unwrap().title.unwrap().value, "RFC 0005: Use Redis");
        let (front, diags, _) = read_text("# RFC 3: Use Redis\n\nDate: 2024-05-20\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(front.unwrap().title.unwrap().value, "Use Redis");
        let (front, diags, _) = read_text("# 2024: A year of Redis\n\nDate: 2024-05-20\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(front.unwrap().title.unwrap().value, "2024: A year of Redis");
        // Nor is a year after a plural, or the IETF's RFC in an archive of RFCs.
        for title in ["RFCs 2024: the year ahead", "RFC 2119: Use MUST and SHOULD"] {
            let (_, diags, _) = read_text(&format!("# {title}\n\nDate: 2024-05-20\n"));
            assert!(diags.is_empty(), "{title}: {diags:?}");
        }
    }

    #[test]
    fn reads_what_adr_tools_writes() {
        let text = "# 3. Use PostgreSQL\n\nDate: 2024-05-20\n\n## Status\n\n**Superseded by** \
                    [4. Use CockroachDB](0004-use-cockroachdb.md)\n\nSupersedes [2. Use MySQL](0002-use-mysql.md)\n\
                    Amended by [5. Tune it](./0005-tune-it.md#why)\n\n## Context\n\nDate: 1999-01-01\n";
        let (front, diags, source) = read_text(text);
        assert!(diags.is_empty(), "{diags:?}");
        let front = front.unwrap();
        assert!(front.in_body);
        let title = front.title.unwrap();
        assert_eq!(
            (title.value.as_str(), shown(&source, title.span)),
            ("Use PostgreSQL", "Use PostgreSQL")
        );
        let status = front.status.unwrap();
        assert_eq!(shown(&source, status.span), "Superseded");
        assert_eq!(
            front.created.as_ref().unwrap().value.to_string(),
            "2024-05-20"
        );
        // Past proposed, the date is the decision's too.
        assert_eq!(front.decided.unwrap().value.to_string(), "2024-05-20");
        let by = front.superseded_by.unwrap();
        assert_eq!(
            (by.value, shown(&source, by.span)),
            (RfcId(4), "0004-use-cockroachdb.md")
        );
        assert_eq!(
            front.supersedes.iter().map(|s| s.value).collect::<Vec<_>>(),
            [RfcId(2)]
        );
        assert_eq!(
            front.related.iter().map(|s| s.value).collect::<Vec<_>>(),
            [RfcId(5)]
        );
    }

    #[test]
    fn a_relation_names_its_rfc_without_a_link_too() {
        let text = "# 3. Use SES\n\nDate: 2024-01-08\n\n## Status\n\nSuperseded by ADR025.\n\n\
                    Supersedes the approach of 2019\n\nAmends 12\n";
        let (front, diags, source) = read_text(text);
        assert!(diags.is_empty(), "{diags:?}");
        let front = front.unwrap();
        let by = front.superseded_by.unwrap();
        assert_eq!((by.value, shown(&source, by.span)), (RfcId(25), "ADR025"));
        // A number in a sentence may be a year: only a number alone, or after letters.
        assert!(front.supersedes.is_empty());
        assert_eq!(
            front.related.iter().map(|r| r.value).collect::<Vec<_>>(),
            [RfcId(12)]
        );
        let (front, _, source) = read_text("# 3. T\n\n## Status\n\nSuperseded by RFC 7\n");
        let by = front.unwrap().superseded_by.unwrap();
        assert_eq!((by.value, shown(&source, by.span)), (RfcId(7), "RFC 7"));
    }

    #[test]
    fn reads_what_rust_lang_rfcs_lists() {
        let text = "- Feature Name: `fused`\n- Start Date: (2016-06-17)\n- RFC PR: \
                    [rust-lang/rfcs#1581](https://github.com/rust-lang/rfcs/pull/1581)\n\n## Summary\n";
        let (front, diags, source) = read_text(text);
        assert!(diags.is_empty(), "{diags:?}");
        let front = front.unwrap();
        let created = front.created.unwrap();
        assert_eq!(
            (created.value.to_string(), shown(&source, created.span)),
            ("2016-06-17".into(), "2016-06-17")
        );
        let discussion = front.discussion.unwrap();
        assert_eq!(
            discussion.value,
            "https://github.com/rust-lang/rfcs/pull/1581"
        );
        assert_eq!(shown(&source, discussion.span), discussion.value);
        // A `#` heading after another heading is a section, not the title.
        let (front, _, _) =
            read_text("- Start Date: 2015-01-01\n\n## Summary\n\nS.\n\n# Drawbacks\n");
        assert_eq!(front.unwrap().title, None);
        // Nor is a first `#` heading that names a section (rust-lang/rfcs 3834): the
        // title comes from the file name then.
        for section in ["# Summary", "# Motivation", "# Table of contents:"] {
            let (front, _, _) = read_text(&format!("- Start Date: 2025-06-12\n\n{section}\n"));
            assert_eq!(front.unwrap().title, None, "{section}");
        }
        // Under a title written as `##` on the first line, as some files do.
        let (front, _, _) = read_text("## RFC: Make it so\n\n- Start Date: 2021-01-07\n");
        assert_eq!(
            front.unwrap().created.unwrap().value.to_string(),
            "2021-01-07"
        );
        // An invalid date keeps the rest of what the list says (rust-lang/rfcs 0179).
        let (front, diags, _) = read_text(
            "- Start Date: 23-07-2014\n- RFC PR: [#179](https://github.com/rust-lang/rfcs/pull/179)\n\n## Summary\n",
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            front.unwrap().discussion.unwrap().value,
            "https://github.com/rust-lang/rfcs/pull/179"
        );
        // Only a listed fact: prose that starts so is not a date.
        let (front, _, _) = read_text("# T\n\nStart Date: 2016-06-17\n");
        assert!(front.unwrap().created.is_none());
    }

    #[test]
    fn a_proposal_has_no_decision_date_and_code_is_not_metadata() {
        let text = "# Try Rust\n\n```\nDate: 2020-01-01\n## Status\n```\n\nDate: 2022-03-15 (a Tuesday)\n\n## Status\n\n> Proposed\n";
        let (front, diags, _) = read_text(text);
        assert!(diags.is_empty(), "{diags:?}");
        let front = front.unwrap();
        assert_eq!(front.created.unwrap().value.to_string(), "2022-03-15");
        assert!(front.decided.is_none());
        assert!(front.status.is_some());
        // A number that is not the RFC's stays in the title.
        assert_eq!(front.title.unwrap().value, "Try Rust");
        let (front, _, _) = read_text("# 12. Elsewhere\n");
        assert_eq!(front.unwrap().title.unwrap().value, "12. Elsewhere");
        let (front, _, _) = read_text("# ADR003: Use Notify\n");
        assert_eq!(front.unwrap().title.unwrap().value, "Use Notify");
    }

    /// A template's note to its authors above the title is no title, and a fact in it
    /// is no fact.
    #[test]
    fn a_heading_or_fact_in_an_html_comment_is_not_metadata() {
        let text = "<!--\n# Title: what is decided\nDate: 2020-01-01\n-->\n# Record decisions\n\n\
                    Date: 2022-03-15 <!-- when -->\n";
        let (front, diags, _) = read_text(text);
        assert!(diags.is_empty(), "{diags:?}");
        let front = front.unwrap();
        assert_eq!(front.title.unwrap().value, "Record decisions");
        assert_eq!(front.created.unwrap().value.to_string(), "2022-03-15");
    }

    #[test]
    fn reads_the_facts_log4brains_lists_under_the_title() {
        let text = "# Use the ADR number as its unique ID\n\n- Status: superseded by \
                    [20201016-use-slug](0003-use-slug.md)\n- **Date**: 2020-09-26 <!-- when -->\n\
                    - Deciders: John Doe, Foo bar\n- Tags: foo bar, baz\n\n## Context\n\n\
                    - Tags: not, these\n";
        let (front, diags, source) = read_text(text);
        assert!(diags.is_empty(), "{diags:?}");
        let front = front.unwrap();
        let status = front.status.unwrap();
        assert_eq!(shown(&source, status.span), "superseded");
        assert_eq!(front.superseded_by.unwrap().value, RfcId(3));
        let date = front.created.unwrap();
        assert_eq!(
            (date.value.to_string().as_str(), shown(&source, date.span)),
            ("2020-09-26", "2020-09-26")
        );
        let names = |v: &[Spanned<String>]| -> Vec<String> {
            v.iter()
                .map(|s| format!("{}@{}", s.value, shown(&source, s.span)))
                .collect()
        };
        assert_eq!(
            names(&front.authors),
            ["John Doe@John Doe", "Foo bar@Foo bar"]
        );
        assert_eq!(names(&front.tags), ["foo@foo", "bar@bar", "baz@baz"]);
        assert!(front.listed);
        // A template's `[…]` prompt names nobody.
        let (front, _, _) =
            read_text("# T\n\n- Deciders: [list everyone involved] <!-- optional -->\n");
        assert!(front.unwrap().authors.is_empty());
        // The other side of a supersession, listed as a fact too; a bullet of the body
        // that only starts with the word is not one.
        let (front, diags, source) = read_text(
            "# Use the slug\n\n- Status: accepted\n- Supersedes: [Use the number](0002-number.md)\n\
             - Date: 2020-10-16\n\n## Context\n\n- Supersedes nothing we know of\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let front = front.unwrap();
        let old: Vec<(RfcId, &str)> = front
            .supersedes
            .iter()
            .map(|s| (s.value, shown(&source, s.span)))
            .collect();
        assert_eq!(old, [(RfcId(2), "0002-number.md")]);
        assert!(front.created.is_some() && front.listed);
    }

    #[test]
    fn a_date_in_words_is_read_whole_for_its_help() {
        let (_, diags, source) = read_text("# T\n\nDate: 23 July 2014\n");
        assert_eq!(
            diags[0].message,
            "`Date: 23 July 2014` is not a valid date: expected YYYY-MM-DD"
        );
        assert_eq!(diags[0].help, "write the date as YYYY-MM-DD: `2014-07-23`");
        assert_eq!((diags[0].location.line, diags[0].location.column), (3, 7));
        let _ = source;
        // A date and a remark: the date is the first word, as before.
        let (front, diags, _) = read_text("# T\n\nDate: 2024-03-28 (updated in May)\n");
        assert!(diags.is_empty() && front.unwrap().created.is_some());
    }

    /// A template's prompt left in is quoted whole, not as its first word (`fill`), and
    /// the help says what it is.
    #[test]
    fn a_prompt_left_in_for_the_date_is_quoted_whole() {
        let (_, diags, _) = read_text("# T\n\nDate: (fill me in with today's date, YYYY-MM-DD)\n");
        assert_eq!(
            diags[0].message,
            "`Date: (fill me in with today's date, YYYY-MM-DD)` is not a valid date: \
             expected YYYY-MM-DD"
        );
        assert_eq!(
            diags[0].help,
            "replace the template's prompt with the date, as YYYY-MM-DD (e.g. 2026-03-01)"
        );
        assert_eq!((diags[0].location.line, diags[0].location.column), (3, 7));
    }

    #[test]
    fn an_unknown_status_of_a_few_words_is_named_whole() {
        let (_, diags, _) = read_text("# T\n\n## Status\n\n**In Review**\n");
        assert_eq!(diags[0].message, "unknown status `In Review`");
        assert!(
            diags[0].help.contains("`\"in review\" = \"proposed\"`"),
            "{}",
            diags[0].help
        );
        let (_, diags, _) = read_text("# T\n\n## Status\n\nPending: the team meets on Monday.\n");
        assert_eq!(diags[0].message, "unknown status `Pending`");
    }

    #[test]
    fn unknown_and_undecided_statuses_and_bad_dates_are_reported() {
        let (front, diags, _) = read_text("# T\n\nDate: 2024-02-30\n\n## Status\n\nAcepted\n");
        let codes: Vec<(&str, usize, usize)> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.location.line, d.location.column))
            .collect();
        assert_eq!(codes, [("RFC0109", 3, 7), ("RFC0110", 7, 1)]);
        assert_eq!(diags[1].message, "unknown status `Acepted`");
        assert!(
            diags[1].help.contains("did you mean `accepted`?"),
            "{}",
            diags[1].help
        );
        let front = front.unwrap();
        // Written, so reported as invalid rather than missing.
        assert!(
            front.key_span(Field::Status).is_some() && front.key_span(Field::Created).is_some()
        );
        let (front, diags, _) = read_text("# T\n\n## Status\n\n> Accepted or Rejected\n");
        assert!(front.unwrap().status.is_none());
        assert_eq!(
            diags[0].message,
            "`Accepted or Rejected` offers a choice of status, not a status"
        );
        // Nothing said at all: no front matter.
        assert!(read_text("Just text.\n").0.is_none());
    }
}
