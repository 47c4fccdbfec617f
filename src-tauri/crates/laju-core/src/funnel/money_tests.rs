//! The deal-value reports against figures worked out by hand.

use super::tests::{dims, history};
use super::*;
use crate::lead::{ForecastCategory, Money, Opportunity};
use crate::playbook::{CurrencyRate, DealSize, DealSizeBand, ForecastWeight, MoneyRules};
use Stage::*;

/// A lead that went along the main path to `end` (entering Opportunity on day `opened`,
/// ending on day `closed`), with a deal of `amount` `currency`, or none when `amount` is 0.
fn lead(end: Stage, opened: i64, closed: i64, amount: u64, currency: &str) -> LeadFacts {
    let mut path = vec![(Anonymous, 0), (Known, 0), (Mql, 1), (Sal, 2), (Sql, 4)];
    if end != Sql {
        path.push((Opportunity, opened));
    }
    if end != Sql && end != Opportunity {
        path.push((end, closed));
    }
    let mut facts = LeadFacts::of(&history(&path), dims(SourceKind::Inbound), None).expect("facts");
    facts.deal = (amount > 0).then(|| DealFact {
        amount,
        currency: currency.into(),
        forecast: None,
    });
    facts
}

fn with_forecast(mut facts: LeadFacts, category: ForecastCategory) -> LeadFacts {
    if let Some(deal) = facts.deal.as_mut() {
        deal.forecast = Some(category);
    }
    facts
}

/// Ringgit with no rates, unless a test adds them.
fn ringgit() -> MoneyRules {
    MoneyRules {
        currency: Some("MYR".into()),
        rates: Vec::new(),
        ..MoneyRules::default()
    }
}

/// SQL → Opportunity 30–50 % (middle 40 %), Opportunity → Customer 20–40 % (middle 30 %).
fn bands() -> Vec<ConversionBand> {
    [(Sql, Opportunity, 30, 50), (Opportunity, Customer, 20, 40)]
        .map(|(from, to, low, high)| ConversionBand {
            from,
            to,
            low,
            high,
        })
        .to_vec()
}

