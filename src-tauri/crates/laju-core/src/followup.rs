//! After sales accepts a lead: the follow-up sequence its type calls for (so many touches, so
//! many days apart) and the recycling rule that sends an unreachable lead back to marketing.

use crate::activity::{Activity, ActivityKind, TouchOutcome};
use crate::lead::{LeadProfile, SourceKind};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SequenceKind {
    DemoRequest,
    Content,
    Event,
    Outbound,
    Cold,
}

impl SequenceKind {
    pub const ALL: [SequenceKind; 5] = [
        SequenceKind::DemoRequest,
        SequenceKind::Content,
        SequenceKind::Event,
        SequenceKind::Outbound,
        SequenceKind::Cold,
    ];

    /// A demo request outranks the source: it asked to be called.
    pub fn of(profile: &LeadProfile, activities: &[Activity]) -> SequenceKind {
        if activities
            .iter()
            .any(|a| matches!(a.kind, ActivityKind::DemoRequest))
        {
            return SequenceKind::DemoRequest;
        }
        match profile.source.kind {
            SourceKind::Event => SequenceKind::Event,
            SourceKind::Outbound => SequenceKind::Outbound,
            SourceKind::Database => SequenceKind::Cold,
            _ => SequenceKind::Content,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SequenceRule {
    pub kind: SequenceKind,
    pub touches: u32,
    /// Days between touches; the first is due at acceptance.
    pub every_days: u32,
}

/// Back to marketing after `max_attempts` touches or `max_days` in SAL without reaching them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecyclingRule {
    pub max_attempts: u32,
    pub max_days: u32,
}

/// Where an accepted lead's sequence stands; stored on the lead so the task index can be kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FollowUp {
    pub kind: SequenceKind,
    #[serde(with = "crate::timestamp")]
    #[ts(as = "DateTime<Utc>")]
    pub started_at: DateTime<Utc>,
    pub touches: u32,
    pub done: u32,
    /// Whether a touch connected or got a reply (or a meeting happened).
    pub reached: bool,
    /// The next touch, while the sequence has touches left.
    #[ts(optional = nullable)]
    #[serde(with = "crate::timestamp::option", default)]
    #[ts(as = "Option<DateTime<Utc>>")]
    pub next_due: Option<DateTime<Utc>>,
    /// When the recycling rule's day limit runs out, while the lead is still unreached.
    #[ts(optional = nullable)]
    #[serde(with = "crate::timestamp::option", default)]
    #[ts(as = "Option<DateTime<Utc>>")]
    pub recycle_at: Option<DateTime<Utc>>,
}

impl FollowUp {
    pub fn plan(
        kind: SequenceKind,
        started_at: DateTime<Utc>,
        activities: &[Activity],
        rules: &[SequenceRule],
        recycling: RecyclingRule,
    ) -> FollowUp {
        let rule = rules.iter().find(|r| r.kind == kind);
        let touches = rule.map_or(0, |r| r.touches);
        let every = Duration::days(i64::from(rule.map_or(1, |r| r.every_days)));
        let since: Vec<&ActivityKind> = activities
            .iter()
            .filter(|a| a.at >= started_at)
            .map(|a| &a.kind)
            .collect();
        let done = since
            .iter()
            .filter(|k| matches!(k, ActivityKind::Touch { .. }))
            .count() as u32;
        let reached = since.iter().any(|k| {
            matches!(
                k,
                ActivityKind::Meeting
                    | ActivityKind::Touch {
                        outcome: TouchOutcome::Connected | TouchOutcome::Replied,
                        ..
                    }
            )
        });
        FollowUp {
            kind,
            started_at,
            touches,
            done,
            reached,
            next_due: (done < touches).then(|| started_at + every * done as i32),
            recycle_at: (!reached)
                .then(|| started_at + Duration::days(i64::from(recycling.max_days))),
        }
    }

