//! An RFC body as HTML for its page: the same pulldown-cmark options and heading anchors as
//! `check` saw, links to other RFCs rewritten to their pages, "RFC N" mentions linked, code
//! highlighted, and raw HTML sanitised.

use std::collections::VecDeque;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};
use rustc_hash::{FxHashMap, FxHashSet};

use super::{autolink, highlight, sanitize};
use crate::config::Sections;
use crate::link;
use crate::model::{Body, RfcId, SectionKind};
use crate::naming::MentionWord;
use crate::parse::markdown::{
    Events, FirstParagraph, Reader, events, find_mentions, mention_len, separates_words,
};
use crate::source::Span;

/// Where the pages of RFCs are, by source path and by id: what links between RFCs become.
/// A build makes it twice: from the file names alone, so that bodies are rendered as they
/// are read, and from the archive once it is read. Pages whose links the two disagree on
/// are rendered again (rfcs/0015).
#[derive(Default, PartialEq, Eq, Debug)]
pub(crate) struct Pages {
    /// Per source path: its page's name as a link writes it (percent-encoded).
    by_path: FxHashMap<String, String>,
    /// Per source path: its page's name as it is, without `.html`.
    stems: FxHashMap<String, String>,
    /// Only ids that exactly one RFC has: a duplicate id links nowhere.
    by_id: FxHashMap<RfcId, String>,
    /// Every page's name as it is: a linked document's page takes none of them.
    taken: rustc_hash::FxHashSet<String>,
}

impl Pages {
    /// From every RFC's source path (relative to the root) and id.
    pub(crate) fn new<'a>(rfcs: impl Iterator<Item = (&'a str, Option<RfcId>)>) -> Pages {
        let rfcs: Vec<(&str, Option<RfcId>)> = rfcs.collect();
        let stems = unique_stems(rfcs.iter().map(|(rel, _)| *rel));
        let mut pages = Pages::default();
        let mut duplicates = Vec::new();
        for ((rel, id), stem) in rfcs.into_iter().zip(stems) {
            let page = format!("{}.html", url_path(&stem));
            if let Some(id) = id
                && pages.by_id.insert(id, page.clone()).is_some()
            {
                duplicates.push(id);
            }
            pages.by_path.insert(rel.to_string(), page);
            pages.taken.insert(stem.clone());
            pages.stems.insert(rel.to_string(), stem);
        }
        for id in duplicates {
            pages.by_id.remove(&id);
        }
        pages
    }

    /// The page file name of the RFC at source path `rel` as a link writes it
    /// (percent-encoded): `rfcs/0042-x.md` → `0042-x.html`.
    pub(crate) fn name(&self, rel: &str) -> String {
        self.by_path
            .get(rel)
            .cloned()
            .unwrap_or_else(|| format!("{}.html", url_path(page_stem(rel))))
    }

    /// Where the page of the RFC at source path `rel` is written, relative to the site's
    /// root: its name as it is, which is what a browser asks for once it decodes the link.
    pub(crate) fn file(&self, rel: &str) -> String {
        let stem = self.stems.get(rel).map_or(page_stem(rel), String::as_str);
        format!("rfcs/{stem}.html")
    }

    /// The name of the page a linked Markdown file that is no RFC is rendered into (a
    /// chapter of one, kept beside it: `text/3392-leadership-council/motivation.md`), as
    /// it is: its path made one name, beside the RFCs' pages, so that links in it are
    /// written as an RFC's are. `None` for a file that is no Markdown, or whose name an
    /// RFC's page has: it is copied as it is.
    pub(crate) fn document_stem(&self, rel: &str) -> Option<String> {
        let lower = rel.to_ascii_lowercase();
        let path = [".md", ".markdown"]
            .iter()
            .find(|ext| lower.ends_with(*ext))
            .map(|ext| &rel[..rel.len() - ext.len()])?;
        let stem = shortened(&path.replace('/', "-")).to_string();
        (!stem.is_empty() && !self.taken.contains(&stem)).then_some(stem)
    }

    /// The page of the one RFC numbered `id`, as a link writes it.
    pub(crate) fn of_id(&self, id: RfcId) -> Option<&str> {
        self.by_id.get(&id).map(String::as_str)
    }

    /// Whether this and `other` send `lookup` to the same page.
    pub(crate) fn agree(&self, other: &Pages, lookup: &Lookup) -> bool {
        match lookup {
            Lookup::Path(path) => self.by_path.get(path) == other.by_path.get(path),
            Lookup::Id(id) => self.by_id.get(id) == other.by_id.get(id),
        }
    }
}

/// The name of the RFC at source path `rel` without folder and `.md`: its page's name,
/// unless another file in another folder has the same name.
fn page_stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    shortened(name.strip_suffix(".md").unwrap_or(name))
}

/// The most of a name a page's file name takes: file systems allow 255 bytes, and a page
/// may add its folders, a number and `.html` (a 255-byte `0012-….md` was a valid RFC
/// whose page could not be written).
const NAME_BYTES: usize = 200;

