//! An RFC body as HTML for its page: the same pulldown-cmark options and heading anchors as
//! `check` saw, links to other RFCs rewritten to their pages, "RFC N" mentions linked, code
//! highlighted, and raw HTML sanitised.

use std::collections::VecDeque;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use rustc_hash::FxHashMap;

use super::{highlight, sanitize};
use crate::link;
use crate::model::{Body, RfcId};
use crate::parse::markdown::{find_mentions, options};

/// How links leave a page: the pages of RFCs by source path and by id, and which other
/// files exist to be copied into the site.
pub(crate) struct Links<'a> {
    pub page_by_path: &'a FxHashMap<&'a str, String>,
    pub page_by_id: &'a FxHashMap<RfcId, String>,
    pub root: &'a std::path::Path,
}

/// A rendered body and the non-RFC files it links to (paths relative to the root).
pub(crate) struct Rendered {
    pub html: String,
    pub assets: Vec<String>,
    /// The body as plain text (without the title), and the Problem section alone: what
    /// the static search index needs, taken from this pass rather than a second parse.
    pub text: String,
    pub problem: String,
}

/// Renders the body of the file `from` (its path relative to the root), whose whole text
/// is `text`.
pub(crate) fn render(text: &str, from: &str, body: &Body, links: &Links<'_>) -> Rendered {
    let text = &text[body.start..];
    let writer = Writer {
        links,
        from,
        anchors: body.headings.iter().map(|h| h.anchor.as_str()).collect(),
        problem_anchors: body
            .sections
            .iter()
            .filter(|s| s.kinds.contains(&crate::model::SectionKind::Problem))
            .map(|s| s.heading.anchor.as_str())
            .collect(),
        in_problem: false,
        in_heading: false,
        heading_link: None,
        text: String::with_capacity(text.len()),
        problem: String::new(),
        next_heading: 0,
        skipping_h1: false,
        code: None,
        in_link: 0,
        events: VecDeque::new(),
        assets: Vec::new(),
    };
    let mut html = String::with_capacity(text.len() * 3 / 2);
    let mut stream = Stream {
        parser: Parser::new_ext(text, options()),
        writer,
    };
    pulldown_cmark::html::push_html(&mut html, &mut stream);
    let writer = stream.writer;
    Rendered {
        html,
        assets: writer.assets,
        text: writer.text,
        problem: writer.problem,
    }
}

/// The parser's events through the [`Writer`] as the HTML writer asks for them: a body's
/// events are never all held at once (collecting them first cost a tenth of rendering
/// in copies as the list grew).
struct Stream<'a, 'e> {
    parser: Parser<'e>,
    writer: Writer<'a, 'e>,
}

impl<'e> Iterator for Stream<'_, 'e> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        loop {
            // A heading is held until its end, which decides its self-link.
            let holding = self.writer.in_heading || self.writer.heading_link.is_some();
            if !holding && let Some(event) = self.writer.events.pop_front() {
                return Some(event);
            }
            match self.parser.next() {
                Some(event) => self.writer.event(event),
                None => return self.writer.events.pop_front(),
            }
        }
    }
}

struct Writer<'a, 'e> {
    links: &'a Links<'a>,
    from: &'a str,
    anchors: Vec<&'a str>,
    next_heading: usize,
    skipping_h1: bool,
    code: Option<(String, String)>,
    in_link: usize,
    problem_anchors: Vec<&'a str>,
    in_problem: bool,
    in_heading: bool,
    /// In a heading: where its self-link goes in `events`, while nothing in the heading
    /// is a link of its own (links cannot nest; such a heading gets a `#` link instead).
    heading_link: Option<usize>,
    text: String,
    problem: String,
    /// Events made but not yet written: one or a few at a time, or a whole heading
    /// while its self-link may still be given up.
    events: VecDeque<Event<'e>>,
    assets: Vec<String>,
}

