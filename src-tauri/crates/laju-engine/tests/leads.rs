//! Lead use cases end to end over a real sled folder, with a clock the test moves.

mod support;

use chrono::Duration;
use laju_core::activity::ActivityKind;
use laju_core::classification::{FitClass, Qualification};
use laju_core::lead::{LeadProfile, Outcome, SourceKind};
use laju_core::lifecycle::{Actor, EventKind, LifecycleEvent, Refusal};
use laju_core::Stage;
use laju_engine::leads::{
    LeadDetail, LeadQuery, LeadSort, LogActivity, MergeLeads, MoveLead, MoveOutcome, SaveOutcome,
    UpdateLead,
};
use laju_engine::playbook::SavePlaybook;
use laju_engine::Workspace;
use support::{morning, opened};

fn profile(name: &str, email: &str) -> LeadProfile {
    let mut p = LeadProfile::default();
    p.contact.name = name.into();
    p.contact.email = email.into();
    p
}

fn saved(outcome: SaveOutcome) -> LeadDetail {
    match outcome {
        SaveOutcome::Saved { detail } => *detail,
        SaveOutcome::Invalid { problems } => panic!("invalid: {problems:?}"),
    }
}

fn moved(outcome: MoveOutcome) -> LeadDetail {
    match outcome {
        MoveOutcome::Moved { detail } => *detail,
        MoveOutcome::Refused { message, .. } => panic!("refused: {message}"),
    }
}

fn log(ws: &Workspace, id: u64, kind: ActivityKind) -> LeadDetail {
    ws.log_activity(
        LogActivity {
            id,
            kind,
            at: None,
            note: String::new(),
        },
        "tester",
    )
    .expect("logged")
}

fn rules(detail: &LeadDetail) -> Vec<String> {
    detail
        .history
        .iter()
        .filter_map(|h| match &h.actor {
            Actor::Rule { rule_id, .. } => Some(rule_id.clone()),
            Actor::Person { .. } => None,
        })
        .collect()
}

#[test]
fn a_captured_contact_becomes_known_by_rule_and_a_demo_request_makes_it_an_mql() {
    let (_dir, _, ws) = opened(morning(3, 2));
    let lead = saved(
        ws.create_lead(profile("Siti Aminah", "siti@kedai.my"), "Aminah")
            .expect("create"),
    );
    assert_eq!(lead.lead.stage, Stage::Known);
    assert_eq!(lead.history.len(), 2, "created, then captured");
    assert_eq!(lead.history[0].from, None);
    assert_eq!(rules(&lead), ["contact-captured"]);

    let after_visit = log(
        &ws,
        lead.lead.id,
        ActivityKind::PageVisit {
            url: "/blog".into(),
            pricing: false,
        },
    );
    assert_eq!(after_visit.lead.stage, Stage::Known);
    let mql = log(&ws, lead.lead.id, ActivityKind::DemoRequest);
    assert_eq!(mql.lead.stage, Stage::Mql);
    assert_eq!(rules(&mql), ["contact-captured", "demo-request"]);
    let last = mql.history.last().expect("entry");
    assert_eq!(
        (last.from, last.to, last.event),
        (Some(Stage::Known), Stage::Mql, Some(EventKind::MarkMql))
    );
    assert!(mql
        .assessment
        .engagement
        .lines
        .iter()
        .any(|l| l.criterion == "demo-request" && l.points == 30.0));
    assert_eq!(mql.activities.len(), 2);
    assert!(
        matches!(mql.activities[0].kind, ActivityKind::DemoRequest),
        "newest first"
    );
}

