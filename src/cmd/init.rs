//! `rfcbook init [DIR]`: a new archive with a config, a template, a first RFC and a CI
//! workflow; with `--theme` and `--github-pages`, a theme to edit and a workflow that
//! publishes the site, beside a new archive or in an existing one. Nothing is
//! overwritten: if any file exists, nothing is written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Args, InitArgs};
use crate::error::{Error, Result};
use crate::terminal;

const BOOK_TOML: &str = include_str!("init_files/book.toml");
const TEMPLATE: &str = crate::config::DEFAULT_TEMPLATE;
const FIRST_RFC: &str = include_str!("init_files/0001-record-decisions-as-rfcs.md");
const WORKFLOW: &str = include_str!("init_files/rfcs.yml");
const PAGES_WORKFLOW: &str = include_str!("init_files/rfcs-pages.yml");
/// Where `init --github-pages` writes its workflow, from the archive root.
const PAGES_WORKFLOW_FILE: &str = ".github/workflows/rfcs-pages.yml";
/// Where `init --theme` writes the default theme, from the archive root.
const THEME_DIR: &str = "themes/custom";
/// Lines `.gitignore` needs: the built site and the search cache are outputs.
const IGNORED: [&str; 2] = ["/site/", "/.rfcbook/"];

pub(super) fn run(args: &Args, init: &InitArgs) -> Result<ExitCode> {
    // `init DIR`, or `--root DIR init` as every other command takes its folder.
    let cwd = super::current_dir()?;
    let dir = match (&init.dir, &args.root) {
        (Some(dir), Some(root)) if cwd.join(dir) != cwd.join(root) => {
            return Err(Error::usage(
                format!(
                    "init was given two folders: {} and --root {}",
                    dir.display(),
                    root.display()
                ),
                "give the folder once, as `rfcbook init DIR`",
            ));
        }
        (Some(dir), _) | (None, Some(dir)) => crate::output::lexical(&cwd.join(dir)),
        // A theme or a workflow is added to the archive one is in, found as every other
        // command finds it.
        (None, None) if init.theme || init.github_pages => crate::config::find_root(&cwd, None),
        (None, None) => cwd.clone(),
    };
    // An archive inside another would be read by the outer one as RFCs of its own.
    if let Some(outer) = dir
        .ancestors()
        .skip(1)
        .find(|d| d.join(crate::config::CONFIG_FILE).is_file())
    {
        return Err(Error::usage(
            format!(
                "{} is inside the RFC archive in {}",
                dir.display(),
                outer.display()
            ),
            "use that archive (`rfcbook new \"Title\"` adds an RFC to it), or run init outside it",
        ));
    }
    let existing = dir.join(crate::config::CONFIG_FILE).is_file();
    // Both are made, and checked for files in the way, before either is written.
    let theme = init.theme.then(|| theme_files(&dir)).transpose()?;
    let pages = init
        .github_pages
        .then(|| pages_workflow(&dir, existing))
        .transpose()?;
    if existing && (theme.is_some() || pages.is_some()) {
        if let Some(files) = &theme {
            write_theme(args, files, true)?;
        }
        if let Some(pages) = &pages {
            write_pages(args, pages)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let today = super::today()?;
    let author = super::new::git_author()
        .map(|a| super::new::yaml_string(&a))
        .unwrap_or_else(|| "\"Your Name <you@example.com>\"".into());
    let first = FIRST_RFC
        .replace("{{author}}", &author)
        .replace("{{created}}", &today.to_string());
    // RFCs already in the folder keep their numbers: the example would be a second 1.
    let has_rfcs = has_markdown(&dir.join("rfcs"));
    let book_toml = if theme.is_some() {
        format!("{BOOK_TOML}\n[output.html]\ntheme = \"{THEME_DIR}\"\n")
    } else {
        BOOK_TOML.to_string()
    };
    let mut files: Vec<(PathBuf, String)> = vec![
        (dir.join("book.toml"), book_toml),
        (dir.join("rfcs/template.md"), TEMPLATE.to_string()),
        (dir.join(".github/workflows/rfcs.yml"), WORKFLOW.to_string()),
    ];
    if !has_rfcs {
        files.push((dir.join("rfcs/0001-record-decisions-as-rfcs.md"), first));
    }
    const HELP: &str =
        "init writes nothing over existing files: run it in an empty folder, or remove the file";
    // `symlink_metadata`: a dangling link is there too, and would be written through.
    if let Some((path, _)) = files.iter().find(|(p, _)| p.symlink_metadata().is_ok()) {
        return Err(Error::AlreadyExists {
            path: path.clone(),
            help: HELP.into(),
        });
    }
    for (path, text) in &files {
        super::write_new(path, text, HELP)?;
    }
    if let Some(theme) = &theme {
        write_theme(args, theme, false)?;
    }
    if let Some(pages) = &pages {
        write_pages(args, pages)?;
    }
    if let Some(note) = update_gitignore(&dir.join(".gitignore"))? {
        terminal::note(args.quiet, &note);
    }
    if has_rfcs {
        terminal::note(
            args.quiet,
            "note: rfcs/ has Markdown files already, so no example RFC was written; \
             `rfcbook check` tells what they need",
        );
    }
    // The next commands find the archive from where they run: from elsewhere, `cd` first.
    let go = if dir == cwd {
        String::new()
    } else {
        let shown = dir.strip_prefix(&cwd).unwrap_or(&dir);
        format!("`cd {}`, then ", shown.display())
    };
    terminal::note(
        args.quiet,
        &format!(
            "created an RFC archive in {}\n  next: {go}`rfcbook new \"Your first decision\"`, then `rfcbook check`",
            dir.display()
        ),
    );
    Ok(ExitCode::SUCCESS)
}

/// The default theme's files at their place in `dir`'s theme folder, which must not
/// exist yet: a theme being edited is never overwritten.
fn theme_files(dir: &Path) -> Result<Vec<(PathBuf, &'static str)>> {
    let folder = dir.join(THEME_DIR);
    if folder.symlink_metadata().is_ok() {
        return Err(Error::AlreadyExists {
            path: folder,
            help: "init writes nothing over existing files: move the folder away to get a fresh copy of the default theme".into(),
        });
    }
    Ok(crate::render::theme::default_files()
        .iter()
        .map(|(name, text)| (folder.join(name), *text))
        .collect())
}

/// The publishing workflow for the archive in `dir`: it builds on the branch checked out
/// there (else git's default for new repositories, else `main`) and watches the archive's
/// source folder, which an existing archive's book.toml names.
fn pages_workflow(dir: &Path, existing: bool) -> Result<Pages> {
    let path = dir.join(PAGES_WORKFLOW_FILE);
    if path.symlink_metadata().is_ok() {
        return Err(Error::AlreadyExists {
            path,
            help: "init writes nothing over existing files: remove or rename the workflow to get a fresh one".into(),
        });
    }
    let src = if existing {
        let config = crate::config::Config::load(dir)?;
        crate::discover::relative(dir, &config.src)
    } else {
        "rfcs".to_string()
    };
    let watched = if src.is_empty() {
        "**".to_string()
    } else {
        format!("{src}/**")
    };
    let branch = current_branch(dir);
    // A JSON string is a YAML string in double quotes, whatever it holds.
    let quoted = |text: &str| serde_json::Value::from(text).to_string();
    let text = PAGES_WORKFLOW
        .replace("\"{{src}}/**\"", &quoted(&watched))
        .replace("\"{{branch}}\"", &quoted(&branch))
        .replace("{{branch}}", &branch);
    Ok(Pages { path, text, branch })
}

/// A publishing workflow to write, and the branch it publishes.
struct Pages {
    path: PathBuf,
    text: String,
    branch: String,
}

/// The branch checked out in `dir`, else the one git gives new repositories, else `main`.
fn current_branch(dir: &Path) -> String {
    use super::new::git;
    dir.is_dir()
        .then(|| git(Some(dir), &["symbolic-ref", "--quiet", "--short", "HEAD"]))
        .flatten()
        .or_else(|| git(None, &["config", "--get", "init.defaultBranch"]))
        .unwrap_or_else(|| "main".to_string())
}

/// Writes the publishing workflow, and says what GitHub needs once.
fn write_pages(args: &Args, pages: &Pages) -> Result<()> {
    super::write_new(
        &pages.path,
        &pages.text,
        "init writes nothing over existing files: remove or rename the workflow to get a fresh one",
    )?;
    terminal::note(
        args.quiet,
        &format!(
            "wrote {PAGES_WORKFLOW_FILE}: it publishes the site on GitHub Pages each time `{}` changes\n  \
             once, in the repository's settings: Pages > Build and deployment > Source: GitHub Actions",
            terminal::clean(&pages.branch)
        ),
    );
    Ok(())
}

/// Writes the default theme, and says how to use it.
fn write_theme(args: &Args, files: &[(PathBuf, &str)], alone: bool) -> Result<ExitCode> {
    const HELP: &str = "init writes nothing over existing files: move the folder away to get a fresh copy of the default theme";
    for (path, text) in files {
        super::write_new(path, text, HELP)?;
    }
    let enable = if alone {
        format!("\n  to use it, add to book.toml:\n    [output.html]\n    theme = \"{THEME_DIR}\"")
    } else {
        String::new()
    };
    terminal::note(
        args.quiet,
        &format!(
            "wrote the default theme into {THEME_DIR}/ (templates/ and static/){enable}\n  \
             keep only the files you change: the others then follow rfcbook's own as it improves"
        ),
    );
    Ok(ExitCode::SUCCESS)
}

/// Whether a folder holds Markdown files other than those that are not RFCs.
fn has_markdown(dir: &Path) -> bool {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .any(|e| {
            let name = e.file_name().to_string_lossy().to_ascii_lowercase();
            e.file_type().is_file()
                && name.ends_with(".md")
                && !["readme.md", "summary.md", "template.md"].contains(&name.as_str())
        })
}

/// Adds the output folders to `.gitignore`, keeping whatever it already says. A
/// `.gitignore` that is a symbolic link is left alone, with a note on what to add: git does
/// not follow it, and writing through it would change (or create) a file elsewhere.
fn update_gitignore(path: &Path) -> Result<Option<String>> {
    if path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Ok(Some(format!(
            "note: {} is a symbolic link, which git does not follow, so it was left alone; \
             add {} to the repository's ignore rules yourself",
            path.display(),
            IGNORED.map(|l| format!("`{l}`")).join(" and ")
        )));
    }
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    let missing: Vec<&str> = IGNORED
        .iter()
        .copied()
        .filter(|line| !existing.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        return Ok(None);
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(path, text).map_err(|e| Error::io("write", path, e))?;
    Ok(None)
}
