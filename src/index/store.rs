//! The tantivy index in `.rfcbook/index/`: its schema, and how it is opened, checked and
//! brought up to date with the archive. A stale, corrupt or foreign index is rebuilt,
//! never trusted.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument, Term};

use super::document::{self, Searchable};
use super::tokenize::{self, ANALYZER};
use crate::archive::Archive;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::SectionKind;

/// Changes whenever the schema, the analyzer or the text indexed changes (4: no space where
/// only markup was; 5: a stored excerpt; 6: tags and authors as words of the body): an
/// index with another version is rebuilt.
const FORMAT: &str = "rfcbook-index 6";
const FORMAT_FILE: &str = "rfcbook-index.txt";
/// The `stamp::sources` of the archive when the index was last brought up to date.
const STAMP_FILE: &str = "rfcbook-sources.txt";

/// The fields of a search document.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub path: Field,
    pub hash: Field,
    pub title: Field,
    pub sections: [Field; 4],
    pub body: Field,
    /// What a hit shows when nothing in its body matched: stored, not indexed.
    pub excerpt: Field,
    /// Title and body words unstemmed, indexed without positions: for typo tolerance and
    /// suggestions, which must work on words as people type them.
    pub words: Field,
    pub authors: Field,
    pub tags: Field,
    pub status: Field,
    pub created: Field,
    pub decided: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    // Tags and statuses are matched whole and in any case (`--tag Database`), and kept
    // as written, stored and as fast fields: the search page's filters count them.
    let label = || {
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenize::LABEL_ANALYZER)
                    .set_index_option(IndexRecordOption::Basic),
            )
            .set_stored()
            .set_fast("raw")
    };
    let number = NumericOptions::default()
        .set_stored()
        .set_fast()
        .set_indexed();
    let fields = Fields {
        id: b.add_u64_field("id", number.clone()),
        path: b.add_text_field("path", STRING | STORED),
        hash: b.add_u64_field("hash", NumericOptions::default().set_stored()),
        title: b.add_text_field("title", text(true)),
        sections: SectionKind::ALL.map(|k| b.add_text_field(k.name(), text(false))),
        body: b.add_text_field("body", text(true)),
        excerpt: b.add_text_field("excerpt", STORED),
        words: b.add_text_field(
            "words",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenize::SURFACE_ANALYZER)
                    .set_index_option(IndexRecordOption::Basic),
            ),
        ),
        authors: b.add_text_field("authors", text(true)),
        tags: b.add_text_field("tags", label()),
        status: b.add_text_field("status", label()),
        created: b.add_i64_field("created", NumericOptions::default().set_fast()),
        decided: b.add_i64_field("decided", NumericOptions::default().set_fast()),
    };
    (b.build(), fields)
}

pub(crate) struct SearchIndex {
    pub reader: IndexReader,
    pub fields: Fields,
    /// The word before an RFC's number in this archive, lower case (`rfc`, `adr`, `eip`):
    /// a query "ADR 12" names ADR 12.
    pub series: String,
}

impl SearchIndex {
    /// The cache folder of an archive.
    pub(crate) fn folder(config: &Config) -> PathBuf {
        config.root.join(".rfcbook").join("index")
    }

    /// Opens the index, refreshing it first when a file of the archive changed since the
    /// last refresh (one walk tells; nothing is parsed when nothing changed). Returns the
    /// index and how many RFCs were (re)indexed.
    pub(crate) fn open(config: &Config, quiet: bool) -> Result<(SearchIndex, usize)> {
        SearchIndex::open_or_rebuild(config, quiet, false)
    }

    /// Throws the index away and makes it again: one that failed a query (its files were
    /// damaged) is never trusted. Under the same lock as [`SearchIndex::open`], so that no
    /// other process is reading or writing the folder meanwhile.
    pub(crate) fn rebuild(config: &Config, quiet: bool) -> Result<(SearchIndex, usize)> {
        SearchIndex::open_or_rebuild(config, quiet, true)
    }

