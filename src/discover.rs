//! Finds the RFC files of an archive: a walk over `[book] src` in a deterministic order.
//! Entries that cannot be walked (a dangling link, a symlink loop, a folder that cannot be
//! listed) become diagnostics rather than being skipped silently.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::Location;

/// Files in the source folder that explain the archive rather than record a decision.
const NOT_RFCS: [&str; 3] = ["readme.md", "summary.md", "template.md"];

/// A Markdown file to parse, with its path relative to the archive root.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    pub rel: String,
}

/// Walks `src`, skipping hidden entries and `skip` (the build output, when it sits inside
/// the source folder), and hands each RFC file to `found` as soon as it is seen, so parsing
/// can start before the walk ends. Symlinks are followed; walkdir detects loops.
pub(crate) fn walk(
    root: &Path,
    src: &Path,
    skip: &Path,
    mut found: impl FnMut(Candidate),
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    let walk = Walk {
        root,
        skip,
        inside: [root, src].map(|p| p.canonicalize().unwrap_or_else(|_| p.to_path_buf())),
    };
    walk.tree(src, false, &mut |c| files.push(c), &mut diagnostics);
    // One sort of the relative paths: cheaper than walkdir's per-folder sort, which
    // re-derives every file name at each comparison, and just as deterministic.
    files.sort_unstable_by(|a: &Candidate, b: &Candidate| a.rel.cmp(&b.rel));
    files.into_iter().for_each(&mut found);
    diagnostics
}

/// One walk of the source folder.
struct Walk<'a> {
    root: &'a Path,
    skip: &'a Path,
    /// The archive root and the source folder, with links resolved: a symbolic link is
    /// followed only when it leads into one of them. One that leads elsewhere is reported
    /// and not read: a pull request could add `rfcs/0099-x.md` linked to a secret of the
    /// machine that checks it, and `check` would print its first line in the log.
    inside: [PathBuf; 2],
}

impl Walk<'_> {
    /// Into the archive, and not into a hidden file or folder there: `rfcs/0099-x.md`
    /// linked to `.env` would print the secret's first line in a diagnostic.
    fn leads_inside(&self, link: &Path) -> bool {
        link.canonicalize().is_ok_and(|real| {
            self.inside
                .iter()
                .any(|i| real.starts_with(i) && !crate::link::hidden_within(&real, i))
        })
    }

    /// Symlinks are rare, so the main walk does not follow them (following costs a `stat`
    /// per entry); each link met is resolved on its own, and a linked folder is walked
    /// with walkdir's loop detection on, its own links checked as they are met.
    fn tree(
        &self,
        dir: &Path,
        follow: bool,
        found: &mut impl FnMut(Candidate),
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let mut out_of_archive: Vec<PathBuf> = Vec::new();
        let walk = WalkDir::new(dir)
            .follow_links(follow)
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                if follow && e.depth() > 0 && e.path_is_symlink() && !self.leads_inside(e.path()) {
                    // Only what would be read is reported: a linked image is judged by the
                    // link to it, if an RFC has one (RFC0305).
                    if e.file_type().is_dir() || is_rfc_name(e.path()) {
                        out_of_archive.push(e.path().to_path_buf());
                    }
                    return false;
                }
                // The folder walked is never skipped: an output folder configured as the
                // source folder itself is `build`'s to refuse, not a reason to check nothing.
                // Nor is any site rfcbook built in it (`build --out rfcs/out`), whose
                // copies of linked Markdown would be checked as RFCs.
                // Dependencies and build caches are nobody's RFCs, and can be huge: an
                // archive whose source folder is its root (no book.toml) would walk them.
                let cache = e.depth() > 0
                    && e.file_type().is_dir()
                    && (e.file_name() == "node_modules" || e.path().join("CACHEDIR.TAG").is_file());
                !hidden
                    && !cache
                    && (e.depth() == 0
                        || (e.path() != self.skip
                            && !(e.file_type().is_dir()
                                && e.path().join(crate::output::MARKER).is_file())))
            });
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    diagnostics.push(walk_error(self.root, &e));
                    continue;
                }
            };
            let kind = entry.file_type();
            if kind.is_symlink() {
                let meta = match std::fs::metadata(entry.path()) {
                    Ok(meta) => meta,
                    Err(e) => {
                        diagnostics.push(unreadable(self.root, entry.path(), &e.to_string()));
                        continue;
                    }
                };
                let read = meta.is_dir() || is_rfc_name(entry.path());
                if !read {
                    continue;
                }
                if !self.leads_inside(entry.path()) {
                    diagnostics.push(leads_out(self.root, entry.path()));
                } else if meta.is_dir() && entry.depth() > 0 {
                    self.tree(entry.path(), true, found, diagnostics);
                } else if meta.is_file() && is_rfc_name(entry.path()) {
                    found(Candidate {
                        rel: relative(self.root, entry.path()),
                        path: entry.into_path(),
                    });
                } else if !meta.is_dir() && is_rfc_name(entry.path()) {
                    diagnostics.push(unreadable(self.root, entry.path(), NOT_A_FILE));
                }
            } else if kind.is_file() && is_rfc_name(entry.path()) {
                found(Candidate {
                    rel: relative(self.root, entry.path()),
                    path: entry.into_path(),
                });
            } else if kind.is_file() && is_unreadable_name(entry.file_name()) {
                diagnostics.push(not_utf8_name(self.root, entry.path()));
            } else if !kind.is_dir() && !kind.is_file() && is_rfc_name(entry.path()) {
                // A named pipe would make the reading wait for a writer.
                diagnostics.push(unreadable(self.root, entry.path(), NOT_A_FILE));
            }
        }
        for link in out_of_archive {
            diagnostics.push(leads_out(self.root, &link));
        }
    }
}

