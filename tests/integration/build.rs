//! `rfcbook build`: the site's files, their content, and the properties a publisher relies
//! on (validation first, atomic replacement, determinism, sanitised HTML).

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::{Archive, codes, fixtures, golden, rfc, rfc_with_rationale};

fn acme() -> Archive {
    Archive::from(&fixtures().join("build/acme"))
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(dir, dir)
}

fn walk(root: &Path, dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(root, &path));
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(&path).unwrap());
        }
    }
    out
}

/// The `<main>` element of a page: what a golden file compares (mdBook's check_main_file).
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

#[test]
fn writes_every_page_and_output() {
    let a = acme();
    let run = a.run(&["build"]);
    run.code(0);
    assert!(
        run.stderr.contains("built ") && run.stderr.contains("4 RFCs"),
        "{}",
        run.stderr
    );
    for file in [
        "index.html",
        "all.html",
        "graph.html",
        "404.html",
        "statuses.html",
        "tags.html",
        "authors.html",
        "years.html",
        "status/accepted.html",
        "tags/database.html",
        "authors/ada-lovelace.html",
        "years/2025.html",
        "rfcs/0001-put-pgbouncer-in-front-of-postgres.html",
        "rfcs/0004-adopt-opentelemetry.html",
        "rfcs.json",
        "rfcs.schema.json",
        "feed.xml",
        "sitemap.xml",
        "static/style.css",
        "static/app.js",
        "assets/rfcs/img/diagram.svg",
    ] {
        assert!(a.path().join("site").join(file).is_file(), "missing {file}");
    }
}

#[test]
fn rfc_pages_match_golden_content() {
    let a = acme();
    a.run(&["build"]).code(0);
    for (page, golden_name) in [
        (
            "rfcs/0001-put-pgbouncer-in-front-of-postgres.html",
            "rfc-0001.html",
        ),
        ("rfcs/0002-keep-secrets-in-vault.html", "rfc-0002.html"),
        ("index.html", "index.html"),
    ] {
        let html = a.read(&format!("site/{page}"));
        golden(
            &fixtures().join("build/expected").join(golden_name),
            main_of(&html),
        );
    }
}

#[test]
fn rfc_page_shows_relations_banner_and_rewritten_links() {
    let a = acme();
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale("Mentions", "", "Learnt from RFC 1."),
    );
    a.run(&["build"]).code(0);
    let old = a.read("site/rfcs/0001-put-pgbouncer-in-front-of-postgres.html");
    assert!(old.contains("class=\"banner banner-superseded\""), "banner");
    assert!(
        old.contains("href=\"0003-use-pgcat-for-connection-pooling.html\">RFC 0003: Use PgCat")
    );
    // A relation is shown on both RFCs, whichever wrote it down (0002 names 1 in
    // `related`); what links here is listed once, under its relation if it has one.
    let section = |page: &str, heading: &str| -> String {
        let start = page.find(&format!("<h2>{heading}</h2>")).map_or(0, |i| i);
        let end = page[start..]
            .find("</section>")
            .map_or(start, |i| start + i);
        page[start..end].to_string()
    };
    let related = section(&old, "Related");
    assert!(related.contains("0002 Keep secrets in Vault"), "{related}");
    let backlinks = section(&old, "Referenced by");
    assert!(backlinks.contains("0005 Mentions"), "backlinks: {old}");
    assert!(
        !backlinks.contains("0002") && !backlinks.contains("0003"),
        "{backlinks}"
    );
    assert!(
        old.contains("src=\"../assets/rfcs/img/diagram.svg\""),
        "image asset"
    );
    assert!(old.contains("href=\"https://git.acme.example/platform/rfcs/edit/main/rfcs/0001-put-pgbouncer-in-front-of-postgres.md\""));
    let vault = a.read("site/rfcs/0002-keep-secrets-in-vault.html");
    assert!(
        vault.contains("href=\"0001-put-pgbouncer-in-front-of-postgres.html#approach\""),
        "md link rewritten"
    );
    assert!(
        vault.contains("<a href=\"0001-put-pgbouncer-in-front-of-postgres.html\">RFC 1</a>"),
        "mention linked"
    );
    assert!(
        vault.contains("<h2 id=\"problem\"><a href=\"#problem\">Problem</a></h2>"),
        "a heading links to itself"
    );
    assert!(
        vault.contains("<span class=\"hl-k\">let</span>"),
        "highlighted"
    );
    assert!(vault.contains("<table>"), "tables");
}

/// A link into another RFC's page that names a heading in another case (`…md#Problem`,
/// which GitHub and `check` find) points at its anchor (`#problem`): a browser matches
/// ids exactly, and the link found its heading only through the page's script.
#[test]
fn a_link_to_a_heading_of_another_page_in_another_case_finds_its_anchor() {
    let a = acme();
    let rfc1 = "0001-put-pgbouncer-in-front-of-postgres";
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale(
            "Cross links",
            "related: [1]\n",
            &format!(
                "Cheapest fix: [the problem]({rfc1}.md#Problem), \
                 <a href=\"{rfc1}.md#PROBLEM\">again</a>, [as it is]({rfc1}.md#problem) \
                 and [here](0005-x.md#Rationale)."
            ),
        ),
    );
    a.run(&["check"]).code(0);
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0005-x.html");
    assert!(
        page.contains(&format!("<a href=\"{rfc1}.html#problem\">the problem</a>")),
        "{page}"
    );
    assert!(
        page.contains(&format!("<a href=\"{rfc1}.html#problem\">again</a>")),
        "{page}"
    );
    assert!(
        page.contains(&format!("<a href=\"{rfc1}.html#problem\">as it is</a>")),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"0005-x.html#rationale\">here</a>"),
        "{page}"
    );
}

#[test]
fn a_heading_that_holds_a_link_keeps_a_separate_anchor() {
    let a = acme();
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale(
            "Heading links",
            "related: [1]\n",
            "Cheapest fix.\n\n## Follows [RFC 1](0001-put-pgbouncer-in-front-of-postgres.md)\n\n### Notes[^1]\n\nText.\n\n## Builds on RFC 2\n\nText.\n\n## Main\n\nText.\n\n## Arrow\n\nText.\n\n[^1]: A footnote.",
        ),
    );
    // RFC 1's page draws a supersession, whose arrow is a marker with an id; its footnote
    // is labelled like a heading; an explicit id asks for the template's.
    let first = a.read("rfcs/0001-put-pgbouncer-in-front-of-postgres.md");
    a.write(
        "rfcs/0001-put-pgbouncer-in-front-of-postgres.md",
        &format!("{first}\n## Arrow\n\nSee the note[^arrow] <span id=\"Fn-arrow\">here</span>.\n\n## Intro {{#Main}}\n\nText.\n\n[^arrow]: A note.\n"),
    );
    a.run(&["build"]).code(0);
    let superseded = a.read("site/rfcs/0001-put-pgbouncer-in-front-of-postgres.html");
    assert!(superseded.contains("<marker id=\"Arrow\""), "{superseded}");
    assert!(superseded.contains("<h2 id=\"main\">"), "{superseded}");
    assert!(
        superseded.contains("<span id=\"fn-arrow\">"),
        "{superseded}"
    );
    assert_eq!(
        repeated_ids(&superseded),
        Vec::<&str>::new(),
        "{superseded}"
    );
    let page = a.read("site/rfcs/0005-x.html");
    // Links cannot nest: the heading's own link stays, and a `#` link is added after it.
    assert!(
        page.contains("<h2 id=\"follows-rfc-1\">Follows <a href=\"0001-put-pgbouncer-in-front-of-postgres.html\">RFC 1</a> <a class=\"anchor\" href=\"#follows-rfc-1\">#</a></h2>"),
        "{page}"
    );
    assert!(
        page.contains("<a class=\"anchor\" href=\"#notes\">#</a></h3>"),
        "a footnote reference is a link too"
    );
    // No id twice in the page: the template's and the graph's are not heading anchors.
    assert_eq!(repeated_ids(&page), Vec::<&str>::new(), "{page}");
    assert!(page.contains(" id=\"main\"") && page.contains(" id=\"arrow\""));
    assert!(
        page.contains("<h2 id=\"builds-on-rfc-2\">Builds on <a href=\"0002-keep-secrets-in-vault.html\">RFC 2</a> <a class=\"anchor\" href=\"#builds-on-rfc-2\">#</a></h2>"),
        "an \"RFC N\" mention is a link too: {page}"
    );
    assert!(page.contains("<h2 id=\"rationale\"><a href=\"#rationale\">Rationale</a></h2>"));
    // The canonical sections stand out in the table of contents.
    assert!(page.contains("<li><a href=\"#problem\"><b>Problem</b></a></li>"));
    assert!(page.contains("<li><a href=\"#follows-rfc-1\">Follows RFC 1</a></li>"));
}

/// The ids a page gives more than once.
fn repeated_ids(page: &str) -> Vec<&str> {
    let mut ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    ids.sort_unstable();
    let mut repeated: Vec<&str> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    repeated.dedup();
    repeated
}

/// A `{…}` with words in it ends a heading's text, as GitHub shows it (MADR's template
/// prompts); ids, classes and `key=value` pairs stay attributes. `check` links to the same
/// anchors the page has.
#[test]
fn braces_with_words_end_a_heading_while_attributes_stay_attributes() {
    let a = acme();
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale(
            "Prompts",
            "",
            "Cheapest.\n\n### {title of option 1}\n\n### Option *two* {pros and cons} ##\n\n\
             ### Kept {#kept .wide}\n\nSee [one](#title-of-option-1) and [kept](#kept).",
        ),
    );
    a.run(&["check", "--deny-warnings", "rfcs/0005-x.md"])
        .code(0);
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0005-x.html");
    for heading in [
        "<h3 id=\"title-of-option-1\"><a href=\"#title-of-option-1\">{title of option 1}</a></h3>",
        "<h3 id=\"option-two-pros-and-cons\"><a href=\"#option-two-pros-and-cons\">Option <em>two</em> {pros and cons}</a></h3>",
        "<h3 id=\"kept\" class=\"wide\"><a href=\"#kept\">Kept</a></h3>",
    ] {
        assert!(page.contains(heading), "{heading} in {page}");
    }
    assert!(page.contains("toc-3\"><a href=\"#title-of-option-1\">{title of option 1}</a></li>"));
}

/// Pages are all in `rfcs/`: files of one name in two folders get a page each, named with
/// their folder, and links to them lead to the right one.
#[test]
fn files_of_one_name_in_two_folders_get_a_page_each() {
    let a = acme();
    let config = a.read("book.toml");
    a.write(
        "book.toml",
        &format!("{config}\n[rfc.lints]\nbad-file-name = \"allow\"\nmissing-front-matter = \"allow\"\nmissing-section = \"allow\"\n"),
    );
    a.write("rfcs/0005-a/notes.md", "# Notes A\n\nFirst.\n")
        .write("rfcs/0006-b/notes.md", "# Notes B\n\nSecond.\n")
        .write(
            "rfcs/0005-a.md",
            &rfc_with_rationale("A", "", "See [the notes](0005-a/notes.md)."),
        );
    let run = a.run(&["build"]);
    run.code(0);
    let first = a.read("site/rfcs/0005-a-notes.html");
    let second = a.read("site/rfcs/0006-b-notes.html");
    assert!(first.contains("First."), "{first}");
    // Without front matter there are no facts to list, and no empty list.
    assert!(!first.contains("class=\"facts\""), "{first}");
    assert!(second.contains("Second."), "{second}");
    assert!(!a.path().join("site/rfcs/notes.html").exists());
    assert!(
        a.read("site/rfcs/0005-a.html")
            .contains("href=\"0005-a-notes.html\"")
    );
    let all = a.read("site/all.html");
    assert!(all.contains("rfcs/0005-a-notes.html") && all.contains("rfcs/0006-b-notes.html"));
    // A file without a number is named by its title alone: no "-" for its number, in
    // the page's title, its heading or the neighbours' links.
    assert!(first.contains("<title>Notes A ·"), "{first}");
    assert!(!first.contains("class=\"rfc-number\""), "{first}");
    let pages: String = ["0001", "0002", "0003", "0004", "0005-a"]
        .iter()
        .filter_map(|p| {
            std::fs::read_dir(a.path().join("site/rfcs"))
                .unwrap()
                .filter_map(Result::ok)
                .find(|e| e.file_name().to_string_lossy().starts_with(p))
                .map(|e| std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    for page in [&first, &second, &pages] {
        assert!(
            !page.contains("\u{2190} -<") && !page.contains(">- \u{2192}"),
            "{page}"
        );
    }
    assert!(
        first.contains("Notes B \u{2192}</a>") || second.contains("\u{2190} Notes A</a>"),
        "{first}\n{second}"
    );
}

/// An HTML block is sanitised whole: a tag written over several lines stays a tag (it
/// was shown as text, line by line), and loses what would run code all the same.
#[test]
fn a_tag_over_several_lines_of_an_html_block_stays_a_tag() {
    let a = acme();
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale(
            "Figure",
            "",
            "Cheapest.\n\n<p align=\"center\">\n    <img src=\"img/diagram.svg\"\n        alt=\"The flow\"\n        onerror=\"alert(1)\"\n        height=\"80\">\n</p>",
        ),
    );
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0005-x.html");
    assert!(
        page.contains("<p align=\"center\">\n    <img src=\"../assets/rfcs/img/diagram.svg\" alt=\"The flow\" height=\"80\">\n</p>"),
        "{page}"
    );
    assert!(!page.contains("&lt;img") && !page.contains("onerror"));
}

#[test]
fn raw_html_cannot_run_code() {
    let a = acme();
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale(
            "Title <script>alert(2)</script>",
            "discussion: \"javascript:alert(3)\"\n",
            "<iframe src=\"https://evil.example\"></iframe><a href=\"JaVaScRiPt:alert(4)\">x</a>",
        ),
    );
    let run = a.run(&["build"]);
    // javascript: is not an http(s) URL, so the build refuses the archive.
    run.code(1).stderr_has("RFC0114");
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale(
            "Title <script>alert(2)</script>",
            "",
            "<iframe src=\"https://evil.example\"></iframe><a href=\"JaVaScRiPt:alert(4)\">x</a>",
        ),
    );
    a.run(&["build"]).code(0);
    // Attributes written after a heading: only its id and classes reach the page. A
    // handler there ran as the page opened (`autofocus` then `onfocus`).
    a.write(
        "rfcs/0006-y.md",
        &rfc("Y", "")
            .replace(
                "## Problem",
                "## Problem {autofocus=1 tabindex=0 onfocus=alert(document.domain)}",
            )
            .replace(
                "## Approach",
                "## Approach {#how .wide style=position:fixed}",
            ),
    );
    let run = a.run(&["build"]);
    run.code(0);
    let page = a.read("site/rfcs/0006-y.html");
    assert!(!page.contains("autofocus"), "{page}");
    assert!(
        page.contains("<h2 id=\"problem\">") && page.contains("<h2 id=\"how\" class=\"wide\">"),
        "{page}"
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let said: Vec<&str> = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["file"] == "rfcs/0006-y.md")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        said,
        [
            "a heading attribute (`autofocus`) is left out of the site, which keeps only a heading's `{#id}` and classes",
            "a heading attribute (`tabindex`) is left out of the site, which keeps only a heading's `{#id}` and classes",
            "an event handler attribute (`onfocus`) would run code in the reader's browser",
            "a heading attribute (`style`) is left out of the site, which keeps only a heading's `{#id}` and classes",
        ],
        "{json}"
    );
    for (path, bytes) in tree(&a.path().join("site")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap().to_lowercase();
        for bad in [
            "<script>alert",
            "onerror=",
            "javascript:",
            "<iframe",
            "onfocus",
            "position:fixed",
        ] {
            assert!(!html.contains(bad), "{path} contains {bad}");
        }
    }
}

