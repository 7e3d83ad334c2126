//! `rfcbook check`: validate the archive and report, in the format CI asks for.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::process::{Command as Process, ExitCode, Stdio};

use crate::archive::Archive;
use crate::cli::{Args, CheckArgs};
use crate::config::Config;
use crate::diagnostic::{self, Code, Diagnostic, Format, Report};
use crate::discover::relative;
use crate::error::{Error, Result};
use crate::model::Date;
use crate::terminal;

pub(super) fn run(args: &Args, check: &CheckArgs) -> Result<ExitCode> {
    let result = checked(args, check);
    if let Err(e) = &result {
        // CI that reads JSON or annotations learns why nothing was checked; the
        // caller still shows the error on stderr for the log.
        let cwd = super::current_dir()?;
        let explicit = args.root.as_ref().map(|r| cwd.join(r));
        let root = crate::config::find_root(&cwd, explicit.as_deref());
        if let Some(text) = diagnostic::stop::machine(e, check.format, &root) {
            terminal::print(&text)?;
        }
    }
    result
}

fn checked(args: &Args, check: &CheckArgs) -> Result<ExitCode> {
    let config = super::load_config(args)?;
    // The site is built with the theme: a template that does not compile fails the pull
    // request here, rather than the deploy after it is merged.
    let theme = match &config.html.theme {
        Some(theme) => Some(crate::render::theme::Theme::load(
            Some(theme),
            &config.root,
        )?),
        None => None,
    };
    // A theme file no page uses is most often a misspelt name: said in the pull request
    // as in the build.
    let color = terminal::color_enabled(args.color, terminal::Stream::Stderr);
    for warning in &config.warnings {
        terminal::warning(warning, color);
    }
    if let Some(theme) = &theme {
        for unused in &theme.unused {
            terminal::warning(unused, color);
        }
    }
    let archive = Archive::load_for_report(&config)?;
    let today = super::today()?;
    let started = std::time::Instant::now();
    let mut diagnostics = crate::validate(&archive, &config, today);
    terminal::timing("validate", started);
    let started = std::time::Instant::now();
    let mut files = archive.files;
    if let Some(mut selection) = selection(check, &config.root)? {
        if let Some(base) = &selection.base {
            selection.known = known_at(&config.root, base, today)?;
        }
        unchecked_paths(&selection, &archive, &diagnostics, &config, args.quiet);
        diagnostics.retain(|d| selection.reports(d));
        // The files asked about, and those the change broke; a file that could not be
        // read (empty, not UTF-8, too large) has no source, only its diagnostic.
        let reported: HashSet<&str> = diagnostics.iter().map(|d| d.file.as_str()).collect();
        let checked: HashSet<&str> = archive
            .sources
            .iter()
            .map(|s| s.rel.as_str())
            .chain(archive.diagnostics.iter().map(|d| d.file.as_str()))
            .filter(|rel| selection.matches(rel) || reported.contains(rel))
            .collect();
        files = checked.len();
    }
    let report = Report::new(diagnostics, files);
    // A template that compiles may still fail on a page (`{{ rfc.nosuch }}`): with a theme
    // of its own, an archive that `build` would publish is rendered here too, and written
    // nowhere, so that CI fails where the deploy would (before the report is printed: a
    // stop has a report of its own in JSON).
    if let Some(theme) = &theme
        && report.summary().errors == 0
    {
        let started = std::time::Instant::now();
        let (archive, prepared) = crate::render::prepare::load(&config, &|_, _| {})?;
        let index = crate::render::Index::new(&archive, &config);
        crate::render::site(index, prepared, theme, today, &|_| {}, &|_| Ok(()))?;
        std::mem::forget(archive);
        terminal::timing("render with the theme", started);
    }
    let color = terminal::color_enabled(args.color, terminal::Stream::Stdout);
    let text = if check.format == Format::Github {
        diagnostic::render_github(&report, &config.root)
    } else {
        diagnostic::render(&report, check.format, color, args.quiet)
    };
    terminal::print(&text)?;
    terminal::timing("report", started);
    let summary = report.summary();
    if archive.files == 0 {
        super::note_no_rfcs(&config, args.quiet, "checks")?;
    }
    // Without a book.toml, records written another way fail rfcbook's defaults one
    // error each: say that a book.toml fits them, and init writes it (rfcs/0032).
    let configured = config
        .root
        .join(crate::config::CONFIG_FILE)
        .symlink_metadata()
        .is_ok();
    if !configured && summary.errors > 0 && !args.quiet {
        let fits = match super::adopt::find(&config.root) {
            Some(records) => format!(
                "; `rfcbook init` writes one that reads the records in {} as they are written",
                records.place()
            ),
            None => "; `rfcbook init` writes one, in which file names, statuses and \
                     required sections are set"
                .into(),
        };
        terminal::note(
            false,
            &format!(
                "note: there is no book.toml in {}, so the files were checked against rfcbook's \
                 defaults (`NNNN-slug.md`, front matter, four sections){fits}",
                config.root.display()
            ),
        );
    }
    // The process ends next: freeing ten thousand parsed files one by one would only
    // delay the exit (measured at about 5% of a check), so leave it to the OS.
    std::mem::forget(archive);
    let failed = summary.errors > 0 || (check.deny_warnings && summary.warnings > 0);
    if check.format == Format::Github {
        // Annotations carry no summary; the log still gets one.
        terminal::note(args.quiet, &diagnostic::summary_line(&report));
    }
    if summary.errors == 0 && failed {
        // "0 errors" and a failed job: the log says why.
        terminal::note(
            false,
            &format!(
                "error: failed because warnings are denied (--deny-warnings): {}",
                if summary.warnings == 1 {
                    "fix the warning, or lower its rule in [rfc.lints]".to_string()
                } else {
                    format!(
                        "fix the {} warnings, or lower their rules in [rfc.lints]",
                        summary.warnings
                    )
                }
            ),
        );
    }
    Ok(ExitCode::from(u8::from(failed)))
}

