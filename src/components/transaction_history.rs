//! The Transaction History region: a chart of the last 30 syncs, then the
//! history table — newest first, sortable, loading more as it scrolls; a
//! failed transaction expands to show its error.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sync_monitor_core::{format, help, Transaction, TransactionResult};

use crate::api::{ApiClient, ApiError};
use crate::components::local_time::local_string;

const PAGE: u64 = 50;

/// (header, orderBy field) in the seed's words.
const COLUMNS: [(&str, &str); 10] = [
    ("Result", "result"),
    ("Transaction Number", "transactionNumber"),
    ("Sync Start", "syncStart"),
    ("Sync End", "syncEnd"),
    ("Microsoft 365 Changes", "microsoft365Changes"),
    ("Microsoft 365 Duration", "microsoft365DurationMs"),
    ("CX Sales 365 Changes", "salesChanges"),
    ("CX Sales 365 Duration", "salesDurationMs"),
    ("Conflicts", "conflicts"),
    ("Using Next Gen", "usingNextGen"),
];

#[component]
pub fn TransactionHistory(user_id: i64, reload: Signal<u32>) -> impl IntoView {
    let client = StoredValue::new(expect_context::<ApiClient>());
    let sort = RwSignal::new(("syncStart", false)); // (field, ascending)
    let items = RwSignal::new(Vec::<Transaction>::new());
    let total = RwSignal::new(None::<u64>);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let expanded = RwSignal::new(HashSet::<i64>::new());
    let generation = StoredValue::new(0u32);

    let load = move |reset: bool| {
        if loading.get_untracked() && !reset {
            return;
        }
        let (field, asc) = sort.get_untracked();
        let order = format!("{field}:{}", if asc { "asc" } else { "desc" });
        let offset = if reset {
            0
        } else {
            items.with_untracked(Vec::len) as u64
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        loading.set(true);
        error.set(None);
        let client = client.get_value();
        spawn_local(async move {
            let result = client.transactions(user_id, &order, offset, PAGE).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            loading.set(false);
            match result {
                Ok(page) => {
                    total.set(page.total_results);
                    items.update(|v| {
                        if reset {
                            v.clear();
                        }
                        v.extend(page.items);
                    });
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| {
        sort.track();
        reload.track();
        load(true);
    });
    let more = move || {
        total
            .get()
            .is_some_and(|t| (items.with(Vec::len) as u64) < t)
    };
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
            <SyncChart user_id reload />
            <p class="muted" role="status">
                {move || total.get().map(|t| format!("{} in the last 30 days", format::plural(t, "transaction", "transactions")))}
            </p>
            <div class="history-scroll" on:scroll=on_scroll tabindex="0" aria-label="Transaction History table">
                <table class="history">
                    <thead>
                        <tr>
                            {COLUMNS.map(|(label, field)| {
                                let aria = move || {
                                    let (f, asc) = sort.get();
                                    (f == field).then_some(if asc { "ascending" } else { "descending" })
                                };
                                view! {
                                    <th scope="col" aria-sort=aria>
                                        <button type="button" class="sort" on:click=move |_| sort.update(|s| {
                                            *s = if s.0 == field { (field, !s.1) } else { (field, true) };
                                        })>
                                            {label}
                                            <span class="arrow" aria-hidden="true">{move || match aria() { Some("ascending") => "\u{25B2}", Some(_) => "\u{25BC}", None => "" }}</span>
                                        </button>
                                    </th>
                                }
                            })}
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || items.get() key=|t| t.transaction_number let:t>
                            <TransactionRow t expanded />
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
            <Show when=more>
                <button type="button" class="button secondary load-more" disabled=move || loading.get() on:click=move |_| load(false)>
                    {move || if loading.get() { "Loading…" } else { "Load more" }}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn TransactionRow(t: Transaction, expanded: RwSignal<HashSet<i64>>) -> impl IntoView {
    let n = t.transaction_number;
    let open = move || expanded.with(|e| e.contains(&n));
    let failed = t.result == TransactionResult::Failed;
    let error = t.error.clone();
    let icon_class = format!("result result-{}", t.result.as_str().to_lowercase());
    let duration = |ms: u64| format::duration_ms(ms);
    view! {
        <tr class:failed=failed>
            <td class=icon_class>
                {if failed {
                    view! {
                        <button type="button" class="link expand" aria-expanded=move || open().to_string()
                            aria-controls=format!("tx-error-{n}")
                            on:click=move |_| expanded.update(|e| if !e.remove(&n) { e.insert(n); })>
                            {t.result.label()}
                            <span class="visually-hidden">" — show the error"</span>
                        </button>
                    }.into_any()
                } else {
                    view! { <span>{t.result.label()}</span> }.into_any()
                }}
            </td>
            <td class="num">{n}</td>
            <td>{local_string(t.sync_start)}</td>
            <td>{local_string(t.sync_end)}</td>
            <td class="num">{t.microsoft365_changes}</td>
            <td class="num">{duration(t.microsoft365_duration_ms)}</td>
            <td class="num">{t.sales_changes}</td>
            <td class="num">{duration(t.sales_duration_ms)}</td>
            <td class="num">{t.conflicts}</td>
            <td>{if t.using_next_gen { "Yes" } else { "No" }}</td>
        </tr>
        {failed.then(|| view! {
            <tr id=format!("tx-error-{n}") class="error-row" hidden=move || !open()>
                <td colspan="10">
                    {error.clone().map(|e| {
                        let h = help::error_help(&e.code);
                        view! {
                            <p><code>{e.code.clone()}</code>" "{e.message.clone()}</p>
                            {h.map(|h| view! { <p class="fix"><strong>"Suggested fix: "</strong>{h.fix}</p> })}
                        }
                    })}
                </td>
            </tr>
        })}
    }
}

/// Duration bars of the last 30 syncs, oldest to newest, coloured by result.
#[component]
fn SyncChart(user_id: i64, reload: Signal<u32>) -> impl IntoView {
    let client = StoredValue::new(expect_context::<ApiClient>());
    let data = RwSignal::new(None::<Vec<Transaction>>);
    Effect::new(move |_| {
        reload.track();
        let client = client.get_value();
        spawn_local(async move {
            if let Ok(page) = client.transactions(user_id, "syncStart:desc", 0, 30).await {
                let mut items = page.items;
                items.reverse();
                data.try_set(Some(items));
            }
        });
    });
    move || {
        data.get().filter(|d| !d.is_empty()).map(|items| {
        let durations: Vec<u64> = items
            .iter()
            .map(|t| (t.sync_end - t.sync_start).num_milliseconds().max(0) as u64)
            .collect();
        let max = durations.iter().copied().max().unwrap_or(1).max(1);
        let failed = items.iter().filter(|t| t.result == TransactionResult::Failed).count();
        let mut sorted = durations.clone();
        sorted.sort_unstable();
        let median = sorted[sorted.len() / 2];
        let summary = format!(
            "{}: {} failed, {} succeeded; median duration {}.",
            if items.len() == 1 { "The last sync".to_owned() } else { format!("Last {} syncs", items.len()) },
            failed,
            items.len() - failed,
            format::duration_ms(median)
        );
        let (w, h, gap) = (600.0, 80.0, 2.0);
        let bar_w = w / 30.0 - gap;
        let bars = items.iter().zip(&durations).enumerate().map(|(i, (t, d))| {
            let bh = (*d as f64 / max as f64 * (h - 4.0)).max(2.0);
            let tip = format!("{} — {} — {}", local_string(t.sync_start), t.result.label(), format::duration_ms(*d));
            view! {
                <rect x=format!("{:.1}", i as f64 * (bar_w + gap)) y=format!("{:.1}", h - bh)
                    width=format!("{bar_w:.1}") height=format!("{bh:.1}")
                    class=format!("bar bar-{}", t.result.as_str().to_lowercase())>
                    <title>{tip}</title>
                </rect>
            }
        }).collect_view();
        view! {
            <figure class="sync-chart">
                <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=summary.clone() preserveAspectRatio="none">
                    {bars}
                </svg>
                <figcaption>{summary}<span class="legend"><span class="swatch ok"></span>"Succeeded "<span class="swatch conflicts"></span>"With conflicts "<span class="swatch failed"></span>"Failed"</span></figcaption>
            </figure>
        }
    })
    }
}
