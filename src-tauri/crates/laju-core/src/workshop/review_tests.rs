use super::*;
use crate::classification::FitClass;
use crate::funnel::{
    breakdown, recompute, total, Dimension, Dims, FunnelFilter, HandoffFact, LeadFacts,
};
use crate::lead::SourceKind;
use crate::lifecycle::{Actor, StageChange};
use crate::playbook::{MoneyRules, StageDefinition};
use crate::routing::Role;
use crate::sla::SlaTarget;
use crate::Playbook;
use chrono::{DateTime, Duration, TimeZone, Utc};
use ReviewVerdict::{Kept, Missed, NoData};

fn band(from: Stage, to: Stage, low: u32, high: u32) -> ConversionBand {
    ConversionBand {
        from,
        to,
        low,
        high,
    }
}

#[test]
fn conversion_is_kept_from_the_low_end_of_the_band_up() {
    let b = band(Stage::Mql, Stage::Sal, 15, 30);
    assert_eq!(conversion_verdict(3, 20, b), Kept, "15 % exactly");
    assert_eq!(conversion_verdict(2, 20, b), Missed, "10 %");
    assert_eq!(
        conversion_verdict(10, 20, b),
        Kept,
        "50 %: above the band is better"
    );
    assert_eq!(conversion_verdict(1, 7, b), Missed, "14.3 %");
    assert_eq!(conversion_verdict(0, 0, b), NoData, "nobody reached MQL");
    let low14 = band(Stage::Mql, Stage::Sal, 14, 30);
    assert_eq!(
        conversion_verdict(1, 7, low14),
        Kept,
        "14.3 % of a 14 % floor"
    );
}

#[test]
fn a_stage_is_kept_while_its_average_is_at_most_the_typical_days() {
    assert_eq!(stage_time_verdict(Some(14.0), 14), Kept);
    assert_eq!(stage_time_verdict(Some(14.01), 14), Missed);
    assert_eq!(stage_time_verdict(Some(0.5), 14), Kept);
    assert_eq!(stage_time_verdict(None, 14), NoData);
}

#[test]
fn sla_compliance_is_kept_at_the_goal_and_missed_below_it() {
    assert_eq!(compliance_verdict(9, 10, 90), Kept, "90 % of a 90 % goal");
    assert_eq!(compliance_verdict(8, 9, 90), Missed, "88.9 %");
    assert_eq!(compliance_verdict(10, 10, 100), Kept);
    assert_eq!(
        compliance_verdict(99, 100, 100),
        Missed,
        "one late answer of 100"
    );
    assert_eq!(compliance_verdict(0, 0, 90), NoData);
    assert_eq!(compliance_verdict(0, 3, 1), Missed);
}

#[test]
fn a_rejection_code_is_kept_while_its_share_does_not_grow() {
    let share = |count, of| Share { count, of };
    assert_eq!(
        rejection_verdict(share(2, 10), share(3, 12)),
        Kept,
        "20 % after 25 %"
    );
    assert_eq!(
        rejection_verdict(share(3, 10), share(3, 12)),
        Missed,
        "30 % after 25 %"
    );
    assert_eq!(
        rejection_verdict(share(1, 4), share(2, 8)),
        Kept,
        "25 % after 25 %"
    );
    assert_eq!(rejection_verdict(share(0, 5), share(0, 8)), Kept);
    assert_eq!(
        rejection_verdict(share(0, 0), share(2, 8)),
        NoData,
        "nothing answered now"
    );
    assert_eq!(
        rejection_verdict(share(2, 8), share(0, 0)),
        NoData,
        "nothing before"
    );
    assert_eq!(share(1, 8).percent(), Some(12.5));
    assert_eq!(share(0, 0).percent(), None);
}

#[test]
fn a_recycle_is_kept_when_it_gave_a_reason() {
    assert_eq!(recycle_verdict("Too early"), Kept);
    assert_eq!(recycle_verdict(""), Missed);
    assert_eq!(recycle_verdict("   "), Missed);
}

#[test]
fn a_black_hole_is_missed_while_any_lead_of_the_cohort_sits_in_it() {
    assert_eq!(black_hole_verdict(2, 5), Missed);
    assert_eq!(black_hole_verdict(0, 5), Kept);
    assert_eq!(black_hole_verdict(0, 0), NoData, "none reached the stage");
}

#[test]
fn a_tally_counts_each_verdict() {
    let t = tally([Kept, Missed, Kept, NoData, Kept]);
    assert_eq!((t.kept, t.missed, t.no_data), (3, 1, 1));
}

fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("valid")
        + Duration::days(n)
}

/// A history visiting `path` (stage, day entered, reason) in order.
fn history(path: &[(Stage, i64, Option<&str>)]) -> Vec<StageChange> {
    path.iter()
        .enumerate()
        .map(|(i, (stage, at, reason))| StageChange {
            from: i.checked_sub(1).map(|p| path[p].0),
            to: *stage,
            at: day(*at),
            actor: Actor::Person { name: "t".into() },
            event: None,
            reason: reason.map(str::to_string),
        })
        .collect()
}

