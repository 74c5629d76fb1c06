//! `cargo xtask`: the project's automation, and the only place that knows
//! the toolchain. See `cargo xtask help`.

mod bench;
mod compress;
mod demo;
mod fuzz;
mod host;
mod icons;
mod load;
mod run;
mod server;
mod split;
mod test;
mod tidy;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command> [options]

Commands:
  demo [options] [-- <server flags>]
        Install what is missing, build the console (release, offline) and the
        reference server, then start it with a seeded SQLite database and
        print the URL to open. Ctrl-C stops it.
          --port <N>       port to listen on (default 8080)
          --users <N>      users to seed into a new database (default 10000)
          --database <P>   database file (default .data/sync-monitor.db)
          --reseed         delete the database and seed it again
          --no-simulate    no simulated sync activity (on by default)
          --embedded       as the sales application runs it: a host page on a
                           second origin (http://localhost:<host port>) frames
                           the console and hands it JWTs from the server's dev
                           token relay (Embedding protocol v1)
          --host-port <N>  port of that host page (default 8081)
        Anything after `--` goes to the server (see its --help).
  test  Install what is missing (Chromium included), then run every check:
        tidy, rustfmt, clippy (native and wasm32, warnings denied), unit and server
        tests, the release build of the console, schemathesis fuzzing the
        API against openapi.yaml (90 s, every check), and the browser
        end-to-end tests against a real server on a throw-away database, and
        the screenshots of the main states into target/screenshots/.
  tidy  The codebase's own rules: a `//!` line on every Rust file, at most
        300 shipped lines a file, the console's imports one way (main → app →
        pages → components → state → api; components never fetch), no SQL
        in the server's handlers. Also the first step of `test`.
  bench Benchmarks (medians, not tests) at 100,000 users: seeding, the
        cold load's transfer, API latency, the server under load (2,000
        searches, 16 at a time) and the console in headless Chromium.
        `bench --server-only` measures the server alone; `bench --floor`
        builds tests/bench/floor (the smallest console of this stack) as
        the console is built and prints both transfers.
  build [--public-url /<path>/]
        Install what is missing and build the console (dist/: Trunk with the
        pinned nightly, whose standard library is rebuilt so panics abort at
        once; the module split where the console marks split points, its
        parts fetched when needed) and the server. Every command that builds
        the console does so. --public-url: for serving the console under a
        sub-path (default /).
  icons Print the icons' rules for style/main.css: their drawings' strokes
        (xtask/src/icons.rs) as outlines for `clip-path` (a unit test keeps
        the style sheet equal to them).
  install
        Only install what is missing (tools for build, test and demo).
  help  Show this text.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => ("help", &[][..]),
    };
    let result = match cmd {
        "demo" => demo::demo(rest),
        "test" => test::test(rest),
        "bench" => bench::bench(rest),
        "tidy" => tidy::tidy(),
        "icons" => icons::icons(),
        "build" => tools::ensure_build_tools().and_then(|env| run::build_all(&env, rest)),
        "install" => tools::ensure_build_tools().and_then(|_| tools::ensure_test_tools()),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).to_path_buf()
}

/// Prints a step header.
pub fn step(what: &str) {
    println!("\n==> {what}");
}
