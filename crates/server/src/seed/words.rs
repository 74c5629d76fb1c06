//! The seeder's word lists: names, and the failure reasons seen in the
//! field with the authorization flags each implies.

use sync_monitor_core::ConflictResolution;

use super::Rng;

pub const FIRST: &[&str] = &[
    "Aaliyah",
    "Aarav",
    "Adele",
    "Ahmed",
    "Aiko",
    "Alejandro",
    "Alex",
    "Amara",
    "Ana",
    "Andrei",
    "Anika",
    "Arjun",
    "Beatriz",
    "Ben",
    "Carla",
    "Chen",
    "Chloe",
    "Daniel",
    "Dmitri",
    "Elena",
    "Emeka",
    "Emma",
    "Fatima",
    "Felix",
    "Grace",
    "Hana",
    "Hiro",
    "Ines",
    "Isaac",
    "Jamal",
    "Jana",
    "Jin",
    "Jonas",
    "Kai",
    "Keisha",
    "Lars",
    "Layla",
    "Leo",
    "Lucia",
    "Maya",
    "Mei",
    "Mohammed",
    "Nadia",
    "Nikhil",
    "Nora",
    "Olga",
    "Omar",
    "Priya",
    "Rafael",
    "Sara",
    "Sofia",
    "Tariq",
    "Thandiwe",
    "Tomas",
    "Valentina",
    "Wei",
    "Yara",
    "Yusuf",
    "Zoe",
    "Zoltan",
];

pub const LAST: &[&str] = &[
    "Abe",
    "Adeyemi",
    "Alvarez",
    "Andersen",
    "Bauer",
    "Becker",
    "Chandra",
    "Costa",
    "Dubois",
    "Eriksson",
    "Fernandes",
    "Fischer",
    "Garcia",
    "Gupta",
    "Haddad",
    "Hansen",
    "Ivanova",
    "Jensen",
    "Kim",
    "Kowalski",
    "Kumar",
    "Larsen",
    "Lee",
    "Lopez",
    "Martin",
    "Meyer",
    "Moreau",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Okafor",
    "Olsen",
    "Patel",
    "Petrov",
    "Quinn",
    "Rossi",
    "Sato",
    "Schmidt",
    "Silva",
    "Singh",
    "Tanaka",
    "Taylor",
    "Thompson",
    "Van Dijk",
    "Wagner",
    "Wang",
    "Williams",
    "Yilmaz",
    "Zhang",
    "Zimmermann",
];

/// Failure reasons seen in the field, with the authorization flags each
/// implies and how common each is: (code, message, sales authorized,
/// Microsoft authorized, weight in percent). Groups of very different
/// sizes, as in the field: throttling and expired Microsoft sign-ins
/// dominate, a missing mailbox is rare.
pub type Failure = (&'static str, &'static str, bool, bool, u64);

pub const FAILURES: &[Failure] = &[
    (
        "MS_TOKEN_EXPIRED",
        "The Microsoft 365 refresh token expired; the user must sign in to the add-in again.",
        true,
        false,
        31,
    ),
    (
        "SALES_TOKEN_REFRESH_FAILED",
        "The sales application token could not be refreshed; the user must sign in to the add-in again.",
        false,
        true,
        9,
    ),
    (
        "MAILBOX_NOT_FOUND",
        "The Microsoft 365 mailbox for this user was not found.",
        true,
        true,
        3,
    ),
    (
        "MS_THROTTLED",
        "Microsoft Graph throttled the requests (HTTP 429); the sync will be retried.",
        true,
        true,
        44,
    ),
    (
        "SALES_SERVICE_ERROR",
        "The sales application REST service answered 503 Service Unavailable.",
        true,
        true,
        13,
    ),
];

/// A failure reason drawn by its weight (one draw, as `pick` makes).
pub fn failure(rng: &mut Rng) -> Failure {
    let total: u64 = FAILURES.iter().map(|f| f.4).sum();
    let mut roll = rng.below(total);
    for &f in FAILURES {
        if roll < f.4 {
            return f;
        }
        roll -= f.4;
    }
    FAILURES[0]
}

pub const CONFLICT: &[ConflictResolution] = &[
    ConflictResolution::ServerWins,
    ConflictResolution::ServerWins,
    ConflictResolution::ClientWins,
    ConflictResolution::UserSelected,
];
