//! The sync trend: outcomes per day from the quarter-hour counts that
//! triggers keep (`sync_stats`, migration 4).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use sync_monitor_core::{DayStats, TransactionResult};

const DAY_MS: i64 = 86_400_000;
const BUCKET_MS: i64 = 900_000;

/// `GET /syncStats`: the last `days` days up to today, where a day starts
/// at local midnight `offset_minutes` east of UTC; oldest first.
pub fn sync_stats(
    conn: &Connection,
    now: DateTime<Utc>,
    days: u32,
    offset_minutes: i32,
) -> rusqlite::Result<Vec<DayStats>> {
    let offset_ms = i64::from(offset_minutes) * 60_000;
    let today = (now.timestamp_millis() + offset_ms).div_euclid(DAY_MS);
    let first = today - i64::from(days) + 1;
    let mut items: Vec<DayStats> = (first..=today)
        .map(|day| DayStats {
            date: DateTime::from_timestamp_millis(day * DAY_MS)
                .unwrap_or_default()
                .date_naive(),
            succeeded: 0,
            failed: 0,
            with_conflicts: 0,
        })
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT (bucket * ?1 + ?2) / ?3 AS day, result, SUM(n) FROM sync_stats
          WHERE bucket >= ?4 AND bucket < ?5
          GROUP BY day, result",
    )?;
    let from_bucket = (first * DAY_MS - offset_ms).div_euclid(BUCKET_MS);
    let to_bucket = ((today + 1) * DAY_MS - offset_ms).div_euclid(BUCKET_MS);
    let rows = stmt.query_map(
        params![BUCKET_MS, offset_ms, DAY_MS, from_bucket, to_bucket],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    )?;
    for row in rows {
        let (day, result, n) = row?;
        let Some(item) = usize::try_from(day - first)
            .ok()
            .and_then(|i| items.get_mut(i))
        else {
            continue;
        };
        let n = n.max(0) as u64;
        match TransactionResult::parse(&result).unwrap_or(TransactionResult::Unknown) {
            TransactionResult::Succeeded => item.succeeded += n,
            TransactionResult::Failed => item.failed += n,
            TransactionResult::SucceededWithConflicts => item.with_conflicts += n,
            TransactionResult::Unknown => {}
        }
    }
    Ok(items)
}
