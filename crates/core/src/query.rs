//! The user filter and sort model, and its query-string encoding — the same
//! parameters in the API (`GET /users?…`) and in the console's URL.

use crate::users::LastSyncStatus;

mod encoding;
mod search;
pub use encoding::{decode_component, decode_query, encode_component, encode_query};
pub use search::search_finds;

/// A column the user list can be ordered by (wire name = JSON field name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortField {
    LastSyncStatus,
    SalesUserName,
    MicrosoftEmail,
    LastSyncStart,
    LastSyncDurationMs,
    SalesAuthorized,
    MicrosoftAuthorized,
    UsingNextGen,
    IncludedInLatestSync,
    Id,
}

impl SortField {
    pub const ALL: [SortField; 10] = [
        SortField::LastSyncStatus,
        SortField::SalesUserName,
        SortField::MicrosoftEmail,
        SortField::LastSyncStart,
        SortField::LastSyncDurationMs,
        SortField::SalesAuthorized,
        SortField::MicrosoftAuthorized,
        SortField::UsingNextGen,
        SortField::IncludedInLatestSync,
        SortField::Id,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortField::LastSyncStatus => "lastSyncStatus",
            SortField::SalesUserName => "salesUserName",
            SortField::MicrosoftEmail => "microsoftEmail",
            SortField::LastSyncStart => "lastSyncStart",
            SortField::LastSyncDurationMs => "lastSyncDurationMs",
            SortField::SalesAuthorized => "salesAuthorized",
            SortField::MicrosoftAuthorized => "microsoftAuthorized",
            SortField::UsingNextGen => "usingNextGen",
            SortField::IncludedInLatestSync => "includedInLatestSync",
            SortField::Id => "id",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        SortField::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortDir {
    Asc,
    Desc,
}

/// `orderBy=<field>:<asc|desc>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    pub field: SortField,
    pub dir: SortDir,
}

impl Sort {
    pub fn encode(self) -> String {
        let dir = match self.dir {
            SortDir::Asc => "asc",
            SortDir::Desc => "desc",
        };
        format!("{}:{dir}", self.field.as_str())
    }

    pub fn parse(s: &str) -> Result<Self, String> {
        let names = SortField::ALL.map(SortField::as_str);
        let (i, dir) = parse_order_by(s, &names)?;
        Ok(Sort {
            field: SortField::ALL[i],
            dir,
        })
    }
}

/// Parses `<field>:<asc|desc>` (the direction defaults to asc) against the
/// accepted field names; gives the field's index and the direction.
pub fn parse_order_by(s: &str, fields: &[&str]) -> Result<(usize, SortDir), String> {
    let (field, dir) = s.split_once(':').unwrap_or((s, "asc"));
    let i = fields.iter().position(|f| *f == field).ok_or_else(|| {
        format!(
            "orderBy: unknown field '{field}'; use one of {}.",
            fields.join(", ")
        )
    })?;
    let dir = match dir {
        "asc" => SortDir::Asc,
        "desc" => SortDir::Desc,
        other => return Err(format!("orderBy: direction '{other}' must be asc or desc.")),
    };
    Ok((i, dir))
}

/// Which users to show. Empty/`None` parts do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct UserFilter {
    /// Free text over sales user name and Microsoft e-mail (trimmed).
    pub search: String,
    /// Any of these last sync statuses (sorted, no duplicates).
    pub last_sync: Vec<LastSyncStatus>,
    pub sales_authorized: Option<bool>,
    pub microsoft_authorized: Option<bool>,
    pub using_next_gen: Option<bool>,
    pub sync_enabled: Option<bool>,
    /// Users whose last sync error has this code (an error group).
    pub error_code: Option<String>,
    /// Users with (or without) a token that has expired.
    pub authorization_expired: Option<bool>,
    /// Users with a token expiring within this many days, none expired.
    pub authorization_expires_within_days: Option<u32>,
    /// Users with (or without) outstanding record-level sync errors.
    pub has_sync_errors: Option<bool>,
    /// Users the latest Standard Sync run did (or did not) pick up.
    pub included_in_latest_sync: Option<bool>,
}

