//! One row of the user table, or its placeholder while the row loads. Each
//! cell has an id (`cell-{row}-{column}`) for the grid's active descendant.

use leptos::ev;
use leptos::prelude::*;
use sync_monitor_core::help::AUTH_FAILED_HELP;
use sync_monitor_core::{format, LastSyncStatus, User, UserColumn};
use wasm_bindgen::JsCast;

use crate::components::icons::{status_icon, Icon};
use crate::components::local_time::local_string;
use crate::state::clock::Now;
use crate::state::table::{keep_grid_focus, TableCtx, ROW_H};

/// A row element; `shown` is false past the end of the list, where it is
/// hidden (no role, not drawn) and keeps its cells for a longer list.
#[component]
pub fn UserRow(index: Memo<u64>, shown: Memo<bool>) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let user = Memo::new(move |_| ctx.rows.get(index.get()));
    // The cells are built when the row first has a user, then updated in
    // place: another user in this row rebuilds nothing, nor does hiding it.
    let loaded = Memo::new(move |was: Option<&bool>| {
        user.with(Option::is_some) || (was == Some(&true) && !shown.get())
    });
    // The table's shared signals are read once per row, here, and the
    // row's cells read these: a signal's subscribers are an ordered set
    // whose removal is linear, so hundreds of cell effects re-subscribing
    // to one signal cost quadratic time on every keystroke (#13).
    let selected = Memo::new(move |_| {
        user.with(|u| {
            u.as_ref()
                .is_some_and(|u| ctx.selection.with(|s| s.contains(u.id)))
        })
    });
    // The column of the active cell when it is in this row.
    let active_col = Memo::new(move |_| {
        (!ctx.head.get() && ctx.active.get() == Some(index.get())).then(|| ctx.col.get())
    });
    let active = move || active_col.with(Option::is_some);
    let on_click = move |_: ev::MouseEvent| {
        ctx.head.set(false);
        ctx.active.set(Some(index.get_untracked()));
    };
    view! {
        <div
            role=move || shown.get().then_some("row")
            hidden=move || !shown.get()
            id=move || format!("row-{}", index.get())
            class="grid-row"
            class:active=active
            class:selected=selected
            aria-rowindex=move || (index.get() + 2).to_string()
            aria-selected=move || selected.get().to_string()
            // Through the CSSOM, not a style attribute (the CSP allows no
            // inline styles).
            style:top=move || format!("{}px", index.get() * ROW_H)
            on:click=on_click
        >
            {move || if loaded.get() {
                view! { <Cells user index selected active_col /> }.into_any()
            } else {
                view! { <Placeholder index active_col /> }.into_any()
            }}
        </div>
    }
}

/// The id of the gridcell at `index`, `col` (for `aria-activedescendant`),
/// following the row the element shows.
fn cell_id(index: Memo<u64>, col: usize) -> impl Fn() -> String + Copy {
    move || format!("cell-{}-{col}", index.get())
}

