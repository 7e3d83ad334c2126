//! `rfcbook new TITLE`: the next-numbered RFC, written from the archive's template.

use std::path::Path;
use std::process::{Command as Process, ExitCode};

use walkdir::WalkDir;

use crate::cli::{Args, NewArgs};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{Date, Field, RfcId, SectionKind};
use crate::naming::FileNamePattern;
use crate::parse::lines::Hidden;
use crate::terminal;

pub(super) fn run(args: &Args, new: &NewArgs) -> Result<ExitCode> {
    let config = super::load_config(args)?;
    let title = new.title.trim();
    // A control character would be written into the file, and shown raw by `list`.
    if title.is_empty() || title.contains(char::is_control) {
        return Err(Error::usage(
            "the title must be one non-empty line of text, without control characters",
            "e.g. rfcbook new \"Put PgBouncer in front of every Postgres primary\"",
        ));
    }
    let (status, decided) = status(&config, new.status.as_deref())?;
    for (flag, values) in [("--author", &new.authors), ("--tag", &new.tags)] {
        if values.iter().any(|v| v.trim().is_empty()) {
            return Err(Error::usage(
                format!("{flag} was given an empty value"),
                format!("give {flag} a name, or leave it out"),
            ));
        }
    }
    let authors = if new.authors.is_empty() {
        vec![git_author(&config.root).ok_or_else(|| {
            Error::usage(
                "cannot tell who the author is",
                "pass --author \"Name <email>\", or set `git config user.name` and `user.email`",
            )
        })?]
    } else {
        new.authors.clone()
    };
    let read = crate::config::read_regular(&config.template_path(), config.rfc.max_file_size)
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not valid UTF-8")
            })
        });
    // Whether the template is the team's: one rfcbook wrote for the archive has no prompt
    // to blame for what it leaves out.
    let teams = read.is_ok();
    let template = match read {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && config.rfc.body_metadata => {
            body_template(&config)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            crate::config::DEFAULT_TEMPLATE.to_string()
        }
        Err(e) => return Err(Error::io("read", &config.template_path(), e)),
    };
    let day = super::today()?;
    let next = || {
        next_id(&config.src, &config.rfc.file_name, day).ok_or_else(|| {
            Error::usage(
                format!(
                    "{} holds an RFC numbered {}, the largest number there can be, so there is no next one",
                    config.src.display(),
                    u32::MAX
                ),
                "renumber that file, or write the new RFC's file by hand with a free number",
            )
        })
    };
    // Held until the file is written: two `new` at the same moment would both see the
    // same highest number.
    let _lock = NumberLock::take(&config.src)?;
    let id = next()?;
    let today = day.to_string();
    // A tag is one tag in any case and spacing (rfcs/0018): written as the archive writes
    // it (`security` where RFCs say so, not a new `Security` that check then flags), with
    // single spaces, and once.
    let spellings = if new.tags.is_empty() {
        None
    } else {
        crate::archive::Archive::load_for_report(&config)
            .ok()
            .map(|archive| crate::tags::Spellings::of(&archive))
    };
    let mut tags: Vec<String> = Vec::new();
    for given in &new.tags {
        let (tag, why) = match spellings.as_ref().and_then(|s| s.get(given)) {
            Some(known) => (known.name.clone(), "as the archive writes it"),
            None => (
                given.split_whitespace().collect::<Vec<_>>().join(" "),
                "with single spaces",
            ),
        };
        if tags
            .iter()
            .any(|t| crate::tags::key(t) == crate::tags::key(&tag))
        {
            continue;
        }
        if tag != *given {
            terminal::note(
                args.quiet,
                &format!("note: --tag {given:?} is written `{tag}`, {why}"),
            );
        }
        tags.push(tag);
    }
    let fields = Fields {
        title,
        status: &status,
        authors: &authors,
        tags: &tags,
        created: &today,
        decided: decided.then_some(today.as_str()),
        id,
    };
    let sections = &config.rfc.sections;
    let (mut text, mut wrote) = fill_with(&template, &fields, &|heading| {
        !sections.classify(heading).is_empty() || sections.heads_a_part(heading)
    });
    // Tags asked for, and a template with front matter but no place for them (MADR's):
    // a `tags:` line, which rfcbook reads in any archive, rather than a dropped tag.
    let has_tags_key = |front: &str| {
        front.lines().any(|line| {
            line.split_once(':')
                .is_some_and(|(key, _)| config.rfc.field_of(key.trim()) == Some(Field::Tags))
        })
    };
    if !tags.is_empty()
        && !wrote.tags
        && let Some(at) = front_matter_end(&text)
        && !has_tags_key(&text[..at])
    {
        text.insert_str(at, &format!("tags: {}\n", yaml_list(&tags)));
        wrote.tags = true;
    }
    // What the template could not take is said, not dropped without a word.
    for (asked, written, placeholder, what) in [
        (
            !new.authors.is_empty(),
            wrote.authors,
            "{{authors}}",
            "--author was",
        ),
        (!new.tags.is_empty(), wrote.tags, "{{tags}}", "--tag was"),
        (
            new.status.is_some(),
            wrote.status,
            "{{status}}",
            "--status was",
        ),
        (
            true,
            wrote.created,
            "{{created}}",
            "today's date (created) was",
        ),
    ] {
        if asked && !written {
            let why = if teams {
                format!("the template has no {placeholder}")
            } else {
                format!(
                    "the records here have no line for {}",
                    placeholder.trim_matches(['{', '}'])
                )
            };
            terminal::note(args.quiet, &format!("note: {why}, so {what} not written"));
        }
    }
    if !wrote.title {
        terminal::note(
            args.quiet,
            "note: the template has no {{title}} and no title heading of its own, so the title was not written",
        );
    }
    // Read off the template, not the file written: a title may say `{{id}}` itself. The
    // placeholders `new` knows are always filled (an undecided `{{decided}}` emptied).
    let left = unfilled(&template)
        .into_iter()
        .filter(|p| !FILLED.contains(p) && text.contains(p));
    for unknown in left {
        terminal::note(
            args.quiet,
            &format!(
                "note: the template's {unknown} is left as it is: `new` fills {} and {}",
                FILLED[..FILLED.len() - 1].join(", "),
                FILLED[FILLED.len() - 1]
            ),
        );
    }
    let path = config
        .src
        .join(config.rfc.file_name.name(RfcId(id), &slug(title)));
    const TAKEN: &str = "choose another title, or edit the existing file";
    if path.symlink_metadata().is_ok() {
        return Err(Error::AlreadyExists {
            path,
            help: TAKEN.into(),
        });
    }
    super::write_new(&path, &text, TAKEN)?;
    let cwd = super::current_dir()?;
    let shown = path.strip_prefix(&cwd).unwrap_or(&path);
    // What `check` will say of the file at once is said now: a template without a field
    // `check` requires (no `{{authors}}`), or without front matter, writes an RFC that
    // fails, which `new` wrote without a word.
    let lacking = fails_check(&config, &path, &text);
    if !lacking.is_empty() {
        terminal::note(
            args.quiet,
            &format!(
                "note: {} does not pass `rfcbook check` as the template is written: {}; \
                 add it to the file, and to the template ({})",
                shown.display(),
                lacking.join("; "),
                config
                    .template_path()
                    .strip_prefix(&cwd)
                    .unwrap_or(&config.template_path())
                    .display()
            ),
        );
    }
    terminal::print(&format!("{}\n", shown.display()))?;
    Ok(ExitCode::SUCCESS)
}

