//! Relative links between files of an archive: how a link written in an RFC resolves to
//! a path under the archive root. Validation checks the result; rendering rewrites it.

/// Whether a link leaves the archive: it has a URL scheme (`https:`, `mailto:`) or is
/// protocol-relative (`//host/…`).
pub(crate) fn is_external(dest: &str) -> bool {
    // `<ada@example.com>`, an email autolink, reaches here without its `mailto:`.
    let email = !dest.contains('/')
        && dest
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    email
        || dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// The link to write in `from` to reach `to` (both relative to the root, `/`
/// separators): what a help says to write, not where the file is.
pub(crate) fn link_between(from: &str, to: &str) -> String {
    let mut base: Vec<&str> = from.split('/').collect();
    base.pop();
    let target: Vec<&str> = to.split('/').collect();
    let shared = base
        .iter()
        .zip(&target)
        .take_while(|(a, b)| a == b)
        .count()
        .min(target.len().saturating_sub(1));
    let mut parts: Vec<&str> = vec![".."; base.len() - shared];
    parts.extend(&target[shared..]);
    parts.join("/")
}

/// The path a relative link from `from` (relative to the root, `/` separators) leads to,
/// or `None` when it climbs out of the archive root. A leading `/` means the archive root.
/// Plain string work: this runs for every link of every RFC.
pub(crate) fn resolve(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    if !link.starts_with('/') {
        parts.extend(from.split('/'));
        parts.pop();
    }
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// What a link's path (relative to the archive root) names on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnDisk {
    File,
    Folder,
    Missing,
    /// A symbolic link (of the path or a folder on it) that leads out of the archive: the
    /// site never publishes what it leads to (a pull request could point one at a secret of
    /// the machine that builds the site).
    Outside,
    /// A hidden file or a file in a hidden folder (`.git/config`, `.env`): where secrets
    /// live (CI keeps its token in `.git/config`), never published.
    Hidden,
    /// Neither a file nor a folder (a named pipe, a socket, a device): reading it could
    /// wait forever or never end, so it is not published.
    Special,
    /// A page or picture a browser would run script in if opened (`.html`, `.svg` with a
    /// `<script>` or an event handler): on the site's own address, it could do anything
    /// the site can, so it is not published.
    Active,
}

/// Looks `rel` up under `root`, following links only as far as they stay in the archive.
pub(crate) fn on_disk(root: &std::path::Path, rel: &str) -> OnDisk {
    if rel
        .split('/')
        .any(|part| part.starts_with('.') && part != "." && part != "..")
    {
        return OnDisk::Hidden;
    }
    let path = root.join(rel);
    let Ok(metadata) = std::fs::metadata(&path) else {
        return OnDisk::Missing;
    };
    let (inside, hidden) = match (path.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(root)) => (real.starts_with(&root), hidden_within(&real, &root)),
        _ => (false, false),
    };
    match (inside, metadata.is_dir()) {
        (false, _) => OnDisk::Outside,
        // `notes.txt` linked to `../.git/config`: the name is innocent, what it reads is not.
        (true, _) if hidden => OnDisk::Hidden,
        (true, true) => OnDisk::Folder,
        (true, false) if !metadata.is_file() => OnDisk::Special,
        (true, false) if crate::active::danger(&path).is_some() => OnDisk::Active,
        (true, false) => OnDisk::File,
    }
}

/// Whether `real`, a resolved path under `base`, passes through a hidden file or folder
/// on the way down from `base` (`.git/config`, `.env`): where a symbolic link really leads
/// is judged, not the name it was given.
pub(crate) fn hidden_within(real: &std::path::Path, base: &std::path::Path) -> bool {
    real.strip_prefix(base).is_ok_and(|rest| {
        rest.components()
            .any(|part| part.as_os_str().to_string_lossy().starts_with('.'))
    })
}

/// `%20` and friends in link paths, decoded as the browser would before asking for a file.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    // Hex digits are read as bytes: slicing the text after a `%` could cut a character
    // in two (`%aé`).
    let hex = |b: u8| char::from(b).to_digit(16);
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(&high), Some(&low)) = (bytes.get(i + 1), bytes.get(i + 2))
            && let (Some(high), Some(low)) = (hex(high), hex(low))
        {
            out.push((high * 16 + low) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The number of the RFC a link to a missing file means when its name is another that
/// links give the RFCs (`[rfc] link-names`, `eip-{id}.md` in the ERCs): `check` accepts
/// such a link, and the site leads it to the RFC's page (rfcs/0037).
pub(crate) fn named_otherwise(
    names: &[crate::naming::FileNamePattern],
    rel: &str,
) -> Option<crate::model::RfcId> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    names.iter().find_map(|pattern| pattern.id(name))
}

/// A linked name as the file it means: one without an extension (`./eip-150`, as GitHub's
/// web view lets authors write it) is the Markdown file.
pub(crate) fn as_markdown(name: &str) -> std::borrow::Cow<'_, str> {
    if name.contains('.') {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(format!("{name}.md"))
    }
}

/// The pattern of another series' name for a file (`eip-721.md` → `eip-{id}.md`): its
/// first run of digits is the number.
pub(crate) fn numbered_pattern(name: &str) -> String {
    let name = as_markdown(name);
    let Some(start) = name.find(|c: char| c.is_ascii_digit()) else {
        return name.into_owned();
    };
    let end = name[start..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(name.len(), |n| start + n);
    format!("{}{{id}}{}", &name[..start], &name[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The link a help says to write leads where it should, from any folder.
    #[test]
    fn a_link_between_two_files_resolves_to_the_second() {
        for (from, to, link) in [
            ("rfcs/0003-x.md", "rfcs/0001-a.md", "0001-a.md"),
            ("rfcs/2026/0003-x.md", "rfcs/0001-a.md", "../0001-a.md"),
            ("rfcs/0003-x.md", "rfcs/old/0001-a.md", "old/0001-a.md"),
            ("rfcs/a/0003-x.md", "rfcs/b/0001-a.md", "../b/0001-a.md"),
            ("0003-x.md", "0001-a.md", "0001-a.md"),
        ] {
            assert_eq!(link_between(from, to), link, "{from} → {to}");
            assert_eq!(resolve(from, link).as_deref(), Some(to));
        }
    }

    #[test]
    fn resolve_stays_inside_the_root() {
        let r = |from, link| resolve(from, link);
        assert_eq!(
            r("rfcs/0001-a.md", "0002-b.md").as_deref(),
            Some("rfcs/0002-b.md")
        );
        assert_eq!(
            r("rfcs/x/0001-a.md", "../0002-b.md").as_deref(),
            Some("rfcs/0002-b.md")
        );
        assert_eq!(
            r("rfcs/0001-a.md", "./y/../0002-b.md").as_deref(),
            Some("rfcs/0002-b.md")
        );
        assert_eq!(
            r("rfcs/0001-a.md", "/img/a.png").as_deref(),
            Some("img/a.png")
        );
        assert_eq!(r("rfcs/0001-a.md", "../../etc/passwd"), None);
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        // A character after `%` is no escape, and is not cut in two.
        assert_eq!(percent_decode("%aé"), "%aé");
        assert_eq!(percent_decode("x%e"), "x%e");
        assert_eq!(percent_decode("%C3%A9t%c3%a9"), "été");
    }

    #[test]
    fn schemes_are_external() {
        assert!(is_external("https://x"));
        assert!(is_external("mailto:a@b"));
        assert!(!is_external("0002-x.md"));
        assert!(!is_external("./a:b.md"));
    }
}