#[component]
fn Placeholder(index: Memo<u64>, active_col: Memo<Option<usize>>) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    move || {
        (0..=ctx.last_col())
        .map(|col| {
            let at = move || active_col.get() == Some(col);
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

/// A value of the row's user (the default while it has none), read again
/// whenever the row shows another user.
fn of<T: Default>(
    user: Memo<Option<User>>,
    f: impl Fn(&User) -> T + Copy,
) -> impl Fn() -> T + Copy {
    move || user.with(|u| u.as_ref().map(f).unwrap_or_default())
}

/// The cells of a loaded row. Built once per row and updated in place when
/// the row shows another user (a new search, sort or page): only the
/// texts and attributes that differ are written, so a keystroke's new
/// rows cost no new elements.
#[component]
fn Cells(
    user: Memo<Option<User>>,
    index: Memo<u64>,
    selected: Memo<bool>,
    active_col: Memo<Option<usize>>,
) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let now = expect_context::<Now>().0;
    let id = of(user, |u| u.id);
    let status = Memo::new(move |_| {
        user.with(|u| {
            u.as_ref()
                .map_or(LastSyncStatus::Unknown, |u| u.last_sync_status)
        })
    });
    let on_check = move |ev: ev::MouseEvent| {
        ev.stop_propagation();
        ctx.head.set(false);
        ctx.col.set(0);
        ctx.toggle_row(index.get_untracked(), ev.shift_key());
        // The box shows the selection, never only its own toggle (a Shift
        // range may still be on its way).
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            let id = user.with_untracked(|u| u.as_ref().map(|u| u.id));
            input
                .set_checked(id.is_some_and(|id| ctx.selection.with_untracked(|s| s.contains(id))));
        }
    };
    let at = move |col: usize| move || active_col.get() == Some(col);
    let start = Memo::new(move |_| user.with(|u| u.as_ref().and_then(|u| u.last_sync_start)));
    let started = Memo::new(move |_| start.with(Option::is_some));
    let name = of(user, |u| {
        format::visible_text(&u.sales_user_name).into_owned()
    });
    let email = of(user, |u| {
        format::visible_text(&u.microsoft_email).into_owned()
    });
    // The whole class (a bound `class` replaces the attribute, so it carries
    // `active-cell` itself).
    let status_class = move || {
        let active = if at(1)() { " active-cell" } else { "" };
        format!(
            "cell status status-{}{active}",
            status.get().as_str().to_lowercase()
        )
    };
    let when = move || {
        if !started.get() {
            return view! { <span class="muted">"Never"</span> }.into_any();
        }
        // Formatted once (`Intl`) for the title and the words read aloud.
        let absolute = Memo::new(move |_| start.get().map(local_string).unwrap_or_default());
        let relative = move || {
            start
                .get()
                .map(|s| format::relative(s, now.get()))
                .unwrap_or_default()
        };
        view! {
            <time datetime=move || start.get().map(|s| s.to_rfc3339()) title=absolute>
                <span class="visually-hidden">{absolute}</span>
                <span aria-hidden="true">{relative}</span>
            </time>
        }
        .into_any()
    };
    view! {
        <div role="gridcell" id=cell_id(index, 0) class="cell check-cell" class:active-cell=at(0)>
            <input
                type="checkbox"
                tabindex="-1"
                aria-label=move || format!("Select {}", name())
                prop:checked=selected
                on:mousedown=keep_grid_focus
                on:click=on_check
            />
        </div>
        <div role="gridcell" id=cell_id(index, 1) class=status_class>
            <Icon name=Signal::derive(move || status_icon(status.get())) />
            <span>{move || status.get().label()}</span>
        </div>
        <div role="gridcell" id=cell_id(index, 2) class="cell user" class:active-cell=at(2)>
            <a href=move || crate::state::nav::app_url(&format!("/users/{}", id())) tabindex="-1" title=name>
                <bdi>{name}</bdi>
            </a>
        </div>
        <div role="gridcell" id=cell_id(index, 3) class="cell email" class:active-cell=at(3) title=email>
            <bdi>{email}</bdi>
        </div>
        <div role="gridcell" id=cell_id(index, 4) class="cell start" class:active-cell=at(4)>
            {when}
        </div>
        <div role="gridcell" id=cell_id(index, 5) class="cell duration" class:active-cell=at(5)>
            {of(user, |u| u.last_sync_duration_ms.map(format::duration_ms).unwrap_or_else(|| "\u{2014}".into()))}
        </div>
        <AuthCell ok=Memo::new(move |_| of(user, |u| u.sales_authorized)()) id=Signal::derive(cell_id(index, 6)) at=Signal::derive(at(6)) />
        <AuthCell ok=Memo::new(move |_| of(user, |u| u.microsoft_authorized)()) id=Signal::derive(cell_id(index, 7)) at=Signal::derive(at(7)) />
        <div role="gridcell" id=cell_id(index, 8) class="cell next-gen" class:active-cell=at(8)>
            {of(user, |u| if u.using_next_gen { "Yes" } else { "No" })}
        </div>
        // The optional columns shown, after the others.
        {move || {
            let shown = ctx.view.view.with(|v| v.columns.clone());
            shown.into_iter().enumerate().map(|(i, column)| {
                let col = UserColumn::ALL.len() + 1 + i;
                let value = of(user, move |u| match column {
                    UserColumn::IncludedInLatestSync => if u.included_in_latest_sync { "Yes" } else { "No" },
                    _ => "",
                });
                view! { <div role="gridcell" id=cell_id(index, col) class="cell optional" class:active-cell=at(col)>{value}</div> }
            }).collect_view()
        }}
    }
}

/// An authorization icon; a failed one says what to do, on screen.
#[component]
fn AuthCell(ok: Memo<bool>, id: Signal<String>, at: Signal<bool>) -> impl IntoView {
    let failed = move || !ok.get();
    view! {
        <div role="gridcell" id=id class="cell auth" class:auth-ok=ok class:auth-failed=failed
            class:active-cell=at title=move || failed().then_some(AUTH_FAILED_HELP)>
            {move || if ok.get() {
                view! {
                    <Icon name="check" />
                    <span class="visually-hidden">"Authorized"</span>
                }
                .into_any()
            } else {
                view! {
                    <Icon name="cross" />
                    <span class="auth-fix" aria-hidden="true">"Sign in again"</span>
                    <span class="visually-hidden">{AUTH_FAILED_HELP}</span>
                }
                .into_any()
            }}
        </div>
    }
}
