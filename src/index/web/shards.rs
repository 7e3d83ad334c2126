//! The second step of the static index: the sorted keys (stems with their postings,
//! surface forms with their stems) cut into term shards by size, and the per-letter
//! vocabularies for typo and prefix matching, in the encodings rfcs/0010 describes.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt::Write;

use rayon::prelude::*;

use super::words::{Weighed, Words};
use super::{file_key, json_string};
use crate::render::OutputFile;

/// A term shard ends at the first key after this many bytes.
const SHARD_BYTES: usize = 24 * 1024;
/// A vocabulary file holds every word found in two RFCs or in a title, and rarer words
/// while it is smaller than this.
const VOCABULARY_BYTES: usize = 32 * 1024;
/// The digits of postings: printable ASCII but `"` and `\`, so a posting list is a JSON
/// string without escapes. The first half ends a number, the second half continues it.
const DIGITS: &[u8; 92] =
    b"!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
pub(super) const BASE: u32 = 46;

/// Appends `n` in the variable-length code of [`DIGITS`]: base 46, most significant digit
/// first, every digit but the last from the second half. Most numbers (deltas, weights)
/// are one digit, which is pushed directly: this runs millions of times.
fn push_number(out: &mut String, n: u32) {
    if n < BASE {
        out.push(char::from(DIGITS[n as usize]));
        return;
    }
    let mut digits = [0u8; 8];
    let mut at = digits.len() - 1;
    digits[at] = DIGITS[(n % BASE) as usize];
    let mut n = n / BASE;
    while n > 0 {
        at -= 1;
        digits[at] = DIGITS[(BASE + n % BASE) as usize];
        n /= BASE;
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// The characters of a bitmap, six documents each (see [`posting_text`]).
const BITMAP: &[u8] = DIGITS.split_at(64).0;

/// Postings as numbers: the body and title document frequencies, and twice the number
/// of weighed documents plus one if the others are a bitmap; per weighed document its
/// delta from the previous one and its parts as one number, `body + 46 * title`; then the
/// other documents, as deltas or, where that is shorter (stems in a large share of the
/// RFCs), as a bitmap: one character of [`BITMAP`] per six documents, lowest bit first.
pub(super) fn posting_text(postings: &Weighed) -> String {
    let mut deltas = String::with_capacity(postings.rest.len() + 4);
    let mut last = 0;
    for &doc in &postings.rest {
        push_number(&mut deltas, doc - last);
        last = doc;
    }
    let bitmap = postings.rest.last().map_or(String::new(), |&max| {
        let mut cells = vec![0u8; max as usize / 6 + 1];
        for &doc in &postings.rest {
            cells[doc as usize / 6] |= 1 << (doc % 6);
        }
        cells
            .into_iter()
            .map(|c| char::from(BITMAP[usize::from(c)]))
            .collect()
    });
    let as_bitmap = bitmap.len() < deltas.len();
    let mut text = String::with_capacity(postings.docs.len() * 2 + deltas.len() + 8);
    push_number(&mut text, postings.body_df);
    push_number(&mut text, postings.title_df);
    push_number(
        &mut text,
        postings.docs.len() as u32 * 2 + u32::from(as_bitmap),
    );
    let mut last = 0;
    for &(doc, body, title) in &postings.docs {
        push_number(&mut text, doc - last);
        push_number(&mut text, body + BASE * title);
        last = doc;
    }
    text.push_str(if as_bitmap { &bitmap } else { &deltas });
    text
}

/// Keys in the order JavaScript compares strings (UTF-16 code units), so that the
/// browser's binary search over shard bounds agrees with the order they were cut in.
fn js_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Whether byte order is JavaScript's order for these strings: UTF-8 bytes sort as code
/// points, which differ from UTF-16 units only between U+E000–U+FFFF and characters
/// beyond U+FFFF.
fn bytes_sort_as_js<'a>(mut texts: impl Iterator<Item = &'a str>) -> bool {
    !texts.any(|t| !t.is_ascii() && t.chars().any(|c| ('\u{e000}'..='\u{ffff}').contains(&c)))
}

/// How a surface form names its stem: the number of its first UTF-16 units the stem is
/// (most stems are a prefix of their words), or the stem itself.
enum StemOf<'a> {
    Prefix(usize),
    Other(&'a str),
}

fn stem_of<'a>(surface: &str, stem: &'a str) -> StemOf<'a> {
    if surface.starts_with(stem) {
        StemOf::Prefix(stem.encode_utf16().count())
    } else {
        StemOf::Other(stem)
    }
}

