//! The query language of `rfcbook search`: words (the last one also as a prefix), phrases
//! in quotes, `field:word` and `field:"a phrase"`, each word forgiving one typo; filters by
//! status, tag and author. Ranked by BM25, title matches first; snippets highlight what
//! matched, typo and prefix matches included.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, TantivyDocument, Term};

use super::store::{Fields, SearchIndex};
use super::tokenize;
use crate::config::Statuses;
use crate::error::{Error, Result};
use crate::model::SectionKind;

/// One piece of a query as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    Word {
        field: Option<String>,
        text: String,
        last: bool,
    },
    Phrase {
        field: Option<String>,
        text: String,
    },
}

/// Splits a query into words and phrases; `field:` applies to the word or phrase after it.
pub(crate) fn parse(query: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        let (field, after) = match rest.split_once(':') {
            Some((f, a))
                if !f.is_empty()
                    && f.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
                    && !f.contains(char::is_whitespace) =>
            {
                (Some(f.to_ascii_lowercase()), a)
            }
            _ => (None, rest),
        };
        if let Some(inner) = after.strip_prefix('"') {
            let (phrase, tail) = inner.split_once('"').unwrap_or((inner, ""));
            parts.push(Part::Phrase {
                field,
                text: phrase.to_string(),
            });
            rest = tail.trim_start();
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            let word = &after[..end];
            // `title:` with nothing after it is kept, to be reported.
            if !word.is_empty() || field.is_some() {
                parts.push(Part::Word {
                    field,
                    text: word.to_string(),
                    last: false,
                });
            }
            rest = after[end..].trim_start();
        }
    }
    // Results appear as people type: the last word may be unfinished.
    if let (false, Some(Part::Word { last, .. })) =
        (query.ends_with(char::is_whitespace), parts.last_mut())
    {
        *last = true;
    }
    parts
}

/// Whether a query has something to search for: a `field:` part, or a word that is not a
/// stop word (`the`, `of`), which the index leaves out.
pub(crate) fn has_terms(query: &str) -> bool {
    let mut analyzer = tokenize::analyzer();
    parse(query).iter().any(|part| match part {
        Part::Word { field: Some(_), .. } | Part::Phrase { field: Some(_), .. } => true,
        Part::Word { text, .. } | Part::Phrase { text, .. } => {
            !tokenize::terms(&mut analyzer, text).is_empty()
        }
    })
}

/// Why a search cannot be answered as asked, the same for `rfcbook search` and the
/// served page: a query with nothing to look for (empty, or words as common as `the`)
/// when no filter says what to list, or a status the archive does not have. Told so with
/// a help, never answered "no RFC matches".
pub(crate) fn refused(query: &str, filters: &Filters, statuses: &Statuses) -> Result<()> {
    let filtered =
        !(filters.statuses.is_empty() && filters.tags.is_empty() && filters.authors.is_empty());
    if !filtered && query.trim().is_empty() {
        return Err(Error::usage(
            "the query is empty",
            "give words to search for, e.g. connection pooling",
        ));
    }
    if !filtered && !query.chars().any(char::is_alphanumeric) {
        return Err(Error::usage(
            format!(
                "`{}` has no word to search for",
                crate::terminal::clean(query.trim())
            ),
            "give words to search for, e.g. connection pooling",
        ));
    }
    if !filtered && !has_terms(query) {
        return Err(Error::usage(
            format!(
                "`{}` has no word to search for: words as common as `the` and `of` are left out of the index",
                crate::terminal::clean(query.trim())
            ),
            "add a word that says what the decision is about",
        ));
    }
    for status in &filters.statuses {
        statuses.parse_asked(status)?;
    }
    Ok(())
}

/// The number of the RFC a query names and nothing else: `16`, `0016`, `#16`, `RFC 16`,
/// `rfc-16`, or in the archive's own series `ADR012`, `EIP-1559`; with its digits as
/// written.
pub(crate) fn named_number(query: &str, series: &str) -> Option<(u64, String)> {
    let query = query.trim().to_lowercase();
    // Separators only after a prefix: `-16` names no RFC.
    let rest = query
        .strip_prefix('#')
        .or_else(|| query.strip_prefix(series).filter(|_| !series.is_empty()))
        .or_else(|| query.strip_prefix("rfc"))
        .map_or(query.as_str(), |rest| {
            rest.trim_start_matches([' ', '-', '_'])
        });
    let digits = !rest.is_empty() && rest.len() <= 10 && rest.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| rest.parse().ok())
        .flatten()
        .map(|n| (n, rest.to_string()))
}

