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
    site::build(archive, &Path::new(WORK).join(name))
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

/// Built once: several tests read it.
fn rust_rfcs_site() -> PathBuf {
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(build_rust_rfcs_site).clone()
}

fn build_rust_rfcs_site() -> PathBuf {
    let archive = Path::new(WORK).join("rust-rfcs-archive");
    let _ = std::fs::remove_dir_all(&archive);
    site::copy_dir(&shared("corpora/rust-rfcs"), &archive);
    std::fs::write(
        archive.join("book.toml"),
        include_str!("../fixtures/relevance/rust-rfcs-site.toml"),
    )
    .expect("writing book.toml");
    build(&archive, "rust-rfcs-site")
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

/// The keys of the term shards of a built site: surface forms (mapped to a stem) and stems.
/// Decoded here independently of search.js (the format is rfcs/0010's): each shard is
/// one string of space-separated entries, each the number of UTF-16 units it shares with
/// the previous key (in the base-46 digits of the postings), the rest of its key, and a
/// marker: `:` for a stem, `=` or `;` for a surface form.
fn index_keys(site: &Path) -> (Vec<String>, Vec<String>) {
    const DIGITS: &str = "!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    let mut surfaces = Vec::new();
    let mut stems = Vec::new();
    for entry in std::fs::read_dir(site.join("search")).expect("the search folder") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.starts_with("t-") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a shard");
        // rfcbookSearch.loaded("t-N","...");
        let json = &text[text.find("\",\"").expect("a shard's data") + 2
            ..text.rfind(");").expect("the call's end")];
        let entries: String = serde_json::from_str(json).expect("a shard's JSON string");
        let mut previous: Vec<u16> = Vec::new();
        for entry in entries.split(' ') {
            let mut chars = entry.char_indices();
            let mut shared = 0usize;
            let rest = loop {
                let (i, c) = chars.next().expect("a shared length");
                let d = DIGITS.find(c).expect("a digit");
                if d >= 46 {
                    shared = shared * 46 + d - 46;
                } else {
                    shared = shared * 46 + d;
                    break &entry[i + 1..];
                }
            };
            let marker = rest.find([':', '=', ';']).expect("a marker");
            let mut key: Vec<u16> = previous[..shared].to_vec();
            key.extend(rest[..marker].encode_utf16());
            let text = String::from_utf16(&key).expect("a key");
            if rest[marker..].starts_with(':') {
                stems.push(text);
            } else {
                surfaces.push(text);
            }
            previous = key;
        }
    }
    surfaces.sort();
    stems.sort();
    (surfaces, stems)
}

/// Runs `query` for each of `words` in the page's engine; returns, per word, the number
/// of matches (-1 for a stop word) and the first result.
fn run_queries(b: &Browser, words: &[String]) -> Vec<(i64, Option<u64>)> {
    let mut out = Vec::new();
    for batch in words.chunks(1500) {
        let script = format!(
            "var done = arguments[arguments.length - 1]; var words = {}; var out = [];
             var left = words.length;
             words.forEach(function (word, i) {{
               // Stop words are not searched for (a stem may be one: \"will\" of \"willing\").
               if (rfcbookSearch.tokenize(word).length === 0) {{ out[i] = [-1, null]; if (--left === 0) done(out); return; }}
               rfcbookSearch.query(word, {{}}, function (found) {{
                 out[i] = [found.docs.length, found.docs.length ? found.docs[0] : null];
                 if (--left === 0) done(out);
               }});
             }});",
            serde_json::to_string(batch).expect("JSON")
        );
        let answer = b.js_async(&script);
        for pair in answer.as_array().expect("an array") {
            out.push((pair[0].as_i64().unwrap_or(0), pair[1].as_u64()));
        }
    }
    out
}

