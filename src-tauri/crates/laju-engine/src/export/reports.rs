//! The Funnel page's reports as flat tables: one row per stage (or handoff type, or stuck lead),
//! repeated for the whole selection (`by` = "all") and for each group of the breakdown.
//!
//! Deal values follow the counts as rows of their own, told apart by a `currency`: the funnel's
//! open value per stage, then won (`stage` = customer) and lost (closedLost), once per currency
//! and once more for the workspace-currency total (`converted` = true); velocity's rows per
//! deal size (`dealSize`), days to won (`stage` = toWon) and in the Opportunity stage.

use super::csv::{count, decimal, Sheet};
use crate::analytics::{
    BlackHoles, FunnelAnswer, Group, ReportQuery, SlaAnswer, StallReport, VelocityAnswer,
};
use crate::EngineError;
use chrono::SecondsFormat;
use laju_core::funnel::{DealFigures, DealSizeSplit};
use laju_core::handoff::RejectCode;
use laju_core::wire;
use laju_core::Stage;
use std::io::Write;

/// The whole selection first, then each group, labelled by the breakdown's dimension.
fn sections<'a, T>(
    overall: &'a T,
    groups: &'a [Group<T>],
    query: &ReportQuery,
) -> Vec<(String, &'a str, &'a T)> {
    let by = query.by.map_or(String::new(), |d| wire(&d));
    std::iter::once(("all".to_string(), "", overall))
        .chain(
            groups
                .iter()
                .map(|g| (by.clone(), g.value.as_str(), &g.report)),
        )
        .collect()
}

pub(super) fn funnel(
    answer: &FunnelAnswer,
    query: &ReportQuery,
    out: impl Write,
) -> Result<u64, EngineError> {
    let header = [
        "by",
        "group",
        "leads",
        "stage",
        "now",
        "reached",
        "conversion",
        "bandLow",
        "bandHigh",
        "verdict",
        "currency",
        "converted",
        "deals",
        "value",
        "weightedValue",
        "averageValue",
        "winRateByCount",
        "winRateByValue",
    ];
    let mut sheet = Sheet::new(out, &header)?;
    for (by, group, report) in sections(&answer.overall, &answer.groups, query) {
        let leads = report.leads.to_string();
        let money = &report.money;
        let figures = money.currencies.iter().chain(&money.total);
        for step in &report.steps {
            let mut row = vec![
                by.clone(),
                group.to_string(),
                leads.clone(),
                wire(&step.stage),
                step.now.to_string(),
                step.reached.to_string(),
                decimal(step.conversion),
                count(step.band.map(|b| b.low)),
                count(step.band.map(|b| b.high)),
                step.verdict.map_or(String::new(), |v| wire(&v)),
            ];
            row.resize(header.len(), String::new());
            sheet.row(&row)?;
        }
        // Off the main path only a current count exists.
        for (stage, now) in &report.off_path {
            let mut row = vec![String::new(); header.len()];
            row[..5].clone_from_slice(&[
                by.clone(),
                group.to_string(),
                leads.clone(),
                wire(stage),
                now.to_string(),
            ]);
            sheet.row(&row)?;
        }
        for f in figures.filter(|f| f.won_deals + f.lost_deals + f.open_deals > 0) {
            for row in value_rows(f) {
                let mut cells = vec![by.clone(), group.to_string(), leads.clone()];
                cells.extend(row);
                sheet.row(&cells)?;
            }
        }
    }
    sheet.finish()
}

/// One currency's figures as the funnel export's value rows, from `stage` on: each open stage,
/// then won and lost. The count columns between stay empty.
fn value_rows(f: &DealFigures) -> Vec<Vec<String>> {
    let row = |stage: Stage, deals: u64, value: f64, tail: [String; 4]| {
        let mut cells = vec![wire(&stage)];
        cells.extend(std::iter::repeat_n(String::new(), 6));
        cells.extend([
            f.currency.clone(),
            f.converted.to_string(),
            deals.to_string(),
            decimal(Some(value)),
        ]);
        cells.extend(tail);
        cells
    };
    let mut rows: Vec<Vec<String>> = f
        .by_stage
        .iter()
        .map(|s| {
            let weighted = decimal(Some(s.weighted_value));
            let tail = [weighted, String::new(), String::new(), String::new()];
            row(s.stage, s.deals, s.value, tail)
        })
        .collect();
    let won = [
        String::new(),
        decimal(f.average_won),
        decimal(f.win_rate_by_count),
        decimal(f.win_rate_by_value),
    ];
    rows.push(row(Stage::Customer, f.won_deals, f.won_value, won));
    rows.push(row(
        Stage::ClosedLost,
        f.lost_deals,
        f.lost_value,
        Default::default(),
    ));
    rows
}

pub(super) fn velocity(
    answer: &VelocityAnswer,
    query: &ReportQuery,
    out: impl Write,
) -> Result<u64, EngineError> {
    let header = [
        "by",
        "group",
        "stage",
        "visits",
        "averageDays",
        "medianDays",
        "typicalDays",
        "bestDays",
        "verdict",
        "dealSize",
        "upTo",
        "currency",
    ];
    let mut sheet = Sheet::new(out, &header)?;
    for (by, group, report) in sections(&answer.overall, &answer.groups, query) {
        for s in &report.stages {
            sheet.row(&[
                by.clone(),
                group.to_string(),
                wire(&s.stage),
                s.visits.to_string(),
                decimal(s.average_days),
                decimal(s.median_days),
                count(s.typical_days),
                count(s.best_days),
                s.verdict.map_or(String::new(), |v| wire(&v)),
                String::new(),
                String::new(),
                String::new(),
            ])?;
        }
        // First touch to won, as one more "stage" row: `visits` counts the won leads.
        sheet.row(&[
            by.clone(),
            group.to_string(),
            "toWon".into(),
            report.won.to_string(),
            decimal(report.to_won_average_days),
            decimal(report.to_won_median_days),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ])?;
        for row in size_rows(&report.by_deal_size) {
            let mut cells = vec![by.clone(), group.to_string()];
            cells.extend(row);
            sheet.row(&cells)?;
        }
    }
    sheet.finish()
}

