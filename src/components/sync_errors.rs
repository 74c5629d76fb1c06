//! The Sync Errors region of the user details page: the records that
//! failed to sync and have not synced since — object, direction,
//! operation, record, message, when, transaction — sortable, filterable by
//! object type and direction, loading more on request. Also the record
//! errors of one transaction, for its expanded row in the history.

use leptos::prelude::*;
use sync_monitor_core::{
    format, Direction, MessageType, ObjectType, RecordError, RecordErrorColumn,
};

use crate::components::local_time::local_string;
use crate::components::sort_header::SortHeader;
use crate::state::focus::keep_focus;
use crate::state::paged::Paged;
use crate::state::sync_errors::{transaction_errors, SyncErrors};

#[component]
pub fn SyncErrorsRegion(user_id: i64, user_name: String, reload: Signal<u32>) -> impl IntoView {
    let errors = SyncErrors::new(user_id);
    let SyncErrors {
        sort,
        filter,
        page,
        exported,
        exporting,
        ..
    } = errors;
    let Paged {
        items,
        total,
        loading,
        error,
        ..
    } = page;
    Effect::new(move |_| {
        sort.track();
        filter.track();
        reload.track();
        errors.load(true);
    });
    let filtered = move || filter.with(|f| *f != Default::default());
    // No outstanding error at all: nothing to filter, sort or export, so
    // only the sentence shows. Known from an answer and kept while the next
    // loads; hidden from the start, so a user without errors never sees the
    // controls flash.
    let none_at_all = Memo::new(move |prev: Option<&bool>| match total.get() {
        Some(t) => t == 0 && !filtered(),
        None => prev.copied().unwrap_or(true),
    });
    // Errors fixed meanwhile may take the controls away under the focus.
    Effect::new(move |shown: Option<bool>| {
        let hidden = none_at_all.get();
        if hidden && shown == Some(true) {
            keep_focus(&["sync-errors-heading"]);
        }
        !hidden
    });
    let user_name = StoredValue::new(user_name);
    let status = move || {
        total.get().map(|t| match (t, filtered()) {
            (0, false) => "No outstanding sync errors: every record synced.".to_owned(),
            (0, true) => "No outstanding sync errors match.".to_owned(),
            (t, _) => format!(
                "{} failed to sync and {} synced since.",
                format::plural(t, "record", "records"),
                if t == 1 { "hasn't" } else { "haven't" }
            ),
        })
    };
    let object = move |ev| {
        let o = ObjectType::parse(&event_target_value(&ev));
        filter.update(|f| f.object_types = o.into_iter().collect());
    };
    let direction = move |ev| {
        let d = Direction::parse(&event_target_value(&ev));
        filter.update(|f| f.direction = d);
    };
    view! {
        <section class="detail-card" aria-labelledby="sync-errors-heading">
            <h2 id="sync-errors-heading" tabindex="-1">"Sync Errors"</h2>
            <p class="muted" id="sync-errors-status" role="status">{status}</p>
            <Show when=move || !none_at_all.get()>
                <div class="record-filters">
                    <label for="errors-object">"Object"
                        <select id="errors-object" on:change=object>
                            <option value="">"All objects"</option>
                            {ObjectType::ALL.iter().map(|o| view! { <option value=o.as_str()>{o.label()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label for="errors-direction">"Direction"
                        <select id="errors-direction" on:change=direction>
                            <option value="">"Both directions"</option>
                            <option value="UP_SYNC">"Up-sync (Microsoft 365 to sales)"</option>
                            <option value="DOWN_SYNC">"Down-sync (sales to Microsoft 365)"</option>
                        </select>
                    </label>
                    // Busy, not disabled, while it exports: a disabled
                    // button loses the focus.
                    <button type="button" class="button secondary" id="export-sync-errors"
                        disabled=move || total.get() == Some(0)
                        aria-disabled=move || exporting.get().then_some("true")
                        on:click=move |_| if !exporting.get_untracked() { errors.export(user_name.get_value()) }>
                        {move || if exporting.get() { "Exporting…" } else { "Export CSV" }}
                    </button>
                    <p class="muted export-note" role="status">{move || exported.get()}</p>
                </div>
                <div class="history-scroll" tabindex="0" aria-label="Sync Errors table">
                    <table class="history record-errors">
                        <thead>
                            <tr>
                                {RecordErrorColumn::ALL.map(|column| view! { <SortHeader column label=column.label() sort /> })}
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || items.get() key=|e| e.id let:e>
                                <RecordErrorRow e />
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
            {move || error.get().map(|e| view! {
                <div class="inline-error" role="alert">
                    {format!("The sync errors could not be loaded. {}", e.message())}
                    <button type="button" class="link" on:click=move |_| errors.load(true)>"Retry"</button>
                </div>
            })}
            <Show when=move || page.has_more()>
                <button type="button" class="button secondary load-more" disabled=move || loading.get() on:click=move |_| errors.load(false)>
                    {move || if loading.get() { "Loading…" } else { "Load more" }}
                </button>
            </Show>
        </section>
    }
}

/// The record as the administrator finds it: its name, and its number in
/// the sales application when it exists there.
fn record_label(e: &RecordError) -> (String, String) {
    let name = format::visible_text(&e.record_name).into_owned();
    let number = match &e.sales_record_number {
        Some(n) => n.clone(),
        None => "not in the sales application".to_owned(),
    };
    (name, number)
}

#[component]
fn RecordErrorRow(e: RecordError) -> impl IntoView {
    let (name, number) = record_label(&e);
    let user_fix = e.message_type == MessageType::User;
    view! {
        <tr>
            <td>{e.object_type.label()}</td>
            <td>{e.direction.label()}</td>
            <td>{e.operation.label()}</td>
            <td class="record"><bdi class="record-name">{name}</bdi><span class="muted record-number">{number}</span></td>
            <td class="record-message">
                {e.message.clone()}
                {user_fix.then(|| view! { <span class="fix-by-user">"The user can fix this record."</span> })}
            </td>
            <td>{local_string(e.occurred_at)}</td>
            <td class="num">{e.transaction_number}</td>
        </tr>
    }
}

/// The record errors of one transaction (its expanded history row),
/// loaded the first time `open` is true.
#[component]
pub fn TransactionRecordErrors(user_id: i64, number: i64, open: Signal<bool>) -> impl IntoView {
    let loaded = transaction_errors(user_id, number);
    Effect::new(move |_| {
        if open.get() && loaded.data.with_untracked(Option::is_none) {
            loaded.load();
        }
    });
    move || {
        if let Some(e) = loaded.error.get() {
            return view! { <p class="inline-error">{format!("The record errors could not be loaded. {}", e.message())}</p> }.into_any();
        }
        let Some(page) = loaded.data.get() else {
            return view! { <p class="muted">"Loading the record errors…"</p> }.into_any();
        };
        if page.items.is_empty() {
            return view! { <p class="muted">"No record failed: the sync stopped before any record."</p> }.into_any();
        }
        let more = page.total_results.unwrap_or(0).saturating_sub(page.count);
        view! {
            <ul class="record-error-list" aria-label=format!("Records that failed in transaction {number}")>
                {page.items.into_iter().map(|e| {
                    let (name, number) = record_label(&e);
                    let state = if e.resolved_at.is_some() { "synced since" } else { "outstanding" };
                    view! {
                        <li>
                            <strong>{format!("{} · {} · {}", e.object_type.label(), e.direction.label(), e.operation.label())}</strong>
                            " " <bdi class="record-name">{name}</bdi>
                            <span class="muted">{format!(" ({number}, {state})")}</span>
                            <span class="record-message">{format!(": {}", e.message)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(more > 0).then(|| view! { <p class="muted">{format!("and {} more", format::count(more))}</p> })}
        }.into_any()
    }
}
