//! The User Sync Summary region of the user details page.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use sync_monitor_core::{format, health, help, User};

use crate::components::icons::{status_icon, Icon};
use crate::components::local_time::{local_string, LocalTime};
use sync_monitor_core::help::AUTH_FAILED_HELP;

#[component]
pub fn UserSummary(user: User) -> impl IntoView {
    let status = user.last_sync_status;
    let error = user.last_error.clone();
    let error_help = error.as_ref().and_then(|e| help::error_help(&e.code));
    view! {
        <section class="detail-card" aria-labelledby="summary-heading">
            <h2 id="summary-heading">"User Sync Summary"</h2>
            <dl class="details summary-list">
                <dt>"Name"</dt>
                <dd>
                    <bdi class="detail-name">{format::visible_text(&user.sales_user_name).into_owned()}</bdi>
                    <bdi class="detail-email">{format::visible_text(&user.microsoft_email).into_owned()}</bdi>
                </dd>
                <dt>"Last Sync"</dt>
                <dd class=format!("status status-{}", status.as_str().to_lowercase())>
                    <Icon name=status_icon(status) />
                    <span>{status.label()}</span>
                    {user.last_sync_start.map(|t| view! { <span class="muted">" · started " <LocalTime at=t /></span> })}
                    {user.last_sync_duration_ms.map(|d| view! { <span class="muted">{format!(" · took {}", format::duration_ms(d))}</span> })}
                </dd>
                <dt>"Status"</dt>
                <dd>
                    <ul class="status-list">
                        <StatusItem label="Microsoft Authorized" ok=user.microsoft_authorized help=Some(AUTH_FAILED_HELP) />
                        // States, not checks: the other one's word, not a
                        // failure mark beside "Active" or "Sync Enabled".
                        <StateItem on=user.active class="active-state" words=("Active", "Inactive") />
                        <StateItem on=user.sync_enabled class="sync-enabled" words=("Sync Enabled", "Sync Disabled") />
                        <StatusItem label="Oracle Sales Authorized" ok=user.sales_authorized help=Some(AUTH_FAILED_HELP) />
                    </ul>
                </dd>
                <dt>"Authorization"</dt>
                <dd>
                    <ul class="status-list token-expiry">
                        <TokenExpiry label="Microsoft 365 token" at=user.microsoft_token_expires_at />
                        <TokenExpiry label="Oracle Sales token" at=user.sales_token_expires_at />
                    </ul>
                </dd>
                <dt>"Conflict Resolution"</dt>
                <dd class="conflict">
                    {user.conflict_resolution.label()}
                    <span class="muted">{if user.allow_user_override { " · the user may override it" } else { " · the user may not override it" }}</span>
                </dd>
                <dt>"Included in Latest Sync"</dt>
                <dd class="included-in-latest-sync">
                    {if user.included_in_latest_sync { "Yes" } else { "No — the latest Standard Sync run skipped this user" }}
                </dd>
                <dt>"Using Next Gen"</dt>
                <dd class="next-gen">{if user.using_next_gen { "Yes" } else { "No" }}</dd>
                <dt>"Debug Logs"</dt>
                <dd class="debug-logs">{if user.debug_logs { "On" } else { "Off" }}</dd>
                <dt>"Last Error"</dt>
                <dd class="last-error">
                    {match error {
                        None => view! { <span class="muted">"None"</span> }.into_any(),
                        Some(e) => view! {
                            <p><code>{e.code.clone()}</code>" "{e.message.clone()}</p>
                            {error_help.map(|h| view! {
                                <p class="explanation">{h.explanation}</p>
                                <p class="fix"><strong>"Suggested fix: "</strong>{h.fix}</p>
                            })}
                        }.into_any(),
                    }}
                </dd>
            </dl>
        </section>
    }
}

/// Days ahead an expiring token is flagged.
const TOKEN_WARN_DAYS: i64 = 7;

/// When one side's token expires, relative and local; flagged with what to
/// do once it is within a week or past.
#[component]
fn TokenExpiry(label: &'static str, at: Option<DateTime<Utc>>) -> impl IntoView {
    let Some(at) = at else {
        return view! {
            <li class="bad">
                <Icon name="minus" />
                <span>{format!("{label}: none — the user never signed in")}</span>
            </li>
        }
        .into_any();
    };
    let (when, warn) = health::token_expiry(at, Utc::now(), TOKEN_WARN_DAYS);
    view! {
        <li class=if warn { "bad" } else { "ok" }>
            <Icon name=if warn { "cross" } else { "check" } />
            <span>{format!("{label} {when}")}</span>
            <span class="muted">{format!(" · {}", local_string(at))}</span>
            {warn.then(|| view! { <span class="guidance">"Ask the user to sign in to the add-in again."</span> })}
        </li>
    }
    .into_any()
}

/// A state of the user's: its word with a check, or the other word with a
/// dash.
#[component]
fn StateItem(on: bool, class: &'static str, words: (&'static str, &'static str)) -> impl IntoView {
    view! {
        <li class=if on { "ok" } else { "off" }>
            <Icon name=if on { "check" } else { "minus" } />
            <span class=class>{if on { words.0 } else { words.1 }}</span>
        </li>
    }
}

#[component]
fn StatusItem(label: &'static str, ok: bool, help: Option<&'static str>) -> impl IntoView {
    let guidance = (!ok).then_some(help).flatten();
    view! {
        <li class=if ok { "ok" } else { "bad" }>
            <Icon name=if ok { "check" } else { "cross" } />
            <span>{label}</span>
            <span class="visually-hidden">{if ok { ": yes" } else { ": failed" }}</span>
            {guidance.map(|g| view! { <span class="guidance">{g}</span> })}
        </li>
    }
}
