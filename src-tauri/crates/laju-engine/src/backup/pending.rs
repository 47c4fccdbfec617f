//! A restore staged for the next start. The app cannot swap the folder under its own open store,
//! so it leaves a note beside the folder and restarts; the next start performs the restore
//! before it opens the workspace, and keeps the outcome for a window that did not exist yet.

use super::format::io_error;
use super::{restore, BackupInfo};
use crate::{ApiError, Clock, EngineError};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;
use ts_rs::TS;

/// How the restore staged before a restart ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum RestoreOutcome {
    /// The workspace now holds the backup; the folder it replaced, if there was one, is kept at
    /// `previous`.
    Restored {
        backup: BackupInfo,
        previous: Option<String>,
    },
    /// Nothing changed: the workspace folder is as it was before the restart.
    Failed { path: String, error: ApiError },
}

/// `<folder>.restore-pending`, holding the backup's path.
fn note(data_dir: &Path) -> PathBuf {
    let mut name = data_dir.as_os_str().to_os_string();
    name.push(".restore-pending");
    PathBuf::from(name)
}

/// Leaves the note that makes the next start restore `file` into `data_dir`, flushed so a
/// restart right after it still finds it.
pub fn stage_restore(data_dir: &Path, file: &Path) -> Result<(), EngineError> {
    let note = note(data_dir);
    let text = file
        .to_str()
        .ok_or_else(|| EngineError::Invalid(format!("{} is not a usable path.", file.display())))?;
    std::fs::write(&note, text).map_err(|e| io_error(&note, &e))?;
    std::fs::File::open(&note)
        .and_then(|f| f.sync_all())
        .map_err(|e| io_error(&note, &e))
}

/// Performs the restore staged for this start, if there is one; to be called before the
/// workspace opens. A failure leaves the folder as it was.
pub fn finish_pending_restore(data_dir: &Path, clock: &dyn Clock) -> Option<RestoreOutcome> {
    let note = note(data_dir);
    let staged = std::fs::read_to_string(&note).ok()?;
    let file = PathBuf::from(staged.trim());
    let failed = |error: EngineError| RestoreOutcome::Failed {
        path: file.display().to_string(),
        error: error.into(),
    };
    // Removed first, so a restore that fails is not retried at every start.
    if let Err(error) = std::fs::remove_file(&note) {
        return Some(failed(io_error(&note, &error)));
    }
    let now = clock.now();
    // The process that asked for the restart may take a moment to exit and free the folder.
    let mut attempts = 20;
    loop {
        attempts -= 1;
        match restore(&file, data_dir, now) {
            Ok(done) => {
                return Some(RestoreOutcome::Restored {
                    backup: done.backup,
                    previous: done.previous.map(|p| p.display().to_string()),
                })
            }
            Err(EngineError::Locked { .. }) if attempts > 0 => {
                std::thread::sleep(Duration::from_millis(250));
            }
            Err(error) => return Some(failed(error)),
        }
    }
}
