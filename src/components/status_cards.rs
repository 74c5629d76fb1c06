//! The five status cards: buttons with counts that filter the user list.
//! The pressed card lives in the URL (`?card=…`), so reload and Back keep it.
//! The buttons stay in place while the counts update (focus stays on them).

use leptos::prelude::*;
use sync_monitor_core::{format, StatusCard, Summary};

/// Cards for `summary` (a dash while it is unknown); `active` is the
/// pressed card, `on_toggle` presses or releases one.
#[component]
pub fn StatusCards(
    summary: Signal<Option<Summary>>,
    active: Signal<Option<StatusCard>>,
    on_toggle: Callback<StatusCard>,
) -> impl IntoView {
    let cards = StatusCard::ALL
        .into_iter()
        .map(|card| {
            let count = move || {
                summary.with(|s| {
                    s.as_ref()
                        .map_or_else(|| "\u{2014}".to_owned(), |s| format::count(card.count(s)))
                })
            };
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
                        <span class="card-count">{count}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="cards" aria-label="Sync status" aria-busy=move || summary.with(Option::is_none).to_string()>
            {cards}
        </ul>
    }
}