/// The tags and statuses a search names, in the query (`tag:x`) or as filters, that no
/// RFC has, each with the nearest one an RFC has: a mistyped tag otherwise reads as "no
/// RFC matches". As (what, value, suggestion), `what` being "tag" or "status".
pub(crate) fn unknown_labels(
    index: &SearchIndex,
    query: &str,
    filters: &Filters,
) -> Vec<(&'static str, String, Option<String>)> {
    let searcher = index.reader.searcher();
    let mut named: Vec<(&'static str, String)> = Vec::new();
    named.extend(filters.tags.iter().map(|t| ("tag", t.clone())));
    for part in parse(query) {
        let (Part::Word {
            field: Some(field),
            text,
            ..
        }
        | Part::Phrase {
            field: Some(field),
            text,
        }) = part
        else {
            continue;
        };
        match field.as_str() {
            "tag" | "tags" => named.push(("tag", text)),
            "status" => named.push(("status", text)),
            _ => {}
        }
    }
    named
        .into_iter()
        .filter_map(|(what, value)| {
            let field = if what == "tag" {
                index.fields.tags
            } else {
                index.fields.status
            };
            let lower = value.to_lowercase();
            let known = doc_freq(&searcher, field, &lower) > 0;
            (!known && !lower.is_empty()).then(|| {
                let near = near_words(&searcher, field, &lower, 2).into_iter().next();
                (what, value, near)
            })
        })
        .collect()
}

/// Filters given as options.
#[derive(Debug, Default)]
pub(crate) struct Filters {
    pub statuses: Vec<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Hit {
    pub id: u64,
    pub title: String,
    pub status: String,
    pub url: String,
    pub score: f32,
    pub snippet: String,
    #[serde(skip)]
    pub path: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// A near term when nothing matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// No RFC has every word of the query: the hits have some of them, the most first.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// With `partial`: the words of the query that no RFC has (`did` of "why did we adopt
    /// kafka"), which the hits are found without.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// How many of the RFCs that match a query have each status and each tag: what the search
/// page shows beside the choices of its filters. Each count obeys the other filter and
/// ignores its own, so that a choice shows what picking it would give.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub(crate) struct Counts {
    pub status: BTreeMap<String, usize>,
    pub tag: BTreeMap<String, usize>,
}

fn field_of(fields: &Fields, name: &str) -> Option<Vec<Field>> {
    Some(match name {
        "title" => vec![fields.title],
        "body" | "text" => vec![fields.body],
        "author" | "authors" => vec![fields.authors],
        "tag" | "tags" => vec![fields.tags],
        "status" => vec![fields.status],
        other => vec![fields.sections[SectionKind::parse(other)? as usize]],
    })
}

/// Builds the query for each part, and remembers which terms the snippet should highlight.
struct Builder<'a> {
    fields: &'a Fields,
    searcher: &'a Searcher,
    analyzer: tantivy::tokenizer::TextAnalyzer,
    surface: tantivy::tokenizer::TextAnalyzer,
    stemmer: tantivy::tokenizer::TextAnalyzer,
    /// Terms (per field) whose matches the snippet should highlight, with what expands them.
    highlight: Vec<(Field, String, Expand)>,
    /// Words, as typed, that the archive does not contain: candidates for a suggestion.
    unknown: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expand {
    Exact,
    Prefix,
}

impl Builder<'_> {
    fn known(&self, field: Field, term: &str) -> bool {
        self.doc_freq(field, term) > 0
    }

    fn doc_freq(&self, field: Field, term: &str) -> u64 {
        doc_freq(self.searcher, field, term)
    }

    /// Whether `name:` before `text` is a misspelt field (`titel:pooling`), which is an
    /// error that names the field meant. Anything else with a colon is searched as words:
    /// Rust paths (`std::mem::take`), URLs and prose (`note: this`, `table: …`) are common
    /// in RFCs. So only a name one edit from a field's that is no word of the archive is
    /// taken for a misspelling.
    fn misspelt_field(&self, name: &str, text: &str) -> Result<()> {
        if text.starts_with([':', '/']) || self.known(self.fields.words, name) {
            return Ok(());
        }
        let near = FIELD_NAMES
            .iter()
            .find(|f| crate::suggest::edit_distance(name, f) <= 1);
        match near {
            Some(field) => Err(Error::usage(
                format!("`{name}:` is not a field you can search; did you mean `{field}:`?"),
                format!(
                    "the fields are {}; quote the word to search for it as it is (\"name:word\")",
                    FIELD_NAMES.join(", ")
                ),
            )),
            None => Ok(()),
        }
    }

    fn term_query(&mut self, field: Field, stem: &str, boost: f32) -> (Occur, Box<dyn Query>) {
        self.highlight
            .push((field, stem.to_string(), Expand::Exact));
        let term = Term::from_field_text(field, stem);
        let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
        (
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(query), boost)),
        )
    }

    fn word(
        &mut self,
        field: Option<&str>,
        text: &str,
        last: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let targets = match field {
            Some(name) => match field_of(self.fields, name) {
                Some(targets) => targets,
                // `std::mem::take`, `https://…`, `note: this`: words, not a field.
                None => {
                    self.misspelt_field(name, text)?;
                    return self.word(None, &format!("{name}:{text}"), last);
                }
            },
            None => vec![self.fields.title, self.fields.body],
        };
        if let (Some(name), true) = (field, text.is_empty()) {
            return Err(Error::usage(
                format!("`{name}:` needs a word after it"),
                format!("e.g. {name}:pooling, or {name}:\"connection pooling\""),
            ));
        }
        if targets == [self.fields.tags] || targets == [self.fields.status] {
            let term = Term::from_field_text(targets[0], &text.to_lowercase());
            return Ok(Some(Box::new(TermQuery::new(
                term,
                IndexRecordOption::Basic,
            ))));
        }
        let stems = tokenize::terms(&mut self.analyzer, text);
        let surfaces = tokenize::terms(&mut self.surface, text);
        let mut per_term: Vec<Box<dyn Query>> = Vec::new();
        for (i, stem) in stems.iter().enumerate() {
            let surface = surfaces.get(i).cloned().unwrap_or_else(|| stem.clone());
            let is_last = last && i + 1 == stems.len();
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            // The longer words a known last word starts, apart (see below).
            let mut longer: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            // A word the archive contains anywhere is no typo, even if this field lacks it.
            let mut known = [self.fields.title, self.fields.body]
                .iter()
                .chain(&targets)
                .any(|&f| self.known(f, stem));
            // Unless the archive never writes the word itself, its stem is rare, and a
            // word one edit away is far more common: then it is taken for a typo of that
            // word (`assocated`, whose stem `assoc` a few RFCs use, for `associated`), as
            // the browser takes every word it has not seen.
            let mut corrections = None;
            if known && surface.chars().count() >= 5 && !self.known(self.fields.words, &surface) {
                let found = self.weighed_corrections(&surface);
                let rare = self.doc_freq(self.fields.body, stem).max(1);
                if found
                    .iter()
                    .any(|(c, _)| self.doc_freq(self.fields.body, c) > 5 * rare)
                {
                    known = false;
                    corrections = Some(found);
                }
            }
            for &f in &targets {
                let boost = if f == self.fields.title { 3.0 } else { 1.0 };
                if corrections.is_none() {
                    alternatives.push(self.term_query(f, stem, boost));
                }
                // An unfinished last word ("opentelem"). A word the archive contains is
                // also the start of longer ones, from four letters on (`postgres`, for
                // `postgresql`): typing on only narrows what is found. Shorter known words
                // are taken as finished, which keeps common words fast.
                let unfinished = if known {
                    surface.chars().count() >= 4
                } else {
                    stem.chars().count() >= 2
                };
                if is_last && unfinished {
                    // A known word goes on as typed, not from its stem: `running` is the
                    // start of `runningly`, not (as `run`) of `runbook`, which widened
                    // what was found as the word was finished.
                    let start = if known { &surface } else { stem };
                    let prefix =
                        FuzzyTermQuery::new_prefix(Term::from_field_text(f, start), 0, false);
                    let prefix: (Occur, Box<dyn Query>) = (
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(prefix), boost * 0.5)),
                    );
                    if known {
                        longer.push(prefix);
                    } else {
                        alternatives.push(prefix);
                    }
                    self.highlight.push((f, start.clone(), Expand::Prefix));
                }
            }
            // One typo, judged on the word as typed: a typo often changes the stem
            // ("conventons" stems to "conventon", "conventions" to "convent").
            if !known && surface.chars().count() >= 4 {
                let corrections = corrections.unwrap_or_else(|| self.weighed_corrections(&surface));
                // A typo is far likelier of a common word than of a rare one one edit
                // away (`chek`: `check`, not `cheek`), and the rare one's weight would
                // put its few RFCs first.
                let most = corrections.iter().map(|&(_, n)| n).max().unwrap_or(0);
                let corrections: Vec<String> = corrections
                    .into_iter()
                    .filter(|&(_, n)| n * 10 >= most)
                    .map(|(c, _)| c)
                    .collect();
                if corrections.is_empty() {
                    self.unknown.push(surface.clone());
                }
                for correction in corrections {
                    for &f in &targets {
                        let boost = if f == self.fields.title { 3.0 } else { 1.0 };
                        alternatives.push(self.term_query(f, &correction, boost * 0.7));
                    }
                }
            } else if !known {
                self.unknown.push(surface.clone());
            }
            // An RFC with the word itself scores as it did before the word could go on: the
            // better of the word and the longer words it starts, not both added (as the
            // browser takes the better of a word's candidates), so that typing on does not
            // reorder the RFCs that have the word.
            let word: Box<dyn Query> = Box::new(BooleanQuery::new(alternatives));
            per_term.push(if longer.is_empty() {
                word
            } else {
                let longer: Box<dyn Query> = Box::new(BooleanQuery::new(longer));
                Box::new(DisjunctionMaxQuery::new(vec![word, longer]))
            });
        }
        Ok(match per_term.len() {
            0 => None,
            1 => per_term.pop(),
            _ => Some(Box::new(BooleanQuery::new(
                per_term.into_iter().map(|q| (Occur::Must, q)).collect(),
            ))),
        })
    }

    /// [`Self::corrections`], each with how many RFCs have it, in the body or, if more,
    /// the title.
    fn weighed_corrections(&mut self, surface: &str) -> Vec<(String, u64)> {
        self.corrections(surface)
            .into_iter()
            .map(|c| {
                let n = self
                    .doc_freq(self.fields.body, &c)
                    .max(self.doc_freq(self.fields.title, &c));
                (c, n)
            })
            .collect()
    }

    /// Stems of the archive's words one edit (insertion, deletion, substitution or swap of
    /// neighbours) from `surface`.
    fn corrections(&mut self, surface: &str) -> Vec<String> {
        let words = near_words(self.searcher, self.fields.words, surface, 1);
        let mut stems: Vec<String> = words
            .iter()
            .map(|w| tokenize::stem(&mut self.stemmer, w))
            .collect();
        stems.sort();
        stems.dedup();
        stems.truncate(16);
        stems
    }

    /// `text` exactly, in a title or a body: no typo forgiven, no longer word for the last
    /// (`ADR044` is not `ADR043` mistyped).
    fn exact(&mut self, text: &str) -> Result<Option<Box<dyn Query>>> {
        let terms = tokenize::positioned(&mut self.analyzer, text);
        match terms.as_slice() {
            [] => Ok(None),
            [(_, term)] => {
                let (title, body) = (self.fields.title, self.fields.body);
                let either = vec![
                    self.term_query(title, term, 3.0),
                    self.term_query(body, term, 1.0),
                ];
                Ok(Some(Box::new(BooleanQuery::new(either))))
            }
            _ => self.phrase(None, text),
        }
    }

    fn phrase(&mut self, field: Option<&str>, text: &str) -> Result<Option<Box<dyn Query>>> {
        let targets = match field {
            Some(name) => match field_of(self.fields, name) {
                Some(targets) => targets,
                None => {
                    self.misspelt_field(name, text)?;
                    return self.phrase(None, &format!("{name} {text}"));
                }
            },
            None => vec![self.fields.title, self.fields.body],
        };
        // A tag or status is one term, matched whole: `tag:"connection pooling"`.
        if targets == [self.fields.tags] || targets == [self.fields.status] {
            return self.word(field, text, false);
        }
        let terms = tokenize::positioned(&mut self.analyzer, text);
        if terms.len() < 2 {
            return self.word(field, text, false);
        }
        let first = terms[0].0;
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &f in &targets {
            let boost = if f == self.fields.title { 3.0 } else { 1.0 };
            // Stop words leave gaps in positions; the phrase keeps them.
            let phrase = PhraseQuery::new_with_offset(
                terms
                    .iter()
                    .map(|(p, t)| (p - first, Term::from_field_text(f, t)))
                    .collect(),
            );
            alternatives.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(phrase), boost)),
            ));
            for (_, t) in &terms {
                self.highlight.push((f, t.clone(), Expand::Exact));
            }
        }
        Ok(Some(Box::new(BooleanQuery::new(alternatives))))
    }
}

