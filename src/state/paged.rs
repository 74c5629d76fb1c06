//! A table loaded a page at a time (a user's Transaction History, Sync
//! Errors): the rows so far, the total, whether a load is on its way and
//! why the last failed. Each load has a number; an answer older than the
//! newest load is dropped.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::Collection;

use crate::api::ApiError;

pub struct Paged<T: 'static> {
    pub items: RwSignal<Vec<T>>,
    pub total: RwSignal<Option<u64>>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    generation: StoredValue<u64>,
}

impl<T: 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Paged<T> {}

impl<T: Send + Sync + 'static> Paged<T> {
    pub fn new() -> Self {
        Paged {
            items: RwSignal::new(Vec::new()),
            total: RwSignal::new(None),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    /// True while more rows than loaded exist.
    pub fn has_more(&self) -> bool {
        self.total
            .get()
            .is_some_and(|t| (self.items.with(Vec::len) as u64) < t)
    }

    /// Loads the first page again (`reset`) or the next one: `fetch` gets
    /// the offset. A next page is not asked for while a load is on its way.
    pub fn load<F>(&self, reset: bool, fetch: impl FnOnce(u64) -> F)
    where
        F: Future<Output = Result<Collection<T>, ApiError>> + 'static,
    {
        if self.loading.get_untracked() && !reset {
            return;
        }
        let offset = if reset {
            0
        } else {
            self.items.with_untracked(Vec::len) as u64
        };
        self.generation.update_value(|g| *g += 1);
        let mine = self.generation.get_value();
        self.loading.set(true);
        self.error.set(None);
        let this = *self;
        let request = fetch(offset);
        spawn_local(async move {
            let result = request.await;
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
}
