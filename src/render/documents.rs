//! Markdown files an RFC links to that are no RFCs themselves (the chapters the Rust RFCs'
//! Leadership Council RFC keeps in a folder beside it, a design note), read into pages of
//! the site: copied as they were, a reader clicking "Full motivation" got Markdown source
//! as text, or a download (rfcs/0035).

use std::io::Read;

use super::markdown::{self, Links, Pages};
use crate::config::Config;

/// One linked Markdown file, rendered.
pub(super) struct Document {
    /// Its page, relative to the site's root (`rfcs/text-3392-…-motivation.html`).
    pub file: String,
    /// Its `# heading`, or its file name without `.md`.
    pub title: String,
    pub html: String,
    /// The files it links to in turn, relative to the archive root: images to copy, and
    /// more documents.
    pub linked: Vec<String>,
    /// Whether the file is published as it is too: one that is no UTF-8 text, or larger
    /// than `max-file-size`, has a page that links to it, as links to it lead to the page.
    pub copied: bool,
}

/// The page of the Markdown file `rel` (relative to the archive root), when it has one
/// ([`Pages::document_stem`]) and reads as text within the archive's size limit; else it
/// is copied as it is.
pub(super) fn read(config: &Config, pages: &Pages, rel: &str) -> Option<Document> {
    let stem = pages.document_stem(rel)?;
    if crate::link::on_disk(&config.root, rel) != crate::link::OnDisk::File {
        return None;
    }
    let file = format!("rfcs/{stem}.html");
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let limit = config.rfc.max_file_size;
    let mut bytes = Vec::new();
    let read = std::fs::File::open(config.root.join(rel))
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes));
    let text = match String::from_utf8(bytes) {
        Ok(text) if read.is_ok() && text.len() as u64 <= limit => text,
        _ => {
            let url = markdown::url_path(rel);
            return Some(Document {
                file,
                title: name.to_string(),
                html: format!(
                    "<p>This file is not text rfcbook shows as a page (not UTF-8, or larger \
                     than <code>max-file-size</code>): <a href=\"../assets/{}\">the file as it \
                     is</a>.</p>\n",
                    super::sanitize::escape_attribute(&url)
                ),
                linked: Vec::new(),
                copied: true,
            });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let links = Links {
        pages,
        root: &config.root,
        word: config.rfc.file_name.mention_word(),
        names: &config.rfc.link_names,
    };
    let (body, rendered) = markdown::render(
        text,
        crate::parse::body_start(text),
        rel,
        crate::parse::Titled::default(),
        &config.rfc.sections,
        &links,
    );
    let mut html = rendered.html;
    // A chapter's `# Motivation` names a part of an RFC, so the body keeps it; here it is
    // the page's title, shown once, above.
    let first = body
        .headings
        .first()
        .filter(|h| h.level == 1 && body.h1.is_none());
    if first.is_some()
        && html.starts_with("<h1")
        && let Some(end) = html.find("</h1>")
    {
        html.drain(..end + "</h1>".len());
        html = html.trim_start_matches('\n').to_string();
    }
    let title = body
        .h1
        .map(|h| h.value)
        .or_else(|| first.map(|h| h.text.clone()))
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| name.rsplit_once('.').map_or(name, |(n, _)| n).to_string());
    Some(Document {
        file,
        title,
        html,
        linked: rendered.assets,
        copied: false,
    })
}
