//! The theme: the default one embedded in the binary (so `cargo install` works anywhere),
//! overridden file by file by a user theme folder (`[output.html] theme`), mdBook-style.

use std::path::{Path, PathBuf};

use tera::Tera;

use crate::error::{Error, Result};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $name)))),*]
    };
}

/// Every file of the default theme, by its path inside the theme folder.
const DEFAULT: &[(&str, &str)] = embedded![
    "templates/base.html",
    "templates/index.html",
    "templates/rfc.html",
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

/// Templates ready to render, and the static files to publish.
pub(crate) struct Theme {
    pub tera: Tera,
    /// `(path under static/, bytes)`, sorted by path.
    pub statics: Vec<(String, Vec<u8>)>,
    /// Bytes of every template and static file, for the build fingerprint.
    pub fingerprint: u64,
}

impl Theme {
    /// The default theme, overlaid by the `user` theme folder if there is one. A symbolic
    /// link in that folder is followed if it leads into the archive (`root`) or the theme
    /// folder itself: a pull request could otherwise link a theme file to a secret of the
    /// machine that builds.
    pub(crate) fn load(user: Option<&Path>, root: &Path) -> Result<Theme> {
        let mut files: Vec<(String, Vec<u8>, Option<PathBuf>)> = DEFAULT
            .iter()
            .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec(), None))
            .collect();
        if let Some(dir) = user {
            overlay(dir, root, &mut files)?;
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let mut templates = Vec::new();
        // Where each of the user's templates is, as the user names it (`mytheme/templates/
        // rfc.html`): tera knows a template by its name under `templates/` only.
        let mut written: Vec<(String, String)> = Vec::new();
        let mut statics = Vec::new();
        let mut hasher = crate::render::Fingerprint::default();
        for (name, bytes, origin) in files {
            hasher.add(name.as_bytes());
            hasher.add(&bytes);
            if let Some(template) = name.strip_prefix("templates/") {
                let text = String::from_utf8(bytes)
                    .map_err(|_| theme_error(&name, origin.as_deref(), "is not valid UTF-8"))?;
                if let Some(origin) = &origin {
                    let shown = origin.strip_prefix(root).unwrap_or(origin);
                    written.push((template.to_string(), shown.display().to_string()));
                }
                templates.push((template.to_string(), text));
            } else if let Some(path) = name.strip_prefix("static/") {
                statics.push((path.to_string(), bytes));
            }
        }
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                let mut message = format!("the theme's templates do not compile: {e}");
                for (name, path) in &written {
                    message = message
                        .replace(&format!("--> {name}:"), &format!("--> {path}:"))
                        .replace(
                            &format!("Template '{name}'"),
                            &format!("Template '{name}' ({path})"),
                        );
                }
                Error::Theme { message }
            })?;
        Ok(Theme {
            tera,
            statics,
            fingerprint: hasher.finish(),
        })
    }
}

/// Replaces defaults with the user's files of the same path and adds the others.
fn overlay(
    dir: &Path,
    root: &Path,
    files: &mut Vec<(String, Vec<u8>, Option<PathBuf>)>,
) -> Result<()> {
    if !dir.is_dir() {
        return Err(Error::Theme {
            message: format!("the theme folder {} does not exist", dir.display()),
        });
    }
    let archive = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // A theme kept beside the archive (`theme = "../shared-theme"`) may link within itself.
    let theme = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut outside = None;
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let leads_out = e.path_is_symlink()
                && !e
                    .path()
                    .canonicalize()
                    .is_ok_and(|real| real.starts_with(&archive) || real.starts_with(&theme));
            if leads_out && outside.is_none() {
                outside = Some(e.path().to_path_buf());
            }
            !leads_out
        });
    for entry in walk {
        let entry = entry.map_err(|e| Error::Theme {
            message: format!("cannot read the theme folder {}: {e}", dir.display()),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let name = crate::discover::relative(dir, entry.path());
        if !(name.starts_with("templates/") || name.starts_with("static/")) {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io("read", entry.path(), e))?;
        match files.iter_mut().find(|(n, _, _)| *n == name) {
            Some(file) => *file = (name, bytes, Some(entry.into_path())),
            None => files.push((name, bytes, Some(entry.into_path()))),
        }
    }
    if let Some(link) = outside {
        return Err(Error::Theme {
            message: format!(
                "{} is a symbolic link that leads outside the archive ({}), or nowhere: a \
                 theme publishes only files of the archive; copy the file into the theme \
                 folder instead",
                link.display(),
                archive.display()
            ),
        });
    }
    Ok(())
}

fn theme_error(name: &str, origin: Option<&Path>, what: &str) -> Error {
    let shown = origin.map_or_else(
        || format!("the default theme's {name}"),
        |p| p.display().to_string(),
    );
    Error::Theme {
        message: format!("{shown} {what}"),
    }
}

#[cfg(test)]
mod tests {
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