/// Every word the index has finds an RFC, whichever shards the word and its stem fell in
/// (a surface form and its stem may be far apart in the sorted keys); and a typo in the
/// second letter still finds the word's best RFC.
#[test]
fn every_indexed_word_is_found_also_with_a_typo() {
    let site = rust_rfcs_site();
    let (surfaces, stems) = index_keys(&site);
    assert!(
        surfaces.len() > 1000 && stems.len() > 1000,
        "{} {}",
        surfaces.len(),
        stems.len()
    );
    let b = Browser::start();
    b.goto(&site::file_url(&site, "search.html"));
    b.wait_for_h1("Search");
    // A trailing space: the word is finished, no prefix matching.
    let mut words: Vec<String> = surfaces.iter().map(|w| format!("{w} ")).collect();
    words.extend(stems.iter().step_by(7).map(|w| format!("{w} ")));
    let found = run_queries(&b, &words);
    let lost: Vec<&String> = words
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.0 == 0)
        .map(|(w, _)| w)
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} words find nothing: {:?}",
        lost.len(),
        words.len(),
        &lost[..lost.len().min(20)]
    );

    let known: std::collections::HashSet<&str> =
        surfaces.iter().chain(&stems).map(String::as_str).collect();
    let mut originals = Vec::new();
    let mut typos = Vec::new();
    for w in surfaces
        .iter()
        .filter(|w| w.len() >= 6 && w.bytes().all(|c| c.is_ascii_lowercase()))
        .step_by(40)
    {
        let second = w.as_bytes()[1];
        let replacement = if second == b'x' { 'q' } else { 'x' };
        let typo = format!("{}{replacement}{}", &w[..1], &w[2..]);
        if !known.contains(typo.as_str()) {
            originals.push(format!("{w} "));
            typos.push(format!("{typo} "));
        }
    }
    assert!(typos.len() >= 20, "only {} typos", typos.len());
    let best = run_queries(&b, &originals);
    let corrected = run_queries(&b, &typos);
    let missed: Vec<String> = typos
        .iter()
        .zip(best.iter().zip(&corrected))
        .filter(|(_, (best, typo))| typo.0 == 0 || (best.1 != typo.1 && typo.0 < best.0))
        .map(|(t, (best, typo))| format!("{t}: best {:?}, typo {:?}", best, typo))
        .collect();
    assert!(
        missed.is_empty(),
        "typos in the second letter not forgiven: {missed:?}"
    );
}

