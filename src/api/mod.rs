//! The one place that speaks HTTP. Every call returns `Result<T, ApiError>`;
//! nothing here panics on what the network sends back (non-JSON bodies,
//! unknown fields and error answers all become an [`ApiError`]).

mod error;
mod export;
mod health;
pub mod host;
mod idempotency;
mod sync_errors;

use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::{ArcRwSignal, Get};
use serde::de::DeserializeOwned;
use sync_monitor_core::query::encode_query;
use sync_monitor_core::{
    ActionRequest, ActionResponse, AuthConfig, Collection, ConsoleConfig, Sort, Summary,
    Transaction, User, UserAction, UserFilter, UserIds, UserPatch,
};

pub use error::{ApiError, SESSION_EXPIRED};
pub use idempotency::new_idempotency_key;

/// How long a call may take before it is abandoned as timed out.
const TIMEOUT_MS: u32 = 15_000;

/// Loads and checks the runtime configuration (`config.json`, beside
/// `index.html`); a mistake names its key.
pub async fn load_config() -> Result<ConsoleConfig, ApiError> {
    let res = Request::get("config.json")
        .abort_signal(Some(&with_timeout(None, TIMEOUT_MS)))
        .send()
        .await
        .map_err(ApiError::from_network)?;
    let status = res.status();
    let text = res.text().await.map_err(ApiError::from_network)?;
    if !(200..300).contains(&status) {
        return Err(ApiError::Config(format!(
            "config.json could not be loaded (HTTP {status})."
        )));
    }
    ConsoleConfig::parse(&text).map_err(|e| ApiError::Config(format!("{e}.")))
}

/// How calls are authenticated.
#[derive(Clone)]
enum Credentials {
    /// A bearer token from the configuration.
    Static(String),
    /// The host's JWT (Embedding protocol v1, see [`host`]).
    Host,
    /// The browser's session cookie with the API's origin.
    Cookie,
}

/// A client of the monitor API with the base URL and credentials from the
/// configuration. Cheap to clone.
#[derive(Clone)]
pub struct ApiClient {
    base: String,
    credentials: Credentials,
    session_expired: ArcRwSignal<bool>,
}

impl ApiClient {
    /// The client for `config`; in host mode outside a frame, why the
    /// console cannot work.
    pub fn new(config: &ConsoleConfig) -> Result<Self, ApiError> {
        let session_expired = ArcRwSignal::new(false);
        let credentials = match &config.auth {
            AuthConfig::Static { token } => Credentials::Static(token.clone()),
            AuthConfig::Cookie => Credentials::Cookie,
            AuthConfig::Host {
                host_origins,
                timeout_ms,
            } => {
                if !host::in_frame() {
                    return Err(ApiError::Config(
                        "Open the Microsoft 365 Monitor from the sales application: it signs \
                         you in from there."
                            .into(),
                    ));
                }
                host::install(host_origins.clone(), *timeout_ms, session_expired.clone());
                Credentials::Host
            }
        };
        Ok(ApiClient {
            base: config.api_base_url.trim_end_matches('/').to_owned(),
            credentials,
            session_expired,
        })
    }

    /// True once the host's sign-in is gone (no token, or refused twice):
    /// the page shows "session expired — reload the page".
    pub fn session_expired(&self) -> bool {
        self.session_expired.get()
    }

    /// `GET /summary`.
    pub async fn summary(&self) -> Result<Summary, ApiError> {
        self.get_json("/summary", None).await
    }

    /// `GET /users`: one page (with the total when `total`); `cancel`
    /// aborts it.
    pub async fn users(
        &self,
        filter: &UserFilter,
        sort: Sort,
        (offset, limit, total): (u64, u64, bool),
        cancel: Option<&web_sys::AbortSignal>,
    ) -> Result<Collection<User>, ApiError> {
        let mut pairs = filter.to_pairs();
        pairs.push(("orderBy", sort.encode()));
        pairs.push(("limit", limit.to_string()));
        pairs.push(("offset", offset.to_string()));
        if total {
            pairs.push(("totalResults", "true".into()));
        }
        self.get_json(&format!("/users?{}", encode_query(&pairs)), cancel)
            .await
    }

    /// `GET /users/{id}/transactions`: one page, with the total.
    pub async fn transactions(
        &self,
        id: i64,
        order_by: &str,
        offset: u64,
        limit: u64,
    ) -> Result<Collection<Transaction>, ApiError> {
        let pairs = [
            ("orderBy", order_by.to_owned()),
            ("limit", limit.to_string()),
            ("offset", offset.to_string()),
            ("totalResults", "true".to_owned()),
        ];
        self.get_json(
            &format!("/users/{id}/transactions?{}", encode_query(&pairs)),
            None,
        )
        .await
    }

    /// `GET /users/ids`: every id matching the filter, in the view's order.
    pub async fn user_ids(&self, filter: &UserFilter, sort: Sort) -> Result<UserIds, ApiError> {
        let mut pairs = filter.to_pairs();
        pairs.push(("orderBy", sort.encode()));
        self.get_json(&format!("/users/ids?{}", encode_query(&pairs)), None)
            .await
    }

