//! A seeded user's sync history: the transactions of the last 30 days,
//! the most recent matching the user's last sync.

use sync_monitor_core::{LastSyncStatus, TransactionResult};

use super::{failure, Rng};
use crate::db::{self, NewUser};

const DAY_MS: i64 = 86_400_000;

/// A user's history: 0–200 transactions (most users a few dozen), the most
/// recent one matching the user's last sync.
pub fn transactions(
    rng: &mut Rng,
    user_id: i64,
    u: &NewUser,
    now_ms: i64,
    out: &mut Vec<db::NewTransaction>,
) {
    let Some(last_start) = u.last_sync_start else {
        return;
    };
    let unit = rng.below(1_000_001) as f64 / 1_000_000.0;
    let n = (200.0 * unit.powi(4)).round() as u64;
    let month_ms = 30 * 24 * 3600 * 1000;
    let mut starts: Vec<i64> = (0..n)
        .map(|_| now_ms - month_ms + rng.below(month_ms as u64) as i64)
        .filter(|s| *s < last_start)
        .collect();
    starts.sort_unstable();
    let last_result = match u.last_sync_status {
        LastSyncStatus::Failed => Some(TransactionResult::Failed),
        LastSyncStatus::Succeeded => Some(TransactionResult::Succeeded),
        _ => None,
    };
    if let Some(result) = last_result {
        starts.push(last_start);
        let len = starts.len();
        for (i, start) in starts.into_iter().enumerate() {
            let is_last = i + 1 == len;
            // Nine days ago Microsoft Graph had a bad day: the trend shows it.
            let bad_day = start.div_euclid(DAY_MS) == now_ms.div_euclid(DAY_MS) - 9;
            let result = if is_last {
                result
            } else if rng.chance(if bad_day { 350 } else { 60 }) {
                TransactionResult::Failed
            } else if rng.chance(80) {
                TransactionResult::SucceededWithConflicts
            } else {
                TransactionResult::Succeeded
            };
            out.push(transaction(rng, user_id, u, start, result, is_last));
        }
    } else {
        for start in starts {
            out.push(transaction(
                rng,
                user_id,
                u,
                start,
                TransactionResult::Succeeded,
                false,
            ));
        }
    }
}

/// One transaction starting at `start` with `result`.
pub fn transaction(
    rng: &mut Rng,
    user_id: i64,
    u: &NewUser,
    start: i64,
    result: TransactionResult,
    is_last: bool,
) -> db::NewTransaction {
    let ms_duration = 200 + rng.below(60_000) as i64;
    let sales_duration = 200 + rng.below(90_000) as i64;
    let total = match (is_last, u.last_sync_duration_ms) {
        (true, Some(d)) => d.max(ms_duration + sales_duration),
        _ => ms_duration + sales_duration + rng.below(5_000) as i64,
    };
    let (code, message) = match (result, is_last) {
        (TransactionResult::Failed, true) => (u.last_error_code, u.last_error_message),
        (TransactionResult::Failed, false) => {
            let f = failure(rng);
            (Some(f.0), Some(f.1))
        }
        _ => (None, None),
    };
    let conflicts = if result == TransactionResult::SucceededWithConflicts {
        1 + rng.below(5) as i64
    } else {
        0
    };
    db::NewTransaction {
        user_id,
        result,
        sync_start: start,
        sync_end: start + total,
        microsoft365_changes: rng.below(40) as i64,
        microsoft365_duration_ms: ms_duration,
        sales_changes: rng.below(40) as i64,
        sales_duration_ms: sales_duration,
        // Set by `records::fill`, from its own stream.
        up_sync_duration_ms: 0,
        down_sync_duration_ms: 0,
        conflicts,
        using_next_gen: u.using_next_gen,
        error_code: code,
        error_message: message,
        record_errors: Vec::new(),
    }
}
