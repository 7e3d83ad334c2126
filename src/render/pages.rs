//! Page by page: the contexts the templates receive, and the site assembled from them.
//! RFC pages render in parallel; listings, home, table, graph and feeds follow.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tera::Context;

use super::feeds::{self, JsonEntry, JsonSections};
use super::markdown::{self, Links, Pages};
use super::prepare::{PageBody, Prepared};
use super::svg::{self, EdgeKind, Node, Quarter};
use super::theme::Theme;
use super::{OutputFile, Site, Summary, class_name, status_class, status_classes};
use crate::archive::Archive;
use crate::config::{Config, Statuses};
use crate::error::{Error, Result};
use crate::index::web::{Chunk, Slot, WebDocument};
use crate::model::{Date, Rfc, RfcId, SectionKind, StatusRole, days_between};
use crate::naming::FileNamePattern;
use crate::source::Spanned;
use crate::tags::Spellings;

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    description: Option<&'a str>,
    /// `[book] authors`, for a theme's footer or meta tags.
    authors: &'a [String],
    language: &'a str,
    /// `rtl` for a language written right to left (`ar`, `he`, `fa`…), else `ltr`: the
    /// `dir` of every page, which `lang` alone does not set.
    dir: &'static str,
    /// `site-url` as written, for a theme's canonical or `og:url` links.
    url: &'a str,
    repository_url: Option<&'a str>,
    generator: &'a str,
    /// The theme's icon (`static/favicon.svg`, `.png` or `.ico`), if it has one: linked by
    /// every page without a base.html of one's own.
    favicon: Option<&'a str>,
    /// Whether the theme has `static/custom.css`, which every page loads after the default
    /// style: a few rules of one's own without copying style.css (mdBook's
    /// `additional-css`).
    custom_css: bool,
}

#[derive(Serialize)]
struct PageInfo<'a> {
    title: &'a str,
    kind: &'a str,
}

#[derive(Serialize, Clone)]
struct Term {
    name: String,
    count: usize,
    url: String,
}

#[derive(Serialize)]
struct NamedLink {
    name: String,
    url: String,
}

/// What the site knows about the archive, computed once for every page. It needs only
/// the archive read, so a build makes it while the archive is validated (rfcs/0014).
pub(crate) struct Index<'a> {
    archive: &'a Archive,
    config: &'a Config,
    /// RFC indexes in id order: the order of listings, prev/next and feeds.
    order: Vec<usize>,
    summaries: Vec<Summary>,
    /// Each summary as a template value, made once: RFC pages, listings and the table show
    /// every summary many times, and a value is shared, not copied.
    values: Vec<tera::Value>,
    /// Where each RFC's page is, by source path and by unique id.
    pages: Pages,
    unique: FxHashMap<RfcId, usize>,
    /// The files of each number taken more than once (`duplicate-id` allowed).
    duplicates: FxHashMap<RfcId, Vec<usize>>,
    backlinks: Vec<BTreeSet<usize>>,
    /// Per RFC: the RFCs that name it in `related`. A relation is mutual, and a reader of
    /// either RFC should find the other, whichever of the two wrote it down.
    related_from: Vec<BTreeSet<usize>>,
    /// Supersession recorded on one side only shows on both, as `related` does (GOV.UK
    /// Forms writes `Superseded by` on the old ADR alone): per RFC, the RFCs that say it
    /// supersedes them, and the first RFC that says it supersedes this one.
    superseded_from: Vec<BTreeSet<usize>>,
    superseder: Vec<Option<usize>>,
    /// Per RFC: where following its successors ends (itself when it has none), worked out
    /// once for all: walked per page, a chain of thousands of supersessions made the
    /// build cubic in its length.
    chain_end: Vec<usize>,
    /// RFCs without a known status, in id order: listed under "unknown", as their pages
    /// show them, so that the counts of the statuses add up to the archive.
    no_status: Vec<usize>,
    /// Tags by the name the site shows them under: one tag in any case (`crate::tags`).
    tags: BTreeMap<String, Vec<usize>>,
    spellings: Spellings,
    /// Authors by the name the site shows them under: one person in any case.
    authors: BTreeMap<String, Vec<usize>>,
    names: Spellings,
    years: BTreeMap<i16, Vec<usize>>,
    term_urls: FxHashMap<(&'static str, String), String>,
}

/// Renders every file of the site and hands each to `write` as soon as it is made (from
/// several threads). `done` is told how many RFC pages are finished. `prepared` holds
/// the bodies and words made while the archive was read.
pub(crate) fn site(
    index: Index<'_>,
    prepared: Prepared,
    theme: &Theme,
    today: Date,
    done: &(dyn Fn(usize) + Sync),
    write: &(dyn Fn(OutputFile) -> Result<()> + Sync),
) -> Result<Site> {
    let (archive, config) = (index.archive, index.config);
    let started = std::time::Instant::now();
    let generator = format!("rfcbook {}", env!("CARGO_PKG_VERSION"));
    let info = SiteInfo {
        title: &config.title,
        description: config.description.as_deref(),
        authors: &config.authors,
        language: &config.language,
        dir: direction(&config.language),
        url: &config.html.site_url,
        repository_url: config.html.git_repository_url.as_deref(),
        generator: &generator,
        favicon: ["favicon.svg", "favicon.png", "favicon.ico"]
            .into_iter()
            .find(|icon| theme.statics.iter().any(|(path, _)| path == icon)),
        custom_css: theme.statics.iter().any(|(path, _)| path == "custom.css"),
    };
    let renderer = Renderer {
        theme,
        site: tera::Value::from_serializable(&info),
    };
    let Prepared {
        bodies,
        pages,
        chunks,
        slots,
    } = prepared;
    if bodies.len() != archive.sources.len() {
        // Pages would be rendered without their bodies.
        return Err(Error::Internal {
            message: format!(
                "the site was given {} bodies for {} files",
                bodies.len(),
                archive.sources.len()
            ),
        });
    }
    let mut bodies = correct(archive, config, &index.pages, &pages, bodies)?;
    drop(pages);
    anchors_across(archive, &index.pages, &mut bodies);
    crate::terminal::timing("render: check links of bodies", started);
    let started = std::time::Instant::now();
    // The documents' words, in the order of the documents.
    let order: Vec<Slot> = index
        .order
        .iter()
        .filter(|&&i| archive.rfcs[i].id.is_some())
        .map(|&i| slots.get(archive.rfcs[i].file).copied().flatten())
        .collect::<Option<_>>()
        .ok_or_else(|| Error::Internal {
            message: "an RFC with an id was read without its words".into(),
        })?;
    // What search results show of each RFC, in id order: known before any page is made,
    // so the whole static index can be made beside the pages.
    let documents: Vec<WebDocument<'_>> = index
        .order
        .iter()
        .filter(|&&i| archive.rfcs[i].id.is_some())
        .map(|&i| WebDocument {
            summary: &index.summaries[i],
            tags: index.summaries[i]
                .tags
                .iter()
                .fold(Vec::new(), |mut tags, t| {
                    let name = index.spellings.name(t);
                    if !tags.contains(&name) {
                        tags.push(name);
                    }
                    tags
                }),
            excerpt: bodies
                .get_mut(archive.rfcs[i].file)
                .and_then(Option::as_mut)
                .map(|b| std::mem::take(&mut b.excerpt))
                .unwrap_or_default(),
        })
        .collect();
    let bodies: Vec<Mutex<Option<PageBody>>> = bodies.into_iter().map(Mutex::new).collect();
    let finished = AtomicUsize::new(0);
    let pages = AtomicUsize::new(0);
    let write = |file: OutputFile| {
        if file.path.ends_with(".html") {
            pages.fetch_add(1, Ordering::Relaxed);
        }
        write(file)
    };
    let write_all = |files: Vec<OutputFile>| files.into_par_iter().try_for_each(write);
    let positions: Vec<usize> = (0..index.order.len()).collect();
    let rfc_pages = || {
        let started = std::time::Instant::now();
        let runs = positions
            .par_chunks(crate::index::web::run_length(positions.len()))
            .map(|positions| {
                let mut assets = Vec::new();
                for &position in positions {
                    let i = index.order[position];
                    let body = bodies
                        .get(index.archive.rfcs[i].file)
                        .and_then(|b| b.lock().unwrap_or_else(PoisonError::into_inner).take())
                        .unwrap_or_default();
                    write(rfc_page(&index, &renderer, position, &body.html)?)?;
                    done(finished.fetch_add(1, Ordering::Relaxed) + 1);
                    assets.extend(body.assets.into_iter().map(|a| (a, i)));
                }
                Ok(assets)
            })
            .collect::<Result<Vec<Vec<(String, usize)>>>>();
        crate::terminal::timing("render: RFC pages", started);
        runs
    };
    let search = || {
        let started = std::time::Instant::now();
        let files = static_search(&index, &documents, chunks, &order);
        crate::terminal::timing("render: static search index", started);
        write_all(files)
    };
    let others = || -> Result<()> {
        let started = std::time::Instant::now();
        // Each page on its own: the table and the graph show the whole archive, and made
        // one after the other they were a tail that kept one core idle.
        let single: [&(dyn Fn() -> Result<Vec<OutputFile>> + Sync); 6] = [
            &|| Ok(vec![home(&index, &renderer, today)?]),
            &|| Ok(vec![table(&index, &renderer)?]),
            &|| Ok(vec![graph(&index, &renderer)?]),
            &|| {
                Ok(vec![
                    not_found(&renderer, &config.html.site_path())?,
                    search_page(&renderer)?,
                ])
            },
            &|| Ok(machine_outputs(&index, &generator, today)),
            &|| {
                Ok(theme
                    .statics
                    .iter()
                    .map(|(path, bytes)| OutputFile {
                        path: format!("static/{path}"),
                        bytes: bytes.clone(),
                    })
                    .collect())
            },
        ];
        let (listed, single) = rayon::join(
            || write_all(listings(&index, &renderer)?),
            || {
                single
                    .par_iter()
                    .try_for_each(|make| make()?.into_iter().try_for_each(write))
            },
        );
        listed?;
        single?;
        crate::terminal::timing("render: listings, home, table, graph, feeds", started);
        Ok(())
    };
    // The RFC pages, the static search index and the other pages are independent: made
    // side by side, they keep both cores busy through each one's sequential steps. The
    // index starts first, as its longest step is sequential; the other pages are next in
    // line for the other core, so that none of them is left for the end.
    let (runs, (others, search)) = rayon::join(rfc_pages, || rayon::join(others, search));
    let linked: Vec<(String, usize)> = runs?.into_iter().flatten().collect();
    search?;
    others?;
    crate::terminal::timing("render: pages, listings and static search index", started);
    let (assets, documents) = linked_documents(&index, &renderer, linked, &write)?;
    Ok(Site {
        pages: pages.load(Ordering::Relaxed),
        assets,
        documents,
    })
}

