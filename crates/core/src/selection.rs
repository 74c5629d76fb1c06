//! The table's multi-selection: single toggles, Shift ranges, the loaded
//! rows, and every user matching the filter.

use std::collections::HashSet;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    ids: HashSet<i64>,
    /// Row index of the last single toggle: where a Shift range starts.
    anchor: Option<u64>,
    /// Set by [`Selection::select_all_matching`]; cleared by any other change.
    all_matching: bool,
}

impl Selection {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn contains(&self, id: i64) -> bool {
        self.ids.contains(&id)
    }

    pub fn anchor(&self) -> Option<u64> {
        self.anchor
    }

    /// True while the selection is exactly "all N matching".
    pub fn is_all_matching(&self) -> bool {
        self.all_matching
    }

    /// The selected ids, ascending.
    pub fn ids(&self) -> Vec<i64> {
        let mut v: Vec<i64> = self.ids.iter().copied().collect();
        v.sort_unstable();
        v
    }

    /// Toggles one row and makes it the range anchor.
    pub fn toggle(&mut self, id: i64, row: u64) {
        if !self.ids.remove(&id) {
            self.ids.insert(id);
        }
        self.anchor = Some(row);
        self.all_matching = false;
    }

    /// Shift-click on `row`: the rows from the anchor to `row` (inclusive)
    /// take the state of the clicked row after the click. `id_at` gives the
    /// id of a row of the view. Without an anchor it is a plain toggle.
    /// Returns false, changing nothing, when a row of the range is unknown
    /// (not loaded yet): the caller then asks again with every id.
    pub fn select_range(&mut self, row: u64, id_at: impl Fn(u64) -> Option<i64>) -> bool {
        let Some(id) = id_at(row) else {
            return false;
        };
        let Some(anchor) = self.anchor else {
            self.toggle(id, row);
            return true;
        };
        let (lo, hi) = (anchor.min(row), anchor.max(row));
        let Some(range) = (lo..=hi).map(&id_at).collect::<Option<Vec<i64>>>() else {
            return false;
        };
        let select = !self.ids.contains(&id);
        for rid in range {
            if select {
                self.ids.insert(rid);
            } else {
                self.ids.remove(&rid);
            }
        }
        self.anchor = Some(row);
        self.all_matching = false;
        true
    }

    /// Adds (or, when all are selected already, removes) a set of rows —
    /// the header checkbox over the loaded rows.
    pub fn toggle_many(&mut self, ids: &[i64]) {
        if !ids.is_empty() && ids.iter().all(|id| self.ids.contains(id)) {
            for id in ids {
                self.ids.remove(id);
            }
        } else {
            self.ids.extend(ids.iter().copied());
        }
        self.all_matching = false;
    }

    /// Whether none, some or all of `ids` are selected.
    pub fn coverage(&self, ids: &[i64]) -> Coverage {
        let n = ids.iter().filter(|id| self.ids.contains(id)).count();
        match n {
            0 => Coverage::None,
            n if n == ids.len() => Coverage::All,
            _ => Coverage::Some,
        }
    }

    /// Every user matching the filter (ids from the API).
    pub fn select_all_matching(&mut self, ids: impl IntoIterator<Item = i64>) {
        self.ids = ids.into_iter().collect();
        self.all_matching = true;
    }

    /// Keeps only `ids` (e.g. after users were deleted).
    pub fn remove(&mut self, ids: &[i64]) {
        for id in ids {
            self.ids.remove(id);
        }
        self.all_matching = false;
    }

    pub fn clear(&mut self) {
        *self = Selection::default();
    }
}

/// How much of a set the selection covers (for a tri-state checkbox).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    None,
    Some,
    All,
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: [i64; 8] = [10, 11, 12, 13, 14, 15, 16, 17];

    fn id_at(i: u64) -> Option<i64> {
        ROWS.get(i as usize).copied()
    }

    #[test]
    fn toggles_and_ranges() {
        let mut s = Selection::default();
        s.toggle(12, 2);
        assert!(s.contains(12) && s.len() == 1);
        assert!(s.select_range(5, id_at));
        assert_eq!(s.ids(), vec![12, 13, 14, 15]);
        // A range upwards from the new anchor.
        assert!(s.select_range(0, id_at));
        assert_eq!(s.ids(), vec![10, 11, 12, 13, 14, 15]);
        // Shift-click on a selected row deselects the range.
        s.toggle(17, 7);
        assert!(s.select_range(4, id_at));
        assert_eq!(s.ids(), vec![10, 11, 12, 13], "rows 4..=7 deselected");
        s.toggle(10, 0);
        assert!(!s.contains(10));
    }

    #[test]
    fn a_range_without_anchor_is_a_toggle() {
        let mut s = Selection::default();
        assert!(s.select_range(3, id_at));
        assert_eq!(s.ids(), vec![13]);
        assert!(!s.select_range(99, id_at), "unknown rows are refused");
        assert_eq!(s.ids(), vec![13]);
        // A range over rows not loaded yet changes nothing.
        let partial = |i: u64| if i == 5 { None } else { id_at(i) };
        assert!(!s.select_range(7, partial));
        assert_eq!(s.ids(), vec![13]);
        assert!(s.select_range(7, id_at));
        assert_eq!(s.ids(), vec![13, 14, 15, 16, 17]);
    }

    #[test]
    fn header_checkbox_and_coverage() {
        let mut s = Selection::default();
        assert_eq!(s.coverage(&ROWS), Coverage::None);
        s.toggle(10, 0);
        assert_eq!(s.coverage(&ROWS), Coverage::Some);
        s.toggle_many(&ROWS);
        assert_eq!(s.coverage(&ROWS), Coverage::All);
        s.toggle_many(&ROWS);
        assert!(s.is_empty());
    }

    #[test]
    fn all_matching_then_clear() {
        let mut s = Selection::default();
        s.select_all_matching(1..=100_000);
        assert_eq!(s.len(), 100_000);
        assert!(s.is_all_matching());
        s.toggle(5, 4);
        assert!(!s.is_all_matching());
        assert_eq!(s.len(), 99_999);
        s.remove(&[1, 2]);
        assert_eq!(s.len(), 99_997);
        s.clear();
        assert!(s.is_empty() && s.anchor().is_none());
    }
}
