//! The Actions menu for the selection, its confirmations and dialogs, and
//! the progress and results of bulk actions and exports.

use std::collections::HashSet;

use leptos::prelude::*;
use sync_monitor_core::{format, UserAction};

use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::credentials_dialog::CredentialsDialog;
use crate::components::menu_button::{MenuButton, MenuItem};
use crate::state::bulk::{Bulk, RunState};
use crate::state::export::{ExportState, Exporter};
use crate::state::table::TableCtx;

#[component]
pub fn UserActions() -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let bulk = expect_context::<Bulk>();
    let exporter = expect_context::<Exporter>();
    let count = Memo::new(move |_| ctx.selection.with(|s| s.len()));
    let confirm_delete = RwSignal::new(false);
    let confirm_disable = RwSignal::new(false);
    let credentials = RwSignal::new(false);
    let single = Signal::derive(move || ctx.selection.with(|s| (s.len() == 1).then(|| s.ids()[0])));

    let run = move |action: UserAction| {
        let ids = ctx.selection.with_untracked(|s| s.ids());
        bulk.start(action, ids);
    };
    let export = move || {
        let (filter, sort) = ctx.rows.query();
        let only = ctx.selection.with_untracked(|s| {
            (!s.is_empty()).then(|| s.ids().into_iter().collect::<HashSet<i64>>())
        });
        exporter.start(filter, sort, only);
    };

    let items = Signal::derive(move || {
        let n = count.get();
        let busy = bulk.is_running();
        let need = |min_one: bool| -> Option<String> {
            if busy {
                Some("A bulk action is running.".into())
            } else if min_one && n == 0 {
                Some("Select users first.".into())
            } else {
                None
            }
        };
        vec![
            MenuItem {
                label: "Suspend Sync",
                disabled: need(true),
                on_select: Callback::new(move |_| run(UserAction::SuspendSync)),
            },
            MenuItem {
                label: "Disable Sync",
                disabled: need(true),
                on_select: Callback::new(move |_| confirm_disable.set(true)),
            },
            MenuItem {
                label: "Enable Sync",
                disabled: need(true),
                on_select: Callback::new(move |_| run(UserAction::EnableSync)),
            },
            MenuItem {
                label: "Delete User",
                disabled: need(true),
                on_select: Callback::new(move |_| confirm_delete.set(true)),
            },
            MenuItem {
                label: "Update User Credentials",
                disabled: (n != 1).then(|| "Select exactly one user.".to_owned()),
                on_select: Callback::new(move |_| credentials.set(true)),
            },
            MenuItem {
                label: "Export",
                disabled: exporter
                    .is_running()
                    .then(|| "An export is running.".to_owned()),
                on_select: Callback::new(move |_| export()),
            },
        ]
    });

    let users = move || format::plural(count.get() as u64, "user", "users");
    let delete_message = Signal::derive(move || {
        format!(
        "Delete {}? This removes only the mapping and its sync history from this monitor; the user is not deleted from the sales application. A deleted user appears again after signing in to the add-in.",
        users()
    )
    });
    let disable_message = Signal::derive(move || {
        format!(
        "Disable sync for {}? Their data stops syncing until you select them and choose Enable Sync.",
        users()
    )
    });

    view! {
        <div class="actions-bar">
            <MenuButton label="Actions" id="actions" items />
            <p class="actions-hint">
                {move || if count.get() == 0 { "Export takes every matching user when none is selected.".to_owned() } else { String::new() }}
            </p>
        </div>
        <ConfirmDialog open=confirm_delete id="confirm-delete" title="Delete users" message=delete_message
            confirm_label="Delete" on_confirm=Callback::new(move |_| run(UserAction::DeleteUser)) />
        <ConfirmDialog open=confirm_disable id="confirm-disable" title="Disable sync" message=disable_message
            confirm_label="Disable Sync" on_confirm=Callback::new(move |_| run(UserAction::DisableSync)) />
        <CredentialsDialog open=credentials user_id=single on_saved=Callback::new(move |user: sync_monitor_core::User| {
            ctx.notice.set(Some(format!("Credentials of {} updated.", user.sales_user_name)));
            ctx.rows.refresh();
        }) />
        <BulkPanel />
        <ExportPanel />
    }
}

