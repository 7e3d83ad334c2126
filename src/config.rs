//! `book.toml`: read strictly into raw tables (serde rejects unknown keys and wrong types
//! with the key's line), then checked once into [`Config`], whose vocabularies are typed
//! values the rest of the program can trust (rfcs/0006).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Code, Level};
use crate::error::{Error, Position, Result};
use crate::model::{Field, Rfc, SectionKind, Status, StatusRole};
use crate::naming::FileNamePattern;
use crate::parse::is_http_url;
use crate::suggest;

pub const CONFIG_FILE: &str = "book.toml";

/// The default statuses are the roles' own names (rfcs/0011).
const DEFAULT_STATUSES: [&str; 7] = StatusRole::DEFAULTS;

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
struct RawConfig {
    book: RawBook,
    build: RawBuild,
    output: RawOutput,
    rfc: RawRfc,
}

#[derive(Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
struct RawBook {
    title: Option<String>,
    description: Option<String>,
    authors: Vec<String>,
    src: PathBuf,
    language: String,
}

impl Default for RawBook {
    fn default() -> Self {
        RawBook {
            title: None,
            description: None,
            authors: Vec::new(),
            src: PathBuf::from("rfcs"),
            language: "en".into(),
        }
    }
}

#[derive(Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
struct RawBuild {
    build_dir: PathBuf,
}

