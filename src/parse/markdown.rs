//! The Markdown body: the one place that configures pulldown-cmark, so `check`, the search
//! index and the site all read the same document (rfcs/0004). Reduces the event stream to
//! headings, sections, links, "RFC N" mentions and unsafe HTML, each with its span.

use std::ops::Range;

use pulldown_cmark::{
    CowStr, Event, HeadingLevel, LinkType, OffsetIter, Options, Parser, Tag, TagEnd,
};

use std::collections::BTreeMap;

use crate::config::Sections;
use crate::model::{ActiveHtml, Body, Heading, Link, RfcId, Section, SectionKind, UnsafeHtml};
use crate::naming::MentionWord;
use crate::render::sanitize::{CodeElement, active_parts, decode_entities, url_left_out};
use crate::source::{Span, Spanned};

/// The Markdown dialect of an RFC: CommonMark plus GitHub's common extensions.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        // `$…$` and `$$…$$` as GitHub reads them: TeX is kept as written (its `_` made
        // emphasis of EIPs' formulas), shown as TeX, for no renderer is fetched.
        | Options::ENABLE_MATH
        // GitHub's alerts: `> [!NOTE]`, `> [!WARNING]`… (the marker line was shown as text).
        | Options::ENABLE_GFM
}

/// The events of `text` with their byte ranges: the one parser of RFC bodies.
///
/// pulldown-cmark takes any `{…}` at the end of a heading for its attributes (`{#id
/// .class key=value}`), so a template's prompt `### {title of option 1}` (MADR's, for
/// one) became an empty heading with attributes `title`, `of`… Here a block with a bare
/// word in it is the heading's text, as GitHub shows it and as pandoc reads it; a block
/// of ids, classes and `key=value` pairs stays attributes.
pub fn events(text: &str) -> Events<'_> {
    Events {
        text,
        parser: Parser::new_ext(text, options()).into_offset_iter(),
        literal: None,
        content: false,
        held: None,
    }
}

/// See [`events`].
pub struct Events<'a> {
    text: &'a str,
    parser: OffsetIter<'a>,
    /// In a heading whose braces are text: where they are.
    literal: Option<Range<usize>>,
    /// Whether that heading has had text before its braces.
    content: bool,
    /// The end of that heading, given after its braces.
    held: Option<(Event<'a>, Range<usize>)>,
}

impl<'a> Iterator for Events<'a> {
    type Item = (Event<'a>, Range<usize>);

    /// Every event of every body passes here: the common case is one branch, and the
    /// rare headings with braces are handled out of line.
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.held.is_some() || self.literal.is_some() {
            return self.in_literal_heading();
        }
        // Handed on as it came: rebuilding the `Some` copied every event (a tenth of
        // `check`'s time in this function).
        let item = self.parser.next();
        if let Some((Event::Start(Tag::Heading { attrs, .. }), _)) = &item
            && !attrs.is_empty()
        {
            return self.heading_with_braces(item);
        }
        item
    }
}

impl<'a> Events<'a> {
    /// The body's link reference definitions, by label in lower case, with where each
    /// leads and where it is written (`base` is the body's first byte in the file). Known before the first
    /// event: pulldown-cmark reads the blocks, definitions among them, first.
    pub(crate) fn definitions(&self, base: usize) -> Vec<(String, String, Span)> {
        self.parser
            .reference_definitions()
            .iter()
            .map(|(label, def)| {
                let span = Span::new(base + def.span.start, base + def.span.end);
                (label.to_lowercase(), def.dest.to_string(), span)
            })
            .collect()
    }

    /// A heading whose attributes have a bare word: its braces are text if they can be
    /// found in the source.
    #[cold]
    fn heading_with_braces(
        &mut self,
        item: Option<(Event<'a>, Range<usize>)>,
    ) -> Option<(Event<'a>, Range<usize>)> {
        let Some((Event::Start(Tag::Heading { level, attrs, .. }), range)) = &item else {
            return item;
        };
        if !attrs.iter().any(|(_, value)| value.is_none()) {
            return item;
        }
        let Some(literal) = braces(self.text, range.clone()) else {
            return item;
        };
        let range = range.clone();
        let heading = Tag::Heading {
            level: *level,
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        };
        self.literal = Some(literal);
        self.content = false;
        Some((Event::Start(heading), range))
    }

    /// Inside such a heading: its events, then its braces as text before its end.
    #[cold]
    fn in_literal_heading(&mut self) -> Option<(Event<'a>, Range<usize>)> {
        if let Some(held) = self.held.take() {
            return Some(held);
        }
        let (event, range) = self.parser.next()?;
        if !matches!(event, Event::End(TagEnd::Heading(_))) {
            self.content = true;
            return Some((event, range));
        }
        let at = self.literal.take().unwrap_or_default();
        let braces = &self.text[at.clone()];
        let text = match self.content {
            true => CowStr::from(format!(" {braces}")),
            false => CowStr::Borrowed(braces),
        };
        self.held = Some((event, range));
        Some((Event::Text(text), at))
    }
}

/// Where the `{…}` that ends the heading at `heading` in `text` is: at the end of its only
/// line (`#` headings, before any closing `#`s) or of its last line above the underline.
fn braces(text: &str, heading: Range<usize>) -> Option<Range<usize>> {
    let source = &text[heading.clone()];
    let lines: Vec<&str> = source.lines().collect();
    let line = match source.trim_start().starts_with('#') {
        true => *lines.first()?,
        false => *lines.iter().rev().nth(1)?,
    };
    let mut content = line.trim_end();
    let closed = content.trim_end_matches('#');
    if closed.len() < content.len() && closed.ends_with([' ', '\t']) {
        content = closed.trim_end();
    }
    let open = content.strip_suffix('}')?.rfind('{')?;
    // `line` is a slice of `source`.
    let start = heading.start + (line.as_ptr() as usize - source.as_ptr() as usize);
    Some(start + open..start + content.len())
}

/// Where a body's first paragraph of its own starts in its search text: what a result
/// shows of an RFC without a Problem section starts there, not with the facts an
/// archive lists under the title (`- Start Date: …`, `- RFC PR: …`) or another list.
#[derive(Default)]
pub(crate) struct FirstParagraph {
    /// Lists, quotes, tables and footnotes open around the current event.
    depth: u32,
    at: Option<usize>,
}

impl FirstParagraph {
    /// Sees the next event, with the search text's length before it.
    pub(crate) fn see(&mut self, event: &Event<'_>, text_len: usize) {
        match event {
            Event::Start(
                Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_) | Tag::FootnoteDefinition(_),
            ) => self.depth += 1,
            Event::End(
                TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition,
            ) => self.depth = self.depth.saturating_sub(1),
            Event::Start(Tag::Paragraph) if self.depth == 0 && self.at.is_none() => {
                self.at = Some(text_len);
            }
            _ => {}
        }
    }

