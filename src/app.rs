//! Router and top-level context: the runtime configuration and API client.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use sync_monitor_core::{ConsoleConfig, FrameHeight};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{self, ApiClient, SESSION_EXPIRED};
use crate::components::error_panel::ErrorPanel;
use crate::components::local_time;
use crate::pages::{dashboard::Dashboard, not_found::NotFound, user_details::UserDetails};
use crate::state::memory::ListMemory;
use crate::state::nav::base_path;

/// Loads `config.json`, then provides an [`ApiClient`] to every page.
#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(api::load_config);
    view! {
        <div class="app">
            <header class="app-header">
                <h1>"Microsoft 365 Monitor"</h1>
                <p class="subtitle">
                    "Sync statuses of all active users of the Microsoft 365 add-in"
                </p>
            </header>
            <main id="main">
                <Suspense fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
                    {move || {
                        config
                            .get()
                            .map(|result| {
                                let started = result
                                    .and_then(|cfg| ApiClient::new(&cfg).map(|client| (cfg, client)));
                                match started {
                                    Ok((cfg, client)) => {
                                        embed_in_page(&cfg);
                                        provide_context(client.clone());
                                        provide_context(cfg.clone());
                                        view! {
                                            <SessionBanner client />
                                            <Pages />
                                        }
                                            .into_any()
                                    }
                                    Err(err) => {
                                        view! {
                                            <ErrorPanel
                                                title="The console could not start"
                                                error=err
                                                on_retry=move || config.refetch()
                                            />
                                        }
                                            .into_any()
                                    }
                                }
                            })
                    }}
                </Suspense>
            </main>
        </div>
    }
}

/// "Session expired — reload the page" when the host's sign-in is gone;
/// everything else stays on screen.
#[component]
fn SessionBanner(client: ApiClient) -> impl IntoView {
    view! {
        <Show when=move || client.session_expired()>
            <div class="session-banner" role="alert">
                <p>{SESSION_EXPIRED}</p>
                <button
                    type="button"
                    class="button"
                    on:click=|_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    }
                >
                    "Reload"
                </button>
            </div>
        </Show>
    }
}

/// Applies the configured theme (CSS custom properties, through the CSSOM:
/// no style attribute for the CSP to refuse) and, with `frameHeight:
/// "auto"`, reports the content height to the host whenever it changes.
fn embed_in_page(config: &ConsoleConfig) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        for (name, value) in &config.theme {
            let _ = root.style().set_property(name, value);
        }
    }
    if config.frame_height != FrameHeight::Auto {
        return;
    }
    let Some(body) = document.body() else {
        return;
    };
    let last = std::cell::Cell::new(0u32);
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() else {
            return;
        };
        let height = entry.target().get_bounding_client_rect().height().ceil() as u32;
        if height != last.replace(height) {
            api::host::report_height(height);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // Both live as long as the page.
    callback.forget();
}

#[component]
fn Pages() -> impl IntoView {
    provide_context(ListMemory::new());
    // After this task, in which the page's first API calls start.
    set_timeout(local_time::warm_up, std::time::Duration::ZERO);
    view! {
        <Router base=base_path()>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Dashboard />
                <Route path=path!("/users/:id") view=UserDetails />
            </Routes>
        </Router>
    }
}
