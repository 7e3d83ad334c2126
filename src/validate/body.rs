//! Rules on one RFC's body and its life: the canonical sections, the H1, proposals left
//! waiting, decisions due for review, and HTML that would run code.

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{ActiveHtml, Body, FrontMatter, Rfc, Section, SectionKind, StatusRole};
use crate::render::sanitize::{CodeElement, active_parts};
use crate::source::{SourceFile, Span};

pub(super) fn check(cx: &Context<'_>, rfc: &Rfc, out: &mut Vec<Diagnostic>) {
    let source = cx.source(rfc);
    let status = rfc.front.as_ref().and_then(|f| f.status.as_ref());
    // Prompts are flagged once the RFC is known to be past its draft. Without a status
    // that can be read (a YAML error, a misspelt status) an error already says what to
    // fix, and a draft's prompts would be flagged four times over on top of it.
    let past_draft =
        status.is_some_and(|s| cx.schema.statuses.role(s.value) != Some(StatusRole::Draft));
    if let Some(body) = &rfc.body {
        // A record that moved owes no sections (rfcs/0034).
        sections(cx, source, body, past_draft, !cx.moved(rfc), out);
        for html in &body.unsafe_html {
            out.push(unsafe_warning(source, html.span, &html.what));
        }
        for &span in &body.images_without_alt {
            out.push(
                Diagnostic::new(
                    Code::ImageWithoutAlt,
                    source,
                    span,
                    "this image has no alternative text",
                )
                .help("say in words what the image shows, for readers who cannot see it: `![Pooling: services reach Postgres through PgBouncer](pooling.png)`, or `alt=\"…\"` in HTML (`alt=\"\"` for a decoration)"),
            );
        }
    }
    let Some(front) = &rfc.front else { return };
    if past_draft
        && let Some(title) = &front.title
        && cx.schema.sections.is_template_title(&title.value)
    {
        out.push(
            Diagnostic::new(
                Code::TemplateText,
                source,
                title.span,
                "the title is still the template's",
            )
            .help("name the decision: what was decided, in a few words (`Put PgBouncer in front of every Postgres primary`)"),
        );
    }
    // A title read from the body is its `#` heading (rfcs/0019). The heading may carry
    // the RFC's own number before the title (`# RFC 2: Use Redis`, a template's
    // `# RFC {{id}}: {{title}}`), as adr-tools writes `# 2. Use Redis`.
    if let (Some(body), Some(title)) = (&rfc.body, &front.title)
        && !front.in_body
        // An empty title is its own error (RFC0106), not also a heading that differs.
        && !title.value.trim().is_empty()
        && let Some(h1) = &body.h1
        // A first `#` heading that heads a part (`# Specification`, `# Summary`) is a
        // section written one level up, not the title written otherwise.
        && !cx.schema.sections.heads_a_part(&h1.value)
        && !crate::parse::body_metadata::same_title(&h1.value, &title.value, rfc.id)
    {
        out.push(
            Diagnostic::new(
                Code::TitleMismatch,
                source,
                h1.span,
                // A block scalar (`title: |`) holds line breaks: shown on one line.
                format!(
                    "heading `{}` differs from title `{}`",
                    h1.value,
                    title.value.split_whitespace().collect::<Vec<_>>().join(" ")
                ),
            )
            .help(
                "make the `# heading` and `title:` the same text; the site shows `title` as \
                 the page's title, and this heading in the text below it",
            ),
        );
    }
    // A title is shown as text, so its HTML runs nowhere; but a title written as HTML
    // shows its tags on every page that lists the RFC. (A `discussion` URL that runs
    // code is no http(s) URL: an error of its own.)
    if let Some(title) = &front.title {
        let mut first = None;
        active_parts(
            &title.value,
            &mut CodeElement::default(),
            false,
            &mut |what, _| {
                first.get_or_insert(what);
            },
        );
        if let Some(what) = first {
            out.push(
                Diagnostic::new(
                    Code::UnsafeHtml,
                    source,
                    title.span,
                    format!("the title holds {what}"),
                )
                .help("the site shows a title as text, tags and all, so it runs nowhere; write the title in words"),
            );
        }
    }
    life(cx, source, front, out);
}

