//! The quarterly review: the agreement in force at a quarter's end (the Playbook version saved
//! last before it ended; the current one for the quarter under way, and for a quarter that
//! ended before any version was saved, as imported history does) against what the quarter's
//! cohort — the leads created in it — did. Every figure is a sum of the maintained funnel cells
//! filtered to the quarter's three months, or a black hole's total from its index; the verdict
//! rules are laju-core's (`workshop::review`). Nothing here writes.
//!
//! Cohort, not calendar: a lead created in the quarter counts with everything it did since,
//! even after the quarter ended, as the Funnel page's month filter counts it. Black holes are
//! where the cohort's leads sit now, as the Funnel page shows them.

use crate::analytics::{BlackHoleKind, ReportQuery};
use crate::playbook::PlaybookVersion;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::funnel::{self, Dimension, FunnelFilter, FunnelStep};
use laju_core::workshop::quarter::Quarter;
use laju_core::workshop::review::{
    self as rules, ConversionLine, RecycleLine, RejectionLine, ReviewVerdict, SlaRepLine,
    SlaTypeLine, StageTimeLine, Tally,
};
use laju_core::Stage;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReviewQuery {
    /// "2026Q4".
    pub quarter: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReviewedQuarter {
    /// "2026Q4", as `laju review --quarter` takes it.
    pub key: String,
    pub year: i32,
    pub number: u8,
    /// The cohort months, `yyyymm`.
    pub first_month: u32,
    pub last_month: u32,
    /// The quarter under way: its cohort is still growing.
    pub current: bool,
}

impl ReviewedQuarter {
    fn of(quarter: Quarter, now: DateTime<Utc>) -> ReviewedQuarter {
        ReviewedQuarter {
            key: quarter.to_string(),
            year: quarter.year(),
            number: quarter.number(),
            first_month: quarter.first_month(),
            last_month: quarter.last_month(),
            current: quarter == Quarter::containing(now),
        }
    }
}

/// A quarter by name: the key the CLI and commands take, and its parts for the window to word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QuarterName {
    /// "2026Q3".
    pub key: String,
    pub year: i32,
    pub number: u8,
}

impl QuarterName {
    fn of(quarter: Quarter) -> QuarterName {
        QuarterName {
            key: quarter.to_string(),
            year: quarter.year(),
            number: quarter.number(),
        }
    }
}

