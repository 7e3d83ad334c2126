//! Browser tests: the built site in a real headless Chromium, driven over W3C WebDriver.
//!
//! Not part of plain `cargo test` (`test = false` in Cargo.toml): run them with
//! `cargo test --test browser`. They need `chromium` and `chromedriver` on the machine
//! (`apt-get install -y chromium chromium-driver`) and axe-core
//! (`npm install --no-save --prefix target/browser-deps axe-core@4`); `.ci/run` installs
//! both. Nothing here downloads a browser.
//!
//! Each test starts its own chromedriver and Chromium (`webdriver::Browser`) and ends
//! them when it finishes, pass or fail. The fixture `tests/fixtures/site/basic` is built
//! once per run, for `file://` and for a server under `/docs/` (`site`, `server`);
//! `serve` runs `rfcbook serve` on a copy of it and edits an RFC under an open page.

mod search;
mod serve;
mod server;
mod site;
mod webdriver;

use serde_json::{Value, json};

use server::Server;
use webdriver::Browser;

const PGBOUNCER: &str = "Put PgBouncer in front of every Postgres primary";
const BACKUPS: &str = "Back up every database nightly with pg_dump";
const PGCAT: &str = "Use PgCat for connection pooling";
const RFC1: &str = "rfcs/0001-put-pgbouncer-in-front-of-postgres.html";
const RFC2: &str = "rfcs/0002-nightly-logical-backups.html";
const RFC3: &str = "rfcs/0003-use-pgcat-for-connection-pooling.html";

/// Home → a status listing → an RFC → its relations → back, from disk.
#[test]
fn navigation_from_file() {
    let b = Browser::start();
    let site = site::root_site();
    journey(&b, &site::file_url(site, ""));
}

/// The same journey from a server under `/docs/` (`site-url = "/docs/"`), and the 404 page.
#[test]
fn navigation_over_http_under_a_prefix() {
    let server = Server::start(site::docs_site(), "/docs/");
    let b = Browser::start();
    journey(&b, &server.url("/docs/"));

    let missing = "/docs/no/such/page.html";
    let (status, body) = webdriver::http(server.port, "GET", missing, "");
    assert_eq!(status, 404, "a missing page is served with status 404");
    assert!(
        body.contains("Page not found"),
        "the 404 page is served: {body}"
    );

    for (link, h1, page) in [
        ("the list of all RFCs", "All RFCs", "all.html"),
        ("the home page", "Acme RFCs", "index.html"),
    ] {
        b.goto(&server.url(missing));
        b.wait_for_h1("Page not found");
        assert_styled(&b);
        let errors: Vec<_> = b
            .console_errors()
            .into_iter()
            .filter(|e| !(e.contains(missing) && e.contains("404")))
            .collect();
        assert!(
            errors.is_empty(),
            "console errors on the 404 page: {errors:#?}"
        );
        b.wait_for_xpath(&format!("//main//a[normalize-space()='{link}']"))
            .click();
        b.wait_for_h1(h1);
        assert_page(&b, &server.url(&format!("/docs/{page}")));
    }
}

/// In an archive of ADRs, the table's filter finds a row by the number as its pages write
/// it (`ADR-2`, `adr 2`, `ADR002`), and `RFC 2` is just text there.
#[test]
fn table_filter_reads_the_archives_own_word_before_a_number() {
    let archive = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser/adr-archive");
    let _ = std::fs::remove_dir_all(&archive);
    site::copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/basic"),
        &archive,
    );
    std::fs::write(
        archive.join("book.toml"),
        "[book]\ntitle = \"ADRs\"\n[rfc]\nfile-name = \"ADR{id}-{slug}.md\"\nid-digits = 3\n",
    )
    .unwrap();
    // 0002-x.md becomes ADR002-x.md, and so do the links to it.
    let rfcs = archive.join("rfcs");
    let names: Vec<String> = std::fs::read_dir(&rfcs)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    for name in &names {
        let mut text = std::fs::read_to_string(rfcs.join(name)).unwrap();
        for other in &names {
            text = text.replace(other.as_str(), &format!("ADR{}", &other[1..]));
        }
        std::fs::remove_file(rfcs.join(name)).unwrap();
        std::fs::write(rfcs.join(format!("ADR{}", &name[1..])), text).unwrap();
    }
    let site = site::build(
        &archive,
        &std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser/adr-site"),
    );
    let b = Browser::start();
    b.goto(&site::file_url(&site, "all.html"));
    b.wait_for_h1("All RFCs");
    let text = b.wait_for("#filter-text");
    for query in ["ADR-2", "adr 2", "ADR002", "#2"] {
        text.send_keys(query);
        wait_for_rows(&b, &["ADR002"], "1 RFC");
        text.send_keys(&"\u{E003}".repeat(query.len()));
        wait_for_rows(
            &b,
            &["ADR001", "ADR002", "ADR003", "ADR004", "ADR005"],
            "5 RFCs",
        );
    }
    text.send_keys("RFC 2");
    wait_for_rows(&b, &[], "0 RFCs");
}

