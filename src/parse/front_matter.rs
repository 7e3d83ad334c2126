//! The YAML front matter: located by hand (gray_matter reports no offsets and trims what it
//! returns), parsed by gray_matter's YAML engine, then checked key by key into a typed
//! [`FrontMatter`], each value keeping the span where it was written (rfcs/0003).

use gray_matter::Pod;
use gray_matter::engine::{Engine, YAML};

use super::values::{self, Scalar};
use crate::config::RfcSchema;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Field, FrontMatter, RfcId, Status, StatusRole};
use crate::source::{SourceFile, Span, Spanned};
use crate::suggest;

/// Deeper nesting than any real front matter has; refusing it keeps the recursive value
/// conversion far from the stack limit on hostile input.
const MAX_NESTING: usize = 64;

/// YAML aliases (`*name`) a front matter may use. The parser copies what an alias names
/// wherever it is used, so aliases of aliases grow exponentially: a "billion laughs"
/// of 440 bytes took gigabytes. Front matter needs few, if any (`reviewers: *authors`);
/// with four, nothing can be copied more than four times over, however it is nested.
const MAX_ALIASES: usize = 4;

/// Where the front matter and the body are in the file.
pub(super) struct Split {
    /// The YAML text between the delimiters.
    pub matter: Span,
    /// The whole block, delimiters included.
    pub block: Span,
    pub body_start: usize,
}

pub(super) enum SplitError {
    Missing,
    /// No closing delimiter: the opening one.
    Unterminated(Span),
    /// The body began before any closing delimiter: a Markdown heading followed by
    /// prose, which YAML is not. The opening delimiter, and the heading's line.
    Unclosed {
        open: Span,
        heading: Span,
    },
    /// A `...` line (YAML's end of document, which Jekyll and GitHub take as the closing
    /// delimiter) with more fields after it and a `---` below them: written as "and so
    /// on", it hid those fields in the body. The `...` line, and the `---` line.
    EndedEarly {
        dots: Span,
        close: Span,
    },
}

/// Finds the `---` block at the very start of the file (after any BOM, which the source
/// has already removed). Delimiter lines may carry trailing spaces or `\r`.
pub(super) fn split(text: &str) -> Result<Split, SplitError> {
    let mut lines = line_spans(text);
    let Some(first) = lines.next() else {
        return Err(SplitError::Missing);
    };
    if !is_delimiter(&text[first.start..first.end]) {
        return Err(SplitError::Missing);
    }
    let matter_start = first.end_with_newline;
    let open = Span::new(first.start, first.end);
    // A `# Title` line is a comment to YAML; one followed by prose is the body, which
    // began where the closing `---` was forgotten. Without this, a `---` rule later in
    // the body closed the front matter there, and the body's prose was reported as a
    // YAML error, its sections as missing.
    let mut heading: Option<Span> = None;
    for line in lines {
        let content = &text[line.start..line.end];
        if content.trim_end() == "..."
            && let Some(close) = fields_after(text, line.end_with_newline)
        {
            return Err(SplitError::EndedEarly {
                dots: Span::new(line.start, line.end),
                close,
            });
        }
        if is_delimiter(content) || content.trim_end() == "..." {
            return Ok(Split {
                matter: Span::new(matter_start, line.start),
                block: Span::new(0, line.end),
                body_start: line.end_with_newline,
            });
        }
        if heading.is_none() && is_heading(content) {
            heading = Some(Span::new(line.start, line.end));
        } else if let Some(heading) = heading
            && is_prose(content)
        {
            return Err(SplitError::Unclosed { open, heading });
        }
    }
    Err(SplitError::Unterminated(open))
}

