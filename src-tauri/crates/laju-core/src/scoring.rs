//! Two explainable scores. The composite priority (0–100) ranks leads for sales; the
//! engagement + fit score decides Known → MQL. Both return every contributing criterion.

use crate::activity::{Activity, ActivityKind, TouchOutcome};
use crate::classification::{mentions_any, Classification};
use crate::lead::{email_domain, LeadProfile};
use crate::playbook::{CriterionKind, Playbook, ScoreRule, SourceScoreKey};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ScoreLine {
    /// A Playbook criterion id, or `source` / `qualification` / `fit` for the composite.
    pub criterion: String,
    pub label: String,
    #[ts(optional = nullable)]
    pub kind: Option<CriterionKind>,
    /// Points this criterion contributed, to one decimal.
    pub points: f64,
    /// How the points came about, as parts the window words in the reader's language.
    pub detail: ScoreDetail,
}

/// How a score line's points came about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum ScoreDetail {
    /// A priority part: the lead's `value` (a source key, qualification or fit, as its wire
    /// name) is worth `points`, counted at `weight` percent.
    Weighted {
        value: String,
        points: u32,
        weight: u32,
    },
    /// An activity criterion: `count` activities at `points` each before decay and cap; the
    /// most recent was `last_days_ago` whole days before the score was taken, and `cap` is the
    /// most the criterion can give. The line's points are after the Playbook's decay, so "3 ×
    /// 10, last 40 days ago" can give 9 of 30.
    Counted {
        count: u32,
        points: i32,
        #[ts(optional = nullable)]
        last_days_ago: Option<u32>,
        #[ts(optional = nullable)]
        cap: Option<i32>,
    },
    /// A profile criterion that holds for the lead.
    Matched,
}

/// The terminal's wording: "referral 100 × 30%", "3 × 10", or nothing for a match.
impl std::fmt::Display for ScoreDetail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScoreDetail::Weighted {
                value,
                points,
                weight,
            } => write!(f, "{value} {points} × {weight}%"),
            ScoreDetail::Counted {
                count,
                points,
                last_days_ago,
                cap,
            } => {
                write!(f, "{count} × {points}")?;
                if let Some(days) = last_days_ago {
                    let unit = if *days == 1 { "day" } else { "days" };
                    write!(f, ", last {days} {unit} ago")?;
                }
                match cap {
                    Some(cap) => write!(f, ", at most {cap}"),
                    None => Ok(()),
                }
            }
            ScoreDetail::Matched => Ok(()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ScoreBreakdown {
    pub total: i32,
    pub lines: Vec<ScoreLine>,
}

/// The engagement + fit score with its parts, which place the lead in the quadrant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EngagementScore {
    pub total: i32,
    pub fit: i32,
    pub interest: i32,
    pub negative: i32,
    pub threshold: i32,
    pub lines: Vec<ScoreLine>,
}

/// `score = source × w_s + qualification × w_q + fit × w_f`, weights in percent, rounded half up.
pub fn composite(
    class: &Classification,
    requested_demo: bool,
    playbook: &Playbook,
) -> ScoreBreakdown {
    let w = playbook.composite;
    let source_key = SourceScoreKey::of(class.source, requested_demo);
    let parts = [
        (
            "source",
            "Source",
            key_name(&source_key),
            playbook.source_points(source_key),
            w.source,
        ),
        (
            "qualification",
            "Qualification",
            key_name(&class.qualification),
            playbook.qualification_points(class.qualification),
            w.qualification,
        ),
        (
            "fit",
            "Strategic fit",
            key_name(&class.fit),
            playbook.fit_points(class.fit),
            w.fit,
        ),
    ];
    let hundredths: u32 = parts.iter().map(|p| p.3 * p.4).sum();
    let lines = parts
        .iter()
        .map(|(id, label, value, points, weight)| ScoreLine {
            criterion: (*id).into(),
            label: (*label).into(),
            kind: None,
            points: round1(f64::from(points * weight) / 100.0),
            detail: ScoreDetail::Weighted {
                value: value.clone(),
                points: *points,
                weight: *weight,
            },
        })
        .collect();
    ScoreBreakdown {
        total: ((hundredths + 50) / 100) as i32,
        lines,
    }
}