fn sections(
    cx: &Context<'_>,
    source: &SourceFile,
    body: &Body,
    past_draft: bool,
    required: bool,
    out: &mut Vec<Diagnostic>,
) {
    duplicates(source, body, out);
    if !required {
        return;
    }
    // Headings already named as maybe another missing section: one is named once.
    let mut named: Vec<Span> = Vec::new();
    for &kind in &cx.schema.required_sections {
        match chosen(cx, body, kind) {
            // A draft is where the template's prompts belong; an RFC put up for a decision
            // (or decided) must say what it decided.
            Some(section) if past_draft && section.placeholder.is_some() => {
                let span = section.placeholder.unwrap_or(section.heading.span);
                out.push(
                    Diagnostic::new(
                        Code::TemplateText,
                        source,
                        span,
                        format!(
                            "the {} section still starts with the template's placeholder",
                            kind.name()
                        ),
                    )
                    .help(format!(
                        "replace the placeholder with the {}",
                        describe(kind)
                    )),
                );
            }
            Some(section) if section.is_empty => out.push(
                Diagnostic::new(
                    Code::EmptySection,
                    source,
                    section.heading.span,
                    format!("the {} section is empty", kind.name()),
                )
                .help(format!(
                    "write the {}; a reader relies on it",
                    describe(kind)
                )),
            ),
            Some(_) => {}
            None => out.push(missing(cx, source, body, kind, &mut named)),
        }
    }
}

/// A required section that is missing: reported at a heading that may be it under another
/// name (the fix is then a rename or an alias), else at the end of the file, where it
/// would be added.
fn missing(
    cx: &Context<'_>,
    source: &SourceFile,
    body: &Body,
    kind: SectionKind,
    named: &mut Vec<Span>,
) -> Diagnostic {
    let sections = &cx.schema.sections;
    let title = sections.title(kind);
    let message = format!("the required section `## {title}` is missing");
    // The section written at another level (`### Rationale`): its name is right.
    if let Some(heading) = body.headings.iter().find(|h| {
        h.level != 2 && !named.contains(&h.span) && sections.classify(&h.text).contains(&kind)
    }) {
        named.push(heading.span);
        let hashes = "#".repeat(usize::from(heading.level));
        return Diagnostic::new(Code::MissingSection, source, heading.span, message).help(format!(
            "this `{hashes} {}` is a level-{} heading, and a section is a level-2 one: write it `## {}`",
            heading.text.trim(),
            heading.level,
            heading.text.trim()
        ));
    }
    if let Some((span, hashes, text)) = unspaced_heading(source, body, sections, kind) {
        return Diagnostic::new(Code::MissingSection, source, span, message).help(format!(
            "`{hashes}{text}` is not a heading: Markdown needs a space after the `#` marks; \
             write `{hashes} {text}`"
        ));
    }
    if let Some((heading, miss)) = near_miss(cx, body, kind, named) {
        named.push(heading.span);
        let text = heading.text.trim();
        let fix = if miss == Miss::Typo {
            // A misspelt name is renamed, never made an alias.
            format!("rename it `## {title}`")
        } else if miss == Miss::Labelled {
            // `## Decision: use AWS Lambda`: a section's heading is its name alone, and the
            // label is one of its names.
            let label = text.split(':').next().unwrap_or(title).trim();
            format!(
                "make it `## {label}` and say the rest in the section's first sentence \
                 (a section is known by its heading alone)"
            )
        } else {
            // `aliases` replaces the section's list: the ones it has now are written out,
            // or the other RFCs' `## Context` would stop counting.
            let aliases: Vec<String> = sections
                .aliases(kind)
                .iter()
                .map(|a| format!("{a:?}"))
                .chain([format!("{text:?}")])
                .collect();
            format!(
                "rename it `## {title}` (or set `aliases = [{}]` in `[rfc.sections.{}]` of \
                 book.toml: the list replaces the aliases it has)",
                aliases.join(", "),
                kind.name()
            )
        };
        return Diagnostic::new(Code::MissingSection, source, heading.span, message).help(format!(
            "if this heading holds the {}, {fix}; otherwise add a `## {title}` section",
            describe(kind),
        ));
    }
    let aliases = sections.aliases(kind);
    let also = match aliases {
        [] => String::new(),
        [one] => format!("; a heading `{one}` counts as it too"),
        [first @ .., last] => format!(
            "; headings {} or `{last}` count as it too",
            first
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let end = source.text().trim_end().len();
    Diagnostic::new(Code::MissingSection, source, Span::point(end), message).help(format!(
        "add a `## {title}` section with the {}{also}",
        describe(kind)
    ))
}

/// A line that would be the section's heading but for the space after its `#` marks
/// (`##Problem`), which CommonMark reads as a paragraph: with its span, its marks and its
/// text. Lines in fenced code are code, and those in an HTML comment are hidden.
fn unspaced_heading<'a>(
    source: &'a SourceFile,
    body: &Body,
    sections: &crate::config::Sections,
    kind: SectionKind,
) -> Option<(Span, &'a str, &'a str)> {
    let text = source.text();
    let mut at = body.start.min(text.len());
    let mut hidden = crate::parse::lines::Hidden::default();
    for line in text[at..].split_inclusive('\n') {
        let start = at;
        at += line.len();
        if hidden.covers(line.trim_end_matches(['\n', '\r'])) {
            continue;
        }
        let trimmed = line.trim_start_matches(' ');
        let content = trimmed.trim_end();
        let words = content.trim_start_matches('#');
        let marks = content.len() - words.len();
        if (1..=6).contains(&marks)
            && words.starts_with(|c: char| !c.is_whitespace())
            && sections.classify(words).contains(&kind)
        {
            let offset = start + (line.len() - trimmed.len());
            return Some((
                Span::new(offset, offset + content.len()),
                &content[..marks],
                words,
            ));
        }
    }
    None
}

/// A level-2 heading that no required section took, nor an earlier missing one, and that
/// may be `kind` under another name, with whether it is labelled: one that starts with
/// its title or an alias and a colon (`## Decision: use AWS Lambda`), else a typo of one
/// (`## Rationnale`), else the short heading sharing the most words with them
/// (`## Options weighed`, `## Context and problem statement`). A sentence that shares a
/// word is not a name.
/// How a heading may be a missing section: see [`near_miss`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Miss {
    Labelled,
    Typo,
    Similar,
}

