//! Export: the selection, or the whole filtered set when nothing is
//! selected, fetched page by page with progress (cancellable), written as
//! CSV in the browser and downloaded through a Blob object URL.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::{export, Sort, User, UserFilter};
use wasm_bindgen::JsCast;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use crate::api::{ApiClient, ApiError};

/// Users per request while exporting.
const PAGE: u64 = 500;
/// Requests in flight at once.
const PARALLEL: u64 = 8;

#[derive(Debug, Clone, PartialEq)]
pub enum ExportState {
    Running { done: u64, total: Option<u64> },
    Done { rows: usize, file: String },
    Cancelled,
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct Exporter {
    pub state: RwSignal<Option<ExportState>>,
    cancel: StoredValue<bool>,
    client: StoredValue<ApiClient>,
}

impl Exporter {
    pub fn new(client: ApiClient) -> Self {
        Exporter {
            state: RwSignal::new(None),
            cancel: StoredValue::new(false),
            client: StoredValue::new(client),
        }
    }

    pub fn is_running(&self) -> bool {
        self.state
            .with(|s| matches!(s, Some(ExportState::Running { .. })))
    }

    pub fn cancel(&self) {
        self.cancel.set_value(true);
    }

    pub fn dismiss(&self) {
        if !self.is_running() {
            self.state.set(None);
        }
    }

    /// Exports the users of the view (`filter`, `sort`); only `only` when
    /// given (the selection).
    pub fn start(&self, filter: UserFilter, sort: Sort, only: Option<HashSet<i64>>) {
        if self.is_running() {
            return;
        }
        self.cancel.set_value(false);
        self.state.set(Some(ExportState::Running {
            done: 0,
            total: None,
        }));
        let this = *self;
        let client = self.client.get_value();
        spawn_local(async move {
            let next = match export_work(this, client, filter, sort, only).await {
                Ok(work) => work.await,
                // Its code could not be fetched.
                Err(_) => ExportState::Failed(ApiError::Part(String::new()).message()),
            };
            this.state.try_set(Some(next));
        });
    }

    /// The users of `only` among the view's, in the view's order; `None` if
    /// cancelled.
    async fn collect(
        &self,
        client: &ApiClient,
        filter: &UserFilter,
        sort: Sort,
        only: &HashSet<i64>,
    ) -> Result<Option<Vec<User>>, ApiError> {
        let first = client.users(filter, sort, (0, PAGE, true), None).await?;
        let total = first.total_results.unwrap_or(first.count);
        let mut users = Vec::with_capacity(only.len());
        let mut seen = HashSet::new();
        let mut keep = |batch: Vec<User>, users: &mut Vec<User>| {
            for u in batch {
                if only.contains(&u.id) && seen.insert(u.id) {
                    users.push(u);
                }
            }
        };
        keep(first.items, &mut users);
        let mut offset = PAGE;
        self.progress(offset.min(total), total);
        while offset < total {
            if self.cancel.try_get_value().unwrap_or(true) {
                return Ok(None);
            }
            let batch: Vec<u64> = (0..PARALLEL)
                .map(|i| offset + i * PAGE)
                .filter(|o| *o < total)
                .collect();
            let pages = futures::future::join_all(
                batch
                    .iter()
                    .map(|o| client.users(filter, sort, (*o, PAGE, false), None)),
            )
            .await;
            for page in pages {
                keep(page?.items, &mut users);
            }
            offset += PAGE * batch.len() as u64;
            self.progress(offset.min(total), total);
        }
        Ok(Some(users))
    }

    fn progress(&self, done: u64, total: u64) {
        self.state.try_set(Some(ExportState::Running {
            done,
            total: Some(total),
        }));
    }
}

/// The export itself, in code fetched when the first export starts (a
/// split point; #13: a cold load of the dashboard does not download it).
#[wasm_split(export, fallible, preload(fetch_export))]
pub fn export_work(
    this: Exporter,
    client: ApiClient,
    filter: UserFilter,
    sort: Sort,
    only: Option<HashSet<i64>>,
) -> Result<Pin<Box<dyn Future<Output = ExportState>>>, SplitLoaderError> {
    Ok(Box::pin(async move {
        let now = js_sys::Date::new_0();
        let offset = local_offset(&now);
        let file = export::file_name(chrono::Utc::now().with_timezone(&offset));
        match only {
            // The whole view: the server writes the CSV in one go.
            None => match client
                .users_csv(&filter, sort, offset.local_minus_utc() / 60)
                .await
            {
                Ok(_) if this.cancel.try_get_value().unwrap_or(true) => ExportState::Cancelled,
                Ok((blob, rows)) => match download(&blob, &file) {
                    Ok(()) => ExportState::Done {
                        rows: rows as usize,
                        file,
                    },
                    Err(e) => ExportState::Failed(e),
                },
                Err(e) => ExportState::Failed(e.message()),
            },
            // A selection: its users, page by page, written here.
            Some(only) => match this.collect(&client, &filter, sort, &only).await {
                Ok(Some(users)) => {
                    let bytes = export::users_csv(&users, offset);
                    match csv_blob(&bytes).and_then(|blob| download(&blob, &file)) {
                        Ok(()) => ExportState::Done {
                            rows: users.len(),
                            file,
                        },
                        Err(e) => ExportState::Failed(e),
                    }
                }
                Ok(None) => ExportState::Cancelled,
                Err(e) => ExportState::Failed(e.message()),
            },
        }
    }))
}

/// The browser's current UTC offset.
pub fn local_offset(now: &js_sys::Date) -> chrono::FixedOffset {
    let minutes = -(now.get_timezone_offset() as i32);
    chrono::FixedOffset::east_opt(minutes * 60).unwrap_or_else(|| chrono::Offset::fix(&chrono::Utc))
}

fn fail(what: &str) -> String {
    format!("The file could not be saved ({what}).")
}

/// `bytes` as a CSV Blob.
pub fn csv_blob(bytes: &[u8]) -> Result<web_sys::Blob, String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| fail("blob"))
}

/// Saves `blob` as `file` through an object URL, released afterwards.
pub fn download(blob: &web_sys::Blob, file: &str) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| fail("object URL"))?;
    let document = document();
    let a = document
        .create_element("a")
        .map_err(|_| fail("link"))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| fail("link"))?;
    a.set_href(&url);
    a.set_download(file);
    a.set_hidden(true);
    let body = document.body().ok_or_else(|| fail("no body"))?;
    let _ = body.append_child(&a);
    a.click();
    a.remove();
    // Give the download time to start before the URL is released.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
