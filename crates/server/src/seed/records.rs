//! What the seeder adds for the sync engine's depth (`ZPS_USERS` token
//! expiries, `ZPS_SYNC_USAGES` per-direction figures, `ZPS_SYNC_ERRORS`),
//! drawn from its own random stream so the users and histories of a seed
//! stay what they were before these existed.

use sync_monitor_core::{
    Direction, LastSyncStatus, MessageType, ObjectType, Operation, SyncType, TransactionResult,
};

use super::words::{FIRST, LAST};
use super::Rng;
use crate::db::{NewRecordError, NewTransaction, NewUser};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// Sets when each side's token expires and whether the latest Standard
/// Sync run (at `standard_run_ms`) picked the user up: an authorized side
/// expires in the coming weeks (a few within a week), most unauthorized
/// sides expired in the last month, the rest never signed in.
pub fn tokens(rng: &mut Rng, u: &mut NewUser, now_ms: i64, standard_run_ms: i64) {
    let mut expiry = |authorized: bool| {
        if authorized {
            Some(if rng.chance(25) {
                now_ms + HOUR_MS + rng.below(6 * DAY_MS as u64) as i64
            } else {
                now_ms + 8 * DAY_MS + rng.below(82 * DAY_MS as u64) as i64
            })
        } else if rng.chance(750) {
            Some(now_ms - HOUR_MS - rng.below(30 * DAY_MS as u64) as i64)
        } else {
            None
        }
    };
    u.microsoft_token_expires_at = expiry(u.microsoft_authorized);
    u.sales_token_expires_at = expiry(u.sales_authorized);
    let valid = |t: Option<i64>| t.is_some_and(|t| t > standard_run_ms);
    u.included_in_latest_sync = u.sync_enabled
        && u.active
        && u.last_sync_status != LastSyncStatus::Suspended
        && valid(u.microsoft_token_expires_at)
        && valid(u.sales_token_expires_at);
}

/// Fills a user's history (oldest first) with each direction's duration
/// and the records that failed: a few per failure that stopped part way,
/// now and then one the user must fix. System errors are resolved by the
/// next sync that did not fail; user errors older than two weeks were
/// fixed, newer ones are outstanding.
pub fn fill(rng: &mut Rng, history: &mut [NewTransaction], now_ms: i64) {
    let mut pending: Vec<(usize, usize)> = Vec::new();
    for i in 0..history.len() {
        let t = &mut history[i];
        t.up_sync_duration_ms = t.sales_duration_ms * (60 + rng.below(35) as i64) / 100;
        t.down_sync_duration_ms = t.microsoft365_duration_ms * (60 + rng.below(35) as i64) / 100;
        if t.result != TransactionResult::Failed {
            let end = t.sync_end;
            for (ti, ei) in pending.drain(..) {
                history[ti].record_errors[ei].resolved_at = Some(end);
            }
        }
        let t = &mut history[i];
        let system = t.error_code.and_then(system_failure);
        let count = if system.is_some() {
            1 + rng.below(3) as usize
        } else {
            usize::from(t.error_code.is_none() && rng.chance(6))
        };
        for _ in 0..count {
            let e = match system {
                Some(kind) => record(rng, kind, t.sync_start),
                None => {
                    let kind = user_failure(rng);
                    let mut e = record(rng, kind, t.sync_start);
                    if t.sync_start < now_ms - 14 * DAY_MS {
                        e.resolved_at =
                            Some(t.sync_start + DAY_MS + rng.below(4 * DAY_MS as u64) as i64);
                    }
                    e
                }
            };
            if e.message_type == MessageType::System {
                pending.push((i, t.record_errors.len()));
            }
            t.record_errors.push(e);
        }
    }
}

/// A failure the engine records per record.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Throttled,
    SalesUnavailable,
    MailboxGone,
    RecurringSeries,
    MalformedEmail,
    EmailTooLarge,
}

/// The record-level kind of a transaction's failure, if the sync got as
/// far as the records (a token failure stops it before any).
fn system_failure(code: &str) -> Option<Kind> {
    match code {
        "MS_THROTTLED" => Some(Kind::Throttled),
        "SALES_SERVICE_ERROR" => Some(Kind::SalesUnavailable),
        "MAILBOX_NOT_FOUND" => Some(Kind::MailboxGone),
        _ => None,
    }
}

