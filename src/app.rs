//! Router and top-level context: the runtime configuration and API client.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{self, ApiClient};
use crate::components::error_panel::ErrorPanel;
use crate::pages::{dashboard::Dashboard, not_found::NotFound, user_details::UserDetails};
use crate::state::memory::ListMemory;

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
                            .map(|result| match result {
                                Ok(cfg) => {
                                    provide_context(ApiClient::new(cfg));
                                    view! { <Pages /> }.into_any()
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
                            })
                    }}
                </Suspense>
            </main>
        </div>
    }
}

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

#[component]
fn Pages() -> impl IntoView {
    provide_context(ListMemory::new());
    view! {
        <Router base=base_path()>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Dashboard />
                <Route path=path!("/users/:id") view=UserDetails />
            </Routes>
        </Router>
    }
}
