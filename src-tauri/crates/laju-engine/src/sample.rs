//! A small, believable sample workspace for a first look: leads from Malaysia, Indonesia,
//! Taiwan and China at every stage, created through the same use cases (and rules) as real
//! ones. Deterministic, so tests and screenshots see the same data.

use crate::leads::{LeadQuery, LogActivity, MoveLead, SaveOutcome, UpdateLead};
use crate::playbook::SavePlaybook;
use crate::{EngineError, Workspace};
use chrono::{Duration, NaiveDate};
use laju_core::activity::{ActivityKind, Channel, TouchOutcome};
use laju_core::lead::{LeadProfile, Money, SourceKind};
use laju_core::lifecycle::LifecycleEvent;
use laju_core::routing::{Rep, Role};

const PEOPLE: [(&str, &str, &str, &str); 12] = [
    ("Siti Aminah", "Kedai Runcit Aminah", "retail", "MY"),
    ("Budi Santoso", "Warung Digital", "software", "ID"),
    ("Chen Wei", "Kopi Wangi", "retail", "TW"),
    ("Nurul Huda", "Tuisyen Cemerlang", "education", "MY"),
    ("Dewi Lestari", "Batik Lestari", "retail", "ID"),
    (
        "Lim Mei Ling",
        "Lim & Co Accounting",
        "professional services",
        "MY",
    ),
    ("Ahmad Faiz", "Faiz Logistik", "logistics", "MY"),
    ("Wang Fang", "Fang Studio", "design", "CN"),
    ("Hendra Wijaya", "Toko Baju Hendra", "retail", "ID"),
    ("Lin Yi-Ting", "Yi-Ting Bakery", "food", "TW"),
    ("Rina Kusuma", "Kusuma Edu", "education", "ID"),
    ("Tan Kok Wai", "Tan Hardware", "retail", "MY"),
];
const TITLES: [&str; 6] = [
    "Owner",
    "Founder",
    "Marketing Manager",
    "Director",
    "Intern",
    "Admin",
];
const SOURCES: [SourceKind; 7] = [
    SourceKind::Inbound,
    SourceKind::Referral,
    SourceKind::Event,
    SourceKind::PaidAds,
    SourceKind::Outbound,
    SourceKind::Database,
    SourceKind::Partner,
];
/// Reps who accept the sample's leads; the rest of the team is in `team()`.
const REPS: [&str; 3] = ["Aisyah", "Ravi", "Mei"];
const SAMPLE_SIZE: u64 = 48;

impl Workspace {
    /// Fills an empty workspace; refuses one that already has leads, so nothing is mixed in.
    pub fn load_sample(&self) -> Result<u32, EngineError> {
        if self.list_leads(&LeadQuery::default())?.all > 0 {
            return Err(EngineError::Invalid(
                "The sample can only be loaded into an empty workspace.".into(),
            ));
        }
        let current = self.playbook()?;
        let mut playbook = current.playbook;
        playbook.handoff.roster = team();
        self.save_playbook(
            SavePlaybook {
                base_version: current.version,
                playbook,
            },
            "sample",
        )?;
        for n in 0..SAMPLE_SIZE {
            self.add_sample_lead(n)?;
        }
        Ok(SAMPLE_SIZE as u32)
    }