/// How many RFCs have `term` in `field`; none when the index cannot say.
fn doc_freq(searcher: &Searcher, field: Field, term: &str) -> u64 {
    searcher
        .doc_freq(&Term::from_field_text(field, term))
        .unwrap_or(0)
}

/// Words of `field` within `max` edits of `word`, the closest and most common first.
fn near_words(searcher: &Searcher, field: Field, word: &str, max: usize) -> Vec<String> {
    let mut found: Vec<(usize, std::cmp::Reverse<u32>, String)> = Vec::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        // Typos rarely touch the first letter: scanning only the words that share it keeps
        // this to a fraction of the dictionary.
        let Some(first) = word.chars().next() else {
            continue;
        };
        let mut start = [0u8; 4];
        let start = first.encode_utf8(&mut start).as_bytes().to_vec();
        let Ok(mut stream) = inverted.terms().range().ge(&start).into_stream() else {
            continue;
        };
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !term.starts_with(first) {
                break;
            }
            if term == word || term.chars().count().abs_diff(word.chars().count()) > max {
                continue;
            }
            let distance = crate::suggest::edit_distance(term, word);
            if distance <= max {
                found.push((
                    distance,
                    std::cmp::Reverse(stream.value().doc_freq),
                    term.to_string(),
                ));
            }
        }
    }
    found.sort();
    found.dedup_by(|a, b| a.2 == b.2);
    found.into_iter().map(|(_, _, w)| w).collect()
}

