//! The deal-value reports over summed cells: won revenue, lost value, open and weighted
//! pipeline per currency (and in the workspace currency only when every currency has a rate),
//! and velocity by deal size. Amounts of different currencies are never added together
//! unconverted.

use super::{Cell, ConversionBand, Dwell, MoneyCell, OpenValue, Verdict};
use crate::playbook::{DealSize, MoneyRules};
use crate::Stage;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// One open stage's deals.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StageValue {
    pub stage: Stage,
    pub deals: u64,
    pub value: f64,
    /// Each deal at its forecast category's weight, or else at `winShare`.
    pub weighted_value: f64,
    /// The agreed conversion from this stage to Customer, in percent: the product of the
    /// middles of the Playbook's conversion bands on the way. None when a band is missing.
    #[ts(optional = nullable)]
    pub win_share: Option<f64>,
    /// Deals with neither a weighted forecast category nor a `winShare`: left out of
    /// `weightedValue`.
    pub unweighted_deals: u64,
}

/// The deal figures of one currency, or of all of them in the workspace currency.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DealFigures {
    pub currency: String,
    /// Converted from every currency at the Playbook's rates (the workspace total).
    pub converted: bool,
    /// Won: the lead is a customer now.
    pub won_deals: u64,
    pub won_value: f64,
    #[ts(optional = nullable)]
    pub average_won: Option<f64>,
    /// Lost: the lead is closed lost now.
    pub lost_deals: u64,
    pub lost_value: f64,
    /// Won deals of won and lost ones, in percent.
    #[ts(optional = nullable)]
    pub win_rate_by_count: Option<f64>,
    /// Won value of won and lost value, in percent.
    #[ts(optional = nullable)]
    pub win_rate_by_value: Option<f64>,
    pub open_deals: u64,
    pub open_value: f64,
    pub weighted_value: f64,
    /// Open deals per main-path stage, in path order; stages without a deal are left out.
    pub by_stage: Vec<StageValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MoneyReport {
    #[ts(optional = nullable)]
    pub workspace_currency: Option<String>,
    /// One entry per currency the deals are in, by code; each in its own currency.
    pub currencies: Vec<DealFigures>,
    /// Every currency in the workspace currency; only when each one has a rate.
    #[ts(optional = nullable)]
    pub total: Option<DealFigures>,
    /// Currencies with deals the rate table cannot convert: why there is no `total`.
    pub missing_rates: Vec<String>,
    /// Leads that are customers now, of those that are customers or closed lost: every closed
    /// lead, with a deal value or without, in percent.
    #[ts(optional = nullable)]
    pub closed_win_rate: Option<f64>,
}

/// The share (0–1) of an open deal in `stage` that is agreed to become a customer: the middle
/// of each conversion band along the main path from the stage to Customer, multiplied. The
/// middle rather than the low end, because the band is the team's typical range; `None` when a
/// step on the way has no band (a Known lead before the MQL threshold, by default).
pub fn stage_win_share(stage: Stage, bands: &[ConversionBand]) -> Option<f64> {
    let path = &Stage::MAIN_PATH;
    let from = path.iter().position(|s| *s == stage)?;
    let to = path.iter().position(|s| *s == Stage::Customer)?;
    if from >= to {
        return None;
    }
    path[from..=to].windows(2).try_fold(1.0, |share, pair| {
        let band = bands
            .iter()
            .find(|b| b.from == pair[0] && b.to == pair[1])?;
        Some(share * f64::from(band.low + band.high) / 200.0)
    })
}

fn percent(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part * 100.0 / whole)
}

