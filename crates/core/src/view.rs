//! What the dashboard shows — the pressed card, search, filters and sort —
//! and its encoding in the console's URL query, so reload, Back/Forward and
//! shared links restore the same view.

use crate::cards::StatusCard;
use crate::columns::UserColumn;
use crate::query::{decode_query, encode_query, Sort, SortDir, SortField, UserFilter};
use crate::users::LastSyncStatus;

/// The view of the user table. "Sync Disabled" is one concept with one URL
/// parameter, `syncEnabled=false`: its card and its filter toggle both show
/// and set it (old `card=sync-disabled` links still open it), so `card`
/// holds only the last-sync status cards.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ViewState {
    /// A status card (never `SyncDisabled`, see above).
    pub card: Option<StatusCard>,
    /// Search and the filter controls (the card is kept apart).
    pub filter: UserFilter,
    pub sort: Sort,
    /// The optional columns shown (`UserColumn::OPTIONAL`, in its order).
    pub columns: Vec<UserColumn>,
}

/// Newest syncs first: the order an administrator starts from.
pub const DEFAULT_SORT: Sort = Sort {
    field: SortField::LastSyncStart,
    dir: SortDir::Desc,
};

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            card: None,
            filter: UserFilter::default(),
            sort: DEFAULT_SORT,
            columns: Vec::new(),
        }
    }
}

impl ViewState {
    /// Reads a URL query (`?card=failed&search=kim&orderBy=…`); unknown or
    /// invalid parts are ignored, so a mangled link still opens.
    pub fn from_query(query: &str) -> Self {
        let mut view = ViewState::default();
        for (key, value) in decode_query(query) {
            match key.as_str() {
                "card" => match StatusCard::from_slug(&value) {
                    Some(StatusCard::SyncDisabled) => view.filter.sync_enabled = Some(false),
                    card => view.card = card,
                },
                "orderBy" => {
                    if let Ok(sort) = Sort::parse(&value) {
                        view.sort = sort;
                    }
                }
                // The card owns the status filter in the console.
                "lastSync" => {}
                "columns" => {
                    let names: Vec<&str> = value.split(',').collect();
                    view.columns = UserColumn::OPTIONAL
                        .into_iter()
                        .filter(|c| names.contains(&c.sort_field().as_str()))
                        .collect();
                }
                _ => {
                    let mut f = view.filter.clone();
                    if f.apply_pair(&key, &value).is_ok() {
                        view.filter = f;
                    }
                }
            }
        }
        view
    }

