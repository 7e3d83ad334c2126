//! RFC file names: `NNNN-slug.md` by default, or a pattern a team configures for an
//! archive it already has (`eip-{id}.md`, `ADR{id}-{slug}.md`). The number in the name is
//! the RFC's id.

use crate::model::RfcId;

/// The word of [`FileNamePattern::mention_word`], held inline: every body's reader and
/// writer carries one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionWord {
    bytes: [u8; 8],
    len: u8,
}

impl MentionWord {
    pub const RFC: MentionWord = MentionWord {
        bytes: *b"RFC\0\0\0\0\0",
        len: 3,
    };

    /// A word of one to eight ASCII letters and digits, starting with a letter.
    fn new(word: &str) -> Option<MentionWord> {
        let ok = (1..=8).contains(&word.len())
            && word.starts_with(|c: char| c.is_ascii_alphabetic())
            && word.bytes().all(|b| b.is_ascii_alphanumeric());
        ok.then(|| {
            let mut bytes = [0; 8];
            bytes[..word.len()].copy_from_slice(word.as_bytes());
            MentionWord {
                bytes,
                len: word.len() as u8,
            }
        })
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// The word as text: ASCII letters and digits, checked by [`MentionWord::new`].
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or("RFC")
    }
}

impl Default for MentionWord {
    fn default() -> Self {
        MentionWord::RFC
    }
}

/// A checked `[rfc] file-name` pattern: text, `{id}`, optional text and `{slug}`, then text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNamePattern {
    prefix: String,
    /// Text between the id and the slug, when the pattern has a slug.
    slug_separator: Option<String>,
    suffix: String,
    min_digits: usize,
}

impl Default for FileNamePattern {
    fn default() -> Self {
        FileNamePattern::parse("{id}-{slug}.md", 4).unwrap_or_else(|_| unreachable!())
    }
}

impl FileNamePattern {
    /// Checks a pattern once, when the configuration is loaded.
    pub fn parse(pattern: &str, min_digits: usize) -> Result<Self, String> {
        // The pattern is matched against file names, one at a time: a folder in it would
        // match nothing, and every RFC would be `bad-file-name`.
        if pattern.contains(['/', '\\']) {
            return Err(
                "the pattern names a file, not a folder: write it without `/` (RFCs may sit in any folder under `src`)".into(),
            );
        }
        let (prefix, rest) = pattern
            .split_once("{id}")
            .ok_or("the pattern must contain `{id}`")?;
        if rest.contains("{id}") || prefix.contains("{slug}") {
            return Err("`{id}` must appear once, before `{slug}`".into());
        }
        let (slug_separator, suffix) = match rest.split_once("{slug}") {
            Some((sep, suffix)) => (Some(sep.to_string()), suffix.to_string()),
            None => (None, rest.to_string()),
        };
        if !suffix.ends_with(".md") || suffix.contains("{slug}") {
            return Err("the pattern must end in `.md` and name `{slug}` at most once".into());
        }
        if min_digits == 0 {
            return Err("`id-digits` must be at least 1".into());
        }
        // Ids are at most 4294967295; more digits would only pad every name with zeros
        // (and a huge width took gigabytes before it failed).
        if min_digits > 10 {
            return Err("`id-digits` must be at most 10, the digits of the largest id".into());
        }
        Ok(FileNamePattern {
            prefix: prefix.to_string(),
            slug_separator,
            suffix,
            min_digits,
        })
    }