/// The errors `check` reports of the file `new` wrote (`text`, at `path`), as it parses
/// it alone: no front matter, a required field not there.
fn fails_check(config: &Config, path: &Path, text: &str) -> Vec<String> {
    let rel = path
        .strip_prefix(&config.root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let candidate = crate::discover::Candidate {
        path: path.to_path_buf(),
        rel,
    };
    let parsed = crate::parse::bytes_of(&candidate, text.as_bytes().to_vec(), &config.rfc);
    let mut lacking: Vec<String> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .map(|d| format!("{} ({})", d.message, d.code.as_str()))
        .collect();
    if let Some(front) = parsed.rfc.as_ref().and_then(|r| r.front.as_ref()) {
        for &field in &config.rfc.required_fields {
            if !front.has_value(field) {
                lacking.push(format!(
                    "the required field `{}` is missing ({})",
                    field.key(),
                    crate::diagnostic::Code::MissingField.as_str()
                ));
            }
        }
    }
    lacking
}

/// The new RFC's status, and whether it needs a `decided` date (today). A status that
/// needs what `new` cannot know (`superseded-by`) is refused: the file would fail `check`
/// as soon as it was written.
fn status(config: &Config, wanted: Option<&str>) -> Result<(String, bool)> {
    let statuses = &config.rfc.statuses;
    let chosen = match wanted {
        None => statuses.parse("draft").or_else(|| statuses.all().next()),
        Some(text) => Some(
            statuses
                .parse(text)
                .ok_or_else(|| unknown_status(config, text))?,
        ),
    };
    let Some(chosen) = chosen else {
        return Ok((String::new(), false));
    };
    let name = statuses.name(chosen).to_string();
    let needs = config
        .rfc
        .required_by_status
        .get(&chosen)
        .map_or(&[][..], Vec::as_slice);
    let missing: Vec<String> = needs
        .iter()
        .filter(|f| !matches!(f, Field::Decided | Field::Created | Field::Title))
        .filter(|f| !matches!(f, Field::Status | Field::Authors | Field::Tags | Field::Id))
        .map(|f| format!("`{}`", f.key()))
        .collect();
    if !missing.is_empty() {
        return Err(Error::usage(
            format!(
                "a new RFC cannot be `{name}`: that status needs {}, which `new` cannot fill in",
                missing.join(" and ")
            ),
            "create it with the default status, then set the status and those fields in the file",
        ));
    }
    Ok((name, needs.contains(&Field::Decided)))
}

fn unknown_status(config: &Config, text: &str) -> Error {
    let names: Vec<&str> = config.rfc.statuses.names().collect();
    let hint = config.rfc.statuses.hint(text);
    Error::usage(
        format!("`{text}` is not a status of this archive"),
        format!("{hint}the statuses are: {}", names.join(", ")),
    )
}

/// The placeholders [`fill_with`] fills.
const FILLED: [&str; 7] = [
    "{{title}}",
    "{{status}}",
    "{{authors}}",
    "{{tags}}",
    "{{created}}",
    "{{decided}}",
    "{{id}}",
];

/// The `{{…}}` of a template, each once; those still in the file written are the
/// placeholders `new` does not know.
fn unfilled(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start..].find("}}") else {
            break;
        };
        let placeholder = &rest[start..start + length + 2];
        if !placeholder.contains('\n') && !out.contains(&placeholder) {
            out.push(placeholder);
        }
        rest = &rest[start + length + 2..];
    }
    out
}

/// `Name <email>` from git's configuration, when git knows the user's name.
///
/// Asked in `dir` (or the nearest folder above it that exists): the archive's repository
/// may set its own `user.email`, and `--root` may name another repository than the one
/// the command runs in.
pub(super) fn git_author(dir: &Path) -> Option<String> {
    let dir = dir.ancestors().find(|d| d.is_dir());
    // As git itself names the author of a commit: its environment first, then config.
    let get = |variable: &str, key: &str| {
        std::env::var(variable)
            .ok()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .or_else(|| git(dir, &["config", "--get", key]))
    };
    let name = get("GIT_AUTHOR_NAME", "user.name");
    let email = get("GIT_AUTHOR_EMAIL", "user.email");
    match (name, email) {
        (Some(name), Some(email)) => Some(format!("{name} <{email}>")),
        (Some(name), None) => Some(name),
        // An address alone still says who it is.
        (None, Some(email)) => Some(email),
        (None, None) => None,
    }
}

/// What a git command prints, trimmed, when it succeeds and prints something; run in
/// `dir` when given. No git, or no answer, is `None`: callers have a default.
pub(super) fn git(dir: Option<&Path>, args: &[&str]) -> Option<String> {
    let mut command = Process::new("git");
    if let Some(dir) = dir {
        command.arg("-C").arg(dir);
    }
    let out = command.args(args).output().ok()?;
    let value = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !value.is_empty()).then_some(value)
}

