//! The Playbook: the marketing–sales agreement as data. Every number the engine decides with
//! is here, so the team edits it instead of the code. Defaults are in `defaults.rs`.

mod defaults;
mod money;

pub use money::{
    is_currency_code, CurrencyRate, DealSize, DealSizeBand, ForecastWeight, MoneyProblem,
    MoneyRules,
};

use crate::activity::ActivityType;
use crate::classification::{FitClass, Qualification};
use crate::gates::Criterion;
use crate::handoff::HandoffRules;
use crate::lead::SourceKind;
use crate::routing::Role;
use crate::Stage;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Playbook {
    pub stages: Vec<StageDefinition>,
    /// Exit criteria that are enforced; a criterion not listed is not checked.
    pub gates: Vec<Criterion>,
    pub min_stakeholders: u32,
    pub composite: CompositeWeights,
    pub source_points: Vec<SourcePoints>,
    pub qualification_points: Vec<QualificationPoints>,
    pub fit_points: Vec<FitPoints>,
    pub engagement: EngagementModel,
    pub triggers: Vec<TriggerRule>,
    pub icp: IcpProfile,
    pub temperature: TemperatureRules,
    pub quadrant: QuadrantRules,
    /// Added in schema 3; a stored Playbook without it gets the defaults.
    #[serde(default)]
    pub handoff: HandoffRules,
    /// Added in schema 4: the funnel's benchmark bands.
    #[serde(default = "crate::funnel::default_bands")]
    pub conversion_bands: Vec<crate::funnel::ConversionBand>,
    /// Added with the value reports: the workspace currency, rates, deal sizes and forecast
    /// weights. A stored Playbook without it gets the defaults.
    #[serde(default)]
    pub money: MoneyRules,
    /// Added with the workshop's what-if: where a priority score counts as high, medium or
    /// low. A stored Playbook without it gets the defaults.
    #[serde(default)]
    pub priority_bands: PriorityBands,
}

/// Priority scores from `high_from` up are high, from `medium_from` medium, the rest low.
/// The defaults follow DOMAIN.md's worked examples (84 is "high priority", 38 "low") with the
/// middle third between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PriorityBands {
    pub high_from: i32,
    pub medium_from: i32,
}

