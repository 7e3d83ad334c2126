//! `rfcbook init [DIR]`: a new archive with a config, a template, a first RFC and a CI
//! workflow; with `--theme` and `--github-pages`, a theme to edit and a workflow that
//! publishes the site, beside a new archive or in an existing one. Beside decision
//! records kept in a folder of their own, the book.toml reads them instead (rfcs/0032).
//! Nothing is overwritten: if any file exists, nothing is written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::adopt;
use crate::cli::{Args, InitArgs};
use crate::diagnostic::Code;
use crate::error::{Error, Result};
use crate::terminal;

const BOOK_TOML: &str = include_str!("init_files/book.toml");
const TEMPLATE: &str = crate::config::DEFAULT_TEMPLATE;
const FIRST_RFC: &str = include_str!("init_files/0001-record-decisions-as-rfcs.md");
const WORKFLOW: &str = include_str!("init_files/rfcs.yml");
const PAGES_WORKFLOW: &str = include_str!("init_files/rfcs-pages.yml");
/// Where init writes its workflows, from the repository's top. A repository publishes one
/// site, so the one that publishes has one name; the one that checks is named after an
/// archive in a subfolder (`rfcs-docs-rfcs.yml`), so that a second archive gets its own.
const CHECK_WORKFLOW_FILE: &str = ".github/workflows/rfcs.yml";
const PAGES_WORKFLOW_FILE: &str = ".github/workflows/rfcs-pages.yml";
/// Where `init --theme` writes the default theme, from the archive root.
const THEME_DIR: &str = "themes/custom";
/// Lines `.gitignore` needs: the built site and the search cache are outputs, and so is
/// a build's staging folder beside the site, left behind when `serve` or `build` is
/// stopped with Ctrl-C halfway (the next build removes it).
const IGNORED: [&str; 3] = ["/site/", "/.rfcbook/", "/.site.rfcbook-*/"];

/// What init says when a file it would write is there already.
const EXISTS: &str =
    "init writes nothing over existing files: run it in an empty folder, or remove the file";

pub(super) fn run(args: &Args, init: &InitArgs) -> Result<ExitCode> {
    let cwd = super::current_dir()?;
    let dir = archive_dir(args, init, &cwd)?;
    let existing = dir.join(crate::config::CONFIG_FILE).is_file();
    let repository = Repository::of(&dir);
    // Records kept elsewhere, and no rfcs/ of RFCs: a new archive is those records, read
    // as they are written (rfcs/0032).
    let found = if existing { None } else { adopt::find(&dir) };
    let has_rfcs = has_markdown(&dir.join("rfcs"));
    let adopted = found.as_ref().filter(|_| !has_rfcs);
    // Both are made, and checked for files in the way, before either is written.
    let theme = init.theme.then(|| theme_files(&dir)).transpose()?;
    let pages = init
        .github_pages
        .then(|| pages_workflow(&dir, existing, adopted, &repository))
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
    let found = Found {
        records: found.as_ref(),
        has_rfcs,
    };
    create(
        args,
        &dir,
        &cwd,
        &repository,
        &found,
        theme.as_deref(),
        pages.as_ref(),
    )
}

/// What init found in the folder before writing: decision records kept elsewhere, and
/// whether rfcs/ has RFCs of its own.
struct Found<'a> {
    records: Option<&'a adopt::Records>,
    has_rfcs: bool,
}

impl<'a> Found<'a> {
    /// The records the new archive reads: those found, when rfcs/ has no RFCs.
    fn adopted(&self) -> Option<&'a adopt::Records> {
        self.records.filter(|_| !self.has_rfcs)
    }
}

/// The path filter of a workflow for the source folder `src` (from the archive root).
fn source_glob(src: &str) -> String {
    if src.is_empty() || src == "." {
        "**".to_string()
    } else {
        format!("{}/**", glob_literal(src))
    }
}

/// The folder of the archive: `init DIR`, or `--root DIR init` as every other command
/// takes its folder, or where one is. Never inside another archive.
fn archive_dir(args: &Args, init: &InitArgs, cwd: &Path) -> Result<PathBuf> {
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
        (None, None) if init.theme || init.github_pages => crate::config::find_root(cwd, None),
        (None, None) => cwd.to_path_buf(),
    };
    // An archive inside another's RFC folder would be read by the outer one as RFCs of
    // its own. An archive that exists already (a theme or a workflow added to it) is
    // where it is; and a book.toml above whose source folder is elsewhere (an mdBook at
    // the repository's top, with `src = "src"`) is no reason to refuse.
    let exists = dir.join(crate::config::CONFIG_FILE).is_file();
    if !exists
        && let Some(outer) = dir
            .ancestors()
            .skip(1)
            .find(|d| d.join(crate::config::CONFIG_FILE).is_file())
        && dir.starts_with(outer.join(source_folder(outer)))
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
    Ok(dir)
}

