//! Merging a duplicate into the lead that came first. Nothing is deleted: the kept lead gains
//! the duplicate's activities, its blank fields filled from the duplicate, and a note with the
//! duplicate's stage history; the duplicate is disqualified as merged, its own record intact.

use super::{person, Change, LeadDetail};
use crate::{EngineError, Workspace};
use laju_core::activity::{Activity, ActivityKind};
use laju_core::import::merge::merge_profile;
use laju_core::lead::{LeadId, Outcome};
use laju_core::lifecycle::{EventKind, StageChange};
use laju_core::{wire, Stage};
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MergeLeads {
    /// The lead that stays.
    pub keep: LeadId,
    /// The duplicate folded into it.
    pub duplicate: LeadId,
}

const MERGED_INTO: &str = "Merged into lead ";

impl Workspace {
    /// Two writes, the kept lead first: a merge cut short between them is finished by running
    /// it again, which finds its note on the kept lead and does not copy anything twice.
    pub fn merge_leads(&self, input: MergeLeads, actor: &str) -> Result<LeadDetail, EngineError> {
        if input.keep == input.duplicate {
            return Err(EngineError::Invalid(
                "A lead cannot be merged into itself.".into(),
            ));
        }
        let _guard = self.write_lock();
        let (duplicate, copied) = self.load_lead(input.duplicate)?;
        if duplicate.stage == Stage::Disqualified && was_merged(&duplicate.outcome) {
            return Err(EngineError::Invalid(format!(
                "Lead {} was already merged.",
                input.duplicate
            )));
        }
        let (keep, activities) = self.load_lead(input.keep)?;
        let marker = format!("Merged lead {}", input.duplicate);
        let done = activities.iter().any(|a| a.note.starts_with(&marker));
        let now = self.now();
        if !done {
            let mut lead = keep.clone();
            lead.profile = merge_profile(&duplicate.profile, &keep.profile);
            lead.updated_at = now;
            lead.last_activity_at = lead.last_activity_at.max(duplicate.last_activity_at);
            let mut change = Change::new(Some(keep), lead, activities, Vec::new());
            for activity in copied {
                change.add_activity(activity);
            }
            let history = self.load_history(input.duplicate)?;
            change.add_activity(Activity {
                at: now,
                kind: ActivityKind::Note,
                actor: actor.to_string(),
                note: format!("{marker}. Its stage history: {}", timeline(&history)),
            });
            self.commit_with_triggers(change)?;
        }
        let reason = format!("{MERGED_INTO}{}", input.keep);
        let mut lead = duplicate.clone();
        lead.stage = Stage::Disqualified;
        lead.stage_entered_at = now;
        lead.updated_at = now;
        lead.outcome = Some(Outcome::Disqualified {
            on: now,
            reason: reason.clone(),
        });
        let entry = StageChange {
            from: Some(duplicate.stage),
            to: Stage::Disqualified,
            at: now,
            actor: person(actor),
            event: Some(EventKind::Disqualify),
            reason: Some(reason),
        };
        let (_, activities) = self.load_lead(input.duplicate)?;
        self.commit_with_triggers(Change::new(Some(duplicate), lead, activities, vec![entry]))?;
        self.lead_detail(input.keep)
    }
}

/// A merge disqualifies the duplicate with this reason; it is how a second merge is refused.
fn was_merged(outcome: &Option<Outcome>) -> bool {
    matches!(outcome, Some(Outcome::Disqualified { reason, .. }) if reason.starts_with(MERGED_INTO))
}

fn timeline(history: &[StageChange]) -> String {
    history
        .iter()
        .map(|h| format!("{} ({})", wire(&h.to), h.at.format("%Y-%m-%d")))
        .collect::<Vec<_>>()
        .join(" → ")
}
