//! The dashboard (`/`): status cards, the permission card, and the user
//! table with its toolbar. The view (card, search, filters, sort) is the URL.
//! Nothing here is unmounted by a refresh, a new query or the end of an
//! action: cards, counts and rows update in place.

use leptos::prelude::*;
use sync_monitor_core::{format, ConsoleConfig, StatusCard, UserAction};

use crate::api::ApiClient;
use crate::components::error_groups::ErrorGroups;
use crate::components::error_panel::ErrorPanel;
use crate::components::expiry_notice::ExpiryNotice;
use crate::components::live_status::LiveStatus;
use crate::components::permission_card::{PermissionCard, SecretWarning};
use crate::components::status_cards::StatusCards;
use crate::components::sync_jobs::SyncJobs;
use crate::components::sync_trend::SyncTrend;
use crate::components::table_toolbar::{SelectionBar, TableToolbar};
use crate::components::user_actions::UserActions;
use crate::components::user_grid::UserGrid;
use crate::state::bulk::{Bulk, BulkRun};
use crate::state::clock::Now;
use crate::state::export::Exporter;
use crate::state::focus::{focus_first, keep_focus};
use crate::state::live::Live;
use crate::state::loaded::Loaded;
use crate::state::memory::ListMemory;
use crate::state::table::TableCtx;
use crate::state::task::AfterFirstRows;
use crate::state::view::ViewCtl;

