//! A dashboard region folded to one summary line until opened
//! (`<details>`): its heading, a short status, and what it holds — drawn
//! only while open, so a folded region adds almost nothing to the page.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

#[component]
pub fn Fold(
    title: &'static str,
    title_id: &'static str,
    /// The status after the heading ("⚠ 1 problem", "1,551 users in 5 groups").
    #[prop(into)]
    status: Signal<String>,
    /// Shown as a problem (red) when true.
    #[prop(optional, into)]
    problem: Signal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        let is_open = ev
            .target()
            .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("open")).ok())
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        open.set(is_open);
    };
    view! {
        <details on:toggle=on_toggle>
            <summary>
                <h2 id=title_id>{title}</h2>
                <span class="health-status" class:has-problem=move || problem.get()>{status}</span>
            </summary>
            <Show when=move || open.get()>{children()}</Show>
        </details>
    }
}
