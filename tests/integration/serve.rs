//! `rfcbook serve`: the real binary on a free port, spoken to over raw TCP, so that what a
//! browser could send (`..`, escapes, other methods) reaches the server as sent.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Archive, TODAY, fixtures};

/// A running `rfcbook serve`, stopped when dropped.
struct Served {
    child: Child,
    /// `127.0.0.1:PORT`, from the line the command prints.
    address: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(archive: &Archive, extra: &[&str]) -> Served {
    serve_with(archive, extra, Command::new(env!("CARGO_BIN_EXE_rfcbook")))
}

fn serve_with(archive: &Archive, extra: &[&str], command: Command) -> Served {
    serve_in(archive.path(), extra, command)
}

/// `serve` started in `dir`, without `--root`: the archive is found from there.
fn serve_in(dir: &std::path::Path, extra: &[&str], command: Command) -> Served {
    serve_logging(dir, extra, command, Stdio::null())
}

/// [`serve_in`], its notes (each build's line) written to `log`.
fn serve_logging(
    dir: &std::path::Path,
    extra: &[&str],
    mut command: Command,
    log: Stdio,
) -> Served {
    let mut child = command
        .args(["serve", "--port", "0"])
        .args(extra)
        .current_dir(dir)
        .env("RFCBOOK_TODAY", TODAY)
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .expect("start rfcbook serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .strip_prefix("serving http://")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_string();
    Served { child, address }
}

/// The status, the head and the body of one raw request.
fn request(served: &Served, raw: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(&served.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    (status, head.to_string(), body.to_string())
}

fn get(served: &Served, path: &str) -> (u16, String, String) {
    request(
        served,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"),
    )
}

/// The reload stream as a page of generation `since` opens it.
fn events(served: &Served, since: &str) -> TcpStream {
    let mut stream = TcpStream::connect(&served.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET /__rfcbook/events?since={since} HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    stream
}

/// The reload stream of `page`, a page already served.
fn reloads_of(served: &Served, page: &str) -> TcpStream {
    events(served, &generation(page))
}

/// A page opened at `path`, listening for reloads.
fn open_page(served: &Served, path: &str) -> TcpStream {
    let (_, _, page) = get(served, path);
    reloads_of(served, &page)
}

/// Sets front-matter `key` of the RFC to `value`, as an editor's save does; returns the
/// text it had.
fn set_front(archive: &Archive, key: &str, value: &str) -> String {
    let text = archive.read(RFC);
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{key}:")))
        .unwrap_or_else(|| panic!("no {key} in {RFC}"));
    archive.write(RFC, &text.replace(line, &format!("{key}: {value}")));
    text
}

/// Reads the stream until a reload arrives (or fails after 30 s).
fn wait_for_reload(stream: &mut TcpStream) {
    let started = Instant::now();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 512];
    while !String::from_utf8_lossy(&seen).contains("data: reload") {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no reload: {}",
            String::from_utf8_lossy(&seen)
        );
        let n = stream.read(&mut buffer).expect("the reload stream");
        assert!(
            n > 0,
            "the stream closed: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buffer[..n]);
    }
}

/// The generation a page was served at, from its reload script.
fn generation(page: &str) -> String {
    let start = page.find("events?since=").expect("a reload script") + "events?since=".len();
    page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

/// Appends a table to the archive's book.toml, as an editor's save does.
fn add_config(archive: &Archive, table: &str) {
    let config = archive.read("book.toml");
    archive.write("book.toml", &format!("{config}\n{table}\n"));
}

fn site() -> Archive {
    Archive::from(&fixtures().join("site/basic"))
}

const RFC: &str = "rfcs/0002-nightly-logical-backups.md";

#[test]
fn serves_the_site_with_a_reload_script_and_nothing_outside_it() {
    let archive = site();
    let served = serve(&archive, &[]);
    assert!(
        served.address.starts_with("127.0.0.1:"),
        "{}",
        served.address
    );

    let (status, head, home) = get(&served, "/");
    assert_eq!(status, 200, "{head}");
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(head.contains("Cache-Control: no-store"), "{head}");
    assert!(home.contains("<title>Acme RFCs</title>"), "{home}");
    assert!(
        home.contains("new EventSource(\"/__rfcbook/events?since="),
        "{home}"
    );
    let (status, _, page) = get(&served, "/rfcs/0002-nightly-logical-backups.html");
    assert_eq!(status, 200);
    assert!(page.contains("</script></body>"), "{page}");
    let (status, head, css) = get(&served, "/static/style.css");
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("text/css"), "{head}");
    assert!(!css.contains("EventSource"));

    // The folder on disk is the site `build` writes: the script exists only in responses.
    let built = archive.run(&["build", "--out", "built"]);
    built.code(0);
    for page in ["index.html", "rfcs/0002-nightly-logical-backups.html"] {
        assert_eq!(
            archive.read(&format!("site/{page}")),
            archive.read(&format!("built/{page}")),
            "{page}"
        );
    }

    for target in [
        "/../book.toml",
        "/%2e%2e/book.toml",
        "/rfcs/%2E%2E/%2e%2e/book.toml",
        "/.rfcbook-site",
        "/no-such-page.html",
        // An encoded `/` is a character of a name, as on a static host.
        "/rfcs%2f..%2f..%2fbook.toml",
    ] {
        let (status, _, body) = get(&served, target);
        assert_eq!(status, 404, "{target}");
        assert!(!body.contains("[book]"), "{target}: {body}");
    }
    // A missing page is the site's own 404 page, reloading like every other.
    let (_, _, missing) = get(&served, "/no-such-page.html");
    assert!(missing.contains("EventSource"), "{missing}");
    let (status, _, _) = get(&served, "/a%zz");
    assert_eq!(status, 400);
    // A folder without a page (`/rfcs`) is not found at once, not sent on to a 404.
    for folder in ["/rfcs", "/tags"] {
        let (status, head, _) = get(&served, folder);
        assert_eq!(status, 404, "{folder}: {head}");
    }
    // Every answer has the type meant and asks the browser not to guess another; the
    // feed is Atom.
    let (status, head, _) = get(&served, "/feed.xml");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: application/atom+xml\r\n")
            && head.contains("X-Content-Type-Options: nosniff"),
        "{head}"
    );
    let (status, head, _) = request(&served, "POST / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert_eq!(status, 405);
    assert!(head.contains("Allow: GET, HEAD"), "{head}");
    let (status, head, body) = request(&served, "HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert_eq!(status, 200);
    assert!(body.is_empty(), "{body}");
    assert!(!head.contains("Content-Length: 0\r\n"), "{head}");
    // The reload stream's headers alone, and the connection closed: no endless stream.
    let (status, head, body) = request(
        &served,
        "HEAD /__rfcbook/events HTTP/1.1\r\nHost: localhost\r\n\r\n",
    );
    assert_eq!(status, 200);
    assert!(head.contains("text/event-stream"), "{head}");
    assert!(body.is_empty(), "{body}");
    // The absolute form is read as HTTP says it must be, its host checked as a `Host` is.
    let (status, _, _) = request(&served, "GET http://elsewhere/ HTTP/1.1\r\n\r\n");
    assert_eq!(status, 403);
    let (status, _, page) = request(
        &served,
        &format!("GET http://{}/tags.html HTTP/1.1\r\n\r\n", served.address),
    );
    assert_eq!(status, 200);
    assert!(page.contains("<html"), "{page}");
    let (status, _, body) = request(&served, "GET ftp://x/ HTTP/1.1\r\n\r\n");
    assert_eq!(status, 400);
    assert!(body.starts_with("bad request: "), "{body}");
    let long = format!(
        "GET /__rfcbook/search?q={} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "a+".repeat(10_000)
    );
    let (status, _, body) = request(&served, &long);
    assert_eq!(status, 431);
    assert!(body.contains("help: "), "{body}");
}

/// A page of another site whose name its owner rebinds to 127.0.0.1 (DNS rebinding) sends
/// its own name as `Host`: a preview on the loopback address refuses it everywhere, while
/// every way of typing the preview's own address works.
#[test]
fn a_preview_answers_only_requests_addressed_to_this_machine() {
    let archive = site();
    let served = serve(&archive, &[]);
    let port = served.address.rsplit(':').next().unwrap().to_string();
    let rebound = format!("rebind.example:{port}");
    for path in [
        "/",
        "/rfcs/0002-nightly-logical-backups.html",
        "/__rfcbook/search?q=backups",
        "/__rfcbook/events?since=0",
    ] {
        let (status, _, body) = request(
            &served,
            &format!("GET {path} HTTP/1.1\r\nHost: {rebound}\r\n\r\n"),
        );
        assert_eq!(status, 403, "{path}: {body}");
        assert!(
            body.contains(&format!("not for \"{rebound}\"")) && body.contains("help: "),
            "{body}"
        );
        assert!(
            !body.contains("Acme") && !body.contains("backups"),
            "{body}"
        );
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("preview.localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, _, body) =
            request(&served, &format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("Acme RFCs"), "{host}");
    }
    // An HTTP/1.0 client may send no Host at all; no browser does.
    let (status, _, _) = request(&served, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 200);

    // A preview its author opened to the network answers the names it is reached by.
    let open = serve(&archive, &["--host", "0.0.0.0"]);
    let (status, _, body) = request(
        &open,
        "GET / HTTP/1.1\r\nHost: build-box.internal:3000\r\n\r\n",
    );
    assert_eq!(status, 200);
    assert!(body.contains("Acme RFCs"), "{body}");
}

#[test]
fn a_saved_change_is_built_and_open_pages_reload() {
    let archive = site();
    let served = serve(&archive, &[]);
    let mut stream = open_page(&served, "/rfcs/0002-nightly-logical-backups.html");
    set_front(&archive, "title", "Backups every hour instead");
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/rfcs/0002-nightly-logical-backups.html");
    assert_eq!(status, 200);
    assert!(page.contains("Backups every hour instead"), "{page}");
    assert!(
        archive
            .read("site/index.html")
            .contains("Backups every hour instead")
    );
    // A page served before the build, whose stream opens after it, reloads too; so does
    // one served by an earlier run of serve, whose builds were counted from its start.
    let mut late = events(&served, "1");
    wait_for_reload(&mut late);
}

/// An RFC saved without a change (or touched) builds the same site: open pages are not
/// reloaded for nothing. The next real change is the next reload.
#[test]
fn a_save_that_changes_nothing_does_not_reload() {
    let archive = site();
    let served = serve(&archive, &[]);
    let (_, _, page) = get(&served, "/rfcs/0002-nightly-logical-backups.html");
    let before: u64 = generation(&page).parse().unwrap();
    let text = archive.read(RFC);
    // Saved twice, a second apart, so that its time surely changes.
    archive.write(RFC, &text);
    std::thread::sleep(Duration::from_millis(1100));
    archive.write(RFC, &text);
    std::thread::sleep(Duration::from_millis(1500));
    let mut stream = reloads_of(&served, &page);
    set_front(&archive, "title", "Backups every hour instead");
    wait_for_reload(&mut stream);
    let (_, _, page) = get(&served, "/rfcs/0002-nightly-logical-backups.html");
    assert!(page.contains("Backups every hour instead"), "{page}");
    // One build told the pages something new: the real change.
    let after: u64 = generation(&page).parse().unwrap();
    assert_eq!(after, before + 1, "{page}");
}

/// A tab left open while `serve` is stopped and started again reloads once it is back:
/// the new server's builds are counted from its start, after every page the old one
/// served.
#[test]
fn a_page_of_an_earlier_serve_reloads_when_serve_is_back() {
    let archive = site();
    let served = serve(&archive, &[]);
    let (_, _, page) = get(&served, "/index.html");
    let old = generation(&page);
    drop(served);
    std::thread::sleep(Duration::from_millis(20));
    let again = serve(&archive, &[]);
    let mut stream = events(&again, &old);
    wait_for_reload(&mut stream);
}

#[test]
fn a_source_folder_moved_away_and_back_is_still_watched() {
    let archive = site();
    let served = serve(&archive, &[]);
    let mut stream = open_page(&served, "/");
    let aside = archive.path().join("aside");
    std::fs::rename(archive.path().join("rfcs"), &aside).unwrap();
    // Without its RFCs the archive cannot be built: the page says so.
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 503);
    assert!(page.contains("error[RFC9101]"), "{page}");
    let mut stream = reloads_of(&served, &page);
    std::fs::rename(&aside, archive.path().join("rfcs")).unwrap();
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 200);
    // An edit inside the folder that came back is seen.
    let mut stream = reloads_of(&served, &page);
    set_front(&archive, "title", "Seen after the move");
    wait_for_reload(&mut stream);
    let (_, _, page) = get(&served, "/rfcs/0002-nightly-logical-backups.html");
    assert!(page.contains("Seen after the move"), "{page}");
}

#[test]
fn errors_show_in_the_pages_until_fixed_and_the_site_stays() {
    let archive = site();
    let served = serve(&archive, &[]);
    let before = archive.read("site/index.html");
    let mut stream = open_page(&served, "/");
    let text = set_front(&archive, "status", "<script>bogus");
    wait_for_reload(&mut stream);

    let (status, _, page) = get(&served, "/rfcs/0002-nightly-logical-backups.html");
    assert_eq!(status, 503);
    assert!(page.contains("error[RFC0110]"), "{page}");
    assert!(
        page.contains("rfcs/0002-nightly-logical-backups.md:"),
        "{page}"
    );
    assert!(page.contains("&lt;script&gt;bogus"), "{page}");
    assert!(!page.contains("<script>bogus"), "{page}");
    assert!(page.contains("EventSource"), "{page}");
    // Styles and pictures are still served; the site on disk is the last good one.
    assert_eq!(get(&served, "/static/style.css").0, 200);
    assert_eq!(archive.read("site/index.html"), before);

    let mut stream = reloads_of(&served, &page);
    archive.write(RFC, &text);
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 200);
    assert!(page.contains("<title>Acme RFCs</title>"), "{page}");
}

#[test]
fn a_saved_template_is_read_again() {
    // The template says what an unwritten section looks like (RFC0311, made an error
    // here): a new template applies from the next build, without a restart.
    let archive = site();
    add_config(&archive, "[rfc.lints]\ntemplate-text = \"deny\"");
    saving_the_template_shows_its_prompt(&archive, "rfcs/template.md");
}

/// The team's template kept outside the source folder (rfcs/0033) is watched as well:
/// its new prompts apply from the next build.
#[test]
fn a_saved_template_kept_elsewhere_is_read_again() {
    let archive = site();
    archive.write(
        "templates/rfc.md",
        "# {{title}}\n\n## Problem\n\nWhat is wrong.\n",
    );
    add_config(
        &archive,
        "[rfc]\ntemplate = \"templates/rfc.md\"\n\n[rfc.lints]\ntemplate-text = \"deny\"",
    );
    saving_the_template_shows_its_prompt(&archive, "templates/rfc.md");
}

/// A template in a hidden folder (`.github/`) below a source folder that is the root
/// (`src = "."`) is watched too: hidden files there are otherwise no input.
#[test]
fn a_saved_template_in_a_hidden_folder_of_a_root_source_is_read_again() {
    let archive = site();
    archive.write(
        ".github/rfc-template.md",
        "# {{title}}\n\n## Problem\n\nWhat is wrong.\n",
    );
    let config = archive.read("book.toml");
    archive.write(
        "book.toml",
        &config.replace("[book]\n", "[book]\nsrc = \".\"\n"),
    );
    add_config(
        &archive,
        "[rfc]\ntemplate = \".github/rfc-template.md\"\n\n[rfc.lints]\ntemplate-text = \"deny\"",
    );
    saving_the_template_shows_its_prompt(&archive, ".github/rfc-template.md");
}

/// Serves `archive`, saves at `template` a template whose Problem prompt is the first
/// paragraph of [`RFC`]'s, and sees the preview fail on it.
fn saving_the_template_shows_its_prompt(archive: &Archive, template: &str) {
    let served = serve(archive, &[]);
    let mut stream = open_page(&served, "/");
    archive.write(
        template,
        "# {{title}}\n\n## Problem\n\nSnapshots of the volumes cannot restore a single table,\n\
         and restores take hours.\n",
    );
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("error[RFC0311]"), "{page}");
    assert!(page.contains(RFC), "{page}");
}

#[test]
fn a_broken_book_toml_shows_in_the_pages() {
    let archive = site();
    let served = serve(&archive, &[]);
    let mut stream = open_page(&served, "/");
    add_config(&archive, "[rfc]\nstauts = 1");
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 503);
    assert!(page.contains("error[RFC9001]"), "{page}");
    assert!(page.contains("stauts"), "{page}");
    // As on the terminal: the file as the author names it, the line and a caret.
    assert!(page.contains(" --&gt; book.toml:"), "{page}");
    assert!(page.contains("| stauts = 1\n"), "{page}");
}

