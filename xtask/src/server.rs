//! The reference server as the tasks run it: on a free port with a given
//! database and flags, stopped when dropped whatever happened, and one
//! small HTTP client to check it (readiness, benchmark requests).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::root;
use crate::run::server_binary;

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:<port>`.
    pub addr: String,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
}

impl Server {
    /// Starts the built server on a free port with `database` and extra
    /// `flags`, and waits up to `limit` until it answers `/healthz`.
    pub fn start(database: &Path, flags: &[&str], limit: Duration) -> Result<Server, String> {
        Server::start_logged(database, flags, &[], None, limit)
    }

    /// As [`Server::start`], with environment variables `env` and the log
    /// (the server's standard output) written to `log`.
    pub fn start_logged(
        database: &Path,
        flags: &[&str],
        env: &[(&str, &str)],
        log: Option<&Path>,
        limit: Duration,
    ) -> Result<Server, String> {
        let port = free_port()?;
        let stdout = match log {
            Some(path) => Stdio::from(
                std::fs::File::create(path)
                    .map_err(|e| format!("cannot create {}: {e}", path.display()))?,
            ),
            None => Stdio::null(),
        };
        let child = Command::new(server_binary())
            .current_dir(root())
            .args(["--port", &port.to_string()])
            .args(flags)
            .arg("--database")
            .arg(database)
            .envs(env.iter().copied())
            .stdout(stdout)
            .spawn()
            .map_err(|e| format!("could not start the server: {e}"))?;
        let addr = format!("127.0.0.1:{port}");
        let server = Server {
            child,
            base: format!("http://{addr}"),
            addr,
        };
        server.wait_ready(limit)?;
        Ok(server)
    }

    fn wait_ready(&self, limit: Duration) -> Result<(), String> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if http_get(&self.addr, "/healthz", None).is_ok_and(|s| s == 200) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err(format!("the server did not become ready within {limit:?}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now.
fn free_port() -> Result<u16, String> {
    Ok(TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port())
}

/// A minimal HTTP/1.0 GET with extra header lines; returns the status and
/// the body's length in bytes as sent (compressed or not).
pub fn http_get_sized(addr: &str, path: &str, headers: &str) -> Result<(u16, usize), String> {
    let mut s = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    write!(s, "GET {path} HTTP/1.0\r\n{headers}\r\n").map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).map_err(|e| e.to_string())?;
    let head_end = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("bad answer from {path}"))?;
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("bad answer from {path}"))?;
    Ok((status, buf.len() - head_end - 4))
}

/// A minimal HTTP/1.0 GET (with a bearer `token`); returns the status.
pub fn http_get(addr: &str, path: &str, token: Option<&str>) -> Result<u16, String> {
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    http_get_sized(addr, path, &auth).map(|(status, _)| status)
}
