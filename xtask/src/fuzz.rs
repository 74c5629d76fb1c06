//! The contract, fuzzed: schemathesis (pinned, in a git-ignored virtualenv
//! under `.tools/schemathesis/`) against a throw-away reference server for
//! a fixed time budget, with every check on: no 5xx; status codes, content
//! types, headers and bodies as `openapi.yaml` says; requests the spec
//! allows accepted and requests it forbids rejected. Quiet when green,
//! schemathesis' report when red.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::{output, run};
use crate::server::Server;
use crate::{root, step, tools};

const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// Schemathesis' own budget, in seconds: its fuzzing and stateful phases
/// repeat until it is spent.
const BUDGET_SECS: &str = "90";
/// The run is stopped past this, whatever it is doing.
const HARD_LIMIT: Duration = Duration::from_secs(115);
/// Users seeded into the throw-away database (actions and PATCH change it).
const USERS: &str = "500";
const TOKEN: &str = "fuzz-token";

fn home() -> PathBuf {
    tools::tools_dir().join("schemathesis")
}

fn venv_bin(name: &str) -> PathBuf {
    home().join("venv").join("bin").join(name)
}

/// Installs schemathesis into `.tools/schemathesis/venv` with pip unless
/// that version is there.
fn ensure_schemathesis() -> Result<(), String> {
    let found = output(Command::new(venv_bin("st")).arg("--version")).unwrap_or_default();
    if found.split_whitespace().any(|w| w == SCHEMATHESIS_VERSION) {
        return Ok(());
    }
    println!(
        "    installing schemathesis {SCHEMATHESIS_VERSION} into .tools/schemathesis/ (pip, once)"
    );
    let venv = home().join("venv");
    // A stale or moved virtualenv is made anew rather than repaired.
    let _ = std::fs::remove_dir_all(&venv);
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(venv_bin("pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
    ]))
}

/// The fuzzing step of `cargo xtask test` (the release server is built).
pub fn fuzz() -> Result<(), String> {
    step(&format!(
        "Contract fuzzing (schemathesis {SCHEMATHESIS_VERSION}, every check, {BUDGET_SECS} s)"
    ));
    ensure_schemathesis()?;
    let dir = std::env::temp_dir().join(format!("sync-monitor-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let result = (|| {
        let server = Server::start(
            &dir.join("fuzz.db"),
            &["--users", USERS, "--token", TOKEN],
            Duration::from_secs(60),
        )?;
        schemathesis(&server.base, &dir.join("schemathesis.log"))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Runs schemathesis against the server at `base`, its output into `log`.
fn schemathesis(base: &str, log: &Path) -> Result<(), String> {
    // Its working folder keeps its example database between runs, so a
    // failure found once is tried first next time.
    let work = home().join("work");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let out = File::create(log).map_err(|e| e.to_string())?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut child = Command::new(venv_bin("st"))
        .current_dir(&work)
        .arg("--config-file")
        .arg(root().join("xtask").join("schemathesis.toml"))
        .arg("run")
        .arg(root().join("openapi.yaml"))
        .args(["--url", &format!("{base}/api/monitor/v1")])
        .args(["--header", &format!("Authorization: Bearer {TOKEN}")])
        .args(["--checks", "all", "--max-time", BUDGET_SECS])
        // The token is a throw-away one; the repro commands stay exact.
        .args(["--output-sanitize", "false", "--no-color"])
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("could not run schemathesis: {e}"))?;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break Some(status);
        }
        if started.elapsed() > HARD_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let report = std::fs::read_to_string(log).unwrap_or_default();
    let secs = started.elapsed().as_secs();
    match (status, summary(&report)) {
        (Some(s), Some(summary)) if s.success() => {
            println!("    schemathesis: {summary}, no failure, in {secs} s");
            Ok(())
        }
        (Some(s), None) if s.success() => {
            println!("{report}");
            Err("schemathesis tested no operation".into())
        }
        (Some(s), _) => {
            println!("{report}");
            Err(format!("schemathesis failed ({s}); its report is above"))
        }
        (None, _) => {
            println!("{report}");
            Err(format!("schemathesis did not finish within {HARD_LIMIT:?}"))
        }
    }
}

/// "9 operations, 5230 generated, 5230 passed, 18 skipped" from the
/// report's summary; `None` when it tested nothing.
fn summary(report: &str) -> Option<String> {
    let tested = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("Tested: "))?
        .trim();
    let cases = report
        .lines()
        .map(str::trim)
        .find(|l| l.contains(" generated,"))?;
    (tested != "0").then(|| format!("{tested} operations, {cases}"))
}