/// A broken book.toml stays the error until it is put right: an RFC saved meanwhile is
/// not built with the configuration of before (the error page went away, and the preview
/// said all was well while `check` failed).
#[test]
fn a_broken_book_toml_stays_the_error_while_rfcs_are_saved() {
    let archive = site();
    let served = serve(&archive, &[]);
    let mut stream = open_page(&served, "/");
    let config = archive.read("book.toml");
    add_config(
        &archive,
        "[rfc]
stale-after-days = \"x\"",
    );
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 503, "{page}");
    set_front(&archive, "title", "Saved meanwhile");
    std::thread::sleep(Duration::from_millis(800));
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("stale-after-days"), "{page}");
    let mut stream = reloads_of(&served, &page);
    archive.write("book.toml", &config);
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/rfcs/0002-nightly-logical-backups.html");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Saved meanwhile"), "{page}");
}

/// A file written beside book.toml (`serve > serve.log`) is no change to the site: each
/// line logged was one, and the site was built again and again, for ever.
#[test]
fn a_file_written_beside_book_toml_is_no_change() {
    let archive = site();
    let served = serve(&archive, &[]);
    let (_, _, page) = get(&served, "/");
    for line in 0..5 {
        archive.write("serve.log", &"built\n".repeat(line + 1));
        std::thread::sleep(Duration::from_millis(150));
    }
    std::thread::sleep(Duration::from_millis(500));
    let (_, _, again) = get(&served, "/");
    assert_eq!(generation(&again), generation(&page));
}

