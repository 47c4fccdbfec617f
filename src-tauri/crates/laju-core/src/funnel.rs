//! The funnel's maintained aggregates. Each lead contributes `LeadFacts` (its cohort month, the
//! dimensions reports filter on, the stages it reached, and how long each finished stage visit
//! lasted) to one `Cell`; a change subtracts the lead's old facts and adds the new, so a report
//! sums cells instead of reading leads. `recompute` builds the same cells from scratch, which is
//! what the property test holds the incremental path to. A lead with a deal value adds it to
//! the cell too, per currency (`money.rs`), and each move back to marketing its reason
//! (`recycle.rs`).
//!
//! Histories may carry dates out of order (a file that dates the win a day before the MQL, a
//! move recorded late); the facts keep those dates as given and read them by two rules:
//! entering a main-path stage means having reached every main-path stage before it, and a
//! duration is never negative (a visit or a time to won that would end before it began lasts 0).

use crate::classification::FitClass;
use crate::handoff::{Handoff, RejectCode, Resolution};
use crate::lead::SourceKind;
use crate::lifecycle::StageChange;
use crate::sla::SlaType;
use crate::Stage;
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

const STAGES: usize = Stage::ALL.len();
const DAY_SECS: u64 = 86_400;

/// What reports filter and break down by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Dims {
    pub source: SourceKind,
    pub campaign: String,
    pub owner: String,
    pub segment: FitClass,
    pub industry: String,
}

/// A cell: one cohort month (`yyyymm`, when the lead was created) and one combination of dims.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CellKey {
    pub cohort: u32,
    pub dims: Dims,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadFacts {
    pub key: CellKey,
    pub current: Stage,
    /// Stages reached, as a bit per `Stage::code`: every stage the history enters, and every
    /// main-path stage before the furthest main-path stage it enters (a lead won without a
    /// dated MQL was an MQL). Off-path stages imply nothing: a lead can be recycled,
    /// disqualified or lost from any open stage.
    pub reached: u16,
    /// Finished visits: the stage and how many seconds the lead spent in it, from entering it
    /// to the next entry, 0 when the next entry is dated earlier.
    pub visits: Vec<(Stage, u64)>,
    /// From the first touch (creation) to becoming a customer, once it has; 0 when the win is
    /// dated before the creation.
    pub to_won_secs: Option<u64>,
    /// When the lead entered its current stage (stall and black holes read it).
    pub since: DateTime<Utc>,
    /// How its latest handoff to sales went, if it had one.
    pub handoff: Option<HandoffFact>,
    /// Moments after which the lead sits in a black hole (see `Waits`).
    #[serde(default)]
    pub waits: Waits,
    /// The opportunity's value and forecast category, when it has a value (`DealFact::of`).
    #[serde(default)]
    pub deal: Option<DealFact>,
    /// Every move back to marketing, with the stage left and the reason given.
    #[serde(default)]
    pub recycles: Vec<RecycleFact>,
}

/// When each black-hole clock of a lead started, where one runs: a pending handoff's first
/// deadline, a SAL's first unanswered touch sequence, an open opportunity's close date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Waits {
    pub sla_due: Option<DateTime<Utc>>,
    pub unreached_since: Option<DateTime<Utc>>,
    pub close_date: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoffFact {
    pub lead_type: SlaType,
    /// Minutes from the handoff to acceptance or rejection, once answered.
    pub answered_minutes: Option<u64>,
    pub breached: bool,
    pub rejected: Option<RejectCode>,
}

impl HandoffFact {
    pub fn of(handoff: &Handoff) -> HandoffFact {
        let minutes = |at: DateTime<Utc>| (at - handoff.started_at).num_minutes().max(0) as u64;
        let (answered_minutes, rejected) = match &handoff.resolution {
            Some(Resolution::Accepted { at, .. }) => (Some(minutes(*at)), None),
            Some(Resolution::Rejected { at, code, .. }) => (Some(minutes(*at)), Some(*code)),
            Some(Resolution::Closed { .. }) | None => (None, None),
        };
        HandoffFact {
            lead_type: handoff.sla_type,
            answered_minutes,
            breached: !handoff.breaches.is_empty(),
            rejected,
        }
    }
}

impl LeadFacts {
    pub fn has_reached(&self, stage: Stage) -> bool {
        self.reached & bit(stage) != 0
    }

