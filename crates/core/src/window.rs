//! Which rows of a virtual list are built, and which reusable row element
//! (slot) shows each of them.

/// The rows built (`start..end`): those in view from `first` (`visible`
/// of them) and a buffer each way; and how many row elements (slots) are
/// kept, at least as many as rows built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowWindow {
    pub start: u64,
    pub end: u64,
    pub first: u64,
    pub visible: u64,
    pub slots: u64,
}

impl RowWindow {
    /// The rows from `first`, `visible` of them, with `buffer` rows each
    /// way (of at most `max_buffer`), of `total`.
    pub fn new(first: u64, visible: u64, buffer: u64, max_buffer: u64, total: u64) -> Self {
        let slots = visible + 2 * max_buffer.max(buffer);
        let start = first.saturating_sub(buffer);
        let end = (first + visible + buffer).min(total).min(start + slots);
        RowWindow {
            start,
            end: end.max(start),
            first,
            visible,
            slots,
        }
    }

    /// The row slot `slot` shows: the one of `start..start + slots` equal
    /// to it modulo the slots.
    pub fn index(&self, slot: u64) -> u64 {
        let n = self.slots.max(1);
        self.start + (slot + n - self.start % n) % n
    }

    /// The slots of the rows built, in the order of the rows from
    /// `anchor` (a row index; `start` gives the rows' own order). Slots
    /// keep their order for one anchor as the window moves.
    pub fn slots_from(&self, anchor: u64) -> Vec<u64> {
        self.kept_slots_from(anchor, 0)
    }

    /// [`RowWindow::slots_from`], and at least `kept` slots (of at most
    /// [`RowWindow::slots`]): those of the rows after `end`, which a shorter
    /// list hides rather than removes.
    pub fn kept_slots_from(&self, anchor: u64, kept: u64) -> Vec<u64> {
        let n = self.slots.max(1);
        let end = self.end.max(self.start + kept.min(n));
        let mut slots: Vec<u64> = (self.start..end).map(|i| i % n).collect();
        slots.sort_unstable_by_key(|s| (s + n - anchor % n) % n);
        slots
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_in_view_and_a_buffer_each_way_within_the_list() {
        let w = RowWindow::new(100, 20, 8, 8, 1000);
        assert_eq!((w.start, w.end, w.slots), (92, 128, 36));
        // At the top, at the end, before the buffer is built.
        assert_eq!(RowWindow::new(3, 20, 8, 8, 1000).start, 0);
        assert_eq!(RowWindow::new(3, 20, 8, 8, 1000).end, 31);
        assert_eq!(RowWindow::new(990, 20, 8, 8, 1000).end, 1000);
        let w = RowWindow::new(100, 20, 0, 8, 1000);
        assert_eq!((w.start, w.end, w.slots), (100, 120, 36));
        assert_eq!(RowWindow::new(0, 20, 8, 8, 0).end, 0);
    }

    #[test]
    fn each_row_built_has_a_slot_of_its_own_that_shows_it() {
        for first in [0, 1, 7, 35, 36, 37, 500, 99_999] {
            for buffer in [0, 8] {
                let w = RowWindow::new(first, 20, buffer, 8, 100_000);
                // From its own start: the rows' order.
                let in_order = w.slots_from(w.start);
                assert_eq!(in_order.len() as u64, w.end - w.start);
                for (row, slot) in (w.start..w.end).zip(&in_order) {
                    assert_eq!(w.index(*slot), row, "{first} {buffer}");
                }
                let mut distinct = in_order.clone();
                distinct.sort_unstable();
                distinct.dedup();
                assert_eq!(distinct.len(), in_order.len(), "one row a slot");
            }
        }
    }

    #[test]
    fn the_slots_keep_their_order_from_one_anchor_as_the_window_moves() {
        let a = RowWindow::new(100, 20, 8, 8, 1000);
        for first in [101, 110, 135, 136, 300] {
            let b = RowWindow::new(first, 20, 8, 8, 1000);
            assert_eq!(b.slots_from(a.start), a.slots_from(a.start), "{first}");
            // From its own start, unless it moved by a whole turn of slots.
            let turned = (b.start - a.start).is_multiple_of(a.slots);
            assert_eq!(b.slots_from(b.start) == a.slots_from(a.start), turned);
        }
    }

    #[test]
    fn kept_slots_show_the_rows_after_the_end_and_never_exceed_the_slots() {
        // 3 rows of a list that had 36 built: the 36 slots stay, each on a
        // row of its own, the first 3 on the list's rows.
        let short = RowWindow::new(0, 20, 8, 8, 3);
        assert_eq!(short.slots_from(0).len(), 3);
        let kept = short.kept_slots_from(0, 36);
        assert_eq!(kept.len(), 36);
        let rows: Vec<u64> = kept.iter().map(|s| short.index(*s)).collect();
        assert_eq!(rows, (0..36).collect::<Vec<u64>>());
        // Never more than the slots, never fewer than the rows built.
        assert_eq!(short.kept_slots_from(0, 500).len(), 36);
        let long = RowWindow::new(100, 20, 8, 8, 1000);
        assert_eq!(
            long.kept_slots_from(long.start, 5),
            long.slots_from(long.start)
        );
    }

    #[test]
    fn a_scroll_of_a_few_rows_keeps_most_slots_on_their_rows() {
        let a = RowWindow::new(100, 20, 8, 8, 1000);
        let b = RowWindow::new(103, 20, 8, 8, 1000);
        let same = a
            .slots_from(a.start)
            .into_iter()
            .filter(|s| b.slots_from(b.start).contains(s) && a.index(*s) == b.index(*s))
            .count();
        assert_eq!(same as u64, a.end - a.start - 3);
    }
}
