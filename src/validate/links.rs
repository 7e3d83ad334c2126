//! Rules on what an RFC points at: relative links to files and to headings of other RFCs,
//! and "RFC N" mentions in prose.

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::link::{OnDisk, is_external, on_disk, percent_decode, resolve};
use crate::model::{Body, Rfc, RfcId};
use crate::source::SourceFile;
use rustc_hash::{FxHashMap, FxHashSet};

pub(super) fn check(cx: &Context<'_>, rfc: &Rfc, out: &mut Vec<Diagnostic>) {
    let Some(body) = &rfc.body else { return };
    let source = cx.source(rfc);
    // A "did you mean" compares an anchor with every heading of its file: for thousands of
    // broken anchors (a generated file) only the first ones get one, which is all anyone
    // reads, and the check stays fast.
    let mut hints = MAX_HINTS;
    let mut anchors = AnchorSets::default();
    for link in &body.links {
        if let Some(d) = check_link(cx, source, body, &link.dest, &mut hints, &mut anchors) {
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
                    format!("{} does not exist in this archive", cx.name(mention.value)),
                )
                .help("correct the number; for an RFC of another series (e.g. IETF), make it a link to it"),
            );
        }
    }
}

type Make = Box<dyn FnOnce(&SourceFile, crate::source::Span) -> Diagnostic>;

/// Broken anchors of one file that get a "did you mean".
const MAX_HINTS: usize = 100;

/// The anchors of the files one file links into (`None`: itself), each made a set when
/// first asked: a generated file may hold thousands of links and thousands of headings,
/// and a scan of the headings per link made checking it quadratic.
#[derive(Default)]
struct AnchorSets<'a>(FxHashMap<Option<usize>, FxHashSet<&'a str>>);

impl<'a> AnchorSets<'a> {
    /// Whether the file has the anchor as a browser on the site or GitHub finds it:
    /// percent-encoded (`#caf%C3%A9`, as editors write it) or not, and in any case
    /// (`#Summary`, which GitHub and the site's script find as `#summary`).
    fn has(&mut self, file: Option<usize>, body: &'a Body, anchor: &str) -> bool {
        let set = self
            .0
            .entry(file)
            .or_insert_with(|| body.anchors().collect());
        if set.contains(anchor) {
            return true;
        }
        let decoded = if anchor.contains('%') {
            percent_decode(anchor)
        } else {
            anchor.to_string()
        };
        set.contains(decoded.as_str()) || set.contains(decoded.to_lowercase().as_str())
    }
}

