//! The focus rule: after an action, focus stays on the control that started
//! it if it is still there, else moves to the result's status or the
//! section's heading — never to `<body>`. Headings and statuses that can
//! take the focus carry `tabindex="-1"`.

use wasm_bindgen::JsCast;

/// Focuses the first element of `ids` in the document, once the view has
/// been redrawn (next animation frame).
pub fn focus_first(ids: &'static [&'static str]) {
    leptos::prelude::request_animation_frame(move || focus_now(ids));
}

/// Like [`focus_first`], but only when the focus was lost meanwhile (the
/// control that had it went away with the redraw).
pub fn keep_focus(ids: &'static [&'static str]) {
    leptos::prelude::request_animation_frame(move || {
        if focus_lost() {
            focus_now(ids);
        }
    });
}

fn focus_now(ids: &[&str]) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = ids
        .iter()
        .filter_map(|id| doc.get_element_by_id(id))
        .find_map(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = target {
        let _ = el.focus();
    }
}

/// True when nothing has the focus (it is on `<body>`).
pub fn focus_lost() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_none_or(|el| el.tag_name() == "BODY")
}
