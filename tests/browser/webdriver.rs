//! A minimal W3C WebDriver client: one chromedriver and one headless Chromium per
//! `Browser`, spoken to over plain HTTP/1.1 on localhost. Dropping a `Browser` ends the
//! session (Chromium quits) and kills chromedriver, so no process outlives a test, even
//! a failing one.
//!
//! Only the commands the tests need; Chrome-specific endpoints (`se/log`,
//! `goog/cdp/execute`) are used for console logs and media emulation.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long a test waits for something to appear before failing.
pub(crate) const WAIT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(25);
/// The W3C key under which an element reference is returned.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

fn chromium() -> String {
    std::env::var("RFCBOOK_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

fn chromedriver() -> String {
    std::env::var("RFCBOOK_CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into())
}

/// An error answer from chromedriver: the W3C `error` code and its message.
#[derive(Debug)]
pub(crate) struct WdError {
    pub(crate) error: String,
    pub(crate) message: String,
}

/// A headless Chromium session and the chromedriver that drives it.
pub(crate) struct Browser {
    driver: Child,
    port: u16,
    session: String,
    profile: tempfile::TempDir,
}

/// An element found on the current page.
pub(crate) struct Element<'a> {
    browser: &'a Browser,
    id: String,
}

impl Browser {
    /// Starts chromedriver on a free port (`--port=0`, then reads the port it reports)
    /// and opens a session with a fresh profile.
    pub(crate) fn start() -> Browser {
        // On a loaded machine (two cores, every test starting a browser) chromedriver was
        // once silent for ten seconds: it is given longer, and started again once.
        let mut started = None;
        for _ in 0..2 {
            let mut driver = Command::new(chromedriver())
                .args(["--port=0", "--log-level=SEVERE"])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| {
                    panic!(
                        "cannot run `{}`: {e}\nInstall it with `apt-get install -y chromium chromium-driver` \
                         (or set RFCBOOK_CHROMEDRIVER); see .ci/run",
                        chromedriver()
                    )
                });
            match read_port(&mut driver) {
                Some(port) => {
                    started = Some((driver, port));
                    break;
                }
                None => {
                    let _ = driver.kill();
                    let _ = driver.wait();
                }
            }
        }
        let Some((driver, port)) = started else {
            panic!("chromedriver did not report its port within 30 s, twice");
        };
        let profile = tempfile::Builder::new()
            .prefix("rfcbook-chromium-")
            .tempdir()
            .expect("a temporary Chromium profile");
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            profile,
        };
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": {"implicit": 0, "pageLoad": 15_000, "script": 15_000},
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": chromium(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,900",
                    format!("--user-data-dir={}", browser.profile.path().display()),
                ],
            },
        }}});
        let value = browser
            .request("POST", "/session", Some(&caps))
            .unwrap_or_else(|e| {
                panic!(
                    "chromedriver could not start {}: {}: {}\nInstall it with \
                     `apt-get install -y chromium chromium-driver` (or set RFCBOOK_CHROMIUM)",
                    chromium(),
                    e.error,
                    e.message
                )
            });
        browser.session = value["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        browser
    }

    fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, WdError> {
        let body = body.map(Value::to_string).unwrap_or_default();
        let (status, text) = http(self.port, method, path, &body);
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!("chromedriver answered {method} {path} with non-JSON ({e}): {text}")
        });
        let value = value.get("value").cloned().unwrap_or(Value::Null);
        if status >= 400 {
            return Err(WdError {
                error: value["error"].as_str().unwrap_or("?").to_owned(),
                message: value["message"].as_str().unwrap_or("").to_owned(),
            });
        }
        Ok(value)
    }

    /// A command on this session, `Err` on a WebDriver error.
    pub(crate) fn try_cmd(&self, method: &str, path: &str, body: Value) -> Result<Value, WdError> {
        let path = format!("/session/{}{path}", self.session);
        let body = (method == "POST").then_some(&body);
        self.request(method, &path, body)
    }

    /// A command on this session that must succeed.
    #[track_caller]
    pub(crate) fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        self.try_cmd(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {}: {}", e.error, e.message))
    }

    pub(crate) fn goto(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url }));
    }

    pub(crate) fn url(&self) -> String {
        self.cmd("GET", "/url", Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub(crate) fn back(&self) {
        self.cmd("POST", "/back", json!({}));
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its result.
    #[track_caller]
    pub(crate) fn js(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": args }),
        )
    }

    /// Runs `script` asynchronously: it calls `arguments[arguments.length - 1]` with the result.
    #[track_caller]
    pub(crate) fn js_async(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/async",
            json!({ "script": script, "args": [] }),
        )
    }

    /// A Chrome DevTools Protocol command, e.g. `Emulation.setEmulatedMedia`.
    #[track_caller]
    pub(crate) fn cdp(&self, command: &str, params: Value) {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            json!({ "cmd": command, "params": params }),
        );
    }

    fn try_find(&self, using: &str, value: &str) -> Result<Element<'_>, WdError> {
        let found = self.try_cmd(
            "POST",
            "/element",
            json!({ "using": using, "value": value }),
        )?;
        let id = found[ELEMENT_KEY].as_str().ok_or_else(|| WdError {
            error: "no element reference".into(),
            message: found.to_string(),
        })?;
        Ok(Element {
            browser: self,
            id: id.to_owned(),
        })
    }

    /// The element that has the focus, to type into as a person at the keyboard does.
    #[track_caller]
    pub(crate) fn active(&self) -> Element<'_> {
        let found = self.cmd("GET", "/element/active", Value::Null);
        let id = found[ELEMENT_KEY]
            .as_str()
            .unwrap_or_else(|| panic!("no focused element: {found}"));
        Element {
            browser: self,
            id: id.to_owned(),
        }
    }

    /// The first element matching a CSS selector, waiting up to `WAIT` for it.
    #[track_caller]
    pub(crate) fn wait_for(&self, css: &str) -> Element<'_> {
        self.wait_for_using("css selector", css)
    }

    /// The first element matching an XPath expression, waiting up to `WAIT` for it.
    #[track_caller]
    pub(crate) fn wait_for_xpath(&self, xpath: &str) -> Element<'_> {
        self.wait_for_using("xpath", xpath)
    }

    #[track_caller]
    fn wait_for_using(&self, using: &str, value: &str) -> Element<'_> {
        let start = Instant::now();
        loop {
            let last = match self.try_find(using, value) {
                Ok(element) => return element,
                Err(e) => e,
            };
            if start.elapsed() > WAIT {
                panic!(
                    "no element matches {using} `{value}` after {WAIT:?} on {}: {}: {}",
                    self.url(),
                    last.error,
                    last.message
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until `script` (a function body) returns something truthy; returns it.
    #[track_caller]
    pub(crate) fn wait_until(&self, what: &str, script: &str, args: Value) -> Value {
        let start = Instant::now();
        loop {
            let body = json!({ "script": script, "args": args });
            // Errors while a page is being replaced (stale scripts, no document) mean "not yet".
            let last = self.try_cmd("POST", "/execute/sync", body);
            if let Ok(value) = &last
                && truthy(value)
            {
                return value.clone();
            }
            if start.elapsed() > WAIT {
                panic!(
                    "timed out after {WAIT:?} waiting for {what} on {}; last result: {last:?}",
                    self.url()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the page's `h1` reads `title`.
    #[track_caller]
    pub(crate) fn wait_for_h1(&self, title: &str) {
        self.wait_until(
            &format!("the h1 `{title}`"),
            "var h = document.querySelector('h1'); \
             return document.readyState === 'complete' && !!h && h.textContent.trim() === arguments[0];",
            json!([title]),
        );
    }

    /// The console messages at level SEVERE since the last call (the log is drained).
    /// Chromium's own request for `/favicon.ico` at the host root is not the page's doing
    /// (a site under a prefix does not own that address), so its failure is left out.
    pub(crate) fn console_errors(&self) -> Vec<String> {
        let logs = self
            .try_cmd("POST", "/se/log", json!({ "type": "browser" }))
            .or_else(|_| self.try_cmd("POST", "/log", json!({ "type": "browser" })))
            .unwrap_or_else(|e| panic!("reading the browser log: {}: {}", e.error, e.message));
        logs.as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
            .filter(|message| {
                !message
                    .split_whitespace()
                    .next()
                    .is_some_and(|url| url.ends_with("/favicon.ico"))
            })
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = self.request("DELETE", &path, None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        kill_leftovers(self.profile.path());
    }
}

/// Kills any Chromium process still using this session's profile: after a failed or
/// hung session, killing chromedriver alone would orphan its browser. Only processes
/// whose command line names our unique temporary profile are touched.
fn kill_leftovers(profile: &std::path::Path) {
    let needle = format!("--user-data-dir={}", profile.display());
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        if cmdline
            .split(|&b| b == 0)
            .any(|arg| arg == needle.as_bytes())
        {
            let _ = Command::new("kill")
                .args(["-KILL", pid])
                .stderr(Stdio::null())
                .status();
        }
    }
}

impl Element<'_> {
    #[track_caller]
    pub(crate) fn click(&self) {
        let path = format!("/element/{}/click", self.id);
        self.browser.cmd("POST", &path, json!({}));
    }

    #[track_caller]
    pub(crate) fn send_keys(&self, text: &str) {
        let path = format!("/element/{}/value", self.id);
        self.browser.cmd("POST", &path, json!({ "text": text }));
    }

    #[track_caller]
    pub(crate) fn text(&self) -> String {
        let path = format!("/element/{}/text", self.id);
        let value = self.browser.cmd("GET", &path, Value::Null);
        value.as_str().unwrap_or_default().to_owned()
    }

    /// `getAttribute(name)`, `None` when absent.
    #[track_caller]
    pub(crate) fn attribute(&self, name: &str) -> Option<String> {
        let path = format!("/element/{}/attribute/{name}", self.id);
        let value = self.browser.cmd("GET", &path, Value::Null);
        value.as_str().map(str::to_owned)
    }
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// Reads chromedriver's stdout until "… started successfully on port N."; a thread then
/// keeps draining it so chromedriver never blocks on a full pipe.
fn read_port(driver: &mut Child) -> Option<u16> {
    let stdout = driver.stdout.take()?;
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        for line in lines.by_ref().map_while(Result::ok) {
            if let Some(rest) = line.split("on port ").nth(1)
                && let Ok(port) = rest.trim_end_matches('.').trim().parse::<u16>()
                && port != 0
            {
                let _ = tx.send(port);
                break;
            }
        }
        for _ in lines {}
    });
    rx.recv_timeout(Duration::from_secs(30)).ok()
}

/// One HTTP/1.1 request to 127.0.0.1:`port`; returns the status and the body. The body
/// is read by its `Content-Length` (or chunks): chromedriver answers `Connection: close`
/// but keeps the socket open.
pub(crate) fn http(port: u16, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .unwrap_or_else(|e| panic!("connecting to 127.0.0.1:{port}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("a read timeout");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|e| panic!("sending {method} {path}: {e}"));
    read_response(&mut BufReader::new(stream))
        .unwrap_or_else(|e| panic!("reading the answer to {method} {path}: {e}"))
}

fn read_response(reader: &mut impl BufRead) -> Result<(u16, String), String> {
    let mut status_line = String::new();
    reader
        .read_line(&mut status_line)
        .map_err(|e| e.to_string())?;
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line `{}`", status_line.trim_end()))?;
    let (mut length, mut chunked) = (None, false);
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|e| e.to_string())?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse::<usize>().ok(),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            _ => {}
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).map_err(|e| e.to_string())?;
            let size = size.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size, 16).map_err(|e| format!("chunk size: {e}"))?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).map_err(|e| e.to_string())?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(length) = length {
        body.resize(length, 0);
        reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    } else {
        reader.read_to_end(&mut body).map_err(|e| e.to_string())?;
    }
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}
