//! The comparison over a few hand-made leads, each figure worked out by hand beside it.

use super::*;
use crate::activity::{Activity, ActivityKind};
use crate::handoff::{Breach, Handoff, Resolution};
use crate::lead::{Lead, LeadProfile};
use crate::lifecycle::{Actor, StageChange};
use crate::routing::{Assign, Assignment, Rep, Role, RoutingRule};
use crate::workshop::replay::LeadInput;
use chrono::{Duration, TimeZone};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0)
        .single()
        .expect("date")
}

fn minutes(n: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(n)
}

/// An ICP founder from an inbound form (the default ICP: size, industry and title match).
fn lead(id: u64, stage: Stage) -> Lead {
    let mut profile = LeadProfile::default();
    profile.contact.name = format!("Lead {id}");
    profile.contact.email = format!("lead{id}@kedai.my");
    profile.contact.title = "Founder".into();
    profile.company.name = format!("Kedai {id}");
    profile.company.employees = Some(50);
    profile.company.industry = "Retail".into();
    Lead {
        id,
        stage,
        profile,
        created_at: t0() - Duration::days(2),
        updated_at: t0(),
        stage_entered_at: t0(),
        last_activity_at: t0(),
        outcome: None,
        handoff: None,
        follow_up: None,
    }
}

fn entry(to: Stage, at: DateTime<Utc>) -> StageChange {
    StageChange {
        from: None,
        to,
        at,
        actor: Actor::Person {
            name: "import".into(),
        },
        event: None,
        reason: None,
    }
}

/// Known two days before t0, an MQL (by a person) at `mql`, then accepted at `accepted`.
fn history(mql: DateTime<Utc>, accepted: Option<DateTime<Utc>>) -> Vec<StageChange> {
    let mut h = vec![
        entry(Stage::Anonymous, t0() - Duration::days(2)),
        entry(Stage::Known, t0() - Duration::days(2)),
        entry(Stage::Mql, mql),
    ];
    h.extend(accepted.map(|at| entry(Stage::Sal, at)));
    h
}

fn handoff(rep: &str, start: DateTime<Utc>, answered: Option<DateTime<Utc>>) -> Handoff {
    Handoff {
        sla_type: SlaType::Icp,
        minutes: 5,
        assignment: Some(Assignment {
            rep: rep.into(),
            rule_id: "standard".into(),
            rule_label: "AE round-robin".into(),
            assign: Some(Assign::RoundRobin { role: Role::Ae }),
        }),
        started_at: start,
        deadline: start + Duration::minutes(5),
        breaches: Vec::new(),
        resolution: answered.map(|at| Resolution::Accepted {
            at,
            owner: rep.into(),
            response_minutes: (at - start).num_minutes(),
        }),
    }
}

struct Record {
    lead: Lead,
    history: Vec<StageChange>,
    activities: Vec<Activity>,
}

fn playbook(roster: Vec<Rep>) -> Playbook {
    let mut p = Playbook::default();
    p.handoff.roster = roster;
    p.handoff.routing = vec![RoutingRule {
        id: "standard".into(),
        label: "AE round-robin".into(),
        when: Default::default(),
        assign: Assign::RoundRobin { role: Role::Ae },
    }];
    p
}

fn ae(name: &str, capacity: Option<u32>) -> Rep {
    Rep {
        capacity,
        ..Rep::new(name, Role::Ae)
    }
}

fn what_if(records: &[Record], current: &Playbook, draft: &Playbook, now: DateTime<Utc>) -> WhatIf {
    let books = Playbooks::new(current, draft, now);
    let mut leads: Vec<LeadReplay> = records
        .iter()
        .map(|r| {
            let input = LeadInput {
                lead: &r.lead,
                history: &r.history,
                activities: &r.activities,
                duplicate: false,
            };
            replay_lead(input, &books)
        })
        .collect();
    compare(&mut leads, &books)
}

/// Three ICP handoffs to Ravi at t0: answered in 10 minutes after the tick recorded a breach,
/// answered in 3, and still waiting 20 minutes on with no tick since.
fn icp_handoffs() -> Vec<Record> {
    let answered = |id, after: i64, breached: bool| {
        let mut l = lead(id, Stage::Sal);
        let mut h = handoff("Ravi", t0(), Some(minutes(after)));
        if breached {
            h.breaches.push(Breach {
                at: minutes(5),
                deadline: minutes(5),
                from: Some("Ravi".into()),
                to: Some("Ravi".into()),
                manager: None,
            });
        }
        l.handoff = Some(h);
        Record {
            lead: l,
            history: history(t0(), Some(minutes(after))),
            activities: Vec::new(),
        }
    };
    let mut waiting = lead(3, Stage::Mql);
    waiting.handoff = Some(handoff("Ravi", t0(), None));
    vec![
        answered(1, 10, true),
        answered(2, 3, false),
        Record {
            lead: waiting,
            history: history(t0(), None),
            activities: Vec::new(),
        },
    ]
}