/// Velocity by deal size, from `stage` on: per band its days to won and its days as an
/// opportunity against the band's typical; then the won deals no band holds (`noRate`, with
/// the currencies, and `noValue`).
fn size_rows(split: &DealSizeSplit) -> Vec<Vec<String>> {
    let currency = split.currency.clone().unwrap_or_default();
    let mut rows = Vec::new();
    for b in &split.bands {
        let tail = [wire(&b.size), count(b.up_to), currency.clone()];
        rows.push(
            [
                "toWon".to_string(),
                b.won.to_string(),
                decimal(b.average_days_to_won),
                decimal(b.median_days_to_won),
                String::new(),
                String::new(),
                String::new(),
            ]
            .into_iter()
            .chain(tail.clone())
            .collect(),
        );
        rows.push(
            [
                wire(&Stage::Opportunity),
                b.opportunity_visits.to_string(),
                decimal(b.opportunity_average_days),
                decimal(b.opportunity_median_days),
                count(b.typical_days),
                String::new(),
                b.verdict.map_or(String::new(), |v| wire(&v)),
            ]
            .into_iter()
            .chain(tail)
            .collect(),
        );
    }
    for (size, won, currencies) in [
        (
            "noRate",
            split.unbanded_won,
            split.unbanded_currencies.join(" "),
        ),
        ("noValue", split.won_without_value, String::new()),
    ] {
        if won > 0 {
            let mut row = vec!["toWon".to_string(), won.to_string()];
            row.extend(std::iter::repeat_n(String::new(), 5));
            row.extend([size.to_string(), String::new(), currencies]);
            rows.push(row);
        }
    }
    rows
}

pub(super) fn stall(report: &StallReport, out: impl Write) -> Result<u64, EngineError> {
    let header = ["stage", "inStage", "stalled", "rate", "typicalDays"];
    let mut sheet = Sheet::new(out, &header)?;
    for s in &report.stages {
        sheet.row(&[
            wire(&s.stage),
            s.in_stage.to_string(),
            s.stalled.to_string(),
            decimal(s.rate),
            count(s.typical_days),
        ])?;
    }
    sheet.finish()
}

/// One row per lead type (`leadType` = "all" for every handoff), with the rejection counts by
/// reason on the "all" rows.
pub(super) fn sla(
    answer: &SlaAnswer,
    query: &ReportQuery,
    out: impl Write,
) -> Result<u64, EngineError> {
    let mut header: Vec<String> = [
        "by",
        "group",
        "leadType",
        "handoffs",
        "decided",
        "within",
        "breached",
        "compliance",
        "medianMinutes",
        "p90Minutes",
    ]
    .map(String::from)
    .to_vec();
    header.extend(
        RejectCode::ALL
            .iter()
            .map(|c| format!("rejected.{}", wire(c))),
    );
    let mut sheet = Sheet::new(out, &header)?;
    for (by, group, report) in sections(&answer.overall, &answer.groups, query) {
        let typed = report
            .by_type
            .iter()
            .map(|t| (wire(&t.lead_type), &t.stats, false));
        for (lead_type, stats, all) in
            std::iter::once(("all".to_string(), &report.overall, true)).chain(typed)
        {
            let mut row = vec![
                by.clone(),
                group.to_string(),
                lead_type,
                stats.handoffs.to_string(),
                stats.decided.to_string(),
                stats.within.to_string(),
                stats.breached.to_string(),
                decimal(stats.compliance),
                decimal(stats.median_minutes),
                decimal(stats.p90_minutes),
            ];
            row.extend(RejectCode::ALL.iter().map(|code| {
                let rejected = report.rejections.iter().find(|r| r.code == *code);
                count(all.then(|| rejected.map_or(0, |r| r.count)))
            }));
            sheet.row(&row)?;
        }
    }
    sheet.finish()
}

/// The leads each black hole lists (the longest stuck, up to the report's limit); `total`
/// counts them all, and an empty hole still gets a row saying 0.
pub(super) fn black_holes(report: &BlackHoles, out: impl Write) -> Result<u64, EngineError> {
    let header = [
        "kind", "total", "leadId", "name", "company", "email", "owner", "stage", "since",
    ];
    let mut sheet = Sheet::new(out, &header)?;
    for hole in &report.holes {
        let kind = wire(&hole.kind);
        let total = hole.total.to_string();
        if hole.leads.is_empty() {
            let mut row = vec![String::new(); header.len()];
            row[..2].clone_from_slice(&[kind.clone(), total.clone()]);
            sheet.row(&row)?;
        }
        for l in &hole.leads {
            sheet.row(&[
                kind.clone(),
                total.clone(),
                l.lead.id.to_string(),
                l.lead.name.clone(),
                l.lead.company.clone(),
                l.lead.email.clone(),
                l.lead.owner.clone().unwrap_or_default(),
                wire(&l.lead.stage),
                l.since.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            ])?;
        }
    }
    sheet.finish()
}
