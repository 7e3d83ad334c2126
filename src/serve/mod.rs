//! The preview server of `rfcbook serve`: hands out the files of the built site, puts a
//! small script into every page that reloads it when a build finishes, and while the
//! archive has errors shows them instead of the site (rfcs/0016).
//!
//! One thread per connection: a preview has a handful of clients, and a thread blocked on
//! a reload stream costs nothing but its stack.

mod files;
mod http;
mod search;

use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use crate::config::Config;
use crate::error::{Error, Result};
use files::Resolved;
use http::{Method, Refused, Response};
use search::Search;

/// The path of the reload stream (server-sent events). No page of a site has it: the
/// build's own names never start with `__`.
const EVENTS: &str = "/__rfcbook/events";

/// How often an idle reload stream is written to, so that a closed tab's thread ends.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// What the server shows: the site's folder, and what the last build said.
pub(crate) struct Shared {
    root: PathBuf,
    /// Whether the server listens on loopback addresses only: then it answers only
    /// requests addressed to this machine (see [`http::is_local_host`]).
    local_only: bool,
    state: Mutex<State>,
    changed: Condvar,
    search: Arc<Search>,
}

struct State {
    /// How many times a build finished; a page knows the one it was served at.
    generation: u64,
    /// Why the last build published nothing (the diagnostics, as text), if it did not.
    failure: Option<String>,
    /// The path the site is served under: its `site-url`'s, so that the links a site
    /// makes absolute (its 404 page's) work in the preview as on the host. It follows
    /// book.toml as the site does.
    prefix: String,
}

impl Shared {
    /// Tells every open page that a build finished: with `failure`, what to show instead of
    /// the site until the next build succeeds.
    pub(crate) fn finished(&self, failure: Option<String>) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.generation += 1;
        state.failure = failure;
        self.changed.notify_all();
    }

    /// Tells the search that a build published the archive of `config`, and serves the
    /// site under its `site-url` from now on. Returns the new path when it changed.
    pub(crate) fn published(&self, config: &Config) -> Option<String> {
        self.search.refresh(config);
        let prefix = config.html.site_path();
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        (state.prefix != prefix).then(|| {
            state.prefix.clone_from(&prefix);
            prefix
        })
    }

    fn snapshot(&self) -> (u64, Option<String>, String) {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        (
            state.generation,
            state.failure.clone(),
            state.prefix.clone(),
        )
    }
}

/// A bound listener and what it serves.
pub(crate) struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
}