/// The files RFCs link to, as the files to copy and the Markdown documents rendered into
/// pages of their own (rfcs/0035); a document's own links are followed in turn. Each
/// page names the RFCs that link to it. Few archives have any: nothing is read when none
/// is linked.
fn linked_documents(
    index: &Index<'_>,
    renderer: &Renderer<'_>,
    linked: Vec<(String, usize)>,
    write: &(dyn Fn(OutputFile) -> Result<()> + Sync),
) -> Result<(Vec<String>, Vec<String>)> {
    let mut referrers: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (asset, i) in linked {
        referrers.entry(asset).or_default().insert(i);
    }
    let mut assets: BTreeSet<String> = BTreeSet::new();
    let mut documents: BTreeSet<String> = BTreeSet::new();
    let mut waiting: Vec<String> = referrers.keys().cloned().collect();
    while let Some(rel) = waiting.pop() {
        if documents.contains(&rel) || assets.contains(&rel) {
            continue;
        }
        let Some(document) = super::documents::read(index.config, &index.pages, &rel) else {
            assets.insert(rel);
            continue;
        };
        let by: Vec<&Summary> = referrers
            .get(&rel)
            .into_iter()
            .flatten()
            .map(|&i| &index.summaries[i])
            .collect();
        let mut context = Context::new();
        context.insert("content", &document.html);
        context.insert("linked_from", &by);
        context.insert("source", &rel);
        write(renderer.render(
            "document.html",
            document.file,
            "../",
            PageInfo {
                title: &document.title,
                kind: "document",
            },
            context,
        )?)?;
        waiting.extend(document.linked);
        if document.copied {
            assets.insert(rel.clone());
        }
        documents.insert(rel);
    }
    Ok((
        assets.into_iter().collect(),
        documents.into_iter().collect(),
    ))
}

/// The direction a language tag's script is written in. A tag's script subtag wins
/// (`az-Arab` is right to left, `ku-Latn` left to right); else its language's usual one.
fn direction(language: &str) -> &'static str {
    const RTL_SCRIPTS: [&str; 6] = ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm"];
    const RTL_LANGUAGES: [&str; 12] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi",
    ];
    let lower = language.to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    if let Some(script) = parts.find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return if RTL_SCRIPTS.contains(&script) {
            "rtl"
        } else {
            "ltr"
        };
    }
    if RTL_LANGUAGES.contains(&primary) {
        "rtl"
    } else {
        "ltr"
    }
}

struct Renderer<'a> {
    theme: &'a Theme,
    /// The [`SiteInfo`] every page is given, made a template value once.
    site: tera::Value,
}

impl Renderer<'_> {
    fn render(
        &self,
        template: &str,
        path: String,
        root: &str,
        page: PageInfo<'_>,
        context: Context,
    ) -> Result<OutputFile> {
        self.render_sized(template, path, root, page, context, 0)
    }

    /// [`Self::render`] for a page that holds about `size` bytes besides its template's
    /// own (an RFC's body): its buffer is made that large at once, not grown by copies.
    fn render_sized(
        &self,
        template: &str,
        path: String,
        root: &str,
        page: PageInfo<'_>,
        mut context: Context,
        size: usize,
    ) -> Result<OutputFile> {
        context.insert_value("site", self.site.clone());
        context.insert("root", root);
        context.insert("page", &page);
        let mut bytes = Vec::with_capacity(size + PAGE_ROOM);
        self.theme
            .tera
            .render_to(template, &context, &mut bytes)
            .map_err(|e| self.theme.render_error(&path, template, &e))?;
        Ok(OutputFile { path, bytes })
    }
}

/// What a page holds besides what [`Renderer::render_sized`] is told of: the default
/// theme's RFC page is about 4 KB around its body, its relations included.
const PAGE_ROOM: usize = 8 * 1024;

