//! Test control of the server's state (only with `--fault-control`): the
//! application permission (and its client secret's expiry) and the
//! scheduled jobs' last and next runs.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use sync_monitor_core::{ErrorCode, JobName, PermissionStatus};

use crate::api::extract::ApiJson;
use crate::error::HttpError;
use crate::AppState;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PermissionRequest {
    status: String,
    /// Overrides when the client secret expires, in days from now
    /// (negative: expired); the seed's default otherwise.
    #[serde(default)]
    client_secret_expires_in_days: Option<i64>,
}

/// `PUT /api/_control/application-permission`: sets the permission state.
pub async fn set_permission(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<PermissionRequest>,
) -> Result<StatusCode, HttpError> {
    let status = PermissionStatus::parse(&req.status).ok_or_else(|| {
        HttpError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidControl,
            "status must be NOT_ENABLED, ACTIVE or INACTIVE.",
        )
    })?;
    let now = chrono::Utc::now();
    let mut permission = crate::seed::permission(status, now);
    if let Some(days) = req.client_secret_expires_in_days {
        let days = chrono::Duration::try_days(days)
            .filter(|d| d.num_days().abs() <= 3650)
            .ok_or_else(|| {
                HttpError::new(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::InvalidControl,
                    "clientSecretExpiresInDays must be within ten years.",
                )
            })?;
        permission.client_secret_expires_at = Some(now + days);
    }
    state
        .write(move |conn| crate::db::set_application_permission(conn, &permission))
        .await??;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobRequest {
    /// How long ago the job last ran.
    last_run_minutes_ago: i64,
    /// When it runs next, in minutes from now (negative: overdue).
    next_run_in_minutes: i64,
    /// `SUCCEEDED` or `FAILED`.
    last_result: String,
}

/// `PUT /api/_control/jobs/{name}`: sets a job's last run, next run and
/// result (`INSTANT_SYNC`, `STANDARD_SYNC` or `TOKEN_REFRESH`).
pub async fn set_job(
    State(state): State<AppState>,
    axum::extract::Path(name): axum::extract::Path<String>,
    ApiJson(req): ApiJson<JobRequest>,
) -> Result<StatusCode, HttpError> {
    let invalid = |message: &'static str| {
        HttpError::new(StatusCode::BAD_REQUEST, ErrorCode::InvalidControl, message)
    };
    let name = match JobName::parse(&name) {
        JobName::Unknown => {
            return Err(invalid(
                "the job must be INSTANT_SYNC, STANDARD_SYNC or TOKEN_REFRESH.",
            ))
        }
        name => name,
    };
    let succeeded = match req.last_result.as_str() {
        "SUCCEEDED" => true,
        "FAILED" => false,
        _ => return Err(invalid("lastResult must be SUCCEEDED or FAILED.")),
    };
    let minutes = |m: i64| chrono::Duration::try_minutes(m).filter(|d| d.num_days().abs() < 3650);
    let (Some(ago), Some(next)) = (
        minutes(req.last_run_minutes_ago),
        minutes(req.next_run_in_minutes),
    ) else {
        return Err(invalid("minutes must be within ten years."));
    };
    let now = chrono::Utc::now();
    state
        .write(move |conn| crate::db::record_job(conn, name, now - ago, now + next, succeeded))
        .await??;
    Ok(StatusCode::NO_CONTENT)
}