#[component]
fn BulkPanel() -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let ctx = expect_context::<TableCtx>();
    move || {
        bulk.run.get().map(|run| {
        let label = run.action.label();
        let running = run.state == RunState::Running;
        let failures = run.failures.clone();
        let failed_ids: Vec<i64> = failures.iter().map(|(id, _)| *id).collect();
        let shown: Vec<(i64, String)> = failures.iter().take(50).cloned().collect();
        let more = failures.len().saturating_sub(shown.len());
        view! {
            <section class="job-panel" aria-labelledby="bulk-title">
                <h3 id="bulk-title">{label}</h3>
                <progress max=run.total.to_string() value=run.done.to_string() aria-labelledby="bulk-title bulk-progress"></progress>
                <p id="bulk-progress" role="status">
                    {if running {
                        format!("{} of {} users…", format::count(run.done as u64), format::count(run.total as u64))
                    } else {
                        let how = if run.state == RunState::Cancelled { "Cancelled" } else { "Done" };
                        let left = run.total - run.done;
                        let rest = if left > 0 { format!(", {} not processed", format::count(left as u64)) } else { String::new() };
                        format!("{how}: {} succeeded, {} failed{rest}.", format::count(run.succeeded as u64), format::count(run.failures.len() as u64))
                    }}
                </p>
                {(!shown.is_empty()).then(|| view! {
                    <ul class="failures" aria-label="Failed users">
                        {shown.into_iter().map(|(id, why)| {
                            let who = ctx.rows.name_of(id).unwrap_or_else(|| format!("User {id}"));
                            view! { <li><strong>{who}</strong>" (id "{id}"): "{why}</li> }
                        }).collect_view()}
                        {(more > 0).then(|| view! { <li>{format!("…and {} more.", format::count(more as u64))}</li> })}
                    </ul>
                })}
                <div class="job-buttons">
                    {running.then(|| view! { <button type="button" class="button secondary" on:click=move |_| bulk.cancel()>"Cancel"</button> })}
                    {(!running && !failed_ids.is_empty()).then(|| {
                        let ids = failed_ids.clone();
                        view! { <button type="button" class="button" on:click=move |_| bulk.start(run.action, ids.clone())>"Retry failed"</button> }
                    })}
                    {(!running).then(|| view! { <button type="button" class="button secondary" on:click=move |_| bulk.dismiss()>"Dismiss"</button> })}
                </div>
            </section>
        }
    })
    }
}

#[component]
fn ExportPanel() -> impl IntoView {
    let exporter = expect_context::<Exporter>();
    move || {
        exporter.state.get().map(|state| {
        let (text, running, progress) = match state {
            ExportState::Running { done, total } => (
                match total {
                    Some(t) => format!("Exporting {} of {} users…", format::count(done), format::count(t)),
                    None => "Exporting…".to_owned(),
                },
                true,
                total.map(|t| (done, t)),
            ),
            ExportState::Done { rows, file } => (format!("Exported {} to {file}.", format::plural(rows as u64, "user", "users")), false, None),
            ExportState::Cancelled => ("Export cancelled.".to_owned(), false, None),
            ExportState::Failed(why) => (format!("Export failed: {why}"), false, None),
        };
        view! {
            <section class="job-panel" aria-labelledby="export-title">
                <h3 id="export-title">"Export"</h3>
                {progress.map(|(d, t)| view! { <progress max=t.to_string() value=d.to_string() aria-labelledby="export-title"></progress> })}
                <p role="status">{text}</p>
                <div class="job-buttons">
                    {if running {
                        view! { <button type="button" class="button secondary" on:click=move |_| exporter.cancel()>"Cancel"</button> }.into_any()
                    } else {
                        view! { <button type="button" class="button secondary" on:click=move |_| exporter.dismiss()>"Dismiss"</button> }.into_any()
                    }}
                </div>
            </section>
        }
    })
    }
}
