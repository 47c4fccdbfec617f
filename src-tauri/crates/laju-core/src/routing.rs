//! Choosing a rep within a team: round-robin that skips reps who are away or full, and
//! weighted distribution. Which team a lead goes to is the Playbook's routing rules' job; this
//! is the fair choice inside one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Availability {
    /// Open leads the rep holds now.
    pub open_leads: u32,
    #[ts(optional = nullable)]
    pub capacity: Option<u32>,
    #[ts(optional = nullable)]
    pub away_from: Option<DateTime<Utc>>,
    #[ts(optional = nullable)]
    pub away_until: Option<DateTime<Utc>>,
}

impl Availability {
    pub fn can_take(&self, now: DateTime<Utc>) -> bool {
        let away = match (self.away_from, self.away_until) {
            (Some(from), Some(until)) => from <= now && now < until,
            (Some(from), None) => from <= now,
            (None, Some(until)) => now < until,
            (None, None) => false,
        };
        !away && self.capacity.is_none_or(|cap| self.open_leads < cap)
    }
}

/// The next rep after `last` (by position) who can take a lead now, wrapping around.
pub fn round_robin(
    reps: &[Availability],
    last: Option<usize>,
    now: DateTime<Utc>,
) -> Option<usize> {
    let n = reps.len();
    let start = last.map_or(0, |i| i + 1);
    (0..n)
        .map(|step| (start + step) % n)
        .find(|&i| reps[i].can_take(now))
}

/// Weighted distribution: the available rep furthest below their share of `assigned` so far
/// (smooth weighted round-robin; ties go to the earlier rep).
pub fn weighted(
    reps: &[Availability],
    weights: &[u32],
    assigned: &[u64],
    now: DateTime<Utc>,
) -> Option<usize> {
    (0..reps.len())
        .filter(|&i| reps[i].can_take(now) && weights.get(i).copied().unwrap_or(0) > 0)
        .min_by(|&a, &b| {
            // (assigned_a + 1) / w_a against (assigned_b + 1) / w_b, without division.
            let next = |i: usize| u128::from(assigned.get(i).copied().unwrap_or(0) + 1);
            let w = |i: usize| u128::from(weights[i]);
            (next(a) * w(b)).cmp(&(next(b) * w(a))).then(a.cmp(&b))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
            .single()
            .expect("valid")
    }

    fn present() -> Availability {
        Availability {
            open_leads: 0,
            capacity: None,
            away_from: None,
            away_until: None,
        }
    }

    fn away() -> Availability {
        Availability {
            away_from: Some(now() - Duration::days(1)),
            away_until: Some(now() + Duration::days(2)),
            ..present()
        }
    }

    #[test]
    fn round_robin_is_fair_and_skips_reps_who_are_away() {
        let reps = [present(), away(), present(), present()];
        let mut last = None;
        let mut counts = [0u32; 4];
        for _ in 0..9_999 {
            let next = round_robin(&reps, last, now()).expect("someone is in");
            counts[next] += 1;
            last = Some(next);
        }
        assert_eq!(counts, [3_333, 0, 3_333, 3_333]);
    }

    #[test]
    fn a_rep_back_from_leave_or_below_capacity_takes_leads_again() {
        let mut back = away();
        back.away_until = Some(now() - Duration::minutes(1));
        let mut full = present();
        full.capacity = Some(5);
        full.open_leads = 5;
        let reps = [full.clone(), back];
        assert_eq!(
            round_robin(&reps, Some(1), now()),
            Some(1),
            "the full rep is skipped"
        );
        full.open_leads = 4;
        assert_eq!(round_robin(&[full], None, now()), Some(0));
        assert_eq!(round_robin(&[away(), away()], None, now()), None);
    }

    #[test]
    fn weighted_distribution_follows_the_weights_within_one_percent_over_10000() {
        let reps = [present(), present(), present(), away()];
        let weights = [5, 3, 2, 9];
        let mut assigned = [0u64; 4];
        for _ in 0..10_000 {
            let i = weighted(&reps, &weights, &assigned, now()).expect("someone is in");
            assigned[i] += 1;
        }
        assert_eq!(
            assigned[3], 0,
            "away reps get nothing, whatever their weight"
        );
        for (i, share) in [(0, 0.5), (1, 0.3), (2, 0.2)] {
            let got = assigned[i] as f64 / 10_000.0;
            assert!((got - share).abs() < 0.01, "rep {i}: {got} vs {share}");
        }
    }
}