    /// Where the first paragraph starts, or the start when the body has none.
    pub(crate) fn at(&self) -> usize {
        self.at.unwrap_or(0)
    }
}

/// Whether `event` stands between two words although no text holds the space: a line
/// break, the end of a block, list item or table cell, an HTML tag. Search's text puts a
/// space there and nowhere else, so that `` `Iterator`, but `` reads "Iterator, but".
pub(crate) fn separates_words(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::SoftBreak
            | Event::HardBreak
            | Event::Rule
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::TaskListMarker(_)
            | Event::Start(
                Tag::Paragraph
                    | Tag::Item
                    | Tag::TableCell
                    | Tag::BlockQuote(_)
                    | Tag::FootnoteDefinition(_)
                    | Tag::CodeBlock(_)
            )
            | Event::End(
                TagEnd::Paragraph
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::TableRow
                    | TagEnd::TableHead
                    | TagEnd::BlockQuote(_)
                    | TagEnd::FootnoteDefinition
                    | TagEnd::CodeBlock
                    | TagEnd::Heading(_)
            )
    )
}

/// Whether `text`, with runs of whitespace as one space, continues `expected` after its
/// first `at` bytes; advances `at` over what it matched. `space` carries whitespace seen at
/// the end of one piece of text to the next.
fn follows(expected: &str, at: &mut usize, space: &mut bool, text: &str) -> bool {
    let expected = expected.as_bytes();
    for word in text.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end_matches(char::is_whitespace);
        if !trimmed.is_empty() {
            if *space && *at > 0 {
                if expected.get(*at) != Some(&b' ') {
                    return false;
                }
                *at += 1;
            }
            let end = *at + trimmed.len();
            if expected.get(*at..end) != Some(trimmed.as_bytes()) {
                return false;
            }
            *at = end;
            *space = false;
        }
        if trimmed.len() < word.len() {
            *space = true;
        }
    }
    true
}

/// Reads the body starting at byte `base` of `text`; `word` names RFCs in its prose.
pub fn parse(text: &str, base: usize, sections: &Sections, word: MentionWord) -> Body {
    let mut reader = Reader::new(&text[base..], word);
    let body = table_tabs(&text[base..]);
    let events = events(&body);
    reader.define(events.definitions(base));
    for (event, range) in events {
        reader.event(
            &event,
            Span::new(base + range.start, base + range.end),
            sections,
        );
    }
    reader.finish(base)
}

/// `text` with the tabs of table delimiter rows (`|:----:\t|`) made spaces, which GitHub
/// reads as a table and pulldown-cmark as a paragraph of pipes (the EIPs have such
/// tables). A tab is one byte as a space is: every offset stays where it was. Borrowed
/// when the text has no tab.
pub(crate) fn table_tabs(text: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'\t', text.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let delimiter = |line: &str| {
        line.contains('|')
            && line.contains('-')
            && line.contains('\t')
            && line
                .bytes()
                .all(|b| matches!(b, b'|' | b':' | b'-' | b' ' | b'\t' | b'\r'))
    };
    if !text.lines().any(delimiter) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if delimiter(line.trim_end_matches('\n')) {
            out.push_str(&line.replace('\t', " "));
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A template's title: its front matter's `title:` value, else its first `# heading`.
pub(crate) fn template_title(template: &str) -> Option<String> {
    let text = template.strip_prefix('\u{feff}').unwrap_or(template);
    let (front, body) = match super::front_matter::split(text) {
        Ok(split) => (&text[..split.body_start], &text[split.body_start..]),
        Err(_) => ("", text),
    };
    let in_front = front.lines().find_map(|l| l.strip_prefix("title:"));
    let value = in_front
        .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
        .or_else(|| {
            body.lines()
                .map(str::trim)
                .find(|l| l.starts_with('#'))
                .and_then(|l| l.strip_prefix("# "))
                .map(|t| t.trim().to_string())
        })?;
    Some(value)
}

/// Per canonical kind, the first paragraph of that section in `template` (front matter
/// skipped), as plain text with runs of whitespace made one space: what [`Reader`]
/// compares each section's first paragraph with.
pub(crate) fn placeholders(template: &str, sections: &Sections) -> BTreeMap<SectionKind, String> {
    let start = super::front_matter::split(template).map_or(0, |s| s.body_start);
    let mut found = BTreeMap::new();
    let mut heading: Option<String> = None;
    let mut kinds: Vec<SectionKind> = Vec::new();
    let mut lead: Option<String> = None;
    let mut space = false;
    for (event, _) in events(&template[start..]) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = (level == HeadingLevel::H2).then(String::new);
                kinds.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(text) = heading.take() {
                    kinds = sections.classify(&text).to_vec();
                }
            }
            Event::Text(t) | Event::Code(t) => match (&mut heading, &mut lead) {
                (Some(h), _) => h.push_str(&t),
                (None, Some(l)) => push_words(l, &mut space, &t),
                _ => kinds.clear(),
            },
            Event::SoftBreak | Event::HardBreak => space = true,
            Event::Start(Tag::Paragraph) if !kinds.is_empty() => {
                lead = Some(String::new());
                space = false;
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(text) = lead.take().filter(|t| !t.is_empty()) {
                    for kind in kinds.drain(..) {
                        found.entry(kind).or_insert_with(|| text.clone());
                    }
                }
            }
            // Inline markup inside the first paragraph is not part of its text, and a
            // prompt may be quoted.
            Event::Start(_) | Event::End(_) if lead.is_some() => {}
            Event::Start(Tag::BlockQuote(_)) | Event::End(TagEnd::BlockQuote(_)) => {}
            // Anything else before a paragraph: the section has no placeholder.
            _ if heading.is_none() => kinds.clear(),
            _ => {}
        }
    }
    found
}

