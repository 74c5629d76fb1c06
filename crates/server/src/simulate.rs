//! `--simulate`: a stand-in for the real sync engine, so the console has
//! live data. Every few seconds it finishes the syncs that have run long
//! enough (Succeeded or Failed, with a new transaction) and starts syncs for
//! a few users — never for disabled or suspended users; requested full syncs
//! are simply users already In Progress.

use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};
use sync_monitor_core::{JobName, LastSyncStatus, TransactionResult};

use crate::db;
use crate::seed::Rng;
use crate::AppState;

/// How often the simulated scheduler runs.
pub const TICK: Duration = Duration::from_secs(3);
/// A sync runs at least this long before it can finish.
const MIN_RUN_MS: i64 = 4_000;

/// Runs the simulation until the process ends.
pub async fn run(state: AppState, seed: u64) {
    let mut rng = Rng::new(seed ^ 0x5EED);
    let mut interval = tokio::time::interval(TICK);
    loop {
        interval.tick().await;
        let tick_seed = rng.next_u64();
        let result = state
            .write(move |conn| tick(conn, &mut Rng::new(tick_seed), chrono::Utc::now()))
            .await;
        match result {
            Ok(Ok((finished, started))) => tracing::debug!(finished, started, "simulation tick"),
            Ok(Err(e)) => tracing::warn!(error = %e, "simulation tick failed"),
            Err(e) => tracing::warn!(error = ?e.1, "simulation tick failed"),
        }
    }
}

