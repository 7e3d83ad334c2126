//! `rfcbook check`: output formats, exit statuses, limiting the report to some files.

use crate::harness::{Archive, codes, git, rfc};

fn two_broken() -> Archive {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "related: [2]\n").replace("status: accepted", "status: acepted"),
    )
    .write("rfcs/0002-b.md", &rfc("B", "related: [1]\nstauts: x\n"));
    a
}

#[test]
fn json_has_the_contract_shape() {
    let run = two_broken().run(&["check", "--format", "json"]);
    run.code(1);
    let json = run.json();
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 2, "errors": 1, "warnings": 1})
    );
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "RFC0110");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "rfcs/0001-a.md");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(9))
    );
    assert!(d["message"].as_str().unwrap().contains("acepted"));
    assert!(d["help"].as_str().unwrap().contains("accepted"));
    let keys: Vec<&String> = d.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "code", "column", "file", "help", "line", "message", "severity"
        ]
    );
}

#[test]
fn github_annotations() {
    let run = two_broken().run(&["check", "--format", "github"]);
    run.code(1)
        .stderr_has("checked 2 files: 1 error, 1 warning\n");
    assert_eq!(
        run.stdout,
        "::error file=rfcs/0001-a.md,line=3,col=9,title=RFC0110::unknown status `acepted`\n\
         ::warning file=rfcs/0002-b.md,line=8,col=1,title=RFC0108::unknown front-matter key `stauts`\n"
    );
}

#[test]
fn human_output_is_rustc_style_and_colored_on_request() {
    let run = two_broken().run(&["check", "--color", "never"]);
    run.stdout_has("error[RFC0110]: unknown status `acepted`\n --> rfcs/0001-a.md:3:9\n")
        .stdout_has("3 | status: acepted\n  |         ^^^^^^^\n")
        .stdout_has("= help: did you mean `accepted`?")
        .stdout_has("checked 2 files: 1 error, 1 warning\n");
    assert!(!run.stdout.contains('\x1b'));
    let colored = two_broken().run(&["check", "--color", "always"]);
    assert!(colored.stdout.contains("\x1b["), "{}", colored.stdout);
    let auto = two_broken().env("CLICOLOR_FORCE", "1").run(&["check"]);
    assert!(auto.stdout.contains("\x1b["));
}

/// `--quiet` prints the problems and nothing else: no summary line, in any case.
#[test]
fn quiet_prints_only_problems() {
    let run = two_broken().run(&["--quiet", "check", "--color", "never"]);
    run.code(1)
        .stdout_has("error[RFC0110]")
        .stdout_has("warning[RFC0108]");
    assert!(!run.stdout.contains("checked"), "{}", run.stdout);
    let clean = Archive::empty();
    clean.write("rfcs/0001-a.md", &rfc("A", ""));
    let run = clean.run(&["-q", "check"]);
    run.code(0);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
}

#[test]
fn warnings_pass_unless_denied() {
    let a = Archive::empty();
    a.write("rfcs/0001-a.md", &rfc("A", "stauts: x\n"));
    a.run(&["check"]).code(0).stdout_has("0 errors, 1 warning");
    // "0 errors" and a failed job: the log says why.
    a.run(&["check", "--deny-warnings"]).code(1).stderr_has(
        "error: failed because warnings are denied (--deny-warnings): fix the warning, or lower its rule in [rfc.lints]",
    );
    // A book.toml saved with a byte-order mark is read, and its places are where they look.
    a.write("book.toml", "\u{feff}stauts = 1\n");
    a.run(&["check"])
        .code(2)
        .stderr_has("--> book.toml:1:1")
        .stderr_has("1 | stauts = 1\n  | ^^^^^^");
}

#[test]
fn paths_limit_the_report_but_not_the_references() {
    let a = two_broken();
    let run = a.run(&["check", "--format", "json", "rfcs/0002-b.md"]);
    run.code(0);
    let json = run.json();
    // RFC 2 relates to RFC 1, which is outside the selection but still known.
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 1, "errors": 0, "warnings": 1})
    );
    let run = a.run_in(
        &a.path().join("rfcs"),
        &["check", "--format", "json", "0001-a.md"],
    );
    assert_eq!(run.json()["summary"]["errors"], 1);
    a.run(&["check", "rfcs/0009-none.md"])
        .code(2)
        .stderr_has("RFC9003");
}

#[test]
fn lints_change_severities() {
    let a = two_broken();
    a.write(
        "book.toml",
        "[rfc.lints]\nunknown-status = \"warn\"\nRFC0108 = \"allow\"\n",
    );
    let json = a.run(&["check", "--format", "json"]).json();
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 2, "errors": 0, "warnings": 1})
    );
    a.write("book.toml", "[rfc.lints]\nunknown-key = \"deny\"\n");
    let run = a.run(&["check", "--format", "json"]);
    assert_eq!(run.json()["summary"]["errors"], 2);
}

/// MADR's front matter (`date`, `decision-makers`) read through `[rfc.key-aliases]`: the
/// values land in the fields, problems name the key as written, and `rfcs.json` has them.
#[test]
fn key_aliases_read_another_tool_s_front_matter() {
    let a = Archive::empty();
    let madr = |date: &str| {
        rfc("Use PostgreSQL", "")
            .replace("authors: [", "decision-makers: [")
            .replace("created: 2026-03-01", &format!("date: {date}"))
    };
    a.write("rfcs/0001-a.md", &madr("2026-03-01"))
        .write("rfcs/0002-b.md", &madr("2026-02-30"));
    // Without the aliases the fields are missing, each said once, at the key that most
    // likely gives it, with the alias that reads it.
    a.run(&["check"])
        .code(1)
        .stdout_has(
            "error[RFC0105]: required field `authors` is missing; `decision-makers` is probably it",
        )
        .stdout_has("`[rfc.key-aliases] date = \"created\"` in book.toml")
        .stdout_lacks("RFC0108");
    a.write(
        "book.toml",
        "[rfc.key-aliases]\ndate = \"created\"\ndecision-makers = \"authors\"\n",
    );
    let run = a.run(&["check", "--format", "json"]);
    let json = run.json();
    assert_eq!(json["summary"]["errors"], 1, "{}", run.stdout);
    let only = &json["diagnostics"][0];
    assert_eq!(only["code"], "RFC0109");
    assert_eq!(only["file"], "rfcs/0002-b.md");
    assert!(
        only["message"]
            .as_str()
            .unwrap()
            .starts_with("`date: 2026-02-30`"),
        "{only}"
    );
    a.write("rfcs/0002-b.md", &madr("2026-02-28"));
    a.run(&["build"]).code(0);
    let rfcs: serde_json::Value = serde_json::from_str(&a.read("site/rfcs.json")).unwrap();
    let first = &rfcs[0];
    assert_eq!(first["created"], "2026-03-01", "{first}");
    assert_eq!(first["authors"][0], "Ada Lovelace <ada@example.com>");
}

/// MADR writes a superseded decision's successor into its status: `superseded by ADR-0002`,
/// or a link to its file. Either is the status and `superseded-by` both.
#[test]
fn a_status_may_name_the_successor_as_madr_writes_it() {
    let a = Archive::empty();
    let with = |title: &str, extra: &str, status: &str| {
        rfc(title, extra).replace("status: accepted", &format!("status: {status}"))
    };
    a.write(
        "rfcs/0001-a.md",
        &with("A", "", "\"superseded by [ADR-0002](0002-b.md)\""),
    )
    .write("rfcs/0002-b.md", &rfc("B", "supersedes: [1, 3]\n"))
    .write("rfcs/0003-c.md", &with("C", "", "Superseded by ADR-0002"))
    .write("rfcs/0004-d.md", &with("D", "", "accepted by the board"));
    let run = a.run(&["check", "--format", "json"]);
    let json = run.json();
    let codes: Vec<(&str, &str)> = crate::harness::diagnostics(&json)
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    // Only the status that is not a superseded one is unknown.
    assert_eq!(codes, [("rfcs/0004-d.md", "RFC0110")], "{}", run.stdout);
    a.write("rfcs/0004-d.md", &rfc("D", ""));
    a.run(&["build"]).code(0);
    let rfcs: serde_json::Value = serde_json::from_str(&a.read("site/rfcs.json")).unwrap();
    for i in [0, 2] {
        assert_eq!(rfcs[i]["status"], "superseded", "{}", rfcs[i]);
        assert_eq!(rfcs[i]["superseded_by"], 2, "{}", rfcs[i]);
    }
    // A successor that does not say so on its side is reported, at the status.
    a.write("rfcs/0002-b.md", &rfc("B", "supersedes: [1]\n"));
    a.run(&["check"])
        .code(1)
        .stdout_has("RFC0203")
        .stdout_has("rfcs/0003-c.md:3:");
}

#[test]
fn root_is_found_from_a_subfolder_and_works_without_book_toml() {
    let a = Archive::empty();
    a.write("book.toml", "[book]\nsrc = \"decisions\"\n")
        .write("decisions/0001-a.md", &rfc("A", ""));
    a.run_in(&a.path().join("decisions"), &["check"])
        .code(0)
        .stdout_has("checked 1 file:");
    let plain = Archive::empty();
    plain.write("0001-a.md", &rfc("A", ""));
    plain
        .run(&["check"])
        .code(0)
        .stdout_has("checked 1 file: no problems found");
}

