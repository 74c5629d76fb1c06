//! The Sync Trend region: sync outcomes per day over 7 or 30 days as a
//! stacked bar chart with a value axis, dates and a legend that does not
//! rely on colour (failed bars are hatched, bars with conflicts dotted);
//! one tab stop whose arrow keys read each day aloud, and the same numbers
//! as a table.

use leptos::prelude::*;
use sync_monitor_core::chart::{percent, ticks};
use sync_monitor_core::{format, DayStats, SyncStats};
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use crate::components::chart::{
    y_of, ChartFrame, Legend, ValueAxis, H, LEFT, PLOT_H, RIGHT, TOP, W,
};
use crate::components::error_panel::ErrorPanel;
use crate::components::fold::Fold;
use crate::components::on_demand::OnDemand;
use crate::state::loaded::Loaded;

#[component]
pub fn SyncTrend(loaded: Loaded<SyncStats>, days: RwSignal<u32>) -> impl IntoView {
    let stats = loaded.data;
    let as_table = RwSignal::new(false);
    let status = move || {
        stats.with(|s| match s {
            None => "Loading…".to_owned(),
            Some(s) => {
                let (failed, total) = s
                    .items
                    .iter()
                    .fold((0, 0), |(f, t), d| (f + d.failed, t + d.total()));
                format!("{} failed in {} days", percent(failed, total), s.days)
            }
        })
    };
    view! {
        <section class="card health-card sync-trend" aria-labelledby="trend-title" aria-busy=move || loaded.loading.get().to_string()>
            <Fold title="Sync Trend" title_id="trend-title" status=Signal::derive(status)>
                <OnDemand show=move || trend_body(loaded, days, as_table) title="The sync trend could not be loaded" retry_id=&["trend-part-retry"] />
            </Fold>
            {move || loaded.error.get().map(|error| view! {
                <ErrorPanel title="The sync trend could not be loaded" error on_retry=move || loaded.load() />
            })}
        </section>
    }
}

/// The period buttons and the chart or its table, drawn by code fetched
/// when the region is first opened (a split point; #13).
#[wasm_split(health, fallible)]
fn trend_body(
    loaded: Loaded<SyncStats>,
    days: RwSignal<u32>,
    as_table: RwSignal<bool>,
) -> Result<AnyView, SplitLoaderError> {
    let stats = loaded.data;
    let choose = move |n: u32| {
        move |_| {
            if days.get_untracked() != n {
                days.set(n);
                loaded.load();
            }
        }
    };
    Ok(view! {
        <div class="trend-controls">
            <div class="segmented" role="group" aria-label="Period">
                <button type="button" class="button secondary" aria-pressed=move || (days.get() == 7).to_string() on:click=choose(7)>"7 days"</button>
                <button type="button" class="button secondary" aria-pressed=move || (days.get() == 30).to_string() on:click=choose(30)>"30 days"</button>
            </div>
            <button type="button" class="button secondary" aria-pressed=move || as_table.get().to_string() on:click=move |_| as_table.update(|t| *t = !*t)>
                "Show as table"
            </button>
        </div>
        {move || stats.get().map(|s| if as_table.get() {
            view! { <TrendTable items=s.items /> }.into_any()
        } else {
            view! { <TrendChart items=s.items /> }.into_any()
        })}
    }
    .into_any())
}

fn day_label(d: &DayStats) -> String {
    format::weekday_date(&d.date)
}

fn day_text(d: &DayStats) -> String {
    format!(
        "{}: {} succeeded, {} failed, {} with conflicts ({} failed)",
        day_label(d),
        format::count(d.succeeded),
        format::count(d.failed),
        format::count(d.with_conflicts),
        percent(d.failed, d.total())
    )
}

#[component]
fn TrendChart(items: Vec<DayStats>) -> impl IntoView {
    let n = items.len().max(1);
    let current = RwSignal::new(n - 1);
    let max = items.iter().map(DayStats::total).max().unwrap_or(0);
    let axis = ticks(max, 4);
    let top = *axis.last().unwrap_or(&1) as f64;
    let y = move |v: f64| y_of(v, top);
    let slot = (W - LEFT - RIGHT) / n as f64;
    let bar_w = (slot * 0.7).max(2.0);
    let label_every = if n <= 10 { 1 } else { 7 };
    let bars = items
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let x = LEFT + i as f64 * slot + (slot - bar_w) / 2.0;
            let mut base = 0.0;
            let mut segment = |value: u64, class: &'static str| {
                let (from, to) = (y(base), y(base + value as f64));
                base += value as f64;
                view! { <rect class=class x=x y=to width=bar_w height=(from - to).max(0.0) /> }
            };
            let parts = (segment(d.failed, "seg failed"), segment(d.with_conflicts, "seg conflicts"), segment(d.succeeded, "seg ok"));
            let label = (i % label_every == (n - 1) % label_every).then(|| {
                view! { <text class="tick" x=x + bar_w / 2.0 y=H - 6.0 text-anchor="middle">{format::short_date(&d.date)}</text> }
            });
            view! {
                <g class="day slot" class:current=move || current.get() == i on:mouseenter=move |_| current.set(i)>
                    <rect class="hit" x=LEFT + i as f64 * slot y=TOP width=slot height=PLOT_H />
                    {parts}
                    {label}
                </g>
            }
        })
        .collect_view();
    let texts: Vec<String> = items.iter().map(day_text).collect();
    let readout = move || texts.get(current.get()).cloned().unwrap_or_default();
    view! {
        <figure class="bar-chart trend-chart">
            <ChartFrame
                label=format!("Sync outcomes per day, last {n} days. Left and right arrows read each day.")
                readout_id="trend-readout"
                current
                n
            >
                <ValueAxis ticks=axis label=|t| format::count(t) />
                {bars}
            </ChartFrame>
            <figcaption>
                <p class="visually-hidden">"Bar height: syncs started that day."</p>
                <p id="trend-readout" class="readout" aria-live="polite">{readout}</p>
                <Legend height="Syncs per day:" />
            </figcaption>
        </figure>
    }
}

#[component]
fn TrendTable(items: Vec<DayStats>) -> impl IntoView {
    let rows = items
        .into_iter()
        .rev()
        .map(|d| {
            view! {
                <tr>
                    <th scope="row"><time datetime=d.date.to_string()>{day_label(&d)}</time></th>
                    <td>{format::count(d.succeeded)}</td>
                    <td>{format::count(d.failed)}</td>
                    <td>{format::count(d.with_conflicts)}</td>
                    <td>{percent(d.failed, d.total())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="trend-table">
            <caption class="visually-hidden">"Sync outcomes per day, newest first"</caption>
            <thead>
                <tr>
                    <th scope="col">"Day"</th>
                    <th scope="col">"Succeeded"</th>
                    <th scope="col">"Failed"</th>
                    <th scope="col">"With conflicts"</th>
                    <th scope="col">"Failed share"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
