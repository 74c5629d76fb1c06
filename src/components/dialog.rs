//! A modal dialog (WAI-ARIA APG dialog pattern) on the native `<dialog>`
//! element: `showModal()` makes the rest of the page inert and traps focus,
//! Escape closes it, and focus returns to the element that opened it.
//!
//! The dialog exists only while it is open: a page with six closed dialogs
//! builds none of them (#13: ~60 elements less to build on a cold load).

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
    /// Read when it opens (e.g. "Delete user" or "Delete users").
    #[prop(into)]
    title: Signal<String>,
    /// The children bring their own buttons (no Close button is added).
    #[prop(optional)]
    own_footer: bool,
    /// Built each time the dialog opens.
    children: ChildrenFn,
) -> impl IntoView {
    let opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage> =
        StoredValue::new_local(None);
    // Opening twice builds it once.
    let is_open = Memo::new(move |_| open.get());
    let shown = move || {
        let dialog = NodeRef::<html::Dialog>::new();
        // Read before `showModal()` moves the focus into the dialog.
        opener.set_value(
            document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
        );
        // Once connected with its content, so `autofocus` inside it counts.
        // Cannot fail: the element is connected and not yet open.
        dialog.on_load(|el| _ = el.show_modal());
        // Escape, the Close button and `open.set(false)` all end here: the
        // dialog leaves the page and the focus goes back to its opener.
        // Closed first: an open modal dialog keeps its opener inert.
        on_cleanup(move || {
            if let Some(el) = dialog.try_get_untracked().flatten() {
                el.close();
            }
            if let Some(opener) = opener.try_get_value().flatten() {
                let _ = opener.focus();
            }
        });
        let labelled_by = title_id.clone();
        view! {
            <dialog node_ref=dialog class="dialog" aria-labelledby=labelled_by on:close=move |_| open.set(false)>
                <div class="dialog-header">
                    <h2 id=title_id.clone()>{title.get_untracked()}</h2>
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
    };
    move || is_open.get().then(|| untrack(shown.clone()))
}
