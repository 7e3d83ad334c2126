//! The archive model: typed values that the parser produces and every later stage reads.
//! Nothing here does I/O.

use std::fmt;

use crate::source::{Span, Spanned};

/// An RFC number, as written in file names (`0042-…`) and in `supersedes: [42]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct RfcId(pub u32);

impl fmt::Display for RfcId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The four canonical sections every decision record is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionKind {
    Problem,
    Approach,
    Alternatives,
    Rationale,
}

impl SectionKind {
    pub const ALL: [SectionKind; 4] = [
        SectionKind::Problem,
        SectionKind::Approach,
        SectionKind::Alternatives,
        SectionKind::Rationale,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SectionKind::Problem => "problem",
            SectionKind::Approach => "approach",
            SectionKind::Alternatives => "alternatives",
            SectionKind::Rationale => "rationale",
        }
    }

    pub fn parse(name: &str) -> Option<SectionKind> {
        SectionKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The title and aliases of CONTRACT §2, used when `book.toml` does not override them.
    pub fn default_title(self) -> &'static str {
        match self {
            SectionKind::Problem => "Problem",
            SectionKind::Approach => "Approach",
            SectionKind::Alternatives => "Alternatives",
            SectionKind::Rationale => "Rationale",
        }
    }

    pub fn default_aliases(self) -> &'static [&'static str] {
        match self {
            SectionKind::Problem => &["Problem statement", "Context", "Motivation"],
            SectionKind::Approach => &["Proposed approach", "Proposal", "Decision", "Design"],
            SectionKind::Alternatives => &[
                "Alternatives considered",
                "Considered options",
                "Options",
                "Rationale and alternatives",
            ],
            SectionKind::Rationale => &[
                "Decision rationale",
                "Rationale and alternatives",
                "Consequences",
            ],
        }
    }
}

/// The front-matter keys rfcbook understands, in the order they are documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Status,
    Authors,
    Created,
    Decided,
    Updated,
    Tags,
    Supersedes,
    SupersededBy,
    Related,
    Discussion,
    ReviewBy,
    Id,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::Title,
        Field::Status,
        Field::Authors,
        Field::Created,
        Field::Decided,
        Field::Updated,
        Field::Tags,
        Field::Supersedes,
        Field::SupersededBy,
        Field::Related,
        Field::Discussion,
        Field::ReviewBy,
        Field::Id,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Status => "status",
            Field::Authors => "authors",
            Field::Created => "created",
            Field::Decided => "decided",
            Field::Updated => "updated",
            Field::Tags => "tags",
            Field::Supersedes => "supersedes",
            Field::SupersededBy => "superseded-by",
            Field::Related => "related",
            Field::Discussion => "discussion",
            Field::ReviewBy => "review-by",
            Field::Id => "id",
        }
    }

    pub fn parse(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// What a value of this field looks like, for "wrong type" messages.
    pub fn expected(self) -> &'static str {
        match self {
            Field::Title => "a string",
            Field::Status => "a status name",
            Field::Authors => "a list of names, such as [\"Ada Lovelace <ada@example.com>\"]",
            Field::Tags => "a list of words, such as [database, reliability]",
            Field::Created | Field::Decided | Field::Updated | Field::ReviewBy => {
                "a date written YYYY-MM-DD"
            }
            Field::Supersedes | Field::Related => "a list of RFC numbers, such as [12, 30]",
            Field::SupersededBy | Field::Id => "an RFC number, such as 51",
            Field::Discussion => "a URL, such as https://git.example.com/acme/rfcs/pull/42",
        }
    }
}

/// What a status means to the rules and pages that reason about the life of a decision.
/// A status named like a role has it; `[rfc.status-roles]` gives roles to other names
/// (rfcs/0011).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusRole {
    Draft,
    Proposed,
    Accepted,
    Rejected,
    Superseded,
    Deprecated,
    Withdrawn,
    /// The record lives elsewhere now and its file only says where (EIPs' `Moved`, left
    /// behind in thousands when the ERCs got their own repository): it owes none of the
    /// fields and sections of a record (rfcs/0034).
    Moved,
}

