//! One record per lead: the lead with its whole stage history, its activities and (inside the
//! lead) its handoff, in `lead_by_id`. Nothing else about a lead is stored; every index, list
//! row, queue and funnel cell is rebuilt from these records at open (see `derived`).
//!
//! Encoding: a version byte, then MessagePack (`rmp-serde`) with structs as arrays. Measured on
//! the import benchmark's leads: 456 bytes a record against 1,125 with field names (and ~1.9 KB
//! of JSON over seven keys in schema 4), which halves what a reopen reads. Arrays make fields
//! positional: a field may be added only at the end of a struct and with `#[serde(default)]`;
//! any other layout change bumps `VERSION` and converts the records in a migration.
//!
//! Version 2 writes moments as nanoseconds (`laju_core::timestamp`) where version 1 wrote RFC
//! 3339 text; nothing else differs, and the same reader takes both, so version-1 records are
//! read as they are and rewritten as version 2 when their lead next changes.

use super::trees;
use crate::derived::Scored;
use crate::leads::MergeLinks;
use crate::EngineError;
use laju_core::activity::Activity;
use laju_core::lead::{Lead, LeadId};
use laju_core::lifecycle::StageChange;
use laju_core::routing::RoutingState;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Bumped when a record's layout changes in a way serde defaults cannot absorb.
const VERSION: u8 = 2;
/// Versions this build reads: version 1 differs only in how moments are written.
const READS: [u8; 2] = [1, VERSION];

/// The settings key of the routing memory (round-robin turns, weighted counts).
pub(crate) const ROUTING_STATE_KEY: &str = "routing_state";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LeadRecord {
    pub lead: Lead,
    /// Oldest first.
    pub history: Vec<StageChange>,
    /// In logging order.
    pub activities: Vec<Activity>,
    /// What the rules concluded when the record was written. Kept (not recomputed at open)
    /// because the list shows scores as of the last change, as it always has, and scoring
    /// every lead at open would triple the time to open a large workspace.
    pub scored: Scored,
    #[serde(default)]
    pub links: MergeLinks,
}

pub(crate) fn key(id: LeadId) -> [u8; 8] {
    id.to_be_bytes()
}

pub(crate) fn id_of(key: &[u8]) -> Option<LeadId> {
    key.try_into().ok().map(LeadId::from_be_bytes)
}

impl LeadRecord {
    pub fn id(&self) -> LeadId {
        self.lead.id
    }

    pub fn encode(&self) -> Result<Vec<u8>, EngineError> {
        let mut out = Vec::with_capacity(512);
        out.push(VERSION);
        rmp_serde::encode::write(&mut out, self).map_err(|e| EngineError::Corrupt {
            what: format!("lead {}", self.lead.id),
            reason: e.to_string(),
        })?;
        Ok(out)
    }

    /// A record that cannot be read names its lead and folder and where the backups are.
    pub fn decode(id: LeadId, raw: &[u8], dir: &Path) -> Result<LeadRecord, EngineError> {
        let damaged = |reason: String| EngineError::DamagedLead {
            id,
            path: dir.to_path_buf(),
            reason,
        };
        match raw.split_first() {
            Some((version, body)) if READS.contains(version) => {
                rmp_serde::from_slice(body).map_err(|e| damaged(e.to_string()))
            }
            Some((version, _)) => Err(damaged(format!("unknown record version {version}"))),
            None => Err(damaged("the record is empty".into())),
        }
    }

    /// Whether `raw` is a record of this format (a schema-4 lead is JSON, starting with `{`).
    pub fn is_record(raw: &[u8]) -> bool {
        raw.first().is_some_and(|version| READS.contains(version))
    }
}

/// Reads one lead's record.
pub(crate) fn get(db: &sled::Db, dir: &Path, id: LeadId) -> Result<LeadRecord, EngineError> {
    let raw = db
        .open_tree(trees::LEAD_BY_ID)?
        .get(key(id))?
        .ok_or_else(|| EngineError::NotFound {
            what: format!("Lead {id}"),
        })?;
    LeadRecord::decode(id, &raw, dir)
}

