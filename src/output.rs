//! The only writer of the site. Files go to a fresh folder beside the target, which is
//! swapped in by renaming once everything is written: a failed or interrupted build leaves
//! the previous site as it was.

use std::path::{Path, PathBuf};

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
    for file in &site.files {
        let path = staging.join(&file.path);
        ensure_parent(&path)?;
        std::fs::write(&path, &file.bytes).map_err(|e| Error::io("write", &path, e))?;
    }
    for asset in &site.assets {
        let from = root.join(asset);
        let to = staging.join("assets").join(asset);
        ensure_parent(&to)?;
        std::fs::copy(&from, &to).map_err(|e| Error::io("copy", &from, e))?;
    }
    Ok(())
}

fn ensure_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e)),
        None => Ok(()),
    }
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
        std::fs::remove_dir_all(&old).map_err(|e| Error::io("remove", &old, e))?;
    }
    Ok(())
}