    /// Why the lead should go back to marketing now, if it should.
    pub fn recycle_reason(&self, recycling: RecyclingRule, now: DateTime<Utc>) -> Option<String> {
        if self.reached {
            return None;
        }
        if recycling.max_attempts > 0 && self.done >= recycling.max_attempts {
            return Some(format!("No contact after {} attempts", self.done));
        }
        self.recycle_at
            .filter(|at| *at <= now)
            .map(|_| format!("No contact within {} days", recycling.max_days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::Channel;
    use chrono::TimeZone;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
            .single()
            .expect("valid")
    }

    fn touch(day: i64, outcome: TouchOutcome) -> Activity {
        Activity::logged(
            start() + Duration::days(day),
            ActivityKind::Touch {
                channel: Channel::Call,
                outcome,
            },
            "Aisha",
            "",
        )
    }

    const RULES: [SequenceRule; 1] = [SequenceRule {
        kind: SequenceKind::DemoRequest,
        touches: 3,
        every_days: 2,
    }];
    const RECYCLING: RecyclingRule = RecyclingRule {
        max_attempts: 6,
        max_days: 14,
    };

    #[test]
    fn the_sequence_follows_the_lead_type() {
        let mut profile = LeadProfile::default();
        profile.source.kind = SourceKind::Event;
        assert_eq!(SequenceKind::of(&profile, &[]), SequenceKind::Event);
        profile.source.kind = SourceKind::Database;
        assert_eq!(SequenceKind::of(&profile, &[]), SequenceKind::Cold);
        let demo = Activity::logged(start(), ActivityKind::DemoRequest, "", "");
        assert_eq!(
            SequenceKind::of(&profile, &[demo]),
            SequenceKind::DemoRequest
        );
    }

    #[test]
    fn each_logged_touch_moves_the_next_one_on_until_the_sequence_ends() {
        let plan = |acts: &[Activity]| {
            FollowUp::plan(SequenceKind::DemoRequest, start(), acts, &RULES, RECYCLING)
        };
        assert_eq!(plan(&[]).next_due, Some(start()), "first touch at once");
        let one = [touch(0, TouchOutcome::NoAnswer)];
        assert_eq!(plan(&one).done, 1);
        assert_eq!(plan(&one).next_due, Some(start() + Duration::days(2)));
        let three = [
            touch(0, TouchOutcome::NoAnswer),
            touch(2, TouchOutcome::LeftMessage),
            touch(4, TouchOutcome::NoAnswer),
        ];
        assert_eq!(plan(&three).next_due, None, "three of three done");
        assert!(!plan(&three).reached);
    }

    #[test]
    fn recycling_after_too_many_attempts_or_days_but_never_once_reached() {
        let attempts: Vec<Activity> = (0..6).map(|d| touch(d, TouchOutcome::NoAnswer)).collect();
        let plan = FollowUp::plan(
            SequenceKind::Outbound,
            start(),
            &attempts,
            &RULES,
            RECYCLING,
        );
        assert_eq!(
            plan.recycle_reason(RECYCLING, start() + Duration::days(6))
                .as_deref(),
            Some("No contact after 6 attempts")
        );
        let quiet = FollowUp::plan(SequenceKind::Content, start(), &[], &RULES, RECYCLING);
        assert_eq!(
            quiet.recycle_reason(RECYCLING, start() + Duration::days(13)),
            None
        );
        assert_eq!(
            quiet
                .recycle_reason(RECYCLING, start() + Duration::days(14))
                .as_deref(),
            Some("No contact within 14 days")
        );
        let mut reached = attempts.clone();
        reached.push(touch(7, TouchOutcome::Connected));
        let plan = FollowUp::plan(SequenceKind::Outbound, start(), &reached, &RULES, RECYCLING);
        assert!(plan.reached);
        assert_eq!(plan.recycle_at, None);
        assert_eq!(
            plan.recycle_reason(RECYCLING, start() + Duration::days(30)),
            None
        );
    }
}