#[test]
fn a_draft_equal_to_the_playbook_in_force_changes_nothing() {
    let p = playbook(vec![ae("Ravi", None)]);
    let w = what_if(&icp_handoffs(), &p, &p, minutes(20));
    assert_eq!(w.leads, 3);
    assert_eq!(w.sla.current, w.sla.draft);
    assert!(w.funnel.iter().all(|s| s.current == s.draft));
    assert_eq!(
        w.mqls,
        Compared {
            current: 3,
            draft: 3
        }
    );
    assert_eq!(w.changed, ChangeCounts::default());
    assert_eq!(w.mql_changes, MqlChanges::default());
    assert_eq!(w.reps[0].figures.current, w.reps[0].figures.draft);
}

#[test]
fn a_15_minute_icp_sla_turns_the_10_minute_answer_into_a_kept_one() {
    let current = playbook(vec![ae("Ravi", None)]);
    let mut draft = current.clone();
    let icp = draft
        .handoff
        .sla
        .targets
        .iter_mut()
        .find(|t| t.lead_type == SlaType::Icp)
        .expect("an ICP target");
    icp.minutes = 15;
    let w = what_if(&icp_handoffs(), &current, &draft, minutes(20));
    let row = &w.sla_by_type[0];
    assert_eq!(row.lead_type, SlaType::Icp);
    // As recorded: 3 handoffs; decided: the two answered (the waiting one has no breach on
    // record); within: the 3-minute answer; breached: the 10-minute one.
    let c = &row.sla.current;
    assert_eq!((c.handoffs, c.decided, c.within, c.breached), (3, 2, 1, 1));
    assert_eq!(c.compliance, Some(50.0));
    // Under 15 minutes the 10-minute answer is within. The waiting one is 20 minutes old, late
    // under both, so its record (no breach yet) stands.
    let d = &row.sla.draft;
    assert_eq!((d.handoffs, d.decided, d.within, d.breached), (3, 2, 2, 0));
    assert_eq!(d.compliance, Some(100.0));
    assert_eq!(
        w.sla.draft.median_minutes,
        Some(6.5),
        "10 and 3 minutes: unchanged"
    );
}

/// Three handoffs to Ravi at t0, one and two hours on, all answered ten hours after t0.
fn overlapping() -> Vec<Record> {
    (0..3)
        .map(|i| {
            let start = t0() + Duration::hours(i as i64);
            let answered = t0() + Duration::hours(10);
            let mut l = lead(10 + i, Stage::Sal);
            l.handoff = Some(handoff("Ravi", start, Some(answered)));
            Record {
                lead: l,
                history: history(start, Some(answered)),
                activities: Vec::new(),
            }
        })
        .collect()
}

#[test]
fn recorded_assignments_count_for_the_current_column_and_the_draft_routes_by_its_rules() {
    let current = playbook(vec![ae("Ravi", None)]);
    let draft = playbook(vec![ae("Ravi", Some(1)), ae("Budi", Some(1))]);
    let w = what_if(&overlapping(), &current, &draft, t0() + Duration::days(1));
    let names: Vec<&str> = w.reps.iter().map(|r| r.rep.as_str()).collect();
    assert_eq!(names, ["Ravi", "Budi"], "the draft's roster order");
    let ravi = &w.reps[0].figures;
    // Recorded: all three, held at once; no capacity.
    assert_eq!((ravi.current.handoffs, ravi.current.peak_held), (3, 3));
    assert!(!ravi.current.over_capacity);
    // The draft: round-robin gives Ravi the first (both replays agree: his on record), Budi
    // the second, and nobody the third, as both hold one, their capacity.
    assert_eq!((ravi.draft.handoffs, ravi.draft.peak_held), (1, 1));
    assert!(!ravi.draft.over_capacity);
    let budi = &w.reps[1].figures;
    assert!(!budi.current.on_roster && budi.draft.on_roster);
    assert_eq!((budi.current.handoffs, budi.draft.handoffs), (0, 1));
    assert_eq!(
        w.unrouted,
        Compared {
            current: 0,
            draft: 1
        }
    );
    assert_eq!(
        w.reps_over_capacity,
        Compared {
            current: 0,
            draft: 0
        }
    );
}

