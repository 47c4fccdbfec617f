//! Stage dates out of the main path's order: each becomes one warning naming its line and
//! column, the history keeps the dates it can as given, and the funnel still counts the
//! stages a lead passed on its way.

use super::super::place::place;
use super::super::{DateSettlement, DateWarning, Incoming, Plan};
use super::{mapping, record, strings};
use crate::classification::FitClass;
use crate::funnel::{self, Dims, FunnelFilter, LeadFacts};
use crate::lead::SourceKind;
use crate::Stage;
use chrono::{DateTime, Utc};

const HEADERS: [&str; 8] = [
    "Id",
    "Stage",
    "Created",
    "MQL date",
    "Opportunity date",
    "Won date",
    "Lost date",
    "Reason",
];

fn plan() -> Plan {
    let mut m = mapping(&[
        ("Id", "source.externalId"),
        ("Stage", "stage"),
        ("Created", "createdAt"),
        ("MQL date", "entered.mql"),
        ("Opportunity date", "entered.opportunity"),
        ("Won date", "entered.customer"),
        ("Lost date", "entered.closedLost"),
        ("Reason", "reason"),
    ]);
    m.timezone = "UTC".into();
    m.compile(&strings(&HEADERS)).expect("compile")
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("RFC 3339")
}

/// The lead a record becomes and the warnings it carries.
fn convert(line: u64, fields: &[&str]) -> (Incoming, Vec<DateWarning>) {
    let plan = plan();
    let record = record(line, fields);
    let incoming = plan.convert(&record).expect("converted");
    let warnings = plan.date_warnings(&record, &incoming);
    (incoming, warnings)
}

fn facts(incoming: &Incoming) -> LeadFacts {
    let placed = place(incoming, None, "import", at("2026-04-01T00:00:00Z"));
    let dims = Dims {
        source: SourceKind::Inbound,
        campaign: String::new(),
        owner: String::new(),
        segment: FitClass::Smb,
        industry: String::new(),
    };
    LeadFacts::of(&placed.history, dims, None).expect("facts")
}

fn reached(facts: &LeadFacts) -> Vec<Stage> {
    Stage::ALL
        .into_iter()
        .filter(|s| facts.has_reached(*s))
        .collect()
}

#[test]
fn a_win_dated_before_the_mql_is_one_warning_and_still_counts_as_an_mql() {
    let (won, warnings) = convert(
        2,
        &[
            "D1",
            "customer",
            "2026-02-20",
            "2026-03-02",
            "",
            "2026-03-01",
            "",
            "",
        ],
    );
    assert_eq!(
        warnings,
        [DateWarning {
            line: 2,
            column: "MQL date".into(),
            stage: Stage::Mql,
            date: "2026-03-02".into(),
            ahead: Stage::Customer,
            ahead_column: "Won date".into(),
            ahead_date: "2026-03-01".into(),
            settled: DateSettlement::CountedAsReached,
        }]
    );
    let message = warnings[0].message();
    assert!(
        message.starts_with("“Won date” 2026-03-01 is before “MQL date” 2026-03-02:"),
        "{message}"
    );
    assert!(
        message.ends_with("the lead counts as having reached MQL."),
        "{message}"
    );

    // The history keeps the dates it can as given: created 20 February, won 1 March (the MQL
    // date would move a customer back, so it has no entry).
    let placed = place(&won, None, "import", at("2026-04-01T00:00:00Z"));
    let path: Vec<_> = placed.history.iter().map(|h| (h.to, h.at)).collect();
    assert_eq!(
        path,
        [
            (Stage::Anonymous, at("2026-02-20T00:00:00Z")),
            (Stage::Customer, at("2026-03-01T00:00:00Z")),
        ]
    );
    let won = facts(&won);
    assert_eq!(won.reached, facts(&won_in_order()).reached);
    assert_eq!(reached(&won), Stage::MAIN_PATH);
    // 20 February → 1 March 2026: 8 days to the end of February, then 1 = 9 days.
    assert_eq!(won.to_won_secs, Some(9 * 86_400));
    assert_eq!(won.visits, [(Stage::Anonymous, 9 * 86_400)]);

    // In the February cohort's funnel, next to an MQL that went no further, both are MQLs.
    let (mql, none) = convert(
        3,
        &["D2", "mql", "2026-02-20", "2026-02-25", "", "", "", ""],
    );
    assert_eq!(none, []);
    let cells = funnel::recompute(&[won, facts(&mql)]);
    let february = FunnelFilter {
        from: Some(202602),
        to: Some(202602),
        ..FunnelFilter::default()
    };
    let sum = funnel::total(&cells, &february);
    let report = funnel::funnel(
        &sum,
        &funnel::default_bands(),
        &crate::Playbook::default().money,
    );
    let step = |s: Stage| report.steps.iter().find(|x| x.stage == s).expect("step");
    assert_eq!((step(Stage::Mql).reached, step(Stage::Sal).reached), (2, 1));
    assert_eq!(step(Stage::Customer).reached, 1);
    // Velocity from these facts: one win after 9 days; MQL has no finished visit (the won
    // lead's has no entry, the other is still an MQL), Anonymous has 9 and 5 days.
    let playbook = crate::Playbook::default();
    let v = funnel::velocity(&sum, &playbook.stages, &playbook.money);
    assert_eq!((v.won, v.to_won_median_days), (1, Some(9.0)));
    let row = |s: Stage| v.stages.iter().find(|r| r.stage == s).expect("row");
    assert_eq!(
        (row(Stage::Mql).visits, row(Stage::Mql).median_days),
        (0, None)
    );
    assert_eq!(row(Stage::Anonymous).average_days, Some(7.0));
    assert_eq!(row(Stage::Anonymous).median_days, Some(7.0));
}

