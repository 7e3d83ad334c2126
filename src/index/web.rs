//! The static search index of the published site: small JavaScript files the browser loads
//! with `<script>` (so it also works from `file://`, where `fetch` is refused), split so a
//! query downloads only what it needs (rfcs/0009, rfcs/0010).
//!
//! - `search/manifest.js`: the first key of every term shard, status and tag names, per
//!   RFC its status and tags (for filter counts without fetching documents), and which
//!   vocabulary files exist.
//! - `search/t-<n>.js`: a range of the sorted keys. A key is a stem, with its postings
//!   (document, weight), or a surface form with the stem it maps to, so the browser
//!   needs no stemmer. Ranges are cut by size, so every shard is about the same size.
//! - `search/v-<c>.js`: the words starting with the character `c` that typo and prefix
//!   matching may reach, the most common first, each with its stem.
//! - `search/d-<n>.js`: documents `n*24 …`: number, title, URL, summary.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::tokenize;
use crate::render::{OutputFile, Summary};

/// Documents per document file: ten results touch at most ten small files.
const DOCS_PER_FILE: usize = 24;
/// A term shard ends at the first key after this many bytes.
const SHARD_BYTES: usize = 24 * 1024;
/// A vocabulary file holds every word found in two RFCs or in a title, and rarer words
/// while it is smaller than this.
const VOCABULARY_BYTES: usize = 32 * 1024;
/// Documents analyzed together, sharing one table of words (see [`collect`]).
const CHUNK_DOCS: usize = 512;
/// Characters that code small numbers in one byte (the browser has the same string).
const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// The digits of postings: printable ASCII but `"` and `\`, so a posting list is a JSON
/// string without escapes. The first half ends a number, the second half continues it.
const DIGITS: &[u8; 92] =
    b"!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
const BASE: u32 = 46;
/// The best postings kept per stem: enough for the top of any ranking.
const MAX_POSTINGS: usize = 1500;
const SUMMARY_CHARS: usize = 140;

/// What the static index needs of one RFC.
pub(crate) struct WebDocument<'a> {
    pub summary: &'a Summary,
    pub text: String,
    pub excerpt: String,
}

