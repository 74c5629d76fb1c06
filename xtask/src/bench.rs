//! `cargo xtask bench`: measured speed of the reference server at 100,000
//! users. Figures are medians over repeated runs; nothing here is a test.

use std::time::{Duration, Instant};

use crate::compress::kb;
use crate::run::build_server;
use crate::server::{http_get, http_get_sized, Server};
use crate::{root, step};

const USERS: u32 = 100_000;
const RUNS: usize = 21;

pub fn bench(args: &[String]) -> Result<(), String> {
    let server_only = match args.first().map(String::as_str) {
        None => false,
        Some("--server-only") => true,
        Some("--floor") => return floor(),
        Some(a) => return Err(format!("unknown bench option `{a}`")),
    };
    if !server_only {
        let env = crate::tools::ensure_build_tools()?;
        crate::tools::ensure_test_tools()?;
        crate::run::build_console(&env)?;
    }
    build_server()?;
    let dir = std::env::temp_dir().join(format!("sync-monitor-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let result = run_benches(&dir, server_only);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run_benches(dir: &std::path::Path, server_only: bool) -> Result<(), String> {
    step(&format!("Seeding {USERS} users and starting the server"));
    let started = Instant::now();
    let database = dir.join("bench.db");
    let users = USERS.to_string();
    let server = Server::start(
        &database,
        &["--demo", "--users", &users],
        Duration::from_secs(120),
    );
    let seed_time = started.elapsed();
    let addr = server.as_ref().map(|s| s.addr.clone()).unwrap_or_default();
    let ready = server.as_ref().map(|_| ()).map_err(Clone::clone);
    let result = ready.and_then(|()| {
        println!("    seed + start, {USERS} users: {:.1} s (goal < 30 s)", seed_time.as_secs_f64());
        if !server_only {
            transfer(&addr)?;
        }
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
            ("error groups", "/api/monitor/v1/errorGroups"),
            ("trend, 30 days (goal <= 20 ms)", "/api/monitor/v1/syncStats?days=30&utcOffsetMinutes=60"),
            ("one error group's users + total", "/api/monitor/v1/users?errorCode=MS_TOKEN_EXPIRED&limit=100&totalResults=true"),
        ];
        for (name, path) in cases {
            let mut times = Vec::with_capacity(RUNS);
            for _ in 0..RUNS {
                let t = Instant::now();
                let status = http_get(&addr, path, Some("demo-token"))?;
                times.push(t.elapsed());
                if status != 200 {
                    return Err(format!("{path} answered {status}"));
                }
            }
            times.sort();
            let median = times[RUNS / 2];
            println!("    {name:<32} {:>8.2} ms", median.as_secs_f64() * 1000.0);
        }
        step(&format!("Reference server under load at {USERS} users (loopback)"));
        crate::load::load(&addr)?;
        if server_only {
            return Ok(());
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
    drop(server);
    result
}

/// The transfer of the stack's floor beside the console's: what Leptos,
/// leptos_router, gloo-net and serde_json cost before any of the console's
/// own code (#13).
fn floor() -> Result<(), String> {
    let env = crate::tools::ensure_build_tools()?;
    let console = crate::run::build_console(&env)?;
    let dir = std::env::temp_dir().join(format!("sync-monitor-floor-{}", std::process::id()));
    let floor = crate::run::build_floor(&env, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let floor = floor?;
    step("Transfer (html + js + wasm + css): raw / gzip -9 / brotli 11");
    for (name, s) in [("stack floor", floor), ("console", console)] {
        println!(
            "    {name:<12} {} / {} / {}",
            kb(s.raw),
            kb(s.gzip),
            kb(s.brotli)
        );
    }
    println!("    goal (#13)   gzip -9 <= 200 KB, brotli 11 <= 160 KB");
    Ok(())
}

/// The transfer row: the cold load's assets (everything in `dist/` but
/// `config.json`) raw, gzip -9 and brotli 11, and what the server actually
/// sends a browser that accepts `br` (median of 5 loads); and what of it
/// comes before the first rows: all but the parts split off the module
/// (`crate::split`), which the dashboard fetches once its rows are painted.
fn transfer(addr: &str) -> Result<(), String> {
    step("Transfer of a cold load (html + js + wasm + css)");
    let dist = root().join("dist");
    let mut assets = Vec::new();
    let mut sizes = (0u64, 0u64, 0u64);
    let mut parts = (0usize, 0u64, 0u64, 0u64);
    for entry in std::fs::read_dir(&dist)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let cold = [".html", ".js", ".wasm", ".css"]
            .iter()
            .any(|e| name.ends_with(e));
        if !cold {
            continue;
        }
        let len = |suffix: &str| {
            std::fs::metadata(dist.join(format!("{name}{suffix}"))).map_or(0, |m| m.len())
        };
        sizes.0 += len("");
        sizes.1 += len(".gz");
        sizes.2 += len(".br");
        if name.ends_with(".wasm") && !name.ends_with("_bg.wasm") {
            parts.0 += 1;
            parts.1 += len("");
            parts.2 += len(".gz");
            parts.3 += len(".br");
        }
        assets.push(if name == "index.html" {
            "/".to_owned()
        } else {
            format!("/{name}")
        });
    }
    let mut wire = Vec::new();
    for _ in 0..5 {
        let mut total = 0;
        for path in &assets {
            let (status, bytes) =
                http_get_sized(addr, path, "Accept-Encoding: gzip, deflate, br, zstd\r\n")?;
            if status != 200 {
                return Err(format!("{path} answered {status}"));
            }
            total += bytes as u64;
        }
        wire.push(total);
    }
    wire.sort();
    println!(
        "    raw {}, gzip -9 {} (goal <= 200 KB), brotli 11 {} (goal <= 160 KB), on the wire {} ({:+.1} % of brotli)",
        kb(sizes.0),
        kb(sizes.1),
        kb(sizes.2),
        kb(wire[2]),
        (wire[2] as f64 / sizes.2.max(1) as f64 - 1.0) * 100.0
    );
    println!(
        "    before the first rows: raw {}, gzip -9 {}, brotli 11 {} (without the {} parts split off the module: {} brotli 11, fetched after the rows are painted)",
        kb(sizes.0 - parts.1),
        kb(sizes.1 - parts.2),
        kb(sizes.2 - parts.3),
        parts.0,
        kb(parts.3)
    );
    Ok(())
}
