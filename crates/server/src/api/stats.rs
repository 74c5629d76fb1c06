//! `GET /syncStats?days=N&utcOffsetMinutes=M`: sync outcomes per day.

use axum::extract::{RawQuery, State};
use axum::Json;
use sync_monitor_core::query::decode_query;
use sync_monitor_core::SyncStats;

use super::extract::{invalid_param, utc_offset_minutes};
use crate::error::HttpError;
use crate::AppState;

/// Days the trend may cover.
const MAX_DAYS: u32 = 90;

pub async fn get(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SyncStats>, HttpError> {
    let (mut days, mut offset) = (None, None);
    for (key, value) in decode_query(raw.as_deref().unwrap_or("")) {
        let repeated = match key.as_str() {
            "days" => days.replace(parse_days(&value)?).is_some(),
            "utcOffsetMinutes" => offset.replace(quarter_hours(&value)?).is_some(),
            _ => {
                return Err(invalid_param(format!(
                    "Unknown parameter '{key}': give days and utcOffsetMinutes."
                )))
            }
        };
        if repeated {
            return Err(invalid_param(format!("{key}: give it at most once.")));
        }
    }
    let (days, utc_offset_minutes) = (days.unwrap_or(30), offset.unwrap_or(0));
    let now = chrono::Utc::now();
    let items = state
        .read(move |r| crate::db::sync_stats(r, now, days, utc_offset_minutes))
        .await?;
    Ok(Json(SyncStats {
        days,
        utc_offset_minutes,
        items,
    }))
}

fn parse_days(value: &str) -> Result<u32, HttpError> {
    value
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=MAX_DAYS).contains(d))
        .ok_or_else(|| {
            invalid_param(format!(
                "days: '{value}' must be an integer from 1 to {MAX_DAYS}."
            ))
        })
}

/// An offset in whole quarter hours (every time zone is), so each stored
/// quarter hour falls in exactly one of the client's days.
fn quarter_hours(value: &str) -> Result<i32, HttpError> {
    let minutes = utc_offset_minutes(value)?;
    if minutes % 15 != 0 {
        return Err(invalid_param(format!(
            "utcOffsetMinutes: '{value}' must be whole quarter hours."
        )));
    }
    Ok(minutes)
}
