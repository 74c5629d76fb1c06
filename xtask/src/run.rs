//! Running commands and building the project.

use std::path::Path;
use std::process::Command;

use crate::tools::ToolEnv;
use crate::{root, step};

/// Runs a command to completion; an error names it if it fails.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Runs a command and returns its standard output, or `None` if it cannot
/// run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `cargo` from the toolchain running this xtask.
pub fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

/// The environment of the console's release build: the pinned nightly, a
/// standard library rebuilt with panics that abort at once (no messages,
/// no formatting for them). `RUSTFLAGS` replaces the target's flags in
/// `.cargo/config.toml`, so it repeats `erase_components`. (The console's
/// `build.rs` links it with its relocations kept, for `crate::split`.)
const NIGHTLY_BUILD: [(&str, &str); 3] = [
    ("RUSTUP_TOOLCHAIN", crate::tools::NIGHTLY),
    ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort"),
    (
        "RUSTFLAGS",
        "--cfg erase_components -Zunstable-options -Cpanic=immediate-abort",
    ),
];

/// Builds the console with Trunk (release, offline) into `dist/`; the sizes
/// of its precompressed assets.
pub fn build_console(env: &ToolEnv) -> Result<crate::compress::Sizes, String> {
    build_console_at(env, "/", "dist")
}

/// Builds the console for serving under `public_url` into `dist`.
pub fn build_console_at(
    env: &ToolEnv,
    public_url: &str,
    dist: &str,
) -> Result<crate::compress::Sizes, String> {
    step(&format!(
        "Building the console (trunk build --release --offline --public-url {public_url})"
    ));
    let dist = root().join(dist);
    trunk_build(env, &root(), public_url, &dist)?;
    let split = crate::split::split_console(env, &dist)?;
    println!("    split off: {}", split.chunks.join(", "));
    externalize_loader(&dist)?;
    report_wasm_size(&dist);
    let sizes = crate::compress::precompress(&dist)?;
    println!(
        "    precompressed assets: {} raw, {} gzip -9, {} brotli 11",
        crate::compress::kb(sizes.raw),
        crate::compress::kb(sizes.gzip),
        crate::compress::kb(sizes.brotli)
    );
    Ok(sizes)
}

/// `trunk build` (release, offline) of the app whose `index.html` is in
/// `dir`, with the console's toolchain and flags, into `dist`.
fn trunk_build(env: &ToolEnv, dir: &Path, public_url: &str, dist: &Path) -> Result<(), String> {
    // Trunk builds offline: fetch the crates first, the standard library's
    // among them (a no-op when present).
    // (`cargo` through rustup's proxy on PATH, so RUSTUP_TOOLCHAIN counts.)
    run(Command::new("cargo")
        .current_dir(dir)
        .args(["fetch", "--quiet", "--target", "wasm32-unknown-unknown"])
        .env("PATH", &env.path)
        .envs(NIGHTLY_BUILD))?;
    run(Command::new(&env.trunk)
        .current_dir(dir)
        .args([
            "build",
            "--release",
            "--offline",
            "--public-url",
            public_url,
            "--dist",
        ])
        .arg(dist)
        .env("PATH", &env.path)
        .envs(NIGHTLY_BUILD)
        // One target directory: the floor reuses the console's crates.
        .env("CARGO_TARGET_DIR", target_dir())
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env("NO_COLOR", "true"))
}

/// A worker that loads the locale's date data. The first
/// `Intl.DateTimeFormat` of a page loads it (~20 ms; ~80–100 ms with the
/// CPU 4× slower), and the console needs it for the first rows' times.
/// The data is shared by the renderer's threads, so a worker that loads it
/// while the module downloads and compiles spares the main thread: its own
/// first formatter then takes ~0.2 ms (#13). It used to be a task of the
/// page itself, in the way of the module's start with a fast network.
const WARM_UP_WORKER: &str = "new Intl.DateTimeFormat([], \
{ dateStyle: 'medium', timeStyle: 'long' }).format(0);\nclose();\n";

