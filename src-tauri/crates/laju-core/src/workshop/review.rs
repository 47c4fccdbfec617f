//! The quarterly review's verdicts: the agreement in force against what the quarter's cohort
//! (the leads created in it) did. Each line says kept, missed or no data, by these rules:
//!
//! - **conversion** of a funnel step with an agreed band: kept at or above the band's low end
//!   (above the band is better than agreed, not a breach), missed below it, no data when no
//!   lead of the cohort reached the step before;
//! - **time in a stage** with agreed typical days: kept when the average finished visit took
//!   at most the typical days, missed when longer, no data without a finished visit;
//! - **SLA compliance** per lead type and per rep: kept when the share answered within the
//!   response time reaches the Playbook's compliance goal, missed below it, no data when no
//!   handoff's outcome is known yet;
//! - **MQL rejections** per reason code, marketing's feedback loop: kept when the code's share
//!   of the answered handoffs is no higher than the quarter before's, missed when it grew, no
//!   data when either quarter has no answered handoff (each lead's latest handoff counts, as
//!   the SLA cells keep it);
//! - **recycled leads** per stage left and reason: kept when the move carried a reason (the
//!   agreement: a lead goes back to marketing explicitly, with a reason), missed without one;
//! - **black holes**: kept when none of the cohort sits in the hole now, missed when any does,
//!   no data when none of the cohort ever reached the stage the hole is in.
//!
//! A step, stage or lead type the agreement sets no figure for is no line at all: there is
//! nothing agreed to keep. Shares and thresholds are compared in whole numbers, so a rate
//! exactly on a boundary is judged the same way by hand.

use crate::funnel::{self, Cell, ConversionBand, FunnelStep, SlaCell, SlaStats, StageVelocity};
use crate::handoff::RejectCode;
use crate::routing::{Rep, Role};
use crate::sla::{SlaPolicy, SlaType};
use crate::Stage;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ReviewVerdict {
    Kept,
    Missed,
    NoData,
}

/// `reached` of `base` leads went on, against the agreed band.
pub fn conversion_verdict(reached: u64, base: u64, band: ConversionBand) -> ReviewVerdict {
    if base == 0 {
        ReviewVerdict::NoData
    } else if u128::from(reached) * 100 < u128::from(band.low) * u128::from(base) {
        ReviewVerdict::Missed
    } else {
        ReviewVerdict::Kept
    }
}

pub fn stage_time_verdict(average_days: Option<f64>, typical_days: u32) -> ReviewVerdict {
    match average_days {
        None => ReviewVerdict::NoData,
        Some(days) if days > f64::from(typical_days) => ReviewVerdict::Missed,
        Some(_) => ReviewVerdict::Kept,
    }
}

/// `within` of `decided` handoffs answered in time, against a goal in percent.
pub fn compliance_verdict(within: u64, decided: u64, goal: u32) -> ReviewVerdict {
    if decided == 0 {
        ReviewVerdict::NoData
    } else if u128::from(within) * 100 >= u128::from(goal) * u128::from(decided) {
        ReviewVerdict::Kept
    } else {
        ReviewVerdict::Missed
    }
}

/// `count` of `of`: how many handoffs were sent back with one code, of those answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub count: u64,
    pub of: u64,
}

impl Share {
    pub fn percent(self) -> Option<f64> {
        (self.of > 0).then(|| self.count as f64 * 100.0 / self.of as f64)
    }
}

pub fn rejection_verdict(now: Share, before: Share) -> ReviewVerdict {
    if now.of == 0 || before.of == 0 {
        ReviewVerdict::NoData
    } else if u128::from(now.count) * u128::from(before.of)
        <= u128::from(before.count) * u128::from(now.of)
    {
        ReviewVerdict::Kept
    } else {
        ReviewVerdict::Missed
    }
}

pub fn recycle_verdict(reason: &str) -> ReviewVerdict {
    if reason.trim().is_empty() {
        ReviewVerdict::Missed
    } else {
        ReviewVerdict::Kept
    }
}

