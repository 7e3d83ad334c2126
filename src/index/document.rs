//! What of an RFC is searchable: its title, each canonical section's plain text, the whole
//! body, authors, tags, status and dates, extracted from the model `check` built.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::archive::Archive;
use crate::config::{Config, RfcSchema};
use crate::model::{Rfc, SectionKind};
use crate::parse::markdown::{FirstParagraph, events, separates_words};
use crate::render::sanitize::{CodeElement, visible_text};

/// The searchable text of one RFC.
pub(crate) struct Searchable {
    pub id: u64,
    pub path: String,
    pub hash: u64,
    pub title: String,
    pub sections: [String; 4],
    pub body: String,
    /// What a result shows when nothing in the body matched (a title match): the same
    /// excerpt the site's search shows.
    pub excerpt: String,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub status: String,
    pub created: Option<i64>,
    pub decided: Option<i64>,
}

impl Searchable {
    pub(crate) fn section(&self, kind: SectionKind) -> &str {
        &self.sections[kind as usize]
    }
}

/// An RFC's tags and its authors' names (without their addresses), as words its body is
/// also found by: "database" finds the RFCs tagged database, "lovelace" those Ada wrote,
/// in both searches alike. Kept apart from the body's text, which snippets show.
pub(crate) fn label_words<'a>(
    tags: impl IntoIterator<Item = &'a str>,
    authors: impl IntoIterator<Item = &'a str>,
) -> String {
    let mut words = String::new();
    let names = authors
        .into_iter()
        .map(|a| a.split(['<', '(']).next().unwrap_or(a));
    for word in tags.into_iter().chain(names) {
        if !word.trim().is_empty() {
            words.push_str(word.trim());
            words.push(' ');
        }
    }
    words
}

/// A hash of the file's text and of what the index makes of it, so a changed file, or a
/// changed configuration of sections and statuses, is indexed again.
pub(crate) fn content_hash(text: &str, config_stamp: u64) -> u64 {
    let mut f = crate::render::Fingerprint::default();
    f.add(&config_stamp.to_le_bytes());
    f.add(text.as_bytes());
    f.finish()
}

pub(crate) fn extract(
    archive: &Archive,
    config: &Config,
    rfc: &Rfc,
    config_stamp: u64,
) -> Searchable {
    let source = archive.source(rfc);
    let front = rfc.front.as_ref();
    let title = title(archive, rfc, &config.rfc);
    let (sections, body, lead) = texts(archive, rfc);
    let excerpt = crate::index::web::excerpt(
        &sections[SectionKind::Problem as usize],
        body.get(lead..).unwrap_or(&body),
    );
    let date = |d: Option<&crate::source::Spanned<crate::model::Date>>| {
        d.map(|d| crate::model::day_number(d.value))
    };
    Searchable {
        id: rfc.id.map_or(0, |i| u64::from(i.0)),
        path: source.rel.clone(),
        hash: content_hash(source.text(), config_stamp),
        title,
        sections,
        body,
        excerpt,
        authors: front.map_or(Vec::new(), |f| {
            f.authors.iter().map(|a| a.value.clone()).collect()
        }),
        tags: front.map_or(Vec::new(), |f| {
            f.tags.iter().map(|t| t.value.clone()).collect()
        }),
        status: config
            .rfc
            .statuses
            .shown(front.and_then(|f| f.status.as_ref()).map(|s| s.value))
            .to_string(),
        created: date(front.and_then(|f| f.created.as_ref())),
        decided: date(front.and_then(|f| f.decided.as_ref())),
    }
}