    fn add_sample_lead(&self, n: u64) -> Result<(), EngineError> {
        let i = n as usize;
        let (person, company, industry, country) = PEOPLE[i % PEOPLE.len()];
        let round = i / PEOPLE.len();
        let mut p = LeadProfile::default();
        p.contact.name = if round == 0 {
            person.to_string()
        } else {
            format!("{person} {}", round + 1)
        };
        p.contact.email = if i % 9 == 4 {
            String::new()
        } else {
            let user = person.split(' ').next().unwrap_or("hello").to_lowercase();
            let domain = company.to_lowercase().replace([' ', '&'], "");
            format!("{user}{round}@{domain}.example")
        };
        p.contact.phone = format!("+60 12-{:03} {:04}", 100 + i, 1000 + i * 37);
        p.contact.title = TITLES[(i * 5) % TITLES.len()].into();
        p.company.name = company.into();
        p.company.industry = industry.into();
        p.company.country = country.into();
        p.company.employees = Some([4, 25, 60, 120, 300, 1500][(i * 7) % 6]);
        p.company.target_account = i % 17 == 3;
        p.source.kind = SOURCES[(i * 3) % SOURCES.len()];
        p.source.campaign = ["Raya 2026", "Webinar Q3", "Google Ads", ""][i % 4].into();
        if p.source.kind == SourceKind::Event {
            p.source.event_name = "SME Digital Expo KL".into();
        }
        let SaveOutcome::Saved { detail } = self.create_lead(p, "sample")? else {
            return Err(EngineError::Invalid(
                "A sample lead failed validation.".into(),
            ));
        };
        let id = detail.lead.id;
        let depth = i % 8;
        let now = self.now();
        let ago = |days: i64| Some(now - Duration::days(days) - Duration::hours((i % 7) as i64));
        let act = |kind: ActivityKind, at| {
            self.log_activity(
                LogActivity {
                    id,
                    kind,
                    at,
                    note: String::new(),
                },
                "sample",
            )
        };
        act(
            ActivityKind::PageVisit {
                url: "/blog/whatsapp-leads".into(),
                pricing: false,
            },
            ago(40 - depth as i64),
        )?;
        if depth >= 1 {
            act(
                ActivityKind::ContentDownload {
                    asset: "Lead follow-up checklist".into(),
                },
                ago(20),
            )?;
            act(ActivityKind::EmailClick, ago(12))?;
        }
        if depth >= 2 {
            act(ActivityKind::DemoRequest, ago(6))?;
        }
        let rep = REPS[i % REPS.len()];
        if depth >= 3 {
            self.move_lead(
                MoveLead {
                    id,
                    event: LifecycleEvent::Accept { owner: rep.into() },
                },
                rep,
            )?;
            act(
                ActivityKind::Touch {
                    channel: Channel::Call,
                    outcome: TouchOutcome::Connected,
                },
                ago(4),
            )?;
        }
        if depth >= 4 {
            let mut p = self.lead_detail(id)?.lead.profile;
            p.bant.budget = "indicated".into();
            p.bant.authority = person.into();
            p.bant.need = "Stop losing WhatsApp enquiries".into();
            p.bant.timeline = "this quarter".into();
            p.opportunity.value = Some(Money {
                amount: 3_000 + 500 * n,
                currency: ["MYR", "IDR", "TWD", "CNY"][i % 4].into(),
            });
            p.opportunity.close_date = NaiveDate::from_ymd_opt(2026, 12, 15 + (i % 10) as u32);
            p.opportunity.stakeholders = vec![person.into()];
            self.update_lead(UpdateLead { id, profile: p }, rep)?;
            self.move_lead(
                MoveLead {
                    id,
                    event: LifecycleEvent::Qualify,
                },
                rep,
            )?;
        }
        if depth >= 5 {
            self.move_lead(
                MoveLead {
                    id,
                    event: LifecycleEvent::CreateOpportunity,
                },
                rep,
            )?;
        }
        if depth == 6 {
            self.move_lead(
                MoveLead {
                    id,
                    event: LifecycleEvent::Lose {
                        reason: "Chose a cheaper tool".into(),
                    },
                },
                rep,
            )?;
        }
        if depth == 7 {
            let mut p = self.lead_detail(id)?.lead.profile;
            p.closing.contract_signed = NaiveDate::from_ymd_opt(2026, 11, 1);
            p.closing.payment_terms = "Monthly".into();
            p.closing.onboarding = NaiveDate::from_ymd_opt(2026, 11, 10);
            self.update_lead(UpdateLead { id, profile: p }, rep)?;
            self.move_lead(
                MoveLead {
                    id,
                    event: LifecycleEvent::Win,
                },
                rep,
            )?;
        }
        Ok(())
    }
}

/// A made-up team covering every role the default routing rules name.
fn team() -> Vec<Rep> {
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
            &["MY"],
            &["SME Digital Expo KL"],
            3,
        ),
        rep("Joanne", Role::SeniorAe, &["TW", "CN"], &[], 2),
        rep("Ravi", Role::Ae, &["MY"], &[], 1),
        rep("Mei", Role::InsideSales, &["TW"], &[], 1),
        rep("Putu", Role::InsideSales, &["ID"], &[], 1),
        rep("Hafiz", Role::Sdr, &[], &[], 1),
        rep("Kenji", Role::EnterpriseAe, &[], &[], 1),
        rep("Farid", Role::Manager, &[], &[], 1),
    ]
}
