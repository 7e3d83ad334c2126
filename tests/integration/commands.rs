//! `init`, `new`, `list` and `explain`.

use crate::harness::{Archive, git, rfc};

/// An environment where git knows no user, so tests never depend on the machine's config.
fn no_git_user(a: Archive) -> Archive {
    let home = a.path().join(".home");
    std::fs::create_dir_all(&home).unwrap();
    let home = home.to_string_lossy().into_owned();
    a.env("HOME", &home)
        .env("GIT_CONFIG_GLOBAL", &format!("{home}/gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("XDG_CONFIG_HOME", &home)
}

fn with_git_user(a: Archive) -> Archive {
    let a = no_git_user(a);
    a.write(
        ".home/gitconfig",
        "[user]\n\tname = Grace Hopper\n\temail = grace@example.com\n",
    );
    a
}

/// The arguments of the step of `job` that runs rfcbook, as a workflow writes them.
fn rfcbook_step<'w>(workflow: &'w yaml_rust2::Yaml, job: &str) -> &'w str {
    workflow["jobs"][job]["steps"]
        .as_vec()
        .expect("the job has steps")
        .iter()
        .find_map(|s| s["run"].as_str()?.trim().strip_prefix("rfcbook "))
        .expect("a step runs rfcbook")
}

#[test]
fn init_creates_a_valid_archive_and_refuses_to_overwrite() {
    let a = with_git_user(Archive::empty());
    a.run(&["init", "acme"]).code(0);
    for file in [
        "book.toml",
        "rfcs/template.md",
        "rfcs/0001-record-decisions-as-rfcs.md",
        ".github/workflows/rfcs.yml",
        ".gitignore",
    ] {
        assert!(a.path().join("acme").join(file).is_file(), "{file}");
    }
    assert!(
        a.read("acme/rfcs/0001-record-decisions-as-rfcs.md")
            .contains("Grace Hopper <grace@example.com>")
    );
    assert!(a.read("acme/.gitignore").contains("/site/"));
    a.run(&["--root", "acme", "check", "--deny-warnings"])
        .code(0)
        .stdout_has("no problems found");
    // The site's address is offered, commented out: uncommented, the sitemap gives full
    // addresses, as search engines need.
    let config = a.read("acme/book.toml");
    let example = "# [output.html]\n# site-url = \"https://rfcs.example.com/\"\n";
    assert!(config.contains(example), "{config}");
    a.write(
        "acme/book.toml",
        &config.replace(
            example,
            "[output.html]\nsite-url = \"https://rfcs.example.com/\"\n",
        ),
    );
    a.run(&["--root", "acme", "build"]).code(0);
    let sitemap = a.read("acme/site/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://rfcs.example.com/index.html</loc>"),
        "{sitemap}"
    );
    a.write("acme/book.toml", "# mine\n");
    a.run(&["init", "acme"])
        .code(2)
        .stderr_has("error[RFC9004]");
    assert_eq!(a.read("acme/book.toml"), "# mine\n");
    // Started again without the book.toml: the files init wrote, unchanged, are no
    // reason to refuse; one changed since is.
    let b = with_git_user(Archive::empty());
    b.run(&["init"]).code(0);
    std::fs::remove_file(b.path().join("book.toml")).unwrap();
    std::fs::remove_file(b.path().join("rfcs/0001-record-decisions-as-rfcs.md")).unwrap();
    b.run(&["init"]).code(0);
    assert!(b.path().join("book.toml").is_file());
    std::fs::remove_file(b.path().join("book.toml")).unwrap();
    b.write("rfcs/template.md", "# mine\n");
    b.run(&["init"]).code(2).stderr_has("error[RFC9004]");
    assert_eq!(b.read("rfcs/template.md"), "# mine\n");
}

