//! One lead's recorded past, replayed under one Playbook: when its triggers would first have
//! made the lead an MQL, what its stage history becomes when a draft decides otherwise, and
//! its priority band. Pure: the engine reads the records and calls these, in parallel.
//!
//! **When a lead becomes an MQL.** The first MQL entry of a lead's stage history decides:
//! - entered by a person (or dated by an import, which records the importer as a person): the
//!   recorded MQL is kept under any Playbook — a person's judgement is not the rules' to undo;
//! - entered by a Playbook rule (the entry's actor is a `Rule`), or never entered: it is
//!   re-decided. The Playbook's triggers ([`crate::triggers::first_firing`], the function the
//!   write path uses) are asked at each *moment* while the lead was a known lead in marketing's
//!   hands — each of its activity times, the time it became known, and the recorded rule's own
//!   moment — with the activities up to that moment, the engagement score decayed as of that
//!   moment ([`crate::scoring::engagement`]) and the triggers' windows counted back from it.
//!   The first moment one fires is the replayed MQL date. The window closes when the lead left
//!   Known: at a recorded rule MQL (asked at that moment too), or when it was disqualified;
//!   a lead still known is asked up to its last activity. What a lead did after a rule made it
//!   an MQL was done with sales, so it never makes an earlier decision.
//! - The lead's profile is read as it is now (no profile history is kept).
//!
//! **Current against draft.** Both Playbooks are replayed with the same function. Where they
//! agree, the recorded history stands (so a draft equal to the Playbook in force changes
//! nothing, even where the replay and the record differ — a rule fired at an import's moment,
//! say). Where they differ, the draft's date is used ([`draft_path`]): an earlier MQL keeps
//! the lead's later history; a lead the draft never makes an MQL loses its MQL entry and every
//! later one; a lead that becomes an MQL only under the draft reaches MQL and stops there —
//! what sales would then have done is unknown.
//!
//! **Priority band.** The composite priority score ([`crate::assess::assess`], as of now, with
//! the stage the column gives the lead) banded by [`PriorityBand::of`].

use crate::activity::Activity;
use crate::assess::assess;
use crate::lead::Lead;
use crate::lifecycle::{Actor, EventKind, StageChange};
use crate::playbook::{Playbook, PriorityBands, TriggerCondition};
use crate::{scoring, triggers, Stage};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use ts_rs::TS;

/// One lead's record as the replay reads it.
#[derive(Debug, Clone, Copy)]
pub struct LeadInput<'a> {
    pub lead: &'a Lead,
    /// Oldest first.
    pub history: &'a [StageChange],
    /// In any order.
    pub activities: &'a [Activity],
    /// Another lead has the same contact (the engine's contact index): the priority score
    /// then counts it as raw, as the write path does.
    pub duplicate: bool,
}

/// The moment a Playbook's trigger would first make the lead an MQL, and which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MqlFiring {
    pub at: DateTime<Utc>,
    pub rule_id: String,
    pub label: String,
}

/// How a lead's first MQL entry was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordedMql {
    /// By a person, or dated by an import: kept under any Playbook.
    Person,
    /// By a Playbook rule: re-decided.
    Rule,
    /// Never an MQL: re-decided.
    Never,
}

impl RecordedMql {
    pub fn of(history: &[StageChange]) -> RecordedMql {
        match history
            .iter()
            .find(|h| h.to == Stage::Mql)
            .map(|h| &h.actor)
        {
            Some(Actor::Person { .. }) => RecordedMql::Person,
            Some(Actor::Rule { .. }) => RecordedMql::Rule,
            None => RecordedMql::Never,
        }
    }
}

/// A lead prepared for asking Playbooks when it would have become an MQL: its activities in
/// time order and the moments to ask at. Built once, asked once per Playbook.
pub struct Replayer<'a> {
    lead: Lead,
    activities: Cow<'a, [Activity]>,
    moments: Vec<DateTime<Utc>>,
}