/// One entry of the term shards.
pub(super) enum Key<'a> {
    Stem { text: &'a str, postings: &'a str },
    Surface { text: &'a str, stem: &'a str },
}

impl Key<'_> {
    fn text(&self) -> &str {
        match self {
            Key::Stem { text, .. } | Key::Surface { text, .. } => text,
        }
    }
}

/// `words` holds each stem's postings as [`posting_text`] wrote them, if it has any.
pub(super) fn keys(words: &Words<Option<String>>) -> Vec<Key<'_>> {
    let mut keys: Vec<Key<'_>> = words
        .stems
        .iter()
        .zip(&words.postings)
        .filter_map(|(stem, p)| {
            Some(Key::Stem {
                text: stem,
                postings: p.as_deref()?,
            })
        })
        .collect();
    keys.extend(
        words
            .surfaces
            .iter()
            .zip(&words.surface_stem)
            .map(|(surface, &stem)| (surface, words.stems[stem as usize].as_str()))
            .filter(|(surface, stem)| surface != stem)
            .map(|(text, stem)| Key::Surface { text, stem }),
    );
    // A stem before a surface of the same text: one order, whatever the hashing did.
    let is_surface = |k: &Key<'_>| matches!(k, Key::Surface { .. });
    if bytes_sort_as_js(keys.iter().map(Key::text)) {
        keys.par_sort_unstable_by(|a, b| {
            a.text()
                .cmp(b.text())
                .then_with(|| is_surface(a).cmp(&is_surface(b)))
        });
    } else {
        keys.par_sort_unstable_by(|a, b| {
            js_cmp(a.text(), b.text()).then_with(|| is_surface(a).cmp(&is_surface(b)))
        });
    }
    keys
}

/// Cuts the sorted keys into shards of about `SHARD_BYTES`, never between two keys of one
/// text. Returns each shard's bound (the shortest prefix of its first key that sorts
/// after the previous shard's last key; the first bound is empty) and the files.
pub(super) fn term_shards(keys: &[Key<'_>]) -> (Vec<String>, Vec<OutputFile>) {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, key) in keys.iter().enumerate() {
        if bytes >= SHARD_BYTES && key.text() != keys[i - 1].text() {
            ranges.push((start, i));
            start = i;
            bytes = 0;
        }
        bytes += key.text().len()
            + 3
            + match key {
                Key::Stem { postings, .. } => postings.len(),
                Key::Surface { .. } => 3,
            };
    }
    if start < keys.len() || ranges.is_empty() {
        ranges.push((start, keys.len()));
    }
    let bounds = ranges
        .iter()
        .map(|&(start, _)| match start.checked_sub(1) {
            None => String::new(),
            Some(previous) => shortest_bound(keys[previous].text(), keys[start].text()),
        })
        .collect();
    let files = ranges
        .par_iter()
        .enumerate()
        .map(|(n, &(start, end))| OutputFile {
            path: format!("search/t-{n}.js"),
            bytes: shard_text(n, &keys[start..end]).into_bytes(),
        })
        .collect();
    (bounds, files)
}

/// The shortest prefix of `first` that sorts after `previous`.
fn shortest_bound(previous: &str, first: &str) -> String {
    let mut end = 0;
    for c in first.chars() {
        end += c.len_utf8();
        if js_cmp(&first[..end], previous) == Ordering::Greater {
            break;
        }
    }
    first[..end].to_string()
}