/// The source folder's numbering, taken by one `new` at a time: a hidden file (never an
/// RFC, never published) made with `create_new`, removed when dropped. One left by a
/// `new` that was killed is taken over after a few seconds.
struct NumberLock(std::path::PathBuf);

impl NumberLock {
    const NAME: &str = ".rfcbook-new.lock";
    const STALE: std::time::Duration = std::time::Duration::from_secs(10);

    fn take(src: &Path) -> Result<NumberLock> {
        let path = src.join(Self::NAME);
        std::fs::create_dir_all(src).map_err(|e| Error::io("create", src, e))?;
        for _ in 0..400 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return Ok(NumberLock(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let stale = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > Self::STALE);
                    if stale {
                        let _ = std::fs::remove_file(&path);
                    } else {
                        std::thread::sleep(std::time::Duration::from_millis(25));
                    }
                }
                Err(e) => return Err(Error::io("create", &path, e)),
            }
        }
        Err(Error::io(
            "create",
            &path,
            std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "another `rfcbook new` has held it for 10 seconds",
            ),
        ))
    }
}

impl Drop for NumberLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// One more than the highest number used by any file name in the source folder, or by
/// one git remembers there and that was deleted since: a number that was published, then
/// withdrawn by removing its file, is not given to another decision, which old links and
/// "RFC 12" in chat would then name. `None` when the highest is the largest number there
/// can be. In an archive numbered by day, today's number.
fn next_id(src: &Path, pattern: &FileNamePattern, today: Date) -> Option<u32> {
    let present = WalkDir::new(src)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| pattern.id(&e.file_name().to_string_lossy()));
    let deleted = git(
        Some(src),
        &[
            "log",
            "--diff-filter=D",
            "--name-only",
            "--format=",
            "--relative",
            "--",
            ".",
        ],
    )
    .unwrap_or_default();
    let deleted = deleted
        .lines()
        .filter_map(|path| pattern.id(path.rsplit('/').next().unwrap_or(path)));
    let used: Vec<u32> = present.chain(deleted).map(|id| id.0).collect();
    // An archive numbered by day (log4brains' `20201016-slug.md`): today's, as the
    // records of one day share it (rfcs/0032).
    if !used.is_empty()
        && used
            .iter()
            .all(|&n| crate::model::date_of_number(n).is_some())
    {
        return Some(crate::model::number_of_date(today));
    }
    used.into_iter()
        .max()
        .map_or(Some(1), |top| top.checked_add(1))
}

/// The file name's words: the title's letters and digits in lower case, in any script (a
/// title in Japanese or Russian gets its own words, not a placeholder shared by every RFC),
/// joined by `-`, at most about 50 characters.
fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut length = 0;
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let chars = word.chars().count();
        if length + chars > 50 && !out.is_empty() {
            break;
        }
        // One long word is cut: a file name has at most 255 bytes.
        let (word, chars) = match word.char_indices().nth(50) {
            Some((at, _)) => (&word[..at], 50),
            None => (word, chars),
        };
        if !out.is_empty() {
            out.push('-');
            length += 1;
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
        length += chars;
    }
    if out.is_empty() { "rfc".into() } else { out }
}

struct Fields<'a> {
    title: &'a str,
    status: &'a str,
    authors: &'a [String],
    tags: &'a [String],
    created: &'a str,
    /// Today, when the status needs a decision date.
    decided: Option<&'a str>,
    id: u32,
}

/// What a filled template wrote of the facts `new` was given: what it had no place for
/// is said, not dropped without a word.
#[derive(Clone, Copy, Default)]
struct Wrote {
    title: bool,
    status: bool,
    authors: bool,
    tags: bool,
    created: bool,
}

/// [`fill_with`] for a template none of whose headings names a section.
#[cfg(test)]
fn fill(template: &str, f: &Fields<'_>) -> String {
    fill_with(template, f, &|_| false).0
}

/// Fills the template: values in the front matter are written as YAML (quoted where
/// needed, escaped inside the quotes a template put around them, items alone inside its
/// brackets), values in the body as plain text. Each placeholder is filled once, so a
/// title that says `{{id}}` is written as it was given. Then what a team's own template
/// asks in words of its own (rfcs/0033): adr-tools' `NUMBER`, `TITLE`, `DATE` and
/// `STATUS`, prompts in brackets or braces, `YYYY-MM-DD`, a title's `ADRxxx:` label, a
/// `## Status` section's paragraph. `is_section` says whether a heading names a section
/// of the archive (`# Summary` is no title to replace).
fn fill_with(template: &str, f: &Fields<'_>, is_section: &dyn Fn(&str) -> bool) -> (String, Wrote) {
    let (front, body) = parts(template);
    let titled = template.contains("{{title}}");
    let mut wrote = Wrote {
        title: titled,
        status: template.contains("{{status}}"),
        authors: template.contains("{{authors}}"),
        tags: template.contains("{{tags}}"),
        created: template.contains("{{created}}"),
    };
    // Not decided yet: a `decided: {{decided}}` line would be read as a YAML mapping,
    // and an empty `decided:` is an error of its own, so the line goes.
    let front: String = if f.decided.is_none() {
        front
            .split_inclusive('\n')
            .filter(|line| !line.contains("{{decided}}"))
            .collect()
    } else {
        front.to_string()
    };
    let asks_decided = front.contains("{{decided}}");
    let list = |items: &[String], around: Around| {
        let list = yaml_list(items);
        if around == Around::Brackets {
            list[1..list.len() - 1].to_string()
        } else {
            list
        }
    };
    let scalar = |text: &str, around: Around| match around {
        // Inside the template's own quotes: escaped for them, not quoted again.
        Around::DoubleQuotes => {
            let json = serde_json::to_string(text).unwrap_or_default();
            json[1..json.len() - 1].to_string()
        }
        Around::SingleQuotes => text.replace('\'', "''"),
        Around::Brackets | Around::Plain => yaml_string(text),
    };
    let id = f.id.to_string();
    let front = substitute(&front, |name, around| {
        Some(match name {
            "title" => scalar(f.title, around),
            "status" => scalar(f.status, around),
            "authors" => list(f.authors, around),
            "tags" => list(f.tags, around),
            "created" => f.created.to_string(),
            "decided" => f.decided?.to_string(),
            "id" => id.clone(),
            _ => return None,
        })
    });
    let mut front = team_front(&front, f, titled, &mut wrote);
    if let Some(decided) = f.decided
        && !asks_decided
        && let Some(end) = front.rfind("\n---")
    {
        let ending = if front[..end].ends_with('\r') {
            "\r\n"
        } else {
            "\n"
        };
        front.insert_str(end + 1, &format!("decided: {decided}{ending}"));
    }
    let body = substitute(body, |name, _| {
        Some(match name {
            "title" => markdown_text(f.title),
            "status" => f.status.to_string(),
            "decided" => f.decided.unwrap_or("").to_string(),
            "created" => f.created.to_string(),
            "id" => id.clone(),
            _ => return None,
        })
    });
    let body = team_body(&body, f, titled, is_section, &mut wrote);
    (front + &body, wrote)
}

