//! The first step of the static index: every RFC's words, counted in chunks of consecutive
//! RFCs (by a build, in parallel, as it reads each body into its HTML) and interned
//! once, and every stem's postings weighed as `rfcbook search` ranks them.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::shards::BASE;
use crate::index::tokenize::{self, Term};

/// The best `MAX_POSTINGS` documents of a stem are weighed; the others are listed without
/// weights (see [`Weighed`]).
const MAX_POSTINGS: usize = 1500;

/// Every word of the archive, interned: the postings of ten thousand RFCs are millions of
/// entries, so no string is copied or compared per entry.
pub(super) struct Words<P> {
    /// Surface forms, and per surface its stem, the RFCs it occurs in and whether it
    /// occurs in a title.
    pub(super) surfaces: Vec<String>,
    pub(super) surface_stem: Vec<u32>,
    pub(super) surface_df: Vec<u32>,
    pub(super) in_title: Vec<bool>,
    pub(super) stems: Vec<String>,
    /// Per stem: its postings, weighed and encoded (see [`collect`]).
    pub(super) postings: Vec<P>,
}

/// How often a word occurs in one document: (title, body). Counts saturate at `u16::MAX`,
/// far past the point where BM25's term frequency part stops changing; the narrow type
/// keeps the millions of postings of a large archive in two thirds of the memory.
type Counts = (u16, u16);

/// Documents of one chunk with their words numbered locally: chunks are analyzed in
/// parallel, and only their (much smaller) word tables are merged.
pub(crate) struct Chunk {
    words: Interned,
    /// Every document's (local word, counts), one document after the other; `ends[d]` is
    /// where document `d` ends.
    terms: Vec<(u32, Counts)>,
    ends: Vec<usize>,
    /// Per document: words in the body and in the title.
    lengths: Vec<(u32, u32)>,
}

/// Words stored one after the other in one string: a chunk holds tens of thousands of
/// distinct words, and a separate allocation for each cost more memory than the words.
#[derive(Default)]
struct Interned {
    text: String,
    ends: Vec<usize>,
}

impl Interned {
    fn range(&self, id: u32) -> std::ops::Range<usize> {
        let id = id as usize;
        id.checked_sub(1).map_or(0, |p| self.ends[p])..self.ends[id]
    }

    /// Whether word `id` is `word`: compared as bytes, which spares the character
    /// boundary checks of slicing a string in the analyzer's innermost loop.
    #[inline]
    fn is(&self, id: u32, word: &str) -> bool {
        self.text.as_bytes().get(self.range(id)) == Some(word.as_bytes())
    }

    fn get(&self, id: u32) -> &str {
        &self.text[self.range(id)]
    }

    /// Adds a word and returns its number.
    fn push(&mut self, word: &str) -> u32 {
        self.text.push_str(word);
        self.ends.push(self.text.len());
        self.ends.len() as u32 - 1
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len() as u32).map(|id| self.get(id))
    }
}

/// Analyzes consecutive documents into a [`Chunk`], one at a time: a build
/// hands each RFC's text over as soon as it has read it, and need not keep it.
pub(crate) struct Analyzer {
    surfaces: tokenize::Surfaces,
    /// The chunk's words of at most eight bytes by their packed form, with their numbers
    /// in `chunk.words`: a key compared as an integer, kept beside its number.
    short: HashTable<(u64, u32)>,
    /// The chunk's longer words by hash, as their numbers in `chunk.words`.
    ids: HashTable<u32>,
    counts: Vec<Counts>,
    touched: Vec<u32>,
    chunk: Chunk,
}

/// Distinct words of a typical RFC, as room for a chunk's postings is made: grown by
/// doubling instead, the list of a chunk was copied into fresh memory a dozen times, a
/// few percent of a build. Room not used is never touched, so it costs no memory.
const TERMS_PER_DOCUMENT: usize = 512;

