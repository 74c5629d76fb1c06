//! `GET /users/export`: every user matching a filter, in order, in one
//! query (the handler writes them as CSV).

use rusqlite::{params_from_iter, Connection};
use sync_monitor_core::{Sort, User, UserFilter};

use super::users::{order_clause, user_from_row, where_clause, USER_COLUMNS};

/// Every matching user, in the given order.
pub fn matching_users(
    conn: &Connection,
    filter: &UserFilter,
    sort: Sort,
) -> rusqlite::Result<Vec<User>> {
    let (clause, args) = where_clause(filter);
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM users {clause} {}",
        order_clause(sort)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let users = stmt.query_map(params_from_iter(args.iter()), user_from_row)?;
    users.collect()
}
