//! `GET /summary`: the information cards' counts.

use axum::extract::State;
use axum::Json;
use sync_monitor_core::Summary;

use crate::api::extract::NoQuery;
use crate::error::HttpError;
use crate::AppState;

pub async fn get_summary(
    State(state): State<AppState>,
    _: NoQuery,
) -> Result<Json<Summary>, HttpError> {
    Ok(Json(state.read(|r| crate::db::summary(r)).await?))
}
