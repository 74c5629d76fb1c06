//! What the list looked like when the administrator left it for a user's
//! details — its URL (view), scroll position and active cell — and a
//! message to show on return (e.g. after deleting the user).

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct ListMemory {
    /// Path and query of the list, e.g. `/?card=failed`.
    pub url: RwSignal<String>,
    /// Scroll offset of the user table, and the list URL it belongs to.
    pub scroll: RwSignal<(String, u64)>,
    /// A notice for the list to show once.
    pub flash: RwSignal<Option<String>>,
    /// The grid's active cell (row, column) when the list was left, and the
    /// list URL it belongs to: back on that list, the keyboard is there.
    active: RwSignal<Option<(String, u64, usize)>>,
    /// The session storage write to come ([`ListMemory::remember`]).
    pending: StoredValue<Option<TimeoutHandle>>,
}

/// Session storage key of the list URL, so the back link survives a reload
/// of the details page.
const URL_KEY: &str = "sync-monitor.list-url";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

impl ListMemory {
    pub fn new() -> Self {
        let home = crate::state::nav::app_url("/");
        let saved = storage()
            .and_then(|s| s.get_item(URL_KEY).ok().flatten())
            .filter(|u| u.starts_with(&home));
        ListMemory {
            url: RwSignal::new(saved.unwrap_or(home)),
            scroll: RwSignal::new((String::new(), 0)),
            flash: RwSignal::new(None),
            active: RwSignal::new(None),
            pending: StoredValue::new(None),
        }
    }

    /// Remembers the list URL, and also across reloads of this tab (and in
    /// a tab a row opens): session storage is written a second after the
    /// last change, not per keystroke (a write cost each keystroke ~2 ms;
    /// #13), or at once by [`ListMemory::save`] when the list goes.
    pub fn remember(&self, url: String) {
        self.url.set(url);
        let this = *self;
        if let Some(old) = self.pending.get_value() {
            old.clear();
        }
        let later = set_timeout_with_handle(move || this.save(), Duration::from_secs(1));
        self.pending.set_value(later.ok());
    }

    /// Writes the list URL to session storage now, if a write is pending.
    pub fn save(&self) {
        let Some(Some(pending)) = self.pending.try_get_value() else {
            return;
        };
        pending.clear();
        self.pending.set_value(None);
        if let Some(s) = storage() {
            let _ = s.set_item(URL_KEY, &self.url.get_untracked());
        }
    }

    /// Leaving the list: its URL is written now, and the grid's active cell
    /// (row, column) is kept for the way back.
    pub fn leave(&self, cell: Option<(u64, usize)>) {
        self.save();
        let url = self.url.get_untracked();
        self.active.set(cell.map(|(row, col)| (url, row, col)));
    }

    /// Back to the list: through the browser's history when the list is its
    /// previous entry, so that Back afterwards does not return to the page
    /// left. False otherwise (a page opened by its URL, or a browser without
    /// the Navigation API to tell): the caller goes to [`ListMemory::url`].
    pub fn back(&self) -> bool {
        let Some(window) = web_sys::window() else {
            return false;
        };
        let url = self.url.get_untracked();
        previous_entry(&window).is_some_and(|prev| {
            window
                .location()
                .origin()
                .is_ok_and(|origin| prev == format!("{origin}{url}"))
        }) && window.history().is_ok_and(|h| h.back().is_ok())
    }

    /// A link back to the list: a plain click goes [back](ListMemory::back)
    /// when it can; a new tab or window opens the link's URL.
    pub fn follow_back(&self, ev: &web_sys::MouseEvent) {
        let plain =
            ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
        if plain && self.back() {
            ev.prevent_default();
        }
    }

    /// The grid's active cell when this list was left (once; none when
    /// another list was).
    pub fn take_active(&self) -> Option<(u64, usize)> {
        let saved = self.active.get_untracked();
        self.active.set(None);
        saved
            .filter(|(url, ..)| *url == current_list_url())
            .map(|(_, row, col)| (row, col))
    }
}

/// The URL of the browser's history entry before this one, where the
/// Navigation API can tell.
fn previous_entry(window: &web_sys::Window) -> Option<String> {
    if !js_sys::Reflect::has(window, &"navigation".into()).unwrap_or(false) {
        return None;
    }
    let navigation = window.navigation();
    let index = navigation.current_entry()?.index();
    if index < 1.0 {
        return None;
    }
    navigation
        .entries()
        .get(index as u32 - 1)
        .dyn_into::<web_sys::NavigationHistoryEntry>()
        .ok()?
        .url()
}

/// A check that the router is still on the page that called this: while it
/// leaves for another page, the old page still sees the new URL for a
/// moment and must not act on it.
pub fn still_here() -> impl Fn() -> bool + Copy + 'static {
    let pathname = leptos_router::hooks::use_location().pathname;
    let here = StoredValue::new(pathname.get_untracked());
    move || here.with_value(|h| pathname.with_untracked(|p| p == h))
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

/// Scrolls `el` to `top` once it is laid out (the grid may not be in the
/// document yet when it mounts), trying for a few frames.
pub fn restore_scroll(el: web_sys::HtmlDivElement, top: i32, tries: u32) {
    el.set_scroll_top(top);
    if el.scroll_top() < top && tries > 0 {
        request_animation_frame(move || restore_scroll(el, top, tries - 1));
    }
}
