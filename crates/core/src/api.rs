//! Types of the monitor REST API (`/api/monitor/v1`), as published in
//! `openapi.yaml`. Field names follow the JSON (camelCase); unknown fields
//! are ignored so that a newer server never breaks an older console, and
//! unknown enum values decode to an explicit `Unknown` variant where the
//! console can still show something sensible.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Base path of the monitor API, relative to the server root.
pub const API_BASE_PATH: &str = "/api/monitor/v1";

/// `GET /summary`: the counts behind the information cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Users whose most recent sync failed.
    pub last_sync_failed: u64,
    /// Users whose data never synced since the add-in was installed.
    pub never_synced: u64,
    /// Users whose most recent sync succeeded.
    pub last_sync_succeeded: u64,
    /// Users with a sync running now.
    pub in_progress: u64,
    /// Users whose sync an administrator disabled.
    pub sync_disabled: u64,
    /// All mapped users.
    pub total_users: u64,
    /// Users with an expired Microsoft 365 or sales token.
    pub expired_authorizations: u64,
    /// Users with a token expiring within `expiring_within_days`.
    pub expiring_authorizations: u64,
    pub expiring_within_days: u32,
    /// Users with outstanding record-level sync errors.
    pub outstanding_sync_errors: u64,
    pub application_permission: ApplicationPermission,
}

/// `GET /errorGroups`: users whose last sync failed, grouped by the code
/// of their last sync error, largest group first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorGroup {
    /// The error code shared by the group (`errorCode` filter value).
    pub code: String,
    /// How many users' last sync failed with it.
    pub count: u64,
    /// The most frequent message among them.
    pub message: String,
}

/// `GET /syncStats`: sync outcomes per day over the last `days` days, in
/// the administrator's days (`utcOffsetMinutes`), oldest first, today last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncStats {
    pub days: u32,
    pub utc_offset_minutes: i32,
    pub items: Vec<DayStats>,
}

/// The transactions that started on one day, by result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayStats {
    /// The day, e.g. `2026-11-25`.
    pub date: chrono::NaiveDate,
    pub succeeded: u64,
    pub failed: u64,
    pub with_conflicts: u64,
}

impl DayStats {
    pub fn total(&self) -> u64 {
        self.succeeded + self.failed + self.with_conflicts
    }
}

/// The Application Permission Details card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationPermission {
    pub status: PermissionStatus,
    /// Present when `status` is `INACTIVE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<PermissionError>,
    /// When the Microsoft client secret of the permission expires; absent
    /// when application permissions are not enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret_expires_at: Option<DateTime<Utc>>,
}

/// Whether application permissions are enabled and working.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PermissionStatus {
    /// Application permissions are not enabled for this customer.
    NotEnabled,
    /// Enabled, and the application permission token is authorized.
    Active,
    /// Enabled, but in error: sync falls back to delegated permissions.
    Inactive,
    /// A status this console does not know yet.
    #[serde(other)]
    Unknown,
}

impl PermissionStatus {
    /// The label shown on the card (the seed's words).
    pub fn label(self) -> &'static str {
        match self {
            PermissionStatus::NotEnabled => "Not Enabled",
            PermissionStatus::Active => "Active",
            PermissionStatus::Inactive => "Inactive",
            PermissionStatus::Unknown => "Unknown",
        }
    }

    /// The wire value (`NOT_ENABLED`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            PermissionStatus::NotEnabled => "NOT_ENABLED",
            PermissionStatus::Active => "ACTIVE",
            PermissionStatus::Inactive => "INACTIVE",
            PermissionStatus::Unknown => "UNKNOWN",
        }
    }

    /// Parses a wire value; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "NOT_ENABLED" => Some(PermissionStatus::NotEnabled),
            "ACTIVE" => Some(PermissionStatus::Active),
            "INACTIVE" => Some(PermissionStatus::Inactive),
            _ => None,
        }
    }
}

/// The error behind an `INACTIVE` application permission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionError {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub detail: String,
    pub occurred_at: DateTime<Utc>,
}

/// The error format of every 4xx/5xx answer (Oracle Fusion REST style).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    pub title: String,
    pub status: u16,
    #[serde(rename = "o:errorDetails", default)]
    pub error_details: Vec<ErrorDetail>,
}

/// One entry of `o:errorDetails`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub detail: String,
    #[serde(rename = "o:errorCode")]
    pub error_code: String,
    /// The request field the detail is about (e.g. `microsoftEmail`).
    #[serde(
        rename = "o:errorPath",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub error_path: Option<String>,
}

