//! Relevance: queries a person would type, each with THE RFC they are looking for, run with
//! `rfcbook search --limit 3` over two archives: the synthetic one `gen-corpus` writes and
//! the Rust RFCs (`../shared`). A query passes when its RFC is among the three hits. All
//! misses are collected and reported together, with what came back instead.
//!
//! The queries live in `tests/fixtures/relevance/*.json`:
//! `{"query", "expect", "status"?, "tag"?, "author"?, "why"}`.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::harness::{Archive, fixtures, manifest_dir};

/// How many hits a person reads before giving up.
const LIMIT: &str = "3";

/// One query of a fixture file.
struct Query {
    query: String,
    expect: u64,
    statuses: Vec<String>,
    tags: Vec<String>,
    authors: Vec<String>,
    why: String,
}

impl Query {
    /// The query as typed on the command line, filters included.
    fn describe(&self) -> String {
        let mut out = format!("`{}`", self.query);
        for (option, values) in [
            ("--status", &self.statuses),
            ("--tag", &self.tags),
            ("--author", &self.authors),
        ] {
            for v in values {
                out.push_str(&format!(" {option} {v:?}"));
            }
        }
        out
    }
}

/// The queries of `tests/fixtures/relevance/NAME.json`, checked for shape.
#[track_caller]
fn queries(name: &str, at_least: usize) -> Vec<Query> {
    let path = fixtures().join("relevance").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    let list = json
        .as_array()
        .unwrap_or_else(|| panic!("{} is not an array", path.display()));
    let strings = |entry: &Value, key: &str| -> Vec<String> {
        match &entry[key] {
            Value::Null => Vec::new(),
            Value::Array(items) => items
                .iter()
                .map(|v| {
                    v.as_str()
                        .unwrap_or_else(|| panic!("{name}: `{key}` holds a non-string: {entry}"))
                        .to_string()
                })
                .collect(),
            _ => panic!("{name}: `{key}` is not a list of strings: {entry}"),
        }
    };
    let out: Vec<Query> = list
        .iter()
        .map(|entry| {
            let text = |key: &str| {
                entry[key]
                    .as_str()
                    .filter(|s| !s.trim().is_empty())
                    .unwrap_or_else(|| panic!("{name}: `{key}` is missing or empty: {entry}"))
                    .to_string()
            };
            Query {
                query: text("query"),
                expect: entry["expect"]
                    .as_u64()
                    .unwrap_or_else(|| panic!("{name}: `expect` is not an RFC number: {entry}")),
                statuses: strings(entry, "status"),
                tags: strings(entry, "tag"),
                authors: strings(entry, "author"),
                why: text("why"),
            }
        })
        .collect();
    assert!(
        out.len() >= at_least,
        "{name}: {} queries, fewer than {at_least}",
        out.len()
    );
    out
}

/// A path under `../shared`, or `None` (skip) when it is absent outside CI.
fn shared(rel: &str) -> Option<PathBuf> {
    let path = manifest_dir().join("../shared").join(rel);
    if path.exists() {
        return Some(path);
    }
    // CI always has shared/ beside the clone; a missing file there is a failure.
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing in CI",
        path.display()
    );
    eprintln!("skipping: {} not found", path.display());
    None
}

/// Runs every query against one archive (the first run builds the index, the others reuse
/// it) and fails once, listing every query whose RFC was not among the hits.
fn assert_found(archive: &Archive, name: &str, queries: &[Query]) {
    let mut misses = Vec::new();
    for q in queries {
        let mut args = vec![
            "search",
            q.query.as_str(),
            "--format",
            "json",
            "--limit",
            LIMIT,
        ];
        for (option, values) in [
            ("--status", &q.statuses),
            ("--tag", &q.tags),
            ("--author", &q.authors),
        ] {
            for v in values {
                args.push(option);
                args.push(v);
            }
        }
        let run = archive.run(&args);
        run.no_panic();
        if run.code != 0 {
            misses.push(format!(
                "{} → RFC {} ({}): exit status {}\n    {}",
                q.describe(),
                q.expect,
                q.why,
                run.code,
                run.stderr.trim()
            ));
            continue;
        }
        let json = run.json();
        let hits = json["hits"].as_array().cloned().unwrap_or_default();
        if hits.iter().any(|h| h["id"].as_u64() == Some(q.expect)) {
            continue;
        }
        let mut miss = format!(
            "{} → RFC {} ({})\n    got {} hit(s) of {}:",
            q.describe(),
            q.expect,
            q.why,
            hits.len(),
            json["total"]
        );
        for (rank, h) in hits.iter().enumerate() {
            miss.push_str(&format!(
                "\n    {}. RFC {} {:?} score {:.2} ({})",
                rank + 1,
                h["id"],
                h["title"].as_str().unwrap_or(""),
                h["score"].as_f64().unwrap_or(0.0),
                h["url"].as_str().unwrap_or("")
            ));
        }
        misses.push(miss);
    }
    assert!(
        misses.is_empty(),
        "{} of {} queries of {name}.json missed their RFC (not in the top {LIMIT}):\n\n{}\n",
        misses.len(),
        queries.len(),
        misses.join("\n\n")
    );
}

#[test]
fn generated_archive() {
    let queries = queries("generated", 20);
    let Some(generator) = shared("bench/gen-corpus") else {
        return;
    };
    let archive = Archive::empty();
    // The same arguments as the fixture was written for: the output is deterministic.
    let out = Command::new(&generator)
        .arg(archive.path())
        .args(["--count", "300", "--seed", "11", "--quiet"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", generator.display()));
    assert!(
        out.status.success(),
        "gen-corpus failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_found(&archive, "generated", &queries);
}

#[test]
fn rust_rfcs() {
    let queries = queries("rust-rfcs", 12);
    let Some(corpus) = shared("corpora/rust-rfcs") else {
        return;
    };
    let archive = Archive::from(&corpus);
    archive.write(
        "book.toml",
        include_str!("../fixtures/corpora/rust-rfcs.toml"),
    );
    assert_found(&archive, "rust-rfcs", &queries);
}
