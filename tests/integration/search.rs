//! `rfcbook search`: the query language, filters, output formats and the cached index.

use crate::harness::{Archive, fixtures, rfc_with_rationale};

fn acme() -> Archive {
    Archive::from(&fixtures().join("build/acme"))
}

fn ids(run: &crate::harness::Run) -> Vec<u64> {
    run.json()["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_u64().unwrap())
        .collect()
}

#[test]
fn json_has_the_contract_shape_and_snippets_highlight() {
    let a = acme();
    let run = a.run(&["search", "vault", "--format", "json"]);
    run.code(0);
    let json = run.json();
    assert_eq!(json["total"], 1);
    let hit = &json["hits"][0];
    assert_eq!(hit["id"], 2);
    assert_eq!(hit["title"], "Keep secrets in Vault");
    assert_eq!(hit["status"], "accepted");
    assert_eq!(hit["url"], "rfcs/0002-keep-secrets-in-vault.html");
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert!(
        hit["snippet"].as_str().unwrap().contains("<b>Vault</b>"),
        "{hit}"
    );
    let mut keys: Vec<&String> = hit.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["id", "score", "snippet", "status", "title", "url"]);
}

/// Snippets read as the text does: no space where only markup was (`Iterator`, a link),
/// and words on separate lines, items or cells stay apart. Both engines index that text.
#[test]
fn snippets_have_no_space_where_only_markup_was() {
    let a = acme();
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale(
            "Markup",
            "",
            "Streams behave like `Iterator`, but (see [RFC 1](0001-put-pgbouncer-in-front-of-postgres.md))\n\
             they wait.\n\n- first\n- second\n\n| zebra | yak |\n| --- | --- |\n| x | y |",
        ),
    );
    let run = a.run(&["search", "iterator", "--format", "json"]);
    let snippet = run.json()["hits"][0]["snippet"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        snippet.contains("<b>Iterator</b>, but (see RFC 1"),
        "{snippet}"
    );
    let run = a.run(&["search", "zebra", "--format", "json"]);
    let snippet = run.json()["hits"][0]["snippet"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        snippet.contains("wait. first second <b>zebra</b> yak x y"),
        "{snippet}"
    );
}

