//! The only writer of the site. Files go to a fresh folder beside the target as they are
//! rendered, which is swapped in by renaming once everything is written: a failed or
//! interrupted build leaves the previous site as it was.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::OutputFile;

/// Marks a folder as a site rfcbook built (so it may be replaced, and so that reading
/// an archive passes over it wherever it was built) and records the fingerprint of the
/// inputs it was built from.
pub(crate) const MARKER: &str = ".rfcbook-site";

/// `path` without `.` and `..` components, each `..` taking away the name before it: how
/// the output folder is named everywhere (the walk of the source folder skips it by this
/// name when it lies inside).
pub(crate) fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `path` (absolute) without `.` and `..`, and with symbolic links resolved as far as it
/// exists: where a site will be once its missing folders are created. The output folder is
/// checked, and written, at this one path: checked as written, `nothere/../rfcs` looked
/// like a new folder (nothing to canonicalise) while the build replaced `rfcs/`.
pub(crate) fn resolved(path: &Path) -> PathBuf {
    let lexical = lexical(path);
    let mut existing = lexical.as_path();
    let mut missing = Vec::new();
    loop {
        if let Ok(mut out) = existing.canonicalize() {
            out.extend(missing.iter().rev());
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name);
                existing = parent;
            }
            _ => return lexical,
        }
    }
}

/// A site being written: a fresh folder beside the target that files are written into as
/// they are rendered (so a build never holds the whole site in memory), swapped in by
/// [`Staging::commit`]. Dropped without a commit, it removes itself.
/// The file that makes a staging folder invisible to git while it exists.
const IGNORE_ALL: &str = ".gitignore";

pub(crate) struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// The site being replaced, when there is one: a file that comes out the same is
    /// linked from it rather than written again. Most of a rebuild after a small change
    /// is the same, and on a disk writing a site's files costs far more than linking them
    /// (0.41 s against 0.014 s for the 823 files of the Rust RFCs' site here), which made
    /// every save under `serve` cost as much as a first build.
    previous: Option<PathBuf>,
    /// Folders known to exist, so each is created once.
    folders: Mutex<HashSet<PathBuf>>,
    /// What was written, as [`contents_of`] reads it back: files may be written in any
    /// order, so the sum of each file's hash.
    contents: AtomicU64,
    /// Files written with bytes the previous site did not have (not linked from it).
    fresh: std::sync::atomic::AtomicUsize,
    committed: bool,
}

/// One file of a site, by its path in the site and its length: what a later build checks
/// the site still has.
fn file_hash(rel: &str, len: u64) -> u64 {
    let mut f = crate::render::Fingerprint::default();
    f.add(rel.as_bytes());
    f.add(&len.to_le_bytes());
    f.finish()
}

/// The files a built site holds now, by path and length, as [`Staging::contents`] summed
/// them when it was written: a site someone changed by hand since (a page deleted,
/// truncated, overwritten or added) reads differently, and is built again.
pub(crate) fn contents_of(target: &Path) -> u64 {
    let mut sum = 0u64;
    for entry in walkdir::WalkDir::new(target)
        .min_depth(1)
        .into_iter()
        .filter_map(std::result::Result::ok)
    {
        let Ok(rel) = entry.path().strip_prefix(target) else {
            continue;
        };
        if !entry.file_type().is_file() {
            // A link or special file was never written by a build.
            if !entry.file_type().is_dir() {
                sum = sum.wrapping_add(1);
            }
            continue;
        }
        let len = entry.metadata().map_or(u64::MAX, |m| m.len());
        let rel = rel
            .to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/");
        sum = sum.wrapping_add(file_hash(&rel, len));
    }
    sum
}

