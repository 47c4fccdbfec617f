//! Merging a duplicate into the lead that came first. Nothing is deleted: the kept lead gains
//! the duplicate's activities, its blank fields filled from the duplicate, and a note with the
//! duplicate's stage history; the duplicate is disqualified through the lifecycle table, its
//! own record intact. Both records carry the merge as links, and both go to disk in one commit.

use super::{person, LeadDetail};
use crate::commit::Change;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::activity::{Activity, ActivityKind};
use laju_core::import::merge::merge_profile;
use laju_core::lead::LeadId;
use laju_core::lifecycle::{self, LifecycleEvent, Refusal, StageChange};
use laju_core::{wire, Playbook};
use serde::{Deserialize, Serialize};
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

/// Which leads a lead was merged with, as stored in its record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct MergeLinks {
    /// The lead this one was folded into.
    pub into: Option<LeadId>,
    /// The duplicates folded into this one.
    pub from: Vec<LeadId>,
}

impl Workspace {
    pub fn merge_leads(&self, input: MergeLeads, actor: &str) -> Result<LeadDetail, EngineError> {
        if input.keep == input.duplicate {
            return Err(EngineError::Invalid(
                "A lead cannot be merged into itself.".into(),
            ));
        }
        let _guard = self.write_lock();
        let mut duplicate = Change::edit(self.load_record(input.duplicate)?);
        if let Some(into) = duplicate.links.into {
            return Err(EngineError::Invalid(format!(
                "Lead {} was already merged into lead {into}.",
                input.duplicate
            )));
        }
        let mut keep = Change::edit(self.load_record(input.keep)?);
        if keep.links.into.is_some() {
            return Err(EngineError::Invalid(format!(
                "Lead {} was itself merged into another lead; merge into that one.",
                input.keep
            )));
        }
        let playbook = self.playbook()?.playbook;
        fold(&mut keep, &mut duplicate, &playbook, self.now(), actor).map_err(|refusal| {
            EngineError::Invalid(format!(
                "Lead {} cannot be merged away: {refusal}. Merge lead {} into it instead.",
                input.duplicate, input.keep
            ))
        })?;
        let mut records = self.commit(vec![keep, duplicate], &mut |_| true)?;
        records.truncate(1);
        let kept = records.pop().ok_or_else(|| EngineError::NotFound {
            what: format!("Lead {}", input.keep),
        })?;
        self.detail_of(kept, &playbook)
    }
}

/// Folds `duplicate` into `keep`: the duplicate is disqualified as merged through the lifecycle
/// table (or the table's refusal is returned and nothing changes), the kept lead gains its
/// activities, its blank fields and a note with its stage history, and both carry the link.
pub(crate) fn fold(
    keep: &mut Change,
    duplicate: &mut Change,
    playbook: &Playbook,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<(), Refusal> {
    let (keep_id, duplicate_id) = (keep.lead.id, duplicate.lead.id);
    let event = LifecycleEvent::Disqualify {
        reason: format!("Merged into lead {keep_id}"),
    };
    let dup = &duplicate.lead;
    let (to, profile) = lifecycle::decide(dup.stage, &dup.profile, &event, playbook)?;
    let timeline = timeline(&duplicate.history);
    duplicate.history.push(StageChange {
        from: Some(dup.stage),
        to,
        at: now,
        actor: person(actor),
        event: Some(event.kind()),
        reason: event.reason().map(str::to_string),
    });
    let dup = &mut duplicate.lead;
    dup.stage = to;
    dup.profile = profile;
    dup.stage_entered_at = now;
    dup.updated_at = now;
    dup.outcome = lifecycle::outcome_after(&event, dup.outcome.take(), now);
    duplicate.links.into = Some(keep_id);

    let lead = &mut keep.lead;
    lead.profile = merge_profile(&duplicate.lead.profile, &lead.profile);
    lead.updated_at = now;
    lead.last_activity_at = lead.last_activity_at.max(duplicate.lead.last_activity_at);
    keep.activities.extend(duplicate.activities.iter().cloned());
    keep.activities.push(Activity::logged(
        now,
        ActivityKind::Note,
        actor,
        &format!("Merged lead {duplicate_id}. Its stage history: {timeline}"),
    ));
    keep.links.from.push(duplicate_id);
    Ok(())
}

fn timeline(history: &[StageChange]) -> String {
    history
        .iter()
        .map(|h| format!("{} ({})", wire(&h.to), h.at.format("%Y-%m-%d")))
        .collect::<Vec<_>>()
        .join(" → ")
}