impl<'e> Writer<'_, 'e> {
    fn event(&mut self, event: Event<'e>) {
        if self.skipping_h1 {
            if matches!(event, Event::End(TagEnd::Heading(HeadingLevel::H1))) {
                self.skipping_h1 = false;
                self.in_heading = false;
            }
            return;
        }
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(t) => {
                    code.push_str(&t);
                    self.text.push_str(&t);
                    self.text.push(' ');
                }
                Event::End(TagEnd::CodeBlock) => self.finish_code(),
                _ => {}
            }
            return;
        }
        // Something in a heading that can be a link of its own: the heading cannot also
        // be one, so its self-link is dropped and it gets a `#` link at its end.
        let holds_link = matches!(
            event,
            Event::Start(Tag::Link { .. } | Tag::Image { .. })
                | Event::FootnoteReference(_)
                | Event::Html(_)
                | Event::InlineHtml(_)
        );
        if holds_link && let Some(at) = self.heading_link.take() {
            self.events[at] = Event::InlineHtml(CowStr::Borrowed(""));
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => self.heading(level, classes, attrs),
            Event::End(TagEnd::Heading(level)) => {
                self.in_heading = false;
                self.text.push('\n');
                let anchor = self
                    .anchors
                    .get(self.next_heading - 1)
                    .copied()
                    .unwrap_or("");
                let anchor = sanitize::escape_attribute(anchor);
                match self.heading_link.take() {
                    Some(at) => {
                        self.events[at] =
                            Event::InlineHtml(CowStr::from(format!("<a href=\"#{anchor}\">")));
                        self.events
                            .push_back(Event::InlineHtml(CowStr::Borrowed("</a>")));
                    }
                    None => self
                        .events
                        .push_back(Event::InlineHtml(CowStr::from(format!(
                            " <a class=\"anchor\" href=\"#{anchor}\">#</a>"
                        )))),
                }
                self.events.push_back(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.in_link += 1;
                let dest_url = self.rewrite(&dest_url);
                self.events.push_back(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                self.in_link = self.in_link.saturating_sub(1);
                self.events.push_back(event);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.rewrite(&dest_url);
                self.events.push_back(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            // Wide tables scroll in a box keyboard users can focus.
            Event::Start(Tag::Table(alignments)) => {
                self.events.push_back(Event::Html(CowStr::from(
                    "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">",
                )));
                self.events.push_back(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                self.events.push_back(Event::End(TagEnd::Table));
                self.events.push_back(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Text(text) if self.in_link == 0 => {
                self.plain(&text);
                self.text(text);
            }
            Event::Text(text) => {
                self.plain(&text);
                self.events.push_back(Event::Text(text));
            }
            Event::Code(code) => {
                self.plain(&code);
                self.events.push_back(Event::Code(code));
            }
            Event::End(TagEnd::Paragraph) => {
                self.text.push('\n');
                self.events.push_back(Event::End(TagEnd::Paragraph));
            }
            Event::Html(html) => self
                .events
                .push_back(Event::Html(sanitize::html(&html).into())),
            Event::InlineHtml(html) => {
                self.events
                    .push_back(Event::InlineHtml(sanitize::html(&html).into()));
            }
            other => self.events.push_back(other),
        }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        classes: Vec<CowStr<'e>>,
        attrs: Vec<(CowStr<'e>, Option<CowStr<'e>>)>,
    ) {
        let anchor = self.anchors.get(self.next_heading).copied().unwrap_or("");
        self.next_heading += 1;
        if level <= HeadingLevel::H2 {
            self.in_problem = self.problem_anchors.contains(&anchor);
        }
        self.in_heading = true;
        // The title heading (a first `#` heading) is shown by the template from `title`.
        if level == HeadingLevel::H1 && self.next_heading == 1 {
            self.skipping_h1 = true;
            return;
        }
        self.events.push_back(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(anchor.to_string())),
            classes,
            attrs,
        }));
        // The heading links to itself, unless something in it is a link (see End).
        self.heading_link = Some(self.events.len());
        self.events
            .push_back(Event::InlineHtml(CowStr::Borrowed("")));
    }

    /// Prose for the search index; section headings count for the body only.
    fn plain(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push(' ');
        if self.in_problem && !self.in_heading {
            self.problem.push_str(text);
            self.problem.push(' ');
        }
    }

    fn finish_code(&mut self) {
        let Some((lang, code)) = self.code.take() else {
            return;
        };
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", sanitize::escape_attribute(&lang))
        };
        self.events.push_back(Event::Html(CowStr::from(format!(
            "<pre tabindex=\"0\"><code{class}>{}</code></pre>\n",
            highlight::code(&lang, &code)
        ))));
    }

    /// Prose with "RFC N" mentions turned into links to those RFCs' pages.
    fn text(&mut self, text: CowStr<'e>) {
        let mentions: Vec<(usize, String, usize)> = find_mentions(&text)
            .into_iter()
            .filter_map(|(at, id)| {
                let page = self.links.page_by_id.get(&id)?;
                Some((at, page.clone(), mention_len(&text[at..])))
            })
            .collect();
        if mentions.is_empty() {
            self.events.push_back(Event::Text(text));
            return;
        }
        let mut last = 0;
        for (at, page, len) in mentions {
            let label = &text[at..at + len];
            self.events
                .push_back(Event::Text(CowStr::from(text[last..at].to_string())));
            self.events
                .push_back(Event::InlineHtml(CowStr::from(format!(
                    "<a href=\"{}\">",
                    sanitize::escape_attribute(&page)
                ))));
            self.events
                .push_back(Event::Text(CowStr::from(label.to_string())));
            self.events
                .push_back(Event::InlineHtml(CowStr::from("</a>")));
            last = at + label.len();
        }
        self.events
            .push_back(Event::Text(CowStr::from(text[last..].to_string())));
    }

    /// Where a link written in the RFC points on the site.
    fn rewrite(&mut self, dest: &str) -> CowStr<'e> {
        let dest = dest.trim();
        if dest.starts_with('#') {
            return CowStr::from(dest.to_string());
        }
        if link::is_external(dest) {
            let safe = sanitize::safe_url(dest);
            return CowStr::from(if safe {
                dest.to_string()
            } else {
                "#".to_string()
            });
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, format!("#{a}")),
            None => (dest, String::new()),
        };
        let path = path.split('?').next().unwrap_or("");
        let Some(target) = link::resolve(self.from, &link::percent_decode(path)) else {
            return CowStr::from("#".to_string());
        };
        if let Some(page) = self.links.page_by_path.get(target.as_str()) {
            return CowStr::from(format!("{page}{anchor}"));
        }
        if self.links.root.join(&target).is_file() {
            let url = format!("../assets/{}{anchor}", url_path(&target));
            self.assets.push(target);
            return CowStr::from(url);
        }
        CowStr::from(dest.to_string())
    }
}

/// The length of "RFC 12", "RFC-12" or "RFC12" at the start of `text`.
fn mention_len(text: &str) -> usize {
    let after = &text[3..];
    let sep = after
        .chars()
        .next()
        .filter(|c| matches!(c, ' ' | '-' | '\u{a0}'))
        .map_or(0, char::len_utf8);
    let digits = after[sep..].bytes().take_while(u8::is_ascii_digit).count();
    3 + sep + digits
}

/// A path as a URL path: each segment percent-encoded where it must be.
pub(crate) fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
