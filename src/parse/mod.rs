//! Text → [`Rfc`]: reads one candidate file, checks its bytes, splits and types its front
//! matter and reduces its Markdown body. Problems become diagnostics; the parser never
//! gives up on a file without saying why.

pub(crate) mod body_metadata;
mod fast_yaml;
mod front_matter;
pub(crate) mod lines;
pub mod markdown;
mod values;

pub(crate) use values::is_http_url;

use std::io::Read;

use crate::config::RfcSchema;
use crate::diagnostic::{Code, Diagnostic};
use crate::discover::Candidate;
use crate::model::{Body, Field, FrontMatter, Rfc, RfcId};
use crate::naming::FileNamePattern;
use crate::source::{Location, SourceFile, Span, Spanned, location_in_bytes};
use crate::stamp::Stamp;

pub use values::parse_date;

/// The result of parsing one file: the source when it could be read as text, the RFC when
/// it has one, and what was wrong.
#[derive(Debug)]
pub struct Parsed {
    pub source: Option<SourceFile>,
    pub rfc: Option<Rfc>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's size and modification time when it was opened, if it was.
    pub stamp: Option<Stamp>,
}

impl Parsed {
    /// Whether the file is one of the archive's RFCs (read as text, with an RFC): the
    /// files [`crate::archive::Archive`] keeps, in order.
    pub fn is_rfc(&self) -> bool {
        self.source.is_some() && self.rfc.is_some()
    }
}

/// Reads and parses one file. The RFC's `file` index is set by the archive, which alone
/// knows the order of the sources.
pub fn file(candidate: &Candidate, schema: &RfcSchema) -> Parsed {
    file_with(candidate, schema, model_of_body(schema))
}

/// What a body's reader is told of the file's title: the one its front matter gives (not
/// one read from the body itself), and its number.
#[derive(Clone, Copy, Default)]
pub struct Titled<'a> {
    pub title: Option<&'a str>,
    pub id: Option<RfcId>,
}

impl<'a> Titled<'a> {
    /// Of an RFC with this front matter and number: a title read from the body itself
    /// (`body-metadata`) is no other title for its heading to differ from.
    pub(crate) fn of(front: Option<&'a FrontMatter>, id: Option<RfcId>) -> Self {
        Titled {
            title: front
                .filter(|f| !f.in_body)
                .and_then(|f| f.title.as_ref())
                .map(|t| t.value.as_str()),
            id,
        }
    }
}

