//! The dashboard's notice of authorizations about to expire: how many
//! users must sign in to the add-in again within the summary's window, and
//! a button that shows exactly them. It warns before sync breaks; the
//! Expired Authorizations card counts those it already broke for.

use leptos::prelude::*;
use sync_monitor_core::health::{expiring_notice, SIGN_IN_FIX};
use sync_monitor_core::{Summary, UserFilter};

use crate::state::focus::focus_first;
use crate::state::table::TableCtx;

#[component]
pub fn ExpiryNotice(summary: Signal<Option<Summary>>) -> impl IntoView {
    let ctx = expect_context::<TableCtx>();
    let notice = Memo::new(move |_| {
        summary.with(|s| {
            s.as_ref().and_then(|s| {
                expiring_notice(s.expiring_authorizations, s.expiring_within_days)
                    .map(|text| (text, s.expiring_within_days))
            })
        })
    });
    // The button stays mounted while the count updates (focus stays on it).
    let show = move |_| {
        if let Some((_, days)) = notice.get_untracked() {
            ctx.show_only(UserFilter {
                authorization_expires_within_days: Some(days),
                ..UserFilter::default()
            });
            focus_first(&["users-total"]);
        }
    };
    view! {
        <Show when=move || notice.with(Option::is_some)>
            <p class="expiry-notice" id="expiry-notice">
                <span class="warning-mark" aria-hidden="true">"\u{26A0} "</span>
                <span class="expiry-text">{move || notice.get().map(|(text, _)| {
                    text.strip_suffix(SIGN_IN_FIX).unwrap_or(&text).trim_end().to_owned()
                })}</span>
                // What to do: on screen where there is room for it.
                <span class="expiry-fix">" " {SIGN_IN_FIX}</span>
                " "
                <button type="button" class="link" on:click=show>"Show these users"</button>
            </p>
        </Show>
    }
}
