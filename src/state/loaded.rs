//! One API answer the dashboard shows and reloads — the card counts and
//! the permission (`GET /summary`), the jobs' health (`GET /jobs`). A
//! reload keeps what is on screen until the new answer replaces it, and a
//! late answer never overwrites a newer one.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};
use crate::state::task::spawn_now;

type Fetch<T> = Box<dyn Fn(ApiClient) -> Pin<Box<dyn Future<Output = Result<T, ApiError>>>>>;

pub struct Loaded<T: 'static> {
    /// The last answer that arrived; `None` until the first.
    pub data: RwSignal<Option<T>>,
    /// Why the last load failed, until the next one succeeds.
    pub error: RwSignal<Option<ApiError>>,
    /// True while a load is on its way.
    pub loading: RwSignal<bool>,
    /// When the last answer arrived.
    pub at: RwSignal<Option<chrono::DateTime<chrono::Utc>>>,
    generation: StoredValue<u64>,
    client: StoredValue<ApiClient>,
    fetch: StoredValue<Fetch<T>, LocalStorage>,
}

impl<T: 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Loaded<T> {}

impl<T: Send + Sync + 'static> Loaded<T> {
    /// Starts loading with `fetch` at once.
    pub fn new<F>(client: ApiClient, fetch: impl Fn(ApiClient) -> F + 'static) -> Self
    where
        F: Future<Output = Result<T, ApiError>> + 'static,
    {
        let state = Self::idle(client, fetch);
        state.load();
        state
    }

    /// Loads with `fetch` on the first [`Loaded::load`].
    pub fn idle<F>(client: ApiClient, fetch: impl Fn(ApiClient) -> F + 'static) -> Self
    where
        F: Future<Output = Result<T, ApiError>> + 'static,
    {
        let fetch: Fetch<T> = Box::new(move |c| Box::pin(fetch(c)));
        Loaded {
            data: RwSignal::new(None),
            error: RwSignal::new(None),
            loading: RwSignal::new(false),
            at: RwSignal::new(None),
            generation: StoredValue::new(0),
            client: StoredValue::new(client),
            fetch: StoredValue::new_local(fetch),
        }
    }

    /// Asks again.
    pub fn load(&self) {
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let request = self.fetch.with_value(|f| f(self.client.get_value()));
        let this = *self;
        self.loading.set(true);
        spawn_now(async move {
            let result = request.await;
            if this.generation.try_get_value() != Some(generation) {
                return; // a newer load owns the data, or the page is gone
            }
            this.loading.set(false);
            match result {
                Ok(data) => {
                    this.data.set(Some(data));
                    this.error.set(None);
                    this.at.set(Some(chrono::Utc::now()));
                }
                Err(e) => this.error.set(Some(e)),
            }
        });
    }
}
