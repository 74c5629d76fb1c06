//! Above the table: search as you type, the filter toggles, Clear filters,
//! the total, and the selection bar.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use sync_monitor_core::{format, StatusCard, UserColumn, ViewState};
use wasm_bindgen::JsCast;

use crate::state::focus::focus_first;
use crate::state::table::TableCtx;

/// The filter toggles: label, id, and how each reads and sets the view.
type Toggle = (
    &'static str,
    &'static str,
    fn(&ViewState) -> bool,
    fn(&mut ViewState, bool),
);

const TOGGLES: [Toggle; 4] = [
    (
        "Oracle Sales authorization failed",
        "filter-sales-auth",
        |v| v.filter.sales_authorized == Some(false),
        |v, on| v.filter.sales_authorized = on.then_some(false),
    ),
    (
        "Microsoft authorization failed",
        "filter-ms-auth",
        |v| v.filter.microsoft_authorized == Some(false),
        |v, on| v.filter.microsoft_authorized = on.then_some(false),
    ),
    (
        "Using Next Gen",
        "filter-next-gen",
        |v| v.filter.using_next_gen == Some(true),
        |v, on| v.filter.using_next_gen = on.then_some(true),
    ),
    (
        // The same state as the Sync Disabled card (see `ViewState`).
        "Sync disabled",
        "filter-sync-disabled",
        |v| v.active_card() == Some(StatusCard::SyncDisabled),
        ViewState::set_sync_disabled,
    ),
];

/// The windows the "Authorization expires" filter offers (a link may carry
/// any other from 1 to 365 days; it is offered too).
const EXPIRY_WINDOWS: [u32; 4] = [1, 7, 14, 30];

#[component]
pub fn TableToolbar() -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let view_state = ctx.view.view;
    // What is typed is the box's own state, so nothing typed is ever lost;
    // the URL follows it, and Back/Forward set it.
    let typed = RwSignal::new(view_state.get_untracked().filter.search.clone());
    Effect::new(move |_| {
        let in_url = view_state.with(|v| v.filter.search.clone());
        if typed.with_untracked(|t| t.trim() != in_url) {
            typed.set(in_url);
        }
    });
    let search = NodeRef::<html::Input>::new();
    // `/` jumps to the search box from anywhere but a text field.
    let slash = window_event_listener(ev::keydown, move |ev| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if !typing {
            if let Some(input) = search.get_untracked() {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });
    on_cleanup(move || slash.remove());

    let toggles = TOGGLES.map(|(label, id, get, set)| {
        view! {
            <label class="toggle" for=id>
                <input
                    type="checkbox"
                    id=id
                    prop:checked=move || view_state.with(get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ctx.view.update(false, |v| set(v, on));
                    }
                />
                {label}
            </label>
        }
    });

    let expiry = move || view_state.with(|v| v.filter.authorization_expires_within_days);
    let windows = move || {
        let mut w = EXPIRY_WINDOWS.to_vec();
        if let Some(d) = expiry().filter(|d| !w.contains(d)) {
            w.push(d);
            w.sort_unstable();
        }
        w
    };

    view! {
        <div class="toolbar" role="search">
            <label class="visually-hidden" for="user-search">"Search users by name or email"</label>
            <input
                node_ref=search
                id="user-search"
                class="search"
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder="Search user or email   ( / )"
                prop:value=move || typed.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    typed.set(text.clone());
                    ctx.view.update(true, |v| v.filter.search = text.trim().to_owned());
                }
            />
            <label class="expiry-filter" for="filter-expiry">
                "Authorization expires"
                <select id="filter-expiry" on:change=move |ev| {
                    let days = event_target_value(&ev).parse::<u32>().ok();
                    ctx.view.update(false, |v| v.filter.authorization_expires_within_days = days);
                }>
                    <option value="" prop:selected=move || expiry().is_none()>"any time"</option>
                    <For each=windows key=|d| *d let:d>
                        <option value=d.to_string() prop:selected=move || expiry() == Some(d)>
                            {format!("within {}", format::plural(u64::from(d), "day", "days"))}
                        </option>
                    </For>
                </select>
            </label>
            // Beside the search and the expiry filter, where the first line
            // has room: no line of its own above the table.
            <Show when=move || view_state.with(|v| v.is_filtered())>
                <button type="button" class="button secondary" on:click=move |_| {
                    typed.set(String::new());
                    ctx.view.update(false, |v| *v = v.cleared());
                    // The button goes with the filters: the result takes the focus.
                    focus_first(&["users-total"]);
                }>"Clear filters"</button>
            </Show>
            <fieldset class="toggles">
                <legend class="visually-hidden">"Filters"</legend>
                {toggles}
            </fieldset>
        </div>
    }
}