#[test]
fn environment_errors_exit_2_with_a_code_and_help() {
    let a = Archive::empty();
    a.write("book.toml", "[book]\nsrc = \"nowhere\"\n");
    a.run(&["check"])
        .code(2)
        .stderr_has("error[RFC9101]: the source folder ")
        .stderr_has("nowhere does not exist")
        .stderr_has("= help:")
        // Where book.toml names it, as any mistake in book.toml.
        .stderr_has(" --> book.toml:2:1\n")
        .stderr_has("2 | src = \"nowhere\"");
    // The machine formats name the same place: book.toml's line, not the folder.
    let json = a.run(&["check", "--format", "json"]).json();
    let stop = &json["diagnostics"][0];
    assert_eq!(
        (&stop["code"], &stop["file"], &stop["line"]),
        (&"RFC9101".into(), &"book.toml".into(), &2.into()),
        "{json}"
    );
    a.run(&["check", "--format", "github"])
        .code(2)
        .stdout_has("::error file=book.toml,line=2,col=1,title=RFC9101::");
    a.write("notes.md", "# not a folder\n");
    a.write("book.toml", "[book]\nsrc = \"notes.md\"\n");
    a.run(&["check"])
        .code(2)
        .stderr_has("notes.md is not a folder");
    a.run(&["check", "--format", "yaml"]).code(2);
    a.run(&["--root", "missing-folder", "check"])
        .code(2)
        .stderr_has("RFC9003");
    let bad_today = Archive::empty().env("RFCBOOK_TODAY", "tomorrow");
    bad_today.write("rfcs/0001-a.md", &rfc("A", ""));
    bad_today
        .run(&["check"])
        .code(2)
        .stderr_has("RFCBOOK_TODAY");
}

/// An error that stops a command names a path as the user gave it, but a terminal escape
/// in it (`ESC ] 0 ;` retitles the window) or a newline is shown as a symbol, not obeyed;
/// the error's own line breaks stay.
#[test]
fn stop_errors_show_control_characters_in_paths_as_symbols() {
    let a = Archive::empty();
    let run = a.run(&["--root", "no\x1b]0;pwned\x07such", "check"]);
    run.code(2).stderr_has("no\u{241b}]0;pwned\u{2407}such");
    assert!(!run.stderr.contains('\x1b'), "{}", run.stderr);
    assert!(run.stderr.contains("\n  = help: "), "{}", run.stderr);
    // A newline in a path fakes no line of its own.
    let run = a.run(&["--root", "two\nlines", "check"]);
    run.code(2).stderr_has("two\u{240a}lines");
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    a.write("book.toml", "[book]\nsrc = \"r\\u001bfcs\"\n");
    let run = a.run(&["check"]);
    run.code(2).stderr_has("r\u{241b}fcs");
    assert!(!run.stderr.contains('\x1b'), "{}", run.stderr);
}

/// A change breaks files it does not touch: an RFC that another relates to is deleted, or
/// a status leaves book.toml. `--base` reports what the change broke wherever it is, and
/// not the problems the archive had before.
#[test]
fn base_ref_reports_what_the_change_broke_in_other_files() {
    let a = two_broken();
    a.write("rfcs/0003-c.md", &rfc("C", "related: [4]\n"))
        .write("rfcs/0004-d.md", &rfc("D", ""));
    git(&a, &["init", "-q"]);
    git(&a, &["add", "."]);
    git(&a, &["commit", "-q", "-m", "start"]);
    git(&a, &["rm", "-q", "rfcs/0004-d.md"]);
    let run = a.run(&["check", "--format", "json", "--base", "HEAD"]);
    run.code(1);
    let json = run.json();
    let found: Vec<(&str, &str)> = crate::harness::diagnostics(&json)
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    // 0001's unknown status and 0002's unknown key were there before.
    assert_eq!(found, [("RFC0202", "rfcs/0003-c.md")], "{json}");
    assert_eq!(json["summary"]["files"], 1, "{json}");
    git(&a, &["checkout", "-q", "HEAD", "--", "rfcs/0004-d.md"]);
    a.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n[rfc]\nstatuses = [\"proposed\", \"rejected\"]\n",
    );
    let run = a.run(&["check", "--format", "json", "--base", "HEAD"]);
    let json = run.json();
    let files: Vec<&str> = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["code"] == "RFC0110")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["rfcs/0002-b.md", "rfcs/0003-c.md", "rfcs/0004-d.md"],
        "{json}"
    );
}

/// A named pipe or a link to a device where a file is expected is an error or left
/// alone, never read: reading waited forever (a pipe) or never ended (`/dev/zero`).
#[test]
fn files_that_are_not_files_are_never_read() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace("Run PgBouncer.", "Run PgBouncer ([diagram](pipe.png))."),
    );
    let fifo = |rel: &str| {
        let ok = std::process::Command::new("mkfifo")
            .arg(a.path().join(rel))
            .status()
            .unwrap()
            .success();
        assert!(ok, "mkfifo {rel}");
    };
    fifo("rfcs/pipe.png");
    a.run(&["check"])
        .code(1)
        .stdout_has("which is not a file (a pipe, a socket or a device)");
    a.run(&["build"]).code(1);
    // A pipe with an RFC's name is reported, not read and not passed over in silence.
    fifo("rfcs/0002-b.md");
    a.run(&["check"])
        .code(1)
        .stdout_has("error[RFC0004]: cannot read `rfcs/0002-b.md`: it is not a regular file");
    std::fs::remove_file(a.path().join("rfcs/0002-b.md")).unwrap();
    std::fs::remove_file(a.path().join("rfcs/pipe.png")).unwrap();
    std::fs::write(a.path().join("rfcs/pipe.png"), "png").unwrap();
    fifo("rfcs/template.md");
    a.run(&["check"]).code(0);
    std::fs::remove_file(a.path().join("rfcs/template.md")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", a.path().join("rfcs/template.md")).unwrap();
    a.run(&["check"]).code(0);
    std::os::unix::fs::symlink("/dev/zero", a.path().join("book.toml")).unwrap();
    a.run(&["check"])
        .code(2)
        .stderr_has("error[RFC9002]")
        .stderr_has("not a regular file");
    // A book.toml that cannot be read is said, not passed by for an archive above it.
    std::fs::remove_file(a.path().join("book.toml")).unwrap();
    a.write("book.toml", "[book]\nsrc = \"inner/rfcs\"\n");
    std::fs::create_dir_all(a.path().join("inner/rfcs")).unwrap();
    std::os::unix::fs::symlink("/nonexistent", a.path().join("inner/book.toml")).unwrap();
    a.run_in(&a.path().join("inner"), &["check"])
        .code(2)
        .stderr_has("error[RFC9002]")
        .stderr_has("a symbolic link to /nonexistent, which does not exist");
    std::fs::remove_file(a.path().join("inner/book.toml")).unwrap();
    std::fs::create_dir(a.path().join("inner/book.toml")).unwrap();
    a.run_in(&a.path().join("inner"), &["check"])
        .code(2)
        .stderr_has("it is a folder, not a file");
}

/// A ref is never an option of git's: `--base=--output=x` would have git write that file,
/// and `--base=--` compared nothing and passed.
#[test]
fn base_ref_is_never_an_option() {
    let a = two_broken();
    git(&a, &["init", "-q"]);
    git(&a, &["add", "."]);
    git(&a, &["commit", "-q", "-m", "start"]);
    for base in ["--output=written.txt", "--", ""] {
        a.run(&["check", "--format", "json", &format!("--base={base}")])
            .code(2)
            .stderr_has("is not a git ref");
    }
    assert!(!a.path().join("written.txt").exists());
}

/// A theme kept beside the archive's folder (`../themes/acme`) is not in what `--base`
/// takes from git: the base is checked all the same, and its old problems are not new.
#[test]
fn base_ref_with_a_theme_outside_the_archive() {
    let a = Archive::empty();
    a.write(
        "docs/book.toml",
        "[output.html]\ntheme = \"../themes/acme\"\n",
    )
    .write("themes/acme/static/custom.css", "h1 { color: teal; }\n")
    .write("docs/rfcs/0001-a.md", &rfc("A", "stauts: x\n"))
    .write("docs/rfcs/0002-b.md", &rfc("B", ""));
    git(&a, &["init", "-q"]);
    git(&a, &["add", "."]);
    git(&a, &["commit", "-q", "-m", "start"]);
    a.write("docs/rfcs/0002-b.md", &rfc("B", "related: [9]\n"));
    let run = a.run(&[
        "--root", "docs", "check", "--format", "json", "--base", "HEAD",
    ]);
    let json = run.json();
    let codes = crate::harness::codes(&json);
    assert_eq!(codes, ["RFC0202"], "{json}");
}

/// The archive may be a folder of a larger repository: the base is taken from there.
#[test]
fn base_ref_in_an_archive_in_a_subfolder() {
    let a = Archive::empty();
    a.write("docs/rfcs/0001-a.md", &rfc("A", "related: [2]\n"))
        .write("docs/rfcs/0002-b.md", &rfc("B", "stauts: x\n"));
    git(&a, &["init", "-q"]);
    git(&a, &["add", "."]);
    git(&a, &["commit", "-q", "-m", "start"]);
    let run = a.run(&[
        "--root", "docs", "check", "--format", "json", "--base", "HEAD",
    ]);
    assert_eq!(run.json()["diagnostics"], serde_json::json!([]));
    git(&a, &["rm", "-q", "docs/rfcs/0002-b.md"]);
    let run = a.run(&[
        "--root", "docs", "check", "--format", "json", "--base", "HEAD",
    ]);
    let json = run.json();
    assert_eq!(json["diagnostics"][0]["code"], "RFC0202", "{json}");
    assert_eq!(json["diagnostics"][0]["file"], "rfcs/0001-a.md", "{json}");
}

/// A branch is measured from where it left the base, as a pull request's diff is: a
/// problem main had and fixed after the branch was cut is neither the branch's file nor
/// the branch's doing, and a stale branch is not failed for it.
#[test]
fn base_ref_is_measured_from_where_the_branch_left_it() {
    let a = Archive::empty();
    let git = |args: &[&str]| git(&a, args);
    a.write("rfcs/0001-a.md", &rfc("A", "stauts: x\n"));
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "start, with a typo in 0001"]);
    git(&["checkout", "-q", "-b", "feature"]);
    a.write("rfcs/0002-b.md", &rfc("B", ""));
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "add 0002"]);
    git(&["checkout", "-q", "main"]);
    a.write("rfcs/0001-a.md", &rfc("A", ""));
    git(&["commit", "-q", "-am", "fix 0001"]);
    git(&["checkout", "-q", "feature"]);
    let run = a.run(&["check", "--format", "json", "--base", "main"]);
    run.code(0);
    let json = run.json();
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json}");
    assert_eq!(json["summary"]["files"], 1, "{json}");
    // What the branch itself breaks is still its own.
    a.write("rfcs/0002-b.md", &rfc("B", "related: [7]\n"));
    let run = a.run(&["check", "--format", "json", "--base", "main"]);
    run.code(1);
    assert_eq!(crate::harness::codes(&run.json()), ["RFC0202"]);
}

