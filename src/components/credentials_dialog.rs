//! Update User Credentials: the Microsoft 365 email and the sales user name
//! of one user, validated as the server validates, sent with If-Match.
//! What was typed is never lost on an error.

use leptos::html;
use leptos::prelude::*;
use sync_monitor_core::User;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use crate::components::dialog::Dialog;
use crate::components::on_demand::OnDemand;
use crate::state::credentials::{CredentialsForm, Field, Load};

#[component]
pub fn CredentialsDialog(
    open: RwSignal<bool>,
    /// The user to edit, read when the dialog opens.
    user_id: Signal<Option<i64>>,
    on_saved: Callback<User>,
) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            <OnDemand
                show=move || credentials_dialog(open, user_id, on_saved)
                title="Update User Credentials could not be opened"
                retry_id=&["credentials-part-retry"]
            />
        </Show>
    }
}

/// The dialog and its form, in code fetched once the dashboard's first
/// rows are painted, or when it first opens (a split point; #13).
#[wasm_split(credentials, fallible, preload(fetch_credentials))]
pub fn credentials_dialog(
    open: RwSignal<bool>,
    user_id: Signal<Option<i64>>,
    on_saved: Callback<User>,
) -> Result<AnyView, SplitLoaderError> {
    let form = CredentialsForm::new();
    let CredentialsForm {
        email,
        name,
        load,
        email_error,
        name_error,
        banner,
        stale,
        saving,
        ..
    } = form;
    let email_input = NodeRef::<html::Input>::new();
    let name_input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let (true, Some(id)) = (open.get(), user_id.get_untracked()) {
            form.open(id);
        }
    });
    let focus = move |field: Field| {
        let input = match field {
            Field::Email => email_input,
            Field::Name => name_input,
        };
        if let Some(input) = input.get_untracked() {
            let _ = input.focus();
        }
    };
    // Saved by the button or Enter in a field, never by form submission:
    // a frame sandboxed without `allow-forms` (as Application Composer
    // frames the console) drops submit events.
    let save = move || {
        if let Some(id) = user_id.get_untracked() {
            form.save(
                id,
                move |user| {
                    open.set(false);
                    on_saved.run(user);
                },
                focus,
            );
        }
    };
    let reload = move |_| {
        stale.set(false);
        banner.set(None);
        if let Some(id) = user_id.get_untracked() {
            form.fetch(id);
        }
    };

    Ok(view! {
        <Dialog open title_id="credentials-title" title="Update User Credentials" own_footer=true>
            <form
                class="form"
                novalidate
                on:submit=|ev| ev.prevent_default()
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    let in_field = event_target::<web_sys::HtmlElement>(&ev).tag_name() == "INPUT";
                    if ev.key() == "Enter" && in_field {
                        ev.prevent_default();
                        save();
                    }
                }
            >
                <p class="note">
                    "To move a user to another mailbox, delete the mapping and have the user sign in to the add-in again."
                </p>
                {move || match load.get() {
                    Load::Loading => Some(view! { <p role="status">"Loading the user…"</p> }.into_any()),
                    Load::Failed(why) => Some(view! { <p class="inline-error" role="alert">{format!("The user could not be loaded. {why}")}</p> }.into_any()),
                    Load::Ready => None,
                }}
                {move || banner.get().map(|b| view! {
                    <div class="inline-error" role="alert">
                        <p>{b}</p>
                        {stale.get().then(|| view! {
                            <button type="button" class="button secondary" on:click=reload>"Load current values"</button>
                        })}
                    </div>
                })}
                <Field id="cred-email" label="Microsoft 365 email" kind="email" value=email error=email_error node=email_input />
                <Field id="cred-name" label="Sales user name" kind="text" value=name error=name_error node=name_input />
                <div class="dialog-footer">
                    <button type="button" class="button secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button type="button" class="button" on:click=move |_| save() disabled=move || saving.get() || load.get() != Load::Ready>
                        {move || if saving.get() { "Saving…" } else { "Save" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
    .into_any())
}

#[component]
fn Field(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
    node: NodeRef<html::Input>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                node_ref=node
                id=id
                type=kind
                autocomplete="off"
                spellcheck="false"
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=move || error.with(Option::is_some).then(|| error_id.clone())
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    error.set(None);
                }
            />
            {move || error.get().map(|e| view! { <p id=format!("{id}-error") class="field-error">{e}</p> })}
        </div>
    }
}