#[component]
pub fn SelectionBar() -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let count = move || ctx.selection.with(|s| s.len()) as u64;
    let total = move || ctx.rows.counted();
    let all = move || ctx.selection.with(|s| s.is_all_matching());
    view! {
        <div class="selection-bar">
            <p class="total" id="users-total" tabindex="-1" role="status">
                {move || match total() {
                    Some(1) => "1 user matches".to_owned(),
                    Some(t) => format!("{} users match", format::count(t)),
                    None if ctx.rows.error.with(Option::is_some) => "Users could not be loaded.".to_owned(),
                    None if ctx.rows.uncounted.get() => "Searching users…".to_owned(),
                    None => "Loading users…".to_owned(),
                }}
            </p>
            <p class="selected-count" id="selected-count" tabindex="-1" aria-live="polite">
                {move || format!("{} selected", format::count(count()))}
            </p>
            <Show when=move || total().is_some_and(|t| t > 0 && !all() && count() < t)>
                <button
                    type="button"
                    class="link"
                    disabled=move || ctx.fetching_ids.get()
                    on:click=move |_| {
                        ctx.select_all_matching();
                        focus_first(&["selected-count"]);
                    }
                >
                    {move || format!("Select all {} matching", format::count(total().unwrap_or(0)))}
                </button>
            </Show>
            <Show when=move || count() != 0>
                <button type="button" class="link" on:click=move |_| {
                    ctx.clear_selection();
                    focus_first(&["selected-count"]);
                }>"Clear selection"</button>
            </Show>
            <p class="notice" id="selection-notice" tabindex="-1" role="status">{move || ctx.notice.get()}</p>
            {move || ctx.ids_error.get().map(|e| view! {
                <p class="inline-error" role="alert">{format!("Could not select all: {}", e.message())}</p>
            })}
        </div>
    }
}

/// The optional columns, each a checkbox in a disclosure ("Columns").
#[component]
pub fn ColumnChooser() -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let boxes = UserColumn::OPTIONAL.map(|column| {
        let id = format!("column-{}", column.sort_field().as_str());
        view! {
            <label class="toggle" for=id.clone()>
                <input
                    type="checkbox"
                    id=id.clone()
                    prop:checked=move || ctx.view.view.with(|v| v.columns.contains(&column))
                    on:change=move |ev| ctx.show_column(column, event_target_checked(&ev))
                />
                {column.label()}
            </label>
        }
    });
    // Like a menu: Escape closes it (back to its button), so does a click
    // elsewhere or the focus leaving it (Tab: it would cover the grid).
    let close = move |refocus: bool| {
        let Some(d) = document().get_element_by_id("column-chooser") else {
            return;
        };
        if d.has_attribute("open") {
            let _ = d.remove_attribute("open");
            if let Some(summary) = d
                .query_selector("summary")
                .ok()
                .flatten()
                .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
                .filter(|_| refocus)
            {
                let _ = summary.focus();
            }
        }
    };
    let outside = window_event_listener(ev::click, move |ev| {
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(document().get_element_by_id("column-chooser"))
            .is_some_and(|(n, d)| d.contains(Some(&n)));
        if !inside {
            close(false);
        }
    });
    on_cleanup(move || outside.remove());
    view! {
        <details
            id="column-chooser"
            class="column-chooser"
            on:keydown=move |ev: ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    close(true);
                }
            }
            on:focusout=move |ev: ev::FocusEvent| {
                // To another element outside; a click on its own text moves
                // the focus nowhere (and the click listener keeps it open).
                let outside = ev
                    .related_target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                    .zip(document().get_element_by_id("column-chooser"))
                    .is_some_and(|(n, d)| !d.contains(Some(&n)));
                if outside {
                    close(false);
                }
            }
        >
            <summary class="button secondary">"Columns"</summary>
            <fieldset class="column-list">
                <legend>"Show these columns too"</legend>
                {boxes}
            </fieldset>
        </details>
    }
}
