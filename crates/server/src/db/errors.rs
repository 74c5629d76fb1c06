//! Error groups: users whose last sync failed, grouped by error code.

use rusqlite::Connection;
use sync_monitor_core::ErrorGroup;

/// `GET /errorGroups`: largest group first (then by code), each with its
/// most frequent message.
pub fn error_groups(conn: &Connection) -> rusqlite::Result<Vec<ErrorGroup>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.code, g.n,
                (SELECT last_error_message FROM users
                  WHERE last_sync_status = 'FAILED' AND last_error_code = g.code
                  GROUP BY last_error_message ORDER BY COUNT(*) DESC, last_error_message LIMIT 1)
           FROM (SELECT last_error_code AS code, COUNT(*) AS n FROM users
                  WHERE last_sync_status = 'FAILED' AND last_error_code IS NOT NULL
                  GROUP BY last_error_code) AS g
          ORDER BY g.n DESC, g.code",
    )?;
    let groups = stmt.query_map([], |r| {
        Ok(ErrorGroup {
            code: r.get(0)?,
            count: r.get::<_, i64>(1)?.max(0) as u64,
            message: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        })
    })?;
    groups.collect()
}
