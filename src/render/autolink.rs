//! Bare URLs in prose made links, as GitHub shows them (GFM's extended autolinks): RFCs
//! are written and reviewed on GitHub, where `https://…` and `www.…` in a sentence are
//! links, and a reader of the site expects to follow them as there.

use std::ops::Range;

/// Where bare URLs are in `text`: `http://` and `https://` followed by a domain, and
/// `www.` domains, each ending before a space or `<`, without trailing punctuation,
/// unbalanced closing parentheses or a trailing entity-like `&name;`.
pub(crate) fn find(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !may_hold_url(text.as_bytes()) {
        return out;
    }
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &text[at..];
        // Compared as bytes: the next few bytes may end inside a character (`—`).
        let scheme = ["https://", "http://", "www."].into_iter().find(|s| {
            rest.len() > s.len() && rest.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
        });
        let starts = at == 0
            || matches!(
                bytes[at - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'*' | b'_' | b'~' | b'('
            );
        if let (Some(scheme), true) = (scheme, starts)
            && let Some(len) = url_len(rest, scheme)
        {
            out.push(at..at + len);
            at += len;
            continue;
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Whether `text` holds `://` or `www.`, which every URL [`find`] finds does. Most text
/// holds neither, and this runs on every text of every body: one pass for the two bytes
/// that start or end them (`:` and `.`) costs a fraction of two substring searches,
/// whose set-up dominates on the short texts a parser hands out.
fn may_hold_url(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b':', b'.', bytes).any(|i| {
        if bytes[i] == b':' {
            bytes[i + 1..].starts_with(b"//")
        } else {
            i >= 3 && &bytes[i - 3..i] == b"www"
        }
    })
}

/// Where a link found by [`find`] goes: `www.` ones over `http://`, as GitHub does.
pub(crate) fn href(url: &str) -> String {
    if url.len() >= 4 && url.as_bytes()[..4].eq_ignore_ascii_case(b"www.") {
        format!("http://{url}")
    } else {
        url.to_string()
    }
}

/// The length of the URL at the start of `rest`, which starts with `scheme`, or `None`
/// when no valid domain follows.
fn url_len(rest: &str, scheme: &str) -> Option<usize> {
    let after = &rest[scheme.len()..];
    let domain_len = after
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(after.len());
    let domain = &after[..domain_len];
    // A period, and no underscore in the last two parts (`localhost` and `a_b.c_d` are
    // not domains, as GFM says).
    let parts: Vec<&str> = domain.trim_end_matches('.').split('.').collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    if parts[parts.len() - 2..].iter().any(|p| p.contains('_')) {
        return None;
    }
    let end = after
        .find(|c: char| c.is_whitespace() || c == '<')
        .unwrap_or(after.len());
    let mut url = &rest[..scheme.len() + end];
    loop {
        let trimmed = url.trim_end_matches(['?', '!', '.', ',', ':', '*', '_', '~', '\'', '"']);
        let trimmed = if trimmed.ends_with(')')
            && trimmed.matches(')').count() > trimmed.matches('(').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        let trimmed = entity_at_end(trimmed).map_or(trimmed, |at| &trimmed[..at]);
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    // The domain itself must remain.
    (url.len() > scheme.len() + parts[0].len()).then_some(url.len())
}

/// Where `&name;` starts when `url` ends with one: GFM leaves it out of the link.
fn entity_at_end(url: &str) -> Option<usize> {
    let body = url.strip_suffix(';')?;
    let name_len = body
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let at = body.len() - name_len;
    (name_len > 0 && body[..at].ends_with('&')).then(|| at - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn the_quick_test_agrees_with_searching_for_both_markers() {
        for text in [
            "",
            ":",
            "://",
            "a:/",
            "a:/ /",
            "x://",
            "www",
            "www.",
            "ww.",
            ".www",
            "wwww.x",
            "WWW.x",
            "end.",
            "a: //",
            "é.www.",
            "—://",
            "no url here. none: at all",
        ] {
            assert_eq!(
                may_hold_url(text.as_bytes()),
                text.contains("://") || text.contains("www."),
                "{text:?}"
            );
        }
    }

    #[test]
    fn bare_urls_are_found_as_github_finds_them() {
        assert_eq!(
            links(
                "See https://github.com/a/b_c.md. Or www.example.com/x, then (https://x.org/a_(b))."
            ),
            [
                "https://github.com/a/b_c.md",
                "www.example.com/x",
                "https://x.org/a_(b)"
            ]
        );
        assert_eq!(
            links("https://x.com/?a=1&b=2&amp;"),
            ["https://x.com/?a=1&b=2"]
        );
        assert_eq!(links("https://x.com/a?"), ["https://x.com/a"]);
        assert_eq!(links("HTTPS://EXAMPLE.COM/"), ["HTTPS://EXAMPLE.COM/"]);
        assert_eq!(links("https://例え.jp/パス"), ["https://例え.jp/パス"]);
        // Text where the next few bytes end inside a character, before and after a URL.
        assert_eq!(
            links("revamp—and the http://rust-lang.org/ site—レ é"),
            ["http://rust-lang.org/"]
        );
        assert_eq!(
            links("オペレーション(https://github.com/a)"),
            ["https://github.com/a"]
        );
        assert_eq!(href("www.example.com"), "http://www.example.com");
        assert_eq!(href("https://x.org"), "https://x.org");
    }

    proptest::proptest! {
        /// Any text, in any script: no panic, and every link is a whole slice of it.
        #[test]
        fn any_text_is_read_without_panic(
            text in "((https?://|www\\.|[a-zé—レ. ()&;_:/]){0,12})*"
        ) {
            for range in find(&text) {
                proptest::prop_assert!(text.get(range.clone()).is_some(), "{range:?}");
            }
        }
    }

    #[test]
    fn what_is_not_a_url_is_left_alone() {
        for text in [
            "http://localhost/",
            "a://b.c",
            "xhttps://example.com",
            "www.",
            "https://a_b.c_d/",
            "https://.com",
            "see www.example",
            "",
            "plain words",
        ] {
            assert!(links(text).is_empty(), "{text}: {:?}", links(text));
        }
    }
}
