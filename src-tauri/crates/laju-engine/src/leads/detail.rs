//! Everything the lead form shows at once.

use laju_core::activity::Activity;
use laju_core::assess::Assessment;
use laju_core::gates::{self, Criterion, Unmet};
use laju_core::lead::{Lead, LeadId};
use laju_core::lifecycle::{self, EventKind, StageChange};
use laju_core::{Playbook, Stage};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LeadDetail {
    pub lead: Lead,
    pub assessment: Assessment,
    /// Newest first.
    pub activities: Vec<Activity>,
    /// Oldest first: the stage timeline.
    pub history: Vec<StageChange>,
    /// Another lead with this email was there first.
    pub duplicate: bool,
    /// That lead, which this one can be merged into.
    #[ts(optional = nullable)]
    pub duplicate_of: Option<LeadId>,
    pub next: Vec<NextStep>,
}

/// An action the stage bar offers, and what still blocks it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NextStep {
    pub event: EventKind,
    pub to: Stage,
    pub needs_reason: bool,
    pub unmet: Vec<Unmet>,
}

impl LeadDetail {
    pub fn new(
        lead: Lead,
        assessment: Assessment,
        mut activities: Vec<Activity>,
        history: Vec<StageChange>,
        duplicate_of: Option<LeadId>,
        playbook: &Playbook,
    ) -> LeadDetail {
        activities.reverse();
        let next = lifecycle::allowed_events(lead.stage)
            .into_iter()
            .filter_map(|event| {
                let to = lifecycle::target(lead.stage, event)?;
                let mut unmet = gates::unmet(to, &lead.profile, playbook);
                // Accepting names the owner in the same step, so it cannot be missing yet.
                if event == EventKind::Accept {
                    unmet.retain(|u| u.criterion != Criterion::OwnerAssigned);
                }
                Some(NextStep {
                    event,
                    to,
                    needs_reason: event.needs_reason(),
                    unmet,
                })
            })
            .collect();
        LeadDetail {
            lead,
            assessment,
            activities,
            history,
            duplicate: duplicate_of.is_some(),
            duplicate_of,
            next,
        }
    }
}

impl crate::Workspace {
    pub(crate) fn detail_of(
        &self,
        record: crate::store::LeadRecord,
        playbook: &Playbook,
    ) -> Result<LeadDetail, crate::EngineError> {
        let duplicate_of = self.derived().contacts.duplicate_of(&record.lead);
        let assessment = laju_core::assess::assess(
            &record.lead,
            &record.activities,
            duplicate_of.is_some(),
            playbook,
            self.now(),
        );
        Ok(LeadDetail::new(
            record.lead,
            assessment,
            record.activities,
            record.history,
            duplicate_of,
            playbook,
        ))
    }
}
