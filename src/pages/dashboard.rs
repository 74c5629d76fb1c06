//! The dashboard (`/`): status cards, the permission card, and the user
//! table with its toolbar. The view (card, search, filters, sort) is the URL.

use leptos::prelude::*;
use sync_monitor_core::{format, StatusCard, UserAction};

use crate::api::ApiClient;
use crate::components::error_panel::ErrorPanel;
use crate::components::permission_card::PermissionCard;
use crate::components::status_cards::{StatusCards, StatusCardsSkeleton};
use crate::components::table_toolbar::{SelectionBar, TableToolbar};
use crate::components::user_actions::UserActions;
use crate::components::user_grid::UserGrid;
use crate::components::user_row::Now;
use crate::state::bulk::{Bulk, BulkRun};
use crate::state::export::Exporter;
use crate::state::memory::ListMemory;
use crate::state::table::TableCtx;
use crate::state::view::ViewCtl;

#[component]
pub fn Dashboard() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let view = ViewCtl::from_url();
    let ctx = TableCtx::new(view, client.clone());
    provide_context(ctx);
    let now = RwSignal::new(chrono::Utc::now());
    provide_context(Now(now));
    if let Ok(tick) = set_interval_with_handle(
        move || now.set(chrono::Utc::now()),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || tick.clear());
    }

    let summary = {
        let client = client.clone();
        LocalResource::new(move || {
            let client = client.clone();
            async move { client.summary().await }
        })
    };
    // When a bulk action ends, cards and rows show the new state.
    let bulk = Bulk::new(
        client.clone(),
        Callback::new(move |run: BulkRun| {
            if run.action == UserAction::DeleteUser {
                ctx.selection.update(|s| s.remove(&run.succeeded_ids));
            }
            summary.refetch();
            ctx.rows.refresh();
        }),
    );
    provide_context(bulk);
    provide_context(Exporter::new(client.clone()));

    // A new filter or sort starts the table over; a new filter also ends
    // the selection (it may hold users the new filter hides).
    let query = Memo::new(move |_| view.view.with(|v| (v.api_filter(), v.sort)));
    let still_here = crate::state::memory::still_here();
    Effect::new(move |previous: Option<sync_monitor_core::UserFilter>| {
        let (filter, sort) = query.get();
        if !still_here() {
            // The router is leaving the dashboard: keep the list as it is.
            return previous.unwrap_or_default();
        }
        ctx.rows.reset(filter.clone(), sort);
        ctx.active.set(None);
        if previous.is_some_and(|p| p != filter) && !ctx.selection.with_untracked(|s| s.is_empty())
        {
            ctx.selection.update(|s| s.clear());
            ctx.notice
                .set(Some("Selection cleared because the filter changed.".into()));
        }
        filter
    });

    // Remember the list as it is, for the details page's back link; show
    // what the details page had to say (e.g. a deleted user).
    let memory = expect_context::<ListMemory>();
    Effect::new(move |_| {
        view.view.track();
        if still_here() {
            memory.remember(crate::state::memory::current_list_url());
        }
    });
    if let Some(flash) = memory.flash.get_untracked() {
        ctx.notice.set(Some(flash));
        memory.flash.set(None);
    }

    let active = Signal::derive(move || view.view.with(|v| v.card));
    let on_toggle = Callback::new(move |card: StatusCard| {
        view.update(false, |v| {
            v.card = if v.card == Some(card) {
                None
            } else {
                Some(card)
            }
        });
    });
    let refresh = move |_| {
        summary.refetch();
        ctx.rows.refresh();
    };

    view! {
        <section class="summary" aria-labelledby="summary-title">
            <div class="section-head">
                <h2 id="summary-title" class="visually-hidden">"Sync status summary"</h2>
                <button type="button" class="button secondary refresh" on:click=refresh>"Refresh"</button>
            </div>
            {move || match summary.get() {
                None => view! { <StatusCardsSkeleton /> }.into_any(),
                Some(Err(error)) => view! {
                    <ErrorPanel title="Sync statuses could not be loaded" error on_retry=move || summary.refetch() />
                }.into_any(),
                Some(Ok(s)) => {
                    let total = format::plural(s.total_users, "user", "users");
                    let permission = s.application_permission.clone();
                    view! {
                        <p class="total-users">{total} " in total"</p>
                        <div class="card-row">
                            <StatusCards summary=s active on_toggle />
                            <PermissionCard permission />
                        </div>
                    }.into_any()
                }
            }}
        </section>
        <section class="users" aria-labelledby="users-title">
            <h2 id="users-title">"Users"</h2>
            <TableToolbar />
            <SelectionBar />
            <UserActions />
            <UserTable />
        </section>
    }
}

/// Loading, error, empty or the grid — the grid stays mounted while only
/// its total changes, so refreshes keep the scroll position.
#[component]
fn UserTable() -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    #[derive(Clone, Copy, PartialEq)]
    enum Phase {
        Loading,
        Failed,
        Empty,
        Data,
    }
    let phase =
        Memo::new(
            move |_| match (ctx.rows.total.get(), ctx.rows.error.with(Option::is_some)) {
                (None, true) => Phase::Failed,
                (None, false) => Phase::Loading,
                (Some(0), _) => Phase::Empty,
                (Some(_), _) => Phase::Data,
            },
        );
    let total = Signal::derive(move || ctx.rows.total.get().unwrap_or(0));
    view! {
        {move || match phase.get() {
            Phase::Loading => view! { <TableSkeleton /> }.into_any(),
            Phase::Failed => view! {
                <ErrorPanel
                    title="Users could not be loaded"
                    error=ctx.rows.error.get_untracked().unwrap_or(crate::api::ApiError::Timeout)
                    on_retry=move || ctx.rows.refresh()
                />
            }.into_any(),
            Phase::Empty => view! {
                <div class="empty" role="status">
                    <p>"No users match."</p>
                    <button type="button" class="button" on:click=move |_| ctx.view.update(false, |v| *v = v.cleared())>
                        "Clear filters"
                    </button>
                </div>
            }.into_any(),
            Phase::Data => view! {
                {move || (phase.get() == Phase::Data).then(|| ctx.rows.error.get()).flatten().map(|e| view! {
                    <div class="inline-error" role="alert">
                        {format!("Some rows could not be loaded: {}", e.message())}
                        <button type="button" class="link" on:click=move |_| ctx.rows.refresh()>"Retry"</button>
                    </div>
                })}
                <UserGrid total />
            }.into_any(),
        }}
    }
}

#[component]
fn TableSkeleton() -> impl IntoView {
    view! {
        <div class="grid skeleton-grid" aria-busy="true">
            {(0..8).map(|_| view! { <div class="skeleton-row"><span class="skeleton-bar"></span></div> }).collect_view()}
            <p class="visually-hidden" role="status">"Loading users…"</p>
        </div>
    }
}
