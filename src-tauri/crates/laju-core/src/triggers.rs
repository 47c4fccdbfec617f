//! Playbook rules that move a lead on their own: contact captured → Known; score at the MQL
//! threshold or a high-intent action → MQL. The engine applies a firing through the same
//! state machine as a person, and the history names the rule.

use crate::activity::Activity;
use crate::gates;
use crate::lead::Lead;
use crate::lifecycle::LifecycleEvent;
use crate::playbook::{Playbook, TriggerCondition, TriggerRule};
use crate::Stage;
use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct Firing<'a> {
    pub rule: &'a TriggerRule,
    pub event: LifecycleEvent,
}

/// The first enabled rule that applies to `lead` now, if any. For a recycled lead only what
/// happened since it was recycled counts, so an old demo request does not bounce it straight
/// back to sales.
pub fn first_firing<'a>(
    lead: &Lead,
    activities: &[Activity],
    engagement_total: i32,
    playbook: &'a Playbook,
    now: DateTime<Utc>,
) -> Option<Firing<'a>> {
    let since = match lead.stage {
        Stage::Recycled => Some(lead.stage_entered_at),
        Stage::Anonymous | Stage::Known => None,
        Stage::Mql
        | Stage::Sal
        | Stage::Sql
        | Stage::Opportunity
        | Stage::Customer
        | Stage::Disqualified
        | Stage::ClosedLost => return None,
    };
    let fresh: Vec<&Activity> = activities
        .iter()
        .filter(|a| since.is_none_or(|s| a.at > s))
        .collect();
    playbook
        .triggers
        .iter()
        .filter(|rule| rule.enabled)
        .find_map(|rule| {
            let event = match (&rule.condition, lead.stage) {
                (TriggerCondition::ContactCaptured, Stage::Anonymous) => {
                    gates::unmet(Stage::Known, &lead.profile, playbook)
                        .is_empty()
                        .then_some(LifecycleEvent::Capture)
                }
                (TriggerCondition::ContactCaptured, _) => None,
                (_, Stage::Anonymous) => None,
                (TriggerCondition::ScoreAtThreshold, _) => {
                    let engaged_since =
                        since.is_none() || fresh.iter().any(|a| a.kind.shows_engagement());
                    (engaged_since && engagement_total >= playbook.engagement.mql_threshold)
                        .then_some(LifecycleEvent::MarkMql)
                }
                (
                    TriggerCondition::ActivityCount {
                        activity,
                        count,
                        within_days,
                    },
                    _,
                ) => {
                    let window = now - Duration::days(i64::from(*within_days));
                    let seen = fresh
                        .iter()
                        .filter(|a| a.kind.activity_type() == *activity && a.at >= window)
                        .count();
                    (*count > 0 && seen >= *count as usize).then_some(LifecycleEvent::MarkMql)
                }
            };
            event.map(|event| Firing { rule, event })
        })
}

#[cfg(test)]
mod tests;
