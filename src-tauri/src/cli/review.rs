//! `laju review [--quarter 2026Q4] [--json]`: the quarterly review, one line per term of the
//! agreement with its verdict (kept, missed, no data) first. The engine decides every verdict;
//! this only prints them.

use clap::Args;
use laju_core::wire;
use laju_core::workshop::quarter::Quarter;
use laju_core::workshop::review::ReviewVerdict;
use laju_engine::workshop::review::Review;
use laju_engine::{EngineError, Workspace};

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The quarter, as 2026Q4 (default: the current quarter).
    #[arg(long, value_parser = parse_quarter)]
    quarter: Option<Quarter>,
    /// Print the review as JSON.
    #[arg(long)]
    json: bool,
}

fn parse_quarter(text: &str) -> Result<Quarter, String> {
    Quarter::parse(text).map_err(|p| p.to_string())
}

pub fn run(ws: &Workspace, args: ReviewArgs) -> Result<(), EngineError> {
    let quarter = args
        .quarter
        .unwrap_or_else(|| Quarter::containing(ws.now()));
    let review = ws.review(&quarter.to_string())?;
    if args.json {
        return super::print_json(&review);
    }
    print_text(&review);
    Ok(())
}

fn verdict(v: ReviewVerdict) -> &'static str {
    match v {
        ReviewVerdict::Kept => "kept",
        ReviewVerdict::Missed => "missed",
        ReviewVerdict::NoData => "no data",
    }
}

fn percent(value: Option<f64>) -> String {
    value.map_or("-".into(), |v| format!("{v:.1}%"))
}

fn days(value: Option<f64>) -> String {
    value.map_or("-".into(), |v| format!("{v:.1} d"))
}

fn month(yyyymm: u32) -> String {
    format!("{}-{:02}", yyyymm / 100, yyyymm % 100)
}

fn print_text(r: &Review) {
    let q = &r.quarter;
    let span = format!("{} to {}", month(q.first_month), month(q.last_month));
    if r.leads == 0 {
        out!(
            "No leads were created in {} ({span}): there is nothing to review.",
            q.key
        );
        return;
    }
    let under_way = if q.current { ", under way" } else { "" };
    out!(
        "Quarterly review {}: {} leads created {span}{under_way}",
        q.key,
        r.leads
    );
    let a = &r.agreement;
    out!(
        "Held to Playbook version {} (saved {} by {}){}",
        a.version,
        a.saved_at.format("%Y-%m-%d"),
        a.actor,
        if a.saved_after_quarter {
            "; no version was saved before the quarter ended, so today's stands in"
        } else {
            ""
        }
    );
    let t = &r.tally;
    out!(
        "{} kept, {} missed, {} no data",
        t.kept,
        t.missed,
        t.no_data
    );

    out!("\nFunnel conversion against the agreed band");
    for l in &r.conversion {
        out!(
            "  {:<8} {:<24} {:>7}  {} of {}  (agreed {}–{}%)",
            verdict(l.verdict),
            format!("{} → {}", l.from.label(), l.to.label()),
            percent(l.conversion),
            l.reached,
            l.base,
            l.band.low,
            l.band.high
        );
    }

    out!("\nTime in stage: the average finished visit against the typical days");
    for l in &r.stage_time {
        let best = l
            .best_days
            .map_or(String::new(), |b| format!(", best {b} d"));
        out!(
            "  {:<8} {:<24} {:>8} average, {} median  (typical {} d{best}; {})",
            verdict(l.verdict),
            l.stage.label(),
            days(l.average_days),
            days(l.median_days),
            l.typical_days,
            super::counted(l.visits, "visit")
        );
    }

    out!(
        "\nSLA compliance by lead type (goal {}%)",
        a.compliance_goal
    );
    for l in &r.sla_by_type {
        let s = &l.stats;
        out!(
            "  {:<8} {:<24} {:>7}  {} of {} in time  (respond within {} min; {})",
            verdict(l.verdict),
            wire(&l.lead_type),
            percent(s.compliance),
            s.within,
            s.decided,
            l.target_minutes,
            super::counted(s.handoffs, "handoff")
        );
    }

    out!("\nSLA compliance by rep (goal {}%)", a.compliance_goal);
    for l in &r.sla_by_rep {
        let s = &l.stats;
        let name = match (&l.rep, l.on_roster) {
            (Some(name), true) => name.clone(),
            (Some(name), false) => format!("{name} (not on the roster)"),
            (None, _) => "(no owner)".into(),
        };
        out!(
            "  {:<8} {:<24} {:>7}  {} of {} in time  ({})",
            verdict(l.verdict),
            name,
            percent(s.compliance),
            s.within,
            s.decided,
            super::counted(s.handoffs, "handoff")
        );
    }

    out!(
        "\nMQL rejections by reason code: share of answered handoffs, against {}",
        r.previous_quarter.key
    );
    if r.rejections.is_empty() {
        out!("  (sales rejected no handoff of this quarter's leads)");
    }
    for l in &r.rejections {
        out!(
            "  {:<8} {:<24} {:>7}  {} of {}  ({} before: {} of {})",
            verdict(l.verdict),
            wire(&l.code),
            percent(l.share),
            l.count,
            l.answered,
            percent(l.previous_share),
            l.previous_count,
            l.previous_answered
        );
    }

    out!("\nRecycled leads and why");
    if r.recycles.is_empty() {
        out!("  (no lead of this quarter went back to marketing)");
    }
    for l in &r.recycles {
        let reason = l
            .reason
            .as_deref()
            .map_or("(no reason given)".to_string(), |r| format!("\"{r}\""));
        out!(
            "  {:<8} from {:<19} {:>5}  {reason}",
            verdict(l.verdict),
            l.from.label(),
            l.count
        );
    }

    out!("\nBlack holes: the quarter's leads stuck there now");
    for l in &r.black_holes {
        out!(
            "  {:<8} {:<24} {:>7}  of {} that reached {}",
            verdict(l.verdict),
            wire(&l.kind),
            l.total,
            l.exposed,
            l.stage.label()
        );
    }
}
