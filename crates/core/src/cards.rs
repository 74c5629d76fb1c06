//! The information cards: their labels, what each counts, and how each is
//! named in the console's URL (`?card=…`).

use crate::Summary;

/// One status card on the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusCard {
    LastSyncFailed,
    NeverSynced,
    LastSyncSucceeded,
    InProgress,
    SyncDisabled,
    ExpiredAuthorizations,
    OutstandingSyncErrors,
}

impl StatusCard {
    /// In display order.
    pub const ALL: [StatusCard; 7] = [
        StatusCard::LastSyncFailed,
        StatusCard::NeverSynced,
        StatusCard::LastSyncSucceeded,
        StatusCard::InProgress,
        StatusCard::SyncDisabled,
        StatusCard::ExpiredAuthorizations,
        StatusCard::OutstandingSyncErrors,
    ];

    /// The card's label (the seed's words).
    pub fn label(self) -> &'static str {
        match self {
            StatusCard::LastSyncFailed => "Last Sync Failed",
            StatusCard::NeverSynced => "Never Synced",
            StatusCard::LastSyncSucceeded => "Last Sync Succeeded",
            StatusCard::InProgress => "In Progress",
            StatusCard::SyncDisabled => "Sync Disabled",
            StatusCard::ExpiredAuthorizations => "Expired Authorizations",
            StatusCard::OutstandingSyncErrors => "Outstanding Sync Errors",
        }
    }

    /// What the count means, for the card's description.
    pub fn description(self) -> &'static str {
        match self {
            StatusCard::LastSyncFailed => {
                "Users whose data didn't sync in the most recently run sync job"
            }
            StatusCard::NeverSynced => {
                "Users whose data never synced since the add-in was installed"
            }
            StatusCard::LastSyncSucceeded => "Users whose data synced successfully",
            StatusCard::InProgress => "Users with a sync running now",
            StatusCard::SyncDisabled => "Users whose sync an administrator disabled",
            StatusCard::ExpiredAuthorizations => {
                "Users whose Microsoft 365 or sales token expired: they must sign in to the \
                 add-in again"
            }
            StatusCard::OutstandingSyncErrors => {
                "Users with records (appointments, contacts, tasks, emails) that failed to sync \
                 and haven't synced since"
            }
        }
    }

    /// The card's value in the URL query (`?card=failed`).
    pub fn slug(self) -> &'static str {
        match self {
            StatusCard::LastSyncFailed => "failed",
            StatusCard::NeverSynced => "never-synced",
            StatusCard::LastSyncSucceeded => "succeeded",
            StatusCard::InProgress => "in-progress",
            StatusCard::SyncDisabled => "sync-disabled",
            StatusCard::ExpiredAuthorizations => "expired-authorizations",
            StatusCard::OutstandingSyncErrors => "sync-errors",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        StatusCard::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// The card's count in a summary.
    pub fn count(self, s: &Summary) -> u64 {
        match self {
            StatusCard::LastSyncFailed => s.last_sync_failed,
            StatusCard::NeverSynced => s.never_synced,
            StatusCard::LastSyncSucceeded => s.last_sync_succeeded,
            StatusCard::InProgress => s.in_progress,
            StatusCard::SyncDisabled => s.sync_disabled,
            StatusCard::ExpiredAuthorizations => s.expired_authorizations,
            StatusCard::OutstandingSyncErrors => s.outstanding_sync_errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ApplicationPermission, PermissionStatus};

    #[test]
    fn slugs_round_trip_and_are_distinct() {
        for c in StatusCard::ALL {
            assert_eq!(StatusCard::from_slug(c.slug()), Some(c));
        }
        assert_eq!(StatusCard::from_slug("FAILED"), None);
        assert_eq!(StatusCard::from_slug(""), None);
    }

    #[test]
    fn each_card_reads_its_own_count() {
        let s = Summary {
            last_sync_failed: 1,
            never_synced: 2,
            last_sync_succeeded: 3,
            in_progress: 4,
            sync_disabled: 5,
            total_users: 15,
            expired_authorizations: 6,
            expiring_authorizations: 9,
            expiring_within_days: 7,
            outstanding_sync_errors: 7,
            application_permission: ApplicationPermission {
                status: PermissionStatus::Active,
                error: None,
                client_secret_expires_at: None,
            },
        };
        let counts: Vec<u64> = StatusCard::ALL.iter().map(|c| c.count(&s)).collect();
        assert_eq!(counts, [1, 2, 3, 4, 5, 6, 7]);
        let labels: Vec<&str> = StatusCard::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(
            labels,
            [
                "Last Sync Failed",
                "Never Synced",
                "Last Sync Succeeded",
                "In Progress",
                "Sync Disabled",
                "Expired Authorizations",
                "Outstanding Sync Errors"
            ]
        );
    }
}
