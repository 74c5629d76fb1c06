//! `POST /users/actions`: one action on up to 1,000 users, with a result per
//! user, made safe to retry by the `Idempotency-Key` header.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use sync_monitor_core::{ActionRequest, MAX_ACTION_IDS};

use crate::auth::Principal;
use crate::db::{apply_once, Outcome};
use crate::error::HttpError;
use crate::AppState;
use sync_monitor_core::ErrorCode;

pub async fn post(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, HttpError> {
    let body = body.map_err(|_| {
        HttpError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::BodyTooLarge,
            "The request body is too large; send at most 1,000 user ids per request.",
        )
    })?;
    let key = idempotency_key(&headers)?;
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        // The media type, parameters aside, case-insensitively (RFC 9110).
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(HttpError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "Send the body as JSON with Content-Type: application/json.",
        ));
    }
    let mut req: ActionRequest = serde_json::from_slice(&body).map_err(|e| {
        HttpError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidBody,
            format!("Invalid action request: {e}."),
        )
    })?;
    // Counted as sent, duplicates included, as the spec's `maxItems` counts.
    if req.user_ids.is_empty() || req.user_ids.len() > MAX_ACTION_IDS {
        return Err(HttpError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidBody,
            format!("userIds must list 1 to {MAX_ACTION_IDS} users."),
        ));
    }
    if let Some(id) = req.user_ids.iter().find(|id| **id < 1) {
        return Err(HttpError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidBody,
            format!("userIds: {id} is not a user id; ids are positive integers."),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    req.user_ids.retain(|id| seen.insert(*id));
    let canonical = serde_json::to_string(&req).map_err(HttpError::internal)?;
    // Who did what to how many; never the token.
    tracing::info!(
        principal = &*principal.0,
        action = ?req.action,
        count = req.user_ids.len(),
        "user action"
    );
    let now = chrono::Utc::now().timestamp_millis();
    let outcome = state
        .write(move |conn| apply_once(conn, &key, &canonical, &req, now))
        .await??;
    match outcome {
        Outcome::Fresh(body) => Ok(json(StatusCode::OK, body, false)),
        Outcome::Replay(status, body) => Ok(json(
            StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            body,
            true,
        )),
        Outcome::KeyReused => Err(HttpError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::IdempotencyKeyReused,
            "This Idempotency-Key was already used for a different request. Use a new key.",
        )),
    }
}

fn json(status: StatusCode, body: String, replayed: bool) -> Response {
    let mut res = (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    if replayed {
        res.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    res
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, HttpError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    if key.is_empty() || key.len() > 255 {
        return Err(HttpError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::IdempotencyKeyRequired,
            "Send a unique Idempotency-Key header (1 to 255 characters) so a retried request is never applied twice.",
        ));
    }
    Ok(key.to_owned())
}