/// `name` cut to [`NAME_BYTES`] at a character boundary; names that differ only after
/// that are told apart as any pages of one name are.
pub(crate) fn shortened(name: &str) -> &str {
    if name.len() <= NAME_BYTES {
        return name;
    }
    let mut end = NAME_BYTES;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// The address of the page of the RFC at source path `rel`, relative to the site's root,
/// for `search`, which knows one file at a time: its file name's page. A build gives
/// another name only to a file whose name another file in another folder has too; of the
/// files search indexes (those with an RFC number) that is one whose number is taken
/// twice, which a build refuses unless `duplicate-id` is allowed.
pub(crate) fn page_url(rel: &str) -> String {
    format!("rfcs/{}.html", url_path(page_stem(rel)))
}

/// Every page is in one folder, so files of the same name in different folders
/// (`0001-a/notes.md`, `0002-b/notes.md`) would write one page over the other. Such names
/// are given their folder (`0001-a-notes`), then their whole path, then a number, so that
/// each file has a page of its own whatever order the files are listed in. A name no other
/// file has stays as it is.
fn unique_stems<'a>(rels: impl Iterator<Item = &'a str>) -> Vec<String> {
    let rels: Vec<&str> = rels.collect();
    let shared = |stems: &[String]| {
        let mut count: FxHashMap<&str, usize> = FxHashMap::default();
        for stem in stems {
            *count.entry(stem.as_str()).or_default() += 1;
        }
        stems
            .iter()
            .map(|s| count[s.as_str()] > 1)
            .collect::<Vec<bool>>()
    };
    let qualified = |rel: &str, whole: bool| {
        let stem = page_stem(rel);
        let folders = rel.rsplit_once('/').map_or("", |(folders, _)| folders);
        let folder = match whole {
            true => folders.replace('/', "-"),
            false => folders.rsplit('/').next().unwrap_or("").to_string(),
        };
        match folder.is_empty() {
            true => stem.to_string(),
            false => shortened(&format!("{folder}-{stem}")).to_string(),
        }
    };
    let mut stems: Vec<String> = rels.iter().map(|rel| page_stem(rel).to_string()).collect();
    for whole in [false, true] {
        let shared = shared(&stems);
        for (i, rel) in rels.iter().enumerate() {
            if shared[i] {
                stems[i] = qualified(rel, whole);
            }
        }
    }
    // Still shared after the whole path (`a-b/x.md` and `a/b-x.md`): numbered, in path
    // order.
    let shared = shared(&stems);
    let mut order: Vec<usize> = (0..rels.len()).filter(|&i| shared[i]).collect();
    order.sort_by_key(|&i| rels[i]);
    let mut taken: FxHashSet<String> = stems.iter().cloned().collect();
    for i in order {
        let mut k = 2;
        while !taken.insert(format!("{}-{k}", stems[i])) {
            k += 1;
        }
        stems[i] = format!("{}-{k}", stems[i]);
    }
    stems
}

/// A question a body asked of [`Pages`] while it was rendered.
#[derive(Debug)]
pub(crate) enum Lookup {
    Path(String),
    Id(RfcId),
}

/// How links leave a page: where RFC pages are, and the root, under which other linked
/// files must exist to be copied into the site.
pub(crate) struct Links<'a> {
    pub pages: &'a Pages,
    pub root: &'a std::path::Path,
    /// The word that names RFCs in prose (`RFC`, or `EIP` in an archive of EIPs).
    pub word: MentionWord,
    /// Other names links give the RFCs (`[rfc] link-names`).
    pub names: &'a [crate::naming::FileNamePattern],
}

/// A rendered body and the non-RFC files it links to (paths relative to the root).
pub(crate) struct Rendered {
    pub html: String,
    pub assets: Vec<String>,
    /// The body as plain text (without the title), and the Problem section alone: what
    /// the static search index needs, taken from this pass rather than a second parse.
    pub text: String,
    pub problem: String,
    /// Where the body's first paragraph starts in `text` ([`FirstParagraph`]).
    pub lead: usize,
    /// Every question asked of [`Links::pages`]: the answers are in `html`.
    pub lookups: Vec<Lookup>,
    /// Links into an RFC's page with a `#fragment`: the RFC's source path and the
    /// fragment as written, for [`fragments_across`] once every RFC's anchors are known.
    pub anchored: Vec<(String, String)>,
}

/// Reads the body of the file `from` (its path relative to the root), which starts at
/// byte `base` of `text`, once: into its model, for `check`'s rules, and into its HTML.
pub(crate) fn render(
    text: &str,
    base: usize,
    from: &str,
    titled: crate::parse::Titled<'_>,
    sections: &Sections,
    links: &Links<'_>,
) -> (Body, Rendered) {
    // A text read again may have changed since its body's model was made.
    let body = text.get(base..).unwrap_or("");
    let writer = Writer {
        links,
        from,
        titled,
        in_problem: false,
        in_heading: false,
        heading_start: 0,
        heading_link: None,
        text: String::with_capacity(body.len()),
        problem: String::new(),
        headings: 0,
        title_marks: None,
        code: None,
        html_block: None,
        in_link: 0,
        pending: None,
        events: VecDeque::new(),
        assets: Vec::new(),
        lookups: Vec::new(),
        anchored: Vec::new(),
        open: sanitize::Open::default(),
        footnotes: Vec::new(),
        notes: Vec::new(),
        in_footnote: None,
        outer: None,
        lead: FirstParagraph::default(),
        fragments: false,
    };
    let mut html = String::with_capacity(body.len() * 3 / 2);
    let tabless = crate::parse::markdown::table_tabs(body);
    let parser = events(&tabless);
    let mut reader = Reader::new(body, links.word);
    reader.define(parser.definitions(base));
    let mut stream = Stream {
        parser,
        base,
        sections,
        reader,
        writer,
    };
    pulldown_cmark::html::push_html(&mut html, &mut stream);
    let mut writer = stream.writer;
    html.push_str(&writer.open.close_all());
    let body = stream.reader.finish(base);
    if writer.fragments {
        html = with_fragments_found(html, &body.headings);
    }
    (
        body,
        Rendered {
            html,
            assets: writer.assets,
            text: writer.text,
            problem: writer.problem,
            lead: writer.lead.at(),
            lookups: writer.lookups,
            anchored: writer.anchored,
        },
    )
}

