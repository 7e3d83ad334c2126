//! `rfcbook serve` in the browser: a page open while its RFC is saved reloads by itself
//! and shows the change; an error shows in the page until it is fixed.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::json;

use crate::site::copy_dir;
use crate::webdriver::Browser;
use crate::{BACKUPS, RFC2, assert_page, assert_styled};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/site/basic");
const SOURCE: &str = "rfcs/0002-nightly-logical-backups.md";

/// `rfcbook serve --port 0` on a copy of the fixture, stopped when dropped.
struct Served {
    child: Child,
    archive: PathBuf,
    url: String,
}

impl Served {
    fn start(name: &str) -> Served {
        let archive = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser/{name}"));
        let _ = std::fs::remove_dir_all(&archive);
        copy_dir(Path::new(FIXTURE), &archive);
        let mut child = Command::new(env!("CARGO_BIN_EXE_rfcbook"))
            .args(["serve", "--port", "0"])
            .current_dir(&archive)
            .env("RFCBOOK_TODAY", "2026-11-26")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting rfcbook serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("its stdout"))
            .read_line(&mut line)
            .expect("the line naming the address");
        let url = line
            .strip_prefix("serving ")
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_string();
        Served {
            child,
            archive,
            url,
        }
    }

    /// Rewrites the RFC's source, as an editor's save does.
    fn edit(&self, from: &str, to: &str) {
        let path = self.archive.join(SOURCE);
        let text = std::fs::read_to_string(&path).expect("the RFC's source");
        assert!(text.contains(from), "{from:?} is not in {SOURCE}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("saving the RFC");
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn an_open_page_reloads_when_its_rfc_is_saved() {
    let served = Served::start("serve-reload");
    let b = Browser::start();
    let page = format!("{}{RFC2}", served.url);
    b.goto(&page);
    b.wait_for_h1(BACKUPS);
    assert_page(&b, &page);
    // Set on this page only: a reload loses it.
    b.js("window.notReloaded = true; return true;", json!([]));

    served.edit(BACKUPS, "Back up every database hourly");
    b.wait_for_h1("Back up every database hourly");
    assert_eq!(
        b.js("return window.notReloaded === true;", json!([])),
        json!(false)
    );
    assert_page(&b, &page);

    // An error replaces the page until it is fixed; then the RFC is back, where the
    // author was.
    b.cmd("POST", "/window/rect", json!({"width": 400, "height": 500}));
    b.js("window.scrollTo(0, 300); return true;", json!([]));
    served.edit("status: ", "status: not-a-status-");
    b.wait_for_h1("The site was not rebuilt");
    let report = b.wait_for("pre").text();
    assert!(report.contains("error[RFC0110]"), "{report}");
    assert!(report.contains(SOURCE), "{report}");
    assert_no_console_errors_but_503(&b);

    served.edit("status: not-a-status-", "status: ");
    b.wait_for_h1("Back up every database hourly");
    assert_styled(&b);
    b.wait_until(
        "the place on the page kept",
        "return Math.abs(window.scrollY - 300) < 5;",
        json!([]),
    );
}

/// A browser keeps six connections to a host: preview tabs that each held a reload
/// stream open left an eighth tab unable to load. Hidden tabs let theirs go.
#[test]
fn many_tabs_of_the_preview_all_load() {
    let served = Served::start("serve-tabs");
    let b = Browser::start();
    let page = format!("{}{RFC2}", served.url);
    for tab in 0..8 {
        if tab > 0 {
            let opened = b.cmd("POST", "/window/new", json!({ "type": "tab" }));
            let handle = opened["handle"].as_str().expect("a new tab's handle");
            b.cmd("POST", "/window", json!({ "handle": handle }));
        }
        b.goto(&format!("{page}?tab={tab}"));
        b.wait_for_h1(BACKUPS);
    }
    // The tab shown reloads on a save, as a single one does.
    served.edit(BACKUPS, "Back up every database hourly");
    b.wait_for_h1("Back up every database hourly");
}

#[test]
fn served_search_answers_as_rfcbook_search_does() {
    let served = Served::start("serve-search");
    let b = Browser::start();
    b.goto(&format!("{}search.html", served.url));
    b.wait_for_h1("Search");
    // The server's index follows the first build on a thread of its own; until it is
    // ready the page searches its static index.
    b.wait_until(
        "the server's search index",
        "var x = new XMLHttpRequest(); x.open('GET', '/__rfcbook/search?q=x', false); x.send(); return x.status === 200;",
        json!([]),
    );
    let status = b.js(
        "return document.getElementById('search-status').textContent;",
        json!([]),
    );
    assert!(
        status
            .as_str()
            .unwrap_or("")
            .contains("rfcbook serve answers"),
        "{status}"
    );
    let search = |query: &str| {
        b.js(
            "var i = document.getElementById('search-input'); i.value = arguments[0]; i.dispatchEvent(new Event('input'));",
            json!([query]),
        );
    };
    let shown = |what: &str, script: &str| b.wait_until(what, script, json!([]));
    let status_is = |text: &str| {
        shown(
            &format!("the status `{text}`"),
            &format!(
                "return document.getElementById('search-status').textContent === {};",
                json!(text)
            ),
        );
    };
    // A phrase is matched in order: the words reversed, which the static index would
    // find, match nothing.
    search("\"table single\"");
    status_is("No RFC matches.");
    search("\"restore a single table\"");
    status_is("1 RFC matches.");
    let result = shown(
        "the result with its snippet",
        "var r = document.querySelector('#search-results .search-result'); return r && r.innerHTML;",
    );
    let result = result.as_str().unwrap_or("");
    assert!(
        result.contains("href=\"rfcs/0002-nightly-logical-backups.html\""),
        "{result}"
    );
    assert!(result.contains("<mark>restore</mark>"), "{result}");
    // A field (the count is the phrase's too: wait for the title).
    search("title:pgcat");
    shown(
        "the PgCat result",
        "var a = document.querySelectorAll('#search-results .result-title'); return a.length === 1 && a[0].textContent.indexOf('PgCat') !== -1;",
    );
    status_is("1 RFC matches.");
    // Words too common to search for are said so in the page's own words, as without a
    // server (which refuses such a query).
    search("the of");
    status_is("Those words are too common to search for.");
    // The filters count what the server matched, and narrow it.
    search("replica");
    status_is("3 RFCs match.");
    let options = shown(
        "the status filter's choices",
        "var s = document.getElementById('search-status'); var o = document.querySelectorAll('#search-filters select')[0]; return o && Array.from(o.options).map(x => x.textContent).join('|');",
    );
    assert_eq!(options, json!("Any|accepted (2)|proposed (1)"));
    b.js(
        "var s = document.querySelectorAll('#search-filters select')[0]; s.value = 'proposed'; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    status_is("1 RFC matches.");
    let link = shown(
        "the proposed RFC",
        "var a = document.querySelector('#search-results .result-title'); return a && a.getAttribute('href');",
    );
    assert_eq!(link, json!("rfcs/0004-read-replicas-for-reporting.html"));
    assert_no_console_errors_but_503(&b);
}

/// No console errors, but for the 503s the server answers on purpose (the error page,
/// a search before the server's index is ready).
fn assert_no_console_errors_but_503(b: &Browser) {
    let errors: Vec<String> = b
        .console_errors()
        .into_iter()
        .filter(|e| !e.contains("503"))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}
