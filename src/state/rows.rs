//! The user table's data: pages of rows fetched on demand as the user
//! scrolls, de-duplicated, and replaced when the view changes. Every view
//! change starts a new generation: requests of older generations are
//! aborted, and any late answer is dropped, never painted over newer data.
//! The rows of the old view stay on screen, marked stale, until the first
//! page of the new view arrives: the table never goes blank while one types.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use sync_monitor_core::{Sort, User, UserFilter};

use crate::api::{ApiClient, ApiError};
use crate::state::task::{after_paint, spawn_now};

mod narrow;

/// Rows per request.
pub const PAGE: u64 = 100;

/// What the table knows about its rows. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Rows {
    generation: StoredValue<u64>,
    query: StoredValue<(UserFilter, Sort)>,
    /// Matching users; `None` until the first page of this view answers.
    pub total: RwSignal<Option<u64>>,
    pages: RwSignal<HashMap<u64, Vec<User>>>,
    in_flight: StoredValue<HashSet<u64>>,
    /// The rows last asked for by [`Rows::ensure`] (first, count).
    wanted: StoredValue<(u64, u64)>,
    aborts: StoredValue<Vec<web_sys::AbortController>, LocalStorage>,
    pub error: RwSignal<Option<ApiError>>,
    /// True while the rows on screen belong to an older view or refresh
    /// than the one asked for (shown dimmed, `aria-busy`).
    pub stale: RwSignal<bool>,
    /// True while a live refresh reloads the rows: they are stale but
    /// not shown dimmed or busy (nothing changes for the reader until the
    /// new rows arrive, in place).
    pub quiet: RwSignal<bool>,
    /// True while the rows on screen are the new view's first rows, found
    /// among the old view's (see [`Rows::narrow`]): true, so not dimmed,
    /// though the answer is still awaited.
    pub narrowed: RwSignal<bool>,
    /// True while narrowed rows show without their total (not every row
    /// of the wider view was loaded): `total` is still the wider view's.
    pub uncounted: RwSignal<bool>,
    /// True when the stale rows are of the same view (a refresh): the
    /// pages around the visible one stay on screen while they reload.
    same_view: StoredValue<bool>,
    client: StoredValue<ApiClient>,
}

impl Rows {
    pub fn new(client: ApiClient) -> Self {
        Rows {
            generation: StoredValue::new(0),
            query: StoredValue::new((UserFilter::default(), sync_monitor_core::view::DEFAULT_SORT)),
            total: RwSignal::new(None),
            pages: RwSignal::new(HashMap::new()),
            in_flight: StoredValue::new(HashSet::new()),
            wanted: StoredValue::new((0, 1)),
            aborts: StoredValue::new_local(Vec::new()),
            error: RwSignal::new(None),
            stale: RwSignal::new(false),
            quiet: RwSignal::new(false),
            narrowed: RwSignal::new(false),
            uncounted: RwSignal::new(false),
            same_view: StoredValue::new(false),
            client: StoredValue::new(client),
        }
    }

    /// Starts over for `filter` and `sort`: cancels what is in flight and
    /// asks for the rows at `first` (the top of the grid) with the new
    /// total. The old rows stay until that answer replaces them.
    pub fn reset(&self, filter: UserFilter, sort: Sort, first: u64) {
        let narrowed = first == 0 && self.narrow(&filter, sort);
        self.abort_all();
        // `uncounted` stays until an answer: the total may still be that
        // of a view before the narrowed one.
        self.narrowed.set(narrowed);
        self.quiet.set(false);
        self.same_view.set_value(false);
        self.query.set_value((filter, sort));
        self.wanted.update_value(|w| w.0 = first);
        if self.total.get_untracked().is_some() {
            self.stale.set(true);
        }
        let (first, count) = self.wanted.get_value();
        self.ensure(first, count);
    }

    /// Refetches the current view (Retry, Refresh, the end of an action):
    /// the rows on screen stay until the visible page and the new total
    /// replace them.
    pub fn refresh(&self) {
        // While a new view's first answer is still awaited, the rows on
        // screen are of the old view: a refresh must not keep them.
        let pending_view = self.stale.get_untracked() && !self.same_view.get_value();
        self.abort_all();
        self.same_view.set_value(!pending_view);
        if self.total.get_untracked().is_some() {
            self.stale.set(true);
        }
        let (first, count) = self.wanted.get_value();
        self.ensure(first, count);
    }

    /// True while the rows on screen are stale and shown as such (busy,
    /// covered against clicks).
    pub fn busy(&self) -> bool {
        self.stale.get() && !self.quiet.get()
    }

    /// A refresh that does not dim the rows (live refresh).
    pub fn refresh_quietly(&self) {
        if !self.stale.get_untracked() {
            self.quiet.set(true);
        }
        self.refresh();
    }

    /// A new generation: what is in flight is cancelled and forgotten.
    fn abort_all(&self) {
        self.generation.update_value(|g| *g += 1);
        self.aborts.update_value(|list| {
            for c in list.drain(..) {
                c.abort();
            }
        });
        self.in_flight.update_value(HashSet::clear);
        self.error.set(None);
    }