/// init where a team keeps its records already, and there is no rfcs/ of RFCs, makes the
/// archive read them as they are written (rfcs/0032): their folder, their naming, the
/// metadata in their body, their templates left out, and of the required sections and
/// fields only those most of them write. `check` then reports real problems only.
#[test]
fn init_adopts_records_kept_elsewhere() {
    let a = with_git_user(Archive::empty());
    for (n, title) in [(1, "Use Auth0"), (2, "Use SES"), (3, "Use Postgres")] {
        a.write(
            &format!("ADR/ADR{n:03}-x{n}.md"),
            &format!(
                "# ADR{n:03}: {title}\n\nDate: 2024-01-0{n}\n\n## Status\n\nAccepted\n\n\
                 ## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
            ),
        );
    }
    // One record of three has alternatives: not most, so not required.
    a.write(
        "ADR/ADR003-x3.md",
        &(a.read("ADR/ADR003-x3.md") + "\n## Alternatives\n\nnone\n"),
    );
    a.write(
        "ADR/ADRXXX-decision-record-template.md",
        "# ADRxxx: Title\n",
    );
    a.write("docs/notes.md", "# Notes\n");
    a.run(&["init"])
        .code(0)
        .stderr_has("created book.toml and the workflow .github/workflows/rfcs.yml in ")
        .stderr_has(
            " for the records in ADR/ (3 numbered Markdown files, which look like decision \
         records); not required, as most of them do without: `## Alternatives`, `authors`",
        )
        .stderr_has("next: `rfcbook check`, then `rfcbook build`");
    let config = a.read("book.toml");
    for line in [
        "src = \"ADR\"\n",
        // The team's template is the one `new` fills (rfcs/0033), not an excluded file.
        "[rfc]\nfile-name = \"ADR{id}-{slug}.md\"\nid-digits = 3\nbody-metadata = true\n\
         template = \"ADR/ADRXXX-decision-record-template.md\"\n",
        "# As the records in ADR/ are written: most have no `## Alternatives` or `authors`, \
         so they are not required.\n\
         required-fields = [\"title\", \"status\", \"created\"]\n\
         required-sections = [\"problem\", \"approach\", \"rationale\"]\n",
    ] {
        assert!(config.contains(line), "{line}\nnot in:\n{config}");
    }
    // No example RFC, no template of rfcbook's: the archive is the team's records.
    assert!(!a.path().join("rfcs").exists());
    assert!(
        a.read(".github/workflows/rfcs.yml")
            .contains(r#"paths: ["ADR/**", "themes/**""#)
    );
    let listed = a.run(&["list", "--format", "json"]).json();
    assert_eq!(listed.as_array().map(Vec::len), Some(3), "{listed:#}");
    a.run(&["check", "--deny-warnings"])
        .code(0)
        .stdout_has("checked 3 files: no problems found");

    // Records with errors as they are: init says the site is not published until they
    // are fixed or their rules lowered, rather than "next: build", which then refused.
    let e = with_git_user(Archive::empty());
    for n in 1..=3 {
        e.write(
            &format!("ADR/ADR{n:03}-x{n}.md"),
            &format!(
                "# ADR{n:03}: X\n\nDate: 2024-01-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\n\
                 See [the notes](notes{n}.md).\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
            ),
        );
    }
    let run = e.run(&["init"]);
    run.code(0).stderr_has(
        "the records as they are have 3 errors (3 broken-link): `rfcbook build` publishes the \
         site once they are fixed, or once book.toml lowers their rules (`[rfc.lints]`, e.g. \
         `broken-link = \"warn\"`)\n  next: `rfcbook check`, which shows each",
    );
    e.run(&["build"]).code(1);
    e.write(
        "book.toml",
        &(e.read("book.toml") + "\n[rfc.lints]\nbroken-link = \"warn\"\n"),
    );
    e.run(&["build"]).code(0);

    // Records that write no status (the Rust RFCs keep only merged ones): a record
    // without one is taken as accepted, said in book.toml and by init, not "unknown".
    let d = with_git_user(Archive::empty());
    for n in 1..=3 {
        d.write(
            &format!("text/{n:04}-x{n}.md"),
            &rfc("X", "").replace("status: accepted\n", ""),
        );
    }
    d.run(&["init"])
        .code(0)
        .stderr_has("; a record that writes no status is taken as `accepted` (`default-status`)");
    assert!(
        d.read("book.toml")
            .contains("\ndefault-status = \"accepted\"\n")
    );
    let listed = d.run(&["list", "--format", "json"]).json();
    assert_eq!(listed[0]["status"], "accepted", "{listed:#}");

    // RFCs in rfcs/ already: that is the archive, and the records are pointed at.
    let r = with_git_user(Archive::empty());
    r.write("rfcs/0001-a.md", &rfc("A", ""));
    for n in 1..=3 {
        r.write(
            &format!("ADR/ADR{n:03}-x{n}.md"),
            "# ADR: X\n\nDate: 2024-01-01\n",
        );
    }
    r.run(&["init"]).code(0).stderr_has(
        "note: ADR/ holds 3 numbered Markdown files, which look like decision records, and \
         this archive reads rfcs/; to check and publish them instead, set in book.toml \
         `src = \"ADR\"` under [book], and `file-name = \"ADR{id}-{slug}.md\"`, \
         `id-digits = 3`, `body-metadata = true` under [rfc], then run `rfcbook check`",
    );
    assert!(r.read("book.toml").contains("src = \"rfcs\""));

    // The count and the name are those of the files named alike: a number with no slug
    // is named without one, with the fewest digits written.
    let c = with_git_user(Archive::empty());
    for name in ["eip-1.md", "eip-20.md", "eip-1559.md", "7.md"] {
        c.write(&format!("EIPS/{name}"), "---\ntitle: X\n---\n");
    }
    c.run(&["init"])
        .code(0)
        .stderr_has("for the records in EIPS/ (3 numbered Markdown files");
    let config = c.read("book.toml");
    assert!(
        config.contains("src = \"EIPS\"")
            && config.contains("[rfc]\nfile-name = \"eip-{id}.md\"\nid-digits = 1\nstatuses"),
        "{config}"
    );
    // Nothing numbered elsewhere: an archive of rfcbook's own. One numbered file in a
    // folder that is not named for records is not enough either.
    let b = with_git_user(Archive::empty());
    b.write("docs/notes.md", "# Notes\n")
        .write("docs/1-intro.md", "# Intro\n");
    let run = b.run(&["init"]);
    assert!(
        run.stderr.contains("created an RFC archive"),
        "{}",
        run.stderr
    );
    assert!(
        b.path()
            .join("rfcs/0001-record-decisions-as-rfcs.md")
            .is_file()
    );
    assert!(b.read("book.toml").contains("src = \"rfcs\""));
    // `adr init` writes one record: in a folder named for records, that is enough, and a
    // record about templates is a record.
    let d = with_git_user(Archive::empty());
    d.write(
        "doc/adr/0001-record-architecture-decisions.md",
        "# 1. Record architecture decisions\n\nDate: 2026-11-01\n\n## Status\n\nAccepted\n",
    );
    d.run(&["init"])
        .code(0)
        .stderr_has("for the records in doc/adr/ (1 numbered Markdown file, which looks like a decision record)");
    let config = d.read("book.toml");
    assert!(
        config.contains("src = \"doc/adr\"") && config.contains("body-metadata = true"),
        "{config}"
    );
    assert!(!config.contains("exclude"), "{config}");
}

/// Records written to another template (MADR: `date:` and `deciders:` in front matter,
/// `## Context and Problem Statement`, `## Decision Outcome`) are read with the names
/// most of them use, so that what they write counts; numbers that are dates may repeat.
#[test]
fn init_learns_the_names_records_give_fields_and_sections() {
    let a = with_git_user(Archive::empty());
    for (day, slug) in [(1, "use-markdown"), (1, "use-madr"), (2, "use-dashes")] {
        a.write(
            &format!("docs/decisions/2024010{day}-{slug}.md"),
            &format!(
                "---\nstatus: accepted\ndate: 2024-01-0{day}\ndeciders: Ada, Grace\n---\n\
                 # {slug}\n\n## Context and Problem Statement\n\nc\n\n\
                 ## Considered Options\n\n* a\n* b\n\n## Decision Outcome\n\nChosen: a.\n"
            ),
        );
    }
    a.write("docs/decisions/index.md", "# Decisions\n");
    a.write("docs/decisions/adr-template.md", "# {short title}\n");
    a.run(&["init"]).code(0).stderr_has(
        "for the records in docs/decisions/ (3 numbered Markdown files, which look like \
         decision records); not required, as most of them do without: `## Rationale`, `title`",
    );
    let config = a.read("book.toml");
    for part in [
        "template = \"docs/decisions/adr-template.md\"\nexclude = [\"index.md\"]\n",
        "required-fields = [\"status\", \"authors\", \"created\"]\n\
         required-sections = [\"problem\", \"approach\", \"alternatives\"]\n",
        "[rfc.key-aliases]\ndate = \"created\"\ndeciders = \"authors\"\n",
        "[rfc.sections.problem]\naliases = [\"Problem statement\", \"Context\", \"Motivation\", \
         \"Context and Problem Statement\"]\n",
        "[rfc.sections.approach]\naliases = [\"Proposed approach\", \"Proposal\", \"Decision\", \
         \"Design\", \"Decision Outcome\"]\n",
        "[rfc.lints]\n# The numbers are dates: records of one day share one.\n\
         duplicate-id = \"allow\"\n",
        // MADR's accepted records give no decision date: accepted asks for none, and the
        // statuses no record has ask for what most records write (a superseded one still
        // names its successor).
        "[rfc.required-by-status]\naccepted = []\nrejected = []\n\
         superseded = [\"superseded-by\"]\n",
    ] {
        assert!(config.contains(part), "{part}\nnot in:\n{config}");
    }
    a.run(&["check", "--deny-warnings"])
        .code(0)
        .stdout_has("checked 3 files: no problems found");
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/20240102-use-dashes.html");
    assert!(page.contains("Ada") && page.contains("Grace"), "{page}");
}

/// The statuses and keys of another process (EIPs: `Final`, `Last Call`, `Moved`;
/// `category`, `discussions-to`) are kept, with the meaning each word most likely has
/// written where the team can correct it; run inside the records' folder, init adopts
/// that folder; the publishing workflow watches it as the checking one does. Records
/// that moved away (a status and a line saying where, as the EIPs keep hundreds) are no
/// sign that the archive does without sections: what is required is read off the others
/// (rfcs/0034).
#[test]
fn init_learns_statuses_and_keys_and_adopts_the_folder_it_runs_in() {
    let a = with_git_user(Archive::empty());
    for (n, status) in [
        (1, "Final"),
        (2, "Final"),
        (3, "Last Call"),
        (4, "Last Call"),
        (10, "Parked"),
        (11, "Parked"),
    ] {
        a.write(
            &format!("EIPS/eip-{n}.md"),
            &format!(
                "---\ntitle: E{n}\nauthor: Ada\nstatus: {status}\ncreated: 2024-01-{n:02}\n\
                 category: Core\ndiscussions-to: https://example.com/t/{n}\n---\n\
                 ## Abstract\n\na\n\n## Motivation\n\nm\n\n## Specification\n\ns\n\n\
                 ## Rationale\n\nr\n"
            ),
        );
    }
    for n in 5..10 {
        a.write(
            &format!("EIPS/eip-{n}.md"),
            &format!(
                "---\neip: {n}\ncategory: ERC\nstatus: Moved\n---\n\n\
                 This file was moved to https://github.com/ethereum/ercs/blob/master/ERCS/erc-{n}.md\n"
            ),
        );
    }
    git(&a, &["init", "-q", "-b", "main"]);
    a.run(&["init", "--github-pages"]).code(0);
    let config = a.read("book.toml");
    for part in [
        "statuses = [\"draft\", \"proposed\", \"accepted\", \"rejected\", \"superseded\", \
         \"deprecated\", \"withdrawn\", \"final\", \"last call\", \"moved\", \"parked\"]\n",
        // `moved` is a role's name, so the status has that role without a line.
        "[rfc.status-roles]\nfinal = \"accepted\"\n\"last call\" = \"proposed\"\n\
         # `parked` means nothing rfcbook knows: add a line for each, e.g. `parked = \"withdrawn\"`.\n",
        "required-sections = [\"problem\", \"approach\", \"rationale\"]\n",
        "[rfc.key-aliases]\nauthor = \"authors\"\ndiscussions-to = \"discussion\"\n",
        "[rfc.lints]\n# Keys of the records' own (`category`): not reported.\n\
         unknown-key = \"allow\"\n",
        "[rfc.required-by-status]\naccepted = []\n",
        "final = []\n",
    ] {
        assert!(config.contains(part), "{part}\nnot in:\n{config}");
    }
    // The examples of the tables written are gone: uncommenting one would give two.
    assert!(!config.contains("# [rfc.status-roles]"), "{config}");
    assert!(!config.contains("# [rfc.lints]"), "{config}");
    for workflow in [
        ".github/workflows/rfcs.yml",
        ".github/workflows/rfcs-pages.yml",
    ] {
        let text = a.read(workflow);
        assert!(
            text.contains(r#"paths: ["EIPS/**", "themes/**""#),
            "{workflow}: {text}"
        );
    }
    // What is left are the proposals in last call for years: real problems.
    a.run(&["check"])
        .code(0)
        .stdout_has("checked 11 files: 0 errors, 2 warnings");

    // Inside the records' folder: `check` points at init, and init adopts the folder.
    let d = with_git_user(Archive::empty());
    for n in 1..=3 {
        d.write(
            &format!("adr/000{n}-x{n}.md"),
            &format!(
                "# {n}. X{n}\n\nDate: 2024-01-0{n}\n\n## Status\n\nAccepted\n\n\
                      ## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
            ),
        );
    }
    let inside = d.path().join("adr");
    d.run_in(&inside, &["check"]).code(1).stderr_has(
        "`rfcbook init` writes one that reads the records in this folder as they are written",
    );
    d.run_in(&inside, &["init"])
        .code(0)
        .stderr_has("for the records in this folder (3 numbered Markdown files");
    assert!(d.read("adr/book.toml").contains("src = \".\""));
    assert!(!inside.join("rfcs").exists());
    d.run_in(&inside, &["check"])
        .code(0)
        .stdout_has("checked 3 files: no problems found");
}

/// `check` without a book.toml, failing, says that one would set what it checked
/// against, and names a folder of records that init would read as they are.
#[test]
fn check_without_a_config_points_at_init() {
    let a = Archive::empty();
    for n in 1..=2 {
        a.write(
            &format!("decisions/adr-{n:02}-x.md"),
            "# X\n\nDate: 2024-01-01\n",
        );
    }
    a.run(&["check"]).code(1).stderr_has(&format!(
        "note: there is no book.toml in {}, so the files were checked against rfcbook's \
         defaults (`NNNN-slug.md`, front matter, four sections); `rfcbook init` writes one \
         that reads the records in decisions/ as they are written",
        a.path().display()
    ));
    let b = Archive::empty();
    b.write("misc.md", "# Not an RFC\n");
    b.run(&["check"]).code(1).stderr_has(
        "`rfcbook init` writes one, in which file names, statuses and required sections are set",
    );
    // With a book.toml, nothing of the kind.
    let c = Archive::empty();
    c.write("book.toml", "[book]\ntitle = \"T\"\n")
        .write("rfcs/misc.md", "# Not an RFC\n");
    let run = c.run(&["check"]);
    assert!(!run.stderr.contains("no book.toml"), "{}", run.stderr);
}

/// The workflow init writes runs its check as a pull request would: the command line is
/// taken from the workflow, the base branch is `origin/main`, and the annotations name
/// the problem the pull request adds, not the one the archive had before.
#[test]
fn init_workflow_checks_what_a_pull_request_changes() {
    let a = with_git_user(Archive::empty());
    a.run(&["init"]).code(0);
    a.write("rfcs/0002-b.md", &rfc("B", "stauts: x\n"));
    git(&a, &["init", "-q", "-b", "main"]);
    git(&a, &["add", "."]);
    git(&a, &["commit", "-q", "-m", "start"]);
    git(&a, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    git(&a, &["checkout", "-q", "-b", "topic"]);
    a.write(
        "rfcs/0003-c.md",
        &rfc("C", "").replace("status: accepted", "status: acepted"),
    );
    git(&a, &["add", "."]);
    git(&a, &["commit", "-q", "-m", "add C"]);

    let workflow = a.read(".github/workflows/rfcs.yml");
    let line = workflow
        .lines()
        .find_map(|l| l.trim().strip_prefix("rfcbook "))
        .expect("a step runs rfcbook");
    let line = line.replace("$BASE", "main");
    let args: Vec<&str> = line.split(' ').map(|w| w.trim_matches('"')).collect();
    assert_eq!(args[0], "check", "{line}");
    let run = a.run(&args);
    run.code(1);
    assert_eq!(
        run.stdout,
        "::error file=rfcs/0003-c.md,line=3,col=9,title=RFC0110::unknown status `acepted`\n"
    );
}

/// `init --github-pages` writes a workflow that publishes the site from the branch checked
/// out: its build step, run as written, makes the folder it uploads. In an existing
/// archive it writes only the workflow, watching the source folder book.toml names, and
/// never over a workflow of the same name.
#[test]
fn init_github_pages_writes_a_workflow_that_publishes_the_site() {
    use yaml_rust2::YamlLoader;
    let a = with_git_user(Archive::empty());
    git(&a, &["init", "-q", "-b", "trunk"]);
    a.run(&["init", "--github-pages"])
        .code(0)
        .stderr_has("publishes the site on GitHub Pages each time `trunk` changes")
        .stderr_has("Source: GitHub Actions");
    assert!(a.path().join(".github/workflows/rfcs.yml").is_file());
    let text = a.read(".github/workflows/rfcs-pages.yml");
    let workflow = &YamlLoader::load_from_str(&text).expect("the workflow is YAML")[0];
    let push = &workflow["on"]["push"];
    assert_eq!(push["branches"][0].as_str(), Some("trunk"), "{text}");
    assert_eq!(push["paths"][0].as_str(), Some("rfcs/**"), "{text}");
    assert_eq!(workflow["permissions"]["pages"].as_str(), Some("write"));
    let steps = workflow["jobs"]["publish"]["steps"]
        .as_vec()
        .expect("the job has steps");
    let build = rfcbook_step(workflow, "publish");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("a step uploads the site");
    let uploaded = upload["with"]["path"]
        .as_str()
        .expect("the uploaded folder");
    // The site is built for the address GitHub Pages gives it (configure-pages'
    // `base_url`), so that the 404 page's links work under /REPO/ too.
    assert!(steps.iter().any(|s| {
        s["id"].as_str() == Some("pages")
            && s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/configure-pages@"))
    }));
    let env = steps
        .iter()
        .find_map(|s| s["env"]["SITE_URL"].as_str())
        .expect("the build is given the site's address");
    assert_eq!(env, "${{ steps.pages.outputs.base_url }}/");
    let build = build.replace("\"$SITE_URL\"", "https://acme.github.io/rfcs/");
    a.run(&build.split(' ').collect::<Vec<_>>()).code(0);
    assert!(a.path().join(uploaded).join("index.html").is_file());
    let not_found = a.read(&format!("{uploaded}/404.html"));
    assert!(
        not_found.contains("href=\"/rfcs/static/style.css\""),
        "{not_found}"
    );
    assert!(steps.iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/deploy-pages@"))
    }));

    let b = with_git_user(Archive::empty());
    b.write("book.toml", "[book]\nsrc = \"docs/adr\"\n")
        .write("docs/adr/0001-a.md", &rfc("A", ""));
    let run = b.run_in(&b.path().join("docs/adr"), &["init", "--github-pages"]);
    run.code(0).stderr_has("each time `main` changes");
    let text = b.read(".github/workflows/rfcs-pages.yml");
    let workflow = &YamlLoader::load_from_str(&text).expect("the workflow is YAML")[0];
    assert_eq!(
        workflow["on"]["push"]["paths"][0].as_str(),
        Some("docs/adr/**"),
        "{text}"
    );
    assert!(!b.path().join(".github/workflows/rfcs.yml").exists());
    assert!(!b.path().join("rfcs").exists());
    b.write(".github/workflows/rfcs-pages.yml", "# mine\n");
    b.run(&["init", "--github-pages", "--theme"])
        .code(2)
        .stderr_has("error[RFC9004]");
    assert_eq!(b.read(".github/workflows/rfcs-pages.yml"), "# mine\n");
    assert!(
        !b.path().join("themes").exists(),
        "nothing is written when one file is in the way"
    );
}

/// An archive in a subfolder of a repository (`docs/rfcs`) gets its workflows at the top
/// of the repository, the only place GitHub reads them. They reach the archive with
/// `--root` and watch its paths; annotations name files from the top; and the site is
/// published from the repository's main branch even when the workflow is added on a
/// branch of its own.
#[test]
fn init_in_a_subfolder_writes_workflows_at_the_top_of_the_repository() {
    use yaml_rust2::YamlLoader;
    let a = with_git_user(Archive::empty());
    let top = a.path().to_string_lossy().into_owned();
    let a = a.env("GITHUB_WORKSPACE", &top);
    git(&a, &["init", "-q", "-b", "main"]);
    a.run(&["init", "docs/rfcs"]).code(0).stderr_has(
        "its workflow is .github/workflows/rfcs-docs-rfcs.yml at the top of the repository",
    );
    assert!(!a.path().join("docs/rfcs/.github").exists());
    let text = a.read(".github/workflows/rfcs-docs-rfcs.yml");
    let workflow = &YamlLoader::load_from_str(&text).expect("the workflow is YAML")[0];
    let paths: Vec<&str> = workflow["on"]["pull_request"]["paths"]
        .as_vec()
        .expect("paths")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "docs/rfcs/rfcs/**",
            "docs/rfcs/themes/**",
            "docs/rfcs/book.toml",
            ".github/workflows/rfcs-docs-rfcs.yml"
        ]
    );
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("rfcbook "))
        .expect("a step runs rfcbook");
    let args: Vec<&str> = line.split(" --base ").next().unwrap().split(' ').collect();
    assert_eq!(args, ["--root", "docs/rfcs", "check", "--format", "github"]);
    a.write(
        "docs/rfcs/rfcs/0002-b.md",
        &rfc("B", "").replace("status: accepted", "status: acepted"),
    );
    let run = a.run(&args);
    run.code(1);
    assert_eq!(
        run.stdout,
        "::error file=docs/rfcs/rfcs/0002-b.md,line=3,col=9,title=RFC0110::unknown status `acepted`\n"
    );
    std::fs::remove_file(a.path().join("docs/rfcs/rfcs/0002-b.md")).unwrap();
    // An error that stops the check, in book.toml, is placed the same way.
    let book = a.read("docs/rfcs/book.toml");
    a.write("docs/rfcs/book.toml", "[book]\ntitel = 1\n");
    let run = a.run(&args);
    run.code(2);
    assert!(
        run.stdout
            .starts_with("::error file=docs/rfcs/book.toml,line=2,"),
        "{}",
        run.stdout
    );
    a.write("docs/rfcs/book.toml", &book);
    // A second archive in the repository gets a workflow of its own.
    a.run(&["init", "docs/other"]).code(0);
    assert!(
        a.path()
            .join(".github/workflows/rfcs-docs-other.yml")
            .is_file()
    );
    std::fs::remove_dir_all(a.path().join("docs/other")).unwrap();

    // The workflow that publishes, added later on a branch of its own.
    git(&a, &["add", "."]);
    git(&a, &["commit", "-q", "-m", "start"]);
    git(&a, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    git(
        &a,
        &[
            "symbolic-ref",
            "refs/remotes/origin/HEAD",
            "refs/remotes/origin/main",
        ],
    );
    git(&a, &["checkout", "-q", "-b", "add-pages"]);
    a.run_in(&a.path().join("docs/rfcs"), &["init", "--github-pages"])
        .code(0)
        .stderr_has("each time `main` changes");
    let text = a.read(".github/workflows/rfcs-pages.yml");
    let workflow = &YamlLoader::load_from_str(&text).expect("the workflow is YAML")[0];
    assert_eq!(workflow["on"]["push"]["branches"][0].as_str(), Some("main"));
    assert_eq!(
        workflow["on"]["push"]["paths"][0].as_str(),
        Some("docs/rfcs/rfcs/**")
    );
    let build = rfcbook_step(workflow, "publish").replace("\"$SITE_URL\"", "/repo/");
    a.run(&build.split(' ').collect::<Vec<_>>()).code(0);
    assert!(a.path().join("site/index.html").is_file());
}

