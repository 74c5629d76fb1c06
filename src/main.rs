//! Sync Monitor console: mounts the app. Everything else lives in `app`.

mod api;
mod app;
mod components;
mod pages;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
