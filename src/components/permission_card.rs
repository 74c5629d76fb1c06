//! The Application Permission Details card, and the dialog with the error
//! when the permission is inactive.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use sync_monitor_core::health::client_secret_warning;
use sync_monitor_core::{format, ApplicationPermission, PermissionError, PermissionStatus};

use crate::components::dialog::Dialog;
use crate::components::local_time::{local_string, LocalTime};
use crate::state::clock::Now;

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
    let secret = permission
        .client_secret_expires_at
        .map(|at| view! { <ClientSecret at /> });
    view! {
        <section class="card permission-card" aria-labelledby="permission-title">
            <h2 id="permission-title" class="card-label">"Application Permission Details"</h2>
            <p class=format!("permission-status permission-{}", status.as_str().to_lowercase())>
                {status.label()}
            </p>
            <p class="permission-explanation">{explanation}</p>
            {secret}
            {error
                .map(|error| {
                    view! {
                        <button type="button" class="link" aria-haspopup="dialog" on:click=move |_| open.set(true)>
                            "View error details"
                        </button>
                        <Dialog open title_id="permission-error-title" title="Application permission error">
                            <PermissionErrorDetails error=error.clone() />
                        </Dialog>
                    }
                })}
        </section>
    }
}

/// When the Microsoft client secret expires, marked from 30 days ahead.
#[component]
fn ClientSecret(at: DateTime<Utc>) -> impl IntoView {
    let now = expect_context::<Now>();
    let warning = move || client_secret_warning(at, now.0.get());
    let when = move || {
        let now = now.0.get();
        let verb = if at <= now { "expired" } else { "expires" };
        format!("Client secret {verb} {}", format::relative(at, now))
    };
    view! {
        <p class="client-secret" class:warn=move || warning().is_some()>
            {move || warning().is_some().then_some("\u{26A0} ")}
            <time datetime=at.to_rfc3339() title=local_string(at)>{when}</time>
        </p>
    }
}

/// The client secret's warning with the fix, under the cards (the card
/// itself keeps one line), in the 30 days before it expires. Once expired
/// the permission is inactive: the card and its error details say so.
#[component]
pub fn SecretWarning(at: DateTime<Utc>) -> impl IntoView {
    let now = expect_context::<Now>();
    move || {
        let now = now.0.get();
        (at > now)
            .then(|| client_secret_warning(at, now))
            .flatten()
            .map(|w| {
                view! {
                    <p class="secret-warning">
                        <span class="warning-mark" aria-hidden="true">"\u{26A0} "</span>{w}
                    </p>
                }
            })
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
