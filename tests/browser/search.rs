//! The static search of the published site, in Chromium: it finds what `rfcbook search`
//! finds (the relevance suite's queries, expected within the top five), and the page
//! behaves as people expect (results as you type, `/` focuses, the query in the URL,
//! filters with counts, no accessibility violations).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::site;
use crate::webdriver::Browser;

const WORK: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/browser-search");
const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

fn shared(rel: &str) -> PathBuf {
    let path = Path::new(MANIFEST).join("../shared").join(rel);
    assert!(
        path.exists(),
        "{} is needed (shared/ beside the repository)",
        path.display()
    );
    path
}

fn build(archive: &Path, name: &str) -> PathBuf {
    let out = Path::new(WORK).join(name);
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new(env!("CARGO_BIN_EXE_rfcbook"))
        .arg("--root")
        .arg(archive)
        .args(["build", "--out"])
        .arg(&out)
        .env("RFCBOOK_TODAY", "2026-11-26")
        .output()
        .expect("running rfcbook build");
    assert!(
        run.status.success(),
        "build of {name} failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

fn generated_site() -> PathBuf {
    let archive = Path::new(WORK).join("generated-archive");
    let _ = std::fs::remove_dir_all(&archive);
    let run = Command::new(shared("bench/gen-corpus"))
        .arg(&archive)
        .args(["--count", "300", "--seed", "11", "--quiet"])
        .output()
        .expect("running gen-corpus");
    assert!(run.status.success(), "gen-corpus failed");
    build(&archive, "generated-site")
}

fn rust_rfcs_site() -> PathBuf {
    let archive = Path::new(WORK).join("rust-rfcs-archive");
    let _ = std::fs::remove_dir_all(&archive);
    copy(&shared("corpora/rust-rfcs"), &archive);
    std::fs::write(
        archive.join("book.toml"),
        include_str!("../fixtures/relevance/rust-rfcs-site.toml"),
    )
    .expect("writing book.toml");
    build(&archive, "rust-rfcs-site")
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("creating a folder");
    for entry in std::fs::read_dir(from).expect("reading a folder") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copying a file");
        }
    }
}

/// The numbers of the first five results of `query` in the page's search engine.
fn top_five(b: &Browser, query: &Value) -> Vec<u64> {
    let script = format!(
        "var done = arguments[arguments.length - 1]; var q = {query};
         rfcbookSearch.query(q.query, {{ status: (q.status || [])[0] || '', tag: (q.tag || [])[0] || '' }}, function (found) {{
           rfcbookSearch.documents(found.docs.slice(0, 5), function (rows) {{
             done(rows.map(function (r) {{ return Number(r[0]); }}));
           }});
         }});"
    );
    b.js_async(&script)
        .as_array()
        .expect("an array of numbers")
        .iter()
        .map(|v| v.as_u64().unwrap_or(0))
        .collect()
}

fn check_queries(site: &Path, file: &str) {
    let queries: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(MANIFEST)
                .join("tests/fixtures/relevance")
                .join(file),
        )
        .expect("the query file"),
    )
    .expect("valid JSON");
    let b = Browser::start();
    b.goto(&site::file_url(site, "search.html"));
    b.wait_for_h1("Search");
    let mut misses = Vec::new();
    let mut checked = 0;
    for q in queries.as_array().expect("a list") {
        // The static search answers simple queries: words, with status and tag filters.
        // Phrases, `field:` queries and author filters need positions and fields that
        // only the command line's index has (rfcs/0009).
        let text = q["query"].as_str().unwrap_or("");
        if q.get("author").is_some() || text.contains('"') || text.contains(':') {
            continue;
        }
        checked += 1;
        let top = top_five(&b, q);
        let expect = q["expect"].as_u64().expect("an id");
        if !top.contains(&expect) {
            misses.push(format!("{} → expected {expect}, got {top:?}", q["query"]));
        }
    }
    assert!(checked >= 15, "only {checked} queries checked in {file}");
    assert!(
        misses.is_empty(),
        "static search misses in {file}:\n{}",
        misses.join("\n")
    );
}

#[test]
fn static_search_finds_what_the_cli_finds_generated() {
    check_queries(&generated_site(), "generated.json");
}

#[test]
fn static_search_finds_what_the_cli_finds_rust_rfcs() {
    check_queries(&rust_rfcs_site(), "rust-rfcs.json");
}

#[test]
fn search_page_behaves() {
    let site = site::root_site();
    let b = Browser::start();
    b.goto(&format!(
        "{}?q=pgbouncer",
        site::file_url(site, "search.html")
    ));
    b.wait_for_h1("Search");
    // The query in the URL runs on load; results link to RFC pages.
    let first = poll(
        &b,
        "var a = document.querySelector('#search-results a'); return a ? a.getAttribute('href') : null;",
    );
    assert!(first.as_str().unwrap_or("").starts_with("rfcs/"), "{first}");
    let status = b.js(
        "return document.getElementById('search-status').textContent;",
        json!([]),
    );
    assert!(status.as_str().unwrap_or("").contains("match"), "{status}");
    // Filters show counts.
    let options = b.js("return Array.from(document.querySelectorAll('#search-status-filter option, #search-status option')).map(o => o.textContent);", json!([]));
    assert!(options.to_string().contains('('), "{options}");
    // `/` focuses the box; typing updates results and the URL.
    b.js("document.activeElement.blur(); document.body.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true}));", json!([]));
    let focused = b.js("return document.activeElement.id;", json!([]));
    assert_eq!(focused, "search-input");
    b.js(
        "var i = document.getElementById('search-input'); i.value = 'pgca'; i.dispatchEvent(new Event('input'));",
        json!([]),
    );
    let url = poll(
        &b,
        "return location.search.indexOf('q=pgca') !== -1 ? location.search : null;",
    );
    assert!(url.as_str().unwrap_or("").contains("pgca"));
    let titles = poll(
        &b,
        "var t = Array.from(document.querySelectorAll('#search-results .result-title')).map(a => a.textContent).join(' | '); return t.indexOf('PgCat') !== -1 ? t : null;",
    );
    assert!(titles.as_str().unwrap_or("").contains("PgCat"), "{titles}");
    // Accessibility of the search page with results shown.
    let axe = site::axe_source();
    b.js(&axe, json!([]));
    let violations = b.js_async(
        "var done = arguments[arguments.length - 1];
         axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
           done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; }).map(function (v) { return v.id; }));
         });",
    );
    assert_eq!(violations, json!([]), "axe on search.html");
}

/// Polls `script` until it returns something other than null (5 s at most).
fn poll(b: &Browser, script: &str) -> Value {
    for _ in 0..100 {
        let v = b.js(script, json!([]));
        if !v.is_null() {
            return v;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("timed out waiting for: {script}");
}
