//! The Playbook as stored: every saved version kept, so the team sees what changed and when.

use crate::codec::{decode, encode};
use crate::store::trees;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::Playbook;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PlaybookVersion {
    pub version: u32,
    pub saved_at: DateTime<Utc>,
    pub actor: String,
    pub playbook: Playbook,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SavePlaybook {
    /// The version the editor started from; saving over a newer one is refused.
    pub base_version: u32,
    pub playbook: Playbook,
}

/// One version as a list of edits against the one before it (worded for people by
/// `workshop::document`).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaybookChange {
    pub version: u32,
    pub saved_at: DateTime<Utc>,
    pub actor: String,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Dotted path, e.g. `engagement.mqlThreshold` or `sourcePoints.0.points`.
    pub path: String,
    /// The values as they were, typed: a territory "50450" is text, a capacity 50450 a number.
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Workspace {
    /// The version in force. Every change reads it, so it is kept decoded in memory.
    pub fn playbook(&self) -> Result<PlaybookVersion, EngineError> {
        if let Some(current) = self.current_playbook().as_ref() {
            return Ok(current.clone());
        }
        let versions = self.db().open_tree(trees::PLAYBOOK_BY_VERSION)?;
        let current: PlaybookVersion = match versions.last()? {
            Some((_, raw)) => decode("playbook", &raw)?,
            None => {
                return Err(EngineError::NotFound {
                    what: "The Playbook".into(),
                })
            }
        };
        *self.current_playbook() = Some(current.clone());
        Ok(current)
    }

    /// Saves a new version (flushed) and returns it. Leads keep their scores until
    /// [`Workspace::rescore_all`] runs, which the caller starts next.
    pub fn save_playbook(
        &self,
        input: SavePlaybook,
        actor: &str,
    ) -> Result<PlaybookVersion, EngineError> {
        input
            .playbook
            .validate()
            .map_err(|p| EngineError::Invalid(p.to_string()))?;
        let current = self.playbook()?;
        if input.base_version != current.version {
            return Err(EngineError::Conflict(format!(
                "The Playbook was changed (now version {}) since you opened version {}. \
                 Reload it, then make your change again.",
                current.version, input.base_version
            )));
        }
        if input.playbook == current.playbook {
            return Ok(current);
        }
        let next = PlaybookVersion {
            version: current.version + 1,
            saved_at: self.now(),
            actor: actor.to_string(),
            playbook: input.playbook,
        };
        let versions = self.db().open_tree(trees::PLAYBOOK_BY_VERSION)?;
        versions.insert(next.version.to_be_bytes(), encode("playbook", &next)?)?;
        self.db().flush()?;
        *self.current_playbook() = Some(next.clone());
        Ok(next)
    }

    /// Newest first.
    pub fn playbook_history(&self) -> Result<Vec<PlaybookChange>, EngineError> {
        let versions = self.playbook_versions()?;
        let mut out: Vec<PlaybookChange> = versions
            .iter()
            .enumerate()
            .map(|(i, v)| PlaybookChange {
                version: v.version,
                saved_at: v.saved_at,
                actor: v.actor.clone(),
                edits: match i.checked_sub(1) {
                    Some(p) => edits_between(&versions[p].playbook, &v.playbook),
                    None => Vec::new(),
                },
            })
            .collect();
        out.reverse();
        Ok(out)
    }

    /// Every stored version, oldest first.
    pub(crate) fn playbook_versions(&self) -> Result<Vec<PlaybookVersion>, EngineError> {
        let versions = self.db().open_tree(trees::PLAYBOOK_BY_VERSION)?;
        versions
            .iter()
            .map(|entry| decode("playbook", &entry?.1))
            .collect()
    }
}

/// What changed from `before` to `after`, one edit per JSON path.
pub(crate) fn edits_between(before: &Playbook, after: &Playbook) -> Vec<Edit> {
    // Serialising a Playbook to a JSON value cannot fail: its maps have text keys.
    let json = |p: &Playbook| serde_json::to_value(p).unwrap_or(Value::Null);
    let mut edits = Vec::new();
    diff("", &json(before), &json(after), &mut edits);
    edits
}

fn diff(path: &str, before: &Value, after: &Value, out: &mut Vec<Edit>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, va) in a {
                match b.get(key) {
                    Some(vb) => diff(&join(key), va, vb, out),
                    None => out.push(edit(&join(key), Some(va), None)),
                }
            }
            for (key, vb) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                out.push(edit(&join(key), None, Some(vb)));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                match (a.get(i), b.get(i)) {
                    (Some(va), Some(vb)) => diff(&join(&i.to_string()), va, vb, out),
                    (va, vb) => out.push(edit(&join(&i.to_string()), va, vb)),
                }
            }
        }
        (a, b) if a != b => out.push(edit(path, Some(a), Some(b))),
        _ => {}
    }
}

fn edit(path: &str, before: Option<&Value>, after: Option<&Value>) -> Edit {
    Edit {
        path: path.to_string(),
        before: before.cloned(),
        after: after.cloned(),
    }
}