/// `rfcbookSearch.loaded("t-N","ENTRIES")`: the shard's keys in order, separated by
/// spaces, each front-coded against the one before it (sorted keys share long prefixes):
/// how many UTF-16 units of the previous key it starts with (a number of [`push_number`]),
/// the rest of its text, then `:` and its postings for a stem, `=N` for a surface form
/// whose stem is its first N UTF-16 units, or `;stem` for another stem. Keys are letters
/// and digits, postings never hold a space, so nothing needs escaping or quoting.
fn shard_text(n: usize, keys: &[Key<'_>]) -> String {
    // Postings are most of a shard, and a stem's can be tens of kilobytes: the text is
    // made as large as they need at once.
    let postings: usize = keys
        .iter()
        .map(|key| match key {
            Key::Stem { postings, .. } => postings.len(),
            Key::Surface { .. } => 0,
        })
        .sum();
    let mut entries = String::with_capacity(postings + keys.len() * 16);
    let mut previous: &str = "";
    for key in keys {
        let text = key.text();
        let shared = common_prefix(previous, text);
        if !entries.is_empty() {
            entries.push(' ');
        }
        push_number(&mut entries, shared.encode_utf16().count() as u32);
        entries.push_str(&text[shared.len()..]);
        match key {
            Key::Stem { postings, .. } => {
                entries.push(':');
                entries.push_str(postings);
            }
            Key::Surface { text, stem } => match stem_of(text, stem) {
                StemOf::Prefix(n) => {
                    let _ = write!(entries, "={n}");
                }
                StemOf::Other(stem) => {
                    entries.push(';');
                    entries.push_str(stem);
                }
            },
        }
        previous = text;
    }
    format!(
        "rfcbookSearch.loaded(\"t-{n}\",{});\n",
        json_string(&entries)
    )
}

/// The longest common prefix of two keys, in whole characters.
fn common_prefix<'a>(a: &str, b: &'a str) -> &'a str {
    let end = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    // `end` is a boundary in `a` where the two agree on every character before it, so it
    // is one in `b` too.
    &b[..end]
}

