//! Where leads get stuck: stall rates per stage and the four black holes of DOMAIN.md section 5,
//! each a list of leads. They read the in-memory stage-entry index and the due-by-time index,
//! so the work grows with the leads that are stuck, not with the workspace.

use super::{BlackHole, BlackHoleKind, BlackHoleLead, StageStall};
use crate::derived::Wait;
use crate::leads::LeadRow;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Duration, Utc};
use laju_core::funnel::FunnelFilter;
use laju_core::lead::LeadId;
use laju_core::Stage;

/// How many leads a black hole lists; `total` still counts them all.
const LISTED: usize = 100;

impl Workspace {
    pub(super) fn stall_rows(&self, filter: &FunnelFilter) -> Result<Vec<StageStall>, EngineError> {
        let stages = self.playbook()?.playbook.stages;
        let now = self.now();
        let derived = self.derived();
        let cells = &derived.cells;
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
        let derived = self.derived();
        let cells = &derived.cells;
        let mut found: Vec<(LeadId, DateTime<Utc>)> = match kind {
            BlackHoleKind::UnclaimedMql => cells.waiting_since(Wait::SlaDue, now).collect(),
            BlackHoleKind::StalledSal => {
                let mut both: Vec<_> = cells.waiting_since(Wait::Unreached, now).collect();
                if let Some(before) = overdue_in(Stage::Sal) {
                    both.extend(cells.in_stage_since(Stage::Sal, before));
                }
                // A lead both unreached and over time is listed once, from its earlier clock.
                both.sort_unstable_by_key(|(id, at)| (*id, *at));
                both.dedup_by_key(|(id, _)| *id);
                both
            }
            BlackHoleKind::SqlWithoutOpportunity => overdue_in(Stage::Sql)
                .map(|before| cells.in_stage_since(Stage::Sql, before).collect())
                .unwrap_or_default(),
            BlackHoleKind::AgedOpportunity => cells.waiting_since(Wait::CloseDate, now).collect(),
        };
        found.retain(|(id, _)| cells.facts(*id).is_some_and(|f| filter.matches(&f.key)));
        let mut members = found;
        members.sort_by_key(|(id, at)| (*at, *id));
        Ok(members)
    }

    pub(super) fn black_hole(
        &self,
        kind: BlackHoleKind,
        filter: &FunnelFilter,
    ) -> Result<BlackHole, EngineError> {
        let members = self.hole_members(kind, filter)?;
        let derived = self.derived();
        let rows = &derived.rows;
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
