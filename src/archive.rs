//! The archive: every RFC file of one `book.toml`, read and parsed in parallel, in a
//! deterministic order. This is the model every command works from.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover;
use crate::error::{Error, Result};
use crate::model::{Rfc, RfcId};
use crate::parse;
use crate::source::SourceFile;

#[derive(Debug)]
pub struct Archive {
    /// Files read as text, in discovery order; [`Rfc::file`] indexes into this.
    pub sources: Vec<SourceFile>,
    pub rfcs: Vec<Rfc>,
    /// Problems found while discovering and parsing.
    pub diagnostics: Vec<Diagnostic>,
    /// How many RFC files were found, readable or not.
    pub files: usize,
    /// The stamp (size, modification time) of every file read, as it was opened.
    pub stamps: Vec<(std::path::PathBuf, crate::stamp::Stamp)>,
}

impl Archive {
    /// Discovers and parses every RFC under `[book] src`.
    pub fn load(config: &Config) -> Result<Archive> {
        Archive::load_keeping(config, true)
    }

    /// [`Archive::load`] for `check`, which lets each text go once it is parsed, as a
    /// build does (rfcs/0015): a report reads again only the files it shows lines of,
    /// and the texts of ten thousand RFCs, all held at once, cost more in fresh memory
    /// than the parse floor takes in all.
    pub fn load_for_report(config: &Config) -> Result<Archive> {
        Archive::load_keeping(config, false)
    }

    fn load_keeping(config: &Config, texts: bool) -> Result<Archive> {
        let (candidates, walked) = Archive::discover(config)?;
        let started = std::time::Instant::now();
        let parsed: Vec<parse::Parsed> = candidates
            .par_iter()
            .map(|candidate| {
                let mut parsed = parse::file(candidate, &config.rfc);
                if !texts && let Some(source) = &mut parsed.source {
                    source.release_text();
                }
                parsed
            })
            .collect();
        let archive = Archive::read(candidates, parsed, walked);
        crate::terminal::timing("read and parse", started);
        Ok(archive)
    }

    /// The RFC files under `[book] src`, sorted, and what was wrong with the folder.
    pub fn discover(config: &Config) -> Result<(Vec<discover::Candidate>, Vec<Diagnostic>)> {
        if !config.src.is_dir() {
            return Err(Error::SourceMissing {
                path: config.src.clone(),
                at: config.written.src.clone(),
            });
        }
        let started = std::time::Instant::now();
        let mut candidates = Vec::new();
        // The team's template, when book.toml names one in the source folder, is no RFC.
        let template = config.template_rel();
        let excluded = |c: &discover::Candidate| {
            if template.as_deref() == Some(c.rel.as_str()) {
                return true;
            }
            if config.rfc.exclude.is_empty() {
                return false;
            }
            let under_src = c.path.strip_prefix(&config.src).unwrap_or(&c.path);
            let path = under_src.to_string_lossy().replace('\\', "/");
            config.rfc.exclude.iter().any(|g| g.matches(&path))
        };
        let diagnostics = discover::walk(&config.root, &config.src, &config.build_dir, |c| {
            if !excluded(&c) {
                candidates.push(c);
            }
        });
        crate::terminal::timing("discover", started);
        Ok((candidates, diagnostics))
    }

    /// The archive of the discovered `candidates`, each parsed into `parsed` (in the same
    /// order), with the problems `discover` found.
    pub fn read(
        candidates: Vec<discover::Candidate>,
        parsed: Vec<parse::Parsed>,
        diagnostics: Vec<Diagnostic>,
    ) -> Archive {
        let stamps = candidates
            .into_iter()
            .zip(&parsed)
            .filter_map(|(candidate, p)| Some((candidate.path, p.stamp?)))
            .collect();
        Archive {
            stamps,
            ..Archive::assemble(parsed, diagnostics)
        }
    }

    /// An archive from files in memory, `(path relative to the root, bytes)`: what tests
    /// and fuzzers feed the parser without touching the disk.
    pub fn from_memory(files: Vec<(String, Vec<u8>)>, config: &Config) -> Archive {
        let parsed = files
            .into_iter()
            .map(|(rel, bytes)| {
                let candidate = discover::Candidate {
                    path: config.root.join(&rel),
                    rel,
                };
                parse::bytes_of(&candidate, bytes, &config.rfc)
            })
            .collect();
        Archive::assemble(parsed, Vec::new())
    }

    fn assemble(parsed: Vec<parse::Parsed>, diagnostics: Vec<Diagnostic>) -> Archive {
        let mut archive = Archive {
            sources: Vec::with_capacity(parsed.len()),
            rfcs: Vec::with_capacity(parsed.len()),
            // An RFC file discovery could not read (a link to nowhere or out of the
            // archive, a name that is not UTF-8) was found too; folders are not files.
            files: parsed.len()
                + diagnostics
                    .iter()
                    .filter(|d| d.file.to_ascii_lowercase().ends_with(".md"))
                    .count(),
            diagnostics,
            stamps: Vec::new(),
        };
        for p in parsed {
            archive.diagnostics.extend(p.diagnostics);
            if let (Some(source), Some(mut rfc)) = (p.source, p.rfc) {
                rfc.file = archive.sources.len();
                archive.sources.push(source);
                archive.rfcs.push(rfc);
            }
        }
        archive
    }

    pub fn source(&self, rfc: &Rfc) -> &SourceFile {
        &self.sources[rfc.file]
    }

    /// RFC indexes by id; an id with more than one entry is a duplicate.
    pub fn ids(&self) -> FxHashMap<RfcId, Vec<usize>> {
        let mut ids: FxHashMap<RfcId, Vec<usize>> = FxHashMap::default();
        for (i, rfc) in self.rfcs.iter().enumerate() {
            if let Some(id) = rfc.id {
                ids.entry(id).or_default().push(i);
            }
        }
        ids
    }

    /// The RFC with `id`, when exactly one file has it.
    pub fn unique<'a>(&'a self, ids: &FxHashMap<RfcId, Vec<usize>>, id: RfcId) -> Option<&'a Rfc> {
        match ids.get(&id).map(Vec::as_slice) {
            Some([one]) => Some(&self.rfcs[*one]),
            _ => None,
        }
    }
}
