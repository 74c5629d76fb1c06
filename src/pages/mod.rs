//! One file per route.

pub mod dashboard;
pub mod not_found;
