//! The dashboard (`/`): status cards and the application permission card.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use sync_monitor_core::{format, StatusCard};

use crate::api::ApiClient;
use crate::components::error_panel::ErrorPanel;
use crate::components::permission_card::PermissionCard;
use crate::components::status_cards::{StatusCards, StatusCardsSkeleton};

#[component]
pub fn Dashboard() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let summary = LocalResource::new(move || {
        let client = client.clone();
        async move { client.summary().await }
    });

    let query = use_query_map();
    let active = Signal::derive(move || {
        query.with(|q| q.get("card").and_then(|s| StatusCard::from_slug(&s)))
    });
    let navigate = use_navigate();
    let on_toggle = Callback::new(move |card: StatusCard| {
        let next = if active.get_untracked() == Some(card) {
            "/".to_owned()
        } else {
            format!("/?card={}", card.slug())
        };
        navigate(&next, NavigateOptions::default());
    });

    view! {
        <section class="summary" aria-labelledby="summary-title">
            <h2 id="summary-title" class="visually-hidden">"Sync status summary"</h2>
            {move || match summary.get() {
                None => view! { <StatusCardsSkeleton /> }.into_any(),
                Some(Err(error)) => {
                    view! {
                        <ErrorPanel
                            title="Sync statuses could not be loaded"
                            error
                            on_retry=move || summary.refetch()
                        />
                    }
                        .into_any()
                }
                Some(Ok(s)) => {
                    let total = format::plural(s.total_users, "user", "users");
                    let permission = s.application_permission.clone();
                    view! {
                        <p class="total">{total} " in total"</p>
                        <div class="card-row">
                            <StatusCards summary=s active on_toggle />
                            <PermissionCard permission />
                        </div>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
