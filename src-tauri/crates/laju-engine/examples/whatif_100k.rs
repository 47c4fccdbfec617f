//! How fast a what-if preview answers with 100,000 leads, beside a full rescore of the same
//! workspace in the same run: `cargo run --release -p laju-engine --example whatif_100k --
//! [LEADS]`. The leads are the sample generator's year (histories at every stage, activities,
//! the sample team, waiting MQLs) imported in one batch. Three drafts are previewed — the
//! Playbook in force unchanged, the MQL threshold lowered by 10, the ICP SLA at 15 minutes —
//! each timed as the median of 5 runs, with where the time went (reading and decoding every
//! record; replaying the leads; routing, SLA verdicts and sums). Then every lead is rescored
//! with the Playbook in force (`Workspace::rescore_all`, which writes), once.

#[path = "support/allocator.rs"]
mod allocator;

use chrono::{TimeZone, Utc};
use laju_core::sla::SlaType;
use laju_core::Playbook;
use laju_engine::workshop::whatif::WhatIf;
use laju_engine::{FixedClock, Workspace};
use std::sync::Arc;
use std::time::Instant;

const ROUNDS: usize = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: usize = std::env::args().nth(1).map_or(Ok(100_000), |a| a.parse())?;
    let dir = tempfile::tempdir()?;
    let now = Utc
        .with_ymd_and_hms(2026, 11, 2, 8, 0, 0)
        .single()
        .ok_or("date")?;
    let ws = Workspace::open(dir.path(), Arc::new(FixedClock::at(now)))?;
    let started = Instant::now();
    let added = ws.load_sample(count)?;
    println!(
        "{added} sample leads imported in {:.1} s; {} threads",
        started.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );

    let current = ws.playbook()?.playbook;
    let mut lower = current.clone();
    lower.engagement.mql_threshold -= 10;
    let mut icp_sla = current.clone();
    for target in &mut icp_sla.handoff.sla.targets {
        if target.lead_type == SlaType::Icp {
            target.minutes = 15;
        }
    }
    for (label, draft) in [
        ("unchanged draft", &current),
        ("MQL threshold -10", &lower),
        ("ICP SLA 15 min", &icp_sla),
    ] {
        let mut runs = Vec::new();
        let mut answer = None;
        for _ in 0..ROUNDS {
            let (run, w) = timed(&ws, draft)?;
            runs.push(run);
            answer = Some(w);
        }
        runs.sort_by(|a, b| a.total.total_cmp(&b.total));
        let m = &runs[ROUNDS / 2];
        let w = answer.ok_or("no run")?;
        println!(
            "what-if, {label:<18} median {:.2} s over {ROUNDS} runs (read {:.2} s, replay {:.2} s, \
             route + sum {:.2} s): MQLs {} → {}, ICP compliance {} → {}, {} leads change",
            m.total,
            m.read,
            m.replay,
            m.sum,
            w.mqls.current,
            w.mqls.draft,
            percent(&w, SlaType::Icp, true),
            percent(&w, SlaType::Icp, false),
            w.changed.leads,
        );
    }

    let started = Instant::now();
    let done = ws.rescore_all(|_| {})?;
    println!(
        "full rescore of {} leads (every record rescored and written, flushed per batch of \
         500): {:.2} s",
        done.total,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

struct Run {
    total: f64,
    read: f64,
    replay: f64,
    sum: f64,
}

/// One preview, and when its progress reports came: the first after every record was read,
/// the last after every lead was replayed.
fn timed(ws: &Workspace, draft: &Playbook) -> Result<(Run, WhatIf), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut first = None;
    let mut last = 0.0;
    let w = ws.what_if(draft, &mut |p| {
        let at = started.elapsed().as_secs_f64();
        first.get_or_insert(at);
        if p.done == p.total {
            last = at;
        }
        true
    })?;
    let total = started.elapsed().as_secs_f64();
    let read = first.unwrap_or(0.0);
    Ok((
        Run {
            total,
            read,
            replay: last - read,
            sum: total - last,
        },
        w,
    ))
}

fn percent(w: &WhatIf, lead_type: SlaType, current: bool) -> String {
    w.sla_by_type
        .iter()
        .find(|t| t.lead_type == lead_type)
        .and_then(|t| {
            if current {
                t.sla.current.compliance
            } else {
                t.sla.draft.compliance
            }
        })
        .map_or_else(|| "—".into(), |c| format!("{c:.1}%"))
}
