//! What a lead's moves back to marketing add to its cell: per stage it left, how many times
//! each reason was given. The quarterly review lists them ("recycled leads and why"); a
//! rejected handoff is one of them (MQL → Recycled), with the reason sales typed.
//!
//! Reasons are counted as written (trimmed), never parsed: two spellings are two lines.

use crate::lifecycle::StageChange;
use crate::Stage;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One move into Recycled: the stage it left and the reason given ("" when none was).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecycleFact {
    pub from: Stage,
    pub reason: String,
}

impl RecycleFact {
    /// Every move into Recycled in a history. The creation entry has no stage it left: a lead
    /// created as Recycled was sent back by nobody here, so it adds none.
    pub fn all_of(history: &[StageChange]) -> Vec<RecycleFact> {
        history
            .iter()
            .filter(|c| c.to == Stage::Recycled)
            .filter_map(|c| {
                Some(RecycleFact {
                    from: c.from?,
                    reason: c.reason.as_deref().unwrap_or("").trim().to_string(),
                })
            })
            .collect()
    }
}

/// Stage left → reason → how many moves.
pub type RecycleCounts = BTreeMap<Stage, BTreeMap<String, u64>>;

pub(super) fn apply(counts: &mut RecycleCounts, facts: &[RecycleFact], sign: i8) {
    for fact in facts {
        let reasons = counts.entry(fact.from).or_default();
        let n = reasons.entry(fact.reason.clone()).or_default();
        *n = if sign > 0 {
            *n + 1
        } else {
            n.saturating_sub(1)
        };
        if *n == 0 {
            reasons.remove(&fact.reason);
        }
        if reasons.is_empty() {
            counts.remove(&fact.from);
        }
    }
}

pub(super) fn merge(into: &mut RecycleCounts, other: &RecycleCounts) {
    for (from, reasons) in other {
        let mine = into.entry(*from).or_default();
        for (reason, n) in reasons {
            *mine.entry(reason.clone()).or_default() += n;
        }
    }
}
