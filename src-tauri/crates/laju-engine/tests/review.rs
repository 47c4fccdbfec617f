//! The quarterly review over real sled folders: the sample year, each quarter's figures checked
//! against the leads themselves and the Funnel page's reports; and a quarter made by hand, whose
//! SLA, rejection and recycle lines are worked out minute by minute.

mod support;

use chrono::{DateTime, Datelike, Duration, Utc};
use laju_core::funnel::{FunnelFilter, Verdict};
use laju_core::handoff::RejectCode;
use laju_core::lead::{LeadProfile, SourceKind};
use laju_core::lifecycle::LifecycleEvent;
use laju_core::routing::{Rep, Role};
use laju_core::sla::SlaType;
use laju_core::workshop::review::ReviewVerdict::{self, Kept, Missed, NoData};
use laju_core::Stage;
use laju_engine::analytics::ReportQuery;
use laju_engine::handoff::{AcceptHandoff, RejectHandoff};
use laju_engine::leads::{LeadQuery, MoveLead, MoveOutcome, SaveOutcome};
use laju_engine::playbook::SavePlaybook;
use laju_engine::workshop::review::Review;
use laju_engine::{EngineError, Workspace};
use std::collections::BTreeMap;
use support::{morning, opened};

/// "2026Q4" for an instant, worked out here rather than by the code under test.
fn quarter_of(at: DateTime<Utc>) -> String {
    format!("{}Q{}", at.year(), at.month().div_ceil(3))
}

fn months(key: &str) -> (u32, u32) {
    let (year, q) = key.split_once('Q').expect("a quarter key");
    let first =
        year.parse::<u32>().expect("year") * 100 + (q.parse::<u32>().expect("q") - 1) * 3 + 1;
    (first, first + 2)
}

fn review(ws: &Workspace, key: &str) -> Review {
    ws.review(key).expect("review")
}