/// The plain text of each canonical section and of the whole body (without the `# title`),
/// from one pass over the Markdown, and where the body's first paragraph starts in it
/// ([`FirstParagraph`]). Section headings belong to the body, not the section.
pub(crate) fn texts(archive: &Archive, rfc: &Rfc) -> ([String; 4], String, usize) {
    let mut sections: [String; 4] = Default::default();
    let mut body = String::new();
    let mut lead = FirstParagraph::default();
    let Some(parsed) = &rfc.body else {
        return (sections, body, 0);
    };
    // Headings that open a canonical section, by their offset in the file.
    let starts: Vec<(usize, &[SectionKind])> = parsed
        .sections
        .iter()
        .map(|s| (s.heading.span.start, s.kinds.as_slice()))
        .collect();
    let title_at = parsed.h1.as_ref().map(|h| h.span.start);
    let text = &archive.source(rfc).text()[parsed.start..];
    let mut current: &[SectionKind] = &[];
    let mut heading: Option<usize> = None;
    // Raw HTML's text, as the site's search reads it: a block whole (a tag may span
    // its lines), a script or style left out, also when inline HTML opened it.
    let mut block: Option<String> = None;
    let mut code = CodeElement::default();
    for (event, range) in events(text) {
        let at = parsed.start + range.start;
        let event = match event {
            // Up to an end tag in the text itself (`</script foo>`), as on the page.
            Event::Text(t) if code.is_open() => match code.text_after(&t) {
                Some(rest) if !rest.is_empty() => Event::Text(pulldown_cmark::CowStr::from(rest)),
                _ => continue,
            },
            Event::Code(_) | Event::SoftBreak | Event::HardBreak if code.is_open() => continue,
            event => event,
        };
        let html = match &event {
            Event::Start(Tag::HtmlBlock) => {
                block = Some(String::new());
                None
            }
            Event::Html(html) if block.is_some() => {
                if let Some(b) = &mut block {
                    b.push_str(html);
                }
                None
            }
            Event::End(TagEnd::HtmlBlock) => block.take().map(|b| (b, true)),
            Event::Html(html) => Some((html.to_string(), true)),
            Event::InlineHtml(html) => Some((html.to_string(), false)),
            _ => None,
        };
        // As on the page: a script or style left open ends with its block, and one a
        // whole block leaves open ends with it too.
        let block_end = CodeElement::ends_block(&event);
        if block_end {
            code.end();
        }
        if let Some((html, whole)) = html {
            let mut shown = String::new();
            visible_text(&html, &mut code, whole, &mut shown);
            body.push_str(&shown);
            for kind in current {
                sections[*kind as usize].push_str(&shown);
            }
        }
        if block_end {
            code.end();
        }
        lead.see(&event, body.len());
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if level == pulldown_cmark::HeadingLevel::H2 {
                    current = starts
                        .iter()
                        .find(|(s, _)| *s == at)
                        .map_or(&[], |(_, k)| *k);
                }
                heading = Some(at);
            }
            Event::End(TagEnd::Heading(_)) => {
                heading = None;
                body.push('\n');
            }
            // The title is a field of its own.
            Event::Text(_) | Event::Code(_) if heading.is_some() && heading == title_at => {}
            Event::Text(t) | Event::Code(t) => {
                body.push_str(&t);
                if heading.is_none() {
                    for kind in current {
                        sections[*kind as usize].push_str(&t);
                    }
                }
            }
            // As the page's search text is made (`separates_words`): a space only where
            // the source has one outside any text.
            event if separates_words(&event) => {
                body.push(' ');
                for kind in current {
                    sections[*kind as usize].push(' ');
                }
            }
            _ => {}
        }
    }
    (sections, body, lead.at())
}

/// An RFC's title: `title:`, else its leading `# heading`, else words of its file name
/// (`3501-edition-2024.md` → "Edition 2024"), as archives without front matter need; a
/// file named by its number alone (`eip-20.md`, a record that moved: rfcs/0034) is
/// titled by its status ("Moved"), which is what a reader of a list learns of it.
pub(crate) fn title(archive: &Archive, rfc: &Rfc, schema: &RfcSchema) -> String {
    title_of(rfc, &archive.source(rfc).rel, schema)
}

/// [`title`] of an RFC whose source path (relative to the root) is `rel`.
pub(crate) fn title_of(rfc: &Rfc, rel: &str, schema: &RfcSchema) -> String {
    if let Some(t) = rfc.front.as_ref().and_then(|f| f.title.as_ref()) {
        return t.value.clone();
    }
    if let Some(h) = rfc.body.as_ref().and_then(|b| b.h1.as_ref()) {
        return h.value.clone();
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let slug = schema.file_name.slug(name).unwrap_or_else(|| {
        stem.trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['-', '_'])
    });
    let status = rfc.front.as_ref().and_then(|f| f.status.as_ref());
    let words = match slug.trim_matches(['-', '_']) {
        "" => status
            .map_or(stem, |s| schema.statuses.name(s.value))
            .to_string(),
        slug => slug.replace(['-', '_'], " "),
    };
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => stem.to_string(),
    }
}