#[test]
fn base_ref_limits_the_report_to_changed_files() {
    let a = two_broken();
    let git = |args: &[&str]| git(&a, args);
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "start"]);
    a.write("rfcs/0003-c.md", &rfc("C", "stauts: y\n"));
    let run = a.run(&["check", "--format", "json", "--base", "HEAD"]);
    let json = run.json();
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 1, "errors": 0, "warnings": 1})
    );
    assert_eq!(json["diagnostics"][0]["file"], "rfcs/0003-c.md");
    // Paths and --base both limit: a changed file outside the paths is not reported.
    std::fs::create_dir_all(a.path().join("rfcs/infra")).unwrap();
    a.write("rfcs/infra/0004-d.md", &rfc("D", ""));
    let run = a.run(&["check", "--format", "json", "--base", "HEAD", "rfcs/infra"]);
    run.code(0);
    assert_eq!(
        run.json()["summary"],
        serde_json::json!({"files": 1, "errors": 0, "warnings": 0})
    );
    a.run(&["check", "--base", "no-such-ref"])
        .code(2)
        .stderr_has("RFC9003");
}

#[test]
fn bad_input_gets_diagnostics_not_panics() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &format!("---\ntitle: {}\n---\n", "[".repeat(5000)),
    )
    .write("rfcs/0002-b.md", "---\n\u{0}\u{7f}: \"\n---\n")
    .write(
        "rfcs/0003-c.md",
        &format!("---\ntitle: x\n---\n{}", "> ".repeat(20000)),
    )
    .write("rfcs/0004-d.md", &rfc("D", "title: again\n"));
    std::fs::write(
        a.path().join("rfcs/0005-e.md"),
        b"\xef\xbb\xbf---\r\ntitle: \xff\r\n---\r\n",
    )
    .unwrap();
    let run = a.run(&["check", "--format", "json"]);
    run.code(1);
    let json = run.json();
    let files: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    for f in [
        "rfcs/0001-a.md",
        "rfcs/0002-b.md",
        "rfcs/0003-c.md",
        "rfcs/0005-e.md",
    ] {
        assert!(files.contains(&f), "no diagnostic for {f}: {json}");
    }
}

#[test]
fn a_broken_escape_in_a_link_is_a_missing_file_not_a_crash() {
    // `%` followed by a character of several bytes once cut that character in two.
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "## Problem\n",
            "## Problem\n\nSee [this](%aé) and [that](x%e.md).\n",
        ),
    );
    for command in ["check", "build"] {
        let run = a.run(&[command, "--color", "never"]);
        run.code(1).no_panic();
        let out = format!("{}{}", run.stdout, run.stderr);
        assert!(
            out.contains("error[RFC0305]: link `%aé` points at `rfcs/%aé`, which does not exist"),
            "{out}"
        );
        assert!(
            out.contains("link `x%e.md` points at `rfcs/x%e.md`"),
            "{out}"
        );
    }
}