/// How `check` reads a body (which starts at the given byte of the source): into its
/// model alone.
fn model_of_body(schema: &RfcSchema) -> impl FnOnce(&SourceFile, usize, Titled<'_>) -> Body + '_ {
    |source, start, _| {
        let word = schema.file_name.mention_word();
        markdown::parse(source.text(), start, &schema.sections, word)
    }
}

/// [`file`], with the body (which starts at the given byte of the source) read by
/// `read_body`: a build reads it into its HTML in the same pass.
pub fn file_with(
    candidate: &Candidate,
    schema: &RfcSchema,
    read_body: impl FnOnce(&SourceFile, usize, Titled<'_>) -> Body,
) -> Parsed {
    match read_limited(candidate, schema.max_file_size) {
        Ok((bytes, stamp)) => {
            let parsed = bytes_with(candidate, bytes, schema, read_body);
            Parsed {
                source: parsed.source.map(|s| s.stamped(stamp)),
                stamp: Some(stamp),
                ..parsed
            }
        }
        Err(d) => Parsed {
            source: None,
            rfc: None,
            diagnostics: vec![*d],
            stamp: None,
        },
    }
}

/// Parses the bytes of one file: the part of [`file`] that needs no disk, so tests can feed
/// it anything.
pub fn bytes_of(candidate: &Candidate, bytes: Vec<u8>, schema: &RfcSchema) -> Parsed {
    bytes_with(candidate, bytes, schema, model_of_body(schema))
}

fn bytes_with(
    candidate: &Candidate,
    bytes: Vec<u8>,
    schema: &RfcSchema,
    read_body: impl FnOnce(&SourceFile, usize, Titled<'_>) -> Body,
) -> Parsed {
    let text = match text_of(candidate, bytes, schema.max_file_size) {
        Ok(text) => text,
        Err(d) => {
            return Parsed {
                source: None,
                rfc: None,
                diagnostics: vec![*d],
                stamp: None,
            };
        }
    };
    let mut diagnostics = Vec::new();
    let source = SourceFile::new(candidate.rel.clone(), candidate.path.clone(), text);
    let rfc = rfc(&source, schema, &mut diagnostics, read_body);
    Parsed {
        source: Some(source),
        rfc: Some(rfc),
        diagnostics,
        stamp: None,
    }
}

/// The conflict git left in a file when a merge or rebase could not combine two changes:
/// a line starting with `<<<<<<<` (and one with `>>>>>>>` after it), seven characters
/// and then a space or the line's end. Said at the first marker, with the lines the
/// conflict spans.
fn merge_conflict(source: &SourceFile) -> Option<Diagnostic> {
    let text = source.text();
    let marker = |sign: &str, from: usize| {
        let mut at = from;
        loop {
            let found = at + memchr::memmem::find(&text.as_bytes()[at..], sign.as_bytes())?;
            let line_start = found == 0 || text.as_bytes()[found - 1] == b'\n';
            let after = text.as_bytes().get(found + sign.len());
            if line_start
                && matches!(after, None | Some(b' ' | b'\n' | b'\r'))
                && !in_fenced_code(&text[..found])
            {
                return Some(found);
            }
            at = found + 1;
        }
    };
    let open = marker("<<<<<<<", 0);
    let close = marker(">>>>>>>", open.unwrap_or(0));
    let first = open.or(close)?;
    let line_end = |at: usize| text[at..].find(['\n', '\r']).map_or(text.len(), |n| at + n);
    let shown = &text[first..line_end(first)];
    let message = match (open, close) {
        (Some(_), Some(close)) => format!(
            "a merge conflict is left in the file, from `{shown}` to `{}` (line {})",
            &text[close..line_end(close)],
            source.location(close).line
        ),
        _ => format!("a merge conflict marker is left in the file: `{shown}`"),
    };
    Some(
        Diagnostic::new(
            Code::MergeConflict,
            source,
            Span::new(first, line_end(first)),
            message,
        )
        .help(
            "keep what each side should say, and delete the other side and the marker lines \
             (`<<<<<<<`, `=======`, `>>>>>>>`)",
        ),
    )
}

/// Whether the text that follows `before` is inside a fenced code block: an RFC about
/// git may show a conflict in one. Asked only where a marker was found.
fn in_fenced_code(before: &str) -> bool {
    let mut open: Option<(u8, usize)> = None;
    for line in before.lines() {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            continue;
        }
        let Some(&c @ (b'`' | b'~')) = trimmed.as_bytes().first() else {
            continue;
        };
        let run = trimmed.bytes().take_while(|&b| b == c).count();
        if run < 3 {
            continue;
        }
        open = match open {
            None => Some((c, run)),
            Some((o, n)) if o == c && run >= n && trimmed[run..].trim().is_empty() => None,
            still => still,
        };
    }
    open.is_some()
}

/// Where the Markdown of a file that is no RFC starts: after its front matter, when it
/// has a whole block of it (a chapter kept beside an RFC may carry a generator's).
pub(crate) fn body_start(text: &str) -> usize {
    front_matter::split(text).map_or(0, |split| split.body_start)
}

/// Whether `code` is an error in this archive (its default, or `deny`): a file it is
/// said of is then not read further.
fn is_error(schema: &RfcSchema, code: Code) -> bool {
    matches!(
        schema.lints.level(code),
        None | Some(crate::diagnostic::Level::Deny)
    )
}

/// An RFC whose file is not read further, with the number it has, if any.
fn unread(id: Option<RfcId>) -> Rfc {
    Rfc {
        id,
        file: 0,
        front: None,
        body: None,
    }
}

/// Gives an RFC that does not write a status `[rfc] default-status`. One written with a
/// value that is not a status keeps its error: only a missing key is defaulted.
fn default_status(mut front: FrontMatter, schema: &RfcSchema) -> FrontMatter {
    if let Some(status) = schema.default_status
        && front.status.is_none()
        && front.key_span(Field::Status).is_none()
    {
        // What is said about the status is said at the title, or where the file starts.
        let at = front
            .title
            .as_ref()
            .map_or(Span::point(front.block.start), |t| t.span);
        front.status = Some(Spanned::new(status, at));
        front.status_defaulted = true;
    }
    front
}

fn rfc(
    source: &SourceFile,
    schema: &RfcSchema,
    diags: &mut Vec<Diagnostic>,
    read_body: impl FnOnce(&SourceFile, usize, Titled<'_>) -> Body,
) -> Rfc {
    let name = source.rel.rsplit('/').next().unwrap_or(&source.rel);
    let file_id = schema.file_name.id(name);
    if file_id.is_none() {
        diags.push(bad_file_name(source, name, &schema.file_name));
        // Not named as an RFC, and the archive holds that an error: not read as one
        // either (a MADR `index.md`, a template, notes beside the RFCs). RFC0005 alone says
        // how to rename it or leave it out; reporting its fields and sections too buried
        // that help under ten more. Named as one (or with the rule lowered), it is
        // checked whole.
        if is_error(schema, Code::BadFileName) {
            return unread(None);
        }
    }
    if let Some(conflict) = merge_conflict(source) {
        diags.push(conflict);
        // Both sides of the conflict read as one text give errors at the wrong lines with
        // helps that cannot fix them (a YAML error at the field after `<<<<<<< HEAD`, a
        // heading made of the line above `=======`): the conflict alone is said. The RFC
        // keeps its number, so others that name it are not told it does not exist.
        if is_error(schema, Code::MergeConflict) {
            return unread(file_id);
        }
    }
    let (front, body_start) = match front_matter::split(source.text()) {
        Ok(split) => (
            front_matter::parse(source, &split, schema, diags),
            Some(split.body_start),
        ),
        // Neither named nor written as an RFC, where the rule is only a warning (a
        // CHANGELOG.md): most likely not one, and RFC0005 alone says how to leave it out.
        Err(front_matter::SplitError::Missing)
            if file_id.is_none()
                && !schema.body_metadata
                && schema.lints.level(Code::BadFileName)
                    != Some(crate::diagnostic::Level::Allow) =>
        {
            (None, None)
        }
        Err(front_matter::SplitError::Missing) if schema.body_metadata => {
            // adr-tools and Nygard-style ADRs say what they are in the body (rfcs/0019).
            match body_metadata::read(source, schema, file_id, diags) {
                Some(front) => (Some(front), Some(0)),
                None => {
                    diags.push(missing_front_matter(source).help(
                        "start the file with a `# Title` line, a `Date: YYYY-MM-DD` line and a \
                         `## Status` section (`[rfc] body-metadata` is on), or with front matter",
                    ));
                    // An archive that allows files without front matter still requires
                    // its fields of one that says nothing at all: it passed, where one
                    // with only a title was told what it lacks.
                    let allowed = schema.lints.level(Code::MissingFrontMatter)
                        == Some(crate::diagnostic::Level::Allow);
                    let front = allowed.then(|| FrontMatter {
                        in_body: true,
                        ..FrontMatter::default()
                    });
                    (front, Some(0))
                }
            }
        }
        Err(front_matter::SplitError::Missing) => {
            diags.push(missing_front_matter(source).help(
                "start the file with a `---` line, the fields (title, status, authors, created), and another `---` line",
            ));
            (None, Some(0))
        }
        Err(front_matter::SplitError::Unclosed { open, heading }) => {
            let shown = source.text().get(heading.start..heading.end).unwrap_or("");
            let line = source.location(heading.start).line;
            diags.push(
                Diagnostic::new(
                    Code::UnterminatedFrontMatter,
                    source,
                    open,
                    format!(
                        "the front matter opened here is not closed before `{shown}` (line {line})"
                    ),
                )
                .help(format!(
                    "add a line with `---` after the last front-matter field, before line {line}"
                )),
            );
            // The body is read from its heading on, so its sections are not reported
            // missing for a delimiter that is.
            (None, Some(heading.start))
        }
        Err(front_matter::SplitError::EndedEarly { dots, close }) => {
            let line = source.location(close.start).line;
            diags.push(
                Diagnostic::new(
                    Code::UnterminatedFrontMatter,
                    source,
                    dots,
                    format!(
                        "`...` ends the front matter here, so the fields after it, up to the \
                         `---` on line {line}, are read as the body"
                    ),
                )
                .help(format!(
                    "remove the `...` line (YAML's end of a document, not \"and so on\"): \
                     the front matter then ends at the `---` on line {line}"
                )),
            );
            (None, Some(close.end))
        }
        Err(front_matter::SplitError::Unterminated(span)) => {
            diags.push(
                Diagnostic::new(
                    Code::UnterminatedFrontMatter,
                    source,
                    span,
                    "the front matter opened here is never closed",
                )
                .help("add a line with `---` after the last front-matter field"),
            );
            (None, None)
        }
    };
    let front = front.map(|front| default_status(front, schema));
    // The title the page shows from front matter, if any: a first `#` heading that says
    // something else is text of the body, and the site keeps it.
    let id = file_id.or_else(|| front.as_ref().and_then(|f| f.id.as_ref().map(|i| i.value)));
    let titled = Titled::of(front.as_ref(), id);
    let body = body_start.map(|start| read_body(source, start, titled));
    Rfc {
        id,
        file: 0,
        front,
        body,
    }
}

fn missing_front_matter(source: &SourceFile) -> Diagnostic {
    Diagnostic::new(
        Code::MissingFrontMatter,
        source,
        Span::point(0),
        "the file has no front matter",
    )
}

fn bad_file_name(source: &SourceFile, name: &str, pattern: &FileNamePattern) -> Diagnostic {
    let shape = pattern.display();
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    let rest = name[digits.len()..].trim_start_matches(['-', '_']);
    let slug = rest.strip_suffix(".md").unwrap_or(rest);
    // A number past what an id can be looks like the pattern and is not: say so.
    if !digits.is_empty() && digits.parse::<u32>().is_err() {
        return Diagnostic::new(
            Code::BadFileName,
            source,
            Span::point(0),
            format!("the number of `{name}` is too large to be an id"),
        )
        .help(format!(
            "an RFC's number is at most {}: renumber the file",
            u32::MAX
        ));
    }
    // Named as an RFC but for the extension's case (`0005-x.MD`): that is the fix.
    if let Some(stem) = name.get(..name.len().saturating_sub(3))
        && !name.ends_with(".md")
        && pattern.id(&format!("{stem}.md")).is_some()
    {
        return Diagnostic::new(
            Code::BadFileName,
            source,
            Span::point(0),
            format!("`{name}` ends in `{}`, not `.md`", &name[stem.len()..]),
        )
        .help(format!(
            "rename it to `{stem}.md`: the extension is written in lower case"
        ));
    }
    let help = match digits.parse::<u32>() {
        Ok(n) if !slug.is_empty() => format!(
            "rename it to `{}`; the number is the RFC's id",
            pattern.name(RfcId(n), slug)
        ),
        _ => format!(
            "rename it to `{shape}`; the number is the RFC's id (`[rfc] file-name` sets another pattern); \
             if it is not an RFC, add `\"{name}\"` to `[rfc] exclude` in book.toml"
        ),
    };
    Diagnostic::new(
        Code::BadFileName,
        source,
        Span::point(0),
        format!("`{name}` is not named `{shape}`"),
    )
    .help(help)
}

fn at_start() -> Location {
    Location { line: 1, column: 1 }
}

/// Reads at most one byte past the limit: enough to know it is exceeded, without reading a
/// huge (or endless) file into memory. Also returns the file's stamp from the metadata
/// of the open file.
fn read_limited(candidate: &Candidate, limit: u64) -> Result<(Vec<u8>, Stamp), Box<Diagnostic>> {
    let unreadable = |e: std::io::Error| {
        Box::new(
            Diagnostic::at_file(
                Code::UnreadableFile,
                &candidate.rel,
                at_start(),
                format!("cannot read the file: {e}"),
            )
            .help("check that the file exists and that you may read it"),
        )
    };
    let file = std::fs::File::open(&candidate.path).map_err(unreadable)?;
    // Size the buffer from the metadata: one allocation, no regrowth on the hot path.
    let meta = file.metadata().ok();
    let hint = meta
        .as_ref()
        .map_or(0, std::fs::Metadata::len)
        .min(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0) + 1);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    Ok((bytes, crate::stamp::of(meta.as_ref())))
}

/// The file's bytes as text, or what is wrong with them: too many, none, or not UTF-8.
fn text_of(candidate: &Candidate, bytes: Vec<u8>, limit: u64) -> Result<String, Box<Diagnostic>> {
    if bytes.len() as u64 > limit {
        return Err(Box::new(
            Diagnostic::at_file(
                Code::FileTooLarge,
                &candidate.rel,
                at_start(),
                format!("the file is larger than the limit of {limit} bytes"),
            )
            .help(
                "split the RFC, move data out of it, or raise `[rfc] max-file-size` in book.toml",
            ),
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Box::new(
            Diagnostic::at_file(
                Code::EmptyFile,
                &candidate.rel,
                at_start(),
                "the file is empty",
            )
            .help("write the RFC (run `rfcbook new` for a template) or delete the file"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let location = location_in_bytes(e.as_bytes(), offset);
        Box::new(
            Diagnostic::at_file(
                Code::InvalidUtf8,
                &candidate.rel,
                location,
                format!("the file is not valid UTF-8: invalid byte at offset {offset}"),
            )
            .help("save the file as UTF-8 (editors call it \"UTF-8\" or \"Unicode\")"),
        )
    })
}
