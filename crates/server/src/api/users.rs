//! `/users`: list, ids, one user (ETag), credentials (If-Match), delete,
//! and a user's transaction history.

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sync_monitor_core::query::{decode_query, encode_query};
use sync_monitor_core::{validate, ApiErrorBody, ErrorDetail, User, UserPatch};

use super::extract::{
    invalid_param, list_query, user_sort, utc_offset_minutes, ApiJson, NoQuery, UserId,
};
use crate::db::{self, PatchError, TransactionSort};
use crate::error::HttpError;
use crate::AppState;
use sync_monitor_core::ErrorCode;

/// `GET /users`.
pub async fn list(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, HttpError> {
    let q = list_query(raw.as_deref(), true, true)?;
    let sort = user_sort(q.order_by.as_deref())?;
    let page = state
        .read(move |conn| db::list_users(conn, &q.filter, sort, q.page))
        .await?;
    Ok(Json(page).into_response())
}

/// `GET /users/ids`: every id matching the filter, for "select all".
pub async fn ids(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, HttpError> {
    let q = list_query(raw.as_deref(), true, false)?;
    let sort = user_sort(q.order_by.as_deref())?;
    let ids = state
        .read(move |conn| db::user_ids(conn, &q.filter, sort))
        .await?;
    Ok(Json(ids).into_response())
}

/// `GET /users/export`: the matching users as CSV (the console's export
/// columns and formula neutralisation, `core::export`), times in the
/// client's `utcOffsetMinutes`; `X-Total-Count` says how many rows.
pub async fn export(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, HttpError> {
    let mut offset_minutes = 0i32;
    let mut offset_seen = false;
    let mut rest = Vec::new();
    for (key, value) in decode_query(raw.as_deref().unwrap_or("")) {
        if key != "utcOffsetMinutes" {
            rest.push((key, value));
            continue;
        }
        if std::mem::replace(&mut offset_seen, true) {
            return Err(invalid_param("utcOffsetMinutes: give it at most once."));
        }
        offset_minutes = utc_offset_minutes(&value)?;
    }
    let q = list_query(Some(&encode_query(&rest)), true, false)?;
    let sort = user_sort(q.order_by.as_deref())?;
    let users = state
        .read(move |conn| db::matching_users(conn, &q.filter, sort))
        .await?;
    let offset = chrono::FixedOffset::east_opt(offset_minutes * 60)
        .ok_or_else(|| invalid_param("utcOffsetMinutes: out of range."))?;
    let csv = sync_monitor_core::export::users_csv(&users, offset);
    let count = HeaderValue::from(users.len());
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (header::HeaderName::from_static("x-total-count"), count),
        ],
        csv,
    )
        .into_response())
}

fn etag(user: &User) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{}-{}\"", user.id, user.version))
        .unwrap_or(HeaderValue::from_static("\"0\""))
}

fn with_etag(user: User) -> Response {
    let tag = etag(&user);
    let mut res = Json(user).into_response();
    res.headers_mut().insert(header::ETAG, tag);
    res
}

fn user_not_found(id: i64) -> HttpError {
    HttpError::not_found(format!("There is no user with id {id}."))
}

/// `GET /users/{id}`.
pub async fn get(
    State(state): State<AppState>,
    UserId(id): UserId,
    _: NoQuery,
) -> Result<Response, HttpError> {
    let user = state.read(move |conn| db::get_user(conn, id)).await?;
    user.map(with_etag).ok_or_else(|| user_not_found(id))
}

/// What an `If-Match` header asks for.
enum IfMatch {
    /// `*`: any current representation (RFC 9110 §13.1.1).
    Any,
    /// This version of the user.
    Version(u64),
    /// A tag that can never match (another user's, or garbage).
    Never,
}

/// What the `If-Match` header asks of user `id`.
fn if_match(headers: &HeaderMap, id: i64) -> Result<IfMatch, HttpError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Err(HttpError::new(
            StatusCode::PRECONDITION_REQUIRED,
            ErrorCode::PreconditionRequired,
            "Send the user's ETag in If-Match so a concurrent change is not overwritten.",
        ));
    };
    let tag = value.to_str().unwrap_or("").trim();
    if tag == "*" {
        return Ok(IfMatch::Any);
    }
    let tag = tag.strip_prefix("W/").unwrap_or(tag).trim_matches('"');
    Ok(tag
        .split_once('-')
        .filter(|(uid, _)| uid.parse::<i64>().ok() == Some(id))
        .and_then(|(_, v)| v.parse().ok())
        .map_or(IfMatch::Never, IfMatch::Version))
}