/// Appends `text` to `out` with runs of whitespace made one space and none at the start;
/// `space` carries whitespace at the end of one piece of text to the next, as [`follows`]
/// reads them.
fn push_words(out: &mut String, space: &mut bool, text: &str) {
    for word in text.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end_matches(char::is_whitespace);
        if !trimmed.is_empty() {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(trimmed);
            *space = false;
        }
        if trimmed.len() < word.len() {
            *space = true;
        }
    }
}

/// How far the open section's first paragraph agrees with the template's placeholder.
#[derive(Default)]
enum Lead {
    /// Nothing to compare: no placeholder for the section, or the comparison is over.
    #[default]
    Done,
    /// The section has a placeholder and no content yet.
    Waiting(SectionKind),
    /// In the first paragraph: `at` bytes of the placeholder matched so far, and whether
    /// whitespace came after them.
    Matching {
        kind: SectionKind,
        at: usize,
        space: bool,
        span: Span,
    },
}

/// The body's model, event by event: [`parse`] feeds it, and so does the page renderer,
/// which reads a body once for both the model and its HTML (rfcs/0015).
#[derive(Default)]
pub(crate) struct Reader {
    body: Body,
    heading: Option<OpenHeading>,
    section: Option<Section>,
    anchors: Anchors,
    code_block: bool,
    /// Depth of links and images: a mention in their text is not one of its own.
    in_link: usize,
    scan_mentions: bool,
    word: MentionWord,
    /// Inside an HTML comment that an earlier line of a block opened.
    in_comment: bool,
    lead: Lead,
    /// In a Markdown image: where it is, and whether its alternative text has words.
    image: Option<(Span, bool)>,
    /// Raw HTML is given line by line: an `<img` whose tag goes on to the next line, with
    /// where it began; and whether a comment is open, for the image check alone.
    open_img: Option<(String, Span)>,
    img_comment: bool,
    /// The HTML block being read, whole, as the page sanitises it, with where each of its
    /// lines starts in it and in the file: a tag may go on over lines.
    html_block: Option<(String, Vec<(usize, Span)>)>,
    /// The script or style raw HTML has open, followed as the page follows it.
    code: CodeElement,
    /// The body's link reference definitions (`[spec]: ./0012-spec.md`), by label in
    /// lower case: a link that uses one leads where the definition says, so that is
    /// where its target is checked and reported, once however often it is used.
    definitions: Vec<(String, String, Span)>,
}

struct OpenHeading {
    level: u8,
    id: Option<String>,
    text: String,
    span: Span,
}

impl Reader {
    /// A reader for `body`, the text its events come from.
    pub(crate) fn new(body: &str, word: MentionWord) -> Reader {
        Reader {
            // Most bodies mention no RFC at all: one SIMD search spares a scan of every
            // text.
            // (`memmem::find` built a searcher per body: as much again as the search.)
            scan_mentions: memchr::memchr_iter(word.as_bytes()[0], body.as_bytes())
                .any(|i| body.as_bytes()[i..].starts_with(word.as_bytes())),
            word,
            ..Reader::default()
        }
    }

    /// Tells the reader the body's link reference definitions, from [`Events::definitions`].
    pub(crate) fn define(&mut self, definitions: Vec<(String, String, Span)>) {
        self.definitions = definitions;
    }

    /// The body read so far, whose first byte is byte `base` of the file.
    pub(crate) fn finish(mut self, base: usize) -> Body {
        self.finish_section();
        self.body.start = base;
        self.body
    }

    /// Whether the body's title heading has been read (a first `#` heading that names
    /// no part).
    pub(crate) fn title_heading(&self) -> Option<&str> {
        self.body.h1.as_ref().map(|h| h.value.as_str())
    }

    /// The last heading closed.
    pub(crate) fn last_heading(&self) -> Option<&Heading> {
        self.body.headings.last()
    }

    /// Whether the open section is of `kind`.
    pub(crate) fn in_section(&self, kind: crate::model::SectionKind) -> bool {
        self.section
            .as_ref()
            .is_some_and(|s| s.kinds.contains(&kind))
    }

