//! One tag, any case: `Security` and `security` are the same tag to `list`, `search` and
//! the site, which shows it once, under the spelling most RFCs use; `check` asks for that
//! spelling everywhere (RFC0206, rfcs/0018).

use rustc_hash::FxHashMap;

use crate::archive::Archive;

/// Tags are compared in lower case (Unicode's, as the search index folds them), their
/// spaces as one: `Ada  Lovelace`, typed with two, is the same person.
pub(crate) fn key(tag: &str) -> String {
    let lower = tag.to_lowercase();
    if !lower.contains(char::is_whitespace) {
        return lower;
    }
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` is written with single spaces between its words, as a name or tag
/// is meant to be shown.
fn tidy(text: &str) -> bool {
    text.split_whitespace().collect::<Vec<_>>().join(" ") == text
}

/// The tags of an archive by [`key`], each with its spelling.
pub(crate) struct Spellings {
    by_key: FxHashMap<String, Tag>,
}

pub(crate) struct Tag {
    /// The spelling most uses of the tag have; of equally common ones, the one in lower
    /// case (tags' usual way, and what `messaging` beside one `Messaging` most likely
    /// is), then the first in byte order, so that the choice depends on nothing but the
    /// archive's contents.
    pub name: String,
    /// How many times the tag is written so.
    pub uses: usize,
}

impl Spellings {
    pub(crate) fn of(archive: &Archive) -> Spellings {
        Spellings::count(
            archive
                .rfcs
                .iter()
                .filter_map(|r| r.front.as_ref())
                .flat_map(|f| f.tags.iter().map(|t| t.value.as_str())),
        )
    }

    /// From every use of every tag.
    pub(crate) fn count<'a>(uses: impl IntoIterator<Item = &'a str>) -> Spellings {
        Spellings::counted(uses, true)
    }

    /// People's names, one person in any case (`Ada Lovelace`, `ada lovelace`): as
    /// [`Spellings::count`], but of equally common spellings the one with capitals,
    /// as names are written.
    pub(crate) fn names<'a>(uses: impl IntoIterator<Item = &'a str>) -> Spellings {
        Spellings::counted(uses, false)
    }

    fn counted<'a>(uses: impl IntoIterator<Item = &'a str>, lower_first: bool) -> Spellings {
        let mut counts: FxHashMap<String, FxHashMap<&str, usize>> = FxHashMap::default();
        for tag in uses {
            *counts.entry(key(tag)).or_default().entry(tag).or_default() += 1;
        }
        let by_key = counts
            .into_iter()
            .map(|(key, spellings)| {
                let (name, uses) = spellings
                    .into_iter()
                    .max_by(|a, b| {
                        let lower = |s: &str| lower_first && s == key.as_str();
                        // A name on a tie: written with capitals, not all in them.
                        let mixed =
                            |s: &str| !lower_first && s != key.as_str() && s != s.to_uppercase();
                        a.1.cmp(&b.1)
                            .then(tidy(a.0).cmp(&tidy(b.0)))
                            .then(lower(a.0).cmp(&lower(b.0)))
                            .then(mixed(a.0).cmp(&mixed(b.0)))
                            .then(b.0.cmp(a.0))
                    })
                    .unwrap_or_default();
                (
                    key,
                    Tag {
                        name: name.to_string(),
                        uses,
                    },
                )
            })
            .collect();
        Spellings { by_key }
    }

    /// The tag `tag` is a spelling of.
    pub(crate) fn get(&self, tag: &str) -> Option<&Tag> {
        self.by_key.get(&key(tag))
    }

    /// The name the site shows `tag` under.
    pub(crate) fn name<'a>(&'a self, tag: &'a str) -> &'a str {
        self.get(tag).map_or(tag, |t| t.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_any_case_is_one_person_written_with_capitals_on_a_tie() {
        let s = Spellings::names([
            "ada lovelace",
            "Ada Lovelace",
            "ADA LOVELACE",
            "Grace",
            "grace",
            "grace",
        ]);
        assert_eq!(s.name("ADA LOVELACE"), "Ada Lovelace");
        assert_eq!(s.name("Grace"), "grace");
        // Typed with two spaces, or one at the end: the same person, shown tidy.
        let s = Spellings::names(["Ada  Lovelace", "Ada Lovelace ", "Ada Lovelace"]);
        assert_eq!(s.name("ada   lovelace"), "Ada Lovelace");
        assert_eq!(s.name("Ada  Lovelace"), "Ada Lovelace");
        assert_eq!(s.name("Alan"), "Alan");
    }

    #[test]
    fn the_most_used_spelling_names_a_tag_and_ties_go_to_lower_case() {
        let s = Spellings::count([
            "security", "Security", "security", "CLI", "cli", "Straße", "STRASSE", "straße", "Api",
            "API",
        ]);
        assert_eq!(s.name("SECURITY"), "security");
        assert_eq!(s.get("Security").unwrap().uses, 2);
        // One each: the lower-case one, else the first in byte order.
        assert_eq!(s.name("CLI"), "cli");
        assert_eq!(s.name("api"), "API");
        // Lower case is Unicode's: "STRASSE" is another word than "Straße".
        assert_eq!(s.name("STRAßE"), "straße");
        assert_eq!(s.name("strasse"), "STRASSE");
        assert_eq!(s.name("unknown"), "unknown");
    }
}
