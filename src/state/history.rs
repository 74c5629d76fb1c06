//! A user's Transaction History: pages loaded as the table scrolls, in the
//! chosen order, and the last 30 syncs for the chart.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::{Transaction, TransactionColumn};

use crate::api::ApiClient;
use crate::state::paged::Paged;

/// Transactions per request.
const PAGE: u64 = 50;
/// Syncs in the chart.
pub const CHART: u64 = 30;

#[derive(Clone, Copy)]
pub struct History {
    user_id: i64,
    /// (column, ascending); newest first by default.
    pub sort: RwSignal<(TransactionColumn, bool)>,
    pub page: Paged<Transaction>,
    /// The last syncs, oldest first (for the chart).
    pub recent: RwSignal<Option<Vec<Transaction>>>,
    client: StoredValue<ApiClient>,
}

impl History {
    /// The history of `user_id`, over the API client in context.
    pub fn new(user_id: i64) -> Self {
        let client = expect_context::<ApiClient>();
        History {
            user_id,
            sort: RwSignal::new((TransactionColumn::DEFAULT_SORT, false)),
            page: Paged::new(),
            recent: RwSignal::new(None),
            client: StoredValue::new(client),
        }
    }

    /// Loads the first page again (`reset`) or the next page.
    pub fn load(&self, reset: bool) {
        let (column, asc) = self.sort.get_untracked();
        let order = format!("{}:{}", column.field(), if asc { "asc" } else { "desc" });
        let (client, user_id) = (self.client.get_value(), self.user_id);
        self.page.load(reset, move |offset| async move {
            client.transactions(user_id, &order, offset, PAGE).await
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
