//! View state as signals: the URL-backed view, the table's rows and the
//! selection.

pub mod bulk;
pub mod clock;
pub mod credentials;
pub mod export;
pub mod focus;
pub mod groups;
pub mod history;
pub mod live;
pub mod loaded;
pub mod memory;
pub mod nav;
pub mod paged;
pub mod plan;
pub mod rows;
pub mod sync_errors;
pub mod table;
pub mod task;
pub mod user;
pub mod view;
