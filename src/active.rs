//! Whether a file an RFC links to would run script if a reader opened it from the site.
//!
//! The site publishes attachments under its own address, so a page or picture with a
//! script in it could do anything the site can. Searching the text for `<script` is not
//! enough: a browser reads entities (`&#106;avascript:`), namespace prefixes
//! (`<s:script>`), UTF-16 and tabs inside a scheme (`java&Tab;script:`) that a search does
//! not. So a file is judged as the browser would read it: HTML is never published (its
//! parser forgives anything, so nothing short of a browser could vouch for one); any
//! other file whose text starts with markup is parsed as XML, the way a browser reads a
//! picture or an XML document, and published only if nothing in it can run.

use std::io::Read;
use std::path::Path;

/// Extensions a host serves as HTML: never published, whatever they hold.
const HTML: [&str; 9] = [
    "html", "htm", "shtml", "xhtml", "xht", "xhtm", "mht", "mhtml", "hta",
];

/// Extensions a host serves as something a browser never runs script in (pictures,
/// documents, media, archives, plain text): not read. Any other file is looked at, since
/// hosts serve dozens of extensions as XML (`.rdf`, `.xsl`, `.kml`, `.mml`…), which a
/// browser renders as a document that may run script.
const INERT: &[&str] = &[
    "png",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "avif",
    "bmp",
    "ico",
    "tif",
    "tiff",
    "heic",
    "pdf",
    "txt",
    "text",
    "log",
    "csv",
    "tsv",
    "json",
    "yaml",
    "yml",
    "toml",
    "md",
    "markdown",
    "rst",
    "adoc",
    "zip",
    "gz",
    "tgz",
    "tar",
    "bz2",
    "xz",
    "zst",
    "7z",
    "mp3",
    "mp4",
    "m4a",
    "m4v",
    "webm",
    "ogg",
    "ogv",
    "oga",
    "opus",
    "wav",
    "flac",
    "mov",
    "avi",
    "mkv",
    "woff",
    "woff2",
    "ttf",
    "otf",
    "eot",
    "wasm",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "doc",
    "xls",
    "ppt",
    "key",
    "pages",
    "numbers",
    "ps",
    "eps",
    // Source code, served as text, as a script a page of the site never loads, or as a
    // download: a `.vue` sample starts with `<` and is no XML document. Not `.rs`: mime-db
    // (GitHub Pages) serves it as an XML type; a Rust file never starts with `<` anyway.
    "js",
    "mjs",
    "cjs",
    "ts",
    "mts",
    "tsx",
    "jsx",
    "vue",
    "svelte",
    "astro",
    "py",
    "rb",
    "go",
    "java",
    "kt",
    "kts",
    "scala",
    "c",
    "h",
    "cc",
    "cpp",
    "cxx",
    "hpp",
    "cs",
    "fs",
    "swift",
    "m",
    "sh",
    "bash",
    "zsh",
    "fish",
    "ps1",
    "bat",
    "sql",
    "css",
    "scss",
    "sass",
    "less",
    "diff",
    "patch",
    "ini",
    "cfg",
    "conf",
    "env",
    "properties",
    "proto",
    "graphql",
    "gql",
    "tf",
    "hcl",
    "lua",
    "r",
    "ex",
    "exs",
    "erl",
    "hs",
    "ml",
    "clj",
    "dart",
    "erb",
    "ejs",
    "hbs",
    "mustache",
    "j2",
    "jinja",
    "tera",
    "liquid",
    "twig",
    "tmpl",
    "tpl",
    "gradle",
    "mk",
    "cmake",
    "dot",
    "gv",
    "puml",
    "plantuml",
    "mmd",
    "ipynb",
];

/// HTML elements that carry a diagram's labels inside an SVG `<foreignObject>` (draw.io,
/// Mermaid): text, its formatting, lists, tables, pictures and links. Nothing here loads
/// a page, a frame, a form or a script; their attributes are judged like every other.
const LABEL_ELEMENTS: &[&str] = &[
    "div",
    "span",
    "p",
    "br",
    "b",
    "i",
    "u",
    "s",
    "strong",
    "em",
    "font",
    "sub",
    "sup",
    "small",
    "big",
    "strike",
    "del",
    "ins",
    "mark",
    "code",
    "pre",
    "kbd",
    "blockquote",
    "center",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "col",
    "colgroup",
    "img",
    "a",
    "label",
    "wbr",
];

