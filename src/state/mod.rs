//! View state as signals: the URL-backed view, the table's rows and the
//! selection.

pub mod bulk;
pub mod export;
pub mod memory;
pub mod rows;
pub mod table;
pub mod view;
