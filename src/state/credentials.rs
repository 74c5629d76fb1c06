//! Update User Credentials: the form's state, loading the user (with its
//! ETag) and saving with `If-Match`. What was typed is never lost on an
//! error; each load has a number, so a late answer never replaces newer
//! values.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::{validate, User, UserPatch};

use crate::api::ApiClient;

#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    Loading,
    Ready,
    Failed(String),
}

/// Which field should take the focus after a failed save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Email,
    Name,
}

#[derive(Clone, Copy)]
pub struct CredentialsForm {
    pub email: RwSignal<String>,
    pub name: RwSignal<String>,
    pub load: RwSignal<Load>,
    pub email_error: RwSignal<Option<String>>,
    pub name_error: RwSignal<Option<String>>,
    /// A message about the whole form (e.g. changed by someone else).
    pub banner: RwSignal<Option<String>>,
    /// True after a 412: "Load current values" is offered.
    pub stale: RwSignal<bool>,
    pub saving: RwSignal<bool>,
    etag: RwSignal<String>,
    generation: StoredValue<u64>,
    client: StoredValue<ApiClient>,
}

impl CredentialsForm {
    /// An empty form, over the API client in context.
    pub fn new() -> Self {
        let client = expect_context::<ApiClient>();
        CredentialsForm {
            email: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            load: RwSignal::new(Load::Loading),
            email_error: RwSignal::new(None),
            name_error: RwSignal::new(None),
            banner: RwSignal::new(None),
            stale: RwSignal::new(false),
            saving: RwSignal::new(false),
            etag: RwSignal::new(String::new()),
            generation: StoredValue::new(0),
            client: StoredValue::new(client),
        }
    }

    /// Starts over for user `id`: clears the messages and loads the user's
    /// current values into the fields.
    pub fn open(&self, id: i64) {
        self.email_error.set(None);
        self.name_error.set(None);
        self.banner.set(None);
        self.stale.set(false);
        self.fetch(id);
    }

    /// Loads user `id`'s current values and ETag (after a 412).
    pub fn fetch(&self, id: i64) {
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        self.load.set(Load::Loading);
        let (this, client) = (*self, self.client.get_value());
        spawn_local(async move {
            let result = client.user(id).await;
            if this.generation.try_get_value() != Some(generation) {
                return;
            }
            match result {
                Ok((user, tag)) => {
                    this.email.set(user.microsoft_email);
                    this.name.set(user.sales_user_name);
                    this.etag.set(tag);
                    this.load.set(Load::Ready);
                }
                Err(e) => this.load.set(Load::Failed(e.message())),
            }
        });
    }

    /// Validates and saves. `on_saved` gets the updated user; `focus` the
    /// field to look at when something is wrong with it.
    pub fn save(
        &self,
        id: i64,
        on_saved: impl FnOnce(User) + 'static,
        focus: impl Fn(Field) + 'static,
    ) {
        if self.saving.get_untracked() {
            return;
        }
        let e = validate::microsoft_email(&self.email.get_untracked());
        let n = validate::sales_user_name(&self.name.get_untracked());
        self.email_error.set(e.as_ref().err().cloned());
        self.name_error.set(n.as_ref().err().cloned());
        let (Ok(e), Ok(n)) = (e, n) else {
            focus(if self.email_error.get_untracked().is_some() {
                Field::Email
            } else {
                Field::Name
            });
            return;
        };
        let patch = UserPatch {
            microsoft_email: Some(e),
            sales_user_name: Some(n),
        };
        let (this, client, tag) = (*self, self.client.get_value(), self.etag.get_untracked());
        self.saving.set(true);
        self.banner.set(None);
        spawn_local(async move {
            let result = client.update_user(id, &tag, &patch).await;
            if this.saving.try_set(false).is_some() {
                return; // the dialog is gone
            }
            let err = match result {
                Ok((user, _)) => return on_saved(user),
                Err(err) => err,
            };
            match err.status() {
                Some(409) => {
                    this.email_error.set(Some(
                        "This Microsoft account is already mapped to another user.".into(),
                    ));
                    focus(Field::Email);
                }
                Some(412) => {
                    this.stale.set(true);
                    this.banner.set(Some(
                        "This user was changed by someone else after you opened this dialog. \
                         Your changes were not saved."
                            .into(),
                    ));
                }
                Some(400)
                    if err.field("microsoftEmail").is_some()
                        || err.field("salesUserName").is_some() =>
                {
                    this.email_error.set(err.field("microsoftEmail"));
                    this.name_error.set(err.field("salesUserName"));
                }
                _ => this.banner.set(Some(err.message())),
            }
        });
    }
}
