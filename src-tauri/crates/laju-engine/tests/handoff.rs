//! The handoff inbox end to end over a real sled folder: routing, SLA clocks, breaches with a
//! clock the test moves, accept / reject, follow-up tasks and the recycling rule.

#[path = "support/schema4.rs"]
mod schema4;
mod support;

use chrono::Duration;
use laju_core::activity::{ActivityKind, Channel, TouchOutcome};
use laju_core::handoff::{RejectCode, Resolution};
use laju_core::lead::{LeadProfile, SourceKind};
use laju_core::lifecycle::{Actor, LifecycleEvent};
use laju_core::routing::{Rep, Role};
use laju_core::sla::SlaType;
use laju_core::Stage;
use laju_engine::handoff::{AcceptHandoff, InboxQuery, ReassignHandoff, RejectHandoff};
use laju_engine::leads::{LeadDetail, LogActivity, MoveLead, MoveOutcome, SaveOutcome};
use laju_engine::playbook::SavePlaybook;
use laju_engine::{FixedClock, Workspace};
use std::sync::Arc;
use support::{morning, opened};

/// A new workspace with two AEs and a manager on the roster, at 08:00 on Monday 2 March.
fn team() -> (tempfile::TempDir, Arc<FixedClock>, Workspace) {
    let (dir, clock, ws) = opened(morning(3, 2));
    let mut playbook = ws.playbook().expect("playbook");
    playbook.playbook.handoff.roster = vec![
        Rep::new("Budi", Role::Ae),
        Rep::new("Citra", Role::Ae),
        Rep::new("Farid", Role::Manager),
    ];
    ws.save_playbook(
        SavePlaybook {
            base_version: playbook.version,
            playbook: playbook.playbook,
        },
        "tester",
    )
    .expect("saved");
    (dir, clock, ws)
}

fn moved(outcome: MoveOutcome) -> LeadDetail {
    match outcome {
        MoveOutcome::Moved { detail } => *detail,
        MoveOutcome::Refused { message, .. } => panic!("refused: {message}"),
    }
}

/// An inbound lead from a small firm, marked MQL by hand.
fn mql(ws: &Workspace, name: &str) -> LeadDetail {
    let mut p = LeadProfile::default();
    p.contact.name = name.into();
    p.contact.email = format!("{}@example.com", name.to_lowercase());
    p.company.name = format!("{name} Sdn Bhd");
    p.source.kind = SourceKind::Inbound;
    let id = match ws.create_lead(p, "tester").expect("create") {
        SaveOutcome::Saved { detail } => detail.lead.id,
        SaveOutcome::Invalid { problems } => panic!("invalid: {problems:?}"),
    };
    moved(
        ws.move_lead(
            MoveLead {
                id,
                event: LifecycleEvent::MarkMql,
            },
            "tester",
        )
        .expect("move"),
    )
}

fn touch(ws: &Workspace, id: u64, outcome: TouchOutcome) -> LeadDetail {
    ws.log_activity(
        LogActivity {
            id,
            kind: ActivityKind::Touch {
                channel: Channel::Call,
                outcome,
            },
            at: None,
            note: String::new(),
        },
        "Budi",
    )
    .expect("logged")
}

#[test]
fn an_mql_waits_in_the_inbox_with_its_deadline_and_the_rule_that_routed_it() {
    let (_dir, _, ws) = team();
    let lead = mql(&ws, "Aminah");
    let handoff = lead.lead.handoff.expect("a handoff opened");
    assert_eq!(handoff.sla_type, SlaType::Inbound);
    assert_eq!(handoff.deadline, morning(3, 2) + Duration::minutes(30));
    let assignment = handoff.assignment.expect("routed");
    assert_eq!(
        (assignment.rep.as_str(), assignment.rule_id.as_str()),
        ("Budi", "standard")
    );

    let second = mql(&ws, "Bakar");
    assert_eq!(
        second
            .lead
            .handoff
            .and_then(|h| h.assignment)
            .map(|a| a.rep),
        Some("Citra".into()),
        "round-robin moves on"
    );
    let inbox = ws.inbox(&InboxQuery::default()).expect("inbox");
    let names: Vec<_> = inbox.items.iter().map(|i| i.lead.name.as_str()).collect();
    assert_eq!(names, ["Aminah", "Bakar"], "earliest deadline first");
    assert_eq!(inbox.now, morning(3, 2));
    let mine = ws
        .inbox(&InboxQuery {
            rep: Some("Citra".into()),
            limit: 0,
        })
        .expect("inbox");
    assert_eq!(mine.items.len(), 1);
    assert_eq!(mine.items[0].lead.name, "Bakar");
}

