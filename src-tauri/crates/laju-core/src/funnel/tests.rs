use super::*;
use crate::lifecycle::Actor;
use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;

pub(super) fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("valid")
        + Duration::days(n)
}

pub(super) fn dims(source: SourceKind) -> Dims {
    Dims {
        source,
        campaign: "Raya 2026".into(),
        owner: "Aisyah".into(),
        segment: FitClass::Smb,
        industry: "retail".into(),
    }
}

/// A history visiting `path` (stage, day entered) in order. A move to Recycled gives one of
/// two reasons, or none, by its day, so the recycle counts see repeats and blanks.
pub(super) fn history(path: &[(Stage, i64)]) -> Vec<StageChange> {
    path.iter()
        .enumerate()
        .map(|(i, (stage, at))| StageChange {
            from: i.checked_sub(1).map(|p| path[p].0),
            to: *stage,
            at: day(*at),
            actor: Actor::Person { name: "t".into() },
            event: None,
            reason: (*stage == Stage::Recycled)
                .then(|| ["Too early", " No budget ", ""][at.rem_euclid(3) as usize].to_string()),
        })
        .collect()
}

#[test]
fn moves_back_to_marketing_count_per_stage_left_and_reason_as_written() {
    use Stage::*;
    let leads = [
        // Day 3: "Too early"; day 4: " No budget " (trimmed); day 5: no reason.
        history(&[(Anonymous, 0), (Known, 0), (Mql, 1), (Recycled, 3)]),
        history(&[(Anonymous, 0), (Known, 0), (Mql, 1), (Recycled, 6)]),
        history(&[
            (Anonymous, 0),
            (Known, 0),
            (Mql, 1),
            (Sal, 2),
            (Recycled, 4),
        ]),
        // Recycled twice: from MQL on day 3, then from SAL on day 5 after a second MQL.
        history(&[
            (Anonymous, 0),
            (Known, 0),
            (Mql, 1),
            (Recycled, 3),
            (Mql, 4),
            (Sal, 4),
            (Recycled, 5),
        ]),
    ];
    let facts: Vec<LeadFacts> = leads
        .iter()
        .filter_map(|h| LeadFacts::of(h, dims(SourceKind::Inbound), None))
        .collect();
    let sum = total(&recompute(&facts), &FunnelFilter::default());
    let mql: Vec<(&str, u64)> = sum.recycled[&Mql]
        .iter()
        .map(|(r, n)| (r.as_str(), *n))
        .collect();
    assert_eq!(mql, [("Too early", 3)]);
    let sal: Vec<(&str, u64)> = sum.recycled[&Sal]
        .iter()
        .map(|(r, n)| (r.as_str(), *n))
        .collect();
    assert_eq!(sal, [("", 1), ("No budget", 1)]);
    assert_eq!(sum.reached(Recycled), 4, "four leads, five moves");
}

#[test]
fn known_histories_give_exact_counts_and_durations() {
    use Stage::*;
    let leads = [
        history(&[(Anonymous, 0), (Known, 0), (Mql, 2), (Sal, 3), (Sql, 10)]),
        history(&[(Anonymous, 0), (Known, 1), (Mql, 5), (Recycled, 9)]),
        history(&[(Anonymous, 0), (Known, 4)]),
        history(&[
            (Anonymous, 0),
            (Known, 0),
            (Mql, 1),
            (Sal, 2),
            (Sql, 4),
            (Opportunity, 8),
            (Customer, 30),
        ]),
    ];
    let facts: Vec<LeadFacts> = leads
        .iter()
        .filter_map(|h| LeadFacts::of(h, dims(SourceKind::Inbound), None))
        .collect();
    let cells = recompute(&facts);
    assert_eq!(cells.len(), 1, "one cohort month, one combination");
    let cell = cells.values().next().expect("cell");
    assert_eq!(cell.leads, 4);
    assert_eq!(
        (cell.reached(Mql), cell.reached(Sal), cell.reached(Customer)),
        (3, 2, 1)
    );
    assert_eq!(
        (
            cell.current(Sql),
            cell.current(Known),
            cell.current(Recycled)
        ),
        (1, 1, 1)
    );
    // Days in MQL: 1, 4 and 1 → average 2, median (sorted 1, 1, 4: the middle) 1.
    let mql = cell.dwell(Mql);
    assert_eq!(mql.visits, 3);
    assert_eq!(mql.average_days(), Some(2.0));
    assert_eq!(mql.median_days(), Some(1.0));
    // Days in SAL: 7 and 2 → average 4.5, median (mean of the two middle values) 4.5.
    assert_eq!(cell.dwell(Sal).average_days(), Some(4.5));
    assert_eq!(cell.dwell(Sal).median_days(), Some(4.5));
    assert_eq!(
        cell.dwell(Customer).visits,
        0,
        "an open visit has no duration yet"
    );
}

