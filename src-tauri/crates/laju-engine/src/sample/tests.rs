use super::generate::generate;
use super::team::team;
use crate::analytics::{BlackHoleKind, ReportQuery};
use crate::leads::LeadQuery;
use crate::{FixedClock, Workspace};
use chrono::{DateTime, Duration, TimeZone, Utc};
use laju_core::activity::{ActivityKind, TouchOutcome};
use laju_core::classification::FitClass;
use laju_core::handoff::HandoffRules;
use laju_core::import::Incoming;
use laju_core::lead::{Lead, SourceKind};
use laju_core::sla::SlaType;
use laju_core::{scoring, triggers, Playbook, Stage};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 30, 0)
        .single()
        .expect("valid")
}

fn reached(leads: &[Incoming], stage: Stage) -> usize {
    leads
        .iter()
        .filter(|l| l.entered.iter().any(|(s, _)| *s == stage))
        .count()
}

fn entered(lead: &Incoming, stage: Stage) -> Option<DateTime<Utc>> {
    lead.entered.iter().find(|(s, _)| *s == stage).map(|e| e.1)
}

fn rate(leads: &[Incoming], from: Stage, to: Stage) -> f64 {
    reached(leads, to) as f64 / reached(leads, from).max(1) as f64
}

#[test]
fn the_same_seed_and_moment_give_the_same_sample_and_another_seed_another() {
    let a = generate(300, 7, now());
    assert_eq!(a, generate(300, 7, now()));
    assert_ne!(a, generate(300, 8, now()));
    assert_eq!(a.len(), 300);
    assert!(generate(0, 7, now()).is_empty());
    assert_eq!(generate(1, 7, now()).len(), 1);
}

#[test]
fn every_history_runs_forward_inside_the_last_year_and_ends_in_the_lead_stage() {
    for lead in generate(2_000, 1, now()) {
        let created = lead.created_at.expect("created");
        assert!(created <= now() && created >= now() - Duration::days(366));
        assert_eq!(lead.entered[0].1, created, "{lead:?}");
        for pair in lead.entered.windows(2) {
            assert!(pair[0].1 < pair[1].1, "{lead:?}");
            let on_path = |s: Stage| Stage::MAIN_PATH.iter().position(|x| *x == s);
            if let (Some(a), Some(b)) = (on_path(pair[0].0), on_path(pair[1].0)) {
                assert_eq!(b, a + 1, "main stages follow the path in order");
            }
        }
        let (last, at) = lead.entered[lead.entered.len() - 1];
        assert!(at <= now());
        assert_eq!(lead.stage, Some(last));
        let off_path = !Stage::MAIN_PATH.contains(&last);
        assert_eq!(off_path, !lead.reason.is_empty(), "{lead:?}");
        for a in &lead.activities {
            assert!(a.at >= created && a.at <= now(), "{lead:?}");
        }
        assert!(lead.activities.windows(2).all(|w| w[0].at <= w[1].at));
    }
}

#[test]
fn profiles_are_valid_unique_and_carry_what_each_passed_gate_asks_for() {
    let playbook = Playbook::default();
    let roster: HashSet<String> = team().into_iter().map(|r| r.name).collect();
    let leads = generate(2_000, 3, now());
    let mut emails = HashSet::new();
    let mut people = HashSet::new();
    for lead in &leads {
        let p = &lead.profile;
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        let email = p.contact.email.to_lowercase();
        assert!(
            email.is_empty() || emails.insert(email),
            "{}",
            p.contact.email
        );
        if !p.contact.name.is_empty() {
            assert!(people.insert((p.contact.name.clone(), p.company.name.clone())));
        }
        let stage = lead.stage.expect("stage");
        let gates_for = lead
            .entered
            .iter()
            .map(|(s, _)| *s)
            .filter(|s| Stage::MAIN_PATH.contains(s));
        for passed in gates_for {
            let unmet = laju_core::gates::unmet(passed, p, &playbook);
            assert!(unmet.is_empty(), "{stage:?} {passed:?} {unmet:?} {p:?}");
        }
        let sal = entered(lead, Stage::Sal).is_some();
        assert_eq!(sal, p.owner.is_some(), "an owner once sales took it");
        if let Some(owner) = &p.owner {
            assert!(roster.contains(owner), "{owner}");
        }
        if let Some(value) = &p.opportunity.value {
            let currency = match p.company.country.as_str() {
                "MY" => "MYR",
                "ID" => "IDR",
                "TW" => "TWD",
                "CN" => "CNY",
                _ => "SGD",
            };
            assert_eq!(value.currency, currency);
            assert!(value.amount > 0);
        }
    }
    let countries: HashSet<_> = leads
        .iter()
        .map(|l| l.profile.company.country.clone())
        .collect();
    assert_eq!(countries.len(), 5);
    let free = leads
        .iter()
        .filter(|l| {
            ["gmail.com", "qq.com", "yahoo.com"]
                .iter()
                .any(|d| l.profile.contact.email.ends_with(d))
        })
        .count();
    assert!(free > 100 && free < 600, "some use free mail: {free}");
    assert!(leads.iter().any(|l| l.profile.company.target_account));
}

