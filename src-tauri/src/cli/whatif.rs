//! `laju playbook what-if DRAFT.json [--json]`: a draft Playbook replayed over the recorded
//! history beside the Playbook in force, as JSON or as a side-by-side table. The draft is what
//! `laju playbook --json` prints (a saved version; its `playbook` is read), edited, or a bare
//! Playbook. Progress goes to stderr; nothing is written.

use clap::Args;
use laju_core::funnel::SlaStats;
use laju_core::workshop::replay::{MqlChange, PriorityBand};
use laju_core::workshop::whatif::{Compared, WhatIf};
use laju_core::{wire, Playbook};
use laju_engine::workshop::whatif::WhatIfProgress;
use laju_engine::{EngineError, Workspace};
use serde::Deserialize;
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct WhatIfArgs {
    /// The draft: `laju playbook --json`'s output, edited, or a Playbook alone.
    draft: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(ws: &Workspace, args: WhatIfArgs) -> Result<(), EngineError> {
    let draft = read_draft(&args.draft)?;
    let answer = ws.what_if(&draft, &mut show_progress)?;
    if args.json {
        return super::print_json(&answer);
    }
    let version = ws.playbook()?.version;
    print(&answer, &args.draft, version);
    Ok(())
}

/// A saved version as `laju playbook --json` prints it: only its Playbook is the draft.
#[derive(Deserialize)]
struct Saved {
    playbook: Playbook,
}

fn read_draft(path: &Path) -> Result<Playbook, EngineError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        EngineError::Invalid(format!(
            "The draft {} could not be read: {e}",
            path.display()
        ))
    })?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| not_a_playbook(path, e))?;
    let draft = if value.get("playbook").is_some() {
        serde_json::from_str::<Saved>(&text).map(|s| s.playbook)
    } else {
        serde_json::from_str::<Playbook>(&text)
    };
    draft.map_err(|e| not_a_playbook(path, e))
}

fn not_a_playbook(path: &Path, e: serde_json::Error) -> EngineError {
    EngineError::Invalid(format!(
        "The draft {} is not a Playbook ({e}). Start from `laju playbook --json`.",
        path.display()
    ))
}

/// One line on stderr, rewritten in place.
fn show_progress(p: WhatIfProgress) -> bool {
    let mut err = std::io::stderr();
    let _ = write!(err, "\rreplaying {}/{} leads   ", p.done, p.total);
    if p.done == p.total {
        let _ = writeln!(err);
    }
    true
}

fn print(w: &WhatIf, draft: &Path, version: u32) {
    out!(
        "What if {} replaced Playbook version {version}: {} leads replayed to {}, nothing written.",
        draft.display(),
        w.leads,
        w.now.format("%Y-%m-%d %H:%M UTC")
    );
    if w.leads == 0 {
        out!("The workspace has no leads yet: there is no history to replay.");
        return;
    }
    out!("{:<34}{:>12}{:>12}", "", "current", "draft");
    row("MQLs", &w.mqls);
    for m in &w.mqls_by_month {
        row(
            &format!("  {}-{:02}", m.month / 100, m.month % 100),
            &m.mqls,
        );
    }
    let c = &w.mql_changes;
    out!(
        "  the draft: {} new, {} earlier, {} no longer MQLs",
        c.new,
        c.earlier,
        c.dropped
    );
    if c.new > 0 {
        out!("  new MQLs stop at MQL: what sales would then have done is unknown");
    }

    out!("\nFunnel: leads that reached each step, and conversion from the step before");
    out!(
        "  {:<32}{:>8} {:>6}{:>8} {:>6}",
        "",
        "current",
        "",
        "draft",
        ""
    );
    for step in &w.funnel {
        let rate = |s: &laju_core::funnel::FunnelStep| {
            s.conversion.map_or("-".into(), |r| format!("{r:.1}%"))
        };
        out!(
            "  {:<32}{:>8} {:>6}{:>8} {:>6}",
            step.current.stage.label(),
            step.current.reached,
            rate(&step.current),
            step.draft.reached,
            rate(&step.draft)
        );
    }

    out!("\nSLA: compliance (within / decided: answered or breached) · breached · handoffs");
    out!("{:<22}{:<35}{}", "", "current", "draft");
    sla_row("all lead types", &w.sla);
    for t in &w.sla_by_type {
        sla_row(&format!("  {}", wire(&t.lead_type)), &t.sla);
    }

    out!("\nHandoffs per rep (most held at once / capacity)");
    for r in &w.reps {
        let f = &r.figures;
        let cell = |x: &laju_core::workshop::whatif::RepFigures| {
            let cap = x.capacity.map_or("-".into(), |c| c.to_string());
            let over = if x.over_capacity { " over" } else { "" };
            format!("{} ({}/{cap}){over}", x.handoffs, x.peak_held)
        };
        out!(
            "  {:<32}{:>16}{:>16}",
            r.rep,
            cell(&f.current),
            cell(&f.draft)
        );
    }
    row("  routed to nobody", &w.unrouted);
    row("  reps over capacity", &w.reps_over_capacity);

    let ch = &w.changed;
    out!(
        "\n{} leads change: {} stage, {} priority band",
        ch.leads,
        ch.stage,
        ch.band
    );
    for l in &w.changed_leads {
        out!(
            "  {:>7}  {:<28} {} → {}   priority {} ({}) → {} ({}){}",
            l.id,
            l.name,
            l.stage.current.label(),
            l.stage.draft.label(),
            l.priority.current,
            band(l.band.current),
            l.priority.draft,
            band(l.band.draft),
            match l.mql {
                MqlChange::New => "   new MQL",
                MqlChange::Earlier => "   earlier MQL",
                MqlChange::Dropped => "   no longer an MQL",
                MqlChange::Same => "",
            }
        );
    }
    if (w.changed_leads.len() as u64) < ch.leads {
        out!("  (the first {} by id)", w.changed_leads.len());
    }
}

fn row(label: &str, figure: &Compared<u64>) {
    out!("{label:<34}{:>12}{:>12}", figure.current, figure.draft);
}

fn sla_row(label: &str, sla: &Compared<SlaStats>) {
    // Each part in its own column, so the rows line up part by part (100.0% 1234/1234 …).
    let cell = |s: &SlaStats| {
        let rate = s.compliance.map_or("-".into(), |c| format!("{c:.1}%"));
        let share = format!("{}/{}", s.within, s.decided);
        format!(
            "{rate:>6} {share:>9} · {:>4} · {:>5}",
            s.breached, s.handoffs
        )
    };
    out!("{label:<22}{}    {}", cell(&sla.current), cell(&sla.draft));
}

fn band(b: PriorityBand) -> &'static str {
    match b {
        PriorityBand::Low => "low",
        PriorityBand::Medium => "medium",
        PriorityBand::High => "high",
    }
}