#[test]
fn a_change_moves_a_lead_between_cells_and_empties_the_old_one() {
    use Stage::*;
    let before = LeadFacts::of(
        &history(&[(Anonymous, 0), (Known, 1)]),
        dims(SourceKind::Event),
        None,
    )
    .expect("facts");
    let cells = recompute([&before]);
    let after = LeadFacts::of(
        &history(&[(Anonymous, 0), (Known, 1), (Mql, 3)]),
        dims(SourceKind::Referral),
        None,
    )
    .expect("facts");
    let touched = apply_change(&cells, Some(&before), Some(&after));
    assert_eq!(touched.len(), 2);
    let old = touched
        .iter()
        .find(|(k, _)| k.dims.source == SourceKind::Event)
        .expect("old");
    assert_eq!(old.1.leads, 0);
    let new = touched
        .iter()
        .find(|(k, _)| k.dims.source == SourceKind::Referral)
        .expect("new");
    assert_eq!(
        (new.1.leads, new.1.reached(Mql), new.1.dwell(Known).visits),
        (1, 1, 1)
    );
}

fn any_stage() -> impl Strategy<Value = Stage> {
    prop::sample::select(Stage::ALL.to_vec())
}

fn any_dims() -> impl Strategy<Value = Dims> {
    (
        prop::sample::select(SourceKind::ALL.to_vec()),
        prop::sample::select(vec!["", "Raya", "Webinar"]),
        prop::sample::select(vec!["", "Aisyah", "Ravi"]),
        prop::sample::select(FitClass::ALL.to_vec()),
    )
        .prop_map(|(source, campaign, owner, segment)| Dims {
            source,
            campaign: campaign.into(),
            owner: owner.into(),
            segment,
            industry: "retail".into(),
        })
}

fn any_handoff() -> impl Strategy<Value = Option<HandoffFact>> {
    prop::option::of(
        (
            prop::sample::select(crate::sla::SlaType::ALL.to_vec()),
            prop::option::of(0u64..3000),
            any::<bool>(),
            prop::option::of(prop::sample::select(RejectCode::ALL.to_vec())),
        )
            .prop_map(
                |(lead_type, answered_minutes, breached, rejected)| HandoffFact {
                    lead_type,
                    answered_minutes,
                    breached,
                    rejected,
                },
            ),
    )
}

/// A deal in one of two currencies, at a few amounts (so amounts repeat), often with a
/// forecast category; sometimes none at all.
fn any_deal() -> impl Strategy<Value = Option<DealFact>> {
    prop::option::of(
        (
            prop::sample::select(vec![500u64, 1_000, 2_000, 6_000, 250_000]),
            prop::sample::select(vec!["MYR", "SGD"]),
            prop::option::of(prop::sample::select(vec![
                crate::lead::ForecastCategory::Pipeline,
                crate::lead::ForecastCategory::BestCase,
                crate::lead::ForecastCategory::Commit,
                crate::lead::ForecastCategory::Omitted,
            ])),
        )
            .prop_map(|(amount, currency, forecast)| DealFact {
                amount,
                currency: currency.into(),
                forecast,
            }),
    )
}

proptest! {
    /// Leads grow their histories step by step (a stage change, sometimes with new dims, as an
    /// owner or campaign is set, and a deal value or forecast that is set, edited or cleared);
    /// applying each step to the cells ends where recomputing every lead's final facts from
    /// scratch does, deal values per currency included.
    #[test]
    fn maintained_cells_equal_a_recomputation(
        leads in prop::collection::vec(
            (0i64..400, prop::collection::vec((any_stage(), 0i64..40, any_dims(), any_handoff(), any_deal()), 1..12)),
            1..25,
        )
    ) {
        let mut cells = Cells::new();
        let mut finals = Vec::new();
        for (start, steps) in &leads {
            let mut path = Vec::new();
            let mut old: Option<LeadFacts> = None;
            let mut at = *start;
            for (stage, gap, dims, handoff, deal) in steps {
                at += gap;
                path.push((*stage, at));
                let mut new = LeadFacts::of(&history(&path), dims.clone(), None);
                if let Some(facts) = new.as_mut() {
                    facts.handoff = handoff.clone();
                    facts.deal = deal.clone();
                }
                for (key, cell) in apply_change(&cells, old.as_ref(), new.as_ref()) {
                    if cell.leads == 0 {
                        cells.remove(&key);
                    } else {
                        cells.insert(key, cell);
                    }
                }
                old = new;
            }
            finals.extend(old);
        }
        prop_assert_eq!(cells, recompute(&finals));
    }
}