#[test]
fn past_its_deadline_an_unclaimed_mql_is_reassigned_breached_and_survives_a_restart() {
    let (dir, clock, ws) = team();
    let id = mql(&ws, "Aminah").lead.id;

    clock.advance(Duration::minutes(29));
    assert!(ws.tick().expect("tick").breaches.is_empty(), "not yet due");
    clock.advance(Duration::minutes(2));
    let report = ws.tick().expect("tick");
    assert_eq!(report.breaches.len(), 1);
    let breach = &report.breaches[0].breach;
    assert_eq!(breach.from.as_deref(), Some("Budi"));
    assert_eq!(breach.to.as_deref(), Some("Citra"));
    assert_eq!(breach.manager.as_deref(), Some("Farid"));
    assert!(
        ws.tick().expect("tick").breaches.is_empty(),
        "a breach is processed once"
    );
    drop(ws);

    let ws = Workspace::open(dir.path(), clock.clone()).expect("reopen");
    let inbox = ws.inbox(&InboxQuery::default()).expect("inbox");
    let item = &inbox.items[0];
    assert_eq!(item.lead.id, id);
    assert_eq!(item.handoff.assignee(), Some("Citra"));
    assert_eq!(item.handoff.breaches.len(), 1);
    assert_eq!(
        item.handoff.deadline,
        morning(3, 2) + Duration::minutes(31 + 30),
        "a fresh 30 minutes from the reassignment"
    );
}

#[test]
fn accepting_makes_a_sal_with_the_response_time_and_starts_the_follow_up_tasks() {
    let (_dir, clock, ws) = team();
    let id = mql(&ws, "Aminah").lead.id;
    clock.advance(Duration::minutes(4));
    let lead = moved(
        ws.accept_handoff(AcceptHandoff { id, owner: None }, "Budi")
            .expect("accept"),
    );
    assert_eq!(lead.lead.stage, Stage::Sal);
    assert_eq!(lead.lead.profile.owner.as_deref(), Some("Budi"));
    assert!(matches!(
        lead.lead.handoff.and_then(|h| h.resolution),
        Some(Resolution::Accepted {
            response_minutes: 4,
            ..
        })
    ));
    let inbox = ws.inbox(&InboxQuery::default()).expect("inbox");
    assert!(inbox.items.is_empty());
    assert_eq!(inbox.tasks.len(), 1, "the first touch is due");
    assert_eq!(
        inbox.tasks[0].follow_up.next_due,
        Some(morning(3, 2) + Duration::minutes(4))
    );
    assert_eq!(
        inbox.tasks[0].follow_up.touches, 7,
        "inbound content nurture: 7 touches"
    );

    touch(&ws, id, TouchOutcome::NoAnswer);
    let task = &ws.inbox(&InboxQuery::default()).expect("inbox").tasks[0];
    assert_eq!(task.follow_up.done, 1);
    assert_eq!(
        task.follow_up.next_due,
        Some(morning(3, 2) + Duration::minutes(4) + Duration::days(3))
    );
}