    /// The id in a file name that follows the pattern. The prefix matches without regard
    /// to case (`adr021-…` and `ADR021-…` are the same name to a reader).
    pub fn id(&self, name: &str) -> Option<RfcId> {
        let head = name.get(..self.prefix.len())?;
        if !head.eq_ignore_ascii_case(&self.prefix) {
            return None;
        }
        let rest = &name[self.prefix.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits < self.min_digits {
            return None;
        }
        let tail = &rest[digits..];
        let ok = match &self.slug_separator {
            Some(sep) => tail
                .strip_prefix(sep.as_str())
                .and_then(|t| t.strip_suffix(self.suffix.as_str()))
                .is_some_and(|slug| !slug.is_empty()),
            None => tail == self.suffix,
        };
        if !ok {
            return None;
        }
        rest[..digits].parse().ok().map(RfcId)
    }

    /// The slug of a file name that follows the pattern (`edition-2024` of
    /// `3501-edition-2024.md`): empty when the pattern has none (`eip-{id}.md`).
    pub fn slug<'n>(&self, name: &'n str) -> Option<&'n str> {
        self.id(name)?;
        let tail = name[self.prefix.len()..].trim_start_matches(|c: char| c.is_ascii_digit());
        Some(match &self.slug_separator {
            Some(sep) => tail
                .get(sep.len()..tail.len() - self.suffix.len())
                .unwrap_or_default(),
            None => "",
        })
    }

    /// The file name of a new RFC.
    pub fn name(&self, id: RfcId, slug: &str) -> String {
        let width = self.min_digits;
        match &self.slug_separator {
            Some(sep) => format!("{}{:0width$}{sep}{slug}{}", self.prefix, id.0, self.suffix),
            None => format!("{}{:0width$}{}", self.prefix, id.0, self.suffix),
        }
    }

    /// An id as file names write it (`0048`, `ADR048`), for messages.
    pub fn number(&self, id: RfcId) -> String {
        let width = self.min_digits;
        format!("{}{:0width$}", self.prefix, id.0)
    }

    /// The series an archive's file names give their records (`ADR` for `ADR{id}-…`,
    /// `EIP-` for `eip-{id}.md`), in capitals as people write them; `None` for plain
    /// numbered files, whose records are RFCs.
    fn series(&self) -> Option<String> {
        let prefix = &self.prefix;
        let word = prefix.bytes().any(|b| b.is_ascii_alphabetic())
            && prefix
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        word.then(|| prefix.to_ascii_uppercase())
    }

    /// An RFC as messages name it: `RFC 19`, or in the archive's own series, `ADR019`.
    pub fn mention(&self, id: RfcId) -> String {
        match self.series() {
            Some(series) => format!("{series}{:0width$}", id.0, width = self.min_digits),
            None => format!("RFC {}", id.0),
        }
    }

    /// The word before a number that names a record in prose: `RFC` (RFC 12), or the
    /// series without its separator (`EIP` for EIP-1559, `ADR` for ADR021): in an
    /// archive of EIPs, "RFC 8032" is the IETF's.
    pub fn mention_word(&self) -> MentionWord {
        self.series()
            .and_then(|s| MentionWord::new(s.trim_end_matches(['-', '_'])))
            .unwrap_or(MentionWord::RFC)
    }

    /// The fewest digits an id is written with.
    pub fn min_digits(&self) -> usize {
        self.min_digits
    }

    /// The id as the archive's file names write it: `0019`, `019`.
    pub fn digits(&self, id: RfcId) -> String {
        format!("{:0width$}", id.0, width = self.min_digits)
    }

    /// An RFC as pages label it: `RFC 0019`, or `ADR019` (rfcs/0023).
    pub fn label(&self, id: RfcId) -> String {
        let width = self.min_digits;
        match self.series() {
            Some(series) => format!("{series}{:0width$}", id.0),
            None => format!("RFC {:0width$}", id.0),
        }
    }

    /// The number as lists and graphs show it beside a title: in a series its label
    /// (`ADR019 Use Amazon SES`, as pages and messages name it, rfcs/0023), else the
    /// number (`0019 Use PgBouncer`: the lists are all RFCs).
    pub fn listed(&self, id: RfcId) -> Option<String> {
        self.series()
            .map(|series| format!("{series}{:0width$}", id.0, width = self.min_digits))
    }

    /// What comes before the number in a label (`RFC `, `ADR`), for the search page,
    /// which labels results itself.
    pub fn label_prefix(&self) -> String {
        self.series().unwrap_or_else(|| "RFC ".into())
    }

    /// The pattern as users write it, for messages.
    pub fn display(&self) -> String {
        let digits = "N".repeat(self.min_digits);
        match &self.slug_separator {
            Some(sep) => format!("{}{digits}{sep}slug{}", self.prefix, self.suffix),
            None => format!("{}{digits}{}", self.prefix, self.suffix),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_is_read_off_a_name_that_follows_the_pattern() {
        let plain = FileNamePattern::default();
        assert_eq!(plain.slug("3501-edition-2024.md"), Some("edition-2024"));
        assert_eq!(plain.slug("edition-2024.md"), None);
        let adr = FileNamePattern::parse("ADR{id}-{slug}.md", 3).unwrap();
        assert_eq!(adr.slug("adr019-use-ses.md"), Some("use-ses"));
        let eip = FileNamePattern::parse("eip-{id}.md", 1).unwrap();
        assert_eq!(eip.slug("eip-20.md"), Some(""));
        assert_eq!(eip.slug("erc-20.md"), None);
    }

    #[test]
    fn records_are_named_in_their_archives_series() {
        let rfc = FileNamePattern::default();
        assert_eq!(rfc.mention(RfcId(19)), "RFC 19");
        assert_eq!(rfc.label(RfcId(19)), "RFC 0019");
        let adr = FileNamePattern::parse("ADR{id}-{slug}.md", 3).unwrap();
        assert_eq!(adr.mention(RfcId(19)), "ADR019");
        assert_eq!(adr.label(RfcId(19)), "ADR019");
        let eip = FileNamePattern::parse("eip-{id}.md", 1).unwrap();
        assert_eq!(eip.label(RfcId(1559)), "EIP-1559");
        assert_eq!(eip.label_prefix(), "EIP-");
        // Other text before the number than a word is no series.
        let dotted = FileNamePattern::parse("rfc.{id}-{slug}.md", 4).unwrap();
        assert_eq!(dotted.mention(RfcId(7)), "RFC 7");
    }

    #[test]
    fn default_pattern_is_the_contract() {
        let p = FileNamePattern::default();
        assert_eq!(p.id("0042-use-x.md"), Some(RfcId(42)));
        assert_eq!(p.id("12345-big.md"), Some(RfcId(12345)));
        assert_eq!(p.id("042-x.md"), None);
        assert_eq!(p.id("0042.md"), None);
        assert_eq!(p.id("0042-.md"), None);
        assert_eq!(p.id("use-x.md"), None);
        assert_eq!(p.id("99999999999-x.md"), None);
        assert_eq!(p.name(RfcId(7), "use-x"), "0007-use-x.md");
        assert_eq!(p.display(), "NNNN-slug.md");
    }

    #[test]
    fn other_archives_patterns() {
        let eip = FileNamePattern::parse("eip-{id}.md", 1).unwrap();
        assert_eq!(eip.id("eip-5269.md"), Some(RfcId(5269)));
        assert_eq!(eip.id("eip-5269-x.md"), None);
        assert_eq!(eip.name(RfcId(12), "ignored"), "eip-12.md");
        let adr = FileNamePattern::parse("ADR{id}-{slug}.md", 3).unwrap();
        assert_eq!(adr.id("ADR021-use-auth0.md"), Some(RfcId(21)));
        assert_eq!(adr.name(RfcId(5), "x"), "ADR005-x.md");
    }

    #[test]
    fn bad_patterns_are_refused() {
        assert!(FileNamePattern::parse("{slug}.md", 4).is_err());
        assert!(FileNamePattern::parse("{id}-{slug}.txt", 4).is_err());
        assert!(FileNamePattern::parse("{slug}-{id}.md", 4).is_err());
        assert!(FileNamePattern::parse("{id}.md", 0).is_err());
        assert!(FileNamePattern::parse("text/{id}-{slug}.md", 4).is_err());
    }
}
