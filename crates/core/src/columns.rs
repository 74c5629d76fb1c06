//! The tables' one vocabulary: every column's label exactly as the seed
//! writes it (also the CSV header), the API field it sorts by, and its
//! help text. The grid, the CSV export, the server's `orderBy` and the
//! tests all read them from here.

use crate::query::SortField;

/// A column of the user table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserColumn {
    LastSync,
    User,
    Microsoft365User,
    LastSyncStart,
    Duration,
    OracleSalesAuthorized,
    MicrosoftAuthorized,
    UsingNextGen,
    IncludedInLatestSync,
}

impl UserColumn {
    /// The columns always shown, in table order.
    pub const ALL: [UserColumn; 8] = [
        UserColumn::LastSync,
        UserColumn::User,
        UserColumn::Microsoft365User,
        UserColumn::LastSyncStart,
        UserColumn::Duration,
        UserColumn::OracleSalesAuthorized,
        UserColumn::MicrosoftAuthorized,
        UserColumn::UsingNextGen,
    ];

    /// The columns an administrator may show after those (`columns=` in
    /// the console's URL, by their sort field's name).
    pub const OPTIONAL: [UserColumn; 1] = [UserColumn::IncludedInLatestSync];

    /// The seed's label (the grid header and the CSV header).
    pub fn label(self) -> &'static str {
        match self {
            UserColumn::LastSync => "Last Sync",
            UserColumn::User => "User",
            UserColumn::Microsoft365User => "Microsoft 365 User",
            UserColumn::LastSyncStart => "Last Sync Start",
            UserColumn::Duration => "Duration",
            UserColumn::OracleSalesAuthorized => "Oracle Sales Authorized",
            UserColumn::MicrosoftAuthorized => "Microsoft Authorized",
            UserColumn::UsingNextGen => "Using Next Gen",
            UserColumn::IncludedInLatestSync => "Included in Latest Sync",
        }
    }

    /// The API field the column sorts by (`orderBy=<field>:asc`).
    pub fn sort_field(self) -> SortField {
        match self {
            UserColumn::LastSync => SortField::LastSyncStatus,
            UserColumn::User => SortField::SalesUserName,
            UserColumn::Microsoft365User => SortField::MicrosoftEmail,
            UserColumn::LastSyncStart => SortField::LastSyncStart,
            UserColumn::Duration => SortField::LastSyncDurationMs,
            UserColumn::OracleSalesAuthorized => SortField::SalesAuthorized,
            UserColumn::MicrosoftAuthorized => SortField::MicrosoftAuthorized,
            UserColumn::UsingNextGen => SortField::UsingNextGen,
            UserColumn::IncludedInLatestSync => SortField::IncludedInLatestSync,
        }
    }

    /// What the column means, where the seed explains it.
    pub fn help(self) -> Option<&'static str> {
        match self {
            UserColumn::IncludedInLatestSync => Some(
                "Whether the latest Standard Sync run picked the user up: sync enabled, active, \
                 not suspended, both tokens valid.",
            ),
            UserColumn::Duration => Some(
                "Total duration includes Microsoft 365 duration, Oracle Sales duration, and also \
                 the time taken by any additional internal processes.",
            ),
            _ => None,
        }
    }
}

/// A column of a user's Transaction History.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransactionColumn {
    Result,
    TransactionNumber,
    SyncStart,
    SyncEnd,
    Microsoft365Changes,
    Microsoft365Duration,
    SalesChanges,
    SalesDuration,
    Conflicts,
    UsingNextGen,
}

impl TransactionColumn {
    /// In table order.
    pub const ALL: [TransactionColumn; 10] = [
        TransactionColumn::Result,
        TransactionColumn::TransactionNumber,
        TransactionColumn::SyncStart,
        TransactionColumn::SyncEnd,
        TransactionColumn::Microsoft365Changes,
        TransactionColumn::Microsoft365Duration,
        TransactionColumn::SalesChanges,
        TransactionColumn::SalesDuration,
        TransactionColumn::Conflicts,
        TransactionColumn::UsingNextGen,
    ];