#[test]
fn six_unanswered_attempts_send_the_lead_back_to_marketing_by_rule() {
    let (_dir, _, ws) = team();
    let id = mql(&ws, "Aminah").lead.id;
    moved(
        ws.accept_handoff(AcceptHandoff { id, owner: None }, "Budi")
            .expect("accept"),
    );
    for _ in 0..5 {
        assert_eq!(
            touch(&ws, id, TouchOutcome::NoAnswer).lead.stage,
            Stage::Sal
        );
    }
    let lead = touch(&ws, id, TouchOutcome::LeftMessage);
    assert_eq!(lead.lead.stage, Stage::Recycled);
    let last = lead.history.last().expect("history");
    assert_eq!(last.reason.as_deref(), Some("No contact after 6 attempts"));
    assert!(matches!(&last.actor, Actor::Rule { rule_id, .. } if rule_id == "recycling"));
    assert!(ws
        .inbox(&InboxQuery::default())
        .expect("inbox")
        .tasks
        .is_empty());
}

#[test]
fn fourteen_quiet_days_recycle_on_the_tick_but_a_reached_lead_stays() {
    let (_dir, clock, ws) = team();
    let quiet = mql(&ws, "Aminah").lead.id;
    let reached = mql(&ws, "Bakar").lead.id;
    for id in [quiet, reached] {
        moved(
            ws.accept_handoff(AcceptHandoff { id, owner: None }, "Budi")
                .expect("accept"),
        );
    }
    touch(&ws, reached, TouchOutcome::Connected);
    clock.advance(Duration::days(14));
    let report = ws.tick().expect("tick");
    assert_eq!(report.recycled, [quiet]);
    assert_eq!(
        ws.lead_detail(reached).expect("lead").lead.stage,
        Stage::Sal
    );
}

#[test]
fn rejecting_records_the_reason_code_and_reassigning_keeps_the_deadline() {
    let (_dir, _, ws) = team();
    let first = mql(&ws, "Aminah").lead.id;
    let lead = moved(
        ws.reject_handoff(
            RejectHandoff {
                id: first,
                code: RejectCode::BadContact,
                note: "email bounced".into(),
            },
            "Budi",
        )
        .expect("reject"),
    );
    assert_eq!(lead.lead.stage, Stage::Recycled);
    assert!(matches!(
        lead.lead.handoff.and_then(|h| h.resolution),
        Some(Resolution::Rejected {
            code: RejectCode::BadContact,
            ..
        })
    ));

    let second = mql(&ws, "Bakar");
    let deadline = second.lead.handoff.as_ref().map(|h| h.deadline);
    let again = ws
        .reassign_handoff(
            ReassignHandoff {
                id: second.lead.id,
                rep: "Farid".into(),
            },
            "Farid",
        )
        .expect("reassign");
    let handoff = again.lead.handoff.expect("still pending");
    assert_eq!(handoff.assignee(), Some("Farid"));
    assert_eq!(Some(handoff.deadline), deadline);
    assert!(ws
        .reassign_handoff(
            ReassignHandoff {
                id: second.lead.id,
                rep: "Nobody".into(),
            },
            "Farid",
        )
        .is_err());
}

#[test]
fn mqls_stored_before_the_handoff_existed_get_one_when_the_workspace_is_upgraded() {
    let (dir, clock, ws) = team();
    let id = mql(&ws, "Aminah").lead.id;
    // Make the folder look as schema 2 left it: the lead stored without a handoff.
    let mut leads = schema4::capture(&ws);
    drop(ws);
    leads[0].detail.lead.handoff = None;
    schema4::write(dir.path(), &leads, 2);
    clock.advance(Duration::minutes(10));
    let ws = Workspace::open(dir.path(), clock.clone()).expect("upgrade");
    let inbox = ws.inbox(&InboxQuery::default()).expect("inbox");
    assert_eq!(inbox.items.len(), 1);
    assert_eq!(inbox.items[0].lead.id, id);
    assert_eq!(
        inbox.items[0].handoff.deadline,
        morning(3, 2) + Duration::minutes(10 + 30),
        "the clock starts at the upgrade"
    );
    drop(ws);
    let again = Workspace::open(dir.path(), clock).expect("reopen");
    assert_eq!(
        again
            .inbox(&InboxQuery::default())
            .expect("inbox")
            .items
            .len(),
        1
    );
}