/// Engagement totals per moment, shared by two Playbooks with the same scoring model.
#[derive(Debug, Default)]
pub struct ScoreMemo(Vec<Option<i32>>);

impl<'a> Replayer<'a> {
    pub fn new(input: &LeadInput<'a>) -> Replayer<'a> {
        let activities = if input.activities.is_sorted_by_key(|a| a.at) {
            Cow::Borrowed(input.activities)
        } else {
            let mut sorted = input.activities.to_vec();
            sorted.sort_by_key(|a| a.at);
            Cow::Owned(sorted)
        };
        let moments = moments(input.history, &activities);
        // Triggers read only the stage, the profile and (for a recycled lead) the stage date.
        let lead = Lead {
            stage: Stage::Known,
            ..input.lead.clone()
        };
        Replayer {
            lead,
            activities,
            moments,
        }
    }

    /// Whether there is any moment to ask at (the lead was ever a known lead before an MQL).
    pub fn is_empty(&self) -> bool {
        self.moments.is_empty()
    }

    /// The first moment `playbook`'s triggers make the lead an MQL. `memo` carries engagement
    /// totals between calls; pass the same one only for Playbooks with the same scoring model.
    pub fn first_mql(&self, playbook: &Playbook, memo: &mut ScoreMemo) -> Option<MqlFiring> {
        let scores = playbook
            .triggers
            .iter()
            .any(|r| r.enabled && r.condition == TriggerCondition::ScoreAtThreshold);
        memo.0.resize(self.moments.len(), None);
        self.moments.iter().enumerate().find_map(|(i, &at)| {
            let seen = self.activities.partition_point(|a| a.at <= at);
            let done = &self.activities[..seen];
            let total = match (scores, memo.0[i]) {
                (false, _) => 0,
                (true, Some(total)) => total,
                (true, None) => {
                    let total = scoring::engagement(&self.lead.profile, done, playbook, at).total;
                    memo.0[i] = Some(total);
                    total
                }
            };
            let firing = triggers::first_firing(&self.lead, done, total, playbook, at)?;
            (firing.event.kind() == EventKind::MarkMql).then(|| MqlFiring {
                at,
                rule_id: firing.rule.id.clone(),
                label: firing.rule.label.clone(),
            })
        })
    }
}

/// The moments a lead is asked about, in order: while its recorded stage was Known, up to its
/// first MQL entry — when it became known, each activity, and the rule MQL's own moment.
fn moments(history: &[StageChange], activities: &[Activity]) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let mut known_since: Option<DateTime<Utc>> = None;
    for entry in history {
        if let Some(from) = known_since.take() {
            let rule_mql = entry.to == Stage::Mql && matches!(entry.actor, Actor::Rule { .. });
            out.push(from);
            out.extend(
                activities
                    .iter()
                    .map(|a| a.at)
                    .filter(|at| *at >= from && (*at < entry.at || (rule_mql && *at == entry.at))),
            );
            if rule_mql {
                out.push(entry.at);
            }
        }
        if entry.to == Stage::Mql {
            break;
        }
        if entry.to == Stage::Known {
            known_since = Some(entry.at);
        }
    }
    if let Some(from) = known_since {
        out.push(from);
        out.extend(activities.iter().map(|a| a.at).filter(|at| *at >= from));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// How the draft changes a lead's first MQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum MqlChange {
    /// As recorded.
    Same,
    /// An MQL sooner than recorded.
    Earlier,
    /// An MQL only under the draft (what sales would then have done is unknown).
    New,
    /// Not an MQL under the draft, nor any later stage.
    Dropped,
}

/// What becomes of the lead's recorded handoff in the draft column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoffFate {
    AsRecorded,
    /// The handoff of the (only) MQL entry starts at the draft's MQL date instead.
    Moved(DateTime<Utc>),
    /// A handoff opens at the draft's new MQL date; nothing is known of its answer.
    Opened(DateTime<Utc>),
    Dropped,
}

