//! The report exports' deal-value rows against figures worked out by hand, built from facts so
//! they do not depend on how the engine derives them from leads.

use super::reports;
use crate::analytics::{FunnelAnswer, Group, ReportQuery, VelocityAnswer};
use chrono::{Duration, TimeZone, Utc};
use laju_core::classification::FitClass;
use laju_core::funnel::{self, ConversionBand, DealFact, Dimension, Dims, FunnelFilter, LeadFacts};
use laju_core::lead::SourceKind;
use laju_core::lifecycle::{Actor, StageChange};
use laju_core::playbook::{CurrencyRate, DealSize, DealSizeBand, MoneyRules};
use laju_core::{Playbook, Stage};
use std::collections::HashMap;

/// A lead along the main path to `end`, an opportunity from day 8, closed on day 38, of the
/// campaign `campaign` with a deal of `amount` `currency`.
fn lead(end: Stage, campaign: &str, amount: u64, currency: &str) -> LeadFacts {
    use Stage::*;
    let start = Utc
        .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("day");
    let mut path = vec![
        (Anonymous, 0),
        (Known, 0),
        (Mql, 1),
        (Sal, 2),
        (Sql, 4),
        (Opportunity, 8),
    ];
    if end != Opportunity {
        path.push((end, 38));
    }
    let history: Vec<StageChange> = path
        .iter()
        .enumerate()
        .map(|(i, (stage, day))| StageChange {
            from: i.checked_sub(1).map(|p| path[p].0),
            to: *stage,
            at: start + Duration::days(*day),
            actor: Actor::Person { name: "t".into() },
            event: None,
            reason: None,
        })
        .collect();
    let dims = Dims {
        source: SourceKind::Inbound,
        campaign: campaign.into(),
        owner: String::new(),
        segment: FitClass::Smb,
        industry: String::new(),
    };
    let mut facts = LeadFacts::of(&history, dims, None).expect("facts");
    facts.deal = Some(DealFact {
        amount,
        currency: currency.into(),
        forecast: None,
    });
    facts
}

fn rules() -> MoneyRules {
    MoneyRules {
        currency: Some("MYR".into()),
        rates: vec![CurrencyRate {
            currency: "SGD".into(),
            rate: 3.0,
        }],
        deal_sizes: vec![
            DealSizeBand {
                size: DealSize::Small,
                up_to: Some(1_500),
                typical_days: Some(20),
            },
            DealSizeBand {
                size: DealSize::Medium,
                up_to: Some(10_000),
                typical_days: Some(60),
            },
            DealSizeBand {
                size: DealSize::Large,
                up_to: None,
                typical_days: None,
            },
        ],
        ..MoneyRules::default()
    }
}

/// Opportunity → Customer 20–40 %: an open opportunity counts at the middle, 30 %.
fn bands() -> Vec<ConversionBand> {
    vec![ConversionBand {
        from: Stage::Opportunity,
        to: Stage::Customer,
        low: 20,
        high: 40,
    }]
}

/// Two ringgit wins (1,000 and 2,000), a lost SGD 400 deal and an open MYR 5,000 one from a
/// campaign whose name a spreadsheet would run.
fn leads() -> Vec<LeadFacts> {
    vec![
        lead(Stage::Customer, "Raya", 1_000, "MYR"),
        lead(Stage::Customer, "Raya", 2_000, "MYR"),
        lead(Stage::ClosedLost, "Raya", 400, "SGD"),
        lead(Stage::Opportunity, "=HYPERLINK(\"x\")", 5_000, "MYR"),
    ]
}

fn by_campaign() -> ReportQuery {
    ReportQuery {
        filter: FunnelFilter::default(),
        by: Some(Dimension::Campaign),
    }
}

fn rows(bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            assert_eq!(r.len(), header.len(), "every row as wide as the header");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn find<'a>(
    rows: &'a [HashMap<String, String>],
    want: &[(&str, &str)],
) -> &'a HashMap<String, String> {
    let found: Vec<_> = rows
        .iter()
        .filter(|r| want.iter().all(|(k, v)| r[*k] == *v))
        .collect();
    assert_eq!(found.len(), 1, "one row for {want:?}");
    found[0]
}

