//! The Transaction History region: a chart of the last 30 syncs, then the
//! history table — newest first, sortable, loading more as it scrolls; a
//! failed transaction, or one in which records failed, expands to show its
//! error, each direction's duration and the records that failed.

use std::collections::HashSet;

use leptos::prelude::*;
use sync_monitor_core::{format, help, Transaction, TransactionColumn, TransactionResult};

use crate::components::local_time::local_string;
use crate::components::sort_header::SortHeader;
use crate::components::sync_chart::SyncChart;
use crate::components::sync_errors::TransactionRecordErrors;
use crate::state::focus::keep_focus;
use crate::state::history::History;
use crate::state::paged::Paged;

#[component]
pub fn TransactionHistory(user_id: i64, reload: Signal<u32>) -> impl IntoView {
    let history = History::new(user_id);
    let sort = history.sort;
    let Paged {
        items,
        total,
        loading,
        error,
        ..
    } = history.page;
    let expanded = RwSignal::new(HashSet::<i64>::new());
    let load = move |reset: bool| history.load(reset);
    Effect::new(move |_| {
        sort.track();
        reload.track();
        load(true);
    });
    Effect::new(move |_| {
        reload.track();
        history.load_recent();
    });
    let more = move || history.page.has_more();
    // A page asked for with Load more is in: if the button went with it
    // (the last page), the focus goes to the rows it brought.
    let from_button = StoredValue::new(false);
    Effect::new(move |was: Option<bool>| {
        let now = loading.get();
        if was == Some(true) && !now && from_button.get_value() {
            from_button.set_value(false);
            keep_focus(&["history-table"]);
        }
        now
    });
    let on_scroll = move |ev: leptos::ev::Event| {
        let el = event_target::<web_sys::HtmlElement>(&ev);
        if el.scroll_top() + el.client_height() + 200 >= el.scroll_height()
            && more()
            && !loading.get_untracked()
        {
            load(false);
        }
    };

    view! {
        <section class="detail-card" aria-labelledby="history-heading">
            <h2 id="history-heading">"Transaction History"</h2>
            <SyncChart data=history.recent />
            <p class="muted" role="status">
                {move || total.get().map(|t| format!("{} in the last 30 days", format::plural(t, "transaction", "transactions")))}
            </p>
            <div class="history-scroll" id="history-table" on:scroll=on_scroll tabindex="0" aria-label="Transaction History table">
                <table class="history">
                    <thead>
                        <tr>
                            {TransactionColumn::ALL.map(|column| view! { <SortHeader column label=column.label() sort /> })}
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || items.get() key=|t| t.transaction_number let:t>
                            <TransactionRow user_id t expanded />
                        </For>
                    </tbody>
                </table>
                {move || (items.with(Vec::is_empty) && total.get() == Some(0)).then(|| view! { <p class="empty-note">"No transactions in the last 30 days."</p> })}
            </div>
            {move || error.get().map(|e| view! {
                <div class="inline-error" role="alert">
                    {format!("The history could not be loaded. {}", e.message())}
                    <button type="button" class="link" on:click=move |_| load(items.with_untracked(Vec::is_empty))>"Retry"</button>
                </div>
            })}
            // Busy, not disabled, while it loads: a disabled button loses the
            // focus. With the last page it goes; the table takes the focus.
            <Show when=more>
                <button type="button" class="button secondary load-more"
                    aria-disabled=move || loading.get().then_some("true")
                    on:click=move |_| if !loading.get_untracked() {
                        from_button.set_value(true);
                        load(false);
                    }>
                    {move || if loading.get() { "Loading…" } else { "Load more" }}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn TransactionRow(user_id: i64, t: Transaction, expanded: RwSignal<HashSet<i64>>) -> impl IntoView {
    let n = t.transaction_number;
    let open = Signal::derive(move || expanded.with(|e| e.contains(&n)));
    let failed = t.result == TransactionResult::Failed;
    // A failed sync, or one in which records failed, opens to its details.
    let expands = failed || t.failed_records() > 0;
    let error = t.error.clone();
    let icon_class = format!("result result-{}", t.result.as_str().to_lowercase());
    let duration = |ms: u64| format::duration_ms(ms);
    let changes = |changed: u64, failed: u64| {
        view! {
            {changed}
            {(failed > 0).then(|| view! { <span class="failed-count">{format!(" · {failed} failed")}</span> })}
        }
    };
    let directions = format!(
        "Up-sync (Microsoft 365 to sales) took {}; down-sync (sales to Microsoft 365) took {}.",
        duration(t.up_sync_duration_ms),
        duration(t.down_sync_duration_ms)
    );
    view! {
        <tr class:failed=failed>
            <td class=icon_class>
                {if expands {
                    view! {
                        <button type="button" class="link expand" aria-expanded=move || open.get().to_string()
                            aria-controls=format!("tx-error-{n}")
                            on:click=move |_| expanded.update(|e| if !e.remove(&n) { e.insert(n); })>
                            {t.result.label()}
                            <span class="visually-hidden">" — show the details"</span>
                        </button>
                    }.into_any()
                } else {
                    view! { <span>{t.result.label()}</span> }.into_any()
                }}
            </td>
            <td class="num">{n}</td>
            <td>{local_string(t.sync_start)}</td>
            <td>{local_string(t.sync_end)}</td>
            <td class="num">{changes(t.microsoft365_changes, t.microsoft365_failed)}</td>
            <td class="num">{duration(t.microsoft365_duration_ms)}</td>
            <td class="num">{changes(t.sales_changes, t.sales_failed)}</td>
            <td class="num">{duration(t.sales_duration_ms)}</td>
            <td class="num">{t.conflicts}</td>
            <td>{if t.using_next_gen { "Yes" } else { "No" }}</td>
        </tr>
        {expands.then(|| view! {
            <tr id=format!("tx-error-{n}") class="error-row" hidden=move || !open.get()>
                <td colspan="10">
                    // As wide as the scroll box shows, and kept in view when
                    // the table scrolls sideways: the row is wider.
                    <div class="error-detail">
                        {error.clone().map(|e| {
                            let h = help::error_help(&e.code);
                            view! {
                                <p><code>{e.code.clone()}</code>" "{e.message.clone()}</p>
                                {h.map(|h| view! { <p class="fix"><strong>"Suggested fix: "</strong>{h.fix}</p> })}
                            }
                        })}
                        <p class="muted directions">{directions.clone()}</p>
                        <TransactionRecordErrors user_id number=n open />
                    </div>
                </td>
            </tr>
        })}
    }
}
