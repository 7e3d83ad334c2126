//! Rendering: the archive model → every file of the site, each handed to a writer as soon
//! as it is made. Nothing here touches the disk (`output` does, into a staging folder), so
//! a failed render leaves the previous site untouched.

mod autolink;
mod documents;
mod feeds;
mod highlight;
mod markdown;
mod pages;
pub(crate) mod prepare;
pub(crate) mod sanitize;
mod svg;
pub(crate) mod theme;

use std::hash::Hasher;

use serde::Serialize;

pub(crate) use markdown::page_url;
pub(crate) use pages::{Index, site};

/// One file of the built site, by its path under the output folder (`/` separators).
#[derive(Default)]
pub(crate) struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What a build published: how many HTML pages were written, and the files of
/// the archive (images, attachments) that RFCs link to, by their path relative to the
/// archive root, which the writer copies.
pub(crate) struct Site {
    pub pages: usize,
    pub assets: Vec<String>,
    /// The linked Markdown files that are no RFCs, rendered into pages rather than
    /// copied: inputs of the build all the same.
    pub documents: Vec<String>,
}

/// A stable hash of build inputs (same bytes, same value, on every run and machine).
#[derive(Default)]
pub(crate) struct Fingerprint(rustc_hash::FxHasher);

impl Fingerprint {
    pub(crate) fn add(&mut self, bytes: &[u8]) {
        self.0.write_usize(bytes.len());
        self.0.write(bytes);
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// Text as HTML: the five characters that matter escaped.
pub(crate) fn escape_html(text: &str) -> String {
    sanitize::escape_attribute(text)
}

/// A status or term as a CSS class or file name: lower-case ASCII words joined by `-`.
pub(crate) fn class_name(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The class a status is coloured by (`status-…`): its role's name, so that a team's
/// `final` looks accepted and EIP-1's Review looks proposed (rfcs/0011), else its own name
/// as a class.
pub(crate) fn status_class(statuses: &crate::config::Statuses, name: &str) -> String {
    match statuses.parse(name).and_then(|s| statuses.role(s)) {
        Some(role) => role.name().to_string(),
        None => class_name(name),
    }
}

/// A badge's classes: `status-` and the role (the colour), then `status-` and the
/// status's own name when that differs, so that a theme's `.status-final` still finds
/// the statuses it styles (`status-accepted status-final`).
pub(crate) fn status_classes(statuses: &crate::config::Statuses, name: &str) -> String {
    let role = status_class(statuses, name);
    let own = class_name(name);
    if own == role || own.is_empty() {
        format!("status-{role}")
    } else {
        format!("status-{role} status-{own}")
    }
}

/// An RFC as listings, tables and feeds show it. `url` is relative to the site root.
#[derive(Serialize, Clone)]
pub(crate) struct Summary {
    pub id: Option<u32>,
    /// The id as file names write it (`0019`, `019`); empty for a file without a number,
    /// which an archive that allows `bad-file-name` publishes.
    pub number: String,
    /// The RFC as pages name it: `RFC 0019`, or `ADR019` in an archive of ADRs; empty
    /// without a number.
    pub label: String,
    /// What lists put before the title: the label in a series (`ADR019 Use SES`), else
    /// the number (`0019 Use PgBouncer`: the lists are all RFCs); empty without a number.
    pub listed: String,
    pub title: String,
    pub status: String,
    pub status_class: String,
    /// The badge's classes, [`status_classes`].
    pub status_classes: String,
    pub url: String,
    /// The page's file name as a link writes it (percent-encoded): how RFC pages, which are
    /// all in one folder, link each other.
    pub page: String,
    /// Where the page is written, relative to the site root: the file name as it is, which
    /// a browser asks for once it has decoded `url` (`0008-データ.html`, `0001-a b.html`).
    #[serde(skip)]
    pub file: String,
    pub created: Option<String>,
    pub decided: Option<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    /// The latest of updated, decided and created: when the RFC last changed.
    #[serde(skip)]
    pub changed: Option<String>,
}

impl Summary {
    /// The RFC named in full, as a page's title and the feed do: `RFC 0019: Title`, or the
    /// title alone for a file without a number.
    pub(crate) fn heading(&self) -> String {
        if self.label.is_empty() {
            self.title.clone()
        } else {
            format!("{}: {}", self.label, self.title)
        }
    }
}
