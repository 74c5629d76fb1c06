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
    // Counted in the indexes, not by a scan of every row (a scan of 100,000
    // users took 48 ms; these take about 4): the statuses other than
    // SUCCEEDED are few, and the table allows no status but these five.
    let count = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> rusqlite::Result<u64> {
        let n: i64 = conn.prepare_cached(sql)?.query_row(args, |r| r.get(0))?;
        Ok(n.max(0) as u64)
    };
    let status = |s: &str| {
        count(
            "SELECT COUNT(*) FROM users WHERE last_sync_status = ?1",
            &[&s],
        )
    };
    let total = count("SELECT COUNT(*) FROM users", &[])?;
    let failed = status("FAILED")?;
    let never = status("NEVER_SYNCED")?;
    let in_progress = status("IN_PROGRESS")?;
    let suspended = status("SUSPENDED")?;
    let succeeded = total.saturating_sub(failed + never + in_progress + suspended);
    let disabled = count("SELECT COUNT(*) FROM users WHERE sync_enabled = 0", &[])?;
    // So do the few users with an expired or expiring token or failed
    // records (the expiry and outstanding-errors indexes).
    let expired = count(
        "SELECT COUNT(*) FROM users
         WHERE microsoft_token_expires_at <= ?1 OR sales_token_expires_at <= ?1",
        &[&now_ms],
    )?;
    // The first token to expire does so after now and within the window.
    let expiring = count(
        "SELECT COUNT(*) FROM users
         WHERE (microsoft_token_expires_at > ?1 AND microsoft_token_expires_at <= ?2
                OR sales_token_expires_at > ?1 AND sales_token_expires_at <= ?2)
           AND NOT (COALESCE(microsoft_token_expires_at <= ?1, 0)
                    OR COALESCE(sales_token_expires_at <= ?1, 0))",
        &[&now_ms, &window_end],
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

    #[test]
    fn counts_from_the_indexes_equal_a_scan_of_every_user() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open(&dir.path().join("s.db")).unwrap();
        let now = Utc::now();
        let plan = crate::seed::Plan {
            users: 3_000,
            seed: 7,
            now,
        };
        crate::seed::seed(&mut conn, plan).unwrap();
        // More users with sync disabled than the seed makes.
        conn.execute("UPDATE users SET sync_enabled = 0 WHERE id % 50 = 0", [])
            .unwrap();
        let scan: [u64; 6] = conn
            .query_row(
                "SELECT SUM(last_sync_status = 'FAILED'), SUM(last_sync_status = 'NEVER_SYNCED'),
                        SUM(last_sync_status = 'SUCCEEDED'), SUM(last_sync_status = 'IN_PROGRESS'),
                        SUM(sync_enabled = 0), COUNT(*)
                 FROM users",
                [],
                |r| Ok([0, 1, 2, 3, 4, 5].map(|i| r.get::<_, i64>(i).unwrap() as u64)),
            )
            .unwrap();
        let s = summary(&conn, now, 7).unwrap();
        let counted = [
            s.last_sync_failed,
            s.never_synced,
            s.last_sync_succeeded,
            s.in_progress,
            s.sync_disabled,
            s.total_users,
        ];
        assert_eq!(counted, scan);
        // Every status is there, and suspended users are in no card.
        assert!(scan.iter().all(|n| *n > 0));
        assert!(scan[0] + scan[1] + scan[2] + scan[3] < scan[5]);
    }
}
