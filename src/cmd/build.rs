//! `rfcbook build`: validate, render, and swap the new site in. An archive with errors is
//! not published; an unchanged archive is not rebuilt.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rustc_hash::FxHashMap;

use crate::cli::{Args, BuildArgs};
use crate::config::Config;
use crate::diagnostic::{self, Format, Report};
use crate::error::{Error, Result};
use crate::model::Date;
use crate::render::{self, Fingerprint, theme::Theme};
use crate::stamp::Stamp;
use crate::{output, terminal};

use crate::output::MARKER;

pub(super) fn run(args: &Args, build: &BuildArgs) -> Result<ExitCode> {
    let mut config = super::load_config(args)?;
    let cwd = super::current_dir()?;
    if let Some(out) = &build.out {
        config.build_dir = crate::output::lexical(&cwd.join(out));
        config.written.build_dir = None;
    }
    // The address a CI job's host gives (GitHub Pages' `base_url`), over book.toml's.
    if let Some(url) = &build.site_url {
        config.html.site_url = crate::config::valid_site_url(url.clone())
            .map_err(|(message, help)| Error::usage(format!("--site-url: {message}"), help))?;
    }
    let color = terminal::color_enabled(args.color, terminal::Stream::Stderr);
    match publish(&config, args.quiet, color, Lifetime::Exiting)? {
        Outcome::Refused(errors) => {
            eprint!(
                "{}",
                diagnostic::render(&errors, Format::Human, color, args.quiet)
            );
            terminal::note(false, &refusal(&errors, &cwd, &config.build_dir));
            Ok(ExitCode::from(1))
        }
        Outcome::UpToDate | Outcome::Built | Outcome::Unchanged => {
            if build.open {
                let home = crate::output::resolved(&config.build_dir).join("index.html");
                super::open_in_browser(&home.to_string_lossy(), super::Opener::Wait);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// What [`publish`] did.
pub(super) enum Outcome {
    /// The site was built from inputs it had already been built from: nothing was done.
    UpToDate,
    /// A new site was swapped in.
    Built,
    /// A site was built and swapped in that is byte for byte the one before (inputs
    /// touched or saved without a change): nothing new to show.
    Unchanged,
    /// The archive has errors (these): nothing was published, the previous site stands.
    Refused(Report),
}

/// Whether the process ends right after a build. A build holds hundreds of megabytes in
/// tens of thousands of allocations; freeing them one by one costs a noticeable part of a
/// build that the operating system does at exit for free, but `serve` builds again and
/// again and must give the memory back.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Lifetime {
    Exiting,
    Lasting,
}

/// The line that says why nothing was published.
pub(super) fn refusal(errors: &Report, cwd: &Path, target: &Path) -> String {
    let site = if target.exists() {
        format!("{} is unchanged", shown(cwd, target))
    } else {
        format!("{} was not made", shown(cwd, target))
    };
    format!(
        "error: the archive has {}; nothing was published and {site}",
        terminal::plural(errors.summary().errors, "error"),
    )
}

/// Validates the archive of `config` and, when it has no errors, renders its site into
/// `config.build_dir` and swaps it in. Notes (up to date, warnings, the summary line) go to
/// stderr unless `quiet` (theme files that are not used, always); the errors of a refused archive are returned, not printed.
pub(super) fn publish(
    config: &Config,
    quiet: bool,
    color: bool,
    lifetime: Lifetime,
) -> Result<Outcome> {
    let started = Instant::now();
    let cwd = super::current_dir()?;
    let target = crate::output::resolved(&config.build_dir);
    guard_target(config, &target)?;
    let today = super::today()?;
    let theme = Theme::load(config.html.theme.as_deref(), &config.root)?;
    for warning in config.warnings.iter().chain(&theme.unused) {
        terminal::warning(warning, color);
    }
    terminal::timing("configuration and theme", started);
    // Only a site rfcbook built can be up to date; for a new one the fingerprint is made
    // after reading, from what the reading saw.
    let fingerprinting = Instant::now();
    let built = target.join(MARKER).is_file();
    let base = built.then(|| inputs(config, &theme, today, crate::stamp::sources(config)));
    let fresh = base.is_some_and(|base| up_to_date(&config.root, &target, base));
    terminal::timing("fingerprint inputs", fingerprinting);
    if fresh {
        terminal::note(
            quiet,
            &format!(
                "nothing changed since the last build: {} is up to date",
                shown(&cwd, &target)
            ),
        );
        return Ok(Outcome::UpToDate);
    }
    // A new site's fingerprint needs the walk of the source folder; it runs beside the
    // reading, which gives the stamps of the RFCs themselves.
    let reading = Progress::new("reading", quiet);
    let (archive, walked) = rayon::join(
        || render::prepare::load(config, &|done, total| reading.tick(done, total)),
        || (!built).then(|| crate::stamp::source_files(config)),
    );
    reading.finish();
    let (archive, prepared) = archive?;
    if archive.files == 0 {
        super::note_no_rfcs(config, quiet, "builds")?;
    }
    // The site's index needs only what was read: it is made while the archive is
    // validated, and is dropped unused when the archive has errors.
    let (diagnostics, index) = rayon::join(
        || crate::validate(&archive, config, today),
        || render::Index::new(&archive, config),
    );
    let report = Report::new(diagnostics, archive.files);
    terminal::timing_count(
        "files read again to report on them",
        crate::source::read_again_count(),
    );
    let summary = report.summary();
    if summary.errors > 0 {
        // The errors explain why nothing was published; warnings would bury them.
        return Ok(Outcome::Refused(report.errors_only()));
    }
    if summary.warnings > 0 {
        terminal::note(
            quiet,
            &format!(
                "{} in the archive; `rfcbook check` shows them",
                terminal::plural(summary.warnings, "warning")
            ),
        );
    }
    let progress = Progress::new("rendering", quiet);
    let total = archive.rfcs.len();
    let rendering = Instant::now();
    let staging = output::Staging::new(&target)?;
    let site = render::site(
        index,
        prepared,
        &theme,
        today,
        &|n| progress.tick(n, total),
        &|file| staging.write(&file),
    )?;
    progress.finish();
    terminal::timing("render and write", rendering);
    let writing = Instant::now();
    let base = base.unwrap_or_else(|| {
        let known: FxHashMap<&Path, Stamp> = archive
            .stamps
            .iter()
            .map(|(p, s)| (p.as_path(), *s))
            .collect();
        let files = walked.unwrap_or_default();
        let sources = crate::stamp::sources_of(config, &files, &known);
        inputs(config, &theme, today, sources)
    });
    staging.copy_assets(&config.root, &site.assets)?;
    staging.write_fresh(&render::OutputFile {
        path: MARKER.into(),
        bytes: MARKER_TEXT.as_bytes().to_vec(),
    })?;
    let contents = staging.contents();
    let same = staging.same_as_before();
    staging.commit()?;
    record_stamp(
        &config.root,
        &target,
        &stamp(&config.root, &target, base, contents, &inputs_linked(&site)),
    );
    terminal::timing("swap", writing);
    let pages = site.pages;
    terminal::note(
        quiet,
        &format!(
            "built {} ({}) in {:.2} s into {}",
            terminal::plural(pages, "page"),
            terminal::plural(archive.rfcs.len(), "RFC"),
            started.elapsed().as_secs_f64(),
            shown(&cwd, &target)
        ),
    );
    if lifetime == Lifetime::Exiting {
        std::mem::forget(archive);
    }
    Ok(if same {
        Outcome::Unchanged
    } else {
        Outcome::Built
    })
}

pub(super) fn shown(cwd: &Path, path: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

/// Refuses an output folder whose swap would destroy something: the archive (or a folder
/// holding it), a file, a folder of someone else's. `target` is
/// [`crate::output::resolved`]. (Inside the source folder is fine: the walk skips it.)
fn guard_target(config: &Config, target: &Path) -> Result<()> {
    let (root, src) = (
        crate::output::resolved(&config.root),
        crate::output::resolved(&config.src),
    );
    // Where the folder was chosen is where it is put right: book.toml's `build-dir`, or
    // the command line's `--out`.
    // The example is a folder that would do (not `site` when the theme is `site`).
    let example = ["site", "public", "_site"]
        .into_iter()
        .find(|name| {
            let folder = crate::output::resolved(&config.root.join(name));
            let in_theme = config
                .html
                .theme
                .as_ref()
                .is_some_and(|t| folder.starts_with(crate::output::resolved(t)));
            !in_theme && !root.starts_with(&folder)
        })
        .unwrap_or("site");
    let refuse = |message: String, fix: &str| match &config.written.build_dir {
        Some(position) => Error::Config {
            position: position.clone(),
            message,
            help: format!("set `build-dir` to {fix}, e.g. `build-dir = \"{example}\"`"),
        },
        None => Error::usage(
            message,
            format!(
                "build into {fix}, e.g. `--out {example}` (the default is `[build] build-dir`)"
            ),
        ),
    };
    if root.starts_with(target) || src.starts_with(target) {
        return Err(refuse(
            format!(
                "the output folder {} would contain the archive itself",
                target.display()
            ),
            "a folder of its own",
        ));
    }
    // The theme's files are published: a site built inside the theme would be published
    // inside the next site, and that one inside the one after.
    if let Some(theme) = &config.html.theme
        && target.starts_with(crate::output::resolved(theme))
    {
        return Err(refuse(
            format!(
                "the output folder {} is inside the theme folder {}, whose files every site publishes",
                target.display(),
                theme.display()
            ),
            "a folder outside the theme",
        ));
    }
    if target.exists() && !target.is_dir() {
        return Err(Error::usage(
            format!("{} exists and is not a folder", target.display()),
            "rfcbook writes a folder of pages there: choose another `--out` or `[build] build-dir`",
        ));
    }
    // `--out notes.txt/site`: creating the folders would fail with "File exists", which
    // names the wrong problem. The first part of the path that is there must be a folder.
    if let Some(file) = target
        .ancestors()
        .skip(1)
        .find(|a| a.exists())
        .filter(|a| !a.is_dir())
    {
        return Err(Error::usage(
            format!(
                "the output folder {} would be inside {}, which is a file, not a folder",
                target.display(),
                file.display()
            ),
            "choose another `--out` or `[build] build-dir`, or move the file away",
        ));
    }
    let foreign = target.is_dir()
        && !target.join(MARKER).is_file()
        && std::fs::read_dir(target)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false);
    if foreign {
        return Err(Error::usage(
            format!("{} exists and was not built by rfcbook", target.display()),
            "rfcbook replaces its output folder whole: choose a new or empty folder, or remove this one",
        ));
    }
    Ok(())
}

/// Everything the site depends on: the archive's files (`sources`, see `stamp`), the
/// theme, today's date (ages on the home page) and the version of rfcbook.
fn inputs(config: &Config, theme: &Theme, today: Date, sources: u64) -> u64 {
    let mut f = Fingerprint::default();
    // book.toml is among the sources; `--site-url` is not.
    f.add(config.html.site_url.as_bytes());
    f.add(env!("CARGO_PKG_VERSION").as_bytes());
    // The program is an input too: a build of the same version from newer sources (or
    // `cargo install --git`) renders differently and must not find its old site up to
    // date.
    if let Ok(exe) = std::env::current_exe() {
        f.add(&crate::stamp::file(&exe));
    }
    f.add(today.to_string().as_bytes());
    f.add(&theme.fingerprint.to_le_bytes());
    f.add(&sources.to_le_bytes());
    f.finish()
}

/// What the marker file says: the same in every site, since the same input must give
/// byte-identical files (the fingerprint of a build, which depends on file times and
/// paths, is kept in the archive's cache instead: [`record_stamp`]).
const MARKER_TEXT: &str =
    "This folder is a site built by rfcbook: `rfcbook build` replaces it whole.\n";

/// The stamp of a build: the fingerprint of all inputs and of the site it made (its
/// marker, as written: a site restored from git, or another archive's built into the same
/// folder, has another; and its files by path and length, so that a site changed by hand
/// is built again), then the archive files the site copied (which may live outside the
/// source folder), so that a change to one of them is seen.
fn stamp(root: &Path, target: &Path, base: u64, contents: u64, assets: &[String]) -> String {
    let mut text = format!(
        "{:016x}\n",
        with_assets(
            root,
            target,
            base,
            contents,
            assets.iter().map(String::as_str)
        )
    );
    for asset in assets {
        text.push_str(asset);
        text.push('\n');
    }
    text
}

/// Where the stamp of the site in `target` is kept: in the archive's cache (`.rfcbook/`,
/// which git ignores), one file per output folder.
/// The stamp recorded for the site `config` builds, as the last build to write it left
/// it: `serve` compares it with its own last build's, to see a site another process
/// (`rfcbook build` beside it) has built meanwhile.
pub(super) fn recorded_stamp(config: &Config) -> Option<String> {
    let target = crate::output::resolved(&config.build_dir);
    std::fs::read_to_string(stamp_path(&config.root, &target)).ok()
}

fn stamp_path(root: &Path, target: &Path) -> std::path::PathBuf {
    let mut f = Fingerprint::default();
    f.add(target.as_os_str().as_encoded_bytes());
    root.join(".rfcbook")
        .join("builds")
        .join(format!("{:016x}", f.finish()))
}

/// Keeps the stamp for the next build to compare with. It is only a cache: a folder that
/// cannot be written (a read-only checkout) costs the next build its shortcut, not the
/// build, and a cache folder that is a link is not written through.
fn record_stamp(root: &Path, target: &Path, stamp: &str) {
    let cache = root.join(".rfcbook");
    if cache.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
        return;
    }
    let path = stamp_path(root, target);
    if let Some(folder) = path.parent()
        && std::fs::create_dir_all(folder).is_ok()
    {
        let ignore = cache.join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(ignore, "*\n");
        }
        let _ = std::fs::write(path, stamp);
    }
}

fn with_assets<'a>(
    root: &Path,
    target: &Path,
    base: u64,
    contents: u64,
    assets: impl Iterator<Item = &'a str>,
) -> u64 {
    let mut f = Fingerprint::default();
    f.add(&base.to_le_bytes());
    f.add(&contents.to_le_bytes());
    f.add(&crate::stamp::file(&target.join(MARKER)));
    for asset in assets {
        f.add(asset.as_bytes());
        f.add(&crate::stamp::file(&root.join(asset)));
    }
    f.finish()
}