/// The parser's events through the [`Reader`] and the [`Writer`] as the HTML writer asks
/// for them: a body's events are never all held at once (collecting them first cost a
/// tenth of rendering in copies as the list grew).
struct Stream<'a, 'e> {
    parser: Events<'e>,
    base: usize,
    sections: &'a Sections,
    reader: Reader,
    writer: Writer<'a, 'e>,
}

impl<'e> Iterator for Stream<'_, 'e> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        loop {
            // A heading is held until its end, which decides its anchor and self-link.
            // So is a footnote's text, which goes to the end of the body.
            let holding = self.writer.in_heading
                || self.writer.heading_link.is_some()
                || self.writer.outer.is_some();
            if !holding && let Some(event) = self.writer.events.pop_front() {
                return Some(event);
            }
            match self.parser.next() {
                Some((event, range)) => {
                    let span = Span::new(self.base + range.start, self.base + range.end);
                    self.reader.event(&event, span, self.sections);
                    self.writer.event(event, &self.reader);
                }
                None => {
                    self.writer.flush_text();
                    if !self.writer.notes.is_empty() {
                        self.writer.append_notes();
                    }
                    return self.writer.events.pop_front();
                }
            }
        }
    }
}

/// A footnote's label as citations and notes are matched, as GitHub matches them: in
/// any case, its spaces as one (`[^Note]` cites `[^note]:`).
fn note_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The part of a footnote's ids its label gives: a space in it written `%20`, which an id
/// may hold (a space it may not) and a link's `#…` finds.
fn note_id(key: &str) -> String {
    sanitize::escape_attribute(&key.replace(' ', "%20"))
}

