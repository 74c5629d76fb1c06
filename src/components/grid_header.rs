//! The user table's header row: the header checkbox (every matching user)
//! and one sort button per column, labels from `core::columns`. The grid
//! keeps the keyboard; these cells are its header row's active
//! descendants (`head-{column}`).

use leptos::ev;
use leptos::prelude::*;
use sync_monitor_core::query::{SortDir, SortField};
use sync_monitor_core::UserColumn;
use wasm_bindgen::JsCast;

use crate::state::table::{keep_grid_focus, TableCtx};

/// Sorts by `field` (or flips its direction), keeping the scroll position.
pub fn sort_by(ctx: TableCtx, field: SortField) {
    ctx.view.update(false, |v| v.sort = v.next_sort(field));
}

#[component]
pub fn HeaderRow() -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let optional = move || {
        let shown = ctx.view.view.with(|v| v.columns.clone());
        shown
            .into_iter()
            .enumerate()
            .map(|(i, column)| view! { <SortHeader col=UserColumn::ALL.len() + 1 + i column /> })
            .collect_view()
    };
    view! {
        <div role="row" class="grid-row head" aria-rowindex="1">
            <HeaderCheckbox />
            {UserColumn::ALL
                .into_iter()
                .enumerate()
                .map(|(i, column)| view! { <SortHeader col=i + 1 column /> })
                .collect_view()}
            {optional}
        </div>
    }
}

#[component]
fn SortHeader(col: usize, column: UserColumn) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let (label, field, note) = (column.label(), column.sort_field(), column.help());
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
            aria-describedby=note_id.clone()
            data-label=label
        >
            <button
                type="button"
                class="sort"
                tabindex="-1"
                title=title
                on:mousedown=keep_grid_focus
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
        // While narrowed rows wait for their total, not "all" by count.
        let total = ctx.rows.counted().unwrap_or(u64::MAX);
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
                on:mousedown=keep_grid_focus
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
