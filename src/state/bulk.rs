//! Bulk actions on any number of users: ids go in chunks of 500, each chunk
//! with its own Idempotency-Key that is reused whenever the chunk is sent
//! again — after a network error, a timeout or a 5xx, and by Retry when its
//! outcome stayed unknown — so the server's replay tells what happened and
//! nothing is applied twice. Cancel stops between chunks.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::UserAction;

use crate::api::{new_idempotency_key, ApiClient, ApiError};

/// Ids per request (the API takes up to 1,000).
pub const CHUNK: usize = 500;
/// Tries per chunk before its outcome is reported as unknown.
const TRIES: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    Running,
    Cancelled,
    Finished,
}

/// A user the action did not apply to, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub id: i64,
    /// The sales user name, when known.
    pub name: Option<String>,
    pub reason: String,
}

/// Ids sent under one Idempotency-Key. Sending them again must use the
/// same key and the same ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    pub key: String,
    pub ids: Vec<i64>,
}

/// Progress and outcome of one bulk action.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkRun {
    pub action: UserAction,
    pub total: usize,
    pub done: usize,
    pub succeeded: usize,
    /// Users it could not apply to, with the reason.
    pub failures: Vec<Failure>,
    /// Chunks whose answer never came: applied or not, nobody knows yet.
    pub unknown: Vec<Chunk>,
    /// Users that succeeded (e.g. to drop deleted users from the selection).
    pub succeeded_ids: Vec<i64>,
    pub state: RunState,
}

impl BulkRun {
    /// Users whose outcome is unknown.
    pub fn unknown_count(&self) -> usize {
        self.unknown.iter().map(|c| c.ids.len()).sum()
    }

    /// The one-line result: "Done: 3 succeeded, 1 failed, 500 outcome unknown."
    pub fn summary(&self) -> String {
        use sync_monitor_core::format::count;
        if self.state == RunState::Running {
            return format!(
                "{} of {} users…",
                count(self.done as u64),
                count(self.total as u64)
            );
        }
        let how = if self.state == RunState::Cancelled {
            "Cancelled"
        } else {
            "Done"
        };
        let mut text = format!(
            "{how}: {} succeeded, {} failed",
            count(self.succeeded as u64),
            count(self.failures.len() as u64)
        );
        let unknown = self.unknown_count();
        if unknown > 0 {
            text.push_str(&format!(", {} outcome unknown", count(unknown as u64)));
        }
        let left = self.total.saturating_sub(self.done);
        if left > 0 {
            text.push_str(&format!(", {} not processed", count(left as u64)));
        }
        text.push('.');
        text
    }
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

    /// Runs `action` on `ids`, in new chunks.
    pub fn start(&self, action: UserAction, ids: Vec<i64>) {
        self.start_chunks(action, fresh_chunks(&ids));
    }

    /// Runs the last run's failed users again (new keys), and sends each
    /// chunk whose outcome is unknown again with its own key.
    pub fn retry(&self) {
        let Some(last) = self.run.get_untracked() else {
            return;
        };
        let failed: Vec<i64> = last.failures.iter().map(|f| f.id).collect();
        let mut chunks = last.unknown.clone();
        chunks.extend(fresh_chunks(&failed));
        self.start_chunks(last.action, chunks);
    }

    fn start_chunks(&self, action: UserAction, chunks: Vec<Chunk>) {
        let total: usize = chunks.iter().map(|c| c.ids.len()).sum();
        if total == 0 || self.is_running() {
            return;
        }
        self.cancel.set_value(false);
        self.run.set(Some(BulkRun {
            action,
            total,
            done: 0,
            succeeded: 0,
            failures: Vec::new(),
            unknown: Vec::new(),
            succeeded_ids: Vec::new(),
            state: RunState::Running,
        }));
        let this = *self;
        let client = self.client.get_value();
        spawn_local(async move {
            for chunk in chunks {
                if this.cancel.try_get_value().unwrap_or(true) {
                    this.finish(RunState::Cancelled);
                    return;
                }
                let outcome = send_chunk(&client, action, &chunk).await;
                let updated = this.run.try_update(|run| {
                    if let Some(run) = run {
                        run.done += chunk.ids.len();
                        record(run, chunk, outcome);
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

/// Adds one chunk's outcome to the run.
fn record(
    run: &mut BulkRun,
    chunk: Chunk,
    outcome: Result<sync_monitor_core::ActionResponse, ApiError>,
) {
    match outcome {
        Ok(res) => {
            for r in res.results {
                if r.succeeded {
                    run.succeeded += 1;
                    run.succeeded_ids.push(r.user_id);
                } else {
                    run.failures.push(Failure {
                        id: r.user_id,
                        name: r.sales_user_name,
                        reason: r.reason.unwrap_or_else(|| "Not applied.".into()),
                    });
                }
            }
        }
        // No answer: the server may or may not have applied it.
        Err(e) if e.is_retryable() => run.unknown.push(chunk),
        Err(e) => {
            let why = e.message();
            run.failures.extend(chunk.ids.iter().map(|id| Failure {
                id: *id,
                name: None,
                reason: why.clone(),
            }));
        }
    }
}

/// `ids` in chunks of [`CHUNK`], each with a new key.
fn fresh_chunks(ids: &[i64]) -> Vec<Chunk> {
    ids.chunks(CHUNK)
        .map(|c| Chunk {
            key: new_idempotency_key(),
            ids: c.to_vec(),
        })
        .collect()
}

/// Sends one chunk, retrying transient failures with the same key.
pub async fn send_chunk(
    client: &ApiClient,
    action: UserAction,
    chunk: &Chunk,
) -> Result<sync_monitor_core::ActionResponse, ApiError> {
    let mut delay = 300;
    let mut attempt = 1;
    loop {
        match client
            .run_action(action, chunk.ids.clone(), &chunk.key)
            .await
        {
            Err(e) if e.is_retryable() && attempt < TRIES => {
                sleep(delay).await;
                delay *= 2;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Sends `action` for one user (the details page), with a new key.
pub async fn run_one(
    client: &ApiClient,
    action: UserAction,
    id: i64,
) -> Result<sync_monitor_core::ActionResponse, ApiError> {
    let chunk = Chunk {
        key: new_idempotency_key(),
        ids: vec![id],
    };
    send_chunk(client, action, &chunk).await
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}
