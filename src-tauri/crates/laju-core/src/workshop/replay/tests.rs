//! Hand-computed replays. The lead below has 35 fit points under the default Playbook
//! (decision-maker title 15, company size 10, target industry 10) and no negative ones, so its
//! engagement score is 35 plus its activities, each halving every 30 days.

use super::*;
use crate::activity::ActivityKind;
use crate::lead::LeadProfile;
use crate::playbook::{TriggerCondition, TriggerRule};
use chrono::{Duration, TimeZone};

fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .expect("date")
        + Duration::days(n)
}

fn founder() -> Lead {
    let mut profile = LeadProfile::default();
    profile.contact.name = "Mei Ling".into();
    profile.contact.email = "mei@kedai.my".into();
    profile.contact.title = "Founder".into();
    profile.company.name = "Kedai Runcit".into();
    profile.company.employees = Some(50);
    profile.company.industry = "Retail".into();
    Lead {
        id: 7,
        stage: Stage::Known,
        profile,
        created_at: day(0),
        updated_at: day(0),
        stage_entered_at: day(0),
        last_activity_at: day(0),
        outcome: None,
        handoff: None,
        follow_up: None,
    }
}

fn entry(from: Option<Stage>, to: Stage, at: DateTime<Utc>, actor: Actor) -> StageChange {
    StageChange {
        from,
        to,
        at,
        actor,
        event: None,
        reason: None,
    }
}

fn person() -> Actor {
    Actor::Person {
        name: "import".into(),
    }
}

fn rule(id: &str) -> Actor {
    Actor::Rule {
        rule_id: id.into(),
        label: id.into(),
    }
}

/// Created and known on day 0.
fn known() -> Vec<StageChange> {
    vec![
        entry(None, Stage::Anonymous, day(0), person()),
        entry(
            Some(Stage::Anonymous),
            Stage::Known,
            day(0),
            rule("contact-captured"),
        ),
    ]
}

fn did(kind: ActivityKind, on: i64) -> Activity {
    Activity::logged(day(on), kind, "", "")
}

fn visit(on: i64, pricing: bool) -> Activity {
    let url = if pricing { "/pricing" } else { "/" };
    did(
        ActivityKind::PageVisit {
            url: url.into(),
            pricing,
        },
        on,
    )
}

fn download(on: i64) -> Activity {
    did(
        ActivityKind::ContentDownload {
            asset: "guide".into(),
        },
        on,
    )
}

fn threshold(points: i32) -> Playbook {
    let mut p = Playbook::default();
    p.engagement.mql_threshold = points;
    p
}

fn first(
    lead: &Lead,
    history: &[StageChange],
    acts: &[Activity],
    p: &Playbook,
) -> Option<MqlFiring> {
    let input = LeadInput {
        lead,
        history,
        activities: acts,
        duplicate: false,
    };
    Replayer::new(&input).first_mql(p, &mut ScoreMemo::default())
}

#[test]
fn a_score_that_crosses_40_but_not_50_is_an_mql_only_under_40_on_the_crossing_day() {
    // Day 1: 35 + 1 = 36. Day 5: 35 + 1 × 0.5^(4/30) + 10 = 45.9 → 46. Day 40: 35 + 0.41 +
    // 4.45 + 1 = 40.9 → 41. Never 50; 40 first on day 5, the pricing visit's day.
    let lead = founder();
    let acts = [
        visit(1, false),
        visit(5, true),
        did(ActivityKind::EmailOpen, 40),
    ];
    assert_eq!(first(&lead, &known(), &acts, &threshold(50)), None);
    let at_40 = first(&lead, &known(), &acts, &threshold(40)).expect("fires under 40");
    assert_eq!(at_40.at, day(5));
    assert_eq!(at_40.rule_id, "score-threshold");

    let path = draft_path(&known(), None, Some(&at_40));
    assert_eq!(path.change, MqlChange::New);
    assert_eq!(path.handoff, HandoffFate::Opened(day(5)));
    let history = path.history.expect("a new history");
    let stages: Vec<(Stage, DateTime<Utc>)> = history.iter().map(|h| (h.to, h.at)).collect();
    assert_eq!(
        stages,
        [
            (Stage::Anonymous, day(0)),
            (Stage::Known, day(0)),
            (Stage::Mql, day(5))
        ]
    );
    assert!(
        matches!(&history[2].actor, Actor::Rule { rule_id, .. } if rule_id == "score-threshold"),
        "{:?}",
        history[2].actor
    );
}