/// A link whose scheme the site does not keep (`(https://…)`, the brackets written
/// twice, as three Rust RFCs do; `hhttps:`) is left out of the page, as `check`'s
/// warning says, not written as a relative link to nowhere.
#[test]
fn a_link_with_a_scheme_the_site_does_not_keep_is_left_out_as_check_says() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "Run PgBouncer.",
            "Run PgBouncer, see the [thread][t], [inline]((https://example.com/b)) and \
             [typo](hhttps://example.com/c).\n\n[t]: (https://example.com/a)",
        ),
    );
    let json = a.run(&["check", "--format", "json"]).code(0).json();
    assert_eq!(codes(&json), ["RFC0310", "RFC0310", "RFC0310"], "{json}");
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0001-a.html");
    for text in ["thread", "inline", "typo"] {
        assert!(
            page.contains(&format!("<a href=\"#\">{text}</a>")),
            "{text}: {page}"
        );
    }
    assert!(!page.contains("example.com"), "{page}");
}

/// `check` warns of exactly what the page leaves out of raw HTML: code hidden by entities
/// or by a tag written over lines is named, and look-alikes (`<scriptx>`, `onerror=` in a
/// `title`, `javascript:` in prose) are not. A title's HTML is shown as text.
#[test]
fn check_names_what_the_page_leaves_out_of_raw_html() {
    let a = acme();
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale(
            "Why <script> tags",
            "",
            "Cheapest, as <a href=\"jav&#x61;script:go()\">the console</a> did.\n\n\
             <div class=\"note\"\n     onmouseover=\"track()\">Per IP</div>\n\n\
             <scriptx>kept</scriptx> and <abbr title=\"no onerror=x\">JS</abbr>; javascript: is prose.",
        ),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let found: Vec<(&str, &str, u64)> = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["file"] == "rfcs/0005-x.md")
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("RFC0310", "the title holds a `<script>` element", 2),
            // The `# heading` repeats the title, as Markdown: there it is a script.
            (
                "RFC0310",
                "a `<script>` element would run code in the reader's browser",
                8
            ),
            (
                "RFC0310",
                "a `javascript:` URL would run code in the reader's browser",
                24
            ),
            (
                "RFC0310",
                "an event handler attribute (`onmouseover`) would run code in the reader's browser",
                27
            ),
        ],
        "{json:#}"
    );
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0005-x.html");
    assert!(page.contains("<h1>Why &lt;script&gt; tags</h1>"), "{page}");
    assert!(page.contains("<div>Per IP</div>"), "{page}");
    for gone in ["onmouseover", "script:go", "<scriptx"] {
        assert!(!page.contains(gone), "{gone} in {page}");
    }
    assert!(
        page.contains("kept") && page.contains("title=\"no onerror=x\""),
        "{page}"
    );
}

/// A template error names the user's files where tera names its templates, also the
/// one that included the failing part, and shows a minified line around its caret only.
#[test]
fn template_errors_name_the_users_files_and_cut_long_lines() {
    let a = acme();
    a.write(
        "th/templates/rfc.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"part.html\" %}{% endblock %}",
    )
    .write(
        "th/templates/part.html",
        &format!("{}{{{{ nope }}}}{}", "x".repeat(30_000), "y".repeat(30_000)),
    );
    let config = a.read("book.toml");
    a.write(
        "book.toml",
        &config.replace("[output.html]\n", "[output.html]\ntheme = \"th\"\n"),
    );
    let run = a.run(&["build"]);
    run.code(2)
        .stderr_has("error[RFC9005]")
        .stderr_has(" --> th/templates/part.html:1:30004")
        .stderr_has("note: called from th/templates/rfc.html:1:");
    assert!(run.stderr.len() < 4000, "{}", run.stderr.len());
}

/// Formulas as GitHub reads them (rfcs/0029): the TeX kept as written, its `_` no
/// emphasis; a price in prose is no formula.
#[test]
fn math_is_kept_as_written() {
    let a = acme();
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale(
            "Weights",
            "",
            "Each weighs $k * \\frac{D_i}{\\sqrt{\\sum_{j=1}^{n} D_j}}$, and it costs $5 and $10.\n\n\
             $$\nw = \\bar{f}_g/f_g\n$$",
        ),
    );
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0005-x.html");
    assert!(
        page.contains(
            "<span class=\"math math-inline\">k * \\frac{D_i}{\\sqrt{\\sum_{j=1}^{n} D_j}}</span>"
        ),
        "{page}"
    );
    assert!(page.contains("it costs $5 and $10."), "{page}");
    assert!(
        page.contains("<span class=\"math math-display\">\nw = \\bar{f}_g/f_g\n</span>"),
        "{page}"
    );
    assert!(!page.contains("<em>g/f</em>"), "{page}");
}

#[test]
fn rfcs_json_has_the_contract_shape() {
    let a = acme();
    a.run(&["build"]).code(0);
    let json: serde_json::Value = serde_json::from_str(&a.read("site/rfcs.json")).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(
        list[0],
        serde_json::json!({
            "id": 1, "title": "Put PgBouncer in front of every Postgres primary",
            "status": "superseded", "authors": ["Ada Lovelace <ada@acme.example>"], "created": "2025-03-01",
            "decided": "2025-03-20", "tags": ["database", "reliability"], "supersedes": [],
            "superseded_by": 3, "related": [],
            "url": "rfcs/0001-put-pgbouncer-in-front-of-postgres.html",
            "sections": {"problem": true, "approach": true, "alternatives": true, "rationale": true}
        })
    );
    let ids: Vec<u64> = list.iter().map(|e| e["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [1, 2, 3, 4]);
    // The schema beside it names its version and every field an entry has.
    let schema: serde_json::Value = serde_json::from_str(&a.read("site/rfcs.schema.json")).unwrap();
    assert_eq!(schema["x-schema-version"], 1);
    let required: Vec<&str> = schema["items"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let keys: Vec<&str> = list[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let (mut required, mut keys) = (required, keys);
    required.sort_unstable();
    keys.sort_unstable();
    assert_eq!(required, keys);
}

/// The feed and the sitemap are absolute under a `site-url` with a host, and every
/// address in the sitemap is percent-encoded.
#[test]
fn feed_and_sitemap_use_absolute_urls() {
    let a = acme();
    a.write(
        "rfcs/0005-e.md",
        &rfc("Emoji", "tags: [émoji]\n").replace("2026-03-", "2025-03-"),
    );
    a.run(&["build"]).code(0);
    let feed = a.read("site/feed.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
    ));
    assert_eq!(feed.matches("<entry>").count(), 5);
    assert!(feed.contains(
        "<id>https://rfcs.acme.example/rfcs/0003-use-pgcat-for-connection-pooling.html</id>"
    ));
    assert!(
        feed.contains("<updated>2026-11-01T00:00:00Z</updated>"),
        "feed updated = newest change"
    );
    let sitemap = a.read("site/sitemap.xml");
    assert!(sitemap.contains("<loc>https://rfcs.acme.example/rfcs/0002-keep-secrets-in-vault.html</loc><lastmod>2025-06-30</lastmod>"));
    assert!(!sitemap.contains("404.html"));
    assert!(
        sitemap.contains("<loc>https://rfcs.acme.example/tags/%C3%A9moji.html</loc>"),
        "every address is percent-encoded: {sitemap}"
    );
    for xml in [&feed, &sitemap] {
        roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    }
}

/// Characters HTML forbids (controls, which a YAML title may hold as `"\a"` and Markdown
/// as they are) reach no page: each is U+FFFD, as in the feed.
#[test]
fn pages_hold_no_character_html_forbids() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-bell.md",
        &rfc("Bell", "tags: [\"t\\x0bag\"]\n")
            .replace("title: Bell", "title: \"Bell \\a here\"")
            .replace("# Bell", "# Bell \u{7} here")
            .replace(
                "Cheapest fix.",
                "Cheapest \u{b}fix, `co\u{1}de` and \u{85}next.\n\n<p>raw \u{2} html</p>",
            ),
    )
    .write("rfcs/0002-other.md", &rfc("Other", "related: [1]\n"));
    a.run(&["build"]).code(0);
    for page in [
        "site/rfcs/0001-bell.html",
        "site/index.html",
        "site/all.html",
        "site/tags/t-ag.html",
        "site/graph.html",
        "site/rfcs/0002-other.html",
    ] {
        let html = a.read(page);
        let forbidden: Vec<char> = html
            .chars()
            .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
            .collect();
        assert!(forbidden.is_empty(), "{page}: {forbidden:?}");
    }
    let page = a.read("site/rfcs/0001-bell.html");
    assert!(page.contains("Bell \u{fffd} here"), "{page}");
    assert!(
        page.contains("Cheapest \u{fffd}fix, <code>co\u{fffd}de</code> and \u{fffd}next."),
        "{page}"
    );
}

/// An open proposal's age on the home page: one day is "1 day"; past `stale-after-days`
/// it is marked stale; created after today (a typo `check` warns of), it is 0 days old,
/// not -42; the list carries what the page's script needs to count again on the day the
/// site is read (the browser test `home_page_ages_are_counted_on_the_day_it_is_read`).
#[test]
fn home_page_counts_ages_in_days() {
    let proposal = |title: &str, created: &str| {
        rfc(title, "")
            .replace("created: 2026-03-01\n", &format!("created: {created}\n"))
            .replace("decided: 2026-03-20\n", "")
            .replace("status: accepted\n", "status: proposed\n")
    };
    let a = Archive::empty().env("RFCBOOK_TODAY", "2026-11-27");
    a.write("book.toml", "[rfc]\nstale-after-days = 10\n")
        .write(
            "rfcs/0001-yesterday.md",
            &proposal("Yesterday", "2026-11-26"),
        )
        .write("rfcs/0002-old.md", &proposal("Old", "2026-11-16"))
        .write("rfcs/0003-ahead.md", &proposal("Ahead", "2027-01-08"));
    a.run(&["build"])
        .code(0)
        .stderr_has("2 warnings in the archive");
    let home = a.read("site/index.html");
    assert!(
        home.contains("<a href=\"rfcs/0003-ahead.html\">0003 Ahead</a> <span class=\"badge status-proposed\">proposed</span> <span class=\"age\">0 days</span>"),
        "{home}"
    );
    assert!(
        home.contains("<ul class=\"rfc-list\" data-stale-after=\"10\">"),
        "{home}"
    );
    assert!(
        home.contains("<li data-created=\"2026-11-26\"><a href=\"rfcs/0001-yesterday.html\">0001 Yesterday</a> <span class=\"badge status-proposed\">proposed</span> <span class=\"age\">1 day</span></li>"),
        "{home}"
    );
    assert!(
        home.contains("<li class=\"stale\" data-created=\"2026-11-16\"><a href=\"rfcs/0002-old.html\">0002 Old</a> <span class=\"badge status-proposed\">proposed</span> <span class=\"age\">11 days · <strong class=\"stale-mark\">stale</strong></span></li>"),
        "{home}"
    );
}

/// Entry ids are unique when numbers repeat (log4brains names ADRs by date, and allows
/// the same date twice); a feed without a dated RFC is as new as the build, not 1970.
#[test]
fn feed_ids_are_unique_and_its_date_true() {
    let a = Archive::empty().env("RFCBOOK_TODAY", "2026-11-27");
    a.write(
        "book.toml",
        "[rfc]\nrequired-fields = [\"title\"]\n[rfc.lints]\nduplicate-id = \"allow\"\n",
    )
    .write("rfcs/0007-one.md", &rfc("One", ""))
    .write("rfcs/0007-two.md", &rfc("Two", ""));
    a.run(&["build"]).code(0);
    let feed = a.read("site/feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap_or_else(|e| panic!("{e}: {feed}"));
    let ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|n| n.has_tag_name("id"))?.text())
        .collect();
    assert_eq!(ids.len(), 2, "{feed}");
    assert_ne!(ids[0], ids[1], "{feed}");
    let undated = Archive::empty().env("RFCBOOK_TODAY", "2026-11-27");
    undated
        .write("book.toml", "[rfc]\nrequired-fields = [\"title\"]\n")
        .write(
            "rfcs/0001-a.md",
            &rfc("A", "")
                .replace("created: 2026-03-01\n", "")
                .replace("decided: 2026-03-20\n", "")
                .replace("status: accepted\n", "status: proposed\n"),
        );
    undated.run(&["build"]).code(0);
    let feed = undated.read("site/feed.xml");
    assert!(
        feed.contains("<updated>2026-11-27T00:00:00Z</updated>"),
        "{feed}"
    );
}

