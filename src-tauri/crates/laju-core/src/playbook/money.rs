//! What the team agrees about money: the currency it reports in, the rates that bring other
//! currencies to it, the deal-size bands velocity is split by, and how much each forecast
//! category counts for in the weighted pipeline. Reports read these at report time, so editing
//! them changes no stored figure.

use crate::lead::ForecastCategory;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct MoneyRules {
    /// The currency the business reports in (ISO 4217). Without it amounts are only ever
    /// shown per currency and no deal is placed in a size band.
    #[ts(optional = nullable)]
    pub currency: Option<String>,
    /// Units of `currency` per one unit of another currency. A currency with no row is never
    /// converted: its deals are reported on their own and keep a total from being shown.
    pub rates: Vec<CurrencyRate>,
    /// Small, medium and large, in that order, bounded in the workspace currency.
    pub deal_sizes: Vec<DealSizeBand>,
    /// The share of an open deal's value the weighted pipeline counts, by the forecast category
    /// its rep set. A deal without a category (or with one not listed) counts at its stage's
    /// agreed conversion to Customer instead (see `funnel::stage_win_share`).
    pub forecast_weights: Vec<ForecastWeight>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CurrencyRate {
    pub currency: String,
    /// Workspace-currency units per one unit of `currency`; above 0.
    pub rate: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DealSize {
    Small,
    Medium,
    Large,
}

impl DealSize {
    pub const ALL: [DealSize; 3] = [DealSize::Small, DealSize::Medium, DealSize::Large];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DealSizeBand {
    pub size: DealSize,
    /// The largest amount in the band, in the workspace currency (inclusive); the largest band
    /// has none.
    #[ts(optional = nullable)]
    pub up_to: Option<u64>,
    /// Normal days in the Opportunity stage for a deal this size (seed 000: "30–180 days,
    /// varies by deal size").
    #[ts(optional = nullable)]
    pub typical_days: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ForecastWeight {
    pub category: ForecastCategory,
    /// 0–100.
    pub percent: u32,
}

impl Default for MoneyRules {
    /// Ringgit, as the seed articles' market; the rates are rough planning rates for the
    /// region's other currencies (and the dollar), there to be replaced by the team's own. The
    /// bands split seed 000's 30–180 days: a small deal closes in about a month, a large one in
    /// half a year. Pipeline counts at 30 %, the middle of the agreed 20–40 % win rate.
    fn default() -> Self {
        let rate = |currency: &str, rate: f64| CurrencyRate {
            currency: currency.into(),
            rate,
        };
        let band = |size, up_to, typical_days| DealSizeBand {
            size,
            up_to,
            typical_days: Some(typical_days),
        };
        let weight = |category, percent| ForecastWeight { category, percent };
        MoneyRules {
            currency: Some("MYR".into()),
            rates: vec![
                rate("USD", 4.4),
                rate("SGD", 3.26),
                rate("IDR", 0.000275),
                rate("CNY", 0.61),
                rate("TWD", 0.1375),
            ],
            deal_sizes: vec![
                band(DealSize::Small, Some(20_000), 30),
                band(DealSize::Medium, Some(100_000), 90),
                band(DealSize::Large, None, 180),
            ],
            forecast_weights: vec![
                weight(ForecastCategory::Commit, 90),
                weight(ForecastCategory::BestCase, 60),
                weight(ForecastCategory::Pipeline, 30),
                weight(ForecastCategory::Omitted, 0),
            ],
        }
    }
}

/// Three capital letters, as ISO 4217 writes a currency (and as Intl can format it).
pub fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

impl MoneyRules {
    /// Workspace-currency units per one unit of `currency`: 1 for the workspace currency
    /// itself, the table's rate for another, `None` when there is no way to convert.
    pub fn rate_of(&self, currency: &str) -> Option<f64> {
        let workspace = self.currency.as_deref()?;
        if currency == workspace {
            return Some(1.0);
        }
        self.rates
            .iter()
            .find(|r| r.currency == currency)
            .map(|r| r.rate)
    }

    /// The band an amount already in the workspace currency falls in.
    pub fn size_of(&self, amount: f64) -> Option<&DealSizeBand> {
        self.deal_sizes
            .iter()
            .find(|b| b.up_to.is_none_or(|up_to| amount <= up_to as f64))
    }

    pub fn forecast_weight(&self, category: ForecastCategory) -> Option<u32> {
        self.forecast_weights
            .iter()
            .find(|w| w.category == category)
            .map(|w| w.percent)
    }

    /// The first problem, naming the field by its dotted path (`money.rates.1.rate`).
    pub fn problem(&self) -> Option<MoneyProblem> {
        let field = |path: String| format!("money.{path}");
        if let Some(code) = self.currency.as_deref() {
            if !is_currency_code(code) {
                return Some(MoneyProblem::Code {
                    field: field("currency".into()),
                    code: code.into(),
                });
            }
        }
        for (i, r) in self.rates.iter().enumerate() {
            if !is_currency_code(&r.currency) {
                return Some(MoneyProblem::Code {
                    field: field(format!("rates.{i}.currency")),
                    code: r.currency.clone(),
                });
            }
            if !(r.rate.is_finite() && r.rate > 0.0) {
                return Some(MoneyProblem::Rate {
                    field: field(format!("rates.{i}.rate")),
                    currency: r.currency.clone(),
                });
            }
            if self.currency.as_deref() == Some(r.currency.as_str()) {
                return Some(MoneyProblem::OwnRate {
                    field: field(format!("rates.{i}.currency")),
                    currency: r.currency.clone(),
                });
            }
            if self.rates[..i].iter().any(|o| o.currency == r.currency) {
                return Some(MoneyProblem::TwoRates {
                    field: field(format!("rates.{i}.currency")),
                    currency: r.currency.clone(),
                });
            }
        }
        let sizes: Vec<DealSize> = self.deal_sizes.iter().map(|b| b.size).collect();
        if sizes != DealSize::ALL {
            return Some(MoneyProblem::Sizes {
                field: field("dealSizes".into()),
            });
        }
        let mut floor = 0;
        for (i, b) in self.deal_sizes.iter().enumerate() {
            let last = i + 1 == self.deal_sizes.len();
            match (b.up_to, last) {
                (Some(up_to), false) if up_to > floor => floor = up_to,
                (None, true) => {}
                _ => {
                    return Some(MoneyProblem::Bound {
                        field: field(format!("dealSizes.{i}.upTo")),
                    })
                }
            }
        }
        self.forecast_weights
            .iter()
            .position(|w| w.percent > 100)
            .map(|i| MoneyProblem::Weight {
                field: field(format!("forecastWeights.{i}.percent")),
            })
    }
}

/// A money rule the reports could not use, with the field it is in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyProblem {
    #[error("{field}: \"{code}\" is not a currency code; use three capital letters such as MYR, IDR or USD.")]
    Code { field: String, code: String },
    #[error("{field}: the rate for {currency} must be a number above 0.")]
    Rate { field: String, currency: String },
    #[error("{field}: {currency} is the workspace currency; it needs no rate.")]
    OwnRate { field: String, currency: String },
    #[error("{field}: {currency} has a rate already.")]
    TwoRates { field: String, currency: String },
    #[error("{field}: the deal sizes are small, medium and large, in that order.")]
    Sizes { field: String },
    #[error("{field}: each size's upper bound must be above the one before it, and the largest has none.")]
    Bound { field: String },
    #[error("{field}: a forecast weight is a percentage from 0 to 100.")]
    Weight { field: String },
}

impl MoneyProblem {
    pub fn field(&self) -> &str {
        match self {
            MoneyProblem::Code { field, .. }
            | MoneyProblem::Rate { field, .. }
            | MoneyProblem::OwnRate { field, .. }
            | MoneyProblem::TwoRates { field, .. }
            | MoneyProblem::Sizes { field }
            | MoneyProblem::Bound { field }
            | MoneyProblem::Weight { field } => field,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> MoneyRules {
        MoneyRules::default()
    }

    #[test]
    fn the_default_money_rules_are_valid() {
        assert_eq!(rules().problem(), None);
    }

    #[test]
    fn a_rate_of_zero_or_below_names_its_field() {
        let mut m = rules();
        m.rates[1].rate = 0.0;
        let problem = m.problem().expect("refused");
        assert_eq!(problem.field(), "money.rates.1.rate");
        assert_eq!(
            problem.to_string(),
            "money.rates.1.rate: the rate for SGD must be a number above 0."
        );
        m.rates[1].rate = -2.5;
        assert_eq!(
            m.problem().map(|p| p.field().to_string()),
            Some("money.rates.1.rate".into())
        );
        m.rates[1].rate = f64::NAN;
        assert!(matches!(m.problem(), Some(MoneyProblem::Rate { .. })));
    }

    #[test]
    fn a_code_that_is_not_three_capitals_names_its_field() {
        let mut m = rules();
        m.rates[2].currency = "rupiah".into();
        assert_eq!(
            m.problem().map(|p| p.field().to_string()),
            Some("money.rates.2.currency".into())
        );
        let mut m = rules();
        m.currency = Some("myr".into());
        assert_eq!(
            m.problem(),
            Some(MoneyProblem::Code {
                field: "money.currency".into(),
                code: "myr".into()
            })
        );
    }

    #[test]
    fn the_workspace_currency_and_a_repeated_code_take_no_rate() {
        let mut m = rules();
        m.rates.push(CurrencyRate {
            currency: "MYR".into(),
            rate: 1.0,
        });
        assert!(matches!(m.problem(), Some(MoneyProblem::OwnRate { .. })));
        let mut m = rules();
        m.rates.push(CurrencyRate {
            currency: "SGD".into(),
            rate: 3.0,
        });
        assert_eq!(
            m.problem().map(|p| p.field().to_string()),
            Some("money.rates.5.currency".into())
        );
    }

    #[test]
    fn bounds_must_grow_and_weights_stay_percentages() {
        let mut m = rules();
        m.deal_sizes[1].up_to = Some(20_000);
        assert_eq!(
            m.problem().map(|p| p.field().to_string()),
            Some("money.dealSizes.1.upTo".into())
        );
        let mut m = rules();
        m.deal_sizes[2].up_to = Some(1_000_000);
        assert_eq!(
            m.problem().map(|p| p.field().to_string()),
            Some("money.dealSizes.2.upTo".into())
        );
        let mut m = rules();
        m.deal_sizes.swap(0, 1);
        assert!(matches!(m.problem(), Some(MoneyProblem::Sizes { .. })));
        let mut m = rules();
        m.forecast_weights[0].percent = 101;
        assert_eq!(
            m.problem().map(|p| p.field().to_string()),
            Some("money.forecastWeights.0.percent".into())
        );
    }

    #[test]
    fn rates_convert_only_to_a_set_workspace_currency() {
        let mut m = MoneyRules {
            currency: Some("MYR".into()),
            rates: vec![CurrencyRate {
                currency: "SGD".into(),
                rate: 3.5,
            }],
            ..rules()
        };
        assert_eq!(m.rate_of("MYR"), Some(1.0));
        assert_eq!(m.rate_of("SGD"), Some(3.5));
        assert_eq!(m.rate_of("IDR"), None);
        m.currency = None;
        assert_eq!(
            m.rate_of("SGD"),
            None,
            "no workspace currency, no conversion"
        );
    }

    #[test]
    fn an_amount_falls_in_the_first_band_whose_bound_it_does_not_pass() {
        let m = MoneyRules {
            deal_sizes: vec![
                DealSizeBand {
                    size: DealSize::Small,
                    up_to: Some(5_000),
                    typical_days: None,
                },
                DealSizeBand {
                    size: DealSize::Medium,
                    up_to: Some(50_000),
                    typical_days: None,
                },
                DealSizeBand {
                    size: DealSize::Large,
                    up_to: None,
                    typical_days: None,
                },
            ],
            ..rules()
        };
        let size = |amount| m.size_of(amount).map(|b| b.size);
        assert_eq!(size(5_000.0), Some(DealSize::Small), "bounds are inclusive");
        assert_eq!(size(5_000.5), Some(DealSize::Medium));
        assert_eq!(size(50_000.0), Some(DealSize::Medium));
        assert_eq!(size(50_001.0), Some(DealSize::Large));
    }
}
