//! Bulk actions on any number of users: ids go in chunks of 500, each chunk
//! with its own Idempotency-Key that is reused when the chunk is retried
//! after a network error, a timeout or a 5xx — so nothing is applied twice.
//! Cancel stops between chunks.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::UserAction;

use crate::api::{new_idempotency_key, ApiClient, ApiError};

/// Ids per request (the API takes up to 1,000).
pub const CHUNK: usize = 500;
/// Tries per chunk before its users are reported as failed.
const TRIES: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    Running,
    Cancelled,
    Finished,
}

/// Progress and outcome of one bulk action.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkRun {
    pub action: UserAction,
    pub total: usize,
    pub done: usize,
    pub succeeded: usize,
    /// Users it could not apply to, with the reason.
    pub failures: Vec<(i64, String)>,
    /// Users that succeeded (e.g. to drop deleted users from the selection).
    pub succeeded_ids: Vec<i64>,
    pub state: RunState,
}

#[derive(Clone, Copy)]
pub struct Bulk {
    pub run: RwSignal<Option<BulkRun>>,
    cancel: StoredValue<bool>,
    client: StoredValue<ApiClient>,
    on_end: Callback<BulkRun>,
}

impl Bulk {
    /// `on_end` runs once a run finishes or is cancelled.
    pub fn new(client: ApiClient, on_end: Callback<BulkRun>) -> Self {
        Bulk {
            run: RwSignal::new(None),
            cancel: StoredValue::new(false),
            client: StoredValue::new(client),
            on_end,
        }
    }

    pub fn is_running(&self) -> bool {
        self.run
            .with(|r| r.as_ref().is_some_and(|r| r.state == RunState::Running))
    }

    /// Stops after the chunk in flight.
    pub fn cancel(&self) {
        self.cancel.set_value(true);
    }

    pub fn dismiss(&self) {
        if !self.is_running() {
            self.run.set(None);
        }
    }

    /// Runs `action` on `ids`.
    pub fn start(&self, action: UserAction, ids: Vec<i64>) {
        if ids.is_empty() || self.is_running() {
            return;
        }
        self.cancel.set_value(false);
        self.run.set(Some(BulkRun {
            action,
            total: ids.len(),
            done: 0,
            succeeded: 0,
            failures: Vec::new(),
            succeeded_ids: Vec::new(),
            state: RunState::Running,
        }));
        let this = *self;
        let client = self.client.get_value();
        spawn_local(async move {
            for chunk in ids.chunks(CHUNK) {
                if this.cancel.try_get_value().unwrap_or(true) {
                    this.finish(RunState::Cancelled);
                    return;
                }
                let outcome = send_chunk(&client, action, chunk).await;
                let updated = this.run.try_update(|run| {
                    if let Some(run) = run {
                        run.done += chunk.len();
                        match outcome {
                            Ok(res) => {
                                for r in res.results {
                                    if r.succeeded {
                                        run.succeeded += 1;
                                        run.succeeded_ids.push(r.user_id);
                                    } else {
                                        let why = r.reason.unwrap_or_else(|| "Not applied.".into());
                                        run.failures.push((r.user_id, why));
                                    }
                                }
                            }
                            Err(e) => {
                                let why = e.message();
                                run.failures
                                    .extend(chunk.iter().map(|id| (*id, why.clone())));
                            }
                        }
                    }
                });
                if updated.is_none() {
                    return; // the page is gone
                }
            }
            this.finish(RunState::Finished);
        });
    }

    fn finish(&self, state: RunState) {
        let ended = self.run.try_update(|run| {
            run.as_mut().map(|r| {
                r.state = state;
                r.clone()
            })
        });
        if let Some(Some(run)) = ended {
            self.on_end.run(run);
        }
    }
}

/// Sends one chunk, retrying transient failures with the same key.
pub async fn send_chunk(
    client: &ApiClient,
    action: UserAction,
    chunk: &[i64],
) -> Result<sync_monitor_core::ActionResponse, ApiError> {
    let key = new_idempotency_key();
    let mut delay = 300;
    let mut attempt = 1;
    loop {
        match client.run_action(action, chunk.to_vec(), &key).await {
            Err(e) if e.is_retryable() && attempt < TRIES => {
                sleep(delay).await;
                delay *= 2;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
