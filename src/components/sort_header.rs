//! A column header that sorts its table: a button that sorts by the column
//! (ascending first, then the other way), with `aria-sort` on the header.

use leptos::prelude::*;

#[component]
pub fn SortHeader<C>(column: C, label: &'static str, sort: RwSignal<(C, bool)>) -> impl IntoView
where
    C: Copy + PartialEq + Send + Sync + 'static,
{
    let aria = move || {
        let (c, asc) = sort.get();
        (c == column).then_some(if asc { "ascending" } else { "descending" })
    };
    view! {
        <th scope="col" aria-sort=aria>
            <button type="button" class="sort" on:click=move |_| sort.update(|s| {
                *s = if s.0 == column { (column, !s.1) } else { (column, true) };
            })>
                {label}
                <span class="arrow" aria-hidden="true">{move || match aria() { Some("ascending") => "\u{25B2}", Some(_) => "\u{25BC}", None => "" }}</span>
            </button>
        </th>
    }
}
