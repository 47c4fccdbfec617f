//! Funnel reports over the maintained cells, through real lead changes on a sled folder.

use chrono::{Duration, TimeZone, Utc};
use laju_core::funnel::{Dimension, FunnelFilter, Verdict};
use laju_core::lead::{LeadProfile, SourceKind};
use laju_core::lifecycle::LifecycleEvent;
use laju_core::Stage;
use laju_engine::analytics::ReportQuery;
use laju_engine::leads::{MoveLead, MoveOutcome, SaveOutcome};
use laju_engine::{FixedClock, Workspace};
use std::sync::Arc;

fn lead(ws: &Workspace, name: &str, source: SourceKind, owner: Option<&str>) -> u64 {
    let mut p = LeadProfile::default();
    p.contact.name = name.into();
    p.contact.email = format!("{}@example.com", name.to_lowercase());
    p.source.kind = source;
    p.owner = owner.map(str::to_string);
    match ws.create_lead(p, "t").expect("create") {
        SaveOutcome::Saved { detail } => detail.lead.id,
        SaveOutcome::Invalid { problems } => panic!("{problems:?}"),
    }
}

fn go(ws: &Workspace, id: u64, event: LifecycleEvent) {
    match ws.move_lead(MoveLead { id, event }, "t").expect("move") {
        MoveOutcome::Moved { .. } => {}
        MoveOutcome::Refused { message, .. } => panic!("{message}"),
    }
}

#[test]
fn the_funnel_counts_what_happened_and_equals_a_rebuild_from_scratch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FixedClock::at(
        Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
            .single()
            .expect("valid"),
    ));
    let ws = Workspace::open(dir.path(), clock.clone()).expect("open");
    let mut mqls = Vec::new();
    for n in 0..5 {
        let source = if n < 3 {
            SourceKind::Inbound
        } else {
            SourceKind::Event
        };
        let id = lead(&ws, &format!("Lead{n}"), source, None);
        go(&ws, id, LifecycleEvent::MarkMql);
        mqls.push(id);
    }
    lead(&ws, "Quiet", SourceKind::Inbound, None);
    clock.advance(Duration::days(2));
    for id in &mqls[..2] {
        go(
            &ws,
            *id,
            LifecycleEvent::Accept {
                owner: "Aisyah".into(),
            },
        );
    }
    go(
        &ws,
        mqls[4],
        LifecycleEvent::Reject {
            reason: "notIcp".into(),
        },
    );

    let all = ws.funnel_report(&ReportQuery::default()).expect("report");
    let step = |s: Stage| {
        all.overall
            .steps
            .iter()
            .find(|x| x.stage == s)
            .cloned()
            .expect("step")
    };
    assert_eq!(all.overall.leads, 6);
    assert_eq!(
        (step(Stage::Known).reached, step(Stage::Mql).reached),
        (6, 5)
    );
    assert_eq!(step(Stage::Sal).reached, 2);
    assert_eq!(step(Stage::Sal).conversion, Some(40.0));
    assert_eq!(
        step(Stage::Sal).verdict,
        Some(Verdict::Above),
        "40% is above 15–30%"
    );
    assert_eq!((step(Stage::Mql).now, step(Stage::Known).now), (2, 1));

    let events = ReportQuery {
        filter: FunnelFilter {
            source: Some(SourceKind::Event),
            ..Default::default()
        },
        by: Some(Dimension::Owner),
    };
    let answer = ws.funnel_report(&events).expect("report");
    assert_eq!(answer.overall.leads, 2);
    let velocity = ws
        .velocity_report(&ReportQuery::default())
        .expect("velocity");
    let mql = velocity
        .overall
        .stages
        .iter()
        .find(|s| s.stage == Stage::Mql)
        .expect("mql");
    assert_eq!(
        (mql.visits, mql.median_days),
        (3, Some(2)),
        "two accepted, one rejected, after 2 days"
    );

    let by_owner = ws
        .funnel_report(&ReportQuery {
            filter: FunnelFilter::default(),
            by: Some(Dimension::Owner),
        })
        .expect("report");
    let owners: Vec<_> = by_owner
        .groups
        .iter()
        .map(|g| (g.value.as_str(), g.report.leads))
        .collect();
    assert_eq!(
        owners,
        [("", 4), ("Aisyah", 2)],
        "accepting sets the owner, moving the lead's cell"
    );

    let maintained = serde_json::to_value(&by_owner).expect("json");
    drop(ws);
    {
        let db = sled::open(dir.path()).expect("sled");
        db.open_tree("meta")
            .expect("meta")
            .insert("rebuild_funnel", &[] as &[u8])
            .expect("note");
        db.flush().expect("flush");
    }
    let ws = Workspace::open(dir.path(), clock).expect("reopen and rebuild");
    let rebuilt = ws
        .funnel_report(&ReportQuery {
            filter: FunnelFilter::default(),
            by: Some(Dimension::Owner),
        })
        .expect("report");
    assert_eq!(serde_json::to_value(&rebuilt).expect("json"), maintained);
}
