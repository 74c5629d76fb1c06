//! `GET /summary`: the information cards' counts.

use axum::extract::State;
use axum::Json;
use sync_monitor_core::Summary;

use crate::error::ApiError;
use crate::AppState;

pub async fn get_summary(State(state): State<AppState>) -> Result<Json<Summary>, ApiError> {
    Ok(Json(state.read(crate::db::summary).await?))
}
