//! The four classification dimensions (source, qualification, strategic fit, temperature) and
//! the fit × interest quadrant.

use crate::lead::{is_valid_email, LeadProfile, SourceKind};
use crate::playbook::{IcpProfile, Playbook};
use crate::Stage;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Qualification {
    Raw,
    Iql,
    Mql,
    Sal,
    Sql,
    Opportunity,
    Customer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum FitClass {
    Icp,
    NearIcp,
    Strategic,
    Enterprise,
    Smb,
    Transactional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Temperature {
    Hot,
    Warm,
    Cold,
    Stale,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Quadrant {
    HighFitHighInterest,
    HighFitLowInterest,
    LowFitHighInterest,
    LowFitLowInterest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Classification {
    pub source: SourceKind,
    pub qualification: Qualification,
    pub fit: FitClass,
    pub temperature: Temperature,
    pub quadrant: Quadrant,
}

impl Qualification {
    pub const ALL: [Qualification; 7] = [
        Qualification::Raw,
        Qualification::Iql,
        Qualification::Mql,
        Qualification::Sal,
        Qualification::Sql,
        Qualification::Opportunity,
        Qualification::Customer,
    ];

    /// Raw and IQL come from data quality; past Known the lifecycle stage decides.
    pub fn of(stage: Stage, profile: &LeadProfile, duplicate: bool) -> Qualification {
        match stage {
            Stage::Mql => Qualification::Mql,
            Stage::Sal => Qualification::Sal,
            Stage::Sql => Qualification::Sql,
            Stage::Opportunity => Qualification::Opportunity,
            Stage::Customer => Qualification::Customer,
            Stage::Anonymous
            | Stage::Known
            | Stage::Recycled
            | Stage::Disqualified
            | Stage::ClosedLost => {
                let c = &profile.contact;
                let informed = is_valid_email(&c.email)
                    && !profile.company.name.trim().is_empty()
                    && !c.title.trim().is_empty();
                if informed && !duplicate {
                    Qualification::Iql
                } else {
                    Qualification::Raw
                }
            }
        }
    }
}

impl FitClass {
    pub const ALL: [FitClass; 6] = [
        FitClass::Icp,
        FitClass::NearIcp,
        FitClass::Strategic,
        FitClass::Enterprise,
        FitClass::Smb,
        FitClass::Transactional,
    ];

    /// ICP needs every profiled dimension; a named target account is strategic; most
    /// dimensions is near-ICP; otherwise company size decides.
    pub fn of(profile: &LeadProfile, icp: &IcpProfile) -> FitClass {
        let (matched, profiled) = icp_matches(profile, icp);
        let employees = profile.company.employees;
        if profiled > 0 && matched == profiled {
            FitClass::Icp
        } else if profile.company.target_account {
            FitClass::Strategic
        } else if matched >= icp.near_icp_min_matches && matched > 0 {
            FitClass::NearIcp
        } else if employees.is_some_and(|n| n >= icp.enterprise_min_employees) {
            FitClass::Enterprise
        } else if employees.is_some_and(|n| n < icp.transactional_max_employees) {
            FitClass::Transactional
        } else {
            FitClass::Smb
        }
    }
}

/// (dimensions matched, dimensions the profile defines). Company size is always profiled.
pub fn icp_matches(profile: &LeadProfile, icp: &IcpProfile) -> (u32, u32) {
    let company = &profile.company;
    let size = company
        .employees
        .is_some_and(|n| (icp.employees_min..=icp.employees_max).contains(&n));
    let dimensions = [
        (true, size),
        (
            !icp.industries.is_empty(),
            mentions_any(&company.industry, &icp.industries),
        ),
        (
            !icp.title_words.is_empty(),
            mentions_any(&profile.contact.title, &icp.title_words),
        ),
        (
            !icp.tech_stack.is_empty(),
            company
                .tech_stack
                .iter()
                .any(|t| mentions_any(t, &icp.tech_stack)),
        ),
        (
            !icp.use_cases.is_empty(),
            mentions_any(&company.use_case, &icp.use_cases),
        ),
    ];
    let profiled = dimensions.iter().filter(|(on, _)| *on).count() as u32;
    let matched = dimensions.iter().filter(|(on, hit)| *on && *hit).count() as u32;
    (matched, profiled)
}

/// Case-insensitive containment, so "Software & SaaS" matches "software".
pub fn mentions_any(text: &str, words: &[String]) -> bool {
    let text = text.to_lowercase();
    !text.trim().is_empty()
        && words
            .iter()
            .map(|w| w.trim().to_lowercase())
            .any(|w| !w.is_empty() && text.contains(&w))
}

impl Temperature {
    pub fn of(
        last_activity: DateTime<Utc>,
        now: DateTime<Utc>,
        rules: &crate::playbook::TemperatureRules,
    ) -> Temperature {
        let idle = now.signed_duration_since(last_activity);
        if idle.num_hours() < i64::from(rules.hot_hours) {
            Temperature::Hot
        } else if idle.num_days() < i64::from(rules.cold_days) {
            Temperature::Warm
        } else if idle.num_days() < i64::from(rules.stale_days) {
            Temperature::Cold
        } else {
            Temperature::Stale
        }
    }
}

impl Quadrant {
    pub fn of(fit_points: i32, interest_points: i32, playbook: &Playbook) -> Quadrant {
        let fit = fit_points >= playbook.quadrant.fit_high;
        let interest = interest_points >= playbook.quadrant.interest_high;
        match (fit, interest) {
            (true, true) => Quadrant::HighFitHighInterest,
            (true, false) => Quadrant::HighFitLowInterest,
            (false, true) => Quadrant::LowFitHighInterest,
            (false, false) => Quadrant::LowFitLowInterest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::TemperatureRules;
    use chrono::{Duration, TimeZone};

    fn icp_profile() -> LeadProfile {
        let mut p = LeadProfile::default();
        p.contact.title = "Founder".into();
        p.company.employees = Some(40);
        p.company.industry = "Retail".into();
        p
    }

    #[test]
    fn matching_every_profiled_dimension_is_icp_and_most_is_near_icp() {
        let icp = crate::Playbook::default().icp;
        assert_eq!(FitClass::of(&icp_profile(), &icp), FitClass::Icp);
        let mut near = icp_profile();
        near.company.industry = "Mining".into();
        assert_eq!(FitClass::of(&near, &icp), FitClass::NearIcp);
    }

    #[test]
    fn outside_the_profile_size_decides() {
        let icp = crate::Playbook::default().icp;
        let mut p = LeadProfile::default();
        p.company.employees = Some(5_000);
        assert_eq!(FitClass::of(&p, &icp), FitClass::Enterprise);
        p.company.employees = Some(3);
        assert_eq!(FitClass::of(&p, &icp), FitClass::Transactional);
        p.company.employees = None;
        assert_eq!(FitClass::of(&p, &icp), FitClass::Smb);
        p.company.target_account = true;
        assert_eq!(FitClass::of(&p, &icp), FitClass::Strategic);
    }

    #[test]
    fn raw_becomes_iql_with_clean_data_and_not_as_a_duplicate() {
        let mut p = icp_profile();
        assert_eq!(
            Qualification::of(Stage::Known, &p, false),
            Qualification::Raw
        );
        p.contact.email = "a@kedai.my".into();
        p.company.name = "Kedai".into();
        assert_eq!(
            Qualification::of(Stage::Known, &p, false),
            Qualification::Iql
        );
        assert_eq!(
            Qualification::of(Stage::Known, &p, true),
            Qualification::Raw
        );
        assert_eq!(Qualification::of(Stage::Sal, &p, true), Qualification::Sal);
    }

    #[test]
    fn temperature_follows_the_playbook_limits() {
        let rules = TemperatureRules {
            hot_hours: 48,
            cold_days: 30,
            stale_days: 90,
        };
        let now = Utc
            .with_ymd_and_hms(2026, 11, 1, 12, 0, 0)
            .single()
            .expect("date");
        let ago = |d: Duration| Temperature::of(now - d, now, &rules);
        assert_eq!(ago(Duration::hours(47)), Temperature::Hot);
        assert_eq!(ago(Duration::hours(49)), Temperature::Warm);
        assert_eq!(ago(Duration::days(30)), Temperature::Cold);
        assert_eq!(ago(Duration::days(90)), Temperature::Stale);
    }
}
