//! The headless face of the binary. Every subcommand opens the workspace itself, so a running
//! app holding the folder yields the engine's "in use" message rather than a panic.

use crate::{data_dir, gui};
use clap::{Parser, Subcommand};
use laju_engine::{EngineError, SystemClock, Workspace, WorkspaceStatus};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

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
    let workspace = Workspace::open(&dir, Arc::new(SystemClock))?;
    match command {
        Command::Doctor { json } => {
            let status = workspace.status()?;
            if json {
                println!("{}", to_json(&status));
            } else {
                print_status(&status);
            }
        }
    }
    Ok(())
}

fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

fn print_status(status: &WorkspaceStatus) {
    println!("data folder:     {}", status.data_dir);
    println!("schema version:  {}", status.schema_version);
    if let Some(created) = status.created_at {
        println!("created:         {}", created.to_rfc3339());
    }
    println!("records:");
    for count in &status.counts {
        println!("  {:<20} {}", count.tree, count.records);
    }
}
