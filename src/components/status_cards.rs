//! The five status cards: buttons with counts that filter the user list.
//! The pressed card lives in the URL (`?card=…`), so reload and Back keep it.

use leptos::prelude::*;
use sync_monitor_core::{format, StatusCard, Summary};

/// Cards for a loaded summary; `active` is the pressed card, `on_toggle`
/// presses or releases one.
#[component]
pub fn StatusCards(
    summary: Summary,
    active: Signal<Option<StatusCard>>,
    on_toggle: Callback<StatusCard>,
) -> impl IntoView {
    let cards = StatusCard::ALL
        .into_iter()
        .map(|card| {
            let count = card.count(&summary);
            let pressed = move || active.get() == Some(card);
            view! {
                <li>
                    <button
                        type="button"
                        class=format!("card status-card card-{}", card.slug())
                        class:pressed=pressed
                        aria-pressed=move || pressed().to_string()
                        title=card.description()
                        data-card=card.slug()
                        on:click=move |_| on_toggle.run(card)
                    >
                        <span class="card-label">{card.label()}</span>
                        <span class="card-count">{format::count(count)}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="cards" aria-label="Sync status">
            {cards}
        </ul>
    }
}

/// Placeholder cards while the summary loads.
#[component]
pub fn StatusCardsSkeleton() -> impl IntoView {
    let cards = StatusCard::ALL
        .into_iter()
        .map(|card| {
            view! {
                <li>
                    <div class="card status-card skeleton" aria-hidden="true">
                        <span class="card-label">{card.label()}</span>
                        <span class="card-count">"\u{2014}"</span>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="cards" aria-busy="true">
            {cards}
        </ul>
        <p class="visually-hidden" role="status">"Loading sync statuses…"</p>
    }
}
