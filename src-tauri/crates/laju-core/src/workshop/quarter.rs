//! A calendar quarter, as the quarterly review is asked for one ("2026Q4"): its three cohort
//! months (`yyyymm`, the months leads were created in, as the funnel cells key them) and the
//! instant it ends. Quarters are in UTC, as cohort months are.

use chrono::{DateTime, Datelike, TimeZone, Utc};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    number: u8,
}

/// A text that names no quarter; the message gives the form that does.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("quarter: \"{given}\" is not a quarter; use the form 2026Q4 (a four-digit year, Q, then 1 to 4)")]
pub struct QuarterProblem {
    pub given: String,
}

impl Quarter {
    /// `number` 1–4 of a four-digit year.
    pub fn new(year: i32, number: u8) -> Option<Quarter> {
        ((1000..=9999).contains(&year) && (1..=4).contains(&number))
            .then_some(Quarter { year, number })
    }

    /// "2026Q4" (a lower-case q and surrounding spaces are accepted).
    pub fn parse(text: &str) -> Result<Quarter, QuarterProblem> {
        let problem = || QuarterProblem {
            given: text.to_string(),
        };
        let trimmed = text.trim();
        let (year, number) = trimmed
            .split_once(['Q', 'q'])
            .filter(|(y, n)| y.len() == 4 && n.len() == 1)
            .ok_or_else(problem)?;
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year) || !digits(number) {
            return Err(problem());
        }
        let year: i32 = year.parse().map_err(|_| problem())?;
        let number: u8 = number.parse().map_err(|_| problem())?;
        Quarter::new(year, number).ok_or_else(problem)
    }

    /// The quarter an instant falls in.
    pub fn containing(at: DateTime<Utc>) -> Quarter {
        Quarter {
            year: at.year(),
            number: ((at.month() - 1) / 3 + 1) as u8,
        }
    }

    /// The quarter of a cohort month (`yyyymm`); `None` for a month that is not one.
    pub fn of_month(yyyymm: u32) -> Option<Quarter> {
        let month = yyyymm % 100;
        if !(1..=12).contains(&month) {
            return None;
        }
        let year = i32::try_from(yyyymm / 100).ok()?;
        Quarter::new(year, ((month - 1) / 3 + 1) as u8)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u8 {
        self.number
    }

    /// The first cohort month, `yyyymm`.
    pub fn first_month(self) -> u32 {
        self.year as u32 * 100 + u32::from(self.number - 1) * 3 + 1
    }

    /// The last cohort month, `yyyymm`.
    pub fn last_month(self) -> u32 {
        self.first_month() + 2
    }

    pub fn months(self) -> [u32; 3] {
        let first = self.first_month();
        [first, first + 1, first + 2]
    }

    /// Midnight UTC on the quarter's first day.
    pub fn start(self) -> DateTime<Utc> {
        let month = u32::from(self.number - 1) * 3 + 1;
        Utc.with_ymd_and_hms(self.year, month, 1, 0, 0, 0)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// The instant it ends: the next quarter's start (exclusive).
    pub fn end(self) -> DateTime<Utc> {
        self.next().start()
    }

    pub fn previous(self) -> Quarter {
        match self.number {
            1 => Quarter {
                year: self.year - 1,
                number: 4,
            },
            n => Quarter {
                year: self.year,
                number: n - 1,
            },
        }
    }

    pub fn next(self) -> Quarter {
        match self.number {
            4 => Quarter {
                year: self.year + 1,
                number: 1,
            },
            n => Quarter {
                year: self.year,
                number: n + 1,
            },
        }
    }
}

/// "2026Q4": what `parse` reads and the CLI and the window send.
impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("RFC 3339")
    }

    #[test]
    fn a_quarter_reads_from_its_name_and_writes_back_the_same() {
        let q = Quarter::parse("2026Q4").expect("2026Q4");
        assert_eq!((q.year(), q.number()), (2026, 4));
        assert_eq!(q.to_string(), "2026Q4");
        assert_eq!(
            Quarter::parse(" 2025q1 ").map(|q| q.to_string()),
            Ok("2025Q1".into())
        );
    }

    #[test]
    fn a_malformed_quarter_is_refused_naming_the_expected_form() {
        for bad in [
            "2026Q5", "2026Q0", "Q4", "26Q4", "2026", "2026Q", "2026Q44", "2026-Q4", "", "abcdQ1",
            "2026Q+",
        ] {
            let problem = Quarter::parse(bad).expect_err(bad);
            assert_eq!(problem.given, bad);
            let message = problem.to_string();
            assert!(message.contains("2026Q4"), "{bad}: {message}");
            assert!(
                message.starts_with("quarter:"),
                "names the field: {message}"
            );
        }
    }

    #[test]
    fn each_quarter_holds_its_three_cohort_months() {
        assert_eq!(
            Quarter::parse("2026Q1").map(Quarter::months),
            Ok([202601, 202602, 202603])
        );
        assert_eq!(
            Quarter::parse("2026Q2").map(Quarter::months),
            Ok([202604, 202605, 202606])
        );
        assert_eq!(
            Quarter::parse("2026Q3").map(Quarter::months),
            Ok([202607, 202608, 202609])
        );
        let q4 = Quarter::parse("2026Q4").expect("q4");
        assert_eq!(q4.months(), [202610, 202611, 202612]);
        assert_eq!((q4.first_month(), q4.last_month()), (202610, 202612));
    }

    #[test]
    fn a_quarter_runs_from_its_first_midnight_to_the_next_quarters() {
        let q4 = Quarter::parse("2026Q4").expect("q4");
        assert_eq!(q4.start(), at("2026-10-01T00:00:00Z"));
        assert_eq!(q4.end(), at("2027-01-01T00:00:00Z"), "the year turns");
        let q1 = Quarter::parse("2026Q1").expect("q1");
        assert_eq!(q1.end(), at("2026-04-01T00:00:00Z"));
        assert_eq!(q1.previous().to_string(), "2025Q4");
        assert_eq!(q4.next().to_string(), "2027Q1");
        assert_eq!(q4.previous().to_string(), "2026Q3");
    }

    #[test]
    fn instants_and_cohort_months_fall_in_their_quarter() {
        let q = |text: &str| Quarter::containing(at(text)).to_string();
        assert_eq!(q("2026-12-31T23:59:59Z"), "2026Q4");
        assert_eq!(q("2027-01-01T00:00:00Z"), "2027Q1");
        assert_eq!(q("2026-03-31T12:00:00Z"), "2026Q1");
        assert_eq!(q("2026-04-01T00:00:00Z"), "2026Q2");
        assert_eq!(
            Quarter::of_month(202609).map(|q| q.to_string()),
            Some("2026Q3".into())
        );
        assert_eq!(
            Quarter::of_month(202610).map(|q| q.to_string()),
            Some("2026Q4".into())
        );
        assert_eq!(Quarter::of_month(202613), None);
        assert_eq!(Quarter::of_month(202600), None);
    }
}
