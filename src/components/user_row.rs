//! One row of the user table, or its placeholder while the row loads.

use chrono::{DateTime, Utc};
use leptos::ev;
use leptos::prelude::*;
use sync_monitor_core::{format, User};

use crate::components::icons::{status_icon, Icon};
use crate::components::local_time::local_string;
use crate::components::user_grid::ROW_H;
use crate::state::table::TableCtx;

/// The current time, ticking every 30 s, for relative times.
#[derive(Clone, Copy)]
pub struct Now(pub RwSignal<DateTime<Utc>>);

/// Guidance on a failed authorization icon (the seed's note).
pub const AUTH_FAILED_HELP: &str = "Authorization failed. This can happen if the Microsoft 365 \
    Token Refresh Job scheduled process hasn't run for a long time. Ask the user to sign in to \
    the add-in again.";

#[component]
pub fn UserRow(index: u64) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let user = Memo::new(move |_| ctx.rows.get(index));
    let selected = move || {
        user.with(|u| {
            u.as_ref()
                .is_some_and(|u| ctx.selection.with(|s| s.contains(u.id)))
        })
    };
    let active = move || ctx.active.get() == Some(index);
    let on_click = move |_: ev::MouseEvent| ctx.active.set(Some(index));
    view! {
        <div
            role="row"
            id=format!("row-{index}")
            class="grid-row"
            class:active=active
            class:selected=selected
            aria-rowindex=(index + 2).to_string()
            aria-selected=move || selected().to_string()
            style=format!("top: {}px", index * ROW_H)
            on:click=on_click
        >
            {move || match user.get() {
                Some(u) => view! { <Cells user=u index /> }.into_any(),
                None => view! { <Placeholder /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Placeholder() -> impl IntoView {
    view! {
        <div role="gridcell" class="cell check-cell"></div>
        <div role="gridcell" class="cell placeholder" aria-colspan="8">
            <span class="skeleton-bar"></span>
            <span class="visually-hidden">"Loading…"</span>
        </div>
    }
}

#[component]
fn Cells(user: User, index: u64) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let now = expect_context::<Now>().0;
    let id = user.id;
    let status = user.last_sync_status;
    let checked = move || ctx.selection.with(|s| s.contains(id));
    let on_check = move |ev: ev::MouseEvent| {
        ev.stop_propagation();
        ev.prevent_default();
        ctx.toggle_row(index, ev.shift_key());
    };
    let start = user.last_sync_start;
    let relative = move || start.map(|s| format::relative(s, now.get()));
    let absolute = start.map(local_string);
    view! {
        <div role="gridcell" class="cell check-cell">
            <input
                type="checkbox"
                tabindex="-1"
                aria-label=format!("Select {}", user.sales_user_name)
                prop:checked=checked
                on:click=on_check
            />
        </div>
        <div role="gridcell" class=format!("cell status status-{}", status.as_str().to_lowercase())>
            <Icon name=status_icon(status) />
            <span>{status.label()}</span>
        </div>
        <div role="gridcell" class="cell user">
            <a href=crate::app::app_url(&format!("/users/{id}")) tabindex="-1">{user.sales_user_name.clone()}</a>
        </div>
        <div role="gridcell" class="cell email">{user.microsoft_email.clone()}</div>
        <div role="gridcell" class="cell start">
            {match (start, absolute) {
                (Some(s), Some(abs)) => {
                    let title = abs.clone();
                    view! {
                    <time datetime=s.to_rfc3339() title=title>
                        <span class="visually-hidden">{abs}</span>
                        <span aria-hidden="true">{relative}</span>
                    </time>
                }.into_any()
                }
                _ => view! { <span class="muted">"Never"</span> }.into_any(),
            }}
        </div>
        <div role="gridcell" class="cell duration">
            {user.last_sync_duration_ms.map(format::duration_ms).unwrap_or_else(|| "\u{2014}".into())}
        </div>
        <AuthCell ok=user.sales_authorized />
        <AuthCell ok=user.microsoft_authorized />
        <div role="gridcell" class="cell next-gen">{if user.using_next_gen { "Yes" } else { "No" }}</div>
    }
}

#[component]
fn AuthCell(ok: bool) -> impl IntoView {
    if ok {
        view! {
            <div role="gridcell" class="cell auth auth-ok">
                <Icon name="check" />
                <span class="visually-hidden">"Authorized"</span>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div role="gridcell" class="cell auth auth-failed" title=AUTH_FAILED_HELP>
                <Icon name="cross" />
                <span class="visually-hidden">{AUTH_FAILED_HELP}</span>
            </div>
        }
        .into_any()
    }
}
