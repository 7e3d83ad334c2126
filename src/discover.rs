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
    let walk = WalkDir::new(src)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            !hidden && e.path() != skip
        });
    for entry in walk {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file() && is_rfc_name(entry.path()) {
                    found(Candidate {
                        rel: relative(root, entry.path()),
                        path: entry.into_path(),
                    });
                }
            }
            Err(e) => diagnostics.push(walk_error(root, &e)),
        }
    }
    diagnostics
}

fn is_rfc_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") && !NOT_RFCS.contains(&lower.as_str())
}

fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
    let (message, help) = if let Some(ancestor) = e.loop_ancestor() {
        (
            format!(
                "symbolic link loop: `{path}` leads back to `{}`",
                relative(root, ancestor)
            ),
            "remove the link or point it outside the archive's own folders".to_string(),
        )
    } else {
        let cause = e
            .io_error()
            .map_or_else(|| e.to_string(), |io| io.to_string());
        (
            format!("cannot read `{path}`: {cause}"),
            "check that the file exists (a link may point at a missing file) and is readable"
                .to_string(),
        )
    };
    Diagnostic::at_file(
        Code::UnreadableFile,
        &path,
        Location { line: 1, column: 1 },
        message,
    )
    .help(help)
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
