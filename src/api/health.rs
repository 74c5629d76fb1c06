//! The calls behind the dashboard's health regions: the scheduled jobs,
//! the error groups and the sync trend.

use sync_monitor_core::{ErrorGroup, Items, Job, SyncStats};

use super::{ApiClient, ApiError};

impl ApiClient {
    /// `GET /jobs`.
    pub async fn jobs(&self) -> Result<Vec<Job>, ApiError> {
        let answer: Items<Job> = self.get_json("/jobs", None).await?;
        Ok(answer.items)
    }

    /// `GET /errorGroups`.
    pub async fn error_groups(&self) -> Result<Vec<ErrorGroup>, ApiError> {
        let answer: Items<ErrorGroup> = self.get_json("/errorGroups", None).await?;
        Ok(answer.items)
    }

    /// `GET /syncStats`: the last `days` days, in the browser's days.
    pub async fn sync_stats(&self, days: u32) -> Result<SyncStats, ApiError> {
        // Every time zone is whole quarter hours east or west of UTC.
        let minutes = -(js_sys::Date::new_0().get_timezone_offset() as i32);
        let offset = (minutes as f64 / 15.0).round() as i32 * 15;
        self.get_json(
            &format!("/syncStats?days={days}&utcOffsetMinutes={offset}"),
            None,
        )
        .await
    }
}