    pub(crate) fn event(&mut self, event: &Event<'_>, span: Span, sections: &Sections) {
        // Most events are neither HTML nor inside a script: passed over in one test.
        if self.code.is_open()
            || matches!(
                event,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Start(Tag::HtmlBlock)
                    | Event::End(TagEnd::HtmlBlock)
            )
        {
            let block_end = CodeElement::ends_block(event);
            if block_end {
                self.code.end();
            }
            self.active_html(event, span);
            if block_end {
                self.code.end();
            }
        }
        if let Some(h) = &mut self.heading {
            match event {
                Event::Text(t) | Event::Code(t) => h.text.push_str(t),
                Event::End(TagEnd::Heading(_)) => {
                    self.close_heading(sections);
                    return;
                }
                _ => {}
            }
        } else {
            self.lead(event, span, sections);
            self.mark_content(event);
            match event {
                Event::Start(Tag::Heading {
                    level, id, attrs, ..
                }) => {
                    // `{key=value}` after a heading: the page keeps none of them, and
                    // a handler among them would run code (`{onfocus=… autofocus}`).
                    for (key, _) in attrs {
                        let name = key.to_ascii_lowercase();
                        let what = if name.starts_with("on") {
                            ActiveHtml::Handler(name)
                        } else {
                            ActiveHtml::HeadingAttribute(name)
                        };
                        self.body.unsafe_html.push(UnsafeHtml { what, span });
                    }
                    self.heading = Some(OpenHeading {
                        level: heading_level(*level),
                        id: id.as_ref().map(|i| i.to_string()),
                        text: String::new(),
                        span,
                    });
                    return;
                }
                Event::Start(Tag::CodeBlock(_)) => self.code_block = true,
                Event::End(TagEnd::CodeBlock) => self.code_block = false,
                _ => {}
            }
        }
        // What a text holds, in a heading or not: a heading's links are links like any
        // (`### [EIP-161](./eip-161.md) handling`), checked and references of what they
        // lead to.
        match event {
            Event::Start(Tag::Image { .. }) => self.image = Some((span, false)),
            Event::End(TagEnd::Image) => {
                if let Some((span, false)) = self.image.take() {
                    self.body.images_without_alt.push(span);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, words)) = &mut self.image
                    && !t.trim().is_empty()
                {
                    *words = true;
                }
            }
            _ => {}
        }
        match event {
            // "RFC 3" in a link's text is the link's business: to another site, it is
            // another series' RFC 3; to a file, the link names the RFC and is checked as
            // a link (a broken one was reported twice, as a link and as a mention).
            Event::Start(
                Tag::Link {
                    dest_url,
                    link_type,
                    id,
                    ..
                }
                | Tag::Image {
                    dest_url,
                    link_type,
                    id,
                    ..
                },
            ) => {
                self.in_link += 1;
                match self.definition(*link_type, id, dest_url) {
                    // Its definition's target is checked once, at the definition.
                    Some(at) if self.body.links.iter().any(|l| l.span == at) => {}
                    Some(at) => self.link(dest_url, at),
                    None => self.link(dest_url, span),
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.in_link = self.in_link.saturating_sub(1);
            }
            Event::Text(t) if !self.code_block => self.mentions(t, span),
            Event::Html(html) | Event::InlineHtml(html) => self.html(html, span),
            _ => {}
        }
    }

    fn close_heading(&mut self, sections: &Sections) {
        let Some(h) = self.heading.take() else { return };
        let text = h.text.trim().to_string();
        let anchor = self.anchors.claim(h.id.as_deref().unwrap_or(&slug(&text)));
        let heading = Heading {
            level: h.level,
            text: text.clone(),
            anchor,
            span: h.span,
        };
        // The title heading is the first heading, when it is a `#` one that does not name
        // a part (`# Summary`); a stray `#` deep in the text is an ordinary heading.
        if h.level == 1 && self.body.headings.is_empty() && !sections.heads_a_part(&text) {
            // The number a title starts with (`# ADR032: …`) numbers the record itself,
            // rightly or not (RFC0113 says which): it refers to no other record.
            if let Some((number, _)) = super::body_metadata::heading_number(&text) {
                let span = h.span;
                self.body.mentions.retain(|m| {
                    !(m.value.0 == number && m.span.start >= span.start && m.span.end <= span.end)
                });
            }
            self.body.h1 = Some(Spanned::new(text.clone(), h.span));
        }
        if h.level <= 2 {
            self.finish_section();
        }
        if h.level == 2 {
            let kinds = sections.classify(&text).to_vec();
            self.lead = kinds
                .iter()
                .find(|&&k| sections.placeholder(k).is_some())
                .map_or(Lead::Done, |&k| Lead::Waiting(k));
            self.section = Some(Section {
                kinds,
                heading: heading.clone(),
                is_empty: true,
                placeholder: None,
            });
        } else if h.level == 1 {
            self.lead = Lead::Done;
        }
        self.body.headings.push(heading);
    }

    /// Compares the open section's first paragraph with its placeholder, as its events
    /// arrive: most sections differ within a few characters, so this costs next to
    /// nothing.
    fn lead(&mut self, event: &Event<'_>, span: Span, sections: &Sections) {
        match (&mut self.lead, event) {
            (Lead::Done, _) => {}
            (&mut Lead::Waiting(kind), Event::Start(Tag::Paragraph)) => {
                self.lead = Lead::Matching {
                    kind,
                    at: 0,
                    space: false,
                    span,
                };
            }
            // A prompt may be quoted (`> the facts behind the decision`).
            (
                Lead::Waiting(_),
                Event::Start(Tag::BlockQuote(_))
                | Event::End(_)
                | Event::SoftBreak
                | Event::HardBreak,
            ) => {}
            (Lead::Waiting(_), _) => self.lead = Lead::Done,
            (
                Lead::Matching {
                    kind, at, space, ..
                },
                Event::Text(t) | Event::Code(t),
            ) => {
                let expected = sections.placeholder(*kind).unwrap_or_default();
                if !follows(expected, at, space, t) {
                    self.lead = Lead::Done;
                }
            }
            (Lead::Matching { space, .. }, Event::SoftBreak | Event::HardBreak) => *space = true,
            (Lead::Matching { kind, at, span, .. }, Event::End(TagEnd::Paragraph)) => {
                if *at == sections.placeholder(*kind).map_or(usize::MAX, str::len)
                    && let Some(section) = &mut self.section
                {
                    section.placeholder = Some(*span);
                }
                self.lead = Lead::Done;
            }
            // Emphasis and other inline markup: not part of the text.
            (Lead::Matching { .. }, _) => {}
        }
    }

