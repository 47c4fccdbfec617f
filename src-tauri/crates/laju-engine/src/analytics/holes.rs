//! Where leads get stuck: stall rates per stage and the four black holes of DOMAIN.md section 5,
//! each a list of leads. They read the in-memory stage-entry index and the due-by-time index,
//! so the work grows with the leads that are stuck, not with the workspace.

use super::{BlackHole, BlackHoleKind, BlackHoleLead, StageStall};
use crate::handoff::due::{self, Due};
use crate::leads::LeadRow;
use crate::store::trees;
use crate::{codec::decode, EngineError, Workspace};
use chrono::{DateTime, Duration, Utc};
use laju_core::followup::FollowUp;
use laju_core::funnel::FunnelFilter;
use laju_core::handoff::Handoff;
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
                    cells
                        .in_stage_since(stage, now - Duration::days(i64::from(days)))
                        .filter(|(id, _)| cells.facts(*id).is_some_and(|f| filter.matches(&f.key)))
                        .count() as u64
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
                for entry in due_tree.scan_prefix([Due::Deadline as u8]) {
                    let (key, raw) = entry?;
                    let handoff: Handoff = decode("handoff", &raw)?;
                    let first = handoff
                        .breaches
                        .first()
                        .map_or(handoff.deadline, |b| b.deadline);
                    if first < now {
                        found.extend(due::id_of(&key).map(|id| (id, first)));
                    }
                }
            }
            BlackHoleKind::StalledSal => {
                let cells = self.cells();
                if let Some(before) = overdue_in(Stage::Sal) {
                    found.extend(cells.in_stage_since(Stage::Sal, before));
                }
                for entry in due_tree.scan_prefix([Due::Touch as u8]) {
                    let (key, raw) = entry?;
                    let plan: FollowUp = decode("follow-up", &raw)?;
                    if plan.done > 0 && !plan.reached {
                        found.extend(due::id_of(&key).map(|id| (id, plan.started_at)));
                    }
                }
            }
            BlackHoleKind::SqlWithoutOpportunity => {
                if let Some(before) = overdue_in(Stage::Sql) {
                    found.extend(self.cells().in_stage_since(Stage::Sql, before));
                }
            }
            BlackHoleKind::AgedOpportunity => {
                for key in due_tree.range(due::up_to(Due::CloseDate, now)).keys() {
                    let key = key?;
                    if let (Some(id), Some(at)) = (due::id_of(&key), due::at_of(&key)) {
                        found.insert(id, at);
                    }
                }
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
