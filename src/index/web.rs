//! The static search index of the published site: small JavaScript files the browser loads
//! with `<script>` (so it also works from `file://`, where `fetch` is refused), split so a
//! query downloads only what it needs (rfcs/0009).
//!
//! - `search/manifest.js`: shard keys, status and tag names, and per RFC its status and
//!   tags (for filter counts without fetching documents).
//! - `search/t-<key>.js`: the stems whose first letters are `<key>`, each with its
//!   postings (document, weight), and the surface forms that stem to them, so the
//!   browser needs no stemmer.
//! - `search/d-<n>.js`: documents `n*32 …`: number, title, status, URL, summary.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::tokenize;
use crate::render::{OutputFile, Summary};

/// Documents per document file: ten results touch at most ten small files.
const DOCS_PER_FILE: usize = 32;
/// A term shard is split by a longer prefix when larger than this.
const SHARD_BYTES: usize = 24 * 1024;
/// The best postings kept per stem: enough for the top of any ranking.
const MAX_POSTINGS: usize = 1500;
const SUMMARY_CHARS: usize = 160;

/// What the static index needs of one RFC.
pub(crate) struct WebDocument<'a> {
    pub summary: &'a Summary,
    pub text: String,
    pub excerpt: String,
}

/// A document's surface terms with their counts, in the title and in the body, and the
/// body's length in terms.
type Analyzed = (BTreeMap<String, u32>, BTreeMap<String, u32>, usize);

struct Stem {
    /// (document, weight), sorted by document.
    postings: Vec<(u32, u32)>,
    surfaces: Vec<String>,
}

/// Builds every file of the static index.
pub(crate) fn build(documents: &[WebDocument<'_>], statuses: &[String]) -> Vec<OutputFile> {
    let analyzed: Vec<Analyzed> = documents
        .par_iter()
        .map(|d| {
            let mut analyzer = tokenize::surface_analyzer();
            let mut count = |text: &str| {
                let mut counts: BTreeMap<String, u32> = BTreeMap::new();
                let terms = tokenize::terms(&mut analyzer, text);
                let len = terms.len();
                for t in terms {
                    *counts.entry(t).or_default() += 1;
                }
                (counts, len)
            };
            let (title, _) = count(&d.summary.title);
            let (body, len) = count(&d.text);
            (title, body, len)
        })
        .collect();
    let mut stemmer = tokenize::stemmer();
    let mut stem_of: HashMap<String, String> = HashMap::new();
    // stem -> doc -> (title tf, body tf)
    let mut stats: BTreeMap<String, BTreeMap<u32, (u32, u32)>> = BTreeMap::new();
    let mut surfaces: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (doc, (title, body, _)) in analyzed.iter().enumerate() {
        for (counts, in_title) in [(title, true), (body, false)] {
            for (surface, n) in counts {
                let stem = stem_of
                    .entry(surface.clone())
                    .or_insert_with(|| tokenize::stem(&mut stemmer, surface))
                    .clone();
                let list = surfaces.entry(stem.clone()).or_default();
                if !list.contains(surface) {
                    list.push(surface.clone());
                }
                let entry = stats
                    .entry(stem)
                    .or_default()
                    .entry(doc as u32)
                    .or_default();
                if in_title { entry.0 += n } else { entry.1 += n }
            }
        }
    }
    let n_docs = documents.len().max(1) as f64;
    let avg_len = analyzed.iter().map(|a| a.2).sum::<usize>() as f64 / n_docs;
    let stems: BTreeMap<String, Stem> = stats
        .into_iter()
        .map(|(stem, docs)| {
            let df = docs.len() as f64;
            let idf = (1.0 + (n_docs - df + 0.5) / (df + 0.5)).ln();
            let mut postings: Vec<(u32, u32)> = docs
                .into_iter()
                .map(|(doc, (title_tf, body_tf))| {
                    let len = analyzed[doc as usize].2 as f64;
                    let tf = f64::from(body_tf);
                    let bm25 = idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len / avg_len.max(1.0)));
                    let title = if title_tf > 0 { 3.0 * idf } else { 0.0 };
                    (doc, ((bm25 + title) * 10.0).round().max(1.0) as u32)
                })
                .collect();
            if postings.len() > MAX_POSTINGS {
                postings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                postings.truncate(MAX_POSTINGS);
                postings.sort_by_key(|p| p.0);
            }
            let mut s = surfaces.remove(&stem).unwrap_or_default();
            s.sort();
            (
                stem,
                Stem {
                    postings,
                    surfaces: s,
                },
            )
        })
        .collect();
    let mut files = shard_files(&stems);
    let keys: Vec<String> = files.iter().map(|(k, _)| k.clone()).collect();
    let mut out: Vec<OutputFile> = files
        .drain(..)
        .map(|(key, text)| OutputFile {
            path: format!("search/t-{}.js", file_key(&key)),
            bytes: text.into_bytes(),
        })
        .collect();
    out.extend(document_files(documents));
    out.push(manifest(documents, statuses, &keys));
    out
}