/// Says which of the paths given hold no RFC `check` reads, and why: "no problems
/// found" about a file that was never read would pass it (a file outside the source
/// folder, the template, a file `[rfc] exclude` leaves out).
fn unchecked_paths(
    selection: &Selection,
    archive: &Archive,
    diagnostics: &[Diagnostic],
    config: &Config,
    quiet: bool,
) {
    let Some((files, folders)) = &selection.paths else {
        return;
    };
    let root = config.root.canonicalize().unwrap_or(config.root.clone());
    let src = config.src.canonicalize().unwrap_or(config.src.clone());
    let src = relative(&root, &src);
    // A file that could not be read is checked all the same: its diagnostic says why.
    let read = |rel: &str| {
        archive.sources.iter().any(|s| s.rel == rel) || diagnostics.iter().any(|d| d.file == rel)
    };
    for file in files.iter().filter(|f| !read(f)) {
        let name = file.rsplit('/').next().unwrap_or(file);
        let in_src = src.is_empty() || file.starts_with(&format!("{src}/"));
        let why = if !name.to_ascii_lowercase().ends_with(".md") {
            "it is not a Markdown file".to_string()
        } else if !in_src {
            format!("it is outside the source folder `{src}/` ([book] src)")
        } else if crate::discover::is_not_an_rfc(name) {
            "README.md, SUMMARY.md and template.md are not RFCs".to_string()
        } else {
            "`[rfc] exclude` leaves it out".to_string()
        };
        terminal::note(quiet, &format!("note: {file} is not checked: {why}"));
    }
    for folder in folders {
        if !archive
            .sources
            .iter()
            .any(|s| s.rel.starts_with(folder.as_str()))
        {
            let shown = if folder.is_empty() {
                "."
            } else {
                folder.as_str()
            };
            terminal::note(
                quiet,
                &format!(
                    "note: {shown} holds no RFC that is checked (the source folder is `{src}/`)"
                ),
            );
        }
    }
}