/// Every record, in id order. The id range is cut into one slice per core and each slice is
/// read and decoded on its own thread: sled's scan and the decoding are most of the time a
/// large workspace takes to open, and both are per-record work.
pub(crate) fn all(db: &sled::Db, dir: &Path) -> Result<Vec<LeadRecord>, EngineError> {
    let tree = db.open_tree(trees::LEAD_BY_ID)?;
    let Some(last) = tree.last()?.and_then(|(key, _)| id_of(&key)) else {
        return Ok(Vec::new());
    };
    let slices = rayon::current_num_threads().max(1) as LeadId;
    let width = last / slices + 1;
    let parts: Vec<Vec<LeadRecord>> = (0..slices)
        .into_par_iter()
        .map(|n| {
            let from = n * width;
            let to = (n + 1 < slices).then_some(from + width);
            in_range(&tree, dir, from, to)
        })
        .collect::<Result<_, EngineError>>()?;
    Ok(parts.into_iter().flatten().collect())
}

/// The records with ids from `from` up to `to` (to the last when `to` is None), in id order.
pub(crate) fn in_range(
    tree: &sled::Tree,
    dir: &Path,
    from: LeadId,
    to: Option<LeadId>,
) -> Result<Vec<LeadRecord>, EngineError> {
    let slice = match to {
        Some(to) => tree.range(key(from)..key(to)),
        None => tree.range(key(from)..),
    };
    slice.map(|entry| decoded(entry?, dir)).collect()
}

fn decoded((key, value): (sled::IVec, sled::IVec), dir: &Path) -> Result<LeadRecord, EngineError> {
    let id = id_of(&key).ok_or_else(|| EngineError::Corrupt {
        what: format!("a lead key in {}", dir.display()),
        reason: format!("{} bytes instead of 8", key.len()),
    })?;
    LeadRecord::decode(id, &value, dir)
}

/// Every record in id order, one at a time (exports read a whole workspace this way without
/// holding it all in memory).
pub(crate) fn each<'a>(
    db: &sled::Db,
    dir: &'a Path,
) -> Result<impl Iterator<Item = Result<LeadRecord, EngineError>> + 'a, EngineError> {
    Ok(db
        .open_tree(trees::LEAD_BY_ID)?
        .iter()
        .map(move |entry| decoded(entry?, dir)))
}

/// The highest lead id stored, if any.
pub(crate) fn last_id(db: &sled::Db) -> Result<Option<LeadId>, EngineError> {
    Ok(db
        .open_tree(trees::LEAD_BY_ID)?
        .last()?
        .and_then(|(key, _)| id_of(&key)))
}

/// Writes `records` with one batch on `lead_by_id`, then the routing memory when it changed,
/// then flushes: when this returns, all of it is on disk.
///
/// The routing memory is a separate key in `setting_by_name`, written after the batch. sled
/// recovers a prefix of its log, so a crash can keep the records and lose the memory's last
/// update; that only changes whose turn the next round-robin pick is, never a lead.
pub(crate) fn write(
    db: &sled::Db,
    records: &[LeadRecord],
    routing: Option<&RoutingState>,
) -> Result<(), EngineError> {
    let mut batch = sled::Batch::default();
    for record in records {
        batch.insert(&key(record.id()), record.encode()?);
    }
    db.open_tree(trees::LEAD_BY_ID)?.apply_batch(batch)?;
    if let Some(state) = routing {
        let json = crate::codec::encode("routing state", state)?;
        db.open_tree(trees::SETTING_BY_NAME)?
            .insert(ROUTING_STATE_KEY, json)?;
    }
    db.flush()?;
    Ok(())
}