/// Without a remote default branch, the site is published from git's default for new
/// repositories only if the repository has that branch; else from a usual main branch it
/// has (`trunk`), never from the feature branch the workflow was added on.
#[test]
fn the_published_branch_is_one_the_repository_has() {
    use yaml_rust2::YamlLoader;
    let a = with_git_user(Archive::empty());
    a.write(
        ".home/gitconfig",
        "[user]\n\tname = Grace Hopper\n\temail = grace@example.com\n[init]\n\tdefaultBranch = main\n",
    );
    git(&a, &["init", "-q", "-b", "trunk"]);
    a.run(&["init"]).code(0);
    git(&a, &["add", "."]);
    git(&a, &["commit", "-q", "-m", "start"]);
    git(&a, &["update-ref", "refs/remotes/origin/trunk", "HEAD"]);
    git(&a, &["checkout", "-q", "-b", "feature"]);
    a.run(&["init", "--github-pages"])
        .code(0)
        .stderr_has("each time `trunk` changes");
    let text = a.read(".github/workflows/rfcs-pages.yml");
    let workflow = &YamlLoader::load_from_str(&text).expect("the workflow is YAML")[0];
    assert_eq!(
        workflow["on"]["push"]["branches"][0].as_str(),
        Some("trunk")
    );

    // Before any repository (`init acme --github-pages`, then `git init`): the branch git
    // will make.
    let b = with_git_user(Archive::empty());
    b.write(
        ".home/gitconfig",
        "[user]\n\tname = Grace Hopper\n[init]\n\tdefaultBranch = master\n",
    );
    b.run(&["init", "acme", "--github-pages"])
        .code(0)
        .stderr_has("each time `master` changes");
}

/// A folder named with what YAML, path filters and the shell read otherwise (`: `, ` #`,
/// `+`, `[`, a quote) still gets workflows that parse, filter on that folder only, and
/// run their commands in it.
#[test]
fn workflows_survive_any_folder_name() {
    use yaml_rust2::YamlLoader;
    let a = with_git_user(Archive::empty());
    git(&a, &["init", "-q", "-b", "main"]);
    let name = "docs/c++ [old] #1: it's";
    a.run(&["init", name, "--github-pages"]).code(0);
    let text = a.read(".github/workflows/rfcs-pages.yml");
    let workflow = &YamlLoader::load_from_str(&text).expect("the workflow is YAML")[0];
    assert_eq!(
        workflow["on"]["push"]["paths"][0].as_str(),
        Some("docs/c\\+\\+ \\[old\\] #1: it's/rfcs/**"),
        "{text}"
    );
    let build = rfcbook_step(workflow, "publish").to_string();
    assert_eq!(
        build,
        "--root 'docs/c++ [old] #1: it'\\''s' build --out site --site-url \"$SITE_URL\""
    );
    let ran = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("\"$RFCBOOK\" {build}"))
        .env("RFCBOOK", env!("CARGO_BIN_EXE_rfcbook"))
        .env("SITE_URL", "https://acme.github.io/repo/")
        .current_dir(a.path())
        .output()
        .expect("sh runs");
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert!(a.path().join("site/index.html").is_file());
    let check = a.read(".github/workflows/rfcs-docs-c-old-1-it-s.yml");
    YamlLoader::load_from_str(&check).expect("the check workflow is YAML");
}

