//! The embedded SQLite database: opening, versioned migrations, a small
//! connection pool (one writer, a few readers under WAL), and the queries
//! the API needs.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use sync_monitor_core::query::{Sort, SortDir, SortField, UserFilter};
use sync_monitor_core::{
    ApplicationPermission, Collection, ConflictResolution, Job, JobName, LastSyncStatus,
    PermissionError, PermissionStatus, Summary, SyncError, Transaction, TransactionResult, User,
    UserIds,
};

/// Migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_api.sql"),
];

/// Opens (creating if needed) the database file and brings its schema up to
/// date.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = connect(path)?;
    migrate(&conn)?;
    Ok(conn)
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(conn)
}

/// Applies the migrations not yet applied, each in its own transaction.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let applied = schema_version(conn)?;
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

/// One writer and a few readers over the same WAL database.
pub struct Db {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next: AtomicUsize,
}

impl Db {
    /// Opens the pool on a migrated database file.
    pub fn open(path: &Path, readers: usize) -> rusqlite::Result<Db> {
        let writer = open(path)?;
        let readers = (0..readers.max(1))
            .map(|_| connect(path).map(Mutex::new))
            .collect::<rusqlite::Result<_>>()?;
        Ok(Db {
            writer: Mutex::new(writer),
            readers,
            next: AtomicUsize::new(0),
        })
    }

    /// Runs `f` on a reader connection.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> T) -> T {
        let n = self.readers.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        for i in 0..n {
            if let Ok(conn) = self.readers[(start + i) % n].try_lock() {
                return f(&conn);
            }
        }
        let conn = self.readers[start % n]
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        f(&conn)
    }

    /// Runs `f` on the writer connection.
    pub fn write<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut conn)
    }
}

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
        let mut stmt = tx.prepare_cached(
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

/// A transaction row, as inserted by the seeder, the simulation and tests.
#[derive(Debug, Clone)]
pub struct NewTransaction {
    pub user_id: i64,
    pub result: &'static str,
    pub sync_start: i64,
    pub sync_end: i64,
    pub microsoft365_changes: i64,
    pub microsoft365_duration_ms: i64,
    pub sales_changes: i64,
    pub sales_duration_ms: i64,
    pub conflicts: i64,
    pub using_next_gen: bool,
    pub error_code: Option<&'static str>,
    pub error_message: Option<&'static str>,
}

/// Inserts transactions (inside the caller's transaction, if any).
pub fn insert_transactions(conn: &Connection, rows: &[NewTransaction]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO transactions (user_id, result, sync_start, sync_end, microsoft365_changes,
            microsoft365_duration_ms, sales_changes, sales_duration_ms, conflicts, using_next_gen,
            error_code, error_message)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for t in rows {
        stmt.execute(params![
            t.user_id,
            t.result,
            t.sync_start,
            t.sync_end,
            t.microsoft365_changes,
            t.microsoft365_duration_ms,
            t.sales_changes,
            t.sales_duration_ms,
            t.conflicts,
            t.using_next_gen,
            t.error_code,
            t.error_message,
        ])?;
    }
    Ok(())
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

fn time(ms: Option<i64>) -> Option<DateTime<Utc>> {
    ms.and_then(DateTime::from_timestamp_millis)
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

const USER_COLUMNS: &str = "id, sales_user_name, microsoft_email, last_sync_status, \
    last_sync_start, last_sync_duration_ms, sales_authorized, microsoft_authorized, \
    using_next_gen, sync_enabled, active, debug_logs, last_error_code, last_error_message, \
    conflict_resolution, allow_user_override, full_sync_requested, version";

fn user_from_row(r: &Row) -> rusqlite::Result<User> {
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
    })
}

/// `WHERE …` for a filter, with its parameters.
fn where_clause(filter: &UserFilter) -> (String, Vec<Value>) {
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let search = filter.search.trim();
    if search.chars().count() >= 3 {
        // Trigram FTS: the phrase matches any substring (case-insensitive).
        conds.push("id IN (SELECT rowid FROM users_fts WHERE users_fts MATCH ?)".into());
        args.push(Value::Text(format!("\"{}\"", search.replace('"', "\"\""))));
    } else if !search.is_empty() {
        let like = format!(
            "%{}%",
            search
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        conds.push(
            "(sales_user_name LIKE ? ESCAPE '\\' OR microsoft_email LIKE ? ESCAPE '\\')".into(),
        );
        args.push(Value::Text(like.clone()));
        args.push(Value::Text(like));
    }
    if !filter.last_sync.is_empty() {
        let marks = vec!["?"; filter.last_sync.len()].join(", ");
        conds.push(format!("last_sync_status IN ({marks})"));
        args.extend(
            filter
                .last_sync
                .iter()
                .map(|s| Value::Text(s.as_str().to_owned())),
        );
    }
    for (column, value) in [
        ("sales_authorized", filter.sales_authorized),
        ("microsoft_authorized", filter.microsoft_authorized),
        ("using_next_gen", filter.using_next_gen),
        ("sync_enabled", filter.sync_enabled),
    ] {
        if let Some(v) = value {
            conds.push(format!("{column} = ?"));
            args.push(Value::Integer(v.into()));
        }
    }
    if conds.is_empty() {
        (String::new(), args)
    } else {
        (format!("WHERE {}", conds.join(" AND ")), args)
    }
}

fn order_clause(sort: Sort) -> String {
    let column = match sort.field {
        SortField::LastSyncStatus => "last_sync_status",
        SortField::SalesUserName => "sales_user_name COLLATE NOCASE",
        SortField::MicrosoftEmail => "microsoft_email COLLATE NOCASE",
        SortField::LastSyncStart => "last_sync_start",
        SortField::LastSyncDurationMs => "last_sync_duration_ms",
        SortField::SalesAuthorized => "sales_authorized",
        SortField::MicrosoftAuthorized => "microsoft_authorized",
        SortField::UsingNextGen => "using_next_gen",
        SortField::Id => return format!("ORDER BY id {}", dir(sort.dir)),
    };
    // `id` breaks ties in the same direction, so pages never overlap.
    format!("ORDER BY {column} {0}, id {0}", dir(sort.dir))
}

fn dir(d: SortDir) -> &'static str {
    match d {
        SortDir::Asc => "ASC",
        SortDir::Desc => "DESC",
    }
}

/// Paging of a collection request.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub limit: u64,
    pub offset: u64,
    pub total: bool,
}