/// Extensions web servers commonly run as programs (PHP, JSP, ASP, CGI, server-side
/// includes, ColdFusion): refused wherever they are in a name. A host that only serves
/// files would publish them as text, but a site may well be put on one that does not.
const SERVER: &[&str] = &[
    "php", "php3", "php4", "php5", "php7", "php8", "phtml", "pht", "phar", "phps", "jsp", "jspx",
    "asp", "aspx", "ashx", "asmx", "cgi", "pl", "shtml", "shtm", "stm", "cfm", "cfml",
];

/// Compressions servers and browsers undo on the way (`Content-Encoding`).
const COMPRESSED: &[&str] = &["gz", "br", "zst", "z", "bz2", "xz", "lz", "lzma", "deflate"];

const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Why the file at `path` could run script when opened from the site, or `None` when it
/// cannot. A file that cannot be read cannot be shown harmless.
pub(crate) fn danger(path: &Path) -> Option<String> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    // Apache reads every extension of a name, not only the last: `notes.html.zzz` is
    // served as HTML (the unknown `zzz` is passed over), and `x.php.txt` run as PHP where
    // PHP is set up by `AddHandler`. So each one is judged.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    // Windows servers drop a name's trailing spaces and dots: `x.html ` is `x.html`.
    let extensions: Vec<&str> = name
        .trim_end_matches([' ', '.'])
        .split('.')
        .skip(1)
        .collect();
    if let Some(server) = extensions.iter().find(|e| SERVER.contains(e)) {
        return Some(format!(
            "it is a server-side script (`.{server}`), which a web server set up to run such \
             scripts would run for anyone who opens it"
        ));
    }
    if extensions.iter().any(|e| HTML.contains(e)) {
        return Some(
            "it is an HTML page, whose scripts a browser would run on the site's address".into(),
        );
    }
    if extension == "svgz" {
        return Some("it is a compressed picture, whose contents cannot be checked".into());
    }
    // `x.svg.gz` is what a server that serves compressed copies (nginx's `gzip_static`,
    // Caddy's `precompressed`) answers `x.svg` with, decompressed by the browser: markup
    // compressed is refused unless all its other extensions are inert (`logs.txt.gz`).
    if COMPRESSED.contains(&extension.as_str())
        && extensions[..extensions.len().saturating_sub(1)]
            .iter()
            .any(|e| !INERT.contains(e))
    {
        return Some(format!(
            "it is compressed (`.{extension}`) markup or a file of unknown kind, whose contents cannot be checked, and which some servers serve decompressed"
        ));
    }
    if INERT.contains(&extension.as_str()) {
        return None;
    }
    remembered(path, || judge(path))
}

/// A verdict already reached for this file, as long as its length and modification time
/// are unchanged: every link to a large diagram would otherwise parse it again, and
/// `serve` rebuilds on every save.
fn remembered(path: &Path, judge: impl FnOnce() -> Option<String>) -> Option<String> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock, PoisonError};
    type Stamp = (u64, std::time::SystemTime);
    type Verdicts = HashMap<std::path::PathBuf, (Stamp, Option<String>)>;
    static VERDICTS: OnceLock<Mutex<Verdicts>> = OnceLock::new();
    let stamp = std::fs::metadata(path)
        .and_then(|m| Ok((m.len(), m.modified()?)))
        .ok();
    let Some(stamp) = stamp else {
        return judge();
    };
    let verdicts = VERDICTS.get_or_init(Mutex::default);
    let known = verdicts
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(path)
        .filter(|(when, _)| *when == stamp)
        .map(|(_, verdict)| verdict.clone());
    if let Some(verdict) = known {
        return verdict;
    }
    let verdict = judge();
    verdicts
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(path.to_path_buf(), (stamp, verdict.clone()));
    verdict
}