    fn open_or_rebuild(
        config: &Config,
        quiet: bool,
        rebuild: bool,
    ) -> Result<(SearchIndex, usize)> {
        match SearchIndex::on_disk(config, quiet, rebuild) {
            // A checkout the user may only read (a shared clone, a read-only mount), or
            // a file where the cache folder would be: search it all the same, with an
            // index made in memory for this search.
            Err(Error::Io { source, path, .. })
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::PermissionDenied
                        | std::io::ErrorKind::ReadOnlyFilesystem
                        | std::io::ErrorKind::NotADirectory
                        | std::io::ErrorKind::AlreadyExists
                ) =>
            {
                crate::terminal::note(
                    quiet,
                    &format!(
                        "note: the search index cannot be kept in {} ({source}): searching without it",
                        path.display()
                    ),
                );
                SearchIndex::in_memory(config)
            }
            other => other,
        }
    }

    /// Every RFC indexed afresh, in memory: nothing is written.
    fn in_memory(config: &Config) -> Result<(SearchIndex, usize)> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        register(&index);
        let archive = Archive::load(config)?;
        let memory = Path::new("memory");
        let changed = update(&index, fields, config, &archive, config_stamp(config))
            .map_err(|e| index_error(memory, &e))?;
        let reader = index.reader().map_err(|e| index_error(memory, &e))?;
        Ok((SearchIndex::new(config, reader, fields), changed))
    }

    fn on_disk(config: &Config, quiet: bool, rebuild: bool) -> Result<(SearchIndex, usize)> {
        let dir = SearchIndex::folder(config);
        let _maintaining = maintenance_lock(&dir, quiet)?;
        if rebuild && dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io("remove", &dir, e))?;
        }
        let stamp = format!("{:016x}", crate::stamp::sources(config));
        let recorded = std::fs::read_to_string(dir.join(STAMP_FILE)).unwrap_or_default();
        if recorded.trim() == stamp {
            let (schema, fields) = schema();
            let opened = survived(|| {
                let index = open(&dir).filter(|i| i.schema() == schema)?;
                register(&index);
                index.reader().ok()
            });
            if let Some(Some(reader)) = opened {
                return Ok((SearchIndex::new(config, reader, fields), 0));
            }
        }
        let archive = Archive::load(config)?;
        let (index, changed) = SearchIndex::refresh(config, &archive)?;
        std::fs::write(dir.join(STAMP_FILE), format!("{stamp}\n"))
            .map_err(|e| Error::io("write", &dir, e))?;
        Ok((index, changed))
    }

    /// Opens the index and brings it up to date with `archive`, rebuilding it when it is
    /// missing, from another version, or unreadable. Returns how many RFCs were (re)indexed.
    /// The caller holds the [`maintenance_lock`].
    fn refresh(config: &Config, archive: &Archive) -> Result<(SearchIndex, usize)> {
        let dir = SearchIndex::folder(config);
        let (schema, fields) = schema();
        let index = match survived(|| open(&dir)).flatten() {
            Some(index) if index.schema() == schema => index,
            _ => create(&dir, schema)?,
        };
        register(&index);
        let stamp = config_stamp(config);
        let updated = survived(|| {
            let changed = update(&index, fields, config, archive, stamp)?;
            index.reader().map(|reader| (reader, changed))
        });
        if let Some(Ok((reader, changed))) = updated {
            return Ok((SearchIndex::new(config, reader, fields), changed));
        }
        // A corrupt index (an error, or a panic in tantivy): start again from nothing, once.
        let index = create(&dir, index.schema())?;
        register(&index);
        let changed =
            update(&index, fields, config, archive, stamp).map_err(|e| index_error(&dir, &e))?;
        let reader = index.reader().map_err(|e| index_error(&dir, &e))?;
        Ok((SearchIndex::new(config, reader, fields), changed))
    }

    fn new(config: &Config, reader: IndexReader, fields: Fields) -> SearchIndex {
        let series = config
            .rfc
            .file_name
            .label_prefix()
            .trim()
            .trim_end_matches(['-', '_'])
            .to_lowercase();
        SearchIndex {
            reader,
            fields,
            series,
        }
    }
}

