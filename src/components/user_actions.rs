//! The Actions menu for the selection, its confirmations and dialogs, and
//! the progress and results of bulk actions and exports.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::{format, UserAction};

use crate::api::ApiClient;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::credentials_dialog::CredentialsDialog;
use crate::components::menu_button::{MenuButton, MenuItem};
use crate::state::bulk::{applicable, applies_to, Bulk, RunState, CONFIRM_ABOVE};
use crate::state::export::{ExportState, Exporter};
use crate::state::focus::{focus_first, keep_focus};
use crate::state::table::TableCtx;

/// Failed users listed by name; the rest are counted by reason.
const SHOWN: usize = 50;

/// An action about to run: how many users are selected, and which of them
/// it applies to (`None` while that is being asked).
#[derive(Clone, PartialEq)]
struct Plan {
    action: UserAction,
    selected: usize,
    applicable: Option<Result<Vec<i64>, String>>,
}

impl Plan {
    /// What the confirmation says.
    fn message(&self) -> String {
        let users = |n: usize| format::plural(n as u64, "user", "users");
        let n = self.selected;
        let k = match &self.applicable {
            None => {
                return format!(
                    "{} for {}? Checking which of them it applies to…",
                    self.action.label(),
                    users(n)
                )
            }
            Some(Err(why)) => return format!("Could not check which users it applies to: {why}"),
            Some(Ok(ids)) => ids.len(),
        };
        let scope = applies_to(self.action).map(|(_, rule)| rule);
        let of = if k == n {
            users(n)
        } else {
            format!("{} of the {} selected", format::count(k as u64), users(n))
        };
        let rule = match scope {
            Some(rule) if k < n => format!(
                " {rule}; the other {} {} left as they are.",
                format::count((n - k) as u64),
                if n - k == 1 { "is" } else { "are" }
            ),
            _ => String::new(),
        };
        match self.action {
            _ if k == 0 => format!(
                "{}; of the {} selected, none qualifies, so there is nothing to do.",
                scope.unwrap_or("This action applies to none of the selected users"),
                users(n)
            ),
            UserAction::DeleteUser => format!(
                "Delete {of}? This removes only the mapping and its sync history from this monitor; \
                 the user is not deleted from the sales application. A deleted user appears again \
                 after signing in to the add-in."
            ),
            UserAction::DisableSync => format!(
                "Disable sync for {of}?{rule} Their data stops syncing until you select them and \
                 choose Enable Sync."
            ),
            UserAction::EnableSync => format!("Enable sync for {of}?{rule}"),
            UserAction::SuspendSync => {
                format!("Suspend the sync in progress for {of}?{rule}")
            }
            other => format!("{} for {of}?", other.label()),
        }
    }

    fn ids(&self) -> Option<Vec<i64>> {
        match &self.applicable {
            Some(Ok(ids)) if !ids.is_empty() => Some(ids.clone()),
            _ => None,
        }
    }
}

