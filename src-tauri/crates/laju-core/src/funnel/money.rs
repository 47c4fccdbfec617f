//! What a lead's deal adds to its cell, per currency: won, lost and open value (the open part
//! by current stage and forecast category), and the won deals' days to won and every deal's
//! days in the Opportunity stage, by amount. Nothing here converts or mixes currencies, and
//! nothing reads the Playbook: rates, deal-size bands and forecast weights are applied when a
//! report is drawn, so editing them rebuilds nothing.

use super::{Dwell, LeadFacts};
use crate::lead::{ForecastCategory, Opportunity};
use crate::playbook::is_currency_code;
use crate::Stage;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A lead's deal as the funnel counts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DealFact {
    /// Whole units of `currency`, above 0.
    pub amount: u64,
    /// ISO 4217, three capital letters.
    pub currency: String,
    #[serde(default)]
    pub forecast: Option<ForecastCategory>,
}

impl DealFact {
    /// The opportunity's value, when it has one that can be reported: an amount of 0 is a
    /// value nobody gave, and a currency that is not a three-letter code can be neither
    /// totalled with its kind nor formatted, so both count as no deal value.
    pub fn of(opportunity: &Opportunity) -> Option<DealFact> {
        let value = opportunity.value.as_ref()?;
        let currency = value.currency.trim().to_ascii_uppercase();
        (value.amount > 0 && is_currency_code(&currency)).then_some(DealFact {
            amount: value.amount,
            currency,
            forecast: opportunity.forecast,
        })
    }
}

/// How many deals, and their value summed, in one currency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ValueSum {
    pub deals: u64,
    pub value: u64,
}

impl ValueSum {
    fn add(&mut self, amount: u64, sign: i8) {
        if sign > 0 {
            self.deals += 1;
            self.value += amount;
        } else {
            self.deals = self.deals.saturating_sub(1);
            self.value = self.value.saturating_sub(amount);
        }
    }

    pub fn merge(&mut self, other: &ValueSum) {
        self.deals += other.deals;
        self.value += other.value;
    }
}

/// Open deals in one stage: all of them, and apart those whose rep set a forecast category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OpenValue {
    pub all: ValueSum,
    pub by_forecast: BTreeMap<ForecastCategory, ValueSum>,
}

impl OpenValue {
    /// The deals with no forecast category: all, less those with one.
    pub fn unforecast(&self) -> ValueSum {
        self.by_forecast
            .values()
            .fold(self.all, |rest, sum| ValueSum {
                deals: rest.deals.saturating_sub(sum.deals),
                value: rest.value.saturating_sub(sum.value),
            })
    }

    pub fn merge(&mut self, other: &OpenValue) {
        self.all.merge(&other.all);
        for (category, sum) in &other.by_forecast {
            self.by_forecast.entry(*category).or_default().merge(sum);
        }
    }
}

/// One currency's deals in a cell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MoneyCell {
    /// Deals of leads that are customers now.
    pub won: ValueSum,
    /// Deals of leads that are closed lost now.
    pub lost: ValueSum,
    /// Deals still open, by the main-path stage their lead is in now.
    pub open: BTreeMap<Stage, OpenValue>,
    /// Leads that became customers: first touch → won, by the deal's amount.
    pub to_won_by_amount: BTreeMap<u64, Dwell>,
    /// Finished visits to the Opportunity stage, by the deal's amount.
    pub opportunity_by_amount: BTreeMap<u64, Dwell>,
}

impl MoneyCell {
    fn is_empty(&self) -> bool {
        self.won.deals == 0
            && self.lost.deals == 0
            && self.open.is_empty()
            && self.to_won_by_amount.is_empty()
            && self.opportunity_by_amount.is_empty()
    }

    pub fn merge(&mut self, other: &MoneyCell) {
        self.won.merge(&other.won);
        self.lost.merge(&other.lost);
        for (stage, open) in &other.open {
            self.open.entry(*stage).or_default().merge(open);
        }
        merge_by_amount(&mut self.to_won_by_amount, &other.to_won_by_amount);
        merge_by_amount(
            &mut self.opportunity_by_amount,
            &other.opportunity_by_amount,
        );
    }
}

fn merge_by_amount(into: &mut BTreeMap<u64, Dwell>, from: &BTreeMap<u64, Dwell>) {
    for (amount, dwell) in from {
        into.entry(*amount).or_default().merge(dwell);
    }
}

/// Adds (`sign` > 0) or takes out the lead's deal. Whatever a removal leaves empty is dropped,
/// so a cell maintained change by change equals one recomputed from the final facts.
pub(super) fn apply(
    money: &mut BTreeMap<String, MoneyCell>,
    facts: &LeadFacts,
    deal: &DealFact,
    sign: i8,
) {
    let cell = money.entry(deal.currency.clone()).or_default();
    let amount = deal.amount;
    match facts.current {
        Stage::Customer => cell.won.add(amount, sign),
        Stage::ClosedLost => cell.lost.add(amount, sign),
        Stage::Anonymous
        | Stage::Known
        | Stage::Mql
        | Stage::Sal
        | Stage::Sql
        | Stage::Opportunity => {
            let open = cell.open.entry(facts.current).or_default();
            open.all.add(amount, sign);
            if let Some(category) = deal.forecast {
                let sum = open.by_forecast.entry(category).or_default();
                sum.add(amount, sign);
                if sum.deals == 0 {
                    open.by_forecast.remove(&category);
                }
            }
            if open.all.deals == 0 {
                cell.open.remove(&facts.current);
            }
        }
        // Neither open nor lost: out of the pipeline without a deal's outcome.
        Stage::Recycled | Stage::Disqualified => {}
    }
    if let Some(secs) = facts.to_won_secs {
        add_by_amount(&mut cell.to_won_by_amount, amount, secs, sign);
    }
    for (stage, secs) in &facts.visits {
        if *stage == Stage::Opportunity {
            add_by_amount(&mut cell.opportunity_by_amount, amount, *secs, sign);
        }
    }
    if cell.is_empty() {
        money.remove(&deal.currency);
    }
}

fn add_by_amount(by_amount: &mut BTreeMap<u64, Dwell>, amount: u64, secs: u64, sign: i8) {
    let dwell = by_amount.entry(amount).or_default();
    dwell.add(secs, sign);
    if dwell.visits == 0 {
        by_amount.remove(&amount);
    }
}
