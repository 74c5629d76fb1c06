//! In-app URLs: the console may be served under a sub-path (`<base href>`),
//! so every link and navigation goes through these.

use leptos::prelude::document;

/// The path the console is served under (`""` at the root, `/monitor`
/// under a sub-path), from the page's `<base href>` (Trunk's public URL).
pub fn base_path() -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let path = web_sys::Url::new(&base)
        .map(|u| u.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_owned()
}

/// An in-app URL for `path` (which starts with `/`).
pub fn app_url(path: &str) -> String {
    format!("{}{path}", base_path())
}

/// Navigation options for URLs already made with [`app_url`].
pub fn exact() -> leptos_router::NavigateOptions {
    leptos_router::NavigateOptions {
        resolve: false,
        ..Default::default()
    }
}

/// The console's name, last in every page title.
const APP_TITLE: &str = "Microsoft 365 Monitor";

/// Names the page in the browser's title: "{page} · Microsoft 365 Monitor".
pub fn set_title(page: &str) {
    document().set_title(&format!("{page} \u{b7} {APP_TITLE}"));
}

/// True once a page has been shown: the first page of a visit keeps the
/// browser's initial focus, every later one takes it (see [`page_shown`]).
static SHOWN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A route's page is on screen: after a route change, the focus moves to
/// the first of `targets` (the page's heading, or a status to announce).
pub fn page_shown(targets: &'static [&'static str]) {
    if SHOWN.swap(true, std::sync::atomic::Ordering::Relaxed) {
        crate::state::focus::focus_first(targets);
    }
}
