//! `cargo xtask tidy` (also the first step of `cargo xtask test`): the
//! codebase's own rules, checked instead of written on a wiki page.
//! - every Rust file starts with its `//!` line;
//! - no shipped Rust file passes 300 lines (tests and word lists aside);
//! - the console's imports run one way, main → app → pages → components →
//!   state → api (→ core), and components never fetch;
//! - the server's handlers (`api/`) hold no SQL: the `db` layer does.

use std::path::{Path, PathBuf};

use crate::root;

/// Lines a shipped file may have before its `#[cfg(test)]` module.
const MAX_LINES: usize = 300;
/// The console's layers, top to bottom.
const LAYERS: [&str; 6] = ["main", "app", "pages", "components", "state", "api"];

pub fn tidy() -> Result<(), String> {
    let problems = check(&root());
    if problems.is_empty() {
        println!("tidy: ok");
        Ok(())
    } else {
        for p in &problems {
            eprintln!("tidy: {p}");
        }
        Err(format!("{} tidy problem(s)", problems.len()))
    }
}

/// Every problem found under `root`.
pub fn check(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for dir in ["src", "crates/core/src", "crates/server/src", "xtask/src"] {
        for file in rust_files(&root.join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let rel = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .display()
                .to_string();
            problems.extend(file_rules(&rel, &text));
        }
    }
    problems
}

/// The rules for one file (`rel` is its path from the repository root).
fn file_rules(rel: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if !text.starts_with("//!") {
        problems.push(format!("{rel}: starts without its `//!` line"));
    }
    let shipped = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .count();
    if shipped > MAX_LINES && !rel.ends_with("words.rs") {
        problems.push(format!(
            "{rel}: {shipped} lines (at most {MAX_LINES}); split it"
        ));
    }
    if let Some(layer) = console_layer(rel) {
        problems.extend(import_rules(rel, layer, text));
    }
    if rel.starts_with("crates/server/src/api/") {
        for sql in ["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM"] {
            if text.contains(sql) {
                problems.push(format!(
                    "{rel}: SQL (`{sql}`) in a handler; move it to `db/`"
                ));
            }
        }
    }
    problems
}

/// The console layer of `rel` (index into [`LAYERS`]).
fn console_layer(rel: &str) -> Option<usize> {
    let rest = rel.strip_prefix("src/")?;
    let top = rest.split(['/', '.']).next()?;
    LAYERS.iter().position(|l| *l == top)
}

fn import_rules(rel: &str, layer: usize, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for (at, _) in line.match_indices("crate::") {
            let target = line[at + 7..]
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("");
            let Some(t) = LAYERS.iter().position(|l| *l == target) else {
                continue;
            };
            // Down the layers only; components and state may use their
            // own layer's modules, pages never another page.
            let sideways_ok = t == layer && (target == "components" || target == "state");
            if t < layer || (t == layer && !sideways_ok) {
                problems.push(format!(
                    "{rel}:{}: `crate::{target}` imported from `{}`: imports run {}",
                    i + 1,
                    LAYERS[layer],
                    LAYERS.join(" → ")
                ));
            }
        }
        if LAYERS[layer] == "components"
            && (line.contains("spawn_local") || line.contains("ApiClient"))
        {
            problems.push(format!(
                "{rel}:{}: a component fetches; move the call to `state/`",
                i + 1
            ));
        }
    }
    problems
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backward_imports_and_fetching_components_are_caught() {
        let up = "//! x\nuse crate::app::App;\n";
        assert_eq!(file_rules("src/components/a.rs", up).len(), 1);
        assert_eq!(
            file_rules("src/state/a.rs", "//! x\nuse crate::pages::P;\n").len(),
            1
        );
        assert_eq!(
            file_rules("src/pages/a.rs", "//! x\nuse crate::pages::b::B;\n").len(),
            1
        );
        assert!(file_rules("src/pages/a.rs", "//! x\nuse crate::state::nav;\n").is_empty());
        assert!(file_rules(
            "src/components/a.rs",
            "//! x\nuse crate::components::icons;\n"
        )
        .is_empty());
        assert_eq!(
            file_rules("src/components/a.rs", "//! x\nspawn_local(f);\n").len(),
            1
        );
        assert!(file_rules("src/app.rs", "//! x\nuse crate::pages::P;\n").is_empty());
    }

    #[test]
    fn doc_lines_lengths_and_sql_in_handlers_are_caught() {
        assert_eq!(file_rules("xtask/src/a.rs", "fn f() {}\n").len(), 1);
        let long = format!("//! x\n{}", "let a = 1;\n".repeat(MAX_LINES));
        assert_eq!(file_rules("crates/core/src/a.rs", &long).len(), 1);
        let tested = format!("//! x\n#[cfg(test)]\n{}", "let a = 1;\n".repeat(MAX_LINES));
        assert!(file_rules("crates/core/src/a.rs", &tested).is_empty());
        assert!(file_rules("crates/core/src/words.rs", &long).is_empty());
        let sql = "//! x\nconst Q: &str = \"SELECT id FROM users\";\n";
        assert_eq!(file_rules("crates/server/src/api/a.rs", sql).len(), 1);
        assert!(file_rules("crates/server/src/db/a.rs", sql).is_empty());
    }
}
