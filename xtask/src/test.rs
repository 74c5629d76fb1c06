//! `cargo xtask test`: every check, in the order a failure is cheapest.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::host::{self, HostPage};
use crate::run::{build_console, build_server, cargo, run};
use crate::server::Server;
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

    step("Tidy: the codebase's own rules (cargo xtask tidy)");
    crate::tidy::tidy()?;
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
    crate::fuzz::fuzz()?;

    step("Browser end-to-end tests (Playwright, headless Chromium)");
    let dir = std::env::temp_dir().join(format!("sync-monitor-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let result = (|| {
        let server = start_server(&dir.join("e2e.db"), &["--users", E2E_USERS])?;
        let sub = start_server(
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
        let slow = start_server(
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
        // Embedded as in the sales application: the host stand-in on a
        // second origin hands the console JWTs from the dev token relay.
        let host = HostPage::start(0)?;
        let log = dir.join("embedded.log");
        let foreign = format!("http://127.0.0.1:{}", host.port);
        // The foreign origin may frame it too, to test that the console
        // ignores messages from an unlisted parent.
        let mut flags = vec![
            "--users".to_owned(),
            "2000".into(),
            "--fault-control".into(),
        ];
        flags.extend(host.embedded_server_flags(&[&foreign])?);
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        let embedded = Server::start_logged(
            &dir.join("embedded.db"),
            &flags,
            &[("SYNC_MONITOR_JWT_SECRET", &host::random_secret())],
            Some(&log),
            Duration::from_secs(60),
        )?;
        host.frame(&format!("{}/", embedded.base));
        let e2e = run_playwright(&[
            ("BASE_URL", server.base.clone()),
            ("SUBPATH_URL", format!("{}/monitor/", sub.base)),
            ("LATENCY_URL", slow.base.clone()),
            ("HOST_URL", format!("{}/", host.origin)),
            ("FOREIGN_HOST_URL", format!("{foreign}/")),
            ("EMBEDDED_URL", embedded.base.clone()),
            ("EMBEDDED_LOG", log.to_string_lossy().into_owned()),
        ]);
        drop((server, sub, slow, embedded, host));
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

/// The server for the browser tests: the e2e token, test faults, the
/// built console, then `flags` (a later `--static-dir` wins).
fn start_server(database: &std::path::Path, flags: &[&str]) -> Result<Server, String> {
    // `http://localhost:<any port>` stands for the sales application's
    // page that frames the console (the tests serve it through Playwright;
    // the console itself is on 127.0.0.1, another origin).
    let mut all = vec![
        "--token",
        E2E_TOKEN,
        "--fault-control",
        "--static-dir",
        "dist",
        "--frame-ancestors",
        "'self' http://localhost:*",
    ];
    all.extend_from_slice(flags);
    Server::start(database, &all, Duration::from_secs(60))
}

/// Runs the suite; returns (passed, failed) from Playwright's JSON report.
fn run_playwright(env: &[(&str, String)]) -> Result<(u64, u64), String> {
    let tests = root().join("tests");
    let report = tests.join("test-results").join("results.json");
    let _ = std::fs::remove_file(&report);
    let status = Command::new("npx")
        .current_dir(&tests)
        .args(["playwright", "test"])
        .envs(env.iter().map(|(k, v)| (k, v)))
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
    let report: serde_json::Value = serde_json::from_str(&text).ok()?;
    let stats = report.get("stats")?;
    Some((
        stats.get("expected")?.as_u64()?,
        stats.get("unexpected")?.as_u64()?,
    ))
}
