//! Installing what is missing, and only that. Versions are pinned here and
//! checked on every run, so a second run reinstalls nothing.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{output, run};
use crate::{root, step};

/// Trunk 0.22 needs a newer rustc than this toolchain has.
const TRUNK_VERSION: &str = "0.21.14";
/// Debian's wasm-opt 108 produces a module that dies at run time.
const BINARYEN_VERSION: &str = "132.0.0";
const WASM_OPT_VERSION: &str = "version 132";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The console's release build only: `-Cpanic=immediate-abort` needs a
/// nightly compiler and a standard library rebuilt from its source, and
/// leaves the panic machinery and its messages out of the module (#13:
/// 483 → 442 KB gzip -9). Everything else builds on stable.
pub const NIGHTLY: &str = "nightly-2026-10-29";

/// Where the build tools are, and the PATH that finds them first.
pub struct ToolEnv {
    pub trunk: PathBuf,
    pub path: OsString,
}

/// The project-local, git-ignored folder for npm-installed tools.
pub fn tools_dir() -> PathBuf {
    root().join(".tools")
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// Installs the wasm target, Trunk, wasm-bindgen and wasm-opt if missing.
pub fn ensure_build_tools() -> Result<ToolEnv, String> {
    step("Checking build tools");
    ensure_wasm_target()?;
    ensure_nightly()?;
    let bin = cargo_bin();
    let trunk = bin.join("trunk");
    ensure_cargo_tool(&trunk, "trunk", TRUNK_VERSION, true)?;
    let bindgen_version = locked_version("wasm-bindgen")?;
    check_trunk_toml(&bindgen_version)?;
    ensure_cargo_tool(
        &bin.join("wasm-bindgen"),
        "wasm-bindgen-cli",
        &bindgen_version,
        // Its own lock names a crate version the registry here lacks.
        false,
    )?;
    let npm_bin = ensure_wasm_opt()?;
    let mut paths = vec![npm_bin, bin];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(paths).map_err(|e| e.to_string())?;
    Ok(ToolEnv { trunk, path })
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("    {WASM_TARGET}: installed");
        return Ok(());
    }
    println!("    installing the {WASM_TARGET} target");
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// The pinned nightly with its standard library's source, if missing.
fn ensure_nightly() -> Result<(), String> {
    let components = output(Command::new("rustup").args([
        "component",
        "list",
        "--installed",
        "--toolchain",
        NIGHTLY,
    ]))
    .unwrap_or_default();
    if components.lines().any(|l| l.trim() == "rust-src") {
        println!("    {NIGHTLY} with rust-src: installed");
        return Ok(());
    }
    println!("    installing {NIGHTLY} with rust-src (seconds, once)");
    run(Command::new("rustup").args([
        "toolchain",
        "install",
        NIGHTLY,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
        "--target",
        WASM_TARGET,
    ]))
}

/// `cargo install <krate> --version <version>` unless `binary --version`
/// already reports that version.
fn ensure_cargo_tool(
    binary: &Path,
    krate: &str,
    version: &str,
    locked: bool,
) -> Result<(), String> {
    let found = output(Command::new(binary).arg("--version")).unwrap_or_default();
    if found.split_whitespace().any(|w| w == version) {
        println!("    {krate} {version}: installed");
        return Ok(());
    }
    println!("    installing {krate} {version} (a few minutes, once)");
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args(["install", krate, "--version", version, "--force"]);
    if locked {
        cmd.arg("--locked");
    }
    run(&mut cmd)
}

/// The version of `krate` recorded in Cargo.lock.
fn locked_version(krate: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let lock: toml::Table = lock
        .parse()
        .map_err(|e| format!("Cargo.lock is not valid TOML: {e}"))?;
    lock.get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(krate))
        .and_then(|p| p.get("version")?.as_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("{krate} is not in Cargo.lock"))
}

/// Trunk.toml pins wasm-bindgen too; the two must agree.
fn check_trunk_toml(bindgen_version: &str) -> Result<(), String> {
    let toml = std::fs::read_to_string(root().join("Trunk.toml"))
        .map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    let expected = format!("wasm_bindgen = \"{bindgen_version}\"");
    let table: toml::Table = toml
        .parse()
        .map_err(|e| format!("Trunk.toml is not valid TOML: {e}"))?;
    let pinned = table
        .get("tools")
        .and_then(|t| t.get("wasm_bindgen"))
        .and_then(|v| v.as_str());
    if pinned == Some(bindgen_version) {
        Ok(())
    } else {
        Err(format!(
            "Trunk.toml must say `{expected}` to match Cargo.lock's wasm-bindgen"
        ))
    }
}

/// wasm-opt from npm's `binaryen` into `.tools/`; returns its bin folder.
fn ensure_wasm_opt() -> Result<PathBuf, String> {
    let dir = tools_dir();
    let bin = dir.join("node_modules").join(".bin");
    let found = output(Command::new(bin.join("wasm-opt")).arg("--version")).unwrap_or_default();
    if found.contains(WASM_OPT_VERSION) {
        println!("    wasm-opt ({WASM_OPT_VERSION}): installed");
        return Ok(bin);
    }
    println!("    installing wasm-opt (npm binaryen@{BINARYEN_VERSION}) into .tools/");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    run(Command::new("npm").current_dir(&dir).args([
        "install",
        "--prefix",
        ".",
        "--no-audit",
        "--no-fund",
        &format!("binaryen@{BINARYEN_VERSION}"),
    ]))?;
    Ok(bin)
}

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Chromium from apt and the browser-test npm packages from the lockfile.
pub fn ensure_test_tools() -> Result<(), String> {
    step("Checking test tools");
    if Path::new(CHROMIUM).exists() && Path::new("/usr/bin/chromedriver").exists() {
        println!("    chromium, chromium-driver: installed");
    } else {
        println!("    installing chromium and chromium-driver with apt-get (about a minute)");
        let sudo = !is_root();
        let apt = |args: &[&str]| {
            let mut cmd = if sudo {
                let mut c = Command::new("sudo");
                c.arg("apt-get");
                c
            } else {
                Command::new("apt-get")
            };
            cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
            run(&mut cmd)
        };
        apt(&["update"])?;
        apt(&[
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ])?;
    }
    let tests = root().join("tests");
    let installed = tests.join("node_modules").join(".package-lock.json");
    let lock = tests.join("package-lock.json");
    let fresh = match (modified(&installed), modified(&lock)) {
        (Some(i), Some(l)) => i >= l,
        _ => false,
    };
    if fresh {
        println!("    browser test packages: installed");
        return Ok(());
    }
    println!("    installing browser test packages (npm ci)");
    run(Command::new("npm")
        .current_dir(&tests)
        .args(["ci", "--no-audit", "--no-fund"])
        // Never download Playwright's own browsers: Debian's Chromium is used.
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
}

fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0")
}
