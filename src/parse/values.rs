//! Checking one front-matter value into its typed form. Each check reports at the value's
//! own span and says what was expected, so a wrong value is found without reading the
//! whole block.

use gray_matter::Pod;

use super::front_matter::scalar_text;
use crate::config::RfcSchema;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Date, Field, RfcId, StatusRole};
use crate::source::{SourceFile, Span, Spanned};
use crate::suggest;

pub(super) enum Scalar {
    Text(String),
    Number(i64),
}

impl Scalar {
    fn into_text(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Number(n) => n.to_string(),
        }
    }
}

/// Where a field's value was written.
pub(super) struct Place<'a> {
    pub source: &'a SourceFile,
    pub field: Field,
    /// The key as written: the field's name or an alias of it.
    pub key: &'a str,
    /// The value on the key's line (empty for a block list).
    pub value_span: Span,
    /// Everything up to the next key: where the items of a block list are.
    pub region: Span,
}

pub(super) fn describe(value: &Pod) -> &'static str {
    match value {
        Pod::Null => "empty",
        Pod::String(_) => "a string",
        Pod::Integer(_) => "a number",
        Pod::Float(_) => "a decimal number",
        Pod::Boolean(_) => "true or false",
        Pod::Array(_) => "a list",
        Pod::Hash(_) => "a mapping",
    }
}

