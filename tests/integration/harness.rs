//! A fluent harness: an archive in a temporary folder, the real `rfcbook` binary run in it,
//! and golden files that `UPDATE_GOLDEN=1` rewrites.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The date every test runs on, so staleness rules give the same answer any day.
pub(crate) const TODAY: &str = "2026-11-26";

pub(crate) fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn fixtures() -> PathBuf {
    manifest_dir().join("tests/fixtures")
}

pub(crate) struct Archive {
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl Archive {
    pub(crate) fn empty() -> Archive {
        Archive {
            dir: tempfile::tempdir().expect("temporary folder"),
            env: Vec::new(),
        }
    }

    /// A copy of a fixture folder (symlinks stay symlinks).
    pub(crate) fn from(fixture: &Path) -> Archive {
        let archive = Archive::empty();
        copy_tree(fixture, archive.path());
        archive
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    #[track_caller]
    pub(crate) fn write(&self, rel: &str, text: &str) -> &Archive {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    #[track_caller]
    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    pub(crate) fn env(mut self, key: &str, value: &str) -> Archive {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Runs `rfcbook ARGS` with the archive as working folder.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        self.run_in(self.path(), args)
    }

    pub(crate) fn run_in(&self, cwd: &Path, args: &[&str]) -> Run {
        let out = self.command(cwd, args).output().expect("run rfcbook");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs `rfcbook ARGS` with its standard error on a pseudo-terminal, as a shell gives
    /// it (what is drawn only for a person, such as a progress bar, shows there); its
    /// standard output stays a pipe. `stderr` is what the terminal received, `\r\n` for
    /// each line's end.
    #[cfg(target_os = "linux")]
    pub(crate) fn run_on_terminal(&self, args: &[&str]) -> Run {
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        use std::io::Read;
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("a pseudo-terminal");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let terminal = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().expect("a terminal's name"))
            .expect("opening the terminal");
        let mut cmd = self.command(self.path(), args);
        cmd.env("TERM", "xterm")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(terminal);
        let child = cmd.spawn().expect("run rfcbook");
        // The terminal's last handle here: once rfcbook closes its own, reading ends.
        drop(cmd);
        let mut master = std::fs::File::from(master);
        let reader = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let mut chunk = [0; 4096];
            // Linux answers EIO, not end of file, when the other side is closed.
            while let Ok(n @ 1..) = master.read(&mut chunk) {
                bytes.extend_from_slice(&chunk[..n]);
            }
            bytes
        });
        let out = child.wait_with_output().expect("wait for rfcbook");
        let stderr = reader.join().expect("reading the terminal");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        }
    }

    fn command(&self, cwd: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rfcbook"));
        cmd.args(args)
            .current_dir(cwd)
            .env("RFCBOOK_TODAY", TODAY)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            // git's own author variables win over its config, as they do for a commit.
            .env_remove("GIT_AUTHOR_NAME")
            .env_remove("GIT_AUTHOR_EMAIL");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }
}

/// What one run printed and how it ended.
#[derive(Debug)]
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub(crate) fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit status\n--- stdout:\n{}\n--- stderr:\n{}",
            self.stdout, self.stderr
        );
        self.no_panic()
    }

    #[track_caller]
    pub(crate) fn no_panic(&self) -> &Run {
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RFC9901"),
            "rfcbook panicked:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub(crate) fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    #[track_caller]
    pub(crate) fn stdout_lacks(&self, needle: &str) -> &Run {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    #[track_caller]
    pub(crate) fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub(crate) fn stderr_lacks(&self, needle: &str) -> &Run {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// Compares `actual` with the golden file, or writes it when `UPDATE_GOLDEN=1`.
#[track_caller]
pub(crate) fn golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {} (run with UPDATE_GOLDEN=1)",
            path.display()
        )
    });
    assert!(
        !expected.trim().is_empty(),
        "golden file {} is empty",
        path.display()
    );
    assert_eq!(
        expected,
        actual,
        "output differs from {} (UPDATE_GOLDEN=1 rewrites it; review the diff)",
        path.display()
    );
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let meta = std::fs::symlink_metadata(entry.path()).unwrap();
        if meta.file_type().is_symlink() {
            let link = std::fs::read_link(entry.path()).unwrap();
            std::os::unix::fs::symlink(link, &target).unwrap();
        } else if meta.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A valid RFC with the given number, title and extra front-matter lines.
/// [`rfc`] whose Rationale section is `rationale` instead.
/// The diagnostics of a `check --format json` report.
pub(crate) fn diagnostics(json: &serde_json::Value) -> &[serde_json::Value] {
    json["diagnostics"].as_array().map_or(&[], Vec::as_slice)
}

/// The codes of `check --format json`'s diagnostics, in order.
pub(crate) fn codes(json: &serde_json::Value) -> Vec<&str> {
    diagnostics(json)
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

pub(crate) fn rfc_with_rationale(title: &str, extra: &str, rationale: &str) -> String {
    rfc(title, extra).replace("Cheapest fix.", rationale)
}

pub(crate) fn rfc(title: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\nstatus: accepted\nauthors: [\"Ada Lovelace <ada@example.com>\"]\ncreated: 2026-03-01\ndecided: 2026-03-20\n{extra}---\n# {title}\n\n## Problem\n\nConnections run out at peak.\n\n## Approach\n\nRun PgBouncer.\n\n## Alternatives\n\nRaise max_connections.\n\n## Rationale\n\nCheapest fix.\n"
    )
}

/// Runs git in the archive, as a test author would.
pub(crate) fn git(a: &Archive, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@x",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(a.path())
        .output()
        .expect("git is installed")
        .status
        .success();
    assert!(ok, "git {args:?}");
}
