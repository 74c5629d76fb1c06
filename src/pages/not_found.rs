//! Any path the console does not know.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="not-found" aria-labelledby="not-found-title">
            <h2 id="not-found-title">"Page not found"</h2>
            <p>"There is nothing at this address."</p>
            <a href=crate::app::app_url("/")>"Back to the Microsoft 365 Monitor"</a>
        </section>
    }
}