    fn finish_section(&mut self) {
        if let Some(section) = self.section.take() {
            self.body.sections.push(section);
        }
    }

    /// Anything but whitespace and headings counts as content of the open section.
    fn mark_content(&mut self, event: &Event<'_>) {
        let Some(section) = &mut self.section else {
            return;
        };
        // Found already; raw HTML is still read, for the comments it opens.
        if !section.is_empty && !matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            return;
        }
        let content = match event {
            Event::Start(Tag::Heading { .. } | Tag::HtmlBlock) | Event::End(_) => false,
            Event::Text(t) => !t.trim().is_empty(),
            // A rule or a comment (`<!-- Describe the problem -->`) shows nothing: a
            // section of them alone was never written.
            Event::SoftBreak | Event::HardBreak | Event::Rule => false,
            Event::Html(html) | Event::InlineHtml(html) => {
                !outside_comments(html, &mut self.in_comment)
                    .trim()
                    .is_empty()
            }
            _ => true,
        };
        if content {
            section.is_empty = false;
        }
    }

    /// Notes the `<img>` tags without `alt` in a line of raw HTML, outside comments; a tag
    /// written over several lines (`<img src="a.png"` then `alt="…">`) is judged whole.
    fn images(&mut self, html: &str, span: Span) {
        let visible = outside_comments(html, &mut self.img_comment);
        let (text, at) = match self.open_img.take() {
            Some((mut before, at)) => {
                before.push('\n');
                before.push_str(&visible);
                (before, at)
            }
            None if visible.contains("<img") || visible.contains("<IMG") => {
                (visible.into_owned(), span)
            }
            None => return,
        };
        let lower = text.to_ascii_lowercase();
        if lower
            .rfind("<img")
            .is_some_and(|last| !lower[last..].contains('>'))
        {
            self.open_img = Some((text, at));
            return;
        }
        if let Some(&(start, end)) = images_without_alt(&text).first() {
            // The tag itself, when this fragment is the source as written (one line, no
            // comment cut out of it); else the fragment.
            let exact = at == span && text.len() == span.end - span.start;
            self.body.images_without_alt.push(if exact {
                Span::new(span.start + start, span.start + end)
            } else {
                at
            });
        }
    }

    /// Where the definition a reference link uses is written.
    fn definition(&self, link_type: LinkType, label: &str, dest: &str) -> Option<Span> {
        if self.definitions.is_empty()
            || !matches!(
                link_type,
                LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
            )
        {
            return None;
        }
        let label = label.to_lowercase();
        // By its label; else by where it leads, for labels that pulldown-cmark folds
        // further than lower case does (`Straße` is `STRASSE`).
        self.definitions
            .iter()
            .find(|(l, _, _)| *l == label)
            .or_else(|| self.definitions.iter().find(|(_, d, _)| d == dest))
            .map(|&(_, _, span)| span)
    }

    fn link(&mut self, dest: &str, span: Span) {
        let dest = dest.trim().to_string();
        if let Some(what) = url_left_out(&dest) {
            self.body.unsafe_html.push(UnsafeHtml { what, span });
        }
        self.body.links.push(Link { dest, span });
    }

    fn mentions(&mut self, text: &str, span: Span) {
        if self.in_link > 0 || !self.scan_mentions {
            return;
        }
        for (offset, id) in find_mentions(text, self.word) {
            // Text events are unescaped, so an offset is exact only when the source
            // matches the text; otherwise point at the start of the text run.
            let (start, len) = if span.end - span.start == text.len() {
                (span.start + offset, mention_len(&text[offset..], self.word))
            } else {
                (span.start, 3)
            };
            self.body
                .mentions
                .push(Spanned::new(id, Span::new(start, start + len)));
        }
    }

    /// Notes raw HTML that would run code, found as the page's sanitiser finds it: an HTML
    /// block whole, inline HTML tag by tag, text inside an inline `<script>` read for its
    /// end tag.
    fn active_html(&mut self, event: &Event<'_>, span: Span) {
        match event {
            Event::Start(Tag::HtmlBlock) => self.html_block = Some(Default::default()),
            Event::Html(html) if let Some((text, lines)) = &mut self.html_block => {
                lines.push((text.len(), span));
                text.push_str(html);
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((text, lines)) = self.html_block.take() {
                    let found = &mut self.body.unsafe_html;
                    active_parts(&text, &mut self.code, true, &mut |what, range| {
                        let span = source_span(&text, &lines, range);
                        found.push(UnsafeHtml { what, span });
                    });
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let block = matches!(event, Event::Html(_));
                let lines = [(0, span)];
                let found = &mut self.body.unsafe_html;
                active_parts(html, &mut self.code, block, &mut |what, range| {
                    let span = source_span(html, &lines, range);
                    found.push(UnsafeHtml { what, span });
                });
            }
            Event::Text(text) if self.code.is_open() => {
                self.code.text_after(text);
            }
            _ => {}
        }
    }

    fn html(&mut self, html: &str, span: Span) {
        self.body.html_anchors.extend(html_anchors(html));
        self.images(html, span);
        // `<img src="…">` and `<a href="…">` lead where Markdown's would (the build
        // rewrites them alike), so they are checked alike.
        if html.contains("href=") || html.contains("src=") {
            let targets = attribute_values(html, &[" href=", " src=", "\nhref=", "\nsrc="]);
            // The value itself, where the fragment is the source byte for byte (pulldown
            // hands over a block line by line as written; inside a list it strips indent).
            let exact = html.len() == span.end - span.start;
            for (at, dest) in targets {
                let span = if exact {
                    Span::new(span.start + at, span.start + at + dest.len())
                } else {
                    span
                };
                // As a browser reads it: `&amp;` in a query, `&#x61;` in a scheme.
                self.body.links.push(Link {
                    dest: decode_entities(dest.trim()),
                    span,
                });
            }
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// The length of "RFC 12", "RFC-12" or "RFC12" at the start of `text`.
pub(crate) fn mention_len(text: &str, word: MentionWord) -> usize {
    let length = word.as_bytes().len();
    let after = &text[length..];
    let sep = after
        .chars()
        .next()
        .filter(|c| matches!(c, ' ' | '-' | '\u{a0}'))
        .map_or(0, char::len_utf8);
    let digits = after[sep..].bytes().take_while(u8::is_ascii_digit).count();
    length + sep + digits
}

/// The parts of a raw HTML line outside comments; `open` says whether a comment began on
/// an earlier line and is not closed yet, and is left so for the next.
fn outside_comments<'h>(html: &'h str, open: &mut bool) -> std::borrow::Cow<'h, str> {
    if !*open && !html.contains("<!--") {
        return html.into();
    }
    let mut out = String::new();
    let mut rest = html;
    loop {
        if *open {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *open = false;
                }
                None => return out.into(),
            }
        }
        match rest.find("<!--") {
            Some(start) => {
                out.push_str(&rest[..start]);
                rest = &rest[start + 4..];
                *open = true;
            }
            None => {
                out.push_str(rest);
                return out.into();
            }
        }
    }
}

