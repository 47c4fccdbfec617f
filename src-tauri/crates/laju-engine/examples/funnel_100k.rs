//! How fast the funnel reports answer with 100,000 leads and their stage histories, against the
//! sqlite3 CLI asked the same questions over the same rows in the same run:
//! `cargo run --release -p laju-engine --example funnel_100k -- [LEADS]`.
//! Leads are created and moved through the normal use cases (each write flushed) on a clock
//! that advances between moves, so histories have real durations; the sqlite3 tables get the
//! same leads and stage visits, with the indexes the questions need.

#[path = "support/allocator.rs"]
mod allocator;

use chrono::{Duration, TimeZone, Utc};
use laju_core::classification::FitClass;
use laju_core::funnel::{Dimension, FunnelFilter};
use laju_core::lead::{LeadProfile, SourceKind};
use laju_core::lifecycle::LifecycleEvent;
use laju_core::Stage;
use laju_engine::analytics::ReportQuery;
use laju_engine::leads::{MoveLead, MoveOutcome, SaveOutcome};
use laju_engine::{FixedClock, Workspace};
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

#[path = "support/sqlite.rs"]
mod sqlite;

const ROUNDS: usize = 21;

/// One report asked of the workspace, its answer dropped.
type Report<'a> = Box<dyn Fn() -> Result<(), laju_engine::EngineError> + 'a>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: u64 = std::env::args().nth(1).map_or(Ok(100_000), |a| a.parse())?;
    let dir = tempfile::tempdir()?;
    let start = Utc
        .with_ymd_and_hms(2025, 1, 1, 8, 0, 0)
        .single()
        .ok_or("date")?;
    let clock = Arc::new(FixedClock::at(start));
    let ws = Workspace::open(dir.path(), clock.clone())?;
    let mut leads_csv =
        std::io::BufWriter::new(std::fs::File::create(dir.path().join("leads.csv"))?);
    let mut visits_csv =
        std::io::BufWriter::new(std::fs::File::create(dir.path().join("visits.csv"))?);
    let started = Instant::now();
    let mut writes = 0u64;
    for n in 0..count {
        // Spread creation over about a year.
        clock.advance(Duration::minutes(5));
        let source = SourceKind::ALL[(n % 7) as usize];
        let mut p = LeadProfile::default();
        p.contact.name = format!("Lead {n}");
        p.contact.email = format!("lead{n}@company{}.example", n % 5_000);
        p.company.name = format!("Company {}", n % 5_000);
        p.company.industry =
            ["retail", "software", "education", "logistics"][(n % 4) as usize].into();
        p.source.kind = source;
        p.source.campaign = ["Raya", "Webinar", "Ads", ""][(n % 4) as usize].into();
        let SaveOutcome::Saved { detail } = ws.create_lead(p, "bench")? else {
            return Err("invalid bench lead".into());
        };
        writes += 1;
        let id = detail.lead.id;
        let created = clock.now_for_bench();
        let mut path: Vec<(Stage, i64)> = vec![(Stage::Known, created)];
        // How far this lead goes: 60% MQL, 30% SAL.
        let depth = n % 10;
        let mut step = |event: LifecycleEvent,
                        stage: Stage,
                        hours: i64|
         -> Result<(), Box<dyn std::error::Error>> {
            clock.advance(Duration::hours(hours));
            match ws.move_lead(MoveLead { id, event }, "bench")? {
                MoveOutcome::Moved { .. } => {}
                MoveOutcome::Refused { message, .. } => return Err(message.into()),
            }
            path.push((stage, clock.now_for_bench()));
            clock.advance(-Duration::hours(hours));
            Ok(())
        };
        if depth < 6 {
            step(LifecycleEvent::MarkMql, Stage::Mql, 24 + (n % 48) as i64)?;
            writes += 1;
        }
        if depth < 3 {
            let owner = format!("Rep {}", n % 20);
            step(
                LifecycleEvent::Accept { owner },
                Stage::Sal,
                72 + (n % 96) as i64,
            )?;
            writes += 1;
        }
        let cohort = chrono::DateTime::from_timestamp(created, 0).ok_or("time")?;
        let cohort = cohort.format("%Y%m").to_string();
        let owner = if depth < 3 {
            format!("Rep {}", n % 20)
        } else {
            String::new()
        };
        let segment = serde_json::to_value(detail.assessment.classification.fit)?;
        let current = path.last().map(|(s, _)| s.key()).unwrap_or("known");
        let since = path.last().map_or(created, |(_, at)| *at);
        writeln!(
            leads_csv,
            "{id},{},{},{owner},{},{},{cohort},{current},{since}",
            source.key(),
            ["Raya", "Webinar", "Ads", ""][(n % 4) as usize],
            segment.as_str().unwrap_or(""),
            ["retail", "software", "education", "logistics"][(n % 4) as usize],
        )?;
        for (i, (stage, at)) in path.iter().enumerate() {
            let left = path
                .get(i + 1)
                .map_or(String::new(), |(_, next)| next.to_string());
            writeln!(visits_csv, "{id},{},{at},{left}", stage.key())?;
        }
    }
    leads_csv.flush()?;
    visits_csv.flush()?;
    println!(
        "created {count} leads with their histories ({writes} flushed writes) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let all = ReportQuery::default();
    let inbound = ReportQuery {
        filter: FunnelFilter {
            source: Some(SourceKind::Inbound),
            segment: Some(FitClass::Smb),
            ..Default::default()
        },
        by: Some(Dimension::Owner),
    };
    let timings: [(&str, Report); 7] = [
        (
            "funnel, all leads",
            Box::new(|| ws.funnel_report(&all).map(drop)),
        ),
        (
            "funnel, inbound SMB by owner",
            Box::new(|| ws.funnel_report(&inbound).map(drop)),
        ),
        (
            "velocity, all leads",
            Box::new(|| ws.velocity_report(&all).map(drop)),
        ),
        (
            "velocity, inbound SMB by owner",
            Box::new(|| ws.velocity_report(&inbound).map(drop)),
        ),
        ("stall", Box::new(|| ws.stall_report(&all).map(drop))),
        ("black holes", Box::new(|| ws.black_holes(&all).map(drop))),
        ("sla", Box::new(|| ws.sla_report(&all).map(drop))),
    ];
    for (label, run) in &timings {
        let mut times = Vec::new();
        for _ in 0..ROUNDS {
            let t = Instant::now();
            run()?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "laju    {label:<34} median {:>8.2} ms over {ROUNDS} runs",
            times[ROUNDS / 2]
        );
    }

    let db = dir.path().join("baseline.sqlite");
    sqlite::run(
        &db,
        &format!(
            "CREATE TABLE leads(id INTEGER PRIMARY KEY, source TEXT, campaign TEXT, owner TEXT, \
             segment TEXT, industry TEXT, cohort INTEGER, stage TEXT, since INTEGER);\n\
             CREATE TABLE visits(lead INTEGER, stage TEXT, entered INTEGER, left_at INTEGER);\n\
             .mode csv\n.import {} leads\n.import {} visits\n\
             UPDATE visits SET left_at = NULL WHERE left_at = '';\n\
             CREATE INDEX leads_by_stage ON leads(stage, since);\n\
             CREATE INDEX leads_by_source ON leads(source, segment);\n\
             CREATE INDEX visits_by_lead ON visits(lead, stage);\n\
             CREATE INDEX visits_by_stage ON visits(stage, left_at, entered);\n",
            dir.path().join("leads.csv").display(),
            dir.path().join("visits.csv").display()
        ),
    )?;
    let now = clock.now_for_bench();
    let questions = [
        ("funnel, all leads",
         "SELECT stage, COUNT(*) FROM leads GROUP BY stage; \
          SELECT stage, COUNT(DISTINCT lead) FROM visits GROUP BY stage;".to_string()),
        ("funnel, inbound SMB by owner",
         "SELECT l.owner, v.stage, COUNT(DISTINCT v.lead) FROM visits v JOIN leads l ON l.id = v.lead \
          WHERE l.source = 'inbound' AND l.segment = 'smb' GROUP BY l.owner, v.stage;".to_string()),
        ("velocity, all leads",
         "SELECT stage, AVG(left_at - entered) / 86400.0, COUNT(*) FROM visits \
          WHERE left_at IS NOT NULL GROUP BY stage;".to_string()),
        ("velocity, inbound SMB by owner",
         "SELECT l.owner, v.stage, AVG(v.left_at - v.entered) / 86400.0 FROM visits v JOIN leads l \
          ON l.id = v.lead WHERE v.left_at IS NOT NULL AND l.source = 'inbound' AND l.segment = 'smb' \
          GROUP BY l.owner, v.stage;".to_string()),
        ("stall",
         // Each stage against its own typical days from the default Playbook.
         format!(
             "SELECT stage, COUNT(*) FROM leads WHERE (stage = 'known' AND since < {}) \
              OR (stage = 'mql' AND since < {}) OR (stage = 'sal' AND since < {}) \
              OR (stage = 'sql' AND since < {}) OR (stage = 'opportunity' AND since < {}) \
              GROUP BY stage; SELECT stage, COUNT(*) FROM leads GROUP BY stage;",
             now - 30 * 86_400, now - 3 * 86_400, now - 14 * 86_400, now - 42 * 86_400, now - 90 * 86_400
         )),
    ];
    for (label, sql) in &questions {
        let per = sqlite::per_query_ms(&db, sql, ROUNDS)?;
        println!("sqlite3 {label:<34} mean   {per:>8.2} ms over {ROUNDS} runs in one process");
    }
    Ok(())
}

trait BenchClock {
    fn now_for_bench(&self) -> i64;
}

impl BenchClock for FixedClock {
    fn now_for_bench(&self) -> i64 {
        use laju_engine::Clock;
        self.now().timestamp()
    }
}
