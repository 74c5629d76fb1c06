//! Reusable widgets.

pub mod confirm_dialog;
pub mod credentials_dialog;
pub mod dialog;
pub mod error_panel;
pub mod icons;
pub mod local_time;
pub mod menu_button;
pub mod permission_card;
pub mod status_cards;
pub mod table_toolbar;
pub mod transaction_history;
pub mod user_actions;
pub mod user_grid;
pub mod user_row;
pub mod user_summary;
