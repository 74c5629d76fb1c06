//! One file per route.

pub mod dashboard;
pub mod not_found;
pub mod user_details;