/// `GET /users`.
pub fn list_users(
    conn: &Connection,
    filter: &UserFilter,
    sort: Sort,
    page: Page,
) -> rusqlite::Result<Collection<User>> {
    let (clause, args) = where_clause(filter);
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM users {clause} {} LIMIT ? OFFSET ?",
        order_clause(sort),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let paged = args.iter().cloned().chain([
        Value::Integer(page.limit as i64 + 1),
        Value::Integer(page.offset.min(i64::MAX as u64) as i64),
    ]);
    let mut items = stmt
        .query_map(params_from_iter(paged), user_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let has_more = items.len() as u64 > page.limit;
    items.truncate(page.limit as usize);
    let total_results = if page.total {
        Some(count_users(conn, &clause, &args)?)
    } else {
        None
    };
    Ok(Collection {
        count: items.len() as u64,
        items,
        has_more,
        limit: page.limit,
        offset: page.offset,
        total_results,
    })
}

fn count_users(conn: &Connection, clause: &str, args: &[Value]) -> rusqlite::Result<u64> {
    let mut stmt = conn.prepare_cached(&format!("SELECT COUNT(*) FROM users {clause}"))?;
    let n: i64 = stmt.query_row(params_from_iter(args.iter()), |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// `GET /users/ids`: every matching id, in the given order.
pub fn user_ids(conn: &Connection, filter: &UserFilter, sort: Sort) -> rusqlite::Result<UserIds> {
    let (clause, args) = where_clause(filter);
    let sql = format!("SELECT id FROM users {clause} {}", order_clause(sort));
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt
        .query_map(params_from_iter(args.iter()), |r| r.get(0))?
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

/// `PATCH /users/{id}`: validated values, applied only at `version`.
pub fn update_credentials(
    conn: &mut Connection,
    id: i64,
    version: u64,
    email: Option<&str>,
    name: Option<&str>,
) -> Result<User, PatchError> {
    let tx = conn.transaction()?;
    let current = get_user(&tx, id)?.ok_or(PatchError::NotFound)?;
    if current.version != version {
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

/// `GET /users/{id}/transactions`; `None` when the user does not exist.
pub fn transactions(
    conn: &Connection,
    user_id: i64,
    order: TransactionSort,
    page: Page,
) -> rusqlite::Result<Option<Collection<Transaction>>> {
    if get_user(conn, user_id)?.is_none() {
        return Ok(None);
    }
    let sql = format!(
        "SELECT transaction_number, result, sync_start, sync_end, microsoft365_changes,
            microsoft365_duration_ms, sales_changes, sales_duration_ms, conflicts,
            using_next_gen, error_code, error_message
         FROM transactions WHERE user_id = ?1
         ORDER BY {0} {1}, transaction_number {1} LIMIT {2} OFFSET {3}",
        order.column,
        dir(order.dir),
        page.limit + 1,
        page.offset
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut items = stmt
        .query_map([user_id], |r| {
            let result: String = r.get(1)?;
            let code: Option<String> = r.get(10)?;
            let message: Option<String> = r.get(11)?;
            let n = |i: usize| r.get::<_, i64>(i).map(|v| v.max(0) as u64);
            Ok(Transaction {
                transaction_number: r.get(0)?,
                result: TransactionResult::parse(&result),
                sync_start: time(r.get(2)?).unwrap_or_default(),
                sync_end: time(r.get(3)?).unwrap_or_default(),
                microsoft365_changes: n(4)?,
                microsoft365_duration_ms: n(5)?,
                sales_changes: n(6)?,
                sales_duration_ms: n(7)?,
                conflicts: n(8)?,
                using_next_gen: r.get(9)?,
                error: code.map(|code| SyncError {
                    code,
                    message: message.unwrap_or_default(),
                }),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let has_more = items.len() as u64 > page.limit;
    items.truncate(page.limit as usize);
    let total_results = if page.total {
        let n: i64 = conn.query_row(
            "SELECT COUNT(*) FROM transactions WHERE user_id = ?1",
            [user_id],
            |r| r.get(0),
        )?;
        Some(n.max(0) as u64)
    } else {
        None
    };
    Ok(Some(Collection {
        count: items.len() as u64,
        items,
        has_more,
        limit: page.limit,
        offset: page.offset,
        total_results,
    }))
}

/// A validated transaction ordering.
#[derive(Debug, Clone, Copy)]
pub struct TransactionSort {
    column: &'static str,
    dir: SortDir,
}

/// Transaction fields that `orderBy` accepts, with their columns.
pub const TRANSACTION_SORT_FIELDS: [(&str, &str); 10] = [
    ("transactionNumber", "transaction_number"),
    ("result", "result"),
    ("syncStart", "sync_start"),
    ("syncEnd", "sync_end"),
    ("microsoft365Changes", "microsoft365_changes"),
    ("microsoft365DurationMs", "microsoft365_duration_ms"),
    ("salesChanges", "sales_changes"),
    ("salesDurationMs", "sales_duration_ms"),
    ("conflicts", "conflicts"),
    ("usingNextGen", "using_next_gen"),
];

impl TransactionSort {
    /// Newest first.
    pub const DEFAULT: TransactionSort = TransactionSort {
        column: "sync_start",
        dir: SortDir::Desc,
    };

    pub fn parse(s: &str) -> Result<Self, String> {
        let names = TRANSACTION_SORT_FIELDS.map(|(name, _)| name);
        let (i, dir) = sync_monitor_core::query::parse_order_by(s, &names)?;
        Ok(TransactionSort {
            column: TRANSACTION_SORT_FIELDS[i].1,
            dir,
        })
    }
}

/// `GET /jobs`.
pub fn jobs(conn: &Connection) -> rusqlite::Result<Vec<Job>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, last_run, next_run, last_result FROM sync_jobs
         ORDER BY CASE name WHEN 'INSTANT_SYNC' THEN 0 WHEN 'STANDARD_SYNC' THEN 1 ELSE 2 END",
    )?;
    let jobs = stmt
        .query_map([], |r| {
            let name: String = r.get(0)?;
            Ok(Job {
                name: JobName::parse(&name),
                last_run: time(r.get(1)?),
                next_run: time(r.get(2)?),
                last_result: r.get(3)?,
            })
        })?
        .collect();
    jobs
}

/// Records a job run.
pub fn record_job(
    conn: &Connection,
    name: JobName,
    last_run: DateTime<Utc>,
    next_run: DateTime<Utc>,
    succeeded: bool,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sync_jobs SET last_run = ?1, next_run = ?2, last_result = ?3 WHERE name = ?4",
        params![
            last_run.timestamp_millis(),
            next_run.timestamp_millis(),
            if succeeded { "SUCCEEDED" } else { "FAILED" },
            name.as_str()
        ],
    )?;
    Ok(())
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

    #[test]
    fn search_index_follows_inserts_updates_and_deletes() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open(&dir.path().join("s.db")).unwrap();
        let mut user = crate::seed::user(&mut crate::seed::Rng::new(1), 0, 0);
        user.sales_user_name = "ZORRO.VEGA".into();
        user.microsoft_email = "zorro@example.com".into();
        let id = insert_users(&mut conn, &[user]).unwrap()[0];
        let find = |conn: &Connection, s: &str| {
            let f = UserFilter {
                search: s.into(),
                ..UserFilter::default()
            };
            user_ids(
                conn,
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
        update_credentials(&mut conn, id, 1, Some("diego@example.org"), None).unwrap();
        assert!(find(&conn, "zorro@").is_empty());
        assert_eq!(find(&conn, "diego@"), vec![id]);
        assert!(delete_user(&conn, id).unwrap());
        assert!(find(&conn, "diego").is_empty());
    }
}