impl<'a> Index<'a> {
    pub(crate) fn new(archive: &'a Archive, config: &'a Config) -> Index<'a> {
        let started = std::time::Instant::now();
        let mut order: Vec<usize> = (0..archive.rfcs.len()).collect();
        order.sort_by_key(|&i| (archive.rfcs[i].id.is_none(), archive.rfcs[i].id, i));
        let ids = archive.ids();
        let unique: FxHashMap<RfcId, usize> = ids
            .iter()
            .filter(|(_, v)| v.len() == 1)
            .map(|(id, v)| (*id, v[0]))
            .collect();
        let duplicates: FxHashMap<RfcId, Vec<usize>> =
            ids.into_iter().filter(|(_, v)| v.len() > 1).collect();
        let pages = Pages::new(
            archive
                .rfcs
                .iter()
                .map(|r| (archive.source(r).rel.as_str(), r.id)),
        );
        let summaries: Vec<Summary> = archive
            .rfcs
            .par_iter()
            .map(|r| summary(archive, config, &pages, r))
            .collect();
        let values = summaries
            .par_iter()
            .map(tera::Value::from_serializable)
            .collect();
        let names = Spellings::names(
            summaries
                .iter()
                .flat_map(|s| s.authors.iter().map(String::as_str)),
        );
        let mut index = Index {
            archive,
            config,
            order,
            summaries,
            values,
            pages,
            unique,
            duplicates,
            backlinks: vec![BTreeSet::new(); archive.rfcs.len()],
            related_from: vec![BTreeSet::new(); archive.rfcs.len()],
            superseded_from: vec![BTreeSet::new(); archive.rfcs.len()],
            superseder: vec![None; archive.rfcs.len()],
            chain_end: Vec::new(),
            no_status: Vec::new(),
            tags: BTreeMap::new(),
            spellings: Spellings::of(archive),
            authors: BTreeMap::new(),
            names,
            years: BTreeMap::new(),
            term_urls: FxHashMap::default(),
        };
        index.no_status = index
            .order
            .iter()
            .copied()
            .filter(|&i| {
                let front = archive.rfcs[i].front.as_ref();
                front.and_then(|f| f.status.as_ref()).is_none()
            })
            .collect();
        index.relate();
        index.chain_end = index.chain_ends();
        index.name_terms();
        crate::terminal::timing("render: index", started);
        index
    }

    /// [`Index::chain_end`]: each chain is walked once, and every RFC on it learns its end.
    /// (`check` refuses cycles; a walk that meets one ends before repeating.)
    fn chain_ends(&self) -> Vec<usize> {
        const UNKNOWN: usize = usize::MAX;
        let n = self.archive.rfcs.len();
        let mut end = vec![UNKNOWN; n];
        let mut on_walk = vec![false; n];
        let mut path = Vec::new();
        for start in 0..n {
            let mut at = start;
            let last = loop {
                if end[at] != UNKNOWN {
                    break end[at];
                }
                path.push(at);
                on_walk[at] = true;
                match self.successor(at) {
                    Some(next) if on_walk[next] => break at,
                    Some(next) => at = next,
                    None => break at,
                }
            };
            for &i in &path {
                end[i] = last;
                on_walk[i] = false;
            }
            path.clear();
        }
        end
    }

    /// Backlinks (links and mentions) and the term groupings.
    fn relate(&mut self) {
        let archive = self.archive;
        let by_path: FxHashMap<&str, usize> = archive
            .rfcs
            .iter()
            .enumerate()
            .map(|(i, r)| (archive.source(r).rel.as_str(), i))
            .collect();
        // What each RFC links to or mentions, resolved in parallel (link targets are
        // decoded and resolved paths); then recorded in order.
        let unique = &self.unique;
        let targets: Vec<Vec<usize>> = self
            .order
            .par_iter()
            .map(|&i| {
                let rfc = &archive.rfcs[i];
                let Some(body) = &rfc.body else {
                    return Vec::new();
                };
                let from = archive.source(rfc).rel.as_str();
                let links = body.links.iter().filter_map(|link| {
                    let path = link.dest.split('#').next().unwrap_or("");
                    if path.is_empty() || crate::link::is_external(path) {
                        return None;
                    }
                    let target = crate::link::resolve(from, &crate::link::percent_decode(path))?;
                    by_path.get(target.as_str()).copied()
                });
                let mentions = body
                    .mentions
                    .iter()
                    .filter_map(|m| unique.get(&m.value).copied());
                links.chain(mentions).filter(|&j| j != i).collect()
            })
            .collect();
        for (&i, targets) in self.order.iter().zip(targets) {
            let rfc = &archive.rfcs[i];
            for j in targets {
                self.backlinks[j].insert(i);
            }
            let related = rfc.front.as_ref().map_or(&[][..], |f| f.related.as_slice());
            for id in related {
                if let Some(j) = self.target(i, id)
                    && j != i
                {
                    self.related_from[j].insert(i);
                }
            }
            if let Some(front) = &rfc.front {
                if let Some(j) = front
                    .superseded_by
                    .as_ref()
                    .and_then(|s| self.superseding(i, s))
                    && j != i
                {
                    self.superseded_from[j].insert(i);
                }
                for old in &front.supersedes {
                    if let Some(j) = self.target(i, old)
                        && j != i
                        && self.superseder[j].is_none()
                    {
                        self.superseder[j] = Some(i);
                    }
                }
            }
            let s = &self.summaries[i];
            for tag in &s.tags {
                let name = self.spellings.name(tag).to_string();
                let rfcs = self.tags.entry(name).or_default();
                // `[Security, security]` lists the RFC once.
                if rfcs.last() != Some(&i) {
                    rfcs.push(i);
                }
            }
            for author in &s.authors {
                let name = self.names.name(author).to_string();
                let rfcs = self.authors.entry(name).or_default();
                if rfcs.last() != Some(&i) {
                    rfcs.push(i);
                }
            }
            if let Some(created) = rfc.front.as_ref().and_then(|f| f.created.as_ref()) {
                self.years.entry(created.value.year()).or_default().push(i);
            }
        }
    }

    /// File names for tag, author and year pages, unique within each kind.
    fn name_terms(&mut self) {
        // Statuses no RFC has get no page (see `listings`).
        let statuses = &self.config.rfc.statuses;
        let mut used = vec![false; statuses.all().count()];
        for rfc in &self.archive.rfcs {
            if let Some(status) = rfc.front.as_ref().and_then(|f| f.status.as_ref()) {
                used[usize::from(status.value.0)] = true;
            }
        }
        let names: Vec<(&'static str, String)> = self
            .tags
            .keys()
            .map(|t| ("tags", t.clone()))
            .chain(self.authors.keys().map(|a| ("authors", a.clone())))
            .chain(self.years.keys().map(|y| ("years", y.to_string())))
            .chain(
                statuses
                    .all()
                    .filter(|s| used[usize::from(s.0)])
                    .map(|s| statuses.name(s))
                    .chain(self.unknown_status().map(|_| Statuses::UNKNOWN))
                    .map(|s| ("status", s.to_string())),
            )
            .collect();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        for (kind, name) in names {
            let spelled = if kind == "tags" {
                spelled_out(&name)
            } else {
                name.clone()
            };
            let base = match class_name(&spelled) {
                s if s.is_empty() => "term".to_string(),
                s => crate::render::markdown::shortened(&s).to_string(),
            };
            let mut file = format!("{kind}/{base}.html");
            let mut n = 2;
            while !taken.insert(file.clone()) {
                file = format!("{kind}/{base}-{n}.html");
                n += 1;
            }
            self.term_urls.insert((kind, name), file);
        }
    }

    fn term_url(&self, kind: &'static str, name: &str) -> String {
        self.term_urls
            .get(&(kind, name.to_string()))
            .cloned()
            .unwrap_or_default()
    }

    fn summary_of(&self, id: RfcId) -> Option<&Summary> {
        self.unique.get(&id).map(|&i| &self.summaries[i])
    }

    /// The summaries of RFCs (by index) as one template value.
    fn values(&self, rfcs: impl IntoIterator<Item = usize>) -> tera::Value {
        tera::Value::from(
            rfcs.into_iter()
                .map(|i| self.values[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    /// The RFCs shown under "unknown", when there are any (and no configured status has
    /// that name, whose listing would hold them all).
    fn unknown_status(&self) -> Option<&[usize]> {
        let configured = self.config.rfc.statuses.parse(Statuses::UNKNOWN).is_some();
        (!self.no_status.is_empty() && !configured).then_some(self.no_status.as_slice())
    }

    /// The RFCs that the relations of `i` name (see [`Index::target`]; ids that name no
    /// single RFC are left out).
    fn rfcs_of(&self, i: usize, ids: &[Spanned<RfcId>]) -> Vec<usize> {
        ids.iter().filter_map(|s| self.target(i, s)).collect()
    }

    /// The RFC a relation of `i` names: the one with that number, or of several
    /// (`duplicate-id` allowed: log4brains' dates) the file its link leads to
    /// (`- Supersedes: [x](20201029-x.md)`), as `check` reads it.
    fn target(&self, i: usize, relation: &Spanned<RfcId>) -> Option<usize> {
        if let Some(&j) = self.unique.get(&relation.value) {
            return Some(j);
        }
        let name = self.archive.rfcs[i]
            .front
            .as_ref()?
            .linked_file(relation.span)?;
        self.duplicates
            .get(&relation.value)?
            .iter()
            .copied()
            .find(|&j| {
                let rel = &self.archive.source(&self.archive.rfcs[j]).rel;
                rel.rsplit('/').next() == Some(name)
            })
    }

    fn value_of(&self, i: Option<usize>) -> tera::Value {
        i.map_or_else(tera::Value::none, |i| self.values[i].clone())
    }

    /// The previous or next RFC, as its link names it: by its label ("RFC 0012"), or by
    /// its title when other RFCs share its number (log4brains' records of one day are all
    /// `20200925`), where the label would not say which one it leads to.
    fn neighbour(&self, i: Option<usize>) -> tera::Value {
        match i {
            Some(i)
                if self.archive.rfcs[i]
                    .id
                    .is_some_and(|id| self.duplicates.contains_key(&id)) =>
            {
                let mut summary = self.summaries[i].clone();
                summary.label.clear();
                tera::Value::from_serializable(&summary)
            }
            _ => self.value_of(i),
        }
    }

    fn role(&self, rfc: &Rfc) -> Option<StatusRole> {
        self.config.rfc.statuses.role_of(rfc)
    }

    /// The RFC that superseded `i`: the one its `superseded-by` names, or else the first
    /// that says it supersedes `i`.
    fn successor(&self, i: usize) -> Option<usize> {
        let front = self.archive.rfcs[i].front.as_ref();
        front
            .and_then(|f| f.superseded_by.as_ref())
            .and_then(|s| self.superseding(i, s))
            .or(self.superseder[i])
            .filter(|&j| j != i)
    }

    /// The RFC numbered `id` that supersedes `i`: the one with the number, or of several
    /// (`duplicate-id` allowed) the file its link leads to, else the one that lists `i` in
    /// `supersedes`, as `check` reads it.
    fn superseding(&self, i: usize, by: &Spanned<RfcId>) -> Option<usize> {
        if let Some(j) = self.target(i, by) {
            return Some(j);
        }
        let id = by.value;
        let old = self.archive.rfcs[i].id?;
        self.duplicates.get(&id)?.iter().copied().find(|&j| {
            let front = self.archive.rfcs[j].front.as_ref();
            front.is_some_and(|f| f.supersedes.iter().any(|s| s.value == old))
        })
    }

    /// The RFC that `superseded-by` leads to from `i` in the end, following it through
    /// RFCs that were superseded in turn, when that is further than one step. (`check`
    /// refuses cycles; the walk stops at one anyway.)
    fn latest_successor(&self, i: usize) -> Option<usize> {
        let first = self.successor(i)?;
        let end = self.chain_end[first];
        (end != first && end != i).then_some(end)
    }
}

/// The display name of an author: `Ada Lovelace <ada@example.com>` → `Ada Lovelace`, and
/// `Vitalik Buterin (@vbuterin)` → `Vitalik Buterin`, as the EIPs write a GitHub handle:
/// one person written both ways has one page. `None` for "et al.", which names no one.
fn author_name(author: &str) -> Option<String> {
    let name = author.split('<').next().unwrap_or(author).trim();
    let name = match name.rfind("(@") {
        Some(at) if name.ends_with(')') => name[..at].trim(),
        _ => name,
    };
    let lower = name.trim_end_matches('.').to_lowercase();
    if matches!(lower.as_str(), "et al" | "and others" | "others") {
        return None;
    }
    Some(if name.is_empty() {
        author.trim().to_string()
    } else {
        name.to_string()
    })
}

fn summary(archive: &Archive, config: &Config, pages: &Pages, rfc: &Rfc) -> Summary {
    let front = rfc.front.as_ref();
    let status = config
        .rfc
        .statuses
        .shown(front.and_then(|f| f.status.as_ref()).map(|s| s.value))
        .to_string();
    let date = |d: Option<&crate::source::Spanned<Date>>| d.map(|d| d.value.to_string());
    let created = date(front.and_then(|f| f.created.as_ref()));
    let decided = date(front.and_then(|f| f.decided.as_ref()));
    let updated = date(front.and_then(|f| f.updated.as_ref()));
    let changed = [&updated, &decided, &created]
        .into_iter()
        .flatten()
        .max()
        .cloned();
    let rel = &archive.source(rfc).rel;
    let title = crate::index::document::title(archive, rfc, &config.rfc);
    let page = pages.name(rel);
    Summary {
        id: rfc.id.map(|i| i.0),
        number: rfc
            .id
            .map_or_else(String::new, |i| config.rfc.file_name.digits(i)),
        listed: rfc.id.map_or_else(String::new, |i| {
            let name = &config.rfc.file_name;
            name.listed(i).unwrap_or_else(|| name.digits(i))
        }),
        label: rfc
            .id
            .map_or_else(String::new, |i| config.rfc.file_name.label(i)),
        title,
        status_class: status_class(&config.rfc.statuses, &status),
        status_classes: status_classes(&config.rfc.statuses, &status),
        status,
        url: format!("rfcs/{page}"),
        page,
        file: pages.file(rel),
        created,
        decided,
        tags: front.map_or(Vec::new(), |f| {
            f.tags.iter().map(|t| t.value.clone()).collect()
        }),
        authors: front.map_or(Vec::new(), |f| {
            f.authors
                .iter()
                .filter_map(|a| author_name(&a.value))
                .collect()
        }),
        changed,
    }
}

#[derive(Serialize)]
struct RfcContext<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    authors: Vec<NamedLink>,
    tags: Vec<NamedLink>,
    updated: Option<String>,
    review_by: Option<String>,
    discussion: Option<&'a str>,
    edit_url: Option<String>,
    source: &'a str,
}

#[derive(Serialize)]
struct Heading<'a> {
    level: u8,
    text: &'a str,
    anchor: &'a str,
    /// Whether it starts one of the canonical sections, which the table of contents
    /// marks so that they are easy to jump to (rfcs/0012).
    section: bool,
}

#[derive(Serialize)]
struct SectionLink<'a> {
    label: &'a str,
    anchor: &'a str,
}

#[derive(Serialize)]
struct Banner<'a> {
    kind: &'static str,
    /// What the archive calls its records, as prose names them: `RFC`, `ADR`, `EIP`.
    noun: String,
    status: &'a str,
    by: Option<&'a Summary>,
    /// The end of the line of supersessions that starts with `by`, when `by` was itself
    /// superseded: where a reader who wants today's decision has to go.
    latest: Option<&'a Summary>,
}

