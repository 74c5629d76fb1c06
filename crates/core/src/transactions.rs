//! A user's sync transactions (`GET /users/{id}/transactions`, the sales
//! application's `ZPS_SYNC_USAGES`) and the records that failed in them
//! (`GET /users/{id}/syncErrors`, `ZPS_SYNC_ERRORS`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::users::SyncError;

/// An enum sent as a fixed word (`"UP_SYNC"`), with its label and an
/// `Unknown` variant for words a newer server may send.
macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $wire:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant,)+
            /// A value this console does not know yet.
            #[serde(other)]
            Unknown,
        }

        impl $name {
            /// Every known value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown => "UNKNOWN",
                }
            }

            /// Parses a wire word; `None` for anything else.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            /// The label shown in the console.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                    $name::Unknown => "Unknown",
                }
            }
        }
    };
}

wire_enum! {
    /// Result of one sync transaction.
    TransactionResult {
        Succeeded = "SUCCEEDED", "Succeeded";
        Failed = "FAILED", "Failed";
        SucceededWithConflicts = "SUCCEEDED_WITH_CONFLICTS", "Succeeded with Conflicts";
    }
}

/// One sync run of one user (`GET /users/{id}/transactions`).
///
/// The seed's columns: Microsoft 365 Changes / Duration are the records
/// written to Microsoft 365 and the time spent there, CX Sales 365 Changes
/// / Duration the same for the sales application. The sync engine also
/// counts the records that failed on each side and times each direction:
/// up-sync (Microsoft 365 to sales) and down-sync (sales to Microsoft 365).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    pub transaction_number: i64,
    pub result: TransactionResult,
    pub sync_start: DateTime<Utc>,
    pub sync_end: DateTime<Utc>,
    pub microsoft365_changes: u64,
    pub microsoft365_duration_ms: u64,
    pub sales_changes: u64,
    pub sales_duration_ms: u64,
    /// Records that failed to sync to Microsoft 365 (down-sync).
    #[serde(default)]
    pub microsoft365_failed: u64,
    /// Records that failed to sync to the sales application (up-sync).
    #[serde(default)]
    pub sales_failed: u64,
    #[serde(default)]
    pub up_sync_duration_ms: u64,
    #[serde(default)]
    pub down_sync_duration_ms: u64,
    pub conflicts: u64,
    pub using_next_gen: bool,
    #[serde(default)]
    pub error: Option<SyncError>,
}

impl Transaction {
    /// Records that failed on either side.
    pub fn failed_records(&self) -> u64 {
        self.microsoft365_failed + self.sales_failed
    }
}

wire_enum! {
    /// Which sync process met the record.
    SyncType {
        Standard = "STANDARD", "Standard Sync";
        Instant = "INSTANT", "Instant Sync";
        Email = "EMAIL", "Email";
    }
}

wire_enum! {
    /// Whether the user can fix the record (`USER`) or the system failed.
    MessageType {
        User = "USER", "User";
        System = "SYSTEM", "System";
    }
}

wire_enum! {
    /// Up-sync: Microsoft 365 to the sales application; down-sync: back.
    Direction {
        UpSync = "UP_SYNC", "Up-sync";
        DownSync = "DOWN_SYNC", "Down-sync";
    }
}

wire_enum! {
    /// The kind of record that failed.
    ObjectType {
        Appointment = "APPOINTMENT", "Appointment";
        Contact = "CONTACT", "Contact";
        Task = "TASK", "Task";
        Email = "EMAIL", "Email";
    }
}

wire_enum! {
    /// What the sync tried to do to the record.
    Operation {
        Create = "CREATE", "Create";
        Update = "UPDATE", "Update";
        Delete = "DELETE", "Delete";
    }
}

/// One record that failed to sync (`GET /users/{id}/syncErrors`): the
/// region Sync Errors on the user's details page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordError {
    pub id: i64,
    /// The transaction the record failed in.
    pub transaction_number: i64,
    pub sync_type: SyncType,
    pub message_type: MessageType,
    pub direction: Direction,
    pub object_type: ObjectType,
    pub operation: Operation,
    /// The record in the sales application; absent when it was never
    /// created there.
    #[serde(default)]
    pub sales_record_id: Option<i64>,
    #[serde(default)]
    pub sales_record_number: Option<String>,
    /// The item's id in Microsoft 365; absent when it was never created
    /// there.
    #[serde(default)]
    pub microsoft_id: Option<String>,
    /// The record's name (subject, contact name).
    pub record_name: String,
    pub message: String,
    pub occurred_at: DateTime<Utc>,
    /// When the record synced after all; absent while outstanding.
    #[serde(default)]
    pub resolved_at: Option<DateTime<Utc>>,
}