/// A number taken twice (allowed, as log4brains' dates are) still names a successor: the
/// file of that number that lists the superseded RFC. Supersession is still checked: when
/// none of them lists it, `check` says so (it was skipped, and the banner named nothing).
#[test]
fn a_successor_whose_number_is_taken_twice_is_found_and_checked() {
    let a = Archive::empty();
    let superseded = rfc("Old way", "superseded-by: 7\n").replace("accepted", "superseded");
    a.write(
        "book.toml",
        "[rfc]\nrequired-fields = [\"title\"]\n[rfc.lints]\nduplicate-id = \"allow\"\n",
    )
    .write("rfcs/0001-old-way.md", &superseded)
    .write("rfcs/0007-one.md", &rfc("One", ""))
    .write("rfcs/0007-two.md", &rfc("Two", "supersedes: [1]\n"));
    a.run(&["check", "--deny-warnings"]).code(0);
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0001-old-way.html");
    assert!(
        page.contains("It was superseded by <a href=\"0007-two.html\">"),
        "{page}"
    );
    // Previous and next say which of the two they lead to: "RFC 0007" would not.
    assert!(
        page.contains("<a rel=\"next\" href=\"0007-one.html\">One →</a>"),
        "{page}"
    );
    let one = a.read("site/rfcs/0007-one.html");
    assert!(
        one.contains("<a rel=\"prev\" href=\"0001-old-way.html\">← RFC 0001</a>")
            && one.contains("<a rel=\"next\" href=\"0007-two.html\">Two →</a>"),
        "{one}"
    );
    a.write("rfcs/0007-two.md", &rfc("Two", ""));
    let json = a.run(&["check", "--format", "json"]).json();
    let d = &crate::harness::diagnostics(&json)[0];
    assert_eq!(d["code"], "RFC0203", "{json:#}");
    assert!(
        d["message"].as_str().unwrap().contains(
            "none of the files numbered 7 lists it in `supersedes` (rfcs/0007-one.md, rfcs/0007-two.md)"
        ),
        "{json:#}"
    );
}

/// An archive of records numbered by day, their facts in the body, as log4brains writes
/// them: two of one day may share the number.
fn dated_records() -> Archive {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[rfc]\nbody-metadata = true\nrequired-fields = [\"title\", \"status\"]\n\
         required-sections = []\n[rfc.lints]\nduplicate-id = \"allow\"\n",
    );
    a
}

/// Records that share a number (log4brains' dates) and name each other by link: the
/// site follows each link to its file, as `check` does, for supersessions, the banner
/// and related records alike (they were left out, having no single number).
#[test]
fn relations_by_link_find_their_file_among_records_of_one_number() {
    let a = dated_records();
    a.write(
        "rfcs/20200101-use-a.md",
        "# Use A\n\n- Status: superseded by [Use C](20200102-use-c.md)\n- Date: 2020-01-01\n",
    )
    .write(
        "rfcs/20200101-use-b.md",
        "# Use B\n\n- Status: accepted\n- Date: 2020-01-01\n",
    )
    .write(
        "rfcs/20200102-use-c.md",
        "# Use C\n\n- Status: accepted\n- Date: 2020-01-02\n\n## Status\n\nAccepted\n\n\
         Supersedes [Use A](20200101-use-a.md)\n\nAmends [Use B](20200101-use-b.md)\n",
    );
    a.run(&["check", "--deny-warnings"]).code(0);
    a.run(&["build"]).code(0);
    let c = a.read("site/rfcs/20200102-use-c.html");
    let section = |page: &str, heading: &str| -> String {
        let start = page
            .find(&format!("<h2>{heading}</h2>"))
            .unwrap_or_else(|| panic!("no {heading}: {page}"));
        page[start..]
            .split("</section>")
            .next()
            .unwrap()
            .to_string()
    };
    let supersedes = section(&c, "Supersedes");
    assert!(
        supersedes.contains("20200101-use-a.html") && !supersedes.contains("use-b"),
        "{supersedes}"
    );
    let related = section(&c, "Related");
    assert!(
        related.contains("20200101-use-b.html") && !related.contains("use-a"),
        "{related}"
    );
    let old = a.read("site/rfcs/20200101-use-a.html");
    assert!(
        old.contains("It was superseded by <a href=\"20200102-use-c.html\">"),
        "{old}"
    );
    let b = a.read("site/rfcs/20200101-use-b.html");
    assert!(
        section(&b, "Related").contains("20200102-use-c.html"),
        "{b}"
    );
}

/// A record replaced by another of the same day (log4brains' dates) is no cycle: each
/// link names its file, and neither replaces itself.
#[test]
fn a_record_replaced_the_same_day_is_no_cycle() {
    let a = dated_records();
    a.write(
        "rfcs/20200102-alpha.md",
        "# Alpha\n\n- Status: superseded by [Bravo](20200102-bravo.md)\n- Date: 2020-01-02\n",
    )
    .write(
        "rfcs/20200102-bravo.md",
        "# Bravo\n\n- Status: accepted\n- Date: 2020-01-02\n\n## Status\n\nAccepted\n\n\
         Supersedes [Alpha](20200102-alpha.md)\n",
    );
    a.run(&["check", "--deny-warnings"]).code(0);
    a.run(&["build"]).code(0);
    let alpha = a.read("site/rfcs/20200102-alpha.html");
    assert!(
        alpha.contains("It was superseded by <a href=\"20200102-bravo.html\">"),
        "{alpha}"
    );
    // A record that does name itself is still a cycle.
    a.write(
        "rfcs/20200102-alpha.md",
        "# Alpha\n\n- Status: superseded by [Alpha](20200102-alpha.md)\n- Date: 2020-01-02\n",
    );
    let json = a.run(&["check", "--format", "json"]).json();
    assert!(
        crate::harness::codes(&json).contains(&"RFC0204"),
        "{json:#}"
    );
}

/// log4brains writes a replacement's side under `## Links` (`- Supersedes [x](…)`): read,
/// the two sides agree.
#[test]
fn a_supersession_listed_under_links_is_read() {
    let a = dated_records();
    a.write(
        "rfcs/20200926-number.md",
        "# Number\n\n- Status: superseded by [Slug](20201016-slug.md)\n- Date: 2020-09-26\n",
    )
    .write(
        "rfcs/20201016-slug.md",
        "# Slug\n\n- Status: accepted\n- Date: 2020-10-16\n\n## Context\n\nc\n\n## Links\n\n\
         - Supersedes [Number](20200926-number.md)\n- See also the [docs](https://example.com)\n",
    );
    a.run(&["check", "--deny-warnings"]).code(0);
    let listed = a.run(&["list", "--format", "json"]).json();
    assert_eq!(
        listed[1]["supersedes"],
        serde_json::json!([20200926]),
        "{listed:#}"
    );
    assert_eq!(listed[1]["status"], "accepted", "{listed:#}");
}

/// A status no RFC has gets no listing page, as the home page shows no count for it: an
/// archive that keeps another process's vocabulary beside the defaults (EIP-1's) listed
/// empty pages. Nothing links to a page that is not there, the sitemap included.
#[test]
fn a_status_no_rfc_has_gets_no_page() {
    let a = Archive::empty();
    a.write("rfcs/0001-a.md", &rfc("A", "")).write(
        "rfcs/0002-b.md",
        &rfc("B", "").replace("status: accepted", "status: draft"),
    );
    a.run(&["build"]).code(0);
    let site = a.path().join("site");
    for (status, exists) in [
        ("accepted", true),
        ("draft", true),
        ("rejected", false),
        ("withdrawn", false),
    ] {
        assert_eq!(
            site.join(format!("status/{status}.html")).exists(),
            exists,
            "{status}"
        );
    }
    let statuses = a.read("site/statuses.html");
    assert!(
        statuses.contains("status/accepted.html") && !statuses.contains("status/rejected.html"),
        "{statuses}"
    );
    let sitemap = a.read("site/sitemap.xml");
    assert!(
        sitemap.contains("status/draft.html") && !sitemap.contains("status/withdrawn.html"),
        "{sitemap}"
    );
    let home = a.read("site/index.html");
    assert!(!home.contains("status/rejected.html"), "{home}");
}

#[test]
fn the_feed_stays_well_formed_whatever_a_title_holds() {
    // YAML lets a double-quoted title hold control characters, which XML 1.0 forbids.
    let a = acme();
    let rfc = "rfcs/0004-adopt-opentelemetry.md";
    let text = a.read(rfc);
    let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
    a.write(
        rfc,
        &text.replacen(
            title,
            r#"title: "Tabs\x0b and \x1f, ]]> <b>&amp; \uFFFE end""#,
            1,
        ),
    );
    a.run(&["build"]).code(0);
    let feed = a.read("site/feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap_or_else(|e| panic!("{e}: {feed}"));
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        titles.contains(&"RFC 0004: Tabs\u{fffd} and \u{fffd}, ]]> <b>&amp; \u{fffd} end"),
        "{titles:?}"
    );
}

#[test]
fn the_404_page_links_into_the_site_that_served_it() {
    // The 404 page is served at any depth, so its links start at the root of the site's
    // path: the host of `site-url` would send a preview (`serve`) to the published site.
    let a = acme();
    a.run(&["build"]).code(0);
    let page = a.read("site/404.html");
    assert!(page.contains("href=\"/index.html\""), "{page}");
    assert!(!page.contains("rfcs.acme.example"), "{page}");
    let config = a.read("book.toml");
    a.write(
        "book.toml",
        &config.replace(
            "https://rfcs.acme.example",
            "https://acme.example/decisions",
        ),
    );
    a.run(&["build"]).code(0);
    let page = a.read("site/404.html");
    assert!(page.contains("href=\"/decisions/index.html\""), "{page}");
    assert!(!page.contains("https://acme.example"), "{page}");
}

#[test]
fn output_is_deterministic() {
    let a = acme();
    a.run(&["build", "--out", "one"]).code(0);
    a.run(&["build", "--out", "two"]).code(0);
    let (one, two) = (tree(&a.path().join("one")), tree(&a.path().join("two")));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(bytes == &two[path], "{path} differs between two builds");
    }
    // The same input elsewhere, with other file times (a fresh clone in CI), gives the
    // same files, the marker included: how a build is fingerprinted stays in the cache.
    let b = acme();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let rfc = "rfcs/0002-keep-secrets-in-vault.md";
    b.write(rfc, &b.read(rfc));
    b.run(&["build", "--out", "elsewhere/three"]).code(0);
    assert!(
        tree(&b.path().join("elsewhere/three")) == one,
        "a build elsewhere differs"
    );
    assert!(b.path().join(".rfcbook/builds").is_dir());
    assert_eq!(b.read(".rfcbook/.gitignore"), "*\n");
    // And the cache still tells an unchanged archive.
    b.run(&["build", "--out", "elsewhere/three"])
        .code(0)
        .stderr_has("is up to date");
    // A site that is not the one built last (restored from git, or another archive's
    // built into the same folder) is built again, though the inputs did not change.
    let marker = b.path().join("elsewhere/three/.rfcbook-site");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&marker, std::fs::read(&marker).unwrap()).unwrap();
    b.run(&["build", "--out", "elsewhere/three"])
        .code(0)
        .stderr_has("built ");
    let shared = b.path().join("shared-out");
    let shared = shared.to_str().unwrap();
    b.run(&["build", "--out", shared]).code(0);
    a.run(&["build", "--out", shared])
        .code(0)
        .stderr_has("built ");
    b.run(&["build", "--out", shared])
        .code(0)
        .stderr_has("built ");
}

/// Neither a staging folder nor a moved-aside old site is left beside the output.
fn assert_no_staging_left(a: &Archive) {
    let leftovers: Vec<_> = std::fs::read_dir(a.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("rfcbook-new") || n.contains("rfcbook-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn folders_left_by_a_killed_build_are_removed_by_the_next() {
    let a = acme();
    // What a build killed between writing and swapping leaves (no process has this id).
    a.write(".site.rfcbook-new-4000000000/index.html", "half a site")
        .write(".site.rfcbook-old-4000000000/index.html", "an old site")
        .write(
            ".elsewhere.rfcbook-new-4000000000/keep.txt",
            "another target's",
        );
    a.run(&["build"]).code(0);
    assert!(!a.path().join(".site.rfcbook-new-4000000000").exists());
    assert!(!a.path().join(".site.rfcbook-old-4000000000").exists());
    assert!(
        a.path()
            .join(".elsewhere.rfcbook-new-4000000000/keep.txt")
            .exists()
    );
}

#[test]
fn an_archive_with_errors_is_not_published_and_the_old_site_stays() {
    let a = acme();
    a.run(&["build"]).code(0);
    let before = tree(&a.path().join("site"));
    a.write("rfcs/0002-keep-secrets-in-vault.md", "---\ntitle: broken\n");
    let run = a.run(&["build"]);
    run.code(1)
        .stderr_has("error[RFC0102]")
        .stderr_has("nothing was published");
    assert!(
        tree(&a.path().join("site")) == before,
        "the previous site changed"
    );
    assert_no_staging_left(&a);
}

/// The site's index is made while the archive is validated, before the build knows
/// whether it will publish: an archive whose relations are all wrong (a supersession
/// cycle, a number taken twice, links to nothing and out of the archive) is refused with
/// its diagnostics, and nothing is made.
#[test]
fn an_archive_of_broken_relations_is_refused_before_its_index_is_used() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc(
            "A",
            "supersedes: [1, 2]\nsuperseded-by: 2\nrelated: [1, 99]\n",
        )
        .replace(
            "Run PgBouncer.",
            "As RFC 1 and [b](0002-b.md) and [x](../../etc/passwd) say.",
        ),
    )
    .write(
        "rfcs/0002-b.md",
        &rfc("B", "id: 1\nsupersedes: [1]\nsuperseded-by: 1\n"),
    )
    .write("rfcs/0003-c.md", &rfc("C", "id: 1\nrelated: [3, 2]\n"));
    a.run(&["build"])
        .code(1)
        .stderr_has("error[RFC0204]")
        .stderr_has("error[RFC0202]")
        .stderr_has("nothing was published");
    assert!(!a.path().join("site").exists());
    assert_no_staging_left(&a);
}

