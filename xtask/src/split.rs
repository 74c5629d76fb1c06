//! Splitting the console's module (#13): the code behind its split points
//! (`wasm_split` in the console, e.g. the user details page) leaves the
//! module a cold load of the dashboard downloads and compiles, into chunks
//! fetched when first needed.
//!
//! Trunk has no step between `cargo build` and wasm-bindgen
//! (trunk-rs/trunk#1022), where a split must run, so this runs after Trunk,
//! on the module Trunk's `cargo build` linked (with `--emit-relocs`), as
//! cargo-leptos does: `wasm_split_cli_support` splits it, wasm-bindgen
//! (`--keep-lld-exports`) makes the glue of the main part, wasm-opt `-Oz`
//! optimizes each part (Trunk's own wasm-opt is off in `index.html`), and
//! the results replace Trunk's glue and module under Trunk's hashed names.
//! The chunks and their loader get names with a hash of their contents;
//! the integrity digests in `index.html` are computed again.

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use sha2::Digest as _;

use crate::run::{fnv1a, run, target_dir};
use crate::tools::ToolEnv;

/// What the split wrote: the chunks (file names in `dist`).
pub struct Split {
    pub chunks: Vec<String>,
}

/// Splits the console's module and puts the parts in `dist` in place of
/// Trunk's glue and module.
pub fn split_console(env: &ToolEnv, dist: &Path) -> Result<Split, String> {
    let stem = trunk_stem(dist)?;
    let input = target_dir()
        .join("wasm32-unknown-unknown")
        .join("release")
        .join("sync-monitor.wasm");
    let bytes = std::fs::read(&input).map_err(|e| format!("cannot read {input:?}: {e}"))?;
    let work = target_dir().join("wasm-split");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("{work:?}: {e}"))?;
    let main_in = work.join("main.wasm");
    let main_module = format!("./{stem}.js");
    let mut opts = wasm_split_cli_support::Options::new(&bytes);
    opts.output_dir = &work;
    opts.main_out_path = &main_in;
    opts.main_module = &main_module;
    opts.link_name = LINK;
    let split = wasm_split_cli_support::transform(opts)
        .map_err(|e| format!("splitting {input:?}: {e:#}"))?;

    // The main part's glue.
    let bindgen = work.join("bindgen");
    run(Command::new("wasm-bindgen")
        .env("PATH", &env.path)
        .args(["--target=web", "--keep-lld-exports", "--no-typescript"])
        .arg(format!("--out-name={stem}"))
        .arg(format!("--out-dir={}", bindgen.display()))
        .arg(&main_in))?;

    // Each chunk, optimized, under a name with its contents' hash.
    let mut loader = read(&work.join(LINK))?;
    let mut chunks = Vec::new();
    for chunk in &split.split_modules {
        let name = file_name(chunk)?;
        let optimized = work.join(format!("opt-{name}"));
        wasm_opt(env, chunk, &optimized)?;
        let body = std::fs::read(&optimized).map_err(|e| e.to_string())?;
        let stem = name.trim_end_matches(".wasm");
        let hashed = format!("{stem}-{:016x}.wasm", fnv1a(&body));
        std::fs::write(dist.join(&hashed), &body).map_err(|e| e.to_string())?;
        loader = replace_once(&loader, &format!("./{name}\""), &format!("./{hashed}\""))?;
        chunks.push(hashed);
    }
    let loader_name = format!("wasm-split-{:016x}.js", fnv1a(loader.as_bytes()));
    std::fs::write(dist.join(&loader_name), &loader).map_err(|e| e.to_string())?;

    // The main part: its glue imports the chunks' loader by its new name
    // (once per split point; the module's imports keep the name it was
    // linked with).
    let glue = read(&bindgen.join(format!("{stem}.js")))?;
    let from = format!("from \"{LINK}\"");
    if !glue.contains(&from) {
        return Err(format!(
            "the glue does not import {LINK} (wasm-bindgen changed?)"
        ));
    }
    let glue = glue.replace(&from, &format!("from \"./{loader_name}\""));
    let glue_path = dist.join(format!("{stem}.js"));
    std::fs::write(&glue_path, &glue).map_err(|e| e.to_string())?;
    let module_path = dist.join(format!("{stem}_bg.wasm"));
    wasm_opt(env, &bindgen.join(format!("{stem}_bg.wasm")), &module_path)?;

    // index.html preloads both with integrity digests of Trunk's files.
    let index = dist.join("index.html");
    let mut html = read(&index)?;
    for (file, path) in [
        (format!("{stem}.js"), &glue_path),
        (format!("{stem}_bg.wasm"), &module_path),
    ] {
        html = set_integrity(&html, &file, &sri(path)?)?;
    }
    std::fs::write(&index, html).map_err(|e| e.to_string())?;
    Ok(Split { chunks })
}

/// The module path the main part imports the chunks' loader from.
const LINK: &str = "./__wasm_split.js";

/// The name Trunk gave the console's glue and module (`sync-monitor-<hash>`).
fn trunk_stem(dist: &Path) -> Result<String, String> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("{dist:?}: {e}"))?;
    entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .find_map(|n| {
            n.strip_suffix("_bg.wasm")
                .filter(|s| s.starts_with("sync-monitor-"))
                .map(str::to_owned)
        })
        .ok_or_else(|| format!("no sync-monitor-*_bg.wasm in {dist:?} (Trunk changed?)"))
}

/// `wasm-opt -Oz`, as Trunk runs it.
fn wasm_opt(env: &ToolEnv, input: &Path, output: &Path) -> Result<(), String> {
    run(Command::new("wasm-opt")
        .env("PATH", &env.path)
        .arg(format!("--output={}", output.display()))
        .arg("-Oz")
        .arg(input))
}

/// `sha384-<base64>` of a file, as Trunk writes it.
fn sri(path: &PathBuf) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path:?}: {e}"))?;
    let digest = sha2::Sha384::digest(&bytes);
    Ok(format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    ))
}

/// The `integrity` attribute of the tag that names `file`, set to `digest`.
fn set_integrity(html: &str, file: &str, digest: &str) -> Result<String, String> {
    let at = html
        .find(&format!("/{file}\""))
        .ok_or_else(|| format!("index.html does not preload {file}"))?;
    let tag_end = at
        + html[at..]
            .find('>')
            .ok_or("index.html: a tag is not closed")?;
    let attr = "integrity=\"";
    let start = at
        + html[at..tag_end]
            .find(attr)
            .ok_or_else(|| format!("index.html: no integrity for {file}"))?
        + attr.len();
    let end = start
        + html[start..]
            .find('"')
            .ok_or("index.html: integrity not closed")?;
    Ok(format!("{}{digest}{}", &html[..start], &html[end..]))
}

fn replace_once(text: &str, from: &str, to: &str) -> Result<String, String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(format!(
            "expected {from} once in generated code, found it {n} times"
        )),
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path:?}: {e}"))
}

fn file_name(path: &Path) -> Result<String, String> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("{path:?} has no file name"))
}
