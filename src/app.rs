//! Start-up, router and top-level context: the runtime configuration and
//! API client.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use sync_monitor_core::{ConsoleConfig, FrameHeight};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use crate::api::{self, ApiClient, ApiError, SESSION_EXPIRED};
use crate::components::error_panel::ErrorPanel;
use crate::components::local_time;
use crate::components::on_demand::OnDemand;
use crate::pages::{dashboard::Dashboard, not_found::NotFound, user_details::UserDetails};
use crate::state::focus::keep_focus;
use crate::state::memory::ListMemory;
use crate::state::nav::base_path;
use crate::state::task::AfterFirstRows;

/// Mounts the console into `<main id="main">` once `config.json` is in.
/// `index.html` holds the header and "Loading…", which the browser paints
/// while the module downloads; the console's first frame is then the page
/// itself, without a loading frame of its own to lay out first (#13).
pub fn start() {
    let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let config = api::load_config().await;
        main.set_text_content(None);
        leptos::mount::mount_to(main, move || view! { <App config /> }).forget();
    });
}

const RETRY_ID: &str = "start-retry";

/// Provides the [`ApiClient`] and the configuration to every page, or says
/// why the console could not start (and loads `config.json` again on Retry).
#[component]
fn App(config: Result<ConsoleConfig, ApiError>) -> impl IntoView {
    // `None` while a retry loads it again.
    let config = RwSignal::new(Some(config));
    let retry = move || {
        config.set(None);
        leptos::task::spawn_local(async move {
            config.try_set(Some(api::load_config().await));
            // Failed again: the new panel's Retry has the focus the old one had.
            keep_focus(&[RETRY_ID]);
        });
    };
    move || {
        let Some(result) = config.get() else {
            return view! { <p class="loading" role="status">"Loading…"</p> }.into_any();
        };
        match result.and_then(|cfg| ApiClient::new(&cfg).map(|client| (cfg, client))) {
            Ok((cfg, client)) => {
                embed_in_page(&cfg);
                provide_context(client.clone());
                provide_context(cfg);
                view! {
                    <SessionBanner client />
                    <Pages />
                }
                .into_any()
            }
            Err(err) => view! {
                <ErrorPanel
                    title="The console could not start"
                    error=err
                    on_retry=retry
                    retry_id=RETRY_ID
                />
            }
            .into_any(),
        }
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
    provide_context(AfterFirstRows(fetch_parts));
    // After this task, in which the page's first API calls start.
    set_timeout(local_time::warm_up, std::time::Duration::ZERO);
    view! {
        <Router base=base_path()>
            <Routes fallback=NotFoundOnDemand>
                <Route path=path!("/") view=Dashboard />
                <Route path=path!("/users/:id") view=UserDetailsOnDemand />
            </Routes>
        </Router>
    }
}

/// The user details page is a split point (#13): a cold load of the
/// dashboard neither downloads nor compiles its code. `cargo xtask build`
/// splits the module there (xtask/src/split.rs); the dashboard fetches the
/// page's part once its first rows are painted (`fetch_parts`), so opening
/// a user does not wait for it.
#[wasm_split(user_details, fallible, preload(fetch_user_details))]
fn user_details() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <UserDetails /> }.into_any())
}

/// Fetches the parts of the module a cold load of the dashboard left out:
/// the user details page, the health regions' contents, the export, the
/// credentials dialog, the progress of bulk actions and exports (not the
/// page for an unknown address). A failure is met again, and shown, where
/// the part is used.
fn fetch_parts() {
    leptos::task::spawn_local(async {
        _ = fetch_user_details().await;
        _ = crate::components::error_groups::fetch_health().await;
        _ = crate::state::export::fetch_export().await;
        _ = crate::components::credentials_dialog::fetch_credentials().await;
        _ = crate::components::job_panels::fetch_jobs().await;
    });
}

/// The `/users/:id` route: the page once its code is in.
#[component]
fn UserDetailsOnDemand() -> impl IntoView {
    view! { <OnDemand show=user_details title="This page could not be loaded" retry_id=&["page-retry"] /> }
}

/// Any address the console does not know, in code fetched only then.
#[wasm_split(not_found, fallible)]
fn not_found() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <NotFound /> }.into_any())
}

#[component]
fn NotFoundOnDemand() -> impl IntoView {
    view! { <OnDemand show=not_found title="This page could not be loaded" retry_id=&["page-retry"] /> }
}
