//! Rules on what an RFC points at: relative links to files and to headings of other RFCs,
//! and "RFC N" mentions in prose.

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Body, Rfc};
use crate::source::SourceFile;

pub(super) fn check(cx: &Context<'_>, rfc: &Rfc, out: &mut Vec<Diagnostic>) {
    let Some(body) = &rfc.body else { return };
    let source = cx.source(rfc);
    for link in &body.links {
        if let Some(d) = check_link(cx, source, body, &link.dest) {
            out.push(d(source, link.span));
        }
    }
    for mention in &body.mentions {
        if !cx.exists(mention.value) && Some(mention.value) != rfc.id {
            out.push(
                Diagnostic::new(
                    Code::UnknownRfcMention,
                    source,
                    mention.span,
                    format!("RFC {} does not exist in this archive", mention.value),
                )
                .help("correct the number; for an RFC of another series (e.g. IETF), make it a link to it"),
            );
        }
    }
}

type Make = Box<dyn FnOnce(&SourceFile, crate::source::Span) -> Diagnostic>;

fn check_link(cx: &Context<'_>, source: &SourceFile, body: &Body, dest: &str) -> Option<Make> {
    if dest.is_empty() || is_external(dest) {
        return None;
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        // A link within this file.
        let anchor = anchor?;
        return (!anchor.is_empty() && !body.has_anchor(anchor))
            .then(|| broken_anchor(anchor.to_string(), source.rel.clone(), &body.headings));
    }
    let Some(target) = resolve(&source.rel, &percent_decode(path)) else {
        let dest = dest.to_string();
        return Some(Box::new(move |s, span| {
            Diagnostic::new(
                Code::BrokenLink,
                s,
                span,
                format!("link `{dest}` points outside the archive"),
            )
            .help("link only to files inside the archive folder, or use an absolute URL")
        }));
    };
    let rel = target;
    if let Some(&index) = cx.by_path.get(rel.as_str()) {
        let other = &cx.archive.rfcs[index];
        let anchor = anchor.filter(|a| !a.is_empty())?;
        let other_body = other.body.as_ref()?;
        return (!other_body.has_anchor(anchor))
            .then(|| broken_anchor(anchor.to_string(), rel, &other_body.headings));
    }
    if cx.root.join(&rel).exists() {
        return None;
    }
    let dest = dest.to_string();
    Some(Box::new(move |s, span| {
        Diagnostic::new(
            Code::BrokenLink,
            s,
            span,
            format!("link `{dest}` points at `{rel}`, which does not exist"),
        )
        .help("correct the path (relative to this file) or remove the link")
    }))
}

fn broken_anchor(anchor: String, file: String, headings: &[crate::model::Heading]) -> Make {
    let hint = crate::suggest::closest(&anchor, headings.iter().map(|h| h.anchor.as_str()))
        .map(|s| format!("did you mean `#{s}`? "))
        .unwrap_or_default();
    Box::new(move |s, span| {
        Diagnostic::new(
            Code::BrokenAnchor,
            s,
            span,
            format!("`{file}` has no heading with the anchor `#{anchor}`"),
        )
        .help(format!(
            "{hint}anchors are heading texts in lower case with spaces as `-` and punctuation removed"
        ))
    })
}

fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// The path a relative link from `from` (relative to the root, `/` separators) leads to,
/// or `None` when it climbs out of the archive root. A leading `/` means the archive root.
/// Plain string work: this runs for every link of every RFC.
fn resolve(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    if !link.starts_with('/') {
        parts.extend(from.split('/'));
        parts.pop();
    }
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_stays_inside_the_root() {
        let r = |from, link| resolve(from, link);
        assert_eq!(
            r("rfcs/0001-a.md", "0002-b.md").as_deref(),
            Some("rfcs/0002-b.md")
        );
        assert_eq!(
            r("rfcs/x/0001-a.md", "../0002-b.md").as_deref(),
            Some("rfcs/0002-b.md")
        );
        assert_eq!(
            r("rfcs/0001-a.md", "./y/../0002-b.md").as_deref(),
            Some("rfcs/0002-b.md")
        );
        assert_eq!(
            r("rfcs/0001-a.md", "/img/a.png").as_deref(),
            Some("img/a.png")
        );
        assert_eq!(r("rfcs/0001-a.md", "../../etc/passwd"), None);
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn schemes_are_external() {
        assert!(is_external("https://x"));
        assert!(is_external("mailto:a@b"));
        assert!(!is_external("0002-x.md"));
        assert!(!is_external("./a:b.md"));
    }
}
