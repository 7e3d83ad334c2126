//! From a request's target to a file of the built site, and never to any other file: the
//! target's segments are decoded once each, `..` and hidden names are refused before the path is joined, and
//! the joined path, with symbolic links resolved, must still be inside the site's folder.

use std::path::{Path, PathBuf};

/// Where a target leads.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    /// A file inside the site's folder.
    File(PathBuf),
    /// A folder asked for without its final `/`: the same URL with it, so that the
    /// relative links of its index page resolve.
    Redirect(String),
    /// Nothing the site has (or something it will not show).
    NotFound,
    /// A target that does not decode to a path.
    BadRequest,
}

/// Resolves `target` (`/path?query`, as sent) against the site's folder `root`, which is
/// served under `prefix` (see [`crate::config::HtmlConfig::site_path`]).
pub(super) fn resolve(root: &Path, prefix: &str, target: &str) -> Resolved {
    let Some(rest) = target.strip_prefix(prefix.trim_end_matches('/')) else {
        return Resolved::NotFound;
    };
    // The prefix itself without its `/`, like any folder.
    if rest.is_empty() || rest.starts_with(['?', '#']) {
        return Resolved::Redirect(format!("{prefix}{rest}"));
    }
    if !rest.starts_with('/') {
        return Resolved::NotFound;
    }
    let target = rest;
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let mut file = root.to_path_buf();
    // The path without empty and `.` folders, for a redirect: `//static` must not become
    // `//static/`, which a browser reads as the host `static`.
    let mut clean = String::with_capacity(path.len());
    for raw in path.split('/') {
        let Some(segment) = percent_decode(raw) else {
            return Resolved::BadRequest;
        };
        if segment.contains(['\0', '\\']) {
            return Resolved::BadRequest;
        }
        if segment.is_empty() || segment == "." {
            continue;
        }
        // An encoded `/` is a character of a name, as static hosts read it, and no file
        // of a site has one in its name.
        if segment.contains('/') {
            return Resolved::NotFound;
        }
        // `..` would climb out; hidden names are the build's own (its marker, staging
        // folders) or a user's (.git), never pages.
        if segment.starts_with('.') {
            return Resolved::NotFound;
        }
        file.push(segment);
        clean.push('/');
        clean.push_str(raw);
    }
    if file.is_dir() {
        // Only to a page: a folder of the site without one (`/rfcs`) is not found here
        // rather than one redirect later.
        if !file.join("index.html").is_file() {
            return Resolved::NotFound;
        }
        if !path.ends_with('/') {
            let query = &target[path.len()..];
            let prefix = prefix.trim_end_matches('/');
            return Resolved::Redirect(format!("{prefix}{clean}/{query}"));
        }
        file.push("index.html");
    } else if path.ends_with('/') {
        // A page asked for as a folder (`/rfcs/0001-a.html/`): its relative links would
        // resolve one folder too deep, the page unstyled. Static hosts say 404.
        return Resolved::NotFound;
    }
    // Links inside the folder could point anywhere: what counts is where the file is.
    let (Ok(real), Ok(real_root)) = (file.canonicalize(), root.canonicalize()) else {
        return Resolved::NotFound;
    };
    if real.starts_with(&real_root) && real.is_file() {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

/// `%XX` escapes decoded; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The media type of a file of the site, by its extension; the feed the build writes is
/// Atom, which feed readers and browsers tell from other XML by this type.
pub(super) fn content_type(path: &Path) -> &'static str {
    if path.file_name().is_some_and(|n| n == "feed.xml") {
        return "application/atom+xml";
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        Some("otf") => "font/otf",
        Some("avif") => "image/avif",
        Some("webmanifest") => "application/manifest+json",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// An HTML page with `snippet` put before its closing `</body>` (or at its end).
pub(super) fn inject(mut html: Vec<u8>, snippet: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, snippet.bytes());
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("rfcs")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("rfcs/0001-a b.html"), "a").unwrap();
        std::fs::create_dir_all(root.join("tags")).unwrap();
        std::fs::write(root.join("tags/index.html"), "tags").unwrap();
        std::fs::write(root.join(".rfcbook-site"), "marker").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    #[test]
    fn files_and_folders_of_the_site() {
        let dir = site();
        let root = dir.path().join("site");
        let real = root.canonicalize().unwrap();
        let resolve = |root: &Path, target: &str| resolve(root, "/", target);
        assert_eq!(resolve(&root, "/"), Resolved::File(real.join("index.html")));
        assert_eq!(
            resolve(&root, "/rfcs/0001-a%20b.html?x=1#top"),
            Resolved::File(real.join("rfcs/0001-a b.html"))
        );
        assert_eq!(
            resolve(&root, "/tags?x=1"),
            Resolved::Redirect("/tags/?x=1".into())
        );
        // A folder without a page is not found, not sent on to a 404.
        assert_eq!(resolve(&root, "/rfcs"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/rfcs/"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/missing.html"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/index.html/"), Resolved::NotFound);
        assert_eq!(
            resolve(&root, "/rfcs/0001-a%20b.html/?x"),
            Resolved::NotFound
        );
        // Never `//tags/`: a browser reads that as the host `tags`.
        for target in ["//tags", "///tags", "/.//tags"] {
            assert_eq!(
                resolve(&root, target),
                Resolved::Redirect("/tags/".into()),
                "{target}"
            );
        }
    }

    #[test]
    fn a_site_under_a_prefix_is_served_there_only() {
        let dir = site();
        let root = dir.path().join("site");
        let real = root.canonicalize().unwrap();
        assert_eq!(
            resolve(&root, "/docs/", "/docs/"),
            Resolved::File(real.join("index.html"))
        );
        assert_eq!(
            resolve(&root, "/docs/", "/docs/tags?x"),
            Resolved::Redirect("/docs/tags/?x".into())
        );
        assert_eq!(
            resolve(&root, "/docs/", "/docs?x"),
            Resolved::Redirect("/docs/?x".into())
        );
        for target in [
            "/",
            "/index.html",
            "/docsx/index.html",
            "/docs/../docs/index.html",
        ] {
            assert_eq!(
                resolve(&root, "/docs/", target),
                Resolved::NotFound,
                "{target}"
            );
        }
    }

    #[test]
    fn nothing_outside_the_site_and_nothing_hidden() {
        let resolve = |root: &Path, target: &str| resolve(root, "/", target);
        let dir = site();
        let root = dir.path().join("site");
        for target in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/rfcs/%2E%2E/%2E%2E/secret.txt",
            "/.rfcbook-site",
            "/./.rfcbook-site",
            // An encoded `/` is part of a name, as a static host reads it.
            "/rfcs%2f0001-a%20b.html",
            "/rfcs%2F..%2F..%2Fsecret.txt",
        ] {
            assert_eq!(resolve(&root, target), Resolved::NotFound, "{target}");
        }
        for target in ["/%2", "/%zz", "/a%00b", "/..%5csecret.txt", "/%ff"] {
            assert_eq!(resolve(&root, target), Resolved::BadRequest, "{target}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_site_leads_nowhere() {
        let dir = site();
        let root = dir.path().join("site");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert_eq!(resolve(&root, "/", "/link.txt"), Resolved::NotFound);
    }

    #[test]
    fn the_snippet_goes_before_the_body_ends() {
        let page = inject(b"<html><body>x</BODY></html>".to_vec(), "<s>");
        assert_eq!(page, b"<html><body>x<s></BODY></html>");
        assert_eq!(inject(b"plain".to_vec(), "<s>"), b"plain<s>");
    }

    #[test]
    fn media_types() {
        assert_eq!(
            content_type(Path::new("a/b.HTML")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("feed.xml")), "application/atom+xml");
        assert_eq!(content_type(Path::new("sitemap.xml")), "application/xml");
        assert_eq!(content_type(Path::new("x")), "application/octet-stream");
    }
}
