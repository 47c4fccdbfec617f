//! The handoff defaults from DOMAIN.md section 4. The roster starts empty: the team adds its
//! own people (the sample workspace brings a made-up team).

use super::HandoffRules;
use crate::classification::FitClass;
use crate::followup::{RecyclingRule, SequenceKind, SequenceRule};
use crate::lead::SourceKind;
use crate::routing::{Assign, LeadMatch, Role, RoutingRule};
use crate::sla::{SlaPolicy, SlaTarget, SlaType};

impl Default for HandoffRules {
    fn default() -> Self {
        HandoffRules {
            roster: Vec::new(),
            routing: default_routing(),
            sla: SlaPolicy {
                targets: [
                    (SlaType::Icp, 5),
                    (SlaType::Referral, 15),
                    (SlaType::Inbound, 30),
                    (SlaType::Event, 24 * 60),
                    (SlaType::Database, 48 * 60),
                    (SlaType::Other, 4 * 60),
                ]
                .map(|(lead_type, minutes)| SlaTarget { lead_type, minutes })
                .to_vec(),
                hours: Vec::new(),
                compliance_goal: crate::sla::DEFAULT_COMPLIANCE_GOAL,
            },
            sequences: [
                (SequenceKind::DemoRequest, 3, 2),
                (SequenceKind::Content, 7, 3),
                (SequenceKind::Event, 5, 2),
                (SequenceKind::Outbound, 8, 3),
                (SequenceKind::Cold, 4, 4),
            ]
            .map(|(kind, touches, every_days)| SequenceRule {
                kind,
                touches,
                every_days,
            })
            .to_vec(),
            recycling: RecyclingRule {
                max_attempts: 6,
                max_days: 14,
            },
        }
    }
}

fn rule(
    id: &str,
    label: &str,
    sources: &[SourceKind],
    fits: &[FitClass],
    assign: Assign,
) -> RoutingRule {
    RoutingRule {
        id: id.into(),
        label: label.into(),
        when: LeadMatch {
            sources: sources.to_vec(),
            fits: fits.to_vec(),
        },
        assign,
    }
}

fn default_routing() -> Vec<RoutingRule> {
    use FitClass as F;
    use SourceKind as S;
    vec![
        rule(
            "account",
            "Existing account owner first",
            &[],
            &[],
            Assign::AccountOwner,
        ),
        rule(
            "icp-inbound",
            "ICP inbound → top AE",
            &[S::Inbound, S::PaidAds],
            &[F::Icp],
            Assign::Weighted {
                role: Role::SeniorAe,
            },
        ),
        rule(
            "referral",
            "Referral → senior AE",
            &[S::Referral],
            &[],
            Assign::RoundRobin {
                role: Role::SeniorAe,
            },
        ),
        rule(
            "event",
            "Event → a rep who attended",
            &[S::Event],
            &[],
            Assign::EventAttendee,
        ),
        rule(
            "partner",
            "Partner → territory owner",
            &[S::Partner],
            &[],
            Assign::Territory,
        ),
        rule(
            "enterprise",
            "Enterprise → enterprise AE",
            &[],
            &[F::Enterprise, F::Strategic],
            Assign::RoundRobin {
                role: Role::EnterpriseAe,
            },
        ),
        rule(
            "smb",
            "SMB → inside sales round-robin",
            &[],
            &[F::Smb, F::Transactional],
            Assign::RoundRobin {
                role: Role::InsideSales,
            },
        ),
        rule(
            "database",
            "Database and cold → SDR",
            &[S::Database, S::Outbound],
            &[],
            Assign::RoundRobin { role: Role::Sdr },
        ),
        rule(
            "standard",
            "Everyone else → AE round-robin",
            &[],
            &[],
            Assign::RoundRobin { role: Role::Ae },
        ),
    ]
}
