//! A moment shown in the administrator's local time zone, with the zone
//! named, and how long ago it was.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The browser's local rendering of `at` with its time zone, e.g.
/// "Nov 24, 2026, 9:15:00 AM GMT+1".
pub fn local_string(at: DateTime<Utc>) -> String {
    thread_local! {
        static FORMAT: js_sys::Function =
            formatter(&[("dateStyle", "medium"), ("timeStyle", "long")]);
    }
    FORMAT.with(|format| format_with(format, at))
}

/// The local time of day, e.g. "12:03:41".
pub fn clock_time(at: DateTime<Utc>) -> String {
    thread_local! {
        static FORMAT: js_sys::Function =
            formatter(&[("hour", "2-digit"), ("minute", "2-digit"), ("second", "2-digit")]);
    }
    FORMAT.with(|format| format_with(format, at))
}

/// Builds both formatters now, while the first API calls are on their way
/// rather than while the first rows are drawn (~1 ms each: the loader has
/// had a worker load the locale's data, see `WARM_UP_WORKER` in xtask).
pub fn warm_up() {
    let at = DateTime::<Utc>::UNIX_EPOCH;
    let _ = (local_string(at), clock_time(at));
}

/// The `format` function of an `Intl.DateTimeFormat` with the options in
/// `pairs`, made once per kind: `Date.toLocaleString` builds a formatter on
/// every call, which cost the table ~0.2 ms a row (#13).
fn formatter(pairs: &[(&str, &str)]) -> js_sys::Function {
    let options = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format()
}

/// `at` through a formatter from [`formatter`].
fn format_with(format: &js_sys::Function, at: DateTime<Utc>) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    format
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// `<time datetime="…">local time (relative)</time>`.
#[component]
pub fn LocalTime(at: DateTime<Utc>) -> impl IntoView {
    let relative = sync_monitor_core::format::relative(at, Utc::now());
    view! { <time datetime=at.to_rfc3339()>{local_string(at)}" (" {relative} ")"</time> }
}
