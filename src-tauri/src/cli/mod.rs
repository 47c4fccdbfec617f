//! The headless face of the binary. Every subcommand opens the workspace itself, so a running
//! app holding the folder yields the engine's "in use" message rather than a panic.

/// `println!` that ends the process quietly when the reader has gone (`laju … | head`), where
/// `println!` would panic on the closed pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

mod backup;
mod doctor;
mod document;
mod export;
mod import;
mod inbox;
mod lead;
mod report;
mod report_value;
mod review;
mod score;
mod whatif;

use crate::{data_dir, gui};
use clap::{Args, Parser, Subcommand};
use laju_engine::{EngineError, Workspace};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "laju",
    version,
    about = "Laju: the lead lifecycle of a small business, offline.",
    long_about = "Laju: the lead lifecycle of a small business, offline.\n\n\
                  Run without a subcommand to open the desktop app."
)]
struct Cli {
    /// The workspace folder (default: the OS app-data folder for Laju).
    #[arg(long, env = "LAJU_DATA_DIR", global = true, value_name = "FOLDER")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show the data folder, its schema version and how many records it holds.
    Doctor {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Add, show, list and move leads.
    #[command(subcommand)]
    Lead(lead::LeadCommand),
    /// A lead's priority and engagement scores.
    Score(score::ScoreArgs),
    /// MQLs waiting for sales, earliest deadline first, and due follow-up touches.
    Inbox(inbox::InboxArgs),
    /// Accept a handoff: the lead becomes a SAL owned by the rep it was routed to.
    Accept(inbox::AcceptArgs),
    /// Reject a handoff with a reason code: the lead goes back to marketing (Recycled).
    Reject(inbox::RejectArgs),
    /// Process due SLAs now: reassign overdue handoffs, apply the recycling rule.
    Tick {
        #[arg(long)]
        json: bool,
    },
    /// Funnel analytics: funnel, velocity, stall, black-holes or sla, with filters.
    Report(report::ReportArgs),
    /// The quarterly review: the agreement in force against what a quarter's leads did, each
    /// line kept, missed or no data.
    Review(review::ReviewArgs),
    /// Import leads from a CSV file (HubSpot, Salesforce, or any file with a mapping).
    Import(import::ImportArgs),
    /// Fill an empty workspace with a year of generated sample leads, a team and their SLAs.
    #[command(alias = "sample")]
    Demo {
        /// How many leads to generate.
        #[arg(long, default_value_t = Workspace::SAMPLE_LEADS)]
        leads: usize,
    },
    /// Write leads, their stage history or a report as CSV (standard output, or --out FILE).
    Export(export::ExportArgs),
    /// Save the whole workspace to one file, to restore later or elsewhere.
    Backup(backup::BackupArgs),
    /// Replace the workspace with a backup file, after checking the whole file; the replaced
    /// folder is kept beside it.
    Restore(backup::RestoreArgs),
    /// Show the Playbook in force (every rule and number the engine decides with), or work
    /// with it: the agreement as a document, a draft's effect on the recorded history.
    Playbook(PlaybookArgs),
}

#[derive(Debug, Args)]
struct PlaybookArgs {
    /// Print the whole Playbook as JSON.
    #[arg(long)]
    json: bool,
    #[command(subcommand)]
    command: Option<PlaybookCommand>,
}

/// What `laju playbook` can do besides showing the version in force.
#[derive(Debug, Subcommand)]
enum PlaybookCommand {
    /// The agreement as a document: plain text, or a PDF or HTML file with --out.
    Document(document::DocumentArgs),
    /// Replay a draft Playbook over the recorded history, beside the Playbook in force;
    /// nothing is written.
    WhatIf(whatif::WhatIfArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let dir = data_dir::resolve(cli.data_dir);
    match cli.command {
        None => gui::run(dir),
        Some(command) => match run(command, dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("laju: {error}");
                ExitCode::FAILURE
            }
        },
    }
}

fn run(command: Command, dir: PathBuf) -> Result<(), EngineError> {
    // A restore replaces the folder itself: nothing may hold it open, and a store too damaged
    // to open is just when one is needed.
    if let Command::Restore(args) = command {
        return backup::restore(&dir, args);
    }
    let workspace = Workspace::open(&dir, crate::clock::from_env())?;
    match command {
        Command::Doctor { json } => doctor::run(&workspace, json),
        Command::Lead(command) => lead::run(&workspace, command),
        Command::Score(args) => score::run(&workspace, args),
        Command::Inbox(args) => inbox::inbox(&workspace, args),
        Command::Accept(args) => inbox::accept(&workspace, args),
        Command::Reject(args) => inbox::reject(&workspace, args),
        Command::Tick { json } => inbox::tick(&workspace, json),
        Command::Report(args) => report::run(&workspace, args),
        Command::Review(args) => review::run(&workspace, args),
        Command::Export(args) => export::run(&workspace, args),
        Command::Backup(args) => backup::backup(&workspace, args),
        Command::Restore(_) => unreachable!("a restore runs before the workspace opens"),
        Command::Import(args) => import::run(&workspace, args),
        Command::Playbook(PlaybookArgs {
            command: Some(PlaybookCommand::WhatIf(args)),
            ..
        }) => whatif::run(&workspace, args),
        Command::Playbook(PlaybookArgs {
            command: Some(PlaybookCommand::Document(args)),
            ..
        }) => document::run(&workspace, args),
        Command::Playbook(PlaybookArgs {
            json,
            command: None,
        }) => {
            let current = workspace.playbook()?;
            if json {
                return print_json(&current);
            }
            let p = &current.playbook;
            out!(
                "Playbook version {} (saved {} by {})",
                current.version,
                current.saved_at.to_rfc3339(),
                current.actor
            );
            let w = p.composite;
            out!(
                "score = source x {}% + qualification x {}% + fit x {}%",
                w.source,
                w.qualification,
                w.fit
            );
            out!(
                "MQL threshold {} (activity half-life {} days)",
                p.engagement.mql_threshold,
                p.engagement.decay_half_life_days
            );
            for rule in &p.triggers {
                out!(
                    "  [{}] {}",
                    if rule.enabled { "on" } else { "off" },
                    rule.label
                );
            }
            Ok(())
        }
        Command::Demo { leads } => {
            let added = workspace.load_sample(leads)?;
            out!("added {added} sample leads");
            Ok(())
        }
    }
}

fn print_json(value: &impl serde::Serialize) -> Result<(), EngineError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| EngineError::Corrupt {
        what: "output".into(),
        reason: e.to_string(),
    })?;
    out!("{text}");
    Ok(())
}

/// A count with its English noun: "1 visit", "3 visits".
fn counted(n: u64, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ => format!("{n} {noun}s"),
    }
}
