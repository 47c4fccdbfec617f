//! The sample's made-up sales team, covering every role the default routing rules name and
//! every country the sample's leads come from, and who of them owns a lead once sales took it.

use super::rng::Rng;
use laju_core::classification::FitClass;
use laju_core::lead::{LeadProfile, SourceKind};
use laju_core::routing::{Rep, Role};

/// The events reps staffed a booth at; their badge scans go to them.
pub(crate) const EVENTS: [(&str, &str); 5] = [
    ("MY", "SME Digital Expo KL"),
    ("ID", "Jakarta SME Summit"),
    ("TW", "Taipei SME Expo"),
    ("CN", "Shenzhen E-commerce Expo"),
    ("SG", "Singapore Retail Tech Week"),
];

pub(crate) fn team() -> Vec<Rep> {
    let rep = |name: &str, role, territories: &[&str], events: &[&str], weight| Rep {
        territories: territories.iter().map(|t| t.to_string()).collect(),
        events: events.iter().map(|e| e.to_string()).collect(),
        weight,
        capacity: Some(40),
        ..Rep::new(name, role)
    };
    vec![
        rep(
            "Aisyah",
            Role::SeniorAe,
            &["MY", "SG"],
            &["SME Digital Expo KL", "Singapore Retail Tech Week"],
            3,
        ),
        rep(
            "Joanne",
            Role::SeniorAe,
            &["TW", "CN"],
            &["Taipei SME Expo"],
            2,
        ),
        rep("Ravi", Role::Ae, &["MY", "SG"], &[], 1),
        rep(
            "Xiao Lin",
            Role::Ae,
            &["CN"],
            &["Shenzhen E-commerce Expo"],
            1,
        ),
        rep("Mei", Role::InsideSales, &["TW"], &[], 1),
        rep(
            "Putu",
            Role::InsideSales,
            &["ID"],
            &["Jakarta SME Summit"],
            1,
        ),
        rep("Nadia", Role::InsideSales, &["MY", "SG"], &[], 1),
        rep("Hafiz", Role::Sdr, &["MY", "SG", "TW", "CN"], &[], 1),
        rep("Dian", Role::Sdr, &["ID"], &[], 1),
        rep("Kenji", Role::EnterpriseAe, &[], &[], 1),
        rep("Farid", Role::Manager, &[], &[], 1),
    ]
}

/// The rep who took the lead, as the default routing rules (in their order) would have
/// chosen: the event's attendee, a senior AE for ICP inbound and referrals, an AE covering the
/// partner's territory, the enterprise AE for large and strategic accounts, inside sales for
/// small firms, SDRs for lists and cold outreach, else an AE — by territory where the role has
/// one.
pub(crate) fn owner(roster: &[Rep], profile: &LeadProfile, fit: FitClass, rng: &mut Rng) -> String {
    use SourceKind as S;
    let source = profile.source.kind;
    let attendee = roster
        .iter()
        .find(|r| source == S::Event && r.events.contains(&profile.source.event_name));
    if let Some(rep) = attendee {
        return rep.name.clone();
    }
    let role = match (source, fit) {
        (S::Inbound | S::PaidAds, FitClass::Icp) | (S::Referral, _) => Role::SeniorAe,
        (S::Partner, _) => Role::Ae,
        (_, FitClass::Enterprise | FitClass::Strategic) => Role::EnterpriseAe,
        (_, FitClass::Smb | FitClass::Transactional) => Role::InsideSales,
        (S::Database | S::Outbound, _) => Role::Sdr,
        _ => Role::Ae,
    };
    let country = profile.company.country.as_str();
    let of_role: Vec<&Rep> = roster.iter().filter(|r| r.role == role).collect();
    let local: Vec<&Rep> = of_role
        .iter()
        .copied()
        .filter(|r| r.territories.iter().any(|t| t == country))
        .collect();
    let pool = if local.is_empty() { of_role } else { local };
    // The sample's roster has every role; another without this one leaves the lead unowned.
    if pool.is_empty() {
        return String::new();
    }
    rng.pick(&pool).name.clone()
}
