//! Kills Laju at random moments and checks that nothing acknowledged is lost:
//! `cargo run -p laju-engine --example crash -- [CYCLES]` (200 by default; the test layer runs
//! it). Each cycle starts this program again as a child that works on a workspace and prints
//! a line for every write the engine acknowledged, kills it with SIGKILL after a random few
//! milliseconds, then opens the workspace itself and checks, by turns:
//! - single edits: every lead whose creation was acknowledged is there, with its name;
//! - an import: all of its 300 rows are there or none is, and all of them once acknowledged;
//! - the schema-5 upgrade of a schema-4 folder: the next open finishes it, and the leads, list
//!   rows, inbox and funnel read exactly as before the upgrade.
//!
//! Projections are never stored, so every open here rebuilds them from the records it checks.

#[path = "../tests/support/schema4.rs"]
mod schema4;

use chrono::{TimeZone, Utc};
use laju_core::lead::LeadProfile;
use laju_engine::analytics::ReportQuery;
use laju_engine::handoff::InboxQuery;
use laju_engine::import::ImportOptions;
use laju_engine::leads::{LeadQuery, SaveOutcome};
use laju_engine::{FixedClock, Workspace};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const IMPORT_ROWS: usize = 300;
const UPGRADE_LEADS: usize = 400;

fn clock() -> Arc<FixedClock> {
    let at = Utc
        .with_ymd_and_hms(2026, 11, 2, 9, 30, 0)
        .single()
        .expect("valid");
    Arc::new(FixedClock::at(at))
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("edits") => child_edits(Path::new(&args[2]), &args[3]),
        Some("import") => child_import(Path::new(&args[2]), &args[3]),
        Some("upgrade") => child_upgrade(Path::new(&args[2])),
        _ => parent(args.get(1).map_or(Ok(200), |n| n.parse())?),
    }
}

fn child_edits(dir: &Path, cycle: &str) -> Result<()> {
    let ws = Workspace::open(dir, clock())?;
    for n in 0.. {
        let mut p = LeadProfile::default();
        p.contact.name = format!("Edit {cycle}-{n}");
        p.contact.email = format!("edit{cycle}x{n}@crash.example");
        if let SaveOutcome::Saved { detail } = ws.create_lead(p, "crash")? {
            println!("{} {}", detail.lead.id, detail.lead.profile.contact.name);
        }
    }
    Ok(())
}

fn import_file(cycle: &str) -> String {
    let mut csv = String::from("Name,Email,Company,Stage\n");
    for n in 0..IMPORT_ROWS {
        let stage = ["known", "mql", "sal"][n % 3];
        csv.push_str(&format!(
            "Import {cycle}-{n},imp{cycle}x{n}@crash.example,Firm {n},{stage}\n"
        ));
    }
    csv
}

fn child_import(dir: &Path, cycle: &str) -> Result<()> {
    let ws = Workspace::open(dir, clock())?;
    let preview = laju_engine::import::preview(import_file(cycle).as_bytes())?;
    let options = ImportOptions {
        mapping: preview.mapping,
        ..ImportOptions::default()
    };
    let report = ws.import_csv(
        import_file(cycle).as_bytes(),
        &options,
        "crash",
        &mut |_| true,
    )?;
    println!("imported {}", report.imported);
    Ok(())
}

fn child_upgrade(dir: &Path) -> Result<()> {
    Workspace::open(dir, clock())?;
    println!("upgraded");
    Ok(())
}

/// Runs the child until it has written something (or a random moment passes), then kills it.
fn run_and_kill(args: &[&str], wait_ms: u64) -> Result<Vec<String>> {
    let mut child = Command::new(std::env::current_exe()?)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    std::thread::sleep(Duration::from_millis(wait_ms));
    child.kill()?;
    child.wait()?;
    let out = child.stdout.take().ok_or("no stdout")?;
    Ok(BufReader::new(out)
        .lines()
        .map_while(std::result::Result::ok)
        .collect())
}

