//! A part of the page whose code is fetched when it is first shown (#13):
//! its view is built by a split point (`wasm_split`), which `cargo xtask
//! build` splits off the module a cold load of the dashboard downloads
//! (xtask/src/split.rs). "Loading…" until the code is in, an error with
//! Retry if it cannot be fetched (a failed fetch is not remembered); once
//! fetched, the part shows at once.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use wasm_split_helpers::SplitLoaderError;

use crate::api::ApiError;
use crate::components::error_panel::ErrorPanel;
use crate::state::focus::focus_first;

/// What a split point's function returns.
type Part = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>> + Send>>;

#[component]
pub fn OnDemand<F, Fut>(
    /// Builds the part: a split point's function.
    show: F,
    /// The error's title if the code cannot be fetched.
    title: &'static str,
    /// The id of that error's Retry button (one), which takes the focus.
    retry_id: &'static [&'static str],
) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
{
    // One copy of the code below, not one per part.
    on_demand(Box::new(move || Box::pin(show())), title, retry_id)
}

fn on_demand(
    show: Box<dyn Fn() -> Part + Send + Sync>,
    title: &'static str,
    retry_id: &'static [&'static str],
) -> AnyView {
    let attempt = RwSignal::new(0u32);
    let part = move || {
        attempt.track();
        let part = show();
        Suspend::new(async move {
            part.await.unwrap_or_else(|_| {
                focus_first(retry_id);
                let error = ApiError::Part("a split-off part of the module could not be fetched".into());
                view! {
                    <ErrorPanel title error on_retry=move || attempt.update(|n| *n += 1) retry_id=retry_id[0] />
                }
                .into_any()
            })
        })
    };
    let loading = || view! { <p class="loading" role="status">"Loading…"</p> };
    view! { <Suspense fallback=loading>{part}</Suspense> }.into_any()
}
