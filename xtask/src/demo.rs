//! `cargo xtask demo`: build everything and start the reference server with
//! a seeded database, serving the console.

use std::process::Command;

use crate::run::{build_all, server_binary};
use crate::{root, step, tools};

pub fn demo(args: &[String]) -> Result<(), String> {
    let mut port = "8080".to_owned();
    let mut users = "10000".to_owned();
    let mut database = root().join(".data").join("sync-monitor.db");
    let mut reseed = false;
    let mut simulate = true;
    let mut extra: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match a.as_str() {
            "--port" => port = value("--port")?,
            "--users" => users = value("--users")?,
            "--database" => database = value("--database")?.into(),
            "--reseed" => reseed = true,
            "--no-simulate" => simulate = false,
            "--" => {
                extra.extend(it.by_ref().cloned());
            }
            other => {
                return Err(format!(
                    "unknown demo option `{other}` (see `cargo xtask help`)"
                ))
            }
        }
    }
    let env = tools::ensure_build_tools()?;
    build_all(&env)?;
    if let Some(dir) = database.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    step("Starting the reference server");
    let mut cmd = Command::new(server_binary());
    cmd.current_dir(root())
        .args([
            "--port",
            &port,
            "--users",
            &users,
            "--static-dir",
            "dist",
            "--database",
        ])
        .arg(&database)
        .args(reseed.then_some("--reseed"))
        .args(simulate.then_some("--simulate"))
        .args(&extra);
    exec(cmd)
}

/// Replaces this process with the server, so Ctrl-C reaches it directly and
/// it shuts down cleanly.
#[cfg(unix)]
fn exec(mut cmd: Command) -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    Err(format!("could not start the server: {}", cmd.exec()))
}

#[cfg(not(unix))]
fn exec(mut cmd: Command) -> Result<(), String> {
    crate::run::run(&mut cmd)
}