/// `init --theme` gives a theme to start from: the default one, written beside a new
/// archive (and named in its book.toml) or into an existing archive, never over a theme.
#[test]
fn init_theme_writes_the_default_theme_to_edit() {
    let a = with_git_user(Archive::empty());
    a.run(&["init", "--theme", "acme"]).code(0);
    assert!(
        a.read("acme/book.toml")
            .ends_with("[output.html]\ntheme = \"themes/custom\"\n")
    );
    let base = a.read("acme/themes/custom/templates/base.html");
    assert!(base.contains("{% block content %}"), "{base}");
    a.write(
        "acme/themes/custom/templates/base.html",
        &base.replace("<body", "<body data-custom=\"yes\""),
    );
    a.run(&["--root", "acme", "build"]).code(0);
    assert!(
        a.read("acme/site/index.html")
            .contains("data-custom=\"yes\"")
    );

    let b = with_git_user(Archive::empty());
    b.run(&["init"]).code(0);
    let run = b.run_in(&b.path().join("rfcs"), &["init", "--theme"]);
    run.code(0).stderr_has("to use it, add to book.toml");
    assert!(b.path().join("themes/custom/static/style.css").is_file());
    assert!(!b.read("book.toml").contains("theme ="));
    b.run(&["init", "--theme"])
        .code(2)
        .stderr_has("error[RFC9004]");
}

/// init starts an archive where one belongs: beside RFCs that exist it writes no second
/// RFC 1, inside another archive it refuses, and `--root DIR` is the folder as for every
/// other command.
#[test]
fn init_fits_what_is_already_there() {
    let a = with_git_user(Archive::empty());
    a.write("rfcs/0001-existing.md", &rfc("Existing", ""));
    a.run(&["init"])
        .code(0)
        .stderr_has("no example RFC was written");
    assert!(
        !a.path()
            .join("rfcs/0001-record-decisions-as-rfcs.md")
            .exists()
    );
    a.run(&["check", "--deny-warnings"]).code(0);
    let inner = a.run(&["init", "rfcs"]);
    inner.code(2).stderr_has("is inside the RFC archive in");
    assert!(!a.path().join("rfcs/book.toml").exists());
    // Beside the outer archive's RFC folder is no one's RFC folder: an mdBook (or an
    // archive) at the repository's top does not keep a team from starting one below,
    // nor from adding a theme to it afterwards.
    let repo = with_git_user(Archive::empty());
    repo.write("book.toml", "[book]\ntitle = \"Handbook\"\nsrc = \"src\"\n")
        .write("src/SUMMARY.md", "# Summary\n");
    repo.run(&["init", "docs/rfcs"]).code(0);
    assert!(repo.path().join("docs/rfcs/book.toml").is_file());
    repo.run(&["--root", "docs/rfcs", "init", "--theme"])
        .code(0);
    assert!(repo.path().join("docs/rfcs/themes").is_dir());
    repo.run(&["init", "src/rfcs"])
        .code(2)
        .stderr_has("is inside the RFC archive in");
    let other = with_git_user(Archive::empty());
    other.run(&["--root", "elsewhere", "init"]).code(0);
    assert!(other.path().join("elsewhere/book.toml").is_file());
    assert!(!other.path().join("book.toml").exists());
    other
        .run(&["--root", "a", "init", "b"])
        .code(2)
        .stderr_has("init was given two folders");
}

#[test]
fn init_writes_nothing_through_a_dangling_link() {
    let a = with_git_user(Archive::empty());
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("written-through-the-link");
    std::fs::create_dir_all(a.path().join("acme")).unwrap();
    std::os::unix::fs::symlink(&target, a.path().join("acme/book.toml")).unwrap();
    a.run(&["init", "acme"])
        .code(2)
        .no_panic()
        .stderr_has("error[RFC9004]");
    assert!(!target.exists());
}

/// git does not follow a `.gitignore` that is a symbolic link; init leaves it (and what it
/// points at, or would create) alone and says what to add.
#[test]
fn init_leaves_a_linked_gitignore_alone() {
    let a = with_git_user(Archive::empty());
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("shared-ignore");
    std::fs::create_dir_all(a.path().join("acme")).unwrap();
    std::os::unix::fs::symlink(&target, a.path().join("acme/.gitignore")).unwrap();
    a.run(&["init", "acme"])
        .code(0)
        .no_panic()
        .stderr_has("is a symbolic link, which git does not follow")
        .stderr_has("add `/site/` and `/.rfcbook/`");
    assert!(!target.exists());
    std::fs::write(&target, "node_modules/\n").unwrap();
    std::fs::remove_dir_all(a.path().join("acme/rfcs")).unwrap();
    for file in ["book.toml", ".github/workflows/rfcs.yml"] {
        std::fs::remove_file(a.path().join("acme").join(file)).unwrap();
    }
    a.run(&["init", "acme"]).code(0);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "node_modules/\n");
}

#[test]
fn new_writes_the_next_rfc_from_the_template() {
    let a = with_git_user(Archive::empty());
    a.run(&["init"]).code(0);
    let run = a.run(&[
        "new",
        "Use PgBouncer: yes or no",
        "--tag",
        "database",
        "--tag",
        "ops",
    ]);
    run.code(0);
    assert_eq!(run.stdout, "rfcs/0002-use-pgbouncer-yes-or-no.md\n");
    let text = a.read("rfcs/0002-use-pgbouncer-yes-or-no.md");
    assert!(text.starts_with("---\ntitle: \"Use PgBouncer: yes or no\"\nstatus: draft\nauthors: [\"Grace Hopper <grace@example.com>\"]\ncreated: 2026-11-26\ntags: [database, ops]\n---\n# Use PgBouncer: yes or no\n"), "{text}");
    a.run(&["check", "--deny-warnings"]).code(0);
    let run = a.run(&[
        "new",
        "Second",
        "--status",
        "Proposed",
        "--author",
        "Ada <ada@example.com>",
    ]);
    run.code(0);
    let text = a.read("rfcs/0003-second.md");
    assert!(
        text.contains("status: proposed\nauthors: [\"Ada <ada@example.com>\"]"),
        "{text}"
    );
    a.run(&["new", "Third", "--status", "acepted"])
        .code(2)
        .stderr_has("did you mean `accepted`?");
}

/// A team's template without a field `check` requires, or without front matter, makes
/// an RFC that fails `check` at once: `new` says so, naming what is missing.
#[test]
fn new_says_when_the_template_makes_an_rfc_that_fails_check() {
    let a = with_git_user(Archive::empty());
    a.run(&["init"]).code(0);
    let sections = "## Problem\n\nTBD\n\n## Approach\n\nTBD\n\n## Alternatives\n\nTBD\n\n\
                    ## Rationale\n\nTBD\n";
    a.write(
        "rfcs/template.md",
        &format!(
            "---\ntitle: {{{{title}}}}\nstatus: {{{{status}}}}\ncreated: {{{{created}}}}\n---\n\
             # {{{{title}}}}\n\n{sections}"
        ),
    );
    a.run(&["new", "No authors"]).code(0).stderr_has(
        "note: rfcs/0002-no-authors.md does not pass `rfcbook check` as the template is \
         written: the required field `authors` is missing (RFC0105); add it to the file, and \
         to the template (rfcs/template.md)",
    );
    a.run(&["check", "rfcs/0002-no-authors.md"])
        .code(1)
        .stdout_has("error[RFC0105]");
    a.write(
        "rfcs/template.md",
        &format!("# {{{{title}}}}\n\n{sections}"),
    );
    a.run(&["new", "No front matter"])
        .code(0)
        .stderr_has("note: rfcs/0003-no-front-matter.md does not pass `rfcbook check`")
        .stderr_has("(RFC0101)");
    // A template that writes every field says nothing of the kind.
    std::fs::remove_file(a.path().join("rfcs/template.md")).unwrap();
    a.run(&["new", "Fine"])
        .code(0)
        .stderr_lacks("does not pass");
}

/// A tag is written as the archive writes it, in any case and spacing, and once
/// (rfcs/0018): the RFC `new` writes is not flagged by RFC0206 for a spelling of its own.
#[test]
fn new_writes_tags_as_the_archive_spells_them() {
    let a = with_git_user(Archive::empty());
    a.run(&["init"]).code(0);
    for title in ["One", "Two"] {
        a.run(&["new", title, "--tag", "security", "--tag", "Été"])
            .code(0);
    }
    a.run(&[
        "new",
        "Three",
        "--tag",
        "Security",
        "--tag",
        "ÉTÉ",
        "--tag",
        "été",
        "--tag",
        "machine  learning",
        "--tag",
        "Machine Learning",
    ])
    .code(0)
    .stderr_has("note: --tag \"Security\" is written `security`, as the archive writes it")
    .stderr_has(
        "note: --tag \"machine  learning\" is written `machine learning`, with single spaces",
    );
    let text = a.read("rfcs/0004-three.md");
    assert!(
        text.contains("tags: [security, Été, machine learning]\n"),
        "{text}"
    );
    a.run(&["check", "--deny-warnings"]).code(0);
}

