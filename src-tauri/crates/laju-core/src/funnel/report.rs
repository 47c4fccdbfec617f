//! Reports over the cells: the funnel (snapshot and cohort, conversion against the agreed
//! bands, and the deal values of `value.rs`) and velocity (days per stage against the
//! Playbook's typical and best, and by deal size). Each sums the cells that match the filter;
//! none reads a lead.

use super::{Cell, CellKey, ConversionBand, Dims, Dwell};
use crate::classification::FitClass;
use crate::lead::SourceKind;
use crate::playbook::{MoneyRules, StageDefinition};
use crate::stats::percentile;
use crate::wire;
use crate::Stage;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Every report's filters; an absent one matches all. `from` and `to` are cohort months
/// (`yyyymm`, inclusive): the month a lead was created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct FunnelFilter {
    #[ts(optional = nullable)]
    pub from: Option<u32>,
    #[ts(optional = nullable)]
    pub to: Option<u32>,
    #[ts(optional = nullable)]
    pub source: Option<SourceKind>,
    #[ts(optional = nullable)]
    pub campaign: Option<String>,
    #[ts(optional = nullable)]
    pub owner: Option<String>,
    #[ts(optional = nullable)]
    pub segment: Option<FitClass>,
    #[ts(optional = nullable)]
    pub industry: Option<String>,
}

impl FunnelFilter {
    pub fn matches(&self, key: &CellKey) -> bool {
        let d = &key.dims;
        let text = |want: &Option<String>, have: &str| {
            want.as_deref()
                .is_none_or(|w| w.trim().eq_ignore_ascii_case(have.trim()))
        };
        self.from.is_none_or(|from| key.cohort >= from)
            && self.to.is_none_or(|to| key.cohort <= to)
            && self.source.is_none_or(|s| d.source == s)
            && self.segment.is_none_or(|s| d.segment == s)
            && text(&self.campaign, &d.campaign)
            && text(&self.owner, &d.owner)
            && text(&self.industry, &d.industry)
    }
}