fn field_error(path: &str, detail: String) -> ErrorDetail {
    ErrorDetail {
        detail,
        error_code: ErrorCode::InvalidField.as_str().into(),
        error_path: Some(path.into()),
    }
}

/// `PATCH /users/{id}`: Microsoft e-mail and/or sales user name.
pub async fn patch(
    State(state): State<AppState>,
    UserId(id): UserId,
    headers: HeaderMap,
    ApiJson(body): ApiJson<UserPatch>,
) -> Result<Response, HttpError> {
    let precondition = if_match(&headers, id)?;
    let mut details = Vec::new();
    let email = match body
        .microsoft_email
        .as_deref()
        .map(validate::microsoft_email)
    {
        Some(Err(e)) => {
            details.push(field_error("microsoftEmail", e));
            None
        }
        other => other.and_then(Result::ok),
    };
    let name = match body
        .sales_user_name
        .as_deref()
        .map(validate::sales_user_name)
    {
        Some(Err(e)) => {
            details.push(field_error("salesUserName", e));
            None
        }
        other => other.and_then(Result::ok),
    };
    if body.microsoft_email.is_none() && body.sales_user_name.is_none() {
        return Err(HttpError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidBody,
            "Give microsoftEmail, salesUserName or both.",
        ));
    }
    if !details.is_empty() {
        return Err(HttpError::with_body(
            StatusCode::BAD_REQUEST,
            ApiErrorBody {
                title: "Bad Request".into(),
                status: 400,
                error_details: details,
            },
        ));
    }
    let result = state
        .write(move |conn| {
            let version = match precondition {
                IfMatch::Any => None,
                IfMatch::Version(v) => Some(v),
                // Make sure a missing user is a 404, not a 412.
                IfMatch::Never => {
                    return match db::get_user(conn, id) {
                        Ok(Some(current)) => Err(PatchError::Stale(Box::new(current))),
                        Ok(None) => Err(PatchError::NotFound),
                        Err(e) => Err(PatchError::Db(e)),
                    }
                }
            };
            db::update_credentials(conn, id, version, email.as_deref(), name.as_deref())
        })
        .await?;
    match result {
        Ok(user) => Ok(with_etag(user)),
        Err(PatchError::NotFound) => Err(user_not_found(id)),
        Err(PatchError::Stale(current)) => {
            let mut res = HttpError::new(
                StatusCode::PRECONDITION_FAILED,
                ErrorCode::PreconditionFailed,
                "The user was changed since you loaded it. Reload it and try again.",
            )
            .into_response();
            res.headers_mut().insert(header::ETAG, etag(&current));
            Ok(res)
        }
        Err(PatchError::EmailTaken) => Err(HttpError::with_body(
            StatusCode::CONFLICT,
            ApiErrorBody {
                title: "Conflict".into(),
                status: 409,
                error_details: vec![ErrorDetail {
                    detail: "This Microsoft account is already mapped to another user.".into(),
                    error_code: ErrorCode::EmailTaken.as_str().into(),
                    error_path: Some("microsoftEmail".into()),
                }],
            },
        )),
        Err(PatchError::Db(e)) => Err(HttpError::internal(e)),
    }
}

/// `DELETE /users/{id}`: removes the mapping and its history only.
pub async fn delete(
    State(state): State<AppState>,
    UserId(id): UserId,
) -> Result<StatusCode, HttpError> {
    let deleted = state.write(move |conn| db::delete_user(conn, id)).await??;
    if deleted {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(user_not_found(id))
    }
}

/// `GET /users/{id}/transactions`: newest first unless `orderBy` says.
pub async fn transactions(
    State(state): State<AppState>,
    UserId(id): UserId,
    RawQuery(raw): RawQuery,
) -> Result<Response, HttpError> {
    let q = list_query(raw.as_deref(), false, true)?;
    let order = match q.order_by.as_deref() {
        None => TransactionSort::DEFAULT,
        Some(s) => TransactionSort::parse(s).map_err(invalid_param)?,
    };
    let page = state
        .read(move |conn| db::transactions(conn, id, order, q.page))
        .await?;
    page.map(|p| Json(p).into_response())
        .ok_or_else(|| user_not_found(id))
}
