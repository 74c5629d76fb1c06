//! One row of the user table, or its placeholder while the row loads. Each
//! cell has an id (`cell-{row}-{column}`) for the grid's active descendant.

use leptos::ev;
use leptos::prelude::*;
use sync_monitor_core::help::AUTH_FAILED_HELP;
use sync_monitor_core::{format, User, UserColumn};
use wasm_bindgen::JsCast;

use crate::components::icons::{status_icon, Icon};
use crate::components::local_time::local_string;
use crate::state::clock::Now;
use crate::state::table::{keep_grid_focus, TableCtx, ROW_H};

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
    let active = move || !ctx.head.get() && ctx.active.get() == Some(index);
    let on_click = move |_: ev::MouseEvent| {
        ctx.head.set(false);
        ctx.active.set(Some(index));
    };
    view! {
        <div
            role="row"
            id=format!("row-{index}")
            class="grid-row"
            class:active=active
            class:selected=selected
            aria-rowindex=(index + 2).to_string()
            aria-selected=move || selected().to_string()
            // Through the CSSOM, not a style attribute (the CSP allows no
            // inline styles).
            style:top=format!("{}px", index * ROW_H)
            on:click=on_click
        >
            {move || match user.get() {
                Some(u) => view! { <Cells user=u index /> }.into_any(),
                None => view! { <Placeholder index /> }.into_any(),
            }}
        </div>
    }
}

/// The id of the gridcell at `index`, `col` (for `aria-activedescendant`).
fn cell_id(index: u64, col: usize) -> String {
    format!("cell-{index}-{col}")
}

#[component]
fn Placeholder(index: u64) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    move || {
        (0..=ctx.last_col())
        .map(|col| {
            let at = move || !ctx.head.get() && ctx.active.get() == Some(index) && ctx.col.get() == col;
            view! {
                <div role="gridcell" id=cell_id(index, col) class="cell placeholder" class:active-cell=at>
                    {(col > 0).then(|| view! { <span class="skeleton-bar"></span> })}
                    {(col == 1).then(|| view! { <span class="visually-hidden">"Loading…"</span> })}
                </div>
            }
        })
        .collect_view()
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
        ctx.head.set(false);
        ctx.col.set(0);
        ctx.toggle_row(index, ev.shift_key());
        // The box shows the selection, never only its own toggle (a Shift
        // range may still be on its way).
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_checked(ctx.selection.with_untracked(|s| s.contains(id)));
        }
    };
    let at = move |col: usize| {
        move || !ctx.head.get() && ctx.active.get() == Some(index) && ctx.col.get() == col
    };
    let included = user.included_in_latest_sync;
    let start = user.last_sync_start;
    let relative = move || start.map(|s| format::relative(s, now.get()));
    let absolute = start.map(local_string);
    let name = format::visible_text(&user.sales_user_name).into_owned();
    let email = format::visible_text(&user.microsoft_email).into_owned();
    let (name_title, email_title) = (name.clone(), email.clone());
    view! {
        <div role="gridcell" id=cell_id(index, 0) class="cell check-cell" class:active-cell=at(0)>
            <input
                type="checkbox"
                tabindex="-1"
                aria-label=format!("Select {name_title}")
                prop:checked=checked
                on:mousedown=keep_grid_focus
                on:click=on_check
            />
        </div>
        <div role="gridcell" id=cell_id(index, 1) class=format!("cell status status-{}", status.as_str().to_lowercase()) class:active-cell=at(1)>
            <Icon name=status_icon(status) />
            <span>{status.label()}</span>
        </div>
        <div role="gridcell" id=cell_id(index, 2) class="cell user" class:active-cell=at(2)>
            <a href=crate::state::nav::app_url(&format!("/users/{id}")) tabindex="-1" title=name_title>
                <bdi>{name}</bdi>
            </a>
        </div>
        <div role="gridcell" id=cell_id(index, 3) class="cell email" class:active-cell=at(3) title=email_title>
            <bdi>{email}</bdi>
        </div>
        <div role="gridcell" id=cell_id(index, 4) class="cell start" class:active-cell=at(4)>
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
        <div role="gridcell" id=cell_id(index, 5) class="cell duration" class:active-cell=at(5)>
            {user.last_sync_duration_ms.map(format::duration_ms).unwrap_or_else(|| "\u{2014}".into())}
        </div>
        <AuthCell ok=user.sales_authorized id=cell_id(index, 6) at=Signal::derive(at(6)) />
        <AuthCell ok=user.microsoft_authorized id=cell_id(index, 7) at=Signal::derive(at(7)) />
        <div role="gridcell" id=cell_id(index, 8) class="cell next-gen" class:active-cell=at(8)>
            {if user.using_next_gen { "Yes" } else { "No" }}
        </div>
        // The optional columns shown, after the others.
        {move || {
            let shown = ctx.view.view.with(|v| v.columns.clone());
            shown.into_iter().enumerate().map(|(i, column)| {
                let col = UserColumn::ALL.len() + 1 + i;
                let value = match column {
                    UserColumn::IncludedInLatestSync => if included { "Yes" } else { "No" },
                    _ => "",
                };
                view! { <div role="gridcell" id=cell_id(index, col) class="cell optional" class:active-cell=at(col)>{value}</div> }
            }).collect_view()
        }}
    }
}

/// An authorization icon; a failed one says what to do, on screen.
#[component]
fn AuthCell(ok: bool, id: String, at: Signal<bool>) -> impl IntoView {
    if ok {
        view! {
            <div role="gridcell" id=id class="cell auth auth-ok" class:active-cell=at>
                <Icon name="check" />
                <span class="visually-hidden">"Authorized"</span>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div role="gridcell" id=id class="cell auth auth-failed" class:active-cell=at title=AUTH_FAILED_HELP>
                <Icon name="cross" />
                <span class="auth-fix" aria-hidden="true">"Sign in again"</span>
                <span class="visually-hidden">{AUTH_FAILED_HELP}</span>
            </div>
        }
        .into_any()
    }
}
