//! User details (`/users/:id`): summary, actions, and transaction history.
//! While a sync runs the page refreshes itself every few seconds.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use sync_monitor_core::{LastSyncStatus, Target, User, UserAction};

use crate::api::ApiClient;
use crate::components::confirm_dialog::{confirm_id, ConfirmDialog};
use crate::components::credentials_dialog::CredentialsDialog;
use crate::components::error_panel::ErrorPanel;
use crate::components::menu_button::{MenuButton, MenuItem};
use crate::components::sync_errors::SyncErrorsRegion;
use crate::components::transaction_history::TransactionHistory;
use crate::components::user_summary::UserSummary;
use crate::state::bulk::run_one;
use crate::state::memory::ListMemory;
use crate::state::user::{Loaded, UserState};

#[component]
pub fn UserDetails() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.parse::<i64>().ok())
            .filter(|i| *i > 0)
    });
    let memory = expect_context::<ListMemory>();
    let page = UserState::new(expect_context::<ApiClient>());
    let (state, current) = (page.state, page.user);
    let history = RwSignal::new(0u32);
    let load = move |quiet: bool| page.load(id.get_untracked(), quiet);
    Effect::new(move |_| {
        id.track();
        load(false);
    });
    // The title names the page; once it has loaded, its heading takes the
    // focus (after a route change).
    Effect::new(move |shown: Option<bool>| {
        let (title, heading): (String, &'static [&'static str]) = match state.get() {
            Loaded::Loading => {
                crate::state::nav::set_title("Loading the user…");
                return shown.unwrap_or(false);
            }
            Loaded::Found => (
                current.with(|u| {
                    u.as_ref()
                        .map(|u| {
                            sync_monitor_core::format::visible_text(&u.sales_user_name).into_owned()
                        })
                        .unwrap_or_default()
                }),
                &["details-title"],
            ),
            Loaded::NotFound => ("User not found".to_owned(), &["user-missing"]),
            Loaded::Failed(_) => ("User could not be loaded".to_owned(), &["details-back"]),
        };
        crate::state::nav::set_title(&title);
        if shown != Some(true) {
            crate::state::nav::page_shown(heading);
        }
        true
    });
    // While a sync is running, follow it.
    if let Ok(tick) = set_interval_with_handle(
        move || {
            let running = current.with_untracked(|u| {
                u.as_ref()
                    .is_some_and(|u| u.last_sync_status == LastSyncStatus::InProgress)
            });
            if running {
                load(true);
                history.update(|h| *h += 1);
            }
        },
        std::time::Duration::from_secs(3),
    ) {
        on_cleanup(move || tick.clear());
    }

    view! {
        <nav class="back"><a id="details-back" href=move || memory.url.get() on:click=move |ev| memory.follow_back(&ev)>"\u{2190} Back to users"</a></nav>
        {move || match state.get() {
            Loaded::Loading => view! { <p class="loading" role="status">"Loading the user…"</p> }.into_any(),
            Loaded::NotFound => view! {
                <section class="not-found" aria-labelledby="user-missing">
                    <h2 id="user-missing" tabindex="-1">"User not found"</h2>
                    <p>"There is no user with this id. It may have been deleted."</p>
                    <a href=move || memory.url.get() on:click=move |ev| memory.follow_back(&ev)>"Back to users"</a>
                </section>
            }.into_any(),
            Loaded::Failed(error) => view! {
                <ErrorPanel title="The user could not be loaded" error on_retry=move || load(false) />
            }.into_any(),
            Loaded::Found => {
                let Some(first) = current.get_untracked() else { return ().into_any() };
                let user = Signal::derive(move || current.get().unwrap_or_else(|| first.clone()));
                let id = user.with_untracked(|u| u.id);
                view! {
                    <div class="details-head">
                        <h2 class="details-title" id="details-title" tabindex="-1"><bdi>{move || user.with(|u| sync_monitor_core::format::visible_text(&u.sales_user_name).into_owned())}</bdi></h2>
                        <DetailActions user on_change=Callback::new(move |_| { load(true); history.update(|h| *h += 1); }) />
                    </div>
                    {move || view! { <UserSummary user=user.get() /> }}
                    <SyncErrorsRegion user_id=id user_name=user.with_untracked(|u| u.sales_user_name.clone()) reload=history.into() />
                    <TransactionHistory user_id=id reload=history.into() />
                }.into_any()
            }
        }}
    }
}

/// What a successful single-user action did, in words.
fn done_text(action: UserAction, note: Option<String>) -> String {
    if let Some(note) = note {
        return note; // e.g. "Sync was already disabled."
    }
    match action {
        UserAction::RunFullSync => {
            "Full sync requested: it starts with the next sync run, and this page follows it."
                .into()
        }
        UserAction::DisableSync => "Sync disabled.".into(),
        UserAction::EnableSync => "Sync enabled.".into(),
        UserAction::EnableDebugLogs => "Debug logs enabled.".into(),
        UserAction::DisableDebugLogs => "Debug logs disabled.".into(),
        UserAction::SuspendSync => "Sync suspended.".into(),
        UserAction::DeleteUser => "User deleted.".into(),
    }
}