#[test]
fn every_source_and_several_segments_appear_and_convert_differently() {
    let playbook = Playbook::default();
    let leads = generate(2_000, 5, now());
    for kind in SourceKind::ALL {
        let of_kind: Vec<_> = leads
            .iter()
            .filter(|l| l.profile.source.kind == kind)
            .cloned()
            .collect();
        assert!(of_kind.len() > 100, "{kind:?}: {}", of_kind.len());
    }
    let fits: HashSet<_> = leads
        .iter()
        .map(|l| FitClass::of(&l.profile, &playbook.icp))
        .collect();
    assert_eq!(fits.len(), FitClass::ALL.len(), "{fits:?}");
    let of = |kind: SourceKind| -> Vec<Incoming> {
        leads
            .iter()
            .filter(|l| l.profile.source.kind == kind)
            .cloned()
            .collect()
    };
    let (referral, database) = (of(SourceKind::Referral), of(SourceKind::Database));
    assert!(
        rate(&referral, Stage::Mql, Stage::Sal) > 2.0 * rate(&database, Stage::Mql, Stage::Sal),
        "referrals are accepted far more often than purchased lists"
    );
    let event = of(SourceKind::Event);
    assert!(event
        .iter()
        .all(|l| !l.profile.source.event_name.is_empty()));
    assert!(referral
        .iter()
        .all(|l| !l.profile.source.referrer.is_empty()));
    assert!(of(SourceKind::Partner)
        .iter()
        .all(|l| !l.profile.source.partner.is_empty()));
    assert!(of(SourceKind::PaidAds)
        .iter()
        .all(|l| !l.profile.source.campaign.is_empty()));
}

#[test]
fn conversion_lands_near_the_benchmarks_and_a_few_percent_become_customers() {
    let leads = generate(2_000, super::SEED, now());
    let n = leads.len() as f64;
    let share = |stage| reached(&leads, stage) as f64 / n;
    assert!(
        (0.4..0.85).contains(&share(Stage::Mql)),
        "{}",
        share(Stage::Mql)
    );
    assert!(
        (0.02..0.12).contains(&share(Stage::Customer)),
        "{}",
        share(Stage::Customer)
    );
    // DOMAIN.md's bands, ten points wider on top: the sample's team does a little better
    // than the benchmark, or a few percent would never become customers.
    for (from, to, low, high) in [
        (Stage::Mql, Stage::Sal, 0.15, 0.40),
        (Stage::Sal, Stage::Sql, 0.40, 0.70),
        (Stage::Sql, Stage::Opportunity, 0.30, 0.60),
        (Stage::Opportunity, Stage::Customer, 0.20, 0.50),
    ] {
        let r = rate(&leads, from, to);
        assert!((low..high).contains(&r), "{from:?} → {to:?}: {r}");
    }
    for stage in [Stage::Recycled, Stage::Disqualified, Stage::ClosedLost] {
        assert!(reached(&leads, stage) > 20, "{stage:?}");
    }
}

#[test]
fn stage_waits_sit_around_the_typical_durations() {
    let leads = generate(2_000, 13, now());
    let average_days = |stage: Stage| {
        let waits: Vec<f64> = leads
            .iter()
            .filter_map(|l| {
                let at = l.entered.iter().position(|(s, _)| *s == stage)?;
                let next = l.entered.get(at + 1)?;
                Some((next.1 - l.entered[at].1).num_seconds() as f64 / 86_400.0)
            })
            .collect();
        waits.iter().sum::<f64>() / waits.len().max(1) as f64
    };
    for (stage, low, high) in [
        (Stage::Known, 7.0, 30.0),
        (Stage::Mql, 0.5, 3.0),
        (Stage::Sal, 5.0, 16.0),
        (Stage::Sql, 14.0, 42.0),
        (Stage::Opportunity, 30.0, 120.0),
    ] {
        let avg = average_days(stage);
        assert!((low..high).contains(&avg), "{stage:?}: {avg}");
    }
}

