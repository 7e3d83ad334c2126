//! `check` over real archives written by others (`../shared/corpora`), each with the
//! book.toml a user of that format would write (see README "Other archive formats").
//! The property: no panic, every file accounted for, and the diagnostics a maintainer of
//! that archive would recognise as true.

use std::path::PathBuf;

use crate::harness::{Archive, manifest_dir};

fn corpus(name: &str) -> Option<PathBuf> {
    let dir = manifest_dir().join("../shared/corpora").join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    // CI always has shared/ beside the clone; a missing corpus there is a failure.
    assert!(
        std::env::var_os("CI").is_none(),
        "corpus {name} is missing in CI"
    );
    eprintln!("skipping: {} not found", dir.display());
    None
}

fn check(name: &str, book_toml: &str) -> Option<serde_json::Value> {
    run(name, book_toml, &["check", "--format", "json"])
}

/// `rfcbook ARGS` on a copy of a corpus with `book_toml`, as JSON.
fn run(name: &str, book_toml: &str, args: &[&str]) -> Option<serde_json::Value> {
    let dir = corpus(name)?;
    let archive = Archive::from(&dir);
    archive.write("book.toml", book_toml);
    let run = archive.run(args);
    run.no_panic();
    assert!(run.code == 0 || run.code == 1, "{name}: {}", run.stderr);
    Some(run.json())
}

fn codes(json: &serde_json::Value, code: &str) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| format!("{}:{}", d["file"].as_str().unwrap(), d["line"]))
        .collect()
}

#[test]
fn rust_rfcs() {
    let Some(json) = check(
        "rust-rfcs",
        include_str!("../fixtures/corpora/rust-rfcs.toml"),
    ) else {
        return;
    };
    assert!(
        json["summary"]["files"].as_u64().unwrap() >= 640,
        "{}",
        json["summary"]
    );
    // No front matter is expected here, so no file is reported for lacking it.
    assert!(codes(&json, "RFC0101").is_empty());
    // Old RFCs that predate the "Rationale and alternatives" section are reported as such.
    assert!(!codes(&json, "RFC0301").is_empty());
    // RFC 3392 is split into chapter files and translations, which are not RFCs.
    let names = codes(&json, "RFC0005");
    assert_eq!(names.len(), 9, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("text/3392-leadership-council/")),
        "{names:?}"
    );
    // RFC numbers are PR numbers: 2071 was used twice.
    assert_eq!(codes(&json, "RFC0201").len(), 2);
    // `- Start Date:` is read (rfcs/0019): the dates that are not YYYY-MM-DD are found.
    let dates = codes(&json, "RFC0109");
    for file in [
        "text/0179-and-mut-patterns.md",
        "text/0534-deriving2derive.md",
        "text/2930-read-buf.md",
    ] {
        assert!(
            dates.iter().any(|d| d.starts_with(file)),
            "{file}: {dates:?}"
        );
    }
    assert!(dates.len() <= 8, "{dates:?}");
    assert!(
        codes(&json, "RFC0105").len() <= 12,
        "{:?}",
        codes(&json, "RFC0105")
    );
    // Titles come from file names here: no RFC is titled by a section heading, though
    // some write one as `#` (3834's first heading is `# Summary`, 0401's later ones).
    let list = run(
        "rust-rfcs",
        include_str!("../fixtures/corpora/rust-rfcs.toml"),
        &["list", "--format", "json"],
    )
    .unwrap();
    let titles: Vec<(u64, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        // Files without a number (3392's translations) are not RFCs.
        .filter_map(|r| Some((r["id"].as_u64()?, r["title"].as_str().unwrap())))
        .collect();
    assert!(titles.contains(&(3834, "Export visibility")), "{titles:?}");
    // No file writes a status: `default-status` makes every RFC accepted (rfcs/0030),
    // without asking any for a `decided` date.
    // Files not named as RFCs (3392's chapters) are not read as RFCs (RFC0005 alone).
    let statuses = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"].is_u64())
        .map(|r| &r["status"]);
    assert!(statuses.clone().all(|s| s == "accepted"), "{list}");
    assert!(codes(&json, "RFC0111").is_empty());
    let sections = ["Summary", "Motivation", "Drawbacks", "Unresolved questions"];
    let named = titles.iter().filter(|(_, t)| sections.contains(t));
    assert_eq!(named.count(), 0, "{titles:?}");
}

