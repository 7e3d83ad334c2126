//! Machine-readable outputs: `rfcs.json` (CONTRACT §6), the Atom feed and the sitemap.

use std::fmt::Write;

use serde::Serialize;

use super::Summary;
use super::sanitize::escape_attribute;

/// Text for an XML document: escaped, and with the characters XML 1.0 forbids (controls
/// other than tab, newline and return; U+FFFE and U+FFFF) made U+FFFD. YAML lets a title
/// hold `"\x0b"`, and one such character would make the whole feed unreadable. XML also
/// forbids the form feed, which HTML allows, so this is not `forbidden_in_html` (which
/// `escape_attribute` applies after).
fn esc(text: &str) -> String {
    let allowed = |c: char| {
        !matches!(
            c,
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'
        )
    };
    if text.chars().all(allowed) {
        escape_attribute(text)
    } else {
        let cleaned: String = text
            .chars()
            .map(|c| if allowed(c) { c } else { '\u{fffd}' })
            .collect();
        escape_attribute(&cleaned)
    }
}

/// One entry of `rfcs.json`, exactly the contract's shape.
#[derive(Serialize)]
pub(crate) struct JsonEntry<'a> {
    pub id: Option<u32>,
    pub title: &'a str,
    pub status: &'a str,
    /// As the front matter writes them (`Ada Lovelace <ada@example.com>`): the pages show
    /// names, a program reading the archive may want to write to its authors.
    pub authors: Vec<&'a str>,
    pub created: Option<&'a str>,
    pub decided: Option<&'a str>,
    pub tags: &'a [String],
    pub supersedes: Vec<u32>,
    pub superseded_by: Option<u32>,
    pub related: Vec<u32>,
    pub url: &'a str,
    pub sections: JsonSections,
}

#[derive(Serialize)]
pub(crate) struct JsonSections {
    pub problem: bool,
    pub approach: bool,
    pub alternatives: bool,
    pub rationale: bool,
}

pub(crate) fn rfcs_json(entries: &[JsonEntry<'_>]) -> Vec<u8> {
    // One entry per line: compact, yet a diff of two builds stays readable.
    let mut out = b"[\n".to_vec();
    for (i, entry) in entries.iter().enumerate() {
        out.extend(serde_json::to_vec(entry).unwrap_or_default());
        out.extend_from_slice(if i + 1 < entries.len() { b",\n" } else { b"\n" });
    }
    out.push(b']');
    out.push(b'\n');
    out
}

/// An absolute URL when `site-url` is one, else a path under it.
pub(crate) fn absolute(site_url: &str, path: &str) -> String {
    format!("{}/{}", site_url.trim_end_matches('/'), path)
}

/// Atom 1.0: the 50 most recently changed RFCs (by updated, decided or created date).
pub(crate) fn atom(
    title: &str,
    book_authors: &[String],
    site_url: &str,
    summaries: &[&Summary],
    generator: &str,
    today: &str,
) -> Vec<u8> {
    let mut entries: Vec<&&Summary> = summaries.iter().filter(|s| s.changed.is_some()).collect();
    entries.sort_by(|a, b| b.changed.cmp(&a.changed).then(a.id.cmp(&b.id)));
    entries.truncate(50);
    let updated = entries
        .first()
        .and_then(|s| s.changed.as_deref())
        // No RFC has a date: the feed is as new as the build (Atom needs some date).
        .unwrap_or(today);
    let feed_id = if site_url.contains("://") {
        absolute(site_url, "")
    } else {
        format!("urn:rfcbook:{}", url_token(title))
    };
    let mut x = String::new();
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{}</title>\n  <id>{}</id>\n  <updated>{updated}T00:00:00Z</updated>\n  <link rel=\"alternate\" href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <generator>{}</generator>\n",
        esc(title),
        esc(&feed_id),
        esc(&absolute(site_url, "index.html")),
        esc(&absolute(site_url, "feed.xml")),
        esc(generator),
    );
    for s in entries {
        let url = absolute(site_url, &s.url);
        let id = if site_url.contains("://") {
            url.clone()
        } else {
            // The page, not the number: numbers may repeat (log4brains' dates), ids may not.
            format!("{feed_id}:{}", s.page)
        };
        let _ = write!(
            x,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <updated>{}T00:00:00Z</updated>\n    <link rel=\"alternate\" href=\"{}\"/>\n",
            esc(&s.heading()),
            esc(&id),
            s.changed.as_deref().unwrap_or(updated),
            esc(&url),
        );
        // Atom wants an author for every entry: an RFC without one is the book's.
        let authors = if s.authors.is_empty() {
            book_authors
        } else {
            &s.authors
        };
        for author in authors {
            let _ = writeln!(x, "    <author><name>{}</name></author>", esc(author));
        }
        if authors.is_empty() {
            x.push_str("    <author><name>unknown</name></author>\n");
        }
        let _ = write!(
            x,
            "    <summary>Status: {}</summary>\n  </entry>\n",
            esc(&s.status)
        );
    }
    x.push_str("</feed>\n");
    x.into_bytes()
}

