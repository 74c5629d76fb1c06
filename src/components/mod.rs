//! Reusable widgets.

pub mod dialog;
pub mod error_panel;
pub mod local_time;
pub mod permission_card;
pub mod status_cards;