#[test]
fn govuk_forms_adrs() {
    let Some(json) = check(
        "govuk-forms-adrs",
        include_str!("../fixtures/corpora/govuk-forms-adrs.toml"),
    ) else {
        return;
    };
    let duplicates = codes(&json, "RFC0201");
    // Two ADRs are numbered 025 and two 041: each file of each pair is named.
    assert!(
        duplicates.iter().filter(|d| d.contains("ADR025")).count() >= 2,
        "{duplicates:?}"
    );
    assert!(
        duplicates.iter().filter(|d| d.contains("ADR041")).count() >= 2,
        "{duplicates:?}"
    );
    // Each pair is offered a free number of its own, written as the archive writes them.
    let mut free: Vec<&str> = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["code"] == "RFC0201")
        .map(|d| {
            let help = d["help"].as_str().unwrap();
            // The number offered; each file's help names its own heading after it.
            help.split(':').next().unwrap_or(help)
        })
        .collect();
    free.dedup();
    assert_eq!(free.len(), 2, "{free:?}");
    assert!(free.iter().all(|h| h.contains(", ADR04")), "{free:?}");
    // The template is the only file not named like an ADR.
    assert_eq!(
        codes(&json, "RFC0005"),
        ["ADR/ADRXXX-architecture-decision-record-template.md:1"]
    );
    // The link to ADR045-use-forms-api.md, which does not exist.
    assert!(
        codes(&json, "RFC0305").iter().any(|d| d.contains("ADR")),
        "{json}"
    );
    // Statuses read from the bodies (rfcs/0019): three ADRs still offer the template's
    // choice, one says `Approved`; nothing lacks a front matter it need not have. The
    // template, not named as an ADR, is not read as one (RFC0005 alone).
    let statuses = codes(&json, "RFC0110");
    assert_eq!(statuses.len(), 4, "{statuses:?}");
    for adr in ["ADR030", "ADR031", "ADR032", "ADR038"] {
        assert!(
            statuses.iter().any(|d| d.contains(adr)),
            "{adr}: {statuses:?}"
        );
    }
    assert!(codes(&json, "RFC0101").is_empty(), "{json}");
    // Excluded, the template is no ADR, and nothing is reported of it (rfcs/0021).
    let Some(dir) = corpus("govuk-forms-adrs") else {
        return;
    };
    let archive = Archive::from(&dir);
    let config = include_str!("../fixtures/corpora/govuk-forms-adrs.toml")
        .replace("[rfc]\n", "[rfc]\nexclude = [\"ADRXXX-*\"]\n");
    archive.write("book.toml", &config);
    let json = archive.run(&["check", "--format", "json"]).json();
    let about_template = crate::harness::diagnostics(&json)
        .iter()
        .filter(|d| d["file"].as_str().unwrap().contains("ADRXXX"))
        .count();
    assert_eq!(about_template, 0, "{json}");
    assert_eq!(codes(&json, "RFC0110").len(), 4);
}

#[test]
fn govuk_forms_adrs_with_their_template_as_ours() {
    // A team adopting rfcbook names its template `template.md`: its quoted prompts are
    // then known, and the one ADR that kept a prompt above its answer is found.
    let Some(dir) = corpus("govuk-forms-adrs") else {
        return;
    };
    let archive = Archive::from(&dir);
    archive.write(
        "book.toml",
        include_str!("../fixtures/corpora/govuk-forms-adrs.toml"),
    );
    let template = "ADR/ADRXXX-architecture-decision-record-template.md";
    archive.write("ADR/template.md", &archive.read(template));
    std::fs::remove_file(archive.path().join(template)).unwrap();
    let run = archive.run(&["check", "--format", "json"]);
    run.no_panic();
    let json = run.json();
    assert_eq!(
        codes(&json, "RFC0311"),
        ["ADR/ADR007-store-form-text-data-as-objects.md:13"]
    );
    assert!(codes(&json, "RFC0005").is_empty(), "{json}");
}

