//! Run-time test control (only with `--fault-control`): make the next N
//! calls to an API route fail, hang or answer malformed JSON; and set the
//! server's state (`state`). Browser tests use it to reach the console's
//! error paths and warnings against the real server.

use std::sync::Mutex;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sync_monitor_core::ErrorCode;

use crate::api::extract::ApiJson;
use crate::error::HttpError;
use crate::AppState;

mod state;
pub use state::{set_job, set_permission};

/// What an injected fault does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultMode {
    /// Answer with `status` (default 500) in the error format.
    Fail,
    /// Answer 200 with a body that is not JSON.
    Malformed,
    /// Wait `hangMs` (default 60 s) before handling the call.
    Hang,
    /// Handle the call (its effects apply), then lose the answer: the
    /// client gets a 504 as if the connection had dropped.
    Lost,
}

/// One armed fault.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    /// Path under the API base that the fault applies to, e.g. `/summary`
    /// (a prefix: `/users` matches `/users/42`).
    pub route: String,
    pub mode: FaultMode,
    /// How many calls it affects (default 1).
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub hang_ms: Option<u64>,
}

fn one() -> u32 {
    1
}

/// The armed faults.
#[derive(Debug, Default)]
pub struct Faults(Mutex<Vec<Fault>>);

impl Faults {
    /// Takes one use of the first fault armed for `path`, if any.
    fn take(&self, path: &str) -> Option<Fault> {
        let mut faults = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let i = faults.iter().position(|f| path.starts_with(&f.route))?;
        let fault = faults[i].clone();
        faults[i].count -= 1;
        if faults[i].count == 0 {
            faults.remove(i);
        }
        Some(fault)
    }

    fn arm(&self, fault: Fault) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(fault);
    }

    fn clear(&self) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

/// The path under the API base (`/summary`, `/users/42`); under
/// `nest_service("/api")` the URI lost its `/api` prefix.
fn api_path(req: &Request) -> String {
    req.uri()
        .path()
        .strip_prefix("/monitor/v1")
        .unwrap_or("")
        .to_owned()
}

/// Middleware on the monitor API: applies armed faults.
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = api_path(&req);
    let Some(fault) = state.faults.take(&path) else {
        return next.run(req).await;
    };
    tracing::info!(%path, mode = ?fault.mode, "injecting fault");
    match fault.mode {
        FaultMode::Fail => {
            let status = fault
                .status
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            HttpError::new(status, ErrorCode::Fault, "Injected failure.").into_response()
        }
        FaultMode::Malformed => Response::builder()
            .header("content-type", "application/json")
            .body(Body::from("{\"lastSyncFailed\": 12, <html>oops"))
            .unwrap_or_default(),
        FaultMode::Hang => {
            tokio::time::sleep(Duration::from_millis(fault.hang_ms.unwrap_or(60_000))).await;
            next.run(req).await
        }
        FaultMode::Lost => {
            let applied = next.run(req).await;
            tracing::info!(status = %applied.status(), "answer lost on purpose");
            HttpError::new(
                StatusCode::GATEWAY_TIMEOUT,
                ErrorCode::Fault,
                "Injected fault: the answer was lost after the request was applied.",
            )
            .into_response()
        }
    }
}

/// `POST /api/_control/faults`: arms a fault.
pub async fn arm(
    State(state): State<AppState>,
    ApiJson(fault): ApiJson<Fault>,
) -> Result<StatusCode, HttpError> {
    if fault.count == 0 {
        return Err(HttpError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidControl,
            "count must be at least 1.",
        ));
    }
    state.faults.arm(fault);
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/_control/faults`: disarms every fault.
pub async fn clear(State(state): State<AppState>) -> StatusCode {
    state.faults.clear();
    StatusCode::NO_CONTENT
}

/// Latency and failure rates configured by flags, per route prefix.
#[derive(Clone)]
pub struct Configured {
    latency: std::sync::Arc<Vec<(String, u64)>>,
    failure: std::sync::Arc<Vec<(String, f64)>>,
    rng: std::sync::Arc<Mutex<crate::seed::Rng>>,
}

impl Configured {
    pub fn new(latency: &[(String, u64)], failure: &[(String, f64)]) -> Self {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1);
        Configured {
            latency: std::sync::Arc::new(latency.to_vec()),
            failure: std::sync::Arc::new(failure.to_vec()),
            rng: std::sync::Arc::new(Mutex::new(crate::seed::Rng::new(seed))),
        }
    }
}

/// Middleware: applies `--latency` and `--failure-rate`.
pub async fn configured(State(c): State<Configured>, req: Request, next: Next) -> Response {
    let path = api_path(&req);
    if let Some((_, ms)) = c.latency.iter().find(|(r, _)| path.starts_with(r.as_str())) {
        tokio::time::sleep(Duration::from_millis(*ms)).await;
    }
    if let Some((_, rate)) = c.failure.iter().find(|(r, _)| path.starts_with(r.as_str())) {
        let roll = c
            .rng
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .below(1_000_000) as f64
            / 1e6;
        if roll < *rate {
            return HttpError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Fault,
                "Injected failure (--failure-rate).",
            )
            .into_response();
        }
    }
    next.run(req).await
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FinishRequest {
    user_id: i64,
}

/// `POST /api/_control/finish-sync`: the sync engine finishes one user's
/// running sync now (successfully, with a new transaction).
pub async fn finish_sync(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<FinishRequest>,
) -> Result<StatusCode, HttpError> {
    let id = req.user_id;
    let done = state
        .write(move |conn| crate::simulate::finish_user(conn, id, chrono::Utc::now()))
        .await??;
    if done {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(HttpError::new(
            StatusCode::CONFLICT,
            ErrorCode::NotRunning,
            "This user has no sync in progress.",
        ))
    }
}
