//! Rules on one RFC's body and its life: the canonical sections, the H1, proposals left
//! waiting, decisions due for review, and HTML that would run code.

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Body, FrontMatter, Rfc, Section, SectionKind, StatusRole};
use crate::parse::markdown::unsafe_html;
use crate::source::{SourceFile, Span};

pub(super) fn check(cx: &Context<'_>, rfc: &Rfc, out: &mut Vec<Diagnostic>) {
    let source = cx.source(rfc);
    let drafting = rfc
        .front
        .as_ref()
        .and_then(|f| f.status.as_ref())
        .and_then(|s| cx.schema.statuses.role(s.value))
        == Some(StatusRole::Draft);
    if let Some(body) = &rfc.body {
        sections(cx, source, body, drafting, out);
        for html in &body.unsafe_html {
            out.push(unsafe_warning(source, html.span, &html.what));
        }
    }
    let Some(front) = &rfc.front else { return };
    if let (Some(body), Some(title)) = (&rfc.body, &front.title)
        && let Some(h1) = &body.h1
        && h1.value.trim() != title.value.trim()
    {
        out.push(
            Diagnostic::new(
                Code::TitleMismatch,
                source,
                h1.span,
                format!(
                    "heading `{}` differs from title `{}`",
                    h1.value, title.value
                ),
            )
            .help("make the `# heading` and `title:` the same text; the site shows `title`"),
        );
    }
    for text in front.title.iter().chain(&front.discussion) {
        if let Some(what) = unsafe_html(&text.value) {
            out.push(unsafe_warning(source, text.span, &what));
        }
    }
    life(cx, source, front, out);
}

fn sections(
    cx: &Context<'_>,
    source: &SourceFile,
    body: &Body,
    drafting: bool,
    out: &mut Vec<Diagnostic>,
) {
    duplicates(source, body, out);
    for &kind in &cx.schema.required_sections {
        let title = cx.schema.sections.title(kind);
        match chosen(cx, body, kind) {
            // A draft is where the template's prompts belong; an RFC put up for a decision
            // (or decided) must say what it decided.
            Some(section) if !drafting && section.placeholder.is_some() => {
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
            None => {
                // Point at the end of the file, where the section would be added.
                let end = source.text().trim_end().len();
                out.push(
                    Diagnostic::new(
                        Code::MissingSection,
                        source,
                        Span::point(end),
                        format!("the required section `## {title}` is missing"),
                    )
                    .help(format!(
                        "add a `## {title}` section with the {} (or use one of its aliases)",
                        describe(kind)
                    )),
                );
            }
        }
    }
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

fn unsafe_warning(source: &SourceFile, span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnsafeHtml,
        source,
        span,
        format!("{what} would run code in the reader's browser"),
    )
    .help("rfcbook removes it from the site; describe the code in a fenced code block instead")
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
                    .help("decide it (accepted or rejected, with `decided:`), withdraw it, or raise `[rfc] stale-after-days`"),
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
