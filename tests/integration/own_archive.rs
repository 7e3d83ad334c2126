//! We use what we build: the project's own RFCs pass `check` with warnings denied.

use crate::harness::{Archive, manifest_dir};

#[test]
fn our_rfcs_pass_check() {
    let run = Archive::empty().run(&[
        "--root",
        manifest_dir().to_str().unwrap(),
        "check",
        "--deny-warnings",
        "--color",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let count: usize = run
        .stdout
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!(count >= 5, "{}", run.stdout);
}
