//! Users, their sync state and jobs, as the API sends them (transactions
//! are in `transactions`, actions in `actions`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A collection page (`GET /users`, `GET /users/{id}/transactions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Collection<T> {
    pub items: Vec<T>,
    pub count: u64,
    pub has_more: bool,
    pub limit: u64,
    pub offset: u64,
    /// Present when the request asked for `totalResults=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_results: Option<u64>,
}

/// An answer that is a plain list (`GET /jobs`, `GET /errorGroups`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Items<T> {
    pub items: Vec<T>,
}

/// Outcome of a user's most recent sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LastSyncStatus {
    Failed,
    NeverSynced,
    Succeeded,
    InProgress,
    Suspended,
    /// A status this console does not know yet.
    #[serde(other)]
    Unknown,
}

impl LastSyncStatus {
    pub const ALL: [LastSyncStatus; 5] = [
        LastSyncStatus::Failed,
        LastSyncStatus::NeverSynced,
        LastSyncStatus::Succeeded,
        LastSyncStatus::InProgress,
        LastSyncStatus::Suspended,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LastSyncStatus::Failed => "FAILED",
            LastSyncStatus::NeverSynced => "NEVER_SYNCED",
            LastSyncStatus::Succeeded => "SUCCEEDED",
            LastSyncStatus::InProgress => "IN_PROGRESS",
            LastSyncStatus::Suspended => "SUSPENDED",
            LastSyncStatus::Unknown => "UNKNOWN",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        LastSyncStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The label in the Last Sync column.
    pub fn label(self) -> &'static str {
        match self {
            LastSyncStatus::Failed => "Failed",
            LastSyncStatus::NeverSynced => "Never Synced",
            LastSyncStatus::Succeeded => "Succeeded",
            LastSyncStatus::InProgress => "In Progress",
            LastSyncStatus::Suspended => "Suspended",
            LastSyncStatus::Unknown => "Unknown",
        }
    }
}

/// Who wins when the same record changed on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConflictResolution {
    ServerWins,
    ClientWins,
    UserSelected,
    #[serde(other)]
    Unknown,
}

impl ConflictResolution {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictResolution::ServerWins => "SERVER_WINS",
            ConflictResolution::ClientWins => "CLIENT_WINS",
            ConflictResolution::UserSelected => "USER_SELECTED",
            ConflictResolution::Unknown => "UNKNOWN",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "SERVER_WINS" => ConflictResolution::ServerWins,
            "CLIENT_WINS" => ConflictResolution::ClientWins,
            "USER_SELECTED" => ConflictResolution::UserSelected,
            _ => ConflictResolution::Unknown,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ConflictResolution::ServerWins => "Server Wins",
            ConflictResolution::ClientWins => "Client Wins",
            ConflictResolution::UserSelected => "User Selected",
            ConflictResolution::Unknown => "Unknown",
        }
    }
}

/// The error of a user's last failed sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncError {
    pub code: String,
    pub message: String,
}

/// A user mapping and its sync state (`GET /users`, `GET /users/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: i64,
    /// The user name in the sales application.
    pub sales_user_name: String,
    /// The user's e-mail address in Microsoft 365.
    pub microsoft_email: String,
    pub last_sync_status: LastSyncStatus,
    #[serde(default)]
    pub last_sync_start: Option<DateTime<Utc>>,
    /// Total duration of the last sync: Microsoft 365, sales and internal
    /// processing time.
    #[serde(default)]
    pub last_sync_duration_ms: Option<u64>,
    pub sales_authorized: bool,
    pub microsoft_authorized: bool,
    pub using_next_gen: bool,
    pub sync_enabled: bool,
    pub active: bool,
    pub debug_logs: bool,
    #[serde(default)]
    pub last_error: Option<SyncError>,
    pub conflict_resolution: ConflictResolution,
    pub allow_user_override: bool,
    /// A full sync was requested and has not run yet.
    #[serde(default)]
    pub full_sync_requested: bool,
    /// When the user's Microsoft 365 token expires (the user must sign in
    /// to the add-in again after it); absent if the user never signed in.
    #[serde(default)]
    pub microsoft_token_expires_at: Option<DateTime<Utc>>,
    /// When the user's sales application token expires.
    #[serde(default)]
    pub sales_token_expires_at: Option<DateTime<Utc>>,
    /// Whether the latest Standard Sync run picked the user up.
    #[serde(default)]
    pub included_in_latest_sync: bool,
    /// Records of this user that failed to sync and have not synced since.
    #[serde(default)]
    pub outstanding_sync_errors: u64,
    /// Increases with every change; the ETag is derived from it.
    pub version: u64,
}