/// With the archive's root as its source folder (`src = "."`), an RFC in a sub-folder
/// is watched, and the file serve logs into there (`serve 2> serve.log`) is no change:
/// each line it logged was one, and the site was built again for ever.
#[test]
fn a_root_source_folder_is_watched_whole_but_not_the_log() {
    let archive = site();
    let config = archive.read("book.toml");
    archive.write(
        "book.toml",
        &config.replace("[book]\n", "[book]\nsrc = \".\"\n"),
    );
    let log = std::fs::File::create(archive.path().join("serve.log")).unwrap();
    let command = Command::new(env!("CARGO_BIN_EXE_rfcbook"));
    let served = serve_logging(archive.path(), &[], command, Stdio::from(log));
    let (_, _, page) = get(&served, "/");
    std::thread::sleep(Duration::from_millis(800));
    let (_, _, again) = get(&served, "/");
    assert_eq!(
        generation(&again),
        generation(&page),
        "rebuilt for its own log"
    );
    let mut stream = reloads_of(&served, &again);
    set_front(&archive, "title", "Seen in a sub-folder");
    wait_for_reload(&mut stream);
    let (_, _, page) = get(&served, "/rfcs/0002-nightly-logical-backups.html");
    assert!(page.contains("Seen in a sub-folder"), "{page}");
    std::thread::sleep(Duration::from_millis(800));
    let (_, _, last) = get(&served, "/");
    assert_eq!(
        generation(&last),
        generation(&page),
        "rebuilt for its own log"
    );
}