#[test]
fn links_out_of_the_archive_are_reported_and_never_read() {
    // A pull request could link an RFC file, a folder or an image to a secret of the
    // machine that checks or builds it: nothing of it may reach the log or the site.
    let outside = tempfile::tempdir().unwrap();
    let secret = "TOKEN=hunter2";
    std::fs::write(outside.path().join("secret.md"), format!("{secret}\n")).unwrap();
    std::fs::write(outside.path().join("0042-x.md"), format!("{secret}\n")).unwrap();
    let a = Archive::empty();
    a.write("rfcs/0001-a.md", &rfc("A", ""));
    a.write("rfcs/inside/0002-b.md", &rfc("B", ""));
    let link = |from: &std::path::Path, to: &str| {
        std::os::unix::fs::symlink(from, a.path().join(to)).unwrap();
    };
    link(&outside.path().join("secret.md"), "rfcs/0003-c.md");
    link(outside.path(), "rfcs/elsewhere");
    link(&a.path().join("rfcs/inside"), "rfcs/alias");
    link(outside.path(), "rfcs/inside/deeper");
    a.write(
        "rfcs/0004-d.md",
        &rfc("D", "").replace("## Problem\n", "## Problem\n\n![diagram](diagram.png)\n"),
    );
    link(&outside.path().join("secret.md"), "rfcs/diagram.png");
    for command in ["check", "build"] {
        let run = a.run(&[command, "--color", "never"]);
        run.code(1).no_panic();
        let out = format!("{}{}", run.stdout, run.stderr);
        assert!(!out.contains(secret), "{out}");
        for path in ["rfcs/0003-c.md", "rfcs/elsewhere", "rfcs/inside/deeper"] {
            assert!(
                out.contains(&format!(
                    "error[RFC0004]: `{path}` is a symbolic link that leads out of the archive, or into a hidden file or folder; it was not read"
                )),
                "{path}: {out}"
            );
        }
        assert!(
            out.contains("`rfcs/diagram.png`, a symbolic link that leads out of the archive"),
            "{out}"
        );
    }
    assert!(!a.path().join("site").exists());
    // Inside the archive but hidden: an attachment named innocently that leads to
    // `.git/config` (where CI keeps its token) is not published either.
    a.write(
        ".git/config",
        "extraheader = AUTHORIZATION: basic hunter2\n",
    );
    link(&a.path().join(".git/config"), "rfcs/notes.txt");
    a.write(
        "rfcs/0005-e.md",
        &rfc("E", "").replace("## Problem\n", "## Problem\n\nSee [notes](notes.txt).\n"),
    );
    let run = a.run(&["build", "--color", "never"]);
    run.code(1).no_panic();
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(
        out.contains(
            "link `notes.txt` points at `rfcs/notes.txt`, a hidden file or a symbolic link to one"
        ),
        "{out}"
    );
    assert!(!out.contains("hunter2"), "{out}");
    assert!(!a.path().join("site").exists());
    std::fs::remove_file(a.path().join("rfcs/notes.txt")).unwrap();
    std::fs::remove_file(a.path().join("rfcs/0005-e.md")).unwrap();
    // Nor is an RFC file linked to one: `check` would quote its first line.
    link(&a.path().join(".git/config"), "rfcs/0006-f.md");
    let run = a.run(&["check", "--color", "never"]);
    run.code(1).no_panic();
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(
        out.contains("`rfcs/0006-f.md` is a symbolic link that leads out of the archive, or into a hidden file or folder"),
        "{out}"
    );
    assert!(!out.contains("hunter2"), "{out}");
    std::fs::remove_file(a.path().join("rfcs/0006-f.md")).unwrap();
    // A link that stays inside the archive is followed: 0002 is read through it as well
    // (so its number is used twice). A linked image is judged by the link to it alone.
    let json = a.run(&["check", "--format", "json"]).json();
    // Four read, and 0003 found but not read: files found, readable or not.
    assert_eq!(json["summary"]["files"], 5, "{json}");
    let at = |code: &str| -> Vec<String> {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == code)
            .map(|d| d["file"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        at("RFC0004"),
        [
            "rfcs/0003-c.md",
            "rfcs/alias/deeper",
            "rfcs/elsewhere",
            "rfcs/inside/deeper"
        ]
    );
    assert_eq!(at("RFC0305"), ["rfcs/0004-d.md"]);
    assert_eq!(
        at("RFC0201"),
        ["rfcs/alias/0002-b.md", "rfcs/inside/0002-b.md"]
    );
}

#[test]
fn symlink_loops_are_reported() {
    let a = Archive::empty();
    a.write("rfcs/0001-a.md", &rfc("A", ""));
    std::os::unix::fs::symlink(a.path().join("rfcs"), a.path().join("rfcs/loop")).unwrap();
    a.run(&["check", "--color", "never"])
        .code(1)
        .stdout_has("error[RFC0004]: symbolic link loop");
}

/// A Markdown file whose name is not UTF-8 is reported, not skipped without a word.
#[test]
fn a_file_name_that_is_not_utf8_is_reported() {
    use std::os::unix::ffi::OsStrExt;
    let a = Archive::empty();
    a.write("rfcs/0001-a.md", &rfc("A", ""));
    let name = std::ffi::OsStr::from_bytes(b"0002-\xff\xfe.md");
    std::fs::write(a.path().join("rfcs").join(name), rfc("B", "")).unwrap();
    a.run(&["check", "--color", "never"]).code(1).stdout_has(
        "error[RFC0005]: the file name `rfcs/0002-\u{fffd}\u{fffd}.md` is not valid UTF-8",
    );
}

#[test]
fn an_archive_without_rfcs_says_where_it_looked() {
    let a = Archive::empty();
    a.write("rfcs/README.md", "# Our decisions\n");
    let run = a.run(&["check"]);
    run.code(0).stdout_has("checked 0 files: no problems found");
    run.stderr_has("note: no RFC files (*.md) in rfcs; `rfcbook init` starts an archive");
    assert!(a.run(&["check", "-q"]).stderr.is_empty());
    // So does build, which still builds the empty site a new archive starts with.
    a.run(&["build"])
        .code(0)
        .stderr_has("note: no RFC files (*.md) in rfcs; `rfcbook init` starts an archive, `--root DIR` builds another")
        .stderr_has("built 9 pages (0 RFCs)");
    assert!(a.run(&["build", "-q", "--out", "quiet"]).stderr.is_empty());
}

#[test]
fn base_outside_a_repository_says_so_in_one_line() {
    let a = Archive::empty();
    let ceiling = a.path().parent().unwrap().to_string_lossy().into_owned();
    let a = a.env("GIT_CEILING_DIRECTORIES", &ceiling);
    a.write("rfcs/0001-a.md", &rfc("A", ""));
    let run = a.run(&["check", "--base", "HEAD"]);
    run.code(2)
        .no_panic()
        .stderr_has("error[RFC9003]: --base needs a git repository, and ")
        .stderr_has("is not in one");
    // Not git's usage, which it prints for a diff outside a repository.
    assert!(run.stderr.lines().count() <= 3, "{}", run.stderr);
}

/// A missing section is reported at a heading that may be it under another name (a typo,
/// or the same words), with a rename or an alias as the fix; without one, at the end of
/// the file, naming the headings that count as the section.
#[test]
fn a_missing_section_points_at_a_heading_that_may_be_it() {
    let a = Archive::empty();
    a.write("book.toml", "[book]\ntitle = \"T\"\n");
    let base = rfc("Alpha", "");
    a.write(
        "rfcs/0001-typo.md",
        &base.replace("## Rationale", "## Rationnale"),
    );
    a.write(
        "rfcs/0002-words.md",
        &base
            .replace("Alpha", "Beta")
            .replace("## Alternatives", "## Options weighed")
            .replace("## Problem", "## Context and problem statement"),
    );
    a.write(
        "rfcs/0003-none.md",
        &base
            .replace("Alpha", "Gamma")
            .replace("## Rationale", "## Notes"),
    );
    a.write(
        "rfcs/0004-labelled.md",
        &base
            .replace("Alpha", "Delta")
            .replace("## Rationale", "## Consequences: less to run"),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let found: Vec<(String, u64, u64, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["code"], "RFC0301", "{d}");
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
                d["help"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let text = |file: &str| a.read(&format!("rfcs/{file}"));
    let line_of = |file: &str, heading: &str| {
        text(file).lines().position(|l| l == heading).unwrap() as u64 + 1
    };
    assert_eq!(found.len(), 5, "{found:#?}");
    let (file, line, column, message, help) = &found[0];
    assert_eq!(
        (file.as_str(), *line, *column),
        (
            "rfcs/0001-typo.md",
            line_of("0001-typo.md", "## Rationnale"),
            1
        )
    );
    assert_eq!(message, "the required section `## Rationale` is missing");
    assert!(
        help.starts_with("if this heading holds the reasons"),
        "{help}"
    );
    assert!(help.contains("rename it `## Rationale`"), "{help}");
    // A misspelt name is renamed, never offered as an alias.
    assert!(!help.contains("aliases"), "{help}");
    // Problem, reported first as it comes first: MADR's heading shares "problem".
    assert_eq!(
        (found[1].0.as_str(), found[1].1, found[1].3.as_str()),
        (
            "rfcs/0002-words.md",
            line_of("0002-words.md", "## Context and problem statement"),
            "the required section `## Problem` is missing"
        )
    );
    assert_eq!(
        (found[2].1, found[2].3.as_str()),
        (
            line_of("0002-words.md", "## Options weighed"),
            "the required section `## Alternatives` is missing"
        )
    );
    // Nothing like it: the end of the file, and the headings that would count.
    let (file, line, _, _, help) = &found[3];
    assert_eq!(file, "rfcs/0003-none.md");
    assert_eq!(
        *line,
        text("0003-none.md").trim_end().lines().count() as u64
    );
    assert!(
        help.contains("`Decision rationale`, `Rationale and alternatives` or `Consequences`"),
        "{help}"
    );
    // A heading labelled with one of the section's names: the label alone is the heading.
    let (file, line, _, _, help) = &found[4];
    assert_eq!(
        (file.as_str(), *line),
        (
            "rfcs/0004-labelled.md",
            line_of("0004-labelled.md", "## Consequences: less to run")
        )
    );
    assert!(
        help.contains("make it `## Consequences` and say the rest in the section's first sentence"),
        "{help}"
    );
}

/// Many diagnostics end with how many each rule gave, most first: which rule to fix (or
/// to lower while an archive is brought in) is what a long report cannot show at a glance.
#[test]
fn a_long_report_counts_its_diagnostics_by_rule() {
    let a = Archive::empty();
    for n in 1..=6 {
        a.write(
            &format!("rfcs/{n:04}-x.md"),
            &rfc("X", "").replace("Run PgBouncer.", "See [gone](gone.md) and RFC 99."),
        );
    }
    let run = a.run(&["check", "--color", "never"]);
    run.code(1)
        .stdout_has("checked 6 files: 6 errors, 6 warnings\nby rule: 6 RFC0305 broken-link, 6 RFC0307 unknown-rfc-mention\n");
    // A short one does not.
    std::fs::remove_dir_all(a.path().join("rfcs")).unwrap();
    a.write(
        "rfcs/0001-x.md",
        &rfc("X", "").replace("Run PgBouncer.", "See [gone](gone.md)."),
    );
    let run = a.run(&["check", "--color", "never"]);
    assert!(!run.stdout.contains("by rule"), "{}", run.stdout);
}

/// adr-tools' archives say what each ADR is in its body; with `body-metadata` they are
/// read as if it were front matter, and without it they are files without front matter.
#[test]
fn adr_tools_archives_are_read_from_their_bodies() {
    let a = Archive::from(&crate::harness::fixtures().join("adr-tools"));
    a.run(&["check", "--deny-warnings"])
        .code(0)
        .stdout_has("no problems found");
    let listed = a.run(&["list", "--format", "json"]).json();
    let rows: Vec<(u64, &str, &str, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_u64().unwrap(),
                r["title"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
                r["created"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, "Record architecture decisions", "accepted", "2024-01-10"),
            (2, "Use MySQL", "superseded", "2024-02-01"),
            (3, "Use PostgreSQL", "accepted", "2024-05-20"),
            (4, "Use Kafka", "proposed", "2026-11-20"),
        ]
    );
    assert_eq!(listed[1]["superseded_by"], 3);
    assert_eq!(listed[2]["supersedes"], serde_json::json!([2]));
    assert_eq!(listed[2]["decided"], "2024-05-20");
    assert!(listed[3]["decided"].is_null());
    a.run(&["build"]).code(0);
    let mysql = a.read("site/rfcs/0002-use-mysql.html");
    assert!(
        mysql.contains(
            "It was superseded by <a href=\"0003-use-postgresql.html\">RFC 0003: Use PostgreSQL</a>"
        ),
        "{mysql}"
    );
    // A status written wrong is reported where it is written, as in front matter.
    let kafka = "doc/adr/0004-use-kafka.md";
    a.write(kafka, &a.read(kafka).replace("\nProposed\n", "\nProposd\n"));
    let run = a.run(&["check", "--color", "never"]);
    run.code(1)
        .stdout_has("error[RFC0110]: unknown status `Proposd`")
        .stdout_has("--> doc/adr/0004-use-kafka.md:7:1")
        .stdout_has("did you mean `proposed`?");
    a.write(kafka, &a.read(kafka).replace("\nProposd\n", "\nProposed\n"));
    // Help names the line to write in the body, linked as adr-tools links it.
    let postgres = "doc/adr/0003-use-postgresql.md";
    let text = a.read(postgres);
    let supersedes = text.lines().find(|l| l.starts_with("Supersedes")).unwrap();
    a.write(postgres, &text.replace(&format!("{supersedes}\n"), ""));
    let run = a.run(&["check", "--color", "never"]);
    run.code(1).stdout_has(
        "in `doc/adr/0003-use-postgresql.md`, add a line `Supersedes [Use MySQL](0002-use-mysql.md)` to `## Status`, after its first line (the status)",
    );
    // An unlinked `Superseded by 3` names its successor too, and a date written wrong
    // is reported once, not also as missing.
    let mysql = "doc/adr/0002-use-mysql.md";
    a.write(postgres, &text);
    let original = a.read(mysql);
    let status_line = original
        .lines()
        .find(|l| l.contains("Superseded by"))
        .unwrap();
    a.write(
        mysql,
        &original
            .replace(status_line, "Superseded by ADR-0003")
            .replace("Date: 2024-02-01", "Date: 01/02/24"),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let codes = crate::harness::codes(&json);
    assert_eq!(codes, ["RFC0109"], "{json}");
    a.write(mysql, &original);
    // Where files without front matter are allowed, one that says nothing at all in
    // its body is still told what it lacks, as one with only a title is (it passed).
    let config = a.read("book.toml");
    a.write(
        "book.toml",
        &format!("{config}\n[rfc.lints]\nmissing-front-matter = \"allow\"\n"),
    );
    a.write("doc/adr/0005-bare.md", "## Context\n\nLorem ipsum.\n");
    let json = a.run(&["check", "--format", "json"]).json();
    let bare: Vec<&str> = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["file"] == "doc/adr/0005-bare.md")
        .filter_map(|d| d["message"].as_str())
        .filter(|m| m.starts_with("required field"))
        .collect();
    assert!(
        bare.contains(&"required field `status` is missing")
            && bare.contains(&"required field `created` is missing"),
        "{json:#}"
    );
    std::fs::remove_file(a.path().join("doc/adr/0005-bare.md")).unwrap();
    // An accepted ADR without its `Date:` line is told to add it once: that line gives
    // the decision's date too.
    let first = "doc/adr/0001-record-architecture-decisions.md";
    let original = a.read(first);
    a.write(first, &original.replace("Date: 2024-01-10\n", ""));
    let json = a.run(&["check", "--format", "json"]).json();
    assert_eq!(crate::harness::codes(&json), ["RFC0105"], "{json:#}");
    // A field a status requires is asked for as the body can give it: the discussion
    // as a `- RFC PR:` line (which is then read), a field no body can say by pointing at
    // the setting that asks for it.
    a.write(first, &original);
    a.write(
        "book.toml",
        &format!(
            "{config}\n[rfc.required-by-status]\naccepted = [\"discussion\", \"review-by\"]\n"
        ),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let helps: Vec<&str> = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["file"] == first)
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert_eq!(
        helps,
        [
            "add a `- RFC PR: [#42](https://git.example.com/acme/rfcs/pull/42)` line under the title, or change the status",
            "an RFC without front matter says only its title, date, status, deciders, tags, relations and discussion link: add front matter with `review-by:`, or leave `review-by` out of `[rfc.required-by-status] accepted`, or change the status",
        ],
        "{json:#}"
    );
    a.write(
        first,
        &original.replacen(
            "\n",
            "\n\n- RFC PR: [#42](https://git.example.com/acme/rfcs/pull/42)\n",
            1,
        ),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    assert!(
        !crate::harness::diagnostics(&json)
            .iter()
            .any(|d| d["file"] == first && d["message"].as_str().unwrap().contains("`discussion`")),
        "{json:#}"
    );
    a.write(first, &original);
    a.write("book.toml", &config);
    // Two records with one number: the help names the heading's number too, and doing
    // what it says ends the clash.
    let kafka = a.read("doc/adr/0004-use-kafka.md");
    a.write(
        "doc/adr/0004-use-rabbitmq.md",
        &kafka.replace("Kafka", "RabbitMQ"),
    );
    a.run(&["check"]).code(1).stdout_has(
        "help: give one of the files a free number, 0005: rename the file and the number in \
         its heading (`# 4. Use RabbitMQ`), and update links to it",
    );
    std::fs::remove_file(a.path().join("doc/adr/0004-use-rabbitmq.md")).unwrap();
    a.write(
        "doc/adr/0005-use-rabbitmq.md",
        &kafka.replace("Kafka", "RabbitMQ").replace("# 4.", "# 5."),
    );
    a.run(&["check"]).code(0);
    std::fs::remove_file(a.path().join("doc/adr/0005-use-rabbitmq.md")).unwrap();
    // One left empty is said once, in the record's own words.
    a.write(first, &original.replace("Date: 2024-01-10\n", "Date:\n"));
    let json = a.run(&["check", "--format", "json"]).json();
    let empty = crate::harness::diagnostics(&json);
    assert_eq!(empty.len(), 1, "{json:#}");
    assert_eq!(
        (&empty[0]["code"], &empty[0]["message"], &empty[0]["help"]),
        (
            &"RFC0106".into(),
            &"`Date:` is empty".into(),
            &"write the date after `Date:`, as YYYY-MM-DD (e.g. 2026-03-01)".into()
        ),
        "{json:#}"
    );
    // So is a `## Status` with nothing under it: at the heading, not "missing" at line 1.
    a.write(first, &original.replace("\nAccepted\n", "\n"));
    let json = a.run(&["check", "--format", "json"]).json();
    let empty = crate::harness::diagnostics(&json);
    assert_eq!(
        (
            empty.len(),
            &empty[0]["code"],
            &empty[0]["message"],
            &empty[0]["line"]
        ),
        (
            1,
            &"RFC0106".into(),
            &"`## Status` is empty".into(),
            &5.into()
        ),
        "{json:#}"
    );
    a.write(first, &original);
    a.write("book.toml", &config);
    // Without the setting, these are files without front matter.
    a.write(
        "book.toml",
        &a.read("book.toml").replace("body-metadata = true\n", ""),
    );
    a.run(&["check", "--format", "json"])
        .code(1)
        .stdout_has("RFC0101");
}

/// A `...` line written as "and so on" inside the front matter closes it, as YAML and
/// GitHub read it, and hid the fields after it in the body (a typo'd `stauts:` passed in
/// silence); it is reported, and with it removed the typos are found.
#[test]
fn a_dots_line_with_fields_after_it_is_reported_and_the_fields_then_checked() {
    let a = Archive::empty();
    let text = rfc("Adopt Renovate", "...\nstauts: rejected\ntag: [deps]\n");
    a.write("rfcs/0001-renovate.md", &text);
    a.run(&["check"])
        .code(1)
        .stdout_has("error[RFC0102]: `...` ends the front matter here, so the fields after it, up to the `---` on line 10, are read as the body")
        .stdout_has("--> rfcs/0001-renovate.md:7:1")
        .stdout_has("help: remove the `...` line");
    a.write("rfcs/0001-renovate.md", &text.replace("...\n", ""));
    let json = a.run(&["check", "--format", "json"]).code(0).json();
    assert_eq!(codes(&json), ["RFC0108", "RFC0108"], "{json}");
}

/// A cycle is reported once, at the relation to remove, with no `RFC0203` asking to
/// write its other side (which would send the author round the loop); doing what each
/// help says ends in a clean check.
#[test]
fn a_supersession_cycles_help_leads_out_of_it() {
    let a = Archive::empty();
    a.write("rfcs/0001-a.md", &rfc("A", "supersedes: [2]\n"))
        .write("rfcs/0002-b.md", &rfc("B", "supersedes: [1]\n"))
        .write("rfcs/0003-c.md", &rfc("C", "supersedes: [3]\n"))
        .write(
            "rfcs/0004-d.md",
            &rfc("D", "superseded-by: 4\n").replace("status: accepted", "status: superseded"),
        );
    let json = a.run(&["check", "--format", "json"]).json();
    let found: Vec<(String, String, String)> = crate::harness::diagnostics(&json)
        .iter()
        .map(|d| {
            let text = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (text("file"), text("message"), text("help"))
        })
        .collect();
    let expect = |file: &str, message: &str, help: &str| {
        (file.to_string(), message.to_string(), help.to_string())
    };
    assert_eq!(
        found,
        [
            expect(
                "rfcs/0001-a.md",
                "supersession cycle: RFC 1 supersedes RFC 2 supersedes RFC 1",
                "an RFC can only supersede older decisions, and RFC 1 is older than RFC 2: \
                 remove 2 from `supersedes` here"
            ),
            expect(
                "rfcs/0003-c.md",
                "supersession cycle: RFC 3 supersedes itself",
                "an RFC cannot replace itself: remove 3 from `supersedes`"
            ),
            expect(
                "rfcs/0004-d.md",
                "supersession cycle: RFC 4 says it is superseded by itself",
                "an RFC cannot replace itself: remove `superseded-by` and set its status \
                 back (`accepted`)"
            ),
        ],
        "{json:#}"
    );
    // Done as said: RFC 2 now supersedes RFC 1 one way, and that asks for its other side.
    a.write("rfcs/0001-a.md", &rfc("A", ""))
        .write("rfcs/0003-c.md", &rfc("C", ""))
        .write("rfcs/0004-d.md", &rfc("D", ""));
    a.run(&["check"])
        .code(1)
        .stdout_has("in `rfcs/0001-a.md`, set `status: superseded` and `superseded-by: 2`");
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "superseded-by: 2\n").replace("status: accepted", "status: superseded"),
    );
    a.run(&["check", "--deny-warnings"]).code(0);

    // Two that say each supersedes the other, both superseded: the one that answers is
    // told to take back its status with its `superseded-by`, and then nothing is left.
    let superseded = |title: &str, other: u32| {
        rfc(
            title,
            &format!("supersedes: [{other}]\nsuperseded-by: {other}\n"),
        )
        .replace("status: accepted", "status: superseded")
    };
    let b = Archive::empty();
    b.write("rfcs/0002-b.md", &superseded("B", 3))
        .write("rfcs/0003-c.md", &superseded("C", 2));
    b.run(&["check"]).code(1).stdout_has(
        "remove 3 from `supersedes` here, and remove `superseded-by` in `rfcs/0003-c.md` \
         and set its status back (`accepted`)",
    );
    b.write(
        "rfcs/0002-b.md",
        &rfc("B", "superseded-by: 3\n").replace("status: accepted", "status: superseded"),
    )
    .write("rfcs/0003-c.md", &rfc("C", "supersedes: [2]\n"));
    b.run(&["check", "--deny-warnings"]).code(0);
}

/// A supersession cycle through a number taken twice (`duplicate-id` allowed) is still
/// one: it was passed over, since the number named no single RFC.
#[test]
fn a_cycle_through_a_number_taken_twice_is_found() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[rfc]\nrequired-fields = [\"title\"]\n[rfc.lints]\nduplicate-id = \"allow\"\n",
    )
    .write("rfcs/0001-a.md", &rfc("A", "supersedes: [2]\n"))
    .write("rfcs/0001-c.md", &rfc("C", ""))
    .write("rfcs/0002-b.md", &rfc("B", "supersedes: [1]\n"));
    let json = a.run(&["check", "--format", "json"]).json();
    assert!(
        crate::harness::codes(&json).contains(&"RFC0204"),
        "{json:#}"
    );
}

/// A title still the template's own (not a `{{title}}` to fill in) is a prompt left,
/// past the draft: the record was never named.
#[test]
fn a_title_left_as_the_templates_is_reported() {
    let a = Archive::empty();
    a.write(
        "rfcs/template.md",
        "---\ntitle: Decision title (what was decided, not the problem)\nstatus: draft\n---\n\
         ## Problem\n\nWhat is wrong.\n",
    )
    .write(
        "rfcs/0001-x.md",
        &rfc("Decision title (what was decided, not the problem)", ""),
    )
    .write(
        "rfcs/0002-y.md",
        &rfc("Decision title (what was decided, not the problem)", "")
            .replace("status: accepted", "status: draft")
            .replace("decided: 2026-03-20\n", ""),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let found: Vec<(&str, &str, &str)> = crate::harness::diagnostics(&json)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "RFC0311",
            "rfcs/0001-x.md",
            "the title is still the template's"
        )],
        "{json:#}"
    );
}