/// A table of more than 500 RFCs shows the first 500 of its order until "Show all" is
/// pressed (a browser laid ten thousand rows out again on every sort, for seconds): the
/// count says so, a filter and a sort show the first 500 of what they give, and "Show
/// all" shows the rest with the focus on the first new row.
#[test]
fn a_long_table_shows_its_first_rows_until_asked_for_all() {
    let work = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser/long-table");
    let archive = work.join("archive");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(archive.join("rfcs")).unwrap();
    for n in 1..=520 {
        let status = if n % 2 == 0 {
            "accepted\ndecided: 2026-03-02"
        } else {
            "proposed"
        };
        std::fs::write(
            archive.join(format!("rfcs/{n:04}-r{n}.md")),
            format!(
                "---\ntitle: Record {n}\nstatus: {status}\nauthors: [\"Ada <a@x>\"]\n\
                 created: 2026-03-01\n---\n# Record {n}\n\n## Problem\n\np\n\n## Approach\n\na\n\n\
                 ## Alternatives\n\nb\n\n## Rationale\n\nr\n"
            ),
        )
        .unwrap();
    }
    let site = site::build(&archive, &work.join("site"));
    let b = Browser::start();
    b.goto(&site::file_url(&site, "all.html"));
    b.wait_for_h1("All RFCs");
    assert_eq!(
        b.wait_for("#filter-count").text(),
        "520 RFCs, the first 500 shown"
    );
    assert_eq!(visible_rows(&b).len(), 500);
    assert_eq!(visible_rows(&b).last().map(String::as_str), Some("0500"));
    // Sorted the other way: the first 500 of that order.
    let number = b.wait_for("#rfc-table th:first-child button");
    number.click();
    b.wait_until(
        "the table sorted descending",
        "var rows = Array.from(document.querySelectorAll('#rfc-table tbody tr')).filter(r => !r.hidden); \
         return rows.length === 500 && rows[0].cells[0].textContent === '0520' \
           && rows[499].cells[0].textContent === '0021';",
        json!([]),
    );
    // Filtered to fewer than a page: every match shows, and no button.
    b.wait_for("#filter-status").click();
    b.wait_for("#filter-status option[value='accepted']")
        .click();
    b.wait_until(
        "the accepted ones",
        "return document.getElementById('filter-count').textContent === '260 RFCs' \
           && document.getElementById('show-all').hidden;",
        json!([]),
    );
    b.wait_for("#filter-status option[value='']").click();
    let more = b.wait_for("#show-all");
    assert_eq!(more.text(), "Show all 520 RFCs");
    more.click();
    b.wait_until(
        "every row",
        "return document.getElementById('filter-count').textContent === '520 RFCs' \
           && document.getElementById('show-all').hidden;",
        json!([]),
    );
    assert_eq!(visible_rows(&b).len(), 520);
    assert_eq!(
        b.js("return document.activeElement.textContent;", json!([])),
        json!("Record 20")
    );
    assert_no_console_errors(&b);
}

