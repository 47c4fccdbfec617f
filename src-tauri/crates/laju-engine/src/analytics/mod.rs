//! Funnel analytics over maintained aggregates: every lead change moves the lead's facts
//! between the one or two cells they count in (`derived`, kept by `commit.rs`); reports sum
//! the cells held in memory and never read a lead.

mod holes;

use crate::derived::CellIndex;

use crate::leads::LeadRow;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::funnel::{self, Dimension, FunnelFilter, FunnelReport, SlaPerformance, Velocity};
use laju_core::lead::LeadId;
use laju_core::Stage;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct ReportQuery {
    pub filter: FunnelFilter,
    /// Also break the report down by this dimension.
    #[ts(optional = nullable)]
    pub by: Option<Dimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FunnelAnswer {
    pub overall: FunnelReport,
    pub groups: Vec<Group<FunnelReport>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VelocityAnswer {
    pub overall: Velocity,
    pub groups: Vec<Group<Velocity>>,
}

/// One value of the breakdown dimension and its report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Group<T> {
    pub value: String,
    pub report: T,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StageStall {
    pub stage: Stage,
    pub in_stage: u64,
    /// In the stage longer than its normal timeframe (the Playbook's typical days).
    pub stalled: u64,
    #[ts(optional = nullable)]
    pub rate: Option<f64>,
    #[ts(optional = nullable)]
    pub typical_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StallReport {
    pub stages: Vec<StageStall>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum BlackHoleKind {
    /// MQLs past their SLA that nobody accepted.
    UnclaimedMql,
    /// SALs over their timeframe, or tried without reaching anyone.
    StalledSal,
    /// SQLs past their timeframe without an opportunity.
    SqlWithoutOpportunity,
    /// Opportunities past their projected close date.
    AgedOpportunity,
}

impl BlackHoleKind {
    pub const ALL: [BlackHoleKind; 4] = [
        BlackHoleKind::UnclaimedMql,
        BlackHoleKind::StalledSal,
        BlackHoleKind::SqlWithoutOpportunity,
        BlackHoleKind::AgedOpportunity,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BlackHoleLead {
    pub lead: LeadRow,
    /// Since when it has been stuck (deadline, stage entry, first touch or close date).
    pub since: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BlackHole {
    pub kind: BlackHoleKind,
    pub total: u64,
    /// The first 100, stuck longest first.
    pub leads: Vec<BlackHoleLead>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BlackHoles {
    pub holes: Vec<BlackHole>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SlaAnswer {
    pub overall: SlaPerformance,
    pub groups: Vec<Group<SlaPerformance>>,
}

/// A report's leads, for the lead list: those at (or past) a funnel step, or in a black hole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum LeadSelection {
    /// `reached`: ever reached the stage (the cohort view); otherwise in it now (the snapshot).
    Step {
        filter: FunnelFilter,
        stage: Stage,
        reached: bool,
    },
    BlackHole {
        filter: FunnelFilter,
        kind: BlackHoleKind,
    },
}

impl Workspace {
    pub fn stall_report(&self, query: &ReportQuery) -> Result<StallReport, EngineError> {
        Ok(StallReport {
            stages: self.stall_rows(&query.filter)?,
        })
    }

    pub fn black_holes(&self, query: &ReportQuery) -> Result<BlackHoles, EngineError> {
        let holes = BlackHoleKind::ALL
            .into_iter()
            .map(|kind| self.black_hole(kind, &query.filter))
            .collect::<Result<_, _>>()?;
        Ok(BlackHoles { holes })
    }

    pub fn sla_report(&self, query: &ReportQuery) -> Result<SlaAnswer, EngineError> {
        let derived = self.derived();
        let cells = &derived.cells;
        Ok(SlaAnswer {
            overall: funnel::sla_performance(&funnel::total(cells.all(), &query.filter)),
            groups: groups(cells, query, funnel::sla_performance),
        })
    }

    /// The leads a selection names; the lead list filters by it.
    pub fn selection_ids(&self, selection: &LeadSelection) -> Result<HashSet<LeadId>, EngineError> {
        match selection {
            LeadSelection::Step {
                filter,
                stage,
                reached,
            } => {
                let derived = self.derived();
                let cells = &derived.cells;
                let ids = cells
                    .members(filter)
                    .filter(|id| {
                        cells.facts(*id).is_some_and(|f| match reached {
                            true => f.has_reached(*stage),
                            false => f.current == *stage,
                        })
                    })
                    .collect();
                Ok(ids)
            }
            LeadSelection::BlackHole { filter, kind } => Ok(self
                .hole_members(*kind, filter)?
                .into_iter()
                .map(|(id, _)| id)
                .collect()),
        }
    }

    pub fn funnel_report(&self, query: &ReportQuery) -> Result<FunnelAnswer, EngineError> {
        let playbook = self.playbook()?.playbook;
        let (bands, money) = (&playbook.conversion_bands, &playbook.money);
        let derived = self.derived();
        let cells = &derived.cells;
        Ok(FunnelAnswer {
            overall: funnel::funnel(&funnel::total(cells.all(), &query.filter), bands, money),
            groups: groups(cells, query, |cell| funnel::funnel(cell, bands, money)),
        })
    }

    pub fn velocity_report(&self, query: &ReportQuery) -> Result<VelocityAnswer, EngineError> {
        let playbook = self.playbook()?.playbook;
        let (stages, money) = (&playbook.stages, &playbook.money);
        let derived = self.derived();
        let cells = &derived.cells;
        Ok(VelocityAnswer {
            overall: funnel::velocity(&funnel::total(cells.all(), &query.filter), stages, money),
            groups: groups(cells, query, |cell| funnel::velocity(cell, stages, money)),
        })
    }
}

fn groups<T>(
    cells: &CellIndex,
    query: &ReportQuery,
    report: impl Fn(&funnel::Cell) -> T,
) -> Vec<Group<T>> {
    let Some(by) = query.by else {
        return Vec::new();
    };
    funnel::breakdown(cells.all(), &query.filter, by)
        .into_iter()
        .map(|(value, cell)| Group {
            value,
            report: report(&cell),
        })
        .collect()
}
