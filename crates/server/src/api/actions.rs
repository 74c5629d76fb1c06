//! `POST /users/actions`: one action on up to 1,000 users, with a result per
//! user, made safe to retry by the `Idempotency-Key` header.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::{params, Connection, OptionalExtension};
use sync_monitor_core::{ActionRequest, ActionResponse, ActionResult, UserAction, MAX_ACTION_IDS};

use crate::error::ApiError;
use crate::AppState;

/// Answers are replayed for at least this long (we keep them for 48 h).
const KEEP_KEYS_MS: i64 = 48 * 3600 * 1000;

pub async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "SM-BODY-TOO-LARGE",
            "The request body is too large; send at most 1,000 user ids per request.",
        )
    })?;
    let key = idempotency_key(&headers)?;
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "SM-UNSUPPORTED-MEDIA-TYPE",
            "Send the body as JSON with Content-Type: application/json.",
        ));
    }
    let mut req: ActionRequest = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "SM-INVALID-BODY",
            format!("Invalid action request: {e}."),
        )
    })?;
    let mut seen = std::collections::HashSet::new();
    req.user_ids.retain(|id| seen.insert(*id));
    if req.user_ids.is_empty() || req.user_ids.len() > MAX_ACTION_IDS {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "SM-INVALID-BODY",
            format!("userIds must list 1 to {MAX_ACTION_IDS} users."),
        ));
    }
    let canonical = serde_json::to_string(&req).map_err(ApiError::internal)?;
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
        Outcome::KeyReused => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "SM-IDEMPOTENCY-KEY-REUSED",
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

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    if key.is_empty() || key.len() > 255 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "SM-IDEMPOTENCY-KEY-REQUIRED",
            "Send a unique Idempotency-Key header (1 to 255 characters) so a retried request is never applied twice.",
        ));
    }
    Ok(key.to_owned())
}

enum Outcome {
    Fresh(String),
    Replay(u16, String),
    KeyReused,
}

/// Looks the key up, or applies the action and records the answer, in one
/// database transaction.
fn apply_once(
    conn: &mut Connection,
    key: &str,
    canonical: &str,
    req: &ActionRequest,
    now: i64,
) -> rusqlite::Result<Outcome> {
    let tx = conn.transaction()?;
    tx.execute(
        "DELETE FROM idempotency_keys WHERE created_at < ?1",
        [now - KEEP_KEYS_MS],
    )?;
    let previous: Option<(String, u16, String)> = tx
        .query_row(
            "SELECT request, status, response FROM idempotency_keys WHERE key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((request, status, response)) = previous {
        return Ok(if request == canonical {
            Outcome::Replay(status, response)
        } else {
            Outcome::KeyReused
        });
    }
    let mut results = Vec::with_capacity(req.user_ids.len());
    for &id in &req.user_ids {
        results.push(apply(&tx, req.action, id, now)?);
    }
    let succeeded = results.iter().filter(|r| r.succeeded).count() as u64;
    let response = ActionResponse {
        action: req.action,
        succeeded,
        failed: results.len() as u64 - succeeded,
        results,
    };
    let body = serde_json::to_string(&response)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    tx.execute(
        "INSERT INTO idempotency_keys (key, request, status, response, created_at)
         VALUES (?1, ?2, 200, ?3, ?4)",
        params![key, canonical, body, now],
    )?;
    tx.commit()?;
    Ok(Outcome::Fresh(body))
}

/// Applies `action` to one user.
fn apply(
    conn: &Connection,
    action: UserAction,
    id: i64,
    now: i64,
) -> rusqlite::Result<ActionResult> {
    let state: Option<(String, bool, bool, String)> = conn
        .query_row(
            "SELECT last_sync_status, sync_enabled, debug_logs, sales_user_name FROM users WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((status, enabled, debug, name)) = state else {
        return Ok(failed(id, "User not found; it may have been deleted."));
    };
    let named = |mut r: ActionResult| {
        r.sales_user_name = Some(name.clone());
        r
    };
    let update = |sql: &str| -> rusqlite::Result<ActionResult> {
        let sql = format!("UPDATE users SET {sql}, version = version + 1 WHERE id = ?1");
        if sql.contains("?2") {
            conn.execute(&sql, params![id, now])?;
        } else {
            conn.execute(&sql, [id])?;
        }
        Ok(ok(id, None))
    };
    let result = match action {
        UserAction::SuspendSync if status == "IN_PROGRESS" => {
            update("last_sync_status = 'SUSPENDED', full_sync_requested = 0, last_sync_duration_ms = ?2 - last_sync_start")
        }
        UserAction::SuspendSync => Ok(failed(id, "No sync is in progress for this user.")),
        UserAction::DisableSync if !enabled => Ok(ok(id, Some("Sync was already disabled."))),
        UserAction::DisableSync => update("sync_enabled = 0, full_sync_requested = 0"),
        UserAction::EnableSync if enabled => Ok(ok(id, Some("Sync was already enabled."))),
        UserAction::EnableSync => update("sync_enabled = 1"),
        UserAction::DeleteUser => {
            conn.execute("DELETE FROM users WHERE id = ?1", [id])?;
            Ok(ok(id, None))
        }
        UserAction::RunFullSync if !enabled => {
            Ok(failed(id, "Sync is disabled for this user; enable it first."))
        }
        UserAction::RunFullSync if status == "IN_PROGRESS" => {
            Ok(failed(id, "A sync is already in progress for this user."))
        }
        UserAction::RunFullSync => update(
            "last_sync_status = 'IN_PROGRESS', full_sync_requested = 1, last_sync_start = ?2, last_sync_duration_ms = NULL",
        ),
        UserAction::EnableDebugLogs if debug => Ok(ok(id, Some("Debug logs were already on."))),
        UserAction::EnableDebugLogs => update("debug_logs = 1"),
        UserAction::DisableDebugLogs if !debug => Ok(ok(id, Some("Debug logs were already off."))),
        UserAction::DisableDebugLogs => update("debug_logs = 0"),
    };
    result.map(named)
}

fn ok(id: i64, note: Option<&str>) -> ActionResult {
    ActionResult {
        user_id: id,
        sales_user_name: None,
        succeeded: true,
        reason: note.map(str::to_owned),
    }
}

fn failed(id: i64, reason: &str) -> ActionResult {
    ActionResult {
        user_id: id,
        sales_user_name: None,
        succeeded: false,
        reason: Some(reason.to_owned()),
    }
}
