//! A workspace is one data folder: the sled store plus the clock the engine reads.

use crate::derived::Derived;
use crate::store::{self, trees};
use crate::{Clock, EngineError};
use chrono::{DateTime, Utc};
use laju_core::Preferences;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use ts_rs::TS;

const PREFERENCES_KEY: &str = "preferences";

/// Cheap to clone: sled's `Db` is a handle, and a second `open` of the same folder would fail.
#[derive(Clone)]
pub struct Workspace {
    db: sled::Db,
    dir: PathBuf,
    clock: Arc<dyn Clock>,
    /// Serialises read-modify-write use cases; sled transactions alone would not stop two
    /// edits of one lead from both reading the old version.
    writer: Arc<Mutex<()>>,
    /// Every index, list row, queue and funnel cell: rebuilt from the records at open, kept in
    /// step by `commit`.
    derived: Arc<RwLock<Derived>>,
    /// The Playbook version in force, once read (see `playbook.rs`).
    playbook: Arc<Mutex<Option<crate::playbook::PlaybookVersion>>>,
    fresh: bool,
}

/// What `laju doctor` and the app's About panel show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkspaceStatus {
    pub data_dir: String,
    pub schema_version: u32,
    pub created_at: Option<DateTime<Utc>>,
    pub counts: Vec<TreeCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TreeCount {
    pub tree: String,
    pub records: u64,
}

impl Workspace {
    pub fn open(dir: &Path, clock: Arc<dyn Clock>) -> Result<Self, EngineError> {
        let (db, fresh) = store::open(dir, clock.as_ref())?;
        let derived = Derived::load(&db, dir)?;
        let workspace = Self {
            db,
            dir: dir.to_path_buf(),
            clock,
            writer: Arc::default(),
            derived: Arc::new(RwLock::new(derived)),
            playbook: Arc::default(),
            fresh,
        };
        workspace.adopt_waiting_mqls()?;
        Ok(workspace)
    }

    /// Whether this open created the folder's store (first run on it).
    pub fn is_fresh(&self) -> bool {
        self.fresh
    }

    pub(crate) fn db(&self) -> &sled::Db {
        &self.db
    }

    pub(crate) fn write_lock(&self) -> MutexGuard<'_, ()> {
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn derived(&self) -> RwLockReadGuard<'_, Derived> {
        self.derived.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Only `commit` changes the projections.
    pub(crate) fn derived_mut(&self) -> RwLockWriteGuard<'_, Derived> {
        self.derived.write().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn current_playbook(
        &self,
    ) -> MutexGuard<'_, Option<crate::playbook::PlaybookVersion>> {
        self.playbook.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn status(&self) -> Result<WorkspaceStatus, EngineError> {
        let meta = self.db.open_tree(trees::META)?;
        let created_at = match meta.get(store::CREATED_AT_KEY)? {
            None => None,
            Some(raw) => Some(parse_instant(&raw)?),
        };
        let counts = trees::COUNTED
            .iter()
            .map(|name| {
                Ok(TreeCount {
                    tree: (*name).to_string(),
                    records: self.db.open_tree(name)?.len() as u64,
                })
            })
            .collect::<Result<_, EngineError>>()?;
        Ok(WorkspaceStatus {
            data_dir: self.dir.display().to_string(),
            schema_version: store::read_version(&self.db)?,
            created_at,
            counts,
        })
    }

    pub fn preferences(&self) -> Result<Preferences, EngineError> {
        let settings = self.db.open_tree(trees::SETTING_BY_NAME)?;
        match settings.get(PREFERENCES_KEY)? {
            None => Ok(Preferences::default()),
            Some(raw) => serde_json::from_slice(&raw).map_err(|e| EngineError::Corrupt {
                what: "preferences".into(),
                reason: e.to_string(),
            }),
        }
    }

    /// Returns only once the change is flushed to disk, so "saved" is never a lie.
    pub fn save_preferences(&self, preferences: &Preferences) -> Result<(), EngineError> {
        let settings = self.db.open_tree(trees::SETTING_BY_NAME)?;
        let json = serde_json::to_vec(preferences).map_err(|e| EngineError::Corrupt {
            what: "preferences".into(),
            reason: e.to_string(),
        })?;
        settings.insert(PREFERENCES_KEY, json)?;
        self.db.flush()?;
        Ok(())
    }
}

fn parse_instant(raw: &[u8]) -> Result<DateTime<Utc>, EngineError> {
    let corrupt = |reason: String| EngineError::Corrupt {
        what: "created_at".into(),
        reason,
    };
    let text = std::str::from_utf8(raw).map_err(|e| corrupt(e.to_string()))?;
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| corrupt(e.to_string()))
}