fn dims(owner: &str) -> Dims {
    Dims {
        source: SourceKind::Inbound,
        campaign: String::new(),
        owner: owner.into(),
        segment: FitClass::Smb,
        industry: String::new(),
    }
}

fn facts(path: &[(Stage, i64, Option<&str>)], owner: &str) -> LeadFacts {
    LeadFacts::of(&history(path), dims(owner), None).expect("facts")
}

/// An MQL handed to `owner` as `lead_type`, answered after `minutes` (or not yet), breached
/// or not, rejected with `code` or not.
fn handed(
    owner: &str,
    lead_type: SlaType,
    minutes: Option<u64>,
    breached: bool,
    code: Option<RejectCode>,
) -> LeadFacts {
    use Stage::*;
    let mut f = facts(
        &[(Anonymous, 0, None), (Known, 0, None), (Mql, 1, None)],
        owner,
    );
    f.handoff = Some(HandoffFact {
        lead_type,
        answered_minutes: minutes,
        breached,
        rejected: code,
    });
    f
}

fn sum(all: &[LeadFacts]) -> Cell {
    total(&recompute(all), &FunnelFilter::default())
}

#[test]
fn conversion_and_stage_time_lines_cover_what_the_agreement_sets() {
    use Stage::*;
    // 10 MQLs of March: 2 accepted on day 3 (20 %), 1 of those qualified on day 7 (50 %), no
    // opportunity (0 of 1), no customer (none reached Opportunity).
    let mql = [(Anonymous, 0, None), (Known, 0, None), (Mql, 1, None)];
    let mut all: Vec<LeadFacts> = (0..8).map(|_| facts(&mql, "")).collect();
    let mut sal = mql.to_vec();
    sal.push((Sal, 3, None));
    all.push(facts(&sal, ""));
    sal.push((Sql, 7, None));
    all.push(facts(&sal, ""));
    let bands = vec![
        band(Mql, Sal, 15, 30),
        band(Sal, Sql, 40, 60),
        band(Sql, Opportunity, 30, 50),
        band(Opportunity, Customer, 20, 40),
    ];
    let s = sum(&all);
    let report = funnel::funnel(&s, &bands, &MoneyRules::default());
    let lines: Vec<_> = conversion_lines(&report.steps)
        .iter()
        .map(|l| (l.from, l.to, l.base, l.reached, l.verdict))
        .collect();
    assert_eq!(
        lines,
        [
            (Mql, Sal, 10, 2, Kept),
            (Sal, Sql, 2, 1, Kept),
            (Sql, Opportunity, 1, 0, Missed),
            (Opportunity, Customer, 0, 0, NoData),
        ],
        "no line for Anonymous → Known or Known → MQL: no band agreed"
    );

    // Typical days only for MQL (3) and SAL (3): the two finished MQL visits took 2 days, the
    // one finished SAL visit 4.
    let stages: Vec<StageDefinition> = Playbook::default()
        .stages
        .into_iter()
        .map(|mut d| {
            (d.typical_days, d.best_days) = match d.stage {
                Mql | Sal => (Some(3), Some(1)),
                _ => (None, None),
            };
            d
        })
        .collect();
    let velocity = funnel::velocity(&s, &stages, &MoneyRules::default());
    let lines: Vec<_> = stage_time_lines(&velocity.stages)
        .iter()
        .map(|l| (l.stage, l.visits, l.average_days, l.typical_days, l.verdict))
        .collect();
    assert_eq!(
        lines,
        [(Mql, 2, Some(2.0), 3, Kept), (Sal, 1, Some(4.0), 3, Missed)]
    );
}

