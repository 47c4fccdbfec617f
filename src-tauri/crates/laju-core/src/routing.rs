//! Who gets a lead. The Playbook's routing rules are tried in order; each names the reps it
//! would consider and how it picks among them (round-robin that skips reps who are away or
//! full, or weighted distribution). The first rule that matches the lead and finds someone
//! free decides, and the assignment says which rule it was so the inbox can explain it.

use crate::classification::FitClass;
use crate::lead::{LeadProfile, SourceKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Role {
    Sdr,
    Ae,
    SeniorAe,
    EnterpriseAe,
    InsideSales,
    Manager,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Sdr,
        Role::Ae,
        Role::SeniorAe,
        Role::EnterpriseAe,
        Role::InsideSales,
        Role::Manager,
    ];
}

/// One person on the team. `name` is what a lead's owner field holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Rep {
    pub name: String,
    pub role: Role,
    /// Countries or partner names this rep covers.
    #[serde(default)]
    pub territories: Vec<String>,
    /// Events the rep attended: their badge-scan leads go to them.
    #[serde(default)]
    pub events: Vec<String>,
    /// Share in weighted distribution.
    pub weight: u32,
    #[ts(optional = nullable)]
    pub capacity: Option<u32>,
    #[ts(optional = nullable)]
    pub away_from: Option<DateTime<Utc>>,
    #[ts(optional = nullable)]
    pub away_until: Option<DateTime<Utc>>,
}

impl Rep {
    /// A present rep with weight 1, no territory, events or capacity limit.
    pub fn new(name: &str, role: Role) -> Rep {
        Rep {
            name: name.into(),
            role,
            territories: Vec::new(),
            events: Vec::new(),
            weight: 1,
            capacity: None,
            away_from: None,
            away_until: None,
        }
    }
}

/// Which leads a rule applies to; an empty list means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct LeadMatch {
    pub sources: Vec<SourceKind>,
    pub fits: Vec<FitClass>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "method",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum Assign {
    /// Whoever already owns a lead at the same company.
    AccountOwner,
    /// A rep who attended the lead's event.
    EventAttendee,
    /// A rep whose territory names the lead's country or partner.
    Territory,
    RoundRobin {
        role: Role,
    },
    Weighted {
        role: Role,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RoutingRule {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub when: LeadMatch,
    pub assign: Assign,
}

/// What routing needs to know beyond the lead and the roster.
#[derive(Debug, Clone)]
pub struct RoutingContext<'a> {
    pub open_leads: BTreeMap<String, u32>,
    /// The owner of another lead at the same company, if any.
    pub account_owner: Option<String>,
    pub state: &'a RoutingState,
    /// The rep who let the SLA lapse: a reassignment must go to someone else.
    pub exclude: Option<String>,
}

/// Remembered between assignments so round-robin continues and weights even out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RoutingState {
    /// Rule id → the rep it picked last.
    pub last_pick: BTreeMap<String, String>,
    /// Rep → how many leads weighted rules have given them.
    pub assigned: BTreeMap<String, u64>,
}