#[test]
fn reports_read_conversion_against_bands_and_days_against_the_playbook() {
    use Stage::*;
    let mut all = Vec::new();
    // 10 MQLs of March; 2 accepted (20%: within 15–30), 1 of those qualified (50%: within).
    for n in 0..10 {
        let mut path = vec![(Anonymous, 0), (Known, 0), (Mql, 1)];
        if n < 2 {
            path.push((Sal, 2 + n));
        }
        if n == 0 {
            path.push((Sql, 12));
        }
        all.extend(LeadFacts::of(
            &history(&path),
            dims(SourceKind::Inbound),
            None,
        ));
    }
    // One event lead in April that became a customer 60 days after its first touch.
    let mut april = dims(SourceKind::Event);
    april.owner = "Ravi".into();
    let won = history(&[
        (Anonymous, 31),
        (Known, 31),
        (Mql, 32),
        (Sal, 33),
        (Sql, 40),
        (Opportunity, 50),
        (Customer, 91),
    ]);
    all.extend(LeadFacts::of(&won, april, None));
    let cells = recompute(&all);

    let march = FunnelFilter {
        from: Some(202603),
        to: Some(202603),
        ..Default::default()
    };
    let report = funnel(
        &total(&cells, &march),
        &default_bands(),
        &crate::playbook::MoneyRules::default(),
    );
    let step = |s: Stage| {
        report
            .steps
            .iter()
            .find(|x| x.stage == s)
            .cloned()
            .expect("step")
    };
    assert_eq!(report.leads, 10);
    assert_eq!(step(Mql).reached, 10);
    assert_eq!(step(Sal).conversion, Some(20.0));
    assert_eq!(step(Sal).verdict, Some(Verdict::Within));
    assert_eq!(step(Sql).conversion, Some(50.0));
    assert_eq!(step(Sal).now, 1, "one still in SAL now");
    assert_eq!(step(Opportunity).conversion, Some(0.0));
    assert_eq!(step(Opportunity).verdict, Some(Verdict::Below));

    let ravi = FunnelFilter {
        owner: Some("ravi".into()),
        ..Default::default()
    };
    let playbook = crate::Playbook::default();
    let v = velocity(&total(&cells, &ravi), &playbook.stages, &playbook.money);
    assert_eq!((v.won, v.to_won_median_days), (1, Some(60.0)));
    let sql = v.stages.iter().find(|s| s.stage == Sql).expect("sql");
    assert_eq!((sql.visits, sql.average_days), (1, Some(10.0)));

    let by_source = breakdown(&cells, &FunnelFilter::default(), Dimension::Source);
    let names: Vec<_> = by_source
        .iter()
        .map(|(v, c)| (v.as_str(), c.leads))
        .collect();
    assert_eq!(names, [("inbound", 10), ("event", 1)]);
}

#[test]
fn sla_performance_counts_compliance_speed_and_rejection_reasons() {
    use Stage::*;
    let fact = |minutes: Option<u64>, breached, rejected| HandoffFact {
        lead_type: crate::sla::SlaType::Inbound,
        answered_minutes: minutes,
        breached,
        rejected,
    };
    let facts: Vec<LeadFacts> = [
        fact(Some(4), false, None),
        fact(Some(20), false, None),
        fact(Some(90), true, None),
        fact(Some(10), false, Some(RejectCode::BadContact)),
        fact(None, false, None),
    ]
    .into_iter()
    .filter_map(|f| {
        let mut facts = LeadFacts::of(
            &history(&[(Known, 0), (Mql, 1)]),
            dims(SourceKind::Inbound),
            None,
        )?;
        facts.handoff = Some(f);
        Some(facts)
    })
    .collect();
    let perf = sla_performance(&total(&recompute(&facts), &FunnelFilter::default()));
    let o = &perf.overall;
    assert_eq!((o.handoffs, o.decided, o.within, o.breached), (5, 4, 3, 1));
    assert_eq!(o.compliance, Some(75.0));
    // Answered in 4, 10, 20, 90 minutes. Median: rank 3 · 0.5 = 1.5 → 10 + 0.5 · 10 = 15.
    // p90: rank 3 · 0.9 = 2.7 → 20 + 0.7 · (90 − 20) = 20 + 49 = 69.
    assert_eq!((o.median_minutes, o.p90_minutes), (Some(15.0), Some(69.0)));
    assert_eq!(perf.rejections.len(), 1);
    assert_eq!(perf.rejections[0].code, RejectCode::BadContact);
}

