//! The rows of the user grid that are built: those in view and a buffer
//! each way. Row elements are slots, reused as the grid scrolls (#13).

use std::time::Duration;

use leptos::prelude::*;
use sync_monitor_core::window::RowWindow;

use crate::components::user_row::UserRow;

/// How long after its last scroll the grid counts as settled.
const SETTLE: Duration = Duration::from_millis(150);

/// While the grid scrolls: the first row when it started, from which the
/// row elements keep their order (until [`SETTLE`] after its last scroll).
#[derive(Clone, Copy)]
pub struct Scrolling {
    anchor: RwSignal<Option<u64>>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

impl Scrolling {
    pub fn new() -> Self {
        Self {
            anchor: RwSignal::new(None),
            timer: StoredValue::new_local(None),
        }
    }

    /// The grid scrolls; `start` is its first row built before this scroll.
    pub fn scrolled(&self, start: u64) {
        if self.anchor.try_get_untracked() == Some(None) {
            self.anchor.set(Some(start));
        }
        self.settle_later();
    }

    fn settle_later(&self) {
        self.stop();
        let this = *self;
        let later = set_timeout_with_handle(move || this.settle(), SETTLE);
        self.timer.try_set_value(later.ok());
    }

    /// Forgets a pending settle (a newer one replaces it, or the grid goes).
    fn stop(&self) {
        if let Some(Some(timer)) = self.timer.try_get_value() {
            timer.clear();
        }
    }

    /// Back to the rows' order, unless an element of a row has the focus:
    /// moving its row would take the focus away, so that waits.
    fn settle(&self) {
        if self.anchor.try_get_untracked().flatten().is_none() {
            return;
        }
        let focus_in_rows = document()
            .active_element()
            .and_then(|el| el.closest(".grid-body").ok().flatten())
            .is_some();
        if focus_in_rows {
            self.settle_later();
        } else {
            _ = self.anchor.try_set(None);
        }
    }
}

/// A row element (slot) for each row built, showing the row of the window
/// equal to it modulo the slots. While the grid scrolls, the elements keep
/// their order in the document (rows are placed by `top`): a frame moves
/// and builds none, the rows that scroll out show, updated in place, the
/// rows that scroll in (scrolling 600 px a frame: script 3.3 → 1.5 s,
/// style 0.58 → 0.13 s for 300 frames). Once it settles they are put in
/// the rows' order again, the reading order of assistive technology.
///
/// A shorter list hides the row elements past its end instead of removing
/// them, and a longer one shows and refills them: backspacing out of a
/// search that matched no one rebuilt every row (~40 ms against ~15 for a
/// keystroke that updates them in place; #13).
#[component]
pub fn GridRows(window: Memo<RowWindow>, scrolling: Scrolling) -> impl IntoView {
    on_cleanup(move || scrolling.stop());
    // The most rows built at once (at most the window's slots).
    let kept = StoredValue::new(0u64);
    view! {
        <For
            each=move || {
                let w = window.get();
                let slots = w.kept_slots_from(
                    scrolling.anchor.get().unwrap_or(w.start),
                    kept.get_value(),
                );
                kept.set_value(slots.len() as u64);
                slots
            }
            key=|slot| *slot
            children=move |slot| {
                let index = Memo::new(move |_| window.get().index(slot));
                let shown = Memo::new(move |_| index.get() < window.with(|w| w.end));
                view! { <UserRow index shown /> }
            }
        />
    }
}