/// Text in raw HTML (a `<details>` block, a centred paragraph) is found by both engines,
/// as a reader sees it; the CSS of a `<style>` and the code of a `<script>` are neither
/// shown on the page nor found.
#[test]
fn text_in_raw_html_is_found_and_code_in_it_is_not() {
    let a = acme();
    a.write(
        "rfcs/0005-x.md",
        &rfc_with_rationale(
            "Raw HTML",
            "",
            "<details>\n<summary>Benchmark figures</summary>\n\n| p50 | p99 |\n</details>\n\n\
             <p align=\"center\">Centred <kbd>Ctrl</kbd> keystroke</p>\n\n\
             <style>\nbody { display: none }\n</style>\n\n\
             Inline <script>window.location = \"https://evil.example\"</script> gone.\n\n\
             An unclosed <style>p {} in a paragraph\n\n\
             ends with it: the next paragraph is afterwards visible.\n\n\
             A browser closes <script>x</script foo> quokka, which Markdown reads as text.\n",
        ),
    );
    for word in ["benchmark", "centred", "keystroke", "afterwards", "quokka"] {
        let run = a.run(&["search", word, "--format", "json"]);
        assert_eq!(ids(&run), [5], "{word}: {}", run.stdout);
    }
    for word in ["display", "evil"] {
        let run = a.run(&["search", word, "--format", "json"]);
        assert_eq!(ids(&run), Vec::<u64>::new(), "{word}: {}", run.stdout);
    }
    a.run(&["build"]).code(0);
    let page = a.read("site/rfcs/0005-x.html");
    assert!(
        page.contains("<summary>Benchmark figures</summary>"),
        "{page}"
    );
    assert!(!page.contains("display: none"), "{page}");
    assert!(!page.contains("evil.example"), "{page}");
    assert!(page.contains("Inline  gone."), "{page}");
    assert!(
        page.contains("the next paragraph is afterwards visible")
            && page.contains("A browser closes  quokka,"),
        "{page}"
    );
    // The site's own index has the words of the details block, and not the script's.
    let index: String = std::fs::read_dir(a.path().join("site/search"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        index.contains("benchmark"),
        "no benchmark in the static index"
    );
    assert!(!index.contains("evil"), "{index}");
}

/// Words given as several arguments are one query, as if quoted together.
#[test]
fn several_words_unquoted_are_one_query() {
    let a = acme();
    let quoted = a.run(&["search", "pgbouncer transaction", "--format", "json"]);
    let unquoted = a.run(&["search", "pgbouncer", "transaction", "--format", "json"]);
    unquoted.code(0);
    assert_eq!(quoted.json(), unquoted.json());
    assert!(!ids(&unquoted).is_empty());
}

/// An RFC without a status is "unknown", as the site shows it, and can be asked for.
#[test]
fn an_rfc_without_a_status_is_unknown() {
    let a = acme();
    a.write(
        "book.toml",
        "[rfc]\nrequired-fields = [\"title\", \"authors\", \"created\"]\n",
    )
    .write(
        "rfcs/0005-x.md",
        &rfc_with_rationale("Unsure", "", "Undecided wombats.")
            .replace("status: accepted\n", "")
            .replace("decided: 2026-03-20\n", ""),
    );
    let run = a.run(&[
        "search", "wombats", "--status", "unknown", "--format", "json",
    ]);
    let json = run.json();
    assert_eq!(json["total"], 1, "{json}");
    assert_eq!(json["hits"][0]["status"], "unknown");
}

#[test]
fn words_stems_prefixes_typos_phrases_and_fields() {
    let a = acme();
    // Stemming: "pooler" and "pooling" share the stem of "pool".
    assert_eq!(
        ids(&a.run(&["search", "pool", "--format", "json"]))[..2].len(),
        2
    );
    // The title outranks the body.
    assert_eq!(ids(&a.run(&["search", "pgcat", "--format", "json"]))[0], 3);
    // One typo.
    assert!(ids(&a.run(&["search", "pgbouncr", "--format", "json"])).contains(&1));
    // The last word as a prefix, as typed so far.
    assert_eq!(
        ids(&a.run(&["search", "opentelem", "--format", "json"])),
        [4]
    );
    // A phrase matches only words in that order.
    assert_eq!(
        ids(&a.run(&["search", "\"transaction mode\"", "--format", "json"])),
        [1]
    );
    assert!(ids(&a.run(&["search", "\"mode transaction\"", "--format", "json"])).is_empty());
    // A field query: only what was considered as an alternative.
    assert_eq!(
        ids(&a.run(&["search", "alternatives:sops", "--format", "json"])),
        [2]
    );
    assert!(ids(&a.run(&["search", "problem:sops", "--format", "json"])).is_empty());
    // A word before a colon that is no field, nor near one, is a word to search for.
    a.run(&["search", "colour:red"])
        .code(0)
        .stdout_has("no RFC matches `colour:red`");
}

/// Typing on only narrows what is found: a last word the archive has (`postgres`) is
/// also the start of longer words (`postgresql`), as the word typed so far; a space after
/// it says it is finished.
#[test]
fn a_known_last_word_is_also_the_start_of_longer_ones() {
    let a = acme();
    a.write(
        "rfcs/0005-x.md",
        &crate::harness::rfc("Move reporting to PostgreSQL replicas", ""),
    );
    let search = |q: &str| ids(&a.run(&["search", q, "--format", "json"]));
    // (`postgresq` is also one typo from `postgres`: 0001 comes second.)
    assert_eq!(search("postgresq")[0], 5);
    let typed = search("postgres");
    assert!(typed.contains(&5) && typed.contains(&1), "{typed:?}");
    let finished = search("postgres ");
    assert!(
        !finished.contains(&5) && finished.contains(&1),
        "{finished:?}"
    );
    // It goes on as typed, not from its stem: `users` (stem `user`) does not find the
    // username policy, which `user` does.
    a.write(
        "rfcs/0006-y.md",
        &crate::harness::rfc("Users table split", ""),
    )
    .write(
        "rfcs/0007-z.md",
        &crate::harness::rfc("Username policy", ""),
    );
    assert_eq!(search("users"), [6]);
    let mut typed = search("user");
    typed.sort_unstable();
    assert_eq!(typed, [6, 7]);
}

/// A question ("why pgbouncer") whose words no RFC has all of finds the RFCs with some of
/// them, and says so; a word found nowhere is named, and the others are gone by (a
/// question's "did"); alone, it matches nothing.
#[test]
fn no_rfc_with_every_word_finds_those_with_some() {
    let a = acme();
    let json = a
        .run(&["search", "opentelemetry vault", "--format", "json"])
        .json();
    assert_eq!(json["partial"], true, "{json:#}");
    let mut found = ids(&a.run(&["search", "opentelemetry vault", "--format", "json"]));
    found.sort_unstable();
    assert_eq!(found, [2, 4]);
    a.run(&["search", "why pgbouncer"])
        .code(0)
        .stdout_has("no RFC has every word of `why pgbouncer`;")
        .stdout_has("Put PgBouncer in front");
    // Every word in one RFC: no such note, and no `partial` in JSON.
    let json = a.run(&["search", "pgbouncer", "--format", "json"]).json();
    assert!(json.get("partial").is_none(), "{json:#}");
    a.run(&["search", "pgbouncer zqxjkv"])
        .code(0)
        .stdout_has("no RFC has every word of `pgbouncer zqxjkv` (none has `zqxjkv`);")
        .stdout_has("Put PgBouncer in front");
    let json = a
        .run(&["search", "pgbouncer zqxjkv", "--format", "json"])
        .json();
    assert_eq!(json["missing"], serde_json::json!(["zqxjkv"]), "{json:#}");
    a.run(&["search", "zqxjkv"])
        .code(0)
        .stdout_has("no RFC matches `zqxjkv`");
    // Words joined by a hyphen are words, as the browser reads them.
    a.run(&["search", "pgbouncer-zqxjkv"])
        .code(0)
        .stdout_has("no RFC has every word of `pgbouncer-zqxjkv` (none has `zqxjkv`);")
        .stdout_has("Put PgBouncer in front");
    let mut found = ids(&a.run(&["search", "opentelemetry-vault", "--format", "json"]));
    found.sort_unstable();
    assert_eq!(found, [2, 4]);
    // An RFC with every word that a filter leaves out is still one: nothing matches,
    // and nothing is said to have only some of the words.
    let json = a
        .run(&[
            "search",
            "pgbouncer transaction",
            "--status",
            "accepted",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(json["total"], 0, "{json:#}");
    assert!(json.get("partial").is_none(), "{json:#}");
}

/// A limit past the number of RFCs shows them all: the collector made room for the
/// limit at once, and 2^64 - 1 overflowed.
#[test]
fn any_limit_is_answered() {
    let run = acme().run(&[
        "search",
        "vault",
        "--limit",
        "18446744073709551615",
        "--format",
        "json",
    ]);
    run.code(0).no_panic();
    assert_eq!(ids(&run), [2]);
}

#[test]
fn filters_narrow_the_results() {
    let a = acme();
    let all = ids(&a.run(&["search", "pgbouncer", "--format", "json"]));
    assert!(all.contains(&1) && all.contains(&3), "{all:?}");
    assert_eq!(
        ids(&a.run(&[
            "search",
            "pgbouncer",
            "--status",
            "superseded",
            "--format",
            "json"
        ])),
        [1]
    );
    assert_eq!(
        ids(&a.run(&[
            "search",
            "credential",
            "--tag",
            "Security",
            "--format",
            "json"
        ])),
        [2]
    );
    assert!(
        ids(&a.run(&[
            "search",
            "credential",
            "--tag",
            "database",
            "--format",
            "json"
        ]))
        .is_empty()
    );
    assert_eq!(
        ids(&a.run(&["search", "vault", "--author", "grace", "--format", "json"])),
        [2]
    );
    let limited = a.run(&[
        "search",
        "the database pool",
        "--limit",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(ids(&limited).len(), 1);
}

/// A search asked wrongly is told so (exit 2), as `list` is, not answered "no RFC
/// matches".
#[test]
fn a_wrong_question_is_a_usage_error() {
    let a = acme();
    for (args, said) in [
        (
            &["search", "vault", "--status", "bogus"][..],
            "`bogus` is not a status of this archive",
        ),
        (
            &["search", "vault", "--status", "Approved"][..],
            "`Approved` most likely means `accepted` here; the statuses are:",
        ),
        (
            &["new", "X", "--status", "Final"][..],
            "`Final` most likely means `accepted` here; the statuses are:",
        ),
        (
            &["search", "vault", "--limit", "0"][..],
            "--limit 0 would show no result",
        ),
        (&["search", ""][..], "the query is empty"),
        (&["search", "title:"][..], "`title:` needs a word after it"),
        (
            &["search", "titel:pool"][..],
            "`titel:` is not a field you can search; did you mean `title:`?",
        ),
        (&["search", "the"][..], "`the` has no word to search for"),
        (&["search", "\"\""][..], "has no word to search for"),
    ] {
        let run = a.run(args);
        run.code(2).stderr_has("error[RFC9003]").stderr_has(said);
        // A wrong question leaves the index alone: it is not damaged.
        assert!(!run.stderr.contains("damaged"), "{}", run.stderr);
    }
    // `unknown` names the RFCs without a status, as on the site.
    a.run(&["search", "vault", "--status", "UNKNOWN"]).code(0);
}

/// A colon is not always a field: Rust paths, URLs and prose are searched as words, and a
/// tag or status of several words is matched whole when quoted, as `--tag` matches it,
/// without the index being thought damaged.
#[test]
fn colons_paths_and_quoted_labels() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc_with_rationale(
            "Pool connections",
            "tags: [connection pooling]\n",
            "Call std::mem::take, as https://doc.rust-lang.org/std/mem says. Tap: twice.",
        ),
    )
    .write(
        "rfcs/0002-b.md",
        &rfc_with_rationale("Back up nightly", "", "Cheap."),
    );
    for query in [
        "tag:\"connection pooling\"",
        "tag:\"Connection Pooling\" pgbouncer",
        "std::mem::take",
        "https://doc.rust-lang.org/std/mem",
    ] {
        let run = a.run(&["search", query, "--format", "json"]);
        run.code(0);
        assert_eq!(ids(&run), [1], "{query}");
        assert!(!run.stderr.contains("damaged"), "{query}: {}", run.stderr);
    }
    let run = a.run(&["search", "status:\"no such status\""]);
    run.code(0).stdout_has("no RFC matches");
    // A word two edits from a field's name, or one the archive writes, is a word.
    a.run(&["search", "table:pool"]).code(0);
    a.run(&["search", "tap:twice", "--format", "json"])
        .code(0)
        .stdout_has("\"id\":1");
    a.run(&["search", "tab:pool"])
        .code(2)
        .stderr_has("did you mean `tag:`?");
}

/// A snippet shows where the word matched, also when its stem is not the start of the
/// word ("happy" stems to `happi`) or starts other words first (`whi`, of "why", starts
/// "which").
#[test]
fn snippets_find_words_whose_stem_is_not_their_start() {
    let a = Archive::empty();
    let filler = "Which of the white whales while away the day. ".repeat(40);
    a.write(
        "rfcs/0001-a.md",
        &rfc_with_rationale(
            "Pool connections",
            "",
            &format!("{filler}\n\nThis is why the team is happy with it."),
        ),
    );
    for (query, marked) in [("happy", "<b>happy</b>"), ("why", "<b>why</b>")] {
        let json = a.run(&["search", query, "--format", "json"]).json();
        let snippet = json["hits"][0]["snippet"].as_str().unwrap();
        assert!(snippet.contains(marked), "{query}: {snippet}");
    }
}

/// A query that names an RFC by its number ("RFC 3", "#3", "0003") finds that RFC first,
/// then those that mention the number.
#[test]
fn a_number_finds_its_rfc_first() {
    let a = acme();
    for query in ["3", "0003", "#3", "RFC 3", "rfc-3"] {
        let found = ids(&a.run(&["search", query, "--format", "json"]));
        assert_eq!(found.first(), Some(&3), "{query}: {found:?}");
    }
    assert!(ids(&a.run(&["search", "RFC 99", "--format", "json"])).is_empty());
}

/// A typo is taken for the common word one edit away, not for a rare one: `assocated`,
/// whose stem `assoc` one RFC uses, finds the RFCs about associated items; `chek` finds
/// those that check, not the one with a cheek.
#[test]
fn a_typo_is_read_as_the_common_word() {
    let a = Archive::empty();
    let body = |n: u32| match n {
        1 => "Use assoc types here.",
        2..=7 => "The associated items matter here.",
        8..=18 => "We check it twice.",
        _ => "Tongue in cheek.",
    };
    for n in 1..=19 {
        a.write(
            &format!("rfcs/{n:04}-d.md"),
            &rfc_with_rationale(&format!("Decision {n}"), "", body(n)),
        );
    }
    let found = ids(&a.run(&["search", "assocated ", "--format", "json"]));
    assert_eq!(found, [2, 3, 4, 5, 6, 7]);
    let found = ids(&a.run(&["search", "chek ", "--format", "json", "--limit", "20"]));
    assert_eq!(found.len(), 11, "{found:?}");
    assert!(!found.contains(&19), "{found:?}");
}

#[test]
fn no_hit_says_so_and_suggests_a_near_term() {
    let a = acme();
    a.run(&["search", "zzzzqqq"])
        .code(0)
        .stdout_has("no RFC matches `zzzzqqq`\n");
    // A pasted paragraph is not echoed back whole.
    let long = "zqx ".repeat(250);
    let run = a.run(&["search", &long]);
    run.code(0).stdout_has(&format!(
        "no RFC matches `{}…` (1000 characters)\n",
        &long[..80]
    ));
    assert!(run.stdout.len() < 300, "{}", run.stdout);
    // One typo is forgiven outright; two get a suggestion.
    assert_eq!(ids(&a.run(&["search", "vaullt", "--format", "json"])), [2]);
    a.run(&["search", "pgbouncerzz"])
        .code(0)
        .stdout_has("no RFC matches `pgbouncerzz`; did you mean `pgbouncer`?");
    let json = a.run(&["search", "pgbouncerzz", "--format", "json"]).json();
    assert_eq!(json["total"], 0);
    assert_eq!(json["suggestion"], "pgbouncer");
    // A tag or status no RFC has is named, with the nearest one: a typo in it is not
    // "no RFC matches" alone.
    a.run(&["search", "pgbouncer", "--tag", "databse"])
        .code(0)
        .stdout_has("note: no RFC has the tag `databse`; did you mean `database`?");
    a.run(&["search", "pgbouncer status:superseeded"])
        .code(0)
        .stdout_has("note: no RFC has the status `superseeded`; did you mean `superseded`?");
}

#[test]
fn other_scripts_are_findable() {
    let a = Archive::empty();
    a.write(
        "rfcs/0001-a.md",
        &rfc_with_rationale("Suchindex", "", "全文検索の索引を作る。Поиск по Москве."),
    );
    assert_eq!(ids(&a.run(&["search", "検索", "--format", "json"])), [1]);
    assert_eq!(ids(&a.run(&["search", "москве", "--format", "json"])), [1]);
}

#[test]
fn the_index_is_refreshed_and_rebuilt_when_needed() {
    let a = acme();
    a.run(&["search", "vault"])
        .code(0)
        .stderr_has("indexed 4 RFCs");
    // Nothing changed: nothing is indexed again.
    let run = a.run(&["search", "vault"]);
    assert!(!run.stderr.contains("indexed"), "{}", run.stderr);
    // One file changed: only it is indexed again.
    a.write(
        "rfcs/0004-adopt-opentelemetry.md",
        &a.read("rfcs/0004-adopt-opentelemetry.md")
            .replace("Keep vendor agents.", "Keep vendor agents like Zipkin."),
    );
    a.run(&["search", "zipkin", "--format", "json"]).code(0);
    assert_eq!(ids(&a.run(&["search", "zipkin", "--format", "json"])), [4]);
    // A removed file leaves the index.
    std::fs::remove_file(a.path().join("rfcs/0004-adopt-opentelemetry.md")).unwrap();
    assert!(ids(&a.run(&["search", "zipkin", "--format", "json"])).is_empty());
    // A corrupt index is rebuilt, never trusted.
    let index = a.path().join(".rfcbook/index");
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::write(&path, "not json").unwrap();
        }
    }
    std::fs::write(index.join("rfcbook-sources.txt"), "stale\n").unwrap();
    assert_eq!(ids(&a.run(&["search", "vault", "--format", "json"])), [2]);
    // Damaged files that tantivy asserts on (cut short, missing) while the index looks up
    // to date: rebuilt too, not a bug report.
    for damage in ["fast", "pos", "term", "store"] {
        for entry in std::fs::read_dir(&index).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == damage) {
                if damage == "pos" {
                    std::fs::remove_file(&path).unwrap();
                } else {
                    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
                    file.set_len(6).unwrap();
                }
            }
        }
        let run = a.run(&["search", "vault", "--format", "json"]);
        run.code(0).no_panic();
        assert_eq!(ids(&run), [2], "{damage}: {}", run.stderr);
        assert_eq!(ids(&a.run(&["search", "vault", "--format", "json"])), [2]);
    }
    // The cache keeps itself out of git.
    assert_eq!(a.read(".rfcbook/.gitignore"), "*\n");
}