/// A file that lists its facts under its title (log4brains) is told to add a missing
/// one as such a line, not as adr-tools' `Date:` line or `## Status` section.
#[test]
fn a_listed_file_is_told_to_list_what_it_lacks() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[rfc]\nbody-metadata = true\nrequired-fields = [\"title\", \"status\", \"created\"]\n\
         required-sections = []\n[rfc.lints]\nmissing-front-matter = \"allow\"\n",
    )
    .write(
        "rfcs/0001-slug.md",
        "# Use the slug\n\n- Status: accepted\n- Deciders: Ann\n\n## Context\n\nText.\n",
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let found: Vec<(&str, &str)> = crate::harness::diagnostics(&json)
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [(
            "RFC0105",
            "add a line `- Date: YYYY-MM-DD` to the facts listed under the title"
        )],
        "{json:#}"
    );
    // The other side of a supersession, too: the status line it lists.
    a.write(
        "rfcs/0001-slug.md",
        "# Use the slug\n\n- Status: accepted\n- Date: 2020-10-16\n\n## Context\n\nText.\n",
    )
    .write(
        "rfcs/0002-next.md",
        "# Use the next\n\n- Status: accepted\n- Date: 2020-10-17\n\
         - Supersedes: [Use the slug](0001-slug.md)\n\n## Context\n\nText.\n",
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let found: Vec<(&str, &str)> = crate::harness::diagnostics(&json)
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [(
            "RFC0203",
            "in `rfcs/0001-slug.md`, make the `- Status:` line under the title read \
             `- Status: superseded by [Use the next](0002-next.md)`"
        )],
        "{json:#}"
    );
    // Written as it says, it is read so.
    a.write(
        "rfcs/0001-slug.md",
        "# Use the slug\n\n- Status: superseded by [Use the next](0002-next.md)\n\
         - Date: 2020-10-16\n\n## Context\n\nText.\n",
    );
    a.run(&["check", "--deny-warnings"]).code(0);
}

