//! Lead use cases: create, edit, log an activity, move through the lifecycle. Each one loads the
//! lead's record, decides with laju-core and hands the change to `commit`, which lets the
//! Playbook's triggers fire and returns once the record is flushed.

mod detail;
pub(crate) mod merge;
mod row;

pub use detail::{LeadDetail, NextStep};
pub use merge::MergeLeads;
pub(crate) use merge::MergeLinks;
pub use row::{LeadPage, LeadQuery, LeadRow, LeadSort};

use crate::commit::Change;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::activity::{Activity, ActivityKind};
use laju_core::lead::{FieldProblem, Lead, LeadId, LeadProfile};
use laju_core::lifecycle::{self, Actor, LifecycleEvent, Refusal, StageChange};
use laju_core::Stage;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CreateLead {
    pub profile: LeadProfile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GetLead {
    pub id: LeadId,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UpdateLead {
    pub id: LeadId,
    pub profile: LeadProfile,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LogActivity {
    pub id: LeadId,
    pub kind: ActivityKind,
    /// When it happened; now when absent.
    #[ts(optional = nullable)]
    pub at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MoveLead {
    pub id: LeadId,
    pub event: LifecycleEvent,
}

/// Saving a form either works or names every field to fix; neither is an error.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum SaveOutcome {
    Saved { detail: Box<LeadDetail> },
    Invalid { problems: Vec<FieldProblem> },
}

/// A move either happens or is refused with the reason (unmet criteria, missing reason, not
/// allowed from this stage).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum MoveOutcome {
    Moved { detail: Box<LeadDetail> },
    Refused { refusal: Refusal, message: String },
}

impl Workspace {
    /// A lead starts as an anonymous visitor; the Playbook's capture rule makes it Known as
    /// soon as it has a name and a way to reach it.
    pub fn create_lead(
        &self,
        profile: LeadProfile,
        actor: &str,
    ) -> Result<SaveOutcome, EngineError> {
        let problems = profile.problems();
        if !problems.is_empty() {
            return Ok(SaveOutcome::Invalid { problems });
        }
        let _guard = self.write_lock();
        let now = self.now();
        let id = self.next_lead_id()?;
        let lead = Lead {
            id,
            stage: Stage::Anonymous,
            profile,
            created_at: now,
            updated_at: now,
            stage_entered_at: now,
            last_activity_at: now,
            outcome: None,
            handoff: None,
            follow_up: None,
        };
        let created = StageChange {
            from: None,
            to: Stage::Anonymous,
            at: now,
            actor: person(actor),
            event: None,
            reason: None,
        };
        let detail = self.commit_one(Change::create(lead, vec![created], Vec::new()))?;
        Ok(SaveOutcome::Saved {
            detail: Box::new(detail),
        })
    }

    pub fn update_lead(&self, input: UpdateLead, _actor: &str) -> Result<SaveOutcome, EngineError> {
        let problems = input.profile.problems();
        if !problems.is_empty() {
            return Ok(SaveOutcome::Invalid { problems });
        }
        let _guard = self.write_lock();
        let mut change = Change::edit(self.load_record(input.id)?);
        change.lead.profile = input.profile;
        change.lead.updated_at = self.now();
        let detail = self.commit_one(change)?;
        Ok(SaveOutcome::Saved {
            detail: Box::new(detail),
        })
    }

    pub fn log_activity(&self, input: LogActivity, actor: &str) -> Result<LeadDetail, EngineError> {
        let _guard = self.write_lock();
        let mut change = Change::edit(self.load_record(input.id)?);
        let now = self.now();
        let activity = Activity::logged(input.at.unwrap_or(now), input.kind, actor, &input.note);
        let lead = &mut change.lead;
        lead.updated_at = now;
        if activity.kind.shows_engagement() && activity.at > lead.last_activity_at {
            lead.last_activity_at = activity.at;
        }
        change.activities.push(activity);
        self.commit_one(change)
    }

    pub fn move_lead(&self, input: MoveLead, actor: &str) -> Result<MoveOutcome, EngineError> {
        let _guard = self.write_lock();
        let mut change = Change::edit(self.load_record(input.id)?);
        let playbook = self.playbook()?.playbook;
        let before = &change.lead;
        let (to, profile) =
            match lifecycle::decide(before.stage, &before.profile, &input.event, &playbook) {
                Ok(decided) => decided,
                Err(refusal) => {
                    let message = refusal.to_string();
                    return Ok(MoveOutcome::Refused { refusal, message });
                }
            };
        let now = self.now();
        let entry = StageChange {
            from: Some(before.stage),
            to,
            at: now,
            actor: person(actor),
            event: Some(input.event.kind()),
            reason: input.event.reason().map(|r| r.trim().to_string()),
        };
        change.history.push(entry);
        let lead = &mut change.lead;
        lead.stage = to;
        lead.profile = profile;
        lead.updated_at = now;
        lead.stage_entered_at = now;
        lead.outcome = lifecycle::outcome_after(&input.event, lead.outcome.take(), now);
        let detail = self.commit_one(change)?;
        Ok(MoveOutcome::Moved {
            detail: Box::new(detail),
        })
    }

    pub fn lead_detail(&self, id: LeadId) -> Result<LeadDetail, EngineError> {
        let record = self.load_record(id)?;
        self.detail_of(record, &self.playbook()?.playbook)
    }

    pub fn list_leads(&self, query: &LeadQuery) -> Result<LeadPage, EngineError> {
        let rules = self.playbook()?.playbook.temperature;
        let only = match &query.selection {
            Some(selection) => Some(self.selection_ids(selection)?),
            None => None,
        };
        Ok(self
            .derived()
            .rows
            .query(query, only.as_ref(), self.now(), &rules))
    }
}

pub(crate) fn person(name: &str) -> Actor {
    Actor::Person {
        name: name.to_string(),
    }
}
