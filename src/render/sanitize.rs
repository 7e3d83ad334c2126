//! Raw HTML in an RFC, reduced to what cannot run code: an allowlist of tags and
//! attributes, URLs limited to safe schemes, everything else escaped or dropped
//! (rfcs/0008). Fragments come one at a time from pulldown-cmark (an HTML block whole,
//! inline HTML tag by tag), so each is handled on its own and can never open a context the
//! next one closes. What the kept tags open is followed across a body ([`Open`]): a
//! stray `</div>` would close the page's own layout, an unclosed `<td>` swallow the rest
//! of the page.

use crate::model::ActiveHtml;

/// Tags kept (with their allowed attributes); any other tag is dropped.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "var",
];
const ATTRIBUTES: &[&str] = &[
    "id", "name", "title", "alt", "href", "src", "width", "height", "colspan", "rowspan", "align",
    "open", "start", "lang", "dir",
];

/// Elements without content, which are never open.
const VOID: &[&str] = &["br", "hr", "img"];

/// Elements whose content is code, not text: dropped with everything in them, so that a
/// `<style>` or `<script>` does not leave its CSS or JavaScript on the page as prose.
const RAW_TEXT: [&str; 2] = ["script", "style"];

/// Kept or not, these tags sit inside a line of text: no word ends at them (`<b>x</b>y`
/// is one word), as at Markdown's own emphasis.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
    "span", "strong", "sub", "sup", "u", "var", "font",
];

/// The script or style element whose content is being dropped, which inline HTML
/// (`<script>` in a paragraph) leaves open across the text events that follow. The page
/// ([`Open`]) and both search texts ([`visible_text`], `index::document`) follow it alike.
#[derive(Default, Clone)]
pub(crate) struct CodeElement {
    name: Option<&'static str>,
    /// The text so far inside it, in which its end tag is looked for: Markdown cuts text
    /// at `<` (`<`, then `/script foo> b`).
    seen: String,
}

impl CodeElement {
    /// Whether text here is inside a `<script>` or `<style>`, and so not shown.
    pub(crate) fn is_open(&self) -> bool {
        self.name.is_some()
    }

    /// The end of the block the element was opened in: what follows is another block's
    /// text, shown again. An unclosed `<style>` in a paragraph hid the rest of the RFC;
    /// CommonMark ends inline HTML with its run of text, and an HTML block with its
    /// container.
    pub(crate) fn end(&mut self) {
        self.name = None;
        self.seen.clear();
    }

    /// For text inside the element: the rest after its end tag, which Markdown leaves as
    /// text when it is no end tag to CommonMark (`</script foo>`) but is one to a
    /// browser; `None` while the element goes on.
    pub(crate) fn text_after(&mut self, text: &str) -> Option<String> {
        let name = self.name?;
        self.seen.push_str(text);
        let Some(after) = after_end_tag(&self.seen, name) else {
            // Only the tail an end tag could still start in is kept: scanning all that
            // was seen on every piece of text made a long paragraph after an unclosed
            // `<script>` quadratic (320 KB took 31 s).
            let keep = name.len() + 2;
            if self.seen.len() > keep {
                let mut cut = self.seen.len() - keep;
                while !self.seen.is_char_boundary(cut) {
                    cut -= 1;
                }
                self.seen.drain(..cut);
            }
            return None;
        };
        let rest = self.seen[after..].to_string();
        self.end();
        Some(rest)
    }

    /// A script or style starts: its content up to its end tag in `s` is skipped.
    fn open<'s>(&mut self, name: &'static str, s: &'s str, block: bool) -> &'s str {
        self.name = Some(name);
        self.skip(s, block)
    }