impl Place<'_> {
    fn diag(&self, code: Code, span: Span, message: String) -> Diagnostic {
        Diagnostic::new(code, self.source, span, message)
    }

    fn wrong_type(&self, value: &Pod, span: Span) -> Diagnostic {
        self.diag(
            Code::WrongType,
            span,
            format!(
                "`{}` must be {}, found {}",
                self.key,
                self.field.expected(),
                describe(value)
            ),
        )
        .help(format!("write `{}` as {}", self.key, self.field.expected()))
    }

    /// The span of one list item: found by its text within the field's region, else the
    /// whole value.
    /// A whole item is preferred to a piece of another: `1` in `[12, 1]` is the second.
    /// The search starts at the value, past the key: `tags` in `tags: [tags]` is the item.
    pub(super) fn item_span(&self, text: &str) -> Span {
        let from = self
            .value_span
            .start
            .clamp(self.region.start, self.region.end);
        let region = &self.source.text()[from..self.region.end];
        if text.is_empty() {
            return self.value_span;
        }
        let alone = |i: usize| {
            let before = region[..i].chars().next_back();
            let after = region[i + text.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        };
        let mut first = None;
        for i in memchr::memmem::find_iter(region.as_bytes(), text.as_bytes()) {
            if !region.is_char_boundary(i) || !region.is_char_boundary(i + text.len()) {
                continue;
            }
            if alone(i) {
                first = Some(i);
                break;
            }
            first = first.or(Some(i));
        }
        match first {
            Some(i) => Span::new(from + i, from + i + text.len()),
            None => self.value_span,
        }
    }

    /// A single string. Numbers are accepted as text (`title: 1984`); `None` when empty.
    pub(super) fn text(&self, value: &Pod, diags: &mut Vec<Diagnostic>) -> Option<Spanned<String>> {
        match value {
            Pod::Null => None,
            Pod::String(_) | Pod::Integer(_) | Pod::Float(_) => {
                let text = scalar_text(value)?.into_text();
                Some(Spanned::new(text, self.value_span))
            }
            _ => {
                diags.push(self.wrong_type(value, self.value_span));
                None
            }
        }
    }

    /// A list of strings; one string alone counts as a one-item list (`authors: Ada`).
    pub(super) fn text_list(
        &self,
        value: &Pod,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<Spanned<String>> {
        if matches!(value, Pod::Hash(_) | Pod::Boolean(_)) {
            diags.push(self.wrong_type(value, self.value_span));
            return Vec::new();
        }
        let Some(items) = self.list_items(value) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item {
                Pod::Null => {}
                Pod::String(_) | Pod::Integer(_) | Pod::Float(_) => {
                    let text = scalar_text(item).map(Scalar::into_text).unwrap_or_default();
                    let span = self.item_span(&text);
                    out.push(Spanned::new(text, span));
                }
                other => diags.push(self.wrong_type(other, self.value_span)),
            }
        }
        out
    }

    /// A date written `YYYY-MM-DD` that exists in the calendar.
    pub(super) fn date(&self, value: &Pod, diags: &mut Vec<Diagnostic>) -> Option<Spanned<Date>> {
        let text = match value {
            Pod::Null => return None,
            Pod::Array(_) | Pod::Hash(_) => {
                diags.push(self.wrong_type(value, self.value_span));
                return None;
            }
            scalar => scalar_text(scalar)?.into_text(),
        };
        match parse_date(text.trim()) {
            Ok(date) => Some(Spanned::new(date, self.value_span)),
            Err(reason) => {
                diags.push(
                    self.diag(
                        Code::InvalidDate,
                        self.value_span,
                        format!("`{}: {text}` is not a valid date: {reason}", self.key),
                    )
                    .help(date_help(text.trim())),
                );
                None
            }
        }
    }

    /// One RFC number: `51`, or the text `"51"`, `"RFC 51"`, `"#51"`.
    pub(super) fn id(&self, value: &Pod, diags: &mut Vec<Diagnostic>) -> Option<Spanned<RfcId>> {
        match value {
            Pod::Null => None,
            Pod::Integer(_) | Pod::String(_) | Pod::Float(_) => match parse_id(value) {
                Some(id) => Some(Spanned::new(id, self.value_span)),
                None => {
                    diags.push(self.not_an_id(value, self.value_span, true));
                    None
                }
            },
            _ => {
                diags.push(self.wrong_type(value, self.value_span));
                None
            }
        }
    }

    /// A list of RFC numbers; one number alone counts as a one-item list.
    pub(super) fn id_list(&self, value: &Pod, diags: &mut Vec<Diagnostic>) -> Vec<Spanned<RfcId>> {
        let Some(items) = self.list_items(value) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let span = match item {
                // YAML reads a whole number past 64 bits as a decimal one, which prints
                // otherwise than written: the item is the long run of digits.
                Pod::Float(_) => self.long_number().unwrap_or(self.value_span),
                _ => {
                    let text = scalar_text(item).map(Scalar::into_text).unwrap_or_default();
                    self.item_span(&text)
                }
            };
            match parse_id(item) {
                Some(id) => out.push(Spanned::new(id, span)),
                None => diags.push(self.not_an_id(item, span, false)),
            }
        }
        out
    }

    /// The first run of more digits than any RFC number has, in the field's region.
    fn long_number(&self) -> Option<Span> {
        let region = &self.source.text()[self.region.start..self.region.end];
        let bytes = region.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start > 10 {
                return Some(Span::new(self.region.start + start, self.region.start + i));
            }
            i += 1;
        }
        None
    }

    /// The items of a list field: a sequence's, or a value alone as a one-item list; `None`
    /// when empty. `tags: database, reliability` or MADR's `deciders: Ann, Bob` unquoted
    /// is one text in YAML, and would be one tag or author named with a comma: it is read
    /// as the list it was meant to be (`related: 12, 30` too). Quoted (`authors:
    /// "Lovelace, Ada"`), it is one value on purpose.
    fn list_items<'v>(&self, value: &'v Pod) -> Option<std::borrow::Cow<'v, [Pod]>> {
        use std::borrow::Cow;
        match value {
            Pod::Array(items) => Some(Cow::Borrowed(items.as_slice())),
            Pod::Null => None,
            Pod::String(text) if text.contains(',') && !self.quoted() => Some(Cow::Owned(
                text.split(',')
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(|item| Pod::String(item.to_string()))
                    .collect(),
            )),
            scalar => Some(Cow::Borrowed(std::slice::from_ref(scalar))),
        }
    }

    /// Whether the value on the key's line is written in quotes.
    fn quoted(&self) -> bool {
        self.source.text()[self.value_span.start..self.value_span.end]
            .trim_start()
            .starts_with(['"', '\''])
    }

    /// An item of an id list that is no RFC number, said in its own terms: `-1` is
    /// negative, `99999999999999999999` too large (YAML reads it as a decimal number).
    fn not_an_id(&self, item: &Pod, span: Span, single: bool) -> Diagnostic {
        let too_large =
            |shown: String| format!("{shown} is larger than any RFC number ({})", u32::MAX);
        let why = match item {
            Pod::Integer(n) if *n < 0 => Some(format!("{n} is negative")),
            Pod::Integer(n) => Some(too_large(n.to_string())),
            // YAML reads a whole number past 64 bits as a decimal one.
            Pod::Float(f) if f.fract() == 0.0 && *f < 0.0 => Some(format!("{f:.0} is negative")),
            Pod::Float(f) if f.fract() == 0.0 => {
                // As written, when the span holds just the number (`1e20` would confuse).
                let text = self.source.text()[span.start..span.end].trim_matches(['[', ']', ' ']);
                let written = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
                Some(too_large(if written {
                    text.to_string()
                } else {
                    format!("{f:.0}")
                }))
            }
            _ => None,
        };
        let (what, example) = if single {
            ("an RFC number", "12")
        } else {
            ("RFC numbers", "[12, 30]")
        };
        match why {
            Some(why) => self
                .diag(
                    Code::WrongType,
                    span,
                    format!("`{}` must be {what}, and {why}", self.key),
                )
                .help(format!(
                    "write the number of an RFC of this archive, e.g. `{}: {example}`",
                    self.key
                )),
            None => self.wrong_type(item, span),
        }
    }

    pub(super) fn invalid_url(&self, url: &str) -> Diagnostic {
        self.diag(
            Code::InvalidUrl,
            self.value_span,
            format!("`discussion: {url}` is not a valid http(s) URL"),
        )
        .help("link the pull request or thread, e.g. https://git.example.com/acme/rfcs/pull/42")
    }

    pub(super) fn unknown_status(
        &self,
        status: &Spanned<String>,
        schema: &RfcSchema,
    ) -> Diagnostic {
        unknown_status(self.source, status, schema)
    }
}

