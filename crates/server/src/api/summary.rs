//! `GET /summary[?expiringWithinDays=N]`: the information cards' counts.

use axum::extract::{RawQuery, State};
use axum::Json;
use sync_monitor_core::query::{decode_query, expiry_window};
use sync_monitor_core::Summary;

use super::extract::invalid_param;
use crate::error::HttpError;
use crate::AppState;

/// The default window of `expiringAuthorizations`, in days.
pub const DEFAULT_EXPIRING_WITHIN_DAYS: u32 = 7;

pub async fn get_summary(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Summary>, HttpError> {
    let mut days = None;
    for (key, value) in decode_query(raw.as_deref().unwrap_or("")) {
        if key != "expiringWithinDays" {
            return Err(invalid_param(format!(
                "Unknown parameter '{key}': the only parameter is expiringWithinDays."
            )));
        }
        let d = expiry_window(&value).map_err(|e| invalid_param(format!("{key}: {e}")))?;
        if days.replace(d).is_some() {
            return Err(invalid_param(format!("{key}: give it at most once.")));
        }
    }
    let days = days.unwrap_or(DEFAULT_EXPIRING_WITHIN_DAYS);
    let now = chrono::Utc::now();
    Ok(Json(
        state
            .read(move |r| crate::db::summary(r, now, days))
            .await?,
    ))
}
