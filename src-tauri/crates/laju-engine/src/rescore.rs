//! Re-deriving every lead's scores and classes after the Playbook changes. Each lead goes
//! through `commit` like any change, in batches so edits made meanwhile interleave, and with
//! progress reported as it goes. A lead that the new Playbook's rules now move (a lowered MQL
//! threshold, say) is moved here, so its history names the rule; the funnel's segments follow
//! a changed ICP because `commit` recomputes each lead's facts.

use crate::commit::Change;
use crate::store::trees;
use crate::{EngineError, Workspace};
use serde::Serialize;
use ts_rs::TS;

const BATCH: usize = 500;
/// meta key: the Playbook version every stored record was scored with.
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
    /// Whether records were scored with an older Playbook (a rescore was cut short).
    pub fn needs_rescore(&self) -> Result<bool, EngineError> {
        let meta = self.db().open_tree(trees::META)?;
        // Until the first rescore, records were all written under the first Playbook.
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
        let ids: Vec<_> = self.derived().rows.all().map(|row| row.id).collect();
        let mut report = RescoreProgress {
            done: 0,
            total: ids.len() as u32,
            playbook_version: version.version,
        };
        progress(report);
        for chunk in ids.chunks(BATCH) {
            // Locked per batch so an edit made meanwhile is neither lost nor overwritten.
            let _guard = self.write_lock();
            let changes = chunk
                .iter()
                .map(|id| Ok(Change::edit(self.load_record(*id)?)))
                .collect::<Result<Vec<_>, EngineError>>()?;
            self.commit(changes, &mut |_| true)?;
            report.done += chunk.len() as u32;
            progress(report);
        }
        let meta = self.db().open_tree(trees::META)?;
        meta.insert(SCORED_WITH, &version.version.to_be_bytes())?;
        self.db().flush()?;
        Ok(report)
    }
}
