//! The user table: an ARIA grid (WAI-ARIA APG grid pattern) that scrolls
//! through every matching user while only the rows in view (plus a small
//! buffer) are in the DOM. It is one tab stop; the arrows move between
//! cells, the header row included; Space selects, Enter opens a user or,
//! on a header, sorts.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use sync_monitor_core::query::{SortDir, SortField};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::components::user_row::UserRow;
use crate::state::memory::{current_list_url, still_here, ListMemory};
use crate::state::table::{TableCtx, ROW_H};

const HEAD_H: u64 = 44;
/// Rows rendered beyond the visible ones, each way.
const BUFFER: u64 = 8;
/// The last column's index (0 is the checkbox column).
pub const LAST_COL: usize = 8;

/// The columns: (label, sort field, extra description for the header).
const COLUMNS: [(&str, SortField, Option<&str>); 8] = [
    ("Last Sync", SortField::LastSyncStatus, None),
    ("User", SortField::SalesUserName, None),
    ("Microsoft 365 User", SortField::MicrosoftEmail, None),
    ("Last Sync Start", SortField::LastSyncStart, None),
    (
        "Duration",
        SortField::LastSyncDurationMs,
        Some("Total duration includes Microsoft 365 duration, Oracle Sales duration, and also the time taken by any additional internal processes."),
    ),
    ("Oracle Sales Authorized", SortField::SalesAuthorized, None),
    ("Microsoft Authorized", SortField::MicrosoftAuthorized, None),
    ("Using Next Gen", SortField::UsingNextGen, None),
];