/// `PATCH /users/{id}`: the fields to change (at least one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserPatch {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present_string"
    )]
    pub microsoft_email: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present_string"
    )]
    pub sales_user_name: Option<String>,
}

/// A field that may be absent but, when given, is a string (`null` is not).
fn present_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    String::deserialize(d).map(Some)
}

/// `GET /users/ids`: every id matching a filter, for "select all".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserIds {
    pub ids: Vec<i64>,
    pub total_results: u64,
}

/// The scheduled processes behind the sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JobName {
    InstantSync,
    StandardSync,
    TokenRefresh,
    #[serde(other)]
    Unknown,
}

impl JobName {
    pub fn as_str(self) -> &'static str {
        match self {
            JobName::InstantSync => "INSTANT_SYNC",
            JobName::StandardSync => "STANDARD_SYNC",
            JobName::TokenRefresh => "TOKEN_REFRESH",
            JobName::Unknown => "UNKNOWN",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "INSTANT_SYNC" => JobName::InstantSync,
            "STANDARD_SYNC" => JobName::StandardSync,
            "TOKEN_REFRESH" => JobName::TokenRefresh,
            _ => JobName::Unknown,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            JobName::InstantSync => "Instant Sync",
            JobName::StandardSync => "Standard Sync",
            JobName::TokenRefresh => "Microsoft 365 Token Refresh",
            JobName::Unknown => "Unknown job",
        }
    }
}

/// Health of one scheduled sync job (`GET /jobs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub name: JobName,
    #[serde(default)]
    pub last_run: Option<DateTime<Utc>>,
    #[serde(default)]
    pub next_run: Option<DateTime<Utc>>,
    /// `SUCCEEDED` or `FAILED`; absent before the first run.
    #[serde(default)]
    pub last_result: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_user_and_tolerates_unknown_fields() {
        let json = r#"{"id":7,"salesUserName":"ALEX.KIM7","microsoftEmail":"alex.kim7@contoso.com",
            "lastSyncStatus":"FAILED","lastSyncStart":"2026-11-24T09:00:00Z","lastSyncDurationMs":83000,
            "salesAuthorized":true,"microsoftAuthorized":false,"usingNextGen":true,"syncEnabled":true,
            "active":true,"debugLogs":false,"lastError":{"code":"MS_TOKEN_EXPIRED","message":"m"},
            "conflictResolution":"CLIENT_WINS","allowUserOverride":true,"version":3,"futureField":1}"#;
        let u: User = serde_json::from_str(json).unwrap();
        assert_eq!(u.last_sync_status, LastSyncStatus::Failed);
        assert_eq!(u.last_sync_duration_ms, Some(83_000));
        assert_eq!(u.conflict_resolution, ConflictResolution::ClientWins);
        assert_eq!(u.last_error.unwrap().code, "MS_TOKEN_EXPIRED");
        assert!(!u.full_sync_requested);
    }

    #[test]
    fn unknown_enum_values_decode_as_unknown() {
        let s: LastSyncStatus = serde_json::from_str("\"QUEUED\"").unwrap();
        assert_eq!(s, LastSyncStatus::Unknown);
        let r: crate::TransactionResult = serde_json::from_str("\"PARTIAL\"").unwrap();
        assert_eq!(r, crate::TransactionResult::Unknown);
    }

    #[test]
    fn statuses_round_trip() {
        for s in LastSyncStatus::ALL {
            assert_eq!(LastSyncStatus::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
    }

    #[test]
    fn patches_reject_unknown_fields() {
        let p: UserPatch = serde_json::from_str(r#"{"microsoftEmail":"a@b.co"}"#).unwrap();
        assert_eq!(p.microsoft_email.as_deref(), Some("a@b.co"));
        assert!(serde_json::from_str::<UserPatch>(r#"{"email":"a@b.co"}"#).is_err());
        assert!(serde_json::from_str::<UserPatch>(r#"{"salesUserName":null}"#).is_err());
        assert_eq!(
            serde_json::from_str::<UserPatch>("{}").unwrap(),
            UserPatch::default()
        );
    }

    #[test]
    fn decodes_a_collection_page() {
        let json = r#"{"items":[],"count":0,"hasMore":false,"limit":25,"offset":0}"#;
        let c: Collection<User> = serde_json::from_str(json).unwrap();
        assert_eq!(c.total_results, None);
    }
}