#[test]
fn a_recorded_handoff_with_no_rep_on_record_stays_with_nobody_under_other_rules() {
    // Imported histories say how an MQL ended, not who had it.
    let mut records = overlapping();
    for r in &mut records {
        let handoff = r.lead.handoff.as_mut().expect("handoff");
        handoff.assignment = None;
    }
    let current = playbook(vec![ae("Ravi", None)]);
    let draft = playbook(vec![ae("Ravi", None), ae("Budi", None)]);
    let w = what_if(&records, &current, &draft, t0() + Duration::days(1));
    assert_eq!(
        w.unrouted,
        Compared {
            current: 3,
            draft: 3
        },
        "a new rep on the roster does not take handoffs nobody is known to have had"
    );
    assert!(w.reps.iter().all(|r| r.figures.draft.handoffs == 0));
}

#[test]
fn a_recorded_assignment_beyond_capacity_counts_over_it() {
    // Capacity 2 on both sides, three held at once on record: routing would have refused the
    // third under either, so the replays agree and the record stands, over capacity.
    let p = playbook(vec![ae("Ravi", Some(2))]);
    let mut draft = p.clone();
    draft.engagement.mql_threshold = 45;
    let w = what_if(&overlapping(), &p, &draft, t0() + Duration::days(1));
    let ravi = &w.reps[0].figures;
    assert_eq!(
        (ravi.current.peak_held, ravi.current.capacity),
        (3, Some(2))
    );
    assert_eq!(ravi.current, ravi.draft);
    assert_eq!(
        w.reps_over_capacity,
        Compared {
            current: 1,
            draft: 1
        }
    );
}

#[test]
fn a_lower_threshold_makes_a_known_lead_an_mql_that_stops_there() {
    // 35 fit points, then a download (8) at t0.
    let mut l = lead(20, Stage::Known);
    l.profile.contact.title = "Founder".into();
    let activities = vec![Activity::logged(
        minutes(0),
        ActivityKind::ContentDownload {
            asset: "guide".into(),
        },
        "",
        "",
    )];
    let records = [Record {
        lead: l,
        history: history(t0(), None)[..2].to_vec(),
        activities,
    }];
    let current = playbook(vec![ae("Ravi", None)]);
    let mut draft = current.clone();
    draft.engagement.mql_threshold = 40;
    // 35 + 8 = 43: under 50, at 40.
    let w = what_if(&records, &current, &draft, t0() + Duration::days(1));
    assert_eq!(
        w.mqls,
        Compared {
            current: 0,
            draft: 1
        }
    );
    assert_eq!(w.mqls_by_month.len(), 1);
    assert_eq!(w.mqls_by_month[0].month, 202603);
    assert_eq!(w.mql_changes.new, 1);
    let changed = &w.changed_leads[0];
    assert_eq!((changed.id, changed.name.as_str()), (20, "Lead 20"));
    assert_eq!(
        changed.stage,
        Compared {
            current: Stage::Known,
            draft: Stage::Mql
        }
    );
    // Inbound 60, ICP 100: IQL 40 → 64 (medium); MQL 60 → 72 (high).
    assert_eq!(
        changed.priority,
        Compared {
            current: 64,
            draft: 72
        }
    );
    assert_eq!(
        w.changed,
        ChangeCounts {
            leads: 1,
            stage: 1,
            band: 1
        }
    );
    let mql = w
        .funnel
        .iter()
        .find(|s| s.current.stage == Stage::Mql)
        .expect("MQL step");
    assert_eq!((mql.current.reached, mql.draft.reached), (0, 1));
    // The new handoff is routed to Ravi and counted, but nobody answered it: undecided.
    assert_eq!(w.reps[0].figures.draft.handoffs, 1);
    assert_eq!((w.sla.draft.handoffs, w.sla.draft.decided), (1, 0));
}

#[test]
fn a_refused_draft_names_the_field() {
    let mut draft = Playbook::default();
    draft.composite.fit = 40;
    let problem = draft.validate().expect_err("110%");
    assert_eq!(problem_field(&problem, &draft), "composite");
    let mut draft = Playbook::default();
    draft.qualification_points.pop();
    let problem = draft.validate().expect_err("a row short");
    assert_eq!(problem_field(&problem, &draft), "qualificationPoints");
}
