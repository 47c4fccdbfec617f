//! Backups from the window: one now, the daily ones, and a restore. A restore cannot swap the
//! folder under the open store, so it is staged in a note beside the folder and the app restarts;
//! the next start performs it before it opens the workspace.

use super::{export_dir, AppState};
use laju_engine::backup::{self, BackupInfo, RestoreBackup};
use laju_engine::{ApiError, EngineError, Workspace};
use std::path::{Path, PathBuf};
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
    stage(&folder.0, &file)?;
    // After a pause, so this answer reaches the window before the process ends.
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        app.request_restart();
    });
    Ok(info)
}

/// `<folder>.restore-pending`, holding the backup's path.
fn note(data_dir: &Path) -> PathBuf {
    let mut name = data_dir.as_os_str().to_os_string();
    name.push(".restore-pending");
    PathBuf::from(name)
}

fn stage(data_dir: &Path, file: &Path) -> Result<(), EngineError> {
    let note = note(data_dir);
    let io = |e: std::io::Error| EngineError::Invalid(format!("{}: {e}", note.display()));
    let text = file
        .to_str()
        .ok_or_else(|| EngineError::Invalid(format!("{} is not a usable path.", file.display())))?;
    std::fs::write(&note, text).map_err(io)?;
    std::fs::File::open(&note)
        .and_then(|f| f.sync_all())
        .map_err(io)
}

/// Performs a restore staged before the restart, if there is one; called before the workspace
/// opens. A failure leaves the workspace as it was, and is reported on stderr once.
pub fn finish_pending_restore(data_dir: &Path) {
    let note = note(data_dir);
    let Ok(staged) = std::fs::read_to_string(&note) else {
        return;
    };
    // Removed first, so a restore that fails is not retried at every start.
    if let Err(error) = std::fs::remove_file(&note) {
        eprintln!("laju: {}: {error}", note.display());
        return;
    }
    let file = PathBuf::from(staged.trim());
    let now = crate::clock::from_env().now();
    // The process that asked for the restart may take a moment to exit and free the folder.
    let mut attempts = 20;
    loop {
        attempts -= 1;
        match backup::restore(&file, data_dir, now) {
            Ok(done) => {
                let previous = done.previous.map_or(String::new(), |p| {
                    format!("; the replaced workspace is kept in {}", p.display())
                });
                eprintln!("laju: restored {}{previous}", file.display());
                return;
            }
            Err(EngineError::Locked { .. }) if attempts > 0 => {
                std::thread::sleep(Duration::from_millis(250));
            }
            Err(error) => {
                eprintln!(
                    "laju: the backup {} was not restored: {error}",
                    file.display()
                );
                return;
            }
        }
    }
}

/// Today's automatic backup, in the background so the window does not wait for it.
pub fn spawn_daily_backup(workspace: Workspace) {
    std::thread::spawn(move || {
        if let Err(error) = workspace.auto_backup(workspace.now()) {
            eprintln!("laju: the daily backup failed: {error}");
        }
    });
}