fn near_miss<'a>(
    cx: &Context<'_>,
    body: &'a Body,
    kind: SectionKind,
    named: &[Span],
) -> Option<(&'a crate::model::Heading, Miss)> {
    let sections = &cx.schema.sections;
    let names: Vec<&str> = std::iter::once(sections.title(kind))
        .chain(sections.aliases(kind).iter().map(String::as_str))
        .collect();
    let taken: Vec<&Section> = cx
        .schema
        .required_sections
        .iter()
        .filter_map(|&k| chosen(cx, body, k))
        .collect();
    let free: Vec<&Section> = body
        .sections
        .iter()
        .filter(|s| !taken.iter().any(|t| std::ptr::eq(*t, *s)))
        .filter(|s| !named.contains(&s.heading.span))
        .collect();
    if let Some(labelled) = free.iter().find(|s| {
        s.heading
            .text
            .split_once(':')
            .is_some_and(|(label, _)| sections.classify(label).contains(&kind))
    }) {
        return Some((&labelled.heading, Miss::Labelled));
    }
    if let Some(typo) = free
        .iter()
        .find(|s| crate::suggest::closest(&s.heading.text, names.iter().copied()).is_some())
    {
        // `## 1. Problem` is the name with a number, which an alias may hold; letters
        // alone that differ are a misspelling.
        let words_only = typo
            .heading
            .text
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace());
        let miss = if words_only {
            Miss::Typo
        } else {
            Miss::Similar
        };
        return Some((&typo.heading, miss));
    }
    // The section under the name it has when book.toml does not rename it (`## Problem`
    // where `title = "Background"`).
    let defaults: Vec<&str> = std::iter::once(kind.default_title())
        .chain(kind.default_aliases().iter().copied())
        .collect();
    if let Some(default) = free.iter().find(|s| {
        defaults
            .iter()
            .any(|d| d.eq_ignore_ascii_case(s.heading.text.trim().trim_end_matches(':')))
    }) {
        return Some((&default.heading, Miss::Similar));
    }
    let wanted: Vec<String> = names.iter().flat_map(|n| words(n)).collect();
    free.iter()
        .filter(|s| s.heading.text.split_whitespace().count() <= 4)
        .map(|s| {
            let shared = words(&s.heading.text)
                .iter()
                .filter(|w| wanted.contains(w))
                .count();
            (shared, s)
        })
        .filter(|&(shared, _)| shared > 0)
        // The most words in common; of equals, the first heading.
        .max_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.1.heading.span.start.cmp(&a.1.heading.span.start))
        })
        .map(|(_, s)| (&s.heading, Miss::Similar))
}