/// The names `field:` may take (`field_of` also takes `text`, `authors` and `tags`).
const FIELD_NAMES: [&str; 9] = [
    "title",
    "problem",
    "approach",
    "alternatives",
    "rationale",
    "body",
    "author",
    "tag",
    "status",
];

impl<'a> Builder<'a> {
    fn new(fields: &'a Fields, searcher: &'a Searcher) -> Self {
        Builder {
            fields,
            searcher,
            analyzer: tokenize::analyzer(),
            surface: tokenize::surface_analyzer(),
            stemmer: tokenize::stemmer(),
            highlight: Vec::new(),
            unknown: Vec::new(),
        }
    }

    /// The query's own words, phrases and `field:` parts, each of which must match.
    fn parts(&mut self, query: &str) -> Result<Vec<(Occur, Box<dyn Query>)>> {
        let mut clauses = Vec::new();
        for part in parse(query) {
            let q = match &part {
                Part::Word { field, text, last } => self.word(field.as_deref(), text, *last)?,
                Part::Phrase { field, text } => self.phrase(field.as_deref(), text)?,
            };
            if let Some(q) = q {
                clauses.push((Occur::Must, q));
            }
        }
        Ok(clauses)
    }

    /// `--author` filters: each must match, anywhere in a name.
    fn authors(
        &mut self,
        authors: &[String],
        clauses: &mut Vec<(Occur, Box<dyn Query>)>,
    ) -> Result<()> {
        for author in authors {
            if let Some(q) = self.word(Some("authors"), author, false)? {
                clauses.push((Occur::Must, q));
            }
        }
        Ok(())
    }
}

