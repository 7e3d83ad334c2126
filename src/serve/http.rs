//! Just enough HTTP/1.1 for a preview server: one request per connection, `GET` and
//! `HEAD`, and a response written whole. Browsers and curl need nothing more from a
//! server that only hands out the files of one folder (rfcs/0016).

use std::io::{self, Read, Write};

/// The longest request head read: a browser's is under 2 KB; more is not a preview.
const MAX_HEAD: usize = 16 * 1024;

/// What the server answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Method {
    Get,
    Head,
}

/// A request's method, target (path and query, as sent) and `Host` header.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Request {
    pub method: Method,
    pub target: String,
    /// The name the client addressed, with its port; HTTP/1.0 clients may send none.
    pub host: Option<String>,
}

/// Why a request is not answered with a file.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refused {
    /// Not HTTP/1.x, or a target that is no path.
    Malformed,
    /// A head longer than [`MAX_HEAD`]: no page of a site asks for that much.
    TooLarge,
    /// A method other than GET and HEAD.
    Method,
}

/// Reads a request head from `stream` and parses its first line. `Ok(None)`: the client
/// closed the connection before sending one. A head not whole within `limit` is given
/// up (`TimedOut`): a client that sends a byte now and then would hold a thread for
/// ever, though every single read is quick.
pub(super) fn read_request(
    stream: &mut impl Read,
    limit: std::time::Duration,
) -> io::Result<Option<Result<Request, Refused>>> {
    let started = std::time::Instant::now();
    let mut head = Vec::with_capacity(1024);
    let mut buffer = [0u8; 1024];
    loop {
        if started.elapsed() > limit {
            return Err(io::ErrorKind::TimedOut.into());
        }
        let n = stream.read(&mut buffer)?;
        if n == 0 {
            return Ok((!head.is_empty()).then_some(Err(Refused::Malformed)));
        }
        head.extend_from_slice(&buffer[..n]);
        if head.windows(4).any(|w| w == b"\r\n\r\n") || head.windows(2).any(|w| w == b"\n\n") {
            return Ok(Some(parse(&head)));
        }
        if head.len() > MAX_HEAD {
            return Ok(Some(Err(Refused::TooLarge)));
        }
    }
}

fn parse(head: &[u8]) -> Result<Request, Refused> {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = std::str::from_utf8(line).map_err(|_| Refused::Malformed)?;
    let mut parts = line.trim_end_matches('\r').split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refused::Malformed);
    };
    // The absolute form (`GET http://localhost:3000/rfcs/ HTTP/1.1`), which a server
    // must accept (RFC 9112 §3.2.2): its authority is the host asked for, checked as a
    // `Host` header is.
    let absolute = ["http://", "https://"].iter().find_map(|scheme| {
        let rest = target.get(scheme.len()..)?;
        target[..scheme.len()]
            .eq_ignore_ascii_case(scheme)
            .then_some(rest)
    });
    let (target, authority) = match absolute {
        Some(rest) => match rest.find('/') {
            Some(slash) => (&rest[slash..], Some(&rest[..slash])),
            None => ("/", Some(rest)),
        },
        None => (target, None),
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err(Refused::Malformed);
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => return Err(Refused::Method),
    };
    let host = head
        .split(|&b| b == b'\n')
        .skip(1)
        .filter_map(|line| std::str::from_utf8(line).ok())
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("host")
                .then(|| value.trim().to_string())
        });
    Ok(Request {
        method,
        target: target.to_string(),
        host: authority.map(str::to_string).or(host),
    })
}

/// Whether `host` (a `Host` header: a name or an address, maybe with a port) names this
/// machine's loopback interface or is an address. A page of another site that rebinds its
/// own name to 127.0.0.1 (DNS rebinding) sends its own name here, never an address, and
/// is refused, while every way of typing the preview's address works.
pub(super) fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        // `[::1]:3000`: an IPv6 address.
        Some(rest) => {
            return rest
                .split_once(']')
                .is_some_and(|(address, _)| address.parse::<std::net::Ipv6Addr>().is_ok());
        }
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::Ipv4Addr>().is_ok()
}