/// The routing memory as last written.
pub(crate) fn routing_state(db: &sled::Db) -> Result<RoutingState, EngineError> {
    match db
        .open_tree(trees::SETTING_BY_NAME)?
        .get(ROUTING_STATE_KEY)?
    {
        None => Ok(RoutingState::default()),
        Some(raw) => crate::codec::decode("routing state", &raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FixedClock, Workspace};
    use chrono::{TimeZone, Utc};
    use laju_core::Stage;
    use std::sync::Arc;

    const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/record-v1.bin");

    /// Record fields are positional (see the module doc): a record written by this version must
    /// read back the same forever, fields added since at their defaults. The fixture is a sample
    /// MQL waiting for sales (a routed handoff, stage history and activities), written once with
    /// `LAJU_WRITE_GOLDEN=1` before the visitor id and the activities' source and campaign were
    /// added.
    #[test]
    fn a_version_1_record_still_reads_field_for_field() {
        if std::env::var_os("LAJU_WRITE_GOLDEN").is_some() {
            let dir = tempfile::tempdir().expect("tempdir");
            let at = Utc
                .with_ymd_and_hms(2026, 11, 2, 9, 30, 0)
                .single()
                .expect("valid");
            let ws = Workspace::open(dir.path(), Arc::new(FixedClock::at(at))).expect("open");
            ws.load_sample(60).expect("sample");
            let records = all(ws.db(), ws.dir()).expect("records");
            let mql = records
                .iter()
                .find(|r| r.lead.handoff.is_some() && r.activities.len() > 1)
                .expect("a waiting MQL");
            std::fs::write(GOLDEN, mql.encode().expect("encode")).expect("write");
        }
        let bytes = std::fs::read(GOLDEN).expect("the fixture is committed");
        assert_eq!(bytes[0], 1, "the fixture is a version-1 record");
        let record = LeadRecord::decode(1, &bytes, Path::new("fixture")).expect("decodes");
        let again = record.encode().expect("encode");
        assert_eq!(
            LeadRecord::decode(1, &again, Path::new("fixture")).expect("decodes"),
            record,
            "what it reads as is written back (as version 2) the same"
        );
        assert_eq!(again[0], VERSION);
        // The lead's id, stage and the start of its profile come before its first moment.
        assert_eq!(
            again[1..32],
            bytes[1..32],
            "the layout only grew at the ends of structs"
        );
        assert_eq!(record.lead.profile.contact.name, "Suresh Subramaniam");
        assert_eq!(
            record.lead.profile.source.visitor_id, "",
            "added later: its default"
        );
        assert!(record.activities.iter().all(|a| a.source.is_empty()));
        assert_eq!(record.lead.stage, Stage::Mql);
        let path: Vec<Stage> = record.history.iter().map(|h| h.to).collect();
        assert_eq!(path.first(), Some(&Stage::Anonymous), "{path:?}");
        assert_eq!(path.last(), Some(&Stage::Mql), "{path:?}");
        let handoff = record.lead.handoff.as_ref().expect("its handoff");
        assert!(handoff.deadline > handoff.started_at);
        assert!(handoff.assignee().is_some());
        assert_eq!(
            record.lead.stage_entered_at,
            record.history[path.len() - 1].at
        );
    }

    #[test]
    fn moments_are_written_as_numbers_to_the_nanosecond() {
        let bytes = std::fs::read(GOLDEN).expect("the fixture is committed");
        let mut record = LeadRecord::decode(1, &bytes, Path::new("fixture")).expect("decodes");
        let text = (record.lead.created_at).to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        assert!(
            bytes.windows(text.len()).any(|w| w == text.as_bytes()),
            "version 1 wrote {text} as text"
        );
        record.lead.updated_at += chrono::Duration::nanoseconds(1);
        record.history[0].at = Utc.with_ymd_and_hms(2300, 1, 1, 0, 0, 0).unwrap();
        let written = record.encode().expect("encode");
        assert!(
            !written.windows(text.len()).any(|w| w == text.as_bytes()),
            "version 2 writes it as a number"
        );
        assert!(
            written.len() < bytes.len(),
            "{} < {}",
            written.len(),
            bytes.len()
        );
        assert_eq!(
            LeadRecord::decode(1, &written, Path::new("fixture")).expect("decodes"),
            record,
            "a nanosecond kept, and a moment past 2262 (kept as text) too"
        );
    }
}
