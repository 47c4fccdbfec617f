//! `laju backup [--out FILE]` and `laju restore FILE`: the whole workspace to one file and back.

use crate::commands::export_dir;
use clap::Args;
use laju_engine::backup;
use laju_engine::{EngineError, Workspace};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write (default: laju-<time>.lajubak in Downloads; LAJU_EXPORT_DIR
    /// overrides the folder).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A .lajubak file made by `laju backup` or the app.
    file: PathBuf,
}

pub fn backup(ws: &Workspace, args: BackupArgs) -> Result<(), EngineError> {
    let path = args.out.unwrap_or_else(|| {
        let name = format!("laju-{}.lajubak", ws.now().format("%Y%m%d-%H%M%S"));
        export_dir(ws).join(name)
    });
    let info = ws.backup_to(&path)?;
    out!(
        "backed up {} leads to {} ({} bytes)",
        info.leads,
        info.path,
        info.bytes
    );
    Ok(())
}

/// Runs with the workspace closed: it replaces the folder itself.
pub fn restore(data_dir: &Path, args: RestoreArgs) -> Result<(), EngineError> {
    let now = crate::clock::from_env().now();
    let done = backup::restore(&args.file, data_dir, now)?;
    out!(
        "restored {} leads from {} (backed up {}) into {}",
        done.backup.leads,
        done.backup.path,
        done.backup.created_at.to_rfc3339(),
        data_dir.display()
    );
    match done.previous {
        Some(previous) => out!("the replaced workspace is kept in {}", previous.display()),
        None => out!("there was no workspace there before"),
    }
    Ok(())
}
