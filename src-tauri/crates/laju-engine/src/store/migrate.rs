//! The schema ladder. Step `n` lifts a store from version `n` to `n + 1`; each step runs once,
//! in order, and the new version is flushed with it, so a crash mid-ladder resumes where it
//! stopped. A store newer than this build is refused rather than guessed at.

use super::record::{self, LeadRecord};
use super::trees;
use crate::codec::decode;
use crate::derived::Scored;
use crate::leads::{LeadRow, MergeLinks};
use crate::{Clock, EngineError};
use laju_core::activity::Activity;
use laju_core::assess::assess;
use laju_core::lead::{Lead, Outcome};
use std::path::Path;

type Step = fn(&sled::Db, &Path, &dyn Clock) -> Result<(), EngineError>;

const LADDER: [Step; 6] = [
    v0_stamp_creation,
    v1_default_playbook,
    v2_queue_handoffs,
    v3_funnel_cells,
    v4_one_record_per_lead,
    v5_moments_as_numbers,
];

pub const SCHEMA_VERSION: u32 = LADDER.len() as u32;

const VERSION_KEY: &str = "schema_version";
pub(crate) const CREATED_AT_KEY: &str = "created_at";
/// Present while MQLs from before schema 3 still wait for their handoff (see `v2_queue_handoffs`).
pub(crate) const ADOPT_MQLS_KEY: &str = "adopt_mqls";
/// Left by schema 4 until its stored funnel cells were built; schema 5 keeps none.
const REBUILD_FUNNEL_KEY: &str = "rebuild_funnel";
/// Present from the moment the schema-5 conversion's backup is safe until the last lead is
/// converted, so a conversion cut short resumes without a second backup.
const CONVERTING_KEY: &str = "converting_to_records";

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
        step(db, dir, clock)?;
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
fn v0_stamp_creation(db: &sled::Db, _dir: &Path, clock: &dyn Clock) -> Result<(), EngineError> {
    let meta = db.open_tree(trees::META)?;
    if meta.get(CREATED_AT_KEY)?.is_none() {
        meta.insert(CREATED_AT_KEY, clock.now().to_rfc3339().as_bytes())?;
    }
    Ok(())
}