    /// From the lead's history (oldest first); `None` for a lead with no history yet.
    pub fn of(history: &[StageChange], dims: Dims, handoff: Option<&Handoff>) -> Option<LeadFacts> {
        let first = history.first()?;
        let last = history.last()?;
        let cohort = first.at.year() as u32 * 100 + first.at.month();
        let entered = history.iter().fold(0u16, |bits, h| bits | bit(h.to));
        let furthest = history.iter().filter_map(|h| h.to.path_position()).max();
        let passed = Stage::MAIN_PATH[..furthest.unwrap_or(0)]
            .iter()
            .fold(0u16, |bits, s| bits | bit(*s));
        let visits = history
            .windows(2)
            .map(|w| (w[0].to, secs_between(w[0].at, w[1].at)))
            .collect();
        let to_won_secs = history
            .iter()
            .find(|h| h.to == Stage::Customer)
            .map(|won| secs_between(first.at, won.at));
        Some(LeadFacts {
            key: CellKey { cohort, dims },
            current: last.to,
            reached: entered | passed,
            visits,
            to_won_secs,
            since: last.at,
            handoff: handoff.map(HandoffFact::of),
            waits: Waits::default(),
            deal: None,
            recycles: RecycleFact::all_of(history),
        })
    }
}

/// Seconds from `start` to `end`; 0 when `end` is dated before `start`.
fn secs_between(start: DateTime<Utc>, end: DateTime<Utc>) -> u64 {
    (end - start).num_seconds().max(0) as u64
}

fn bit(stage: Stage) -> u16 {
    1 << stage.code()
}

/// Time spent in one stage over many visits: enough for the average and a median to the day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Dwell {
    pub visits: u64,
    pub total_secs: u64,
    /// Whole days → how many visits lasted that long.
    pub by_day: BTreeMap<u64, u64>,
}

impl Dwell {
    fn add(&mut self, secs: u64, sign: i8) {
        let day = secs / DAY_SECS;
        if sign > 0 {
            self.visits += 1;
            self.total_secs += secs;
            *self.by_day.entry(day).or_default() += 1;
        } else {
            self.visits = self.visits.saturating_sub(1);
            self.total_secs = self.total_secs.saturating_sub(secs);
            if let Some(n) = self.by_day.get_mut(&day) {
                *n -= 1;
                if *n == 0 {
                    self.by_day.remove(&day);
                }
            }
        }
    }

    pub fn merge(&mut self, other: &Dwell) {
        self.visits += other.visits;
        self.total_secs += other.total_secs;
        for (day, n) in &other.by_day {
            *self.by_day.entry(*day).or_default() += n;
        }
    }

    pub fn average_days(&self) -> Option<f64> {
        (self.visits > 0).then(|| self.total_secs as f64 / self.visits as f64 / DAY_SECS as f64)
    }

    /// The median visit in days, over each visit's whole days (a visit of 2 days and 20 hours
    /// counts as 2): the histogram keeps no finer time. See [`crate::stats::percentile`].
    pub fn median_days(&self) -> Option<f64> {
        crate::stats::percentile(&self.by_day, 50)
    }
}

/// Handoffs of one lead type: how many, how many answered within the SLA, how fast.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SlaCell {
    pub handoffs: u64,
    /// Answered (accepted or rejected) or breached: the SLA's outcome is known.
    pub decided: u64,
    pub within: u64,
    pub breached: u64,
    /// Minutes to answer → how many handoffs.
    pub answered: BTreeMap<u64, u64>,
    pub answered_count: u64,
    pub rejected: BTreeMap<RejectCode, u64>,
}

impl SlaCell {
    fn add(&mut self, fact: &HandoffFact, sign: i8) {
        let step = |n: &mut u64, yes: bool| {
            if yes {
                *n = if sign > 0 {
                    *n + 1
                } else {
                    n.saturating_sub(1)
                };
            }
        };
        step(&mut self.handoffs, true);
        step(
            &mut self.decided,
            fact.answered_minutes.is_some() || fact.breached,
        );
        step(
            &mut self.within,
            fact.answered_minutes.is_some() && !fact.breached,
        );
        step(&mut self.breached, fact.breached);
        if let Some(minutes) = fact.answered_minutes {
            step(&mut self.answered_count, true);
            let n = self.answered.entry(minutes).or_default();
            step(n, true);
            if *n == 0 {
                self.answered.remove(&minutes);
            }
        }
        if let Some(code) = fact.rejected {
            let n = self.rejected.entry(code).or_default();
            step(n, true);
            if *n == 0 {
                self.rejected.remove(&code);
            }
        }
    }