/// The `---` line below `key: value` lines, when those are all that follow up to it;
/// `text[from..]` is what follows the `...` line. Read only at a `...` line, which few
/// files have: the lines of every other file are not gone over twice.
fn fields_after(text: &str, from: usize) -> Option<Span> {
    let mut fields = 0;
    for line in line_spans(&text[from..]) {
        let content = &text[from + line.start..from + line.end];
        if is_delimiter(content) {
            return (fields > 0).then(|| Span::new(from + line.start, from + line.end));
        }
        let key = content.split_once(':').map_or("", |(k, _)| k);
        let is_field = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
            && content[key.len() + 1..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ');
        match content.trim() {
            "" => {}
            _ if is_field => fields += 1,
            // A value going on, a list item, a comment.
            _ if content.starts_with([' ', '\t', '#']) => {}
            _ => return None,
        }
    }
    None
}

/// An ATX heading as a body starts with one: `#` marks, a space, words.
fn is_heading(line: &str) -> bool {
    let words = line.trim_start_matches('#');
    let marks = line.len() - words.len();
    (1..=6).contains(&marks) && words.starts_with(' ') && !words.trim().is_empty()
}

/// A line no YAML front matter has: not blank, not a comment, not indented (a value
/// going on), not a list item or a `key:` line, not a flow or block scalar's piece.
fn is_prose(line: &str) -> bool {
    let trimmed = line.trim_end();
    !trimmed.is_empty()
        && !line.starts_with([' ', '\t', '#', '-', '[', '{', '"', '\'', '|', '>', ']', '}'])
        && !trimmed.ends_with(':')
        && !trimmed.contains(": ")
}

fn is_delimiter(line: &str) -> bool {
    line.trim_end() == "---"
}

struct LineSpan {
    start: usize,
    end: usize,
    end_with_newline: usize,
}

fn line_spans(text: &str) -> impl Iterator<Item = LineSpan> + '_ {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        LineSpan {
            start,
            end: start + content.len(),
            end_with_newline: offset,
        }
    })
}

/// A top-level key as written, with where its value starts and where the next key starts
/// (the value of a block list spans the lines in between).
struct KeyLine {
    key: String,
    key_span: Span,
    value_span: Span,
    region: Span,
}

fn key_lines(text: &str, matter: Span) -> Vec<KeyLine> {
    let mut keys: Vec<KeyLine> = Vec::new();
    for line in line_spans(&text[matter.start..matter.end]) {
        let (start, end) = (matter.start + line.start, matter.start + line.end);
        let content = &text[start..end];
        let first = content.chars().next();
        if first.is_none_or(|c| c.is_whitespace() || matches!(c, '#' | '-' | '[' | '{')) {
            continue;
        }
        let Some(colon) = content.find(':') else {
            continue;
        };
        if let Some(prev) = keys.last_mut() {
            prev.region.end = start;
        }
        let raw_key = &content[..colon];
        let key = key_text(raw_key.trim());
        let after = &content[colon + 1..];
        let value_start = start + colon + 1 + (after.len() - after.trim_start().len());
        let value_end = start + colon + 1 + after.trim_end().len();
        keys.push(KeyLine {
            key,
            key_span: Span::new(start, start + raw_key.trim_end().len()),
            value_span: Span::new(value_start, value_end.max(value_start)),
            region: Span::new(value_start, matter.end),
        });
    }
    keys
}

/// A key as YAML reads it: `"st\u0061tus"` is `status`, `'it''s'` is `it's`, so that a
/// problem with it is placed on its line.
fn key_text(raw: &str) -> String {
    if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') {
        // YAML's double-quoted escapes include JSON's.
        if let Ok(key) = serde_json::from_str::<String>(raw) {
            return key;
        }
    }
    if raw.len() >= 2 && raw.starts_with('\'') && raw.ends_with('\'') {
        return raw[1..raw.len() - 1].replace("''", "'");
    }
    raw.trim_matches(['"', '\'']).to_string()
}

/// Where the alias after the first [`MAX_ALIASES`] is, if there are more, as a byte offset
/// in `yaml`. The aliases are counted by YAML's own parser, event by event, which expands
/// nothing: a scan of the text for `*` was fooled by an apostrophe in a plain scalar
/// (`it's, *l5`) that it took for a quote. Only front matter with both `&` and `*` is parsed
/// so, which is almost none.
fn too_many_aliases(yaml: &str) -> Option<usize> {
    if !yaml.contains('*') || !yaml.contains('&') {
        return None;
    }
    let mut parser = yaml_rust2::parser::Parser::new_from_str(yaml);
    let mut count = 0;
    loop {
        // A syntax error is the loader's to report, with its place.
        let (event, marker) = parser.next_token().ok()?;
        match event {
            yaml_rust2::Event::Alias(_) => {
                count += 1;
                if count > MAX_ALIASES {
                    return Some(
                        yaml.char_indices()
                            .nth(marker.index())
                            .map_or(yaml.len(), |(at, _)| at),
                    );
                }
            }
            yaml_rust2::Event::StreamEnd => return None,
            _ => {}
        }
    }
}