#[test]
fn the_funnel_export_has_value_rows_per_currency_and_for_the_converted_total() {
    let cells = funnel::recompute(&leads());
    let query = by_campaign();
    let answer = FunnelAnswer {
        overall: funnel::funnel(&funnel::total(&cells, &query.filter), &bands(), &rules()),
        groups: funnel::breakdown(&cells, &query.filter, Dimension::Campaign)
            .into_iter()
            .map(|(value, cell)| Group {
                value,
                report: funnel::funnel(&cell, &bands(), &rules()),
            })
            .collect(),
    };
    let mut out = Vec::new();
    reports::funnel(&answer, &query, &mut out).expect("export");
    let rows = rows(&out);
    let all = |currency: &str, converted: &str, stage: &str| {
        find(
            &rows,
            &[
                ("by", "all"),
                ("currency", currency),
                ("converted", converted),
                ("stage", stage),
            ],
        )
    };

    let won = all("MYR", "false", "customer");
    assert_eq!(
        (
            won["deals"].as_str(),
            won["value"].as_str(),
            won["averageValue"].as_str()
        ),
        ("2", "3000.00", "1500.00")
    );
    assert_eq!(won["winRateByCount"], "100.00", "no ringgit deal was lost");
    assert_eq!(won["now"], "", "a value row leaves the count columns empty");
    assert_eq!(won["leads"], "4");
    let open = all("MYR", "false", "opportunity");
    // 5,000 at Opportunity → Customer's middle, 30 %.
    assert_eq!(
        (
            open["deals"].as_str(),
            open["value"].as_str(),
            open["weightedValue"].as_str()
        ),
        ("1", "5000.00", "1500.00")
    );
    let lost = all("SGD", "false", "closedLost");
    assert_eq!(
        (lost["deals"].as_str(), lost["value"].as_str()),
        ("1", "400.00")
    );

    // In ringgit: won 3,000, lost 400 × 3 = 1,200; by value 3,000 / 4,200 = 71.43 %, by count 2/3.
    let total_won = all("MYR", "true", "customer");
    assert_eq!(total_won["winRateByValue"], "71.43");
    assert_eq!(total_won["winRateByCount"], "66.67");
    assert_eq!(all("MYR", "true", "closedLost")["value"], "1200.00");

    // The campaign's name is a formula: its group cell is neutralised, its figures are not.
    let risky = find(
        &rows,
        &[
            ("by", "campaign"),
            ("currency", "MYR"),
            ("converted", "false"),
            ("stage", "opportunity"),
        ],
    );
    assert_eq!(risky["group"], "'=HYPERLINK(\"x\")");
    assert_eq!(risky["value"], "5000.00");
}

#[test]
fn the_velocity_export_has_rows_per_deal_size() {
    let cells = funnel::recompute(&leads());
    let query = ReportQuery::default();
    let stages = Playbook::default().stages;
    let answer = VelocityAnswer {
        overall: funnel::velocity(&funnel::total(&cells, &query.filter), &stages, &rules()),
        groups: Vec::new(),
    };
    let mut out = Vec::new();
    reports::velocity(&answer, &query, &mut out).expect("export");
    let rows = rows(&out);
    // Small (up to 1,500 MYR): the 1,000 win, 38 days to won, and the lost 400 SGD (× 3 =
    // 1,200): two Opportunity visits of 30 days each, over the band's 20. Medium (up to
    // 10,000): the 2,000 win. The open 5,000 has no finished visit yet.
    let small_won = find(&rows, &[("stage", "toWon"), ("dealSize", "small")]);
    assert_eq!(
        (
            small_won["visits"].as_str(),
            small_won["medianDays"].as_str(),
            small_won["upTo"].as_str()
        ),
        ("1", "38.00", "1500")
    );
    assert_eq!(small_won["currency"], "MYR");
    let small_opp = find(&rows, &[("stage", "opportunity"), ("dealSize", "small")]);
    assert_eq!(
        (
            small_opp["visits"].as_str(),
            small_opp["averageDays"].as_str(),
            small_opp["typicalDays"].as_str(),
            small_opp["verdict"].as_str()
        ),
        ("2", "30.00", "20", "above")
    );
    let medium_won = find(&rows, &[("stage", "toWon"), ("dealSize", "medium")]);
    assert_eq!(medium_won["visits"], "1");
    let large_won = find(&rows, &[("stage", "toWon"), ("dealSize", "large")]);
    assert_eq!(
        (large_won["visits"].as_str(), large_won["upTo"].as_str()),
        ("0", "")
    );
}