/// `new` in an adr-tools archive fills adr-tools' own template words, and the record it
/// writes is read as the others are.
#[test]
fn new_fills_an_adr_tools_template() {
    let a = Archive::from(&crate::harness::fixtures().join("adr-tools"));
    let run = a.run(&[
        "new",
        "Use Redis for caching",
        "--status",
        "proposed",
        "--author",
        "Ada",
    ]);
    run.code(0);
    assert_eq!(run.stdout, "doc/adr/0005-use-redis-for-caching.md\n");
    let text = a.read("doc/adr/0005-use-redis-for-caching.md");
    assert!(
        text.starts_with(&format!(
            "# 5. Use Redis for caching\n\nDate: {}\n\n## Status\n\nProposed\n",
            crate::harness::TODAY
        )),
        "{text}"
    );
    let listed = a.run(&["list", "--format", "json"]).json();
    assert_eq!(listed[4]["title"], "Use Redis for caching");
    assert_eq!(listed[4]["status"], "proposed");
    assert_eq!(listed[4]["created"], crate::harness::TODAY);
}

/// An email autolink (`<ada@example.com>`) is an address, not a file the RFC links to.
#[test]
fn an_email_autolink_is_no_broken_link() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "Run PgBouncer.",
            "Run PgBouncer. Questions to <ada@example.com>.",
        ),
    );
    a.run(&["check", "--deny-warnings"]).code(0);
    a.run(&["build"]).code(0);
    assert!(
        a.read("site/rfcs/0001-a.html")
            .contains("href=\"mailto:ada@example.com\"")
    );
}

/// A diagnostic on one item of a list points at that item: the `2` of `[12, 2]` that makes
/// the cycle, not the first item, nor the `2` inside `12`.
#[test]
fn a_list_items_diagnostic_points_at_that_item() {
    let a = Archive::empty();
    a.write("rfcs/0012-a.md", &rfc("A", ""))
        .write("rfcs/0002-b.md", &rfc("B", "supersedes: [12, 2]\n"))
        .write(
            "rfcs/0003-c.md",
            &rfc("C", "tags: [tags]\nrelated: [33, 3]\n"),
        );
    let json = a.run(&["check", "--format", "json"]).json();
    let at: Vec<(String, String, u64, u64)> = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["code"] != "RFC0203")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        at.contains(&("RFC0204".into(), "rfcs/0002-b.md".into(), 7, 18)),
        "{json}"
    );
    assert!(
        at.contains(&("RFC0202".into(), "rfcs/0003-c.md".into(), 8, 11)),
        "{json}"
    );
}

/// A link to a removed RFC, `[RFC 3](0003-gone.md)`, is one broken link, not also an
/// unknown mention.
#[test]
fn a_broken_link_named_as_an_rfc_is_reported_once() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "Run PgBouncer.",
            "Run PgBouncer, as [RFC 3](0003-gone.md) said.",
        ),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let codes = crate::harness::codes(&json);
    assert_eq!(codes, ["RFC0305"], "{json}");
}

/// A link to the page the site makes of an RFC (`0002-b.html`) is told to link the file,
/// which the site turns into that link, and which works where the Markdown is read.
#[test]
fn a_link_to_a_built_page_is_told_to_link_the_file() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "Run PgBouncer.",
            "Run PgBouncer, as [B](0002-b.html#approach) said.",
        ),
    )
    .write("rfcs/0002-b.md", &rfc("B", ""));
    a.run(&["check"])
        .code(1)
        .stdout_has("error[RFC0305]: link `0002-b.html#approach` points at `rfcs/0002-b.html`")
        .stdout_has(
            "help: link to the RFC's file, `0002-b.md#approach`: the site turns a link to an \
             RFC's file into a link to its page",
        );
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "Run PgBouncer.",
            "Run PgBouncer, as [B](0002-b.md#approach) said.",
        ),
    );
    a.run(&["check", "--deny-warnings"]).code(0);
}

/// A link to an RFC that moved to another folder names where it is now.
#[test]
fn a_link_to_a_moved_rfc_says_where_it_went() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace("Run PgBouncer.", "Run PgBouncer, as [B](0002-b.md) said."),
    )
    .write("rfcs/infra/0002-b.md", &rfc("B", ""));
    a.run(&["check"])
        .code(1)
        .stdout_has(
            "error[RFC0305]: link `0002-b.md` points at `rfcs/0002-b.md`, which does not exist",
        )
        .stdout_has("help: `rfcs/infra/0002-b.md` has that number now: link to `infra/0002-b.md`");
    // The link the help gives works when written as it says, from a folder too.
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "Run PgBouncer.",
            "Run PgBouncer, as [B](infra/0002-b.md) said.",
        ),
    )
    .write(
        "rfcs/2026/0003-c.md",
        &rfc("C", "").replace(
            "Run PgBouncer.",
            "Run PgBouncer, as [B](0002-b.md#approach) said.",
        ),
    );
    a.run(&["check"])
        .code(1)
        .stdout_has("link to `../infra/0002-b.md#approach`");
    a.write(
        "rfcs/2026/0003-c.md",
        &rfc("C", "").replace(
            "Run PgBouncer.",
            "Run PgBouncer, as [B](../infra/0002-b.md#approach) said.",
        ),
    );
    a.run(&["check"]).code(0);
    // A name of another series with a number the archive has: perhaps meant (the ERCs
    // link `./eip-20.md`, which moved out of the EIPs as `erc-20.md`).
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace("Run PgBouncer.", "Run PgBouncer, as [B](eip-2.md) said."),
    );
    a.run(&["check"])
        .code(1)
        .stdout_has("help: did you mean `rfcs/infra/0002-b.md`, which has that number?");
    // A path from the root is said to be one.
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace("Run PgBouncer.", "Run PgBouncer, as [B](/rfcs/x.png) said."),
    );
    a.run(&["check"]).code(1).stdout_has(
        "help: correct the path (one that starts with `/` is read from the archive's root, \
         the folder of book.toml) or remove the link",
    );
    // A link without `.md` (`./eip-150`, as GitHub's web view lets authors write it) is
    // told the file with that number too.
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace("Run PgBouncer.", "Run PgBouncer, as [B](./0002-b) said."),
    );
    a.run(&["check"]).code(1).stdout_has(
        "help: did you mean `rfcs/infra/0002-b.md`, which has that number? link to \
         `infra/0002-b.md`, or remove the link",
    );
}

/// A proposal that will replace an older RFC: the other side cannot be written yet
/// (RFC0205 forbids being superseded by a proposal), so RFC0203's help says what to write
/// meanwhile, and following it passes. A rejected RFC is told to supersede nothing.
#[test]
fn a_proposal_is_told_how_to_name_what_it_would_supersede() {
    let a = Archive::empty();
    let proposal = |status: &str, relation: &str| {
        rfc("New", relation)
            .replace("status: accepted", &format!("status: {status}"))
            .replace("created: 2026-03-01", "created: 2026-11-20")
            .replace("decided: 2026-03-20\n", "")
    };
    a.write("rfcs/0001-old.md", &rfc("Old", "")).write(
        "rfcs/0002-new.md",
        &proposal("proposed", "supersedes: [1]\n"),
    );
    a.run(&["check"])
        .code(1)
        .stdout_has("error[RFC0203]")
        .stdout_has("until then write `related: [1]` here instead of `supersedes`");
    a.write("rfcs/0002-new.md", &proposal("proposed", "related: [1]\n"));
    a.run(&["check"]).code(0);
    a.write(
        "rfcs/0002-new.md",
        &proposal("rejected", "supersedes: [1]\ndecided: 2026-11-21\n"),
    );
    a.run(&["check"])
        .code(1)
        .stdout_has("RFC 2 is `rejected`, so it supersedes nothing: remove 1 from `supersedes`");
}