/// The draft column of one lead: its stage history (`None`: as recorded) and its handoff.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftPath {
    pub history: Option<Vec<StageChange>>,
    pub change: MqlChange,
    pub handoff: HandoffFate,
}

impl DraftPath {
    pub const AS_RECORDED: DraftPath = DraftPath {
        history: None,
        change: MqlChange::Same,
        handoff: HandoffFate::AsRecorded,
    };
}

/// The draft's history, from the recorded one and the two replays (see the module doc).
pub fn draft_path(
    history: &[StageChange],
    current: Option<&MqlFiring>,
    draft: Option<&MqlFiring>,
) -> DraftPath {
    if current.map(|f| f.at) == draft.map(|f| f.at) {
        return DraftPath::AS_RECORDED;
    }
    let first = history.iter().position(|h| h.to == Stage::Mql);
    match (first, draft) {
        (None, None) => DraftPath::AS_RECORDED,
        (Some(i), None) => DraftPath {
            history: Some(history[..i].to_vec()),
            change: MqlChange::Dropped,
            handoff: HandoffFate::Dropped,
        },
        (Some(i), Some(d)) if d.at == history[i].at => DraftPath::AS_RECORDED,
        (Some(i), Some(d)) => {
            // The moments end at the recorded MQL, so the draft's date is earlier: the history
            // up to the Known visit it falls in, the MQL, then what followed the recorded one.
            let mut path = known_until(&history[..i], d);
            path.extend(history[i + 1..].iter().cloned());
            let mqls = history.iter().filter(|h| h.to == Stage::Mql).count();
            DraftPath {
                history: Some(path),
                change: MqlChange::Earlier,
                handoff: if mqls == 1 {
                    HandoffFate::Moved(d.at)
                } else {
                    HandoffFate::AsRecorded
                },
            }
        }
        (None, Some(d)) => DraftPath {
            history: Some(known_until(history, d)),
            change: MqlChange::New,
            handoff: HandoffFate::Opened(d.at),
        },
    }
}

/// The entries up to the Known visit `firing` falls in, then the MQL it makes.
fn known_until(history: &[StageChange], firing: &MqlFiring) -> Vec<StageChange> {
    let visit = history
        .iter()
        .rposition(|h| h.to == Stage::Known && h.at <= firing.at)
        .map_or(history.len(), |j| j + 1);
    let mut path = history[..visit].to_vec();
    let from = path.last().map(|h| h.to);
    path.push(mql_entry(firing, from));
    path
}

fn mql_entry(firing: &MqlFiring, from: Option<Stage>) -> StageChange {
    StageChange {
        from,
        to: Stage::Mql,
        at: firing.at,
        actor: Actor::Rule {
            rule_id: firing.rule_id.clone(),
            label: firing.label.clone(),
        },
        event: Some(EventKind::MarkMql),
        reason: None,
    }
}

/// Where a composite priority score falls, by the Playbook's `priority_bands`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum PriorityBand {
    Low,
    Medium,
    High,
}

impl PriorityBand {
    /// The band a score falls in, as the Playbook draws them.
    pub fn of(score: i32, bands: &PriorityBands) -> PriorityBand {
        if score >= bands.high_from {
            PriorityBand::High
        } else if score >= bands.medium_from {
            PriorityBand::Medium
        } else {
            PriorityBand::Low
        }
    }
}

/// The composite priority score under `playbook` as of `now`, with the lead in `stage`.
pub fn priority(input: &LeadInput, stage: Stage, playbook: &Playbook, now: DateTime<Utc>) -> i32 {
    let lead = if stage == input.lead.stage {
        Cow::Borrowed(input.lead)
    } else {
        Cow::Owned(Lead {
            stage,
            ..input.lead.clone()
        })
    };
    assess(&lead, input.activities, input.duplicate, playbook, now)
        .priority
        .total
}

#[cfg(test)]
mod tests;