#[component]
pub fn Dashboard() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let view = ViewCtl::from_url();
    let ctx = TableCtx::new(view, client.clone());
    provide_context(ctx);
    provide_context(Now::ticking());
    crate::state::nav::set_title("Sync statuses");

    let summary = Loaded::new(client.clone(), |c| async move { c.summary().await });
    // The health regions load once the table's first rows are in: the
    // rows come first on a cold load.
    let jobs = Loaded::idle(client.clone(), |c| async move { c.jobs().await });
    let groups = Loaded::idle(client.clone(), |c| async move { c.error_groups().await });
    let days = RwSignal::new(30u32);
    let trend = Loaded::idle(client.clone(), move |c| {
        let days = days.get_untracked();
        async move { c.sync_stats(days).await }
    });
    Effect::new(move |started: Option<bool>| {
        let now = started.unwrap_or(false)
            || ctx.rows.total.get().is_some()
            || ctx.rows.error.with(Option::is_some);
        if now && started != Some(true) {
            jobs.load();
            groups.load();
            trend.load();
            // Code the next pages need, fetched once the rows are painted.
            if let Some(AfterFirstRows(work)) = use_context() {
                crate::state::task::after_paint(work);
            }
        }
        now
    });
    // Everything the dashboard shows, in place; a live reload does not dim
    // the rows.
    let load_all = move |quiet: bool| {
        summary.load();
        jobs.load();
        groups.load();
        trend.load();
        if quiet {
            ctx.rows.refresh_quietly();
        } else {
            ctx.rows.refresh();
        }
    };
    let every = use_context::<ConsoleConfig>().map_or(30, |c| c.refresh_seconds);
    let live = Live::start(every, Callback::new(move |_| load_all(true)));
    let reload = move || {
        live.restart();
        load_all(false);
    };
    // When a bulk action ends, cards and rows show the new state, in place.
    let bulk = Bulk::new(
        client.clone(),
        Callback::new(move |run: BulkRun| {
            // Deleted users leave the selection; after any action it is no
            // longer "all N matching" (the matching set may have changed).
            let gone: &[i64] = if run.action == UserAction::DeleteUser {
                &run.succeeded_ids
            } else {
                &[]
            };
            ctx.selection.update(|s| s.remove(gone));
            reload();
            // Cancel goes away with the run: the result takes the focus.
            keep_focus(&["bulk-progress", "users-title"]);
        }),
    );
    provide_context(bulk);
    Effect::new(move |_| live.busy.set(bulk.is_running()));
    provide_context(Exporter::new(client.clone()));

    // A new filter starts the table over at its top; a new sort keeps the
    // scroll position. A new filter also ends the selection (it may hold
    // users the new filter hides).
    let query = Memo::new(move |_| view.view.with(|v| (v.api_filter(), v.sort)));
    // The first rows are asked for now, before the page is built: their
    // request is on its way while it is (#13).
    let (first_filter, first_sort) = query.get_untracked();
    ctx.rows.reset(first_filter, first_sort, 0);
    let still_here = crate::state::memory::still_here();
    Effect::new(move |previous: Option<sync_monitor_core::UserFilter>| {
        let (filter, sort) = query.get();
        let Some(previous) = previous else {
            // Asked for above.
            return filter;
        };
        if !still_here() {
            // The router is leaving the dashboard: keep the list as it is.
            return previous;
        }
        let new_filter = previous != filter;
        let first = if new_filter {
            ctx.scroll_to_top();
            ctx.active.set(None);
            0
        } else {
            ctx.first_visible()
        };
        ctx.rows.reset(filter.clone(), sort, first);
        if ctx
            .select_when_shown
            .with_value(|f| f.as_ref() == Some(&filter))
        {
            // "Select these N users": the group is the view now.
            ctx.select_when_shown.set_value(None);
            ctx.selection.update(|s| s.clear());
            ctx.select_all_matching();
        } else if new_filter && !ctx.selection.with_untracked(|s| s.is_empty()) {
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
    // Leaving for a user's details: the list URL is saved before it opens,
    // with the grid's active cell.
    on_cleanup(move || memory.leave(ctx.active_cell()));
    let back_to = memory.take_active();
    if let Some(flash) = memory.flash.get_untracked() {
        ctx.notice.set(Some(flash));
        memory.flash.set(None);
        crate::state::nav::page_shown(&["selection-notice", "users-title"]);
    } else if let Some(cell) = back_to {
        // Back on the list from the user it opened: the grid takes the
        // focus, on the cell the keyboard left.
        ctx.return_to(cell);
        crate::state::nav::page_shown(&[]);
    } else {
        crate::state::nav::page_shown(&["users-title"]);
    }

    let active = Signal::derive(move || view.view.with(|v| v.active_card()));
    let on_toggle =
        Callback::new(move |card: StatusCard| view.update(false, |v| v.toggle_card(card)));
    let refresh = move |_| reload();
    let permission = Memo::new(move |_| {
        summary
            .data
            .with(|s| s.as_ref().map(|s| s.application_permission.clone()))
    });

    view! {
        <section class="summary" aria-labelledby="summary-title" aria-busy=move || summary.loading.get().to_string()>
            <div class="section-head">
                <h2 id="summary-title" class="visually-hidden">"Sync status summary"</h2>
                <div class="refresh-bar">
                    <LiveStatus live updated=summary.at />
                    <button type="button" class="button secondary refresh" on:click=refresh>"Refresh"</button>
                </div>
            </div>
            {move || summary.error.get().map(|error| view! {
                <ErrorPanel title="Sync statuses could not be loaded" error on_retry=move || summary.load() />
            })}
            <div class="summary-line">
                <p class="total-users">
                    {move || summary.data.with(|s| s.as_ref().map(|s| format!("{} in total", format::plural(s.total_users, "user", "users"))))}
                </p>
                {move || permission.get().map(|permission| view! { <PermissionCard permission /> })}
            </div>
            <StatusCards summary=summary.data.into() active on_toggle />
            {move || permission.get().and_then(|p| p.client_secret_expires_at).map(|at| view! { <SecretWarning at /> })}
            <ExpiryNotice summary=summary.data.into() />
        </section>
        <div class="health-row">
            <SyncJobs loaded=jobs />
            <ErrorGroups loaded=groups />
            <SyncTrend loaded=trend days />
        </div>
        <section class="users" aria-labelledby="users-title">
            <h2 id="users-title" tabindex="-1">"Users"</h2>
            <TableToolbar />
            <div class="table-controls">
                <SelectionBar />
                <UserActions />
            </div>
            <UserTable />
        </section>
    }
}

/// The grid, mounted once the first answer arrives and never again
/// unmounted: a new query or refresh dims its rows (`aria-busy`) until the
/// new ones arrive. Before the first answer: a skeleton, or the error.
#[component]
fn UserTable() -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let started = Memo::new(move |_| ctx.rows.total.get().is_some());
    let total = Signal::derive(move || ctx.rows.total.get().unwrap_or(0));
    let error = move || {
        ctx.rows.error.get().map(|error| {
            view! {
                <ErrorPanel title="Users could not be loaded" error on_retry=move || ctx.rows.refresh() />
            }
        })
    };
    let clear = move |_| {
        ctx.view.update(false, |v| *v = v.cleared());
        focus_first(&["users-total"]);
    };
    view! {
        {error}
        {move || if started.get() {
            view! {
                <AuthLegend />
                <div class="table-wrap">
                    <UserGrid total />
                    <Show when=move || total.get() == 0 && !ctx.rows.stale.get()>
                        <div class="empty" role="status">
                            <p>"No users match."</p>
                            <button type="button" class="button" on:click=clear>"Clear filters"</button>
                        </div>
                    </Show>
                </div>
            }.into_any()
        } else if ctx.rows.error.with(Option::is_none) {
            view! { <TableSkeleton /> }.into_any()
        } else {
            ().into_any()
        }}
    }
}

/// What the authorization icons mean and what to do about a failed one
/// (the seed's guidance), on screen rather than only in a tooltip.
#[component]
fn AuthLegend() -> impl IntoView {
    view! {
        <p class="legend-note">
            <span class="auth-failed">"\u{2717} Sign in again"</span>
            ": "
            <span class="legend-why">
                {sync_monitor_core::help::AUTH_FAILED_HELP
                    .strip_suffix(sync_monitor_core::help::auth_failed_fix())
                    .unwrap_or_default()}
            </span>
            {sync_monitor_core::help::auth_failed_fix()}
        </p>
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
