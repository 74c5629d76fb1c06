//! A modal dialog (WAI-ARIA APG dialog pattern) on the native `<dialog>`
//! element: `showModal()` makes the rest of the page inert and traps focus,
//! Escape closes it, and focus returns to the element that opened it.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Dialog(
    /// Whether the dialog is open; set to false when it closes.
    open: RwSignal<bool>,
    /// Id of the heading, for `aria-labelledby`.
    #[prop(into)]
    title_id: String,
    #[prop(into)] title: String,
    /// The children bring their own buttons (no Close button is added).
    #[prop(optional)]
    own_footer: bool,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage> =
        StoredValue::new_local(None);

    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        if open.get() {
            if !el.open() {
                opener.set_value(
                    document()
                        .active_element()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
                );
                // Cannot fail: the element is connected and not yet open.
                let _ = el.show_modal();
            }
        } else if el.open() {
            el.close();
        }
    });

    // Escape, the Close button and `close()` all end here.
    let on_close = move |_| {
        open.set(false);
        if let Some(opener) = opener.get_value() {
            let _ = opener.focus();
        }
    };

    let labelled_by = title_id.clone();
    view! {
        <dialog node_ref=dialog class="dialog" aria-labelledby=labelled_by on:close=on_close>
            <div class="dialog-header">
                <h2 id=title_id>{title}</h2>
            </div>
            <div class="dialog-body">{children()}</div>
            {(!own_footer).then(|| view! {
                <div class="dialog-footer">
                    <button type="button" class="button" autofocus on:click=move |_| open.set(false)>
                        "Close"
                    </button>
                </div>
            })}
        </dialog>
    }
}
