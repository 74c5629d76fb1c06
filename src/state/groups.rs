//! Error groups: the users of one group, and what the clipboard says.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::help::sign_in_instructions;
use sync_monitor_core::query::{SortDir, SortField};
use sync_monitor_core::{Sort, UserFilter};
use wasm_bindgen_futures::JsFuture;

use crate::api::{ApiClient, ApiError};

/// Pages of this many users while collecting a group's addresses.
const PAGE: u64 = 500;

/// The filter that shows the users of the group with `code`.
pub fn group_filter(code: &str) -> UserFilter {
    UserFilter {
        error_code: Some(code.to_owned()),
        ..UserFilter::default()
    }
}

/// Sign-in instructions for one group: the message with its addresses,
/// and whether it reached the clipboard.
#[derive(Clone, Copy)]
pub struct SignInMessage {
    /// `None` while the addresses load; the message, or why it failed.
    pub text: RwSignal<Option<Result<String, String>>>,
    /// Whether the clipboard took it (`None` until tried).
    pub copied: RwSignal<Option<bool>>,
    client: StoredValue<ApiClient>,
}

impl SignInMessage {
    pub fn new() -> Self {
        SignInMessage {
            text: RwSignal::new(None),
            copied: RwSignal::new(None),
            client: StoredValue::new(expect_context::<ApiClient>()),
        }
    }

    /// Writes the message for the group with `code` and copies it.
    pub fn prepare(&self, code: String) {
        self.text.set(None);
        self.copied.set(None);
        let (this, client) = (*self, self.client.get_value());
        spawn_local(async move {
            let message = group_emails(&client, &code)
                .await
                .map(|emails| sign_in_instructions(&emails));
            let copied = match &message {
                Ok(m) => Some(copy_text(m).await),
                Err(_) => None,
            };
            this.text.try_set(Some(message.map_err(|e| e.message())));
            this.copied.try_set(copied);
        });
    }
}

/// The Microsoft email of every user in the group with `code`, sorted.
pub async fn group_emails(client: &ApiClient, code: &str) -> Result<Vec<String>, ApiError> {
    let filter = group_filter(code);
    let sort = Sort {
        field: SortField::MicrosoftEmail,
        dir: SortDir::Asc,
    };
    let mut emails = Vec::new();
    loop {
        let offset = emails.len() as u64;
        let page = client
            .users(&filter, sort, (offset, PAGE, false), None)
            .await?;
        emails.extend(page.items.into_iter().map(|u| u.microsoft_email));
        if !page.has_more || page.count == 0 {
            return Ok(emails);
        }
    }
}

/// Puts `text` on the clipboard; false when the browser refuses (e.g. a
/// frame the host did not allow `clipboard-write`).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}
