//! The API's error answers, always in the `o:errorDetails` format.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sync_monitor_core::ApiErrorBody;

/// An error answer: a status and the body that describes it.
#[derive(Debug)]
pub struct ApiError(pub StatusCode, pub ApiErrorBody);

impl ApiError {
    pub fn new(status: StatusCode, code: &str, detail: impl Into<String>) -> Self {
        let title = status.canonical_reason().unwrap_or("Error");
        ApiError(
            status,
            ApiErrorBody::new(status.as_u16(), title, code, detail),
        )
    }

    pub fn unauthorized() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "SM-AUTH-001",
            "A valid bearer token is required in the Authorization header.",
        )
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "SM-NOT-FOUND", detail)
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        tracing::error!(%err, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "SM-INTERNAL",
            "The server could not complete the request. Try again later.",
        )
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> Self {
        ApiError::internal(err)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.0, Json(self.1)).into_response();
        if self.0 == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"sync-monitor\""),
            );
        }
        res
    }
}