    /// Skips what is left of the element in `s`; the rest of `s`. In a whole HTML block
    /// (`block`) an element that is not closed is not followed further: CommonMark runs
    /// such a block to the end of the file, and dropping it all hid the rest of the RFC
    /// without a word; its text is shown instead, where the author sees it.
    fn skip<'s>(&mut self, s: &'s str, block: bool) -> &'s str {
        let Some(name) = self.name else { return s };
        match after_end_tag(s, name) {
            Some(after) => {
                self.end();
                &s[after..]
            }
            None if block => {
                self.end();
                s
            }
            None => "",
        }
    }

    /// Whether `event` ends a block that raw HTML's script or style may be open in.
    pub(crate) fn ends_block(event: &pulldown_cmark::Event<'_>) -> bool {
        use pulldown_cmark::{Event, Tag, TagEnd};
        // Inline HTML lives in one run of text: any block starting or ending ends it
        // (a nested list starts inside a tight item before the item ends).
        match event {
            Event::Start(tag) => !matches!(
                tag,
                Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Link { .. }
                    | Tag::Image { .. }
                    | Tag::Superscript
                    | Tag::Subscript
            ),
            Event::End(tag) => !matches!(
                tag,
                TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Image
                    | TagEnd::Superscript
                    | TagEnd::Subscript
            ),
            Event::Rule => true,
            _ => false,
        }
    }
}

/// The elements a body's raw HTML has opened and not closed yet, innermost last, and
/// the script or style whose content is being dropped.
#[derive(Default)]
pub(crate) struct Open {
    elements: Vec<&'static str>,
    pub(crate) code: CodeElement,
}

impl Open {
    /// Whether the body's raw HTML has `name` open here (`<a>`: text inside it may not
    /// become a link of its own).
    pub(crate) fn is_open(&self, name: &str) -> bool {
        self.elements.contains(&name)
    }

    /// What closes them all, for the end of the body: the page's own elements follow.
    pub(crate) fn close_all(&mut self) -> String {
        self.code.end();
        let mut out = String::new();
        while let Some(name) = self.elements.pop() {
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        out
    }

    /// Whether the tag is written: an end tag only closes what the body opened (with
    /// what was opened inside it and left open), or it is dropped. `closers` gets the
    /// end tags of those left open.
    fn admit(&mut self, name: &'static str, closing: bool, closers: &mut String) -> bool {
        if VOID.contains(&name) {
            return true;
        }
        if !closing {
            self.elements.push(name);
            return true;
        }
        let Some(at) = self.elements.iter().rposition(|&open| open == name) else {
            return false;
        };
        while self.elements.len() > at + 1 {
            let inner = self.elements.pop().unwrap_or(name);
            closers.push_str("</");
            closers.push_str(inner);
            closers.push('>');
        }
        self.elements.pop();
        true
    }
}

/// After the end tag of the raw-text element `name` in `s` (`</script >`, any case), or
/// `None` when `s` does not close it.
fn after_end_tag(s: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("</") {
        let at = from + i + 2;
        let rest = &s.as_bytes()[at..];
        let named = rest.len() >= name.len()
            && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && rest
                .get(name.len())
                .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
        if named {
            return Some(s[at..].find('>').map_or(s.len(), |e| at + e + 1));
        }
        from = at;
    }
    None
}

/// The text a reader sees of raw HTML, for search: entities decoded, comments and the
/// content of scripts and styles left out, a space where a tag ends a word. `code` carries
/// an open script or style from one fragment to the next, as [`Open`] does.
pub(crate) fn visible_text(fragment: &str, code: &mut CodeElement, block: bool, out: &mut String) {
    let mut rest = code.skip(fragment, block);
    while let Some(i) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..i]));
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        match Tag::parse(rest) {
            Some((tag, len)) => {
                rest = &rest[len..];
                if !INLINE.contains(&tag.name.as_str()) {
                    out.push(' ');
                }
                if !tag.closing
                    && !tag.self_closing
                    && let Some(&name) = RAW_TEXT.iter().find(|&&t| t == tag.name)
                {
                    rest = code.open(name, rest, block);
                }
            }
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(&decode_entities(rest));
}

/// Elements that run or embed code, which the page drops (as every element not in
/// [`TAGS`]) and `check` warns of. `<script>` is one; `<style>` is not, it only styles.
const ACTIVE: &[&str] = &["script", "iframe", "frame", "object", "embed", "applet"];

/// Attributes whose value a browser follows or loads as a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "action", "formaction", "xlink:href"];

