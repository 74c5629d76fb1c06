//! Router and top-level context: the runtime configuration and API client.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{self, ApiClient};
use crate::components::error_panel::ErrorPanel;
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