/// Which record errors to list (`GET /users/{id}/syncErrors?…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RecordErrorFilter {
    /// Any of these object types (sorted, no duplicates; empty: all).
    pub object_types: Vec<ObjectType>,
    pub direction: Option<Direction>,
}

impl RecordErrorFilter {
    /// Query parameters for this filter.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.object_types.is_empty() {
            let list: Vec<&str> = self.object_types.iter().map(|o| o.as_str()).collect();
            pairs.push(("objectType", list.join(",")));
        }
        if let Some(d) = self.direction {
            pairs.push(("direction", d.as_str().to_owned()));
        }
        pairs
    }

    /// Applies one parameter; `Ok(false)` when `key` is not a filter key.
    pub fn apply_pair(&mut self, key: &str, value: &str) -> Result<bool, String> {
        match key {
            "objectType" => {
                let mut list = Vec::new();
                for part in value.split(',') {
                    list.push(ObjectType::parse(part).ok_or_else(|| {
                        format!(
                            "objectType: '{part}' is not an object type; give one or more of \
                             APPOINTMENT, CONTACT, TASK and EMAIL, separated by commas."
                        )
                    })?);
                }
                list.sort_by_key(|o| ObjectType::ALL.iter().position(|a| a == o));
                list.dedup();
                self.object_types = list;
            }
            "direction" => {
                self.direction = Some(Direction::parse(value).ok_or_else(|| {
                    format!("direction: '{value}' must be UP_SYNC or DOWN_SYNC.")
                })?);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_words_round_trip_and_unknown_words_decode() {
        for d in Direction::ALL {
            assert_eq!(Direction::parse(d.as_str()), Some(*d));
            let json = serde_json::to_string(d).unwrap();
            assert_eq!(json, format!("\"{}\"", d.as_str()));
        }
        let o: ObjectType = serde_json::from_str("\"NOTE\"").unwrap();
        assert_eq!(o, ObjectType::Unknown);
        assert_eq!(ObjectType::parse("NOTE"), None);
        assert_eq!(
            TransactionResult::parse("SUCCEEDED_WITH_CONFLICTS"),
            Some(TransactionResult::SucceededWithConflicts)
        );
    }

    #[test]
    fn record_error_filters_round_trip_and_explain_bad_values() {
        let mut f = RecordErrorFilter::default();
        assert_eq!(f.apply_pair("objectType", "TASK,CONTACT,TASK"), Ok(true));
        assert_eq!(f.apply_pair("direction", "UP_SYNC"), Ok(true));
        assert_eq!(f.object_types, [ObjectType::Contact, ObjectType::Task]);
        let mut again = RecordErrorFilter::default();
        for (k, v) in f.to_pairs() {
            again.apply_pair(k, &v).unwrap();
        }
        assert_eq!(again, f);
        assert!(f
            .apply_pair("objectType", "NOTE")
            .unwrap_err()
            .contains("NOTE"));
        assert!(f.apply_pair("objectType", "TASK,").is_err());
        assert!(f.apply_pair("direction", "up").is_err());
        assert_eq!(f.apply_pair("limit", "5"), Ok(false));
    }

    #[test]
    fn decodes_a_record_error() {
        let json = r#"{"id":7,"transactionNumber":42,"syncType":"STANDARD",
            "messageType":"USER","direction":"UP_SYNC","objectType":"CONTACT",
            "operation":"CREATE","microsoftId":"AAMkAD1","recordName":"Ana Costa",
            "message":"Invalid e-mail.","occurredAt":"2026-11-30T10:00:00Z"}"#;
        let e: RecordError = serde_json::from_str(json).unwrap();
        assert_eq!(e.direction, Direction::UpSync);
        assert_eq!(e.object_type, ObjectType::Contact);
        assert_eq!(e.sales_record_number, None);
        assert!(e.resolved_at.is_none());
    }
}