/// Version 2 brings leads and the Playbook; a workspace starts on the documented defaults, as
/// version 1 of its agreement.
fn v1_default_playbook(db: &sled::Db, _dir: &Path, clock: &dyn Clock) -> Result<(), EngineError> {
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
fn v2_queue_handoffs(db: &sled::Db, _dir: &Path, _clock: &dyn Clock) -> Result<(), EngineError> {
    db.open_tree(trees::META)?
        .insert(ADOPT_MQLS_KEY, &[] as &[u8])?;
    Ok(())
}

/// Version 4 brought the funnel's stored aggregates. From version 5 they live in memory and are
/// rebuilt at every open, so there is nothing left for this step to do.
fn v3_funnel_cells(_db: &sled::Db, _dir: &Path, _clock: &dyn Clock) -> Result<(), EngineError> {
    Ok(())
}

/// Version 5 keeps one record per lead. Each schema-4 lead (JSON) and its history, activities
/// and list row become one record under the same key; the derived trees are dropped. A backup
/// of the schema-4 folder is written first. The work is flushed every `CONVERT_EVERY` leads and
/// a converted lead is recognised by its record's version byte, so a conversion that is killed
/// resumes at the next open where it stopped.
fn v4_one_record_per_lead(db: &sled::Db, dir: &Path, clock: &dyn Clock) -> Result<(), EngineError> {
    const CONVERT_EVERY: usize = 1_000;
    let meta = db.open_tree(trees::META)?;
    let leads = db.open_tree(trees::LEAD_BY_ID)?;
    if meta.get(CONVERTING_KEY)?.is_none() {
        if !leads.is_empty() {
            let now = clock.now();
            let name = format!("before-schema-5-{}.lajubak", now.format("%Y%m%d-%H%M%S"));
            crate::backup::write_backup(db, 4, &crate::backup::backups_dir(dir).join(name), now)?;
        }
        meta.insert(CONVERTING_KEY, &[] as &[u8])?;
        db.flush()?;
    }
    let old = V4Trees::open(db)?;
    let keys: Vec<sled::IVec> = leads.iter().keys().collect::<Result<_, _>>()?;
    for chunk in keys.chunks(CONVERT_EVERY) {
        let mut batch = sled::Batch::default();
        for key in chunk {
            let Some(raw) = leads.get(key)? else { continue };
            if LeadRecord::is_record(&raw) {
                continue;
            }
            batch.insert(key, old.record(key, &raw, db, clock)?.encode()?);
        }
        leads.apply_batch(batch)?;
        db.flush()?;
    }
    for name in V4Trees::NAMES {
        db.drop_tree(name)?;
    }
    meta.remove(REBUILD_FUNNEL_KEY)?;
    meta.remove(CONVERTING_KEY)?;
    Ok(())
}

/// Schema 6 writes records of version 2, whose moments are numbers. This build reads version-1
/// records as they are (`record.rs`), so nothing is converted: the step only raises the schema,
/// which makes an older Laju, unable to read version 2, refuse the folder as a whole instead of
/// failing on the first lead that changed.
fn v5_moments_as_numbers(_: &sled::Db, _: &Path, _: &dyn Clock) -> Result<(), EngineError> {
    Ok(())
}

/// What schema 4 stored beside each lead.
struct V4Trees {
    history: sled::Tree,
    activities: sled::Tree,
    rows: sled::Tree,
}

impl V4Trees {
    const NAMES: [&'static str; 8] = [
        "row_by_lead",
        "history_by_lead",
        "activity_by_lead",
        "lead_by_email",
        "lead_by_external_id",
        "due_by_time",
        "facts_by_lead",
        "funnel_by_cell",
    ];

    fn open(db: &sled::Db) -> Result<V4Trees, EngineError> {
        Ok(V4Trees {
            history: db.open_tree("history_by_lead")?,
            activities: db.open_tree("activity_by_lead")?,
            rows: db.open_tree("row_by_lead")?,
        })
    }

    fn record(
        &self,
        key: &[u8],
        raw: &[u8],
        db: &sled::Db,
        clock: &dyn Clock,
    ) -> Result<LeadRecord, EngineError> {
        let what = format!("lead {}", record::id_of(key).unwrap_or_default());
        let lead: Lead = decode(&what, raw)?;
        let history = self
            .history
            .scan_prefix(key)
            .values()
            .map(|raw| decode(&what, &raw?))
            .collect::<Result<_, EngineError>>()?;
        let activities: Vec<Activity> = self
            .activities
            .scan_prefix(key)
            .values()
            .map(|raw| decode(&what, &raw?))
            .collect::<Result<_, EngineError>>()?;
        let scored = match self.rows.get(key)? {
            Some(raw) => scored_of(&decode(&what, &raw)?),
            // Every schema-4 lead has a row (same transaction); score one that lacks it now.
            None => {
                let playbook = latest_playbook(db)?;
                Scored::of(&assess(&lead, &activities, false, &playbook, clock.now()))
            }
        };
        Ok(LeadRecord {
            history,
            activities,
            links: MergeLinks {
                into: merged_into(&lead),
                from: Vec::new(),
            },
            lead,
            scored,
        })
    }
}

/// Schema 4 marked a merged duplicate only by its disqualification reason; schema 5 links it.
fn merged_into(lead: &Lead) -> Option<u64> {
    match &lead.outcome {
        Some(Outcome::Disqualified { reason, .. }) => {
            reason.strip_prefix("Merged into lead ")?.parse().ok()
        }
        _ => None,
    }
}

fn scored_of(row: &LeadRow) -> Scored {
    Scored {
        priority: row.priority,
        engagement: row.engagement,
        source: row.source,
        qualification: row.qualification,
        fit: row.fit,
        quadrant: row.quadrant,
        temperature: row.temperature,
    }
}

fn latest_playbook(db: &sled::Db) -> Result<laju_core::Playbook, EngineError> {
    let versions = db.open_tree(trees::PLAYBOOK_BY_VERSION)?;
    match versions.last()? {
        Some((_, raw)) => {
            Ok(decode::<crate::playbook::PlaybookVersion>("playbook", &raw)?.playbook)
        }
        None => Ok(laju_core::Playbook::default()),
    }
}