fn report(leads: &[LeadFacts], rules: &MoneyRules) -> MoneyReport {
    money(
        &total(&recompute(leads), &FunnelFilter::default()),
        &bands(),
        rules,
    )
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

#[test]
fn three_won_and_one_lost_give_revenue_average_and_both_win_rates() {
    let leads = [
        lead(Customer, 8, 30, 1_000, "MYR"),
        lead(Customer, 8, 40, 2_000, "MYR"),
        lead(Customer, 8, 50, 6_000, "MYR"),
        lead(ClosedLost, 8, 20, 500, "MYR"),
    ];
    let r = report(&leads, &ringgit());
    assert_eq!(r.currencies.len(), 1);
    let myr = &r.currencies[0];
    assert_eq!((myr.currency.as_str(), myr.converted), ("MYR", false));
    // 1,000 + 2,000 + 6,000 = 9,000 won over 3 deals: 3,000 each on average.
    assert_eq!((myr.won_deals, myr.won_value), (3, 9_000.0));
    assert_eq!(myr.average_won, Some(3_000.0));
    assert_eq!((myr.lost_deals, myr.lost_value), (1, 500.0));
    // 3 of 4 closed deals; 9,000 of 9,500 closed value = 94.7368…%.
    assert_eq!(myr.win_rate_by_count, Some(75.0));
    let by_value = myr.win_rate_by_value.expect("rate");
    assert!((by_value - 94.736_842).abs() < 1e-5, "{by_value}");
    assert_eq!((myr.open_deals, myr.open_value), (0, 0.0));
    assert!(
        myr.open_value.is_sign_positive() && myr.weighted_value.is_sign_positive(),
        "no open deal is 0, not -0 (which JSON and Intl show as a negative amount)"
    );
    assert_eq!(r.closed_win_rate, Some(75.0));
    // Ringgit is the workspace currency: the total is the same figures, marked converted.
    let total = r.total.expect("total");
    assert_eq!(
        (total.converted, total.won_value, total.lost_value),
        (true, 9_000.0, 500.0)
    );
}

#[test]
fn two_currencies_are_never_added_without_a_rate() {
    let leads = [
        lead(Customer, 8, 30, 1_000, "MYR"),
        lead(Customer, 8, 30, 300, "SGD"),
        lead(ClosedLost, 8, 30, 100, "SGD"),
    ];
    let r = report(&leads, &ringgit());
    let won: Vec<_> = r
        .currencies
        .iter()
        .map(|c| (c.currency.as_str(), c.won_value, c.lost_value))
        .collect();
    assert_eq!(won, [("MYR", 1_000.0, 0.0), ("SGD", 300.0, 100.0)]);
    assert_eq!(r.total, None, "no rate for SGD: no ringgit total");
    assert_eq!(r.missing_rates, ["SGD"]);

    let no_workspace = MoneyRules {
        currency: None,
        ..ringgit()
    };
    let r = report(&leads, &no_workspace);
    assert_eq!((r.total, r.currencies.len()), (None, 2));
}

#[test]
fn a_rate_table_totals_every_currency_in_the_workspace_currency() {
    let leads = [
        lead(Customer, 8, 30, 1_000, "MYR"),
        lead(Customer, 8, 30, 300, "SGD"),
        lead(ClosedLost, 8, 30, 100, "SGD"),
        lead(Opportunity, 8, 0, 2_000, "SGD"),
    ];
    let rules = MoneyRules {
        rates: vec![CurrencyRate {
            currency: "SGD".into(),
            rate: 3.5,
        }],
        ..ringgit()
    };
    let r = report(&leads, &rules);
    assert!(r.missing_rates.is_empty());
    let total = r.total.expect("total");
    // Won 1,000 + 300 × 3.5 = 2,050 over 2 deals; lost 100 × 3.5 = 350; open 2,000 × 3.5.
    assert_eq!((total.currency.as_str(), total.won_deals), ("MYR", 2));
    assert!(close(total.won_value, 2_050.0));
    assert_eq!(total.average_won, Some(1_025.0));
    assert!(close(total.lost_value, 350.0));
    assert!(close(total.open_value, 7_000.0));
    // The per-currency figures stay in their own currency.
    let sgd = r
        .currencies
        .iter()
        .find(|c| c.currency == "SGD")
        .expect("sgd");
    assert_eq!((sgd.won_value, sgd.open_value), (300.0, 2_000.0));
}

#[test]
fn the_weighted_pipeline_reads_the_forecast_category_else_the_stage_conversion() {
    let rules = MoneyRules {
        forecast_weights: vec![ForecastWeight {
            category: ForecastCategory::Commit,
            percent: 90,
        }],
        ..ringgit()
    };
    let mut known = lead(Sql, 0, 0, 1_000, "MYR");
    known = LeadFacts {
        current: Known,
        ..known
    };
    let leads = [
        with_forecast(
            lead(Opportunity, 8, 0, 10_000, "MYR"),
            ForecastCategory::Commit,
        ),
        lead(Opportunity, 8, 0, 4_000, "MYR"),
        // Best case has no weight row here: it counts as a deal without a category.
        with_forecast(
            lead(Opportunity, 8, 0, 3_000, "MYR"),
            ForecastCategory::BestCase,
        ),
        lead(Sql, 0, 0, 2_000, "MYR"),
        known,
        // Out of the pipeline: neither open nor lost.
        LeadFacts {
            current: Disqualified,
            ..lead(Sql, 0, 0, 9_999, "MYR")
        },
    ];
    let r = report(&leads, &rules);
    let myr = &r.currencies[0];
    let stages: Vec<_> = myr
        .by_stage
        .iter()
        .map(|s| (s.stage, s.deals, s.value, s.unweighted_deals))
        .collect();
    assert_eq!(
        stages,
        [
            (Known, 1, 1_000.0, 1),
            (Sql, 1, 2_000.0, 0),
            (Opportunity, 3, 17_000.0, 0),
        ]
    );
    let stage = |s: Stage| myr.by_stage.iter().find(|v| v.stage == s).expect("stage");
    // Opportunity: 10,000 × 90 % + (4,000 + 3,000) × 30 % = 9,000 + 2,100.
    assert!(close(stage(Opportunity).weighted_value, 11_100.0));
    assert!(close(stage(Opportunity).win_share.expect("share"), 30.0));
    // SQL: 2,000 × 40 % × 30 % = 240. Known has no band to MQL, so no share.
    assert!(close(stage(Sql).weighted_value, 240.0));
    assert!(close(stage(Sql).win_share.expect("share"), 12.0));
    assert_eq!(
        (stage(Known).weighted_value, stage(Known).win_share),
        (0.0, None)
    );
    assert_eq!((myr.open_deals, myr.open_value), (5, 20_000.0));
    assert!(close(myr.weighted_value, 11_340.0));
    assert_eq!(
        myr.lost_deals, 0,
        "a disqualified lead's deal is not lost value"
    );
}

#[test]
fn the_closed_win_rate_counts_leads_without_a_value_too() {
    let leads = [
        lead(Customer, 8, 30, 0, "MYR"),
        lead(ClosedLost, 8, 30, 800, "MYR"),
    ];
    let r = report(&leads, &ringgit());
    assert_eq!(r.closed_win_rate, Some(50.0));
    assert_eq!(r.currencies[0].win_rate_by_count, Some(0.0));
}

#[test]
fn velocity_splits_by_deal_size_after_converting_and_leaves_out_what_it_cannot_convert() {
    let rules = MoneyRules {
        rates: vec![CurrencyRate {
            currency: "SGD".into(),
            rate: 3.0,
        }],
        deal_sizes: vec![
            DealSizeBand {
                size: DealSize::Small,
                up_to: Some(5_000),
                typical_days: Some(30),
            },
            DealSizeBand {
                size: DealSize::Medium,
                up_to: Some(50_000),
                typical_days: Some(90),
            },
            DealSizeBand {
                size: DealSize::Large,
                up_to: None,
                typical_days: Some(180),
            },
        ],
        ..ringgit()
    };
    let leads = [
        // Small: won on days 30, 50 and 40 (1,500 SGD × 3 = 4,500 MYR is small too), after
        // 22, 40 and 35 days as an opportunity.
        lead(Customer, 8, 30, 1_000, "MYR"),
        lead(Customer, 10, 50, 4_000, "MYR"),
        lead(Customer, 5, 40, 1_500, "SGD"),
        // Medium: 2,000 SGD × 3 = 6,000 MYR, won on day 120 after 100 days as an opportunity.
        lead(Customer, 20, 120, 2_000, "SGD"),
        // Large: lost after 60 days as an opportunity; won nothing.
        lead(ClosedLost, 10, 70, 80_000, "MYR"),
        // No rate for rupiah, and a win with no value: in no band.
        lead(Customer, 8, 30, 1_000_000, "IDR"),
        lead(Customer, 8, 30, 0, "MYR"),
    ];
    let sum = total(&recompute(&leads), &FunnelFilter::default());
    let split = deal_sizes(&sum, &rules);
    let rows: Vec<_> = split
        .bands
        .iter()
        .map(|b| (b.size, b.won, b.median_days_to_won, b.opportunity_visits))
        .collect();
    assert_eq!(
        rows,
        [
            (DealSize::Small, 3, Some(40.0), 3),
            (DealSize::Medium, 1, Some(120.0), 1),
            (DealSize::Large, 0, None, 1),
        ]
    );
    let [small, medium, large] = &split.bands[..] else {
        panic!("three bands")
    };
    // (30 + 50 + 40) / 3 = 40 days to won; (22 + 40 + 35) / 3 = 32.33 days as an opportunity,
    // over the small band's 30.
    assert_eq!(small.average_days_to_won, Some(40.0));
    let opp = small.opportunity_average_days.expect("average");
    assert!((opp - 97.0 / 3.0).abs() < 1e-9, "{opp}");
    assert_eq!(small.opportunity_median_days, Some(35.0));
    assert_eq!(small.verdict, Some(Verdict::Above));
    assert_eq!(
        (medium.opportunity_average_days, medium.verdict),
        (Some(100.0), Some(Verdict::Above))
    );
    assert_eq!(
        (large.opportunity_average_days, large.verdict),
        (Some(60.0), Some(Verdict::Within))
    );
    assert_eq!((small.above, small.up_to), (0, Some(5_000)));
    assert_eq!((medium.above, medium.up_to), (5_000, Some(50_000)));
    assert_eq!((large.above, large.up_to), (50_000, None));
    assert_eq!((split.unbanded_won, split.won_without_value), (1, 1));
    assert_eq!(split.unbanded_currencies, ["IDR"]);

    let unset = deal_sizes(
        &sum,
        &MoneyRules {
            currency: None,
            ..rules
        },
    );
    assert!(unset.bands.is_empty(), "no workspace currency, no bands");
    assert_eq!(unset.unbanded_won, 5);
}

#[test]
fn a_deal_needs_an_amount_and_a_three_letter_currency() {
    let opportunity = |amount, currency: &str| Opportunity {
        value: Some(Money {
            amount,
            currency: currency.into(),
        }),
        forecast: Some(ForecastCategory::Commit),
        ..Opportunity::default()
    };
    assert_eq!(
        DealFact::of(&opportunity(1_200, " myr ")),
        Some(DealFact {
            amount: 1_200,
            currency: "MYR".into(),
            forecast: Some(ForecastCategory::Commit),
        })
    );
    assert_eq!(DealFact::of(&opportunity(0, "MYR")), None);
    assert_eq!(DealFact::of(&opportunity(1_200, "RM")), None);
    assert_eq!(DealFact::of(&Opportunity::default()), None);
}

#[test]
fn a_deal_taken_out_again_leaves_no_trace_in_its_cell() {
    let plain = lead(Opportunity, 8, 0, 0, "MYR");
    let with_deal = with_forecast(
        lead(Opportunity, 8, 0, 5_000, "SGD"),
        ForecastCategory::Commit,
    );
    let cells = recompute([&plain]);
    let added: Cells = apply_change(&cells, Some(&plain), Some(&with_deal))
        .into_iter()
        .collect();
    assert_eq!(added.values().next().map(|c| c.money.len()), Some(1));
    let removed: Cells = apply_change(&added, Some(&with_deal), Some(&plain))
        .into_iter()
        .collect();
    assert_eq!(removed, cells);
}
