//! Deterministic seeding of a realistic user population.
//!
//! The same seed and user count always give the same users (names, e-mails,
//! statuses, flags, errors); their times are relative to the moment of
//! seeding so the demo always looks recent.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use sync_monitor_core::{
    ApplicationPermission, JobName, LastSyncStatus, PermissionError, PermissionStatus,
};

use crate::db::{self, NewUser};

mod history;
mod records;
mod words;
pub use history::{transaction, transactions};
pub use words::failure;
pub use words::FAILURES;
use words::{CONFLICT, FIRST, LAST};

/// A small, fast, deterministic PRNG (SplitMix64); good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// How many users to make, from which seed, relative to which time.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub users: u32,
    pub seed: u64,
    pub now: DateTime<Utc>,
}

/// The `i`-th generated user (0-based); pure, for tests and the seeder.
pub fn user(rng: &mut Rng, i: u32, now_ms: i64) -> NewUser {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let handle = format!(
        "{}.{}{}",
        first.to_lowercase(),
        last.to_lowercase().replace(' ', ""),
        i + 1
    );
    let roll = rng.below(1000);
    // ~84% succeeded, 8% failed, 4% never synced, 2.5% in progress, 1.5% suspended.
    let status = match roll {
        0..=839 => LastSyncStatus::Succeeded,
        840..=919 => LastSyncStatus::Failed,
        920..=959 => LastSyncStatus::NeverSynced,
        960..=984 => LastSyncStatus::InProgress,
        _ => LastSyncStatus::Suspended,
    };
    let (mut sales_ok, mut ms_ok, mut code, mut message) = (true, true, None, None);
    if status == LastSyncStatus::Failed {
        let f = failure(rng);
        code = Some(f.0);
        message = Some(f.1);
        sales_ok = f.2;
        ms_ok = f.3;
    }
    let never = status == LastSyncStatus::NeverSynced;
    let started_ago_ms = if status == LastSyncStatus::InProgress {
        rng.below(90_000) as i64
    } else {
        rng.below(3 * 24 * 3600 * 1000) as i64
    };
    let duration = match status {
        LastSyncStatus::InProgress | LastSyncStatus::NeverSynced => None,
        _ => Some(800 + rng.below(240_000) as i64),
    };
    // One user per 10,000 has a name a spreadsheet would run as a formula:
    // real data is hostile sometimes, and CSV export must neutralise it.
    let sales_user_name = if i % 10_000 == 12 {
        format!(
            "=HYPERLINK(\"http://example.com\",\"{}\")",
            handle.to_uppercase()
        )
    } else {
        handle.to_uppercase()
    };
    NewUser {
        sales_user_name,
        microsoft_email: format!("{handle}@contoso.com"),
        last_sync_status: status,
        last_sync_start: (!never).then_some(now_ms - started_ago_ms),
        last_sync_duration_ms: duration,
        sales_authorized: sales_ok,
        microsoft_authorized: ms_ok,
        using_next_gen: rng.chance(350),
        // Disabled users are not syncing right now.
        sync_enabled: status == LastSyncStatus::InProgress || !rng.chance(30),
        active: !rng.chance(20),
        debug_logs: rng.chance(10),
        last_error_code: code,
        last_error_message: message,
        conflict_resolution: rng.pick(CONFLICT),
        allow_user_override: rng.chance(400),
        // Set by `records::tokens`, from its own stream.
        microsoft_token_expires_at: None,
        sales_token_expires_at: None,
        included_in_latest_sync: false,
    }
}

/// When the seeded Standard Sync job last ran, minutes before seeding.
const STANDARD_SYNC_AGO_MINUTES: i32 = 40;

/// Fills an empty database following `plan`: users, 0–200 transactions
/// each over the last 30 days with their failed records, the sync jobs and
/// the permission state.
pub fn seed(conn: &mut Connection, plan: Plan) -> rusqlite::Result<()> {
    // A new file that nobody else has opened yet, filled by one writer:
    // pages go straight to the file (no WAL to copy them from again, no
    // rollback journal, no fsync per batch), and the generator's rows,
    // which refer only to rows it made, skip the foreign-key lookups (#13).
    // A seed cut short leaves a file to start again with `--reseed`.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.pragma_update(None, "journal_mode", "OFF")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    let seeded = fill(conn, &plan);
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    seeded
}

