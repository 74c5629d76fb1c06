//! Pure Sync Monitor logic, shared by the console (wasm) and the reference
//! server (native): the monitor REST API's types and the formatting rules the
//! UI uses. No Leptos, no web-sys, no I/O — everything here is unit-tested
//! natively.

pub mod api;
pub mod cards;
pub mod format;

pub use api::*;
pub use cards::StatusCard;