/// A build lets each file's text go once its body is rendered, and reads a file again to
/// report on it: the errors it prints are the ones `check` prints, source lines and all.
#[test]
fn a_failed_build_reports_errors_with_their_source_lines_as_check_does() {
    let a = acme();
    a.write(
        "rfcs/0004-adopt-opentelemetry.md",
        &a.read("rfcs/0004-adopt-opentelemetry.md")
            .replace("status: proposed", "status: proposd")
            .replace("## Rationale", "## Motivation"),
    );
    let build = a.run(&["build", "--color", "never"]);
    build.code(1).stderr_has("nothing was published");
    let check = a.run(&["check", "--color", "never"]);
    check.code(1);
    let errors = |text: &str| -> Vec<String> {
        text.split("\n\n")
            .filter(|block| block.starts_with("error["))
            .map(str::to_string)
            .collect()
    };
    let from_check = errors(&check.stdout);
    assert!(
        from_check.len() >= 2
            && from_check.iter().any(|e| e.contains("status: proposd"))
            && from_check
                .iter()
                .any(|e| e.contains("0004-adopt-opentelemetry.md:")),
        "{}",
        check.stdout
    );
    assert_eq!(errors(&build.stderr), from_check, "{}", build.stderr);
    // Its warnings are not shown, but counted as `check` counts them.
    let summary = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("checked "))
            .map(str::to_string)
    };
    let from_check = summary(&check.stdout).unwrap();
    assert!(from_check.contains("4 warnings"), "{from_check}");
    assert_eq!(
        summary(&build.stderr).unwrap(),
        format!("{from_check} (not shown here; `rfcbook check` shows them)")
    );
}

/// Bodies are rendered while files are read, before ids written in front matter are
/// known: a body that links or mentions such an RFC is rendered again with the right page.
#[test]
fn links_to_an_rfc_whose_id_is_in_its_front_matter_reach_its_page() {
    let a = acme();
    a.write(
        "book.toml",
        &(a.read("book.toml") + "\n[rfc.lints]\nbad-file-name = \"warn\"\n"),
    );
    a.write(
        "rfcs/cache-policy.md",
        "---\ntitle: Cache policy\nid: 7\nstatus: proposed\nauthors: [Ada]\ncreated: 2026-11-01\n---\n\
         ## Problem\n\nStale reads.\n\n## Approach\n\nTTLs.\n\n## Alternatives\n\nNone.\n\n\
         ## Rationale\n\nSimple.\n",
    );
    a.write(
        "rfcs/0004-adopt-opentelemetry.md",
        &a.read("rfcs/0004-adopt-opentelemetry.md").replace(
            "Keep vendor agents.",
            "Keep vendor agents, as RFC 7 does; see [the policy](cache-policy.md).",
        ),
    );
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0004-adopt-opentelemetry.html");
    assert!(
        page.contains("<a href=\"cache-policy.html\">RFC 7</a>")
            && page.contains("<a href=\"cache-policy.html\">the policy</a>"),
        "{page}"
    );
    let target = a.read("site/rfcs/cache-policy.html");
    assert!(
        target.contains("0004-adopt-opentelemetry.html"),
        "no backlink: {target}"
    );
}

#[test]
fn an_unchanged_archive_is_not_rebuilt_but_a_change_is() {
    let a = acme();
    a.run(&["build"]).code(0);
    a.run(&["build"]).code(0).stderr_has("up to date");
    a.write(
        "rfcs/0004-adopt-opentelemetry.md",
        &a.read("rfcs/0004-adopt-opentelemetry.md")
            .replace("Keep vendor agents.", "Keep the vendor agents."),
    );
    a.run(&["build"]).code(0).stderr_has("built ");
    assert!(
        a.read("site/rfcs/0004-adopt-opentelemetry.html")
            .contains("Keep the vendor agents.")
    );
}

/// The team's template may be kept outside the source folder (rfcs/0033): its prompts
/// decide what `check` reports, so a change to it is a change of the site's input.
#[test]
fn a_change_to_a_template_kept_elsewhere_is_seen() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[rfc]\ntemplate = \"templates/rfc.md\"\n",
    )
    .write(
        "templates/rfc.md",
        "---\ntitle: {{title}}\n---\n## Problem\n\nWhat?\n",
    )
    .write("rfcs/0001-a.md", &rfc("A", ""));
    a.run(&["build"]).code(0).stderr_has("built ");
    a.run(&["build"]).code(0).stderr_has("up to date");
    a.write(
        "templates/rfc.md",
        "---\ntitle: {{title}}\n---\n## Problem\n\nWhy?\n",
    );
    a.run(&["build"]).code(0).stderr_has("built ");
}

/// A site changed by hand since it was built (a page deleted, overwritten or added, an
/// attachment truncated) is not up to date: the build makes it whole again, as the same
/// input must give the same files.
#[test]
fn a_site_changed_by_hand_is_built_again() {
    let a = acme();
    a.run(&["build"]).code(0);
    let whole = tree(&a.path().join("site"));
    type Change<'a> = (&'a str, &'a dyn Fn(&Path));
    let changes: [Change; 4] = [
        ("deleted", &|site| {
            std::fs::remove_file(site.join("index.html")).unwrap()
        }),
        ("overwritten", &|site| {
            std::fs::write(site.join("all.html"), "x\n").unwrap()
        }),
        ("added", &|site| {
            std::fs::write(site.join("stray.html"), "x\n").unwrap()
        }),
        ("folder removed", &|site| {
            std::fs::remove_dir_all(site.join("tags")).unwrap()
        }),
    ];
    for (what, change) in changes {
        a.run(&["build"]).code(0).stderr_has("up to date");
        change(&a.path().join("site"));
        a.run(&["build"]).code(0).stderr_has("built ");
        assert!(
            tree(&a.path().join("site")) == whole,
            "{what}: not made whole"
        );
    }
}

/// Another rfcbook program of the same version (a newer development build) builds the
/// site again instead of finding it up to date.
#[test]
fn another_build_of_rfcbook_rebuilds_the_site() {
    let a = acme();
    a.run(&["build"]).code(0);
    a.run(&["build"]).code(0).stderr_has("up to date");
    let copy = a.path().join("rfcbook-copy");
    std::fs::copy(env!("CARGO_BIN_EXE_rfcbook"), &copy).unwrap();
    let run = |what: &str| {
        // A copy just written may still be open in a child another test forked meanwhile
        // (until its exec closes it): Linux then refuses to run it for a moment.
        let mut tries = 0;
        let out = loop {
            match std::process::Command::new(&copy)
                .args(["--root", a.path().to_str().unwrap(), "build"])
                .env("RFCBOOK_TODAY", crate::harness::TODAY)
                .output()
            {
                Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 50 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => break other.unwrap(),
            }
        };
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success() && stderr.contains(what), "{stderr}");
    };
    run("built ");
    run("up to date");
}

/// A new site's fingerprint is made from what reading the RFCs saw and one walk of the
/// source folder: files that are not RFCs, and book.toml, must count as much as before.
#[test]
fn after_a_first_build_a_change_to_any_input_rebuilds() {
    let a = acme();
    a.write("rfcs/README.md", "# Our decisions\n");
    for (rel, text) in [
        ("rfcs/README.md", "# Our decisions, explained\n"),
        ("rfcs/img/new.txt", "a file that was not there\n"),
        ("book.toml", &(a.read("book.toml") + "\n# a comment\n")),
    ] {
        std::fs::remove_dir_all(a.path().join("site")).ok();
        a.run(&["build"]).code(0).stderr_has("built ");
        a.run(&["build"]).code(0).stderr_has("up to date");
        a.write(rel, text);
        a.run(&["build"]).code(0).stderr_has("built ").no_panic();
    }
}

#[test]
fn the_output_folder_is_guarded() {
    let a = acme();
    a.run(&["build", "--out", "."])
        .code(2)
        .stderr_has("RFC9003");
    a.write("mine/notes.txt", "keep me");
    a.run(&["build", "--out", "mine"])
        .code(2)
        .stderr_has("not built by rfcbook");
    assert_eq!(a.read("mine/notes.txt"), "keep me");
    assert!(
        a.path()
            .join("rfcs/0001-put-pgbouncer-in-front-of-postgres.md")
            .is_file()
    );
    // A path through a folder that does not exist yet is judged by where it leads: this
    // one is the source folder, which a build once replaced with the site.
    let config = a.read("book.toml");
    for out in ["nothere/../rfcs", "x/..", "rfcs/./../."] {
        a.write(
            "book.toml",
            &format!("{config}\n[build]\nbuild-dir = \"{out}\"\n"),
        );
        // Said where it was chosen: book.toml's line, or the command line's `--out`.
        a.run(&["build"])
            .code(2)
            .no_panic()
            .stderr_has("error[RFC9001]: the output folder")
            .stderr_has("would contain the archive itself")
            .stderr_has(" --> book.toml:")
            .stderr_has("help: set `build-dir` to a folder of its own");
        a.run(&["build", "--out", out])
            .code(2)
            .stderr_has("error[RFC9003]")
            .stderr_has("would contain the archive itself")
            .stderr_has("e.g. `--out site`");
        assert!(
            a.path()
                .join("rfcs/0001-put-pgbouncer-in-front-of-postgres.md")
                .is_file(),
            "{out}"
        );
        // `check` still checks the archive.
        a.run(&["check", "--format", "json"]).code(0);
        assert!(!a.path().join("nothere").exists() && !a.path().join("x").exists());
    }
    a.write("book.toml", &config);
    // A file is not replaced by a folder of pages.
    a.run(&["build", "--out", "book.toml"])
        .code(2)
        .stderr_has("exists and is not a folder");
    assert_eq!(a.read("book.toml"), config);
    // Nor is a folder made inside a file: the message names the file, not "File exists".
    a.run(&["build", "--out", "book.toml/deeper/site"])
        .code(2)
        .stderr_has("error[RFC9003]")
        .stderr_has("book.toml, which is a file, not a folder")
        .stderr_lacks("os error");
    assert_eq!(a.read("book.toml"), config);
    // A folder whose file system makes no files (even for root) is named as such.
    if cfg!(target_os = "linux") {
        a.run(&["build", "--out", "/proc/site"])
            .code(2)
            .no_panic()
            .stderr_has("error[RFC9102]: cannot write the site into /proc")
            .stderr_has("help: /proc is there, but its file system accepts no new files");
    }
    // A path with `..` that leads to a folder of its own is built there.
    a.run(&["build", "--out", "rfcs/../elsewhere/./site"])
        .code(0);
    assert!(a.path().join("elsewhere/site/index.html").is_file());
}