/// The wire name of a table key, for the breakdown's detail text.
fn key_name<T: Serialize>(key: &T) -> String {
    serde_json::to_value(key)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn engagement(
    profile: &LeadProfile,
    activities: &[Activity],
    playbook: &Playbook,
    now: DateTime<Utc>,
) -> EngagementScore {
    let model = &playbook.engagement;
    let mut lines = Vec::new();
    let (mut fit, mut interest, mut negative) = (0.0, 0.0, 0.0);
    for criterion in &model.criteria {
        let (raw, detail) = match &criterion.rule {
            ScoreRule::Activity { activity } => {
                let mut count = 0;
                let mut sum = 0.0;
                let mut last = None;
                for a in activities
                    .iter()
                    .filter(|a| a.kind.activity_type() == *activity)
                {
                    count += 1;
                    sum +=
                        f64::from(criterion.points) * decay(a.at, now, model.decay_half_life_days);
                    last = last.max(Some(a.at));
                }
                let last_days_ago =
                    last.map(|at| now.signed_duration_since(at).num_days().max(0) as u32);
                (
                    sum,
                    ScoreDetail::Counted {
                        count,
                        points: criterion.points,
                        last_days_ago,
                        cap: criterion.cap,
                    },
                )
            }
            rule => {
                let hit = profile_matches(rule, profile, activities);
                (
                    if hit {
                        f64::from(criterion.points)
                    } else {
                        0.0
                    },
                    ScoreDetail::Matched,
                )
            }
        };
        let points = match criterion.cap {
            Some(cap) if criterion.points >= 0 => raw.min(f64::from(cap)),
            Some(cap) => raw.max(f64::from(cap)),
            None => raw,
        };
        if points.abs() < 0.05 {
            continue;
        }
        match criterion.kind {
            CriterionKind::Explicit => fit += points,
            CriterionKind::Implicit => interest += points,
            CriterionKind::Negative => negative += points,
        }
        lines.push(ScoreLine {
            criterion: criterion.id.clone(),
            label: criterion.label.clone(),
            kind: Some(criterion.kind),
            points: round1(points),
            detail,
        });
    }
    EngagementScore {
        total: (fit + interest + negative).round() as i32,
        fit: fit.round() as i32,
        interest: interest.round() as i32,
        negative: negative.round() as i32,
        threshold: model.mql_threshold,
        lines,
    }
}

fn profile_matches(rule: &ScoreRule, p: &LeadProfile, activities: &[Activity]) -> bool {
    match rule {
        ScoreRule::TitleContains { words } => mentions_any(&p.contact.title, words),
        ScoreRule::EmployeesBetween { min, max } => p
            .company
            .employees
            .is_some_and(|n| (*min..=*max).contains(&n)),
        ScoreRule::IndustryIn { industries } => mentions_any(&p.company.industry, industries),
        ScoreRule::CountryIn { countries } => mentions_any(&p.company.country, countries),
        ScoreRule::TechStackAny { technologies } => p
            .company
            .tech_stack
            .iter()
            .any(|t| mentions_any(t, technologies)),
        ScoreRule::EmailDomainIn { domains } => email_domain(&p.contact.email)
            .is_some_and(|d| domains.iter().any(|x| x.trim().eq_ignore_ascii_case(&d))),
        ScoreRule::EmailBounced => activities.iter().any(|a| {
            matches!(
                a.kind,
                ActivityKind::Touch {
                    outcome: TouchOutcome::Bounced,
                    ..
                }
            )
        }),
        ScoreRule::DoNotContact => p.consent.do_not_email && p.consent.do_not_call,
        ScoreRule::Activity { .. } => false,
    }
}

/// Half-life decay; an activity dated in the future counts in full.
fn decay(at: DateTime<Utc>, now: DateTime<Utc>, half_life_days: u32) -> f64 {
    if half_life_days == 0 {
        return 1.0;
    }
    let age_days = now.signed_duration_since(at).num_seconds().max(0) as f64 / 86_400.0;
    0.5_f64.powf(age_days / f64::from(half_life_days))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests;
