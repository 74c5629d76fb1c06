//! The Actions menu for the selection, its confirmations (one text per
//! action, from core) and the credentials dialog.

use std::collections::HashSet;

use leptos::prelude::*;
use sync_monitor_core::{Target, UserAction};

use crate::components::confirm_dialog::{confirm_id, ConfirmDialog};
use crate::components::credentials_dialog::CredentialsDialog;
use crate::components::job_panels::{BulkPanel, ExportPanel};
use crate::components::menu_button::{MenuButton, MenuItem};
use crate::components::table_toolbar::ColumnChooser;
use crate::state::bulk::Bulk;
use crate::state::export::Exporter;
use crate::state::plan::{Plan, Planner};
use crate::state::table::TableCtx;

/// The actions that run on the selection, in menu order (with Update User
/// Credentials and Export after them).
const BULK_ACTIONS: [UserAction; 4] = [
    UserAction::SuspendSync,
    UserAction::DisableSync,
    UserAction::EnableSync,
    UserAction::DeleteUser,
];

#[component]
pub fn UserActions() -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let bulk = expect_context::<Bulk>();
    let exporter = expect_context::<Exporter>();
    let planner = Planner::new();
    let count = Memo::new(move |_| ctx.selection.with(|s| s.len()));
    let credentials = RwSignal::new(false);
    let single = Signal::derive(move || ctx.selection.with(|s| (s.len() == 1).then(|| s.ids()[0])));
    let dialogs = BULK_ACTIONS.map(|action| (action, RwSignal::new(false)));
    let dialog_of = move |action: UserAction| {
        dialogs
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, open)| *open)
    };
    // The planner asks for a confirmation: open that action's dialog.
    Effect::new(move |_| {
        if let Some(action) = planner.confirming.get() {
            if let Some(open) = dialog_of(action) {
                open.set(true);
            }
            planner.confirming.set(None);
        }
    });

    let run = Callback::new(move |(action, ids): (UserAction, Vec<i64>)| {
        ctx.notice.set(None);
        bulk.start(action, ids);
    });
    let prepare = move |action: UserAction| {
        // A new action starts: the last one's result goes.
        bulk.dismiss();
        planner.prepare(action, ctx.selection.with_untracked(|s| s.ids()), run);
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
        let need = if busy {
            Some("A bulk action is running.".to_owned())
        } else if n == 0 {
            Some("Select users first.".to_owned())
        } else {
            None
        };
        let mut items: Vec<MenuItem> = BULK_ACTIONS
            .into_iter()
            .map(|action| MenuItem {
                label: action.label(),
                disabled: need.clone(),
                on_select: Callback::new(move |_| prepare(action)),
            })
            .collect();
        items.push(MenuItem {
            label: "Update User Credentials",
            disabled: (n != 1).then(|| "Select exactly one user.".to_owned()),
            on_select: Callback::new(move |_| credentials.set(true)),
        });
        items.push(MenuItem {
            label: "Export",
            disabled: exporter
                .is_running()
                .then(|| "An export is running.".to_owned()),
            on_select: Callback::new(move |_| export()),
        });
        items
    });

    let message = Signal::derive(move || {
        planner
            .plan
            .with(|p| p.as_ref().map(Plan::message).unwrap_or_default())
    });
    let nothing = Signal::derive(move || {
        planner
            .plan
            .with(|p| p.as_ref().and_then(Plan::ids).is_none())
    });
    let confirm_dialogs = dialogs
        .into_iter()
        .map(|(action, open)| {
            let id = confirm_id(action);
            // One user or several: the title says which, as the question does.
            let title = Signal::derive(move || {
                let target = Target::Selection { selected: count.get(), applicable: None };
                action.confirm_title(target).to_owned()
            });
            let label = action.confirm_label();
            let on_confirm = Callback::new(move |_| {
                if let Some(ids) = planner.take(action) {
                    run.run((action, ids));
                }
            });
            view! { <ConfirmDialog open id title message confirm_label=label confirm_disabled=nothing on_confirm /> }
        })
        .collect_view();

    view! {
        <div class="actions-bar">
            <MenuButton label="Actions" id="actions" items />
            <p class="actions-hint">
                {move || if count.get() == 0 { "Export takes every matching user when none is selected.".to_owned() } else { String::new() }}
            </p>
            <ColumnChooser />
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