/// The archive served is the one serve started with: its book.toml gone for a moment (a
/// `git stash`) leaves its own defaults, not an archive in a folder above it, and its
/// files are still watched when book.toml is back.
#[test]
fn book_toml_gone_and_back_keeps_the_archive_served() {
    let outer = Archive::empty();
    outer.write("book.toml", "[book]\ntitle = \"Outer\"\n");
    let inner = outer.path().join("inner");
    for (rel, text) in [
        ("book.toml", site().read("book.toml")),
        (RFC, site().read(RFC)),
    ] {
        outer.write(&format!("inner/{rel}"), &text);
    }
    let command = Command::new(env!("CARGO_BIN_EXE_rfcbook"));
    let served = serve_in(&inner, &[], command);
    let mut stream = open_page(&served, "/");
    let config = outer.read("inner/book.toml");
    std::fs::remove_file(inner.join("book.toml")).unwrap();
    wait_for_reload(&mut stream);
    let (_, _, page) = get(&served, "/");
    assert!(!page.contains("Outer"), "{page}");
    let mut stream = reloads_of(&served, &page);
    outer.write("inner/book.toml", &config);
    wait_for_reload(&mut stream);
    let (_, _, page) = get(&served, "/");
    assert!(page.contains("<title>Acme RFCs</title>"), "{page}");
    let mut stream = reloads_of(&served, &page);
    let text = outer.read(&format!("inner/{RFC}"));
    outer.write(
        &format!("inner/{RFC}"),
        &text.replace("title: Back up", "title: Seen after the stash"),
    );
    wait_for_reload(&mut stream);
    let (_, _, page) = get(&served, "/rfcs/0002-nightly-logical-backups.html");
    assert!(page.contains("Seen after the stash"), "{page}");
}