/// Calls `found` with what in `fragment` would run code in a browser and where it is in
/// `fragment`, reading tags, comments and the content of scripts and styles exactly as
/// [`html_with`] does (`code` follows an open one from fragment to fragment), so that
/// `check` warns of what the page leaves out: not of `<scriptx>`, of `onerror=` inside a
/// `title`, or of `javascript:` in prose, and of a handler on a tag written over lines.
pub(crate) fn active_parts(
    fragment: &str,
    code: &mut CodeElement,
    block: bool,
    found: &mut dyn FnMut(ActiveHtml, std::ops::Range<usize>),
) {
    let mut rest = code.skip(fragment, block);
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some((tag, len)) = Tag::parse(rest) else {
            rest = &rest[1..];
            continue;
        };
        let at = fragment.len() - rest.len();
        if !tag.closing {
            if let Some(&name) = ACTIVE.iter().find(|&&n| n == tag.name) {
                found(ActiveHtml::Element(name.to_string()), at..at + len);
            }
            for attribute in &tag.attributes {
                let range = at + attribute.at.start..at + attribute.at.end;
                let name = attribute.name.as_str();
                if name.len() > 2
                    && name.starts_with("on")
                    && name.bytes().all(|b| b.is_ascii_alphabetic())
                {
                    found(ActiveHtml::Handler(attribute.name.clone()), range);
                } else if URL_ATTRIBUTES.contains(&name)
                    && let Some(url) = attribute.value.map(decode_entities)
                    && let Some(verdict) = url_left_out(&url)
                {
                    // A scheme that runs no code is named only where the page would have
                    // kept the link (an `<a href>`, an `<img src>`); the rest goes whole.
                    let kept = ATTRIBUTES.contains(&name) && TAGS.contains(&tag.name.as_str());
                    if kept || matches!(verdict, ActiveHtml::Url(_)) {
                        found(verdict, range);
                    }
                }
            }
        }
        rest = &rest[len..];
        if !tag.closing
            && !tag.self_closing
            && let Some(&name) = RAW_TEXT.iter().find(|&&t| t == tag.name)
        {
            rest = code.open(name, rest, block);
        }
    }
}

/// Why the site leaves the link `url` out ([`safe_url`]), as `check` names it: a scheme
/// that runs code (`javascript:`, `vbscript:`), or another it does not keep (`data:`,
/// `ftp:`); `None` for what it keeps.
pub(crate) fn url_left_out(url: &str) -> Option<ActiveHtml> {
    // Most links are paths: no scheme to read (and nothing to allocate).
    if !url.contains(':') {
        return None;
    }
    let scheme = scheme_of(url)?;
    match scheme.as_str() {
        "http" | "https" | "mailto" => None,
        "javascript" | "vbscript" => Some(ActiveHtml::Url(scheme)),
        _ => Some(ActiveHtml::Unkept(scheme)),
    }
}

/// The fragment with every tag checked, every comment removed and stray `<` escaped.
#[cfg(test)]
pub(crate) fn html(fragment: &str) -> String {
    html_with(fragment, &mut Open::default(), true, &mut str::to_string)
}

/// [`html`], with each safe `href` and `src` value given to `url`, which says where it
/// points on the site: a relative image in raw HTML is copied and linked as a Markdown
/// image is. `open` follows what the body's earlier fragments opened.
pub(crate) fn html_with(
    fragment: &str,
    open: &mut Open,
    block: bool,
    url: &mut dyn FnMut(&str) -> String,
) -> String {
    let mut out = String::with_capacity(fragment.len());
    let mut rest = open.code.skip(fragment, block);
    while let Some(i) = rest.find('<') {
        push_text(&mut out, &rest[..i]);
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        match Tag::parse(rest) {
            Some((tag, len))
                if let Some(&name) = RAW_TEXT.iter().find(|&&t| t == tag.name)
                    && !tag.closing
                    && !tag.self_closing =>
            {
                rest = open.code.open(name, &rest[len..], block);
            }
            Some((tag, len)) => {
                if let Some(name) = TAGS.iter().find(|&&t| t == tag.name)
                    && (tag.self_closing || open.admit(name, tag.closing, &mut out))
                {
                    tag.write(&mut out, url);
                }
                rest = &rest[len..];
            }
            None => {
                out.push_str("&lt;");
                rest = &rest[1..];
            }
        }
    }
    push_text(&mut out, rest);
    out
}