/// The bodies read with `told` where RFC pages are, corrected where the archive (`pages`)
/// says otherwise: each body whose links `told` answered differently is rendered again
/// from its text, read again. Usually none is: the two differ only where ids come from
/// front matter. A file changed since it was read cannot be: the build stops.
fn correct(
    archive: &Archive,
    config: &Config,
    pages: &Pages,
    told: &Pages,
    mut bodies: Vec<Option<PageBody>>,
) -> Result<Vec<Option<PageBody>>> {
    if pages == told {
        return Ok(bodies);
    }
    let links = Links {
        pages,
        root: &config.root,
        word: config.rfc.file_name.mention_word(),
        names: &config.rfc.link_names,
    };
    let starts: FxHashMap<usize, (usize, crate::parse::Titled<'_>)> = archive
        .rfcs
        .iter()
        .filter_map(|r| {
            let titled = crate::parse::Titled::of(r.front.as_ref(), r.id);
            Some((r.file, (r.body.as_ref()?.start, titled)))
        })
        .collect();
    bodies
        .par_iter_mut()
        .enumerate()
        .try_for_each(|(file, body)| {
            let (Some(old), Some(&(start, titled))) = (body.as_mut(), starts.get(&file)) else {
                return Ok(());
            };
            if old.lookups.iter().all(|l| pages.agree(told, l)) {
                return Ok(());
            }
            let source = &archive.sources[file];
            let text = source.text_as_read().ok_or_else(|| Error::Changed {
                path: source.path.clone(),
            })?;
            let (_, new) = markdown::render(
                text,
                start,
                &source.rel,
                titled,
                &config.rfc.sections,
                &links,
            );
            old.html = new.html;
            old.assets = new.assets;
            old.lookups = new.lookups;
            old.anchored = new.anchored;
            Ok(())
        })?;
    Ok(bodies)
}

/// Links into other RFCs' pages pointed at their headings' anchors where they name them
/// in another case (`markdown::fragments_across`): only now is every RFC's known.
fn anchors_across(archive: &Archive, pages: &Pages, bodies: &mut [Option<PageBody>]) {
    if bodies.iter().flatten().all(|b| b.anchored.is_empty()) {
        return;
    }
    let by_path: FxHashMap<&str, &crate::model::Body> = archive
        .rfcs
        .iter()
        .filter_map(|r| Some((archive.source(r).rel.as_str(), r.body.as_ref()?)))
        .collect();
    bodies.par_iter_mut().flatten().for_each(|b| {
        let anchored = std::mem::take(&mut b.anchored);
        if !anchored.is_empty() {
            let html = std::mem::take(&mut b.html);
            b.html = markdown::fragments_across(html, &anchored, |path| {
                Some((pages.name(path), *by_path.get(path)?))
            });
        }
    });
}

fn rfc_page(
    index: &Index<'_>,
    renderer: &Renderer<'_>,
    position: usize,
    content: &str,
) -> Result<OutputFile> {
    let i = index.order[position];
    let archive = index.archive;
    let config = index.config;
    let rfc = &archive.rfcs[i];
    let source = archive.source(rfc);
    let summary = &index.summaries[i];
    let front = rfc.front.as_ref();
    let edit_url = config
        .html
        .edit_url_template
        .as_ref()
        .map(|t| t.replace("{path}", &super::markdown::url_path(&source.rel)));
    let context_rfc = RfcContext {
        summary,
        authors: summary
            .authors
            .iter()
            // One link per person, written as the RFC first names them.
            .fold(Vec::new(), |mut links: Vec<NamedLink>, a| {
                let url = index.term_url("authors", index.names.name(a));
                if !links.iter().any(|l| l.url == url) {
                    links.push(NamedLink {
                        name: a.clone(),
                        url,
                    });
                }
                links
            }),
        tags: summary
            .tags
            .iter()
            .map(|t| NamedLink {
                name: t.clone(),
                url: index.term_url("tags", index.spellings.name(t)),
            })
            .collect(),
        updated: front
            .and_then(|f| f.updated.as_ref())
            .map(|d| d.value.to_string()),
        review_by: front
            .and_then(|f| f.review_by.as_ref())
            .map(|d| d.value.to_string()),
        discussion: front
            .and_then(|f| f.discussion.as_ref())
            .map(|d| d.value.as_str())
            .filter(|u| super::sanitize::safe_url(u)),
        edit_url,
        source: &source.rel,
    };
    let headings: &[crate::model::Heading] =
        rfc.body.as_ref().map_or(&[], |b| b.headings.as_slice());
    let sections: Vec<SectionLink<'_>> = SectionKind::ALL
        .iter()
        .filter_map(|&kind| {
            let body = rfc.body.as_ref()?;
            let section = body.sections.iter().find(|s| s.kinds.contains(&kind))?;
            Some(SectionLink {
                label: config.rfc.sections.title(kind),
                anchor: &section.heading.anchor,
            })
        })
        .collect();
    let toc: Vec<Heading<'_>> = headings
        .iter()
        // An empty heading has no anchor to list.
        .filter(|h| !h.anchor.is_empty())
        .filter_map(|h| {
            let section = sections.iter().any(|s| s.anchor == h.anchor);
            ((2..=3).contains(&h.level) || section).then_some(Heading {
                level: h.level,
                text: &h.text,
                anchor: &h.anchor,
                section,
            })
        })
        .collect();
    // Relations resolved to RFCs once: the graph and the banner take their summaries,
    // the template their shared values.
    let no_ids = Vec::new();
    let mut supersedes = index.rfcs_of(i, front.map_or(&no_ids, |f| &f.supersedes));
    for &j in &index.superseded_from[i] {
        if !supersedes.contains(&j) {
            supersedes.push(j);
        }
    }
    let mut related = index.rfcs_of(i, front.map_or(&no_ids, |f| &f.related));
    for &j in &index.related_from[i] {
        if !related.contains(&j) {
            related.push(j);
        }
    }
    related.retain(|&j| j != i);
    let superseded_by_rfc = index.successor(i);
    let superseded_by = superseded_by_rfc.map(|j| &index.summaries[j]);
    let latest = index.latest_successor(i).map(|j| &index.summaries[j]);
    let noun = || {
        let word = index.config.rfc.file_name.mention_word();
        word.as_str().to_string()
    };
    let banner = match index.role(rfc) {
        Some(StatusRole::Superseded) => Some(Banner {
            kind: "superseded",
            noun: noun(),
            status: &summary.status,
            by: superseded_by,
            latest,
        }),
        Some(StatusRole::Deprecated) => Some(Banner {
            kind: "deprecated",
            noun: noun(),
            status: &summary.status,
            by: superseded_by,
            latest,
        }),
        Some(role @ (StatusRole::Withdrawn | StatusRole::Moved)) => Some(Banner {
            kind: role.name(),
            noun: noun(),
            status: &summary.status,
            by: None,
            latest: None,
        }),
        _ => None,
    };
    let summaries_of =
        |rfcs: &[usize]| -> Vec<&Summary> { rfcs.iter().map(|&j| &index.summaries[j]).collect() };
    let graph = neighbourhood(
        &index.config.rfc.file_name,
        summary,
        &summaries_of(&supersedes),
        superseded_by,
        &summaries_of(&related),
    );
    let mut context = Context::new();
    context.insert("rfc", &context_rfc);
    context.insert("content", &content);
    context.insert("toc", &toc);
    context.insert("sections", &sections);
    context.insert_value("supersedes", index.values(supersedes.iter().copied()));
    context.insert_value("superseded_by", index.value_of(superseded_by_rfc));
    context.insert_value("related", index.values(related.iter().copied()));
    // What links here and is listed above already is not listed again.
    let listed =
        |j: &usize| supersedes.contains(j) || related.contains(j) || superseded_by_rfc == Some(*j);
    context.insert_value(
        "backlinks",
        index.values(index.backlinks[i].iter().copied().filter(|j| !listed(j))),
    );
    context.insert("banner", &banner);
    context.insert_value(
        "prev",
        index.neighbour(position.checked_sub(1).map(|p| index.order[p])),
    );
    context.insert_value(
        "next",
        index.neighbour(index.order.get(position + 1).copied()),
    );
    context.insert("graph", &graph);
    let title = summary.heading();
    renderer.render_sized(
        "rfc.html",
        summary.file.clone(),
        "../",
        PageInfo {
            title: &title,
            kind: "rfc",
        },
        context,
        content.len() + graph.len(),
    )
}

/// What a graph's box says of an RFC: its number, or in a series its label.
fn node_name(names: &FileNamePattern, s: &Summary) -> String {
    let id = s.id.unwrap_or(0);
    names.listed(RfcId(id)).unwrap_or_else(|| id.to_string())
}

/// The RFC and its direct relations, as an arc diagram for its page.
fn neighbourhood(
    names: &FileNamePattern,
    me: &Summary,
    supersedes: &[&Summary],
    superseded_by: Option<&Summary>,
    related: &[&Summary],
) -> String {
    let Some(my_id) = me.id else {
        return String::new();
    };
    let mut nodes: BTreeMap<u32, &Summary> = BTreeMap::new();
    let mut edges = Vec::new();
    for s in supersedes {
        if let Some(id) = s.id {
            nodes.insert(id, s);
            edges.push((my_id, id, EdgeKind::Supersedes));
        }
    }
    if let Some((s, id)) = superseded_by.and_then(|s| Some((s, s.id?))) {
        nodes.insert(id, s);
        edges.push((id, my_id, EdgeKind::Supersedes));
    }
    for s in related {
        if let Some(id) = s.id {
            nodes.insert(id, s);
            edges.push((my_id, id, EdgeKind::Related));
        }
    }
    if nodes.is_empty() {
        return String::new();
    }
    nodes.insert(my_id, me);
    let nodes: Vec<Node> = nodes
        .values()
        .map(|s| Node {
            id: s.id.unwrap_or(0),
            name: node_name(names, s),
            title: s.title.clone(),
            url: s.url.trim_start_matches("rfcs/").to_string(),
            current: s.id == me.id,
        })
        .collect();
    svg::arcs(
        &nodes,
        &edges,
        &format!(
            "Relations of {}",
            if me.label.is_empty() {
                &me.title
            } else {
                &me.label
            }
        ),
        svg::Nodes::Drawn,
    )
}

#[derive(Serialize)]
struct Parent<'a> {
    /// The kind of term the listing is for: `status`, `tags`, `authors` or `years`. A
    /// status listing has no status badges: they would all say the same.
    kind: &'static str,
    url: &'a str,
    label: &'a str,
}

