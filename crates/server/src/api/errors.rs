//! `GET /errorGroups`: users whose last sync failed, grouped by error code.

use axum::extract::State;
use axum::Json;
use sync_monitor_core::{ErrorGroup, Items};

use crate::api::extract::NoQuery;
use crate::error::HttpError;
use crate::AppState;

pub async fn list(
    State(state): State<AppState>,
    _: NoQuery,
) -> Result<Json<Items<ErrorGroup>>, HttpError> {
    let items = state.read(|r| crate::db::error_groups(r)).await?;
    Ok(Json(Items { items }))
}
