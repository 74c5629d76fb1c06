//! The monitor API routes (`/api/monitor/v1`), mounted under `/api`.

mod actions;
mod errors;
pub mod extract;
mod jobs;
mod stats;
mod summary;
mod sync_errors;
mod users;

use axum::routing::{get, post};
use axum::Router;

use crate::AppState;

/// Every route of the published contract (`openapi.yaml`), as
/// (method, path under `/api`) — the contract test walks this list.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/monitor/v1/summary"),
    ("GET", "/monitor/v1/users"),
    ("GET", "/monitor/v1/users/ids"),
    ("GET", "/monitor/v1/users/export"),
    ("POST", "/monitor/v1/users/actions"),
    ("GET", "/monitor/v1/users/{id}"),
    ("PATCH", "/monitor/v1/users/{id}"),
    ("DELETE", "/monitor/v1/users/{id}"),
    ("GET", "/monitor/v1/users/{id}/transactions"),
    ("GET", "/monitor/v1/users/{id}/syncErrors"),
    (
        "GET",
        "/monitor/v1/users/{id}/transactions/{number}/syncErrors",
    ),
    ("GET", "/monitor/v1/jobs"),
    ("GET", "/monitor/v1/errorGroups"),
    ("GET", "/monitor/v1/syncStats"),
];

/// Routes under `/api`, before authentication and fault layers.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/monitor/v1/summary", get(summary::get_summary))
        .route("/monitor/v1/users", get(users::list))
        .route("/monitor/v1/users/ids", get(users::ids))
        .route("/monitor/v1/users/export", get(users::export))
        .route("/monitor/v1/users/actions", post(actions::post))
        .route(
            "/monitor/v1/users/{id}",
            get(users::get).patch(users::patch).delete(users::delete),
        )
        .route(
            "/monitor/v1/users/{id}/transactions",
            get(users::transactions),
        )
        .route(
            "/monitor/v1/users/{id}/syncErrors",
            get(sync_errors::outstanding),
        )
        .route(
            "/monitor/v1/users/{id}/transactions/{number}/syncErrors",
            get(sync_errors::of_transaction),
        )
        .route("/monitor/v1/jobs", get(jobs::list))
        .route("/monitor/v1/errorGroups", get(errors::list))
        .route("/monitor/v1/syncStats", get(stats::get))
}