#[test]
fn old_activity_counts_for_less_as_the_half_life_says() {
    // Downloads of 8 on day 0 and day 60; asked on day 60: 35 + 8 × 0.5^(60/h) + 8.
    // h = 30: 35 + 2 + 8 = 45. h = 60: 35 + 4 + 8 = 47. No decay: 51.
    let lead = founder();
    let acts = [download(0), download(60)];
    let mut p = threshold(46);
    assert_eq!(first(&lead, &known(), &acts, &p), None);
    p.engagement.decay_half_life_days = 60;
    assert_eq!(
        first(&lead, &known(), &acts, &p).map(|f| f.at),
        Some(day(60))
    );
    p.engagement.mql_threshold = 51;
    assert_eq!(first(&lead, &known(), &acts, &p), None, "47 under 51");
    p.engagement.decay_half_life_days = 0;
    assert_eq!(
        first(&lead, &known(), &acts, &p).map(|f| f.at),
        Some(day(60))
    );
}

#[test]
fn an_activity_trigger_counts_back_its_window_from_each_moment() {
    // Pricing visits on days 0, 10 and 20. A 14-day window on day 20 reaches back to day 6:
    // two visits. A 21-day window reaches day -1: three. The score stays under the threshold.
    let mut lead = founder();
    lead.profile.contact.title.clear();
    lead.profile.company.employees = None;
    let acts = [visit(0, true), visit(10, true), visit(20, true)];
    let mut p = Playbook::default();
    assert_eq!(first(&lead, &known(), &acts, &p), None);
    let window = |days: u32| TriggerRule {
        id: "pricing-visits".into(),
        label: "3 pricing-page visits".into(),
        enabled: true,
        condition: TriggerCondition::ActivityCount {
            activity: crate::activity::ActivityType::PricingVisit,
            count: 3,
            within_days: days,
        },
    };
    let slot = p
        .triggers
        .iter()
        .position(|t| t.id == "pricing-visits")
        .expect("a default rule");
    p.triggers[slot] = window(21);
    let fired = first(&lead, &known(), &acts, &p).expect("three in 21 days");
    assert_eq!(
        (fired.at, fired.rule_id.as_str()),
        (day(20), "pricing-visits")
    );
}

#[test]
fn a_person_made_mql_is_kept_and_only_rule_made_or_missing_ones_are_redecided() {
    let mut by_person = known();
    by_person.push(entry(Some(Stage::Known), Stage::Mql, day(3), person()));
    assert_eq!(RecordedMql::of(&by_person), RecordedMql::Person);
    let mut by_rule = known();
    by_rule.push(entry(
        Some(Stage::Known),
        Stage::Mql,
        day(3),
        rule("demo-request"),
    ));
    assert_eq!(RecordedMql::of(&by_rule), RecordedMql::Rule);
    assert_eq!(RecordedMql::of(&known()), RecordedMql::Never);
}

/// Known on day 0, an MQL by the score rule on day 10 (53 ≥ 50), accepted on day 12.
fn rule_made() -> (Vec<StageChange>, [Activity; 3]) {
    let mut history = known();
    history.push(entry(
        Some(Stage::Known),
        Stage::Mql,
        day(10),
        rule("score-threshold"),
    ));
    history.push(entry(Some(Stage::Mql), Stage::Sal, day(12), person()));
    // Day 4: 35 + 8 = 43. Day 10: 35 + 8 × 0.5^(6/30) + 10 = 51.96 → 52.
    let acts = [download(4), visit(10, true), did(ActivityKind::Meeting, 11)];
    (history, acts)
}