#[test]
fn a_user_theme_overrides_file_by_file() {
    let a = acme();
    a.write(
        "book.toml",
        &format!("{}theme = \"mytheme\"\n", a.read("book.toml")),
    )
    .write("mytheme/static/style.css", "body { color: red; }\n")
    .write("mytheme/static/logo.txt", "extra file\n");
    a.run(&["build"]).code(0);
    assert_eq!(a.read("site/static/style.css"), "body { color: red; }\n");
    assert_eq!(a.read("site/static/logo.txt"), "extra file\n");
    let index = a.read("site/index.html");
    assert!(
        index.contains(r#"<link rel="icon" href="data:,">"#),
        "{index}"
    );
    assert!(!index.contains("custom.css"), "{index}");
    // A few rules and an icon of one's own, without copying base.html.
    a.write("mytheme/static/custom.css", "h1 { color: teal; }\n")
        .write(
            "mytheme/static/favicon.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        );
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0001-put-pgbouncer-in-front-of-postgres.html");
    assert!(
        page.contains(r#"<link rel="icon" href="../static/favicon.svg">"#),
        "{page}"
    );
    assert!(
        page.contains(
            r#"<link rel="stylesheet" href="../static/style.css">
<link rel="stylesheet" href="../static/custom.css">"#
        ),
        "{page}"
    );
    std::fs::remove_file(a.path().join("mytheme/static/custom.css")).unwrap();
    std::fs::remove_file(a.path().join("mytheme/static/favicon.svg")).unwrap();
    assert!(
        a.read("site/index.html").contains("Acme engineering RFCs"),
        "default templates still used"
    );
    // A template that fails while pages are being written: the pages written so far are
    // thrown away with their staging folder, and the previous site stays.
    let before = tree(&a.path().join("site"));
    a.write(
        "mytheme/templates/base.html",
        "{% block content %}{{ undefined_thing }}{% endblock %}",
    );
    a.run(&["build"]).code(2).stderr_has("error[RFC9005]");
    assert!(
        tree(&a.path().join("site")) == before,
        "a failed render changed the previous site"
    );
    assert_no_staging_left(&a);
    a.write("mytheme/templates/base.html", "{% if %}");
    // The template is named where the user keeps it.
    a.run(&["build"])
        .code(2)
        .stderr_has("error[RFC9005]")
        .stderr_has("--> mytheme/templates/base.html:1:");
}

/// What a user's theme gets wrong is named where the user keeps it, with what to do, and
/// `check` finds it before a deploy would: editors' files are neither compiled nor
/// published, files no page uses are warned about, a base.html of one's own is told
/// which blocks the pages fill, and a byte-order mark is no text before `extends`.
#[test]
fn a_user_theme_s_mistakes_are_named_with_the_fix() {
    let a = acme();
    let book = format!("{}theme = \"mytheme\"\n", a.read("book.toml"));
    a.write("book.toml", &book)
        .write("mytheme/templates/.DS_Store", "\0\0\0\u{1}Bud1")
        .write("mytheme/templates/rfc.html~", "{{ x")
        .write("mytheme/templates/#rfc.html#", "{{ x")
        .write("mytheme/templates/rfc.html.orig", "{{ x")
        .write("mytheme/static/.env", "TOKEN=abc\n")
        .write("mytheme/index.hbs", "{{ title }}")
        .write("mytheme/css/general.css", "a {}")
        .write(
            "mytheme/templates/rfcs.html",
            "{% extends \"base.html\" %}{% block content %}TYPO{% endblock %}",
        )
        .write(
            "mytheme/templates/partial.html",
            "<p>from a partial</p>",
        )
        .write(
            "mytheme/templates/404.html",
            "{% extends \"base.html\" %}{% block content %}{% include \"partial.html\" %}{% endblock %}",
        );
    // A link loop outside templates/ and static/ is not walked into.
    std::os::unix::fs::symlink("..", a.path().join("mytheme/css/loop")).unwrap();
    let run = a.run(&["--quiet", "build"]);
    run.code(0)
        .stderr_has("warning: mytheme/index.hbs is not used: a theme has templates/")
        .stderr_has("warning: mytheme/css/ is not used")
        .stderr_has("warning: mytheme/templates/rfcs.html is not used: no page is rendered with `rfcs.html`");
    assert!(!run.stderr.contains("partial.html"), "{}", run.stderr);
    assert!(a.read("site/404.html").contains("from a partial"));
    // The pull request hears of them too.
    a.run(&["check"])
        .code(0)
        .stderr_has("warning: mytheme/templates/rfcs.html is not used");
    assert!(!a.path().join("site/static/.env").exists());

    a.write(
        "mytheme/templates/base.html",
        "<html><body>{% block content %}{% endblock %}</body></html>",
    );
    a.run(&["build"])
        .code(2)
        .stderr_has("error[RFC9005]")
        .stderr_has("help: a base.html of your own must define every block the pages fill: {% block title %}, {% block head %}");
    std::fs::remove_file(a.path().join("mytheme/templates/base.html")).unwrap();

    a.write("mytheme/templates/rfc.html", "{{ x");
    a.run(&["check"])
        .code(2)
        .stderr_has("error[RFC9005]: the theme's templates do not compile")
        .stderr_has("--> mytheme/templates/rfc.html:1:")
        // The template's line and the caret under it, each on a line of its own.
        .stderr_has("\n1 | {{ x\n");
    // CI's annotation lands on the template, at tera's line and column (where the
    // expression is left open), which the human output shows too.
    let stop = a.run(&["check", "--format", "github"]);
    stop.code(2)
        .stdout_has("::error file=mytheme/templates/rfc.html,line=1,col=5,title=RFC9005::");
    a.run(&["check"])
        .stderr_has("--> mytheme/templates/rfc.html:1:5");
    // A template that is not UTF-8 is named with the line and column of its bad byte.
    std::fs::write(
        a.path().join("mytheme/templates/rfc.html"),
        b"{% extends \"base.html\" %}\n{% block content %}caf\xe9{% endblock %}",
    )
    .unwrap();
    a.run(&["check", "--format", "github"])
        .code(2)
        .stdout_has("::error file=mytheme/templates/rfc.html,line=2,col=23,title=RFC9005::");
    a.write("mytheme/templates/rfc.html", "{% extends \"rfc.html\" %}");
    a.run(&["build"]).code(2).stderr_has(
        "Circular extend detected for template 'rfc.html' (mytheme/templates/rfc.html)",
    );
    a.write(
        "mytheme/templates/rfc.html",
        "{% extends \"base.html\" %}{% block content %}{{ rfc.titel }}{% endblock %}",
    );
    a.run(&["build"])
        .code(2)
        .stderr_has("with mytheme/templates/rfc.html failed: Field `titel` is not defined")
        .stderr_has("--> mytheme/templates/rfc.html:1:")
        .stderr_has(
            "help: fix the template at the place named above; the default theme to compare \
             with is written by `rfcbook init --theme /tmp/rfcbook-default`",
        );
    // `check` fails as the deploy would, not only on templates that do not compile.
    a.run(&["check"])
        .code(2)
        .stderr_has("with mytheme/templates/rfc.html failed: Field `titel` is not defined");
    // One JSON document for CI: the stop's, not the report's and then the stop's.
    let json = a.run(&["check", "--format", "json"]);
    json.code(2);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).expect("one JSON document");
    assert!(parsed.to_string().contains("titel"), "{parsed}");
    // At the template's line, for the annotation of a pull request that changed it.
    let d = &parsed["diagnostics"][0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("mytheme/templates/rfc.html"), Some(1), Some(52)),
        "{parsed}"
    );
    a.run(&["check", "--format", "github"])
        .code(2)
        .stdout_has("::error file=mytheme/templates/rfc.html,line=1,col=52,title=RFC9005::");
    a.write(
        "mytheme/templates/rfc.html",
        "\u{feff}{% extends \"base.html\" %}{% block content %}BOM{% endblock %}",
    );
    a.run(&["build"]).code(0);
    assert!(
        a.read("site/rfcs/0001-put-pgbouncer-in-front-of-postgres.html")
            .contains("BOM")
    );
    // A file of gigabytes saved among the templates is refused before it is read.
    a.write("mytheme/templates/dump.html", &"x".repeat(5 << 20));
    a.run(&["build"])
        .code(2)
        .stderr_has("error[RFC9005]: mytheme/templates/dump.html is larger than 4 MiB")
        .stderr_has("move a large file");
    a.run(&["check", "--format", "json"])
        .code(2)
        .stdout_has("\"file\":\"mytheme/templates/dump.html\",\"line\":1,\"column\":1");
    std::fs::remove_file(a.path().join("mytheme/templates/dump.html")).unwrap();

    // A site built inside the theme would be published by the next build, and so on.
    let run = a.run(&["build", "--out", "mytheme/static/pub"]);
    run.code(2)
        .stderr_has("error[RFC9003]")
        .stderr_has("is inside the theme folder");
    assert!(!a.path().join("mytheme/static/pub").exists());
    a.write("empty-theme/notes.md", "mdBook's layout, say\n");
    for (theme, problem) in [
        ("nope", "the theme folder `nope` does not exist"),
        ("", "the theme folder `` is empty"),
        (
            "empty-theme",
            "the theme folder `empty-theme` holds neither templates/ nor static/",
        ),
        (
            "book.toml",
            "the theme folder `book.toml` is a file, not a folder",
        ),
    ] {
        a.write(
            "book.toml",
            &book.replace("theme = \"mytheme\"", &format!("theme = {theme:?}")),
        );
        a.run(&["check"])
            .code(2)
            .stderr_has(&format!("error[RFC9001]: {problem}"))
            .stderr_has("--> book.toml:")
            .stderr_has("`rfcbook init --theme` writes a copy of the default theme");
    }
}

/// GitHub Pages reads its custom domain from `CNAME`, which `cname` writes at the site's
/// root in every build; an edit link encodes the path as a link must; an RFC without
/// authors is the book's in the feed.
#[test]
fn publishing_settings_reach_the_site() {
    let a = acme();
    a.write(
        "book.toml",
        &a.read("book.toml")
            .replace("[book]\n", "[book]\nauthors = [\"Platform team\"]\n")
            .replace(
                "[output.html]\n",
                "[output.html]\ncname = \"rfcs.acme.example\"\n",
            ),
    )
    .write(
        "rfcs/more/0009-a b#c.md",
        &crate::harness::rfc("Odd name", "")
            .replace("authors: [\"Ada Lovelace <ada@example.com>\"]\n", ""),
    );
    a.write(
        "book.toml",
        &format!(
            "{}\n[rfc]\nrequired-fields = [\"title\", \"status\", \"created\"]\n",
            a.read("book.toml")
        ),
    );
    let run = a.run(&["build"]);
    run.code(0);
    assert_eq!(a.read("site/CNAME"), "rfcs.acme.example\n");
    let page = a.read("site/rfcs/0009-a b#c.html");
    assert!(
        page.contains(
            "href=\"https://git.acme.example/platform/rfcs/edit/main/rfcs/more/0009-a%20b%23c.md\""
        ),
        "{page}"
    );
    let feed = a.read("site/feed.xml");
    let entry = feed
        .split("<entry>")
        .find(|e| e.contains("Odd name"))
        .unwrap();
    assert!(
        entry.contains("<author><name>Platform team</name></author>"),
        "{entry}"
    );
    a.write(
        "rfcs/0001-put-pgbouncer-in-front-of-postgres.md",
        &a.read("rfcs/0001-put-pgbouncer-in-front-of-postgres.md")
            .replace("## Problem", "## Problem\n\nEdited."),
    );
    a.run(&["build"]).code(0);
    assert_eq!(a.read("site/CNAME"), "rfcs.acme.example\n");
}

/// A footnote reference has an id and a name, and its note a link back to where it was
/// first cited: a keyboard reader otherwise had only the browser's Back.
#[test]
fn footnotes_link_both_ways() {
    let a = acme();
    a.write(
        "rfcs/0009-notes.md",
        &crate::harness::rfc("Notes", "").replace(
            "Connections run out at peak.",
            "[^early]: Written before its citation.\n[^unused]: Never cited.\n\nConnections run out[^peak] at peak[^Peak], see[^my  src] and[^early].\n\n[^peak]: Mondays.\n[^My src]: The graphs.",
        ),
    );
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0009-notes.html");
    // Numbered as first cited; a label matches in any case, its spaces as one (as on
    // GitHub), and an id holds a space as `%20`.
    for html in [
        r##"<sup class="footnote-reference" id="Fnref-peak"><a href="#Fn-peak" aria-label="Footnote 1">1</a></sup>"##,
        r##"<sup class="footnote-reference" id="Fnref2-peak"><a href="#Fn-peak" aria-label="Footnote 1">1</a></sup>"##,
        r##"<sup class="footnote-reference" id="Fnref-my%20src"><a href="#Fn-my%20src" aria-label="Footnote 2">2</a></sup>"##,
        r##"<div class="footnote-definition" id="Fn-peak"><sup class="footnote-definition-label">1</sup>"##,
        r##"<a class="footnote-back" href="#Fnref-early" aria-label="Back to the text of footnote 3">"##,
        r##"<a class="footnote-back" href="#Fnref-my%20src" aria-label="Back to the text of footnote 2">"##,
    ] {
        assert!(page.contains(html), "{html} not in {page}");
    }
    // The notes come at the end of the body, in the order of their numbers; one never
    // cited is not shown.
    let notes = page
        .find("<section class=\"footnotes\"")
        .expect("a footnotes section");
    assert!(page.find("id=\"rationale\"").unwrap() < notes, "{page}");
    let at = |note: &str| page.find(&format!("id=\"Fn-{note}\"")).unwrap();
    assert!(notes < at("peak") && at("peak") < at("my%20src") && at("my%20src") < at("early"));
    assert!(!page.contains("Never cited"), "{page}");
}

/// A link in a user theme is followed into the archive (a logo kept with the docs) and
/// refused out of it: a pull request could link a theme file to a secret of the CI machine.
#[test]
fn a_user_theme_links_only_into_the_archive() {
    let a = acme();
    a.write(
        "book.toml",
        &format!("{}theme = \"mytheme\"\n", a.read("book.toml")),
    )
    .write("assets/logo.svg", "<svg/>\n")
    .write("mytheme/static/style.css", "body { color: red; }\n");
    std::os::unix::fs::symlink(
        "../../assets/logo.svg",
        a.path().join("mytheme/static/logo.svg"),
    )
    .unwrap();
    a.run(&["build"]).code(0);
    assert_eq!(a.read("site/static/logo.svg"), "<svg/>\n");
    // A theme kept outside the archive may link within itself.
    let shared = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(shared.path().join("static")).unwrap();
    std::fs::write(shared.path().join("static/base.css"), "p { margin: 0; }\n").unwrap();
    std::os::unix::fs::symlink("base.css", shared.path().join("static/alias.css")).unwrap();
    let book = a.read("book.toml");
    a.write(
        "book.toml",
        &book.replace(
            "theme = \"mytheme\"",
            &format!("theme = {:?}", shared.path()),
        ),
    );
    a.run(&["build"]).code(0);
    assert_eq!(a.read("site/static/alias.css"), "p { margin: 0; }\n");
    a.write("book.toml", &book);
    a.run(&["build"]).code(0);
    let before = tree(&a.path().join("site"));

    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("token"), "s3cr3t-token\n").unwrap();
    std::os::unix::fs::symlink(
        secret.path().join("token"),
        a.path().join("mytheme/static/token.txt"),
    )
    .unwrap();
    let run = a.run(&["build"]);
    run.code(2)
        .no_panic()
        .stderr_has("error[RFC9005]")
        .stderr_has("token.txt is a symbolic link that leads outside the archive")
        .stderr_has("help: ");
    assert!(!run.stderr.contains("s3cr3t"), "{}", run.stderr);
    assert!(tree(&a.path().join("site")) == before, "the site changed");
    assert_no_staging_left(&a);
    std::fs::remove_file(a.path().join("mytheme/static/token.txt")).unwrap();

    // Inside the archive, but hidden: CI keeps its token in `.git/config`. The link's own
    // name is innocent; where it leads is judged, for a file and for a folder.
    a.write(".git/config", "extraheader = AUTHORIZATION: basic s3cr3t\n")
        .write(".env", "KEY=s3cr3t\n");
    for (target, name) in [
        ("../../.git/config", "config.txt"),
        ("../../.env", "env.txt"),
        ("../../.git", "g"),
    ] {
        let link = a.path().join("mytheme/static").join(name);
        std::os::unix::fs::symlink(target, &link).unwrap();
        let run = a.run(&["build"]);
        run.code(2)
            .no_panic()
            .stderr_has("error[RFC9005]")
            .stderr_has(&format!(
                "{name} is a symbolic link to a hidden file or folder, which a theme never publishes"
            ));
        assert!(!run.stderr.contains("s3cr3t"), "{}", run.stderr);
        assert!(tree(&a.path().join("site")) == before, "the site changed");
        std::fs::remove_file(&link).unwrap();
    }
}