/// The lock file beside the index folder (which a rebuild removes and creates again).
const LOCK_FILE: &str = "index.lock";

/// Waits until no other rfcbook process (a `search` in another terminal, a `serve`) is
/// checking or updating the index, and keeps them out until dropped. Without it, two
/// processes that found the index stale both wrote it, and one of them removed the folder
/// the other was writing (RFC9102, "Directory not empty"). The operating system releases
/// the lock of a process that ends, however it ends.
fn maintenance_lock(dir: &Path, quiet: bool) -> Result<std::fs::File> {
    let cache = dir.parent().unwrap_or(dir);
    // The index is removed and made afresh inside the cache: through a link (which a
    // pull request could add), that would remove a folder somewhere else.
    for path in [cache, dir] {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::io(
                "use",
                path,
                std::io::Error::other(
                    "it is a symbolic link, and rfcbook does not follow links for its cache: remove it",
                ),
            ));
        }
    }
    std::fs::create_dir_all(cache).map_err(|e| Error::io("create", cache, e))?;
    // The cache is not for git: a .gitignore inside it keeps it out of any repository.
    let ignore = cache.join(".gitignore");
    if !ignore.exists() {
        let _ = std::fs::write(ignore, "*\n");
    }
    let path = cache.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io("open", &path, e))?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => crate::terminal::note(
            quiet,
            "waiting for another rfcbook to finish updating the search index",
        ),
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io("lock", &path, e)),
    }
    file.lock().map_err(|e| Error::io("lock", &path, e))?;
    Ok(file)
}

fn register(index: &Index) {
    index.tokenizers().register(ANALYZER, tokenize::analyzer());
    index
        .tokenizers()
        .register(tokenize::LABEL_ANALYZER, tokenize::label_analyzer());
    index
        .tokenizers()
        .register(tokenize::SURFACE_ANALYZER, tokenize::surface_analyzer());
}

fn index_error(dir: &Path, e: &dyn std::fmt::Display) -> Error {
    Error::io(
        "use the search index in",
        dir,
        std::io::Error::other(e.to_string()),
    )
}

fn open(dir: &Path) -> Option<Index> {
    let format = std::fs::read_to_string(dir.join(FORMAT_FILE)).ok()?;
    if format.trim() != FORMAT {
        return None;
    }
    Index::open_in_dir(dir).ok()
}

fn create(dir: &Path, schema: Schema) -> Result<Index> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| Error::io("remove", dir, e))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let index = Index::create_in_dir(dir, schema).map_err(|e| index_error(dir, &e))?;
    std::fs::write(dir.join(FORMAT_FILE), format!("{FORMAT}\n"))
        .map_err(|e| Error::io("write", dir, e))?;
    Ok(index)
}

/// What a change of configuration changes in the index: section titles and aliases, and
/// the status vocabulary.
fn config_stamp(config: &Config) -> u64 {
    let mut f = crate::render::Fingerprint::default();
    for kind in SectionKind::ALL {
        f.add(config.rfc.sections.title(kind).as_bytes());
    }
    for status in config.rfc.statuses.names() {
        f.add(status.as_bytes());
    }
    f.add(
        std::fs::read(config.root.join(crate::config::CONFIG_FILE))
            .unwrap_or_default()
            .as_slice(),
    );
    f.finish()
}

