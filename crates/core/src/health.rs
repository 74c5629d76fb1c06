//! Job health: whether a scheduled sync job failed or is overdue, and what
//! that means for the administrator, in the seed's words.

use chrono::{DateTime, Duration, Utc};

use crate::users::{Job, JobName};

/// How late a job's next run may be before it counts as overdue (a run
/// that is starting is not a problem yet).
pub const OVERDUE_AFTER: Duration = Duration::minutes(15);

/// What is wrong with a job, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobHealth {
    /// Its last run failed.
    pub failed: bool,
    /// Its next run is more than [`OVERDUE_AFTER`] in the past.
    pub overdue: bool,
}

impl JobHealth {
    /// The health of `job` at `now`.
    pub fn of(job: &Job, now: DateTime<Utc>) -> JobHealth {
        JobHealth {
            failed: job.last_result.as_deref() == Some("FAILED"),
            overdue: job.next_run.is_some_and(|next| next + OVERDUE_AFTER < now),
        }
    }

    pub fn is_ok(self) -> bool {
        !self.failed && !self.overdue
    }

    /// A short state for the job's row: "Overdue", "Failed", "Failed, overdue", "OK".
    pub fn label(self) -> &'static str {
        match (self.failed, self.overdue) {
            (true, true) => "Failed, overdue",
            (true, false) => "Failed",
            (false, true) => "Overdue",
            (false, false) => "OK",
        }
    }
}

/// The warning for a job with a problem: what happened, what it causes
/// and what to do. `None` when the job is healthy.
pub fn job_warning(name: JobName, health: JobHealth) -> Option<String> {
    if health.is_ok() {
        return None;
    }
    let what = match (health.failed, health.overdue) {
        (_, true) => "hasn't run for a long time",
        _ => "failed on its last run",
    };
    Some(match name {
        JobName::TokenRefresh => format!(
            "The Microsoft 365 Token Refresh Job scheduled process {what}: failed authorization \
             icons will appear, and users must sign in to the add-in again. Check the scheduled \
             process in the sales application."
        ),
        JobName::StandardSync => format!(
            "The Standard Sync scheduled process {what}: users' appointments, contacts and tasks \
             are not syncing on schedule. Check the scheduled process in the sales application."
        ),
        JobName::InstantSync => format!(
            "The Instant Sync scheduled process {what}: changes reach Microsoft 365 only with the \
             next Standard Sync. Check the scheduled process in the sales application."
        ),
        JobName::Unknown => format!("A scheduled sync process {what}."),
    })
}

/// How far ahead of the Microsoft client secret's expiry the Application
/// Permission card warns.
pub const SECRET_WARN_DAYS: i64 = 30;

/// What to do about an expiring or expired client secret.
pub const SECRET_FIX: &str = "Create a new client secret for the application registration in \
    Microsoft Entra ID and enter it in the sales application's Microsoft 365 setup.";