fn up_to_date(root: &Path, target: &Path, base: u64) -> bool {
    let Ok(text) = std::fs::read_to_string(stamp_path(root, target)) else {
        return false;
    };
    let mut lines = text.lines();
    let recorded = lines.next().unwrap_or("");
    let contents = crate::output::contents_of(target);
    recorded == format!("{:016x}", with_assets(root, target, base, contents, lines))
}

/// A one-line progress bar on a terminal for a step that goes through the RFCs one by one
/// (reading them, rendering their pages); silent otherwise, and for an archive of fewer
/// than 200 RFCs, which is done before a bar could be read.
struct Progress {
    label: &'static str,
    enabled: bool,
    /// One more than the percentage last drawn; 0 until the bar is first drawn.
    shown: AtomicUsize,
}

impl Progress {
    fn new(label: &'static str, quiet: bool) -> Progress {
        Progress {
            label,
            enabled: !quiet
                && std::io::stderr().is_terminal()
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb"),
            shown: AtomicUsize::new(0),
        }
    }

    fn tick(&self, done: usize, total: usize) {
        if !self.enabled || total < 200 {
            return;
        }
        let percent = done.min(total) * 100 / total;
        if self.shown.fetch_max(percent + 1, Ordering::Relaxed) > percent {
            return;
        }
        let bar = "#".repeat(percent / 4) + &" ".repeat(25 - percent / 4);
        let _ = write!(
            std::io::stderr(),
            "\r  {:<9} [{bar}] {done}/{total}",
            self.label
        );
    }

    /// Clears the bar's line, for what is printed next.
    fn finish(&self) {
        if self.shown.load(Ordering::Relaxed) > 0 {
            let _ = write!(std::io::stderr(), "\r{}\r", " ".repeat(60));
        }
    }
}

/// The files RFCs link to that the site is made from: those copied and those rendered
/// into pages (rfcs/0035). A change to either is a change to the site.
fn inputs_linked(site: &render::Site) -> Vec<String> {
    let mut linked: Vec<String> = site.assets.iter().chain(&site.documents).cloned().collect();
    linked.sort();
    linked
}