/// A status that is not one of `[rfc] statuses`, wherever it was written (front matter,
/// or a body read for its metadata), with the closest configured one if any is close.
pub(super) fn unknown_status(
    source: &SourceFile,
    status: &Spanned<String>,
    schema: &RfcSchema,
) -> Diagnostic {
    let names: Vec<&str> = schema.statuses.names().collect();
    let list = names.join(", ");
    let meant = StatusRole::of_word(&status.value)
        .and_then(|role| schema.statuses.with_role(role).next().map(|n| (role, n)));
    let help = match (
        suggest::closest(&status.value, names.iter().copied()),
        meant,
    ) {
        (Some(s), _) => format!("did you mean `{s}`? the statuses are: {list}"),
        // Another process's word for a status the archive has (`approved`, `final`):
        // written as the archive does, or kept and given its meaning.
        (None, Some((role, name))) => {
            let word = status.value.trim().to_lowercase();
            format!(
                "write `{name}`; or, to keep `{word}`, add it to `[rfc] statuses` and \
                 `{} = \"{}\"` under `[rfc.status-roles]`",
                crate::config::toml_key(&word),
                role.name()
            )
        }
        (None, None) => format!("use one of: {list} (configured in `[rfc] statuses`)"),
    };
    Diagnostic::new(
        Code::UnknownStatus,
        source,
        status.span,
        format!("unknown status `{}`", status.value),
    )
    .about(status.value.as_str())
    .help(help)
}

fn parse_id(value: &Pod) -> Option<RfcId> {
    match value {
        Pod::Integer(n) => u32::try_from(*n).ok().map(RfcId),
        Pod::String(s) => {
            let s = s.trim();
            let s = s
                .strip_prefix("RFC")
                .or_else(|| s.strip_prefix("rfc"))
                .unwrap_or(s);
            let s = s.trim_start_matches(['#', ' ', '-']);
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok().map(RfcId)
        }
        _ => None,
    }
}

/// Strict `YYYY-MM-DD`: other layouts (`23-07-2014`, `2020/05/18`) are ambiguous across
/// teams, so they are refused rather than guessed.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err("expected YYYY-MM-DD".into());
    }
    let year: i16 = text[0..4].parse().map_err(|_| "bad year".to_string())?;
    let month: i8 = text[5..7].parse().map_err(|_| "bad month".to_string())?;
    let day: i8 = text[8..10].parse().map_err(|_| "bad day".to_string())?;
    Date::new(year, month, day).map_err(|_| match month {
        1..=12 => format!("month {month} has no day {day}"),
        _ => format!("there is no month {month}"),
    })
}

/// The help for a date `parse_date` refused: the date as it must be written, when the
/// text is one written another way (`23-07-2014`, `2014/7/23`, `July 23, 2014`,
/// `23 Jul 2014`). Where the day and the month could be either (`03/07/2014`), both are
/// given: only the author knows which was meant.
pub(crate) fn date_help(text: &str) -> String {
    date_suggestion(text)
        .unwrap_or_else(|| "write the date as YYYY-MM-DD, e.g. 2026-03-01".to_string())
}