/// A shard key as a file name: letters and digits as they are, anything else escaped.
pub(crate) fn file_key(key: &str) -> String {
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

fn prefix(stem: &str, chars: usize) -> String {
    stem.chars().take(chars).collect()
}

/// Stems grouped by their first character, a group split by longer prefixes while
/// its file is too large.
fn shard_files(stems: &BTreeMap<String, Stem>) -> Vec<(String, String)> {
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for stem in stems.keys() {
        groups.entry(prefix(stem, 1)).or_default().push(stem);
    }
    let mut out = Vec::new();
    let mut queue: Vec<(String, Vec<&str>)> = groups.into_iter().collect();
    while let Some((key, members)) = queue.pop() {
        let text = shard_text(&key, &members, stems);
        let depth = key.chars().count();
        let splittable = members.iter().any(|m| m.chars().count() > depth);
        if text.len() > SHARD_BYTES && splittable && depth < 6 {
            let mut sub: BTreeMap<String, Vec<&str>> = BTreeMap::new();
            for m in members {
                sub.entry(prefix(m, depth + 1)).or_default().push(m);
            }
            queue.extend(sub);
        } else {
            out.push((key, text));
        }
    }
    out.sort();
    out
}

#[derive(Serialize)]
struct ShardData<'a> {
    /// Surface form → stem, where they differ.
    s: BTreeMap<&'a str, &'a str>,
    /// Stem → postings: `delta.weight` pairs in base 36, comma separated.
    p: BTreeMap<&'a str, String>,
}

fn shard_text(key: &str, members: &[&str], stems: &BTreeMap<String, Stem>) -> String {
    let mut data = ShardData {
        s: BTreeMap::new(),
        p: BTreeMap::new(),
    };
    for &stem in members {
        let entry = &stems[stem];
        for surface in &entry.surfaces {
            if surface != stem {
                data.s.insert(surface, stem);
            }
        }
        let mut postings = String::new();
        let mut last = 0;
        for (i, &(doc, weight)) in entry.postings.iter().enumerate() {
            if i > 0 {
                postings.push(',');
            }
            postings.push_str(&base36(doc - last));
            postings.push('.');
            postings.push_str(&base36(weight));
            last = doc;
        }
        data.p.insert(stem, postings);
    }
    let json = serde_json::to_string(&data).unwrap_or_default();
    format!(
        "rfcbookSearch.loaded({},{json});\n",
        serde_json::to_string(&format!("t-{key}")).unwrap_or_default()
    )
}

fn base36(mut n: u32) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn document_files(documents: &[WebDocument<'_>]) -> Vec<OutputFile> {
    documents
        .chunks(DOCS_PER_FILE)
        .enumerate()
        .map(|(n, chunk)| {
            let rows: Vec<serde_json::Value> = chunk
                .iter()
                .map(|d| {
                    let s = d.summary;
                    serde_json::json!([s.number, s.title, s.status, s.url, excerpt(&d.excerpt)])
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

fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        if out.chars().count() + w.chars().count() > SUMMARY_CHARS {
            out.push_str(" …");
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn manifest(documents: &[WebDocument<'_>], statuses: &[String], keys: &[String]) -> OutputFile {
    let mut tags: Vec<&str> = documents
        .iter()
        .flat_map(|d| d.summary.tags.iter().map(String::as_str))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    let tag_index: HashMap<&str, usize> = tags.iter().enumerate().map(|(i, t)| (*t, i)).collect();
    let status_index: HashMap<&str, usize> = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    // Per document: its status number, then its tag numbers, base 36, '.'-separated.
    let facets: Vec<String> = documents
        .iter()
        .map(|d| {
            let status = status_index
                .get(d.summary.status.as_str())
                .copied()
                .unwrap_or(0) as u32;
            std::iter::once(base36(status))
                .chain(
                    d.summary
                        .tags
                        .iter()
                        .filter_map(|t| tag_index.get(t.as_str()))
                        .map(|&i| base36(i as u32)),
                )
                .collect::<Vec<_>>()
                .join(".")
        })
        .collect();
    let data = serde_json::json!({
        "version": 1,
        "docsPerFile": DOCS_PER_FILE,
        "shards": keys,
        "statuses": statuses,
        "tags": tags,
        "facets": facets.join(" "),
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
