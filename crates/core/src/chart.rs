//! Chart arithmetic shared by the console's charts: a value axis with round
//! ticks, and the share of failures in words.

/// Ticks for a value axis from 0 to at least `max`: 0 and `n` more at a
/// round step (1, 2 or 5 × a power of ten), the last one ≥ `max`.
pub fn ticks(max: u64, n: u64) -> Vec<u64> {
    let n = n.max(1);
    let raw = max.div_ceil(n).max(1);
    let mut magnitude = 1u64;
    while magnitude.saturating_mul(10) <= raw {
        magnitude *= 10;
    }
    let step = [1, 2, 5, 10]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10 * magnitude);
    let top = max.div_ceil(step).max(1);
    (0..=top).map(|i| i * step).collect()
}

/// `part` of `whole` as a percentage with one decimal, e.g. "3.4 %".
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0 %".to_owned();
    }
    let tenths = (part * 1000 + whole / 2) / whole;
    format!("{}.{} %", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(0, 4), vec![0, 1]);
        assert_eq!(ticks(7, 4), vec![0, 2, 4, 6, 8]);
        assert_eq!(ticks(100, 4), vec![0, 50, 100]);
        assert_eq!(ticks(131_200, 4), vec![0, 50_000, 100_000, 150_000]);
        assert_eq!(ticks(9_999, 4), vec![0, 5_000, 10_000]);
        assert_eq!(ticks(1, 4), vec![0, 1]);
    }

    #[test]
    fn percentages_round_to_tenths() {
        assert_eq!(percent(34, 1000), "3.4 %");
        assert_eq!(percent(1, 3), "33.3 %");
        assert_eq!(percent(2, 3), "66.7 %");
        assert_eq!(percent(0, 0), "0 %");
        assert_eq!(percent(5, 5), "100.0 %");
    }
}
