//! The user's last 30 syncs as bars, oldest to newest: bar height is the
//! sync's duration on a labelled scale, the time axis dates the first,
//! middle and last bars, results are told apart by fill as well as colour,
//! and one tab stop walks the bars aloud (arrows, Home, End).

use leptos::prelude::*;
use sync_monitor_core::chart::ticks;
use sync_monitor_core::{format, Transaction, TransactionResult};

use crate::components::chart::{
    y_of, ChartFrame, Legend, ValueAxis, H, LEFT, PLOT_H, RIGHT, TOP, W,
};
use crate::components::local_time::local_string;

/// Bars the chart has room for.
const SLOTS: usize = 30;

fn duration(t: &Transaction) -> u64 {
    (t.sync_end - t.sync_start).num_milliseconds().max(0) as u64
}

fn fill(result: TransactionResult) -> &'static str {
    match result {
        TransactionResult::Failed => "seg failed",
        TransactionResult::SucceededWithConflicts => "seg conflicts",
        _ => "seg ok",
    }
}

#[component]
pub fn SyncChart(data: RwSignal<Option<Vec<Transaction>>>) -> impl IntoView {
    move || {
        data.get()
            .filter(|d| !d.is_empty())
            .map(|items| view! { <Bars items /> })
    }
}

#[component]
fn Bars(items: Vec<Transaction>) -> impl IntoView {
    let n = items.len();
    let current = RwSignal::new(n - 1);
    let durations: Vec<u64> = items.iter().map(duration).collect();
    // Seconds on the axis: round ticks of whole seconds.
    let axis: Vec<u64> = ticks(
        durations.iter().max().copied().unwrap_or(0).div_ceil(1000),
        4,
    )
    .into_iter()
    .map(|s| s * 1000)
    .collect();
    let top = *axis.last().unwrap_or(&1000) as f64;
    let slot = (W - LEFT - RIGHT) / SLOTS as f64;
    let bar_w = slot * 0.7;
    let labelled = [0, n / 2, n - 1];
    let bars = items
        .iter()
        .zip(&durations)
        .enumerate()
        .map(|(i, (t, d))| {
            let x = LEFT + i as f64 * slot + (slot - bar_w) / 2.0;
            let by = y_of(*d as f64, top).min(TOP + PLOT_H - 2.0);
            let label = labelled.contains(&i).then(|| {
                let anchor = if i == 0 { "start" } else if i == n - 1 { "end" } else { "middle" };
                let at = if i == 0 { x } else if i == n - 1 { x + bar_w } else { x + bar_w / 2.0 };
                view! { <text class="tick" x=at y=H - 6.0 text-anchor=anchor>{format::short_date(&t.sync_start)}</text> }
            });
            view! {
                <g class="slot" class:current=move || current.get() == i on:mouseenter=move |_| current.set(i)>
                    <rect class="hit" x=LEFT + i as f64 * slot y=TOP width=slot height=PLOT_H />
                    <rect class=fill(t.result) x=x y=by width=bar_w height=TOP + PLOT_H - by />
                    {label}
                </g>
            }
        })
        .collect_view();
    let texts: Vec<String> = items
        .iter()
        .zip(&durations)
        .enumerate()
        .map(|(i, (t, d))| {
            format!(
                "Sync {} of {n}, {}: {}, took {}",
                i + 1,
                local_string(t.sync_start),
                t.result.label(),
                format::duration_ms(*d)
            )
        })
        .collect();
    let readout = move || texts.get(current.get()).cloned().unwrap_or_default();
    let failed = items
        .iter()
        .filter(|t| t.result == TransactionResult::Failed)
        .count();
    let mut sorted = durations.clone();
    sorted.sort_unstable();
    let summary = format!(
        "{}: {} failed, {} succeeded; median duration {}.",
        if n == 1 {
            "The last sync".to_owned()
        } else {
            format!("Last {n} syncs")
        },
        failed,
        n - failed,
        format::duration_ms(sorted[n / 2])
    );
    view! {
        <figure class="bar-chart sync-chart">
            <ChartFrame label=format!("{summary} Left and right arrows read each sync.") readout_id="sync-readout" current n>
                <ValueAxis ticks=axis label=|ms| if ms == 0 { "0".to_owned() } else { format::duration_ms(ms) } />
                {bars}
            </ChartFrame>
            <figcaption>
                <p class="chart-summary">{summary}</p>
                <p id="sync-readout" class="readout" aria-live="polite">{readout}</p>
                <Legend height="Bar height: how long the sync took." />
            </figcaption>
        </figure>
    }
}