/// Text between tags may hold entities (`&amp;`), which are harmless; only `>` is escaped.
fn push_text(out: &mut String, text: &str) {
    out.push_str(&html_chars(text).replace('>', "&gt;"));
}

struct Tag<'a> {
    name: String,
    closing: bool,
    self_closing: bool,
    attributes: Vec<Attribute<'a>>,
}

struct Attribute<'a> {
    /// In lower case.
    name: String,
    value: Option<&'a str>,
    /// Where it is written in the tag, name to value.
    at: std::ops::Range<usize>,
}

impl<'a> Tag<'a> {
    /// Parses `<name attr="v" …>` at the start of `s`; the length consumed with it.
    fn parse(s: &'a str) -> Option<(Tag<'a>, usize)> {
        let b = s.as_bytes();
        let mut i = 1;
        let closing = b.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == name_start || !b[name_start].is_ascii_alphabetic() {
            return None;
        }
        let name = s[name_start..i].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i)? {
                b'>' => {
                    let tag = Tag {
                        name,
                        closing,
                        self_closing: false,
                        attributes,
                    };
                    return Some((tag, i + 1));
                }
                b'/' if b.get(i + 1) == Some(&b'>') => {
                    let tag = Tag {
                        name,
                        closing,
                        self_closing: true,
                        attributes,
                    };
                    return Some((tag, i + 2));
                }
                _ => {}
            }
            let attr_start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !b"=>/\"'<".contains(&b[i]) {
                i += 1;
            }
            if i == attr_start {
                return None;
            }
            let attr = s[attr_start..i].to_ascii_lowercase();
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let value = if b.get(i) == Some(&b'=') {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                match b.get(i)? {
                    q @ (b'"' | b'\'') => {
                        let end = s[i + 1..].find(char::from(*q))? + i + 1;
                        let v = &s[i + 1..end];
                        i = end + 1;
                        Some(v)
                    }
                    _ => {
                        let start = i;
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                        Some(&s[start..i])
                    }
                }
            } else {
                None
            };
            attributes.push(Attribute {
                name: attr,
                value,
                at: attr_start..i,
            });
        }
    }

    fn write(&self, out: &mut String, url: &mut dyn FnMut(&str) -> String) {
        if !TAGS.contains(&self.name.as_str()) {
            return;
        }
        out.push('<');
        if self.closing {
            out.push('/');
        }
        out.push_str(&self.name);
        if !self.closing {
            for Attribute {
                name: attr, value, ..
            } in &self.attributes
            {
                if !ATTRIBUTES.contains(&attr.as_str()) {
                    continue;
                }
                let mut value = value.map(decode_entities);
                if matches!(attr.as_str(), "href" | "src") {
                    match value.as_deref().filter(|v| safe_url(v)) {
                        Some(v) => value = Some(url(v)),
                        None => continue,
                    }
                }
                // An id the page gives itself (`Main`, `Fn-x`) is not the body's to take.
                if attr == "id"
                    && value
                        .as_deref()
                        .is_some_and(crate::parse::markdown::reserved)
                {
                    value = value.map(|v| v.to_lowercase());
                }
                out.push(' ');
                out.push_str(attr);
                if let Some(v) = value {
                    out.push_str("=\"");
                    out.push_str(&escape_attribute(&v));
                    out.push('"');
                }
            }
        }
        if self.self_closing {
            out.push_str(" /");
        }
        out.push('>');
    }
}

/// Relative URLs and http(s)/mailto ones; no `javascript:`, `data:` or `vbscript:`.
pub(crate) fn safe_url(url: &str) -> bool {
    scheme_of(url).is_none_or(|scheme| matches!(scheme.as_str(), "http" | "https" | "mailto"))
}

/// The scheme of `url` as a browser reads it (whitespace and controls inside it ignored,
/// any case), or `None` for a relative address (`a/b:c`, `?x:y`, `#z:1`).
fn scheme_of(url: &str) -> Option<String> {
    let mut scheme = String::new();
    for c in url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
    {
        match c {
            ':' => return Some(scheme),
            '/' | '?' | '#' => return None,
            c => scheme.push(c.to_ascii_lowercase()),
        }
    }
    None
}