fn judge(path: &Path) -> Option<String> {
    let bytes = match read(path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return None,
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            return Some(format!(
                "it is markup larger than {} MiB, too large to be checked; a zip of it is published as it is",
                MAX_MARKUP >> 20
            ));
        }
        Err(_) => return Some("it cannot be read, so it cannot be shown harmless".into()),
    };
    let (text, encoding) = match decode(&bytes) {
        Decoded::Text(text, encoding) => (text, encoding),
        Decoded::NotMarkup => return None,
        Decoded::Unreadable(why) => return Some(why.into()),
    };
    in_markup(&text, encoding)
}

/// The whole file if it starts with markup (`<` after a byte-order mark and spaces, or
/// UTF-16 or UTF-32 text), else `None` after reading only its first bytes: an attachment
/// may be a large data file.
fn read(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    let mut file = std::fs::File::open(path)?;
    let mut head = Vec::with_capacity(4096);
    (&mut file).take(4096).read_to_end(&mut head)?;
    // A head of spaces alone says nothing yet: markup may begin after it (after a
    // byte-order mark, in UTF-16 too).
    let only_spaces = head
        .iter()
        .all(|b| b.is_ascii_whitespace() || matches!(b, 0 | 0xEF | 0xBB | 0xBF | 0xFE | 0xFF));
    if matches!(decode(&head), Decoded::NotMarkup) && !only_spaces {
        return Ok(None);
    }
    if file.metadata()?.len() > MAX_MARKUP {
        return Err(std::io::ErrorKind::FileTooLarge.into());
    }
    file.read_to_end(&mut head)?;
    Ok(Some(head))
}

/// The largest markup file that is read whole and parsed: far above any diagram, and
/// a bound on the memory one link can take.
const MAX_MARKUP: u64 = 64 << 20;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16,
}