/// The home page's chart draws at most twenty years of quarters, those with the most
/// decisions: a year mistyped `0025` drew eight thousand quarters (190,000 pixels) of one
/// bar at each end. What is left out is said, to the eye and to a screen reader.
#[test]
fn the_chart_of_decisions_spans_at_most_twenty_years() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "")
            .replace("2026-03-01", "0025-03-01")
            .replace("2026-03-20", "0025-03-20"),
    )
    .write(
        "rfcs/0002-b.md",
        &rfc("B", "").replace("2026-03-20", "2026-04-02"),
    )
    .write(
        "rfcs/0003-c.md",
        &rfc("C", "")
            .replace("2026-03-20", "2024-12-31")
            .replace("2026-03-01", "2024-12-01"),
    );
    a.run(&["build"]).code(0);
    let home = a.read("site/index.html");
    assert!(
        home.contains(
            "<desc id=\"chart-d\">2 decisions from 2024 Q4 to 2026 Q2; the tallest quarter \
             has 1. 1 decision outside 2024 Q4 to 2026 Q2 is not drawn.</desc>"
        ),
        "{home}"
    );
    assert!(
        home.contains("<br>1 decision outside 2024 Q4 to 2026 Q2 is not drawn."),
        "{home}"
    );
    // Seven quarters of 24 pixels and the axis' margins.
    assert!(home.contains("viewBox=\"0 0 210 216\""), "{home}");
    // A year mistyped into the future leaves out itself, not the archive.
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace("2026-03-20", "9026-03-20"),
    );
    a.run(&["build"]).code(0);
    let home = a.read("site/index.html");
    assert!(
        home.contains("1 decision outside 2024 Q4 to 2026 Q2 is not drawn."),
        "{home}"
    );
    // One decision this year and one in 9026: this year's is drawn.
    std::fs::remove_file(a.path().join("rfcs/0003-c.md")).unwrap();
    a.run(&["build"]).code(0);
    let home = a.read("site/index.html");
    assert!(
        home.contains("1 decision in 2026 Q2. 1 decision outside 2026 Q2 is not drawn."),
        "{home}"
    );
}

/// An archive of `count` RFCs titled "Decision number N".
fn numbered(count: usize) -> Archive {
    let a = Archive::empty();
    for i in 1..=count {
        a.write(
            &format!("rfcs/{i:04}-rfc-{i}.md"),
            &rfc(&format!("Decision number {i}"), ""),
        );
    }
    a
}

#[test]
fn pages_do_not_repeat_the_archive() {
    // Output grows linearly: an RFC page does not embed the list of all RFCs.
    let a = numbered(60);
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0030-rfc-30.html");
    assert!(
        !page.contains("Decision number 45"),
        "an RFC page lists unrelated RFCs"
    );
    assert!(page.len() < 8_000, "{} bytes", page.len());
}

/// A long build on a terminal shows a bar for reading and one for rendering, each counting
/// up to the archive's RFCs, and clears it before its summary; piped (CI logs), with
/// `--quiet`, or for a small archive, it draws none.
#[test]
#[cfg(target_os = "linux")]
fn a_long_build_shows_its_progress_on_a_terminal() {
    let a = numbered(240);
    let run = a.run_on_terminal(&["build"]);
    run.code(0);
    let screen = &run.stderr;
    for step in ["reading  ", "rendering"] {
        // The first bar drawn is empty: at 1 of 240, or a few more when other threads'
        // files were counted before the first to draw.
        let first = screen
            .find(&format!("\r  {step} ["))
            .unwrap_or_else(|| panic!("no {step} bar in {screen:?}"));
        assert!(
            screen[first..].starts_with(&format!("\r  {step} [                         ] ")),
            "the {step} bar starts empty: {screen:?}"
        );
        let last = screen
            .find(&format!("\r  {step} [#########################] 240/240"))
            .unwrap_or_else(|| panic!("no {step} bar ends in {screen:?}"));
        assert!(first < last, "{screen:?}");
    }
    assert!(
        screen.find("rendering [").unwrap() > screen.rfind("reading   [").unwrap(),
        "reading comes first: {screen:?}"
    );
    // The bar's line is blanked before the summary is written over it.
    let summary = screen.find("built 252 pages (240 RFCs)").expect(screen);
    let blank = format!("\r{}\r", " ".repeat(60));
    assert_eq!(
        screen[..summary].rfind(&blank),
        Some(summary - blank.len()),
        "{screen:?}"
    );
    // Only the summary on stdout-less runs: the bar never reaches a pipe or a quiet run.
    a.run(&["build", "--out", "piped"])
        .code(0)
        .stderr_lacks("reading")
        .stderr_lacks("rendering")
        .stderr_has("built 252 pages");
    let quiet = a.run_on_terminal(&["build", "--quiet", "--out", "quiet"]);
    quiet.code(0);
    assert_eq!(quiet.stderr, "", "a quiet build says nothing");
    // Twenty RFCs are done before a bar could be read.
    let run = numbered(20).run_on_terminal(&["build"]);
    run.code(0);
    assert!(!run.stderr.contains('['), "{:?}", run.stderr);
    assert!(
        run.stderr.starts_with("built 32 pages (20 RFCs)"),
        "{:?}",
        run.stderr
    );
}

#[test]
fn timings_name_each_stage_with_its_memory_and_cpu() {
    let a = acme().env("RFCBOOK_TIMINGS", "1");
    let run = a.run(&["build"]);
    run.code(0);
    for stage in [
        "configuration and theme",
        "discover",
        "read, parse and render bodies",
        "render: check links of bodies",
        "render: static search index",
        "render: pages, listings and static search index",
        "render and write",
        "swap",
    ] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("timing: {stage}: ")))
            .unwrap_or_else(|| panic!("no timing for {stage:?} in\n{}", run.stderr));
        assert!(line.contains(" ms"), "{line}");
        // Linux tells a process its peak memory and CPU time; elsewhere the line ends
        // at the wall time.
        if cfg!(target_os = "linux") {
            assert!(
                line.contains("(peak memory ")
                    && line.contains(" MB, CPU ")
                    && line.ends_with(" ms)"),
                "{line}"
            );
        }
    }
    // Texts are let go as bodies are read, and read again only to report on a file: here
    // 0002, once for its four warnings (three about unsafe HTML, one about an image
    // without alternative text).
    run.stderr_has("4 warnings");
    assert!(
        run.stderr
            .contains("timing: files read again to report on them: 1\n"),
        "{}",
        run.stderr
    );
    let stale = acme().env("RFCBOOK_TIMINGS", "1");
    stale.write(
        "rfcs/0004-adopt-opentelemetry.md",
        &stale
            .read("rfcs/0004-adopt-opentelemetry.md")
            .replace("created: 2026-11-01", "created: 2020-11-01"),
    );
    let warned = stale.run(&["build"]);
    warned.code(0).stderr_has("5 warnings");
    assert!(
        warned
            .stderr
            .contains("timing: files read again to report on them: 2\n"),
        "{}",
        warned.stderr
    );
    // Without the variable, nothing of this is printed.
    let quiet = acme().run(&["build"]);
    quiet.code(0);
    assert!(!quiet.stderr.contains("timing:"), "{}", quiet.stderr);
}

/// `%XX` escapes decoded, as a browser does before it asks for a file.
fn decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

/// Every relative `href` and `src` of every page of `site` that leads to no file.
fn broken_links(site: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    let mut pages = vec![site.to_path_buf()];
    while let Some(dir) = pages.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pages.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "html") || path.ends_with("404.html") {
                continue;
            }
            let html = std::fs::read_to_string(&path).unwrap();
            for attribute in ["href=\"", "src=\""] {
                for piece in html.split(attribute).skip(1) {
                    let link = piece.split('"').next().unwrap_or("");
                    let external = link.contains(':') || link.starts_with("//");
                    let target = link.split(['#', '?']).next().unwrap_or("");
                    if external || target.is_empty() {
                        continue;
                    }
                    let file = path.parent().unwrap().join(decoded(target));
                    let file = if file.is_dir() {
                        file.join("index.html")
                    } else {
                        file
                    };
                    if !file.exists() {
                        broken.push(format!("{} -> {link}", path.display()));
                    }
                }
            }
        }
    }
    broken
}

#[test]
fn every_link_of_the_site_leads_to_a_file_whatever_the_names_hold() {
    // Pages are written under their names as they are, and linked with the names
    // percent-encoded: a browser decodes the link, then asks for the file.
    let a = acme();
    let text = rfc_with_rationale(
        "データ移行",
        "tags: [データ, \"C++ & Go\", Café]\nauthors: [\"Ünal Çelik <u@example.com>\"]\n",
        "Fewer moves.",
    );
    a.write(
        "rfcs/0005-データ移行 plan.md",
        &text.replacen("authors: [\"Ada Lovelace <ada@example.com>\"]\n", "", 1),
    );
    a.write(
        "rfcs/0006-use #hash and 100%.md",
        &rfc("Odd name", "related: [5]\n"),
    );
    a.run(&["build"]).code(0);
    assert!(
        a.path()
            .join("site/rfcs/0005-データ移行 plan.html")
            .is_file()
    );
    assert!(
        a.path()
            .join("site/rfcs/0006-use #hash and 100%.html")
            .is_file()
    );
    assert_eq!(broken_links(&a.path().join("site")), Vec::<String>::new());
}

/// A tag's page keeps its name as other tags come and go: `c++` and `C#` spell their
/// symbols out rather than all three becoming `c` in turn.
#[test]
fn tags_told_apart_by_symbols_have_pages_of_their_own() {
    let a = Archive::empty();
    a.write("book.toml", "[book]\ntitle = \"T\"\n");
    a.write("rfcs/0001-a.md", &rfc("Alpha", "tags: [c]\n"));
    a.run(&["build"]).code(0);
    assert!(a.read("site/tags/c.html").contains("Alpha"));
    a.write("rfcs/0002-b.md", &rfc("Beta", "tags: [\"C#\", c++]\n"));
    a.run(&["build"]).code(0);
    let files = tree(&a.path().join("site"));
    let tag_pages: Vec<&String> = files.keys().filter(|k| k.starts_with("tags/")).collect();
    assert_eq!(
        tag_pages,
        ["tags/c-plus-plus.html", "tags/c-sharp.html", "tags/c.html"]
    );
    assert!(a.read("site/tags/c.html").contains("Alpha"));
    assert!(a.read("site/tags/c-sharp.html").contains("Beta"));
    assert_eq!(broken_links(&a.path().join("site")), Vec::<String>::new());
}

