//! The card counts and the application permission state.

use rusqlite::{params, Connection};
use sync_monitor_core::{ApplicationPermission, PermissionError, PermissionStatus, Summary};

use chrono::{DateTime, Utc};

use super::filter::DAY_MS;
use super::time;

/// Sets the application permission state (`error` only for `INACTIVE`).
pub fn set_application_permission(
    conn: &Connection,
    permission: &ApplicationPermission,
) -> rusqlite::Result<()> {
    let e = permission.error.as_ref();
    conn.execute(
        "UPDATE application_permission SET status = ?1, error_code = ?2, error_message = ?3,
            error_detail = ?4, error_occurred_at = ?5, client_secret_expires_at = ?6 WHERE id = 1",
        params![
            permission.status.as_str(),
            e.map(|e| &e.code),
            e.map(|e| &e.message),
            e.map(|e| &e.detail),
            e.map(|e| e.occurred_at.timestamp_millis()),
            permission
                .client_secret_expires_at
                .map(|t| t.timestamp_millis()),
        ],
    )?;
    Ok(())
}

fn application_permission(conn: &Connection) -> rusqlite::Result<ApplicationPermission> {
    conn.query_row(
        "SELECT status, error_code, error_message, error_detail, error_occurred_at,
                client_secret_expires_at
         FROM application_permission WHERE id = 1",
        [],
        |r| {
            let status: String = r.get(0)?;
            let status = PermissionStatus::parse(&status).unwrap_or(PermissionStatus::Unknown);
            let code: Option<String> = r.get(1)?;
            let at = time(r.get(4)?);
            let error = match (status, code, at) {
                (PermissionStatus::Inactive, Some(code), Some(occurred_at)) => {
                    Some(PermissionError {
                        code,
                        message: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                        detail: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                        occurred_at,
                    })
                }
                _ => None,
            };
            Ok(ApplicationPermission {
                status,
                error,
                client_secret_expires_at: time(r.get(5)?),
            })
        },
    )
}

/// The card counts at `now`, computed from the users table; tokens that
/// expire within `expiring_within_days` count as expiring.
pub fn summary(
    conn: &Connection,
    now: DateTime<Utc>,
    expiring_within_days: u32,
) -> rusqlite::Result<Summary> {
    let now_ms = now.timestamp_millis();
    let window_end = now_ms + i64::from(expiring_within_days) * DAY_MS;
    let counts = conn.query_row(
        "SELECT
            COALESCE(SUM(last_sync_status = 'FAILED'), 0),
            COALESCE(SUM(last_sync_status = 'NEVER_SYNCED'), 0),
            COALESCE(SUM(last_sync_status = 'SUCCEEDED'), 0),
            COALESCE(SUM(last_sync_status = 'IN_PROGRESS'), 0),
            COALESCE(SUM(sync_enabled = 0), 0),
            COUNT(*)
         FROM users",
        [],
        |r| {
            let mut counts = [0i64; 6];
            for (i, c) in counts.iter_mut().enumerate() {
                *c = r.get(i)?;
            }
            Ok(counts)
        },
    )?;
    let [failed, never, succeeded, in_progress, disabled, total] = counts.map(|n| n.max(0) as u64);
    // The few users with an expired or expiring token or failed records
    // come from the expiry and outstanding-errors indexes, not the scan.
    let count = |sql: &str, args: &[i64]| -> rusqlite::Result<u64> {
        let n: i64 = conn.query_row(sql, rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(n.max(0) as u64)
    };
    let expired = count(
        "SELECT COUNT(*) FROM users
         WHERE microsoft_token_expires_at <= ?1 OR sales_token_expires_at <= ?1",
        &[now_ms],
    )?;
    // The first token to expire does so after now and within the window.
    let expiring = count(
        "SELECT COUNT(*) FROM users
         WHERE (microsoft_token_expires_at > ?1 AND microsoft_token_expires_at <= ?2
                OR sales_token_expires_at > ?1 AND sales_token_expires_at <= ?2)
           AND NOT (COALESCE(microsoft_token_expires_at <= ?1, 0)
                    OR COALESCE(sales_token_expires_at <= ?1, 0))",
        &[now_ms, window_end],
    )?;
    let errors = count(
        "SELECT COUNT(*) FROM users WHERE outstanding_sync_errors > 0",
        &[],
    )?;
    Ok(Summary {
        last_sync_failed: failed,
        never_synced: never,
        last_sync_succeeded: succeeded,
        in_progress,
        sync_disabled: disabled,
        total_users: total,
        expired_authorizations: expired,
        expiring_authorizations: expiring,
        expiring_within_days,
        outstanding_sync_errors: errors,
        application_permission: application_permission(conn)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::open;

    #[test]
    fn empty_database_summarises_to_zero() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("e.db")).unwrap();
        let s = summary(&conn, Utc::now(), 7).unwrap();
        assert_eq!(s.total_users, 0);
        assert_eq!(s.last_sync_failed, 0);
        assert_eq!(
            s.application_permission.status,
            PermissionStatus::NotEnabled
        );
    }
}
