//! The projections kept by `commit` equal the ones rebuilt from the records, after every kind
//! of change the engine makes.

use super::Derived;
use crate::handoff::{AcceptHandoff, InboxQuery, RejectHandoff};
use crate::leads::{LogActivity, MergeLeads};
use crate::playbook::SavePlaybook;
use crate::{FixedClock, Workspace};
use chrono::{Duration, TimeZone, Utc};
use laju_core::activity::ActivityKind;
use laju_core::handoff::RejectCode;
use laju_core::lead::LeadProfile;
use std::sync::Arc;

fn rebuilt(ws: &Workspace) -> Derived {
    Derived::load(ws.db(), ws.dir()).expect("records")
}

fn assert_in_step(ws: &Workspace, after: &str) {
    assert!(
        *ws.derived() == rebuilt(ws),
        "projections drifted after {after}"
    );
}

#[test]
fn maintained_projections_equal_a_rebuild_after_every_kind_of_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let at = Utc
        .with_ymd_and_hms(2026, 11, 2, 9, 30, 0)
        .single()
        .expect("valid");
    let clock = Arc::new(FixedClock::at(at));
    let ws = Workspace::open(dir.path(), clock.clone()).expect("open");
    ws.load_sample(300).expect("sample");
    assert_in_step(&ws, "the sample import");

    let mut profile = LeadProfile::default();
    profile.contact.name = "Siti Rahman".into();
    profile.contact.email = "siti@kedai.example".into();
    profile.company.name = "Kedai Siti".into();
    let created = ws.create_lead(profile.clone(), "t").expect("create");
    let id = match created {
        crate::leads::SaveOutcome::Saved { detail } => detail.lead.id,
        crate::leads::SaveOutcome::Invalid { problems } => panic!("{problems:?}"),
    };
    let twin = match ws.create_lead(profile, "t").expect("create") {
        crate::leads::SaveOutcome::Saved { detail } => detail.lead.id,
        crate::leads::SaveOutcome::Invalid { problems } => panic!("{problems:?}"),
    };
    let log = |kind| LogActivity {
        id,
        kind,
        at: None,
        note: String::new(),
    };
    ws.log_activity(log(ActivityKind::DemoRequest), "t")
        .expect("log");
    assert_in_step(&ws, "an activity that made an MQL");

    let waiting = ws.inbox(&InboxQuery::default()).expect("inbox").items;
    assert!(waiting.len() >= 2, "the sample leaves handoffs waiting");
    ws.accept_handoff(
        AcceptHandoff {
            id: waiting[0].lead.id,
            owner: None,
        },
        "t",
    )
    .expect("accept");
    ws.reject_handoff(
        RejectHandoff {
            id: waiting[1].lead.id,
            code: RejectCode::NotIcp,
            note: String::new(),
        },
        "t",
    )
    .expect("reject");
    assert_in_step(&ws, "an accept and a reject");

    ws.merge_leads(
        MergeLeads {
            keep: id,
            duplicate: twin,
        },
        "t",
    )
    .expect("merge");
    assert_in_step(&ws, "a merge");

    clock.advance(Duration::days(20));
    ws.tick().expect("tick");
    assert_in_step(&ws, "a tick that reassigned and recycled");

    let current = ws.playbook().expect("playbook");
    let mut playbook = current.playbook;
    playbook.engagement.mql_threshold -= 10;
    playbook.icp.industries.push("retail".into());
    ws.save_playbook(
        SavePlaybook {
            base_version: current.version,
            playbook,
        },
        "t",
    )
    .expect("save");
    ws.rescore_all(|_| {}).expect("rescore");
    assert_in_step(&ws, "a rescore under a lower threshold and a wider ICP");

    let kept = rebuilt(&ws);
    drop(ws);
    let reopened = Workspace::open(dir.path(), clock).expect("reopen");
    assert!(
        *reopened.derived() == kept,
        "a reopen rebuilds the same projections"
    );
}
