//! The scheduled sync jobs: their last and next runs and results.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use sync_monitor_core::{Job, JobName};

use super::time;

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
