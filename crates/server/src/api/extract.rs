//! Request parsing that answers every bad input with a 4xx in the error
//! format: JSON bodies, path ids, and collection query parameters.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use sync_monitor_core::query::{decode_query, UserFilter};
use sync_monitor_core::Sort;

use crate::db::Page;
use crate::error::HttpError;
use sync_monitor_core::ErrorCode;

/// Default and largest page size of collections.
pub const DEFAULT_LIMIT: u64 = 25;
pub const MAX_LIMIT: u64 = 500;

/// A JSON body; malformed, mistyped, oversized or non-JSON bodies are 4xx.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = HttpError;

    async fn from_request(req: Request, state: &S) -> Result<Self, HttpError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> HttpError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => HttpError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "Send the body as JSON with Content-Type: application/json.",
        ),
        JsonRejection::BytesRejection(_) => HttpError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::BodyTooLarge,
            "The request body is too large.",
        ),
        other => HttpError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidBody,
            other.body_text(),
        ),
    }
}

/// A user id from the path: a positive integer, else 400.
pub struct UserId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for UserId {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, HttpError> {
        // Routes are `/monitor/v1/users/{id}` and `/monitor/v1/users/{id}/…`.
        let raw = parts
            .uri
            .path()
            .trim_start_matches("/monitor/v1/users/")
            .split('/')
            .next()
            .unwrap_or("");
        match raw.parse::<i64>() {
            Ok(id) if id > 0 => Ok(UserId(id)),
            _ => Err(invalid_param(format!(
                "The user id '{}' must be a positive integer.",
                sync_monitor_core::query::decode_component(raw)
            ))),
        }
    }
}

/// Extractor for resources that take no query parameters: any parameter is
/// a 400, as on every other resource (unknown parameters are never
/// silently ignored).
pub struct NoQuery;

impl<S: Send + Sync> FromRequestParts<S> for NoQuery {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        match sync_monitor_core::query::decode_query(query)
            .into_iter()
            .next()
        {
            None => Ok(NoQuery),
            Some((key, _)) => Err(invalid_param(format!(
                "Unknown parameter '{key}': this resource takes no query parameters."
            ))),
        }
    }
}

pub fn invalid_param(detail: impl Into<String>) -> HttpError {
    HttpError::new(StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter, detail)
}

/// The widest UTC offset in use (UTC+14:00), in minutes.
const MAX_OFFSET_MINUTES: i32 = 14 * 60;

/// A `utcOffsetMinutes` value: the client's offset east of UTC.
pub fn utc_offset_minutes(value: &str) -> Result<i32, HttpError> {
    value
        .parse::<i32>()
        .ok()
        .filter(|m| (-MAX_OFFSET_MINUTES..=MAX_OFFSET_MINUTES).contains(m))
        .ok_or_else(|| {
            invalid_param(format!(
                "utcOffsetMinutes: '{value}' must be an integer from -{MAX_OFFSET_MINUTES} to {MAX_OFFSET_MINUTES}."
            ))
        })
}

/// What a collection request asked for.
pub struct ListQuery {
    pub filter: UserFilter,
    pub order_by: Option<String>,
    pub page: Page,
}

/// Parses `limit`, `offset`, `totalResults`, `orderBy` and (when
/// `filters`) the user filter parameters; anything else is a 400.
pub fn list_query(raw: Option<&str>, filters: bool, paged: bool) -> Result<ListQuery, HttpError> {
    let mut q = ListQuery {
        filter: UserFilter::default(),
        order_by: None,
        page: Page {
            limit: DEFAULT_LIMIT,
            offset: 0,
            total: false,
        },
    };
    let mut seen = std::collections::HashSet::new();
    for (key, value) in decode_query(raw.unwrap_or("")) {
        if !seen.insert(key.clone()) {
            return Err(invalid_param(format!("{key}: give it at most once.")));
        }
        match key.as_str() {
            "limit" if paged => {
                q.page.limit = match value.parse::<u64>() {
                    Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                    _ => {
                        return Err(invalid_param(format!(
                            "limit: '{value}' must be an integer from 1 to {MAX_LIMIT}."
                        )))
                    }
                }
            }
            "offset" if paged => {
                q.page.offset = match value.parse::<u64>() {
                    Ok(n) if n <= i64::MAX as u64 => n,
                    _ => {
                        return Err(invalid_param(format!(
                            "offset: '{value}' must be a non-negative integer."
                        )))
                    }
                }
            }
            "totalResults" if paged => {
                q.page.total = match value.as_str() {
                    "true" => true,
                    "false" => false,
                    _ => {
                        return Err(invalid_param(format!(
                            "totalResults: '{value}' must be true or false."
                        )))
                    }
                }
            }
            "orderBy" => q.order_by = Some(value),
            _ if filters => {
                if !q.filter.apply_pair(&key, &value).map_err(invalid_param)? {
                    return Err(unknown_param(&key));
                }
            }
            _ => return Err(unknown_param(&key)),
        }
    }
    Ok(q)
}

fn unknown_param(key: &str) -> HttpError {
    invalid_param(format!("Unknown query parameter '{key}'."))
}

/// The user list's ordering (default `id:asc`).
pub fn user_sort(order_by: Option<&str>) -> Result<Sort, HttpError> {
    match order_by {
        None => Ok(Sort::parse("id:asc").unwrap_or(Sort {
            field: sync_monitor_core::SortField::Id,
            dir: sync_monitor_core::SortDir::Asc,
        })),
        Some(s) => Sort::parse(s).map_err(invalid_param),
    }
}
