//! How fast a CSV import is: `cargo run --release -p laju-engine --example import_100k --
//! [ROWS]`. Writes one generated leads file, then imports it in the same run: with the sqlite3
//! CLI's `.import` into a table with the same columns (the baseline), the same with indexes on
//! email and external id built in the same script (the second baseline), and with Laju (read,
//! map, match, classify, score, route, one batch, flushed). It also times sled's floor (the
//! file's rows written as they are, one key each, flushed: nothing parsed), reopening the
//! imported workspace (records decoded, every projection rebuilt) beside sled's own floor (open
//! the folder and read every record's bytes, nothing decoded), and single flushed edits.

#[path = "support/allocator.rs"]
mod allocator;
#[path = "support/timed.rs"]
mod timed;

// Only `wall_ms` of the shared baseline helpers is needed here.
#[allow(dead_code)]
#[path = "support/sqlite.rs"]
mod sqlite;

use laju_core::activity::ActivityKind;
use laju_core::import::Mapping;
use laju_engine::import::ImportOptions;
use laju_engine::leads::LogActivity;
use laju_engine::{SystemClock, Workspace};
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

const SOURCES: [&str; 7] = [
    "Inbound", "Outbound", "Paid ads", "Event", "Referral", "Partner", "Database",
];
const STAGES: [&str; 6] = ["known", "mql", "sal", "sql", "opportunity", "customer"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args().nth(1).map_or(Ok(100_000), |a| a.parse())?;
    let dir = tempfile::tempdir()?;
    let csv = dir.path().join("leads.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&csv)?);
    writeln!(
        out,
        "External ID,Name,Email,Phone,Company,Country,Industry,Employees,Source,Stage,Created"
    )?;
    for n in 0..rows {
        writeln!(
            out,
            "X{n},Lead {n},lead{n}@company{}.example,+60 12-{:03} {:04},Company {},MY,retail,{},{},{},2026-{:02}-{:02}",
            n % 5_000,
            n % 1_000,
            n % 10_000,
            n % 5_000,
            [4, 25, 60, 120, 300][n % 5],
            SOURCES[n % 7],
            STAGES[n % 6],
            1 + n % 10,
            1 + n % 28,
        )?;
    }
    out.flush()?;
    drop(out);
    let bytes = std::fs::read(&csv)?;
    println!("{rows} rows, {:.1} MB", bytes.len() as f64 / 1e6);

    let db = dir.path().join("baseline.sqlite");
    let script = format!(
        "DROP TABLE IF EXISTS leads;\nCREATE TABLE leads(external_id TEXT, name TEXT, email TEXT, phone TEXT, company TEXT, \
         country TEXT, industry TEXT, employees INTEGER, source TEXT, stage TEXT, created TEXT);\n\
         .mode csv\n.import --skip 1 {} leads\n",
        csv.display()
    );
    let baseline = sqlite::wall_ms(&db, &script)? / 1000.0;
    println!("sqlite3 .import (median of 3): {baseline:.2} s");
    let indexed = format!(
        "{script}CREATE INDEX leads_email ON leads(email);\n\
         CREATE INDEX leads_external_id ON leads(external_id);\n"
    );
    let baseline_indexed = sqlite::wall_ms(&db, &indexed)? / 1000.0;
    println!(
        "sqlite3 .import + email and external-id indexes (median of 3): {baseline_indexed:.2} s"
    );
    let floor = sled_floor(&bytes, &dir.path().join("floor"))?;
    println!("sled alone, one key per row, flushed: {floor:.2} s");

    let ws = Workspace::open(&dir.path().join("laju"), Arc::new(SystemClock))?;
    let mut mapping = Mapping::default();
    for (header, target) in [
        ("External ID", "source.externalId"),
        ("Name", "contact.name"),
        ("Email", "contact.email"),
        ("Phone", "contact.phone"),
        ("Company", "company.name"),
        ("Country", "company.country"),
        ("Industry", "company.industry"),
        ("Employees", "company.employees"),
        ("Source", "source.kind"),
        ("Stage", "stage"),
        ("Created", "createdAt"),
    ] {
        mapping.columns.insert(header.into(), target.into());
    }
    let options = ImportOptions {
        mapping,
        ..ImportOptions::default()
    };
    let (report, timed) = timed::import(&ws, &bytes, &options)?;
    let laju = timed.total;
    println!(
        "phases: read + check {:.2} s, rules {:.2} s, transaction + flush {:.2} s",
        timed.read, timed.rules, timed.write
    );
    println!(
        "laju import: {laju:.2} s ({} imported, {} merged, {} rejected; {:.0} rows/s)",
        report.imported,
        report.merged,
        report.rejected,
        rows as f64 / laju
    );
    println!("laju / sqlite3: {:.1}x", laju / baseline);
    println!(
        "laju / sqlite3 with indexes: {:.1}x",
        laju / baseline_indexed
    );
    println!("sled floor / sqlite3: {:.1}x", floor / baseline);

    let folder = dir.path().join("laju");
    drop(ws);
    let started = Instant::now();
    let ws = Workspace::open(&folder, Arc::new(SystemClock))?;
    println!(
        "reopen ({} leads: records read, every projection rebuilt): {} ms",
        report.imported,
        started.elapsed().as_millis()
    );
    drop(ws);
    let started = Instant::now();
    let ws = Workspace::open(&folder, Arc::new(SystemClock))?;
    println!(
        "reopen again (sled's log already replayed at the first): {} ms",
        started.elapsed().as_millis()
    );
    drop(ws);
    let (first, again) = (sled_scan(&folder)?, sled_scan(&folder)?);
    println!(
        "sled alone, open and read every record (nothing decoded): {first:.0} ms, again {again:.0} ms"
    );
    let ws = Workspace::open(&folder, Arc::new(SystemClock))?;
    edits(&ws, rows as u64)?;
    Ok(())
}

/// Milliseconds sled takes to open the folder and hand over every lead record's bytes: the
/// floor under any reopen that keeps a record per lead.
fn sled_scan(folder: &std::path::Path) -> Result<f64, Box<dyn std::error::Error>> {
    // sled's flusher can hold the folder's lock a moment after the last handle goes.
    let mut tries = 0;
    let (db, started) = loop {
        let started = Instant::now();
        match sled::open(folder) {
            Ok(db) => break (db, started),
            Err(_) if tries < 20 => tries += 1,
            Err(e) => return Err(e.into()),
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut bytes = 0;
    for entry in db.open_tree("lead_by_id")?.iter() {
        bytes += entry?.1.len();
    }
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    assert!(bytes > 0, "the records are there");
    Ok(ms)
}

/// Times single edits as the lead form makes them, each one flushed before it returns.
fn edits(ws: &Workspace, leads: u64) -> Result<(), Box<dyn std::error::Error>> {
    const EDITS: u64 = 201;
    let mut times = Vec::new();
    for n in 0..EDITS {
        let id = 1 + (n * 7_919) % leads;
        let started = Instant::now();
        ws.log_activity(
            LogActivity {
                id,
                kind: ActivityKind::Note,
                at: None,
                note: format!("bench note {n}"),
            },
            "bench",
        )?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "single flushed edit (log a note, {EDITS} leads): p50 {:.2} ms, p99 {:.2} ms",
        at(0.5),
        at(0.99)
    );
    Ok(())
}

/// Seconds sled takes to store each line of the file under its own key and flush.
fn sled_floor(csv: &[u8], dir: &std::path::Path) -> Result<f64, Box<dyn std::error::Error>> {
    let db = sled::open(dir)?;
    let tree = db.open_tree("rows")?;
    let started = Instant::now();
    let mut batch = sled::Batch::default();
    for (n, row) in csv.split(|b| *b == b'\n').skip(1).enumerate() {
        batch.insert(&(n as u64).to_be_bytes(), row);
    }
    tree.apply_batch(batch)?;
    db.flush()?;
    Ok(started.elapsed().as_secs_f64())
}
