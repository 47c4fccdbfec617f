//! The one percentile every report uses (stage and to-won medians, speed-to-lead median and
//! p90), so a "median" means the same thing on every screen, in the CLI and in exports.

use std::collections::BTreeMap;

/// The `p`th percentile (0–100; more counts as 100) of a distribution given as value → how
/// many times it occurs; `None` when it is empty.
///
/// Definition: linear interpolation between closest ranks, which R calls type 7 and
/// spreadsheets `PERCENTILE.INC`. With the `n` values expanded and sorted as
/// `x[0] ≤ … ≤ x[n−1]`, the rank is `h = (n − 1) · p / 100` and the percentile is
/// `x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋])`. So p0 is the minimum, p100 the maximum, and
/// the median of an even count is the mean of the two middle values.
///
/// The rank's fraction is kept as a whole number of hundredths until the last division, so a
/// result that is a whole or a decimal number by hand (69, 4.5) comes out exactly that.
pub fn percentile(counts: &BTreeMap<u64, u64>, p: u32) -> Option<f64> {
    let n: u64 = counts.values().sum();
    let rank = n.checked_sub(1)? * u64::from(p.min(100));
    let (below, hundredths) = (rank / 100, rank % 100);
    let low = nth(counts, below)?;
    if hundredths == 0 {
        return Some(low as f64);
    }
    // A fraction is only left when `below` is not the last rank, so the next value exists.
    let high = nth(counts, below + 1)?;
    Some(low as f64 + (high - low) as f64 * hundredths as f64 / 100.0)
}

/// The value at 0-based position `index` of the sorted expansion of `counts`.
fn nth(counts: &BTreeMap<u64, u64>, index: u64) -> Option<u64> {
    let mut seen = 0;
    counts.iter().find_map(|(value, n)| {
        seen += n;
        (seen > index).then_some(*value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(values: &[u64]) -> BTreeMap<u64, u64> {
        let mut counts = BTreeMap::new();
        for v in values {
            *counts.entry(*v).or_default() += 1;
        }
        counts
    }

    #[test]
    fn the_p90_of_four_response_times_interpolates_between_the_third_and_fourth() {
        // Sorted 4, 10, 20, 90; h = (4 − 1) · 0.9 = 2.7, so x[2] + 0.7 · (x[3] − x[2])
        // = 20 + 0.7 · 70 = 20 + 49 = 69.
        assert_eq!(percentile(&of(&[90, 4, 20, 10]), 90), Some(69.0));
        // Median: h = 3 · 0.5 = 1.5 → 10 + 0.5 · (20 − 10) = 15.
        assert_eq!(percentile(&of(&[90, 4, 20, 10]), 50), Some(15.0));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_two_middle_values() {
        // 2 and 7: h = 0.5 → 2 + 0.5 · 5 = 4.5.
        assert_eq!(percentile(&of(&[7, 2]), 50), Some(4.5));
        // 13, 13, 25, 40: h = 1.5 → 13 + 0.5 · (25 − 13) = 19.
        assert_eq!(percentile(&of(&[13, 40, 13, 25]), 50), Some(19.0));
    }

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_value() {
        // 1, 1, 4: h = 1 → x[1] = 1.
        assert_eq!(percentile(&of(&[1, 4, 1]), 50), Some(1.0));
        // 3, 8, 9, 30, 31: h = 2 → 9.
        assert_eq!(percentile(&of(&[31, 3, 9, 8, 30]), 50), Some(9.0));
    }

    #[test]
    fn ties_are_counted_once_per_occurrence() {
        // 5, 5, 5, 6: p25 h = 0.75 → 5 + 0.75 · 0 = 5; p90 h = 2.7 → 5 + 0.7 · 1 = 5.7.
        let counts = of(&[5, 6, 5, 5]);
        assert_eq!(percentile(&counts, 25), Some(5.0));
        assert_eq!(percentile(&counts, 90), Some(5.7));
        // 2, 4, 4, 4, 4: p10 h = 0.4 → 2 + 0.4 · 2 = 2.8.
        assert_eq!(percentile(&of(&[4, 4, 2, 4, 4]), 10), Some(2.8));
    }

    #[test]
    fn a_single_value_is_every_percentile_and_an_empty_one_has_none() {
        for p in [0, 50, 90, 100] {
            assert_eq!(percentile(&of(&[42]), p), Some(42.0), "p{p}");
        }
        assert_eq!(percentile(&BTreeMap::new(), 50), None);
        // Zero counts are no values at all.
        assert_eq!(percentile(&BTreeMap::from([(3, 0)]), 50), None);
    }

    #[test]
    fn p0_and_p100_are_the_minimum_and_the_maximum() {
        let counts = of(&[12, 3, 50]);
        assert_eq!(percentile(&counts, 0), Some(3.0));
        assert_eq!(percentile(&counts, 100), Some(50.0));
        assert_eq!(
            percentile(&counts, 250),
            Some(50.0),
            "past 100 reads as 100"
        );
    }
}
