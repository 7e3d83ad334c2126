//! The theme: the default one embedded in the binary (so `cargo install` works anywhere),
//! overridden file by file by a user theme folder (`[output.html] theme`), mdBook-style.

use std::path::{Path, PathBuf};

use tera::Tera;

use crate::error::{Error, Position, Result};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $name)))),*]
    };
}

/// The largest template a theme may have: the default theme's largest is a few kilobytes.
const MAX_TEMPLATE_BYTES: u64 = 4 << 20;
/// The largest static file (an image, a font) a theme may have.
const MAX_STATIC_BYTES: u64 = 64 << 20;

/// Every file of the default theme, by its path inside the theme folder.
const DEFAULT: &[(&str, &str)] = embedded![
    "templates/base.html",
    "templates/index.html",
    "templates/rfc.html",
    "templates/document.html",
    "templates/listing.html",
    "templates/terms.html",
    "templates/table.html",
    "templates/graph.html",
    "templates/404.html",
    "templates/search.html",
    "static/style.css",
    "static/app.js",
    "static/search.js",
];

/// The default theme's files, `(path in the theme folder, text)`: what `init --theme`
/// writes for a user to start a theme from.
pub(crate) fn default_files() -> &'static [(&'static str, &'static str)] {
    DEFAULT
}

/// Templates ready to render, and the static files to publish.
pub(crate) struct Theme {
    pub tera: Tera,
    /// `(path under static/, bytes)`, sorted by path.
    pub statics: Vec<(String, Vec<u8>)>,
    /// Bytes of every template and static file, for the build fingerprint.
    pub fingerprint: u64,
    /// Files of the user's theme that no page will use, with why: a misspelt template
    /// name or mdBook's layout (`index.hbs`, `css/`) would otherwise change nothing, silently.
    pub unused: Vec<String>,
    /// Where each of the user's templates is, as the user names it (`themes/acme/
    /// templates/rfc.html`): tera knows a template by its name under `templates/` only.
    origins: Vec<(String, String)>,
}

/// One file of the theme: its path inside the theme folder, its bytes, and where the
/// user's copy is (none for the default theme's).
type ThemeFile = (String, Vec<u8>, Option<PathBuf>);

impl Theme {
    /// The default theme, overlaid by the `user` theme folder if there is one. A symbolic
    /// link in that folder is followed if it leads into the archive (`root`) or the theme
    /// folder itself: a pull request could otherwise link a theme file to a secret of the
    /// machine that builds.
    pub(crate) fn load(user: Option<&Path>, root: &Path) -> Result<Theme> {
        let mut files: Vec<ThemeFile> = DEFAULT
            .iter()
            .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec(), None))
            .collect();
        let mut unused = Vec::new();
        if let Some(dir) = user {
            overlay(dir, root, &mut files, &mut unused)?;
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(crate::render::sanitize::escape_template_value);
        let mut templates = Vec::new();
        let mut origins: Vec<(String, String)> = Vec::new();
        let mut statics = Vec::new();
        let mut hasher = crate::render::Fingerprint::default();
        for (name, bytes, origin) in files {
            hasher.add(name.as_bytes());
            hasher.add(&bytes);
            if let Some(template) = name.strip_prefix("templates/") {
                let shown = origin.as_deref().map(|o| shown(root, o));
                let mut text = String::from_utf8(bytes).map_err(|e| {
                    let at = e.utf8_error().valid_up_to();
                    Error::Theme {
                        message: format!(
                            "{} is not valid UTF-8 (invalid byte at offset {at})",
                            shown.as_deref().unwrap_or(&name),
                        ),
                        help: "save the template as UTF-8; a file that is not a template (an image, a font) belongs in static/".into(),
                        place: shown.as_ref().map(|file| {
                            let l = crate::source::location_in_bytes(e.as_bytes(), at);
                            Position {
                                file: PathBuf::from(file),
                                line: l.line,
                                column: l.column,
                            }
                        }),
                    }
                })?;
                // Editors on Windows start files with a byte-order mark, which tera would
                // take for text before `{% extends %}`.
                if text.starts_with('\u{feff}') {
                    text.drain(..'\u{feff}'.len_utf8());
                }
                if let Some(shown) = shown {
                    origins.push((template.to_string(), shown));
                }
                templates.push((template.to_string(), text));
            } else if let Some(path) = name.strip_prefix("static/") {
                statics.push((path.to_string(), bytes));
            }
        }
        for (template, shown) in &origins {
            let quoted = [format!("\"{template}\""), format!("'{template}'")];
            let known = DEFAULT
                .iter()
                .any(|(n, _)| n.strip_prefix("templates/") == Some(template));
            let included = templates
                .iter()
                .any(|(_, text)| quoted.iter().any(|q| text.contains(q.as_str())));
            if !known && !included {
                unused.push(format!(
                    "{shown} is not used: no page is rendered with `{template}` and no template extends or includes it (the pages' templates are {})",
                    page_templates()
                ));
            }
        }
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                let text = e.to_string();
                Error::Theme {
                    help: help_for(&text, !origins.is_empty()),
                    message: format!(
                        "the theme's templates do not compile: {}",
                        where_in_theme(&origins, &text)
                    ),
                    place: place_in_theme(&origins, &e),
                }
            })?;
        Ok(Theme {
            tera,
            statics,
            fingerprint: hasher.finish(),
            unused,
            origins,
        })
    }

    /// A page that the theme failed to render: the message names the user's template
    /// file, not tera's name for it.
    pub(crate) fn render_error(&self, page: &str, template: &str, e: &tera::Error) -> Error {
        let text = e.to_string();
        Error::Theme {
            help: help_for(&text, !self.origins.is_empty()),
            message: format!(
                "rendering {page} with {} failed: {}",
                self.origins
                    .iter()
                    .find(|(name, _)| name == template)
                    .map_or(template, |(_, path)| path.as_str()),
                where_in_theme(&self.origins, &text)
            ),
            place: place_in_theme(&self.origins, e),
        }
    }
}