/// all.html: the text and status filters hide rows and update the count; headers sort.
#[test]
fn table_filters_and_sorts() {
    let b = Browser::start();
    b.goto(&site::file_url(site::root_site(), "all.html"));
    b.wait_for_h1("All RFCs");
    // Numbers are written as every other page writes them.
    assert_eq!(visible_rows(&b), ["0001", "0002", "0003", "0004", "0005"]);
    assert_eq!(b.wait_for("#filter-count").text(), "5 RFCs");

    let text = b.wait_for("#filter-text");
    text.send_keys("pgcat");
    wait_for_rows(&b, &["0003"], "1 RFC");
    text.send_keys(&"\u{E003}".repeat("pgcat".len()));
    wait_for_rows(&b, &["0001", "0002", "0003", "0004", "0005"], "5 RFCs");
    // The number as every other page writes it finds the row.
    for query in ["0004", "RFC 4", "#4"] {
        text.send_keys(query);
        wait_for_rows(&b, &["0004"], "1 RFC");
        text.send_keys(&"\u{E003}".repeat(query.len()));
        wait_for_rows(&b, &["0001", "0002", "0003", "0004", "0005"], "5 RFCs");
    }

    b.wait_for("#filter-status").click();
    b.wait_for("#filter-status option[value='accepted']")
        .click();
    wait_for_rows(&b, &["0002", "0003"], "2 RFCs");
    text.send_keys("backup");
    wait_for_rows(&b, &["0002"], "1 RFC");
    text.send_keys(&"\u{E003}".repeat("backup".len()));
    b.wait_for("#filter-status option[value='']").click();
    wait_for_rows(&b, &["0001", "0002", "0003", "0004", "0005"], "5 RFCs");

    let title = b.wait_for_xpath("//table[@id='rfc-table']//th[button[normalize-space()='Title']]");
    let button = b.wait_for_xpath("//table[@id='rfc-table']//th/button[normalize-space()='Title']");
    button.click();
    wait_for_rows(&b, &["0002", "0001", "0004", "0005", "0003"], "5 RFCs");
    assert_eq!(title.attribute("aria-sort").as_deref(), Some("ascending"));
    let number = b.wait_for("#rfc-table th:first-child");
    assert_eq!(
        number.attribute("aria-sort"),
        None,
        "only one column is sorted"
    );
    button.click();
    wait_for_rows(&b, &["0003", "0005", "0004", "0001", "0002"], "5 RFCs");
    assert_eq!(title.attribute("aria-sort").as_deref(), Some("descending"));
    // A row without a decision date is last by "Decided", either way.
    let decided =
        b.wait_for_xpath("//table[@id='rfc-table']//th/button[normalize-space()='Decided']");
    for _ in 0..2 {
        decided.click();
        let last = b.js(
            "var rows = document.querySelectorAll('#rfc-table tbody tr'); \
             return rows[rows.length - 1].cells[4].textContent;",
            json!([]),
        );
        assert_eq!(last, json!(""), "the undecided RFC is last");
    }
    // Tags and authors sort too.
    b.wait_for_xpath("//table[@id='rfc-table']//th/button[normalize-space()='Tags']")
        .click();
    wait_for_rows(&b, &["0003", "0002", "0001", "0004", "0005"], "5 RFCs");
    assert_no_console_errors(&b);

    // A link may name the status in any case.
    b.goto(&format!(
        "{}?status=ACCEPTED",
        site::file_url(site::root_site(), "all.html")
    ));
    b.wait_for_h1("All RFCs");
    wait_for_rows(&b, &["0002", "0003"], "2 RFCs");
    // `?tag=`, as the search page takes it, in any case; its button lets it go.
    b.goto(&format!(
        "{}?tag=Backups",
        site::file_url(site::root_site(), "all.html")
    ));
    b.wait_for_h1("All RFCs");
    wait_for_rows(&b, &["0002"], "1 RFC");
    // Its name begins with the text it shows (voice control finds it by that), the cross
    // is not read, and once it is gone focus is on the filter, not the top of the page.
    let chip = b.js(
        "var c = document.getElementById('filter-tag');
         return [c.getAttribute('aria-label'), c.firstChild.textContent,
                 c.querySelector('[aria-hidden=true]').textContent];",
        json!([]),
    );
    assert_eq!(chip, json!([null, "Tag: backups", " \u{d7}"]));
    b.wait_for("#filter-tag").click();
    wait_for_rows(&b, &["0001", "0002", "0003", "0004", "0005"], "5 RFCs");
    assert_eq!(
        b.js("return document.activeElement.id;", json!([])),
        json!("filter-text")
    );
    b.goto(&format!(
        "{}?status=ACCEPTED",
        site::file_url(site::root_site(), "all.html")
    ));
    b.wait_for_h1("All RFCs");
    // Only statuses some RFC has are offered, with their counts.
    let options = b.js(
        "return Array.from(document.querySelectorAll('#filter-status option')).map(o => o.textContent);",
        json!([]),
    );
    assert_eq!(
        options,
        json!([
            "Any",
            "proposed (1)",
            "accepted (2)",
            "rejected (1)",
            "superseded (1)"
        ])
    );

    // The filter is in the address: it is there again after Back.
    b.goto(&site::file_url(site::root_site(), "all.html"));
    b.wait_for_h1("All RFCs");
    b.wait_for("#filter-text").send_keys("pgcat");
    wait_for_rows(&b, &["0003"], "1 RFC");
    assert!(b.url().ends_with("all.html?q=pgcat"), "{}", b.url());
    b.wait_for_xpath("//table[@id='rfc-table']//a[contains(., 'PgCat')]")
        .click();
    b.wait_for_h1(PGCAT);
    b.back();
    b.wait_for_h1("All RFCs");
    wait_for_rows(&b, &["0003"], "1 RFC");
    let kept = b.js(
        "return document.getElementById('filter-text').value;",
        json!([]),
    );
    assert_eq!(kept, json!("pgcat"));
}

