//! Every validation rule has a failing and a passing fixture under
//! `tests/fixtures/rules/<CODE>-<name>/{fail,pass}`; the failing one's output is golden.

use std::path::Path;

use crate::harness::{Archive, fixtures, golden};

fn cases() -> Vec<(String, std::path::PathBuf)> {
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let code = name.split('-').next().unwrap().to_string();
            (code, p)
        })
        .collect()
}

#[test]
fn every_code_has_fixtures() {
    let listed = Archive::empty().run(&["explain"]);
    listed.code(0);
    // The codes of archive problems; RFC9xxx are errors that stop a command.
    let codes: Vec<&str> = listed
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .filter(|c| !c.starts_with("RFC9"))
        .collect();
    assert_eq!(codes.len(), 41, "{}", listed.stdout);
    let have: Vec<String> = cases().into_iter().map(|(c, _)| c).collect();
    for code in codes {
        assert!(have.iter().any(|c| c == code), "no fixture for {code}");
    }
}

fn expected_status(stdout: &str) -> i32 {
    if stdout.lines().any(|l| l.starts_with("error[")) {
        1
    } else {
        0
    }
}

#[test]
fn failing_fixtures_report_their_code_and_match_golden_output() {
    for (code, dir) in cases() {
        let archive = Archive::from(&dir.join("fail"));
        let human = archive.run(&["check", "--color", "never"]);
        human.no_panic();
        let wanted = if code == "_encoding" {
            "RFC0110"
        } else {
            &code
        };
        assert!(
            human.stdout.contains(&format!("[{wanted}]")),
            "{}: expected {wanted}:\n{}",
            dir.display(),
            human.stdout
        );
        assert_eq!(
            human.code,
            expected_status(&human.stdout),
            "{}",
            dir.display()
        );
        golden(&dir.join("expected.txt"), &human.stdout);
        // The fixture is about one rule: nothing else fires.
        let json = archive.run(&["check", "--format", "json"]).json();
        for d in json["diagnostics"].as_array().unwrap() {
            assert_eq!(d["code"], wanted, "{}: unexpected {d}", dir.display());
        }
    }
}

#[test]
fn passing_fixtures_are_clean() {
    for (_, dir) in cases() {
        let run =
            Archive::from(&dir.join("pass")).run(&["check", "--color", "never", "--deny-warnings"]);
        assert_eq!(
            run.code,
            0,
            "{}:\n{}{}",
            dir.display(),
            run.stdout,
            run.stderr
        );
        assert!(
            run.stdout.ends_with("no problems found\n") && !run.stdout.contains('['),
            "{}:\n{}",
            dir.display(),
            run.stdout
        );
    }
}

#[test]
fn crlf_and_bom_do_not_shift_positions() {
    let dir = fixtures().join("rules/_encoding/fail");
    let json = Archive::from(&dir)
        .run(&["check", "--format", "json"])
        .json();
    let d = &json["diagnostics"][0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(9)),
        "{d}"
    );
    assert!(Path::new(&dir).exists());
}
