//! A tiny static file server for a built site under a URL prefix, the way a static host
//! would serve it: `/docs/<path>` is a file of the site, anything else is `404.html` with
//! status 404. Paths with `..` are refused. One thread per connection, `Connection: close`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

/// A server running on 127.0.0.1 until the test process ends.
pub(crate) struct Server {
    pub(crate) port: u16,
}

impl Server {
    /// Serves `site` under `prefix` (which starts and ends with `/`).
    pub(crate) fn start(site: &Path, prefix: &'static str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free localhost port");
        let port = listener.local_addr().expect("the bound address").port();
        let site = site.to_path_buf();
        thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let site = site.clone();
                thread::spawn(move || handle(stream, &site, prefix));
            }
        });
        Server { port }
    }

    /// The absolute URL of `path` (which starts with `/`).
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn handle(mut stream: TcpStream, site: &Path, prefix: &str) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(target) = read_request_target(&mut stream) else {
        return;
    };
    let (status, path) = resolve(site, prefix, &target);
    let (status, body, kind) = match path.and_then(|p| Some((std::fs::read(&p).ok()?, p))) {
        Some((body, p)) => (status, body, content_type(&p)),
        None if status == 404 => (
            404,
            std::fs::read(site.join("404.html")).unwrap_or_default(),
            "text/html; charset=utf-8",
        ),
        None => (status, b"refused\n".to_vec(), "text/plain; charset=utf-8"),
    };
    let reason = match status {
        200 => "OK",
        403 => "Forbidden",
        _ => "Not Found",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// The request target of a `GET`/`HEAD` request, without query or fragment.
fn read_request_target(stream: &mut TcpStream) -> Option<String> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    while !raw.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 || raw.len() > 64 * 1024 {
            return None;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&raw);
    let target = head.split_whitespace().nth(1)?;
    let end = target.find(['?', '#']).unwrap_or(target.len());
    Some(target[..end].to_owned())
}

/// The status and the file for a request path: 200 and a file under `site`, 404 for
/// anything outside the prefix or missing, 403 for `..`.
fn resolve(site: &Path, prefix: &str, target: &str) -> (u16, Option<PathBuf>) {
    if target.contains("..") || target.contains('\\') {
        return (403, None);
    }
    let Some(rest) = target.strip_prefix(prefix) else {
        return (404, None);
    };
    let rest = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_owned()
    };
    let file = site.join(rest);
    if file.is_file() {
        (200, Some(file))
    } else {
        (404, None)
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}
