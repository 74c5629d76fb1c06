//! The user actions (`POST /users/actions`): what each is called, which
//! users it applies to, and the one confirmation text both menus (the list
//! and a user's details) show before running it.

use serde::{Deserialize, Serialize};

use crate::format::{count, plural};
use crate::query::UserFilter;
use crate::users::LastSyncStatus;

/// A bulk action (`POST /users/actions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UserAction {
    SuspendSync,
    DisableSync,
    EnableSync,
    DeleteUser,
    RunFullSync,
    EnableDebugLogs,
    DisableDebugLogs,
}

impl UserAction {
    pub fn label(self) -> &'static str {
        match self {
            UserAction::SuspendSync => "Suspend Sync",
            UserAction::DisableSync => "Disable Sync",
            UserAction::EnableSync => "Enable Sync",
            UserAction::DeleteUser => "Delete User",
            UserAction::RunFullSync => "Run Full Sync",
            UserAction::EnableDebugLogs => "Enable Debug Logs",
            UserAction::DisableDebugLogs => "Disable Debug Logs",
        }
    }
}

/// Most user ids one action request may carry.
pub const MAX_ACTION_IDS: usize = 1_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionRequest {
    pub action: UserAction,
    #[serde(deserialize_with = "user_ids")]
    pub user_ids: Vec<i64>,
}

/// A JSON integer as JSON Schema's `integer` reads one: `12` or `12.0`
/// (a number with no fraction), within `i64`.
struct WholeNumber(i64);

impl<'de> Deserialize<'de> for WholeNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = WholeNumber;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a 64-bit integer")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<WholeNumber, E> {
                Ok(WholeNumber(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<WholeNumber, E> {
                i64::try_from(v)
                    .map(WholeNumber)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<WholeNumber, E> {
                // 2^63 is the first f64 past i64::MAX.
                if v.fract() == 0.0
                    && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&v)
                {
                    Ok(WholeNumber(v as i64))
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Float(v), &self))
                }
            }
        }
        d.deserialize_any(Visitor)
    }
}

fn user_ids<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<i64>, D::Error> {
    let ids = Vec::<WholeNumber>::deserialize(d)?;
    Ok(ids.into_iter().map(|n| n.0).collect())
}

/// What happened to one user of an action request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionResult {
    pub user_id: i64,
    /// The user's sales user name (absent when the user does not exist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sales_user_name: Option<String>,
    /// True when the action applied (or the user was already in the
    /// requested state).
    pub succeeded: bool,
    /// Why it did not apply, or a note when nothing needed to change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionResponse {
    pub action: UserAction,
    pub succeeded: u64,
    pub failed: u64,
    pub results: Vec<ActionResult>,
}

/// Who an action is about to run on, for its confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// One user, by name (a user's details page).
    Named(&'a str),
    /// `selected` users of the list, `applicable` of whom the action
    /// applies to (`None` while that is being asked).
    Selection {
        selected: usize,
        applicable: Option<usize>,
    },
}

/// Actions on more users than this are confirmed first.
pub const CONFIRM_ABOVE: usize = 100;

impl UserAction {
    /// The users the action applies to, as a filter, and that rule in
    /// words; `None` when it applies to every user.
    pub fn applies_to(self) -> Option<(UserFilter, &'static str)> {
        let (filter, rule) = match self {
            UserAction::SuspendSync => (
                UserFilter {
                    last_sync: vec![LastSyncStatus::InProgress],
                    ..UserFilter::default()
                },
                "Suspend Sync applies only to users whose sync is in progress",
            ),
            UserAction::EnableSync => (
                UserFilter {
                    sync_enabled: Some(false),
                    ..UserFilter::default()
                },
                "Enable Sync applies only to users whose sync is disabled",
            ),
            UserAction::DisableSync => (
                UserFilter {
                    sync_enabled: Some(true),
                    ..UserFilter::default()
                },
                "Disable Sync applies only to users whose sync is enabled",
            ),
            _ => return None,
        };
        Some((filter, rule))
    }

    /// Whether running it on `selected` users asks first.
    pub fn needs_confirmation(self, selected: usize) -> bool {
        matches!(self, UserAction::DeleteUser | UserAction::DisableSync) || selected > CONFIRM_ABOVE
    }