/// Builds every file of the static index.
pub(crate) fn build(documents: &[WebDocument<'_>], statuses: &[String]) -> Vec<OutputFile> {
    let words = collect(documents);
    let started = std::time::Instant::now();
    let keys = keys(&words);
    crate::terminal::timing("static search: keys", started);
    let started = std::time::Instant::now();
    let (bounds, mut out) = term_shards(&keys);
    let (initials, vocabularies) = vocabulary_files(&words);
    out.extend(vocabularies);
    out.extend(document_files(documents));
    out.push(manifest(documents, statuses, &bounds, &initials));
    crate::terminal::timing("static search: files", started);
    out
}

/// Every word of the archive, interned: the postings of ten thousand RFCs are millions of
/// entries, so no string is copied or compared per entry.
struct Words {
    /// Surface forms, and per surface its stem, the RFCs it occurs in and whether it
    /// occurs in a title.
    surfaces: Vec<String>,
    surface_stem: Vec<u32>,
    surface_df: Vec<u32>,
    in_title: Vec<bool>,
    stems: Vec<String>,
    /// Per stem: its postings.
    postings: Vec<Weighed>,
}

/// Documents of one chunk with their words numbered locally: chunks are analyzed in
/// parallel, and only their (much smaller) word tables are merged.
struct Chunk {
    words: Vec<Box<str>>,
    /// Per document: (local word, title count, body count).
    docs: Vec<Vec<(u32, u32, u32)>>,
    /// Per document: words in the body and in the title.
    lengths: Vec<(u32, u32)>,
}

fn analyze_chunk(documents: &[WebDocument<'_>]) -> Chunk {
    let mut surfaces = tokenize::Surfaces::new();
    let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
    let mut words: Vec<Box<str>> = Vec::new();
    let mut counts: Vec<(u32, u32)> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut docs = Vec::with_capacity(documents.len());
    let mut lengths = Vec::with_capacity(documents.len());
    for d in documents {
        let mut count = |term: &str, title: bool| {
            let id = match ids.get(term) {
                Some(&id) => id,
                None => {
                    let id = words.len() as u32;
                    words.push(term.into());
                    ids.insert(term.into(), id);
                    counts.push((0, 0));
                    id
                }
            };
            let c = &mut counts[id as usize];
            if *c == (0, 0) {
                touched.push(id);
            }
            if title { c.0 += 1 } else { c.1 += 1 }
        };
        let mut title_length = 0u32;
        surfaces.for_each(&d.summary.title, |t| {
            title_length += 1;
            count(t, true);
        });
        let mut length = 0u32;
        surfaces.for_each(&d.text, |t| {
            length += 1;
            count(t, false);
        });
        let terms = touched
            .drain(..)
            .map(|id| {
                let (t, b) = std::mem::take(&mut counts[id as usize]);
                (id, t, b)
            })
            .collect();
        docs.push(terms);
        lengths.push((length, title_length));
    }
    Chunk {
        words,
        docs,
        lengths,
    }
}

fn collect(documents: &[WebDocument<'_>]) -> Words {
    let started = std::time::Instant::now();
    let chunks: Vec<Chunk> = documents
        .par_chunks(CHUNK_DOCS)
        .map(analyze_chunk)
        .collect();
    crate::terminal::timing("static search: analyze", started);
    let started = std::time::Instant::now();
    // One numbering of the surfaces for the whole archive.
    let mut global: FxHashMap<&str, u32> = FxHashMap::default();
    let mut surfaces: Vec<&str> = Vec::new();
    let remaps: Vec<Vec<u32>> = chunks
        .iter()
        .map(|chunk| {
            chunk
                .words
                .iter()
                .map(|w| {
                    *global.entry(w).or_insert_with(|| {
                        surfaces.push(w);
                        surfaces.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    let stemmed: Vec<String> = surfaces
        .par_iter()
        .map_init(tokenize::stemmer, |stemmer, s| tokenize::stem(stemmer, s))
        .collect();
    let mut stem_ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut stems: Vec<String> = Vec::new();
    let surface_stem: Vec<u32> = stemmed
        .iter()
        .map(|stem| {
            *stem_ids.entry(stem).or_insert_with(|| {
                stems.push(stem.clone());
                stems.len() as u32 - 1
            })
        })
        .collect();
    // Per stem: (document, title count, body count); per surface: RFCs and titles.
    let mut counts: Vec<Vec<(u32, u32, u32)>> = vec![Vec::new(); stems.len()];
    let mut surface_df = vec![0u32; surfaces.len()];
    let mut in_title = vec![false; surfaces.len()];
    let mut lengths: Vec<(u32, u32)> = Vec::with_capacity(documents.len());
    let mut doc = 0u32;
    for (chunk, remap) in chunks.iter().zip(&remaps) {
        for terms in &chunk.docs {
            for &(local, title, body) in terms {
                let surface = remap[local as usize] as usize;
                surface_df[surface] += 1;
                in_title[surface] |= title > 0;
                let list = &mut counts[surface_stem[surface] as usize];
                match list.last_mut() {
                    Some(last) if last.0 == doc => {
                        last.1 += title;
                        last.2 += body;
                    }
                    _ => list.push((doc, title, body)),
                }
            }
            doc += 1;
        }
        lengths.extend(&chunk.lengths);
    }
    crate::terminal::timing("static search: stems and postings", started);
    let started = std::time::Instant::now();
    let scale = Scale::new(&lengths);
    let postings = counts
        .into_par_iter()
        .map(|docs| weigh(&docs, &lengths, &scale))
        .collect();
    crate::terminal::timing("static search: weigh", started);
    Words {
        surfaces: surfaces.into_iter().map(str::to_string).collect(),
        surface_stem,
        surface_df,
        in_title,
        stems,
        postings,
    }
}

/// What BM25 needs of the archive as a whole.
struct Scale {
    docs: f64,
    average_body: f64,
    average_title: f64,
}

impl Scale {
    fn new(lengths: &[(u32, u32)]) -> Self {
        let docs = lengths.len().max(1) as f64;
        let sum = |f: fn(&(u32, u32)) -> u32| lengths.iter().map(|l| f64::from(f(l))).sum::<f64>();
        Scale {
            docs,
            average_body: (sum(|l| l.0) / docs).max(1.0),
            average_title: (sum(|l| l.1) / docs).max(1.0),
        }
    }

    /// tantivy's inverse document frequency.
    fn idf(&self, df: usize) -> f64 {
        let df = df as f64;
        (1.0 + (self.docs - df + 0.5) / (df + 0.5)).ln()
    }
}

/// BM25's term frequency part (k1 1.2, b 0.75), between 0 and 2.2.
fn saturation(tf: u32, length: u32, average: f64) -> f64 {
    let tf = f64::from(tf);
    tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * f64::from(length) / average))
}

/// A stem's postings as the browser scores them, the way `rfcbook search` does: BM25 of
/// the body plus three times BM25 of the title, each with its own document frequency.
/// Per document only the term frequency parts are kept, in steps of 1/20 (one character
/// for a body match, two with the title); the browser multiplies them by the idfs.
struct Weighed {
    body_df: u32,
    title_df: u32,
    /// (document, body part, title part) of the best `MAX_POSTINGS` documents, ascending.
    docs: Vec<(u32, u32, u32)>,
    /// The other documents with the stem, ascending, without weights: so that a query of
    /// several common words still finds every RFC that has them all.
    rest: Vec<u32>,
}

const STEPS: f64 = 20.0;

/// The best `MAX_POSTINGS` documents of a stem are kept, in document order.
fn weigh(docs: &[(u32, u32, u32)], lengths: &[(u32, u32)], scale: &Scale) -> Weighed {
    let body_df = docs.iter().filter(|d| d.2 > 0).count();
    let title_df = docs.iter().filter(|d| d.1 > 0).count();
    let (body_idf, title_idf) = (scale.idf(body_df), scale.idf(title_df));
    let quantize = |x: f64| ((x * STEPS).round() as u32).min(BASE - 1);
    let mut weighted: Vec<(f64, (u32, u32, u32))> = docs
        .iter()
        .map(|&(doc, title_tf, body_tf)| {
            let (body_len, title_len) = lengths[doc as usize];
            let body = quantize(saturation(body_tf, body_len, scale.average_body));
            let title = quantize(saturation(title_tf, title_len, scale.average_title));
            let score = body_idf * f64::from(body) + 3.0 * title_idf * f64::from(title);
            (score, (doc, body, title))
        })
        .collect();
    let mut rest = Vec::new();
    if weighted.len() > MAX_POSTINGS {
        weighted.select_nth_unstable_by(MAX_POSTINGS - 1, |a, b| {
            b.0.total_cmp(&a.0).then(a.1.0.cmp(&b.1.0))
        });
        rest = weighted[MAX_POSTINGS..].iter().map(|p| p.1.0).collect();
        rest.sort_unstable();
        weighted.truncate(MAX_POSTINGS);
        weighted.sort_unstable_by_key(|p| p.1.0);
    }
    Weighed {
        body_df: body_df as u32,
        title_df: title_df as u32,
        docs: weighted.into_iter().map(|(_, d)| d).collect(),
        rest,
    }
}

/// Appends `n` in the variable-length code of [`DIGITS`]: base 46, most significant digit
/// first, every digit but the last from the second half.
fn push_number(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 8];
    let mut len = 0;
    digits[len] = DIGITS[(n % BASE) as usize];
    n /= BASE;
    len += 1;
    while n > 0 {
        digits[len] = DIGITS[(BASE + n % BASE) as usize];
        n /= BASE;
        len += 1;
    }
    for &d in digits[..len].iter().rev() {
        out.push(char::from(d));
    }
}

/// Postings as numbers: the body and title document frequencies and how many documents
/// are weighed; per weighed document its delta from the previous one and its parts as
/// one number, `body + 46 * title`; then the deltas of the other documents.
fn posting_text(postings: &Weighed) -> String {
    let mut text = String::with_capacity(postings.docs.len() * 2 + postings.rest.len() + 8);
    push_number(&mut text, postings.body_df);
    push_number(&mut text, postings.title_df);
    push_number(&mut text, postings.docs.len() as u32);
    let mut last = 0;
    for &(doc, body, title) in &postings.docs {
        push_number(&mut text, doc - last);
        push_number(&mut text, body + BASE * title);
        last = doc;
    }
    let mut last = 0;
    for &doc in &postings.rest {
        push_number(&mut text, doc - last);
        last = doc;
    }
    text
}

/// Keys in the order JavaScript compares strings (UTF-16 code units), so that the
/// browser's binary search over shard bounds agrees with the order they were cut in.
fn js_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Whether byte order is JavaScript's order for these strings: UTF-8 bytes sort as code
/// points, which differ from UTF-16 units only between U+E000–U+FFFF and characters
/// beyond U+FFFF.
fn bytes_sort_as_js<'a>(mut texts: impl Iterator<Item = &'a str>) -> bool {
    !texts.any(|t| !t.is_ascii() && t.chars().any(|c| ('\u{e000}'..='\u{ffff}').contains(&c)))
}

/// How a surface form names its stem: the number of its first UTF-16 units the stem is
/// (most stems are a prefix of their words), or the stem itself.
enum StemOf<'a> {
    Prefix(usize),
    Other(&'a str),
}

fn stem_of<'a>(surface: &str, stem: &'a str) -> StemOf<'a> {
    if surface.starts_with(stem) {
        StemOf::Prefix(stem.encode_utf16().count())
    } else {
        StemOf::Other(stem)
    }
}

/// One entry of the term shards.
enum Key<'a> {
    Stem { text: &'a str, postings: String },
    Surface { text: &'a str, stem: &'a str },
}

impl Key<'_> {
    fn text(&self) -> &str {
        match self {
            Key::Stem { text, .. } | Key::Surface { text, .. } => text,
        }
    }
}

fn keys(words: &Words) -> Vec<Key<'_>> {
    let mut keys: Vec<Key<'_>> = words
        .stems
        .par_iter()
        .zip(&words.postings)
        .filter(|(_, p)| !p.docs.is_empty())
        .map(|(stem, p)| Key::Stem {
            text: stem,
            postings: posting_text(p),
        })
        .collect();
    keys.extend(
        words
            .surfaces
            .iter()
            .zip(&words.surface_stem)
            .map(|(surface, &stem)| (surface, words.stems[stem as usize].as_str()))
            .filter(|(surface, stem)| surface != stem)
            .map(|(text, stem)| Key::Surface { text, stem }),
    );
    // A stem before a surface of the same text: one order, whatever the hashing did.
    let is_surface = |k: &Key<'_>| matches!(k, Key::Surface { .. });
    if bytes_sort_as_js(keys.iter().map(Key::text)) {
        keys.par_sort_unstable_by(|a, b| {
            a.text()
                .cmp(b.text())
                .then_with(|| is_surface(a).cmp(&is_surface(b)))
        });
    } else {
        keys.par_sort_unstable_by(|a, b| {
            js_cmp(a.text(), b.text()).then_with(|| is_surface(a).cmp(&is_surface(b)))
        });
    }
    keys
}

/// `"text"` as a JSON string.
fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// Cuts the sorted keys into shards of about `SHARD_BYTES`, never between two keys of one
/// text. Returns each shard's bound (the shortest prefix of its first key that sorts
/// after the previous shard's last key; the first bound is empty) and the files.
fn term_shards(keys: &[Key<'_>]) -> (Vec<String>, Vec<OutputFile>) {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, key) in keys.iter().enumerate() {
        if bytes >= SHARD_BYTES && key.text() != keys[i - 1].text() {
            ranges.push((start, i));
            start = i;
            bytes = 0;
        }
        bytes += key.text().len()
            + 6
            + match key {
                Key::Stem { postings, .. } => postings.len(),
                Key::Surface { .. } => 3,
            };
    }
    if start < keys.len() || ranges.is_empty() {
        ranges.push((start, keys.len()));
    }
    let bounds = ranges
        .iter()
        .map(|&(start, _)| match start.checked_sub(1) {
            None => String::new(),
            Some(previous) => shortest_bound(keys[previous].text(), keys[start].text()),
        })
        .collect();
    let files = ranges
        .par_iter()
        .enumerate()
        .map(|(n, &(start, end))| OutputFile {
            path: format!("search/t-{n}.js"),
            bytes: shard_text(n, &keys[start..end]).into_bytes(),
        })
        .collect();
    (bounds, files)
}

/// The shortest prefix of `first` that sorts after `previous`.
fn shortest_bound(previous: &str, first: &str) -> String {
    let mut end = 0;
    for c in first.chars() {
        end += c.len_utf8();
        if js_cmp(&first[..end], previous) == Ordering::Greater {
            break;
        }
    }
    first[..end].to_string()
}

/// `rfcbookSearch.loaded("t-N",{"p":{stem:postings…},"s":{surface:stem…}})`, where a
/// surface's stem is a number when it is a prefix of the surface (see [`StemOf`]).
fn shard_text(n: usize, keys: &[Key<'_>]) -> String {
    let mut p = String::new();
    let mut s = String::new();
    for key in keys {
        match key {
            Key::Stem { text, postings } => {
                p.push_str(if p.is_empty() { "" } else { "," });
                let _ = write!(p, "{}:\"{postings}\"", json_string(text));
            }
            Key::Surface { text, stem } => {
                s.push_str(if s.is_empty() { "" } else { "," });
                let _ = match stem_of(text, stem) {
                    StemOf::Prefix(n) => write!(s, "{}:{n}", json_string(text)),
                    StemOf::Other(stem) => {
                        write!(s, "{}:{}", json_string(text), json_string(stem))
                    }
                };
            }
        }
    }
    format!("rfcbookSearch.loaded(\"t-{n}\",{{\"p\":{{{p}}},\"s\":{{{s}}}}});\n")
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

/// One file per first character: its surface forms that typo and prefix matching may
/// reach, the most common first, as `word`, `word,N` (the stem is its first N UTF-16
/// units) or `word:stem`, separated by spaces. Words found once and outside any title are
/// mostly identifiers and numbers: they are kept only while the file is small.
fn vocabulary_files(words: &Words) -> (String, Vec<OutputFile>) {
    let mut by_initial: BTreeMap<char, Vec<usize>> = BTreeMap::new();
    for (i, surface) in words.surfaces.iter().enumerate() {
        if let Some(c) = surface.chars().next() {
            by_initial.entry(c).or_default().push(i);
        }
    }
    let files: Vec<(char, OutputFile)> = by_initial
        .into_par_iter()
        .map(|(initial, mut members)| {
            members.sort_unstable_by(|&a, &b| {
                words.surface_df[b]
                    .cmp(&words.surface_df[a])
                    .then_with(|| words.surfaces[a].cmp(&words.surfaces[b]))
            });
            let mut list = String::new();
            for i in members {
                let surface = &words.surfaces[i];
                let common = words.surface_df[i] >= 2 || words.in_title[i];
                if !common && list.len() >= VOCABULARY_BYTES {
                    break;
                }
                list.push_str(if list.is_empty() { "" } else { " " });
                list.push_str(surface);
                let stem = words.stems[words.surface_stem[i] as usize].as_str();
                if stem != surface {
                    let _ = match stem_of(surface, stem) {
                        StemOf::Prefix(n) => write!(list, ",{n}"),
                        StemOf::Other(stem) => write!(list, ":{stem}"),
                    };
                }
            }
            let name = format!("v-{}", file_key(&initial.to_string()));
            let text = format!(
                "rfcbookSearch.loaded({},{});\n",
                json_string(&name),
                json_string(&list)
            );
            (
                initial,
                OutputFile {
                    path: format!("search/{name}.js"),
                    bytes: text.into_bytes(),
                },
            )
        })
        .collect();
    let initials = files.iter().map(|(c, _)| *c).collect();
    (initials, files.into_iter().map(|(_, f)| f).collect())
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
                    serde_json::json!([s.number, s.title, s.url, excerpt(&d.excerpt)])
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
    bounds: &[String],
    initials: &str,
) -> OutputFile {
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
    let status_of = |d: &WebDocument<'_>| {
        status_index
            .get(d.summary.status.as_str())
            .copied()
            .unwrap_or(0)
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
        "version": 3,
        "docsPerFile": DOCS_PER_FILE,
        "documents": documents.len(),
        "bounds": bounds,
        "vocabularies": initials,
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

    /// The browser's decoder (search.js `numbers`), in Rust.
    fn decode(text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut n = 0;
        for b in text.bytes() {
            let d = DIGITS.iter().position(|&x| x == b).unwrap() as u32;
            if d >= BASE {
                n = n * BASE + (d - BASE);
            } else {
                out.push(n * BASE + d);
                n = 0;
            }
        }
        out
    }

    #[test]
    fn numbers_round_trip_without_json_escapes() {
        assert_eq!(DIGITS.len(), 2 * BASE as usize);
        assert!(!DIGITS.contains(&b'"') && !DIGITS.contains(&b'\\'));
        let numbers = [0, 1, 45, 46, 47, 2115, 2116, 99_999, u32::MAX];
        let mut text = String::new();
        for n in numbers {
            push_number(&mut text, n);
        }
        assert_eq!(decode(&text), numbers);
        assert_eq!(serde_json::to_string(&text).unwrap(), format!("\"{text}\""));
        let postings = posting_text(&Weighed {
            body_df: 5,
            title_df: 1,
            docs: vec![(3, 40, 0), (10, 5, 2), (4000, 1, 0)],
            rest: vec![7, 9],
        });
        assert_eq!(decode(&postings), [5, 1, 3, 3, 40, 7, 97, 3990, 1, 7, 2]);
    }

    #[test]
    fn bounds_are_the_shortest_separating_prefix() {
        assert_eq!(shortest_bound("abc", "abd"), "abd");
        assert_eq!(shortest_bound("abc", "b"), "b");
        assert_eq!(shortest_bound("abc", "bcd"), "b");
        assert_eq!(shortest_bound("ab", "abc"), "abc");
        // JavaScript order: U+FF21 sorts after an astral character's surrogates.
        assert_eq!(js_cmp("\u{ff21}", "\u{1f600}"), Ordering::Greater);
        assert_eq!("\u{ff21}".cmp("\u{1f600}"), Ordering::Less);
        assert!(!bytes_sort_as_js(["a", "\u{ff21}"].into_iter()));
        assert!(bytes_sort_as_js(
            ["a", "é", "検索", "\u{1f600}"].into_iter()
        ));
    }
}