impl Default for RawBuild {
    fn default() -> Self {
        RawBuild {
            build_dir: PathBuf::from("site"),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
struct RawOutput {
    html: RawHtml,
}

#[derive(Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
struct RawHtml {
    site_url: String,
    git_repository_url: Option<String>,
    edit_url_template: Option<String>,
    theme: Option<PathBuf>,
    cname: Option<String>,
}

impl Default for RawHtml {
    fn default() -> Self {
        RawHtml {
            site_url: "/".into(),
            git_repository_url: None,
            edit_url_template: None,
            theme: None,
            cname: None,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
struct RawRfc {
    statuses: Option<Spanned<Vec<Spanned<String>>>>,
    required_fields: Option<Vec<Spanned<String>>>,
    required_sections: Option<Vec<Spanned<String>>>,
    stale_after_days: Option<u32>,
    default_status: Option<Spanned<String>>,
    max_file_size: Option<Spanned<u64>>,
    file_name: Option<Spanned<String>>,
    id_digits: Option<usize>,
    body_metadata: Option<bool>,
    exclude: Vec<Spanned<String>>,
    link_names: Vec<Spanned<String>>,
    template: Option<String>,
    required_by_status: Option<BTreeMap<String, Spanned<Vec<Spanned<String>>>>>,
    status_roles: BTreeMap<String, Spanned<String>>,
    key_aliases: BTreeMap<String, Spanned<String>>,
    sections: BTreeMap<String, Spanned<RawSection>>,
    lints: BTreeMap<String, Spanned<Level>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
struct RawSection {
    title: Option<String>,
    aliases: Option<Vec<String>>,
}

/// The configured status vocabulary. Names are stored lower-case; a status in front
/// matter matches case-insensitively.
#[derive(Debug, Clone)]
pub struct Statuses {
    names: Vec<String>,
    roles: Vec<Option<StatusRole>>,
}

impl Statuses {
    fn new(names: Vec<String>) -> Self {
        let roles = names.iter().map(|n| StatusRole::from_name(n)).collect();
        Statuses { names, roles }
    }

    pub fn parse(&self, text: &str) -> Option<Status> {
        let lower = text.trim().to_lowercase();
        self.names
            .iter()
            .position(|n| *n == lower)
            .map(|i| Status(i as u16))
    }

    /// A status asked for by a user (`--status`, a served search's `status=`): one of the
    /// archive's, or `unknown` for RFCs without one; anything else is refused with the
    /// closest name, never answered "no RFC has it".
    pub fn parse_asked(&self, text: &str) -> Result<Option<Status>> {
        if let Some(status) = self.parse(text) {
            return Ok(Some(status));
        }
        if text.trim().eq_ignore_ascii_case(Self::UNKNOWN) {
            return Ok(None);
        }
        let names: Vec<&str> = self.names().collect();
        let hint = self.hint(text);
        Err(Error::usage(
            format!("`{text}` is not a status of this archive"),
            format!(
                "{hint}the statuses are: {}, or {} for RFCs without one",
                names.join(", "),
                Self::UNKNOWN
            ),
        ))
    }

    /// What a status asked for on the command line that is none of these most likely
    /// is, as the start of a help: a near spelling (`did you mean \`accepted\`? `), or the
    /// archive's name for another process's word (`approved`); else nothing.
    pub fn hint(&self, text: &str) -> String {
        let meant = || {
            let role = StatusRole::of_word(text)?;
            let name = self.with_role(role).next()?;
            Some(format!(
                "`{}` most likely means `{name}` here; ",
                text.trim()
            ))
        };
        suggest::closest(text, self.names())
            .map(|s| format!("did you mean `{s}`? "))
            .or_else(meant)
            .unwrap_or_default()
    }

    pub fn name(&self, status: Status) -> &str {
        &self.names[usize::from(status.0)]
    }

    /// What an RFC without a known status is shown as: on its page, in listings, in both
    /// searches and in `list`.
    pub const UNKNOWN: &'static str = "unknown";

    /// The name an RFC's status is shown under: its own, or [`Self::UNKNOWN`].
    pub fn shown(&self, status: Option<Status>) -> &str {
        status.map_or(Self::UNKNOWN, |s| self.name(s))
    }

    pub fn role(&self, status: Status) -> Option<StatusRole> {
        self.roles[usize::from(status.0)]
    }

    /// The role of `rfc`'s status, when it has a status and the status a role.
    pub fn role_of(&self, rfc: &Rfc) -> Option<StatusRole> {
        self.role(rfc.front.as_ref()?.status.as_ref()?.value)
    }

    /// The configured statuses that have `role`, in their configured order.
    pub fn with_role(&self, role: StatusRole) -> impl Iterator<Item = &str> {
        self.names
            .iter()
            .zip(&self.roles)
            .filter(move |(_, r)| **r == Some(role))
            .map(|(n, _)| n.as_str())
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    pub fn all(&self) -> impl Iterator<Item = Status> {
        (0..self.names.len()).map(|i| Status(i as u16))
    }
}

/// Recognises level-2 headings as canonical sections, by title or alias.
#[derive(Debug, Clone)]
pub struct Sections {
    titles: BTreeMap<SectionKind, String>,
    /// Per kind, the other headings that stand for it, as configured.
    aliases: BTreeMap<SectionKind, Vec<String>>,
    by_heading: FxHashMap<String, Vec<SectionKind>>,
    /// Per kind, the first paragraph of that section in the template `rfcbook new` fills
    /// in, as text with runs of whitespace made one space: a section that still starts with
    /// it was never written (RFC0311).
    placeholders: BTreeMap<SectionKind, String>,
    /// The template's own title, when it has one that is no `{{title}}` to fill in
    /// (`Decision Record Title (a description of the decision)`), as
    /// [`normalise_heading`] writes it: an RFC still titled so was never named.
    title_placeholder: Option<String>,
}

impl Sections {
    /// Whether `title` is the template's own title, never replaced (RFC0311).
    pub fn is_template_title(&self, title: &str) -> bool {
        self.title_placeholder
            .as_deref()
            .is_some_and(|t| t == normalise_heading(title))
    }

    /// The kinds a heading stands for: usually none or one; "Rationale and alternatives"
    /// stands for two.
    pub fn classify(&self, heading: &str) -> &[SectionKind] {
        self.by_heading
            .get(&normalise_heading(heading))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether a heading is a part's rather than a whole document's: one of the archive's
    /// section headings, or a word that heads a part of any document. A first `#`
    /// heading such as `# Summary` is no title (rust-lang/rfcs 3834).
    pub fn heads_a_part(&self, heading: &str) -> bool {
        const PARTS: [&str; 9] = [
            "summary",
            "abstract",
            "overview",
            "introduction",
            "background",
            "contents",
            "table of contents",
            // EIPs write their parts as `#` headings (`# Specification`, eip-158).
            "specification",
            "description",
        ];
        let words = heading.trim().trim_end_matches(':');
        !self.classify(words).is_empty() || PARTS.iter().any(|p| words.eq_ignore_ascii_case(p))
    }

    pub fn title(&self, kind: SectionKind) -> &str {
        &self.titles[&kind]
    }

    /// The headings besides its title that stand for `kind`.
    pub fn aliases(&self, kind: SectionKind) -> &[String] {
        self.aliases.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// The template's first paragraph of a section of `kind`, if it has one.
    pub fn placeholder(&self, kind: SectionKind) -> Option<&str> {
        self.placeholders.get(&kind).map(String::as_str)
    }

    /// Learns the placeholders from the text of a template.
    fn learn_placeholders(&mut self, template: &str) {
        self.placeholders = crate::parse::markdown::placeholders(template, self);
        self.title_placeholder = crate::parse::markdown::template_title(template)
            .filter(|t| !t.contains("{{") && !t.is_empty())
            .map(|t| normalise_heading(&t));
    }
}

/// The template `rfcbook new` fills in when the source folder has no `template.md`.
pub const DEFAULT_TEMPLATE: &str = include_str!("cmd/init_files/template.md");

/// The name of the template in the source folder.
pub const TEMPLATE_FILE: &str = "template.md";

/// Lower case, runs of whitespace as one space, no trailing colon: `Problem  Statement:`
/// and `problem statement` are the same heading. One pass, since it runs on every heading.
fn normalise_heading(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.trim().trim_end_matches(':').split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// Severity overrides from `[rfc.lints]`.
#[derive(Debug, Clone, Default)]
pub struct Lints(HashMap<Code, Level>);

impl Lints {
    pub fn level(&self, code: Code) -> Option<Level> {
        self.0.get(&code).copied()
    }
}

/// The validation schema: everything `check` enforces that a team may configure.
#[derive(Debug, Clone)]
pub struct RfcSchema {
    pub statuses: Statuses,
    pub required_fields: Vec<Field>,
    pub required_sections: Vec<SectionKind>,
    pub stale_after_days: u32,
    /// The status of an RFC that does not write one: an archive whose files never say
    /// (the Rust RFCs keep only merged, accepted ones in `text/`) would otherwise show
    /// every RFC as "unknown" (rfcs/0030).
    pub default_status: Option<Status>,
    pub max_file_size: u64,
    pub file_name: FileNamePattern,
    pub required_by_status: HashMap<Status, Vec<Field>>,
    pub sections: Sections,
    pub lints: Lints,
    /// Whether an RFC without front matter may say what it is in its body, as adr-tools
    /// and Nygard-style ADRs do (`Date:` line, `## Status` section; rfcs/0019).
    pub body_metadata: bool,
    /// Other names front matter may give a field (`date` for `created`, as MADR writes
    /// it; rfcs/0020).
    pub key_aliases: BTreeMap<String, Field>,
    /// Files of the source folder that are not RFCs besides README, SUMMARY and
    /// template.md: another tool's template or index page (rfcs/0021).
    pub exclude: Vec<Glob>,
    /// Other names links give the RFCs (`eip-{id}.md` in the ERCs, which moved out of the
    /// EIPs and kept their links): a link to a missing file of such a name leads to the RFC
    /// with its number (rfcs/0037).
    pub link_names: Vec<FileNamePattern>,
}

/// A pattern of `[rfc] exclude`: `*` is any part of a name, `**` any part of a path, `?`
/// one character. Without a `/` it is matched against file names in any folder, as in
/// `.gitignore`; with one, against the path under the source folder.
#[derive(Debug, Clone)]
pub struct Glob(String);

impl Glob {
    /// Whether the file at `path` (relative to the source folder, `/` separators) matches.
    pub fn matches(&self, path: &str) -> bool {
        let name = path.rsplit('/').next().unwrap_or(path);
        let subject = if self.0.contains('/') { path } else { name };
        glob_match(self.0.as_bytes(), subject.as_bytes())
    }
}

/// Whether `text` matches `pattern` (`*` within a path segment, `**` across them, `?` one
/// character). Each (rest of pattern, rest of text) is tried once: plain backtracking took
/// exponential time on `*a*a*a*a*a*a*a*a*a*a*a*a*b`, and every command hung on it.
fn glob_match(pattern: &[u8], text: &[u8]) -> bool {
    let mut failed = rustc_hash::FxHashSet::default();
    glob_from(pattern, text, &mut failed)
}

fn glob_from(
    pattern: &[u8],
    text: &[u8],
    failed: &mut rustc_hash::FxHashSet<(usize, usize)>,
) -> bool {
    // Rests are identified by their lengths: they are suffixes of the original two.
    let key = (pattern.len(), text.len());
    if failed.contains(&key) {
        return false;
    }
    let matched = match pattern {
        [] => text.is_empty(),
        [b'*', b'*', rest @ ..] => {
            let rest = rest.strip_prefix(b"/").unwrap_or(rest);
            (0..=text.len()).any(|i| glob_from(rest, &text[i..], failed))
        }
        [b'*', rest @ ..] => (0..=text.len())
            .take_while(|&i| i == 0 || text[i - 1] != b'/')
            .any(|i| glob_from(rest, &text[i..], failed)),
        [b'?', rest @ ..] => {
            // One character, whole: skip its continuation bytes too.
            let Some(&first) = text.first() else {
                return false;
            };
            let len = match first {
                b'/' => return false,
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            text.len() >= len && glob_from(rest, &text[len..], failed)
        }
        [c, rest @ ..] => text.first() == Some(c) && glob_from(rest, &text[1..], failed),
    };
    if !matched {
        failed.insert(key);
    }
    matched
}

impl RfcSchema {
    /// The field a front-matter key stands for: its own name or a configured alias.
    pub fn field_of(&self, key: &str) -> Option<Field> {
        Field::parse(key).or_else(|| self.key_aliases.get(key).copied())
    }
}

/// Settings for the published site, read now so a typo there fails `check` too.
#[derive(Debug, Clone)]
pub struct HtmlConfig {
    pub site_url: String,
    pub git_repository_url: Option<String>,
    pub edit_url_template: Option<String>,
    pub theme: Option<PathBuf>,
    /// The custom domain GitHub Pages serves the site on, written to `CNAME` (mdBook's key).
    pub cname: Option<String>,
}

impl HtmlConfig {
    /// The path the site lives under, from `site-url` (`/`, `/docs/`, or a whole URL such
    /// as `https://example.com/docs/`): always starting and ending with `/`. Links that must
    /// work at any depth (the 404 page's) use it rather than the whole URL, so that they
    /// lead into the site that served them: the published one, or `serve`'s preview.
    pub fn site_path(&self) -> String {
        let url = self.site_url.as_str();
        let path = url.split_once("://").map_or(url, |(_, rest)| {
            rest.find('/').map_or("/", |at| &rest[at..])
        });
        let path = path.trim_matches('/');
        if path.is_empty() {
            "/".into()
        } else {
            format!("/{path}/")
        }
    }
}

/// The whole, validated configuration of one archive.
#[derive(Debug, Clone)]
pub struct Config {
    /// The archive root: the folder holding `book.toml`.
    pub root: PathBuf,
    pub title: String,
    pub description: Option<String>,
    pub authors: Vec<String>,
    pub language: String,
    /// Absolute path of the RFC folder.
    pub src: PathBuf,
    pub build_dir: PathBuf,
    /// The template `rfcbook new` fills, when book.toml names one (`[rfc] template`): a
    /// team's own, kept where its tools keep it (`docs/decisions/adr-template.md`). Without
    /// it, `template.md` in the source folder (rfcs/0033).
    pub template: Option<PathBuf>,
    pub html: HtmlConfig,
    pub rfc: RfcSchema,
    /// Where book.toml sets the folders, for errors found only when they are used (a
    /// source folder that does not exist, an output folder that would hold the archive):
    /// said where they are written, as any other mistake in book.toml.
    pub written: Written,
    /// What book.toml may not mean as written, said by `check` and `build` as warnings:
    /// each a whole line, with where and how to say it otherwise.
    pub warnings: Vec<String>,
}

/// Where book.toml writes `src` and `build-dir`: `None` when it does not (the default),
/// or when the command line chose the folder instead (`--out`).
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub src: Option<Position>,
    pub build_dir: Option<Position>,
}

impl Config {
    /// Loads `book.toml` from `root`, or the defaults when there is none.
    pub fn load(root: &Path) -> Result<Config> {
        Config::load_with(root, true)
    }

    /// [`Config::load`] without judging `theme`, for an archive as it was at another
    /// revision: a theme kept outside the archive's folder (`../shared-theme`) is not in
    /// what `check --base` takes from git, and the rules do not depend on it.
    pub fn load_without_theme(root: &Path) -> Result<Config> {
        Config::load_with(root, false)
    }

    fn load_with(root: &Path, themed: bool) -> Result<Config> {
        let mut config = Config::read(root, themed)?;
        // The archive's own template, when it has one, says what an unwritten section
        // looks like; one that cannot be read is `new`'s to report.
        if let Some(template) = read_regular(&config.template_path(), config.rfc.max_file_size)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
        {
            config.rfc.sections.learn_placeholders(&template);
        }
        Ok(config)
    }

    fn read(root: &Path, themed: bool) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = match read_regular(&path, MAX_CONFIG_SIZE) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
                // Where the byte is, counted in the text before it, which is valid.
                let at = e.utf8_error().valid_up_to();
                let before = String::from_utf8_lossy(&e.as_bytes()[..at]);
                // A byte-order mark is no column: the file is shown without it.
                let before = before.strip_prefix('\u{feff}').unwrap_or(&before);
                let position = position_after(&path, before);
                Error::Config {
                    message: format!(
                        "book.toml is not valid UTF-8 (byte {:#04x} at line {}, column {})",
                        e.as_bytes()[at],
                        position.line,
                        position.column
                    ),
                    position,
                    help: "save the file as UTF-8".into(),
                }
            })?,
            // A link to nothing: a book.toml the author meant, not its absence.
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound && path.symlink_metadata().is_ok() =>
            {
                let target = std::fs::read_link(&path).unwrap_or_default();
                return Err(Error::ConfigUnreadable {
                    path,
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        format!(
                            "it is a symbolic link to {}, which does not exist",
                            target.display()
                        ),
                    ),
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // No book.toml: a plain folder of Markdown files is an archive too.
                let mut config = Config::default_for(root);
                if !config.src.is_dir() {
                    config.src = root.to_path_buf();
                }
                return Ok(config);
            }
            Err(source) => return Err(Error::ConfigUnreadable { path, source }),
        };
        // Editors on Windows start files with a byte-order mark; TOML has no place for it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let checker = Checker {
            path: &path,
            text,
            themed,
        };
        checker.config(root)
    }

    /// Where the archive's template is: the one book.toml names, else `template.md` in the
    /// source folder (which may not exist: then [`DEFAULT_TEMPLATE`]).
    pub fn template_path(&self) -> PathBuf {
        self.template
            .clone()
            .unwrap_or_else(|| self.src.join(TEMPLATE_FILE))
    }

    /// The configured template's path from the archive root, with `/`, as discovery
    /// names files: it is the team's template, not an RFC, wherever it is.
    pub fn template_rel(&self) -> Option<String> {
        let template = crate::output::lexical(self.template.as_ref()?);
        let rel = template
            .strip_prefix(crate::output::lexical(&self.root))
            .ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// Parses the text of `book.toml` (kept separate from I/O for tests).
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Config> {
        Checker {
            path,
            text,
            themed: true,
        }
        .config(root)
    }

    pub fn default_for(root: &Path) -> Config {
        // The empty text is a valid configuration; this cannot fail.
        Config::parse(root, &root.join(CONFIG_FILE), "").unwrap_or_else(|_| unreachable!())
    }
}

/// The line and column (in characters) in `file` just after the text `before`.
fn position_after(file: &Path, before: &str) -> Position {
    Position {
        file: file.to_path_buf(),
        line: before.matches('\n').count() + 1,
        column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
    }
}

/// The most a book.toml may hold: a configuration is a few kilobytes.
const MAX_CONFIG_SIZE: u64 = 1 << 20;

/// A small file's bytes. Not a regular file (a named pipe would wait forever, a link to
/// `/dev/zero` never end) or larger than `limit` is an error of kind `InvalidInput`, which
/// says which.
pub(crate) fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    // Judged before opening: opening a named pipe waits for a writer.
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is a folder, not a file",
        ));
    }
    if !metadata.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is not a regular file (a pipe, a socket or a device)",
        ));
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len().min(limit)).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("it is larger than {limit} bytes"),
        ));
    }
    Ok(bytes)
}