/// What `new` writes passes `check` as written: a status that needs a decision date gets
/// today's, a title keeps its Markdown characters in the heading, and what it cannot do
/// (a status that needs a successor, an empty author) it refuses or says.
#[test]
fn new_writes_what_check_accepts_or_says_why_not() {
    let a = with_git_user(Archive::empty());
    a.run(&["init"]).code(0);
    a.run(&["new", "Adopt it", "--status", "accepted"]).code(0);
    let text = a.read("rfcs/0002-adopt-it.md");
    assert!(
        text.contains("status: accepted\n") && text.contains("decided: 2026-11-26\n---\n"),
        "{text}"
    );
    a.run(&["new", "Use C # with *args* & [links]"]).code(0);
    let text = a.read("rfcs/0003-use-c-with-args-links.md");
    assert!(
        text.contains("\n# Use C \\# with \\*args\\* \\& \\[links\\]\n"),
        "{text}"
    );
    // The heading reads back as the title: no RFC0304; the accepted RFC's unwritten
    // sections are its only warnings.
    let json = a.run(&["check", "--format", "json"]).json();
    let codes = crate::harness::codes(&json);
    assert_eq!(codes, ["RFC0311"; 4], "{json}");
    a.run(&["new", "Replaced", "--status", "superseded"])
        .code(2)
        .stderr_has("a new RFC cannot be `superseded`: that status needs `superseded-by`");
    a.run(&["new", "Nobody", "--author", " "])
        .code(2)
        .stderr_has("--author was given an empty value");
    a.run(&["new", "No tag", "--tag", ""]).code(2);
    // A template without {{tags}}, with a placeholder of its own.
    let template = a.read("rfcs/template.md");
    a.write(
        "rfcs/template.md",
        &template
            .replace("{{tags}}", "[]")
            .replace("## Problem", "Owner: {{owner}}\n\n## Problem"),
    );
    a.run(&["new", "Tagged", "--tag", "db"])
        .code(0)
        .stderr_has("note: the template has no {{tags}}, so --tag was not written")
        .stderr_has("note: the template's {{owner}} is left as it is");
    // Front matter with no tags at all (MADR's): a `tags:` line is added.
    assert!(template.contains("tags: {{tags}}\n"), "{template}");
    a.write(
        "rfcs/template.md",
        &template
            .replace("tags: {{tags}}\n", "")
            .replace("## Problem", "Owner: {{owner}}\n\n## Problem"),
    );
    let run = a.run(&["new", "Tagged again", "--tag", "db"]);
    run.code(0).stderr_lacks("--tag was not written");
    let written = run.stdout.trim();
    assert!(
        a.read(written).contains("\ntags: [db]\n---\n"),
        "{}",
        a.read(written)
    );
    // A title that says `{{id}}` itself is no placeholder of the template left unfilled.
    a.run(&["new", "Render {{id}} in titles"])
        .code(0)
        .stderr_lacks("{{id}} is left as it is")
        .stderr_has("note: the template's {{owner}} is left as it is");
    // Nor a status or the date it cannot write.
    a.write(
        "rfcs/template.md",
        &template
            .replace("{{status}}", "draft")
            .replace("created: {{created}}\n", ""),
    );
    a.run(&["new", "Statused", "--status", "proposed"])
        .code(0)
        .stderr_has("note: the template has no {{status}}, so --status was not written")
        .stderr_has(
            "note: the template has no {{created}}, so today's date (created) was not written",
        );
}