/// With a dark system preference the page is dark; the toggle switches to light and back,
/// and the choice carries over to the next page.
#[test]
fn dark_mode_follows_the_system_and_the_toggle() {
    let b = Browser::start();
    let site = site::root_site();
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    b.goto(&site::file_url(site, "index.html"));
    b.wait_for_h1("Acme RFCs");
    let background = body_luminance(&b);
    assert!(background < 0.1, "body luminance {background} in dark mode");

    let toggle = b.wait_for("#Theme-toggle");
    // The toggle says whether dark mode is on.
    assert_eq!(toggle.attribute("aria-pressed").as_deref(), Some("true"));
    for theme in ["light", "dark", "light"] {
        toggle.click();
        wait_for_theme(&b, theme);
        let pressed = (theme == "dark").to_string();
        assert_eq!(toggle.attribute("aria-pressed"), Some(pressed));
    }
    b.goto(&site::file_url(site, RFC1));
    b.wait_for_h1(PGBOUNCER);
    wait_for_theme(&b, "light");
    assert_no_console_errors(&b);
}

/// At 360 px the page never scrolls sideways; wide tables and code scroll in their own box.
#[test]
fn no_horizontal_scroll_at_360px() {
    let b = Browser::start();
    let site = site::root_site();
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": true}),
    );
    let mut problems = Vec::new();
    for (page, h1) in [
        ("index.html", "Acme RFCs"),
        (RFC2, BACKUPS),
        (RFC3, PGCAT),
        ("status/accepted.html", "Status: accepted"),
        ("all.html", "All RFCs"),
    ] {
        b.goto(&site::file_url(site, page));
        b.wait_for_h1(h1);
        let m = b.js(
            "var d = document.documentElement, w = d.clientWidth;
             var wide = Array.prototype.filter.call(document.querySelectorAll('body *'), function (e) {
               var r = e.getBoundingClientRect(); return r.width > 0 && r.right > w + 0.5;
             }).slice(0, 8).map(function (e) { return e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''); });
             return {scroll: d.scrollWidth, client: w, inner: window.innerWidth, wide: wide};",
            json!([]),
        );
        assert_eq!(m["inner"], 360, "the viewport is 360 px wide on {page}");
        if m["scroll"].as_f64() > m["client"].as_f64() {
            problems.push(format!(
                "{page}: scrollWidth {} > {} px; too wide: {}",
                m["scroll"], m["client"], m["wide"]
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "horizontal page scroll at 360 px:\n{}",
        problems.join("\n")
    );

    // The fixture's wide table and long code line really are wider than the screen.
    for (page, h1, css) in [
        (RFC2, BACKUPS, ".content .table-scroll"),
        (RFC3, PGCAT, ".content pre"),
    ] {
        b.goto(&site::file_url(site, page));
        b.wait_for_h1(h1);
        let scrolls = b.js(
            "var e = document.querySelector(arguments[0]);
             return [e.scrollWidth > e.clientWidth, e.tabIndex, e.getAttribute('role'), e.getAttribute('aria-label')];",
            json!([css]),
        );
        // A box that scrolls can be focused, and is a region named for where it is.
        assert_eq!(
            scrolls[0], true,
            "`{css}` on {page} scrolls inside its own box"
        );
        assert_eq!(scrolls[1], 0, "`{css}` on {page}: {scrolls}");
        assert_eq!(scrolls[2], "region", "`{css}` on {page}: {scrolls}");
        let name = scrolls[3].as_str().unwrap_or_default();
        assert!(
            name.starts_with("Table in ") || name.starts_with("Code in "),
            "`{css}` on {page}: {scrolls}"
        );
    }
    // The table keeps every column on a phone, scrolling in its box: a hidden column's
    // text still matched the filter, unseen.
    b.goto(&site::file_url(site, "all.html"));
    b.wait_for_h1("All RFCs");
    assert_ne!(display(&b, "#rfc-table td:nth-child(7)"), "none");
    // Titles wrap: the number and the whole title are in sight without scrolling (a
    // title was one line as wide as the screen, and the status 800 px off to the right).
    let right = b.js(
        "return Math.max.apply(null, Array.from(document.querySelectorAll('#rfc-table td:nth-child(2)'))
           .map(td => td.getBoundingClientRect().right));",
        json!([]),
    );
    assert!(
        right.as_f64().is_some_and(|r| r > 0.0 && r <= 360.0),
        "the title column ends at {right} px on a 360 px screen"
    );
    // A box that fits is no tab stop.
    b.cdp("Emulation.clearDeviceMetricsOverride", json!({}));
    b.goto(&site::file_url(site, RFC2));
    b.wait_for_h1(BACKUPS);
    let fitting = b.js(
        "return Array.from(document.querySelectorAll('.content pre, .content .table-scroll'))
           .filter(e => e.scrollWidth <= e.clientWidth).map(e => e.hasAttribute('tabindex'));",
        json!([]),
    );
    assert!(
        fitting
            .as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(|t| t == false)),
        "{fitting}"
    );
}