/// What to do instead of a key mdBook has and rfcbook does not: a book.toml carried over
/// from mdBook would otherwise be told to correct a spelling that is right.
fn mdbook_hint(reason: &str) -> Option<String> {
    let key = reason.strip_prefix("unknown field `")?.split('`').next()?;
    let instead = match key {
        "additional-css" | "additional-js" => {
            "put CSS in your theme's static/custom.css, which every page loads after the default style; other files in static/ are published beside it"
        }
        "default-theme" | "preferred-dark-theme" => {
            "the site follows the reader's light or dark system setting and has a toggle: remove the key, or change the colours in your theme's static/style.css"
        }
        "git-repository-icon" => "the repository link has no icon to choose: remove the key",
        "multilingual"
        | "create-missing"
        | "use-default-preprocessors"
        | "extra-watch-dirs"
        | "no-section-label"
        | "mathjax-support"
        | "copy-fonts"
        | "curly-quotes"
        | "smart-punctuation"
        | "fold"
        | "playground"
        | "print"
        | "search"
        | "redirect"
        | "input-404"
        | "hash-files"
        | "live-reload-endpoint"
        | "sidebar-header-nav"
        | "code"
        | "linkcheck"
        | "markdown" => "remove it",
        "preprocessor" => "rfcbook runs no preprocessors: remove the table",
        _ => return None,
    };
    Some(format!(
        "`{key}` is an mdBook setting that rfcbook does not have: {instead}"
    ))
}

/// The closest of the names serde lists for an unknown key or value ("unknown field
/// `titel`, expected one of `title`, `description`"): `title`.
fn suggestion(reason: &str) -> Option<&str> {
    let rest = reason
        .strip_prefix("unknown field `")
        .or_else(|| reason.strip_prefix("unknown variant `"))?;
    let (wrong, listed) = rest.split_once('`')?;
    let names = listed.split('`').skip(1).step_by(2);
    // A key cut short (`edit-url` for `edit-url-template`, `lang` for `language`) is too
    // far from the whole for a typo.
    crate::suggest::closest(wrong, names.clone())
        .or_else(|| (wrong.len() >= 3).then(|| names.clone().find(|n| n.starts_with(wrong)))?)
}

/// The table a key of the book, build and output tables belongs in, for a key written in
/// another (`language` under `[output.html]`).
fn home_of(key: &str) -> Option<&'static str> {
    Some(match key {
        "title" | "description" | "authors" | "language" | "src" => "[book]",
        "build-dir" => "[build]",
        "site-url" | "git-repository-url" | "edit-url-template" | "theme" | "cname" => {
            "[output.html]"
        }
        _ => return None,
    })
}

/// Turns raw tables into typed settings, reporting problems at their place in the file.
struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    /// Whether `theme` must name a folder that exists.
    themed: bool,
}

