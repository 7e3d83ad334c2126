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

use rustc_hash::FxHashMap;
use std::fmt::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::tokenize;
use crate::render::{OutputFile, Summary};

/// Documents per document file: ten results touch at most ten small files.
const DOCS_PER_FILE: usize = 24;
/// A term shard is split by a longer prefix when larger than this.
const SHARD_BYTES: usize = 40 * 1024;
/// Characters that code small numbers in one byte (the browser has the same string).
const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// The best postings kept per stem: enough for the top of any ranking.
const MAX_POSTINGS: usize = 1500;
const SUMMARY_CHARS: usize = 140;

/// What the static index needs of one RFC.
pub(crate) struct WebDocument<'a> {
    pub summary: &'a Summary,
    pub text: String,
    pub excerpt: String,
}

struct Stem {
    /// The postings as they are written (see `posting_text`).
    text: String,
    /// Surface forms that stem to it, other than the stem itself.
    surfaces: Vec<String>,
}

/// Builds every file of the static index.
pub(crate) fn build(documents: &[WebDocument<'_>], statuses: &[String]) -> Vec<OutputFile> {
    let started = std::time::Instant::now();
    let analyzed: Vec<Analyzed> = documents.par_iter().map(analyze).collect();
    crate::terminal::timing("static search: analyze", started);
    let started = std::time::Instant::now();
    // Surface forms and stems interned to numbers: the postings of ten thousand RFCs are
    // millions of entries, so no string is copied or compared per entry.
    let mut stemmer = tokenize::stemmer();
    let mut surface_ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut surface_stem: Vec<u32> = Vec::new();
    let mut surface_text: Vec<&str> = Vec::new();
    let mut stem_ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut stem_text: Vec<String> = Vec::new();
    // Per stem: (document, title tf, body tf), documents ascending.
    let mut postings: Vec<Vec<(u32, u32, u32)>> = Vec::new();
    for (doc, a) in analyzed.iter().enumerate() {
        let doc = doc as u32;
        for (surface, title_tf, body_tf) in &a.terms {
            let id = match surface_ids.get(surface.as_str()) {
                Some(&id) => id,
                None => {
                    let stem = tokenize::stem(&mut stemmer, surface);
                    let next = stem_ids.len() as u32;
                    let stem_id = *stem_ids.entry(stem.clone()).or_insert_with(|| {
                        stem_text.push(stem);
                        postings.push(Vec::new());
                        next
                    });
                    let id = surface_stem.len() as u32;
                    surface_ids.insert(surface, id);
                    surface_stem.push(stem_id);
                    surface_text.push(surface);
                    id
                }
            };
            let list = &mut postings[surface_stem[id as usize] as usize];
            match list.last_mut() {
                Some(last) if last.0 == doc => {
                    last.1 += title_tf;
                    last.2 += body_tf;
                }
                _ => list.push((doc, *title_tf, *body_tf)),
            }
        }
    }
    crate::terminal::timing("static search: intern and collect postings", started);
    let started = std::time::Instant::now();
    let mut surfaces_of: Vec<Vec<&str>> = vec![Vec::new(); stem_text.len()];
    for (surface, &stem) in surface_text.iter().zip(&surface_stem) {
        surfaces_of[stem as usize].push(surface);
    }
    let n_docs = documents.len().max(1) as f64;
    let avg_len = analyzed.iter().map(|a| a.length).sum::<usize>() as f64 / n_docs;
    let lengths: Vec<usize> = analyzed.iter().map(|a| a.length).collect();
    let mut stems: Vec<(&str, Stem)> = postings
        .into_par_iter()
        .zip(surfaces_of.into_par_iter())
        .zip(stem_text.par_iter())
        .map(|((docs, mut surfaces), stem)| {
            surfaces.sort_unstable();
            let weighted = weigh(&docs, &lengths, n_docs, avg_len);
            let text = posting_text(&weighted);
            let surfaces = surfaces
                .into_iter()
                .filter(|s| *s != stem)
                .map(str::to_string)
                .collect();
            (stem.as_str(), Stem { text, surfaces })
        })
        .collect();
    stems.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let stems: BTreeMap<&str, Stem> = stems.into_iter().collect();
    crate::terminal::timing("static search: weigh", started);
    let started = std::time::Instant::now();
    let files = shard_files(&stems);
    crate::terminal::timing("static search: shards", started);
    let keys: Vec<String> = files.iter().map(|(k, _)| k.clone()).collect();
    let mut out: Vec<OutputFile> = files
        .into_iter()
        .map(|(key, text)| OutputFile {
            path: format!("search/t-{}.js", file_key(&key)),
            bytes: text.into_bytes(),
        })
        .collect();
    out.extend(document_files(documents));
    out.push(manifest(documents, statuses, &keys));
    out
}

/// A document's surface terms, with counts in the title and the body, and its length.
struct Analyzed {
    terms: Vec<(String, u32, u32)>,
    length: usize,
}

fn analyze(d: &WebDocument<'_>) -> Analyzed {
    let mut analyzer = tokenize::surface_analyzer();
    let mut counts: FxHashMap<String, (u32, u32)> = FxHashMap::default();
    let mut count = |term: &str, title: bool| {
        let entry = match counts.get_mut(term) {
            Some(entry) => entry,
            None => counts.entry(term.to_string()).or_default(),
        };
        if title { entry.0 += 1 } else { entry.1 += 1 }
    };
    tokenize::for_each_term(&mut analyzer, &d.summary.title, |t| count(t, true));
    let mut length = 0;
    tokenize::for_each_term(&mut analyzer, &d.text, |t| {
        length += 1;
        count(t, false);
    });
    let mut terms: Vec<(String, u32, u32)> =
        counts.into_iter().map(|(t, (a, b))| (t, a, b)).collect();
    // A fixed order, so interning (and so the output) does not depend on hashing.
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Analyzed { terms, length }
}

/// BM25 (k1 1.2, b 0.75) plus a title bonus, times ten as an integer; the best
/// `MAX_POSTINGS` documents kept, in document order.
fn weigh(
    docs: &[(u32, u32, u32)],
    lengths: &[usize],
    n_docs: f64,
    avg_len: f64,
) -> Vec<(u32, u32)> {
    let df = docs.len() as f64;
    let idf = (1.0 + (n_docs - df + 0.5) / (df + 0.5)).ln();
    let mut weighted: Vec<(u32, u32)> = docs
        .iter()
        .map(|&(doc, title_tf, body_tf)| {
            let len = lengths[doc as usize] as f64;
            let tf = f64::from(body_tf);
            let bm25 = idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len / avg_len.max(1.0)));
            let title = if title_tf > 0 { 3.0 * idf } else { 0.0 };
            (doc, ((bm25 + title) * 10.0).round().max(1.0) as u32)
        })
        .collect();
    if weighted.len() > MAX_POSTINGS {
        weighted.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        weighted.truncate(MAX_POSTINGS);
        weighted.sort_unstable_by_key(|p| p.0);
    }
    weighted
}