/// The Playbook version the quarter is held to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AgreementInForce {
    pub version: u32,
    pub saved_at: DateTime<Utc>,
    pub actor: String,
    /// No version was saved before the quarter ended (its leads came in by import or the
    /// sample): the agreement in force now stands in for the one nobody recorded then.
    pub saved_after_quarter: bool,
    /// Percent of handoffs to answer in time; the SLA lines' threshold.
    pub compliance_goal: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BlackHoleLine {
    pub kind: BlackHoleKind,
    /// The stage the hole is in.
    pub stage: Stage,
    /// Leads of the cohort in the hole now.
    pub total: u64,
    /// Leads of the cohort that ever reached `stage`.
    pub exposed: u64,
    pub verdict: ReviewVerdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Review {
    pub quarter: ReviewedQuarter,
    /// The quarter the rejection shares are compared with.
    pub previous_quarter: QuarterName,
    pub agreement: AgreementInForce,
    /// Leads created in the quarter; 0 means there is nothing to review and every list is empty.
    pub leads: u64,
    /// The cohort's funnel, for the presenter's chart.
    pub funnel: Vec<FunnelStep>,
    pub conversion: Vec<ConversionLine>,
    pub stage_time: Vec<StageTimeLine>,
    pub sla_by_type: Vec<SlaTypeLine>,
    pub sla_by_rep: Vec<SlaRepLine>,
    pub rejections: Vec<RejectionLine>,
    pub recycles: Vec<RecycleLine>,
    pub black_holes: Vec<BlackHoleLine>,
    /// How many lines of each verdict.
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QuarterChoice {
    pub key: String,
    pub year: i32,
    pub number: u8,
    /// Leads created in it.
    pub leads: u64,
    pub current: bool,
}

/// The quarters a review can be asked for: each one the workspace has leads created in, and
/// the current one, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReviewQuarters {
    pub current: String,
    pub quarters: Vec<QuarterChoice>,
}

impl Workspace {
    pub fn review_quarters(&self) -> Result<ReviewQuarters, EngineError> {
        let now = self.now();
        let current = Quarter::containing(now);
        let mut leads: BTreeMap<Quarter, u64> = BTreeMap::from([(current, 0)]);
        {
            let derived = self.derived();
            for (key, cell) in derived.cells.all() {
                if let Some(q) = Quarter::of_month(key.cohort) {
                    *leads.entry(q).or_default() += cell.leads;
                }
            }
        }
        Ok(ReviewQuarters {
            current: current.to_string(),
            quarters: leads
                .into_iter()
                .rev()
                .map(|(q, leads)| QuarterChoice {
                    key: q.to_string(),
                    year: q.year(),
                    number: q.number(),
                    leads,
                    current: q == current,
                })
                .collect(),
        })
    }

    /// The review of `quarter` ("2026Q4"); a malformed name is refused with the form to use.
    pub fn review(&self, quarter: &str) -> Result<Review, EngineError> {
        let quarter = Quarter::parse(quarter).map_err(|p| EngineError::Invalid(p.to_string()))?;
        let now = self.now();
        let (held_to, saved_after_quarter) = self.agreement_for(quarter)?;
        let playbook = &held_to.playbook;
        let filter = cohort(quarter);
        let previous = quarter.previous();
        let mut review = Review {
            quarter: ReviewedQuarter::of(quarter, now),
            previous_quarter: QuarterName::of(previous),
            agreement: AgreementInForce {
                version: held_to.version,
                saved_at: held_to.saved_at,
                actor: held_to.actor.clone(),
                saved_after_quarter,
                compliance_goal: playbook.handoff.sla.compliance_goal,
            },
            leads: 0,
            funnel: Vec::new(),
            conversion: Vec::new(),
            stage_time: Vec::new(),
            sla_by_type: Vec::new(),
            sla_by_rep: Vec::new(),
            rejections: Vec::new(),
            recycles: Vec::new(),
            black_holes: Vec::new(),
            tally: Tally::default(),
        };
        {
            // The cells' lock is let go before the black holes take it again.
            let derived = self.derived();
            let cells = derived.cells.all();
            let sum = funnel::total(cells, &filter);
            if sum.leads == 0 {
                return Ok(review);
            }
            let before = funnel::total(cells, &cohort(previous));
            let by_owner = funnel::breakdown(cells, &filter, Dimension::Owner);
            let sla = &playbook.handoff.sla;
            review.leads = sum.leads;
            review.funnel = funnel::funnel(&sum, &playbook.conversion_bands, &playbook.money).steps;
            review.conversion = rules::conversion_lines(&review.funnel);
            let velocity = funnel::velocity(&sum, &playbook.stages, &playbook.money);
            review.stage_time = rules::stage_time_lines(&velocity.stages);
            review.sla_by_type = rules::sla_type_lines(&sum, sla);
            review.sla_by_rep =
                rules::sla_rep_lines(&by_owner, &playbook.handoff.roster, sla.compliance_goal);
            review.rejections = rules::rejection_lines(&sum, &before);
            review.recycles = rules::recycle_lines(&sum);
            review.black_holes = BlackHoleKind::ALL
                .into_iter()
                .map(|kind| (kind, sum.reached(hole_stage(kind))))
                .map(|(kind, exposed)| BlackHoleLine {
                    kind,
                    stage: hole_stage(kind),
                    total: 0,
                    exposed,
                    verdict: ReviewVerdict::NoData,
                })
                .collect();
        }
        let holes = self.black_holes(&ReportQuery { filter, by: None })?;
        for line in &mut review.black_holes {
            line.total = holes
                .holes
                .iter()
                .find(|h| h.kind == line.kind)
                .map_or(0, |h| h.total);
            line.verdict = rules::black_hole_verdict(line.total, line.exposed);
        }
        review.tally = rules::tally(verdicts(&review));
        Ok(review)
    }

    /// The version saved last before the quarter ended (and not after now); when none was,
    /// the one in force now (and `true`). The first version is the shipped defaults, saved when
    /// the folder was made: a team reviewing imported history holds it to what it agreed since.
    fn agreement_for(&self, quarter: Quarter) -> Result<(PlaybookVersion, bool), EngineError> {
        let (end, now) = (quarter.end(), self.now());
        // The highest that qualifies, not the first that does not: a clock set back
        // (LAJU_CLOCK_OFFSET_MINUTES) can date a later version earlier.
        let in_force = (self.playbook_versions()?)
            .into_iter()
            .rev()
            .find(|v| v.saved_at < end && v.saved_at <= now);
        match in_force {
            Some(version) => Ok((version, false)),
            None => Ok((self.playbook()?, true)),
        }
    }
}

/// The leads created in the quarter's three months.
fn cohort(quarter: Quarter) -> FunnelFilter {
    FunnelFilter {
        from: Some(quarter.first_month()),
        to: Some(quarter.last_month()),
        ..FunnelFilter::default()
    }
}

/// The stage a lead must have reached to fall into the hole.
fn hole_stage(kind: BlackHoleKind) -> Stage {
    match kind {
        BlackHoleKind::UnclaimedMql => Stage::Mql,
        BlackHoleKind::StalledSal => Stage::Sal,
        BlackHoleKind::SqlWithoutOpportunity => Stage::Sql,
        BlackHoleKind::AgedOpportunity => Stage::Opportunity,
    }
}

fn verdicts(r: &Review) -> Vec<ReviewVerdict> {
    let mut all: Vec<ReviewVerdict> = Vec::new();
    all.extend(r.conversion.iter().map(|l| l.verdict));
    all.extend(r.stage_time.iter().map(|l| l.verdict));
    all.extend(r.sla_by_type.iter().map(|l| l.verdict));
    all.extend(r.sla_by_rep.iter().map(|l| l.verdict));
    all.extend(r.rejections.iter().map(|l| l.verdict));
    all.extend(r.recycles.iter().map(|l| l.verdict));
    all.extend(r.black_holes.iter().map(|l| l.verdict));
    all
}