/// A theme folder moved away is said to be missing, as `build` says it, and seen when it
/// is back (the folder above it was not watched).
#[test]
fn a_theme_folder_moved_away_and_back_is_seen() {
    let archive = site();
    archive.write("themes/acme/static/extra.css", "x {}\n");
    add_config(&archive, "[output.html]\ntheme = \"themes/acme\"");
    let served = serve(&archive, &[]);
    let mut stream = open_page(&served, "/");
    let aside = archive.path().join("aside");
    std::fs::rename(archive.path().join("themes/acme"), &aside).unwrap();
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 503, "{page}");
    assert!(
        page.contains("error[RFC9001]") && page.contains("does not exist"),
        "{page}"
    );
    let mut stream = reloads_of(&served, &page);
    std::fs::rename(&aside, archive.path().join("themes/acme")).unwrap();
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 200, "{page}");
}

/// A theme being written may not compile when serve starts: the preview starts anyway,
/// shows the error in the pages, and builds the site once the template is fixed.
#[test]
fn a_theme_broken_at_the_start_shows_in_the_pages() {
    let archive = site();
    archive.write("mytheme/templates/rfc.html", "{{ x");
    let config = archive.read("book.toml");
    let config = if config.contains("[output.html]") {
        config.replace("[output.html]\n", "[output.html]\ntheme = \"mytheme\"\n")
    } else {
        format!("{config}\n[output.html]\ntheme = \"mytheme\"\n")
    };
    archive.write("book.toml", &config);
    let served = serve(&archive, &[]);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("error[RFC9005]"), "{page}");
    assert!(page.contains("mytheme/templates/rfc.html:1:"), "{page}");
    let mut stream = open_page(&served, "/");
    archive.write(
        "mytheme/templates/rfc.html",
        "{% extends \"base.html\" %}{% block content %}mine{% endblock %}",
    );
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 200, "{page}");
}

