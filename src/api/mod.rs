//! The one place that speaks HTTP. Every call returns `Result<T, ApiError>`;
//! nothing here panics on what the network sends back (non-JSON bodies,
//! unknown fields and error answers all become an [`ApiError`]).

mod error;

use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use sync_monitor_core::query::encode_query;
use sync_monitor_core::{
    ActionRequest, ActionResponse, Collection, ConsoleConfig, Sort, Summary, Transaction, User,
    UserAction, UserFilter, UserIds, UserPatch,
};

pub use error::ApiError;

/// How long a call may take before it is abandoned as timed out.
const TIMEOUT_MS: u32 = 15_000;

/// Loads the runtime configuration (`config.json`, beside `index.html`).
pub async fn load_config() -> Result<ConsoleConfig, ApiError> {
    let res = Request::get("config.json")
        .abort_signal(Some(&with_timeout(None)))
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
    serde_json::from_str(&text)
        .map_err(|e| ApiError::Config(format!("config.json is not valid: {e}.")))
}

/// A client of the monitor API with the base URL and token from the
/// configuration. Cheap to clone.
#[derive(Clone)]
pub struct ApiClient {
    base: String,
    token: String,
}

impl ApiClient {
    pub fn new(config: ConsoleConfig) -> Self {
        ApiClient {
            base: config.api_base_url.trim_end_matches('/').to_owned(),
            token: config.token,
        }
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
        let request = Request::patch(&format!("{}/users/{id}", self.base)).header("If-Match", etag);
        let res = self.send_json(request, patch).await?;
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
        let request =
            Request::post(&format!("{}/users/actions", self.base)).header("Idempotency-Key", key);
        read_json(self.send_json(request, &body).await?).await
    }

    /// Sends `body` as JSON with the token and the time limit.
    async fn send_json(
        &self,
        request: RequestBuilder,
        body: &impl serde::Serialize,
    ) -> Result<gloo_net::http::Response, ApiError> {
        request
            .header("Authorization", &format!("Bearer {}", self.token))
            .abort_signal(Some(&with_timeout(None)))
            .json(body)
            .map_err(|e| ApiError::Decode(e.to_string()))?
            .send()
            .await
            .map_err(ApiError::from_network)
    }

    fn get(&self, path: &str) -> RequestBuilder {
        Request::get(&format!("{}{path}", self.base))
            .header("Accept", "application/json")
            .header("Authorization", &format!("Bearer {}", self.token))
    }

    async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        cancel: Option<&web_sys::AbortSignal>,
    ) -> Result<T, ApiError> {
        read_json(self.send_get(path, cancel).await?).await
    }

    /// Sends a GET with the token and the time limit (or `cancel`).
    async fn send_get(
        &self,
        path: &str,
        cancel: Option<&web_sys::AbortSignal>,
    ) -> Result<gloo_net::http::Response, ApiError> {
        self.get(path)
            .abort_signal(Some(&with_timeout(cancel)))
            .send()
            .await
            .map_err(ApiError::from_network)
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

/// A fresh random key for `Idempotency-Key`: a version 4 UUID from the
/// browser's `crypto.randomUUID()` (its CSPRNG; no crate or extra wasm
/// needed), or — where that is missing (insecure contexts) — one from
/// `crypto.getRandomValues`.
pub fn new_idempotency_key() -> String {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    if let Some(c) = crypto
        .as_ref()
        .filter(|c| js_sys::Reflect::has(c, &"randomUUID".into()).unwrap_or(false))
    {
        return c.random_uuid();
    }
    let mut bytes = [0u8; 16];
    if let Some(c) = crypto {
        let _ = c.get_random_values_with_u8_array(&mut bytes);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A signal that aborts after [`TIMEOUT_MS`], or earlier when `cancel` does.
fn with_timeout(cancel: Option<&web_sys::AbortSignal>) -> web_sys::AbortSignal {
    let timeout = web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS);
    match cancel {
        Some(c) => web_sys::AbortSignal::any(&js_sys::Array::of2(c, &timeout)),
        None => timeout,
    }
}