/// Every error code the monitor API answers with (`o:errorCode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// no valid bearer token.
    Unauthorized,
    /// no such resource.
    NotFound,
    /// the server failed; nothing was changed.
    Internal,
    /// the body is over the size limit.
    BodyTooLarge,
    /// the body is not JSON.
    UnsupportedMediaType,
    /// the body does not decode or breaks a rule.
    InvalidBody,
    /// a query parameter is unknown or invalid.
    InvalidParameter,
    /// a field of the body is invalid (`o:errorPath` names it).
    InvalidField,
    /// no `Idempotency-Key` header.
    IdempotencyKeyRequired,
    /// the key was used for another request.
    IdempotencyKeyReused,
    /// no `If-Match` header.
    PreconditionRequired,
    /// `If-Match` is stale.
    PreconditionFailed,
    /// the Microsoft account is mapped to another user.
    EmailTaken,
    /// the method is not allowed on the path.
    MethodNotAllowed,
    /// an injected test fault.
    Fault,
    /// a test-control request is invalid.
    InvalidControl,
    /// the test control found no running sync.
    NotRunning,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 17] = [
        ErrorCode::Unauthorized,
        ErrorCode::NotFound,
        ErrorCode::Internal,
        ErrorCode::BodyTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::InvalidBody,
        ErrorCode::InvalidParameter,
        ErrorCode::InvalidField,
        ErrorCode::IdempotencyKeyRequired,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::PreconditionRequired,
        ErrorCode::PreconditionFailed,
        ErrorCode::EmailTaken,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Fault,
        ErrorCode::InvalidControl,
        ErrorCode::NotRunning,
    ];

    /// The code on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthorized => "SM-AUTH-001",
            ErrorCode::NotFound => "SM-NOT-FOUND",
            ErrorCode::Internal => "SM-INTERNAL",
            ErrorCode::BodyTooLarge => "SM-BODY-TOO-LARGE",
            ErrorCode::UnsupportedMediaType => "SM-UNSUPPORTED-MEDIA-TYPE",
            ErrorCode::InvalidBody => "SM-INVALID-BODY",
            ErrorCode::InvalidParameter => "SM-INVALID-PARAMETER",
            ErrorCode::InvalidField => "SM-INVALID-FIELD",
            ErrorCode::IdempotencyKeyRequired => "SM-IDEMPOTENCY-KEY-REQUIRED",
            ErrorCode::IdempotencyKeyReused => "SM-IDEMPOTENCY-KEY-REUSED",
            ErrorCode::PreconditionRequired => "SM-PRECONDITION-REQUIRED",
            ErrorCode::PreconditionFailed => "SM-PRECONDITION-FAILED",
            ErrorCode::EmailTaken => "SM-EMAIL-TAKEN",
            ErrorCode::MethodNotAllowed => "SM-METHOD-NOT-ALLOWED",
            ErrorCode::Fault => "SM-FAULT",
            ErrorCode::InvalidControl => "SM-INVALID",
            ErrorCode::NotRunning => "SM-NOT-RUNNING",
        }
    }
}

impl ApiErrorBody {
    /// An error body with one detail.
    pub fn new(status: u16, title: &str, code: ErrorCode, detail: impl Into<String>) -> Self {
        ApiErrorBody {
            title: title.to_owned(),
            status,
            error_details: vec![ErrorDetail {
                detail: detail.into(),
                error_code: code.as_str().to_owned(),
                error_path: None,
            }],
        }
    }

    /// The detail about request field `path`, if any.
    pub fn detail_for(&self, path: &str) -> Option<&str> {
        self.error_details
            .iter()
            .find(|d| d.error_path.as_deref() == Some(path))
            .map(|d| d.detail.as_str())
    }

