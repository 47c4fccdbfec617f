//! The marketing → sales handoff: the agreement's roster, routing rules, response times and
//! follow-up rules (`HandoffRules`, part of the Playbook), and the state a lead carries while
//! sales has it to accept (`Handoff`): who it went to and why, by when, and each breach.

mod defaults;
pub mod recorded;

use crate::classification::FitClass;
use crate::followup::{RecyclingRule, SequenceRule};
use crate::lead::LeadProfile;
use crate::routing::{self, Assignment, Rep, Role, RoutingContext, RoutingRule};
use crate::sla::{self, SlaPolicy, SlaType};
use crate::Stage;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HandoffRules {
    pub roster: Vec<Rep>,
    pub routing: Vec<RoutingRule>,
    pub sla: SlaPolicy,
    pub sequences: Vec<SequenceRule>,
    pub recycling: RecyclingRule,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Handoff {
    pub sla_type: SlaType,
    pub minutes: u32,
    /// None when no rep on the roster could take the lead.
    #[ts(optional = nullable)]
    pub assignment: Option<Assignment>,
    #[serde(with = "crate::timestamp")]
    #[ts(as = "DateTime<Utc>")]
    pub started_at: DateTime<Utc>,
    #[serde(with = "crate::timestamp")]
    #[ts(as = "DateTime<Utc>")]
    pub deadline: DateTime<Utc>,
    #[serde(default)]
    pub breaches: Vec<Breach>,
    #[ts(optional = nullable)]
    pub resolution: Option<Resolution>,
}

/// A deadline that passed unclaimed, and where the lead went next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Breach {
    #[serde(with = "crate::timestamp")]
    #[ts(as = "DateTime<Utc>")]
    pub at: DateTime<Utc>,
    #[serde(with = "crate::timestamp")]
    #[ts(as = "DateTime<Utc>")]
    pub deadline: DateTime<Utc>,
    #[ts(optional = nullable)]
    pub from: Option<String>,
    #[ts(optional = nullable)]
    pub to: Option<String>,
    /// The manager told about it.
    #[ts(optional = nullable)]
    pub manager: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum Resolution {
    Accepted {
        #[serde(with = "crate::timestamp")]
        #[ts(as = "DateTime<Utc>")]
        at: DateTime<Utc>,
        owner: String,
        /// Speed to lead: from the handoff to acceptance.
        response_minutes: i64,
    },
    Rejected {
        #[serde(with = "crate::timestamp")]
        #[ts(as = "DateTime<Utc>")]
        at: DateTime<Utc>,
        code: RejectCode,
        note: String,
    },
    /// Left MQL another way (disqualified, won outright, ...).
    Closed {
        #[serde(with = "crate::timestamp")]
        #[ts(as = "DateTime<Utc>")]
        at: DateTime<Utc>,
        stage: Stage,
    },
}

impl Resolution {
    /// When the handoff's clock stopped: its answer or its close.
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Resolution::Accepted { at, .. }
            | Resolution::Rejected { at, .. }
            | Resolution::Closed { at, .. } => *at,
        }
    }

    /// When sales answered it (accepted or rejected); None when it closed another way.
    pub fn answered_at(&self) -> Option<DateTime<Utc>> {
        match self {
            Resolution::Closed { .. } => None,
            answered => Some(answered.at()),
        }
    }
}

/// Why sales sent a lead back; analytics counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum RejectCode {
    NotIcp,
    BadContact,
    NoNeed,
    TooEarly,
    Duplicate,
    Competitor,
    Other,
}

impl RejectCode {
    pub const ALL: [RejectCode; 7] = [
        RejectCode::NotIcp,
        RejectCode::BadContact,
        RejectCode::NoNeed,
        RejectCode::TooEarly,
        RejectCode::Duplicate,
        RejectCode::Competitor,
        RejectCode::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RejectCode::NotIcp => "notIcp",
            RejectCode::BadContact => "badContact",
            RejectCode::NoNeed => "noNeed",
            RejectCode::TooEarly => "tooEarly",
            RejectCode::Duplicate => "duplicate",
            RejectCode::Competitor => "competitor",
            RejectCode::Other => "other",
        }
    }

    /// A reject reason typed elsewhere (the lead page, the CLI) starts with its code, if any.
    pub fn parse(reason: &str) -> RejectCode {
        let head = reason.split([':', ' ']).next().unwrap_or("").trim();
        RejectCode::ALL
            .into_iter()
            .find(|c| c.key().eq_ignore_ascii_case(head))
            .unwrap_or(RejectCode::Other)
    }
}

