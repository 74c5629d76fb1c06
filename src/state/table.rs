//! Everything the user table's widgets share: rows, selection, the active
//! row, and the ids of the whole view when a range or "select all" needs
//! them.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::{Selection, UserFilter, ViewState};

use crate::api::{ApiClient, ApiError};
use crate::state::rows::Rows;
use crate::state::view::ViewCtl;

/// Height of a row, in CSS pixels (see `.grid-row` in the style sheet).
pub const ROW_H: u64 = 40;

#[derive(Clone, Copy)]
pub struct TableCtx {
    pub view: ViewCtl,
    pub rows: Rows,
    pub selection: RwSignal<Selection>,
    /// The row the keyboard is on (also set by clicks).
    pub active: RwSignal<Option<u64>>,
    /// The column the keyboard is on (0 is the checkbox column).
    pub col: RwSignal<usize>,
    /// True while the keyboard is on the header row.
    pub head: RwSignal<bool>,
    /// The grid takes the focus when it mounts (back from a user's details
    /// opened from it).
    focus_on_mount: StoredValue<bool>,
    /// The grid element (scrolling, focus).
    pub grid: NodeRef<html::Div>,
    /// A short message about the selection, announced politely.
    pub notice: RwSignal<Option<String>>,
    /// True while the ids of the whole view are being fetched.
    pub fetching_ids: RwSignal<bool>,
    pub ids_error: RwSignal<Option<ApiError>>,
    /// A filter whose users are to be selected as soon as it is the view
    /// ([`TableCtx::select_group`]).
    pub select_when_shown: StoredValue<Option<UserFilter>>,
    client: StoredValue<ApiClient>,
}

impl TableCtx {
    pub fn new(view: ViewCtl, client: ApiClient) -> Self {
        TableCtx {
            view,
            rows: Rows::new(client.clone()),
            selection: RwSignal::new(Selection::default()),
            active: RwSignal::new(None),
            col: RwSignal::new(1),
            head: RwSignal::new(false),
            focus_on_mount: StoredValue::new(false),
            grid: NodeRef::new(),
            notice: RwSignal::new(None),
            fetching_ids: RwSignal::new(false),
            ids_error: RwSignal::new(None),
            select_when_shown: StoredValue::new(None),
            client: StoredValue::new(client),
        }
    }

    /// The active cell (row, column), if any (none once the table is gone).
    pub fn active_cell(&self) -> Option<(u64, usize)> {
        let row = self.active.try_get_untracked().flatten();
        row.zip(self.col.try_get_untracked())
    }

    /// Back on the list at `cell`: the grid takes the focus when it is
    /// drawn, on that cell.
    pub fn return_to(&self, (row, col): (u64, usize)) {
        self.active.set(Some(row));
        self.col.set(col);
        self.focus_on_mount.set_value(true);
    }

    /// Whether the grid, now drawn, takes the focus (once).
    pub fn take_focus_on_mount(&self) -> bool {
        let take = self.focus_on_mount.get_value();
        self.focus_on_mount.set_value(false);
        take
    }

    /// Checkbox (or Space) on row `index`; `shift` extends from the anchor.
    pub fn toggle_row(&self, index: u64, shift: bool) {
        self.active.set(Some(index));
        // "All N matching are selected" is no longer true.
        self.notice.set(None);
        let rows = self.rows;
        if !shift {
            if let Some(id) = rows.id_at(index) {
                self.selection.update(|s| s.toggle(id, index));
            }
            return;
        }
        let mut done = false;
        self.selection
            .update(|s| done = s.select_range(index, |i| rows.id_at(i)));
        if !done {
            // Part of the range is not loaded: use the ids of the whole view.
            let this = *self;
            self.with_all_ids(move |ids| {
                this.selection
                    .update(|s| _ = s.select_range(index, |i| ids.get(i as usize).copied()));
            });
        }
    }

    /// Selects every user matching the view.
    pub fn select_all_matching(&self) {
        let this = *self;
        self.with_all_ids(move |ids| {
            let n = ids.len();
            this.selection.update(|s| s.select_all_matching(ids));
            this.notice.set(Some(format!(
                "All {} matching users are selected.",
                sync_monitor_core::format::count(n as u64)
            )));
        });
    }

    /// The view of exactly the users of `filter`: no card, no search; the
    /// sort stays.
    fn only(&self, filter: UserFilter) -> ViewState {
        let now = self.view.view.get_untracked();
        ViewState {
            filter,
            card: None,
            sort: now.sort,
            columns: now.columns,
        }
    }