#[test]
fn the_seed_examples_score_84_and_38_through_the_engine() {
    let (_dir, _, ws) = opened(morning(3, 2));

    let mut referral = profile("Hendra", "hendra@tokobaju.co.id");
    referral.source.kind = SourceKind::Referral;
    referral.contact.title = "Owner".into();
    referral.company.name = "Toko Baju".into();
    referral.company.employees = Some(25);
    referral.company.industry = "Retail".into();
    let lead = saved(ws.create_lead(referral, "t").expect("create"));
    let mql = log(
        &ws,
        lead.lead.id,
        ActivityKind::FormSubmit { contact_us: true },
    );
    assert_eq!(mql.lead.stage, Stage::Mql);
    assert_eq!(mql.assessment.classification.fit, FitClass::Icp);
    assert_eq!(mql.assessment.priority.total, 84);

    let mut listed = LeadProfile::default();
    listed.contact.name = "Lim".into();
    listed.contact.phone = "+60 3-1234 5678".into();
    listed.contact.title = "Manager".into();
    listed.company.employees = Some(80);
    listed.company.industry = "Mining".into();
    listed.source.kind = SourceKind::Database;
    let low = saved(ws.create_lead(listed, "t").expect("create"));
    assert_eq!(
        low.assessment.classification.qualification,
        Qualification::Raw
    );
    assert_eq!(low.assessment.classification.fit, FitClass::NearIcp);
    assert_eq!(low.assessment.priority.total, 38);

    let page = ws.list_leads(&LeadQuery::default()).expect("list");
    let order: Vec<_> = page.rows.iter().map(|r| r.priority).collect();
    assert_eq!(order, [84, 38], "sorted by priority");
}

#[test]
fn a_gated_move_is_refused_with_every_criterion_and_writes_nothing() {
    let (_dir, _, ws) = opened(morning(3, 2));
    let id = saved(
        ws.create_lead(profile("Budi", "budi@warung.id"), "t")
            .expect("create"),
    )
    .lead
    .id;
    log(&ws, id, ActivityKind::DemoRequest);
    let sal = moved(
        ws.move_lead(
            MoveLead {
                id,
                event: LifecycleEvent::Accept {
                    owner: "Rina".into(),
                },
            },
            "Rina",
        )
        .expect("move"),
    );
    assert_eq!(sal.lead.stage, Stage::Sal);
    assert_eq!(sal.lead.profile.owner.as_deref(), Some("Rina"));

    let outcome = ws
        .move_lead(
            MoveLead {
                id,
                event: LifecycleEvent::Qualify,
            },
            "Rina",
        )
        .expect("move");
    let MoveOutcome::Refused {
        refusal: Refusal::Blocked { unmet, .. },
        message,
    } = outcome
    else {
        panic!("expected a blocked move, got {outcome:?}")
    };
    assert_eq!(unmet.len(), 4);
    assert!(message.contains("Budget"), "{message}");
    let after = ws.lead_detail(id).expect("detail");
    assert_eq!(after.lead.stage, Stage::Sal);
    assert_eq!(after.history.len(), sal.history.len());
    let qualify = after
        .next
        .iter()
        .find(|n| n.event == EventKind::Qualify)
        .expect("offered");
    assert_eq!(qualify.unmet.len(), 4, "the stage bar shows what blocks it");

    let back = ws
        .move_lead(
            MoveLead {
                id,
                event: LifecycleEvent::Recycle { reason: " ".into() },
            },
            "Rina",
        )
        .expect("move");
    assert!(matches!(
        back,
        MoveOutcome::Refused {
            refusal: Refusal::ReasonRequired { .. },
            ..
        }
    ));
    let recycled = moved(
        ws.move_lead(
            MoveLead {
                id,
                event: LifecycleEvent::Recycle {
                    reason: "No answer after 6 calls".into(),
                },
            },
            "Rina",
        )
        .expect("move"),
    );
    assert_eq!(recycled.lead.outcome, None, "recycling is not an ending");
    let entry = recycled.history.last().expect("entry");
    assert_eq!(entry.reason.as_deref(), Some("No answer after 6 calls"));
    assert_eq!(
        entry.actor,
        Actor::Person {
            name: "Rina".into()
        }
    );
}

#[test]
fn invalid_input_is_explained_and_nothing_is_stored() {
    let (_dir, _, ws) = opened(morning(3, 2));
    let outcome = ws.create_lead(profile("Ana", "ana@"), "t").expect("create");
    let SaveOutcome::Invalid { problems } = outcome else {
        panic!("accepted a bad email")
    };
    assert_eq!(problems[0].field, "contact.email");
    assert_eq!(ws.list_leads(&LeadQuery::default()).expect("list").all, 0);
}