impl RoutingState {
    pub fn record(&mut self, assignment: &Assignment) {
        self.last_pick
            .insert(assignment.rule_id.clone(), assignment.rep.clone());
        *self.assigned.entry(assignment.rep.clone()).or_default() += 1;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Assignment {
    pub rep: String,
    pub rule_id: String,
    pub rule_label: String,
    /// None when a person reassigned the lead by hand.
    #[ts(optional = nullable)]
    pub assign: Option<Assign>,
}

/// The first rule that matches the lead and finds a rep free now.
pub fn route(
    profile: &LeadProfile,
    fit: FitClass,
    roster: &[Rep],
    rules: &[RoutingRule],
    ctx: &RoutingContext<'_>,
    now: DateTime<Utc>,
) -> Option<Assignment> {
    rules
        .iter()
        .filter(|rule| rule.when.matches(profile.source.kind, fit))
        .find_map(|rule| {
            let rep = pick(profile, roster, rule, ctx, now)?;
            Some(Assignment {
                rep: rep.name.clone(),
                rule_id: rule.id.clone(),
                rule_label: rule.label.clone(),
                assign: Some(rule.assign),
            })
        })
}

/// Rule id of a reassignment no rule could place: SLA-based assignment then takes the free rep
/// with the lightest load, because a lapsed lead must reach someone who can answer.
pub const FIRST_FREE: &str = "first-free";

/// The available rep (managers aside) holding the fewest open leads; ties go to roster order.
pub fn first_free(
    roster: &[Rep],
    ctx: &RoutingContext<'_>,
    now: DateTime<Utc>,
) -> Option<Assignment> {
    roster
        .iter()
        .filter(|rep| {
            rep.role != Role::Manager && ctx.exclude.as_deref() != Some(rep.name.as_str())
        })
        .map(|rep| {
            let open = ctx.open_leads.get(&rep.name).copied().unwrap_or(0);
            (rep, open)
        })
        .filter(|(rep, open)| {
            Availability {
                open_leads: *open,
                capacity: rep.capacity,
                away_from: rep.away_from,
                away_until: rep.away_until,
            }
            .can_take(now)
        })
        .min_by_key(|(_, open)| *open)
        .map(|(rep, _)| Assignment {
            rep: rep.name.clone(),
            rule_id: FIRST_FREE.into(),
            rule_label: "SLA breach: first free rep".into(),
            assign: None,
        })
}

impl LeadMatch {
    pub fn matches(&self, source: SourceKind, fit: FitClass) -> bool {
        (self.sources.is_empty() || self.sources.contains(&source))
            && (self.fits.is_empty() || self.fits.contains(&fit))
    }
}

fn pick<'r>(
    profile: &LeadProfile,
    roster: &'r [Rep],
    rule: &RoutingRule,
    ctx: &RoutingContext<'_>,
    now: DateTime<Utc>,
) -> Option<&'r Rep> {
    let same = |a: &str, b: &str| !a.trim().is_empty() && a.trim().eq_ignore_ascii_case(b.trim());
    let candidates: Vec<&Rep> = roster
        .iter()
        .filter(|rep| ctx.exclude.as_deref() != Some(rep.name.as_str()))
        .filter(|rep| match rule.assign {
            Assign::AccountOwner => ctx
                .account_owner
                .as_deref()
                .is_some_and(|owner| same(owner, &rep.name)),
            Assign::EventAttendee => rep
                .events
                .iter()
                .any(|e| same(e, &profile.source.event_name)),
            Assign::Territory => rep
                .territories
                .iter()
                .any(|t| same(t, &profile.company.country) || same(t, &profile.source.partner)),
            Assign::RoundRobin { role } | Assign::Weighted { role } => rep.role == role,
        })
        .collect();
    let availability: Vec<Availability> = candidates
        .iter()
        .map(|rep| Availability {
            open_leads: ctx.open_leads.get(&rep.name).copied().unwrap_or(0),
            capacity: rep.capacity,
            away_from: rep.away_from,
            away_until: rep.away_until,
        })
        .collect();
    let chosen = match rule.assign {
        Assign::Weighted { .. } => {
            let weights: Vec<u32> = candidates.iter().map(|r| r.weight).collect();
            let assigned: Vec<u64> = candidates
                .iter()
                .map(|r| ctx.state.assigned.get(&r.name).copied().unwrap_or(0))
                .collect();
            weighted(&availability, &weights, &assigned, now)
        }
        _ => {
            let last = ctx
                .state
                .last_pick
                .get(&rule.id)
                .and_then(|name| candidates.iter().position(|r| &r.name == name));
            round_robin(&availability, last, now)
        }
    };
    chosen.map(|i| candidates[i])
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Availability {
    /// Open leads the rep holds now.
    pub open_leads: u32,
    #[ts(optional = nullable)]
    pub capacity: Option<u32>,
    #[ts(optional = nullable)]
    pub away_from: Option<DateTime<Utc>>,
    #[ts(optional = nullable)]
    pub away_until: Option<DateTime<Utc>>,
}

impl Availability {
    pub fn can_take(&self, now: DateTime<Utc>) -> bool {
        let away = match (self.away_from, self.away_until) {
            (Some(from), Some(until)) => from <= now && now < until,
            (Some(from), None) => from <= now,
            (None, Some(until)) => now < until,
            (None, None) => false,
        };
        !away && self.capacity.is_none_or(|cap| self.open_leads < cap)
    }
}

/// The next rep after `last` (by position) who can take a lead now, wrapping around.
pub fn round_robin(
    reps: &[Availability],
    last: Option<usize>,
    now: DateTime<Utc>,
) -> Option<usize> {
    let n = reps.len();
    let start = last.map_or(0, |i| i + 1);
    (0..n)
        .map(|step| (start + step) % n)
        .find(|&i| reps[i].can_take(now))
}

/// Weighted distribution: the available rep furthest below their share of `assigned` so far
/// (smooth weighted round-robin; ties go to the earlier rep).
pub fn weighted(
    reps: &[Availability],
    weights: &[u32],
    assigned: &[u64],
    now: DateTime<Utc>,
) -> Option<usize> {
    (0..reps.len())
        .filter(|&i| reps[i].can_take(now) && weights.get(i).copied().unwrap_or(0) > 0)
        .min_by(|&a, &b| {
            // (assigned_a + 1) / w_a against (assigned_b + 1) / w_b, without division.
            let next = |i: usize| u128::from(assigned.get(i).copied().unwrap_or(0) + 1);
            let w = |i: usize| u128::from(weights[i]);
            (next(a) * w(b)).cmp(&(next(b) * w(a))).then(a.cmp(&b))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
            .single()
            .expect("valid")
    }

    fn present() -> Availability {
        Availability {
            open_leads: 0,
            capacity: None,
            away_from: None,
            away_until: None,
        }
    }

    fn away() -> Availability {
        Availability {
            away_from: Some(now() - Duration::days(1)),
            away_until: Some(now() + Duration::days(2)),
            ..present()
        }
    }

    #[test]
    fn round_robin_is_fair_and_skips_reps_who_are_away() {
        let reps = [present(), away(), present(), present()];
        let mut last = None;
        let mut counts = [0u32; 4];
        for _ in 0..9_999 {
            let next = round_robin(&reps, last, now()).expect("someone is in");
            counts[next] += 1;
            last = Some(next);
        }
        assert_eq!(counts, [3_333, 0, 3_333, 3_333]);
    }

    #[test]
    fn a_rep_back_from_leave_or_below_capacity_takes_leads_again() {
        let mut back = away();
        back.away_until = Some(now() - Duration::minutes(1));
        let mut full = present();
        full.capacity = Some(5);
        full.open_leads = 5;
        let reps = [full.clone(), back];
        assert_eq!(
            round_robin(&reps, Some(1), now()),
            Some(1),
            "the full rep is skipped"
        );
        full.open_leads = 4;
        assert_eq!(round_robin(&[full], None, now()), Some(0));
        assert_eq!(round_robin(&[away(), away()], None, now()), None);
    }

    #[test]
    fn weighted_distribution_follows_the_weights_within_one_percent_over_10000() {
        let reps = [present(), present(), present(), away()];
        let weights = [5, 3, 2, 9];
        let mut assigned = [0u64; 4];
        for _ in 0..10_000 {
            let i = weighted(&reps, &weights, &assigned, now()).expect("someone is in");
            assigned[i] += 1;
        }
        assert_eq!(
            assigned[3], 0,
            "away reps get nothing, whatever their weight"
        );
        for (i, share) in [(0, 0.5), (1, 0.3), (2, 0.2)] {
            let got = assigned[i] as f64 / 10_000.0;
            assert!((got - share).abs() < 0.01, "rep {i}: {got} vs {share}");
        }
    }

    fn rep(name: &str, role: Role) -> Rep {
        Rep::new(name, role)
    }

    fn rules() -> Vec<RoutingRule> {
        crate::handoff::HandoffRules::default().routing
    }

    fn ctx(state: &RoutingState) -> RoutingContext<'_> {
        RoutingContext {
            open_leads: BTreeMap::new(),
            account_owner: None,
            state,
            exclude: None,
        }
    }

    #[test]
    fn rules_are_tried_in_order_and_the_choice_names_its_rule() {
        let mut attendee = rep("Dewi", Role::Ae);
        attendee.events = vec!["Jakarta Expo".into()];
        let mut partner = rep("Rizal", Role::Ae);
        partner.territories = vec!["Indonesia".into()];
        let roster = vec![
            rep("Aisha", Role::SeniorAe),
            rep("Chen", Role::InsideSales),
            attendee,
            partner,
            rep("Sam", Role::Sdr),
        ];
        let state = RoutingState::default();
        let mut profile = LeadProfile::default();

        profile.source.kind = SourceKind::Inbound;
        let icp = route(
            &profile,
            FitClass::Icp,
            &roster,
            &rules(),
            &ctx(&state),
            now(),
        );
        let icp = icp.expect("a senior AE is in");
        assert_eq!(
            (icp.rep.as_str(), icp.rule_id.as_str()),
            ("Aisha", "icp-inbound")
        );

        let mut with_owner = ctx(&state);
        with_owner.account_owner = Some("Chen".into());
        let owned = route(
            &profile,
            FitClass::Icp,
            &roster,
            &rules(),
            &with_owner,
            now(),
        );
        assert_eq!(
            owned.map(|a| a.rule_id),
            Some("account".into()),
            "account owner first"
        );

        profile.source.kind = SourceKind::Event;
        profile.source.event_name = "jakarta expo".into();
        let event = route(
            &profile,
            FitClass::NearIcp,
            &roster,
            &rules(),
            &ctx(&state),
            now(),
        );
        assert_eq!(event.map(|a| a.rep), Some("Dewi".into()));

        profile.source.kind = SourceKind::Partner;
        profile.company.country = "Indonesia".into();
        let partner = route(
            &profile,
            FitClass::NearIcp,
            &roster,
            &rules(),
            &ctx(&state),
            now(),
        );
        assert_eq!(partner.map(|a| a.rep), Some("Rizal".into()));

        profile.source.kind = SourceKind::Database;
        let smb = route(
            &profile,
            FitClass::Smb,
            &roster,
            &rules(),
            &ctx(&state),
            now(),
        );
        assert_eq!(
            smb.map(|a| a.rep),
            Some("Chen".into()),
            "SMB comes before database"
        );
        let cold = route(
            &profile,
            FitClass::NearIcp,
            &roster,
            &rules(),
            &ctx(&state),
            now(),
        );
        assert_eq!(cold.map(|a| a.rep), Some("Sam".into()));
    }

    #[test]
    fn a_rule_with_nobody_free_falls_through_and_exclusion_finds_someone_else() {
        let mut away_senior = rep("Aisha", Role::SeniorAe);
        away_senior.away_until = Some(now() + Duration::days(3));
        let roster = vec![away_senior, rep("Budi", Role::Ae), rep("Citra", Role::Ae)];
        let state = RoutingState::default();
        let mut profile = LeadProfile::default();
        profile.source.kind = SourceKind::Referral;
        let a = route(
            &profile,
            FitClass::NearIcp,
            &roster,
            &rules(),
            &ctx(&state),
            now(),
        )
        .expect("an AE takes it");
        assert_eq!((a.rep.as_str(), a.rule_id.as_str()), ("Budi", "standard"));
        let mut state = RoutingState::default();
        state.record(&a);
        let mut again = ctx(&state);
        again.exclude = Some("Citra".into());
        let b = route(
            &profile,
            FitClass::NearIcp,
            &roster,
            &rules(),
            &again,
            now(),
        );
        assert_eq!(
            b.map(|b| b.rep),
            Some("Budi".into()),
            "round-robin would say Citra, but she let it lapse"
        );
        assert_eq!(
            route(
                &profile,
                FitClass::NearIcp,
                &[],
                &rules(),
                &ctx(&state),
                now()
            ),
            None
        );
    }
}
