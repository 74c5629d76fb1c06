//! The current time, ticking every 30 s, for relative times ("5 min ago").

use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Now(pub RwSignal<DateTime<Utc>>);

impl Now {
    /// A clock that ticks while the calling component lives.
    pub fn ticking() -> Self {
        let now = RwSignal::new(Utc::now());
        if let Ok(tick) = set_interval_with_handle(
            move || now.set(Utc::now()),
            std::time::Duration::from_secs(30),
        ) {
            on_cleanup(move || tick.clear());
        }
        Now(now)
    }
}