/// Superseding a draft: the draft was never decided, and the superseded status requires
/// `decided`. RFC0203's help names that date too (the successor's), so following it
/// passes, instead of leading on to RFC0111; so does the help for a `superseded-by`
/// whose status was not changed.
#[test]
fn superseding_an_undecided_rfc_names_every_field_the_status_needs() {
    let a = Archive::empty();
    let draft = |extra: &str| {
        rfc("Old", extra)
            .replace("status: accepted", "status: draft")
            .replace("decided: 2026-03-20\n", "")
    };
    a.write("rfcs/0002-old.md", &draft("")).write(
        "rfcs/0007-new.md",
        &rfc("New", "supersedes: [2]\n").replace("2026-03-20", "2026-04-02"),
    );
    a.run(&["check"]).code(1).stdout_has(
        "help: in `rfcs/0002-old.md`, set `status: superseded`, `decided: 2026-04-02` and \
         `superseded-by: 7`",
    );
    a.write("rfcs/0002-old.md", &draft("superseded-by: 7\n"));
    a.run(&["check"]).code(1).stdout_has(
        "help: set `status: superseded`, `decided: 2026-04-02`, or remove `superseded-by` if \
         the RFC still stands",
    );
    a.write(
        "rfcs/0002-old.md",
        &draft("superseded-by: 7\ndecided: 2026-04-02\n")
            .replace("status: draft", "status: superseded"),
    );
    a.run(&["check"]).code(0);
    // The successor is deleted: removing `superseded-by` alone would leave a superseded
    // RFC without it (RFC0111), so the help says to set the status back too.
    std::fs::remove_file(a.path().join("rfcs/0007-new.md")).unwrap();
    a.run(&["check"]).code(1).stdout_has(
        "help: correct the number to the RFC that replaced this one; if none did, remove \
         `superseded-by` and set the status back (`accepted`, say)",
    );
    a.write(
        "rfcs/0002-old.md",
        &rfc("Old", "").replace("2026-03-20", "2026-04-02"),
    );
    a.run(&["check"]).code(0);
}

/// RFC0301's help for a heading that is almost a section offers the aliases to set,
/// the section's current ones included: `aliases` replaces them, so following a help
/// that named only the new one broke every RFC that wrote `## Context`.
#[test]
fn the_alias_help_keeps_the_aliases_a_section_has() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-numbered.md",
        &rfc("Numbered", "").replace("## Problem", "## 1. Problem"),
    )
    .write(
        "rfcs/0002-context.md",
        &rfc("Context", "").replace("## Problem", "## Context"),
    );
    let json = a.run(&["check", "--format", "json"]).code(1).json();
    let help = crate::harness::diagnostics(&json)[0]["help"]
        .as_str()
        .unwrap()
        .to_string();
    let setting = help
        .split('`')
        .find(|part| part.starts_with("aliases = "))
        .unwrap_or_else(|| panic!("{help}"));
    a.write("book.toml", &format!("[rfc.sections.problem]\n{setting}\n"));
    a.run(&["check"]).code(0);
}

/// A Markdown file neither named nor written as an RFC (a changelog beside the RFCs) is
/// most likely not one: RFC0005 alone reports it, with the setting that leaves it out,
/// instead of five errors about front matter and sections it was never meant to have.
#[test]
fn a_file_neither_named_nor_written_as_an_rfc_gets_one_error() {
    let a = Archive::empty();
    a.write("rfcs/0001-a.md", &rfc("A", ""))
        .write("rfcs/CHANGELOG.md", "# Changelog\n\n- Added A.\n");
    let json = a.run(&["check", "--format", "json"]).code(1).json();
    assert_eq!(crate::harness::codes(&json), ["RFC0005"], "{json}");
    a.write("book.toml", "[rfc]\nexclude = [\"CHANGELOG.md\"]\n");
    a.run(&["check"]).code(0);
}

/// `check PATH` says which paths hold nothing it reads, and why, rather than "no
/// problems found" about a file it never read; a path as reports print it (relative to
/// the root) works from a folder inside the archive.
#[test]
fn paths_that_hold_no_rfc_are_named_and_report_paths_work_anywhere() {
    let a = Archive::empty();
    a.write("book.toml", "[book]\ntitle = \"Paths\"\n")
        .write("rfcs/0001-a.md", &rfc("A", ""))
        .write("rfcs/template.md", "# Template\n")
        .write("docs/0004-y.md", &rfc("Y", ""))
        .write("notes.txt", "x\n");
    let run = a.run(&[
        "check",
        "docs/0004-y.md",
        "rfcs/template.md",
        "notes.txt",
        "docs",
    ]);
    run.code(0)
        .stderr_has("note: docs/0004-y.md is not checked: it is outside the source folder `rfcs/`")
        .stderr_has("note: rfcs/template.md is not checked: README.md, SUMMARY.md and template.md are not RFCs")
        .stderr_has("note: notes.txt is not checked: it is not a Markdown file")
        .stderr_has("note: docs/ holds no RFC that is checked");
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace("## Problem", "## Problme"),
    );
    let run = a.run_in(&a.path().join("rfcs"), &["check", "rfcs/0001-a.md"]);
    run.code(1).stdout_has("--> rfcs/0001-a.md");
    // A file that cannot be read is checked all the same: its error says why, and it is
    // counted, not said to be left out by `[rfc] exclude`.
    a.write("rfcs/0002-empty.md", "");
    let run = a.run(&["check", "--format", "json", "rfcs/0002-empty.md"]);
    run.code(1);
    assert!(!run.stderr.contains("not checked"), "{}", run.stderr);
    let json = run.json();
    assert_eq!(crate::harness::codes(&json), ["RFC0001"], "{json}");
    assert_eq!(json["summary"]["files"], 1, "{json}");
}

/// RFC0205 on an RFC marked superseded by one that was rejected says what to undo, and
/// following it passes.
#[test]
fn a_rejected_replacement_leaves_the_old_rfc_standing() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-old.md",
        &rfc("Old", "superseded-by: 2\n").replace("status: accepted", "status: superseded"),
    )
    .write(
        "rfcs/0002-new.md",
        &rfc("New", "supersedes: [1]\n").replace("status: accepted", "status: rejected"),
    );
    a.run(&["check"]).code(1).stdout_has(
        "help: RFC 2 is `rejected`, so RFC 1 still stands: give it back its status (`accepted`) \
         and remove `superseded-by`, and remove 1 from the `supersedes` of RFC 2",
    );
    a.write("rfcs/0001-old.md", &rfc("Old", "")).write(
        "rfcs/0002-new.md",
        &rfc("New", "").replace("status: accepted", "status: rejected"),
    );
    a.run(&["check"]).code(0);
}

/// A section renamed in book.toml is still recognised under its default name, with the
/// rename or the alias as the fix.
#[test]
fn a_section_under_its_default_name_is_pointed_at_after_a_rename() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[rfc.sections.problem]\ntitle = \"Background\"\n",
    )
    .write("rfcs/0001-a.md", &rfc("A", ""));
    let json = a.run(&["check", "--format", "json"]).code(1).json();
    let d = &crate::harness::diagnostics(&json)[0];
    assert_eq!(d["line"], 10, "{json}");
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("rename it `## Background` (or set `aliases = [\"Problem statement\", \"Context\", \"Motivation\", \"Problem\"]`"),
        "{json}"
    );
}

/// An empty title is one error (RFC0106), not also a heading that differs from it.
#[test]
fn an_empty_title_is_not_also_a_title_mismatch() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("Use Redis", "").replace("title: Use Redis\n", "title: \"\"\n"),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    assert_eq!(crate::harness::codes(&json), ["RFC0106"], "{json:#}");
}

/// On a line too long to show whole, the snippet is a window of it; the `-->` column is
/// still the column in the file, as in the machine formats.
#[test]
fn a_long_lines_column_is_the_files_not_the_snippets() {
    let a = Archive::empty();
    let long = format!("{} RFC 99 is cited here.", "word ".repeat(80));
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace("Run PgBouncer.", &long),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let d = &crate::harness::diagnostics(&json)[0];
    assert_eq!(
        (&d["code"], &d["column"]),
        (&"RFC0307".into(), &402.into()),
        "{json}"
    );
    let human = a.run(&["check"]);
    human.stdout_has(&format!("--> rfcs/0001-a.md:{}:402\n", d["line"]));
    human.stdout_has("| …ord word");
}

/// A file not named as an RFC is not read as one while the rule is an error: RFC0005
/// alone, however it is written (MADR's `index.md` has front matter of its own); `.MD`
/// is told to be lower case. With the rule lowered, the file is checked whole.
#[test]
fn a_file_not_named_as_an_rfc_gets_only_its_name_reported() {
    let a = Archive::empty();
    a.write("rfcs/0001-a.md", &rfc("A", ""))
        .write(
            "rfcs/index.md",
            "---\nparent: Decisions\nnav_order: 100\n---\n# Decisions\n\nSee RFC 7.\n",
        )
        .write("rfcs/0002-b.MD", &rfc("B", "tags: [x]\n"));
    let json = a.run(&["check", "--format", "json"]).json();
    let found: Vec<(&str, &str, &str)> = crate::harness::diagnostics(&json)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["help"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{json:#}");
    assert_eq!(
        found[0],
        (
            "rfcs/0002-b.MD",
            "RFC0005",
            "rename it to `0002-b.md`: the extension is written in lower case"
        )
    );
    assert_eq!((found[1].0, found[1].1), ("rfcs/index.md", "RFC0005"));
    a.write("book.toml", "[rfc.lints]\nbad-file-name = \"warn\"\n");
    let json = a.run(&["check", "--format", "json"]).json();
    let codes = crate::harness::codes(&json);
    assert!(
        codes.contains(&"RFC0105") && codes.contains(&"RFC0108"),
        "{json:#}"
    );
}

/// A first `#` heading that heads a part (`# Specification`, as EIPs write their parts)
/// is no title that differs from `title`.
#[test]
fn a_first_heading_that_heads_a_part_is_no_title_mismatch() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("State clearing", "").replace("# State clearing\n", "# Specification\n\nText.\n"),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    assert!(
        !crate::harness::codes(&json).contains(&"RFC0304"),
        "{json:#}"
    );
    a.write(
        "rfcs/0001-a.md",
        &rfc("State clearing", "").replace("# State clearing\n", "# State cleaning\n"),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    assert_eq!(crate::harness::codes(&json), ["RFC0304"], "{json:#}");
}

/// A reference link (`[the spec][spec]`) leads where its definition says: a broken
/// target is reported once, at the definition, where it is fixed, however often the
/// definition is used; a link written inline is still reported where it is.
#[test]
fn a_broken_reference_link_is_reported_at_its_definition() {
    let a = Archive::empty();
    let text = rfc("A", "").replace(
        "Run PgBouncer.",
        "Run PgBouncer, as [the spec][Spec] and [spec] say, and [B](0008-b.md).\n\n\
         [spec]: ./0009-gone.md \"The spec\"",
    );
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    let column_of = |needle: &str| text.lines().find_map(|l| l.find(needle)).unwrap() as u64 + 1;
    a.write("rfcs/0001-a.md", &text);
    let json = a.run(&["check", "--format", "json"]).json();
    let broken: Vec<(u64, u64)> = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["code"] == "RFC0305")
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        broken,
        [
            (line_of("[the spec]"), column_of("[B]")),
            (line_of("[spec]: "), 1)
        ],
        "{json}"
    );
    // Fixed at the definition, both uses work, and the page links them to the RFC.
    a.write(
        "rfcs/0001-a.md",
        &text
            .replace("0009-gone.md", "0002-b.md")
            .replace("[B](0008-b.md)", "B"),
    )
    .write("rfcs/0002-b.md", &rfc("B", ""));
    a.run(&["check"]).code(0);
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0001-a.html");
    let to_b = "href=\"0002-b.html\" title=\"The spec\"";
    assert_eq!(page.matches(to_b).count(), 2, "{page}");
    // A label that Unicode folds further than lower case (`Straße`, `STRASSE`) is the
    // same definition: still one report.
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "Run PgBouncer.",
            "Run PgBouncer: [Straße][] and [x][STRASSE].\n\n[STRASSE]: 0099-missing.md",
        ),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    assert_eq!(crate::harness::codes(&json), ["RFC0305"], "{json:#}");
}