/// A kind of term (`tags`), its label, and each term with the RFCs it groups.
type TermGroup<'a> = (&'static str, &'static str, Vec<(String, &'a Vec<usize>)>);

/// One listing page to render: its path, title, members and the page of its kind.
struct ListingJob<'a> {
    path: String,
    title: String,
    members: std::borrow::Cow<'a, [usize]>,
    kind: &'static str,
    parent_url: String,
    parent_label: String,
}

/// A tag with the symbols that tell tags apart spelled out, for its page's file name:
/// `c++` is `c-plus-plus`, `C#` `c-sharp`. Dropped, all three would be `c`, and which one
/// got `c.html` would change as tags came and went.
fn spelled_out(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len() + 8);
    for c in tag.chars() {
        let word = match c {
            '+' => " plus ",
            '#' => " sharp ",
            '&' => " and ",
            '@' => " at ",
            '%' => " percent ",
            '*' => " star ",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(word);
    }
    out
}

fn listings(index: &Index<'_>, renderer: &Renderer<'_>) -> Result<Vec<OutputFile>> {
    let mut jobs: Vec<ListingJob<'_>> = Vec::new();
    let mut files = Vec::new();
    let statuses = &index.config.rfc.statuses;
    let mut by_status: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &index.order {
        if let Some(s) = index.archive.rfcs[i]
            .front
            .as_ref()
            .and_then(|f| f.status.as_ref())
        {
            by_status.entry(usize::from(s.value.0)).or_default().push(i);
        }
    }
    // Each configured status, then "unknown" for RFCs without one when there are any.
    let groups = statuses
        .all()
        .map(|status| {
            let members = by_status.remove(&usize::from(status.0)).unwrap_or_default();
            (statuses.name(status), members)
        })
        .chain(
            index
                .unknown_status()
                .map(|members| (Statuses::UNKNOWN, members.to_vec())),
        );
    let mut status_terms = Vec::new();
    // A status no RFC has gets no page, as the home page counts only those it shows:
    // an archive that keeps another process's vocabulary (EIP-1's, beside the defaults)
    // listed empty pages a reader could only click into and back out of.
    for (name, members) in groups.filter(|(_, members)| !members.is_empty()) {
        let url = index.term_url("status", name);
        status_terms.push(Term {
            name: name.to_string(),
            count: members.len(),
            url: url.clone(),
        });
        jobs.push(ListingJob {
            path: url,
            title: format!("Status: {name}"),
            members: members.into(),
            kind: "status",
            parent_url: "statuses.html".into(),
            parent_label: "statuses".into(),
        });
    }
    files.push(terms_page(
        renderer,
        "statuses.html",
        "Statuses",
        "statuses",
        &status_terms,
    )?);
    let groups: [TermGroup<'_>; 3] = [
        (
            "tags",
            "Tags",
            index.tags.iter().map(|(k, v)| (k.clone(), v)).collect(),
        ),
        (
            "authors",
            "Authors",
            // In the order a reader looks names up: `ada` beside `Ada`, not after `Zoë`.
            {
                let mut authors: Vec<(String, &Vec<usize>)> =
                    index.authors.iter().map(|(k, v)| (k.clone(), v)).collect();
                authors.sort_by_cached_key(|(k, _)| (k.to_lowercase(), k.clone()));
                authors
            },
        ),
        (
            "years",
            "Years",
            index
                .years
                .iter()
                .rev()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        ),
    ];
    for (kind, label, entries) in groups {
        let mut terms = Vec::new();
        let singular = &label[..label.len() - 1];
        for (name, members) in entries {
            let url = index.term_url(kind, &name);
            terms.push(Term {
                name: name.clone(),
                count: members.len(),
                url: url.clone(),
            });
            jobs.push(ListingJob {
                path: url,
                title: format!("{singular}: {name}"),
                members: members.as_slice().into(),
                kind,
                parent_url: format!("{kind}.html"),
                parent_label: label.to_lowercase(),
            });
        }
        files.push(terms_page(
            renderer,
            &format!("{kind}.html"),
            label,
            kind,
            &terms,
        )?);
    }
    let pages: Vec<OutputFile> = jobs
        .into_par_iter()
        .map(|job| {
            listing(
                index,
                renderer,
                job.path,
                &job.title,
                &job.members,
                Parent {
                    kind: job.kind,
                    url: &job.parent_url,
                    label: &job.parent_label,
                },
            )
        })
        .collect::<Result<_>>()?;
    files.extend(pages);
    Ok(files)
}

