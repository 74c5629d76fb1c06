//! The host stand-in (`host/`): a page of the sales application that
//! frames the console, served on a second origin (`http://localhost:<port>`,
//! while the console is on `http://127.0.0.1:<port>`), for `cargo xtask demo
//! --embedded` and the browser tests. It gets JWTs from the reference
//! server's dev token relay and answers Embedding protocol v1.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use tiny_http::{Header, Response, Server};

use crate::root;

/// The host page's server; stops when dropped.
pub struct HostPage {
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
    /// `http://localhost:<port>`: the origin the console must allow.
    pub origin: String,
    pub port: u16,
    console: Arc<Mutex<Option<Site>>>,
}

/// Where the console is, as the host page is told (`host.json`), and the
/// page's CSP, which lets it frame and call only that origin.
#[derive(Clone)]
struct Site {
    config: String,
    csp: String,
}

impl HostPage {
    /// Serves `host/` on 127.0.0.1:`port` (0: any free port); it frames
    /// the console once [`HostPage::frame`] says where that is.
    pub fn start(port: u16) -> Result<HostPage, String> {
        let server = Server::http(("127.0.0.1", port))
            .map_err(|e| format!("cannot serve the host page on port {port}: {e}"))?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or("the host page has no TCP address")?;
        let server = Arc::new(server);
        let console = Arc::new(Mutex::new(None));
        let dir = root().join("host");
        let (s, c) = (server.clone(), console.clone());
        let thread = std::thread::spawn(move || {
            for request in s.incoming_requests() {
                let path = request.url().split('?').next().unwrap_or("/").to_owned();
                let site = c.lock().ok().and_then(|g| g.clone());
                let response = match site {
                    Some(Site { config, csp }) => respond(&dir, &path, &config, &csp),
                    None => Response::from_string("No console yet").with_status_code(503),
                };
                let _ = request.respond(response);
            }
        });
        Ok(HostPage {
            server,
            console,
            thread: Some(thread),
            origin: format!("http://localhost:{port}"),
            port,
        })
    }
}

impl HostPage {
    /// Frames the console at `console_url` from now on.
    pub fn frame(&self, console_url: &str) {
        let console_origin = origin_of(console_url);
        let config = serde_json::json!({
            "consoleUrl": console_url,
            "relayUrl": format!("{console_origin}/api/_dev/tokenrelay"),
        })
        .to_string();
        let csp = format!(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self' {console_origin}; frame-src 'self' {console_origin}; \
             object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
        );
        if let Ok(mut site) = self.console.lock() {
            *site = Some(Site { config, csp });
        }
    }
}

impl Drop for HostPage {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn respond(
    dir: &std::path::Path,
    path: &str,
    config: &str,
    csp: &str,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let (body, kind) = match path {
        "/host.json" => (Some(config.as_bytes().to_vec()), "application/json"),
        "/" | "/index.html" => (read(dir.join("index.html")), "text/html; charset=utf-8"),
        "/blank.html" => (read(dir.join("blank.html")), "text/html; charset=utf-8"),
        "/host.js" => (read(dir.join("host.js")), "text/javascript; charset=utf-8"),
        "/host.css" => (read(dir.join("host.css")), "text/css; charset=utf-8"),
        _ => (None, "text/plain; charset=utf-8"),
    };
    let (status, body) = match body {
        Some(b) => (200, b),
        None => (404, b"Not found".to_vec()),
    };
    let header = |k: &str, v: &str| Header::from_bytes(k.as_bytes(), v.as_bytes()).ok();
    let mut response = Response::from_data(body).with_status_code(status);
    for h in [
        header("Content-Type", kind),
        header("Content-Security-Policy", csp),
        header("X-Content-Type-Options", "nosniff"),
        header("Cache-Control", "no-store"),
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    response
}

fn read(path: PathBuf) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}

/// `http://127.0.0.1:8080` of `http://127.0.0.1:8080/monitor/`.
fn origin_of(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => url[..after_scheme + i].to_owned(),
        None => url.to_owned(),
    }
}

impl HostPage {
    /// Server flags for the console embedded in this page: JWTs with the
    /// dev token relay, CORS and framing for this origin (and
    /// `also_framing`), and a host-mode copy of `dist/`. The signing secret
    /// goes through `SYNC_MONITOR_JWT_SECRET` ([`random_secret`]).
    pub fn embedded_server_flags(&self, also_framing: &[&str]) -> Result<Vec<String>, String> {
        let dist = console_copy("dist-embedded", &embedded_config(&[&self.origin], "auto"))?;
        let ancestors = std::iter::once(format!("'self' {}", self.origin))
            .chain(also_framing.iter().map(|a| (*a).to_owned()))
            .collect::<Vec<_>>()
            .join(" ");
        Ok([
            "--auth",
            "jwt",
            "--dev-token-relay",
            "--cors-origin",
            &self.origin,
            "--frame-ancestors",
            &ancestors,
            "--static-dir",
            &dist.to_string_lossy(),
        ]
        .map(str::to_owned)
        .to_vec())
    }
}

/// The console's `config.json` for host mode with this host.
fn embedded_config(host_origins: &[&str], frame_height: &str) -> String {
    serde_json::to_string_pretty(&serde_json::json!({
        "apiBaseUrl": "api/monitor/v1",
        "auth": {"mode": "host", "hostOrigins": host_origins, "timeoutMs": 3000},
        "frameHeight": frame_height,
    }))
    .unwrap_or_default()
}

/// A copy of `dist/` with `config` as its `config.json`, in `target/`.
fn console_copy(name: &str, config: &str) -> Result<PathBuf, String> {
    let from = root().join("dist");
    let to = root().join("target").join(name);
    let _ = std::fs::remove_dir_all(&to);
    std::fs::create_dir_all(&to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in std::fs::read_dir(&from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.path().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))
                .map_err(|e| format!("cannot copy {}: {e}", entry.path().display()))?;
        }
    }
    std::fs::write(to.join("config.json"), config).map_err(|e| e.to_string())?;
    Ok(to)
}

/// A random secret for the throw-away JWT signing key of a run.
pub fn random_secret() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 24];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if ok.is_err() {
        // No /dev/urandom: the clock is unpredictable enough for a dev key.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        bytes[..16].copy_from_slice(&nanos.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert_eq!(origin_of("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
        assert_eq!(
            origin_of("http://127.0.0.1:8080/monitor/"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }
}