/// The words of a heading that can tell sections apart: lower case, without short words
/// and a trailing plural `s`.
fn words(heading: &str) -> Vec<String> {
    const COMMON: &[&str] = &[
        "with", "from", "what", "that", "this", "into", "other", "about",
    ];
    heading
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !COMMON.contains(&w.as_str()))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.chars().count() >= 4 => stem.to_string(),
            _ => w,
        })
        .collect()
}

/// The section that stands for `kind`: the one under the kind's own title when there is
/// one, else the first under an alias. Other alias headings are ordinary sections: an
/// RFC may well have both "Rationale" and "Consequences".
fn chosen<'a>(cx: &Context<'_>, body: &'a Body, kind: SectionKind) -> Option<&'a Section> {
    let title = cx.schema.sections.title(kind);
    let mut matching = body.sections.iter().filter(|s| s.kinds.contains(&kind));
    let first = matching.clone().next();
    matching
        .find(|s| s.heading.text.trim().eq_ignore_ascii_case(title.trim()))
        .or(first)
}

/// The same canonical heading written twice is a duplicate: readers and tools cannot tell
/// which one holds the decision.
fn duplicates(source: &SourceFile, body: &Body, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(String, Span)> = Vec::new();
    for section in body.sections.iter().filter(|s| !s.kinds.is_empty()) {
        let text = section.heading.text.trim().to_lowercase();
        if let Some((_, first)) = seen.iter().find(|(t, _)| *t == text) {
            let kinds: Vec<&str> = section.kinds.iter().map(|k| k.name()).collect();
            out.push(
                Diagnostic::new(
                    Code::DuplicateSection,
                    source,
                    section.heading.span,
                    format!(
                        "`## {}` (the {} section) appears a second time",
                        section.heading.text,
                        kinds.join(" and ")
                    ),
                )
                .note(source, *first, "first written here")
                .help(
                    "merge the two sections, or rename this heading if it is about something else",
                ),
            );
        } else {
            seen.push((text, section.heading.span));
        }
    }
}

fn describe(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Problem => "problem being solved and why it matters now",
        SectionKind::Approach => "approach chosen and how it works",
        SectionKind::Alternatives => "alternatives considered and why each was not chosen",
        SectionKind::Rationale => "reasons that decided it",
    }
}

/// The fix for an address whose scheme is an http(s) one mistyped, as real archives
/// have them: `[thread]: (https://…)`, `hhttps://…`, `htps://…`. Browsers take the first
/// for a path and fail on the others, so the link is broken either way.
fn mistyped_scheme(scheme: &str) -> Option<String> {
    let bare = scheme.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
    if bare.len() < scheme.len() && matches!(bare, "http" | "https") {
        let before = &scheme[..scheme.len() - bare.len()];
        return Some(format!(
            "the address starts with `{before}`: write it from `{bare}:` on, without \
             brackets or quotes around it"
        ));
    }
    crate::suggest::closest(scheme, ["http", "https"])
        .map(|s| format!("did you mean `{s}:`? the address is spelled `{scheme}:`"))
}

