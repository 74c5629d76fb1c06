//! The calls behind a user's Sync Errors: the outstanding record errors
//! and the record errors of one transaction.

use sync_monitor_core::query::encode_query;
use sync_monitor_core::{Collection, RecordError, RecordErrorFilter};

use super::{ApiClient, ApiError};

/// Most record errors one transaction's expansion shows.
pub const TRANSACTION_ERRORS: u64 = 100;

impl ApiClient {
    /// `GET /users/{id}/syncErrors`: one page, with the total.
    pub async fn sync_errors(
        &self,
        id: i64,
        filter: &RecordErrorFilter,
        order_by: &str,
        (offset, limit): (u64, u64),
    ) -> Result<Collection<RecordError>, ApiError> {
        let mut pairs = filter.to_pairs();
        pairs.push(("orderBy", order_by.to_owned()));
        pairs.push(("limit", limit.to_string()));
        pairs.push(("offset", offset.to_string()));
        pairs.push(("totalResults", "true".to_owned()));
        self.get_json(
            &format!("/users/{id}/syncErrors?{}", encode_query(&pairs)),
            None,
        )
        .await
    }

    /// `GET /users/{id}/transactions/{number}/syncErrors`, in record order.
    pub async fn transaction_sync_errors(
        &self,
        id: i64,
        number: i64,
    ) -> Result<Collection<RecordError>, ApiError> {
        self.get_json(
            &format!(
                "/users/{id}/transactions/{number}/syncErrors?orderBy=occurredAt:asc&limit={TRANSACTION_ERRORS}&totalResults=true"
            ),
            None,
        )
        .await
    }
}
