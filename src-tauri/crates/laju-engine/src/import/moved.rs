//! An import's changes through the one write path, and what the Playbook's rules did with the
//! leads: which entered Known or MQL, which handoffs opened. The result screen and the CLI lead
//! with these counts.

use super::batch::{rate, Progress};
use super::{ImportPhase, Moved, MovedLead};
use crate::commit::{Change, Step};
use crate::{EngineError, Workspace};
use laju_core::gates::{self, Criterion};
use laju_core::handoff::Handoff;
use laju_core::lead::LeadId;
use laju_core::Stage;
use std::collections::HashMap;
use std::time::Instant;

impl Moved {
    /// How many moved leads the report lists by name.
    pub const LISTED: usize = 200;
}

/// Where a lead stood before the import: its stage (none if new), how much history it had,
/// and whether a handoff was already waiting.
struct Before {
    stage: Option<Stage>,
    history: usize,
    waiting: bool,
}

/// Commits `changes` (progress as Applying, then Saving) and tells what moved.
pub(super) fn commit_import(
    workspace: &Workspace,
    changes: Vec<Change>,
    started: Instant,
    progress: Progress<'_>,
) -> Result<Moved, EngineError> {
    let before: HashMap<LeadId, Before> = changes
        .iter()
        .map(|c| {
            let stored = c.before.as_ref();
            let before = Before {
                stage: stored.map(|l| l.stage),
                history: c.history.len() - c.added().len(),
                waiting: stored
                    .and_then(|l| l.handoff.as_ref())
                    .is_some_and(Handoff::is_pending),
            };
            (c.lead.id, before)
        })
        .collect();
    let total = changes.len();
    let records = workspace.commit(changes, &mut |step| match step {
        Step::Applying { done, total } => {
            progress(&rate(ImportPhase::Applying, done, total, started))
        }
        Step::Saving => progress(&rate(ImportPhase::Saving, total, total, started)),
    })?;
    let playbook = workspace.playbook()?.playbook;
    let mut moved = Moved::default();
    for record in &records {
        let lead = &record.lead;
        let Some(was) = before.get(&lead.id) else {
            continue;
        };
        let entered = |stage: Stage| {
            record
                .history
                .iter()
                .skip(was.history)
                .any(|h| h.to == stage)
        };
        moved.known += u64::from(entered(Stage::Known));
        moved.mql += u64::from(entered(Stage::Mql));
        // Kept out of Known by the name alone: the gate's only unmet criterion (asked only of
        // anonymous leads, not of every lead an import touches).
        let for_a_name = lead.stage == Stage::Anonymous
            && matches!(gates::unmet(Stage::Known, &lead.profile, &playbook).as_slice(),
                [u] if u.criterion == Criterion::NameKnown);
        moved.unnamed += u64::from(for_a_name);
        let waiting = lead.handoff.as_ref().is_some_and(Handoff::is_pending);
        moved.handoffs += u64::from(waiting && !was.waiting);
        if was.stage != Some(lead.stage) && moved.leads.len() < Moved::LISTED {
            moved.leads.push(MovedLead {
                id: lead.id,
                name: lead.profile.contact.name.clone(),
                from: was.stage,
                to: lead.stage,
            });
        }
    }
    Ok(moved)
}
