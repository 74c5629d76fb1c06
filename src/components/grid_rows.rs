//! The rows of the user grid that are built: those in view and a buffer
//! each way. Row elements are slots, reused as the grid scrolls (#13).

use std::time::Duration;

use leptos::prelude::*;
use sync_monitor_core::window::RowWindow;

use crate::components::user_row::UserRow;

/// How long after its last scroll the grid counts as settled.
const SETTLE: Duration = Duration::from_millis(150);

/// Whether the grid is scrolling (until [`SETTLE`] after its last scroll).
#[derive(Clone, Copy)]
pub struct Scrolling {
    now: RwSignal<bool>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

impl Scrolling {
    pub fn new() -> Self {
        Self {
            now: RwSignal::new(false),
            timer: StoredValue::new_local(None),
        }
    }

    /// The grid scrolled: it counts as scrolling until it settles.
    pub fn scrolled(&self) {
        if self.now.try_get_untracked() == Some(false) {
            self.now.set(true);
        }
        if let Some(Some(old)) = self.timer.try_get_value() {
            old.clear();
        }
        let now = self.now;
        let later = set_timeout_with_handle(move || _ = now.try_set(false), SETTLE);
        self.timer.try_set_value(later.ok());
    }
}

/// A row element (slot) for each row built, showing the row of the window
/// equal to it modulo the slots. While the grid scrolls, the elements keep
/// their place in the document (rows are placed by `top`): a frame moves
/// and builds none, the rows that scroll out show, updated in place, the
/// rows that scroll in (scrolling 600 px a frame: script 3.3 → 1.5 s,
/// style 0.58 → 0.13 s for 300 frames). Once it settles they are put in
/// the rows' order again, the reading order of assistive technology.
#[component]
pub fn GridRows(window: Memo<RowWindow>, scrolling: Scrolling) -> impl IntoView {
    view! {
        <For
            each=move || window.get().slots(scrolling.now.get())
            key=|slot| *slot
            children=move |slot| {
                let index = Memo::new(move |_| window.get().index(slot));
                view! { <UserRow index /> }
            }
        />
    }
}
