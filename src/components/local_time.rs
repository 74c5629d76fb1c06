//! A moment shown in the administrator's local time zone.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The browser's local, human rendering of `at` (e.g. "11/24/2026, 9:15:00 AM").
pub fn local_string(at: DateTime<Utc>) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    String::from(date.to_locale_string("default", &JsValue::UNDEFINED))
}

/// `<time datetime="…">local time</time>`.
#[component]
pub fn LocalTime(at: DateTime<Utc>) -> impl IntoView {
    view! { <time datetime=at.to_rfc3339()>{local_string(at)}</time> }
}