impl Analyzer {
    /// An analyzer for a chunk of about `documents` documents.
    pub(crate) fn new(documents: usize) -> Self {
        Analyzer {
            surfaces: tokenize::Surfaces::new(),
            short: HashTable::new(),
            ids: HashTable::new(),
            counts: Vec::new(),
            touched: Vec::new(),
            chunk: Chunk {
                words: Interned::default(),
                terms: Vec::with_capacity(documents * TERMS_PER_DOCUMENT),
                ends: Vec::with_capacity(documents),
                lengths: Vec::with_capacity(documents),
            },
        }
    }

    /// The next document: its title, its body as plain text, and more words its body is
    /// found by (its tags and authors: [`crate::index::document::label_words`]).
    pub(crate) fn add(&mut self, title: &str, text: &str, labels: &str) {
        let Analyzer {
            surfaces,
            short,
            ids,
            counts,
            touched,
            chunk,
        } = self;
        let mut count = |term: Term<'_>, title: bool| {
            let words = &mut chunk.words;
            let id = match term {
                Term::Packed(key) => {
                    let hash = FxBuildHasher.hash_one(key);
                    match short.find(hash, |&(k, _)| k == key) {
                        Some(&(_, id)) => id,
                        None => {
                            counts.push((0, 0));
                            let id = words.push(term.text(&mut [0; 8]));
                            short.insert_unique(hash, (key, id), |&(k, _)| {
                                FxBuildHasher.hash_one(k)
                            });
                            id
                        }
                    }
                }
                Term::Text(word) => {
                    let hash = FxBuildHasher.hash_one(word);
                    match ids.find(hash, |&id| words.is(id, word)) {
                        Some(&id) => id,
                        None => {
                            counts.push((0, 0));
                            let id = words.push(word);
                            ids.insert_unique(hash, id, |&id| {
                                FxBuildHasher.hash_one(words.get(id))
                            });
                            id
                        }
                    }
                }
            };
            let c = &mut counts[id as usize];
            if *c == (0, 0) {
                touched.push(id);
            }
            let n = if title { &mut c.0 } else { &mut c.1 };
            *n = n.saturating_add(1);
        };
        let mut title_length = 0u32;
        surfaces.for_each_term(title, |t| {
            title_length += 1;
            count(t, true);
        });
        let mut length = 0u32;
        for text in [text, labels] {
            surfaces.for_each_term(text, |t| {
                length += 1;
                count(t, false);
            });
        }
        chunk.terms.extend(
            touched
                .drain(..)
                .map(|id| (id, std::mem::take(&mut counts[id as usize]))),
        );
        chunk.ends.push(chunk.terms.len());
        chunk.lengths.push((length, title_length));
    }

    /// The chunk, with its room left as it is: the part never written was never touched,
    /// and shrinking it would copy the whole list.
    pub(crate) fn finish(self) -> Chunk {
        self.chunk
    }
}

/// Where one document's words are: (chunk, document of that chunk).
pub(crate) type Slot = (u32, u32);

