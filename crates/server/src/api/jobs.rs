//! `GET /jobs`: the health of the scheduled sync jobs.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::api::extract::NoQuery;
use crate::error::HttpError;
use crate::AppState;

pub async fn list(State(state): State<AppState>, _: NoQuery) -> Result<Json<Value>, HttpError> {
    let jobs = state.read(|r| crate::db::jobs(r)).await?;
    Ok(Json(json!({ "items": jobs })))
}