/// [`sanitize::html_chars`] for a text event, which keeps its borrow when nothing changes.
fn html_chars(text: CowStr<'_>) -> CowStr<'_> {
    match sanitize::html_chars(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(cleaned) => CowStr::from(cleaned),
    }
}

struct Writer<'a, 'e> {
    links: &'a Links<'a>,
    from: &'a str,
    /// Whether a link to a place on the page was written: only then is the page's HTML
    /// read again for links whose case differs from the anchor's.
    fragments: bool,
    /// Headings started so far.
    headings: usize,
    /// While the first heading, a `#` one, is open: how much text, lookups and assets
    /// there were before it. If the reader takes it for the title, which the template
    /// shows from `title`, all it made is taken back at its end.
    title_marks: Option<(usize, usize, usize)>,
    /// The title front matter gives: a first `#` heading that says it is left out (the
    /// template shows the title), one that says something else is kept.
    titled: crate::parse::Titled<'e>,
    code: Option<(String, String)>,
    /// In an HTML block: its lines so far. pulldown-cmark gives a block line by line, and
    /// a tag written over several lines (`<img src="…"` then `alt="…">`) is whole only in
    /// the block.
    html_block: Option<String>,
    in_link: usize,
    /// Prose not yet written: see [`Self::pend`].
    pending: Option<CowStr<'e>>,
    in_problem: bool,
    in_heading: bool,
    /// In a heading: where its start is in `events`, to be given its anchor at its end.
    heading_start: usize,
    /// In a heading: where its self-link goes in `events`, while nothing in the heading
    /// is a link of its own (links cannot nest; such a heading gets a `#` link instead).
    heading_link: Option<usize>,
    text: String,
    problem: String,
    /// Events made but not yet written: one or a few at a time, or a whole heading
    /// while its anchor and self-link are not yet known.
    events: VecDeque<Event<'e>>,
    assets: Vec<String>,
    lookups: Vec<Lookup>,
    anchored: Vec<(String, String)>,
    /// What the body's raw HTML opened and has not closed.
    open: sanitize::Open,
    /// Footnotes by label ([`note_key`]), numbered as first cited: the number shown, and
    /// how many citations were made so far.
    footnotes: Vec<(String, usize, usize)>,
    /// Footnotes' texts by label, as written: shown at the end of the body, in the order
    /// of their numbers, as GitHub shows them; one never cited is not shown.
    notes: Vec<(String, VecDeque<Event<'e>>)>,
    /// In a footnote's text: its label, and the body's events made before it, which its
    /// own go beside.
    in_footnote: Option<String>,
    outer: Option<VecDeque<Event<'e>>>,
    lead: FirstParagraph,
}

impl<'e> Writer<'_, 'e> {
    /// The next event, which `reader` has just read.
    fn event(&mut self, event: Event<'e>, reader: &Reader) {
        // Text with a character HTML forbids (a control, as Markdown allows) gets U+FFFD.
        let event = match event {
            Event::Text(text) => Event::Text(html_chars(text)),
            Event::Code(text) => Event::Code(html_chars(text)),
            event => event,
        };
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
        // Before, and after too (an HTML block is sanitised at its end).
        let block_end = sanitize::CodeElement::ends_block(&event);
        if block_end {
            self.open.code.end();
        }
        // Inside a `<script>` or `<style>` opened by inline HTML: code, not prose, and
        // neither shown nor searched, up to an end tag in the text itself.
        let event = match event {
            Event::Text(text) if self.open.code.is_open() => {
                let Some(rest) = self.open.code.text_after(&text) else {
                    return;
                };
                if rest.is_empty() {
                    return;
                }
                Event::Text(CowStr::from(rest))
            }
            Event::Code(_) | Event::SoftBreak | Event::HardBreak if self.open.code.is_open() => {
                return;
            }
            event => event,
        };
        // Prose comes in pieces (pulldown-cmark cuts it at `_`, `&amp;`, `\_`): it is
        // joined before URLs and mentions are looked for, which a cut would split.
        let event = match event {
            Event::Text(text) if self.in_link == 0 => {
                self.pend(text);
                return;
            }
            event => event,
        };
        self.flush_text();
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
        if separates_words(&event) {
            self.separate();
        }
        self.lead.see(&event, self.text.len());
        match event {
            Event::Start(Tag::Heading { level, classes, .. }) => self.heading(level, classes),
            Event::End(TagEnd::Heading(level)) => {
                self.in_heading = false;
                // The reader alone says whether a first `#` heading is the title (not
                // `# Summary`, which names a part): then it is not the body's.
                if let Some((text, lookups, assets)) = self.title_marks.take()
                    && let Some(heading) = reader.title_heading()
                    && self.titled.title.is_none_or(|title| {
                        crate::parse::body_metadata::same_title(heading, title, self.titled.id)
                    })
                {
                    self.events.truncate(self.heading_start);
                    self.heading_link = None;
                    self.text.truncate(text);
                    self.lookups.truncate(lookups);
                    self.assets.truncate(assets);
                    return;
                }
                self.text.push('\n');
                // The reader has just closed this heading: its anchor, and whether it
                // opens a Problem section, are known now.
                let anchor = reader.last_heading().map_or("", |h| h.anchor.as_str());
                if level <= HeadingLevel::H2 {
                    self.in_problem = reader.in_section(SectionKind::Problem);
                }
                // An empty heading (`####` alone) has nothing to link to: no `id=""`,
                // which is invalid HTML, and no link to the top of the page.
                if anchor.is_empty() {
                    if let Some(at) = self.heading_link.take() {
                        self.events[at] = Event::InlineHtml(CowStr::Borrowed(""));
                    }
                    self.events.push_back(Event::End(TagEnd::Heading(level)));
                    return;
                }
                if let Some(Event::Start(Tag::Heading { id, .. })) =
                    self.events.get_mut(self.heading_start)
                {
                    *id = Some(CowStr::from(anchor.to_string()));
                }
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
            // Footnotes are written here rather than by the HTML writer: each reference
            // gets an id and a name ("Footnote 1"), and each note a link back to where it
            // was first cited, for readers who do not use the browser's Back.
            Event::FootnoteReference(label) => {
                let key = note_key(&label);
                let (number, nth) = self.footnote(&key);
                let id = note_id(&key);
                // `Fnref-x` for the first citation, `Fnref2-x` for the second: no label can
                // make one id of another's. A capital letter, as every id the page gives
                // itself: heading anchors are lower case, so a heading cannot take it.
                let nth = if nth > 1 {
                    nth.to_string()
                } else {
                    String::new()
                };
                self.events.push_back(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-reference\" id=\"Fnref{nth}-{id}\"><a href=\"#Fn-{id}\" aria-label=\"Footnote {number}\">{number}</a></sup>"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.in_footnote = Some(note_key(&label));
                self.outer = Some(std::mem::take(&mut self.events));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let (Some(key), Some(outer)) = (self.in_footnote.take(), self.outer.take()) {
                    let note = std::mem::replace(&mut self.events, outer);
                    if !self.notes.iter().any(|(k, _)| *k == key) {
                        self.notes.push((key, note));
                    }
                }
            }
            // GitHub's alerts (`> [!NOTE]`): a quote with the kind as its title.
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = match kind {
                    BlockQuoteKind::Note => ("note", "Note"),
                    BlockQuoteKind::Tip => ("tip", "Tip"),
                    BlockQuoteKind::Important => ("important", "Important"),
                    BlockQuoteKind::Warning => ("warning", "Warning"),
                    BlockQuoteKind::Caution => ("caution", "Caution"),
                };
                self.events.push_back(Event::Html(CowStr::from(format!(
                    "<blockquote class=\"markdown-alert markdown-alert-{class}\">\n<p class=\"markdown-alert-title\">{title}</p>\n"
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.events
                    .push_back(Event::Html(CowStr::Borrowed("</blockquote>\n")));
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
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.in_link = self.in_link.saturating_sub(1);
                self.events.push_back(event);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // Its text is the alternative text, an attribute: no mention or URL in it
                // may become a link (the markup showed as text in `alt`).
                self.in_link += 1;
                let dest_url = self.rewrite(&dest_url);
                self.events.push_back(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            // Wide tables scroll in a box; the theme's script lets keyboard users focus
            // the boxes that do scroll, and names them (a focusable box that fits was a
            // tab stop for nothing, and every table a region named "Table").
            Event::Start(Tag::Table(alignments)) => {
                self.events
                    .push_back(Event::Html(CowStr::from("<div class=\"table-scroll\">")));
                self.events.push_back(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                self.events.push_back(Event::End(TagEnd::Table));
                self.events.push_back(Event::Html(CowStr::from("</div>\n")));
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
            Event::Start(Tag::HtmlBlock) => {
                self.html_block = Some(String::new());
                self.events.push_back(Event::Start(Tag::HtmlBlock));
            }
            Event::Html(html) => match &mut self.html_block {
                Some(block) => block.push_str(&html),
                None => {
                    self.html_text(&html, true);
                    let html = self.sanitize(&html, true);
                    self.events.push_back(Event::Html(html.into()));
                }
            },
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(block) = self.html_block.take() {
                    self.html_text(&block, true);
                    let html = self.sanitize(&block, true);
                    self.events.push_back(Event::Html(html.into()));
                }
                self.events.push_back(Event::End(TagEnd::HtmlBlock));
            }
            Event::InlineHtml(html) => {
                self.html_text(&html, false);
                let html = self.sanitize(&html, false);
                self.events.push_back(Event::InlineHtml(html.into()));
            }
            other => self.events.push_back(other),
        }
        if block_end {
            self.open.code.end();
        }
    }

    fn heading(&mut self, level: HeadingLevel, classes: Vec<CowStr<'e>>) {
        self.headings += 1;
        self.in_heading = true;
        if level == HeadingLevel::H1 && self.headings == 1 {
            self.title_marks = Some((self.text.len(), self.lookups.len(), self.assets.len()));
        }
        self.heading_start = self.events.len();
        // A heading keeps its `{#id}` (given at its end) and classes, never `key=value`
        // attributes: pulldown-cmark writes them as they are, handlers included
        // (`## Problem {autofocus=1 onfocus=…}` ran a script as the page opened).
        self.events.push_back(Event::Start(Tag::Heading {
            level,
            id: None,
            classes,
            attrs: Vec::new(),
        }));
        // The heading links to itself, unless something in it is a link (see End).
        self.heading_link = Some(self.events.len());
        self.events
            .push_back(Event::InlineHtml(CowStr::Borrowed("")));
    }

    /// Prose for the search index; section headings count for the body only.
    /// Text as search shows and indexes it: as written, without a space where only
    /// markup was (`Iterator`, but).
    fn plain(&mut self, text: &str) {
        self.text.push_str(text);
        if self.in_problem && !self.in_heading {
            self.problem.push_str(text);
        }
    }

    /// The text raw HTML shows (a `<details>` block's, a `<p align>`'s), for the search
    /// index, as `search` reads it too. Read before [`Self::sanitize`] moves the page's
    /// script or style state over the same fragment, from a copy of it.
    fn html_text(&mut self, html: &str, block: bool) {
        let mut text = String::new();
        let mut code = self.open.code.clone();
        sanitize::visible_text(html, &mut code, block, &mut text);
        if !text.is_empty() {
            self.plain(&text);
        }
    }

    /// A space where the source has one that is not in any text: a line break, the end of
    /// a list item or table cell, an HTML tag.
    fn separate(&mut self) {
        self.text.push(' ');
        if self.in_problem && !self.in_heading {
            self.problem.push(' ');
        }
    }

    /// A citation of footnote `key`: its number (numbered as first cited) and which
    /// citation of it this is.
    fn footnote(&mut self, key: &str) -> (usize, usize) {
        if let Some(note) = self.footnotes.iter_mut().find(|f| f.0 == key) {
            note.2 += 1;
            return (note.1, note.2);
        }
        let number = self.footnotes.len() + 1;
        self.footnotes.push((key.to_string(), number, 1));
        (number, 1)
    }

    /// The footnotes cited, at the end of the body in the order of their numbers, each
    /// with a link back to where it was first cited.
    fn append_notes(&mut self) {
        let cited = self
            .footnotes
            .iter()
            .any(|(key, _, _)| self.notes.iter().any(|(k, _)| k == key));
        if cited {
            self.events.push_back(Event::Html(CowStr::Borrowed(
                "<section class=\"footnotes\" aria-label=\"Footnotes\">\n",
            )));
        }
        for (key, number, _) in std::mem::take(&mut self.footnotes) {
            let Some(at) = self.notes.iter().position(|(k, _)| *k == key) else {
                continue;
            };
            let (_, note) = self.notes.swap_remove(at);
            let id = note_id(&key);
            self.events.push_back(Event::Html(CowStr::from(format!(
                "<div class=\"footnote-definition\" id=\"Fn-{id}\"><sup class=\"footnote-definition-label\">{number}</sup>"
            ))));
            self.events.extend(note);
            self.events.push_back(Event::Html(CowStr::from(format!(
                "<a class=\"footnote-back\" href=\"#Fnref-{id}\" aria-label=\"Back to the text of footnote {number}\">\u{21a9}\u{fe0e}</a></div>\n"
            ))));
        }
        if cited {
            self.events
                .push_back(Event::Html(CowStr::Borrowed("</section>\n")));
        }
        self.notes.clear();
    }

    fn finish_code(&mut self) {
        let Some((lang, code)) = self.code.take() else {
            return;
        };
        let lang = highlight::language_of(&lang);
        // GitHub shows a `math` fence as display math, as it shows `$$…$$`.
        if lang.eq_ignore_ascii_case("math") {
            self.events.push_back(Event::Html(CowStr::from(format!(
                "<p><span class=\"math math-display\">{}</span></p>\n",
                crate::render::escape_html(code.trim_end_matches('\n'))
            ))));
            return;
        }
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", sanitize::escape_attribute(lang))
        };
        self.events.push_back(Event::Html(CowStr::from(format!(
            "<pre><code{class}>{}</code></pre>\n",
            highlight::code(lang, &code)
        ))));
    }

    /// Holds a piece of prose until the next event that is not prose.
    fn pend(&mut self, text: CowStr<'e>) {
        self.pending = Some(match self.pending.take() {
            None => text,
            Some(before) => {
                let mut joined = before.into_string();
                joined.push_str(&text);
                CowStr::from(joined)
            }
        });
    }

    /// Writes the prose held by [`Self::pend`], if any.
    fn flush_text(&mut self) {
        if let Some(text) = self.pending.take() {
            self.plain(&text);
            self.text(text);
        }
    }

    /// Prose with bare URLs made links, as GitHub shows them, and "RFC N" mentions
    /// turned into links to those RFCs' pages.
    fn text(&mut self, text: CowStr<'e>) {
        // Inside raw HTML's own `<a>`, nothing may become a link of its own.
        if self.open.is_open("a") {
            self.events.push_back(Event::Text(text));
            return;
        }
        let urls = autolink::find(&text);
        if urls.is_empty() {
            self.mentions(text);
            return;
        }
        // A link in a heading is a link of its own, as for mentions below.
        if let Some(at) = self.heading_link.take() {
            self.events[at] = Event::InlineHtml(CowStr::Borrowed(""));
        }
        let mut last = 0;
        for url in urls {
            if last < url.start {
                self.mentions(CowStr::from(text[last..url.start].to_string()));
            }
            let shown = &text[url.clone()];
            self.events
                .push_back(Event::InlineHtml(CowStr::from(format!(
                    "<a href=\"{}\">",
                    sanitize::escape_attribute(&autolink::href(shown))
                ))));
            self.events
                .push_back(Event::Text(CowStr::from(shown.to_string())));
            self.events
                .push_back(Event::InlineHtml(CowStr::Borrowed("</a>")));
            last = url.end;
        }
        if last < text.len() {
            self.mentions(CowStr::from(text[last..].to_string()));
        }
    }

    /// Prose with "RFC N" mentions turned into links to those RFCs' pages.
    fn mentions(&mut self, text: CowStr<'e>) {
        let word = self.links.word;
        let mentions: Vec<(usize, String, usize)> = find_mentions(&text, word)
            .into_iter()
            .filter_map(|(at, id)| {
                self.lookups.push(Lookup::Id(id));
                let page = self.links.pages.by_id.get(&id)?;
                Some((at, page.clone(), mention_len(&text[at..], word)))
            })
            .collect();
        if mentions.is_empty() {
            self.events.push_back(Event::Text(text));
            return;
        }
        // A mention in a heading is a link of its own: the heading gets a `#` link instead
        // of being one, as for any link in it (links cannot nest).
        if let Some(at) = self.heading_link.take() {
            self.events[at] = Event::InlineHtml(CowStr::Borrowed(""));
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

    /// Raw HTML as the page shows it: sanitised, its links and images pointing where
    /// Markdown's would.
    /// `block`: `html` is a whole HTML block, not one tag of inline HTML.
    fn sanitize(&mut self, html: &str, block: bool) -> String {
        let mut open = std::mem::take(&mut self.open);
        let html = sanitize::html_with(html, &mut open, block, &mut |url| {
            self.rewrite(url).into_string()
        });
        self.open = open;
        html
    }

    /// Where a link written in the RFC points on the site.
    fn rewrite(&mut self, dest: &str) -> CowStr<'e> {
        let dest = dest.trim();
        if dest.starts_with('#') {
            self.fragments = true;
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
        // A scheme the site does not keep (`(https:` written in brackets, `hhttps:`) is no
        // path either: left out, as `check` says (RFC0310), not a link a browser would
        // read as a relative path that is not there.
        if !sanitize::safe_url(dest) {
            return CowStr::from("#".to_string());
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, format!("#{a}")),
            None => (dest, String::new()),
        };
        let path = path.split('?').next().unwrap_or("");
        let Some(target) = link::resolve(self.from, &link::percent_decode(path)) else {
            return CowStr::from("#".to_string());
        };
        let mut page = self
            .links
            .pages
            .by_path
            .get(target.as_str())
            .map(String::as_str);
        // Asked of the disk only for a link to no RFC: links between RFCs are most links.
        let disk = page
            .is_none()
            .then(|| link::on_disk(self.links.root, &target));
        // A name links give the RFCs besides their file's (`eip-721.md` for
        // `erc-721.md`): the RFC's page, as `check` reads it.
        if disk == Some(link::OnDisk::Missing)
            && let Some(id) = link::named_otherwise(self.links.names, &target)
        {
            self.lookups.push(Lookup::Id(id));
            page = self.links.pages.of_id(id);
        }
        let url = if let Some(page) = page {
            let fragment = anchor.get(1..).unwrap_or("");
            if is_plain_fragment(fragment) {
                self.anchored.push((target.clone(), fragment.to_string()));
            }
            format!("{page}{anchor}")
        } else if disk == Some(link::OnDisk::File) {
            let url = match self.links.pages.document_stem(&target) {
                Some(stem) => format!("{}.html{anchor}", url_path(&stem)),
                None => format!("../assets/{}{anchor}", url_path(&target)),
            };
            self.assets.push(target.clone());
            url
        } else {
            dest.to_string()
        };
        self.lookups.push(Lookup::Path(target));
        CowStr::from(url)
    }
}

/// `html` with each link to a place on the page (`#Summary`) that names no id but a
/// heading's anchor in another case (`summary`) pointed at that anchor. `check` finds
/// such a link (RFC0306 is case-insensitive, as GitHub is), but a browser matches ids
/// exactly: the link went nowhere without the page's script.
fn with_fragments_found(html: String, headings: &[crate::model::Heading]) -> String {
    const HREF: &str = "href=\"#";
    let ids = |value: &str| html.contains(&format!("id=\"{value}\""));
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find(HREF) {
        let start = at + HREF.len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map_or(rest.len(), |e| start + e);
        let value = &rest[start..end];
        // The page is searched for an id only for a link that needs it: most links name
        // their anchor exactly.
        let found = heading_in_another_case(headings, &link::percent_decode(value))
            .filter(|h| h.anchor != value && !ids(value));
        match found {
            Some(heading) => out.push_str(&sanitize::escape_attribute(&heading.anchor)),
            None => out.push_str(value),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The heading whose anchor `fragment` names in any case (`Summary` for `summary`), as
/// `check` finds it (RFC0306).
fn heading_in_another_case<'h>(
    headings: &'h [crate::model::Heading],
    fragment: &str,
) -> Option<&'h crate::model::Heading> {
    let wanted = fragment.to_lowercase();
    headings
        .iter()
        .find(|h| !h.anchor.is_empty() && h.anchor.to_lowercase() == wanted)
}

/// Whether a link's fragment is written in the page as it is, by any of its writers
/// (Markdown's links, raw HTML's attributes): letters, digits, `-`, `_` and `.`, which
/// is what a heading's name written in another case (`#Problem`) is.
fn is_plain_fragment(fragment: &str) -> bool {
    !fragment.is_empty()
        && fragment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// `html` with each link into an RFC's page (`0002-x.html#Problem`) whose fragment names
/// no anchor there but a heading's anchor in another case (`problem`) pointed at that
/// anchor, as [`with_fragments_found`] does within a page. `anchored` is the body's
/// [`Rendered::anchored`]; `target` gives an RFC's page name and body by source path.
pub(crate) fn fragments_across<'b>(
    mut html: String,
    anchored: &[(String, String)],
    target: impl Fn(&str) -> Option<(String, &'b crate::model::Body)>,
) -> String {
    for (path, fragment) in anchored {
        let Some((page, body)) = target(path) else {
            continue;
        };
        if body.anchors().any(|a| a == fragment) {
            continue;
        }
        let Some(heading) = heading_in_another_case(&body.headings, fragment) else {
            continue;
        };
        // Only inside an attribute's quotes: text writes a quote `&quot;`.
        let from = format!("\"{page}#{fragment}\"");
        if html.contains(&from) {
            let to = format!("\"{page}#{}\"", sanitize::escape_attribute(&heading.anchor));
            html = html.replace(&from, &to);
        }
    }
    html
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// The body's model as a build reads it (with its HTML) and as `check` reads it.
    fn both(text: &str) -> (String, String, String) {
        let config = Config::default_for(std::path::Path::new("/nonexistent"));
        let pages = Pages::new([("rfcs/0012-x.md", Some(RfcId(12)))].into_iter());
        let links = Links {
            pages: &pages,
            root: &config.root,
            word: MentionWord::RFC,
            names: &[],
        };
        let base = text.find("\n---\n").map_or(0, |i| i + 5);
        let (body, rendered) = render(
            text,
            base,
            "rfcs/0001-a.md",
            crate::parse::Titled::default(),
            &config.rfc.sections,
            &links,
        );
        let checked =
            crate::parse::markdown::parse(text, base, &config.rfc.sections, MentionWord::RFC);
        (format!("{body:?}"), format!("{checked:?}"), rendered.html)
    }

    #[test]
    fn page_names_are_unique_and_plain_where_they_can_be() {
        let stems = unique_stems(
            [
                "rfcs/0001-a.md",
                "rfcs/0001-a/notes.md",
                "rfcs/0002-b/notes.md",
                "rfcs/x/y/notes.md",
                "rfcs/notes.md",
                "rfcs/z/y/notes.md",
                "rfcs/a-b/x/c.md",
                "rfcs/a/b/x/c.md",
                "rfcs/w/v.md",
                "rfcs/u/v.md",
                "rfcs/w-v.md",
            ]
            .into_iter(),
        );
        assert_eq!(
            stems,
            [
                "0001-a",
                "0001-a-notes",
                "0002-b-notes",
                "rfcs-x-y-notes",
                "rfcs-notes",
                "rfcs-z-y-notes",
                "rfcs-a-b-x-c-2",
                "rfcs-a-b-x-c-3",
                "rfcs-w-v-3",
                "u-v",
                "rfcs-w-v-2",
            ]
        );
        let all: std::collections::BTreeSet<_> = stems.iter().collect();
        assert_eq!(all.len(), stems.len());
    }

    /// A browser matches ids exactly: a link written `#Summary` for the heading anchored
    /// `summary` is pointed at it, before or after the heading; an id of that exact case
    /// (raw HTML's) keeps its link.
    #[test]
    fn links_on_the_page_take_the_anchors_case() {
        let (_, _, html) = both(
            "---\ntitle: A\n---\n# A\n\nSee [s](#Problem) and [k](#Kept), [d](#Gone).\n\n\
             ## Problem\n\n<span id=\"Kept\">k</span> and [back](#PROBLEM).\n",
        );
        assert!(
            html.contains("<a href=\"#problem\">s</a>")
                && html.contains("<a href=\"#problem\">back</a>")
                && html.contains("<a href=\"#Kept\">k</a>")
                && html.contains("<a href=\"#Gone\">d</a>"),
            "{html}"
        );
    }

    #[test]
    fn an_empty_heading_gets_no_anchor() {
        let (_, _, html) =
            both("---\ntitle: A\n---\n# A\n\n## Problem\n\n####\n\n### \n\n## ???\n\nText.\n");
        assert!(
            html.contains("<h4></h4>")
                && html.contains("<h3></h3>")
                && html.contains("<h2>???</h2>"),
            "{html}"
        );
        assert!(
            !html.contains("id=\"\"") && !html.contains("href=\"#\""),
            "{html}"
        );
    }

    #[test]
    fn a_build_reads_the_same_model_as_check_and_anchors_its_headings() {
        let text = "---\ntitle: A\n---\n# A\n\n## Problem\n\nSee RFC 12 and [x](0012-x.md#why).\n\n\
                    ## Problem\n\n```rust\nlet a = 1; // RFC 12\n```\n\n## Why [not](https://x.org) {#mine}\n\n\
                    <span id=\"k\" onclick=\"x()\">k</span>\n";
        let (built, checked, html) = both(text);
        assert_eq!(built, checked);
        assert!(
            !html.contains("<h1"),
            "the title heading is the template's: {html}"
        );
        assert!(
            html.contains("<h2 id=\"problem\"><a href=\"#problem\">Problem</a></h2>")
                && html.contains("<h2 id=\"problem-1\">")
                && html.contains("<h2 id=\"mine\">Why <a href=\"https://x.org\">not</a> <a class=\"anchor\" href=\"#mine\">#</a></h2>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"0012-x.html\">RFC 12</a>")
                && html.contains("<a href=\"0012-x.html#why\">x</a>"),
            "{html}"
        );
    }

    /// A first `#` heading that names a part (`# Summary`, rust-lang/rfcs 3834; EIPs'
    /// `# Abstract`) is the body's, and stays on the page; the title heading does not.
    #[test]
    fn a_first_heading_that_names_a_part_stays() {
        for (text, kept) in [
            ("# Summary #\n\nS.\n\n## Motivation\n\nM.\n", true),
            ("# Abstract\n\nA.\n", true),
            ("# Use PgBouncer\n\n## Problem\n\nP.\n", false),
            ("Use C#\n======\n\nText.\n", false),
        ] {
            let (_, _, html) = both(&format!("---\ntitle: T\n---\n{text}"));
            assert_eq!(html.contains("<h1"), kept, "{text}: {html}");
        }
    }

    /// A fence's language is its info string's first word, as GitHub reads it: rustdoc's
    /// `rust,ignore` is Rust, highlighted and classed as such; a `math` fence is display
    /// math, as `$$…$$` is.
    #[test]
    fn a_fence_s_language_is_its_first_word() {
        for (info, class, keyword) in [
            (
                "rust,ignore",
                "language-rust",
                "<span class=\"hl-k\">fn</span>",
            ),
            (
                "rust,edition2021,compile_fail",
                "language-rust",
                "<span class=\"hl-k\">fn</span>",
            ),
            ("{.rust}", "language-rust", "<span class=\"hl-k\">fn</span>"),
            (
                "solidity",
                "language-solidity",
                "<span class=\"hl-k\">function</span>",
            ),
        ] {
            let (_, _, html) = both(&format!(
                "---\ntitle: T\n---\n```{info}\nfn main() {{}} function f() {{}}\n```\n"
            ));
            assert!(
                html.contains(&format!("<code class=\"{class}\">")) && html.contains(keyword),
                "{info}: {html}"
            );
        }
        let (_, _, html) = both("---\ntitle: T\n---\n```math\nx_1 < y\n```\n");
        assert_eq!(
            html,
            "<p><span class=\"math math-display\">x_1 &lt; y</span></p>\n"
        );
    }

    /// GitHub's alerts are quotes titled by their kind; a plain quote stays plain.
    #[test]
    fn an_alert_is_a_quote_with_its_kind_as_title() {
        let (_, _, html) = both("---\ntitle: T\n---\n> [!WARNING]\n> Careful.\n\n> Plain.\n");
        assert_eq!(
            html,
            "<blockquote class=\"markdown-alert markdown-alert-warning\">\n\
             <p class=\"markdown-alert-title\">Warning</p>\n<p>Careful.</p>\n</blockquote>\n\
             <blockquote>\n<p>Plain.</p>\n</blockquote>\n"
        );
    }

    proptest::proptest! {
        #[test]
        fn a_build_reads_the_same_model_as_check(
            text in "(#{1,3} [a-zA-Z ]{0,8}(\\{#[a-z]{1,3}\\})?\n|[a-zA-Z ]{0,10}(RFC ?1[0-9])?\n|\\[l\\]\\(([a-z]{1,3}\\.md)?(#[a-z]{1,3})?\\)\n|```\nRFC 12\n```\n|<b id=\"q\">\n|> quote\n|- item\n|\n){0,12}"
        ) {
            let (built, checked, _) = both(&text);
            proptest::prop_assert_eq!(built, checked);
        }
    }
}
