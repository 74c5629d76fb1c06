//! What the console's bar charts share: the fills that tell results apart
//! without colour (failed hatched, with conflicts dotted), the legend that
//! names them, a value axis with round ticks, and the keys that walk the
//! bars (one tab stop; arrows, Home, End).

use leptos::prelude::*;

/// The chart's drawing box, in SVG units.
pub const W: f64 = 720.0;
pub const H: f64 = 180.0;
pub const LEFT: f64 = 64.0;
pub const RIGHT: f64 = 24.0;
pub const TOP: f64 = 12.0;
pub const BOTTOM: f64 = 22.0;

/// The plot's height, between `TOP` and the date labels.
pub const PLOT_H: f64 = H - BOTTOM - TOP;

/// The y of `value` on an axis that ends at `top`.
pub fn y_of(value: f64, top: f64) -> f64 {
    TOP + PLOT_H - value / top.max(1.0) * PLOT_H
}

/// The chart itself: one tab stop labelled `label`, described by the
/// readout `readout_id`, whose keys move `current` among `n` bars; the
/// SVG (hidden from screen readers, which hear the readout) holds the
/// fills and `children`.
#[component]
pub fn ChartFrame(
    label: String,
    readout_id: &'static str,
    current: RwSignal<usize>,
    n: usize,
    children: Children,
) -> impl IntoView {
    view! {
        <div
            class="chart-focus"
            tabindex="0"
            role="group"
            aria-roledescription="chart"
            aria-label=label
            aria-describedby=readout_id
            on:keydown=walk_keys(current, n)
        >
            <svg viewBox=format!("0 0 {W} {H}") aria-hidden="true" class="chart-svg">
                <BarPatterns />
                {children()}
            </svg>
        </div>
    }
}

/// `<defs>` with the hatched and dotted fills (`.seg.failed`,
/// `.seg.conflicts` in the style sheet).
#[component]
fn BarPatterns() -> impl IntoView {
    view! {
        <defs>
            <pattern id="hatch-failed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect class="pattern-bg failed" width="6" height="6" />
                <line class="pattern-ink" x1="0" y1="0" x2="0" y2="6" />
            </pattern>
            <pattern id="dots-conflicts" width="5" height="5" patternUnits="userSpaceOnUse">
                <rect class="pattern-bg conflicts" width="5" height="5" />
                <circle class="pattern-dot" cx="2.5" cy="2.5" r="1" />
            </pattern>
        </defs>
    }
}

/// Grid lines and labels of a value axis at `ticks`.
#[component]
pub fn ValueAxis(ticks: Vec<u64>, label: fn(u64) -> String) -> impl IntoView {
    let top = *ticks.last().unwrap_or(&1) as f64;
    let lines = ticks
        .into_iter()
        .map(|t| {
            let ty = y_of(t as f64, top);
            view! {
                <line class="gridline" x1=LEFT x2=W - RIGHT y1=ty y2=ty />
                <text class="tick" x=LEFT - 6.0 y=ty + 4.0 text-anchor="end">{label(t)}</text>
            }
        })
        .collect_view();
    view! {
        {lines}
        <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=TOP + PLOT_H />
    }
}

/// The legend: what bar height means, then the three results by name and
/// fill.
#[component]
pub fn Legend(height: &'static str) -> impl IntoView {
    view! {
        <ul class="legend">
            <li>{height}</li>
            <li><span class="swatch ok"></span>"Succeeded"</li>
            <li><span class="swatch conflicts dotted"></span>"With conflicts (dotted)"</li>
            <li><span class="swatch failed hatched"></span>"Failed (hatched)"</li>
        </ul>
    }
}

/// Arrow keys, Home and End move `current` among `n` bars.
fn walk_keys(current: RwSignal<usize>, n: usize) -> impl Fn(leptos::ev::KeyboardEvent) {
    move |ev| {
        let i = current.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowLeft" => i.saturating_sub(1),
            "ArrowRight" => (i + 1).min(n.saturating_sub(1)),
            "Home" => 0,
            "End" => n.saturating_sub(1),
            _ => return,
        };
        ev.prevent_default();
        current.set(next);
    }
}
