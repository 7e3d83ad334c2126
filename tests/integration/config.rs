//! `book.toml` problems: exit 2, the file, the line, the key and how to fix it.

use crate::harness::{Archive, codes, rfc};

fn with_config(text: &str) -> Archive {
    let a = Archive::empty();
    a.write("book.toml", text)
        .write("rfcs/0001-a.md", &rfc("A", ""));
    a
}

#[test]
fn unknown_key_names_the_key_and_its_line() {
    let run = with_config("[book]\ntitle = \"x\"\n\n[rfc]\nstauts = [\"a\"]\n").run(&["check"]);
    run.code(2)
        .stderr_has("error[RFC9001]")
        .stderr_has("stauts")
        .stderr_has("book.toml:5:1")
        .stderr_has("= help:");
}

/// A bad book.toml is shown as a diagnostic is (its line, a caret, a suggestion), and
/// `--format json` and `--format github` carry it too: CI that reads them learns why
/// nothing was checked (rfcs/0002).
#[test]
fn a_bad_book_toml_in_every_format() {
    let a = with_config("[book]\ntitel = \"x\"\n");
    a.run(&["check"])
        .code(2)
        .stderr_has("error[RFC9001]: invalid book.toml: unknown field `titel`")
        .stderr_has(" --> book.toml:2:1\n")
        .stderr_has("2 | titel = \"x\"\n  | ^^^^^\n")
        .stderr_has("= help: did you mean `title`?");
    let run = a.run(&["check", "--format", "json"]);
    run.code(2).stderr_has("error[RFC9001]");
    let json = run.json();
    let d = &json["diagnostics"][0];
    assert_eq!(
        (
            &d["code"],
            &d["severity"],
            &d["file"],
            &d["line"],
            &d["column"]
        ),
        (
            &"RFC9001".into(),
            &"error".into(),
            &"book.toml".into(),
            &2.into(),
            &1.into()
        ),
        "{json}"
    );
    assert_eq!(d["help"], "did you mean `title`?");
    assert_eq!(json["summary"]["errors"], 1);
    a.run(&["check", "--format", "github"]).code(2).stdout_has(
        "::error file=book.toml,line=2,col=1,title=RFC9001::invalid book.toml: unknown field `titel`",
    );
    // Serde's names for numbers are not shown.
    with_config("[rfc]\nstale-after-days = \"28\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("expected a whole number, 0 or more")
        .stderr_has("2 | stale-after-days = \"28\"\n  |                    ^^^^\n");
    // Syntax errors get help about syntax.
    with_config("[book]\ntitle = \"a\"\ntitle = \"b\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("= help: the key is given twice in its table: keep one");
    // A table given twice is named as a table, with the line of the first.
    with_config("# [book] is below\n[book]\ntitle = \"a\"\n\n[book]\nsrc = \"rfcs\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("the table `[book]` is given twice")
        .stderr_has("--> book.toml:5:1")
        .stderr_has("move its keys into the first `[book]` (line 2)");
    // A key cut short is suggested whole; a key of another table is sent there.
    for (config, help) in [
        (
            "[output.html]\nedit-url = \"https://x.example/{path}\"\n",
            "did you mean `edit-url-template`?",
        ),
        ("[book]\nlang = \"en\"\n", "did you mean `language`?"),
        (
            "[output.html]\nlanguage = \"en\"\n",
            "`language` belongs in [book]: move the line there",
        ),
    ] {
        with_config(config)
            .run(&["check"])
            .code(2)
            .stderr_has(&format!("= help: {help}"));
    }
    // A table where a value was written: no type of rfcbook's own in the message.
    let run = with_config("[output]\nhtml = 1\n").run(&["check"]);
    run.code(2).stderr_has("expected a table");
    assert!(!run.stderr.contains("Raw"), "{}", run.stderr);
    with_config("[book\ntitle = \"a\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("= help: fix the TOML here");
    // An error about no file has the shape of every diagnostic: the archive itself, at 1:1.
    let run = Archive::empty().run(&["--root", "nowhere", "check", "--format", "json"]);
    run.code(2);
    let json = run.json();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "RFC9003", "{json}");
    assert_eq!(
        (&d["file"], &d["line"], &d["column"]),
        (&".".into(), &1.into(), &1.into()),
        "{json}"
    );
    let a = with_config("[book]\ntitle = \"x\"\n");
    let run = a.run(&["check", "--format", "github", "rfcs/0009-nope.md"]);
    run.code(2);
    assert!(
        run.stdout.starts_with(
            "::error file=.,line=1,col=1,title=RFC9003::rfcs/0009-nope.md does not exist"
        ) && !run.stdout.contains("help"),
        "{}",
        run.stdout
    );
    let run = a.run(&["check", "--format", "json", "rfcs/0009-nope.md"]);
    assert_eq!(run.json()["diagnostics"][0]["line"], 1);
}

/// A book.toml carried over from mdBook: its keys that rfcbook lacks are named as such,
/// with what to do instead, not "correct the spelling"; `cname` is mdBook's and kept.
#[test]
fn mdbook_keys_are_told_apart_from_typos() {
    for (key, help) in [
        (
            "[output.html]\ngit-repository-icon = \"fa-github\"\n",
            "help: `git-repository-icon` is an mdBook setting that rfcbook does not have: the repository link has no icon to choose",
        ),
        (
            "[output.html]\nadditional-css = [\"x.css\"]\n",
            "put CSS in your theme's static/custom.css, which every page loads after the default style",
        ),
        (
            "[build]\ncreate-missing = false\n",
            "`create-missing` is an mdBook setting that rfcbook does not have: remove it",
        ),
        (
            "[preprocessor.katex]\n",
            "rfcbook runs no preprocessors: remove the table",
        ),
    ] {
        let run = with_config(key).run(&["check"]);
        run.code(2).stderr_has("error[RFC9001]").stderr_has(help);
        assert!(!run.stderr.contains("did you mean"), "{}", run.stderr);
    }
    for (config, problem) in [
        (
            "[output.html]\ncname = \"https://rfcs.example.com/\"\n",
            "cname `https://rfcs.example.com/` is not a domain name",
        ),
        (
            "[output.html]\nsite-url = \"https://example.com/docs/?x=1\"\n",
            "has a query or a fragment",
        ),
    ] {
        with_config(config)
            .run(&["check"])
            .code(2)
            .stderr_has(problem)
            .stderr_has("book.toml:2:1");
    }
}

/// The RFC folder is in the archive: `src = "/etc"` would make the machine's files RFCs,
/// named by absolute paths where diagnostics promise paths from the archive root.
#[test]
fn src_outside_the_archive_is_refused() {
    for src in ["/etc", "../elsewhere", "rfcs/../.."] {
        with_config(&format!("[book]\nsrc = {src:?}\n"))
            .run(&["check"])
            .code(2)
            .stderr_has(&format!(
                "error[RFC9001]: src `{src}` is outside the archive"
            ))
            .stderr_has("--> book.toml:2:1");
    }
    with_config("[book]\nsrc = \"rfcs/../rfcs\"\n")
        .run(&["check"])
        .code(0);
}

/// `[rfc] template` names a file inside the archive (rfcs/0033): a wrong one fails every
/// command at its line, as a wrong theme does, not `new` weeks later.
#[test]
fn a_template_that_is_not_there_is_refused_at_its_line() {
    for (value, problem) in [
        ("docs/adr-template.md", "does not exist"),
        ("rfcs", "is a folder, not a file"),
        ("../template.md", "is outside the archive"),
        ("/etc/passwd", "is outside the archive"),
        ("", "is empty"),
    ] {
        with_config(&format!(
            "[output.html]\nedit-url-template = \"https://x.org/{{path}}\"\n\n[rfc]\ntemplate = {value:?}\n"
        ))
        .run(&["check"])
        .code(2)
        .stderr_has(&format!(
            "error[RFC9001]: the template `{value}` {problem}"
        ))
        // The key's own line, not `edit-url-template`'s.
        .stderr_has("--> book.toml:5:1")
        .stderr_has("or remove the key to use `template.md` in the source folder");
    }
}

/// A template that is a symbolic link leading out of the archive is refused as one
/// written outside it.
#[cfg(unix)]
#[test]
fn a_template_linked_from_outside_the_archive_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("t.md"), "# {{title}}\n").unwrap();
    let a = with_config("[rfc]\ntemplate = \"rfcs/t.md\"\n");
    std::os::unix::fs::symlink(outside.path().join("t.md"), a.path().join("rfcs/t.md")).unwrap();
    a.run(&["check"])
        .code(2)
        .stderr_has("the template `rfcs/t.md` leads outside the archive");
}

/// The template book.toml names is the team's, not an RFC, wherever it is: in the source
/// folder it is left out as `template.md` is; without the key it is a misnamed RFC.
#[test]
fn the_named_template_is_not_an_rfc() {
    let template = "# {short title}\n\n## Problem\n\n{what is wrong}\n";
    let a = with_config("[rfc]\ntemplate = \"rfcs/adr-template.md\"\n");
    a.write("rfcs/adr-template.md", template);
    a.run(&["check", "--deny-warnings"])
        .code(0)
        .stdout_has("checked 1 file: no problems found");
    let plain = with_config("");
    plain.write("rfcs/adr-template.md", template);
    let json = plain.run(&["check", "--format", "json"]).json();
    assert!(codes(&json).contains(&"RFC0005"), "{json:#}");
}

/// A folder of Markdown without book.toml is read from its root; the dependencies and
/// build caches beside the RFCs (node_modules, a folder tagged CACHEDIR.TAG such as
/// cargo's target/) are not RFCs.
#[test]
fn a_plain_folder_skips_dependencies_and_caches() {
    let a = Archive::empty();
    a.write("0001-a.md", &rfc("A", ""))
        .write("node_modules/pkg/0002-readme.md", "# not an RFC\n")
        .write(
            "target/CACHEDIR.TAG",
            "Signature: 8a477f597d28d172789f06886806bc55\n",
        )
        .write("target/doc/0003-x.md", "# not an RFC\n");
    a.run(&["check", "--deny-warnings"])
        .code(0)
        .stdout_has("checked 1 file: no problems found");
}

#[test]
fn wrong_type_names_the_key_and_the_line() {
    with_config("[rfc]\nstale-after-days = \"two sprints\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("book.toml:2:");
    // The key is in the message itself, which is all that JSON and annotations carry.
    for (config, message, line) in [
        (
            "[rfc]\nstale-after-days = \"28\"\n",
            "invalid book.toml: `stale-after-days` has the wrong type: string \"28\", expected a whole number, 0 or more",
            2,
        ),
        (
            "[output.html]\nsite-url = [\"/\"]\n",
            "invalid book.toml: `site-url` has the wrong type: a list, expected a string",
            2,
        ),
        (
            "[rfc]\nstatuses = [\n  \"draft\",\n  3,\n]\n",
            "invalid book.toml: `statuses` has the wrong type: integer `3`, expected a string",
            4,
        ),
    ] {
        let run = with_config(config).run(&["check", "--format", "json"]);
        run.code(2);
        let d = &run.json()["diagnostics"][0];
        assert_eq!(d["message"], message, "{d}");
        assert_eq!(d["line"], line, "{d}");
        assert_eq!(
            d["help"],
            "give the key a value of the type the message names"
        );
    }
}

#[test]
fn meaningless_values_are_errors_at_their_place() {
    with_config("[rfc]\nrequired-fields = [\"title\", \"auhtors\"]\n")
        .run(&["check"])
        .code(2)
        .stderr_has("book.toml:2:29")
        .stderr_has("did you mean `authors`?");
    with_config("[rfc.required-by-status]\nacepted = [\"decided\"]\n")
        .run(&["check"])
        .code(2)
        .stderr_has("book.toml:2:1");
    with_config("[rfc.lints]\nunknown-kye = \"deny\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("did you mean `unknown-key`?");
    with_config("[rfc]\nfile-name = \"{slug}.md\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("file-name");
    // A folder in the pattern would match no file name: every RFC would be misnamed.
    with_config("[rfc]\nfile-name = \"text/{id}-{slug}.md\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("error[RFC9001]")
        .stderr_has("book.toml:2:")
        .stderr_has("write it without `/`");
    with_config("[rfc]\nstatuses = []\n")
        .run(&["check"])
        .code(2);
    // A status is a small number in the model: 65,537 statuses made one another.
    let many: Vec<String> = (0..1001).map(|i| format!("\"s{i}\"")).collect();
    with_config(&format!("[rfc]\nstatuses = [{}]\n", many.join(", ")))
        .run(&["check"])
        .code(2)
        .stderr_has("lists 1001 statuses, more than 1000");
    // An id has at most ten digits; a width of billions took gigabytes, then panicked.
    for digits in ["0", "11", "18446744073709551615"] {
        with_config(&format!("[rfc]\nid-digits = {digits}\n"))
            .run(&["check"])
            .code(2)
            .no_panic()
            .stderr_has("error[RFC9001]: invalid `[rfc] id-digits`")
            .stderr_has("--> book.toml:2:1");
    }
}

#[test]
fn invalid_toml_and_invalid_utf8() {
    with_config("[book\n")
        .run(&["check"])
        .code(2)
        .stderr_has("book.toml:1:");
    // A syntax error is blamed on a key only on that key's line.
    with_config("[rfc]\nstatuses = [\"a\"]\nthis is wrong\n")
        .run(&["check"])
        .code(2)
        .stderr_has("error[RFC9001]: invalid book.toml: key with no value")
        .stderr_has(" --> book.toml:3:");
    with_config("[book]\nsrc = \"docs\n")
        .run(&["check"])
        .code(2)
        .stderr_has("error[RFC9001]: invalid book.toml: `src`: invalid basic string");
    let a = Archive::empty();
    std::fs::write(a.path().join("book.toml"), b"[book]\ntitle = \"\xff\"\n").unwrap();
    // Where the byte is, as the archive's own path names book.toml.
    a.run(&["check"])
        .code(2)
        .stderr_has("not valid UTF-8 (byte 0xff at line 2, column 10)")
        .stderr_has(" --> book.toml:2:10\n")
        .stderr_has("  |          ^\n");
    // A byte-order mark is no column.
    std::fs::write(
        a.path().join("book.toml"),
        b"\xef\xbb\xbf[book]\ntitle = \"ab\xffc\"\n",
    )
    .unwrap();
    a.run(&["check"])
        .code(2)
        .stderr_has(" --> book.toml:2:12\n");
    std::fs::write(
        a.path().join("book.toml"),
        b"\xef\xbb\xbftitle = \"ab\xffc\"\n",
    )
    .unwrap();
    a.run(&["check"])
        .code(2)
        .stderr_has(" --> book.toml:1:12\n");
}

#[test]
fn configured_vocabulary_and_sections_are_used() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[rfc]\nstatuses = [\"open\", \"done\"]\nrequired-sections = [\"problem\"]\n\n[rfc.sections.problem]\ntitle = \"Why\"\n",
    )
    .write(
        "rfcs/0001-a.md",
        "---\ntitle: A\nstatus: done\nauthors: [Ada]\ncreated: 2026-01-01\n---\n# A\n\n## Why\n\nBecause.\n",
    )
    .write(
        "rfcs/0002-b.md",
        "---\ntitle: B\nstatus: accepted\nauthors: [Ada]\ncreated: 2026-01-01\n---\n# B\n\n## Problem\n\nx\n",
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let codes = codes(&json);
    // B's status is not in the vocabulary, and `Problem` is no longer a title of the
    // problem section (aliases stay).
    assert_eq!(codes, ["RFC0110", "RFC0301"], "{json}");
}

/// `[rfc.status-roles]` gives a team's own status names the roles the rules reason about
/// (rfcs/0011): here "replaced" is superseded and "in review" is proposed.
const ROLES: &str = "[rfc]\nstatuses = [\"in review\", \"approved\", \"replaced\"]\nstale-after-days = 30\n\n[rfc.status-roles]\n\"in review\" = \"proposed\"\napproved = \"accepted\"\nreplaced = \"superseded\"\n\n[rfc.required-by-status]\napproved = [\"decided\"]\n";

fn with_roles() -> Archive {
    let a = Archive::empty();
    a.write("book.toml", ROLES)
        .write(
            "rfcs/0001-old.md",
            &rfc("Old", "superseded-by: 2\n").replace("status: accepted", "status: replaced"),
        )
        .write(
            "rfcs/0002-new.md",
            &rfc("New", "supersedes: [1]\n").replace("status: accepted", "status: approved"),
        )
        .write(
            "rfcs/0003-waiting.md",
            &rfc("Waiting", "").replace("status: accepted", "status: in review"),
        );
    a
}

#[test]
fn status_roles_apply_the_rules_to_a_team_s_names() {
    let a = with_roles();
    // "in review" is a proposal: created 2026-03-01, stale by today (2026-11-26).
    let json = a.run(&["check", "--format", "json"]).json();
    let codes = codes(&json);
    assert_eq!(codes, ["RFC0308"], "{json}");
    // Its help names the archive's own statuses, which have no rejected or withdrawn.
    assert_eq!(
        json["diagnostics"][0]["help"],
        "decide it (`approved`, with `decided:`), or raise `[rfc] stale-after-days`",
        "{json}"
    );
    // The superseded role, by its name here: `superseded-by` on an approved RFC is wrong,
    // and the help names the status to use.
    a.write(
        "rfcs/0003-waiting.md",
        &rfc("Waiting", "superseded-by: 2\n").replace("status: accepted", "status: approved"),
    );
    a.run(&["check"])
        .code(1)
        .stdout_has("error[RFC0203]")
        .stdout_has("set `status: replaced`");
    // Without `[rfc.required-by-status]`, a status asks for what its role asks for: an
    // approved RFC for its decision date, as an accepted one does.
    a.write(
        "rfcs/0003-waiting.md",
        &rfc("Waiting", "")
            .replace("status: accepted", "status: approved")
            .replace("decided: 2026-03-20\n", ""),
    );
    a.run(&["check"])
        .code(1)
        .stdout_has("error[RFC0111]: status `approved` requires `decided`, which is missing");
}

#[test]
fn without_a_superseded_status_the_help_points_to_status_roles() {
    let a = Archive::empty();
    a.write("book.toml", "[rfc]\nstatuses = [\"open\", \"accepted\"]\n")
        .write("rfcs/0001-old.md", &rfc("Old", "superseded-by: 2\n"))
        .write("rfcs/0002-new.md", &rfc("New", "supersedes: [1]\n"));
    a.run(&["check"])
        .code(1)
        .stdout_has("error[RFC0203]")
        .stdout_has("name one in `[rfc.status-roles]`");
}

#[test]
fn status_roles_errors_name_the_place_and_the_choices() {
    with_config("[rfc.status-roles]\naccepted = \"acepted\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("error[RFC9001]")
        .stderr_has("book.toml:2:12")
        .stderr_has("did you mean `accepted`?");
    with_config("[rfc.status-roles]\napprove = \"accepted\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("book.toml:2:1")
        .stderr_has("unknown status `approve`");
    with_config("[rfc.status-roles]\nproposed = \"none\"\n")
        .run(&["check"])
        .code(0);
}

#[test]
fn status_roles_drive_the_site() {
    let a = with_roles();
    a.run(&["build"]).code(0);
    let old = a.read("site/rfcs/0001-old.html");
    assert!(old.contains("class=\"banner banner-superseded\""), "{old}");
    assert!(
        old.contains("superseded by <a href=\"0002-new.html\""),
        "{old}"
    );
    let home = a.read("site/index.html");
    assert!(
        home.contains("0003-waiting.html"),
        "open proposals list the RFC in review"
    );
    // Badges, the home page's counts and chart, the table and the search page colour a
    // status by its role, not by its name, which the theme does not know; the badge keeps
    // the status's own class too, for a theme's `.status-approved`.
    assert!(
        old.contains("<span class=\"badge status-superseded status-replaced\">replaced</span>"),
        "{old}"
    );
    assert!(
        home.contains("<span class=\"badge status-proposed status-in-review\">in review</span>"),
        "{home}"
    );
    assert!(
        home.contains("class=\"bar status-accepted\""),
        "the chart colours approved as accepted: {home}"
    );
    let table = a.read("site/all.html");
    assert!(
        table.contains("<span class=\"badge status-accepted status-approved\">approved</span>"),
        "{table}"
    );
    let manifest = a.read("site/search/manifest.js");
    assert!(
        manifest.contains("\"statusClasses\":[\"status-proposed status-in-review\",\"status-accepted status-approved\",\"status-superseded status-replaced\"]")
            && manifest.contains("\"statuses\":[\"in review\",\"approved\",\"replaced\"]"),
        "{manifest}"
    );
}

/// A record that moved away keeps a status with the role `moved` and a line saying where
/// (the EIPs keep hundreds: `eip: 20`, `status: Moved`, "This file was moved to …"). It
/// owes none of a record's fields and sections (rfcs/0034), while a record in any other
/// status is still told what it lacks; its page says it moved, titled by its status, and
/// it is listed under its status but not in the feed, which needs dates it has not.
#[test]
fn a_record_that_moved_owes_nothing_and_its_page_says_it_moved() {
    let a = Archive::empty();
    let stub = |status: &str| {
        format!(
            "---\neip: 20\nstatus: {status}\n---\n\n\
             This file was moved to https://github.com/ethereum/ercs/blob/master/ERCS/erc-20.md\n"
        )
    };
    a.write(
        "book.toml",
        "[rfc]\nfile-name = \"eip-{id}.md\"\nid-digits = 1\n\
         statuses = [\"draft\", \"final\", \"Moved\"]\n\n\
         [rfc.status-roles]\nfinal = \"accepted\"\n\n[rfc.lints]\nunknown-key = \"allow\"\n",
    )
    .write(
        "rfcs/eip-1.md",
        &(rfc("Use EIPs", "").replace("status: accepted", "status: final") + "\nAs EIP-20 says.\n"),
    )
    .write("rfcs/eip-20.md", &stub("Moved"));
    a.run(&["check", "--deny-warnings"])
        .code(0)
        .stdout_has("checked 2 files: no problems found");
    // The same file in a status that is no move lacks a title, authors, dates and
    // every section.
    a.write("rfcs/eip-20.md", &stub("draft"));
    let json = a.run(&["check", "--format", "json"]).code(1).json();
    let mut found = codes(&json);
    found.dedup();
    assert_eq!(found, ["RFC0105", "RFC0301"], "{json}");
    // A status of another name takes the role from `[rfc.status-roles]`.
    a.write(
        "book.toml",
        "[rfc]\nfile-name = \"eip-{id}.md\"\nid-digits = 1\n\
         statuses = [\"draft\", \"final\", \"elsewhere\"]\n\n\
         [rfc.status-roles]\nfinal = \"accepted\"\nelsewhere = \"moved\"\n\n\
         [rfc.lints]\nunknown-key = \"allow\"\n",
    )
    .write("rfcs/eip-20.md", &stub("elsewhere"));
    a.run(&["check", "--deny-warnings"]).code(0);
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/eip-20.html");
    for part in [
        "<title>EIP-20: Elsewhere",
        "class=\"banner banner-moved\" role=\"note\">\n<p>This EIP is \
         <strong>elsewhere</strong>: it is kept elsewhere now, as the text below says.</p>",
        "<a href=\"https://github.com/ethereum/ercs/blob/master/ERCS/erc-20.md\">",
        "<span class=\"badge status-moved status-elsewhere\">elsewhere</span>",
    ] {
        assert!(page.contains(part), "{part}\nnot in:\n{page}");
    }
    // The mention on EIP-1's page leads to it.
    let first = a.read("site/rfcs/eip-1.html");
    assert!(first.contains("href=\"eip-20.html\""), "{first}");
    let listed = a.read("site/status/elsewhere.html");
    assert!(listed.contains("EIP-20 Elsewhere</a>"), "{listed}");
    let feed = a.read("site/feed.xml");
    assert!(!feed.contains("eip-20"), "{feed}");
    let json: serde_json::Value = serde_json::from_str(&a.read("site/rfcs.json")).unwrap();
    let moved = &json.as_array().unwrap()[1];
    assert_eq!(
        (
            &moved["id"],
            &moved["title"],
            &moved["status"],
            &moved["created"]
        ),
        (
            &serde_json::json!(20),
            &serde_json::json!("Elsewhere"),
            &serde_json::json!("elsewhere"),
            &serde_json::Value::Null
        ),
        "{json}"
    );
}

/// `[rfc] default-status` gives an RFC that writes no status one (rfcs/0030): it is not
/// missing, it is not asked for a `decided` date it never claimed, and the site, `list`
/// and rfcs.json show it. A status written wrong is still an error, not defaulted.
#[test]
fn default_status_is_given_to_rfcs_that_write_none() {
    let a = Archive::empty();
    let unstated = rfc("Unstated", "")
        .replace("status: accepted\n", "")
        .replace("decided: 2026-03-20\n", "");
    a.write("book.toml", "[rfc]\ndefault-status = \"Accepted\"\n")
        .write("rfcs/0001-unstated.md", &unstated)
        .write(
            "rfcs/0002-stated.md",
            &rfc("Stated", "").replace("accepted", "rejected"),
        );
    let json = a.run(&["check", "--format", "json"]).code(0).json();
    assert_eq!(codes(&json), Vec::<&str>::new(), "{json}");
    let list = a.run(&["list", "--format", "json"]).code(0).json();
    assert_eq!(list[0]["status"], "accepted", "{list}");
    assert_eq!(list[1]["status"], "rejected", "{list}");
    a.run(&["list", "--status", "accepted"])
        .code(0)
        .stdout_has("Unstated");
    a.run(&["build"]).code(0);
    let rfcs: serde_json::Value = serde_json::from_str(&a.read("site/rfcs.json")).unwrap();
    assert_eq!(rfcs[0]["status"], "accepted", "{rfcs}");
    assert_eq!(rfcs[0]["decided"], serde_json::Value::Null, "{rfcs}");
    let page = a.read("site/rfcs/0001-unstated.html");
    assert!(
        page.contains("<span class=\"badge status-accepted\">accepted</span>"),
        "{page}"
    );
    // The home page counts it, and says why it is not among the recent decisions.
    let home = a.read("site/index.html");
    assert!(
        home.contains("<span class=\"badge status-accepted\">accepted</span>"),
        "{home}"
    );
    assert!(
        home.contains("0002-stated.html") && !home.contains("Nothing has been decided yet"),
        "{home}"
    );
    a.write(
        "rfcs/0002-stated.md",
        &unstated.replace("Unstated", "Stated"),
    );
    a.run(&["build"]).code(0);
    let home = a.read("site/index.html");
    assert!(
        home.contains("2 decided RFCs have no <code>decided</code> date."),
        "{home}"
    );
    // A status written wrong is reported, not replaced by the default.
    a.write(
        "rfcs/0002-stated.md",
        &rfc("Stated", "").replace("status: accepted", "status: acepted"),
    );
    let json = a.run(&["check", "--format", "json"]).code(1).json();
    assert_eq!(codes(&json), ["RFC0110"], "{json}");
}

#[test]
fn default_status_must_be_a_status_that_needs_nothing_more() {
    with_config("[rfc]\ndefault-status = \"acepted\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("error[RFC9001]")
        .stderr_has("book.toml:2:18")
        .stderr_has("unknown status `acepted`")
        .stderr_has("did you mean `accepted`?");
    with_config("[rfc]\ndefault-status = \"superseded\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("book.toml:2:18")
        .stderr_has("a superseded status")
        .stderr_has("superseded-by:");
}