/// The facts a team's front matter asks with a prompt of its own, written (MADR 4:
/// `# status: "{proposed | rejected | …}"`, commented out as optional): the line
/// uncommented and filled, since `new` was given the fact. A `title:` the template wrote
/// as a value of its own (`title: ADR Template`) becomes the RFC's.
fn team_front(front: &str, f: &Fields<'_>, titled: bool, wrote: &mut Wrote) -> String {
    // Keys the front matter sets already: a commented-out line of one is left alone.
    let set: Vec<String> = front
        .lines()
        .filter(|l| top_level(l))
        .filter_map(key_of)
        .collect();
    let mut out = String::with_capacity(front.len() + 64);
    // After a key rewritten whose value was a block (`title: >-`), its indented lines go.
    let mut in_block = false;
    for line in front.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let ending = &line[content.len()..];
        if in_block && (content.starts_with([' ', '\t']) || content.trim().is_empty()) {
            continue;
        }
        in_block = false;
        // Only keys of the front matter itself: a nested `title:` (`seo:` then
        // `  title:`) or a line of a block of text is someone else's.
        let uncommented = content
            .strip_prefix('#')
            .map(str::trim_start)
            .filter(|rest| top_level(rest) && key_of(rest).is_some_and(|k| !set.contains(&k)));
        let candidate = match uncommented {
            Some(rest) => rest,
            None if top_level(content) => content,
            None => {
                out.push_str(line);
                continue;
            }
        };
        let Some((key, value)) = candidate.split_once(':') else {
            out.push_str(line);
            continue;
        };
        let key = key.trim();
        let value = value.trim();
        // An empty value is a slot as much as a prompt is (MADR's bare template).
        let slot = front_prompt(value) || (uncommented.is_none() && value.is_empty());
        let filled = match key.to_ascii_lowercase().as_str() {
            "title" if uncommented.is_none() && !titled => {
                wrote.title = true;
                Some(yaml_string(f.title))
            }
            _ if !slot => None,
            "status" => {
                wrote.status = true;
                Some(yaml_string(f.status))
            }
            "date" | "created" => {
                wrote.created = true;
                Some(f.created.to_string())
            }
            "decision-makers" | "deciders" | "authors" if !f.authors.is_empty() => {
                wrote.authors = true;
                Some(yaml_list(f.authors))
            }
            "tags" if !f.tags.is_empty() => {
                wrote.tags = true;
                Some(yaml_list(f.tags))
            }
            // A prompt for tags with none given: `{list of tags}` would be read as a
            // mapping, so the line goes, as in a body.
            "tags" if uncommented.is_none() && front_prompt(value) => continue,
            _ => None,
        };
        match filled {
            Some(filled) => {
                in_block = value.starts_with(['|', '>']);
                out.push_str(&format!("{key}: {filled}{ending}"));
            }
            None => out.push_str(line),
        }
    }
    out
}

/// A template's front matter (its `---` lines included; empty without) and body. A
/// template saved with a byte-order mark still has front matter.
fn parts(template: &str) -> (&str, &str) {
    let template = template.strip_prefix('\u{feff}').unwrap_or(template);
    match template
        .strip_prefix("---")
        .and_then(|rest| rest.find("\n---").map(|i| i + 3 + 4))
    {
        Some(end) => template.split_at(end.min(template.len())),
        None => ("", template),
    }
}

/// Whether a front-matter line is one of its own keys, not a nested one, an item of a
/// list, a line of a block of text or a comment.
fn top_level(line: &str) -> bool {
    !line.starts_with([' ', '\t', '#', '-'])
}

/// The key a front-matter line sets, in lower case.
fn key_of(line: &str) -> Option<String> {
    line.split_once(':')
        .map(|(k, _)| k.trim().to_ascii_lowercase())
}

/// The keys a template's front matter names, set or commented out (MADR 4's `# date:`):
/// those `new` may write, which `init` reads as the archive's names (rfcs/0033).
pub(in crate::cmd) fn front_keys(template: &str) -> Vec<String> {
    parts(template)
        .0
        .lines()
        .map(|l| l.strip_prefix('#').map_or(l, str::trim_start))
        .filter(|l| top_level(l))
        .filter_map(key_of)
        .collect()
}

/// A YAML list of `items`, each quoted only where needed.
/// Where a text's front matter ends: the start of its closing `---` line, when it opens
/// with one.
fn front_matter_end(text: &str) -> Option<usize> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let opened = text.len() - rest.len();
    let mut at = opened;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(at);
        }
        at += line.len();
    }
    None
}

fn yaml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| yaml_string(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Whether a front-matter value is a template's prompt: in braces (MADR 4, whose status
/// prompt does not close them), or a date's format. Brackets are YAML's lists there.
fn front_prompt(value: &str) -> bool {
    let value = value.trim().trim_start_matches(['"', '\'']);
    (value.starts_with('{') && !value.starts_with("{{")) || date_format(value)
}

/// Whether `text` starts with the format a date is to be written in (`YYYY-MM-DD`).
fn date_format(text: &str) -> bool {
    text.get(..10)
        .is_some_and(|head| head.eq_ignore_ascii_case("yyyy-mm-dd"))
}

/// What a template wrote around a placeholder: `"{{title}}"`, `'{{title}}'`,
/// `[{{tags}}]`, or nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Around {
    DoubleQuotes,
    SingleQuotes,
    Brackets,
    Plain,
}