/// Where `range` of raw HTML `text` is in the file: `lines` says where each line of it
/// starts in `text` and in the file. A line is mapped byte for byte when it is the source
/// as written (pulldown-cmark strips a list's indent or a quote's `>`), else to its start.
fn source_span(text: &str, lines: &[(usize, Span)], range: std::ops::Range<usize>) -> Span {
    let line = lines
        .partition_point(|&(start, _)| start <= range.start)
        .max(1)
        - 1;
    let (start, span) = lines[line];
    let end = lines.get(line + 1).map_or(text.len(), |&(next, _)| next);
    if end - start != span.end - span.start {
        return span;
    }
    // On the line it starts on, when it goes on over lines.
    let to = if range.end <= end {
        range.end
    } else {
        start + text[start..end].trim_end_matches(['\n', '\r']).len()
    };
    Span::new(
        span.start + (range.start - start),
        span.start + (to.max(range.start + 1) - start),
    )
}

/// The values of `id` and `name` attributes in a raw HTML fragment.
/// How many `<img>` tags in a raw HTML fragment have no `alt` attribute (`alt=""`, an
/// image said to be decoration, has one).
/// Where each `<img>` without an `alt` is in `html`, from `<` to `>`.
fn images_without_alt(html: &str) -> Vec<(usize, usize)> {
    if !html.contains("<img") && !html.contains("<IMG") {
        return Vec::new();
    }
    let lower = html.to_ascii_lowercase();
    lower
        .match_indices("<img")
        .map(|(at, _)| {
            (
                at,
                lower[at..].find('>').map_or(lower.len(), |e| at + e + 1),
            )
        })
        .filter(|&(at, end)| {
            !lower[at..end]
                .trim_end_matches('>')
                .split(|c: char| c.is_whitespace() || c == '/')
                .any(|word| word == "alt" || word.starts_with("alt="))
        })
        .collect()
}

fn html_anchors(html: &str) -> Vec<String> {
    attribute_values(html, &[" id=", " name=", "\tid=", "\nid="])
        .into_iter()
        .map(|(_, value)| value)
        .collect()
}

/// The values of the attributes `attrs` (each written with the space and `=` around its
/// name) in a raw HTML fragment, quoted or not, each with its offset in `html`.
fn attribute_values(html: &str, attrs: &[&str]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for attr in attrs {
        for (i, _) in html.match_indices(attr) {
            let at = i + attr.len();
            let rest = &html[at..];
            let (at, value) = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => (at + 1, rest[1..].split(q).next()),
                Some(_) => (
                    at,
                    rest.split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                        .next(),
                ),
                None => (at, None),
            };
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                out.push((at, v.to_string()));
            }
        }
    }
    out
}

/// "RFC 12", "RFC-12" and "RFC12" in prose (or "EIP-1559" in an archive of EIPs: `word`
/// is the archive's), with their byte offsets in `text`.
pub fn find_mentions(text: &str, word: MentionWord) -> Vec<(usize, RfcId)> {
    let bytes = text.as_bytes();
    let word = word.as_bytes();
    let mut out = Vec::new();
    // memchr for the word's rare first letter keeps this off the profile: it runs on
    // every text event.
    let starts = memchr::memchr_iter(word[0], bytes).filter(|&i| bytes[i..].starts_with(word));
    for i in starts {
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
            continue;
        }
        let mut j = i + word.len();
        if j < bytes.len() && matches!(bytes[j], b' ' | b'-') {
            j += 1;
        } else if text[j..].starts_with('\u{a0}') {
            j += '\u{a0}'.len_utf8();
        }
        let digits = bytes[j..].iter().take_while(|b| b.is_ascii_digit()).count();
        let end = j + digits;
        let boundary = end == bytes.len() || !(bytes[end].is_ascii_alphanumeric());
        if digits > 0
            && digits <= 9
            && boundary
            && let Ok(n) = text[j..end].parse()
        {
            out.push((i, RfcId(n)));
        }
    }
    out
}

/// GitHub-style heading anchors: lower-case, spaces become `-`, punctuation is dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            ' ' => out.push('-'),
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => {
                out.push(c.to_ascii_lowercase());
            }
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// Ids the site's pages give themselves (the template's, app.js', the graphs' and the
/// footnotes'), which an explicit heading id (`## Intro {#Main}`) must not take; heading
/// slugs are lower case and never do.
pub(crate) fn reserved(id: &str) -> bool {
    matches!(id, "Main" | "Arrow" | "Theme-toggle" | "Toc-list")
        || id.starts_with("Fn-")
        || id.starts_with("Fnref")
}

