use super::*;
use crate::classification::{FitClass, Quadrant, Qualification, Temperature};
use crate::lead::SourceKind;
use chrono::{Duration, TimeZone};

fn class(source: SourceKind, qualification: Qualification, fit: FitClass) -> Classification {
    Classification {
        source,
        qualification,
        fit,
        temperature: Temperature::Warm,
        quadrant: Quadrant::LowFitLowInterest,
    }
}

fn points(breakdown: &ScoreBreakdown) -> Vec<f64> {
    breakdown.lines.iter().map(|l| l.points).collect()
}

#[test]
fn seed_example_referral_mql_icp_scores_84() {
    let score = composite(
        &class(SourceKind::Referral, Qualification::Mql, FitClass::Icp),
        false,
        &Playbook::default(),
    );
    assert_eq!(score.total, 84);
    assert_eq!(points(&score), [30.0, 24.0, 30.0]);
    assert_eq!(score.lines[0].detail.to_string(), "referral 100 × 30%");
}

#[test]
fn seed_example_database_raw_near_icp_scores_38() {
    let score = composite(
        &class(SourceKind::Database, Qualification::Raw, FitClass::NearIcp),
        false,
        &Playbook::default(),
    );
    assert_eq!(score.total, 38);
    assert_eq!(points(&score), [9.0, 8.0, 21.0]);
}

#[test]
fn an_inbound_demo_request_uses_its_own_row_and_edited_weights_apply() {
    let mut playbook = Playbook::default();
    let c = class(SourceKind::Inbound, Qualification::Iql, FitClass::Smb);
    assert_eq!(composite(&c, true, &playbook).lines[0].points, 27.0);
    playbook.composite.source = 50;
    playbook.composite.qualification = 20;
    // 90×50 + 40×20 + 60×30 = 7100 → 71
    assert_eq!(composite(&c, true, &playbook).total, 71);
}

fn at(days_ago: i64) -> DateTime<Utc> {
    now() - Duration::days(days_ago)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .expect("date")
}

fn visit(days_ago: i64, pricing: bool) -> Activity {
    Activity::logged(
        at(days_ago),
        ActivityKind::PageVisit {
            url: "/pricing".into(),
            pricing,
        },
        "",
        "",
    )
}

#[test]
fn activity_points_decay_and_cap() {
    let playbook = Playbook::default();
    let p = LeadProfile::default();
    let fresh = engagement(&p, &[visit(0, true)], &playbook, now());
    assert_eq!(fresh.interest, 10);
    let month_old = engagement(&p, &[visit(30, true)], &playbook, now());
    assert_eq!(month_old.lines[0].points, 5.0, "one half-life halves it");
    let many: Vec<_> = (0..6).map(|_| visit(0, true)).collect();
    let capped = engagement(&p, &many, &playbook, now());
    assert_eq!(capped.interest, 30);
    assert_eq!(
        capped.lines[0].detail.to_string(),
        "6 × 10, last 0 days ago, at most 30"
    );
}

#[test]
fn a_score_line_says_how_old_the_last_activity_is_and_what_decay_left() {
    let playbook = Playbook::default();
    let p = LeadProfile::default();
    // Three pricing visits 40, 45 and 50 days ago at 10 points, half-life 30 days:
    // 10 × (0.5^(40/30) + 0.5^(45/30) + 0.5^(50/30)) = 10 × (0.39685 + 0.35355 + 0.31498)
    // = 10.65, well under the cap of 30.
    let old = [visit(50, true), visit(40, true), visit(45, true)];
    let score = engagement(&p, &old, &playbook, now());
    let line = &score.lines[0];
    assert_eq!(line.criterion, "pricing-visits");
    assert_eq!(line.points, 10.7);
    assert_eq!(
        line.detail,
        ScoreDetail::Counted {
            count: 3,
            points: 10,
            last_days_ago: Some(40),
            cap: Some(30),
        }
    );
    assert_eq!(
        line.detail.to_string(),
        "3 × 10, last 40 days ago, at most 30"
    );
}

#[test]
fn explicit_implicit_and_negative_criteria_each_show_their_points() {
    let playbook = Playbook::default();
    let mut p = LeadProfile::default();
    p.contact.title = "Marketing Director".into();
    p.contact.email = "ali@gmail.com".into();
    p.company.employees = Some(50);
    let score = engagement(&p, &[visit(0, true)], &playbook, now());
    let ids: Vec<_> = score
        .lines
        .iter()
        .map(|l| (l.criterion.as_str(), l.points))
        .collect();
    assert_eq!(
        ids,
        [
            ("senior-title", 15.0),
            ("company-size", 10.0),
            ("pricing-visits", 10.0),
            ("free-email", -10.0)
        ]
    );
    assert_eq!(
        (score.fit, score.interest, score.negative, score.total),
        (25, 10, -10, 25)
    );
    assert_eq!(score.threshold, 50);
}