/// Replaces each `{{name}}` of `text` once, left to right, with what `value` gives for
/// it (a name it does not know stays as written). What is filled in is never read again.
fn substitute(text: &str, value: impl Fn(&str, Around) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let end = start + 2 + len + 2;
        let name = &rest[start + 2..end - 2];
        let before = rest[..start].chars().next_back();
        let after = rest[end..].chars().next();
        let around = match (before, after) {
            (Some('"'), Some('"')) => Around::DoubleQuotes,
            (Some('\''), Some('\'')) => Around::SingleQuotes,
            (Some('['), Some(']')) => Around::Brackets,
            _ => Around::Plain,
        };
        out.push_str(&rest[..start]);
        match value(name, around) {
            Some(filled) => out.push_str(&filled),
            None => out.push_str(&rest[start..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A team's template words in the body: adr-tools' (`# NUMBER. TITLE`, `Date: DATE`,
/// `STATUS` alone on its line), prompts in brackets or braces (MADR, log4brains: `# [short
/// title …]`, `- Status: [draft | …]`), `Date: YYYY-MM-DD`, a first heading that is the
/// template's own title (`# ADRxxx: Decision Record Title`), and, when nothing else took
/// the status, the first paragraph of a `## Status` section (GOV.UK's `> Accepted or
/// Rejected`). Only those lines: the words may well occur in the prose.
fn team_body(
    body: &str,
    f: &Fields<'_>,
    titled: bool,
    is_section: &dyn Fn(&str) -> bool,
    wrote: &mut Wrote,
) -> String {
    let mut heading_seen = titled;
    let mut hidden = Hidden::default();
    let mut out = String::with_capacity(body.len() + f.title.len());
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let ending = &line[content.len()..];
        let filled = if hidden.covers(content) {
            // A note to the author (`<!-- # Title: what is decided -->`) or an example
            // in a code block: neither the title nor a field.
            content.to_string()
        } else if !heading_seen && let Some(text) = content.strip_prefix("# ") {
            heading_seen = true;
            match title_line(text.trim(), f, is_section) {
                Some(line) => {
                    wrote.title = true;
                    line
                }
                None => content.to_string(),
            }
        } else if let Some(fact) = fact_line(content, f, wrote) {
            match fact {
                Some(fact) => fact,
                // Nothing to write (no tags given): the prompt goes, not left as text.
                None => continue,
            }
        } else if before_note(content).trim() == "Date: DATE" {
            wrote.created = true;
            content.replacen("DATE", f.created, 1)
        } else if before_note(content).trim() == "STATUS" {
            wrote.status = true;
            content.replacen("STATUS", &capitalised(f.status), 1)
        } else {
            content.to_string()
        };
        out.push_str(&filled);
        out.push_str(ending);
    }
    if wrote.status {
        return out;
    }
    status_section(&out, f, wrote)
}

/// A line's text before a note to the author that ends it (`Date: DATE <!-- the day it
/// was written -->`): the note stays, the word before it is filled.
fn before_note(line: &str) -> &str {
    match line.find("<!--") {
        Some(at) if line.trim_end().ends_with("-->") => &line[..at],
        _ => line,
    }
}

/// The template's first heading as the RFC's title, or `None` when it stays: a heading
/// that names a section (`# Summary`) is no title.
fn title_line(text: &str, f: &Fields<'_>, is_section: &dyn Fn(&str) -> bool) -> Option<String> {
    let title = markdown_text(f.title);
    if prompt(text) {
        return Some(format!("# {title}"));
    }
    if let Some(label) = numbered_label(text, f.id) {
        return Some(format!("# {label} {title}"));
    }
    if text.contains("NUMBER") || text.contains("TITLE") {
        return Some(format!(
            "# {}",
            text.replace("NUMBER", &f.id.to_string())
                .replace("TITLE", f.title)
        ));
    }
    (!is_section(text)).then(|| format!("# {title}"))
}

/// A title's label written with a placeholder for the number, and what follows it
/// (`ADRxxx:`, `ADR-XXXX:`, `RFC NNNN.`, `0000.`): the label with the number, padded to
/// the placeholder's width as the records' labels are (`ADR042:`).
fn numbered_label(heading: &str, id: u32) -> Option<String> {
    let at = heading.find([':', '.'])?;
    let label = &heading[..at];
    let mark = label.chars().next_back()?;
    if !matches!(mark, 'x' | 'X' | 'N' | '#' | '0') {
        return None;
    }
    let prefix = label.trim_end_matches(mark);
    let width = label.len() - prefix.len();
    // `ADRxxx`, not the last letter of a word (`DESIGN:`).
    if width < 2 {
        return None;
    }
    let letters = prefix
        .chars()
        .all(|c| c.is_ascii_alphabetic() || matches!(c, '-' | '_' | ' '));
    letters.then(|| format!("{prefix}{id:0width$}{}", &heading[at..=at]))
}

/// `status` as a record's body writes it: `Accepted`.
fn capitalised(status: &str) -> String {
    let mut chars = status.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    first.unwrap_or_default() + chars.as_str()
}

/// The first paragraph of a `## Status` section replaced by the status, when the template
/// said it nowhere else: what the records of such an archive are read by (rfcs/0019).
fn status_section(body: &str, f: &Fields<'_>, wrote: &mut Wrote) -> String {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Before,
        Heading,
        Paragraph,
        After,
    }
    let mut state = State::Before;
    let mut hidden = Hidden::default();
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let blank = content.trim().is_empty();
        match state {
            State::Before if hidden.covers(content) => {}
            State::Before => {
                let heading = content.trim_start_matches('#').trim();
                if content.starts_with("##") && heading.eq_ignore_ascii_case("status") {
                    state = State::Heading;
                }
            }
            // Another heading first: the section has no paragraph to replace.
            State::Heading if content.starts_with('#') => state = State::After,
            State::Heading if !blank => {
                wrote.status = true;
                out.push_str(&capitalised(f.status));
                out.push_str(&line[content.len()..]);
                state = State::Paragraph;
                continue;
            }
            State::Paragraph if blank => state = State::After,
            State::Paragraph => continue,
            State::Heading | State::After => {}
        }
        out.push_str(line);
    }
    out
}

/// A fact line whose value is the template's prompt (`- Status: [draft | proposed | …]
/// <!-- optional -->` in MADR 2 and log4brains, `Date: YYYY-MM-DD` in GOV.UK's), filled:
/// `Some(None)` when there is nothing to write, `None` when the line is no such fact.
fn fact_line(content: &str, f: &Fields<'_>, wrote: &mut Wrote) -> Option<Option<String>> {
    let (label, value) = content.split_once(':')?;
    let bullet = label.len() - label.trim_start_matches(['-', '*', ' ']).len();
    let name = label[bullet..].trim().to_ascii_lowercase();
    let value = value.split("<!--").next().unwrap_or(value);
    if !prompt(value) {
        return None;
    }
    let written = match name.as_str() {
        "status" => {
            wrote.status = true;
            f.status.to_string()
        }
        // `Start Date:`, as the Rust RFCs' template asks it.
        "date" | "start date" => {
            wrote.created = true;
            f.created.to_string()
        }
        "deciders" | "decision-makers" | "authors" => {
            wrote.authors |= !f.authors.is_empty();
            f.authors.join(", ")
        }
        "tags" => {
            wrote.tags |= !f.tags.is_empty();
            f.tags.join(", ")
        }
        _ => return None,
    };
    Some((!written.is_empty()).then(|| format!("{}: {written}", &content[..label.len()])))
}

/// Whether `text` is a template's prompt: a note to the writer in brackets (`[short title
/// …]`: MADR 2, log4brains), braces (`{short title …}`: MADR 3 and 4, whose status prompt
/// leaves them open) or parentheses (`(fill me in …)`: the Rust RFCs'), or a date's
/// format (`YYYY-MM-DD`).
fn prompt(text: &str) -> bool {
    let text = text.trim();
    (text.starts_with('[') && text.ends_with(']'))
        || (text.starts_with('{') && !text.starts_with("{{"))
        || (text.starts_with('(') && text.ends_with(')'))
        || date_format(text)
}

/// The template of an archive whose records say what they are in their body
/// (`[rfc] body-metadata`: adr-tools, Nygard) and that has none of its own: a record laid
/// out as its neighbours are, with `Date:`, `## Status` and the required sections under
/// the names those records use where the archive reads them so (`## Context` for the
/// problem), each with rfcbook's prompt.
fn body_template(config: &Config) -> String {
    let sections = &config.rfc.sections;
    let mut template = String::from("# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n");
    for kind in SectionKind::ALL {
        if !config.rfc.required_sections.contains(&kind) {
            continue;
        }
        let usual = match kind {
            SectionKind::Problem => "Context",
            SectionKind::Approach => "Decision",
            SectionKind::Alternatives => "Alternatives",
            SectionKind::Rationale => "Consequences",
        };
        let name = if sections.classify(usual).contains(&kind) {
            usual
        } else {
            sections.title(kind)
        };
        template.push_str(&format!("\n## {name}\n"));
        if let Some(prompt) = sections.placeholder(kind) {
            template.push_str(&format!("\n*{prompt}*\n"));
        }
    }
    template
}

/// A title as Markdown text that reads back as itself: `Use C #` would lose its `#` as
/// the end of a heading, and `*args*` would be emphasis.
fn markdown_text(text: &str) -> String {
    // Braces that end a heading are read as its attributes (`Use {y}`).
    let braces = text.ends_with('}');
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&'
        ) || (braces && matches!(c, '{' | '}'))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A YAML scalar for `text`: plain when that reads back unchanged, double-quoted otherwise.
pub(super) fn yaml_string(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        && !text.ends_with(' ')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains(['[', ']', '{', '}', ',', '<', '>'])
        && text.parse::<f64>().is_err()
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off"
        );
    if plain && reads_back(text) {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

/// Whether `text`, written plain, is read back as that string by the YAML parser that
/// `check` uses, both as a value and as an item of a flow list. The rules above are
/// quick and readable; this is the proof, for what they miss: `Why:` ends a mapping key,
/// `0x1F` and `0o17` are numbers, `.inf` a float.
fn reads_back(text: &str) -> bool {
    use yaml_rust2::{Yaml, YamlLoader};
    let value = |doc: &str| -> Option<Yaml> {
        let docs = YamlLoader::load_from_str(doc).ok()?;
        let [Yaml::Hash(map)] = docs.as_slice() else {
            return None;
        };
        map.get(&Yaml::String("k".into())).cloned()
    };
    let own = Yaml::String(text.to_string());
    value(&format!("k: {text}\n")).is_some_and(|v| v == own)
        && value(&format!("k: [{text}]\n")).is_some_and(|v| v == Yaml::Array(vec![own]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Put PgBouncer in front of every Postgres primary"),
            "put-pgbouncer-in-front-of-every-postgres-primary"
        );
        assert_eq!(slug("Use gRPC: yes/no?"), "use-grpc-yes-no");
        assert_eq!(slug("検索を速くする"), "検索を速くする");
        assert_eq!(slug("Переход на PostgreSQL"), "переход-на-postgresql");
        assert_eq!(slug("Café au lait"), "café-au-lait");
        assert_eq!(slug("!!!"), "rfc");
        assert_eq!(slug(&"x".repeat(300)), "x".repeat(50));
        assert_eq!(slug(&format!("a {}", "y".repeat(300))), "a");
    }

    #[test]
    fn yaml_strings_quote_only_when_needed() {
        assert_eq!(yaml_string("Use PgBouncer"), "Use PgBouncer");
        assert_eq!(yaml_string("Kafka: yes or no"), "\"Kafka: yes or no\"");
        assert_eq!(
            yaml_string("Ada <ada@example.com>"),
            "\"Ada <ada@example.com>\""
        );
        assert_eq!(yaml_string("2024"), "\"2024\"");
        assert_eq!(yaml_string("no"), "\"no\"");
        // What YAML reads as something else than the title.
        for title in ["Why:", "0x1F", "0o17", ".inf", "~", "+1", "null"] {
            assert_eq!(yaml_string(title), format!("\"{title}\""), "{title}");
        }
        assert_eq!(yaml_string("Use C++ and C#"), "Use C++ and C#");
    }

    /// RFC 5, "Use Redis", proposed on 2026-11-27: what a team's template is filled with.
    fn proposed_redis() -> Fields<'static> {
        Fields {
            title: "Use Redis",
            status: "proposed",
            authors: &[],
            tags: &[],
            created: "2026-11-27",
            decided: None,
            id: 5,
        }
    }

    #[test]
    fn notes_in_comments_and_examples_in_code_blocks_are_left_as_written() {
        let t = "<!--\n# Title: what is decided\nDate: DATE\n-->\n# NUMBER. TITLE <!-- short -->\n\n\
                 Date: DATE\n\n```md\n## Status\n\nSTATUS\n```\n\n\
                 <!-- one --> <!-- two\n## Status\n--> <!-- three\nSTATUS\n-->\n## Status\n\nSTATUS\n";
        assert_eq!(
            fill(t, &proposed_redis()),
            "<!--\n# Title: what is decided\nDate: DATE\n-->\n# 5. Use Redis <!-- short -->\n\n\
             Date: 2026-11-27\n\n```md\n## Status\n\nSTATUS\n```\n\n\
             <!-- one --> <!-- two\n## Status\n--> <!-- three\nSTATUS\n-->\n## Status\n\nProposed\n"
        );
    }

    #[test]
    fn fill_writes_adr_tools_templates_lines() {
        let t = "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nThe TITLE of a STATUS.\n";
        assert_eq!(
            fill(t, &proposed_redis()),
            "# 5. Use Redis\n\nDate: 2026-11-27\n\n## Status\n\nProposed\n\n## Context\n\nThe TITLE of a STATUS.\n"
        );
    }

    /// A note to the author at the end of the line stays, and the word before it is
    /// filled; a word inside the note is not.
    #[test]
    fn fill_writes_adr_tools_lines_that_end_in_a_note() {
        let t = "# NUMBER. TITLE\n\nDate: DATE <!-- the DATE it was written -->\n\n\
                 ## Status\n\nSTATUS <!-- one STATUS of proposed, accepted -->\n";
        assert_eq!(
            fill(t, &proposed_redis()),
            "# 5. Use Redis\n\nDate: 2026-11-27 <!-- the DATE it was written -->\n\n\
             ## Status\n\nProposed <!-- one STATUS of proposed, accepted -->\n"
        );
    }

    #[test]
    fn fill_writes_bracketed_prompts_of_log4brains_templates() {
        let t = "# [short title of solved problem and solution]\n\n\
                 - Status: [draft | proposed | rejected] <!-- optional -->\n\
                 - Deciders: [list everyone involved] <!-- optional -->\n\
                 - Date: [YYYY-MM-DD when the decision was last updated] <!-- optional -->\n\
                 - Tags: [space and/or comma separated list of tags] <!-- optional -->\n\n\
                 ## Context and Problem Statement\n\n[Describe the context.]\n";
        let authors = ["Ada".to_string(), "Grace".to_string()];
        let f = Fields {
            title: "Use Redis",
            status: "draft",
            authors: &authors,
            tags: &[],
            created: "2026-11-28",
            decided: None,
            id: 20261128,
        };
        assert_eq!(
            fill(t, &f),
            "# Use Redis\n\n- Status: draft\n- Deciders: Ada, Grace\n- Date: 2026-11-28\n\n\
             ## Context and Problem Statement\n\n[Describe the context.]\n"
        );
    }

    #[test]
    fn a_title_label_keeps_its_place_for_the_number() {
        assert_eq!(
            numbered_label("ADRxxx: Title", 42).as_deref(),
            Some("ADR042:")
        );
        assert_eq!(
            numbered_label("ADR-XXXX: T", 7).as_deref(),
            Some("ADR-0007:")
        );
        assert_eq!(
            numbered_label("RFC NNNN. T", 12345).as_deref(),
            Some("RFC 12345.")
        );
        assert_eq!(numbered_label("0000. T", 3).as_deref(), Some("0003."));
        // The last letter of a word, and a number written out, are no placeholders.
        assert_eq!(numbered_label("DESIGN: T", 3), None);
        assert_eq!(numbered_label("Step 1: T", 3), None);
        assert_eq!(numbered_label("No label here", 3), None);
    }

    #[test]
    fn a_template_s_own_title_is_replaced_but_a_section_is_not() {
        let f = fields(None);
        let section = |h: &str| h == "Summary";
        let (filled, _) = fill_with("# Decision record\n\n## Problem\n", &f, &section);
        assert_eq!(filled, "# T\n\n## Problem\n");
        let (filled, _) = fill_with("# Summary\n\nWhat.\n", &f, &section);
        assert_eq!(filled, "# Summary\n\nWhat.\n");
        // A title the template asks with a placeholder is filled once, not twice.
        let (filled, _) = fill_with("# {{title}}: a decision\n", &f, &section);
        assert_eq!(filled, "# T: a decision\n");
    }

    #[test]
    fn a_status_paragraph_takes_the_status_when_nothing_else_did() {
        let t = "# ADRxxx: Title\n\nDate: YYYY-MM-DD\n\n## Status\n\n> Accepted or Rejected\n>\n\
                 > Valid statuses.\n\n## Context\n\n> the facts\n";
        let (filled, wrote) = fill_with(t, &fields(None), &|_| false);
        assert_eq!(
            filled,
            "# ADR003: T\n\nDate: 2026-01-01\n\n## Status\n\nDraft\n\n## Context\n\n> the facts\n"
        );
        assert!(wrote.status && wrote.created && !wrote.authors);
        // A `STATUS` line takes it first; the section's other paragraphs stay.
        let t = "## Status\n\nSTATUS\n\n## Status\n\nWhatever\n";
        assert_eq!(
            fill_with(t, &fields(None), &|_| false).0,
            "## Status\n\nDraft\n\n## Status\n\nWhatever\n"
        );
        // An empty section has no paragraph to take it.
        let (filled, wrote) = fill_with("## Status\n\n## Context\n", &fields(None), &|_| false);
        assert_eq!(filled, "## Status\n\n## Context\n");
        assert!(!wrote.status);
    }

    #[test]
    fn commented_prompts_in_front_matter_are_written_when_given() {
        let t = "---\ntitle: ADR Template\n# status: \"{proposed | rejected\"\n\
                 # date: {YYYY-MM-DD when decided}\n# decision-makers: {list everyone}\n\
                 # tags: {tags}\n# consulted: {list}\nnav_order: 100\n---\n# {short title}\n";
        let authors = ["Ada".to_string()];
        let f = Fields {
            title: "Use: Redis",
            status: "draft",
            authors: &authors,
            tags: &[],
            created: "2026-11-28",
            decided: None,
            id: 4,
        };
        let (filled, wrote) = fill_with(t, &f, &|_| false);
        assert_eq!(
            filled,
            "---\ntitle: \"Use: Redis\"\nstatus: draft\ndate: 2026-11-28\ndecision-makers: [Ada]\n\
             # tags: {tags}\n# consulted: {list}\nnav_order: 100\n---\n# Use: Redis\n"
        );
        assert!(wrote.status && wrote.created && wrote.authors && !wrote.tags);
    }

    #[test]
    fn only_the_front_matter_s_own_keys_are_filled() {
        let t = "---\ntitle: >-\n  ADR Template\nseo:\n  title: Our records\n  date: YYYY-MM-DD\n\
                 description: |\n  status: {proposed}\nstatus: \"{proposed | accepted}\"\n\
                 # status: {one of them}\ndate:\ntags: {list of tags}\n---\n# {short title}\n";
        let (filled, wrote) = fill_with(t, &fields(None), &|_| false);
        assert_eq!(
            filled,
            "---\ntitle: T\nseo:\n  title: Our records\n  date: YYYY-MM-DD\n\
             description: |\n  status: {proposed}\nstatus: draft\n# status: {one of them}\n\
             date: 2026-01-01\n---\n# T\n"
        );
        assert!(wrote.title && wrote.status && wrote.created && !wrote.tags);
    }

    #[test]
    fn template_words_in_capitals_do_not_take_a_prompt_or_label_first() {
        let heading = |t: &str| fill_with(t, &fields(None), &|_| false).0;
        assert_eq!(heading("# [TITLE]\n"), "# T\n");
        assert_eq!(heading("# {TITLE}\n"), "# T\n");
        assert_eq!(heading("# ADR-XXX: SHORT TITLE\n"), "# ADR-003: T\n");
        assert_eq!(heading("# NUMBER. TITLE\n"), "# 3. T\n");
    }

    #[test]
    fn the_rust_rfcs_start_date_and_a_title_in_braces_are_written() {
        let t = "- Feature Name: (fill me in with a unique ident)\n\
                 - Start Date: (fill me in with today's date, YYYY-MM-DD)\n\n# Summary\n";
        let (filled, wrote) = fill_with(t, &fields(None), &|h| h == "Summary");
        assert_eq!(
            filled,
            "- Feature Name: (fill me in with a unique ident)\n- Start Date: 2026-01-01\n\n# Summary\n"
        );
        assert!(wrote.created && !wrote.title);
        // Braces at a heading's end would be read as its attributes.
        assert_eq!(markdown_text("Use {y}"), "Use \\{y\\}");
    }

    fn fields(decided: Option<&str>) -> Fields<'_> {
        Fields {
            title: "T",
            status: "draft",
            authors: &[],
            tags: &[],
            created: "2026-01-01",
            decided,
            id: 3,
        }
    }

    #[test]
    fn fill_drops_an_undecided_decided_line_and_reads_bom_and_crlf_templates() {
        let t = "---\ntitle: {{title}}\ndecided: {{decided}}\n---\nBody {{decided}}.\n";
        assert_eq!(fill(t, &fields(None)), "---\ntitle: T\n---\nBody .\n");
        assert_eq!(
            fill(t, &fields(Some("2026-02-02"))),
            "---\ntitle: T\ndecided: 2026-02-02\n---\nBody 2026-02-02.\n"
        );
        let bom = "\u{feff}---\r\ntitle: {{title}}\r\n---\r\n# {{title}}\r\n";
        assert_eq!(
            fill(bom, &fields(Some("2026-02-02"))),
            "---\r\ntitle: T\r\ndecided: 2026-02-02\r\n---\r\n# T\r\n"
        );
    }

    #[test]
    fn fill_quotes_front_matter_but_not_body() {
        let t = "---\ntitle: {{title}}\ntags: {{tags}}\n---\n# {{title}}\n";
        let f = Fields {
            title: "A: B",
            status: "draft",
            authors: &[],
            tags: &["x".into()],
            created: "2026-01-01",
            decided: None,
            id: 3,
        };
        assert_eq!(
            fill(t, &f),
            "---\ntitle: \"A: B\"\ntags: [x]\n---\n# A: B\n"
        );
    }

    #[test]
    fn fill_respects_quotes_and_brackets_the_template_wrote() {
        let t = "---\ntitle: \"{{title}}\"\nstatus: '{{status}}'\nauthors: [{{authors}}]\ntags: [{{tags}}]\n---\n# {{title}}\n";
        let f = Fields {
            title: "Say \"no\": {{id}}",
            status: "it's",
            authors: &["Ada <a@x.org>".into(), "Bo".into()],
            tags: &["db".into()],
            created: "2026-01-01",
            decided: None,
            id: 3,
        };
        let filled = fill(t, &f);
        assert_eq!(
            filled,
            "---\ntitle: \"Say \\\"no\\\": {{id}}\"\nstatus: 'it''s'\nauthors: [\"Ada <a@x.org>\", Bo]\ntags: [db]\n---\n# Say \"no\": \\{\\{id\\}\\}\n"
        );
        // And YAML reads back what was given.
        let yaml = filled.split("---\n").nth(1).unwrap();
        let docs = yaml_rust2::YamlLoader::load_from_str(yaml).unwrap();
        let doc = &docs[0];
        assert_eq!(doc["title"].as_str(), Some("Say \"no\": {{id}}"));
        assert_eq!(doc["status"].as_str(), Some("it's"));
        assert_eq!(doc["authors"][0].as_str(), Some("Ada <a@x.org>"));
        assert_eq!(doc["authors"][1].as_str(), Some("Bo"));
        assert_eq!(doc["tags"][0].as_str(), Some("db"));
    }
}