/// The source folder `outer`'s book.toml names (`[book] src`, rfcbook's default `rfcs`),
/// read leniently: the file may be another tool's.
fn source_folder(outer: &Path) -> PathBuf {
    std::fs::read_to_string(outer.join(crate::config::CONFIG_FILE))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|table| {
            let src = table.get("book")?.get("src")?.as_str()?.to_string();
            Some(PathBuf::from(src))
        })
        .unwrap_or_else(|| PathBuf::from("rfcs"))
}

/// A new archive in `dir`: its files, and the theme and publishing workflow if asked for.
fn create(
    args: &Args,
    dir: &Path,
    cwd: &Path,
    repository: &Repository,
    found: &Found<'_>,
    theme: Option<&[(PathBuf, &'static str)]>,
    pages: Option<&Pages>,
) -> Result<ExitCode> {
    let today = super::today()?;
    let author = super::new::git_author(dir)
        .map(|a| super::new::yaml_string(&a))
        .unwrap_or_else(|| "\"Your Name <you@example.com>\"".into());
    let first = FIRST_RFC
        .replace("{{author}}", &author)
        .replace("{{created}}", &today.to_string());
    // RFCs already in the folder keep their numbers: the example would be a second 1.
    let (has_rfcs, adopted) = (found.has_rfcs, found.adopted());
    // With the requirements left out, as the records are written.
    let adoption = adopted.map(|records| (records, records.book_toml(dir, BOOK_TOML)));
    let mut book_toml = adoption.as_ref().map_or_else(
        || BOOK_TOML.to_string(),
        |(_, learned)| learned.text.clone(),
    );
    if theme.is_some() {
        book_toml = format!("{book_toml}\n[output.html]\ntheme = \"{THEME_DIR}\"\n");
    }
    let src = adopted.map_or("rfcs", |r| r.folder.as_str());
    let mut watched = [source_glob(src), "themes/**".into(), "book.toml".into()]
        .map(|p| repository.path(&p))
        .to_vec();
    watched.push(repository.check_workflow());
    let workflow = WORKFLOW
        .replace("{{paths}}", &yaml_list(&watched))
        .replace("{{root}}", &repository.root_arg());
    let mut files: Vec<(PathBuf, String)> = vec![
        (dir.join("book.toml"), book_toml),
        (repository.top.join(repository.check_workflow()), workflow),
    ];
    // An adopted archive has a way of writing records already; `new` follows
    // `{src}/template.md` once the team writes one, and rfcbook's until then.
    if adopted.is_none() {
        files.push((dir.join("rfcs/template.md"), TEMPLATE.to_string()));
    }
    if !has_rfcs && adopted.is_none() {
        files.push((dir.join("rfcs/0001-record-decisions-as-rfcs.md"), first));
    }
    // A file there already as init would write it (the workflow of an init whose
    // book.toml was removed to start again) is left as it is: nothing is lost.
    files.retain(|(path, text)| {
        let regular = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_file());
        !(regular && std::fs::read(path).is_ok_and(|bytes| bytes == text.as_bytes()))
    });
    // `symlink_metadata`: a dangling link is there too, and would be written through.
    if let Some((path, _)) = files.iter().find(|(p, _)| p.symlink_metadata().is_ok()) {
        return Err(Error::AlreadyExists {
            path: path.clone(),
            help: EXISTS.into(),
        });
    }
    for (path, text) in &files {
        super::write_new(path, text, EXISTS)?;
    }
    if let Some(theme) = theme {
        write_theme(args, theme, false)?;
    }
    if let Some(pages) = pages {
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
    if let (Some(records), None) = (found.records, adopted) {
        terminal::note(args.quiet, &records.note());
    }
    // The next commands find the archive from where they run: from elsewhere, `cd` first.
    let go = if dir == cwd {
        String::new()
    } else {
        let shown = dir.strip_prefix(cwd).unwrap_or(dir);
        format!("`cd {}`, then ", shell_word(&shown.display().to_string()))
    };
    // Written outside the folder named: say where.
    let workflow = if repository.rel.is_empty() {
        String::new()
    } else {
        format!(
            "\n  its workflow is {} at the top of the repository, {}, where GitHub reads workflows",
            repository.check_workflow(),
            repository.top.display()
        )
    };
    let made = match adoption {
        Some((records, learned)) => {
            let mut left_out = if learned.dropped.is_empty() {
                String::new()
            } else {
                let who = if records.count == 1 {
                    "the record does"
                } else {
                    "most of them do"
                };
                format!(
                    "; not required, as {who} without: {}",
                    learned.dropped.join(", ")
                )
            };
            if !learned.optional.is_empty() {
                left_out.push_str(&format!(
                    "; not required, as the team's template marks them optional: {}",
                    learned.optional.join(", ")
                ));
            }
            if let Some(status) = &learned.default_status {
                left_out.push_str(&format!(
                    "; a record that writes no status is taken as `{status}` (`default-status`)"
                ));
            }
            let errors = first_errors(dir, today);
            let next = match errors.first() {
                Some(&(most, _)) => format!(
                    "\n  the records as they are have {}: `rfcbook build` publishes the site once \
                     they are fixed, or once book.toml lowers their rules (`[rfc.lints]`, e.g. \
                     `{} = \"warn\"`)\n  next: {go}`rfcbook check`, which shows each",
                    errors_by_rule(&errors),
                    most.name()
                ),
                None => format!("\n  next: {go}`rfcbook check`, then `rfcbook build`"),
            };
            format!(
                "created book.toml and the workflow {} in {} for the records in {} ({}){left_out}{}{workflow}{next}",
                repository.check_workflow(),
                dir.display(),
                records.place(),
                records.described(),
                records.others_line() + &records.template_line()
            )
        }
        None => format!(
            "created an RFC archive in {}{workflow}\n  next: {go}`rfcbook new \"Your first decision\"`, then `rfcbook check`",
            dir.display()
        ),
    };
    terminal::note(args.quiet, &made);
    Ok(ExitCode::SUCCESS)
}

/// The errors `check` finds in the adopted records with the book.toml just written, by
/// rule, most first: the site is not published while there are any, and a team that is
/// told "next: build" should know that before it runs it.
fn first_errors(dir: &Path, today: crate::model::Date) -> Vec<(Code, usize)> {
    let Ok(config) = crate::config::Config::load_without_theme(dir) else {
        return Vec::new();
    };
    let Ok(archive) = crate::archive::Archive::load_for_report(&config) else {
        return Vec::new();
    };
    crate::diagnostic::Report::new(crate::validate(&archive, &config, today), archive.files)
        .errors_only()
        .by_rule()
}

/// "166 errors (112 missing-section, 30 broken-anchor, 13 broken-link, 11 more)".
fn errors_by_rule(errors: &[(Code, usize)]) -> String {
    let total: usize = errors.iter().map(|&(_, n)| n).sum();
    let mut named: Vec<String> = errors
        .iter()
        .take(3)
        .map(|&(code, n)| format!("{n} {}", code.name()))
        .collect();
    let rest: usize = errors.iter().skip(3).map(|&(_, n)| n).sum();
    if rest > 0 {
        named.push(format!("{rest} more"));
    }
    format!(
        "{total} error{} ({})",
        if total == 1 { "" } else { "s" },
        named.join(", ")
    )
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

/// The publishing workflow for the archive in `dir`: it builds on the repository's main
/// branch and watches the archive's source folder, which an existing archive's book.toml
/// names.
fn pages_workflow(
    dir: &Path,
    existing: bool,
    adopted: Option<&adopt::Records>,
    repository: &Repository,
) -> Result<Pages> {
    let path = repository.top.join(PAGES_WORKFLOW_FILE);
    if path.symlink_metadata().is_ok() {
        return Err(Error::AlreadyExists {
            path,
            help: EXISTS.into(),
        });
    }
    let src = if existing {
        let config = crate::config::Config::load(dir)?;
        crate::discover::relative(dir, &config.src)
    } else {
        adopted.map_or("rfcs", |r| r.folder.as_str()).to_string()
    };
    let src = source_glob(&src);
    let mut watched = [src.as_str(), "themes/**", "book.toml"]
        .map(|p| repository.path(p))
        .to_vec();
    watched.push(PAGES_WORKFLOW_FILE.to_string());
    let branch = main_branch(&repository.top);
    let text = PAGES_WORKFLOW
        .replace("{{paths}}", &yaml_list(&watched))
        .replace(
            "\"{{branch}}\"",
            &serde_json::Value::from(branch.as_str()).to_string(),
        )
        .replace("{{branch}}", &branch)
        .replace("{{root}}", &repository.root_arg());
    Ok(Pages { path, text, branch })
}

/// A publishing workflow to write, and the branch it publishes.
struct Pages {
    path: PathBuf,
    text: String,
    branch: String,
}

/// Strings as a YAML list: a JSON string is a YAML string in double quotes, whatever it
/// holds.
fn yaml_list(items: &[String]) -> String {
    serde_json::Value::from(items.to_vec())
        .to_string()
        .replace("\",\"", "\", \"")
}

/// Where the workflows go and how they reach the archive. GitHub reads workflows only from
/// the top of the repository, so an archive in a subfolder (`docs/rfcs`) gets them there,
/// with `--root` and paths that lead to it.
struct Repository {
    top: PathBuf,
    /// The archive's folder from the top (`docs/rfcs`); empty when it is the top.
    rel: String,
}

impl Repository {
    fn of(dir: &Path) -> Repository {
        let at_top = Repository {
            top: dir.to_path_buf(),
            rel: String::new(),
        };
        // The folder may not exist yet (`init acme`): ask git from the nearest that does,
        // and compare real paths, as git gives them.
        let Some(existing) = dir.ancestors().find(|d| d.is_dir()) else {
            return at_top;
        };
        let Some(top) = super::new::git(Some(existing), &["rev-parse", "--show-toplevel"]) else {
            return at_top;
        };
        let (Ok(top), Ok(real)) = (std::fs::canonicalize(&top), std::fs::canonicalize(existing))
        else {
            return at_top;
        };
        let real = real.join(dir.strip_prefix(existing).unwrap_or(Path::new("")));
        match real.strip_prefix(&top) {
            Ok(rel) if !rel.as_os_str().is_empty() => Repository {
                rel: crate::discover::relative(&top, &real),
                top,
            },
            _ => at_top,
        }
    }

    /// A path of the archive as the repository's path filters name it.
    fn path(&self, rel: &str) -> String {
        if self.rel.is_empty() {
            rel.to_string()
        } else {
            format!("{}/{rel}", glob_literal(&self.rel))
        }
    }

    /// ` --root docs/rfcs` for commands run from the top, or nothing.
    fn root_arg(&self) -> String {
        if self.rel.is_empty() {
            String::new()
        } else {
            format!(" --root {}", shell_word(&self.rel))
        }
    }

    /// The check workflow's path from the top.
    fn check_workflow(&self) -> String {
        match crate::render::class_name(&self.rel) {
            name if name.is_empty() => CHECK_WORKFLOW_FILE.to_string(),
            name => format!(".github/workflows/rfcs-{name}.yml"),
        }
    }
}

/// A folder's name as a workflow's path filter that matches itself only
/// (`docs/c++ [old]`): its glob characters escaped.
fn glob_literal(name: &str) -> String {
    name.chars()
        .flat_map(|c| {
            let special = "*?+[]!".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

/// A word as a POSIX shell reads it back: as it is when it is plain, else in single
/// quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._/-".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The branch a site is published from: the remote's default branch; else git's default
/// for new repositories or a usual main branch, if the repository has it; else the branch
/// checked out (a new repository's only one); else `main`. Not simply the branch checked
/// out: the workflow is often added on a branch of its own, which it would then publish
/// instead of the main one.
fn main_branch(top: &Path) -> String {
    use super::new::git;
    let default = || git(None, &["config", "--get", "init.defaultBranch"]);
    // No repository yet (`init acme --github-pages`, then `git init`): git's default is
    // what its first branch will be called.
    if !top.is_dir() || git(Some(top), &["rev-parse", "--git-dir"]).is_none() {
        return default().unwrap_or_else(|| "main".to_string());
    }
    let exists = |branch: &String| {
        [
            format!("refs/heads/{branch}"),
            format!("refs/remotes/origin/{branch}"),
        ]
        .iter()
        .any(|r| {
            std::process::Command::new("git")
                .arg("-C")
                .arg(top)
                .args(["show-ref", "--verify", "--quiet", r])
                .status()
                .is_ok_and(|s| s.success())
        })
    };
    let remote_head = [
        "symbolic-ref",
        "--quiet",
        "--short",
        "refs/remotes/origin/HEAD",
    ];
    git(Some(top), &remote_head)
        .map(|b| b.strip_prefix("origin/").unwrap_or(&b).to_string())
        .or_else(|| {
            default()
                .into_iter()
                .chain(["main", "master", "trunk", "develop"].map(String::from))
                .find(exists)
        })
        .or_else(|| git(Some(top), &["symbolic-ref", "--quiet", "--short", "HEAD"]))
        .unwrap_or_else(|| "main".to_string())
}

/// Writes the publishing workflow, and says what GitHub needs once.
fn write_pages(args: &Args, pages: &Pages) -> Result<()> {
    super::write_new(&pages.path, &pages.text, EXISTS)?;
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