/// Three files with one number need two new numbers, one each; in an archive numbered
/// by date, where records of one day share a number, the help says how to allow that or
/// names the next free day, never a number that is no date.
#[test]
fn a_clash_of_three_gets_two_numbers_and_dated_numbers_get_a_day() {
    let a = Archive::empty();
    for name in ["0001-a", "0001-b", "0001-c", "0002-d"] {
        a.write(&format!("rfcs/{name}.md"), &rfc(name, ""));
    }
    let json = a.run(&["check", "--format", "json"]).json();
    let helps: Vec<String> = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["code"] == "RFC0201")
        .map(|d| d["help"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(helps.len(), 3, "{json:#}");
    assert!(
        helps.iter().all(|h| h
            == "give all but one of these 3 files a free number each, 0003, 0004: rename the \
                files, and update links to them"),
        "{helps:?}"
    );
    let d = Archive::empty();
    d.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n[rfc]\nfile-name = \"{id}-{slug}.md\"\nid-digits = 8\n",
    );
    for name in ["20201016-a", "20201016-b", "20201017-c"] {
        d.write(&format!("rfcs/{name}.md"), &rfc(name, ""));
    }
    d.run(&["check"]).code(1).stdout_has(
        "help: the numbers here are dates, which records of one day share: allow it with \
         `duplicate-id = \"allow\"` under `[rfc.lints]` in book.toml, or give one of the files \
         the next free day, 20201018: rename the file, and update links to it",
    );
    // Two clashes are offered different days, three files of one day two days; doing
    // what the helps say ends every clash.
    d.write("rfcs/20201017-d.md", &rfc("20201017-d", ""))
        .write("rfcs/20201016-e.md", &rfc("20201016-e", ""));
    d.run(&["check"])
        .code(1)
        .stdout_has("give all but one of these 3 files a free day each, 20201018, 20201019")
        .stdout_has("give one of the files the next free day, 20201020");
    for (from, to) in [
        ("20201016-b", "20201018-b"),
        ("20201016-e", "20201019-e"),
        ("20201017-d", "20201020-d"),
    ] {
        std::fs::rename(
            d.path().join(format!("rfcs/{from}.md")),
            d.path().join(format!("rfcs/{to}.md")),
        )
        .unwrap();
    }
    let json = d.run(&["check", "--format", "json"]).json();
    assert!(
        crate::harness::codes(&json).iter().all(|c| *c != "RFC0201"),
        "{json:#}"
    );
}

/// An address the site does not keep is told where to put what it names: a pasted
/// picture (`data:`) beside the RFC as an image, another file (`ftp:`) as a file.
#[test]
fn an_address_left_out_is_told_what_to_link_instead() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("A", "").replace(
            "Run PgBouncer.",
            "Run PgBouncer ([notes](ftp://example.com/notes.txt)).\n\n\
             ![Pool](data:image/png;base64,iVBORw0KGgo=)",
        ),
    );
    a.run(&["check"])
        .code(0)
        .stdout_has(
            "a `ftp:` URL is left out of the site, which keeps only http(s), mailto and \
             relative addresses",
        )
        .stdout_has(
            "help: link to an http(s) address instead, or put the file beside the RFC and \
             link it by its path (`[the spec](spec.pdf)`)",
        )
        .stdout_has("(`![Diagram](diagram.png)`)");
}

/// Where records share a number (log4brains' dates), a relation written as a link means
/// the file it links to: not the first file with the number, which gave a successor
/// the wrong status and asked the wrong file to answer.
#[test]
fn a_relation_linked_to_one_of_several_files_with_its_number_means_that_file() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[book]\ntitle = \"T\"\nsrc = \"adr\"\n[rfc]\nfile-name = \"{id}-{slug}.md\"\nid-digits = 8\n\
         body-metadata = true\nrequired-fields = [\"title\", \"status\"]\nrequired-sections = []\n\
         [rfc.lints]\nduplicate-id = \"allow\"\nstale-proposal = \"allow\"\n",
    );
    let record = |status: &str, extra: &str| {
        format!("# X\n\n- Status: {status}\n- Date: 2020-10-28\n{extra}\n## Context\n\nc\n")
    };
    a.write(
        "adr/20201028-old.md",
        &record("superseded by [20201029-new](20201029-new.md)", ""),
    );
    a.write("adr/20201029-another.md", &record("proposed", ""));
    a.write(
        "adr/20201029-new.md",
        &record(
            "accepted",
            "- Supersedes: [20201028-old](20201028-old.md)\n",
        ),
    );
    a.run(&["check"])
        .code(0)
        .stdout_has("checked 3 files: no problems found");
    // Linked to the proposal, the proposal is named, and is the file asked to answer.
    a.write(
        "adr/20201028-old.md",
        &record("superseded by [20201029-another](20201029-another.md)", ""),
    );
    let json = a.run(&["check", "--format", "json"]).json();
    let found: Vec<(String, String)> = crate::harness::diagnostics(&json)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["help"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        found
            .iter()
            .any(|(c, h)| c == "RFC0203" && h.contains("in `adr/20201029-another.md`")),
        "{json:#}"
    );
    assert!(found.iter().any(|(c, _)| c == "RFC0205"), "{json:#}");
}

/// A team's own word for a role (`approved`), given no role, switched every rule about
/// accepted RFCs off in silence: `check` and `build` now say so, and following the
/// warning brings the rules back (here RFC0111: an approved RFC owes `decided`).
#[test]
fn a_status_that_looks_like_a_role_but_has_none_is_said() {
    let a = Archive::empty();
    a.write("book.toml", "[rfc]\nstatuses = [\"draft\", \"approved\"]\n")
        .write(
            "rfcs/0001-a.md",
            &rfc("A", "")
                .replace("status: accepted", "status: approved")
                .replace("decided: 2026-03-20\n", ""),
        );
    let warning = "status `approved` has no role, so no rule or page treats it as `accepted`; \
                   if it means that, add `approved = \"accepted\"` under `[rfc.status-roles]`";
    a.run(&["check"]).code(0).stderr_has(warning);
    a.run(&["build"]).code(0).stderr_has(warning);
    a.write(
        "book.toml",
        "[rfc]\nstatuses = [\"draft\", \"approved\"]\n[rfc.status-roles]\napproved = \"accepted\"\n",
    );
    let run = a.run(&["check"]);
    run.code(1)
        .stdout_has("error[RFC0111]: status `approved` requires `decided`");
    assert!(!run.stderr.contains("has no role"), "{}", run.stderr);
}

/// A conflict in the body: `=======` made the line above it a heading, and the section
/// was reported empty. The conflict alone is said, at its first marker; a marker left
/// alone after a half-done resolution is found too; an RFC that relates to the file is
/// not told it does not exist; lowered to a warning, the file is read as it is.
#[test]
fn merge_conflicts_are_said_alone_at_their_first_marker() {
    let a = Archive::empty();
    let conflicted = rfc("B", "").replace(
        "Run PgBouncer.\n",
        "<<<<<<< HEAD\nRun PgBouncer.\n=======\nRun PgCat.\n>>>>>>> 5f2c1e9 (use pgcat)\n",
    );
    a.write("rfcs/0001-a.md", &rfc("A", "related: [2]\n"))
        .write("rfcs/0002-b.md", &conflicted);
    let run = a.run(&["check", "--format", "json"]);
    run.code(1);
    let json = run.json();
    assert_eq!(crate::harness::codes(&json), ["RFC0006"], "{json}");
    let d = &json["diagnostics"][0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("rfcs/0002-b.md"), Some(16))
    );
    assert_eq!(
        d["message"],
        "a merge conflict is left in the file, from `<<<<<<< HEAD` to \
         `>>>>>>> 5f2c1e9 (use pgcat)` (line 20)"
    );
    a.write(
        "rfcs/0002-b.md",
        &rfc("B", "").replace("Run PgBouncer.\n", "Run PgBouncer.\n>>>>>>>\n"),
    );
    a.run(&["check"])
        .code(1)
        .stdout_has("error[RFC0006]: a merge conflict marker is left in the file: `>>>>>>>`");
    a.write("book.toml", "[rfc.lints]\nmerge-conflict = \"warn\"\n")
        .write("rfcs/0002-b.md", &conflicted);
    let json = a.run(&["check", "--format", "json"]).json();
    let codes = crate::harness::codes(&json);
    assert!(codes.contains(&"RFC0006") && codes.len() > 1, "{json}");
}