#[test]
fn fresh_mqls_wait_some_within_and_some_past_their_sla() {
    let rules = HandoffRules::default();
    let playbook = Playbook::default();
    let leads = generate(300, 2, now());
    let (mut within, mut overdue) = (HashSet::new(), HashSet::new());
    for lead in leads.iter().filter(|l| l.stage == Some(Stage::Mql)) {
        let since = entered(lead, Stage::Mql).expect("mql");
        let fit = FitClass::of(&lead.profile, &playbook.icp);
        let kind = SlaType::of(lead.profile.source.kind, fit);
        let due = since + Duration::minutes(i64::from(rules.sla.minutes(kind)));
        if now() - since < Duration::days(4) {
            if due < now() {
                overdue.insert(kind);
            } else {
                within.insert(kind);
            }
        }
    }
    for kind in [
        SlaType::Icp,
        SlaType::Referral,
        SlaType::Inbound,
        SlaType::Event,
        SlaType::Database,
    ] {
        assert!(overdue.contains(&kind), "{kind:?} overdue: {overdue:?}");
        assert!(within.contains(&kind), "{kind:?} within: {within:?}");
    }
}

#[test]
fn black_holes_are_there_to_find() {
    let leads = generate(2_000, 17, now());
    let today = now().date_naive();
    let aged = leads
        .iter()
        .filter(|l| l.stage == Some(Stage::Opportunity))
        .filter(|l| l.profile.opportunity.close_date.is_some_and(|d| d < today))
        .count();
    let open = leads
        .iter()
        .filter(|l| l.stage == Some(Stage::Opportunity))
        .count();
    assert!(aged > 3 && aged * 2 < open, "aged {aged} of {open}");
    let unreached = leads
        .iter()
        .filter(|l| l.stage == Some(Stage::Sal))
        .filter(|l| {
            let since = entered(l, Stage::Sal).expect("sal");
            let touches: Vec<_> = l
                .activities
                .iter()
                .filter(|a| a.at >= since)
                .filter_map(|a| match a.kind {
                    ActivityKind::Touch { outcome, .. } => Some(outcome),
                    _ => None,
                })
                .collect();
            !touches.is_empty()
                && touches
                    .iter()
                    .all(|o| !matches!(o, TouchOutcome::Connected | TouchOutcome::Replied))
        })
        .count();
    assert!(unreached > 3, "{unreached}");
    let old_sql = leads
        .iter()
        .filter(|l| l.stage == Some(Stage::Sql))
        .filter(|l| entered(l, Stage::Sql).is_some_and(|at| now() - at > Duration::days(42)))
        .count();
    assert!(old_sql > 3, "{old_sql}");
}

#[test]
fn no_playbook_rule_moves_a_lead_the_sample_left_where_it_is() {
    let playbook = Playbook::default();
    for lead in generate(2_000, 19, now()) {
        let stage = lead.stage.expect("stage");
        let (_, since) = lead.entered[lead.entered.len() - 1];
        let created = lead.created_at.expect("created");
        let record = Lead {
            id: 1,
            stage,
            profile: lead.profile.clone(),
            created_at: created,
            updated_at: now(),
            stage_entered_at: since,
            last_activity_at: created,
            outcome: None,
            handoff: None,
            follow_up: None,
        };
        let engagement = scoring::engagement(&lead.profile, &lead.activities, &playbook, now());
        let firing = triggers::first_firing(
            &record,
            &lead.activities,
            engagement.total,
            &playbook,
            now(),
        );
        assert!(
            firing.is_none(),
            "{stage:?} {:?} {lead:?}",
            firing.map(|f| f.rule.id.clone())
        );
    }
}

#[test]
fn the_sample_imports_whole_with_its_team_and_only_into_an_empty_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::at(now()));
    let ws = Workspace::open(dir.path(), clock.clone()).expect("open");
    assert_eq!(
        ws.load_sample(Workspace::SAMPLE_LEADS).expect("sample"),
        300
    );
    assert!(
        ws.load_sample(10).is_err(),
        "a second load would mix samples into real data"
    );
    assert_eq!(
        ws.playbook().expect("playbook").playbook.handoff.roster,
        team()
    );

    let expected = generate(300, super::SEED, now());
    let mut want: BTreeMap<Stage, usize> = BTreeMap::new();
    for lead in &expected {
        *want.entry(lead.stage.expect("stage")).or_default() += 1;
    }
    for (stage, count) in want {
        let page = ws
            .list_leads(&LeadQuery {
                stage: Some(stage),
                ..Default::default()
            })
            .expect("list");
        assert_eq!(page.total as usize, count, "{stage:?}");
    }
    let holes = ws.black_holes(&ReportQuery::default()).expect("holes");
    for kind in BlackHoleKind::ALL {
        let total = holes
            .holes
            .iter()
            .find(|h| h.kind == kind)
            .map_or(0, |h| h.total);
        assert!(total > 0, "{kind:?} is empty");
    }
    let ticked = ws.tick().expect("tick");
    assert!(
        !ticked.breaches.is_empty(),
        "overdue MQLs breach on the first tick"
    );
}