fn listing(
    index: &Index<'_>,
    renderer: &Renderer<'_>,
    path: String,
    title: &str,
    members: &[usize],
    parent: Parent<'_>,
) -> Result<OutputFile> {
    let mut context = Context::new();
    context.insert_value("rfcs", index.values(members.iter().copied()));
    context.insert("parent", &parent);
    renderer.render(
        "listing.html",
        path,
        "../",
        PageInfo {
            title,
            kind: "listing",
        },
        context,
    )
}

fn terms_page(
    renderer: &Renderer<'_>,
    path: &str,
    title: &str,
    kind: &str,
    terms: &[Term],
) -> Result<OutputFile> {
    let mut context = Context::new();
    context.insert("terms", terms);
    renderer.render(
        "terms.html",
        path.to_string(),
        "",
        PageInfo { title, kind },
        context,
    )
}

#[derive(Serialize)]
struct Open<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    age_days: i64,
    stale: bool,
}

fn home(index: &Index<'_>, renderer: &Renderer<'_>, today: Date) -> Result<OutputFile> {
    let statuses = &index.config.rfc.statuses;
    let mut counts: Vec<Term> = Vec::new();
    let mut per_quarter: BTreeMap<(i16, i8), BTreeMap<usize, usize>> = BTreeMap::new();
    let mut open = Vec::new();
    let mut recent: Vec<&Summary> = Vec::new();
    // Decided RFCs without a `decided` date (an archive that writes no dates, or a
    // default status): neither the chart nor the recent list can show them, and the
    // page says so rather than "nothing has been decided".
    let mut undated = 0usize;
    for status in statuses.all() {
        let name = statuses.name(status);
        counts.push(Term {
            name: name.to_string(),
            count: 0,
            url: index.term_url("status", name),
        });
    }
    for &i in &index.order {
        let rfc = &index.archive.rfcs[i];
        let Some(front) = &rfc.front else { continue };
        let Some(status) = &front.status else {
            continue;
        };
        let s = usize::from(status.value.0);
        counts[s].count += 1;
        if let Some(decided) = &front.decided {
            let quarter = (decided.value.year(), (decided.value.month() - 1) / 3 + 1);
            *per_quarter
                .entry(quarter)
                .or_default()
                .entry(s)
                .or_default() += 1;
            recent.push(&index.summaries[i]);
        } else if statuses
            .role(status.value)
            .is_some_and(StatusRole::is_decided)
        {
            undated += 1;
        }
        if statuses.role(status.value) == Some(StatusRole::Proposed) {
            // A `created` after today (RFC0116 warns of it) is no age below zero.
            let age = front
                .created
                .as_ref()
                .map_or(0, |c| days_between(c.value, today).max(0));
            open.push(Open {
                summary: &index.summaries[i],
                age_days: age,
                stale: age > i64::from(index.config.rfc.stale_after_days),
            });
        }
    }
    recent.sort_by(|a, b| b.decided.cmp(&a.decided).then(b.id.cmp(&a.id)));
    recent.truncate(10);
    open.sort_by(|a, b| {
        b.age_days
            .cmp(&a.age_days)
            .then(a.summary.id.cmp(&b.summary.id))
    });
    if let Some(members) = index.unknown_status() {
        counts.push(Term {
            name: Statuses::UNKNOWN.to_string(),
            count: members.len(),
            url: index.term_url("status", Statuses::UNKNOWN),
        });
    }
    let names: Vec<String> = statuses.names().map(str::to_string).collect();
    let now = (today.year(), (today.month() - 1) / 3 + 1);
    let (quarters, left_out) = quarters(&per_quarter, &names, now);
    let mut context = Context::new();
    context.insert("total", &index.summaries.len());
    let classes: Vec<String> = names.iter().map(|n| status_class(statuses, n)).collect();
    context.insert("chart", &svg::chart(&quarters, left_out, &names, &classes));
    context.insert("open", &open);
    context.insert("stale_after_days", &index.config.rfc.stale_after_days);
    context.insert("recent", &recent);
    context.insert("undated", &undated);
    let counts_with_class: Vec<serde_json::Value> = counts
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| serde_json::json!({"name": c.name, "count": c.count, "url": c.url, "class": status_class(statuses, &c.name), "classes": status_classes(statuses, &c.name)}))
        .collect();
    context.insert("counts", &counts_with_class);
    renderer.render(
        "index.html",
        "index.html".into(),
        "",
        PageInfo {
            title: "Home",
            kind: "home",
        },
        context,
    )
}

