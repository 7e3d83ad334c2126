//! `rfcbook serve`: build, serve the site on localhost, and on every saved change build
//! again and reload the open pages (rfcs/0016). While the archive has errors the pages
//! show them; the site in the output folder stays the last one that built.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::build::{self, Lifetime, Outcome};
use crate::cli::{Args, ServeArgs};
use crate::config::Config;
use crate::diagnostic::{self, Format};
use crate::error::{Displayed, Error, Result};
use crate::serve::Server;
use crate::terminal;

/// How long the files must be quiet before a build starts: an editor's save is several
/// events (write, rename, attributes) within a few milliseconds, and a `git checkout`
/// many more; one build follows them all.
const SETTLE: Duration = Duration::from_millis(80);

/// The longest a stream of changes can put a build off.
const MAX_WAIT: Duration = Duration::from_secs(2);

pub(super) fn run(args: &Args, serve: &ServeArgs) -> Result<ExitCode> {
    let mut config = super::load_config(args)?;
    let cwd = super::current_dir()?;
    let site = config.build_dir.clone();
    let root = config.root.clone();
    let own = own_outputs();
    // Listen first: a port in use is found before a build that would be wasted.
    let prefix = config.html.site_path();
    let server = Server::bind(&serve.host, serve.port, site.clone(), prefix.clone())?;
    let address = server.address()?;
    let shared = server.shared();
    // Watch before the first build, so that no save is missed between the two.
    let (sender, events) = std::sync::mpsc::channel();
    let watching = notify::recommended_watcher(move |event| {
        let _ = sender.send(event);
    })
    .map_err(|e| Error::Watch {
        path: config.root.clone(),
        message: e.to_string(),
    })
    .and_then(|mut watcher| Ok((watch(&mut watcher, &config, &[])?, watcher)));
    // A first build that cannot run at all (a missing source folder, a folder that cannot
    // be written) ends the command, as `build` would, and says why before any trouble with
    // watching; errors in RFCs, and a theme being written, are shown in the pages instead.
    let mut failure = match build::publish(&config, args.quiet, color(args), Lifetime::Lasting) {
        Ok(Outcome::Refused(errors)) => Some(report_refusal(args, &errors, &cwd, &site)),
        Ok(Outcome::UpToDate | Outcome::Built | Outcome::Unchanged) => {
            let _ = shared.published(&config);
            None
        }
        Err(e) if e.stop_code() == crate::error::StopCode::Theme => {
            terminal::eprint_error(&e, color(args));
            Some(shown(&e, &cwd))
        }
        Err(e) => return Err(e),
    };
    let (mut watched, mut watcher) = watching?;
    // The site as this server last saw it built: a `rfcbook build` run beside it writes
    // the same folder and leaves the next build of ours nothing to do, yet the open pages
    // must reload, and a new site-url be served.
    let mut seen = build::recorded_stamp(&config);
    shared.finished(failure.clone());
    server.spawn();
    let url = format!("http://{address}{prefix}");
    terminal::print(&format!("serving {url} (Ctrl-C to stop)\n"))?;
    if !address.ip().is_loopback() {
        terminal::note(
            false,
            &format!(
                "warning: listening on {}: other machines can read the site",
                address.ip()
            ),
        );
    }
    if serve.open {
        super::open_in_browser(&url, super::Opener::Aside);
    }
    loop {
        let changed = next_change(&events, &config, &site, &own)?;
        // A watched folder that was itself moved away or replaced (a branch switch, a
        // restore) is watched afresh: the old watch followed the folder that went away.
        for (path, mode) in &watched {
            if changed.contains(path) {
                let _ = watcher.unwatch(path);
                let _ = watcher.watch(path, *mode);
            }
        }
        // The configuration is read again before every build, from the root served from
        // the start: a book.toml that went wrong stays the error until it is put right
        // (an RFC saved meanwhile built with the old one, and the error page went away),
        // one that went away leaves the defaults (a parent folder's archive was served
        // instead, for good), and a theme folder that went away is said to be missing.
        match Config::load(&root) {
            Ok(mut fresh) => {
                // The server keeps handing out the folder it started with.
                fresh.build_dir = site.clone();
                config = fresh;
            }
            Err(e) => {
                let text = shown(&e, &cwd);
                terminal::eprint_error(&e, color(args));
                if failure.as_deref() != Some(&text) {
                    failure = Some(text);
                    shared.finished(failure.clone());
                }
                // Watched as the last good configuration says, so that a folder it names
                // is seen coming back.
                if let Ok(now) = watch(&mut watcher, &config, &watched) {
                    watched = now;
                }
                continue;
            }
        }
        // A folder book.toml names may have come into being (or gone) since: a half-typed
        // `src` is shown as the build's error, and watched once it exists.
        match watch(&mut watcher, &config, &watched) {
            Ok(now) => watched = now,
            Err(e) => {
                terminal::eprint_error(&e, color(args));
                failure = Some(shown(&e, &cwd));
                shared.finished(failure.clone());
                continue;
            }
        }
        let (outcome, now) =
            match build::publish(&config, args.quiet, color(args), Lifetime::Lasting) {
                Ok(Outcome::Refused(errors)) => {
                    (None, Some(report_refusal(args, &errors, &cwd, &site)))
                }
                Ok(outcome) => (Some(outcome), None),
                Err(e) => {
                    terminal::eprint_error(&e, color(args));
                    (None, Some(shown(&e, &cwd)))
                }
            };
        let stamp = build::recorded_stamp(&config);
        let outcome = match outcome {
            Some(Outcome::UpToDate) if stamp != seen => Some(Outcome::Built),
            other => other,
        };
        seen = stamp;
        // Pages reload when there is something new to show: a new site, new errors, or
        // the errors gone.
        if matches!(outcome, Some(Outcome::Built))
            && let Some(path) = shared.published(&config)
        {
            terminal::print(&format!(
                "site-url changed: serving http://{address}{path} now\n"
            ))?;
        }
        if matches!(outcome, Some(Outcome::Built)) || now != failure {
            failure = now;
            shared.finished(failure.clone());
        }
    }
}

