//! A build's reading pass: each file is read, parsed, its body rendered to HTML and its
//! words analyzed for the static search index, all while its text is at hand (rfcs/0015).
//! A body is parsed once, for `check`'s model and for its page alike; what a page needs
//! of the whole archive (its backlinks, listings, prev/next) comes later, from the model.

use rayon::prelude::*;

use super::markdown::{self, Links, Lookup, Pages};
use crate::archive::Archive;
use crate::config::Config;
use crate::error::Result;
use crate::index::web::{Analyzer, Chunk, Slot};
use crate::parse::{self, Parsed};

/// An RFC body as its page shows it, made while the file was read.
#[derive(Default)]
pub(crate) struct PageBody {
    pub html: String,
    /// The archive files (images, attachments) the body links to, relative to the root.
    pub assets: Vec<String>,
    /// What a search result shows of the RFC.
    pub excerpt: String,
    /// Every question `html` asked of [`Prepared::pages`].
    pub lookups: Vec<Lookup>,
    /// Its links into RFC pages with a fragment (`markdown::Rendered::anchored`).
    pub anchored: Vec<(String, String)>,
}

/// What the reading pass made besides the archive.
pub(crate) struct Prepared {
    /// Per file of the archive (as [`crate::model::Rfc::file`]): its body, when it has one.
    pub bodies: Vec<Option<PageBody>>,
    /// Where the bodies were told RFC pages are: from file names alone, since ids from
    /// front matter are known only once every file is read.
    pub pages: Pages,
    /// The words of every RFC with an id, and per file where they are in `chunks`.
    pub chunks: Vec<Chunk>,
    pub slots: Vec<Option<Slot>>,
}

/// One run of consecutive files, read by one thread.
struct Run {
    parsed: Vec<Parsed>,
    bodies: Vec<Option<PageBody>>,
    /// Per file: its document number in the run's chunk.
    documents: Vec<Option<u32>>,
    words: Chunk,
}

/// Discovers and reads every RFC under `[book] src`, as [`Archive::load`] does, and
/// renders and analyzes every body on the way. `read` is told how many files of how many
/// are read (a progress bar).
pub(crate) fn load(
    config: &Config,
    read: &(dyn Fn(usize, usize) + Sync),
) -> Result<(Archive, Prepared)> {
    let (candidates, walked) = Archive::discover(config)?;
    let files_read = std::sync::atomic::AtomicUsize::new(0);
    let started = std::time::Instant::now();
    let schema = &config.rfc;
    let pages = Pages::new(candidates.iter().map(|c| {
        let name = c.rel.rsplit('/').next().unwrap_or(&c.rel);
        (c.rel.as_str(), schema.file_name.id(name))
    }));
    let links = Links {
        pages: &pages,
        root: &config.root,
        word: schema.file_name.mention_word(),
        names: &schema.link_names,
    };
    let runs: Vec<Run> = candidates
        .par_chunks(crate::index::web::run_length(candidates.len()))
        .map(|run| {
            let mut words = Analyzer::new(run.len());
            let mut parsed = Vec::with_capacity(run.len());
            let mut bodies = Vec::with_capacity(run.len());
            let mut documents = Vec::with_capacity(run.len());
            let mut analyzed = 0;
            for candidate in run {
                let mut rendered = None;
                let mut p = parse::file_with(candidate, schema, |source, start, titled| {
                    let (body, r) = markdown::render(
                        source.text(),
                        start,
                        &source.rel,
                        titled,
                        &schema.sections,
                        &links,
                    );
                    rendered = Some(r);
                    body
                });
                // Files without an RFC number are not RFCs: `check` reports them, search
                // skips them.
                documents.push(p.rfc.as_ref().filter(|r| r.id.is_some()).map(|rfc| {
                    let title = crate::index::document::title_of(rfc, &candidate.rel, schema);
                    let text = rendered.as_ref().map_or("", |r| r.text.as_str());
                    let labels = rfc.front.as_ref().map(|f| {
                        crate::index::document::label_words(
                            f.tags.iter().map(|t| t.value.as_str()),
                            f.authors.iter().map(|a| a.value.as_str()),
                        )
                    });
                    words.add(&title, text, labels.as_deref().unwrap_or(""));
                    analyzed += 1;
                    analyzed - 1
                }));
                bodies.push(rendered.map(|r| PageBody {
                    excerpt: crate::index::web::excerpt(
                        &r.problem,
                        r.text.get(r.lead..).unwrap_or(&r.text),
                    ),
                    html: r.html,
                    assets: r.assets,
                    lookups: r.lookups,
                    anchored: r.anchored,
                }));
                if let Some(source) = &mut p.source {
                    source.release_text();
                }
                parsed.push(p);
                let done = files_read.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                read(done, candidates.len());
            }
            Run {
                parsed,
                bodies,
                documents,
                words: words.finish(),
            }
        })
        .collect();
    let mut parsed = Vec::with_capacity(candidates.len());
    let mut bodies = Vec::with_capacity(candidates.len());
    let mut slots = Vec::with_capacity(candidates.len());
    let mut chunks = Vec::with_capacity(runs.len());
    for (c, run) in runs.into_iter().enumerate() {
        for ((p, body), document) in run.parsed.into_iter().zip(run.bodies).zip(run.documents) {
            // Only the files the archive keeps, so that both are indexed by file.
            if p.is_rfc() {
                bodies.push(body);
                slots.push(document.map(|d| (c as u32, d)));
            }
            parsed.push(p);
        }
        chunks.push(run.words);
    }
    let archive = Archive::read(candidates, parsed, walked);
    crate::terminal::timing("read, parse and render bodies", started);
    Ok((
        archive,
        Prepared {
            bodies,
            pages,
            chunks,
            slots,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::render::theme::Theme;

    /// A body that must be rendered again (it mentions an RFC whose id is in its front
    /// matter) is read again; if its file changed since the reading, nothing is published.
    #[test]
    fn a_body_to_render_again_from_a_changed_file_stops_the_build() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "book.toml",
            "[book]\ntitle = \"T\"\n\n[rfc.lints]\nbad-file-name = \"warn\"\n",
        );
        let sections = "## Problem\n\np\n\n## Approach\n\na\n\n## Alternatives\n\nn\n\n\
                        ## Rationale\n\nr\n";
        let front = "status: proposed\nauthors: [Ada]\ncreated: 2026-11-01\n";
        write(
            "rfcs/policy.md",
            &format!("---\ntitle: Policy\nid: 7\n{front}---\n{sections}"),
        );
        write(
            "rfcs/0001-uses-it.md",
            &format!("---\ntitle: Uses it\n{front}---\nAs RFC 7 says.\n\n{sections}"),
        );
        let config = Config::load(dir.path()).unwrap();
        let (archive, prepared) = load(&config, &|_, _| {}).unwrap();
        assert_eq!(archive.rfcs.len(), 2);
        write(
            "rfcs/0001-uses-it.md",
            "---\ntitle: Changed meanwhile, and longer\n---\n",
        );
        let theme = Theme::load(None, dir.path()).unwrap();
        let today = crate::parse::parse_date("2026-11-26").unwrap();
        let index = crate::render::Index::new(&archive, &config);
        let result = crate::render::site(index, prepared, &theme, today, &|_| {}, &|_| Ok(()));
        match result {
            Err(e @ Error::Changed { .. }) => {
                assert_eq!(e.code(), "RFC9103");
                assert!(e.to_string().contains("0001-uses-it.md"), "{e}");
            }
            Err(e) => panic!("another error: {e}"),
            Ok(_) => panic!("the build went on with a changed file"),
        }
    }
}