/// A whole response.
pub(super) struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub(super) fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            // The type is the one meant: a browser must not guess another from the bytes
            // (an RFC's attachment read as HTML would run as the preview's own page).
            headers: vec![
                ("Content-Type", content_type.to_string()),
                ("X-Content-Type-Options", "nosniff".to_string()),
            ],
            body,
        }
    }

    pub(super) fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    /// Writes the response; the body only when `with_body` (not for HEAD).
    pub(super) fn write(&self, stream: &mut impl Write, with_body: bool) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        // A preview must show the file as it is now, never a cached one.
        head.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        stream.write_all(head.as_bytes())?;
        if with_body {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        431 => "Request Header Fields Too Large",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(text: &str) -> Option<Result<Request, Refused>> {
        read_request(&mut text.as_bytes(), std::time::Duration::from_secs(1)).unwrap()
    }

    /// One byte at a time, slowly: within its limit a head is read, past it given up.
    #[test]
    fn a_head_sent_too_slowly_is_given_up() {
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
                std::thread::sleep(std::time::Duration::from_millis(5));
                let Some((&first, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buffer[0] = first;
                self.0 = rest;
                Ok(1)
            }
        }
        let head = b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
        let slow = read_request(&mut Slow(head), std::time::Duration::from_millis(50));
        assert_eq!(slow.unwrap_err().kind(), io::ErrorKind::TimedOut);
        let patient = read_request(&mut Slow(head), std::time::Duration::from_secs(5));
        assert!(matches!(patient, Ok(Some(Ok(_)))));
    }

    #[test]
    fn reads_method_and_target() {
        let r = request("GET /rfcs/a.html?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!(
            r,
            Some(Ok(Request {
                method: Method::Get,
                target: "/rfcs/a.html?q=1".into(),
                host: Some("x".into()),
            }))
        );
        let r = request("HEAD / HTTP/1.0\n\n").unwrap().unwrap();
        assert_eq!((r.method, r.host), (Method::Head, None));
        let r = request("GET / HTTP/1.1\r\nAccept: */*\r\nhOsT:  127.0.0.1:3000 \r\n\r\n");
        assert_eq!(r.unwrap().unwrap().host.as_deref(), Some("127.0.0.1:3000"));
    }

    #[test]
    fn only_loopback_names_and_addresses_are_local_hosts() {
        for host in [
            "localhost",
            "localhost:3000",
            "LocalHost.:80",
            "preview.localhost:3000",
            "127.0.0.1",
            "127.0.0.1:3000",
            "192.168.1.20:3000",
            "[::1]:3000",
            "[::1]",
        ] {
            assert!(is_local_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:3000",
            "localhost.evil.example",
            "127.0.0.1.nip.io:3000",
            "[evil]:3000",
            "x",
            "",
        ] {
            assert!(!is_local_host(host), "{host}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_get_of_a_path() {
        assert_eq!(
            request("POST / HTTP/1.1\r\n\r\n"),
            Some(Err(Refused::Method))
        );
        // The absolute form names its host, which is then checked as a `Host` is.
        let absolute =
            request("GET http://evil:3000/rfcs/?q=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
        let Some(Ok(absolute)) = absolute else {
            panic!("{absolute:?}")
        };
        assert_eq!(absolute.target, "/rfcs/?q=1");
        assert_eq!(absolute.host.as_deref(), Some("evil:3000"));
        let Some(Ok(bare)) = request("GET HTTP://localhost HTTP/1.1\r\n\r\n") else {
            panic!("no request")
        };
        assert_eq!(
            (bare.target.as_str(), bare.host.as_deref()),
            ("/", Some("localhost"))
        );
        assert_eq!(
            request("GET ftp://evil/ HTTP/1.1\r\n\r\n"),
            Some(Err(Refused::Malformed))
        );
        assert_eq!(request("GET / SPDY\r\n\r\n"), Some(Err(Refused::Malformed)));
        assert_eq!(request("GET /\r\n\r\n"), Some(Err(Refused::Malformed)));
        assert_eq!(request("GET / HTTP/1.1"), Some(Err(Refused::Malformed)));
        assert_eq!(request(""), None);
        let long = format!("GET /{} HTTP/1.1", "a".repeat(MAX_HEAD));
        assert_eq!(request(&long), Some(Err(Refused::TooLarge)));
    }

    #[test]
    fn head_responses_carry_the_length_but_no_body() {
        let response = Response::text(404, "gone");
        let mut out = Vec::new();
        response.write(&mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"), "{text}");
        assert!(text.contains("Content-Length: 4\r\n"), "{text}");
        assert!(text.ends_with("\r\n\r\n"), "{text}");
    }
}