fn fill(conn: &mut Connection, plan: &Plan) -> rusqlite::Result<()> {
    let mut rng = Rng::new(plan.seed);
    // The sync engine's depth comes from a second stream, so the first
    // gives the same users and histories as before it existed.
    let mut depth = Rng::new(plan.seed ^ 0x5EED_DEE9);
    let now_ms = plan.now.timestamp_millis();
    let standard_run_ms = now_ms - i64::from(STANDARD_SYNC_AGO_MINUTES) * 60_000;
    let mut batch = Vec::with_capacity(5_000);
    let mut made = 0;
    while made < plan.users {
        batch.clear();
        let end = (made + 5_000).min(plan.users);
        for i in made..end {
            let mut u = user(&mut rng, i, now_ms);
            records::tokens(&mut depth, &mut u, now_ms, standard_run_ms);
            batch.push(u);
        }
        let ids = db::insert_users(conn, &batch)?;
        let tx = conn.transaction()?;
        let mut history = Vec::new();
        for (u, id) in batch.iter().zip(ids) {
            history.clear();
            transactions(&mut rng, id, u, now_ms, &mut history);
            records::fill(&mut depth, &mut history, now_ms);
            db::insert_transactions(&tx, &history)?;
        }
        tx.commit()?;
        made = end;
    }
    db::set_application_permission(conn, &permission(PermissionStatus::Inactive, plan.now))?;
    let minute = chrono::Duration::minutes(1);
    let jobs = [
        (JobName::InstantSync, -2, 3, true),
        (
            JobName::StandardSync,
            -STANDARD_SYNC_AGO_MINUTES,
            60 - STANDARD_SYNC_AGO_MINUTES,
            true,
        ),
        // The token refresh job has not run for a long time: the reason the
        // seed gives for failed authorization icons.
        (JobName::TokenRefresh, -26 * 60, -2 * 60, false),
    ];
    for (name, last, next, ok) in jobs {
        db::record_job(
            conn,
            name,
            plan.now + minute * last,
            plan.now + minute * next,
            ok,
        )?;
    }
    db::set_meta(conn, "seeded_users", &plan.users.to_string())?;
    db::set_meta(conn, "seed", &plan.seed.to_string())?;
    Ok(())
}

/// The permission in `status`: inactive as its client secret expired 6 h
/// ago; active with a secret that expires in 12 days (warned 30 ahead).
pub fn permission(status: PermissionStatus, now: DateTime<Utc>) -> ApplicationPermission {
    let error = (status == PermissionStatus::Inactive).then(|| PermissionError {
        code: "AADSTS7000222".into(),
        message: "The provided client secret keys for the application are expired.".into(),
        detail: "Create a new client secret for the application registration in Microsoft \
                 Entra ID and enter it in the sales application's Microsoft 365 setup."
            .into(),
        occurred_at: now - chrono::Duration::hours(6),
    });
    let client_secret_expires_at = match status {
        PermissionStatus::Inactive => Some(now - chrono::Duration::hours(6)),
        PermissionStatus::Active => Some(now + chrono::Duration::days(12)),
        _ => None,
    };
    ApplicationPermission {
        status,
        error,
        client_secret_expires_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_users() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for i in 0..500 {
            let (x, y) = (user(&mut a, i, 0), user(&mut b, i, 0));
            assert_eq!(x.microsoft_email, y.microsoft_email);
            assert_eq!(x.last_sync_status, y.last_sync_status);
            assert_eq!(x.sync_enabled, y.sync_enabled);
        }
    }

    #[test]
    fn failures_carry_reasons_and_matching_flags() {
        let mut rng = Rng::new(1);
        let mut seen_failed = 0;
        for i in 0..5_000 {
            let u = user(&mut rng, i, 1_000_000_000);
            if u.last_sync_status == LastSyncStatus::Failed {
                seen_failed += 1;
                let code = u.last_error_code.expect("failed users have a reason");
                let f = FAILURES.iter().find(|f| f.0 == code).unwrap();
                assert_eq!((u.sales_authorized, u.microsoft_authorized), (f.2, f.3));
            } else {
                assert!(u.last_error_code.is_none());
            }
            assert_eq!(
                u.last_sync_start.is_none(),
                u.last_sync_status == LastSyncStatus::NeverSynced
            );
        }
        assert!((250..600).contains(&seen_failed), "{seen_failed} failures");
    }

    #[test]
    fn every_failure_reason_has_help_for_the_administrator() {
        for f in FAILURES {
            assert!(
                sync_monitor_core::help::error_help(f.0).is_some(),
                "{}",
                f.0
            );
        }
    }

    #[test]
    fn emails_are_unique() {
        let mut rng = Rng::new(3);
        let mut set = std::collections::HashSet::new();
        for i in 0..20_000 {
            assert!(set.insert(user(&mut rng, i, 0).microsoft_email));
        }
    }
}
