use super::*;
use crate::activity::ActivityKind;
use crate::lead::LeadProfile;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .expect("date")
}

fn lead(stage: Stage) -> Lead {
    let mut profile = LeadProfile::default();
    profile.contact.name = "Wei".into();
    profile.contact.email = "wei@kopi.tw".into();
    Lead {
        id: 1,
        stage,
        profile,
        created_at: now() - Duration::days(60),
        updated_at: now(),
        stage_entered_at: now() - Duration::days(10),
        last_activity_at: now(),
        outcome: None,
        handoff: None,
        follow_up: None,
    }
}

fn did(kind: ActivityKind, days_ago: i64) -> Activity {
    Activity::logged(now() - Duration::days(days_ago), kind, "", "")
}

fn pricing(days_ago: i64) -> Activity {
    did(
        ActivityKind::PageVisit {
            url: "/pricing".into(),
            pricing: true,
        },
        days_ago,
    )
}

fn fired(lead: &Lead, activities: &[Activity], score: i32) -> Option<String> {
    let playbook = Playbook::default();
    first_firing(lead, activities, score, &playbook, now()).map(|f| f.rule.id.clone())
}

#[test]
fn an_anonymous_visitor_with_name_and_email_is_captured() {
    assert_eq!(
        fired(&lead(Stage::Anonymous), &[], 0).as_deref(),
        Some("contact-captured")
    );
    let mut nameless = lead(Stage::Anonymous);
    nameless.profile.contact.name.clear();
    assert_eq!(fired(&nameless, &[pricing(0)], 99), None);
}

#[test]
fn the_threshold_and_high_intent_rules_make_an_mql() {
    let known = lead(Stage::Known);
    assert_eq!(fired(&known, &[], 49), None);
    assert_eq!(fired(&known, &[], 50).as_deref(), Some("score-threshold"));
    let demo = [did(ActivityKind::DemoRequest, 0)];
    assert_eq!(fired(&known, &demo, 0).as_deref(), Some("demo-request"));
    let form = [did(ActivityKind::FormSubmit { contact_us: true }, 1)];
    assert_eq!(fired(&known, &form, 0).as_deref(), Some("contact-us"));
}

#[test]
fn pricing_visits_count_only_inside_the_window() {
    let known = lead(Stage::Known);
    assert_eq!(fired(&known, &[pricing(1), pricing(2)], 0), None);
    assert_eq!(
        fired(&known, &[pricing(1), pricing(2), pricing(20)], 0),
        None
    );
    assert_eq!(
        fired(&known, &[pricing(1), pricing(2), pricing(3)], 0).as_deref(),
        Some("pricing-visits")
    );
}

#[test]
fn a_recycled_lead_needs_new_activity() {
    let recycled = lead(Stage::Recycled);
    assert_eq!(
        fired(&recycled, &[did(ActivityKind::DemoRequest, 30)], 80),
        None
    );
    assert_eq!(
        fired(&recycled, &[did(ActivityKind::DemoRequest, 1)], 0).as_deref(),
        Some("demo-request")
    );
}

#[test]
fn disabled_rules_and_later_stages_never_fire() {
    let mut playbook = Playbook::default();
    for rule in &mut playbook.triggers {
        rule.enabled = false;
    }
    assert!(first_firing(&lead(Stage::Known), &[], 99, &playbook, now()).is_none());
    assert_eq!(
        fired(&lead(Stage::Sal), &[did(ActivityKind::DemoRequest, 0)], 99),
        None
    );
}