/// Deletes what left or changed, adds what is new or changed; commits only if needed.
fn update(
    index: &Index,
    fields: Fields,
    config: &Config,
    archive: &Archive,
    stamp: u64,
) -> tantivy::Result<usize> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut indexed: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(64)?;
        for doc_id in segment.doc_ids_alive() {
            let doc: TantivyDocument = store.get(doc_id)?;
            let path = doc
                .get_first(fields.path)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            let hash = doc
                .get_first(fields.hash)
                .and_then(|v| v.as_u64())
                .unwrap_or(0);
            indexed.insert(path, hash);
        }
    }
    // Files without an RFC number (chapters, translations, misnamed files) are not RFCs:
    // `check` reports them, search leaves them out.
    let wanted: Vec<&crate::model::Rfc> = archive
        .rfcs
        .iter()
        .filter(|r| r.id.is_some())
        .filter(|r| {
            let source = archive.source(r);
            indexed.get(&source.rel) != Some(&document::content_hash(source.text(), stamp))
        })
        .collect();
    let current: std::collections::HashSet<&str> = archive
        .rfcs
        .iter()
        .filter(|r| r.id.is_some())
        .map(|r| archive.source(r).rel.as_str())
        .collect();
    let removed: Vec<&String> = indexed
        .keys()
        .filter(|p| !current.contains(String::as_str(p)))
        .collect();
    if wanted.is_empty() && removed.is_empty() {
        return Ok(0);
    }
    let docs: Vec<Searchable> = wanted
        .par_iter()
        .map(|r| document::extract(archive, config, r, stamp))
        .collect();
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 64 * 1024 * 1024)?;
    for path in removed {
        writer.delete_term(Term::from_field_text(fields.path, path));
    }
    for doc in &docs {
        writer.delete_term(Term::from_field_text(fields.path, &doc.path));
        writer.add_document(to_document(fields, doc))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(docs.len())
}

fn to_document(fields: Fields, s: &Searchable) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(fields.id, s.id);
    doc.add_text(fields.path, &s.path);
    doc.add_u64(fields.hash, s.hash);
    doc.add_text(fields.title, &s.title);
    for kind in SectionKind::ALL {
        doc.add_text(fields.sections[kind as usize], s.section(kind));
    }
    doc.add_text(fields.body, &s.body);
    // A second value: searched as the body is, never shown (snippets read the first).
    let labels = document::label_words(
        s.tags.iter().map(String::as_str),
        s.authors.iter().map(String::as_str),
    );
    doc.add_text(fields.body, &labels);
    doc.add_text(fields.excerpt, &s.excerpt);
    doc.add_text(fields.words, &s.title);
    doc.add_text(fields.words, &s.body);
    doc.add_text(fields.words, &labels);
    for author in &s.authors {
        doc.add_text(fields.authors, author);
    }
    for tag in &s.tags {
        doc.add_text(fields.tags, tag);
    }
    doc.add_text(fields.status, &s.status);
    if let Some(d) = s.created {
        doc.add_i64(fields.created, d);
    }
    if let Some(d) = s.decided {
        doc.add_i64(fields.decided, d);
    }
    doc
}

thread_local! {
    /// Set while this thread runs [`survived`]: its panics are expected, not bugs.
    static EXPECTING_PANIC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a panic on this thread is one [`survived`] expects: the binary's panic hook
/// then reports nothing. (A flag per thread, not another hook: `serve` opens the index on
/// one thread while others answer requests, whose panics must still be reported.)
pub fn panic_is_expected() -> bool {
    EXPECTING_PANIC.with(std::cell::Cell::get)
}

/// What `f` returns, or `None` if it panicked, without the panic's report: tantivy asserts
/// on index files it finds damaged (a disk error, a copy cut short), which is the cache's
/// fault, not a bug to report; the caller makes the index again. What `f` touched is not
/// used after a panic.
pub(crate) fn survived<T>(f: impl FnOnce() -> T) -> Option<T> {
    let before = EXPECTING_PANIC.with(|e| e.replace(true));
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    EXPECTING_PANIC.with(|e| e.set(before));
    out.ok()
}
