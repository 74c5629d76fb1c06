//! The user table: an ARIA grid (WAI-ARIA APG grid pattern) that scrolls
//! through every matching user while only the rows in view (plus a small
//! buffer) are in the DOM. It is one tab stop; the arrows move between
//! cells, the header row included; Space selects, Enter opens a user or,
//! on a header, sorts.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use sync_monitor_core::window::RowWindow;
use sync_monitor_core::UserColumn;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::components::grid_header::{sort_by, HeaderRow};
use crate::components::grid_rows::{GridRows, Scrolling};
use crate::state::memory::{current_list_url, restore_scroll, still_here, ListMemory};
use crate::state::table::{TableCtx, ROW_H};
use crate::state::task::after_paint;

const HEAD_H: u64 = 44;
/// Rows rendered beyond the visible ones, each way.
const BUFFER: u64 = 8;

#[component]
pub fn UserGrid(total: Signal<u64>) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let grid = ctx.grid;
    let scroll_top = RwSignal::new(0u64);
    let height = RwSignal::new(0u64);
    // The rows in view first; the buffer (a third of the rows) once they
    // are painted (#13: rows sooner on a cold load).
    let buffer = RwSignal::new(0u64);
    after_paint(move || _ = buffer.try_set(BUFFER));
    let dimmed = ctx.dimmed();

    let window = Memo::new(move |_| {
        let first = scroll_top.get() / ROW_H;
        let visible = height.get().saturating_sub(HEAD_H).div_ceil(ROW_H).max(1);
        RowWindow::new(first, visible, buffer.get(), BUFFER, total.get())
    });
    Effect::new(move |_| {
        let w = window.get();
        ctx.rows.ensure(w.first, w.visible);
    });
    let scrolling = Scrolling::new();

    // Back from a user's details: the same list scrolls where it was. Only
    // real scrolling is remembered; a grid mounted for another view (the
    // router may pass through one) neither restores nor overwrites it.
    let memory = expect_context::<ListMemory>();
    let here = StoredValue::new(current_list_url());
    // While the router leaves for another page the list may still shrink
    // (and clamp its scroll to 0) before it goes: that is not scrolling.
    let still_here = still_here();
    // Also called from the browser (resize observer, animation frames)
    // after the grid may be gone: never panics on disposed signals.
    // Returns false once the grid is gone.
    let measure = move || -> bool {
        match grid.try_get_untracked() {
            Some(Some(el)) => {
                scroll_top.try_set(el.scroll_top().max(0) as u64);
                height.try_set(el.client_height().max(0) as u64).is_none()
            }
            Some(None) => true,
            None => false,
        }
    };
    let on_scroll = move || {
        scrolling.scrolled(window.get_untracked().start);
        let _ = measure();
        if still_here() {
            memory
                .scroll
                .set((here.get_value(), scroll_top.get_untracked()));
        }
    };
    // Once, when the grid first has rows: a later new total (a new filter
    // scrolls to the top) must not bring the old offset back.
    let restored = StoredValue::new(false);
    Effect::new(move |_| {
        if let (Some(el), true, false) = (grid.get(), total.get() > 0, restored.get_value()) {
            restored.set_value(true);
            let saved = memory
                .scroll
                .with_untracked(|(url, top)| (*url == here.get_value()).then_some(*top));
            if ctx.take_focus_on_mount() {
                let _ = el.focus();
            }
            if let Some(top) = saved.filter(|t| *t > 0) {
                restore_scroll(el, top as i32, 10);
            }
            let _ = measure();
        }
    });
    // The grid's height follows the window and the frame it is in: measure it
    // whenever its box changes (the observer stops once the grid is gone).
    let observing = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(el) = grid.get() else { return };
        if observing.get_value() {
            return;
        }
        let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::ResizeObserver)>::new(
            move |_: js_sys::Array, ro: web_sys::ResizeObserver| {
                if !measure() {
                    ro.disconnect();
                }
            },
        );
        if let Ok(ro) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            ro.observe(&el);
            observing.set_value(true);
            // Lives as long as the page: one small closure per visit to the
            // list (the observer stops calling it once the grid is gone).
            callback.forget();
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
        // A scroll like any other: the rows keep their order meanwhile.
        scrolling.scrolled(window.get_untracked().start);
        measure();
    };

    let navigate = use_navigate();
    let on_keydown = move |ev: ev::KeyboardEvent| {
        let total = total.get_untracked();
        let page = height.get_untracked().saturating_sub(HEAD_H) / ROW_H;
        let page = page.max(1);
        let head = ctx.head.get_untracked() || total == 0;
        let col = ctx.col.get_untracked();
        // The active row may be gone (a refresh shrank the list).
        let row = ctx
            .active
            .get_untracked()
            .map(|r| r.min(total.saturating_sub(1)));
        let last = total.saturating_sub(1);
        let last_col = ctx.view.view.with_untracked(|v| v.shown_columns().len());
        let ctrl = ev.ctrl_key() || ev.meta_key();
        // Where the keyboard goes: (header?, row, column).
        let to_row = |r: u64| Some((false, r, col));
        let next = match ev.key().as_str() {
            "ArrowLeft" => Some((head, row.unwrap_or(0), col.saturating_sub(1))),
            "ArrowRight" => Some((head, row.unwrap_or(0), (col + 1).min(last_col))),
            // APG: the first cell of the first row (the header row), the
            // last cell of the last row.
            "Home" if ctrl => Some((true, 0, 0)),
            "End" if ctrl => (total > 0).then_some((false, last, last_col)),
            "Home" => Some((head, row.unwrap_or(0), 0)),
            "End" => Some((head, row.unwrap_or(0), last_col)),
            "ArrowUp" | "PageUp" if head => Some((true, 0, col)), // stays: no scroll
            "ArrowUp" => match row {
                Some(0) | None => Some((true, 0, col)),
                Some(r) => to_row(r - 1),
            },
            "ArrowDown" if head => (total > 0).then(|| (false, ctx.first_visible().min(last), col)),
            "ArrowDown" => to_row(row.map_or(0, |r| (r + 1).min(last))),
            "PageDown" if head && total > 0 => to_row(ctx.first_visible().min(last)),
            "PageDown" if total > 0 => to_row(row.map_or(0, |r| (r + page).min(last))),
            "PageUp" if total > 0 => to_row(row.map_or(0, |r| r.saturating_sub(page))),
            " " | "Enter" if head => {
                ev.prevent_default();
                match UserColumn::ALL.get(col.wrapping_sub(1)) {
                    Some(column) => sort_by(ctx, column.sort_field()),
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
            } else if ctrl && ev.key() == "Home" {
                // The list's top on screen again: Down goes to its first row.
                ctx.scroll_to_top();
            }
            // Sideways too, clear of the sticky columns, once it is drawn.
            let id = if to_head {
                format!("head-{c}")
            } else {
                format!("cell-{r}-{c}")
            };
            request_animation_frame(move || {
                if let Some(Some(el)) = grid.try_get_untracked() {
                    reveal_cell(&el, &id);
                }
            });
        }
    };
    let on_focus = move |_| {
        if ctx.active.get_untracked().is_none() && !ctx.head.get_untracked() {
            if total.get_untracked() > 0 {
                ctx.active.set(Some(window.get_untracked().first));
            } else {
                ctx.head.set(true);
            }
        }
    };

    let active_id = move || {
        if ctx.head.get() {
            return Some(format!("head-{}", ctx.col.get()));
        }
        let w = window.get();
        ctx.active
            .get()
            .filter(|a| (w.start..w.end).contains(a))
            .map(|a| format!("cell-{a}-{}", ctx.col.get()))
    };

    view! {
        <div
            node_ref=grid
            id="users-grid"
            class="grid"
            // Rows of an older view cannot be clicked; narrowed ones can.
            class:stale=move || ctx.rows.busy() && !ctx.rows.narrowed.get()
            class:dim=dimmed
            role="grid"
            tabindex="0"
            aria-label="Users"
            aria-multiselectable="true"
            aria-busy=move || ctx.rows.busy().to_string()
            aria-rowcount=move || (total.get() + 1).to_string()
            class:extra-columns=move || ctx.view.view.with(|v| !v.columns.is_empty())
            aria-colcount=move || (ctx.last_col() + 1).to_string()
            aria-activedescendant=active_id
            on:scroll=move |_| on_scroll()
            on:keydown=on_keydown
            on:focus=on_focus
        >
            <div role="rowgroup" class="grid-head">
                <HeaderRow />
            </div>
            <div role="rowgroup" class="grid-body" style:height=move || format!("{}px", total.get() * ROW_H)>
                <GridRows window scrolling />
            </div>
        </div>
    }
}

/// Scrolls `grid` sideways so the cell `id` is in view, right of the
/// sticky checkbox and User columns (which are always in view).
fn reveal_cell(grid: &web_sys::HtmlDivElement, id: &str) {
    let sticky = ["head-0", "head-2"].contains(&id) || id.ends_with("-0") || id.ends_with("-2");
    let (Some(cell), Some(user), false) = (
        document().get_element_by_id(id),
        document().get_element_by_id("head-2"),
        sticky,
    ) else {
        return;
    };
    let (c, g) = (
        cell.get_bounding_client_rect(),
        grid.get_bounding_client_rect(),
    );
    let left_edge = user.get_bounding_client_rect().right();
    let right_edge = g.left() + f64::from(grid.client_width());
    let shift = if c.left() < left_edge {
        c.left() - left_edge
    } else if c.right() > right_edge {
        (c.right() - right_edge).min(c.left() - left_edge)
    } else {
        return;
    };
    grid.set_scroll_left(grid.scroll_left() + shift.round() as i32);
}
