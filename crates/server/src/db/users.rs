//! Users: inserting (seeder, tests), listing with filters, sorting and
//! paging, ids of a view, one user, credentials, delete.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use sync_monitor_core::query::{Sort, UserFilter};
use sync_monitor_core::{Collection, ConflictResolution, LastSyncStatus, SyncError, User, UserIds};

use super::filter::{order_clause, where_clause, Clause};
use super::{page_of, time, Page, Reader};

/// A user mapping with its sync state, as inserted by the seeder and tests.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub sales_user_name: String,
    pub microsoft_email: String,
    pub last_sync_status: LastSyncStatus,
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
    pub conflict_resolution: ConflictResolution,
    pub allow_user_override: bool,
    pub microsoft_token_expires_at: Option<i64>,
    pub sales_token_expires_at: Option<i64>,
    pub included_in_latest_sync: bool,
}

/// Inserts users in one transaction; returns the new ids.
pub fn insert_users(conn: &mut Connection, users: &[NewUser]) -> rusqlite::Result<Vec<i64>> {
    let tx = conn.transaction()?;
    let mut ids = Vec::with_capacity(users.len());
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO users (sales_user_name, microsoft_email, last_sync_status,
                last_sync_start, last_sync_duration_ms, sales_authorized, microsoft_authorized,
                using_next_gen, sync_enabled, active, debug_logs, last_error_code,
                last_error_message, conflict_resolution, allow_user_override,
                microsoft_token_expires_at, sales_token_expires_at, included_in_latest_sync)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18)",
        )?;
        for u in users {
            stmt.execute(params![
                u.sales_user_name,
                u.microsoft_email,
                u.last_sync_status.as_str(),
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
                u.conflict_resolution.as_str(),
                u.allow_user_override,
                u.microsoft_token_expires_at,
                u.sales_token_expires_at,
                u.included_in_latest_sync,
            ])?;
            ids.push(tx.last_insert_rowid());
        }
    }
    tx.commit()?;
    Ok(ids)
}

pub(super) const USER_COLUMNS: &str = "id, sales_user_name, microsoft_email, last_sync_status, \
    last_sync_start, last_sync_duration_ms, sales_authorized, microsoft_authorized, \
    using_next_gen, sync_enabled, active, debug_logs, last_error_code, last_error_message, \
    conflict_resolution, allow_user_override, full_sync_requested, version, \
    microsoft_token_expires_at, sales_token_expires_at, included_in_latest_sync, \
    outstanding_sync_errors";

pub(super) fn user_from_row(r: &Row) -> rusqlite::Result<User> {
    let status: String = r.get(3)?;
    let code: Option<String> = r.get(12)?;
    let message: Option<String> = r.get(13)?;
    let conflict: String = r.get(14)?;
    Ok(User {
        id: r.get(0)?,
        sales_user_name: r.get(1)?,
        microsoft_email: r.get(2)?,
        last_sync_status: LastSyncStatus::parse(&status).unwrap_or(LastSyncStatus::Unknown),
        last_sync_start: time(r.get(4)?),
        last_sync_duration_ms: r.get::<_, Option<i64>>(5)?.map(|d| d.max(0) as u64),
        sales_authorized: r.get(6)?,
        microsoft_authorized: r.get(7)?,
        using_next_gen: r.get(8)?,
        sync_enabled: r.get(9)?,
        active: r.get(10)?,
        debug_logs: r.get(11)?,
        last_error: code.map(|code| SyncError {
            code,
            message: message.unwrap_or_default(),
        }),
        conflict_resolution: ConflictResolution::parse(&conflict),
        allow_user_override: r.get(15)?,
        full_sync_requested: r.get(16)?,
        version: r.get::<_, i64>(17)?.max(0) as u64,
        microsoft_token_expires_at: time(r.get(18)?),
        sales_token_expires_at: time(r.get(19)?),
        included_in_latest_sync: r.get(20)?,
        outstanding_sync_errors: r.get::<_, i64>(21)?.max(0) as u64,
    })
}

/// `GET /users`.
pub fn list_users(
    reader: &Reader,
    filter: &UserFilter,
    sort: Sort,
    page: Page,
) -> rusqlite::Result<Collection<User>> {
    let clause = where_clause(reader, filter)?;
    // The page's ids first (sorting ids and keys, not whole rows), then
    // their rows.
    let order = order_clause(sort);
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id IN \
         (SELECT id FROM users {} {order} LIMIT ? OFFSET ?) {order}",
        clause.sql,
    );
    let mut stmt = reader.prepare_cached(&sql)?;
    let paging = [
        Value::Integer(page.limit as i64 + 1),
        Value::Integer(page.offset.min(i64::MAX as u64) as i64),
    ];
    let items = stmt
        .query_map(params_from_iter(clause.params(&paging)), user_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    page_of(items, page, || count_users(reader, &clause))
}