impl Staging {
    pub(crate) fn new(target: &Path) -> Result<Staging> {
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        let name = name_of(target);
        remove_leftovers(parent, &name);
        let dir = parent.join(format!(".{name}.rfcbook-new-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io("remove", &dir, e))?;
        }
        // Named as the folder the site goes into: the staging folder's own name is ours.
        std::fs::create_dir(&dir).map_err(|e| Error::io("write the site into", parent, e))?;
        // A build stopped by Ctrl-C leaves this folder until the next build clears it;
        // beside a site inside the repository (`build-dir = "public/site"`, `site/`
        // ignored) git would show it meanwhile. It ignores itself, until the swap.
        let _ = std::fs::write(dir.join(IGNORE_ALL), "*\n");
        Ok(Staging {
            folders: Mutex::new(HashSet::from([dir.clone()])),
            dir,
            target: target.to_path_buf(),
            previous: target.join(MARKER).is_file().then(|| target.to_path_buf()),
            contents: AtomicU64::new(0),
            fresh: std::sync::atomic::AtomicUsize::new(0),
            committed: false,
        })
    }

    /// The sum of the written files' hashes, for [`contents_of`] to compare with.
    pub(crate) fn contents(&self) -> u64 {
        self.contents.load(Ordering::Relaxed)
    }

    fn count(&self, rel: &str, len: u64) {
        self.contents
            .fetch_add(file_hash(rel, len), Ordering::Relaxed);
    }

    /// Writes one file of the site; safe to call from many threads.
    pub(crate) fn write(&self, file: &OutputFile) -> Result<()> {
        let path = self.dir.join(&file.path);
        self.folder_of(&path)?;
        self.count(&file.path, file.bytes.len() as u64);
        let same = |old: &Path| {
            same_length(old, file.bytes.len() as u64)
                && std::fs::read(old).is_ok_and(|bytes| bytes == file.bytes)
        };
        if self.linked_unchanged(&file.path, same, &path) {
            return Ok(());
        }
        self.fresh.fetch_add(1, Ordering::Relaxed);
        std::fs::write(&path, &file.bytes).map_err(|e| Error::io("write", &path, e))
    }

    /// Whether the site written is the one it replaces, file for file: every file linked
    /// from it, and no file of it left out. A preview then has nothing new to show (a
    /// file saved unchanged, touched, or changed where no page shows it).
    pub(crate) fn same_as_before(&self) -> bool {
        self.previous.as_deref().is_some_and(|previous| {
            self.fresh.load(Ordering::Relaxed) == 0 && contents_of(previous) == self.contents()
        })
    }

    /// Writes `file` anew, never linked from the previous site: the marker, whose own
    /// modification time tells this site from any other in the folder.
    pub(crate) fn write_fresh(&self, file: &OutputFile) -> Result<()> {
        let path = self.dir.join(&file.path);
        self.folder_of(&path)?;
        self.count(&file.path, file.bytes.len() as u64);
        std::fs::write(&path, &file.bytes).map_err(|e| Error::io("write", &path, e))
    }

    /// Links the previous site's `rel` to `path` when `same` says that file holds the new
    /// bytes; whether it did. Any trouble (no such file, another file system) is only a
    /// reason to write the file.
    fn linked_unchanged(&self, rel: &str, same: impl FnOnce(&Path) -> bool, path: &Path) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = previous.join(rel);
        same(&old) && std::fs::hard_link(&old, path).is_ok()
    }

    /// Copies files of the archive that RFCs link to under `assets/`.
    pub(crate) fn copy_assets(&self, root: &Path, assets: &[String]) -> Result<()> {
        assets.par_iter().try_for_each(|asset| {
            let from = root.join(asset);
            // Checked when the page linked it; a file replaced since by a link out of the
            // archive is not copied.
            if crate::link::on_disk(root, asset) != crate::link::OnDisk::File {
                return Err(Error::Changed { path: from });
            }
            let to = self.dir.join("assets").join(asset);
            self.folder_of(&to)?;
            let rel = format!("assets/{asset}");
            // Lengths first: an image that changed is seldom read twice for nothing.
            let unchanged = |old: &Path| {
                std::fs::metadata(&from).is_ok_and(|m| same_length(old, m.len()))
                    && matches!((std::fs::read(&from), std::fs::read(old)), (Ok(a), Ok(b)) if a == b)
            };
            if !self.linked_unchanged(&rel, unchanged, &to) {
                self.fresh.fetch_add(1, Ordering::Relaxed);
                std::fs::copy(&from, &to).map_err(|e| Error::io("copy", &from, e))?;
            }
            let len = std::fs::metadata(&to).map_or(u64::MAX, |m| m.len());
            self.count(&rel, len);
            Ok(())
        })
    }

    fn folder_of(&self, path: &Path) -> Result<()> {
        let Some(dir) = path.parent() else {
            return Ok(());
        };
        let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if !folders.contains(dir) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
            folders.insert(dir.to_path_buf());
        }
        Ok(())
    }

    /// Swaps the written site in place of the target.
    pub(crate) fn commit(mut self) -> Result<()> {
        // The site has no `.gitignore` of its own: a user's repository decides.
        match std::fs::remove_file(self.dir.join(IGNORE_ALL)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io("remove", &self.dir.join(IGNORE_ALL), e));
            }
            _ => {}
        }
        let parent = self.target.parent().unwrap_or(Path::new(".")).to_path_buf();
        let result = swap(&self.dir, &self.target, &parent, &name_of(&self.target));
        self.committed = result.is_ok();
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes the staging and moved-aside folders of earlier builds of this target that
/// were killed before they could clean up (Ctrl-C, a crash), so they do not pile up beside
/// the site. A folder whose process still runs is left alone: where the system cannot
/// tell (no `/proc`), only folders untouched for an hour are removed.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let proc = Path::new("/proc/self").exists();
    let prefix = format!(".{name}.rfcbook-");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix.as_str()))
        else {
            continue;
        };
        let Some(pid) = rest
            .strip_prefix("new-")
            .or_else(|| rest.strip_prefix("old-"))
        else {
            continue;
        };
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let stale = if proc {
            !Path::new("/proc").join(pid).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600)
        };
        if stale {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn name_of(target: &Path) -> String {
    target
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned())
}

