//! The one place that speaks HTTP. Every call returns `Result<T, ApiError>`;
//! nothing here panics on what the network sends back (non-JSON bodies,
//! unknown fields and error answers all become an [`ApiError`]).

mod error;

use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use sync_monitor_core::{ConsoleConfig, Summary};

pub use error::ApiError;

/// How long a call may take before it is abandoned as timed out.
const TIMEOUT_MS: u32 = 15_000;

/// Loads the runtime configuration (`config.json`, beside `index.html`).
pub async fn load_config() -> Result<ConsoleConfig, ApiError> {
    let res = Request::get("config.json")
        .abort_signal(timeout_signal().as_ref())
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
        self.get_json("/summary").await
    }

    fn get(&self, path: &str) -> RequestBuilder {
        Request::get(&format!("{}{path}", self.base))
            .header("Accept", "application/json")
            .header("Authorization", &format!("Bearer {}", self.token))
    }

    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let signal = timeout_signal();
        let res = self
            .get(path)
            .abort_signal(signal.as_ref())
            .send()
            .await
            .map_err(ApiError::from_network)?;
        let status = res.status();
        let text = res.text().await.map_err(ApiError::from_network)?;
        if !(200..300).contains(&status) {
            return Err(ApiError::from_response(status, &text));
        }
        serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))
    }
}

/// An abort signal that fires after [`TIMEOUT_MS`].
fn timeout_signal() -> Option<web_sys::AbortSignal> {
    Some(web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS))
}