#[test]
fn a_rule_made_mql_the_draft_would_not_make_loses_its_mql_and_every_later_stage() {
    let (history, acts) = rule_made();
    let lead = founder();
    let current = first(&lead, &history, &acts, &threshold(50));
    assert_eq!(
        current.as_ref().map(|f| f.at),
        Some(day(10)),
        "the replay meets the record"
    );
    // The meeting on day 11 was with sales: it does not count towards a later MQL.
    let draft = first(&lead, &history, &acts, &threshold(60));
    assert_eq!(draft, None);
    let path = draft_path(&history, current.as_ref(), draft.as_ref());
    assert_eq!(path.change, MqlChange::Dropped);
    assert_eq!(path.handoff, HandoffFate::Dropped);
    let stages: Vec<Stage> = path.history.expect("cut").iter().map(|h| h.to).collect();
    assert_eq!(stages, [Stage::Anonymous, Stage::Known]);
}

#[test]
fn an_earlier_mql_keeps_what_followed_and_moves_the_handoff() {
    let (history, acts) = rule_made();
    let lead = founder();
    let current = first(&lead, &history, &acts, &threshold(50));
    let draft = first(&lead, &history, &acts, &threshold(40));
    assert_eq!(
        draft.as_ref().map(|f| f.at),
        Some(day(4)),
        "43 ≥ 40 on day 4"
    );
    let path = draft_path(&history, current.as_ref(), draft.as_ref());
    assert_eq!(path.change, MqlChange::Earlier);
    assert_eq!(path.handoff, HandoffFate::Moved(day(4)));
    let stages: Vec<(Stage, DateTime<Utc>)> = path
        .history
        .expect("moved")
        .iter()
        .map(|h| (h.to, h.at))
        .collect();
    assert_eq!(
        stages,
        [
            (Stage::Anonymous, day(0)),
            (Stage::Known, day(0)),
            (Stage::Mql, day(4)),
            (Stage::Sal, day(12))
        ]
    );
}

#[test]
fn replays_that_agree_leave_the_record_as_it_is() {
    // Recorded never an MQL, yet both replays say day 10 (a rule the write path never got to
    // ask at that moment): the record stands.
    let firing = MqlFiring {
        at: day(10),
        rule_id: "score-threshold".into(),
        label: "score".into(),
    };
    assert_eq!(
        draft_path(&known(), Some(&firing), Some(&firing)),
        DraftPath::AS_RECORDED
    );
    assert_eq!(
        draft_path(&known(), Some(&firing), None),
        DraftPath::AS_RECORDED
    );
}

#[test]
fn priority_bands_follow_the_domain_examples_and_the_playbook_draws_them() {
    let bands = crate::playbook::PriorityBands::default();
    assert_eq!(PriorityBand::of(84, &bands), PriorityBand::High);
    assert_eq!(PriorityBand::of(70, &bands), PriorityBand::High);
    assert_eq!(PriorityBand::of(69, &bands), PriorityBand::Medium);
    assert_eq!(PriorityBand::of(40, &bands), PriorityBand::Medium);
    assert_eq!(PriorityBand::of(38, &bands), PriorityBand::Low);
    let stricter = crate::playbook::PriorityBands {
        high_from: 85,
        medium_from: 50,
    };
    assert_eq!(PriorityBand::of(84, &stricter), PriorityBand::Medium);
    assert_eq!(PriorityBand::of(49, &stricter), PriorityBand::Low);
    let mut p = Playbook::default();
    p.priority_bands.medium_from = 85;
    assert_eq!(
        p.validate(),
        Err(crate::playbook::PlaybookProblem::PriorityBands {
            medium: 85,
            high: 70
        })
    );
}

#[test]
fn the_priority_score_takes_the_stage_the_column_gives() {
    // Inbound 60 × 30% + qualification × 40% + ICP 100 × 30%: IQL 40 → 18 + 16 + 30 = 64;
    // MQL 60 → 18 + 24 + 30 = 72, a band higher.
    let lead = founder();
    let input = LeadInput {
        lead: &lead,
        history: &[],
        activities: &[],
        duplicate: false,
    };
    let p = Playbook::default();
    assert_eq!(priority(&input, Stage::Known, &p, day(30)), 64);
    assert_eq!(priority(&input, Stage::Mql, &p, day(30)), 72);
}