    /// `GET /users/{id}`, with its ETag.
    pub async fn user(&self, id: i64) -> Result<(User, String), ApiError> {
        let res = self.send_get(&format!("/users/{id}"), None).await?;
        let etag = res.headers().get("etag").unwrap_or_default();
        let user = read_json(res).await?;
        Ok((user, etag))
    }

    /// `PATCH /users/{id}` with `If-Match`; the updated user and its ETag.
    pub async fn update_user(
        &self,
        id: i64,
        etag: &str,
        patch: &UserPatch,
    ) -> Result<(User, String), ApiError> {
        let url = format!("{}/users/{id}", self.base);
        let make = || Request::patch(&url).header("If-Match", etag);
        let res = self.send_json(make, patch).await?;
        let etag = res.headers().get("etag").unwrap_or_default();
        let user = read_json(res).await?;
        Ok((user, etag))
    }

    /// `POST /users/actions` with an `Idempotency-Key` (reuse it to retry).
    pub async fn run_action(
        &self,
        action: UserAction,
        user_ids: Vec<i64>,
        key: &str,
    ) -> Result<ActionResponse, ApiError> {
        let body = ActionRequest { action, user_ids };
        let url = format!("{}/users/actions", self.base);
        let make = || Request::post(&url).header("Idempotency-Key", key);
        read_json(self.send_json(make, &body).await?).await
    }

    /// Sends `body` as JSON with the credentials and the time limit.
    async fn send_json(
        &self,
        make: impl Fn() -> RequestBuilder,
        body: &impl serde::Serialize,
    ) -> Result<gloo_net::http::Response, ApiError> {
        let body = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
        self.send(make, Some(&body), None).await
    }

    async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        cancel: Option<&web_sys::AbortSignal>,
    ) -> Result<T, ApiError> {
        read_json(self.send_get(path, cancel).await?).await
    }

    /// Sends a GET with the credentials and the time limit (or `cancel`).
    async fn send_get(
        &self,
        path: &str,
        cancel: Option<&web_sys::AbortSignal>,
    ) -> Result<gloo_net::http::Response, ApiError> {
        let url = format!("{}{path}", self.base);
        let make = || Request::get(&url).header("Accept", "application/json");
        self.send(make, None, cancel).await
    }

    /// Sends the request `make` builds, with the credentials. With the
    /// host's token, a 401 gets one new token and one retry of the same
    /// request (an action keeps its Idempotency-Key); a second 401 ends the
    /// session.
    async fn send(
        &self,
        make: impl Fn() -> RequestBuilder,
        body: Option<&str>,
        cancel: Option<&web_sys::AbortSignal>,
    ) -> Result<gloo_net::http::Response, ApiError> {
        self.send_timed(make, body, cancel, TIMEOUT_MS).await
    }

    /// [`ApiClient::send`] with its own time limit.
    async fn send_timed(
        &self,
        make: impl Fn() -> RequestBuilder,
        body: Option<&str>,
        cancel: Option<&web_sys::AbortSignal>,
        timeout_ms: u32,
    ) -> Result<gloo_net::http::Response, ApiError> {
        let mut rejected: Option<String> = None;
        loop {
            let mut request = make().abort_signal(Some(&with_timeout(cancel, timeout_ms)));
            let mut sent_token = None;
            match &self.credentials {
                Credentials::Static(token) => {
                    request = request.header("Authorization", &format!("Bearer {token}"));
                }
                Credentials::Cookie => {
                    request = request.credentials(web_sys::RequestCredentials::Include);
                }
                Credentials::Host => {
                    let token = host::token(rejected.as_deref()).await?;
                    request = request.header("Authorization", &format!("Bearer {token}"));
                    sent_token = Some(token);
                }
            }
            let request = match body {
                Some(b) => request.header("Content-Type", "application/json").body(b),
                None => request.build(),
            }
            .map_err(|e| ApiError::Decode(e.to_string()))?;
            let res = request.send().await.map_err(ApiError::from_network)?;
            match sent_token {
                Some(token) if res.status() == 401 => {
                    if rejected.is_some() {
                        host::expire();
                        return Ok(res);
                    }
                    rejected = Some(token);
                }
                _ => return Ok(res),
            }
        }
    }
}

/// The body of a 2xx answer as `T`; anything else as an [`ApiError`].
async fn read_json<T: DeserializeOwned>(res: gloo_net::http::Response) -> Result<T, ApiError> {
    let status = res.status();
    let text = res.text().await.map_err(ApiError::from_network)?;
    if !(200..300).contains(&status) {
        return Err(ApiError::from_response(status, &text));
    }
    serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))
}

/// A signal that aborts after `timeout_ms`, or earlier when `cancel` does.
fn with_timeout(cancel: Option<&web_sys::AbortSignal>, timeout_ms: u32) -> web_sys::AbortSignal {
    let timeout = web_sys::AbortSignal::timeout_with_u32(timeout_ms);
    match cancel {
        Some(c) => web_sys::AbortSignal::any(&js_sys::Array::of2(c, &timeout)),
        None => timeout,
    }
}