/// Removes a folder tree, its files in parallel.
/// Whether the file at `path` has `length` bytes: most changed files differ in length,
/// and are then not read to be compared.
fn same_length(path: &Path, length: u64) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == length)
}

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

/// Puts the new site in the old one's place, then removes the old one: in one exchange
/// where Linux allows it, else by moving the old site aside and the new one in, between
/// which the target is missing for an instant, never half-written.
fn swap(staging: &Path, target: &Path, parent: &Path, name: &str) -> Result<()> {
    // Where the system can, the two folders trade places in one step: there is no moment
    // without a site, even if the build is killed right then. The staging folder then
    // holds the old site.
    #[cfg(target_os = "linux")]
    if target.is_dir()
        && rustix::fs::renameat_with(
            rustix::fs::CWD,
            staging,
            rustix::fs::CWD,
            target,
            rustix::fs::RenameFlags::EXCHANGE,
        )
        .is_ok()
    {
        remove_old(staging);
        return Ok(());
    }
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
        remove_old(&old);
    }
    Ok(())
}

/// Removes the old site once the new one is in place. A failure is only said: the new
/// site is published, and the folder left beside it is removed by the next build.
fn remove_old(old: &Path) {
    if let Err(e) = remove_tree(old) {
        crate::terminal::note(false, &format!("warning: {e}; the new site is in place"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The new site takes the old one's place and the old one is gone, whichever way the
    /// system allows the swap.
    #[test]
    fn a_swap_leaves_the_new_site_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let (site, staging) = (dir.path().join("site"), dir.path().join(".site.new"));
        for (folder, file) in [(&site, "old.html"), (&staging, "new.html")] {
            std::fs::create_dir(folder).unwrap();
            std::fs::write(folder.join(file), file).unwrap();
        }
        swap(&staging, &site, dir.path(), "site").unwrap();
        assert!(site.join("new.html").is_file() && !site.join("old.html").exists());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the site is left");
    }

    /// A build stopped half-way leaves a staging folder that git does not show, in a
    /// repository whose ignore rules name only the site; the site itself gets no
    /// `.gitignore`.
    #[test]
    fn a_staging_folder_is_hidden_from_git_but_the_site_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path();
        let git = |args: &[&str]| {
            let out = std::process::Command::new("git")
                .args(args)
                .current_dir(repo)
                .output()
                .expect("git is installed");
            assert!(out.status.success(), "git {args:?}");
            String::from_utf8(out.stdout).unwrap()
        };
        git(&["init", "-q"]);
        std::fs::write(repo.join(".gitignore"), "public/site/\n").unwrap();
        let target = repo.join("public/site");
        let staging = Staging::new(&target).unwrap();
        staging
            .write(&OutputFile {
                path: "index.html".into(),
                bytes: b"home".to_vec(),
            })
            .unwrap();
        assert_eq!(git(&["status", "--porcelain"]), "?? .gitignore\n");
        staging.commit().unwrap();
        assert!(target.join("index.html").is_file());
        assert!(!target.join(IGNORE_ALL).exists());
        let left: Vec<_> = std::fs::read_dir(repo.join("public")).unwrap().collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    #[test]
    fn paths_are_resolved_as_they_will_be_once_created() {
        assert_eq!(lexical(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
        assert_eq!(lexical(Path::new("/a/nothere/../b")), Path::new("/a/b"));
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        std::fs::create_dir(real.join("src")).unwrap();
        std::os::unix::fs::symlink(real.join("src"), real.join("link")).unwrap();
        // Missing folders are kept by name, the existing part is canonical.
        assert_eq!(
            resolved(&real.join("nothere/../src/./site")),
            real.join("src/site")
        );
        assert_eq!(resolved(&real.join("link/new")), real.join("src/new"));
        assert_eq!(resolved(&real.join("x/..")), real);
    }
}