impl Handoff {
    pub fn is_pending(&self) -> bool {
        self.resolution.is_none()
    }

    pub fn assignee(&self) -> Option<&str> {
        self.assignment.as_ref().map(|a| a.rep.as_str())
    }

    /// A lead just became an MQL: route it and start its clock.
    pub fn open(
        profile: &LeadProfile,
        fit: FitClass,
        rules: &HandoffRules,
        ctx: &RoutingContext<'_>,
        now: DateTime<Utc>,
    ) -> Handoff {
        let sla_type = SlaType::of(profile.source.kind, fit);
        let minutes = rules.sla.minutes(sla_type);
        let assignment = routing::route(profile, fit, &rules.roster, &rules.routing, ctx, now);
        Handoff {
            sla_type,
            minutes,
            deadline: rules.deadline(now, minutes, assignment.as_ref()),
            assignment,
            started_at: now,
            breaches: Vec::new(),
            resolution: None,
        }
    }

    /// The deadline passed unclaimed: record it, hand the lead to someone else by the same
    /// rules (the lapsed rep excluded; failing those, the least-loaded free rep), tell the
    /// manager, and start a fresh clock. With no one else free the lead stays where it is, and
    /// the manager still hears of it.
    pub fn breach(
        &mut self,
        profile: &LeadProfile,
        fit: FitClass,
        rules: &HandoffRules,
        ctx: &RoutingContext<'_>,
        now: DateTime<Utc>,
    ) -> &Breach {
        let from = self.assignee().map(str::to_string);
        let next = routing::route(profile, fit, &rules.roster, &rules.routing, ctx, now)
            .or_else(|| routing::first_free(&rules.roster, ctx, now));
        if next.is_some() {
            self.assignment = next;
        }
        self.breaches.push(Breach {
            at: now,
            deadline: self.deadline,
            from,
            to: self.assignee().map(str::to_string),
            manager: rules.manager().map(|m| m.name.clone()),
        });
        self.deadline = rules.deadline(now, self.minutes, self.assignment.as_ref());
        &self.breaches[self.breaches.len() - 1]
    }
}

impl HandoffRules {
    pub fn rep(&self, name: &str) -> Option<&Rep> {
        self.roster.iter().find(|r| r.name == name)
    }

    pub fn manager(&self) -> Option<&Rep> {
        self.roster.iter().find(|r| r.role == Role::Manager)
    }

    fn deadline(
        &self,
        start: DateTime<Utc>,
        minutes: u32,
        assignment: Option<&Assignment>,
    ) -> DateTime<Utc> {
        self.deadline_for(start, minutes, assignment.map(|a| a.rep.as_str()))
    }

    /// Counted in `rep`'s team hours; an invalid zone (refused when the Playbook is saved)
    /// falls back to the wall clock rather than losing the deadline.
    pub(crate) fn deadline_for(
        &self,
        start: DateTime<Utc>,
        minutes: u32,
        rep: Option<&str>,
    ) -> DateTime<Utc> {
        let role = rep.and_then(|name| self.rep(name)).map(|r| r.role);
        sla::deadline(start, minutes, self.sla.hours_for(role))
            .or_else(|_| sla::deadline(start, minutes, None))
            .unwrap_or(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lead::SourceKind;
    use crate::routing::RoutingState;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0)
            .single()
            .expect("valid")
    }

    fn rules() -> HandoffRules {
        let rep = Rep::new;
        let mut rules = HandoffRules::default();
        rules.roster = vec![
            rep("Aisha", Role::SeniorAe),
            rep("Bala", Role::SeniorAe),
            rep("Farid", Role::Manager),
        ];
        rules
    }