#[component]
pub fn UserActions() -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let bulk = expect_context::<Bulk>();
    let exporter = expect_context::<Exporter>();
    let client = StoredValue::new(expect_context::<ApiClient>());
    let count = Memo::new(move |_| ctx.selection.with(|s| s.len()));
    let credentials = RwSignal::new(false);
    let single = Signal::derive(move || ctx.selection.with(|s| (s.len() == 1).then(|| s.ids()[0])));
    let plan = RwSignal::new(None::<Plan>);
    let dialogs = [
        UserAction::DeleteUser,
        UserAction::DisableSync,
        UserAction::SuspendSync,
        UserAction::EnableSync,
    ]
    .map(|action| (action, RwSignal::new(false)));
    let dialog_of = move |action: UserAction| {
        dialogs
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, open)| *open)
    };

    let run = move |action: UserAction, ids: Vec<i64>| {
        ctx.notice.set(None);
        bulk.start(action, ids);
    };
    // Says which users an action applies to, and confirms deletes, disables
    // and anything on more than CONFIRM_ABOVE users; small, fully
    // applicable Suspend and Enable runs go at once.
    let prepare = move |action: UserAction| {
        let ids = ctx.selection.with_untracked(|s| s.ids());
        let n = ids.len();
        let confirm =
            matches!(action, UserAction::DeleteUser | UserAction::DisableSync) || n > CONFIRM_ABOVE;
        let open = dialog_of(action).filter(|_| confirm);
        if applies_to(action).is_none() {
            // Applies to every selected user: nothing to ask the API.
            plan.set(Some(Plan {
                action,
                selected: n,
                applicable: Some(Ok(ids.clone())),
            }));
            match open {
                Some(open) => open.set(true),
                None => run(action, ids),
            }
            return;
        }
        plan.set(Some(Plan {
            action,
            selected: n,
            applicable: None,
        }));
        if let Some(open) = open {
            open.set(true);
        }
        let client = client.get_value();
        spawn_local(async move {
            let result = applicable(&client, action, &ids)
                .await
                .map_err(|e| e.message());
            let all = result.as_ref().is_ok_and(|a| a.len() == n);
            let updated = plan.try_update(|p| match p {
                Some(p) if p.action == action => {
                    p.applicable = Some(result.clone());
                    true
                }
                _ => false,
            });
            if updated != Some(true) || confirm {
                return;
            }
            match result {
                Ok(ids) if all => {
                    plan.set(None);
                    run(action, ids);
                }
                _ => {
                    if let Some(open) = dialog_of(action) {
                        open.set(true);
                    }
                }
            }
        });
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
        let need = || -> Option<String> {
            if busy {
                Some("A bulk action is running.".into())
            } else if n == 0 {
                Some("Select users first.".into())
            } else {
                None
            }
        };
        let item = |label, action| MenuItem {
            label,
            disabled: need(),
            on_select: Callback::new(move |_| prepare(action)),
        };
        vec![
            item("Suspend Sync", UserAction::SuspendSync),
            item("Disable Sync", UserAction::DisableSync),
            item("Enable Sync", UserAction::EnableSync),
            item("Delete User", UserAction::DeleteUser),
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

    let message =
        Signal::derive(move || plan.with(|p| p.as_ref().map(Plan::message).unwrap_or_default()));
    let nothing = Signal::derive(move || plan.with(|p| p.as_ref().and_then(Plan::ids).is_none()));
    let confirm = move |action: UserAction| {
        Callback::new(move |_| {
            let ids = plan.with_untracked(|p| {
                p.as_ref()
                    .filter(|p| p.action == action)
                    .and_then(Plan::ids)
            });
            plan.set(None);
            if let Some(ids) = ids {
                run(action, ids);
            }
        })
    };
    let confirm_dialogs = dialogs
        .into_iter()
        .map(|(action, open)| {
            let (id, title) = match action {
                UserAction::DeleteUser => ("confirm-delete", "Delete users"),
                UserAction::DisableSync => ("confirm-disable", "Disable sync"),
                UserAction::SuspendSync => ("confirm-suspend", "Suspend sync"),
                _ => ("confirm-enable", "Enable sync"),
            };
            let label = if action == UserAction::DeleteUser {
                "Delete"
            } else {
                action.label()
            };
            view! {
                <ConfirmDialog open id title message confirm_label=label
                    confirm_disabled=nothing on_confirm=confirm(action) />
            }
        })
        .collect_view();

    view! {
        <div class="actions-bar">
            <MenuButton label="Actions" id="actions" items />
            <p class="actions-hint">
                {move || if count.get() == 0 { "Export takes every matching user when none is selected.".to_owned() } else { String::new() }}
            </p>
        </div>
        {confirm_dialogs}
        <CredentialsDialog open=credentials user_id=single on_saved=Callback::new(move |user: sync_monitor_core::User| {
            ctx.notice.set(Some(format!("Credentials of {} updated.", user.sales_user_name)));
            ctx.rows.refresh();
        }) />
        <BulkPanel />
        <ExportPanel />
    }
}

/// Progress and result of the bulk action; its status line stays in the
/// document from start to end, so screen readers announce the result.
#[component]
fn BulkPanel() -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let ctx = expect_context::<TableCtx>();
    let running = Memo::new(move |_| bulk.is_running());
    let has_run = Memo::new(move |_| bulk.run.with(Option::is_some));
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
    let dismiss = move |_| {
        bulk.dismiss();
        focus_first(&["users-title"]);
    };
    view! {
        <Show when=move || has_run.get()>
            <section class="job-panel" aria-labelledby="bulk-title">
                <h3 id="bulk-title">{label}</h3>
                <progress max=move || progress().0 value=move || progress().1 aria-labelledby="bulk-title bulk-progress"></progress>
                <p id="bulk-progress" role="status" tabindex="-1">{summary}</p>
                <Show when=move || !failures().is_empty()>
                    <ul class="failures" aria-label="Failed users" tabindex="0">
                        {move || failures().into_iter().map(|line| view! { <li><bdi>{line}</bdi></li> }).collect_view()}
                    </ul>
                </Show>
                <div class="job-buttons">
                    <Show when=move || running.get()>
                        <button type="button" class="button secondary" on:click=move |_| bulk.cancel()>"Cancel"</button>
                    </Show>
                    <Show when=move || retryable.get()>
                        <button type="button" class="button" on:click=move |_| bulk.retry()>"Retry failed"</button>
                    </Show>
                    <Show when=move || !running.get()>
                        <button type="button" class="button secondary" on:click=dismiss>"Dismiss"</button>
                    </Show>
                </div>
            </section>
        </Show>
    }
}

#[component]
fn ExportPanel() -> impl IntoView {
    let exporter = expect_context::<Exporter>();
    let has = Memo::new(move |_| exporter.state.with(Option::is_some));
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
    let dismiss = move |_| {
        exporter.dismiss();
        focus_first(&["users-title"]);
    };
    // Cancel goes away when the export ends: the result takes the focus.
    Effect::new(move |was: Option<bool>| {
        let now = running.get();
        if was == Some(true) && !now {
            keep_focus(&["export-status", "users-title"]);
        }
        now
    });
    view! {
        <Show when=move || has.get()>
            <section class="job-panel" aria-labelledby="export-title">
                <h3 id="export-title">"Export"</h3>
                {move || progress().map(|(t, d)| view! { <progress max=t value=d aria-labelledby="export-title"></progress> })}
                <p id="export-status" role="status" tabindex="-1">{text}</p>
                <div class="job-buttons">
                    <Show when=move || running.get()>
                        <button type="button" class="button secondary" on:click=move |_| exporter.cancel()>"Cancel"</button>
                    </Show>
                    <Show when=move || !running.get()>
                        <button type="button" class="button secondary" on:click=dismiss>"Dismiss"</button>
                    </Show>
                </div>
            </section>
        </Show>
    }
}
