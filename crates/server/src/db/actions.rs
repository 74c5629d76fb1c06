//! User actions and their idempotency: an action is applied to each user in
//! one database transaction together with the record of its answer under
//! the request's `Idempotency-Key`, so a retried request replays the answer
//! instead of applying the action twice.

use rusqlite::{params, Connection, OptionalExtension};
use sync_monitor_core::{ActionRequest, ActionResponse, ActionResult, LastSyncStatus, UserAction};

/// Answers are replayed for at least this long (we keep them for 48 h).
const KEEP_KEYS_MS: i64 = 48 * 3600 * 1000;

/// What an idempotent request came to.
pub enum Outcome {
    /// Applied now: the answer's JSON.
    Fresh(String),
    /// The same key and request again: the stored status and answer.
    Replay(u16, String),
    /// The same key with another request.
    KeyReused,
}

/// Looks the key up, or applies the action and records the answer, in one
/// database transaction. `canonical` is the request as JSON, for comparing.
pub fn apply_once(
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
        return Ok(result(
            id,
            None,
            false,
            Some("User not found; it may have been deleted."),
        ));
    };
    let running = LastSyncStatus::parse(&status) == Some(LastSyncStatus::InProgress);
    // Applied (with a note when nothing needed to change), or why not.
    let outcome: Result<Option<&str>, &str> = match action {
        UserAction::SuspendSync if running => {
            conn.execute(
                "UPDATE users SET last_sync_status = ?2, full_sync_requested = 0,
                    last_sync_duration_ms = ?3 - last_sync_start, version = version + 1
                 WHERE id = ?1",
                params![id, LastSyncStatus::Suspended.as_str(), now],
            )?;
            Ok(None)
        }
        UserAction::SuspendSync => Err("No sync is in progress for this user."),
        UserAction::DisableSync if !enabled => Ok(Some("Sync was already disabled.")),
        UserAction::DisableSync => {
            set_flags(conn, id, "sync_enabled = 0, full_sync_requested = 0")?;
            Ok(None)
        }
        UserAction::EnableSync if enabled => Ok(Some("Sync was already enabled.")),
        UserAction::EnableSync => {
            set_flags(conn, id, "sync_enabled = 1")?;
            Ok(None)
        }
        UserAction::DeleteUser => {
            conn.execute("DELETE FROM users WHERE id = ?1", [id])?;
            Ok(None)
        }
        UserAction::RunFullSync if !enabled => {
            Err("Sync is disabled for this user; enable it first.")
        }
        UserAction::RunFullSync if running => Err("A sync is already in progress for this user."),
        UserAction::RunFullSync => {
            conn.execute(
                "UPDATE users SET last_sync_status = ?2, full_sync_requested = 1,
                    last_sync_start = ?3, last_sync_duration_ms = NULL, version = version + 1
                 WHERE id = ?1",
                params![id, LastSyncStatus::InProgress.as_str(), now],
            )?;
            Ok(None)
        }
        UserAction::EnableDebugLogs if debug => Ok(Some("Debug logs were already on.")),
        UserAction::EnableDebugLogs => {
            set_flags(conn, id, "debug_logs = 1")?;
            Ok(None)
        }
        UserAction::DisableDebugLogs if !debug => Ok(Some("Debug logs were already off.")),
        UserAction::DisableDebugLogs => {
            set_flags(conn, id, "debug_logs = 0")?;
            Ok(None)
        }
    };
    Ok(match outcome {
        Ok(note) => result(id, Some(name), true, note),
        Err(why) => result(id, Some(name), false, Some(why)),
    })
}

/// Sets constant flags (`assignments` is fixed text, never user input).
fn set_flags(conn: &Connection, id: i64, assignments: &'static str) -> rusqlite::Result<()> {
    conn.execute(
        &format!("UPDATE users SET {assignments}, version = version + 1 WHERE id = ?1"),
        [id],
    )?;
    Ok(())
}

fn result(id: i64, name: Option<String>, succeeded: bool, reason: Option<&str>) -> ActionResult {
    ActionResult {
        user_id: id,
        sales_user_name: name,
        succeeded,
        reason: reason.map(str::to_owned),
    }
}
