//! One user, for the details page: loaded by id, reloaded quietly (the
//! page updates in place) after an action or while a sync runs. Every load
//! has a number; an answer older than the newest load is dropped, so a slow
//! poll never overwrites what an action just changed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::User;

use crate::api::{ApiClient, ApiError};

/// What the page shows; the user itself lives in its own signal.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    Loading,
    Found,
    NotFound,
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub struct UserState {
    pub state: RwSignal<Loaded>,
    pub user: RwSignal<Option<User>>,
    generation: StoredValue<u64>,
    client: StoredValue<ApiClient>,
}

impl UserState {
    pub fn new(client: ApiClient) -> Self {
        UserState {
            state: RwSignal::new(Loaded::Loading),
            user: RwSignal::new(None),
            generation: StoredValue::new(0),
            client: StoredValue::new(client),
        }
    }

    /// Loads user `id` (`None`: not a valid id). `quiet` keeps the page
    /// as it is until the answer arrives.
    pub fn load(&self, id: Option<i64>, quiet: bool) {
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let Some(id) = id else {
            self.state.set(Loaded::NotFound);
            return;
        };
        if !quiet {
            self.state.set(Loaded::Loading);
            self.user.set(None);
        }
        let this = *self;
        let client = self.client.get_value();
        spawn_local(async move {
            let result = client.user(id).await;
            if this.generation.try_get_value() != Some(generation) {
                return; // a newer load owns the page, or it is gone
            }
            let next = match result {
                Ok((u, _)) => {
                    this.user.set(Some(u));
                    Loaded::Found
                }
                Err(e) if e.status() == Some(404) => Loaded::NotFound,
                Err(e) => Loaded::Failed(e),
            };
            if this.state.get_untracked() != next {
                this.state.set(next);
            }
        });
    }
}
