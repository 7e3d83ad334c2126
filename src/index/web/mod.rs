//! The static search index of the published site: small JavaScript files the browser loads
//! with `<script>` (so it also works from `file://`, where `fetch` is refused), split so a
//! query downloads only what it needs (rfcs/0009, rfcs/0010).
//!
//! - `search/manifest.js`: the first key of every term shard, status and tag names, per
//!   RFC its status and tags (for filter counts without fetching documents) and its
//!   number (for a query that names one), and which vocabulary files exist.
//! - `search/t-<n>.js`: a range of the sorted keys. A key is a stem, with its postings
//!   (documents with their BM25 parts), or a surface form with the stem it maps to, so
//!   the browser needs no stemmer. Ranges are cut by size, so every shard is about the
//!   same size.
//! - `search/v-<c>.js`: the words starting with the character `c` that typo and prefix
//!   matching may reach, the most common first, each with its stem.
//! - `search/d-<n>.js`: documents `n*24 …`: number, title, page name, summary.
//!
//! Three steps, one module each: [`words`] analyzes the RFCs (an [`Analyzer`] per run of
//! pages, fed by the renderer) and weighs every stem's postings; [`shards`] writes the
//! term shards and vocabularies; this module writes the documents and the manifest.

mod shards;
mod words;

use std::collections::HashMap;
use std::fmt::Write;

use rayon::prelude::*;

use crate::render::{OutputFile, Summary};

/// How many consecutive RFCs a build reads and analyzes together (one [`Chunk`]): runs
/// are the unit of parallel work, so there are several per thread, but not so many that
/// merging their word tables costs more than it spares. At most 256: a run of 512 took
/// about 60 ms at 10,000 RFCs, and the thread that finished first waited for the other's
/// last one (on a busy machine, where one core is slowed, for longer).
pub(crate) fn run_length(documents: usize) -> usize {
    (documents / (8 * rayon::current_num_threads())).clamp(16, 256)
}

/// Documents per document file: ten results touch at most ten small files.
const DOCS_PER_FILE: usize = 24;
/// Characters that code small numbers in one byte (the browser has the same string).
const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const SUMMARY_CHARS: usize = 140;

pub(crate) use words::{Analyzer, Chunk, Slot};

use crate::naming::FileNamePattern;

/// What the static index needs of one RFC besides its words (which an [`Analyzer`] took
/// in while its file was read).
pub(crate) struct WebDocument<'a> {
    pub summary: &'a Summary,
    /// Its tags by the names the site shows them under (`crate::tags`), each once.
    pub tags: Vec<&'a str>,
    /// The start of its Problem section (or of its body), as results show it.
    pub excerpt: String,
}

/// Builds every file of the static index from the documents and their words: the words
/// of `documents[d]` are at `order[d]` in `chunks`.
pub(crate) fn build(
    documents: &[WebDocument<'_>],
    chunks: Vec<Chunk>,
    order: &[Slot],
    statuses: &[String],
    naming: &FileNamePattern,
) -> Vec<OutputFile> {
    let words = words::collect(chunks, order, |weighed| {
        (!weighed.docs.is_empty()).then(|| shards::posting_text(&weighed))
    });
    let started = std::time::Instant::now();
    let keys = shards::keys(&words);
    crate::terminal::timing("static search: keys", started);
    let started = std::time::Instant::now();
    let (bounds, mut out) = shards::term_shards(&keys);
    let (initials, vocabularies) = shards::vocabulary_files(&words);
    out.extend(vocabularies);
    out.extend(document_files(documents));
    out.push(manifest(documents, statuses, naming, &bounds, &initials));
    crate::terminal::timing("static search: files", started);
    out
}

/// `"text"` as a JSON string.
fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A shard key as a file name: letters and digits as they are, anything else escaped.
fn file_key(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}", c as u32);
        }
    }
    out
}

