//! Funnel analytics over maintained aggregates: every lead change rewrites the lead's facts
//! and the one or two cells they count in (same transaction as the change, see
//! `leads/write.rs`); reports sum the cells held in memory and never read a lead.

mod cells;

pub(crate) use cells::{facts_of, CellIndex, FunnelWrite};

use crate::{EngineError, Workspace};
use laju_core::funnel::{self, Dimension, FunnelFilter, FunnelReport, Velocity};
use serde::{Deserialize, Serialize};
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

impl Workspace {
    pub fn funnel_report(&self, query: &ReportQuery) -> Result<FunnelAnswer, EngineError> {
        let bands = self.playbook()?.playbook.conversion_bands;
        let cells = self.cells();
        Ok(FunnelAnswer {
            overall: funnel::funnel(&funnel::total(cells.all(), &query.filter), &bands),
            groups: groups(&cells, query, |cell| funnel::funnel(cell, &bands)),
        })
    }

    pub fn velocity_report(&self, query: &ReportQuery) -> Result<VelocityAnswer, EngineError> {
        let stages = self.playbook()?.playbook.stages;
        let cells = self.cells();
        Ok(VelocityAnswer {
            overall: funnel::velocity(&funnel::total(cells.all(), &query.filter), &stages),
            groups: groups(&cells, query, |cell| funnel::velocity(cell, &stages)),
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
