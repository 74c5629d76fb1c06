//! The user table: an ARIA grid that scrolls through every matching user
//! while only the rows in view (plus a small buffer) are in the DOM. It is
//! one tab stop; arrows move the active row, Space selects, Enter opens.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use sync_monitor_core::query::{SortDir, SortField};
use sync_monitor_core::Coverage;

use crate::components::user_row::UserRow;
use crate::state::memory::{current_list_url, still_here, ListMemory};
use crate::state::table::TableCtx;

/// Height of a row and of the header, in CSS pixels (see `.grid-row`).
pub const ROW_H: u64 = 40;
const HEAD_H: u64 = 44;
/// Rows rendered beyond the visible ones, each way.
const BUFFER: u64 = 8;

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
    let grid = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0u64);
    let height = RwSignal::new(600u64);

    let window = Memo::new(move |_| {
        let first = scroll_top.get() / ROW_H;
        let visible = height.get().saturating_sub(HEAD_H) / ROW_H + 1;
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
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // Keeps `index` fully visible.
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
        if total == 0 {
            return;
        }
        let page = height.get_untracked().saturating_sub(HEAD_H) / ROW_H;
        let current = ctx.active.get_untracked();
        let last = total - 1;
        let next = match ev.key().as_str() {
            "ArrowDown" => Some(current.map_or(0, |c| (c + 1).min(last))),
            "ArrowUp" => Some(current.map_or(0, |c| c.saturating_sub(1))),
            "PageDown" => Some(current.map_or(0, |c| (c + page.max(1)).min(last))),
            "PageUp" => Some(current.map_or(0, |c| c.saturating_sub(page.max(1)))),
            "Home" => Some(0),
            "End" => Some(last),
            " " => {
                ev.prevent_default();
                let row = current.unwrap_or(0);
                ctx.toggle_row(row, ev.shift_key());
                return;
            }
            "Enter" => {
                if let Some(id) = current.and_then(|c| ctx.rows.id_at(c)) {
                    ev.prevent_default();
                    navigate(
                        &crate::app::app_url(&format!("/users/{id}")),
                        crate::app::exact(),
                    );
                }
                return;
            }
            _ => None,
        };
        if let Some(next) = next {
            ev.prevent_default();
            ctx.active.set(Some(next));
            reveal(next);
        }
    };
    let on_focus = move |_| {
        if ctx.active.get_untracked().is_none() && total.get_untracked() > 0 {
            ctx.active.set(Some(window.get_untracked().2));
        }
    };

    let active_id = move || {
        let (start, end, ..) = window.get();
        ctx.active
            .get()
            .filter(|a| (start..end).contains(a))
            .map(|a| format!("row-{a}"))
    };

    view! {
        <div
            node_ref=grid
            class="grid"
            role="grid"
            tabindex="0"
            aria-label="Users"
            aria-multiselectable="true"
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
                    {COLUMNS.map(|(label, field, note)| view! { <SortHeader label field note /> })}
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

/// Scrolls `el` to `top` once it is laid out (the grid may not be in the
/// document yet when it mounts), trying for a few frames.
fn restore_scroll(el: web_sys::HtmlDivElement, top: i32, tries: u32) {
    el.set_scroll_top(top);
    if el.scroll_top() < top && tries > 0 {
        request_animation_frame(move || restore_scroll(el, top, tries - 1));
    }
}

#[component]
fn SortHeader(label: &'static str, field: SortField, note: Option<&'static str>) -> impl IntoView {
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
    view! {
        <div role="columnheader" class="cell head-cell" aria-sort=aria_sort>
            <button
                type="button"
                class="sort"
                tabindex="-1"
                title=note
                aria-describedby=note_id.clone()
                on:click=move |_| ctx.view.update(false, |v| v.sort = v.next_sort(field))
            >
                {label}
                <span class="arrow" aria-hidden="true">{arrow}</span>
            </button>
            {note.map(|n| view! { <span id=note_id.clone() hidden>{n}</span> })}
        </div>
    }
}

#[component]
fn HeaderCheckbox() -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let coverage = Memo::new(move |_| {
        let ids = ctx.rows.loaded_ids();
        ctx.selection.with(|s| s.coverage(&ids))
    });
    view! {
        <div role="columnheader" class="cell check-cell">
            <input
                type="checkbox"
                tabindex="-1"
                aria-label="Select the loaded rows"
                prop:checked=move || coverage.get() == Coverage::All
                prop:indeterminate=move || coverage.get() == Coverage::Some
                on:change=move |_| {
                    let ids = ctx.rows.loaded_ids();
                    ctx.selection.update(|s| s.toggle_many(&ids));
                }
            />
        </div>
    }
}