/// One file per first character: its surface forms that typo and prefix matching may
/// reach, the most common first, as `word`, `word,N` (the stem is its first N UTF-16
/// units) or `word:stem`, separated by spaces. Words found once and outside any title are
/// mostly identifiers and numbers: they are kept only while the file is small.
pub(super) fn vocabulary_files<P: Sync>(words: &Words<P>) -> (String, Vec<OutputFile>) {
    let mut by_initial: BTreeMap<char, Vec<usize>> = BTreeMap::new();
    for (i, surface) in words.surfaces.iter().enumerate() {
        if let Some(c) = surface.chars().next() {
            by_initial.entry(c).or_default().push(i);
        }
    }
    let files: Vec<(char, OutputFile)> = by_initial
        .into_par_iter()
        .map(|(initial, mut members)| {
            members.sort_unstable_by(|&a, &b| {
                words.surface_df[b]
                    .cmp(&words.surface_df[a])
                    .then_with(|| words.surfaces[a].cmp(&words.surfaces[b]))
            });
            let mut list = String::new();
            for i in members {
                let surface = &words.surfaces[i];
                let common = words.surface_df[i] >= 2 || words.in_title[i];
                if !common && list.len() >= VOCABULARY_BYTES {
                    break;
                }
                list.push_str(if list.is_empty() { "" } else { " " });
                list.push_str(surface);
                let stem = words.stems[words.surface_stem[i] as usize].as_str();
                if stem != surface {
                    let _ = match stem_of(surface, stem) {
                        StemOf::Prefix(n) => write!(list, ",{n}"),
                        StemOf::Other(stem) => write!(list, ":{stem}"),
                    };
                }
            }
            let name = format!("v-{}", file_key(&initial.to_string()));
            let text = format!(
                "rfcbookSearch.loaded({},{});\n",
                json_string(&name),
                json_string(&list)
            );
            (
                initial,
                OutputFile {
                    path: format!("search/{name}.js"),
                    bytes: text.into_bytes(),
                },
            )
        })
        .collect();
    let initials = files.iter().map(|(c, _)| *c).collect();
    (initials, files.into_iter().map(|(_, f)| f).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The browser's decoder (search.js `numbers`), in Rust.
    fn decode(text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut n = 0;
        for b in text.bytes() {
            let d = DIGITS.iter().position(|&x| x == b).unwrap() as u32;
            if d >= BASE {
                n = n * BASE + (d - BASE);
            } else {
                out.push(n * BASE + d);
                n = 0;
            }
        }
        out
    }

    #[test]
    fn numbers_round_trip_without_json_escapes() {
        assert_eq!(DIGITS.len(), 2 * BASE as usize);
        assert!(!DIGITS.contains(&b'"') && !DIGITS.contains(&b'\\'));
        let numbers = [0, 1, 45, 46, 47, 2115, 2116, 99_999, u32::MAX];
        let mut text = String::new();
        for n in numbers {
            push_number(&mut text, n);
        }
        assert_eq!(decode(&text), numbers);
        assert_eq!(serde_json::to_string(&text).unwrap(), format!("\"{text}\""));
        let postings = posting_text(&Weighed {
            body_df: 5,
            title_df: 1,
            docs: vec![(3, 40, 0), (10, 5, 2), (4000, 1, 0)],
            rest: vec![7, 9],
        });
        assert_eq!(decode(&postings), [5, 1, 6, 3, 40, 7, 97, 3990, 1, 7, 2]);
    }

    #[test]
    fn dense_postings_are_a_bitmap() {
        // Every document but the weighed one: deltas of 1 would take a character each,
        // the bitmap one per six documents.
        let rest: Vec<u32> = (0..60).filter(|&d| d != 3).collect();
        let text = posting_text(&Weighed {
            body_df: 60,
            title_df: 0,
            docs: vec![(3, 10, 0)],
            rest,
        });
        let header = decode(&text[..6]);
        assert_eq!(header, [60, 0, 3, 3, 10]);
        let bitmap = &text[6..];
        assert_eq!(bitmap.len(), 10);
        let cells: Vec<usize> = bitmap
            .bytes()
            .map(|b| BITMAP.iter().position(|&x| x == b).unwrap())
            .collect();
        assert_eq!(cells[0], 0b11_0111);
        assert!(cells[1..].iter().all(|&c| c == 0b11_1111));
    }

    #[test]
    fn shards_are_front_coded() {
        let keys = [
            Key::Stem {
                text: "index",
                postings: "!!#",
            },
            Key::Surface {
                text: "indexes",
                stem: "index",
            },
            Key::Surface {
                text: "indices",
                stem: "indic",
            },
            Key::Surface {
                text: "inée",
                stem: "iné",
            },
            Key::Surface {
                text: "inéz",
                stem: "xyz",
            },
        ];
        assert_eq!(
            shard_text(7, &keys),
            "rfcbookSearch.loaded(\"t-7\",\"!index:!!# 'es=5 %ices=5 $ée=3 %z;xyz\");\n"
        );
    }

    #[test]
    fn bounds_are_the_shortest_separating_prefix() {
        assert_eq!(shortest_bound("abc", "abd"), "abd");
        assert_eq!(shortest_bound("abc", "b"), "b");
        assert_eq!(shortest_bound("abc", "bcd"), "b");
        assert_eq!(shortest_bound("ab", "abc"), "abc");
        // JavaScript order: U+FF21 sorts after an astral character's surrogates.
        assert_eq!(js_cmp("\u{ff21}", "\u{1f600}"), Ordering::Greater);
        assert_eq!("\u{ff21}".cmp("\u{1f600}"), Ordering::Less);
        assert!(!bytes_sort_as_js(["a", "\u{ff21}"].into_iter()));
        assert!(bytes_sort_as_js(
            ["a", "é", "検索", "\u{1f600}"].into_iter()
        ));
    }
}
