//! A user filter and sort as SQL: the `WHERE` clause (a search answered
//! from memory first, the rest as parameters) and the `ORDER BY`.

use rusqlite::types::{ToSql, Value};
use sync_monitor_core::query::{Sort, SortField, UserFilter};

use super::search::{DenseScope, Hits, HIT};
use super::{dir, Reader};

/// When a user's first token expires (a user without tokens never does).
pub(super) const EARLIEST_EXPIRY: &str =
    "MIN(COALESCE(microsoft_token_expires_at, 9223372036854775807), \
    COALESCE(sales_token_expires_at, 9223372036854775807))";

pub(super) const DAY_MS: i64 = 86_400_000;

/// A filter as SQL: `WHERE …`, the matching ids of a search (bound first,
/// as `rarray(?1)`), then the other parameters.
pub(super) struct Clause {
    pub sql: String,
    hits: Option<Hits>,
    args: Vec<Value>,
    /// A dense search's ids, in scope of `search_hit` while the clause lives.
    _dense: Option<DenseScope>,
}

impl Clause {
    /// How many users match, when the clause is a search alone (its hits
    /// are the count; no query needed).
    pub fn search_count(&self) -> Option<u64> {
        self.hits
            .as_ref()
            .filter(|_| self.args.is_empty())
            .map(|h| h.count)
    }

    /// The parameters in order, followed by `extra`.
    pub fn params<'a>(&'a self, extra: &'a [Value]) -> impl Iterator<Item = &'a dyn ToSql> {
        let hits = self
            .hits
            .iter()
            .filter(|h| h.dense.is_none())
            .map(|h| &h.ids as &dyn ToSql);
        hits.chain(self.args.iter().chain(extra).map(|v| v as &dyn ToSql))
    }
}

/// The clause for `filter`; a search is answered from memory first.
pub(super) fn where_clause(reader: &Reader, filter: &UserFilter) -> rusqlite::Result<Clause> {
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let search = filter.search.trim();
    let mut dense = None;
    let hits = if search.is_empty() {
        None
    } else {
        let hits = reader.search.matching(reader, search)?;
        conds.push(if hits.excluded {
            "id NOT IN rarray(?1)".into()
        } else if let Some(ids) = &hits.dense {
            // A test of each id met along the sort's index, in memory.
            dense = Some(DenseScope::enter(ids.clone()));
            format!("{HIT}(id)")
        } else {
            "id IN rarray(?1)".into()
        });
        Some(hits)
    };
    if !filter.last_sync.is_empty() {
        let marks = vec!["?"; filter.last_sync.len()].join(", ");
        conds.push(format!("last_sync_status IN ({marks})"));
        args.extend(
            filter
                .last_sync
                .iter()
                .map(|s| Value::Text(s.as_str().to_owned())),
        );
    }
    for (column, value) in [
        ("sales_authorized", filter.sales_authorized),
        ("microsoft_authorized", filter.microsoft_authorized),
        ("using_next_gen", filter.using_next_gen),
        ("sync_enabled", filter.sync_enabled),
    ] {
        if let Some(v) = value {
            conds.push(format!("{column} = ?"));
            args.push(Value::Integer(v.into()));
        }
    }
    if let Some(code) = &filter.error_code {
        conds.push("last_sync_status = 'FAILED' AND last_error_code = ?".into());
        args.push(Value::Text(code.clone()));
    }
    let now = chrono::Utc::now().timestamp_millis();
    if let Some(expired) = filter.authorization_expired {
        let op = if expired { "<=" } else { ">" };
        conds.push(format!("{EARLIEST_EXPIRY} {op} ?"));
        args.push(Value::Integer(now));
    }
    if let Some(days) = filter.authorization_expires_within_days {
        conds.push(format!("{EARLIEST_EXPIRY} > ? AND {EARLIEST_EXPIRY} <= ?"));
        args.push(Value::Integer(now));
        args.push(Value::Integer(now + i64::from(days) * DAY_MS));
    }
    if let Some(v) = filter.has_sync_errors {
        conds.push(
            if v {
                "outstanding_sync_errors > 0"
            } else {
                "outstanding_sync_errors = 0"
            }
            .into(),
        );
    }
    if let Some(v) = filter.included_in_latest_sync {
        conds.push("included_in_latest_sync = ?".into());
        args.push(Value::Integer(v.into()));
    }
    let sql = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    Ok(Clause {
        sql,
        hits,
        args,
        _dense: dense,
    })
}

pub(super) fn order_clause(sort: Sort) -> String {
    let column = match sort.field {
        SortField::LastSyncStatus => "last_sync_status",
        SortField::SalesUserName => "sales_user_name COLLATE NOCASE",
        SortField::MicrosoftEmail => "microsoft_email COLLATE NOCASE",
        SortField::LastSyncStart => "last_sync_start",
        SortField::LastSyncDurationMs => "last_sync_duration_ms",
        SortField::SalesAuthorized => "sales_authorized",
        SortField::MicrosoftAuthorized => "microsoft_authorized",
        SortField::UsingNextGen => "using_next_gen",
        SortField::IncludedInLatestSync => "included_in_latest_sync",
        SortField::Id => return format!("ORDER BY id {}", dir(sort.dir)),
    };
    // `id` breaks ties in the same direction, so pages never overlap.
    format!("ORDER BY {column} {0}, id {0}", dir(sort.dir))
}
