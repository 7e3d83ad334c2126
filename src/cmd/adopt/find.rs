//! Where the records are: the folder with the most numbered Markdown files, how they
//! are named, and which of its files and subfolders are not records.

use std::collections::BTreeMap;
use std::path::Path;

use super::Records;

/// The folder under `dir`, or `dir` itself (`.`), four levels at most (a monorepo's
/// `packages/web/docs/adr`, as log4brains keeps its own), not hidden, not `rfcs`, with
/// the most numbered Markdown files, when it has two or more (or one, in a folder named
/// for records).
pub(in crate::cmd) fn find(dir: &Path) -> Option<Records> {
    let mut found: Vec<Records> = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .max_depth(4)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            // rfcbook's own folders at the top; what package managers and builds write
            // anywhere (a package's `node_modules` holds thousands of folders, and
            // numbered Markdown files of other projects).
            let ours = ["rfcs", "site", "themes"];
            let built = ["target", "node_modules", "vendor"];
            // The folder itself may be the records' (init or check run inside `doc/adr`).
            e.depth() == 0
                || !(name.starts_with('.')
                    || e.depth() == 1 && ours.contains(&&*name)
                    || built.contains(&&*name))
        });
    for entry in walk
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_dir())
    {
        let Ok(read) = std::fs::read_dir(entry.path()) else {
            continue;
        };
        // Per way of naming (text before the number, slug or not): how many files, how
        // many start with front matter, and the fewest digits written (`eip-1.md`).
        let mut named: BTreeMap<(String, Option<char>), (usize, usize, usize)> = BTreeMap::new();
        let mut not_records = Vec::new();
        let mut templates: Vec<String> = Vec::new();
        for file in read.filter_map(|f| f.ok()) {
            let name = file.file_name().to_string_lossy().into_owned();
            // `.MD` too: `check` reads such a file, and says to rename it.
            let Some(stem) = name
                .len()
                .checked_sub(3)
                .filter(|&at| name.is_char_boundary(at) && name[at..].eq_ignore_ascii_case(".md"))
                .map(|at| &name[..at])
            else {
                continue;
            };
            let prefix: String = stem.chars().take_while(|c| !c.is_ascii_digit()).collect();
            let number: String = stem[prefix.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let digits = number.len();
            // A template has no number of its own (`ADRXXX-template.md`, `0000-template.md`);
            // `template.md` is never read as an RFC. A record about templates
            // (`0012-adr-template-policy.md`) is a record. `index.md` is the page a site
            // generator makes of the folder (log4brains, MADR's Jekyll).
            // `Template.md` is one too: only `template.md` is where `new` looks by itself.
            let template = stem.to_ascii_lowercase().contains("template")
                && name != "template.md"
                && number.chars().all(|c| c == '0');
            if template {
                templates.push(name.clone());
                continue;
            }
            if name == "index.md" {
                not_records.push(name.clone());
                continue;
            }
            let letters = prefix
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_');
            if digits > 0 && prefix.len() <= 8 && letters {
                let after = &stem[prefix.len() + digits..];
                let separator = after
                    .chars()
                    .next()
                    .filter(|c| after.len() > 1 && matches!(c, '-' | '_'));
                // Front matter opens the file, after a byte-order mark if there is one.
                let mut head = [0u8; 6];
                let read = std::fs::File::open(file.path())
                    .and_then(|mut f| std::io::Read::read(&mut f, &mut head));
                let head = read.map_or(&[][..], |n| &head[..n]);
                let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
                let entry = named.entry((prefix, separator)).or_insert((0, 0, digits));
                entry.0 += 1;
                entry.1 += usize::from(head.starts_with(b"---"));
                entry.2 = entry.2.min(digits);
            }
        }
        let Some(((prefix, separator), (count, fronted, digits))) =
            named.into_iter().max_by_key(|(_, (n, _, _))| *n)
        else {
            continue;
        };
        // One record is enough in a folder named for records: `adr init` writes just
        // `doc/adr/0001-record-architecture-decisions.md`.
        let folder_name = entry.file_name().to_string_lossy().to_ascii_lowercase();
        let records_folder = ["adr", "decision", "rfc"]
            .iter()
            .any(|word| folder_name.contains(word));
        let enough = count >= 2 || (count == 1 && separator.is_some() && records_folder);
        if enough {
            let folder = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let mut folder = folder.to_string_lossy().into_owned();
            if cfg!(windows) {
                folder = folder.replace('\\', "/");
            }
            if folder.is_empty() {
                folder = ".".to_string();
            }
            // The team's template is the fullest of them: MADR keeps `adr-template.md`
            // beside `adr-template-minimal.md`; the others are only not records.
            templates.sort_by_key(|t| (t.len(), t.clone()));
            let mut templates = templates.into_iter();
            let template = templates.next();
            not_records.extend(templates);
            not_records.sort();
            found.push(Records {
                folder,
                count,
                prefix,
                digits,
                separator,
                in_body: fronted * 2 < count,
                template,
                not_records,
                others: Vec::new(),
            });
        }
    }
    // The most records; of as many, the first in file-name order.
    found.sort_by_key(|r| std::cmp::Reverse(r.count));
    let mut found = found.into_iter();
    let mut best = found.next()?;
    best.others = found.map(|r| (r.place(), r.count)).collect();
    best.not_records
        .extend(parts_folders(&dir.join(&best.folder)));
    Some(best)
}

/// Subfolders of the records' folder with Markdown files none of which is numbered: the
/// parts or translations of one record (the Rust RFCs' `3392-leadership-council/`), not
/// records, as `exclude` patterns (`3392-leadership-council/**`).
fn parts_folders(folder: &Path) -> Vec<String> {
    let Ok(read) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut parts: Vec<String> = read
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|sub| {
            let name = sub.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            let files: Vec<String> = walkdir::WalkDir::new(sub.path())
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_file())
                .map(|e| e.file_name().to_string_lossy().to_ascii_lowercase())
                .filter(|n| n.ends_with(".md"))
                .collect();
            let numbered = files.iter().any(|n| {
                let stem = n.trim_end_matches(".md");
                let digits = stem.trim_start_matches(|c: char| !c.is_ascii_digit());
                digits.starts_with(|c: char| c.is_ascii_digit()) && stem.len() - digits.len() <= 8
            });
            (!files.is_empty() && !numbered).then(|| format!("{name}/**"))
        })
        .collect();
    parts.sort();
    parts
}