impl StatusRole {
    /// The roles by name, as `[rfc.status-roles]` spells them; the first seven are the
    /// default statuses ([`Self::DEFAULTS`]).
    pub const NAMES: [&'static str; 8] = [
        "draft",
        "proposed",
        "accepted",
        "rejected",
        "superseded",
        "deprecated",
        "withdrawn",
        "moved",
    ];

    /// The statuses of an archive that configures none: every role's name but `moved`,
    /// which only an archive that moved records away has use for.
    pub const DEFAULTS: [&'static str; 7] = [
        Self::NAMES[0],
        Self::NAMES[1],
        Self::NAMES[2],
        Self::NAMES[3],
        Self::NAMES[4],
        Self::NAMES[5],
        Self::NAMES[6],
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn from_name(name: &str) -> Option<StatusRole> {
        Some(match name {
            "draft" => StatusRole::Draft,
            "proposed" => StatusRole::Proposed,
            "accepted" => StatusRole::Accepted,
            "rejected" => StatusRole::Rejected,
            "superseded" => StatusRole::Superseded,
            "deprecated" => StatusRole::Deprecated,
            "withdrawn" => StatusRole::Withdrawn,
            "moved" => StatusRole::Moved,
            _ => return None,
        })
    }

    /// Whether an RFC in this status was decided: the statuses the contract asks a
    /// `decided` date of.
    pub fn is_decided(self) -> bool {
        matches!(
            self,
            StatusRole::Accepted
                | StatusRole::Rejected
                | StatusRole::Superseded
                | StatusRole::Deprecated
        )
    }

    /// What another process's word for a status most likely means (EIPs' `final`, the
    /// `approved` of many templates): for a help that says how to keep the word, and for
    /// the statuses `init` learns from an archive (rfcs/0032).
    pub fn of_word(word: &str) -> Option<StatusRole> {
        let word = word.trim().to_lowercase();
        let role = match word.as_str() {
            "approved" | "adopted" | "agreed" | "final" | "implemented" | "done" | "active"
            | "living" | "merged" | "decided" => StatusRole::Accepted,
            "declined" | "refused" | "denied" | "not accepted" | "closed" => StatusRole::Rejected,
            "replaced" | "obsoleted" | "outdated" => StatusRole::Superseded,
            "obsolete" | "retired" | "deprecated" => StatusRole::Deprecated,
            "abandoned" | "cancelled" | "canceled" | "dropped" | "postponed" | "stagnant" => {
                StatusRole::Withdrawn
            }
            "review" | "in review" | "last call" | "open" | "pending" | "under discussion"
            | "discussion" | "rfc" => StatusRole::Proposed,
            "wip" | "work in progress" | "idea" | "in progress" | "draft" => StatusRole::Draft,
            "moved" | "relocated" | "transferred" | "migrated" => StatusRole::Moved,
            _ => return None,
        };
        Some(role)
    }

    /// Whether an RFC in this status is still a live decision worth revisiting.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            StatusRole::Draft | StatusRole::Proposed | StatusRole::Accepted
        )
    }
}

/// A status from the configured vocabulary: an index into [`crate::config::Statuses`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Status(pub(crate) u16);

/// A calendar date from front matter (`created: 2026-03-01`).
pub type Date = jiff::civil::Date;

/// The date an eight-digit number writes (`20201016`, as log4brains numbers records), if
/// it is one: such archives are numbered by day, which `check`, `init` and `new` respect.
pub fn date_of_number(n: u32) -> Option<Date> {
    if !(10_000_000..=99_999_999).contains(&n) {
        return None;
    }
    let (year, month, day) = (n / 10_000, n / 100 % 100, n % 100);
    Date::new(year as i16, month as i8, day as i8).ok()
}