/// Sums `cells`, each scaled by its rate, into one currency's figures.
fn figures(
    currency: &str,
    converted: bool,
    cells: &[(&MoneyCell, f64)],
    bands: &[ConversionBand],
    rules: &MoneyRules,
) -> DealFigures {
    let (mut won_deals, mut won_value, mut lost_deals, mut lost_value) = (0, 0.0, 0, 0.0);
    let mut open: BTreeMap<Stage, Vec<(&OpenValue, f64)>> = BTreeMap::new();
    for (cell, rate) in cells {
        won_deals += cell.won.deals;
        won_value += cell.won.value as f64 * rate;
        lost_deals += cell.lost.deals;
        lost_value += cell.lost.value as f64 * rate;
        for (stage, value) in &cell.open {
            open.entry(*stage).or_default().push((value, *rate));
        }
    }
    let by_stage: Vec<StageValue> = Stage::MAIN_PATH
        .iter()
        .filter_map(|stage| Some(stage_value(*stage, open.get(stage)?, bands, rules)))
        .collect();
    DealFigures {
        currency: currency.into(),
        converted,
        won_deals,
        won_value,
        average_won: (won_deals > 0).then(|| won_value / won_deals as f64),
        lost_deals,
        lost_value,
        win_rate_by_count: percent(won_deals as f64, (won_deals + lost_deals) as f64),
        win_rate_by_value: percent(won_value, won_value + lost_value),
        open_deals: by_stage.iter().map(|s| s.deals).sum(),
        // Folded from +0: an empty f64 `sum()` is -0, which JSON and Intl show as "-0".
        open_value: by_stage.iter().fold(0.0, |sum, s| sum + s.value),
        weighted_value: by_stage.iter().fold(0.0, |sum, s| sum + s.weighted_value),
        by_stage,
    }
}

fn stage_value(
    stage: Stage,
    open: &[(&OpenValue, f64)],
    bands: &[ConversionBand],
    rules: &MoneyRules,
) -> StageValue {
    let win_share = stage_win_share(stage, bands);
    let (mut deals, mut value, mut weighted, mut unweighted_deals) = (0, 0.0, 0.0, 0);
    for (o, rate) in open {
        deals += o.all.deals;
        value += o.all.value as f64 * rate;
        // Deals whose category has no weight row count as if they had no category.
        let mut rest = o.unforecast();
        for (category, sum) in &o.by_forecast {
            match rules.forecast_weight(*category) {
                Some(w) => weighted += sum.value as f64 * rate * f64::from(w) / 100.0,
                None => rest.merge(sum),
            }
        }
        match win_share {
            Some(share) => weighted += rest.value as f64 * rate * share,
            None => unweighted_deals += rest.deals,
        }
    }
    StageValue {
        stage,
        deals,
        value,
        weighted_value: weighted,
        win_share: win_share.map(|s| s * 100.0),
        unweighted_deals,
    }
}

pub fn money(sum: &Cell, bands: &[ConversionBand], rules: &MoneyRules) -> MoneyReport {
    let currencies = sum
        .money
        .iter()
        .map(|(code, cell)| figures(code, false, &[(cell, 1.0)], bands, rules))
        .collect();
    let missing_rates: Vec<String> = sum
        .money
        .keys()
        .filter(|code| rules.rate_of(code).is_none())
        .cloned()
        .collect();
    let total = match (&rules.currency, missing_rates.is_empty()) {
        (Some(workspace), true) => {
            let scaled: Vec<(&MoneyCell, f64)> = sum
                .money
                .iter()
                .filter_map(|(code, cell)| Some((cell, rules.rate_of(code)?)))
                .collect();
            Some(figures(workspace, true, &scaled, bands, rules))
        }
        _ => None,
    };
    let won = sum.current(Stage::Customer);
    let lost = sum.current(Stage::ClosedLost);
    MoneyReport {
        workspace_currency: rules.currency.clone(),
        currencies,
        total,
        missing_rates,
        closed_win_rate: percent(won as f64, (won + lost) as f64),
    }
}

