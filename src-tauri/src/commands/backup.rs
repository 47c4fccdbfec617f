//! Backups from the window: one now, the daily ones, and a restore. A restore cannot swap the
//! folder under the open store, so it is staged in a note beside the folder and the app restarts;
//! the next start performs it before it opens the workspace.

use super::{export_dir, AppState};
use laju_engine::backup::{self, BackupInfo, RestoreBackup, RestoreOutcome};
use laju_engine::{ApiError, Clock, EngineError, Workspace};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, State};

/// The workspace folder, known even when its store could not be opened: listing and restoring
/// backups is how a user recovers from that.
pub struct DataFolder(pub PathBuf);

/// Backs the whole workspace up to `laju-<time>.lajubak` in the export folder.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo, ApiError> {
    let workspace = state.workspace()?;
    let name = format!("laju-{}.lajubak", workspace.now().format("%Y%m%d-%H%M%S"));
    Ok(workspace.backup_to(&export_dir(workspace).join(name))?)
}

/// The automatic daily backups, newest first.
#[tauri::command]
pub async fn list_backups(folder: State<'_, DataFolder>) -> Result<Vec<BackupInfo>, ApiError> {
    Ok(backup::list_backups(&folder.0)?)
}

/// Checks the whole file, stages it, answers what it holds, then restarts the app, which
/// restores it before opening the workspace.
#[tauri::command]
pub async fn restore_backup(
    app: AppHandle,
    folder: State<'_, DataFolder>,
    input: RestoreBackup,
) -> Result<BackupInfo, ApiError> {
    let file = std::path::absolute(input.path.trim())
        .map_err(|e| EngineError::Invalid(format!("{}: {e}", input.path)))?;
    let info = backup::verify(&file)?;
    backup::stage_restore(&folder.0, &file)?;
    // After a pause, so this answer reaches the window before the process ends.
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        app.request_restart();
    });
    Ok(info)
}

/// Performs a restore staged before the restart, if there is one; called before the workspace
/// opens. The outcome also goes to stderr, for whoever started the app from a terminal.
pub fn finish_pending_restore(data_dir: &Path, clock: &dyn Clock) -> Option<RestoreOutcome> {
    let outcome = backup::finish_pending_restore(data_dir, clock);
    match &outcome {
        Some(RestoreOutcome::Restored { backup, previous }) => {
            let previous = previous.as_ref().map_or(String::new(), |p| {
                format!("; the replaced workspace is kept in {p}")
            });
            eprintln!("laju: restored {}{previous}", backup.path);
        }
        Some(RestoreOutcome::Failed { path, error }) => {
            eprintln!(
                "laju: the backup {path} was not restored: {}",
                error.message
            );
        }
        None => {}
    }
    outcome
}

/// How the restore performed at this start ended, kept until the window asks: it happened
/// before there was a window to tell.
pub struct RestoreReport(Mutex<Option<RestoreOutcome>>);

impl RestoreReport {
    pub fn new(outcome: Option<RestoreOutcome>) -> Self {
        Self(Mutex::new(outcome))
    }
}

/// The outcome of the restore performed at this start, if any. Handed over once, so a notice
/// the user has seen does not come back when the window reloads.
#[tauri::command]
pub async fn take_restore_outcome(
    report: State<'_, RestoreReport>,
) -> Result<Option<RestoreOutcome>, ApiError> {
    let mut kept = report
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    Ok(kept.take())
}

/// Today's automatic backup, in the background so the window does not wait for it.
pub fn spawn_daily_backup(workspace: Workspace) {
    std::thread::spawn(move || {
        if let Err(error) = workspace.auto_backup(workspace.now()) {
            eprintln!("laju: the daily backup failed: {error}");
        }
    });
}