/// The most quarters the home page's chart draws: twenty years. A year mistyped as `0025`
/// made a chart of eight thousand quarters, 190,000 pixels wide, of one bar at each end.
const MAX_QUARTERS: i32 = 80;

/// Every quarter from the first decision to the last, empty ones included; when they
/// span more than [`MAX_QUARTERS`], the span of that many that holds the most decisions
/// (of equals, the latest that starts by `now`, today's quarter), from its first decision
/// to its last. Also how many decisions are in the quarters left out: a mistyped year at
/// either end (`0025`, `2062`) leaves out itself, not the archive.
fn quarters(
    per_quarter: &BTreeMap<(i16, i8), BTreeMap<usize, usize>>,
    names: &[String],
    now: (i16, i8),
) -> (Vec<Quarter>, usize) {
    let index = |(y, q): (i16, i8)| i32::from(y) * 4 + i32::from(q) - 1;
    let keys: Vec<((i16, i8), usize)> = per_quarter
        .iter()
        .map(|(k, counts)| (*k, counts.values().sum()))
        .collect();
    // For each quarter with decisions as the span's start: the decisions in the span,
    // then whether it starts by now (a span of one decision dated 9999 is no better
    // than this year's).
    let (mut best, mut most, mut end, mut inside) = (None, (0, false), 0, 0);
    for (start, &(key, _)) in keys.iter().enumerate() {
        while end < keys.len() && index(keys[end].0) - index(key) < MAX_QUARTERS {
            inside += keys[end].1;
            end += 1;
        }
        let score = (inside, key <= now);
        if score >= most {
            (best, most) = (Some((start, end)), score);
        }
        inside -= keys[start].1;
    }
    let Some((start, end)) = best else {
        return (Vec::new(), 0);
    };
    let most = most.0;
    let (first, last) = (keys[start].0, keys[end - 1].0);
    let left_out = keys.iter().map(|k| k.1).sum::<usize>() - most;
    let mut out = Vec::new();
    let (mut y, mut q) = first;
    while (y, q) <= last {
        let counts = per_quarter
            .get(&(y, q))
            .map(|m| m.iter().map(|(s, n)| (names[*s].clone(), *n)).collect())
            .unwrap_or_default();
        out.push(Quarter {
            label: format!("{y} Q{q}"),
            counts,
        });
        (y, q) = if q == 4 { (y + 1, 1) } else { (y, q + 1) };
    }
    (out, left_out)
}

fn table(index: &Index<'_>, renderer: &Renderer<'_>) -> Result<OutputFile> {
    // RFCs without a known status can be picked out too, as they are listed; a status
    // no RFC has is not offered, as choosing it would only empty the table.
    let unknown = index.unknown_status().map(|_| Statuses::UNKNOWN);
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for &i in &index.order {
        *counts
            .entry(index.summaries[i].status.as_str())
            .or_default() += 1;
    }
    let statuses: Vec<serde_json::Value> = (index.config.rfc.statuses.names())
        .chain(unknown)
        .filter_map(|n| Some(serde_json::json!({"name": n, "count": counts.get(n)?})))
        .collect();
    let mut context = Context::new();
    context.insert_value("rfcs", index.values(index.order.iter().copied()));
    context.insert("statuses", &statuses);
    // The word the filter reads before a number (`ADR 7`, `EIP-1559`), as prose writes it.
    let word = index.config.rfc.file_name.mention_word();
    context.insert("word", word.as_str());
    context.insert("page_rows", &TABLE_PAGE_ROWS);
    renderer.render(
        "table.html",
        "all.html".into(),
        "",
        PageInfo {
            title: "All RFCs",
            kind: "table",
        },
        context,
    )
}

/// The rows the table shows until a reader asks for all (rfcs/0008): a browser lays a
/// table out whole, and ten thousand rows took seconds on every sort and filter.
const TABLE_PAGE_ROWS: usize = 500;

/// The most relations the graph page lists as text too.
const MAX_LISTED_RELATIONS: usize = 500;

