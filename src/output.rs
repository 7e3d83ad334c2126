//! The only writer of the site. Files go to a fresh folder beside the target, which is
//! swapped in by renaming once everything is written: a failed or interrupted build leaves
//! the previous site as it was.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::Site;

/// Writes `site` to `target`, copying linked archive files from `root`.
pub(crate) fn write(site: &Site, root: &Path, target: &Path) -> Result<()> {
    let parent = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    let name = target
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.rfcbook-new-{}", std::process::id()));
    let result = stage(site, root, &staging).and_then(|()| swap(&staging, target, parent, &name));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn stage(site: &Site, root: &Path, staging: &Path) -> Result<()> {
    if staging.exists() {
        std::fs::remove_dir_all(staging).map_err(|e| Error::io("remove", staging, e))?;
    }
    // Folders first, once each; then the files in parallel (writing ten thousand small
    // files is most of a build's time).
    let folders: BTreeSet<PathBuf> = site
        .files
        .iter()
        .map(|f| staging.join(&f.path))
        .chain(site.assets.iter().map(|a| staging.join("assets").join(a)))
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .collect();
    for dir in &folders {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    }
    site.files.par_iter().try_for_each(|file| {
        let path = staging.join(&file.path);
        std::fs::write(&path, &file.bytes).map_err(|e| Error::io("write", &path, e))
    })?;
    site.assets.par_iter().try_for_each(|asset| {
        let from = root.join(asset);
        let to = staging.join("assets").join(asset);
        std::fs::copy(&from, &to)
            .map(|_| ())
            .map_err(|e| Error::io("copy", &from, e))
    })
}

/// Removes a folder tree, its files in parallel.
fn remove_tree(dir: &Path) -> Result<()> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.par_iter().for_each(|f| {
        let _ = std::fs::remove_file(f);
    });
    std::fs::remove_dir_all(dir).map_err(|e| Error::io("remove", dir, e))
}

/// Moves the old site aside, the new one in, then removes the old one. Between the two
/// renames the target is missing for an instant, never half-written.
fn swap(staging: &Path, target: &Path, parent: &Path, name: &str) -> Result<()> {
    let old: Option<PathBuf> = if target.exists() {
        let old = parent.join(format!(".{name}.rfcbook-old-{}", std::process::id()));
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io("remove", &old, e))?;
        }
        std::fs::rename(target, &old).map_err(|e| Error::io("move aside", target, e))?;
        Some(old)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(staging, target) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, target);
        }
        return Err(Error::io("move into place", target, e));
    }
    if let Some(old) = old {
        remove_tree(&old)?;
    }
    Ok(())
}
