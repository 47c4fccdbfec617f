//! Everything derived about one lead at one moment: its classification and both scores.

use crate::activity::{Activity, ActivityKind};
use crate::classification::{Classification, FitClass, Quadrant, Qualification, Temperature};
use crate::lead::Lead;
use crate::scoring::{self, EngagementScore, ScoreBreakdown};
use crate::Playbook;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Assessment {
    pub classification: Classification,
    pub priority: ScoreBreakdown,
    pub engagement: EngagementScore,
}

/// `duplicate` comes from the engine's email index: the core cannot see other leads.
pub fn assess(
    lead: &Lead,
    activities: &[Activity],
    duplicate: bool,
    playbook: &Playbook,
    now: DateTime<Utc>,
) -> Assessment {
    let engagement = scoring::engagement(&lead.profile, activities, playbook, now);
    let classification = Classification {
        source: lead.profile.source.kind,
        qualification: Qualification::of(lead.stage, &lead.profile, duplicate),
        fit: FitClass::of(&lead.profile, &playbook.icp),
        temperature: Temperature::of(lead.last_activity_at, now, &playbook.temperature),
        quadrant: Quadrant::of(engagement.fit, engagement.interest, playbook),
    };
    let requested_demo = activities
        .iter()
        .any(|a| matches!(a.kind, ActivityKind::DemoRequest));
    Assessment {
        priority: scoring::composite(&classification, requested_demo, playbook),
        classification,
        engagement,
    }
}
