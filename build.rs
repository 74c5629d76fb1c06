//! Links the console's module with its relocations kept (`--emit-relocs`),
//! which splitting it at its split points needs (xtask/src/split.rs, #13).
//! Only this binary's link: other wasm builds sharing the target directory
//! (the stack's floor) keep their flags and their crates' fingerprints.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=sync-monitor=--emit-relocs");
    }
}
