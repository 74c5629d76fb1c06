//! A user's Sync Errors: the outstanding record errors, a page at a time,
//! in the chosen order and filter; and the record errors of one
//! transaction, loaded when its row is expanded.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::{
    export, format, Collection, RecordError, RecordErrorColumn, RecordErrorFilter,
};

use crate::api::ApiClient;
use crate::state::export::{csv_blob, download, local_offset};
use crate::state::loaded::Loaded;
use crate::state::paged::Paged;

/// Record errors per request.
const PAGE: u64 = 50;
/// Record errors per request while exporting.
const EXPORT_PAGE: u64 = 500;

#[derive(Clone, Copy)]
pub struct SyncErrors {
    user_id: i64,
    /// (column, ascending); newest first by default.
    pub sort: RwSignal<(RecordErrorColumn, bool)>,
    pub filter: RwSignal<RecordErrorFilter>,
    pub page: Paged<RecordError>,
    /// What the last export said (written, or why it failed).
    pub exported: RwSignal<Option<String>>,
    pub exporting: RwSignal<bool>,
    client: StoredValue<ApiClient>,
}

impl SyncErrors {
    /// The outstanding errors of `user_id`, over the API client in context.
    pub fn new(user_id: i64) -> Self {
        SyncErrors {
            user_id,
            sort: RwSignal::new((RecordErrorColumn::Occurred, false)),
            filter: RwSignal::new(RecordErrorFilter::default()),
            page: Paged::new(),
            exported: RwSignal::new(None),
            exporting: RwSignal::new(false),
            client: StoredValue::new(expect_context::<ApiClient>()),
        }
    }

    /// `orderBy` for the current sort.
    fn order(&self) -> String {
        let (column, asc) = self.sort.get_untracked();
        format!("{}:{}", column.field(), if asc { "asc" } else { "desc" })
    }

    /// Loads the first page again (`reset`) or the next page.
    pub fn load(&self, reset: bool) {
        let (order, filter) = (self.order(), self.filter.get_untracked());
        let (client, user_id) = (self.client.get_value(), self.user_id);
        self.page.load(reset, move |offset| async move {
            client
                .sync_errors(user_id, &filter, &order, (offset, PAGE))
                .await
        });
    }
}

impl SyncErrors {
    /// Writes every error of the current filter and order as CSV and
    /// hands it to the browser as `sync-errors-<user>-<time>.csv`.
    pub fn export(&self, user_name: String) {
        if self.exporting.get_untracked() {
            return;
        }
        let (order, filter) = (self.order(), self.filter.get_untracked());
        let (this, client, user_id) = (*self, self.client.get_value(), self.user_id);
        self.exporting.set(true);
        self.exported.set(None);
        spawn_local(async move {
            let mut all = Vec::new();
            let fetched = loop {
                let offset = all.len() as u64;
                match client
                    .sync_errors(user_id, &filter, &order, (offset, EXPORT_PAGE))
                    .await
                {
                    Ok(page) => {
                        let more = page.has_more && !page.items.is_empty();
                        all.extend(page.items);
                        if !more {
                            break Ok(());
                        }
                    }
                    Err(e) => break Err(e.message()),
                }
            };
            let said = fetched.and_then(|()| {
                let offset = local_offset(&js_sys::Date::new_0());
                let local = chrono::Utc::now().with_timezone(&offset);
                let file = export::record_errors_file_name(&user_name, local);
                let bytes = export::record_errors_csv(&all, offset);
                csv_blob(&bytes).and_then(|blob| download(&blob, &file))?;
                Ok(format!(
                    "{} written to {file}.",
                    format::plural(all.len() as u64, "record error", "record errors")
                ))
            });
            this.exporting.try_set(false);
            this.exported.try_set(Some(
                said.unwrap_or_else(|e| format!("The export failed. {e}")),
            ));
        });
    }
}

/// The record errors of transaction `number` of `user_id`, loaded on the
/// first [`Loaded::load`].
pub fn transaction_errors(user_id: i64, number: i64) -> Loaded<Collection<RecordError>> {
    Loaded::idle(expect_context::<ApiClient>(), move |c| async move {
        c.transaction_sync_errors(user_id, number).await
    })
}