#[test]
fn each_sample_quarter_reviews_the_leads_created_in_it_against_the_funnel_reports() {
    let (_dir, _, ws) = opened(morning(12, 6));
    ws.load_sample(Workspace::SAMPLE_LEADS).expect("sample");

    // Independently: every lead's creation (its history's first entry), its quarter, and each
    // move back to marketing with the stage it left and its reason.
    let rows = ws
        .list_leads(&LeadQuery {
            limit: 1000,
            ..LeadQuery::default()
        })
        .expect("list")
        .rows;
    assert_eq!(rows.len(), Workspace::SAMPLE_LEADS);
    let mut created: BTreeMap<String, u64> = BTreeMap::new();
    let mut recycled: BTreeMap<String, BTreeMap<(Stage, String), u64>> = BTreeMap::new();
    for row in &rows {
        let history = ws.lead_detail(row.id).expect("detail").history;
        let key = quarter_of(history[0].at);
        *created.entry(key.clone()).or_default() += 1;
        for change in history.iter().filter(|c| c.to == Stage::Recycled) {
            let from = change.from.expect("a recycle leaves a stage");
            let reason = change.reason.clone().unwrap_or_default();
            *recycled
                .entry(key.clone())
                .or_default()
                .entry((from, reason))
                .or_default() += 1;
        }
    }

    let choices = ws.review_quarters().expect("quarters");
    assert_eq!(choices.current, "2026Q4");
    let listed: BTreeMap<String, u64> = choices
        .quarters
        .iter()
        .map(|q| (q.key.clone(), q.leads))
        .collect();
    assert_eq!(listed, created, "every quarter with leads, with its count");
    let keys: Vec<&str> = choices.quarters.iter().map(|q| q.key.as_str()).collect();
    let mut newest_first = keys.clone();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(keys, newest_first);

    let (mut kept, mut missed) = (0, 0);
    for (key, count) in &created {
        let r = review(&ws, key);
        assert_eq!(r.quarter.key, *key);
        assert_eq!(
            r.leads, *count,
            "{key}: the cohort is the leads created in it"
        );
        let current = key == "2026Q4";
        assert_eq!(r.quarter.current, current);
        // The sample saves its team as version 2 today; earlier quarters ended before any
        // version was saved, so today's stands in, and says so.
        assert_eq!(
            (r.agreement.version, r.agreement.saved_after_quarter),
            (2, !current),
            "{key}"
        );

        let (from, to) = months(key);
        let query = ReportQuery {
            filter: FunnelFilter {
                from: Some(from),
                to: Some(to),
                ..FunnelFilter::default()
            },
            by: None,
        };
        let funnel = ws.funnel_report(&query).expect("funnel").overall;
        assert_eq!(funnel.leads, *count);
        for line in &r.conversion {
            let step = |s: Stage| funnel.steps.iter().find(|x| x.stage == s).expect("step");
            assert_eq!(
                (line.base, line.reached),
                (step(line.from).reached, step(line.to).reached)
            );
            let expected = match step(line.to).verdict {
                Some(Verdict::Within | Verdict::Above) => Kept,
                Some(Verdict::Below) => Missed,
                None => NoData,
            };
            assert_eq!(
                line.verdict, expected,
                "{key}: {:?} → {:?}",
                line.from, line.to
            );
        }
        assert_eq!(
            r.conversion.len(),
            funnel.steps.iter().filter(|s| s.band.is_some()).count(),
            "a line per agreed band"
        );

        let velocity = ws.velocity_report(&query).expect("velocity").overall;
        for line in &r.stage_time {
            let s = velocity
                .stages
                .iter()
                .find(|s| s.stage == line.stage)
                .expect("stage");
            assert_eq!((line.visits, line.average_days), (s.visits, s.average_days));
            let expected = match s.verdict {
                Some(Verdict::Above) => Missed,
                Some(Verdict::Within | Verdict::Below) => Kept,
                None => NoData,
            };
            assert_eq!(line.verdict, expected, "{key}: {:?}", line.stage);
        }

        let holes = ws.black_holes(&query).expect("holes");
        for line in &r.black_holes {
            let hole = holes
                .holes
                .iter()
                .find(|h| h.kind == line.kind)
                .expect("hole");
            assert_eq!(line.total, hole.total, "{key}: {:?}", line.kind);
            let reached = funnel
                .steps
                .iter()
                .find(|s| s.stage == line.stage)
                .expect("step")
                .reached;
            assert_eq!(line.exposed, reached);
        }

        let lines: BTreeMap<(Stage, String), u64> = r
            .recycles
            .iter()
            .map(|l| ((l.from, l.reason.clone().unwrap_or_default()), l.count))
            .collect();
        assert_eq!(
            lines,
            recycled.remove(key).unwrap_or_default(),
            "{key}: recycles"
        );

        let all: Vec<ReviewVerdict> = r
            .conversion
            .iter()
            .map(|l| l.verdict)
            .chain(r.stage_time.iter().map(|l| l.verdict))
            .chain(r.sla_by_type.iter().map(|l| l.verdict))
            .chain(r.sla_by_rep.iter().map(|l| l.verdict))
            .chain(r.rejections.iter().map(|l| l.verdict))
            .chain(r.recycles.iter().map(|l| l.verdict))
            .chain(r.black_holes.iter().map(|l| l.verdict))
            .collect();
        let count = |v| all.iter().filter(|x| **x == v).count() as u64;
        assert_eq!(
            (r.tally.kept, r.tally.missed, r.tally.no_data),
            (count(Kept), count(Missed), count(NoData))
        );
        kept += r.tally.kept;
        missed += r.tally.missed;
    }
    assert!(
        kept > 0 && missed > 0,
        "the sample's year has kept and missed lines: {kept}, {missed}"
    );
}

