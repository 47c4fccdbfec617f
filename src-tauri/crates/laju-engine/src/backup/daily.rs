//! The automatic daily backup: one file a day in the workspace's `backups` folder, the newest
//! seven kept.

use super::{backups_dir, format, BackupInfo};
use crate::{EngineError, Workspace};
use chrono::{DateTime, NaiveDate, Utc};
use std::path::{Path, PathBuf};

const KEEP: usize = 7;
const PREFIX: &str = "laju-";
const EXTENSION: &str = ".lajubak";

impl Workspace {
    /// Writes today's backup (`backups/laju-YYYY-MM-DD.lajubak`, the UTC day of `now`) unless it
    /// exists, then removes all but the newest seven. Answers the new file, if one was written.
    pub fn auto_backup(&self, now: DateTime<Utc>) -> Result<Option<PathBuf>, EngineError> {
        let dir = backups_dir(self.dir());
        let path = dir.join(format!("{PREFIX}{}{EXTENSION}", now.format("%Y-%m-%d")));
        if path.exists() {
            return Ok(None);
        }
        self.backup_at(&path, now)?;
        for (_, old) in daily_files(&dir)?.into_iter().skip(KEEP) {
            std::fs::remove_file(&old).map_err(|e| format::io_error(&old, &e))?;
        }
        Ok(Some(path))
    }

    pub fn list_backups(&self) -> Result<Vec<BackupInfo>, EngineError> {
        list_backups(self.dir())
    }
}

/// The daily backups of the workspace in `data_dir`, newest first. Works without opening the
/// workspace, so the window can offer a restore when the store itself cannot be read. A file
/// whose header cannot be read is left out: a restore of it would be refused anyway.
pub fn list_backups(data_dir: &Path) -> Result<Vec<BackupInfo>, EngineError> {
    let mut out = Vec::new();
    for (_, path) in daily_files(&backups_dir(data_dir))? {
        let Ok(header) = format::read_header(&path) else {
            continue;
        };
        let bytes = std::fs::metadata(&path)
            .map_err(|e| format::io_error(&path, &e))?
            .len();
        out.push(BackupInfo::of(&path, bytes, &header));
    }
    Ok(out)
}

/// `laju-YYYY-MM-DD.lajubak` files in `dir` by their day, newest first; other files are not
/// ours to list or delete.
fn daily_files(dir: &Path) -> Result<Vec<(NaiveDate, PathBuf)>, EngineError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format::io_error(dir, &e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format::io_error(dir, &e))?.path();
        let day = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix(PREFIX)?.strip_suffix(EXTENSION))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        if let Some(day) = day {
            files.push((day, path));
        }
    }
    files.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    Ok(files)
}