impl Default for PriorityBands {
    fn default() -> PriorityBands {
        PriorityBands {
            high_from: 70,
            medium_from: 40,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Team {
    Marketing,
    Sales,
    CustomerSuccess,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StageDefinition {
    pub stage: Stage,
    pub owner: Team,
    pub definition: String,
    pub entry: String,
    pub exit: String,
    /// Normal time in the stage (days); beyond it a lead counts as stalled.
    #[ts(optional = nullable)]
    pub typical_days: Option<u32>,
    #[ts(optional = nullable)]
    pub best_days: Option<u32>,
}

/// Percentages; they must add up to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CompositeWeights {
    pub source: u32,
    pub qualification: u32,
    pub fit: u32,
}

/// The composite score's source table. `InboundDemoRequest` is an inbound lead that asked for a
/// demo; `OutboundResponse` an outbound lead that answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SourceScoreKey {
    Referral,
    InboundDemoRequest,
    Inbound,
    Event,
    PaidAds,
    OutboundResponse,
    Partner,
    Database,
}

impl SourceScoreKey {
    pub fn of(kind: SourceKind, requested_demo: bool) -> SourceScoreKey {
        match kind {
            SourceKind::Inbound if requested_demo => SourceScoreKey::InboundDemoRequest,
            SourceKind::Inbound => SourceScoreKey::Inbound,
            SourceKind::Outbound => SourceScoreKey::OutboundResponse,
            SourceKind::PaidAds => SourceScoreKey::PaidAds,
            SourceKind::Event => SourceScoreKey::Event,
            SourceKind::Referral => SourceScoreKey::Referral,
            SourceKind::Partner => SourceScoreKey::Partner,
            SourceKind::Database => SourceScoreKey::Database,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SourcePoints {
    pub source: SourceScoreKey,
    pub points: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QualificationPoints {
    pub level: Qualification,
    pub points: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FitPoints {
    pub fit: FitClass,
    pub points: u32,
}

/// The engagement + fit score that decides Known → MQL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EngagementModel {
    pub criteria: Vec<ScoreCriterion>,
    /// Activity points halve every this many days (0 = no decay).
    pub decay_half_life_days: u32,
    pub mql_threshold: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CriterionKind {
    /// Who they are (fit).
    Explicit,
    /// What they do (interest).
    Implicit,
    /// Signals that correlate with lost deals.
    Negative,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ScoreCriterion {
    pub id: String,
    pub label: String,
    pub kind: CriterionKind,
    pub rule: ScoreRule,
    /// Points per match (negative for negative criteria).
    pub points: i32,
    /// For activity rules: the most this criterion can add, after decay.
    #[ts(optional = nullable)]
    pub cap: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum ScoreRule {
    /// The title contains any of these words (case-insensitive).
    TitleContains {
        words: Vec<String>,
    },
    EmployeesBetween {
        min: u32,
        max: u32,
    },
    IndustryIn {
        industries: Vec<String>,
    },
    CountryIn {
        countries: Vec<String>,
    },
    TechStackAny {
        technologies: Vec<String>,
    },
    /// The email is at one of these domains (free mail, competitors).
    EmailDomainIn {
        domains: Vec<String>,
    },
    /// Each activity of this type scores, decayed by age.
    Activity {
        activity: ActivityType,
    },
    /// A touch that bounced.
    EmailBounced,
    DoNotContact,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TriggerRule {
    pub id: String,
    pub label: String,
    pub enabled: bool,
    pub condition: TriggerCondition,
}

/// When a rule moves a lead on its own. `ContactCaptured` moves Anonymous → Known; every other
/// condition moves Known or Recycled → MQL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum TriggerCondition {
    ContactCaptured,
    ScoreAtThreshold,
    /// At least `count` activities of this type within the last `withinDays` days.
    ActivityCount {
        activity: ActivityType,
        count: u32,
        within_days: u32,
    },
}

/// The ideal customer profile: the critical firmographic dimensions. An empty list means the
/// dimension is not part of the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IcpProfile {
    pub employees_min: u32,
    pub employees_max: u32,
    pub industries: Vec<String>,
    pub title_words: Vec<String>,
    pub tech_stack: Vec<String>,
    pub use_cases: Vec<String>,
    /// Matching at least this many dimensions (but not all) is near-ICP.
    pub near_icp_min_matches: u32,
    /// From this many employees a non-ICP lead is enterprise.
    pub enterprise_min_employees: u32,
    /// Below this many employees a non-ICP lead is transactional rather than SMB.
    pub transactional_max_employees: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TemperatureRules {
    pub hot_hours: u32,
    pub cold_days: u32,
    pub stale_days: u32,
}

/// Where the fit × interest quadrant splits: explicit points ≥ `fitHigh` is high fit, implicit
/// points ≥ `interestHigh` is high interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QuadrantRules {
    pub fit_high: i32,
    pub interest_high: i32,
}

/// A Playbook that would make the engine misbehave, in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaybookProblem {
    #[error("The composite weights add up to {0}%; they must add up to 100%.")]
    WeightsNot100(u32),
    #[error(
        "Priority bands: medium must start above 0 and below high, and high at 100 or less \
         ({medium} and {high} given)."
    )]
    PriorityBands { medium: i32, high: i32 },
    #[error("The score table for {0} is missing a row.")]
    MissingRow(String),
    #[error("Temperature limits must grow: hot hours < cold days < stale days.")]
    TemperatureOrder,
    #[error("Two score criteria share the id \"{0}\".")]
    DuplicateCriterion(String),
    #[error("The ICP employee range is empty (minimum above maximum).")]
    EmptyEmployeeRange,
    #[error("Every stage needs exactly one definition; {0} has none.")]
    MissingStage(String),
    #[error("Every rep needs a name, and no two may share one (\"{0}\").")]
    RepName(String),
    #[error("Two routing rules share the id \"{0}\".")]
    DuplicateRoutingRule(String),
    #[error("A response time must be at least one minute.")]
    ZeroSla,
    #[error("The SLA compliance goal must be a percentage from 1 to 100 ({0} given).")]
    ComplianceGoal(u32),
    #[error("A funnel benchmark must run from a low to a high percentage within 0–100 ({0}).")]
    Band(String),
    #[error("Business hours of {role:?}: {reason}")]
    TeamHours { role: Role, reason: String },
    #[error("{0}")]
    Money(#[from] MoneyProblem),
}

impl Playbook {
    pub fn validate(&self) -> Result<(), PlaybookProblem> {
        let w = self.composite;
        let sum = w.source + w.qualification + w.fit;
        if sum != 100 {
            return Err(PlaybookProblem::WeightsNot100(sum));
        }
        let b = self.priority_bands;
        if !(0 < b.medium_from && b.medium_from < b.high_from && b.high_from <= 100) {
            return Err(PlaybookProblem::PriorityBands {
                medium: b.medium_from,
                high: b.high_from,
            });
        }
        for stage in Stage::ALL {
            if !self.stages.iter().any(|d| d.stage == stage) {
                return Err(PlaybookProblem::MissingStage(stage.label().into()));
            }
        }
        if self.source_points.len() < 8 {
            return Err(PlaybookProblem::MissingRow("sources".into()));
        }
        if self.qualification_points.len() < Qualification::ALL.len() {
            return Err(PlaybookProblem::MissingRow("qualification".into()));
        }
        if self.fit_points.len() < FitClass::ALL.len() {
            return Err(PlaybookProblem::MissingRow("strategic fit".into()));
        }
        let t = self.temperature;
        if u64::from(t.hot_hours) >= u64::from(t.cold_days) * 24 || t.cold_days >= t.stale_days {
            return Err(PlaybookProblem::TemperatureOrder);
        }
        if self.icp.employees_min > self.icp.employees_max {
            return Err(PlaybookProblem::EmptyEmployeeRange);
        }
        let mut ids: Vec<&str> = self
            .engagement
            .criteria
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        ids.sort_unstable();
        if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(PlaybookProblem::DuplicateCriterion(pair[0].into()));
        }
        if let Some(b) = self
            .conversion_bands
            .iter()
            .find(|b| b.low > b.high || b.high > 100)
        {
            return Err(PlaybookProblem::Band(format!(
                "{} → {}: {}–{}%",
                b.from.label(),
                b.to.label(),
                b.low,
                b.high
            )));
        }
        if let Some(problem) = self.money.problem() {
            return Err(problem.into());
        }
        self.validate_handoff()
    }

    fn validate_handoff(&self) -> Result<(), PlaybookProblem> {
        let h = &self.handoff;
        let mut names: Vec<&str> = h.roster.iter().map(|r| r.name.trim()).collect();
        names.sort_unstable();
        if let Some(name) = names.iter().find(|n| n.is_empty()) {
            return Err(PlaybookProblem::RepName((*name).into()));
        }
        if let Some(pair) = names.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(PlaybookProblem::RepName(pair[0].into()));
        }
        let mut rules: Vec<&str> = h.routing.iter().map(|r| r.id.as_str()).collect();
        rules.sort_unstable();
        if let Some(pair) = rules.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(PlaybookProblem::DuplicateRoutingRule(pair[0].into()));
        }
        if h.sla.targets.iter().any(|t| t.minutes == 0) {
            return Err(PlaybookProblem::ZeroSla);
        }
        if !(1..=100).contains(&h.sla.compliance_goal) {
            return Err(PlaybookProblem::ComplianceGoal(h.sla.compliance_goal));
        }
        for team in &h.sla.hours {
            // Any instant will do: the check is whether the hours can ever open.
            crate::sla::deadline(chrono::DateTime::UNIX_EPOCH, 1, Some(&team.hours)).map_err(
                |e| PlaybookProblem::TeamHours {
                    role: team.role,
                    reason: e.to_string(),
                },
            )?;
        }
        Ok(())
    }

    pub fn source_points(&self, key: SourceScoreKey) -> u32 {
        self.source_points
            .iter()
            .find(|row| row.source == key)
            .map_or(0, |row| row.points)
    }

    pub fn qualification_points(&self, level: Qualification) -> u32 {
        self.qualification_points
            .iter()
            .find(|row| row.level == level)
            .map_or(0, |row| row.points)
    }

    pub fn fit_points(&self, fit: FitClass) -> u32 {
        self.fit_points
            .iter()
            .find(|row| row.fit == fit)
            .map_or(0, |row| row.points)
    }

    pub fn definition(&self, stage: Stage) -> Option<&StageDefinition> {
        self.stages.iter().find(|d| d.stage == stage)
    }

    pub fn enforces(&self, criterion: Criterion) -> bool {
        self.gates.contains(&criterion)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_playbook_is_valid() {
        assert_eq!(Playbook::default().validate(), Ok(()));
    }

    #[test]
    fn an_upside_down_benchmark_band_is_refused() {
        let mut p = Playbook::default();
        // The first default band is MQL → SAL, 15–30%.
        p.conversion_bands[0].low = 50;
        assert_eq!(
            p.validate(),
            Err(PlaybookProblem::Band("MQL → SAL: 50–30%".into()))
        );
        p.conversion_bands[0].low = 10;
        p.conversion_bands[0].high = 120;
        assert_eq!(
            p.validate(),
            Err(PlaybookProblem::Band("MQL → SAL: 10–120%".into()))
        );
    }

    #[test]
    fn an_sla_compliance_goal_outside_1_to_100_percent_is_refused() {
        let mut p = Playbook::default();
        assert_eq!(p.handoff.sla.compliance_goal, 90, "the default goal");
        p.handoff.sla.compliance_goal = 0;
        assert_eq!(p.validate(), Err(PlaybookProblem::ComplianceGoal(0)));
        p.handoff.sla.compliance_goal = 101;
        assert_eq!(p.validate(), Err(PlaybookProblem::ComplianceGoal(101)));
        p.handoff.sla.compliance_goal = 100;
        assert_eq!(p.validate(), Ok(()));
    }

    #[test]
    fn a_stored_playbook_without_a_compliance_goal_reads_with_the_default() {
        let mut stored = serde_json::to_value(Playbook::default()).expect("json");
        let sla = stored["handoff"]["sla"].as_object_mut().expect("sla");
        assert!(sla.remove("complianceGoal").is_some());
        let read: Playbook = serde_json::from_value(stored).expect("reads");
        assert_eq!(read.handoff.sla.compliance_goal, 90);
    }

    #[test]
    fn weights_that_do_not_add_up_are_refused() {
        let mut p = Playbook::default();
        p.composite.fit = 40;
        assert_eq!(p.validate(), Err(PlaybookProblem::WeightsNot100(110)));
    }

    #[test]
    fn the_seed_tables_are_the_defaults() {
        let p = Playbook::default();
        assert_eq!(p.source_points(SourceScoreKey::Referral), 100);
        assert_eq!(p.source_points(SourceScoreKey::InboundDemoRequest), 90);
        assert_eq!(p.source_points(SourceScoreKey::Event), 70);
        assert_eq!(p.source_points(SourceScoreKey::PaidAds), 60);
        assert_eq!(p.source_points(SourceScoreKey::OutboundResponse), 50);
        assert_eq!(p.source_points(SourceScoreKey::Database), 30);
        assert_eq!(p.qualification_points(Qualification::Sql), 100);
        assert_eq!(p.qualification_points(Qualification::Raw), 20);
        assert_eq!(p.fit_points(FitClass::Icp), 100);
        assert_eq!(p.fit_points(FitClass::NearIcp), 70);
        assert_eq!(p.fit_points(FitClass::Smb), 60);
    }
}