/// In print, the site header, the TOC and the other navigation are hidden.
#[test]
fn print_hides_navigation() {
    let b = Browser::start();
    b.goto(&site::file_url(site::root_site(), RFC1));
    b.wait_for_h1(PGBOUNCER);
    let hidden = [
        ".site-header",
        ".toc",
        ".site-footer",
        ".prev-next",
        "#Theme-toggle",
    ];
    for css in hidden {
        assert_ne!(display(&b, css), "none", "`{css}` shows on screen");
    }
    b.cdp("Emulation.setEmulatedMedia", json!({"media": "print"}));
    b.wait_until(
        "print media",
        "return matchMedia('print').matches;",
        json!([]),
    );
    for css in hidden {
        assert_eq!(display(&b, css), "none", "`{css}` is hidden in print");
    }
    for css in ["h1", ".content", ".banner", ".relations"] {
        assert_ne!(display(&b, css), "none", "`{css}` is printed");
    }
    // Paper does not scroll: a wide table is laid out on the page, its cells wrapping.
    b.goto(&site::file_url(site::root_site(), RFC2));
    b.wait_for_h1(BACKUPS);
    let overflow = b.js(
        "return getComputedStyle(document.querySelector('.content .table-scroll')).overflowX;",
        json!([]),
    );
    assert_eq!(overflow, json!("visible"));
    // Words and dates stay whole on paper: the table's headers and dates are one line
    // each (a column may not shrink to one letter).
    b.goto(&site::file_url(site::root_site(), "all.html"));
    b.wait_for_h1("All RFCs");
    let broken = b.js(
        "return Array.from(document.querySelectorAll('#rfc-table thead th, #rfc-table tbody td:nth-child(4), #rfc-table tbody td:nth-child(5)'))
           .filter(function (cell) {
             var walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), text, lines = new Set();
             while ((text = walk.nextNode())) {
               if (!text.textContent.trim()) continue;
               var r = document.createRange(); r.selectNodeContents(text);
               Array.from(r.getClientRects()).forEach(function (q) { lines.add(Math.round(q.top)); });
             }
             return lines.size > 1;
           }).map(function (cell) { return cell.textContent; });",
        json!([]),
    );
    assert_eq!(broken, json!([]), "cells broken over lines in print");
    b.goto(&site::file_url(site::root_site(), RFC1));
    b.wait_for_h1(PGBOUNCER);
    // Paper is white: a dark screen palette does not print, nor do its badge colours.
    b.js(
        "document.documentElement.dataset.theme = 'dark';",
        json!([]),
    );
    let paper = body_luminance(&b);
    assert!(
        paper > 0.9,
        "body luminance {paper} in print with the dark theme"
    );
    let badge = "return getComputedStyle(document.querySelector('.badge')).color;";
    let dark = b.js(badge, json!([]));
    b.js(
        "document.documentElement.dataset.theme = 'light';",
        json!([]),
    );
    let light = b.js(badge, json!([]));
    assert_eq!(dark, light, "a badge keeps its dark colour in print");
}