/// A book.toml that names a folder not there yet (a half-typed `src`) shows as the
/// build's error, and the preview goes on: it builds again once the folder is there.
#[test]
fn a_source_folder_not_there_yet_shows_in_the_pages() {
    let archive = site();
    let served = serve(&archive, &[]);
    let mut stream = open_page(&served, "/");
    let config = archive.read("book.toml");
    archive.write(
        "book.toml",
        &config.replace("[book]\n", "[book]\nsrc = \"decisions\"\n"),
    );
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("error[RFC9101]"), "{page}");
    let mut stream = open_page(&served, "/");
    std::fs::rename(
        archive.path().join("rfcs"),
        archive.path().join("decisions"),
    )
    .unwrap();
    wait_for_reload(&mut stream);
    let (status, _, page) = get(&served, "/");
    assert_eq!(status, 200, "{page}");
}

/// A `site-url` changed while serving moves the preview with the site: its pages'
/// links (the 404 page's) lead under the new path, and so does the server.
#[test]
fn a_changed_site_url_moves_the_preview() {
    let archive = site();
    let served = serve(&archive, &[]);
    let mut stream = open_page(&served, "/");
    add_config(&archive, "[output.html]\nsite-url = \"/docs/\"");
    wait_for_reload(&mut stream);
    let (status, _, home) = get(&served, "/docs/");
    assert_eq!(status, 200, "{home}");
    let (status, head, _) = get(&served, "/");
    assert_eq!(status, 302);
    assert!(head.contains("Location: /docs/\r\n"), "{head}");
}

/// `rfcbook build` run beside `serve` writes the site serve serves, and leaves serve's own
/// next build nothing to do: the open pages reload all the same, and a new site-url is
/// served. (While serve waits for the files to be quiet, a theme file saved again and
/// again, unchanged, the build runs first.)
#[test]
fn a_site_built_beside_serve_reloads_the_pages() {
    let archive = site();
    let css = "h1 { color: teal; }\n";
    archive.write("mytheme/static/custom.css", css).write(
        "book.toml",
        "[book]\ntitle = \"Acme RFCs\"\n[output.html]\ntheme = \"mytheme\"\n",
    );
    let served = serve(&archive, &[]);
    let mut stream = open_page(&served, "/");
    archive.write(
        "book.toml",
        "[book]\ntitle = \"Acme RFCs\"\n[output.html]\ntheme = \"mytheme\"\nsite-url = \"/docs/\"\n",
    );
    let saving = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let saver = {
        let saving = saving.clone();
        let path = archive.path().join("mytheme/static/custom.css");
        std::thread::spawn(move || {
            while saving.load(std::sync::atomic::Ordering::Relaxed) {
                std::fs::write(&path, css).unwrap();
                std::thread::sleep(Duration::from_millis(30));
            }
        })
    };
    archive.run(&["build"]).code(0).stderr_has("built ");
    saving.store(false, std::sync::atomic::Ordering::Relaxed);
    saver.join().unwrap();
    wait_for_reload(&mut stream);
    let (status, _, home) = get(&served, "/docs/");
    assert_eq!(status, 200, "{home}");
}

/// The site folder removed while serving (by hand, a `git clean`) is said to be gone,
/// and built again on the next save.
#[test]
fn a_site_folder_removed_while_serving_is_said_to_be_gone() {
    let archive = site();
    let served = serve(&archive, &[]);
    let mut stream = open_page(&served, "/index.html");
    std::fs::remove_dir_all(archive.path().join("site")).unwrap();
    let (status, _, page) = get(&served, "/index.html");
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("is gone: save any file"), "{page}");
    set_front(&archive, "title", "Saved again");
    wait_for_reload(&mut stream);
    let (status, _, _) = get(&served, "/index.html");
    assert_eq!(status, 200);
}

