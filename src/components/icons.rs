//! Inline SVG icons. Decorative: every use sits next to text for assistive
//! technology.

use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use sync_monitor_core::LastSyncStatus;

/// An icon's markup, its class and path given as literals: static text,
/// never data.
macro_rules! icon {
    ($class:literal, $path:literal) => {
        concat!(
            r#"<span class="icon-box"><svg class=""#,
            $class,
            r#"" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">"#,
            r#"<circle cx="10" cy="10" r="8.5"></circle><path d=""#,
            $path,
            r#""></path></svg></span>"#
        )
    };
}

/// One of the icons above, by name (an unknown name shows "alert"). The
/// whole icon is one inert element, cloned from a template in one call:
/// the table draws three a row, and building them element by element (a
/// box, its children's list and marker, the `<svg>`) cost more than the
/// rest of the row (#13). The box takes no space of its own (`display:
/// contents`); strokes are set in the style sheet (`.icon`).
#[component]
pub fn Icon(#[prop(into)] name: Signal<&'static str>) -> impl IntoView {
    move || {
        InertElement::new(match name.get() {
            "check" => icon!("icon icon-check", "M6 10.5l2.5 2.5L14 7.5"),
            "cross" => icon!("icon icon-cross", "M6.5 6.5l7 7M13.5 6.5l-7 7"),
            "clock" => icon!("icon icon-clock", "M10 5.5V10l3 2"),
            "minus" => icon!("icon icon-minus", "M6 10h8"),
            "pause" => icon!("icon icon-pause", "M8 6.5v7M12 6.5v7"),
            "sync" => icon!(
                "icon icon-sync",
                "M5.5 9a4.5 4.5 0 0 1 8-2.5M14.5 11a4.5 4.5 0 0 1-8 2.5M13.5 4v2.5H11M6.5 16v-2.5H9"
            ),
            _ => icon!("icon icon-alert", "M10 6v5M10 13.5v.5"),
        })
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
