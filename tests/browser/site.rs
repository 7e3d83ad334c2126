//! The sites under test, built once per test process from `tests/fixtures/site/basic`
//! into Cargo's per-target temp folder, and the axe-core script.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/site/basic");
const WORK: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/browser");
const AXE_DEFAULT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/browser-deps/node_modules/axe-core/axe.min.js"
);

/// The fixture built with the default `site-url = "/"`, for opening from disk.
pub(crate) fn root_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| build(Path::new(FIXTURE), &Path::new(WORK).join("root-site")))
}

/// The fixture built with `site-url = "/docs/"`, for serving under that prefix.
pub(crate) fn docs_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let archive = Path::new(WORK).join("docs-archive");
        let _ = std::fs::remove_dir_all(&archive);
        copy_dir(Path::new(FIXTURE), &archive);
        let book = archive.join("book.toml");
        let mut toml = std::fs::read_to_string(&book).expect("the fixture's book.toml");
        toml.push_str("\n[output.html]\nsite-url = \"/docs/\"\n");
        std::fs::write(&book, toml).expect("writing book.toml");
        build(&archive, &Path::new(WORK).join("docs-site"))
    })
}

/// A `file://` URL for `page` of a site on disk.
pub(crate) fn file_url(site: &Path, page: &str) -> String {
    let path = site.join(page);
    let mut url = String::from("file://");
    for byte in path.to_str().expect("a UTF-8 path").bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// axe-core's browser bundle: `$AXE_CORE_JS`, else the copy `.ci/run` installs.
pub(crate) fn axe_source() -> String {
    let path = std::env::var("AXE_CORE_JS").unwrap_or_else(|_| AXE_DEFAULT.into());
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read axe-core from {path}: {e}\n\
             Install it with `npm install --no-save --prefix target/browser-deps axe-core@4` \
             (as .ci/run does), or point AXE_CORE_JS at an axe.min.js"
        )
    })
}

/// Builds `archive` into `out` (removed first) with today pinned; panics with the output
/// when the build fails.
pub(crate) fn build(archive: &Path, out: &Path) -> PathBuf {
    let _ = std::fs::remove_dir_all(out);
    let output = Command::new(env!("CARGO_BIN_EXE_rfcbook"))
        .arg("--root")
        .arg(archive)
        .arg("build")
        .arg("--out")
        .arg(out)
        .env("RFCBOOK_TODAY", "2026-11-26")
        .output()
        .expect("running rfcbook build");
    assert!(
        output.status.success(),
        "rfcbook build of {} failed ({}):\n{}{}",
        archive.display(),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    out.to_path_buf()
}

/// Copies a folder tree (an archive to modify, leaving the original as it is).
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("creating the archive copy");
    for entry in std::fs::read_dir(from).expect("reading the fixture") {
        let entry = entry.expect("a fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copying a fixture file");
        }
    }
}