/// axe-core finds no serious or critical violation on the main kinds of page, in the
/// light and the dark palette.
#[test]
fn axe_finds_no_serious_violations() {
    let axe = site::axe_source();
    let b = Browser::start();
    let site = site::root_site();
    let mut failures = Vec::new();
    for (page, h1) in [
        ("index.html", "Acme RFCs"),
        (RFC1, PGBOUNCER),
        (RFC3, PGCAT),
        ("tags/database.html", "Tag: database"),
        ("all.html", "All RFCs"),
        ("graph.html", "Relations"),
    ] {
        b.goto(&site::file_url(site, page));
        b.wait_for_h1(h1);
        let repeated = repeated_ids(&b);
        if repeated != json!([]) {
            failures.push(format!("{page}: ids used twice: {repeated}"));
        }
        for scheme in ["light", "dark"] {
            b.cdp(
                "Emulation.setEmulatedMedia",
                json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
            );
            for v in axe_violations(&b, &axe) {
                let impact = v["impact"].as_str().unwrap_or("?");
                let line = format!(
                    "{page} ({scheme}): [{impact}] {}: {}\n{}",
                    v["id"],
                    v["help"],
                    nodes(&v)
                );
                if matches!(impact, "serious" | "critical") {
                    failures.push(line);
                } else {
                    eprintln!("axe, not failing: {line}");
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "axe-core violations:\n{}",
        failures.join("\n")
    );
}

/// An RFC page's neighbourhood graph is a picture (rfcs/0012), but with scripts its nodes
/// lead where the relation lists beside it do, and name their RFC on hover.
#[test]
fn neighbourhood_graph_nodes_follow_the_relation_links() {
    let b = Browser::start();
    let site = site::root_site();
    b.goto(&site::file_url(site, RFC1));
    b.wait_for_h1(PGBOUNCER);
    let node = |number: &str| {
        format!(
            "//section[contains(@class,'neighbourhood')]//*[local-name()='text' and \
             normalize-space()='{number}']/preceding-sibling::*[local-name()='rect'][1]"
        )
    };
    let linked = format!("{}[contains(@class,'linked')]", node("3"));
    let box3 = b.wait_for_xpath(&linked);
    let hover = b.js(
        "return document.evaluate(arguments[0], document, null, 9, null)\
         .singleNodeValue.querySelector('title').textContent",
        json!([linked]),
    );
    assert_eq!(hover, json!(format!("0003 {PGCAT}")));
    // The graph has a row of its own below the lists: in a column of theirs, a graph of
    // ten relations showed a third of itself.
    let widths = b.js(
        "const g = document.querySelector('.relations .neighbourhood');\
         const lists = document.querySelector('.relations');\
         return [Math.round(g.getBoundingClientRect().width), lists.clientWidth]",
        json!([]),
    );
    assert_eq!(widths[0], widths[1], "graph and relations widths: {widths}");
    let current = b.wait_for_xpath(&node("1"));
    assert_eq!(
        current.attribute("class"),
        None,
        "the RFC's own node leads nowhere"
    );
    box3.click();
    b.wait_for_h1(PGCAT);
    assert_page(&b, &site::file_url(site, RFC3));
}

/// The home page's ages are counted on the day of the build (2026-11-26 here: RFC 4,
/// created 2026-11-02, is 24 days old); read on a later day, the page counts them again.
/// The browser's clock is set to 2027-01-15, 74 days after RFC 4 was created and past
/// the 28 days after which it is stale.
#[test]
fn home_page_ages_are_counted_on_the_day_it_is_read() {
    let b = Browser::start();
    let site = site::root_site();
    let built = std::fs::read_to_string(site.join("index.html")).expect("the home page");
    assert!(
        built.contains("<span class=\"age\">24 days</span>"),
        "the build counts from its own day: {built}"
    );
    set_clock(&b, "2027, 0, 15");
    b.goto(&site::file_url(site, "index.html"));
    b.wait_for_h1("Acme RFCs");
    let item = b.wait_for_xpath("//li[@data-created='2026-11-02']");
    assert_eq!(item.attribute("class").as_deref(), Some("stale"));
    let age = b.wait_for_xpath("//li[@data-created='2026-11-02']/span[@class='age']");
    assert_eq!(age.text(), "74 days · stale");
    assert_no_console_errors(&b);
}

/// Sets the page's clock: every `new Date()` without arguments, and `Date.now()`, is noon
/// UTC on `ymd` (`"2027, 0, 15"`: the month counted from 0, as `Date.UTC` takes it), in
/// the UTC time zone.
fn set_clock(b: &Browser, ymd: &str) {
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": format!("(function () {{ var Real = Date, fixed = Real.UTC({ymd}, 12); \
            function Fixed() {{ return arguments.length ? new (Function.prototype.bind.apply(Real, [null].concat([].slice.call(arguments))))() : new Real(fixed); }} \
            Fixed.UTC = Real.UTC; Fixed.parse = Real.parse; Fixed.now = function () {{ return fixed; }}; \
            Fixed.prototype = Real.prototype; Date = Fixed; }})();")}),
    );
    b.cdp(
        "Emulation.setTimezoneOverride",
        json!({"timezoneId": "UTC"}),
    );
}

/// Read on a day before an open proposal's `created` (a clock set back, or a date typed
/// ahead, which `check` warns of), its age is no number of days below zero.
#[test]
fn home_page_ages_are_never_below_zero() {
    let b = Browser::start();
    let site = site::root_site();
    // A month before RFC 4 was created.
    set_clock(&b, "2026, 9, 1");
    b.goto(&site::file_url(site, "index.html"));
    b.wait_for_h1("Acme RFCs");
    let age = b.wait_for_xpath("//li[@data-created='2026-11-02']/span[@class='age']");
    assert_eq!(age.text(), "0 days");
    assert_no_console_errors(&b);
}

/// A link to a heading written as the heading is (`#Rationale`) finds its lower-case
/// anchor, as on GitHub: the page scrolls to it.
#[test]
fn an_anchor_in_another_case_finds_its_heading() {
    let b = Browser::start();
    b.cmd("POST", "/window/rect", json!({"width": 400, "height": 300}));
    let site = site::root_site();
    b.goto(&format!("{}#Rationale", site::file_url(site, RFC1)));
    b.wait_for_h1(PGBOUNCER);
    b.wait_until(
        "the page to scroll to the Rationale heading",
        "var top = document.getElementById('rationale').getBoundingClientRect().top; \
         return window.scrollY > 0 && Math.abs(top) < 2;",
        json!([]),
    );
    assert_no_console_errors(&b);
}

/// The shared journey; `base` is the site root URL ending in `/`.
fn journey(b: &Browser, base: &str) {
    b.goto(&format!("{base}index.html"));
    b.wait_for_h1("Acme RFCs");
    assert_page(b, &format!("{base}index.html"));

    b.wait_for_xpath("//ul[contains(@class,'counts')]//a[contains(., 'superseded')]")
        .click();
    b.wait_for_h1("Status: superseded");
    assert_page(b, &format!("{base}status/superseded.html"));

    b.wait_for_xpath(&format!(
        "//ul[contains(@class,'rfc-list')]//a[contains(., '{PGBOUNCER}')]"
    ))
    .click();
    b.wait_for_h1(PGBOUNCER);
    assert_page(b, &format!("{base}{RFC1}"));

    relation(b, "Superseded by", PGCAT).click();
    b.wait_for_h1(PGCAT);
    assert_page(b, &format!("{base}{RFC3}"));

    b.back();
    b.wait_for_h1(PGBOUNCER);
    assert_page(b, &format!("{base}{RFC1}"));

    relation(b, "Related", BACKUPS).click();
    b.wait_for_h1(BACKUPS);
    assert_page(b, &format!("{base}{RFC2}"));
}

/// The link to the RFC titled `title` in the relations aside's section `heading`.
#[track_caller]
fn relation<'b>(b: &'b Browser, heading: &str, title: &str) -> webdriver::Element<'b> {
    b.wait_for_xpath(&format!(
        "//aside[contains(@class,'relations')]//section[h2[normalize-space()='{heading}']]\
         //a[contains(., '{title}')]"
    ))
}