#[test]
fn a_quarter_without_leads_says_so_and_a_malformed_one_is_refused() {
    let (_dir, _, ws) = opened(morning(12, 6));
    ws.load_sample(Workspace::SAMPLE_LEADS).expect("sample");
    let empty = review(&ws, "2020Q2");
    assert_eq!(empty.leads, 0);
    assert!(
        empty.conversion.is_empty() && empty.recycles.is_empty() && empty.black_holes.is_empty()
    );
    assert_eq!(
        (empty.tally.kept, empty.tally.missed, empty.tally.no_data),
        (0, 0, 0)
    );
    for bad in ["2026Q5", "Q4", "2026"] {
        match ws.review(bad) {
            Err(EngineError::Invalid(message)) => {
                assert!(
                    message.contains("2026Q4") && message.contains(bad),
                    "{message}"
                )
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
}

fn moved(outcome: MoveOutcome) {
    if let MoveOutcome::Refused { message, .. } = outcome {
        panic!("refused: {message}");
    }
}

/// An inbound lead marked MQL by hand: routed round-robin, 30 minutes to answer.
fn mql(ws: &Workspace, name: &str) -> u64 {
    let mut p = LeadProfile::default();
    p.contact.name = name.into();
    p.contact.email = format!("{}@example.com", name.to_lowercase());
    p.company.name = format!("{name} Sdn Bhd");
    p.source.kind = SourceKind::Inbound;
    let id = match ws.create_lead(p, "t").expect("create") {
        SaveOutcome::Saved { detail } => detail.lead.id,
        SaveOutcome::Invalid { problems } => panic!("{problems:?}"),
    };
    let event = LifecycleEvent::MarkMql;
    moved(ws.move_lead(MoveLead { id, event }, "t").expect("move"));
    id
}

fn accept(ws: &Workspace, id: u64, rep: &str) {
    moved(
        ws.accept_handoff(AcceptHandoff { id, owner: None }, rep)
            .expect("accept"),
    );
}

fn reject(ws: &Workspace, id: u64, code: RejectCode, note: &str) {
    let input = RejectHandoff {
        id,
        code,
        note: note.into(),
    };
    moved(ws.reject_handoff(input, "t").expect("reject"));
}

fn save_goal(ws: &Workspace, roster: Option<Vec<Rep>>, goal: u32) {
    let current = ws.playbook().expect("playbook");
    let mut playbook = current.playbook;
    if let Some(roster) = roster {
        playbook.handoff.roster = roster;
    }
    playbook.handoff.sla.compliance_goal = goal;
    let input = SavePlaybook {
        base_version: current.version,
        playbook,
    };
    ws.save_playbook(input, "t").expect("saved");
}

#[test]
fn a_hand_made_quarter_is_held_to_the_version_in_force_at_its_end() {
    // Monday 2 March 2026: Budi and Citra take MQLs in turn, 30 minutes for inbound leads.
    let (_dir, clock, ws) = opened(morning(3, 2));
    let roster = ["Budi", "Citra"].map(|n| Rep::new(n, Role::Ae)).to_vec();
    save_goal(&ws, Some(roster), 90);
    let aminah = mql(&ws, "Aminah"); // → Budi
    let bakar = mql(&ws, "Bakar"); // → Citra
    clock.advance(Duration::minutes(4));
    accept(&ws, aminah, "Budi"); // 4 min: in time
    clock.advance(Duration::minutes(6));
    reject(&ws, bakar, RejectCode::NotIcp, "One-person shop"); // 10 min: in time
    let chong = mql(&ws, "Chong"); // → Budi, due in 30 min
    clock.advance(Duration::minutes(31));
    assert_eq!(
        ws.tick().expect("tick").breaches.len(),
        1,
        "Chong went to Citra"
    );
    accept(&ws, chong, "Citra"); // answered 31 min after the handoff: breached

    // April: a stricter team relaxes its goal to 60 % (version 3); Q1 keeps version 2's 90 %.
    clock.advance(Duration::days(40));
    save_goal(&ws, None, 60);
    let (dewi, eka) = (mql(&ws, "Dewi"), mql(&ws, "Eka"));
    let (fajar, gita) = (mql(&ws, "Fajar"), mql(&ws, "Gita"));
    clock.advance(Duration::minutes(5));
    reject(&ws, dewi, RejectCode::TooEarly, "");
    reject(&ws, eka, RejectCode::NotIcp, "");
    accept(&ws, fajar, "Budi");
    accept(&ws, gita, "Citra");

    let q1 = review(&ws, "2026Q1");
    assert_eq!(q1.leads, 3);
    assert!(!q1.quarter.current);
    assert_eq!(q1.previous_quarter.key, "2025Q4");
    assert_eq!(
        (
            q1.agreement.version,
            q1.agreement.saved_after_quarter,
            q1.agreement.compliance_goal
        ),
        (2, false, 90)
    );
    let inbound = q1
        .sla_by_type
        .iter()
        .find(|l| l.lead_type == SlaType::Inbound)
        .expect("inbound line");
    // 3 answered, Chong's after the deadline: 2 of 3 = 66.7 % against 90 %.
    assert_eq!(
        (
            inbound.target_minutes,
            inbound.stats.decided,
            inbound.stats.within,
            inbound.verdict
        ),
        (30, 3, 2, Missed)
    );
    let icp = q1
        .sla_by_type
        .iter()
        .find(|l| l.lead_type == SlaType::Icp)
        .expect("icp line");
    assert_eq!(
        (icp.target_minutes, icp.verdict),
        (5, NoData),
        "no ICP lead handed over"
    );
    let by_rep: Vec<_> = q1
        .sla_by_rep
        .iter()
        .map(|l| (l.rep.clone(), l.stats.decided, l.stats.within, l.verdict))
        .collect();
    assert_eq!(
        by_rep,
        [
            (Some("Budi".into()), 1, 1, Kept),    // Aminah in 4 min
            (Some("Citra".into()), 1, 0, Missed), // Chong, inherited after the breach
            (None, 1, 1, NoData),                 // Bakar, rejected: nobody owns it
        ]
    );
    let rejections: Vec<_> = q1
        .rejections
        .iter()
        .map(|l| (l.code, l.count, l.answered, l.verdict))
        .collect();
    assert_eq!(
        rejections,
        [(RejectCode::NotIcp, 1, 3, NoData)],
        "nothing to compare with in 2025Q4"
    );
    let recycles: Vec<_> = q1
        .recycles
        .iter()
        .map(|l| (l.from, l.reason.clone(), l.count, l.verdict))
        .collect();
    assert_eq!(
        recycles,
        [(Stage::Mql, Some("notIcp: One-person shop".into()), 1, Kept)]
    );

    let q2 = review(&ws, "2026Q2");
    assert!(q2.quarter.current);
    assert_eq!(
        (q2.agreement.version, q2.agreement.compliance_goal),
        (3, 60)
    );
    // 4 answered: TooEarly 1 of 4 after none of 3 (grew), NotIcp 1 of 4 after 1 of 3 (fell).
    let rejections: Vec<_> = q2
        .rejections
        .iter()
        .map(|l| {
            (
                l.code,
                l.count,
                l.answered,
                l.previous_count,
                l.previous_answered,
                l.verdict,
            )
        })
        .collect();
    assert_eq!(
        rejections,
        [
            (RejectCode::NotIcp, 1, 4, 1, 3, Kept),
            (RejectCode::TooEarly, 1, 4, 0, 3, Missed),
        ]
    );
    let inbound = q2
        .sla_by_type
        .iter()
        .find(|l| l.lead_type == SlaType::Inbound)
        .expect("inbound line");
    assert_eq!(
        (inbound.stats.decided, inbound.stats.within, inbound.verdict),
        (4, 4, Kept)
    );
}
