//! `GET /users/{id}/syncErrors` (the user's outstanding record-level
//! errors) and `GET /users/{id}/transactions/{number}/syncErrors` (every
//! record error of one transaction): paged, sortable, filterable by
//! object type and direction.

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sync_monitor_core::query::{decode_query, encode_query};
use sync_monitor_core::RecordErrorFilter;

use super::extract::{invalid_param, list_query, UserId};
use crate::db::{self, ErrorScope, RecordErrorSort};
use crate::error::HttpError;
use crate::AppState;

/// `GET /users/{id}/syncErrors`.
pub async fn outstanding(
    State(state): State<AppState>,
    UserId(id): UserId,
    RawQuery(raw): RawQuery,
) -> Result<Response, HttpError> {
    list(state, id, ErrorScope::Outstanding, raw).await
}

/// `GET /users/{id}/transactions/{number}/syncErrors`.
pub async fn of_transaction(
    State(state): State<AppState>,
    UserId(id): UserId,
    Path((_, number)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, HttpError> {
    let number = number
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            invalid_param(format!(
                "The transaction number '{number}' must be a positive integer."
            ))
        })?;
    list(state, id, ErrorScope::Transaction(number), raw).await
}

async fn list(
    state: AppState,
    id: i64,
    scope: ErrorScope,
    raw: Option<String>,
) -> Result<Response, HttpError> {
    let mut filter = RecordErrorFilter::default();
    let mut seen = Vec::new();
    let mut rest = Vec::new();
    for (key, value) in decode_query(raw.as_deref().unwrap_or("")) {
        if !filter.apply_pair(&key, &value).map_err(invalid_param)? {
            rest.push((key, value));
        } else if seen.contains(&key) {
            return Err(invalid_param(format!("{key}: give it at most once.")));
        } else {
            seen.push(key);
        }
    }
    let q = list_query(Some(&encode_query(&rest)), false, true)?;
    let order = match q.order_by.as_deref() {
        None => RecordErrorSort::DEFAULT,
        Some(s) => RecordErrorSort::parse(s).map_err(invalid_param)?,
    };
    let page = state
        .read(move |conn| db::sync_errors(conn, id, scope, &filter, order, q.page))
        .await?;
    page.map(|p| Json(p).into_response()).ok_or_else(|| {
        let what = match scope {
            ErrorScope::Outstanding => format!("There is no user with id {id}."),
            ErrorScope::Transaction(n) => {
                format!("User {id} has no transaction with number {n}.")
            }
        };
        HttpError::not_found(what)
    })
}