/// The number that writes `date` (`20201016`).
pub fn number_of_date(date: Date) -> u32 {
    date.year() as u32 * 10_000 + date.month() as u32 * 100 + date.day() as u32
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    day_number(to) - day_number(from)
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`): plain integer arithmetic,
/// since this runs for every RFC and calendar-aware span arithmetic costs far more.
pub fn day_number(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Front matter checked into typed fields. A field is `None` when it is absent or when its
/// value was invalid (the parser has reported why).
#[derive(Debug, Default, Clone)]
pub struct FrontMatter {
    pub title: Option<Spanned<String>>,
    pub status: Option<Spanned<Status>>,
    pub authors: Vec<Spanned<String>>,
    pub created: Option<Spanned<Date>>,
    pub decided: Option<Spanned<Date>>,
    pub updated: Option<Spanned<Date>>,
    pub tags: Vec<Spanned<String>>,
    pub supersedes: Vec<Spanned<RfcId>>,
    pub superseded_by: Option<Spanned<RfcId>>,
    pub related: Vec<Spanned<RfcId>>,
    pub discussion: Option<Spanned<String>>,
    pub review_by: Option<Spanned<Date>>,
    pub id: Option<Spanned<RfcId>>,
    /// Where each key present in the file was written, for "field required" messages that
    /// point at an existing but empty key.
    pub keys: Vec<(Field, Span)>,
    /// The span of the whole front-matter block, from the opening to the closing `---`.
    pub block: Span,
    /// Read from the body of a file without front matter (`[rfc] body-metadata`): what is
    /// missing is added there, not as a key.
    pub in_body: bool,
    /// In the body, its facts are listed under the title (`- Status: accepted`), as
    /// log4brains and MADR 2 write them: what is missing is added as such a line.
    pub listed: bool,
    /// The status is `[rfc] default-status`, not written in the file: the file claims no
    /// status, so it is not asked for what a written one would need (a `decided` date).
    pub status_defaulted: bool,
    /// Keys rfcbook does not know that most likely mean a required field the file does
    /// not give (`author:` for `authors`): the missing field is reported at that key,
    /// once, rather than as an unknown key and a missing field.
    pub near_misses: Vec<(Field, Spanned<String>)>,
    /// The relations read from links in the body (`- Supersedes: [x](20201029-x.md)`):
    /// where each is, and the file it names, which tells records that share a number
    /// apart (log4brains' dates).
    pub linked: Vec<(Span, String)>,
}

impl FrontMatter {
    pub fn key_span(&self, field: Field) -> Option<Span> {
        self.keys.iter().find(|(f, _)| *f == field).map(|&(_, s)| s)
    }

    /// The file a relation at `span` links to, when it was read from a link.
    pub fn linked_file(&self, span: Span) -> Option<&str> {
        self.linked
            .iter()
            .find(|(s, _)| *s == span)
            .map(|(_, name)| name.as_str())
    }

    /// Whether the field has a usable value; an invalid value was reported by the parser.
    pub fn has_value(&self, field: Field) -> bool {
        match field {
            Field::Title => self
                .title
                .as_ref()
                .is_some_and(|t| !t.value.trim().is_empty()),
            Field::Status => self.status.is_some(),
            Field::Authors => self.authors.iter().any(|a| !a.value.trim().is_empty()),
            Field::Created => self.created.is_some(),
            Field::Decided => self.decided.is_some(),
            Field::Updated => self.updated.is_some(),
            Field::Tags => self.tags.iter().any(|t| !t.value.trim().is_empty()),
            Field::Supersedes => !self.supersedes.is_empty(),
            Field::SupersededBy => self.superseded_by.is_some(),
            Field::Related => !self.related.is_empty(),
            Field::Discussion => self.discussion.is_some(),
            Field::ReviewBy => self.review_by.is_some(),
            Field::Id => self.id.is_some(),
        }
    }
}

/// A heading of the body, with the anchor the rendered page gives it.
#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
    pub span: Span,
}

/// A level-2 section recognised as one of the canonical kinds.
#[derive(Debug, Clone)]
pub struct Section {
    pub kinds: Vec<SectionKind>,
    pub heading: Heading,
    pub is_empty: bool,
    /// The section's first paragraph, when it is still the template's text for the
    /// section (`rfcbook new` copies it in as a prompt).
    pub placeholder: Option<Span>,
}

/// A Markdown link as written, before any resolution.
#[derive(Debug, Clone)]
pub struct Link {
    pub dest: String,
    pub span: Span,
}

/// A raw HTML fragment that would run code in a browser (`<script>`, `onclick=`, a
/// `javascript:` URL): kept so `check` can warn before `build` sanitises it.
#[derive(Debug, Clone)]
pub struct UnsafeHtml {
    pub what: ActiveHtml,
    pub span: Span,
}

/// What in an RFC's HTML would run code: each is left out of the page, and `check` says
/// which, since the help differs (a link keeps its text, an element goes whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActiveHtml {
    /// `<script>`, `<iframe>`, `<object>`…, by its name in lower case.
    Element(String),
    /// An event handler attribute (`onerror`), in lower case.
    Handler(String),
    /// A URL whose scheme runs code (`javascript`), in raw HTML or a Markdown link.
    Url(String),
    /// A URL of a scheme the site does not keep (`data`, `ftp`): it runs no code, but the
    /// link or picture is left out all the same (only http(s), mailto and relative ones
    /// are kept).
    Unkept(String),
    /// A `key=value` attribute written after a heading (`## Problem {style=…}`), other
    /// than an event handler: the site keeps only a heading's `{#id}` and classes.
    HeadingAttribute(String),
}