/// Any of `values` (tags or statuses), in any case.
fn any_label(field: Field, values: &[String]) -> (Occur, Box<dyn Query>) {
    let any: Vec<(Occur, Box<dyn Query>)> = values
        .iter()
        .map(|v| {
            let term = Term::from_field_text(field, &v.to_lowercase());
            (
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
            )
        })
        .collect();
    (Occur::Must, Box::new(BooleanQuery::new(any)))
}

/// A failure of the index while it answers. A query tantivy refuses as ill-formed is a bug
/// in how it was built, not damage to the files: rebuilding the index would not help.
fn index_failure(e: tantivy::TantivyError) -> Error {
    use tantivy::TantivyError::{FieldNotFound, InvalidArgument, SchemaError};
    match e {
        SchemaError(_) | InvalidArgument(_) | FieldNotFound(_) => Error::Internal {
            message: format!("the search query could not be run: {e}"),
        },
        e => Error::io(
            "search",
            std::path::Path::new(".rfcbook/index"),
            std::io::Error::other(e.to_string()),
        ),
    }
}

/// Runs a query; `url_of` maps a source path to the page URL of the site.
pub(crate) fn search(
    index: &SearchIndex,
    query: &str,
    filters: &Filters,
    limit: usize,
    url_of: &dyn Fn(&str) -> String,
) -> Result<Results> {
    run(index, query, filters, limit, url_of, false).map(|(results, _)| results)
}

/// [`search`] and the [`Counts`] of its filters, from one building of the query (its typo
/// and prefix parts look words up in the term dictionary).
pub(crate) fn search_with_counts(
    index: &SearchIndex,
    query: &str,
    filters: &Filters,
    limit: usize,
    url_of: &dyn Fn(&str) -> String,
) -> Result<(Results, Counts)> {
    run(index, query, filters, limit, url_of, true)
        .map(|(results, counts)| (results, counts.unwrap_or_default()))
}