/// One scheduler run at `now`; returns (finished, started).
pub fn tick(
    conn: &mut Connection,
    rng: &mut Rng,
    now: chrono::DateTime<chrono::Utc>,
) -> rusqlite::Result<(usize, usize)> {
    let now_ms = now.timestamp_millis();
    let tx = conn.transaction()?;
    let running: Vec<(i64, i64, bool)> = tx
        .prepare(
            "SELECT id, last_sync_start, using_next_gen FROM users
             WHERE last_sync_status = 'IN_PROGRESS' AND last_sync_start <= ?1
             ORDER BY last_sync_start LIMIT 50",
        )?
        .query_map([now_ms - MIN_RUN_MS], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for &(id, start, next_gen) in &running {
        finish(&tx, rng, id, (start, next_gen), now_ms, true)?;
    }
    let max_id: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM users", [], |r| r.get(0))?;
    let from = if max_id > 0 {
        rng.below(max_id as u64) as i64
    } else {
        0
    };
    let started = tx.execute(
        "UPDATE users SET last_sync_status = 'IN_PROGRESS', last_sync_start = ?2,
            last_sync_duration_ms = NULL, version = version + 1
         WHERE id IN (SELECT id FROM users WHERE id >= ?1 AND sync_enabled = 1
                      AND last_sync_status IN ('SUCCEEDED', 'FAILED', 'NEVER_SYNCED')
                      ORDER BY id LIMIT 8)",
        params![from, now_ms],
    )?;
    let next = now + chrono::Duration::from_std(TICK).unwrap_or_default();
    db::record_job(&tx, JobName::InstantSync, now, next, true)?;
    // Standard Sync runs hourly while the simulation runs; Token Refresh
    // stays overdue, the seed's story behind failed authorizations.
    let standard_due: bool = tx.query_row(
        "SELECT COALESCE(next_run, 0) <= ?1 FROM sync_jobs WHERE name = 'STANDARD_SYNC'",
        [now_ms],
        |r| r.get(0),
    )?;
    if standard_due {
        let hour = chrono::Duration::hours(1);
        db::record_job(&tx, JobName::StandardSync, now, now + hour, true)?;
        // The run picks up every user it can sync: enabled, active, not
        // suspended, with both tokens valid.
        tx.execute(
            "UPDATE users SET included_in_latest_sync = new.v
             FROM (SELECT id, (sync_enabled AND active AND last_sync_status <> 'SUSPENDED'
                     AND COALESCE(microsoft_token_expires_at > ?1, 0)
                     AND COALESCE(sales_token_expires_at > ?1, 0)) AS v FROM users) AS new
             WHERE users.id = new.id AND users.included_in_latest_sync <> new.v",
            [now_ms],
        )?;
    }
    tx.commit()?;
    Ok((running.len(), started))
}

/// Ends the running sync of user `id` (started at `start`) at `now_ms`:
/// Succeeded or, when `may_fail`, now and then Failed with a realistic
/// reason — recorded as a new transaction.
pub fn finish(
    tx: &Connection,
    rng: &mut Rng,
    id: i64,
    (start, next_gen): (i64, bool),
    now_ms: i64,
    may_fail: bool,
) -> rusqlite::Result<()> {
    let failure = (may_fail && rng.chance(120)).then(|| crate::seed::failure(rng));
    let (result, status) = if failure.is_some() {
        (TransactionResult::Failed, LastSyncStatus::Failed)
    } else {
        (TransactionResult::Succeeded, LastSyncStatus::Succeeded)
    };
    let ms = 200 + rng.below(3_000) as i64;
    let sales = 200 + rng.below(3_000) as i64;
    let end = now_ms.max(start + ms + sales);
    db::insert_transactions(
        tx,
        &[db::NewTransaction {
            user_id: id,
            result,
            sync_start: start,
            sync_end: end,
            microsoft365_changes: rng.below(25) as i64,
            microsoft365_duration_ms: ms,
            sales_changes: rng.below(25) as i64,
            sales_duration_ms: sales,
            up_sync_duration_ms: sales * 4 / 5,
            down_sync_duration_ms: ms * 4 / 5,
            conflicts: 0,
            using_next_gen: next_gen,
            error_code: failure.map(|f| f.0),
            error_message: failure.map(|f| f.1),
            record_errors: Vec::new(),
        }],
    )?;
    if failure.is_none() {
        db::resolve_system_errors(tx, id, end)?;
    }
    tx.execute(
        "UPDATE users SET last_sync_status = ?2, last_sync_duration_ms = ?3,
            last_error_code = ?4, last_error_message = ?5,
            sales_authorized = ?6, microsoft_authorized = ?7,
            full_sync_requested = 0, version = version + 1
         WHERE id = ?1",
        params![
            id,
            status.as_str(),
            end - start,
            failure.map(|f| f.0),
            failure.map(|f| f.1),
            failure.is_none_or(|f| f.2),
            failure.is_none_or(|f| f.3),
        ],
    )?;
    Ok(())
}

/// Finishes the running sync of one user now, successfully (test control);
/// false when the user has no sync in progress.
pub fn finish_user(
    conn: &mut Connection,
    id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> rusqlite::Result<bool> {
    let tx = conn.transaction()?;
    let running: Option<(i64, bool)> = tx
        .query_row(
            "SELECT last_sync_start, using_next_gen FROM users
             WHERE id = ?1 AND last_sync_status = 'IN_PROGRESS'",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some(run) = running else {
        return Ok(false);
    };
    finish(
        &tx,
        &mut Rng::new(id as u64),
        id,
        run,
        now.timestamp_millis(),
        false,
    )?;
    tx.commit()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{self, Plan};

    #[test]
    fn finishes_running_syncs_and_starts_new_ones_for_enabled_users_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = db::open(&dir.path().join("sim.db")).unwrap();
        let t0 = chrono::Utc::now();
        seed::seed(
            &mut conn,
            Plan {
                users: 300,
                seed: 9,
                now: t0,
            },
        )
        .unwrap();
        let count = |conn: &Connection, sql: &str| -> i64 {
            conn.query_row(sql, [], |r| r.get(0)).unwrap()
        };
        let tx_before = count(&conn, "SELECT COUNT(*) FROM transactions");
        let suspended_before = count(
            &conn,
            "SELECT COUNT(*) FROM users WHERE last_sync_status = 'SUSPENDED'",
        );
        // Well after the seeded syncs started: every running one may finish.
        let later = t0 + chrono::Duration::hours(1);
        let (finished, started) = tick(&mut conn, &mut Rng::new(1), later).unwrap();
        assert!(finished > 0 && started > 0);
        assert_eq!(
            count(&conn, "SELECT COUNT(*) FROM transactions"),
            tx_before + finished as i64
        );
        assert_eq!(
            count(&conn, "SELECT COUNT(*) FROM users WHERE last_sync_status = 'IN_PROGRESS' AND sync_enabled = 0"),
            0,
            "disabled users are never started"
        );
        assert_eq!(
            count(
                &conn,
                "SELECT COUNT(*) FROM users WHERE last_sync_status = 'SUSPENDED'"
            ),
            suspended_before,
            "suspended users stay suspended"
        );
        let newest_ok = count(
            &conn,
            &format!(
                "SELECT COUNT(*) FROM transactions WHERE sync_end >= {}",
                t0.timestamp_millis()
            ),
        );
        assert!(newest_ok >= finished as i64);
    }

    #[test]
    fn a_sync_that_succeeds_resolves_the_system_errors_and_leaves_the_users_own() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = db::open(&dir.path().join("errors.db")).unwrap();
        seed::seed(
            &mut conn,
            Plan {
                users: 3_000,
                seed: 4,
                now: chrono::Utc::now(),
            },
        )
        .unwrap();
        let count = |conn: &Connection, sql: &str, id: i64| -> i64 {
            conn.query_row(sql, [id], |r| r.get(0)).unwrap()
        };
        // A user with outstanding system errors (a throttled last sync).
        let id: i64 = conn
            .query_row(
                "SELECT user_id FROM sync_errors
                 WHERE resolved_at IS NULL AND message_type = 'SYSTEM' LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let outstanding = "SELECT outstanding_sync_errors FROM users WHERE id = ?1";
        let users_own = "SELECT COUNT(*) FROM sync_errors
            WHERE user_id = ?1 AND resolved_at IS NULL AND message_type = 'USER'";
        let own = count(&conn, users_own, id);
        assert!(count(&conn, outstanding, id) > own);
        conn.execute(
            "UPDATE users SET last_sync_status = 'IN_PROGRESS', last_sync_start = ?2 WHERE id = ?1",
            params![id, chrono::Utc::now().timestamp_millis() - 60_000],
        )
        .unwrap();
        assert!(finish_user(&mut conn, id, chrono::Utc::now()).unwrap());
        assert_eq!(count(&conn, outstanding, id), own);
        assert_eq!(count(&conn, users_own, id), own);
    }
}