/// The same lead with its dates in order: MQL on 25 February, won on 1 March.
fn won_in_order() -> Incoming {
    convert(
        2,
        &[
            "D1",
            "customer",
            "2026-02-20",
            "2026-02-25",
            "",
            "2026-03-01",
            "",
            "",
        ],
    )
    .0
}

#[test]
fn dates_in_order_give_no_warning() {
    let (_, warnings) = convert(
        2,
        &[
            "D1",
            "customer",
            "2026-02-20",
            "2026-02-25",
            "2026-02-26",
            "2026-03-01",
            "",
            "",
        ],
    );
    assert_eq!(warnings, []);
}

#[test]
fn an_opportunity_dated_after_the_loss_is_left_out_and_not_counted() {
    let (lost, warnings) = convert(
        4,
        &[
            "D3",
            "closedLost",
            "2026-02-20",
            "2026-02-22",
            "2026-03-05",
            "",
            "2026-03-01",
            "Budget cut",
        ],
    );
    assert_eq!(
        warnings,
        [DateWarning {
            line: 4,
            column: "Opportunity date".into(),
            stage: Stage::Opportunity,
            date: "2026-03-05".into(),
            ahead: Stage::ClosedLost,
            ahead_column: "Lost date".into(),
            ahead_date: "2026-03-01".into(),
            settled: DateSettlement::LeftOut,
        }]
    );
    // Anonymous, Known (before MQL), MQL, then lost: SAL, SQL and Opportunity were not reached.
    assert_eq!(
        reached(&facts(&lost)),
        [
            Stage::Anonymous,
            Stage::Known,
            Stage::Mql,
            Stage::ClosedLost
        ]
    );
}

#[test]
fn a_creation_date_after_a_stage_date_gives_way_to_it() {
    let (mql, warnings) = convert(
        5,
        &["D4", "mql", "2026-03-10", "2026-03-02", "", "", "", ""],
    );
    assert_eq!(
        warnings,
        [DateWarning {
            line: 5,
            column: "Created".into(),
            stage: Stage::Anonymous,
            date: "2026-03-10".into(),
            ahead: Stage::Mql,
            ahead_column: "MQL date".into(),
            ahead_date: "2026-03-02".into(),
            settled: DateSettlement::CreatedAtEarliest,
        }]
    );
    let placed = place(&mql, None, "import", at("2026-04-01T00:00:00Z"));
    assert_eq!(placed.history[0].at, at("2026-03-02T00:00:00Z"));
    assert_eq!(facts(&mql).key.cohort, 202603);
}
