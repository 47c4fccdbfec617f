//! Re-deriving every lead's scores and classes after the Playbook changes. Rows are derived
//! data, so this runs in batches outside the edit path and reports progress as it goes. A lead
//! that the new Playbook's rules now move (a lowered MQL threshold, say) is moved here, through
//! the same path as any change, so its history names the rule.

use crate::codec::{encode, id_from_suffix, id_key};
use crate::leads::Change;
use crate::leads::LeadRow;
use crate::store::{trees, REBUILD_FUNNEL_KEY};
use crate::{EngineError, Workspace};
use laju_core::assess::assess;
use laju_core::{scoring, triggers};
use serde::Serialize;
use ts_rs::TS;

const BATCH: usize = 500;
/// meta key: the Playbook version every stored row was computed with.
const SCORED_WITH: &str = "rows_scored_with_playbook";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RescoreProgress {
    pub done: u32,
    pub total: u32,
    pub playbook_version: u32,
}

impl Workspace {
    /// Whether rows were computed with an older Playbook (a rescore was cut short).
    pub fn needs_rescore(&self) -> Result<bool, EngineError> {
        let meta = self.db().open_tree(trees::META)?;
        // Until the first rescore, rows were all written under the first Playbook.
        let scored = meta
            .get(SCORED_WITH)?
            .and_then(|raw| raw.as_ref().try_into().ok().map(u32::from_be_bytes))
            .unwrap_or(1);
        Ok(scored != self.playbook()?.version)
    }

    /// Rescores every lead with the current Playbook, calling `progress` after each batch.
    pub fn rescore_all(
        &self,
        mut progress: impl FnMut(RescoreProgress),
    ) -> Result<RescoreProgress, EngineError> {
        let version = self.playbook()?;
        let playbook = version.playbook;
        let leads = self.db().open_tree(trees::LEAD_BY_ID)?;
        let rows = self.db().open_tree(trees::ROW_BY_LEAD)?;
        let total = leads.len() as u32;
        let mut report = RescoreProgress {
            done: 0,
            total,
            playbook_version: version.version,
        };
        progress(report);
        let mut batch = Vec::with_capacity(BATCH);
        for key in leads.iter().keys() {
            let id = id_from_suffix(&key?).unwrap_or_default();
            // Locked per lead so an edit made meanwhile is neither lost nor overwritten.
            let _guard = self.write_lock();
            let (lead, activities) = self.load_lead(id)?;
            let now = self.now();
            let engagement = scoring::engagement(&lead.profile, &activities, &playbook, now).total;
            if triggers::first_firing(&lead, &activities, engagement, &playbook, now).is_some() {
                let change = Change::new(Some(lead.clone()), lead, activities, Vec::new());
                self.commit_with_triggers(change)?;
                report.done += 1;
                continue;
            }
            let duplicate = self.duplicate_of(&lead)?.is_some();
            let assessment = assess(&lead, &activities, duplicate, &playbook, self.now());
            let row = LeadRow::of(&lead, &assessment);
            rows.insert(id_key(lead.id), encode("lead row", &row)?)?;
            batch.push(row);
            if batch.len() == BATCH {
                report.done += self.publish(&mut batch)?;
                progress(report);
            }
        }
        report.done += self.publish(&mut batch)?;
        let meta = self.db().open_tree(trees::META)?;
        // The funnel's segments follow the ICP, which may just have changed: rebuild its cells.
        meta.insert(REBUILD_FUNNEL_KEY, &[] as &[u8])?;
        self.rebuild_funnel()?;
        meta.insert(SCORED_WITH, &version.version.to_be_bytes())?;
        self.db().flush()?;
        progress(report);
        Ok(report)
    }

    fn publish(&self, batch: &mut Vec<LeadRow>) -> Result<u32, EngineError> {
        self.db().flush()?;
        let count = batch.len() as u32;
        let mut index = self.rows_mut();
        for row in batch.drain(..) {
            index.put(row);
        }
        Ok(count)
    }
}