enum Decoded {
    Text(String, Encoding),
    NotMarkup,
    Unreadable(&'static str),
}

/// The text of a file as a browser's XML parser would decode it: a byte-order mark, or
/// the first `<` in UTF-16 or UTF-32, names the encoding; otherwise UTF-8.
fn decode(bytes: &[u8]) -> Decoded {
    const WIDE: &str = "it is UTF-32 text, which cannot be checked";
    let utf16 = |rest: &[u8], big: bool| {
        if !rest.len().is_multiple_of(2) {
            return Decoded::Unreadable("it is UTF-16 text cut in the middle of a character");
        }
        let units = rest.chunks_exact(2).map(|p| {
            if big {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        match char::decode_utf16(units).collect::<Result<String, _>>() {
            Ok(text) if starts_with_markup(text.as_bytes()) => Decoded::Text(text, Encoding::Utf16),
            Ok(_) => Decoded::NotMarkup,
            Err(_) => Decoded::Unreadable("it is UTF-16 text with a broken character"),
        }
    };
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => Decoded::Unreadable(WIDE),
        [b'<', 0, 0, 0, ..] | [0, 0, 0, b'<', ..] => Decoded::Unreadable(WIDE),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, false),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, true),
        [b'<', 0, ..] => utf16(bytes, false),
        [0, b'<', ..] => utf16(bytes, true),
        _ => {
            let rest = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            if !starts_with_markup(rest) {
                return Decoded::NotMarkup;
            }
            match std::str::from_utf8(rest) {
                Ok(text) => Decoded::Text(text.to_string(), Encoding::Utf8),
                // Cut off at the head's end, or not UTF-8: the caller reads the whole.
                Err(e) if e.error_len().is_none() => {
                    Decoded::Text(String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8)
                }
                Err(_) => Decoded::Unreadable(
                    "it is markup that is not UTF-8, which a browser would decode by guessing",
                ),
            }
        }
    }
}

fn starts_with_markup(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<')
}

/// What in an XML text could run, read with entities expanded and namespaces resolved,
/// as the browser reads it.
fn in_markup(text: &str, encoding: Encoding) -> Option<String> {
    if let Some(declared) = declared_encoding(text) {
        let agrees = match encoding {
            Encoding::Utf8 => matches!(declared.as_str(), "utf-8" | "utf8" | "us-ascii"),
            Encoding::Utf16 => declared.starts_with("utf-16"),
        };
        if !agrees {
            return Some(format!(
                "it declares the encoding `{declared}`, which a browser would read differently from how it was checked"
            ));
        }
    }
    // roxmltree expands a DOCTYPE's entities but ignores its attribute defaults, which a
    // browser applies (`<!ATTLIST svg onload CDATA "…">`): such a file is not judged.
    if text.contains("<!ATTLIST") {
        return Some("its DOCTYPE declares attribute defaults (`<!ATTLIST`), which a browser would add to its elements".into());
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = match roxmltree::Document::parse_with_options(text, options) {
        Ok(doc) => doc,
        Err(e) => {
            return Some(format!(
                "it is not well-formed XML ({e}), and a browser shows what comes before the mistake"
            ));
        }
    };
    let line = |at: usize| doc.text_pos_at(at).row;
    for node in doc.descendants() {
        if let Some(pi) = node.pi()
            && pi.target.eq_ignore_ascii_case("xml-stylesheet")
        {
            return Some(format!(
                "it has a processing instruction `<?{}` (line {}), which can apply a stylesheet that runs script",
                pi.target,
                line(node.range().start)
            ));
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name();
        let local = name.name().to_ascii_lowercase();
        if name.namespace() == Some(XHTML) {
            let in_label = node
                .ancestors()
                .any(|a| a.tag_name().name().eq_ignore_ascii_case("foreignobject"));
            if !in_label {
                return Some(format!(
                    "it has an HTML element `<{}>` (line {}), which a browser runs as a web page",
                    name.name(),
                    line(node.range().start)
                ));
            }
            if !LABEL_ELEMENTS.contains(&local.as_str()) {
                return Some(format!(
                    "it has an HTML element `<{}>` in a `<foreignObject>` (line {}); a diagram's \
                     labels need only text, lists, tables, pictures and links",
                    name.name(),
                    line(node.range().start)
                ));
            }
        }
        if matches!(local.as_str(), "script" | "handler" | "listener") {
            return Some(format!(
                "it has a `<{}>` element (line {})",
                name.name(),
                line(node.range().start)
            ));
        }
        for attribute in node.attributes() {
            let attr = attribute.name().to_ascii_lowercase();
            if attr.starts_with("on") || attr == "srcdoc" {
                return Some(format!(
                    "it has an event handler `{}` (line {})",
                    attribute.name(),
                    line(attribute.range().start)
                ));
            }
            if let Some(scheme) = script_url(attribute.value()) {
                return Some(format!(
                    "it has a `{scheme}` URL in `{}` (line {})",
                    attribute.name(),
                    line(attribute.range().start)
                ));
            }
        }
    }
    None
}

/// `javascript:` or `vbscript:` anywhere in a value, as a browser reads a URL: spaces and
/// control characters inside the scheme are dropped (`java\tscript:`), case ignored. Any
/// attribute is judged, since animations set `href` from `values` and `to`.
fn script_url(value: &str) -> Option<&'static str> {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    // At the start of the value, or of an item of a list (`values="a;javascript:…"`):
    // a Wikipedia link to `JavaScript:_The_Good_Parts` is no script.
    ["javascript:", "vbscript:"].into_iter().find(|scheme| {
        squeezed
            .split([';', ','])
            .any(|item| item.starts_with(scheme))
    })
}

/// The lower-cased `encoding` of an XML declaration, if the text starts with one.
fn declared_encoding(text: &str) -> Option<String> {
    let declaration = text.strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    let at = declaration.find("encoding")?;
    let rest = declaration[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(name: &str, bytes: &[u8]) -> Option<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        danger(&path)
    }

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn pictures_and_documents_without_script_are_published() {
        let svg = br#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">
  <style>.a { fill: red; }</style>
  <a xlink:href="https://example.com/"><rect class="a" width="10" height="10" orient="auto"/></a>
  <image href="data:image/png;base64,iVBORw0KGgo="/>
</svg>
"#;
        assert_eq!(judge("a.svg", svg), None);
        assert_eq!(judge("data.xml", b"<config><key>on</key></config>\n"), None);
        // Illustrator's entities for its namespaces.
        let entities = br#"<!DOCTYPE svg [<!ENTITY ns_svg "http://www.w3.org/2000/svg">]><svg xmlns="&ns_svg;"/>"#;
        assert_eq!(judge("b.svg", entities), None);
        assert_eq!(judge("plain.dat", b"not markup at all"), None);
        assert_eq!(judge("notes.txt", b"<script>alert(1)</script>"), None);
        assert_eq!(
            judge(
                "c.svg",
                &utf16le("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", true)
            ),
            None
        );
        // PlantUML's instruction, and a link to a page about JavaScript.
        let plantuml = b"<?plantuml 1.2023.10?><svg><a href='https://en.wikipedia.org/wiki/JavaScript:_The_Good_Parts'/></svg>";
        assert_eq!(judge("p.svg", plantuml), None);
        // draw.io's and Mermaid's labels: HTML text in a <foreignObject>.
        let drawio = br#"<svg xmlns="http://www.w3.org/2000/svg"><switch><foreignObject width="100%" height="100%" requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility"><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex;"><div><font style="font-size: 14px">Queue <b>jobs</b><br/>in Postgres</font><ul><li><a href="https://example.com/">docs</a></li></ul></div></div></foreignObject><text>Queue jobs</text></switch></svg>"#;
        assert_eq!(judge("diagram.drawio.svg", drawio), None);
        let mermaid = br#"<svg xmlns="http://www.w3.org/2000/svg"><style>#m .label{color:#333;}</style><g class="label"><foreignObject width="80" height="24"><div xmlns="http://www.w3.org/1999/xhtml" style="display: inline-block;"><span class="nodeLabel"><p>Start <i class="fa fa-car"></i></p></span></div></foreignObject></g></svg>"#;
        assert_eq!(judge("flow.svg", mermaid), None);
        // Code samples that start with markup are not XML documents.
        assert_eq!(
            judge(
                "Counter.vue",
                b"<template>
  <button @click=\"n++\">{{ n }}</button>
</template>
"
            ),
            None
        );
        assert_eq!(judge("main.go", b"<-chan int\n"), None);
    }

    #[test]
    fn whatever_a_browser_would_run_is_found() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("a.html", b"<p>harmless</p>", "HTML page"),
            ("a.XHT", b"<p/>", "HTML page"),
            ("a.svgz", b"\x1f\x8b", "compressed"),
            ("a.svg", b"<svg><script>alert(1)</script></svg>", "`<script>` element (line 1)"),
            (
                "a.svg",
                b"<svg xmlns='http://www.w3.org/2000/svg' xmlns:s='http://www.w3.org/2000/svg'>\n<s:script>alert(1)</s:script></svg>",
                "`<script>` element (line 2)",
            ),
            ("a.svg", b"<svg onload='alert(1)'/>", "event handler `onload`"),
            ("a.svg", b"<svg><a href='&#106;avascript:alert(1)'/></svg>", "`javascript:` URL"),
            ("a.svg", b"<svg><a href='java&#9;script:alert(1)'/></svg>", "`javascript:` URL"),
            (
                "a.svg",
                b"<svg xmlns:xlink='http://www.w3.org/1999/xlink'><a xlink:href='javascript&#58;x'/></svg>",
                "`javascript:` URL",
            ),
            (
                "a.svg",
                b"<svg><set attributeName='href' to='javascript:alert(1)'/></svg>",
                "`javascript:` URL in `to`",
            ),
            (
                "a.svg",
                b"<svg><foreignObject><iframe xmlns='http://www.w3.org/1999/xhtml' src='data:text/html,x'/></foreignObject></svg>",
                "`<iframe>` in a `<foreignObject>` (line 1)",
            ),
            (
                "a.svg",
                b"<svg><foreignObject><div xmlns='http://www.w3.org/1999/xhtml'><meta http-equiv='refresh' content='0;url=x'/></div></foreignObject></svg>",
                "`<meta>` in a `<foreignObject>`",
            ),
            (
                "a.svg",
                b"<svg><foreignObject><div xmlns='http://www.w3.org/1999/xhtml'><img src='x' onerror='alert(1)'/></div></foreignObject></svg>",
                "event handler `onerror`",
            ),
            (
                "a.svg",
                b"<svg><foreignObject><a xmlns='http://www.w3.org/1999/xhtml' href='javascript:alert(1)'>x</a></foreignObject></svg>",
                "`javascript:` URL",
            ),
            (
                "a.xml",
                b"<?xml-stylesheet type='text/xsl' href='x.xsl'?><a/>",
                "processing instruction `<?xml-stylesheet`",
            ),
            (
                "a.rdf",
                b"<x xmlns:h='http://www.w3.org/1999/xhtml'><h:img src='x'/></x>",
                "HTML element `<img>`",
            ),
            ("a.svg", b"<svg><unclosed></svg>", "not well-formed XML"),
            (
                "a.svg",
                b"<?xml version='1.0' encoding='ISO-8859-1'?><svg/>",
                "encoding `iso-8859-1`",
            ),
            ("a.svg", b"<svg>\xff\xfe</svg>", "not UTF-8"),
            (
                "a.svg",
                b"<!DOCTYPE svg [<!ENTITY x 'javascript:alert(1)'>]><svg><a href='&x;'/></svg>",
                "`javascript:` URL",
            ),
        ];
        for (name, bytes, why) in cases {
            let found = judge(name, bytes);
            assert!(
                found.as_deref().is_some_and(|f| f.contains(why)),
                "{name} {:?}: {found:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        // Every extension of a name counts, as Apache reads them: `x.html.zzz` is served
        // as HTML, and a server-side script runs wherever its extension is.
        for (name, why) in [
            ("notes.html.zzz", "HTML page"),
            ("notes.HTM.en", "HTML page"),
            ("notes.html ", "HTML page"),
            ("notes.html.", "HTML page"),
            ("shell.php", "server-side script (`.php`)"),
            ("shell.phtml", "server-side script (`.phtml`)"),
            ("shell.php.txt", "server-side script (`.php`)"),
            ("run.cgi", "server-side script (`.cgi`)"),
        ] {
            let found = judge(name, b"<?php system($_GET['c']); ?><x/>");
            assert!(
                found.as_deref().is_some_and(|f| f.contains(why)),
                "{name}: {found:?}"
            );
        }
        // Compressed markup is served decompressed by some servers; compressed logs are fine.
        for name in [
            "c.svg.gz",
            "c.SVG.GZ",
            "c.xml.br",
            "c.svg.zst",
            "c.unknown.gz",
        ] {
            let found = judge(name, b"\x1f\x8b");
            assert!(
                found.as_deref().is_some_and(|f| f.contains("compressed")),
                "{name}: {found:?}"
            );
        }
        assert_eq!(judge("logs.txt.gz", b"\x1f\x8b"), None);
        assert_eq!(judge("data.csv.gz", b"\x1f\x8b"), None);
        // Markup too large to read whole (a sparse file: no disk is used).
        let dir = tempfile::tempdir().unwrap();
        let huge = dir.path().join("huge.xml");
        std::fs::write(&huge, b"<data>").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&huge)
            .unwrap()
            .set_len(MAX_MARKUP + 1)
            .unwrap();
        let found = danger(&huge);
        assert!(
            found
                .as_deref()
                .is_some_and(|f| f.contains("larger than 64 MiB")),
            "{found:?}"
        );
        // UTF-16, with and without a byte-order mark.
        for bom in [true, false] {
            let bytes = utf16le("<svg><script>alert(1)</script></svg>", bom);
            let found = judge("u.svg", &bytes);
            assert!(
                found.as_deref().is_some_and(|f| f.contains("<script>")),
                "{bom}: {found:?}"
            );
        }
        // Attribute defaults a browser applies and the parser does not.
        let defaults = b"<!DOCTYPE svg [<!ATTLIST svg onload CDATA 'alert(1)'>]><svg/>";
        assert!(judge("d.svg", defaults).is_some());
        // A byte-order mark, then more spaces than the first read.
        let mut marked = vec![0xEF, 0xBB, 0xBF];
        marked.extend(vec![b' '; 5000]);
        marked.extend_from_slice(b"<svg onload='x'/>");
        assert!(judge("m.svg", &marked).is_some());
        // Markup after a head of spaces longer than the first read.
        let mut spaced = vec![b' '; 5000];
        spaced.extend_from_slice(b"<svg onload='x'/>");
        assert!(judge("s.svg", &spaced).is_some());
    }
}