impl Server {
    /// Listens on `host:port` for the site in `root`, served under `prefix` (see
    /// [`crate::config::HtmlConfig::site_path`]). A port that is taken, an address this machine does not
    /// have or may not use, is the operator's to fix (RFC9104).
    pub(crate) fn bind(host: &str, port: u16, root: PathBuf, prefix: String) -> Result<Server> {
        let address = format!("{host}:{port}");
        let listen_error = |source: std::io::Error| Error::Listen {
            address: address.clone(),
            source,
        };
        let addresses: Vec<SocketAddr> = (host, port)
            .to_socket_addrs()
            .map_err(listen_error)?
            .collect();
        let listener = TcpListener::bind(addresses.as_slice()).map_err(listen_error)?;
        let local_only = listener
            .local_addr()
            .map_err(listen_error)?
            .ip()
            .is_loopback();
        Ok(Server {
            listener,
            shared: Arc::new(Shared {
                root,
                local_only,
                state: Mutex::new(State {
                    // Counted on from the time the server started: a page served by an
                    // earlier run of `serve` has a smaller number, so the restarted server
                    // reloads it at once instead of after as many builds.
                    generation: std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_millis() as u64),
                    failure: None,
                    prefix,
                }),
                changed: Condvar::new(),
                search: Search::start(),
            }),
        })
    }

    pub(crate) fn address(&self) -> Result<SocketAddr> {
        self.listener
            .local_addr()
            .map_err(|e| Error::io("read the address of", &self.shared.root, e))
    }

    pub(crate) fn shared(&self) -> Arc<Shared> {
        Arc::clone(&self.shared)
    }

    /// Accepts connections on a thread of its own, for as long as the process runs.
    pub(crate) fn spawn(self) {
        std::thread::spawn(move || {
            for stream in self.listener.incoming() {
                let Ok(stream) = stream else {
                    // Out of file descriptors, say: wait for connections to close rather
                    // than spin on the error.
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                };
                let shared = Arc::clone(&self.shared);
                std::thread::spawn(move || {
                    // A client that went away is no error of the server's.
                    let _ = handle(stream, &shared);
                });
            }
        });
    }
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let request = match http::read_request(&mut stream, Duration::from_secs(10))? {
        None => return Ok(()),
        Some(Err(Refused::Method)) => {
            let mut response = Response::text(405, "rfcbook serve answers GET and HEAD only\n");
            response.headers.push(("Allow", "GET, HEAD".into()));
            return response.write(&mut stream, true);
        }
        Some(Err(Refused::Malformed)) => {
            let text = "bad request: rfcbook serve reads HTTP/1.x requests for a path \
                        (GET /rfcs/ HTTP/1.1)\n";
            return Response::text(400, text).write(&mut stream, true);
        }
        Some(Err(Refused::TooLarge)) => {
            let text = "request head too large: rfcbook serve reads at most 16 KiB of \
                        request line and headers\nhelp: ask with a shorter address\n";
            Response::text(431, text).write(&mut stream, true)?;
            // What the client still sends is read and dropped before the connection is
            // closed: closed with unread bytes, it is reset, and the answer lost with it.
            stream.shutdown(std::net::Shutdown::Write)?;
            stream.set_read_timeout(Some(Duration::from_secs(1)))?;
            let _ = std::io::copy(
                &mut std::io::Read::take(&mut stream, 1 << 20),
                &mut std::io::sink(),
            );
            return Ok(());
        }
        Some(Ok(request)) => request,
    };
    // A preview on a loopback address is the author's alone: a page of another site whose
    // name now resolves to 127.0.0.1 must not read it (DNS rebinding).
    if let Some(host) = request.host.as_deref()
        && shared.local_only
        && !http::is_local_host(host)
    {
        let text = format!(
            "rfcbook serve answers requests for localhost or an IP address, not for {host:?}\n\
             help: open the address `rfcbook serve` printed; to show the preview to other \
             machines, start it with --host 0.0.0.0\n"
        );
        return Response::text(403, &text).write(&mut stream, true);
    }
    let with_body = request.method == Method::Get;
    let path = request.target.split('?').next().unwrap_or_default();
    if path == EVENTS {
        return events(stream, shared, &request.target, with_body);
    }
    if path == search::PATH {
        return shared
            .search
            .answer(&request.target)
            .write(&mut stream, with_body);
    }
    let (generation, failure, prefix) = shared.snapshot();
    let script = reload_script(generation);
    let resolved = if path == "/" && prefix != "/" {
        Resolved::Redirect(prefix)
    } else {
        files::resolve(&shared.root, &prefix, &request.target)
    };
    let response = match resolved {
        Resolved::BadRequest => Response::text(
            400,
            "bad request: the path is not one a file of the site can have (an encoded NUL, \
             backslash or invalid UTF-8)\n",
        ),
        // Found, not moved for good: another preview may serve this port tomorrow.
        Resolved::Redirect(location) => {
            let mut response = Response::text(302, "found\n");
            response.headers.push(("Location", location));
            response
        }
        Resolved::File(file) => {
            let kind = files::content_type(&file);
            let page = kind.starts_with("text/html");
            match (&failure, std::fs::read(&file)) {
                // While the archive has errors, a page shows them, not a site that is out
                // of date; styles and pictures are still served.
                (Some(failure), _) if page => failure_response(failure, &script),
                (_, Ok(bytes)) if page => Response::new(200, kind, files::inject(bytes, &script)),
                (_, Ok(bytes)) => Response::new(200, kind, bytes),
                // The new site was being swapped in at that instant.
                (_, Err(_)) => Response::text(503, "the site is being replaced: reload\n"),
            }
        }
        Resolved::NotFound => match &failure {
            Some(failure) => failure_response(failure, &script),
            None => match std::fs::read(shared.root.join("404.html")) {
                Ok(bytes) => Response::new(
                    404,
                    "text/html; charset=utf-8",
                    files::inject(bytes, &script),
                ),
                // The site itself gone (removed by hand, a `git clean`): say so, not 404.
                Err(_) if !shared.root.is_dir() => Response::text(
                    503,
                    &format!(
                        "the site folder {} is gone: save any file of the archive and it is built again\n",
                        shared.root.display()
                    ),
                ),
                Err(_) => Response::text(404, "not found\n"),
            },
        },
    };
    response.write(&mut stream, with_body)
}

