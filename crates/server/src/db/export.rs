//! `GET /users/export`: every user matching a filter, in order, in one
//! query (the handler writes them as CSV).

use rusqlite::params_from_iter;
use sync_monitor_core::{Sort, User, UserFilter};

use super::filter::{order_clause, where_clause};
use super::users::{user_from_row, USER_COLUMNS};
use super::Reader;

/// Every matching user, in the given order.
pub fn matching_users(
    reader: &Reader,
    filter: &UserFilter,
    sort: Sort,
) -> rusqlite::Result<Vec<User>> {
    let clause = where_clause(reader, filter)?;
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM users {} {}",
        clause.sql,
        order_clause(sort)
    );
    let mut stmt = reader.prepare_cached(&sql)?;
    let users = stmt.query_map(params_from_iter(clause.params(&[])), user_from_row)?;
    users.collect()
}
