//! Sync Monitor console: mounts the app. Everything else lives in `app`.

mod api;
mod app;
mod components;
mod pages;
mod state;

fn main() {
    // No panic hook: the release build aborts at the panic itself
    // (`-Cpanic=immediate-abort`, see `cargo xtask build`), so a hook
    // would never run; the browser reports the trap and its stack.
    app::start();
}
