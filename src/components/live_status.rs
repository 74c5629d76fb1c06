//! "Updated 12:03:41 · 8 s ago" and Pause / Resume, beside Refresh.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use sync_monitor_core::format;

use crate::components::local_time::clock_time;
use crate::state::live::Live;

#[component]
pub fn LiveStatus(live: Live, updated: RwSignal<Option<DateTime<Utc>>>) -> impl IntoView {
    let text = move || {
        let Some(at) = updated.get() else {
            return String::new();
        };
        let now = live.now.get();
        let secs = (now - at).num_seconds().max(0);
        let ago = if secs < 60 {
            format!("{secs} s ago")
        } else {
            format::relative(at, now)
        };
        let paused = if live.paused.get() {
            " · live updates paused"
        } else {
            ""
        };
        format!("Updated {} · {ago}{paused}", clock_time(at))
    };
    view! {
        <p class="live-status" id="live-status">{text}</p>
        {live.every.map(|every| view! {
            <button
                type="button"
                class="button secondary pause"
                title=format!("The page updates itself every {} while it is shown", format::plural(u64::from(every), "second", "seconds"))
                on:click=move |_| live.toggle_pause()
            >
                {move || if live.paused.get() { "Resume updates" } else { "Pause updates" }}
            </button>
        })}
    }
}
