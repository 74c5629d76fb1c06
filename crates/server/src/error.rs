//! The API's error answers, always in the `o:errorDetails` format, with
//! codes from [`ErrorCode`]. A server-side failure's cause travels with
//! the answer and is logged once, by the [`log_failures`] layer.

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use sync_monitor_core::{ApiErrorBody, ErrorCode};

/// An error answer: a status and the body that describes it (and, for a
/// server-side failure, its cause, for the log only).
#[derive(Debug)]
pub struct HttpError(pub StatusCode, pub ApiErrorBody, Option<String>);

/// The cause of a 5xx answer, carried to [`log_failures`].
#[derive(Debug, Clone)]
struct Cause(String);

impl HttpError {
    pub fn new(status: StatusCode, code: ErrorCode, detail: impl Into<String>) -> Self {
        let title = status.canonical_reason().unwrap_or("Error");
        HttpError(
            status,
            ApiErrorBody::new(status.as_u16(), title, code, detail),
            None,
        )
    }

    /// An answer with a hand-made body (several details, paths).
    pub fn with_body(status: StatusCode, body: ApiErrorBody) -> Self {
        HttpError(status, body, None)
    }

    pub fn unauthorized() -> Self {
        HttpError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "A valid bearer token is required in the Authorization header.",
        )
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        HttpError::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, detail)
    }

    /// A server-side failure: the client gets a plain sentence, the log
    /// gets the cause.
    pub fn internal(err: impl std::fmt::Display) -> Self {
        let mut e = HttpError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "The server could not complete the request. Try again later.",
        );
        e.2 = Some(err.to_string());
        e
    }
}

impl From<rusqlite::Error> for HttpError {
    fn from(err: rusqlite::Error) -> Self {
        HttpError::internal(err)
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let mut res = (self.0, Json(self.1)).into_response();
        if self.0 == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"sync-monitor\""),
            );
        }
        if let Some(cause) = self.2 {
            res.extensions_mut().insert(Cause(cause));
        }
        res
    }
}

/// Middleware: logs each server-side failure once, with its cause and the
/// request it answered (never its headers, so never a token).
pub async fn log_failures(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let res = next.run(req).await;
    if let Some(Cause(cause)) = res.extensions().get::<Cause>() {
        tracing::error!(%method, %path, status = res.status().as_u16(), %cause, "request failed");
    }
    res
}