fn too_deep(yaml: &str) -> bool {
    let mut flow = 0usize;
    for line in yaml.lines() {
        let prefix = line
            .chars()
            .take_while(|c| matches!(c, ' ' | '-' | '?' | ':' | '\t'))
            .count();
        if prefix > MAX_NESTING * 4 {
            return true;
        }
        for c in line.chars() {
            match c {
                '[' | '{' => flow += 1,
                ']' | '}' => flow = flow.saturating_sub(1),
                _ => {}
            }
            if flow > MAX_NESTING {
                return true;
            }
        }
    }
    false
}

/// The position a YAML error message gives (`... line 3 column 7`), relative to the YAML.
fn yaml_error_position(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.rfind(" line ")? + 6..];
    let mut words = rest.split_whitespace();
    let line = words.next()?.parse().ok()?;
    (words.next()? == "column").then_some(())?;
    let column = words
        .next()?
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    Some((line, column))
}

/// Byte offset of a 1-based line and column within `yaml`, which starts at `base`.
fn offset_in(yaml: &str, base: usize, line: usize, column: usize) -> usize {
    let line_start: usize = yaml
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = yaml[line_start.min(yaml.len())..]
        .lines()
        .next()
        .unwrap_or("");
    let within: usize = line_text
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    base + line_start.min(yaml.len()) + within
}