/// An author written in another case (`ada lovelace`) is the same person: one page,
/// under the spelling most RFCs use, with capitals on a tie; each RFC shows the name as
/// written and links to that page.
#[test]
fn authors_differing_in_case_are_one_person() {
    let a = Archive::empty();
    a.write("book.toml", "[book]\ntitle = \"T\"\n");
    a.write(
        "rfcs/0001-a.md",
        &rfc("Alpha", "").replace(
            "\"Ada Lovelace <ada@example.com>\"",
            "\"ada lovelace\", \"ADA LOVELACE\", alan",
        ),
    );
    a.write(
        "rfcs/0002-b.md",
        &rfc("Beta", "").replace("<ada@example.com>\"", "<ada@example.com>\", Bob"),
    );
    // Typed with two spaces: the same person too.
    a.write(
        "rfcs/0003-c.md",
        &rfc("Gamma", "").replace("\"Ada Lovelace <ada@example.com>\"", "\"Ada  Lovelace\""),
    );
    a.run(&["build"]).code(0);
    let files = tree(&a.path().join("site"));
    let author_pages: Vec<&String> = files.keys().filter(|k| k.starts_with("authors/")).collect();
    assert_eq!(
        author_pages,
        [
            "authors/ada-lovelace.html",
            "authors/alan.html",
            "authors/bob.html"
        ]
    );
    // Listed as a reader looks names up, not capitals first.
    let index = a.read("site/authors.html");
    let at = |name: &str| {
        index
            .find(&format!(">{name}<"))
            .unwrap_or_else(|| panic!("{name}: {index}"))
    };
    assert!(
        at("Ada Lovelace") < at("alan") && at("alan") < at("Bob"),
        "{index}"
    );
    let page = a.read("site/authors/ada-lovelace.html");
    assert!(page.contains("Ada Lovelace"), "{page}");
    for title in ["Alpha", "Beta", "Gamma"] {
        assert_eq!(
            page.matches(&format!("{title}</a>")).count(),
            1,
            "{title}: {page}"
        );
    }
    let alpha = a.read("site/rfcs/0001-a.html");
    assert!(
        alpha.contains(r#"<a href="../authors/ada-lovelace.html">ada lovelace</a>"#),
        "{alpha}"
    );
    assert_eq!(broken_links(&a.path().join("site")), Vec::<String>::new());
    // An RFC that names one person twice, in two cases, links to them once.
    assert_eq!(
        alpha.matches("authors/ada-lovelace.html").count(),
        1,
        "{alpha}"
    );
}

/// `Security` and `security` are one tag: one page, listed once, under the spelling most
/// RFCs use, which the RFC written otherwise links to as well; `check` names the variant.
#[test]
fn tags_differing_in_case_are_one_tag() {
    let a = Archive::empty();
    a.write("book.toml", "[book]\ntitle = \"T\"\n");
    a.write("rfcs/0001-a.md", &rfc("Alpha", "tags: [security, db]\n"));
    a.write(
        "rfcs/0002-b.md",
        &rfc("Beta", "tags: [Security, SECURITY]\n"),
    );
    a.write("rfcs/0003-c.md", &rfc("Gamma", "tags: [security]\n"));
    a.run(&["build"]).code(0).stderr_has("2 warnings");
    let files = tree(&a.path().join("site"));
    let tag_pages: Vec<&String> = files.keys().filter(|k| k.starts_with("tags/")).collect();
    assert_eq!(tag_pages, ["tags/db.html", "tags/security.html"]);
    let page = a.read("site/tags/security.html");
    for title in ["Alpha", "Beta", "Gamma"] {
        let link = format!("{title}</a>");
        assert_eq!(page.matches(&link).count(), 1, "{title}: {page}");
    }
    let index = a.read("site/tags.html");
    assert!(!index.contains("Security"), "{index}");
    // The RFC shows its tags as written, each leading to the one page.
    let beta = a.read("site/rfcs/0002-b.html");
    assert!(
        beta.contains(r#"<a href="../tags/security.html">Security</a>"#)
            && beta.contains(r#"<a href="../tags/security.html">SECURITY</a>"#),
        "{beta}"
    );
    // The static index's tag filter has the tag once, and Beta has it once.
    let manifest = a.read("site/search/manifest.js");
    assert!(
        manifest.contains(r#""tags":["db","security"]"#),
        "{manifest}"
    );
    let check = a.run(&["check", "--format", "json"]).json();
    let spans: Vec<(String, u64)> = check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["code"], "RFC0206", "{d}");
            (
                d["file"].as_str().unwrap().to_string(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            ("rfcs/0002-b.md".to_string(), 8),
            ("rfcs/0002-b.md".to_string(), 18)
        ]
    );
    // `list` matches a tag in any case, as `search` does.
    let listed = a
        .run(&["list", "--tag", "SeCuRiTy", "--format", "json"])
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 3, "{listed}");
}

/// An RFC without a status is "unknown" in the static search as on its page, not the first
/// configured status.
#[test]
fn search_shows_an_rfc_without_a_status_as_unknown() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[rfc]\nrequired-fields = [\"title\", \"authors\", \"created\"]\n",
    )
    .write("rfcs/0001-a.md", &rfc("Alpha", ""))
    .write(
        "rfcs/0002-b.md",
        &rfc("Beta", "")
            .replace("status: accepted\n", "")
            .replace("decided: 2026-03-20\n", ""),
    );
    a.run(&["build"]).code(0);
    let manifest = a.read("site/search/manifest.js");
    let statuses = r#""statuses":["draft","proposed","accepted","rejected","superseded","deprecated","withdrawn","unknown"]"#;
    assert!(manifest.contains(statuses), "{manifest}");
    // One character per RFC: Alpha accepted (2), Beta unknown (7).
    assert!(manifest.contains(r#""status":"27""#), "{manifest}");
    assert!(a.read("site/rfcs/0002-b.html").contains(">unknown<"));
    // The table's status filter can pick them out.
    assert!(
        a.read("site/all.html")
            .contains(r#"<option value="unknown">unknown (1)</option>"#)
    );
    // They are listed under their own status, so the counts add up to the archive.
    let listing = a.read("site/status/unknown.html");
    assert!(
        listing.contains("Beta") && !listing.contains("Alpha"),
        "{listing}"
    );
    let statuses = a.read("site/statuses.html");
    assert!(statuses.contains("status/unknown.html"), "{statuses}");
    assert!(a.read("site/index.html").contains("status/unknown.html"));
}

/// An RFC superseded by one that was superseded in turn names both: the one that replaced
/// it, and the latest in that line, today's decision.
#[test]
fn a_banner_names_the_latest_in_a_line_of_supersessions() {
    let a = Archive::empty();
    a.write("book.toml", "[book]\ntitle = \"T\"\n");
    let superseded = |title: &str, extra: &str| {
        rfc(title, extra).replace("status: accepted", "status: superseded")
    };
    a.write(
        "rfcs/0001-a.md",
        &superseded("Pool in each service", "superseded-by: 2\n"),
    );
    a.write(
        "rfcs/0002-b.md",
        &superseded("PgBouncer", "supersedes: [1]\nsuperseded-by: 3\n"),
    );
    a.write("rfcs/0003-c.md", &rfc("PgCat", "supersedes: [2]\n"));
    a.run(&["build"]).code(0);
    let first = a.read("site/rfcs/0001-a.html");
    assert!(
        first.contains(
            "It was superseded by <a href=\"0002-b.html\">RFC 0002: PgBouncer</a>, which is \
             superseded. The latest in that line is <a href=\"0003-c.html\">RFC 0003: \
             PgCat</a>, which is accepted."
        ),
        "{first}"
    );
    // One step: the RFC that replaced it is the latest; it is named once.
    let second = a.read("site/rfcs/0002-b.html");
    assert!(
        second.contains("RFC 0003: PgCat</a>, which is accepted.</p>"),
        "{second}"
    );
    assert!(!second.contains("The latest in that line"), "{second}");
}

/// An archive whose files are `ADR{id}-…` names its records so: pages, the feed, search
/// results and messages say `ADR002`, not `RFC 2` (rfcs/0023).
#[test]
fn records_are_named_in_the_archives_series() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[rfc]\nfile-name = \"ADR{id}-{slug}.md\"\nid-digits = 3\n",
    )
    .write("rfcs/ADR001-first.md", &rfc("First", "related: [2]\n"))
    .write("rfcs/ADR002-second.md", &rfc("Second", ""));
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/ADR001-first.html");
    assert!(
        page.contains("<p class=\"rfc-number\">ADR001</p>"),
        "{page}"
    );
    assert!(page.contains("<title>ADR001: First"), "{page}");
    assert!(page.contains(">ADR002 \u{2192}</a>"), "{page}");
    // Lists and the graph name it as the page does (they said `002` and `2`).
    assert!(page.contains(">ADR002 Second</a>"), "{page}");
    assert!(page.contains(">ADR002</text>"), "{page}");
    let home = a.read("site/index.html");
    assert!(home.contains(">ADR002 Second</a>"), "{home}");
    let listing = a.read("site/status/accepted.html");
    assert!(listing.contains(">ADR001 First</a>"), "{listing}");
    a.run(&["list"]).stdout_has("ADR002  accepted");
    assert!(
        a.read("site/feed.xml")
            .contains("<title>ADR002: Second</title>")
    );
    let manifest = a.read("site/search/manifest.js");
    assert!(
        manifest.contains(r#""label":"ADR""#) && manifest.contains(r#""digits":3"#),
        "{manifest}"
    );
    // The banner of a withdrawn record says what the archive calls it.
    a.write(
        "rfcs/ADR002-second.md",
        &rfc("Second", "").replace("status: accepted", "status: withdrawn"),
    );
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/ADR002-second.html");
    assert!(
        page.contains("<p>This ADR is <strong>withdrawn</strong>."),
        "{page}"
    );
    a.write("rfcs/ADR002-second.md", &rfc("Second", "related: [9]\n"));
    a.run(&["check", "--color", "never"])
        .code(1)
        .stdout_has("`related` names ADR009, which does not exist");
}

/// A supersession recorded on one side only (GOV.UK Forms writes `Superseded by` on the
/// old ADR alone) shows on both RFCs' pages and in the archive's graph, as `related` does.
#[test]
fn a_one_sided_supersession_shows_on_both_sides() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[rfc.lints]\nasymmetric-supersession = \"allow\"\nstatus-requires-field = \"allow\"\n",
    )
    .write(
        "rfcs/0001-old.md",
        &rfc("Old", "superseded-by: 2\n").replace("status: accepted", "status: superseded"),
    )
    .write("rfcs/0002-new.md", &rfc("New", ""))
    .write("rfcs/0003-newer.md", &rfc("Newer", "supersedes: [4]\n"))
    .write(
        "rfcs/0004-older.md",
        &rfc("Older", "").replace("status: accepted", "status: superseded"),
    );
    a.run(&["build"]).code(0);
    let new = a.read("site/rfcs/0002-new.html");
    assert!(
        new.contains("<h2>Supersedes</h2><ul><li><a href=\"0001-old.html\">0001 Old</a>"),
        "{new}"
    );
    let older = a.read("site/rfcs/0004-older.html");
    assert!(
        older.contains("<h2>Superseded by</h2><ul><li><a href=\"0003-newer.html\">0003 Newer</a>"),
        "{older}"
    );
    assert!(
        older.contains("It was superseded by <a href=\"0003-newer.html\">"),
        "{older}"
    );
    let graph = a.read("site/graph.html");
    assert_eq!(graph.matches("class=\"supersedes\"").count(), 2, "{graph}");
    // The arrows as text too, for screen readers and the browser's find.
    assert!(
        graph.contains("<li><a href=\"rfcs/0002-new.html\">RFC 0002: New</a> supersedes <a href=\"rfcs/0001-old.html\">RFC 0001: Old</a></li>"),
        "{graph}"
    );
    assert!(graph.contains("The 2 relations as a list"), "{graph}");
}

/// An attachment the site would serve as a page of its own address is published only if
/// it can run no script, judged as a browser reads it (entities, namespaces, UTF-16);
/// an HTML page never is; and hidden files (where secrets live) never are.
#[test]
fn attachments_that_run_script_or_are_hidden_are_not_published() {
    let utf16 = |text: &str| -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    };
    let a = Archive::empty();
    a.write(
        "rfcs/evil.html",
        "<p>Hi</p><script>alert(document.domain)</script>",
    )
    .write("rfcs/page.xht", "<p>Only words.</p>")
    .write(
        "rfcs/pic.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle onload=\"alert(1)\"/></svg>",
    )
    .write(
        "rfcs/prefixed.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:s=\"http://www.w3.org/2000/svg\"><s:script>alert(1)</s:script></svg>",
    )
    .write(
        "rfcs/entity.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"javascript&#58;alert(1)\"><text>x</text></a></svg>",
    )
    .write(
        "rfcs/page.rdf",
        "<rdf xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:img src=\"x\" onerror=\"alert(1)\"/></rdf>",
    )
    .write(
        "rfcs/clean.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>",
    )
    .write("rfcs/data.xml", "<limits><tenant>100</tenant></limits>\n")
    .write(".env", "TOKEN=secret\n")
    .write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "Run PgBouncer.",
            "Run PgBouncer: [spec](evil.html), [page](page.xht), ![d](pic.svg), ![p](prefixed.svg), ![e](entity.svg), ![w](wide.svg), [r](page.rdf), ![c](clean.svg), [x](data.xml), [e](../.env).",
        ),
    );
    std::fs::write(
        a.path().join("rfcs/wide.svg"),
        utf16("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
    )
    .unwrap();
    let json = a.run(&["check", "--format", "json"]).json();
    let found: Vec<(&str, &str)> = crate::harness::diagnostics(&json)
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    let expected = [
        ("evil.html", "it is an HTML page"),
        ("page.xht", "it is an HTML page"),
        ("pic.svg", "it has an event handler `onload` (line 1)"),
        ("prefixed.svg", "it has a `<script>` element (line 1)"),
        (
            "entity.svg",
            "it has a `javascript:` URL in `href` (line 1)",
        ),
        ("wide.svg", "it has a `<script>` element (line 1)"),
        ("page.rdf", "it has an HTML element `<img>` (line 1)"),
    ];
    assert_eq!(found.len(), expected.len() + 1, "{found:#?}");
    for ((code, message), (file, why)) in found.iter().zip(expected) {
        assert_eq!(*code, "RFC0310", "{message}");
        assert!(
            message.starts_with(&format!(
                "`rfcs/{file}` could run code in the reader's browser"
            )) && message.contains(why),
            "{file}: {message}"
        );
    }
    let last = found.last().unwrap();
    assert!(
        last.0 == "RFC0305" && last.1.contains("a hidden file"),
        "{found:?}"
    );
    a.run(&["build"]).code(1);
    a.write(
        "rfcs/0001-a.md",
        &a.read("rfcs/0001-a.md").replace(", [e](../.env)", ""),
    );
    a.run(&["build"]).code(0);
    assert!(a.path().join("site/assets/rfcs/clean.svg").is_file());
    assert!(a.path().join("site/assets/rfcs/data.xml").is_file());
    for (file, _) in expected {
        assert!(
            !a.path().join("site/assets/rfcs").join(file).exists(),
            "{file} was published"
        );
    }
}

/// Long names make pages of file names a file system takes: a 300-letter tag or author,
/// and an RFC file name of 250 bytes, whose page name would be longer than 255.
#[test]
fn long_names_make_pages_all_the_same() {
    let a = Archive::empty();
    let long = "t".repeat(300);
    let name = format!("rfcs/0012-{}.md", "s".repeat(240));
    a.write(
        &name,
        &rfc("Long", &format!("tags: [{long}]\n")).replace("Ada Lovelace", &"A".repeat(300)),
    );
    a.run(&["build"]).code(0);
    let tags: Vec<String> = std::fs::read_dir(a.path().join("site/tags"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(tags.iter().all(|t| t.len() <= 255), "{tags:?}");
    let pages: Vec<String> = std::fs::read_dir(a.path().join("site/rfcs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(pages.len(), 1);
    assert!(
        pages[0].starts_with("0012-sss") && pages[0].len() <= 210,
        "{pages:?}"
    );
}

/// A site built inside the source folder (`--out rfcs/out`) is passed over when the
/// archive is read again: its copies of linked Markdown are no RFCs of the archive.
#[test]
fn a_site_built_inside_the_source_folder_is_not_read_as_rfcs() {
    let a = Archive::empty();
    a.write("docs/extra.md", "# Notes\n").write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "Cheapest fix.",
            "Cheapest fix; see [notes](../docs/extra.md).",
        ),
    );
    a.run(&["build", "--out", "rfcs/out"]).code(0);
    assert!(a.path().join("rfcs/out/rfcs/docs-extra.html").is_file());
    a.run(&["check"])
        .code(0)
        .stdout_has("checked 1 file: no problems found");
    a.run(&["build", "--out", "rfcs/out"]).code(0);
}

/// Raw HTML in an RFC cannot reach out of the RFC's text: a stray `</div>` does not close
/// the page's layout, and an unclosed `<td>` is closed before the relations that follow.
#[test]
fn raw_html_stays_inside_the_rfc_text() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "related: [2]\n").replace(
            "Cheapest fix.",
            "Cheapest fix.\n\n</div></div>\n\n<table><tr><td>left open\n",
        ),
    )
    .write("rfcs/0002-b.md", &rfc("B", ""));
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0001-a.html");
    let content =
        &page[page.find("<div class=\"content\">").unwrap()..page.find("<aside").unwrap()];
    assert_eq!(
        content.matches("<div").count(),
        content.matches("</div>").count() - 1,
        "the content and layout divs close where the page closes them: {content}"
    );
    assert!(
        content.contains("left open\n</td></tr></table>"),
        "{content}"
    );
}

/// A rebuild links the files that come out the same from the site it replaces, and
/// writes only the others: on a disk, writing every file again made each save under
/// `serve` cost a whole build.
#[test]
fn a_rebuild_writes_only_what_changed() {
    use std::os::unix::fs::MetadataExt;
    let a = Archive::empty();
    a.write("rfcs/0001-a.md", &rfc("A", ""))
        .write("rfcs/0002-b.md", &rfc("B", ""));
    a.run(&["build"]).code(0);
    let inode = |rel: &str| std::fs::metadata(a.path().join(rel)).unwrap().ino();
    let (same, changed) = (
        inode("site/rfcs/0001-a.html"),
        inode("site/rfcs/0002-b.html"),
    );
    a.write(
        "rfcs/0002-b.md",
        &rfc("B", "").replace("Cheapest fix.", "Cheapest fix, and tested."),
    );
    a.run(&["build"]).code(0);
    assert_eq!(
        inode("site/rfcs/0001-a.html"),
        same,
        "an unchanged page is linked"
    );
    assert_ne!(
        inode("site/rfcs/0002-b.html"),
        changed,
        "a changed page is written"
    );
    assert!(a.read("site/rfcs/0002-b.html").contains("and tested"));
    assert_no_staging_left(&a);
}

