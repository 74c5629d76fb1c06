//! Update User Credentials: the Microsoft 365 email and the sales user name
//! of one user, validated as the server validates, sent with If-Match.
//! What was typed is never lost on an error.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::{validate, User, UserPatch};

use crate::api::ApiClient;
use crate::components::dialog::Dialog;

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Ready,
    Failed(String),
}

#[component]
pub fn CredentialsDialog(
    open: RwSignal<bool>,
    /// The user to edit, read when the dialog opens.
    user_id: Signal<Option<i64>>,
    on_saved: Callback<User>,
) -> impl IntoView {
    let client = StoredValue::new(expect_context::<ApiClient>());
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let etag = RwSignal::new(String::new());
    let load = RwSignal::new(Load::Loading);
    let email_error = RwSignal::new(None::<String>);
    let name_error = RwSignal::new(None::<String>);
    let banner = RwSignal::new(None::<String>);
    let stale = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let email_input = NodeRef::<html::Input>::new();
    let name_input = NodeRef::<html::Input>::new();

    let fetch = {
        move |replace_fields: bool| {
            let Some(id) = user_id.get_untracked() else {
                return;
            };
            let client = client.get_value();
            load.set(Load::Loading);
            spawn_local(async move {
                match client.user(id).await {
                    Ok((user, tag)) => {
                        if replace_fields {
                            email.set(user.microsoft_email);
                            name.set(user.sales_user_name);
                        }
                        etag.set(tag);
                        load.set(Load::Ready);
                    }
                    Err(e) => load.set(Load::Failed(e.message())),
                }
            });
        }
    };
    let initial = fetch;
    Effect::new(move |_| {
        if open.get() {
            email_error.set(None);
            name_error.set(None);
            banner.set(None);
            stale.set(false);
            initial(true);
        }
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(id), false) = (user_id.get_untracked(), saving.get_untracked()) else {
            return;
        };
        let e = validate::microsoft_email(&email.get_untracked());
        let n = validate::sales_user_name(&name.get_untracked());
        email_error.set(e.as_ref().err().cloned());
        name_error.set(n.as_ref().err().cloned());
        let (Ok(e), Ok(n)) = (e, n) else {
            let target = if email_error.get_untracked().is_some() {
                email_input
            } else {
                name_input
            };
            if let Some(input) = target.get_untracked() {
                let _ = input.focus();
            }
            return;
        };
        let patch = UserPatch {
            microsoft_email: Some(e),
            sales_user_name: Some(n),
        };
        let client = client.get_value();
        let tag = etag.get_untracked();
        saving.set(true);
        banner.set(None);
        spawn_local(async move {
            let result = client.update_user(id, &tag, &patch).await;
            saving.try_set(false);
            match result {
                Ok((user, _)) => {
                    open.set(false);
                    on_saved.run(user);
                }
                Err(err) => match err.status() {
                    Some(409) => {
                        email_error.set(Some(
                            "This Microsoft account is already mapped to another user.".into(),
                        ));
                        if let Some(input) = email_input.get_untracked() {
                            let _ = input.focus();
                        }
                    }
                    Some(412) => {
                        stale.set(true);
                        banner.set(Some(
                            "This user was changed by someone else after you opened this dialog. \
                             Your changes were not saved."
                                .into(),
                        ));
                    }
                    Some(400)
                        if err.field("microsoftEmail").is_some()
                            || err.field("salesUserName").is_some() =>
                    {
                        email_error.set(err.field("microsoftEmail"));
                        name_error.set(err.field("salesUserName"));
                    }
                    _ => banner.set(Some(err.message())),
                },
            }
        });
    };

    let reload = move |_| {
        stale.set(false);
        banner.set(None);
        fetch(true);
    };

    view! {
        <Dialog open title_id="credentials-title" title="Update User Credentials" own_footer=true>
            <form class="form" on:submit=save novalidate>
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
                    <button type="submit" class="button" disabled=move || saving.get() || load.get() != Load::Ready>
                        {move || if saving.get() { "Saving…" } else { "Save" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
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