/// The book's title as the feed's id when `site-url` gives no address: ASCII letters and
/// digits in lower case, other ASCII as `-`, and any other character percent-encoded, so
/// that titles in other scripts (`设计决策`, `記録一覧`) or with accents (`Décisions`) are
/// not all one id of dashes.
fn url_token(text: &str) -> String {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            c if c.is_ascii() => '-',
            c => c,
        })
        .collect();
    super::markdown::url_path(&ascii)
}

/// The most URLs one sitemap may list (sitemaps.org); more are split over several files
/// that `sitemap.xml` indexes.
const SITEMAP_URLS: usize = 50_000;

/// sitemaps.org: every page, given by its path from the site root, percent-encoded, and
/// absolute when `site-url` is (crawlers need it to be; without a host there is none to
/// give, and the contract lists the file, so it has the site's paths). `sitemap.xml` lists
/// the pages, or past [`SITEMAP_URLS`] of them indexes `sitemap-1.xml`, `sitemap-2.xml`, …
/// that do.
pub(crate) fn sitemaps(
    site_url: &str,
    pages: &[(String, Option<String>)],
) -> Vec<(String, Vec<u8>)> {
    let urlset = |pages: &[(String, Option<String>)]| {
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (path, lastmod) in pages {
            let _ = write!(x, "  <url><loc>{}</loc>", esc(&absolute(site_url, path)));
            if let Some(date) = lastmod {
                let _ = write!(x, "<lastmod>{date}</lastmod>");
            }
            x.push_str("</url>\n");
        }
        x.push_str("</urlset>\n");
        x.into_bytes()
    };
    if pages.len() <= SITEMAP_URLS {
        return vec![("sitemap.xml".to_string(), urlset(pages))];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::new();
    for (n, chunk) in pages.chunks(SITEMAP_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            esc(&absolute(site_url, &name))
        );
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".to_string(), index.into_bytes()));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_ids_of_titles_in_any_script_differ() {
        assert_eq!(url_token("Engineering RFCs"), "engineering-rfcs");
        assert_eq!(url_token("Décisions"), "d%C3%A9cisions");
        assert_ne!(url_token("Décisions"), url_token("D cisions"));
        assert_ne!(url_token("设计决策"), url_token("記録一覧"));
    }

    /// Past 50,000 pages, `sitemap.xml` is an index of sitemaps of at most 50,000 each.
    #[test]
    fn a_large_site_gets_a_sitemap_index() {
        let pages: Vec<(String, Option<String>)> = (0..50_001)
            .map(|n| (format!("rfcs/{n}.html"), None))
            .collect();
        let files = sitemaps("https://x.example/", &pages);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        let index = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://x.example/sitemap-2.xml</loc>"));
        let count = |bytes: &[u8]| String::from_utf8_lossy(bytes).matches("<url>").count();
        assert_eq!(count(&files[1].1), 50_000);
        assert_eq!(count(&files[2].1), 1);
        assert_eq!(sitemaps("https://x.example/", &pages[..3]).len(), 1);
    }
}
