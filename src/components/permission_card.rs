//! The Application Permission Details card, and the dialog with the error
//! when the permission is inactive.

use leptos::prelude::*;
use sync_monitor_core::{ApplicationPermission, PermissionError, PermissionStatus};

use crate::components::dialog::Dialog;
use crate::components::local_time::LocalTime;

#[component]
pub fn PermissionCard(permission: ApplicationPermission) -> impl IntoView {
    let status = permission.status;
    let open = RwSignal::new(false);
    let explanation = match status {
        PermissionStatus::NotEnabled => {
            "Application permissions aren't enabled for your organization."
        }
        PermissionStatus::Active => {
            "Application permissions are enabled and the token is authorized."
        }
        PermissionStatus::Inactive => "Application permissions are enabled but in error.",
        PermissionStatus::Unknown => {
            "The monitor service reported a state this console doesn't know."
        }
    };
    let error = permission
        .error
        .filter(|_| status == PermissionStatus::Inactive);
    view! {
        <section class="card permission-card" aria-labelledby="permission-title">
            <h2 id="permission-title" class="card-label">"Application Permission Details"</h2>
            <p class=format!("permission-status permission-{}", status.as_str().to_lowercase())>
                {status.label()}
            </p>
            <p class="permission-explanation">{explanation}</p>
            {error
                .map(|error| {
                    view! {
                        <button type="button" class="link" aria-haspopup="dialog" on:click=move |_| open.set(true)>
                            "View error details"
                        </button>
                        <Dialog open title_id="permission-error-title" title="Application permission error">
                            <PermissionErrorDetails error />
                        </Dialog>
                    }
                })}
        </section>
    }
}

#[component]
fn PermissionErrorDetails(error: PermissionError) -> impl IntoView {
    view! {
        <dl class="details">
            <dt>"Error code"</dt>
            <dd class="error-code">{error.code}</dd>
            <dt>"Message"</dt>
            <dd class="error-text">{error.message}</dd>
            <dt>"Detail"</dt>
            <dd class="error-detail">{error.detail}</dd>
            <dt>"Time"</dt>
            <dd class="error-time"><LocalTime at=error.occurred_at /></dd>
        </dl>
        <p class="note">
            "While application permissions are inactive, the sync uses delegated permissions "
            "to process the sync for users who are Microsoft authorized."
        </p>
    }
}