/// [`date_help`] when the text is a date written another way; `None` when it is not.
pub(crate) fn date_suggestion(text: &str) -> Option<String> {
    // A date with a time (`2014-07-23T10:00`, `2014-07-23 10:00:00 +0200`): the day is
    // what the fields hold.
    if let (Some(day), Some(time)) = (text.get(..10), text.get(10..))
        && parse_date(day).is_ok()
        && time.starts_with(['T', 't', ' '])
        && time[1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return Some(format!("write the day alone, without the time: `{day}`"));
    }
    let date = |y: i64, m: i64, d: i64| {
        let written = format!("{y:04}-{m:02}-{d:02}");
        parse_date(&written).ok().map(|_| written)
    };
    let parts: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '.' | ','))
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |p: &str| {
        let p = p.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 23rd
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i64>().ok())
            .flatten()
    };
    let month_name = |p: &str| {
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let p = p.to_ascii_lowercase();
        (p.len() >= 3)
            .then(|| MONTHS.iter().position(|m| p.starts_with(m)))
            .flatten()
            .map(|i| i as i64 + 1)
    };
    let year = |p: &str| {
        (p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| number(p))
            .flatten()
    };
    let candidates: Vec<String> = match (a, b, c) {
        // 2014/07/23, 2014.7.23, 2014-7-23
        (y, m, d) if year(y).is_some() => number(m)
            .zip(number(d))
            .and_then(|(m, d)| date(year(y)?, m, d))
            .into_iter()
            .collect(),
        // July 23, 2014 · 23 July 2014
        (m, d, y) | (d, m, y) if month_name(m).is_some() && year(y).is_some() => number(d)
            .and_then(|d| date(year(y)?, month_name(m)?, d))
            .into_iter()
            .collect(),
        // 23-07-2014 (day first) · 07/23/2014 (month first) · 03/07/2014 (either)
        (first, second, y) if year(y).is_some() => {
            let (Some(first), Some(second), Some(y)) = (number(first), number(second), year(y))
            else {
                return None;
            };
            let mut both: Vec<String> = [date(y, second, first), date(y, first, second)]
                .into_iter()
                .flatten()
                .collect();
            both.dedup();
            both
        }
        _ => Vec::new(),
    };
    match candidates.as_slice() {
        [one] => Some(format!("write the date as YYYY-MM-DD: `{one}`")),
        [day_first, month_first] => Some(format!(
            "write the date as YYYY-MM-DD: `{day_first}` if the day comes first, \
             `{month_first}` if the month does"
        )),
        _ => None,
    }
}

/// `http` or `https`, a host, and no spaces: enough to catch typos and placeholders
/// without pulling in a URL parser.
pub(crate) fn is_http_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let host_name = host.split(':').next().unwrap_or("");
    !host_name.is_empty()
        && host_name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == '[' || c == ']')
        && !url.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-03-01").is_ok());
        assert_eq!(
            parse_date("2023-14-05").unwrap_err(),
            "there is no month 14"
        );
        assert_eq!(
            parse_date("2023-02-30").unwrap_err(),
            "month 2 has no day 30"
        );
        assert!(parse_date("23-07-2014").is_err());
        assert!(parse_date("2020/05/18").is_err());
        assert!(parse_date("2020-5-18").is_err());
    }

    #[test]
    fn urls() {
        assert!(is_http_url("https://git.example.com/acme/rfcs/pull/42"));
        assert!(is_http_url("http://localhost:8080/x?y#z"));
        assert!(!is_http_url("not a url"));
        assert!(!is_http_url("ftp://x"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("https://exa mple.com"));
    }

    #[test]
    fn ids_accept_numbers_and_prefixed_text() {
        assert_eq!(parse_id(&Pod::Integer(7)), Some(RfcId(7)));
        assert_eq!(parse_id(&Pod::String("RFC 7".into())), Some(RfcId(7)));
        assert_eq!(parse_id(&Pod::String("#0007".into())), Some(RfcId(7)));
        assert_eq!(parse_id(&Pod::String("abc".into())), None);
        assert_eq!(parse_id(&Pod::Integer(-1)), None);
    }

    #[test]
    fn a_date_written_another_way_is_given_as_it_must_be_written() {
        let help = |t| date_help(t);
        assert_eq!(
            help("23-07-2014"),
            "write the date as YYYY-MM-DD: `2014-07-23`"
        );
        assert_eq!(
            help("07/23/2014"),
            "write the date as YYYY-MM-DD: `2014-07-23`"
        );
        assert_eq!(
            help("2014/7/3"),
            "write the date as YYYY-MM-DD: `2014-07-03`"
        );
        assert_eq!(
            help("July 23, 2014"),
            "write the date as YYYY-MM-DD: `2014-07-23`"
        );
        assert_eq!(
            help("23rd Jul 2014"),
            "write the date as YYYY-MM-DD: `2014-07-23`"
        );
        assert_eq!(
            help("03.07.2014"),
            "write the date as YYYY-MM-DD: `2014-07-03` if the day comes first, \
             `2014-03-07` if the month does"
        );
        assert_eq!(
            help("05/05/2014"),
            "write the date as YYYY-MM-DD: `2014-05-05`"
        );
        for timed in [
            "2014-07-23T10:00",
            "2014-07-23 10:00:00 +0200",
            "2014-07-23t09:30:00Z",
        ] {
            assert_eq!(
                help(timed),
                "write the day alone, without the time: `2014-07-23`",
                "{timed}"
            );
        }
        for general in [
            "soon",
            "2014-02-30",
            "31/31/2014",
            "TBD 2026",
            "",
            "2014-07-23 and later",
            "2014-02-30T10:00",
        ] {
            assert_eq!(
                help(general),
                "write the date as YYYY-MM-DD, e.g. 2026-03-01",
                "{general}"
            );
        }
    }
}
