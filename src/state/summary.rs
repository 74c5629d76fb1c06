//! The card counts and the permission state (`GET /summary`). A refresh
//! keeps what is on screen until the new answer replaces it, and a late
//! answer never overwrites a newer one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::Summary;

use crate::api::{ApiClient, ApiError};

#[derive(Clone, Copy)]
pub struct SummaryState {
    /// The last summary that arrived; `None` until the first.
    pub data: RwSignal<Option<Summary>>,
    /// Why the last load failed, until the next one succeeds.
    pub error: RwSignal<Option<ApiError>>,
    /// True while a load is on its way.
    pub loading: RwSignal<bool>,
    generation: StoredValue<u64>,
    client: StoredValue<ApiClient>,
}

impl SummaryState {
    /// Starts loading at once.
    pub fn new(client: ApiClient) -> Self {
        let state = SummaryState {
            data: RwSignal::new(None),
            error: RwSignal::new(None),
            loading: RwSignal::new(false),
            generation: StoredValue::new(0),
            client: StoredValue::new(client),
        };
        state.load();
        state
    }

    /// Asks for the summary again.
    pub fn load(&self) {
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let client = self.client.get_value();
        let this = *self;
        self.loading.set(true);
        spawn_local(async move {
            let result = client.summary().await;
            if this.generation.try_get_value() != Some(generation) {
                return; // a newer load owns the cards, or the page is gone
            }
            this.loading.set(false);
            match result {
                Ok(s) => {
                    this.data.set(Some(s));
                    this.error.set(None);
                }
                Err(e) => this.error.set(Some(e)),
            }
        });
    }
}
