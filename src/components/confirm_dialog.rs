//! A confirmation before a consequential action (APG alert dialog): Cancel
//! has the focus, Escape cancels, focus returns to the opener.

use leptos::prelude::*;
use sync_monitor_core::UserAction;

use crate::components::dialog::Dialog;

/// The id of `action`'s confirmation (`confirm-delete-user`), the same in
/// both menus.
pub fn confirm_id(action: UserAction) -> String {
    format!(
        "confirm-{}",
        action.label().to_lowercase().replace(' ', "-")
    )
}

#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] id: String,
    #[prop(into)] title: Signal<String>,
    /// The consequence, stated plainly.
    message: Signal<String>,
    #[prop(into)] confirm_label: String,
    on_confirm: Callback<()>,
    /// True while confirming makes no sense (nothing it applies to, or not
    /// known yet): the confirm button is hidden and Cancel reads Close.
    #[prop(optional, into)]
    confirm_disabled: Signal<bool>,
) -> impl IntoView {
    // Read each time the dialog opens.
    let confirm_label = StoredValue::new(confirm_label);
    view! {
        <Dialog open title_id=format!("{id}-title") title own_footer=true>
            <p class="confirm-message">{move || message.get()}</p>
            <div class="dialog-footer">
                // Nothing to confirm: only a way out.
                <button type="button" class="button secondary" autofocus on:click=move |_| open.set(false)>
                    {move || if confirm_disabled.get() { "Close" } else { "Cancel" }}
                </button>
                <Show when=move || !confirm_disabled.get()>
                    <button type="button" class="button danger" on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }>{confirm_label.get_value()}</button>
                </Show>
            </div>
        </Dialog>
    }
}
