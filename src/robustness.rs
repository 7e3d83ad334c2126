//! Property tests: arbitrary bytes and arbitrary front matter through the parser and every
//! rule. The property is the contract: no panic, and every diagnostic points at a real
//! line of a real file.

use proptest::prelude::*;

use crate::archive::Archive;
use crate::config::Config;

const KEYS: &[&str] = &[
    "title",
    "status",
    "authors",
    "created",
    "decided",
    "updated",
    "tags",
    "supersedes",
    "superseded-by",
    "related",
    "discussion",
    "review-by",
    "id",
    "stauts",
    "superseded_by",
    "",
    "\"quoted key\"",
    "? complex",
    "- item",
    "[x]",
];

const VALUES: &[&str] = &[
    "",
    "accepted",
    "Accepted",
    "superseded",
    "proposed",
    "acepted",
    "2026-03-01",
    "2023-14-05",
    "23-07-2014",
    "[1, 2]",
    "[2]",
    "1",
    "2",
    "-1",
    "99999999999",
    "[]",
    "{}",
    "{a: 1}",
    "\"\"",
    "[\"Ada <a@x>\"]",
    "Ada",
    "https://x.example/pr/1",
    "not a url",
    "[unclosed",
    "{unclosed",
    "'single",
    "\"double",
    "|\n  block",
    ">\n  folded",
    "&anchor x",
    "*alias",
    "!!binary aGVsbG8=",
    "~",
    "null",
    "true",
    "3.14",
    "[[[[[]]]]]",
    "- a\n- b",
    "\t",
    "\u{feff}",
    "日本語",
    "Русский",
    "<script>alert(1)</script>",
    "RFC 1",
    "#2",
    "[RFC 1, '#2', x]",
    "2026-02-29",
    "2024-02-29",
];

const BODY: &[&str] = &[
    "# Title\n",
    "## Problem\n",
    "## Approach\n",
    "## Alternatives\n",
    "## Rationale\n",
    "## Rationale and alternatives\n",
    "## Context\n",
    "text\n",
    "\n",
    "See RFC 1 and RFC-2.\n",
    "[x](0001-a.md#problem)\n",
    "[y](../../../etc/passwd)\n",
    "[z](#nowhere)\n",
    "[w](%zz%2)\n",
    "<script>x</script>\n",
    "<img onerror=x>\n",
    "```\nRFC 9\n```\n",
    "> quote\n",
    "- [ ] task\n",
    "| a | b |\n|---|---|\n",
    "[^1]\n\n[^1]: note\n",
    "### {#id}\n",
    "## \n",
    "\r\n",
    "\u{0}",
    "é",
    "`RFC 5`",
    "[a](javascript:x)\n",
    "<!-- comment\n",
    "---\n",
    "***\n",
    "    indented\n",
];

fn config() -> Config {
    Config::default_for(std::path::Path::new("/archive"))
}

fn check(files: Vec<(String, Vec<u8>)>) {
    let config = config();
    let archive = Archive::from_memory(files, &config);
    let today = crate::parse::parse_date("2026-11-26").unwrap_or_default();
    let diagnostics = crate::validate::run(&archive, &config, today);
    for d in &diagnostics {
        assert!(d.location.line >= 1 && d.location.column >= 1, "{d:?}");
        if let Some(source) = archive.sources.iter().find(|s| s.rel == d.file) {
            assert!(d.location.line <= source.line_count(), "{d:?}");
        }
        if let Some(snippet) = &d.snippet {
            assert!(
                snippet.mark.start <= snippet.mark.end && snippet.mark.end <= snippet.text.len()
            );
            assert!(snippet.text.is_char_boundary(snippet.mark.start));
            assert!(snippet.text.is_char_boundary(snippet.mark.end));
        }
        // Every format renders every diagnostic without failing.
        let _ = crate::diagnostic::render_one(d, false);
    }
}

fn front_matter() -> impl Strategy<Value = String> {
    let line = (0..KEYS.len(), 0..VALUES.len(), any::<bool>()).prop_map(|(k, v, crlf)| {
        let end = if crlf { "\r\n" } else { "\n" };
        format!("{}: {}{end}", KEYS[k], VALUES[v])
    });
    (
        prop::collection::vec(line, 0..12),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, bom, closed)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            s.push_str("---\n");
            s.extend(lines);
            if closed {
                s.push_str("---\n");
            }
            s
        })
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(0..BODY.len(), 0..20)
        .prop_map(|parts| parts.into_iter().map(|i| BODY[i]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check(vec![("rfcs/0001-a.md".into(), bytes)]);
    }

    #[test]
    fn arbitrary_front_matter_never_panics(
        files in prop::collection::vec((front_matter(), body()), 1..5)
    ) {
        let files = files
            .into_iter()
            .enumerate()
            .map(|(i, (fm, body))| {
                (format!("rfcs/{:04}-x{i}.md", i % 3 + 1), format!("{fm}{body}").into_bytes())
            })
            .collect();
        check(files);
    }

    #[test]
    fn mangled_valid_files_never_panic(cut in 0usize..400, insert in 0..VALUES.len()) {
        let valid = "---\ntitle: A\nstatus: accepted\nauthors: [Ada]\ncreated: 2026-01-01\ndecided: 2026-01-02\nsupersedes: [2]\n---\n# A\n\n## Problem\n\nx\n\n## Approach\n\nx\n\n## Alternatives\n\nx\n\n## Rationale\n\nSee RFC 2.\n";
        let cut = cut.min(valid.len());
        let mangled = format!("{}{}{}", &valid[..cut], VALUES[insert], &valid[cut..]);
        check(vec![
            ("rfcs/0001-a.md".into(), mangled.into_bytes()),
            ("rfcs/0002-b.md".into(), valid.replace("supersedes: [2]", "superseded-by: 1").into_bytes()),
        ]);
    }
}

#[test]
fn hostile_inputs_never_panic() {
    let deep_list = format!("---\ntitle: {}\n---\n", "[".repeat(100_000));
    let deep_block = format!("---\ntitle: x\nauthors: {}\n---\n", "- ".repeat(100_000));
    let deep_markdown = format!("---\ntitle: x\n---\n{}\n", "> ".repeat(50_000));
    let nested_lists = format!(
        "---\ntitle: x\n---\n{}",
        (0..5_000)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect::<String>()
    );
    for text in [deep_list, deep_block, deep_markdown, nested_lists] {
        check(vec![("rfcs/0001-a.md".into(), text.into_bytes())]);
    }
}
