//! `cargo xtask bench`: measured speed of the reference server at 100,000
//! users. Figures are medians over repeated runs; nothing here is a test.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::run::{build_server, server_binary};
use crate::{root, step};

const USERS: u32 = 100_000;
const RUNS: usize = 21;

pub fn bench(args: &[String]) -> Result<(), String> {
    if let Some(a) = args.first() {
        return Err(format!("unknown bench option `{a}`"));
    }
    let env = crate::tools::ensure_build_tools()?;
    crate::tools::ensure_test_tools()?;
    crate::run::build_console(&env)?;
    build_server()?;
    let dir = std::env::temp_dir().join(format!("sync-monitor-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let result = run_benches(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run_benches(dir: &std::path::Path) -> Result<(), String> {
    step(&format!("Seeding {USERS} users and starting the server"));
    let port = crate::test::free_port()?;
    let started = Instant::now();
    let mut child = std::process::Command::new(server_binary())
        .current_dir(root())
        .args([
            "--port",
            &port.to_string(),
            "--users",
            &USERS.to_string(),
            "--database",
        ])
        .arg(dir.join("bench.db"))
        .stdout(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start the server: {e}"))?;
    let addr = format!("127.0.0.1:{port}");
    let ready = crate::test::wait_ready(&addr, Duration::from_secs(120));
    let seed_time = started.elapsed();
    let result = ready.and_then(|()| {
        println!("    seed + start, {USERS} users: {:.1} s (goal < 30 s)", seed_time.as_secs_f64());
        step(&format!("API latency at {USERS} users (median of {RUNS}, loopback)"));
        let cases = [
            ("summary", "/api/monitor/v1/summary"),
            ("first page + total", "/api/monitor/v1/users?limit=100&totalResults=true"),
            ("last page, sorted by email", "/api/monitor/v1/users?limit=100&offset=99900&orderBy=microsoftEmail:desc"),
            ("search 3+ chars + total", "/api/monitor/v1/users?search=kim&limit=100&totalResults=true"),
            ("search 2 chars + total", "/api/monitor/v1/users?search=ki&limit=100&totalResults=true"),
            ("card filter, sorted by start", "/api/monitor/v1/users?lastSync=FAILED&orderBy=lastSyncStart:desc&totalResults=true"),
            ("all ids (select all)", "/api/monitor/v1/users/ids"),
            ("transactions page", "/api/monitor/v1/users/500/transactions?limit=100&totalResults=true"),
        ];
        for (name, path) in cases {
            let mut times = Vec::with_capacity(RUNS);
            for _ in 0..RUNS {
                let t = Instant::now();
                let status = http_get(&addr, path)?;
                times.push(t.elapsed());
                if status != 200 {
                    return Err(format!("{path} answered {status}"));
                }
            }
            times.sort();
            let median = times[RUNS / 2];
            println!("    {name:<32} {:>8.2} ms", median.as_secs_f64() * 1000.0);
        }
        step(&format!("Console at {USERS} users (headless Chromium)"));
        crate::run::run(
            std::process::Command::new("node")
                .current_dir(root().join("tests"))
                .arg("bench/table-bench.mjs")
                .env("BASE_URL", format!("http://{addr}"))
                .env("DIST_DIR", root().join("dist"))
                .env("CHROMIUM", crate::tools::CHROMIUM),
        )
    });
    let _ = child.kill();
    let _ = child.wait();
    result
}

/// A minimal HTTP/1.0 GET with the demo token; returns the status.
fn http_get(addr: &str, path: &str) -> Result<u16, String> {
    let mut s = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.0\r\nAuthorization: Bearer demo-token\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).map_err(|e| e.to_string())?;
    let head = String::from_utf8_lossy(&buf[..buf.len().min(16)]).into_owned();
    head.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("bad answer from {path}"))
}
