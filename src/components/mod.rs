//! Reusable widgets.

pub mod dialog;
pub mod error_panel;
pub mod icons;
pub mod local_time;
pub mod permission_card;
pub mod status_cards;
pub mod table_toolbar;
pub mod user_grid;
pub mod user_row;