    fn ctx<'a>(state: &'a RoutingState, exclude: Option<&str>) -> RoutingContext<'a> {
        RoutingContext {
            open_leads: Default::default(),
            account_owner: None,
            state,
            exclude: exclude.map(str::to_string),
        }
    }

    #[test]
    fn an_icp_mql_gets_five_minutes_and_a_breach_moves_it_on_and_tells_the_manager() {
        let mut profile = LeadProfile::default();
        profile.source.kind = SourceKind::Inbound;
        let state = RoutingState::default();
        let mut handoff =
            Handoff::open(&profile, FitClass::Icp, &rules(), &ctx(&state, None), now());
        assert_eq!(handoff.sla_type, SlaType::Icp);
        assert_eq!(handoff.deadline, now() + Duration::minutes(5));
        assert_eq!(handoff.assignee(), Some("Aisha"));
        assert!(handoff.is_pending());

        let later = now() + Duration::minutes(6);
        let breach = handoff
            .breach(
                &profile,
                FitClass::Icp,
                &rules(),
                &ctx(&state, Some("Aisha")),
                later,
            )
            .clone();
        assert_eq!(breach.from.as_deref(), Some("Aisha"));
        assert_eq!(breach.to.as_deref(), Some("Bala"));
        assert_eq!(breach.manager.as_deref(), Some("Farid"));
        assert_eq!(breach.deadline, now() + Duration::minutes(5));
        assert_eq!(
            handoff.deadline,
            later + Duration::minutes(5),
            "a fresh clock"
        );
    }

    #[test]
    fn when_no_rule_finds_anyone_else_the_least_loaded_free_rep_takes_the_breach() {
        let mut rules = rules();
        rules.roster.push(Rep::new("Chen", Role::InsideSales));
        rules.roster.retain(|r| r.name != "Bala");
        let mut profile = LeadProfile::default();
        profile.source.kind = SourceKind::Inbound;
        let state = RoutingState::default();
        let mut h = Handoff::open(&profile, FitClass::Icp, &rules, &ctx(&state, None), now());
        assert_eq!(h.assignee(), Some("Aisha"));
        let breach = h
            .breach(
                &profile,
                FitClass::Icp,
                &rules,
                &ctx(&state, Some("Aisha")),
                now(),
            )
            .clone();
        assert_eq!(
            breach.to.as_deref(),
            Some("Chen"),
            "not the manager, not Aisha again"
        );
        assert_eq!(
            h.assignment.map(|a| a.rule_id),
            Some(routing::FIRST_FREE.to_string())
        );
    }

    #[test]
    fn business_hours_of_the_assigned_team_shape_the_deadline() {
        let mut rules = rules();
        rules.sla.hours = vec![crate::sla::TeamHours {
            role: Role::SeniorAe,
            hours: crate::sla::BusinessHours {
                time_zone: "Asia/Kuala_Lumpur".into(),
                days: vec![1, 2, 3, 4, 5],
                start_minute: 9 * 60,
                end_minute: 18 * 60,
            },
        }];
        let mut profile = LeadProfile::default();
        profile.source.kind = SourceKind::Referral;
        // Friday 17:50 KL: 10 open minutes Friday, 5 more on Monday.
        let friday = Utc
            .with_ymd_and_hms(2026, 11, 6, 9, 50, 0)
            .single()
            .expect("valid");
        let state = RoutingState::default();
        let h = Handoff::open(
            &profile,
            FitClass::NearIcp,
            &rules,
            &ctx(&state, None),
            friday,
        );
        assert_eq!(h.sla_type, SlaType::Referral);
        assert_eq!(
            h.deadline,
            Utc.with_ymd_and_hms(2026, 11, 9, 1, 5, 0)
                .single()
                .expect("valid")
        );
    }

    #[test]
    fn reject_reasons_keep_their_code() {
        assert_eq!(
            RejectCode::parse("badContact: bounced"),
            RejectCode::BadContact
        );
        assert_eq!(RejectCode::parse("NOTICP"), RejectCode::NotIcp);
        assert_eq!(RejectCode::parse("just not now"), RejectCode::Other);
    }
}
