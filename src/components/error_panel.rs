//! An error where it happened, with a Retry that works.

use leptos::prelude::*;

use crate::api::ApiError;

#[component]
pub fn ErrorPanel(
    #[prop(into)] title: String,
    error: ApiError,
    on_retry: impl Fn() + 'static,
    /// An id for the Retry button, to give it the focus again.
    #[prop(optional)]
    retry_id: Option<&'static str>,
) -> impl IntoView {
    let technical = error.technical();
    view! {
        <div class="error-panel" role="alert">
            <h2 class="error-title">{title}</h2>
            <p class="error-message">{error.message()}</p>
            {technical.map(|t| view! { <p class="error-technical">{t}</p> })}
            <button type="button" class="button" id=retry_id on:click=move |_| on_retry()>
                "Retry"
            </button>
        </div>
    }
}