/// The diagnostic for YAML the parser refused at `offset`, said in the words of the
/// mistake where it is a common one: a key given twice (the parser's message is Rust's
/// debug text), a `[` or `{` left open (the parser notices lines later).
fn yaml_problem(source: &SourceFile, split: &Split, offset: usize, reason: &str) -> Diagnostic {
    let yaml = &source.text()[split.matter.start..split.matter.end];
    let lines = || {
        yaml.split_inclusive('\n')
            .scan(split.matter.start, |at, line| {
                let start = *at;
                *at += line.len();
                Some((start, line.trim_end_matches(['\n', '\r'])))
            })
    };
    if let Some(key) = reason
        .strip_prefix("String(\"")
        .and_then(|rest| rest.split_once("\"): duplicated key"))
        .map(|(key, _)| key)
    {
        let written: Vec<usize> = lines()
            .filter(|(_, line)| {
                line.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
            .map(|(start, _)| start)
            .collect();
        if let [first, second, ..] = written[..] {
            return Diagnostic::new(
                Code::YamlSyntax,
                source,
                Span::new(second, second + key.len()),
                format!("`{key}` is given twice in the front matter"),
            )
            .help(format!(
                "keep one of the two `{key}:` lines; the other is line {}",
                source.location(first).line
            ));
        }
    }
    // `status:draft`: without a space after it, the colon is part of a plain text, and
    // the parser stumbles on the next line. The line is found and shown as it should be.
    let glued = lines()
        .take_while(|&(start, _)| source.location(start).line <= source.location(offset).line)
        // Top-level keys only: an indented line may be the text of a value above it.
        .filter(|(_, line)| !line.starts_with(char::is_whitespace))
        .filter_map(|(start, line)| {
            let (key, value) = line.split_once(':')?;
            let plain_key = !key.is_empty()
                && key.starts_with(|c: char| c.is_ascii_alphabetic())
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            let glued = value.starts_with(|c: char| !c.is_whitespace()) && !value.starts_with("//");
            (plain_key && glued).then_some((start, key, value))
        })
        .last();
    if let Some((at, key, value)) = glued {
        return Diagnostic::new(
            Code::YamlSyntax,
            source,
            Span::new(at, at + key.len() + 1 + value.len()),
            format!("front matter is not valid YAML: `{key}:{value}` has no space after its colon"),
        )
        .help(format!(
            "write `{key}: {value}`: a key and its value are parted by `: `"
        ));
    }
    // A list or mapping still open where the parser gave up, opened on an earlier line
    // (a list may go on over lines, but then it is closed before the error).
    let mut stack: Vec<usize> = Vec::new();
    for (start, line) in lines().take_while(|&(start, _)| start < offset) {
        brackets(line, start, &mut stack);
    }
    let open = stack
        .first()
        .copied()
        .filter(|&at| source.location(at).line < source.location(offset).line);
    if let Some(at) = open {
        let bracket = &source.text()[at..at + 1];
        let closing = if bracket == "[" { "]" } else { "}" };
        return Diagnostic::new(
            Code::YamlSyntax,
            source,
            Span::new(at, at + 1),
            format!("front matter is not valid YAML: this `{bracket}` is not closed on its line"),
        )
        .help(format!(
            "close it with `{closing}` on the same line, or quote the value if the `{bracket}` is part of it"
        ));
    }
    // A tab in a line's indentation: the parser names it on the line before at times
    // (after a plain scalar), so the tab itself is found and shown.
    if reason.contains("tab") {
        let line_of = |at: usize| source.location(at).line;
        let tab = lines()
            .filter(|&(start, _)| line_of(start) + 1 >= line_of(offset))
            .find_map(|(start, line)| {
                let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
                line[..indent].find('\t').map(|i| start + i)
            });
        if let Some(at) = tab {
            return Diagnostic::new(
                Code::YamlSyntax,
                source,
                Span::new(at, at + 1),
                "front matter is not valid YAML: a tab indents this line",
            )
            .help("YAML does not allow tabs in indentation: indent with spaces, or remove the tab if the line is not part of a list or mapping above it");
        }
    }
    Diagnostic::new(
        Code::YamlSyntax,
        source,
        Span::point(offset),
        format!("front matter is not valid YAML: {reason}"),
    )
    .help("fix the YAML here; quote values that contain `: `, `#`, `[` or `{`")
}

/// Follows the `[` and `{` of a line's value (outside quotes and comments) on `stack`,
/// as offsets from `start`.
fn brackets(line: &str, start: usize, stack: &mut Vec<usize>) {
    // A value follows `key: `, or a list item's `- `; a continued list has neither.
    let value_at = line.find(": ").map_or(0, |i| i + 2);
    let mut quote: Option<char> = None;
    for (i, c) in line[value_at..].char_indices() {
        let at = value_at + i;
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if at == 0 || line[..at].ends_with(' ') => break,
            (None, '[' | '{') => stack.push(start + at),
            (None, ']' | '}') => {
                stack.pop();
            }
            _ => {}
        }
    }
}

/// Parses and checks the front matter; `None` when it is not usable at all.
pub(super) fn parse(
    source: &SourceFile,
    split: &Split,
    schema: &RfcSchema,
    diags: &mut Vec<Diagnostic>,
) -> Option<FrontMatter> {
    let yaml = &source.text()[split.matter.start..split.matter.end];
    if too_deep(yaml) {
        diags.push(
            Diagnostic::new(
                Code::YamlSyntax,
                source,
                split.matter,
                format!("front matter nests deeper than {MAX_NESTING} levels"),
            )
            .help("front matter is a flat list of keys: flatten the nested values"),
        );
        return None;
    }
    if let Some(at) = too_many_aliases(yaml) {
        let at = split.matter.start + at;
        diags.push(
            Diagnostic::new(
                Code::YamlSyntax,
                source,
                Span::new(at, at + 1),
                format!("front matter uses more than {MAX_ALIASES} YAML aliases (`*name`)"),
            )
            .help("write the values out where they are used: aliases of aliases grow without bound, and front matter needs none"),
        );
        return None;
    }
    let tabs_as_spaces;
    // YAML allows a tab after `key:`; the parser does not. The same number of bytes, so
    // every offset stays true.
    let parsed = if yaml.contains(":\t") {
        tabs_as_spaces = yaml.replace(":\t", ": ");
        tabs_as_spaces.as_str()
    } else {
        yaml
    };
    let pod = match super::fast_yaml::parse(parsed).map_or_else(|| YAML::parse(parsed), Ok) {
        Ok(pod) => pod,
        Err(e) => {
            let message = e.to_string();
            let message = message.trim_start_matches("Deserialize error: ");
            let offset = yaml_error_position(message).map_or(split.matter.start, |(l, c)| {
                offset_in(yaml, split.matter.start, l, c)
            });
            let reason = message.split(" at byte ").next().unwrap_or(message);
            diags.push(yaml_problem(source, split, offset, reason));
            return None;
        }
    };
    let map = match pod {
        Pod::Hash(map) => map,
        Pod::Null => Default::default(),
        other => {
            // Placed on the first line that says something: not on a comment above it.
            let text = &source.text()[split.matter.start..split.matter.end];
            let skipped: usize = text
                .split_inclusive('\n')
                .take_while(|l| {
                    let l = l.trim();
                    l.is_empty() || l.starts_with('#')
                })
                .map(str::len)
                .sum();
            let at = Span::new(
                (split.matter.start + skipped).min(split.matter.end),
                split.matter.end,
            );
            diags.push(
                Diagnostic::new(
                    Code::FrontMatterNotMapping,
                    source,
                    at,
                    format!(
                        "front matter is {}, not a mapping of keys to values",
                        values::describe(&other)
                    ),
                )
                .help("write one `key: value` per line, e.g. `title: Use PgBouncer`"),
            );
            return None;
        }
    };
    let keys = key_lines(source.text(), split.matter);
    let mut front = FrontMatter {
        block: split.block,
        ..FrontMatter::default()
    };
    // HashMap order is random: visit keys in the order they were written.
    let mut entries: Vec<(usize, &String, &Pod)> = map
        .iter()
        .map(|(k, v)| {
            let position = keys.iter().position(|l| l.key == *k).unwrap_or(usize::MAX);
            (position, k, v)
        })
        .collect();
    entries.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut unknown: Vec<(&str, Span)> = Vec::new();
    for (position, key, value) in entries {
        let line = keys.get(position);
        let key_span = line.map_or(split.matter, |l| l.key_span);
        let Some(field) = schema.field_of(key) else {
            unknown.push((key, key_span));
            continue;
        };
        // Through an alias a field can be written twice, which YAML cannot see.
        if let Some(first) = front.key_span(field) {
            diags.push(twice(source, key, field, key_span, first));
            continue;
        }
        front.keys.push((field, key_span));
        let place = values::Place {
            source,
            field,
            key,
            value_span: line.map_or(key_span, |l| l.value_span),
            region: line.map_or(key_span, |l| l.region),
        };
        set_field(&mut front, &place, value, schema, diags);
    }
    for (key, span) in unknown {
        let meant = meant_field(key, schema);
        match meant {
            Some(field)
                if front.key_span(field).is_none() && schema.required_fields.contains(&field) =>
            {
                front
                    .near_misses
                    .push((field, Spanned::new(key.to_string(), span)));
            }
            _ => diags.push(unknown_key(source, key, span, meant)),
        }
    }
    Some(front)
}

/// The field an unknown key most likely means: a name other tools give it (`date`,
/// `deciders`, `keywords`), else the closest key or alias in spelling (`auhtors`).
fn meant_field(key: &str, schema: &RfcSchema) -> Option<Field> {
    let lower = key.to_ascii_lowercase().replace('_', "-");
    let synonym = match lower.as_str() {
        "date" | "created-at" | "created-on" | "start-date" | "creation-date" => {
            Some(Field::Created)
        }
        "author" | "owner" | "owners" | "deciders" | "decision-makers" | "proposer"
        | "proposers" | "champion" | "champions" => Some(Field::Authors),
        "tag" | "keywords" | "labels" | "categories" | "topics" => Some(Field::Tags),
        "state" => Some(Field::Status),
        "decision-date" | "decided-at" | "decided-on" | "accepted-at" => Some(Field::Decided),
        _ => None,
    };
    synonym.or_else(|| {
        let known = Field::ALL
            .iter()
            .map(|f| f.key())
            .chain(schema.key_aliases.keys().map(String::as_str));
        suggest::closest(key, known).and_then(|k| schema.field_of(k))
    })
}

/// A field given under two names, its own and an alias (or two aliases).
fn twice(source: &SourceFile, key: &str, field: Field, span: Span, first: Span) -> Diagnostic {
    let name = field.key();
    // The other name is the alias the help explains: this key, or the first one given.
    let earlier = source.text().get(first.start..first.end).unwrap_or(name);
    let alias = if key == name { earlier } else { key };
    let message = if key == name {
        format!("`{name}` is given twice: here, and as `{earlier}`")
    } else {
        format!("`{key}` gives `{name}` again")
    };
    Diagnostic::new(Code::DuplicateField, source, span, message)
        .note(source, first, "first given here")
        .help(format!(
            "keep one of the two; `[rfc.key-aliases]` in book.toml makes `{alias}` another name for `{name}`"
        ))
}

fn unknown_key(source: &SourceFile, key: &str, span: Span, meant: Option<Field>) -> Diagnostic {
    let help = match meant {
        Some(field) => format!(
            "did you mean `{0}`? rename it, or keep it as another name for `{0}`: \
             `[rfc.key-aliases] {key} = \"{0}\"` in book.toml",
            field.key()
        ),
        None => format!(
            "known keys are {}; check its spelling or remove it; a key of the archive's own \
             (a site generator's `nav_order`) is kept quietly with `[rfc.lints] unknown-key = \
             \"allow\"`",
            Field::ALL.map(|f| f.key()).join(", ")
        ),
    };
    Diagnostic::new(
        Code::UnknownKey,
        source,
        span,
        format!("unknown front-matter key `{key}`"),
    )
    .about(key)
    .help(help)
}

/// `superseded by ADR-0123`, as MADR writes a superseded status: a status whose role is
/// superseded, `by`, and the successor, as a number or a link to its file.
fn successor_in_status(
    place: &values::Place<'_>,
    written: &Spanned<String>,
    schema: &RfcSchema,
) -> Option<(Spanned<Status>, Spanned<RfcId>)> {
    let text = written.value.trim();
    let by = text.to_ascii_lowercase().find(" by ")?;
    let status = schema.statuses.parse(&text[..by])?;
    if schema.statuses.role(status) != Some(StatusRole::Superseded) {
        return None;
    }
    let rest = &text[by + " by ".len()..];
    // Named as a relation line of body metadata names it: by a link to its file, or by
    // its number (`ADR-0123`, `RFC 5`).
    let rest_at = place.item_span(rest).start;
    let successor = super::body_metadata::linked_ids(rest, schema, rest_at)
        .into_iter()
        .next()?;
    Some((
        Spanned::new(status, place.item_span(&text[..by])),
        successor,
    ))
}

fn set_field(
    front: &mut FrontMatter,
    place: &values::Place<'_>,
    value: &Pod,
    schema: &RfcSchema,
    diags: &mut Vec<Diagnostic>,
) {
    match place.field {
        Field::Title => front.title = place.text(value, diags),
        Field::Discussion => {
            front.discussion = place.text(value, diags).filter(|url| {
                let ok = values::is_http_url(&url.value);
                if !ok {
                    diags.push(place.invalid_url(&url.value));
                }
                ok
            })
        }
        Field::Status => {
            front.status = None;
            let Some(s) = place.text(value, diags) else {
                return;
            };
            if s.value.trim().is_empty() {
                return;
            }
            if let Some(status) = schema.statuses.parse(&s.value) {
                front.status = Some(Spanned::new(status, s.span));
            } else if let Some((status, by)) = successor_in_status(place, &s, schema) {
                front.status = Some(status);
                // A `superseded-by` key, before or after, says it too and wins.
                if front.key_span(Field::SupersededBy).is_none() {
                    front.superseded_by = Some(by);
                }
            } else {
                diags.push(place.unknown_status(&s, schema));
            }
        }
        Field::Authors => front.authors = place.text_list(value, diags),
        Field::Tags => front.tags = place.text_list(value, diags),
        Field::Created => front.created = place.date(value, diags),
        Field::Decided => front.decided = place.date(value, diags),
        Field::Updated => front.updated = place.date(value, diags),
        Field::ReviewBy => front.review_by = place.date(value, diags),
        Field::Supersedes => front.supersedes = place.id_list(value, diags),
        Field::Related => front.related = place.id_list(value, diags),
        Field::SupersededBy => front.superseded_by = place.id(value, diags),
        Field::Id => front.id = place.id(value, diags),
    }
}

/// Used by [`values`] to show a value in messages.
pub(super) fn scalar_text(value: &Pod) -> Option<Scalar> {
    match value {
        Pod::String(s) => Some(Scalar::Text(s.clone())),
        Pod::Integer(i) => Some(Scalar::Number(*i)),
        Pod::Float(f) => Some(Scalar::Text(f.to_string())),
        Pod::Boolean(b) => Some(Scalar::Text(b.to_string())),
        Pod::Null | Pod::Array(_) | Pod::Hash(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_block_with_crlf() {
        let text = "---\r\ntitle: x\r\n---\r\n# x\r\n";
        let Ok(s) = split(text) else {
            panic!("no split")
        };
        assert_eq!(&text[s.matter.start..s.matter.end], "title: x\r\n");
        assert_eq!(&text[s.body_start..], "# x\r\n");
    }

    /// A heading followed by prose is the body, whatever `---` comes later; comments,
    /// keys and values that look like headings are front matter.
    #[test]
    fn split_ends_front_matter_where_the_body_begins() {
        let text = "---\ntitle: x\n# Title\n\nProse.\n\n---\n\nMore.\n";
        let Err(SplitError::Unclosed { open, heading }) = split(text) else {
            panic!("not unclosed")
        };
        assert_eq!(
            (
                &text[open.start..open.end],
                &text[heading.start..heading.end]
            ),
            ("---", "# Title")
        );
        for fine in [
            "---\ntitle: x\n# a comment\nstatus: accepted\n---\n# x\n\nProse.\n",
            "---\n# a comment\n\ntags:\n  - a\n- b\nnote: |\n  Prose.\n---\nBody.\n",
            "---\ntitle: x\n#notaheading\nProse.\n---\n",
        ] {
            assert!(split(fine).is_ok(), "{fine}");
        }
    }

    #[test]
    fn split_reports_missing_and_unterminated() {
        assert!(matches!(split("# x\n"), Err(SplitError::Missing)));
        assert!(matches!(split(""), Err(SplitError::Missing)));
        assert!(matches!(
            split("---\ntitle: x\n"),
            Err(SplitError::Unterminated(_))
        ));
    }

    /// `...` closes the front matter, as YAML, Jekyll and GitHub read it, unless fields
    /// and a `---` follow it: then it was written as "and so on" and hid those fields.
    #[test]
    fn split_tells_a_dots_line_with_fields_after_it() {
        let text = "---\ntitle: x\n...\nstauts: rejected\n\ntag: [a]\n---\n# x\n";
        let Err(SplitError::EndedEarly { dots, close }) = split(text) else {
            panic!("not ended early")
        };
        assert_eq!((dots.start, &text[close.start..close.end]), (13, "---"));
        for closed in [
            "---\ntitle: x\n...\n# x\n\nProse: a remark.\n",
            "---\ntitle: x\n...\nProse.\n\n---\n\nMore.\n",
            "---\ntitle: x\n...\n\n---\n",
        ] {
            assert!(split(closed).is_ok(), "{closed}");
        }
    }

    #[test]
    fn yaml_error_positions_are_read() {
        let m = "did not find expected ',' or ']' at byte 12 line 2 column 7";
        assert_eq!(yaml_error_position(m), Some((2, 7)));
        assert_eq!(offset_in("a: 1\nbb: [x\n", 10, 2, 5), 10 + 5 + 4);
    }

    #[test]
    fn deep_nesting_is_refused() {
        assert!(too_deep(&"[".repeat(100)));
        assert!(too_deep(&format!("a:\n  {}x", "- ".repeat(400))));
        assert!(!too_deep("a: [1, [2, 3]]\nb:\n  - c\n"));
    }

    #[test]
    fn keys_are_read_as_yaml_reads_them() {
        assert_eq!(key_text(r#""st\u0061tus2""#), "status2");
        assert_eq!(key_text("'it''s'"), "it's");
        assert_eq!(key_text("title"), "title");
    }

    #[test]
    fn key_lines_cover_block_lists() {
        let text = "---\nauthors:\n  - Ada\ntitle: x\n---\n";
        let s = split(text).ok().unwrap();
        let keys = key_lines(text, s.matter);
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0].key, "authors");
        assert!(text[keys[0].region.start..keys[0].region.end].contains("Ada"));
    }
}
