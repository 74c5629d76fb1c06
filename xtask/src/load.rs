//! The reference server under load: 2,000 `GET /users` with a search and an
//! `orderBy`, as the console sends them while an administrator types,
//! from 16 concurrent clients; throughput and latency percentiles.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::server::http_get;

const REQUESTS: usize = 2_000;
const CONCURRENCY: usize = 16;

/// What an administrator types into the search box, letter by letter.
const WORDS: &[&str] = &[
    "kim", "elena", "costa", "bauer", "zoe", "chen", "ahmed", "dubois",
];
const ORDERS: &[&str] = &[
    "salesUserName:asc",
    "microsoftEmail:desc",
    "lastSyncStart:desc",
    "lastSyncStatus:asc",
];

/// The `n`-th request's path: every prefix of every word (2 letters and
/// more), each sorted one of four ways, with the total, one page of 100.
fn path(n: usize) -> String {
    let prefixes: Vec<&str> = WORDS
        .iter()
        .flat_map(|w| (2..=w.len()).map(move |k| &w[..k]))
        .collect();
    let search = prefixes[n % prefixes.len()];
    let order = ORDERS[(n / prefixes.len()) % ORDERS.len()];
    format!(
        "/api/monitor/v1/users?search={search}&orderBy={order}&limit=100&offset=0&totalResults=true"
    )
}

/// Runs the load against `addr` and prints requests/s, p50 and p99.
pub fn load(addr: &str) -> Result<(), String> {
    let next = AtomicUsize::new(0);
    let times = Mutex::new(Vec::with_capacity(REQUESTS));
    let started = Instant::now();
    let failures: Vec<String> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..CONCURRENCY)
            .map(|_| {
                s.spawn(|| -> Result<(), String> {
                    loop {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        if n >= REQUESTS {
                            return Ok(());
                        }
                        let p = path(n);
                        let t = Instant::now();
                        let status = http_get(addr, &p, Some("demo-token"))?;
                        let took = t.elapsed();
                        if status != 200 {
                            return Err(format!("{p} answered {status}"));
                        }
                        times.lock().map_err(|e| e.to_string())?.push(took);
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .filter_map(|w| match w.join() {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(e),
                Err(_) => Some("a load worker panicked".to_owned()),
            })
            .collect()
    });
    let elapsed = started.elapsed();
    if let Some(first) = failures.first() {
        return Err(first.clone());
    }
    let mut times = times.into_inner().map_err(|e| e.to_string())?;
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "    {REQUESTS} searches with orderBy, {CONCURRENCY} at a time: {:.0} requests/s (goal >= 400), p50 {:.1} ms, p99 {:.1} ms (goal <= 120 ms)",
        REQUESTS as f64 / elapsed.as_secs_f64(),
        ms(at(0.50)),
        ms(at(0.99)),
    );
    Ok(())
}