    pub fn merge(&mut self, other: &SlaCell) {
        self.handoffs += other.handoffs;
        self.decided += other.decided;
        self.within += other.within;
        self.breached += other.breached;
        self.answered_count += other.answered_count;
        for (m, n) in &other.answered {
            *self.answered.entry(*m).or_default() += n;
        }
        for (c, n) in &other.rejected {
            *self.rejected.entry(*c).or_default() += n;
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Cell {
    pub leads: u64,
    /// Leads in each stage now, by `Stage::code`.
    pub current: Vec<u64>,
    /// Leads that ever reached each stage.
    pub reached: Vec<u64>,
    pub dwell: Vec<Dwell>,
    /// First touch → won, over the leads that were won.
    pub to_won: Dwell,
    pub sla: BTreeMap<SlaType, SlaCell>,
    /// Deal values by currency code; a currency with no deal left has no entry.
    pub money: BTreeMap<String, MoneyCell>,
    /// Moves back to marketing by the stage left and the reason given.
    pub recycled: RecycleCounts,
}

impl Cell {
    fn apply(&mut self, facts: &LeadFacts, sign: i8) {
        self.current.resize(STAGES, 0);
        self.reached.resize(STAGES, 0);
        self.dwell.resize(STAGES, Dwell::default());
        let step = |n: &mut u64| {
            *n = if sign > 0 {
                *n + 1
            } else {
                n.saturating_sub(1)
            }
        };
        step(&mut self.leads);
        step(&mut self.current[usize::from(facts.current.code())]);
        for stage in Stage::ALL {
            if facts.reached & bit(stage) != 0 {
                step(&mut self.reached[usize::from(stage.code())]);
            }
        }
        for (stage, secs) in &facts.visits {
            self.dwell[usize::from(stage.code())].add(*secs, sign);
        }
        if let Some(secs) = facts.to_won_secs {
            self.to_won.add(secs, sign);
        }
        if let Some(fact) = &facts.handoff {
            let cell = self.sla.entry(fact.lead_type).or_default();
            cell.add(fact, sign);
            if cell.handoffs == 0 {
                self.sla.remove(&fact.lead_type);
            }
        }
        if let Some(deal) = &facts.deal {
            money::apply(&mut self.money, facts, deal, sign);
        }
        recycle::apply(&mut self.recycled, &facts.recycles, sign);
    }

    pub fn merge(&mut self, other: &Cell) {
        self.current.resize(STAGES, 0);
        self.reached.resize(STAGES, 0);
        self.dwell.resize(STAGES, Dwell::default());
        self.leads += other.leads;
        for (i, n) in other.current.iter().enumerate() {
            self.current[i] += n;
        }
        for (i, n) in other.reached.iter().enumerate() {
            self.reached[i] += n;
        }
        for (i, d) in other.dwell.iter().enumerate() {
            self.dwell[i].merge(d);
        }
        self.to_won.merge(&other.to_won);
        for (t, c) in &other.sla {
            self.sla.entry(*t).or_default().merge(c);
        }
        for (currency, m) in &other.money {
            self.money.entry(currency.clone()).or_default().merge(m);
        }
        recycle::merge(&mut self.recycled, &other.recycled);
    }

    pub fn current(&self, stage: Stage) -> u64 {
        self.current
            .get(usize::from(stage.code()))
            .copied()
            .unwrap_or(0)
    }

    pub fn reached(&self, stage: Stage) -> u64 {
        self.reached
            .get(usize::from(stage.code()))
            .copied()
            .unwrap_or(0)
    }

    pub fn dwell(&self, stage: Stage) -> Dwell {
        self.dwell
            .get(usize::from(stage.code()))
            .cloned()
            .unwrap_or_default()
    }
}

pub type Cells = BTreeMap<CellKey, Cell>;

/// The cells a change touches, after it: the lead's old facts taken out, the new put in. A
/// cell left with no leads is returned empty so the caller can delete it.
pub fn apply_change(
    cells: &Cells,
    old: Option<&LeadFacts>,
    new: Option<&LeadFacts>,
) -> Vec<(CellKey, Cell)> {
    let mut touched: BTreeMap<CellKey, Cell> = BTreeMap::new();
    for (facts, sign) in [(old, -1), (new, 1)] {
        let Some(facts) = facts else { continue };
        let cell = touched
            .entry(facts.key.clone())
            .or_insert_with(|| cells.get(&facts.key).cloned().unwrap_or_default());
        cell.apply(facts, sign);
    }
    touched.into_iter().collect()
}

/// The cells built from every lead's facts at once.
pub fn recompute<'a>(all: impl IntoIterator<Item = &'a LeadFacts>) -> Cells {
    let mut cells = Cells::new();
    for facts in all {
        cells.entry(facts.key.clone()).or_default().apply(facts, 1);
    }
    cells
}

/// The agreed conversion range from one main-path stage to the next, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConversionBand {
    pub from: Stage,
    pub to: Stage,
    pub low: u32,
    pub high: u32,
}

/// DOMAIN.md section 1's benchmark bands.
pub fn default_bands() -> Vec<ConversionBand> {
    [
        (Stage::Mql, Stage::Sal, 15, 30),
        (Stage::Sal, Stage::Sql, 40, 60),
        (Stage::Sql, Stage::Opportunity, 30, 50),
        (Stage::Opportunity, Stage::Customer, 20, 40),
    ]
    .map(|(from, to, low, high)| ConversionBand {
        from,
        to,
        low,
        high,
    })
    .to_vec()
}

mod money;
mod recycle;
mod report;
mod value;
pub use money::*;
pub use recycle::{RecycleCounts, RecycleFact};
pub use report::*;
pub use value::*;

#[cfg(test)]
mod money_tests;
#[cfg(test)]
mod tests;
