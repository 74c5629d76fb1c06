//! Icons: one empty `<span>` each, drawn by the style sheet (`.icon-…`: the
//! text's colour clipped to the icon's outline, no image; the outlines come
//! from `cargo xtask icons`). Decorative: every use sits next to text for
//! assistive technology.

use leptos::prelude::*;
use sync_monitor_core::LastSyncStatus;

/// One of the icons of the style sheet, by name (an unknown name shows
/// "alert"). An element and its class, no SVG of its own: the table draws
/// three a row, and cloning an inline `<svg>` per icon cost more than the
/// rest of the row's cells (#13).
#[component]
pub fn Icon(#[prop(into)] name: Signal<&'static str>) -> impl IntoView {
    let class = move || match name.get() {
        "check" => "icon icon-check",
        "cross" => "icon icon-cross",
        "minus" => "icon icon-minus",
        "pause" => "icon icon-pause",
        "sync" => "icon icon-sync",
        _ => "icon icon-alert",
    };
    view! { <span class=class aria-hidden="true"></span> }
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
