//! `book.toml` problems: exit 2, the file, the line, the key and how to fix it.

use crate::harness::{Archive, rfc};

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

#[test]
fn wrong_type_names_the_line() {
    with_config("[rfc]\nstale-after-days = \"two sprints\"\n")
        .run(&["check"])
        .code(2)
        .stderr_has("book.toml:2:");
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
    with_config("[rfc]\nstatuses = []\n")
        .run(&["check"])
        .code(2);
}

#[test]
fn invalid_toml_and_invalid_utf8() {
    with_config("[book\n")
        .run(&["check"])
        .code(2)
        .stderr_has("book.toml:1:");
    let a = Archive::empty();
    std::fs::write(a.path().join("book.toml"), b"[book]\ntitle = \"\xff\"\n").unwrap();
    a.run(&["check"]).code(2).stderr_has("not valid UTF-8");
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
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    // B's status is not in the vocabulary, and `Problem` is no longer a title of the
    // problem section (aliases stay).
    assert_eq!(codes, ["RFC0110", "RFC0301"], "{json}");
}