#[component]
pub fn UserGrid(total: Signal<u64>) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let grid = ctx.grid;
    let scroll_top = RwSignal::new(0u64);
    let height = RwSignal::new(0u64);

    let window = Memo::new(move |_| {
        let first = scroll_top.get() / ROW_H;
        let visible = height.get().saturating_sub(HEAD_H).div_ceil(ROW_H).max(1);
        let start = first.saturating_sub(BUFFER);
        let end = (first + visible + BUFFER).min(total.get());
        (start, end.max(start), first, visible)
    });
    Effect::new(move |_| {
        let (_, _, first, visible) = window.get();
        ctx.rows.ensure(first, visible);
    });

    // Back from a user's details: the same list scrolls where it was. Only
    // real scrolling is remembered; a grid mounted for another view (the
    // router may pass through one) neither restores nor overwrites it.
    let memory = expect_context::<ListMemory>();
    let here = StoredValue::new(current_list_url());
    // While the router leaves for another page the list may still shrink
    // (and clamp its scroll to 0) before it goes: that is not scrolling.
    let still_here = still_here();
    let measure = move || {
        if let Some(el) = grid.get_untracked() {
            scroll_top.set(el.scroll_top().max(0) as u64);
            height.set(el.client_height().max(0) as u64);
        }
    };
    let on_scroll = move || {
        measure();
        if still_here() {
            memory
                .scroll
                .set((here.get_value(), scroll_top.get_untracked()));
        }
    };
    Effect::new(move |_| {
        if let (Some(el), true) = (grid.get(), total.get() > 0) {
            let saved = memory
                .scroll
                .with_untracked(|(url, top)| (*url == here.get_value()).then_some(*top));
            if let Some(top) = saved.filter(|t| *t > 0) {
                restore_scroll(el, top as i32, 10);
            }
            measure();
        }
    });
    // The grid's height follows the window and the frame it is in: measure
    // it whenever its box changes, from its first layout on.
    let observer = StoredValue::new_local(None::<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>);
    Effect::new(move |_| {
        let Some(el) = grid.get() else { return };
        if observer.with_value(Option::is_some) {
            return;
        }
        let callback = Closure::<dyn FnMut()>::new(measure);
        if let Ok(ro) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            ro.observe(&el);
            observer.set_value(Some((ro, callback)));
        }
    });
    on_cleanup(move || {
        if let Some((ro, _)) = observer.try_update_value(Option::take).flatten() {
            ro.disconnect();
        }
    });

    // Keeps row `index` fully visible.
    let reveal = move |index: u64| {
        let Some(el) = grid.get_untracked() else {
            return;
        };
        let top = el.scroll_top().max(0) as u64;
        let view_h = (el.client_height().max(0) as u64).saturating_sub(HEAD_H);
        let row_top = index * ROW_H;
        if row_top < top {
            el.set_scroll_top(row_top as i32);
        } else if row_top + ROW_H > top + view_h {
            el.set_scroll_top((row_top + ROW_H - view_h) as i32);
        }
        measure();
    };

    let navigate = use_navigate();
    let on_keydown = move |ev: ev::KeyboardEvent| {
        let total = total.get_untracked();
        let page = height.get_untracked().saturating_sub(HEAD_H) / ROW_H;
        let page = page.max(1);
        let head = ctx.head.get_untracked() || total == 0;
        let col = ctx.col.get_untracked();
        let row = ctx.active.get_untracked();
        let last = total.saturating_sub(1);
        let ctrl = ev.ctrl_key() || ev.meta_key();
        // Where the keyboard goes: (header?, row, column).
        let to_row = |r: u64| Some((false, r, col));
        let next = match ev.key().as_str() {
            "ArrowLeft" => Some((head, row.unwrap_or(0), col.saturating_sub(1))),
            "ArrowRight" => Some((head, row.unwrap_or(0), (col + 1).min(LAST_COL))),
            "Home" if ctrl => (total > 0).then_some((false, 0, col)),
            "End" if ctrl => (total > 0).then_some((false, last, col)),
            "Home" => Some((head, row.unwrap_or(0), 0)),
            "End" => Some((head, row.unwrap_or(0), LAST_COL)),
            "ArrowUp" if head => None,
            "ArrowUp" => match row {
                Some(0) | None => Some((true, 0, col)),
                Some(r) => to_row(r - 1),
            },
            "ArrowDown" if head => (total > 0).then(|| (false, ctx.first_visible().min(last), col)),
            "ArrowDown" => to_row(row.map_or(0, |r| (r + 1).min(last))),
            "PageDown" if total > 0 => to_row(row.map_or(0, |r| (r + page).min(last))),
            "PageUp" if total > 0 => to_row(row.map_or(0, |r| r.saturating_sub(page))),
            " " | "Enter" if head => {
                ev.prevent_default();
                match COLUMNS.get(col.wrapping_sub(1)) {
                    Some((_, field, _)) => sort_by(ctx, *field),
                    None => ctx.toggle_all(),
                }
                return;
            }
            " " => {
                ev.prevent_default();
                ctx.toggle_row(row.unwrap_or(0), ev.shift_key());
                return;
            }
            "Enter" => {
                if let Some(id) = row.and_then(|r| ctx.rows.id_at(r)) {
                    ev.prevent_default();
                    navigate(
                        &crate::state::nav::app_url(&format!("/users/{id}")),
                        crate::state::nav::exact(),
                    );
                }
                return;
            }
            _ => None,
        };
        if let Some((to_head, r, c)) = next {
            ev.prevent_default();
            ctx.head.set(to_head);
            ctx.col.set(c);
            if !to_head {
                ctx.active.set(Some(r));
                reveal(r);
            }
        }
    };
    let on_focus = move |_| {
        if ctx.active.get_untracked().is_none() && !ctx.head.get_untracked() {
            if total.get_untracked() > 0 {
                ctx.active.set(Some(window.get_untracked().2));
            } else {
                ctx.head.set(true);
            }
        }
    };

    let active_id = move || {
        if ctx.head.get() {
            return Some(format!("head-{}", ctx.col.get()));
        }
        let (start, end, ..) = window.get();
        ctx.active
            .get()
            .filter(|a| (start..end).contains(a))
            .map(|a| format!("cell-{a}-{}", ctx.col.get()))
    };

    view! {
        <div
            node_ref=grid
            class="grid"
            class:stale=move || ctx.rows.stale.get()
            role="grid"
            tabindex="0"
            aria-label="Users"
            aria-multiselectable="true"
            aria-busy=move || ctx.rows.stale.get().to_string()
            aria-rowcount=move || (total.get() + 1).to_string()
            aria-colcount="9"
            aria-activedescendant=active_id
            on:scroll=move |_| on_scroll()
            on:keydown=on_keydown
            on:focus=on_focus
        >
            <div role="rowgroup" class="grid-head">
                <div role="row" class="grid-row head" aria-rowindex="1">
                    <HeaderCheckbox />
                    {COLUMNS
                        .into_iter()
                        .enumerate()
                        .map(|(i, (label, field, note))| view! { <SortHeader col=i + 1 label field note /> })
                        .collect_view()}
                </div>
            </div>
            <div role="rowgroup" class="grid-body" style=move || format!("height: {}px", total.get() * ROW_H)>
                <For
                    each=move || { let (s, e, ..) = window.get(); s..e }
                    key=|i| *i
                    children=move |index| view! { <UserRow index /> }
                />
            </div>
        </div>
    }
}

