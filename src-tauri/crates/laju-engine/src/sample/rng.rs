//! A tiny deterministic random source (splitmix64): the sample must be the same for the same
//! seed on every run, and needs nothing a dependency would add.

use chrono::{DateTime, Duration, Utc};

pub(crate) struct Rng(u64);

impl Rng {
    /// One stream per (seed, lead), so a lead does not change when another one's draws do.
    pub fn for_lead(seed: u64, index: usize) -> Rng {
        let mut mixer = Rng(seed ^ (index as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
        Rng(mixer.next())
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high.saturating_sub(low) + 1)
    }

    /// One element; the lists it is used on are constants that are never empty.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.next() as usize % items.len()]
    }

    /// One value, in proportion to its weight.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut roll = self.next() % total.max(1);
        for (item, weight) in items {
            if roll < u64::from(*weight) {
                return *item;
            }
            roll -= u64::from(*weight);
        }
        items[items.len() - 1].0
    }

    /// Log-normal around `median`: waits are skewed, a few take far longer than most.
    pub fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        // Box–Muller; 1 - unit() is never 0, so the logarithm is finite.
        let normal =
            (-2.0 * (1.0 - self.unit()).ln()).sqrt() * (std::f64::consts::TAU * self.unit()).cos();
        median * (sigma * normal).exp()
    }

    /// A moment uniformly inside `[from, to]` (or `from` when the window is empty).
    pub fn moment(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
        let span = (to - from).num_seconds().max(0) as f64;
        from + Duration::seconds((span * self.unit()) as i64)
    }
}

/// Days as a duration, to the second.
pub(crate) fn days(d: f64) -> Duration {
    Duration::seconds((d * 86_400.0) as i64)
}
