//! Cheap fingerprints of an archive's inputs (paths, sizes and modification times, no
//! contents): how `build` and `search` tell, with one walk, that nothing changed.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::render::Fingerprint;

/// A file's size and modification time, as bytes to fingerprint.
pub(crate) type Stamp = [u8; 24];

/// The size and modification time of a file (zeros when it is missing).
pub(crate) fn file(path: &Path) -> Stamp {
    of(std::fs::metadata(path).ok().as_ref())
}

/// The stamp of a file's metadata (zeros without metadata): also what the parser takes
/// from the file it has open, so a build need not ask for every file's metadata twice.
pub(crate) fn of(meta: Option<&std::fs::Metadata>) -> Stamp {
    let size = meta.map_or(0, std::fs::Metadata::len);
    let modified = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let mut out = [0u8; 24];
    out[..8].copy_from_slice(&size.to_le_bytes());
    out[8..].copy_from_slice(&modified.to_le_bytes());
    out
}

/// Every file of the source folder, and the files at the archive root (book.toml, a
/// README an RFC links to); nothing else is descended into (a repository's target/ can
/// hold a million files), and the build output is skipped.
pub(crate) fn sources(config: &Config) -> u64 {
    sources_of(config, &source_files(config), &FxHashMap::default())
}

/// The files [`sources`] fingerprints, in order: one walk, which `build` runs beside
/// reading the archive.
pub(crate) fn source_files(config: &Config) -> Vec<PathBuf> {
    let src = &config.src;
    let wanted = |e: &walkdir::DirEntry| {
        let path = e.path();
        e.depth() == 0
            || path.starts_with(src)
            || (src.starts_with(path) && e.file_type().is_dir())
            || (e.depth() == 1 && !e.file_type().is_dir())
    };
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&config.root)
        .into_iter()
        .filter_entry(|e| wanted(e) && e.path() != config.build_dir && e.file_name() != ".rfcbook")
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    // The team's template may be kept outside the source folder; its prompts are judged
    // in every RFC, so a change to it is a change of the site's input.
    if let Some(template) = &config.template {
        files.push(template.clone());
    }
    files.sort();
    files.dedup();
    files
}

/// [`sources`] of the walked `files`, taking the stamps of the files in `known` from
/// there instead of asking the system: `build` has just read every RFC and seen its
/// metadata, and ten thousand metadata calls cost more than the walk.
pub(crate) fn sources_of(
    config: &Config,
    files: &[PathBuf],
    known: &FxHashMap<&Path, Stamp>,
) -> u64 {
    let mut f = Fingerprint::default();
    f.add(&std::fs::read(config.root.join(crate::config::CONFIG_FILE)).unwrap_or_default());
    // One stat per file: in parallel, as they are tens of thousands of system calls.
    use rayon::prelude::*;
    let stamps: Vec<Stamp> = files
        .par_iter()
        .map(|p| known.get(p.as_path()).copied().unwrap_or_else(|| file(p)))
        .collect();
    for (path, stamp) in files.iter().zip(&stamps) {
        f.add(path.to_string_lossy().as_bytes());
        f.add(stamp);
    }
    f.finish()
}
