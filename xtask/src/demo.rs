//! `cargo xtask demo`: build everything and start the reference server with
//! a seeded database, serving the console.

use std::process::Command;

use crate::host::{self, HostPage};
use crate::run::{build_all, server_binary};
use crate::{root, step, tools};

pub fn demo(args: &[String]) -> Result<(), String> {
    let mut port = "8080".to_owned();
    let mut users = "10000".to_owned();
    let mut database = root().join(".data").join("sync-monitor.db");
    let mut reseed = false;
    let mut simulate = true;
    let mut embedded = false;
    let mut host_port = "8081".to_owned();
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
            "--embedded" => embedded = true,
            "--host-port" => host_port = value("--host-port")?,
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
    build_all(&env, &[])?;
    if let Some(dir) = database.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    step("Starting the reference server");
    let mut cmd = Command::new(server_binary());
    cmd.current_dir(root())
        .args(["--port", &port, "--users", &users, "--database"])
        .arg(&database)
        .args(reseed.then_some("--reseed"))
        .args(simulate.then_some("--simulate"));
    if !embedded {
        cmd.args(["--demo", "--static-dir", "dist"]).args(&extra);
        return exec(cmd);
    }
    // Embedded: the host stand-in on a second origin frames the console,
    // which signs in with JWTs the host gets from the dev token relay.
    let host_port: u16 = host_port
        .parse()
        .map_err(|_| format!("--host-port: `{host_port}` is not a port"))?;
    let console_url = format!("http://127.0.0.1:{port}/");
    let host = HostPage::start(host_port)?;
    host.frame(&console_url);
    cmd.args(host.embedded_server_flags(&[])?)
        // Through the environment: a secret on the command line shows in ps.
        .env("SYNC_MONITOR_JWT_SECRET", host::random_secret())
        .args(&extra);
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("could not start the server: {e}"))?;
    println!(
        "\nOpen {}/ — the sales application's page (stand-in), framing the console.\n",
        host.origin
    );
    let status = child.wait().map_err(|e| e.to_string())?;
    drop(host);
    if status.success() {
        Ok(())
    } else {
        Err(format!("the server stopped ({status})"))
    }
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
