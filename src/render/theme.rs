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
    pub(crate) fn load(user: Option<&Path>) -> Result<Theme> {
        let mut files: Vec<(String, Vec<u8>, Option<PathBuf>)> = DEFAULT
            .iter()
            .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec(), None))
            .collect();
        if let Some(dir) = user {
            overlay(dir, &mut files)?;
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let mut templates = Vec::new();
        let mut statics = Vec::new();
        let mut hasher = crate::render::Fingerprint::default();
        for (name, bytes, origin) in files {
            hasher.add(name.as_bytes());
            hasher.add(&bytes);
            if let Some(template) = name.strip_prefix("templates/") {
                let text = String::from_utf8(bytes)
                    .map_err(|_| theme_error(&name, origin.as_deref(), "is not valid UTF-8"))?;
                templates.push((template.to_string(), text));
            } else if let Some(path) = name.strip_prefix("static/") {
                statics.push((path.to_string(), bytes));
            }
        }
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| Error::Theme {
                message: format!("the theme's templates do not compile: {e}"),
            })?;
        Ok(Theme {
            tera,
            statics,
            fingerprint: hasher.finish(),
        })
    }
}

/// Replaces defaults with the user's files of the same path and adds the others.
fn overlay(dir: &Path, files: &mut Vec<(String, Vec<u8>, Option<PathBuf>)>) -> Result<()> {
    if !dir.is_dir() {
        return Err(Error::Theme {
            message: format!("the theme folder {} does not exist", dir.display()),
        });
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
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