/// The first ten results of `rfcbook search` for `query`, by RFC number.
fn cli_top_ten(archive: &Path, query: &str) -> Vec<u64> {
    let run = Command::new(env!("CARGO_BIN_EXE_rfcbook"))
        .arg("--root")
        .arg(archive)
        .args(["search", "--format", "json", "--limit", "10", query])
        .output()
        .expect("running rfcbook search");
    assert!(
        run.status.success(),
        "rfcbook search {query}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let answer: Value = serde_json::from_slice(&run.stdout).expect("JSON from rfcbook search");
    answer["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_u64().expect("an id"))
        .collect()
}

/// For simple queries the browser ranks as the command line does: the command line's
/// first result is in the browser's first three, and the first ten mostly agree.
#[test]
fn static_ranking_agrees_with_the_cli() {
    let site = rust_rfcs_site();
    let archive = Path::new(WORK).join("rust-rfcs-archive");
    let b = Browser::start();
    b.goto(&site::file_url(&site, "search.html"));
    b.wait_for_h1("Search");
    let queries = [
        "lifetimes",
        "generics",
        "async",
        "edition",
        "specialization",
        "variance",
        "pin",
        "council",
        "macros",
        "closures",
        "traits",
        "unsafe",
        "allocator",
        "panic",
        "borrow",
        "const generics",
        "async await",
        "raw identifiers",
    ];
    let mut overlap = 0.0;
    let mut disagreements = Vec::new();
    for query in queries {
        let cli = cli_top_ten(&archive, query);
        let script = format!(
            "var done = arguments[arguments.length - 1];
             rfcbookSearch.query({q}, {{}}, function (found) {{
               rfcbookSearch.documents(found.docs.slice(0, 10), function (rows) {{
                 done(rows.map(function (r) {{ return Number(r[0]); }}));
               }});
             }});",
            q = serde_json::to_string(query).expect("JSON")
        );
        let browser: Vec<u64> = b
            .js_async(&script)
            .as_array()
            .expect("numbers")
            .iter()
            .map(|v| v.as_u64().unwrap_or(0))
            .collect();
        assert!(!cli.is_empty(), "the CLI finds nothing for {query}");
        if !browser.iter().take(3).any(|n| *n == cli[0]) {
            disagreements.push(format!("{query}: CLI {cli:?}, browser {browser:?}"));
        }
        overlap += browser.iter().filter(|n| cli.contains(n)).count() as f64 / cli.len() as f64;
    }
    let mean = overlap / queries.len() as f64;
    assert!(
        disagreements.is_empty(),
        "first results differ:\n{}",
        disagreements.join("\n")
    );
    assert!(
        mean >= 0.8,
        "the first ten agree on only {:.0}% on average",
        mean * 100.0
    );
}

/// An RFC is found by its tags and its authors' names as by its words (RFC 1 says
/// "reliability" only in its tags, Grace Hopper wrote RFCs 2 and 3), as the CLI finds it.
#[test]
fn tags_and_authors_are_words_an_rfc_is_found_by() {
    let site = site::root_site();
    let b = Browser::start();
    b.goto(&site::file_url(site, "search.html"));
    b.wait_for_h1("Search");
    assert_eq!(top_five(&b, &json!({"query": "reliability"})), [1]);
    let mut hopper = top_five(&b, &json!({"query": "hopper"}));
    hopper.sort();
    assert_eq!(hopper, [2, 3]);
}

#[test]
fn search_page_behaves() {
    let site = site::root_site();
    let b = Browser::start();
    // Words that are also names of every JavaScript object's properties are words like
    // any other: absent from this archive, they find nothing (and break nothing).
    b.goto(&site::file_url(site, "search.html"));
    b.wait_for_h1("Search");
    // The page exists to be typed into: its box has focus on arrival.
    assert_eq!(
        b.js("return document.activeElement.id;", json!([])),
        json!("search-input")
    );
    let inherited = run_queries(
        &b,
        &[
            "constructor".into(),
            "constructor ".into(),
            "constructors".into(),
        ],
    );
    assert_eq!(inherited, [(0, None), (0, None), (0, None)]);
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
    // The document files keep only the page's name; the link is the page's URL.
    assert_eq!(
        first.as_str().unwrap_or(""),
        "rfcs/0001-put-pgbouncer-in-front-of-postgres.html",
        "{first}"
    );
    assert!(
        site.join(first.as_str().unwrap_or("-")).is_file(),
        "{first}"
    );
    let status = b.js(
        "return document.getElementById('search-status').textContent;",
        json!([]),
    );
    assert!(status.as_str().unwrap_or("").contains("match"), "{status}");
    // Filters show counts.
    let options = b.js("return Array.from(document.querySelectorAll('#search-filter-status option')).map(o => o.textContent);", json!([]));
    assert!(options.to_string().contains('('), "{options}");
    // Punctuation alone asks for nothing; it is not "too common".
    b.js(
        "var i = document.getElementById('search-input'); i.value = '\\u0022'; i.dispatchEvent(new Event('input'));",
        json!([]),
    );
    let said = poll(
        &b,
        "var t = document.getElementById('search-status').textContent; return t.indexOf('match') === -1 ? t : null;",
    );
    assert_eq!(said, json!("Type to search."));
    // No single-key shortcut (WCAG 2.1.4): `/` is only a key; typing updates results and
    // the URL.
    b.js("document.activeElement.blur(); document.body.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true, cancelable: true}));", json!([]));
    let focused = b.js("return document.activeElement.id;", json!([]));
    assert_ne!(focused, "search-input");
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
    // Filters in a link are taken in any case, as the archive's own names.
    b.goto(&format!(
        "{}?q=pgbouncer&status=ACCEPTED&tag=Database",
        site::file_url(site, "search.html")
    ));
    b.wait_for_h1("Search");
    let chosen = poll(
        &b,
        "var s = document.getElementById('search-filter-status'), t = document.getElementById('search-filter-tag'), r = document.querySelector('#search-results a'); return s && t && r ? [s.value, t.value, r.getAttribute('href')] : null;",
    );
    assert_eq!(
        chosen,
        // RFC 1, the best match unfiltered, is superseded: RFC 3 replaced it.
        json!([
            "accepted",
            "database",
            "rfcs/0003-use-pgcat-for-connection-pooling.html"
        ])
    );
    // Every id once, filters shown: a select named like the status line took its id.
    assert_eq!(crate::repeated_ids(&b), json!([]));
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

/// Types `query` into the search box and waits for the status line to say something
/// other than what it said before; returns it and the results' RFC numbers.
fn search_for(b: &Browser, query: &str) -> (String, Vec<String>) {
    b.js(
        "document.getElementById('search-status').textContent = ''; \
         var i = document.getElementById('search-input'); i.value = arguments[0]; \
         i.dispatchEvent(new Event('input'));",
        json!([query]),
    );
    let said = poll(
        b,
        "var t = document.getElementById('search-status').textContent; return t ? t : null;",
    );
    let numbers = b.js(
        "return Array.from(document.querySelectorAll('#search-results .result-title')).map(a => a.textContent.slice(4, 8));",
        json!([]),
    );
    let numbers = numbers
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    (said.as_str().unwrap().to_string(), numbers)
}

/// What the static page understands of the command line's query language, and what it
/// says when a query cannot match: `tag:`, `status:` and `title:` work; a phrase is
/// searched as its words, and the page says so; an unknown word matches nothing.
#[test]
fn search_page_reads_fields_and_says_what_it_did() {
    let site = site::root_site();
    let b = Browser::start();
    b.goto(&site::file_url(site, "search.html"));
    b.wait_for_h1("Search");
    let (said, found) = search_for(&b, "tag:Database");
    assert_eq!((said.as_str(), found.len()), ("5 RFCs match.", 5));
    let (_, found) = search_for(&b, "pgbouncer");
    assert_eq!(found, ["0001", "0003"]);
    // Typing on only narrows: `back`, a word of 0002, is also the start of `backups`
    // (0001, 0004), until a space says it is finished.
    let (_, mut found) = search_for(&b, "back");
    found.sort();
    assert_eq!(found, ["0001", "0002", "0004"]);
    let (_, found) = search_for(&b, "back ");
    assert_eq!(found, ["0002"]);
    let (_, found) = search_for(&b, "title:pgbouncer");
    assert_eq!(found, ["0001"], "only the RFC with the word in its title");
    let (said, found) = search_for(&b, "pgbouncer status:accepted");
    assert_eq!(
        (said.as_str(), found),
        ("1 RFC matches.", vec!["0003".to_string()])
    );
    let (said, _) = search_for(&b, "\"connection pooling\"");
    assert!(said.contains("a phrase is searched as its words"), "{said}");
    // A query that names an RFC by its number finds it first.
    for query in ["4", "RFC 4", "rfc-0004", "#4"] {
        let (said, found) = search_for(&b, query);
        assert_eq!(
            found.first().map(String::as_str),
            Some("0004"),
            "{query}: {said}"
        );
    }
    // A quoted filter value is no phrase.
    let (said, _) = search_for(&b, "tag:\"database\"");
    assert_eq!(said, "5 RFCs match.");
    // `title:` applies to the word after it, as on the command line: RFC 3 has PgCat in
    // its title and PgBouncer in its body.
    let (_, found) = search_for(&b, "title:pgcat pgbouncer");
    assert_eq!(found, ["0003"]);
    // Fields the static index lacks search their words everywhere, without the name.
    let (_, found) = search_for(&b, "problem:pgbouncer");
    assert_eq!(found, ["0001", "0003"]);
    // A word no RFC has is named, and the others are gone by, as on the command line.
    let (said, found) = search_for(&b, "pgbouncer zzqxv");
    assert_eq!(
        said,
        "No RFC has all of these words (none has \u{201c}zzqxv\u{201d}); 2 RFCs have some of them."
    );
    assert_eq!(found, ["0001", "0003"]);
    let (said, found) = search_for(&b, "zzqxv");
    assert_eq!(said, "No RFC matches. No RFC has \u{201c}zzqxv\u{201d}.");
    // Two typos are not forgiven, but the word meant is suggested, as on the command line.
    let (said, _) = search_for(&b, "pgbounxyr ");
    assert_eq!(
        said,
        "No RFC matches. No RFC has \u{201c}pgbounxyr\u{201d}; did you mean \u{201c}pgbouncer\u{201d}?"
    );
    assert!(found.is_empty());
    let (said, _) = search_for(&b, &"x".repeat(300));
    assert_eq!(said, "No RFC matches.");
    let (said, _) = search_for(&b, "the of and");
    assert_eq!(said, "Those words are too common to search for.");
    // The previous query's filters and counts are not left on screen.
    let shown = b.js(
        "return getComputedStyle(document.getElementById('search-filters')).display;",
        json!([]),
    );
    assert_eq!(shown, json!("none"));
    // A `tag:` in the query is the tag filter's choice, and choosing another replaces it.
    let (_, found) = search_for(&b, "tag:reporting");
    assert_eq!(found, ["0004"]);
    let chosen = b.js(
        "return document.getElementById('search-filter-tag').value;",
        json!([]),
    );
    assert_eq!(chosen, json!("reporting"));
    b.js(
        "var s = document.getElementById('search-filter-tag'); s.value = 'backups'; \
         s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    let after = poll(
        &b,
        "var r = document.querySelector('#search-results .result-title'); \
         return r && r.textContent.indexOf('0002') !== -1 \
           ? [document.getElementById('search-input').value, location.search] : null;",
    );
    assert_eq!(after, json!(["", "?tag=backups"]));
    // That link, opened or shared, lists the same.
    b.goto(&format!(
        "{}?tag=backups",
        site::file_url(site, "search.html")
    ));
    b.wait_for_h1("Search");
    let listed = poll(
        &b,
        "var r = Array.from(document.querySelectorAll('#search-results .result-title')); \
         return r.length ? r.map(a => a.textContent.slice(4, 8)) : null;",
    );
    assert_eq!(listed, json!(["0002"]));
}

/// Text in CJK scripts, written without spaces, is marked where the query's characters
/// occur inside it, and a Latin word run together with it as a word.
#[test]
fn search_page_marks_cjk_matches() {
    let work = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser/cjk");
    let archive = work.join("archive");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(archive.join("rfcs")).expect("the archive folder");
    std::fs::write(
        archive.join("rfcs/0001-nihongo.md"),
        "---\ntitle: PostgreSQLで日本語の検索を速くする\nstatus: accepted\nauthors: [\"Ada\"]\ncreated: 2026-01-01\ndecided: 2026-01-02\n---\n# PostgreSQLで日本語の検索を速くする\n\n## Problem\n\n東京のチームは日本語で書く。\n\n## Approach\n\nA.\n\n## Alternatives\n\nB.\n\n## Rationale\n\nC.\n",
    )
    .expect("the RFC");
    let site = site::build(&archive, &work.join("site"));
    let b = Browser::start();
    b.goto(&format!(
        "{}?q=postgresql%20%E6%97%A5%E6%9C%AC%E8%AA%9E",
        site::file_url(&site, "search.html")
    ));
    b.wait_for_h1("Search");
    let marked = poll(
        &b,
        "var r = document.querySelector('#search-results li'); \
         return r ? Array.from(r.querySelectorAll('mark')).map(m => m.textContent) : null;",
    );
    // A run of both scripts has each part marked its own way.
    assert_eq!(
        marked,
        json!(["PostgreSQL", "日本語", "日本語"]),
        "title and summary"
    );
}

/// Keyboard users keep their place: a filter chosen with the arrow keys keeps the focus,
/// and "Show more" moves it to the first new result.
#[test]
fn search_page_keeps_the_keyboard_focus() {
    let site = rust_rfcs_site();
    let b = Browser::start();
    b.goto(&format!("{}?q=trait", site::file_url(&site, "search.html")));
    b.wait_for_h1("Search");
    poll(
        &b,
        "return document.getElementById('search-filter-status') ? true : null;",
    );
    let select = b.wait_for("#search-filter-status");
    select.send_keys("\u{E015}");
    let kept = poll(
        &b,
        "return location.search.indexOf('status=') !== -1 ? document.activeElement.id : null;",
    );
    assert_eq!(kept, json!("search-filter-status"));
    b.goto(&format!("{}?q=trait", site::file_url(&site, "search.html")));
    b.wait_for("#search-results button.more").click();
    let focused = poll(
        &b,
        "var links = document.querySelectorAll('#search-results .result-title'); \
         return links.length > 10 ? Array.prototype.indexOf.call(links, document.activeElement) : null;",
    );
    assert_eq!(focused, json!(10), "the eleventh result, the first new one");
    // From the box, the down arrow goes to the first result and on through the list; the
    // up arrow from the first comes back to the box; Enter in the box opens the first.
    b.goto(&format!("{}?q=trait", site::file_url(&site, "search.html")));
    poll(
        &b,
        "return document.querySelector('#search-results .result-title') ? true : null;",
    );
    let input = b.wait_for("#search-input");
    input.send_keys("\u{E015}");
    let at = |b: &Browser| {
        b.js(
            "var links = document.querySelectorAll('#search-results .result-title'); \
             return document.activeElement.id || Array.prototype.indexOf.call(links, document.activeElement);",
            json!([]),
        )
    };
    assert_eq!(at(&b), json!(0));
    b.active().send_keys("\u{E015}");
    assert_eq!(at(&b), json!(1));
    b.active().send_keys("\u{E013}");
    b.active().send_keys("\u{E013}");
    assert_eq!(at(&b), json!("search-input"));
    let first = b.js(
        "return document.querySelector('#search-results .result-title').href;",
        json!([]),
    );
    input.send_keys("\u{E007}");
    let opened = poll(
        &b,
        "return location.pathname.indexOf('search.html') === -1 ? location.href : null;",
    );
    assert_eq!(opened, first);
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

/// A typo is read as the common word one edit away, as on the command line
/// (tests/integration/search.rs `a_typo_is_read_as_the_common_word`): `chek` finds the
/// RFCs that check, not first the one with a cheek, whose rarity would weigh most.
#[test]
fn search_page_reads_a_typo_as_the_common_word() {
    let work = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser/typo");
    let archive = work.join("archive");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(archive.join("rfcs")).expect("the archive folder");
    for n in 1..=19 {
        let rationale = match n {
            1..=11 => "We check it twice.",
            19 => "Tongue in cheek.",
            _ => "Other words entirely.",
        };
        std::fs::write(
            archive.join(format!("rfcs/{n:04}-d.md")),
            format!(
                "---\ntitle: Decision {n}\nstatus: accepted\nauthors: [\"Ada\"]\ncreated: 2026-01-01\ndecided: 2026-01-02\n---\n# Decision {n}\n\n## Problem\n\nP.\n\n## Approach\n\nA.\n\n## Alternatives\n\nB.\n\n## Rationale\n\n{rationale}\n"
            ),
        )
        .expect("an RFC");
    }
    let site = site::build(&archive, &work.join("site"));
    let b = Browser::start();
    b.goto(&site::file_url(&site, "search.html"));
    b.wait_for_h1("Search");
    let numbers = |query: &str| -> Vec<String> {
        let rows = b.js_async(&format!(
            "var done = arguments[arguments.length - 1];
             rfcbookSearch.query({}, {{}}, function (found) {{
               rfcbookSearch.documents(found.docs, function (rows) {{
                 done(rows.map(function (r) {{ return r[0]; }}));
               }});
             }});",
            json!(query)
        ));
        rows.as_array()
            .expect("document rows")
            .iter()
            .filter_map(|n| n.as_str().map(String::from))
            .collect()
    };
    let found = numbers("chek ");
    assert_eq!(found.len(), 11, "{found:?}");
    assert!(!found.contains(&"0019".to_string()), "{found:?}");
    // The rare word is still found when it is what was typed.
    assert_eq!(numbers("cheek "), ["0019"]);
}
