//! The embedded SQLite database: opening, versioned migrations, and the
//! queries the API needs.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use sync_monitor_core::{ApplicationPermission, PermissionError, PermissionStatus, Summary};

/// Migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[include_str!("../migrations/0001_init.sql")];

/// Opens (creating if needed) the database file and brings its schema up to
/// date.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    configure(&conn)?;
    migrate(&conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Applies the migrations not yet applied, each in its own transaction.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let applied: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
        conn.execute_batch(&format!(
            "BEGIN; {sql}\nPRAGMA user_version = {}; COMMIT;",
            i + 1
        ))?;
    }
    Ok(())
}

/// Schema version of an open database.
pub fn schema_version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Last sync status of a user, as stored and as sent on the wire.
pub const STATUSES: [&str; 5] = [
    "FAILED",
    "NEVER_SYNCED",
    "SUCCEEDED",
    "IN_PROGRESS",
    "SUSPENDED",
];

/// A user mapping with its sync state, as inserted by the seeder and tests.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub sales_user_name: String,
    pub microsoft_email: String,
    pub last_sync_status: &'static str,
    pub last_sync_start: Option<i64>,
    pub last_sync_duration_ms: Option<i64>,
    pub sales_authorized: bool,
    pub microsoft_authorized: bool,
    pub using_next_gen: bool,
    pub sync_enabled: bool,
    pub active: bool,
    pub debug_logs: bool,
    pub last_error_code: Option<&'static str>,
    pub last_error_message: Option<&'static str>,
    pub conflict_resolution: &'static str,
    pub allow_user_override: bool,
}

/// Inserts users in one transaction; returns the new ids.
pub fn insert_users(conn: &mut Connection, users: &[NewUser]) -> rusqlite::Result<Vec<i64>> {
    let tx = conn.transaction()?;
    let mut ids = Vec::with_capacity(users.len());
    {
        let mut stmt = tx.prepare(
            "INSERT INTO users (sales_user_name, microsoft_email, last_sync_status,
                last_sync_start, last_sync_duration_ms, sales_authorized, microsoft_authorized,
                using_next_gen, sync_enabled, active, debug_logs, last_error_code,
                last_error_message, conflict_resolution, allow_user_override)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for u in users {
            stmt.execute(params![
                u.sales_user_name,
                u.microsoft_email,
                u.last_sync_status,
                u.last_sync_start,
                u.last_sync_duration_ms,
                u.sales_authorized,
                u.microsoft_authorized,
                u.using_next_gen,
                u.sync_enabled,
                u.active,
                u.debug_logs,
                u.last_error_code,
                u.last_error_message,
                u.conflict_resolution,
                u.allow_user_override,
            ])?;
            ids.push(tx.last_insert_rowid());
        }
    }
    tx.commit()?;
    Ok(ids)
}

/// Sets the application permission state (`error` only for `INACTIVE`).
pub fn set_application_permission(
    conn: &Connection,
    permission: &ApplicationPermission,
) -> rusqlite::Result<()> {
    let e = permission.error.as_ref();
    conn.execute(
        "UPDATE application_permission SET status = ?1, error_code = ?2, error_message = ?3,
            error_detail = ?4, error_occurred_at = ?5 WHERE id = 1",
        params![
            permission.status.as_str(),
            e.map(|e| &e.code),
            e.map(|e| &e.message),
            e.map(|e| &e.detail),
            e.map(|e| e.occurred_at.timestamp_millis()),
        ],
    )?;
    Ok(())
}

fn application_permission(conn: &Connection) -> rusqlite::Result<ApplicationPermission> {
    conn.query_row(
        "SELECT status, error_code, error_message, error_detail, error_occurred_at
         FROM application_permission WHERE id = 1",
        [],
        |r| {
            let status: String = r.get(0)?;
            let status = PermissionStatus::parse(&status).unwrap_or(PermissionStatus::Unknown);
            let code: Option<String> = r.get(1)?;
            let at: Option<i64> = r.get(4)?;
            let error = match (status, code, at) {
                (PermissionStatus::Inactive, Some(code), Some(at)) => Some(PermissionError {
                    code,
                    message: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    detail: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    occurred_at: chrono::DateTime::from_timestamp_millis(at).unwrap_or_default(),
                }),
                _ => None,
            };
            Ok(ApplicationPermission { status, error })
        },
    )
}

/// The card counts, computed from the users table.
pub fn summary(conn: &Connection) -> rusqlite::Result<Summary> {
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
            Ok([
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ])
        },
    )?;
    let [failed, never, succeeded, in_progress, disabled, total] = counts.map(|n| n.max(0) as u64);
    Ok(Summary {
        last_sync_failed: failed,
        never_synced: never,
        last_sync_succeeded: succeeded,
        in_progress,
        sync_disabled: disabled,
        total_users: total,
        application_permission: application_permission(conn)?,
    })
}

/// Reads a `meta` value.
pub fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

/// Writes a `meta` value.
pub fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let conn = open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), MIGRATIONS.len());
        drop(conn);
        let conn = open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), MIGRATIONS.len());
    }

    #[test]
    fn empty_database_summarises_to_zero() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("e.db")).unwrap();
        let s = summary(&conn).unwrap();
        assert_eq!(s.total_users, 0);
        assert_eq!(s.last_sync_failed, 0);
        assert_eq!(
            s.application_permission.status,
            PermissionStatus::NotEnabled
        );
    }
}