fn unsafe_warning(source: &SourceFile, span: Span, what: &ActiveHtml) -> Diagnostic {
    let message = match what {
        ActiveHtml::Unkept(_) => format!(
            "{what} is left out of the site, which keeps only http(s), mailto and relative addresses"
        ),
        ActiveHtml::HeadingAttribute(_) => format!(
            "{what} is left out of the site, which keeps only a heading's `{{#id}}` and classes"
        ),
        _ => format!("{what} would run code in the reader's browser"),
    };
    if let ActiveHtml::Unkept(scheme) = what
        && let Some(help) = mistyped_scheme(scheme)
    {
        return Diagnostic::new(Code::UnsafeHtml, source, span, message).help(help);
    }
    // A `data:` address is most often a picture pasted in; other schemes name a file or
    // a service (`ftp:`, `file:`, `slack:`).
    if let ActiveHtml::Unkept(scheme) = what
        && !scheme.eq_ignore_ascii_case("data")
    {
        return Diagnostic::new(Code::UnsafeHtml, source, span, message).help(
            "link to an http(s) address instead, or put the file beside the RFC and link it \
             by its path (`[the spec](spec.pdf)`)",
        );
    }
    Diagnostic::new(Code::UnsafeHtml, source, span, message)
    .help(match what {
        ActiveHtml::Url(_) => "rfcbook removes the link's target from the site; link to an http(s) page instead, or show the code in a fenced code block",
        ActiveHtml::Handler(_) => "rfcbook removes the attribute from the site and keeps the element; drop it, or show the code in a fenced code block",
        ActiveHtml::Element(_) => "rfcbook removes it and what it holds from the site; show the code in a fenced code block, or link to what it embeds",
        ActiveHtml::Unkept(_) => "link to an http(s) address instead, or put the file beside the RFC and link it by its path (`![Diagram](diagram.png)`)",
        ActiveHtml::HeadingAttribute(_) => "remove it from the braces after the heading: GitHub shows the braces as text, and the site drops every `key=value` in them",
    })
}

/// What to do with a stale proposal, in the archive's own status names (rfcs/0011).
fn stale_help(cx: &Context<'_>, front: &FrontMatter) -> String {
    let name = |role| cx.schema.statuses.with_role(role).next();
    let decided: Vec<&str> = [StatusRole::Accepted, StatusRole::Rejected]
        .into_iter()
        .filter_map(name)
        .collect();
    let mut steps = vec![match decided.as_slice() {
        [] => "decide it".to_string(),
        [one] => format!("decide it (`{one}`"),
        [a, b, ..] => format!("decide it (`{a}` or `{b}`"),
    }];
    if !decided.is_empty() {
        // In a body, the `Date:` line is the decision's date once the status is decided.
        let date = if front.in_body {
            ")"
        } else {
            ", with `decided:`)"
        };
        steps[0].push_str(date);
    }
    if let Some(withdrawn) = name(StatusRole::Withdrawn) {
        steps.push(format!("withdraw it (`{withdrawn}`)"));
    }
    steps.push("raise `[rfc] stale-after-days`".into());
    let last = steps.pop().unwrap_or_default();
    format!("{}, or {last}", steps.join(", "))
}

fn life(cx: &Context<'_>, source: &SourceFile, front: &FrontMatter, out: &mut Vec<Diagnostic>) {
    let Some(status) = &front.status else { return };
    let role = cx.schema.statuses.role(status.value);
    if role == Some(StatusRole::Proposed)
        && let Some(created) = &front.created
    {
        let days = crate::model::days_between(created.value, cx.today);
        if days > i64::from(cx.schema.stale_after_days) {
            out.push(
                Diagnostic::new(
                    Code::StaleProposal,
                    source,
                    status.span,
                    format!(
                        "proposed {days} days ago (on {}), longer than the {} days allowed",
                        created.value, cx.schema.stale_after_days
                    ),
                )
                .help(stale_help(cx, front)),
            );
        }
    }
    if let Some(review) = &front.review_by
        && review.value < cx.today
        && role.is_none_or(StatusRole::is_live)
    {
        out.push(
            Diagnostic::new(
                Code::ReviewOverdue,
                source,
                review.span,
                format!("the review date {} has passed", review.value),
            )
            .help("revisit the decision, then set a new `review-by` date or remove it"),
        );
    }
}