fn count_users(conn: &Connection, clause: &Clause) -> rusqlite::Result<u64> {
    if let Some(count) = clause.search_count() {
        return Ok(count);
    }
    let mut stmt = conn.prepare_cached(&format!("SELECT COUNT(*) FROM users {}", clause.sql))?;
    let n: i64 = stmt.query_row(params_from_iter(clause.params(&[])), |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// `GET /users/ids`: every matching id, in the given order.
pub fn user_ids(reader: &Reader, filter: &UserFilter, sort: Sort) -> rusqlite::Result<UserIds> {
    let clause = where_clause(reader, filter)?;
    let sql = format!("SELECT id FROM users {} {}", clause.sql, order_clause(sort));
    let mut stmt = reader.prepare_cached(&sql)?;
    let ids = stmt
        .query_map(params_from_iter(clause.params(&[])), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(UserIds {
        total_results: ids.len() as u64,
        ids,
    })
}

/// `GET /users/{id}`.
pub fn get_user(conn: &Connection, id: i64) -> rusqlite::Result<Option<User>> {
    conn.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"))?
        .query_row([id], user_from_row)
        .optional()
}

/// Why a credentials update did not apply.
#[derive(Debug)]
pub enum PatchError {
    NotFound,
    /// The caller's version is not the current one.
    Stale(Box<User>),
    /// Another user already has this Microsoft e-mail.
    EmailTaken,
    Db(rusqlite::Error),
}

impl From<rusqlite::Error> for PatchError {
    fn from(e: rusqlite::Error) -> Self {
        PatchError::Db(e)
    }
}

/// `PATCH /users/{id}`: validated values, applied only at `version` (any
/// version for `None`, i.e. `If-Match: *`).
pub fn update_credentials(
    conn: &mut Connection,
    id: i64,
    version: Option<u64>,
    email: Option<&str>,
    name: Option<&str>,
) -> Result<User, PatchError> {
    let tx = conn.transaction()?;
    let current = get_user(&tx, id)?.ok_or(PatchError::NotFound)?;
    if version.is_some_and(|v| v != current.version) {
        return Err(PatchError::Stale(Box::new(current)));
    }
    if let Some(email) = email {
        let taken: Option<i64> = tx
            .query_row(
                "SELECT id FROM users WHERE microsoft_email = ?1 AND id <> ?2",
                params![email, id],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(PatchError::EmailTaken);
        }
    }
    tx.execute(
        "UPDATE users SET microsoft_email = COALESCE(?1, microsoft_email),
            sales_user_name = COALESCE(?2, sales_user_name), version = version + 1
         WHERE id = ?3",
        params![email, name, id],
    )?;
    let updated = get_user(&tx, id)?.ok_or(PatchError::NotFound)?;
    tx.commit()?;
    Ok(updated)
}

/// `DELETE /users/{id}`: the mapping and its history; false if absent.
pub fn delete_user(conn: &Connection, id: i64) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM users WHERE id = ?1", [id])? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::open;
    use sync_monitor_core::query::{SortDir, SortField};

    #[test]
    fn search_index_follows_inserts_updates_and_deletes() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open(&dir.path().join("s.db")).unwrap();
        let mut user = crate::seed::user(&mut crate::seed::Rng::new(1), 0, 0);
        user.sales_user_name = "ZORRO.VEGA".into();
        user.microsoft_email = "zorro@example.com".into();
        let id = insert_users(&mut conn, &[user]).unwrap()[0];
        // One index throughout: the migration's triggers tell it to reload.
        let search = crate::db::search::Index::default();
        let find = |conn: &Connection, s: &str| {
            let f = UserFilter {
                search: s.into(),
                ..UserFilter::default()
            };
            let reader = Reader {
                conn,
                search: &search,
            };
            user_ids(
                &reader,
                &f,
                Sort {
                    field: SortField::Id,
                    dir: SortDir::Asc,
                },
            )
            .unwrap()
            .ids
        };
        assert_eq!(find(&conn, "rro.v"), vec![id]);
        assert_eq!(find(&conn, "zo"), vec![id]);
        assert_eq!(find(&conn, "EXAMPLE"), vec![id]);
        update_credentials(&mut conn, id, Some(1), Some("diego@example.org"), None).unwrap();
        assert!(find(&conn, "zorro@").is_empty());
        assert_eq!(find(&conn, "diego@"), vec![id]);
        assert!(delete_user(&conn, id).unwrap());
        assert!(find(&conn, "diego").is_empty());
    }
}
