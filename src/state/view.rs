//! The dashboard's view (card, search, filters, sort) lives in the URL
//! query: this is the one place that reads and writes it.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use sync_monitor_core::ViewState;

/// The URL-backed view. Cheap to copy.
#[derive(Clone, Copy)]
pub struct ViewCtl {
    pub view: Memo<ViewState>,
    go: Callback<(String, bool)>,
}

impl ViewCtl {
    /// Reads the view from the current route's query string.
    pub fn from_url() -> Self {
        let location = use_location();
        let view = Memo::new(move |_| ViewState::from_query(&location.search.get()));
        let navigate = use_navigate();
        let path = location.pathname;
        let go = Callback::new(move |(query, replace): (String, bool)| {
            let path = path.get_untracked();
            let url = if query.is_empty() {
                path
            } else {
                format!("{path}?{query}")
            };
            navigate(
                &url,
                // `path` is the full path, base included.
                NavigateOptions {
                    replace,
                    scroll: false,
                    resolve: false,
                    ..NavigateOptions::default()
                },
            );
        });
        ViewCtl { view, go }
    }

    /// Moves to `next`: a new history entry, or (for keystrokes in the
    /// search box) a replacement of the current one.
    pub fn set(&self, next: ViewState, replace: bool) {
        if next != self.view.get_untracked() {
            self.go.run((next.to_query(), replace));
        }
    }

    /// Changes the view with `f`.
    pub fn update(&self, replace: bool, f: impl FnOnce(&mut ViewState)) {
        let mut next = self.view.get_untracked();
        f(&mut next);
        self.set(next, replace);
    }
}