/// The files `check` reports on, when limited by paths or by `--base`. Both given, both
/// limit: the changed files among the paths (a CI step for one folder of a monorepo).
struct Selection {
    /// The paths given, as files and folders (`rfcs/infra/`); `None` when none were.
    paths: Option<(BTreeSet<String>, Vec<String>)>,
    /// With `--base`: the files changed since that ref, and untracked ones.
    changed: Option<BTreeSet<String>>,
    /// With `--base`: the problems the archive had at that ref. A problem elsewhere that
    /// is not among them was made by the change (a deleted RFC that another relates to,
    /// a status removed from book.toml), and is reported too.
    known: Option<HashSet<Known>>,
    /// With `--base`: the commit the change is measured from ([`fork_point`]).
    base: Option<String>,
}

/// A problem as it is recognised at another revision: lines move, words do not.
type Known = (Code, String, String);

fn known(d: &Diagnostic) -> Known {
    (d.code, d.file.clone(), d.message.clone())
}

impl Selection {
    fn in_paths(&self, rel: &str) -> bool {
        self.paths.as_ref().is_none_or(|(files, folders)| {
            files.contains(rel) || folders.iter().any(|f| rel.starts_with(f.as_str()))
        })
    }

    fn matches(&self, rel: &str) -> bool {
        self.in_paths(rel) && self.changed.as_ref().is_none_or(|c| c.contains(rel))
    }

    fn reports(&self, d: &Diagnostic) -> bool {
        self.matches(&d.file)
            || (self.in_paths(&d.file)
                && self.known.as_ref().is_some_and(|k| !k.contains(&known(d))))
    }
}

/// The problems of the archive as it was at `base`: its files are taken from git into a
/// temporary folder and checked there. `None` when the archive had no book.toml that
/// loads there (every problem is then new), or when the archive did not exist at `base`.
fn known_at(root: &Path, base: &str, today: Date) -> Result<Option<HashSet<Known>>> {
    // `git archive` run in a subfolder would look for the tree under that subfolder
    // again: it runs at the top, and is given the archive's folder.
    let located = git(root, &["rev-parse", "--show-toplevel", "--show-prefix"])?;
    let (Some(top), prefix) = (located.first(), located.get(1).cloned().unwrap_or_default()) else {
        return Ok(None);
    };
    let then = tempfile::tempdir().map_err(|e| Error::io("create", &std::env::temp_dir(), e))?;
    let tree = format!("{base}:{prefix}");
    let archived = Process::new("git")
        .arg("-C")
        .arg(top)
        .args(["archive", "--format=tar", &tree])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .and_then(|mut git| {
            let tar = Process::new("tar")
                .arg("-x")
                .arg("-C")
                .arg(then.path())
                .stdin(git.stdout.take().ok_or(std::io::ErrorKind::BrokenPipe)?)
                .stderr(Stdio::null())
                .status()?;
            Ok(git.wait()?.success() && tar.success())
        })
        .map_err(|e| {
            Error::usage(
                format!("cannot take the archive at {base} from git: {e}"),
                "--base needs git and tar on the PATH",
            )
        })?;
    if !archived {
        return Ok(None);
    }
    let Ok(config) = crate::config::Config::load_without_theme(then.path()) else {
        return Ok(None);
    };
    let Ok(archive) = Archive::load_for_report(&config) else {
        return Ok(None);
    };
    let diagnostics = crate::validate(&archive, &config, today);
    Ok(Some(diagnostics.iter().map(known).collect()))
}