fn color(args: &Args) -> bool {
    terminal::color_enabled(args.color, terminal::Stream::Stderr)
}

/// Prints a refused build's errors as `build` does, and returns them as the pages show
/// them (no color).
fn report_refusal(args: &Args, errors: &diagnostic::Report, cwd: &Path, site: &Path) -> String {
    let refusal = build::refusal(errors, cwd, site);
    eprint!(
        "{}",
        diagnostic::render(errors, Format::Human, color(args), args.quiet)
    );
    terminal::note(false, &refusal);
    format!(
        "{}{refusal}\n",
        diagnostic::render(errors, Format::Human, false, false)
    )
}

/// Watches what a build reads: the archive root's own files (book.toml), the source
/// folder and a theme folder of the user's, and the nearest folder above each that
/// exists, which sees it go (moved away to be moved back) and come. Returns the folders
/// watched now, after letting go of those in `before` that are no longer needed.
fn watch(
    watcher: &mut impl Watcher,
    config: &Config,
    before: &[(PathBuf, RecursiveMode)],
) -> Result<Vec<(PathBuf, RecursiveMode)>> {
    let mut wanted: Vec<(PathBuf, RecursiveMode)> = Vec::new();
    let folders = [
        (config.root.clone(), RecursiveMode::NonRecursive),
        (config.src.clone(), RecursiveMode::Recursive),
    ];
    let theme = config
        .html
        .theme
        .clone()
        .map(|t| (t, RecursiveMode::Recursive));
    // The team's template may sit outside the source folder (rfcs/0033).
    let template = config
        .template
        .as_ref()
        .and_then(|t| t.parent())
        .map(|folder| (folder.to_path_buf(), RecursiveMode::NonRecursive));
    for (path, mode) in folders.into_iter().chain(theme).chain(template) {
        let path = &path;
        // The folder above too, which alone sees the folder itself moved away (the
        // root's own is not: serve goes on serving the root it started with).
        let above = (*path != config.root)
            .then(|| path.ancestors().skip(1).find(|a| a.is_dir()))
            .flatten();
        let above = above.map(|a| (a.to_path_buf(), RecursiveMode::NonRecursive));
        let this = path.is_dir().then(|| (path.clone(), mode));
        for watch in this.into_iter().chain(above) {
            // One watch per folder, recursive if any wants it (`src = "."` is the root
            // too: its non-recursive watch let edits in sub-folders go unseen).
            match wanted.iter_mut().find(|w| w.0 == watch.0) {
                Some(w) if watch.1 == RecursiveMode::Recursive => w.1 = watch.1,
                Some(_) => {}
                None => wanted.push(watch),
            }
        }
    }
    for old in before {
        if !wanted.contains(old) {
            let _ = watcher.unwatch(&old.0);
        }
    }
    for (path, mode) in &wanted {
        if !before.contains(&(path.clone(), *mode)) {
            watcher.watch(path, *mode).map_err(|e| Error::Watch {
                path: path.clone(),
                message: e.to_string(),
            })?;
        }
    }
    Ok(wanted)
}