    /// The newest first: the default order.
    pub const DEFAULT_SORT: TransactionColumn = TransactionColumn::SyncStart;

    /// The seed's label.
    pub fn label(self) -> &'static str {
        match self {
            TransactionColumn::Result => "Result",
            TransactionColumn::TransactionNumber => "Transaction Number",
            TransactionColumn::SyncStart => "Sync Start",
            TransactionColumn::SyncEnd => "Sync End",
            TransactionColumn::Microsoft365Changes => "Microsoft 365 Changes",
            TransactionColumn::Microsoft365Duration => "Microsoft 365 Duration",
            TransactionColumn::SalesChanges => "CX Sales 365 Changes",
            TransactionColumn::SalesDuration => "CX Sales 365 Duration",
            TransactionColumn::Conflicts => "Conflicts",
            TransactionColumn::UsingNextGen => "Using Next Gen",
        }
    }

    /// The API field it sorts by (the JSON field name).
    pub fn field(self) -> &'static str {
        match self {
            TransactionColumn::Result => "result",
            TransactionColumn::TransactionNumber => "transactionNumber",
            TransactionColumn::SyncStart => "syncStart",
            TransactionColumn::SyncEnd => "syncEnd",
            TransactionColumn::Microsoft365Changes => "microsoft365Changes",
            TransactionColumn::Microsoft365Duration => "microsoft365DurationMs",
            TransactionColumn::SalesChanges => "salesChanges",
            TransactionColumn::SalesDuration => "salesDurationMs",
            TransactionColumn::Conflicts => "conflicts",
            TransactionColumn::UsingNextGen => "usingNextGen",
        }
    }

    /// The column whose API field is `field`.
    pub fn parse(field: &str) -> Option<Self> {
        TransactionColumn::ALL
            .into_iter()
            .find(|c| c.field() == field)
    }
}

/// A column of a user's Sync Errors (record-level errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordErrorColumn {
    Object,
    Direction,
    Operation,
    Record,
    Message,
    Occurred,
    TransactionNumber,
}

impl RecordErrorColumn {
    /// In table order.
    pub const ALL: [RecordErrorColumn; 7] = [
        RecordErrorColumn::Object,
        RecordErrorColumn::Direction,
        RecordErrorColumn::Operation,
        RecordErrorColumn::Record,
        RecordErrorColumn::Message,
        RecordErrorColumn::Occurred,
        RecordErrorColumn::TransactionNumber,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RecordErrorColumn::Object => "Object",
            RecordErrorColumn::Direction => "Direction",
            RecordErrorColumn::Operation => "Operation",
            RecordErrorColumn::Record => "Record",
            RecordErrorColumn::Message => "Message",
            RecordErrorColumn::Occurred => "Occurred",
            RecordErrorColumn::TransactionNumber => "Transaction Number",
        }
    }

    /// The API field it sorts by (the JSON field name).
    pub fn field(self) -> &'static str {
        match self {
            RecordErrorColumn::Object => "objectType",
            RecordErrorColumn::Direction => "direction",
            RecordErrorColumn::Operation => "operation",
            RecordErrorColumn::Record => "recordName",
            RecordErrorColumn::Message => "message",
            RecordErrorColumn::Occurred => "occurredAt",
            RecordErrorColumn::TransactionNumber => "transactionNumber",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_user_column_sorts_by_its_own_field() {
        let mut fields: Vec<_> = UserColumn::ALL.iter().map(|c| c.sort_field()).collect();
        fields.dedup();
        assert_eq!(fields.len(), UserColumn::ALL.len());
        assert_eq!(
            UserColumn::Duration
                .help()
                .map(|h| h.starts_with("Total duration")),
            Some(true)
        );
    }

    #[test]
    fn transaction_fields_round_trip() {
        for c in TransactionColumn::ALL {
            assert_eq!(TransactionColumn::parse(c.field()), Some(c));
        }
        assert_eq!(TransactionColumn::parse("secret"), None);
        assert_eq!(
            TransactionColumn::SalesChanges.label(),
            "CX Sales 365 Changes"
        );
    }
}