#[test]
fn the_templates_prompts_are_fine_in_a_draft_and_flagged_once_proposed() {
    let a = with_git_user(Archive::empty());
    // No rfcs/template.md: `new` and `check` use the built-in template.
    a.write("book.toml", "[book]\ntitle = \"T\"\n");
    std::fs::create_dir_all(a.path().join("rfcs")).unwrap();
    a.run(&["new", "Queue jobs in Postgres"]).code(0);
    a.run(&["check", "--deny-warnings"]).code(0);
    let path = "rfcs/0001-queue-jobs-in-postgres.md";
    let draft = a.read(path);
    a.write(path, &draft.replace("status: draft", "status: proposed"));
    let json = a.run(&["check", "--format", "json"]).json();
    let flagged: Vec<(String, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let prompts: Vec<u64> = draft
        .lines()
        .zip(1..)
        .filter(|(l, _)| l.starts_with('*') && l.ends_with('*'))
        .map(|(_, n)| n)
        .collect();
    assert_eq!(prompts.len(), 4, "{draft}");
    assert_eq!(
        flagged,
        prompts
            .iter()
            .map(|&n| ("RFC0311".to_string(), n))
            .collect::<Vec<_>>()
    );
    // Written sections pass.
    let written: String = a
        .read(path)
        .lines()
        .map(|l| {
            if l.starts_with('*') && l.ends_with('*') {
                "Written for this decision.\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    a.write(path, &written);
    a.run(&["check", "--deny-warnings"]).code(0);
    // A draft whose YAML or status cannot be read gets the error that says so, not its
    // four prompts flagged besides.
    for (broken, code) in [
        (draft.replace("status: draft", "status: [draft"), "RFC0103"),
        (draft.replace("status: draft", "status: drafft"), "RFC0110"),
    ] {
        a.write(path, &broken);
        let json = a.run(&["check", "--format", "json"]).json();
        let codes = crate::harness::codes(&json);
        assert_eq!(codes, [code], "{json}");
    }
}

/// Titles that YAML reads as something else when written plain (`Why:` ends a key, `0x1F`
/// is a number) are quoted, so the file passes `check` with the title as typed; a template
/// with `decided: {{decided}}` loses that line while the RFC is undecided.
#[test]
fn new_writes_titles_yaml_would_misread_as_typed() {
    let a = with_git_user(Archive::empty());
    a.run(&["init"]).code(0);
    let template = a.read("rfcs/template.md");
    a.write(
        "rfcs/template.md",
        &template.replace(
            "created: {{created}}",
            "created: {{created}}\ndecided: {{decided}}",
        ),
    );
    for title in ["Why:", "0x1F", "~"] {
        a.run(&["new", title]).code(0);
    }
    a.run(&["check", "--deny-warnings"]).code(0);
    let json = a.run(&["list", "--format", "json"]).json();
    let titles: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert!(titles.ends_with(&["Why:", "0x1F", "~"]), "{json}");
    // The largest number is taken: there is no next one, and nothing is written.
    a.write("rfcs/4294967295-last.md", &rfc("Last", ""));
    a.run(&["new", "After the last"])
        .code(2)
        .no_panic()
        .stderr_has("the largest number there can be");
}

/// Under `--root`, the author is the one the archive's own repository names, not the
/// one of the folder the command runs in.
#[test]
fn new_under_root_takes_the_author_from_the_archives_repository() {
    let a = with_git_user(Archive::empty());
    git(&a, &["init", "-q", "team"]);
    git(&a, &["-C", "team", "config", "user.name", "Local Author"]);
    git(
        &a,
        &["-C", "team", "config", "user.email", "local@example.com"],
    );
    a.write("team/book.toml", "[book]\ntitle = \"T\"\n")
        .write("team/rfcs/0001-a.md", &rfc("A", ""));
    a.run(&["--root", "team", "new", "Second"]).code(0);
    let text = a.read("team/rfcs/0002-second.md");
    assert!(
        text.contains("authors: [\"Local Author <local@example.com>\"]"),
        "{text}"
    );
}

/// As git names a commit's author: `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL` first, then
/// the config; an address alone still names someone. `--tag` given twice in another case
/// is one tag.
#[test]
fn new_names_the_author_as_git_would_and_writes_a_tag_once() {
    let a = no_git_user(Archive::empty());
    a.run(&["init"]).code(0);
    a.write(".home/gitconfig", "[user]\n\temail = only@example.com\n");
    a.run(&[
        "new",
        "Mail only",
        "--tag",
        "db",
        "--tag",
        "DB",
        "--tag",
        "ops",
    ])
    .code(0);
    let text = a.read("rfcs/0002-mail-only.md");
    assert!(
        text.contains("authors: [only@example.com]\n") && text.contains("tags: [db, ops]\n"),
        "{text}"
    );
    let a = a
        .env("GIT_AUTHOR_NAME", "Env Author")
        .env("GIT_AUTHOR_EMAIL", "env@example.com");
    a.run(&["new", "From env"]).code(0);
    let text = a.read("rfcs/0003-from-env.md");
    assert!(
        text.contains("authors: [\"Env Author <env@example.com>\"]"),
        "{text}"
    );
    a.run(&["check"]).code(0);
}

/// A template whose heading numbers the RFC (`# RFC {{id}}: {{title}}`) writes RFCs that
/// pass: the heading is the title after the RFC's own number. Another number is still a
/// heading that differs.
#[test]
fn a_numbered_heading_is_the_title_after_its_number() {
    let a = with_git_user(Archive::empty());
    a.run(&["init"]).code(0);
    let template = a.read("rfcs/template.md");
    a.write(
        "rfcs/template.md",
        &template.replace("\n# {{title}}\n", "\n# RFC {{id}}: {{title}}\n"),
    );
    a.run(&["new", "Use Redis"]).code(0);
    let text = a.read("rfcs/0002-use-redis.md");
    assert!(text.contains("\n# RFC 2: Use Redis\n"), "{text}");
    a.run(&["check", "--deny-warnings"]).code(0);
    a.write(
        "rfcs/0002-use-redis.md",
        &text.replace("# RFC 2: Use Redis", "# RFC 3: Use Redis"),
    );
    a.run(&["check", "--deny-warnings"])
        .code(1)
        .stdout_has("heading `RFC 3: Use Redis` differs from title `Use Redis`");
}

/// A number whose file was deleted in git history is not given again: old links and
/// mentions would name another decision.
#[test]
fn new_does_not_reuse_the_number_of_a_deleted_rfc() {
    let a = Archive::empty();
    a.write("book.toml", "[book]\ntitle = \"T\"\n")
        .write("rfcs/0001-a.md", &rfc("A", ""))
        .write("rfcs/0002-b.md", &rfc("B", ""));
    git(&a, &["init", "-q"]);
    git(&a, &["add", "."]);
    git(&a, &["commit", "-q", "-m", "two"]);
    git(&a, &["rm", "-q", "rfcs/0002-b.md"]);
    git(&a, &["commit", "-q", "-m", "withdraw B"]);
    a.run(&["new", "Third", "--author", "Ada"])
        .code(0)
        .stdout_has("rfcs/0003-third.md");
}

/// `new` run many times at once (a script filing several RFCs) gives each its own number.
#[test]
fn new_run_at_the_same_time_takes_different_numbers() {
    let a = Archive::empty();
    a.write("book.toml", "[book]\ntitle = \"T\"\n")
        .write("rfcs/0001-a.md", &rfc("A", ""));
    let children: Vec<std::process::Child> = (0..6)
        .map(|i| {
            std::process::Command::new(env!("CARGO_BIN_EXE_rfcbook"))
                .args(["new", &format!("Title {i}"), "--author", "Ada"])
                .current_dir(a.path())
                .env("RFCBOOK_TODAY", "2026-11-26")
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let mut numbers: Vec<String> = std::fs::read_dir(a.path().join("rfcs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy()[..4].to_string())
        .collect();
    numbers.sort();
    assert_eq!(
        numbers,
        ["0001", "0002", "0003", "0004", "0005", "0006", "0007"]
    );
}

#[test]
fn new_without_a_known_author_says_how_to_give_one() {
    let a = no_git_user(Archive::empty());
    a.write("rfcs/0001-a.md", &rfc("A", ""));
    a.run(&["new", "X"])
        .code(2)
        .stderr_has("RFC9003")
        .stderr_has("--author");
    assert_eq!(std::fs::read_dir(a.path().join("rfcs")).unwrap().count(), 1);
}

#[test]
fn new_follows_a_configured_file_name_pattern() {
    let a = with_git_user(Archive::empty());
    a.write(
        "book.toml",
        "[rfc]\nfile-name = \"ADR{id}-{slug}.md\"\nid-digits = 3\n",
    )
    .write("rfcs/ADR007-x.md", &rfc("X", ""));
    a.run(&["new", "Next one"])
        .code(0)
        .stdout_has("rfcs/ADR008-next-one.md");
    a.run(&["check", "rfcs/ADR007-x.md"]).code(0);
}

/// `tags: database, Reliability` without brackets is the list it was meant to be, not one
/// tag with a comma; quoted, a value with a comma is one value.
#[test]
fn a_list_written_without_brackets_is_a_list() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc("Alpha", "tags: database, Reliability\n").replace(
            "authors: [\"Ada Lovelace <ada@example.com>\"]",
            "authors: Ada Lovelace, Grace Hopper",
        ),
    )
    .write(
        "rfcs/0002-b.md",
        &rfc("Beta", "tags: \"fish, chips\"\n").replace(
            "authors: [\"Ada Lovelace <ada@example.com>\"]",
            "authors: 'Lovelace, Ada'",
        ),
    )
    .write("rfcs/0003-c.md", &rfc("Gamma", "related: 1, RFC 2\n"));
    a.run(&["check", "--deny-warnings"]).code(0);
    let json = a.run(&["list", "--format", "json"]).json();
    assert_eq!(
        json[0]["tags"],
        serde_json::json!(["database", "Reliability"])
    );
    assert_eq!(
        json[0]["authors"],
        serde_json::json!(["Ada Lovelace", "Grace Hopper"])
    );
    assert_eq!(json[1]["tags"], serde_json::json!(["fish, chips"]));
    assert_eq!(json[1]["authors"], serde_json::json!(["Lovelace, Ada"]));
    assert_eq!(json[2]["related"], serde_json::json!([1, 2]));
    a.run(&["list", "--tag", "database"])
        .code(0)
        .stdout_has("Alpha");
}

fn listed() -> Archive {
    let a = Archive::empty();
    a.write("rfcs/0001-a.md", &rfc("Alpha", "tags: [db]\n"))
        .write(
            "rfcs/0002-b.md",
            &rfc("Beta", "tags: [ops]\n")
                .replace("status: accepted", "status: proposed")
                .replace("decided: 2026-03-20\n", ""),
        )
        .write("rfcs/0010-c.md", &rfc("Gamma", ""));
    a
}

/// An empty folder, neither archive nor `rfcs/`, is named as it is, not as `/`.
#[test]
fn list_of_an_empty_folder_names_it() {
    let a = Archive::empty();
    let run = a.run(&["list"]);
    run.code(0)
        .stderr_has(&format!("note: no RFCs in {}", a.path().display()))
        .stderr_has("`rfcbook init` starts an archive there");
    assert!(!run.stderr.contains("no RFCs in /\n"), "{}", run.stderr);
}

#[test]
fn list_as_table_and_json_with_filters() {
    let a = listed();
    let run = a.run(&["list"]);
    run.code(0);
    assert_eq!(
        run.stdout,
        "   ID  STATUS    CREATED     TITLE\n    1  accepted  2026-03-01  Alpha\n    2  proposed  2026-03-01  Beta\n   10  accepted  2026-03-01  Gamma\n"
    );
    let json = a
        .run(&[
            "list", "--format", "json", "--status", "accepted", "--tag", "db",
        ])
        .json();
    assert_eq!(json.as_array().unwrap().len(), 1);
    let e = &json[0];
    assert_eq!(e["id"], 1);
    assert_eq!(e["title"], "Alpha");
    assert_eq!(e["decided"], "2026-03-20");
    assert_eq!(e["superseded_by"], serde_json::Value::Null);
    assert_eq!(e["sections"]["rationale"], true);
    a.run(&["list", "--status", "acceptd"])
        .code(2)
        .stderr_has("did you mean `accepted`?");
    // A file without front matter (allowed here) is listed as the site shows it: titled
    // from its file name, status unknown; `--status unknown` picks it out.
    a.write(
        "book.toml",
        "[rfc.lints]\nmissing-front-matter = \"allow\"\n",
    )
    .write("rfcs/0011-plain-notes.md", "Just notes.\n");
    let json = a
        .run(&["list", "--format", "json", "--status", "unknown"])
        .json();
    assert_eq!(json.as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json[0]["title"], "Plain notes");
    assert_eq!(json[0]["status"], "unknown");
    a.run(&["list"])
        .code(0)
        .stdout_has("   11  unknown   -           Plain notes\n");
}

/// Titles, statuses, paths and bodies are anyone's text: no escape sequence or
/// bidirectional override in them reaches the terminal, and tables line up by the
/// columns characters take (CJK two), whatever the width of the numbers.
#[test]
fn terminal_output_is_safe_and_lines_up() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[rfc]\nstatuses = [\"accepted\", \"承認済み\"]\n",
    )
    .write(
        "rfcs/0001-a.md",
        &rfc("\"\\e]0;pwned\\aEvil \\e[2J title \\u202eevil\"", "").replace(
            "Connections run out",
            "Connections \u{1b}]0;pwned\u{7} run out",
        ),
    )
    .write(
        "rfcs/0002-b.md",
        &rfc("Beta", "").replace("status: accepted", "status: 承認済み"),
    )
    .write("rfcs/123456-c.md", &rfc("Gamma", ""))
    .write("rfcs/0007-x\u{1b}[2J.md", &rfc("Odd", "related: [99]\n"));
    let list = a.run(&["list"]);
    list.code(0);
    assert_eq!(
        list.stdout,
        "    ID  STATUS    CREATED     TITLE\n     \
         1  accepted  2026-03-01  ␛]0;pwned␇Evil ␛[2J title \u{fffd}evil\n     \
         2  承認済み  2026-03-01  Beta\n     \
         7  accepted  2026-03-01  Odd\n\
         123456  accepted  2026-03-01  Gamma\n"
    );
    let search = a.run(&["search", "connections"]);
    search.code(0);
    assert!(!search.stdout.contains('\u{1b}'), "{}", search.stdout);
    assert!(search.stdout.contains("␛]0;pwned␇"), "{}", search.stdout);
    let check = a.run(&["check"]);
    check.code(1).stdout_has("--> rfcs/0007-x␛[2J.md:");
    assert!(!check.stdout.contains('\u{1b}'), "{}", check.stdout);
    // What matched nothing says which filters left nothing.
    a.run(&[
        "search",
        "connections",
        "--status",
        "承認済み",
        "--tag",
        "db",
    ])
    .code(0)
    .stdout_has("no RFC matches `connections` among RFCs with status 承認済み, tag db");
    a.run(&["list", "--tag", "db"])
        .code(0)
        .stderr_has("note: none of the 4 RFCs matches the filters (tag db)");
    // A file name has at most 255 bytes: a long title is cut for it, not refused.
    let long = "x".repeat(300);
    let run = a.run(&["new", &long, "--author", "Me"]);
    run.code(0);
    assert_eq!(run.stdout, format!("rfcs/123457-{}.md\n", "x".repeat(50)));
    a.run(&["new", "Evil \u{1b}]0;pwned\u{7} title", "--author", "Me"])
        .code(2)
        .stderr_has("without control characters");
}

#[test]
fn explain_prints_the_long_text() {
    let a = Archive::empty();
    a.run(&["explain", "RFC0110"])
        .code(0)
        .stdout_has("unknown-status")
        .stdout_has("Fix");
    a.run(&["explain", "unknown-status"])
        .code(0)
        .stdout_has("RFC0110");
    a.run(&["explain", "110"]).code(0).stdout_has("RFC0110");
    a.run(&["explain", "RFC9999"]).code(2).stderr_has("RFC9003");
    // The codes of errors that stop a command are explained too, and listed.
    a.run(&["explain", "RFC9104"])
        .code(0)
        .stdout_has("RFC9104: `serve` cannot listen")
        .stdout_has("Class: operator-fixable")
        .stdout_has("Fix: Stop the other program");
    a.run(&["explain"])
        .code(0)
        .stdout_has("RFC0110")
        .stdout_has("RFC9001  invalid-config             stop     book.toml is invalid")
        .stdout_has("value that means nothing. (user-fixable)\n");
    // A stop code is found by its name too.
    a.run(&["explain", "cannot-listen"])
        .code(0)
        .stdout_has("RFC9104: `serve` cannot listen");
    a.run(&["explain", "unknown-stauts"])
        .code(2)
        .stderr_has("did you mean `unknown-status`?");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let a = Archive::empty();
    // With the usage code every other usage error has, and clap's tip kept.
    a.run(&["frobnicate"])
        .code(2)
        .stderr_has("error[RFC9003]: unrecognized subcommand 'frobnicate'");
    a.run(&["build", "--outt", "x"])
        .code(2)
        .stderr_has("error[RFC9003]: unexpected argument '--outt' found")
        .stderr_has("a similar argument exists: '--out'");
    a.run(&["check", "--no-such-flag"]).code(2);
    a.run(&["--help"]).code(0).stdout_has("check");
    a.run(&["--version"]).code(0).stdout_has("rfcbook");
}

/// `new` in an adopted log4brains archive: numbered by day, so today's number; its own
/// template's bracketed prompts (`- Status: [draft | …]`) filled, so that the record
/// reads as its neighbours do and `check` knows its status and date.
#[test]
fn new_writes_a_record_numbered_by_day_from_the_archive_s_own_template() {
    let a = with_git_user(Archive::empty());
    for (n, slug) in [
        (20201016, "use-slugs"),
        (20201016, "use-dates"),
        (20201101, "use-x"),
    ] {
        a.write(
            &format!("docs/adr/{n}-{slug}.md"),
            "# X\n\n- Status: accepted\n- Date: 2020-10-16\n\n## Context and Problem Statement\n\n\
             c\n\n## Decision Outcome\n\nd\n",
        );
    }
    a.write(
        "docs/adr/template.md",
        "# [short title of solved problem and solution]\n\n\
         - Status: [draft | proposed | rejected | accepted] <!-- optional -->\n\
         - Date: [YYYY-MM-DD when the decision was last updated] <!-- optional -->\n\
         - Tags: [space and/or comma separated list of tags] <!-- optional -->\n\n\
         ## Context and Problem Statement\n\nWhat we face.\n\n## Decision Outcome\n\nWhat we do.\n",
    );
    a.run(&["init"]).code(0);
    let run = a.run(&["new", "Use Redis for caching"]);
    run.code(0)
        .stdout_has("docs/adr/20261126-use-redis-for-caching.md");
    let record = a.read("docs/adr/20261126-use-redis-for-caching.md");
    assert!(
        record.starts_with("# Use Redis for caching\n\n- Status: draft\n- Date: 2026-11-26\n\n"),
        "{record}"
    );
    let listed = a.run(&["list", "--format", "json"]).json();
    let new = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == 20261126)
        .unwrap_or_else(|| panic!("{listed:#}"));
    assert_eq!(new["title"], "Use Redis for caching", "{new}");
    assert_eq!(new["status"], "draft", "{new}");
}

/// Records named with `_` (`0001_use_redis.md`) are read with that separator; front
/// matter after a byte-order mark is front matter; a subfolder of a record's parts is
/// excluded; a second folder of records is named, not passed over in silence.
#[test]
fn init_reads_underscores_and_marks_and_names_the_other_folder() {
    let a = with_git_user(Archive::empty());
    for n in 1..=3 {
        a.write(
            &format!("adr/000{n}_use_x{n}.md"),
            &format!(
                "\u{feff}---\ntitle: X{n}\nstatus: accepted\nauthors: [Ada]\ncreated: 2024-01-0{n}\n\
                 decided: 2024-01-0{n}\n---\n# X{n}\n\n## Problem\n\np\n\n## Approach\n\na\n\n\
                 ## Alternatives\n\nn\n\n## Rationale\n\nr\n"
            ),
        );
    }
    a.write("old/adr-1-a.md", "# A\n")
        .write("old/adr-2-b.md", "# B\n");
    // Four levels down, as a monorepo keeps a package's records (log4brains' own); a
    // package's dependencies are no records of the team's.
    a.write("packages/web/docs/adr/20200101-a.md", "# A\n")
        .write("packages/web/docs/adr/20200102-b.md", "# B\n")
        .write("packages/web/node_modules/x/0001-a.md", "# A\n")
        .write("packages/web/node_modules/x/0002-b.md", "# B\n");
    // A record's parts in a folder of their own are not records.
    a.write("adr/0002_use_x2/translation-ja.md", "# X2\n");
    a.run(&["init"])
        .code(0)
        .stderr_has("for the records in adr/ (3 numbered Markdown files")
        .stderr_has(
            "also numbered like records, and not read: old/ (2), packages/web/docs/adr/ (2); \
             `src` in book.toml names the folder to read",
        );
    let config = a.read("book.toml");
    assert!(
        config.contains(
            "[rfc]\nfile-name = \"{id}_{slug}.md\"\nid-digits = 4\n\
             exclude = [\"0002_use_x2/**\"]\nstatuses"
        ),
        "{config}"
    );
    assert!(!config.contains("body-metadata"), "{config}");
    a.run(&["check", "--deny-warnings"])
        .code(0)
        .stdout_has("checked 3 files: no problems found");
}

/// Records saved with an upper-case extension (`0001-a.MD`) are records all the same:
/// `init` adopts their folder, and `check` says to rename each.
#[test]
fn init_counts_records_with_an_upper_case_extension() {
    let a = with_git_user(Archive::empty());
    for n in 1..=2 {
        a.write(
            &format!("doc/adr/000{n}-x{n}.MD"),
            &format!("# {n}. X{n}\n\nDate: 2024-01-0{n}\n\n## Status\n\nAccepted\n"),
        );
    }
    a.run(&["init"])
        .code(0)
        .stderr_has("for the records in doc/adr/ (2 numbered Markdown files");
    let json = a.run(&["check", "--format", "json"]).json();
    let helps: Vec<&str> = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["code"] == "RFC0005")
        .map(|d| d["help"].as_str().unwrap())
        .collect();
    assert_eq!(
        helps,
        [
            "rename it to `0001-x1.md`: the extension is written in lower case",
            "rename it to `0002-x2.md`: the extension is written in lower case"
        ],
        "{json:#}"
    );
}

/// `new` in an archive whose records carry their facts in the body (adr-tools, Nygard),
/// without a template of its own, writes a record laid out as its neighbours: `Date:`,
/// `## Status` and the required sections under their names, not front matter.
#[test]
fn new_writes_a_record_in_the_body_layout_of_an_adopted_archive() {
    let a = with_git_user(Archive::empty());
    for n in 1..=2 {
        a.write(
            &format!("doc/adr/000{n}-x{n}.md"),
            &format!(
                "# {n}. X{n}\n\nDate: 2024-01-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n\
                 ## Decision\n\nd\n\n## Consequences\n\nq\n"
            ),
        );
    }
    a.run(&["init"]).code(0);
    // The records have no place for tags, and no template of the team's is to blame.
    a.run(&["new", "Use Redis", "--tag", "cache"])
        .code(0)
        .stdout_has("doc/adr/0003-use-redis.md")
        .stderr_has("note: the records here have no line for tags, so --tag was not written");
    assert_eq!(
        a.read("doc/adr/0003-use-redis.md"),
        "# 3. Use Redis\n\nDate: 2026-11-26\n\n## Status\n\nDraft\n\n## Context\n\n\
         *What is wrong or missing today, for whom, and why it matters now.*\n\n## Decision\n\n\
         *What we will do, concretely enough that someone else could carry it out.*\n\n\
         ## Consequences\n\n\
         *Why this approach wins: the deciding reasons and the trade-offs we accept.*\n"
    );
    let listed = a.run(&["list", "--format", "json"]).json();
    let new = &listed[2];
    assert_eq!(
        (new["id"].as_u64(), new["status"].as_str()),
        (Some(3), Some("draft")),
        "{listed:#}"
    );
    a.run(&["check"]).code(0);
}

/// GOV.UK Forms' template, as its repository keeps it: written for people, with no
/// `{{title}}` to fill.
const GOVUK_TEMPLATE: &str = "# ADRxxx: Decision Record Title (a description of the decision, not the problem)\n\n\
     Date: YYYY-MM-DD\n\n## Status\n\n> Accepted or Rejected\n>\n\
     > Valid ADR statuses are: \"Proposed\", \"Accepted\", \"Rejected\".\n\n\
     ## Context\n\n> the facts behind the need to make the decision\n\n\
     ## Decision\n\n> what the team has decided to do\n\n\
     ## Consequences\n\n> both positive and negative consequences of the decision\n";

/// Two records as GOV.UK Forms writes them, with its template beside them.
fn govuk_records() -> Archive {
    let a = with_git_user(Archive::empty());
    for (n, slug) in [(1, "use-x"), (2, "use-y")] {
        a.write(
            &format!("ADR/ADR00{n}-{slug}.md"),
            &format!(
                "# ADR00{n}: Use X{n}\n\nDate: 2024-01-0{n}\n\n## Status\n\nAccepted\n\n\
                 ## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\nq\n"
            ),
        );
    }
    a.write(
        "ADR/ADRXXX-architecture-decision-record-template.md",
        GOVUK_TEMPLATE,
    );
    a
}

/// `init` finds the team's template beside its records and names it in book.toml
/// (rfcs/0033); `new` fills it in its own words (the `ADRxxx:` label, `YYYY-MM-DD`, the
/// status paragraph), and `check` knows its prompts, left in a record once proposed.
#[test]
fn new_fills_the_team_s_template_that_init_found() {
    let a = govuk_records();
    a.run(&["init"]).code(0).stderr_has(
        "`rfcbook new` writes new records from the team's template, \
         ADR/ADRXXX-architecture-decision-record-template.md",
    );
    let config = a.read("book.toml");
    assert!(
        config.contains("template = \"ADR/ADRXXX-architecture-decision-record-template.md\"")
            && !config.contains("exclude"),
        "{config}"
    );
    a.run(&["check", "--deny-warnings"]).code(0);
    a.run(&["new", "Use Redis for caching"])
        .code(0)
        .stdout_has("ADR/ADR003-use-redis-for-caching.md");
    let record = a.read("ADR/ADR003-use-redis-for-caching.md");
    assert!(
        record.starts_with(
            "# ADR003: Use Redis for caching\n\nDate: 2026-11-26\n\n## Status\n\nDraft\n\n\
             ## Context\n\n> the facts behind the need to make the decision\n"
        ),
        "{record}"
    );
    let listed = a.run(&["list", "--format", "json"]).json();
    let new = &listed[2];
    assert_eq!(
        (
            new["title"].as_str(),
            new["status"].as_str(),
            new["created"].as_str()
        ),
        (
            Some("Use Redis for caching"),
            Some("draft"),
            Some("2026-11-26")
        ),
        "{listed:#}"
    );
    // A draft may keep the prompts; a proposal may not, and they are the team's.
    a.run(&["check"]).code(0);
    a.run(&["new", "--status", "proposed", "Use Postgres"])
        .code(0);
    let json = a.run(&["check", "--format", "json"]).json();
    let prompts: Vec<&serde_json::Value> = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["code"] == "RFC0311")
        .collect();
    assert!(
        !prompts.is_empty()
            && prompts
                .iter()
                .all(|d| d["file"] == "ADR/ADR004-use-postgres.md"),
        "{json:#}"
    );
}

/// A template named `Template.md` is the team's too: `new` looks for `template.md` by
/// itself, so `init` names it.
#[test]
fn init_names_a_template_written_with_a_capital() {
    let a = with_git_user(Archive::empty());
    for n in 1..=2 {
        a.write(
            &format!("doc/adr/000{n}-x{n}.md"),
            &format!("# {n}. X{n}\n\nDate: 2024-01-0{n}\n\n## Status\n\nAccepted\n"),
        );
    }
    a.write(
        "doc/adr/Template.md",
        "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Why\n\n?\n",
    );
    a.run(&["init"]).code(0);
    assert!(
        a.read("book.toml")
            .contains("template = \"doc/adr/Template.md\"")
    );
    a.run(&["new", "Use Redis"]).code(0);
    assert!(
        a.read("doc/adr/0003-use-redis.md")
            .ends_with("## Why\n\n?\n")
    );
}

/// MADR 4's records often write no facts at all, only the Jekyll keys; its template
/// names `date` and `decision-makers`, commented out. `init` reads them as the fields
/// they are, so the record `new` writes there lists its date and authors.
#[test]
fn init_reads_the_fields_the_team_s_template_names() {
    let a = with_git_user(Archive::empty());
    for n in 1..=2 {
        a.write(
            &format!("docs/decisions/000{n}-use-x{n}.md"),
            &format!(
                "---\nparent: Decisions\nnav_order: {n}\n---\n# Use X{n}\n\n\
                 ## Context and Problem Statement\n\nc\n\n## Decision Outcome\n\nd\n"
            ),
        );
    }
    a.write(
        "docs/decisions/adr-template.md",
        "---\nparent: Decisions\nnav_order: 100\ntitle: ADR Template\n\
         # status: \"{proposed | rejected | accepted}\"\n\
         # date: {YYYY-MM-DD when the decision was last updated}\n\
         # decision-makers: {list everyone involved in the decision}\n---\n\
         # {short title}\n\n## Context and Problem Statement\n\n{Describe the context.}\n",
    );
    a.run(&["init"]).code(0);
    let config = a.read("book.toml");
    assert!(
        config.contains("date = \"created\"\ndecision-makers = \"authors\"\n"),
        "{config}"
    );
    a.run(&["new", "Use Redis"]).code(0);
    let listed = a.run(&["list", "--format", "json"]).json();
    let new = &listed[2];
    assert_eq!(
        (
            new["title"].as_str(),
            new["created"].as_str(),
            new["authors"][0].as_str()
        ),
        (
            Some("Use Redis"),
            Some("2026-11-26"),
            Some("Grace Hopper <grace@example.com>")
        ),
        "{listed:#}"
    );
}

/// A title with Markdown's characters, written into a record that keeps its title in
/// its heading (GOV.UK's, adr-tools'), reads back as it was given: escaped in the file,
/// as Markdown shows it.
#[test]
fn a_title_with_markdown_s_characters_reads_back_from_a_heading() {
    let a = govuk_records();
    a.run(&["init"]).code(0);
    let title = "Use C#: *args* & <T> in C #";
    a.run(&["new", title]).code(0);
    let listed = a.run(&["list", "--format", "json"]).json();
    assert_eq!(listed[2]["title"].as_str(), Some(title), "{listed:#}");
}

/// MADR 4's template: Jekyll front matter whose facts are commented-out prompts in braces,
/// and a title in braces. `new` writes the facts it was given, uncommented, and the
/// title; what it was not given stays as the template wrote it.
#[test]
fn new_fills_a_madr_4_template_named_in_book_toml() {
    let a = with_git_user(Archive::empty());
    a.write(
        "book.toml",
        "[book]\nsrc = \"docs/decisions\"\n\n[rfc]\nfile-name = \"{id}-{slug}.md\"\n\
         template = \"docs/decisions/adr-template.md\"\nrequired-fields = []\n\
         required-sections = []\n\n[rfc.key-aliases]\ndate = \"created\"\n\
         decision-makers = \"authors\"\n\n[rfc.lints]\nunknown-key = \"allow\"\n",
    );
    a.write(
        "docs/decisions/adr-template.md",
        "---\n# Configuration for the Jekyll template \"Just the Docs\"\nparent: Decisions\n\
         nav_order: 100\ntitle: ADR Template\n\n\
         # These are optional elements. Feel free to remove any of them.\n\
         # status: \"{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123\"\n\
         # date: {YYYY-MM-DD when the decision was last updated}\n\
         # decision-makers: {list everyone involved in the decision}\n\
         # consulted: {list everyone whose opinions are sought}\n---\n\
         # {short title, representative of solved problem and found solution}\n\n\
         ## Context and Problem Statement\n\n{Describe the context and problem statement.}\n",
    );
    a.run(&["new", "Use Redis", "--author", "Ada"])
        .code(0)
        .stdout_has("docs/decisions/0001-use-redis.md");
    assert_eq!(
        a.read("docs/decisions/0001-use-redis.md"),
        "---\n# Configuration for the Jekyll template \"Just the Docs\"\nparent: Decisions\n\
         nav_order: 100\ntitle: Use Redis\n\n\
         # These are optional elements. Feel free to remove any of them.\n\
         status: draft\ndate: 2026-11-26\ndecision-makers: [Ada]\n\
         # consulted: {list everyone whose opinions are sought}\n---\n\
         # Use Redis\n\n\
         ## Context and Problem Statement\n\n{Describe the context and problem statement.}\n"
    );
    let listed = a.run(&["list", "--format", "json"]).json();
    assert_eq!(
        (
            listed[0]["title"].as_str(),
            listed[0]["status"].as_str(),
            listed[0]["created"].as_str(),
            listed[0]["authors"][0].as_str()
        ),
        (
            Some("Use Redis"),
            Some("draft"),
            Some("2026-11-26"),
            Some("Ada")
        ),
        "{listed:#}"
    );
    a.run(&["check"]).code(0);
}

/// The ERCs moved out of the EIPs as `erc-20.md` and kept linking `./eip-20.md`: `[rfc]
/// link-names` says so once, `check` then follows such a link to the RFC with the number
/// (its anchors too), the site leads it to the RFC's page, and `init` learns it from the
/// links.
#[test]
fn links_may_name_the_rfcs_another_way() {
    let a = with_git_user(Archive::empty());
    let erc = |n: u32, body: &str| {
        format!(
            "---\ntitle: ERC {n}\nstatus: accepted\nauthors: [\"Ada <a@x>\"]\ncreated: 2026-03-01\n\
             decided: 2026-03-02\n---\n## Problem\n\n{body}\n\n## Approach\n\na\n\n## Alternatives\n\nb\n\n\
             ## Rationale\n\nc\n"
        )
    };
    for n in [20, 165] {
        a.write(
            &format!("ERCS/erc-{n}.md"),
            &erc(n, "See [ERC-721](./eip-721.md#approach)."),
        );
    }
    a.write(
        "ERCS/erc-721.md",
        &erc(721, "Builds on [ERC-20](./eip-20.md)."),
    );
    a.run(&["init"]).code(0);
    let config = a.read("book.toml");
    assert!(
        config.contains("\nlink-names = [\"eip-{id}.md\"]\n"),
        "{config}"
    );
    a.run(&["check", "--deny-warnings"]).code(0);
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/erc-20.html");
    assert!(
        page.contains("<a href=\"erc-721.html#approach\">ERC-721</a>"),
        "{page}"
    );
    // Its anchors are checked as any link's.
    a.write(
        "ERCS/erc-20.md",
        &erc(20, "See [ERC-721](./eip-721.md#nowhere)."),
    );
    a.run(&["check"]).code(1).stdout_has("error[RFC0306]");
    // Without the key, the broken link's help offers it.
    let config = config.replace("link-names = [\"eip-{id}.md\"]\n", "");
    a.write("book.toml", &config)
        .write("ERCS/erc-20.md", &erc(20, "See [ERC-721](./eip-721.md)."));
    a.run(&["check"]).code(1).stdout_has(
        "if the archive's links name its RFCs so, say it once in book.toml: \
         `link-names = [\"eip-{id}.md\"]` under [rfc]",
    );
    // A pattern that is not one is said where it is written.
    a.write(
        "book.toml",
        &config.replace("[rfc]\n", "[rfc]\nlink-names = [\"eip.md\"]\n"),
    );
    a.run(&["check"])
        .code(2)
        .stderr_has("invalid `[rfc] link-names` pattern `eip.md`");
}

/// The team's template says what is optional (log4brains' `- Status: … <!-- optional -->`,
/// MADR's `<!-- This is an optional element. Feel free to remove. -->` above a heading):
/// `init` requires none of it, even where most records have it, and says so.
#[test]
fn init_requires_nothing_the_team_s_template_marks_optional() {
    let a = with_git_user(Archive::empty());
    for n in 1..=3 {
        a.write(
            &format!("docs/adr/2024010{n}-x{n}.md"),
            &format!(
                "# X{n}\n\n- Status: accepted\n- Date: 2024-01-0{n}\n\n## Context and Problem Statement\n\nc\n\n\
                 ## Decision Outcome\n\nd\n\n## Pros and Cons of the Options\n\np\n"
            ),
        );
    }
    a.write(
        "docs/adr/template.md",
        "# [short title]\n\n- Status: [draft | accepted] <!-- optional -->\n\
         - Date: [YYYY-MM-DD] <!-- optional. To customize the ordering -->\n\n\
         ## Context and Problem Statement\n\n[context]\n\n## Decision Outcome\n\n[outcome]\n\n\
         <!-- This is an optional element. Feel free to remove. -->\n\
         ## Pros and Cons of the Options\n\n[pros]\n",
    );
    a.run(&["init"]).code(0).stderr_has(
        "not required, as the team's template marks them optional: `## Alternatives`, `status`, \
         `created`",
    );
    let config = a.read("book.toml");
    assert!(
        config.contains("required-fields = [\"title\"]\n"),
        "{config}"
    );
    assert!(
        config.contains("required-sections = [\"problem\", \"approach\"]\n"),
        "{config}"
    );
    // A record without them passes.
    a.write(
        "docs/adr/20240104-x4.md",
        "# X4\n\n## Context and Problem Statement\n\nc\n\n## Decision Outcome\n\nd\n",
    );
    a.run(&["check", "--deny-warnings"]).code(0);
}

/// Records that write no status and no `decided` (MADR's): a record later set to
/// `accepted` is not asked for a `decided` date the format has not, as no status any
/// record has yet asks for more than most records write; a superseded one still names
/// its successor.
#[test]
fn a_status_no_record_has_yet_asks_for_what_most_records_write() {
    let a = with_git_user(Archive::empty());
    for n in 1..=3 {
        a.write(
            &format!("docs/decisions/000{n}-x{n}.md"),
            &format!(
                "---\ndate: 2024-01-0{n}\n---\n# X{n}\n\n## Context and Problem Statement\n\nc\n\n\
                 ## Decision Outcome\n\nd\n\n## Considered Options\n\no\n"
            ),
        );
    }
    let run = a.run(&["init"]);
    run.code(0)
        .stderr_has("`decided` when accepted, rejected, superseded or deprecated");
    let config = a.read("book.toml");
    assert!(
        config.contains("\nsuperseded = [\"superseded-by\"]\n"),
        "{config}"
    );
    a.write(
        "docs/decisions/0004-x4.md",
        "---\nstatus: accepted\ndate: 2024-02-01\n---\n# X4\n\n## Context and Problem Statement\n\nc\n\n\
         ## Decision Outcome\n\nd\n\n## Considered Options\n\no\n",
    );
    a.run(&["check", "--deny-warnings"]).code(0);
}