#[test]
fn saved_leads_survive_a_reopen_and_the_list_filters_searches_and_sorts() {
    let (dir, c, ws) = opened(morning(3, 2));
    for (name, email) in [
        ("Ahmad", "ahmad@a.my"),
        ("Mei Ling", "mei@b.tw"),
        ("Chen Wei", "chen@c.cn"),
    ] {
        saved(ws.create_lead(profile(name, email), "t").expect("create"));
        c.advance(Duration::hours(1));
    }
    let id = ws
        .list_leads(&LeadQuery {
            search: "MEI".into(),
            ..Default::default()
        })
        .expect("list")
        .rows[0]
        .id;
    log(&ws, id, ActivityKind::DemoRequest);
    let mut edited = ws.lead_detail(id).expect("detail").lead.profile;
    edited.company.name = "Kopi Wangi".into();
    saved(
        ws.update_lead(
            UpdateLead {
                id,
                profile: edited,
            },
            "t",
        )
        .expect("update"),
    );
    drop(ws);
    let ws = Workspace::open(dir.path(), c.clone()).expect("reopen");
    let all = ws
        .list_leads(&LeadQuery {
            sort: LeadSort::Name,
            ..Default::default()
        })
        .expect("list");
    assert_eq!(all.all, 3);
    let names: Vec<_> = all.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Ahmad", "Chen Wei", "Mei Ling"]);
    let mqls = ws
        .list_leads(&LeadQuery {
            stage: Some(Stage::Mql),
            ..Default::default()
        })
        .expect("list");
    assert_eq!(mqls.total, 1);
    assert_eq!(mqls.rows[0].company, "Kopi Wangi");
    let by_company = ws
        .list_leads(&LeadQuery {
            search: "wangi".into(),
            ..Default::default()
        })
        .expect("list");
    assert_eq!(by_company.total, 1);
    let status = ws.status().expect("status");
    assert!(status
        .counts
        .iter()
        .any(|c| c.tree == "lead_by_id" && c.records == 3));
}

#[test]
fn a_second_lead_with_the_same_email_is_raw_as_a_duplicate() {
    let (_dir, _, ws) = opened(morning(3, 2));
    let mut p = profile("Nur", "nur@kedai.my");
    p.company.name = "Kedai".into();
    p.contact.title = "Owner".into();
    let first = saved(ws.create_lead(p.clone(), "t").expect("create"));
    let second = saved(ws.create_lead(p, "t").expect("create"));
    assert_eq!(
        first.assessment.classification.qualification,
        Qualification::Iql
    );
    assert!(second.duplicate);
    assert_eq!(second.duplicate_of, Some(first.lead.id));
    assert_eq!(
        second.assessment.classification.qualification,
        Qualification::Raw
    );
}

#[test]
fn merging_a_duplicate_keeps_its_activities_fields_and_history_and_only_once() {
    let (_dir, _, ws) = opened(morning(3, 2));
    let first = saved(
        ws.create_lead(profile("Nur", "nur@kedai.my"), "t")
            .expect("create"),
    );
    let mut p = profile("Nur Aisyah", "NUR@kedai.my");
    p.contact.phone = "+60 12-345 6789".into();
    p.tags = vec!["expo".into()];
    let second = saved(ws.create_lead(p, "t").expect("create"));
    log(&ws, second.lead.id, ActivityKind::DemoRequest);
    let merge = MergeLeads {
        keep: first.lead.id,
        duplicate: second.lead.id,
    };
    let kept = ws.merge_leads(merge, "Aisyah").expect("merge");
    assert_eq!(
        kept.lead.profile.contact.name, "Nur",
        "the kept lead's own values win"
    );
    assert_eq!(kept.lead.profile.contact.phone, "+60 12-345 6789");
    assert_eq!(kept.lead.profile.tags, ["expo"]);
    assert!(kept
        .activities
        .iter()
        .any(|a| a.kind == ActivityKind::DemoRequest));
    let note = kept
        .activities
        .iter()
        .find(|a| a.kind == ActivityKind::Note)
        .expect("merge note");
    assert!(note.note.contains("known"), "{}", note.note);
    let gone = ws.lead_detail(second.lead.id).expect("still there");
    assert_eq!(gone.lead.stage, Stage::Disqualified);
    assert!(matches!(
        gone.lead.outcome,
        Some(Outcome::Disqualified { ref reason, .. }) if reason == &format!("Merged into lead {}", first.lead.id)
    ));
    assert!(ws.merge_leads(merge, "Aisyah").is_err(), "already merged");
    let again = ws.lead_detail(first.lead.id).expect("detail");
    assert_eq!(again.activities.len(), kept.activities.len());
}

