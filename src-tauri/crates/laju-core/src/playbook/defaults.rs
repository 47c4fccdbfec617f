//! The defaults from DOMAIN.md (seeds 000–004). Values the seeds leave open (other inbound,
//! partner, transactional, opportunity/customer qualification) are our choices, shown in the
//! Playbook page like every other number.

use super::*;
use crate::activity::ActivityType as A;

impl Default for Playbook {
    fn default() -> Self {
        Playbook {
            stages: default_stages(),
            gates: Criterion::ALL.to_vec(),
            min_stakeholders: 1,
            composite: CompositeWeights {
                source: 30,
                qualification: 40,
                fit: 30,
            },
            source_points: [
                (SourceScoreKey::Referral, 100),
                (SourceScoreKey::InboundDemoRequest, 90),
                (SourceScoreKey::Partner, 80),
                (SourceScoreKey::Event, 70),
                (SourceScoreKey::Inbound, 60),
                (SourceScoreKey::PaidAds, 60),
                (SourceScoreKey::OutboundResponse, 50),
                (SourceScoreKey::Database, 30),
            ]
            .map(|(source, points)| SourcePoints { source, points })
            .to_vec(),
            qualification_points: [
                (Qualification::Customer, 100),
                (Qualification::Opportunity, 100),
                (Qualification::Sql, 100),
                (Qualification::Sal, 80),
                (Qualification::Mql, 60),
                (Qualification::Iql, 40),
                (Qualification::Raw, 20),
            ]
            .map(|(level, points)| QualificationPoints { level, points })
            .to_vec(),
            fit_points: [
                (FitClass::Icp, 100),
                (FitClass::Enterprise, 90),
                (FitClass::Strategic, 80),
                (FitClass::NearIcp, 70),
                (FitClass::Smb, 60),
                (FitClass::Transactional, 40),
            ]
            .map(|(fit, points)| FitPoints { fit, points })
            .to_vec(),
            engagement: EngagementModel {
                criteria: default_criteria(),
                decay_half_life_days: 30,
                mql_threshold: 50,
            },
            triggers: default_triggers(),
            icp: IcpProfile {
                employees_min: 10,
                employees_max: 500,
                industries: words(&["software", "retail", "education", "professional services"]),
                title_words: words(&["owner", "founder", "director", "head", "manager", "ceo"]),
                tech_stack: Vec::new(),
                use_cases: Vec::new(),
                near_icp_min_matches: 2,
                enterprise_min_employees: 1000,
                transactional_max_employees: 10,
            },
            temperature: TemperatureRules {
                hot_hours: 48,
                cold_days: 30,
                stale_days: 90,
            },
            quadrant: QuadrantRules {
                fit_high: 20,
                interest_high: 20,
            },
            handoff: Default::default(),
            conversion_bands: crate::funnel::default_bands(),
            money: MoneyRules::default(),
            priority_bands: PriorityBands::default(),
        }
    }
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| (*w).to_string()).collect()
}

#[allow(clippy::too_many_arguments)]
fn stage(
    stage: Stage,
    owner: Team,
    definition: &str,
    entry: &str,
    exit: &str,
    typical_days: Option<u32>,
    best_days: Option<u32>,
) -> StageDefinition {
    StageDefinition {
        stage,
        owner,
        definition: definition.into(),
        entry: entry.into(),
        exit: exit.into(),
        typical_days,
        best_days,
    }
}

fn default_stages() -> Vec<StageDefinition> {
    use Stage as S;
    use Team::*;
    vec![
        stage(S::Anonymous, Marketing, "A tracked visitor we cannot name yet.",
            "A tracked visit.", "Contact information captured.", None, None),
        stage(S::Known, Marketing, "We know who they are and how to reach them.",
            "Form submit, live chat, email subscription or account creation.",
            "Engagement + fit score reaches the MQL threshold, or a high-intent action.",
            Some(30), Some(7)),
        stage(S::Mql, Marketing, "Marketing believes they are ready for sales.",
            "Score at the threshold, or a demo request, repeated pricing visits or a contact-us form.",
            "A rep accepts (SAL) or rejects it back to marketing.", Some(3), Some(1)),
        stage(S::Sal, Sales, "Sales accepted the lead and owns the next step.",
            "Manual acceptance, an assignment rule, or SLA-based assignment.",
            "A conversation assessed fit, need, timeline and authority.", Some(14), Some(5)),
        stage(S::Sql, Sales, "Qualified: BANT answered.",
            "Qualification call done; budget confirmed or indicated; timeline set.",
            "An opportunity with value and projected close date.", Some(42), Some(14)),
        stage(S::Opportunity, Sales, "A deal in progress.",
            "Opportunity created with value, close date and stakeholders.",
            "Closed won or lost, or recycled when dormant.", Some(90), Some(30)),
        stage(S::Customer, CustomerSuccess, "Contract signed.",
            "Contract signed, payment terms agreed, onboarding scheduled.",
            "The customer lifecycle starts.", None, None),
        stage(S::Recycled, Marketing, "Back in marketing nurture, with the reason.",
            "Rejected by sales, unreachable, or dormant.",
            "Re-engages and qualifies as an MQL again.", Some(90), None),
        stage(S::Disqualified, Marketing, "Not a fit; kept for the record with the reason.",
            "Disqualified with a reason.", "Reopened with a reason.", None, None),
        stage(S::ClosedLost, Sales, "The deal was lost; the reason is kept.",
            "Closed lost with a reason.", "Reopened with a reason.", None, None),
    ]
}