/// The sum of the cells the filter keeps.
pub fn total<'a>(
    cells: impl IntoIterator<Item = (&'a CellKey, &'a Cell)>,
    filter: &FunnelFilter,
) -> Cell {
    let mut sum = Cell::default();
    for (_, cell) in cells.into_iter().filter(|(k, _)| filter.matches(k)) {
        sum.merge(cell);
    }
    sum
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Verdict {
    Below,
    Within,
    Above,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FunnelStep {
    pub stage: Stage,
    /// Snapshot: leads in this stage now.
    pub now: u64,
    /// Cohort: leads of the period that ever reached this stage.
    pub reached: u64,
    /// Share of the previous step's `reached` that reached this one, in percent.
    #[ts(optional = nullable)]
    pub conversion: Option<f64>,
    #[ts(optional = nullable)]
    pub band: Option<ConversionBand>,
    #[ts(optional = nullable)]
    pub verdict: Option<Verdict>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FunnelReport {
    pub leads: u64,
    /// The main path, Anonymous to Customer.
    pub steps: Vec<FunnelStep>,
    /// Off the path now: recycled, disqualified, closed lost.
    pub off_path: Vec<(Stage, u64)>,
    /// Won, lost and open deal value.
    pub money: super::MoneyReport,
}

pub fn funnel(sum: &Cell, bands: &[ConversionBand], money: &MoneyRules) -> FunnelReport {
    let mut previous: Option<Stage> = None;
    let steps = Stage::MAIN_PATH
        .iter()
        .map(|&stage| {
            let reached = sum.reached(stage);
            let conversion = previous
                .map(|p| sum.reached(p))
                .filter(|base| *base > 0)
                .map(|base| reached as f64 * 100.0 / base as f64);
            let band = previous
                .and_then(|p| bands.iter().find(|b| b.from == p && b.to == stage))
                .copied();
            let verdict = match (conversion, band) {
                (Some(rate), Some(b)) if rate < f64::from(b.low) => Some(Verdict::Below),
                (Some(rate), Some(b)) if rate > f64::from(b.high) => Some(Verdict::Above),
                (Some(_), Some(_)) => Some(Verdict::Within),
                _ => None,
            };
            previous = Some(stage);
            FunnelStep {
                stage,
                now: sum.current(stage),
                reached,
                conversion,
                band,
                verdict,
            }
        })
        .collect();
    let off_path = [Stage::Recycled, Stage::Disqualified, Stage::ClosedLost]
        .map(|s| (s, sum.current(s)))
        .to_vec();
    FunnelReport {
        leads: sum.leads,
        steps,
        off_path,
        money: super::money(sum, bands, money),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StageVelocity {
    pub stage: Stage,
    /// Finished visits measured.
    pub visits: u64,
    #[ts(optional = nullable)]
    pub average_days: Option<f64>,
    /// The median visit, in days (see [`Dwell::median_days`]).
    #[ts(optional = nullable)]
    pub median_days: Option<f64>,
    /// The Playbook's normal time in the stage, and best in class.
    #[ts(optional = nullable)]
    pub typical_days: Option<u32>,
    #[ts(optional = nullable)]
    pub best_days: Option<u32>,
    /// Average slower than typical (above), faster than best (below: better than benchmark).
    #[ts(optional = nullable)]
    pub verdict: Option<Verdict>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Velocity {
    pub stages: Vec<StageVelocity>,
    /// First touch → won.
    pub won: u64,
    #[ts(optional = nullable)]
    pub to_won_average_days: Option<f64>,
    #[ts(optional = nullable)]
    pub to_won_median_days: Option<f64>,
    /// First touch → won and days in Opportunity, by the Playbook's deal sizes.
    pub by_deal_size: super::DealSizeSplit,
}

pub fn velocity(sum: &Cell, stages: &[StageDefinition], money: &MoneyRules) -> Velocity {
    let rows = Stage::MAIN_PATH[..Stage::MAIN_PATH.len() - 1]
        .iter()
        .map(|&stage| {
            let dwell: Dwell = sum.dwell(stage);
            let def = stages.iter().find(|d| d.stage == stage);
            let typical_days = def.and_then(|d| d.typical_days);
            let best_days = def.and_then(|d| d.best_days);
            let average_days = dwell.average_days();
            let verdict = average_days.and_then(|avg| match (typical_days, best_days) {
                (Some(t), _) if avg > f64::from(t) => Some(Verdict::Above),
                (_, Some(b)) if avg <= f64::from(b) => Some(Verdict::Below),
                (Some(_), _) => Some(Verdict::Within),
                _ => None,
            });
            StageVelocity {
                stage,
                visits: dwell.visits,
                average_days,
                median_days: dwell.median_days(),
                typical_days,
                best_days,
                verdict,
            }
        })
        .collect();
    Velocity {
        stages: rows,
        won: sum.to_won.visits,
        to_won_average_days: sum.to_won.average_days(),
        to_won_median_days: sum.to_won.median_days(),
        by_deal_size: super::deal_sizes(sum, money),
    }
}

/// What a report can be broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Dimension {
    Source,
    Campaign,
    Owner,
    Segment,
    Industry,
}

impl Dimension {
    /// The dimension's value in a cell, as the wire spells it.
    pub fn value_of(self, dims: &Dims) -> String {
        match self {
            Dimension::Source => wire(&dims.source),
            Dimension::Campaign => dims.campaign.clone(),
            Dimension::Owner => dims.owner.clone(),
            Dimension::Segment => wire(&dims.segment),
            Dimension::Industry => dims.industry.clone(),
        }
    }
}

/// The filtered cells summed per value of `by`, largest group first.
pub fn breakdown<'a>(
    cells: impl IntoIterator<Item = (&'a CellKey, &'a Cell)>,
    filter: &FunnelFilter,
    by: Dimension,
) -> Vec<(String, Cell)> {
    let mut groups: std::collections::BTreeMap<String, Cell> = Default::default();
    for (key, cell) in cells.into_iter().filter(|(k, _)| filter.matches(k)) {
        groups
            .entry(by.value_of(&key.dims))
            .or_default()
            .merge(cell);
    }
    let mut out: Vec<(String, Cell)> = groups.into_iter().collect();
    out.sort_by(|a, b| b.1.leads.cmp(&a.1.leads).then_with(|| a.0.cmp(&b.0)));
    out
}

// `Default` is no handoffs at all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SlaStats {
    pub handoffs: u64,
    /// Handoffs whose SLA outcome is known: answered, or breached.
    pub decided: u64,
    pub within: u64,
    pub breached: u64,
    /// `within / decided`, in percent.
    #[ts(optional = nullable)]
    pub compliance: Option<f64>,
    /// Speed to lead: minutes from handoff to answer (whole minutes per handoff), median and
    /// 90th percentile by [`crate::stats::percentile`].
    #[ts(optional = nullable)]
    pub median_minutes: Option<f64>,
    #[ts(optional = nullable)]
    pub p90_minutes: Option<f64>,
}

impl SlaStats {
    fn of(cell: &super::SlaCell) -> SlaStats {
        SlaStats {
            handoffs: cell.handoffs,
            decided: cell.decided,
            within: cell.within,
            breached: cell.breached,
            compliance: (cell.decided > 0)
                .then(|| cell.within as f64 * 100.0 / cell.decided as f64),
            median_minutes: percentile(&cell.answered, 50),
            p90_minutes: percentile(&cell.answered, 90),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TypeSla {
    pub lead_type: crate::sla::SlaType,
    pub stats: SlaStats,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RejectionCount {
    pub code: crate::handoff::RejectCode,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SlaPerformance {
    pub overall: SlaStats,
    pub by_type: Vec<TypeSla>,
    /// Why sales sent leads back, most frequent first.
    pub rejections: Vec<RejectionCount>,
}

pub fn sla_performance(sum: &Cell) -> SlaPerformance {
    let mut all = super::SlaCell::default();
    for cell in sum.sla.values() {
        all.merge(cell);
    }
    let mut rejections: Vec<RejectionCount> = all
        .rejected
        .iter()
        .map(|(code, count)| RejectionCount {
            code: *code,
            count: *count,
        })
        .collect();
    rejections.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
    SlaPerformance {
        overall: SlaStats::of(&all),
        by_type: sum
            .sla
            .iter()
            .map(|(lead_type, cell)| TypeSla {
                lead_type: *lead_type,
                stats: SlaStats::of(cell),
            })
            .collect(),
        rejections,
    }
}