#[test]
fn a_playbook_change_is_versioned_with_its_edits_and_rescoring_applies_it() {
    let (_dir, _, ws) = opened(morning(3, 2));
    let id = saved(
        ws.create_lead(profile("Dewi", "dewi@toko.id"), "t")
            .expect("create"),
    )
    .lead
    .id;
    let before = ws
        .lead_detail(id)
        .expect("detail")
        .assessment
        .priority
        .total;

    let current = ws.playbook().expect("playbook");
    assert_eq!(current.version, 1);
    let mut edited = current.playbook.clone();
    edited.composite.source = 50;
    edited.composite.qualification = 20;
    edited.engagement.mql_threshold = 40;
    let v2 = ws
        .save_playbook(
            SavePlaybook {
                base_version: 1,
                playbook: edited.clone(),
            },
            "Dewi",
        )
        .expect("save");
    assert_eq!(v2.version, 2);
    assert!(ws.needs_rescore().expect("check"));

    let stale = ws.save_playbook(
        SavePlaybook {
            base_version: 1,
            playbook: edited,
        },
        "Other",
    );
    assert!(stale.is_err(), "saving over a newer version is refused");

    let history = ws.playbook_history().expect("history");
    assert_eq!(history[0].version, 2);
    let paths: Vec<_> = history[0].edits.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "composite.qualification",
            "composite.source",
            "engagement.mqlThreshold"
        ]
    );
    assert_eq!(history[0].edits[2].before, Some(serde_json::json!(50)));

    let mut seen = Vec::new();
    let report = ws.rescore_all(|p| seen.push(p.done)).expect("rescore");
    assert_eq!((report.done, report.total), (1, 1));
    assert_eq!(seen.first(), Some(&0));
    assert!(!ws.needs_rescore().expect("check"));
    let after = ws.list_leads(&LeadQuery::default()).expect("list").rows[0].priority;
    assert_ne!(before, after, "the list shows the new weights");
    assert_eq!(
        after,
        ws.lead_detail(id)
            .expect("detail")
            .assessment
            .priority
            .total
    );
}

#[test]
fn the_sample_fills_every_main_stage_and_only_once() {
    let (dir, clock, ws) = opened(morning(3, 2));
    assert!(ws.is_fresh());
    assert_eq!(
        ws.load_sample(Workspace::SAMPLE_LEADS).expect("sample"),
        300
    );
    for stage in [
        Stage::Known,
        Stage::Mql,
        Stage::Sal,
        Stage::Sql,
        Stage::Opportunity,
        Stage::Customer,
        Stage::ClosedLost,
    ] {
        let page = ws
            .list_leads(&LeadQuery {
                stage: Some(stage),
                ..Default::default()
            })
            .expect("list");
        assert!(page.total > 0, "no sample lead in {stage:?}");
    }
    let lost = ws
        .list_leads(&LeadQuery {
            stage: Some(Stage::ClosedLost),
            ..Default::default()
        })
        .expect("list")
        .rows[0]
        .id;
    assert!(matches!(
        ws.lead_detail(lost).expect("detail").lead.outcome,
        Some(Outcome::Lost { ref reason, .. }) if !reason.is_empty()
    ));
    assert!(
        ws.load_sample(10).is_err(),
        "a second load would mix samples into real data"
    );
    drop(ws);
    assert!(!Workspace::open(dir.path(), clock)
        .expect("reopen")
        .is_fresh());
}

#[test]
fn scrolling_pages_and_new_leads_are_seen_at_once() {
    let (_dir, _, ws) = opened(morning(3, 2));
    for n in 0..5 {
        saved(
            ws.create_lead(profile(&format!("Lead {n}"), &format!("l{n}@x.my")), "t")
                .expect("create"),
        );
    }
    let page = |offset| {
        let q = LeadQuery {
            sort: LeadSort::Name,
            offset,
            limit: 2,
            ..Default::default()
        };
        let names: Vec<String> = ws
            .list_leads(&q)
            .expect("list")
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect();
        names
    };
    assert_eq!(page(0), ["Lead 0", "Lead 1"]);
    assert_eq!(page(2), ["Lead 2", "Lead 3"]);
    assert_eq!(page(4), ["Lead 4"]);
    saved(
        ws.create_lead(profile("Lead 00", "l00@x.my"), "t")
            .expect("create"),
    );
    assert_eq!(
        page(0),
        ["Lead 0", "Lead 00"],
        "a new lead appears without waiting"
    );
    assert_eq!(ws.list_leads(&LeadQuery::default()).expect("list").total, 6);
}

