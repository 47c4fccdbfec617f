//! Opening the sled store: one `Db` per process, a clear error when another process holds it,
//! and the schema brought up to date before anyone reads.

mod migrate;
pub(crate) mod record;

pub use migrate::SCHEMA_VERSION;
pub(crate) use migrate::{read_version, ADOPT_MQLS_KEY, CREATED_AT_KEY};
pub(crate) use record::LeadRecord;

use crate::{Clock, EngineError};
use std::path::Path;

/// Tree names follow `key_value` (what the key is, what the value is).
pub(crate) mod trees {
    /// `schema_version` → u32 BE, `created_at` → RFC 3339 text, migration notes → empty.
    pub const META: &str = "meta";
    /// setting name → JSON (preferences, the routing memory).
    pub const SETTING_BY_NAME: &str = "setting_by_name";
    /// lead id (u64 BE) → the lead's record (`record.rs`): the only thing stored about a lead.
    pub const LEAD_BY_ID: &str = "lead_by_id";
    /// Playbook version (u32 BE) → JSON `PlaybookVersion`.
    pub const PLAYBOOK_BY_VERSION: &str = "playbook_by_version";
    /// The trees `laju doctor` counts, in display order.
    pub const COUNTED: [&str; 3] = [LEAD_BY_ID, PLAYBOOK_BY_VERSION, SETTING_BY_NAME];
}

/// Opens the store and brings it up to date; also answers whether the folder was brand new.
pub(crate) fn open(dir: &Path, clock: &dyn Clock) -> Result<(sled::Db, bool), EngineError> {
    std::fs::create_dir_all(dir).map_err(|e| EngineError::Open {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    let db = open_when_free(dir)?;
    let fresh = db.tree_names().len() <= 1 && read_version(&db)? == 0;
    migrate::run(&db, dir, clock)?;
    Ok((db, fresh))
}

/// A store just closed by this process (or a process just quitting) can hold its lock for a
/// moment while sled's flusher thread winds down, so a held lock is tried again for half a
/// second before it counts as "in use".
fn open_when_free(dir: &Path) -> Result<sled::Db, EngineError> {
    const TRIES: u32 = 10;
    let mut tries = 0;
    loop {
        match sled::Config::new().path(dir).open() {
            Ok(db) => return Ok(db),
            Err(error) => match classify_open_error(dir, error) {
                EngineError::Locked { .. } if tries < TRIES => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                other => return Err(other),
            },
        }
    }
}

/// sled reports a held lock only as an I/O error with this text (sled 0.34 `config.rs`).
fn classify_open_error(dir: &Path, error: sled::Error) -> EngineError {
    match &error {
        sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
            EngineError::Locked {
                path: dir.to_path_buf(),
            }
        }
        _ => EngineError::Open {
            path: dir.to_path_buf(),
            reason: error.to_string(),
        },
    }
}
