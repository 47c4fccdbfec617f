//! `laju report funnel|velocity|stall|black-holes|sla`: the Funnel page's reports as JSON
//! (`--json`) or text, with the same filters. The funnel's and velocity's deal values are
//! printed by `report_value.rs`.

use clap::{Args, ValueEnum};
use laju_core::classification::FitClass;
use laju_core::funnel::{Dimension, FunnelFilter};
use laju_core::lead::SourceKind;
use laju_core::wire;
use laju_engine::analytics::ReportQuery;
use laju_engine::{EngineError, Workspace};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Report {
    Funnel,
    Velocity,
    Stall,
    BlackHoles,
    Sla,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    report: Report,
    #[command(flatten)]
    query: QueryArgs,
    #[arg(long)]
    json: bool,
}

/// The Funnel page's filters, for `laju report` and `laju export`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// First cohort month (leads created from), YYYY-MM.
    #[arg(long, value_parser = parse_month)]
    from: Option<u32>,
    /// Last cohort month, YYYY-MM.
    #[arg(long, value_parser = parse_month)]
    to: Option<u32>,
    #[arg(long, value_parser = parse_wire::<SourceKind>)]
    source: Option<SourceKind>,
    #[arg(long)]
    campaign: Option<String>,
    #[arg(long)]
    owner: Option<String>,
    /// icp, nearIcp, strategic, enterprise, smb or transactional.
    #[arg(long, value_parser = parse_wire::<FitClass>)]
    segment: Option<FitClass>,
    #[arg(long)]
    industry: Option<String>,
    /// Break down by source, campaign, owner, segment or industry (funnel, velocity, sla).
    #[arg(long, value_parser = parse_wire::<Dimension>)]
    by: Option<Dimension>,
}

impl QueryArgs {
    pub fn query(self) -> ReportQuery {
        ReportQuery {
            filter: FunnelFilter {
                from: self.from,
                to: self.to,
                source: self.source,
                campaign: self.campaign,
                owner: self.owner,
                segment: self.segment,
                industry: self.industry,
            },
            by: self.by,
        }
    }
}

pub fn run(ws: &Workspace, args: ReportArgs) -> Result<(), EngineError> {
    let query = args.query.query();
    match args.report {
        Report::Funnel => {
            let answer = ws.funnel_report(&query)?;
            if args.json {
                return super::print_json(&answer);
            }
            out!("{} leads", answer.overall.leads);
            for step in &answer.overall.steps {
                let rate = step.conversion.map_or("-".into(), |r| format!("{r:.1}%"));
                let band = step.band.map_or(String::new(), |b| {
                    format!(" (agreed {}–{}%)", b.low, b.high)
                });
                out!(
                    "  {:<12} now {:>6}  reached {:>6}  conversion {rate:>6}{band}",
                    step.stage.label(),
                    step.now,
                    step.reached
                );
            }
            super::report_value::print_money(&answer.overall.money);
            Ok(())
        }
        Report::Velocity => {
            let answer = ws.velocity_report(&query)?;
            if args.json {
                return super::print_json(&answer);
            }
            for s in &answer.overall.stages {
                let avg = s.average_days.map_or("-".into(), |d| format!("{d:.1}"));
                let median = s.median_days.map_or("-".into(), |d| format!("{d:.1}"));
                out!(
                    "  {:<12} average {avg:>6} d  median {median:>4} d  ({})",
                    s.stage.label(),
                    super::counted(s.visits, "visit")
                );
            }
            super::report_value::print_deal_sizes(&answer.overall.by_deal_size);
            Ok(())
        }
        Report::Stall => {
            let answer = ws.stall_report(&query)?;
            if args.json {
                return super::print_json(&answer);
            }
            for s in &answer.stages {
                let rate = s.rate.map_or("-".into(), |r| format!("{r:.1}%"));
                out!(
                    "  {:<12} {:>6} of {:>6} stalled ({rate})",
                    s.stage.label(),
                    s.stalled,
                    s.in_stage
                );
            }
            Ok(())
        }
        Report::BlackHoles => {
            let answer = ws.black_holes(&query)?;
            if args.json {
                return super::print_json(&answer);
            }
            for hole in &answer.holes {
                out!("{}: {}", wire(&hole.kind), hole.total);
                for l in &hole.leads {
                    out!(
                        "  {:>6}  {}  since {}",
                        l.lead.id,
                        l.lead.name,
                        l.since.format("%Y-%m-%d")
                    );
                }
            }
            Ok(())
        }
        Report::Sla => {
            let answer = ws.sla_report(&query)?;
            if args.json {
                return super::print_json(&answer);
            }
            let o = &answer.overall.overall;
            let compliance = o.compliance.map_or("-".into(), |c| format!("{c:.1}%"));
            out!(
                "{} handoffs, {} within SLA of {} decided ({compliance}), median {} min, p90 {} min",
                o.handoffs,
                o.within,
                o.decided,
                o.median_minutes.map_or("-".into(), |m| format!("{m:.1}")),
                o.p90_minutes.map_or("-".into(), |m| format!("{m:.1}"))
            );
            for r in &answer.overall.rejections {
                out!("  rejected {}: {}", wire(&r.code), r.count);
            }
            Ok(())
        }
    }
}

fn parse_month(text: &str) -> Result<u32, String> {
    let (y, m) = text
        .split_once('-')
        .ok_or_else(|| "use YYYY-MM, for example 2026-03".to_string())?;
    let (y, m): (u32, u32) = (
        y.parse().map_err(|_| "use YYYY-MM".to_string())?,
        m.parse().map_err(|_| "use YYYY-MM".to_string())?,
    );
    if !(1..=12).contains(&m) {
        return Err("the month must be 01 to 12".into());
    }
    Ok(y * 100 + m)
}

/// Any of Laju's enums by its wire name ("paidAds", "nearIcp", "owner").
fn parse_wire<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_string()))
        .map_err(|_| format!("\"{text}\" is not one of the accepted values"))
}