#[test]
fn lowering_the_mql_threshold_moves_leads_that_now_meet_it_when_rescored() {
    let (_dir, _, ws) = opened(morning(3, 2));
    let mut p = profile("Wei", "wei@kopi.tw");
    p.contact.title = "Founder".into();
    let id = saved(ws.create_lead(p, "t").expect("create")).lead.id;
    let known = log(
        &ws,
        id,
        ActivityKind::ContentDownload {
            asset: "Checklist".into(),
        },
    );
    assert_eq!(known.lead.stage, Stage::Known);
    assert_eq!(
        known.assessment.engagement.total, 23,
        "15 for the title + 8 for the download"
    );

    let mut edited = ws.playbook().expect("playbook").playbook;
    edited.engagement.mql_threshold = 20;
    ws.save_playbook(
        SavePlaybook {
            base_version: 1,
            playbook: edited,
        },
        "Dewi",
    )
    .expect("save");
    let report = ws.rescore_all(|_| {}).expect("rescore");
    assert_eq!((report.done, report.total), (1, 1));

    let moved = ws.lead_detail(id).expect("detail");
    assert_eq!(moved.lead.stage, Stage::Mql);
    assert_eq!(rules(&moved), ["contact-captured", "score-threshold"]);
    let page = ws
        .list_leads(&LeadQuery {
            stage: Some(Stage::Mql),
            ..Default::default()
        })
        .expect("list");
    assert_eq!(page.total, 1, "the list sees the move at once");
}

#[test]
fn lead_ids_count_on_by_one_across_reopens_and_imports() {
    let (dir, clock, ws) = opened(morning(3, 2));
    let first = saved(
        ws.create_lead(profile("Aina", "aina@example.my"), "tester")
            .expect("save"),
    );
    drop(ws);
    let ws = Workspace::open(dir.path(), clock.clone()).expect("reopen");
    let second = saved(
        ws.create_lead(profile("Budi", "budi@example.id"), "tester")
            .expect("save"),
    );
    let csv = b"Name,Email\nCheng,cheng@example.cn\nDewi,dewi@example.id\n";
    let options = laju_engine::import::ImportOptions {
        mapping: laju_engine::import::preview(csv).expect("preview").mapping,
        ..Default::default()
    };
    let report = ws
        .import_csv(csv, &options, "tester", &mut |_| true)
        .expect("import");
    assert_eq!(report.imported, 2);
    drop(ws);
    let ws = Workspace::open(dir.path(), clock).expect("reopen");
    let third = saved(
        ws.create_lead(profile("Eka", "eka@example.id"), "tester")
            .expect("save"),
    );
    // A user reads these ids in the list and in messages: no gap after a restart.
    assert_eq!(
        [first.lead.id, second.lead.id, third.lead.id],
        [1, 2, 5],
        "ids after a reopen and a two-row import"
    );
}

#[test]
fn a_customer_is_never_merged_away_because_the_lifecycle_table_has_no_such_move() {
    let (_dir, _clock, ws) = opened(morning(3, 2));
    ws.load_sample(60).expect("sample");
    let rows = ws
        .list_leads(&LeadQuery {
            limit: 1_000,
            ..LeadQuery::default()
        })
        .expect("list")
        .rows;
    let customer = rows
        .iter()
        .find(|r| r.stage == Stage::Customer)
        .expect("a customer");
    let other = rows
        .iter()
        .find(|r| r.stage == Stage::Known)
        .expect("a known lead");
    let refused = ws
        .merge_leads(
            MergeLeads {
                keep: other.id,
                duplicate: customer.id,
            },
            "t",
        )
        .expect_err("refused");
    assert!(
        refused.to_string().contains("cannot be merged away"),
        "{refused}"
    );
    let unchanged = ws.lead_detail(customer.id).expect("detail");
    assert_eq!(unchanged.lead.stage, Stage::Customer);
    // The other way round works: the customer keeps, the known lead is disqualified as merged.
    ws.merge_leads(
        MergeLeads {
            keep: customer.id,
            duplicate: other.id,
        },
        "t",
    )
    .expect("merge");
    assert_eq!(
        ws.lead_detail(other.id).expect("detail").lead.stage,
        Stage::Disqualified
    );
    let again = ws.merge_leads(
        MergeLeads {
            keep: customer.id,
            duplicate: other.id,
        },
        "t",
    );
    assert!(again
        .expect_err("second merge refused")
        .to_string()
        .contains("already merged"));
}