fn graph(index: &Index<'_>, renderer: &Renderer<'_>) -> Result<OutputFile> {
    let mut edges: BTreeSet<(u32, u32, EdgeKind)> = BTreeSet::new();
    for &i in &index.order {
        let rfc = &index.archive.rfcs[i];
        let (Some(id), Some(front)) = (rfc.id, &rfc.front) else {
            continue;
        };
        for old in front
            .supersedes
            .iter()
            .filter(|s| index.unique.contains_key(&s.value))
        {
            edges.insert((id.0, old.value.0, EdgeKind::Supersedes));
        }
        // Recorded on the old RFC only, drawn all the same.
        if let Some(new) = front
            .superseded_by
            .as_ref()
            .filter(|s| index.unique.contains_key(&s.value) && s.value != id)
        {
            edges.insert((new.value.0, id.0, EdgeKind::Supersedes));
        }
        for other in front
            .related
            .iter()
            .filter(|s| index.unique.contains_key(&s.value))
        {
            let (a, b) = (id.0.min(other.value.0), id.0.max(other.value.0));
            edges.insert((a, b, EdgeKind::Related));
        }
    }
    let ids: BTreeSet<u32> = edges.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
    let nodes: Vec<Node> = ids
        .iter()
        .filter_map(|id| index.summary_of(RfcId(*id)))
        .map(|s| Node {
            id: s.id.unwrap_or(0),
            name: node_name(&index.config.rfc.file_name, s),
            title: s.heading(),
            url: s.url.clone(),
            current: false,
        })
        .collect();
    let edges: Vec<(u32, u32, EdgeKind)> = edges.into_iter().collect();
    let mut context = Context::new();
    let svg = if nodes.is_empty() {
        String::new()
    } else {
        svg::arcs(
            &nodes,
            &edges,
            "Supersession and related RFCs",
            svg::Nodes::Linked,
        )
    };
    // The same relations as text: a picture's arrows reach no screen reader, and a list
    // can be searched with the browser's find. Not past a few hundred: ten thousand
    // lines help no reader, and cost the site 1.6 MB (each RFC's page lists its own).
    let relations: Vec<serde_json::Value> = edges
        .iter()
        .take(if edges.len() > MAX_LISTED_RELATIONS {
            0
        } else {
            edges.len()
        })
        .filter_map(|&(from, to, kind)| {
            let (from, to) = (index.summary_of(RfcId(from))?, index.summary_of(RfcId(to))?);
            let end = |s: &Summary| serde_json::json!({"heading": s.heading(), "url": s.url});
            let verb = match kind {
                EdgeKind::Supersedes => "supersedes",
                EdgeKind::Related => "is related to",
            };
            Some(serde_json::json!({"from": end(from), "verb": verb, "to": end(to)}))
        })
        .collect();
    context.insert("graph", &svg);
    context.insert("nodes", &nodes.len());
    context.insert("relations", &relations);
    context.insert("relation_count", &edges.len());
    renderer.render(
        "graph.html",
        "graph.html".into(),
        "",
        PageInfo {
            title: "Relations",
            kind: "graph",
        },
        context,
    )
}

fn search_page(renderer: &Renderer<'_>) -> Result<OutputFile> {
    renderer.render(
        "search.html",
        "search.html".into(),
        "",
        PageInfo {
            title: "Search",
            kind: "search",
        },
        Context::new(),
    )
}

/// The browser's search index, documents in id order (the order of `rfcs.json`).
fn static_search(
    index: &Index<'_>,
    documents: &[WebDocument<'_>],
    chunks: Vec<Chunk>,
    order: &[Slot],
) -> Vec<OutputFile> {
    let statuses: Vec<String> = index
        .config
        .rfc
        .statuses
        .names()
        .map(str::to_string)
        .collect();
    crate::index::web::build(
        documents,
        chunks,
        order,
        &statuses,
        &index.config.rfc.file_name,
    )
}

/// Served for any missing address, at any depth, so its links start at the path of
/// `site-url`: not at its host, which would send a preview's visitor to the published site.
fn not_found(renderer: &Renderer<'_>, root: &str) -> Result<OutputFile> {
    renderer.render(
        "404.html",
        "404.html".into(),
        root,
        PageInfo {
            title: "Page not found",
            kind: "404",
        },
        Context::new(),
    )
}

/// The JSON Schema of `rfcs.json`, published beside it: its `x-schema-version` is how a
/// consumer knows which fields to expect (rfcs/0008).
const RFCS_SCHEMA: &str = include_str!("rfcs.schema.json");

fn machine_outputs(index: &Index<'_>, generator: &str, today: Date) -> Vec<OutputFile> {
    let config = index.config;
    let entries: Vec<JsonEntry<'_>> = index
        .order
        .iter()
        .map(|&i| {
            let rfc = &index.archive.rfcs[i];
            let s = &index.summaries[i];
            let front = rfc.front.as_ref();
            let has = |kind| rfc.body.as_ref().is_some_and(|b| b.has_section(kind));
            JsonEntry {
                id: s.id,
                title: &s.title,
                status: &s.status,
                authors: front.map_or(Vec::new(), |f| {
                    f.authors.iter().map(|a| a.value.as_str()).collect()
                }),
                created: s.created.as_deref(),
                decided: s.decided.as_deref(),
                tags: &s.tags,
                supersedes: front.map_or(Vec::new(), |f| {
                    f.supersedes.iter().map(|x| x.value.0).collect()
                }),
                superseded_by: front
                    .and_then(|f| f.superseded_by.as_ref())
                    .map(|x| x.value.0),
                related: front.map_or(Vec::new(), |f| {
                    f.related.iter().map(|x| x.value.0).collect()
                }),
                url: &s.url,
                sections: JsonSections {
                    problem: has(SectionKind::Problem),
                    approach: has(SectionKind::Approach),
                    alternatives: has(SectionKind::Alternatives),
                    rationale: has(SectionKind::Rationale),
                },
            }
        })
        .collect();
    let ordered: Vec<&Summary> = index.order.iter().map(|&i| &index.summaries[i]).collect();
    let site_url = &config.html.site_url;
    let mut pages: Vec<(String, Option<String>)> = [
        "index.html",
        "all.html",
        "statuses.html",
        "tags.html",
        "authors.html",
        "years.html",
        "graph.html",
    ]
    .iter()
    .map(|p| (p.to_string(), None))
    .collect();
    pages.extend(ordered.iter().map(|s| (s.url.clone(), s.changed.clone())));
    let mut term_pages: Vec<&String> = index.term_urls.values().collect();
    term_pages.sort();
    // RFC pages' URLs are percent-encoded already; a tag's or author's page is named as
    // written (`tags/émoji.html`), which a sitemap's address must not be.
    pages.extend(
        term_pages
            .into_iter()
            .map(|p| (super::markdown::url_path(p), None)),
    );
    vec![
        OutputFile {
            path: "rfcs.json".into(),
            bytes: feeds::rfcs_json(&entries),
        },
        OutputFile {
            path: "rfcs.schema.json".into(),
            bytes: RFCS_SCHEMA.as_bytes().to_vec(),
        },
        OutputFile {
            path: "feed.xml".into(),
            bytes: feeds::atom(
                &config.title,
                &config.authors,
                site_url,
                &ordered,
                generator,
                &today.to_string(),
            ),
        },
    ]
    .into_iter()
    .chain(
        feeds::sitemaps(site_url, &pages)
            .into_iter()
            .map(|(path, bytes)| OutputFile { path, bytes }),
    )
    // GitHub Pages reads the custom domain from a `CNAME` file at the site's root; a file
    // put there by hand would be gone after the next build.
    .chain(config.html.cname.as_ref().map(|domain| OutputFile {
        path: "CNAME".into(),
        bytes: format!("{domain}\n").into_bytes(),
    }))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::direction;

    #[test]
    fn a_language_s_direction_is_its_script_s() {
        for (language, dir) in [
            ("en", "ltr"),
            ("ar", "rtl"),
            ("he-IL", "rtl"),
            ("fa", "rtl"),
            ("ur_PK", "rtl"),
            ("az-Arab", "rtl"),
            ("ku-Latn", "ltr"),
            ("pt-BR", "ltr"),
            ("zh-Hans", "ltr"),
            ("", "ltr"),
        ] {
            assert_eq!(direction(language), dir, "{language}");
        }
    }
}
