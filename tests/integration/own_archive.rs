//! We use what we build: the project's own RFCs pass `check` with warnings denied.

use crate::harness::{Archive, manifest_dir};

/// Our RFCs are dated as they were written, so they are checked against the real date,
/// not the harness's fixed one: a proposal left undecided goes stale here as it would in
/// any team's CI.
#[test]
fn our_rfcs_pass_check() {
    let run = Archive::empty().env("RFCBOOK_TODAY", &today()).run(&[
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

/// Today in UTC, `YYYY-MM-DD` (Howard Hinnant's `civil_from_days`).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_secs() as i64;
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