impl Checker<'_> {
    fn config(&self, root: &Path) -> Result<Config> {
        let raw: RawConfig = toml::from_str(self.text).map_err(|e| self.toml_error(&e))?;
        self.resolve(root, raw)
    }

    fn error_at(&self, offset: usize, message: String, help: impl Into<String>) -> Error {
        Error::Config {
            position: self.position_at(offset),
            message,
            help: help.into(),
        }
    }

    fn position_at(&self, offset: usize) -> Position {
        position_after(self.path, &self.text[..offset.min(self.text.len())])
    }

    fn toml_error(&self, e: &toml::de::Error) -> Error {
        let offset = e.span().map_or(0, |s| s.start);
        // serde names Rust's types; a user wrote a number.
        let mut reason = e.message().trim_end().to_string();
        for (rust, words) in [
            ("expected u32", "expected a whole number, 0 or more"),
            ("expected u64", "expected a whole number, 0 or more"),
            ("expected usize", "expected a whole number, 0 or more"),
            ("expected i64", "expected a whole number"),
            ("expected f64", "expected a number"),
            ("expected a sequence", "expected a list"),
            ("expected a map", "expected a table"),
            ("invalid type: sequence,", "invalid type: a list,"),
            ("invalid type: map,", "invalid type: a table,"),
        ] {
            reason = reason.replace(rust, words);
        }
        // `[output] html = 1`: "expected struct RawHtml", a type of ours, is a table to the
        // user.
        while let Some(at) = reason.find("struct Raw") {
            let end = reason[at + "struct ".len()..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(reason.len(), |e| at + "struct ".len() + e);
            reason.replace_range(at..end, "a table");
        }
        // A table header given twice is a duplicate key to TOML, but no key is in sight.
        let line_at = self.text[..offset.min(self.text.len())]
            .rfind('\n')
            .map_or(0, |n| n + 1);
        let line = self.text[line_at..].lines().next().unwrap_or("").trim();
        // `[[book]]` is an array of tables: one table is meant (serde said "a table,
        // expected a string" of whatever came first, which named nothing the user wrote).
        if let Some(name) = line
            .strip_prefix("[[")
            .and_then(|l| l.split("]]").next())
            .map(str::trim)
            && reason.starts_with("invalid type")
        {
            return self.error_at(
                line_at,
                format!(
                    "invalid book.toml: `[[{name}]]` makes a list of tables; `{name}` is one table"
                ),
                format!("write the header with single brackets: `[{name}]`"),
            );
        }
        // A whole number past what the key can hold is said so, not called no number.
        if reason.starts_with("invalid value: integer")
            && reason.contains("expected a whole number, 0 or more")
            && !reason.contains("integer `-")
        {
            reason = reason.replace(
                "expected a whole number, 0 or more",
                "which is too large for this key",
            );
        }
        if reason.contains("duplicate key") && line.starts_with('[') {
            // The first line that is this header (a commented `# [rfc.lints]` is not).
            let first = self
                .text
                .lines()
                .position(|l| l.trim() == line)
                .map_or(1, |i| i + 1);
            return self.error_at(
                line_at,
                format!("invalid book.toml: the table `{line}` is given twice"),
                format!("TOML allows each table once: move its keys into the first `{line}` (line {first}) and remove this one"),
            );
        }
        let misplaced = reason
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
            .and_then(|key| Some((key, home_of(key)?)));
        let help = match (mdbook_hint(&reason), misplaced) {
            (Some(hint), _) => hint,
            (None, Some((key, table))) => {
                format!("`{key}` belongs in {table}: move the line there")
            }
            (None, None) => self.help_for(&reason),
        };
        // serde names the key only when it is unknown; a wrong type names just the value.
        // A syntax error is the key's only on the key's own line: `this is wrong` under
        // `statuses = [...]` is no fault of `statuses`.
        let about_a_value = ["invalid type", "invalid value", "unknown"]
            .iter()
            .any(|p| reason.starts_with(p))
            || reason.contains("duplicate key");
        let own_line = |key: &str| {
            let at = key.as_ptr() as usize - self.text.as_ptr() as usize;
            !self.text[at..offset.max(at).min(self.text.len())].contains('\n')
        };
        if let Some(key) = self.key_before(offset)
            && !reason.contains(&format!("`{key}`"))
            && (about_a_value || own_line(key))
        {
            reason = match reason.strip_prefix("invalid type: ") {
                Some(rest) => format!("`{key}` has the wrong type: {rest}"),
                None => match reason.strip_prefix("invalid value: ") {
                    Some(rest) => format!("`{key}` has a wrong value: {rest}"),
                    None => format!("`{key}`: {reason}"),
                },
            };
        }
        let message = format!("invalid book.toml: {reason}");
        self.error_at(offset, message, help)
    }

    fn help_for(&self, reason: &str) -> String {
        match suggestion(reason) {
            Some(right) => format!("did you mean `{right}`?"),
            None if reason.starts_with("unknown field") => {
                "correct the key's spelling, or remove it: the message lists the keys this table takes".into()
            }
            None if reason.starts_with("unknown variant") => {
                "use one of the values the message lists".into()
            }
            None if reason.contains("duplicate key") => {
                "the key is given twice in its table: keep one".into()
            }
            None if reason.starts_with("invalid type") || reason.starts_with("invalid value") => {
                "give the key a value of the type the message names".into()
            }
            None => "fix the TOML here: `key = value` lines, text in quotes, a `[table]` header on a line of its own".into(),
        }
    }

    /// The key whose value is at `offset`: the nearest `key =` line at or before it, within
    /// the same table (a value may span lines, as an array does).
    fn key_before(&self, offset: usize) -> Option<&str> {
        let before = &self.text[..offset.min(self.text.len())];
        let line_end = self.text[before.len()..]
            .find('\n')
            .map_or(self.text.len(), |at| before.len() + at);
        for line in self.text[..line_end].lines().rev() {
            let line = line.trim_start();
            if line.starts_with('[') && !line.contains('=') {
                return None;
            }
            if let Some((key, _)) = line.split_once('=') {
                let key = key.trim().trim_matches(['"', '\'']);
                let is_key = !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
                if is_key {
                    return Some(key);
                }
            }
        }
        None
    }

    /// Where `key` is written, if it is.
    fn position_of_key(&self, key: &str) -> Option<Position> {
        self.find_key(key).map(|at| self.position_at(at))
    }

    /// Where `key` is written ([`Self::find_key`]), or the start of the file.
    fn span_of_key(&self, key: &str) -> usize {
        self.find_key(key).unwrap_or(0)
    }

    /// Where `key` is written: a line that sets it (`key = …`, `"key" = …`, `key.sub = …`)
    /// or a table header that names it (`[rfc.sections.key]`), else a key of an inline
    /// table; never a comment, or a value that happens to hold the word (`src.git` in a
    /// URL, `"rationale"]` in a list).
    fn find_key(&self, key: &str) -> Option<usize> {
        let bare = |word: &str| word.trim().trim_matches(['"', '\'']).to_string();
        let mut offset = 0;
        let mut inline = None;
        for line in self.text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let trimmed = line.trim_start();
            let at = start + (line.len() - trimmed.len());
            if trimmed.starts_with('#') {
                continue;
            }
            if let Some(header) = trimmed.strip_prefix('[') {
                let inner = header
                    .trim_start_matches('[')
                    .split(']')
                    .next()
                    .unwrap_or("");
                if inner.split('.').any(|part| bare(part) == key) {
                    return Some(at);
                }
                continue;
            }
            if let Some((name, _)) = trimmed.split_once('=')
                && name
                    .split('.')
                    .next()
                    .is_some_and(|first| bare(first) == key)
            {
                return Some(at);
            }
            // `{ key = … }`: a key after `{` or `,`, outside any comment of the line.
            let code = trimmed.split(" #").next().unwrap_or(trimmed);
            if inline.is_none() {
                inline = code.match_indices(key).find_map(|(i, _)| {
                    let before = code[..i].trim_end_matches(['"', '\'', ' ']);
                    let after = code[i + key.len()..].trim_start_matches(['"', '\'', ' ']);
                    (before.ends_with(['{', ',']) && after.starts_with(['=', '.']))
                        .then_some(at + i)
                });
            }
        }
        inline
    }

    fn resolve(&self, root: &Path, raw: RawConfig) -> Result<Config> {
        let listed: Vec<(String, usize)> = raw
            .rfc
            .statuses
            .as_ref()
            .map(|list| {
                list.get_ref()
                    .iter()
                    .map(|s| (s.get_ref().trim().to_lowercase(), s.span().start))
                    .collect()
            })
            .unwrap_or_default();
        let given: Vec<String> = raw
            .rfc
            .status_roles
            .keys()
            .map(|k| k.trim().to_lowercase())
            .collect();
        let mut statuses = self.statuses(raw.rfc.statuses)?;
        self.status_roles(raw.rfc.status_roles, &mut statuses)?;
        let warnings = self.unplayed_roles(&statuses, &listed, &given);
        let rfc = RfcSchema {
            required_fields: self.fields(
                raw.rfc.required_fields,
                &[Field::Title, Field::Status, Field::Authors, Field::Created],
            )?,
            required_sections: self.required_sections(raw.rfc.required_sections)?,
            stale_after_days: raw.rfc.stale_after_days.unwrap_or(28),
            default_status: self.default_status(raw.rfc.default_status, &statuses)?,
            max_file_size: self.max_file_size(raw.rfc.max_file_size)?,
            file_name: self.file_name(raw.rfc.file_name, raw.rfc.id_digits)?,
            required_by_status: self.required_by_status(raw.rfc.required_by_status, &statuses)?,
            sections: self.sections(raw.rfc.sections)?,
            lints: self.lints(raw.rfc.lints)?,
            body_metadata: raw.rfc.body_metadata.unwrap_or(false),
            key_aliases: self.key_aliases(raw.rfc.key_aliases)?,
            exclude: self.exclude(raw.rfc.exclude)?,
            link_names: self.link_names(raw.rfc.link_names)?,
            statuses,
        };
        Ok(Config {
            root: root.to_path_buf(),
            title: self.book_title(raw.book.title)?,
            description: raw.book.description,
            authors: raw.book.authors,
            language: self.language(raw.book.language)?,
            src: self.src(root, &raw.book.src)?,
            build_dir: crate::output::lexical(&root.join(raw.build.build_dir)),
            template: self.template(root, raw.rfc.template)?,
            written: Written {
                src: self.position_of_key("src"),
                build_dir: self.position_of_key("build-dir"),
            },
            html: HtmlConfig {
                site_url: self.site_url(raw.output.html.site_url)?,
                git_repository_url: self
                    .http_url("git-repository-url", raw.output.html.git_repository_url)?,
                edit_url_template: self.edit_url(raw.output.html.edit_url_template)?,
                theme: self.theme(root, raw.output.html.theme)?,
                cname: self.cname(raw.output.html.cname)?,
            },
            rfc,
            warnings,
        })
    }

    /// Statuses named with another process's word for a role (`approved`, `replaced`)
    /// that `[rfc.status-roles]` gives none: every rule and page that knows what an
    /// accepted or superseded RFC is passes them by, which nothing said (rfcs/0011). A
    /// role is not guessed; the warning names it, and `"none"` says the status has none.
    fn unplayed_roles(
        &self,
        statuses: &Statuses,
        listed: &[(String, usize)],
        given: &[String],
    ) -> Vec<String> {
        listed
            .iter()
            .filter(|(name, _)| !given.contains(name))
            .filter(|(name, _)| {
                statuses
                    .parse(name)
                    .is_some_and(|s| statuses.role(s).is_none())
            })
            .filter_map(|(name, at)| {
                let role = StatusRole::of_word(name)?.name();
                let at = self.position_at(*at);
                let key = if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    name.clone()
                } else {
                    format!("\"{name}\"")
                };
                Some(format!(
                    "{}:{}:{}: status `{name}` has no role, so no rule or page treats it as \
                     `{role}`; if it means that, add `{key} = \"{role}\"` under \
                     `[rfc.status-roles]`, or `{key} = \"none\"` if it does not",
                    crate::terminal::clean(&at.file.display().to_string()),
                    at.line,
                    at.column,
                ))
            })
            .collect()
    }

    /// Every page links through `site-url` or the repository's URLs, so they must be what
    /// a link can safely be: a path, or an http(s) URL (never `javascript:`).
    fn site_url(&self, url: String) -> Result<String> {
        valid_site_url(url)
            .map_err(|(message, help)| self.error_at(self.span_of_key("site-url"), message, help))
    }

    /// Every page's `<html lang>`, which screen readers and browsers' translation read:
    /// a language tag (`en`, `pt-BR`, `zh-Hans`), not a name (`English`).
    fn language(&self, language: String) -> Result<String> {
        let mut parts = language.split('-');
        let primary = parts.next().unwrap_or("");
        let tag = (2..=8).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_alphabetic())
            && parts.all(|p| {
                (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if tag {
            return Ok(language);
        }
        Err(self.error_at(
            self.span_of_key("language"),
            format!("language `{language}` is not a language tag"),
            "write the language as a tag: `en`, `de`, `pt-BR`, `zh-Hans` (BCP 47)",
        ))
    }

    /// Every page's title and the brand link: an empty one leaves a link with no text.
    fn book_title(&self, title: Option<String>) -> Result<String> {
        match title {
            None => Ok("RFCs".into()),
            Some(title) if title.trim().is_empty() => Err(self.error_at(
                self.span_of_key("title"),
                "the book's title is empty".to_string(),
                "name the knowledge base (`title = \"Acme engineering RFCs\"`), or remove the key for the default \"RFCs\"",
            )),
            Some(title) => Ok(title),
        }
    }

    fn http_url(&self, key: &str, url: Option<String>) -> Result<Option<String>> {
        match url {
            Some(url) if !is_http_url(&url) => Err(self.error_at(
                self.span_of_key(key),
                format!("{key} `{url}` is not an http(s) URL"),
                "write the whole address, starting with `https://`",
            )),
            url => Ok(url),
        }
    }

    /// The RFC folder is in the archive: diagnostics name files relative to its root, and
    /// `src = "/etc"` or `"../.."` would make every other folder of the machine RFCs.
    fn src(&self, root: &Path, src: &Path) -> Result<PathBuf> {
        let path = crate::output::lexical(&root.join(src));
        if path.starts_with(crate::output::lexical(root)) {
            return Ok(root.join(src));
        }
        Err(self.error_at(
            self.span_of_key("src"),
            format!("src `{}` is outside the archive", src.display()),
            "give the folder of RFCs relative to book.toml, inside its folder (`rfcs`, `docs/decisions`); to keep RFCs elsewhere, put book.toml there",
        ))
    }

    /// The team's template, inside the archive like the RFC folder (it is read by every
    /// command and its prompts judged in every RFC), and there: a wrong path fails `check`
    /// at the line that names it, not `new` weeks later.
    fn template(&self, root: &Path, template: Option<String>) -> Result<Option<PathBuf>> {
        let Some(template) = template else {
            return Ok(None);
        };
        let path = root.join(&template);
        let inside = crate::output::lexical(&path).starts_with(crate::output::lexical(root));
        let problem = if template.trim().is_empty() {
            "is empty"
        } else if !inside || Path::new(&template).is_absolute() {
            "is outside the archive"
        } else if !self.themed {
            return Ok(Some(path));
        } else if path.is_dir() {
            "is a folder, not a file"
        } else if path.is_file() {
            // A symbolic link that leads out of the archive is outside it too: every
            // command reads the template.
            let real = |p: &Path| std::fs::canonicalize(p).ok();
            if real(&path)
                .zip(real(root))
                .is_some_and(|(file, root)| file.starts_with(root))
            {
                return Ok(Some(path));
            }
            "leads outside the archive"
        } else {
            "does not exist"
        };
        Err(self.error_at(
            self.span_of_key("template"),
            format!("the template `{template}` {problem}"),
            format!(
                "give the team's template relative to book.toml (`docs/decisions/adr-template.md`), or remove the key to use `{}` in the source folder",
                TEMPLATE_FILE
            ),
        ))
    }

    /// A domain name, which GitHub Pages reads from the file: not a URL.
    fn cname(&self, cname: Option<String>) -> Result<Option<String>> {
        let Some(name) = cname else {
            return Ok(None);
        };
        let is_domain = !name.is_empty()
            && name.len() <= 253
            && name.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if is_domain {
            return Ok(Some(name));
        }
        Err(self.error_at(
            self.span_of_key("cname"),
            format!("cname `{name}` is not a domain name"),
            "write the domain alone, without `https://` or a path: `rfcs.example.com`",
        ))
    }

    /// A theme that is not there fails `check` as well as `build`, at the line that names
    /// it, rather than when the site is rendered.
    fn theme(&self, root: &Path, theme: Option<PathBuf>) -> Result<Option<PathBuf>> {
        let Some(theme) = theme else {
            return Ok(None);
        };
        let path = root.join(&theme);
        if !self.themed {
            return Ok(Some(path));
        }
        let problem = if theme.as_os_str().is_empty() {
            "is empty"
        } else if path.is_dir() {
            if path.join("templates").is_dir() || path.join("static").is_dir() {
                return Ok(Some(path));
            }
            // A theme that changes nothing is a wrong path, or mdBook's layout.
            "holds neither templates/ nor static/"
        } else if path.exists() {
            "is a file, not a folder"
        } else {
            "does not exist"
        };
        Err(self.error_at(
            self.span_of_key("theme"),
            format!("the theme folder `{}` {problem}", theme.display()),
            "give the folder that holds the theme's templates/ and static/, relative to book.toml (`themes/acme`), or remove the key to use the default theme; `rfcbook init --theme` writes a copy of the default theme to start from",
        ))
    }

    fn edit_url(&self, url: Option<String>) -> Result<Option<String>> {
        let key = "edit-url-template";
        let url = self.http_url(key, url)?;
        if let Some(url) = &url
            && !url.contains("{path}")
        {
            return Err(self.error_at(
                self.span_of_key(key),
                format!("{key} `{url}` has no `{{path}}`"),
                "put `{path}` where the RFC's path goes, e.g. `https://git.example.com/acme/rfcs/edit/main/{path}`",
            ));
        }
        Ok(url)
    }

    fn statuses(&self, raw: Option<Spanned<Vec<Spanned<String>>>>) -> Result<Statuses> {
        let Some(raw) = raw else {
            return Ok(Statuses::new(
                DEFAULT_STATUSES.iter().map(|s| s.to_string()).collect(),
            ));
        };
        if raw.get_ref().is_empty() {
            return Err(self.error_at(
                raw.span().start,
                "`[rfc] statuses` is empty".into(),
                "list at least one status, e.g. [\"proposed\", \"accepted\"]",
            ));
        }
        // A status is a small number in every RFC's model; a vocabulary is a handful.
        const MAX_STATUSES: usize = 1000;
        if raw.get_ref().len() > MAX_STATUSES {
            return Err(self.error_at(
                raw.span().start,
                format!(
                    "`[rfc] statuses` lists {} statuses, more than {MAX_STATUSES}",
                    raw.get_ref().len()
                ),
                "list the statuses an RFC goes through, e.g. [\"proposed\", \"accepted\", \"rejected\"]",
            ));
        }
        let mut names: Vec<String> = Vec::new();
        for s in raw.into_inner() {
            let name = s.get_ref().trim().to_lowercase();
            if name.is_empty() || names.contains(&name) {
                return Err(self.error_at(
                    s.span().start,
                    format!("status `{}` is empty or listed twice", s.get_ref()),
                    "give each status once, as a non-empty word",
                ));
            }
            names.push(name);
        }
        Ok(Statuses::new(names))
    }

    /// `[rfc.status-roles]`: which configured status plays which role in the rules and
    /// pages that reason about a decision's life (rfcs/0011). A status named like a role
    /// has it unless the table says otherwise.
    fn status_roles(
        &self,
        raw: BTreeMap<String, Spanned<String>>,
        statuses: &mut Statuses,
    ) -> Result<()> {
        for (name, role) in raw {
            let Some(status) = statuses.parse(&name) else {
                let hint = match suggest::closest(&name, statuses.names()) {
                    Some(s) => format!("did you mean `{s}`? "),
                    None => String::new(),
                };
                return Err(self.error_at(
                    self.span_of_key(&name),
                    format!("`[rfc.status-roles]` names unknown status `{name}`"),
                    format!(
                        "{hint}use one of the statuses in `[rfc] statuses`: {}",
                        statuses.names().collect::<Vec<_>>().join(", ")
                    ),
                ));
            };
            let text = role.get_ref().trim().to_lowercase();
            let parsed = if text == "none" {
                None
            } else {
                Some(StatusRole::from_name(&text).ok_or_else(|| {
                    let hint = match suggest::closest(&text, StatusRole::NAMES.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`? "),
                        None => String::new(),
                    };
                    self.error_at(
                        role.span().start,
                        format!("`{}` is not a status role", role.get_ref()),
                        format!(
                            "{hint}roles are {}, or \"none\"",
                            StatusRole::NAMES.join(", ")
                        ),
                    )
                })?)
            };
            statuses.roles[usize::from(status.0)] = parsed;
        }
        Ok(())
    }

    fn default_status(
        &self,
        raw: Option<Spanned<String>>,
        statuses: &Statuses,
    ) -> Result<Option<Status>> {
        let Some(raw) = raw else { return Ok(None) };
        let name = raw.get_ref();
        let Some(status) = statuses.parse(name) else {
            let hint = match suggest::closest(name, statuses.names()) {
                Some(s) => format!("did you mean `{s}`? "),
                None => String::new(),
            };
            return Err(self.error_at(
                raw.span().start,
                format!("`default-status` names unknown status `{name}`"),
                format!(
                    "{hint}use one of the statuses in `[rfc] statuses`: {}",
                    statuses.names().collect::<Vec<_>>().join(", ")
                ),
            ));
        };
        // A superseded RFC names what superseded it, which no default can.
        if statuses.role(status) == Some(StatusRole::Superseded) {
            return Err(self.error_at(
                raw.span().start,
                format!("`default-status` cannot be `{name}`, a superseded status"),
                "a superseded RFC names the RFC that superseded it (`superseded-by:`), so every \
                 RFC without a status would be an error; choose the status most of them have, \
                 often the accepted one",
            ));
        }
        Ok(Some(status))
    }

    fn field(&self, name: &Spanned<String>) -> Result<Field> {
        Field::parse(name.get_ref()).ok_or_else(|| {
            let keys = Field::ALL.iter().map(|f| f.key());
            let hint = match suggest::closest(name.get_ref(), keys) {
                Some(s) => format!("did you mean `{s}`? "),
                None => String::new(),
            };
            self.error_at(
                name.span().start,
                format!("`{}` is not a front-matter field", name.get_ref()),
                format!("{hint}fields are: {}", field_list()),
            )
        })
    }

    fn exclude(&self, raw: Vec<Spanned<String>>) -> Result<Vec<Glob>> {
        raw.into_iter()
            .map(|p| {
                let text = p.get_ref().trim().trim_start_matches("./");
                let outside = text.starts_with('/') || text.split('/').any(|s| s == "..");
                if text.is_empty() || outside {
                    return Err(self.error_at(
                        p.span().start,
                        format!(
                            "`[rfc] exclude` has the pattern `{}`, which names no file of the source folder",
                            p.get_ref()
                        ),
                        "write a file name or a path under `[book] src`, such as \"adr-template.md\" or \"drafts/*.md\"",
                    ));
                }
                Ok(Glob(text.to_string()))
            })
            .collect()
    }

    fn link_names(&self, raw: Vec<Spanned<String>>) -> Result<Vec<FileNamePattern>> {
        raw.into_iter()
            .map(|p| {
                FileNamePattern::parse(p.get_ref(), 1).map_err(|reason| {
                    self.error_at(
                        p.span().start,
                        format!(
                            "invalid `[rfc] link-names` pattern `{}`: {reason}",
                            p.get_ref()
                        ),
                        "write the other name links give an RFC with `{id}` for its number, \
                         like \"eip-{id}.md\"",
                    )
                })
            })
            .collect()
    }

    fn key_aliases(
        &self,
        raw: BTreeMap<String, Spanned<String>>,
    ) -> Result<BTreeMap<String, Field>> {
        let mut out = BTreeMap::new();
        for (alias, field) in raw {
            // An alias that is itself a field would make `created: …` mean two things.
            if let Some(own) = Field::parse(&alias) {
                return Err(self.error_at(
                    self.span_of_key(&alias),
                    format!("`[rfc.key-aliases]` makes `{alias}` an alias, but it is the field `{}`", own.key()),
                    "an alias is another name for a field, such as `date = \"created\"`; remove this line",
                ));
            }
            out.insert(alias, self.field(&field)?);
        }
        Ok(out)
    }

    fn fields(&self, raw: Option<Vec<Spanned<String>>>, default: &[Field]) -> Result<Vec<Field>> {
        match raw {
            None => Ok(default.to_vec()),
            Some(list) => list.iter().map(|n| self.field(n)).collect(),
        }
    }

    fn section_kind(&self, name: &str, offset: usize) -> Result<SectionKind> {
        SectionKind::parse(name).ok_or_else(|| {
            self.error_at(
                offset,
                format!("`{name}` is not a canonical section"),
                "the sections are problem, approach, alternatives and rationale",
            )
        })
    }

    fn required_sections(&self, raw: Option<Vec<Spanned<String>>>) -> Result<Vec<SectionKind>> {
        match raw {
            None => Ok(SectionKind::ALL.to_vec()),
            Some(list) => list
                .iter()
                .map(|n| self.section_kind(n.get_ref(), n.span().start))
                .collect(),
        }
    }

    fn max_file_size(&self, raw: Option<Spanned<u64>>) -> Result<u64> {
        match raw {
            None => Ok(1024 * 1024),
            Some(v) if *v.get_ref() == 0 => Err(self.error_at(
                v.span().start,
                "`max-file-size` must be greater than 0".into(),
                "give a size in bytes, e.g. 1048576 for 1 MiB",
            )),
            Some(v) => Ok(v.into_inner()),
        }
    }

    fn file_name(
        &self,
        raw: Option<Spanned<String>>,
        digits: Option<usize>,
    ) -> Result<FileNamePattern> {
        let (pattern, offset) = match &raw {
            Some(p) => (p.get_ref().as_str(), p.span().start),
            None => ("{id}-{slug}.md", self.span_of_key("id-digits")),
        };
        FileNamePattern::parse(pattern, digits.unwrap_or(4)).map_err(|reason| {
            if reason.starts_with("`id-digits`") {
                return self.error_at(
                    self.span_of_key("id-digits"),
                    format!("invalid `[rfc] id-digits`: {reason}"),
                    "give the least number of digits an id is written with, 1 to 10 (4 writes 0042)",
                );
            }
            self.error_at(
                offset,
                format!("invalid `[rfc] file-name` pattern `{pattern}`: {reason}"),
                "write it like \"{id}-{slug}.md\" or \"eip-{id}.md\"; `id-digits` is the least number of digits",
            )
        })
    }

    fn required_by_status(
        &self,
        raw: Option<BTreeMap<String, Spanned<Vec<Spanned<String>>>>>,
        statuses: &Statuses,
    ) -> Result<HashMap<Status, Vec<Field>>> {
        // Not written: what a status asks for follows from its role, so a team's own name
        // for a decision (`final` as `accepted`) asks for its date as `accepted` does.
        let Some(raw) = raw else {
            return Ok(statuses
                .all()
                .filter_map(|status| {
                    let fields = match statuses.role(status)? {
                        StatusRole::Accepted | StatusRole::Rejected | StatusRole::Deprecated => {
                            vec![Field::Decided]
                        }
                        StatusRole::Superseded => vec![Field::Decided, Field::SupersededBy],
                        _ => return None,
                    };
                    Some((status, fields))
                })
                .collect());
        };
        let mut out = HashMap::new();
        for (name, fields) in raw {
            let Some(status) = statuses.parse(&name) else {
                return Err(self.error_at(
                    self.span_of_key(&name),
                    format!("`[rfc.required-by-status]` names unknown status `{name}`"),
                    format!(
                        "use one of the statuses in `[rfc] statuses`: {}",
                        statuses.names().collect::<Vec<_>>().join(", ")
                    ),
                ));
            };
            let fields = fields
                .into_inner()
                .iter()
                .map(|f| self.field(f))
                .collect::<Result<Vec<_>>>()?;
            out.insert(status, fields);
        }
        Ok(out)
    }

    fn sections(&self, raw: BTreeMap<String, Spanned<RawSection>>) -> Result<Sections> {
        let mut titles = BTreeMap::new();
        let mut names: BTreeMap<SectionKind, Vec<String>> = BTreeMap::new();
        for kind in SectionKind::ALL {
            titles.insert(kind, kind.default_title().to_string());
            let aliases = kind.default_aliases().iter().map(|a| a.to_string());
            names.insert(kind, aliases.collect());
        }
        // The sections book.toml names, by the key they are named under.
        let mut configured: BTreeMap<SectionKind, String> = BTreeMap::new();
        for (name, section) in raw {
            let kind = self.section_kind(&name, self.span_of_key(&name))?;
            configured.insert(kind, name.clone());
            let section = section.into_inner();
            // A heading has words: an empty title or alias would match no heading, and the
            // error for a missing section would name `## `.
            let empty = section.title.iter().chain(section.aliases.iter().flatten());
            if empty.into_iter().any(|t| normalise_heading(t).is_empty()) {
                return Err(self.error_at(
                    self.span_of_key(&name),
                    format!("[rfc.sections.{name}] has an empty title or alias"),
                    "give the heading text the section is written under, e.g. `title = \"Problem\"`",
                ));
            }
            if let Some(title) = section.title {
                titles.insert(kind, title);
            }
            if let Some(aliases) = section.aliases {
                names.insert(kind, aliases);
            }
        }
        let mut by_heading: FxHashMap<String, Vec<SectionKind>> = FxHashMap::default();
        for (kind, aliases) in &names {
            let all = std::iter::once(&titles[kind]).chain(aliases);
            for text in all {
                let kinds = by_heading.entry(normalise_heading(text)).or_default();
                if !kinds.contains(kind) {
                    kinds.push(*kind);
                }
            }
        }
        // One heading standing for two sections made one `## Problem` count as the
        // approach too, and the missing section went unseen; only the default
        // "Rationale and alternatives" is both, as it says. Told at the heading book.toml
        // wrote, in the table that wrote it.
        for (kind, aliases) in &names {
            let Some(name) = configured.get(kind) else {
                continue;
            };
            let written =
                std::iter::once((&titles[kind], true)).chain(aliases.iter().map(|a| (a, false)));
            for (text, is_title) in written {
                let heading = normalise_heading(text);
                let kinds = &by_heading[&heading];
                // The one heading that says it is both.
                let dual = [SectionKind::Alternatives, SectionKind::Rationale];
                let both = heading == "rationale and alternatives"
                    && kinds.len() == 2
                    && dual.iter().all(|k| kinds.contains(k));
                if kinds.len() < 2 || both {
                    continue;
                }
                let Some(&other) = kinds.iter().find(|k| *k != kind) else {
                    continue;
                };
                let other_title = normalise_heading(&titles[&other]) == heading;
                // A title of this table that is the other's alias: said at the alias,
                // where it is to be removed, if book.toml wrote it.
                if is_title && !other_title && configured.contains_key(&other) {
                    continue;
                }
                // The table runs from its header to the next one.
                let header = self.span_of_key(name);
                let rest = &self.text[header.min(self.text.len())..];
                let table = &rest[..rest[1..].find("\n[").map_or(rest.len(), |end| end + 1)];
                let quoted = [format!("\"{text}\""), format!("'{text}'")];
                // A dotted key (`sections.approach.aliases = [...]` under `[rfc]`) has no
                // header of its own: the heading as written anywhere, then.
                let at = quoted
                    .iter()
                    .find_map(|q| table.find(q.as_str()))
                    .map(|found| header + found)
                    .or_else(|| quoted.iter().find_map(|q| self.text.find(q.as_str())))
                    .unwrap_or(header);
                let (what, help) = match (is_title, other_title) {
                    (true, true) => (
                        "the title of both",
                        format!("give the {} section another title", kind.name()),
                    ),
                    (true, false) => (
                        "the title here and an alias of the other by default",
                        format!(
                            "give the {} section another title, or write \
                             `[rfc.sections.{}] aliases = [...]` without it",
                            kind.name(),
                            other.name()
                        ),
                    ),
                    (false, true) => (
                        "an alias here and the title of the other",
                        format!(
                            "remove `{text}` from the aliases here: it is the {} section's title",
                            other.name()
                        ),
                    ),
                    _ if configured.contains_key(&other) => (
                        "an alias of both",
                        format!(
                            "keep `{text}` in the aliases of one of them: remove it here or \
                             from `[rfc.sections.{}] aliases`",
                            other.name()
                        ),
                    ),
                    _ => (
                        "an alias here and one of the other by default",
                        format!(
                            "remove `{text}` from the aliases here, or write \
                             `[rfc.sections.{}] aliases = [...]` without it",
                            other.name()
                        ),
                    ),
                };
                return Err(self.error_at(
                    at,
                    format!(
                        "the heading `{text}` stands for two sections, {} and {} ({what})",
                        kind.name(),
                        other.name()
                    ),
                    format!("a heading stands for one section: {help}"),
                ));
            }
        }
        let mut sections = Sections {
            titles,
            aliases: names,
            by_heading,
            placeholders: BTreeMap::new(),
            title_placeholder: None,
        };
        sections.learn_placeholders(DEFAULT_TEMPLATE);
        Ok(sections)
    }

    fn lints(&self, raw: BTreeMap<String, Spanned<Level>>) -> Result<Lints> {
        let mut out = HashMap::new();
        // One rule set twice, by its name and its code (`empty-file` and `RFC0001`):
        // which one would win is not for the order of keys to decide.
        let mut named: HashMap<Code, String> = HashMap::new();
        for (name, level) in raw {
            let code = Code::lookup(&name).ok_or_else(|| {
                let names = Code::ALL.iter().map(|c| c.name());
                let hint = suggest::closest(&name, names)
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                self.error_at(
                    self.span_of_key(&name),
                    format!("`[rfc.lints]` names unknown rule `{name}`"),
                    format!("{hint}run `rfcbook explain` to list the rules"),
                )
            })?;
            if let Some(other) = named.insert(code, name.clone()) {
                return Err(self.error_at(
                    self.span_of_key(&name),
                    format!(
                        "`[rfc.lints]` sets rule {} twice, as `{other}` and as `{name}`",
                        code.as_str()
                    ),
                    "keep one of the two lines",
                ));
            }
            out.insert(code, level.into_inner());
        }
        Ok(Lints(out))
    }
}

fn field_list() -> String {
    Field::ALL.map(|f| f.key()).join(", ")
}

/// The archive root: `--root`, else the nearest folder from `start` upward holding
/// `book.toml`, else `start` itself (a folder of Markdown files works with defaults).
pub fn find_root(start: &Path, explicit: Option<&Path>) -> PathBuf {
    if let Some(root) = explicit {
        return root.to_path_buf();
    }
    // Any `book.toml` marks the root, also one that cannot be read (a folder, a link to
    // nothing): that is said, not passed by for an archive further up.
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).symlink_metadata().is_ok())
        .unwrap_or(start)
        .to_path_buf()
}

/// A book.toml key as it must be written: bare when it can be, else quoted (`"last
/// call"`), for helps and files that show a line to add.
pub(crate) fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        key.to_string()
    } else {
        toml::Value::String(key.to_string()).to_string()
    }
}