/// Hands out unique anchors: a second "Motivation" heading becomes `motivation-1`. A list,
/// not a set: an RFC has a few dozen headings at most, and hashing them costs more.
/// The anchors given so far, and per wanted anchor the next suffix to try: a heading text
/// repeated thousands of times (generated changelogs) must not make each heading look at
/// every anchor before it, once per suffix (that was cubic: 4,000 headings took 11 s).
#[derive(Default)]
struct Anchors {
    taken: rustc_hash::FxHashSet<String>,
    next: rustc_hash::FxHashMap<String, usize>,
}

impl Anchors {
    /// `wanted` if it is free, else `wanted-1`, `wanted-2`, …, the first that is free, as
    /// GitHub and mdBook number them.
    fn claim(&mut self, wanted: &str) -> String {
        // A heading with no word (`###`, `## ???`) gets no anchor: `-1` named nothing.
        if wanted.is_empty() {
            return String::new();
        }
        // A reserved id asked for explicitly (`{#Main}`) is given in lower case, as a
        // heading's own anchor would be: no suffix could keep it clear of them all
        // (`Fnref` with `-1` is the first citation of footnote 1).
        let lower;
        let wanted = if reserved(wanted) {
            lower = wanted.to_lowercase();
            lower.as_str()
        } else {
            wanted
        };
        let mut candidate = wanted.to_string();
        if self.taken.contains(&candidate) {
            let n = self.next.entry(wanted.to_string()).or_insert(1);
            loop {
                candidate = format!("{wanted}-{n}");
                *n += 1;
                if !self.taken.contains(&candidate) {
                    break;
                }
            }
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::model::SectionKind;

    fn body(text: &str) -> Body {
        let config = Config::default_for(std::path::Path::new("/"));
        parse(text, 0, &config.rfc.sections, MentionWord::RFC)
    }

    #[test]
    fn placeholders_are_the_first_paragraph_of_each_section_as_text() {
        let config = Config::default_for(std::path::Path::new("/"));
        let sections = &config.rfc.sections;
        assert_eq!(
            sections.placeholder(SectionKind::Problem),
            Some("What is wrong or missing today, for whom, and why it matters now.")
        );
        let found = placeholders(
            "---\ntitle: x\n---\n# x\n\n## Context\n\n*Say **why**,\n  in   short.*\n\nMore.\n\n             ## Decision\n\n- a list first\n\n## Rationale and alternatives\n\n> Why, and what else.\n",
            sections,
        );
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            [
                (SectionKind::Problem, "Say why, in short.".to_string()),
                (SectionKind::Alternatives, "Why, and what else.".to_string()),
                (SectionKind::Rationale, "Why, and what else.".to_string()),
            ]
        );
    }

    #[test]
    fn a_section_is_a_placeholder_only_when_its_first_paragraph_is_the_prompt_whole() {
        let placeholder = |text: &str| {
            body(&format!("## Problem\n\n{text}\n"))
                .sections
                .first()
                .and_then(|s| s.placeholder)
        };
        let prompt = "What is wrong or missing today, for whom, and why it matters now.";
        assert!(placeholder(&format!("*{prompt}*")).is_some());
        assert!(placeholder(&prompt.replace(", for", ",\n   for")).is_some());
        assert!(placeholder(&format!("{prompt}\n\nAnd then the answer.")).is_some());
        assert!(placeholder(&format!("{prompt} Ours: pools.")).is_none());
        assert!(placeholder("What is wrong or missing today").is_none());
        assert!(placeholder(&format!("- {prompt}")).is_none());
        assert!(placeholder(&format!("Intro.\n\n{prompt}")).is_none());
        assert!(placeholder(&format!("> {prompt}")).is_some());
        let mut at = 0;
        let mut space = false;
        assert!(follows("a b c", &mut at, &mut space, "a "));
        assert!(follows("a b c", &mut at, &mut space, " b"));
        assert!(!follows("a b c", &mut at, &mut space, "c"));
    }

    /// Links and mentions in a heading count as in any text: a heading's link to another
    /// RFC is checked and makes a backlink; "RFC 2" inside an external link is not ours.
    #[test]
    fn a_headings_links_are_links() {
        let b = body(
            "## Problem\n\n### [EIP-161](0161-x.md) handling\n\n### See [RFC 2](https://x.org) and RFC 3\n",
        );
        let links: Vec<&str> = b.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(links, ["0161-x.md", "https://x.org"]);
        let mentions: Vec<u32> = b.mentions.iter().map(|m| m.value.0).collect();
        assert_eq!(mentions, [3]);
    }

    #[test]
    fn sections_are_classified_and_emptiness_detected() {
        let b = body(
            "# T\n\n## Motivation\n\ntext\n\n## Approach\n\n### Sub\n\n## Rationale and alternatives\n\nx\n",
        );
        assert_eq!(b.h1.as_ref().unwrap().value, "T");
        // A first `#` heading that names a part is not the title (rust-lang/rfcs 3834).
        for part in ["# Summary\n\nS.\n", "# Motivation\n\nM.\n"] {
            assert_eq!(body(part).h1, None, "{part}");
        }
        assert_eq!(b.sections.len(), 3);
        assert_eq!(b.sections[0].kinds, vec![SectionKind::Problem]);
        assert!(!b.sections[0].is_empty);
        assert!(b.sections[1].is_empty);
        assert!(b.has_section(SectionKind::Alternatives));
        assert!(b.has_section(SectionKind::Rationale));
    }

    #[test]
    fn anchors_are_github_style_and_unique() {
        let b = body("## Why not Kafka?\n\n## Why not Kafka?\n\n## Custom {#mine}\n");
        let anchors: Vec<_> = b.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["why-not-kafka", "why-not-kafka-1", "mine"]);
        // A suffix already taken by a heading of its own is skipped, and each text counts on
        // from where it was.
        let b = body("## Same\n\n## Same 1\n\n## Same\n\n## Same\n\n## Same 1\n");
        let anchors: Vec<_> = b.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["same", "same-1", "same-2", "same-3", "same-1-1"]);
    }

    #[test]
    fn braces_with_words_are_a_headings_text() {
        let text = "# {short title}\n\n## Problem {#why}\n\n### Option {one} ###\n\n\
                    > ### {quoted}\n\nSetext {two words}\n---\n\n#### A {.wide key=v}\n";
        let b = body(text);
        let headings: Vec<_> = b
            .headings
            .iter()
            .map(|h| {
                (
                    h.text.as_str(),
                    h.anchor.as_str(),
                    &text[h.span.start..h.span.end],
                )
            })
            .collect();
        assert_eq!(
            b.h1.as_ref().map(|h| h.value.as_str()),
            Some("{short title}")
        );
        assert_eq!(
            headings.iter().map(|h| (h.0, h.1)).collect::<Vec<_>>(),
            [
                ("{short title}", "short-title"),
                ("Problem", "why"),
                ("Option {one}", "option-one"),
                ("{quoted}", "quoted"),
                ("Setext {two words}", "setext-two-words"),
                ("A", "a"),
            ]
        );
        assert!(
            headings[2].2.starts_with("### Option {one} ###"),
            "spans stay the heading's"
        );
    }

    #[test]
    fn mentions_skip_code_and_links() {
        let b = body(
            "See RFC 12 and RFC-3, not `RFC 9`, not [RFC 2119](https://x.org), not [RFC 5](0005-x.md).\n\n```\nRFC 7\n```\n",
        );
        let ids: Vec<u32> = b.mentions.iter().map(|m| m.value.0).collect();
        assert_eq!(ids, [12, 3]);
        // A mention is marked whole, number and all.
        let spans: Vec<(usize, usize)> = b
            .mentions
            .iter()
            .map(|m| (m.span.start, m.span.end))
            .collect();
        assert_eq!(spans, [(4, 10), (15, 20)]);
        let rfc = MentionWord::RFC;
        assert_eq!(
            find_mentions("xRFC 1 RFC12a RFC 5.", rfc),
            vec![(14, RfcId(5))]
        );
        // In an archive of EIPs, EIPs are mentioned, and RFCs are the IETF's.
        let eip = crate::naming::FileNamePattern::parse("eip-{id}.md", 1)
            .unwrap()
            .mention_word();
        assert_eq!(
            find_mentions("See EIP-1559 and RFC 8032.", eip),
            vec![(4, RfcId(1559))]
        );
        assert_eq!(mention_len("EIP-1559 and", eip), 8);
    }

    #[test]
    fn unsafe_html_is_found_as_the_page_drops_it() {
        fn found(text: &str) -> Vec<(String, &str)> {
            body(text)
                .unsafe_html
                .iter()
                .map(|u| (u.what.to_string(), &text[u.span.start..u.span.end]))
                .collect()
        }
        let script = "a `<script>` element".to_string();
        assert_eq!(
            found("<script>alert(1)</script>\n"),
            [(script.clone(), "<script>")]
        );
        assert_eq!(
            found("<img src=x alt=y onerror=alert(1)>\n"),
            [(
                "an event handler attribute (`onerror`)".into(),
                "onerror=alert(1)"
            )]
        );
        let url = "a `javascript:` URL".to_string();
        assert_eq!(
            found("See <a href=\"JavaScript:x\">y</a>.\n"),
            [(url.clone(), "href=\"JavaScript:x\"")]
        );
        // Entities are read as a browser reads them.
        assert_eq!(
            found("<a href=\"jav&#x61;script:alert(1)\">y</a>\n"),
            [(url.clone(), "href=\"jav&#x61;script:alert(1)\"")]
        );
        assert_eq!(
            found("[x](javascript:alert(1))\n"),
            [(url, "[x](javascript:alert(1))")]
        );
        // A scheme the site does not keep runs no code, but is left out all the same.
        let data = "a `data:` URL".to_string();
        assert_eq!(
            found("<img alt=\"dot\" src=\"data:image/png;base64,iVBO\">\n"),
            [(data, "src=\"data:image/png;base64,iVBO\"")]
        );
        assert_eq!(
            found("See [the file](ftp://example.com/f).\n"),
            [("a `ftp:` URL".into(), "[the file](ftp://example.com/f)")]
        );
        // A handler on a tag written over lines, where it is.
        assert_eq!(
            found("<div\nonmouseover=\"alert(1)\">x</div>\n"),
            [(
                "an event handler attribute (`onmouseover`)".into(),
                "onmouseover=\"alert(1)\""
            )]
        );
        // What a script holds is not HTML: one warning, for the script.
        assert_eq!(
            found("<script>var s = '<img src=x onerror=y>';</script>\n"),
            [(script.clone(), "<script>")]
        );
        // Inline, and in a list item (whose indent pulldown-cmark strips: the line).
        assert_eq!(found("Text <script>x</script> more.\n").len(), 1);
        assert_eq!(found("- item\n\n  <iframe src=x></iframe>\n").len(), 1);
        // Not code: another element, words in text or in another attribute's value.
        for text in [
            "<kbd>Ctrl</kbd>\n",
            "<details><summary>on</summary></details>\n",
            "<scriptx>hi</scriptx>\n",
            "<img src=\"a.png\" alt=\"x\" title=\"onerror=1\">\n",
            "Never write javascript: URLs, <b>ever</b>.\n",
            "<p>on=1 onclick</p>\n",
            "`<script>` in code\n",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn html_anchors_count_as_link_targets() {
        let b = body("<span id=\"7\"></span>\n\n<a name='orphan'></a> <div id=term>\n");
        let anchors: Vec<&str> = b.anchors().collect();
        assert!(
            ["7", "orphan", "term"].iter().all(|a| anchors.contains(a)),
            "{anchors:?}"
        );
    }
}