fn reached(facts: &LeadFacts) -> Vec<Stage> {
    Stage::ALL
        .into_iter()
        .filter(|s| facts.has_reached(*s))
        .collect()
}

#[test]
fn a_lead_won_before_its_mql_date_reached_every_main_path_stage_and_no_time_is_negative() {
    use Stage::*;
    // As a history may hold it: captured on day 2, the MQL dated day 10, the win day 9.
    let won_early = LeadFacts::of(
        &history(&[(Anonymous, 0), (Known, 2), (Mql, 10), (Customer, 9)]),
        dims(SourceKind::Inbound),
        None,
    )
    .expect("facts");
    // Entered Anonymous, Known, MQL and Customer; SAL, SQL and Opportunity lie before Customer.
    assert_eq!(reached(&won_early), Stage::MAIN_PATH);
    // Anonymous day 0 → 2, Known 2 → 10, MQL 10 → 9 (−1 day) lasts 0; Customer is open.
    assert_eq!(
        won_early.visits,
        [(Anonymous, 2 * 86_400), (Known, 8 * 86_400), (Mql, 0)]
    );
    assert_eq!(won_early.to_won_secs, Some(9 * 86_400));

    // Beside an MQL accepted after 4 days, the cohort funnel counts both as MQLs and SALs.
    let accepted = LeadFacts::of(
        &history(&[(Anonymous, 0), (Known, 1), (Mql, 3), (Sal, 7)]),
        dims(SourceKind::Inbound),
        None,
    )
    .expect("facts");
    let sum = total(
        &recompute([&won_early, &accepted]),
        &FunnelFilter::default(),
    );
    let report = funnel(&sum, &default_bands(), &crate::Playbook::default().money);
    let counts: Vec<_> = report.steps.iter().map(|s| (s.stage, s.reached)).collect();
    assert_eq!(
        counts,
        [
            (Anonymous, 2),
            (Known, 2),
            (Mql, 2),
            (Sal, 2),
            (Sql, 1),
            (Opportunity, 1),
            (Customer, 1)
        ]
    );
    // MQL visits of 0 and 4 days: average 2, median (0 + 4) / 2 = 2. Known: 8 and 2 days,
    // average and median 5. To won: one, after 9 days.
    let playbook = crate::Playbook::default();
    let v = velocity(&sum, &playbook.stages, &playbook.money);
    let row = |s: Stage| {
        v.stages
            .iter()
            .find(|r| r.stage == s)
            .cloned()
            .expect("row")
    };
    assert_eq!(
        (row(Mql).visits, row(Mql).average_days, row(Mql).median_days),
        (2, Some(2.0), Some(2.0))
    );
    assert_eq!(
        (row(Known).average_days, row(Known).median_days),
        (Some(5.0), Some(5.0))
    );
    assert_eq!(
        (v.won, v.to_won_average_days, v.to_won_median_days),
        (1, Some(9.0), Some(9.0))
    );
}

#[test]
fn a_win_dated_before_the_creation_takes_no_time_rather_than_negative_time() {
    use Stage::*;
    let facts = LeadFacts::of(
        &history(&[(Anonymous, 5), (Customer, 3)]),
        dims(SourceKind::Referral),
        None,
    )
    .expect("facts");
    assert_eq!(facts.to_won_secs, Some(0));
    assert_eq!(facts.visits, [(Anonymous, 0)]);
}

#[test]
fn off_path_stages_imply_no_stage_they_did_not_record() {
    use Stage::*;
    let of = |path: &[(Stage, i64)]| {
        reached(&LeadFacts::of(&history(path), dims(SourceKind::Event), None).expect("facts"))
    };
    // Lost straight from Known: nothing past Known counts.
    assert_eq!(
        of(&[(Anonymous, 0), (Known, 1), (ClosedLost, 3)]),
        [Anonymous, Known, ClosedLost]
    );
    // Recycled from SQL: reached up to SQL, not Opportunity.
    assert_eq!(
        of(&[(Anonymous, 0), (Sql, 2), (Recycled, 5)]),
        [Anonymous, Known, Mql, Sal, Sql, Recycled]
    );
}