/// The longest window of `authorizationExpiresWithinDays`.
pub const MAX_EXPIRY_WINDOW_DAYS: u32 = 365;

/// The filter parameters' names.
pub const FILTER_KEYS: [&str; 11] = [
    "search",
    "lastSync",
    "salesAuthorized",
    "microsoftAuthorized",
    "usingNextGen",
    "syncEnabled",
    "errorCode",
    "authorizationExpired",
    "authorizationExpiresWithinDays",
    "hasSyncErrors",
    "includedInLatestSync",
];

impl UserFilter {
    pub fn is_empty(&self) -> bool {
        *self == UserFilter::default()
    }

    /// Query parameters for this filter, in a stable order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let search = self.search.trim();
        if !search.is_empty() {
            pairs.push(("search", search.to_owned()));
        }
        if !self.last_sync.is_empty() {
            let list: Vec<&str> = self.last_sync.iter().map(|s| s.as_str()).collect();
            pairs.push(("lastSync", list.join(",")));
        }
        for (key, value) in [
            ("salesAuthorized", self.sales_authorized),
            ("microsoftAuthorized", self.microsoft_authorized),
            ("usingNextGen", self.using_next_gen),
            ("syncEnabled", self.sync_enabled),
        ] {
            if let Some(v) = value {
                pairs.push((key, v.to_string()));
            }
        }
        if let Some(code) = &self.error_code {
            pairs.push(("errorCode", code.clone()));
        }
        if let Some(days) = self.authorization_expires_within_days {
            pairs.push(("authorizationExpiresWithinDays", days.to_string()));
        }
        for (key, value) in [
            ("authorizationExpired", self.authorization_expired),
            ("hasSyncErrors", self.has_sync_errors),
            ("includedInLatestSync", self.included_in_latest_sync),
        ] {
            if let Some(v) = value {
                pairs.push((key, v.to_string()));
            }
        }
        pairs
    }

    /// Applies one parameter; `Ok(false)` when `key` is not a filter key.
    pub fn apply_pair(&mut self, key: &str, value: &str) -> Result<bool, String> {
        let flag = |v: &str| match v {
            "true" => Ok(Some(true)),
            "false" => Ok(Some(false)),
            _ => Err(format!("{key}: '{v}' must be true or false.")),
        };
        match key {
            "search" => {
                let s = value.trim();
                if s.chars().count() > 200 {
                    return Err("search: at most 200 characters.".into());
                }
                if s.chars().any(char::is_control) {
                    return Err("search: control characters (such as NUL) are not allowed.".into());
                }
                self.search = s.to_owned();
            }
            "lastSync" => {
                // Exactly the spec's comma-separated list: no empty parts,
                // no spaces.
                let mut list = Vec::new();
                for part in value.split(',') {
                    list.push(LastSyncStatus::parse(part).ok_or_else(|| {
                        format!(
                            "lastSync: '{part}' is not a status; give one or more of FAILED, \
                             NEVER_SYNCED, SUCCEEDED, IN_PROGRESS and SUSPENDED, \
                             separated by commas."
                        )
                    })?);
                }
                list.sort();
                list.dedup();
                self.last_sync = list;
            }
            "salesAuthorized" => self.sales_authorized = flag(value)?,
            "microsoftAuthorized" => self.microsoft_authorized = flag(value)?,
            "usingNextGen" => self.using_next_gen = flag(value)?,
            "syncEnabled" => self.sync_enabled = flag(value)?,
            "errorCode" => {
                let valid = (1..=64).contains(&value.len())
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
                if !valid {
                    return Err(format!(
                        "errorCode: '{value}' is not an error code (1 to 64 of A-Z, 0-9 and _)."
                    ));
                }
                self.error_code = Some(value.to_owned());
            }
            "authorizationExpired" => self.authorization_expired = flag(value)?,
            "authorizationExpiresWithinDays" => {
                self.authorization_expires_within_days = Some(
                    expiry_window(value)
                        .map_err(|e| format!("authorizationExpiresWithinDays: {e}"))?,
                );
            }
            "hasSyncErrors" => self.has_sync_errors = flag(value)?,
            "includedInLatestSync" => self.included_in_latest_sync = flag(value)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// A window of 1 to [`MAX_EXPIRY_WINDOW_DAYS`] whole days (for example
/// `authorizationExpiresWithinDays`).
pub fn expiry_window(value: &str) -> Result<u32, String> {
    value
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=MAX_EXPIRY_WINDOW_DAYS).contains(d) && !value.starts_with('+'))
        .ok_or_else(|| {
            format!("'{value}' must be a whole number of days from 1 to {MAX_EXPIRY_WINDOW_DAYS}.")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn filter_from(q: &str) -> Result<UserFilter, String> {
        let mut f = UserFilter::default();
        for (k, v) in decode_query(q) {
            assert!(f.apply_pair(&k, &v)?, "unknown key {k}");
        }
        Ok(f)
    }

    #[test]
    fn filters_round_trip_through_the_query_string() {
        let f = UserFilter {
            search: "Zoë & =O'Brien +1%".into(),
            last_sync: vec![LastSyncStatus::Failed, LastSyncStatus::InProgress],
            sales_authorized: Some(false),
            microsoft_authorized: Some(true),
            using_next_gen: None,
            sync_enabled: Some(false),
            error_code: Some("MS_THROTTLED".into()),
            authorization_expired: Some(false),
            authorization_expires_within_days: Some(7),
            has_sync_errors: Some(true),
            included_in_latest_sync: Some(false),
        };
        let q = encode_query(&f.to_pairs());
        assert_eq!(f.to_pairs().len(), FILTER_KEYS.len() - 1);
        assert_eq!(filter_from(&q).unwrap(), f);
        assert_eq!(encode_query(&UserFilter::default().to_pairs()), "");
    }

    #[test]
    fn last_sync_lists_are_normalised() {
        let f = filter_from("lastSync=SUSPENDED,FAILED,FAILED").unwrap();
        assert_eq!(
            f.last_sync,
            vec![LastSyncStatus::Failed, LastSyncStatus::Suspended]
        );
    }

    #[test]
    fn bad_values_are_explained() {
        assert!(filter_from("lastSync=FAILED,BROKEN")
            .unwrap_err()
            .contains("BROKEN"));
        for bad in [
            "",
            "FAILED,",
            ",FAILED",
            "FAILED,,SUCCEEDED",
            " FAILED",
            "failed",
        ] {
            assert!(filter_from(&format!("lastSync={bad}")).is_err(), "{bad:?}");
        }
        assert!(filter_from("syncEnabled=yes")
            .unwrap_err()
            .contains("true or false"));
        assert!(filter_from(&format!("search={}", "x".repeat(201))).is_err());
        for bad in ["", "ms_throttled", "A-B", "X Y", &"A".repeat(65)] {
            assert!(filter_from(&format!("errorCode={bad}")).is_err(), "{bad:?}");
        }
        assert_eq!(
            filter_from("errorCode=MS_TOKEN_EXPIRED")
                .unwrap()
                .error_code
                .as_deref(),
            Some("MS_TOKEN_EXPIRED")
        );
        for bad in ["0", "366", "-1", "+7", "7.5", "seven", ""] {
            let e = filter_from(&format!("authorizationExpiresWithinDays={bad}")).unwrap_err();
            assert!(e.contains("1 to 365"), "{bad:?}: {e}");
        }
        assert_eq!(
            filter_from("authorizationExpiresWithinDays=365")
                .unwrap()
                .authorization_expires_within_days,
            Some(365)
        );
    }

    #[test]
    fn sorts_parse_and_encode() {
        for field in SortField::ALL {
            for dir in [SortDir::Asc, SortDir::Desc] {
                let s = Sort { field, dir };
                assert_eq!(Sort::parse(&s.encode()), Ok(s));
            }
        }
        assert_eq!(Sort::parse("id").unwrap().dir, SortDir::Asc);
        assert!(Sort::parse("password:asc").is_err());
        assert!(Sort::parse("id:up").is_err());
    }

    #[test]
    fn percent_decoding_is_lenient() {
        assert_eq!(decode_component("a+b%20c"), "a b c");
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%C3%A9"), "é");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
    }
}
