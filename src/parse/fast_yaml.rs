//! A fast path for the front matter nearly every RFC has: flat `key: value` lines whose
//! values are plain or simply quoted scalars, or flow lists of them.
//!
//! Anything outside that subset (block lists, escapes, anchors, tags, comments after a
//! value, floats, …) returns `None`, and the caller hands the text to gray_matter, which
//! stays the reference: a property test checks that whenever this path answers, gray_matter
//! answers the same. It exists because YAML parsing was a quarter of `check` on a
//! 10,000-RFC archive (rfcs/0003).

use std::collections::HashMap;

use gray_matter::Pod;

/// The mapping, or `None` when the text is not in the subset.
pub(super) fn parse(yaml: &str) -> Option<Pod> {
    let mut map = HashMap::new();
    for line in yaml.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = key_value(line)?;
        let value = value_of(value)?;
        if map.insert(key.to_string(), value).is_some() {
            return None;
        }
    }
    Some(if map.is_empty() {
        Pod::Null
    } else {
        Pod::Hash(map)
    })
}

fn key_value(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    let key_ok = key
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let rest = &line[colon + 1..];
    if !key_ok || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.trim_matches(' ')))
}

fn value_of(value: &str) -> Option<Pod> {
    if value.contains('\t') {
        return None;
    }
    if let Some(inner) = value.strip_prefix('[') {
        return list(inner.strip_suffix(']')?);
    }
    scalar(value, false)
}

/// Items of a flow list: scalars separated by commas; quotes may hold commas.
fn list(inner: &str) -> Option<Pod> {
    let mut items = Vec::new();
    if inner.trim().is_empty() {
        return Some(Pod::Array(items));
    }
    let mut rest = inner;
    loop {
        let trimmed = rest.trim_start_matches(' ');
        let (item, after) = match trimmed.chars().next()? {
            q @ ('"' | '\'') => {
                let close = trimmed[1..].find(q)? + 1;
                trimmed.split_at(close + 1)
            }
            _ => match trimmed.find(',') {
                Some(i) => trimmed.split_at(i),
                None => (trimmed, ""),
            },
        };
        items.push(scalar(item.trim_end_matches(' '), true)?);
        let after = after.trim_start_matches(' ');
        if after.is_empty() {
            return Some(Pod::Array(items));
        }
        rest = after.strip_prefix(',')?;
        if rest.trim().is_empty() {
            return None;
        }
    }
}

fn scalar(text: &str, in_list: bool) -> Option<Pod> {
    if text.is_empty() {
        return if in_list { None } else { Some(Pod::Null) };
    }
    for q in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(q) {
            let inner = inner.strip_suffix(q)?;
            let plain_inside = !inner.contains(q) && !inner.contains('\\');
            return plain_inside.then(|| Pod::String(inner.to_string()));
        }
    }
    let first = text.bytes().next()?;
    if b"-?:,[]{}#&*!|>'\"%@`".contains(&first)
        || text.contains(": ")
        || text.ends_with(':')
        || text.contains(" #")
        || (in_list && text.contains([',', '[', ']', '{', '}']))
    {
        return integer(text);
    }
    Some(match text {
        "~" | "null" => Pod::Null,
        "true" | "True" | "TRUE" => Pod::Boolean(true),
        "false" | "False" | "FALSE" => Pod::Boolean(false),
        _ if text.starts_with("0x") || text.starts_with("0o") || text.starts_with('+') => {
            return None;
        }
        _ => match text.parse::<i64>() {
            Ok(n) => Pod::Integer(n),
            // Floats, `.inf` and friends: left to gray_matter.
            Err(_) if text.bytes().any(|b| b.is_ascii_digit()) && text.parse::<f64>().is_ok() => {
                return None;
            }
            Err(_) if text.starts_with('.') => return None,
            Err(_) => Pod::String(text.to_string()),
        },
    })
}

/// A leading `-` is only safe as a negative number.
fn integer(text: &str) -> Option<Pod> {
    (text.starts_with('-') && text.len() > 1 && text[1..].bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok().map(Pod::Integer))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gray_matter::engine::{Engine, YAML};
    use proptest::prelude::*;

    fn reference(yaml: &str) -> Option<Pod> {
        YAML::parse(yaml).ok()
    }

    #[test]
    fn the_common_shape_is_read() {
        let yaml = "title: Use PgBouncer: no\n";
        assert_eq!(parse(yaml), None);
        let yaml = "title: Use PgBouncer\nstatus: accepted\nauthors: [\"Ada, L <a@x>\", Bob]\ncreated: 2026-03-01\nsupersedes: [17, 18]\nid: 42\nempty:\n";
        let fast = parse(yaml).unwrap();
        assert_eq!(Some(fast), reference(yaml));
    }

    #[test]
    fn outside_the_subset_is_left_to_gray_matter() {
        for yaml in [
            "authors:\n  - Ada\n",
            "title: \"a \\\" b\"\n",
            "title: &a x\n",
            "title: x # comment\n",
            "n: 1.5\n",
            "n: .inf\n",
            "n: 0x10\n",
            "title: a\ntitle: b\n",
            "tags: [a, [b]]\n",
            "tags: [a,]\n",
            "'quoted': x\n",
        ] {
            assert_eq!(parse(yaml), None, "{yaml:?}");
        }
    }

    const PIECES: &[&str] = &[
        "x",
        "Use PgBouncer",
        "2026-03-01",
        "17",
        "-3",
        "0017",
        "true",
        "False",
        "null",
        "~",
        "a: b",
        "a:b",
        "http://x.y/z?q=1#f",
        "#x",
        "x #y",
        "\"q\"",
        "\"a, b\"",
        "'s'",
        "'it''s'",
        "\"e\\\"\"",
        "1.5",
        "1e3",
        ".inf",
        "0x1F",
        "+4",
        "[]",
        "[a]",
        "[a, b]",
        "[\"a, b\", c]",
        "[1, 2]",
        "[a,b]",
        "[ a ]",
        "[a, ]",
        "",
        "-",
        "- x",
        "*al",
        "&an x",
        "!t x",
        "@x",
        "`x`",
        "日本語",
        "Ada <a@x>",
        "[Ada <a@x>]",
        "x:",
        "%x",
        "?x",
        "a,b",
        "{a: 1}",
        "[{a: 1}]",
        "  x",
    ];
    const KEYS: &[&str] = &[
        "title",
        "status",
        "superseded-by",
        "a_b",
        "-x",
        "\"k\"",
        "k k",
        "1",
    ];

    #[test]
    fn every_piece_alone_agrees() {
        let mut answered = 0;
        for key in KEYS {
            for piece in PIECES {
                let yaml = format!("{key}: {piece}\n");
                if let Some(fast) = parse(&yaml) {
                    answered += 1;
                    assert_eq!(Some(fast), reference(&yaml), "{yaml:?}");
                }
            }
        }
        // The subset is not empty: most realistic values take the fast path.
        assert!(answered > 80, "{answered}");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn agrees_with_gray_matter_whenever_it_answers(
            lines in prop::collection::vec((0..KEYS.len(), 0..PIECES.len(), any::<bool>()), 0..6)
        ) {
            let yaml: String = lines
                .iter()
                .map(|&(k, v, crlf)| format!("{}: {}{}", KEYS[k], PIECES[v], if crlf { "\r\n" } else { "\n" }))
                .collect();
            if let Some(fast) = parse(&yaml) {
                prop_assert_eq!(Some(fast), reference(&yaml), "{:?}", yaml);
            }
        }
    }
}