#[test]
fn a_site_url_with_a_path_is_served_under_it() {
    let archive = site();
    add_config(&archive, "[output.html]\nsite-url = \"/docs/\"");
    let served = serve(&archive, &[]);
    let (status, _, home) = get(&served, "/docs/");
    assert_eq!(status, 200);
    assert!(home.contains("<title>Acme RFCs</title>"), "{home}");
    let (status, head, _) = get(&served, "/");
    assert_eq!(status, 302);
    assert!(head.contains("Location: /docs/\r\n"), "{head}");
    assert_eq!(get(&served, "/index.html").0, 404);
    // The 404 page's links are absolute under the prefix, and lead somewhere.
    let (status, _, missing) = get(&served, "/docs/no/such/page.html");
    assert_eq!(status, 404);
    assert!(missing.contains("href=\"/docs/index.html\""), "{missing}");
    assert_eq!(get(&served, "/docs/index.html").0, 200);
}

#[test]
fn a_port_in_use_is_the_operators_to_fix() {
    let archive = site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = archive.run(&["serve", "--port", &port]);
    run.code(2).no_panic();
    run.stderr_has("error[RFC9104]: cannot listen on 127.0.0.1:");
    run.stderr_has("choose another with --port");
    assert!(
        !archive.path().join("site").exists(),
        "built before listening"
    );
    let run = archive.run(&["serve", "--host", "192.0.2.1", "--port", "0"]);
    run.code(2).no_panic().stderr_has("error[RFC9104]");
}

#[test]
fn an_archive_that_cannot_be_built_at_all_ends_the_command() {
    let archive = Archive::empty();
    archive.write("book.toml", "[book]\ntitle = \"x\"\nsrc = \"missing\"\n");
    let run = archive.run(&["serve", "--port", "0"]);
    run.code(2).no_panic().stderr_has("error[RFC9101]");
}