/// Waits for a change a build could see, then for the files to settle; returns the
/// changed paths.
fn next_change(
    events: &Receiver<notify::Result<notify::Event>>,
    config: &Config,
    site: &Path,
    own: &[PathBuf],
) -> Result<Vec<PathBuf>> {
    let mut changed = Vec::new();
    let mut first: Option<Instant> = None;
    loop {
        let timeout = match first {
            None => Duration::from_secs(3600),
            Some(t) if t.elapsed() >= MAX_WAIT => return Ok(changed),
            Some(_) => SETTLE,
        };
        match events.recv_timeout(timeout) {
            Ok(Ok(event)) => {
                let before = changed.len();
                changed.extend(
                    event
                        .paths
                        .into_iter()
                        .filter(|p| is_input(&event.kind, p, config, site) && !is_own(p, own)),
                );
                if changed.len() > before && first.is_none() {
                    first = Some(Instant::now());
                }
            }
            // An overflowing event queue loses events: build to be sure.
            Ok(Err(_)) => {
                first.get_or_insert_with(Instant::now);
                changed.push(config.src.clone());
            }
            Err(RecvTimeoutError::Timeout) if first.is_some() => return Ok(changed),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(Error::Watch {
                    path: config.root.clone(),
                    message: "the watcher stopped".into(),
                });
            }
        }
    }
}

/// Whether a change to `path` can change the site: not a read, not inside the output
/// folder; the template, wherever it is; in the source or theme folder, no hidden file
/// or folder (.git, editors' swap files) below it; elsewhere only book.toml and a folder
/// on the way to the source or theme folder (coming or going). Any other file beside
/// book.toml is none (`serve > serve.log` rebuilt the site on every line it logged, for
/// ever).
fn is_input(kind: &EventKind, path: &Path, config: &Config, site: &Path) -> bool {
    if matches!(kind, EventKind::Access(_)) || path.starts_with(site) {
        return false;
    }
    // Before the hidden-folder rule: with `src = "."` a team's template in `.github/` is
    // below the source folder, and a new prompt in it applies from the next build.
    if *path == config.template_path() {
        return true;
    }
    let folders = [Some(&config.src), config.html.theme.as_ref()];
    if let Some(below) = folders
        .into_iter()
        .flatten()
        .find_map(|base| path.strip_prefix(base).ok())
    {
        return !below
            .components()
            .any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')));
    }
    *path == config.root.join(crate::config::CONFIG_FILE)
        || *path == config.template_path()
        || folders.into_iter().flatten().any(|f| f.starts_with(path))
}

/// The files this process writes its output to (`serve > serve.log`, `nohup.out`), where
/// the system says (Linux): in a source folder that is the archive's root (`src = "."`),
/// each line logged was a change, and the site was built again for ever.
fn own_outputs() -> Vec<PathBuf> {
    ["/proc/self/fd/1", "/proc/self/fd/2"]
        .iter()
        .filter_map(|fd| std::fs::read_link(fd).ok())
        .filter(|p| p.is_file())
        .filter_map(|p| p.canonicalize().ok())
        .collect()
}

/// Whether `path` is one of [`own_outputs`]; the name is compared first, so that most
/// changes cost no system call.
fn is_own(path: &Path, own: &[PathBuf]) -> bool {
    own.iter()
        .any(|o| o.file_name() == path.file_name() && path.canonicalize().is_ok_and(|p| p == *o))
}

/// An error as a failure page shows it: as on the terminal, with its line and caret
/// when it has a place in a file (a bad book.toml), without colour.
fn shown(e: &crate::error::Error, cwd: &Path) -> String {
    crate::diagnostic::stop::human(e, false, cwd).unwrap_or_else(|| Displayed(e).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_files_reads_and_the_site_are_no_inputs() {
        let root = PathBuf::from("/home/u/.work/archive");
        let config = Config::default_for(&root);
        let site = root.join("site");
        let modify = EventKind::Modify(notify::event::ModifyKind::Any);
        let read = EventKind::Access(notify::event::AccessKind::Any);
        let rfc = root.join("rfcs/0001-a.md");
        assert!(is_input(&modify, &rfc, &config, &site));
        assert!(is_input(&modify, &root.join("book.toml"), &config, &site));
        assert!(!is_input(&read, &rfc, &config, &site));
        assert!(!is_input(&modify, &site.join("index.html"), &config, &site));
        assert!(!is_input(
            &modify,
            &root.join("rfcs/.0001-a.md.swp"),
            &config,
            &site
        ));
        assert!(!is_input(
            &modify,
            &root.join(".site.rfcbook-new-1/x.html"),
            &config,
            &site
        ));
        // Beside book.toml, only what leads to the source folder.
        assert!(!is_input(&modify, &root.join("serve.log"), &config, &site));
        assert!(!is_input(&modify, &root.join("notes"), &config, &site));
        assert!(is_input(&modify, &root.join("rfcs"), &config, &site));
    }
}