/// The loader's first line: starts [`WARM_UP_WORKER`] (beside the loader,
/// so it works under any public URL); without it (a stricter policy of a
/// host that serves the console itself) the console formats as before.
fn warm_up_line(worker: &str) -> String {
    format!("try {{ new Worker(new URL('{worker}', import.meta.url)); }} catch {{}}\n")
}

/// Moves the loader Trunk writes inline into `index.html` to a file of its
/// own, so the console runs under a Content-Security-Policy without
/// `'unsafe-inline'` scripts (`script-src 'self'`).
fn externalize_loader(dist: &Path) -> Result<(), String> {
    let index = dist.join("index.html");
    let html =
        std::fs::read_to_string(&index).map_err(|e| format!("cannot read {index:?}: {e}"))?;
    let open = "<script type=\"module\">";
    let Some(start) = html.find(open) else {
        return Err("index.html has no inline loader to move (Trunk changed?)".into());
    };
    let body_start = start + open.len();
    let end = html[body_start..]
        .find("</script>")
        .map(|e| body_start + e)
        .ok_or("index.html: the loader script is not closed")?;
    let worker = format!("intl-warm-{:016x}.js", fnv1a(WARM_UP_WORKER.as_bytes()));
    std::fs::write(dist.join(&worker), WARM_UP_WORKER).map_err(|e| e.to_string())?;
    let script = format!(
        "{}{}\n",
        warm_up_line(&worker),
        html[body_start..end].trim()
    );
    let name = format!("loader-{:016x}.js", fnv1a(script.as_bytes()));
    std::fs::write(dist.join(&name), script).map_err(|e| e.to_string())?;
    // The public URL prefix is the <base href>, so a relative src works.
    let tag = format!("<script type=\"module\" src=\"{name}\"></script>");
    let html = format!(
        "{}{tag}{}",
        &html[..start],
        &html[end + "</script>".len()..]
    );
    std::fs::write(&index, html).map_err(|e| e.to_string())?;
    println!("    loader moved out of index.html into {name} (no inline script)");
    Ok(())
}

/// A stable 64-bit hash (FNV-1a) for cache-busting file names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn report_wasm_size(dist: &Path) {
    let Ok(entries) = std::fs::read_dir(dist) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".wasm") {
            if let Ok(meta) = e.metadata() {
                println!("    {name}: {} KB", meta.len() / 1024);
            }
        }
    }
}

/// Builds the stack's floor (`tests/bench/floor`, #13) as the console is
/// built (same toolchain, flags, Trunk and wasm-opt) into `dist`; the sizes
/// of its assets.
pub fn build_floor(env: &ToolEnv, dist: &Path) -> Result<crate::compress::Sizes, String> {
    step("Building the stack's floor (tests/bench/floor, built as the console is)");
    let floor = root().join("tests").join("bench").join("floor");
    trunk_build(env, &floor, "/", dist)?;
    crate::compress::precompress(dist)
}

/// Builds the reference server in release.
pub fn build_server() -> Result<(), String> {
    step("Building the reference server (cargo build --release)");
    run(cargo().args(["build", "--release", "--package", "sync-monitor-server"]))
}

/// `cargo xtask build [--public-url <path>]`: the console (for serving
/// under `path`, `/` by default) and the server.
pub fn build_all(env: &ToolEnv, args: &[String]) -> Result<(), String> {
    match args {
        [] => build_console(env)?,
        [flag, url] if flag == "--public-url" && url.starts_with('/') => {
            build_console_at(env, url, "dist")?
        }
        _ => return Err("usage: cargo xtask build [--public-url /<path>/]".into()),
    };
    build_server()
}

/// Path of the release server binary.
pub fn server_binary() -> std::path::PathBuf {
    target_dir().join("release").join("sync-monitor-server")
}

/// Cargo's target directory.
pub fn target_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}
