//! Opening the sled store: one `Db` per process, a clear error when another process holds it,
//! and the schema brought up to date before anyone reads.

mod migrate;

pub use migrate::SCHEMA_VERSION;
pub(crate) use migrate::{read_version, CREATED_AT_KEY};

use crate::{Clock, EngineError};
use std::path::Path;

/// Tree names follow `key_value` (what the key is, what the value is).
pub(crate) mod trees {
    /// `schema_version` → u32 BE, `created_at` → RFC 3339 text.
    pub const META: &str = "meta";
    /// setting name → JSON.
    pub const SETTING_BY_NAME: &str = "setting_by_name";
    /// The trees `laju doctor` counts, in display order.
    pub const COUNTED: [&str; 1] = [SETTING_BY_NAME];
}

pub(crate) fn open(dir: &Path, clock: &dyn Clock) -> Result<sled::Db, EngineError> {
    std::fs::create_dir_all(dir).map_err(|e| EngineError::Open {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    let db = sled::Config::new()
        .path(dir)
        .open()
        .map_err(|e| classify_open_error(dir, e))?;
    migrate::run(&db, dir, clock)?;
    Ok(db)
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
