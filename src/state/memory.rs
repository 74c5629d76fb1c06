//! What the list looked like when the administrator left it for a user's
//! details — its URL (view) and scroll position — and a message to show on
//! return (e.g. after deleting the user).

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ListMemory {
    /// Path and query of the list, e.g. `/?card=failed`.
    pub url: RwSignal<String>,
    /// Scroll offset of the user table, and the list URL it belongs to.
    pub scroll: RwSignal<(String, u64)>,
    /// A notice for the list to show once.
    pub flash: RwSignal<Option<String>>,
}

impl ListMemory {
    pub fn new() -> Self {
        ListMemory {
            url: RwSignal::new("/".to_owned()),
            scroll: RwSignal::new((String::new(), 0)),
            flash: RwSignal::new(None),
        }
    }
}

/// The list URL of the current location (path and query).
pub fn current_list_url() -> String {
    let location = leptos_router::hooks::use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}