/// Enough entity decoding that `&#106;avascript:` is seen for what it is.
pub(crate) fn decode_entities(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    let mut out = String::new();
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let code = match entity {
                "amp" => Some('&' as u32),
                "lt" => Some('<' as u32),
                "gt" => Some('>' as u32),
                "quot" => Some('"' as u32),
                "apos" => Some('\'' as u32),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok())),
            };
            code.and_then(char::from_u32).map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether HTML forbids `c` in a document: a control other than ASCII whitespace (a parse
/// error; U+0000 is dropped), or the noncharacters U+FFFE and U+FFFF. YAML lets a title
/// hold `"\a"`, and Markdown any of them.
pub(crate) fn forbidden_in_html(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}'
    )
}

/// Whether a byte can start a character [`forbidden_in_html`]: a control other than the
/// whitespace HTML allows (every line of a code block ends in one, and sent each such
/// line down the slow path), or the first byte of a C1 control (`0xc2`) or of
/// U+FFFE/U+FFFF (`0xef`).
fn may_be_forbidden(b: u8) -> bool {
    (b < b'\t') | (b == 0x0b) | ((b > b'\r') & (b < 0x20)) | (b == 0x7f) | (b == 0xc2) | (b == 0xef)
}

/// Whether any byte of `text` is one `wanted` picks, looked at in whole chunks without
/// branches, which the compiler vectorizes: every word of every RFC passes here, and
/// nearly none has such a byte.
fn any_byte(text: &str, wanted: impl Fn(u8) -> bool) -> bool {
    text.as_bytes()
        .chunks(32)
        .any(|chunk| chunk.iter().fold(false, |found, &b| found | wanted(b)))
}

/// `text` with the characters HTML forbids made U+FFFD, borrowed when it has none.
pub(crate) fn html_chars(text: &str) -> std::borrow::Cow<'_, str> {
    if !any_byte(text, may_be_forbidden) || !text.chars().any(forbidden_in_html) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| if forbidden_in_html(c) { '\u{fffd}' } else { c })
        .collect::<String>()
        .into()
}

/// The templates' escaping: tera's, after [`html_chars`].
pub(crate) fn escape_template_value(
    input: &str,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    // Most values (titles, names, addresses, dates) need neither: one look at their bytes.
    if !any_byte(input, needs_escape) {
        return out.write_all(input.as_bytes());
    }
    tera::escape_html(&html_chars(input), out)
}

/// Whether a byte is one that HTML escaping changes, or [`may_be_forbidden`].
fn needs_escape(b: u8) -> bool {
    may_be_forbidden(b) | (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'')
}