fn run(
    index: &SearchIndex,
    query: &str,
    filters: &Filters,
    limit: usize,
    url_of: &dyn Fn(&str) -> String,
    with_counts: bool,
) -> Result<(Results, Option<Counts>)> {
    let fields = &index.fields;
    let searcher = index.reader.searcher();
    let mut builder = Builder::new(fields, &searcher);
    let number = named_number(query, &index.series);
    // "RFC 16" asks for RFC 16 first, then for what mentions 16 (as written: `0016`).
    let words = number.as_ref().map_or(query, |(_, digits)| digits.as_str());
    let mut clauses = builder.parts(words)?;
    if let Some((n, digits)) = &number {
        let named = TermQuery::new(
            Term::from_field_u64(fields.id, *n),
            IndexRecordOption::Basic,
        );
        let mut mentions = BooleanQuery::new(std::mem::take(&mut clauses));
        // Mentions as typed too: `ADR043` is one word in the text that cites it
        // ("We previously decided in ADR043"), which its digits alone do not find.
        // Read by a builder of its own: what the query says of unknown words stays said
        // of the number (no "did you mean `adr043`" for `ADR099`); and exactly: `ADR044`
        // is not `ADR043` with a typo forgiven.
        if query.trim().to_lowercase() != *digits
            && let Ok(Some(typed)) = Builder::new(fields, &searcher).exact(query.trim())
        {
            mentions = BooleanQuery::new(vec![
                (Occur::Should, Box::new(mentions)),
                (Occur::Should, typed),
            ]);
        }
        clauses.push((
            Occur::Must,
            Box::new(BooleanQuery::new(vec![
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(named), 1000.0)),
                ),
                (Occur::Should, Box::new(mentions)),
            ])),
        ));
    }
    let has_text = !clauses.is_empty();
    // No RFC with every word of a question ("why did we choose auth0") found nothing;
    // then the RFCs with the most of them are found instead, as the browser finds them.
    // Not when a word is found nowhere at all: that still matches nothing (and is said).
    // Only words: a phrase or a `field:` part still holds.
    let only_words = parse(words)
        .iter()
        .all(|p| matches!(p, Part::Word { field: None, .. }));
    // A word of several (`throughput-zzz`, `x_y`) is several words here, as the browser
    // splits it; read apart by a builder of their own, so that what the query says of
    // unknown words and highlights stays as typed.
    let apart: Vec<(Occur, Box<dyn Query>)> = if number.is_none() && only_words {
        let spaced: String = words
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c.is_whitespace() {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        if spaced == words {
            clauses.iter().map(|(o, q)| (*o, q.box_clone())).collect()
        } else {
            Builder::new(fields, &searcher).parts(&spaced)?
        }
    } else {
        Vec::new()
    };
    let any_words: Option<Box<dyn Query>> = (apart.len() >= 2).then(|| {
        let any = apart.iter().map(|(_, q)| (Occur::Should, q.box_clone()));
        Box::new(BooleanQuery::new(any.collect())) as Box<dyn Query>
    });
    // Every word, without the filters: whether some RFC has them all, which the filters
    // then left out (no fallback then: "no RFC has every word" would be false).
    let every_word: Option<Box<dyn Query>> = any_words.as_ref().map(|_| {
        let all = clauses.iter().map(|(o, q)| (*o, q.box_clone()));
        Box::new(BooleanQuery::new(all.collect())) as Box<dyn Query>
    });
    let mut authors = Vec::new();
    builder.authors(&filters.authors, &mut authors)?;
    // The counts obey the text and the authors, not the status and tag filters.
    let counted = |text: &[(Occur, Box<dyn Query>)]| -> Result<Option<Counts>> {
        Ok(match (with_counts, has_text) {
            (false, _) => None,
            (true, false) => Some(Counts::default()),
            (true, true) => {
                let unfiltered = text.iter().chain(&authors);
                let unfiltered = unfiltered.map(|(o, q)| (*o, q.box_clone())).collect();
                Some(count(&searcher, unfiltered, filters)?)
            }
        })
    };
    let mut counts = counted(&clauses)?;
    let mut narrowing: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (values, field) in [
        (&filters.statuses, fields.status),
        (&filters.tags, fields.tags),
    ] {
        if !values.is_empty() {
            narrowing.push(any_label(field, values));
        }
    }
    narrowing.extend(authors.iter().map(|(o, q)| (*o, q.box_clone())));
    let with_narrowing = |text: Vec<(Occur, Box<dyn Query>)>| -> Vec<(Occur, Box<dyn Query>)> {
        let narrow = narrowing.iter().map(|(o, q)| (*o, q.box_clone()));
        text.into_iter().chain(narrow).collect()
    };
    let clauses = with_narrowing(clauses);
    if clauses.is_empty() {
        let results = Results {
            total: 0,
            hits: Vec::new(),
            suggestion: None,
            partial: false,
            missing: Vec::new(),
        };
        return Ok((results, counts));
    }
    let query: Box<dyn Query> = if has_text {
        Box::new(BooleanQuery::new(clauses))
    } else {
        // Filters alone: every RFC that passes them.
        let mut all = clauses;
        all.push((Occur::Should, Box::new(tantivy::query::AllQuery)));
        Box::new(BooleanQuery::new(all))
    };
    let map = index_failure;
    // No more hits than documents: the collector makes room for `limit` of them at once
    // (`--limit 18446744073709551615` overflowed).
    let limit = limit.min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
    let collector = (TopDocs::with_limit(limit.max(1)).order_by_score(), Count);
    let (mut top, mut total) = searcher.search(&query, &collector).map_err(map)?;
    let mut partial = false;
    // A word no RFC has leaves the others to go by (a question's `did`): when none of
    // them is known either, nothing matches and a near word is suggested.
    if total == 0
        && let (Some(any), Some(every)) = (any_words, every_word)
        && searcher.search(every.as_ref(), &Count).map_err(map)? == 0
    {
        let any = vec![(Occur::Must, any)];
        counts = counted(&any)?;
        let again = BooleanQuery::new(with_narrowing(any));
        (top, total) = searcher.search(&again, &collector).map_err(map)?;
        partial = total > 0;
    }
    let snippets = snippet_generator(&searcher, fields, &builder.highlight).map_err(map)?;
    let mut hits = Vec::new();
    for (score, address) in top.into_iter().take(limit) {
        let doc: TantivyDocument = searcher.doc(address).map_err(map)?;
        let text = |f: Field| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let path = text(fields.path);
        let body = text(fields.body);
        let snippet = snippets
            .0
            .snippet(window(&body, &snippets.1, &mut builder.analyzer));
        let snippet = if snippet.fragment().is_empty() {
            crate::render::escape_html(&text(fields.excerpt))
        } else {
            snippet.to_html()
        };
        let snippet = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
        hits.push(Hit {
            id: doc
                .get_first(fields.id)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            title: text(fields.title),
            status: text(fields.status),
            url: url_of(&path),
            score,
            snippet,
            path,
        });
    }
    // Nothing found, or found without a word no RFC has: a near word for it.
    let suggestion = if total == 0 || partial {
        builder
            .unknown
            .iter()
            // Two edits from a short word reach unrelated ones (`std`, `see`).
            .find_map(|w| {
                let max = if w.chars().count() <= 4 { 1 } else { 2 };
                near_words(&searcher, fields.words, w, max)
                    .into_iter()
                    .next()
            })
    } else {
        None
    };
    let results = Results {
        total,
        hits,
        suggestion,
        partial,
        missing: if partial {
            builder.unknown.clone()
        } else {
            Vec::new()
        },
    };
    Ok((results, counts))
}