/// `delta.weight` pairs in base 36, comma separated.
fn posting_text(postings: &[(u32, u32)]) -> String {
    let mut text = String::with_capacity(postings.len() * 5);
    let mut last = 0;
    for (i, &(doc, weight)) in postings.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&base36(doc - last));
        text.push('.');
        text.push_str(&base36(weight));
        last = doc;
    }
    text
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

/// Stems grouped by their first character, a group split by longer prefixes while its
/// file would be larger than `SHARD_BYTES` (sizes estimated from the parts, so nothing is
/// written twice).
fn shard_files(stems: &BTreeMap<&str, Stem>) -> Vec<(String, String)> {
    let size = |stem: &str| {
        let s = &stems[stem];
        stem.len() * 2
            + s.text.len()
            + s.surfaces
                .iter()
                .map(|x| x.len() + stem.len() + 6)
                .sum::<usize>()
            + 8
    };
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for stem in stems.keys() {
        groups.entry(prefix(stem, 1)).or_default().push(stem);
    }
    let mut out = Vec::new();
    let mut queue: Vec<(String, Vec<&str>)> = groups.into_iter().collect();
    while let Some((key, members)) = queue.pop() {
        let depth = key.chars().count();
        let bytes: usize = members.iter().map(|m| size(m)).sum();
        let splittable = members.iter().any(|m| m.chars().count() > depth);
        if bytes > SHARD_BYTES && splittable && depth < 6 {
            let mut sub: BTreeMap<String, Vec<&str>> = BTreeMap::new();
            for m in members {
                sub.entry(prefix(m, depth + 1)).or_default().push(m);
            }
            queue.extend(sub);
        } else {
            let text = shard_text(&key, &members, stems);
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
    p: BTreeMap<&'a str, &'a str>,
}

fn shard_text(key: &str, members: &[&str], stems: &BTreeMap<&str, Stem>) -> String {
    let mut data = ShardData {
        s: BTreeMap::new(),
        p: BTreeMap::new(),
    };
    for &stem in members {
        let entry = &stems[stem];
        for surface in &entry.surfaces {
            data.s.insert(surface, stem);
        }
        data.p.insert(stem, &entry.text);
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
    // Facets, compact: they are the largest part of the manifest for a large archive.
    // Statuses: one character per document. Tags: per document its tag numbers, one
    // character each when there are at most 62 tags, else base 36 separated by `.`;
    // documents separated by `,`.
    let code = |n: usize| char::from(ALPHABET[n % ALPHABET.len()]);
    let status_codes: serde_json::Value = if statuses.len() <= ALPHABET.len() {
        serde_json::Value::String(
            documents
                .iter()
                .map(|d| {
                    code(
                        status_index
                            .get(d.summary.status.as_str())
                            .copied()
                            .unwrap_or(0),
                    )
                })
                .collect(),
        )
    } else {
        documents
            .iter()
            .map(|d| {
                status_index
                    .get(d.summary.status.as_str())
                    .copied()
                    .unwrap_or(0)
            })
            .collect()
    };
    let one_char = tags.len() <= ALPHABET.len();
    let doc_tags: Vec<String> = documents
        .iter()
        .map(|d| {
            let ids = d
                .summary
                .tags
                .iter()
                .filter_map(|t| tag_index.get(t.as_str()).copied());
            if one_char {
                ids.map(code).collect()
            } else {
                ids.map(|i| base36(i as u32)).collect::<Vec<_>>().join(".")
            }
        })
        .collect();
    let data = serde_json::json!({
        "version": 1,
        "docsPerFile": DOCS_PER_FILE,
        "shards": keys,
        "statuses": statuses,
        "tags": tags,
        "status": status_codes,
        "tagCodes": if one_char { "char" } else { "base36" },
        "docTags": doc_tags.join(","),
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