/// `total` of the cohort in the hole now; `exposed` of it ever reached the hole's stage.
pub fn black_hole_verdict(total: u64, exposed: u64) -> ReviewVerdict {
    if total > 0 {
        ReviewVerdict::Missed
    } else if exposed == 0 {
        ReviewVerdict::NoData
    } else {
        ReviewVerdict::Kept
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConversionLine {
    pub from: Stage,
    pub to: Stage,
    /// Leads of the cohort that reached `from`, and of those, `to`.
    pub base: u64,
    pub reached: u64,
    #[ts(optional = nullable)]
    pub conversion: Option<f64>,
    pub band: ConversionBand,
    pub verdict: ReviewVerdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StageTimeLine {
    pub stage: Stage,
    /// Finished visits measured.
    pub visits: u64,
    #[ts(optional = nullable)]
    pub average_days: Option<f64>,
    #[ts(optional = nullable)]
    pub median_days: Option<f64>,
    pub typical_days: u32,
    #[ts(optional = nullable)]
    pub best_days: Option<u32>,
    pub verdict: ReviewVerdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SlaTypeLine {
    pub lead_type: SlaType,
    /// The agreed response time.
    pub target_minutes: u32,
    pub stats: SlaStats,
    pub verdict: ReviewVerdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SlaRepLine {
    /// The lead's owner; none for handoffs nobody owns (most rejected ones).
    #[ts(optional = nullable)]
    pub rep: Option<String>,
    pub on_roster: bool,
    pub stats: SlaStats,
    pub verdict: ReviewVerdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RejectionLine {
    pub code: RejectCode,
    pub count: u64,
    /// Handoffs answered (accepted or rejected), the share's base.
    pub answered: u64,
    #[ts(optional = nullable)]
    pub share: Option<f64>,
    pub previous_count: u64,
    pub previous_answered: u64,
    #[ts(optional = nullable)]
    pub previous_share: Option<f64>,
    pub verdict: ReviewVerdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecycleLine {
    /// The stage the leads left.
    pub from: Stage,
    /// As written; none when the move gave no reason.
    #[ts(optional = nullable)]
    pub reason: Option<String>,
    pub count: u64,
    pub verdict: ReviewVerdict,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Tally {
    pub kept: u64,
    pub missed: u64,
    pub no_data: u64,
}

pub fn tally(verdicts: impl IntoIterator<Item = ReviewVerdict>) -> Tally {
    verdicts.into_iter().fold(Tally::default(), |mut t, v| {
        match v {
            ReviewVerdict::Kept => t.kept += 1,
            ReviewVerdict::Missed => t.missed += 1,
            ReviewVerdict::NoData => t.no_data += 1,
        }
        t
    })
}

/// One line per funnel step the agreement has a band for, in path order.
pub fn conversion_lines(steps: &[FunnelStep]) -> Vec<ConversionLine> {
    steps
        .windows(2)
        .filter_map(|pair| {
            let (before, step) = (&pair[0], &pair[1]);
            let band = step.band?;
            Some(ConversionLine {
                from: before.stage,
                to: step.stage,
                base: before.reached,
                reached: step.reached,
                conversion: step.conversion,
                band,
                verdict: conversion_verdict(step.reached, before.reached, band),
            })
        })
        .collect()
}

/// One line per stage the agreement gives typical days, in path order.
pub fn stage_time_lines(stages: &[StageVelocity]) -> Vec<StageTimeLine> {
    stages
        .iter()
        .filter_map(|s| {
            let typical_days = s.typical_days?;
            Some(StageTimeLine {
                stage: s.stage,
                visits: s.visits,
                average_days: s.average_days,
                median_days: s.median_days,
                typical_days,
                best_days: s.best_days,
                verdict: stage_time_verdict(s.average_days, typical_days),
            })
        })
        .collect()
}

/// One line per lead type in the agreement's SLA table (its order), then any type handed off
/// that the table lacks (timed by the slowest target, as `SlaPolicy::minutes` does).
pub fn sla_type_lines(sum: &Cell, policy: &SlaPolicy) -> Vec<SlaTypeLine> {
    let perf = funnel::sla_performance(sum);
    let stats_of = |t: SlaType| {
        perf.by_type
            .iter()
            .find(|s| s.lead_type == t)
            .map_or_else(SlaStats::default, |s| s.stats.clone())
    };
    let agreed = policy.targets.iter().map(|t| t.lead_type);
    let unlisted = perf
        .by_type
        .iter()
        .map(|s| s.lead_type)
        .filter(|t| !policy.targets.iter().any(|a| a.lead_type == *t));
    agreed
        .chain(unlisted)
        .map(|lead_type| {
            let stats = stats_of(lead_type);
            SlaTypeLine {
                lead_type,
                target_minutes: policy.minutes(lead_type),
                verdict: compliance_verdict(stats.within, stats.decided, policy.compliance_goal),
                stats,
            }
        })
        .collect()
}

/// One line per rep on the roster (its order; a manager, who takes no leads by rule, only with
/// a handoff), then owners off the roster and handoffs with no owner, where they had any
/// handoff. `by_owner` is the cohort's cells summed per owner. The handoffs with no owner are
/// shown but judged "no data": there is no one to hold to the goal, and the lines per lead
/// type already judge those handoffs.
pub fn sla_rep_lines(by_owner: &[(String, Cell)], roster: &[Rep], goal: u32) -> Vec<SlaRepLine> {
    let stats_of = |cell: &Cell| funnel::sla_performance(cell).overall;
    let line = |rep: Option<String>, on_roster: bool, stats: SlaStats| SlaRepLine {
        verdict: match rep {
            Some(_) => compliance_verdict(stats.within, stats.decided, goal),
            None => ReviewVerdict::NoData,
        },
        rep,
        on_roster,
        stats,
    };
    let mut lines: Vec<SlaRepLine> = roster
        .iter()
        .filter_map(|rep| {
            let name = rep.name.trim();
            let stats = by_owner
                .iter()
                .find(|(owner, _)| owner == name)
                .map_or_else(SlaStats::default, |(_, cell)| stats_of(cell));
            (rep.role != Role::Manager || stats.handoffs > 0)
                .then(|| line(Some(name.to_string()), true, stats))
        })
        .collect();
    let mut others: Vec<&(String, Cell)> = by_owner
        .iter()
        .filter(|(owner, _)| !roster.iter().any(|r| r.name.trim() == owner))
        .collect();
    // Named owners by name; the unowned last.
    others.sort_by(|a, b| (a.0.is_empty(), &a.0).cmp(&(b.0.is_empty(), &b.0)));
    for (owner, cell) in others {
        let stats = stats_of(cell);
        if stats.handoffs > 0 {
            let rep = (!owner.is_empty()).then(|| owner.clone());
            lines.push(line(rep, false, stats));
        }
    }
    lines
}

/// One line per reason code sales used in either quarter, most used now first.
pub fn rejection_lines(now: &Cell, before: &Cell) -> Vec<RejectionLine> {
    let (now_codes, now_answered) = rejections(now);
    let (before_codes, before_answered) = rejections(before);
    let mut codes: Vec<RejectCode> = now_codes
        .keys()
        .chain(before_codes.keys())
        .copied()
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let mut lines: Vec<RejectionLine> = codes
        .into_iter()
        .map(|code| {
            let this = Share {
                count: now_codes.get(&code).copied().unwrap_or(0),
                of: now_answered,
            };
            let previous = Share {
                count: before_codes.get(&code).copied().unwrap_or(0),
                of: before_answered,
            };
            RejectionLine {
                code,
                count: this.count,
                answered: this.of,
                share: this.percent(),
                previous_count: previous.count,
                previous_answered: previous.of,
                previous_share: previous.percent(),
                verdict: rejection_verdict(this, previous),
            }
        })
        .collect();
    lines.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
    lines
}

/// Rejections per code and handoffs answered, over every lead type.
fn rejections(sum: &Cell) -> (BTreeMap<RejectCode, u64>, u64) {
    let mut all = SlaCell::default();
    for cell in sum.sla.values() {
        all.merge(cell);
    }
    (all.rejected, all.answered_count)
}

/// One line per stage left and reason, in path order, the most frequent reason first.
pub fn recycle_lines(sum: &Cell) -> Vec<RecycleLine> {
    let mut lines = Vec::new();
    for (from, reasons) in &sum.recycled {
        let mut these: Vec<(&String, &u64)> = reasons.iter().filter(|(_, n)| **n > 0).collect();
        these.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (reason, count) in these {
            lines.push(RecycleLine {
                from: *from,
                reason: (!reason.is_empty()).then(|| reason.clone()),
                count: *count,
                verdict: recycle_verdict(reason),
            });
        }
    }
    lines
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
