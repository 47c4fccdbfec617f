//! The whole workspace in one file, and back. A backup copies every sled tree as stored (so it
//! needs no change when the schema gains a tree) under a checksum; a restore checks the whole
//! file before it builds anything, builds the new store beside the current one, and only then
//! swaps the folders, keeping the old one.

mod daily;
mod format;
mod pending;
mod restore;

pub use daily::list_backups;
pub use pending::{finish_pending_restore, stage_restore, RestoreOutcome};
pub use restore::{restore, Restored};

use crate::store::trees;
use crate::{EngineError, Workspace, SCHEMA_VERSION};
use chrono::{DateTime, Utc};
use format::{Entry, Header, Verified};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A backup file and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupInfo {
    pub path: String,
    pub bytes: u64,
    pub leads: u64,
    pub created_at: DateTime<Utc>,
}

/// The window's restore request: the backup file to put in place of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestoreBackup {
    pub path: String,
}

impl BackupInfo {
    fn of(path: &Path, bytes: u64, header: &Header) -> BackupInfo {
        BackupInfo {
            path: path.display().to_string(),
            bytes,
            leads: header.leads,
            created_at: header.created_at,
        }
    }
}

/// Reads the whole file and checks it as a restore would (magic, checksum, schema, every
/// entry), touching no workspace.
pub fn verify(path: &Path) -> Result<BackupInfo, EngineError> {
    let backup = checked(path)?;
    Ok(BackupInfo::of(path, backup.bytes, &backup.header))
}

/// The file read, its checksum and schema checked, and every entry decoded once, with the
/// leads counted against the header.
fn checked(path: &Path) -> Result<Verified, EngineError> {
    let backup = Verified::read(path)?;
    let found = backup.header.schema_version;
    if found > SCHEMA_VERSION {
        return Err(EngineError::Invalid(format!(
            "{} was made by a newer Laju (schema {found}; this Laju reads up to \
             {SCHEMA_VERSION}). Update Laju to restore it.",
            path.display()
        )));
    }
    let mut entries = backup.entries();
    let mut in_leads = false;
    let mut leads = 0u64;
    while let Some(entry) = entries.next_entry()? {
        match entry {
            Entry::Tree(name) => in_leads = name == trees::LEAD_BY_ID.as_bytes(),
            Entry::Record(..) => leads += u64::from(in_leads),
        }
    }
    if leads != backup.header.leads {
        return Err(EngineError::Corrupt {
            what: "backup".into(),
            reason: format!(
                "it holds {leads} leads where its header says {}",
                backup.header.leads
            ),
        });
    }
    Ok(backup)
}

impl Workspace {
    /// Writes the whole workspace to `path`: to a temporary file beside it first, synced, then
    /// renamed, so `path` is never a half-written backup.
    pub fn backup_to(&self, path: &Path) -> Result<BackupInfo, EngineError> {
        self.backup_at(path, self.now())
    }

    fn backup_at(&self, path: &Path, created_at: DateTime<Utc>) -> Result<BackupInfo, EngineError> {
        let _guard = self.write_lock();
        write_backup(self.db(), SCHEMA_VERSION, path, created_at)
    }
}

/// Writes the whole store, at schema `schema_version`, to `path`; the caller keeps writers out.
pub(crate) fn write_backup(
    db: &sled::Db,
    schema_version: u32,
    path: &Path,
    created_at: DateTime<Utc>,
) -> Result<BackupInfo, EngineError> {
    let io = |e: std::io::Error| format::io_error(path, &e);
    path.file_name()
        .ok_or_else(|| EngineError::Invalid(format!("{} is not a file name.", path.display())))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let header = Header {
        schema_version,
        created_at,
        leads: db.open_tree(trees::LEAD_BY_ID)?.len() as u64,
    };
    crate::files::write_whole(path, |out| format::write(db, &header, out)).map_err(io)?;
    let bytes = std::fs::metadata(path).map_err(io)?.len();
    Ok(BackupInfo::of(path, bytes, &header))
}

/// Where a workspace keeps its daily backups.
pub fn backups_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}