fn criterion(
    id: &str,
    label: &str,
    kind: CriterionKind,
    rule: ScoreRule,
    points: i32,
    cap: Option<i32>,
) -> ScoreCriterion {
    ScoreCriterion {
        id: id.into(),
        label: label.into(),
        kind,
        rule,
        points,
        cap,
    }
}

fn activity(id: &str, label: &str, activity: A, points: i32, cap: i32) -> ScoreCriterion {
    criterion(
        id,
        label,
        CriterionKind::Implicit,
        ScoreRule::Activity { activity },
        points,
        Some(cap),
    )
}

fn default_criteria() -> Vec<ScoreCriterion> {
    use CriterionKind::*;
    vec![
        criterion(
            "senior-title",
            "Decision-maker title",
            Explicit,
            ScoreRule::TitleContains {
                words: words(&[
                    "owner", "founder", "director", "head", "chief", "ceo", "vp", "manager",
                ]),
            },
            15,
            None,
        ),
        criterion(
            "company-size",
            "Company size in range",
            Explicit,
            ScoreRule::EmployeesBetween { min: 10, max: 500 },
            10,
            None,
        ),
        criterion(
            "target-industry",
            "Target industry",
            Explicit,
            ScoreRule::IndustryIn {
                industries: words(&["software", "retail", "education", "professional services"]),
            },
            10,
            None,
        ),
        activity(
            "pricing-visits",
            "Pricing-page visits",
            A::PricingVisit,
            10,
            30,
        ),
        activity("page-visits", "Other page visits", A::PageVisit, 1, 10),
        activity("downloads", "Content downloads", A::ContentDownload, 8, 24),
        activity("webinars", "Webinars attended", A::Webinar, 10, 20),
        activity("email-opens", "Email opens", A::EmailOpen, 1, 5),
        activity("email-clicks", "Email clicks", A::EmailClick, 3, 15),
        activity("demo-request", "Demo request", A::DemoRequest, 30, 30),
        activity("contact-us", "Contact-us form", A::ContactUsForm, 20, 20),
        activity("meetings", "Meetings", A::Meeting, 10, 20),
        criterion(
            "free-email",
            "Free email address",
            Negative,
            ScoreRule::EmailDomainIn {
                domains: words(&["gmail.com", "yahoo.com", "hotmail.com", "outlook.com"]),
            },
            -10,
            None,
        ),
        criterion(
            "student",
            "Student or intern",
            Negative,
            ScoreRule::TitleContains {
                words: words(&["student", "intern", "pelajar", "mahasiswa", "学生"]),
            },
            -20,
            None,
        ),
        criterion(
            "bounced",
            "Email bounced",
            Negative,
            ScoreRule::EmailBounced,
            -20,
            None,
        ),
        criterion(
            "do-not-contact",
            "Asked not to be contacted",
            Negative,
            ScoreRule::DoNotContact,
            -30,
            None,
        ),
    ]
}

fn trigger(id: &str, label: &str, condition: TriggerCondition) -> TriggerRule {
    TriggerRule {
        id: id.into(),
        label: label.into(),
        enabled: true,
        condition,
    }
}

fn default_triggers() -> Vec<TriggerRule> {
    vec![
        trigger(
            "contact-captured",
            "Contact captured → Known",
            TriggerCondition::ContactCaptured,
        ),
        trigger(
            "score-threshold",
            "Engagement + fit score at the MQL threshold → MQL",
            TriggerCondition::ScoreAtThreshold,
        ),
        trigger(
            "demo-request",
            "Demo request → MQL",
            TriggerCondition::ActivityCount {
                activity: A::DemoRequest,
                count: 1,
                within_days: 30,
            },
        ),
        trigger(
            "pricing-visits",
            "3 pricing-page visits in 14 days → MQL",
            TriggerCondition::ActivityCount {
                activity: A::PricingVisit,
                count: 3,
                within_days: 14,
            },
        ),
        trigger(
            "contact-us",
            "Contact-us form → MQL",
            TriggerCondition::ActivityCount {
                activity: A::ContactUsForm,
                count: 1,
                within_days: 30,
            },
        ),
    ]
}