/// A theme file as a whole, for an error about the file rather than a place in it.
fn whole_file(shown: String) -> Position {
    Position {
        file: PathBuf::from(shown),
        line: 1,
        column: 1,
    }
}

/// Where in the user's theme tera's error is: the template, named as the user's file,
/// and the 1-based line and column of the mistake. None where tera gives no place (a
/// circular extend), or the place is in the default theme, which is no file of the user's.
fn place_in_theme(origins: &[(String, String)], e: &tera::Error) -> Option<Position> {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => r,
        _ => return None,
    };
    let (_, file) = origins.iter().find(|(name, _)| name == report.filename())?;
    let span = report.span();
    Some(Position {
        file: PathBuf::from(file),
        line: span.start_line,
        // tera counts columns from 0, and its message from 1, as every diagnostic here.
        column: span.start_col + 1,
    })
}

/// The path of a theme file as the user would write it: from the archive root.
fn shown(root: &Path, path: &Path) -> String {
    crate::discover::relative(root, path)
}

/// The templates pages are rendered with, for messages.
fn page_templates() -> String {
    DEFAULT
        .iter()
        .filter_map(|(n, _)| n.strip_prefix("templates/"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// tera's message with the user's files named where tera names its templates.
fn where_in_theme(origins: &[(String, String)], text: &str) -> String {
    let mut text = trim_long_lines(text.trim_start_matches("error: "));
    for (name, path) in origins {
        text = text.replace(&format!("--> {name}:"), &format!("--> {path}:"));
        // "note: called from rfc.html:3:12", the page's template that included it.
        text = text.replace(&format!("from {name}:"), &format!("from {path}:"));
        // "Template 'rfc.html' …", and "Circular extend detected for template 'rfc.html'".
        for word in ["Template", "template"] {
            text = text.replace(
                &format!("{word} '{name}'"),
                &format!("{word} '{name}' ({path})"),
            );
        }
    }
    text
}

/// The longest source line an error shows whole; a longer one (a minified template) is
/// shown around its caret, as rustc does: the whole of it was 60 KB of terminal.
const LONGEST_LINE: usize = 200;

/// tera's report with each long source line cut to the part around its caret (`1 | …`
/// followed by `  |    ^^^`), marked `...` where it was cut.
fn trim_long_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len().min(4096));
    let mut skip_caret = false;
    for (i, line) in lines.iter().enumerate() {
        if skip_caret {
            skip_caret = false;
            continue;
        }
        let Some((gutter, source)) = line.split_once(" | ").filter(|_| line.len() > LONGEST_LINE)
        else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let caret = lines.get(i + 1).and_then(|next| {
            let (g, marks) = next.split_once(" | ")?;
            let at = marks.find('^')?;
            (g.trim().is_empty() && marks[..at].trim().is_empty())
                .then(|| (at, marks[at..].trim_end().len()))
        });
        let chars: Vec<char> = source.chars().collect();
        // A caret may stand just past the line's end (an unclosed tag at its end).
        let (at, len) = caret.map_or((0, 0), |(at, len)| (at.min(chars.len()), len.max(1)));
        let from = at.saturating_sub(LONGEST_LINE / 3);
        let to = (at + len + LONGEST_LINE / 3).min(chars.len()).max(at);
        let head = if from > 0 { "..." } else { "" };
        let tail = if to < chars.len() { "..." } else { "" };
        let shown: String = chars[from..to].iter().collect();
        out.push_str(&format!("{gutter} | {head}{shown}{tail}\n"));
        if caret.is_some() {
            let pad = " ".repeat(gutter.len());
            let marks = " ".repeat(head.len() + at - from) + &"^".repeat(len.min(to - at).max(1));
            out.push_str(&format!("{pad} | {marks}\n"));
            skip_caret = true;
        }
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// The help line for a template error: what the user's templates must provide when a
/// default template relies on it, and where to read the default theme.
fn help_for(text: &str, has_user_templates: bool) -> String {
    let compare = "the default theme to compare with is written by `rfcbook init --theme /tmp/rfcbook-default` (a new archive there, its theme in themes/custom/)";
    if text.contains("Block `") && text.contains("is not defined") {
        format!(
            "a base.html of your own must define every block the pages fill: {{% block title %}}, {{% block head %}}, {{% block content %}} and {{% block footer %}} (they may be empty); {compare}"
        )
    } else if has_user_templates {
        format!("fix the template at the place named above; {compare}")
    } else {
        "this is the default theme: please report it as a bug in rfcbook".into()
    }
}

/// Whether a file in a theme folder is an editor's or system's and not the theme's: hidden
/// files (`.DS_Store`, vim's `.rfc.html.swp`), backups (`rfc.html~`) and Emacs' lock and
/// autosave files (`#rfc.html#`). They would be compiled as templates or published.
fn is_incidental(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    // Editors' and merge tools' copies beside the real file (`rfc.html.orig` left by a
    // merge would otherwise be compiled, and fail the build while unused).
    const COPIES: [&str; 6] = [".orig", ".bak", ".rej", ".tmp", ".swp", ".swo"];
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || COPIES.iter().any(|suffix| name.ends_with(suffix))
}

/// Replaces defaults with the user's files of the same path and adds the others; files
/// outside `templates/` and `static/` are noted in `unused`.
fn overlay(
    dir: &Path,
    root: &Path,
    files: &mut Vec<ThemeFile>,
    unused: &mut Vec<String>,
) -> Result<()> {
    let archive = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // A theme kept beside the archive (`theme = "../shared-theme"`) may link within itself.
    let theme = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut outside = None;
    let mut skipped = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_incidental(e.file_name()) {
                return false;
            }
            // Only templates/ and static/ are read: another folder (mdBook's css/) is
            // named as unused, not walked.
            if e.depth() == 1
                && e.file_type().is_dir()
                && !matches!(e.file_name().to_str(), Some("templates" | "static"))
            {
                skipped.push(format!(
                    "{}/ is not used: a theme has templates/ (tera templates) and static/ (files published under static/)",
                    shown(root, e.path())
                ));
                return false;
            }
            // Where a link really leads is judged, and a hidden file or folder there
            // (`static/notes.txt` linked to `.git/config`, where CI keeps its token) is
            // never published.
            if !e.path_is_symlink() {
                return true;
            }
            let leads = match e.path().canonicalize() {
                Ok(real) => {
                    let base = if real.starts_with(&theme) {
                        &theme
                    } else {
                        &archive
                    };
                    if !real.starts_with(base) {
                        Some(Leads::Out)
                    } else if crate::link::hidden_within(&real, base) {
                        Some(Leads::Hidden)
                    } else {
                        None
                    }
                }
                Err(_) => Some(Leads::Out),
            };
            if let Some(leads) = leads
                && outside.is_none()
            {
                outside = Some((e.path().to_path_buf(), leads));
            }
            leads.is_none()
        });
    for entry in walk {
        let entry = entry.map_err(|e| Error::Theme {
            message: format!("cannot read the theme folder {}: {e}", shown(root, dir)),
            help: "a symbolic link in the theme folder leads to itself or cannot be read: remove it, or copy the file it stands for".into(),
            place: None,
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let name = crate::discover::relative(dir, entry.path());
        if !(name.starts_with("templates/") || name.starts_with("static/")) {
            unused.push(format!(
                "{} is not used: a theme has templates/ (tera templates) and static/ (files published under static/)",
                shown(root, entry.path())
            ));
            continue;
        }
        // Every file is held for the whole build: one of gigabytes (a file saved into the
        // wrong folder) would exhaust memory before an error could say so. The size is
        // judged as the file is read, so a file that grows meanwhile is caught too.
        let template = name.starts_with("templates/");
        let limit = if template {
            MAX_TEMPLATE_BYTES
        } else {
            MAX_STATIC_BYTES
        };
        let bytes = crate::config::read_regular(entry.path(), limit).map_err(|e| {
            let too_large = e.kind() == std::io::ErrorKind::InvalidInput
                && e.to_string().contains("larger than");
            if too_large {
                Error::Theme {
                    message: format!(
                        "{} is larger than {} MiB, too large for a {}",
                        shown(root, entry.path()),
                        limit >> 20,
                        if template { "template" } else { "theme file" }
                    ),
                    help: if template {
                        "a template is text that pages are made from: move a large file (an image, a font, data) into static/".into()
                    } else {
                        "a theme's static files are published with every site: make the file smaller, or host it elsewhere and link to it".into()
                    },
                    place: Some(whole_file(shown(root, entry.path()))),
                }
            } else {
                Error::io("read", entry.path(), e)
            }
        })?;
        match files.iter_mut().find(|(n, _, _)| *n == name) {
            Some(file) => *file = (name, bytes, Some(entry.into_path())),
            None => files.push((name, bytes, Some(entry.into_path()))),
        }
    }
    unused.append(&mut skipped);
    match outside {
        Some((link, Leads::Out)) => Err(Error::Theme {
            message: format!(
                "{} is a symbolic link that leads outside the archive ({}), or nowhere",
                shown(root, &link),
                archive.display()
            ),
            help: "a theme publishes only files of the archive: copy the file into the theme folder instead".into(),
            place: Some(whole_file(shown(root, &link))),
        }),
        Some((link, Leads::Hidden)) => Err(Error::Theme {
            message: format!(
                "{} is a symbolic link to a hidden file or folder, which a theme never publishes",
                shown(root, &link)
            ),
            help: "hidden files and folders (.git, .env) are where secrets live (CI keeps its token in .git/config): copy the file into the theme folder instead".into(),
            place: Some(whole_file(shown(root, &link))),
        }),
        None => Ok(()),
    }
}

/// Where a symbolic link in a theme leads that the theme may not publish.
#[derive(Clone, Copy)]
enum Leads {
    /// Out of the archive and the theme folder, or nowhere.
    Out,
    /// Into a hidden file or folder (`.git/config`).
    Hidden,
}

#[cfg(test)]
mod tests {
    use super::trim_long_lines;

    /// A long source line is shown around its caret, which stays under what it marks;
    /// short lines and the rest of the report are left as they are.
    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = format!("{}{{{{ nope }}}}{}", "x".repeat(5000), "y".repeat(5000));
        let caret = format!("{}^^^^", " ".repeat(5003));
        let report =
            format!("error: bad\n --> t.html:1:5004\n  |\n1 | {line}\n  | {caret}\nshort | line\n");
        let cut = trim_long_lines(&report);
        assert!(cut.len() < 600, "{cut}");
        let lines: Vec<&str> = cut.lines().collect();
        assert_eq!(lines[..3], ["error: bad", " --> t.html:1:5004", "  |"]);
        assert!(
            lines[3].starts_with("1 | ...x") && lines[3].ends_with("y..."),
            "{cut}"
        );
        let at = lines[4].find('^').unwrap();
        assert_eq!(&lines[3][at..at + 4], "nope", "{cut}");
        assert_eq!(lines[5], "short | line");
        // A caret just past the end of the line keeps its mark.
        let report = format!("1 | {}\n  | {}^\n", "a".repeat(300), " ".repeat(300));
        let cut = trim_long_lines(&report);
        assert!(
            cut.lines().nth(1).is_some_and(|l| l.ends_with('^')),
            "{cut}"
        );
    }

    use super::*;

    /// Browsers from before `light-dark()` read the light palette from an `@supports`
    /// block, which must name every colour of the palette with its light value.
    #[test]
    fn the_fallback_palette_is_the_light_palette() {
        let css = DEFAULT
            .iter()
            .find(|(name, _)| *name == "static/style.css")
            .map(|(_, text)| *text)
            .unwrap();
        let (_, after) = css.split_once("@supports not (color: light-dark(").unwrap();
        let fallback = after.split_once('{').unwrap().1.split('}').next().unwrap();
        let mut colours = 0;
        for line in css.lines() {
            let Some((name, value)) = line.trim().split_once(": light-dark(") else {
                continue;
            };
            if !name.starts_with("--") {
                continue;
            }
            let light = value.split(',').next().unwrap();
            assert!(
                fallback.contains(&format!("{name}: {light};")),
                "{name} is missing from the fallback: {fallback}"
            );
            colours += 1;
        }
        assert!(colours >= 19, "{colours}");
        assert_eq!(fallback.matches(": #").count(), colours, "{fallback}");
    }
}