impl std::fmt::Display for ActiveHtml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ActiveHtml::Element(name) => write!(f, "a `<{name}>` element"),
            ActiveHtml::Handler(name) => write!(f, "an event handler attribute (`{name}`)"),
            ActiveHtml::Url(scheme) | ActiveHtml::Unkept(scheme) => {
                write!(f, "a `{scheme}:` URL")
            }
            ActiveHtml::HeadingAttribute(name) => write!(f, "a heading attribute (`{name}`)"),
        }
    }
}

/// The Markdown body, reduced to what validation and indexing need.
#[derive(Debug, Default, Clone)]
pub struct Body {
    /// Byte offset of the body in the file, after the front matter.
    pub start: usize,
    pub h1: Option<Spanned<String>>,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
    pub links: Vec<Link>,
    pub mentions: Vec<Spanned<RfcId>>,
    pub unsafe_html: Vec<UnsafeHtml>,
    /// `id="…"` and `name="…"` targets written in raw HTML, which links may point at too.
    pub html_anchors: Vec<String>,
    /// Images a screen reader could say nothing of: `![](x.png)`, `<img src="x.png">`.
    pub images_without_alt: Vec<Span>,
}

impl Body {
    /// Every target a `#fragment` link may name: heading anchors and raw HTML's ids.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        let headings = self.headings.iter().map(|h| h.anchor.as_str());
        headings.chain(self.html_anchors.iter().map(String::as_str))
    }

    pub fn has_section(&self, kind: SectionKind) -> bool {
        self.sections.iter().any(|s| s.kinds.contains(&kind))
    }
}

/// One parsed RFC file. `id` comes from the file name, or from `id:` when the name has no
/// number; an RFC without either still gets its file-level checks. `front` is `None` when
/// the front matter is missing or unreadable (its rules would only repeat that problem),
/// and `body` is `None` when the front matter never ends (there is no body to read).
#[derive(Debug, Clone)]
pub struct Rfc {
    pub id: Option<RfcId>,
    /// Index of the source file in the archive.
    pub file: usize,
    pub front: Option<FrontMatter>,
    pub body: Option<Body>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_match_the_calendar() {
        let date = |s| crate::parse::parse_date(s).unwrap();
        assert_eq!(day_number(date("1970-01-01")), 0);
        assert_eq!(days_between(date("2026-09-01"), date("2026-11-26")), 86);
        assert_eq!(days_between(date("2024-02-28"), date("2024-03-01")), 2);
        assert_eq!(days_between(date("1999-12-31"), date("2000-12-31")), 366);
    }
}
