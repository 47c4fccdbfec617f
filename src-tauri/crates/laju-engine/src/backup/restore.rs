//! Putting a backup in place of a workspace folder. Order matters: check the whole file, build
//! the new store in a sibling folder and close it, and only then rename the current folder
//! aside and the new one into its place. Any failure before the renames leaves the current
//! folder as it was.

use super::format::{Entry, Verified};
use super::{checked, BackupInfo};
use crate::files::sync_dir;
use crate::store::trees;
use crate::EngineError;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// Records per sled batch: large enough to be fast, small enough to bound memory.
const BATCH: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub backup: BackupInfo,
    /// Where the folder that was replaced now is (`<folder>.before-restore-<time>`), if there
    /// was one.
    pub previous: Option<PathBuf>,
}

/// Replaces the workspace folder `data_dir` with the backup in `file`. The workspace must not
/// be open anywhere, this process included: a held folder is refused before anything changes.
pub fn restore(file: &Path, data_dir: &Path, now: DateTime<Utc>) -> Result<Restored, EngineError> {
    let backup = checked(file)?;
    let data_dir =
        std::path::absolute(data_dir).map_err(|e| super::format::io_error(data_dir, &e))?;
    let stamp = now.format("%Y%m%d-%H%M%S");
    // Held open until the swap, so no Laju can start on the folder while the new one is built.
    let held = hold(&data_dir)?;
    let staging = sibling(&data_dir, &format!("restoring-{stamp}"))?;
    if let Err(error) = build(&backup, &staging) {
        // Best effort: the build's error is the one to report.
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    drop(held);
    let previous = swap(
        &data_dir,
        &staging,
        &sibling(&data_dir, &format!("before-restore-{stamp}"))?,
    )?;
    Ok(Restored {
        backup: super::BackupInfo::of(file, backup.bytes, &backup.header),
        previous,
    })
}

/// Opens the current store, if there is one, to learn whether a running Laju holds it. Any
/// other failure to open is no reason to refuse: a damaged store is when a restore is needed.
fn hold(data_dir: &Path) -> Result<Option<sled::Db>, EngineError> {
    if !data_dir.join("db").exists() {
        return Ok(None);
    }
    match sled::Config::new().path(data_dir).open() {
        Ok(db) => Ok(Some(db)),
        // sled reports a held lock only as an I/O error with this text (sled 0.34 `config.rs`).
        Err(sled::Error::Io(e)) if e.to_string().contains("could not acquire lock") => {
            Err(EngineError::Locked {
                path: data_dir.to_path_buf(),
            })
        }
        Err(_) => Ok(None),
    }
}

/// Writes every tree of the backup into a new store at `dir`.
fn build(backup: &Verified, dir: &Path) -> Result<(), EngineError> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| super::format::io_error(dir, &e))?;
    }
    let db = sled::Config::new().path(dir).open()?;
    let mut entries = backup.entries();
    let mut tree: Option<sled::Tree> = None;
    let mut batch = sled::Batch::default();
    let mut pending = 0;
    while let Some(entry) = entries.next_entry()? {
        match entry {
            Entry::Tree(name) => {
                flush_batch(tree.as_ref(), &mut batch, &mut pending)?;
                tree = Some(db.open_tree(name)?);
            }
            Entry::Record(key, value) => {
                batch.insert(key, value);
                pending += 1;
                if pending >= BATCH {
                    flush_batch(tree.as_ref(), &mut batch, &mut pending)?;
                }
            }
        }
    }
    flush_batch(tree.as_ref(), &mut batch, &mut pending)?;
    let leads = db.open_tree(trees::LEAD_BY_ID)?.len() as u64;
    if leads != backup.header.leads {
        return Err(EngineError::Corrupt {
            what: "restored workspace".into(),
            reason: format!("{leads} leads written of {}", backup.header.leads),
        });
    }
    db.flush()?;
    Ok(())
}

fn flush_batch(
    tree: Option<&sled::Tree>,
    batch: &mut sled::Batch,
    pending: &mut usize,
) -> Result<(), EngineError> {
    if *pending == 0 {
        return Ok(());
    }
    let tree = tree.ok_or_else(|| EngineError::Corrupt {
        what: "backup".into(),
        reason: "a record before any tree".into(),
    })?;
    tree.apply_batch(std::mem::take(batch))?;
    *pending = 0;
    Ok(())
}

/// Moves `data_dir` aside to `aside` and `staging` into its place; the daily backups move along
/// into the restored folder. Answers where the old folder went.
fn swap(data_dir: &Path, staging: &Path, aside: &Path) -> Result<Option<PathBuf>, EngineError> {
    let io = |path: &Path, e: std::io::Error| super::format::io_error(path, &e);
    let previous = if data_dir.exists() {
        if let Err(e) = std::fs::rename(data_dir, aside) {
            let _ = std::fs::remove_dir_all(staging);
            return Err(io(data_dir, e));
        }
        Some(aside.to_path_buf())
    } else {
        None
    };
    if let Err(e) = std::fs::rename(staging, data_dir) {
        // Put the old folder back, so Laju still opens what it had.
        let back = previous
            .as_ref()
            .map_or(Ok(()), |old| std::fs::rename(old, data_dir));
        if back.is_err() {
            return Err(EngineError::Invalid(format!(
                "The restore stopped half-way ({e}). Your workspace is in {} and the restored \
                 one in {}: rename one of them to {}.",
                aside.display(),
                staging.display(),
                data_dir.display()
            )));
        }
        let _ = std::fs::remove_dir_all(staging);
        return Err(io(staging, e));
    }
    // The swap is done: what follows only tidies up, and a failure there must not report the
    // restore as failed. Daily backups left behind stay reachable in the old folder.
    if let Some(old) = &previous {
        let backups = super::backups_dir(old);
        if backups.exists() {
            let _ = std::fs::rename(&backups, super::backups_dir(data_dir));
        }
    }
    if let Some(parent) = data_dir.parent() {
        let _ = sync_dir(parent);
    }
    Ok(previous)
}

/// `<folder>.<suffix>` beside the folder.
fn sibling(data_dir: &Path, suffix: &str) -> Result<PathBuf, EngineError> {
    let name = data_dir.file_name().ok_or_else(|| {
        EngineError::Invalid(format!(
            "{} is not a folder to restore into.",
            data_dir.display()
        ))
    })?;
    let mut name = name.to_os_string();
    name.push(format!(".{suffix}"));
    Ok(data_dir.with_file_name(name))
}
