//! `cargo xtask test`: every check, in the order a failure is cheapest.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::{build_console, build_server, cargo, run, server_binary};
use crate::{root, step, tools};

/// Users seeded into the throw-away database of the browser tests.
const E2E_USERS: &str = "20000";
/// Users seeded for the run with injected API latency.
const LATENCY_USERS: &str = "5000";
/// The token in `public/config.json`, which the built console sends.
const E2E_TOKEN: &str = "demo-token";

/// The native crates: everything but the console, which is wasm-only.
const NATIVE: [&str; 3] = ["--workspace", "--exclude", "sync-monitor"];

pub fn test(args: &[String]) -> Result<(), String> {
    if let Some(a) = args.first() {
        return Err(format!("unknown test option `{a}`"));
    }
    let started = Instant::now();
    let env = tools::ensure_build_tools()?;
    tools::ensure_test_tools()?;

    step("Formatting (cargo fmt --check)");
    run(cargo().args(["fmt", "--all", "--check"]))?;
    step("Clippy, native crates (warnings denied)");
    run(cargo()
        .args(["clippy", "--all-targets"])
        .args(NATIVE)
        .args(["--", "-D", "warnings"]))?;
    step("Clippy, console for wasm32 (warnings denied)");
    run(cargo().args([
        "clippy",
        "--package",
        "sync-monitor",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    step("Unit and server tests (cargo test)");
    run(cargo().arg("test").args(NATIVE))?;
    build_console(&env)?;
    // The same console served under a sub-path, as a host may embed it.
    crate::run::build_console_at(&env, "/monitor/", "dist-subpath")?;
    build_server()?;

    step("Browser end-to-end tests (Playwright, headless Chromium)");
    let dir = std::env::temp_dir().join(format!("sync-monitor-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let result = (|| {
        let server = Server::start(&dir.join("e2e.db"), &["--users", E2E_USERS])?;
        let sub = Server::start(
            &dir.join("subpath.db"),
            &[
                "--users",
                "300",
                "--base-path",
                "/monitor",
                "--static-dir",
                "dist-subpath",
            ],
        )?;
        // Loopback hides races: the painted-state tests run again against a
        // server that answers slowly.
        let slow = Server::start(
            &dir.join("latency.db"),
            &[
                "--users",
                LATENCY_USERS,
                "--latency",
                "/users=150",
                "--latency",
                "/summary=300",
            ],
        )?;
        let e2e = run_playwright(&server.base, &format!("{}/monitor/", sub.base), &slow.base);
        drop(server);
        drop(sub);
        drop(slow);
        e2e
    })();
    let _ = std::fs::remove_dir_all(&dir);
    let (passed, failed) = result?;
    println!(
        "\nAll checks passed in {:.0?}.",
        Duration::from_secs(started.elapsed().as_secs())
    );
    println!("e2e: {passed} passed, {failed} failed");
    Ok(())
}

/// The reference server on a free port with a throw-away database; stopped
/// when dropped, whatever happened.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    /// Starts on a free port with `database` and extra `flags` (a later
    /// `--static-dir` wins over the default).
    fn start(database: &std::path::Path, flags: &[&str]) -> Result<Server, String> {
        let port = free_port()?;
        let child = Command::new(server_binary())
            .current_dir(root())
            .args(["--port", &port.to_string(), "--token", E2E_TOKEN])
            .args(["--fault-control", "--static-dir", "dist"])
            .args(flags)
            .arg("--database")
            .arg(database)
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start the server: {e}"))?;
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        wait_ready(&format!("127.0.0.1:{port}"), Duration::from_secs(60))?;
        Ok(server)
    }
}

/// A port nobody listens on right now.
pub fn free_port() -> Result<u16, String> {
    Ok(TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port())
}

/// Waits until the server at `addr` answers `/healthz`.
pub fn wait_ready(addr: &str, limit: Duration) -> Result<(), String> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Ok(mut s) = std::net::TcpStream::connect(addr) {
            use std::io::{Read, Write};
            let _ = s.write_all(b"GET /healthz HTTP/1.0\r\n\r\n");
            let mut buf = String::new();
            if s.read_to_string(&mut buf).is_ok() && buf.starts_with("HTTP/1.0 200") {
                return Ok(());
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Err(format!("the server did not become ready within {limit:?}"))
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs the suite; returns (passed, failed) from Playwright's JSON report.
fn run_playwright(base: &str, subpath: &str, latency: &str) -> Result<(u64, u64), String> {
    let tests = root().join("tests");
    let report = tests.join("test-results").join("results.json");
    let _ = std::fs::remove_file(&report);
    let status = Command::new("npx")
        .current_dir(&tests)
        .args(["playwright", "test"])
        .env("BASE_URL", base)
        .env("SUBPATH_URL", subpath)
        .env("LATENCY_URL", latency)
        .env("SCREENSHOTS_DIR", root().join("target").join("screenshots"))
        .env("API_TOKEN", E2E_TOKEN)
        .env("CHROMIUM", tools::CHROMIUM)
        .status()
        .map_err(|e| format!("could not run Playwright: {e}"))?;
    let (passed, failed) = read_report(&report).unwrap_or((0, 0));
    if !status.success() {
        println!("e2e: {passed} passed, {failed} failed");
        return Err(format!("browser tests failed ({status})"));
    }
    if passed == 0 {
        return Err("the browser suite ran no test".into());
    }
    Ok((passed, failed))
}

/// Reads `stats.expected` / `stats.unexpected` from Playwright's JSON report.
fn read_report(path: &std::path::Path) -> Option<(u64, u64)> {
    let text = std::fs::read_to_string(path).ok()?;
    let stats = &text[text.rfind("\"stats\"")?..];
    let num = |key: &str| -> Option<u64> {
        let rest = &stats[stats.find(&format!("\"{key}\""))? + key.len() + 2..];
        let rest = rest.trim_start().strip_prefix(':')?.trim_start();
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        rest[..end].parse().ok()
    };
    Some((num("expected")?, num("unexpected")?))
}
