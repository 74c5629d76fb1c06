//! Pure Sync Monitor logic, shared by the console (wasm) and the reference
//! server (native): the monitor REST API's types, the filter/sort model and
//! its query encoding, validation, and the formatting rules the UI uses. No
//! Leptos, no web-sys, no I/O — everything here is unit-tested natively.

pub mod actions;
pub mod api;
pub mod cards;
pub mod chart;
pub mod columns;
pub mod config;
pub mod embed;
pub mod export;
pub mod format;
pub mod health;
pub mod help;
pub mod query;
pub mod selection;
pub mod transactions;
pub mod users;
pub mod validate;
pub mod view;
pub mod window;

pub use actions::*;
pub use api::*;
pub use cards::StatusCard;
pub use columns::{RecordErrorColumn, TransactionColumn, UserColumn};
pub use config::{AuthConfig, ConfigError, ConsoleConfig, FrameHeight};
pub use query::{Sort, SortDir, SortField, UserFilter};
pub use selection::{Coverage, Selection};
pub use transactions::*;
pub use users::*;
pub use view::ViewState;