/// The archive's words from its chunks, with every stem's postings weighed and then
/// handed to `encode`. Document `d` of the index is `order[d]`: chunks are made in the
/// order files are read, the index is in the order of ids. Chunks are dropped once
/// counted, and each stem's weighed postings once encoded: the intermediate forms of ten
/// thousand RFCs' postings are tens of megabytes, and memory this process has not touched
/// yet is what costs.
pub(super) fn collect<P: Send>(
    chunks: Vec<Chunk>,
    order: &[Slot],
    encode: impl Fn(Weighed) -> P + Sync,
) -> Words<P> {
    let started = std::time::Instant::now();
    // One numbering of the surfaces for the whole archive.
    let mut global: FxHashMap<&str, u32> = FxHashMap::default();
    let mut surfaces: Vec<String> = Vec::new();
    let remaps: Vec<Vec<u32>> = chunks
        .iter()
        .map(|chunk| {
            chunk
                .words
                .iter()
                .map(|w| {
                    *global.entry(w).or_insert_with(|| {
                        surfaces.push(w.to_string());
                        surfaces.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    drop(global);
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
    drop(stem_ids);
    drop(stemmed);
    // Per stem: (document, counts), all stems' postings in one array
    // (`postings[start[s]..start[s + 1]]`), sized by a first pass: ten thousand RFCs have
    // millions of postings, and growing a list per stem cost as much again in copies and
    // fresh memory. Two surfaces of one stem in a document make one posting.
    let each_posting = |f: &mut dyn FnMut(u32, usize, Counts)| {
        for (doc, &(c, d)) in order.iter().enumerate() {
            let (chunk, remap) = (&chunks[c as usize], &remaps[c as usize]);
            let d = d as usize;
            let from = d.checked_sub(1).map_or(0, |p| chunk.ends[p]);
            for &(local, counts) in &chunk.terms[from..chunk.ends[d]] {
                f(doc as u32, remap[local as usize] as usize, counts);
            }
        }
    };
    let mut surface_df = vec![0u32; surfaces.len()];
    let mut in_title = vec![false; surfaces.len()];
    let mut start = vec![0usize; stems.len() + 1];
    let mut last_doc = vec![u32::MAX; stems.len()];
    each_posting(&mut |doc, surface, (title, _)| {
        surface_df[surface] += 1;
        in_title[surface] |= title > 0;
        let stem = surface_stem[surface] as usize;
        if last_doc[stem] != doc {
            last_doc[stem] = doc;
            start[stem + 1] += 1;
        }
    });
    drop(last_doc);
    for s in 0..stems.len() {
        start[s + 1] += start[s];
    }
    let mut postings = vec![(0u32, (0u16, 0u16)); start[stems.len()]];
    let mut end = start.clone();
    each_posting(&mut |doc, surface, (title, body)| {
        let stem = surface_stem[surface] as usize;
        match postings[start[stem]..end[stem]].last_mut() {
            Some((last, counts)) if *last == doc => {
                counts.0 = counts.0.saturating_add(title);
                counts.1 = counts.1.saturating_add(body);
            }
            _ => {
                postings[end[stem]] = (doc, (title, body));
                end[stem] += 1;
            }
        }
    });
    drop(end);
    let lengths: Vec<(u32, u32)> = order
        .iter()
        .map(|&(c, d)| chunks[c as usize].lengths[d as usize])
        .collect();
    drop(remaps);
    drop(chunks);
    crate::terminal::timing("static search: stems and postings", started);
    let started = std::time::Instant::now();
    let scale = Scale::new(&lengths);
    let postings = (0..stems.len())
        .into_par_iter()
        .map(|s| encode(weigh(&postings[start[s]..start[s + 1]], &scale)))
        .collect();
    crate::terminal::timing("static search: weigh", started);
    Words {
        surfaces,
        surface_stem,
        surface_df,
        in_title,
        stems,
        postings,
    }
}

/// What BM25 needs of the archive as a whole, and of each document its length part,
/// computed once rather than once per posting.
struct Scale {
    docs: f64,
    /// Per document: BM25's length normalisation (k1 1.2, b 0.75) of its body and title.
    norms: Vec<(f64, f64)>,
}

impl Scale {
    fn new(lengths: &[(u32, u32)]) -> Self {
        let docs = lengths.len().max(1) as f64;
        let sum = |f: fn(&(u32, u32)) -> u32| lengths.iter().map(|l| f64::from(f(l))).sum::<f64>();
        let average_body = (sum(|l| l.0) / docs).max(1.0);
        let average_title = (sum(|l| l.1) / docs).max(1.0);
        let norm = |length: u32, average: f64| 1.2 * (0.25 + 0.75 * f64::from(length) / average);
        Scale {
            docs,
            norms: lengths
                .iter()
                .map(|&(body, title)| (norm(body, average_body), norm(title, average_title)))
                .collect(),
        }
    }

    /// tantivy's inverse document frequency.
    fn idf(&self, df: usize) -> f64 {
        let df = df as f64;
        (1.0 + (self.docs - df + 0.5) / (df + 0.5)).ln()
    }
}

/// BM25's term frequency part, between 0 and 2.2, given the document's length part.
fn saturation(tf: u16, norm: f64) -> f64 {
    let tf = f64::from(tf);
    tf * 2.2 / (tf + norm)
}

/// A stem's postings as the browser scores them, the way `rfcbook search` does: BM25 of
/// the body plus three times BM25 of the title, each with its own document frequency.
/// Per document only the term frequency parts are kept, in steps of 1/20 (one character
/// for a body match, two with the title); the browser multiplies them by the idfs.
pub(super) struct Weighed {
    pub(super) body_df: u32,
    pub(super) title_df: u32,
    /// (document, body part, title part) of the best `MAX_POSTINGS` documents, ascending.
    pub(super) docs: Vec<(u32, u32, u32)>,
    /// The other documents with the stem, ascending, without weights: so that a query of
    /// several common words still finds every RFC that has them all.
    pub(super) rest: Vec<u32>,
}

const STEPS: f64 = 20.0;

/// A posting with its score: (score, (document, body part, title part)).
type Scored = (f64, (u32, u32, u32));

/// A document's body and title parts, each quantized to [`STEPS`].
fn parts(doc: u32, (title_tf, body_tf): Counts, scale: &Scale) -> (u32, u32) {
    let quantize = |x: f64| ((x * STEPS).round() as u32).min(BASE - 1);
    let (body_norm, title_norm) = scale.norms[doc as usize];
    (
        quantize(saturation(body_tf, body_norm)),
        quantize(saturation(title_tf, title_norm)),
    )
}

/// Every posting of a stem with the score the browser ranks it by, given the stem's
/// document frequencies in bodies and in titles.
fn scored(
    docs: &[(u32, Counts)],
    scale: &Scale,
    (body_df, title_df): (usize, usize),
) -> Vec<Scored> {
    let (body_idf, title_idf) = (scale.idf(body_df), scale.idf(title_df));
    docs.iter()
        .map(|&(doc, counts)| {
            let (body, title) = parts(doc, counts, scale);
            let score = body_idf * f64::from(body) + 3.0 * title_idf * f64::from(title);
            (score, (doc, body, title))
        })
        .collect()
}

/// Best first, and of equal scores the lower document: a total order.
fn rank(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.0.cmp(&b.1.0))
}

/// The best `MAX_POSTINGS` documents of a stem with their parts, in document order, and
/// the others apart.
fn weigh(docs: &[(u32, Counts)], scale: &Scale) -> Weighed {
    let body_df = docs.iter().filter(|d| d.1.1 > 0).count();
    let title_df = docs.iter().filter(|d| d.1.0 > 0).count();
    if docs.len() <= MAX_POSTINGS {
        // Every document is weighed: no scores to rank them by.
        return Weighed {
            body_df: body_df as u32,
            title_df: title_df as u32,
            docs: docs
                .iter()
                .map(|&(doc, counts)| {
                    let (body, title) = parts(doc, counts, scale);
                    (doc, body, title)
                })
                .collect(),
            rest: Vec::new(),
        };
    }
    let weighted = scored(docs, scale, (body_df, title_df));
    // The order is total, so the best `MAX_POSTINGS` are exactly those not after the one
    // at that rank. Splitting the postings by it keeps both lists in document order
    // without sorting either (sorting them cost a sixth of the index's weighing at ten
    // thousand RFCs).
    let mut ranked = weighted.clone();
    let (_, &mut last, _) = ranked.select_nth_unstable_by(MAX_POSTINGS - 1, rank);
    drop(ranked);
    let mut best = Vec::with_capacity(MAX_POSTINGS);
    let mut rest = Vec::with_capacity(weighted.len() - MAX_POSTINGS);
    for posting in weighted {
        if rank(&posting, &last).is_gt() {
            rest.push(posting.1.0);
        } else {
            best.push(posting.1);
        }
    }
    Weighed {
        body_df: body_df as u32,
        title_df: title_df as u32,
        docs: best,
        rest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyze(runs: &[&[(&str, &str)]]) -> Words<Weighed> {
        let chunks: Vec<Chunk> = runs
            .iter()
            .map(|docs| {
                let mut analyzer = Analyzer::new(docs.len());
                for (title, text) in *docs {
                    analyzer.add(title, text, "");
                }
                analyzer.finish()
            })
            .collect();
        let order: Vec<Slot> = chunks
            .iter()
            .enumerate()
            .flat_map(|(c, chunk)| (0..chunk.ends.len()).map(move |d| (c as u32, d as u32)))
            .collect();
        collect(chunks, &order, |w| w)
    }

    fn postings<'a>(words: &'a Words<Weighed>, stem: &str) -> &'a Weighed {
        let s = words.stems.iter().position(|x| x == stem).unwrap();
        &words.postings[s]
    }

    #[test]
    fn runs_number_documents_in_order_and_stems_merge_per_document() {
        let words = analyze(&[
            &[("Indexes", "an index of indexes"), ("Other", "nothing")],
            &[],
            &[("Third", "index"), ("Fourth", "indexing the indexes")],
        ]);
        // "indexes" and "index" are one stem: one posting per document, counts added.
        let index = postings(&words, "index");
        assert_eq!(index.body_df, 3);
        assert_eq!(index.title_df, 1);
        let docs: Vec<u32> = index.docs.iter().map(|d| d.0).collect();
        assert_eq!(docs, [0, 2, 3]);
        assert!(index.rest.is_empty());
        // Every surface form keeps its own document frequency.
        let df = |w: &str| words.surface_df[words.surfaces.iter().position(|x| x == w).unwrap()];
        assert_eq!((df("index"), df("indexes"), df("indexing")), (2, 2, 1));
        assert_eq!(postings(&words, "noth").docs[0].0, 1);
    }

    #[test]
    fn counts_saturate_instead_of_overflowing() {
        // More occurrences than a u16 holds, in one document and across two surface
        // forms of one stem: the counts stop at the maximum, far past where BM25 stops
        // telling them apart.
        let text = "index ".repeat(70_000) + &"indexes ".repeat(70_000);
        let words = analyze(&[&[("Index", text.as_str())]]);
        let index = postings(&words, "index");
        assert_eq!(index.docs.len(), 1);
        let (_, body, title) = index.docs[0];
        // Counts are (title, body): the title says "Index" once.
        let full = weigh(&[(0, (1, u16::MAX))], &Scale::new(&[(140_000, 1)]));
        assert_eq!((body, title), (full.docs[0].1, full.docs[0].2));
        assert!(body > 0 && title > 0);
    }

    /// The best are chosen by score, and of equal scores by the lower document, exactly
    /// as ranking every posting and taking the first `MAX_POSTINGS` would.
    #[test]
    fn the_best_are_those_a_full_ranking_puts_first() {
        let n = MAX_POSTINGS * 2 + 7;
        let docs: Vec<(u32, Counts)> = (0..n as u32)
            .map(|d| (d, ((d % 3) as u16, (d * 7919 % 13) as u16)))
            .collect();
        let lengths: Vec<(u32, u32)> = (0..n as u32).map(|d| (50 + d % 40, 4)).collect();
        let scale = Scale::new(&lengths);
        let weighed = weigh(&docs, &scale);
        let dfs = (weighed.body_df as usize, weighed.title_df as usize);
        let mut ranked = scored(&docs, &scale, dfs);
        ranked.sort_by(rank);
        let mut best: Vec<u32> = ranked[..MAX_POSTINGS].iter().map(|r| r.1.0).collect();
        let mut rest: Vec<u32> = ranked[MAX_POSTINGS..].iter().map(|r| r.1.0).collect();
        best.sort_unstable();
        rest.sort_unstable();
        assert_eq!(weighed.docs.iter().map(|d| d.0).collect::<Vec<_>>(), best);
        assert_eq!(weighed.rest, rest);
    }

    #[test]
    fn documents_past_the_best_are_listed_without_weights() {
        let texts: Vec<String> = (0..MAX_POSTINGS + 10)
            .map(|i| "word ".repeat(1 + i % 3))
            .collect();
        let docs: Vec<(&str, &str)> = texts.iter().map(|t| ("t", t.as_str())).collect();
        let words = analyze(&[&docs[..700], &docs[700..]]);
        let word = postings(&words, "word");
        assert_eq!(word.docs.len(), MAX_POSTINGS);
        assert_eq!(word.rest.len(), 10);
        assert!(word.docs.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(word.rest.windows(2).all(|w| w[0] < w[1]));
    }
}