fn selection(check: &CheckArgs, root: &Path) -> Result<Option<Selection>> {
    if check.paths.is_empty() && check.base.is_none() {
        return Ok(None);
    }
    // git would read `--base=--output=x` as an option of its own (and write that file),
    // and `--base=--` as the end of its options: the check passed having compared nothing.
    if let Some(base) = check
        .base
        .as_deref()
        .filter(|b| b.is_empty() || b.starts_with('-'))
    {
        return Err(Error::usage(
            format!("--base `{base}` is not a git ref"),
            "give a branch, tag or commit, e.g. --base origin/main",
        ));
    }
    let mut selection = Selection {
        paths: None,
        changed: None,
        known: None,
        base: None,
    };
    let (mut files, mut folders) = (BTreeSet::new(), Vec::new());
    let cwd = super::current_dir()?;
    let root = root
        .canonicalize()
        .map_err(|e| Error::io("read", root, e))?;
    for path in &check.paths {
        // A path as diagnostics print it (relative to the root) works from any folder
        // of the archive: `check rfcs/0003-x.md`, copied from a report, run in `rfcs/`.
        let full = cwd.join(path);
        let full = if full.exists() { full } else { root.join(path) };
        let full = full.canonicalize().map_err(|_| {
            Error::usage(
                format!(
                    "{} does not exist",
                    terminal::clean(&path.display().to_string())
                ),
                "give paths of RFC files or folders in the archive",
            )
        })?;
        if !full.starts_with(&root) {
            return Err(Error::usage(
                format!(
                    "{} is outside the archive {}",
                    terminal::clean(&path.display().to_string()),
                    terminal::clean(&root.display().to_string())
                ),
                "give paths inside the archive, or choose the archive with --root",
            ));
        }
        let rel = relative(&root, &full);
        if full.is_dir() {
            folders.push(if rel.is_empty() {
                rel
            } else {
                format!("{rel}/")
            });
        } else {
            files.insert(rel);
        }
    }
    if !check.paths.is_empty() {
        selection.paths = Some((files, folders));
    }
    if let Some(base) = &check.base {
        let base = fork_point(&root, base);
        selection.changed = Some(changed_since(&root, &base)?.into_iter().collect());
        selection.base = Some(base);
    }
    Ok(Some(selection))
}

/// Where this branch left `base`, as `git diff base...` reads it: what `base` gained since
/// (a fix merged to main after the branch was cut) is not this change's doing, and a
/// branch that has not caught up would otherwise be held to it, or blamed for undoing it.
/// `base` itself when there is no common commit (a shallow clone, unrelated histories, a
/// repository without commits) or git cannot tell; a `base` that names nothing is then
/// reported by the diff that follows, in git's words.
fn fork_point(root: &Path, base: &str) -> String {
    git(root, &["merge-base", base, "HEAD"])
        .ok()
        .and_then(|found| found.into_iter().next())
        .unwrap_or_else(|| base.to_string())
}

/// Files changed between `base` and the working tree, plus untracked files, relative to
/// the archive root.
fn changed_since(root: &Path, base: &str) -> Result<Vec<String>> {
    // Outside a repository, `git diff` prints its whole usage: say what is wrong instead.
    let inside = Process::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !inside {
        return Err(Error::usage(
            format!(
                "--base needs a git repository, and {} is not in one",
                root.display()
            ),
            "run check inside the repository's clone, or without --base",
        ));
    }
    let mut files = git(
        root,
        &[
            "diff",
            "--name-only",
            "--relative",
            "--no-renames",
            base,
            "--",
        ],
    )?;
    files.extend(git(root, &["ls-files", "--others", "--exclude-standard"])?);
    Ok(files)
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<String>> {
    let output = Process::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| {
            Error::usage(
                format!("cannot run git for --base: {e}"),
                "install git, or run check without --base",
            )
        })?;
    if !output.status.success() {
        // git's first complaint says why (`fatal: bad revision 'x'`); the rest is usage.
        let stderr = String::from_utf8_lossy(&output.stderr);
        let why = stderr
            .lines()
            .find(|l| l.starts_with("fatal:") || l.starts_with("error:"))
            .or_else(|| stderr.lines().find(|l| !l.trim().is_empty()))
            .unwrap_or("")
            .trim();
        return Err(Error::usage(
            format!("git {} failed: {why}", args.join(" ")),
            "give a ref that exists in this repository, e.g. --base origin/main (fetch it first in CI)",
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}
