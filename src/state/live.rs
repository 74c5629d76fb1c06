//! Live refresh: the dashboard reloads itself every `refreshSeconds`
//! (config.json; 0 turns it off), in place — no dimming, no scroll jump,
//! focus and selection kept — unless the administrator paused it, the tab
//! is hidden (Page Visibility) or a bulk action runs. Coming back to the
//! tab after the interval reloads at once.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Live {
    /// Seconds between reloads; `None` when live refresh is off.
    pub every: Option<u32>,
    pub paused: RwSignal<bool>,
    /// True while the page is hidden (another tab, minimised).
    pub hidden: RwSignal<bool>,
    /// The clock, ticking every second while live refresh is on.
    pub now: RwSignal<DateTime<Utc>>,
    /// True while a bulk action runs (its end reloads anyway).
    pub busy: RwSignal<bool>,
    /// When the last reload (live, Refresh or after an action) started.
    last: StoredValue<DateTime<Utc>>,
    reload: Callback<()>,
}

impl Live {
    /// Starts the clock; `reload` reloads everything in place.
    pub fn start(every_seconds: u32, reload: Callback<()>) -> Self {
        let live = Live {
            every: (every_seconds > 0).then_some(every_seconds),
            paused: RwSignal::new(false),
            hidden: RwSignal::new(document().hidden()),
            now: RwSignal::new(Utc::now()),
            busy: RwSignal::new(false),
            last: StoredValue::new(Utc::now()),
            reload,
        };
        let Some(every) = live.every else {
            return live;
        };
        let due = move || {
            let every = chrono::Duration::seconds(i64::from(every));
            !live.paused.get_untracked()
                && !live.hidden.get_untracked()
                && !live.busy.get_untracked()
                && Utc::now() - live.last.get_value() >= every
        };
        if let Ok(tick) = set_interval_with_handle(
            move || {
                live.now.set(Utc::now());
                if due() {
                    live.reload_now();
                }
            },
            std::time::Duration::from_secs(1),
        ) {
            on_cleanup(move || tick.clear());
        }
        let shown = window_event_listener_untyped("visibilitychange", move |_| {
            live.hidden.set(document().hidden());
            if due() {
                live.reload_now();
            }
        });
        on_cleanup(move || shown.remove());
        live
    }

    /// A live reload, now; the interval starts again.
    fn reload_now(&self) {
        self.restart();
        self.reload.run(());
    }

    /// Starts the interval again (the page reloaded by other means:
    /// Refresh, the end of an action).
    pub fn restart(&self) {
        self.last.set_value(Utc::now());
    }

    /// Pauses or resumes; resuming reloads when one is due.
    pub fn toggle_pause(&self) {
        self.paused.update(|p| *p = !*p);
    }
}