#[track_caller]
fn assert_page(b: &Browser, url: &str) {
    assert_eq!(b.url(), url);
    assert_styled(b);
    assert_no_console_errors(b);
}

/// The stylesheet loaded: the header is a flex row only with style.css.
#[track_caller]
fn assert_styled(b: &Browser) {
    assert_eq!(
        display(b, ".site-header"),
        "flex",
        "style.css applies on {}",
        b.url()
    );
}

#[track_caller]
fn assert_no_console_errors(b: &Browser) {
    let errors = b.console_errors();
    assert!(
        errors.is_empty(),
        "console errors on {}: {errors:#?}",
        b.url()
    );
}

#[track_caller]
fn display(b: &Browser, css: &str) -> String {
    let value = b.js(
        "var e = document.querySelector(arguments[0]); return e && getComputedStyle(e).display;",
        json!([css]),
    );
    value
        .as_str()
        .unwrap_or_else(|| panic!("no `{css}` on {}", b.url()))
        .to_owned()
}

/// The ids (first cell) of the table rows that are displayed, in order.
fn visible_rows(b: &Browser) -> Vec<String> {
    let ids = b.js(
        "return Array.prototype.filter.call(document.querySelectorAll('#rfc-table tbody tr'),
           function (r) { return r.getClientRects().length > 0; })
           .map(function (r) { return r.cells[0].textContent.trim(); });",
        json!([]),
    );
    serde_json::from_value(ids).expect("a list of ids")
}

