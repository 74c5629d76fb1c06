//! The user table's data: pages of rows fetched on demand as the user
//! scrolls, de-duplicated, and discarded when the view changes. Every view
//! change starts a new generation: requests of older generations are
//! aborted, and any late answer is dropped, never painted over newer data.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::{Sort, User, UserFilter};

use crate::api::{ApiClient, ApiError};

/// Rows per request.
pub const PAGE: u64 = 100;

/// What the table knows about its rows. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Rows {
    generation: StoredValue<u64>,
    query: StoredValue<(UserFilter, Sort)>,
    /// Matching users; `None` until the first page of this view answers.
    pub total: RwSignal<Option<u64>>,
    pages: RwSignal<HashMap<u64, Vec<User>>>,
    in_flight: StoredValue<HashSet<u64>>,
    /// The rows last asked for by [`Rows::ensure`] (first, count).
    wanted: StoredValue<(u64, u64)>,
    aborts: StoredValue<Vec<web_sys::AbortController>, LocalStorage>,
    pub error: RwSignal<Option<ApiError>>,
    client: StoredValue<ApiClient>,
}

impl Rows {
    pub fn new(client: ApiClient) -> Self {
        Rows {
            generation: StoredValue::new(0),
            query: StoredValue::new((UserFilter::default(), sync_monitor_core::view::DEFAULT_SORT)),
            total: RwSignal::new(None),
            pages: RwSignal::new(HashMap::new()),
            in_flight: StoredValue::new(HashSet::new()),
            wanted: StoredValue::new((0, 1)),
            aborts: StoredValue::new_local(Vec::new()),
            error: RwSignal::new(None),
            client: StoredValue::new(client),
        }
    }

    /// Starts over for `filter` and `sort`: cancels what is in flight and
    /// forgets every row.
    pub fn reset(&self, filter: UserFilter, sort: Sort) {
        self.generation.update_value(|g| *g += 1);
        self.aborts.update_value(|list| {
            for c in list.drain(..) {
                c.abort();
            }
        });
        self.in_flight.update_value(HashSet::clear);
        self.query.set_value((filter, sort));
        self.pages.set(HashMap::new());
        self.total.set(None);
        self.error.set(None);
        self.ensure(0, 1);
    }

    /// Refetches the current view (Retry, Refresh), keeping the rows on
    /// screen until their new values arrive.
    pub fn refresh(&self) {
        let loaded: Vec<u64> = self.pages.with_untracked(|p| p.keys().copied().collect());
        self.generation.update_value(|g| *g += 1);
        self.in_flight.update_value(HashSet::clear);
        self.error.set(None);
        for page in loaded {
            self.fetch(page);
        }
        let (first, count) = self.wanted.get_value();
        self.ensure(first, count);
    }

    /// Makes sure the rows `first..first + count` (plus one page of
    /// prefetch each way) are loaded or loading.
    pub fn ensure(&self, first: u64, count: u64) {
        self.wanted.set_value((first, count));
        let total = self.total.get_untracked();
        let last = first + count.max(1) - 1;
        let from = (first / PAGE).saturating_sub(1);
        let mut to = last / PAGE + 1;
        if let Some(t) = total {
            if t == 0 {
                return;
            }
            to = to.min((t - 1) / PAGE);
        } else {
            // Until the first answer tells the total, ask for one page only.
            to = from;
        }
        for page in from..=to {
            let known = self.pages.with_untracked(|p| p.contains_key(&page))
                || self.in_flight.with_value(|f| f.contains(&page));
            if !known {
                self.fetch(page);
            }
        }
    }

    fn fetch(&self, page: u64) {
        let this = *self;
        let generation = self.generation.get_value();
        let (filter, sort) = self.query.get_value();
        let client = self.client.get_value();
        // Counting costs the server a scan: ask with the first page, or
        // while the total is unknown.
        let want_total = page == 0 || self.total.get_untracked().is_none();
        let abort = web_sys::AbortController::new().ok();
        let signal = abort.as_ref().map(|a| a.signal());
        if let Some(a) = abort {
            self.aborts.update_value(|list| list.push(a));
        }
        self.in_flight.update_value(|f| {
            f.insert(page);
        });
        spawn_local(async move {
            let result = client
                .users(
                    &filter,
                    sort,
                    (page * PAGE, PAGE, want_total),
                    signal.as_ref(),
                )
                .await;
            // A newer view or refresh owns the table now: drop this answer.
            if this.generation.try_get_value() != Some(generation) {
                return;
            }
            this.in_flight.update_value(|f| {
                f.remove(&page);
            });
            match result {
                Ok(collection) => {
                    if let Some(t) = collection.total_results {
                        this.total.set(Some(t));
                    }
                    this.pages.update(|p| {
                        p.insert(page, collection.items);
                    });
                }
                Err(ApiError::Cancelled) => {}
                Err(e) => this.error.set(Some(e)),
            }
        });
    }

    /// The user at row `index`, if loaded.
    pub fn get(&self, index: u64) -> Option<User> {
        self.pages.with(|p| {
            p.get(&(index / PAGE))
                .and_then(|rows| rows.get((index % PAGE) as usize))
                .cloned()
        })
    }

    /// The id at row `index`, if loaded (untracked).
    pub fn id_at(&self, index: u64) -> Option<i64> {
        self.pages.with_untracked(|p| {
            p.get(&(index / PAGE))
                .and_then(|rows| rows.get((index % PAGE) as usize))
                .map(|u| u.id)
        })
    }

    /// The sales user name of a loaded user (untracked).
    pub fn name_of(&self, id: i64) -> Option<String> {
        self.pages.with_untracked(|p| {
            p.values()
                .flat_map(|rows| rows.iter())
                .find(|u| u.id == id)
                .map(|u| u.sales_user_name.clone())
        })
    }

    /// The ids of every loaded row, in row order.
    pub fn loaded_ids(&self) -> Vec<i64> {
        self.pages.with(|p| {
            let mut keys: Vec<&u64> = p.keys().collect();
            keys.sort();
            keys.into_iter()
                .flat_map(|k| p[k].iter().map(|u| u.id))
                .collect()
        })
    }

    /// The current query (filter and sort).
    pub fn query(&self) -> (UserFilter, Sort) {
        self.query.get_value()
    }
}