/// Sorts by `field` (or flips its direction), keeping the scroll position.
fn sort_by(ctx: TableCtx, field: SortField) {
    ctx.view.update(false, |v| v.sort = v.next_sort(field));
}

/// Scrolls `el` to `top` once it is laid out (the grid may not be in the
/// document yet when it mounts), trying for a few frames.
fn restore_scroll(el: web_sys::HtmlDivElement, top: i32, tries: u32) {
    el.set_scroll_top(top);
    if el.scroll_top() < top && tries > 0 {
        request_animation_frame(move || restore_scroll(el, top, tries - 1));
    }
}

#[component]
fn SortHeader(
    col: usize,
    label: &'static str,
    field: SortField,
    note: Option<&'static str>,
) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let sort = move || ctx.view.view.with(|v| v.sort);
    let aria_sort = move || {
        let s = sort();
        if s.field != field {
            None
        } else if s.dir == SortDir::Asc {
            Some("ascending")
        } else {
            Some("descending")
        }
    };
    let arrow = move || match aria_sort() {
        Some("ascending") => "\u{25B2}",
        Some("descending") => "\u{25BC}",
        _ => "",
    };
    let note_id = note.map(|_| format!("note-{}", field.as_str()));
    let title = match note {
        Some(n) => format!("{label}. {n}"),
        None => label.to_owned(),
    };
    view! {
        <div
            role="columnheader"
            id=format!("head-{col}")
            class="cell head-cell"
            class:active-cell=move || ctx.head.get() && ctx.col.get() == col
            aria-sort=aria_sort
            data-label=label
        >
            <button
                type="button"
                class="sort"
                tabindex="-1"
                title=title
                aria-describedby=note_id.clone()
                on:click=move |_| {
                    ctx.head.set(true);
                    ctx.col.set(col);
                    sort_by(ctx, field);
                }
            >
                <span class="sort-label">{label}</span>
                <span class="arrow" aria-hidden="true">{arrow}</span>
            </button>
            {note.map(|n| view! { <span id=note_id.clone() hidden>{n}</span> })}
        </div>
    }
}

/// Selects every matching user (like "Select all N matching"); shows
/// "some" when part of them is selected; clears when pressed again.
#[component]
fn HeaderCheckbox() -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let state = Memo::new(move |_| {
        let total = ctx.rows.total.get().unwrap_or(0);
        ctx.selection.with(|s| {
            let n = s.len() as u64;
            let all = n > 0 && (s.is_all_matching() || n >= total);
            (all, n > 0 && !all)
        })
    });
    view! {
        <div
            role="columnheader"
            id="head-0"
            class="cell check-cell head-cell"
            class:active-cell=move || ctx.head.get() && ctx.col.get() == 0
        >
            <input
                type="checkbox"
                tabindex="-1"
                aria-label="Select all matching users"
                title="Select all matching users"
                disabled=move || ctx.fetching_ids.get()
                prop:checked=move || state.get().0
                prop:indeterminate=move || state.get().1
                on:click=move |ev: ev::MouseEvent| {
                    ctx.head.set(true);
                    ctx.col.set(0);
                    ctx.toggle_all();
                    // The box shows the selection, never its own toggle.
                    let (checked, some) = state.get_untracked();
                    if let Some(input) = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    {
                        input.set_checked(checked);
                        input.set_indeterminate(some);
                    }
                }
            />
        </div>
    }
}
