//! What can go wrong talking to the API, and how to say it to an
//! administrator.

use sync_monitor_core::ApiErrorBody;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, refused, CORS, aborted).
    Network(String),
    /// No answer within the time limit.
    Timeout,
    /// The console itself abandoned the request (a newer one replaced it).
    Cancelled,
    /// The server answered with an error status.
    Http {
        status: u16,
        title: String,
        detail: String,
        /// Details about request fields: (`o:errorPath`, detail).
        fields: Vec<(String, String)>,
    },
    /// The server answered 2xx with a body this console cannot read.
    Decode(String),
    /// The console's own configuration is missing or invalid.
    Config(String),
    /// The host's sign-in is gone: no token in time, or refused again.
    SessionExpired,
    /// A part of the console's own code (split off its module, #13) could
    /// not be fetched from where the console is served.
    Part(String),
}

/// What the console says when the host's sign-in is gone.
pub const SESSION_EXPIRED: &str = "Your session has expired — reload the page to sign in again.";

impl ApiError {
    pub fn from_network(err: gloo_net::Error) -> Self {
        let text = err.to_string();
        if text.contains("TimeoutError") || text.contains("timed out") {
            ApiError::Timeout
        } else if text.contains("AbortError") {
            ApiError::Cancelled
        } else {
            ApiError::Network(text)
        }
    }

    /// Maps an error answer, reading the `o:errorDetails` body when there is
    /// one and falling back to the status alone when the body is not JSON.
    pub fn from_response(status: u16, body: &str) -> Self {
        match serde_json::from_str::<ApiErrorBody>(body) {
            Ok(b) => ApiError::Http {
                status,
                title: b.title.clone(),
                detail: b.message(),
                fields: b
                    .error_details
                    .iter()
                    .filter_map(|d| Some((d.error_path.clone()?, d.detail.clone())))
                    .collect(),
            },
            Err(_) => ApiError::Http {
                status,
                title: String::new(),
                detail: String::new(),
                fields: Vec::new(),
            },
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// What the server said about request field `path`.
    pub fn field(&self, path: &str) -> Option<String> {
        match self {
            ApiError::Http { fields, .. } => fields
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, d)| d.clone()),
            _ => None,
        }
    }

    /// Worth sending the same request again (with the same idempotency key).
    pub fn is_retryable(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::Timeout | ApiError::Part(_) => true,
            ApiError::Http { status, .. } => *status == 429 || *status >= 500,
            _ => false,
        }
    }

    /// One or two sentences for the administrator: what happened and what
    /// to do about it.
    pub fn message(&self) -> String {
        match self {
            ApiError::Network(_) => "The monitor service could not be reached. Check the \
                                     connection, then try again."
                .into(),
            ApiError::Timeout => "The monitor service did not answer in time. Try again.".into(),
            ApiError::Cancelled => "The request was cancelled.".into(),
            ApiError::Http { status, detail, .. } => {
                let what = match status {
                    401 => "The console is not signed in to the monitor service (401). \
                            Reopen the console from the sales application."
                        .to_owned(),
                    403 => "You do not have permission to use the monitor service (403).".into(),
                    404 => "The monitor service does not know this resource (404).".into(),
                    429 => {
                        "The monitor service is busy (429). Wait a moment, then try again.".into()
                    }
                    s if *s >= 500 => {
                        format!("The monitor service had a problem (HTTP {s}). Try again.")
                    }
                    s => format!("The monitor service refused the request (HTTP {s})."),
                };
                if detail.is_empty() {
                    what
                } else {
                    format!("{what} {detail}")
                }
            }
            ApiError::Decode(_) => "The monitor service sent an answer this console cannot \
                                    read. Try again; if it persists, the service may be a \
                                    different version."
                .into(),
            ApiError::Config(msg) => msg.clone(),
            ApiError::SessionExpired => SESSION_EXPIRED.into(),
            ApiError::Part(_) => "Part of the console could not be downloaded. Check the \
                                  connection, then try again."
                .into(),
        }
    }

    /// Technical detail for support (never contains the token).
    pub fn technical(&self) -> Option<String> {
        match self {
            ApiError::Network(t) | ApiError::Decode(t) | ApiError::Part(t) => Some(t.clone()),
            ApiError::Http { status, title, .. } if !title.is_empty() => {
                Some(format!("HTTP {status} {title}"))
            }
            _ => None,
        }
    }
}