/// Bare URLs in prose are links, as GitHub shows them (its extended autolinks), also when
/// the parser cuts the text at `_` or an entity; not in code, inside a link, in raw
/// HTML's own link or in an image's alternative text, where a mention is not linked either.
#[test]
fn bare_urls_are_links_as_on_github() {
    let a = acme();
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale(
            "Links",
            "",
            "See https://en.wikipedia.org/wiki/Inverted_index, www.example.com/x and \
             (https://x.org/a_(b)). Not `https://code.example.org`, nor http://localhost/, \
             nor [https://in.link.org](https://z.org), nor <a href=\"https://y.org\">https://y.org RFC 1</a>.\n\n\
             ![Diagram from RFC 1 at https://img.example.org](img/diagram.svg)",
        ),
    );
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0005-x.html");
    for (href, shown) in [
        (
            "https://en.wikipedia.org/wiki/Inverted_index",
            "https://en.wikipedia.org/wiki/Inverted_index",
        ),
        ("http://www.example.com/x", "www.example.com/x"),
        ("https://x.org/a_(b)", "https://x.org/a_(b)"),
    ] {
        assert!(
            page.contains(&format!("<a href=\"{href}\">{shown}</a>")),
            "{href}: {page}"
        );
    }
    assert!(
        page.contains("<code>https://code.example.org</code>"),
        "{page}"
    );
    assert!(page.contains("nor http://localhost/,"), "{page}");
    assert!(
        page.contains("<a href=\"https://z.org\">https://in.link.org</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"https://y.org\">https://y.org RFC 1</a>"),
        "{page}"
    );
    assert!(
        page.contains("alt=\"Diagram from RFC 1 at https://img.example.org\""),
        "{page}"
    );
}

/// Past 500 relations the graph page does not list them all as text (ten thousand lines
/// help no reader and cost a large archive's site 1.6 MB): it says how many there are.
#[test]
fn a_large_graph_is_not_listed_as_text() {
    let a = Archive::empty();
    a.write("book.toml", "[book]\ntitle = \"T\"\n");
    for id in 1..=33u32 {
        let others: Vec<String> = (1..=33u32)
            .filter(|&o| o != id)
            .map(|o| o.to_string())
            .collect();
        a.write(
            &format!("rfcs/{id:04}-r.md"),
            &rfc(
                &format!("R{id}"),
                &format!("related: [{}]\n", others.join(", ")),
            ),
        );
    }
    a.run(&["build"]).code(0);
    let graph = a.read("site/graph.html");
    assert!(!graph.contains("relation-list"), "{graph}");
    assert!(
        graph.contains("528 relations: too many to list here; each RFC's page lists its own."),
        "{graph}"
    );
}

/// A script or style left open hides nothing that follows it: inline HTML ends with its
/// run of text (also in a tight list item, before a nested list), and an HTML block
/// that never closes its `<style>` (CommonMark runs it to the end of the file) shows its
/// text rather than hide the rest of the RFC.
#[test]
fn an_unclosed_script_or_style_hides_nothing_after_it() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &crate::harness::rfc_with_rationale(
            "A",
            "",
            "- Step one <style>\n  - IMPORTANT_A\n  - IMPORTANT_B\n\n\
             > - quoted <script>x\n>   - NESTED_C\n\n\
             <style>\np { color: red }\n\n## Unresolved questions\n\nStill here.\n",
        ),
    );
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0001-a.html");
    for text in ["IMPORTANT_A", "IMPORTANT_B", "NESTED_C", "Still here."] {
        assert!(page.contains(text), "{text}: {page}");
    }
    let body = page.split("id=\"rationale\"").nth(1).unwrap();
    let body = &body[..body.find("</div>").unwrap()];
    assert!(
        !body.contains("<style") && !body.contains("<script"),
        "{body}"
    );
}

/// A page has no empty landmarks (screen readers list each one): an RFC without
/// relations has no relations aside, the only RFC no previous/next navigation. A
/// language written right to left sets the pages' direction.
#[test]
fn pages_leave_out_empty_landmarks_and_follow_the_language_s_direction() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[book]\ntitle = \"قرارات\"\nlanguage = \"ar\"\n",
    )
    .write("rfcs/0001-alone.md", &rfc("Alone", ""));
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0001-alone.html");
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"), "{page}");
    assert!(
        !page.contains("<aside") && !page.contains("prev-next"),
        "{page}"
    );
    let table = a.read("site/all.html");
    assert!(table.contains(">1 RFC</output>"), "{table}");
    a.write("book.toml", "[book]\nlanguage = \"en\"\n");
    a.run(&["build"]).code(0);
    assert!(a.read("site/index.html").contains("<html lang=\"en\">"));
}

/// A site that cannot be written is named as the folder it goes into, never by the
/// staging folder beside it, whose name is rfcbook's own (here the staging name is too
/// long for the file system: the only failure a test run as root can count on).
#[test]
fn a_site_that_cannot_be_written_names_the_folder_it_goes_into() {
    let a = acme();
    let name = "s".repeat(250);
    let run = a.run(&["build", "--out", &name]);
    run.code(2)
        .stderr_has("error[RFC9102]: cannot write the site into ")
        .stderr_has("= help: the file name is too long");
    assert!(!run.stderr.contains("rfcbook-new"), "{}", run.stderr);
}

/// The number a title starts with numbers the record itself, even when it is wrong (the
/// file's name decides): the record it names is not "referenced by" it.
#[test]
fn a_wrong_number_in_a_title_is_no_reference() {
    let a = Archive::empty();
    a.write("book.toml", "[rfc.lints]\ntitle-mismatch = \"allow\"\n")
        .write("rfcs/0002-b.md", &rfc("B", ""))
        .write(
            "rfcs/0003-c.md",
            &rfc("C", "").replace("\n# C\n", "\n# RFC 2: C\n"),
        )
        .write(
            "rfcs/0004-d.md",
            &rfc("D", "").replace("Run PgBouncer.", "Run it as RFC 2 says."),
        );
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0002-b.html");
    let referenced = page
        .split("<h2>Referenced by</h2>")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("{page}"));
    assert!(
        referenced.contains("0004-d.html") && !referenced.contains("0003-c.html"),
        "{referenced}"
    );
}

/// A Markdown file an RFC links to that is no RFC (a chapter kept beside it, as the Rust
/// RFCs' 3392 keeps four) is a page of the site, not Markdown source served as text: its
/// links lead where an RFC's do, its HTML is sanitised, it names the RFC that links to
/// it, and what it links to in turn is published too. A file that is no text is copied.
#[test]
fn linked_markdown_documents_are_pages() {
    let a = Archive::empty();
    a.write("book.toml", "[rfc]\nexclude = [\"0001-a/**\"]\n")
        .write(
            "rfcs/0001-a.md",
            &rfc("A", "").replace(
                "Cheapest fix.",
                "Cheapest fix; see [the motivation](0001-a/motivation.md#costs) and \
             [the data](0001-a/data.md).",
            ),
        )
        .write(
            "rfcs/0001-a/motivation.md",
            "# Motivation\n\nBack to [the RFC](../0001-a.md). See [more](more.md).\n\n\
         ## Costs\n\n![chart](chart.svg)\n\n<script>alert(1)</script>\n",
        )
        .write(
            "rfcs/0001-a/more.md",
            "---\ntitle: x\n---\nNo heading here.\n",
        )
        .write(
            "rfcs/0001-a/chart.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        );
    std::fs::write(a.path().join("rfcs/0001-a/data.md"), b"\xff\xfe binary").unwrap();
    a.run(&["build"]).code(0);
    let site = a.path().join("site");
    let rfc_page = std::fs::read_to_string(site.join("rfcs/0001-a.html")).unwrap();
    assert!(
        rfc_page.contains("href=\"rfcs-0001-a-motivation.html#costs\""),
        "{rfc_page}"
    );
    // A file that is no text has a page all the same (links lead to it), which links
    // to the file as it is.
    let data = std::fs::read_to_string(site.join("rfcs/rfcs-0001-a-data.html")).unwrap();
    assert!(
        data.contains("href=\"../assets/rfcs/0001-a/data.md\""),
        "{data}"
    );
    let page = std::fs::read_to_string(site.join("rfcs/rfcs-0001-a-motivation.html")).unwrap();
    assert!(page.contains("<h1>Motivation</h1>"), "{page}");
    assert_eq!(page.matches("Motivation</h1>").count(), 1, "{page}");
    assert!(page.contains("Linked from <a href=\"../rfcs/0001-a.html\">RFC 0001: A</a>"));
    assert!(
        page.contains("<a href=\"0001-a.html\">the RFC</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"rfcs-0001-a-more.html\">more</a>"),
        "{page}"
    );
    assert!(page.contains("id=\"costs\""), "{page}");
    assert!(
        page.contains("src=\"../assets/rfcs/0001-a/chart.svg\""),
        "{page}"
    );
    assert!(!page.contains("<script>alert"), "{page}");
    // Followed in turn: its title is its file's name, its front matter is not text.
    let more = std::fs::read_to_string(site.join("rfcs/rfcs-0001-a-more.html")).unwrap();
    assert!(
        more.contains("<h1>more</h1>") && !more.contains("title: x"),
        "{more}"
    );
    assert!(site.join("assets/rfcs/0001-a/chart.svg").is_file());
    assert!(site.join("assets/rfcs/0001-a/data.md").is_file());
    assert!(!site.join("assets/rfcs/0001-a/motivation.md").exists());
    // A change to a document is a change to the site.
    a.run(&["build"]).code(0).stderr_has("up to date");
    a.write(
        "rfcs/0001-a/more.md",
        "Now with [a link](https://example.com).\n",
    );
    a.run(&["build"]).code(0);
    let more = std::fs::read_to_string(site.join("rfcs/rfcs-0001-a-more.html")).unwrap();
    assert!(more.contains("https://example.com"), "{more}");
}

/// A first `#` heading that says something other than the title (an EIP's `# Parameters`
/// above its first list) is text of the body, kept on the page; one that says the title
/// (with its number or not) is left out, as the page shows the title above.
#[test]
fn a_first_heading_that_is_not_the_title_stays_on_the_page() {
    let a = Archive::empty();
    a.write("book.toml", "[rfc.lints]\ntitle-mismatch = \"allow\"\n")
        .write(
            "rfcs/0001-a.md",
            &rfc("A", "").replace("# A\n", "# Parameters\n\n- `GAS`: 3\n"),
        )
        .write(
            "rfcs/0002-b.md",
            &rfc("B", "").replace("# B\n", "# RFC 2: B\n"),
        );
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0001-a.html");
    assert!(page.contains(">Parameters</a></h1>"), "{page}");
    assert!(page.contains("<h1>A</h1>"), "{page}");
    let page = a.read("site/rfcs/0002-b.html");
    assert!(!page.contains("RFC 2: B</a></h1>"), "{page}");
    assert_eq!(page.matches("</h1>").count(), 1, "{page}");
}

/// `build --site-url` gives the address over book.toml's (a CI job passes the one its
/// host gives): the sitemap is absolute with it, a change of it is a change of the
/// site, and a bad one is said as book.toml's would be.
#[test]
fn site_url_given_on_the_command_line() {
    let a = Archive::empty();
    a.write("rfcs/0001-a.md", &rfc("A", ""));
    a.run(&["build"]).code(0);
    assert!(!a.read("site/sitemap.xml").contains("https://"));
    a.run(&["build", "--site-url", "https://acme.github.io/rfcs/"])
        .code(0)
        .stderr_has("built ");
    assert!(
        a.read("site/sitemap.xml")
            .contains("<loc>https://acme.github.io/rfcs/rfcs/0001-a.html</loc>")
    );
    a.run(&["build", "--site-url", "https://acme.github.io/rfcs/"])
        .code(0)
        .stderr_has("up to date");
    a.run(&["build", "--site-url", "javascript:alert(1)"])
        .code(2)
        .stderr_has(
            "--site-url: site-url `javascript:alert(1)` is neither a path nor an http(s) URL",
        );
}

/// A table whose delimiter row has tabs (`|:----:\t|`, as EIP-3198 writes BASEFEE's) is a
/// table, as GitHub shows it, not a paragraph of pipes; `check` reads the same body (a
/// heading after it keeps its place).
#[test]
fn a_table_with_tabs_in_its_delimiter_row_is_a_table() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "Run PgBouncer.\n",
            "Run PgBouncer.\n\n|  Op  \t| Cost \t|\n|:----:\t|:----:\t|\n| 0x48 \t|   2  \t|\n\n\
             See [below](#alternatives).\n",
        ),
    );
    a.run(&["check", "--deny-warnings"]).code(0);
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0001-a.html");
    assert!(
        page.contains("<th style=\"text-align: center\">Op</th>"),
        "{page}"
    );
    assert!(
        page.contains("<td style=\"text-align: center\">0x48</td>"),
        "{page}"
    );
    assert!(!page.contains("|:----:"), "{page}");
}

/// One person written with a GitHub handle in one RFC and an email in another (as the
/// EIPs write authors) has one page; "et al." names no one and has none.
#[test]
fn an_author_written_with_a_handle_or_an_email_is_one_person() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "authors: [\"Ada Lovelace <ada@example.com>\"]",
            "authors: [\"Vitalik Buterin (@vbuterin)\", \"et al.\"]",
        ),
    )
    .write(
        "rfcs/0002-b.md",
        &rfc("B", "").replace(
            "authors: [\"Ada Lovelace <ada@example.com>\"]",
            "authors: [\"Vitalik Buterin <v@example.com>\"]",
        ),
    );
    a.run(&["build"]).code(0);
    let authors: Vec<String> = std::fs::read_dir(a.path().join("site/authors"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(authors, ["vitalik-buterin.html"]);
    let page = a.read("site/authors/vitalik-buterin.html");
    assert!(page.contains("2 RFCs"), "{page}");
}
