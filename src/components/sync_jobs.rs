//! The Sync Jobs region: Instant Sync, Standard Sync and Microsoft 365
//! Token Refresh — last run, next run, last result — with a warning in the
//! seed's words when one is overdue or failed, and for Token Refresh the
//! way to the users whose Microsoft authorization failed.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use sync_monitor_core::health::{job_warning, JobHealth};
use sync_monitor_core::{format, Job, JobName, UserFilter};

use crate::components::error_panel::ErrorPanel;
use crate::components::fold::Fold;
use crate::components::local_time::local_string;
use crate::state::clock::Now;
use crate::state::focus::focus_first;
use crate::state::loaded::Loaded;
use crate::state::table::TableCtx;

#[component]
pub fn SyncJobs(loaded: Loaded<Vec<Job>>) -> impl IntoView {
    let now = expect_context::<Now>();
    let jobs = loaded.data;
    let warnings = Memo::new(move |_| {
        let now = now.0.get();
        jobs.with(|jobs| {
            jobs.iter()
                .flatten()
                .filter_map(|j| job_warning(j.name, JobHealth::of(j, now)).map(|w| (j.name, w)))
                .collect::<Vec<_>>()
        })
    });
    let rows = move || {
        let now = now.0.get();
        jobs.get()
            .unwrap_or_default()
            .into_iter()
            .map(|job| view! { <JobRow job now /> })
            .collect_view()
    };
    let status = move || {
        let n = warnings.with(Vec::len);
        match jobs.with(|j| j.as_ref().map(Vec::len)) {
            None => "Loading…".to_owned(),
            Some(_) if n == 0 => "Running on schedule".to_owned(),
            Some(_) => format!(
                "\u{26A0} {}",
                format::plural(n as u64, "problem", "problems")
            ),
        }
    };
    view! {
        <section class="card health-card sync-jobs" aria-labelledby="jobs-title" aria-busy=move || jobs.with(Option::is_none).to_string()>
            <Fold
                title="Sync Jobs"
                title_id="jobs-title"
                status=Signal::derive(status)
                problem=Signal::derive(move || warnings.with(|w| !w.is_empty()))
            >
                <table class="jobs-table">
                    <thead>
                        <tr>
                            <th scope="col">"Job"</th>
                            <th scope="col">"Last run"</th>
                            <th scope="col">"Next run"</th>
                            <th scope="col">"Last result"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </Fold>
            {move || loaded.error.get().map(|error| view! {
                <ErrorPanel title="Sync jobs could not be loaded" error on_retry=move || loaded.load() />
            })}
            <For each=move || warnings.get() key=|(name, text)| (name.as_str(), text.clone()) let((name, text))>
                <JobWarning name text />
            </For>
        </section>
    }
}

#[component]
fn JobWarning(name: JobName, text: String) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let show_failed = move |_| {
        ctx.show_only(UserFilter {
            microsoft_authorized: Some(false),
            ..UserFilter::default()
        });
        focus_first(&["users-title"]);
    };
    view! {
        <div class="job-warning" data-job=name.as_str()>
            <p><span class="warning-mark" aria-hidden="true">"\u{26A0} "</span>{text}</p>
            {(name == JobName::TokenRefresh).then(|| view! {
                <button type="button" class="button secondary" on:click=show_failed>
                    "Show users with failed Microsoft authorization"
                </button>
            })}
        </div>
    }
}

#[component]
fn JobRow(job: Job, now: DateTime<Utc>) -> impl IntoView {
    let health = JobHealth::of(&job, now);
    let result = match job.last_result.as_deref() {
        Some("SUCCEEDED") => "Succeeded",
        Some("FAILED") => "Failed",
        Some(_) => "Unknown",
        None => "Not run yet",
    };
    let state_class = if health.is_ok() {
        "job-ok"
    } else {
        "job-problem"
    };
    view! {
        <tr class=state_class data-job=job.name.as_str()>
            <th scope="row">
                {job.name.label()}
                {(!health.is_ok()).then(|| view! { <span class="job-state">{health.label()}</span> })}
            </th>
            <td><Moment at=job.last_run now /></td>
            <td class:overdue=health.overdue><Moment at=job.next_run now /></td>
            <td class=if health.failed { "result-failed" } else { "" }>{result}</td>
        </tr>
    }
}

/// A moment as "2 h ago" with the local date and time under it.
#[component]
fn Moment(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> impl IntoView {
    match at {
        Some(at) => view! {
            <time datetime=at.to_rfc3339()>
                <span class="relative">{format::relative(at, now)}</span>
                <span class="absolute">{local_string(at)}</span>
            </time>
        }
        .into_any(),
        None => view! { <span class="muted">"—"</span> }.into_any(),
    }
}