#[cfg(target_os = "linux")]
#[test]
fn open_hands_the_address_to_the_desktop() {
    use std::os::unix::fs::PermissionsExt;
    let archive = site();
    let bin = archive.path().join("bin");
    let opened = archive.path().join("opened.txt");
    archive.write(
        "bin/xdg-open",
        // Written aside and renamed, so the test never reads a half-written file.
        &format!(
            "#!/bin/sh\necho \"$1\" > '{0}.tmp' && mv '{0}.tmp' '{0}'\n",
            opened.display()
        ),
    );
    std::fs::set_permissions(bin.join("xdg-open"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Command::new(env!("CARGO_BIN_EXE_rfcbook"));
    command.env("PATH", &path);
    let served = serve_with(&archive, &["--open"], command);
    let started = Instant::now();
    while !opened.exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&opened).expect("xdg-open was run");
    assert_eq!(text.trim(), format!("http://{}/", served.address));
    drop(served);
    // An opener that fails (no browser set up) is said to have failed, with the address
    // to open by hand.
    archive.write("bin/xdg-open", "#!/bin/sh\nexit 3\n");
    std::fs::set_permissions(bin.join("xdg-open"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let log = archive.path().join("serve.err");
    let mut command = Command::new(env!("CARGO_BIN_EXE_rfcbook"));
    command.env("PATH", &path);
    let served = serve_logging(
        archive.path(),
        &["--open"],
        command,
        Stdio::from(std::fs::File::create(&log).unwrap()),
    );
    let started = Instant::now();
    let said = loop {
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        if said.contains("warning: cannot open a browser")
            || started.elapsed() > Duration::from_secs(20)
        {
            break said;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        said.contains(&format!(
            "warning: cannot open a browser (xdg-open failed: exit status: 3); open http://{}/ yourself",
            served.address
        )),
        "{said}"
    );
}

/// The server's answer to a search, once its index is ready (it answers 503 until then).
fn search(served: &Served, query: &str) -> (u16, serde_json::Value) {
    let started = Instant::now();
    loop {
        let (status, _, body) = get(served, &format!("/__rfcbook/search?{query}"));
        if status != 503 || started.elapsed() > Duration::from_secs(30) {
            let json = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
            return (status, json);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn searches_are_answered_as_rfcbook_search_answers_them() {
    let archive = site();
    let served = serve(&archive, &[]);
    let (status, answer) = search(&served, "q=replica");
    assert_eq!(status, 200, "{answer}");
    // The same index and query as the command line: the same hits, scores and snippets.
    let cli = archive.run(&["search", "replica", "--format", "json"]);
    cli.code(0);
    let cli = cli.json();
    assert_eq!(answer["total"], cli["total"]);
    assert_eq!(answer["hits"], cli["hits"]);
    assert_eq!(answer["total"], 3);
    // The counts beside the filters' choices: each obeys the other filter only.
    assert_eq!(
        answer["counts"],
        serde_json::json!({
            "status": {"accepted": 2, "proposed": 1},
            "tag": {"backups": 1, "database": 3, "reporting": 1}
        })
    );
    let (_, narrowed) = search(&served, "q=replica&status=proposed&limit=1");
    assert_eq!(narrowed["total"], 1);
    assert_eq!(narrowed["hits"][0]["id"], 4);
    assert_eq!(
        narrowed["counts"],
        serde_json::json!({
            "status": {"accepted": 2, "proposed": 1},
            "tag": {"database": 1, "reporting": 1}
        })
    );
    let (_, tagged) = search(&served, "q=replica&tag=Backups");
    assert_eq!(tagged["total"], 1);
    assert_eq!(
        tagged["counts"]["status"],
        serde_json::json!({"accepted": 1})
    );
    // Phrases and fields, which the static index cannot answer.
    let (_, phrase) = search(&served, "q=%22restore+a+single+table%22");
    assert_eq!(phrase["hits"][0]["id"], 2, "{phrase}");
    assert!(
        phrase["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<b>restore</b>"),
        "{phrase}"
    );
    let (_, reversed) = search(&served, "q=%22table+single%22");
    assert_eq!(reversed["total"], 0, "{reversed}");
    let (_, title) = search(&served, "q=title%3Apgcat");
    assert_eq!(title["hits"][0]["id"], 3, "{title}");
    // A query that cannot be run says why, as the command line does.
    let (status, bad) = search(&served, "q=titel%3Ablue");
    assert_eq!(status, 400);
    assert_eq!(
        bad["error"],
        "`titel:` is not a field you can search; did you mean `title:`?"
    );
    assert!(bad["help"].as_str().unwrap().contains("fields are title"));
    let (status, missing) = search(&served, "limit=3");
    assert_eq!(status, 400);
    assert!(
        missing["error"]
            .as_str()
            .unwrap()
            .contains("query is missing")
    );
    assert!(
        missing["help"].as_str().unwrap().contains("?q=words"),
        "{missing}"
    );
    // What the command line refuses is refused here too, with its help: nothing to search
    // for, or a status the archive does not have. Filters alone list what they match.
    for (query, error, help) in [
        ("q=", "the query is empty", "give words to search for"),
        (
            "q=the+of",
            "`the of` has no word to search for",
            "add a word",
        ),
        ("q=%22", "`\"` has no word to search for", "give words"),
        (
            "q=replica&status=acepted",
            "`acepted` is not a status of this archive",
            "did you mean `accepted`?",
        ),
    ] {
        let (status, refused) = search(&served, query);
        assert_eq!(status, 400, "{query}: {refused}");
        assert!(
            refused["error"].as_str().unwrap().starts_with(error),
            "{refused}"
        );
        assert!(
            refused["help"].as_str().unwrap().contains(help),
            "{refused}"
        );
    }
    let (status, listed) = search(&served, "q=&status=proposed");
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["total"], 1, "{listed}");
}

/// A tag written in two cases is one choice of the tag filter, named as most RFCs write it.
#[test]
fn tag_counts_take_a_tag_in_any_case_as_one() {
    let archive = site();
    set_front(&archive, "tags", "[Database, backups]");
    let served = serve(&archive, &[]);
    let (status, answer) = search(&served, "q=replica");
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["total"], 3);
    assert_eq!(
        answer["counts"]["tag"],
        serde_json::json!({"backups": 1, "database": 3, "reporting": 1})
    );
    let (_, tagged) = search(&served, "q=replica&tag=DATABASE");
    assert_eq!(tagged["total"], 3, "{tagged}");
}

#[test]
fn a_saved_change_is_found_once_built() {
    let archive = site();
    let served = serve(&archive, &[]);
    assert_eq!(search(&served, "q=zipkin").1["total"], 0);
    let mut stream = open_page(&served, "/");
    let text = archive.read(RFC);
    archive.write(
        RFC,
        &text.replace(
            "## Approach\n",
            "## Approach\n\nTrace restores with Zipkin.\n",
        ),
    );
    wait_for_reload(&mut stream);
    // The index follows the build on a thread of its own: shortly after, not at once.
    let started = Instant::now();
    loop {
        let (status, answer) = search(&served, "q=zipkin");
        assert_eq!(status, 200, "{answer}");
        if answer["total"] == 1 {
            assert_eq!(answer["hits"][0]["id"], 2);
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the change was never indexed: {answer}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