/// A problem with a file or folder as a whole, found while walking: reported at its
/// first line, as it has no other place.
fn about_file(code: Code, rel: &str, message: String) -> Diagnostic {
    Diagnostic::at_file(code, rel, Location { line: 1, column: 1 }, message)
}

fn leads_out(root: &Path, link: &Path) -> Diagnostic {
    let rel = relative(root, link);
    about_file(
        Code::UnreadableFile,
        &rel,
        format!("`{rel}` is a symbolic link that leads out of the archive, or into a hidden file or folder; it was not read"),
    )
    .help("copy what it links to into the archive, or point the link at a visible file inside it (hidden ones, .git and .env, hold secrets)")
}

/// Whether a file of this name is one the source folder holds that is not an RFC
/// (README.md, SUMMARY.md, template.md, in any case).
pub(crate) fn is_not_an_rfc(name: &str) -> bool {
    NOT_RFCS.contains(&name.to_ascii_lowercase().as_str())
}

fn is_rfc_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.to_ascii_lowercase().ends_with(".md") && !is_not_an_rfc(name)
}

/// A Markdown file whose name is not UTF-8: it cannot be named in links, in the site or
/// in a diagnostic, and was skipped without a word (while `new` counted its number).
fn is_unreadable_name(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_none()
        && name
            .as_encoded_bytes()
            .to_ascii_lowercase()
            .ends_with(b".md")
}

fn not_utf8_name(root: &Path, path: &Path) -> Diagnostic {
    let rel = relative(root, path);
    about_file(
        Code::BadFileName,
        &rel,
        format!("the file name `{rel}` is not valid UTF-8; it was not read"),
    )
    .help("rename the file with letters, digits and `-`, as `NNNN-slug.md`")
}

fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
    let (message, help) = if let Some(ancestor) = e.loop_ancestor() {
        (
            format!(
                "symbolic link loop: `{path}` leads back to `{}`",
                relative(root, ancestor)
            ),
            "remove the link, or point it at a folder that does not hold it".to_string(),
        )
    } else {
        let cause = e
            .io_error()
            .map_or_else(|| e.to_string(), |io| io.to_string());
        return unreadable(root, e.path().unwrap_or(root), &cause);
    };
    about_file(Code::UnreadableFile, &path, message).help(help)
}

/// Why a Markdown name that is a pipe, a socket or a device is not read.
const NOT_A_FILE: &str = "it is not a regular file (a pipe, a socket or a device)";

fn unreadable(root: &Path, path: &Path, cause: &str) -> Diagnostic {
    let rel = relative(root, path);
    about_file(
        Code::UnreadableFile,
        &rel,
        format!("cannot read `{rel}`: {cause}"),
    )
    .help("check that the file exists (a link may point at a missing file) and is readable")
}

/// `path` relative to `root` with `/` separators, as reports show it.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        rel.into_owned()
    } else {
        rel.replace(std::path::MAIN_SEPARATOR, "/")
    }
}