    /// The details joined into one sentence for display.
    pub fn message(&self) -> String {
        let details: Vec<&str> = self
            .error_details
            .iter()
            .map(|d| d.detail.as_str())
            .filter(|d| !d.is_empty())
            .collect();
        if details.is_empty() {
            self.title.clone()
        } else {
            details.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUMMARY_INACTIVE: &str = r#"{
        "lastSyncFailed": 812,
        "neverSynced": 430,
        "lastSyncSucceeded": 8391,
        "inProgress": 121,
        "syncDisabled": 246,
        "totalUsers": 10000,
        "expiredAuthorizations": 140,
        "expiringAuthorizations": 320,
        "expiringWithinDays": 7,
        "outstandingSyncErrors": 655,
        "applicationPermission": {
            "status": "INACTIVE",
            "error": {
                "code": "AADSTS7000215",
                "message": "Invalid client secret provided.",
                "detail": "The client secret of the application registration expired.",
                "occurredAt": "2026-11-24T08:15:00Z"
            }
        }
    }"#;

    #[test]
    fn decodes_a_real_summary_payload() {
        let s: Summary = serde_json::from_str(SUMMARY_INACTIVE).unwrap();
        assert_eq!(s.last_sync_failed, 812);
        assert_eq!(s.never_synced, 430);
        assert_eq!(s.last_sync_succeeded, 8391);
        assert_eq!(s.in_progress, 121);
        assert_eq!(s.sync_disabled, 246);
        assert_eq!(s.total_users, 10000);
        assert_eq!(s.expired_authorizations, 140);
        assert_eq!(s.outstanding_sync_errors, 655);
        assert_eq!(s.application_permission.status, PermissionStatus::Inactive);
        let e = s.application_permission.error.unwrap();
        assert_eq!(e.code, "AADSTS7000215");
        assert_eq!(e.occurred_at.to_rfc3339(), "2026-11-24T08:15:00+00:00");
    }

    #[test]
    fn summary_round_trips() {
        let s: Summary = serde_json::from_str(SUMMARY_INACTIVE).unwrap();
        let again: Summary = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(s, again);
    }

    #[test]
    fn tolerates_unknown_fields_and_missing_error() {
        let json = r#"{"lastSyncFailed":1,"neverSynced":2,"lastSyncSucceeded":3,
            "inProgress":4,"syncDisabled":5,"totalUsers":10,"newCounter":7,
            "expiredAuthorizations":1,"expiringAuthorizations":2,"expiringWithinDays":7,
            "outstandingSyncErrors":3,
            "applicationPermission":{"status":"ACTIVE","since":"x"}}"#;
        let s: Summary = serde_json::from_str(json).unwrap();
        assert_eq!(s.application_permission.status, PermissionStatus::Active);
        assert!(s.application_permission.error.is_none());
    }

    #[test]
    fn unknown_permission_status_decodes_as_unknown() {
        let p: ApplicationPermission = serde_json::from_str(r#"{"status":"PENDING"}"#).unwrap();
        assert_eq!(p.status, PermissionStatus::Unknown);
        assert_eq!(p.status.label(), "Unknown");
    }

    #[test]
    fn rejects_malformed_payloads() {
        for bad in [
            "",
            "<html>Bad gateway</html>",
            r#"{"lastSyncFailed":"many"}"#,
            r#"{"lastSyncFailed":-1,"neverSynced":0,"lastSyncSucceeded":0,"inProgress":0,"syncDisabled":0,"totalUsers":0,"applicationPermission":{"status":"ACTIVE"}}"#,
            r#"{"neverSynced":0,"lastSyncSucceeded":0,"inProgress":0,"syncDisabled":0,"totalUsers":0,"applicationPermission":{"status":"ACTIVE"}}"#,
            r#"[1,2,3]"#,
        ] {
            assert!(
                serde_json::from_str::<Summary>(bad).is_err(),
                "accepted {bad:?}"
            );
        }
    }

    #[test]
    fn permission_status_wire_values_round_trip() {
        for s in [
            PermissionStatus::NotEnabled,
            PermissionStatus::Active,
            PermissionStatus::Inactive,
        ] {
            assert_eq!(PermissionStatus::parse(s.as_str()), Some(s));
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
        assert_eq!(PermissionStatus::parse("active"), None);
    }

    #[test]
    fn decodes_the_error_format() {
        let json = r#"{"title":"Unauthorized","status":401,
            "o:errorDetails":[{"detail":"A valid bearer token is required.","o:errorCode":"SM-401"}]}"#;
        let e: ApiErrorBody = serde_json::from_str(json).unwrap();
        assert_eq!(e.status, 401);
        assert_eq!(e.error_details[0].error_code, "SM-401");
        assert_eq!(e.message(), "A valid bearer token is required.");
        let no_details: ApiErrorBody =
            serde_json::from_str(r#"{"title":"Not Found","status":404}"#).unwrap();
        assert_eq!(no_details.message(), "Not Found");
    }
}