#[test]
fn searches_at_once_take_turns_with_the_index() {
    // Processes that find the index missing or stale at the same moment (a search in one
    // terminal while `serve` or another search refreshes it) wait for each other instead
    // of removing the folder another one is writing.
    let a = acme();
    for round in 0..4 {
        if round % 2 == 0 {
            let _ = std::fs::remove_dir_all(a.path().join(".rfcbook/index"));
        } else {
            let rfc = a.read("rfcs/0004-adopt-opentelemetry.md");
            a.write(
                "rfcs/0004-adopt-opentelemetry.md",
                &format!("{rfc}\nRound {round}.\n"),
            );
        }
        let runs: Vec<crate::harness::Run> = std::thread::scope(|s| {
            let searches: Vec<_> = (0..4)
                .map(|_| s.spawn(|| a.run(&["search", "vault", "--format", "json"])))
                .collect();
            searches.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for run in &runs {
            run.code(0).no_panic();
            assert_eq!(ids(run), [2], "round {round}: {}", run.stderr);
        }
    }
}

#[test]
fn a_linked_cache_folder_is_refused_not_followed() {
    // A pull request could add `.rfcbook` linked to another folder: rebuilding the index
    // there would remove that folder's `index`.
    let a = acme();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir(elsewhere.path().join("index")).unwrap();
    std::fs::write(elsewhere.path().join("index/keep.txt"), "keep").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), a.path().join(".rfcbook")).unwrap();
    a.run(&["search", "vault"])
        .code(2)
        .no_panic()
        .stderr_has("error[RFC9102]: cannot use ")
        .stderr_has("it is a symbolic link");
    assert!(elsewhere.path().join("index/keep.txt").is_file());
}

