//! The floor of the console's stack: a list of users from the monitor API
//! that a search narrows, each linked to a page of its own. What any
//! console of this kind needs at least; nothing of Sync Monitor's own.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;

#[derive(serde::Deserialize, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
struct User {
    id: i64,
    sales_user_name: String,
    microsoft_email: String,
}

#[derive(serde::Deserialize, Clone, PartialEq)]
struct Page {
    items: Vec<User>,
}

#[component]
fn Users() -> impl IntoView {
    let (search, set_search) = signal(String::new());
    let users = LocalResource::new(move || {
        let url = format!("/api/monitor/v1/users?limit=100&search={}", search.get());
        async move {
            let answer = gloo_net::http::Request::get(&url).send().await.ok()?;
            answer.json::<Page>().await.ok()
        }
    });
    view! {
        <input type="search" on:input=move |e| set_search.set(event_target_value(&e)) prop:value=search />
        <ul>
            <For each=move || users.get().flatten().map(|p| p.items).unwrap_or_default() key=|u| u.id let:u>
                <li>
                    <A href=format!("/users/{}", u.id)>{u.sales_user_name.clone()}</A>
                    " " {u.microsoft_email.clone()}
                </li>
            </For>
        </ul>
    }
}

#[component]
fn Details() -> impl IntoView {
    let params = use_params_map();
    view! { <p>{move || params.read().get("id")}</p> }
}

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=Users />
                    <Route path=path!("/users/:id") view=Details />
                </Routes>
            </Router>
        }
    });
}
