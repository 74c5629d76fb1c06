//! Any path the console does not know.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::state::nav::set_title("Page not found");
    crate::state::nav::page_shown(&["not-found-title"]);
    view! {
        <section class="not-found" aria-labelledby="not-found-title">
            <h2 id="not-found-title" tabindex="-1">"Page not found"</h2>
            <p>"There is nothing at this address."</p>
            <a href=crate::state::nav::app_url("/")>"Back to the Microsoft 365 Monitor"</a>
        </section>
    }
}