/// The [`Counts`] of the documents `clauses` match. The statuses and tags come from fast
/// fields, so that a common word, which matches most of the archive, reads no stored
/// document.
fn count(
    searcher: &Searcher,
    clauses: Vec<(Occur, Box<dyn Query>)>,
    filters: &Filters,
) -> Result<Counts> {
    let matched = searcher
        .search(&BooleanQuery::new(clauses), &DocSetCollector)
        .map_err(index_failure)?;
    let mut by_segment: BTreeMap<u32, Vec<tantivy::DocId>> = BTreeMap::new();
    for address in matched {
        by_segment
            .entry(address.segment_ord)
            .or_default()
            .push(address.doc_id);
    }
    let chosen = |values: &[String], label: &str| {
        values.is_empty()
            || values
                .iter()
                .any(|v| crate::tags::key(v) == crate::tags::key(label))
    };
    let mut counts = Counts::default();
    // Every counted RFC's tags, each tag once per RFC in any case; named once all are seen.
    let mut tag_uses: Vec<String> = Vec::new();
    for (segment, docs) in by_segment {
        let fast = searcher.segment_reader(segment).fast_fields();
        let statuses = fast.str("status").map_err(index_failure)?;
        let tags = fast.str("tags").map_err(index_failure)?;
        for doc in docs {
            let status = statuses
                .as_ref()
                .and_then(|c| labels(c, doc).into_iter().next())
                .unwrap_or_default();
            let tags = tags.as_ref().map_or(Vec::new(), |c| labels(c, doc));
            let status_chosen = chosen(&filters.statuses, &status);
            let tag_chosen =
                filters.tags.is_empty() || tags.iter().any(|t| chosen(&filters.tags, t));
            if tag_chosen && !status.is_empty() {
                *counts.status.entry(status).or_default() += 1;
            }
            if status_chosen {
                let mut keys = Vec::with_capacity(tags.len());
                for tag in tags {
                    let key = crate::tags::key(&tag);
                    if !keys.contains(&key) {
                        keys.push(key);
                        tag_uses.push(tag);
                    }
                }
            }
        }
    }
    // One tag in any case, named as most of these RFCs write it (`crate::tags`).
    let spellings = crate::tags::Spellings::count(tag_uses.iter().map(String::as_str));
    for tag in &tag_uses {
        *counts
            .tag
            .entry(spellings.name(tag).to_string())
            .or_default() += 1;
    }
    Ok(counts)
}

/// The values of a text fast field for one document.
fn labels(column: &tantivy::columnar::StrColumn, doc: tantivy::DocId) -> Vec<String> {
    column
        .term_ords(doc)
        .filter_map(|ord| {
            let mut text = String::new();
            column.ord_to_str(ord, &mut text).ok()?.then_some(text)
        })
        .collect()
}

/// A snippet generator over the body that highlights exact terms and the terms that the
/// fuzzy and prefix parts matched (tantivy reports only exact ones by itself).
fn snippet_generator(
    searcher: &Searcher,
    fields: &Fields,
    highlight: &[(Field, String, Expand)],
) -> tantivy::Result<(SnippetGenerator, Vec<String>)> {
    let mut terms: BTreeMap<String, f32> = BTreeMap::new();
    for (field, text, expand) in highlight {
        // Title matches show in the title; everything else is part of the body.
        if *field == fields.title || *field == fields.authors {
            continue;
        }
        for term in expand_term(searcher, fields.body, text, *expand)? {
            let freq = searcher.doc_freq(&Term::from_field_text(fields.body, &term))?;
            if freq > 0 {
                terms.insert(term, 1.0 / (1.0 + freq as f32));
            }
        }
    }
    let words: Vec<String> = terms.keys().cloned().collect();
    let mut generator = SnippetGenerator::new(terms, tokenize::analyzer(), fields.body, 160);
    generator.set_max_num_chars(160);
    Ok((generator, words))
}

/// The part of a body around the first place a matched term appears: the snippet
/// generator analyzes all the text it is given, and a long RFC makes that the slowest step
/// of a query.
fn window<'a>(body: &'a str, terms: &[String], analyzer: &mut TextAnalyzer) -> &'a str {
    const BEFORE: usize = 300;
    const AFTER: usize = 700;
    if body.len() <= BEFORE + AFTER {
        return body;
    }
    let at = first_match(body, terms, analyzer).unwrap_or(0);
    let mut start = at.saturating_sub(BEFORE);
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + AFTER).min(body.len());
    while !body.is_char_boundary(end) {
        end += 1;
    }
    &body[start..end]
}

