//! The lifecycle state machine: an explicit `(stage, event)` table, gates on the way in, reasons
//! on every backward or off-path move.

use crate::gates::{self, Unmet};
use crate::lead::{LeadProfile, Outcome};
use crate::{Playbook, Stage};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum LifecycleEvent {
    Capture,
    MarkMql,
    Accept { owner: String },
    Reject { reason: String },
    Qualify,
    CreateOpportunity,
    Win,
    Lose { reason: String },
    Disqualify { reason: String },
    Recycle { reason: String },
    Reopen { reason: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum EventKind {
    Capture,
    MarkMql,
    Accept,
    Reject,
    Qualify,
    CreateOpportunity,
    Win,
    Lose,
    Disqualify,
    Recycle,
    Reopen,
}

impl EventKind {
    pub const ALL: [EventKind; 11] = [
        EventKind::Capture,
        EventKind::MarkMql,
        EventKind::Accept,
        EventKind::Reject,
        EventKind::Qualify,
        EventKind::CreateOpportunity,
        EventKind::Win,
        EventKind::Lose,
        EventKind::Disqualify,
        EventKind::Recycle,
        EventKind::Reopen,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EventKind::Capture => "capture",
            EventKind::MarkMql => "markMql",
            EventKind::Accept => "accept",
            EventKind::Reject => "reject",
            EventKind::Qualify => "qualify",
            EventKind::CreateOpportunity => "createOpportunity",
            EventKind::Win => "win",
            EventKind::Lose => "lose",
            EventKind::Disqualify => "disqualify",
            EventKind::Recycle => "recycle",
            EventKind::Reopen => "reopen",
        }
    }

    pub fn parse(text: &str) -> Option<EventKind> {
        EventKind::ALL
            .into_iter()
            .find(|e| e.key().eq_ignore_ascii_case(text.trim()))
    }

    pub fn needs_reason(self) -> bool {
        match self {
            EventKind::Reject
            | EventKind::Lose
            | EventKind::Disqualify
            | EventKind::Recycle
            | EventKind::Reopen => true,
            EventKind::Capture
            | EventKind::MarkMql
            | EventKind::Accept
            | EventKind::Qualify
            | EventKind::CreateOpportunity
            | EventKind::Win => false,
        }
    }
}

impl LifecycleEvent {
    /// Builds the event for `kind`, taking `reason` or `owner` where the kind carries one.
    pub fn of(kind: EventKind, reason: &str, owner: &str) -> LifecycleEvent {
        let reason = reason.to_string();
        match kind {
            EventKind::Capture => LifecycleEvent::Capture,
            EventKind::MarkMql => LifecycleEvent::MarkMql,
            EventKind::Accept => LifecycleEvent::Accept {
                owner: owner.to_string(),
            },
            EventKind::Reject => LifecycleEvent::Reject { reason },
            EventKind::Qualify => LifecycleEvent::Qualify,
            EventKind::CreateOpportunity => LifecycleEvent::CreateOpportunity,
            EventKind::Win => LifecycleEvent::Win,
            EventKind::Lose => LifecycleEvent::Lose { reason },
            EventKind::Disqualify => LifecycleEvent::Disqualify { reason },
            EventKind::Recycle => LifecycleEvent::Recycle { reason },
            EventKind::Reopen => LifecycleEvent::Reopen { reason },
        }
    }

    pub fn kind(&self) -> EventKind {
        match self {
            LifecycleEvent::Capture => EventKind::Capture,
            LifecycleEvent::MarkMql => EventKind::MarkMql,
            LifecycleEvent::Accept { .. } => EventKind::Accept,
            LifecycleEvent::Reject { .. } => EventKind::Reject,
            LifecycleEvent::Qualify => EventKind::Qualify,
            LifecycleEvent::CreateOpportunity => EventKind::CreateOpportunity,
            LifecycleEvent::Win => EventKind::Win,
            LifecycleEvent::Lose { .. } => EventKind::Lose,
            LifecycleEvent::Disqualify { .. } => EventKind::Disqualify,
            LifecycleEvent::Recycle { .. } => EventKind::Recycle,
            LifecycleEvent::Reopen { .. } => EventKind::Reopen,
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            LifecycleEvent::Reject { reason }
            | LifecycleEvent::Lose { reason }
            | LifecycleEvent::Disqualify { reason }
            | LifecycleEvent::Recycle { reason }
            | LifecycleEvent::Reopen { reason } => Some(reason.as_str()),
            LifecycleEvent::Capture
            | LifecycleEvent::MarkMql
            | LifecycleEvent::Accept { .. }
            | LifecycleEvent::Qualify
            | LifecycleEvent::CreateOpportunity
            | LifecycleEvent::Win => None,
        }
    }
}

/// The table. Every pair is written out so a new stage or event fails to compile until someone
/// decides what it means.
pub fn target(from: Stage, event: EventKind) -> Option<Stage> {
    use EventKind as E;
    use Stage as S;
    match from {
        S::Anonymous => match event {
            E::Capture => Some(S::Known),
            E::Disqualify => Some(S::Disqualified),
            E::MarkMql | E::Accept | E::Reject | E::Qualify | E::CreateOpportunity => None,
            E::Win | E::Lose | E::Recycle | E::Reopen => None,
        },
        S::Known => match event {
            E::MarkMql => Some(S::Mql),
            E::Disqualify => Some(S::Disqualified),
            E::Capture | E::Accept | E::Reject | E::Qualify | E::CreateOpportunity => None,
            E::Win | E::Lose | E::Recycle | E::Reopen => None,
        },
        S::Mql => match event {
            E::Accept => Some(S::Sal),
            E::Reject => Some(S::Recycled),
            E::Disqualify => Some(S::Disqualified),
            E::Capture | E::MarkMql | E::Qualify | E::CreateOpportunity => None,
            E::Win | E::Lose | E::Recycle | E::Reopen => None,
        },
        S::Sal => match event {
            E::Qualify => Some(S::Sql),
            E::Recycle => Some(S::Recycled),
            E::Disqualify => Some(S::Disqualified),
            E::Capture | E::MarkMql | E::Accept | E::Reject | E::CreateOpportunity => None,
            E::Win | E::Lose | E::Reopen => None,
        },
        S::Sql => match event {
            E::CreateOpportunity => Some(S::Opportunity),
            E::Recycle => Some(S::Recycled),
            E::Lose => Some(S::ClosedLost),
            E::Disqualify => Some(S::Disqualified),
            E::Capture | E::MarkMql | E::Accept | E::Reject | E::Qualify => None,
            E::Win | E::Reopen => None,
        },
        S::Opportunity => match event {
            E::Win => Some(S::Customer),
            E::Lose => Some(S::ClosedLost),
            E::Recycle => Some(S::Recycled),
            E::Capture | E::MarkMql | E::Accept | E::Reject | E::Qualify => None,
            E::CreateOpportunity | E::Disqualify | E::Reopen => None,
        },
        S::Customer => match event {
            E::Capture | E::MarkMql | E::Accept | E::Reject | E::Qualify => None,
            E::CreateOpportunity | E::Win | E::Lose | E::Disqualify | E::Recycle => None,
            E::Reopen => None,
        },
        S::Recycled => match event {
            E::MarkMql => Some(S::Mql),
            E::Disqualify => Some(S::Disqualified),
            E::Capture | E::Accept | E::Reject | E::Qualify | E::CreateOpportunity => None,
            E::Win | E::Lose | E::Recycle | E::Reopen => None,
        },
        S::Disqualified => match event {
            E::Reopen => Some(S::Known),
            E::Capture | E::MarkMql | E::Accept | E::Reject | E::Qualify => None,
            E::CreateOpportunity | E::Win | E::Lose | E::Disqualify | E::Recycle => None,
        },
        S::ClosedLost => match event {
            E::Reopen => Some(S::Opportunity),
            E::Capture | E::MarkMql | E::Accept | E::Reject | E::Qualify => None,
            E::CreateOpportunity | E::Win | E::Lose | E::Disqualify | E::Recycle => None,
        },
    }
}

/// The events the table allows from `from`, in a stable order for buttons.
pub fn allowed_events(from: Stage) -> Vec<EventKind> {
    EventKind::ALL
        .into_iter()
        .filter(|e| target(from, *e).is_some())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum Refusal {
    #[error("A lead in {} cannot take \"{}\"; allowed: {}.", from.label(), event.key(), list(allowed))]
    NotAllowed {
        from: Stage,
        event: EventKind,
        allowed: Vec<EventKind>,
    },
    #[error("\"{}\" needs a reason.", event.key())]
    ReasonRequired { event: EventKind },
    #[error("Cannot move to {}: {}", to.label(), unmet.iter().map(|u| u.message.as_str()).collect::<Vec<_>>().join(" "))]
    Blocked { to: Stage, unmet: Vec<Unmet> },
}

fn list(events: &[EventKind]) -> String {
    if events.is_empty() {
        return "nothing (this stage is final)".into();
    }
    events
        .iter()
        .map(|e| e.key())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Decides a move. On success returns the new stage and the profile as it must be saved (an
/// acceptance records its owner).
pub fn decide(
    from: Stage,
    profile: &LeadProfile,
    event: &LifecycleEvent,
    playbook: &Playbook,
) -> Result<(Stage, LeadProfile), Refusal> {
    let kind = event.kind();
    let to = target(from, kind).ok_or_else(|| Refusal::NotAllowed {
        from,
        event: kind,
        allowed: allowed_events(from),
    })?;
    if kind.needs_reason() && event.reason().is_none_or(|r| r.trim().is_empty()) {
        return Err(Refusal::ReasonRequired { event: kind });
    }
    let mut next = profile.clone();
    if let LifecycleEvent::Accept { owner } = event {
        let owner = owner.trim();
        next.owner = (!owner.is_empty()).then(|| owner.to_string());
    }
    let unmet = gates::unmet(to, &next, playbook);
    if !unmet.is_empty() {
        return Err(Refusal::Blocked { to, unmet });
    }
    Ok((to, next))
}

/// What a move does to the lead's outcome: the end states record it, a reopen clears it, and
/// every other move leaves it as it was.
pub fn outcome_after(
    event: &LifecycleEvent,
    current: Option<Outcome>,
    at: DateTime<Utc>,
) -> Option<Outcome> {
    match event {
        LifecycleEvent::Win => Some(Outcome::Won { on: at }),
        LifecycleEvent::Lose { reason } => Some(Outcome::Lost {
            on: at,
            reason: reason.trim().to_string(),
        }),
        LifecycleEvent::Disqualify { reason } => Some(Outcome::Disqualified {
            on: at,
            reason: reason.trim().to_string(),
        }),
        LifecycleEvent::Reopen { .. } => None,
        LifecycleEvent::Capture
        | LifecycleEvent::MarkMql
        | LifecycleEvent::Accept { .. }
        | LifecycleEvent::Reject { .. }
        | LifecycleEvent::Qualify
        | LifecycleEvent::CreateOpportunity
        | LifecycleEvent::Recycle { .. } => current,
    }
}

/// Who moved the lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum Actor {
    Person { name: String },
    Rule { rule_id: String, label: String },
}

/// One line of the stage history. `from` and `event` are empty for the entry that records the
/// lead's creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StageChange {
    #[ts(optional = nullable)]
    pub from: Option<Stage>,
    pub to: Stage,
    #[serde(with = "crate::timestamp")]
    #[ts(as = "DateTime<Utc>")]
    pub at: DateTime<Utc>,
    pub actor: Actor,
    #[ts(optional = nullable)]
    pub event: Option<EventKind>,
    #[ts(optional = nullable)]
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests;
