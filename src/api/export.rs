//! `GET /users/export`: the view's users as the server writes them to CSV,
//! received as a Blob that goes straight to the download (never through
//! the wasm module's memory).

use gloo_net::http::Request;
use sync_monitor_core::query::encode_query;
use sync_monitor_core::{Sort, UserFilter};
use wasm_bindgen::JsCast;

use super::{ApiClient, ApiError};

/// A whole export may take longer than an ordinary call.
const EXPORT_TIMEOUT_MS: u32 = 120_000;

impl ApiClient {
    /// The CSV of every user matching `filter` in `sort` order, with times at
    /// `utc_offset_minutes`, and its number of rows.
    pub async fn users_csv(
        &self,
        filter: &UserFilter,
        sort: Sort,
        utc_offset_minutes: i32,
    ) -> Result<(web_sys::Blob, u64), ApiError> {
        let mut pairs = filter.to_pairs();
        pairs.push(("orderBy", sort.encode()));
        pairs.push(("utcOffsetMinutes", utc_offset_minutes.to_string()));
        let url = format!("{}/users/export?{}", self.base, encode_query(&pairs));
        let make = || Request::get(&url).header("Accept", "text/csv");
        let res = self.send_timed(make, None, None, EXPORT_TIMEOUT_MS).await?;
        let status = res.status();
        if !(200..300).contains(&status) {
            let text = res.text().await.map_err(ApiError::from_network)?;
            return Err(ApiError::from_response(status, &text));
        }
        let rows = res
            .headers()
            .get("x-total-count")
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let unreadable = |_| ApiError::Decode("the CSV could not be read".into());
        let promise = web_sys::Response::from(res).blob().map_err(unreadable)?;
        let blob = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|e| ApiError::Network(format!("{e:?}")))?
            .dyn_into::<web_sys::Blob>()
            .map_err(unreadable)?;
        Ok((blob, rows))
    }
}