fn check_link<'a>(
    cx: &Context<'a>,
    source: &SourceFile,
    body: &'a Body,
    dest: &str,
    hints: &mut usize,
    anchors: &mut AnchorSets<'a>,
) -> Option<Make> {
    // A scheme the site does not keep (`(https:`, `hhttps:`) is RFC0310's: the page
    // drops the link, so it is not also a path that does not exist.
    if dest.is_empty() || is_external(dest) || crate::render::sanitize::url_left_out(dest).is_some()
    {
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
        return (!anchor.is_empty() && !anchors.has(None, body, anchor)).then(|| {
            broken_anchor(
                anchor.to_string(),
                source.rel.clone(),
                &body.headings,
                hints,
            )
        });
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
    // An RFC's file, or a missing file named as links give the RFCs besides their file's
    // (`[rfc] link-names`): the RFC's headings answer the anchor. Only a link to no RFC
    // asks the disk.
    let mut disk = None;
    let linked = cx.by_path.get(rel.as_str()).copied().or_else(|| {
        let on = *disk.insert(on_disk(cx.root, &rel));
        let id = (on == OnDisk::Missing)
            .then(|| crate::link::named_otherwise(&cx.schema.link_names, &rel))??;
        cx.by_path.get(cx.source(cx.rfc(id)?).rel.as_str()).copied()
    });
    if let Some(index) = linked {
        let other = &cx.archive.rfcs[index];
        let anchor = anchor.filter(|a| !a.is_empty())?;
        let other_body = other.body.as_ref()?;
        return (!anchors.has(Some(index), other_body, anchor)).then(|| {
            let file = cx.source(other).rel.clone();
            broken_anchor(anchor.to_string(), file, &other_body.headings, hints)
        });
    }
    let disk = disk.unwrap_or_else(|| on_disk(cx.root, &rel));
    let dest = dest.to_string();
    match disk {
        OnDisk::File | OnDisk::Folder => None,
        OnDisk::Outside => Some(Box::new(move |s, span| {
            Diagnostic::new(
                Code::BrokenLink,
                s,
                span,
                format!(
                    "link `{dest}` points at `{rel}`, a symbolic link that leads out of the archive"
                ),
            )
            .help("copy the file into the archive and link to the copy: the site publishes only files inside the archive")
        })),
        OnDisk::Special => Some(Box::new(move |s, span| {
            Diagnostic::new(
                Code::BrokenLink,
                s,
                span,
                format!("link `{dest}` points at `{rel}`, which is not a file (a pipe, a socket or a device), so the site cannot publish it"),
            )
            .help("link to a regular file: save what the RFC shows into one")
        })),
        OnDisk::Hidden => Some(Box::new(move |s, span| {
            Diagnostic::new(
                Code::BrokenLink,
                s,
                span,
                format!("link `{dest}` points at `{rel}`, a hidden file or a symbolic link to one, which the site never publishes"),
            )
            .help("hidden files and folders (.git, .env) can hold secrets: copy what the RFC shows into a file that is not hidden, and link to that")
        })),
        OnDisk::Active => {
            let why = crate::active::danger(&cx.root.join(&rel)).unwrap_or_default();
            Some(Box::new(move |s, span| {
                Diagnostic::new(
                    Code::UnsafeHtml,
                    s,
                    span,
                    format!("`{rel}` could run code in the reader's browser if opened from the site, so it is not published: {why}"),
                )
                .help("remove the script, event handlers and HTML from the file (a diagram needs none), save a page as PDF or a picture, or publish it elsewhere and link to that")
            }))
        }
        OnDisk::Missing => {
            // An RFC moved to another folder, or renamed: the file with its number is
            // named, so the link is fixed without a search.
            let name = rel.rsplit('/').next().unwrap_or(&rel);
            let moved = cx
                .schema
                .file_name
                .id(name)
                .and_then(|id| cx.rfc(id))
                .map(|other| cx.source(other).rel.clone());
            // Or a name of another series with a number this archive has (`eip-20.md`
            // in the ERCs, which moved out of the EIPs as `erc-20.md`): perhaps meant.
            let numbered = || {
                // A name without an extension (`./eip-150`) means the Markdown file.
                let stem = name
                    .strip_suffix(".md")
                    .or_else(|| (!name.contains('.')).then_some(name))?;
                let digits: String = stem
                    .trim_start_matches(|c: char| !c.is_ascii_digit())
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                let id = RfcId(digits.parse().ok()?);
                let other = cx.rfc(id)?;
                Some(cx.source(other).rel.clone())
            };
            // A link to the page the site makes of an RFC (`0002-b.html`): the site makes
            // it of a link to the file, which also works where the Markdown is read.
            let built = || {
                let stem = name.strip_suffix(".html")?;
                let id = cx.schema.file_name.id(&format!("{stem}.md"))?;
                Some(cx.source(cx.rfc(id)?).rel.clone())
            };
            // The link to write, from this file, with the anchor it had.
            let write = |to: &str| {
                let anchor = dest
                    .split_once('#')
                    .map_or(String::new(), |(_, a)| format!("#{a}"));
                format!("{}{anchor}", crate::link::link_between(&source.rel, to))
            };
            let help = match (moved, numbered()) {
                (None, None) if let Some(file) = built() => format!(
                    "link to the RFC's file, `{}`: the site turns a link to an RFC's file \
                     into a link to its page, and the link works where the Markdown is read",
                    write(&file)
                ),
                (Some(now), _) => format!(
                    "`{now}` has that number now: link to `{}`, or remove the link",
                    write(&now)
                ),
                (None, Some(same)) => format!(
                    "did you mean `{same}`, which has that number? link to `{}`, or remove the \
                     link{}",
                    write(&same),
                    // Another series' name (`eip-20.md` for `erc-20.md`), which the links of
                    // an archive that moved may all write: said once in book.toml.
                    if own_name(cx, name) {
                        String::new()
                    } else {
                        format!(
                            "; if the archive's links name its RFCs so, say it once in \
                             book.toml: `link-names = [\"{}\"]` under [rfc]",
                            crate::link::numbered_pattern(name)
                        )
                    }
                ),
                (None, None) if dest.starts_with('/') => "correct the path (one that starts \
                    with `/` is read from the archive's root, the folder of book.toml) or \
                    remove the link"
                    .into(),
                (None, None) => {
                    "correct the path (relative to this file) or remove the link".into()
                }
            };
            Some(Box::new(move |s, span| {
                Diagnostic::new(
                    Code::BrokenLink,
                    s,
                    span,
                    format!("link `{dest}` points at `{rel}`, which does not exist"),
                )
                .help(help)
            }))
        }
    }
}

fn broken_anchor(
    anchor: String,
    file: String,
    headings: &[crate::model::Heading],
    hints: &mut usize,
) -> Make {
    let hint = if *hints > 0 {
        *hints -= 1;
        crate::suggest::closest(&anchor, headings.iter().map(|h| h.anchor.as_str()))
            .map(|s| format!("did you mean `#{s}`? "))
            .unwrap_or_default()
    } else {
        String::new()
    };
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

/// Whether a linked name (`0002-b`, `erc-20.md`) is written as this archive names its
/// RFCs, `.md` or not.
fn own_name(cx: &Context<'_>, name: &str) -> bool {
    cx.schema
        .file_name
        .id(&crate::link::as_markdown(name))
        .is_some()
}