#[track_caller]
fn wait_for_rows(b: &Browser, ids: &[&str], count: &str) {
    b.wait_until(
        &format!("rows {ids:?} and the count `{count}`"),
        "var shown = Array.prototype.filter.call(document.querySelectorAll('#rfc-table tbody tr'),
           function (r) { return r.getClientRects().length > 0; })
           .map(function (r) { return r.cells[0].textContent.trim(); });
         return JSON.stringify(shown) === JSON.stringify(arguments[0])
           && document.getElementById('filter-count').textContent.trim() === arguments[1];",
        json!([ids, count]),
    );
}

#[track_caller]
fn wait_for_theme(b: &Browser, theme: &str) {
    b.wait_until(
        &format!("data-theme={theme}"),
        "return document.documentElement.dataset.theme === arguments[0];",
        json!([theme]),
    );
    let luminance = body_luminance(b);
    match theme {
        "dark" => assert!(luminance < 0.1, "body luminance {luminance} in dark mode"),
        _ => assert!(luminance > 0.9, "body luminance {luminance} in light mode"),
    }
}

/// WCAG relative luminance of the body's computed background colour.
fn body_luminance(b: &Browser) -> f64 {
    let color = b.js(
        "return getComputedStyle(document.body).backgroundColor;",
        json!([]),
    );
    let color = color.as_str().unwrap_or_default();
    let channels: Vec<f64> = color
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    assert!(channels.len() >= 3, "an rgb() background, got `{color}`");
    let linear = |c: f64| {
        let c = c / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(channels[0]) + 0.7152 * linear(channels[1]) + 0.0722 * linear(channels[2])
}

/// The ids the open page uses more than once: axe calls a repeated id minor, but a label
/// or a script then finds the wrong element.
pub(crate) fn repeated_ids(b: &Browser) -> Value {
    b.js("var seen = {}, twice = []; document.querySelectorAll('[id]').forEach(function (e) { if (seen[e.id]) twice.push(e.id); seen[e.id] = true; }); return twice;", json!([]))
}

/// Injects axe-core into the page and returns `axe.run()`'s violations.
fn axe_violations(b: &Browser, axe: &str) -> Vec<Value> {
    let loaded = b.js(
        "if (!window.axe) { var s = document.createElement('script'); s.textContent = arguments[0];
           document.head.appendChild(s); }
         return typeof window.axe;",
        json!([axe]),
    );
    assert_eq!(loaded, "object", "axe-core loads on {}", b.url());
    let result = b.js_async(
        "var done = arguments[arguments.length - 1];
         axe.run(document, {resultTypes: ['violations']}).then(function (r) {
           done(r.violations.map(function (v) {
             return {id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
               nodes: v.nodes.map(function (n) {
                 return {target: n.target, html: n.html, summary: n.failureSummary}; })};
           }));
         }, function (e) { done({error: String(e)}); });",
    );
    match result {
        Value::Array(violations) => violations,
        other => panic!("axe.run failed on {}: {other}", b.url()),
    }
}

fn nodes(violation: &Value) -> String {
    let mut out = String::new();
    for n in violation["nodes"].as_array().into_iter().flatten() {
        out.push_str(&format!(
            "    at {} {}\n      {}\n",
            n["target"],
            n["html"].as_str().unwrap_or_default(),
            n["summary"]
                .as_str()
                .unwrap_or_default()
                .replace('\n', "\n      ")
        ));
    }
    out
}