/// The warning for the Microsoft client secret expiring at `expires_at`:
/// once it expired, and in the [`SECRET_WARN_DAYS`] before.
pub fn client_secret_warning(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<String> {
    let when = crate::format::relative(expires_at, now);
    if expires_at <= now {
        Some(format!(
            "The Microsoft client secret expired {when}: application permissions are not \
             working. {SECRET_FIX}"
        ))
    } else if expires_at - now <= Duration::days(SECRET_WARN_DAYS) {
        Some(format!(
            "The Microsoft client secret expires {when}: application permissions will stop \
             working then. {SECRET_FIX}"
        ))
    } else {
        None
    }
}

/// What a user does about an expiring or expired authorization.
pub const SIGN_IN_FIX: &str = "Ask them to sign in to the add-in again (in Outlook) before it \
    does, or their sync stops.";

/// The dashboard's notice about `count` users whose authorization expires
/// within `days` days; `None` when there are none.
pub fn expiring_notice(count: u64, days: u32) -> Option<String> {
    (count > 0).then(|| {
        let users = crate::format::plural(count, "user's", "users'");
        let days = crate::format::plural(u64::from(days), "day", "days");
        format!("{users} authorization expires within {days}. {SIGN_IN_FIX}")
    })
}

/// How a token's expiry reads: `expires in 5 days`, `expired 2 h ago`;
/// `true` when it needs attention (expired, or within `warn_days`).
pub fn token_expiry(at: DateTime<Utc>, now: DateTime<Utc>, warn_days: i64) -> (String, bool) {
    let when = crate::format::relative(at, now);
    if at <= now {
        (format!("expired {when}"), true)
    } else {
        (
            format!("expires {when}"),
            at - now <= Duration::days(warn_days),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(name: JobName, next_in_minutes: i64, result: &str) -> (Job, DateTime<Utc>) {
        let now = DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let job = Job {
            name,
            last_run: Some(now - Duration::hours(1)),
            next_run: Some(now + Duration::minutes(next_in_minutes)),
            last_result: Some(result.into()),
        };
        (job, now)
    }

    #[test]
    fn expiring_authorizations_are_told_with_the_fix() {
        assert_eq!(expiring_notice(0, 7), None);
        let one = expiring_notice(1, 1).unwrap();
        assert!(
            one.starts_with("1 user's authorization expires within 1 day."),
            "{one}"
        );
        let many = expiring_notice(1_250, 7).unwrap();
        assert!(
            many.starts_with("1,250 users' authorization expires within 7 days"),
            "{many}"
        );
        assert!(many.ends_with(SIGN_IN_FIX));
        let (_, now) = job(JobName::TokenRefresh, 0, "SUCCEEDED");
        assert_eq!(
            token_expiry(now - Duration::days(2), now, 7),
            ("expired 2 days ago".to_owned(), true)
        );
        assert_eq!(
            token_expiry(now + Duration::days(5), now, 7),
            ("expires in 5 days".to_owned(), true)
        );
        assert_eq!(
            token_expiry(now + Duration::days(40), now, 7),
            ("expires in 40 days".to_owned(), false)
        );
    }

    #[test]
    fn a_late_or_failed_job_has_a_warning_in_the_seed_words() {
        let (j, now) = job(JobName::TokenRefresh, -120, "FAILED");
        let h = JobHealth::of(&j, now);
        assert_eq!(
            h,
            JobHealth {
                failed: true,
                overdue: true
            }
        );
        assert_eq!(h.label(), "Failed, overdue");
        let w = job_warning(j.name, h).unwrap();
        assert!(w.starts_with(
            "The Microsoft 365 Token Refresh Job scheduled process hasn't run for a long time: failed authorization icons will appear"
        ));
        assert!(w.contains("users must sign in to the add-in again"));

        let (j, now) = job(JobName::StandardSync, 5, "FAILED");
        let h = JobHealth::of(&j, now);
        assert_eq!((h.label(), h.is_ok()), ("Failed", false));
        assert!(job_warning(j.name, h)
            .unwrap()
            .contains("failed on its last run"));
    }

    #[test]
    fn a_job_starting_now_is_not_overdue_yet() {
        let (j, now) = job(JobName::InstantSync, -14, "SUCCEEDED");
        assert!(JobHealth::of(&j, now).is_ok());
        assert_eq!(job_warning(j.name, JobHealth::of(&j, now)), None);
        let (j, now) = job(JobName::InstantSync, -16, "SUCCEEDED");
        assert_eq!(JobHealth::of(&j, now).label(), "Overdue");
    }

    #[test]
    fn the_client_secret_warns_thirty_days_ahead_and_once_expired() {
        let now = DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(client_secret_warning(now + Duration::days(31), now), None);
        let soon = client_secret_warning(now + Duration::days(12), now).unwrap();
        assert!(
            soon.starts_with("The Microsoft client secret expires in 12 days"),
            "{soon}"
        );
        assert!(soon.ends_with(SECRET_FIX));
        let gone = client_secret_warning(now - Duration::hours(6), now).unwrap();
        assert!(
            gone.starts_with("The Microsoft client secret expired 6 h ago"),
            "{gone}"
        );
    }
}