fn user_failure(rng: &mut Rng) -> Kind {
    rng.pick(&[
        Kind::RecurringSeries,
        Kind::MalformedEmail,
        Kind::EmailTooLarge,
    ])
}

const APPOINTMENTS: &[&str] = &[
    "Quarterly business review",
    "Weekly pipeline sync",
    "Renewal negotiation",
    "Product demo",
    "Onboarding call",
    "Territory planning",
];
const TASKS: &[&str] = &[
    "Send revised quote",
    "Follow up on proposal",
    "Update opportunity forecast",
    "Prepare contract draft",
];
const EMAILS: &[&str] = &[
    "RE: Signed contract and appendices",
    "Proposal with product brochures",
    "FW: Site survey photos",
];

/// One failed record of `kind` at `at`.
fn record(rng: &mut Rng, kind: Kind, at: i64) -> NewRecordError {
    use Direction::{DownSync, UpSync};
    use ObjectType::{Appointment, Contact, Email, Task};
    use Operation::{Create, Update};
    let object = match kind {
        Kind::Throttled | Kind::MailboxGone => rng.pick(&[Appointment, Contact, Task]),
        Kind::SalesUnavailable => rng.pick(&[Appointment, Contact, Task, Email]),
        Kind::RecurringSeries => Appointment,
        Kind::MalformedEmail => Contact,
        Kind::EmailTooLarge => Email,
    };
    let name = match object {
        Contact => format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
        Task => rng.pick(TASKS).to_owned(),
        Email => rng.pick(EMAILS).to_owned(),
        _ => rng.pick(APPOINTMENTS).to_owned(),
    };
    let (direction, operation, message) = match kind {
        Kind::Throttled => (
            DownSync,
            rng.pick(&[Create, Update]),
            "Microsoft Graph throttled the request (HTTP 429 Too Many Requests); the record \
             will be retried in the next sync."
                .to_owned(),
        ),
        Kind::MailboxGone => (
            DownSync,
            Create,
            "Microsoft Graph answered ErrorNonExistentMailbox: the user's mailbox was not found."
                .to_owned(),
        ),
        Kind::SalesUnavailable => (
            UpSync,
            rng.pick(&[Create, Update]),
            "The sales application REST service answered 503 Service Unavailable.".to_owned(),
        ),
        Kind::RecurringSeries => (
            UpSync,
            Create,
            format!(
                "The recurring series has {} occurrences; the sales application accepts at most \
                 999 occurrences in a series. Shorten the series in Outlook.",
                1_000 + rng.below(2_000)
            ),
        ),
        Kind::MalformedEmail => {
            let address = format!("{}@@{}", name.to_lowercase().replace(' ', "."), "contoso");
            (
                UpSync,
                Create,
                format!(
                    "The sales application rejected the contact: the email address '{address}' \
                     is not valid. Correct it in Outlook."
                ),
            )
        }
        Kind::EmailTooLarge => (
            UpSync,
            Create,
            format!(
                "The email is {} MB; the sales application files emails up to 25 MB. Remove \
                 attachments or file it without them.",
                26 + rng.below(40)
            ),
        ),
    };
    let user = matches!(
        kind,
        Kind::RecurringSeries | Kind::MalformedEmail | Kind::EmailTooLarge
    );
    // A record created on one side exists only there.
    let in_sales = !(direction == UpSync && operation == Create);
    let in_microsoft = !(direction == DownSync && operation == Create);
    let sales_id = 300_000_000_000_000 + rng.below(1_000_000_000) as i64;
    NewRecordError {
        sync_type: match (object, user) {
            (Email, _) => SyncType::Email,
            (_, false) if rng.chance(300) => SyncType::Instant,
            _ => SyncType::Standard,
        },
        message_type: if user {
            MessageType::User
        } else {
            MessageType::System
        },
        direction,
        object_type: object,
        operation,
        sales_record_id: in_sales.then_some(sales_id),
        sales_record_number: in_sales.then(|| format!("CDRM_{}", sales_id % 10_000_000)),
        microsoft_id: in_microsoft.then(|| format!("AAMkAD{:016X}", rng.next_u64())),
        record_name: name,
        message,
        occurred_at: at + rng.below(60_000) as i64,
        resolved_at: None,
    }
}
