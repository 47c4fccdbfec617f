//! Where leads get stuck: stall rates per stage and the four black holes of DOMAIN.md section 5,
//! each a list of leads. They read the in-memory stage-entry index and the due-by-time index,
//! so the work grows with the leads that are stuck, not with the workspace.

use super::{BlackHole, BlackHoleKind, BlackHoleLead, StageStall};
use crate::handoff::due::{self, Due};
use crate::leads::LeadRow;
use crate::store::trees;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Duration, Utc};
use laju_core::funnel::FunnelFilter;
use laju_core::lead::LeadId;
use laju_core::Stage;
use std::collections::BTreeMap;

/// How many leads a black hole lists; `total` still counts them all.
const LISTED: usize = 100;

impl Workspace {
    pub(super) fn stall_rows(&self, filter: &FunnelFilter) -> Result<Vec<StageStall>, EngineError> {
        let stages = self.playbook()?.playbook.stages;
        let now = self.now();
        let cells = self.cells();
        let sum = laju_core::funnel::total(cells.all(), filter);
        Ok(Stage::MAIN_PATH[1..Stage::MAIN_PATH.len() - 1]
            .iter()
            .map(|&stage| {
                let typical_days = stages
                    .iter()
                    .find(|d| d.stage == stage)
                    .and_then(|d| d.typical_days);
                let in_stage = sum.current(stage);
                let stalled = typical_days.map_or(0, |days| {
                    let before = now - Duration::days(i64::from(days));
                    cells.stalled(stage, before, filter, in_stage)
                });
                StageStall {
                    stage,
                    in_stage,
                    stalled,
                    rate: (in_stage > 0).then(|| stalled as f64 * 100.0 / in_stage as f64),
                    typical_days,
                }
            })
            .collect())
    }

    /// Every lead in one black hole, with the moment it became stuck, longest first.
    pub(super) fn hole_members(
        &self,
        kind: BlackHoleKind,
        filter: &FunnelFilter,
    ) -> Result<Vec<(LeadId, DateTime<Utc>)>, EngineError> {
        let now = self.now();
        let stages = self.playbook()?.playbook.stages;
        let overdue_in = |stage: Stage| {
            let days = stages
                .iter()
                .find(|d| d.stage == stage)
                .and_then(|d| d.typical_days);
            days.map(|d| now - Duration::days(i64::from(d)))
        };
        let due_tree = self.db().open_tree(trees::DUE_BY_TIME)?;
        let mut found: BTreeMap<LeadId, DateTime<Utc>> = BTreeMap::new();
        match kind {
            BlackHoleKind::UnclaimedMql => {
                found.extend(timed(due_tree.range(due::up_to(Due::Deadline, now)))?);
                found.extend(timed(due_tree.scan_prefix([Due::Breached as u8]))?);
            }
            BlackHoleKind::StalledSal => {
                if let Some(before) = overdue_in(Stage::Sal) {
                    found.extend(self.cells().in_stage_since(Stage::Sal, before));
                }
                found.extend(timed(due_tree.scan_prefix([Due::Unreached as u8]))?);
            }
            BlackHoleKind::SqlWithoutOpportunity => {
                if let Some(before) = overdue_in(Stage::Sql) {
                    found.extend(self.cells().in_stage_since(Stage::Sql, before));
                }
            }
            BlackHoleKind::AgedOpportunity => {
                found.extend(timed(due_tree.range(due::up_to(Due::CloseDate, now)))?);
            }
        }
        let cells = self.cells();
        let mut members: Vec<(LeadId, DateTime<Utc>)> = found
            .into_iter()
            .filter(|(id, _)| cells.facts(*id).is_some_and(|f| filter.matches(&f.key)))
            .collect();
        members.sort_by_key(|(id, at)| (*at, *id));
        Ok(members)
    }

    pub(super) fn black_hole(
        &self,
        kind: BlackHoleKind,
        filter: &FunnelFilter,
    ) -> Result<BlackHole, EngineError> {
        let members = self.hole_members(kind, filter)?;
        let rows = self.rows();
        let leads = members
            .iter()
            .take(LISTED)
            .filter_map(|(id, since)| {
                rows.get(*id).map(|row: &LeadRow| BlackHoleLead {
                    lead: row.clone(),
                    since: *since,
                })
            })
            .collect();
        Ok(BlackHole {
            kind,
            total: members.len() as u64,
            leads,
        })
    }
}

/// (lead, instant) of every key an index range yields.
fn timed(
    entries: impl Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>,
) -> Result<Vec<(LeadId, DateTime<Utc>)>, EngineError> {
    let mut out = Vec::new();
    for entry in entries {
        let (key, _) = entry?;
        if let (Some(id), Some(at)) = (due::id_of(&key), due::at_of(&key)) {
            out.push((id, at));
        }
    }
    Ok(out)
}
