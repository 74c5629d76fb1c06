//! Inline SVG icons. Decorative: every use sits next to text for assistive
//! technology.

use leptos::prelude::*;
use sync_monitor_core::LastSyncStatus;

#[component]
pub fn Icon(#[prop(into)] name: Signal<&'static str>) -> impl IntoView {
    let path = move || match name.get() {
        "check" => "M6 10.5l2.5 2.5L14 7.5",
        "cross" => "M6.5 6.5l7 7M13.5 6.5l-7 7",
        "clock" => "M10 5.5V10l3 2",
        "minus" => "M6 10h8",
        "pause" => "M8 6.5v7M12 6.5v7",
        "sync" => {
            "M5.5 9a4.5 4.5 0 0 1 8-2.5M14.5 11a4.5 4.5 0 0 1-8 2.5M13.5 4v2.5H11M6.5 16v-2.5H9"
        }
        _ => "M10 6v5M10 13.5v.5",
    };
    view! {
        <svg class=move || format!("icon icon-{}", name.get()) viewBox="0 0 20 20" width="18" height="18"
            aria-hidden="true" focusable="false">
            <circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" stroke-width="1.5" />
            <path d=path fill="none" stroke="currentColor" stroke-width="1.8"
                stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}

/// The icon name for a last sync status.
pub fn status_icon(status: LastSyncStatus) -> &'static str {
    match status {
        LastSyncStatus::Failed => "cross",
        LastSyncStatus::NeverSynced => "minus",
        LastSyncStatus::Succeeded => "check",
        LastSyncStatus::InProgress => "sync",
        LastSyncStatus::Suspended => "pause",
        LastSyncStatus::Unknown => "alert",
    }
}
