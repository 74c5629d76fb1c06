//! The Last Sync Errors region: users whose last sync failed, grouped by error
//! code, largest first — count, cause and fix (`core::help`), and one
//! action that makes the group the table's view with every user selected,
//! so any action or Export applies to the whole group. For lost
//! authorizations, ready-to-send sign-in instructions as well.

use leptos::prelude::*;
use sync_monitor_core::help::error_help;
use sync_monitor_core::{format, ErrorGroup};
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use crate::components::dialog::Dialog;
use crate::components::error_panel::ErrorPanel;
use crate::components::fold::Fold;
use crate::components::on_demand::OnDemand;
use crate::state::focus::focus_first;
use crate::state::groups::{group_filter, SignInMessage};
use crate::state::loaded::Loaded;
use crate::state::table::TableCtx;

#[component]
pub fn ErrorGroups(loaded: Loaded<Vec<ErrorGroup>>) -> impl IntoView {
    let groups = loaded.data;
    let status = move || {
        groups.with(|g| match g.as_deref() {
            None => "Loading…".to_owned(),
            Some([]) => "No user's last sync failed".to_owned(),
            Some(groups) => {
                let users: u64 = groups.iter().map(|g| g.count).sum();
                format!(
                    "{} in {}",
                    format::plural(users, "user", "users"),
                    format::plural(groups.len() as u64, "group", "groups")
                )
            }
        })
    };
    view! {
        <section class="card health-card error-groups" aria-labelledby="groups-title" aria-busy=move || groups.with(Option::is_none).to_string()>
            <Fold title="Last Sync Errors" title_id="groups-title" status=Signal::derive(status)>
                <OnDemand show=move || group_list(groups) title="Sync errors could not be loaded" retry_id=&["groups-part-retry"] />
            </Fold>
            {move || loaded.error.get().map(|error| view! {
                <ErrorPanel title="Sync errors could not be loaded" error on_retry=move || loaded.load() />
            })}
        </section>
    }
}

/// The groups, drawn by code fetched when the region is first opened (a
/// split point; #13). `fetch_health` fetches the code of both health
/// regions (`group_list` and the Sync Trend's `trend_body`).
#[wasm_split(health, fallible, preload(fetch_health))]
pub fn group_list(groups: RwSignal<Option<Vec<ErrorGroup>>>) -> Result<AnyView, SplitLoaderError> {
    Ok(view! {
        <ul class="group-list">
            <For each=move || groups.get().unwrap_or_default() key=|g| (g.code.clone(), g.count) let(group)>
                <GroupItem group />
            </For>
        </ul>
    }
    .into_any())
}

#[component]
fn GroupItem(group: ErrorGroup) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let help = error_help(&group.code);
    let code = group.code.clone();
    let select = move |_| {
        ctx.select_group(group_filter(&code));
        focus_first(&["selected-count"]);
    };
    let users = format::plural(group.count, "user", "users");
    let select_label = if group.count == 1 {
        "Select this user".to_owned()
    } else {
        format!("Select these {} users", format::count(group.count))
    };
    let cause = help.map_or(group.message.clone(), |h| h.explanation.to_owned());
    view! {
        <li class="group" data-code=group.code.clone()>
            <h3>
                <code class="error-code">{group.code.clone()}</code>
                <span class="group-count">{users}</span>
            </h3>
            <p class="group-cause">{cause}</p>
            {help.map(|h| view! { <p class="group-fix"><strong>"Fix: "</strong>{h.fix}</p> })}
            <div class="group-actions">
                <button type="button" class="button secondary" on:click=select>{select_label}</button>
                {help.filter(|h| h.sign_in_again).map(|_| view! { <SignInInstructions code=group.code.clone() /> })}
            </div>
        </li>
    }
}

/// "Copy sign-in instructions": the message with the group's addresses,
/// shown in a dialog and put on the clipboard when the browser allows.
#[component]
fn SignInInstructions(code: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let message = SignInMessage::new();
    let (text, copied) = (message.text, message.copied);
    let title_id = format!("sign-in-{}", code.to_lowercase());
    let start = move |_| {
        open.set(true);
        message.prepare(code.clone());
    };
    let status = move || match (text.get(), copied.get()) {
        (None, _) => "Collecting the addresses…".to_owned(),
        (Some(Err(e)), _) => format!("The addresses could not be loaded: {e}"),
        (Some(Ok(_)), Some(true)) => "Copied to the clipboard. Paste it into an email.".to_owned(),
        (Some(Ok(_)), _) => {
            "The browser did not allow copying: select the text and press Ctrl+C (⌘C on a Mac)."
                .to_owned()
        }
    };
    let body = move || text.get().and_then(Result::ok).unwrap_or_default();
    view! {
        <button type="button" class="button secondary" aria-haspopup="dialog" on:click=start>
            "Copy sign-in instructions"
        </button>
        <Dialog open title_id title="Sign-in instructions">
            <p class="copy-status" role="status">{status}</p>
            <textarea class="instructions" readonly rows="12" aria-label="Sign-in instructions" prop:value=body></textarea>
        </Dialog>
    }
}