    /// The last column's index (0 is the checkbox column): the columns
    /// always shown and the optional ones shown.
    pub fn last_col(&self) -> usize {
        self.view.view.with(|v| v.shown_columns().len())
    }

    /// Shows or hides an optional column; the keyboard stays in the table.
    pub fn show_column(&self, column: sync_monitor_core::UserColumn, on: bool) {
        self.view.update(false, |v| v.show_column(column, on));
        let last = self.view.view.with_untracked(|v| v.shown_columns().len());
        self.col.update(|c| *c = (*c).min(last));
    }

    /// Shows exactly the users of `filter`.
    pub fn show_only(&self, filter: UserFilter) {
        self.view.set(self.only(filter), false);
    }

    /// Shows exactly the users of `filter` and selects all of them, so an
    /// action or Export applies to the whole group.
    pub fn select_group(&self, filter: UserFilter) {
        let next = self.only(filter);
        if next.api_filter() == self.view.view.get_untracked().api_filter() {
            self.select_all_matching();
        } else {
            self.select_when_shown.set_value(Some(next.api_filter()));
            self.view.set(next, false);
        }
    }

    /// The header checkbox: every matching user, or none when all are
    /// selected already.
    pub fn toggle_all(&self) {
        // Unknown while narrowed rows wait for it (as the header checkbox).
        let total = untrack(|| self.rows.counted()).unwrap_or(u64::MAX);
        let (len, all) = self
            .selection
            .with_untracked(|s| (s.len() as u64, s.is_all_matching()));
        if len > 0 && (all || len >= total) {
            self.clear_selection();
        } else {
            self.select_all_matching();
        }
    }

    /// Clears the selection and says so.
    pub fn clear_selection(&self) {
        self.selection.update(|s| s.clear());
        self.notice.set(Some("Selection cleared.".into()));
    }

    /// True once the rows have been busy ([`Rows::busy`]) for a moment:
    /// they are dimmed then, not at once, so a quick answer changes nothing
    /// on screen (dimmed at once, even behind a transition delay, the grid
    /// was painted again twice per keystroke; #13).
    pub fn dimmed(&self) -> Signal<bool> {
        let dim = RwSignal::new(false);
        let period = StoredValue::new(0u64);
        let rows = self.rows;
        Effect::new(move |_| {
            // A new period on every change: a timer of an earlier one does
            // nothing.
            period.update_value(|p| *p += 1);
            if dim.get_untracked() {
                dim.set(false);
            }
            // Rows a narrower search found at once are its own: not dimmed.
            if !rows.busy() || rows.narrowed.get() {
                return;
            }
            let mine = period.get_value();
            set_timeout(
                move || {
                    if period.try_get_value() == Some(mine) {
                        dim.try_set(true);
                    }
                },
                std::time::Duration::from_millis(100),
            );
        });
        dim.into()
    }

    /// Scrolls the grid back to its first row.
    pub fn scroll_to_top(&self) {
        if let Some(el) = self.grid.get_untracked() {
            el.set_scroll_top(0);
        }
    }

    /// The row at the top of the grid.
    pub fn first_visible(&self) -> u64 {
        self.grid
            .get_untracked()
            .map_or(0, |el| el.scroll_top().max(0) as u64 / ROW_H)
    }

    fn with_all_ids(&self, then: impl FnOnce(Vec<i64>) + 'static) {
        let (filter, sort) = self.rows.query();
        let client = self.client.get_value();
        let this = *self;
        self.fetching_ids.set(true);
        self.ids_error.set(None);
        spawn_local(async move {
            let result = client.user_ids(&filter, sort).await;
            if this.fetching_ids.try_set(false).is_some() {
                return; // the dashboard is gone
            }
            // Only apply to the view it was asked for.
            if this.rows.query() != (filter, sort) {
                return;
            }
            match result {
                Ok(ids) => then(ids.ids),
                Err(e) => this.ids_error.set(Some(e)),
            }
        });
    }
}

/// For controls inside the grid (checkboxes, sort buttons): a click works
/// but the focus stays on the grid, its one tab stop, instead of moving to
/// a control that may be redrawn away (and drop the focus to `<body>`).
pub fn keep_grid_focus(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    let grid = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .and_then(|el| el.closest("[role=grid]").ok().flatten())
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
    if let Some(grid) = grid {
        // Without scrolling: a scroll between mousedown and mouseup would
        // move the pointer off the control and lose the click.
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = grid.focus_with_options(&options);
    }
}
