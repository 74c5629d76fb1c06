//! A menu button (WAI-ARIA APG menu button pattern): Enter, Space or ↓ open
//! the menu on the first item, ↑ on the last; arrows, Home and End move;
//! Escape closes and returns focus to the button; Tab, or the focus going
//! anywhere else, closes. Items that cannot apply stay focusable but
//! disabled, with the reason.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One item: label, why it is disabled (None: enabled), what it does.
#[derive(Clone)]
pub struct MenuItem {
    pub label: &'static str,
    pub disabled: Option<String>,
    pub on_select: Callback<()>,
}

#[component]
pub fn MenuButton(
    #[prop(into)] label: String,
    #[prop(into)] id: String,
    items: Signal<Vec<MenuItem>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Div>::new();
    let menu_id = format!("{id}-menu");

    let focus_item = move |index: Option<usize>| {
        // Also runs in an animation frame, when the menu may be gone.
        let Some(Some(menu)) = menu.try_get_untracked() else {
            return;
        };
        let items = menu.query_selector_all("[role=menuitem]").ok();
        let n = items.as_ref().map_or(0, |l| l.length());
        if n == 0 {
            return;
        }
        let i = index.map_or(n - 1, |i| (i as u32).min(n - 1));
        if let Some(el) = items
            .and_then(|l| l.item(i))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    };
    let open_at = move |index: Option<usize>| {
        open.set(true);
        // Focus once the menu is visible.
        request_animation_frame(move || focus_item(index));
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let on_button_key = move |ev: ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" | " " | "ArrowDown" => {
            ev.prevent_default();
            open_at(Some(0));
        }
        "ArrowUp" => {
            ev.prevent_default();
            open_at(None);
        }
        _ => {}
    };
    let current = move || -> Option<usize> {
        let menu = menu.get_untracked()?;
        let active = document().active_element()?;
        let items = menu.query_selector_all("[role=menuitem]").ok()?;
        (0..items.length()).find_map(|i| {
            let node = items.item(i)?;
            node.is_same_node(Some(active.unchecked_ref::<web_sys::Node>()))
                .then_some(i as usize)
        })
    };
    let select = move |i: usize| {
        let item = items.with_untracked(|v| v.get(i).cloned());
        if let Some(item) = item {
            if item.disabled.is_none() {
                close(true);
                item.on_select.run(());
            }
        }
    };
    let on_menu_key = move |ev: ev::KeyboardEvent| {
        let n = items.with_untracked(Vec::len);
        let i = current().unwrap_or(0);
        match ev.key().as_str() {
            "ArrowDown" => focus_item(Some((i + 1) % n.max(1))),
            "ArrowUp" => focus_item(Some((i + n.max(1) - 1) % n.max(1))),
            "Home" => focus_item(Some(0)),
            "End" => focus_item(None),
            "Tab" => {
                close(false);
                return;
            }
            "Enter" | " " => {
                ev.prevent_default();
                select(i);
                return;
            }
            _ => return,
        }
        ev.prevent_default();
    };
    // A click anywhere else closes the menu.
    let outside = window_event_listener(ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|t| {
                menu.get_untracked().is_some_and(|m| m.contains(Some(&t)))
                    || button.get_untracked().is_some_and(|b| b.contains(Some(&t)))
            });
        if !inside {
            close(false);
        }
    });
    // Escape closes the menu wherever the focus went (the items may have
    // been redrawn under it).
    let escape = window_event_listener(ev::keydown, move |ev| {
        if open.get_untracked() && ev.key() == "Escape" {
            ev.prevent_default();
            close(true);
        }
    });
    on_cleanup(move || {
        outside.remove();
        escape.remove();
    });

    // The focus went elsewhere (`/` to the search box, a click, a
    // shortcut): the menu closes. Not when it only fell out of redrawn
    // items (no element receives it).
    let on_focusout = move |ev: ev::FocusEvent| {
        let Some(to) = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        else {
            return;
        };
        let inside = menu.get_untracked().is_some_and(|m| m.contains(Some(&to)))
            || button
                .get_untracked()
                .is_some_and(|b| b.contains(Some(&to)));
        if open.get_untracked() && !inside {
            close(false);
        }
    };

    let labelled = id.clone();
    view! {
        <div class="menu-wrap" on:focusout=on_focusout>
            <button
                node_ref=button
                id=id
                type="button"
                class="button menu-button"
                aria-haspopup="menu"
                aria-controls=menu_id.clone()
                aria-expanded=move || open.get().to_string()
                on:keydown=on_button_key
                on:click=move |_| if open.get_untracked() { close(false) } else { open_at(Some(0)) }
            >
                {label}
                <span aria-hidden="true">" \u{25BE}"</span>
            </button>
            <div
                node_ref=menu
                id=menu_id
                role="menu"
                class="menu"
                aria-labelledby=labelled
                hidden=move || !open.get()
                on:keydown=on_menu_key
            >
                // Built while open only: a closed menu follows no change
                // of its items (the selection's, on every click).
                {move || if open.get() { items.get() } else { Vec::new() }.into_iter().enumerate().map(|(i, item)| {
                    let disabled = item.disabled.clone();
                    let is_disabled = disabled.is_some();
                    let reason_id = format!("menu-reason-{i}");
                    let described = is_disabled.then(|| reason_id.clone());
                    view! {
                        <div
                            role="menuitem"
                            tabindex="-1"
                            class="menu-item"
                            aria-disabled=is_disabled.then_some("true")
                            aria-describedby=described
                            on:click=move |_| select(i)
                        >
                            <span>{item.label}</span>
                            {disabled.map(|why| view! { <span id=reason_id class="menu-reason">{why}</span> })}
                        </div>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}
