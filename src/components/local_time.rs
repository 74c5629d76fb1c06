//! A moment shown in the administrator's local time zone, with the zone
//! named, and how long ago it was.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The browser's local rendering of `at` with its time zone, e.g.
/// "Nov 24, 2026, 9:15:00 AM GMT+1".
pub fn local_string(at: DateTime<Utc>) -> String {
    let (date, options) = with_options(at, &[("dateStyle", "medium"), ("timeStyle", "long")]);
    String::from(date.to_locale_string("default", &options))
}

/// The local time of day, e.g. "12:03:41".
pub fn clock_time(at: DateTime<Utc>) -> String {
    let parts = [
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
    ];
    let (date, options) = with_options(at, &parts);
    String::from(date.to_locale_time_string_with_options("default", &options))
}

/// `at` as a JS date, and `Intl.DateTimeFormat` options from `pairs`.
fn with_options(at: DateTime<Utc>, pairs: &[(&str, &str)]) -> (js_sys::Date, JsValue) {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let options = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    (date, options.into())
}

/// `<time datetime="…">local time (relative)</time>`.
#[component]
pub fn LocalTime(at: DateTime<Utc>) -> impl IntoView {
    let relative = sync_monitor_core::format::relative(at, Utc::now());
    view! { <time datetime=at.to_rfc3339()>{local_string(at)}" (" {relative} ")"</time> }
}
