//! How fast the lead list answers with many leads: `cargo run --release -p laju-engine
//! --example list_100k -- [LEADS]`. Creates the leads through the normal use case (each one
//! flushed), then times list queries the UI makes while scrolling and filtering.

#[path = "support/allocator.rs"]
mod allocator;

use laju_core::lead::{LeadProfile, SourceKind};
use laju_core::Stage;
use laju_engine::leads::{LeadQuery, LeadSort};
use laju_engine::{SystemClock, Workspace};
use std::sync::Arc;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: u64 = std::env::args().nth(1).map_or(Ok(100_000), |a| a.parse())?;
    let dir = tempfile::tempdir()?;
    let ws = Workspace::open(dir.path(), Arc::new(SystemClock))?;
    let started = Instant::now();
    for n in 0..count {
        let mut p = LeadProfile::default();
        p.contact.name = format!("Lead {n}");
        p.contact.email = format!("lead{n}@company{}.example", n % 5_000);
        p.company.name = format!("Company {}", n % 5_000);
        p.source.kind = SourceKind::ALL[(n % 7) as usize];
        ws.create_lead(p, "bench")?;
    }
    println!(
        "created {count} leads in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    drop(ws);
    let ws = Workspace::open(dir.path(), Arc::new(SystemClock))?;
    println!(
        "reopened (index loaded) in {} ms",
        started.elapsed().as_millis()
    );

    // A filter or sort change orders every matching row once; scrolling then reads pages of
    // that order.
    let queries = [
        ("by priority", LeadQuery::default()),
        (
            "stage filter",
            LeadQuery {
                stage: Some(Stage::Known),
                ..Default::default()
            },
        ),
        (
            "search",
            LeadQuery {
                search: "company 42".into(),
                ..Default::default()
            },
        ),
        (
            "sort by name",
            LeadQuery {
                sort: LeadSort::Name,
                ..Default::default()
            },
        ),
    ];
    for (label, query) in queries {
        let started = Instant::now();
        let total = ws.list_leads(&query)?.total;
        let first = started.elapsed().as_secs_f64() * 1000.0;
        let pages = 50u32;
        let started = Instant::now();
        for page in 1..=pages {
            let offset = (page * 200).min(total.saturating_sub(1));
            ws.list_leads(&LeadQuery {
                offset,
                ..query.clone()
            })?;
        }
        let scroll = started.elapsed().as_secs_f64() * 1000.0 / f64::from(pages);
        println!("{label:<14} first page {first:>6.1} ms, each next page {scroll:>5.2} ms  ({total} matching)");
    }
    Ok(())
}
