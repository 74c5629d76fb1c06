//! The monitor API routes (`/api/monitor/v1`).

mod summary;

use axum::routing::get;
use axum::Router;

use crate::AppState;

/// Routes under `/api`, before authentication and fault layers.
pub fn routes() -> Router<AppState> {
    Router::new().route("/monitor/v1/summary", get(summary::get_summary))
}
