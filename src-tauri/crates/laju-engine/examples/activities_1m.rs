//! How fast an activities file imports: `cargo run --release -p laju-engine --example
//! activities_1m -- [ROWS] [LEADS]`. Imports LEADS leads (default 50,000), then writes one
//! activities file of ROWS rows (default 1,000,000: email opens and clicks, page and pricing
//! visits, downloads, spread over the last 90 days) and imports it in the same run with the
//! sqlite3 CLI (the baseline: `.import` into a table, then an index on email built in the same
//! script) and with Laju (read, map, find each row's lead, skip what it already has, rescore,
//! fire the triggers, route the new MQLs, one batch, flushed).

#[path = "support/allocator.rs"]
mod allocator;
#[path = "support/timed.rs"]
mod timed;
// Only `wall_ms` of the shared baseline helpers is needed here.
#[allow(dead_code)]
#[path = "support/sqlite.rs"]
mod sqlite;

use chrono::{Duration, Utc};
use laju_core::import::{ImportKind, Mapping};
use laju_engine::import::ImportOptions;
use laju_engine::{SystemClock, Workspace};
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

const KINDS: [(&str, &str); 5] = [
    ("emailOpen", ""),
    ("emailClick", "https://laju.example/newsletter"),
    ("pageVisit", "https://laju.example/features"),
    ("pageVisit", "https://laju.example/pricing"),
    ("contentDownload", ""),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let rows: usize = args.next().map_or(Ok(1_000_000), |a| a.parse())?;
    let leads: usize = args.next().map_or(Ok(50_000), |a| a.parse())?;
    let dir = tempfile::tempdir()?;

    let mut leads_csv = String::from("contact.name,contact.email,company.name\n");
    for n in 0..leads {
        leads_csv.push_str(&format!(
            "Lead {n},lead{n}@company{}.example,Company {}\n",
            n % 5_000,
            n % 5_000
        ));
    }
    let ws = Workspace::open(&dir.path().join("laju"), Arc::new(SystemClock))?;
    let started = Instant::now();
    let report = ws.import_csv(
        leads_csv.as_bytes(),
        &ImportOptions::default(),
        "bench",
        &mut |_| true,
    )?;
    println!(
        "{} leads imported first in {:.2} s",
        report.imported,
        started.elapsed().as_secs_f64()
    );

    let csv = dir.path().join("activities.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&csv)?);
    writeln!(out, "Email,Action,Timestamp,URL,Campaign")?;
    let now = Utc::now();
    for n in 0..rows {
        let (kind, url) = KINDS[(n / leads + n) % KINDS.len()];
        let at = now - Duration::minutes(1 + (n as i64 * 7_919) % (90 * 24 * 60));
        writeln!(
            out,
            "lead{}@company{}.example,{kind},{},{url},C{}",
            n % leads,
            (n % leads) % 5_000,
            at.format("%Y-%m-%dT%H:%M:%SZ"),
            n % 12
        )?;
    }
    out.flush()?;
    drop(out);
    let bytes = std::fs::read(&csv)?;
    println!(
        "{rows} activity rows for {leads} leads, {:.1} MB",
        bytes.len() as f64 / 1e6
    );

    let db = dir.path().join("baseline.sqlite");
    let script = format!(
        "DROP TABLE IF EXISTS activities;\n\
         CREATE TABLE activities(email TEXT, action TEXT, at TEXT, url TEXT, campaign TEXT);\n\
         .mode csv\n.import --skip 1 {} activities\n\
         CREATE INDEX activities_email ON activities(email);\n",
        csv.display()
    );
    let baseline = sqlite::wall_ms(&db, &script)? / 1000.0;
    println!("sqlite3 .import + index on email (median of 3): {baseline:.2} s");

    let mut mapping = Mapping::default();
    for (header, target) in [
        ("Email", "contact.email"),
        ("Action", "activity.kind"),
        ("Timestamp", "activity.at"),
        ("URL", "activity.url"),
        ("Campaign", "activity.campaign"),
    ] {
        mapping.columns.insert(header.into(), target.into());
    }
    let options = ImportOptions {
        kind: ImportKind::Activities,
        mapping,
        source: "bench".into(),
        ..ImportOptions::default()
    };
    let (report, timed) = timed::import(&ws, &bytes, &options)?;
    let laju = timed.total;
    println!(
        "phases: read + match {:.2} s, rules {:.2} s, write + flush {:.2} s",
        timed.read, timed.rules, timed.write
    );
    println!(
        "laju activities import: {laju:.2} s ({} attached, {} created a lead, {} rejected; \
         {} became MQLs, {} handoffs opened; {:.0} rows/s)",
        report.merged,
        report.imported,
        report.rejected,
        report.moved.mql,
        report.moved.handoffs,
        rows as f64 / laju
    );
    println!("laju / sqlite3 with index: {:.1}x", laju / baseline);

    let started = Instant::now();
    let again = ws.import_csv(&bytes, &options, "bench", &mut |_| true)?;
    println!(
        "the same file again: {:.2} s ({} already there, nothing written)",
        started.elapsed().as_secs_f64(),
        again.already_there
    );
    Ok(())
}
