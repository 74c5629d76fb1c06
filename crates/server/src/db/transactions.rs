//! A user's sync transactions: inserting (seeder, simulation) and the
//! history page, ordered by any of its columns.

use rusqlite::{params, Connection};
use sync_monitor_core::query::SortDir;
use sync_monitor_core::{
    Collection, Direction, SyncError, Transaction, TransactionColumn, TransactionResult,
};

use super::sync_errors::{insert_record_errors, NewRecordError};
use super::{dir, page_of, time, users::get_user, ColumnSort, Page};

/// A transaction row, as inserted by the seeder, the simulation and tests.
#[derive(Debug, Clone)]
pub struct NewTransaction {
    pub user_id: i64,
    pub result: TransactionResult,
    pub sync_start: i64,
    pub sync_end: i64,
    pub microsoft365_changes: i64,
    pub microsoft365_duration_ms: i64,
    pub sales_changes: i64,
    pub sales_duration_ms: i64,
    pub up_sync_duration_ms: i64,
    pub down_sync_duration_ms: i64,
    pub conflicts: i64,
    pub using_next_gen: bool,
    pub error_code: Option<&'static str>,
    pub error_message: Option<&'static str>,
    /// The records that failed (each side's failed count is theirs).
    pub record_errors: Vec<NewRecordError>,
}

/// Inserts transactions with their record errors (inside the caller's
/// transaction, if any).
pub fn insert_transactions(conn: &Connection, rows: &[NewTransaction]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO transactions (user_id, result, sync_start, sync_end, microsoft365_changes,
            microsoft365_duration_ms, sales_changes, sales_duration_ms, conflicts, using_next_gen,
            error_code, error_message, microsoft365_failed, sales_failed, up_sync_duration_ms,
            down_sync_duration_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    for t in rows {
        let failed = |d: Direction| t.record_errors.iter().filter(|e| e.direction == d).count();
        stmt.execute(params![
            t.user_id,
            t.result.as_str(),
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
            failed(Direction::DownSync),
            failed(Direction::UpSync),
            t.up_sync_duration_ms,
            t.down_sync_duration_ms,
        ])?;
        insert_record_errors(conn, t.user_id, conn.last_insert_rowid(), &t.record_errors)?;
    }
    Ok(())
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
            using_next_gen, error_code, error_message, microsoft365_failed, sales_failed,
            up_sync_duration_ms, down_sync_duration_ms
         FROM transactions WHERE user_id = ?1
         ORDER BY {0} {1}, transaction_number {1} LIMIT ?2 OFFSET ?3",
        sql_column(order.column),
        dir(order.dir),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let (limit, offset) = (page.limit as i64 + 1, page.offset as i64);
    let items = stmt
        .query_map(params![user_id, limit, offset], |r| {
            let result: String = r.get(1)?;
            let code: Option<String> = r.get(10)?;
            let message: Option<String> = r.get(11)?;
            let n = |i: usize| r.get::<_, i64>(i).map(|v| v.max(0) as u64);
            Ok(Transaction {
                transaction_number: r.get(0)?,
                result: TransactionResult::parse(&result).unwrap_or(TransactionResult::Unknown),
                sync_start: time(r.get(2)?).unwrap_or_default(),
                sync_end: time(r.get(3)?).unwrap_or_default(),
                microsoft365_changes: n(4)?,
                microsoft365_duration_ms: n(5)?,
                sales_changes: n(6)?,
                sales_duration_ms: n(7)?,
                microsoft365_failed: n(12)?,
                sales_failed: n(13)?,
                up_sync_duration_ms: n(14)?,
                down_sync_duration_ms: n(15)?,
                conflicts: n(8)?,
                using_next_gen: r.get(9)?,
                error: code.map(|code| SyncError {
                    code,
                    message: message.unwrap_or_default(),
                }),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let total = || {
        let n: i64 = conn.query_row(
            "SELECT COUNT(*) FROM transactions WHERE user_id = ?1",
            [user_id],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as u64)
    };
    page_of(items, page, total).map(Some)
}

/// A validated transaction ordering.
pub type TransactionSort = ColumnSort<TransactionColumn>;

impl TransactionSort {
    /// Newest first.
    pub const DEFAULT: TransactionSort = ColumnSort {
        column: TransactionColumn::DEFAULT_SORT,
        dir: SortDir::Desc,
    };

    /// `orderBy=<field>:<asc|desc>` over the Transaction History columns.
    pub fn parse(s: &str) -> Result<Self, String> {
        Self::parse_with(s, &TransactionColumn::ALL, TransactionColumn::field)
    }
}

/// The SQL column of a Transaction History column (fixed text).
fn sql_column(c: TransactionColumn) -> &'static str {
    match c {
        TransactionColumn::Result => "result",
        TransactionColumn::TransactionNumber => "transaction_number",
        TransactionColumn::SyncStart => "sync_start",
        TransactionColumn::SyncEnd => "sync_end",
        TransactionColumn::Microsoft365Changes => "microsoft365_changes",
        TransactionColumn::Microsoft365Duration => "microsoft365_duration_ms",
        TransactionColumn::SalesChanges => "sales_changes",
        TransactionColumn::SalesDuration => "sales_duration_ms",
        TransactionColumn::Conflicts => "conflicts",
        TransactionColumn::UsingNextGen => "using_next_gen",
    }
}