    /// The label of the button that confirms it.
    pub fn confirm_label(self) -> &'static str {
        match self {
            UserAction::DeleteUser => "Delete",
            other => other.label(),
        }
    }

    /// The confirmation's title.
    pub fn confirm_title(self, target: Target) -> &'static str {
        match (self, target) {
            (UserAction::DeleteUser, Target::Named(_) | Target::Selection { selected: 1, .. }) => {
                "Delete user"
            }
            (UserAction::DeleteUser, _) => "Delete users",
            (UserAction::DisableSync, _) => "Disable sync",
            (UserAction::SuspendSync, _) => "Suspend sync",
            (UserAction::EnableSync, _) => "Enable sync",
            (other, _) => other.label(),
        }
    }

    /// What the confirmation says: whom it runs on and what follows.
    pub fn confirmation(self, target: Target) -> String {
        let users = |n: usize| plural(n as u64, "user", "users");
        let (who, rule) = match target {
            Target::Named(name) => (name.to_owned(), String::new()),
            Target::Selection {
                selected,
                applicable: None,
            } => {
                return format!(
                    "{} for {}? Checking which of them it applies to…",
                    self.label(),
                    users(selected)
                )
            }
            Target::Selection {
                selected: n,
                applicable: Some(k),
            } => {
                let scope = self.applies_to().map(|(_, rule)| rule);
                if k == 0 {
                    return format!(
                        "{}; of the {} selected, none qualifies, so there is nothing to do.",
                        scope.unwrap_or("This action applies to none of the selected users"),
                        users(n)
                    );
                }
                let who = if k == n {
                    users(n)
                } else {
                    format!("{} of the {} selected", count(k as u64), users(n))
                };
                let rule = match scope {
                    Some(rule) if k < n => format!(
                        " {rule}; the other {} {} left as they are.",
                        count((n - k) as u64),
                        if n - k == 1 { "is" } else { "are" }
                    ),
                    _ => String::new(),
                };
                (who, rule)
            }
        };
        match self {
            UserAction::DeleteUser => format!(
                "Delete {who}? This removes only the mapping and its sync history from this \
                 monitor; the user is not deleted from the sales application. A deleted user \
                 appears again after signing in to the add-in."
            ),
            UserAction::DisableSync => format!(
                "Disable sync for {who}?{rule} Their data stops syncing until you {}choose Enable \
                 Sync.",
                if matches!(target, Target::Named(_)) {
                    ""
                } else {
                    "select them and "
                }
            ),
            UserAction::EnableSync => format!("Enable sync for {who}?{rule}"),
            UserAction::SuspendSync => format!("Suspend the sync in progress for {who}?{rule}"),
            other => format!("{} for {who}?", other.label()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_requests_reject_unknown_actions_and_fields() {
        let ok: ActionRequest =
            serde_json::from_str(r#"{"action":"DISABLE_SYNC","userIds":[1,2]}"#).unwrap();
        assert_eq!(ok.action, UserAction::DisableSync);
        assert!(
            serde_json::from_str::<ActionRequest>(r#"{"action":"EXPLODE","userIds":[1]}"#).is_err()
        );
        assert!(serde_json::from_str::<ActionRequest>(
            r#"{"action":"ENABLE_SYNC","userIds":[1],"x":1}"#
        )
        .is_err());
        assert!(serde_json::from_str::<ActionRequest>(
            r#"{"action":"ENABLE_SYNC","userIds":["1"]}"#
        )
        .is_err());
        // JSON Schema's integers include 12.0; fractions and overflow do not.
        let whole: ActionRequest =
            serde_json::from_str(r#"{"action":"ENABLE_SYNC","userIds":[12.0,1e3,-3]}"#).unwrap();
        assert_eq!(whole.user_ids, [12, 1000, -3]);
        for bad in ["1.5", "9223372036854775808", "9.3e18", "null", "true"] {
            let json = format!(r#"{{"action":"ENABLE_SYNC","userIds":[{bad}]}}"#);
            assert!(
                serde_json::from_str::<ActionRequest>(&json).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn confirmations_say_whom_an_action_applies_to() {
        let sel = |selected, applicable| Target::Selection {
            selected,
            applicable,
        };
        assert_eq!(
            UserAction::SuspendSync.confirmation(sel(1657, Some(12))),
            "Suspend the sync in progress for 12 of the 1,657 users selected? Suspend Sync \
             applies only to users whose sync is in progress; the other 1,645 are left as they are."
        );
        assert_eq!(
            UserAction::SuspendSync.confirmation(sel(1, Some(0))),
            "Suspend Sync applies only to users whose sync is in progress; of the 1 user \
             selected, none qualifies, so there is nothing to do."
        );
        assert!(UserAction::DisableSync
            .confirmation(sel(1, Some(1)))
            .starts_with("Disable sync for 1 user? Their data stops syncing"));
        // On a user's details page: no selection to speak of.
        assert_eq!(
            UserAction::DisableSync.confirmation(Target::Named("ADA")),
            "Disable sync for ADA? Their data stops syncing until you choose Enable Sync."
        );
        assert_eq!(UserAction::DeleteUser.confirm_label(), "Delete");
        assert_eq!(UserAction::DisableSync.confirm_label(), "Disable Sync");
        assert!(UserAction::DeleteUser
            .confirmation(Target::Named("ADA"))
            .starts_with("Delete ADA? This removes only the mapping"));
        assert_eq!(
            UserAction::DeleteUser.confirm_title(sel(2, Some(2))),
            "Delete users"
        );
        // One user selected: the title says one, as the question does.
        assert_eq!(
            UserAction::DeleteUser.confirm_title(sel(1, Some(1))),
            "Delete user"
        );
        assert!(UserAction::EnableSync.needs_confirmation(101));
        assert!(!UserAction::EnableSync.needs_confirmation(100));
        assert!(UserAction::DeleteUser.needs_confirmation(1));
        assert!(UserAction::RunFullSync.applies_to().is_none());
    }
}