/// `url` with the letters of its path that are not ASCII percent-encoded
/// (`https://example.com/ü/` is `https://example.com/%C3%BC/`), as the sitemap and the
/// feed must write addresses; the host is left as written.
fn percent_encode_path(url: &str) -> String {
    let path_at = url.find("://").map_or(0, |scheme| {
        let host = scheme + 3;
        url[host..]
            .find('/')
            .map_or(url.len(), |slash| host + slash)
    });
    let (head, path) = url.split_at(path_at);
    let mut out = String::from(head);
    for c in path.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// `site-url` as the pages' links, the feed and the sitemap may use it: a path, or an
/// http(s) URL (never `javascript:`), percent-encoded; else what is wrong and the help,
/// for book.toml and for `build --site-url` alike.
pub(crate) fn valid_site_url(url: String) -> std::result::Result<String, (String, &'static str)> {
    if url.contains(['?', '#']) {
        return Err((
            format!(
                "site-url `{url}` has a query or a fragment (`?`, `#`), which page paths cannot follow"
            ),
            "write only the path the site is served under (`/docs/`), or its whole URL without `?` or `#` (`https://example.com/docs/`)",
        ));
    }
    // Browsers read a backslash as `/` and drop tabs and newlines: `/\evil.example/`
    // is another host's address in every link of the 404 page.
    if url.contains(|c: char| c.is_whitespace() || c.is_control() || c == '\\') {
        return Err((
            format!(
                "site-url `{}` has a space, a backslash or a control character",
                url.escape_debug()
            ),
            "write a space as `%20` and use `/` between folders: browsers read `\\` as `/`, so `/\\evil.example/` would lead to another host",
        ));
    }
    // A browser resolves `.` and `..` folders away (`/docs/../` is `/`), so the pages'
    // links and the server's redirect to the site went round in circles.
    let path = if is_http_url(&url) {
        url.splitn(4, '/').nth(3).unwrap_or("")
    } else {
        &url
    };
    if path.split('/').any(|folder| {
        matches!(
            folder.to_ascii_lowercase().replace("%2e", ".").as_str(),
            "." | ".."
        )
    }) {
        return Err((
            format!("site-url `{url}` has a `.` or `..` folder, which browsers resolve away"),
            "write the path the site is served under as it is (`/docs/`, not `/docs/../` or `/./docs/`)",
        ));
    }
    if url.is_empty() || (url.starts_with('/') && !url.starts_with("//")) || is_http_url(&url) {
        return Ok(percent_encode_path(&url));
    }
    Err((
        format!("site-url `{url}` is neither a path nor an http(s) URL"),
        "write the path the site is served under (`/` or `/docs/`), or its whole URL (`https://example.com/docs/`)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("/a"), Path::new("/a/book.toml"), text)
    }

    fn position(e: Error) -> (usize, usize, String) {
        match e {
            Error::Config {
                position, message, ..
            } => (position.line, position.column, message),
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    #[test]
    fn defaults_follow_the_contract() {
        let c = parse("").unwrap();
        assert_eq!(c.src, Path::new("/a/rfcs"));
        assert_eq!(c.build_dir, Path::new("/a/site"));
        assert_eq!(c.rfc.stale_after_days, 28);
        assert_eq!(c.rfc.statuses.names().count(), 7);
        let accepted = c.rfc.statuses.parse("Accepted").unwrap();
        assert_eq!(c.rfc.required_by_status[&accepted], vec![Field::Decided]);
        assert_eq!(
            c.rfc.sections.classify("Rationale and alternatives"),
            &[SectionKind::Alternatives, SectionKind::Rationale]
        );
        assert_eq!(
            c.rfc.sections.classify("motivation"),
            &[SectionKind::Problem]
        );
    }

    #[test]
    fn the_site_path_is_the_path_of_site_url() {
        for (url, path) in [
            ("/", "/"),
            ("", "/"),
            ("/docs", "/docs/"),
            ("/docs/", "/docs/"),
            ("https://example.com", "/"),
            ("https://example.com/", "/"),
            ("https://example.com/a/b/", "/a/b/"),
        ] {
            let c = parse(&format!("[output.html]\nsite-url = \"{url}\"\n")).unwrap();
            assert_eq!(c.html.site_path(), path, "{url}");
        }
    }

    #[test]
    fn site_urls_are_paths_or_http_urls_and_never_scripts() {
        for ok in ["/", "/docs/", "https://example.com/docs/", ""] {
            assert!(
                parse(&format!("[output.html]\nsite-url = \"{ok}\"\n")).is_ok(),
                "{ok}"
            );
        }
        // Letters outside ASCII are percent-encoded in the path, as addresses are written.
        for (url, written) in [
            ("/ü/", "/%C3%BC/"),
            ("https://example.com/ü/", "https://example.com/%C3%BC/"),
        ] {
            let c = parse(&format!("[output.html]\nsite-url = \"{url}\"\n")).unwrap();
            assert_eq!(c.html.site_url, written);
        }
        // A backslash is `/` to a browser, a tab nothing: both lead to another host.
        for url in ["/\\\\evil.example/", "/\\t/evil.example/", "/a b/"] {
            let (_, _, message) =
                position(parse(&format!("[output.html]\nsite-url = \"{url}\"\n")).unwrap_err());
            assert!(
                message.contains("a space, a backslash or a control character"),
                "{url}: {message}"
            );
        }
        let bad = [
            (
                "site-url = \"javascript:alert(1)\"",
                "neither a path nor an http(s) URL",
            ),
            (
                "site-url = \"//evil.example/\"",
                "neither a path nor an http(s) URL",
            ),
            ("site-url = \"docs\"", "neither a path nor an http(s) URL"),
            ("site-url = \"/docs/../\"", "has a `.` or `..` folder"),
            ("site-url = \"/%2E%2e/\"", "has a `.` or `..` folder"),
            (
                "site-url = \"https://example.com/./docs/\"",
                "has a `.` or `..` folder",
            ),
            (
                "git-repository-url = \"javascript:alert(1)\"",
                "is not an http(s) URL",
            ),
            (
                "edit-url-template = \"javascript:x({path})\"",
                "is not an http(s) URL",
            ),
            (
                "edit-url-template = \"https://git.example.com/edit/main/\"",
                "has no `{path}`",
            ),
        ];
        for (line, wanted) in bad {
            let (row, _, message) = position(
                parse(&format!("[book]\ntitle = \"x\"\n\n[output.html]\n{line}\n")).unwrap_err(),
            );
            assert_eq!(row, 5, "{line}");
            assert!(message.contains(wanted), "{line}: {message}");
        }
    }

    #[test]
    fn the_book_has_a_title() {
        for title in ["\"\"", "\"  \""] {
            let (row, _, message) =
                position(parse(&format!("[book]\ntitle = {title}\n")).unwrap_err());
            assert_eq!(row, 2);
            assert!(message.contains("the book's title is empty"), "{message}");
        }
        assert_eq!(parse("").unwrap().title, "RFCs");
    }

    /// Errors point at the key, not at a comment or a value that holds its name.
    #[test]
    fn a_key_is_found_where_it_is_set() {
        let text = "# Old layout: src = \"docs\"\n[book]\ntitle = \"src = x\"\n\
                    src = \"../out\"\n";
        let (line, column, _) = position(parse(text).unwrap_err());
        assert_eq!((line, column), (4, 1));
        let text = "[rfc]\nrequired-sections = [\"problem\", \"rationale\"]\n\n\
                    [rfc.sections.rationale]\naliases = [\"Context\"]\n";
        let (line, _, message) = position(parse(text).unwrap_err());
        assert!(message.contains("stands for two sections"), "{message}");
        assert_eq!(line, 5);
        let text = "[rfc.sections]\nrationale = { aliases = [\"Context\"] }\n";
        let (line, _, _) = position(parse(text).unwrap_err());
        assert_eq!(line, 2);
    }

    #[test]
    fn the_language_is_a_tag() {
        for ok in ["en", "pt-BR", "zh-Hans", "de-CH-1996"] {
            let c = parse(&format!("[book]\nlanguage = \"{ok}\"\n")).unwrap();
            assert_eq!(c.language, ok);
        }
        for bad in ["klingon!!", "English language", "", "e", "en-", "en_GB"] {
            let (line, _, message) =
                position(parse(&format!("[book]\nlanguage = \"{bad}\"\n")).unwrap_err());
            assert_eq!(line, 2, "{bad}");
            assert!(
                message.contains("is not a language tag"),
                "{bad}: {message}"
            );
        }
    }

    #[test]
    fn a_list_of_tables_and_a_number_too_large_are_said_so() {
        for table in ["book", "output.html", "rfc"] {
            let (line, _, message) = position(parse(&format!("[[{table}]]\n")).unwrap_err());
            assert_eq!(line, 1);
            assert!(
                message.contains(&format!("`[[{table}]]` makes a list of tables")),
                "{message}"
            );
        }
        let (_, _, message) =
            position(parse("[rfc]\nstale-after-days = 99999999999\n").unwrap_err());
        assert!(message.contains("too large for this key"), "{message}");
        let (_, _, message) = position(parse("[rfc]\nstale-after-days = -1\n").unwrap_err());
        assert!(
            message.contains("expected a whole number, 0 or more"),
            "{message}"
        );
    }

    #[test]
    fn a_heading_stands_for_one_section() {
        // Told at the heading to change, with what to do there.
        for (text, line, help) in [
            (
                "[rfc.sections.approach]\naliases = [\"Problem\"]\n",
                2,
                "remove `Problem` from the aliases here: it is the problem section's title",
            ),
            (
                "[rfc.sections.problem]\ntitle = \"Design\"\n",
                2,
                "give the problem section another title, or write `[rfc.sections.approach] aliases = [...]` without it",
            ),
            (
                "[rfc.sections.problem]\naliases = [\"Context\"]\n\n[rfc.sections.rationale]\naliases = [\"context\"]\n",
                2,
                "keep `Context` in the aliases of one of them: remove it here or from `[rfc.sections.rationale] aliases`",
            ),
        ] {
            let error = parse(text).unwrap_err();
            let shown = error.help();
            let (at, _, message) = position(error);
            assert!(
                message.contains("stands for two sections"),
                "{text}: {message}"
            );
            assert_eq!(at, line, "{text}");
            assert!(shown.ends_with(help), "{text}: {shown}");
        }
        // Another heading given to both is not.
        let text = "[rfc.sections.alternatives]\naliases = [\"Notes\", \"Options\"]\n\n\
                    [rfc.sections.rationale]\naliases = [\"Notes\"]\n";
        let (_, _, message) = position(parse(text).unwrap_err());
        assert!(
            message.contains("`Notes` stands for two sections"),
            "{message}"
        );
        // As the default says: one heading for both.
        assert!(
            parse("[rfc.sections.alternatives]\ntitle = \"Rationale and alternatives\"\n").is_ok()
        );
        // Taken from one, given to another.
        assert!(
            parse("[rfc.sections.problem]\ntitle = \"Design\"\n\n[rfc.sections.approach]\naliases = []\n")
                .is_ok()
        );
    }

    #[test]
    fn section_titles_and_aliases_have_words() {
        for section in [
            "title = \"\"",
            "title = \" : \"",
            "aliases = [\"Context\", \"\"]",
        ] {
            let (_, _, message) =
                position(parse(&format!("[rfc.sections.problem]\n{section}\n")).unwrap_err());
            assert!(
                message.contains("empty title or alias"),
                "{section}: {message}"
            );
        }
        assert!(parse("[rfc.sections.problem]\ntitle = \"Context\"\naliases = []\n").is_ok());
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let (line, _, message) =
            position(parse("[book]\ntitle = \"x\"\n\n[rfc]\nstauts = []\n").unwrap_err());
        assert_eq!(line, 5);
        assert!(message.contains("stauts"), "{message}");
    }

    #[test]
    fn wrong_type_names_line() {
        let (line, _, message) =
            position(parse("[rfc]\nstale-after-days = \"soon\"\n").unwrap_err());
        assert_eq!(line, 2);
        assert!(message.contains("invalid"), "{message}");
    }

    #[test]
    fn unknown_field_in_required_fields_is_located() {
        let (line, column, message) =
            position(parse("[rfc]\nrequired-fields = [\"title\", \"auhtors\"]\n").unwrap_err());
        assert_eq!((line, column), (2, 29));
        assert!(message.contains("auhtors"));
    }

    #[test]
    fn custom_statuses_drop_default_requirements_they_lack() {
        let c = parse("[rfc]\nstatuses = [\"open\", \"done\"]\n").unwrap();
        assert!(c.rfc.required_by_status.is_empty());
        assert!(
            c.rfc
                .statuses
                .role(c.rfc.statuses.parse("done").unwrap())
                .is_none()
        );
    }

    #[test]
    fn status_roles_map_a_team_s_names() {
        let c = parse(
            "[rfc]\nstatuses = [\"draft\", \"review\", \"last call\", \"final\", \"stagnant\"]\n\
             [rfc.status-roles]\nreview = \"proposed\"\n\"Last Call\" = \"proposed\"\nfinal = \"accepted\"\n\
             stagnant = \"withdrawn\"\ndraft = \"none\"\n",
        )
        .unwrap();
        let s = &c.rfc.statuses;
        let role = |name: &str| s.role(s.parse(name).unwrap());
        assert_eq!(role("review"), Some(StatusRole::Proposed));
        assert_eq!(role("last call"), Some(StatusRole::Proposed));
        assert_eq!(role("Final"), Some(StatusRole::Accepted));
        assert_eq!(role("stagnant"), Some(StatusRole::Withdrawn));
        assert_eq!(role("draft"), None);
        assert_eq!(
            s.with_role(StatusRole::Proposed).collect::<Vec<_>>(),
            ["review", "last call"]
        );
    }

    /// A status named with another process's word for a role, and given none, is said
    /// once, at its place in book.toml, with the line that gives it the role; a status
    /// the table names (even as "none") or that no word ties to a role is not.
    #[test]
    fn statuses_that_look_like_a_role_but_have_none_are_warned_about() {
        let c = parse(
            "[rfc]\nstatuses = [\"draft\", \"approved\", \"last call\", \"on hold\", \"retired\"]\n\
             [rfc.status-roles]\nretired = \"none\"\n",
        )
        .unwrap();
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
        assert!(
            c.warnings[0].ends_with(
                "book.toml:2:22: status `approved` has no role, so no rule or page treats it \
                 as `accepted`; if it means that, add `approved = \"accepted\"` under \
                 `[rfc.status-roles]`, or `approved = \"none\"` if it does not"
            ),
            "{}",
            c.warnings[0]
        );
        assert!(
            c.warnings[1].contains("add `\"last call\" = \"proposed\"`"),
            "{}",
            c.warnings[1]
        );
        assert!(parse("").unwrap().warnings.is_empty());
    }

    #[test]
    fn every_role_name_is_a_role_and_every_default_status_has_its_role() {
        let roles: Vec<StatusRole> = StatusRole::NAMES
            .iter()
            .map(|n| StatusRole::from_name(n).expect("a role"))
            .collect();
        let distinct: std::collections::HashSet<StatusRole> = roles.iter().copied().collect();
        assert_eq!(distinct.len(), StatusRole::NAMES.len());
        for (name, role) in StatusRole::NAMES.iter().zip(&roles) {
            assert_eq!(role.name(), *name);
        }
        let c = parse("").unwrap();
        assert_eq!(
            c.rfc.statuses.names().collect::<Vec<_>>(),
            StatusRole::DEFAULTS
        );
        for (name, role) in StatusRole::DEFAULTS.iter().zip(roles) {
            let status = c.rfc.statuses.parse(name).expect("a default status");
            assert_eq!(c.rfc.statuses.role(status), Some(role));
        }
        // `moved` is a role a team's status takes by its name, not a default status.
        assert!(c.rfc.statuses.parse("moved").is_none());
        let c = parse("[rfc]\nstatuses = [\"final\", \"moved\"]\n").unwrap();
        let moved = c.rfc.statuses.parse("Moved").unwrap();
        assert_eq!(c.rfc.statuses.role(moved), Some(StatusRole::Moved));
    }

    #[test]
    fn exclude_patterns_match_names_anywhere_or_paths_from_the_source_folder() {
        let c = parse(
            "[rfc]\nexclude = [\"adr-template.md\", \"ADRXXX-*\", \"drafts/*.md\", \"old/**\", \"?.md\"]\n",
        )
        .unwrap();
        let excluded = |path: &str| c.rfc.exclude.iter().any(|g| g.matches(path));
        assert!(excluded("adr-template.md") && excluded("sub/adr-template.md"));
        assert!(excluded(
            "ADR/ADRXXX-architecture-decision-record-template.md"
        ));
        assert!(excluded("drafts/0001-x.md") && !excluded("drafts/deep/0001-x.md"));
        assert!(excluded("old/a/b/0002-y.md") && !excluded("older/0002-y.md"));
        assert!(excluded("é.md") && !excluded("ab.md"));
        assert!(!excluded("0001-adr-template-policy.md"));
        // Many stars do not make matching exponential (it hung every command).
        let a40 = "a".repeat(40);
        assert!(!glob_match(
            b"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b",
            a40.as_bytes()
        ));
        assert!(glob_match(
            b"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*",
            a40.as_bytes()
        ));
        for bad in ["\"\"", "\"../x.md\"", "\"/etc/x.md\""] {
            let (line, _, message) =
                position(parse(&format!("[rfc]\nexclude = [{bad}]\n")).unwrap_err());
            assert_eq!(line, 2, "{bad}");
            assert!(message.contains("names no file"), "{message}");
        }
    }

    #[test]
    fn key_aliases_name_fields_and_are_not_fields() {
        let c = parse("[rfc.key-aliases]\ndate = \"created\"\ndecision-makers = \"authors\"\n")
            .unwrap();
        assert_eq!(c.rfc.field_of("date"), Some(Field::Created));
        assert_eq!(c.rfc.field_of("decision-makers"), Some(Field::Authors));
        assert_eq!(c.rfc.field_of("created"), Some(Field::Created));
        assert_eq!(c.rfc.field_of("deciders"), None);
        let (line, column, message) =
            position(parse("[rfc.key-aliases]\ndate = \"craeted\"\n").unwrap_err());
        assert_eq!((line, column), (2, 8));
        assert!(message.contains("craeted"), "{message}");
        let (line, _, message) =
            position(parse("[rfc.key-aliases]\ndecided = \"created\"\n").unwrap_err());
        assert_eq!(line, 2);
        assert!(message.contains("the field `decided`"), "{message}");
    }

    #[test]
    fn status_roles_errors_are_located() {
        let text =
            "[rfc]\nstatuses = [\"open\", \"done\"]\n[rfc.status-roles]\ndone = \"acepted\"\n";
        let (line, column, message) = position(parse(text).unwrap_err());
        assert_eq!((line, column), (4, 8));
        assert!(message.contains("acepted"), "{message}");
        let text =
            "[rfc]\nstatuses = [\"open\", \"done\"]\n[rfc.status-roles]\ndon = \"accepted\"\n";
        let (line, _, message) = position(parse(text).unwrap_err());
        assert_eq!(line, 4);
        assert!(message.contains("don"), "{message}");
    }

    #[test]
    fn unknown_status_in_required_by_status_is_an_error() {
        let text = "[rfc.required-by-status]\nacepted = [\"decided\"]\n";
        let (line, _, message) = position(parse(text).unwrap_err());
        assert_eq!(line, 2);
        assert!(message.contains("acepted"));
    }

    #[test]
    fn lints_accept_names_and_codes() {
        let c = parse("[rfc.lints]\nunknown-key = \"deny\"\nRFC0307 = \"allow\"\n").unwrap();
        assert_eq!(c.rfc.lints.level(Code::UnknownKey), Some(Level::Deny));
        assert_eq!(
            c.rfc.lints.level(Code::UnknownRfcMention),
            Some(Level::Allow)
        );
        assert!(parse("[rfc.lints]\nunknown-kye = \"deny\"\n").is_err());
        // One rule under its name and its code is a mistake, not a race.
        let twice = parse("[rfc.lints]\nempty-file = \"warn\"\nRFC0001 = \"deny\"\n");
        assert!(
            twice.is_err_and(|e| e.to_string().contains("sets rule RFC0001 twice")),
            "set twice"
        );
    }

    #[test]
    fn section_aliases_are_configurable() {
        let text = "[rfc.sections.approach]\ntitle = \"Design\"\naliases = [\"Guide-level explanation\"]\n";
        let c = parse(text).unwrap();
        assert_eq!(
            c.rfc.sections.classify("Guide-level explanation"),
            &[SectionKind::Approach]
        );
        assert!(c.rfc.sections.classify("Proposal").is_empty());
    }
}
