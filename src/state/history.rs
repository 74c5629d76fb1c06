//! A user's Transaction History: pages loaded as the table scrolls, in the
//! chosen order, and the last 30 syncs for the chart. Each load has a
//! number; an answer older than the newest load is dropped.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::{Transaction, TransactionColumn};

use crate::api::{ApiClient, ApiError};

/// Transactions per request.
const PAGE: u64 = 50;
/// Syncs in the chart.
pub const CHART: u64 = 30;

#[derive(Clone, Copy)]
pub struct History {
    user_id: i64,
    /// (column, ascending); newest first by default.
    pub sort: RwSignal<(TransactionColumn, bool)>,
    pub items: RwSignal<Vec<Transaction>>,
    pub total: RwSignal<Option<u64>>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    /// The last syncs, oldest first (for the chart).
    pub recent: RwSignal<Option<Vec<Transaction>>>,
    generation: StoredValue<u64>,
    client: StoredValue<ApiClient>,
}

impl History {
    /// The history of `user_id`, over the API client in context.
    pub fn new(user_id: i64) -> Self {
        let client = expect_context::<ApiClient>();
        History {
            user_id,
            sort: RwSignal::new((TransactionColumn::DEFAULT_SORT, false)),
            items: RwSignal::new(Vec::new()),
            total: RwSignal::new(None),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
            recent: RwSignal::new(None),
            generation: StoredValue::new(0),
            client: StoredValue::new(client),
        }
    }

    /// True while more transactions than loaded exist.
    pub fn has_more(&self) -> bool {
        self.total
            .get()
            .is_some_and(|t| (self.items.with(Vec::len) as u64) < t)
    }

    /// Loads the first page again (`reset`) or the next page.
    pub fn load(&self, reset: bool) {
        if self.loading.get_untracked() && !reset {
            return;
        }
        let (column, asc) = self.sort.get_untracked();
        let order = format!("{}:{}", column.field(), if asc { "asc" } else { "desc" });
        let offset = if reset {
            0
        } else {
            self.items.with_untracked(Vec::len) as u64
        };
        self.generation.update_value(|g| *g += 1);
        let mine = self.generation.get_value();
        self.loading.set(true);
        self.error.set(None);
        let (this, client, user_id) = (*self, self.client.get_value(), self.user_id);
        spawn_local(async move {
            let result = client.transactions(user_id, &order, offset, PAGE).await;
            if this.generation.try_get_value() != Some(mine) {
                return;
            }
            this.loading.set(false);
            match result {
                Ok(page) => {
                    this.total.set(page.total_results);
                    this.items.update(|v| {
                        if reset {
                            v.clear();
                        }
                        v.extend(page.items);
                    });
                }
                Err(e) => this.error.set(Some(e)),
            }
        });
    }

    /// Loads the last syncs for the chart (a failure leaves it as it was).
    pub fn load_recent(&self) {
        let (this, client, user_id) = (*self, self.client.get_value(), self.user_id);
        let order = format!("{}:desc", TransactionColumn::SyncStart.field());
        spawn_local(async move {
            if let Ok(page) = client.transactions(user_id, &order, 0, CHART).await {
                let mut items = page.items;
                items.reverse();
                this.recent.try_set(Some(items));
            }
        });
    }
}