/// Where the first word of `body` whose term is one of `terms` starts, found without
/// analyzing the whole body (a long RFC made that the slowest step of a query). A stem is
/// a prefix of its words, except that English stemming turns a final "y" into "i"
/// (`happi`), so such a stem is looked for without it; a place found is confirmed by
/// analyzing the word there (`whi`, the stem of "why", also starts "which"). A pair of
/// CJK characters is a term wherever it occurs. The body is lower-cased in ASCII only,
/// which keeps every offset its own. A word with an accent or another letter outside
/// ASCII (`café`, `Zürich`, indexed as `cafe`, `zurich`) is not found that way: when
/// nothing is and the body has such letters, its first part is analyzed, whose offsets
/// are the body's own.
fn first_match(body: &str, terms: &[String], analyzer: &mut TextAnalyzer) -> Option<usize> {
    let lower = body.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut best: Option<usize> = None;
    for term in terms {
        let cjk = term.chars().next().is_some_and(tokenize::is_cjk);
        let needle = term
            .strip_suffix('i')
            .filter(|n| !n.is_empty())
            .unwrap_or(term);
        // A match of valid UTF-8 in valid UTF-8 starts on a character boundary.
        let found = memchr::memmem::find_iter(bytes, needle.as_bytes())
            .take_while(|&at| best.is_none_or(|b| at < b))
            .filter(|&at| {
                cjk || !lower[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
            .take(1000)
            .find(|&at| {
                if cjk {
                    return true;
                }
                let end = lower[at..]
                    .find(|c: char| !c.is_alphanumeric())
                    .map_or(lower.len(), |e| at + e);
                tokenize::terms(analyzer, &body[at..end])
                    .first()
                    .is_some_and(|t| terms.contains(t))
            });
        if found.is_some() {
            best = found;
        }
    }
    if best.is_none() && !body.is_ascii() {
        // Enough for any snippet's place, and bounded for a body of megabytes.
        let mut end = body.len().min(32 << 10);
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        let mut stream = analyzer.token_stream(&body[..end]);
        while stream.advance() {
            if terms.contains(&stream.token().text) {
                return Some(stream.token().offset_from);
            }
        }
    }
    best
}

/// The dictionary terms a fuzzy or prefix query on `text` matches.
fn expand_term(
    searcher: &Searcher,
    field: Field,
    text: &str,
    expand: Expand,
) -> tantivy::Result<Vec<String>> {
    if expand == Expand::Exact {
        return Ok(vec![text.to_string()]);
    }
    let Some(first) = text.chars().next() else {
        return Ok(Vec::new());
    };
    let mut out = BTreeSet::new();
    // A prefix's terms are those from it on that start with it; a typo's, any of the
    // first letter's (a walk of thousands of terms, which a prefix does not need).
    let (from, within) = match expand {
        Expand::Prefix => (text.to_string(), text.to_string()),
        _ => (first.to_string(), first.to_string()),
    };
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().range().ge(from.as_bytes()).into_stream()?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !term.starts_with(within.as_str()) {
                break;
            }
            let matches = match expand {
                Expand::Prefix => term.starts_with(text),
                _ => {
                    term.len().abs_diff(text.len()) <= 1
                        && crate::suggest::edit_distance(term, text) <= 1
                }
            };
            if matches {
                out.insert(term.to_string());
            }
            if out.len() > 64 {
                break;
            }
        }
    }
    Ok(out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lower-casing changes some characters' lengths (the ohm sign Ω one byte shorter,
    /// İ one longer, so that together they keep the length while moving the offsets
    /// between them): the offsets found must be the body's own, or slicing it panics.
    #[test]
    fn the_first_match_is_found_at_the_body_s_own_offsets() {
        let mut analyzer = tokenize::analyzer();
        let terms = |t: &[&str]| t.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        let body = "\u{2126} \u{201c}Pooling\u{201d} İ, which is why we are happy in Zürich.";
        assert_eq!(body.to_lowercase().len(), body.len());
        let at = first_match(body, &terms(&["pool"]), &mut analyzer).unwrap();
        assert!(body[at..].starts_with("Pooling"));
        let at = first_match(body, &terms(&["whi"]), &mut analyzer).unwrap();
        assert!(body[at..].starts_with("why"), "not `which`");
        let at = first_match(body, &terms(&["happi"]), &mut analyzer).unwrap();
        assert!(body[at..].starts_with("happy"));
        assert_eq!(first_match(body, &terms(&["kafka"]), &mut analyzer), None);
        let at = first_match(body, &terms(&["zurich"]), &mut analyzer).unwrap();
        assert!(body[at..].starts_with("Zürich"));
        let at = first_match("東京の日本語", &terms(&["日本"]), &mut analyzer).unwrap();
        assert_eq!(at, "東京の".len());
    }

    #[test]
    fn a_query_names_an_rfc_by_its_number() {
        assert_eq!(named_number("RFC 0016", "rfc"), Some((16, "0016".into())));
        for (query, series, number) in [
            ("16", "rfc", Some(16)),
            (" 0016 ", "rfc", Some(16)),
            ("#16", "rfc", Some(16)),
            ("RFC 16", "rfc", Some(16)),
            ("rfc-0016", "rfc", Some(16)),
            ("ADR012", "adr", Some(12)),
            ("EIP-1559", "eip", Some(1559)),
            ("rfc 16", "adr", Some(16)),
            ("bug 12", "rfc", None),
            ("16 17", "rfc", None),
            ("-16", "rfc", None),
            ("title:16", "rfc", None),
            ("rfc", "rfc", None),
            ("99999999999", "rfc", None),
        ] {
            assert_eq!(
                named_number(query, series).map(|(n, _)| n),
                number,
                "{query}"
            );
        }
    }

    #[test]
    fn queries_are_split_into_words_phrases_and_fields() {
        assert_eq!(
            parse("why pgbouncer \"connection pool\" alternatives:kafka ka"),
            vec![
                Part::Word {
                    field: None,
                    text: "why".into(),
                    last: false
                },
                Part::Word {
                    field: None,
                    text: "pgbouncer".into(),
                    last: false
                },
                Part::Phrase {
                    field: None,
                    text: "connection pool".into()
                },
                Part::Word {
                    field: Some("alternatives".into()),
                    text: "kafka".into(),
                    last: false
                },
                Part::Word {
                    field: None,
                    text: "ka".into(),
                    last: true
                },
            ]
        );
        assert_eq!(
            parse("title:\"a b\" "),
            vec![Part::Phrase {
                field: Some("title".into()),
                text: "a b".into()
            }]
        );
        assert_eq!(
            parse("http://x"),
            vec![Part::Word {
                field: Some("http".into()),
                text: "//x".into(),
                last: true
            }]
        );
        assert!(parse("   ").is_empty());
    }
}