/// A hit whose body did not match (a title match) shows what the site's search shows of
/// it: the Problem section's start, or the body's first paragraph of its own, never the
/// facts an archive lists under the title (the Rust RFCs' `- Start Date:`, `- RFC PR:`).
#[test]
fn a_title_match_shows_the_first_paragraph_not_the_listed_facts() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[rfc]\nbody-metadata = true\nrequired-fields = [\"created\"]\nrequired-sections = []\n\
         [rfc.lints]\nmissing-front-matter = \"allow\"\n",
    )
    .write(
        "rfcs/0001-wombat-roadmap.md",
        "- Feature Name: `roadmap`\n- Start Date: 2019-03-07\n- RFC PR: [rust-lang/rfcs#1](https://example.com/1)\n\n\
         # Summary\n\nThis proposes the plan for the year.\n\n- a list item\n",
    );
    let json = a
        .run(&["search", "wombat", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(json["total"], 1, "{json}");
    assert_eq!(
        json["hits"][0]["snippet"], "This proposes the plan for the year. a list item",
        "{json}"
    );
    a.run(&["build"]).code(0);
    let documents = a.read("site/search/d-0.js");
    assert!(
        documents.contains("\"This proposes the plan for the year. a list item\""),
        "{documents}"
    );
}

/// An RFC is found by its tags and its authors' names as by its words: "reliability" is
/// only a tag of RFC 1 here, and Grace Hopper wrote RFCs 2 and 3. Snippets still show
/// the body.
#[test]
fn tags_and_authors_are_words_an_rfc_is_found_by() {
    let a = Archive::from(&fixtures().join("site/basic"));
    let run = a.run(&["search", "reliability", "--format", "json"]);
    assert_eq!(ids(&run), [1], "{}", run.stdout);
    let run = a.run(&["search", "hopper", "--format", "json"]);
    let mut found = ids(&run);
    found.sort();
    assert_eq!(found, [2, 3], "{}", run.stdout);
    assert!(!run.stdout.contains("example.com"), "{}", run.stdout);
}

/// An archive whose cache folder cannot be written (a read-only checkout; here a file
/// where `.rfcbook/` would be, which a test run as root can count on) is searched all
/// the same, with an index made in memory, and says so.
#[test]
fn an_archive_whose_cache_cannot_be_written_is_searched_in_memory() {
    let a = acme();
    a.write(".rfcbook", "not a folder\n");
    a.run(&["search", "pgbouncer", "--format", "json"])
        .code(0)
        .stderr_has("note: the search index cannot be kept in ")
        .stderr_has("searching without it");
    let json = a.run(&["search", "pgbouncer", "--format", "json"]).json();
    assert!(json["total"].as_u64().unwrap() > 0, "{json}");
    assert_eq!(a.read(".rfcbook"), "not a folder\n");
}

/// A record's name in its series (`ADR043`) finds that record first, then the records
/// that cite it by that name ("as decided in ADR043"), which its digits alone missed.
#[test]
fn a_series_name_finds_the_record_and_the_records_that_cite_it() {
    let a = Archive::empty();
    a.write(
        "book.toml",
        "[rfc]\nfile-name = \"ADR{id}-{slug}.md\"\nid-digits = 3\n",
    )
    .write(
        "rfcs/ADR043-mobile-first.md",
        &rfc_with_rationale("Mobile first", "", "Phones are most visits."),
    )
    .write(
        "rfcs/ADR046-responsive-tables.md",
        &rfc_with_rationale(
            "Responsive tables",
            "",
            "We previously decided in ADR043 that phones come first.",
        ),
    )
    .write(
        "rfcs/ADR047-fonts.md",
        &rfc_with_rationale("Fonts", "", "System fonts load fastest."),
    );
    assert_eq!(
        ids(&a.run(&["search", "ADR043", "--format", "json"])),
        [43, 46]
    );
    assert_eq!(ids(&a.run(&["search", "43", "--format", "json"])), [43]);
    // Exact: `ADR044` is no `ADR043` with a typo forgiven.
    assert_eq!(ids(&a.run(&["search", "ADR047", "--format", "json"])), [47]);
    a.write(
        "rfcs/ADR044-icons.md",
        &rfc_with_rationale("Icons", "", "SVG icons."),
    );
    assert_eq!(ids(&a.run(&["search", "ADR044", "--format", "json"])), [44]);
    a.run(&["search", "ADR099"])
        .code(0)
        .stdout_has("no RFC matches `ADR099`\n");
}
