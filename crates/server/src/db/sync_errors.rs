//! Record-level sync errors (`ZPS_SYNC_ERRORS`): inserting them with their
//! transaction, listing a user's outstanding ones or one transaction's,
//! and resolving them when the records sync after all.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, Row};
use sync_monitor_core::query::SortDir;
use sync_monitor_core::{
    Collection, Direction, MessageType, ObjectType, Operation, RecordError, RecordErrorColumn,
    RecordErrorFilter, SyncType,
};

use super::{dir, page_of, time, users::get_user, ColumnSort, Page};

/// A failed record, as the seeder, the simulation and tests insert it.
#[derive(Debug, Clone)]
pub struct NewRecordError {
    pub sync_type: SyncType,
    pub message_type: MessageType,
    pub direction: Direction,
    pub object_type: ObjectType,
    pub operation: Operation,
    pub sales_record_id: Option<i64>,
    pub sales_record_number: Option<String>,
    pub microsoft_id: Option<String>,
    pub record_name: String,
    pub message: String,
    pub occurred_at: i64,
    pub resolved_at: Option<i64>,
}

/// Inserts the record errors of transaction `number` of user `user_id`.
pub(super) fn insert_record_errors(
    conn: &Connection,
    user_id: i64,
    number: i64,
    errors: &[NewRecordError],
) -> rusqlite::Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO sync_errors (user_id, transaction_number, sync_type, message_type,
            direction, object_type, operation, sales_record_id, sales_record_number,
            microsoft_id, record_name, message, occurred_at, resolved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for e in errors {
        stmt.execute(params![
            user_id,
            number,
            e.sync_type.as_str(),
            e.message_type.as_str(),
            e.direction.as_str(),
            e.object_type.as_str(),
            e.operation.as_str(),
            e.sales_record_id,
            e.sales_record_number,
            e.microsoft_id,
            e.record_name,
            e.message,
            e.occurred_at,
            e.resolved_at,
        ])?;
    }
    Ok(())
}

/// Marks the outstanding system errors of user `id` resolved at `at_ms`
/// (a sync that succeeded retried them; user errors wait for the user to
/// fix the record). Returns how many.
pub fn resolve_system_errors(conn: &Connection, id: i64, at_ms: i64) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE sync_errors SET resolved_at = ?2
         WHERE user_id = ?1 AND resolved_at IS NULL AND message_type = 'SYSTEM'",
        params![id, at_ms],
    )
}

/// Whose errors to list: a user's outstanding ones, or every error of one
/// of the user's transactions.
#[derive(Debug, Clone, Copy)]
pub enum ErrorScope {
    Outstanding,
    Transaction(i64),
}

/// A validated record error ordering.
pub type RecordErrorSort = ColumnSort<RecordErrorColumn>;

impl RecordErrorSort {
    /// Newest first.
    pub const DEFAULT: RecordErrorSort = ColumnSort {
        column: RecordErrorColumn::Occurred,
        dir: SortDir::Desc,
    };

    /// `orderBy=<field>:<asc|desc>` over the Sync Errors columns.
    pub fn parse(s: &str) -> Result<Self, String> {
        Self::parse_with(s, &RecordErrorColumn::ALL, RecordErrorColumn::field)
    }
}

fn sql_column(c: RecordErrorColumn) -> &'static str {
    match c {
        RecordErrorColumn::Object => "object_type",
        RecordErrorColumn::Direction => "direction",
        RecordErrorColumn::Operation => "operation",
        RecordErrorColumn::Record => "record_name COLLATE NOCASE",
        RecordErrorColumn::Message => "message",
        RecordErrorColumn::Occurred => "occurred_at",
        RecordErrorColumn::TransactionNumber => "transaction_number",
    }
}

/// `GET /users/{id}/syncErrors` and `…/transactions/{n}/syncErrors`;
/// `None` when the user (or the user's transaction) does not exist.
pub fn sync_errors(
    conn: &Connection,
    user_id: i64,
    scope: ErrorScope,
    filter: &RecordErrorFilter,
    order: RecordErrorSort,
    page: Page,
) -> rusqlite::Result<Option<Collection<RecordError>>> {
    if get_user(conn, user_id)?.is_none() {
        return Ok(None);
    }
    let mut conds = vec!["user_id = ?".to_owned()];
    let mut args = vec![Value::Integer(user_id)];
    match scope {
        ErrorScope::Outstanding => conds.push("resolved_at IS NULL".into()),
        ErrorScope::Transaction(number) => {
            let exists: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM transactions
                 WHERE transaction_number = ?1 AND user_id = ?2)",
                params![number, user_id],
                |r| r.get(0),
            )?;
            if !exists {
                return Ok(None);
            }
            conds.push("transaction_number = ?".into());
            args.push(Value::Integer(number));
        }
    }
    if !filter.object_types.is_empty() {
        let marks = vec!["?"; filter.object_types.len()].join(", ");
        conds.push(format!("object_type IN ({marks})"));
        args.extend(
            filter
                .object_types
                .iter()
                .map(|o| Value::Text(o.as_str().into())),
        );
    }
    if let Some(d) = filter.direction {
        conds.push("direction = ?".into());
        args.push(Value::Text(d.as_str().into()));
    }
    let where_sql = conds.join(" AND ");
    let sql = format!(
        "SELECT id, transaction_number, sync_type, message_type, direction, object_type,
            operation, sales_record_id, sales_record_number, microsoft_id, record_name, message,
            occurred_at, resolved_at
         FROM sync_errors WHERE {where_sql}
         ORDER BY {0} {1}, id {1} LIMIT ? OFFSET ?",
        sql_column(order.column),
        dir(order.dir),
    );
    let paging = [
        Value::Integer(page.limit as i64 + 1),
        Value::Integer(page.offset.min(i64::MAX as u64) as i64),
    ];
    let items = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(args.iter().chain(&paging)), record_error)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let total = || {
        let sql = format!("SELECT COUNT(*) FROM sync_errors WHERE {where_sql}");
        let n: i64 = conn.query_row(&sql, params_from_iter(&args), |r| r.get(0))?;
        Ok(n.max(0) as u64)
    };
    page_of(items, page, total).map(Some)
}

fn record_error(r: &Row) -> rusqlite::Result<RecordError> {
    let text = |i: usize| r.get::<_, String>(i);
    Ok(RecordError {
        id: r.get(0)?,
        transaction_number: r.get(1)?,
        sync_type: SyncType::parse(&text(2)?).unwrap_or(SyncType::Unknown),
        message_type: MessageType::parse(&text(3)?).unwrap_or(MessageType::Unknown),
        direction: Direction::parse(&text(4)?).unwrap_or(Direction::Unknown),
        object_type: ObjectType::parse(&text(5)?).unwrap_or(ObjectType::Unknown),
        operation: Operation::parse(&text(6)?).unwrap_or(Operation::Unknown),
        sales_record_id: r.get(7)?,
        sales_record_number: r.get(8)?,
        microsoft_id: r.get(9)?,
        record_name: r.get(10)?,
        message: r.get(11)?,
        occurred_at: time(r.get(12)?).unwrap_or_default(),
        resolved_at: time(r.get(13)?),
    })
}