/// The script every served page gets: it listens to the reload stream and reloads the
/// page when a build newer than the page's finishes (also one that finished before the
/// stream was open), and tells the search page where the server answers searches.
/// A page keeps its place through a reload, also when an error page came between (the
/// browser restores the place only on the page it reloads). The reload stream is open only while the page is shown: a browser keeps six
/// connections to a host, and six hidden tabs holding a stream each left a seventh page
/// unable to load. A tab shown again asks since its own build, so it reloads then if the
/// site changed meanwhile.
fn reload_script(generation: u64) -> String {
    format!(
        "<script>/* rfcbook serve */window.rfcbookServe={{search:\"{}\"}};(()=>{{let s=null;\
         const k=\"rfcbook-scroll:\"+location.pathname,y=sessionStorage.getItem(k);\
         if(y!==null&&document.title!==\"rfcbook serve: nothing published\"){{sessionStorage.removeItem(k);addEventListener(\"load\",()=>scrollTo(0,+y));}}\
         const open=()=>{{if(!s){{s=new EventSource(\"{EVENTS}?since={generation}\");s.onmessage=()=>{{if(document.title!==\"rfcbook serve: nothing published\")sessionStorage.setItem(k,scrollY);location.reload();}};}}}};\
         const close=()=>{{if(s){{s.close();s=null;}}}};\
         document.addEventListener(\"visibilitychange\",()=>document.hidden?close():open());\
         if(!document.hidden)open();}})();</script>",
        search::PATH
    )
}

/// Server-sent events: `reload` once a build newer than `since` has finished.
/// A `HEAD` gets the headers alone: a stream without end would keep its connection.
fn events(
    mut stream: TcpStream,
    shared: &Shared,
    target: &str,
    with_body: bool,
) -> std::io::Result<()> {
    let mut seen: u64 = target
        .split_once("?since=")
        .and_then(|(_, n)| n.split('&').next()?.parse().ok())
        .unwrap_or_else(|| shared.snapshot().0);
    const HEAD: &[u8] =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\n";
    if !with_body {
        stream.write_all(HEAD)?;
        return stream.flush();
    }
    stream.write_all(&[HEAD, b"retry: 1000\n\n"].concat())?;
    stream.flush()?;
    let mut state = shared.state.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        let message: &[u8] = if state.generation > seen {
            seen = state.generation;
            b"data: reload\n\n"
        } else {
            let (next, timeout) = shared
                .changed
                .wait_timeout(state, KEEPALIVE)
                .unwrap_or_else(PoisonError::into_inner);
            state = next;
            if !timeout.timed_out() {
                continue;
            }
            b": keepalive\n\n"
        };
        // Never write while holding the lock: a slow client must not stall the builds.
        drop(state);
        stream.write_all(message)?;
        stream.flush()?;
        state = shared.state.lock().unwrap_or_else(PoisonError::into_inner);
    }
}

/// The answer to a page while the archive has errors.
fn failure_response(failure: &str, script: &str) -> Response {
    Response::new(
        503,
        "text/html; charset=utf-8",
        failure_page(failure, script).into_bytes(),
    )
}

/// What a page shows while the archive has errors.
fn failure_page(failure: &str, script: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>rfcbook serve: nothing published</title><link rel=\"icon\" href=\"data:,\">\
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}pre{{white-space:pre-wrap;overflow-wrap:anywhere;padding:1rem;background:#f6f6f6;color:#111;border-left:4px solid #b00}}</style></head>\
<body><main><h1>The site was not rebuilt</h1><p>The last build stopped; the site is shown again once it builds. Save a fix and this page reloads.</p><pre>{}</pre></main>{script}</body></html>\n",
        crate::render::escape_html(failure)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_failure_page_escapes_what_it_shows() {
        let page = failure_page("error[RFC0101]: <script>alert(1)</script>", "<s>");
        assert!(page.contains("error[RFC0101]: &lt;script&gt;"), "{page}");
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(page.contains("<s></body>"), "{page}");
    }

    #[test]
    fn the_reload_script_names_the_generation_of_the_page() {
        let script = reload_script(7);
        assert!(script.contains("/__rfcbook/events?since=7"), "{script}");
        assert!(
            script.contains("window.rfcbookServe={search:\"/__rfcbook/search\"}"),
            "{script}"
        );
    }
}