/// Text or an attribute value as HTML writes it: escaped, and with the characters HTML
/// forbids made U+FFFD, since everything made in Rust (graphs, highlighted code, heading
/// ids, link titles) goes through here.
pub(crate) fn escape_attribute(v: &str) -> String {
    // Most text needs nothing (every highlighted token and graph label passes here).
    if !any_byte(v, needs_escape) {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len() + 8);
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if forbidden_in_html(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text inside an open script is kept only as far as an end tag could still start
    /// in it, however long the paragraph; an end tag cut across pieces is still found.
    #[test]
    fn an_open_script_keeps_only_the_tail_it_needs() {
        let mut code = CodeElement::default();
        assert_eq!(code.open("script", "", false), "");
        for _ in 0..10_000 {
            assert_eq!(code.text_after("x </1 y é "), None);
        }
        assert!(
            code.seen.len() <= "script".len() + 2 + 1,
            "{}",
            code.seen.len()
        );
        assert_eq!(code.text_after("</scr"), None);
        assert_eq!(code.text_after("ipt> after").as_deref(), Some(" after"));
        assert!(!code.is_open());
    }

    /// Raw HTML closes only what it opened: a stray `</div>` would close the page's
    /// layout; what it leaves open is closed at the end of the body.
    #[test]
    fn raw_html_closes_only_what_it_opened() {
        let mut open = Open::default();
        let mut keep = |u: &str| u.to_string();
        assert_eq!(
            html_with("</div></div><p>x</p>", &mut open, true, &mut keep),
            "<p>x</p>"
        );
        assert_eq!(
            html_with(
                "<details><summary>More</summary>",
                &mut open,
                true,
                &mut keep
            ),
            "<details><summary>More</summary>"
        );
        assert_eq!(
            html_with("<table><tr><td>cell", &mut open, true, &mut keep),
            "<table><tr><td>cell"
        );
        // Closing the outer element closes what is open inside it first.
        assert_eq!(
            html_with("</table>", &mut open, true, &mut keep),
            "</td></tr></table>"
        );
        assert_eq!(open.close_all(), "</details>");
        assert_eq!(
            html_with(
                "<ul><li>a<li>b</ul><br><img src=\"x.png\">",
                &mut open,
                true,
                &mut keep
            ),
            "<ul><li>a<li>b</li></li></ul><br><img src=\"x.png\">"
        );
        assert_eq!(open.close_all(), "");
    }

    #[test]
    fn harmless_html_is_kept() {
        assert_eq!(html("<kbd>Ctrl</kbd>"), "<kbd>Ctrl</kbd>");
        assert_eq!(
            html("<details open><summary>More</summary>"),
            "<details open><summary>More</summary>"
        );
        assert_eq!(html("<span id=\"7\"></span>"), "<span id=\"7\"></span>");
        assert_eq!(html("<br/>"), "<br />");
    }

    #[test]
    fn code_never_survives() {
        for (input, expected) in [
            // A script or style goes with its content, which is code, not prose.
            ("<script>alert(1)</script>", ""),
            ("<style>\nbody { display: none }\n</style>\nok", "\nok"),
            ("<SCRIPT type=module>x</SCRIPT >y", "y"),
            // Never closed in a whole block: shown as text, not run and not hiding the
            // rest of the file.
            ("<script>never closed", "never closed"),
            ("<img src=x onerror=alert(1)>", "<img src=\"x\">"),
            ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\" java\tscript:alert(1)\">x</a>", "<a>x</a>"),
            ("<svg onload=alert(1)>", ""),
            ("<iframe src=https://evil.example></iframe>", ""),
            ("<scr<script>ipt>alert(1)</script>", "&lt;scr"),
            ("<!-- <script>x</script> -->ok", "ok"),
            ("<div style=\"background:url(javascript:x)\">", "<div>"),
            ("<img src=\"data:text/html,<script>x</script>\">", "<img>"),
            (
                "<a title='\"><script>x</script>'>",
                "<a title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">",
            ),
        ] {
            assert_eq!(html(input), expected, "{input}");
        }
    }

    #[test]
    fn search_reads_the_text_a_reader_sees() {
        let mut code = CodeElement::default();
        let mut text = String::new();
        visible_text(
            "<details>\n<summary>Benchmark &amp; numbers</summary>\n<style>p{}</style><p align=\"center\">Cen<b>tered</b></p><!-- hidden -->",
            &mut code,
            true,
            &mut text,
        );
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words, ["Benchmark", "&", "numbers", "Centered"]);
        // A script that inline HTML opens is closed by a later fragment.
        let mut text = String::new();
        visible_text("<script>", &mut code, false, &mut text);
        assert!(code.is_open());
        visible_text("alert(1)</script> after", &mut code, false, &mut text);
        assert_eq!((code.is_open(), text.trim()), (false, "after"));
        // A whole block whose style is never closed shows its text rather than hide the
        // rest of the file, which CommonMark makes part of that block.
        let mut text = String::new();
        visible_text(
            "<style>\np {}\n\n## Rationale\n\nKept.",
            &mut code,
            true,
            &mut text,
        );
        assert_eq!((code.is_open(), text.contains("Kept.")), (false, true));
        assert!(html("<style>\np {}\n\nKept.").contains("Kept."));
    }

    #[test]
    fn urls() {
        assert!(safe_url("https://x.example/a"));
        assert!(safe_url("../a.png"));
        assert!(safe_url("#x"));
        assert!(!safe_url("a:b/c"));
        assert!(!safe_url("JavaScript:alert(1)"));
        assert!(!safe_url("data:image/png;base64,xx"));
        assert!(!safe_url("vbscript:x"));
    }
}
