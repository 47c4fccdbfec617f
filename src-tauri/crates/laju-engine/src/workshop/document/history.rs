//! The Playbook page's history: each version and what it changed, worded in the reader's
//! language as the agreement document's "What changed" section words it ("MQL threshold: 50 →
//! 40", "Added: Team member Aisyah"), not as the JSON paths the edits are found by.

use super::sections;
use super::words::Words;
use crate::playbook::edits_between;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::Locale;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HistoryRequest {
    pub lang: Locale,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VersionChanges {
    pub version: u32,
    pub saved_at: DateTime<Utc>,
    pub actor: String,
    /// What changed since the version before, a line each; empty for the first version.
    pub lines: Vec<String>,
}

impl Workspace {
    /// Newest first.
    pub fn playbook_changes(
        &self,
        request: &HistoryRequest,
    ) -> Result<Vec<VersionChanges>, EngineError> {
        let w = Words::of(request.lang);
        let versions = self.playbook_versions()?;
        let mut out = Vec::with_capacity(versions.len());
        for (i, this) in versions.iter().enumerate().rev() {
            let lines = match i.checked_sub(1).map(|p| &versions[p]) {
                None => Vec::new(),
                Some(previous) => {
                    let edits = edits_between(&previous.playbook, &this.playbook);
                    sections::worded(&w, this, previous, &edits)
                }
            };
            out.push(VersionChanges {
                version: this.version,
                saved_at: this.saved_at,
                actor: this.actor.clone(),
                lines,
            });
        }
        Ok(out)
    }
}
