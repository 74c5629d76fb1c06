//! Progress and results of bulk actions and exports: each panel's status
//! line stays in the document from start to end, so screen readers
//! announce the result, and the focus never drops when a button goes.

use leptos::prelude::*;
use sync_monitor_core::format;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use crate::components::on_demand::OnDemand;
use crate::state::bulk::{Bulk, RunState};
use crate::state::export::{ExportState, Exporter};
use crate::state::focus::{focus_first, keep_focus};
use crate::state::table::TableCtx;

/// Failed users listed by name; the rest are counted by reason.
const SHOWN: usize = 50;

/// Progress and result of the bulk action; its status line stays in the
/// document from start to end, so screen readers announce the result.
#[component]
pub fn BulkPanel() -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let has_run = Memo::new(move |_| bulk.run.with(Option::is_some));
    view! {
        <Show when=move || has_run.get()>
            <OnDemand show=bulk_section title="The bulk action's progress could not be shown" retry_id=&["bulk-part-retry"] />
        </Show>
    }
}

/// The bulk action's panel, in code fetched once the dashboard's first rows
/// are painted, or when the first action runs (a split point; #13).
#[wasm_split(jobs, fallible, preload(fetch_jobs))]
pub fn bulk_section() -> Result<AnyView, SplitLoaderError> {
    let bulk = expect_context::<Bulk>();
    let ctx = expect_context::<TableCtx>();
    let running = Memo::new(move |_| bulk.is_running());
    let retryable = Memo::new(move |_| {
        bulk.run.with(|r| {
            r.as_ref().is_some_and(|r| {
                r.state != RunState::Running && (!r.failures.is_empty() || !r.unknown.is_empty())
            })
        })
    });
    let label = move || {
        bulk.run
            .with(|r| r.as_ref().map(|r| r.action.label()).unwrap_or_default())
    };
    let progress = move || {
        bulk.run.with(|r| {
            r.as_ref()
                .map(|r| (r.total.to_string(), r.done.to_string()))
                .unwrap_or_default()
        })
    };
    let summary = move || {
        bulk.run
            .with(|r| r.as_ref().map(|r| r.summary()).unwrap_or_default())
    };
    // Users with a name one by one; the others (a whole request refused)
    // grouped by reason.
    let failures = move || {
        bulk.run.with(|r| {
            let Some(r) = r else { return Vec::new() };
            let mut lines = Vec::new();
            let mut rest: Vec<(String, usize)> = Vec::new();
            let mut count = |why: &str| match rest.iter_mut().find(|(w, _)| w == why) {
                Some((_, n)) => *n += 1,
                None => rest.push((why.to_owned(), 1)),
            };
            for f in &r.failures {
                match f.name.clone().or_else(|| ctx.rows.name_of(f.id)) {
                    Some(name) if lines.len() < SHOWN => {
                        let name = format::visible_text(&name).into_owned();
                        lines.push(format!("{name} (id {}): {}", f.id, f.reason));
                    }
                    _ => count(&f.reason),
                }
            }
            let (one, many) = if lines.is_empty() { ("user", "users") } else { ("more user", "more users") };
            for (why, n) in rest {
                lines.push(format!("{}: {why}", format::plural(n as u64, one, many)));
            }
            let unknown = r.unknown_count();
            if unknown > 0 {
                lines.push(format!(
                    "{}: the answer was lost, so whether it applied is unknown. Retry asks again safely; nothing is applied twice.",
                    format::plural(unknown as u64, "user", "users")
                ));
            }
            lines
        })
    };
    let dismiss = Callback::new(move |_| {
        bulk.dismiss();
        focus_first(&["users-title"]);
    });
    Ok(view! {
        <section class="job-panel" aria-labelledby="bulk-title">
            <h3 id="bulk-title">{label}</h3>
            <progress max=move || progress().0 value=move || progress().1 aria-labelledby="bulk-title bulk-progress"></progress>
            <p id="bulk-progress" role="status" tabindex="-1">{summary}</p>
            <Show when=move || !failures().is_empty()>
                <ul class="failures" aria-label="Failed users" tabindex="0">
                    {move || failures().into_iter().map(|line| view! { <li><bdi>{line}</bdi></li> }).collect_view()}
                </ul>
            </Show>
            <JobButtons running on_cancel=Callback::new(move |_| bulk.cancel()) on_dismiss=dismiss>
                <Show when=move || retryable.get()>
                    <button type="button" class="button" on:click=move |_| {
                        bulk.retry();
                        // The button goes while the retry runs.
                        keep_focus(&["bulk-progress", "users-title"]);
                    }>"Retry failed"</button>
                </Show>
            </JobButtons>
        </section>
    }
    .into_any())
}

#[component]
pub fn ExportPanel() -> impl IntoView {
    let exporter = expect_context::<Exporter>();
    let has = Memo::new(move |_| exporter.state.with(Option::is_some));
    view! {
        <Show when=move || has.get()>
            <OnDemand show=export_section title="The export's progress could not be shown" retry_id=&["export-part-retry"] />
        </Show>
    }
}

/// The export's panel, in the same part as the bulk action's.
#[wasm_split(jobs, fallible)]
fn export_section() -> Result<AnyView, SplitLoaderError> {
    let exporter = expect_context::<Exporter>();
    let running = Memo::new(move |_| exporter.is_running());
    let text = move || {
        exporter.state.with(|s| match s {
            Some(ExportState::Running { done, total }) => match total {
                Some(t) => format!("Exporting {} of {} users…", format::count(*done), format::count(*t)),
                None => "Exporting…".to_owned(),
            },
            Some(ExportState::Done { rows, file }) => format!(
                "{} handed to the browser as {file}. If no file appeared, your browser or the page \
                 embedding this console blocked the download: allow downloads for this site and export again.",
                format::plural(*rows as u64, "user", "users")
            ),
            Some(ExportState::Cancelled) => "Export cancelled.".to_owned(),
            Some(ExportState::Failed(why)) => format!("Export failed: {why}"),
            None => String::new(),
        })
    };
    let progress = move || {
        exporter.state.with(|s| match s {
            Some(ExportState::Running {
                done,
                total: Some(t),
            }) => Some((t.to_string(), done.to_string())),
            _ => None,
        })
    };
    let dismiss = Callback::new(move |_| {
        exporter.dismiss();
        focus_first(&["users-title"]);
    });
    // Cancel goes away when the export ends: the result takes the focus.
    Effect::new(move |was: Option<bool>| {
        let now = running.get();
        if was == Some(true) && !now {
            keep_focus(&["export-status", "users-title"]);
        }
        now
    });
    Ok(view! {
        <section class="job-panel" aria-labelledby="export-title">
            <h3 id="export-title">"Export"</h3>
            {move || progress().map(|(t, d)| view! { <progress max=t value=d aria-labelledby="export-title"></progress> })}
            <p id="export-status" role="status" tabindex="-1">{text}</p>
            <JobButtons running on_cancel=Callback::new(move |_| exporter.cancel()) on_dismiss=dismiss />
        </section>
    }
    .into_any())
}

/// Cancel while a job runs, Dismiss once it is over, and any other
/// buttons (`children`) between them.
#[component]
fn JobButtons(
    running: Memo<bool>,
    on_cancel: Callback<()>,
    on_dismiss: Callback<()>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="job-buttons">
            <Show when=move || running.get()>
                <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </Show>
            {children.map(|c| c())}
            <Show when=move || !running.get()>
                <button type="button" class="button secondary" on:click=move |_| on_dismiss.run(())>"Dismiss"</button>
            </Show>
        </div>
    }
}