/// Velocity of the deals of one size.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DealSizeVelocity {
    pub size: DealSize,
    /// Deals above this amount (the band before's bound; 0 for the smallest)…
    pub above: u64,
    /// …and up to this one, in the workspace currency; none for the largest.
    #[ts(optional = nullable)]
    pub up_to: Option<u64>,
    /// Leads won with a deal this size: first touch → won.
    pub won: u64,
    #[ts(optional = nullable)]
    pub average_days_to_won: Option<f64>,
    #[ts(optional = nullable)]
    pub median_days_to_won: Option<f64>,
    /// Finished Opportunity-stage visits of deals this size (won, lost or recycled).
    pub opportunity_visits: u64,
    #[ts(optional = nullable)]
    pub opportunity_average_days: Option<f64>,
    #[ts(optional = nullable)]
    pub opportunity_median_days: Option<f64>,
    /// The Playbook's normal days in the Opportunity stage for this size.
    #[ts(optional = nullable)]
    pub typical_days: Option<u32>,
    /// Average Opportunity days above typical, or within it.
    #[ts(optional = nullable)]
    pub verdict: Option<Verdict>,
}

/// Velocity split by the Playbook's deal sizes, each deal's amount converted to the
/// workspace currency first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DealSizeSplit {
    /// The currency the bands are in; without one no deal is placed in a band.
    #[ts(optional = nullable)]
    pub currency: Option<String>,
    /// One row per band, small to large (none without a workspace currency).
    pub bands: Vec<DealSizeVelocity>,
    /// Leads won with a deal in a currency the rates cannot convert: in no band.
    pub unbanded_won: u64,
    /// Those currencies, by code.
    pub unbanded_currencies: Vec<String>,
    /// Leads won without a deal value.
    pub won_without_value: u64,
}

pub fn deal_sizes(sum: &Cell, rules: &MoneyRules) -> DealSizeSplit {
    let mut to_won: BTreeMap<DealSize, Dwell> = BTreeMap::new();
    let mut opportunity: BTreeMap<DealSize, Dwell> = BTreeMap::new();
    let (mut with_value, mut unbanded_won) = (0, 0);
    let mut unbanded_currencies = Vec::new();
    for (code, cell) in &sum.money {
        let won: u64 = cell.to_won_by_amount.values().map(|d| d.visits).sum();
        with_value += won;
        let Some(rate) = rules.rate_of(code) else {
            unbanded_won += won;
            unbanded_currencies.push(code.clone());
            continue;
        };
        let place = |by_amount: &BTreeMap<u64, Dwell>, into: &mut BTreeMap<DealSize, Dwell>| {
            for (amount, dwell) in by_amount {
                if let Some(band) = rules.size_of(*amount as f64 * rate) {
                    into.entry(band.size).or_default().merge(dwell);
                }
            }
        };
        place(&cell.to_won_by_amount, &mut to_won);
        place(&cell.opportunity_by_amount, &mut opportunity);
    }
    let mut floor = 0;
    let bands = match rules.currency {
        Some(_) => rules
            .deal_sizes
            .iter()
            .map(|band| {
                let above = floor;
                floor = band.up_to.unwrap_or(floor);
                let won = to_won.remove(&band.size).unwrap_or_default();
                let opp = opportunity.remove(&band.size).unwrap_or_default();
                let average = opp.average_days();
                DealSizeVelocity {
                    size: band.size,
                    above,
                    up_to: band.up_to,
                    won: won.visits,
                    average_days_to_won: won.average_days(),
                    median_days_to_won: won.median_days(),
                    opportunity_visits: opp.visits,
                    opportunity_average_days: average,
                    opportunity_median_days: opp.median_days(),
                    typical_days: band.typical_days,
                    verdict: match (average, band.typical_days) {
                        (Some(avg), Some(t)) if avg > f64::from(t) => Some(Verdict::Above),
                        (Some(_), Some(_)) => Some(Verdict::Within),
                        _ => None,
                    },
                }
            })
            .collect(),
        None => Vec::new(),
    };
    DealSizeSplit {
        currency: rules.currency.clone(),
        bands,
        unbanded_won,
        unbanded_currencies,
        won_without_value: sum.to_won.visits.saturating_sub(with_value),
    }
}
