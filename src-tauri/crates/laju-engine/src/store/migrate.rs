//! The schema ladder. Step `n` lifts a store from version `n` to `n + 1`; each step runs once,
//! in order, and the new version is flushed with it, so a crash mid-ladder resumes where it
//! stopped. A store newer than this build is refused rather than guessed at.

use super::trees;
use crate::{Clock, EngineError};
use std::path::Path;

type Step = fn(&sled::Db, &dyn Clock) -> Result<(), EngineError>;

const LADDER: [Step; 4] = [
    v0_stamp_creation,
    v1_default_playbook,
    v2_queue_handoffs,
    v3_queue_funnel,
];

pub const SCHEMA_VERSION: u32 = LADDER.len() as u32;

const VERSION_KEY: &str = "schema_version";
pub(crate) const CREATED_AT_KEY: &str = "created_at";
/// Present while MQLs from before schema 3 still wait for their handoff (see `v2_queue_handoffs`).
pub(crate) const ADOPT_MQLS_KEY: &str = "adopt_mqls";
/// Present until the funnel's facts and cells have been built from every lead (schema 4).
pub(crate) const REBUILD_FUNNEL_KEY: &str = "rebuild_funnel";

pub(super) fn run(db: &sled::Db, dir: &Path, clock: &dyn Clock) -> Result<(), EngineError> {
    let found = read_version(db)?;
    if found > SCHEMA_VERSION {
        return Err(EngineError::NewerSchema {
            path: dir.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    let meta = db.open_tree(trees::META)?;
    for (from, step) in LADDER.iter().enumerate().skip(found as usize) {
        step(db, clock)?;
        let to = from as u32 + 1;
        meta.insert(VERSION_KEY, &to.to_be_bytes())?;
        db.flush()?;
    }
    Ok(())
}

pub(crate) fn read_version(db: &sled::Db) -> Result<u32, EngineError> {
    let meta = db.open_tree(trees::META)?;
    match meta.get(VERSION_KEY)? {
        None => Ok(0),
        Some(bytes) => {
            let raw: [u8; 4] = bytes
                .as_ref()
                .try_into()
                .map_err(|_| EngineError::Corrupt {
                    what: "schema_version".into(),
                    reason: format!("{} bytes instead of 4", bytes.len()),
                })?;
            Ok(u32::from_be_bytes(raw))
        }
    }
}

/// Version 0 is a folder no Laju has versioned yet (new, or from a pre-release build): keep
/// whatever it holds and record when this workspace began.
fn v0_stamp_creation(db: &sled::Db, clock: &dyn Clock) -> Result<(), EngineError> {
    let meta = db.open_tree(trees::META)?;
    if meta.get(CREATED_AT_KEY)?.is_none() {
        meta.insert(CREATED_AT_KEY, clock.now().to_rfc3339().as_bytes())?;
    }
    Ok(())
}

/// Version 2 brings leads and the Playbook; a workspace starts on the documented defaults, as
/// version 1 of its agreement.
fn v1_default_playbook(db: &sled::Db, clock: &dyn Clock) -> Result<(), EngineError> {
    let versions = db.open_tree(trees::PLAYBOOK_BY_VERSION)?;
    if versions.is_empty() {
        let first = crate::playbook::PlaybookVersion {
            version: 1,
            saved_at: clock.now(),
            actor: "Laju defaults".into(),
            playbook: laju_core::Playbook::default(),
        };
        versions.insert(
            1u32.to_be_bytes(),
            crate::codec::encode("playbook", &first)?,
        )?;
    }
    Ok(())
}

/// Version 3 brings the handoff: MQLs stored before it have no deadline or assignee. Routing
/// needs the whole engine (rules, roster, list rows), so this step only leaves a note; the
/// workspace opens their handoffs through the normal write path and then removes it.
fn v2_queue_handoffs(db: &sled::Db, _clock: &dyn Clock) -> Result<(), EngineError> {
    db.open_tree(trees::META)?
        .insert(ADOPT_MQLS_KEY, &[] as &[u8])?;
    Ok(())
}

/// Version 4 brings the funnel's maintained aggregates; like the handoffs, they are built by the
/// workspace (it knows the Playbook's ICP), from every lead, once.
fn v3_queue_funnel(db: &sled::Db, _clock: &dyn Clock) -> Result<(), EngineError> {
    db.open_tree(trees::META)?
        .insert(REBUILD_FUNNEL_KEY, &[] as &[u8])?;
    Ok(())
}
