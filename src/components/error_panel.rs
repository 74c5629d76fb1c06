//! An error where it happened, with a Retry that works.

use leptos::prelude::*;

use crate::api::ApiError;

#[component]
pub fn ErrorPanel(
    #[prop(into)] title: String,
    error: ApiError,
    on_retry: impl Fn() + 'static,
) -> impl IntoView {
    let technical = error.technical();
    view! {
        <div class="error-panel" role="alert">
            <h2 class="error-title">{title}</h2>
            <p class="error-message">{error.message()}</p>
            {technical.map(|t| view! { <p class="error-technical">{t}</p> })}
            <button type="button" class="button" on:click=move |_| on_retry()>
                "Retry"
            </button>
        </div>
    }
}