#[test]
fn eips_and_ercs() {
    for (name, config) in [
        ("eips", include_str!("../fixtures/corpora/eips.toml")),
        ("ercs", include_str!("../fixtures/corpora/ercs.toml")),
    ] {
        let Some(json) = check(name, config) else {
            return;
        };
        assert!(json["summary"]["files"].as_u64().unwrap() > 500);
        // ERCS/ keeps a copy of EIP-1 under its EIP name; nothing else is misnamed.
        let misnamed = codes(&json, "RFC0005");
        assert!(
            misnamed.is_empty() || misnamed == ["ERCS/eip-1.md:1"],
            "{misnamed:?}"
        );
        assert!(
            codes(&json, "RFC0110").is_empty(),
            "{:?}",
            codes(&json, "RFC0110")
        );
        // The ERCs' links to each other by their EIP names lead to them (rfcs/0037): a
        // broken one names a file of another repository (an EIP), never one of here.
        if name == "ercs" {
            let dir = corpus(name).unwrap();
            for d in crate::harness::diagnostics(&json)
                .iter()
                .filter(|d| d["code"] == "RFC0305")
            {
                let message = d["message"].as_str().unwrap();
                if let Some(n) = message
                    .split("`ERCS/eip-")
                    .nth(1)
                    .and_then(|rest| rest.split(".md").next())
                {
                    assert!(!dir.join(format!("ERCS/erc-{n}.md")).exists(), "{d}");
                }
            }
        }
        // Records that moved to the ERCs (`status: Moved` and a line saying where; 365
        // in the EIPs) owe no fields or sections (rfcs/0034); real records still do.
        let dir = corpus(name).unwrap();
        let lacking: Vec<&serde_json::Value> = crate::harness::diagnostics(&json)
            .iter()
            .filter(|d| d["code"] == "RFC0105" || d["code"] == "RFC0301")
            .collect();
        assert!(!lacking.is_empty(), "{name}: real records lack sections");
        for d in lacking {
            let text = std::fs::read_to_string(dir.join(d["file"].as_str().unwrap())).unwrap();
            assert!(!text.contains("\nstatus: Moved\n"), "{d}");
        }
        // Prose mentions EIPs as `EIP-1559` (rfcs/0023); its "RFC 2119" is the IETF's,
        // which is no unknown EIP.
        let series = if name == "eips" { "EIP-" } else { "ERC-" };
        for d in crate::harness::diagnostics(&json)
            .iter()
            .filter(|d| d["code"] == "RFC0307")
        {
            let message = d["message"].as_str().unwrap();
            assert!(message.starts_with(series), "{message}");
        }
    }
}

#[test]
fn madr_and_log4brains() {
    for (name, config) in [
        ("madr", include_str!("../fixtures/corpora/madr.toml")),
        (
            "log4brains",
            include_str!("../fixtures/corpora/log4brains.toml"),
        ),
        (
            "log4brains-fixtures",
            include_str!("../fixtures/corpora/log4brains-fixtures.toml"),
        ),
    ] {
        let Some(json) = check(name, config) else {
            return;
        };
        assert!(
            json["summary"]["files"].as_u64().unwrap() > 5,
            "{name}: {json}"
        );
        // MADR's template and index page are excluded, not misnamed RFCs.
        assert!(
            codes(&json, "RFC0005").is_empty() || name != "madr",
            "{json}"
        );
    }
}

/// log4brains lists each record's facts under its title (`- Status: accepted`,
/// `- Date: 2020-09-27`); read with `body-metadata` (rfcs/0019), its own records all have
/// a status and a date, and the one superseded names its successor.
#[test]
fn log4brains_records_list_their_facts() {
    let Some(dir) = corpus("log4brains") else {
        return;
    };
    let archive = Archive::from(&dir);
    archive.write(
        "book.toml",
        include_str!("../fixtures/corpora/log4brains.toml"),
    );
    let listed = archive.run(&["list", "--format", "json"]).json();
    let records: Vec<&serde_json::Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"].is_u64())
        .collect();
    assert!(records.len() >= 9, "{listed}");
    for r in &records {
        assert!(r["status"].is_string() && r["created"].is_string(), "{r}");
    }
    let superseded = records
        .iter()
        .find(|r| r["id"] == 20200926)
        .expect("the record of 2020-09-26");
    assert_eq!(superseded["status"], "superseded");
    assert_eq!(superseded["superseded_by"], 20201016);
    // The successor lists it under `## Links` (`- Supersedes [x](…)`): the two sides
    // agree.
    let successor = records
        .iter()
        .find(|r| r["id"] == 20201016)
        .expect("the record of 2020-10-16");
    assert_eq!(
        successor["supersedes"],
        serde_json::json!([20200926]),
        "{successor}"
    );
    let json = archive.run(&["check", "--format", "json"]).json();
    assert!(
        !crate::harness::codes(&json).contains(&"RFC0203"),
        "{json:#}"
    );
}