    /// The URL query for this view (without `?`; empty for the default).
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(card) = self.card.filter(|c| *c != StatusCard::SyncDisabled) {
            pairs.push(("card", card.slug().to_owned()));
        }
        let mut filter = self.filter.clone();
        if self.card == Some(StatusCard::SyncDisabled) {
            filter.sync_enabled = Some(false);
        }
        pairs.extend(filter.to_pairs());
        if self.sort != DEFAULT_SORT {
            pairs.push(("orderBy", self.sort.encode()));
        }
        if !self.columns.is_empty() {
            let names: Vec<&str> = self
                .columns
                .iter()
                .map(|c| c.sort_field().as_str())
                .collect();
            pairs.push(("columns", names.join(",")));
        }
        encode_query(&pairs)
    }

    /// The filter sent to the API: the controls plus the card's condition.
    pub fn api_filter(&self) -> UserFilter {
        let mut f = self.filter.clone();
        match self.card {
            Some(StatusCard::LastSyncFailed) => f.last_sync = vec![LastSyncStatus::Failed],
            Some(StatusCard::NeverSynced) => f.last_sync = vec![LastSyncStatus::NeverSynced],
            Some(StatusCard::LastSyncSucceeded) => f.last_sync = vec![LastSyncStatus::Succeeded],
            Some(StatusCard::InProgress) => f.last_sync = vec![LastSyncStatus::InProgress],
            Some(StatusCard::SyncDisabled) => f.sync_enabled = Some(false),
            Some(StatusCard::ExpiredAuthorizations) => f.authorization_expired = Some(true),
            Some(StatusCard::OutstandingSyncErrors) => f.has_sync_errors = Some(true),
            None => {}
        }
        f
    }

    /// The pressed card: a status card, or Sync Disabled when the view
    /// shows only users whose sync is disabled.
    pub fn active_card(&self) -> Option<StatusCard> {
        self.card.or_else(|| {
            (self.filter.sync_enabled == Some(false)).then_some(StatusCard::SyncDisabled)
        })
    }

    /// Presses `card` (releasing the one pressed before: the cards are one
    /// choice), or releases it when it is pressed.
    pub fn toggle_card(&mut self, card: StatusCard) {
        let release = self.active_card() == Some(card);
        self.card = None;
        if self.filter.sync_enabled == Some(false) {
            self.filter.sync_enabled = None;
        }
        match card {
            _ if release => {}
            StatusCard::SyncDisabled => self.filter.sync_enabled = Some(false),
            other => self.card = Some(other),
        }
    }

    /// The "Sync disabled" filter toggle: the same state as its card.
    pub fn set_sync_disabled(&mut self, on: bool) {
        if on != (self.active_card() == Some(StatusCard::SyncDisabled)) {
            self.toggle_card(StatusCard::SyncDisabled);
        }
    }

    /// True when anything narrows the list.
    pub fn is_filtered(&self) -> bool {
        self.card.is_some() || !self.filter.is_empty()
    }

    /// The same view with every filter cleared (the sort and the columns
    /// stay).
    pub fn cleared(&self) -> Self {
        ViewState {
            sort: self.sort,
            columns: self.columns.clone(),
            ..ViewState::default()
        }
    }

    /// Shows or hides the optional `column` (hidden, it no longer sorts).
    pub fn show_column(&mut self, column: UserColumn, on: bool) {
        let mut shown: Vec<UserColumn> = self.columns.clone();
        shown.retain(|c| *c != column);
        if on {
            shown.push(column);
        } else if self.sort.field == column.sort_field() {
            self.sort = DEFAULT_SORT;
        }
        self.columns = UserColumn::OPTIONAL
            .into_iter()
            .filter(|c| shown.contains(c))
            .collect();
    }

    /// Every column shown, in table order.
    pub fn shown_columns(&self) -> Vec<UserColumn> {
        let mut all = UserColumn::ALL.to_vec();
        all.extend(&self.columns);
        all
    }

    /// The sort after clicking `field`'s header: a new column sorts
    /// ascending, the sorted column flips.
    pub fn next_sort(&self, field: SortField) -> Sort {
        if self.sort.field == field {
            let dir = match self.sort.dir {
                SortDir::Asc => SortDir::Desc,
                SortDir::Desc => SortDir::Asc,
            };
            Sort { field, dir }
        } else {
            Sort {
                field,
                dir: SortDir::Asc,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_round_trip_through_the_url() {
        let views = [
            ViewState::default(),
            ViewState {
                card: None,
                filter: UserFilter {
                    search: "ana & o'brien =1+2 é".into(),
                    microsoft_authorized: Some(false),
                    using_next_gen: Some(true),
                    sync_enabled: Some(false),
                    ..UserFilter::default()
                },
                sort: Sort {
                    field: SortField::MicrosoftEmail,
                    dir: SortDir::Asc,
                },
                columns: vec![UserColumn::IncludedInLatestSync],
            },
            ViewState {
                card: Some(StatusCard::LastSyncFailed),
                filter: UserFilter {
                    sales_authorized: Some(false),
                    sync_enabled: Some(false),
                    ..UserFilter::default()
                },
                sort: DEFAULT_SORT,
                columns: Vec::new(),
            },
        ];
        for v in views {
            let q = v.to_query();
            assert_eq!(ViewState::from_query(&q), v, "{q}");
            assert_eq!(ViewState::from_query(&format!("?{q}")), v);
        }
        assert_eq!(ViewState::default().to_query(), "");
    }

    #[test]
    fn optional_columns_are_shown_by_name_and_outlive_clear_filters() {
        let mut v = ViewState::from_query("columns=includedInLatestSync,bogus&search=kim");
        assert_eq!(v.columns, [UserColumn::IncludedInLatestSync]);
        assert_eq!(v.shown_columns().len(), UserColumn::ALL.len() + 1);
        assert!(ViewState::from_query("columns=usingNextGen")
            .columns
            .is_empty());
        let cleared = v.cleared();
        assert_eq!(
            (cleared.columns.len(), cleared.filter.search.as_str()),
            (1, "")
        );
        v.sort = v.next_sort(SortField::IncludedInLatestSync);
        v.show_column(UserColumn::IncludedInLatestSync, false);
        assert_eq!(v.to_query(), "search=kim");
        v.show_column(UserColumn::IncludedInLatestSync, true);
        v.show_column(UserColumn::IncludedInLatestSync, true);
        assert_eq!(v.to_query(), "search=kim&columns=includedInLatestSync");
    }

    #[test]
    fn sync_disabled_is_one_state_with_one_parameter() {
        // Old links with the card open the same view as the parameter.
        let old = ViewState::from_query("card=sync-disabled");
        assert_eq!(old, ViewState::from_query("syncEnabled=false"));
        assert_eq!(old.to_query(), "syncEnabled=false");
        assert_eq!(old.active_card(), Some(StatusCard::SyncDisabled));
        // The cards are one choice; the toggle is the card.
        let mut v = old.clone();
        v.toggle_card(StatusCard::LastSyncFailed);
        assert_eq!(
            (v.card, v.filter.sync_enabled),
            (Some(StatusCard::LastSyncFailed), None)
        );
        v.set_sync_disabled(true);
        assert_eq!(v.active_card(), Some(StatusCard::SyncDisabled));
        assert_eq!(v.card, None);
        v.toggle_card(StatusCard::SyncDisabled);
        assert_eq!(v, ViewState::default());
        v.set_sync_disabled(false);
        assert_eq!(v, ViewState::default());
    }

    #[test]
    fn mangled_links_still_open() {
        let v = ViewState::from_query("card=bogus&orderBy=x:y&syncEnabled=maybe&search=kim&utm=1");
        assert_eq!(v.card, None);
        assert_eq!(v.sort, DEFAULT_SORT);
        assert_eq!(v.filter.sync_enabled, None);
        assert_eq!(v.filter.search, "kim");
    }

    #[test]
    fn the_card_becomes_the_api_status_filter() {
        let mut v = ViewState::default();
        assert!(v.api_filter().is_empty());
        v.card = Some(StatusCard::NeverSynced);
        assert_eq!(v.api_filter().last_sync, vec![LastSyncStatus::NeverSynced]);
        v.card = Some(StatusCard::SyncDisabled);
        assert_eq!(v.api_filter().sync_enabled, Some(false));
        assert!(v.is_filtered());
        assert!(!v.cleared().is_filtered());
    }

    #[test]
    fn header_clicks_sort_then_flip() {
        let v = ViewState::default();
        let s = v.next_sort(SortField::SalesUserName);
        assert_eq!(
            s,
            Sort {
                field: SortField::SalesUserName,
                dir: SortDir::Asc
            }
        );
        let v = ViewState { sort: s, ..v };
        assert_eq!(v.next_sort(SortField::SalesUserName).dir, SortDir::Desc);
    }
}