#[test]
fn sla_lines_judge_each_lead_type_and_rep_against_the_compliance_goal() {
    use SlaType::*;
    let all = [
        // Aisyah, ICP: 2 of 3 in time (66.7 %).
        handed("Aisyah", Icp, Some(4), false, None),
        handed("Aisyah", Icp, Some(6), false, None),
        handed("Aisyah", Icp, Some(40), true, None),
        // Ravi: both inbound in time, and a database lead the table has no row for.
        handed("Ravi", Inbound, Some(10), false, None),
        handed("Ravi", Inbound, Some(20), false, None),
        handed("Ravi", Database, Some(100), false, None),
        // Nobody owns a rejected referral (in time) and a pending one.
        handed("", Referral, Some(5), false, Some(RejectCode::NotIcp)),
        handed("", Referral, None, false, None),
        // Zed, off the roster: one event lead still waiting.
        handed("Zed", Event, None, false, None),
    ];
    let policy = SlaPolicy {
        targets: [(Icp, 5), (Referral, 15), (Inbound, 30), (Event, 1440)]
            .map(|(lead_type, minutes)| SlaTarget { lead_type, minutes })
            .to_vec(),
        hours: Vec::new(),
        compliance_goal: 75,
    };
    let cells = recompute(&all);
    let s = total(&cells, &FunnelFilter::default());
    let by_type: Vec<_> = sla_type_lines(&s, &policy)
        .iter()
        .map(|l| {
            (
                l.lead_type,
                l.target_minutes,
                l.stats.decided,
                l.stats.within,
                l.verdict,
            )
        })
        .collect();
    assert_eq!(
        by_type,
        [
            (Icp, 5, 3, 2, Missed),
            (Referral, 15, 1, 1, Kept),
            (Inbound, 30, 2, 2, Kept),
            (Event, 1440, 0, 0, NoData),
            (Database, 1440, 1, 1, Kept),
        ],
        "the agreed types in the table's order, then a type it lacks at the slowest target"
    );

    let by_owner = breakdown(&cells, &FunnelFilter::default(), Dimension::Owner);
    let mut roster = ["Aisyah", "Ravi", "Mei"]
        .map(|name| Rep::new(name, Role::Ae))
        .to_vec();
    // A manager takes no leads by rule: no line unless one was handed to them.
    roster.push(Rep::new("Farid", Role::Manager));
    let by_rep: Vec<_> = sla_rep_lines(&by_owner, &roster, 75)
        .iter()
        .map(|l| {
            (
                l.rep.clone(),
                l.on_roster,
                l.stats.handoffs,
                l.stats.decided,
                l.stats.within,
                l.verdict,
            )
        })
        .collect();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        by_rep,
        [
            (some("Aisyah"), true, 3, 3, 2, Missed),
            (some("Ravi"), true, 3, 3, 3, Kept),
            (some("Mei"), true, 0, 0, 0, NoData),
            (some("Zed"), false, 1, 0, 0, NoData),
            // Answered in time, but by no one the goal can hold: the per-type lines judge it.
            (None, false, 2, 1, 1, NoData),
        ]
    );
}

#[test]
fn rejection_lines_compare_each_codes_share_with_the_quarter_before() {
    use RejectCode::*;
    use SlaType::Inbound;
    let answered = |code| handed("", Inbound, Some(5), false, code);
    let times = |n: usize, code: Option<RejectCode>| (0..n).map(move |_| answered(code));
    // Now: 10 answered, NotIcp 2 (20 %), TooEarly 3 (30 %).
    let now: Vec<LeadFacts> = times(2, Some(NotIcp))
        .chain(times(3, Some(TooEarly)))
        .chain(times(5, None))
        .collect();
    // Before: 20 answered, NotIcp 6 (30 %), TooEarly 2 (10 %), Competitor 1 (5 %).
    let before: Vec<LeadFacts> = times(6, Some(NotIcp))
        .chain(times(2, Some(TooEarly)))
        .chain(times(1, Some(Competitor)))
        .chain(times(11, None))
        .collect();
    let lines: Vec<_> = rejection_lines(&sum(&now), &sum(&before))
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
        lines,
        [
            (TooEarly, 3, 10, 2, 20, Missed),
            (NotIcp, 2, 10, 6, 20, Kept),
            (Competitor, 0, 10, 1, 20, Kept),
        ],
        "most used now first"
    );
    let first = &rejection_lines(&sum(&now), &sum(&before))[0];
    assert_eq!(
        (first.share, first.previous_share),
        (Some(30.0), Some(10.0))
    );

    let alone: Vec<_> = rejection_lines(&sum(&now), &Cell::default())
        .iter()
        .map(|l| (l.code, l.verdict))
        .collect();
    assert_eq!(
        alone,
        [(TooEarly, NoData), (NotIcp, NoData)],
        "no quarter before"
    );
}

#[test]
fn recycle_lines_give_each_stage_left_its_reasons_most_frequent_first() {
    use Stage::*;
    let back = |from: Stage, reason: Option<&str>| {
        let mut path = vec![(Anonymous, 0, None), (Known, 0, None), (Mql, 1, None)];
        if from == Sal {
            path.push((Sal, 2, None));
        }
        path.push((Recycled, 5, reason));
        facts(&path, "")
    };
    let all = [
        back(Mql, Some("Not an ICP fit")),
        back(Mql, Some("Too early")),
        back(Mql, Some("Too early")),
        back(Sal, None),
        back(Sal, Some("Unreachable after 6 attempts")),
    ];
    let lines: Vec<_> = recycle_lines(&sum(&all))
        .iter()
        .map(|l| (l.from, l.reason.clone(), l.count, l.verdict))
        .collect();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        lines,
        [
            (Mql, some("Too early"), 2, Kept),
            (Mql, some("Not an ICP fit"), 1, Kept),
            (Sal, None, 1, Missed),
            (Sal, some("Unreachable after 6 attempts"), 1, Kept),
        ]
    );
}