fn document_files(documents: &[WebDocument<'_>]) -> Vec<OutputFile> {
    documents
        .par_chunks(DOCS_PER_FILE)
        .enumerate()
        .map(|(n, chunk)| {
            let rows: Vec<serde_json::Value> = chunk
                .iter()
                .map(|d| {
                    let s = d.summary;
                    // The page's name without `.html`: every page is `rfcs/NAME.html`.
                    let name = s.page.strip_suffix(".html").unwrap_or(&s.page);
                    serde_json::json!([s.number, s.title, name, d.excerpt])
                })
                .collect();
            let json = serde_json::to_string(&rows).unwrap_or_default();
            OutputFile {
                path: format!("search/d-{n}.js"),
                bytes: format!("rfcbookSearch.loaded(\"d-{n}\",{json});\n").into_bytes(),
            }
        })
        .collect()
}

/// What a result shows of an RFC: the start of its Problem section, or of its body when
/// that section is empty or missing, cut at a word.
pub(crate) fn excerpt(problem: &str, body: &str) -> String {
    let text = if problem.trim().is_empty() {
        body
    } else {
        problem
    };
    let mut out = String::new();
    let mut chars = 0;
    for w in text.split_whitespace() {
        let len = w.chars().count();
        if chars + len > SUMMARY_CHARS {
            out.push_str(" …");
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += len;
    }
    out
}

fn base36(mut n: u32) -> String {
    const DIGITS36: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS36[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn manifest(
    documents: &[WebDocument<'_>],
    statuses: &[String],
    naming: &FileNamePattern,
    bounds: &[String],
    initials: &str,
) -> OutputFile {
    let mut tags: Vec<&str> = documents
        .iter()
        .flat_map(|d| d.tags.iter().copied())
        .collect();
    tags.sort_unstable();
    tags.dedup();
    let tag_index: HashMap<&str, usize> = tags.iter().enumerate().map(|(i, t)| (*t, i)).collect();
    // An RFC without a known status is shown as the pages show it ("unknown"), after the
    // configured statuses; taking it for the first of them made it a draft in search.
    let mut statuses = statuses.to_vec();
    for d in documents {
        if !statuses.contains(&d.summary.status) {
            statuses.push(d.summary.status.clone());
        }
    }
    // Each status's colour class, as the pages colour it (by its role, rfcs/0011).
    let status_classes: Vec<String> = statuses
        .iter()
        .map(|s| {
            documents
                .iter()
                .find(|d| d.summary.status == *s)
                .map_or_else(
                    || format!("status-{}", crate::render::class_name(s)),
                    |d| d.summary.status_classes.clone(),
                )
        })
        .collect();
    let status_index: HashMap<&str, usize> = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let status_of = |d: &WebDocument<'_>| {
        status_index
            .get(d.summary.status.as_str())
            .copied()
            .unwrap_or_default()
    };
    // Facets, compact: they are the largest part of the manifest for a large archive.
    // Statuses: one character per document. Tags: per document its tag numbers, one
    // character each when there are at most 62 tags, else base 36 separated by `.`;
    // documents separated by `,`.
    let code = |n: usize| char::from(ALPHABET[n % ALPHABET.len()]);
    let status_codes: serde_json::Value = if statuses.len() <= ALPHABET.len() {
        serde_json::Value::String(documents.iter().map(|d| code(status_of(d))).collect())
    } else {
        documents.iter().map(status_of).collect()
    };
    let one_char = tags.len() <= ALPHABET.len();
    let doc_tags: Vec<String> = documents
        .iter()
        .map(|d| {
            let ids = d.tags.iter().filter_map(|t| tag_index.get(t).copied());
            if one_char {
                ids.map(code).collect()
            } else {
                ids.map(|i| base36(i as u32)).collect::<Vec<_>>().join(".")
            }
        })
        .collect();
    // Each document's number, for a query that names an RFC ("RFC 16"): runs of
    // documents whose numbers follow one another, as `first.count` in base 36, separated
    // by `,`; a document without a number is a run with no first. Ten thousand RFCs
    // numbered in order are one run.
    let mut runs: Vec<(Option<u32>, u32)> = Vec::new();
    for d in documents {
        let id = d.summary.id;
        match runs.last_mut() {
            Some((Some(first), count)) if id == first.checked_add(*count) => *count += 1,
            Some((None, count)) if id.is_none() => *count += 1,
            _ => runs.push((id, 1)),
        }
    }
    let numbers: Vec<String> = runs
        .iter()
        .map(|(first, count)| {
            format!(
                "{}.{}",
                first.map(base36).unwrap_or_default(),
                base36(*count)
            )
        })
        .collect();
    let data = serde_json::json!({
        "version": 3,
        "numbers": numbers.join(","),
        "docsPerFile": DOCS_PER_FILE,
        "documents": documents.len(),
        "bounds": bounds,
        "vocabularies": initials,
        "statuses": statuses,
        "statusClasses": status_classes,
        "tags": tags,
        "status": status_codes,
        "tagCodes": if one_char { "char" } else { "base36" },
        "docTags": doc_tags.join(","),
        // How results are labelled, as pages label RFCs (`RFC 0019`, `ADR019`).
        "label": naming.label_prefix(),
        "digits": naming.min_digits(),
    });
    OutputFile {
        path: "search/manifest.js".into(),
        bytes: format!("rfcbookSearch.loaded(\"manifest\",{data});\n").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base36_and_keys() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
        assert_eq!(file_key("co"), "co");
        assert_eq!(file_key("検索"), "_691c_7d22");
    }
}