/// How many leads match `search` (the list's total, not one page of it).
fn leads_named(ws: &Workspace, search: &str) -> Result<usize> {
    let page = ws.list_leads(&LeadQuery {
        search: search.into(),
        ..LeadQuery::default()
    })?;
    Ok(page.total as usize)
}

/// The list, inbox and funnel as JSON: what a user would see of a workspace.
fn seen(ws: &Workspace) -> Result<String> {
    let list = ws.list_leads(&LeadQuery {
        limit: 1_000,
        ..LeadQuery::default()
    })?;
    let inbox = ws.inbox(&InboxQuery::default())?;
    let funnel = ws.funnel_report(&ReportQuery::default())?;
    Ok(serde_json::to_string(&(list, inbox, funnel))?)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// A schema-4 folder of `UPGRADE_LEADS` sample leads, and what it showed before the upgrade.
fn schema4_folder(root: &Path) -> Result<(PathBuf, String)> {
    let dir = root.join("schema4");
    let ws = Workspace::open(&dir, clock())?;
    ws.load_sample(UPGRADE_LEADS)?;
    let before = seen(&ws)?;
    let leads = schema4::capture(&ws);
    drop(ws);
    schema4::write(&dir, &leads, 4);
    Ok((dir, before))
}

fn parent(cycles: usize) -> Result<()> {
    let root = tempfile::tempdir()?;
    let work = root.path().join("work");
    Workspace::open(&work, clock())?;
    let (pristine, before_upgrade) = schema4_folder(root.path())?;
    let mut seed: u64 = 0x5eed;
    let mut random = |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let (mut acked_edits, mut imports_whole, mut imports_none, mut upgrades_cut) = (0, 0, 0, 0);
    for cycle in 0..cycles {
        let tag = cycle.to_string();
        let wait = 20 + random(400);
        match cycle % 3 {
            0 => {
                let acks = run_and_kill(&["edits", &work.to_string_lossy(), &tag], wait)?;
                let ws = Workspace::open(&work, clock())?;
                for ack in &acks {
                    let (id, name) = ack.split_once(' ').ok_or("a bad ack line")?;
                    let id: u64 = id.parse()?;
                    let stored = ws.lead_detail(id).ok().map(|d| d.lead.profile.contact.name);
                    if stored.as_deref() != Some(name) {
                        return Err(format!(
                            "cycle {cycle}: acknowledged lead {id} ({name}) is lost"
                        )
                        .into());
                    }
                }
                acked_edits += acks.len();
            }
            1 => {
                let acks = run_and_kill(&["import", &work.to_string_lossy(), &tag], wait)?;
                let ws = Workspace::open(&work, clock())?;
                let stored = leads_named(&ws, &format!("Import {tag}-"))?;
                match (stored, acks.is_empty()) {
                    (0, true) => imports_none += 1,
                    (IMPORT_ROWS, _) => imports_whole += 1,
                    _ => {
                        return Err(format!(
                            "cycle {cycle}: the import left {stored} of {IMPORT_ROWS} rows (acknowledged: {})",
                            !acks.is_empty()
                        )
                        .into())
                    }
                }
            }
            _ => {
                let dir = root.path().join(format!("upgrade-{cycle}"));
                copy_dir(&pristine, &dir)?;
                let acks = run_and_kill(&["upgrade", &dir.to_string_lossy()], wait / 4)?;
                upgrades_cut += usize::from(acks.is_empty());
                let ws = Workspace::open(&dir, clock())?;
                if ws.status()?.schema_version != laju_engine::SCHEMA_VERSION
                    || seen(&ws)? != before_upgrade
                {
                    return Err(
                        format!("cycle {cycle}: the upgrade did not finish as it began").into(),
                    );
                }
                drop(ws);
                std::fs::remove_dir_all(&dir)?;
            }
        }
    }
    println!(
        "crash: {cycles} kills; {acked_edits} acknowledged edits all kept; imports {imports_whole} whole, \
         {imports_none} not begun, none partial; {upgrades_cut} upgrades cut short and finished at the next open"
    );
    Ok(())
}