#[component]
fn DetailActions(user: Signal<User>, on_change: Callback<()>) -> impl IntoView {
    let client = StoredValue::new(expect_context::<ApiClient>());
    let memory = expect_context::<ListMemory>();
    let navigate = use_navigate();
    let id = user.with_untracked(|u| u.id);
    let message = RwSignal::new(None::<(bool, String)>);
    // The actions that ask first (the same policy as the list's menu),
    // each with its dialog's open state.
    let confirms: Vec<(UserAction, RwSignal<bool>)> = [
        UserAction::DisableSync,
        UserAction::EnableSync,
        UserAction::DeleteUser,
        UserAction::EnableDebugLogs,
        UserAction::DisableDebugLogs,
        UserAction::RunFullSync,
    ]
    .into_iter()
    .filter(|a| a.needs_confirmation(1))
    .map(|a| (a, RwSignal::new(false)))
    .collect();
    let credentials = RwSignal::new(false);
    let busy = RwSignal::new(false);

    let run = Callback::new(move |action: UserAction| {
        let client = client.get_value();
        let navigate = navigate.clone();
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            let result = run_one(&client, action, id).await;
            busy.try_set(false);
            match result {
                Ok(res) => match res.results.into_iter().next() {
                    Some(r) if r.succeeded && action == UserAction::DeleteUser => {
                        let name = r
                            .sales_user_name
                            .unwrap_or_else(|| user.with_untracked(|u| u.sales_user_name.clone()));
                        memory.flash.set(Some(format!(
                            "{name} was deleted from this monitor (not from the sales application)."
                        )));
                        if !memory.back() {
                            navigate(&memory.url.get_untracked(), crate::state::nav::exact());
                        }
                    }
                    Some(r) if r.succeeded => {
                        message.set(Some((true, done_text(action, r.reason))));
                        on_change.run(());
                    }
                    Some(r) => message.set(Some((
                        false,
                        r.reason.unwrap_or_else(|| "Not applied.".into()),
                    ))),
                    None => message.set(Some((false, "The service gave no result.".into()))),
                },
                Err(e) => message.set(Some((false, e.message()))),
            }
        });
    });

    let asks = StoredValue::new(confirms.clone());
    // Runs `action`, or opens its confirmation first.
    let choose = Callback::new(move |action: UserAction| {
        match asks.with_value(|c| c.iter().find(|(a, _)| *a == action).map(|(_, open)| *open)) {
            Some(open) => open.set(true),
            None => run.run(action),
        }
    });

    let items = Signal::derive(move || {
        let (enabled, running, debug) = user.with(|u| {
            (
                u.sync_enabled,
                u.last_sync_status == LastSyncStatus::InProgress,
                u.debug_logs,
            )
        });
        let wait = busy.get().then(|| "An action is running.".to_owned());
        vec![
            if enabled {
                MenuItem {
                    label: UserAction::DisableSync.label(),
                    disabled: wait.clone(),
                    on_select: Callback::new(move |_| choose.run(UserAction::DisableSync)),
                }
            } else {
                MenuItem {
                    label: UserAction::EnableSync.label(),
                    disabled: wait.clone(),
                    on_select: Callback::new(move |_| choose.run(UserAction::EnableSync)),
                }
            },
            MenuItem {
                label: UserAction::DeleteUser.label(),
                disabled: wait.clone(),
                on_select: Callback::new(move |_| choose.run(UserAction::DeleteUser)),
            },
            MenuItem {
                label: "Update User Credentials",
                disabled: wait.clone(),
                on_select: Callback::new(move |_| credentials.set(true)),
            },
            if debug {
                MenuItem {
                    label: UserAction::DisableDebugLogs.label(),
                    disabled: wait.clone(),
                    on_select: Callback::new(move |_| choose.run(UserAction::DisableDebugLogs)),
                }
            } else {
                MenuItem {
                    label: UserAction::EnableDebugLogs.label(),
                    disabled: wait.clone(),
                    on_select: Callback::new(move |_| choose.run(UserAction::EnableDebugLogs)),
                }
            },
            MenuItem {
                label: UserAction::RunFullSync.label(),
                disabled: wait.or_else(|| {
                    if !enabled {
                        Some("Sync is disabled for this user; enable it first.".into())
                    } else if running {
                        Some("A sync is in progress.".into())
                    } else {
                        None
                    }
                }),
                on_select: Callback::new(move |_| choose.run(UserAction::RunFullSync)),
            },
        ]
    });
    let confirm_dialogs = confirms
        .into_iter()
        .map(|(action, open)| {
            let id = confirm_id(action);
            let message = Signal::derive(move || {
                user.with(|u| action.confirmation(Target::Named(&u.sales_user_name)))
            });
            view! {
                <ConfirmDialog open id title=action.confirm_title(Target::Named("")) message
                    confirm_label=action.confirm_label() on_confirm=Callback::new(move |_| run.run(action)) />
            }
        })
        .collect_view();

    view! {
        <div class="detail-actions">
            <MenuButton label="Actions" id="detail-actions" items />
            <p class="action-message" role="status">
                {move || message.get().map(|(ok, text)| view! { <span class=if ok { "ok-text" } else { "error-text" }>{text}</span> })}
            </p>
        </div>
        {confirm_dialogs}
        <CredentialsDialog open=credentials user_id=Signal::derive(move || Some(id))
            on_saved=Callback::new(move |_| { message.set(Some((true, "Credentials updated.".into()))); on_change.run(()); }) />
    }
}
