//! How fast the handoff inbox answers with many MQLs waiting, against the sqlite3 CLI asked the
//! same question over the same rows in the same run:
//! `cargo run --release -p laju-engine --example inbox_100k -- [LEADS]`.
//! Every lead is created and made an MQL through the normal use cases (each write flushed), so
//! each carries a routed handoff and a deadline in the due-by-time index.

#[path = "support/allocator.rs"]
mod allocator;

use laju_core::lead::{LeadProfile, SourceKind};
use laju_core::lifecycle::LifecycleEvent;
use laju_core::routing::{Rep, Role};
use laju_engine::handoff::InboxQuery;
use laju_engine::leads::{MoveLead, MoveOutcome, SaveOutcome};
use laju_engine::playbook::SavePlaybook;
use laju_engine::{SystemClock, Workspace};
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

#[path = "support/sqlite.rs"]
mod sqlite;

const ROUNDS: usize = 21;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: u64 = std::env::args().nth(1).map_or(Ok(100_000), |a| a.parse())?;
    let dir = tempfile::tempdir()?;
    let ws = Workspace::open(dir.path(), Arc::new(SystemClock))?;
    let current = ws.playbook()?;
    let mut playbook = current.playbook;
    playbook.handoff.roster = (0..20)
        .map(|i| {
            Rep::new(
                &format!("Rep {i:02}"),
                [Role::Ae, Role::InsideSales, Role::Sdr, Role::SeniorAe][i % 4],
            )
        })
        .collect();
    ws.save_playbook(
        SavePlaybook {
            base_version: current.version,
            playbook,
        },
        "bench",
    )?;

    let csv_path = dir.path().join("inbox.csv");
    let mut csv = std::io::BufWriter::new(std::fs::File::create(&csv_path)?);
    let started = Instant::now();
    for n in 0..count {
        let mut p = LeadProfile::default();
        p.contact.name = format!("Lead {n}");
        p.contact.email = format!("lead{n}@company{}.example", n % 5_000);
        p.company.name = format!("Company {n}");
        p.source.kind = SourceKind::ALL[(n % 7) as usize];
        let SaveOutcome::Saved { detail } = ws.create_lead(p, "bench")? else {
            return Err("a bench lead failed validation".into());
        };
        let event = LifecycleEvent::MarkMql;
        let MoveOutcome::Moved { detail } = ws.move_lead(
            MoveLead {
                id: detail.lead.id,
                event,
            },
            "bench",
        )?
        else {
            return Err("a bench lead could not become an MQL".into());
        };
        let handoff = detail.lead.handoff.ok_or("no handoff opened")?;
        writeln!(
            csv,
            "{},Lead {n},{},{}",
            detail.lead.id,
            handoff.assignee().unwrap_or(""),
            handoff.deadline.timestamp_millis()
        )?;
    }
    csv.flush()?;
    println!(
        "created {count} MQLs (2 flushed writes each) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let team = median_ms(|| ws.inbox(&InboxQuery::default()).map(|i| i.items.len()))?;
    let mine = median_ms(|| {
        ws.inbox(&InboxQuery {
            rep: Some("Rep 07".into()),
            limit: 0,
        })
        .map(|i| i.items.len())
    })?;
    let tick = median_ms(|| ws.tick().map(|r| r.breaches.len()))?;
    println!(
        "laju   inbox (team, first 200 by deadline)  median {team:>7.2} ms over {ROUNDS} runs"
    );
    println!("laju   inbox (one rep's queue, 200)         median {mine:>7.2} ms");
    println!("laju   tick with nothing due                median {tick:>7.2} ms");

    // The same rows in sqlite3, indexed the way the question needs; its own timer, not the
    // process start-up, is what is compared.
    let db = dir.path().join("baseline.sqlite");
    let setup = format!(
        "CREATE TABLE inbox(id INTEGER PRIMARY KEY, name TEXT, assignee TEXT, deadline INTEGER);\n\
         .mode csv\n.import {} inbox\n\
         CREATE INDEX by_deadline ON inbox(deadline);\n\
         CREATE INDEX by_rep ON inbox(assignee, deadline);\n",
        csv_path.display()
    );
    sqlite::run(&db, &setup)?;
    let team_sql = "SELECT id, name, assignee, deadline FROM inbox ORDER BY deadline LIMIT 200;";
    let mine_sql = "SELECT id, name, assignee, deadline FROM inbox WHERE assignee = 'Rep 07' ORDER BY deadline LIMIT 200;";
    for (label, sql) in [
        ("team, first 200 by deadline", team_sql),
        ("one rep's queue, 200", mine_sql),
    ] {
        let per_query = sqlite::per_query_ms(&db, sql, ROUNDS)?;
        println!(
            "sqlite3 {label:<36} mean   {per_query:>7.2} ms over {ROUNDS} runs in one process"
        );
    }
    Ok(())
}

fn median_ms<T>(
    mut run: impl FnMut() -> Result<T, laju_engine::EngineError>,
) -> Result<f64, laju_engine::EngineError> {
    let mut times = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let started = Instant::now();
        std::hint::black_box(run()?);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[ROUNDS / 2])
}