    /// Makes sure the rows `first..first + count` (plus one page of
    /// prefetch each way) are loaded or loading. While the rows on screen
    /// are stale (or the total unknown), only the page at `first` is asked
    /// for, with the total; the rest follows its answer.
    pub fn ensure(&self, first: u64, count: u64) {
        self.load(first, count, 1);
    }

    /// [`Rows::ensure`] with `around` pages of prefetch each way.
    fn load(&self, first: u64, count: u64, around: u64) {
        self.wanted.set_value((first, count));
        let stale = self.stale.get_untracked();
        let total = self.total.get_untracked().filter(|_| !stale);
        if stale || total.is_none() {
            let page = first / PAGE;
            if !self.in_flight.with_value(|f| f.contains(&page)) {
                self.fetch(page, true);
            }
            return;
        }
        let Some(t) = total.filter(|t| *t > 0) else {
            return;
        };
        let last = first + count.max(1) - 1;
        let from = (first / PAGE).saturating_sub(around);
        let to = (last / PAGE + around).min((t - 1) / PAGE);
        for page in from..=to {
            let known = self.pages.with_untracked(|p| p.contains_key(&page))
                || self.in_flight.with_value(|f| f.contains(&page));
            if !known {
                self.fetch(page, false);
            }
        }
    }

    /// Fetches one page; `want_total` (which costs the server a count)
    /// marks the answer that replaces stale rows.
    fn fetch(&self, page: u64, want_total: bool) {
        let this = *self;
        let generation = self.generation.get_value();
        let (filter, sort) = self.query.get_value();
        let client = self.client.get_value();
        let abort = web_sys::AbortController::new().ok();
        let signal = abort.as_ref().map(|a| a.signal());
        if let Some(a) = abort {
            self.aborts.update_value(|list| list.push(a));
        }
        self.in_flight.update_value(|f| {
            f.insert(page);
        });
        spawn_now(async move {
            let result = client
                .users(
                    &filter,
                    sort,
                    (page * PAGE, PAGE, want_total),
                    signal.as_ref(),
                )
                .await;
            // A newer view or refresh owns the table now: drop this answer.
            if this.generation.try_get_value() != Some(generation) {
                return;
            }
            this.in_flight.update_value(|f| {
                f.remove(&page);
            });
            match result {
                Ok(collection)
                    if this.stale.get_untracked() || this.total.get_untracked().is_none() =>
                {
                    // The new view's first answer: it replaces every row.
                    let total = collection
                        .total_results
                        .unwrap_or_else(|| page * PAGE + collection.items.len() as u64);
                    let (first, count) = this.wanted.get_value();
                    // A refresh keeps the neighbouring pages on screen and
                    // reloads them; a new view drops them.
                    let near = (first / PAGE).saturating_sub(1)..=(first + count) / PAGE + 1;
                    let keep: Vec<u64> = if this.same_view.get_value() {
                        this.pages.with_untracked(|p| {
                            p.keys()
                                .copied()
                                .filter(|k| *k != page && near.contains(k))
                                .collect()
                        })
                    } else {
                        Vec::new()
                    };
                    this.pages.update(|p| {
                        p.retain(|k, _| keep.contains(k));
                        p.insert(page, collection.items);
                    });
                    this.total.set(Some(total));
                    this.stale.set(false);
                    this.quiet.set(false);
                    this.narrowed.set(false);
                    this.uncounted.set(false);
                    // The pages in view now; their neighbours once the new
                    // rows are painted (their requests and answers would
                    // delay that frame; #13).
                    this.load(first, count, 0);
                    after_paint(move || {
                        if this.generation.try_get_value() != Some(generation) {
                            return;
                        }
                        for k in keep {
                            if !this.in_flight.with_value(|f| f.contains(&k)) {
                                this.fetch(k, false);
                            }
                        }
                        let (first, count) = this.wanted.get_value();
                        this.ensure(first, count);
                    });
                }
                Ok(collection) => {
                    if let Some(t) = collection.total_results {
                        this.total.set(Some(t));
                    }
                    this.pages.update(|p| {
                        p.insert(page, collection.items);
                    });
                }
                Err(ApiError::Cancelled) => {}
                Err(e) => {
                    this.quiet.set(false);
                    this.error.set(Some(e));
                }
            }
        });
    }

    /// The user at row `index`, if loaded.
    pub fn get(&self, index: u64) -> Option<User> {
        self.pages.with(|p| {
            p.get(&(index / PAGE))
                .and_then(|rows| rows.get((index % PAGE) as usize))
                .cloned()
        })
    }

    /// The id at row `index`, if loaded (untracked).
    pub fn id_at(&self, index: u64) -> Option<i64> {
        self.pages.with_untracked(|p| {
            p.get(&(index / PAGE))
                .and_then(|rows| rows.get((index % PAGE) as usize))
                .map(|u| u.id)
        })
    }

    /// The sales user name of a loaded user (untracked).
    pub fn name_of(&self, id: i64) -> Option<String> {
        self.pages.with_untracked(|p| {
            p.values()
                .flat_map(|rows| rows.iter())
                .find(|u| u.id == id)
                .map(|u| u.sales_user_name.clone())
        })
    }

    /// The current query (filter and sort).
    pub fn query(&self) -> (UserFilter, Sort) {
        self.query.get_value()
    }
}
