//! Rows that answer a keystroke at once: a longer search shows the rows
//! it finds among those already loaded before the API answers (#13).

use std::collections::HashMap;

use leptos::prelude::*;

use sync_monitor_core::query::search_finds;
use sync_monitor_core::{Sort, User, UserFilter};

use super::{Rows, PAGE};

impl Rows {
    /// The number of users of the current view, once known (not while
    /// narrowed rows wait for it).
    pub fn counted(&self) -> Option<u64> {
        self.total.get().filter(|_| !self.uncounted.get())
    }

    /// A longer search with the same sort finds, first, the users of the
    /// current view it finds, in the same order: those among the rows
    /// loaded from the top are shown at once, before the answer (which
    /// replaces them); the total too when every row was loaded. False
    /// (nothing changed) when it does not apply or finds no row.
    pub(super) fn narrow(&self, filter: &UserFilter, sort: Sort) -> bool {
        let (wider, wider_sort) = self.query.get_value();
        let Some(total) = self.total.get_untracked() else {
            return false;
        };
        // Rows on screen of an older view are not the wider view's rows;
        // narrowed ones are (its first ones).
        let current = !self.stale.get_untracked() || self.narrowed.get_untracked();
        if !current || wider_sort != sort || !filter.narrows(&wider) {
            return false;
        }
        let needle = filter.needle();
        let (found, seen) = self.pages.with_untracked(|pages| {
            let (mut found, mut seen) = (Vec::new(), 0);
            while let Some(rows) = pages
                .get(&(seen / PAGE))
                .filter(|r| seen % PAGE == 0 && !r.is_empty())
            {
                seen += rows.len() as u64;
                let finds =
                    |u: &&User| search_finds(&needle, &u.sales_user_name, &u.microsoft_email);
                found.extend(rows.iter().filter(finds).cloned());
            }
            (found, seen)
        });
        let all = seen >= total;
        if found.is_empty() && !all {
            return false;
        }
        if all {
            self.total.set(Some(found.len() as u64));
        }
        self.uncounted.set(!all);
        let mut pages = HashMap::new();
        let mut found = found.into_iter().peekable();
        while found.peek().is_some() {
            let page = found.by_ref().take(PAGE as usize).collect();
            pages.insert(pages.len() as u64, page);
        }
        self.pages.set(pages);
        true
    }
}
