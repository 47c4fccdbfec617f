//! One date format per column per file. A file writes a column's dates one way, yet a cell such
//! as 1/11/2026 fits both month-first and day-first formats: read row by row, the ambiguous rows
//! would take the first format that fits and the others another, and a day-first sheet would
//! hold 11 January beside 25 November without a word. So before any row is converted, each
//! date column is held to the first format that reads every one of its cells.

use super::cell::Dates;
use super::plan::Plan;
use super::read::Record;
use super::target::Target;

impl Plan {
    /// Holds each date column to the first format that reads all its cells (an RFC 3339 cell
    /// reads as itself and binds nothing). A column no single format reads keeps trying the
    /// formats cell by cell, so its rows are read, or rejected, as they were.
    pub fn settle_date_formats<'a>(&mut self, records: impl IntoIterator<Item = &'a Record>) {
        let count = self.dates.formats.len().min(64);
        let dated: Vec<usize> = (0..self.rules.len())
            .filter(|&i| is_date(self.rules[i].target))
            .collect();
        if count < 2 || dated.is_empty() {
            return;
        }
        let every = u64::MAX >> (64 - count);
        let mut fits = vec![every; dated.len()];
        for record in records {
            for (&i, fit) in dated.iter().zip(&mut fits) {
                if *fit == 0 {
                    continue;
                }
                let Some(text) = self.cell(&self.rules[i], record) else {
                    continue;
                };
                if chrono::DateTime::parse_from_rfc3339(&text).is_err() {
                    *fit &= self.dates.fitting(&text, *fit);
                }
            }
        }
        for (i, fit) in dated.into_iter().zip(fits) {
            if fit != 0 && fit != every {
                let format = self.dates.formats[fit.trailing_zeros() as usize].clone();
                self.rules[i].dates = Some(Dates {
                    formats: vec![format],
                    zone: self.dates.zone,
                });
            }
        }
    }
}

fn is_date(target: Target) -> bool {
    matches!(
        target,
        Target::CreatedAt
            | Target::Entered(_)
            | Target::CloseDate
            | Target::ContractSigned
            | Target::Onboarding
            | Target::ActivityAt
    )
}
